"""Which of the six UN languages a question is written in.

The detector is lingua (``lingua-language-detector``), restricted to the six languages of the
treaties' authentic texts; its models ship inside the wheel, so nothing is fetched at run time.
English is the default and must never be mistaken: document names and citations ("Article
16(4) UNTOC", "Palermo art. 5") are taken out before detecting, and a question with fewer than
three words left, or whose best guess is not confident, is English. Arabic, Cyrillic and Han
script decide at once, as do Spanish's opening marks "¿" and "¡": no other of the six
languages writes them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from assistant.model.citations import find_instruments
from assistant.model.manifest import Manifest

ENGLISH = "en"
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "ru": "Russian",
    "zh": "Chinese",
}
# A Latin-script question is French or Spanish only when lingua is at least this sure; below
# it, English. Measured with names and citations taken out: none of the 393 English questions
# of tests/qa/golden.yaml and eval/dev.yaml is detected as another language at any
# confidence, and all 120 French and Spanish ones of eval/multilingual.yaml reach 0.6.
MIN_CONFIDENCE = 0.6
MIN_WORDS = 3
_SCRIPTS = (
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
)
_SPANISH_MARKS = re.compile(r"[¿¡]")  # opening marks only Spanish writes
_CITATION = re.compile(
    r"\b(?:art(?:icle|ículo|iculo)?s?|para(?:graph)?s?|§|note)\.?\s*\d[\w.()]*", re.I
)
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """Built once; each language's model loads on its first use (~1 s in all)."""
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str, manifest: Manifest) -> str:
    """The question's language as an ISO 639-1 code, one of ``LANGUAGES``; English when
    unsure (see the module docstring)."""
    for script, code in _SCRIPTS:
        if len(script.findall(text)) >= 2:
            return code
    if _SPANISH_MARKS.search(text):
        return "es"
    for mention in reversed(find_instruments(text, manifest)):
        text = text[: mention.start] + " " + text[mention.end :]
    words = _WORD.findall(_CITATION.sub(" ", text))
    if len(words) < MIN_WORDS:
        return ENGLISH
    return _language_of(" ".join(words))


@lru_cache(maxsize=256)  # retrieval and the lead's terms ask about the same question
def _language_of(words: str) -> str:
    best = _detector().compute_language_confidence_values(words)[0]
    code = best.language.iso_code_639_1.name.lower()
    return code if code == ENGLISH or best.value >= MIN_CONFIDENCE else ENGLISH
