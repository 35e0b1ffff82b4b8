"""The citation parser reads what people type and formats one canonical and one display form."""

import pytest

from assistant.errors import CitationError
from assistant.model.citations import (
    Citation,
    Division,
    find_citations,
    find_instrument,
    find_instruments,
    inside,
    parse_citation,
    without_instruments,
)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("uncac art. 15(a)", "uncac art. 15(a)"),
        ("Article 16(4) UNTOC", "untoc art. 16(4)"),
        ("art 2 c of the cybercrime convention", "cybercrime-convention art. 2(c)"),
        ("UNCAC, article 52", "uncac art. 52"),
        ("Palermo art. 5", "untoc art. 5"),
        ("Merida Convention article 2 (a) (ii)", "uncac art. 2(a)(ii)"),
        ("untoc article 16, paragraph 4 (a)", "untoc art. 16(4)(a)"),
        ("Budapest art. 6 1 a.ii", "budapest-convention art. 6(1)(a)(ii)"),
        ("Convention on Cybercrime, Article 2", "budapest-convention art. 2"),
        ("Hanoi Convention art. 2", "cybercrime-convention art. 2"),
        ("TIP Protocol art 3(a)", "untoc-trafficking-protocol art. 3(a)"),
        ("anti-corruption convention art. 26", "uncac art. 26"),
        ("commentary-mcadam-2025 para. 7", "commentary-mcadam-2025 para. 7"),
        ("McAdam paragraph 3", "commentary-mcadam-2025 para. 3"),
        ("Cybercrime Convention interpretative note 4", "cybercrime-convention note 4"),
        ("A/RES/79/243 resolution para. 2", "cybercrime-convention resolution para. 2"),
        ("preamble of UNCAC", "uncac preamble"),
        ("Lanzarote art. 23", "lanzarote-convention art. 23"),
        ("article 6 of the 1988 Convention", "drugs-convention-1988 art. 6"),
        ("Vienna Convention 1988 article 7, paragraph 2 (a)", "drugs-convention-1988 art. 7(2)(a)"),
        ("annex of the 1988 Convention", "drugs-convention-1988 annex"),
        ("uncac", "uncac"),
    ],
)
def test_reads_what_people_type(typed, canonical, manifest):
    assert str(parse_citation(typed, manifest)) == canonical


def test_canonical_form_round_trips_for_every_shape(manifest):
    for text in [
        "uncac art. 15(a)",
        "untoc art. 16(4)",
        "cybercrime-convention art. 11(1)(a)(ii)",
        "commentary-mcadam-2025 para. 7",
        "uncac preamble",
        "cybercrime-convention note 4",
        "cybercrime-convention resolution para. 12",
        "drugs-convention-1988 annex",
        "budapest-protocol-xenophobia",
    ]:
        assert str(parse_citation(text, manifest)) == text


def test_display_form_uses_the_short_name(manifest):
    citation = parse_citation("uncac art. 15(a)", manifest)
    assert citation.display(manifest) == "UNCAC art. 15(a)"
    assert Citation("untoc-trafficking-protocol", Division.ARTICLE, "3").display(manifest) == (
        "Trafficking in Persons Protocol art. 3"
    )


def test_the_longest_name_wins(manifest):
    # "Convention on Cybercrime" is Budapest; "Cybercrime Convention" is the UN text.
    assert parse_citation("Convention on Cybercrime art. 1", manifest).instrument == (
        "budapest-convention"
    )
    assert parse_citation("UN Cybercrime Convention art. 1", manifest).instrument == (
        "cybercrime-convention"
    )
    assert parse_citation("Palermo Protocol art. 3", manifest).instrument == (
        "untoc-trafficking-protocol"
    )


def test_ids_inside_longer_ids_are_not_confused(manifest):
    citation = parse_citation("untoc-smuggling-protocol art. 6", manifest)
    assert citation.instrument == "untoc-smuggling-protocol"


def test_a_default_instrument_fills_in_when_none_is_named(manifest):
    assert str(parse_citation("art. 5", manifest, default_instrument="untoc")) == "untoc art. 5"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "empty citation"),
        ("   ", "empty citation"),
        ("art. 5", "names no known document"),
        ("UNCAC art. 0", "'0' is not a valid article number"),
        ("UNCAC art. -3", "'-3' is not a valid article number"),
        ("UNCAC article 1e9", "'1e9' is not a valid article number"),
        ("UNCAC 15", "say which part"),
    ],
)
def test_malformed_citations_say_what_is_wrong(typed, says, manifest):
    with pytest.raises(CitationError, match=says):
        parse_citation(typed, manifest)


def test_words_after_the_pinpoint_are_not_read_as_labels(manifest):
    assert str(parse_citation("art. 2 of the civil code, UNCAC", manifest)) == "uncac art. 2"


def test_covers_matches_parts_of_a_provision():
    article = Citation("uncac", Division.ARTICLE, "2")
    assert article.covers(Citation("uncac", Division.ARTICLE, "2", ("a", "i")))
    assert not article.covers(Citation("uncac", Division.ARTICLE, "20"))
    assert Citation("uncac").covers(Citation("uncac", Division.PREAMBLE))
    assert not Citation("uncac", Division.ARTICLE, "2", ("b",)).covers(article)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("UNCAC 15(a)", ["uncac art. 15(a)"]),
        ("What does Palermo 5 require?", ["untoc art. 5"]),
        ("McAdam (2025), paragraph 4", ["commentary-mcadam-2025 para. 4"]),
        ("what does paragraph 4 of McAdam say", ["commentary-mcadam-2025 para. 4"]),
        ("UNTOC 2000 and its protocols", []),  # a year, not an article
        ("Under UNTOC, 3 conditions apply", []),
    ],
)
def test_finds_a_provision_written_as_a_number_beside_a_document_name(text, found, manifest):
    assert [str(c) for c in find_citations(text, manifest)] == found


@pytest.mark.parametrize(
    ("typed", "instrument"),
    [
        ("the 1988 Convention", "drugs-convention-1988"),
        ("Vienna Convention 1988", "drugs-convention-1988"),
        ("Lanzarote", "lanzarote-convention"),
        ("CETS No. 201", "lanzarote-convention"),
        ("the Vienna Convention on Consular Relations", None),  # not the 1988 Convention
    ],
)
def test_the_companion_instruments_are_named_as_people_type_them(typed, instrument, manifest):
    found = find_instrument(typed, manifest)
    assert (found[0] if found else None) == instrument


# -- French and Spanish references, and the instruments' names in the six UN languages -------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("article 16 de la Convention de Palerme", "untoc art. 16"),
        ("artículo 15 de la Convención contra la Corrupción", "uncac art. 15"),
        ("art. 2 a) de la CNUCC", "uncac art. 2(a)"),
        ("article 18, paragraphe 8, de la CTO", "untoc art. 18(8)"),
        ("paragraphe 4 de l'article 16 de la Convention de Palerme", "untoc art. 16(4)"),
        ("párrafo 9 del artículo 46 de la Convención de Mérida", "uncac art. 46(9)"),
        ("articulo 2, inciso b), del Convenio de Budapest", "budapest-convention art. 2(b)"),
        ("article 3, alinéa a), du Protocole relatif à la traite des personnes",
         "untoc-trafficking-protocol art. 3(a)"),
    ],
)  # fmt: skip
def test_french_and_spanish_references(typed, canonical, manifest):
    assert str(parse_citation(typed, manifest)) == canonical
    assert [str(c) for c in find_citations(f"Que dit {typed} ?", manifest)] == [canonical]


@pytest.mark.parametrize(
    ("name", "instrument"),
    [
        ("CTO", "untoc"),
        ("UNTOC", "untoc"),
        ("CNUCC", "uncac"),
        ("Convention de Budapest", "budapest-convention"),
        ("Convenio de Budapest", "budapest-convention"),
        ("Convención de Mérida", "uncac"),
        ("Convention des Nations Unies contre la cybercriminalité", "cybercrime-convention"),
        ("Protocolo de Palermo", "untoc-trafficking-protocol"),
        ("اتفاقية الأمم المتحدة لمكافحة الفساد", "uncac"),
        ("Конвенции ООН против коррупции", "uncac"),
        ("Будапештской конвенции", "budapest-convention"),
        ("联合国打击跨国有组织犯罪公约", "untoc"),
    ],
)
def test_instrument_names_in_the_six_languages(name, instrument, manifest):
    assert str(parse_citation(f"{name} art. 5", manifest)) == f"{instrument} art. 5"


def test_arabic_and_chinese_names_are_found_inside_a_longer_word(manifest):
    """Arabic joins prepositions to the word, Chinese writes no spaces."""
    assert str(find_citations("وفقا لاتفاقية باليرمو المادة 5", manifest)[0]) == "untoc art. 5"
    assert [str(c) for c in find_citations("《联合国反腐败公约》第16条", manifest)] == [
        "uncac art. 16"
    ]


def test_a_question_without_the_documents_it_names_keeps_what_it_asks(manifest):
    bare = without_instruments("Does the Palermo Convention or UNCAC require it?", manifest)
    assert bare.split() == ["Does", "the", "or", "require", "it?"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # the convention a protocol's name hangs on is part of that name
        (
            "Must a Party to the Budapest Convention's protocol on racist and xenophobic acts "
            "criminalise threats?",
            ["budapest-protocol-xenophobia"],
        ),
        (
            "Can a State ratifying the Budapest protocol on racist and xenophobic acts enter "
            "a reservation on threats?",
            ["budapest-protocol-xenophobia"],
        ),
        (
            "What does the first Protocol to the Budapest Convention add?",
            ["budapest-protocol-xenophobia"],
        ),
        (
            "Is the Trafficking Protocol to the Palermo Convention in force?",
            ["untoc-trafficking-protocol"],
        ),
        # ... but a convention named in its own right is named
        (
            "Compare the Trafficking Protocol and the Palermo Convention.",
            ["untoc-trafficking-protocol", "untoc"],
        ),
    ],
)
def test_a_convention_named_in_its_protocols_name_is_not_named_again(text, named, manifest):
    assert [m.instrument for m in find_instruments(text, manifest)] == named


@pytest.mark.parametrize(
    ("inner", "outer", "held"),
    [
        ("uncac art. 12(2)(b)", "uncac art. 12(2)", True),
        ("uncac art. 12(2)(b)", "uncac art. 12", True),
        ("uncac art. 12", "uncac art. 1", False),  # not a prefix of the number
        ("uncac art. 12(2)", "uncac art. 12(2)", False),  # strictly inside
        ("uncac art. 12", "uncac art. 12(2)", False),
    ],
)
def test_a_canonical_citation_lies_inside_another_only_below_it(inner, outer, held):
    assert inside(inner, outer) is held
