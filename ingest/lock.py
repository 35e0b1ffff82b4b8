"""The one lock every write to the corpus and the index takes, and signals held off while a
few files must change together.

Two ``ingest add`` a few seconds apart used to interleave (one re-parsed the corpus while the
other built from its own older reading) and the index silently lost a document. Now every
command that writes (``parse``, ``build``, ``add``, ``remove``) holds ``<data dir>/.write.lock``
from the moment it reads the corpus until its last write; a second one waits for the first.
The lock is re-entrant within a process (``add`` parses and builds inside its own hold).
"""

from __future__ import annotations

import fcntl
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import BuildError
from assistant.settings import Settings

# How long a writer waits for another to finish (an add with a large document embeds for
# minutes); then it gives up with one line, having written nothing.
LOCK_WAIT = 900.0
_POLL = 0.2
_held: dict[Path, int] = {}  # lock file -> how many nested holds this process has


def lock_path(settings: Settings) -> Path:
    return settings.data_dir / ".write.lock"


@contextmanager
def write_lock(settings: Settings, wait: float | None = None) -> Iterator[None]:
    """Hold the data dir's write lock; wait up to ``wait`` seconds (``LOCK_WAIT``) for it."""
    path = lock_path(settings)
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path, "a")  # noqa: SIM115 (closed below, after the unlock)
    except OSError as exc:
        raise BuildError(
            f"cannot write in {settings.data_dir} ({exc.strerror}); ingest commands need a "
            "writable data dir (TREATY_DATA_DIR)"
        ) from None
    with lock:
        _acquire(lock, LOCK_WAIT if wait is None else wait)
        _held[path] = 1
        try:
            yield
        finally:
            _held.pop(path, None)
            fcntl.flock(lock, fcntl.LOCK_UN)


def _acquire(lock, wait: float) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise BuildError(
                    "another ingest command is writing the corpus or index; "
                    "wait for it to finish, then run this again"
                ) from None
        if not told and sys.stderr.isatty():  # a script gets its one line, or none
            print("waiting for another ingest command to finish…", file=sys.stderr)
            told = True
        time.sleep(_POLL)


_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_depth = [0]  # nesting of signals_deferred in the main thread
_arrived: list[int] = []  # signals held off by the outermost block


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the outermost such block is done (files that must
    change together); one that arrived meanwhile is raised as ``KeyboardInterrupt`` at its
    end. Python handlers, not a signal mask: the model's and Chroma's threads would still
    take a masked signal and interrupt the main thread. Outside the main thread (the app)
    no signal reaches the code, so nothing is changed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    if _depth[0] == 0:
        previous = {
            s: signal.signal(s, lambda signum, frame: _arrived.append(signum)) for s in _SIGNALS
        }
    _depth[0] += 1
    try:
        yield
    finally:
        _depth[0] -= 1
        if previous:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            if _arrived:
                _arrived.clear()
                raise KeyboardInterrupt


def interrupt_on_sigterm() -> None:
    """Make SIGTERM end the process the way Ctrl-C does, so the same clean-up runs."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
