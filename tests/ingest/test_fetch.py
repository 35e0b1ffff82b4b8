"""Fetching copies from the mirror or downloads, verifies checksums, never leaves half files."""

import functools
import http.server
import threading

import pytest

from assistant.errors import FetchError
from ingest.fetch import fetch_document


@pytest.fixture
def http_dir(tmp_path):
    """A real HTTP server on 127.0.0.1 serving a folder; yields (folder, base URL)."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_every_document_is_copied_from_the_mirror_and_verified(manifest, settings, tmp_path):
    for doc in manifest.documents:
        result = fetch_document(doc, tmp_path, settings.mirror_dir)
        assert result.origin == "mirror"
        assert (tmp_path / doc.file).read_bytes() == (settings.mirror_dir / doc.file).read_bytes()
    # A second fetch finds the verified copies and does nothing.
    assert fetch_document(manifest.get("uncac"), tmp_path, settings.mirror_dir).origin == "cached"


def test_downloads_when_the_mirror_lacks_the_file(manifest, settings, tmp_path, http_dir):
    served, base = http_dir
    doc = manifest.get("untoc-firearms-protocol")
    (served / "firearms.md").write_bytes((settings.mirror_dir / doc.file).read_bytes())
    doc = doc.model_copy(update={"urls": [f"{base}/missing.md", f"{base}/firearms.md"]})
    result = fetch_document(doc, tmp_path / "sources", mirror_dir=tmp_path / "empty-mirror")
    assert result.origin == f"{base}/firearms.md"
    assert (tmp_path / "sources" / doc.file).exists()


def test_a_json_source_is_checked_on_its_text_field(manifest, settings, tmp_path, http_dir):
    served, base = http_dir
    doc = manifest.get("cybercrime-convention")
    original = (settings.mirror_dir / doc.file).read_text()
    # Same `text`, different bytes (key order, indentation): still the document we pinned.
    import json

    (served / "cc.json").write_text(json.dumps(json.loads(original), indent=1, sort_keys=True))
    doc = doc.model_copy(update={"urls": [f"{base}/cc.json"]})
    assert fetch_document(doc, tmp_path / "s", mirror_dir=None).origin.endswith("cc.json")


def test_a_checksum_mismatch_names_the_document_and_keeps_nothing(manifest, settings, tmp_path):
    doc = manifest.get("uncac")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    damaged = (settings.mirror_dir / doc.file).read_bytes().replace(b"corruption", b"c0rruption")
    (mirror / doc.file).write_bytes(damaged)
    sources = tmp_path / "sources"
    with pytest.raises(FetchError, match=r"^uncac: checksum mismatch .*restore the original"):
        fetch_document(doc, sources, mirror)
    assert not sources.exists() or list(sources.iterdir()) == []


def test_a_damaged_copy_does_not_replace_a_good_one(manifest, settings, tmp_path):
    doc = manifest.get("uncac")
    sources = tmp_path / "sources"
    fetch_document(doc, sources, settings.mirror_dir)
    good = (sources / doc.file).read_bytes()
    (sources / doc.file).write_bytes(good[:1000])  # truncated on disk: fetched again
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / doc.file).write_bytes(good[:5000])  # and the only other copy is damaged
    with pytest.raises(FetchError, match="checksum mismatch"):
        fetch_document(doc, sources, mirror)
    assert fetch_document(doc, sources, settings.mirror_dir).origin == "mirror"
    assert (sources / doc.file).read_bytes() == good
    assert [p.name for p in sources.iterdir()] == [doc.file]  # no temporary files left


def test_a_missing_file_without_url_says_to_set_the_mirror(manifest, tmp_path):
    doc = manifest.get("commentary-mcadam-2025")
    with pytest.raises(FetchError, match=r"commentary-mcadam-2025: .*set TREATY_MIRROR_DIR"):
        fetch_document(doc, tmp_path / "s", tmp_path / "no-mirror")


def test_an_unreachable_url_is_one_clear_error(manifest, tmp_path, http_dir):
    _, base = http_dir
    doc = manifest.get("untoc").model_copy(
        update={"urls": [f"{base}/gone.md", "http://127.0.0.1:9/refused.md"]}
    )
    with pytest.raises(FetchError) as caught:
        fetch_document(doc, tmp_path / "s", None, timeout=2)
    message = str(caught.value)
    assert message.startswith("untoc: not in the mirror and could not be downloaded")
    assert "HTTP 404" in message and "ConnectError" in message and "\n" not in message
    assert not (tmp_path / "s").exists()
