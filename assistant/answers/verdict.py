"""Whether the words a lead quotes settle the question: the verdict ("Yes — mandatory.",
"Not mandatory:", "Yes, it may:", "No:") that a provision's obligation label gives to a
question of its kind, given only when the quoted words show it and bind (or free) a State.

A wrong "yes" is worse than none: every rule here can only withhold a verdict or turn it into
what the quoted words say (a prohibition's "unless" clause, a saving clause, a duty to treat
alike); none guesses one. The lead (lead.py) chooses the part and the words; this reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.answers.passage import RELATIVE, Listing, Passage, own_modal
from assistant.answers.question_kind import Kind
from assistant.answers.terms import Terms, roots
from assistant.model.provisions import CONSIDERED_INSTRUMENT, Obligation
from assistant.search.lexical import expand_terms

# A reservation leaves out of a duty only what it names ("… paragraph 1.a to the production
# and possession of … images of a non-existent child"): whether the duty holds for the
# conduct asked about is not "optional" by it
RESERVES_OUT = re.compile(r"\breserve\s+the\s+right\s+not\s+to\b", re.I)
# A duty to act whatever the circumstance the question asks about does not answer "must it
# be required?" with yes.
_EXEMPTS = re.compile(r"\b(?:independently|irrespective|regardless)\s+of\b", re.I)
# A "may" of the sentence's own subject: not the boilerplate of a duty ("such measures as may
# be necessary") nor another's ("obstacles that may arise", "the original transferring State
# Party, which may require …").
_OWN_MAY = r"(?<!as )(?<!that )(?<!which )(?<!who )\bmay\b"
_RELEASED = r"\bnot\s+be\s+(?:required|obliged|bound)\s+to\b"  # "shall not be required to …"
# "Nothing in this paragraph shall prevent the requesting State Party from disclosing …": a
# saving clause permits what the rule before it would forbid
RELEASES = re.compile(_RELEASED, re.I)
_SAVES = (
    r"(?:\bNothing\s+in\s+this\s+(?:paragraph|article|Protocol|Convention)\s+shall"
    # "However, this shall not prevent the receiving State Party from disclosing …"
    r"|\bthis\s+shall\s+not)\s+(?:prevent|preclude)\s+(?:the\s+|a\s+)?"
    r"(?:requesting\s+|requested\s+|receiving\s+)?State\s+Party\b"
)
SAVING = re.compile(_SAVES, re.I)
RULE_OR_SAVING = re.compile(r"\b(?:shall|may|must)\s+not\b|" + _SAVES, re.I)
PERMITS = re.compile(
    _OWN_MAY
    + r"(?!\s+not\b)(?!\s+be\s+necessary)|\bis\s+free\s+to\b|\bentitled\s+to\b|"
    + _RELEASED
    + "|"
    + _SAVES,
    re.I,
)
# "turn the assistance request down" (a question's words; the texts say refuse or decline)
REFUSE = re.compile(
    r"\b(?:refus|declin|deny|denial|reject|deneg|rechaz)\w*"  # refuser, denegar, rechazar
    r"|\bturn(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,4}?down\b",
    re.I,
)
VERDICT = {  # obligation questions: what the label answers
    Obligation.MANDATORY: "Yes — mandatory.",
    Obligation.SHALL_CONSIDER: "Not mandatory:",
    Obligation.SHALL_ENDEAVOUR: "Not mandatory: an obligation to endeavour.",
    Obligation.MAY: "Optional:",
}
# "can / may a State …": what the label answers. A duty ("shall") is not read as a yes: the
# duty quoted is often a neighbour of the act asked about (eval/dev.yaml, tests/qa/golden.yaml).
PERMITTED = {Obligation.SHALL_NOT: "No:", Obligation.MAY: "Yes, it may:"}
NOT_MANDATORY = "Not mandatory:"  # parts that fit alike ask to consider or allow it
CARVED_OUT = "Not mandatory: the duty leaves it out."  # "… not intended to govern …"
# "Must the power be available for every offence?" — "in relation to a range of serious
# criminal offences to be determined by domestic law": the duty holds, but not for every one
SOME_OFFENCES = "Not for every offence:"
LIMITS_OFFENCES = re.compile(r"\ba\s+range\s+of\s+(?:serious\s+)?(?:criminal\s+)?offences\b", re.I)
ASKS_EVERY_OFFENCE = re.compile(
    r"\b(?:every|all|any|each)\s+(?:[\w-]+\s+){0,2}?(?:offen[cs]es?|crimes?)\b", re.I
)


@dataclass
class Settlement:
    settled: bool  # no earlier part that answers otherwise fits about as well
    mixed: bool  # parts that fit about as well answer alike in different words


def verdict_words(kind: Kind, label: Obligation | None) -> str | None:
    """What a label answers to a question of ``kind``, if it settles it."""
    table = VERDICT if kind is Kind.OBLIGATION else PERMITTED if kind is Kind.PERMISSION else {}
    return table.get(label) if label else None


SAYS = {  # the words a quoted passage must show for its label's verdict to be given
    Obligation.MANDATORY: re.compile(r"\b(?:shall|must|undertakes?|agrees?)\b", re.I),
    Obligation.SHALL_CONSIDER: re.compile(r"\bconsider", re.I),
    Obligation.SHALL_ENDEAVOUR: re.compile(r"\b(?:endeavour|seek|strive|efforts?)\b", re.I),
    Obligation.MAY: re.compile(
        _OWN_MAY
        # "States Parties are called upon to use as a guideline …": exhorted, not bound
        + r"|\b(?:encouraged|should|entitled|free|could\s+include|called\s+upon)\b|"
        + _RELEASED
        + "|"
        + _SAVES,
        re.I,
    ),
    # "shall not decline", "may not refuse"; "shall not be required to" releases, it permits
    Obligation.SHALL_NOT: re.compile(
        r"\b(?:shall|may|must)\s+not\b(?!\s+be\s+(?:required|obliged|bound)\b)"
        r"(?!\s+(?:prevent|preclude)\b)"  # ("this shall not prevent …" saves, see _SAVES)
        # ("shall not be dependent upon the report" frees the case from a condition)
        r"(?!\s+be\s+(?:dependent|conditional|contingent|conditioned)\b)|\bnot\s+be\s+refused"
        # "Nothing in this Convention entitles a State Party to undertake in the territory …"
        r"|\bnothing\s+in\s+this\s+(?:Convention|Protocol)\s+(?:shall\s+)?entitles?\b",
        re.I,
    ),
}
_REGARDS_AS = f"(?!{CONSIDERED_INSTRUMENT})"  # "shall consider this Convention the … basis"
# Weaker than a duty: "shall (, as appropriate,) consider", "endeavour", a "may" of its own;
# not another's verbs ("be considered … as if they were authentic", "when considering").
_WEAKER = re.compile(
    r"\bshall\b(?:(?!\bto\s+consider)[^.;]){0,40}?\bconsider(?!ed\b|ing\b|ation\b)"
    + _REGARDS_AS
    + r"|\bendeavour|"
    + _OWN_MAY
    + r"|\bencouraged\b|\bshould\b|\bcalled\s+upon\b",
    re.I,
)


# "Yes, it may" answers for a State: the words quoted say that a State, a Party or its
# authorities may do it ("each State Party may, in accordance with its domestic law, …").
_A_STATE = r"\b(?:States?|Part(?:y|ies)|authorit(?:y|ies)|courts?|it|they)\b"
_STATE_MAY = re.compile(
    _A_STATE + r"[\s,]+"
    # (not "the requested Party shall … consider whether the request may be granted")
    r"(?:(?!which\b|that\b|who\b|whether\b)[\w-]+[\s,]+){0,8}?(?:also\s+)?may\b(?!\s+not\b)"
    # "Assistance may be refused", "Disclosure … may only be withheld if"
    r"|\bmay\s+(?:also\s+|only\s+)?be\s+(?:refused|declined|denied|postponed|withheld)\b"
    r"|"
    + _A_STATE
    + r"\s+shall\s+"
    + _RELEASED  # "States Parties shall not be required to"
    # "If two or more States Parties have already concluded an agreement …, they shall also
    # be entitled to apply that agreement"
    + "|"
    + _A_STATE
    + r"\s+shall\s+(?:also\s+)?be\s+entitled\s+to\b"
    + "|"
    + _SAVES,
    re.I,
)


# "A State Party that has reasonable grounds to suspect … may board", "Any Party that supplies
# … may require": the sentence's subject is a State, whatever its relative clause says.
_STATE_SUBJECT = re.compile(
    r"^(?:[^,]{0,80},\s+)?(?:an?|any|each|every|the)\s+(?:requested\s+|requesting\s+)?"
    r"(?:State\s+Party|States\s+Parties|Party|Parties|State)\b(?P<rest>.*)",
    re.I | re.S,
)
_MAY_ACT = re.compile(r"\bmay[\s,]+(?!not\b|be\b)\w+", re.I)


def _sentence_of(passage: Passage, own: str) -> str:
    """The sentence of ``own`` that the passage's first piece is from, up to its end."""
    at = own.find(passage.pieces[0])
    if at < 0:
        return passage.text
    end = at + len(passage.pieces[0])
    start = max(own.rfind(". ", 0, at), own.rfind("; ", 0, at))
    return own[start + 2 if start >= 0 else 0 : end]


# "Knowledge, intent or purpose … may be inferred from …": a thing that may be done to, by
# whoever applies the law (not a person: "A person … may be transferred")
_INSTRUMENT_SUBJECT = re.compile(r"(?:this|the|such)\s+(?:Convention|Protocol|treaty)\b", re.I)
_THING_MAY = re.compile(r"^(?P<subject>[^.;:]{3,120}?)\s+may\s+(?:also\s+)?be\s+\w+(?:ed|en)\b")


# "The measures envisaged in paragraph 1 … may include, inter alia, …": what a State may do
_MEASURES_MAY = re.compile(r"^(?:The|Such)\s+measures\b[^.;:]{0,80}?\bmay\s+include\b", re.I)


def _state_may(passage: Passage, own: str) -> bool:
    """Whether the words quoted say a State may do it: a State's "may" in the quote, or in
    the sentence it is from when that sentence's subject is a State ("Notwithstanding
    paragraph 2, a Party may reserve …", quoted from "may reserve"), or a thing may be done
    ("Knowledge … may be inferred")."""
    if _STATE_MAY.search(passage.text) or _MEASURES_MAY.match(passage.text):
        return True
    thing = _THING_MAY.match(passage.text)
    if thing and not _WHO.search(thing["subject"]) and not passage.cut_start:
        # "This Convention may be supplemented by one or more protocols" permits no one
        return not _INSTRUMENT_SUBJECT.match(thing["subject"])
    subject = _STATE_SUBJECT.match(_sentence_of(passage, own))
    # "Each Party shall ensure … that persons to whom programmes … have been proposed may refuse
    # them": the State is bound to ensure another's leave, it is given none
    return subject is not None and bool(_MAY_ACT.search(_ENSURED.sub("", subject["rest"])))


# "Yes — mandatory" answers for a State too: the words before the quoted duty's "shall" name
# a State, a Party or its authorities, or nothing ("Shall take such measures", after "Each
# Party:"); "The person transferred shall receive credit …" binds no State to act.
_DUTY = re.compile(r"\b(?:shall|must|undertakes?|agrees?)\b(?!\s+not\b)", re.I)
_BOUND = re.compile(_A_STATE + r"|\beach\b|\bmeasures\b", re.I)  # "The measures adopted shall"


# "Reasons shall be given for any refusal", "Requests shall be made in writing": a passive duty
# on a thing (not a person: "The person transferred shall be …") binds whoever acts on it
_PASSIVE = re.compile(
    r"^\s*(?:shall|must)\s+(?:also\s+)?be\s+(?:\w+(?:ed|en|wn|ne|de|t)|liable|subject)\b", re.I
)
# ... and what a person "shall be guaranteed" (fair treatment) a State is bound to guarantee
_GUARANTEED = re.compile(r"^\s*shall\s+be\s+(?:guaranteed|afforded|accorded)\b", re.I)
_PERSON = re.compile(
    r"\b(?:person|victim|witness|offender|child|migrant|official|individual)s?\b", re.I
)
# ... and who else "may be admitted" is said of (not a thing done by whoever applies the law)
_WHO = re.compile(
    _PERSON.pattern
    + r"|\b(?:representatives?|organi[sz]ations?|observers?|members?|bod(?:y|ies))\b",
    re.I,
)


def binds_a_state(passage: str) -> bool:
    duty = _DUTY.search(passage)
    if duty is None:
        return False
    subject = passage[: duty.start()]
    # "When the age of the victim is uncertain …, the measures … shall be applied": the
    # subject is what follows the opening clause
    if _PASSIVE.match(passage[duty.start() :]) and not _PERSON.search(subject.split(",")[-1]):
        return True
    if _GUARANTEED.match(passage[duty.start() :]):
        return True
    return not subject.strip() or bool(_BOUND.search(subject))


# "… shall consult … to consider whether assistance may be granted": what a "whether" clause
# says is what is weighed, not how the State is bound
_WHETHER = re.compile(r"\bwhether\b[^.;]*", re.I)
# "… shall take the necessary measures to ensure that … interviews … may be videotaped": what
# is to be ensured is a possibility; the State's duty is to ensure it
_ENSURED = re.compile(r"\b(?:ensure|provide)(?:\s*,[^,.;]{0,80},)?\s+that\b[^.;]*", re.I)


def supported(label: Obligation, passage: str) -> bool:
    """Whether the quoted words show what the label says (a "mandatory" node whose quoted
    clause says "shall consider" gets no verdict)."""
    weighed = RELATIVE.sub("", _ENSURED.sub("", _WHETHER.sub("", passage)))
    if label is Obligation.MANDATORY and _WEAKER.search(weighed):
        return False
    return bool(SAYS.get(label, re.compile("(?!)")).search(passage))


_CLAUSEMODAL = re.compile(
    r"\bshall\s+(?:also\s+)?(?P<consider>consider)"
    + _REGARDS_AS
    + r"|\bshall\s+(?P<endeavour>endeavour)|"
    r"\b(?P<shall>shall)\b(?!\s+not)",
    re.I,
)
_WORD = re.compile(r"[A-Za-z0-9]+")


def clause_label(
    label: Obligation | None, quoted: Passage | Listing, terms: Terms, own: str = ""
) -> Obligation | None:
    """A mandatory paragraph may ask only to consider part of what it covers ("shall ensure
    … and, to that end, shall consider the establishment of a financial intelligence unit"):
    the label of the clause that holds the question's most telling word, when its verb says
    "consider" or "endeavour"; else the paragraph's label. The clause is read in ``own``, the
    provision's text, when the quote is cut from it: the cut may leave out its verb ("…
    consider the establishment of a financial intelligence unit"). A paragraph that permits
    may also bind: a quoted sentence whose own verb is "shall" is mandatory."""
    passage = quoted.text
    # "… may require that … keeps confidential …. If the requested State Party cannot comply
    # …, it shall promptly inform …": the sentence quoted binds, whatever the other allows
    verb = own_modal(passage) if label is Obligation.MAY else None
    if verb and _BINDS.fullmatch(verb[0]) and not _WEAKER.search(passage):  # (no "may" either)
        return Obligation.MANDATORY
    text = " ".join(own.split()) or passage
    if label is not Obligation.MANDATORY or not _WEAKER.search(text):
        return label
    shared = terms.shared(passage)
    if not shared:
        return label
    key = max(sorted(shared), key=terms.weight)
    at = _in_own(quoted, key, text) if text is not passage else _at(key, passage)
    verbs = [m for m in _CLAUSEMODAL.finditer(text) if at is not None and m.end() <= at]
    if verbs and verbs[-1]["consider"]:
        return Obligation.SHALL_CONSIDER
    if verbs and verbs[-1]["endeavour"]:
        return Obligation.SHALL_ENDEAVOUR
    return label


_BINDS = re.compile(r"shall|must", re.I)


def _at(key: str, text: str) -> int | None:
    """Where the first word of ``text`` with the root ``key`` starts."""
    return next((w.start() for w in _WORD.finditer(text) if key in roots(w[0])), None)


def _in_own(quoted: Passage | Listing, key: str, text: str) -> int | None:
    """Where the first quoted word with the root ``key`` stands in ``text``, the words the
    quote was cut from (None when its piece is not found there)."""
    for piece in quoted.pieces:
        if (at := _at(key, piece)) is not None:
            found = text.find(piece)
            return None if found < 0 else found + at
    return None


# "Can the police compel …?": a duty to give the authorities that power answers yes, mandatory.
_AUTHORITIES = re.compile(
    r"\b(?:can|may|could)\s+(?:the\s+)?(?:police|investigators?|prosecutors?|judges?|courts?|"
    r"(?:competent\s+|law\s+enforcement\s+)?authorit\w+|officers?|agencies)\b",
    re.I,
)
_EMPOWERS = re.compile(r"\bempower\w*|\bshall\s+be\s+able\s+to\b|\bhave\s+the\s+power", re.I)


# "Can a company be held liable …?" — "Each Party shall ensure that a legal person can be held
# liable …": a duty to make it possible.
_MAKES_POSSIBLE = re.compile(
    r"\bshall\b[^.;]{0,60}?\b(?:ensure|provide)\s+that\b[^.;]{0,150}?(?<!as\s)\b(?:can|may)\s+be\b",
    re.I,
)


def _empowers(question: str, passage: str) -> bool:
    """The duty quoted is to make possible what the question asks about: to empower the
    authorities it asks about, or to ensure that the thing can be done."""
    return bool(_AUTHORITIES.search(question) and _EMPOWERS.search(passage)) or bool(
        _MAKES_POSSIBLE.search(passage)
    )


def sentence_permits(label: Obligation | None, passage: str) -> Obligation | None:
    """For "can / may a State …?": what the quoted sentence says, which in a paragraph that
    binds may be the permission or the prohibition ("A Party may require that …", "States
    Parties may not refuse …"); else the paragraph's label."""
    if SAYS[Obligation.SHALL_NOT].search(passage):
        return Obligation.SHALL_NOT
    if PERMITS.search(passage):
        return Obligation.MAY
    return label


# "The requesting State Party may require that the requested State Party keep confidential …":
# one State's option to ask is the other's duty once asked, not an option for the one asked
_ASKS_OF_ANOTHER = re.compile(
    r"\bmay\s+(?:require|request|ask)\s+that\s+(?:the\s+)?(?:requested|requesting|other"
    r"|receiving|transmitting|sending)\s+(?:State|Party)",
    re.I,
)
# "The flag State may authorize the requesting State, inter alia: (a) To board the vessel":
# leave another State may give is neither an option of the State asked about nor leave it has
_ANOTHER_AUTHORISES = re.compile(
    r"\bmay\s+authori[sz]e\s+the\s+(?:requesting|requested|other)\s+(?:State|Party)", re.I
)


# "Can it be admitted as an observer?" — "Representatives of civil society … may be admitted
# as observers": the question asks whether the very thing may be done to whom it names
_DONE = (
    r"(?P<done>\w+(?:ed|en)|made|sent|kept|held|done|brought|sought|heard|paid|sold|told|put|set)"
)
_CAN_BE = re.compile(r"\b(?:can|may|could)\s+(?:[\w-]+\s+){1,8}?be\s+" + _DONE + r"\b", re.I)
# ("… may, with the consent of the Parties concerned, be intercepted")
_MAY_BE = re.compile(r"\bmay(?:\s+also)?(?:\s*,[^,.;]{1,80},)?\s+be\s+" + _DONE + r"\b", re.I)


def asked_passive(question: str, passage: str) -> bool:
    asked = {roots(m["done"]) for m in _CAN_BE.finditer(question)}
    return any(roots(m["done"]) in asked for m in _MAY_BE.finditer(passage))


# "Can the Secretary General keep asking us …?" — "The Secretary General of the Council of
# Europe may periodically enquire …": a body's leave, asked of that body by name
_BODY_MAY = re.compile(r"^(?P<subject>The\s+[^.;:,]{3,80}?)\s+may\s+(?!(?:also\s+)?be\b)", re.I)


def _asked_of_body(question: str, passage: str) -> bool:
    said = _BODY_MAY.match(passage)
    named = roots(said["subject"]) if said else frozenset()
    return len(named) >= 2 and named <= roots(question) and bool(_ASKS_MAY.search(question))


_ASKS_MAY = re.compile(r"\b(?:can|may|could)\b", re.I)


# "Can we apply less strict measures in the free port?" — "measures … no less stringent than
# those applied in other parts of its territory"; "Can we treat them worse because they were
# trafficked?" — "applied in a way that is not discriminatory": a duty to treat alike forbids
# what the question asks
_TREATS_ALIKE = re.compile(
    r"\bno\s+less\s+(?:stringent|strict|favourable)\b|\bnot\s+discriminatory\b"
    r"|\bwithout\s+(?:any\s+)?discrimination\b",
    re.I,
)
_ASKS_WORSE = re.compile(
    r"\b(?:less|more\s+lenient|lighter|looser|weaker)\s+(?:strict|stringent|checks?|controls?"
    r"|measures?|rules?|favourabl[ey])\b|\b(?:more\s+harshly|harsher|worse)\b|\bdiscriminat\w*",
    re.I,
)


# "Could a government invoke the Convention to justify shutting down protest groups?" —
# "Nothing in this Convention shall be interpreted as permitting suppression of human rights";
# "Can we rely on the Protocol to set aside the Refugee Convention?" — "Nothing in this
# Protocol shall affect the rights … under international law": a saving clause forbids using
# the instrument against what it saves
# ... and "This article shall be without prejudice to any right afforded to victims … by any
# domestic law", "Such liability shall be without prejudice to the criminal liability of the
# natural persons": what it is without prejudice to, it may not be used to cut back
SAVES_FROM_IT = re.compile(
    r"\bnothing\s+(?:contained\s+)?in\s+this\s+(?:Convention|Protocol|article|paragraph)\s+"
    r"shall\s+(?:be\s+(?:interpreted|construed)\s+as\s+permitting|affect|prejudice)\b"
    r"|\bshall\s+be\s+without\s+prejudice\s+to\b"
    r"|\b(?:This|The\s+present)\s+(?:Convention|Protocol|article)\s+shall\s+not\s+affect\b",
    re.I,
)
_TO_CUT_BACK = (
    r"(?:cut(?:s|ting)?\s+(?:back|down|into)|curtail\w*|tak(?:e|es|ing)\s+away|diminish\w*"
    r"|undermin\w*|shield\w*)"
)
ASKS_TO_USE_IT = re.compile(
    r"\b(?:rel(?:y|ies|ied)\s+on|invok\w*|us(?:e|es|ed|ing)|cit(?:e|es|ed|ing))\b[^?]{0,80}?"
    r"\bto\s+(?:justify|set\s+(?:[\w-]+\s+){0,6}?aside|override|overrule|disregard"
    r"|get\s+around|suppress|silence"
    r"|" + _TO_CUT_BACK + r")\b"
    # "Can the Convention be read as overriding …?": the instrument itself set over what it saves
    r"|\b(?:Convention|Protocol)\b[^?]{0,40}?\b(?:overrid\w*|supersed\w*|displac\w*|trump\w*"
    r"|take\s+precedence|prevail\w*|" + _TO_CUT_BACK + r")"
    # "Does UNCAC override our rules on defences?", "does it replace the aid already promised?"
    r"|\b(?:does|do|will|would)\s+(?:[\w-]+\s+){1,8}?(?:overrid\w*|supersed\w*|displac\w*"
    r"|replac\w*|set\s+aside)\b"
    # "Can corporate liability shield the director?"
    r"|\b(?:can|could|may|does|do|would)\s+(?:[\w-]+\s+){1,4}?" + _TO_CUT_BACK + r"\b"
    # "… does that let the managers off the hook?", "absolve the directors"
    r"|\boff\s+the\s+hook\b|\b(?:absolv|exonerat)\w*",
    re.I,
)


# "If the company is convicted, can its managers still be prosecuted?" — "Such liability shall be
# without prejudice to the criminal liability of the natural persons …": what it saves remains
ASKS_STILL = re.compile(r"\b(?:can|could|may)\b[^?]{0,80}?\bstill\b", re.I)


_CARVES_OUT = re.compile(
    r"\bnot\s+intended\s+to\s+(?:govern|apply\s+to|cover)\b|\b(?:shall|does)\s+not\s+apply\s+to\b",
    re.I,
)


# "Can the Board use its article 22 procedure for that dispute?" — "The provisions of this
# article shall not be applicable to disputes between Parties …": what a provision leaves out of
# its scope, it may not be used for
_NOT_APPLICABLE = re.compile(r"\bshall\s+not\s+(?:be\s+applicable|apply)\s+to\b", re.I)
_ASKS_TO_APPLY_IT = re.compile(
    r"\b(?:use|apply|invoke|rely\s+on)\b[^?]{0,40}?\b(?:article|procedure|provisions?"
    r"|Convention|Protocol|mechanism)\b",
    re.I,
)


def _leaves_out(question: str, passage: str) -> bool:
    """Whether the question asks to use a provision for what the passage leaves out of it."""
    return bool(_NOT_APPLICABLE.search(passage) and _ASKS_TO_APPLY_IT.search(question))


# "May the measures be applied in a way that undermines the defence?" — "Each Party shall ensure
# that the measures … are not prejudicial to the rights of the defence"
_NOT_PREJUDICIAL = re.compile(r"\bnot\s+(?:be\s+)?prejudicial\s+to\b", re.I)
_ASKS_TO_HARM = re.compile(r"\b(?:undermin|prejudic|impair|infring|violat|breach)\w*", re.I)


# "Can we force him to take part against his will?" — "Each Party shall ensure … that persons
# to whom … programmes … have been proposed may refuse them": a duty to ensure that a person
# may refuse, or consents, forbids forcing them
_LEAVES_IT_TO_THEM = re.compile(r"\bmay\s+refuse\b|\bconsent\w*\b|\bfreely\b", re.I)
_ASKS_TO_FORCE = re.compile(
    r"\b(?:force|compel|coerce|oblige|make)\s+(?:him|her|them|(?:the|a|an|this|that)\s+[\w-]+)"
    r"\s+(?:to\s+)?(?:take\s+part|join|participate|undergo|attend|accept|testify|go)\b"
    r"|\bagainst\s+(?:his|her|their)\s+will\b",
    re.I,
)


# "Our old extradition treaty does not list the offence: can we refuse?" — "Each of the
# offences … shall be deemed to be included as an extraditable offence in any extradition
# treaty existing between States Parties": a treaty that omits it is read as if it listed it
DEEMED_INCLUDED = re.compile(
    r"\bshall\s+be\s+deemed\s+to\s+be\s+included\s+as\s+(?:an\s+)?extraditable\s+offences?\b", re.I
)
_ASKS_UNLISTED = re.compile(
    r"\b(?:not|never|n't)\s+(?:[\w-]+\s+){0,2}?(?:list|cover|includ|mention|nam)\w*"
    r"|\bnot\s+(?:among|on|in)\s+(?:the|its|that|our)\s+(?:[\w-]+\s+){0,2}?(?:list|crimes|offences)\b"
    r"|\bomit\w*|\bmissing\s+from\b|\bleaves?\s+(?:[\w-]+\s+){0,2}?out\b",
    re.I,
)


def unlisted_refused(question: str, passage: str) -> bool:
    """Whether the question asks to refuse extradition because a treaty does not list the
    offence, which the passage deems included in every existing treaty."""
    return bool(
        DEEMED_INCLUDED.search(passage)
        and REFUSE.search(question)
        and _ASKS_UNLISTED.search(question)
    )


# "… dual criminality shall not be required as a condition …" (for preserving data): what
# may not be made a condition is no ground to refuse
NOT_A_CONDITION = re.compile(
    r"\b(?P<condition>\w+(?:\s+\w+)?)\s+shall\s+not\s+be\s+required\s+as\s+a\s+condition\b", re.I
)


def not_a_condition(question: str, passage: str) -> bool:
    """Whether the question asks to refuse for want of what the passage says may not be made
    a condition ("Can we refuse to preserve the data because our law makes dual criminality
    a condition?", or "… because the conduct is no crime here", in the treaties' words)."""
    said = NOT_A_CONDITION.search(passage)
    return bool(
        said
        and REFUSE.search(question)
        and roots(said["condition"]) <= roots(expand_terms(question))
    )


# "Can the NGO admitted as an observer vote?" — "… shall participate in meetings … without the
# right to vote"
_WITHOUT_RIGHT = re.compile(r"\bwithout\s+(?:the\s+|any\s+)?right\s+to\s+(?P<act>[a-z]+)", re.I)


def forbids_contrary(question: str, passage: str) -> bool:
    """Whether the passage forbids what the question asks to do, though it says no "shall
    not": a duty to treat alike asked about treating worse, a saving clause asked about
    using the instrument against what it saves, a duty to leave a person free to refuse
    asked about forcing them, an offence deemed included in every extradition treaty
    asked about refusing because a treaty omits it, what may not be made a condition
    asked about as a ground to refuse, or what one takes part "without the right to" do."""
    without = _WITHOUT_RIGHT.search(passage)
    ensured = " ".join(m[0] for m in _ENSURED.finditer(passage))
    return bool(
        (_TREATS_ALIKE.search(passage) and _ASKS_WORSE.search(question))
        or (SAVES_FROM_IT.search(passage) and ASKS_TO_USE_IT.search(question))
        or (_LEAVES_IT_TO_THEM.search(ensured) and _ASKS_TO_FORCE.search(question))
        or _leaves_out(question, passage)
        or (_NOT_PREJUDICIAL.search(ensured) and _ASKS_TO_HARM.search(question))
        or unlisted_refused(question, passage)
        or not_a_condition(question, passage)
        or bool(without and roots(without["act"]) <= roots(question))
    )


# "Our ministry insists that requests reach us through diplomatic channels. Is that allowed?" —
# "This requirement shall be without prejudice to the right of a Party to require that such
# requests … be addressed to it through diplomatic channels": the right a clause saves is a
# State's to use
SAVED_RIGHT = re.compile(
    r"\bwithout\s+prejudice\s+to\s+the\s+right\s+of\s+(?:a|any|the|each)\s+(?:State\s+)?"
    r"Part(?:y|ies)\s+to\b",
    re.I,
)


_INSISTS = re.compile(r"\b(?:insist|demand)\w*", re.I)  # what "to require that …" is asked as


def saved_right(question: str, passage: str) -> bool:
    """Whether the passage saves a State's right to do what the question asks: its verb
    ("require", asked as "insist"), and two of the question's words in the saved act that the
    rule it is saved from does not say (a question about sending requests to the central
    authority is about the rule)."""
    asked = roots(question)
    for m in SAVED_RIGHT.finditer(passage):
        rule = re.split(r"(?<=[.;])\s", passage[: m.start()])[-1]
        act = re.split(r"[.;]", passage[m.end() :])[0]
        verb = act.split()[0] if act.split() else ""
        if len((roots(act) - roots(rule)) & asked) >= 2 and (
            roots(verb) <= asked or (verb == "require" and bool(_INSISTS.search(question)))
        ):
            return True
    return False


def verdict_for(
    kind: Kind,
    label: Obligation | None,
    about: set[str],
    quoted: Passage,
    own: str,
    settlement: Settlement,
    question: str,
) -> str | None:
    """The verdict words, when the label settles the question, the quoted words show it and
    the provision is about the question (its text and title share at least two words with
    it): else None."""
    passage = quoted.text
    words = verdict_words(kind, label)
    if kind is Kind.PERMISSION and label is Obligation.MANDATORY and _empowers(question, passage):
        words = VERDICT[Obligation.MANDATORY]
    contrary = kind is Kind.PERMISSION and forbids_contrary(question, passage)
    if contrary:
        label, words = Obligation.SHALL_NOT, PERMITTED[Obligation.SHALL_NOT]
    # what a rule's "unless" clause names is allowed, whatever the rule ("shall not apply …
    # unless the Parties concerned agree to apply …", "that treaty shall apply unless …"), and
    # what a saving clause saves still may be done
    allowed = (
        kind is Kind.PERMISSION
        and not contrary
        and (
            allowed_unless(question, passage)
            or goes_on_regardless(question, passage)
            or free_of_liability(question, passage)
            or bool(SAVES_FROM_IT.search(passage) and ASKS_STILL.search(question))
            or saved_right(question, passage)
        )
    )
    if allowed:
        label, words = Obligation.MAY, PERMITTED[Obligation.MAY]
    # "Must we prosecute two 15-year-olds?" — "paragraph 1.a [is] not intended to govern
    # consensual sexual activities between minors": the duty does not reach what it leaves out
    carved = kind is Kind.OBLIGATION and bool(_CARVES_OUT.search(passage))
    if carved:
        words = CARVED_OUT
        contrary = True  # no "shall" to show: the carve-out is the answer
    # ... and "Can the Board use its article 22 procedure for this dispute?" is answered by the
    # paragraph that leaves such disputes out of the article, whatever the others allow
    left_out = kind is Kind.PERMISSION and _leaves_out(question, passage)
    # (a carve-out answers first, though the duty it carves from fits nearly as well)
    if words is None or not (settlement.settled or carved or left_out) or len(about) < 2:
        return None
    if not (contrary or allowed) and not supported(label, passage):
        return None
    if (
        words == PERMITTED[Obligation.MAY]
        and not allowed
        and not _state_may(quoted, own)
        and not asked_passive(question, passage)
        and not _asked_of_body(question, passage)
    ):
        return None  # "This Convention may be supplemented …", "A person … may be transferred"
    # "Can we refuse …?" is not answered by what else a State may do ("may agree that the
    # hearing be conducted by video conference"); a refusal, or a release from the duty
    # ("shall not be required to transfer"), answers it
    refuses = REFUSE.search(passage) or RELEASES.search(passage)
    if words == PERMITTED[Obligation.MAY] and REFUSE.search(question) and not refuses:
        return None
    if (
        words == PERMITTED[Obligation.MAY]
        and REFUSE.search(question)
        and not allowed
        and _ground_not_said(question, own)
    ):
        return None  # "… because our unit is overloaded?" — "… where … dual criminality …"
    # a quote that opens mid-sentence is read from its sentence's subject ("A State Party in
    # whose territory …, if it does not extradite …, shall … be obliged")
    bound = _sentence_of(quoted, own) if quoted.cut_start else passage
    if words == VERDICT[Obligation.MANDATORY] and not binds_a_state(bound):
        return None  # "The person transferred shall receive credit …" binds no State to act
    if words == VERDICT[Obligation.MANDATORY] and only_encourages(question, bound):
        return None  # "shall encourage the financing …": the State urges others, it does not act
    if words == VERDICT[Obligation.MANDATORY] and _EXEMPTS.search(passage):
        return None  # "shall be established … independently of the transnational nature"
    if words == VERDICT[Obligation.MAY] and _ASKS_OF_ANOTHER.search(passage):
        return None  # what one State "may require that the requested State" do binds the other
    if words in (VERDICT[Obligation.MAY], PERMITTED[Obligation.MAY]) and (
        _ANOTHER_AUTHORISES.search(passage)
    ):
        return None  # "Must we tell the flag State?" — "The flag State may authorize …"
    if words == PERMITTED[Obligation.SHALL_NOT] and _other_ground(about, passage, question):
        return None  # "… a political offence?" — "… on the sole ground that … fiscal matters"
    if _another_body(question, passage, about):
        return None  # "Can the Board …?" — "any one of those States Parties may …"
    if (
        words == PERMITTED[Obligation.MAY]
        and _ASKS_OF_A_BODY.search(question)
        and _STATE_MAY.search(_PARTIES_BODY.sub("", passage))
    ):
        return None  # "Can the conference's vote bind us?" — "a State Party … may propose …"
    if words == VERDICT[Obligation.MAY] and RESERVES_OUT.search(passage):
        return None  # "Must filming a child's abuse be a crime?" — "may reserve the right not to …"
    if words == VERDICT[Obligation.MANDATORY] and _act_only_not_done(question, passage):
        return None  # "obliged to extradite?" — "… and it does not extradite such person …"
    if settlement.mixed and kind is Kind.OBLIGATION and label is not Obligation.MANDATORY:
        return NOT_MANDATORY
    if (
        words == VERDICT[Obligation.MANDATORY]
        and ASKS_EVERY_OFFENCE.search(question)
        and LIMITS_OFFENCES.search(passage)
    ):
        return SOME_OFFENCES
    return words


# "Can the Board settle a dispute?" asks what a body may do: a passage that never names that
# body ("any one of those States Parties may refer the dispute …") does not answer it, nor
# does a State's leave that names it ("a State Party … may propose an amendment", sent on to
# the Conference). By its capital, "may it board the ship?" names no body; the conference,
# committee and secretariat are never verbs, so they count in lower case too.
_ASKS_OF_A_BODY = re.compile(
    r"\b(?i:can|may|could|must|shall|is|are)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?P<body>Board"
    r"|Conference|Committee|Secretariat|Secretary[-\s]General|Commission|Council|Mechanism"
    r"|INCB|CDPC|UNODC|conference|committee|secretariat)\b(?!\s+of\s+(?:the\s+)?States?\b)"
)
# (the States Parties in "the Conference of the States Parties may establish" are the body)
_PARTIES_BODY = re.compile(r"\b(?:Conference|Committee)\s+of\s+(?:the\s+)?(?:States\s+)?Parties\b")
_BODY_NAMED = {"INCB": "Board"}  # the Board, as the 1988 Convention names it


def _another_body(question: str, passage: str, about: set[str]) -> bool:
    """Whether the question asks what a body may or must do and neither the passage nor the
    provision's title (``about``: the roots they share with the question) names it."""
    asked = _ASKS_OF_A_BODY.search(question)
    if asked is None:
        return False
    named = roots(_BODY_NAMED.get(asked["body"], asked["body"]))
    return not named <= roots(passage) | about


# "Is a State obliged to extradite its own nationals?" is not answered by a duty that holds
# when it "does not extradite" them (a duty to establish jurisdiction): the act asked about is
# said only as not done
_ASKED_DUTY = re.compile(
    r"\b(?:obliged|required|bound|compelled|forced|have|has|need|needs)\s+to\s+(?P<act>[a-z]{4,})"
    r"|\bmust\s+(?:(?:we|they|it|a|an|the|our|their|its|[\w-]+)\s+){0,4}?(?P<must>[a-z]{4,})\b",
    re.I,
)
_NOT_DONE = r"\b(?:not|never|refuses?\s+to|declines?\s+to|without)\s+(?:[\w-]+\s+){0,1}?"


def _act_only_not_done(question: str, passage: str) -> bool:
    asked = _ASKED_DUTY.search(question)
    act = asked and (asked["act"] or asked["must"])
    if not act or not roots(act):
        return False
    root = next(iter(roots(act)))
    said = [m for m in re.finditer(r"[A-Za-z]+", passage) if roots(m[0]) == {root}]
    negated = [m for m in said if re.search(_NOT_DONE + r"$", passage[: m.start()], re.I)]
    return bool(said) and len(negated) == len(said)


# "Can we refuse extradition for a political offence?" is not answered by "may not refuse … on
# the sole ground that the offence is also considered to involve fiscal matters": the ground a
# prohibition names must be one the question speaks of
_ON_GROUND = re.compile(
    r"\bon\s+the\s+(?:sole\s+)?grounds?\s+(?:that|of)\s+(?P<ground>[^.;:]+)", re.I
)
_ANY_GROUND = roots(
    "the offence offences is are also considered consider to involve request requests "
    "extradition assistance mutual legal render State Party Parties sole ground that of"
)


# "Can we still prosecute a smuggled migrant for a separate offence?" is not answered by "shall
# not become liable … for the fact of having been the object of conduct …": that one fact only
_FOR_THE_FACT = re.compile(r"\bfor\s+the\s+fact\s+of\b", re.I)
_ASKS_OTHER_OFFENCE = re.compile(
    r"\b(?:separate|another|different|other|unrelated)\s+(?:[\w-]+\s+)?(?:offen[cs]es?|crimes?|charges?)\b",
    re.I,
)


# the ground a refusal question names: "… because the offence is political", "… on that basis"
ASKS_GROUND = re.compile(
    r"\b(?:because|on\s+the\s+(?:sole\s+)?grounds?\s+(?:of|that)|on\s+the\s+basis\s+(?:of|that)"
    r"|due\s+to|citing|for\s+reasons?\s+of|owing\s+to"
    # "turn it down for lack of staff", "for want of resources"
    r"|for\s+(?:(?:a|the)\s+)?(?:lack|want|shortage)\s+of"
    # "refuse extradition for a political offence"
    r"|for\s+(?:an?|the)\s+(?=[\w-]+\s+(?:offen[cs]es?|crimes?)\b)"
    # "… our banking confidentiality law forbids disclosure. Can we turn it down on that basis?"
    r"|(?P<back>on\s+(?:that|this|those|these)\s+(?:basis|grounds?)|for\s+(?:that|this)\s+reason)"
    # French and Spanish: "au motif que l'infraction est politique", "por tratarse de un delito"
    r"|au\s+motif\s+(?:que|qu|de|du|des|d)|parce\s+que?|en\s+raison\s+d\w*"
    r"|por\s+tratarse\s+de|porque|por\s+motivos?\s+de|debido\s+a|alegando\s+que)\b",
    re.I,
)
# "… may … refuse the request … in cases where it has reasons to believe that … dual
# criminality …": a refusal on a ground of its own
_REFUSED_IF = re.compile(
    r"\b(?:refus|declin)\w*\b(?P<ground>[^.]*?\b(?:if|where|when|unless)\b[^.]*)", re.I
)


def _ground_not_said(question: str, passage: str) -> bool:
    """Whether the question asks to refuse on a ground ("because our unit is overloaded") and
    the passage lets a State refuse only on one that shares none of its words ("in cases where
    … dual criminality could not be fulfilled"): that leave is no "yes" to the question."""
    asked = ASKS_GROUND.search(question)
    said = " ".join(m["ground"] for m in _REFUSED_IF.finditer(passage))
    if asked is None or asked["back"] or not said:
        return False
    ground = roots(expand_terms(question[asked.end() :], question)) - _ANY_GROUND
    return bool(ground) and not ground & roots(said)


def _other_ground(about: set[str], passage: str, question: str) -> bool:
    """Whether ``passage`` forbids refusing on a ground the question does not name (``about``:
    the roots the question, its terms of art spelt out, shares with the provision), or forbids
    liability for one fact while the question asks about another offence."""
    if _FOR_THE_FACT.search(passage) and _ASKS_OTHER_OFFENCE.search(question):
        return True
    named = _ON_GROUND.search(passage)
    return named is not None and not (roots(named["ground"]) - _ANY_GROUND) & about


# "May we agree to apply the Convention's rules instead?" — "The provisions of this article
# shall not apply where such treaty … exists, unless the Parties concerned agree to apply …":
# what the exception allows is what is asked
UNLESS = re.compile(r"\bunless\b", re.I)
_RULES = re.compile(r"\b(?:shall|must)\b", re.I)
_ASKED_ACT = re.compile(
    r"\b(?:can|may|could)\s+(?:we|they|it|(?:a|the|our|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:States?|Part(?:y|ies)|authorit\w+|courts?))\s+(?:also\s+)?(?P<act>[a-z]+)",
    re.I,
)


def allowed_unless(question: str, passage: str) -> bool:
    """Whether ``passage`` lays down a rule ("shall (not) apply") that yields where what the
    question asks to do is done: "… unless the Parties agree to apply …". A state of things
    ("is not bound by a protocol unless it becomes a Party") allows nothing."""
    unless, asked = UNLESS.search(passage), _ASKED_ACT.search(question)
    if unless is None or asked is None or not _RULES.search(passage[: unless.start()]):
        return False
    act = roots(asked["act"])
    before, after = roots(passage[: unless.start()]), roots(passage[unless.end() :])
    return bool(act) and act <= after and not act <= before


# "an attempt to commit any of the offences established in accordance with Articles 3 through
# 5, 7, 8, and 9.1.a and c": a duty over the articles it lists
_LISTED = re.compile(
    r"\bArticles\s+(\d+(?:\.\w+)*(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|through|to)\s+)\w+(?:\.\w+)*)+)",
    re.I,
)
_NUMBER = re.compile(r"\b(\d+)(?:\.\w+)*(?:\s+(?:through|to)\s+(\d+))?")


def _covered(listed: str) -> set[str]:
    """The article numbers a list names ("3 through 5, 7, 8, and 9.1.a and c")."""
    return {
        str(n) for m in _NUMBER.finditer(listed) for n in range(int(m[1]), int(m[2] or m[1]) + 1)
    }


def _named(question: str, titles: Mapping[str, str]) -> set[str]:
    """The articles the question names by title ("illegal-access offence": "Illegal access");
    a title of one word ("Jurisdiction") names no offence."""
    asked = question.lower().replace("-", " ")
    return {number for number, title in titles.items() if " " in title and title.lower() in asked}


def leaves_out_listed(question: str, passage: str, titles: Mapping[str, str]) -> bool:
    """Whether the duty quoted lists the articles it covers and the question names, by its
    title, only articles it leaves out ("attempted illegal access": art. 2 is not among
    "Articles 3 through 5, 7, 8, and 9.1.a and c"). ``titles``: the instrument's articles'
    titles by number."""
    listed = _LISTED.search(passage)
    if listed is None:
        return False
    named = _named(question, titles)
    return bool(named) and not named & _covered(listed[1])


# A reservation "in respect of offences other than those established in accordance with" the
# Convention (or the articles it lists, "Articles 2 through 11"): it leaves out the offences
# the Convention itself establishes
_OTHER_THAN = re.compile(
    r"\boffences\s+other\s+than\s+those\s+established\s+in\s+accordance\s+with\s+"
    r"(?:(?P<articles>Articles\s+\d[\w\s,.]*?)(?=\s+of\s+this|[,;])|this\s+(?:Convention|Protocol))",
    re.I,
)


def spares_named(
    question: str, text: str, titles: Mapping[str, str], offences: frozenset[str]
) -> bool:
    """Whether ``text`` reaches only offences other than those the instrument establishes
    (``offences``, article numbers) or than the articles it lists, and the question names one
    of those by its title: "Can they refuse to preserve data in a hacking case for want of
    dual criminality?" is not answered by the reservation for other offences."""
    other = _OTHER_THAN.search(text)
    if other is None:
        return False
    spared = _covered(other["articles"]) if other["articles"] else offences
    return bool(_named(question, titles) & spared)


# "Can the prosecution still go ahead after she retracted?" — "… the proceedings may continue
# even if the victim has withdrawn his or her statements": what may go on despite a thing
_MAY_GO_ON = re.compile(
    r"\bmay\s+(?:continue|proceed|go\s+on)\s+even\s+(?:if|though|where|when|after)\b", re.I
)
_ASKS_DESPITE = re.compile(
    r"\b(?:still|even\s+(?:if|though|after|when)|despite|anyway|regardless)\b", re.I
)
_ASKS_TO_GO_ON = re.compile(
    r"\b(?:go\s+ahead|go\s+on|carry\s+on|keep\s+going|continu\w*|proceed\w*|pursu\w*)\b", re.I
)


def goes_on_regardless(question: str, passage: str) -> bool:
    """Whether the passage lets something go on even if a thing happens and the question asks
    whether it can still go on."""
    return bool(
        _MAY_GO_ON.search(passage)
        and _ASKS_DESPITE.search(question)
        and _ASKS_TO_GO_ON.search(question)
    )


# "Can a penetration tester hold password-cracking tools without criminal liability?" —
# "This article shall not be interpreted as imposing criminal liability where …": the clause
# frees the conduct, so what it frees may be done
_IMPOSES_NONE = re.compile(
    r"\bnot\s+be\s+(?:interpreted|construed)\s+as\s+imposing\s+(?:criminal\s+)?liability\b", re.I
)
_ASKS_FREE = re.compile(
    r"\bwithout\s+(?:any\s+)?(?:criminal\s+)?(?:liability|being\s+(?:held\s+)?(?:liable|prosecuted"
    r"|charged|punished)|committing\s+an?\s+(?:offence|crime))\b"
    r"|\b(?:escape|avoid|free\s+(?:of|from)|exempt\s+from)\s+(?:criminal\s+)?liability\b",
    re.I,
)


def free_of_liability(question: str, passage: str) -> bool:
    """Whether the passage imposes no liability on some conduct and the question asks whether
    one may engage in it free of liability."""
    return bool(_IMPOSES_NONE.search(passage) and _ASKS_FREE.search(question))


# "Must we build child protection into our aid?" — "Each Party shall encourage the financing …
# of the projects … carried out by civil society": bound to encourage others, not to do it
_ENCOURAGES = re.compile(r"\bshall\s+(?:also\s+)?(?:encourage|urge|invite)\b", re.I)
_ASKS_ENCOURAGING = re.compile(r"\b(?:encourag|urg|invit|promot|support|foster|incentiv)\w*", re.I)


def only_encourages(question: str, passage: str) -> bool:
    """Whether the duty quoted is only to encourage others, and the question asks about doing
    the thing rather than encouraging it."""
    return bool(_ENCOURAGES.search(passage)) and not _ASKS_ENCOURAGING.search(question)
