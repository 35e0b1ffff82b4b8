"""What every view shares: the corpus and the assistant, loaded once per process (and before
the first visitor when the server is started by ``assistant.ui.serve``), the errors that are
the user's to fix (shown in plain words), and the page's styles."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.logger import get_logger

from assistant.errors import TreatyError
from assistant.model.corpus import Corpus
from assistant.model.manifest import manifest_for
from assistant.settings import get_settings

if TYPE_CHECKING:
    from assistant.answers.chain import Assistant
    from assistant.answers.service import AssistantService

# Problems with the set-up, not bugs: each message says what to run. Never cached, so the app
# recovers on the next rerun once the cause is fixed.
PROBLEMS = TreatyError

# Cited passages are drawn in containers keyed "cited-…", which Streamlit gives the class
# "st-key-cited-…" (compare columns: "st-key-compare-…"); the projector style enlarges
# everything for a room.
BASE_STYLE = """
[class*="st-key-cited-"] { background: #fff3c4; border-left: 4px solid #c99a00;
  padding: 0.25rem 0.75rem; border-radius: 0.25rem; }
[class*="st-key-cited-"] pre, [class*="st-key-cited-"] code { color: #1a1a1a; }
[class*="st-key-compare-"] h3 { font-size: 1.15em; }
"""
PROJECTOR_STYLE = """
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stText"], [data-testid="stCaptionContainer"] { font-size: 1.25rem !important;
  line-height: 1.55; }
[data-testid="stChatInputTextArea"] { font-size: 1.25rem; }
"""


_service: AssistantService | None = None
_service_lock = threading.Lock()
log = get_logger(__name__)


def service() -> AssistantService:
    """One per process, shared by every browser session and by the warm-up that starts with
    the server; it follows the index as it is rebuilt (see ``assistant/answers/service.py``).
    A new one only when the settings are read anew (tests, with other data). Imported here,
    as it brings in Chroma."""
    from assistant.answers.service import AssistantService

    global _service
    settings = get_settings()
    with _service_lock:
        if _service is None or _service.settings is not settings:
            _service = AssistantService(settings)
        return _service


def warm_up() -> None:
    """Load the model and the index before anyone asks (a thread started with the server);
    a visitor who comes sooner waits for it under a spinner. A problem is left for the
    visitor to see in plain words, and to fix without a restart."""
    started = time.perf_counter()
    try:
        assistant = service().current()
    except PROBLEMS as exc:
        log.warning("Not warmed up: %s", exc.message)
        return
    build = assistant.retriever.index.stamp.build_id
    log.info("Model and index (build %s) ready in %.1f s", build, time.perf_counter() - started)


def load_assistant() -> Assistant:
    """The assistant of the current index build (raises one of ``PROBLEMS``)."""
    if service().loaded:
        return service().current()
    with st.spinner("Loading the embedding model and the index…"):
        return service().current()


def load_corpus() -> Corpus:
    """The texts the answers come from, so that a citation always opens the version that
    answered; without a usable assistant (no index, an incomplete LLM set-up: browsing needs
    neither), the parsed corpus on disk."""
    try:
        return load_assistant().corpus
    except PROBLEMS:
        return _corpus_on_disk()


@st.cache_resource(show_spinner="Loading the corpus…")
def _corpus_on_disk() -> Corpus:
    settings = get_settings()
    return Corpus.load(settings.corpus_file, manifest_for(settings))


def apply_style(projector: bool) -> None:
    """Our own constant CSS; user text is never rendered as HTML anywhere in the app."""
    css = BASE_STYLE + (PROJECTOR_STYLE if projector else "")
    st.html(f"<style>{css}</style>")
