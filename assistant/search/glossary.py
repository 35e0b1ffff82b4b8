"""The treaties' terms of art in French, Spanish, Arabic, Russian and Chinese, read from
glossary.toml (each term with its source), so that a question in one of those languages also
searches the English text's own words: "¿qué es la asistencia judicial recíproca?" is
searched with "mutual legal assistance" too.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

GLOSSARY = Path(__file__).with_name("glossary.toml")
# Languages written without spaces between words, or with articles and prepositions attached
# to the word ("والمساعدة"): their terms are found as substrings.
_UNSPACED = frozenset({"ar", "zh"})
ENDING = 2  # letters a word may add to a term's word: plurals, Russian case endings


class Term(BaseModel):
    model_config = {"extra": "forbid"}

    en: str
    source: str
    fr: list[str] = Field(default_factory=list)
    es: list[str] = Field(default_factory=list)
    ar: list[str] = Field(default_factory=list)
    ru: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


def fold(text: str) -> str:
    """Lower case, accents and apostrophe variants away: "Entraide" meets "entraide"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _pattern(term: str, language: str) -> re.Pattern[str]:
    folded = fold(term)
    if language in _UNSPACED:
        return re.compile(re.escape(folded))
    words = re.findall(r"\w+|[^\w\s]", folded)
    parts = [
        re.escape(w[:-ENDING]) + rf"\w{{0,{2 * ENDING}}}" if len(w) > ENDING + 3 else re.escape(w)
        for w in words
    ]
    return re.compile(r"(?<!\w)" + r"\W*".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class Glossary:
    terms: list[Term]
    patterns: dict[str, list[tuple[re.Pattern[str], str]]]  # language -> (pattern, English)

    @classmethod
    def load(cls, path: Path = GLOSSARY) -> Glossary:
        terms = [Term.model_validate(t) for t in tomllib.loads(path.read_text())["term"]]
        patterns: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for term in terms:
            for language in ("fr", "es", "ar", "ru", "zh"):
                for written in getattr(term, language):
                    patterns.setdefault(language, []).append((_pattern(written, language), term.en))
        return cls(terms, patterns)

    def english_terms(self, text: str, language: str) -> list[str]:
        """The English terms of art whose ``language`` equivalents ``text`` uses, in order."""
        folded = fold(text)
        return list(
            dict.fromkeys(en for p, en in self.patterns.get(language, []) if p.search(folded))
        )

    def expand(self, text: str, language: str) -> str:
        """``text`` followed by the English terms it uses: "… entraide judiciaire ? (mutual
        legal assistance)"; unchanged when it uses none, or is English."""
        terms = self.english_terms(text, language)
        return f"{text} ({'; '.join(terms)})" if terms else text


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    return Glossary.load()
