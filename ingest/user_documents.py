"""A user's own documents (course notes, a national law, a new commentary).

``add`` copies the file into the sources folder, records it in the local overlay
(``<data dir>/user-documents.json``, never the committed manifest) and checks that it parses;
``remove`` takes it out again. The caller then re-parses the corpus and rebuilds the index.

A user's file is untrusted input: its id and title must not take over a name of another
document (an empty title or "Bribery" would match every question as a document name, an id
"palermo" would shadow UNTOC's alias), it has a size limit, and it is parsed and checked before
anything is written. The id is checked again under the write lock when it is recorded, so two
adds of one id at the same moment cannot both record it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import (
    CorpusError,
    ManifestError,
    ParseError,
    SourceError,
    UserDocumentError,
)
from assistant.model.corpus import Corpus, meta_path
from assistant.model.files import write_atomic
from assistant.model.manifest import (
    DocumentInfo,
    Kind,
    Manifest,
    SourceFormat,
    load_user_documents,
    manifest_for,
    save_user_documents,
)
from assistant.settings import Settings
from ingest.lock import signals_deferred, write_lock
from ingest.parse import parse_document
from ingest.sources import source_text

FORMATS = {
    ".pdf": SourceFormat.PDF,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".txt": SourceFormat.TEXT,
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")


def _word_in(term: str, name: str) -> bool:
    """Whether ``term`` occurs in ``name`` as whole words (how names are found in questions)."""
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", name) is not None


def check_names(manifest: Manifest, doc_id: str, title: str, headings: Iterable[str] = ()) -> None:
    """Refuse an id or title that another document's names (or a provision heading of the
    corpus) would be mistaken for: questions find documents by these names."""
    if not _ID.match(doc_id):
        raise UserDocumentError(
            f"'{doc_id}' is not a usable id: use lower-case letters, digits and hyphens"
        )
    if doc_id in manifest.ids():
        raise UserDocumentError(f"a document with id '{doc_id}' exists; pick another id")
    names = {n.lower(): d.id for d in manifest.documents for n in d.names()}
    if doc_id in names:
        raise UserDocumentError(
            f"id '{doc_id}' is already a name of {names[doc_id]}; pick another id"
        )
    wanted = title.strip().lower()
    if not wanted:
        raise UserDocumentError("the title is empty; give the document a title of its own")
    if wanted in names:
        raise UserDocumentError(
            f"title '{title.strip()}' is already a name of {names[wanted]}; pick another title"
        )
    for name, owner in names.items():
        if _word_in(wanted, name):
            raise UserDocumentError(
                f"title '{title.strip()}' is part of the name '{name}' of {owner}, so questions "
                "about that document would be taken as about yours; pick a longer title"
            )
    for heading in headings:
        if _word_in(wanted, heading.lower()):
            raise UserDocumentError(
                f"title '{title.strip()}' occurs in the provision heading '{heading}', so "
                "every question on that subject would be taken as about your document; "
                "pick a longer title"
            )


def _headings(settings: Settings, manifest: Manifest) -> set[str]:
    """Provision headings of the parsed corpus (none before the first parse)."""
    try:
        corpus = Corpus.load(settings.corpus_file, manifest)
    except CorpusError:
        return set()
    return {p.title for p in corpus.provisions() if p.title}


def prepare_document(
    settings: Settings,
    path: Path,
    doc_id: str,
    title: str,
    kind: Kind = Kind.OTHER,
    progress: Callable[[list], Iterable] = iter,
) -> tuple[DocumentInfo, bytes]:
    """Check ``path`` as document ``doc_id`` (names, type, size, that it parses and every
    fragment is verbatim); writes nothing."""
    manifest = manifest_for(settings)
    check_names(manifest, doc_id, title)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserDocumentError(
            f"{path.name}: unsupported file type; add a PDF, Markdown (.md) or text (.txt) file"
        )
    try:
        size = path.stat().st_size
        if size > settings.max_document_bytes:
            raise UserDocumentError(
                f"{path.name} is {size / 1e6:.1f} MB, over the limit of "
                f"{settings.max_document_bytes / 1e6:.1f} MB for one document; split it, "
                "or raise TREATY_MAX_DOCUMENT_BYTES"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserDocumentError(f"cannot read {path}: {exc.strerror}") from None
    check_names(manifest, doc_id, title, _headings(settings, manifest))
    doc = DocumentInfo(
        id=doc_id,
        title=title.strip(),
        short_name=doc_id,
        kind=kind,
        file=f"user-{doc_id}{path.suffix}",
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        adopted=dt.date.today(),
    )
    try:
        parse_document(doc, source_text(data, doc), progress)
    except (ParseError, SourceError) as exc:
        raise UserDocumentError(str(exc)) from None
    return doc, data


@dataclass
class Snapshot:
    """The files adding or removing a document changes, as they were before: restoring it
    undoes the change (the index is untouched until its stamp switches)."""

    files: dict[Path, bytes | None]

    @classmethod
    def of(cls, settings: Settings, source: Path) -> Snapshot:
        paths = [
            settings.user_documents,
            source,
            settings.corpus_file,
            meta_path(settings.corpus_file),
        ]
        return cls({p: p.read_bytes() if p.is_file() else None for p in paths})

    def restore(self) -> None:
        with signals_deferred():
            for path, data in self.files.items():
                if data is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomic(path, data)


def record_document(settings: Settings, doc: DocumentInfo, data: bytes) -> Snapshot:
    """Reserve the id and write the source and the overlay, under the write lock; returns
    the snapshot that undoes it."""
    with write_lock(settings), signals_deferred():
        manifest = manifest_for(settings)  # read again: another add may have taken the id
        check_names(manifest, doc.id, doc.title)
        snapshot = Snapshot.of(settings, settings.sources_dir / doc.file)
        write_atomic(settings.sources_dir / doc.file, data)
        save_user_documents(
            settings.user_documents, [*load_user_documents(settings.user_documents), doc]
        )
        return snapshot


def add_document(
    settings: Settings, path: Path, doc_id: str, title: str, kind: Kind = Kind.OTHER
) -> DocumentInfo:
    """Record ``path`` as document ``doc_id``; nothing is written unless it parses."""
    doc, data = prepare_document(settings, path, doc_id, title, kind)
    record_document(settings, doc, data)
    return doc


def user_document(settings: Settings, doc_id: str) -> DocumentInfo:
    """The user document ``doc_id``, or why there is none."""
    for doc in load_user_documents(settings.user_documents):
        if doc.id == doc_id:
            return doc
    try:
        manifest_for(settings).get(doc_id)
    except ManifestError:
        raise UserDocumentError(f"no user document with id '{doc_id}'") from None
    raise UserDocumentError(f"'{doc_id}' is part of the corpus manifest, not a user document")


def remove_document(settings: Settings, doc_id: str) -> Snapshot:
    """Take ``doc_id`` out of the overlay and the sources; returns the snapshot that undoes it."""
    with write_lock(settings), signals_deferred():
        doc = user_document(settings, doc_id)
        snapshot = Snapshot.of(settings, settings.sources_dir / doc.file)
        keep = [d for d in load_user_documents(settings.user_documents) if d.id != doc_id]
        save_user_documents(settings.user_documents, keep)
        (settings.sources_dir / doc.file).unlink(missing_ok=True)
        return snapshot
