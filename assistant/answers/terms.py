"""A question's words, as the lead matches them against the parts of an article.

Shared words are weighted by how rare they are in the corpus: "State Party" is in almost
every paragraph and says nothing about which one answers; "brokering", "enterprise" or
"serial number" pick the paragraph out. Words are reduced to a root a little further than
BM25's stemmer ("manufacture" and "manufactured", "regulate" and "regulating" meet), which
the lead can afford since it compares a handful of paragraphs, not the index.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.model.citations import without_instruments
from assistant.model.corpus import Corpus
from assistant.search.glossary import glossary
from assistant.search.language import ENGLISH, detect_language
from assistant.search.lexical import expand_terms, tokenize

COMMON = 0.2  # a word in this share of the corpus's parts weighs 1; rarer up to RARE
RARE = 1.0


# Words of a question's grammar that say nothing of which part answers ("why", "whether",
# "if": "If we refuse …, must we …?" is not about "If the request … includes several offences")
_GRAMMAR = frozenset(("why", "whether", "if"))
_NOUN_OF_VERB = re.compile(r"(?<=[a-z]{3}[svw])al$")  # refusal, approval, withdrawal


_ADJECTIVE = re.compile(r"(?<=[a-z]{4}[ct])ive$")  # effective, preventive, investigative
_ADVERB = re.compile(r"(?<=[a-z]{3}(?:ful|ous|ent|ant|ate|[a-z]al|mpt|act))ly$")  # lawfully
_OF_VERB = re.compile(r"(?<=[a-z]{5})at(?:ory|e)?$")  # preparatory, confiscate (-ation is cut)
_NOUN_ION = re.compile(r"(?<=[a-z]{4}[tsc])ion$")  # prosecution, extradition, interception
_NOUN_IANCE = re.compile(r"(?<=[a-z]{3})ianc(?:es?)?$")  # compliance: comply
_NOUN_ANCE = re.compile(r"(?<=[a-z]{4})anc(?:es?)?$")  # assistance, acceptance: assist, accept
_DOUBLED = re.compile(r"(?<=[a-z]{3})([bdgmnprt])\1$")  # "inferred" is stemmed "inferr"
_BRITISH = re.compile(r"(?<=[a-z]{3})is(?=e?$|at)")  # "organised" meets "organized"
_DOUBLE_S = re.compile(r"(?<=[a-z]{3}s)s$")  # the stemmer reads "assess" as "asses"
# "confidentiality" is what is "confidential", "liability" what one is "liable" for
_NOUN_ITY = re.compile(r"(?<=[a-z]{3}al)ity$|(?<=[a-z]{2}b)ility$")
# "entry into force" and "entered into force" are one term of art
_ENTRY = re.compile(r"\bentr(?:y|ies)(?=\s+into\s+force\b)", re.I)
# "can't keep it confidential" is what "cannot comply with the requirement of confidentiality"
# says ("can" and "not" are words of grammar to BM25)
_CANNOT = re.compile(r"\bcan(?:'|’)?t\b|\bcannot\b|\bunable\s+to\b", re.I)


# "postponement" is the act of postponing, "settlement" of settling (a "government" or a
# "shipment" is left alone: no "governing" or "shipping" is meant)
_NOUN_MENT = re.compile(r"(?<=[a-z]{4})ement$")
# what no suffix rule reaches: "accession" is the act of one who accedes; and what one would
# take too far: "importance" is no import, "furtherance" nothing further
_IRREGULAR = {"accession": "acced", "importance": "importanc", "furtherance": "furtheranc"}
_IRREGULAR |= {w: w for w in ("implement", "supplement", "complement", "element", "statement")}


def _root(stem: str) -> str:
    if stem in _IRREGULAR:
        return _IRREGULAR[stem]
    stem = _NOUN_MENT.sub("", stem)  # "postponement" meets "postponing"
    stem = _DOUBLE_S.sub("", stem)  # "witness" meets "witnesses", "assess" "assessed"
    stem = _NOUN_ITY.sub(lambda m: "l" if m[0] == "ility" else "", stem)  # "liability": "liable"
    stem = _NOUN_OF_VERB.sub("", stem)  # "refusal" meets "refuse", "removal" "remove"
    stem = _ADJECTIVE.sub("", stem)  # "effective" meets "effect", "preventive" "prevent"
    stem = _ADVERB.sub("", stem)  # "lawfully" meets "lawful"
    stem = _OF_VERB.sub("", stem)  # "confiscate" and "preparatory" meet "confiscation"
    stem = _NOUN_ION.sub("", stem)  # "prosecution" meets "prosecuted"
    stem = _NOUN_ANCE.sub("", _NOUN_IANCE.sub("y", stem))  # "assistance" meets "assist"
    stem = _DOUBLED.sub(r"\1", stem)  # "inferred" meets "infer", "committed" "commit"
    stem = _BRITISH.sub("iz", stem)  # "criminalise" meets "criminalize"
    return stem[:-1] if len(stem) > 4 and stem.endswith("e") else stem


@lru_cache(maxsize=1 << 15)
def roots(text: str) -> frozenset[str]:
    """The text's words as roots: BM25's stems, with a final "e" dropped, a final "ss" made
    single, a noun in "-ity" reduced to its adjective ("confidentiality", "liability"), a
    verb's noun in "-al" or "-ion", an adjective in "-ive", an adverb in "-ly", a verb
    in "-ate", a doubled final consonant ("inferr") and a British "-ise" reduced to their kin,
    "entry into force" read as "enter into force" (kept: an answer compares the same few
    articles' parts with the question many times); words of grammar left out."""
    said = _CANNOT.sub("cannot", _ENTRY.sub("enter", text))
    return frozenset(_root(t) for t in tokenize(said) if t not in _GRAMMAR)


class Weights:
    """How much a shared root says, from its document frequency over the corpus's parts."""

    def __init__(self, corpus: Corpus):
        frequency: Counter[str] = Counter()
        parts = 0
        for document in corpus:
            for unit in document.units:
                for node in unit.walk():
                    frequency.update(roots(node.own))
                    parts += 1
        self._frequency = frequency
        self._parts = max(parts, 1)
        self._reference = math.log(1 / COMMON)

    def known(self, root: str) -> bool:
        """Whether some part of the corpus uses ``root``."""
        return root in self._frequency

    def __call__(self, root: str) -> float:
        share = (self._frequency.get(root, 0) + 1) / self._parts
        return min(RARE, max(0.05, math.log(1 / share) / self._reference))


@lru_cache(maxsize=4)
def weights(corpus: Corpus) -> Weights:
    return Weights(corpus)


@dataclass(frozen=True)
class _Scaled:
    """Weights with some roots' scaled by ``factor``."""

    weight: Callable[[str], float]
    scaled: frozenset[str]
    factor: float

    def __call__(self, root: str) -> float:
        return self.weight(root) * (self.factor if root in self.scaled else 1.0)


@dataclass(frozen=True)
class Terms:
    """The question's roots (its terms of art spelt out), and the corpus's weights."""

    roots: frozenset[str]
    weight: Callable[[str], float]
    language: str = ENGLISH

    def in_english(self, text: str) -> str:
        """``text`` (some of the question's words) with the English terms of art it uses."""
        return text if self.language == ENGLISH else glossary().expand(text, self.language)

    @classmethod
    def of(cls, question: str, corpus: Corpus) -> Terms:
        return _terms_of(question, corpus)

    def discounting(self, text: str, factor: float) -> Terms:
        """These terms with ``text``'s words weighing ``factor`` times as much: an article's
        title words say which article answers more than which of its paragraphs does."""
        scaled = _Scaled(self.weight, roots(text) & self.roots, factor)
        return Terms(self.roots, scaled, self.language)

    def without(self, text: str) -> Terms:
        """These terms but ``text``'s: a defined term's words are in its definition's opening
        words anyway, and say nothing about which of its clauses the question asks about."""
        return Terms(self.roots - roots(text), self.weight, self.language)

    def readable(self, corpus: Corpus) -> Terms:
        """These terms but the words no English text uses: a question in another language is
        read in the treaties' words only through its terms of art, and its own words
        ("tipificar", "el") would thin the share of it any article covers."""
        if self.language == ENGLISH:
            return self
        known = weights(corpus).known
        return Terms(frozenset(filter(known, self.roots)), self.weight, self.language)

    def shared(self, text: str) -> frozenset[str]:
        return roots(text) & self.roots

    def overlap(self, text: str) -> float:
        """The weight of the question's words that ``text`` shares (``fsum``: the same total
        whatever order the set gives its words in, so equal fits tie in every run)."""
        return math.fsum(self.weight(r) for r in self.shared(text))


# how a figure is asked ("How soon must we …?") is not what it is about ("as soon as possible")
_ASKING = re.compile(r"\bhow\s+(?:soon|quickly|often)\b", re.I)
# ... nor what it sets aside: "Beyond technical cooperation, does it oblige them to give us
# money?" asks about the money, "Besides witnesses and experts, who else …?" about the others
_SET_ASIDE = re.compile(r"\b(?:beyond|besides|apart\s+from|aside\s+from)\s+[^,.;:?!]{1,60},", re.I)


@lru_cache(maxsize=64)
def _terms_of(question: str, corpus: Corpus) -> Terms:
    """One question's terms, once: an answer matches them in its rerank, lead and list. A
    question in another language brings the English terms of art it uses (the glossary's),
    since the texts quoted are the English authentic ones."""
    language = detect_language(question, corpus.manifest)
    english = glossary().expand(question, language) if language != ENGLISH else question
    # the documents it names say where, not what: "Convention" and "Cybercrime" would match
    # every part of the instrument, and make a part look about the question
    asked = _SET_ASIDE.sub(" ", _ASKING.sub(" ", english))
    # (expanded as the retriever expands the words it searches: the same call, made once)
    asked = expand_terms(without_instruments(asked, corpus.manifest), context=asked)
    return Terms(frozenset(roots(asked)), weights(corpus), language)
