"""The lead answers first: a verdict from the obligation label of the provision that answers,
with its verbatim words; what the provision provides when the label does not settle it; and,
for status questions, that the texts do not record status and which article governs it."""

from __future__ import annotations

import pytest

from assistant.answers.lead import (
    STATUS,
    defined_term,
    definition_lead,
    lead_for,
    part_meaning,
    status_lead,
)
from assistant.answers.passage import listing
from assistant.answers.question_kind import question_kind
from assistant.answers.terms import Terms
from assistant.answers.verdict import CARVED_OUT
from assistant.evaluation.judge import lead_of
from assistant.model.verbatim import is_verbatim


def cite(node):
    return f"**{node.citation}**"


def lead(corpus, unit: str, question: str, confident: bool = True):
    article = corpus.get(unit)
    return lead_for(article, article, question_kind(question), question, corpus, cite, confident)


@pytest.mark.parametrize(
    ("unit", "question", "says"),
    [
        (  # a short chapeau is quoted whole, then each item under its letter
            "cybercrime-convention art. 42",
            "What details must our request for expedited preservation of stored data include?",
            "this article shall specify”: (a) “The authority seeking the preservation”; (b)",
        ),
        (  # a long one by the words the question shares, then its items
            "untoc art. 18",
            "Under UNTOC, what conditions have to be met before we transfer a prisoner to "
            "testify abroad?",
            "(a) “The person freely gives his or her informed consent”; (b) “The competent",
        ),
        (  # a list whose items answer different requests: the item the question is about
            "untoc art. 13",
            "We want another UNTOC party to give effect to a confiscation order our court has "
            "already issued. Besides the usual contents, what must our request include?",
            "legally admissible copy of an order of confiscation",
        ),
        (  # … but a question about the list as a whole gets it from its first item
            "untoc art. 18",
            "What information must a mutual legal assistance request under UNTOC contain?",
            "(a) “The identity of the authority making the request”",
        ),
        (  # "which …?" of a chapeau with a list: as many items as fit, those the question
            # names first, none with the "; and" that joins it to the next
            "uncac art. 12",
            "Which accounting and record-keeping practices does UNCAC expect us to prohibit?",
            "(a) “The establishment of off-the-books accounts”; (b) “The making of",
        ),
    ],
)
def test_a_question_of_what_a_request_must_hold_quotes_the_list(corpus, unit, question, says):
    made = lead(corpus, unit, question)
    assert says in made.text and not made.text.startswith(("Yes", "No", "Optional")), made.text
    assert "; and”" not in made.text and "; or”" not in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "opens", "says"),
    [
        (
            "uncac art. 21",
            "Must States criminalise bribery in the private sector under UNCAC?",
            "Not mandatory:",
            ["shall consider adopting"],
        ),
        (
            "uncac art. 15",
            "Must States criminalise bribery of national public officials?",
            "Yes — mandatory.",
            ["shall … establish"],
        ),
        (
            "cybercrime-convention art. 40",
            "Can a State refuse legal assistance because the offence involves fiscal matters?",
            "No:",
            ["may not refuse a request for mutual legal assistance"],
        ),
        (
            "uncac art. 20",
            "Is it mandatory to criminalise illicit enrichment?",
            "Not mandatory:",
            ["Subject to its constitution"],
        ),
        (  # the opening words hold the duty, the end of the sentence what is asked
            "budapest-convention art. 19",
            "During a search under the Budapest Convention, can police extend the search to "
            "another system reachable from the first?",
            "Yes — mandatory.",
            ["Each Party shall adopt", "shall be able to expeditiously extend the search"],
        ),
        (  # "Where a State Party … cannot adopt the measures … it may instead": not the rule
            "cybercrime-convention art. 29",
            "Can the police make an operator record connection metadata as it happens?",
            "Yes — mandatory.",
            ["empower its competent authorities"],
        ),
        (  # a duty to ensure that it can be done answers "can it be done?"
            "budapest-convention art. 12",
            "Under the Budapest Convention, can a company be held liable when a lack of "
            "supervision let an employee commit a computer offence for its benefit?",
            "Yes — mandatory.",
            ["can be held liable where the lack of supervision"],
        ),
        (  # a paragraph that binds, and the sentence in it that permits
            "budapest-convention art. 2",
            "Under the Budapest Convention, can a Party limit its illegal access offence to "
            "cases where security measures were bypassed?",
            "Yes, it may:",
            ["may require that the offence be committed by infringing security measures"],
        ),
        (  # a duty in the passive binds whoever acts: "Reasons shall be given for any refusal"
            "uncac art. 46",
            "Must a refusal of mutual legal assistance be reasoned?",
            "Yes — mandatory.",
            ["Reasons shall be given for any refusal"],
        ),
        (  # ... and for a postponement: "postponing" is what the "postponement" is
            "budapest-convention art. 27",
            "Does a Budapest Party have to explain why it is postponing our assistance request?",
            "Yes — mandatory.",
            ["Reasons shall be given for any refusal or postponement"],
        ),
        (  # exhorted, not bound: "States Parties are called upon to use as a guideline …"
            "uncac art. 14",
            "Is it binding on us to follow the anti-money-laundering initiatives of regional "
            "organizations as a guideline?",
            "Optional:",
            ["are called upon to use as a guideline"],
        ),
    ],
)
def test_the_verdict_comes_from_the_label_and_quotes_the_words_that_bind(
    corpus, unit, question, opens, says
):
    """Also in long articles: the words that answer, not the first words of the article."""
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens), made.text
    shown = lead_of(made.text)
    assert all(words in shown for words in says), shown
    for node, passage in made.quoted:
        assert is_verbatim(passage, node.text)


@pytest.mark.parametrize(
    ("unit", "question"),
    [
        (  # "… obstacles that may arise out of …": another's "may", not an option
            "uncac art. 40",
            "Must there be mechanisms to overcome bank secrecy in domestic investigations?",
        ),
        (  # "… the intent that they be considered … as if they were authentic"
            "cybercrime-convention art. 12",
            "Must States criminalise altering electronic data so that it is relied on as "
            "authentic?",
        ),
        (  # "… when considering the eventuality of early release": the courts' verb
            "untoc art. 11",
            "Must courts bear in mind the grave nature of the offences when considering "
            "early release or parole?",
        ),
        (  # "shall consult with the requesting State Party to consider whether …": the
            # consulting is the duty; what they consider together is not a weaker verb
            "cybercrime-convention art. 40",
            "Before our central authority refuses or postpones a request, are we required to "
            "consult the requesting State?",
        ),
        (  # "… the offences for which a legal person may be held liable": whose liability
            # the text qualifies, not the State's leave
            "untoc art. 18",
            "Is mutual legal assistance owed in proceedings where only a corporation is charged?",
        ),
        (  # "shall cooperate … so that States Parties may receive …": the purpose's "may"
            "untoc-firearms-protocol art. 14",
            "Do States Parties have to cooperate on training and technical assistance?",
        ),
    ],
)
def test_a_duty_whose_sentence_says_may_or_consider_of_something_else_is_mandatory(
    corpus, unit, question
):
    made = lead(corpus, unit, question)
    assert made.text.startswith("Yes — mandatory."), made.text


def test_an_item_whose_only_may_is_in_a_relative_clause_takes_its_chapeaus_leave(corpus):
    # 1988 Convention art. 12(8)(b)(ii): its only "may" is in "premises in which … may take
    # place"; the leave is its chapeau's ("the Parties may")
    made = lead(
        corpus,
        "drugs-convention-1988 art. 12",
        "May we license the premises where precursor chemicals are manufactured or distributed?",
    )
    assert made.text.startswith("Yes, it may:"), made.text
    assert "the Parties may" in lead_of(made.text)


def test_an_item_whose_only_verb_saves_other_law_takes_its_chapeaus_duty(corpus):
    # UNTOC art. 23(b): "The use of physical force, threats or intimidation to interfere …",
    # then "Nothing in this subparagraph shall prejudice the right of States Parties to have
    # legislation that protects other categories …": the duty is the chapeau's ("shall adopt")
    made = lead(
        corpus,
        "untoc art. 23",
        "Gang members threatened a police detective's children to make him drop his inquiry "
        "and stop exercising his official duties. Must that be a crime?",
    )
    assert made.text.startswith("Yes — mandatory."), made.text
    assert "23(b)" in made.text and "interfere with the exercise" in lead_of(made.text)


def test_a_duty_to_ensure_that_a_person_may_refuse_forbids_forcing_and_permits_no_state(corpus):
    # Lanzarote art. 17(2): each Party shall ensure that the persons offered a programme "may
    # refuse them": theirs is the "may"
    unit = "lanzarote-convention art. 17"
    forced = lead(corpus, unit, "Can we compel him to join the intervention programme we proposed?")
    assert forced.text.startswith("No:"), forced.text
    asked = lead(corpus, unit, "Can persons refuse the intervention programmes proposed to them?")
    assert not asked.text.startswith("Yes, it may"), asked.text


def test_an_example_of_a_duty_is_not_said_to_be_mandatory(corpus):
    # UNCAC art. 38: each State shall encourage cooperation …; "Such cooperation may include:
    # (a) Informing the latter authorities, on their own initiative …"
    made = lead(
        corpus,
        "uncac art. 38",
        "Must public authorities inform investigators on their own initiative when there are "
        "reasonable grounds to believe a corruption offence was committed?",
    )
    assert "38(a)" in made.text and not made.text.startswith("Yes"), made.text


def test_a_permission_question_is_answered_by_the_paragraph_that_permits(corpus):
    # Cybercrime Convention art. 18: (1) each State shall establish the liability of legal
    # persons; (2) "… the liability of legal persons may be criminal, civil or administrative"
    made = lead(
        corpus,
        "cybercrime-convention art. 18",
        "Can a company be held liable for ransomware its staff ran for its benefit, and does "
        "that liability have to be criminal?",
    )
    assert "criminal, civil or administrative" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "ground"),
    [
        (  # UNCAC art. 44: (4) not a political offence; (16) may not refuse on fiscal grounds
            "uncac art. 44",
            "Can a State refuse extradition because the offence is political?",
            "political offence",
        ),
        (  # Cybercrime Convention art. 40: (8) may decline for absence of dual criminality …;
            # (24) shall not decline on the ground of bank secrecy — named before "that reason"
            "cybercrime-convention art. 40",
            "Our banking confidentiality rules forbid handing over a client's statements. Could "
            "we turn the request down for that reason?",
            "bank secrecy",
        ),
    ],
)
def test_a_refusal_question_is_answered_by_the_part_that_names_its_ground(
    corpus, unit, question, ground
):
    made = lead(corpus, unit, question)
    assert made.text.startswith("No:") and ground in made.text, made.text


def test_a_question_asking_on_what_grounds_a_refusal_may_rest_gets_the_grounds_that_permit(
    corpus,
):
    # Cybercrime Convention art. 40: (8) "may decline … on the ground of absence of dual
    # criminality", (21) "Mutual legal assistance may be refused: (a) …"; not (23) "States
    # Parties may not refuse … on the sole ground that … fiscal matters"
    made = lead(
        corpus,
        "cybercrime-convention art. 40",
        "On what grounds can a request for mutual legal assistance be refused?",
    )
    assert "may not" not in made.text and "fiscal" not in made.text, made.text
    assert "may decline" in made.text or "may be refused" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "says"),
    [
        (  # UNTOC art. 18(21): "Mutual legal assistance may be refused: … (b) If … likely to
            # prejudice its sovereignty, security …" — the ground is in a part of the chapeau
            "untoc art. 18",
            "Can we turn down a UNTOC mutual legal assistance request because carrying it out "
            "would compromise our national security?",
            "sovereignty, security",
        ),
        (  # … and the ground is its rarest word in the article: "security", not the
            # "prejudice" of every "without prejudice to …" (the central-authority paragraph's
            # too, which "may designate")
            "untoc art. 18",
            "Can we refuse a request for mutual legal assistance under UNTOC because it would "
            "prejudice our national security?",
            "sovereignty, security",
        ),
        (  # "Cooperation under this article may also be refused … if the property is of a de
            # minimis value": a refusal permitted in the passive
            "cybercrime-convention art. 50",
            "Can we refuse to confiscate funds at another State's request under the cybercrime "
            "convention because the amount is trivial?",
            "de minimis value",
        ),
        (  # "States Parties shall not be required to transfer personal data … if …": a
            # release from the duty answers "can we decline?", not the sentence before it
            # ("… any obligations the transferring Party may have …")
            "cybercrime-convention art. 36",
            "Can we decline a request for personal data when our privacy law forbids the transfer?",
            "shall not be required to transfer",
        ),
        (  # "Disclosure of traffic data … may only be withheld if … a political offence"
            "budapest-convention art. 30",
            "Can we hold back disclosure of preserved traffic data when the request concerns a "
            "political offence?",
            "political offence",
        ),
    ],
)
def test_a_refusal_the_text_permits_in_the_passive_or_in_a_list_of_grounds_is_a_yes(
    corpus, unit, question, says
):
    made = lead(corpus, unit, question)
    assert made.text.startswith("Yes, it may:") and says in made.text, made.text


def test_a_definition_question_is_answered_by_the_term_it_quotes(corpus):
    # UNTOC art. 2: (a) "Organized criminal group" shall mean a structured group …;
    # (c) "Structured group" shall mean …
    made = lead(
        corpus,
        "untoc art. 2",
        "Our organized crime unit says a loose network is no 'structured group'. How does the "
        "definition read?",
    )
    assert "not randomly formed" in made.text, made.text


def test_when_a_thing_counts_as_a_defined_term_is_answered_with_the_definitions_condition(
    corpus,
):
    made = lead(
        corpus,
        "untoc-firearms-protocol art. 3",
        "When does a cross-border transfer of guns count as 'illicit trafficking'?",
    )
    assert "**untoc-firearms-protocol art. 3(e)**" in made.text, made.text
    assert "“Illicit trafficking” shall mean" in made.text
    assert "does not authorize it" in made.text, made.text


@pytest.mark.parametrize("unit", ["uncac art. 67", "untoc-firearms-protocol art. 17"])
def test_an_organisation_acceding_is_answered_by_the_accession_paragraph(corpus, unit):
    # the signature paragraph says "at least one member State … has signed" of the same
    # organisations; acceding is the paragraph that opens the instrument for accession
    made = lead(
        corpus,
        unit,
        "A regional economic integration organisation that never signed it now wants to accede "
        "to it. How many of its member States must already be Parties?",
    )
    assert f"**{unit}(4)**" in made.text and "open for accession" in made.text, made.text
    assert "(2)**" not in made.text, made.text


def test_a_term_defined_after_its_scope_is_found_by_the_term_the_question_quotes(corpus):
    # UNTOC art. 8(4) defines “public official” for paragraph 1 and article 9 after stating its
    # scope; (2) asks to consider other bribery offences
    made = lead(corpus, "untoc art. 8", 'For UNTOC bribery, who counts as a "public official"?')
    assert "8(4)" in made.text and "public service" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "figure"),
    [
        (  # a duration, not "within the territory" of paragraph 1
            "budapest-convention art. 29",
            "For how long at least must data preserved at another Party's request be kept?",
            "sixty days",
        ),
        (  # the number of the thing counted, not the three months or the first day
            "lanzarote-convention art. 45",
            "How many signatories must consent before the Lanzarote Convention enters into force?",
            "5 signatories",
        ),
        (  # a frequency, not the "24 hours a day" of the contact point in paragraph 1
            "cybercrime-convention art. 41",
            "How often are the States Parties sent the list of contact points?",
            "annually",
        ),
        (  # "how soon" without a duration in the text: the promptness it asks, not the
            # sentence before it that shares more words ("this shall not prevent … disclosing")
            "untoc art. 18",
            "Italy sent us information in confidence, but it clears the accused and the court "
            "disclosed it. How soon must we tell Italy after the disclosure?",
            "without delay",
        ),
        (  # an age is a span of years, not the "at a minimum" of exploitation
            "untoc-trafficking-protocol art. 3",
            "Up to what age does the Protocol treat a victim as a child?",
            "eighteen years",
        ),
        (  # a date, not the year of signing in Hanoi
            "cybercrime-convention art. 64",
            "Until what date can States sign the UN Convention against Cybercrime?",
            "31 December 2026",
        ),
        (  # a year, in the second sentence of a definition
            "untoc-firearms-protocol art. 3",
            "What is the cut-off manufacture date for antique firearms?",
            "1899",
        ),
        (  # a date, "on the date of receipt", not the exception for a later date
            "budapest-convention art. 43",
            "We are withdrawing a reservation we made to the Budapest Convention. When does "
            "the withdrawal take effect?",
            "on the date of receipt",
        ),
        (  # every figure of the sentence, not cut after "the first day of the month"
            "budapest-protocol-xenophobia art. 11",
            "We have already acceded to the Budapest Convention. When does our accession to "
            "the Additional Protocol take effect?",
            "three months",
        ),
        (  # "what majority" asks for the share of votes
            "untoc art. 39",
            "What majority of the States Parties is needed to adopt an amendment to UNTOC when "
            "no consensus is reached?",
            "two-thirds majority",
        ),
        (  # a minimum penalty is a term of liberty, not the words of (b)'s "different minimum
            # penalty"
            "budapest-convention art. 24",
            "Which minimum sentence does an offence need for extradition under the Budapest "
            "Convention?",
            "at least one year",
        ),
    ],
)
def test_a_figure_question_quotes_the_figure_it_asks_for(corpus, unit, question, figure):
    made = lead(corpus, unit, question)
    assert figure in lead_of(made.text), made.text


def test_when_a_state_may_act_is_answered_by_at_any_time_not_by_when_it_takes_effect(corpus):
    made = lead(
        corpus,
        "drugs-convention-1988 art. 30",
        "Is there a minimum period of membership before we can hand in a denunciation, or when "
        "are we allowed to do so?",
    )
    assert "30(1)**" in made.text[:60] and "at any time" in made.text, made.text


def test_a_figure_question_quotes_the_sentence_with_the_figure(corpus):
    made = lead(
        corpus,
        "cybercrime-convention art. 25",
        "How long can a preservation order last under the Cybercrime Convention?",
    )
    assert "90 days" in made.text and "Yes" not in made.text


@pytest.mark.parametrize(
    ("unit", "question", "opens"),
    [
        (  # the figure with the words that bound it, before the sentence that holds it
            "budapest-convention art. 16",
            "How long can we be made to keep data preserved under the Budapest Convention?",
            "“up to a maximum of ninety days” — **budapest-convention art. 16(2)** provides:",
        ),
        (
            "untoc-firearms-protocol art. 7",
            "How long must firearms records be kept?",
            "“for not less than ten years” — ",
        ),
        (
            "budapest-convention art. 16",
            "Is there a maximum period for a preservation order under the Budapest Convention?",
            "“up to a maximum of ninety days” — ",
        ),
        (  # (e) names the papers only as "the documents referred to in subparagraph (d)"
            "drugs-convention-1988 art. 12",
            "How long must invoices and cargo manifests for exported precursors be kept?",
            "“for a period of not less than two years” — ",
        ),
    ],
)
def test_a_figure_question_states_the_figure_first(corpus, unit, question, opens):
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens), made.text


@pytest.mark.parametrize(
    ("question", "paragraph"),
    [  # how many States it takes, and when it is in force for one that joins later
        ("How many countries must ratify the Hanoi Convention before it enters into force?", "(1)"),
        ("When does the Hanoi Convention enter into force for us once we ratify it?", "(2)"),
    ],
)
def test_a_count_of_states_is_the_threshold_not_the_rule_for_each_later_state(
    corpus, question, paragraph
):
    made = lead(corpus, "cybercrime-convention art. 65", question)
    assert f"art. 65{paragraph}" in made.text, made.text


def test_the_figure_for_the_first_entry_into_force_is_not_the_rule_for_each_later_state(
    assistant,
):
    # art. 65(2), for each State joining later, repeats "after the deposit of the fortieth
    # instrument" only to say after which it applies; the answer is 65(1)'s ninetieth day
    answer = assistant.ask(
        "How long after the deposit of the fortieth instrument does the Hanoi Convention"
        " enter into force?"
    )
    assert lead_of(answer.text).startswith("“the ninetieth day after"), answer.text


def test_when_it_takes_effect_for_a_state_that_ratifies_is_its_entry_into_force(assistant):
    # "take effect" is what the texts say of a denunciation (Budapest art. 47(2)); after
    # ratifying, it is the entry into force for that State (art. 36(4))
    answer = assistant.ask(
        "How long after we ratify does the Budapest Convention take effect for us?"
    )
    assert "**Budapest Convention art. 36(4)**" in lead_of(answer.text), answer.text


@pytest.mark.parametrize(
    ("unit", "question", "confident"),
    [
        # "when" asks for any figure, and entry into force counts from two ("the ninetieth
        # day after … the fortieth instrument"): the sentence alone answers
        ("uncac art. 68", "When does UNCAC enter into force?", True),
        # retrieval unsure of the article: no figure stated as the answer
        ("budapest-convention art. 16", "How long can data be preserved?", False),
    ],
)
def test_no_figure_is_stated_first_when_the_question_or_the_retrieval_leaves_it_open(
    corpus, unit, question, confident
):
    made = lead(corpus, unit, question, confident)
    assert made.text.startswith("**"), made.text


@pytest.mark.parametrize(
    ("unit", "question", "opens"),
    [
        # Cybercrime Convention art. 7: (1) criminalise illegal access; (2) a State *may*
        # require that security measures were infringed
        (
            "cybercrime-convention art. 7",
            "Must States criminalise access without right?",
            "Yes — mandatory.",
        ),
        (
            "cybercrime-convention art. 7",
            "Must States require that security measures were infringed?",
            "Optional:",
        ),
        # UNCAC art. 16: (1) active bribery of foreign officials, mandatory; (2) passive,
        # to consider
        (
            "uncac art. 16",
            "Must States criminalise the solicitation or acceptance of bribes by "
            "foreign public officials?",
            "Not mandatory:",
        ),
    ],
)
def test_the_verdict_is_that_of_the_paragraph_the_question_is_about(corpus, unit, question, opens):
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens), made.text


@pytest.mark.parametrize(
    ("unit", "question"),
    [
        # a duty to *ensure that* something may be done: the "may" is what is ensured
        (
            "lanzarote-convention art. 35",
            "Must our law allow interviews with child victims to be videotaped and used as "
            "evidence under the Lanzarote Convention?",
        ),
        # a passive duty after an opening clause that names a person: "When the age of the
        # victim is uncertain …, the measures … shall be applied"
        (
            "lanzarote-convention art. 35",
            "Must the child interview measures be applied while the victim's uncertain age is "
            "verified?",
        ),
        # "… shall also be liable to the measures": a duty on a thing binds whoever acts on it
        (
            "uncac art. 31",
            "Must income and other benefits derived from proceeds of crime also be liable to "
            "confiscation under UNCAC?",
        ),
        # what a person "shall be guaranteed" a State is bound to guarantee
        (
            "untoc art. 16",
            "Is the State holding a person sought for extradition obliged to guarantee him "
            "fair treatment at every stage of the proceedings?",
        ),
    ],
)
def test_a_duty_worded_through_what_it_ensures_or_on_a_thing_is_mandatory(corpus, unit, question):
    made = lead(corpus, unit, question)
    assert made.text.startswith("Yes — mandatory."), made.text


def test_a_states_may_is_read_through_the_comma_after_it(corpus):
    made = lead(
        corpus,
        "uncac art. 44",
        "The case is urgent: under UNCAC, can we take the person sought into custody before "
        "the extradition hearing, at the requesting State's request?",
    )
    assert made.text.startswith("Yes, it may:"), (
        made.text
    )  # "… the requested State Party may, upon …"


def test_a_list_quotes_the_sentence_that_introduces_it_and_the_item_asked_about_at_length(corpus):
    chapeau = corpus.get("untoc art. 13(3)")
    terms = Terms.of("What must our request contain when a confiscation order was issued?", corpus)
    listed = listing(
        " ".join(chapeau.own.split()),
        [(c.label or "", " ".join(c.text.split())) for c in chapeau.children],
        terms,
    )
    assert listed.head.pieces[0].startswith("In addition to the information"), listed.head
    assert any("legally admissible copy of an order of confiscation" in p for p in listed.pieces)


@pytest.mark.parametrize(
    ("unit", "question", "part"),
    [
        (
            "uncac art. 42",
            "One of our citizens committed a corruption offence entirely abroad. Can we give our "
            "courts jurisdiction over him simply because he is our national?",
            "uncac art. 42(2)",
        ),
        (
            "untoc art. 15",
            "As a general rule, does UNTOC require a State to give its courts jurisdiction over "
            "offences its own citizens commit abroad?",
            "untoc art. 15(2)",
        ),
    ],
)
def test_jurisdiction_over_nationals_is_not_read_from_the_duty_in_lieu_of_extradition(
    corpus, unit, question, part
):
    # jurisdiction in lieu of extradition (the paragraph on an offender not extradited for
    # being a national) answers only a question that speaks of extradition
    made = lead(corpus, unit, question)
    assert part in made.text[:40] and not made.text.startswith("Yes — mandatory"), made.text


@pytest.mark.parametrize(
    ("unit", "question", "part"),
    [
        (
            "cybercrime-convention art. 9",
            "When we criminalise deleting or altering someone else's data, can we limit the "
            "offence to cases that cause serious harm?",
            "9(2)",
        ),
        (  # the offence named in many words before "to cases that …"
            "budapest-convention art. 4",
            "Can we limit our offence of deleting or altering other people's data to cases that "
            "cause serious damage?",
            "4(2)",
        ),
    ],
)
def test_narrowing_an_offence_is_answered_by_the_clause_that_lets_a_state_narrow_it(
    corpus, unit, question, part
):
    # the question restates the offence of paragraph 1; paragraph 2 "may require that the
    # conduct … result in serious harm" (or a reservation to require it) answers it
    made = lead(corpus, unit, question)
    assert made.text.startswith("Yes, it may") and part in made.text[:60], made.text


@pytest.mark.parametrize(
    ("unit", "question"),
    [
        (
            "cybercrime-convention art. 30",
            "Must the power to intercept content be available for every offence?",
        ),
        ("budapest-convention art. 21", "Must interception of content be possible for all crimes?"),
    ],
)
def test_a_duty_asked_of_every_offence_quotes_the_range_it_is_limited_to(corpus, unit, question):
    made = lead(corpus, unit, question)
    assert made.text.startswith("Not for every offence: "), made.text
    assert "a range of serious" in made.text and "determined by domestic law" in made.text


def test_jurisdiction_over_what_a_national_commits_is_not_that_over_crimes_against_one(
    assistant,
):
    """Lanzarote art. 25(1)(d) (offences committed "by one of its nationals": mandatory) and
    art. 25(2) ("against one of its nationals": to endeavour) are worded alike; their meaning
    alone chose paragraph 2 and answered "Not mandatory". Who the national is decides."""
    offender = assistant.ask(
        "Must a State establish jurisdiction over these offences when one of its nationals "
        "commits them abroad?",
        instruments=["lanzarote-convention"],
    )
    assert lead_of(offender.text).startswith(
        "Yes — mandatory. **Lanzarote Convention art. 25(1)**"
    ), offender.text
    victim = assistant.ask(
        "Must a Lanzarote Party take jurisdiction over abuse abroad when the victim is one of "
        "its nationals?"
    )
    assert "**Lanzarote Convention art. 25(2)**" in lead_of(victim.text), victim.text


def test_what_a_duty_is_not_intended_to_govern_is_not_mandatory(assistant):
    answer = assistant.ask(
        "Two 15-year-olds are in a consensual relationship. Does the Lanzarote Convention "
        "oblige us to prosecute their sexual activity under our age-of-consent offence?"
    )
    lead = lead_of(answer.text)
    assert lead.startswith(CARVED_OUT) and "18(3)" in lead, lead
    assert "consider" not in lead, lead  # a carve-out asks nothing to be considered


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        (
            "A central authority asks us for copies of company register entries that anyone in "
            "our country can consult. Must we hand them over?",
            "Yes — mandatory. **UNCAC art. 46(29)(a)**",
        ),
        (
            "Another State asks for copies of internal ministry files that are not open to the "
            "public. Do we have to hand them over?",
            "Optional: **UNCAC art. 46(29)(b)**",
        ),
    ],
)
def test_records_open_to_the_public_must_be_provided_and_others_may_be(assistant, question, opens):
    # the twin paragraphs share every word but "not": the question says which records it means
    lead = lead_of(assistant.ask(f"Under UNCAC: {question}").text)
    assert lead.startswith(opens), lead


def test_on_which_grounds_something_may_be_done_is_answered_by_the_grounds_listed(corpus):
    made = lead(
        corpus,
        "uncac art. 13",
        "On which grounds may the freedom to publish information about corruption be limited?",
    )
    assert "(i) “For respect of the rights or reputations of others”" in made.text, made.text


def test_the_item_quoted_at_length_is_the_one_asked_about_not_one_repeating_the_chapeau(corpus):
    # the chapeau speaks of tracing, item (a) of the time of manufacture: "manufactured"
    # picks (a), "traced" picks nothing
    chapeau = corpus.get("untoc-firearms-protocol art. 8(1)")
    terms = Terms.of("What markings must a gun carry when manufactured, to be traced?", corpus)
    listed = listing(
        " ".join(chapeau.own.split()),
        [(c.label or "", " ".join(c.text.split())) for c in chapeau.children],
        terms,
    )
    assert any("the name of the manufacturer" in p for p in listed.pieces), listed


def test_a_question_about_the_list_as_a_whole_gets_its_items_in_their_order(corpus):
    # every word of the question is in the chapeau ("purposes", "assistance", "request"):
    # none tells the items apart, so the list is quoted from (a), not from the items that
    # happen to repeat the chapeau's words ((g) "… for evidentiary purposes")
    chapeau = corpus.get("uncac art. 46(3)")
    terms = Terms.of(
        "What kinds of help does UNCAC list as purposes for which a mutual legal assistance "
        "request can be made?",
        corpus,
    )
    listed = listing(
        " ".join(chapeau.own.split()),
        [(c.label or "", " ".join(c.text.split())) for c in chapeau.children],
        terms,
    )
    assert [marker for marker, _ in listed.items][:3] == ["a", "b", "c"], listed.shown()


def test_a_list_quotes_no_words_twice(corpus):
    # (a) and (c) share "… an offence established in accordance with paragraph 1 …": the
    # stretch the question's words pick in one, the other's first words in the other
    chapeau = corpus.get("untoc-smuggling-protocol art. 6(2)")
    terms = Terms.of("Which conduct must be criminalised under the Smuggling Protocol?", corpus)
    listed = listing(
        " ".join(chapeau.own.split()),
        [(c.label or "", " ".join(c.text.split())) for c in chapeau.children],
        terms,
    )
    pieces = listed.pieces
    assert not [(a, b) for a in pieces for b in pieces if a is not b and a in b], pieces


def test_an_in_part_answer_quotes_twin_wording_once(assistant):
    # 4(2)(a) "Shall also take …" and (b) "May also take …" say the rest alike
    lead = assistant.ask(
        "Under the 1988 drugs convention, if we refuse to extradite a trafficker because he "
        "is one of our nationals, must we have jurisdiction to try him ourselves?"
    ).text.split("\n\n")[0]
    said = "jurisdiction over the offences it has established"
    assert lead.startswith("In part.") and lead.count(said) == 1, lead


def test_a_question_asking_for_every_item_of_a_list_gets_each_of_them_at_length(corpus):
    # "What two routes …?" of a list of two: both routes, not one at length and "1 more"
    made = lead(
        corpus,
        "cybercrime-convention art. 50",
        "A State Party sends us a confiscation request for crypto-assets on an exchange here. "
        "What two routes does the Convention give us for acting on it?",
    )
    assert "for the purpose of obtaining an order of confiscation" in made.text, made.text
    assert "confiscation issued by a court" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "opens"),
    [
        # "shall, if its domestic law so permits …, consider the enforcement": the quote
        # reaches the verb the label is read from
        (
            "untoc art. 16",
            "We refused to extradite our national who was sentenced abroad. Under UNTOC, are "
            "we obliged to enforce the foreign sentence ourselves?",
            "Not mandatory:",
        ),
        # an item of "such measures could include": an example, not a duty
        (
            "untoc art. 31",
            "Is it compulsory under UNTOC to let courts disqualify persons convicted of "
            "offences from acting as directors of legal persons?",
            "Optional:",
        ),
        # "The measures adopted shall …": the measures a State adopts bind it
        (
            "drugs-convention-1988 art. 14",
            "When eradicating illicit coca, must a State take due account of traditional "
            "licit uses and the environment under the 1988 Convention?",
            "Yes — mandatory.",
        ),
    ],
)
def test_a_verdict_is_read_from_the_verb_that_binds(corpus, unit, question, opens):
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens), made.text


@pytest.mark.parametrize(
    ("unit", "question", "opens"),
    [
        # "Nothing in this Convention entitles a State Party to undertake …" in another
        # State's territory: no permission
        (
            "untoc art. 4",
            "Does the Palermo Convention let our detectives make arrests on the territory of "
            "another State?",
            "No:",
        ),
        # "Knowledge, intent or purpose … may be inferred from objective factual
        # circumstances": a thing that may be done by whoever applies the law
        (
            "uncac art. 28",
            "Under UNCAC, can the court infer knowledge and intent from the factual circumstances?",
            "Yes, it may:",
        ),
    ],
)
def test_a_permission_question_is_answered_by_what_no_one_or_anyone_may_do(
    corpus, unit, question, opens
):
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens), made.text


def test_who_may_be_admitted_is_no_permission_for_the_state(corpus):
    made = lead(
        corpus,
        "lanzarote-convention art. 40",
        "Can non-governmental organisations admitted as observers to the Committee of the "
        "Parties vote?",
    )
    assert not made.text.startswith("Yes"), made.text


def test_a_quote_that_opens_mid_sentence_is_bound_by_its_sentences_subject(corpus):
    made = lead(
        corpus,
        "uncac art. 44",
        "We refused to extradite our own national. Under UNCAC, must we submit the case to our "
        "prosecutors without undue delay when the requesting State asks?",
    )
    assert made.text.startswith("Yes — mandatory."), made.text


@pytest.mark.parametrize(
    ("unit", "question"),
    [
        (  # art. 44(11) binds ("shall take their decision"): a duty is not a permission
            "uncac art. 44",
            "May a State decide on extradition in the same manner as for any other grave offence?",
        ),
        (  # "… the original transferring State Party, which may require …": another
            # State's "may"
            "cybercrime-convention art. 36",
            "Can we pass personal data received from another State Party on to a third country?",
        ),
    ],
)
def test_a_may_question_answered_by_a_duty_or_anothers_may_gets_no_yes(corpus, unit, question):
    made = lead(corpus, unit, question)
    assert not made.text.startswith("Yes"), made.text


@pytest.mark.parametrize(
    ("unit", "question", "says"),
    [
        (  # "the requested State may refuse to comply …": quoted from who may refuse
            "drugs-convention-1988 art. 6",
            "Can extradition be refused where it would serve to persecute someone for religion?",
            "State may refuse to",  # (… and on to the grounds: "race, religion, nationality")
        ),
        (  # the quote keeps who may, though the words asked about come after the verb
            "untoc art. 16",
            "Before our extradition request arrives, can the requested State take the fugitive "
            "into custody at our request?",
            "the requested State Party may",
        ),
        (  # "A State Party that has reasonable grounds to suspect … may board": the subject
            # is a State, whatever its relative clause says
            "untoc-smuggling-protocol art. 8",
            "May our coast guard board and search a boat without nationality that we suspect "
            "of smuggling migrants?",
            "may board and search the vessel",
        ),
        (  # quoted from "may reserve", in a sentence whose subject is "a Party"
            "budapest-protocol-xenophobia art. 3",
            "Because our principles of freedom of expression leave no effective remedies for "
            "some cases of discrimination, can we reserve the right not to apply the offence?",
            "may reserve the right",
        ),
        (  # "If two or more States Parties have already concluded an agreement …, they shall
            # also be entitled to apply that agreement": an entitlement is a permission
            "cybercrime-convention art. 60",
            "Our mutual assistance treaty with a neighbour predates the UN cybercrime "
            "convention. May the two of us keep applying it instead?",
            "entitled to apply",
        ),
        (  # "Can it be admitted?" is answered by what "may be admitted", whoever it is said of
            "lanzarote-convention art. 40",
            "Could a charity working on child abuse be admitted as an observer to the "
            "Committee of the Parties?",
            "may be admitted as observers",
        ),
    ],
)
def test_a_state_that_may_is_said_to_be_permitted(corpus, unit, question, says):
    made = lead(corpus, unit, question)
    assert made.text.startswith("Yes, it may:") and says in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "opens", "says"),
    [
        (  # the rule: evidence is used only for the proceedings the request stated
            "untoc art. 18",
            "Can we use evidence another UNTOC State sent us in an unrelated prosecution "
            "without its consent?",
            "No:",
            "shall not transmit or use",
        ),
        (  # ... save what clears the accused: "Nothing in this paragraph shall prevent …"
            "cybercrime-convention art. 40",
            "Evidence received from another State under the UN cybercrime treaty would help "
            "clear the accused. Can we disclose it at trial without that State's consent?",
            "Yes, it may:",
            "exculpatory",
        ),
    ],
)
def test_a_rule_and_the_clause_saving_from_it_answer_what_each_is_about(
    corpus, unit, question, opens, says
):
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens) and says in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question"),
    [
        (  # the duty quoted is the transferred person's credit, not a State's agreement
            "untoc art. 18",
            "Are UNTOC parties obliged to give credit for time a transferred prisoner served?",
        ),
        (  # the permission quoted is the Convention's, to be supplemented
            "untoc art. 37",
            "Can a country join one of the protocols without being a party to the Convention?",
        ),
        (  # "Can we refuse …?" — UNTOC art. 18(18): the requested State "may agree that the
            # hearing be conducted by video conference" is no permission to refuse
            "untoc art. 18",
            "Can we refuse to hear a witness by video conference?",
        ),
    ],
)
def test_a_verdict_answers_only_for_what_a_state_must_or_may_do(corpus, unit, question):
    made = lead(corpus, unit, question)
    assert "provides:" in made.text and not made.text.startswith(("Yes", "No")), made.text


def test_no_verdict_is_given_when_retrieval_is_unsure_of_the_article(corpus):
    made = lead(
        corpus,
        "uncac art. 15",
        "Must States criminalise bribery of national public officials?",
        confident=False,
    )
    assert not made.text.startswith("Yes")


def test_an_article_not_the_closest_answers_no_when_the_closest_answers_no_too(assistant):
    """UNCAC art. 58 on the unit, and art. 14(1)(b) closer in meaning: both "shall consider"."""
    answer = assistant.ask(
        "Is it mandatory to establish a financial intelligence unit under UNCAC?"
    )
    assert lead_of(answer.text).startswith("Not mandatory"), answer.text[:300]


def test_an_article_not_the_closest_answers_no_when_the_closest_says_nothing_of_it(assistant):
    """Budapest art. 29(3): "dual criminality shall not be required" for preservation; art. 4
    on data interference is closer in meaning ("conduct", "crime") and answers neither way."""
    answer = assistant.ask(
        "Can a Budapest Party refuse to preserve data because the conduct is not a crime there?"
    )
    assert lead_of(answer.text).startswith("No: **Budapest Convention art. 29(3)**"), answer.text


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        ("Must we criminalise attempted illegal access under the Budapest Convention?", CARVED_OUT),
        (
            "Must we criminalise attempted misuse of devices under the Budapest Convention?",
            CARVED_OUT,
        ),
        ("Must we criminalise attempted data interference under the Budapest Convention?", "Yes"),
    ],
)
def test_a_duty_over_listed_articles_leaves_out_an_offence_it_does_not_list(
    corpus, question, opens
):
    """Attempt is to be an offence for the articles art. 11(2) lists (3 to 5, 7, 8, 9): not for
    illegal access (art. 2) or misuse of devices (art. 6), but for data interference (art. 4)."""
    made = lead(corpus, "budapest-convention art. 11", question)
    assert made.text.startswith(opens), made.text


def test_two_articles_that_both_bind_do_not_make_a_yes_when_retrieval_is_unsure(assistant):
    """Illegal access (art. 2) binds, and so does attempt (art. 11(2)), but attempt is required
    only for the articles art. 11(2) lists: illegal access is left out."""
    question = "Does the Budapest Convention oblige us to criminalise attempted illegal access?"
    assert not lead_of(assistant.ask(question).text).startswith("Yes")


def test_a_status_question_says_the_texts_do_not_record_it_and_cites_entry_into_force(corpus):
    made = status_lead("uncac", corpus, cite)
    assert made.text.startswith(STATUS)
    assert "**uncac art. 68(1)**" in made.text and "thirtieth instrument" in made.text
    assert "**uncac art. 71**" in made.text  # the depositary
    ((node, passage),) = made.quoted
    assert is_verbatim(passage, node.text)


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        # how two named instruments relate: one answer, from the provision that says it
        (
            "Must a State that wants to join the Smuggling of Migrants Protocol also be a "
            "party to UNTOC?",
            "**UNTOC art. 37(2)**",
        ),
        ("Compare the protection of witnesses in UNTOC and UNCAC.", "Compared: **UNTOC art. 24"),
    ],
)
def test_instruments_are_compared_when_the_question_asks_to(assistant, question, opens):
    assert lead_of(assistant.ask(question).text).startswith(opens)


def test_the_assistant_leads_with_the_verdict_then_quotes_each_passage_once(assistant):
    answer = assistant.ask("Must States criminalise bribery in the private sector under UNCAC?")
    opening = lead_of(answer.text)
    assert opening.startswith("Not mandatory:") and "UNCAC art. 21" in opening
    passages = [(q.citation, q.text) for q in answer.quotes]
    assert len(passages) == len(set(passages))
    assert not any(q.text.endswith(":") and len(q.text.split()) < 12 for q in answer.quotes[1:])


@pytest.mark.parametrize(
    "question",
    ["How many States have ratified UNCAC?", "Is the Hanoi Convention in force?"],
)
def test_status_questions_are_answered_without_a_claimed_fact(assistant, question):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert lead_of(answer.text).startswith(STATUS)
    assert any("Entry into force" in (c.title or "") for c in answer.citations)


def test_a_term_the_definitions_article_lacks_is_said_to_be_undefined(corpus):
    made = definition_lead("cybercrime-convention", "cybercrime", corpus, cite)
    assert made.text.startswith("No: **cybercrime-convention art. 2**")
    assert "“Electronic data”" in made.text and made.quoted == []


def test_a_defined_term_is_answered_with_its_definition(corpus):
    made = definition_lead("untoc", "organized criminal group", corpus, cite)
    assert "**untoc art. 2(a)** defines it" in made.text and "three or more persons" in made.text


def test_a_definition_is_quoted_at_the_clause_the_rest_of_the_question_asks_about(corpus):
    question = "Does the UNCAC definition of 'public official' extend to a state-owned enterprise?"
    made = definition_lead("uncac", "public official", corpus, cite, question)
    # the term's opening words, then clause (ii), not clause (i) on office holders
    assert "“Public official” shall mean … any other person who performs" in made.text
    assert "public agency or public enterprise" in made.text
    religion = lead(
        corpus,
        "budapest-protocol-xenophobia art. 2",
        "How does the Budapest First Protocol define racist and xenophobic material, and is "
        "religion covered?",
    )
    assert "defines it: ““racist and xenophobic material” means" in religion.text
    assert "religion if used as a pretext" in religion.text


@pytest.mark.parametrize(
    ("unit", "question", "duty"),
    [
        (  # the case is the paragraph's second sentence: "If … cannot comply …, it shall"
            "budapest-convention art. 26(2)",
            "A partner sent us leads under the Budapest Convention on condition we keep them "
            "secret, but our disclosure law will not allow it. What do we do?",
            "it shall notify the providing Party",
        ),
        (  # the case is a long condition before the duty's verb
            "budapest-convention art. 30(1)",
            "Preserving logs for a foreign request under the Budapest Convention, we find a "
            "provider abroad carried the traffic. What must we do next?",
            "shall expeditiously disclose to the requesting Party",
        ),
    ],
)
def test_what_to_do_in_a_case_is_answered_by_the_duty_that_case_brings_about(
    corpus, unit, question, duty
):
    made = lead(corpus, unit, question)
    assert duty in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "verdict", "says"),
    [
        (  # "… ensure that … and, to that end, shall consider the establishment of a financial
            # intelligence unit": quoted from "consider", the clause is still one to consider
            "untoc art. 7(1)",
            "Is our financial intelligence unit obliged under the Palermo Convention to work "
            "with foreign regulators and police against laundering?",
            "Not mandatory",
            "financial intelligence unit",
        ),
        (  # "The requesting State Party may require … confidential …. If the requested State
            # Party cannot comply …, it shall promptly inform the requesting State Party."
            "uncac art. 46(20)",
            "A UNCAC partner asked us to keep its request secret, but our courts will not allow "
            "that. Are we obliged to let the requesting State know we cannot comply?",
            "Yes — mandatory",
            "it shall promptly inform the requesting State Party",
        ),
    ],
)
def test_the_verdict_is_the_quoted_clauses_own(corpus, unit, question, verdict, says):
    made = lead(corpus, unit, question)
    assert made.text.startswith(verdict), made.text
    assert says in made.text, made.text


@pytest.mark.parametrize("unit", ["untoc art. 13", "cybercrime-convention art. 50"])
def test_what_a_request_must_say_beyond_the_usual_is_the_paragraph_that_adds_to_it(corpus, unit):
    made = lead(
        corpus,
        unit,
        "We want the other State's court to confiscate a flat bought with the proceeds. "
        "Besides the usual request details, what must we put in?",
    )
    assert made.text.startswith(f"**{unit}(3)**"), made.text
    assert "In addition to the information specified in article" in made.text


def test_a_named_terms_definition_is_quoted_through_its_condition_when_asked_when(corpus):
    question = "In what circumstances is moving rifles abroad 'illicit trafficking'?"
    made = definition_lead("untoc-firearms-protocol", "illicit trafficking", corpus, cite, question)
    assert "**untoc-firearms-protocol art. 3(e)** defines it" in made.text, made.text
    assert "does not authorize it" in made.text, made.text


def test_a_term_defined_in_the_article_that_uses_it_is_not_said_to_be_undefined(corpus):
    """Lanzarote art. 3 does not list "child pornography"; art. 20(2) defines it."""
    made = definition_lead("lanzarote-convention", "child pornography", corpus, cite)
    assert made.text.startswith("**lanzarote-convention art. 20(2)** defines it")
    assert "visually depicts a child" in made.text


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Does the UN cybercrime convention define cybercrime?", "cybercrime"),
        (
            "Does the UNCAC definition of 'public official' extend to state companies?",
            "public official",
        ),
        # no term named plainly: nothing to say "not defined" about
        ("How does the Protocol define racist material, and is religion covered?", None),
        ("Does it matter who is paid? How is child prostitution defined?", "child prostitution"),
        ("How is a public official defined in UNCAC?", "public official"),
        # "it" names no term: the quoted one it stands for, if any
        ("Is that 'smuggling of migrants' as the Protocol defines it?", "smuggling of migrants"),
        ("How does UNCAC define it?", None),
        # "that technique" points back to what the question described: it names no term
        ("Customs let a lorry run on under watch. How does UNTOC define that technique?", None),
    ],
)
def test_a_definition_question_names_its_term_only_when_it_is_plain(question, term):
    assert defined_term(question) == term


def test_a_mandatory_paragraph_that_asks_only_to_consider_the_thing_asked_is_not_mandatory(
    corpus,
):
    # UNCAC art. 14(1)(b): a duty to ensure that, "to that end", asks only to consider
    # establishing a financial intelligence unit
    made = lead(
        corpus,
        "uncac art. 14",
        "Does UNCAC require a country to set up a financial intelligence unit?",
    )
    assert made.text.startswith("Not mandatory:"), made.text
    assert "financial intelligence unit" in made.text


def test_parts_that_both_answer_no_in_different_words_give_not_mandatory(corpus):
    # Firearms Protocol art. 15: (1) "shall consider establishing a system for regulating"
    # brokering, (2) "are encouraged to include information on brokers"
    made = lead(
        corpus,
        "untoc-firearms-protocol art. 15",
        "Does the Protocol require States to regulate arms brokers?",
    )
    assert made.text.startswith("Not mandatory:"), made.text


def test_a_chapeau_is_quoted_with_the_parts_its_sentence_runs_into(corpus):
    made = lead(
        corpus,
        "untoc-firearms-protocol art. 8",
        "What markings must a firearm carry when it is manufactured?",
    )
    # the chapeau's opening words with its verb, then the part that answers, each verbatim
    assert "States Parties shall … At the time of manufacture of each firearm" in made.text
    assert [n.citation for n, _ in made.quoted[:2]] == [
        "untoc-firearms-protocol art. 8(1)",
        "untoc-firearms-protocol art. 8(1)(a)",
    ]


def test_a_clause_nested_in_a_letter_without_words_binds_with_the_paragraphs_chapeau(corpus):
    # UNCAC art. 23(1): "Each State Party shall adopt …: (a) (i) The conversion or transfer …"
    made = lead(
        corpus, "uncac art. 23", "Is it mandatory to criminalise laundering the proceeds of crime?"
    )
    assert made.text.startswith("Yes — mandatory.") and "Each State Party shall" in made.text


def test_a_duty_that_applies_whatever_the_circumstance_asked_is_not_a_yes(corpus):
    made = lead(
        corpus,
        "untoc art. 34",
        "When we write the UNTOC offences into national law, do we have to require a "
        "cross-border element?",
    )
    assert "independently of the transnational nature" in made.text
    assert "Yes" not in made.text


def test_a_chapeau_whose_verb_comes_late_is_quoted_with_that_verb(corpus):
    # UNCAC art. 52(2): its "shall" comes after a long opening ("In order to facilitate …,
    # each State Party, …"), at word 38
    made = lead(
        corpus,
        "uncac art. 52",
        "Must a State issue advisories telling its banks which accounts need enhanced scrutiny?",
    )
    assert "shall" in made.text.split("Issue advisories")[0], made.text
    for node, piece in made.quoted:  # the chapeau's pieces are the chapeau's, the part's its own
        assert is_verbatim(piece, f"{node.lead} {node.tail}"), (node.citation, piece)


@pytest.mark.parametrize(
    ("unit", "referral"),
    [
        ("untoc art. 18", "untoc art. 18(7)"),
        ("uncac art. 46", "uncac art. 46(7)"),
        ("cybercrime-convention art. 40", "cybercrime-convention art. 40(7)"),
        ("drugs-convention-1988 art. 7", "drugs-convention-1988 art. 7(7)"),
        ("budapest-convention art. 27", "budapest-convention art. 27(1)"),
    ],
)
def test_a_paragraph_that_only_says_which_paragraphs_apply_does_not_answer(corpus, unit, referral):
    # "Paragraphs 9 to 29 of this article shall apply to requests …", even when retrieval
    # matched it: the rule is in the paragraphs it names
    article = corpus.get(unit)
    question = "When there is no mutual legal assistance treaty, what must a request contain?"
    made = lead_for(article, corpus.get(referral), question_kind(question), question, corpus, cite)
    assert all(node.citation != referral for node, _ in made.quoted), made.text


def test_a_question_about_the_alternative_is_answered_by_the_alternative(corpus):
    # "it may instead adopt …" is not the rule, unless the rule is what the State cannot adopt
    made = lead(
        corpus,
        "cybercrime-convention art. 30",
        "Our law does not let the authorities themselves intercept content data in real time. "
        "What may we do instead?",
    )
    assert made.text.startswith("Yes, it may: **cybercrime-convention art. 30(2)**"), made.text
    assert "may instead adopt" in made.text


def test_a_figure_question_on_a_chapeau_that_runs_on_quotes_the_figure(corpus):
    # Firearms Protocol art. 7: one sentence read through its parts, with its figure ("not
    # less than ten years") before them
    made = lead(
        corpus,
        "untoc-firearms-protocol art. 7",
        "How long must the Firearms Protocol's records on firearms be kept?",
    )
    assert "for not less than ten years" in made.text, made.text


def test_among_parts_that_share_the_question_s_words_alike_the_closest_in_meaning_answers(corpus):
    """Retrieval's similarity of each chunk to the question (the adapted model's) ranks the
    parts of an article that word overlap cannot tell apart; without it the first part is
    quoted, since treaties state the rule first."""
    article = corpus.get("uncac art. 46")
    question = "And what about that one?"  # no word of its own to go by
    closeness = {"uncac art. 46(1)": 0.41, "uncac art. 46(19)": 0.58, "uncac art. 46(9)": 0.5}
    kind = question_kind(question)
    by_meaning = lead_for(article, article, kind, question, corpus, cite, True, closeness)
    by_order = lead_for(article, article, kind, question, corpus, cite, True)
    assert by_meaning.voice.citation == "uncac art. 46(19)"
    assert by_order.voice.citation == "uncac art. 46(1)"


def test_of_parts_alike_in_meaning_the_one_asked_about_as_its_questions_ask_answers(corpus):
    """Each part's closeness in meaning is its own text's and, PART_ASKED as much, that of the
    nearest practitioner question written for it (search/question_vectors.py)."""
    article = corpus.get("uncac art. 46")
    question = "And what about that one?"  # no word of its own to go by
    own = {n.citation: 0.5 for n in article.walk() if n is not article}
    asked = dict.fromkeys(own, 0.2) | {"uncac art. 46(19)": 0.8}
    kind = question_kind(question)
    by_questions = lead_for(
        article, article, kind, question, corpus, cite, True, None, part_meaning(own, asked)
    )
    by_text = lead_for(article, article, kind, question, corpus, cite, True, None, own)
    assert by_questions.voice.citation == "uncac art. 46(19)"
    assert by_text.voice.citation == "uncac art. 46(1)"


def test_within_one_chunk_the_part_closest_in_meaning_answers(corpus):
    """UNCAC art. 21 is one chunk, so the chunks' similarity cannot tell (a) from (b); each
    part's own similarity (search/parts.py) can."""
    article = corpus.get("uncac art. 21")
    question = "What about an undue advantage and a person who works for a private sector entity?"
    kind = question_kind(question)
    chunk = {"uncac art. 21": 0.5}
    parts = {"uncac art. 21": 0.1, "uncac art. 21(a)": 0.2, "uncac art. 21(b)": 0.7}
    by_part = lead_for(article, article, kind, question, corpus, cite, True, chunk, parts)
    by_chunk = lead_for(article, article, kind, question, corpus, cite, True, chunk)
    assert "21(b)" in by_part.text and "solicitation" in by_part.text, by_part.text
    assert "21(b)" not in by_chunk.text, by_chunk.text


def test_the_item_closest_in_meaning_is_quoted_through_its_chapeau_when_their_words_tie(corpus):
    """The question shares as many words with the chapeau ("… factual circumstances which make
    the commission of the offences … particularly serious, such as:") as with item (g); the
    item is nearer in meaning and is the one that answers."""
    article = corpus.get("drugs-convention-1988 art. 3")
    question = (
        "A dealer was caught selling pills just outside a secondary school. Is that something "
        "our courts can weigh as making the offence worse?"
    )
    parts = {p.citation: 0.3 for p in article.walk()} | {"drugs-convention-1988 art. 3(5)(g)": 0.45}
    made = lead_for(
        article, article, question_kind(question), question, corpus, cite, True, {}, parts
    )
    assert "3(5)(g)" in made.text and "immediate vicinity" in made.text, made.text


def test_the_item_closest_in_meaning_is_quoted_even_when_its_chapeau_shares_more_words(corpus):
    """A question in everyday words ("his helping role") shares more words with the chapeau
    ("… shall also adopt … measures … to establish as criminal offences:") than with item (b),
    "Participating as an accomplice …"; the item is nearer in meaning, is chosen, and is the
    one quoted, after its chapeau's opening words, not whichever item shares a word."""
    article = corpus.get("untoc-trafficking-protocol art. 5")
    question = (
        "A driver knowingly took recruited women from the bus station to the brothel, but he "
        "never recruited or exploited anyone himself. Under the trafficking protocol, must his "
        "helping role be a crime?"
    )
    parts = dict.fromkeys(
        (f"untoc-trafficking-protocol art. 5{p}" for p in ("(1)", "(2)", "(2)(a)", "(2)(c)")), 0.2
    )
    parts["untoc-trafficking-protocol art. 5(2)(b)"] = 0.6
    made = lead_for(
        article, article, question_kind(question), question, corpus, cite, True, {}, parts
    )
    assert "5(2)(b)" in made.text and "Participating as an accomplice" in made.text, made.text
    assert "attempting" not in made.text, made.text


def test_an_item_shares_the_words_of_the_chapeau_whose_sentence_it_ends(corpus):
    """Smuggling Protocol art. 10(1): the question shares "exchange", "information" and
    "routes" with the chapeau ("… located on routes … shall … exchange … information on
    matters such as:") and none with item (d), "Means and methods of concealment …", which
    ends that sentence; the item closest in meaning answers, not the chapeau by its words."""
    article = corpus.get("untoc-smuggling-protocol art. 10")
    question = (
        "Smugglers on our route now hide people in false compartments in lorries. Does the "
        "smuggling protocol expect us to share information on such hiding tricks with the "
        "other countries on the route?"
    )
    parts = {p.citation: 0.3 for p in article.walk()} | {
        "untoc-smuggling-protocol art. 10(1)(d)": 0.45
    }
    made = lead_for(
        article, article, question_kind(question), question, corpus, cite, True, {}, parts
    )
    assert "10(1)(d)" in made.text and "concealment" in made.text, made.text


@pytest.mark.parametrize(
    ("question", "nearer"),
    [
        (
            "How soon after the Organized Crime Convention entered into force could a State "
            "Party propose an amendment to it?",
            0.6,
        ),
        # said in everyday words ("took effect", "table"), and paragraph 4 closer still
        (
            "How long after UNTOC took effect did a State have to wait before it could table "
            "an amendment?",
            0.65,
        ),
    ],
)
def test_a_figure_counted_from_the_event_asked_about_answers_how_soon_after_it(
    corpus, question, nearer
):
    """ "How soon after … entered into force?" counts from entry into force: "five years from the
    entry into force" (paragraph 1), though retrieval finds paragraph 4 closer in meaning
    ("shall enter into force … ninety days after the date of the deposit")."""
    article = corpus.get("untoc art. 39")
    closeness = {"untoc art. 39(1)": 0.43, "untoc art. 39(4)": nearer}
    made = lead_for(
        article, article, question_kind(question), question, corpus, cite, True, closeness
    )
    assert made.voice.citation == "untoc art. 39(1)" and "five years" in made.text, made.text


def test_what_one_state_may_ask_of_another_is_no_option_for_the_one_asked(corpus):
    """ "The requesting Party may request that the requested Party keep confidential …" does
    not make confidentiality optional for the requested Party: once asked, it is bound."""
    made = lead(
        corpus,
        "budapest-convention art. 27",
        "Is the requested Party obliged to keep the fact of a request confidential?",
    )
    assert "27(8)" in made.text and not made.text.startswith(("Optional", "Not mandatory")), (
        made.text
    )


def test_a_duty_and_a_lesser_measure_that_share_the_question_s_words_answer_in_part(corpus):
    """ "Bribery of foreign public officials" is art. 16(1) (giving: mandatory) and art. 16(2)
    (accepting: to consider) alike: the lead says both, the rule first, with no yes or no."""
    made = lead(
        corpus,
        "uncac art. 16",
        "Is it mandatory to criminalise bribery of foreign public officials under UNCAC?",
    )
    assert made.text.startswith("In part. **uncac art. 16(1)**"), made.text
    assert "binds each State Party (mandatory)" in made.text
    assert "**uncac art. 16(2)** asks it only to *consider* it" in made.text
    assert not made.settled
    assert all(is_verbatim(text, node.own) for node, text in made.quoted), made.quoted
    # a question about one of the two conducts gets that part's verdict
    giving = lead(
        corpus,
        "uncac art. 16",
        "Must we criminalise the promise or giving of a bribe to a foreign public official?",
    )
    assert giving.text.startswith("Yes — mandatory. **uncac art. 16(1)**"), giving.text


@pytest.mark.parametrize(
    ("unit", "question", "answers"),
    [
        (  # "mutual legal assistance" is in the title and most paragraphs: "orally" decides
            "uncac art. 46",
            "In what form does a mutual legal assistance request under UNCAC have to be sent, "
            "and can we phone it through first if the case is urgent?",
            "uncac art. 46(14)",
        ),
        (  # "confiscated proceeds" is every paragraph's subject: "sharing" decides
            "untoc art. 14",
            "After confiscating proceeds at another State's request under UNTOC, can we agree "
            "with that State to split the confiscated assets between us?",
            "untoc art. 14(3)",
        ),
    ],
)
def test_the_words_of_an_article_s_title_weigh_less_in_choosing_its_paragraph(
    corpus, unit, question, answers
):
    made = lead(corpus, unit, question)
    assert made.voice.citation == answers, made.text


@pytest.mark.parametrize(
    ("unit", "question", "says"),
    [
        (  # the sentence that gives examples of the kinds asked about
            "untoc art. 29",
            "What kinds of training and technical assistance does UNTOC have in mind for staff "
            "of central authorities, to make extradition and mutual legal assistance work?",
            "language training, secondments",
        ),
        (  # "at what point": the moment, "at the time of signature or when depositing …"
            "budapest-convention art. 38",
            "At what point can a State say which of its territories the Budapest Convention "
            "will cover?",
            "at the time of signature",
        ),
    ],
)
def test_a_question_of_what_kinds_or_at_what_point_quotes_the_sentence_that_says(
    corpus, unit, question, says
):
    made = lead(corpus, unit, question)
    assert says in lead_of(made.text), made.text


@pytest.mark.parametrize(
    ("unit", "question", "answers"),
    [
        (  # entry into force for one State joining later, not for the first thirty
            "uncac art. 68",
            "We deposit our instrument of accession to UNCAC next week. From when will the "
            "Convention be in force for us?",
            "uncac art. 68(2)",
        ),
        (  # "… start to apply to it": the paragraph for each acceding State
            "lanzarote-convention art. 46",
            "A non-member State of the Council of Europe formally accedes to the Lanzarote "
            "Convention. When does the Convention start to apply to it?",
            "lanzarote-convention art. 46(2)",
        ),
        (  # asked in Spanish: "for a State that ratifies it later"
            "uncac art. 68",
            "¿En qué plazo entra en vigor la Convención contra la Corrupción para un Estado que "
            "la ratifica después?",
            "uncac art. 68(2)",
        ),
        (  # and in French
            "uncac art. 68",
            "Dans quel délai la Convention entre-t-elle en vigueur pour un État qui la ratifie ?",
            "uncac art. 68(2)",
        ),
    ],
)
def test_a_time_question_is_answered_by_the_rule_for_the_case_asked(
    corpus, unit, question, answers
):
    made = lead(corpus, unit, question)
    assert made.voice.citation == answers, made.text


def test_a_measure_listed_as_what_a_state_may_include_answers_can_we_with_yes(corpus):
    """ "The measures envisaged in paragraph 1 … may include … video links" lets a State do it;
    the same item is no answer to "must we?" (an example of a duty is not the duty)."""
    can = lead(
        corpus,
        "cybercrime-convention art. 33",
        "A witness is too frightened to testify in the courtroom. Can we protect her by "
        "letting her give evidence over a video link?",
    )
    assert can.text.startswith("Yes, it may:") and "video" in can.text, can.text
    must = lead(
        corpus,
        "cybercrime-convention art. 33",
        "Must we let a frightened witness give evidence over a video link?",
    )
    assert not must.text.startswith(("Yes", "Not mandatory", "Optional")), must.text


def test_by_when_is_answered_by_the_sentence_that_says_how_soon(corpus):
    """ "By when must we tell them?" asks a promptness ("without delay") as much as a date: of
    the paragraph retrieval found, the sentence that says it."""
    article = corpus.get("cybercrime-convention art. 40")
    question = (
        "Information another party sent us on its own initiative turns out to clear the "
        "accused, and there was no chance to warn the sender before we disclosed it in court. "
        "By when must we tell the sending State?"
    )
    closeness = {"cybercrime-convention art. 40(5)": 0.6, "cybercrime-convention art. 40(29)": 0.3}
    made = lead_for(
        article, article, question_kind(question), question, corpus, cite, True, closeness
    )
    assert "without delay" in lead_of(made.text), made.text


def test_a_sentence_that_forbids_is_not_unsettled_by_a_duty_elsewhere_in_the_article(assistant):
    # 1988 Convention art. 3(10) is a paragraph without a duty of its own, but its sentence
    # forbids ("shall not be considered as … political offences"); the duties to criminalise
    # in art. 3(1) answer no "can we …?" and so do not unsettle that No
    answer = assistant.ask(
        "Can a State regard a drug trafficking offence as a political offence when cooperating "
        "under the 1988 Convention?"
    )
    opening = lead_of(answer.text)
    assert opening.startswith("No:") and "art. 3(10)" in opening, opening


@pytest.mark.parametrize(
    ("unit", "question", "says"),
    [
        (
            "untoc-smuggling-protocol art. 19",
            "Can the smuggling protocol's measures be applied in a way that discriminates "
            "against people because they were smuggled?",
            "not discriminatory",
        ),
        (
            "drugs-convention-1988 art. 18",
            "May a free trade zone run less stringent controls on drug trafficking than the "
            "rest of the country?",
            "no less stringent",
        ),
    ],
)
def test_a_duty_to_treat_alike_answers_no_to_treating_worse(corpus, unit, question, says):
    made = lead(corpus, unit, question)
    assert made.text.startswith("No:") and says in made.text, made.text


@pytest.mark.parametrize(
    "question",
    [
        "Can we apply the smuggling protocol's measures to smuggled migrants?",
        "Is the smuggling protocol to be read consistently with refugee law?",
    ],
)
def test_a_duty_to_treat_alike_says_no_only_to_worse_treatment(corpus, question):
    made = lead(corpus, "untoc-smuggling-protocol art. 19", question)
    assert not made.text.startswith("No:"), made.text


def test_what_nothing_in_the_convention_shall_entitle_a_state_to_do_is_a_no(corpus):
    made = lead(
        corpus,
        "cybercrime-convention art. 5",
        "May our police arrest a suspect on another State's territory, where that State's law "
        "reserves arrests to its own authorities?",
    )
    assert made.text.startswith("No:") and "shall entitle" in made.text, made.text


@pytest.mark.parametrize(
    "question",
    [
        "When may a Party denounce the protocol on racist and xenophobic acts?",
        "Until when is a Party allowed to give notice that it leaves the xenophobia protocol?",
        "Is there a deadline for a Party that wants to leave the xenophobia protocol?",
    ],
)
def test_when_a_state_may_act_is_answered_by_at_any_time(corpus, question):
    made = lead(corpus, "budapest-protocol-xenophobia art. 15", question)
    assert "at any time" in made.text and "15(1)" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question"),
    [
        (
            "cybercrime-convention art. 6",
            "May a State use the UN cybercrime convention to justify blocking journalists' "
            "websites and suppressing peaceful assembly?",
        ),
        (
            "untoc-smuggling-protocol art. 19",
            "Can we rely on the smuggling protocol to set aside our duties under the Refugee "
            "Convention?",
        ),
        (
            "cybercrime-convention art. 60",
            "Can the Convention be read as overriding the rights, restrictions and obligations "
            "we have under international law, such as immunities?",
        ),
    ],
)
def test_a_saving_clause_answers_no_to_using_the_instrument_against_what_it_saves(
    corpus, unit, question
):
    made = lead(corpus, unit, question)
    assert made.text.startswith("No:") and "Nothing in this" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "saving"),
    [
        (  # the article's other paragraphs speak of return; its last saves the victims' rights
            "untoc-trafficking-protocol art. 8",
            "Can the return of victims under the Protocol be used to take away a residence "
            "permit our own law grants them?",
            "8(5)",
        ),
        (
            "budapest-convention art. 39",
            "Could the Budapest Convention cut into rights and restrictions our other "
            "treaties give us?",
            "39(3)",
        ),
        (  # art. 26(3): "without prejudice to the criminal liability" of natural persons
            "uncac art. 26",
            "If the company is held liable for bribery under UNCAC, does that let the directors "
            "who paid the bribes off the hook?",
            "26(3)",
        ),
        (  # "set … aside", however many words are in between
            "untoc-trafficking-protocol art. 8",
            "May we rely on the Protocol's article on return to set our readmission agreement "
            "with a neighbour aside?",
            "8(6)",
        ),
        (  # "Nothing contained in this Convention shall affect the principle that …"
            "uncac art. 30",
            "Can UNCAC be used to override how our own law describes the offences and the "
            "legal defences?",
            "30(9)",
        ),
        (  # ... asked of the Convention itself, with no "can"
            "uncac art. 30",
            "Does UNCAC override our own rules on legal defences?",
            "30(9)",
        ),
        (  # art. 30(3): "without prejudice to existing foreign assistance commitments"
            "untoc art. 30",
            "Does UNTOC let measures under its development-assistance article displace aid "
            "commitments already made?",
            "30(3)",
        ),
    ],
)
def test_a_clause_without_prejudice_to_a_right_answers_no_to_cutting_it_back(
    corpus, unit, question, saving
):
    made = lead(corpus, unit, question)
    assert made.text.startswith("No:") and saving in made.text, made.text


def test_a_saving_clause_is_no_no_to_what_it_leaves_alone(corpus):
    made = lead(
        corpus,
        "untoc-smuggling-protocol art. 19",
        "Can we grant refugee status to a smuggled migrant?",
    )
    assert not made.text.startswith("No:"), made.text


def test_to_consider_the_convention_the_treaty_basis_is_a_duty(corpus):
    # "… shall consider this Convention the necessary and sufficient treaty basis": to
    # regard it so binds; it is no measure to consider
    made = lead(
        corpus,
        "uncac art. 55",
        "Our law makes confiscation for a foreign State conditional on a treaty. Must we "
        "regard UNCAC as a sufficient treaty basis when we have no bilateral treaty?",
    )
    assert made.text.startswith("Yes — mandatory") and "55(6)" in made.text, made.text


def test_a_part_that_takes_measures_as_may_be_necessary_is_bound_by_its_chapeau(corpus):
    # "(a) Take such measures as may be necessary …": that "may" gives no one leave; the
    # chapeau's "shall" binds
    made = lead(
        corpus,
        "uncac art. 54",
        "Must our authorities be able to freeze assets on the strength of a foreign court's "
        "freezing order under UNCAC?",
    )
    assert made.text.startswith("Yes — mandatory.") and "54(2)(a)" in made.text, made.text
    assert "shall, in accordance with" in made.text, made.text
    # … but a part with a verb that weighs itself ("(c) Consider taking …") speaks for itself
    made = lead(
        corpus,
        "uncac art. 54",
        "Must we allow confiscation without a criminal conviction when the offender has died?",
    )
    assert made.text.startswith("Not mandatory:") and "54(1)(c)" in made.text, made.text


def test_a_bodys_leave_answers_a_question_asked_of_that_body_by_name(corpus):
    # Lanzarote art. 40(2): "The Committee of Ministers may invite other Council of Europe
    # bodies …" gives that body leave, not a State
    asked = "Can the Committee of Ministers invite other bodies to send a representative?"
    made = lead(corpus, "lanzarote-convention art. 40", asked)
    assert made.text.startswith("Yes, it may:") and "40(2)" in made.text, made.text
    asked = "Can a State Party invite other bodies to send a representative?"
    made = lead(corpus, "lanzarote-convention art. 40", asked)
    assert not made.text.startswith("Yes"), made.text  # the State is given no such leave


@pytest.mark.parametrize(
    "question",
    [
        "¿Puede un Estado denegar la extradición por tratarse de un delito político?",
        "Peut-on refuser l'extradition au motif que l'infraction a un caractère politique ?",
    ],
)
def test_a_ground_of_refusal_named_in_french_or_spanish_picks_the_paragraph_on_it(corpus, question):
    # UNCAC art. 44(4) on political offences, not 44(16) on fiscal matters: the ground is read
    # after "por tratarse de" / "au motif que", through its English term of art
    made = lead(corpus, "uncac art. 44", question)
    assert "44(4)" in made.text and "political offence" in made.text, made.text


@pytest.mark.parametrize(
    ("unit", "question", "allows"),
    [
        (  # Budapest art. 28(1): the article "shall not apply where such treaty … exists,
            # unless the Parties concerned agree to apply" it
            "budapest-convention art. 28",
            "Country K and we are bound by an MLA treaty. Can we agree with them to use the "
            "Budapest rules on confidentiality in lieu of it?",
            "28(1)",
        ),
        (  # UNTOC art. 18(7): that treaty "shall apply unless" the Parties agree otherwise: a
            # duty, not a prohibition, and the paragraph's second sentence, though its first
            # shares more of the question
            "untoc art. 18",
            "We and State Q have an old mutual legal assistance treaty. Could the two States "
            "agree to work under the Convention's paragraphs 9 to 29 on requests instead?",
            "18(7)",
        ),
    ],
)
def test_what_an_unless_clause_allows_answers_a_question_that_asks_for_it(
    corpus, unit, question, allows
):
    made = lead(corpus, unit, question)
    assert made.text.startswith("Yes, it may:") and allows in made.text, made.text
    assert "unless the" in made.text and "agree" in lead_of(made.text), made.text


def test_what_a_saving_clause_saves_still_may_be_done(corpus):
    # UNCAC art. 26: (2) a legal person's liability "may be criminal, civil or
    # administrative"; (3) it is "without prejudice to" the natural persons' liability
    made = lead(
        corpus,
        "uncac art. 26",
        "If a company is convicted of bribery under UNCAC, can its managers still be "
        "prosecuted personally?",
    )
    assert made.text.startswith("Yes, it may:") and "26(3)" in made.text, made.text


def test_a_state_that_extradites_without_a_treaty_is_answered_by_the_twin_for_it(corpus):
    # UNCAC art. 44: (6) for a State that "makes extradition conditional" on a treaty, (7)
    # for those that "do not make" it so
    made = lead(
        corpus,
        "uncac art. 44",
        "Our law lets us extradite without any treaty. Must we recognise UNCAC offences as "
        "extraditable offences between us and another such State?",
    )
    assert made.text.startswith("Yes — mandatory.") and "44(7)" in made.text, made.text


def test_an_unless_clause_of_a_state_of_things_allows_nothing(corpus):
    # UNTOC art. 37(3): a State is "not bound by a protocol unless" it joins it: a condition
    # of being bound, no leave to become one
    made = lead(
        corpus,
        "untoc art. 37",
        "Could a State become a Party to a protocol though it never joined the Convention?",
    )
    assert not made.text.startswith("Yes"), made.text


def test_a_may_inside_what_a_state_must_consider_gives_it_no_leave(corpus):
    # Budapest art. 27(6): "the requested Party shall … consider whether the request may be
    # granted partially": no Party is given leave to do what the question asks
    made = lead(
        corpus,
        "budapest-convention art. 27",
        "We have a bilateral MLA treaty with them. May we apply the Budapest Convention's "
        "request procedures where such a treaty exists?",
    )
    assert not made.text.startswith("Yes"), made.text


@pytest.mark.parametrize(
    "unit",
    ["untoc art. 18", "uncac art. 46", "drugs-convention-1988 art. 7"],
)
def test_the_right_a_saving_clause_keeps_for_a_state_is_a_yes_quoted_from_that_clause(corpus, unit):
    made = lead(
        corpus,
        unit,
        "Our ministry insists that requests for assistance reach us through diplomatic "
        "channels. Is that allowed?",
    )
    assert made.text.startswith("Yes, it may:"), made.text
    assert "without prejudice to the right of" in made.text, made.text


def test_what_a_paragraph_leaves_out_of_its_article_the_article_may_not_be_used_for(corpus):
    question = (
        "Could the Board invoke the procedure of this article to settle a dispute between "
        "two Parties?"
    )
    made = lead(corpus, "drugs-convention-1988 art. 22", question)
    assert made.text.startswith("No:") and "22(7)" in made.text, made.text


@pytest.mark.parametrize(
    ("question", "no"),
    [
        (
            "Can the child-friendly measures be applied so as to impair the rights of the defence?",
            True,
        ),
        # the duty forbids only what harms the defence
        ("Can the child-friendly measures be applied to protect the child?", False),
    ],
)
def test_a_duty_to_ensure_measures_do_not_prejudice_a_right_forbids_harming_it(
    corpus, question, no
):
    made = lead(corpus, "lanzarote-convention art. 30", question)
    assert made.text.startswith("No:") is no, made.text


def test_the_drafting_formula_for_legislative_measures_gives_way_to_what_must_be_done(corpus):
    # "shall take the necessary legislative or other measures to …": the lead keeps who must
    # and the verb that says what, so the conduct fits in the quote
    made = lead(
        corpus,
        "lanzarote-convention art. 22",
        "Is it an offence under the Lanzarote Convention to make a child watch sexual abuse?",
    )
    assert "“Each Party shall … criminalise the intentional causing" in made.text, made.text
    assert "legislative or other measures" not in made.text, made.text


def test_what_a_body_may_do_is_not_read_from_what_states_may_do(corpus):
    # in art. 66(2) it is the States Parties that may take a dispute to the Court; the Board is
    # named nowhere in it
    made = lead(corpus, "uncac art. 66", "Can the Board settle a dispute?")
    assert not made.text.startswith(("Yes", "No")), made.text
    # the States Parties asked about, the same words answer
    asked = lead(corpus, "uncac art. 66", "Can a State Party refer a dispute to the Court?")
    assert asked.text.startswith("Yes, it may:"), asked.text


def test_an_item_is_quoted_under_the_chapeau_sentence_it_hangs_from(corpus):
    # UNCAC art. 48(1)'s items hang from its second sentence; its first, a general duty to
    # cooperate, says nothing of them
    question = "Must we exchange information with foreign police on the means criminals use?"
    made = lead(corpus, "uncac art. 48(1)(f)", question)
    opening = "“States Parties shall, in particular, take effective measures … "
    assert opening in made.text, made.text
    # ... but a last sentence that goes on from the first is read with it
    kept = "How long must firearms records be kept?"
    records = lead(corpus, "untoc-firearms-protocol art. 7", kept)
    assert "“Each State Party shall ensure the maintenance" in records.text, records.text


def test_leave_another_state_may_give_is_no_option_of_ours(corpus):
    # the Smuggling Protocol's art. 8(2) items are what the flag State may authorize us to do
    question = "Once the flag State let us board the ship, do we have to tell it what we found?"
    made = lead(corpus, "untoc-smuggling-protocol art. 8(2)(c)", question)
    assert "“The flag State may authorize the requesting State" in made.text, made.text
    assert not made.text.startswith(("Optional", "Yes", "No")), made.text


def test_a_reservation_from_a_duty_does_not_make_the_duty_optional(corpus):
    # art. 20(3) lets a Party leave out images of a non-existent child or those teenagers make
    # for themselves; filming a real child's abuse stays a crime, and the duty answers
    question = (
        "A man filmed his abuse of his 9-year-old niece. Must making such material be a crime "
        "under the Lanzarote Convention, or could a reservation exempt it?"
    )
    made = lead(corpus, "lanzarote-convention art. 20", question)
    assert made.text.startswith("Yes — mandatory"), made.text
    # ... and the reservation alone, quoted, gives no verdict
    alone = lead(corpus, "lanzarote-convention art. 20(3)", question)
    assert not alone.text.startswith(("Optional", "Not mandatory")), alone.text


def test_a_states_leave_that_names_the_body_does_not_answer_what_the_body_may_do(corpus):
    # art. 18(1) lets a State Party propose an amendment to the conference; whether the
    # conference's vote binds anyone is not a State's leave, whatever its case
    question = "Can the conference's vote alone bind us to an amendment of the protocol?"
    made = lead(corpus, "untoc-trafficking-protocol art. 18(1)", question)
    assert not made.text.startswith(("Yes", "No")), made.text
    # ... while the conference's own leave answers it ("the Conference … may establish")
    review = "Can the conference set up a mechanism to review how the convention is implemented?"
    made = lead(corpus, "cybercrime-convention art. 57(7)", review)
    assert made.text.startswith("Yes, it may:"), made.text


def test_a_duty_that_holds_when_a_state_does_not_act_is_no_duty_to_act(corpus):
    # art. 42(3) asks for jurisdiction over a national the State does not extradite; it is no
    # duty to extradite
    question = "Is a State obliged to extradite its own nationals under UNCAC?"
    made = lead(corpus, "uncac art. 42", question)
    assert not made.text.startswith("Yes — mandatory"), made.text
    duty = "Is a State obliged to establish jurisdiction when it does not extradite a national?"
    assert lead(corpus, "uncac art. 42", duty).text.startswith("Yes — mandatory"), duty


@pytest.mark.parametrize(
    ("unit", "question", "opens"),
    [
        # art. 16(15) names fiscal matters as the ground no State may refuse on
        ("untoc art. 16", "Can a State refuse extradition because of tax offences?", "No:"),
        # ... and a question on another ground is answered by the paragraph on that ground
        # (art. 44(4): the offences are not to be considered political ones)
        ("uncac art. 44", "Can a State refuse extradition for a political offence?", "No:"),
        # Budapest art. 25(4): the Party "may refuse" on its own law's grounds, but "shall not
        # exercise the right to refuse" on the ground that it is a fiscal offence
        ("budapest-convention art. 25", "Can we refuse assistance for a tax offence?", "No:"),
    ],
)
def test_a_refusal_is_answered_no_only_on_the_ground_the_question_names(
    corpus, unit, question, opens
):
    made = lead(corpus, unit, question)
    assert made.text.startswith(opens), made.text
    assert ("fiscal" in made.text) is ("tax" in question), made.text


def test_a_prohibition_on_another_ground_gives_no_verdict(corpus):
    # only art. 16(15), on fiscal matters, is quoted: it does not answer for political offences
    made = lead_for(
        corpus.get("untoc art. 16(15)"),
        corpus.get("untoc art. 16"),
        question_kind(q := "Can a State refuse extradition for a political offence?"),
        q,
        corpus,
        cite,
    )
    assert not made.text.startswith("No"), made.text


def test_a_clause_imposing_no_liability_answers_whether_one_may_act_free_of_it(corpus):
    # art. 6(1)(b) also speaks of possessing and of criminal liability, and "may": a State's
    # option to require a number of items is no leave for the tester
    made = lead(
        corpus,
        "budapest-convention art. 6",
        "A security researcher keeps password-cracking tools only to audit networks with the "
        "owners' permission. Can she possess them without criminal liability?",
    )
    assert made.text.startswith("Yes, it may: **budapest-convention art. 6(2)**"), made.text


@pytest.mark.parametrize(
    ("unit", "question", "cited", "rule"),
    [
        # "… deemed to be included as an extraditable offence in any … treaty existing
        # between …": a treaty that omits the offence is read as if it listed it
        (
            "untoc art. 16",
            "Our extradition treaty with the requesting State dates from 1985 and does not list "
            "money laundering. Can we refuse to extradite on that ground?",
            "untoc art. 16(3)",
            "deemed to be included",
        ),
        (
            "budapest-convention art. 24",
            "Hacking is not among the crimes named in our old bilateral extradition treaty. May "
            "we decline the extradition request for that reason?",
            "budapest-convention art. 24(2)",
            "deemed to be included",
        ),
        # "dual criminality shall not be required as a condition" (for preservation); the next
        # paragraph's reservation reaches only "offences other than those established in
        # accordance with" the treaty, and illegal access is one of those
        (
            "budapest-convention art. 29",
            "We asked another Budapest Party to preserve server data in an illegal access case. "
            "Can it refuse to preserve it because the conduct is not a crime under its law?",
            "budapest-convention art. 29(3)",
            "shall not be required as a condition",
        ),
        (
            "cybercrime-convention art. 42",
            "A State asks us to preserve server logs in an illegal-access investigation. Can we "
            "refuse because our law makes dual criminality a condition?",
            "cybercrime-convention art. 42(4)",
            "shall not be required as a condition",
        ),
    ],
)
def test_a_ground_the_treaty_rules_out_is_no_ground_to_refuse(corpus, unit, question, cited, rule):
    made = lead(corpus, unit, question)
    assert made.text.startswith(f"No: **{cited}**"), made.text
    assert rule in made.text, made.text


@pytest.mark.parametrize(
    ("question", "no"),
    [
        ("Can we prosecute a migrant for the fact that he was smuggled?", True),
        # the prohibition reaches that one fact: it does not answer for another offence
        ("Can we still prosecute a smuggled migrant for a separate offence, an assault?", False),
    ],
)
def test_a_prohibition_for_one_fact_does_not_answer_for_another_offence(corpus, question, no):
    made = lead(corpus, "untoc-smuggling-protocol art. 5", question)
    assert made.text.startswith("No:") is no, made.text


def test_what_may_be_done_to_a_request_is_the_paragraph_that_lets_it_be_done(corpus):
    # "… may be made orally, but shall be confirmed …", over the
    # purposes for which assistance "may be requested"
    made = lead(
        corpus,
        "cybercrime-convention art. 40",
        "A child is missing and we need a provider's records tonight. Can our legal assistance "
        "request be made by phone, and what must follow?",
    )
    assert made.text.startswith("Yes, it may: **cybercrime-convention art. 40(13)**"), made.text


def test_what_a_saving_clause_does_not_prevent_is_allowed(corpus):
    # "However, this shall not prevent the receiving State Party from disclosing … exculpatory"
    made = lead(
        corpus,
        "uncac art. 46",
        "They sent us information on condition that it stays confidential. Can we still "
        "disclose it in our proceedings, since it is exculpatory to the accused?",
    )
    assert made.text.startswith("Yes, it may: **uncac art. 46(5)**"), made.text


def test_an_offence_deemed_included_is_no_answer_to_a_refusal_on_another_ground(corpus):
    made = lead(
        corpus,
        "untoc art. 16",
        "Can we refuse to extradite a suspect who would face the death penalty?",
    )
    assert not made.text.startswith("No:"), made.text


def test_what_to_do_when_confidentiality_cannot_be_kept_is_the_sentence_that_says_so(corpus):
    # the paragraph's first sentence lets the requesting State ask for confidentiality; its
    # second says what the requested one does when it cannot keep it
    made = lead(
        corpus,
        "untoc art. 18",
        "Our disclosure rules mean we cannot keep a foreign request confidential. What does "
        "UNTOC expect us to do?",
    )
    assert "promptly inform" in made.text, made.text
