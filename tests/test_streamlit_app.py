"""The app's reader: look up a provision, browse contents, and plain-worded errors."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.settings import PROJECT_ROOT, get_settings


@pytest.fixture
def app(monkeypatch):
    def start(data_dir) -> AppTest:
        monkeypatch.setenv("TREATY_DATA_DIR", str(data_dir))
        get_settings.cache_clear()
        st.cache_resource.clear()
        return AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=60).run()

    yield start
    get_settings.cache_clear()
    st.cache_resource.clear()


def test_looks_up_what_a_practitioner_types(app, built_settings):
    at = app(built_settings.data_dir)
    at.text_input[0].input("Article 16(4) UNTOC").run()
    assert at.subheader[0].value == "UNTOC art. 16(4) — Extradition"
    source = "Source: United Nations Convention against Transnational Organized Crime"
    assert f"{source} (A/RES/55/25, annex I)" in [c.value for c in at.caption]


def test_browsing_an_instrument_opens_its_articles(app, built_settings):
    at = app(built_settings.data_dir)
    at.selectbox[0].select("uncac").run()
    entry = next(o for o in at.radio[0].options if o.startswith("art. 15 "))
    at.radio[0].set_value(entry).run()
    assert at.subheader[0].value == "UNCAC art. 15 — Bribery of national public officials"


def test_an_unknown_provision_is_a_plain_warning(app, built_settings):
    at = app(built_settings.data_dir)
    at.text_input[0].input("uncac art. 99").run()
    assert not at.exception
    assert "no such provision" in at.warning[0].value


def test_a_missing_corpus_says_what_to_run(app, tmp_path):
    at = app(tmp_path)
    assert not at.exception
    assert "run 'python -m ingest fetch'" in at.error[0].value
