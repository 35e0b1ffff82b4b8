"""Building the index: chunk the corpus, embed into a new Chroma collection, build BM25, and
switch the stamp to the new build only when all of it is complete.

A build whose inputs (model, corpus checksums, chunker, backend, practitioner questions) match
the current stamp does nothing; otherwise only chunks whose text changed are embedded again
(``--force``: all). A build holds the data dir's write lock (``ingest.lock``), and the
checksums it stamps are the ones of the corpus it was given, read by the caller inside that
same lock; a failed or killed build leaves the previous index in use, and its leftovers are
swept by the next build, even one that finds the index up to date.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass

from chromadb.api import ClientAPI
from chromadb.api.shared_system_client import SharedSystemClient

from assistant.errors import BuildError
from assistant.model.corpus import Corpus, parsed_digest, source_checksums
from assistant.search.embeddings import SentenceEmbeddings, questions_digest
from assistant.search.index import (
    MULTILINGUAL,
    PROVISIONS,
    Chunk,
    IndexStamp,
    backend_name,
    build_dir,
    chroma_client,
    fingerprint,
    load_chunks,
    new_build_id,
    read_stamp,
    save_chunks,
    search_breadth,
    write_stamp,
)
from assistant.search.lexical import LexicalIndex
from assistant.search.multilingual import MultilingualEmbeddings
from assistant.search.parts import PartVectors, part_count
from assistant.search.question_vectors import QuestionVectors
from assistant.search.retriever import search_text
from assistant.settings import Settings
from ingest.adapt_model import read_questions
from ingest.chunking import chunk_document
from ingest.lock import write_lock

# Chunks embedded per call: the model sorts a call's texts by length before batching them,
# so large calls waste less on padding (512: ~1.5× the chunks per second of 64).
SLICE = 512
Progress = Callable[[int, int], None]  # (done, total)
Embeddings = SentenceEmbeddings | MultilingualEmbeddings  # each names its model


@dataclass
class BuildResult:
    stamp: IndexStamp
    rebuilt: bool
    repaired: bool = False  # a damaged vector store was replaced (everything re-embedded)


def is_current(settings: Settings, model: str, checksums: dict[str, str] | None = None) -> bool:
    """Whether the current index was built from exactly today's inputs (``checksums``: the
    corpus's, when the caller has read them already)."""
    stamp = read_stamp(settings)
    if checksums is None:
        checksums = source_checksums(settings.corpus_file)
    wanted = fingerprint(
        model,
        checksums,
        backend_name(settings),
        parsed=parsed_digest(settings.corpus_file),
        questions=questions_digest(settings),
    )
    return (
        stamp is not None
        and stamp.fingerprint() == wanted
        and (build_dir(settings, stamp.build_id) / "chunks.jsonl").exists()
    )


def chunk_corpus(corpus: Corpus) -> list[Chunk]:
    return [c for doc in corpus for c in chunk_document(doc, corpus.manifest.get(doc.id))]


def _sweep(settings: Settings, client, keep: set[str]) -> None:
    """Remove builds other than ``keep`` (folders and collections); readers follow the stamp."""
    for folder in (settings.index_dir / "builds").glob("*"):
        if folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
    _sweep_kind(client, PROVISIONS, keep)


def sweep_leftovers(settings: Settings) -> int:
    """Remove what killed builds left (a build folder without its chunks, never switched to,
    and its collection); called under the write lock, so no build is under way. Returns how
    many were removed."""
    current = read_stamp(settings)
    keep = {current.build_id} if current else set()
    killed = {
        folder.name
        for folder in (settings.index_dir / "builds").glob("*")
        if folder.name not in keep and not (folder / "chunks.jsonl").exists()
    }
    if not killed:
        return 0
    client = chroma_client(settings)
    collections = {getattr(c, "name", c) for c in client.list_collections()}
    for name in killed:
        shutil.rmtree(build_dir(settings, name), ignore_errors=True)
        if f"provisions-{name}" in collections:
            client.delete_collection(f"provisions-{name}")
    return len(killed)


def _open_store(settings: Settings) -> tuple[ClientAPI, bool]:
    """The Chroma client to build into, and whether a damaged embedded store had to be
    replaced by an empty one (it is derived data, and nothing can be served from it)."""
    try:
        client = chroma_client(settings)
        client.list_collections()
        return client, False
    except Exception as exc:
        if settings.chroma_host:
            raise BuildError(f"cannot reach Chroma at {backend_name(settings)}: {exc}") from None
    shutil.rmtree(settings.index_dir / "chroma")
    SharedSystemClient.clear_system_cache()  # it still holds the damaged database open
    return chroma_client(settings), True


def _reusable(client, current: IndexStamp, embeddings: Embeddings) -> dict[str, list]:
    """Embeddings of the current build by chunk text, so unchanged text is not embedded again."""
    if current.model != embeddings.name:
        return {}
    try:
        stored = client.get_collection(current.collection).get(include=["documents", "embeddings"])
    except Exception:  # a missing or damaged previous build just means embedding everything
        return {}
    return {t: list(v) for t, v in zip(stored["documents"], stored["embeddings"], strict=True)}


def _embed_into(
    client: ClientAPI,
    name: str,
    chunks: list[Chunk],
    embeddings: Embeddings,
    reusable: dict[str, list],
    progress: Progress,
) -> None:
    """A new collection ``name`` holding ``chunks``, embedding only texts not in ``reusable``."""
    collection = client.create_collection(
        name, metadata={"hnsw:space": "cosine", "hnsw:search_ef": search_breadth(len(chunks))}
    )
    progress(0, len(chunks))
    for start in range(0, len(chunks), SLICE):
        batch = chunks[start : start + SLICE]
        texts = [c.search_text for c in batch]
        fresh = [t for t in texts if t not in reusable]
        vectors = dict(zip(fresh, embeddings.embed_documents(fresh), strict=True)) if fresh else {}
        collection.add(
            ids=[c.id for c in batch],
            documents=texts,
            embeddings=[reusable.get(t) or vectors[t] for t in texts],
            metadatas=[
                {"citation": c.citation, "unit": c.unit, "instrument": c.instrument} for c in batch
            ],
        )
        progress(start + len(batch), len(chunks))


def build_index(
    settings: Settings,
    corpus: Corpus,
    embeddings: SentenceEmbeddings,
    progress: Progress = lambda done, total: None,
    force: bool = False,
    checksums: dict[str, str] | None = None,
) -> BuildResult:
    """Build (or keep) the index for ``corpus``, whose source checksums are ``checksums``
    (default: those on disk, for a caller that read the corpus under the write lock)."""
    backend = backend_name(settings)
    with write_lock(settings):
        if checksums is None:
            checksums = source_checksums(settings.corpus_file)
        current = read_stamp(settings)
        if current is not None and not force and is_current(settings, embeddings.name, checksums):
            return BuildResult(current, rebuilt=False)
        started = time.perf_counter()
        chunks = chunk_corpus(corpus)
        build_id = new_build_id()
        folder = build_dir(settings, build_id)
        folder.mkdir(parents=True)
        client, repaired = _open_store(settings)
        keep = {build_id} | ({current.build_id} if current else set())
        _sweep(settings, client, keep)
        reusable = {} if force or current is None else _reusable(client, current, embeddings)
        # one bar for all: the chunks, the parts, the practitioner questions
        parts, questions = part_count(corpus), read_questions(settings)
        total = len(chunks) + parts + len(questions)

        def after(before: int) -> Progress:
            return lambda done, _: progress(before + done, total)

        _embed_into(client, f"{PROVISIONS}-{build_id}", chunks, embeddings, reusable, after(0))
        PartVectors.build(corpus, embeddings, after(len(chunks))).save(folder)
        QuestionVectors.build(
            questions,
            corpus,
            embeddings,
            lambda question: search_text(question, corpus.manifest)[1],
            after(len(chunks) + parts),
        ).save(folder)
        LexicalIndex.build([c.search_text for c in chunks]).save(folder / "bm25")
        save_chunks(folder / "chunks.jsonl", chunks)
        stamp = IndexStamp(
            build_id=build_id,
            model=embeddings.name,
            corpus=checksums,
            parsed=parsed_digest(settings.corpus_file),
            questions=questions_digest(settings),
            backend=backend,
            chunks=len(chunks),
            built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            seconds=round(time.perf_counter() - started, 2),
        )
        write_stamp(settings, stamp)  # the switch: readers now open the new build
        # The previous build stays until the next one, for readers that still have it open.
        _sweep(settings, client, keep)
        return BuildResult(stamp, rebuilt=True, repaired=repaired)


# -- the multilingual collection beside the main one ------------------------------------------


def multilingual_wanted(settings: Settings, model: str) -> str | None:
    """The fingerprint the multilingual collection must have to match the current main
    build (same corpus, chunker and backend, embedded with ``model``); None without one."""
    main = read_stamp(settings)
    if main is None:
        return None
    return main.fingerprint_with(model)


def build_multilingual(
    settings: Settings,
    embeddings: Embeddings,
    progress: Progress = lambda done, total: None,
    force: bool = False,
) -> BuildResult:
    """Embed the current main build's chunks (same ids) into a collection of their own, under
    the main index's rules: one build at a time, its own stamp switched only when the
    collection is complete, and text that did not change since the last one not embedded
    again. Up to date when its fingerprint matches the main build's inputs."""
    name = embeddings.name
    with write_lock(settings):
        main, current = read_stamp(settings), read_stamp(settings, MULTILINGUAL)
        if main is None:
            raise BuildError("no index to embed; run 'python -m ingest build' first")
        wanted = multilingual_wanted(settings, name)
        if current is not None and not force and current.fingerprint() == wanted:
            return BuildResult(current, rebuilt=False)
        started = time.perf_counter()
        chunks = load_chunks(build_dir(settings, main.build_id) / "chunks.jsonl")
        build_id = new_build_id()
        client, repaired = _open_store(settings)
        keep = {build_id} | ({current.build_id} if current else set())
        _sweep_kind(client, MULTILINGUAL, keep)
        reusable = {} if force or current is None else _reusable(client, current, embeddings)
        _embed_into(client, f"{MULTILINGUAL}-{build_id}", chunks, embeddings, reusable, progress)
        stamp = IndexStamp(
            build_id=build_id,
            model=name,
            corpus=main.corpus,
            parsed=main.parsed,
            questions=main.questions,
            chunker=main.chunker,
            backend=main.backend,
            chunks=len(chunks),
            built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            seconds=round(time.perf_counter() - started, 2),
            kind=MULTILINGUAL,
        )
        write_stamp(settings, stamp)  # the switch
        _sweep_kind(client, MULTILINGUAL, keep)
        return BuildResult(stamp, rebuilt=True, repaired=repaired)


def _sweep_kind(client: ClientAPI, kind: str, keep: set[str]) -> None:
    """Remove the collections of ``kind`` whose build is not in ``keep``."""
    for collection in client.list_collections():
        name = getattr(collection, "name", collection)
        if name.startswith(f"{kind}-") and name.removeprefix(f"{kind}-") not in keep:
            client.delete_collection(name)
