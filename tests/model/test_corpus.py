"""Looking provisions up by citation, and what is said when there is nothing to find."""

import pytest

from assistant.errors import CorpusError, NoSuchProvision
from assistant.model.corpus import Corpus


def test_finds_articles_paragraphs_subparagraphs_and_clauses(corpus):
    assert corpus.get("uncac art. 15").title == "Bribery of national public officials"
    assert corpus.get("UNCAC art. 15(a)").lead.startswith("The promise, offering or giving")
    assert corpus.get("Article 16(4) UNTOC").paragraph == "4"
    clause = corpus.get("uncac art. 2(a)(iii)")
    assert (clause.subparagraph, clause.clause) == ("a", "iii")
    assert clause.title == "Use of terms"


def test_unknown_provisions_say_what_exists(corpus):
    with pytest.raises(
        NoSuchProvision, match=r"uncac art\. 99: no such provision \(UNCAC has articles 1–71"
    ):
        corpus.get("uncac art. 99")
    with pytest.raises(
        NoSuchProvision, match=r"uncac art\. 15\(zz\): no such provision .*\(a\), \(b\)"
    ):
        corpus.get("UNCAC art. 15(zz)")
    with pytest.raises(NoSuchProvision, match="no such provision"):
        corpus.get("commentary-mcadam-2025 para. 400")


def test_a_whole_article_text_contains_its_parts_in_order(corpus):
    text = corpus.get("untoc art. 2").text
    positions = [text.index(f"({letter})") for letter in "abcdefghij"]
    assert positions == sorted(positions)


def test_describe_gives_display_citation_and_source(corpus):
    described = corpus.describe(corpus.get("cybercrime-convention art. 2"))
    assert described["display"] == "Cybercrime Convention art. 2"
    assert described["symbol"] == "A/RES/79/243"
    assert "cybercrime-convention note 1" in described["notes"]


def test_a_damaged_corpus_file_is_reported_with_its_line(built_settings, manifest, tmp_path):
    damaged = tmp_path / "provisions.jsonl"
    lines = built_settings.corpus_file.read_text().splitlines()
    damaged.write_text("\n".join([*lines[:5], '{"instrument": "uncac", "divis', *lines[6:]]))
    with pytest.raises(CorpusError, match="damaged at line 6"):
        Corpus.load(damaged, manifest)


def test_a_missing_corpus_says_what_to_run(manifest, tmp_path):
    with pytest.raises(
        CorpusError, match="run 'python -m ingest fetch' then 'python -m ingest parse'"
    ):
        Corpus.load(tmp_path / "nothing.jsonl", manifest)
