"""A user's own documents (course notes, a national law, a new commentary).

``add`` copies the file into the sources folder, records it in the local overlay
(``<data dir>/user-documents.json``, never the committed manifest) and checks that it parses;
``remove`` takes it out again. The caller then re-parses the corpus and rebuilds the index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from assistant.errors import ManifestError, ParseError, SourceError, UserDocumentError
from assistant.model.files import write_atomic
from assistant.model.manifest import (
    DocumentInfo,
    Kind,
    SourceFormat,
    load_user_documents,
    manifest_for,
    save_user_documents,
)
from assistant.settings import Settings
from ingest.parse import parse_document
from ingest.sources import source_text

FORMATS = {
    ".pdf": SourceFormat.PDF,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".txt": SourceFormat.TEXT,
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}$")


def add_document(
    settings: Settings, path: Path, doc_id: str, title: str, kind: Kind = Kind.OTHER
) -> DocumentInfo:
    """Record ``path`` as document ``doc_id``; nothing is written unless it parses."""
    if not _ID.match(doc_id):
        raise UserDocumentError(
            f"'{doc_id}' is not a usable id: use lower-case letters, digits and hyphens"
        )
    if doc_id in manifest_for(settings).ids():
        raise UserDocumentError(f"a document with id '{doc_id}' exists; pick another id")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserDocumentError(
            f"{path.name}: unsupported file type; add a PDF, Markdown (.md) or text (.txt) file"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserDocumentError(f"cannot read {path}: {exc.strerror}") from None
    doc = DocumentInfo(
        id=doc_id,
        title=title,
        short_name=doc_id,
        kind=kind,
        file=f"user-{doc_id}{path.suffix}",
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        adopted=dt.date.today(),
    )
    try:
        parse_document(doc, source_text(data, doc))
    except (ParseError, SourceError) as exc:
        raise UserDocumentError(str(exc)) from None
    write_atomic(settings.sources_dir / doc.file, data)
    save_user_documents(
        settings.user_documents, [*load_user_documents(settings.user_documents), doc]
    )
    return doc


def remove_document(settings: Settings, doc_id: str) -> None:
    documents = load_user_documents(settings.user_documents)
    keep = [d for d in documents if d.id != doc_id]
    if len(keep) == len(documents):
        try:
            manifest_for(settings).get(doc_id)
        except ManifestError:
            raise UserDocumentError(f"no user document with id '{doc_id}'") from None
        raise UserDocumentError(f"'{doc_id}' is part of the corpus manifest, not a user document")
    save_user_documents(settings.user_documents, keep)
    for doc in documents:
        if doc.id == doc_id:
            (settings.sources_dir / doc.file).unlink(missing_ok=True)
