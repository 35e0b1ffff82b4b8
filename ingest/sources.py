"""Reading a fetched source file into the text its parser works on."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from assistant.errors import SourceError
from assistant.model.manifest import DocumentInfo, SourceFormat


def source_text(data: bytes, doc: DocumentInfo) -> str:
    """The text to parse: the JSON field ``text`` for UN PDF extracts, else the file itself."""
    if doc.format is SourceFormat.PDF:
        return pdf_text(data, doc)
    try:
        if doc.checksum_of == "json:text":
            text = json.loads(data.decode("utf-8"))["text"]
            if not isinstance(text, str):
                raise SourceError(f"{doc.id}: field 'text' of {doc.file} is not a string")
            return text
        return data.decode("utf-8")
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise SourceError(f"{doc.id}: {doc.file} cannot be read as {doc.format} ({exc})") from None


def pdf_text(data: bytes, doc: DocumentInfo) -> str:
    """The text layer of a PDF, page by page (a scanned PDF has none)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(f"{doc.id}: {doc.file} is not a readable PDF ({exc})") from None


def checksum(data: bytes, doc: DocumentInfo) -> str:
    """The sha256 the manifest pins: of the bytes, or of the UTF-8 of the JSON ``text`` field."""
    if doc.checksum_of == "json:text":
        data = source_text(data, doc).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path, doc: DocumentInfo) -> str:
    """Read a source file (fetched copy or mirror) and return its parser input text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{doc.id}: {path} is missing; run 'python -m ingest fetch'") from None
    return source_text(data, doc)
