"""Text clean-up shared by the parsers, and the same clean-up applied to whole sources.

A parsed fragment counts as verbatim when ``squash(fragment)`` is a substring of
``clean(source)``: parsers may only change what ``clean`` changes (whitespace, quote style,
markdown links reduced to their text, known renderer word splits).
"""

from __future__ import annotations

import re

# Link targets are relative paths to README.md files, and may themselves contain ")".
_LINK = re.compile(r"\[([^\]]*)\]\((?:\S*?README\.md|[^)\s]*)\)")
_TEX_QUOTE = re.compile(r"``([^`\"]*?)\"")
# Words the treaty-database renderer split in two; fixed wherever they occur.
_WORD_SPLITS = {"Of fice": "Office"}
_SPACES = re.compile(r"\s+")
# Markdown emphasis (*inter alia,*, *ordre public*): the stars go, a space stays after it.
_EMPHASIS = re.compile(r"\*\s*([^*\n]+?)\s*\*(?=(\w)?)")


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return _SPACES.sub(" ", text).strip()


def clean(text: str) -> str:
    """Normalise quotes (``term" -> “term”), drop link targets and emphasis, repair split
    words, squash."""
    text = _LINK.sub(r"\1", text)
    text = _TEX_QUOTE.sub(r"“\1”", text)
    text = _EMPHASIS.sub(lambda m: m[1] + (" " if m[2] else ""), text)
    for broken, whole in _WORD_SPLITS.items():
        text = text.replace(broken, whole)
    return squash(text)


def is_verbatim(fragment: str, cleaned_source: str) -> bool:
    """Whether a parsed fragment occurs in the source (already passed through ``clean``)."""
    return squash(fragment) in cleaned_source
