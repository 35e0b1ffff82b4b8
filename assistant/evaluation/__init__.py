"""Evaluation: suites of questions → verdicts, metrics and reports (suites, matching, judging,
metrics, the runner, baselines, report and export formats)."""
