"""Warm offline answer latency, per stage, over the development questions.

    .venv/bin/python bench/answer_bench.py [--passes 3] [--json bench/results/answer.json]

Uses the configured data dir (run `make corpus` first). "embed" is the cost of embedding the
question alone, the physical floor of a dense lookup, measured in the same run, question by
question with the answers (``timed_together``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answers.chain import Assistant  # noqa: E402
from assistant.evaluation.suite import load_suite  # noqa: E402
from assistant.settings import get_settings  # noqa: E402
from bench.common import timed_together  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "answer.json")
    opts = parser.parse_args()
    started = time.perf_counter()
    assistant = Assistant.from_settings(get_settings())
    load_s = time.perf_counter() - started
    cases = load_suite(ROOT / "eval" / "dev.yaml", assistant.corpus.manifest)
    conversations = [c.conversation for c in cases]
    stages: dict[str, list[float]] = {}

    def answer(index: str) -> None:
        *history, question = conversations[int(index)]
        for stage, ms in assistant.ask(question, history).timings.items():
            stages.setdefault(stage, []).append(ms)

    embeddings = assistant.retriever.index.store.embeddings
    questions = [str(i) for i in range(len(conversations))]
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "questions": len(questions),
        "load_s": round(load_s, 2),
        **timed_together(
            {
                "embed": lambda i: embeddings.embed_query(conversations[int(i)][-1]),
                "answer": answer,
            },
            questions,
            opts.passes,
        ),
    }
    results["stages_p50_ms"] = {s: round(statistics.median(v), 2) for s, v in stages.items()}
    results["answer_over_embed_p50"] = round(
        results["answer"]["p50_ms"] / results["embed"]["p50_ms"], 2
    )
    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(results, indent=2))
    a, e = results["answer"], results["embed"]
    print(f"# offline answers, {results['date']}, {len(questions)} questions x {opts.passes}\n")
    print("| what | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|")
    print(
        f"| whole answer (rewrite, retrieve, rerank, compose) | {a['p50_ms']} | {a['p95_ms']} | "
        f"{a['p99_ms']} |"
    )
    print(f"| embedding the question alone | {e['p50_ms']} | {e['p95_ms']} | {e['p99_ms']} |")
    print(f"\nanswer p50 / embed p50 = {results['answer_over_embed_p50']}; load {load_s:.1f} s")
    print("stages, p50 ms: " + ", ".join(f"{k} {v}" for k, v in results["stages_p50_ms"].items()))


if __name__ == "__main__":
    main()
