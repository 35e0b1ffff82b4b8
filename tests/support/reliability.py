"""What the reliability tests share: running the real commands, judging an error message, and a
scripted OpenAI-compatible "model" on 127.0.0.1 whose replies each test writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from assistant.settings import PROJECT_ROOT

# Set by a test that must see a secret; everything else gets a clean environment.
_DROPPED = ("TREATY_", "OPENAI_", "OLLAMA_")


def clean_env(**extra: str) -> dict[str, str]:
    """The test process's environment without any TREATY_/OPENAI_ setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED)}
    # but no multilingual collection (tests/conftest.py): each 'ingest build' would embed
    # the corpus a second time, minutes on 2 cores
    env["TREATY_MULTILINGUAL"] = "false"
    env["TREATY_MODELS_DIR"] = os.environ["TREATY_MODELS_DIR"]  # the adapted model (conftest)
    env.update(extra)
    return env


def run(
    *args: str,
    env: dict[str, str],
    cwd: Path = PROJECT_ROOT,
    prefix: tuple[str, ...] = (),
    timeout: float = 300,
) -> subprocess.CompletedProcess:
    """``python -m <args>`` as a user runs it (``prefix``: e.g. a network namespace)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )


def one_clear_error(result: subprocess.CompletedProcess) -> str:
    """The one line a failed command printed: non-zero exit, no traceback, nothing else."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


# --- a scripted model ------------------------------------------------------------------------


class ScriptedModel(ThreadingHTTPServer):
    """POST /v1/chat/completions (JSON or server-sent events). Each reply is a function of the
    request, so a "model" can obey an injected instruction, repeat its system prompt, or echo
    the key it was sent."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: deque[Callable[[dict, dict], str]] = deque()
        self.requests: list[dict] = []
        self.status = 200
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def will_say(self, reply: str | Callable[[dict, dict], str]) -> None:
        """The next reply: fixed text, or ``reply(body, headers)``."""
        self.replies.append(reply if callable(reply) else (lambda body, headers: reply))

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedModel

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.requests.append({"body": body, "headers": headers})
        if self.server.status != 200:  # a failing server that echoes the request headers
            payload = json.dumps({"error": {"message": json.dumps(headers)}}).encode()
            self._send(self.server.status, payload, "application/json")
            return
        make = self.server.replies.popleft() if self.server.replies else (lambda b, h: "")
        content = make(body, headers)
        base = {"id": "chatcmpl-1", "created": 0, "model": body.get("model", "?")}
        if not body.get("stream"):
            message = {"role": "assistant", "content": content}
            choice = {"index": 0, "message": message, "finish_reason": "stop"}
            completion = {**base, "object": "chat.completion", "choices": [choice]}
            self._send(200, json.dumps(completion).encode(), "application/json")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in [*re.findall(r"\S+\s*", content), None]:
            delta = {"content": piece} if piece is not None else {}
            choice = {"index": 0, "delta": delta, "finish_reason": None if piece else "stop"}
            chunk = {**base, "object": "chat.completion.chunk", "choices": [choice]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def _send(self, status: int, payload: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


def system_prompt_of(body: dict) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "system")


def user_prompt_of(body: dict) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")
