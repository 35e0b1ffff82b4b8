"""Parsing the fetched sources into the corpus: one parser per source format, every fragment
checked verbatim against its source, and the corpus replaced only when every document parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.errors import ParseError, SourceError
from assistant.model.citations import Division
from assistant.model.corpus import DocumentStamp, save_corpus
from assistant.model.manifest import DocumentInfo, Manifest, SourceFormat
from assistant.model.provisions import Document, Level
from assistant.model.verbatim import VerbatimText, clean
from assistant.settings import Settings
from ingest.crossrefs import add_cross_references
from ingest.lock import signals_deferred, write_lock
from ingest.obligations import label_obligations
from ingest.parsers import commentary, plain, treaty_markdown, un_pdf
from ingest.sources import checksum, read_source


@dataclass(frozen=True)
class SourceParser:
    """A source format's parser and the clean-up its fragments are verbatim against."""

    parse: Callable[[str, str], Document]
    clean_source: Callable[[str], str]


PARSERS: dict[SourceFormat, SourceParser] = {
    SourceFormat.TREATY_MARKDOWN: SourceParser(
        treaty_markdown.parse_treaty_markdown, treaty_markdown.clean_source
    ),
    SourceFormat.UN_PDF_JSON: SourceParser(un_pdf.parse_un_pdf, un_pdf.clean_source),
    SourceFormat.COMMENTARY_TEXT: SourceParser(
        commentary.parse_commentary, commentary.clean_source
    ),
    **dict.fromkeys(
        (SourceFormat.PDF, SourceFormat.MARKDOWN, SourceFormat.TEXT),
        SourceParser(plain.parse_plain, plain.clean_source),
    ),
}


def parse_document(
    doc: DocumentInfo, text: str, progress: Callable[[list], Iterable] = iter
) -> Document:
    """Parse one document, check that every fragment is verbatim in its source (``progress``
    wraps the units checked), and label each provision's obligation strength."""
    parser = PARSERS[doc.format]
    try:
        parsed = parser.parse(text, doc.id)
    except ValueError as exc:
        raise ParseError(f"{doc.id}: {exc}") from None
    source = VerbatimText(parser.clean_source(text))
    for unit in progress(parsed.units):
        for fragment in unit.fragments():
            if not source.contains(fragment):
                raise ParseError(
                    f"{doc.id}: {unit.citation} has text not found in the source: "
                    f"{clean(fragment)[:80]!r}"
                )
    label_obligations(parsed, doc.kind)
    return parsed


def stamp(doc: DocumentInfo, parsed: Document, digest: str) -> DocumentStamp:
    nodes = list(parsed.provisions())
    return DocumentStamp(
        id=doc.id,
        sha256=digest,
        units=len(parsed.units),
        articles=sum(u.division is Division.ARTICLE for u in parsed.units),
        paragraphs=sum(
            n.level is Level.PARAGRAPH or n.division is Division.PARAGRAPH for n in nodes
        ),
    )


def parse_corpus(
    settings: Settings, manifest: Manifest, progress: Callable[[Iterable], Iterable] = iter
) -> list[DocumentStamp]:
    """Parse every fetched document and write the corpus; on any error nothing is replaced."""
    documents: dict[str, Document] = {}
    stamps = []
    for doc in progress(manifest.documents):
        path = settings.sources_dir / doc.file
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ParseError(f"{doc.id}: {path} is missing; run 'python -m ingest fetch'") from None
        try:
            digest = checksum(data, doc)
            text = read_source(path, doc)
        except SourceError as exc:
            raise ParseError(str(exc)) from None
        if digest != doc.sha256:
            raise ParseError(
                f"{doc.id}: {path} does not match the manifest checksum; "
                "run 'python -m ingest fetch' again"
            )
        documents[doc.id] = parse_document(doc, text)
        stamps.append(stamp(doc, documents[doc.id], digest))
    add_cross_references(documents, {d.id: d for d in manifest.documents})
    with write_lock(settings), signals_deferred():  # the corpus and its stamps change together
        save_corpus(settings.corpus_file, documents.values(), stamps)
    return stamps
