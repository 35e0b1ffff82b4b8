"""A user's own document (PDF text layer, Markdown, plain text): by article headings when it
has them ("Article 5", "Art. 5 — Title", "## Article 5"), by paragraphs otherwise.

Under an article, lines opening with "1." / "2." become numbered paragraphs. Citations use
the document's id: ``my-law art. 5(2)``, ``course-notes para. 3``.

The text is untrusted: Markdown images, link targets and HTML are dropped before parsing
(``strip_markup``). Article headings must be numbers a citation can name (1, 2, 3 … in
ASCII digits, no leading zero): "Article 0", "Article 01" or "Article ٣" are refused with the
heading named, rather than renumbered behind the user's back (their own references to
"Article 01" would then point nowhere).
"""

from __future__ import annotations

import re

from assistant.model.citations import Division
from assistant.model.provisions import Document, Provision
from assistant.model.verbatim import clean, strip_markup
from ingest.parsers.outline import OutOfSequence, build

_HEADING = re.compile(
    r"^\s*#{0,6}\s*(?:article|art\.)\s+(\d{1,4})\b\s*[.:—–-]?\s*(.*)$", re.I | re.M
)
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+(?=\S)", re.M)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*", re.M)


_CITABLE = re.compile(r"^[1-9][0-9]*$")


def clean_source(text: str) -> str:
    return clean(_MARKDOWN_HEADING.sub("", strip_markup(text)))


def _check_numbers(headings: list[re.Match]) -> None:
    for heading in headings:
        if not _CITABLE.match(heading[1]):
            raise ValueError(
                f"the heading '{clean(heading[0])[:40]}' has a number no citation can name; "
                "number the articles 1, 2, 3 … (ASCII digits, no leading zero) and add it again"
            )


def _article(doc_id: str, number: str, title: str, body: str) -> Provision:
    """An article whose lines opening "1." "2." … are its paragraphs when they run from 1
    without a gap; otherwise those numbers are part of the text, which is all the lead."""
    unit = {
        "instrument": doc_id,
        "division": Division.ARTICLE,
        "number": number,
        "title": clean(title) or f"Article {number}",
    }
    where = f"{doc_id} art. {number}"
    before, *numbered = _NUMBERED.split(body)  # text, then number and text by turns
    items = [(None, before), *zip(numbered[::2], numbered[1::2], strict=True)]
    try:
        return build(items, where, **unit)
    except OutOfSequence:  # "1." then "3.", or a text that starts at "10."
        return build([(None, body)], where, **unit)


def parse_plain(text: str, doc_id: str) -> Document:
    text = _MARKDOWN_HEADING.sub("", strip_markup(text))
    headings = list(_HEADING.finditer(text))
    numbers = [int(h[1]) for h in headings]
    if len(headings) >= 2 and numbers == sorted(set(numbers)):
        _check_numbers(headings)
        units = []
        preamble = clean(text[: headings[0].start()])
        if preamble:
            units.append(
                Provision(
                    instrument=doc_id, division=Division.PREAMBLE, title="Preamble", lead=preamble
                )
            )
        for heading, following in zip(headings, [*headings[1:], None], strict=True):
            end = following.start() if following else len(text)
            body = text[heading.end() : end]
            title = heading[2]
            if not title.strip():  # title on the next line when the heading has none
                first, _, body = body.strip("\n").partition("\n")
                title = first
            units.append(_article(doc_id, heading[1], title, body))
        return Document(id=doc_id, units=units)
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.splitlines()
    paragraphs = [clean(b) for b in blocks if clean(b)]
    if not paragraphs:
        raise ValueError(f"{doc_id}: the document has no text (a scanned PDF without text layer?)")
    units = [
        Provision(instrument=doc_id, division=Division.PARAGRAPH, number=str(i), lead=p)
        for i, p in enumerate(paragraphs, 1)
    ]
    return Document(id=doc_id, units=units)
