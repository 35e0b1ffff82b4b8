"""Corpus faults: a missing mirror file, a checksum mismatch, a truncated or corrupted source,
an unknown format, a manifest with a duplicate id or a typo. ``python -m ingest`` stops with
one clear line naming the document (non-zero exit, no traceback), and the previous good
corpus and index stay in use: the corpus file and the index stamp are byte-for-byte what they
were, and the assistant still answers from them.

Each test works on a copy of the built data dir, of the mirror and of the manifest, runs the
commands as a user does, and never reaches beyond 127.0.0.1 (download URLs are pointed at a
closed local port).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support.reliability import one_clear_error, run

from assistant.search.index import stamp_path
from assistant.settings import Settings

CLOSED_PORT_URL = "http://127.0.0.1:9/gone"  # nothing listens on the discard port


def snapshot(settings: Settings) -> tuple[bytes, bytes, list[str]]:
    """The corpus, the index stamp, and the fetched sources' names: what must not change."""
    return (
        settings.corpus_file.read_bytes(),
        stamp_path(settings).read_bytes(),
        sorted(p.name for p in settings.sources_dir.iterdir()),
    )


def offline_urls(manifest_file: Path) -> None:
    """Every download URL pointed at a closed local port: a test never downloads."""
    text = re.sub(
        r"(?m)^urls = \[.*\]$", f'urls = ["{CLOSED_PORT_URL}"]', manifest_file.read_text()
    )
    manifest_file.write_text(text)


def edit_entry(manifest_file: Path, doc_id: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the [[document]] entry of ``doc_id`` only."""
    text = manifest_file.read_text()
    start = text.index(f'\nid = "{doc_id}"')
    end = text.find("[[document]]", start)
    end = len(text) if end == -1 else end
    entry = text[start:end]
    assert old in entry
    manifest_file.write_text(text[:start] + entry.replace(old, new, 1) + text[end:])


@pytest.fixture
def ingest(workspace, env_for, manifest_file):
    """``ingest(command)``: run ``python -m ingest -q <command>`` on the workspace."""
    offline_urls(manifest_file)

    def ingest(*args: str):
        return run("ingest", "-q", *args, env=env_for(workspace))

    return ingest


def fails_clearly(result, *fragments: str) -> str:
    line = one_clear_error(result)
    for fragment in fragments:
        assert fragment in line, line
    return line


# --- source files ----------------------------------------------------------------------------


def test_a_missing_mirror_file_names_the_document_and_keeps_the_corpus(workspace, mirror, ingest):
    before = snapshot(workspace)
    (mirror / "untoc.md").unlink()
    assert ingest("fetch").returncode == 0  # the verified copy fetched before is still good
    (workspace.sources_dir / "untoc.md").unlink()  # ... but on a fresh machine there is none
    after_fetch = snapshot(workspace)[:2]
    fails_clearly(ingest("fetch"), "error: untoc: not in the mirror and could not be downloaded")
    fails_clearly(ingest("parse"), "error: untoc:", "is missing; run 'python -m ingest fetch'")
    assert snapshot(workspace)[:2] == before[:2] == after_fetch


def test_a_checksum_mismatch_in_the_mirror_names_the_document(workspace, mirror, ingest):
    before = snapshot(workspace)
    damaged = (mirror / "uncac.md").read_bytes().replace(b"bribery", b"bribing", 1)
    (mirror / "uncac.md").write_bytes(damaged)
    (workspace.sources_dir / "uncac.md").unlink()
    fails_clearly(ingest("fetch"), "error: uncac: checksum mismatch", "restore the original file")
    assert not (workspace.sources_dir / "uncac.md").exists()  # the damaged copy was not kept
    assert snapshot(workspace)[:2] == before[:2]


def test_a_truncated_source_is_refused_by_fetch_and_by_parse(workspace, mirror, ingest):
    before = snapshot(workspace)
    for folder in (mirror, workspace.sources_dir):
        path = folder / "untoc-smuggling-protocol.md"
        path.write_bytes(path.read_bytes()[:4000])
    fails_clearly(ingest("fetch"), "error: untoc-smuggling-protocol: checksum mismatch")
    fails_clearly(
        ingest("parse"),
        "error: untoc-smuggling-protocol:",
        "does not match the manifest checksum",
        "(the previous corpus, if any, is unchanged)",
    )
    assert snapshot(workspace) == before


def test_a_corrupted_json_source_is_not_readable_and_says_so(workspace, mirror, ingest):
    before = snapshot(workspace)
    name = "cybercrime-convention.A_RES_79_243.json"
    for folder in (mirror, workspace.sources_dir):
        (folder / name).write_bytes((folder / name).read_bytes()[:5000])  # cut mid-string
    fails_clearly(
        ingest("fetch"), "error: cybercrime-convention:", "is not a readable un-pdf-json file"
    )
    fails_clearly(ingest("parse"), "error: cybercrime-convention:", "cannot be read as")
    assert snapshot(workspace) == before


# --- the manifest ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "old", "new", "says"),
    [
        (
            "untoc",
            'format = "treaty-markdown"',
            'format = "word-document"',
            "document 'untoc': format: Input should be 'treaty-markdown'",
        ),
        (
            "untoc-firearms-protocol",
            'id = "untoc-firearms-protocol"',
            'id = "uncac"',
            "document id 'uncac' appears twice",
        ),
        (
            "untoc-trafficking-protocol",
            'kind = "protocol"',
            'kinds = "protocol"',
            "document 'untoc-trafficking-protocol': kind: Field required; kinds: Extra inputs",
        ),
        ("budapest-convention", 'sha256 = "', 'sha256 = "zz', "document 'budapest-convention'"),
    ],
    ids=["unknown-format", "duplicate-id", "field-typo", "checksum-not-hex"],
)
def test_a_broken_manifest_entry_is_one_line_naming_the_document(
    workspace, manifest_file, ingest, doc_id, old, new, says
):
    before = snapshot(workspace)
    edit_entry(manifest_file, doc_id, old, new)
    # every command says it, build too (even with nothing to rebuild: a user who edited the
    # manifest must not be told all is well); the corpus and the index are kept as they are
    for command in ("fetch", "parse", "list", "build"):
        fails_clearly(ingest(command), f"error: manifest {manifest_file}", says)
    assert snapshot(workspace) == before


def test_a_wrong_checksum_in_the_manifest_is_caught_before_anything_is_replaced(
    workspace, manifest_file, ingest
):
    before = snapshot(workspace)
    pinned = re.search(
        r'sha256 = "(\w{64})"', manifest_file.read_text().split('"budapest-convention"')[1]
    )
    edit_entry(manifest_file, "budapest-convention", pinned[1], "0" * 64)
    fails_clearly(ingest("fetch"), "error: budapest-convention: checksum mismatch")
    fails_clearly(
        ingest("parse"), "error: budapest-convention:", "does not match the manifest checksum"
    )
    assert snapshot(workspace) == before


def test_a_missing_or_unparsable_manifest_is_one_line(workspace, manifest_file, ingest):
    manifest_file.write_text(manifest_file.read_text() + "\n[[document]\n")
    fails_clearly(ingest("parse"), "is not valid TOML")
    manifest_file.unlink()
    fails_clearly(ingest("parse"), f"error: manifest not found: {manifest_file}")


# --- the previous good corpus stays in use ---------------------------------------------------


def test_after_a_failed_ingest_the_assistant_answers_from_the_previous_corpus_and_index(
    workspace, mirror, ingest, env_for
):
    stamp = json.loads(stamp_path(workspace).read_text())
    (mirror / "uncac.md").write_text("not the convention")
    (workspace.sources_dir / "uncac.md").unlink()
    one_clear_error(ingest("fetch"))
    one_clear_error(ingest("parse"))
    built = ingest("build")  # the corpus on disk did not change, so neither does the index
    assert built.returncode == 0 and "Traceback" not in built.stderr
    asked = run(
        "assistant",
        "ask",
        "Does UNCAC oblige States to criminalise bribery of national public officials?",
        "--json",
        env=env_for(workspace),
    )
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert "uncac art. 15" in [c["citation"].split("(")[0] for c in answer["citations"]]
    assert json.loads(stamp_path(workspace).read_text()) == stamp
