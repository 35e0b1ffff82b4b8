"""How build and query cost, and recall on the real questions, grow with the corpus.

For each size (× the real corpus's text volume) a scratch data dir gets the real corpus plus
synthetic distractor documents (bench/synthetic.py); the index is built from cold in a child
process (wall time, peak RSS), then in this process: index size, load time and article
recall@5 of the assistant on the suite's answerable questions (the matching of ``assistant
eval``). Once every size is built, warm retrieval latency per stage is measured over the
suite's questions, each asked of every size in turn so that all sizes see the same machine
load, with the cost of embedding the question alone (which no corpus size changes) as a
yardstick for how busy the machine was.

Nearly every golden question names its treaty, which narrows the search to it and keeps the
distractors out; "open" recall@5 asks the same questions with the document names cut out and
no filter, so that the real provision has to beat the synthetic ones.

    .venv/bin/python bench/scale_bench.py [--sizes 1 10 100] [--suite tests/qa/golden.yaml]
        [--json bench/results/scale.json] [--passes 2] [--seed 0] [--keep]

``load_s`` is opening corpus and index in this process; for the first size it includes loading
the embedding model (once per process, ~10 s). Results are merged into the JSON file after
each size (an entry per size, replaced when that size is measured again), so a long run that
is cut short keeps the sizes it finished (without the latency phase, which runs last).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answers.chain import Assistant  # noqa: E402
from assistant.answers.conversation import standalone_question  # noqa: E402
from assistant.evaluation.judge import CaseResult, article_rank  # noqa: E402
from assistant.evaluation.metrics import summarise  # noqa: E402
from assistant.evaluation.runner import AssistantSystem, run_suite  # noqa: E402
from assistant.evaluation.suite import Case, load_suite  # noqa: E402
from assistant.model.citations import find_instruments  # noqa: E402
from assistant.search.retriever import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from bench.common import recall_figures, summary  # noqa: E402
from bench.retrieval_bench import size_mib  # noqa: E402
from bench.synthetic import write_scratch  # noqa: E402

SYNTHETIC = "synthetic-"


def build(data_dir: Path) -> tuple[float, float]:
    """Cold ``ingest build --force`` in a child: wall seconds and that child's peak RSS (MiB).

    ``os.wait4`` gives the rusage of this one child, unlike RUSAGE_CHILDREN, which keeps the
    maximum over every child so far (a small size measured after a large one would be wrong).
    """
    env = {**os.environ, "TREATY_DATA_DIR": str(data_dir)}
    args = [sys.executable, "-m", "ingest", "-q", "build", "--force"]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(args, env=env, cwd=ROOT, stdout=errors, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            raise SystemExit(f"build failed in {data_dir}:\n{errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


Questions = list[tuple[str, list[str] | None]]  # standalone question, instruments filter


def interleaved_latency(
    retrievers: dict[float, Retriever], questions: Questions, passes: int
) -> dict[float, dict]:
    """Warm retrieval latency (top 10) of every size, whole and per stage, asked in turn
    (question by question, size by size), so that every size sees the same machine load;
    and the cost of embedding the question alone, which no corpus size changes."""
    totals: dict[float, list[float]] = {size: [] for size in retrievers}
    stages: dict[float, dict[str, list[float]]] = {size: {} for size in retrievers}
    embed: list[float] = []
    embeddings = next(iter(retrievers.values())).index.store.embeddings
    for question, scope in questions[:5]:  # warm up
        for retriever in retrievers.values():
            retriever.search(question, k=10, instruments=scope)
    for _ in range(passes):
        for question, scope in questions:
            start = time.perf_counter()
            embeddings.embed_query(question)
            embed.append((time.perf_counter() - start) * 1000)
            for size, retriever in retrievers.items():
                start = time.perf_counter()
                result = retriever.search(question, k=10, instruments=scope)
                totals[size].append((time.perf_counter() - start) * 1000)
                for stage, ms in result.timings.items():
                    stages[size].setdefault(stage, []).append(ms)
    return {
        size: {
            "embed_query": summary(embed),
            "query": summary(totals[size]),
            "stages": {stage: summary(v) for stage, v in stages[size].items()},
        }
        for size in retrievers
    }


def open_rank(retriever: Retriever, case: Case, question: str) -> int | None:
    """Article rank of the expectation when the question names no document (all searched)."""
    manifest = retriever.corpus.manifest
    for mention in reversed(find_instruments(question, manifest)):
        question = f"{question[: mention.start]} the treaty {question[mention.end :]}"
    hits = retriever.search(question, k=10).hits
    return article_rank(case, [h.citation for h in hits], manifest)


def recall(results: list[CaseResult], names_document: set[str]) -> dict:
    """Recall of the real provisions, and how often synthetic ones reach the top 5."""
    answerable = [r for r in results if not r.expect_abstain]
    s = summarise(results, "ours", 5)
    unnamed = [r for r in answerable if r.id not in names_document]
    return {
        **recall_figures(s),
        "unnamed_cases": len(unnamed),
        "unnamed_recall_at_5": round(
            sum(bool(r.rank and r.rank <= 5) for r in unnamed) / max(len(unnamed), 1), 3
        ),
        "synthetic_in_top5": sum(
            any(c.startswith(SYNTHETIC) for c in r.retrieved[:5]) for r in answerable
        ),
        "synthetic_cited": sum(any(c.startswith(SYNTHETIC) for c in r.citations) for r in results),
        "passed": s.passed.value,
    }


def measure(data: Path, size: float, suite: Path, seed: int) -> tuple[dict, Retriever]:
    """Everything but latency for one size; the retriever is kept for the latency phase."""
    made = write_scratch(data, size, seed)
    build_s, peak = build(data)
    settings = Settings(data_dir=data, mirror_dir=None)
    started = time.perf_counter()
    retriever = Retriever.from_settings(settings)
    load_s = time.perf_counter() - started
    manifest = retriever.corpus.manifest
    cases = load_suite(suite, manifest)
    questions = [standalone_question(c.conversation, manifest) for c in cases]
    results = run_suite(cases, AssistantSystem(Assistant(retriever, settings)), retriever.corpus)
    open_ranks = [
        open_rank(retriever, c, q)
        for c, q in zip(cases, questions, strict=True)
        if not c.expect_abstain
    ]
    named = {
        c.id
        for c, q in zip(cases, questions, strict=True)
        if c.instruments or find_instruments(q, manifest)
    }
    entry = {
        "size": size,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "seed": seed,
        "suite": str(suite.relative_to(ROOT) if suite.is_relative_to(ROOT) else suite),
        "documents": made.real_documents + made.synthetic_documents,
        "synthetic_documents": made.synthetic_documents,
        "words": made.real_words + made.synthetic_words,
        "chunks": len(retriever.index.chunks),
        "build_cold_s": round(build_s, 1),
        "build_peak_rss_mib": round(peak),
        "index_mib": round(size_mib(settings.index_dir), 1),
        "corpus_mib": round(settings.corpus_file.stat().st_size / 2**20, 1),
        "load_s": round(load_s, 1),
        "recall": recall(results, named),
        "open_recall_at_5": round(
            sum(bool(r and r <= 5) for r in open_ranks) / max(len(open_ranks), 1), 3
        ),
    }
    return entry, retriever


def save(path: Path, entry: dict) -> list[dict]:
    """Merge ``entry`` into the results file (one entry per size) and return all entries."""
    try:
        entries = json.loads(path.read_text())["sizes"]
    except (OSError, ValueError, KeyError):
        entries = []
    entries = sorted([e for e in entries if e["size"] != entry["size"]] + [entry], key=_size)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"sizes": entries}, indent=2) + "\n")
    return entries


def _size(entry: dict) -> float:
    return entry["size"]


def table(entries: list[dict]) -> str:
    base = next((e for e in entries if e["size"] == 1), None)
    rows = [
        "| size | docs | chunks | build s | peak MiB | index MiB | load s | p50 ms | p95 ms "
        "| dense p50 | bm25 p50 | parse p50 | embed p50 | R@5 | open R@5 | synthetic in top 5 "
        "| p50 / 1× | R@5 − 1× |",
        "|" + "---|" * 18,
    ]
    for e in entries:
        r = e["recall"]
        latency, ratio = "| — " * 6, None
        if "query" in e:
            q, st = e["query"], e["stages"]
            ratio = q["p50_ms"] / base["query"]["p50_ms"] if base and "query" in base else None
            latency = (
                f"| {q['p50_ms']:.1f} | {q['p95_ms']:.1f} | {st['dense']['p50_ms']:.1f} "
                f"| {st['bm25']['p50_ms']:.1f} | {st['parse']['p50_ms']:.1f} "
                f"| {e['embed_query']['p50_ms']:.1f} "
            )
        drop = (r["recall_at_5"] - base["recall"]["recall_at_5"]) * 100 if base else None
        rows.append(
            f"| {e['size']:g}× | {e['documents']} | {e['chunks']:,} | {e['build_cold_s']:.1f} "
            f"| {e['build_peak_rss_mib']:,} | {e['index_mib']:.1f} | {e['load_s']:.1f} {latency}"
            f"| {r['recall_at_5']:.3f} | {e['open_recall_at_5']:.3f} "
            f"| {r['synthetic_in_top5']}/{r['cases']} "
            f"| {'' if ratio is None else f'{ratio:.2f}'} "
            f"| {'' if drop is None else f'{drop:+.1f} pt'} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--suite", type=Path, default=ROOT / "tests" / "qa" / "golden.yaml")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    parser.add_argument("--passes", type=int, default=2, help="latency passes over the questions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the scratch data dirs")
    opts = parser.parse_args()
    suite = opts.suite.resolve()
    dirs: list[Path] = []
    retrievers: dict[float, Retriever] = {}
    entries: dict[float, dict] = {}
    try:
        for size in opts.sizes:
            print(f"measuring {size:g}× ...", file=sys.stderr, flush=True)
            dirs.append(Path(tempfile.mkdtemp(prefix=f"treaty-scale-{size:g}x-")))
            entries[size], retrievers[size] = measure(dirs[-1], size, suite, opts.seed)
            print(table(save(opts.json, entries[size])), file=sys.stderr, flush=True)
        print("latency, all sizes in turn ...", file=sys.stderr, flush=True)
        manifest = retrievers[opts.sizes[0]].corpus.manifest
        questions = [
            (standalone_question(c.conversation, manifest), c.instruments)
            for c in load_suite(suite, manifest)
        ]
        load_before = os.getloadavg()[0]
        measured = interleaved_latency(retrievers, questions, opts.passes)
        load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        for size, figures in measured.items():
            entries[size].update(
                figures,
                questions=len(questions),
                passes=opts.passes,
                latency_with=opts.sizes,
                load_average=load,
            )
            saved = save(opts.json, entries[size])
    finally:
        if not opts.keep:
            for folder in dirs:
                shutil.rmtree(folder, ignore_errors=True)
    print(table(saved))


if __name__ == "__main__":
    main()
