"""Chunks follow the legal structure and carry the context that helps find them."""

import pytest

from assistant.model.verbatim import is_verbatim
from ingest.chunking import MAX_WORDS, chunk_document


@pytest.fixture(scope="module")
def chunks(corpus):
    return {d.id: chunk_document(d, corpus.manifest.get(d.id)) for d in corpus}


def by_citation(chunks, doc_id):
    found = {}
    for chunk in chunks[doc_id]:
        found.setdefault(chunk.citation, []).append(chunk)
    return found


def test_a_short_article_is_one_chunk_with_its_title_in_context(chunks):
    uncac = by_citation(chunks, "uncac")
    assert "uncac art. 15(a)" not in uncac
    [art15] = uncac["uncac art. 15"]
    assert "UNCAC art. 15 — Bribery of national public officials" in art15.context
    assert "Chapter III" in art15.context


def test_numbered_paragraphs_are_chunks_of_their_own(chunks):
    untoc = by_citation(chunks, "untoc")
    assert {"untoc art. 16(1)", "untoc art. 16(4)", "untoc art. 16(17)"} <= set(untoc)
    assert all(c.unit == "untoc art. 16" for c in untoc["untoc art. 16(4)"])


def test_definitions_are_split_per_defined_term(chunks):
    uncac = by_citation(chunks, "uncac")
    [public_official] = uncac["uncac art. 2(a)"]
    assert "Definition of “Public official”" in public_official.context
    cyber = by_citation(chunks, "cybercrime-convention")
    assert [f"cybercrime-convention art. 2({x})" in cyber for x in "abcdefghijklmno"] == [True] * 15


def test_long_paragraphs_are_split_by_subparagraph_with_their_chapeau(chunks):
    cyber = by_citation(chunks, "cybercrime-convention")
    parts = [c for c in cyber if c.startswith("cybercrime-convention art. 40(3)(")]
    assert len(parts) >= 5
    assert "Mutual legal assistance to be afforded" in cyber[parts[0]][0].context


def test_notes_are_found_with_the_article_they_interpret(chunks):
    [note] = by_citation(chunks, "cybercrime-convention")["cybercrime-convention note 3"]
    assert "Interpretative note on cybercrime-convention art. 17" in note.context
    assert "Laundering of proceeds of crime" in note.context


def test_commentary_is_chunked_by_paragraph(chunks, corpus):
    paragraphs = corpus.documents["commentary-mcadam-2025"].units
    cited = [c.citation for c in chunks["commentary-mcadam-2025"]]
    assert list(dict.fromkeys(cited)) == [u.citation for u in paragraphs]


def test_every_chunk_is_verbatim_text_of_the_provision_it_cites(chunks, corpus):
    for doc_chunks in chunks.values():
        for chunk in doc_chunks:
            assert is_verbatim(chunk.text, corpus.get(chunk.citation).text), chunk.id


def test_no_chunk_overflows_the_embedding_window_and_ids_are_unique(chunks):
    all_chunks = [c for cs in chunks.values() for c in cs]
    assert len({c.id for c in all_chunks}) == len(all_chunks)
    longest = max(len(c.text.split()) for c in all_chunks)
    assert longest <= MAX_WORDS * 1.6  # one sentence may run past a window boundary
