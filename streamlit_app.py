"""Treaty Assistant in the browser: a chat whose every citation opens the provision it cites,
and a reader to browse the instruments.

Corpus, model and index are loaded once per process (``st.cache_resource``); each browser
session keeps its own conversation in ``st.session_state``.
"""

from __future__ import annotations

import streamlit as st

from assistant.answer import Answer
from assistant.citations import CitationError, parse_citation
from assistant.corpus import Corpus, CorpusError, NoSuchProvision, load_stamps
from assistant.export import to_html, to_markdown
from assistant.index import IndexUnavailable, read_stamp
from assistant.manifest import ManifestError, manifest_for
from assistant.provisions import Division
from assistant.settings import SettingsError, get_settings

PROBLEMS = (CorpusError, ManifestError, SettingsError, IndexUnavailable)


@st.cache_resource
def load_corpus() -> Corpus:
    settings = get_settings()
    return Corpus.load(settings.corpus_file, manifest_for(settings))


@st.cache_resource
def load_assistant():
    from assistant.chain import Assistant

    return Assistant.from_settings(get_settings())


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


def _open(citation: str) -> None:
    """Button callback: runs before the rerun, so the provision shows at once."""
    st.session_state.viewing = citation


def _ask_later(question: str) -> None:
    """Starter button callback: the question is asked in the run that follows."""
    st.session_state.pending = question


def _reset() -> None:
    st.session_state.messages = []
    st.session_state.pop("viewing", None)


def show_answer(answer: Answer, key: str) -> None:
    """The answer, its notices, its citations as buttons that open the provision, sources."""
    st.markdown(answer.text)
    for notice in answer.notices:
        st.info(notice)
    if answer.standalone_question != answer.question:
        st.caption(f"Searched: {answer.standalone_question}")
    if answer.citations:
        columns = st.columns(min(4, len(answer.citations)))
        for i, cited in enumerate(answer.citations):
            columns[i % len(columns)].button(
                cited.display, key=f"{key}-{i}", on_click=_open, args=(cited.citation,)
            )
    with st.expander("Sources"):
        for hit in answer.retrieved:
            found = ", ".join(hit.retrievers)
            st.text(
                f"{hit.citation}  score {hit.score:.4f}  similarity {hit.similarity:.2f}  ({found})"
            )


def chat(corpus: Corpus, instruments: list[str]) -> None:
    try:
        assistant = load_assistant()
    except PROBLEMS as exc:
        st.error(exc.args[0])
        return
    messages: list[dict] = st.session_state.setdefault("messages", [])
    if not messages:
        st.caption("Ask about the treaties; follow-up questions are understood. Or start with:")
        starters = [
            d.starter
            for d in corpus.manifest.documents
            if d.starter and (not instruments or d.id in instruments)
        ]
        for i, starter in enumerate(starters):
            st.button(starter, key=f"starter-{i}", on_click=_ask_later, args=(starter,))
    conversation = st.container()  # above the input, where new turns appear too
    for n, message in enumerate(messages):
        with conversation.chat_message(message["role"]):
            if message["role"] == "user":
                st.text(message["content"])
            else:
                show_answer(Answer.model_validate(message["answer"]), key=f"m{n}")
    question = st.chat_input("Ask about the treaties…") or st.session_state.pop("pending", None)
    if question:
        history = [m["content"] for m in messages if m["role"] == "user"]
        messages.append({"role": "user", "content": question})
        with conversation.chat_message("user"):
            st.text(question)
        with conversation.chat_message("assistant"):
            answer = assistant.ask(
                question, history, st.session_state.get("mode", "offline"), instruments or None
            )
            show_answer(answer, key=f"m{len(messages)}")
        messages.append(
            {"role": "assistant", "content": answer.text, "answer": answer.model_dump()}
        )


def corpus_version(corpus: Corpus) -> None:
    """Which texts and which index answer here: checksums (short) and the index build."""
    settings = get_settings()
    stamps = {s.id: s for s in load_stamps(settings.corpus_file)}
    with st.expander(
        f"Corpus: {len(corpus.documents)} documents, "
        f"{sum(len(d.articles()) for d in corpus)} articles"
    ):
        for doc_id in corpus.documents:
            stamp = stamps.get(doc_id)
            st.caption(
                f"{corpus.manifest.get(doc_id).short_name}: "
                f"{stamp.sha256[:12] if stamp else 'unknown'}"
            )
        index = read_stamp(settings)
        if index:
            st.caption(
                f"Index {index.build_id}: {index.chunks} chunks, {index.model}, "
                f"built {index.built_at}"
            )


def export_buttons(corpus: Corpus) -> None:
    messages = st.session_state.get("messages", [])
    turns = [Answer.model_validate(m["answer"]) for m in messages if m["role"] == "assistant"]
    if turns:
        st.download_button(
            "Export as Markdown",
            to_markdown(turns, corpus),
            file_name="treaty-assistant.md",
            mime="text/markdown",
        )
        st.download_button(
            "Export as printable HTML",
            to_html(turns, corpus),
            file_name="treaty-assistant.html",
            mime="text/html",
        )


def main() -> None:
    st.set_page_config(page_title="Treaty Assistant", layout="wide")
    st.title("Treaty Assistant")
    try:
        corpus = load_corpus()
    except PROBLEMS as exc:
        st.error(exc.args[0])
        st.stop()
    ids = list(corpus.documents)
    names = {d: corpus.manifest.get(d).short_name for d in ids}
    with st.sidebar:
        instruments = st.multiselect(
            "Search only", ids, format_func=names.get, placeholder="all instruments"
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
        st.button("Reset conversation", on_click=_reset)
        exports = st.container()  # filled after the chat, so the newest turn is included
        corpus_version(corpus)
    if viewing := st.session_state.get("viewing"):
        with st.container(border=True):
            show_provision(corpus, viewing)
            st.button("Close", on_click=st.session_state.pop, args=("viewing", None))
    ask, browse = st.tabs(["Ask", "Browse"])
    with browse:
        doc_id = st.selectbox("Instrument", ids, format_func=names.get)
        st.caption(corpus.manifest.get(doc_id).title)
        typed = st.text_input("Look up a provision", placeholder="e.g. UNCAC art. 15(a)")
        entry = st.radio("Contents", contents(corpus, doc_id), label_visibility="collapsed")
        if typed.strip():
            show_provision(corpus, typed)
        elif entry:
            show_provision(corpus, f"{doc_id} {entry.split(' — ')[0]}")
    with ask:
        chat(corpus, instruments)
    with exports:
        export_buttons(corpus)


main()
