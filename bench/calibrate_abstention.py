"""Abstention calibration: the retrieval signals (best dense similarity, names
the corpus never mentions) of answerable and out-of-scope questions in a
suite, and how many of each a given threshold setting would abstain on.

    .venv/bin/python bench/calibrate_abstention.py [eval/dev.yaml]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answers.abstention import abstain_reason  # noqa: E402
from assistant.answers.conversation import standalone_question  # noqa: E402
from assistant.evaluation.suite import load_suite  # noqa: E402
from assistant.search.retriever import Retriever  # noqa: E402
from assistant.settings import get_settings  # noqa: E402


def main() -> None:
    suite = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "dev.yaml"
    retriever = Retriever.from_settings(get_settings())
    manifest = retriever.corpus.manifest
    rows = []
    for case in load_suite(suite, manifest):
        retrieval = retriever.search(
            standalone_question(case.conversation, manifest), k=5, instruments=case.instruments
        )
        rows.append((case, retrieval, abstain_reason(retrieval) is not None))
    print(f"{'case':<48} {'expect':>6} {'sim':>5} {'unknown names':<20} {'docs':>4} abstains")
    for case, r, abstains in sorted(rows, key=lambda x: x[1].similarity):
        flag = "" if abstains == case.expect_abstain else "  <-- wrong"
        print(
            f"{case.id[:48]:<48} {'out' if case.expect_abstain else 'in':>6} "
            f"{r.similarity:5.2f} {','.join(r.unknown_names)[:20]:<20} "
            f"{len(r.instruments):>4} {abstains}{flag}"
        )
    out = [x for x in rows if x[0].expect_abstain]
    answerable = [x for x in rows if not x[0].expect_abstain]
    print(
        f"\nout of scope abstained on: {sum(a for _, _, a in out)}/{len(out)}; "
        f"answerable abstained on (false abstentions): "
        f"{sum(a for _, _, a in answerable)}/{len(answerable)}"
    )


if __name__ == "__main__":
    main()
