"""Specification of the Dutch treaty database markdown parser, checked on the real sources.

Each source holds the English treaty and then the same treaty in Dutch; the parser returns
the English preamble and articles as provision trees whose text fragments occur verbatim in
the cleaned English source, and refuses damaged sources with a ValueError.
"""

from __future__ import annotations

import re

import pytest
from support.corpus_facts import ARTICLE_COUNTS, TREATY_MARKDOWN

from assistant.model.citations import Division
from assistant.model.provisions import Document, Level, Provision
from assistant.model.verbatim import is_verbatim
from ingest.parsers.treaty_markdown import clean_source, parse_treaty_markdown

DOC_IDS = TREATY_MARKDOWN
WITH_PREAMBLE = [d for d in DOC_IDS if d != "untoc"]

DUTCH_MARKERS = ["Artikel", "Verdrag", " van de ", "HOOFDSTUK", "lidstaten", "Preambule"]
MARKDOWN_ARTEFACTS = ["](", "``", "###", "<meta", '"']


@pytest.fixture(scope="module")
def parsed(raw_text) -> dict[str, Document]:
    """Every source parsed once for the whole module."""
    return {doc_id: parse_treaty_markdown(raw_text(doc_id), doc_id) for doc_id in DOC_IDS}


def article(doc: Document, number: int) -> Provision:
    return next(a for a in doc.articles() if a.number == str(number))


def labels(node: Provision) -> list[str | None]:
    return [c.label for c in node.children]


def strings_of(doc: Document) -> list[str]:
    """Every piece of text the parse produced: fragments, titles and headings."""
    out: list[str] = []
    for node in doc.provisions():
        out += [node.lead, node.tail, node.title or "", *node.headings]
    return [s for s in out if s]


# --- articles ------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_articles_are_numbered_one_to_n_in_order(parsed, doc_id):
    numbers = [a.number for a in parsed[doc_id].articles()]
    assert numbers == [str(n) for n in range(1, ARTICLE_COUNTS[doc_id] + 1)]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_article_has_a_title_and_text(parsed, doc_id):
    for art in parsed[doc_id].articles():
        assert art.title, art.citation
        assert art.text.strip(), art.citation


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_sub_nodes_carry_the_article_context(parsed, doc_id):
    for art in parsed[doc_id].articles():
        for node in art.walk():
            assert node.instrument == doc_id
            assert node.division is Division.ARTICLE
            assert (node.number, node.title) == (art.number, art.title)
            assert (node.chapter, node.headings) == (art.chapter, art.headings)
            assert node.refs == []


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_tree_levels_nest_paragraph_subparagraph_clause(parsed, doc_id):
    for art in parsed[doc_id].articles():
        for node in art.walk():
            for child in node.children:
                assert len(child.path) == len(node.path) + 1, child.citation
                assert child.path[:-1] == node.path
                if child.level is Level.PARAGRAPH:
                    assert node is art
                if child.level is Level.CLAUSE:
                    assert node.level is Level.SUBPARAGRAPH


# --- preambles and closing formula ---------------------------------------------------------


@pytest.mark.parametrize("doc_id", WITH_PREAMBLE)
def test_preamble_is_one_unit_without_the_word_preamble(parsed, doc_id):
    doc = parsed[doc_id]
    preambles = [u for u in doc.units if u.division is Division.PREAMBLE]
    assert len(preambles) == 1
    preamble = preambles[0]
    assert doc.units[0] is preamble
    assert (preamble.number, preamble.title) == (None, "Preamble")
    assert preamble.lead.startswith("The ")  # "PreambleThe States ..." loses only the word
    assert re.search(r"agreed? as follows", preamble.lead)  # 1988: "Hereby agree as follows"


def test_untoc_has_no_preamble(parsed):
    assert all(u.division is Division.ARTICLE for u in parsed["untoc"].units)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_closing_formula_is_in_no_article(parsed, doc_id):
    for text in strings_of(parsed[doc_id]):
        assert "IN WITNESS WHEREOF" not in text
        assert not re.search(r"\bDONE at\b", text, re.IGNORECASE)


# --- structure of particular articles ------------------------------------------------------


def test_untoc_art_2_has_subparagraphs_a_to_j_and_i_is_a_letter(parsed):
    art2 = article(parsed["untoc"], 2)
    assert art2.lead == "For the purposes of this Convention:"
    assert labels(art2) == list("abcdefghij")
    sub_i = art2.find(("i",))
    assert sub_i.level is Level.SUBPARAGRAPH and sub_i.children == []
    assert sub_i.lead.startswith("“Controlled delivery” shall mean")


def test_untoc_art_3_paragraphs_with_their_subparagraphs(parsed):
    art3 = article(parsed["untoc"], 3)
    assert labels(art3) == ["1", "2"]
    assert labels(art3.find(("1",))) == ["a", "b"]
    assert labels(art3.find(("2",))) == ["a", "b", "c", "d"]
    p2b = art3.find(("2", "b"))
    assert (p2b.paragraph, p2b.subparagraph, p2b.clause) == ("2", "b", None)
    assert p2b.citation == "untoc art. 3(2)(b)"
    # The closing words share the line of b): they stay in b) rather than become a tail.
    assert "transnational in nature" in art3.find(("1", "b")).lead
    assert art3.find(("1",)).tail == ""


def test_untoc_art_5_keeps_the_deeper_a_b_list_inside_clause_ii(parsed):
    art5 = article(parsed["untoc"], 5)
    assert labels(art5.find(("1", "a"))) == ["i", "ii"]
    assert "Criminal activities of the organized criminal group" in (
        art5.find(("1", "a", "ii")).lead
    )
    assert labels(art5.find(("1",))) == ["a", "b"]


def test_uncac_art_2a_has_clauses_i_to_iii(parsed):
    art2 = article(parsed["uncac"], 2)
    sub_a = art2.find(("a",))
    assert sub_a.lead == "“Public official” shall mean:"
    assert labels(sub_a) == ["i", "ii", "iii"]
    clause = sub_a.find(("ii",))
    assert (clause.paragraph, clause.subparagraph, clause.clause) == (None, "a", "ii")
    assert clause.level is Level.CLAUSE
    assert labels(art2) == list("abcdefghi")  # i) after h) is again a letter


def test_smuggling_protocol_art_3c_clauses_without_spaces(parsed):
    art3 = article(parsed["untoc-smuggling-protocol"], 3)
    assert labels(art3) == ["a", "b", "c", "d"]
    assert art3.find(("b",)).lead.startswith("“Illegal entry” shall mean")
    sub_c = art3.find(("c",))
    assert labels(sub_c) == ["i", "ii", "iii"]
    assert sub_c.find(("i",)).lead.startswith("That has been")


def test_parenthesised_letters_are_subparagraphs(parsed):
    art8 = article(parsed["untoc-smuggling-protocol"], 8)
    assert labels(art8.find(("2",))) == ["a", "b", "c"]


def test_budapest_paragraph_with_empty_lead_holds_its_subparagraphs(parsed):
    art24 = article(parsed["budapest-convention"], 24)
    p1 = art24.find(("1",))
    assert p1.lead == ""
    assert labels(p1) == ["a", "b"]
    assert labels(art24.find(("7",))) == ["a", "b"]


def test_budapest_repeated_paragraph_number_is_dropped(parsed):
    p2 = article(parsed["budapest-convention"], 15).find(("2",))
    assert p2.lead.startswith("Such conditions and safeguards")


# --- chapters and headings -----------------------------------------------------------------


def test_untoc_has_no_chapters(parsed):
    for art in parsed["untoc"].articles():
        assert (art.chapter, art.headings) == (None, [])


def test_uncac_chapters(parsed):
    doc = parsed["uncac"]
    art15 = article(doc, 15)
    assert art15.title == "Bribery of national public officials"
    assert art15.chapter == "III"
    assert art15.headings == ["Chapter III — Criminalization and law enforcement"]
    assert article(doc, 1).chapter == "I"
    assert article(doc, 71).chapter == "VIII"


@pytest.mark.parametrize(
    ("doc_id", "number", "chapter", "heading"),
    [
        ("untoc-trafficking-protocol", 6, "II", "Chapter II — Protection of victims of"),
        ("untoc-smuggling-protocol", 1, "I", "Chapter I — General provisions"),
        ("untoc-firearms-protocol", 7, "II", "Chapter II — Prevention"),
        ("untoc-firearms-protocol", 1, "I", "Chapter I — General provisions"),
        ("budapest-protocol-xenophobia", 8, "III", "Chapter III — Relations between the"),
    ],
)
def test_protocol_chapters(parsed, doc_id, number, chapter, heading):
    art = article(parsed[doc_id], number)
    assert art.chapter == chapter
    assert len(art.headings) == 1
    assert art.headings[0].startswith(heading)


def test_budapest_headings_path(parsed):
    doc = parsed["budapest-convention"]
    assert article(doc, 2).headings == [
        "Chapter II — Measures to be taken at the national level",
        "Section 1 — Substantive criminal law",
        "Title 1 — Offences against the confidentiality, integrity and availability of "
        "computer data and systems",
    ]
    assert article(doc, 14).headings == [
        "Chapter II — Measures to be taken at the national level",
        "Section 2 — Procedural law",
        "Title 1 — Common provisions",
    ]
    assert article(doc, 22).headings == [
        "Chapter II — Measures to be taken at the national level",
        "Section 3 — Jurisdiction",
    ]
    assert article(doc, 1).headings == ["Chapter I — Use of terms"]
    assert article(doc, 48).headings == ["Chapter IV — Final provisions"]


# --- the companion instruments: 1988 Drugs Convention, Lanzarote Convention ----------------


def test_drugs_convention_definitions_without_a_space_after_the_letter(parsed):
    definitions = article(parsed["drugs-convention-1988"], 1)
    assert labels(definitions) == list("abcdefghijklmnopqrstu")
    assert definitions.children[0].lead.startswith("“Board” means the International Narcotics")
    # the source opens (l) with a straight quote and closes it curly
    assert definitions.children[11].lead.startswith("“Freezing” or “seizure” means")


def test_drugs_convention_has_no_chapters_and_its_annex_is_text(parsed):
    doc = parsed["drugs-convention-1988"]
    assert all(a.chapter is None and a.headings == [] for a in doc.articles())
    annex = doc.units[-1]
    assert (annex.division, annex.title, annex.children) == (Division.ANNEX, "Annex", [])
    assert annex.lead.startswith("Table I Ephedrine Ergometrine")
    assert "Pseudoephedrine The salts of the substances listed" in annex.lead
    assert "Table II Acetic anhydride Acetone" in annex.lead
    assert "|" not in annex.lead
    assert [u.division for u in doc.units].count(Division.ANNEX) == 1


def test_drugs_convention_preamble_keeps_the_source_as_written(parsed):
    preamble = parsed["drugs-convention-1988"].units[0]
    assert "sovereignthy of States" in preamble.lead  # the source's typo, kept
    assert "The Parties to this Convention,Deeply concerned" in preamble.lead


def test_drugs_convention_offences_paragraph_with_clauses(parsed):
    offences = article(parsed["drugs-convention-1988"], 3)
    assert offences.title == "Offences and sanctions"
    assert labels(offences) == [str(n) for n in range(1, 12)]
    assert labels(offences.children[0]) == ["a", "b", "c"]
    assert labels(offences.children[0].children[0])[:3] == ["i", "ii", "iii"]


def test_drugs_convention_unnumbered_first_paragraph_before_a_2_is_paragraph_1(parsed):
    # art. 10: the source numbers only "2.The Parties may …" and "3.The Parties may …"
    transit = article(parsed["drugs-convention-1988"], 10)
    assert labels(transit) == ["1", "2", "3"]
    assert transit.lead == ""
    assert transit.children[0].lead.startswith("The Parties shall co-operate")
    assert transit.children[1].lead.startswith("The Parties may undertake")


def test_lanzarote_has_thirteen_chapters(parsed):
    doc = parsed["lanzarote-convention"]
    chapters = list(dict.fromkeys(a.chapter for a in doc.articles()))
    assert chapters == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                        "XIII"]  # fmt: skip
    solicitation = article(doc, 23)
    assert solicitation.title == "Solicitation of children for sexual purposes"
    assert solicitation.headings == ["Chapter VI — Substantive criminal law"]
    assert solicitation.lead.startswith("Each Party shall take the necessary legislative")


def test_lanzarote_link_in_a_heading_keeps_only_its_text(parsed):
    title = article(parsed["lanzarote-convention"], 42).title
    assert title.startswith("Relationship with the United Nations Convention on the Rights of")
    assert title.endswith("child prostitution and child pornography")


def test_lanzarote_definitions_and_lower_case_closing_formula(parsed):
    doc = parsed["lanzarote-convention"]
    assert doc.units[0].lead.startswith("The member States of the Council of Europe")
    child = article(doc, 3).children[0].lead
    assert child == "“child” shall mean any person under the age of 18 years;"
    last = article(doc, 50)
    assert labels(last.children[0]) == list("abcdefg")
    assert "In witness whereof" not in last.text


# --- English only, clean, verbatim ---------------------------------------------------------


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_dutch_anywhere(parsed, doc_id):
    for text in strings_of(parsed[doc_id]):
        for marker in DUTCH_MARKERS:
            assert marker not in text, (marker, text[:120])


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_markdown_artefacts(parsed, doc_id):
    for text in strings_of(parsed[doc_id]):
        for artefact in MARKDOWN_ARTEFACTS:
            assert artefact not in text, (artefact, text[:120])
        assert "Of fice" not in text and "nat ionals" not in text
        assert "value.de minimis" not in text


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_fragment_is_verbatim_in_the_clean_source(parsed, raw_text, doc_id):
    source = clean_source(raw_text(doc_id))
    assert "Artikel" not in source
    fragments = [f for unit in parsed[doc_id].units for f in unit.fragments()]
    assert fragments
    for fragment in fragments:
        assert is_verbatim(fragment, source), fragment[:120]


def test_labels_are_not_kept_in_the_text(parsed):
    for doc in parsed.values():
        for node in doc.provisions():
            if node.label and node.lead:
                assert not re.match(r"^(\(?[a-z]{1,4}\)|\d+\.\s)", node.lead), node.citation


# --- damaged sources -----------------------------------------------------------------------


def test_source_cut_after_an_article_heading_is_refused(raw_text):
    text = raw_text("untoc")
    cut = text.index("### Article  20")
    with pytest.raises(ValueError, match="article 20 has no title"):
        parse_treaty_markdown(text[: cut + len("### Article  20")], "untoc")


def test_source_cut_in_the_middle_of_an_article_is_refused(raw_text):
    text = raw_text("uncac")
    cut = text.index("### Article  30")
    with pytest.raises(ValueError, match="truncated"):
        parse_treaty_markdown(text[: cut + 300], "uncac")


def test_missing_article_breaks_the_numbering(raw_text):
    text = raw_text("untoc-trafficking-protocol")
    start = text.index("### Article  5")
    end = text.index("### Article  6")
    damaged = text[:start] + text[end:]
    with pytest.raises(ValueError, match="consecutively"):
        parse_treaty_markdown(damaged, "untoc-trafficking-protocol")


@pytest.mark.parametrize("doc_id", ["untoc", "uncac"])
def test_source_without_english_title_is_refused(raw_text, doc_id):
    text = raw_text(doc_id)
    title_line = next(ln for ln in text.splitlines() if ln.startswith("####"))
    with pytest.raises(ValueError, match="English title"):
        parse_treaty_markdown(text.replace(title_line + "\n", "", 1), doc_id)


def test_dutch_part_without_its_title_line_is_refused(raw_text):
    text = raw_text("untoc")
    lines = text.splitlines()
    dutch_title = lines[2].removeprefix("##")
    repeat = next(i for i, ln in enumerate(lines) if i > 4 and ln == f"####{dutch_title}")
    damaged = "\n".join(lines[:repeat] + lines[repeat + 1 :])
    with pytest.raises(ValueError, match=r"Dutch|without a heading"):
        parse_treaty_markdown(damaged, "untoc")


@pytest.mark.parametrize(
    ("annex", "says"),
    [
        (None, "the annex has no text"),  # the source ends at the heading
        ("|a |\n\n### Article  35\n\n####Extra\n\nText.\n\n", "heading inside the annex"),
    ],
)
def test_an_empty_or_headed_annex_is_refused(raw_text, annex, says):
    text = raw_text("drugs-convention-1988")
    start = text.index("### ANNEX")
    dutch = text.index("####Verdrag", start)
    rest = "" if annex is None else annex + text[dutch:]
    with pytest.raises(ValueError, match=says):
        parse_treaty_markdown(text[:start] + "### ANNEX\n\n" + rest, "drugs-convention-1988")


def test_text_without_articles_is_refused():
    text = "##Verdrag\n\n####Treaty\n\nPreamble The Parties agree.\n"
    with pytest.raises(ValueError, match="no articles"):
        parse_treaty_markdown(text, "x")


# --- small synthetic sources for rules the real texts exercise rarely ----------------------

SYNTHETIC = """<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />

##Verdrag X

####Treaty X

PreambleThe Parties, Have agreed as follows:
### CHAPTER  I

####GENERAL MATTERS

### Article  1

####First

1.   Lead of one:

a) alpha:

(i) one;

(ii) two;

b) beta;
Closing words of paragraph one.
2.   Second paragraph with ``quoted" [words](../link.md) at the Of fice.

### Article  2

####Second

In this Treaty:

a) first;

b) second;

c) third;

d) fourth;

e) fifth;

f) sixth;

g) seventh;

h) eighth;

i) ninth;

j) tenth.

IN WITNESS WHEREOF the Parties have signed.

####Verdrag X

### Artikel  1

####Eerste

1.   Tekst van het verdrag.
"""


@pytest.fixture(scope="module")
def synthetic() -> Document:
    return parse_treaty_markdown(SYNTHETIC, "x")


def test_synthetic_structure(synthetic):
    assert [u.division for u in synthetic.units] == [Division.PREAMBLE] + [Division.ARTICLE] * 2
    assert synthetic.units[0].lead == "The Parties, Have agreed as follows:"
    art1 = article(synthetic, 1)
    assert art1.headings == ["Chapter I — General matters"]
    assert labels(art1.find(("1",))) == ["a", "b"]
    assert labels(art1.find(("1", "a"))) == ["i", "ii"]


def test_own_line_text_after_a_list_is_the_parents_tail(synthetic):
    art1 = article(synthetic, 1)
    assert art1.find(("1",)).tail == "Closing words of paragraph one."
    assert art1.find(("1", "b")).lead == "beta;"
    assert "Closing words" not in art1.find(("1", "b")).text


def test_fragments_are_cleaned(synthetic):
    lead = article(synthetic, 1).find(("2",)).lead
    assert lead == "Second paragraph with “quoted” words at the Office."


def test_i_after_h_is_a_letter_unless_ii_follows(synthetic):
    art2 = article(synthetic, 2)
    assert labels(art2) == list("abcdefghij")
    text = SYNTHETIC.replace("j) tenth.", "(ii) tenth.")
    art2 = article(parse_treaty_markdown(text, "x"), 2)
    assert labels(art2) == list("abcdefgh")
    assert labels(art2.find(("h",))) == ["i", "ii"]


@pytest.mark.parametrize(
    ("line", "damaged", "label"),
    [
        ("b) beta;", "c) beta;", "c"),
        ("2.   Second", "3.   Second", "3"),
        ("(ii) two;", "(iii) two;", "iii"),
    ],
)
def test_label_out_of_sequence_is_refused(line, damaged, label):
    with pytest.raises(ValueError, match=rf"x art\. 1: label \({label}\) is out of sequence"):
        parse_treaty_markdown(SYNTHETIC.replace(line, damaged, 1), "x")


def test_synthetic_dutch_part_is_ignored(synthetic):
    assert len(synthetic.articles()) == 2
    assert "Tekst" not in clean_source(SYNTHETIC)


def test_dutch_heading_in_the_english_part_is_refused():
    text = SYNTHETIC.replace("####Verdrag X\n\n### Artikel", "### Artikel")
    with pytest.raises(ValueError, match="Dutch heading"):
        parse_treaty_markdown(text, "x")


def test_unknown_heading_is_refused():
    text = SYNTHETIC.replace("### Article  2", "### Annex  2")
    with pytest.raises(ValueError, match="unknown heading"):
        parse_treaty_markdown(text, "x")
