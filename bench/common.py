"""Helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.evaluation.metrics import Summary


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 0.5), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "p99_ms": round(percentile(samples, 0.99), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
    }


def timed(run: Callable[[str], object], questions: Iterable[str], passes: int) -> dict[str, float]:
    """Latency of ``run`` over every question, ``passes`` times (warm: run once first)."""
    questions = list(questions)
    for question in questions[:5]:
        run(question)
    samples = []
    for _ in range(passes):
        for question in questions:
            start = time.perf_counter()
            run(question)
            samples.append((time.perf_counter() - start) * 1000)
    return summary(samples)


def recall_figures(s: Summary) -> dict:
    """The retrieval figures of an evaluation summary, as the benchmarks record them."""
    return {
        "cases": s.answerable,
        "recall_at_1": s.recall_at_1.value,
        "recall_at_5": s.recall_at_5.value,
        "recall_at_10": s.recall_at_10.value,
        "mrr": s.mrr,
        "recall_at_5_ci": s.recall_at_5.ci95,
    }
