"""The kind of a question is read from its wording: what it asks decides what the lead says."""

from __future__ import annotations

import pytest

from assistant.answers.question_kind import Kind, asks_to_compare, question_kind
from assistant.model.citations import find_instruments


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many States have ratified UNCAC?", Kind.STATUS),
        ("Is the Hanoi Convention in force?", Kind.STATUS),
        ("Which countries have signed the Budapest Convention?", Kind.STATUS),
        (  # a status supposed, not asked
            "If the EU is a party to the Protocol and its members leave, until when does it "
            "remain a party?",
            Kind.FIGURE,
        ),
        (  # a ratification in a clause of time, not asked about
            "Can the EU lodge its instrument before any member State has ratified?",
            Kind.PERMISSION,
        ),
        (  # ... or in a clause of "while"
            "May the organisation sign while none of its members has signed it yet?",
            Kind.PERMISSION,
        ),
        ("Is France a party to UNTOC?", Kind.STATUS),
        # a relative clause says who is asked about, not that ratification is asked
        (
            "Is a country that has ratified UNCAC obliged to make party funding transparent?",
            Kind.OBLIGATION,
        ),
        ("How many ratifications does UNTOC need to enter into force?", Kind.FIGURE),
        # a figure in a clause of what is asked is no figure question
        ("Must victim support take into account how old they are?", Kind.OBLIGATION),
        # nor does a condition ("need to have signed … before")
        (
            "How many of its member States need to have signed UNTOC before a regional "
            "economic integration organisation may sign it?",
            Kind.FIGURE,
        ),
        # "critical infrastructure" is no critic, "let them" asks for a permission
        (
            "Can we provide for heavier sentences when a cyberattack hits critical "
            "infrastructure, in line with the Hanoi Convention?",
            Kind.PERMISSION,
        ),
        ("Does the Palermo Convention let our police make arrests abroad?", Kind.PERMISSION),
        # "does it override …?" asks whether the instrument may be set over it
        ("Does UNCAC override our own rules on defences?", Kind.PERMISSION),
        # French and Spanish duties: "doivent-ils", "¿Obliga …?", "deben"
        ("Les États doivent-ils incriminer l'accès illégal ?", Kind.OBLIGATION),
        ("¿Obliga la Convención de Budapest a tipificar el acceso ilícito?", Kind.OBLIGATION),
        ("¿Deben los Estados tipificar el soborno en el sector privado?", Kind.OBLIGATION),
        ("Quelles mesures un État doit-il prendre contre le blanchiment ?", Kind.GENERAL),
        (  # what the situation sets out, then asked whether it may be done
            "Our ministry wants every request sent through the embassy. Is that allowed under "
            "UNCAC?",
            Kind.PERMISSION,
        ),
        (  # "can both …": whether the two may do it together
            "In a vote on an amendment, can both the EU and its member States cast votes?",
            Kind.PERMISSION,
        ),
        ("How long can a preservation order last under the Cybercrime Convention?", Kind.FIGURE),
        ("Within what period must a State reply to a preservation request?", Kind.FIGURE),
        ("Is there a time limit for preserving data under the Hanoi Convention?", Kind.FIGURE),
        ("Does UNCAC give us the right to search their offices there?", Kind.PERMISSION),
        ("Does the Convention entitle a State to act on another's territory?", Kind.PERMISSION),
        ("Are we bound under Budapest to assist?", Kind.OBLIGATION),
        # bound by a treaty *to do* something is a duty; bound by it, or by an amendment, not
        ("Is that country bound by UNCAC to hand over the records?", Kind.OBLIGATION),
        ("Is Kenya bound by the trafficking protocol to shelter victims?", Kind.OBLIGATION),
        ("Is Kenya bound by the trafficking protocol?", Kind.STATUS),
        (
            "Which States are bound by an amendment to UNTOC once it enters into force?",
            Kind.GENERAL,
        ),
        ("Which States are bound by the Hanoi Convention?", Kind.STATUS),
        ("Is there any maximum period for a preservation order?", Kind.FIGURE),
        ("Does the Convention set a deadline for answering a request?", Kind.FIGURE),
        ("Until what date can States sign the Hanoi Convention?", Kind.FIGURE),
        ("What is the cut-off date for antique firearms?", Kind.FIGURE),
        (
            "Can a State refuse mutual legal assistance on the ground of bank secrecy?",
            Kind.PERMISSION,
        ),
        (
            "May a requested State turn down a request because it involves fiscal matters?",
            Kind.PERMISSION,
        ),
        ("Must States criminalise bribery in the private sector under UNCAC?", Kind.OBLIGATION),
        ("Does UNCAC require States to set up a financial intelligence unit?", Kind.OBLIGATION),
        ("Is illicit enrichment mandatory under UNCAC?", Kind.OBLIGATION),
        # the question asks first about an obligation, then about an alternative
        (
            "Does UNTOC require criminalising participation, or can States rely on conspiracy?",
            Kind.OBLIGATION,
        ),
        # "does it protect / criminalise …?" asks whether States must
        ("Does UNCAC protect whistleblowers?", Kind.OBLIGATION),
        ("Does the Hanoi Convention criminalise grooming?", Kind.OBLIGATION),
        # what a request must hold, or a transfer must meet: no yes or no answers it
        (
            "What details must a preservation request under the Hanoi Convention include?",
            Kind.CONTENTS,
        ),
        ("What information does an MLA request under UNCAC have to contain?", Kind.CONTENTS),
        ("Under UNTOC, what conditions have to be met before we transfer him?", Kind.CONTENTS),
        ("In what form must a UNTOC mutual legal assistance request be sent?", Kind.CONTENTS),
        ("Under the Hanoi Convention, what does a freezing request need to show?", Kind.CONTENTS),
        ("For a UNTOC confiscation request, what must we put in about the flat?", Kind.CONTENTS),
        # ... but the measures to put in place are a duty's
        ("What measures must we put in place under UNCAC art. 9?", Kind.OBLIGATION),
        # ... but "what must a State do" asks for its duty, and a yes-or-no question asked
        # first is answered first
        ("What must be subject to confiscation under the 1988 Convention?", Kind.OBLIGATION),
        ("Does UNCAC require an MLA request, and what must it contain?", Kind.OBLIGATION),
        # French and Spanish: may a State …, what is …; what or which asks what they provide
        ("Un État peut-il refuser l'entraide judiciaire ?", Kind.PERMISSION),
        ("¿Puede un Estado denegar la asistencia judicial recíproca?", Kind.PERMISSION),
        ("Comment la CNUCC définit-elle un agent public ?", Kind.DEFINITION),
        ("¿Qué es un funcionario público según la CNUCC?", Kind.DEFINITION),
        ("Quelles mesures un État peut-il prendre contre la corruption ?", Kind.GENERAL),
        ("Does UNTOC apply to terrorism?", Kind.GENERAL),
        ("When did China ratify the Convention against Corruption?", Kind.STATUS),
        ("What is a public official under UNCAC?", Kind.DEFINITION),
        ("Who is a victim under the Lanzarote Convention?", Kind.DEFINITION),
        ("Who is the depositary of UNCAC?", Kind.WHO),
        ("Does the UN cybercrime convention define cybercrime?", Kind.DEFINITION),
        ("Which body reviews the implementation of UNCAC?", Kind.WHO),
        ("How can a State request the expedited preservation of data?", Kind.PROCEDURE),
        ("What does McAdam say about scam compounds?", Kind.COMMENTARY),
        ("What does UNCAC say about public procurement?", Kind.GENERAL),
        # a question about every State's duty is no question about who is a party
        (
            "Is every State Party to the UN Convention against Cybercrime required to "
            "designate a contact point?",
            Kind.OBLIGATION,
        ),
        (
            "Should States provide shelter to victims under the Trafficking Protocol?",
            Kind.OBLIGATION,
        ),
        ("Does UNCAC expect public officials to declare their assets?", Kind.OBLIGATION),
        ("Can we pass personal data on to a third country?", Kind.PERMISSION),
        ("Can our offence be limited to cases of intent to harm?", Kind.PERMISSION),
        ("Can he be arrested there for what he did before he left?", Kind.PERMISSION),
        # "defined terms" in a question about a duty; "how is X defined" asks the definition
        (
            "Must our statute reproduce the Convention's defined terms word for word?",
            Kind.OBLIGATION,
        ),
        ("How is a public official defined in UNCAC?", Kind.DEFINITION),
        # definitions that a duty serves are not what is asked
        (
            "Are States obliged to share crime statistics so that common definitions can "
            "be developed?",
            Kind.OBLIGATION,
        ),
        # "when" as a conjunction is no question about time
        (
            "When we transpose UNTOC, do we have to require a transnational element?",
            Kind.OBLIGATION,
        ),
        # "when does it count as …" asks a condition, not a time
        (
            "When does a transfer of guns across a border count as 'illicit trafficking'?",
            Kind.DEFINITION,
        ),
        # the situation is set out first; the sentence that asks says what is asked
        (
            "Our draft law goes further than UNTOC requires. Can a State Party adopt tougher "
            "measures than the Convention provides?",
            Kind.PERMISSION,
        ),
        # a signature required before another may sign is a condition, not a status
        (
            "How many of its member States must already have signed before the organization "
            "may sign?",
            Kind.FIGURE,
        ),
        # what a duty owes may be to let or allow something: still a duty
        ("Does UNCAC oblige us to let our police freeze the assets?", Kind.OBLIGATION),
        ("Does UNTOC require States to allow video-link testimony?", Kind.OBLIGATION),
        ("Does UNCAC let us refuse the request?", Kind.PERMISSION),
        # a permission asked in the passive, after the situation; a "which" question asks a list
        ("In a drug case, can bank records be withheld because of bank secrecy?", Kind.PERMISSION),
        ("Under UNTOC, can extradition be refused for political reasons?", Kind.PERMISSION),
        ("Under UNCAC, which assets can be confiscated?", Kind.GENERAL),
        ("Is assistance owed when only a company is prosecuted?", Kind.OBLIGATION),
        ("Is that guideline binding on us?", Kind.OBLIGATION),
        ("Which maximum penalty applies to the offence?", Kind.FIGURE),
        ("What majority does the Board need for that decision?", Kind.FIGURE),
        # a share of the Parties is a figure, whatever they "must" do to reach it
        ("What proportion of the Parties must ask for an extra meeting?", Kind.FIGURE),
        # a sentence that asks nothing of its own kind leaves the whole question to decide
        ("Evidence must be shared quickly. What about art. 18?", Kind.OBLIGATION),
        # French and Spanish figures and status facts
        ("Combien de jours dure la conservation des données ?", Kind.FIGURE),
        ("¿En qué plazo debe responder el Estado requerido?", Kind.FIGURE),
        (
            "¿Cuándo entra en vigor la Convención para un Estado que la ratifica después?",
            Kind.FIGURE,
        ),
        ("Combien d'États ont ratifié la CNUCC ?", Kind.STATUS),
        ("¿Está en vigor el Convenio de Hanói?", Kind.STATUS),
        ("La Convention est-elle entrée en vigueur ?", Kind.STATUS),
        # ... but a State that has ratified is a condition, not a status
        ("Un État qui a ratifié la CNUCC doit-il extrader ses nationaux ?", Kind.OBLIGATION),
    ],
)
def test_a_question_is_read_as_the_kind_it_asks(question, kind):
    assert question_kind(question) is kind


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        ("Compare confiscation under the 1988 Convention and UNTOC.", True),
        ("Are the witness protection duties in UNTOC and UNCAC alike?", True),
        ("What does liability of legal persons look like in UNCAC and in UNTOC?", True),
        # one question about how two instruments relate
        ("Can a State join the Firearms Protocol without being party to UNTOC?", False),
        ("Must a Party to the Additional Protocol ratify the Budapest Convention first?", False),
        ("Must each State Party to the Firearms Protocol also be a party to UNTOC?", False),
        # one instrument's name holds another's
        ("What does the Palermo trafficking protocol say about victims' consent?", False),
        # "between which States" asks whom, not what differs
        ("Between which States does the xenophobia Protocol add to the Budapest one?", False),
        ("What is the difference between UNTOC and UNCAC on witness protection?", True),
    ],
)
def test_a_question_naming_instruments_compares_them_only_when_it_asks_to(
    manifest, question, compares
):
    names = [(m.start, m.end) for m in find_instruments(question, manifest)]
    assert asks_to_compare(question, names) is compares
