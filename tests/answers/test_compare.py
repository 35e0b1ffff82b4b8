"""Comparison: per instrument, the provision closest to a topic or to a named article."""

import pytest

from assistant.answers.compare import compare, default_instruments


@pytest.fixture(scope="module")
def conventions(retriever):
    return default_instruments(retriever)


def test_the_conventions_are_compared_by_default(retriever, conventions):
    assert conventions == ["cybercrime-convention", "untoc", "uncac", "budapest-convention"]


def test_a_topic_finds_each_instruments_counterpart(retriever, conventions):
    columns = compare(retriever, "liability of legal persons", conventions).columns
    assert [c.candidates[0] for c in columns] == [
        "cybercrime-convention art. 18",
        "untoc art. 10",
        "uncac art. 26",
        "budapest-convention art. 12",
    ]
    assert all(c.close and len(c.candidates) > 1 for c in columns)


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


def test_a_provision_that_does_not_exist_is_reported_not_compared(retriever, conventions):
    comparison = compare(retriever, "UNCAC art. 99", conventions)
    assert comparison.columns == [] and "no such provision" in comparison.missing[0]
    assert compare(retriever, "   ", conventions).columns == []
