"""The correspondence suite: what it must hold, and how a broken one is refused."""

from pathlib import Path

import pytest

from assistant.errors import SuiteError
from assistant.evaluation.correspondence import load_topics
from assistant.settings import PROJECT_ROOT

SUITE = PROJECT_ROOT / "eval" / "correspondence.yaml"


def test_the_committed_suite_has_thirty_topics_each_across_two_instruments(manifest):
    topics = load_topics(SUITE, manifest)
    assert len(topics) >= 30
    assert all(len(t.expected) >= 2 for t in topics)
    by_id = {t.id: t for t in topics}
    assert by_id["solicitation-of-children"].expected == {
        "cybercrime-convention": ["cybercrime-convention art. 15"],
        "lanzarote-convention": ["lanzarote-convention art. 23"],
    }
    covered = {doc for t in topics for doc in t.expected}
    assert {"drugs-convention-1988", "lanzarote-convention", "untoc", "uncac"} <= covered


def test_the_suite_names_only_articles_that_exist(manifest, corpus):
    for topic in load_topics(SUITE, manifest):
        for units in topic.expected.values():
            for unit in units:
                assert corpus.get(unit).title, unit


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("topics: []\n", "no topics"),
        ("- a\n", "expected a mapping with a list 'topics'"),
        ("topics:\n  - {id: a, topic: t, expected: {untoc: [art. 1]}}\n", "at least 2"),
        (
            "topics:\n  - {id: a, topic: t, expected: {untoc: [art. 1], palermo: [art. 2]}}\n",
            "unknown document id 'palermo'",
        ),
        (
            "topics:\n  - {id: a, topic: t, expected: {untoc: [art. 1], uncac: [UNTOC art. 2]}}\n",
            "names another document",
        ),
        (
            "topics:\n"
            "  - {id: a, topic: t, expected: {untoc: [art. 1], uncac: [art. 2]}}\n"
            "  - {id: a, topic: u, expected: {untoc: [art. 1], uncac: [art. 2]}}\n",
            "appears twice",
        ),
    ],
)
def test_a_broken_suite_is_refused_with_a_reason(manifest, tmp_path: Path, text, says):
    path = tmp_path / "suite.yaml"
    path.write_text(text)
    with pytest.raises(SuiteError, match=says):
        load_topics(path, manifest)
