"""The parsed corpus on disk (JSON lines, one top-level unit a line) and lookups by citation.

Ingest writes it with ``save_corpus``; everything downstream reads it with ``Corpus.load``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.errors import CorpusError, NoSuchProvision
from assistant.model.citations import Citation, Division, parse_citation
from assistant.model.files import write_atomic
from assistant.model.manifest import Manifest
from assistant.model.provisions import Document, Provision


class DocumentStamp(BaseModel):
    """What a parsed document was made from, so stale corpora and indexes can be detected."""

    id: str
    sha256: str
    units: int
    articles: int
    paragraphs: int


def save_corpus(path: Path, documents: Iterable[Document], stamps: list[DocumentStamp]) -> None:
    """Write the corpus and its stamps (``<path>.meta.json``) atomically, corpus first."""
    lines = []
    for doc in documents:
        header = {"document": doc.id, "title": doc.title, "byline": doc.byline}
        lines.append(json.dumps(header, ensure_ascii=False))
        lines.extend(unit.model_dump_json(exclude_defaults=True) for unit in doc.units)
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    meta = {"documents": [s.model_dump() for s in stamps]}
    write_atomic(meta_path(path), json.dumps(meta, indent=2).encode("utf-8"))


def meta_path(corpus_file: Path) -> Path:
    return corpus_file.with_suffix(".meta.json")


def source_checksums(corpus_file: Path) -> dict[str, str]:
    """Each document's source checksum, as the corpus's stamps record it ({} without a
    corpus): what an index is built from and checked against."""
    return {s.id: s.sha256 for s in load_stamps(corpus_file)}


def parsed_digest(corpus_file: Path) -> str:
    """A digest of the parsed corpus itself: a parser that reads the same sources differently
    ("nat ionals" repaired) changes it, while every source checksum stays the same."""
    try:
        return hashlib.sha256(corpus_file.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def load_stamps(corpus_file: Path) -> list[DocumentStamp]:
    """The stamps of the corpus on disk, or [] when there is none."""
    try:
        raw = json.loads(meta_path(corpus_file).read_text(encoding="utf-8"))
        return [DocumentStamp.model_validate(d) for d in raw["documents"]]
    except (OSError, ValueError, KeyError, ValidationError):
        return []


class Corpus:
    """All parsed documents, addressable by citation."""

    def __init__(self, documents: list[Document], manifest: Manifest):
        self.documents = {d.id: d for d in documents}
        self.manifest = manifest
        self._by_citation: dict[str, Provision] = {}  # "untoc art. 18(28)" -> its node, once

    @classmethod
    def load(cls, path: Path, manifest: Manifest) -> Corpus:
        if not path.exists():
            raise CorpusError(
                f"no parsed corpus at {path}; run 'python -m ingest fetch' "
                "then 'python -m ingest parse'"
            )
        documents: list[Document] = []
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            try:
                record = json.loads(line)
                if "document" in record:
                    header = {k: record.get(k) for k in ("title", "byline")}
                    documents.append(Document(id=record["document"], units=[], **header))
                else:
                    documents[-1].units.append(Provision.model_validate(record))
            except (ValueError, IndexError, ValidationError) as exc:
                raise CorpusError(
                    f"parsed corpus {path} is damaged at line {number} ({type(exc).__name__}); "
                    "run 'python -m ingest parse' again"
                ) from None
        return cls(documents, manifest)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents.values())

    def provisions(self) -> Iterator[Provision]:
        for doc in self:
            yield from doc.provisions()

    def get(self, citation: Citation | str) -> Provision:
        """The provision a citation points at; NoSuchProvision says what does exist. (An
        answer looks up the same few provisions by their citation many times: those found
        by their own citation are kept, which bounds what is kept by the corpus.)"""
        if isinstance(citation, str):
            if (known := self._by_citation.get(citation)) is not None:
                return known
            node = self.get(parse_citation(citation, self.manifest))
            if node.citation == citation:
                self._by_citation[citation] = node
            return node
        doc = self.documents.get(citation.instrument)
        if doc is None:
            raise NoSuchProvision(f"{citation}: document not in the parsed corpus")
        if citation.division is None:
            raise NoSuchProvision(f"{citation}: name a part, e.g. '{doc.id} art. 1'")
        unit = next(
            (
                u
                for u in doc.units
                if (u.division, u.number) == (citation.division, citation.number)
            ),
            None,
        )
        if unit is None:
            raise NoSuchProvision(f"{citation}: no such provision ({self.extent(doc.id)})")
        node = unit.find(citation.path)
        if node is None:
            parts = ", ".join(c.marker for c in unit.children) or "no numbered parts"
            raise NoSuchProvision(f"{citation}: no such provision ({citation.unit} has {parts})")
        return node

    def describe(self, node: Provision) -> dict:
        """A provision with what a reader needs to place it: citation, title, source, links,
        and how strongly it binds a State (its own label, and each labelled part's)."""
        info = self.manifest.get(node.instrument)
        return {
            "citation": node.citation,
            "display": node.cite().display(self.manifest),
            "instrument": info.id,
            "instrument_title": info.title,
            "symbol": info.symbol,
            "title": node.title,
            "headings": node.headings,
            "text": node.text,
            "notes": node.notes,
            "refs": sorted({r for n in node.walk() for r in n.refs}),
            "obligation": node.obligation,
            "qualifiers": node.qualifiers,
            "parts": [
                {"citation": n.citation, "obligation": n.obligation, "qualifiers": n.qualifiers}
                for n in list(node.walk())[1:]
                if n.obligation
            ],
        }

    def extent(self, doc_id: str) -> str:
        """What a document contains, in words: 'UNCAC has articles 1–71, preamble'."""
        doc = self.documents[doc_id]
        parts = []
        for division, plural in _EXTENT_ORDER:
            numbers = [u.number for u in doc.units if u.division is division]
            if numbers and numbers[0]:
                parts.append(f"{plural} {numbers[0]}–{numbers[-1]}")
            elif numbers:
                parts.append(division.value)
        return f"{self.manifest.get(doc_id).short_name} has " + ", ".join(parts)


_EXTENT_ORDER = [
    (Division.ARTICLE, "articles"),
    (Division.PARAGRAPH, "paragraphs"),
    (Division.NOTE, "notes"),
    (Division.PREAMBLE, "preamble"),
    (Division.RESOLUTION, "resolution paragraphs"),
    (Division.ANNEX, "annex"),
]
