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

from assistant.errors import CitationError, NoSuchProvision, SuiteError, TreatyError
from assistant.model.citations import parse_citation
from assistant.model.corpus import Corpus
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
    turns: list[str] | None = Field(None, min_length=1)
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


def _json_lines(path: Path, text: str) -> list[Any]:
    """Each line read on its own, so that a broken one is named by its own number."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc
                message = f"suite {path}, line {number}: not valid JSON ({reason})"
                raise SuiteError(message) from None
    return records


def load_suite(path: Path, manifest: Manifest) -> list[Case]:
    """Read a suite (ours, a promptfoo tests file or RAGAS JSONL) and check every citation
    and every instrument id; an empty suite is an error, not a run of nothing."""
    try:
        text = path.read_text(encoding="utf-8")
        raw = _json_lines(path, text) if path.suffix == ".jsonl" else yaml.safe_load(text) or []
        raw = native_records(raw, manifest)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise SuiteError(f"cannot read suite {path}: {_read_error(exc)}") from None
    if not isinstance(raw, list):
        raise SuiteError(f"suite {path} must be a list of cases")
    if not raw:
        raise SuiteError(f"suite {path} has no cases; add at least one (see docs/evaluation.md)")
    cases, seen = [], set()
    for i, entry in enumerate(raw, 1):
        name = entry.get("id", f"case {i}") if isinstance(entry, dict) else f"case {i}"
        try:
            case = Case.model_validate(entry)
            _check_case(case, manifest)
        except (ValidationError, TreatyError) as exc:
            raise SuiteError(f"suite {path}, {name}: {_reason(exc)}") from None
        if case.id in seen:
            raise SuiteError(f"suite {path}: case id '{case.id}' appears twice")
        seen.add(case.id)
        cases.append(case)
    return cases


def _read_error(exc: Exception) -> str:
    """One line: the OS's reason, or YAML's problem with its line (YAML says it in five)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.MarkedYAMLError) and mark is not None:
        return f"not valid YAML ({exc.problem}, line {mark.line + 1}, column {mark.column + 1})"
    return " ".join(str(exc).split())


def _reason(exc: ValidationError | TreatyError) -> str:
    """The first problem, with the field it is in ("turns: List should have at least …")."""
    if isinstance(exc, TreatyError):
        return exc.message
    error = exc.errors()[0]
    field = ".".join(map(str, error["loc"]))
    return f"{field}: {error['msg']}" if field else error["msg"].removeprefix("Value error, ")


def _check_case(case: Case, manifest: Manifest) -> None:
    """Unknown instrument ids (ManifestError lists the known ones), citations outside the
    grammar (CitationError)."""
    for instrument in case.instruments or []:
        manifest.get(instrument)
    for citation in case.expected_citations:
        parse_citation(citation, manifest)


def check_in_corpus(path: Path, cases: list[Case], corpus: Corpus) -> None:
    """Expected citations of nothing in the corpus ('uncac art. 99'), refused before a run
    with what the document has; a bare document id ("uncac") names no one provision."""
    for case in cases:
        for text in case.expected_citations:
            citation = parse_citation(text, corpus.manifest)
            try:
                if citation.division is not None:
                    corpus.get(citation)
            except NoSuchProvision as exc:
                raise SuiteError(f"suite {path}, {case.id}: {exc.message}") from None


# -- other tools' formats, read as suites ----------------------------------------------------


def _from_promptfoo(i: int, test: dict[str, Any]) -> dict[str, Any]:
    metadata = test.get("metadata") or {}
    variables = test.get("vars") or {}
    for key, value in (("metadata", metadata), ("vars", variables)):
        if not isinstance(value, dict):
            raise ValueError(f"promptfoo test {i}: {key} must be a mapping, not {value!r:.40}")
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
