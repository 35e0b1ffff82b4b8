"""When the assistant says the corpus does not address a question: nothing close to it, or a
name the texts never mention; a question that names its documents is searched without their
names, so it is declined only when its best passage is much further away."""

from __future__ import annotations

import pytest

from assistant.answers.abstention import FAR, abstain_reason, far
from assistant.search.retriever import Hit, Retrieval


def _retrieval(similarity: float, mentioned: bool, unknown: list[str] | None = None) -> Retrieval:
    hit = Hit(
        citation="untoc art. 32(3)",
        unit="untoc art. 32",
        instrument="untoc",
        text="",
        context="",
        score=1.0,
        retrievers=["dense"],
        similarity=similarity,
    )
    return Retrieval(
        "q",
        [hit],
        ["untoc"] if mentioned else [],
        [],
        [],
        unknown_names=unknown or [],
        mentioned=mentioned,
    )


@pytest.mark.parametrize(
    ("similarity", "mentioned", "declined"),
    [
        # a long situational question naming the Palermo Convention reaches only about 0.2
        (0.20, True, False),
        (0.15, True, True),
        # a question naming no document at 0.2 is about nothing in the corpus
        (0.20, False, True),
        (0.35, False, False),
    ],
)
def test_a_question_is_declined_when_nothing_is_close_enough(similarity, mentioned, declined):
    reason = abstain_reason(_retrieval(similarity, mentioned))
    assert (reason == "no passage of the corpus is close to the question") is declined, reason


def test_a_name_the_texts_never_mention_declines_a_question_not_close_enough():
    reason = abstain_reason(_retrieval(0.5, False, ["GDPR"]))
    assert reason == "the corpus never mentions GDPR"


@pytest.mark.parametrize(
    ("similarity", "mentioned", "told"),
    [(0.20, True, True), (0.30, True, False), (0.35, False, False)],
)
def test_an_answer_with_nothing_close_says_so_before_the_nearest_provision(
    similarity, mentioned, told
):
    assert far(_retrieval(similarity, mentioned)) is told


def test_a_situational_question_far_from_every_passage_gets_the_nearest_with_a_warning(
    assistant,
):
    answer = assistant.ask(
        "Which body under the Palermo Convention is meant to check, at regular intervals, how "
        "the States that joined it are actually applying it?"
    )
    assert not answer.abstained and answer.text.startswith(FAR), answer.text[:300]
