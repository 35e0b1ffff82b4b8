"""Plot query latency and build time against corpus size, from bench/results/scale.json.

    .venv/bin/python bench/plot_scale.py [--json bench/results/scale.json]
        [--svg docs/perf-scale.svg]

A small hand-written SVG (two panels, log-scaled size axis), so that no plotting library is
needed as a dependency.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT, PANEL, MARGIN = 760, 320, 330, 60
Series = tuple[str, str, list[tuple[float, float]]]  # label, colour, (size, value) points


def nice_max(value: float) -> float:
    """A round axis maximum above ``value`` (1, 2 or 5 times a power of ten)."""
    power = 10 ** math.floor(math.log10(value)) if value > 0 else 1
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def panel(
    left: float, title: str, unit: str, series: list[Series], target: float | None
) -> list[str]:
    """SVG elements of one panel: axes, ticks, one polyline with dots per series."""
    sizes = sorted({s for _, _, points in series for s, _ in points})
    top = max([v for _, _, points in series for _, v in points] + [target or 0])
    ymax = nice_max(top * 1.05)
    lo, hi = math.log10(min(sizes)), math.log10(max(sizes)) if len(sizes) > 1 else 1.0
    bottom, height, width = HEIGHT - 50, HEIGHT - 100, PANEL - MARGIN - 10

    def x(size: float) -> float:
        return left + MARGIN + width * (math.log10(size) - lo) / ((hi - lo) or 1)

    def y(value: float) -> float:
        return bottom - height * value / ymax

    out = [
        f'<text x="{left + MARGIN}" y="30" font-weight="bold">{title}</text>',
        f'<line x1="{left + MARGIN}" y1="{bottom}" x2="{left + MARGIN + width}" '
        f'y2="{bottom}" stroke="#333"/>',
        f'<line x1="{left + MARGIN}" y1="{bottom}" x2="{left + MARGIN}" y2="{bottom - height}" '
        'stroke="#333"/>',
        f'<text x="{left + MARGIN + width / 2}" y="{HEIGHT - 12}" text-anchor="middle">'
        "corpus size (× the real corpus, log scale)</text>",
    ]
    for i in range(5):
        value = ymax * i / 4
        out.append(
            f'<text x="{left + MARGIN - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
            f"{value:g}</text>"
        )
        out.append(
            f'<line x1="{left + MARGIN}" y1="{y(value):.1f}" x2="{left + MARGIN + width}" '
            f'y2="{y(value):.1f}" stroke="#ddd"/>'
        )
    out.append(
        f'<text x="{left + 14}" y="{bottom - height / 2}" text-anchor="middle" '
        f'transform="rotate(-90 {left + 14} {bottom - height / 2})">{unit}</text>'
    )
    for size in sizes:
        out.append(
            f'<text x="{x(size):.1f}" y="{bottom + 16}" text-anchor="middle">{size:g}×</text>'
        )
    if target is not None:
        out.append(
            f'<line x1="{left + MARGIN}" y1="{y(target):.1f}" x2="{left + MARGIN + width}" '
            f'y2="{y(target):.1f}" stroke="#c00" stroke-dasharray="5,4"/>'
            f'<text x="{left + MARGIN + width}" y="{y(target) - 5:.1f}" text-anchor="end" '
            f'fill="#c00">target: 3× the 1× p50</text>'
        )
    for row, (label, colour, points) in enumerate(series):
        coords = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in points)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out += [
            f'<circle cx="{x(s):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"/>' for s, v in points
        ]
        out.append(
            f'<text x="{left + MARGIN + 10}" y="{bottom - height + 14 + 16 * row}" '
            f'fill="{colour}">{label}</text>'
        )
    return out


def svg(entries: list[dict]) -> str:
    def points(get) -> list[tuple[float, float]]:
        return [(e["size"], get(e)) for e in entries]

    base = next((e for e in entries if e["size"] == 1), None)
    latency = [
        ("query p50", "#1f77b4", points(lambda e: e["query"]["p50_ms"])),
        ("query p95", "#ff7f0e", points(lambda e: e["query"]["p95_ms"])),
        ("dense search p50", "#2ca02c", points(lambda e: e["stages"]["dense"]["p50_ms"])),
    ]
    build = [("cold build", "#9467bd", points(lambda e: e["build_cold_s"]))]
    target = 3 * base["query"]["p50_ms"] if base else None
    body = panel(0, "Warm retrieval latency", "ms", latency, target)
    body += panel(WIDTH / 2, "Index build time (cold)", "seconds", build, None)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "scale.json")
    parser.add_argument("--svg", type=Path, default=ROOT / "docs" / "perf-scale.svg")
    opts = parser.parse_args()
    entries = json.loads(opts.json.read_text())["sizes"]
    opts.svg.write_text(svg(entries))
    print(f"{opts.svg}: {len(entries)} sizes")


if __name__ == "__main__":
    main()
