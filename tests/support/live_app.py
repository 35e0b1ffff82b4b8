"""The real app in a real browser: started as ``make run`` starts it (``python -m
assistant.ui.serve``, Streamlit with the model loading from the start) on a free loopback
port, and Debian's Chromium driven by playwright (no browser download). Used by the
end-to-end tests and by ``bench/app_bench.py``."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from assistant.settings import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google, which this
# closed network refuses; the app itself is only ever on 127.0.0.1.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(
    command: list[str], health: str, log_path: Path, timeout: float, env: dict | None = None
) -> Iterator[None]:
    """A server process, logging to ``log_path``, until ``health`` answers 200 (RuntimeError
    with the log's end if it dies or takes longer than ``timeout`` s); stopped afterwards."""
    log = open(log_path, "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(health, timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(f"{command[2]} did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextlib.contextmanager
def running_app(data_dir: Path, timeout: float = 120) -> Iterator[str]:
    """The app's server with its data in ``data_dir``; yields its URL once the server answers
    its health check (the model may still be loading), and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "TREATY_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    command = [
        sys.executable,
        "-m",
        "assistant.ui.serve",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
    ]
    url = f"http://127.0.0.1:{port}"
    log = data_dir / f"streamlit-{port}.log"
    with serving(command, f"{url}/_stcore/health", log, timeout, env):
        yield url


def launch_chromium(playwright):
    """Headless Debian Chromium with a fresh profile."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
