"""The assistant, scored on the held-out golden suite (tests/qa/golden.yaml).

The suite runs once per module through the real assistant over the index the test session
builds. The gate is aggregate: a held-out set legitimately has a few retrieval misses, so no
single case's ranking fails the build; what must hold for every case is that each citation
shown resolves and each quote is verbatim. Metric definitions: docs/evaluation.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.evaluation.judge import CaseResult
from assistant.evaluation.metrics import Summary, summarise
from assistant.evaluation.runner import AssistantSystem, run_suite
from assistant.evaluation.suite import load_suite

GOLDEN = Path(__file__).with_name("golden.yaml")
# Regression floors, a little under what the held-out run measured (2026-12-05, eighteenth
# session: lead accuracy 0.774, wrong verdicts 0.020, citation precision 0.821 with recall
# 0.917): the lead target (0.85) is not reached yet — a wrong article at
# rank 1 (R@1 0.832) and a lead that quotes another paragraph of the right article cap it
# (docs/evaluation.md#adapted-model). Recall meets the 0.9.
LEAD_ACCURACY_AT_LEAST = 0.70
LEAD_CONTRADICTIONS_AT_MOST = 0.06
CITATION_PRECISION_AT_LEAST = 0.78
CITATION_RECALL_AT_LEAST = 0.90
CASE_IDS = [c["id"] for c in yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def golden(assistant, corpus, manifest) -> dict[str, CaseResult]:
    cases = load_suite(GOLDEN, manifest)
    return {r.id: r for r in run_suite(cases, AssistantSystem(assistant), corpus)}


@pytest.fixture(scope="module")
def summary(golden) -> Summary:
    return summarise(list(golden.values()), "ours (offline)", k=5)


def test_article_recall_at_5_is_at_least_090(summary):
    assert summary.recall_at_5.value >= 0.90, summary.recall_at_5


def test_abstention_accuracy_is_at_least_090(summary):
    assert summary.abstention_accuracy.value >= 0.90, summary.abstention_accuracy


def test_no_passage_is_quoted_twice_in_any_answer(summary):
    assert summary.passages_repeated == 0


def test_citations_are_mostly_the_ones_that_answer_and_the_answering_ones_are_cited(summary):
    assert summary.citation_precision.value >= CITATION_PRECISION_AT_LEAST, summary
    assert summary.citation_recall.value >= CITATION_RECALL_AT_LEAST, summary


def test_leads_rarely_say_what_they_must_not(summary):
    """A wrong verdict ("Yes — mandatory" for a measure to consider) is worse than none."""
    assert summary.lead_contradictions.n >= 50
    assert summary.lead_contradictions.value <= LEAD_CONTRADICTIONS_AT_MOST, summary


def test_the_lead_answers_in_most_cases_with_lead_expectations(summary):
    assert summary.lead_accuracy.n >= 80
    assert summary.lead_accuracy.value >= LEAD_ACCURACY_AT_LEAST, summary.lead_accuracy


def test_every_citation_resolves_and_every_quote_is_verbatim_over_the_run(summary):
    assert summary.citations_resolving.n > 0 and summary.citations_resolving.value == 1.0
    assert summary.quotes_verbatim.n > 0 and summary.quotes_verbatim.value == 1.0


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_what_the_answer_shows_checks_out(golden, case_id):
    result = golden[case_id]
    assert result.unresolved == [], f"citations that do not resolve: {result.unresolved}"
    assert result.not_verbatim == [], f"quotes not in the provision: {result.not_verbatim}"
    assert result.repeated == [], f"passages quoted twice: {result.repeated}"
    if result.abstained:
        assert result.citations == [] and result.quotes == 0
