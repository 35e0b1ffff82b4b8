"""Fetching: copy each source from the mirror directory, or download it, and verify checksums.

A fetched file is written atomically and only after its checksum matches, so the sources
directory only ever holds verified copies: a failure leaves the previous good copy in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx

from assistant.errors import FetchError, SourceError
from assistant.model.files import write_atomic
from assistant.model.manifest import DocumentInfo
from ingest.sources import checksum


@dataclass
class FetchResult:
    doc_id: str
    origin: str  # "cached", "mirror" or the URL downloaded from


def _download(url: str, timeout: float) -> bytes:
    with httpx.Client(timeout=timeout, follow_redirects=True, trust_env=False) as client:
        response = client.get(url)
        response.raise_for_status()
        return response.content


def _verified(data: bytes, doc: DocumentInfo, origin: str) -> bytes:
    try:
        digest = checksum(data, doc)
    except SourceError as exc:
        raise FetchError(
            f"{doc.id}: {origin} is not a readable {doc.format} file ({exc})"
        ) from None
    if digest != doc.sha256:
        raise FetchError(
            f"{doc.id}: checksum mismatch for {origin} (expected {doc.sha256[:12]}…, "
            f"got {digest[:12]}…); restore the original file or fix the manifest"
        )
    return data


def fetch_document(
    doc: DocumentInfo, sources_dir: Path, mirror_dir: Path | None, timeout: float = 30.0
) -> FetchResult:
    """Make ``sources_dir/<file>`` a verified copy of the document; raise FetchError if not."""
    target = sources_dir / doc.file
    if target.exists():
        try:
            _verified(target.read_bytes(), doc, str(target))
            return FetchResult(doc.id, "cached")
        except FetchError:
            pass  # a damaged or outdated copy is simply fetched again
    mirror_file = mirror_dir / doc.file if mirror_dir else None
    if mirror_file is not None and mirror_file.is_file():
        write_atomic(target, _verified(mirror_file.read_bytes(), doc, str(mirror_file)))
        return FetchResult(doc.id, "mirror")
    if not doc.urls:
        where = f"in the mirror {mirror_dir}" if mirror_dir else "(no mirror directory set)"
        raise FetchError(
            f"{doc.id}: {doc.file} not found {where} and the manifest has no URL; "
            "set TREATY_MIRROR_DIR to a folder holding it"
        )
    problems = []
    for url in doc.urls:
        try:
            data = _download(url, timeout)
        except httpx.HTTPStatusError as exc:
            problems.append(f"{url}: HTTP {exc.response.status_code}")
            continue
        except httpx.HTTPError as exc:
            reason = str(exc).splitlines()[0] if str(exc) else ""
            problems.append(f"{url}: {type(exc).__name__} {reason}".strip())
            continue
        write_atomic(target, _verified(data, doc, url))
        return FetchResult(doc.id, url)
    raise FetchError(
        f"{doc.id}: not in the mirror and could not be downloaded ({'; '.join(problems)}); "
        "check the network or set TREATY_MIRROR_DIR to a folder holding " + doc.file
    )
