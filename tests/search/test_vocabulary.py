"""Everyday words for the treaties' terms of art (assistant/search/vocabulary.toml): each term
is the treaties' own wording, and a question gains it once, after the words that stand for it."""

import pytest

from assistant.search.lexical import TERMS_OF_ART, expand_terms


@pytest.mark.parametrize(
    "entry", [e for e in TERMS_OF_ART if e.source], ids=lambda e: " / ".join(e.term)
)
def test_every_term_is_in_the_words_of_the_provision_it_names(entry, corpus):
    node = corpus.get(entry.source)
    text = " ".join(f"{node.title or ''} {node.text}".split()).lower()
    missing = [phrase for phrase in entry.term if phrase.lower() not in text]
    assert not missing, f"{entry.source} does not say {missing}"


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Does UNCAC protect whistleblowers?", "protection of reporting persons"),
        ("Can police get connection metadata from a telecom operator?", "traffic data"),
        ("Can the police learn who is behind an account?", "subscriber information"),
        ("Is a state-owned company's employee a public official?", "public enterprise"),
        ("A gang pays a witness to lie at trial.", "false testimony"),
        ("Can a State withdraw from the Convention?", "denunciation"),
        ("Are silencers covered?", "diminish the sound"),
        ("Before we turn it down, must we talk to the requesting State?", "consult"),
        ("Can we split the confiscated assets with them?", "sharing"),
        ("May we pass the data on to Europol?", "transfer"),
        ("May we pass the data on to Europol?", "international organization"),
        ("If we turn the extradition request down, must we tell the requesting State?", "refuse"),
        ("If we turn the extradition request down, must we tell the requesting State?", "inform"),
        ("Must a Party help another Party collect traffic data?", "mutual assistance"),
        ("Must the requested Party handle our request faster?", "expedited"),
        ("When must a request for stored data be answered on a fast track?", "expedited"),
        ("The data could easily be deleted.", "loss or modification"),
        ("Can laundering be limited to cases with a cross-border element?", "transnational nature"),
        ("Can we charge the migrants themselves?", "prosecution"),
        ("Can we lend a prisoner to another State to testify there?", "may be transferred"),
        ("Must we hear them before we lift the freeze?", "lifting any provisional measure"),
        ("Must officials declare their assets?", "declarations to appropriate authorities"),
        ("Our police want to arrest him on a neighbour's territory.", "territory of another State"),
        ("May we arrest him on a neighbouring country's territory?", "territory of another State"),
        ("Can we take our reservation back later?", "withdraw that reservation"),
        ("Must we help convicts get back into normal life?", "reintegration into society"),
        ("Are kickbacks to a buyer at a private company a crime?", "private sector entity"),
        ("He hid the cash for the official.", "concealment"),
        ("When does the EU stop being a party?", "regional economic integration organization"),
        ("Must they tell us whether the passport is genuine?", "legitimacy and validity"),
        ("Can they refuse because the conduct is not a crime under their law?", "dual criminality"),
        ("Once he is here, can we charge him over an older fraud?", "prior to"),
        ("Can the victim be sent home despite the Refugee Convention?", "non-refoulement"),
        ("Can migrants be treated more harshly because they were smuggled?", "not discriminatory"),
        ("Could a State invoke it to shut down protest groups online?", "peaceful assembly"),
        ("Can we exempt self-laundering?", "persons who committed the predicate offence"),
        ("Is double criminality needed for extradition?", "punishable under the domestic law"),
        ("He abused a child abroad, where the act is not a crime.", "criminalised at the place"),
        ("Must the offence cause a loss to the public purse?", "damage or harm to state property"),
        ("The ringleader gives orders from abroad.", "Organizing or directing other persons"),
        ("Must we negotiate new extradition treaties?", "multilateral agreements or arrangements"),
        ("Can we confiscate other assets up to the same amount?", "the value of which corresponds"),
        ("Our code has one fixed fine for every offence.", "gravity of that offence"),
        ("Can private security boats board the vessel?", "clearly marked and identifiable"),
        ("The suspicion behind the boarding proved unfounded.", "compensated for any loss"),
        ("Can we decline to confiscate an account holding a trivial sum?", "de minimis value"),
        ("Two Parties disagree about how to read the Convention.", "dispute between Parties"),
        ("They want register entries that anyone here can consult.", "general public"),
        ("Must the operator keep that secret?", "keep confidential"),
        ("Must requests to take down the images be complied with?", "render inaccessible"),
        ("Which subjects does the article on police cooperation list?", "law enforcement"),
        ("Our aid agency funds projects abroad.", "assistance programmes for development"),
        ("He wants to serve his term in his home country.", "persons sentenced to imprisonment"),
        ("Two 15-year-olds are in a consensual relationship.", "between minors"),
        ("Must we keep track of how our policies work?", "monitoring its policies"),
        ("Which body oversees how States apply the treaty?", "implementation of this Convention"),
        ("Who checks whether countries are applying it?", "implementation of this Convention"),
        ("Can threatened witnesses be resettled abroad?", "relocation"),
        ("Must we speed extradition up?", "expedited"),
        ("He captured signals leaking from the cables.", "electromagnetic emissions"),
        ("Can the order be enforced against an innocent buyer?", "bona fide third parties"),
        ("May we decline on grounds of national security?", "ordre public"),
        ("What must children learn at school about abuse?", "primary and secondary education"),
        ("Child abuse cases wait two years for trial.", "without any unjustified delay"),
        ("A DDoS attack knocked the website offline.", "serious hindering"),
        ("Can possessing hacking tools be left out by reservation?", "misuse of devices"),
        ("A 16-year-old was recruited without any force.", "does not involve any of the means"),
        ("With whom do we lodge our instrument of ratification?", "deposited"),
        ("Must we lighten the evidence we ask for before extradition?", "simplify evidentiary"),
        ("Must we pay money to UNODC for its projects?", "voluntary contributions"),
        ("Can they insist that we start extradition proceedings?", "require"),
        ("Can they insist that we start extradition proceedings?", "initiate"),
        (
            "Can we use the evidence they sent in an unrelated fraud case?",
            "other than those stated in the request",
        ),
        (
            "The extradition request aims to punish him for belonging to a minority.",
            "ethnic origin or political opinions",
        ),
        (
            "Must we criminalise renting out servers for an attack?",
            "establish as criminal offences",
        ),
        (
            "Must convicted abusers have access to a sex offender treatment programme?",
            "intervention programmes or measures",
        ),
        (
            "Do the Convention's articles apply to the Protocol with the necessary changes?",
            "mutatis mutandis",
        ),
        (
            "May our police run a joint investigation with theirs without any agreement?",
            "in the absence of such agreements or arrangements",
        ),
        ("Must we move officials to other posts every few years?", "rotation"),
        (
            "We extradite without any treaty: which offences count?",
            "not make extradition conditional on the existence of a treaty",
        ),
        (
            "Which safeguards apply to staff in high-risk posts?",
            "especially vulnerable to corruption",
        ),
        ("Can we refuse extradition because it is a tax offence?", "fiscal matters"),
        (
            "Whose rules govern how we carry out the request for a witness hearing?",
            "executed in accordance with the domestic law of the requested",
        ),
        ("Whose rules decide how we handle the request to confiscate?", "its procedural rules"),
        ("Do the parent Convention's rules carry over to the protocol?", "mutatis mutandis"),
        ("Which body supports the Parties when they meet?", "secretariat"),
        ("Who set up the Conference of the Parties?", "hereby established"),
        (
            "The case is against a company. Must we still assist?",
            "offences for which a legal person may be held liable",
        ),
        (
            "The amendment was adopted. Does it bind us straight away?",
            "subject to ratification, acceptance or approval",
        ),
        ("Does it replace the aid we already promised?", "existing foreign assistance commitments"),
        (
            "Can those powers be used against the racism protocol's offences?",
            "extend the scope of application of the measures",
        ),
        (
            "Do the Budapest Convention's general conditions and safeguards apply to the order?",
            "subject to Articles 14 and 15",
        ),
        ("Who provides the support staff for the meetings?", "secretariat"),
        (
            "Does an offence under the protocol count as a Convention offence?",
            "regarded as offences established in accordance with the Convention",
        ),
        (
            "We have no MLA treaty with them. Which paragraphs govern the request?",
            "not bound by a treaty of mutual legal assistance",
        ),
        (
            "Where no mutual legal assistance treaty applies, which rules apply?",
            "not bound by a treaty of mutual legal assistance",
        ),
        (
            "We already have a bilateral MLA treaty with Brazil. Whose rules apply?",
            "bound by such a treaty",
        ),
        (
            "Can we, by reservation, limit real-time collection to a list of offences we name?",
            "only to offences or categories of offences specified in the reservation",
        ),
        (
            "Our law allows it only for grave offences. Can we keep that limit by a reservation?",
            "only to offences or categories of offences specified in the reservation",
        ),
        (
            "Which body is meant to check, at regular intervals, how the States are applying it?",
            "implementation of this Convention",
        ),
        ("Which body checks at regular intervals how States apply it?", "periodically"),
        (
            "Must we make our passports hard to forge or tamper with?",
            "cannot readily be falsified or unlawfully altered",
        ),
        (
            "Do two EU member States work under the Convention or under EU law between them?",
            "in their mutual relations",
        ),
        (
            "We have no treaty with them. Must we negotiate one?",
            "multilateral agreements or arrangements",
        ),
        ("In what form must our request be sent?", "in writing"),
        ("Must we explain to them why we refuse?", "reasons"),
        ("We put their request on hold. Must we tell them why?", "reasons"),
        ("Must they explain why they are postponing it?", "reasons"),
        ("So the conduct may not be a crime here. Can we refuse?", "dual criminality"),
        ("Can any single Party table an amendment?", "propose"),
        ("Could we put forward changes to the text?", "propose"),
        ("How long after the Convention took effect could we act?", "entry into force"),
        ("How long after we ratify does it take effect for us?", "entry into force"),
        ("Must we hand our prosecution over to the other State?", "transferring to one another"),
        ("Can we move the case to another State Party?", "transferring to one another"),
    ],
)
def test_everyday_words_bring_the_treaty_term(question, term):
    expanded = expand_terms(question)
    assert expanded.startswith(question.split()[0]) and term in expanded
    assert expanded.count(term) == 1


def test_a_question_in_the_treaties_own_terms_is_left_as_it_is():
    question = "How long is the statute of limitations under UNCAC?"
    assert expand_terms(question) == question


def test_words_that_count_only_near_their_subject_are_left_alone_elsewhere():
    # "leave" stands for denunciation only when an instrument is spoken of
    assert "denunciation" not in expand_terms("Can a witness leave the country?")
    assert "denunciation" in expand_terms("Can a State leave the Protocol?")
    assert "denunciation" not in expand_terms(
        "What conditions leave children exposed, per the Protocol?"
    )
    # a denunciation "takes effect" too: only ratifying or joining makes it entry into force
    assert "entry into force" not in expand_terms("When does our withdrawal take effect?")
    # handing a person over is extradition, not a transfer of proceedings
    assert "transferring" not in expand_terms("Can we hand the suspect over to France?")
    # "resettle" is a witness's relocation, not a refugee's
    assert "relocation" not in expand_terms("Must we resettle refugees?")
    # a "high-risk" country or transaction is no post vulnerable to corruption
    assert "vulnerable" not in expand_terms("Must banks scrutinise high-risk transactions?")
    # "joint" is not "join": a joint investigation team is no participation in a group
    assert "participation" not in expand_terms("Can we set up a joint team against a cartel?")
    # "lie" is false testimony only where a witness or a trial is
    assert "false testimony" not in expand_terms("Where does the burden of proof lie?")
    # "EU" is the regional organisation as a party, and only in capitals ("a eu lieu")
    assert "regional economic" not in expand_terms("L'infraction a eu lieu avant la signature.")
    assert "regional economic" not in expand_terms("Does EU data protection law apply here?")
    # the Lanzarote Convention's words for grooming, only where it is asked about
    assert "adult to meet" in expand_terms("Does the Lanzarote Convention ban grooming?")
    assert "adult to meet" not in expand_terms("Does the Hanoi Convention ban grooming?")
    # what safeguards are is asked of art. 15 itself, and of the Budapest Convention only
    assert "Articles 14 and 15" not in expand_terms("What kind of safeguards must surround it?")
    assert "Articles 14 and 15" not in expand_terms("Do the general safeguards apply in Hanoi?")
    # the Convention's powers reach the xenophobia protocol's offences only where it is asked of
    assert "extend the scope" not in expand_terms("Can these powers be used for fraud?")
    # binding at once is a question of ratifying only where an amendment is spoken of
    assert "subject to ratification" not in expand_terms("Does the order bind them at once?")
    # how a protocol relates to its Convention, only where a protocol is spoken of
    assert "mutatis mutandis" not in expand_terms("Do these rules carry over to civil cases?")
    # whose rules govern the execution of a request, not the grounds to refuse extradition
    assert "executed in accordance" not in expand_terms(
        "Whose rules decide the minimum sentence and the grounds for refusing extradition?"
    )
    # acting in one's own territory is no act on another State's
    assert "territory of another State" not in expand_terms(
        "Can we try in our own territory an offence committed abroad?"
    )


def test_what_a_question_rules_out_is_not_searched_for():
    question = "Can the Convention serve a drug case that has nothing to do with hacking?"
    assert expand_terms(question) == question
    assert "illegal access" in expand_terms("Is hacking a crime everywhere?")
