"""The index in its two Chroma modes, embedded and a real `chroma run` server; no telemetry."""

from pathlib import Path

import pytest
from chroma_server import ChromaServer

from assistant.corpus import Corpus
from assistant.index import Index, chroma_client
from assistant.retrieval import Retriever
from ingest.build import build_index


def test_chroma_telemetry_is_off(indexed_settings):
    assert chroma_client(indexed_settings).get_settings().anonymized_telemetry is False


def test_streamlit_usage_statistics_are_off_and_it_listens_on_loopback():
    config = (Path(__file__).parents[2] / ".streamlit" / "config.toml").read_text()
    assert "gatherUsageStats = false" in config
    assert 'address = "127.0.0.1"' in config


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
