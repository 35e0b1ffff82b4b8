"""Chunks follow the legal structure, never a character count.

- an article is one chunk when it is short; otherwise one chunk per numbered paragraph, and a
  long paragraph (or a long article without numbered paragraphs) one chunk per subparagraph;
- definitions articles ("Use of terms", "Definitions") one chunk per defined term;
- a leaf longer than the embedding window is split at sentence ends (same citation);
- the preamble in groups of recitals; notes, resolution and commentary paragraphs one each.

Every chunk carries its context (instrument, article number and title, chapter, the chapeau
of a split paragraph; for a note, the article it interprets) in ``context``, which is embedded
and indexed lexically with the text, so "Bribery of national public officials" finds UNCAC
art. 15 even though the paragraph never says it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.model.citations import Division
from assistant.model.manifest import DocumentInfo
from assistant.model.provisions import Document, Provision
from assistant.search.index import Chunk

# all-MiniLM-L6-v2 reads 256 word pieces; about 170 words of treaty English plus context.
MAX_WORDS = 170
_DEFINITIONS = re.compile(r"^(use of terms|definitions)$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(])")
# Recitals end in "," or ";"; the 1988 Convention runs them together ("Convention,Deeply").
_RECITAL = re.compile(r"\n|(?<=[,;])\s*(?=[A-Z])")


def _words(text: str) -> int:
    return len(text.split())


def _windows(text: str, splitter: re.Pattern[str] = _SENTENCE_END) -> list[str]:
    """Split at sentence (or recital) boundaries into pieces of at most MAX_WORDS words."""
    if _words(text) <= MAX_WORDS:
        return [text]
    # Windows are slices of ``text``, so a boundary without a space stays as written.
    ends = [m.start() for m in splitter.finditer(text) if m.start()] + [len(text)]
    pieces, start, last = [], 0, 0
    for end in ends:
        if last > start and _words(text[start:end]) > MAX_WORDS:
            pieces.append(text[start:last].strip())
            start = last
        last = end
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _context(unit: Provision, info: DocumentInfo) -> str:
    name = unit.cite().format(info.short_name)
    title = f" — {unit.title}" if unit.title else ""
    chapter = f" ({'; '.join(unit.headings)})" if unit.headings else ""
    return f"{name}{title}{chapter}"


def _parts(node: Provision, split_children: bool) -> Iterator[tuple[Provision, str]]:
    """(node, chapeau) pairs to turn into chunks, walking down while text is too long."""
    if not node.children or (not split_children and _words(node.text) <= MAX_WORDS):
        yield node, ""
        return
    for child in node.children:
        if child.children and _words(child.text) > MAX_WORDS:
            for part, chapeau in _parts(child, split_children=False):
                yield part, " ".join(x for x in (node.lead, chapeau or child.lead) if x)
        else:
            yield child, node.lead


def _article_chunks(unit: Provision, info: DocumentInfo) -> Iterator[Chunk]:
    definitions = bool(unit.title and _DEFINITIONS.match(unit.title))
    split = definitions or any(c.paragraph for c in unit.children)
    base = _context(unit, info)
    for node, chapeau in _parts(unit, split_children=split):
        context = f"{base}\n{chapeau}" if chapeau and node is not unit else base
        if definitions and node is not unit and node.lead.startswith("“"):
            term = node.lead[1 : node.lead.find("”")]
            context = f"{base}\nDefinition of “{term}”"
        for piece in _windows(node.text):
            yield Chunk.of(node, context=context, text=piece)


def chunk_document(doc: Document, info: DocumentInfo) -> list[Chunk]:
    """All chunks of a document, in document order, with unique ids."""
    chunks: list[Chunk] = []
    titles = {u.citation: u.title for u in doc.units if u.division is Division.ARTICLE}
    for unit in doc.units:
        if unit.division is Division.ARTICLE:
            chunks.extend(_article_chunks(unit, info))
        elif unit.division is Division.PREAMBLE:
            for piece in _windows(unit.text, _RECITAL):
                chunks.append(Chunk.of(unit, context=f"{info.short_name} — Preamble", text=piece))
        elif unit.division is Division.NOTE:
            on = "; ".join(f"{c} — {titles.get(c, '')}".rstrip(" —") for c in unit.interprets)
            context = f"{_context(unit, info)}\nInterpretative note on {on}"
            chunks.extend(Chunk.of(unit, context=context, text=p) for p in _windows(unit.text))
        else:
            context = _context(unit, info)
            chunks.extend(Chunk.of(unit, context=context, text=p) for p in _windows(unit.text))
    seen: dict[str, int] = {}
    for chunk in chunks:
        seen[chunk.citation] = seen.get(chunk.citation, 0) + 1
        chunk.id = f"{chunk.citation}#{seen[chunk.citation]}"
    return chunks
