"""Evaluation suites, the matching rules, the verdict on each case and the metrics over a run.

A case expects citations in canonical form. An expectation is met by the cited or retrieved
provision itself or by a part of it: an expected article by any of its paragraphs, an expected
paragraph by it or its subparagraphs; a bare document id by any provision of that document.
Retrieval and citation precision/recall are measured at article level (both sides reduced to
their article, note or commentary paragraph). ``match: all`` needs every expectation met.
The rules, metrics and pass/fail verdict are documented in docs/evaluation.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.citations import Citation, CitationError, parse_citation
from assistant.manifest import Manifest

RECALL_AT = (1, 5, 10)  # the cut-offs reported; retrieval is always scored this deep


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
    """Read a suite (ours, a promptfoo tests file or RAGAS JSONL) and check every citation."""
    from assistant.eval_formats import native_records

    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            raw = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            raw = yaml.safe_load(text) or []
        raw = native_records(raw, manifest)
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


# -- matching -----------------------------------------------------------------------------


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


def article_rank(case: Case, retrieved: Sequence[str], manifest: Manifest) -> int | None:
    """Rank at article level among distinct retrieved articles (None: not retrieved)."""
    expected = [article_of(c, manifest) for c in case.expected_citations]
    units = list(dict.fromkeys(article_of(c, manifest) for c in retrieved))
    return first_rank(expected, units, case.match)


def _display(citations: Iterable[str], manifest: Manifest) -> str:
    return ", ".join(parse_citation(c, manifest).display(manifest) for c in citations)


def _met(wants: list[Citation], gots: list[Citation]) -> list[bool]:
    return [any(want.covers(got) for got in gots) for want in wants]


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion (sound for small n and rates near 0 or 1)."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


# -- one case -----------------------------------------------------------------------------


class Output(BaseModel):
    """What a system produced for one case, before it is judged."""

    rewritten_question: str
    answer: str
    citations: list[str]  # shown to the user, canonical, in order of appearance
    retrieved: list[str]  # canonical, rank order, at least the top 10
    abstained: bool
    latency_ms: float
    quotes: int = 0
    unresolved: list[str] = Field(default_factory=list)  # shown citations that do not resolve
    not_verbatim: list[str] = Field(default_factory=list)  # "citation: quote" not in its text


class CaseResult(Output):
    """One case of a run: the case, what was produced, and the verdict with its reasons."""

    id: str
    questions: list[str]
    expected_citations: list[str]
    match: Literal["any", "all"]
    expect_abstain: bool
    must_include: list[str]
    tags: list[str]
    rank: int | None  # article-level rank at which the expectations are met
    cited_expected: int  # expectations met by a shown citation (article level)
    cited_pinpoint: int  # expectations met by a shown citation (pinpoint rules)
    citations_matching: int  # shown citations that match some expectation (article level)
    passed: bool
    reasons: list[str]  # why it failed; empty when it passed


def judge(case: Case, output: Output, manifest: Manifest, k: int) -> CaseResult:
    """The verdict on one case (the rules are in docs/evaluation.md, "Pass or fail")."""
    expected = [parse_citation(c, manifest) for c in case.expected_citations]
    shown = [parse_citation(c, manifest) for c in output.citations if c not in output.unresolved]
    rank = article_rank(case, output.retrieved, manifest) if expected else None
    units = [e.unit for e in expected]
    pinpoint = _met(expected, shown)
    reasons = [f"citation {c} does not resolve" for c in output.unresolved]
    reasons += [f"quote not verbatim: {q}" for q in output.not_verbatim]
    if case.expect_abstain:
        if not output.abstained:
            cited = _display(output.citations[:5], manifest) or "nothing"
            reasons.append(f"answered (citing {cited}) although the corpus does not address it")
    else:
        reasons += _answerable_reasons(case, output, rank, pinpoint, k, manifest)
    return CaseResult(
        **output.model_dump(),
        id=case.id,
        questions=case.conversation,
        expected_citations=case.expected_citations,
        match=case.match,
        expect_abstain=case.expect_abstain,
        must_include=case.must_include,
        tags=case.tags,
        rank=rank,
        cited_expected=sum(_met(units, [s.unit for s in shown])),
        cited_pinpoint=sum(pinpoint),
        citations_matching=sum(any(u.covers(s.unit) for u in units) for s in shown),
        passed=not reasons,
        reasons=reasons,
    )


def _answerable_reasons(
    case: Case, output: Output, rank: int | None, pinpoint: list[bool], k: int, manifest: Manifest
) -> list[str]:
    reasons = []
    expected = _display(case.expected_citations, manifest)
    if output.abstained:
        reasons.append("abstained although the corpus answers the question")
    if rank is None or rank > k:
        where = f"first met at rank {rank}" if rank else f"not in the top {len(output.retrieved)}"
        reasons.append(f"expected {expected} ({case.match}) not in the top {k} retrieved: {where}")
    if not output.abstained and not any(pinpoint):
        shown = _display(output.citations[:8], manifest) or "none"
        reasons.append(f"no expected citation ({expected}) among those shown: {shown}")
    lowered = output.answer.lower()
    reasons += [f"answer lacks '{p}'" for p in case.must_include if p.lower() not in lowered]
    return reasons


# -- a run --------------------------------------------------------------------------------


class Rate(BaseModel):
    """A proportion with its count and 95% Wilson interval."""

    value: float
    successes: int
    n: int
    ci95: tuple[float, float]

    @classmethod
    def of(cls, successes: int, n: int) -> Rate:
        value = round(successes / n, 3) if n else 0.0
        return cls(value=value, successes=successes, n=n, ci95=wilson(successes, n))


class Summary(BaseModel):
    """The metrics of one system over one run; definitions in docs/evaluation.md."""

    system: str
    cases: int
    answerable: int  # cases with expected citations; retrieval and citation metrics use these
    k: int
    passed: Rate
    recall_at_1: Rate
    recall_at_5: Rate
    recall_at_10: Rate
    mrr: float
    citation_precision: Rate  # shown citations matching an expectation (article level)
    citation_recall: Rate  # expectations met by a shown citation (article level)
    pinpoint_recall: Rate  # expectations met by a shown citation (pinpoint rules)
    abstention_accuracy: Rate  # abstained exactly when expected, over all cases
    declined_out_of_scope: Rate  # abstained, over the cases expecting abstention
    answered_in_scope: Rate  # did not abstain, over the answerable cases
    citations_resolving: Rate  # every shown citation, all cases
    quotes_verbatim: Rate  # every quote, all cases
    latency_p50_ms: float
    latency_p95_ms: float
    failures: list[str]  # ids of the failed cases


def percentile(values: Iterable[float], q: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return round(ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)], 1)


def summarise(results: list[CaseResult], system: str, k: int) -> Summary:
    """Aggregate per-case results into the metrics of the report."""
    answerable = [r for r in results if not r.expect_abstain]
    out_of_scope = [r for r in results if r.expect_abstain]
    ranks = [r.rank for r in answerable]
    n = len(answerable)

    def within(cutoff: int) -> Rate:
        return Rate.of(sum(1 for r in ranks if r and r <= cutoff), n)

    shown = sum(len(r.citations) for r in answerable)
    expectations = sum(len(r.expected_citations) for r in answerable)
    latencies = [r.latency_ms for r in results]
    return Summary(
        system=system,
        cases=len(results),
        answerable=n,
        k=k,
        passed=Rate.of(sum(r.passed for r in results), len(results)),
        recall_at_1=within(1),
        recall_at_5=within(5),
        recall_at_10=within(10),
        mrr=round(sum(1 / r for r in ranks if r) / n, 3) if n else 0.0,
        citation_precision=Rate.of(sum(r.citations_matching for r in answerable), shown),
        citation_recall=Rate.of(sum(r.cited_expected for r in answerable), expectations),
        pinpoint_recall=Rate.of(sum(r.cited_pinpoint for r in answerable), expectations),
        abstention_accuracy=Rate.of(
            sum(r.abstained == r.expect_abstain for r in results), len(results)
        ),
        declined_out_of_scope=Rate.of(sum(r.abstained for r in out_of_scope), len(out_of_scope)),
        answered_in_scope=Rate.of(sum(not r.abstained for r in answerable), n),
        citations_resolving=Rate.of(
            sum(len(r.citations) - len(r.unresolved) for r in results),
            sum(len(r.citations) for r in results),
        ),
        quotes_verbatim=Rate.of(
            sum(r.quotes - len(r.not_verbatim) for r in results), sum(r.quotes for r in results)
        ),
        latency_p50_ms=percentile(latencies, 0.5),
        latency_p95_ms=percentile(latencies, 0.95),
        failures=[r.id for r in results if not r.passed],
    )
