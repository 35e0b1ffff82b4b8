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


def timed_together(
    runs: dict[str, Callable[[str], object]], questions: Iterable[str], passes: int
) -> dict[str, dict[str, float]]:
    """Latency of each of ``runs`` over every question, measured question by question (each
    run in turn, the order reversed every other pass), so that a drift in the machine's speed
    during the benchmark weighs on all of them alike; a ratio of their p50s is then a
    property of the code, not of when each was measured."""
    questions = list(questions)
    for question in questions[:5]:
        for run in runs.values():
            run(question)
    samples: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs.items())
    for n in range(passes):
        for question in questions:
            for name, run in order if n % 2 == 0 else order[::-1]:
                start = time.perf_counter()
                run(question)
                samples[name].append((time.perf_counter() - start) * 1000)
    return {name: summary(values) for name, values in samples.items()}


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
