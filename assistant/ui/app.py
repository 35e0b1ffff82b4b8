"""Treaty Assistant in the browser: a chat whose every citation opens the provision it cites,
a reader to browse the instruments, and a side-by-side comparison of instruments.

Corpus, model and index are loaded once per process (``st.cache_resource``); each browser
session keeps its own conversation in ``st.session_state``. ``streamlit_app.py`` runs ``main``.
"""

from __future__ import annotations

import streamlit as st

from assistant.model.corpus import Corpus, load_stamps
from assistant.settings import get_settings
from assistant.ui.chat import chat, export_buttons, reset, viewer
from assistant.ui.compare import compare_view
from assistant.ui.reader import browse
from assistant.ui.resources import PROBLEMS, apply_style, load_assistant, load_corpus

VIEWS = ["Ask", "Browse", "Compare"]


def corpus_version(corpus: Corpus) -> None:
    """Which texts and which index answer here: checksums (short) and the index build."""
    try:
        index = load_assistant().retriever.index.stamp
        checksums = index.corpus
    except PROBLEMS:
        index = None
        checksums = {s.id: s.sha256 for s in load_stamps(get_settings().corpus_file)}
    with st.expander(
        f"Corpus: {len(corpus.documents)} documents, "
        f"{sum(len(d.articles()) for d in corpus)} articles"
    ):
        for doc_id in corpus.documents:
            checksum = checksums.get(doc_id)
            st.caption(
                f"{corpus.manifest.get(doc_id).short_name}: "
                f"{checksum[:12] if checksum else 'unknown'}"
            )
        if index:
            st.caption(
                f"Index {index.build_id}: {index.chunks} chunks, {index.model}, "
                f"built {index.built_at}"
            )


def sidebar(corpus: Corpus) -> list[str]:
    """Filter, answer mode, reset, projector text; returns the instruments to search."""
    manifest = corpus.manifest
    instruments = st.multiselect(
        "Search only",
        list(corpus.documents),
        format_func=lambda d: manifest.get(d).short_name,
        placeholder="all instruments",
    )
    settings = get_settings()
    if settings.llm_provider:
        model = settings.llm_model or "unnamed model"
        st.radio(
            "Answer mode",
            ["offline", "llm"],
            key="mode",
            format_func={"offline": "Offline", "llm": f"LLM ({model})"}.get,
        )
    st.toggle("Large text (projector)", key="projector")
    st.button("Reset conversation", on_click=reset)
    return instruments


def main() -> None:
    st.set_page_config(page_title="Treaty Assistant", page_icon="⚖️", layout="wide")
    apply_style(st.session_state.get("projector", False))
    st.title("Treaty Assistant")
    try:
        corpus = load_corpus()
    except PROBLEMS as exc:
        st.error(exc.args[0])
        st.stop()
    with st.sidebar:
        instruments = sidebar(corpus)
        exports = st.container()  # filled after the chat, so the newest turn is included
        corpus_version(corpus)
    view = st.radio("View", VIEWS, key="view", horizontal=True, label_visibility="collapsed")
    if view == "Ask":
        viewer(corpus)
        chat(corpus, instruments)
    elif view == "Browse":
        if st.session_state.get("came_from_chat"):
            st.button(
                "← Back to the chat",
                on_click=st.session_state.update,
                kwargs={"view": "Ask", "came_from_chat": False},
            )
        browse(corpus)
    else:
        compare_view(corpus)
    with exports:
        export_buttons(corpus)
