"""Treaty Assistant in the browser: a chat whose every citation opens the provision it cites,
a reader to browse the instruments, and a side-by-side comparison of instruments, each a page
with its own address (``navigation``); this is the frame around them (title, sidebar).

Corpus, model and index are loaded once per process (``resources``); each browser session
keeps its own conversation in ``st.session_state``. ``streamlit_app.py`` runs ``main``.
"""

from __future__ import annotations

import streamlit as st

from assistant.answers.markdown import literal
from assistant.model.corpus import Corpus, source_checksums
from assistant.settings import get_settings
from assistant.ui import state
from assistant.ui.chat import export_buttons, reset
from assistant.ui.navigation import current_page
from assistant.ui.resources import PROBLEMS, apply_style, load_assistant, load_corpus


def corpus_version(corpus: Corpus) -> None:
    """Which texts and which index answer here: checksums (short) and the index build."""
    try:
        index = load_assistant().retriever.index.stamp
        checksums = index.corpus
    except PROBLEMS:
        index = None
        checksums = source_checksums(get_settings().corpus_file)
    with st.expander(
        f"Corpus: {len(corpus.documents)} documents, "
        f"{sum(len(d.articles()) for d in corpus)} articles"
    ):
        for doc_id in corpus.documents:
            checksum = checksums.get(doc_id)
            name = literal(corpus.manifest.get(doc_id).short_name)
            st.caption(f"{name}: {checksum[:12] if checksum else 'unknown'}")
        if index:
            st.caption(
                f"Index {index.build_id}: {index.chunks} chunks, {index.model}, "
                f"built {index.built_at}"
            )


def sidebar(corpus: Corpus) -> None:
    """Filter (read by the Ask page), answer mode, reset, projector text."""
    manifest = corpus.manifest
    st.multiselect(
        "Search only",
        list(corpus.documents),
        format_func=lambda d: manifest.get(d).short_name,
        placeholder="all instruments",
        key=state.SEARCH_ONLY,
    )
    settings = get_settings()
    if settings.llm_provider:
        model = settings.llm_model or "unnamed model"
        st.radio(
            "Answer mode",
            ["offline", "llm"],
            key=state.MODE,
            format_func={"offline": "Offline", "llm": f"LLM ({model})"}.get,
        )
    st.toggle("Large text (projector)", key=state.PROJECTOR)
    st.button("Reset conversation", on_click=reset)


def main() -> None:
    st.set_page_config(page_title="Treaty Assistant", page_icon="⚖️", layout="wide")
    apply_style(st.session_state.get(state.PROJECTOR, False))
    st.title("Treaty Assistant")
    page = current_page()
    try:
        corpus = load_corpus()
    except PROBLEMS as exc:
        st.error(literal(exc.message))
        st.stop()
    with st.sidebar:
        sidebar(corpus)
        exports = st.container()  # filled after the page, so the newest turn is included
        corpus_version(corpus)
    page.run()
    with exports:
        export_buttons(corpus)
