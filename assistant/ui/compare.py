"""The Compare page: one topic or article, the corresponding provisions of several instruments
side by side, each column switchable to any other article of its instrument. Topic and
instruments are in the page's address: ``/compare?topic=liability+of+legal+persons``."""

from __future__ import annotations

import streamlit as st

from assistant.answers.compare import Comparison, compare, default_instruments
from assistant.answers.markdown import literal
from assistant.model.corpus import Corpus
from assistant.ui import state
from assistant.ui.navigation import show_link
from assistant.ui.reader import show_provision, unit_label
from assistant.ui.resources import PROBLEMS, load_assistant, load_corpus


def _comparison(topic: str, instruments: list[str]) -> Comparison:
    """Searched once per topic and choice of instruments in a session, not on every rerun."""
    key = (topic.strip(), tuple(instruments))
    cached = st.session_state.get(state.COMPARISON)
    if cached is None or cached[0] != key:
        cached = (key, compare(load_assistant().retriever, topic, instruments))
        st.session_state[state.COMPARISON] = cached
    return cached[1]


def page() -> None:
    compare_view(load_corpus())


def compare_view(corpus: Corpus) -> None:
    try:
        retriever = load_assistant().retriever
    except PROBLEMS as exc:
        st.error(literal(exc.message))
        return
    manifest = corpus.manifest
    topic = st.text_input(
        "Topic or article",
        key=state.TOPIC,
        bind="query-params",
        placeholder="e.g. liability of legal persons — or UNCAC art. 26",
    )
    defaults = default_instruments(retriever)
    instruments = st.multiselect(
        "Instruments",
        list(corpus.documents),
        default=defaults,
        key=state.INSTRUMENTS,
        bind="query-params",
        format_func=lambda d: manifest.get(d).short_name,
    )
    if not topic.strip() or not instruments:
        st.caption(
            "Type a topic or an article to see what each instrument says about it; every "
            "column can be switched to another article."
        )
        return
    comparison = _comparison(topic, instruments)
    linked = {state.TOPIC: topic.strip()}
    show_link(
        "Link to this comparison",
        linked if instruments == defaults else {**linked, state.INSTRUMENTS: instruments},
    )
    for problem in comparison.missing:
        st.warning(literal(problem))
    columns = st.columns(len(comparison.columns)) if comparison.columns else []
    for column, found in zip(columns, comparison.columns, strict=True):
        others = [str(u.cite()) for u in corpus.documents[found.instrument].units]
        options = found.candidates + [c for c in others if c not in found.candidates]
        with column, st.container(key=f"compare-{found.instrument}"):
            st.markdown(f"**{literal(manifest.get(found.instrument).short_name)}**")
            chosen = st.selectbox(
                "Provision",
                options,
                key=state.compare_pick(found.instrument, topic),
                format_func=lambda c: unit_label(corpus, c),
                label_visibility="collapsed",
            )
            if chosen == options[0] and not found.close:
                st.caption(
                    f"Weak match (similarity {found.similarity:.2f}): this instrument may have "
                    "no counterpart; pick another article above."
                )
            show_provision(corpus, chosen, where=f"compare-{found.instrument}")
