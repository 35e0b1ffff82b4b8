"""The index breaking under a running assistant (``AssistantService``, what the app uses):
deleted, damaged, its Chroma server stopped, rebuilt while questions are being answered.
Each fault is reported in words that say what to run; the service recovers at the next
question once the index is back, and never answers from two versions at once."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from support.chroma_server import ChromaServer
from support.reliability import clean_env, run

from assistant.answers.answer import Answer, verify_answer
from assistant.answers.service import AssistantService
from assistant.errors import IndexUnavailable
from assistant.model.corpus import Corpus
from assistant.model.manifest import manifest_for
from assistant.search.index import read_stamp
from assistant.settings import PROJECT_ROOT, get_settings
from ingest.build import build_index

BRIBERY = "What does UNCAC say about bribery of national public officials?"
NOTES = """# Workshop notes on seized cryptocurrency

Article 1 Custody
1. Seized cryptocurrency wallets are moved to a hardware wallet held by the asset recovery office.
"""
NOTES_QUESTION = "Who holds seized cryptocurrency wallets according to the workshop notes?"


def cites(answer: Answer, unit: str) -> bool:
    return any(c.citation.startswith(unit) for c in answer.citations)


def test_a_deleted_index_is_reported_and_used_again_once_it_is_back(workspace, tmp_path):
    service = AssistantService(workspace)
    before = service.ask(BRIBERY)
    assert cites(before, "uncac art. 15")
    shutil.copytree(workspace.index_dir, tmp_path / "saved-index")

    shutil.rmtree(workspace.index_dir)
    with pytest.raises(IndexUnavailable, match=r"missing .* run 'python -m ingest build'"):
        service.ask(BRIBERY)

    shutil.copytree(tmp_path / "saved-index", workspace.index_dir)  # new files, same build
    after = service.ask(BRIBERY)
    assert cites(after, "uncac art. 15") and after.index == before.index


def test_in_the_app_a_deleted_index_keeps_the_conversation_and_the_question(
    workspace, tmp_path, monkeypatch
):
    monkeypatch.setenv("TREATY_DATA_DIR", str(workspace.data_dir))
    get_settings.cache_clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120).run()
        at = at.chat_input[0].set_value(BRIBERY).run()
        shutil.move(workspace.index_dir, tmp_path / "saved-index")

        at = at.chat_input[0].set_value("And what about foreign public officials?").run()
        assert not at.exception
        assert "run 'python -m ingest build'" in at.error[-1].value
        assert [m.name for m in at.chat_message] == ["user", "assistant", "user", "assistant"]
        assert "**UNCAC art. 15" in "\n".join(m.value for m in at.chat_message[1].markdown)

        shutil.move(tmp_path / "saved-index", workspace.index_dir)
        at = next(b for b in at.button if b.label == "Ask again").click().run()
        assert not at.exception and not at.error
        assert at.chat_message[-2].text[0].value == "And what about foreign public officials?"
        assert "**UNCAC art. 16" in "\n".join(m.value for m in at.chat_message[-1].markdown)
    finally:
        get_settings.cache_clear()
        st.cache_resource.clear()


def test_a_damaged_vector_store_is_reported_and_ingest_build_repairs_it(workspace):
    service = AssistantService(workspace)
    assert cites(service.ask(BRIBERY), "uncac art. 15")
    with open(workspace.index_dir / "chroma" / "chroma.sqlite3", "r+b") as db:
        db.write(os.urandom(64 * 1024))  # in place, under the open database

    for _ in range(2):  # reported every time, not just once
        with pytest.raises(IndexUnavailable, match=r"run 'python -m ingest build --force'"):
            service.ask(BRIBERY)

    built = run(
        "ingest", "build", "--force", env=clean_env(TREATY_DATA_DIR=str(workspace.data_dir))
    )
    assert built.returncode == 0, built.stderr
    assert "was damaged; it was replaced" in built.stdout
    after = service.ask(BRIBERY)
    assert cites(after, "uncac art. 15") and after.index == read_stamp(workspace).build_id


def test_a_stopped_chroma_server_is_reported_and_used_again_once_restarted(
    workspace, corpus, embeddings, tmp_path
):
    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    try:
        remote = workspace.model_copy(
            update={"chroma_host": "127.0.0.1", "chroma_port": server.port}
        )
        shutil.rmtree(remote.index_dir)
        small = Corpus([corpus.documents["budapest-protocol-xenophobia"]], corpus.manifest)
        build_index(remote, small, embeddings)
        service = AssistantService(remote)
        question = "What does the Budapest protocol say about denial of genocide?"
        assert cites(service.ask(question), "budapest-protocol-xenophobia art. 6")

        server.stop()
        with pytest.raises(IndexUnavailable, match=rf"Chroma server at {server.url} is running"):
            service.ask(question)

        server.start()
        assert cites(service.ask(question), "budapest-protocol-xenophobia art. 6")
    finally:
        server.stop()


def test_a_rebuild_while_questions_are_answered_gives_no_error_and_no_mixed_answer(
    workspace, tmp_path
):
    """Questions are asked without pause while a document is added (parse, then an incremental
    build) and removed again. Every answer must come whole from one build: its citations
    resolve and its quotes are verbatim in the corpus that build was made from."""
    service = AssistantService(workspace)
    corpora = {read_stamp(workspace).build_id: service.current().corpus}
    answers: list[Answer] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def keep_asking() -> None:
        questions = [BRIBERY, NOTES_QUESTION, "What does UNTOC art. 16(4) say?"]
        while not done.is_set():
            try:
                answers.append(service.ask(questions[len(answers) % len(questions)]))
            except BaseException as exc:  # any error at all fails the test
                errors.append(exc)
                return

    def version_now() -> None:
        """Record the new build's corpus, then wait until an answer came from that build."""
        build = read_stamp(workspace).build_id
        corpora[build] = Corpus.load(workspace.corpus_file, manifest_for(workspace))
        for _ in range(600):
            if not asker.is_alive() or any(a.index == build for a in answers[-3:]):
                return
            done.wait(0.2)

    notes = tmp_path / "notes.md"
    notes.write_text(NOTES)
    env = clean_env(TREATY_DATA_DIR=str(workspace.data_dir))
    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        added = run(
            "ingest", "-q", "add", str(notes), "--id", "workshop-notes", "--title", "Notes", env=env
        )
        assert added.returncode == 0, added.stderr
        version_now()
        with_notes = len(corpora)
        removed = run("ingest", "-q", "remove", "workshop-notes", env=env)
        assert removed.returncode == 0, removed.stderr
        version_now()
    finally:
        done.set()
        asker.join()

    assert not errors, errors
    assert with_notes == 2 and len(corpora) == 3  # three builds, each one answered from
    assert {a.index for a in answers} == set(corpora)
    for answer in answers:
        assert verify_answer(answer, corpora[answer.index]) == [], answer.index
    from_notes = [a for a in answers if a.question == NOTES_QUESTION and cites(a, "workshop-notes")]
    assert from_notes and {a.index for a in from_notes} == {list(corpora)[1]}
