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
from assistant.settings import Settings, SettingsError, load_settings


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


def _history(path: Path | None) -> list[str]:
    """Earlier questions: a JSON list of strings, or one question a line."""
    if path is None:
        return []
    text = path.read_text(encoding="utf-8")
    try:
        loaded = json.loads(text)
        if isinstance(loaded, list):
            return [str(q) for q in loaded]
    except ValueError:
        pass
    return [line for line in text.splitlines() if line.strip()]


def _print_answer(answer, streamed: bool) -> None:
    if not streamed:
        print(answer.text)
    for notice in answer.notices:
        print(f"\nNote: {notice}")
    if answer.standalone_question != answer.question:
        print(f"\n(searched: {answer.standalone_question})")


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.chain import Assistant

    assistant = Assistant.from_settings(settings)
    answer = assistant.ask(args.question, _history(args.history), args.mode, args.instrument)
    if args.json:
        print(answer.model_dump_json(indent=2))
    else:
        _print_answer(answer, streamed=False)
    return 0


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.answer import Answer
    from assistant.chain import Assistant

    assistant = Assistant.from_settings(settings)
    history: list[str] = []
    print(
        "Ask about the treaties; follow-up questions are understood. /reset starts over, "
        "/quit (or Ctrl-D) leaves."
    )
    while True:
        try:
            question = input("\n> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question in ("/quit", "/exit"):
            return 0
        if question == "/reset":
            history.clear()
            print("(conversation cleared)")
            continue
        for item in assistant.stream(question, history, args.mode, args.instrument):
            if isinstance(item, Answer):
                _print_answer(item, streamed=True)
            else:
                print(item, end="", flush=True)
        history.append(question)


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
    ask = sub.add_parser("ask", help="answer one question with cited provisions")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--history", type=Path, help="earlier questions (JSON list or lines)")
    chat = sub.add_parser("chat", help="a conversation in the terminal, with follow-ups")
    for command in (ask, chat):
        command.add_argument("--mode", choices=["offline", "llm"], default="offline")
        command.add_argument(
            "--instrument", action="append", metavar="ID", help="search only this document"
        )
    args = parser.parse_args(argv)
    commands = {
        "show": cmd_show,
        "retrieval-eval": cmd_retrieval_eval,
        "ask": cmd_ask,
        "chat": cmd_chat,
    }
    try:
        return commands[args.command](load_settings(), args)
    except (
        CitationError,
        NoSuchProvision,
        CorpusError,
        ManifestError,
        IndexUnavailable,
        SettingsError,
        SuiteError,
    ) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
