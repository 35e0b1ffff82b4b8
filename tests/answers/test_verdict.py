"""A verdict comes from the label and is given only when the quoted words show it and bind (or
free) a State; the rules read the words, they never guess (tests/answers/test_lead.py asks the
same of whole articles)."""

from __future__ import annotations

import pytest

from assistant.answers.passage import Passage
from assistant.answers.question_kind import Kind
from assistant.answers.verdict import (
    SOME_OFFENCES,
    VERDICT,
    Settlement,
    allowed_unless,
    asked_passive,
    binds_a_state,
    forbids_contrary,
    free_of_liability,
    goes_on_regardless,
    not_a_condition,
    only_encourages,
    saved_right,
    sentence_permits,
    spares_named,
    verdict_for,
    verdict_words,
)
from assistant.model.provisions import Obligation


@pytest.mark.parametrize(
    ("kind", "label", "words"),
    [
        (Kind.OBLIGATION, Obligation.MANDATORY, "Yes — mandatory."),
        (Kind.OBLIGATION, Obligation.SHALL_CONSIDER, "Not mandatory:"),
        (Kind.OBLIGATION, Obligation.MAY, "Optional:"),
        (Kind.PERMISSION, Obligation.SHALL_NOT, "No:"),
        (Kind.PERMISSION, Obligation.MAY, "Yes, it may:"),
        # a duty is no answer to "can we …?", and a definition question asks for no verdict
        (Kind.PERMISSION, Obligation.MANDATORY, None),
        (Kind.DEFINITION, Obligation.MANDATORY, None),
        (Kind.OBLIGATION, None, None),
    ],
)
def test_a_label_answers_only_the_kinds_of_question_it_settles(kind, label, words):
    assert verdict_words(kind, label) == words


@pytest.mark.parametrize(
    ("passage", "binds"),
    [
        ("Each State Party shall adopt such measures", True),
        ("Reasons shall be given for any refusal", True),  # a passive duty on a thing
        ("The person transferred shall receive credit for the time served", False),
        ("States Parties may cooperate", False),  # no duty at all
    ],
)
def test_a_duty_binds_a_state_when_its_subject_is_one_or_a_thing(passage, binds):
    assert binds_a_state(passage) is binds


def test_the_sentence_asked_about_may_forbid_what_its_paragraph_requires():
    said = sentence_permits(Obligation.MANDATORY, "States Parties may not refuse a request")
    assert said is Obligation.SHALL_NOT


def test_a_clause_that_shall_not_prevent_a_state_from_acting_permits_it():
    # (invented wording) a saving clause, though it says "shall not"
    passage = "However, this shall not prevent the receiving State Party from disclosing a record"
    assert sentence_permits(Obligation.MANDATORY, passage) is Obligation.MAY


@pytest.mark.parametrize(
    ("question", "passage", "allowed"),
    [
        (
            "Can we agree to apply the Convention instead?",
            "That treaty shall apply unless the Parties agree to apply the Convention",
            True,
        ),
        (  # what the rule itself does is not what its exception allows
            "Can we apply that treaty?",
            "That treaty shall apply unless the Parties agree to apply the Convention",
            False,
        ),
        (  # a state of things lays down no rule to yield
            "Can a State become a Party to the protocol?",
            "A State is not bound by a protocol unless it joins it as a Party",
            False,
        ),
    ],
)
def test_an_unless_clause_allows_what_it_names_of_a_rule(question, passage, allowed):
    assert allowed_unless(question, passage) is allowed


# (invented wording in the treaties' style: a rule, then the State's right it leaves whole)
_SAVES_A_RIGHT = (
    "Requests shall go to the central authorities; this rule is without prejudice to the right "
    "of any Party to require that requests reach it through diplomatic channels"
)


@pytest.mark.parametrize(
    ("question", "saved"),
    [
        ("May we insist that requests come to us through diplomatic channels?", True),
        # the verb of the saved right is not asked, nor are its own words
        ("May we send requests through diplomatic channels?", False),
        ("Can we insist that requests go to the central authorities?", False),
    ],
)
def test_a_saved_right_answers_whether_a_state_may_do_just_that(question, saved):
    assert saved_right(question, _SAVES_A_RIGHT) is saved


# (invented wording in the treaties' style: a duty that the case go on without the complaint)
_GOES_ON = (
    "Each Party shall ensure that an inquiry shall not be dependent upon a complaint by the "
    "injured person, and that it may continue even if the complaint is withdrawn"
)


def test_not_depending_on_a_complaint_forbids_nothing():
    """ "shall not be dependent upon" frees the case from a condition; it is no "No"."""
    assert sentence_permits(Obligation.MANDATORY, _GOES_ON) is not Obligation.SHALL_NOT


@pytest.mark.parametrize(
    ("question", "goes_on"),
    [
        ("The victim withdrew her complaint. Can the inquiry still go ahead?", True),
        ("Can the case continue even though the complaint was withdrawn?", True),
        # what the passage lets go on is not asked about
        ("Can we open an inquiry without any complaint?", False),
    ],
)
def test_what_may_continue_even_if_answers_whether_it_can_still_go_on(question, goes_on):
    assert goes_on_regardless(question, _GOES_ON) is goes_on


# (invented wording in the treaties' style: an offence that imposes no liability on some)
_NO_LIABILITY = (
    "The offence shall not be interpreted as imposing liability on whoever keeps a tool for "
    "the authorised testing of a system"
)


@pytest.mark.parametrize(
    ("question", "free"),
    [
        ("Can an auditor keep such a tool without criminal liability?", True),
        ("May a tester hold the software without being prosecuted?", True),
        ("Is a consultant criminally liable for keeping the tool? Can he avoid liability?", True),
        # asked whether the State may punish: the carve-out's "shall not" answers "No"
        ("Can we prosecute a tester who keeps the tool?", False),
    ],
)
def test_a_clause_imposing_no_liability_lets_one_act_without_it(question, free):
    assert free_of_liability(question, _NO_LIABILITY) is free


@pytest.mark.parametrize(
    ("question", "only"),
    [
        # a duty to encourage others to do a thing does not bind us to do it ourselves
        ("Must our aid projects include child protection?", True),
        ("Must we encourage charities to run child protection projects?", False),
    ],
)
def test_a_duty_to_encourage_others_is_no_duty_to_do_the_thing(question, only):
    passage = "Each Party shall encourage the financing of child protection projects by charities"
    assert only_encourages(question, passage) is only


# (invented wording in the treaties' style)
_NOT_A_CONDITION = "In answering a request, dual criminality shall not be required as a condition"


@pytest.mark.parametrize(
    ("question", "barred"),
    [
        ("Can we refuse the request because dual criminality is lacking?", True),
        # in everyday words (the vocabulary's "dual criminality")
        ("May they decline because the conduct is not a crime there?", True),
        ("Can we refuse the request because it is a political offence?", False),
        ("Is dual criminality required?", False),  # no refusal asked about
    ],
)
def test_what_may_not_be_made_a_condition_is_no_ground_to_refuse(question, barred):
    assert not_a_condition(question, _NOT_A_CONDITION) is barred


_TITLES = {"2": "Illegal access", "3": "Illegal interception", "12": "Aiding or abetting"}


@pytest.mark.parametrize(
    ("text", "question", "spared"),
    [
        # (invented wording) an exception for offences other than those of the articles listed,
        # asked about one of them (named by its title, hyphen or not)
        (
            "may, for offences other than those established in accordance with Articles 2 to "
            "3, refuse",
            "An illegal-access case?",
            True,
        ),
        (
            "may, for offences other than those established in accordance with Articles 2 to "
            "3, refuse",
            "Aiding or abetting a hack?",
            False,
        ),
        # ... other than those the instrument establishes (``offences``)
        (
            "may, for offences other than those established in accordance with this Protocol, "
            "refuse",
            "An illegal interception case?",
            True,
        ),
        ("may refuse", "An illegal access case?", False),
    ],
)
def test_an_exception_for_other_offences_spares_the_offence_the_question_names(
    text, question, spared
):
    assert spares_named(question, text, _TITLES, frozenset({"2", "3"})) is spared


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Can the request be made by phone?", True),  # (an irregular participle)
        ("Could such a request be sent by e-mail?", True),
        ("Can the request be refused?", False),  # not what the passage lets be done
    ],
)
def test_a_question_about_what_may_be_done_meets_the_passage_that_lets_it_be_done(question, asked):
    passage = "In urgent cases requests may be made orally and may be sent by e-mail"
    assert asked_passive(question, passage) is asked


def test_a_condition_between_may_and_its_participle_still_lets_it_be_done() -> None:
    passage = (
        "Illicit consignments whose controlled delivery is agreed to may, with the consent of "
        "the Parties concerned, be intercepted and allowed to continue"
    )
    assert asked_passive("May the consignment be intercepted and sent on?", passage)
    assert not asked_passive("May the consignment be destroyed?", passage)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Must the interception power be available for every offence?", SOME_OFFENCES),
        ("Must interception be possible for all crimes under it?", SOME_OFFENCES),
        (
            "Must a State give its authorities the power to intercept?",
            VERDICT[Obligation.MANDATORY],
        ),
    ],
)
def test_a_duty_for_a_range_of_offences_is_not_one_for_every_offence(question, verdict):
    passage = (
        "Each State Party shall adopt such legislative and other measures as may be necessary, "
        "in relation to a range of serious criminal offences to be determined by domestic law, "
        "to empower its competent authorities to intercept"
    )
    about = {"interception", "power", "offence", "authorit"}
    assert _settled_verdict(Kind.OBLIGATION, Obligation.MANDATORY, passage, about, question) == (
        verdict
    )


def _settled_verdict(
    kind: Kind, label: Obligation, passage: str, about: set[str], question: str
) -> str | None:
    """The verdict on a passage quoted whole, with no rival part."""
    quoted = Passage((passage,))
    settled = Settlement(settled=True, mixed=False)
    return verdict_for(kind, label, about, quoted, passage, settled, question)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Can we refuse the request because our unit is overloaded?", None),
        ("Can we turn the request down for lack of staff?", None),
        ("May we decline it for want of resources?", None),
        ("Can we refuse it because dual criminality is not met?", "Yes, it may:"),
        # a ground the question refers back to is not read here
        ("Our law requires dual criminality. Can we refuse on that basis?", "Yes, it may:"),
    ],
)
def test_leave_to_refuse_on_one_ground_is_no_yes_to_refusing_on_another(question, verdict):
    passage = (
        "A State Party that requires dual criminality may reserve the right to refuse the request "
        "for preservation in cases where it has reasons to believe that the condition of dual "
        "criminality cannot be fulfilled"
    )
    about = {"refus", "request", "dual", "crimin", "preserv"}
    assert _settled_verdict(Kind.PERMISSION, Obligation.MAY, passage, about, question) == verdict


@pytest.mark.parametrize(
    ("question", "forbidden"),
    [
        ("The observer wants to vote on the report. Is she entitled to?", True),
        ("Can an observer speak at the meetings?", False),  # not what it is without
    ],
)
def test_taking_part_without_the_right_to_do_something_forbids_doing_it(question, forbidden):
    passage = (
        "Representatives appointed under paragraphs 1 to 3 above shall participate in meetings "
        "of the Committee of the Parties without the right to vote"
    )
    assert forbids_contrary(question, passage) is forbidden
