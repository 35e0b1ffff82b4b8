"""A model's verdict words are checked against the obligation labels derived at ingest: a
sentence calling a provision States need only consider "mandatory", or a mandatory one
"optional", is removed with a notice, as an invented citation is. Real provisions of the corpus;
the replies are what a weak model writes."""

from __future__ import annotations

import pytest

from assistant.answers.validation import claimed_verdict, validate_reply
from assistant.model.provisions import Obligation
from assistant.search.retriever import Hit, Retrieval

UNITS = ["uncac art. 15", "uncac art. 21", "untoc art. 5"]  # mandatory, shall-consider, mixed


@pytest.fixture(scope="module")
def retrieval(corpus) -> Retrieval:
    """These articles, as if retrieved for a question on bribery."""
    hits = []
    for unit in UNITS:
        node = corpus.get(unit)
        hits.append(Hit(unit, unit, node.instrument, node.text, "", 1.0, ["dense"]))
    return Retrieval("bribery", hits, [], [], [])


def test_the_articles_have_the_labels_these_tests_rely_on(corpus):
    assert corpus.get("uncac art. 15(a)").obligation == Obligation.MANDATORY
    assert corpus.get("uncac art. 21").obligation == Obligation.SHALL_CONSIDER
    assert {c.obligation for c in corpus.get("untoc art. 5").children} == {
        Obligation.MANDATORY,
        Obligation.MAY,
    }


def test_calling_a_shall_consider_provision_mandatory_is_removed_with_a_notice(retrieval, corpus):
    reply = (
        "States must criminalise bribery in the private sector [uncac art. 21]. "
        "Active bribery of national public officials is an offence [uncac art. 15(a)]."
    )
    checked = validate_reply(reply, retrieval, corpus)
    assert "private sector" not in checked.text
    assert checked.text == (
        "Active bribery of national public officials is an offence **UNCAC art. 15(a)**."
    )
    assert [c.citation for c in checked.citations] == ["uncac art. 15(a)"]
    (notice,) = checked.notices
    assert "UNCAC art. 21 mandatory" in notice and "shall-consider" in notice


def test_calling_a_mandatory_provision_optional_is_removed_with_a_notice(retrieval, corpus):
    reply = "Criminalising active bribery is optional for States [uncac art. 15(a)]."
    checked = validate_reply(reply, retrieval, corpus)
    assert checked.text == "" and checked.citations == []
    assert checked.notices == [
        "A sentence calling UNCAC art. 15(a) optional was removed: the treaty text makes it "
        "mandatory."
    ]


def test_verdicts_that_agree_with_the_labels_are_kept(retrieval, corpus):
    reply = (
        "States must criminalise active bribery [uncac art. 15(a)]. Criminalising bribery in "
        "the private sector is not mandatory [uncac art. 21]. Participation in an organized "
        "criminal group is mandatory to criminalise [untoc art. 5]."
    )
    checked = validate_reply(reply, retrieval, corpus)
    assert checked.notices == []
    assert [c.citation for c in checked.citations] == [
        "uncac art. 15(a)",
        "uncac art. 21",
        "untoc art. 5",
    ]


def test_an_uncited_verdict_is_checked_against_the_label_the_offline_lead_rests_on(
    retrieval, corpus
):
    reply = (
        "No, it is not mandatory for States to criminalise bribery of public officials. "
        "The offence covers the promise of an undue advantage [uncac art. 15(a)]."
    )
    kept = validate_reply(reply, retrieval, corpus)
    assert kept.notices == [] and kept.text.startswith("No, it is not mandatory")
    corrected = validate_reply(reply, retrieval, corpus, Obligation.MANDATORY)
    assert corrected.text.startswith("The offence covers")
    assert corrected.notices == [
        "A sentence calling the provision optional was removed: the treaty text makes it mandatory."
    ]


def test_a_quotation_and_its_citation_are_read_as_one_sentence(retrieval, corpus):
    passage = corpus.get("uncac art. 21").lead.split(":")[0]
    reply = f"It is mandatory: “{passage}” [uncac art. 21]."
    checked = validate_reply(reply, retrieval, corpus)
    assert checked.text == "" and "UNCAC art. 21 mandatory" in checked.notices[0]


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("Yes — mandatory.", "mandatory"),
        ("States are required to adopt such measures.", "mandatory"),
        ("States must consider adopting such measures.", None),
        ("States are not obliged to do so.", "optional"),
        ("It is left to the discretion of each State.", "optional"),
        ("Paragraph 1 is mandatory, paragraph 2 optional.", None),  # two verdicts: not judged
        ("The article “shall be mandatory” in its words.", None),  # treaty words, not a verdict
    ],
)
def test_verdict_words(sentence, verdict):
    assert claimed_verdict(sentence) == verdict
