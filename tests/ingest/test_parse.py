"""The parsed corpus as a whole: counts, cleanliness, verbatim text, and all-or-nothing writes."""

import re

import pytest
from support.corpus_facts import ARTICLE_COUNTS

from assistant.errors import ParseError
from assistant.model.citations import Division
from assistant.model.corpus import Corpus
from ingest import parse as parse_module
from ingest.parse import parse_corpus


def test_article_counts(corpus):
    for doc_id, count in ARTICLE_COUNTS.items():
        numbers = [u.number for u in corpus.documents[doc_id].articles()]
        assert numbers == [str(n) for n in range(1, count + 1)], doc_id


def test_every_article_has_a_title(corpus):
    untitled = [u.citation for d in corpus for u in d.articles() if not u.title]
    assert untitled == []


def test_drugs_convention_annex_is_one_unit_cited_as_the_annex(corpus):
    annex = corpus.get("drugs-convention-1988 annex")
    assert annex.division is Division.ANNEX and annex.lead.startswith("Table I ")
    assert corpus.extent("drugs-convention-1988").endswith("articles 1–34, preamble, annex")


def test_cybercrime_convention_has_preamble_and_notes_on_four_articles(corpus):
    units = corpus.documents["cybercrime-convention"].units
    assert sum(u.division is Division.PREAMBLE for u in units) == 1
    noted = {u.number for u in units if u.division is Division.ARTICLE and u.notes}
    assert noted == {"2", "17", "23", "35"}


def test_preambles_where_the_instruments_have_one(corpus):
    with_preamble = {d.id for d in corpus if any(u.division is Division.PREAMBLE for u in d.units)}
    assert with_preamble == set(ARTICLE_COUNTS) - {"untoc", "commentary-mcadam-2025"}


def test_no_page_furniture_dutch_or_markup_anywhere(corpus):
    furniture = re.compile(
        r"A/RES/79/243|24-24621|\b\d{1,2}/46\b|_{5}|Artikel|HOOFDSTUK|Verdrag|\bvan de\b"
        r"|\bhet\b|lidstaten|\]\(|``|###|<meta"
    )
    dirty = [
        (node.citation, m[0])
        for node in corpus.provisions()
        for fragment in (node.lead, node.tail, node.title or "")
        if (m := furniture.search(fragment))
    ]
    assert dirty == []


def test_cross_references_resolve_to_parsed_provisions(corpus):
    refs = {r for node in corpus.provisions() for r in node.refs}
    assert refs, "expected cross-references"
    for ref in refs:
        corpus.get(ref)  # raises NoSuchProvision if a reference points nowhere
    assert "untoc art. 23" in corpus.get("untoc art. 3(1)(a)").refs
    smuggling = corpus.get("untoc-smuggling-protocol art. 1(3)").refs
    assert "untoc-smuggling-protocol art. 6" in smuggling
    # the 1988 Convention's ", of this Convention" after a list of paragraphs
    assert corpus.get("drugs-convention-1988 art. 1(m)").refs == [
        "drugs-convention-1988 art. 3(1)",
        "drugs-convention-1988 art. 3(2)",
    ]
    # "subparagraph (d) of this paragraph": an item of the paragraph the text is in, and
    # "subparagraphs d) (i) and (iii)": clauses of the letter before them
    assert corpus.get("drugs-convention-1988 art. 12(9)(e)").refs == [
        "drugs-convention-1988 art. 12(9)(d)"
    ]
    assert corpus.get("untoc art. 31(2)(d)(iv)").refs == [
        "untoc art. 31(2)(d)(i)",
        "untoc art. 31(2)(d)(iii)",
    ]
    # the Council of Europe's bare "Article 18, paragraph 1.a"
    assert corpus.get("lanzarote-convention art. 23").refs == [
        "lanzarote-convention art. 18(2)",
        "lanzarote-convention art. 18(1)(a)",
        "lanzarote-convention art. 20(1)(a)",
    ]


def test_a_fragment_not_in_the_source_stops_the_parse(built_settings, manifest, monkeypatch):
    before = built_settings.corpus_file.read_bytes()
    real = parse_module.PARSERS[manifest.get("uncac").format]

    def tampered(text, doc_id):
        document = real.parse(text, doc_id)
        if doc_id == "uncac":
            document.units[20].lead = "States Parties may ignore this article."
        return document

    monkeypatch.setitem(
        parse_module.PARSERS,
        real_format := manifest.get("uncac").format,
        parse_module.SourceParser(tampered, real.clean_source),
    )
    assert real_format
    with pytest.raises(ParseError, match=r"^uncac: uncac art\. \d+ has text not found"):
        parse_corpus(built_settings, manifest)
    assert built_settings.corpus_file.read_bytes() == before


def test_a_missing_source_names_the_document_and_the_command(built_settings, manifest, tmp_path):
    empty = built_settings.model_copy(update={"data_dir": tmp_path})
    with pytest.raises(
        ParseError, match=r"^cybercrime-convention: .* run 'python -m ingest fetch'"
    ):
        parse_corpus(empty, manifest)
    assert not empty.corpus_file.exists()


def test_the_written_corpus_reads_back_identically(built_settings, manifest, corpus):
    again = Corpus.load(built_settings.corpus_file, manifest)
    assert [n.model_dump() for n in again.provisions()] == [
        n.model_dump() for n in corpus.provisions()
    ]
