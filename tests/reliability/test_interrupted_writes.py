"""Writers stopped half-way, by real signals: Ctrl-C (SIGINT) or SIGTERM during ``ingest add``
once its document has been recorded, and SIGKILL during a build.

An interrupted add used to print "nothing half-written was kept" while the document stayed
in the list and the sources, so every question then said the index was stale. Now it is
either kept and indexed, or undone to the byte, and the message says which. A killed build's
folder and collection used to stay until the next real build; a no-op build sweeps them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from support.index_state import (
    assert_index_serves_stamp,
    collection_names,
    snapshot_files,
    user_ids,
    write_notes,
)
from support.reliability import clean_env

from assistant.search.index import read_stamp
from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _ingest(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", "-q", *args],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition, what: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


# (signal, seconds after the document was recorded): during the re-parse, then the build.
CASES = [(signal.SIGINT, 0.0), (signal.SIGTERM, 0.0), (signal.SIGINT, 2.5), (signal.SIGTERM, 6.0)]


@pytest.mark.parametrize(("signum", "delay"), CASES, ids=lambda v: str(v))
def test_an_interrupted_add_is_kept_and_indexed_or_undone_to_the_byte(
    workspace, tmp_path, signum, delay
):
    env = clean_env(TREATY_DATA_DIR=str(workspace.data_dir))
    before = snapshot_files(workspace)
    notes = write_notes(tmp_path, "ferry", "ferry inspections")
    add = _ingest(env, "add", str(notes), "--id", "ferry-notes", "--title", "Ferry notes")
    _wait_for(lambda: "ferry-notes" in user_ids(workspace), "the document to be recorded")
    time.sleep(delay)
    os.kill(add.pid, signum)
    _, err = add.communicate(timeout=300)
    lines = err.strip().splitlines()
    assert "Traceback" not in err, err
    served = assert_index_serves_stamp(workspace)
    if add.returncode == 0:  # finished before the signal came
        assert served["ferry-notes"] > 0
        return
    assert len(lines) == 1, err
    if "it is kept" in lines[0]:
        assert read_stamp(workspace).corpus["ferry-notes"]
        assert served["ferry-notes"] > 0
    else:
        assert lines[0] == (
            "error: interrupted; adding 'ferry-notes' was undone: the document list, "
            "sources, corpus and index are as they were"
        )
        assert snapshot_files(workspace) == before
    if delay == 0:  # the signal came during the re-parse: too early to keep anything
        assert "was undone" in lines[0]


def test_a_no_op_build_sweeps_what_a_killed_build_left(workspace):
    env = clean_env(TREATY_DATA_DIR=str(workspace.data_dir))
    builds = workspace.index_dir / "builds"
    before = set(os.listdir(builds))
    build = _ingest(env, "build", "--force")
    _wait_for(lambda: set(os.listdir(builds)) - before, "the new build to start")
    (started,) = set(os.listdir(builds)) - before
    _wait_for(lambda: f"provisions-{started}" in collection_names(workspace), "its collection", 120)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert not (builds / started / "chunks.jsonl").exists(), "killed too late"

    done = subprocess.run(
        [sys.executable, "-m", "ingest", "build"],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "removed 1 unfinished build" in done.stdout
    assert "up to date" in done.stdout
    assert started not in os.listdir(builds)
    assert f"provisions-{started}" not in collection_names(workspace)
    assert_index_serves_stamp(workspace)
