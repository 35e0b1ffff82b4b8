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
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answers.answer import Draft
from assistant.answers.llm import FALLBACK, LanguageModel
from assistant.answers.prompt import prompt_inputs
from assistant.answers.validation import validate_reply
from assistant.model.corpus import Corpus
from assistant.search.retriever import Retrieval

NO_VERIFIED_CITATION = (
    f"The language model's answer cited no provision that could be verified; {FALLBACK}"
)


def _with_notice(offline: Draft, notice: str) -> Draft:
    return offline.model_copy(update={"notices": [*offline.notices, notice]}, deep=True)


def _model_can_answer(retrieval: Retrieval, offline: Draft) -> bool:
    """Only when retrieval found something to answer from (see the module docstring)."""
    return not (offline.abstained or retrieval.missing or not retrieval.hits)


def _checked(
    reply: str, retrieval: Retrieval, corpus: Corpus, llm: LanguageModel, offline: Draft
) -> Draft:
    """The validated reply, or the offline draft when nothing verifiable is left."""
    checked = validate_reply(reply, retrieval, corpus)
    if not checked.citations or not checked.text:
        return _with_notice(offline, NO_VERIFIED_CITATION)
    return checked.model_copy(
        update={"model": llm.config.model, "notices": [*offline.notices, *checked.notices]}
    )


def _redacted(draft: Draft, llm: LanguageModel) -> Draft:
    return draft.model_copy(
        update={"text": llm.redact(draft.text), "notices": [llm.redact(n) for n in draft.notices]}
    )


def stream_llm_answer(
    question: str, retrieval: Retrieval, corpus: Corpus, llm: LanguageModel, offline: Draft
) -> Iterator[str | Draft]:
    """Text chunks as the model writes them, then the checked ``Draft``.

    The chunks are a preview only: the final Draft (validated, or the offline one after a
    failure) is what must replace them on screen.
    """
    if not _model_can_answer(retrieval, offline):
        yield offline
        return
    pieces: list[str] = []
    try:
        for piece in llm.chain.stream(prompt_inputs(question, retrieval.hits, corpus)):
            if piece:
                pieces.append(piece)
                yield piece
    except Exception as exc:  # a failure of the model, mid-stream too, means the offline answer
        draft = _with_notice(offline, llm.failure(exc))
    else:
        draft = _checked("".join(pieces), retrieval, corpus, llm, offline)
    yield _redacted(draft, llm)
