"""Handouts carry the questions, answers, citations and the full text of quoted provisions."""

from assistant.answers.export import to_html, to_markdown


def test_markdown_handout_has_questions_answers_citations_and_quoted_provisions(assistant):
    first = assistant.ask("What does UNCAC say about bribery of national public officials?")
    second = assistant.ask("And the Palermo Convention?", history=[first.question])
    handout = to_markdown([first, second], assistant.corpus)
    assert "## 1. What does UNCAC say about bribery of national public officials?" in handout
    assert "## 2. And the Palermo Convention?" in handout
    assert "Citations: UNCAC art. 15" in handout
    assert "## Provisions quoted" in handout
    assert assistant.corpus.get("uncac art. 15(a)").text in handout


def test_html_handout_is_escaped_and_printable(assistant):
    answer = assistant.ask("<script>alert(1)</script> What does UNCAC say about bribery?")
    page = to_html([answer], assistant.corpus)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.startswith("<!doctype html>") and "<blockquote>" in page
    assert "<strong>UNCAC art. 15" in page


def test_markup_in_a_question_stays_literal_text_in_both_handouts(assistant):
    answer = assistant.ask("![x](http://example.org/p.png) What does UNCAC say about bribery?")
    handout = to_markdown([answer], assistant.corpus)
    assert "](http" not in handout and r"\!\[x\]\(http://example\.org/p\.png\)" in handout
    page = to_html([answer], assistant.corpus)
    assert "![x](http://example.org/p.png) What does UNCAC" in page and "<img" not in page
