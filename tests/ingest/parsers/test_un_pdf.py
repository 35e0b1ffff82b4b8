"""The UN PDF parser on the real text layer of A/RES/79/243 (the Convention against Cybercrime).

Pins what the corpus relies on: every article found with its title and chapter, the paragraph /
subparagraph / clause tree where the layout is ambiguous, the resolution and the annex of
interpretative notes kept apart from the articles, no page furniture in any fragment, every
fragment verbatim in the cleaned source, and a loud failure on a damaged source.
"""

from __future__ import annotations

import re

import pytest

from assistant.model.citations import Division
from assistant.model.provisions import Document, Provision
from assistant.model.verbatim import is_verbatim
from ingest.parsers.un_pdf import clean_source, parse_un_pdf

DOC = "cybercrime-convention"


@pytest.fixture(scope="module")
def source(raw_text) -> str:
    return raw_text(DOC)


@pytest.fixture(scope="module")
def doc(source: str) -> Document:
    return parse_un_pdf(source, DOC)


@pytest.fixture(scope="module")
def articles(doc: Document) -> dict[str, Provision]:
    return {a.number: a for a in doc.articles()}


def units(doc: Document, division: Division) -> list[Provision]:
    return [u for u in doc.units if u.division is division]


def labels(node: Provision) -> list[str]:
    return [c.label for c in node.children]


# --- articles -------------------------------------------------------------------------------


def test_68_articles_numbered_in_order(doc: Document) -> None:
    assert [a.number for a in doc.articles()] == [str(n) for n in range(1, 69)]


def test_every_article_has_title_chapter_and_heading(doc: Document) -> None:
    for article in doc.articles():
        assert article.title, article.citation
        assert article.chapter, article.citation
        assert len(article.headings) == 1, article.citation
        assert article.headings[0].startswith(f"Chapter {article.chapter} — "), article.citation


def test_chapters_match_the_chapter_headings(articles: dict[str, Provision]) -> None:
    first_of_chapter = {"I": 1, "II": 7, "III": 22, "IV": 23, "V": 35, "VI": 53, "VII": 54}
    first_of_chapter |= {"VIII": 57, "IX": 59}
    starts = sorted((n, c) for c, n in first_of_chapter.items())
    for number, article in articles.items():
        expected = [c for n, c in starts if n <= int(number)][-1]
        assert article.chapter == expected, article.citation
    assert articles["7"].headings == ["Chapter II — Criminalization"]
    assert articles["68"].chapter == "IX"
    assert articles["68"].headings[0].startswith("Chapter IX — Final provisions")


def test_sub_nodes_carry_the_article_context(articles: dict[str, Provision]) -> None:
    clause = articles["11"].find(("1", "a", "ii"))
    assert clause is not None
    assert (clause.number, clause.title, clause.chapter) == ("11", "Misuse of devices", "II")
    assert (clause.paragraph, clause.subparagraph, clause.clause) == ("1", "a", "ii")
    assert clause.division is Division.ARTICLE and clause.instrument == DOC


def test_wrapped_title_is_joined(articles: dict[str, Provision]) -> None:
    assert articles["4"].title == (
        "Offences established in accordance with other United Nations conventions and protocols"
    )
    assert "\n" not in "".join(a.title or "" for a in articles.values())


def test_article_13_heading_with_a_dot_is_found(articles: dict[str, Provision]) -> None:
    assert articles["13"].title is not None
    assert articles["13"].title.endswith("theft or fraud")
    assert labels(articles["13"]) == ["a", "b", "c"]


def test_art_2_subparagraphs_and_clauses(articles: dict[str, Provision]) -> None:
    art2 = articles["2"]
    assert labels(art2) == list("abcdefghijklmno")  # (i) after (h) is a letter
    assert all(c.paragraph is None for c in art2.children)
    assert labels(art2.find(("e",))) == ["i", "ii"]
    assert labels(art2.find(("f",))) == ["i", "ii", "iii"]
    assert art2.find(("i",)).lead.startswith("“Property”")
    assert art2.find(("m",)).lead.startswith("“Predicate offence”")  # label on the same line
    assert art2.find(("e", "ii")).lead.startswith("Processes or stores")


def test_art_11_paragraph_subparagraph_clause_tree(articles: dict[str, Provision]) -> None:
    para1 = articles["11"].find(("1",))
    assert labels(articles["11"]) == ["1", "2", "3"]
    assert labels(para1) == ["a", "b"]
    assert labels(para1.find(("a",))) == ["i", "ii"]
    sub_a = para1.find(("a",))
    assert sub_a.lead.endswith("making available of:")
    assert sub_a.tail.startswith("with the intent that the device")  # completes (a) after (ii)
    assert sub_a.find(("ii",)).lead.endswith("capable of being accessed;")


def test_art_17_clause_on_the_subparagraph_line(articles: dict[str, Provision]) -> None:
    sub_a = articles["17"].find(("1", "a"))
    assert sub_a.lead == ""  # "(a) (i)" on one line: (a) has no own text
    assert labels(sub_a) == ["i", "ii"]
    assert labels(articles["17"].find(("1", "b"))) == ["i", "ii"]
    assert labels(articles["17"].find(("2",))) == list("abcdef")


def test_art_40_paragraphs(articles: dict[str, Provision]) -> None:
    art40 = articles["40"]
    assert labels(art40) == [str(n) for n in range(1, 33)]
    assert labels(art40.find(("3",))) == list("abcdefghijklm")
    assert labels(art40.find(("12",))) == list("abcd")  # "12. (a)" on one line
    assert art40.find(("12",)).lead == ""


def test_text_after_a_list_becomes_the_parent_tail(articles: dict[str, Provision]) -> None:
    assert articles["13"].tail.startswith("with the fraudulent or dishonest intent")
    assert articles["13"].find(("c",)).tail == ""
    assert articles["28"].find(("1",)).tail.startswith("in the territory")
    assert articles["23"].find(("3", "b")).tail.startswith("that State Party may reserve")
    tails = [n.citation for a in articles.values() for n in a.walk() if n.tail]
    assert len(tails) == 6, tails  # 11(1)(a), 13, 23(3)(b), 28(1), 29(1)(b), 30(1)(b)


def test_unnumbered_articles_keep_their_text_as_lead(articles: dict[str, Provision]) -> None:
    for number in ("10", "20", "32", "38", "46", "48", "51"):
        assert articles[number].lead and not articles[number].children, number


def test_labels_are_not_kept_in_the_text(doc: Document) -> None:
    label = re.compile(r"^(?:\(\w{1,4}\)|\d+\.)(?:\s|$)")
    for node in doc.provisions():
        assert not label.match(node.lead), node.citation


def test_source_typos_are_kept(articles: dict[str, Provision]) -> None:
    assert "participation in th e offences" in articles["18"].find(("1",)).lead


def test_hyphen_at_line_end_is_joined_without_space(articles: dict[str, Provision]) -> None:
    assert "Secretary-General of the United Nations" in articles["37"].find(("19",)).lead
    assert "Secretary- " not in "".join(f for a in articles.values() for f in a.fragments())


def test_testimonium_is_not_part_of_article_68(articles: dict[str, Provision]) -> None:
    assert "WITNESS" not in articles["68"].text
    assert articles["68"].text.rstrip().endswith("United Nations.")


# --- resolution, preamble, notes ------------------------------------------------------------


def test_resolution_paragraphs_are_kept_apart(doc: Document) -> None:
    resolution = units(doc, Division.RESOLUTION)
    assert [u.number for u in resolution] == [str(n) for n in range(1, 13)]
    assert all(u.title is None and u.lead and not u.children for u in resolution)
    assert resolution[0].lead.startswith("Takes note of the report")
    assert resolution[9].lead.startswith("Also requests")  # "10. Also requests" on one line
    assert resolution[11].lead.endswith("International Anti-Cybercrime Day.")  # no signature
    assert doc.units[: len(resolution)] == resolution


def test_preamble_is_one_unit_without_resolution_text(doc: Document) -> None:
    (preamble,) = units(doc, Division.PREAMBLE)
    assert preamble.number is None and preamble.title == "Preamble"
    first, *_, last = preamble.lead.split("\n")
    assert first == "The States Parties to the present Convention,"
    assert last == "Have agreed as follows:"
    assert "General Assembly," not in preamble.lead
    assert "Takes note" not in preamble.lead and "Annex" not in preamble.lead
    # the recital broken by a page break is one line
    assert "such as trafficking in persons" in preamble.lead


def test_five_interpretative_notes(doc: Document) -> None:
    notes = units(doc, Division.NOTE)
    assert [n.number for n in notes] == ["1", "2", "3", "4", "5"]
    assert [n.title for n in notes] == [
        "Article 2",
        "Article 2",
        "Article 17",
        "Articles 23 and 35, with regard to the term “investigation”",
        "Article 35",
    ]
    assert [n.interprets for n in notes] == [
        [f"{DOC} art. 2"],
        [f"{DOC} art. 2"],
        [f"{DOC} art. 17"],
        [f"{DOC} art. 23", f"{DOC} art. 35"],
        [f"{DOC} art. 35"],
    ]
    assert all(n.lead for n in notes)
    # note 2 runs across the page break and the footnote
    assert notes[1].lead.endswith("equivalent framework for its implementation.")


def test_note_headings_are_not_articles(doc: Document) -> None:
    assert len(doc.articles()) == 68
    assert doc.units[-1].division is Division.NOTE


def test_articles_list_their_notes(articles: dict[str, Provision]) -> None:
    assert articles["2"].notes == [f"{DOC} note 1", f"{DOC} note 2"]
    assert articles["17"].notes == [f"{DOC} note 3"]
    assert articles["23"].notes == [f"{DOC} note 4"]
    assert articles["35"].notes == [f"{DOC} note 4", f"{DOC} note 5"]
    noted = {n for n, a in articles.items() if a.notes}
    assert noted == {"2", "17", "23", "35"}


def test_refs_are_left_empty(doc: Document) -> None:
    assert not any(node.refs for node in doc.provisions())


# --- source fidelity ------------------------------------------------------------------------


def fragments(doc: Document) -> list[str]:
    return [f for unit in doc.units for f in unit.fragments()]


def test_no_page_furniture_in_any_fragment(doc: Document) -> None:
    page_number = re.compile(r"\b\d{1,2}/46\b")
    running_title = "Cooperation for Combating Certain Crimes Committed by Means"
    for unit in doc.units:
        # resolution paragraphs 1 and 2 quote the full title, which the running title repeats
        if unit.division is not Division.RESOLUTION:
            assert running_title not in unit.text, unit.citation
    for fragment in fragments(doc):
        assert "A/RES/79/243" not in fragment
        assert "24-24621" not in fragment
        assert "______" not in fragment
        assert "It is noted that interpretative notes" not in fragment
        assert not page_number.search(fragment), fragment[:80]


def test_footnote_marker_is_removed(source: str) -> None:
    cleaned = clean_source(source)
    assert "signed this Convention." in cleaned
    assert "signed this Convention.1" not in cleaned
    assert "It is noted that" not in cleaned


def test_every_fragment_is_verbatim_in_the_cleaned_source(source: str, doc: Document) -> None:
    cleaned = clean_source(source)
    assert "A/RES/79/243" not in cleaned and "24-24621" not in cleaned
    missing = [f[:80] for f in fragments(doc) if not is_verbatim(f, cleaned)]
    assert not missing


# --- damaged sources ------------------------------------------------------------------------


def test_truncated_source_fails_loudly(source: str) -> None:
    with pytest.raises(ValueError, match="truncated"):
        parse_un_pdf(source[: len(source) // 2], DOC)


def test_source_without_first_page_fails_loudly(source: str) -> None:
    with pytest.raises(ValueError, match="masthead"):
        parse_un_pdf(source[len(source) // 2 :], DOC)


def test_missing_article_fails_loudly(source: str) -> None:
    damaged = re.sub(r"(?m)^Article 30[ \t]*$", " ", source)
    with pytest.raises(ValueError, match="article 31 found where 30 was expected"):
        parse_un_pdf(damaged, DOC)


def test_broken_page_header_fails_loudly(source: str) -> None:
    damaged = source.replace("\n17/46", "\n", 1)
    with pytest.raises(ValueError, match="page header"):
        parse_un_pdf(damaged, DOC)
