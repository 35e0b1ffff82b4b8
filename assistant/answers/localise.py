"""An answer to a question asked in French or Spanish, in that language: the lead's fixed
phrases and the obligation labels are translated, while every quotation stays in the English
authentic text and says so. Questions in Arabic, Russian or Chinese get the English answer
with a notice saying why.

This post-processes the composed answer (``Draft``), so the composer and the lead keep
writing English; only the phrases in ``PHRASES`` are touched, never a quotation (a line
starting with ">" or a passage between “ and ”), so every quote stays verbatim.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from assistant.answers.answer import Draft
from assistant.search.language import ENGLISH, NAMES

# The lead's and the composer's fixed phrases (assistant/answers/lead.py, verdict.py,
# composer.py) and the obligation labels in words, with their translations.
PHRASES: dict[str, list[list[str]]] = tomllib.loads(
    Path(__file__).with_name("localise.toml").read_text(encoding="utf-8")
)
AUTHENTIC = {
    "fr": "Citations tirées du texte authentique anglais (Quoted from the English authentic text).",
    "es": "Citas tomadas del texto auténtico en inglés (Quoted from the English authentic text).",
}
NOT_TRANSLATED = (
    "Your question is in {name}: this answer is in English, as the lead and labels are "
    "translated into French and Spanish only. Quoted from the English authentic text."
)
_CONTINUES = re.compile(r"\(continues: open (.+) to read it all\)$")
CONTINUES = {
    "fr": "(suite : ouvrir {} pour le lire en entier)",
    "es": "(continúa: abra {} para leerlo completo)",
}
_QUOTED = re.compile(r"“[^”]*”")


def localise(draft: Draft, language: str) -> Draft:
    """``draft`` for a question in ``language`` (ISO 639-1): see the module docstring."""
    if language == ENGLISH or language not in NAMES:
        return draft
    if language not in PHRASES:
        notice = NOT_TRANSLATED.format(name=NAMES[language])
        return draft.model_copy(update={"notices": [*draft.notices, notice]})
    text = "\n".join(_line(line, language) for line in draft.text.split("\n"))
    if draft.quotes:
        text += f"\n\n{AUTHENTIC[language]}"
    return draft.model_copy(update={"text": text})


def _line(line: str, language: str) -> str:
    if line.startswith(">"):  # a quotation: only the composer's "(continues …)" is ours
        return _CONTINUES.sub(lambda m: CONTINUES[language].format(m[1]), line)
    pieces, last = [], 0
    for quoted in _QUOTED.finditer(line):
        pieces += [_phrases(line[last : quoted.start()], language), quoted[0]]
        last = quoted.end()
    return "".join([*pieces, _phrases(line[last:], language)])


def _phrases(text: str, language: str) -> str:
    for english, translated in PHRASES[language]:
        text = text.replace(english, translated)
    return text
