"""The practitioner questions written for each article, embedded at build time, so that an
article asked about the way a user asks can be told from a neighbour that shares the topic.

``corpus/questions/`` holds two questions for every part of the instruments, written from the
treaty texts alone (never from the evaluation sets). The model is adapted on them
(ingest/adapt_model.py), which brings each question near its passage; a user's question is
often nearer still to the questions written for the article that answers it ("Can we hold
off executing the request?" and "Could the requested State put off …?") than to its wording.
Each question is embedded as the retriever searches a question (``search_text``) and kept
with the article and the part it was written for; a question's closeness to an article, or to
a part, is its cosine with the nearest of them (measured: docs/evaluation.md#session-24 and
#session-25).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from assistant.errors import TreatyError
from assistant.model.citations import inside
from assistant.model.corpus import Corpus
from assistant.search.embeddings import SentenceEmbeddings

VECTORS = "questions.npy"
UNITS = "questions.json"


def _written(citation: str, corpus: Corpus) -> tuple[str, str] | None:
    """The article and the part (canonical citations) a question was written for."""
    try:
        node = corpus.get(citation)
    except TreatyError:  # a document left out, or a provision it does not have
        return None
    return str(node.cite().unit), node.citation


class QuestionVectors:
    """Unit-length vectors of the practitioner questions, by the article and the part each was
    written for."""

    def __init__(self, written: list[tuple[str, str]], vectors: np.ndarray):
        """``written``: the article and the part (citations) the question of each row of
        ``vectors`` was written for."""
        self.written = written
        self.vectors = vectors
        self.rows: dict[str, list[int]] = {}
        self._within: dict[tuple[str, str], list[int]] = {}
        for row, (unit, _) in enumerate(written):
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
        kept = [(written, q) for c, q in questions if (written := _written(c, corpus))]
        array = embeddings.unit_rows([searched(q) for _, q in kept], progress)
        return cls([written for written, _ in kept], array)

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS, self.vectors)
        (folder / UNITS).write_text(json.dumps(self.written), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> QuestionVectors:
        rows = json.loads((folder / UNITS).read_text(encoding="utf-8"))
        written = [(str(unit), str(part)) for unit, part in rows]
        vectors = np.load(folder / VECTORS)
        if len(written) != len(vectors):
            raise ValueError(f"{len(written)} questions but {len(vectors)} vectors")
        return cls(written, vectors)

    def closeness(self, vector: np.ndarray, unit: str) -> float | None:
        """The cosine of the question's unit-length ``vector`` with the nearest question
        written for ``unit`` (None for an article none was written for: a user's document, a
        commentary)."""
        rows = self.rows.get(unit)
        if not rows:
            return None
        return float((self.vectors[rows] @ vector).max())

    def part_closeness(
        self, vector: np.ndarray, unit: str, parts: Iterable[str]
    ) -> dict[str, float]:
        """For each of ``parts`` (citations in ``unit``), the cosine of the question's
        unit-length ``vector`` with the nearest question written for it or for a part inside
        it (a paragraph is asked about through its subparagraphs too); none for a part no
        question was written for."""
        rows = self.rows.get(unit)
        if not rows:
            return {}
        sims = self.vectors[rows] @ vector
        return {part: float(sims[at].max()) for part in parts if (at := self._asked_of(unit, part))}

    def _asked_of(self, unit: str, part: str) -> list[int]:
        """The positions, among ``unit``'s rows, of the questions written for ``part`` or for
        a part inside it (worked out once per part: an answer asks it of every hit)."""
        key = (unit, part)
        if key not in self._within:
            self._within[key] = [
                at
                for at, row in enumerate(self.rows[unit])
                if (asked := self.written[row][1]) == part or inside(asked, part)
            ]
        return self._within[key]
