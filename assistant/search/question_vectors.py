"""The practitioner questions written for each article, embedded at build time, so that an
article asked about the way a user asks can be told from a neighbour that shares the topic.

``corpus/questions/`` holds two questions for every part of the instruments, written from the
treaty texts alone (never from the evaluation sets). The model is adapted on them
(ingest/adapt_model.py), which brings each question near its passage; a user's question is
often nearer still to the questions written for the article that answers it ("Can we hold
off executing the request?" and "Could the requested State put off …?") than to its wording.
Each question is embedded as the retriever searches a question (``search_text``) and kept
with the article it was written for; a question's closeness to an article is its cosine with
the nearest of them (measured: docs/evaluation.md#session-24).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.errors import TreatyError
from assistant.model.corpus import Corpus
from assistant.search.embeddings import SentenceEmbeddings

VECTORS = "questions.npy"
UNITS = "questions.json"


def _article(citation: str, corpus: Corpus) -> str | None:
    try:
        return str(corpus.get(citation).cite().unit)
    except TreatyError:  # a document left out, or a provision it does not have
        return None


class QuestionVectors:
    """Unit-length vectors of the practitioner questions, by the article each was written for."""

    def __init__(self, units: list[str], vectors: np.ndarray):
        """``units``: the article (citation) of the question of each row of ``vectors``."""
        self.units = units
        self.vectors = vectors
        self.rows: dict[str, list[int]] = {}
        for row, unit in enumerate(units):
            self.rows.setdefault(unit, []).append(row)

    @classmethod
    def build(
        cls,
        questions: list[tuple[str, str]],
        corpus: Corpus,
        embeddings: SentenceEmbeddings,
        searched: Callable[[str], str],
        progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> QuestionVectors:
        """From (citation, question) pairs, each embedded as ``searched`` reads it; a question
        about a provision the corpus does not hold (its document left out) is left out."""
        kept = [(unit, q) for c, q in questions if (unit := _article(c, corpus)) is not None]
        array = embeddings.unit_rows([searched(q) for _, q in kept], progress)
        return cls([unit for unit, _ in kept], array)

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS, self.vectors)
        (folder / UNITS).write_text(json.dumps(self.units), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> QuestionVectors:
        units = [str(u) for u in json.loads((folder / UNITS).read_text(encoding="utf-8"))]
        vectors = np.load(folder / VECTORS)
        if len(units) != len(vectors):
            raise ValueError(f"{len(units)} questions but {len(vectors)} vectors")
        return cls(units, vectors)

    def closeness(self, vector: np.ndarray, unit: str) -> float:
        """The cosine of the question's unit-length ``vector`` with the nearest question
        written for ``unit`` (0 for an article none was written for)."""
        rows = self.rows.get(unit)
        if not rows:
            return 0.0
        return float((self.vectors[rows] @ vector).max())
