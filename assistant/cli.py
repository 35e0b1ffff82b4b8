"""``python -m assistant``: look up provisions (and, as the project grows, ask and evaluate)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.citations import CitationError, parse_citation
from assistant.corpus import Corpus, CorpusError, NoSuchProvision
from assistant.evaluation import SuiteError
from assistant.index import IndexUnavailable
from assistant.manifest import ManifestError, manifest_for
from assistant.settings import Settings


def render(described: dict) -> str:
    lines = [f"{described['display']} — {described['title'] or ''}".rstrip(" —")]
    lines += described["headings"]
    lines += ["", described["text"], ""]
    source = described["instrument_title"]
    if described["symbol"]:
        source += f" ({described['symbol']})"
    lines.append(f"Source: {source}")
    if described["notes"]:
        lines.append("Interpretative notes: " + ", ".join(described["notes"]))
    if described["refs"]:
        lines.append("Refers to: " + ", ".join(described["refs"]))
    return "\n".join(lines)


def cmd_show(settings: Settings, args: argparse.Namespace) -> int:
    manifest = manifest_for(settings)
    corpus = Corpus.load(settings.corpus_file, manifest)
    node = corpus.get(parse_citation(args.citation, manifest))
    described = corpus.describe(node)
    print(json.dumps(described, indent=2, ensure_ascii=False) if args.json else render(described))
    return 0


def cmd_retrieval_eval(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.baselines import BM25Retriever, NaiveRetriever
    from assistant.conversation import standalone_question
    from assistant.evaluation import load_suite, score_retrieval
    from assistant.retrieval import Retriever

    retriever = Retriever.from_settings(settings)
    manifest = retriever.corpus.manifest
    cases = load_suite(args.suite, manifest)
    queries = {c.id: standalone_question(c.conversation, manifest) for c in cases}

    def ours(case) -> list[str]:
        result = retriever.search(queries[case.id], k=10, instruments=case.instruments)
        return [h.unit for h in result.hits]

    methods = {"hybrid (ours)": ours}
    if not args.no_baselines:
        naive = NaiveRetriever(settings, retriever.corpus, retriever.index.store.embeddings)
        bm25 = BM25Retriever(retriever.index)
        methods["naive LangChain RAG"] = lambda case: naive.search(queries[case.id], 10)
        methods["BM25 alone"] = lambda case: bm25.search(queries[case.id], 10)
    scores = {name: score_retrieval(cases, run, manifest) for name, run in methods.items()}
    direct = [c for c in cases if "direct" in c.tags]
    direct_scores = score_retrieval(direct, ours, manifest) if direct else None
    print(f"{args.suite}: {scores['hybrid (ours)'].cases} cases with expected citations")
    print(f"{'method':<22} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}  R@5 95% CI")
    for name, s in scores.items():
        ci = f"{s.recall_at_5_ci[0]:.2f}–{s.recall_at_5_ci[1]:.2f}"
        print(
            f"{name:<22} {s.recall_at_1:>6.3f} {s.recall_at_5:>6.3f} "
            f"{s.recall_at_10:>6.3f} {s.mrr:>6.3f}  {ci}"
        )
    if direct_scores:
        print(
            f"direct citation questions at rank 1: {direct_scores.recall_at_1:.3f} "
            f"({direct_scores.cases} cases)"
        )
    failures = scores["hybrid (ours)"].failures
    if failures:
        print("not found in the top 5 (ours): " + ", ".join(failures))
    if args.json:
        report = {name: s.model_dump() for name, s in scores.items()}
        report["direct"] = direct_scores.model_dump() if direct_scores else None
        args.json.write_text(json.dumps(report, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="print one provision, e.g. 'UNCAC art. 15(a)'")
    show.add_argument("citation")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    evaluate = sub.add_parser(
        "retrieval-eval", help="recall@k and MRR of retrieval on a suite, beside baselines"
    )
    evaluate.add_argument("suite", type=Path)
    evaluate.add_argument("--json", type=Path, help="also write the scores to this file")
    evaluate.add_argument("--no-baselines", action="store_true", help="score ours only")
    args = parser.parse_args(argv)
    commands = {"show": cmd_show, "retrieval-eval": cmd_retrieval_eval}
    try:
        return commands[args.command](Settings(), args)
    except (
        CitationError,
        NoSuchProvision,
        CorpusError,
        ManifestError,
        IndexUnavailable,
        SuiteError,
    ) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
