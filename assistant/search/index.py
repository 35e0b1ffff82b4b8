"""The search index on disk: chunks, their Chroma collection, the BM25 index, and the stamp
that says which build is current.

A build writes everything under a new build id and only then replaces ``current.json``
(atomically): readers follow that stamp, so they never see a half-built index.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from pydantic import BaseModel

from assistant.errors import IndexUnavailable
from assistant.model.files import write_atomic
from assistant.model.provisions import Provision
from assistant.search.embeddings import SentenceEmbeddings
from assistant.search.lexical import LexicalIndex
from assistant.search.parts import PartVectors
from assistant.search.question_vectors import QuestionVectors
from assistant.settings import Settings

# Raised whenever chunking or the vector index's settings change, so older indexes are seen
# as stale (2: search_breadth).
CHUNKER_VERSION = 5  # 3: each part of an article embedded too (parts.py); 4: the questions;
# 5: each question kept with the part it was written for
# Chroma inserts chunks into its HNSW graph in no fixed order, so each build has a different
# graph, and an approximate search can miss a chunk on one build that it finds on the next
# (a document just added, ranked first by exact search, was once absent from the top 40).
# Up to this many chunks the search visits the whole graph, which makes it exact and every
# build rank alike, for about 3 ms a query on the bundled corpus; beyond it Chroma's default
# breadth keeps large corpora fast (exhaustive search costs ~12 ms more at 13,000 chunks).
EXACT_SEARCH_UP_TO = 5_000
CHROMA_SEARCH_EF = 100
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


PROVISIONS = "provisions"  # the main collection, embedded with the configured model
MULTILINGUAL = "multilingual"  # the same chunks, embedded for questions in other languages


class Chunk(BaseModel):
    """A retrievable piece of one provision, with the context that helps find it."""

    id: str = ""
    citation: str  # the provision the text belongs to, e.g. "untoc art. 16(4)"
    unit: str  # its top-level unit, e.g. "untoc art. 16" (for grouping and article recall)
    instrument: str
    context: str  # "UNTOC art. 16 — Extradition (…)" and a chapeau when split
    text: str

    @classmethod
    def of(cls, node: Provision, context: str, text: str) -> Chunk:
        unit = node.cite().unit
        return cls(
            citation=node.citation,
            unit=str(unit),
            instrument=node.instrument,
            context=context,
            text=text,
        )

    @property
    def search_text(self) -> str:
        """What is embedded and indexed lexically: context first, then the text."""
        return f"{self.context}\n{self.text}"


class IndexStamp(BaseModel):
    """What the current index was built from; any difference from now makes it stale."""

    build_id: str
    model: str
    corpus: dict[str, str]  # document id -> sha256 of its source
    parsed: str = ""  # the parsed corpus's digest (model.corpus.parsed_digest)
    questions: str = ""  # the practitioner questions' digest (embeddings.questions_digest)
    chunker: int = CHUNKER_VERSION
    backend: str
    chunks: int
    built_at: str
    seconds: float
    kind: str = PROVISIONS  # which collection: the main one, or MULTILINGUAL beside it

    @property
    def collection(self) -> str:
        return f"{self.kind}-{self.build_id}"

    def fingerprint(self) -> str:
        return self.fingerprint_with(self.model)

    def fingerprint_with(self, model: str) -> str:
        """The fingerprint of these inputs embedded with ``model`` (the multilingual
        collection beside this build)."""
        return fingerprint(
            model, self.corpus, self.backend, self.chunker, self.parsed, self.questions
        )


def fingerprint(
    model: str,
    corpus: dict[str, str],
    backend: str,
    chunker: int = CHUNKER_VERSION,
    parsed: str = "",
    questions: str = "",
) -> str:
    payload = json.dumps([model, sorted(corpus.items()), backend, chunker, parsed, questions])
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def search_breadth(chunks: int) -> int:
    """HNSW ``ef_search`` for a collection of ``chunks``: exhaustive when small (see above)."""
    return max(chunks, CHROMA_SEARCH_EF) if chunks <= EXACT_SEARCH_UP_TO else CHROMA_SEARCH_EF


def backend_name(settings: Settings) -> str:
    if settings.chroma_host:
        return f"http://{settings.chroma_host}:{settings.chroma_port}"
    return "embedded"


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    """Embedded persistent Chroma under the data dir, or a Chroma server; telemetry off."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def reading_client(settings: Settings) -> chromadb.ClientAPI:
    """``chroma_client`` to answer from, its failures said as what they are: a server that is
    down or is not Chroma, a data dir that cannot be written. Embedded Chroma writes its
    database even to read it, so a read-only data dir is read from a private copy."""
    if settings.chroma_host:
        try:
            return chroma_client(settings)
        except Exception:  # chromadb raises ValueError with whatever the server sent
            raise IndexUnavailable(server_problem(settings)) from None
    store = settings.index_dir / "chroma"
    database = store / "chroma.sqlite3"
    if os.access(store, os.W_OK) and (not database.exists() or os.access(database, os.W_OK)):
        return chroma_client(settings)
    copy = Path(tempfile.mkdtemp(prefix="treaty-chroma-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    try:
        shutil.copytree(store, copy / "chroma")
    except OSError as exc:
        raise IndexUnavailable(_read_only(settings, f"no copy in {copy}: {exc.strerror}")) from None
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    return chromadb.PersistentClient(path=str(copy / "chroma"), settings=chroma_settings)


def _read_only(settings: Settings, detail: str) -> str:
    return (
        f"the data dir {settings.data_dir} is read-only ({detail}); the index itself is fine: "
        "make the folder writable, or copy the data dir elsewhere and set TREATY_DATA_DIR"
    )


def server_problem(settings: Settings) -> str:
    """Why the Chroma server of the settings cannot be used, found by asking its heartbeat:
    nothing listening, something that is not Chroma, or Chroma refusing the client."""
    url = backend_name(settings)
    start = f"chroma run --host {settings.chroma_host} --port {settings.chroma_port}"
    try:
        reply = httpx.get(f"{url}/api/v2/heartbeat", timeout=5)
        beat = reply.json()
    except httpx.HTTPError as exc:
        return (
            f"nothing answers at {url} ({type(exc).__name__}): check that the Chroma server at "
            f"{url} is running (start one with '{start}', then 'python -m ingest build'), "
            "or unset TREATY_CHROMA_HOST to use the embedded index"
        )
    except ValueError:
        beat = None
    if not isinstance(beat, dict) or "nanosecond heartbeat" not in beat:
        kind = reply.headers.get("content-type", "no content type").split(";")[0]
        return (
            f"{url} is not a Chroma server (HTTP {reply.status_code}, {kind}, to "
            "/api/v2/heartbeat); check TREATY_CHROMA_HOST and TREATY_CHROMA_PORT"
        )
    return (
        f"the Chroma server at {url} answers but refuses this client; check that it runs "
        f"the chromadb version installed here ({chromadb.__version__})"
    )


class DenseStore:
    """A built Chroma collection and the model its chunks were embedded with, as searched:
    the question is embedded once (a comparison searches each document with the same
    vector) and Chroma returns ids and distances only, the chunks being in memory."""

    def __init__(self, collection: chromadb.Collection, embeddings: Embeddings):
        self.collection = collection
        self.embeddings = embeddings

    def embed(self, question: str) -> list[float]:
        return self.embeddings.embed_query(question)


def vector_store(client: chromadb.ClientAPI, name: str, embeddings: Embeddings) -> Chroma:
    return Chroma(
        client=client,
        collection_name=name,
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": "cosine"},
    )


def stamp_path(settings: Settings, kind: str = PROVISIONS) -> Path:
    return settings.index_dir / ("current.json" if kind == PROVISIONS else f"{kind}.json")


def build_dir(settings: Settings, build_id: str) -> Path:
    return settings.index_dir / "builds" / build_id


def read_stamp(settings: Settings, kind: str = PROVISIONS) -> IndexStamp | None:
    try:
        return IndexStamp.model_validate_json(stamp_path(settings, kind).read_text())
    except (OSError, ValueError):
        return None


def write_stamp(settings: Settings, stamp: IndexStamp) -> None:
    write_atomic(stamp_path(settings, stamp.kind), stamp.model_dump_json(indent=2).encode())


def new_build_id() -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    return f"{now}-{os.urandom(3).hex()}"


def save_chunks(path: Path, chunks: list[Chunk]) -> None:
    write_atomic(path, "\n".join(c.model_dump_json() for c in chunks).encode() + b"\n")


def load_chunks(path: Path) -> list[Chunk]:
    return [Chunk.model_validate_json(line) for line in path.read_text().splitlines() if line]


class Index:
    """An opened index: its stamp, chunks in build order, the vector store, BM25, the
    vectors of articles' parts and those of the practitioner questions."""

    def __init__(
        self,
        stamp: IndexStamp,
        chunks: list[Chunk],
        store: DenseStore,
        lexical: LexicalIndex,
        parts: PartVectors,
        questions: QuestionVectors,
    ):
        self.stamp = stamp
        self.parts = parts
        self.questions = questions
        self.chunks = chunks
        self.position = {c.id: i for i, c in enumerate(chunks)}
        self.store = store
        self.lexical = lexical
        self.multilingual: DenseStore | None = None  # the same chunks embedded multilingually
        self._ids_of = lru_cache(maxsize=64)(self._chunk_ids)

    def _chunk_ids(self, instruments: tuple[str, ...]) -> list[str]:
        return [c.id for c in self.chunks if c.instrument in instruments]

    @classmethod
    def open(cls, settings: Settings, embeddings: SentenceEmbeddings) -> Index:
        stamp = usable_stamp(settings, embeddings.name)
        directory = build_dir(settings, stamp.build_id)
        # a server that is down or not Chroma is said first; an embedded store that is
        # damaged fails in the try below, as damage
        client = reading_client(settings) if settings.chroma_host else None
        if stamp.backend != backend_name(settings):
            raise IndexUnavailable(
                f"the index was built in {stamp.backend}, not in {backend_name(settings)} "
                "(TREATY_CHROMA_HOST changed); run 'python -m ingest build'"
            )
        try:
            client = client or reading_client(settings)
            chunks = load_chunks(directory / "chunks.jsonl")
            lexical = LexicalIndex.load(directory / "bm25", len(chunks))
            parts = PartVectors.load(directory)
            questions = QuestionVectors.load(directory)
            collection = client.get_collection(stamp.collection)
            count = collection.count()
            store = DenseStore(collection, embeddings)
        except IndexUnavailable:  # said as what it is by reading_client
            raise
        except Exception as exc:  # any damage to the files or the store means: rebuild
            if "readonly database" in str(exc):
                raise IndexUnavailable(_read_only(settings, "Chroma cannot write it")) from None
            raise IndexUnavailable(
                f"the index in {settings.index_dir} is damaged or unreachable "
                f"({type(exc).__name__}: {str(exc)[:120]}); {_remedy(stamp.backend)}"
            ) from None
        if count != len(chunks) or stamp.chunks != len(chunks):
            raise IndexUnavailable(
                f"the index is incomplete ({count} of {len(chunks)} chunks in the vector store); "
                "run 'python -m ingest build'"
            )
        return cls(stamp, chunks, store, lexical, parts, questions)

    def open_multilingual(self, settings: Settings, embeddings: Embeddings, model: str) -> bool:
        """Attach the multilingual collection when it holds this build's chunks embedded with
        ``model``; whether it could (a missing or stale one is not an error: questions in
        other languages are then searched as English ones, and told so)."""
        stamp = read_stamp(settings, MULTILINGUAL)
        main = self.stamp
        wanted = main.fingerprint_with(model)
        if stamp is None or stamp.fingerprint() != wanted or stamp.chunks != len(self.chunks):
            return False
        try:
            collection = chroma_client(settings).get_collection(stamp.collection)
            if collection.count() != stamp.chunks:
                return False
        except Exception:  # a damaged or unreachable collection: as if there were none
            return False
        self.multilingual = DenseStore(collection, embeddings)
        return True

    def dense(
        self,
        vector: list[float],
        k: int,
        instruments: list[str] | None,
        store: DenseStore | None = None,
    ) -> list[tuple[int, float]]:
        """Chroma's nearest chunks to the question's ``vector`` (``DenseStore.embed``), as
        (position in ``chunks``, cosine similarity), of ``instruments`` only when given, in
        the main collection unless ``store`` is given; a store that went away or broke since
        the index was opened (server stopped, files deleted) is ``IndexUnavailable``. (The
        instruments' chunks are named by id: Chroma searches a list of ids in half the time
        of a metadata filter, with the same results: bench/results/answer.json.)"""
        ids = self._ids_of(tuple(instruments)) if instruments else None
        try:
            found = (store or self.store).collection.query(
                query_embeddings=[vector], n_results=k, ids=ids, include=["distances"]
            )
            pairs = zip(found["ids"][0], found["distances"][0], strict=True)
            return [(self.position[i], 1.0 - d) for i, d in pairs if i in self.position]
        except Exception as exc:  # chromadb, httpx and sqlite each raise their own
            raise IndexUnavailable(
                f"the vector store of index {self.stamp.build_id} ({self.stamp.backend}) "
                f"cannot be searched ({type(exc).__name__}: {str(exc)[:120]}); "
                + _remedy(self.stamp.backend)
            ) from None


def usable_stamp(settings: Settings, model: str) -> IndexStamp:
    """The current build's stamp, when there is one built with ``model``; checked before
    anything heavy loads, so a missing index is said at once."""
    stamp = read_stamp(settings)
    if stamp is None:
        raise IndexUnavailable(f"no index in {settings.index_dir}; run 'python -m ingest build'")
    if stamp.chunker != CHUNKER_VERSION:
        raise IndexUnavailable(
            "the index was built by an earlier version of the assistant; "
            "run 'python -m ingest build'"
        )
    if stamp.model != model:
        raise IndexUnavailable(
            f"the index was built with {stamp.model}, not {model}; run 'python -m ingest build'"
        )
    return stamp


def _remedy(backend: str) -> str:
    if backend == "embedded":
        return "run 'python -m ingest build --force'"
    return f"check that the Chroma server at {backend} is running"
