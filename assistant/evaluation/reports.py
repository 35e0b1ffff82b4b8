"""The reports of an evaluation run: JSON for tools, Markdown for people, JUnit XML for CI.

All three can leave the answer texts out (``answers=False``): answers quote treaty text, and
reports committed to the repository must not carry it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from assistant.evaluation.judge import CaseResult
from assistant.evaluation.metrics import Rate, Summary, summarise
from assistant.model.citations import parse_citation
from assistant.model.manifest import Manifest
from assistant.search.index import IndexStamp


class Report(BaseModel):
    """One run: the suite, our summary, the baselines' summaries and every case of ours."""

    suite: str
    k: int
    summary: Summary
    baselines: list[Summary] = []
    cases: list[CaseResult]
    index: IndexStamp | None = None  # the build that answered: model, corpus checksums, date

    def to_json(self, answers: bool = True) -> str:
        exclude = None if answers else {"cases": {"__all__": {"answer", "lead"}}}
        return self.model_dump_json(indent=2, exclude=exclude)


# -- the summary table, shared by the Markdown report and the command line --------------------

Metric = Callable[[Summary], Rate | float | str]
METRICS: list[tuple[str, Metric]] = [
    ("cases passed", lambda s: s.passed),
    ("article recall@1", lambda s: s.recall_at_1),
    ("article recall@5", lambda s: s.recall_at_5),
    ("article recall@10", lambda s: s.recall_at_10),
    ("MRR (top 10)", lambda s: s.mrr),
    ("lead accuracy (cases with lead expectations)", lambda s: s.lead_accuracy),
    ("leads saying what they must not (wrong verdicts)", lambda s: s.lead_contradictions),
    ("citation precision (article level)", lambda s: s.citation_precision),
    ("citation precision of quoted provisions", lambda s: s.quoted_precision),
    ("citation recall (article level)", lambda s: s.citation_recall),
    ("citation recall (pinpoint)", lambda s: s.pinpoint_recall),
    ("abstention accuracy (all cases)", lambda s: s.abstention_accuracy),
    ("out-of-scope questions declined", lambda s: s.declined_out_of_scope),
    ("answerable questions answered", lambda s: s.answered_in_scope),
    ("shown citations that resolve", lambda s: s.citations_resolving),
    ("quotes that are verbatim", lambda s: s.quotes_verbatim),
    ("passages quoted twice", lambda s: f"{s.passages_repeated}"),
    ("median answer length (characters)", lambda s: f"{s.answer_chars_p50:.0f}"),
    ("latency p50 / p95 (ms)", lambda s: f"{s.latency_p50_ms:.0f} / {s.latency_p95_ms:.0f}"),
]


def _cell(value: Rate | float | str) -> str:
    if isinstance(value, Rate):
        return "—" if value.n == 0 else f"{value.value:.3f} ({value.successes}/{value.n})"
    return f"{value:.3f}" if isinstance(value, float) else value


def _interval(value: Rate | float | str) -> str:
    return f"{value.ci95[0]:.2f}–{value.ci95[1]:.2f}" if isinstance(value, Rate) and value.n else ""


def summary_rows(report: Report) -> list[list[str]]:
    """Header and one row per metric: ours, our 95% interval, then each baseline."""
    rows = [["metric", report.summary.system, "95% CI", *(b.system for b in report.baselines)]]
    for label, metric in METRICS:
        ours = metric(report.summary)
        rows.append([label, _cell(ours), _interval(ours)])
        rows[-1] += [_cell(metric(b)) for b in report.baselines]
    return rows


def language_rows(report: Report, languages: dict[str, str]) -> list[list[str]]:
    """Header and one row per question language (``languages``: case id -> language): how
    many answerable cases it has, their article recall@5 and how many were answered."""
    rows = [["language", "answerable", "article recall@5", "answered"]]
    for language in dict.fromkeys(languages.values()):
        results = [r for r in report.cases if languages.get(r.id) == language]
        summary = summarise(results, report.summary.system, report.k)
        recall, answered = summary.recall_at_5, summary.answered_in_scope
        rows.append([language, str(summary.answerable), _cell(recall), _cell(answered)])
    return rows


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


# -- Markdown -------------------------------------------------------------------------------


def _shown(citations: list[str], manifest: Manifest) -> str:
    return ", ".join(parse_citation(c, manifest).display(manifest) for c in citations) or "none"


def _scope(report: Report) -> str:
    s = report.summary
    return (
        f"{s.cases} cases: {s.answerable} answerable, {s.cases - s.answerable} out of scope "
        f"(the assistant should decline). k = {report.k}: an answerable case passes when its "
        f"expected provisions are among the top {report.k} retrieved, at least one is cited in "
        "the answer, the answer was not declined, every must-include phrase is in it, and every "
        "citation and quote checks out; an out-of-scope case passes when it is declined. "
        "Recall, MRR and citation precision and recall are over the answerable cases; numbers "
        "in brackets are successes/count; the interval is the 95% Wilson interval. See "
        "docs/evaluation.md."
    )


def _version(report: Report) -> list[str]:
    """What to rerun against: the index build, its model and the corpus checksums."""
    stamp = report.index
    if stamp is None:
        return []
    checksums = ", ".join(f"{doc} {sha[:12]}" for doc, sha in sorted(stamp.corpus.items()))
    return [
        f"Index build {stamp.build_id} ({stamp.model}, {stamp.chunks} chunks, built "
        f"{stamp.built_at}); corpus sha256: {checksums}.",
        "",
    ]


def _case_markdown(case: CaseResult, k: int, manifest: Manifest, answers: bool) -> list[str]:
    lines = [f"### {case.id}" + ("" if case.passed else " — failed"), ""]
    if len(case.questions) == 1:
        lines.append(f"- **Question:** {case.questions[0]}")
    else:
        lines += [f"- **Question {i}:** {q}" for i, q in enumerate(case.questions, 1)]
        lines.append(f"- **Searched as:** {case.rewritten_question}")
    if case.expect_abstain:
        expected = "to decline: the corpus does not address this"
    else:
        joiner = " and " if case.match == "all" else " or "
        expected = joiner.join(
            parse_citation(c, manifest).display(manifest) for c in case.expected_citations
        )
        if case.must_include:
            expected += "; the answer must say " + ", ".join(f"“{p}”" for p in case.must_include)
    if case.lead_includes:
        expected += "; the lead must say one of " + ", ".join(f"“{p}”" for p in case.lead_includes)
    lines.append(f"- **Expected:** {expected}")
    got = "declined to answer" if case.abstained else f"cited {_shown(case.citations, manifest)}"
    rank = f"rank {case.rank}" if case.rank else "not found"
    if not case.expect_abstain:
        got += f"; retrieved top {k}: {_shown(case.retrieved[:k], manifest)} (expected: {rank})"
    lines.append(f"- **Got:** {got}")
    lines += [f"- **Why it failed:** {reason}" for reason in case.reasons]
    if answers and case.lead:
        lines.append(f"- **Lead:** {case.lead}")
    if answers:
        body = "\n".join(f"> {line}" if line else ">" for line in case.answer.splitlines())
        lines += ["- **Answer:**", "", body]
    return [*lines, ""]


def markdown(report: Report, manifest: Manifest, answers: bool = True) -> str:
    """Summary table first, then every failed case in full, then the passed ones in brief."""
    rows = summary_rows(report)
    table = ["| " + " | ".join(row) + " |" for row in rows]
    table.insert(1, "|" + "---|" * len(rows[0]))
    failed = [c for c in report.cases if not c.passed]
    passed = [c for c in report.cases if c.passed]
    lines = [f"# Evaluation of {report.suite}", "", _scope(report), "", *_version(report), *table]
    lines.append("")
    lines += [f"## Failed cases ({len(failed)})", ""]
    for case in failed:
        lines += _case_markdown(case, report.k, manifest, answers)
    lines += [f"## Passed cases ({len(passed)})", "", "| case | rank | cited |", "|---|---|---|"]
    for case in passed:
        rank = "declined" if case.abstained else str(case.rank or "—")
        lines.append(f"| {case.id} | {rank} | {_shown(case.citations[:4], manifest)} |")
    return "\n".join(lines) + "\n"


# -- JUnit XML ------------------------------------------------------------------------------


def junit(report: Report, answers: bool = True) -> str:
    """One ``testcase`` per case (a ``failure`` with the reasons when it failed) and the
    summary's metrics as suite properties, the way CI systems show test results."""
    name = Path(report.suite).stem
    failed = sum(not c.passed for c in report.cases)
    total = sum(c.latency_ms for c in report.cases) / 1000
    root = ET.Element("testsuites", name=f"eval {report.suite}", tests=str(len(report.cases)))
    root.set("failures", str(failed))
    suite = ET.SubElement(root, "testsuite", name=f"eval.{name}", tests=str(len(report.cases)))
    suite.attrib.update(failures=str(failed), errors="0", skipped="0", time=f"{total:.3f}")
    properties = ET.SubElement(suite, "properties")
    for label, metric in METRICS:
        ET.SubElement(properties, "property", name=label, value=_cell(metric(report.summary)))
    for case in report.cases:
        element = ET.SubElement(suite, "testcase", classname=f"eval.{name}", name=case.id)
        element.set("time", f"{case.latency_ms / 1000:.3f}")
        if not case.passed:
            failure = ET.SubElement(element, "failure", message="; ".join(case.reasons))
            failure.text = "\n".join([*case.questions, "", *case.reasons])
        if answers:
            ET.SubElement(element, "system-out").text = case.answer
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
