"""The reader: one provision in full, the cited part highlighted, and the Browse view (each
instrument's contents, any provision typed the way people write it)."""

from __future__ import annotations

import re

import streamlit as st

from assistant.errors import CitationError, NoSuchProvision
from assistant.model.citations import Division, parse_citation
from assistant.model.corpus import Corpus


def show_provision(corpus: Corpus, citation: str, where: str = "reader") -> None:
    """The whole unit (article, note...) with its title, chapter, source and notes; when the
    citation points inside it, that paragraph is highlighted where it stands."""
    try:
        cited = parse_citation(citation, corpus.manifest)
        node = corpus.get(cited)
        unit = corpus.get(cited.unit)
    except (CitationError, NoSuchProvision) as exc:
        st.warning(exc.args[0])
        return
    described = corpus.describe(node)
    st.subheader(f"{described['display']} — {described['title'] or ''}".rstrip(" —"))
    if described["headings"]:
        st.caption(" · ".join(described["headings"]))
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
    st.caption(f"Source: {source}")
    for label, key in (("Interpretative notes", "notes"), ("Refers to", "refs")):
        if described[key]:
            st.caption(f"{label}: " + ", ".join(described[key]))
    for note in node.notes if not node.path else []:
        with st.expander(f"{corpus.get(note).cite().display(corpus.manifest)}"):
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
}


def table_of_contents(corpus: Corpus, doc_id: str) -> dict[str, list[str]]:
    """The document's units by chapter (or by kind where there are no chapters), in order."""
    groups: dict[str, list[str]] = {}
    for unit in corpus.documents[doc_id].units:
        group = unit.headings[0] if unit.headings else _GROUPS[unit.division]
        groups.setdefault(group, []).append(str(unit.cite()))
    return groups


def _select(citation: str) -> None:
    """Contents entry clicked: show it (a typed look-up would otherwise take precedence)."""
    st.session_state.update(browse_entry=citation, browse_lookup="")


def browse(corpus: Corpus) -> None:
    doc_id = st.selectbox(
        "Instrument",
        list(corpus.documents),
        key="browse_doc",
        format_func=lambda d: corpus.manifest.get(d).short_name,
    )
    st.caption(corpus.manifest.get(doc_id).title)
    typed = st.text_input(
        "Look up a provision", key="browse_lookup", placeholder="e.g. UNCAC art. 15(a)"
    )
    contents = table_of_contents(corpus, doc_id)
    units = [c for group in contents.values() for c in group]
    current = st.session_state.get("browse_entry")
    if current not in units:
        current = next((c for c in units if " art. " in c), units[0])
    left, right = st.columns([1, 2])
    with left:
        for group, citations in contents.items():
            with st.expander(group, expanded=current in citations):
                for citation in citations:
                    st.button(
                        unit_label(corpus, citation),
                        key=f"toc-{citation}",
                        type="primary" if citation == current else "tertiary",
                        on_click=_select,
                        args=(citation,),
                    )
    with right:
        show_provision(corpus, typed if typed.strip() else current)
