"""``python -m assistant``: look up a provision, ask a question, chat, or run an evaluation."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import TreatyError, UsageError
from assistant.model.citations import parse_citation
from assistant.model.corpus import Corpus
from assistant.model.manifest import Manifest, manifest_for
from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.evaluation.reports import Report


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
    if described["obligation"]:  # "Obligation: shall consider (qualifiers: …)"
        line = "Obligation: " + described["obligation"].replace("-", " ")
        if described["qualifiers"]:
            line += " (qualifiers: " + "; ".join(described["qualifiers"]) + ")"
        lines.append(line)
    else:  # labelled only in its parts: the direct parts' labels, on one line
        cited, depth = described["citation"], described["citation"].count("(") + 1
        parts = [
            f"{p['citation'][len(cited) :]} {p['obligation'].replace('-', ' ')}"
            for p in described["parts"]
            if p["citation"].count("(") == depth
        ]
        if parts:
            lines.append("Obligations by part: " + ", ".join(parts))
    return "\n".join(lines)


def cmd_show(settings: Settings, args: argparse.Namespace) -> int:
    manifest = manifest_for(settings)
    citation = parse_citation(args.citation, manifest)  # a typo is said before loading
    corpus = Corpus.load(settings.corpus_file, manifest)
    described = corpus.describe(corpus.get(citation))
    print(json.dumps(described, indent=2, ensure_ascii=False) if args.json else render(described))
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.answers.chain import Assistant
    from assistant.evaluation.formats import write_promptfoo, write_ragas
    from assistant.evaluation.metrics import summarise
    from assistant.evaluation.reports import Report, language_rows, summary_rows, text_table
    from assistant.evaluation.runner import AssistantSystem, baseline, run_suite
    from assistant.evaluation.suite import check_in_corpus, load_suite

    # Everything that can be wrong with the suite, the mode or an output path is said before
    # the model loads: never a traceback after a whole run.
    manifest = manifest_for(settings)
    cases = load_suite(args.suite, manifest)
    check_in_corpus(args.suite, cases, Corpus.load(settings.corpus_file, manifest))
    if args.tag:
        cases = [c for c in cases if set(args.tag) & set(c.tags)]
        if not cases:
            raise UsageError(f"no case of {args.suite} has the tag {' or '.join(args.tag)}")
    _check_mode(settings, args.mode)
    for flag in ("report_json", "report_md", "junit", "ragas", "promptfoo"):
        if getattr(args, flag):
            _check_output(f"--{flag.replace('_', '-')}", getattr(args, flag))
    assistant = Assistant.from_settings(settings)
    corpus = assistant.corpus
    if args.promptfoo:
        write_promptfoo(args.promptfoo, cases, corpus.manifest)
    ours = AssistantSystem(assistant, args.mode, depth=args.k)
    results = run_suite(cases, ours, corpus, args.k, progress=True)
    baselines = []
    for name in dict.fromkeys(args.baseline or []):
        system = baseline(name, settings, assistant, args.k)
        baselines.append(
            summarise(run_suite(cases, system, corpus, args.k, progress=True), system.name, args.k)
        )
    report = Report(
        suite=str(args.suite),
        k=args.k,
        summary=summarise(results, ours.name, args.k),
        baselines=baselines,
        cases=results,
        index=assistant.retriever.index.stamp,
    )
    _write_reports(report, args, corpus.manifest)
    if args.ragas:
        write_ragas(args.ragas, results, corpus, args.k)
    print(f"{args.suite}: {len(cases)} cases, k = {args.k}")
    print(text_table(summary_rows(report)))
    if len(set((languages := {c.id: c.language for c in cases}).values())) > 1:
        print(text_table(language_rows(report, languages)))
    if report.summary.failures:
        print("failed: " + ", ".join(report.summary.failures))
    return 0


def _write_reports(report: Report, args: argparse.Namespace, manifest: Manifest) -> None:
    from assistant.evaluation.reports import junit, markdown

    answers = not args.no_answers
    for path, write in (
        (args.report_json, lambda: report.to_json(answers)),
        (args.report_md, lambda: markdown(report, manifest, answers)),
        (args.junit, lambda: junit(report, answers)),
    ):
        if path:
            path.write_text(write(), encoding="utf-8")


def _check_output(flag: str, path: Path) -> None:
    """A report path that can be written: its folder made now, so a run is never lost."""
    if path.is_dir():
        raise UsageError(f"{flag} {path} is a directory; give a file name, e.g. {path / 'report'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{flag} {path}: cannot create its folder ({exc.strerror})") from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{flag} {path} cannot be written (permission denied)")


def _check_mode(settings: Settings, mode: str) -> None:
    """LLM mode with an incomplete set-up is refused at once (LLMUnavailable says what to set);
    offline mode never needs the model's settings."""
    if mode == "llm":
        from assistant.answers.llm import LLMConfig

        LLMConfig.from_settings(settings)


def _check_instruments(ids: list[str] | None, manifest: Manifest) -> None:
    known = manifest.ids()
    for name in ids or []:
        if name not in known:
            raise UsageError(
                f"--instrument {name}: no such document id (known: {', '.join(known)})"
            )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return int(text)


def _history(path: Path | None) -> list[str]:
    """Earlier questions: a JSON list of strings, or one question a line."""
    if path is None:
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise UsageError(f"cannot read --history {path}: {reason}") from None
    try:
        loaded = json.loads(text)
        if isinstance(loaded, list):
            return [str(q) for q in loaded]
    except ValueError:
        pass
    return [line for line in text.splitlines() if line.strip()]


CHECKING = "the language model is answering; its reply is checked before it is shown as final"


def _print_answer(answer, streamed: bool, heading: bool = False) -> None:
    """The answer's text (unless it was streamed as it is), notices and searched question;
    ``heading``: an LLM's checked reply, printed after its unchecked stream, says so."""
    if not streamed:
        if heading and answer.mode == "llm":
            print(f"\n\n--- Checked answer from {answer.model} ---")
        print(answer.text)
    for notice in answer.notices:
        print(f"\nNote: {notice}")
    if answer.standalone_question != answer.question:
        print(f"\n(searched: {answer.standalone_question})")


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.answers.chain import Assistant

    history = _history(args.history)  # a bad file is reported before anything loads
    _check_mode(settings, args.mode)
    _check_instruments(args.instrument, manifest_for(settings))
    assistant = Assistant.from_settings(settings)
    answer = assistant.ask(args.question, history, args.mode, args.instrument)
    if args.json:
        print(answer.model_dump_json(indent=2))
    else:
        _print_answer(answer, streamed=False)
    return 0


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.answers.answer import Answer
    from assistant.answers.chain import Assistant
    from assistant.answers.generate import Preliminary

    _check_mode(settings, args.mode)
    _check_instruments(args.instrument, manifest_for(settings))
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
        previewed = False  # LLM mode: the offline answer printed, the model's words after it
        for item in assistant.stream(question, history, args.mode, args.instrument):
            if isinstance(item, Preliminary):
                previewed = True
                print(item.draft.text, f"\n\n({CHECKING})\n", flush=True)
            elif isinstance(item, Answer):
                _print_answer(item, streamed=not previewed or item.mode != "llm", heading=True)
            else:
                print(item, end="", flush=True)
        history.append(question)


def cmd_compare(settings: Settings, args: argparse.Namespace) -> int:
    """Per instrument, the article the app's Compare view shows; or a correspondence suite's
    score."""
    from assistant.answers.compare import compare, default_instruments
    from assistant.evaluation.correspondence import load_topics, score
    from assistant.search.retriever import Retriever

    manifest = manifest_for(settings)
    if (args.topic is None) == (args.suite is None):
        raise UsageError("compare needs a topic or article, or --suite FILE (not both)")
    for doc_id in args.instrument or []:
        manifest.get(doc_id)  # an unknown id is said before the model loads
    topics = load_topics(args.suite, manifest) if args.suite else []
    retriever = Retriever.from_settings(settings)
    if args.suite:
        result = score(retriever, topics, str(args.suite))
        if args.json:
            print(json.dumps(result.model_dump(), indent=2, ensure_ascii=False))
            return 0
        for topic in result.topics:
            wrong = [f"{c['citation']} (expected {' or '.join(c['expected'])})"
                     for c in topic.columns if not c["right"]]  # fmt: skip
            print(f"{topic.id}: {topic.right}/{len(topic.columns)}" + "; ".join(["", *wrong]))
        print(f"{args.suite}: {result.right}/{result.columns} columns right ({result.share:.1%})")
        return 0
    instruments = args.instrument or default_instruments(retriever)
    comparison = compare(retriever, args.topic, instruments)
    for problem in comparison.missing:
        print(f"error: {problem}", file=sys.stderr)
    if not comparison.columns:
        return 1
    columns = comparison.shown(retriever.corpus)
    if args.json:
        print(json.dumps({"columns": columns}, indent=2, ensure_ascii=False))
        return 0
    for column in columns:
        name = manifest.get(column["instrument"]).short_name
        found = f"{column['citation']} — {column['title']}" if column["citation"] else "nothing"
        weak = "  (weak match)" if column["weak"] else ""
        print(f"{name}: {found}  [similarity {column['similarity']:.2f}]{weak}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="print one provision, e.g. 'UNCAC art. 15(a)'")
    show.add_argument("citation")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    evaluate = sub.add_parser(
        "eval", help="run a question suite: answers, citations, retrieval, abstention, reports"
    )
    evaluate.add_argument("suite", type=Path, help="YAML/JSONL suite, promptfoo tests, RAGAS")
    evaluate.add_argument("--k", type=_positive, default=5, help="retrieval cut-off for pass/fail")
    evaluate.add_argument("--mode", choices=["offline", "llm"], default="offline")
    evaluate.add_argument(
        "--baseline", action="append", choices=["naive", "bm25"], help="also run a baseline"
    )
    evaluate.add_argument("--tag", action="append", help="only cases with this tag")
    evaluate.add_argument("--report-json", type=Path, metavar="PATH")
    evaluate.add_argument("--report-md", type=Path, metavar="PATH")
    evaluate.add_argument("--junit", type=Path, metavar="PATH", help="JUnit XML, a test per case")
    evaluate.add_argument(
        "--no-answers", action="store_true", help="leave answer texts out of the reports"
    )
    evaluate.add_argument("--ragas", type=Path, metavar="PATH", help="the run as RAGAS JSONL")
    evaluate.add_argument(
        "--promptfoo", type=Path, metavar="PATH", help="the suite as a promptfoo tests file"
    )
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
    comparing = sub.add_parser(
        "compare", help="per instrument, the article on a topic (the app's Compare view)"
    )
    comparing.add_argument("topic", nargs="?", help="a topic, or an article: 'UNCAC art. 26'")
    comparing.add_argument(
        "--instrument", action="append", metavar="ID", help="compare this document (repeatable)"
    )
    comparing.add_argument("--json", action="store_true", help='{"columns": [...]} as JSON')
    comparing.add_argument(
        "--suite", type=Path, metavar="FILE", help="score a correspondence suite instead"
    )
    args = parser.parse_args(argv)
    commands = {
        "compare": cmd_compare,
        "show": cmd_show,
        "eval": cmd_eval,
        "ask": cmd_ask,
        "chat": cmd_chat,
    }
    try:
        return commands[args.command](load_settings(), args)
    except TreatyError as exc:  # every error that is the user's to fix: one line
        print(f"error: {exc.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
