"""A real ``chroma run`` server on a free loopback port, which a test can stop and start
again on the same data (to see what the assistant does when the server goes away)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from support.live_app import free_port


class ChromaServer:
    def __init__(self, path: Path):
        self.path = path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        chroma = Path(sys.executable).parent / "chroma"
        args = ["run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(
            [str(chroma), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1).raise_for_status()
                return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("chroma run did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
