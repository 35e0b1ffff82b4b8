"""The one citation parser and formatter.

Canonical form (stable ids, used in data, reports and evaluation suites)::

    uncac art. 15(a)   untoc art. 16(4)   cybercrime-convention note 4
    commentary-mcadam-2025 para. 7   uncac preamble   cybercrime-convention resolution para. 2

Display form swaps the id for the document's short name: ``UNCAC art. 15(a)``. The parser
also reads what people type: "Article 16(4) UNTOC", "art 2 c of the cybercrime convention",
"UNCAC, article 52", "Palermo art. 5", and in French and Spanish: "article 16 de la Convention
de Palerme", "artículo 15 de la Convención contra la Corrupción", "art. 2 a) de la CNUCC",
"paragraphe 4 de l'article 16".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from assistant.errors import CitationError
from assistant.model.manifest import Kind, Manifest


class Division(StrEnum):
    """What kind of top-level unit a provision belongs to; part of its canonical citation."""

    ARTICLE = "art"
    PARAGRAPH = "para"  # commentary and other documents numbered by paragraph only
    PREAMBLE = "preamble"
    NOTE = "note"  # interpretative note (Cybercrime Convention annex)
    RESOLUTION = "resolution"  # operative paragraph of the adopting resolution
    ANNEX = "annex"  # an annex that is neither articles nor notes (1988 Convention's tables)


@dataclass(frozen=True)
class Citation:
    """A pinpoint address: document, division, number, labels below (paragraph, letter, roman)."""

    instrument: str
    division: Division | None = None  # None: the whole document
    number: str | None = None
    path: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return self.format(self.instrument)

    def format(self, name: str) -> str:
        """The citation with ``name`` standing for the document (its id or short name)."""
        match self.division:
            case None:
                return name
            case Division.ARTICLE:
                return f"{name} art. {self.number}" + "".join(f"({p})" for p in self.path)
            case Division.PARAGRAPH:
                return f"{name} para. {self.number}"
            case Division.PREAMBLE:
                return f"{name} preamble"
            case Division.NOTE:
                return f"{name} note {self.number}"
            case Division.RESOLUTION:
                return f"{name} resolution para. {self.number}"
            case Division.ANNEX:
                return f"{name} annex"

    def display(self, manifest: Manifest) -> str:
        """Human form, e.g. ``UNCAC art. 15(a)``."""
        return self.format(manifest.get(self.instrument).short_name)

    @property
    def unit(self) -> Citation:
        """The top-level unit this citation points into (``uncac art. 15(a)`` -> ``art. 15``)."""
        return Citation(self.instrument, self.division, self.number)

    def covers(self, other: Citation) -> bool:
        """Whether ``other`` lies inside this citation (an article covers its paragraphs)."""
        if self.instrument != other.instrument:
            return False
        if self.division is None:
            return True
        return (self.division, self.number) == (other.division, other.number) and (
            other.path[: len(self.path)] == self.path
        )


def inside(inner: str, outer: str) -> bool:
    """Whether the canonical citation ``inner`` lies strictly inside ``outer`` ("uncac art.
    12(2)(b)" in "uncac art. 12(2)"; not "uncac art. 12" in "uncac art. 1"), read off the
    canonical form the parser writes (``Citation.format``) without parsing either again."""
    return inner.startswith(outer + "(")


# "art.", "article", "artículo", "articulo" (what French and Spanish speakers type), "§",
# Russian "статья 16" (and its cases), Arabic "المادة 16"; Chinese "第16条" below.
_ARTICLE = re.compile(
    r"(?:\b(?:art(?:icle|[ií]culo)?s?|стать[яиюеёй])(?![a-zí])|§|المادة)\s*\.?\s*(-?[\w.]+)",
    re.I,
)
_ARTICLE_ZH = re.compile(r"第\s*(\d+)\s*条")
# A paragraph named before its article, as French and Spanish put it: "paragraphe 4 de
# l'article 16", "párrafo 9 del artículo 46".
_PARAGRAPH_OF = re.compile(
    r"\b(?:paragraphe|p[aá]rrafo|apartado|paragraph)\s+(\d+)\s+"
    r"(?:de\s+l['’]\s*|del\s+|de\s+|of\s+(?:the\s+)?)$",
    re.I,
)
_NOTE = re.compile(r"\b(?:interpretative\s+)?notes?(?![a-z])\s*\.?\s*(-?[\w.]+)", re.I)
_PARA = re.compile(r"(?:\b(?:para(?:graph)?s?)(?![a-z])|¶)\s*\.?\s*(-?[\w.]+)", re.I)
_NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(number: int) -> str:
    """``number`` in lowercase roman numerals (4 -> 'iv'): the one spelling of clause labels
    and chapter numbers, shared by the citation reader and the parsers."""
    if number < 1:
        raise ValueError(f"no roman numeral for {number}")
    out = ""
    for value, numeral in _NUMERALS:
        count, number = divmod(number, value)
        out += numeral * count
    return out


# Clause labels a citation may name, i .. xxxix, longest first (an alternation tries in order).
_ROMAN = "|".join(sorted((roman(n) for n in range(1, 40)), key=len, reverse=True))
_RESOLUTION = re.compile(r"\bres(?:olution)?\.?\b", re.I)
_PREAMBLE = re.compile(r"\bpreamb(?:le|ular)\b", re.I)
_ANNEX = re.compile(r"\bannex\b", re.I)
# One step down the tree after an article number: "(4)", "(a)", " c", ", paragraph 4",
# "para. 4 (a)", Budapest's "1 a.ii". A bare step must be a number, one letter or a roman.
_STEP = re.compile(
    rf"""\s*(?:,\s*)?(?:
        (?:sub-?)?(?:para(?:graph)?e?|p[aá]rrafo|apartado|inciso|al[ií]n[ée]a|clause|item|point|lit)
        \.?\s*\(?(?P<kw>\d+|[a-z]{{1,2}})\)?
      | \((?P<paren>\d+|{_ROMAN}|[a-z]{{1,2}})\)
      | \.?(?P<bare>\d+|{_ROMAN}|[a-z])(?=$|[\s(.,;:)])
    )""",
    re.I | re.X,
)
_NUMBER = re.compile(r"^[1-9]\d{0,3}$")
# What a user may type for a number that no provision can have: "art. 0", "art. -3", "art. 015",
# "article 1e9", "art. 99999". Kept by ``find_citations`` so that looking it up says "no such
# provision" instead of the question being answered as if it had named nothing.
_IMPOSSIBLE_NUMBER = re.compile(r"^(?:-?\d+|\d+(?:\.\d+)?e[+-]?\d+)$", re.I)


@dataclass(frozen=True)
class Mention:
    """Where a document is named in a text."""

    start: int
    end: int
    instrument: str


def find_instruments(text: str, manifest: Manifest) -> list[Mention]:
    """Every document named in ``text``, in reading order; longer names win overlaps."""
    lowered = text.lower()
    found: list[Mention] = []
    for name, doc_id, pattern in manifest.name_patterns:
        if name not in lowered:  # a substring test first: most names are not in the text
            continue
        for match in pattern.finditer(lowered):
            if all(match.end() <= m.start or match.start() >= m.end for m in found):
                found.append(Mention(match.start(), match.end(), doc_id))
    found.sort(key=lambda m: m.start)
    return [m for m in found if not _names_a_parent(m, found, lowered, manifest)]


# "the Budapest Convention's protocol on racist acts", "the Budapest protocol on racist acts",
# "the first Protocol to the Budapest Convention": the convention named there is part of the
# protocol's name
_OWNS = re.compile(r"^(?:['’]s)?\s+(?:(?:first|second|additional|optional)\s+)*$")
_OF = re.compile(r"^\s+(?:to|of)\s+(?:the\s+)?$")


def _names_a_parent(mention: Mention, found: list[Mention], text: str, manifest: Manifest) -> bool:
    """Whether ``mention`` names the convention a neighbouring protocol's name hangs on."""
    for other in found:
        if manifest.get(other.instrument).supplements != mention.instrument:
            continue
        if other.start >= mention.end and _OWNS.search(text[mention.end : other.start]):
            return True
        if other.end <= mention.start and _OF.match(text[other.end : mention.start]):
            return True
    return False


def without_instruments(text: str, manifest: Manifest) -> str:
    """``text`` with the documents it names left out ("Does UNTOC require …" -> "Does  require
    …"): what a question asks, apart from where."""
    for mention in reversed(find_instruments(text, manifest)):
        text = text[: mention.start] + " " + text[mention.end :]
    return text


def find_instrument(text: str, manifest: Manifest) -> tuple[str, str] | None:
    """The document named in ``text`` (by its longest name) and the text without that name."""
    mentions = find_instruments(text, manifest)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
    return best.instrument, text[: best.start] + " " + text[best.end :]


def find_citations(
    text: str, manifest: Manifest, default_instrument: str | None = None
) -> list[Citation]:
    """Provisions named inside free text ("What does article 17 of the Hanoi Convention
    say?"): each article or note mention goes with the nearest document named after it
    ("of the ...") or else before it ("UNCAC art. 52")."""
    mentions = find_instruments(text, manifest)
    found: list[Citation] = []
    patterns = (
        (_ARTICLE, Division.ARTICLE),
        (_ARTICLE_ZH, Division.ARTICLE),
        (_NOTE, Division.NOTE),
    )
    for pattern, division in patterns:
        for match in pattern.finditer(text):
            number = match[1].rstrip(".")
            if not (_NUMBER.match(number) or _IMPOSSIBLE_NUMBER.match(number)):
                continue
            after = [m for m in mentions if 0 <= m.start - match.end() <= 60]
            before = [m for m in mentions if m.end <= match.start()]
            instrument = (
                after[0].instrument
                if after
                else before[-1].instrument
                if before
                else default_instrument
            )
            if instrument is None:
                continue
            path = _leading(text[: match.start()]) + _steps(text[match.start(1) + len(number) :])
            path = path if division is Division.ARTICLE else ()
            found.append(Citation(instrument, division, number, path))
    for mention in mentions:
        found += _right_after(text, mention, manifest)
    return list(dict.fromkeys(found))


# A document name followed at once by a number: "UNCAC 15(a)", "Palermo 5". Years and symbols
# ("UNTOC 2000") have four digits and are left alone.
_BARE_NUMBER = re.compile(r"\s*([1-9]\d{0,2})(?=$|[\s(.,;:?)])")
# A paragraph of a commentary, named after or before it: "McAdam (2025), paragraph 4",
# "paragraph 4 of McAdam".
_PARA_AFTER = re.compile(r"^\W*(?:\(\d{4}\)\W*)?(?:para(?:graph)?s?\.?|¶)\s*([1-9]\d{0,2})\b", re.I)
_PARA_BEFORE = re.compile(
    r"(?:para(?:graph)?s?\.?|¶)\s*([1-9]\d{0,2})\s+(?:of|in)\s+(?:the\s+)?$", re.I
)


def _right_after(text: str, mention: Mention, manifest: Manifest) -> list[Citation]:
    """Provisions written as a number right after a document's name (or, for commentary, as
    a paragraph just before or after it)."""
    rest = text[mention.end :]
    if manifest.get(mention.instrument).kind is Kind.COMMENTARY:
        match = _PARA_AFTER.match(rest) or _PARA_BEFORE.search(text[: mention.start])
        return [Citation(mention.instrument, Division.PARAGRAPH, match[1])] if match else []
    match = _BARE_NUMBER.match(rest)
    if match is None:
        return []
    path = _steps(rest[match.end() :])
    return [Citation(mention.instrument, Division.ARTICLE, match[1], path)]


def _number(raw: str, what: str, text: str) -> str:
    raw = raw.rstrip(".")
    if not _NUMBER.match(raw):
        raise CitationError(f"'{text}': '{raw}' is not a valid {what} number")
    return raw


def _steps(rest: str) -> tuple[str, ...]:
    """Labels after the article number, until the first word that is not a step."""
    labels = []
    pos = 0
    while match := _STEP.match(rest, pos):
        if match.end() == pos:
            break
        labels.append((match["kw"] or match["paren"] or match["bare"]).lower())
        pos = match.end()
    return tuple(labels)


def _leading(before: str) -> tuple[str, ...]:
    """The paragraph named just before an article ("paragraphe 4 de l'article 16")."""
    match = _PARAGRAPH_OF.search(before)
    return (match[1],) if match else ()


def parse_citation(
    text: str, manifest: Manifest, default_instrument: str | None = None
) -> Citation:
    """Read a citation as people write it; raise CitationError saying what is missing."""
    if not text or not text.strip():
        raise CitationError("empty citation; write e.g. 'UNCAC art. 15(a)'")
    found = find_instrument(text, manifest)
    if found is None and default_instrument is None:
        raise CitationError(
            f"'{text}' names no known document; write e.g. 'UNCAC art. 15' "
            f"(documents: {', '.join(manifest.ids())})"
        )
    instrument, rest = found if found else (default_instrument, text)
    assert instrument is not None
    if match := _ARTICLE.search(rest) or _ARTICLE_ZH.search(rest):
        number = _number(match[1], "article", text)
        tail = rest[match.start(1) + len(number) :]
        path = _leading(rest[: match.start()]) + _steps(tail)
        return Citation(instrument, Division.ARTICLE, number, path)
    if match := _NOTE.search(rest):
        return Citation(instrument, Division.NOTE, _number(match[1], "note", text))
    if match := _PARA.search(rest):
        division = Division.RESOLUTION if _RESOLUTION.search(rest) else Division.PARAGRAPH
        return Citation(instrument, division, _number(match[1], "paragraph", text))
    if _PREAMBLE.search(rest):
        return Citation(instrument, Division.PREAMBLE)
    if _ANNEX.search(rest):
        return Citation(instrument, Division.ANNEX)
    if re.search(r"\d", rest):
        raise CitationError(
            f"'{text}': say which part, e.g. '{instrument} art. 5' or '{instrument} para. 3'"
        )
    return Citation(instrument)
