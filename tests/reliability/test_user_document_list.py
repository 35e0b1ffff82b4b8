"""A damaged ``user-documents.json`` (a number, a directory, broken JSON, an entry without
its fields) is said in one line naming the file and what to do, by every command that reads
the document list — not a ``TypeError`` or ``IsADirectoryError`` traceback."""

from __future__ import annotations

import shutil

import pytest
from support.reliability import clean_env, one_clear_error, run

DAMAGE = {
    "a number": lambda path: path.write_text("5"),
    "a directory": lambda path: path.mkdir(),
    "broken JSON": lambda path: path.write_text('[{"id": "notes",'),
    "an entry without fields": lambda path: path.write_text('[{"id": "notes"}]'),
    "binary": lambda path: path.write_bytes(b"\xff\xfe\x00\x01"),
}
COMMANDS = {
    "ingest list": ("ingest", "list"),
    "ingest parse": ("ingest", "parse"),
    "ingest add": ("ingest", "add", "notes.md", "--id", "ferry-notes", "--title", "Ferry notes"),
    "assistant show": ("assistant", "show", "uncac art. 1"),
}


@pytest.fixture
def data_dir(built_settings, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(built_settings.data_dir, copy)
    (tmp_path / "notes.md").write_text("Article 1 Scope\nFerry checks.\n\nArticle 2 X\nMore.\n")
    return copy


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_damaged_document_list_is_one_line_naming_the_file(data_dir, damage, command):
    path = data_dir / "user-documents.json"
    DAMAGE[damage](path)
    env = clean_env(TREATY_DATA_DIR=str(data_dir))
    line = one_clear_error(run(*COMMANDS[command], env=env, cwd=data_dir.parent))
    assert f"user document list {path} is unusable" in line
    assert "delete it" in line
