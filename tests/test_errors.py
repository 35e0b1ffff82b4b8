"""Every error that is the user's to fix reaches them as one line that says what to do, from
every command-line front end — never as a traceback.

Each subclass of ``TreatyError`` has a real scenario below that makes a front end raise it;
a new error class without a scenario fails ``test_every_error_class_has_a_scenario``. (The app
shows the same messages: tests/ui/test_app.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.locks import lock_held_elsewhere

from assistant import cli as assistant_cli
from assistant import errors
from assistant.errors import TreatyError
from ingest import cli as ingest_cli


@dataclass
class Scenario:
    """A front end, its arguments, and what to set up first (env vars, files)."""

    main: Callable[[list[str]], int]
    argv: list[str]
    says: str  # a phrase the one line must contain
    setup: Callable[[Path, pytest.MonkeyPatch], None] = lambda tmp, env: None


def _corpus_only(tmp: Path, env: pytest.MonkeyPatch, source: Path) -> None:
    """A data dir holding the parsed corpus (copied) and no index."""
    (tmp / "corpus").mkdir()
    for name in ("provisions.jsonl", "provisions.meta.json"):
        shutil.copy(source / name, tmp / "corpus" / name)


def _one_document_manifest(tmp: Path, env: pytest.MonkeyPatch) -> None:
    (tmp / "manifest.toml").write_text(
        '[[document]]\nid = "notes"\ntitle = "Notes"\nshort_name = "Notes"\nkind = "other"\n'
        'file = "notes.txt"\nformat = "text"\nsha256 = "' + "0" * 64 + '"\n'
    )
    env.setenv("TREATY_MANIFEST", str(tmp / "manifest.toml"))
    env.setenv("TREATY_MIRROR_DIR", str(tmp))


def _malformed_manifest(tmp: Path, env: pytest.MonkeyPatch) -> None:
    (tmp / "manifest.toml").write_text('[[document]]\nid = "x"\ntitle = 5\n')
    env.setenv("TREATY_MANIFEST", str(tmp / "manifest.toml"))


def _incomplete_llm(tmp: Path, env: pytest.MonkeyPatch) -> None:
    env.setenv("TREATY_LLM_PROVIDER", "openai")
    env.delenv("TREATY_LLM_BASE_URL", raising=False)


def _bad_suite(tmp: Path, env: pytest.MonkeyPatch) -> None:
    (tmp / "suite.yaml").write_text(
        "- id: a\n  question: q\n  expected_citations: [uncac art. x]\n"
    )


def _text_file(name: str, text: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def write(tmp: Path, env: pytest.MonkeyPatch) -> None:
        (tmp / name).write_text(text)

    return write


SCENARIOS: dict[type[TreatyError], Scenario] = {
    errors.SettingsError: Scenario(
        assistant_cli.main,
        ["show", "uncac art. 1"],
        "TREATY_LLM_PROVIDER",
        lambda tmp, env: env.setenv("TREATY_LLM_PROVIDER", "gpt"),
    ),
    errors.ManifestError: Scenario(
        assistant_cli.main, ["show", "uncac art. 1"], "document 'x'", _malformed_manifest
    ),
    errors.LLMUnavailable: Scenario(
        assistant_cli.main,
        ["ask", "Is bribery a crime?", "--mode", "llm"],
        "TREATY_LLM_BASE_URL",
        _incomplete_llm,
    ),
    errors.FetchError: Scenario(
        ingest_cli.main, ["-q", "fetch"], "set TREATY_MIRROR_DIR", _one_document_manifest
    ),
    errors.ParseError: Scenario(ingest_cli.main, ["-q", "parse"], "run 'python -m ingest fetch'"),
    errors.CorpusError: Scenario(
        assistant_cli.main, ["show", "uncac art. 1"], "run 'python -m ingest fetch'"
    ),
    errors.CitationError: Scenario(
        assistant_cli.main, ["show", "the bribery article"], "names no known document"
    ),
    errors.NoSuchProvision: Scenario(assistant_cli.main, ["show", "uncac art. 99"], "99"),
    errors.IndexUnavailable: Scenario(
        assistant_cli.main, ["ask", "Is bribery a crime?"], "python -m ingest build"
    ),
    errors.BuildError: Scenario(
        ingest_cli.main,
        ["-q", "build", "--force"],
        "another ingest command is writing",
        lambda tmp, env: env.setattr("ingest.lock.LOCK_WAIT", 0),
    ),
    errors.UserDocumentError: Scenario(
        ingest_cli.main,
        ["-q", "add", "notes.docx", "--id", "notes", "--title", "Notes"],
        "unsupported file type",
        _text_file("notes.docx", "Article 1\nText."),
    ),
    errors.SuiteError: Scenario(assistant_cli.main, ["eval", "suite.yaml"], "suite", _bad_suite),
    errors.UsageError: Scenario(
        assistant_cli.main, ["ask", "q", "--history", "missing.txt"], "cannot read --history"
    ),
}
# Raised deep down and always reported as the error of the step that met it.
WRAPPED = {errors.SourceError: (errors.FetchError, errors.ParseError, errors.UserDocumentError)}
NEEDS_CORPUS = {errors.NoSuchProvision, errors.IndexUnavailable, errors.BuildError}


def _subclasses(cls: type) -> set[type]:
    return {c for sub in cls.__subclasses__() for c in {sub, *_subclasses(sub)}}


def test_every_error_class_has_a_scenario():
    assert _subclasses(TreatyError) == set(SCENARIOS) | set(WRAPPED)


@pytest.mark.parametrize("error", list(SCENARIOS), ids=lambda e: e.__name__)
def test_a_front_end_reports_the_error_in_one_line_and_exits_non_zero(
    error, tmp_path, monkeypatch, capsys, built_settings
):
    scenario = SCENARIOS[error]
    monkeypatch.chdir(tmp_path)
    for name in ("TREATY_LLM_PROVIDER", "TREATY_MANIFEST", "TREATY_CHROMA_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TREATY_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    if error in NEEDS_CORPUS:
        _corpus_only(tmp_path / "data", monkeypatch, built_settings.corpus_file.parent)
    scenario.setup(tmp_path, monkeypatch)
    if error is errors.BuildError:
        with lock_held_elsewhere(built_settings.model_copy(update={"data_dir": tmp_path / "data"})):
            code = scenario.main(scenario.argv)
    else:
        code = scenario.main(scenario.argv)
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1
    assert len(lines) >= 1 and all(line.startswith("error: ") for line in lines), err
    assert scenario.says in lines[0], lines[0]
    assert "Traceback" not in out + err


def test_a_wrapped_error_is_reported_as_the_step_that_met_it(tmp_path, monkeypatch, capsys):
    """A PDF that is not one (a SourceError inside) is a user-document error, one line."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "fake.pdf").write_bytes(b"not a pdf at all")
    code = ingest_cli.main(["-q", "add", "fake.pdf", "--id", "fake", "--title", "Fake"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and err.startswith("error: ") and "\n" not in err
    assert "not a readable PDF" in err


def test_an_incomplete_llm_set_up_is_one_line_from_the_real_command(tmp_path):
    """``python -m assistant ask … --mode llm`` as a user runs it, in its own process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TREATY_")}
    env |= {"TREATY_LLM_PROVIDER": "openai", "TREATY_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "Is bribery a crime?", "--mode", "llm"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "TREATY_LLM_BASE_URL" in done.stderr
