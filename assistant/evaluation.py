"""Evaluation suites (YAML or JSON lines) and retrieval metrics at article level.

A case expects citations in canonical form. At article level an expectation is met by a
retrieved provision of the same article (or note, or commentary paragraph); a bare document id
is met by any provision of that document. ``match: all`` needs every expectation met.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.citations import Citation, CitationError, parse_citation
from assistant.manifest import Manifest


class SuiteError(Exception):
    """A suite file that cannot be used; says which case and what is wrong."""


class Case(BaseModel):
    model_config = {"extra": "forbid"}

    id: str
    question: str | None = None
    turns: list[str] | None = None
    expected_citations: list[str] = Field(default_factory=list)
    match: Literal["any", "all"] = "any"
    expect_abstain: bool = False
    must_include: list[str] = Field(default_factory=list)
    instruments: list[str] | None = None
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_way_of_asking(self) -> Case:
        if (self.question is None) == (self.turns is None):
            raise ValueError("give either 'question' or 'turns'")
        if not self.expect_abstain and not self.expected_citations:
            raise ValueError("give expected_citations, or expect_abstain: true")
        return self

    @property
    def conversation(self) -> list[str]:
        return self.turns if self.turns is not None else [self.question or ""]


def load_suite(path: Path, manifest: Manifest) -> list[Case]:
    """Read a suite and check that every expected citation is well formed."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            raw = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            raw = yaml.safe_load(text) or []
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise SuiteError(f"cannot read suite {path}: {exc}") from None
    if not isinstance(raw, list):
        raise SuiteError(f"suite {path} must be a list of cases")
    cases, seen = [], set()
    for i, entry in enumerate(raw, 1):
        name = entry.get("id", f"case {i}") if isinstance(entry, dict) else f"case {i}"
        try:
            case = Case.model_validate(entry)
            for citation in case.expected_citations:
                parse_citation(citation, manifest)
        except (ValidationError, CitationError) as exc:
            detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else exc
            raise SuiteError(f"suite {path}, {name}: {detail}") from None
        if case.id in seen:
            raise SuiteError(f"suite {path}: case id '{case.id}' appears twice")
        seen.add(case.id)
        cases.append(case)
    return cases


def article_of(citation: str, manifest: Manifest) -> Citation:
    """The unit a citation belongs to (a bare document id stays a bare id)."""
    return parse_citation(citation, manifest).unit


def first_rank(expected: list[Citation], retrieved: Sequence[Citation], match: str) -> int | None:
    """1-based rank at which the case is satisfied, or None if it never is."""
    ranks = []
    for want in expected:
        rank = next((i for i, got in enumerate(retrieved, 1) if want.covers(got)), None)
        if rank is None and match == "all":
            return None
        ranks.append(rank)
    found = [r for r in ranks if r is not None]
    if not found:
        return None
    return max(found) if match == "all" else min(found)


class RetrievalScores(BaseModel):
    """Article-level recall@1/5/10 and MRR over the cases that expect citations."""

    cases: int
    recall_at_1: float
    recall_at_5: float
    recall_at_10: float
    mrr: float
    recall_at_5_ci: tuple[float, float]  # 95% Wilson interval
    failures: list[str]  # case ids not satisfied within 5


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


def score_retrieval(
    cases: list[Case],
    retrieve: Callable[[Case], list[str]],
    manifest: Manifest,
) -> RetrievalScores:
    """Run ``retrieve`` (case -> citations in rank order) over the cases and score it."""
    ranks: dict[str, int | None] = {}
    for case in cases:
        if case.expect_abstain:
            continue
        expected = [article_of(c, manifest) for c in case.expected_citations]
        retrieved = [article_of(c, manifest) for c in retrieve(case)]
        ranks[case.id] = first_rank(expected, list(dict.fromkeys(retrieved)), case.match)
    n = len(ranks)

    def recall(k: int) -> float:
        return round(sum(1 for r in ranks.values() if r and r <= k) / n, 3) if n else 0.0

    at5 = sum(1 for r in ranks.values() if r and r <= 5)
    return RetrievalScores(
        cases=n,
        recall_at_1=recall(1),
        recall_at_5=recall(5),
        recall_at_10=recall(10),
        mrr=round(sum(1 / r for r in ranks.values() if r) / n, 3) if n else 0.0,
        recall_at_5_ci=wilson(at5, n),
        failures=[cid for cid, r in ranks.items() if not r or r > 5],
    )
