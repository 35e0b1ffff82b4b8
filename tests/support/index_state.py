"""What the reliability tests of writers check after any sequence of commands: the document
list, the corpus, the stamp and what Chroma really serves all agree."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from assistant.model.corpus import Corpus, source_checksums
from assistant.model.manifest import manifest_for
from assistant.search.index import read_stamp
from assistant.settings import Settings
from ingest.build import chunk_corpus

# Chunks per document in the current collection, counted by a fresh process (this one's
# Chroma client would cache what it saw before the commands ran).
_SERVED = """
import collections, json, sys
import chromadb
from chromadb.config import Settings
client = chromadb.PersistentClient(sys.argv[1], settings=Settings(anonymized_telemetry=False))
metas = client.get_collection(sys.argv[2]).get(include=["metadatas"])["metadatas"]
print(json.dumps(collections.Counter(m["instrument"] for m in metas)))
"""


def served_chunks(settings: Settings, collection: str) -> Counter:
    out = subprocess.run(
        [sys.executable, "-c", _SERVED, str(settings.index_dir / "chroma"), collection],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Counter(json.loads(out))


def user_ids(settings: Settings) -> list[str]:
    path = settings.user_documents
    return [d["id"] for d in json.loads(path.read_text())] if path.exists() else []


def assert_index_serves_stamp(settings: Settings) -> Counter:
    """Every listed document is parsed, stamped and served with exactly its chunks; returns
    the chunk counts per document."""
    ids = user_ids(settings)
    assert len(ids) == len(set(ids)), ids
    manifest = manifest_for(settings)
    checksums = source_checksums(settings.corpus_file)
    assert set(checksums) == set(manifest.ids())
    stamp = read_stamp(settings)
    assert stamp.corpus == checksums, "the index was built from another corpus than the current"
    for doc in manifest.documents:
        assert (settings.sources_dir / doc.file).exists() or doc.id not in ids
    expected = Counter(
        c.instrument for c in chunk_corpus(Corpus.load(settings.corpus_file, manifest))
    )
    assert served_chunks(settings, stamp.collection) == expected
    assert stamp.chunks == sum(expected.values())
    return expected


def snapshot_files(settings: Settings) -> dict[str, bytes | None]:
    """The bytes of everything an add or remove may change (the index by its stamp)."""
    paths = [
        settings.user_documents,
        settings.corpus_file,
        settings.corpus_file.with_suffix(".meta.json"),
        settings.index_dir / "current.json",
        *sorted(settings.sources_dir.iterdir()),
    ]
    return {str(p): p.read_bytes() if p.is_file() else None for p in paths}


def write_notes(folder: Path, name: str, topic: str) -> Path:
    """A small user document with two articles about ``topic``, different for every topic."""
    path = folder / f"{name}.md"
    path.write_text(
        f"Article 1 Scope of {topic}\nThese notes describe {topic} for the {name} workshop.\n\n"
        f"Article 2 Practice of {topic}\nTrainers review {topic} cases from {name} each week.\n"
    )
    return path


_COLLECTIONS = """
import json, sys
import chromadb
from chromadb.config import Settings
client = chromadb.PersistentClient(sys.argv[1], settings=Settings(anonymized_telemetry=False))
print(json.dumps(sorted(getattr(c, "name", c) for c in client.list_collections())))
"""


def collection_names(settings: Settings) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _COLLECTIONS, str(settings.index_dir / "chroma")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)
