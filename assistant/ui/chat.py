"""The Ask page: a conversation whose answers stream in, then are replaced by the final,
verified ``Answer``, with citation buttons that open the cited provision over the chat, and
from there in the reader (its own page: the browser's back button returns to the chat).

Every question sent is queued (``state.QUEUE``) by the chat input's callback, which Streamlit
runs before anything else on the page; the page then answers the queue in order, and a turn
leaves the queue only once it is stored. Whatever stops a run mid-answer (a citation opened,
the sidebar changed, a starter clicked) loses nothing: the next run starts again from the
oldest question. The input itself is disabled while a question is answered.
"""

from __future__ import annotations

import threading
import time
from typing import Any
from uuid import uuid4

import streamlit as st

from assistant.answers.answer import Answer, Draft, split_lead
from assistant.answers.export import to_html, to_markdown
from assistant.answers.generate import Preliminary
from assistant.answers.lead import LABEL_WORDS
from assistant.answers.markdown import for_streamlit, literal
from assistant.model.citations import find_instruments
from assistant.model.corpus import Corpus
from assistant.model.provisions import Obligation
from assistant.ui import state
from assistant.ui.navigation import BROWSE, go
from assistant.ui.reader import BADGE_COLOURS, show_provision
from assistant.ui.resources import PROBLEMS, load_assistant, load_corpus, service

CURSOR = " ▌"
REFRESH_S = 0.15  # an offline answer arrives at once and is drawn once; an LLM's, in steps
WRITING = (
    "The language model is writing its answer below; it replaces the answer above only if "
    "its citations and quotations check out."
)


def _open(citation: str) -> None:
    """Button callback: runs before the rerun, so the provision shows at once."""
    st.session_state[state.VIEWING] = citation


def _read_later(citation: str) -> None:
    """The dialog's "Open in the reader": the Browse page opens in the run that follows (a
    callback, as the dialog and its button are not drawn again in that run)."""
    st.session_state[state.TO_READER] = citation


def _ask_later(question: str) -> None:
    """Queue a question (starter buttons, and what the chat input sent); answered in turn."""
    state.queue().append({"id": uuid4().hex, "question": question})


def _sent() -> None:
    """The chat input's callback: runs as soon as the question reaches the server, before the
    page, so a question survives the run it interrupts."""
    if question := st.session_state.get(state.ASKED):
        _ask_later(question)


def reset() -> None:
    st.session_state[state.MESSAGES] = []
    st.session_state[state.QUEUE] = []
    st.session_state.pop(state.VIEWING, None)


@st.dialog("Cited provision", width="large")
def _viewer(corpus: Corpus, citation: str) -> None:
    show_provision(corpus, citation, where="viewer")
    if st.button("Open in the reader", on_click=_read_later, args=(citation,)):
        st.rerun()  # the whole page, not only the dialog: it goes on to the reader


def viewer(corpus: Corpus) -> None:
    """The provision a citation button opened, over the chat (wherever the reader has
    scrolled to), which stays as it was underneath."""
    if citation := st.session_state.pop(state.VIEWING, None):
        _viewer(corpus, citation)


def page() -> None:
    """The Ask page; a citation sent to the reader in the last run goes there first."""
    if citation := st.session_state.pop(state.TO_READER, None):
        go(BROWSE, {state.PROVISION: citation})
    corpus = load_corpus()
    viewer(corpus)
    chat(corpus, st.session_state.get(state.SEARCH_ONLY, []))


FOLD_CHARS = 1200  # quotes longer than this are folded under the answer box


def show_answer(answer: Answer, key: str) -> None:
    """The lead in an answer box with the obligation badge, the quotes below it (folded when
    long), its notices, its citations as buttons that open the provision, sources."""
    _lead_and_quotes(answer, f"lead-{key}")
    if answer.mode == "llm" and answer.model:
        st.caption(
            f"Written by the language model {literal(answer.model)}; its citations "
            "and quotations were checked against the treaty text."
        )
    for notice in answer.notices:
        st.info(literal(notice))
    if answer.standalone_question != answer.question:
        st.caption(f"Searched: {literal(answer.standalone_question)}")
    if answer.citations:
        columns = st.columns(min(4, len(answer.citations)))
        for i, cited in enumerate(answer.citations):
            columns[i % len(columns)].button(
                literal(cited.display),
                key=f"{key}-{i}",
                on_click=_open,
                args=(cited.citation,),
            )
    with st.expander("Sources"):
        for hit in answer.retrieved:
            found = ", ".join(hit.retrievers)
            st.text(
                f"{hit.citation}  score {hit.score:.4f}  similarity {hit.similarity:.2f}  ({found})"
            )


def _lead_and_quotes(draft: Draft, key: str | None) -> None:
    """The lead in an answer box with the obligation badge, the quotes below it."""
    lead, quotes = split_lead(draft.text)
    with st.container(border=True, key=key):
        if draft.obligation in BADGE_COLOURS:
            label = Obligation(draft.obligation)
            st.badge(LABEL_WORDS[label], color=BADGE_COLOURS[label])
        st.markdown(for_streamlit(lead))
    if len(quotes) > FOLD_CHARS:
        with st.expander("The provisions, quoted", expanded=False):
            st.markdown(for_streamlit(quotes))
    elif quotes:
        st.markdown(for_streamlit(quotes))


def _preview(slot, offline: Draft | None, text: str) -> None:
    """While the model writes: the verified offline answer, then its words so far."""
    if offline is None:
        slot.markdown(for_streamlit(text))
        return
    with slot.container():
        _lead_and_quotes(offline, None)
        st.caption(WRITING)
        st.markdown(for_streamlit(text))


def searching(question: str, instruments: list[str], corpus: Corpus) -> str:
    """The status line while retrieving: which documents are being searched."""
    manifest = corpus.manifest
    scope = instruments or list(
        dict.fromkeys(m.instrument for m in find_instruments(question, manifest))
    )
    names = ", ".join(manifest.get(d).short_name for d in scope) or "all instruments"
    return f"Searching {names}…"


def chat(corpus: Corpus, instruments: list[str]) -> None:
    try:
        assistant = load_assistant()
    except PROBLEMS as exc:  # said above the conversation, which stays on screen
        st.error(literal(exc.message))
    else:
        if assistant.llm_problem:  # an incomplete LLM set-up: offline answers still work
            st.error(literal(f"{assistant.llm_problem}; answers are offline until then"))
    messages = state.messages()
    if not messages and not state.queue():
        st.caption("Ask about the treaties; follow-up questions are understood. Or start with:")
        for i, document in enumerate(corpus.manifest.documents):
            if document.starter and (not instruments or document.id in instruments):
                st.button(
                    document.starter,
                    key=f"starter-{i}",
                    on_click=_ask_later,
                    args=(document.starter,),
                )
    conversation = st.container()  # above the input, where new turns appear too
    for n, message in enumerate(messages):
        with conversation.chat_message(message["role"]):
            if message["role"] == "user":
                st.text(message["content"])
            else:
                show_answer(Answer.model_validate(message["answer"]), key=f"m{n}")
    waiting = st.empty()  # the questions queued behind the one being answered
    # Disabled in the browser from the moment a question is sent until its run ends: a second
    # question sent within a few milliseconds of the first could stop that run before
    # Streamlit has called ``_sent`` for it, and be lost.
    st.chat_input(
        "Ask about the treaties…", key=state.ASKED, on_submit=_sent, submit_mode="disable"
    )
    while queue := state.queue():
        with waiting.container():
            for later in queue[1:]:
                with st.chat_message("user"):
                    st.text(later["question"])
                    st.caption("Waiting: answered after the question above.")
        answer = _answer(conversation, queue[0]["question"], instruments, corpus)
        if answer is None:
            return  # the problem is said; the question stays first in the queue
        _store(queue[0], answer)
    waiting.empty()


# A run stopped by a newer question may still finish the turn it was answering while the run
# that replaced it answers the same turn: only one of them stores it.
_storing = threading.Lock()


def _store(item: dict[str, Any], answer: Answer) -> None:
    """The answered question leaves the queue and joins the conversation, once."""
    with _storing:
        queue = state.queue()
        if not queue or queue[0]["id"] != item["id"]:
            return
        queue.pop(0)
        state.messages().extend(
            [
                {"role": "user", "content": item["question"]},
                {"role": "assistant", "content": answer.text, "answer": answer.model_dump()},
            ]
        )


def _answer(conversation, question: str, instruments: list[str], corpus: Corpus) -> Answer | None:
    """Ask ``question`` after the stored turns, showing it and its answer as it streams in;
    None when the set-up fails (said in place of the answer, with a button to ask again)."""
    messages = state.messages()
    history = [m["content"] for m in messages if m["role"] == "user"]
    with conversation.chat_message("user"):
        st.text(question)
    with conversation.chat_message("assistant"):
        slot = st.empty()
        slot.caption(literal(searching(question, instruments, corpus)))
        try:
            answer = _stream_into(
                slot,
                service().stream(
                    question,
                    history,
                    st.session_state.get(state.MODE, "offline"),
                    instruments or None,
                ),
            )
        except PROBLEMS as exc:  # the index went away mid-session: say so, keep the question
            slot.error(literal(exc.message))
            st.button("Ask again", key="retry")  # a rerun: the queue is answered again
            return None
        with slot.container():
            show_answer(answer, key=f"m{len(messages) + 1}")
    return answer


def _stream_into(slot, stream) -> Answer:
    """Show text chunks as they come, at most every ``REFRESH_S`` (each update re-renders the
    whole message in the browser), under the verified offline answer in LLM mode; return the
    final Answer, which replaces them (an LLM's streamed words are only a preview until
    validated)."""
    text, final, shown_at, offline = "", None, time.monotonic(), None
    for item in stream:
        if isinstance(item, Answer):
            final = item
        elif isinstance(item, Preliminary):  # LLM mode: the verified answer at once
            offline = item.draft
            _preview(slot, offline, CURSOR)
        else:
            text += item
            if time.monotonic() - shown_at >= REFRESH_S:
                _preview(slot, offline, text + CURSOR)
                shown_at = time.monotonic()
    assert final is not None, "the chain always ends with an Answer"
    return final


def export_buttons(corpus: Corpus) -> None:
    turns = [
        Answer.model_validate(m["answer"]) for m in state.messages() if m["role"] == "assistant"
    ]
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
