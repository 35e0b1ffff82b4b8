"""Obligation strength, as legislative guides sort provisions: mandatory, measures to consider
or endeavour, options, prohibitions, and text that binds no State; with the phrases that soften
them. A hand-checked table over every instrument of the corpus, then the rules on small texts."""

import pytest

from assistant.model.citations import Division
from assistant.model.manifest import Kind
from assistant.model.provisions import Document, Obligation, Provision
from assistant.model.verbatim import is_verbatim
from ingest.obligations import label_obligations

MANDATORY = Obligation.MANDATORY
CONSIDER = Obligation.SHALL_CONSIDER
ENDEAVOUR = Obligation.SHALL_ENDEAVOUR
MAY = Obligation.MAY
SHALL_NOT = Obligation.SHALL_NOT
NONE = Obligation.NONE

# (citation, label, qualifiers the node must carry), each checked against the parsed text.
TABLE = [
    # UN Cybercrime Convention
    ("cybercrime-convention art. 1", NONE, []),  # statement of purposes
    ("cybercrime-convention art. 1(b)", NONE, []),
    ("cybercrime-convention art. 2(a)", NONE, []),  # "… shall mean"
    ("cybercrime-convention art. 7(1)", MANDATORY, []),
    ("cybercrime-convention art. 7(2)", MAY, []),  # "may require that the offence be committed…"
    ("cybercrime-convention art. 11(3)", MAY, []),  # "may reserve the right not to apply"
    ("cybercrime-convention art. 14(2)", NONE, []),  # the term "… shall include"
    ("cybercrime-convention art. 15(3)", MAY, []),  # "may consider extending criminalization"
    (
        "cybercrime-convention art. 24(3)",
        CONSIDER,
        ["To the extent that it is consistent with the public interest"],
    ),
    # "take effective steps" is an act, not "take effect"
    (
        "cybercrime-convention art. 34(6)",
        MANDATORY,
        ["to the extent consistent with its domestic legal framework"],
    ),
    ("cybercrime-convention art. 23(3)(b)", MAY, []),  # the reservation is in the tail
    ("cybercrime-convention art. 23(3)(b)(i)", MAY, []),
    ("cybercrime-convention art. 37(16)", SHALL_NOT, []),
    ("cybercrime-convention art. 40(23)", SHALL_NOT, []),  # "may not refuse… fiscal matters"
    ("cybercrime-convention art. 40(24)", SHALL_NOT, []),  # "shall not decline… bank secrecy"
    ("cybercrime-convention art. 45(1)", ENDEAVOUR, []),
    ("cybercrime-convention art. 48", CONSIDER, []),
    ("cybercrime-convention art. 49(1)(c)", CONSIDER, []),  # "shall…: (c) Consider taking…"
    ("cybercrime-convention art. 56(2)", MAY, ["to the extent possible"]),  # strongly encouraged
    ("cybercrime-convention art. 57(2)", NONE, []),  # the Secretary-General and the Conference
    ("cybercrime-convention art. 60(2)", NONE, []),  # "Nothing in this Convention shall affect"
    ("cybercrime-convention art. 62(1)", NONE, []),  # adoption of supplementary protocols
    ("cybercrime-convention art. 65(1)", NONE, []),  # entry into force
    ("cybercrime-convention resolution para. 3", NONE, []),  # "Urges all States…"
    ("cybercrime-convention note 2", MAY, []),  # "States parties are not obliged to…"
    # UNTOC
    ("untoc art. 1", NONE, []),
    ("untoc art. 2(a)", NONE, []),
    ("untoc art. 3(2)(a)", NONE, []),  # "an offence is transnational in nature if: (a)…"
    ("untoc art. 5(1)(a)(i)", MANDATORY, []),  # a clause takes its chapeau's label
    ("untoc art. 7(1)", MANDATORY, []),  # "Each State Party:" takes its parts' label
    ("untoc art. 7(1)(a)", MANDATORY, ["where appropriate"]),  # "Shall institute…"
    ("untoc art. 7(3)", MAY, []),  # "are called upon to use as a guideline"
    ("untoc art. 8(2)", CONSIDER, []),
    (
        "untoc art. 12(1)",
        MANDATORY,
        ["to the greatest extent possible within their domestic legal systems"],
    ),
    ("untoc art. 13(6)", MANDATORY, []),  # "shall consider this Convention the… treaty basis"
    ("untoc art. 16(3)", MANDATORY, []),  # "States Parties undertake to include…"
    ("untoc art. 16(10)", MANDATORY, []),  # "shall, at the request…, be obliged to submit"
    ("untoc art. 16(11)", NONE, []),  # conditional surrender "shall be sufficient"
    ("untoc art. 16(15)", SHALL_NOT, []),
    ("untoc art. 18(8)", SHALL_NOT, []),
    ("untoc art. 18(21)", MAY, []),  # "Mutual legal assistance may be refused:"
    ("untoc art. 18(21)(b)", MAY, []),
    ("untoc art. 18(22)", SHALL_NOT, []),  # "may not refuse… fiscal matters"
    ("untoc art. 18(23)", MANDATORY, []),  # "Reasons shall be given for any refusal"
    ("untoc art. 18(29)(b)", MAY, ["as it deems appropriate"]),
    ("untoc art. 19", CONSIDER, []),  # the first sentence states the rule
    (
        "untoc art. 20(1)",
        MANDATORY,
        [
            "If permitted by the basic principles of its domestic legal system",
            "within its possibilities",
        ],
    ),
    ("untoc art. 32(3)", NONE, []),  # the Conference of the Parties
    ("untoc art. 32(5)", MANDATORY, []),  # a State's duty towards the Conference
    ("untoc art. 37(2)", NONE, []),  # "must also be a Party"
    ("untoc art. 38(1)", NONE, []),
    ("untoc art. 39(1)", NONE, []),  # amendment
    # Trafficking in Persons Protocol
    ("untoc-trafficking-protocol art. 3(b)", NONE, []),  # consent "shall be irrelevant"
    (
        "untoc-trafficking-protocol art. 5(2)(a)",
        MANDATORY,
        ["Subject to the basic concepts of its legal system"],
    ),
    ("untoc-trafficking-protocol art. 6(3)(a)", CONSIDER, []),
    ("untoc-trafficking-protocol art. 6(5)", ENDEAVOUR, []),
    ("untoc-trafficking-protocol art. 7(2)", CONSIDER, []),  # "give appropriate consideration"
    ("untoc-trafficking-protocol art. 17(1)", NONE, []),
    # Smuggling of Migrants Protocol
    ("untoc-smuggling-protocol art. 5", SHALL_NOT, []),  # "Migrants shall not become liable"
    ("untoc-smuggling-protocol art. 6(4)", MAY, []),  # "Nothing… shall prevent a State Party"
    ("untoc-smuggling-protocol art. 8(2)(a)", MAY, []),
    ("untoc-smuggling-protocol art. 9(1)(b)", MANDATORY, []),
    ("untoc-smuggling-protocol art. 18(1)", MANDATORY, []),  # "agrees to facilitate"
    ("untoc-smuggling-protocol art. 18(2)", CONSIDER, []),
    # Firearms Protocol
    ("untoc-firearms-protocol art. 3(a)", NONE, []),
    ("untoc-firearms-protocol art. 8(1)(a)", MANDATORY, []),
    ("untoc-firearms-protocol art. 9(a)", MANDATORY, []),  # "are to be rendered" under "shall"
    ("untoc-firearms-protocol art. 10(6)", MAY, []),
    ("untoc-firearms-protocol art. 13(3)", MANDATORY, []),  # "shall seek the support of…"
    ("untoc-firearms-protocol art. 15(1)", CONSIDER, []),
    ("untoc-firearms-protocol art. 15(1)(a)", MAY, []),  # "Such a system could include"
    # UNCAC
    ("uncac art. 1(a)", NONE, []),
    ("uncac art. 2", NONE, []),
    ("uncac art. 2(a)(i)", NONE, []),
    ("uncac art. 3(2)", NONE, []),  # "it shall not be necessary"
    ("uncac art. 5(4)", MANDATORY, ["as appropriate"]),
    ("uncac art. 7(1)", ENDEAVOUR, ["where appropriate"]),  # "shall, …, endeavour to adopt"
    ("uncac art. 13(1)", MANDATORY, ["within its means"]),
    ("uncac art. 14(4)", MAY, []),  # "are called upon"
    ("uncac art. 15", MANDATORY, []),
    ("uncac art. 15(a)", MANDATORY, []),
    (
        "uncac art. 20",
        CONSIDER,
        ["Subject to its constitution and the fundamental principles of its legal system"],
    ),
    ("uncac art. 21", CONSIDER, []),
    ("uncac art. 21(b)", CONSIDER, []),
    ("uncac art. 27(2)", MAY, ["in accordance with its domestic law"]),
    ("uncac art. 34", MANDATORY, []),  # "… shall take measures… States Parties may consider…"
    ("uncac art. 44(6)(b)", ENDEAVOUR, ["where appropriate"]),  # "shall: … seek… to conclude"
    ("uncac art. 44(11)", MANDATORY, []),
    ("uncac art. 44(16)", SHALL_NOT, []),
    ("uncac art. 46(9)(b)", MAY, []),  # "may decline… However, … shall… render"
    ("uncac art. 50(2)", MAY, []),  # encouraged; the passive "shall be concluded" follows
    ("uncac art. 52(6)", CONSIDER, []),
    ("uncac art. 54(1)(c)", CONSIDER, []),
    ("uncac art. 63(4)(a)", NONE, []),
    ("uncac art. 64(2)(a)", NONE, []),  # the secretariat
    ("uncac art. 68(1)", NONE, []),
    ("uncac art. 69(1)", NONE, []),
    # Budapest Convention
    ("budapest-convention art. 1(a)", NONE, []),  # "“computer system” means"
    ("budapest-convention art. 4(2)", MAY, []),
    ("budapest-convention art. 6(2)", NONE, []),  # "shall not be interpreted as imposing"
    ("budapest-convention art. 9(2)", NONE, []),
    ("budapest-convention art. 14(3)(b)(i)", MAY, []),
    ("budapest-convention art. 15(3)", CONSIDER, []),
    ("budapest-convention art. 25(4)", SHALL_NOT, []),  # fiscal offence: "shall not exercise…"
    ("budapest-convention art. 27(6)", CONSIDER, ["where appropriate"]),
    ("budapest-convention art. 32", MAY, []),
    ("budapest-convention art. 36(3)", NONE, []),
    ("budapest-convention art. 41(2)", SHALL_NOT, []),
    ("budapest-convention art. 45(2)", MANDATORY, []),  # "they shall seek a settlement"
    ("budapest-convention art. 46(3)", NONE, []),  # the CDPC
    ("budapest-convention art. 46(5)", NONE, []),  # "shall be assisted by the Secretariat"
    ("budapest-convention art. 48", NONE, []),
    # Budapest First Protocol
    ("budapest-protocol-xenophobia art. 1", NONE, []),
    ("budapest-protocol-xenophobia art. 2(1)", NONE, []),
    ("budapest-protocol-xenophobia art. 3(1)", MANDATORY, []),
    ("budapest-protocol-xenophobia art. 3(2)", MAY, []),
    ("budapest-protocol-xenophobia art. 5(2)(b)", MAY, []),
    ("budapest-protocol-xenophobia art. 8(2)", MANDATORY, []),
    ("budapest-protocol-xenophobia art. 9(2)", NONE, []),  # consent to be bound
    ("budapest-protocol-xenophobia art. 12(1)", NONE, []),  # "shall be applicable also"
    ("budapest-protocol-xenophobia art. 13(1)", MANDATORY, []),
    # Commentary binds no one, whatever it quotes
    ("commentary-mcadam-2025 para. 1", NONE, []),
    ("commentary-mcadam-2025 para. 5", NONE, []),
    # 1988 Drugs Convention
    ("drugs-convention-1988 art. 1(a)", NONE, []),  # "“Board” means"
    ("drugs-convention-1988 art. 2(1)", MANDATORY, []),  # "so that they may" is no modal
    ("drugs-convention-1988 art. 3(2)", MANDATORY, []),  # "Subject to its constitutional …"
    ("drugs-convention-1988 art. 3(4)(c)", MAY, ["in appropriate cases"]),
    ("drugs-convention-1988 art. 3(6)", ENDEAVOUR, []),
    ("drugs-convention-1988 art. 4(1)(a)", MANDATORY, []),  # "Shall take such measures"
    ("drugs-convention-1988 art. 4(1)(b)", MAY, []),  # "May take such measures"
    ("drugs-convention-1988 art. 5(7)", MAY, []),  # "may consider ensuring" the onus reversed
    ("drugs-convention-1988 art. 6(3)", MAY, []),  # treaty: legal basis, optional
    ("drugs-convention-1988 art. 7(1)", MANDATORY, []),
    ("drugs-convention-1988 art. 7(5)", SHALL_NOT, []),  # bank secrecy
    ("drugs-convention-1988 art. 7(15)", MAY, []),  # "may be refused"
    ("drugs-convention-1988 art. 22(1)(a)", NONE, []),  # the Board's power, not a State's
    ("drugs-convention-1988 art. 23(1)", NONE, []),  # "The Board shall prepare an annual report"
    ("drugs-convention-1988 art. 24", MAY, []),  # stricter measures are an option
    ("drugs-convention-1988 art. 25", NONE, []),  # non-derogation
    # Lanzarote Convention
    ("lanzarote-convention art. 1(1)", NONE, []),  # purposes
    ("lanzarote-convention art. 3(a)", NONE, []),  # "“child” shall mean"
    ("lanzarote-convention art. 4", MANDATORY, []),
    ("lanzarote-convention art. 6", MANDATORY, ["where appropriate"]),
    ("lanzarote-convention art. 16(1)", MANDATORY, ["in accordance with its internal law"]),
    ("lanzarote-convention art. 18(1)(a)", MANDATORY, []),  # under the chapeau's "shall"
    ("lanzarote-convention art. 18(3)", NONE, []),  # "are not intended to govern"
    ("lanzarote-convention art. 20(3)", MAY, []),  # "may reserve the right not to apply"
    ("lanzarote-convention art. 23", MANDATORY, []),  # solicitation of children
    ("lanzarote-convention art. 26(1)", MANDATORY, []),  # corporate liability
    ("lanzarote-convention art. 38(1)", MANDATORY, ["to the widest extent possible"]),
    ("lanzarote-convention art. 38(3)", MAY, []),  # treaty: legal basis, optional
    ("lanzarote-convention art. 41(1)", NONE, []),  # the Committee of the Parties
    ("lanzarote-convention art. 45(1)", NONE, []),  # open for signature
]


def test_the_table_covers_every_instrument_and_every_label(manifest):
    assert len(TABLE) >= 60
    assert {c.split()[0] for c, _, _ in TABLE} == {d.id for d in manifest.documents}
    assert {label for _, label, _ in TABLE} == set(Obligation)


@pytest.mark.parametrize(("citation", "label", "qualifiers"), TABLE, ids=[r[0] for r in TABLE])
def test_hand_checked_labels(corpus, citation, label, qualifiers):
    node = corpus.get(citation)
    assert node.obligation is label
    assert set(qualifiers) <= set(node.qualifiers)


def test_uncac_art_20_is_to_be_considered_subject_to_the_constitution(corpus):
    node = corpus.get("uncac art. 20")
    assert node.obligation is CONSIDER
    assert node.qualifiers == [
        "Subject to its constitution and the fundamental principles of its legal system"
    ]


def test_budapest_art_2_is_mandatory_and_keeps_the_option_to_narrow_it(corpus):
    """Budapest art. 2 is one paragraph: "Each Party shall adopt…" then "A Party may require
    that the offence be committed by infringing security measures…" (the same option stands as
    a paragraph of its own in the Cybercrime Convention, art. 7(2), labelled ``may``)."""
    node = corpus.get("budapest-convention art. 2")
    assert node.obligation is MANDATORY
    option = node.text[node.text.index("A Party may require") :].strip()
    assert option.endswith("connected to another computer system."), option
    assert node.qualifiers == [option]  # the whole second sentence, nothing of the first
    assert corpus.get("cybercrime-convention art. 7(2)").obligation is MAY


def test_every_node_with_text_is_labelled_and_nodes_without_text_are_not(corpus):
    for node in corpus.provisions():
        assert (node.obligation is not None) == bool(node.lead or node.tail), node.citation


def test_every_qualifier_is_verbatim_in_its_own_text(corpus):
    qualified = [n for n in corpus.provisions() if n.qualifiers]
    assert len(qualified) > 100
    for node in qualified:
        assert node.obligation is not NONE
        for qualifier in node.qualifiers:
            assert is_verbatim(qualifier, node.lead) or is_verbatim(qualifier, node.tail)


# The rules on small texts


def _article(lead: str = "", *children: Provision, title: str = "Measures") -> Provision:
    return Provision(
        instrument="t",
        division=Division.ARTICLE,
        number="1",
        title=title,
        lead=lead,
        children=list(children),
    )


def _part(label: str, lead: str, *children: Provision) -> Provision:
    return Provision(
        instrument="t",
        division=Division.ARTICLE,
        number="1",
        subparagraph=label,
        lead=lead,
        children=list(children),
    )


def _labelled(unit: Provision, kind: Kind = Kind.CONVENTION) -> Provision:
    label_obligations(Document(id="t", units=[unit]), kind)
    return unit


def _label(sentence: str) -> Obligation | None:
    return _labelled(_article(sentence)).obligation


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Each State Party shall adopt such measures as may be necessary.", MANDATORY),
        ("Each Party shall ensure that the details are correct.", MANDATORY),
        ("States Parties undertake to include such offences.", MANDATORY),
        ("Each State Party shall consider adopting such measures.", CONSIDER),
        ("Each State Party shall, where appropriate, consider adopting such measures.", CONSIDER),
        ("Each State Party shall also consider taking measures.", CONSIDER),
        ("It shall consider this Convention the legal basis for extradition.", MANDATORY),
        ("States Parties shall endeavour to settle disputes.", ENDEAVOUR),
        (
            "Each State Party shall, in accordance with the fundamental principles of its legal "
            "system, endeavour to adopt systems.",
            ENDEAVOUR,
        ),
        ("States Parties shall seek to conclude agreements.", ENDEAVOUR),
        ("A State Party may also establish its jurisdiction.", MAY),
        ("A Party may require that the offence be committed with dishonest intent.", MAY),
        ("States Parties may consider entering into agreements.", MAY),
        ("States Parties are encouraged to conclude agreements.", MAY),
        ("States Parties are not obliged to reproduce the terminology.", MAY),
        ("The requested State Party shall not be obliged to extradite.", MAY),
        (
            "States Parties shall not decline to render assistance on the ground of bank secrecy.",
            SHALL_NOT,
        ),
        (
            "States Parties may not refuse a request on the sole ground of fiscal matters.",
            SHALL_NOT,
        ),
        ("Reasons shall be given for any refusal of mutual legal assistance.", MANDATORY),
        ("Mutual legal assistance may be refused if the request is incomplete.", MAY),
        ("This Convention shall enter into force on the ninetieth day.", NONE),
        ("This article shall apply to the offences covered by this Convention.", NONE),
        ("Nothing in this Convention shall be interpreted as imposing an obligation.", NONE),
        ("Nothing in this Protocol shall prevent a State Party from taking measures.", MAY),
        ("The Conference of the Parties shall adopt rules of procedure.", NONE),
        ("The Secretary-General of the United Nations shall convene the Conference.", NONE),
        ("Each State Party shall inform the Secretary-General of its authority.", MANDATORY),
        ("Such liability shall be without prejudice to the liability of natural persons.", NONE),
        ("“Public official” shall mean any person holding a legislative office.", NONE),
        ("The purpose of this Protocol is to promote cooperation.", NONE),
    ],
)
def test_sentence_rules(sentence, label):
    assert _label(sentence) is label


def test_a_subparagraph_without_a_verb_takes_its_chapeaus_label():
    unit = _labelled(
        _article(
            "Each State Party shall consider adopting measures to establish as criminal "
            "offences, when committed intentionally:",
            _part("a", "The promise, offering or giving of an undue advantage;"),
            _part("b", "The solicitation or acceptance of an undue advantage."),
        )
    )
    assert [c.obligation for c in unit.walk()] == [CONSIDER] * 3


def test_a_subparagraph_reads_on_from_a_chapeau_ending_in_the_modal():
    unit = _labelled(
        _article(
            "A State Party that makes extradition conditional on the existence of a treaty shall:",
            _part(
                "a",
                "Inform the Secretary-General whether it will take this Convention as the "
                "legal basis; and",
            ),
            _part("b", "If it does not, seek, where appropriate, to conclude treaties."),
        )
    )
    assert [c.obligation for c in unit.children] == [MANDATORY, ENDEAVOUR]
    assert unit.children[1].qualifiers == ["where appropriate"]


def test_a_subparagraph_with_a_state_of_its_own_keeps_its_own_label():
    unit = _labelled(
        _article(
            "For purposes of implementing paragraph 1 of this article:",
            _part(
                "a",
                "Each State Party shall seek to apply paragraph 1 to the widest range of "
                "predicate offences;",
            ),
            _part("b", "Each State Party may apply paragraph 1 to its own nationals."),
        )
    )
    assert [c.obligation for c in unit.children] == [ENDEAVOUR, MAY]
    assert unit.obligation is ENDEAVOUR  # a chapeau without a modal: the strongest of its parts


def test_a_chapeau_without_a_modal_passes_its_parts_label_to_the_parts_that_say_nothing():
    unit = _labelled(
        _article(
            "Where a State Party cannot apply the measures to a system which:",
            _part("i", "is operated for a closed group of users, and"),
            _part(
                "ii",
                "is not connected to another system, that State Party may reserve the "
                "right not to apply these measures.",
            ),
        )
    )
    assert [n.obligation for n in unit.walk()] == [MAY, MAY, MAY]


def test_a_qualifier_is_kept_verbatim_and_a_mere_reference_to_the_convention_is_not_one():
    text = (
        "Each State Party shall, subject to its domestic law, take measures against offences "
        "established in accordance with this Convention, within its means."
    )
    unit = _labelled(_article(text))
    assert unit.qualifiers == ["subject to its domestic law", "within its means"]
    assert all(q in text for q in unit.qualifiers)


def test_a_node_labelled_none_has_no_qualifiers():
    unit = _labelled(
        _article("This Convention shall apply, in accordance with its domestic law, to X.")
    )
    assert (unit.obligation, unit.qualifiers) == (NONE, [])


@pytest.mark.parametrize(
    "title", ["Entry into force", "Depositary and languages", "Use of terms", "Amendment"]
)
def test_final_clauses_and_definitions_bind_no_state_whatever_their_verbs(title):
    unit = _labelled(_article("Each State Party shall deposit its instrument.", title=title))
    assert unit.obligation is NONE


@pytest.mark.parametrize("kind", [Kind.COMMENTARY, Kind.OTHER])
def test_commentary_and_notes_bind_no_one_even_when_they_quote_shall(kind):
    unit = _labelled(_article("Each State Party shall adopt such measures."), kind)
    assert unit.obligation is NONE


def test_a_users_law_is_read_by_the_same_rules():
    law = _labelled(_article("The Minister shall designate an authority."), Kind.LAW)
    assert law.obligation is MANDATORY


def test_a_preamble_binds_no_state():
    preamble = Provision(
        instrument="t",
        division=Division.PREAMBLE,
        title="Preamble",
        lead="The States Parties, Convinced that they shall cooperate, Have agreed as follows:",
    )
    assert _labelled(preamble).obligation is NONE
