"""The server loads the model and the index as it starts (``python -m assistant.ui.serve``
runs ``warm_up`` in a thread), so the first visitor does not wait for them; a visitor who
comes sooner waits for that same loading, and a problem is left for the visitor to read."""

import shutil
import subprocess
import sys
import threading
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import PROJECT_ROOT, get_settings
from assistant.ui.resources import service, warm_up


@pytest.fixture
def data(monkeypatch):
    """``data(dir)``: the process's settings (and so its one service) read from ``dir``."""

    def use(data_dir) -> None:
        monkeypatch.setenv("TREATY_DATA_DIR", str(data_dir))
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def test_the_warm_up_loads_the_model_and_the_index_before_anyone_asks(data, indexed_settings):
    data(indexed_settings.data_dir)
    assert not service().loaded
    warm_up()
    assert service().loaded
    assert service().current().retriever.index.stamp.chunks > 0


def test_a_visitor_during_the_warm_up_gets_the_chat_not_an_error(data, indexed_settings):
    data(indexed_settings.data_dir)
    warming = threading.Thread(target=warm_up)
    warming.start()
    at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120).run()
    warming.join()
    assert not at.exception and not at.error
    assert at.chat_input and service().loaded


def test_a_warm_up_without_an_index_leaves_the_problem_to_the_visitor(
    data, built_settings, tmp_path
):
    shutil.copytree(built_settings.corpus_dir, tmp_path / "corpus")
    data(tmp_path)
    warm_up()  # says so in the server's log, and does not stop the server
    assert not service().loaded
    at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120).run()
    assert "run 'python -m ingest build'" in at.error[0].value


def test_a_plain_streamlit_run_watches_no_files():
    """``streamlit run streamlit_app.py`` in the project reads ``.streamlit/config.toml``: no
    file watcher, and .venv and data never watched should it be turned back on (``make run``
    passes the option itself)."""
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    server = tomllib.loads(shown[shown.index("[global]") :])["server"]  # after a banner
    assert server.get("fileWatcherType") == "none"
    assert {".venv", "data"} <= set(server["folderWatchBlacklist"])
