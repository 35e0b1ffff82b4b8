"""The manifest names the eleven documents and refuses entries it cannot trust."""

import pytest
from support.corpus_facts import ARTICLE_COUNTS

from assistant.errors import ManifestError
from assistant.model.manifest import Kind, load_manifest

CANONICAL_IDS = list(ARTICLE_COUNTS)


def test_lists_the_canonical_documents(manifest):
    assert manifest.ids() == CANONICAL_IDS


def test_every_entry_says_what_it_is_and_where_it_comes_from(manifest):
    for doc in manifest.documents:
        assert doc.title and doc.short_name and doc.aliases
        assert doc.adopted is not None
        if doc.kind is not Kind.COMMENTARY:
            assert doc.symbol, doc.id
            assert doc.urls, f"{doc.id} has no download URL"
    assert manifest.get("uncac").short_name == "UNCAC"
    assert manifest.get("untoc-smuggling-protocol").supplements == "untoc"


def test_protocols_name_the_convention_they_supplement(manifest):
    for doc in manifest.documents:
        if doc.kind is Kind.PROTOCOL:
            assert doc.supplements in manifest.ids()


def _write(tmp_path, body: str):
    path = tmp_path / "manifest.toml"
    path.write_text(body)
    return path


ENTRY = """
[[document]]
id = "{id}"
title = "T"
short_name = "T"
kind = "convention"
file = "t.md"
format = "{fmt}"
sha256 = "{sha}"
"""


def test_a_duplicate_id_is_refused(tmp_path):
    entry = ENTRY.format(id="same", fmt="treaty-markdown", sha="0" * 64)
    with pytest.raises(ManifestError, match="'same' appears twice"):
        load_manifest(_write(tmp_path, entry + entry))


def test_an_unknown_format_names_the_document(tmp_path):
    entry = ENTRY.format(id="odd", fmt="word-doc", sha="0" * 64)
    with pytest.raises(ManifestError, match="document 'odd': format"):
        load_manifest(_write(tmp_path, entry))


def test_a_misspelt_field_is_refused(tmp_path):
    entry = ENTRY.format(id="typo", fmt="treaty-markdown", sha="0" * 64) + 'tilte = "x"\n'
    with pytest.raises(ManifestError, match="document 'typo': tilte"):
        load_manifest(_write(tmp_path, entry))


def test_a_malformed_checksum_is_refused(tmp_path):
    entry = ENTRY.format(id="short", fmt="treaty-markdown", sha="abc")
    with pytest.raises(ManifestError, match="document 'short': sha256"):
        load_manifest(_write(tmp_path, entry))


def test_broken_toml_and_missing_files_are_clear(tmp_path):
    with pytest.raises(ManifestError, match="not valid TOML"):
        load_manifest(_write(tmp_path, "[[document]\n"))
    with pytest.raises(ManifestError, match="manifest not found"):
        load_manifest(tmp_path / "nope.toml")
