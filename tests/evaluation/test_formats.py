"""Suites and runs in promptfoo's and RAGAS's formats, and read back."""

import json
import re
from pathlib import Path

import pytest
import yaml

from assistant.errors import SuiteError
from assistant.evaluation.formats import promptfoo_tests, ragas_rows, write_promptfoo, write_ragas
from assistant.evaluation.runner import AssistantSystem, run_suite
from assistant.evaluation.suite import Case, load_suite

DEV_SUITE = Path(__file__).parents[2] / "eval" / "dev.yaml"
RAGAS_FIELDS = {"user_input", "retrieved_contexts", "response", "reference", "reference_contexts"}


@pytest.fixture(scope="module")
def dev_cases(manifest):
    return load_suite(DEV_SUITE, manifest)


@pytest.fixture(scope="module")
def small_run(dev_cases, assistant, corpus):
    """A few development cases of each kind: plain, comparison, follow-up, out of scope."""
    chosen = [c for c in dev_cases if c.match == "all"][:2]
    chosen += [c for c in dev_cases if c.turns][:2] + [c for c in dev_cases if c.expect_abstain][:2]
    chosen += [c for c in dev_cases if not (c.turns or c.expect_abstain) and c.match == "any"][:3]
    return chosen, run_suite(chosen, AssistantSystem(assistant), corpus)


def test_the_whole_dev_suite_survives_a_promptfoo_round_trip(dev_cases, manifest, tmp_path):
    path = tmp_path / "tests.yaml"
    write_promptfoo(path, dev_cases, manifest)
    assert load_suite(path, manifest) == dev_cases
    # also inside a promptfoo config, under `tests:`
    config = tmp_path / "promptfooconfig.yaml"
    config.write_text(
        yaml.safe_dump({"prompts": ["{{question}}"], "tests": yaml.safe_load(path.read_text())})
    )
    assert load_suite(config, manifest) == dev_cases


def test_promptfoo_tests_ask_the_question_and_check_the_answer_text(manifest):
    cases = [
        Case(
            id="a",
            question="extradition?",
            expected_citations=["untoc art. 1"],
            must_include=["treaty"],
        ),
        Case(
            id="b",
            turns=["q1", "q2"],
            expected_citations=["uncac art. 15(a)", "untoc art. 5"],
            match="all",
        ),
        Case(id="c", question="sourdough?", expect_abstain=True),
    ]
    first, second, third = promptfoo_tests(cases, manifest)
    assert first["vars"] == {"question": "extradition?"} and first["description"] == "a"
    (cited, phrase) = first["assert"]
    assert cited["type"] == "regex" and phrase == {"type": "icontains", "value": "treaty"}
    assert re.search(cited["value"], "see **UNTOC art. 1(a)**")
    assert not re.search(cited["value"], "see **UNTOC art. 16**")  # art. 1 is not art. 16
    assert second["vars"] == {"question": "q2", "history": "q1"}
    assert [a["type"] for a in second["assert"]] == ["regex", "regex"]  # match: all
    assert re.search(second["assert"][0]["value"], "UNCAC art. 15(a)(i)")
    assert third["assert"][0]["type"] == "icontains-any"


def test_a_run_exports_to_ragas_with_its_sample_fields(small_run, corpus):
    cases, results = small_run
    rows = ragas_rows(results, corpus, k=5)
    assert len(rows) == len(cases) and all(set(r) == RAGAS_FIELDS for r in rows)
    answered = next(r for r, res in zip(rows, results, strict=True) if not res.abstained)
    result = results[rows.index(answered)]
    assert answered["response"] == result.answer
    assert answered["retrieved_contexts"][0] == corpus.get(result.retrieved[0]).text
    assert len(answered["retrieved_contexts"]) == 5
    assert answered["reference_contexts"] == [corpus.get(c).text for c in result.expected_citations]
    follow_up = next(r for r, res in zip(rows, results, strict=True) if len(res.questions) > 1)
    assert follow_up["user_input"] == results[rows.index(follow_up)].rewritten_question
    assert next(r for r, c in zip(rows, cases, strict=True) if c.expect_abstain)["reference"] == ""


def test_a_ragas_file_reads_back_as_the_same_questions_and_expectations(
    small_run, corpus, manifest, tmp_path
):
    cases, results = small_run
    path = tmp_path / "run.jsonl"
    write_ragas(path, results, corpus, k=5)
    assert all(set(json.loads(line)) == RAGAS_FIELDS for line in path.read_text().splitlines())
    back = load_suite(path, manifest)
    assert [c.id for c in back] == [f"ragas-{i}" for i in range(1, len(cases) + 1)]
    for original, read in zip(cases, back, strict=True):
        assert read.expected_citations == original.expected_citations
        assert read.expect_abstain == original.expect_abstain
        if not original.turns:
            assert read.question == original.question


def test_a_ragas_reference_that_is_not_a_citation_list_is_refused(tmp_path, manifest):
    path = tmp_path / "theirs.jsonl"
    path.write_text(json.dumps({"user_input": "q", "reference": "Paris is the capital."}) + "\n")
    with pytest.raises(SuiteError, match="reference must list citations"):
        load_suite(path, manifest)
