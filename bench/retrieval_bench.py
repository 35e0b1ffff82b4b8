"""Retrieval benchmark: parse and build times, index size, peak memory, and warm query latency
per stage, with the naive LangChain baseline and BM25 alone measured in the same run.

    .venv/bin/python bench/retrieval_bench.py [--queries 3] [--json bench/results/retrieval.json]

Runs in a scratch data dir (the corpus is fetched from the mirror); prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answers.chain import Assistant  # noqa: E402
from assistant.answers.conversation import standalone_question  # noqa: E402
from assistant.evaluation.baselines import BM25Retriever, NaiveRetriever  # noqa: E402
from assistant.evaluation.metrics import summarise  # noqa: E402
from assistant.evaluation.runner import AssistantSystem, BaselineSystem, run_suite  # noqa: E402
from assistant.evaluation.suite import load_suite  # noqa: E402
from assistant.search.retriever import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from bench.common import recall_figures, timed  # noqa: E402


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def size_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=3, help="passes over the question set")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "retrieval.json")
    opts = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="treaty-bench-"))
    env = {**os.environ, "TREATY_DATA_DIR": str(data)}
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
    }
    run(["-m", "ingest", "-q", "fetch"], env)
    results["parse_s"], _ = run(["-m", "ingest", "-q", "parse"], env)
    results["build_cold_s"], results["build_peak_rss_mib"] = run(
        ["-m", "ingest", "-q", "build", "--force"], env
    )
    results["build_noop_s"], _ = run(["-m", "ingest", "-q", "build"], env)

    settings = Settings(data_dir=data)
    started = time.perf_counter()
    retriever = Retriever.from_settings(settings)
    results["load_s"] = time.perf_counter() - started
    results["chunks"] = len(retriever.index.chunks)
    results["index_mib"] = size_mib(settings.index_dir)
    manifest = retriever.corpus.manifest
    cases = load_suite(ROOT / "eval" / "dev.yaml", manifest)
    questions = [standalone_question(c.conversation, manifest) for c in cases]
    embeddings = retriever.index.store.embeddings

    started = time.perf_counter()
    naive = NaiveRetriever(settings, retriever.corpus, embeddings)
    results["naive_build_s"] = time.perf_counter() - started
    results["naive_chunks"] = naive.chunks
    bm25 = BM25Retriever(retriever.index)

    stages: dict[str, list[float]] = {}

    def ours(question: str) -> None:
        for stage, ms in retriever.search(question, k=10).timings.items():
            stages.setdefault(stage, []).append(ms)

    results["embed_query"] = timed(embeddings.embed_query, questions, opts.queries)
    results["hybrid"] = timed(ours, questions, opts.queries)
    results["hybrid_stages_p50_ms"] = {s: statistics.median(v) for s, v in stages.items()}
    results["naive"] = timed(lambda q: naive.search(q, 10), questions, opts.queries)
    results["bm25"] = timed(lambda q: bm25.search(q, 10), questions, opts.queries)

    systems = {
        "hybrid": AssistantSystem(Assistant(retriever, settings)),
        "naive": BaselineSystem("naive", naive.search, retriever.corpus),
        "bm25": BaselineSystem("bm25", bm25.search, retriever.corpus),
    }
    results["recall"] = {}
    for name, system in systems.items():
        s = summarise(run_suite(cases, system, retriever.corpus), name, 5)
        results["recall"][name] = recall_figures(s)
    shutil.rmtree(data, ignore_errors=True)

    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(results, indent=2))
    print(f"# retrieval benchmark, {results['date']}, {results['machine']}\n")
    print(
        f"parse {results['parse_s']:.1f} s; cold build {results['build_cold_s']:.1f} s "
        f"(peak RSS {results['build_peak_rss_mib']:.0f} MiB); no-op build "
        f"{results['build_noop_s']:.1f} s; {results['chunks']} chunks, "
        f"{results['index_mib']:.1f} MiB; load {results['load_s']:.1f} s; "
        f"naive baseline build {results['naive_build_s']:.1f} s "
        f"({results['naive_chunks']} chunks)\n"
    )
    print("| method | R@1 | R@5 | R@10 | MRR | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name in ("hybrid", "naive", "bm25"):
        r, t = results["recall"][name], results[name]
        print(
            f"| {name} | {r['recall_at_1']:.3f} | {r['recall_at_5']:.3f} | "
            f"{r['recall_at_10']:.3f} | {r['mrr']:.3f} | {t['p50_ms']:.1f} | "
            f"{t['p95_ms']:.1f} | {t['p99_ms']:.1f} |"
        )
    e = results["embed_query"]
    print(
        f"| embed query alone | | | | | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {e['p99_ms']:.1f} |"
    )
    stages_text = ", ".join(f"{s} {ms:.1f}" for s, ms in results["hybrid_stages_p50_ms"].items())
    print(f"\nhybrid stages, p50 ms: {stages_text}")


if __name__ == "__main__":
    main()
