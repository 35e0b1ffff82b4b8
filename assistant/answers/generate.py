"""The LLM answer step: the model writes, and nothing it writes is trusted.

``assistant.answers.validation`` keeps a citation only if it resolves in the corpus *and* lies
inside a provision retrieval handed over, and keeps a quotation only if it is verbatim in the
provision it is attributed to. What fails is removed, and the user is told so in a notice.

Whenever the model cannot be used — unreachable, slow, broken output, or an answer with no
verifiable citation left — the offline answer is given instead, with a notice saying why; the
model never turns an answer into an error. LangChain's ``with_fallbacks`` covers only a failure
before the first chunk, so a failure mid-stream is caught here.

The model is not asked at all when the offline answer abstained or the question named a
provision that does not exist: retrieval has already established that the corpus does not
answer, and a fluent model would happily answer anyway from its own memory, which is exactly
what an assistant whose every citation must be real cannot allow.

When it is asked, the verified offline answer comes first (a ``Preliminary``), so the user reads
an answer at the offline latency; the model's words stream after it, and its checked reply
replaces it only if it validates. The reply is bounded in time as well as in tokens: the
timeout is for the whole answer, not only for each chunk, so a model that rambles on is cut off.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answers.answer import Draft
from assistant.answers.llm import FALLBACK, LanguageModel
from assistant.answers.prompt import prompt_inputs
from assistant.answers.validation import validate_reply
from assistant.model.corpus import Corpus
from assistant.model.provisions import Obligation
from assistant.search.retriever import Retrieval

NO_VERIFIED_CITATION = (
    "The answer of the language model {model} cited no provision that could be verified; "
    f"{FALLBACK}"
)


@dataclass(frozen=True)
class Preliminary:
    """The verified offline answer, shown while the model writes; a chunk, not the answer."""

    draft: Draft


class _TooSlow(Exception):
    """The model was still writing when its time was up."""


def _within(chunks: Iterator[str], seconds: float) -> Iterator[str]:
    """``chunks`` until ``seconds`` have passed, then ``_TooSlow``, however the server paces
    them: a server reading a long prompt sends keep-alive pings and no text, so neither the
    client's read timeout nor a check between chunks would fire. The model is read in a
    daemon thread, told to stop at the next chunk when the time is up."""
    received: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def read() -> None:
        try:
            for chunk in chunks:
                if stop.is_set():
                    return
                received.put(("chunk", chunk))
            received.put(("done", None))
        except Exception as exc:  # handed to the reader, who falls back to the offline answer
            received.put(("error", exc))

    threading.Thread(target=read, daemon=True, name="llm-reply").start()
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                kind, value = received.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise _TooSlow from None
            if kind == "done":
                return
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()


def _with_notice(offline: Draft, notice: str) -> Draft:
    return offline.model_copy(update={"notices": [*offline.notices, notice]}, deep=True)


def _model_can_answer(retrieval: Retrieval, offline: Draft) -> bool:
    """Only when retrieval found something to answer from (see the module docstring)."""
    return not (offline.abstained or retrieval.missing or not retrieval.hits)


def _checked(
    reply: str, retrieval: Retrieval, corpus: Corpus, llm: LanguageModel, offline: Draft
) -> Draft:
    """The validated reply, or the offline draft when nothing verifiable is left."""
    label = Obligation(offline.obligation) if offline.obligation else None
    checked = validate_reply(reply, retrieval, corpus, label)
    if not checked.citations or not checked.text:
        return _with_notice(offline, NO_VERIFIED_CITATION.format(model=llm.config.model))
    return checked.model_copy(
        update={"model": llm.config.model, "notices": [*offline.notices, *checked.notices]}
    )


def _redacted(draft: Draft, llm: LanguageModel) -> Draft:
    return draft.model_copy(
        update={"text": llm.redact(draft.text), "notices": [llm.redact(n) for n in draft.notices]}
    )


def stream_llm_answer(
    question: str, retrieval: Retrieval, corpus: Corpus, llm: LanguageModel, offline: Draft
) -> Iterator[str | Preliminary | Draft]:
    """The offline answer as a ``Preliminary``, text chunks as the model writes them, then
    the checked ``Draft``.

    The chunks are a preview only: the final Draft (validated, or the offline one after a
    failure) is what must replace them on screen.
    """
    if not _model_can_answer(retrieval, offline):
        yield offline
        return
    yield Preliminary(offline)
    config = llm.config
    inputs = prompt_inputs(
        question, retrieval.hits, corpus, offline, config.context - config.max_tokens
    )
    pieces: list[str] = []
    try:
        for piece in _within(llm.chain.stream(inputs), config.timeout):
            if piece:
                pieces.append(piece)
                yield piece
    except _TooSlow:
        draft = _with_notice(
            offline,
            f"The language model at {config.endpoint} was still writing after "
            f"{config.timeout:g} s; {FALLBACK}"
            if pieces
            else llm.failure(TimeoutError()),  # not a word in time: as a read timeout
        )
    except Exception as exc:  # a failure of the model, mid-stream too, means the offline answer
        draft = _with_notice(offline, llm.failure(exc))
    else:
        draft = _checked("".join(pieces), retrieval, corpus, llm, offline)
    yield _redacted(draft, llm)
