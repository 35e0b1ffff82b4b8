"""The assistant in a long-running process (the app): it follows the index as it is rebuilt,
breaks and comes back, so that nobody has to restart the server.

- A question is answered wholly by one build: the assistant that starts answering keeps its
  corpus and index to the end, so no answer mixes two versions.
- A new build (``ingest build`` switched ``current.json``) is picked up at the next question.
- An index that is deleted, damaged or unreachable (Chroma server stopped) is reported as
  ``IndexUnavailable``, whose message says what to run, and is opened again at the next
  question once it is back.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import torch
from chromadb.api.shared_system_client import SharedSystemClient

from assistant.answers.answer import Answer
from assistant.answers.chain import Answering, Assistant, Mode
from assistant.errors import IndexUnavailable
from assistant.search.index import read_stamp, stamp_path
from assistant.settings import Settings


class AssistantService(Answering):
    def __init__(self, settings: Settings):
        self.settings = settings
        if settings.query_threads:
            # A question is embedded in ~15 ms; splitting that over every core makes each
            # question wait for the slowest of them, and in a server the cores are shared
            # (the browser, other sessions' questions): one thread was 2–3× faster there.
            torch.set_num_threads(settings.query_threads)
        self._assistant: Assistant | None = None
        self._lock = threading.Lock()  # one reload at a time; questions never wait on it

    @property
    def loaded(self) -> bool:
        return self._assistant is not None

    def current(self) -> Assistant:
        """The assistant of the index build now current, opened on first use or after a
        rebuild (raises IndexUnavailable, CorpusError... with what to run)."""
        stamp = read_stamp(self.settings)
        if stamp is None:
            self._drop(None)
            raise IndexUnavailable(
                f"the index is missing or unreadable ({stamp_path(self.settings)}); "
                "run 'python -m ingest build'"
            )
        assistant = self._assistant
        if assistant is not None and assistant.retriever.index.stamp.build_id == stamp.build_id:
            return assistant
        with self._lock:
            assistant = self._assistant
            if assistant is None or assistant.retriever.index.stamp.build_id != stamp.build_id:
                try:
                    assistant = self._assistant = Assistant.from_settings(self.settings)
                except IndexUnavailable:
                    SharedSystemClient.clear_system_cache()  # never keep a broken client
                    raise
            return assistant

    def stream(
        self,
        question: str,
        history: Sequence[str] = (),
        mode: Mode = "offline",
        instruments: list[str] | None = None,
    ) -> Iterator[str | Answer]:
        """``Assistant.stream`` on the current build. When that build's store fails before
        anything was shown (a newer build swept it, the files broke), the question is asked
        once more of whatever build is current then."""
        assistant, shown = self.current(), False
        try:
            for item in assistant.stream(question, history, mode, instruments):
                shown = True
                yield item
            return
        except IndexUnavailable:
            self._drop(assistant)
            if shown:
                raise
        yield from self.current().stream(question, history, mode, instruments)

    def _drop(self, broken: Assistant | None) -> None:
        """Forget a build that failed (or every build, when the index is gone), and Chroma's
        per-process clients with it: an embedded client keeps its database file open, so one
        deleted and rebuilt on disk would never be seen again."""
        with self._lock:
            if self._assistant is not None and broken in (None, self._assistant):
                self._assistant = None
                SharedSystemClient.clear_system_cache()
