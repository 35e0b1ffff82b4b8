"""The retrieval chain: rewrite → retrieve → compose, as a LangChain (LCEL) runnable.

``Assistant`` is what the CLI, the app and the evaluation call. Offline it composes from the
retrieved provisions; with an LLM configured the compose step asks the model and validates
its citations and quotes (falling back to the offline answer). Both stream: text chunks first,
then the final ``Answer``.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answers.answer import Answer
from assistant.answers.composer import compose_offline
from assistant.answers.conversation import standalone_question
from assistant.search.retriever import Retriever
from assistant.settings import Settings

MAX_QUESTION_CHARS = 2000  # longer questions are cut here, with a notice
Mode = Literal["offline", "llm"]


def clean_question(question: str) -> tuple[str, list[str]]:
    """Drop control characters and cut an over-long question; say so when it was cut."""
    text = "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " " for c in question)
    text = " ".join(text.split())
    if len(text) > MAX_QUESTION_CHARS:
        return text[:MAX_QUESTION_CHARS], [
            f"The question was {len(text):,} characters long; only the first "
            f"{MAX_QUESTION_CHARS:,} were used."
        ]
    return text, []


class Answerer:
    """What answers questions, streaming: ``stream`` yields text chunks, then the final
    ``Answer``; ``ask`` waits for that Answer."""

    def stream(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Iterator[str | Answer]:
        raise NotImplementedError

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Answer:
        stream = self.stream(question, history, mode, instruments)
        return next(item for item in stream if isinstance(item, Answer))


class Assistant(Answerer):
    def __init__(self, retriever: Retriever, settings: Settings, chat_model: Any = None):
        self.retriever = retriever
        self.corpus = retriever.corpus
        self.settings = settings
        self.chat_model = chat_model
        self.chain: Runnable = (
            RunnableLambda(self._rewrite)
            | RunnableLambda(self._retrieve)
            | RunnableLambda(self._compose)
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        model = None
        if settings.llm_provider:
            from assistant.answers.llm import chat_model

            model = chat_model(settings)
        return cls(Retriever.from_settings(settings), settings, model)

    @property
    def model_name(self) -> str | None:
        return self.settings.llm_model if self.chat_model is not None else None

    # -- the three steps --------------------------------------------------------------------

    def _rewrite(self, state: dict) -> dict:
        clock = time.perf_counter()
        question, notices = clean_question(state["question"])
        history = [clean_question(q)[0] for q in state.get("history", [])]
        standalone = standalone_question([*history, question], self.corpus.manifest)
        rewrite_ms = round((time.perf_counter() - clock) * 1000, 2)
        return {
            **state,
            "question": question,
            "standalone": standalone,
            "notices": notices,
            "rewrite_ms": rewrite_ms,
        }

    def _retrieve(self, state: dict) -> dict:
        retrieval = self.retriever.search(
            state["standalone"], k=state.get("k", 5), instruments=state.get("instruments")
        )
        return {**state, "retrieval": retrieval}

    def _compose(self, state: dict) -> Iterator[str | Answer]:
        """A generator, so the chain streams: text chunks, then the final Answer."""
        clock = time.perf_counter()
        retrieval = state["retrieval"]
        if not state["question"]:
            answer = Answer(
                question="",
                standalone_question="",
                text=(
                    "Please type a question, e.g. “What does UNCAC say about bribery of national "
                    "public officials?” or a provision such as “UNTOC art. 16(4)”."
                ),
                abstained=True,
                abstain_reason="empty question",
            )
            yield answer.text
            yield answer
            return
        offline = compose_offline(state["question"], state["standalone"], retrieval, self.corpus)
        offline.timings["rewrite"] = state["rewrite_ms"]
        offline.timings["compose"] = round((time.perf_counter() - clock) * 1000, 2)
        offline.notices = state["notices"] + offline.notices
        if state.get("mode") != "llm" or self.chat_model is None:
            if state.get("mode") == "llm":
                offline.notices.append(
                    "No language model is configured (set TREATY_LLM_PROVIDER, TREATY_LLM_"
                    "BASE_URL and TREATY_LLM_MODEL); this is the offline answer."
                )
            yield from offline.text.splitlines(keepends=True)
            yield offline
            return
        from assistant.answers.llm import SYSTEM_PROMPT, stream_with_llm
        from assistant.answers.validation import guard_stream

        question = state["standalone"]
        reply = stream_with_llm(question, retrieval, self.corpus, self.chat_model, offline)
        yield from guard_stream(reply, offline, SYSTEM_PROMPT)

    # -- what callers use --------------------------------------------------------------------

    def stream(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Iterator[str | Answer]:
        """Text chunks as they are produced, then the final ``Answer``."""
        inputs = {
            "question": question,
            "history": list(history),
            "mode": mode,
            "instruments": instruments or None,
        }
        for item in self.chain.stream(inputs):
            if isinstance(item, Answer):
                item.index = self.retriever.index.stamp.build_id
            yield item
