"""The golden QA set (tests/qa/golden.yaml) is a valid, held-out regression suite.

These tests do not score the assistant; they pin what makes the suite trustworthy: every
expectation names a provision that exists, every document and every kind of question is
covered, and no question is borrowed from the development set the retriever was tuned on.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.evaluation.suite import load_suite
from assistant.model.citations import parse_citation

GOLDEN = Path(__file__).with_name("golden.yaml")
DEV = Path(__file__).parents[2] / "eval" / "dev.yaml"
DEVELOPMENT = [DEV, *sorted(DEV.parent.glob("dev-fresh*.yaml"))]

# Each kind of question the suite must exercise, and how many cases of it at least.
MIN_PER_KIND = {
    "definitions": 8,
    "criminalisation": 10,
    "procedural-powers": 8,
    "international-cooperation": 15,
    "asset-recovery": 5,
    "final-clauses": 10,
    "interpretative-note": 3,
    "commentary": 3,
    "direct": 10,
    "comparison": 8,
    "follow-up": 8,
    "paraphrase": 10,
    "abstain": 15,
    "nonexistent": 5,
}
# Finer topics that must each appear at least once: every procedural power, cooperation
# channel and final clause a practitioner is likely to ask about.
REQUIRED_TOPICS = {
    "preservation",
    "production-order",
    "search-and-seizure",
    "real-time-collection",
    "interception",
    "extradition",
    "mutual-legal-assistance",
    "expedited-preservation",
    "24-7-network",
    "joint-investigations",
    "entry-into-force",
    "reservations",
    "signature",
    "denunciation",
    "amendment",
}
# Words too common to count as sharing vocabulary with an article title.
STOPWORDS = {"with", "from", "this", "that", "their", "other", "under", "into"}


@pytest.fixture(scope="module")
def cases(manifest):
    return load_suite(GOLDEN, manifest)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4} - STOPWORDS


def test_the_suite_is_large_enough_to_measure_with(cases):
    """A Wilson interval on fewer than ~120 cases is too wide to detect a regression."""
    assert len(cases) >= 120
    assert len([c for c in cases if not c.expect_abstain]) >= 90


def test_every_expected_citation_names_an_existing_provision(cases, manifest, corpus):
    """A golden case may not expect a provision the parsed corpus does not contain."""
    missing = []
    for case in cases:
        for citation in case.expected_citations:
            try:
                corpus.get(parse_citation(citation, manifest))
            except LookupError as exc:
                missing.append(f"{case.id}: {exc}")
    assert not missing, missing


def test_every_document_is_expected_somewhere(cases, manifest):
    """Each instrument, the commentary and the interpretative notes get their own cases."""
    expected = [parse_citation(e, manifest) for c in cases for e in c.expected_citations]
    assert {e.instrument for e in expected} == set(manifest.ids())
    divisions = {(e.instrument, e.division.value if e.division else None) for e in expected}
    assert ("cybercrime-convention", "note") in divisions
    assert ("cybercrime-convention", "resolution") in divisions


def test_cases_are_tagged_with_the_documents_they_expect(cases, manifest):
    """Tags name the documents expected, so results can be broken down per instrument."""
    untagged = [
        f"{c.id}: {parse_citation(e, manifest).instrument}"
        for c in cases
        for e in c.expected_citations
        if parse_citation(e, manifest).instrument not in c.tags
    ]
    assert not untagged, untagged


@pytest.mark.parametrize(("kind", "least"), MIN_PER_KIND.items())
def test_each_kind_of_question_is_covered(cases, kind, least):
    """Definitions, powers, cooperation, final clauses, lookups, follow-ups, refusals..."""
    count = Counter(t for c in cases for t in c.tags)[kind]
    assert count >= least, f"only {count} '{kind}' cases"


def test_the_named_topics_are_each_covered(cases):
    """Preservation, production, search, real-time collection, interception, extradition, MLA,
    the 24/7 network, joint investigations, and each kind of final clause."""
    tags = {t for c in cases for t in c.tags}
    assert tags >= REQUIRED_TOPICS, REQUIRED_TOPICS - tags


def test_abstain_cases_expect_nothing_and_answerable_cases_expect_something(cases):
    """'abstain' is the tag of exactly the cases the corpus cannot answer."""
    for case in cases:
        assert ("abstain" in case.tags) == case.expect_abstain, case.id
        assert bool(case.expected_citations) != case.expect_abstain, case.id
        if "nonexistent" in case.tags:
            assert case.expect_abstain, case.id


def test_comparisons_need_both_instruments(cases, manifest):
    """A comparison is only answered when the provisions of both instruments are found."""
    for case in (c for c in cases if "comparison" in c.tags):
        instruments = {parse_citation(e, manifest).instrument for e in case.expected_citations}
        assert case.match == "all", case.id
        assert len(instruments) >= 2, case.id


def test_follow_ups_are_short_conversations(cases):
    """Follow-ups ask 2–3 questions in one conversation; expectations apply to the last."""
    for case in cases:
        assert ("follow-up" in case.tags) == (case.turns is not None), case.id
        if case.turns is not None:
            assert 2 <= len(case.turns) <= 3, case.id


def test_paraphrases_share_no_word_with_the_article_title(cases, manifest, corpus):
    """A paraphrase must be found by meaning, not by echoing the article's heading."""
    echoes = []
    for case in (c for c in cases if "paraphrase" in c.tags):
        asked = _words(" ".join(case.conversation))
        for expected in case.expected_citations:
            title = corpus.get(parse_citation(expected, manifest).unit).title or ""
            if shared := asked & _words(title):
                echoes.append(f"{case.id}: {sorted(shared)} in '{title}'")
    assert not echoes, echoes


def test_answer_phrases_are_short(cases):
    """must_include names a term or a figure (1–4 words), never a passage of treaty text."""
    for case in cases:
        for phrase in case.must_include:
            assert 1 <= len(phrase.split()) <= 4, f"{case.id}: {phrase!r}"


def test_questions_are_unique(cases):
    questions = [_normal(q) for c in cases for q in ([c.question] if c.question else c.turns)]
    repeated = [q for q, n in Counter(questions).items() if n > 1]
    assert not repeated, repeated


@pytest.mark.parametrize("suite", DEVELOPMENT, ids=lambda p: p.name)
def test_no_question_is_borrowed_from_a_development_set(cases, manifest, suite):
    """The golden set is held out: the answers were tuned on eval/dev.yaml and the fresh
    sets (eval/dev-fresh*.yaml)."""
    dev = load_suite(suite, manifest)
    asked = {_normal(q) for c in dev for q in c.conversation}
    borrowed = [c.id for c in cases for q in c.conversation if _normal(q) in asked]
    assert not borrowed, borrowed
    assert not {c.id for c in dev} & {c.id for c in cases}
