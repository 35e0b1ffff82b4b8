"""Load: many conversations at once against one ``AssistantService`` (what the app shares
between its browser sessions), for a number of rounds or minutes.

    .venv/bin/python bench/load_bench.py [--conversations 8] [--minutes 5]
        [--json bench/results/load.json]

Each of N threads holds its own conversation (a first question and follow-ups that only make
sense with that conversation's history) and starts it again when it ends. Every answer is
compared with the one the same turn gets when asked alone: any difference would mean one
session's history leaked into another's (cross-talk). Memory (the process's RSS) is sampled
after every round (and the Python heap, when tracemalloc traces); after the first rounds,
while caches fill, it should stop growing: growth per question then would be a leak. The reliability
suite runs a short version (``tests/reliability/test_load.py``); the docs record a long run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answers.service import AssistantService  # noqa: E402
from assistant.settings import get_settings  # noqa: E402
from bench.common import summary  # noqa: E402
from bench.throughput_bench import fingerprint  # noqa: E402

# Each conversation stays on its own instrument and topic; its follow-ups name neither, so
# they are answered from that conversation's history alone.
CONVERSATIONS = [
    ["What does UNCAC say about bribery of national public officials?", "And foreign ones?"],
    ["How does UNTOC define an organized criminal group?", "What must States criminalise?"],
    ["What does the Budapest Convention say about illegal access?", "And illegal interception?"],
    ["What does the trafficking protocol say about protecting victims?", "And repatriation?"],
    ["What does the smuggling protocol require at sea?", "What about border measures?"],
    ["How does the firearms protocol handle marking of firearms?", "And record-keeping?"],
    ["What does the cybercrime convention say about child sexual abuse material?", "Penalties?"],
    ["What does UNCAC say about asset recovery?", "And the return of assets?"],
    ["What does UNTOC say about extradition?", "What about mutual legal assistance?"],
    ["What does the Budapest Convention say about preservation of stored data?", "Jurisdiction?"],
]


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kib / 1024


@dataclass
class Round:
    """Memory at the end of one round of every conversation."""

    questions: int  # asked so far
    rss_mib: float  # the whole process (model, index, allocator)
    heap_mib: float | None  # Python objects alive, when tracemalloc is tracing


@dataclass
class LoadRun:
    conversations: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crosstalk: list[str] = field(default_factory=list)  # turns whose answer differed
    rounds: list[Round] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def questions(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def growth_kib_per_question(self, measure: str = "rss_mib", after: int = 1) -> float:
        """Growth of ``measure`` from the end of round ``after`` (warm-up: caches filling,
        the allocator's arenas for new threads) to the end, per question in between."""
        first, last = self.rounds[after - 1], self.rounds[-1]
        grown = getattr(last, measure) - getattr(first, measure)
        return grown * 1024 / max(last.questions - first.questions, 1)

    def figures(self) -> dict:
        half = max(len(self.rounds) // 2, 1)
        return {
            "conversations": self.conversations,
            "questions": self.questions,
            "rounds": len(self.rounds),
            "seconds": round(self.seconds, 1),
            "questions_per_s": round(self.questions / self.seconds, 2),
            "latency": summary(self.latencies_ms),
            "errors": len(self.errors),
            "crosstalk": len(self.crosstalk),
            "rss_mib_after_first_round": round(self.rounds[0].rss_mib, 1),
            "rss_mib_at_half": round(self.rounds[half - 1].rss_mib, 1),
            "rss_mib_at_end": round(self.rounds[-1].rss_mib, 1),
            "rss_growth_kib_per_question": round(self.growth_kib_per_question(), 2),
            "rss_growth_kib_per_question_second_half": round(
                self.growth_kib_per_question(after=half), 2
            ),
        }


def expected_answers(service: AssistantService, scripts: list[list[str]]) -> dict:
    """Each turn of each conversation asked alone: what the load must reproduce."""
    return {
        (n, turn): fingerprint(service.ask(script[turn], script[:turn]))
        for n, script in enumerate(scripts)
        for turn in range(len(script))
    }


def run_load(
    service: AssistantService,
    conversations: int = 8,
    rounds: int | None = None,
    seconds: float | None = None,
) -> LoadRun:
    """``conversations`` threads, each going through its conversation again and again, for
    ``rounds`` rounds or ``seconds`` (the round in progress is finished)."""
    scripts = [CONVERSATIONS[n % len(CONVERSATIONS)] for n in range(conversations)]
    expected = expected_answers(service, scripts)
    run, lock = LoadRun(conversations), threading.Lock()
    started = time.perf_counter()
    going = threading.Event()
    going.set()

    def end_of_round() -> None:  # run by one thread while the others wait at the barrier
        heap = None
        if tracemalloc.is_tracing():
            gc.collect()
            heap = tracemalloc.get_traced_memory()[0] / 2**20
        run.rounds.append(Round(run.questions, rss_mib(), heap))
        if rounds is not None and len(run.rounds) >= rounds:
            going.clear()
        if seconds is not None and time.perf_counter() - started >= seconds:
            going.clear()

    round_done = threading.Barrier(conversations, action=end_of_round)

    def converse(n: int) -> None:
        while going.is_set():
            for turn, question in enumerate(scripts[n]):
                clock = time.perf_counter()
                try:
                    answer = service.ask(question, scripts[n][:turn])
                except Exception as exc:  # counted, not raised: the run goes on
                    with lock:
                        run.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    run.latencies_ms.append((time.perf_counter() - clock) * 1000)
                    if fingerprint(answer) != expected[(n, turn)]:
                        run.crosstalk.append(f"conversation {n}, turn {turn}: {question}")
            round_done.wait()

    threads = [threading.Thread(target=converse, args=(n,)) for n in range(conversations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=8)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "load.json")
    opts = parser.parse_args()
    service = AssistantService(get_settings())
    service.current()  # model and index loaded before the clock starts
    run = run_load(service, opts.conversations, seconds=opts.minutes * 60)
    figures = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average": round(os.getloadavg()[0], 2),
        **run.figures(),
        "rss_mib_by_round": [round(r.rss_mib, 1) for r in run.rounds],
    }
    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(figures, indent=2) + "\n")
    latency = figures["latency"]
    print(
        "| conversations | questions | q/s | p50 ms | p95 ms | p99 ms | errors | cross-talk "
        "| RSS MiB (round 1 → half → end) | growth KiB/question, second half |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {run.conversations} | {run.questions} | {figures['questions_per_s']} "
        f"| {latency['p50_ms']:.0f} | {latency['p95_ms']:.0f} | {latency['p99_ms']:.0f} "
        f"| {len(run.errors)} | {len(run.crosstalk)} "
        f"| {figures['rss_mib_after_first_round']} → {figures['rss_mib_at_half']} "
        f"→ {figures['rss_mib_at_end']} | {figures['rss_growth_kib_per_question_second_half']} |"
    )


if __name__ == "__main__":
    main()
