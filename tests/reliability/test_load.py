"""Eight conversations at once against one ``AssistantService`` (the app shares one between
its browser sessions): no errors, no cross-talk between histories, and no memory kept per
question. A short run here; ``bench/load_bench.py`` makes the long one recorded in
docs/reliability.md (with the process's RSS, which only levels off after a few hundred
questions, too slowly to judge in a short run)."""

from __future__ import annotations

import tracemalloc

from assistant.answers.service import AssistantService
from bench.load_bench import run_load

ROUNDS = 8  # of each conversation: 8 × 8 × 2 = 128 questions


def test_eight_concurrent_conversations_keep_to_themselves_and_leak_no_memory(indexed_settings):
    tracemalloc.start()
    try:
        run = run_load(AssistantService(indexed_settings), conversations=8, rounds=ROUNDS)
    finally:
        tracemalloc.stop()
    assert run.errors == []
    assert run.crosstalk == []
    assert run.questions == 8 * ROUNDS * 2 and len(run.rounds) == ROUNDS
    # The same 16 turns again and again: once warm, every Python object made for a question
    # must be freed. Keeping just one answer (a few KiB) per question would fail this.
    assert run.growth_kib_per_question("heap_mib", after=3) < 1, run.rounds
