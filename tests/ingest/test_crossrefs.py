"""How the listing inside a cross-reference is read: every item the text names, no more."""

from __future__ import annotations

import pytest

from ingest.crossrefs import _items, _numbers


@pytest.mark.parametrize(
    ("listing", "items"),
    [
        ("(d)", [("d",)]),
        ("(a) to (c)", [("a",), ("b",), ("c",)]),
        ("(a), (b) or (e)", [("a",), ("b",), ("e",)]),
        ("(h) and (i)", [("h",), ("i",)]),  # (i) after (h) is the letter i, not a clause
        ("d) (i) and (iii)", [("d", "i"), ("d", "iii")]),
        ("(b) (ii)", [("b", "ii")]),
    ],
)
def test_subparagraph_listings_name_each_item(listing: str, items: list[tuple[str, ...]]) -> None:
    assert _items(listing) == items


@pytest.mark.parametrize(
    ("listing", "numbers"),
    [
        ("23", [("23", ())]),
        ("7 to 10", [("7", ()), ("8", ()), ("9", ()), ("10", ())]),
        ("23 and 35", [("23", ()), ("35", ())]),
        ("2 (e)", [("2", ("e",))]),
        ("1.a", [("1", ("a",))]),
        ("1 a)", [("1", ("a",))]),  # UNTOC's "paragraph 1 a) of this article"
        ("1 b) (ii)", [("1", ("b", "ii"))]),
        ("5 to 900", []),  # an implausible span is no reference at all
    ],
)
def test_article_listings_name_each_number(listing: str, numbers: list) -> None:
    assert _numbers(listing) == numbers


def test_untocs_letters_without_an_opening_parenthesis_are_references(corpus) -> None:
    """UNTOC writes "paragraph 1 a) of this article": the confiscation request's items refer
    to the kinds of request of paragraph 1, as UNCAC's "paragraph 1 (a)" do."""
    assert "untoc art. 13(1)(a)" in corpus.get("untoc art. 13(3)(a)").refs
    assert "untoc art. 13(1)(b)" in corpus.get("untoc art. 13(3)(b)").refs
    assert "uncac art. 55(1)(a)" in corpus.get("uncac art. 55(3)(a)").refs
