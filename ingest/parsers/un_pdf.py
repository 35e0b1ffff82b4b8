"""Parser for the UN PDF text layer of A/RES/79/243 (resolution + Convention against Cybercrime).

The text layer is one line per printed line. Pages are separated by a truly empty line followed
by a running header/footer block (symbol, running title, job number, ``N/46``) in one of two
layouts; blank lines inside a page hold a space. The first page carries a masthead instead, and
footnotes (a rule of underscores, then ``1  text``) are spliced in before the next page break.
``_defurnish`` removes all of that once, for both the parser and ``clean_source``, so the
verbatim check compares like with like.

What becomes a unit:

- the resolution's operative paragraphs: ``Division.RESOLUTION``, number "1".."12", no title.
  Its preambular recitals are dropped: they are not operative, and a RESOLUTION unit without a
  number has no canonical citation (it would format as "resolution para. None").
- the Convention preamble: one unit, recitals joined by "\\n", "Have agreed as follows:" kept.
- the articles, with wrapped titles joined, the chapter numeral and a "Chapter II —
  Criminalization" heading; numbered paragraphs > lettered subparagraphs > roman clauses. Text
  after a list that completes the parent's sentence (a lowercase line after a child ending in
  ";", "; or", "; and") becomes the parent's ``tail``. The testimonium ("IN WITNESS WHEREOF")
  after the last article is dropped: it belongs to no article.
- the interpretative notes of the second annex: ``Division.NOTE``, numbered as printed, titled by
  the heading they stand under ("Article 2", "Articles 23 and 35, ..."), with ``interprets``;
  the articles they interpret list them in ``notes``.

Anything that does not fit this layout raises ``ValueError`` rather than giving a partial corpus.
"""

from __future__ import annotations

import re

from assistant.model.citations import Division, roman
from assistant.model.provisions import Document, Provision
from assistant.model.verbatim import clean
from ingest.parsers.outline import Outline

_SYMBOL = re.compile(r"^A/RES/\d+/\d+$")
_JOB = re.compile(r"^\d{2}-\d{5}$")
_PAGE = re.compile(r"^\d+/\d+$")
_BARCODE = re.compile(r"^\*\d+\*$")
_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE = re.compile(r"^(\d+) {2,}\S")
_LABEL_LINE = re.compile(r"^(?:\d+\.|\([a-z]{1,5}\))(?:\s|$)")

_CHAPTER = re.compile(r"^Chapter ([IVXLC]+)$")
_ARTICLE = re.compile(r"^Article (\d+)\.?$")  # "Article 13." is a typo of the source
_NOTE_HEADING = re.compile(r"^Articles? \d+")
_PARA_LABEL = re.compile(r"(\d+)\.(?:\s+|$)")
_PAREN_LABEL = re.compile(r"\(([a-z]{1,5})\)(?:\s+|$)")
_LIST_END = re.compile(r";(?:\s+(?:or|and))?$")
_PLENARY = re.compile(r"plenary meeting$")
_TESTIMONIUM = re.compile(r"^IN WITNESS WHEREOF")


# --- page furniture -------------------------------------------------------------------------


def _defurnish(text: str) -> list[str]:
    """Stripped lines of the running text: masthead, page headers and footnotes removed,
    footnote markers dropped, a line ending in "-" joined to the next without a space."""
    raw = text.replace("\r\n", "\n").split("\n")
    start = next((i for i, line in enumerate(raw) if _BARCODE.match(line.strip())), None)
    if start is None:
        raise ValueError("UN PDF: no masthead barcode line (*NNNNNNN*) on the first page")
    lines: list[str] = []
    footnotes: list[tuple[str, int]] = []  # (footnote number, position in lines)
    running_title: list[str] | None = None
    i = start + 1
    while i < len(raw):
        if raw[i] == "":  # page break: a truly empty line, then the running header
            if not "".join(raw[i:]).strip():
                break  # end of the text
            i, title = _skip_header(raw, i + 1)
            if running_title is None:
                running_title = title
            elif title != running_title:
                raise ValueError(f"UN PDF: page header before line {i + 1} has another title")
            continue
        line = raw[i].strip()
        if _RULE.match(line):  # footnotes run up to the next page break
            found = len(footnotes)
            i += 1
            while i < len(raw) and raw[i] != "":
                if m := _FOOTNOTE.match(raw[i].strip()):
                    footnotes.append((m[1], len(lines)))
                i += 1
            if len(footnotes) == found:
                raise ValueError(f"UN PDF: footnote rule before line {i + 1} but no footnote")
            continue
        lines.append(line)
        i += 1
    for number, pos in footnotes:
        _drop_marker(lines, number, pos)
    for line in lines:
        if _SYMBOL.match(line) or _JOB.match(line) or _PAGE.match(line):
            raise ValueError(f"UN PDF: page furniture {line!r} outside a page header")
    return _join_hyphens(lines)


def _skip_header(raw: list[str], i: int) -> tuple[int, list[str]]:
    """Skip one header block (two groups of lines split by a blank, then one blank spacer);
    return the index after it and its running-title lines."""
    groups: list[list[str]] = [[], []]
    for group in groups:
        while i < len(raw) and raw[i].strip():
            group.append(raw[i].strip())
            i += 1
        if i < len(raw) and raw[i] != "":
            i += 1  # the blank after the group (the second one is the page's top spacer)
    tokens = groups[0] + groups[1]
    kinds = [(_SYMBOL, "symbol"), (_JOB, "job number"), (_PAGE, "page number")]
    for pattern, what in kinds:
        if sum(bool(pattern.match(t)) for t in tokens) != 1:
            raise ValueError(f"UN PDF: page header before line {i + 1} lacks one {what}")
    title = [t for t in groups[0] if not any(p.match(t) for p, _ in kinds)]
    if not title or len(title) + 3 != len(tokens):
        raise ValueError(f"UN PDF: page header before line {i + 1} is not symbol/title/numbers")
    return i, title


def _drop_marker(lines: list[str], number: str, pos: int) -> None:
    """Remove the footnote marker ("Convention.1") nearest before the footnote text."""
    marker = re.compile(rf"(?<=[A-Za-z.,;:”’)]){number}(?=\s|$)")
    for j in range(pos - 1, -1, -1):
        if marker.search(lines[j]):
            lines[j] = marker.sub("", lines[j], count=1).rstrip()
            return
    raise ValueError(f"UN PDF: no marker for footnote {number} in the text before it")


def _join_hyphens(lines: list[str]) -> list[str]:
    """Join "Secretary-" + "General ..." into one line, as the printed word is one word."""
    out: list[str] = []
    for line in lines:
        if (
            out
            and out[-1].endswith("-")
            and out[-1][-2:-1].isalpha()
            and line
            and not _LABEL_LINE.match(line)
        ):
            out[-1] += line
        else:
            out.append(line)
    return out


def clean_source(text: str) -> str:
    """The running text without page furniture, as every parsed fragment must be found in it."""
    return clean("\n".join(_defurnish(text)))


# --- provision trees ------------------------------------------------------------------------


def _completes_parent(previous: str, text: str) -> bool:
    """A lowercase line after an item ending in ";", "; or", "; and" finishes the sentence
    the list's parent began (art. 11(1)(a): "... (ii) ...; with the intent that ...")."""
    return text[0].islower() and bool(_LIST_END.search(previous))


def _feed(outline: Outline, line: str) -> None:
    """Open the labels a line starts with ("12. (a)", "(a) (i)") while they continue their
    sequences; the rest is text, so a line that merely starts like a label stays text."""
    rest = line
    while rest:
        m = _PARA_LABEL.match(rest) or _PAREN_LABEL.match(rest)
        if not (m and outline.open(m[1])):
            break
        rest = rest[m.end() :]
    outline.text(rest)


# --- document regions -----------------------------------------------------------------------


def _index(lines: list[str], wanted: str, start: int, end: int, what: str) -> int:
    for i in range(start, end):
        if lines[i] == wanted:
            return i
    raise ValueError(f"UN PDF: no {what} line {wanted!r}")


def _resolution(lines: list[str], doc_id: str) -> list[Provision]:
    """Operative paragraphs "1." .. of the resolution; recitals before "1." are skipped."""
    paras: list[list[str]] = []
    for line in lines:
        if _PLENARY.search(line):
            break
        if (m := _PARA_LABEL.match(line)) and m[1] == str(len(paras) + 1):
            paras.append([line[m.end() :]] if line[m.end() :] else [])
        elif line and paras:
            paras[-1].append(line)
    if not paras or not all(paras):
        raise ValueError("UN PDF: the resolution has no (or empty) operative paragraphs")
    return [
        Provision(instrument=doc_id, division=Division.RESOLUTION, number=str(n), lead=" ".join(p))
        for n, p in enumerate(paras, start=1)
    ]


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _articles(lines: list[str], doc_id: str) -> list[Provision]:
    """Chapters and articles of the Convention body, in order, checked to run 1, 2, 3 ..."""
    chapter: str | None = None
    chapters = 0
    heading: str | None = None
    current: tuple[str, list[str]] | None = None  # (number, lines from the title on)
    found: list[tuple[str, str | None, str | None, list[str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := _CHAPTER.match(line):
            expected = roman(chapters + 1).upper()
            if m[1] != expected:
                raise ValueError(f"UN PDF: chapter {m[1]} found where {expected} was expected")
            i += 1
            while i < len(lines) and not lines[i]:
                i += 1
            words = []
            while i < len(lines) and lines[i] and not _ARTICLE.match(lines[i]):
                words.append(lines[i])
                i += 1
            if not words:
                raise ValueError(f"UN PDF: chapter {m[1]} has no title")
            chapter, heading = m[1], f"Chapter {m[1]} — {' '.join(words)}"
            chapters += 1
            current = None
            continue
        if m := _ARTICLE.match(line):
            expected = str(len(found) + 1)
            if m[1] != expected:
                raise ValueError(f"UN PDF: article {m[1]} found where {expected} was expected")
            current = (m[1], [])
            found.append((m[1], chapter, heading, current[1]))
        elif current is not None:
            current[1].append(line)
        elif line:
            raise ValueError(f"UN PDF: text outside any article: {line[:40]!r}")
        i += 1
    if not found:
        raise ValueError("UN PDF: no articles in the Convention")
    units = []
    for number, chap, head, body in found:
        if chap is None or head is None:
            raise ValueError(f"UN PDF: article {number} stands outside any chapter")
        k = 0
        while k < len(body) and not body[k]:
            k += 1
        start = k
        while k < len(body) and body[k]:  # the title, wrapped over one or more lines
            k += 1
        if k == start:
            raise ValueError(f"UN PDF: article {number} has no title")
        title = " ".join(body[start:k])
        where = f"UN PDF article {number}"
        outline = Outline(where, closes=_completes_parent)
        for text in body[k:]:
            if text:
                _feed(outline, text)
        article = outline.provision(
            instrument=doc_id,
            division=Division.ARTICLE,
            number=number,
            title=title,
            chapter=chap,
            headings=[head],
        )
        if not any(article.fragments()):
            raise ValueError(f"{where}: no text")
        units.append(article)
    return units


def _notes(lines: list[str], doc_id: str, articles: dict[str, Provision]) -> list[Provision]:
    """Numbered interpretative notes under "Article N" headings; links notes and articles."""
    blocks = _blocks(lines)
    if not blocks or not blocks[0][0].startswith("Interpretative notes"):
        raise ValueError("UN PDF: the second annex does not start with 'Interpretative notes'")
    notes: list[Provision] = []
    title: str | None = None
    for block in blocks[1:]:
        if _NOTE_HEADING.match(block[0]) and not _PARA_LABEL.match(block[0]):
            title = " ".join(block)
            continue
        for line in block:
            m = _PARA_LABEL.match(line)
            if m and m[1] == str(len(notes) + 1):
                if title is None:
                    raise ValueError(f"UN PDF: note {m[1]} stands under no article heading")
                interprets = []
                for number in re.findall(r"\d+", title):
                    if number not in articles:
                        raise ValueError(f"UN PDF: note heading {title!r} names no article")
                    interprets.append(articles[number].citation)
                notes.append(
                    Provision(
                        instrument=doc_id,
                        division=Division.NOTE,
                        number=m[1],
                        title=title,
                        interprets=interprets,
                    )
                )
                line = line[m.end() :]
            if not line:
                continue
            if not notes:
                raise ValueError(f"UN PDF: text before the first note: {line[:40]!r}")
            notes[-1].lead = f"{notes[-1].lead} {line}".strip()
    if not notes:
        raise ValueError("UN PDF: the annex of interpretative notes has no notes")
    for note in notes:
        for number in re.findall(r"\d+", note.title or ""):
            articles[number].notes.append(note.citation)
    return notes


def parse_un_pdf(text: str, doc_id: str) -> Document:
    """Resolution paragraphs, preamble, articles and interpretative notes of A/RES/79/243."""
    lines = _defurnish(text)
    annexes = [i for i, line in enumerate(lines) if line == "Annex"]
    if len(annexes) != 2:
        raise ValueError(
            f"UN PDF: expected two 'Annex' lines (Convention, interpretative notes), found "
            f"{len(annexes)}: the source is truncated or not A/RES/79/243"
        )
    convention, notes_annex = annexes
    assembly = _index(lines, "The General Assembly,", 0, convention, "resolution opening")
    preamble = _index(lines, "Preamble", convention, notes_annex, "Convention preamble")
    agreed = _index(lines, "Have agreed as follows:", preamble, notes_annex, "end of preamble")
    body = lines[agreed + 1 : notes_annex]
    end = next((i for i, line in enumerate(body) if _TESTIMONIUM.match(line)), None)
    if end is None:
        raise ValueError("UN PDF: no testimonium ('IN WITNESS WHEREOF') after the last article")

    units = _resolution(lines[assembly + 1 : convention], doc_id)
    recitals = _blocks(lines[preamble + 1 : agreed + 1])
    units.append(
        Provision(
            instrument=doc_id,
            division=Division.PREAMBLE,
            title="Preamble",
            lead="\n".join(" ".join(r) for r in recitals),
        )
    )
    articles = _articles(body[:end], doc_id)
    by_number = {a.number: a for a in articles if a.number}
    notes = _notes(lines[notes_annex + 1 :], doc_id, by_number)
    return Document(id=doc_id, units=[*units, *articles, *notes])
