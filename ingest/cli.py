"""``python -m ingest``: fetch the sources, parse them into the corpus, list what is there."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from tqdm import tqdm

from assistant.errors import BuildError, FetchError, IndexUnavailable, ParseError, TreatyError
from assistant.model.corpus import load_stamps
from assistant.model.manifest import Kind, manifest_for
from assistant.settings import Settings, load_settings
from ingest.fetch import fetch_document
from ingest.lock import interrupt_on_sigterm, signals_deferred, write_lock
from ingest.parse import parse_corpus
from ingest.user_documents import (
    Snapshot,
    prepare_document,
    record_document,
    remove_document,
    user_document,
)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def cmd_fetch(settings: Settings, args: argparse.Namespace) -> int:
    manifest = manifest_for(settings)
    errors = []
    bar = tqdm(manifest.documents, desc="fetch", unit="doc", disable=args.quiet)
    for doc in bar:
        bar.set_postfix_str(doc.id)
        try:
            result = fetch_document(
                doc, settings.sources_dir, settings.mirror_dir, settings.download_timeout
            )
            if not args.quiet:
                bar.write(f"  {doc.id}: {result.origin}")
        except FetchError as exc:
            errors.append(str(exc))
    for error in errors:
        _fail(error)
    if not errors and not args.quiet:
        print(f"{len(manifest.documents)} documents verified in {settings.sources_dir}")
    return 1 if errors else 0


def cmd_parse(settings: Settings, args: argparse.Namespace) -> int:
    def progress(items):
        return tqdm(items, desc="parse", unit="doc", disable=args.quiet)

    with write_lock(settings):  # the document list is read where the corpus is written
        manifest = manifest_for(settings)
        try:
            stamps = parse_corpus(settings, manifest, progress)
        except ParseError as exc:
            return _fail(f"{exc} (the previous corpus, if any, is unchanged)")
    if not args.quiet:
        total = sum(s.articles for s in stamps)
        print(f"{len(stamps)} documents, {total} articles -> {settings.corpus_file}")
    return 0


def cmd_build(settings: Settings, args: argparse.Namespace, embeddings=None) -> int:
    """Build when stale. The corpus and its checksums are read once, inside the write lock,
    so another command cannot re-parse between the reading and the stamp."""
    from assistant.model.corpus import Corpus, source_checksums
    from assistant.search.embeddings import index_model
    from assistant.search.index import read_stamp
    from ingest.adapt_model import adapted_embeddings
    from ingest.build import (
        build_index,
        chunk_corpus,
        is_current,
        sweep_leftovers,
    )

    with write_lock(settings):
        manifest = manifest_for(settings)  # a bad manifest is said even when nothing is built
        checksums = source_checksums(settings.corpus_file)
        if not args.force and is_current(settings, index_model(settings), checksums):
            swept = sweep_leftovers(settings)
            stamp = read_stamp(settings)
            if not args.quiet:
                if swept:
                    print(f"removed {swept} unfinished build(s) left by interrupted commands")
                print(f"index {stamp.build_id}: {stamp.chunks} chunks, {stamp.model}, up to date")
            return _build_multilingual(settings, args)
        corpus = Corpus.load(settings.corpus_file, manifest)
        try:
            if embeddings is None:
                bar, progress = _progress_bar("adapt model", args.quiet, "step")
                with bar:
                    embeddings = adapted_embeddings(settings, corpus, chunk_corpus, progress)
            # one bar over the chunks, the parts and the practitioner questions (build.py)
            bar, progress = _progress_bar("embed chunks, parts, questions", args.quiet, "text")
            with bar:
                result = build_index(settings, corpus, embeddings, progress, args.force, checksums)
        except BuildError as exc:
            return _fail(f"{exc} (the previous index, if any, is still in use)")
    stamp = result.stamp
    if result.repaired:
        print(
            f"note: the vector store in {settings.index_dir} was damaged; "
            "it was replaced and everything embedded again"
        )
    if not args.quiet:
        state = f"built in {stamp.seconds:.1f} s" if result.rebuilt else "up to date"
        print(f"index {stamp.build_id}: {stamp.chunks} chunks, {stamp.model}, {state}")
    return _build_multilingual(settings, args)


def _progress_bar(desc: str, quiet: bool, unit: str) -> tuple[tqdm, Callable[[int, int], None]]:
    bar = tqdm(desc=desc, unit=unit, disable=quiet)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return bar, progress


def _build_multilingual(settings: Settings, args: argparse.Namespace) -> int:
    """The multilingual collection beside the main index (TREATY_MULTILINGUAL=false: none)."""
    from assistant.search.multilingual import MultilingualEmbeddings
    from ingest.build import build_multilingual

    if not settings.multilingual:
        return 0
    bar, progress = _progress_bar("embed (multilingual)", args.quiet, "chunk")
    try:
        result = build_multilingual(settings, MultilingualEmbeddings(), progress, args.force)
    except BuildError as exc:
        return _fail(f"{exc} (the previous multilingual collection, if any, is still in use)")
    finally:
        bar.close()
    stamp = result.stamp
    if not args.quiet:
        state = f"built in {stamp.seconds:.1f} s" if result.rebuilt else "up to date"
        print(f"multilingual {stamp.build_id}: {stamp.chunks} chunks, {stamp.model}, {state}")
    return 0


def cmd_list(settings: Settings, args: argparse.Namespace) -> int:
    manifest = manifest_for(settings)
    stamps = {s.id: s for s in load_stamps(settings.corpus_file)}
    rows = []
    for doc in manifest.documents:
        s = stamps.get(doc.id)
        rows.append(
            {
                "id": doc.id,
                "title": doc.title,
                "short_name": doc.short_name,
                "kind": str(doc.kind),
                "articles": s.articles if s else None,
                "paragraphs": s.paragraphs if s else None,
                "parsed": s is not None,
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        counts = (
            f"{row['articles']:>3} art. {row['paragraphs']:>4} para."
            if row["parsed"]
            else "not parsed"
        )
        print(f"{row['id']:<30} {row['kind']:<11} {counts}  {row['short_name']}")
    if not stamps:
        print("(no parsed corpus yet: run 'python -m ingest fetch' and 'python -m ingest parse')")
    return 0


def _change(
    settings: Settings,
    args: argparse.Namespace,
    write: Callable[[], Snapshot],
    done: Callable[[dict[str, str]], bool],
    what: str,
) -> int:
    """Change the document set (``write``), re-parse and build, all under the write lock: the
    change is kept once the index serves it (``done`` of the new stamp's checksums), and
    undone otherwise, on an error or an interrupt (Ctrl-C, SIGTERM) alike."""
    from assistant.search.embeddings import index_embeddings
    from assistant.search.index import read_stamp

    try:
        embeddings = index_embeddings(settings)  # before waiting for the lock
    except IndexUnavailable:  # not adapted yet: the build below adapts it
        embeddings = None
    args.force = False
    snapshot = None
    with write_lock(settings):
        try:
            with signals_deferred():
                snapshot = write()
            if (cmd_parse(settings, args) or cmd_build(settings, args, embeddings)) == 0:
                return 0
            problem = "failed"
        except KeyboardInterrupt:
            if snapshot is None:  # nothing was written
                raise
            problem = "interrupted"
        except TreatyError as exc:
            if snapshot is None:
                raise
            _fail(exc.message)
            problem = "failed"
        with signals_deferred():
            stamp = read_stamp(settings)
            if stamp and done(stamp.corpus):
                return _fail(f"{problem} after {what} was complete and indexed; it is kept")
            snapshot.restore()
    return _fail(
        f"{problem}; {what} was undone: the document list, sources, corpus and index "
        "are as they were"
    )


def cmd_add(settings: Settings, args: argparse.Namespace) -> int:
    def progress(units: list) -> Iterable:
        return tqdm(units, desc="check", unit="provision", disable=args.quiet, delay=1)

    doc, data = prepare_document(
        settings, args.file, args.id, args.title, Kind(args.kind), progress
    )
    code = _change(
        settings,
        args,
        lambda: record_document(settings, doc, data),
        lambda corpus: corpus.get(doc.id) == doc.sha256,
        f"adding '{doc.id}'",
    )
    if code == 0 and not args.quiet:
        print(f"added {doc.id} ({doc.format}); cite it as '{doc.id} para. 1' or '{doc.id} art. 1'")
    return code


def cmd_remove(settings: Settings, args: argparse.Namespace) -> int:
    user_document(settings, args.id)  # a typo is said before the model loads
    code = _change(
        settings,
        args,
        lambda: remove_document(settings, args.id),
        lambda corpus: args.id not in corpus,
        f"removing '{args.id}'",
    )
    if code == 0 and not args.quiet:
        print(f"removed {args.id}")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch", help="copy or download the sources and verify their checksums")
    sub.add_parser("parse", help="parse the fetched sources into the corpus (JSON lines)")
    build = sub.add_parser("build", help="embed the corpus into the index (when stale)")
    build.add_argument("--force", action="store_true", help="rebuild even when up to date")
    listing = sub.add_parser("list", help="documents with their article and paragraph counts")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    add = sub.add_parser("add", help="add your own document (PDF, Markdown, text) and index it")
    add.add_argument("file", type=Path)
    add.add_argument("--id", required=True, help="short id, used in citations: 'my-law art. 5'")
    add.add_argument("--title", required=True)
    add.add_argument("--kind", default="other", choices=[k.value for k in Kind])
    remove = sub.add_parser("remove", help="remove a document added with 'add'")
    remove.add_argument("id")
    args = parser.parse_args(argv)
    commands = {
        "fetch": cmd_fetch,
        "parse": cmd_parse,
        "build": cmd_build,
        "list": cmd_list,
        "add": cmd_add,
        "remove": cmd_remove,
    }
    interrupt_on_sigterm()
    try:
        return commands[args.command](load_settings(), args)
    except TreatyError as exc:  # every error that is the user's to fix: one line
        return _fail(exc.message)
    except KeyboardInterrupt:  # corpus and stamp are switched atomically, under the lock
        return _fail("interrupted; nothing half-written was kept")


if __name__ == "__main__":
    sys.exit(main())
