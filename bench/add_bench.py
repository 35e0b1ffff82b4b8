"""How long ``ingest add`` takes to check a large user document before anything is embedded:
the parse and the verbatim check of every fragment against the source (the step that used to
grow with the square of the size). Synthetic plain-text documents of growing size, made of
numbered articles with two paragraphs each; timed in-process, best of ``--repeat``.

    .venv/bin/python bench/add_bench.py [--mb 0.5 1 2 4] [--repeat 1]
        [--json bench/results/add.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.model.manifest import DocumentInfo, Kind, SourceFormat  # noqa: E402
from ingest.parse import parse_document  # noqa: E402

WORDS = "state party shall adopt measures records evidence court request transfer".split()


def document(megabytes: float) -> str:
    """Articles of two numbered paragraphs, each sentence different, until the size is reached."""
    parts, size, number = [], 0, 0
    while size < megabytes * 1e6:
        number += 1
        body = [f"Article {number} Measure {number}"]
        for paragraph in (1, 2):
            words = [WORDS[(number * 7 + paragraph * 3 + i) % len(WORDS)] for i in range(40)]
            body.append(f"{paragraph}. Item {number}-{paragraph}: {' '.join(words)}.")
        parts.append("\n".join(body))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)


def check_seconds(text: str, repeat: int) -> float:
    doc = DocumentInfo(
        id="bench-notes",
        title="Bench notes",
        short_name="bench-notes",
        kind=Kind.OTHER,
        file="user-bench-notes.txt",
        format=SourceFormat.TEXT,
        sha256="0" * 64,
    )
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        parse_document(doc, text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 1, 2, 4])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    for mb in args.mb:
        text = document(mb)
        seconds = check_seconds(text, args.repeat)
        rows.append({"mb": mb, "characters": len(text), "seconds": round(seconds, 2)})
        print(f"{mb:>5} MB  {len(text):>9} chars  parse + verbatim check {seconds:6.2f} s")
    if args.json:
        meta = {"python": platform.python_version(), "date": dt.date.today().isoformat()}
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
