"""When to say "the corpus does not address this" instead of citing the nearest article.

Two signals from retrieval: how close the best passage is to the question (cosine similarity
of the dense search), and whether the question names something the corpus never mentions (a
proper name or acronym such as "GDPR", "France", "FATF"). The thresholds were calibrated on
``eval/dev.yaml`` with ``bench/calibrate_abstention.py`` (numbers in docs/performance.md):
no answerable question of the set is abstained on, and most out-of-scope ones are.

A question that names a provision is never abstained on (a provision that does not exist is
reported as such); one that names a document is only abstained on when nothing is close.
"""

from __future__ import annotations

from assistant.search.language import ENGLISH, NAMES
from assistant.search.retriever import Retrieval

MIN_SIMILARITY = 0.30  # below this, nothing in the corpus is about the question
# ... or this, for a question that names the documents it asks about: it is searched without
# their names, and its similarities run lower. Over the development sets (eval/dev*.yaml,
# 2026-12-06: 1,015 answerable questions that name a document) the four long situational
# ones answered at 0.25 were declined, down to 0.194; no out-of-scope question that names a
# document falls below 0.43 (one naming a provision that does not exist, 0.137, is told so)
MIN_SIMILARITY_NAMED = 0.18
# ... and below this it is answered, but told that nothing matches it closely: in that band
# (0.18-0.25) the nearest provision is mostly not the one that answers (development sets: 0 of
# 4 leads right), and it is still nearer than saying the texts do not address it
CLOSE_NAMED = 0.25
FAR = "Nothing in the texts matches this question closely. The nearest provision:"
MIN_SIMILARITY_UNKNOWN_NAME = 0.65  # ... or below this when it names something the corpus lacks
# A question in another language is searched with the multilingual model, whose similarities
# run higher: below this, its best passage is not about the question. Calibrated on
# eval/multilingual.yaml (docs/performance.md): 7 of its 10 out-of-corpus questions fall
# below, 2 of its 150 answerable ones. The English-vocabulary test for unknown names does
# not apply to it.
MIN_SIMILARITY_MULTILINGUAL = 0.79


def abstain_reason(retrieval: Retrieval) -> str | None:
    """Why the corpus cannot answer, or None when it can."""
    if retrieval.named:
        return None
    if retrieval.missing:
        return "no such provision"
    if not retrieval.hits:
        return "nothing in the corpus matches the question"
    similarity = retrieval.similarity
    if retrieval.language != ENGLISH:
        if not retrieval.multilingual and retrieval.multilingual_off:
            return (
                f"questions in {NAMES[retrieval.language]} need the multilingual model, which "
                "is turned off by TREATY_MULTILINGUAL=false; ask in English, or turn it on and "
                "run 'python -m ingest build'"
            )
        if not retrieval.multilingual:  # English search of a foreign question: mostly wrong
            return (
                f"questions in {NAMES[retrieval.language]} need the multilingual index, "
                "which is missing or out of date; run 'python -m ingest build'"
            )
        if similarity < MIN_SIMILARITY_MULTILINGUAL:
            return "no passage of the corpus is close to the question"
        return None
    if similarity < (MIN_SIMILARITY_NAMED if retrieval.mentioned else MIN_SIMILARITY):
        return "no passage of the corpus is close to the question"
    if (
        retrieval.unknown_names
        and not retrieval.instruments
        and similarity < MIN_SIMILARITY_UNKNOWN_NAME
    ):
        names = ", ".join(retrieval.unknown_names[:3])
        return f"the corpus never mentions {names}"
    return None


def far(retrieval: Retrieval) -> bool:
    """Whether an answered question naming its documents has no passage close to it (the
    lead then says so before the nearest provision)."""
    return (
        retrieval.mentioned
        and retrieval.language == ENGLISH
        and not retrieval.named
        and retrieval.similarity < CLOSE_NAMED
    )
