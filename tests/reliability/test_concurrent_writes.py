"""Writers racing each other, as real processes: two ``ingest add`` of different documents a
moment apart, and two ``ingest add`` of one id at the same moment, round after round on one
data dir. Before the write lock, the first race left the index without the second document
("up to date" all the same) and the second recorded the id twice, breaking every command.

After every round the document list, the corpus, the stamp and the chunks Chroma serves for
each document must agree (``support.index_state``).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time

import pytest
from support.index_state import assert_index_serves_stamp, user_ids, write_notes
from support.reliability import clean_env

from assistant.search.index import read_stamp
from assistant.settings import PROJECT_ROOT

# Each round is four processes and three builds (about a minute on a busy 2-core machine).
ROUNDS = 5
# Seconds between the two adds of different documents, one per round: from "at once" to
# "the first is embedding when the second starts" (the gap that lost documents, ~2.5 s).
GAPS = [0.0, 1.2, 2.5, 3.5, 5.0]

pytestmark = pytest.mark.slow


def _add(env: dict[str, str], path, doc_id: str, title: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", "-q", "add", str(path), "--id", doc_id, "--title", title],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen) -> tuple[int, str]:
    _, err = process.communicate(timeout=600)
    return process.returncode, err


def test_racing_adds_lose_nothing_and_never_record_an_id_twice(workspace, tmp_path):
    env = clean_env(TREATY_DATA_DIR=str(workspace.data_dir))
    for round_ in range(ROUNDS):
        first = write_notes(tmp_path, f"first-{round_}", f"harbour pilots {round_}")
        second = write_notes(tmp_path, f"second-{round_}", f"mountain rescue {round_}")
        twins = [write_notes(tmp_path, f"twin-{round_}-{i}", f"bee keeping {i}") for i in (1, 2)]
        processes = [
            _add(env, first, f"first-{round_}", f"Harbour pilot notes {round_}"),
            *(_add(env, t, f"twin-{round_}", f"Bee keeping notes {round_}") for t in twins),
        ]
        time.sleep(GAPS[round_ % len(GAPS)])
        processes.append(_add(env, second, f"second-{round_}", f"Mountain notes {round_}"))
        (code_first, err_first), *twin_results, (code_second, err_second) = map(_finish, processes)
        assert (code_first, code_second) == (0, 0), err_first + err_second
        codes = sorted(code for code, _ in twin_results)
        assert codes == [0, 1], twin_results
        loser = next(err for code, err in twin_results if code == 1).strip().splitlines()
        assert len(loser) == 1 and loser[0].startswith("error: "), loser
        assert f"'twin-{round_}' exists" in loser[0]
        winner = next(t for t, (code, _) in zip(twins, twin_results, strict=True) if code == 0)

        served = assert_index_serves_stamp(workspace)
        assert user_ids(workspace).count(f"twin-{round_}") == 1
        for doc_id in (f"first-{round_}", f"second-{round_}", f"twin-{round_}"):
            assert served[doc_id] > 0, (round_, doc_id, served)
        twin_sha = read_stamp(workspace).corpus[f"twin-{round_}"]
        assert twin_sha == hashlib.sha256(winner.read_bytes()).hexdigest()
