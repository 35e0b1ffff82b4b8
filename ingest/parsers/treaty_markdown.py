"""Parser for treaties in the Dutch treaty database markdown (English text, Dutch after it).

The format (see the corpus README, "Known quirks"): a ``<meta>`` line, the Dutch title as
``##``, the English title as ``####``, an optional one-line preamble, then ``###`` headings
(``CHAPTER  I`` / ``I General provisions`` / ``SECTION 1`` / ``TITLE 1`` / ``Article  N``), each
followed by a ``####`` title line, and after the closing formula perhaps an ``ANNEX`` heading
whose markdown table becomes the annex's text (read by column, see ``clean``). Article text
is ``1.   text`` paragraphs, ``a) text`` or ``(a) text`` subparagraphs and ``(i) text``
clauses, sometimes without a space after the label (the 1988 Convention's ``(a)“Board”``).
After the closing formula (and annex) the whole treaty follows again in Dutch, introduced by a
``####`` line repeating the Dutch title; only the English part may enter the corpus.

Every ``lead``/``tail`` fragment is the source text passed through
:func:`assistant.model.verbatim.clean`, so ``is_verbatim(fragment, clean_source(text))`` holds
for all of them. Anything that does not fit the format raises :class:`ValueError` (a label out
of sequence included, see :mod:`ingest.parsers.outline`), so a damaged source never yields a
partial corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.model.citations import Division
from assistant.model.provisions import Document, Provision
from assistant.model.verbatim import clean, squash
from ingest.parsers.outline import build

__all__ = ["clean_source", "parse_treaty_markdown"]

_DUTCH_TITLE = re.compile(r"^##(?!#)\s*(.*?)\s*$")
_HEADING = re.compile(r"^###(?!#)\s*(.*?)\s*$")
_SUBTITLE = re.compile(r"^####(?!#)\s*(.*?)\s*$")
_ARTICLE = re.compile(r"^Article\s+(\d+)$")
_CHAPTER = re.compile(r"^(?:CHAPTER\s+)?([IVXLC]+)(?:\s+(.*))?$")
_SECTION = re.compile(r"^(SECTION|TITLE)\s+(\d+)$")
# Headings only the Dutch translation has; seeing one means the English cut went wrong.
_DUTCH_HEADING = re.compile(r"^(Artikel\b|HOOFDSTUK\b|Preambule\b)")
_PREAMBLE_WORD = re.compile(r"^Preambu?le(?=[\sA-Z]|$)\s*")
_CLOSING = re.compile(r"^(IN WITNESS WHEREOF|In witness whereof|DONE at|Done at)\b")
# An annex after the closing formula (the 1988 Convention's Tables I and II): text, not articles.
_ANNEX = re.compile(r"^ANNEX$")
# (the 1988 Convention's art. 10 writes "2.The Parties may …", with no space after the number)
_NUMBERED = re.compile(r"^(\d+)\.(?:\s+|$|(?=[A-Z]))(.*)$")
# ``a) x``, ``(a) x``, ``b)x``, ``(i)x``: one letter or a roman numeral in parentheses.
_LETTERED = re.compile(r"^(?:\(([a-z]|[ivxl]+)\)|([a-z]|[ivxl]+)\))\s*(.*)$")
# Items of a list one level below clauses (UNTOC art. 5 "a. ...") or dash lists (Budapest 39).
_DEEPER_ITEM = re.compile(r"^([a-z]\.\s|[–-]\s)")


def clean_source(text: str) -> str:
    """The English part of a source, cleaned: what every parsed fragment must occur in."""
    lines = _english_lines(text.splitlines(), "source")
    return clean("\n".join(lines[_english_title_index(lines, "source") :]))


def parse_treaty_markdown(text: str, doc_id: str) -> Document:
    """Parse one treaty source into its preamble and articles (English only)."""
    lines = _english_lines(text.splitlines(), doc_id)
    start = _english_title_index(lines, doc_id)
    units: list[Provision] = []
    first_heading = next((i for i, ln in enumerate(lines) if _HEADING.match(ln)), len(lines))
    preamble = _preamble(lines[start + 1 : first_heading], doc_id)
    if preamble is not None:
        units.append(preamble)
    units.extend(_articles(lines[first_heading:], doc_id))
    _check_articles(units, doc_id)
    return Document(id=doc_id, units=units)


# --- the English part -------------------------------------------------------------------------


def _english_lines(lines: list[str], doc_id: str) -> list[str]:
    """The lines before the Dutch translation, which starts with a repeat of the Dutch title.

    The repeat is the first ``####`` line after the English title that does not title a
    ``###`` heading; article and chapter titles always follow their heading.
    """
    start = _english_title_index(lines, doc_id)
    dutch = next((m.group(1) for ln in lines[:start] if (m := _DUTCH_TITLE.match(ln))), None)
    end = len(lines)
    previous = lines[start]
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        sub = _SUBTITLE.match(line)
        if sub and not _HEADING.match(previous):
            if dutch is not None and not _same_title(sub.group(1), dutch):
                raise ValueError(
                    f"{doc_id} line {i + 1}: '####' line without a heading: {line[:80]!r}"
                )
            end = i
            break
        previous = line
    english = lines[:end]
    for i, line in enumerate(english):
        heading = _HEADING.match(line)
        if heading and _DUTCH_HEADING.match(heading.group(1)):
            raise ValueError(
                f"{doc_id} line {i + 1}: Dutch heading in the English part: {line.strip()!r}"
            )
    return english


def _same_title(a: str, b: str) -> bool:
    """Whether two renderings of the Dutch title agree (the repeat may add a final stop)."""
    a, b = (squash(x).rstrip(".").casefold() for x in (a, b))
    return a == b or a.startswith(b[:60]) or b.startswith(a[:60])


def _english_title_index(lines: list[str], doc_id: str) -> int:
    """Index of the English title: the ``####`` line that comes before any ``###`` heading."""
    for i, line in enumerate(lines):
        if _HEADING.match(line):
            break
        sub = _SUBTITLE.match(line)
        if sub and sub.group(1):
            return i
    raise ValueError(f"{doc_id}: no English title (a '####' line before the first '###' heading)")


def _preamble(lines: list[str], doc_id: str) -> Provision | None:
    """The single preamble line(s) before the first heading, without the word 'Preamble'."""
    body = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("<meta")]
    if not body:
        return None
    lead = clean(_PREAMBLE_WORD.sub("", squash(" ".join(body))))
    if not lead:
        return None
    return Provision(instrument=doc_id, division=Division.PREAMBLE, title="Preamble", lead=lead)


# --- headings and articles --------------------------------------------------------------------

_HEADING_ORDER = ("chapter", "section", "title")


@dataclass
class _Context:
    """Where the parser stands in the chapter/section/title hierarchy."""

    chapter: str | None = None
    kinds: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # display strings matching ``kinds``

    def enter(self, kind: str, number: str, title: str) -> None:
        """Open a heading, closing any open heading of the same or a lower level first."""
        if kind == "chapter":
            self.chapter = number
        keep = sum(1 for k in self.kinds if _HEADING_ORDER.index(k) < _HEADING_ORDER.index(kind))
        self.kinds = [*self.kinds[:keep], kind]
        display = f"{kind.capitalize()} {number} — {_sentence_case(title)}"
        self.headings = [*self.headings[:keep], display]


@dataclass
class _RawArticle:
    """An article's heading data and its body lines, before the tree is built."""

    number: str
    title: str
    chapter: str | None
    headings: list[str]
    lines: list[str] = field(default_factory=list)


def _articles(lines: list[str], doc_id: str) -> list[Provision]:
    """Walk headings and body lines; the closing formula ends the articles."""
    blocks = [ln.strip() for ln in lines if ln.strip()]
    context = _Context()
    raws: list[_RawArticle] = []
    closed = False
    i = 0
    while i < len(blocks):
        line = blocks[i]
        i += 1
        if (heading := _HEADING.match(line)) and closed and _ANNEX.match(heading.group(1)):
            articles = [_build_article(raw, doc_id) for raw in raws]
            return [*articles, _annex(blocks[i:], doc_id)]
        if heading:
            if closed:
                raise ValueError(f"{doc_id}: heading after the closing formula: {line!r}")
            kind, number, title = _classify_heading(heading.group(1), doc_id)
            if not title and i < len(blocks) and (sub := _SUBTITLE.match(blocks[i])):
                title = clean(sub.group(1))
                i += 1
            if not title:
                raise ValueError(f"{doc_id}: {kind} {number} has no title ('####' line)")
            if kind == "article":
                raws.append(_RawArticle(number, title, context.chapter, list(context.headings)))
            else:
                context.enter(kind, number, title)
        elif _SUBTITLE.match(line):
            raise ValueError(f"{doc_id}: '####' line without a heading: {line[:80]!r}")
        elif closed or _CLOSING.match(line):
            closed = True  # "IN WITNESS WHEREOF ...", "DONE at ...": not part of any article
        elif not raws:
            raise ValueError(f"{doc_id}: text before the first article: {line[:80]!r}")
        else:
            raws[-1].lines.append(line)
    if raws and not closed:
        raise ValueError(
            f"{doc_id}: no closing formula ('IN WITNESS WHEREOF ...') after article "
            f"{raws[-1].number}: the English text looks truncated"
        )
    return [_build_article(raw, doc_id) for raw in raws]


def _annex(lines: list[str], doc_id: str) -> Provision:
    """The annex: its lines (a table) as one text; a heading inside it is an error."""
    if not lines:
        raise ValueError(f"{doc_id}: the annex has no text")
    if bad := next((ln for ln in lines if _HEADING.match(ln) or _SUBTITLE.match(ln)), None):
        raise ValueError(f"{doc_id}: heading inside the annex: {bad[:80]!r}")
    lead = clean("\n".join(lines))
    return Provision(instrument=doc_id, division=Division.ANNEX, title="Annex", lead=lead)


def _classify_heading(text: str, doc_id: str) -> tuple[str, str, str]:
    """(kind, number, inline title) of a ``###`` heading; unknown headings are an error."""
    if m := _ARTICLE.match(text):
        return ("article", m.group(1), "")
    if m := _SECTION.match(text):
        return (m.group(1).lower(), m.group(2), "")
    if m := _CHAPTER.match(text):
        return ("chapter", m.group(1), clean(m.group(2) or ""))
    raise ValueError(f"{doc_id}: unknown heading '### {text}'")


def _sentence_case(title: str) -> str:
    """ALL-CAPS headings become sentence case; mixed-case titles are kept as they are."""
    if title != title.upper():
        return title
    lower = title.lower()
    for name in _PROPER_WORDS:
        lower = re.sub(rf"\b{name.lower()}\b", name, lower)
    return lower[:1].upper() + lower[1:]


# Words that keep their capital when an ALL-CAPS heading is put in sentence case.
_PROPER_WORDS = ("Convention", "Protocol", "Parties", "Party", "Council of Europe", "States")


def _check_articles(units: list[Provision], doc_id: str) -> None:
    """Articles must exist and run 1..N: a gap or a missing end means a damaged source."""
    numbers = [u.number for u in units if u.division is Division.ARTICLE]
    if not numbers:
        raise ValueError(f"{doc_id}: no articles found")
    expected = [str(n) for n in range(1, len(numbers) + 1)]
    if numbers != expected:
        bad = next(n for n, e in zip(numbers, expected, strict=True) if n != e)
        raise ValueError(f"{doc_id}: articles not numbered consecutively from 1 (at {bad})")


# --- inside an article ------------------------------------------------------------------------


def _item(line: str) -> tuple[str | None, str]:
    """(label, own text) of a body line; label None for a line without one."""
    if m := _NUMBERED.match(line):
        # The renderer sometimes repeats the number: "2. 2 Such conditions ..." (Budapest).
        return m[1], re.sub(rf"^{m[1]}\s+(?=[A-Z])", "", m[2])
    if m := _LETTERED.match(line):
        return m[1] or m[2], m[3]
    return None, line


def _closes(previous: str, line: str) -> bool:
    """A line of its own after a subparagraph or clause closes the list, unless it is an item
    of a deeper list the model has no level for (UNTOC art. 5 "a. ...", Budapest 39 "– ...")."""
    return not _DEEPER_ITEM.match(line)


def _build_article(raw: _RawArticle, doc_id: str) -> Provision:
    """An article's body lines as its paragraph/subparagraph/clause tree. A first paragraph
    the source leaves unnumbered before a "2." (the 1988 Convention's art. 10) is paragraph 1:
    else its duty would read as the whole article's, over the options of its paragraphs."""
    items = [_item(line) for line in raw.lines]
    if len(items) > 1 and items[0][0] is None and items[1][0] == "2":
        items[0] = ("1", items[0][1])
    return build(
        items,
        f"{doc_id} art. {raw.number}",
        _closes,
        instrument=doc_id,
        division=Division.ARTICLE,
        number=raw.number,
        title=raw.title,
        chapter=raw.chapter,
        headings=raw.headings,
    )
