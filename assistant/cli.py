"""``python -m assistant``: look up provisions (and, as the project grows, ask and evaluate)."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.citations import CitationError, parse_citation
from assistant.corpus import Corpus, CorpusError, NoSuchProvision
from assistant.manifest import ManifestError, load_manifest
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
    manifest = load_manifest(settings.manifest)
    corpus = Corpus.load(settings.corpus_file, manifest)
    node = corpus.get(parse_citation(args.citation, manifest))
    described = corpus.describe(node)
    print(json.dumps(described, indent=2, ensure_ascii=False) if args.json else render(described))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show", help="print one provision, e.g. 'UNCAC art. 15(a)'")
    show.add_argument("citation")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    try:
        return {"show": cmd_show}[args.command](Settings(), args)
    except (CitationError, NoSuchProvision, CorpusError, ManifestError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
