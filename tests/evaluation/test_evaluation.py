"""Suites, matching, the verdict on a case, the metrics, and the development set's thresholds."""

from pathlib import Path

import pytest

from assistant.answers.conversation import standalone_question
from assistant.errors import SuiteError
from assistant.evaluation.judge import Output, first_rank, judge
from assistant.evaluation.metrics import summarise, wilson
from assistant.evaluation.runner import AssistantSystem, baseline, run_suite
from assistant.evaluation.suite import Case, check_in_corpus, load_suite
from assistant.model.citations import parse_citation

DEV_SUITE = Path(__file__).parents[2] / "eval" / "dev.yaml"


def cites(manifest, *texts):
    return [parse_citation(t, manifest).unit for t in texts]


def test_an_expected_article_is_met_by_any_part_of_it(manifest):
    expected = cites(manifest, "untoc art. 16(4)")
    assert first_rank(expected, cites(manifest, "uncac art. 44", "untoc art. 16(1)"), "any") == 2
    assert (
        first_rank(
            cites(manifest, "commentary-mcadam-2025"),
            cites(manifest, "uncac art. 1", "commentary-mcadam-2025 para. 3"),
            "any",
        )
        == 2
    )


def test_match_all_needs_every_expectation(manifest):
    expected = cites(manifest, "uncac art. 26", "untoc art. 10")
    retrieved = cites(manifest, "untoc art. 10", "uncac art. 1", "uncac art. 26")
    assert first_rank(expected, retrieved, "all") == 3
    assert first_rank(expected, cites(manifest, "untoc art. 10"), "all") is None


def test_wilson_interval_brackets_the_rate():
    low, high = wilson(90, 100)
    assert low < 0.9 < high
    assert wilson(0, 0) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("- id: a\n  question: q\n", "give expected_citations, or expect_abstain"),
        ("- id: a\n  expected_citations: [uncac art. 1]\n", "give either 'question' or 'turns'"),
        (
            "- id: a\n  question: q\n  expected_citations: [nowhere art. 1]\n",
            "names no known document",
        ),
        (
            "- id: a\n  question: q\n  expected_citations: [uncac art. 1]\n  colour: red\n",
            "Extra inputs",
        ),
        (
            "- {id: a, question: q, expect_abstain: true}\n"
            "- {id: a, question: r, expect_abstain: true}\n",
            "'a' appears twice",
        ),
        ("id: a\n", "must be a list"),
    ],
)
def test_a_bad_suite_says_which_case_is_wrong(tmp_path, manifest, body, says):
    suite = tmp_path / "suite.yaml"
    suite.write_text(body)
    with pytest.raises(SuiteError, match=says):
        load_suite(suite, manifest)


def test_follow_ups_carry_the_topic_and_the_document(manifest):
    assert "extradition" in standalone_question(
        ["What does UNTOC say about extradition?", "And what about the Cybercrime Convention?"],
        manifest,
    )
    assert "(UNCAC)" in standalone_question(
        ["Does UNCAC cover bribery in the private sector?", "Is it mandatory for States?"], manifest
    )


# -- the verdict on one case ----------------------------------------------------------------

EXTRADITION = Case(
    id="extradition",
    question="Is extradition possible without a treaty under UNTOC?",
    expected_citations=["untoc art. 16(4)"],
    must_include=["extradition"],
)
OUT_OF_SCOPE = Case(id="bread", question="How do I bake sourdough?", expect_abstain=True)


def produced(**changes) -> Output:
    """What a good answer to EXTRADITION looks like; each test changes one thing."""
    good = {
        "rewritten_question": EXTRADITION.question,
        "answer": "**UNTOC art. 16(4)** allows extradition on the Convention itself.",
        "citations": ["untoc art. 16", "untoc art. 16(4)", "uncac art. 44"],
        "retrieved": [
            "uncac art. 44",
            "untoc art. 16(4)",
            *[f"uncac art. {n}" for n in range(1, 9)],
        ],
        "abstained": False,
        "latency_ms": 40.0,
        "quotes": 2,
    }
    return Output(**{**good, **changes})


def test_an_answerable_case_passes_when_retrieved_cited_and_phrased(manifest):
    result = judge(EXTRADITION, produced(), manifest, k=5)
    assert result.passed and result.reasons == []
    assert result.rank == 2
    assert (result.cited_expected, result.cited_pinpoint, result.citations_matching) == (1, 1, 2)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"abstained": True, "citations": []}, "abstained although the corpus answers"),
        ({"retrieved": [f"uncac art. {n}" for n in range(1, 11)]}, "not in the top 5 retrieved"),
        ({"citations": ["untoc art. 16", "untoc art. 16(1)"]}, "no expected citation"),
        ({"answer": "See UNTOC art. 16(4)."}, "answer lacks 'extradition'"),
        ({"unresolved": ["untoc art. 16(4)"]}, "does not resolve"),
        ({"not_verbatim": ["untoc art. 16(4): invented"]}, "quote not verbatim"),
    ],
)
def test_an_answerable_case_fails_for_each_unmet_rule_and_says_why(manifest, changes, reason):
    result = judge(EXTRADITION, produced(**changes), manifest, k=5)
    assert not result.passed
    assert any(reason in r for r in result.reasons), result.reasons


def test_the_retrieval_cut_off_is_k(manifest):
    late = produced(retrieved=[f"uncac art. {n}" for n in range(1, 7)] + ["untoc art. 16(4)"])
    assert judge(EXTRADITION, late, manifest, k=5).reasons[0].endswith("first met at rank 7")
    assert judge(EXTRADITION, late, manifest, k=7).passed


def test_an_out_of_scope_case_passes_only_when_declined(manifest):
    declined = produced(abstained=True, citations=[], answer="The corpus does not address it.")
    assert judge(OUT_OF_SCOPE, declined, manifest, k=5).passed
    answered = judge(OUT_OF_SCOPE, produced(), manifest, k=5)
    assert not answered.passed
    assert "UNTOC art. 16" in answered.reasons[0]  # says what it cited, as users see it


def test_metrics_count_citations_expectations_and_abstention_both_ways(manifest):
    results = [
        judge(EXTRADITION, produced(), manifest, 5),
        judge(EXTRADITION, produced(citations=["uncac art. 44"]), manifest, 5),
        judge(OUT_OF_SCOPE, produced(abstained=True, citations=[]), manifest, 5),
        judge(OUT_OF_SCOPE, produced(), manifest, 5),
    ]
    summary = summarise(results, "test", 5)
    assert (summary.cases, summary.answerable) == (4, 2)
    assert summary.passed.successes == 2 and summary.failures == [results[1].id, results[3].id]
    # precision: shown citations matching an expectation, answerable cases only (2 of 3 + 0 of 1)
    assert (summary.citation_precision.successes, summary.citation_precision.n) == (2, 4)
    assert (summary.citation_recall.successes, summary.citation_recall.n) == (1, 2)
    assert (summary.recall_at_1.value, summary.recall_at_5.value, summary.mrr) == (0, 1, 0.5)
    assert summary.abstention_accuracy.successes == 3
    assert summary.declined_out_of_scope.value == 0.5 and summary.answered_in_scope.value == 1
    assert summary.quotes_verbatim.n == 8 and summary.citations_resolving.value == 1


# -- the development set, through the real assistant ----------------------------------------


@pytest.fixture(scope="module")
def dev_run(assistant, corpus, manifest):
    cases = load_suite(DEV_SUITE, manifest)
    return cases, run_suite(cases, AssistantSystem(assistant), corpus)


def test_dev_set_is_large_and_spans_every_document(dev_run, manifest):
    cases, _ = dev_run
    assert len([c for c in cases if not c.expect_abstain]) >= 60
    named = {parse_citation(e, manifest).instrument for c in cases for e in c.expected_citations}
    assert named == set(manifest.ids())


def test_every_answer_ranks_ten_provisions_unless_narrowed_to_one_document(dev_run):
    cases, results = dev_run
    whole_corpus = [r for c, r in zip(cases, results, strict=True) if not c.instruments]
    assert all(len(r.retrieved) >= 10 for r in whole_corpus)


def test_dev_set_recall_at_5_is_at_least_088(dev_run):
    """A floor, not a target: 0.919 over the nine-document corpus; 0.894 over eleven, where
    the 1988 and Lanzarote Conventions (added after tuning) sit at 0.892 and outrank three
    older cases' articles (the held-out golden gate stays at 0.90: 0.921)."""
    _, results = dev_run
    summary = summarise(results, "ours", 5)
    assert summary.recall_at_5.value >= 0.88, summary.failures


def test_named_provisions_are_always_at_rank_1(dev_run):
    _, results = dev_run
    direct = summarise([r for r in results if "direct" in r.tags], "direct", 5)
    assert direct.answerable >= 8
    assert direct.recall_at_1.value == 1.0, direct.failures


def test_hybrid_retrieval_beats_the_naive_langchain_baseline(
    dev_run, assistant, corpus, indexed_settings
):
    cases, results = dev_run
    naive = run_suite(cases, baseline("naive", indexed_settings, assistant), corpus)
    ours, theirs = summarise(results, "ours", 5), summarise(naive, "naive", 5)
    assert ours.recall_at_5.value >= theirs.recall_at_5.value + 0.10
    assert all(len(r.retrieved) <= 10 and not r.abstained for r in naive)


@pytest.mark.parametrize(
    ("name", "body", "says"),
    [
        ("turns.yaml", "- {id: a, turns: [], expect_abstain: true}\n", "a: turns: List should"),
        ("empty.yaml", "", "has no cases"),
        (
            "flow.yaml",
            "- {id: a, question: Is it a crime?, expect_abstain: true}\n",
            r"not valid YAML \(expected ',' or '\}', but got '\?', line 1, column 34\)$",
        ),
        ("empty.jsonl", "\n\n", "has no cases"),
        (
            "broken.jsonl",
            '{"id": "a", "question": "q", "expect_abstain": true}\n\n{"id": broken\n',
            r"broken.jsonl, line 3: not valid JSON \(Expecting value\)",
        ),
        (
            "promptfoo.yaml",
            "- {description: a, vars: {question: q}, metadata: just a note}\n",
            "promptfoo test 1: metadata must be a mapping, not 'just a note'",
        ),
        (
            "instruments.yaml",
            "- {id: a, question: q, expect_abstain: true, instruments: [uncac, UNTOC]}\n",
            r"a: unknown document id 'UNTOC' \(known: cybercrime-convention, untoc, ",
        ),
    ],
)
def test_a_suite_that_cannot_be_run_is_refused_when_loaded(tmp_path, manifest, name, body, says):
    suite = tmp_path / name
    suite.write_text(body)
    with pytest.raises(SuiteError, match=says):
        load_suite(suite, manifest)


def test_an_expected_citation_of_nothing_in_the_corpus_is_refused_with_the_range(
    tmp_path, manifest, corpus
):
    suite = tmp_path / "suite.yaml"
    suite.write_text("- {id: a, question: q, expected_citations: [uncac, uncac art. 99]}\n")
    cases = load_suite(suite, manifest)  # the grammar alone cannot know
    with pytest.raises(SuiteError, match=r"a: uncac art. 99: no such provision \(UNCAC has "):
        check_in_corpus(suite, cases, corpus)
