"""Treaty Assistant in the browser. For now a reader: look up any provision by citation, or
browse an instrument's table of contents. The chat arrives with the answer chain.
"""

from __future__ import annotations

import streamlit as st

from assistant.citations import CitationError, parse_citation
from assistant.corpus import Corpus, CorpusError, NoSuchProvision
from assistant.manifest import ManifestError, manifest_for
from assistant.provisions import Division
from assistant.settings import SettingsError, get_settings


@st.cache_resource
def load_corpus() -> Corpus:
    """Loaded once per process, not per rerun."""
    settings = get_settings()
    return Corpus.load(settings.corpus_file, manifest_for(settings))


def show_provision(corpus: Corpus, citation: str) -> None:
    try:
        node = corpus.get(parse_citation(citation, corpus.manifest))
    except (CitationError, NoSuchProvision) as exc:
        st.warning(exc.args[0])
        return
    described = corpus.describe(node)
    st.subheader(f"{described['display']} — {described['title'] or ''}".rstrip(" —"))
    if described["headings"]:
        st.caption(" · ".join(described["headings"]))
    st.text(described["text"])
    source = described["instrument_title"]
    if described["symbol"]:
        source += f" ({described['symbol']})"
    st.caption(f"Source: {source}")
    for label, key in (("Interpretative notes", "notes"), ("Refers to", "refs")):
        if described[key]:
            st.caption(f"{label}: " + ", ".join(described[key]))


def contents(corpus: Corpus, doc_id: str) -> list[str]:
    """One line per top-level unit: citation and title."""
    rows = []
    for unit in corpus.documents[doc_id].units:
        if unit.division is Division.ARTICLE:
            rows.append(f"art. {unit.number} — {unit.title}")
        else:
            rows.append(str(unit.cite()).removeprefix(doc_id + " "))
    return rows


def main() -> None:
    st.set_page_config(page_title="Treaty Assistant", layout="wide")
    st.title("Treaty Assistant")
    try:
        corpus = load_corpus()
    except (CorpusError, ManifestError, SettingsError) as exc:
        st.error(exc.args[0])
        st.stop()
    ids = list(corpus.documents)
    names = {d: corpus.manifest.get(d).short_name for d in ids}
    with st.sidebar:
        doc_id = st.selectbox("Instrument", ids, format_func=names.get)
        st.caption(corpus.manifest.get(doc_id).title)
        entry = st.radio("Contents", contents(corpus, doc_id), label_visibility="collapsed")
    typed = st.text_input("Look up a provision", placeholder="e.g. UNCAC art. 15(a)")
    if typed.strip():
        show_provision(corpus, typed)
    elif entry:
        show_provision(corpus, f"{doc_id} {entry.split(' — ')[0]}")


main()
