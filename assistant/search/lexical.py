"""The lexical (BM25) index: built with the dense index, saved beside it, loaded once.

Tokens are lower-cased words and numbers (so "article 16" and "16(4)" keep their numbers),
English stop words dropped, and a light suffix stemmer so "laundering" meets "launder".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import bm25s
import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and are as at be by for from has have in into is it its of on or shall such that the "
    "their there these this those to under was were which with any other may does do what how "
    "who whom can should would will not".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s")


# Abbreviations practitioners type, spelled out so both retrievers understand them.
ABBREVIATIONS = {
    "mla": "mutual legal assistance",
    "jit": "joint investigation team",
    "jits": "joint investigation teams",
    "fiu": "financial intelligence unit",
    "ocg": "organized criminal group",
    "csam": "child sexual abuse material",
    "csem": "child sexual exploitation material",
    "pep": "politically exposed person",
    "peps": "politically exposed persons",
    "ict": "information and communications technology",
    "isp": "internet service provider",
    "e-evidence": "electronic evidence",
    "mlat": "mutual legal assistance treaty",
    "incb": "International Narcotics Control Board",
    "cnd": "Commission on Narcotic Drugs",
    "interpol": "International Criminal Police Organization",
}
_ABBREVIATION = re.compile(r"\b(" + "|".join(map(re.escape, ABBREVIATIONS)) + r")\b", re.I)
# Questions about the world as it is now, which no treaty text records: who has ratified or
# signed, who is a party or bound, whether a treaty is in force today. ("How many
# ratifications did it need" is not one: the text holds that figure.)
STATUS = re.compile(
    # (not in a relative clause: "is a country that has ratified it obliged to …?", nor a
    # condition: "how many member States need to have signed it before …?")
    r"""(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)(?<!\bthat\swe\s)(?<!\bthat\sit\s)(?<!\bto\s)
      (?<!\bmust\s)(?<!\bmust\salready\s)(?<!\bto\salready\s)
      \b(?:has|have|had)\s+(?:\w+\s+){0,4}?(?:ratified|signed|acceded|joined|become\s+part)
    | \bwhich\s+(?:states|countries|nations|governments)\s+(?:have\s+)?(?:signed|ratified
      |acceded|joined|are\s+(?:part(?:y|ies)|bound(?!\s+by\s+(?:the\s+|an?\s+)?amend)|signatories))
    | \bhow\s+many\s+(?:states|countries|nations|parties|signatories|signatures|members)\b
      (?!.*\b(?:need|needed|required?|necessary|before|must|shall|for\s+(?:its|the)\s+entry)\b)
    | \bwho\s+(?:are|is)\s+(?:the\s+)?(?:states\s+)?parties\b
    | \bwho\s+(?:has|have)\s+(?:ratified|signed|joined)
    | \bwhen\s+did\s+(?:\w+\s+){1,4}?(?:ratify|sign|accede|join|become\s+a\s+party)\b
    | \bis\s+(?!it\b|every\b|each\b|any\b|a\s+state\b)(?:\w+\s+){1,4}?(?:a\s+)?(?:state\s+)?
      (?:party\s+to|bound\s+by)\b(?!.*\b(?:required|obliged|bound\s+to|free|allowed|permitted)\b)
      (?!\s+(?:the\s+)?[\w'.-]+(?:\s+[\w'.-]+){0,4}?\s+to\s+  # "bound by UNCAC to help"
        (?!the\b|a\b|an\b|its\b|this\b)(?-i:[a-z]+)\b)
    | \b(?:is|are)\s+(?:the\s+)?(?:[\w'-]+\s+){0,8}?(?:already\s+|now\s+|yet\s+)?in\s+force
      (?:\s+(?:now|yet|today|already))?\s*\??\s*$
    | \bhas\s+(?:the\s+)?(?:[\w'-]+\s+){0,8}?entered\s+into\s+force\b
    | \b(?:ratification|signature)\s+status\b | \bstatus\s+of\s+(?:ratification|signature)
    | \b(?:list|number)\s+of\s+(?:states\s+)?(?:parties|signatories|ratifications)\b
    | \bcurrently\s+(?:has|have)\b
    # French and Spanish: "Combien d'États ont ratifié …", "¿Está en vigor …?" (not "un État qui
    # a ratifié …", "un Estado que ha ratificado …")
    | (?<!\bqui\s)(?<!\bque\s)\b(?:a|ont|ha|han)\s+(?:d[ée]j[àa]\s+|ya\s+)?(?:ratifi[ée]|sign[ée]
      |adh[ée]r[ée]|ratificado|firmado)\b
    | \bse\s+han?\s+adherido\b
    | \b(?:est|sont)-(?:elle|il|elles|ils)\s+(?:d[ée]j[àa]\s+)?(?:entr[ée]e?s?\s+)?en\s+vigueur\b
    | \b(?:est[áa]|est[áa]n)\s+(?:ya\s+)?en\s+vigor\b | \bha\s+entrado\s+en\s+vigor\b
    | \best\s+entr[ée]e?\s+en\s+vigueur\s*\??\s*$""",
    re.I | re.X,
)


@dataclass(frozen=True)
class TermOfArt:
    """Everyday words (``words``), and the treaties' term for them (``vocabulary.toml``)."""

    words: re.Pattern[str]
    near: re.Pattern[str] | None  # the words count only in a question that also says this
    term: tuple[str, ...]  # one or more phrases
    source: str  # the provision whose text uses them

    @cached_property  # read for every entry of every question
    def folded(self) -> tuple[str, ...]:
        return tuple(phrase.lower() for phrase in self.term)


def _terms_of_art() -> list[TermOfArt]:
    data = tomllib.loads((Path(__file__).parent / "vocabulary.toml").read_text("utf-8"))
    entries = [
        TermOfArt(
            re.compile(rf"\b(?:{t['words']})\b", re.I),
            re.compile(rf"\b(?:{t['near']})", re.I) if "near" in t else None,
            tuple(t["term"]),
            t["source"],
        )
        for t in data["term"]
    ]
    # Who has ratified, who is a party, whether it is in force now: the texts hold only the
    # article that governs entry into force (the assistant says the rest is not recorded).
    return [*entries, TermOfArt(STATUS, None, ("entry into force",), "")]


TERMS_OF_ART = _terms_of_art()


# "a drug case that has nothing to do with hacking": what a question rules out is not searched for
_NEGATED = re.compile(
    r"\b(?:not|no|nothing\s+to\s+do\s+with|without|other\s+than|unrelated\s+to|rather\s+than)"
    r"(?:\W+\w+){0,3}\W*$",
    re.I,
)


@lru_cache(maxsize=16)  # the retriever and the answer's terms expand the same words: once
def expand_terms(text: str, context: str | None = None) -> str:
    """'MLA request' -> 'MLA (mutual legal assistance) request'; 'a whistleblower' -> 'a
    whistleblower (protection of reporting persons)': each term once, after the first words
    that stand for it. ``context``: where a term's ``near`` words are looked for, when the
    text is the question without some of its words (the instruments it names: "leave the
    Budapest Convention" is a denunciation though "Budapest Convention" is not searched)."""
    text = _ABBREVIATION.sub(lambda m: f"{m[0]} ({ABBREVIATIONS[m[0].lower()]})", text)
    folded = text.lower()  # (once per change: every question meets every entry)
    inserted: list[str] = []  # the terms added so far: their words stand for nothing more
    for entry in TERMS_OF_ART:
        # the everyday words first: most entries stop there, and it is one search
        if not entry.words.search(text):
            continue
        if entry.near is not None and not entry.near.search(context or text):
            continue
        if all(phrase in folded for phrase in entry.folded):  # said already
            continue
        match = next(
            (
                m
                for m in entry.words.finditer(text)
                if not _NEGATED.search(text[: m.start()]) and not _within(m.start(), inserted, text)
            ),
            None,
        )
        if match is not None:
            inserted.append(f"({'; '.join(entry.term)})")
            text = f"{text[: match.end()]} {inserted[-1]}{text[match.end() :]}"
            folded = text.lower()
    return text


def _within(at: int, inserted: list[str], text: str) -> bool:
    """Whether ``at`` falls inside a term added before: its words stand for nothing more."""
    return any(
        m.start() <= at < m.end() for added in inserted for m in re.finditer(re.escape(added), text)
    )


@lru_cache(maxsize=1 << 15)  # a word is stemmed once: tokenizing is most of an answer's work
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def tokenize(text: str) -> list[str]:
    return [_stem(t) for t in _TOKEN.findall(text.lower().replace("’", "'")) if t not in _STOP]


class LexicalIndex:
    """BM25 over chunk texts; results are positions in the list the index was built from."""

    def __init__(self, retriever: bm25s.BM25, size: int):
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        retriever = bm25s.BM25()
        retriever.index([tokenize(t) or ["_"] for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        self.retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(directory), show_progress=False, verbosity=0), size)

    def unknown(self, words: list[str]) -> list[str]:
        """The words none of whose tokens occur in the indexed corpus; an abbreviation the
        search spells out ("INCB": the International Narcotics Control Board) is known."""
        vocab = self.retriever.vocab_dict
        return [
            w
            for w in words
            if w.lower() not in ABBREVIATIONS and not any(t in vocab for t in tokenize(w))
        ]

    def search(
        self, text: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Up to ``k`` (position, score) pairs with a positive score, best first."""
        vocab = self.retriever.vocab_dict
        tokens = [t for t in tokenize(text) if t in vocab]
        if not tokens:
            return []
        k = min(k, self.size)
        positions, scores = self.retriever.retrieve(
            [tokens], k=k, show_progress=False, weight_mask=allowed, n_threads=0
        )  # n_threads=0: in this thread (any other number starts a thread pool per query)
        return [(int(p), float(s)) for p, s in zip(positions[0], scores[0], strict=True) if s > 0]
