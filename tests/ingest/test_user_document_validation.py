"""A user's document is untrusted input: its id and title must not take over another
document's names, its article numbers must be citable, its markup is dropped, its size is
bounded. Each refusal is one line that says what to change, before anything is written."""

from __future__ import annotations

import pytest
from support.reliability import clean_env, one_clear_error, run

from assistant.errors import UserDocumentError
from assistant.model.manifest import Kind
from assistant.model.provisions import Level
from ingest.parse import parse_document
from ingest.user_documents import prepare_document

NOTES = "Article 1 Scope\nThese notes cover ferry checks.\n\nArticle 2 Practice\nWeekly reviews.\n"


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(NOTES)
    return path


@pytest.mark.parametrize(
    ("doc_id", "title", "says"),
    [
        ("ferry-notes", "", "the title is empty"),
        ("ferry-notes", "   ", "the title is empty"),
        ("ferry-notes", "Palermo", "title 'Palermo' is already a name of untoc"),
        ("ferry-notes", "uncac", "title 'uncac' is already a name of uncac"),
        ("ferry-notes", "Organized Crime", "part of the name .* of untoc"),
        ("ferry-notes", "Convention", "part of the name"),
        ("ferry-notes", "Bribery", "occurs in the provision heading"),
        ("ferry-notes", "extradition", "occurs in the provision heading"),
        ("palermo", "Ferry notes", "id 'palermo' is already a name of untoc"),
        ("merida", "Ferry notes", "id 'merida' is already a name of uncac"),
        ("uncac", "Ferry notes", "a document with id 'uncac' exists"),
    ],
)
def test_an_id_or_title_that_takes_over_another_name_is_refused(
    built_settings, notes, doc_id, title, says
):
    with pytest.raises(UserDocumentError, match=says):
        prepare_document(built_settings, notes, doc_id, title)


def test_a_title_of_its_own_is_accepted(built_settings, notes):
    doc, _ = prepare_document(built_settings, notes, "ferry-notes", "  Ferry inspection notes ")
    assert doc.title == "Ferry inspection notes"


@pytest.mark.parametrize("first", ["Article 0", "Article 01", "Article ١", "Article ٣"])
def test_article_numbers_no_citation_can_name_are_refused(built_settings, tmp_path, first):
    path = tmp_path / "notes.md"
    path.write_text(f"{first} Scope\nFerry checks.\n\nArticle 5 Practice\nWeekly reviews.\n")
    with pytest.raises(UserDocumentError, match="has a number no citation can name"):
        prepare_document(built_settings, path, "ferry-notes", "Ferry notes")


HOSTILE = """# Ferry notes ![p](http://127.0.0.1:9/title.png "p")

Article 1 Scope <img src="http://127.0.0.1:9/tag.png"> of the notes
1. See [the rules](http://127.0.0.1:9/rules "rules") and ![x][pixel] <b>now</b>.
2. An <a href="javascript:alert(1)">anchor</a> <!-- hidden --> and <http://127.0.0.1:9/auto>.

[pixel]: http://127.0.0.1:9/pixel.png "pixel"

Article 2 Practice
Weekly [![badge](http://127.0.0.1:9/b.png)](http://127.0.0.1:9/c) reviews.
"""


def test_images_links_and_html_are_dropped_from_a_user_document(built_settings, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(HOSTILE)
    doc, data = prepare_document(built_settings, path, "ferry-notes", "Ferry notes", Kind.OTHER)
    parsed = parse_document(doc, data.decode())
    texts = [t for unit in parsed.units for t in unit.fragments()]
    for text in texts:
        for markup in ("http", "javascript", "<", ">", "](", "!["):
            assert markup not in text, text
    paragraphs = [n for n in parsed.provisions() if n.level is Level.PARAGRAPH]
    assert [n.lead for n in paragraphs] == ["See the rules and now.", "An anchor and ."]
    assert parsed.units[-1].lead == "Weekly reviews."


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(built_settings, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Ferry checks are weekly.\n\n" * 100)
    small = built_settings.model_copy(update={"max_document_bytes": 1000})
    with pytest.raises(UserDocumentError, match=r"big.txt is 0.0 MB, over the limit"):
        prepare_document(small, path, "big-notes", "Big ferry notes")


@pytest.mark.parametrize(
    ("args", "extra", "says"),
    [
        (["--id", "ferry-notes", "--title", ""], {}, "the title is empty"),
        (["--id", "palermo", "--title", "Ferry notes"], {}, "already a name of untoc"),
        (
            ["--id", "ferry-notes", "--title", "Ferry notes"],
            {"TREATY_MAX_DOCUMENT_BYTES": "10"},
            "over the limit",
        ),
    ],
)
def test_the_command_says_each_refusal_in_one_line(
    built_settings, notes, tmp_path, args, extra, says
):
    before = sorted(p.name for p in built_settings.data_dir.rglob("*"))
    env = clean_env(TREATY_DATA_DIR=str(built_settings.data_dir), **extra)
    line = one_clear_error(run("ingest", "add", str(notes), *args, env=env))
    assert says in line
    assert sorted(p.name for p in built_settings.data_dir.rglob("*")) == before
