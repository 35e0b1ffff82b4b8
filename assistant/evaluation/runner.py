"""Runs a suite's cases through the assistant or a baseline and judges each one.

A system turns a case into an ``Output``; ``run_suite`` judges it. The assistant is asked
exactly as a user asks (``Assistant.ask``: same rewriting, retrieval depth and composition);
its ranking for the retrieval metrics comes from the same retriever asked ten deep, whose
first five are the provisions the answer was composed from.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol

from tqdm import tqdm

from assistant.answers.answer import Answer
from assistant.answers.chain import Assistant, Mode
from assistant.answers.conversation import standalone_question
from assistant.errors import CitationError, NoSuchProvision
from assistant.evaluation.judge import CaseResult, Output, judge
from assistant.evaluation.metrics import RECALL_AT
from assistant.evaluation.suite import Case
from assistant.model.corpus import Corpus
from assistant.model.verbatim import is_verbatim
from assistant.settings import Settings

BASELINES = ("naive", "bm25")


class System(Protocol):
    name: str

    def output(self, case: Case) -> Output: ...


class AssistantSystem:
    """The assistant as users meet it, offline or with the configured LLM."""

    def __init__(self, assistant: Assistant, mode: Mode = "offline", depth: int = 10):
        self.assistant = assistant
        self.mode: Mode = mode
        self.depth = max(depth, *RECALL_AT)
        self.name = f"ours ({mode})"

    def output(self, case: Case) -> Output:
        *history, question = case.conversation
        clock = time.perf_counter()
        answer = self.assistant.ask(question, history, self.mode, case.instruments)
        latency = (time.perf_counter() - clock) * 1000
        ranking = self.assistant.retriever.search(
            answer.standalone_question, k=self.depth, instruments=case.instruments
        )
        return Output(
            rewritten_question=answer.standalone_question,
            answer=answer.text,
            citations=[c.citation for c in answer.citations],
            retrieved=[h.citation for h in ranking.hits],
            abstained=answer.abstained,
            latency_ms=round(latency, 1),
            quotes=len(answer.quotes),
            unresolved=_unresolved(answer, self.assistant.corpus),
            not_verbatim=_not_verbatim(answer, self.assistant.corpus),
            quoted=list(dict.fromkeys(q.citation for q in answer.quotes)),
            repeated=_repeated(answer, self.assistant.corpus),
        )


def _resolves(citation: str, corpus: Corpus) -> bool:
    try:
        corpus.get(citation)
    except (NoSuchProvision, CitationError):
        return False
    return True


def _unresolved(answer: Answer, corpus: Corpus) -> list[str]:
    return [c.citation for c in answer.citations if not _resolves(c.citation, corpus)]


def _not_verbatim(answer: Answer, corpus: Corpus) -> list[str]:
    def holds(citation: str, text: str) -> bool:
        return _resolves(citation, corpus) and is_verbatim(text, corpus.get(citation).text)

    return [f"{q.citation}: {q.text[:60]}" for q in answer.quotes if not holds(q.citation, q.text)]


def _repeated(answer: Answer, corpus: Corpus) -> list[str]:
    """Quotes whose passage another quote from the same article already contains."""
    quotes = [q for q in answer.quotes if _resolves(q.citation, corpus)]
    units = [str(corpus.get(q.citation).cite().unit) for q in quotes]
    return [
        f"{q.citation}: {q.text[:60]}"
        for i, q in enumerate(quotes)
        if any(
            units[j] == units[i] and is_verbatim(q.text, o.text)
            for j, o in enumerate(quotes)
            if j != i and (j < i or not is_verbatim(o.text, q.text))
        )
    ]


class BaselineSystem:
    """A baseline retriever whose "answer" is its top k chunks: their provisions are the
    citations shown, their texts the answer; it never abstains and quotes nothing."""

    def __init__(
        self, name: str, search: Callable[[str, int], list[str]], corpus: Corpus, k: int = 5
    ):
        self.name, self.search, self.corpus, self.k = name, search, corpus, k

    def output(self, case: Case) -> Output:
        manifest = self.corpus.manifest
        question = standalone_question(case.conversation, manifest)
        clock = time.perf_counter()
        units = self.search(question, max(RECALL_AT))  # one unit per chunk, best first
        latency = (time.perf_counter() - clock) * 1000
        shown = list(dict.fromkeys(units[: self.k]))
        text = "\n\n".join(
            f"{self.corpus.get(u).cite().display(manifest)}\n{self.corpus.get(u).text}"
            for u in shown
        )
        return Output(
            rewritten_question=question,
            answer=text,
            citations=shown,
            retrieved=list(dict.fromkeys(units))[: max(RECALL_AT)],
            abstained=False,
            latency_ms=round(latency, 1),
        )


def baseline(name: str, settings: Settings, assistant: Assistant, k: int = 5) -> BaselineSystem:
    """``naive`` (LangChain's default recipe) or ``bm25`` (our lexical index alone)."""
    from assistant.evaluation.baselines import BM25Retriever, NaiveRetriever

    index, corpus = assistant.retriever.index, assistant.corpus
    if name == "naive":
        naive = NaiveRetriever(settings, corpus, index.store.embeddings)
        return BaselineSystem("naive LangChain RAG", naive.search, corpus, k)
    if name == "bm25":
        return BaselineSystem("BM25 alone", BM25Retriever(index).search, corpus, k)
    raise ValueError(f"unknown baseline '{name}' (choose from {', '.join(BASELINES)})")


def run_suite(
    cases: list[Case], system: System, corpus: Corpus, k: int = 5, progress: bool = False
) -> list[CaseResult]:
    """Every case through ``system``, judged; a progress bar on stderr when asked."""
    bar = tqdm(cases, desc=system.name, unit="case", file=sys.stderr, disable=not progress)
    return [judge(case, system.output(case), corpus.manifest, k) for case in bar]
