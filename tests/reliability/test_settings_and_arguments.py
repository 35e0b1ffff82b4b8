"""Settings, arguments and suites that cannot be used end in one line that says what is wrong,
before any work starts — never in a traceback, a crash mid-run or a message about something
else. Each case is run as a user runs it (``python -m assistant …``, ``python -m ingest …``)
and checked with ``one_clear_error``: exit code 1, exactly one line on stderr, no traceback.
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from support.chroma_server import ChromaServer
from support.live_app import free_port
from support.reliability import clean_env, one_clear_error, run

from assistant.answers.markdown import literal
from assistant.settings import PROJECT_ROOT, Settings, get_settings

BINARY = b"\x89PNG\r\n\x1a\n\x00\xff\xfe binary \x00\x01"
QUESTION = "Does UNCAC require States to criminalise bribery of national public officials?"


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    """A folder, a binary file, malformed TOML (its error on line 3), a missing path."""
    folder = tmp_path / "a-folder"
    folder.mkdir()
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b'[[document]]\nid = "x"\n' + BINARY)
    malformed = tmp_path / "malformed.toml"
    malformed.write_text('[[document]]\nid = "x"\ntitle = \n')
    return {"dir": folder, "binary": binary, "malformed": malformed, "missing": tmp_path / "no"}


def env_with(settings: Settings, **extra: str) -> dict[str, str]:
    return clean_env(**{"TREATY_DATA_DIR": str(settings.data_dir), **extra})


# --- settings, checked when read ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("TREATY_QUERY_THREADS", "100000", "TREATY_QUERY_THREADS: Input should be less than"),
        ("TREATY_QUERY_THREADS", "-1", "TREATY_QUERY_THREADS: Input should be greater"),
        ("TREATY_CHROMA_PORT", "70000", "TREATY_CHROMA_PORT: Input should be less than"),
        ("TREATY_DATA_DIR", "", "TREATY_DATA_DIR: is empty; unset it or give a path"),
        ("TREATY_MIRROR_DIR", "{missing}", "TREATY_MIRROR_DIR: {missing} not found"),
        ("TREATY_EMBEDDING_MODEL", "/nonexistent/model", "/nonexistent/model is not a model"),
        ("TREATY_LLM_BASE_URL", "localhost:8080", "is not an http:// or https:// address"),
        ("TREATY_MANIFEST", "{dir}", "manifest {dir} is a directory"),
        ("TREATY_MANIFEST", "{binary}", "manifest {binary} is not UTF-8 text (line 3)"),
        ("TREATY_MANIFEST", "{malformed}", "is not valid TOML: Invalid value (at line 3"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 24 else None,
)
def test_a_setting_that_cannot_be_used_is_one_line_naming_it(
    built_settings, files, name, value, says
):
    paths = {k: str(v) for k, v in files.items()}
    env = env_with(built_settings, **{name: value.format(**paths)})
    line = one_clear_error(run("assistant", "ask", QUESTION, env=env))
    assert says.format(**paths) in line


@pytest.mark.parametrize(
    "command",
    [
        ("assistant", "show", "uncac art. 15"),
        ("assistant", "eval", "tests/qa/golden.yaml"),
        ("assistant", "chat"),
        ("ingest", "list"),
        ("ingest", "-q", "build"),
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_front_end_says_a_bad_setting_in_the_same_one_line(built_settings, files, command):
    """A binary manifest, from every command (``ask`` is above; the app: below)."""
    env = env_with(built_settings, TREATY_MANIFEST=str(files["binary"]))
    line = one_clear_error(run(*command, env=env))
    assert line == f"error: manifest {files['binary']} is not UTF-8 text (line 3)"


def test_a_model_that_cannot_be_loaded_is_one_line_from_ingest_build(built_settings, tmp_path):
    """A folder that exists but holds no model (the settings cannot know): said when loading."""
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    env = env_with(built_settings, TREATY_EMBEDDING_MODEL=str(empty))
    line = one_clear_error(run("ingest", "-q", "build", "--force", env=env))
    assert f"TREATY_EMBEDDING_MODEL: cannot load the model '{empty}'" in line


def test_a_binary_dotenv_file_is_one_line(built_settings, tmp_path):
    (tmp_path / ".env").write_bytes(BINARY)
    result = run("assistant", "show", "uncac art. 15", env=env_with(built_settings), cwd=tmp_path)
    line = one_clear_error(result)
    assert f"cannot read the settings file {tmp_path / '.env'}: not UTF-8 text" in line


def test_an_incomplete_llm_set_up_still_answers_offline(indexed_settings):
    """TREATY_LLM_PROVIDER without the rest: offline answers as usual; llm mode is one line
    (tests/test_errors.py) before anything loads."""
    env = env_with(indexed_settings, TREATY_LLM_PROVIDER="openai")
    result = run("assistant", "ask", QUESTION, env=env)
    assert result.returncode == 0, result.stderr
    assert "UNCAC art. 15" in result.stdout
    line = one_clear_error(run("assistant", "chat", "--mode", "llm", env=env))
    assert "TREATY_LLM_BASE_URL is not set" in line


def test_the_app_shows_a_bad_setting_as_one_message(monkeypatch, built_settings, files):
    monkeypatch.setenv("TREATY_DATA_DIR", str(built_settings.data_dir))
    monkeypatch.setenv("TREATY_MANIFEST", str(files["binary"]))
    get_settings.cache_clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120).run()
    finally:
        get_settings.cache_clear()
        st.cache_resource.clear()
    assert not at.exception
    # The message as Markdown that shows it literally (a path's "_" would be emphasis).
    said = f"manifest {files['binary']} is not UTF-8 text (line 3)"
    assert [e.value for e in at.error] == [literal(said)]


# --- arguments, checked before any work starts ----------------------------------------------


@pytest.mark.parametrize("kind", ["missing", "dir", "binary"])
def test_a_history_file_that_cannot_be_read_is_said_before_anything_loads(tmp_path, files, kind):
    """With no corpus and no index at all: had anything loaded first, that would be said."""
    env = clean_env(TREATY_DATA_DIR=str(tmp_path / "empty"))
    line = one_clear_error(run("assistant", "ask", "q", "--history", str(files[kind]), env=env))
    assert line.startswith(f"error: cannot read --history {files[kind]}: ")


def test_a_history_of_2000_turns_is_answered(indexed_settings, tmp_path):
    """Before: RecursionError at about 970 turns (chat and the app share the code)."""
    history = tmp_path / "history.txt"
    lines = [f"What does UNTOC say about extradition, question {i}?" for i in range(1999)]
    history.write_text("\n".join([*lines, "And what about UNCAC?"]))
    result = run(
        "assistant", "ask", "And UNCAC?", "--history", str(history), env=env_with(indexed_settings)
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "(searched: And UNCAC? extradition question)" in result.stdout


def test_an_unknown_instrument_id_is_refused_by_name_with_the_valid_ids(built_settings):
    for command in ("ask", "chat"):
        argv = [command, "--instrument", "UNCAC"] + (["q"] if command == "ask" else [])
        line = one_clear_error(run("assistant", *argv, env=env_with(built_settings)))
        assert line.startswith("error: --instrument UNCAC: no such document id (known: ")
        assert ", uncac, " in line


SUITES = {
    "turns-empty.yaml": (
        "- {id: a, question: Is bribery a crime under UNCAC, expected_citations: [uncac]}\n"
        "- {id: b, turns: [], expected_citations: [uncac art. 15]}\n",
        "b: turns: List should have at least 1 item",
    ),
    "empty.yaml": ("[]\n", "has no cases"),
    "broken.jsonl": (
        '{"id": "a", "question": "q", "expect_abstain": true}\n\n{"id": broken\n',
        "line 3: not valid JSON",
    ),
    "promptfoo.yaml": (
        "- description: a\n  vars:\n    question: q\n  metadata: just a note\n",
        "promptfoo test 1: metadata must be a mapping, not 'just a note'",
    ),
    "instruments.yaml": (
        "- {id: a, question: q, expected_citations: [uncac art. 15], instruments: [UNCAC]}\n",
        "a: unknown document id 'UNCAC' (known: cybercrime-convention, ",
    ),
    "article-99.yaml": (
        "- {id: a, question: q, expected_citations: [uncac art. 99]}\n",
        "a: uncac art. 99: no such provision (UNCAC has articles 1–71",
    ),
}


@pytest.mark.parametrize("name", list(SUITES))
def test_a_suite_that_cannot_be_run_is_refused_before_the_run(built_settings, tmp_path, name):
    """Before: 'turns: []' crashed after the first case, an empty suite passed, the broken
    line was called line 1, the promptfoo metadata a traceback, the unknown ids were run."""
    body, says = SUITES[name]
    (tmp_path / name).write_text(body)
    line = one_clear_error(
        run("assistant", "eval", str(tmp_path / name), env=env_with(built_settings))
    )
    assert says in line


@pytest.mark.parametrize("flag", ["--report-md", "--report-json", "--junit", "--ragas"])
def test_an_output_path_that_cannot_be_written_is_refused_before_the_run(
    built_settings, tmp_path, flag
):
    folder = tmp_path / "reports"
    folder.mkdir()
    (tmp_path / "a-file").write_text("")
    env = env_with(built_settings)
    line = one_clear_error(
        run("assistant", "eval", "tests/qa/golden.yaml", flag, str(folder), env=env)
    )
    assert line == f"error: {flag} {folder} is a directory; give a file name, e.g. {folder}/report"
    under_a_file = tmp_path / "a-file" / "report"
    line = one_clear_error(
        run("assistant", "eval", "tests/qa/golden.yaml", flag, str(under_a_file), env=env)
    )
    assert line.startswith(f"error: {flag} {under_a_file}: cannot create its folder")


def test_a_tag_no_case_has_is_an_error_not_an_empty_run(built_settings):
    env = env_with(built_settings)
    line = one_clear_error(
        run("assistant", "eval", "tests/qa/golden.yaml", "--tag", "nope", env=env)
    )
    assert line == "error: no case of tests/qa/golden.yaml has the tag nope"


# --- messages that say what is actually wrong -----------------------------------------------


def _read_only(data_dir: Path, *command: str) -> subprocess.CompletedProcess:
    """``command`` with ``data_dir`` mounted read-only (a private mount namespace; running
    as root, permissions alone would not stop a write)."""
    script = (
        f'mount --bind "{data_dir}" "{data_dir}" && '
        f'mount -o remount,ro,bind "{data_dir}" && exec "$@"'
    )
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare")
    probe = subprocess.run([unshare, "-rm", "sh", "-c", script, "sh", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"mount namespaces not allowed here: {probe.stderr.decode()[:80]}")
    prefix = (unshare, "-rm", "sh", "-c", script, "sh")
    return run(*command, env=env_with(Settings(data_dir=data_dir)), prefix=prefix)


def test_a_read_only_data_dir_is_answered_from(workspace):
    """Before: "the index … is damaged …; run 'python -m ingest build --force'" (wrong: the
    index was fine; embedded Chroma writes its database even to read it, so a read-only
    data dir is read from a private copy)."""
    result = _read_only(workspace.data_dir, "assistant", "ask", QUESTION)
    assert result.returncode == 0, result.stderr
    assert "UNCAC art. 15" in result.stdout


def test_a_closed_chroma_port_says_the_server_is_unreachable_and_how_to_start_it(workspace):
    port = free_port()
    env = env_with(workspace, TREATY_CHROMA_HOST="127.0.0.1", TREATY_CHROMA_PORT=str(port))
    line = one_clear_error(run("assistant", "ask", QUESTION, env=env))
    assert f"nothing answers at http://127.0.0.1:{port} (ConnectError)" in line
    assert f"'chroma run --host 127.0.0.1 --port {port}'" in line
    assert "--force" not in line


def test_a_web_server_that_is_not_chroma_is_named_as_such(workspace):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = str(server.server_address[1])
        env = env_with(workspace, TREATY_CHROMA_HOST="127.0.0.1", TREATY_CHROMA_PORT=port)
        line = one_clear_error(run("assistant", "ask", QUESTION, env=env))
    finally:
        server.shutdown()
        server.server_close()
    assert line == (
        f"error: http://127.0.0.1:{port} is not a Chroma server (HTTP 404, text/html, to "
        "/api/v2/heartbeat); check TREATY_CHROMA_HOST and TREATY_CHROMA_PORT"
    )


def test_an_index_built_embedded_asked_of_a_chroma_server_says_to_build(workspace, tmp_path):
    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    try:
        env = env_with(
            workspace, TREATY_CHROMA_HOST="127.0.0.1", TREATY_CHROMA_PORT=str(server.port)
        )
        line = one_clear_error(run("assistant", "ask", QUESTION, env=env))
    finally:
        server.stop()
    assert line == (
        f"error: the index was built in embedded, not in {server.url} (TREATY_CHROMA_HOST "
        "changed); run 'python -m ingest build'"
    )
