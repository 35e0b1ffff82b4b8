"""The manifest: which documents exist, what they are called, where they come from."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, ValidationError

from assistant.errors import ManifestError
from assistant.model.files import write_atomic

if TYPE_CHECKING:
    from assistant.settings import Settings


class Kind(StrEnum):
    CONVENTION = "convention"
    PROTOCOL = "protocol"
    COMMENTARY = "commentary"
    LAW = "law"  # a user's national law
    OTHER = "other"  # course notes and other material a user adds


class SourceFormat(StrEnum):
    TREATY_MARKDOWN = "treaty-markdown"
    UN_PDF_JSON = "un-pdf-json"
    COMMENTARY_TEXT = "commentary-text"
    # A user's own documents (python -m ingest add): split by article headings or paragraphs.
    PDF = "pdf"
    MARKDOWN = "markdown"
    TEXT = "text"


class DocumentInfo(BaseModel):
    """One manifest entry."""

    model_config = {"extra": "forbid"}

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    short_name: str
    aliases: list[str] = Field(default_factory=list)
    # Its names in the other UN languages ("Convention de Palerme", "联合国反腐败公约").
    aliases_un_languages: list[str] = Field(default_factory=list)
    kind: Kind
    adopted: dt.date | None = None
    symbol: str | None = None
    official_url: str | None = None
    author: str | None = None
    supplements: str | None = Field(None, description="id of the convention a protocol supplements")
    starter: str | None = Field(None, description="example question offered on an empty chat")
    file: str
    urls: list[str] = Field(default_factory=list)
    format: SourceFormat
    checksum_of: str = Field("file", pattern=r"^(file|json:text)$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    def names(self) -> list[str]:
        """Every name that designates this document: id, short name, title and aliases."""
        return [self.id, self.short_name, self.title, *self.aliases, *self.aliases_un_languages]


# Scripts written without spaces between words (Chinese) or with articles and prepositions
# joined to the word (Arabic "لاتفاقية"): a name in them is found inside a longer word too.
_UNSPACED = re.compile(r"[\u0600-\u06ff\u4e00-\u9fff]")


def _name_pattern(name: str) -> re.Pattern[str]:
    if _UNSPACED.search(name):
        return re.compile(re.escape(name))
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


class Manifest(BaseModel):
    documents: list[DocumentInfo]

    @cached_property
    def name_patterns(self) -> list[tuple[str, str, re.Pattern[str]]]:
        """(lower-cased name, document id, its pattern), longest name first. Compiled once:
        every question is searched for every name of every document (thousands of names in
        a large corpus, past what ``re`` keeps compiled)."""
        pairs = sorted(
            {(n.lower(), d.id) for d in self.documents for n in d.names()},
            key=lambda p: (-len(p[0]), p),
        )
        return [(n, d, _name_pattern(n)) for n, d in pairs]

    def get(self, doc_id: str) -> DocumentInfo:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        known = ", ".join(d.id for d in self.documents)
        raise ManifestError(f"unknown document id '{doc_id}' (known: {known})")

    def ids(self) -> list[str]:
        return [d.id for d in self.documents]


def load_user_documents(path: Path) -> list[DocumentInfo]:
    """The local overlay of documents users added (never the committed manifest)."""
    if not path.exists():
        return []
    fix = "fix it, or delete it and add your documents again with 'python -m ingest add'"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, list):
            raise ValueError(f"a list of documents expected, not {type(raw).__name__}")
        return [DocumentInfo.model_validate(d) for d in raw]
    except OSError as exc:
        reason = exc.strerror
    except ValidationError as exc:
        problem = exc.errors()[0]
        reason = f"entry {'.'.join(map(str, problem['loc']))}: {problem['msg']}"
    except ValueError as exc:
        reason = str(exc).splitlines()[0]
    raise ManifestError(f"user document list {path} is unusable ({reason}); {fix}")


def save_user_documents(path: Path, documents: list[DocumentInfo]) -> None:
    data = [d.model_dump(mode="json", exclude_none=True) for d in documents]
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False).encode())


def manifest_for(settings: Settings) -> Manifest:
    """The committed manifest plus the user's own documents."""
    manifest = load_manifest(settings.manifest)
    for doc in load_user_documents(settings.user_documents):
        if doc.id in manifest.ids():
            raise ManifestError(f"user document id '{doc.id}' clashes with the manifest")
        manifest.documents.append(doc)
    return manifest


def load_manifest(path: Path) -> Manifest:
    """Read and check the manifest; any problem is one clear ManifestError."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"manifest not found: {path}") from None
    except IsADirectoryError:
        raise ManifestError(
            f"manifest {path} is a directory; set TREATY_MANIFEST to a file"
        ) from None
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ManifestError(f"manifest {path} is not UTF-8 text (line {line})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"manifest {path} is not valid TOML: {exc}") from None
    entries = raw.get("document", [])
    documents = []
    for i, entry in enumerate(entries, start=1):
        try:
            documents.append(DocumentInfo.model_validate(entry))
        except ValidationError as exc:
            name = entry.get("id", f"entry {i}")
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors()
            )
            raise ManifestError(f"manifest {path}, document '{name}': {problems}") from None
    seen: set[str] = set()
    for doc in documents:
        if doc.id in seen:
            raise ManifestError(f"manifest {path}: document id '{doc.id}' appears twice")
        seen.add(doc.id)
    if not documents:
        raise ManifestError(f"manifest {path} lists no [[document]]")
    return Manifest(documents=documents)
