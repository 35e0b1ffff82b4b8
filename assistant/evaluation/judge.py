"""The matching rules and the verdict on one case.

A case expects citations in canonical form. An expectation is met by the cited or retrieved
provision itself or by a part of it: an expected article by any of its paragraphs, an expected
paragraph by it or its subparagraphs; a bare document id by any provision of that document.
Retrieval and citation precision/recall are measured at article level (both sides reduced to
their article, note or commentary paragraph). ``match: all`` needs every expectation met.
The rules and the pass/fail verdict are documented in docs/evaluation.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from assistant.answers.answer import split_lead
from assistant.evaluation.suite import Case
from assistant.model.citations import Citation, parse_citation
from assistant.model.manifest import Manifest

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
    quoted: list[str] = Field(default_factory=list)  # citations of the quoted provisions
    repeated: list[str] = Field(default_factory=list)  # "citation: quote" quoted twice


class CaseResult(Output):
    """One case of a run: the case, what was produced, and the verdict with its reasons."""

    id: str
    questions: list[str]
    expected_citations: list[str]
    match: Literal["any", "all"]
    expect_abstain: bool
    must_include: list[str]
    lead_includes: list[str] = []
    lead_excludes: list[str] = []
    tags: list[str]
    rank: int | None  # article-level rank at which the expectations are met
    lead: str  # the answer's opening (see ``lead_of``)
    lead_ok: bool | None  # the lead expectations met (None: the case has none)
    lead_contradicts: bool = False  # the lead says what lead_excludes rules out (a wrong verdict)
    cited_expected: int  # expectations met by a shown citation (article level)
    cited_pinpoint: int  # expectations met by a shown citation (pinpoint rules)
    citations_matching: int  # shown citations that match some expectation (article level)
    quoted_matching: int  # quoted provisions that match some expectation (article level)
    passed: bool
    reasons: list[str]  # why it failed; empty when it passed


LEAD_CHARS = 400


def lead_of(answer: str) -> str:
    """An answer's lead (``split_lead``), whitespace folded, at most LEAD_CHARS characters."""
    return " ".join(split_lead(answer)[0].split())[:LEAD_CHARS]


def _lead_reasons(case: Case, lead: str) -> list[str]:
    lowered = lead.lower()
    reasons = []
    if case.lead_includes and not any(p.lower() in lowered for p in case.lead_includes):
        # the lead itself quotes treaty text: reports show it only with the answers
        reasons.append(f"lead says none of {case.lead_includes}")
    reasons += [f"lead says '{p}'" for p in case.lead_excludes if p.lower() in lowered]
    return reasons


def judge(case: Case, output: Output, manifest: Manifest, k: int) -> CaseResult:
    """The verdict on one case (the rules are in docs/evaluation.md, "Pass or fail")."""
    expected = [parse_citation(c, manifest) for c in case.expected_citations]
    shown = [parse_citation(c, manifest) for c in output.citations if c not in output.unresolved]
    rank = article_rank(case, output.retrieved, manifest) if expected else None
    units = [e.unit for e in expected]
    pinpoint = _met(expected, shown)
    reasons = [f"citation {c} does not resolve" for c in output.unresolved]
    reasons += [f"quote not verbatim: {q}" for q in output.not_verbatim]
    reasons += [f"passage quoted twice: {q}" for q in output.repeated]
    lead = lead_of(output.answer)
    lead_reasons = _lead_reasons(case, lead)
    reasons += lead_reasons
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
        lead_includes=case.lead_includes,
        lead_excludes=case.lead_excludes,
        tags=case.tags,
        rank=rank,
        lead=lead,
        lead_ok=not lead_reasons if case.lead_includes or case.lead_excludes else None,
        lead_contradicts=any(p.lower() in lead.lower() for p in case.lead_excludes),
        cited_expected=sum(_met(units, [s.unit for s in shown])),
        cited_pinpoint=sum(pinpoint),
        citations_matching=sum(any(u.covers(s.unit) for u in units) for s in shown),
        quoted_matching=sum(
            any(u.covers(parse_citation(q, manifest).unit) for u in units) for q in output.quoted
        ),
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
