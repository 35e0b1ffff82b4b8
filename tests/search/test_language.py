"""Language detection: the six UN languages, and never a false non-English for English."""

from pathlib import Path

import pytest
import yaml

from assistant.search.language import detect_language

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Qu'est-ce qu'un groupe criminel organisé ?", "fr"),
        ("¿Qué es un funcionario público según la UNCAC?", "es"),
        ("ما هو تعريف الموظف العمومي؟", "ar"),
        ("Что такое организованная преступная группа?", "ru"),
        ("什么是有组织犯罪集团？", "zh"),
        ("What is an organized criminal group?", "en"),
    ],
)
def test_each_un_language_is_detected(question, language, manifest):
    assert detect_language(question, manifest) == language


@pytest.mark.parametrize(
    "question",
    [
        "Article 16(4) UNTOC",
        "Palermo art. 5",
        "UNCAC 15(a)",
        "Convention de Budapest",  # a document's name alone says nothing of the language
        "MLA?",
        "Extradition",
    ],
)
def test_citations_and_names_alone_are_english(question, manifest):
    assert detect_language(question, manifest) == "en"


def test_no_english_question_of_the_golden_and_dev_suites_is_taken_for_another(manifest):
    questions = [
        case["question"]
        for suite in ("tests/qa/golden.yaml", "eval/dev.yaml")
        for case in yaml.safe_load((ROOT / suite).read_text())
        if case.get("question")
    ]
    assert len(questions) > 300
    assert [q for q in questions if detect_language(q, manifest) != "en"] == []


def test_every_question_of_the_multilingual_suite_is_detected_in_its_language(manifest):
    cases = yaml.safe_load((ROOT / "eval" / "multilingual.yaml").read_text())
    wrong = [c["id"] for c in cases if detect_language(c["question"], manifest) != c["language"]]
    assert wrong == []
