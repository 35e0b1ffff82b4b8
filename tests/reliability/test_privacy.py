"""Privacy and network: nothing leaves the machine at run time, conversations are written
nowhere, and an LLM API key is never shown, logged or written.

The full ask path runs (1) in a network namespace where only loopback exists, and (2) with
every socket connection recorded by a ``sitecustomize`` hook, failing on any address that is
not loopback; a control run shows the hook does catch one. Streamlit's usage statistics and
Chroma's telemetry are read off the real configuration objects.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from support.reliability import clean_env, run

from assistant.search.index import chroma_client
from assistant.settings import PROJECT_ROOT, get_settings

QUESTION = "Does UNCAC oblige States to criminalise bribery of national public officials?"
KEY = "sk-MARKER-never-show-7f3a9c"

RECORDER = """
import json, os, socket
_log = os.environ["CONNECTIONS_LOG"]
_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo

def _record(kind, address):
    with open(_log, "a") as out:
        out.write(json.dumps([kind, str(address)]) + "\\n")

def connect(self, address):
    _record(socket.AddressFamily(self.family).name, address)
    return _connect(self, address)

def connect_ex(self, address):
    _record(socket.AddressFamily(self.family).name, address)
    return _connect_ex(self, address)

def getaddrinfo(host, *args, **kwargs):
    _record("dns", host)
    return _getaddrinfo(host, *args, **kwargs)

socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
socket.getaddrinfo = getaddrinfo
"""
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def connections(tmp_path: Path, *args: str, env: dict[str, str]) -> list[list[str]]:
    """Run ``python <args>`` with every connection and name lookup recorded."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(RECORDER)
    log = tmp_path / "connections.log"
    log.write_text("")
    env = {**env, "PYTHONPATH": str(hook), "CONNECTIONS_LOG": str(log)}
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in log.read_text().splitlines()]


def outside(recorded: list[list[str]]) -> list[list[str]]:
    """Recorded connections and lookups of anything but loopback (Unix sockets are local)."""
    return [
        [kind, address]
        for kind, address in recorded
        if "AF_UNIX" not in kind
        and address not in LOOPBACK
        and not any(address.startswith(f"('{host}',") for host in LOOPBACK)
    ]


def test_the_connection_recorder_catches_a_connection_to_the_outside(tmp_path):
    probe = (
        "import socket; s = socket.socket(); s.settimeout(0.2)\n"
        "try: s.connect(('192.0.2.1', 80))\nexcept OSError: pass"
    )
    recorded = connections(tmp_path, "-c", probe, env=clean_env())
    assert outside(recorded) == [["AF_INET", "('192.0.2.1', 80)"]]


def test_the_ask_path_connects_to_nothing_but_loopback(indexed_settings, tmp_path):
    """Without HF_HUB_OFFLINE or ANONYMIZED_TELEMETRY in the environment: the code itself must
    keep the model hub and Chroma's telemetry out of it."""
    env = clean_env(TREATY_DATA_DIR=str(indexed_settings.data_dir))
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY"):
        env.pop(name, None)
    recorded = connections(tmp_path, "-m", "assistant", "ask", QUESTION, "--json", env=env)
    assert outside(recorded) == []


@pytest.fixture
def no_network() -> tuple[str, ...]:
    """A command prefix that runs its command in a new network namespace with only loopback."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare/ip not available")
    prefix = ("unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "sh")
    if subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot create a network namespace here")
    return prefix


def test_the_namespace_really_has_no_network(no_network):
    probe = (
        "import socket; s = socket.socket(); s.settimeout(2)\n"
        "try: s.connect(('192.0.2.1', 80)); print('connected')\n"
        "except OSError as e: print('unreachable', e.errno)"
    )
    result = subprocess.run(
        [*no_network, sys.executable, "-c", probe], capture_output=True, text=True
    )
    assert result.stdout.startswith("unreachable"), result.stdout + result.stderr


def test_the_whole_ask_path_works_without_any_network(indexed_settings, no_network):
    env = clean_env(TREATY_DATA_DIR=str(indexed_settings.data_dir))
    asked = run("assistant", "ask", QUESTION, "--json", env=env, prefix=no_network)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert "uncac art. 15" in [c["citation"].split("(")[0] for c in answer["citations"]]


def test_streamlit_usage_statistics_are_off():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=clean_env(),
    )
    assert "\ngatherUsageStats = false\n" in shown.stdout


def test_chroma_telemetry_is_off(indexed_settings):
    client = chroma_client(indexed_settings)
    assert client.get_settings().anonymized_telemetry is False


# --- nothing written -------------------------------------------------------------------------


def files_under(*roots: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for root in roots for p in root.rglob("*") if p.is_file()}


def test_a_conversation_is_written_nowhere(assistant, workspace, tmp_path):
    """After asking through the assistant and the command line, no file anywhere we look at
    (data dir, home, working dir, temp dir) holds the question, and no file is new."""
    marker = "zebra-quokka-4471"
    home, cwd, tmp = tmp_path / "home", tmp_path / "cwd", tmp_path / "tmp"
    for folder in (home, cwd, tmp):
        folder.mkdir()
    roots = (workspace.data_dir, home, cwd, tmp)
    before = files_under(*roots)
    data_before = files_under(assistant.settings.data_dir)
    assistant.ask(f"{QUESTION} {marker}")
    env = clean_env(TREATY_DATA_DIR=str(workspace.data_dir), HOME=str(home), TMPDIR=str(tmp))
    asked = run("assistant", "ask", f"{QUESTION} {marker}", env=env, cwd=cwd)
    assert asked.returncode == 0 and marker not in asked.stderr
    after = files_under(*roots)
    assert sorted(set(after) - set(before)) == []
    assert [p for p, data in after.items() if marker.encode() in data] == []
    data_after = files_under(assistant.settings.data_dir)
    assert [p for p, data in data_after.items() if marker.encode() in data] == []
    assert set(data_after) == set(data_before)


# --- the API key -----------------------------------------------------------------------------


def test_the_api_key_is_never_printed_even_by_a_server_that_echoes_it(
    indexed_settings, model_server
):
    env = clean_env(
        TREATY_DATA_DIR=str(indexed_settings.data_dir),
        TREATY_LLM_PROVIDER="openai",
        TREATY_LLM_BASE_URL=model_server.url,
        TREATY_LLM_MODEL="echo-model",
        TREATY_LLM_API_KEY=KEY,
    )
    model_server.will_say(
        lambda body, headers: f"Your key is {headers['authorization']} [uncac art. 15]."
    )
    answered = run("assistant", "ask", QUESTION, "--mode", "llm", "--json", env=env)
    assert model_server.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["mode"] == "llm"
    assert KEY not in answered.stdout + answered.stderr
    model_server.status = 401  # a failing server whose error body holds the key
    failed = run("assistant", "ask", QUESTION, "--mode", "llm", env=env)
    assert "returned an error (HTTP 401)" in failed.stdout
    assert KEY not in failed.stdout + failed.stderr


def rendered(node) -> str:
    """Every element the app rendered, as protobuf text (labels, values, captions, ...)."""
    out = [str(getattr(node, "proto", ""))]
    for child in getattr(node, "children", {}).values():
        out.append(rendered(child))
    return "\n".join(out)


def test_the_app_never_shows_or_logs_the_api_key(
    indexed_settings, model_server, monkeypatch, caplog, capsys
):
    for name, value in {
        "TREATY_DATA_DIR": str(indexed_settings.data_dir),
        "TREATY_LLM_PROVIDER": "openai",
        "TREATY_LLM_BASE_URL": model_server.url,
        "TREATY_LLM_MODEL": "echo-model",
        "TREATY_LLM_API_KEY": KEY,
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    st.cache_resource.clear()
    caplog.set_level(logging.DEBUG)
    model_server.will_say(lambda body, headers: f"Key {headers['authorization']} [uncac art. 15].")
    try:
        at = AppTest.from_file(str(PROJECT_ROOT / "streamlit_app.py"), default_timeout=120).run()
        at = at.radio(key="mode").set_value("llm").run()
        at = at.chat_input[0].set_value(QUESTION).run()
        assert not at.exception
        assert "LLM (echo-model)" in rendered(at._tree)
        assert "**UNCAC art. 15**" in rendered(at._tree)  # the model's answer is shown ...
        assert KEY not in rendered(at._tree)  # ... without the key it echoed
    finally:
        get_settings.cache_clear()
        st.cache_resource.clear()
    captured = capsys.readouterr()
    assert KEY not in caplog.text + captured.out + captured.err
