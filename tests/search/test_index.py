"""The index in its two Chroma modes, embedded and a real `chroma run` server; no telemetry."""

from pathlib import Path

import numpy as np
import pytest
from support.chroma_server import ChromaServer

from assistant.evaluation.suite import load_suite
from assistant.model.citations import parse_citation
from assistant.model.corpus import Corpus
from assistant.search.index import EXACT_SEARCH_UP_TO, Index, chroma_client
from assistant.search.retriever import Retriever
from ingest.build import build_index


def test_chroma_telemetry_is_off(indexed_settings):
    assert chroma_client(indexed_settings).get_settings().anonymized_telemetry is False


def test_streamlit_usage_statistics_are_off_and_it_listens_on_loopback():
    config = (Path(__file__).parents[2] / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
    assert 'address = "127.0.0.1"' in config


def test_a_corpus_sized_index_is_searched_exactly_so_every_build_ranks_alike(retriever):
    """Chroma builds a different HNSW graph each time; searched at its default breadth, about
    one dense top 40 in five differed from exact search on the bundled corpus."""
    index = retriever.index
    assert len(index.chunks) <= EXACT_SEARCH_UP_TO
    stored = index.store.collection.get(include=["embeddings", "metadatas"])
    vectors = np.asarray(stored["embeddings"], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    row = {chunk_id: i for i, chunk_id in enumerate(stored["ids"])}
    instrument = np.array([m["instrument"] for m in stored["metadatas"]])
    root = Path(__file__).parents[2]
    manifest = retriever.corpus.manifest
    cases = load_suite(root / "eval" / "dev.yaml", manifest)
    questions = [(c.question, c.expected_citations) for c in cases if c.question]
    for question, expected in questions:
        query = np.asarray(index.store.embeddings.embed_query(question), dtype=np.float32)
        similarity = vectors @ query / np.linalg.norm(query)
        scopes = [None] + [[parse_citation(c, manifest).instrument] for c in expected[:1]]
        for scope in scopes:
            allowed = np.isin(instrument, scope) if scope else np.ones(len(row), bool)
            depth = min(40, int(allowed.sum()))
            kth_best = np.sort(similarity[allowed])[::-1][depth - 1]
            found = [row[index.chunks[p].id] for p, _ in index.dense(query.tolist(), 40, scope)]
            assert len(found) == depth, (question, scope)
            # every chunk returned is among the exact top 40 (a float's tolerance for ties)
            assert similarity[found].min() >= kth_best - 1e-5, (question, scope)


@pytest.fixture
def chroma_server(tmp_path):
    """A real Chroma server on 127.0.0.1, stopped after the test."""
    server = ChromaServer(tmp_path / "server")
    server.start()
    yield server.port
    server.stop()


def test_server_mode_builds_and_searches_through_a_real_chroma_server(
    built_settings, corpus, embeddings, chroma_server, tmp_path
):
    settings = built_settings.model_copy(
        update={
            "data_dir": tmp_path / "data",
            "chroma_host": "127.0.0.1",
            "chroma_port": chroma_server,
        }
    )
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "corpus").symlink_to(built_settings.corpus_dir)
    small = Corpus([corpus.documents["budapest-protocol-xenophobia"]], corpus.manifest)
    result = build_index(settings, small, embeddings)
    assert result.rebuilt and result.stamp.backend == f"http://127.0.0.1:{chroma_server}"
    assert not (tmp_path / "data" / "index" / "chroma").exists()  # nothing embedded locally
    retriever = Retriever(Index.open(settings, embeddings), small)
    hits = retriever.search("denial of genocide or crimes against humanity").hits
    assert hits[0].unit == "budapest-protocol-xenophobia art. 6"
