"""The metrics over a run, with their confidence intervals; definitions in docs/evaluation.md."""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel

from assistant.evaluation.judge import CaseResult

RECALL_AT = (1, 5, 10)  # the cut-offs reported; retrieval is always scored this deep


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion (sound for small n and rates near 0 or 1)."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


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
    lead_accuracy: Rate  # cases whose lead meets its expectations, over cases with any
    lead_contradictions: Rate  # leads saying what lead_excludes rules out, over cases with any
    citation_precision: Rate  # shown citations matching an expectation (article level)
    quoted_precision: Rate  # quoted provisions matching an expectation (article level)
    citation_recall: Rate  # expectations met by a shown citation (article level)
    pinpoint_recall: Rate  # expectations met by a shown citation (pinpoint rules)
    abstention_accuracy: Rate  # abstained exactly when expected, over all cases
    declined_out_of_scope: Rate  # abstained, over the cases expecting abstention
    answered_in_scope: Rate  # did not abstain, over the answerable cases
    citations_resolving: Rate  # every shown citation, all cases
    quotes_verbatim: Rate  # every quote, all cases
    passages_repeated: int  # quotes repeating another of the same answer, all cases
    answer_chars_p50: float  # median answer length, in characters
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
    led = [r for r in results if r.lead_ok is not None]
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
        lead_accuracy=Rate.of(sum(bool(r.lead_ok) for r in led), len(led)),
        lead_contradictions=Rate.of(
            sum(r.lead_contradicts for r in results), sum(bool(r.lead_excludes) for r in results)
        ),
        citation_precision=Rate.of(sum(r.citations_matching for r in answerable), shown),
        quoted_precision=Rate.of(
            sum(r.quoted_matching for r in answerable), sum(len(r.quoted) for r in answerable)
        ),
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
        passages_repeated=sum(len(r.repeated) for r in results),
        answer_chars_p50=percentile([len(r.answer) for r in answerable], 0.5),
        latency_p50_ms=percentile(latencies, 0.5),
        latency_p95_ms=percentile(latencies, 0.95),
        failures=[r.id for r in results if not r.passed],
    )
