"""The dense vector of each part of an article, so an answer can tell its paragraphs apart
by meaning.

The index embeds an article whole when it is short, so every paragraph of it is equally
close to a question; the lead must still choose the paragraph that answers ("must we"
is art. 15(1), "may we" art. 15(3)). Each part with text of its own (paragraph,
subparagraph, clause) of an article with more than one is embedded at build time with the
article's title, as the adapted model reads it, and kept beside BM25 in the build folder;
a question's closeness to them is a dot product (measured: docs/evaluation.md#part-vectors).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.model.corpus import Corpus
from assistant.model.provisions import Provision
from assistant.search.embeddings import SentenceEmbeddings

VECTORS = "parts.npy"
CITATIONS = "parts.json"


def part_text(node: Provision) -> str:
    """What is embedded for a part: its article's title and its own words."""
    return f"{node.title or ''}: {node.own}"


def _parts(unit: Provision) -> list[Provision]:
    own = [n for n in unit.walk() if n.own.strip()]
    return own if len(own) > 1 else []


def part_count(corpus: Corpus) -> int:
    """How many parts ``PartVectors.build`` embeds (for a progress bar)."""
    return sum(len(_parts(unit)) for doc in corpus for unit in doc.units)


class PartVectors:
    """Unit-length vectors of the parts of each article with several, by citation."""

    def __init__(self, parts: list[tuple[str, str]], vectors: np.ndarray):
        """``parts``: (its unit's citation, its own) for each row of ``vectors``."""
        self.parts = parts
        self.vectors = vectors
        self.rows: dict[str, list[tuple[str, int]]] = {}
        for row, (unit, citation) in enumerate(parts):
            self.rows.setdefault(unit, []).append((citation, row))

    @classmethod
    def build(
        cls,
        corpus: Corpus,
        embeddings: SentenceEmbeddings,
        progress: Callable[[int, int], None] = lambda done, total: None,
    ) -> PartVectors:
        parts = [(unit, n) for doc in corpus for unit in doc.units for n in _parts(unit)]
        array = embeddings.unit_rows([part_text(n) for _, n in parts], progress)
        return cls([(unit.citation, n.citation) for unit, n in parts], array)

    def save(self, folder: Path) -> None:
        np.save(folder / VECTORS, self.vectors)
        (folder / CITATIONS).write_text(json.dumps(self.parts), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> PartVectors:
        parts = [(unit, part) for unit, part in json.loads((folder / CITATIONS).read_text())]
        vectors = np.load(folder / VECTORS)
        if len(parts) != len(vectors):
            raise ValueError(f"{len(parts)} parts but {len(vectors)} vectors")
        return cls(parts, vectors)

    def closeness(self, vector: list[float], unit: str) -> dict[str, float]:
        """The cosine similarity of the question's ``vector`` to each part of ``unit`` (none
        for an article of one part)."""
        rows = self.rows.get(unit)
        if not rows:
            return {}
        query = np.asarray(vector, dtype=np.float32)
        query /= max(float(np.linalg.norm(query)), 1e-12)
        sims = self.vectors[[row for _, row in rows]] @ query
        return {citation: float(s) for (citation, _), s in zip(rows, sims, strict=True)}
