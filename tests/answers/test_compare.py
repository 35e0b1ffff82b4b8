"""Comparison: per instrument, the provision closest to a topic or to a named article."""

import pytest

from assistant.answers.compare import compare, default_instruments


@pytest.fixture(scope="module")
def conventions(retriever):
    return default_instruments(retriever)


def test_the_conventions_are_compared_by_default(retriever, conventions):
    assert conventions == [
        "cybercrime-convention",
        "untoc",
        "uncac",
        "budapest-convention",
        "drugs-convention-1988",
        "lanzarote-convention",
    ]


def test_a_topic_finds_each_instruments_counterpart(retriever, conventions):
    columns = compare(retriever, "liability of legal persons", conventions).columns
    assert [c.candidates[0] for c in columns if c.close] == [
        "cybercrime-convention art. 18",
        "untoc art. 10",
        "uncac art. 26",
        "budapest-convention art. 12",
        "lanzarote-convention art. 26",
    ]
    assert all(len(c.candidates) > 1 for c in columns)
    assert [c.instrument for c in columns if not c.close] == ["drugs-convention-1988"]


def test_solicitation_of_children_finds_the_lanzarote_counterpart(retriever):
    instruments = ["cybercrime-convention", "lanzarote-convention"]
    for topic in ("solicitation of children for sexual purposes", "Cybercrime Convention art. 15"):
        columns = compare(retriever, topic, instruments).columns
        assert [c.candidates[0] for c in columns] == [
            "cybercrime-convention art. 15",
            "lanzarote-convention art. 23",
        ], topic


def test_the_1988_convention_articles_find_their_successors(retriever):
    instruments = ["drugs-convention-1988", "untoc", "uncac", "cybercrime-convention"]
    for named, successors in (
        (
            "1988 Convention art. 6",
            ["untoc art. 16", "uncac art. 44", "cybercrime-convention art. 37"],
        ),
        (
            "1988 Convention art. 7",
            ["untoc art. 18", "uncac art. 46", "cybercrime-convention art. 40"],
        ),
    ):
        columns = compare(retriever, named, instruments).columns
        assert columns[0].named and columns[0].candidates[0] == named.replace(
            "1988 Convention", "drugs-convention-1988"
        )
        assert [c.candidates[0] for c in columns[1:]] == successors, named


def test_a_named_article_fixes_its_column_and_leads_the_search(retriever, conventions):
    columns = compare(retriever, "UNTOC art. 16", conventions).columns
    by_instrument = {c.instrument: c for c in columns}
    assert by_instrument["untoc"].named and by_instrument["untoc"].candidates[0] == "untoc art. 16"
    assert by_instrument["uncac"].candidates[0] == "uncac art. 44"  # extradition, too
    assert by_instrument["untoc"].candidates.count("untoc art. 16") == 1


def test_an_instrument_without_a_counterpart_is_flagged_as_a_weak_match(retriever, conventions):
    columns = compare(retriever, "bribery of foreign public officials", conventions).columns
    by_instrument = {c.instrument: c for c in columns}
    assert by_instrument["uncac"].close
    assert not by_instrument["budapest-convention"].close


def test_shown_gives_what_the_view_shows_first(retriever):
    comparison = compare(retriever, "controlled delivery", ["drugs-convention-1988", "untoc"])
    first = comparison.shown(retriever.corpus)[0]
    assert first == {
        "instrument": "drugs-convention-1988",
        "citation": "drugs-convention-1988 art. 11",
        "title": "Controlled delivery",
        "similarity": round(comparison.columns[0].similarity, 3),
        "weak": False,
    }


def test_a_provision_that_does_not_exist_is_reported_not_compared(retriever, conventions):
    comparison = compare(retriever, "UNCAC art. 99", conventions)
    assert comparison.columns == [] and "no such provision" in comparison.missing[0]
    assert compare(retriever, "   ", conventions).columns == []
