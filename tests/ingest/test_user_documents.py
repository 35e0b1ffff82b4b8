"""Users add their own documents (PDF, Markdown, text), cite them by id, and remove them."""

import shutil

import pytest

from assistant.errors import UserDocumentError
from assistant.model.corpus import Corpus
from assistant.model.manifest import Kind, manifest_for
from assistant.search.embeddings import load_embeddings
from assistant.search.index import Index
from assistant.search.retriever import Retriever
from ingest.build import build_index
from ingest.parse import parse_corpus
from ingest.user_documents import add_document, remove_document

NOTES = """# Trainer notes on electronic evidence

Article 1 Scope
1. These notes explain how a central authority drafts a request for stored emails.
2. They are written for the spring workshop in Nairobi.

Article 2 — Checklist for urgent requests
Always confirm that the provider has preserved the mailbox before the formal request is sent.
"""


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica), written by hand."""
    text = " ".join(f"({line}) '" for line in lines)
    content = f"BT /F1 11 Tf 72 720 Td 14 TL {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


@pytest.fixture
def workspace(indexed_settings, tmp_path):
    """A copy of the built data dir, so adding documents does not touch other tests."""
    data = tmp_path / "data"
    shutil.copytree(indexed_settings.data_dir, data)
    return indexed_settings.model_copy(update={"data_dir": data})


def test_a_markdown_document_with_articles_is_parsed_indexed_and_citable(workspace, tmp_path):
    source = tmp_path / "notes.md"
    source.write_text(NOTES)
    doc = add_document(workspace, source, "trainer-notes", "Trainer notes", Kind.OTHER)
    assert doc.short_name == "trainer-notes"
    assert "trainer-notes" not in (workspace.manifest.read_text())  # never the committed file
    manifest = manifest_for(workspace)
    parse_corpus(workspace, manifest)
    corpus = Corpus.load(workspace.corpus_file, manifest)
    assert corpus.get("trainer-notes art. 1(2)").lead.startswith("They are written for")
    assert corpus.get("trainer-notes art. 2").title == "Checklist for urgent requests"

    result = build_index(workspace, corpus, load_embeddings())
    assert result.rebuilt
    retriever = Retriever(Index.open(workspace, load_embeddings()), corpus)
    hits = retriever.search("workshop in Nairobi for central authorities", k=3).hits
    assert hits[0].unit == "trainer-notes art. 1"


def test_a_pdf_without_article_headings_is_split_into_paragraphs(workspace, tmp_path):
    source = tmp_path / "law.pdf"
    source.write_bytes(make_pdf(["Section one sets up the cyber unit.", "It reports yearly."]))
    add_document(workspace, source, "cyber-unit-act", "Cyber Unit Act", Kind.LAW)
    manifest = manifest_for(workspace)
    parse_corpus(workspace, manifest)
    corpus = Corpus.load(workspace.corpus_file, manifest)
    assert corpus.get("cyber-unit-act para. 2").lead == "It reports yearly."


def test_removing_a_document_takes_it_out(workspace, tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("One paragraph of notes.\n\nAnother paragraph.\n")
    add_document(workspace, source, "tmp-notes", "Temporary notes")
    remove_document(workspace, "tmp-notes")
    assert "tmp-notes" not in manifest_for(workspace).ids()
    assert not list(workspace.sources_dir.glob("user-tmp-notes*"))


@pytest.mark.parametrize(
    ("name", "content", "doc_id", "says"),
    [
        ("notes.docx", b"PK", "notes", "unsupported file type"),
        ("notes.md", b"text", "uncac", "a document with id 'uncac' exists"),
        ("notes.md", b"text", "Bad Id!", "not a usable id"),
        ("scan.pdf", make_pdf([]), "scan", "has no text"),
        ("broken.pdf", b"%PDF-1.4 garbage", "broken", "not a readable PDF"),
    ],
)
def test_unusable_documents_are_refused_with_a_reason(
    workspace, tmp_path, name, content, doc_id, says
):
    source = tmp_path / name
    source.write_bytes(content)
    before = manifest_for(workspace).ids()
    with pytest.raises(UserDocumentError, match=says):
        add_document(workspace, source, doc_id, "Title")
    assert manifest_for(workspace).ids() == before


def test_only_user_documents_can_be_removed(workspace):
    with pytest.raises(UserDocumentError, match="part of the corpus manifest"):
        remove_document(workspace, "uncac")
    with pytest.raises(UserDocumentError, match="no user document with id 'nope'"):
        remove_document(workspace, "nope")
