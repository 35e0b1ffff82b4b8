"""Evaluation suites: our YAML/JSON-lines format, and promptfoo tests files and RAGAS JSON lines
read as suites; every expected citation is checked against the citation grammar on loading.
The format is documented in docs/evaluation.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.errors import CitationError, SuiteError
from assistant.model.citations import parse_citation
from assistant.model.manifest import Manifest

# What a case expects: kept in a promptfoo test's metadata, so the file reads back.
CASE_KEYS = (
    "expected_citations",
    "match",
    "expect_abstain",
    "must_include",
    "lead_includes",
    "lead_excludes",
    "instruments",
    "language",
)


class Case(BaseModel):
    model_config = {"extra": "forbid"}

    id: str
    question: str | None = None
    turns: list[str] | None = None
    expected_citations: list[str] = Field(default_factory=list)
    match: Literal["any", "all"] = "any"
    expect_abstain: bool = False
    must_include: list[str] = Field(default_factory=list)
    # The lead (the answer's opening, before its first quoted passage): one of lead_includes
    # must be in it, none of lead_excludes (case-insensitive; see docs/evaluation.md).
    lead_includes: list[str] = Field(default_factory=list)
    lead_excludes: list[str] = Field(default_factory=list)
    instruments: list[str] | None = None
    tags: list[str] = Field(default_factory=list)
    language: str = "en"  # the question's language (ISO 639-1): recall is reported per language

    @model_validator(mode="after")
    def _one_way_of_asking(self) -> Case:
        if (self.question is None) == (self.turns is None):
            raise ValueError("give either 'question' or 'turns'")
        if not self.expect_abstain and not self.expected_citations:
            raise ValueError("give expected_citations, or expect_abstain: true")
        return self

    @property
    def conversation(self) -> list[str]:
        return self.turns if self.turns is not None else [self.question or ""]


def load_suite(path: Path, manifest: Manifest) -> list[Case]:
    """Read a suite (ours, a promptfoo tests file or RAGAS JSONL) and check every citation."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            raw = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            raw = yaml.safe_load(text) or []
        raw = native_records(raw, manifest)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise SuiteError(f"cannot read suite {path}: {exc}") from None
    if not isinstance(raw, list):
        raise SuiteError(f"suite {path} must be a list of cases")
    cases, seen = [], set()
    for i, entry in enumerate(raw, 1):
        name = entry.get("id", f"case {i}") if isinstance(entry, dict) else f"case {i}"
        try:
            case = Case.model_validate(entry)
            for citation in case.expected_citations:
                parse_citation(citation, manifest)
        except (ValidationError, CitationError) as exc:
            detail = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else exc
            raise SuiteError(f"suite {path}, {name}: {detail}") from None
        if case.id in seen:
            raise SuiteError(f"suite {path}: case id '{case.id}' appears twice")
        seen.add(case.id)
        cases.append(case)
    return cases


# -- other tools' formats, read as suites ----------------------------------------------------


def _from_promptfoo(i: int, test: dict[str, Any]) -> dict[str, Any]:
    metadata = test.get("metadata") or {}
    variables = test.get("vars") or {}
    case_id = metadata.get("id") or test.get("description")
    if not case_id or "question" not in variables:
        raise ValueError(f"promptfoo test {i} needs metadata.id (or description) and vars.question")
    record: dict[str, Any] = {"id": case_id}
    history = variables.get("history")
    if history:
        record["turns"] = [*str(history).split("\n"), variables["question"]]
    else:
        record["question"] = variables["question"]
    record.update({k: metadata[k] for k in (*CASE_KEYS, "tags") if k in metadata})
    return record


def _from_ragas(i: int, row: dict[str, Any], manifest: Manifest) -> dict[str, Any]:
    reference = str(row.get("reference") or "").strip()
    record: dict[str, Any] = {"id": f"ragas-{i}", "question": row["user_input"]}
    if not reference:
        return {**record, "expect_abstain": True}
    try:
        cited = [str(parse_citation(p, manifest)) for p in reference.split(";") if p.strip()]
    except CitationError as exc:
        raise ValueError(f"RAGAS line {i}: reference must list citations ({exc})") from None
    return {**record, "expected_citations": cited}


def native_records(raw: Any, manifest: Manifest) -> Any:
    """Our suite records from whatever was read: promptfoo and RAGAS are converted, our own
    format (and anything unrecognised, for load_suite to report) is returned unchanged."""
    if isinstance(raw, dict) and isinstance(raw.get("tests"), list):
        raw = raw["tests"]
    if not isinstance(raw, list) or not raw or not all(isinstance(r, dict) for r in raw):
        return raw
    if all("vars" in r and "id" not in r for r in raw):
        return [_from_promptfoo(i, r) for i, r in enumerate(raw, 1)]
    if all("user_input" in r and "id" not in r for r in raw):
        return [_from_ragas(i, r, manifest) for i, r in enumerate(raw, 1)]
    return raw
