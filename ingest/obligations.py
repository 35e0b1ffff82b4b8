"""Obligation strength: how strongly each provision binds a State, read from the drafting
conventions of these treaties when the corpus is parsed (after the parser, which stays as it is).

Legislative guides sort these treaties' provisions into mandatory requirements, measures a State
must consider or endeavour to take, optional measures, and prohibitions. The labels
(``Obligation``) follow that sorting, and each rule below says why, so that a lawyer can check
them. A wrong "mandatory" is worse than a weaker label: where the text does not settle it, the
rules take the weaker reading, and ``none`` only where no State is bound at all.

**Where the label comes from.** Each node with text of its own (an article without numbered
paragraphs, a paragraph, a subparagraph, a clause) is read sentence by sentence. In each sentence
the *main modal* is found: the first "shall", "may", "must", "should", "could", "undertake(s)
to", "agree(s) to", "is (not) obliged / required / entitled to", "are (strongly) encouraged /
called upon to", "need not". A "may" inside "such measures as may be necessary", "as it may
deem", "that may arise", "so that they may address" is not the sentence's modal; nor is
"should" opening a condition ("or should they in future do so"). A sentence without a modal
(a statement: "This Convention is subject to ratification") decides nothing.

**Whose duty.** The *subject* is the clause just before the modal, past any introductory
phrase ("Subject to article 4 of this Convention, a State Party may…"; "If a State Party…
receives a request…, it may…"):

- a State: "Each State Party", "States Parties", "A State Party", "the requested State Party",
  "The Parties", "Each Party" (Council of Europe), "it"/"they", "its competent authorities";
- the instrument itself: "This Convention", "this article", "The provisions of…", "Nothing in
  this Convention…": a rule about the text binds no State, ``none``. One exception: "Nothing in
  this Protocol shall prevent a State Party from…" keeps an option open: ``may``;
- an organ: "The Conference of the (States) Parties", "the Secretary-General", the depositary,
  the secretariat, a Committee, the CDPC, the Council of Europe, the (Narcotics Control)
  Board. Their duties are not a State's: ``none``; and so are those of a passive sentence
  beside them ("Thereafter, regular meetings of the Conference shall be held…"). A State's
  duty *towards* an organ ("Each State Party shall inform the Secretary-General") is the
  State's; "The Parties shall be assisted by the Secretariat" is the organ's;
- anything else, mostly an agentless passive ("Reasons shall be given for any refusal";
  "Mutual legal assistance may be refused"): only States are bound by these treaties, so the
  modal binds the State that acts, and is read as for a State, unless it states a legal effect.

**The modal.** After the modal, interposed phrases (", subject to its domestic law,", ", where
appropriate,") and adverbs ("also", "in particular") are skipped to reach the verb:

- "shall consider…", "shall, where appropriate, consider…", "shall give (priority)
  consideration to…" → ``shall-consider``; but "shall consider this Convention the legal basis"
  means *regard as*, an obligation: ``mandatory``;
- "shall endeavour / seek to / strive / make efforts / use its best endeavours…" →
  ``shall-endeavour`` ("shall seek the support of manufacturers" is a plain duty to ask);
- "shall not…", "may not…", "must not…" → ``shall-not``, a prohibition ("may not refuse… on
  the sole ground that the offence is also considered to involve fiscal matters"); but "shall
  not be obliged / required to", "is not obliged to", "need not" release a State: ``may``;
- "may…", "could…", "shall have the right / be entitled / be free to", "are encouraged /
  called upon to", "should" → ``may``: a permission, an option, or a recommendation that binds
  no one (the weaker reading: "should" obliges a State neither to act nor to consider acting);
- "shall", "must", "undertake(s) to", "agree(s) to", "shall… be obliged to" (UNTOC art. 16(10):
  "shall, at the request…, be obliged to submit the case") → ``mandatory``;
- a legal effect, not an act: "shall mean", "shall be deemed / regarded / construed /
  interpreted / understood", "shall be binding", "shall be applicable", "shall be without
  prejudice", "shall be sufficient", "shall not be necessary", "shall enter into force", "shall
  take effect", "shall be irrelevant", "must be a Party", and, when no State is the subject,
  "shall apply", "shall be subject to", "shall remain" → ``none``.

**A node with several sentences** takes the label of its first sentence that binds a State by
name: a paragraph states its rule first, and what follows elaborates, qualifies or adds options
(UNCAC art. 34: "each State Party shall take measures… In this context, States Parties may
consider…" is ``mandatory``; UNTOC art. 19: "States Parties shall consider concluding…
agreements… The States Parties involved shall ensure that the sovereignty… is fully respected"
is ``shall-consider``; UNCAC art. 50(2): "States Parties are encouraged to conclude…
agreements… Such agreements… shall be concluded… in full compliance with…" is ``may``). Without
such a sentence, an organ's sentence makes it ``none`` (above), else the first passive sentence
that binds decides.

**Subparagraphs and chapeaux.** A subparagraph continues its chapeau's sentence, unless it opens
with a State as the subject of a modal of its own ("(a) Each State Party shall seek to apply…").
It is read as that sentence: one without a verb of its own (UNCAC art. 21(a): "The promise,
offering or giving…") takes the chapeau's label (``shall-consider``); one with a verb but no
subject reads on from the chapeau ("Each State Party: (a) Shall institute…"; "A State Party…
shall: (b) … seek… to conclude treaties" is ``shall-endeavour``; "shall, in accordance with its
domestic law: (c) Consider taking…" is ``shall-consider``). Text after the subparagraphs (the
node's ``tail``) ends the same sentence, and is read with them. A chapeau without a modal of its
own ("Each State Party:") takes the strongest label of its parts, and passes it on to those of
its parts that say nothing more.

**Text that binds no State, whatever its verbs** → ``none``: definitions ("“Public official”
shall mean…", "“computer system” means…", and articles titled "Use of terms" or
"Definitions"); preambles; the adopting resolution (a General Assembly resolution binds no
State); final clauses on how a State becomes or ceases to be bound and how the text changes
(articles on signature, ratification, consent to be bound, accession, entry into force,
amendment, supplementary protocols, denunciation, depositary, languages, notifications);
commentary and other material a user adds (notes may quote "shall" without binding anyone).
A user's own law is read by the same rules as a treaty.

**Qualifiers** are the verbatim phrases of a node's own text that soften what it imposes:
"subject to its constitution and the fundamental principles of its legal system", "in
accordance with (the fundamental principles of) its domestic law", "consistent with its legal
system", "if permitted by…", "under the conditions prescribed by its domestic law", "within its
means / possibilities / existing technical capability", "to the extent possible / necessary /
permitted…", "where appropriate", "as appropriate", "in appropriate cases", "where possible",
"whose law so permits", "as it deems appropriate". A phrase of the "subject to / in accordance
with / consistent with" kind counts only when it names the State's own law, legal system,
constitution or legal principles ("in accordance with this Convention" softens nothing). Where a
node imposes more than an option, a sentence by which a State may narrow it is a qualifier too
(Budapest art. 2: "A Party may require that the offence be committed by infringing security
measures…"; "may reserve the right…"). Nodes labelled ``none`` have no qualifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.model.citations import Division
from assistant.model.manifest import Kind
from assistant.model.provisions import CONSIDERED_INSTRUMENT, Document, Obligation, Provision

# Weakest first; a chapeau without a modal takes the strongest of its parts' labels. "Shall
# not" binds as firmly as "shall": between the two, the first part decides.
_STRENGTH = {
    Obligation.NONE: 0,
    Obligation.MAY: 1,
    Obligation.SHALL_CONSIDER: 2,
    Obligation.SHALL_ENDEAVOUR: 3,
    Obligation.SHALL_NOT: 4,
    Obligation.MANDATORY: 4,
}

_BINDING_KINDS = {Kind.CONVENTION, Kind.PROTOCOL, Kind.LAW}
_NOT_BINDING_TITLE = re.compile(
    r"use of terms|definitions?\b|terminology|signature|ratification|accession|entry into force"
    r"|depositary|authentic|languages|notifications?\b|amendments?\b|denunciation"
    r"|supplementary protocols|consent to be bound",
    re.I,
)

_ABBREVIATION = re.compile(r"\b(?:art|arts|para|paras|No|Nos|Mr|Ms|Mrs|Dr|St|e\.g|i\.e|cf)\.$")
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[“\"‘(]?[A-Z])")

_MODAL = re.compile(
    r"(?<![\w-])(?<!\bas )(?<!\bas it )(?<!\bas they )(?<!\bcase )(?<!\bthat )(?<!\bwhich )"
    r"(?<!\bwho )(?<!\bwhom )(?<!\bthat they )(?<!\bthat it )"
    r"(shall|must|may|could|need not"
    r"|should(?! (?:they|it|he|she|there|the|a|any|such)\b)"
    r"|undertakes? to|agrees? to"
    r"|(?:is|are) (?:not )?(?:obliged|required|bound|entitled|free) to"
    r"|(?:is|are) (?:(?:strongly|also) )?(?:encouraged|called upon|invited|urged) to"
    r")(?![\w-])(?! deem)",
    re.I,
)
_DEFINITION = re.compile(
    r"\bshall (?:also )?mean\b|\bshall have the meaning\b|[”\"’]\s*(?:,[^,]*,\s*)?"
    r"(?:means|includes|shall include|refers to|is defined)\b|\bshall be understood to mean\b",
    re.I,
)

# Words that open an introductory or interposed phrase rather than a subject or a verb.
_INTRODUCTORY = re.compile(
    r"(?:if|when|whenever|where|wherever|unless|subject to|notwithstanding|without prejudice"
    r"|for the purposes?|in order|with due regard|in this context|in particular|upon|at the"
    r"|as appropriate|taking into account|consistent with|in addition|following|in the case"
    r"|in establishing|after|before|once|provided|having regard|on the basis|in so far"
    r"|insofar|to the|within|pursuant|under|in accordance|in conformity|as far|so far|even"
    r"|although|while|whether|in respect|with respect|with a view|likewise|however|moreover"
    r"|furthermore|also|further|mutatis mutandis|inter alia|by|through|in|on|for|as|to)\b",
    re.I,
)
_ADVERB = re.compile(
    r"(?:also|only|further|furthermore|likewise|therefore|hereby|each|in particular|nevertheless"
    r"|mutatis mutandis|however|moreover|accordingly|thereafter|inter alia)\b[\s,]*",
    re.I,
)

_INSTRUMENT = re.compile(
    r"(?:the |this |that |such |present )*(?:provisions? of (?:this |the )?)?"
    r"(?:Convention|Protocol|articles?|chapter|paragraphs?|subparagraphs?|provisions?|annex)\b"
    r"|nothing\b",
    re.I,
)
_ORGAN = re.compile(
    r"Conference of the (?:States )?Parties|Secretary[- ]General|depositary|secretariat"
    r"|Committee|Council of Europe|United Nations|General Assembly|Commission\b|\bCDPC\b"
    r"|(?-i:\bBoard\b)",  # the 1988 Convention's International Narcotics Control Board
    re.I,
)
_STATE = re.compile(
    r"\bStates?\b|\bPart(?:y|ies)\b|\bit\b|\bthey\b|\bauthorit|\bGovernments?\b|\bcourts?\b",
    re.I,
)
_STATE_SUBJECT = re.compile(
    r"(?:(?:each|every|a|an|any|the|no|that|such|those) )?(?:requested |requesting )?"
    r"(?:States? Part(?:y|ies)|Part(?:y|ies))\b",
    re.I,
)

# Verbs after the modal that state a legal effect, not an act of a State.
_EFFECT = re.compile(
    r"(?:(?:be )?(?:deemed|regarded|construed|interpreted|understood|binding|without prejudice"
    r"|irrelevant|necessary|sufficient|applicable|a Party|Parties)|be considered (?:as|to be|an?)"
    r"|mean|have the meaning|enter into force|take effect|cease|affect|prejudice|exclude"
    r"|entitle)\b",
    re.I,
)
# ... and those that do so with "shall" when no State is the subject ("Extradition shall be
# subject to the conditions…"; but "That freedom may be subject to restrictions" is an option).
_EFFECT_WITHOUT_STATE = re.compile(
    r"(?:apply|be (?:subject to|open|equally authentic|effected|deposited)|remain"
    r"|govern|entail|be the)\b",
    re.I,
)
_BY_ORGAN = re.compile(r"be \w+ by (?:the )?(?:" + _ORGAN.pattern + ")", re.I)
_CONSIDER = re.compile(r"(?:consider|give (?:\w+ )?consideration)\b", re.I)
_REGARD_AS = re.compile(r"consider" + CONSIDERED_INSTRUMENT, re.I)
_ENDEAVOUR = re.compile(
    r"(?:endeavour|(?:seek|try|aim)(?:,[^,]*,)? to|strive"
    r"|make (?:every |all )?(?:possible )?efforts?|use (?:its|their) best)\b",
    re.I,
)
_RELEASED = re.compile(r"(?:be )?(?:obliged|required|bound)\b", re.I)
_PERMITTED = re.compile(r"(?:have|retain) the right\b|be (?:also )?(?:entitled|free)\b", re.I)
_PRESERVED = re.compile(r"(?:not )?(?:prevent|preclude)\b", re.I)
_NARROWING = re.compile(
    r"require (?:by law )?that\b.*\b(?:offence|conduct|liability|committed|possessed)\b"
    r"|reserve the right\b",
    re.I,
)

# Qualifiers: "closed" phrases are taken as they stand ("where appropriate"); "open" ones run
# to the next punctuation or the next qualifier ("subject to its domestic law").
_QUALIFIER = re.compile(
    r"\b(?:(?P<open>subject to|in accordance with|in conformity with|consistent with"
    r"|in keeping with|pursuant to|to the (?:fullest |greatest |maximum |widest )?extent"
    r"|(?:if|as|where) permitted by|under the conditions)"
    r"|within (?:its|their) (?:own |existing |available )*(?:technical )?"
    r"(?:means|resources|capabilit(?:y|ies)|capacity|possibilities)"
    r"|(?:where|as|if|when) (?:it is )?appropriate|in appropriate cases"
    r"|(?:where|wherever|when|if|as far as|insofar as|in so far as) (?:possible|feasible"
    r"|practicable)"
    r"|(?:where|if|when|whose|as) (?:its |their |the )?(?:domestic |national )?laws? "
    r"(?:so )?(?:permits?|allows?)"
    r"|(?:as|if|when|where) (?:it|they) (?:may )?deems? (?:it )?(?:appropriate|necessary|fit))\b",
    re.I,
)
# An open phrase ends at punctuation, at "and"/"or" before another phrase of its kind, or where
# the sentence moves on (a verb, "that …", "for the purpose …", "possible to …"): "in
# accordance with such conventions" ends before "are also considered…". Except for "to the
# extent…", it also ends where another qualifier starts.
_PHRASE_END = re.compile(
    r"[,;:.()]|\s(?:and|or)\s(?=(?:subject to|in accordance|in conformity|consistent with"
    r"|in keeping|pursuant to|to the|within|where|as|if|when|without|with due regard|in|any"
    r"|inspired)\b)|\s(?:are|shall|may|must|which|who|whether|enjoys?|for the purposes?)\s"
    r"|(?<!extent)\sthat\s|(?:(?<=possible)|(?<=necessary))\sto\s",
    re.I,
)
# An open phrase softens only when it names the State's own law or legal system, or, for
# "to the extent", what is possible, necessary, appropriate or permitted.
_SOFTENS = re.compile(
    r"domestic law|domestic legal|legal system|constitution|(?<!inter)national law|legal principles"
    r"|basic concepts|internal law|(?:its|their) (?:own )?laws?\b|such law|legislation"
    r"|law of the (?:requested |requesting )?(?:State|Party)"
    r"|^to the .*(?:possible|necessary|appropriate|permit|consistent|compatible|feasible"
    r"|practicable|contrary)",
    re.I,
)


# Who a sentence's subject is.
_STATE_NAMED, _ORGAN_NAMED, _OTHER = "state", "organ", "other"


@dataclass(frozen=True)
class _Context:
    """The sentence a part continues: its chapeau (``before``), what follows the parts
    (``after``, the parent's tail), and the parent's label, for a part that adds no modal."""

    before: str = ""
    after: str = ""
    label: Obligation | None = None


@dataclass(frozen=True)
class _Reading:
    """A sentence's main modal, the clause before it (its subject) and the verb after it."""

    modal: str
    subject: str
    verb: str
    negative: bool


def label_obligations(document: Document, kind: Kind) -> None:
    """Set ``obligation`` and ``qualifiers`` on every node of a parsed document."""
    for unit in document.units:
        if kind in _BINDING_KINDS and _may_bind(unit):
            _label(unit, _Context())
        _settle(unit, Obligation.NONE)  # what no rule labelled binds no State


def _may_bind(unit: Provision) -> bool:
    if unit.division in (Division.PREAMBLE, Division.RESOLUTION, Division.ANNEX):
        return False
    return not (unit.title and _NOT_BINDING_TITLE.search(unit.title))


def _label(node: Provision, context: _Context) -> Obligation | None:
    """Label ``node`` and its parts; return the node's label. None: no text of its own, or a
    part that says nothing its chapeau did not (it is settled once the chapeau's is known)."""
    lead, tail = _sentences(node.lead), _sentences(node.tail)
    continued = bool(lead and context.before and _continues(lead[0]))
    if continued:
        lead[0] = f"{context.before} {lead[0]}"
    chapeau = lead[-1] if lead and not lead[-1].endswith(".") else ""
    if continued and len(lead) == 1 and not tail and context.after:
        lead[0] = f"{lead[0]} {context.after}"
    own = _principal([g for s in lead + tail if (g := _grade(s))])
    inner = _Context(
        before=chapeau if lead else context.before,
        after=tail[0] if tail else context.after,
        label=own or context.label,
    )
    parts = [label for child in node.children if (label := _label(child, inner))]
    strongest_part = max(parts, key=_STRENGTH.get) if parts else None
    if not (lead or tail):
        return strongest_part
    label = own or strongest_part or context.label
    if label is not None:
        _settle(node, label)
    return label


def _settle(node: Provision, label: Obligation) -> None:
    """Give ``label`` to the node, when it has text and no label yet, and to its parts that
    have none (a chapeau without a modal of its own takes its label from its parts, and
    passes it on to those parts that said nothing)."""
    if node.obligation is None and node.own:
        node.obligation = label
        if label is not Obligation.NONE:
            node.qualifiers = _qualifiers(node)
    for child in node.children:
        _settle(child, node.obligation or label)


def _principal(grades: list[tuple[Obligation, str]]) -> Obligation | None:
    """The label of a node's sentences: that of the first one binding a State by name; failing
    that, ``none`` if an organ is the subject of one of them (the passives around it are the
    organ's business: "Thereafter, regular meetings of the Conference shall be held…"), else
    that of the first passive one that binds; ``none`` when none binds, None when no sentence
    has a modal."""
    named = [label for label, who in grades if who == _STATE_NAMED and label is not Obligation.NONE]
    if named:
        return named[0]
    if any(who == _ORGAN_NAMED for _, who in grades):
        return Obligation.NONE
    binding = [label for label, _ in grades if label is not Obligation.NONE]
    if binding:
        return binding[0]
    return Obligation.NONE if grades else None


def _sentences(text: str) -> list[str]:
    """``text`` cut into sentences (each a verbatim slice of it)."""
    pieces: list[str] = []
    for piece in _SENTENCE_BREAK.split(text.strip()) if text.strip() else []:
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def _continues(sentence: str) -> bool:
    """Whether a part's first sentence carries on its chapeau's: unless it opens with a State
    as subject of a modal of its own ("(a) Each State Party shall seek to apply…")."""
    return not (_STATE_SUBJECT.match(sentence) and _MODAL.search(sentence))


def _grade(sentence: str) -> tuple[Obligation, str] | None:
    """The sentence's label and who its subject is (a State, an organ, or anything else: the
    text itself, a defined term, a passive); None without a modal."""
    if _DEFINITION.search(sentence):
        return Obligation.NONE, _OTHER
    reading = _read(sentence)
    if reading is None:
        return None
    organ, state = _ORGAN.search(reading.subject), _STATE.search(reading.subject)
    if organ and (state is None or organ.start() < state.start()):
        return Obligation.NONE, _ORGAN_NAMED
    if _INSTRUMENT.match(reading.subject):
        return (Obligation.MAY if _PRESERVED.match(reading.verb) else Obligation.NONE), _OTHER
    label = _modal_label(reading, state is not None)
    return label, _STATE_NAMED if state else _OTHER


def _modal_label(reading: _Reading, state: bool) -> Obligation:
    modal, verb = reading.modal, reading.verb
    if (
        _EFFECT.match(verb)
        or _BY_ORGAN.match(verb)
        or (not state and modal in ("shall", "must") and _EFFECT_WITHOUT_STATE.match(verb))
    ):
        return Obligation.NONE
    if modal == "need not" or " not " in modal:
        return Obligation.MAY
    if modal.startswith(("is ", "are ")):
        bound = modal.endswith(("obliged to", "required to", "bound to"))
        return Obligation.MANDATORY if bound else Obligation.MAY
    if reading.negative:
        return Obligation.MAY if _RELEASED.match(verb) else Obligation.SHALL_NOT
    if modal in ("may", "could", "should"):
        return Obligation.MAY
    if _CONSIDER.match(verb):
        return Obligation.MANDATORY if _REGARD_AS.match(verb) else Obligation.SHALL_CONSIDER
    if _ENDEAVOUR.match(verb):
        return Obligation.SHALL_ENDEAVOUR
    if _PERMITTED.match(verb):
        return Obligation.MAY
    return Obligation.MANDATORY


def _read(sentence: str) -> _Reading | None:
    modal = _MODAL.search(sentence)
    if modal is None:
        return None
    verb = _verb(sentence[modal.end() :])
    negative = verb[:4].lower() == "not "
    return _Reading(
        modal=modal[1].lower(),
        subject=_subject(sentence[: modal.start()]),
        verb=verb[4:] if negative else verb,
        negative=negative,
    )


def _subject(prefix: str) -> str:
    """The clause before the modal, past introductory phrases: its grammatical subject."""
    pieces = [p.strip() for p in re.split(r"[,;:—]", prefix)]
    candidates = [p for p in pieces if p and not _INTRODUCTORY.match(p)]
    return candidates[-1] if candidates else prefix.strip()


def _verb(rest: str) -> str:
    """The words after a modal, interposed phrases and adverbs skipped: 'consider adopting…'."""
    text = rest
    while True:
        text = text.lstrip(" :;—–-")
        if text.startswith(","):
            close = re.search(r"[,:;]", text[1:])
            if close is None:
                break
            text = text[close.end() + 1 :]
        elif adverb := _ADVERB.match(text):
            text = text[adverb.end() :]
        elif _INTRODUCTORY.match(text) and not text.lower().startswith(("to ", "by ")):
            close = re.search(r"[,:;]", text)
            if close is None:
                break
            text = text[close.end() :]
        else:
            break
    return text.strip()


def _qualifiers(node: Provision) -> list[str]:
    """The softening phrases of the node's own text, in order, none inside another."""
    found: list[str] = []
    narrows = _STRENGTH[node.obligation] > _STRENGTH[Obligation.MAY]
    for text in (node.lead, node.tail):
        for match in _QUALIFIER.finditer(text):
            phrase = match[0]
            if match["open"]:
                ends = [_PHRASE_END.search(text, match.end())]
                if not match[0].lower().startswith("to the"):
                    ends.append(_QUALIFIER.search(text, match.end()))
                end = min((e.start() for e in ends if e), default=len(text))
                phrase = text[match.start() : end]
                phrase = re.sub(r"\s+(?:and|or)$", "", phrase.rstrip())
                if not _SOFTENS.search(phrase):
                    continue
            found.append(phrase)
        if narrows:
            found += [s for s in _sentences(text) if _narrows(s)]
    return [q for q in dict.fromkeys(found) if not any(q != o and q in o for o in found)]


def _narrows(sentence: str) -> bool:
    """Whether a sentence lets a State narrow what the rest imposes ("may require that the
    offence be committed…", "may reserve the right…")."""
    reading = _read(sentence)
    return (
        reading is not None
        and reading.modal == "may"
        and not reading.negative
        and bool(_STATE.search(reading.subject))
        and bool(_NARROWING.match(reading.verb))
    )
