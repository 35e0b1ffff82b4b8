"""Plain-text commentary: one paragraph a line; line 1 is date and title, line 2 the author note.

Body paragraphs are numbered from 1 in reading order (``commentary-mcadam-2025 para. 7``).
Blog furniture after the body ("Leave a Reply" and what follows) is not commentary.
"""

from __future__ import annotations

import re

from assistant.model.citations import Division
from assistant.model.provisions import Document, Provision
from assistant.model.verbatim import clean

_FURNITURE = re.compile(r"^(leave a reply|share this|related posts?|comments?)\b", re.I)
_DATE = re.compile(r"^(\d{1,2} [A-Z][a-z]{2,8}(?: \d{4})?)\s+(.*)$")


def clean_source(text: str) -> str:
    return clean(text)


def parse_commentary(text: str, doc_id: str) -> Document:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 3:
        raise ValueError(f"{doc_id}: expected a title line, an author line and paragraphs")
    heading, byline, *body = lines
    date_match = _DATE.match(heading)
    title = date_match[2] if date_match else heading
    date = date_match[1] if date_match else None
    paragraphs = []
    for line in body:
        if _FURNITURE.match(line):
            break
        paragraphs.append(clean(line))
    if not paragraphs:
        raise ValueError(f"{doc_id}: no commentary paragraphs after the author line")
    units = [
        Provision(
            instrument=doc_id, division=Division.PARAGRAPH, number=str(i), title=title, lead=para
        )
        for i, para in enumerate(paragraphs, start=1)
    ]
    note = clean(byline.strip("[]"))
    return Document(
        id=doc_id, units=units, title=title, byline=f"{note} ({date})" if date else note
    )
