"""Throughput under concurrent questions: one shared ``Assistant`` (as the Streamlit app shares
it between sessions through ``st.cache_resource``) asked from N threads at once.

    .venv/bin/python bench/throughput_bench.py [--workers 1 2 4 8] [--questions 140]
        [--suite eval/dev.yaml] [--torch-threads N] [--json bench/results/throughput.json]

Uses the configured data dir (run `make corpus` first). For each concurrency level every
question is asked once (offline mode) by N threads that each take the next question when done:
N users asking one after another. Latency is what such a user waits (from the moment a thread
starts the question); questions/second is over the wall time of the level. Every answer is
compared with the one given sequentially (citations, abstention, text): a difference or an
exception under concurrency is a thread-safety problem and is reported. The results file keeps
one run per model thread count (``--torch-threads``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answers.answer import Answer  # noqa: E402
from assistant.answers.chain import Assistant  # noqa: E402
from assistant.evaluation.suite import load_suite  # noqa: E402
from assistant.settings import get_settings  # noqa: E402
from bench.common import summary  # noqa: E402


def fingerprint(answer: Answer) -> tuple:
    """What must not depend on how many questions run at once."""
    return (tuple(c.citation for c in answer.citations), answer.abstained, answer.text)


def level(
    assistant: Assistant, conversations: list[list[str]], workers: int, expected: list[tuple]
) -> dict:
    """Every conversation's last question asked once, ``workers`` at a time."""

    def ask(i: int) -> tuple[float, tuple | None, str | None]:
        *history, question = conversations[i]
        start = time.perf_counter()
        try:
            answer = assistant.ask(question, history)
        except Exception as exc:  # the point is to see them, not to stop at the first
            return (time.perf_counter() - start) * 1000, None, f"{type(exc).__name__}: {exc}"
        return (time.perf_counter() - start) * 1000, fingerprint(answer), None

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(ask, range(len(conversations))))
    wall = time.perf_counter() - started
    errors = [e for _, _, e in outcomes if e]
    differing = [
        conversations[i][-1]
        for i, (_, got, error) in enumerate(outcomes)
        if not error and expected and got != expected[i]
    ]
    return {
        "workers": workers,
        "questions": len(outcomes),
        "wall_s": round(wall, 2),
        "questions_per_s": round(len(outcomes) / wall, 2),
        **summary([ms for ms, _, _ in outcomes]),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "answers_differing": len(differing),
        "differing_examples": differing[:5],
    }


def save(path: Path, run: dict) -> None:
    """Keep one run per torch thread count in the results file (the others are kept)."""
    try:
        runs = json.loads(path.read_text())["runs"]
    except (OSError, ValueError, KeyError):
        runs = []
    runs = [r for r in runs if r["torch_threads"] != run["torch_threads"]] + [run]
    path.parent.mkdir(parents=True, exist_ok=True)
    runs.sort(key=lambda r: r["torch_threads"])
    path.write_text(json.dumps({"runs": runs}, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--questions", type=int, default=140, help="first N of the suite")
    parser.add_argument("--suite", type=Path, default=ROOT / "eval" / "dev.yaml")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "throughput.json")
    parser.add_argument(
        "--torch-threads", type=int, help="intra-op threads of the model (default: torch's)"
    )
    opts = parser.parse_args()
    import torch

    if opts.torch_threads:
        torch.set_num_threads(opts.torch_threads)
    started = time.perf_counter()
    assistant = Assistant.from_settings(get_settings())
    load_s = time.perf_counter() - started
    cases = load_suite(opts.suite, assistant.corpus.manifest)[: opts.questions]
    conversations = [c.conversation for c in cases]
    for conversation in conversations[:5]:  # warm up (first calls load lazily)
        assistant.ask(conversation[-1], conversation[:-1])
    expected = [fingerprint(assistant.ask(c[-1], c[:-1])) for c in conversations]
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "torch_threads": torch.get_num_threads(),
        "suite": str(opts.suite.resolve().relative_to(ROOT)),
        "load_s": round(load_s, 1),
        "levels": [level(assistant, conversations, w, expected) for w in opts.workers],
    }
    save(opts.json, results)
    print(f"# throughput, {results['date']}, {results['machine']}, {len(conversations)} questions")
    print(f"# one shared Assistant, offline answers; torch threads {results['torch_threads']}\n")
    print("| threads | questions/s | p50 ms | p95 ms | errors | answers differing |")
    print("|---|---|---|---|---|---|")
    for r in results["levels"]:
        print(
            f"| {r['workers']} | {r['questions_per_s']:.2f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['errors']} | {r['answers_differing']} |"
        )
    for r in results["levels"]:
        for example in r["error_examples"] + r["differing_examples"]:
            print(f"{r['workers']} threads: {example}")


if __name__ == "__main__":
    main()
