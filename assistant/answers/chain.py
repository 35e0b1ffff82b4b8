"""The answer chain: rewrite → retrieve → rerank → compose → generate, as named LangChain
(LCEL) steps over one typed state, the ``Turn``.

``Assistant`` is what the CLI, the app and the evaluation call. Offline, the composed answer is
the answer; in LLM mode the generate step asks the model (``prompt | model | StrOutputParser``)
and validates its citations and quotes, falling back to the composed answer. Both stream: text
chunks first, then the final ``Answer``, which is built in one place (``Assistant._finish``).

    assistant = Assistant.from_settings(load_settings())
    answer = assistant.ask("Must States criminalise bribery in the private sector?")
    print(answer.text, [cited.display for cited in answer.citations])
"""

from __future__ import annotations

import time
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from langchain_core.runnables import RunnableLambda, RunnableSequence

from assistant.answers.answer import Answer, Draft
from assistant.answers.composer import compose_offline, retrieved
from assistant.answers.conversation import standalone_question
from assistant.answers.generate import stream_llm_answer
from assistant.answers.guard import guard_stream
from assistant.answers.llm import LanguageModel, language_model
from assistant.answers.localise import localise
from assistant.answers.prompt import SYSTEM_PROMPT
from assistant.answers.question_kind import question_kind
from assistant.answers.rerank import CANDIDATES, best_of
from assistant.errors import LLMUnavailable
from assistant.search.retriever import Retrieval, Retriever
from assistant.settings import Settings

MAX_QUESTION_CHARS = 2000  # longer questions are cut here, with a notice
Mode = Literal["offline", "llm"]
EMPTY_QUESTION = (
    "Please type a question, e.g. “What does UNCAC say about bribery of national public "
    "officials?” or a provision such as “UNTOC art. 16(4)”."
)
NO_MODEL = (
    "No language model is configured (set TREATY_LLM_PROVIDER, TREATY_LLM_BASE_URL and "
    "TREATY_LLM_MODEL); this is the offline answer."
)


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


@dataclass
class Turn:
    """One question on its way through the chain; each step fills in its part."""

    question: str  # as asked; cleaned by the rewrite step
    history: list[str] = field(default_factory=list)  # earlier questions, oldest first
    mode: Mode = "offline"
    instruments: list[str] | None = None  # search only these documents (None: all)
    k: int = 5  # provisions an answer keeps (of CANDIDATES weighed)
    standalone: str = ""  # the question made to stand alone (a follow-up rewritten)
    notices: list[str] = field(default_factory=list)  # for the user, from every step
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds per step
    retrieval: Retrieval | None = None
    offline: Draft | None = None  # the composed answer: shown, or the model's fallback


class Answering(ABC):
    """What answers questions, streaming: text chunks, then the final ``Answer``; ``ask``
    waits for that Answer. (The assistant, and the service that follows index rebuilds.)"""

    @abstractmethod
    def stream(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Iterator[str | Answer]: ...

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Answer:
        stream = self.stream(question, history, mode, instruments)
        return next(item for item in stream if isinstance(item, Answer))


def _timed(step: str, turn: Turn, since: float) -> None:
    turn.timings[step] = round((time.perf_counter() - since) * 1000, 2)


class Assistant(Answering):
    def __init__(
        self,
        retriever: Retriever,
        settings: Settings,
        llm: LanguageModel | None = None,
        llm_problem: str | None = None,
    ):
        self.retriever = retriever
        self.corpus = retriever.corpus
        self.settings = settings
        self.llm = llm
        self.llm_problem = llm_problem  # why there is no model, when one was configured
        # Named steps, not ``with_config(run_name=…)``: a graph and a trace show the names, and
        # each step is one layer less to pass through (about 0.1 ms an answer).
        self.chain: RunnableSequence = RunnableSequence(
            RunnableLambda(self._rewrite, name="RewriteQuestion"),
            RunnableLambda(self._retrieve, name="Retrieve"),
            RunnableLambda(self._rerank, name="Rerank"),
            RunnableLambda(self._compose, name="ComposeOffline"),
            RunnableLambda(self._generate, name="Answer"),
            name="TreatyAssistant",
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        # An incomplete LLM set-up must not stop offline answers: it is said in llm mode
        # (the command line refuses llm mode at once, before anything loads).
        try:
            llm, problem = language_model(settings), None
        except LLMUnavailable as exc:
            llm, problem = None, exc.message
        return cls(Retriever.from_settings(settings), settings, llm, problem)

    # -- the steps ---------------------------------------------------------------------------

    def _rewrite(self, turn: Turn) -> Turn:
        clock = time.perf_counter()
        turn.question, turn.notices = clean_question(turn.question)
        history = [clean_question(q)[0] for q in turn.history]
        turn.standalone = standalone_question([*history, turn.question], self.corpus.manifest)
        _timed("rewrite", turn, clock)
        return turn

    def _retrieve(self, turn: Turn) -> Turn:
        if not turn.question:
            return turn
        turn.retrieval = self.retriever.search(
            turn.standalone, max(turn.k, CANDIDATES), turn.instruments
        )
        turn.timings.update(turn.retrieval.timings)
        return turn

    def _rerank(self, turn: Turn) -> Turn:
        if turn.retrieval is None:  # nothing was asked
            return turn
        clock = time.perf_counter()
        kind = question_kind(turn.standalone)
        turn.retrieval = best_of(turn.retrieval, turn.standalone, kind, self.corpus, turn.k)
        _timed("rerank", turn, clock)
        return turn

    def _compose(self, turn: Turn) -> Turn:
        clock = time.perf_counter()
        if turn.retrieval is None:  # nothing was asked
            turn.offline = Draft(
                text=EMPTY_QUESTION, abstained=True, abstain_reason="empty question"
            )
        else:
            turn.offline = compose_offline(turn.standalone, turn.retrieval, self.corpus)
        _timed("compose", turn, clock)
        return turn

    def _generate(self, turn: Turn) -> Iterator[str | Answer]:
        """A generator, so the chain streams: text chunks, then the final Answer."""
        offline = turn.offline
        if turn.mode != "llm" or self.llm is None or not turn.question:
            if turn.mode == "llm" and self.llm is None:
                turn.notices.append(
                    f"{self.llm_problem}; this is the offline answer."
                    if self.llm_problem
                    else NO_MODEL
                )
            yield from offline.text.splitlines(keepends=True)
            yield self._finish(turn, offline)
            return
        clock = time.perf_counter()
        reply = stream_llm_answer(turn.standalone, turn.retrieval, self.corpus, self.llm, offline)
        for item in guard_stream(reply, offline, SYSTEM_PROMPT):
            if isinstance(item, Draft):
                _timed("llm", turn, clock)
                yield self._finish(turn, item)
            else:
                yield item

    def _finish(self, turn: Turn, draft: Draft) -> Answer:
        """The one place an Answer is made: the draft, with its question and retrieval."""
        hits = turn.retrieval.hits if turn.retrieval else []
        if turn.retrieval is not None:  # in the question's language (French, Spanish)
            draft = localise(draft, turn.retrieval.language)
        return Answer(
            **draft.model_dump(exclude={"notices"}),
            notices=[*turn.notices, *draft.notices],
            question=turn.question,
            standalone_question=turn.standalone,
            retrieved=[retrieved(h) for h in hits],
            instruments=turn.retrieval.instruments if turn.retrieval else [],
            timings=turn.timings,
            index=self.retriever.index.stamp.build_id,
        )

    # -- what callers use --------------------------------------------------------------------

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Answer:
        """The final ``Answer``, not streamed: ``invoke`` keeps the last chunk the answer step
        yields (a chunk that cannot be added to the text before it replaces it) and skips the
        streaming machinery, about 0.7 ms an answer (bench/answer_bench.py)."""
        answer = self.chain.invoke(Turn(question, list(history), mode, instruments or None))
        if not isinstance(answer, Answer):  # the answer step always ends with one
            raise TypeError(f"the chain ended with {type(answer).__name__}, not an Answer")
        return answer

    def stream(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Iterator[str | Answer]:
        """Text chunks as they are produced, then the final ``Answer``."""
        turn = Turn(question, list(history), mode, instruments or None)
        yield from self.chain.stream(turn)
