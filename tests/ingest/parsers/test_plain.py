"""Specification of the parser for a user's own documents (Markdown, plain text, PDF text):
articles by their headings, numbered paragraphs under an article when they run from 1, plain
paragraphs when the document has no article headings."""

from __future__ import annotations

import pytest

from assistant.model.citations import Division
from assistant.model.provisions import Provision
from ingest.parsers.plain import parse_plain

LAW = """# My law

Intro text.

## Article 1 — Scope

1. This law applies.
2. It applies
over two lines.

Article 2
Definitions

For this law:
(a) one;
(b) two.
"""


def texts(unit: Provision) -> list[tuple[str | None, str]]:
    return [(c.label, c.lead) for c in unit.children]


def test_article_headings_give_a_preamble_and_articles():
    units = parse_plain(LAW, "my-law").units
    assert [(u.division, u.number, u.title) for u in units] == [
        (Division.PREAMBLE, None, "Preamble"),
        (Division.ARTICLE, "1", "Scope"),
        (Division.ARTICLE, "2", "Definitions"),  # the title on the line after the heading
    ]
    assert units[0].lead == "My law Intro text."


def test_numbered_lines_under_an_article_are_its_paragraphs():
    article = parse_plain(LAW, "my-law").units[1]
    assert article.lead == ""
    assert texts(article) == [("1", "This law applies."), ("2", "It applies over two lines.")]
    assert article.find(("2",)).citation == "my-law art. 1(2)"
    assert article.find(("2",)).title == "Scope"


def test_lettered_lines_stay_in_the_articles_text():
    article = parse_plain(LAW, "my-law").units[2]
    assert (article.lead, article.children) == ("For this law: (a) one; (b) two.", [])


@pytest.mark.parametrize(
    "body", ["1. First\n\n3. Third", "10. Ten\n11. Eleven", "1. One\n1. One again"]
)
def test_numbers_that_do_not_run_from_one_stay_in_the_text(body):
    article = parse_plain(f"Article 1 A\n{body}\nArticle 2 B\nx\n", "d").units[0]
    assert article.children == []
    assert article.lead == " ".join(body.split())


def test_without_article_headings_each_block_is_a_paragraph():
    units = parse_plain("First paragraph\nstill first.\n\nSecond *emphasis* here.\n", "notes").units
    assert [(u.division, u.number, u.lead) for u in units] == [
        (Division.PARAGRAPH, "1", "First paragraph still first."),
        (Division.PARAGRAPH, "2", "Second emphasis here."),
    ]
    assert units[1].citation == "notes para. 2"


def test_a_document_without_text_is_refused():
    with pytest.raises(ValueError, match="no text"):
        parse_plain("  \n\n ", "scan")
