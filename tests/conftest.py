"""Shared fixtures: the real source texts, read from the mirror the project fetches from."""

from __future__ import annotations

import os

import pytest

from assistant.model.manifest import Manifest, manifest_for
from assistant.settings import Settings
from ingest.sources import read_source

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
# Every 'ingest build' a test runs (the reliability tests run dozens, as real processes)
# would embed the corpus a second time for the multilingual collection, minutes each; the
# tests of that collection turn it on (``multilingual_settings``).
os.environ["TREATY_MULTILINGUAL"] = "false"
# The adapted embedding model is trained once per machine into the models folder, which every
# process a test starts shares (even one given another HOME).
os.environ.setdefault("TREATY_MODELS_DIR", str(Settings().models_dir))


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    """Default settings, except that data goes to a fresh folder, never the developer's."""
    return Settings(data_dir=tmp_path_factory.mktemp("empty-data"))


@pytest.fixture(scope="session")
def manifest(settings: Settings) -> Manifest:
    return manifest_for(settings)


@pytest.fixture(scope="session")
def raw_text(settings: Settings, manifest: Manifest):
    """``raw_text(doc_id)``: the parser input of a document, from the mirror directory."""
    if settings.mirror_dir is None:
        pytest.skip("no corpus mirror (set TREATY_MIRROR_DIR)")
    cache: dict[str, str] = {}

    def read(doc_id: str) -> str:
        if doc_id not in cache:
            doc = manifest.get(doc_id)
            cache[doc_id] = read_source(settings.mirror_dir / doc.file, doc)
        return cache[doc_id]

    return read


@pytest.fixture(scope="session")
def built_settings(settings: Settings, manifest: Manifest, tmp_path_factory) -> Settings:
    """Settings whose data dir holds the whole corpus, fetched from the mirror and parsed once."""
    from ingest.fetch import fetch_document
    from ingest.parse import parse_corpus

    if settings.mirror_dir is None:
        pytest.skip("no corpus mirror (set TREATY_MIRROR_DIR)")
    built = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("data")})
    for doc in manifest.documents:
        fetch_document(doc, built.sources_dir, built.mirror_dir)
    parse_corpus(built, manifest)
    return built


@pytest.fixture(scope="session")
def corpus(built_settings: Settings, manifest: Manifest):
    from assistant.model.corpus import Corpus

    return Corpus.load(built_settings.corpus_file, manifest)


@pytest.fixture(scope="session")
def embeddings(built_settings: Settings, corpus):
    """The model the app searches with: the bundled one adapted on corpus/questions
    (trained once per machine and question set, then read from TREATY_MODELS_DIR)."""
    from ingest.adapt_model import adapted_embeddings
    from ingest.build import chunk_corpus

    return adapted_embeddings(built_settings, corpus, chunk_corpus)


@pytest.fixture(scope="session")
def indexed_settings(built_settings: Settings, corpus, embeddings) -> Settings:
    """The whole corpus embedded into an embedded Chroma index, built once per session."""
    from ingest.build import build_index

    build_index(built_settings, corpus, embeddings)
    return built_settings


@pytest.fixture(scope="session")
def retriever(indexed_settings: Settings):
    from assistant.search.retriever import Retriever

    return Retriever.from_settings(indexed_settings)


@pytest.fixture(scope="session")
def assistant(retriever, indexed_settings):
    """The offline assistant over the real corpus and index."""
    from assistant.answers.chain import Assistant

    return Assistant(retriever, indexed_settings)


@pytest.fixture(scope="session")
def multilingual_settings(indexed_settings: Settings, tmp_path_factory) -> Settings:
    """A copy of the built index with its multilingual collection beside it, built once."""
    import shutil

    from assistant.search.multilingual import MultilingualEmbeddings
    from ingest.build import build_multilingual

    data = tmp_path_factory.mktemp("multilingual") / "data"
    shutil.copytree(indexed_settings.data_dir, data)
    copy = indexed_settings.model_copy(update={"data_dir": data, "multilingual": True})
    build_multilingual(copy, MultilingualEmbeddings())
    return copy


@pytest.fixture(scope="session")
def multilingual_assistant(multilingual_settings: Settings):
    """The offline assistant with the multilingual collection: questions in any UN language."""
    from assistant.answers.chain import Assistant
    from assistant.search.retriever import Retriever

    return Assistant(Retriever.from_settings(multilingual_settings), multilingual_settings)
