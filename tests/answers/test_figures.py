"""The figure a question asks for, and that figure as the quoted words say it: stated before
the quote only when the words hold exactly one figure of the kind asked."""

from __future__ import annotations

import pytest

from assistant.answers.figures import FIGURE, asked_figure, stated_figure


@pytest.mark.parametrize(
    ("question", "said", "figure"),
    [
        # a duration, with the words that bound it
        (
            "How long may it last?",
            "an order lasting up to a maximum of ninety days",
            "up to a maximum of ninety days",
        ),
        (
            "For how many years must they be kept?",
            "kept for not less than ten years",
            "for not less than ten years",
        ),
        (
            "Up to what age is someone a child?",
            "any person under eighteen years of age",
            "under eighteen years of age",
        ),
        # a promptness, with the word that closes it
        (
            "How quickly must it be done?",
            "executed as soon as possible and in full",
            "as soon as possible",
        ),
        # the thing counted, to the end of its word
        (
            "How many ratifications are needed?",
            "upon deposit of the fortieth instrument of ratification",
            "the fortieth instrument of ratification",
        ),
        # ... counted as the treaties say it: people are "persons", countries "States"
        (
            "How many people make a group?",
            "a group of three or more persons acting",
            "three or more persons",
        ),
        ("How many countries must sign?", "when thirty States have signed it", "thirty States"),
        # a share, not the first figure-like words ("at the request of")
        (
            "What share of the members can call a meeting?",
            "It shall meet at the request of at least one third of the members",
            "at least one third of the members",
        ),
        (
            "How many States must join?",
            "after the deposit of the tenth instrument",
            "the tenth instrument",
        ),
        ("How often do they report?", "the body shall report annually to the meeting", "annually"),
        # asked in French or Spanish, stated in the English authentic text
        (
            "¿Cuántos días dura la conservación?",
            "shall be for a period not less than sixty days",
            "not less than sixty days",
        ),
        (
            "Dans quel délai la dénonciation prend-elle effet ?",
            "shall become effective one year after the date of receipt",
            "one year",
        ),
        # a period said by the day it ends, with the event it counts from
        (
            "How long after it deposits its instrument is a State bound?",
            "it binds a late Party on the thirtieth day after the date of deposit",
            "the thirtieth day after the date of deposit",
        ),
        (  # ... or by the deposit itself
            "How long after the organisation deposits its instrument is it bound?",
            "it binds the organisation on the ninetieth day after such deposit",
            "the ninetieth day after such deposit",
        ),
    ],
)
def test_the_figure_asked_for_is_stated_with_the_words_that_bound_it(question, said, figure):
    assert stated_figure(question, said) == figure


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # two durations: which one answers is for the quote to show
        ("How long does it take?", "three months after notice, or six months after the request"),
        # none of the kind asked
        ("How long does it take?", "without delay after the request is received"),
        # "when" asks for any figure: the sentence answers, not one figure of it
        ("When does it take effect?", "on the ninetieth day after the fortieth instrument"),
        # a day counted from an event that is no date: "the tenth day after" alone is no period
        ("How long before it is considered?", "in force on the tenth day after all have agreed"),
    ],
)
def test_no_figure_is_stated_when_the_words_hold_none_or_several_or_any_is_asked(question, said):
    assert stated_figure(question, said) is None


def test_a_question_that_asks_no_particular_figure_asks_for_any():
    assert asked_figure("When does it take effect?") is FIGURE
    assert asked_figure("How long does it take?") is not FIGURE


@pytest.mark.parametrize(
    ("question", "text", "found"),
    [
        # "how many of the Parties": a count of Parties, which may be "a majority" of them
        ("How many of the Parties have to ask for it?", "if a majority so requests", "a majority"),
        ("How many Parties must agree?", "by five Parties", "five Part"),  # (to the stem)
        # ... not a period that happens to end near the word ("ninety days after that Party")
        ("How many Parties must ask?", "ninety days after that Party deposits it", None),
    ],
)
def test_a_count_of_parties_is_a_number_or_a_majority_of_them_not_a_period(question, text, found):
    match = asked_figure(question).search(text)
    assert (match and match[0]) == found
