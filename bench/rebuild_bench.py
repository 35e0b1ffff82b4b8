"""Whether a rebuilt index gives the same evaluation: what an evaluator rerunning a suite can
expect after ``ingest build --force`` (or on another machine).

Chroma inserts chunks into its HNSW graph in no fixed order, so each build has a different graph
and approximate search can return different neighbours. For each search breadth (HNSW
``ef_search``) the real corpus is built ``--builds`` times from cold, the suite is run on each
build, and the cases whose top-10 ranking, citations or verdict differ from the first build are
counted, as are the dense top-40 lists that differ from exact (brute-force) search. ``auto``
keeps the breadth the build chose (``assistant.search.index.search_breadth``: exhaustive for the
bundled corpus, Chroma's default for a large one). ``--scale 10`` adds nine times the corpus's
volume of synthetic documents (bench/synthetic.py) before building.

    .venv/bin/python bench/rebuild_bench.py [--ef 100 400 auto] [--builds 3] [--scale 1]
        [--suite tests/qa/golden.yaml] [--json bench/results/rebuild.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chromadb.api.shared_system_client import SharedSystemClient  # noqa: E402

from assistant.answers.chain import Assistant  # noqa: E402
from assistant.answers.conversation import standalone_question  # noqa: E402
from assistant.evaluation.judge import CaseResult  # noqa: E402
from assistant.evaluation.metrics import summarise  # noqa: E402
from assistant.evaluation.runner import AssistantSystem, run_suite  # noqa: E402
from assistant.evaluation.suite import load_suite  # noqa: E402
from assistant.model.corpus import Corpus  # noqa: E402
from assistant.model.manifest import manifest_for  # noqa: E402
from assistant.search.embeddings import index_embeddings  # noqa: E402
from assistant.search.index import search_breadth  # noqa: E402
from assistant.search.retriever import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from bench.synthetic import write_scratch  # noqa: E402
from ingest.build import build_index  # noqa: E402
from ingest.fetch import fetch_document  # noqa: E402
from ingest.parse import parse_corpus  # noqa: E402

DENSE_DEPTH = 40  # the retriever's default number of dense candidates


def exact_disagreements(retriever: Retriever, questions: list[str]) -> int:
    """Questions whose approximate dense top 40 is not the exact (brute-force) top 40."""
    collection = retriever.index.store.collection
    stored = collection.get(include=["embeddings"])
    vectors = np.asarray(stored["embeddings"], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.asarray(stored["ids"])
    embeddings = retriever.index.store.embeddings
    differ = 0
    for question in questions:
        query = np.asarray(embeddings.embed_query(question), dtype=np.float32)
        exact = set(ids[np.argsort(-(vectors @ query))[:DENSE_DEPTH]])
        found = retriever.index.dense(query.tolist(), DENSE_DEPTH, None)
        approximate = {retriever.index.chunks[p].id for p, _ in found}
        differ += exact != approximate
    return differ


def one_build(source: Path, ef: str, suite: Path) -> tuple[list[CaseResult], dict]:
    """Build from cold with this search breadth, then run the suite on it."""
    data = Path(tempfile.mkdtemp(prefix=f"treaty-rebuild-ef{ef}-"))
    try:
        shutil.copytree(source, data, dirs_exist_ok=True)  # parsed corpus, overlay; no index
        settings = Settings(data_dir=data, mirror_dir=None)
        manifest = manifest_for(settings)
        corpus = Corpus.load(settings.corpus_file, manifest)
        started = time.perf_counter()
        build_index(settings, corpus, index_embeddings(settings))
        build_s = time.perf_counter() - started
        if ef != "auto":
            collection = Retriever.from_settings(settings).index.store.collection
            collection.modify(configuration={"hnsw": {"ef_search": int(ef)}})
            SharedSystemClient.clear_system_cache()  # reopen with the new breadth
        retriever = Retriever.from_settings(settings)
        cases = load_suite(suite, manifest)
        results = run_suite(cases, AssistantSystem(Assistant(retriever, settings)), corpus)
        questions = [standalone_question(c.conversation, manifest) for c in cases]
        facts = {
            "build_s": round(build_s, 1),
            "chunks": len(retriever.index.chunks),
            "recall_at_5": summarise(results, "ours", 5).recall_at_5.value,
            "passed": sum(r.passed for r in results),
            "dense_top40_not_exact": exact_disagreements(retriever, questions),
        }
        return results, facts
    finally:
        shutil.rmtree(data, ignore_errors=True)


def differences(first: list[CaseResult], other: list[CaseResult]) -> dict[str, int]:
    """Cases of ``other`` that differ from the same case on the first build."""
    pairs = list(zip(first, other, strict=True))
    return {
        "top10_differs": sum(a.retrieved[:10] != b.retrieved[:10] for a, b in pairs),
        "citations_differ": sum(a.citations != b.citations for a, b in pairs),
        "verdict_differs": sum(a.passed != b.passed for a, b in pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ef", nargs="+", default=["100", "400", "auto"])
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--suite", type=Path, default=ROOT / "tests" / "qa" / "golden.yaml")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "rebuild.json")
    opts = parser.parse_args()
    suite = opts.suite.resolve()

    source = Path(tempfile.mkdtemp(prefix="treaty-rebuild-corpus-"))
    settings = Settings(data_dir=source)
    if settings.mirror_dir is None:
        raise SystemExit("needs the corpus mirror: set TREATY_MIRROR_DIR")
    manifest = manifest_for(settings)
    for doc in manifest.documents:
        fetch_document(doc, settings.sources_dir, settings.mirror_dir)
    parse_corpus(settings, manifest)
    if opts.scale > 1:
        scaled = Path(tempfile.mkdtemp(prefix="treaty-rebuild-scaled-"))
        write_scratch(scaled, opts.scale, real=settings)
        shutil.rmtree(source)
        source = scaled

    entries = []
    for ef in opts.ef:
        runs = []
        for number in range(opts.builds):
            print(f"ef_search {ef}, build {number + 1} ...", file=sys.stderr, flush=True)
            runs.append(one_build(source, ef, suite))
        first = runs[0][0]
        chunks = runs[0][1]["chunks"]
        entries.append(
            {
                "ef_search": int(ef) if ef != "auto" else f"auto ({search_breadth(chunks)})",
                "cases": len(first),
                "builds": [facts for _, facts in runs],
                "against_first_build": [differences(first, results) for results, _ in runs[1:]],
            }
        )
    shutil.rmtree(source, ignore_errors=True)
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "suite": str(suite.relative_to(ROOT) if suite.is_relative_to(ROOT) else suite),
        "scale": opts.scale,
        "entries": entries,
    }
    opts.json.write_text(json.dumps(report, indent=2) + "\n")
    print(table(entries))


def table(entries: list[dict]) -> str:
    lines = [
        "| ef_search | recall@5 per build | passed per build | top 10 differs | "
        "citations differ | verdict differs | dense top 40 ≠ exact |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        builds, against = e["builds"], e["against_first_build"]
        lines.append(
            f"| {e['ef_search']} | {' / '.join(str(b['recall_at_5']) for b in builds)} "
            f"| {' / '.join(str(b['passed']) for b in builds)} "
            f"| {' / '.join(str(a['top10_differs']) for a in against)} of {e['cases']} "
            f"| {' / '.join(str(a['citations_differ']) for a in against)} "
            f"| {' / '.join(str(a['verdict_differs']) for a in against)} "
            f"| {' / '.join(str(b['dense_top40_not_exact']) for b in builds)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
