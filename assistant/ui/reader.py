"""The reader: one provision in full, the cited part highlighted, and the Browse page (each
instrument's contents, any provision typed the way people write it). What the page shows is
in its address, ``/browse?provision=uncac+art.+15``, so a provision can be linked to."""

from __future__ import annotations

import re

import streamlit as st

from assistant.answers.lead import label_words
from assistant.answers.markdown import literal
from assistant.errors import TreatyError
from assistant.model.citations import Citation, Division, parse_citation
from assistant.model.corpus import Corpus
from assistant.model.provisions import Obligation, Provision
from assistant.ui import state
from assistant.ui.navigation import show_link
from assistant.ui.resources import load_corpus

BADGE_COLOURS = {
    Obligation.MANDATORY: "blue",
    Obligation.SHALL_CONSIDER: "orange",
    Obligation.SHALL_ENDEAVOUR: "orange",
    Obligation.MAY: "green",
    Obligation.SHALL_NOT: "red",
}


def obligation_badge(node: Provision) -> None:
    """How strongly the provision binds a State, as a badge (its parts' labels, when only
    they are labelled): the way legislative guides sort these treaties."""
    if node.obligation in BADGE_COLOURS:
        st.badge(label_words(node) or node.obligation, color=BADGE_COLOURS[node.obligation])
    elif words := label_words(node):
        st.caption(f"Obligations: {words}")


def find(corpus: Corpus, text: str) -> Citation:
    """The provision ``text`` names, as people write it (raises a TreatyError saying why
    there is none)."""
    cited = parse_citation(text, corpus.manifest)
    corpus.get(cited)
    return cited


def show_provision(corpus: Corpus, citation: str, where: str = "reader") -> None:
    """The whole unit (article, note...) with its title, chapter, source and notes; when the
    citation points inside it, that paragraph is highlighted where it stands. A citation that
    names nothing is one line of warning that says why."""
    try:
        cited = find(corpus, citation)
    except TreatyError as exc:
        st.warning(literal(exc.message))
        return
    node = corpus.get(cited)
    unit = corpus.get(cited.unit)
    described = corpus.describe(node)
    heading = f"{described['display']} — {described['title'] or ''}".rstrip(" —")
    st.subheader(literal(heading))  # a user document's title is text, not markup
    obligation_badge(node)
    if described["headings"]:
        st.caption(literal(" · ".join(described["headings"])))
    slug = re.sub(r"\W+", "-", node.citation)
    for text, highlighted in unit.blocks(node.path):
        if highlighted and node.path:
            with st.container(key=f"cited-{where}-{slug}"):
                st.text(text)
        else:
            st.text(text)
    source = described["instrument_title"]
    if described["symbol"]:
        source += f" ({described['symbol']})"
    st.caption(f"Source: {literal(source)}")
    for label, key in (("Interpretative notes", "notes"), ("Refers to", "refs")):
        if described[key]:
            st.caption(f"{label}: " + literal(", ".join(described[key])))
    for note in node.notes if not node.path else []:
        with st.expander(literal(corpus.get(note).cite().display(corpus.manifest))):
            st.text(corpus.get(note).text)


def unit_label(corpus: Corpus, citation: str) -> str:
    """'art. 15 — Bribery of national public officials', or 'preamble', for lists."""
    unit = corpus.get(citation)
    short = str(unit.cite()).removeprefix(unit.instrument + " ")
    if unit.division is Division.ARTICLE and unit.title:
        return f"{short} — {unit.title}"
    return short


_GROUPS = {
    Division.ARTICLE: "Articles",
    Division.PARAGRAPH: "Paragraphs",
    Division.PREAMBLE: "Preamble",
    Division.NOTE: "Interpretative notes",
    Division.RESOLUTION: "Adopting resolution",
    Division.ANNEX: "Annex",
}


def table_of_contents(corpus: Corpus, doc_id: str) -> dict[str, list[str]]:
    """The document's units by chapter (or by kind where there are no chapters), in order."""
    groups: dict[str, list[str]] = {}
    for unit in corpus.documents[doc_id].units:
        group = unit.headings[0] if unit.headings else _GROUPS[unit.division]
        groups.setdefault(group, []).append(str(unit.cite()))
    return groups


def _select(citation: str) -> None:
    """Contents entry clicked: it goes into the look-up box, which is the page's address."""
    st.session_state[state.PROVISION] = citation


def _choose_instrument() -> None:
    """Another instrument chosen: its first article, not the provision shown before."""
    st.session_state[state.PROVISION] = ""


def page() -> None:
    browse(load_corpus())


def browse(corpus: Corpus) -> None:
    """The look-up box holds the provision on screen and is bound to the URL; the list of
    contents follows it to the instrument it names."""
    instrument = st.container()  # drawn above the box, chosen after it is read
    typed = st.text_input(
        "Look up a provision",
        key=state.PROVISION,
        bind="query-params",
        placeholder="e.g. UNCAC art. 15(a)",
    ).strip()
    try:
        cited: Citation | None = find(corpus, typed) if typed else None
    except TreatyError:
        cited = None  # said by show_provision below
    if cited is not None:
        st.session_state[state.BROWSE_DOC] = cited.instrument
    with instrument:
        doc_id = st.selectbox(
            "Instrument",
            list(corpus.documents),
            key=state.BROWSE_DOC,
            format_func=lambda d: corpus.manifest.get(d).short_name,
            on_change=_choose_instrument,
        )
        st.caption(literal(corpus.manifest.get(doc_id).title))
    contents = table_of_contents(corpus, doc_id)
    units = [c for group in contents.values() for c in group]
    if not typed:
        first = next((c for c in units if " art. " in c), units[0])
        cited = parse_citation(first, corpus.manifest)
    current = str(cited.unit) if cited else None
    left, right = st.columns([1, 2])
    with left:
        for group, citations in contents.items():
            with st.expander(literal(group), expanded=current in citations):
                for citation in citations:
                    st.button(
                        literal(unit_label(corpus, citation)),
                        key=f"toc-{citation}",
                        type="primary" if citation == current else "tertiary",
                        on_click=_select,
                        args=(citation,),
                    )
    with right:
        show_provision(corpus, str(cited) if cited else typed)
        if cited:
            show_link("Link to this provision", {state.PROVISION: str(cited)})
