"""Which retrieved article answers: retrieval's similarity, plus how much of the question the
article's best part covers.

The retriever ranks chunks by meaning and by BM25 over whole articles; the article ranked
first is often a neighbour that shares the topic ("extradition", "confiscation") while the
second one holds the question's telling words ("serial number", "enhanced scrutiny"). Among
the first few hits, the one whose best paragraph (with its article's title) covers most of
the question's weighted words moves ahead. Tuned on eval/dev.yaml (docs/evaluation.md).
"""

from __future__ import annotations

import dataclasses
import math
import re
from functools import lru_cache

from assistant.answers.figures import asked_figure
from assistant.answers.question_kind import Kind
from assistant.answers.terms import Terms, roots
from assistant.model.citations import Division, find_instruments
from assistant.model.corpus import Corpus
from assistant.search.lexical import expand_terms
from assistant.search.retriever import (
    ASKS_ATTEMPT,
    ON_ATTEMPT,
    RESERVED_TO_OTHERS,
    Hit,
    Retrieval,
    acts_abroad,
)

COVERAGE = 0.45  # how much a full coverage of the question's words is worth, in similarity
# "How long after the notice does a denunciation take effect?": an article that holds a figure
# of the kind asked (a period) answers before a neighbour that shares the words but not it
# ("Such withdrawal shall take effect on the date of receipt"); eval/dev-fresh*.yaml
FIGURE_HOLDS = 0.1
# An answer weighs this many retrieved articles and keeps the best five (``best_of``): the
# one that answers is often retrieved sixth to tenth, below neighbours sharing the topic, now
# that the questions written for each article weigh more (ASKED_ALIKE; 1,713 tuning cases:
# all five of five +3 leads against the first four, ten +6 more)
CANDIDATES = 10
AMONG = CANDIDATES  # the hits reordered
# "How long after it deposits its instrument does the Convention enter into force for a State?":
# the amendment article shares every word of that ("ninety days after the date of the deposit"),
# but answers only a question about amending the text
UNASKED_AMENDMENT = 0.1
PROTOCOL_WITHIN = 0.2  # a protocol named with its parent convention answers if nearly as fit
# "… ensure compliance with requests to remove or render inaccessible the content described in
# articles 14 and 16": a part is also about what the articles it refers to are titled, at this
# share of their words (eval/dev-fresh*.yaml: 0.5 +2 −1, 1.0 +3 −3, 0.3 ±0)
REFERENCED = 0.5
# "Another Party asks us to help intercept …: are we obliged to assist?": a question about what
# another State asks of us is about the international cooperation chapter's article (art. 34)
# more than the domestic power it mirrors (art. 21) (eval/dev-fresh10.yaml; 0.1: +1 −2)
COOPERATION_ASKED = 0.05
# "Can we hold off executing it for now?": the article whose practitioner questions
# (corpus/questions/, search/question_vectors.py) come closest to the user's, at this weight
# over that closeness (eval/dev*.yaml: 0.1 +4, 0.2 +9, 0.25 +11, 0.3 +10, 0.4 +8 leads). Since
# every part has its questions and the model is adapted on them, they tell the answer apart
# better: on the 1,713 tuning cases, against 0.25, 0.45 +2, 0.6 +8, 0.7 +8, 0.8 +7 leads
ASKED_ALIKE = 0.7
# ... but a question in another language is compared with them through the English terms of
# art it uses alone, a weaker likeness (eval/multilingual.yaml at 0.7: citation precision of
# quoted provisions 0.843 -> 0.775, recall 0.854 -> 0.835)
ASKED_ALIKE_BY_TERMS = 0.25
_ASKED_BY_ANOTHER = re.compile(
    r"\b(?:another|other|foreign|requesting)\s+(?:State|Party|country|authorit\w+)\b[^.?]{0,60}?"
    r"\b(?:asks?|asked|requests?|requested|wants?)\b|\b(?:asks?|asked)\s+us\s+(?:to|for)\b"
    r"|\brequested\s+(?:State|Party|country)\b|\bwhen\s+another\b"
    r"|\bin\s+another\s+(?:State|Party|country)\b|\bat\s+(?:the\s+|its\s+|their\s+)?request\b"
    r"|\bfor\s+(?:another|a\s+foreign)\b",
    re.I,
)
# "Our narcotics agents want to arrest a trafficker themselves on the other side of the border:
# may they?" is answered by the clause that reserves another State's functions to its own
# authorities (``acts_abroad``), not by the articles on jurisdiction or police cooperation that
# share its words, even when retrieval missed it (eval/dev*.yaml: 0.2 and 0.4 +3 leads, 0.5 +4:
# the fourth clause retrieval missed, brought in with no similarity of its own)
ACTS_ABROAD = 0.5
_ASKS_PREAMBLE = re.compile(r"\b(preamb\w*|recital\w*|purpose\w*|objects?|objectives?|why)\b", re.I)
_COOPERATION = re.compile(r"\bInternational co-?operation\b", re.I)
_AMENDMENT = re.compile(r"^Amendments?$", re.I)
_ASKS_AMENDMENT = ("amend", "chang", "modif", "revis", "updat", "alter")


def coverage(hit: Hit, terms: Terms, corpus: Corpus) -> float:
    """The share of the question's word weight that the article's best part (with the
    article's title, and REFERENCED of the words only the titles of the articles it refers to
    add) holds."""
    total = math.fsum(terms.weight(r) for r in terms.roots)
    if not total:
        return 0.0
    unit = corpus.get(hit.unit)
    title = unit.title or ""
    best = 0.0
    for node, referred in zip(unit.walk(), _referred_titles(hit.unit, corpus), strict=True):
        own = terms.overlap(f"{node.own} {title}")
        more = terms.overlap(f"{node.own} {title} {referred}") - own if referred else 0.0
        best = max(best, own + REFERENCED * more)
    return best / total


@lru_cache(maxsize=4096)
def _referred_titles(unit: str, corpus: Corpus) -> tuple[str, ...]:
    """For each part of ``unit`` (in ``walk`` order), the titles of the other articles its
    words refer to ("requests to remove … the content described in articles 14 and 16")."""
    titles = []
    for node in corpus.get(unit).walk():
        referred = (corpus.get(corpus.get(r).cite().unit) for r in node.refs)
        titles.append(" ".join({a.title: 0 for a in referred if a.title and a.citation != unit}))
    return tuple(titles)


def fit(
    hit: Hit,
    terms: Terms,
    corpus: Corpus,
    figure: re.Pattern[str] | None = None,
    asked_by_another: bool = False,
    alike: float = ASKED_ALIKE,
    abroad: bool = False,
) -> float:
    """How well ``hit`` answers: its similarity, plus COVERAGE × its coverage and ``alike``
    (``likeness``) × the closeness of the questions written for it, plus FIGURE_HOLDS when it
    holds the ``figure`` a question asks for, COOPERATION_ASKED when it is in the international
    cooperation chapter and the question is ``asked_by_another`` State, ACTS_ABROAD when it
    reserves another State's functions to it and the question asks about acting ``abroad``;
    less UNASKED_AMENDMENT for the amendment article when the question is not about amending.
    (A bonus for the article that speaks of the reservation a question asks about is no longer
    needed: the questions written for it come nearer.)"""
    unit = corpus.get(hit.unit)
    holds = figure is not None and bool(figure.search(unit.text))
    unasked = bool(_AMENDMENT.match(unit.title or "")) and not any(
        r.startswith(_ASKS_AMENDMENT) for r in terms.roots
    )
    return (
        hit.similarity
        + COVERAGE * coverage(hit, terms, corpus)
        + alike * hit.asked
        + FIGURE_HOLDS * holds
        + COOPERATION_ASKED * (asked_by_another and any(map(_COOPERATION.search, unit.headings)))
        + ACTS_ABROAD * (abroad and bool(RESERVED_TO_OTHERS.search(unit.text)))
        - UNASKED_AMENDMENT * unasked
    )


def likeness(retrieval: Retrieval) -> float:
    """How much the closeness of the questions written for an article weighs (``fit``)."""
    return ASKED_ALIKE_BY_TERMS if retrieval.multilingual else ASKED_ALIKE


def answering_first(
    hits: list[Hit], question: str, kind: Kind, corpus: Corpus, alike: float = ASKED_ALIKE
) -> list[Hit]:
    """``hits`` with the first AMONG reordered by how well they answer a question of ``kind``
    (``fit``), a protocol's first when the question names it with its convention and it fits
    nearly as well; for a question about attempt or complicity, the article on them first
    when retrieval found it."""
    if len(hits) < 2:
        return hits
    terms = Terms.of(question, corpus).readable(corpus)
    figure = asked_figure(question) if kind is Kind.FIGURE else None
    asked = bool(_ASKED_BY_ANOTHER.search(question))
    abroad = acts_abroad(question)
    fits = {id(h): fit(h, terms, corpus, figure, asked, alike, abroad) for h in hits[:AMONG]}
    head = sorted(hits[:AMONG], key=lambda h: -fits[id(h)])
    # "How does the trafficking protocol relate to the Palermo Convention?": a question that
    # names a protocol and the convention it supplements is about the protocol
    protocols = _protocols_named_with_parent(question, corpus)
    ours = [h for h in head if h.instrument in protocols]
    if ours and fits[id(ours[0])] >= fits[id(head[0])] - PROTOCOL_WITHIN:
        head = ours[:1] + [h for h in head if h is not ours[0]]
    ranked = head + hits[AMONG:]
    if ASKS_ATTEMPT.search(question):
        on_attempt = [h for h in ranked if ON_ATTEMPT.search(corpus.get(h.unit).title or "")]
        ranked = on_attempt[:1] + [h for h in ranked if h not in on_attempt[:1]]
    if (topic := _ARTICLE_ON.search(question)) is not None:
        said = roots(expand_terms(topic["topic"]))
        titled = [h for h in ranked[:AMONG] if _titled_as(corpus.get(h.unit).title, said)]
        ranked = titled[:1] + [h for h in ranked if h not in titled[:1]]
    return ranked


def in_answering_order(
    hits: list[Hit], question: str, kind: Kind, corpus: Corpus, alike: float = ASKED_ALIKE
) -> list[Hit]:
    """Preambles after the operative provisions, unless the question asks about purposes
    (a recital that shares words with the question does not answer it); then the article
    that answers best first (``answering_first``)."""
    if not _ASKS_PREAMBLE.search(question):
        hits = sorted(hits, key=lambda h: corpus.get(h.unit).division is Division.PREAMBLE)
    return answering_first(hits, question, kind, corpus, alike)


def best_of(retrieval: Retrieval, question: str, kind: Kind, corpus: Corpus, k: int) -> Retrieval:
    """``retrieval`` cut to ``k`` hits: the provisions the question names, then the searched
    ones that answer best (``in_answering_order``), all of them weighed. Of a search of
    several documents, only the first ``k`` are: retrieval takes the best of each in turn, and
    a comparison needs them."""
    named = [h for h in retrieval.hits if h.retrievers == ["citation"]]
    searched = [h for h in retrieval.hits if h.retrievers != ["citation"]]
    weighed = searched if len(retrieval.instruments) < 2 else searched[: max(k - len(named), 0)]
    searched = in_answering_order(weighed, question, kind, corpus, likeness(retrieval))
    kept = max(k, len(named))
    closest = dataclasses.replace(retrieval, hits=retrieval.hits[:kept]).similarity
    return dataclasses.replace(retrieval, hits=(named + searched)[:kept], closest=closest)


def _protocols_named_with_parent(question: str, corpus: Corpus) -> set[str]:
    """The protocols the question names together with the convention each supplements."""
    named = {m.instrument for m in find_instruments(question, corpus.manifest)}
    return {d for d in named if corpus.manifest.get(d).supplements in named}


# "UNCAC's article on police cooperation": the article the question names by its subject
_ARTICLE_ON = re.compile(
    r"\barticles?\s+(?:on|about|dealing\s+with|covering)\s+(?P<topic>[^?,.;:]{3,60})", re.I
)


def _titled_as(title: str | None, said: frozenset[str]) -> bool:
    """Whether every word of an article's title is among the words naming its subject."""
    words = roots(title or "")
    return bool(words) and words <= said
