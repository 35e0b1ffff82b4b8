"""Validating a model's reply on its own: citations are kept only when they resolve and were
retrieved (shown in display form), quotations only when they are verbatim in the provision
they are attributed to; the rest is removed, with a notice."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from support.passages import ACTIVE_BRIBERY, PASSIVE_BRIBERY, QUESTION

from assistant.answers.answer import Quote
from assistant.answers.validation import validate_reply


@pytest.fixture(scope="module")
def retrieval(retriever):
    return retriever.search(QUESTION)


@dataclass
class Case:
    reply: str
    text: str
    citations: list[str] = field(default_factory=list)


@pytest.mark.parametrize(
    "case",
    [
        Case(  # display forms and several citations in one bracket are read too
            "See [UNCAC art. 15(a); uncac art. 16(1)] and again [uncac art. 15(a)].",
            "See **UNCAC art. 15(a)**; **UNCAC art. 16(1)** and again **UNCAC art. 15(a)**.",
            ["uncac art. 15(a)", "uncac art. 16(1)"],
        ),
        Case(  # comma-separated citations, and the comma people write after a name
            "See [uncac art. 15(a), uncac art. 16(2)] and [UNCAC, article 15].",
            "See **UNCAC art. 15(a)**; **UNCAC art. 16(2)** and **UNCAC art. 15**.",
            ["uncac art. 15(a)", "uncac art. 16(2)", "uncac art. 15"],
        ),
        Case(  # a citation the model put in bold itself
            "It applies (**[uncac art. 15]**).",
            "It applies (**UNCAC art. 15**).",
            ["uncac art. 15"],
        ),
        Case(  # brackets that are no citation, and Markdown links, are left alone
            "It [sic] applies [uncac art. 15]; see [the text](https://example.org).",
            "It [sic] applies **UNCAC art. 15**; see [the text](https://example.org).",
            ["uncac art. 15"],
        ),
        Case(  # a pinpoint that does not exist inside a retrieved article is removed
            "Bribery [uncac art. 15(z)] is an offence [uncac art. 15].",
            "Bribery is an offence **UNCAC art. 15**.",
            ["uncac art. 15"],
        ),
    ],
)
def test_citations_are_checked_and_shown_in_display_form(case, retrieval, corpus):
    checked = validate_reply(case.reply, retrieval, corpus)
    assert checked.text == case.text
    assert [c.citation for c in checked.citations] == case.citations


def test_a_quote_is_checked_against_the_citation_right_after_it(retrieval, corpus):
    reply = f"Both are covered [uncac art. 15(b)]. First, “{ACTIVE_BRIBERY}.” [uncac art. 15(a)]"
    checked = validate_reply(reply, retrieval, corpus)
    assert checked.quotes == [Quote(citation="uncac art. 15(a)", text=ACTIVE_BRIBERY)]
    assert checked.notices == []


def test_a_quote_with_no_citation_after_it_is_checked_against_the_one_before(retrieval, corpus):
    reply = f"Passive bribery is covered [uncac art. 15(b)]. It reads: “{PASSIVE_BRIBERY}”."
    checked = validate_reply(reply, retrieval, corpus)
    assert checked.quotes == [Quote(citation="uncac art. 15(b)", text=PASSIVE_BRIBERY)]


def test_a_quote_is_not_borrowed_by_a_citation_in_the_next_sentence(retrieval, corpus):
    reply = (
        f"Active bribery [uncac art. 15(b)]: “{ACTIVE_BRIBERY}”. Next sentence [uncac art. 15(a)]."
    )
    checked = validate_reply(reply, retrieval, corpus)
    assert checked.quotes == []  # checked against 15(b), where it is not
    assert f"Active bribery **UNCAC art. 15(b)**: {ACTIVE_BRIBERY}." in checked.text
    assert checked.notices == [
        "A passage presented as a quotation from UNCAC art. 15(b) was not found in it "
        "verbatim; its quotation marks were removed."
    ]


def test_a_quote_attributed_to_nothing_loses_its_quotation_marks(retrieval, corpus):
    checked = validate_reply(f"“{ACTIVE_BRIBERY}” is the rule.", retrieval, corpus)
    assert checked.text == f"{ACTIVE_BRIBERY} is the rule."
    assert checked.quotes == [] and len(checked.notices) == 1


def test_short_quoted_terms_are_not_treated_as_quotations(retrieval, corpus):
    checked = validate_reply("A “public official” is covered [uncac art. 15].", retrieval, corpus)
    assert checked.text == "A “public official” is covered **UNCAC art. 15**."
    assert checked.quotes == [] and checked.notices == []
