"""Specification of the shared outline: the label sequences every parser numbers by, how a roman
``(i)``/``(v)``/``(x)`` is told from a letter, and the lead/children/tail tree it builds."""

from __future__ import annotations

import pytest

from assistant.model.citations import Division, roman
from assistant.model.provisions import Level, Provision
from ingest.parsers.outline import LETTERS, ROMANS, Outline, OutOfSequence, build, next_label

UNIT = {"instrument": "x", "division": Division.ARTICLE, "number": "5", "title": "Scope"}


def tree(*items: tuple[str | None, str], closes=None) -> Provision:
    extra = {"closes": closes} if closes else {}
    return build(items, "x art. 5", **extra, **UNIT)


def labels(node: Provision | None) -> list[str | None]:
    assert node is not None
    return [c.label for c in node.children]


def always(previous: str, text: str) -> bool:
    return True


def up_to(letter: str) -> list[tuple[str | None, str]]:
    """Subparagraphs (a) up to ``letter``, each ending as a list item does."""
    return [(c, f"{c};") for c in LETTERS[: LETTERS.index(letter) + 1]]


# --- sequences ----------------------------------------------------------------------------


def test_roman_numerals_are_spelled_canonically():
    assert [roman(n) for n in (1, 2, 4, 5, 9, 14, 39, 40, 90, 1994)] == [
        "i", "ii", "iv", "v", "ix", "xiv", "xxxix", "xl", "xc", "mcmxciv",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        roman(0)


def test_sequences_run_from_their_first_label():
    assert next_label(Level.PARAGRAPH, None) == "1"
    assert next_label(Level.PARAGRAPH, "9") == "10"
    assert next_label(Level.SUBPARAGRAPH, None) == "a"
    assert next_label(Level.SUBPARAGRAPH, "h") == "i"
    assert next_label(Level.CLAUSE, None) == "i"
    assert next_label(Level.CLAUSE, "iv") == "v"
    assert next_label(Level.CLAUSE, "ix") == "x"


def test_letter_and_roman_sequences_end():
    assert LETTERS[-1] == "z" and next_label(Level.SUBPARAGRAPH, "z") is None
    assert ROMANS[-1] == "xxxix" and next_label(Level.CLAUSE, "xxxix") is None


# --- the tree -----------------------------------------------------------------------------


def test_numbered_paragraphs_hold_letters_which_hold_clauses():
    unit = tree(
        ("1", "States shall:"),
        ("a", "adopt:"),
        ("i", "laws;"),
        ("ii", "rules;"),
        ("b", "report."),
        ("2", "Second."),
    )
    assert labels(unit) == ["1", "2"]
    assert labels(unit.find(("1",))) == ["a", "b"]
    clause = unit.find(("1", "a", "ii"))
    assert clause is not None and clause.lead == "rules;"
    assert (clause.paragraph, clause.subparagraph, clause.clause) == ("1", "a", "ii")
    assert (
        unit.text == "1. States shall:\n(a) adopt:\n(i) laws;\n(ii) rules;\n(b) report.\n2. Second."
    )


def test_letters_stand_directly_under_a_unit_without_paragraphs():
    unit = tree((None, "For this Convention:"), ("a", "one;"), ("b", "two."))
    assert unit.lead == "For this Convention:"
    assert labels(unit) == ["a", "b"]
    assert unit.find(("b",)).path == ("b",)


def test_every_node_carries_the_unit_context():
    unit = tree(("1", "x"), ("a", "y"), ("i", "z"))
    for node in unit.walk():
        assert (node.instrument, node.number, node.title) == ("x", "5", "Scope")
        assert node.division is Division.ARTICLE
    assert unit.find(("1", "a", "i")).citation == "x art. 5(1)(a)(i)"


def test_text_pieces_of_a_node_are_joined_and_cleaned():
    unit = tree(("1", "first  line"), (None, "goes on at the Of fice"), ("2", ""))
    assert unit.find(("1",)).lead == "first line goes on at the Office"
    assert unit.find(("2",)).lead == ""


# --- roman or letter ----------------------------------------------------------------------


def test_i_after_h_is_the_letter_i():
    unit = tree(*up_to("h"), ("i", "i;"), ("j", "j."))
    assert labels(unit) == list("abcdefghij") and labels(unit.find(("h",))) == []


def test_i_after_h_is_a_clause_when_ii_follows():
    unit = tree(*up_to("h"), ("i", "one;"), ("ii", "two."))
    assert labels(unit) == list("abcdefgh") and labels(unit.find(("h",))) == ["i", "ii"]


def test_i_after_h_is_a_clause_when_h_introduces_a_list():
    outline = Outline("x art. 5")
    for label in "abcdefg":
        assert outline.open(label, f"{label};")
    assert outline.open("h", "the following:")
    assert outline.open("i", "one.")
    assert labels(outline.provision(**UNIT).find(("h",))) == ["i"]


def test_i_under_another_letter_is_a_clause():
    unit = tree(("a", "a;"), ("i", "one."), ("b", "b."))
    assert labels(unit) == ["a", "b"] and labels(unit.find(("a",))) == ["i"]


def test_v_and_x_continue_clauses_and_are_letters_otherwise():
    clauses = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    unit = tree(*up_to("u"), *((c, f"{c};") for c in clauses))  # (u) holding (i) .. (x)
    assert labels(unit) == list(LETTERS[:21])
    assert labels(unit.find(("u",))) == clauses
    letters = tree(*up_to("x"))  # (a) .. (x): (i), (v) and (x) included
    assert labels(letters) == list(LETTERS[:24])


# --- closing text -------------------------------------------------------------------------


def test_text_after_an_item_continues_it_unless_it_closes_the_list():
    items = (("1", "States shall:"), ("a", "one;"), ("b", "two;"), (None, "and so on."))
    assert tree(*items).find(("1", "b")).lead == "two; and so on."
    closed = tree(*items, closes=always)
    assert closed.find(("1", "b")).lead == "two;"
    assert closed.find(("1",)).tail == "and so on."
    assert closed.find(("1",)).text == "States shall:\n(a) one;\n(b) two;\nand so on."


def test_closing_text_after_a_clause_is_its_subparagraphs_tail():
    unit = tree(("a", "A:"), ("i", "one;"), (None, "in each case."), (None, "More."), closes=always)
    assert unit.find(("a",)).tail == "in each case. More."
    assert unit.find(("a", "i")).lead == "one;"


def test_closes_sees_the_items_text_so_far():
    seen: list[tuple[str, str]] = []

    def record(previous: str, text: str) -> bool:
        seen.append((previous, text))
        return False

    tree(("a", "one;"), (None, "two"), (None, "three"), closes=record)
    assert seen == [("one;", "two"), ("two", "three")]


def test_unit_text_stays_lead_even_when_closes_says_yes():
    unit = tree((None, "Intro."), (None, "More."), closes=always)
    assert (unit.lead, unit.tail) == ("Intro. More.", "")


# --- malformed sequences ------------------------------------------------------------------


@pytest.mark.parametrize(
    "items",
    [
        [("1", "x"), ("3", "x")],  # a paragraph skipped
        [("2", "x")],  # paragraphs start at 1
        [("a", "x"), ("c", "x")],  # a letter skipped
        [("b", "x")],  # letters start at (a)
        [("a", "x"), ("ii", "x")],  # clauses start at (i)
        [("ii", "x")],  # a clause outside any subparagraph
        [("a", "x"), ("1", "x")],  # a paragraph after the unit's own letters
    ],
)
def test_a_label_out_of_sequence_raises_value_error(items):
    with pytest.raises(ValueError, match="out of sequence") as raised:
        tree(*items)
    assert raised.type is OutOfSequence  # what a user's document falls back on


def test_an_item_after_its_parents_closing_text_raises_value_error():
    with pytest.raises(ValueError, match="closing text"):
        tree(("1", "x:"), ("a", "y;"), (None, "closing"), ("b", "z"), closes=always)


def test_an_outline_refuses_a_label_out_of_sequence_and_stays_unchanged():
    outline = Outline("x art. 5")
    assert outline.open("1")
    assert not outline.open("3")
    assert not outline.open("c")
    outline.text("(c) stays text")
    unit = outline.provision(**UNIT)
    assert labels(unit) == ["1"] and unit.find(("1",)).lead == "(c) stays text"
