"""LLM mode with a real model over a fixed subset of the golden suite: what the checks did to
the model's replies, and what the user waited for.

    .venv/bin/python bench/llm_bench.py [--every 8] [--timeout 120] [--json bench/results/llm.json]

Starts llama.cpp's server with SmolLM2-135M-Instruct (``tests/support/llama_server.py``; both
installed by ``make test``) and asks every ``--every``-th golden case (32 of 256 by default)
in LLM mode, as the app does. Uses the configured data dir (run ``make corpus`` first).

Counted per reply: kept (validated, shown), fallbacks (the offline answer, and why), citations
removed, quotations unmarked, verdicts corrected. Checked over what is shown: citations that do
not resolve or were not retrieved, quotations that are not verbatim, and verdicts against the
labels left standing (the shown text checked once more: a second pass must find nothing).
Latency: time to the first verified answer (the offline answer, shown at once) and to the
final one, against the offline answer's latency for the same question.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.llama_server import MODEL_NAME, running_llama_server  # noqa: E402

from assistant.answers.answer import Answer, verify_answer  # noqa: E402
from assistant.answers.chain import Assistant  # noqa: E402
from assistant.answers.generate import Preliminary  # noqa: E402
from assistant.answers.llm import language_model  # noqa: E402
from assistant.answers.validation import validate_reply  # noqa: E402
from assistant.evaluation.suite import load_suite  # noqa: E402
from assistant.model.citations import parse_citation  # noqa: E402
from assistant.model.provisions import Obligation  # noqa: E402
from assistant.search.retriever import Retrieval  # noqa: E402
from assistant.settings import get_settings  # noqa: E402
from bench.common import percentile  # noqa: E402

_SHOWN_CITATION = re.compile(r"\*\*([^*\n]+)\*\*")


def _count(notices: list[str], start: str) -> int:
    return sum(n.startswith(start) for n in notices)


def _removed_citations(notices: list[str]) -> int:
    """How many citations the "Removed citations …: a, b." notice lists."""
    for notice in notices:
        if notice.startswith("Removed citations"):
            return len(notice.split(": ", 1)[1].rstrip(".").split(", "))
    return 0


def _unretrieved(answer: Answer, assistant: Assistant) -> int:
    manifest = assistant.corpus.manifest
    scopes = [parse_citation(r.unit, manifest) for r in answer.retrieved]
    return sum(
        not any(s.covers(parse_citation(c.citation, manifest)) for s in scopes)
        for c in answer.citations
    )


def _verdicts_left(answer: Answer, retrieval: Retrieval, assistant: Assistant) -> int:
    """Verdicts against the labels in the shown text: its citations put back in brackets and
    the check run again."""
    if answer.mode != "llm":
        return 0
    text = _SHOWN_CITATION.sub(lambda m: f"[{m[1]}]", answer.text)
    label = Obligation(answer.obligation) if answer.obligation else None
    again = validate_reply(text, retrieval, assistant.corpus, label)
    return _count(again.notices, "A sentence calling")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _latency(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": _ms(percentile(samples, 0.5)), "p95_ms": _ms(percentile(samples, 0.95))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--every", type=int, default=8, help="ask every n-th golden case")
    parser.add_argument("--timeout", type=float, default=120, help="TREATY_LLM_TIMEOUT, s")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "llm.json")
    opts = parser.parse_args()
    offline = Assistant.from_settings(get_settings())
    cases = load_suite(ROOT / "tests" / "qa" / "golden.yaml", offline.corpus.manifest)
    cases = cases[:: opts.every]
    for case in cases[:3]:  # warm the embedding model and the index
        offline.ask(case.conversation[-1], case.conversation[:-1])
    figures = dict.fromkeys(
        [
            "asked",
            "not_asked",
            "kept",
            "fallbacks",
            "fallback_no_verified_citation",
            "fallback_failure",
            "citations_shown",
            "citations_removed",
            "quotes_shown",
            "quotes_unmarked",
            "verdicts_corrected",
            "shown_citations_unresolved_or_not_retrieved",
            "offline_citations_beyond_retrieved",
            "shown_quotes_not_verbatim",
            "shown_verdicts_against_labels",
        ],
        0,
    )
    first, final, alone = [], [], []
    with tempfile.TemporaryDirectory() as logs, running_llama_server(Path(logs)) as server:
        settings = server.settings(get_settings(), timeout=opts.timeout)
        llm = Assistant(offline.retriever, settings, language_model(settings))
        for case in cases:
            *history, question = case.conversation
            started = time.perf_counter()
            offline.ask(question, history, instruments=case.instruments)
            alone.append(time.perf_counter() - started)
            started, shown_at, answer = time.perf_counter(), None, None
            for item in llm.stream(question, history, "llm", case.instruments):
                if isinstance(item, Preliminary) and shown_at is None:
                    shown_at = time.perf_counter() - started
                elif isinstance(item, Answer):
                    answer = item
            total = time.perf_counter() - started
            first.append(shown_at if shown_at is not None else total)
            asked = shown_at is not None
            figures["asked" if asked else "not_asked"] += 1
            if asked:
                final.append(total)
                kept = answer.mode == "llm"
                figures["kept" if kept else "fallbacks"] += 1
                if not kept:
                    no_citation = _count(answer.notices, "The answer of the language model")
                    figures["fallback_no_verified_citation"] += no_citation
                    figures["fallback_failure"] += 1 - no_citation
                else:
                    figures["citations_shown"] += len(answer.citations)
                    figures["quotes_shown"] += len(answer.quotes)
                figures["citations_removed"] += _removed_citations(answer.notices)
                figures["quotes_unmarked"] += _count(answer.notices, "A passage presented")
                figures["verdicts_corrected"] += _count(answer.notices, "A sentence calling")
            retrieval = llm.retriever.search(
                answer.standalone_question, 5, case.instruments or None
            )
            outside = _unretrieved(answer, llm)  # the model's citations must all be retrieved;
            if answer.mode == "llm":  # the offline lead may cite a note or an article's
                figures["shown_citations_unresolved_or_not_retrieved"] += outside
            else:  # entry-into-force provision beyond the top five, by design
                figures["offline_citations_beyond_retrieved"] += outside
            figures["shown_quotes_not_verbatim"] += len(verify_answer(answer, llm.corpus))
            figures["shown_verdicts_against_labels"] += _verdicts_left(answer, retrieval, llm)
            print(f"{case.id}: {answer.mode} {total:.1f} s", flush=True)
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "model": MODEL_NAME,
        "cases": len(cases),
        "subset": f"every {opts.every}th case of tests/qa/golden.yaml",
        "context_tokens": settings.llm_context,
        "max_tokens": settings.llm_max_tokens,
        "timeout_s": settings.llm_timeout,
        **figures,
        "offline_latency": _latency(alone),
        "llm_time_to_first_verified_answer": _latency(first),
        "llm_time_to_final_answer": _latency(final) if final else None,
    }
    opts.json.parent.mkdir(parents=True, exist_ok=True)
    opts.json.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
