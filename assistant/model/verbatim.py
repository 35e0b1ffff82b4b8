"""What "verbatim" means, once for the whole project, and the source clean-up it rests on.

A passage is verbatim in a text when, after ``normalise`` (whitespace runs folded to one
space, curly and straight quotes alike), it is a substring of that text. The same rule checks
a parsed fragment against its source (at ingest), a quote against its provision (every
answer) and a model's quotation (LLM replies). Sources are first passed through ``clean``;
parsers may only change what ``clean`` changes (whitespace, quote style, markdown links
reduced to their text, emphasis, known renderer word splits, markdown tables read column by
column).
"""

from __future__ import annotations

import re

# Link targets are relative paths to README.md files, and may themselves contain ")".
_LINK = re.compile(r"\[([^\]]*)\]\((?:\S*?README\.md|[^)\s]*)\)")
_TEX_QUOTE = re.compile(r"``([^`\"]*?)\"")
# A straight opening quote closed by a curly one (1988 Convention art. 1(l): "Freezing”).
_STRAIGHT_OPEN = re.compile(r'(?<![\w"])"(?=\w[^"“”\n]*”)')
# Words the treaty-database renderer split in two, or repeated (UNCAC art. 55(7) "… of a de
# minimis value.*de minimis *value."); fixed wherever they occur.
_WORD_SPLITS = {
    "Of fice": "Office",
    "nat ionals": "nationals",
    "de minimis value.*de minimis *value.": "de minimis value.",
}
_SPACES = re.compile(r"\s+")
# A markdown table: consecutive lines starting with "|" (the 1988 Convention's annex).
_TABLE = re.compile(r"(?:^[ \t]*\|.*(?:\n|$))+", re.M)
# Markdown emphasis (*inter alia,*, *ordre public*): the stars go, a space stays after it.
_EMPHASIS = re.compile(r"\*\s*([^*\n]+?)\s*\*(?=(\w)?)")


# A user's document is untrusted: nothing in it may make a reader's browser fetch or run
# anything, even where text is shown as Markdown by mistake. Images (with or without a title,
# inline or by reference) go whole; links keep their text; link definitions, HTML tags,
# comments and autolinks go.
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # "(url)", '(url "title")', one level of "()"
_MARKUP = [
    (re.compile(r"!\[[^\]]*\](?:" + _TARGET + r"|\[[^\]]*\])"), ""),
    (re.compile(r"\[([^\]]*)\](?:" + _TARGET + r"|\[[^\]]*\])"), r"\1"),
    (re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M), ""),
    (re.compile(r"<!--.*?(?:-->|$)", re.S), ""),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),
]


def strip_markup(text: str) -> str:
    """``text`` without Markdown images, link targets, link definitions or HTML."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return _SPACES.sub(" ", text).strip()


def _columns(table: re.Match[str]) -> str:
    """A table as text a reader can quote: each column top to bottom (a table's heading
    cell, then its entries), columns left to right; empty cells and rows dropped."""
    rows = [line.strip().strip("|").split("|") for line in table[0].splitlines()]
    width = max(len(row) for row in rows)
    cells = [row[c].strip() for c in range(width) for row in rows if c < len(row)]
    return " ".join(cell for cell in cells if cell) + "\n"


def clean(text: str) -> str:
    """Normalise quotes (``term" -> “term”), drop link targets and emphasis, read tables by
    column, repair split words, squash."""
    text = _TABLE.sub(_columns, text)
    text = _LINK.sub(r"\1", text)
    text = _TEX_QUOTE.sub(r"“\1”", text)
    text = _STRAIGHT_OPEN.sub("“", text)
    for broken, whole in _WORD_SPLITS.items():
        text = text.replace(broken, whole)
    text = _EMPHASIS.sub(lambda m: m[1] + (" " if m[2] else ""), text)
    return squash(text)


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """The form in which passages are compared: quotes unified, whitespace squashed."""
    return squash(text.translate(_QUOTES))


def is_verbatim(passage: str, text: str) -> bool:
    """Whether ``passage`` occurs in ``text``, whitespace and quote style aside."""
    return normalise(passage) in normalise(text)


class VerbatimText:
    """A long text normalised once, for checking many passages against it (a whole source).

    Passages are mostly asked for in the order they occur, so each search starts where the
    last one was found and only a passage not found after it is searched from the start:
    checking a whole document stays linear in its size (searching every passage from the
    start took 11 s for a 4 MB document, growing with the square of the size)."""

    def __init__(self, text: str):
        self.normalised = normalise(text)
        self._cursor = 0

    def contains(self, passage: str) -> bool:
        wanted = normalise(passage)
        found = self.normalised.find(wanted, self._cursor)
        if found < 0:
            found = self.normalised.find(wanted)
        if found < 0:
            return False
        self._cursor = found
        return True
