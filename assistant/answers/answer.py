"""The one ``Answer`` object that CLI, UI and evaluation all use, and its verification.

Citations are data: each names a provision of the corpus (canonical form) and carries its
display form and title. Quotes are data too: each is a passage that ``verify_answer``
finds verbatim (whitespace aside) in the provision it is attributed to.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.errors import CitationError, NoSuchProvision
from assistant.model.corpus import Corpus
from assistant.model.provisions import Provision
from assistant.model.verbatim import is_verbatim


class CitedProvision(BaseModel):
    citation: str  # canonical, e.g. "uncac art. 15(a)"
    display: str  # e.g. "UNCAC art. 15(a)"
    title: str | None = None  # article title
    instrument: str

    @classmethod
    def of(cls, node: Provision, corpus: Corpus) -> CitedProvision:
        return cls(
            citation=node.citation,
            display=node.cite().display(corpus.manifest),
            title=node.title,
            instrument=node.instrument,
        )


class Quote(BaseModel):
    citation: str  # the provision the passage is quoted from
    text: str  # verbatim passage


class RetrievedProvision(BaseModel):
    citation: str
    unit: str
    score: float
    similarity: float
    retrievers: list[str]


class Draft(BaseModel):
    """What answers the question: the text with its citations and quotes, as the offline
    composer or a validated model reply wrote it. The chain finishes it into an ``Answer``."""

    text: str  # markdown; its opening sentences (before the first quoted block) are the lead
    citations: list[CitedProvision] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    abstained: bool = False
    abstain_reason: str | None = None
    notices: list[str] = Field(default_factory=list)  # e.g. LLM fell back to offline
    mode: Literal["offline", "llm"] = "offline"
    model: str | None = None  # the LLM that wrote the text, when one did
    # How strongly the provision the lead quotes binds a State ("mandatory", "shall-consider"
    # …, see ``Obligation``), when the lead rests on one: the badge the app shows.
    obligation: str | None = None


class Answer(Draft):
    """A finished answer: the draft, with the question and the retrieval it answers."""

    question: str
    standalone_question: str  # what was searched, after follow-up rewriting
    retrieved: list[RetrievedProvision] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)  # documents searched (empty: all)
    timings: dict[str, float] = Field(default_factory=dict)  # milliseconds per stage
    index: str | None = None  # the index build that answered (see ``python -m ingest build``)


def split_lead(text: str) -> tuple[str, str]:
    """An answer's lead (its text before the first quoted block, a line starting with ">")
    and the rest: what the app shows in the answer box, and what evaluation scores."""
    lines = text.splitlines()
    cut = next((i for i, line in enumerate(lines) if line.lstrip().startswith(">")), len(lines))
    return "\n".join(lines[:cut]).strip(), "\n".join(lines[cut:]).strip()


def verify_answer(answer: Draft, corpus: Corpus) -> list[str]:
    """Problems with an answer's citations and quotes; [] when every one holds."""
    problems = []
    for cited in answer.citations:
        try:
            corpus.get(cited.citation)
        except (NoSuchProvision, CitationError) as exc:
            problems.append(f"citation {cited.citation} does not resolve: {exc}")
    for quote in answer.quotes:
        try:
            node = corpus.get(quote.citation)
        except (NoSuchProvision, CitationError):
            problems.append(f"quote attributed to {quote.citation}, which does not resolve")
            continue
        if not is_verbatim(quote.text, node.text):
            problems.append(f"quote not verbatim in {quote.citation}: {quote.text[:60]!r}")
    return problems
