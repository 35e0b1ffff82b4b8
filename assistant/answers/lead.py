"""The lead: the one or two sentences an answer opens with, which answer the question.

Built from structure and verified text, never guessed: the verdict words come from the
obligation label of the provision that answers (``Provision.obligation``, derived at ingest)
and the kind of question (``question_kind``); the passage quoted is verbatim from that
provision, chosen among the article's parts by what the question asks (the paragraph with the
figure, the prohibition, the definition). When the label does not settle the question, the lead
says what the provision provides, without yes or no: a wrong "yes" is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answers.figures import (
    ASKS_FOR_ONE,
    ASKS_WHEN_FREE,
    AT_ANY_TIME,
    CARDINALS,
    FIGURE,
    FOR_EACH,
    asked_figure,
    counted_from,
    stated_figure,
)
from assistant.answers.markdown import escape_markdown
from assistant.answers.passage import (
    DEFINED,
    MODAL,
    SENTENCE,
    Listing,
    Passage,
    best_sentence,
    chapeau_and_part,
    cut,
    in_quotes,
    listing,
    own_modal,
    sentences,
    window,
)
from assistant.answers.question_kind import Kind
from assistant.answers.terms import Terms, roots
from assistant.answers.verdict import (
    ASKS_EVERY_OFFENCE,
    ASKS_GROUND,
    ASKS_STILL,
    ASKS_TO_USE_IT,
    CARVED_OUT,
    DEEMED_INCLUDED,
    LIMITS_OFFENCES,
    NOT_A_CONDITION,
    PERMITS,
    PERMITTED,
    REFUSE,
    RELEASES,
    RESERVES_OUT,
    RULE_OR_SAVING,
    SAVED_RIGHT,
    SAVES_FROM_IT,
    SAVING,
    SAYS,
    UNLESS,
    VERDICT,
    Settlement,
    allowed_unless,
    asked_passive,
    binds_a_state,
    clause_label,
    forbids_contrary,
    free_of_liability,
    leaves_out_listed,
    not_a_condition,
    saved_right,
    sentence_permits,
    spares_named,
    supported,
    unlisted_refused,
    verdict_for,
)
from assistant.model.citations import Division, inside
from assistant.model.corpus import Corpus
from assistant.model.provisions import Obligation, Provision
from assistant.model.verbatim import is_verbatim
from assistant.search.lexical import expand_terms

TITLE_CHARS = 40  # a longer title is left out of the lead, which must answer in a few lines
MATCHED = 0.25  # how much the part retrieval matched is preferred (tuned on eval/dev.yaml)
STATE_LABEL = 2  # ... and, for an obligation or permission question, a part that binds a State
CLEAR_WIN = 1  # a later part must fit this much better than an earlier one that binds otherwise
ANSWERS_PERMISSION = 1.5  # "may / can a State …": a part that permits or forbids, over a duty (dev)
FIGURE_BONUS = 3  # "how long": the part that holds the figure asked for (eval/dev-fresh*.yaml)
# "How long must the shipping papers be kept?" — "documents referred to in subparagraph (d) of
# this paragraph shall be kept for … two years": the item with a figure may name what it counts
# only by referring to a sibling item, whose words it borrows at this share (eval/dev-fresh22;
# for other questions, measured: an item referring to another is as often an alternative to it
# — "would not be compliant with paragraph 1 (a) …, may seek …" — and borrowing lost as many)
BORROWED = 0.5
ITEM_WINS = 1
CONTENTS_BONUS = 3  # "what must the request contain": the part that lists what it must
# "A request … shall specify: (a) …", "if the following conditions are met", "Requests shall be
# made in writing": what a request must hold, or a transfer must meet
_LISTS = re.compile(
    r"\bshall\s+(?:also\s+)?(?:contain|specify|include|indicate|set\s+out|state|be\s+accompanied)\b"
    r"|\bshall\s+be\s+made\s+in\s+writing\b|\bthe\s+following\s+conditions\b",
    re.I,
)
# what a question asking for a list's contents says of any item ("what information must it
# contain?"): not which item it is about
_LIST_WORDS = "information details particulars contents elements include contain specify indicate"
_ASKS_GROUNDS = re.compile(r"\b(?:what|which)\s+(?:grounds?|reasons?|circumstances|cases)\b", re.I)
GROUNDS_BONUS = 1
_RUNS_ON = re.compile(
    r"(?::|\b(?:if|that|where|to|of|the|following|include|including|shall|contain|be))\s*$", re.I
)
_ALTERNATIVE = re.compile(r"\bmay\s+instead\b|\bcannot\s+adopt\s+the\s+measures\b", re.I)
# "What may it do instead?" asks for the alternative itself
_ASKS_ALTERNATIVE = re.compile(r"\binstead\b|\balternative\b|\b(?:cannot|unable\s+to)\b", re.I)
# "Can we limit the offence to cases that cause serious harm?": the clause that lets a State
# narrow it ("may require that the conduct … result in serious harm"), not the offence itself
_NARROWS = re.compile(
    r"\bmay\s+(?:also\s+)?require\s+(?:that|an?\b|by\s+law)|\bmay\s+(?:limit|restrict)\b"
    r"|\breserve\s+the\s+right\s+to\s+(?:require|limit|restrict|apply)",
    re.I,
)
_ASKS_NARROWER = re.compile(
    r"\b(?:limit|restrict|confine|narrow)\w*\s+(?:[\w-]+\s+){0,4}?to\b|\bonly\s+(?:when|if|where"
    r"|in\s+cases?|cases?)\b|\b(?:extra|additional|further)\s+(?:elements?|conditions?|requirements?)"
    # "limit our offence of deleting or altering other people's data to cases that …"
    r"|\b(?:limit|restrict|confine|narrow)\w*\s+(?:[\w'’-]+\s+){5,12}?to\s+(?:cases?|situations?"
    r"|instances?|conduct|those|acts?)\b",
    re.I,
)
SAVES = 6  # ... a saving clause (labelled none, so short of what a part that binds or permits
# gets), to a question that asks to use the text against what it saves (dev: 6-9 alike)
ALLOWS_UNLESS = 3  # ... the part whose "unless" clause names what a permission question asks to do
NARROWS = 8  # ... worth this many shared words (the question restates the offence it narrows)
# "Must we hand over internal files that are not open to the public?": of the twin paragraphs
# on government records ("available to the general public" must be provided, "not available
# to the general public" may be), the one the question's records are
_PUBLIC = re.compile(r"\b(?P<not>not\s+)?available\s+to\s+the\s+general\s+public\b", re.I)
_ASKS_NOT_PUBLIC = re.compile(
    r"\bnot\s+(?:[\w-]+\s+){0,2}?(?:open|available|accessible|public)\b|\bnon-?public\b"
    r"|\b(?:internal|confidential|classified|secret)\b",
    re.I,
)
# "Our law lets us extradite without any treaty": the twin for States that "do not make
# extradition conditional on the existence of a treaty", not the one for those that do (only
# then: "Our old treaty lists offences …" asks about neither)
_TREATY_BASIS = re.compile(
    r"\b(?P<not>do(?:es)?\s+not\s+)?makes?\s+extradition\s+conditional\s+on\s+the\s+existence"
    r"\s+of\s+a\s+treaty\b",
    re.I,
)
_ASKS_NO_TREATY = re.compile(
    r"\bwithout\s+(?:a\s+|any\s+)?(?:specific\s+|bilateral\s+|extradition\s+)?treaty\b"
    r"|\bno\s+(?:extradition\s+)?treaty\b|\bnot?\s+(?:need|require)\w*\s+(?:a\s+|any\s+)?treaty\b",
    re.I,
)
# twins worded alike but for a "not": (their words, what asks for the "not" one, what a
# question must speak of for them to count)
_TWINS = (
    (_PUBLIC, _ASKS_NOT_PUBLIC, None),
    (_TREATY_BASIS, _ASKS_NO_TREATY, _ASKS_NO_TREATY),
)
TWIN = 2  # ... worth this many shared words, for or against
_ASKS_ACCESSION = re.compile(r"\b(?:accede\w*|acceding|accession)\b", re.I)
_OPEN_FOR_ACCESSION = re.compile(r"\bopen\s+for\s+accession\b", re.I)
# jurisdiction over an offence committed "by one of its nationals" or "against a national of
# that State Party": twins but for who the national is, the offender or the victim
_BY_OR_AGAINST = re.compile(
    r"\b(?P<side>by|against)\s+(?:one\s+of\s+its\s+nationals|a\s+national\s+of)\b", re.I
)
_ASKS_BY_NATIONAL = re.compile(
    r"\b(?:nationals?|citizens?)\s+(?:\w+\s+){0,2}?commit\w*"
    r"|\bcommitted\s+(?:abroad\s+)?by\s+(?:\w+\s+){0,3}?(?:nationals?|citizens?)\b",
    re.I,
)
_ASKS_AGAINST_NATIONAL = re.compile(
    r"\bagainst\s+(?:\w+\s+){0,3}?(?:nationals?|citizens?)\b"
    r"|\bvictims?\b[^.?]{0,40}\b(?:nationals?|citizens?)\b"
    r"|\b(?:nationals?|citizens?)\b[^.?]{0,40}\bvictims?\b",
    re.I,
)

# "… when the alleged offender is present in its territory and it does not extradite him":
# jurisdiction in lieu of extradition answers only a question that speaks of extradition
_IN_LIEU = re.compile(r"\b(?:does|do)\s+not\s+extradite\b", re.I)
_ASKS_EXTRADITION = re.compile(r"\bextradit\w*|\bsurrender\w*|\bhand\w*\s+(?:\w+\s+)?over\b", re.I)
# "Paragraphs 8 to 31 of this article shall apply to requests …": a referral says where the
# rule is, it is not the rule
_REFERRAL = re.compile(
    r"\bparagraphs?\s+\d+\s+(?:to|through|and)\s+\d+\s+of\s+this\s+article\s+shall\s+apply\b", re.I
)
# "Such measures may include, inter alia: (a) …": the parts are examples of a duty, not duties
_EXAMPLES = re.compile(r"\bmay\s+include\b", re.I)
# "the requested State may refuse to comply", "… shall not exercise the right to refuse …": a
# refusal is quoted with who may (or may not) refuse
_WHO_REFUSES = re.compile(
    r"\b(?:States?|Part(?:y|ies))\b(?:[\s,]+[\w-]+){0,3}?[\s,]+(?:may|shall|must)(?:\s+not)?"
    r"(?:[\s,]+[\w-]+){0,4}?[\s,]+(?:refus|declin|deny|reject)\w*",
    re.I,
)
LABEL_WORDS = {  # the label in words, for a named provision or a compared column
    Obligation.MANDATORY: "mandatory",
    Obligation.SHALL_CONSIDER: "to consider (not mandatory)",
    Obligation.SHALL_ENDEAVOUR: "to endeavour (not mandatory)",
    Obligation.MAY: "optional",
    Obligation.SHALL_NOT: "a prohibition",
}
STATUS = "The treaty texts do not record ratifications, signatures or current status."


Cite = Callable[[Provision], str]  # a provision's citation as the answer shows it


@dataclass
class Lead:
    """The lead's text (Markdown) and the passages it quotes, each verbatim in its provision."""

    text: str
    voice: Provision | None = None  # the provision whose words answer
    settled: bool = True  # False: its parts bind differently and fit the question alike
    quoted: list[tuple[Provision, str]] = field(default_factory=list)  # (provision, passage)
    verdict: str | None = None  # its verdict words ("Yes — mandatory."), when it gives one


def chapeau_of(node: Provision, corpus: Corpus) -> Provision | None:
    """The node whose text introduces ``node`` (its parent), when there is one."""
    if not node.path:
        return None
    return corpus.get(node.cite().unit).find(node.path[:-1])


def speaker(node: Provision, corpus: Corpus) -> Provision:
    """Where the words that bind are: a subparagraph without a verb of its own ("(a) The
    promise, offering or giving …") takes them from its chapeau ("shall consider adopting")."""
    if node.own.startswith("“"):  # a definition speaks for itself
        return node
    parent = chapeau_of(node, corpus)
    # "(a) (i) The conversion or transfer …": (a) only holds its clauses; the words that bind
    # are its own chapeau's ("Each State Party shall adopt …")
    while parent is not None and not parent.lead and parent.path:
        parent = chapeau_of(parent, corpus)
    # (a sentence that only keeps other law out of its reach, "(b) The use of … threats …
    # Nothing in this subparagraph shall prejudice the right …", is no verb of its own)
    said = " ".join(s for s in SENTENCE.split(node.own) if not _KEEPS_OTHER_LAW.match(s))
    speaks = own_modal(said) or _WEIGHS_ITSELF.match(node.own)
    if parent is not None and parent.lead and not speaks:
        return parent
    return node


# "(c) Consider taking such measures …": a part whose own verb says how much it binds
_WEIGHS_ITSELF = re.compile(r"(?:Consider|Endeavour)\b")
_KEEPS_OTHER_LAW = re.compile(r"Nothing\s+in\s+this\s+\w+\s+shall\b")


def _titled_cite(node: Provision, cite: Cite) -> str:
    title = node.title if node.title and len(node.title) <= TITLE_CHARS else None
    return cite(node) + (f" ({escape_markdown(title)})" if title else "")


def _lists_definitions(node: Provision) -> bool:
    """ "The following definitions shall apply: (a) “Board” means …": its parts answer."""
    return any(c.own.startswith("“") for c in node.children)


def _runs_on(node: Provision) -> bool:
    """A chapeau whose sentence goes on in its parts ("States Parties shall: (a) …")."""
    return bool(node.children) and bool(_RUNS_ON.search(node.own))


# "Which subjects …?", "Apart from the facts, what must we say …?": a question whose answer
# is what a list holds, of a kind that is not a figure, a permission or a named provision
_ASKS_LIST = re.compile(r"(?:^|[,;:]\s*)(?:(?:on|in|under|for)\s+)?(?:which|what)\b", re.I)
_LISTED_KINDS = (Kind.CONTENTS, Kind.GENERAL, Kind.DEFINITION, Kind.OBLIGATION)


def _asks_list(question: str, kind: Kind) -> bool:
    asked = re.split(r"(?<=[.!?])\s+", question.strip())[-1]
    # "On which grounds may we refuse?": the grounds listed, not whether there are any
    listed = kind in _LISTED_KINDS or (kind is Kind.PERMISSION and _ASKS_GROUNDS.search(asked))
    return bool(listed and _ASKS_LIST.search(asked))


def _asks_all(question: str, items: int) -> bool:
    """Whether the question asks for every item of a list of ``items``: "What two routes does
    the Convention give us?" of a list of two."""
    named = CARDINALS.split()[items - 1] if 0 < items <= 20 else None
    return named is not None and bool(
        re.search(rf"\b(?:what|which|the)\s+(?:{named}|{items})\b", question, re.I)
    )


def _passage(node: Provision, kind: Kind, terms: Terms, question: str) -> Passage | Listing:
    """The verbatim passage of ``node``'s own text that answers a question of ``kind`` (for a
    chapeau whose sentence runs on into its subparagraphs, "refuse assistance if: (a) …",
    through them)."""
    text = node.own
    modal = MODAL if kind in (Kind.OBLIGATION, Kind.PERMISSION) else None
    figure = asked_figure(question)
    figure = figure if figure.search(text) else FIGURE
    whole = " ".join(node.text.split())
    listed_at = len(node.children) > 1 and _LISTS.search(whole)
    if kind is Kind.CONTENTS and listed_at:
        # "… requests shall contain: (a) … (b) In the case of a request pertaining to
        # paragraph 1 (b), a legally admissible copy …": the item the question is about
        # (besides the words of the list's own sentence: "what must a request contain?")
        lists = next((s for s in reversed(sentences(text)) if _LISTS.search(s)), text)
        asked = terms.without(f"{lists} {_LIST_WORDS}")
        items = sorted(
            ((asked.overlap(c.text), -i, c) for i, c in enumerate(node.children)),
            key=lambda x: x[:2],
        )
        if items[-1][0] >= items[-2][0] + ITEM_WINS:
            return chapeau_and_part(lists, " ".join(items[-1][2].text.split()), terms)
    # "which subjects …?", "what must the notice contain?": the list, item by item
    if len(node.children) > 1 and (
        (kind is Kind.CONTENTS and listed_at) or _asks_list(question, kind)
    ):
        listed = [(c.label or "", " ".join(c.text.split())) for c in node.children]
        every = _asks_all(question, len(listed))
        return listing(" ".join(text.split()), listed, terms, every=every)
    # "… for every offence?" — "in relation to a range of serious criminal offences …": the
    # words that limit the duty's reach
    if ASKS_EVERY_OFFENCE.search(question) and LIMITS_OFFENCES.search(text):
        return window(best_sentence(whole, terms, LIMITS_OFFENCES), terms, LIMITS_OFFENCES)
    if _runs_on(node):  # one sentence, read through its parts (with its verb, when asked)
        # ... at the figure asked for, when its own words hold one ("for not less than ten
        # years, of information …: (a) …")
        anchor = figure if kind is Kind.FIGURE and figure.search(text) else modal
        return window(
            whole, terms, anchor and anchor.search(text) and anchor, every=kind is Kind.FIGURE
        )
    if kind is Kind.DEFINITION and DEFINED.search(text):
        return definition_passage(node, terms, question)
    refusal = _WHO_REFUSES if _WHO_REFUSES.search(text) else REFUSE
    if not refusal.search(text) and REFUSE.search(question):
        refusal = RELEASES  # "can we refuse to transfer?" — "shall not be required to transfer"
    for wanted, pattern in ((Kind.FIGURE, figure), (Kind.PERMISSION, refusal)):
        if kind is wanted and pattern.search(text):
            return window(
                best_sentence(text, terms, pattern), terms, pattern, every=kind is Kind.FIGURE
            )
    # "Can the two States agree to apply the Convention's paragraphs instead?" — "… that
    # treaty shall apply unless the States Parties agree to apply paragraphs 9 to 29 …"
    if kind is Kind.PERMISSION and (
        allowing := [s for s in sentences(text) if allowed_unless(question, s)]
    ):
        return window(allowing[0], terms, UNLESS)
    # "May we insist on the diplomatic channel?" — "… without prejudice to the right of a Party
    # to require that such requests … be addressed to it through the diplomatic channel": the
    # clause that saves the right asked about, from its first words
    if kind is Kind.PERMISSION and (
        saving := [s for s in sentences(text) if saved_right(question, s)]
    ):
        clause = window(saving[0][SAVED_RIGHT.search(saving[0]).start() :], terms)
        return Passage(clause.pieces, cut_start=True, cut_end=clause.cut_end)
    # "… does not list the offence: can we refuse?" — "… shall be deemed to be included …";
    # "… because it is no crime here?" — "dual criminality shall not be required as a condition"
    for barred, pattern in (
        (unlisted_refused, DEEMED_INCLUDED),
        (not_a_condition, NOT_A_CONDITION),
    ):
        if kind is Kind.PERMISSION and (
            found := [s for s in sentences(text) if barred(question, s)]
        ):
            return window(found[0], terms, pattern)
    # "… shall not be prosecuted, detained …", "A Party may require that …"
    if kind is Kind.PERMISSION and SAVING.search(text):  # a rule, and a clause saving from it
        return window(_rule_or_saving(text, terms), terms, RULE_OR_SAVING)
    for pattern in (SAYS[Obligation.SHALL_NOT], PERMITS):
        if kind is Kind.PERMISSION and pattern.search(text):
            return window(best_sentence(text, terms, pattern), terms, pattern)
    # "… our court rules will not allow that. What do we do?" — "If the receiving Party cannot
    # comply with such request, it shall notify the providing Party …": the duty the case the
    # question describes brings about, through its verb
    # (when the question says it cannot be done, the case in which it cannot)
    if _ASKS_ACTION.search(question) and (
        cases := [s for s in sentences(text) if _CASE_DUTY.search(s)]
    ):
        if _IMPEDED.search(question):
            cases = [s for s in cases if _IMPEDED.search(_CASE_DUTY.search(s)[0])] or cases
        return window(best_sentence(" ".join(cases), terms), terms, _CONSEQUENT)
    # the verb a weaker duty is read from ("shall, if its domestic law so permits, … consider")
    weaker = node.obligation in (Obligation.SHALL_CONSIDER, Obligation.SHALL_ENDEAVOUR)
    says = SAYS[node.obligation] if weaker else None
    if kind in (Kind.OBLIGATION, Kind.PERMISSION) and says is not None and says.search(text):
        return window(best_sentence(text, terms, says), terms, says)
    if kind in (Kind.OBLIGATION, Kind.PERMISSION) and MODAL.search(text):
        return window(best_sentence(text, terms, MODAL), terms, MODAL)
    # "what kinds of training …?": the sentence that gives examples ("may include language
    # training, secondments …"), not the one that only names the thing
    if _ASKS_KINDS.search(question) and _GIVES_KINDS.search(text):
        return window(best_sentence(text, terms, _GIVES_KINDS), terms)
    return window(best_sentence(text, terms), terms)


_ASKS_BEYOND_USUAL = re.compile(
    r"\b(?:besides|apart\s+from|beyond|on\s+top\s+of|in\s+addition\s+to|over\s+and\s+above)"
    r"\b[^?]{0,40}?\b(?:usual|standard|ordinary|general|normal|regular|basic|common)\b",
    re.I,
)
_ADDS_TO = re.compile(
    r"\bIn\s+addition\s+to\s+the\s+(?:information|particulars|requirements|contents?)\s+"
    r"(?:specified|set\s+out|referred\s+to|listed)",
    re.I,
)
# "What do we do?", "what must it do instead?", "What does UNTOC say we should do?"
_ASKS_ACTION = re.compile(
    r"\bwhat\b[^?]{0,60}?\bdo\b(?:\s+(?:next|now|then|instead|first))?\s*(?:\?|,|$)", re.I
)
# a sentence that says what a Party shall do in a case: "If …, it shall notify …", "Where, …,
# the requested Party shall expeditiously disclose …"; and that duty's words
_CASE_DUTY = re.compile(
    r"^(?:If|Where|When|Whenever|In\s+the\s+event|Should)\b.*?,\s(?:(?!,)[^.;]){0,60}?"
    r"\bshall\b(?!\s+not\b)"
)
_IMPEDED = re.compile(
    r"\b(?:cannot|can't|unable|not\s+(?:able|possible|allow\w*|permit\w*)|will\s+not|won't|"
    r"forbid\w*|prohibit\w*|prevent\w*)\b",
    re.I,
)
_CONSEQUENT = re.compile(r"(?<=,\s)(?:(?!,)[^.;]){0,60}?\bshall\b(?!\s+not\b)(?:\s+[\w'-]+){1,7}")


_ASKS_KINDS = re.compile(r"\b(?:what|which)\s+(?:kinds?|types?|sorts?|forms?)\s+of\b", re.I)
_GIVES_KINDS = re.compile(r"\b(?:include|including|such\s+as|inter\s+alia)\b", re.I)


def definition_passage(node: Provision, terms: Terms, question: str = "") -> Passage:
    """A definition, from its term on ("For the purposes of this Protocol: “racist and
    xenophobic material” means …"), at the clause the question asks about besides the term
    itself: "“Public official” shall mean … (ii) any other person who performs a public
    function, including for a public agency or public enterprise …"; for "when does … count
    as …?", through to its condition ("… if any one of the States Parties concerned does not
    authorize it …")."""

    def from_term(text: str) -> str:
        text = " ".join(text.split())
        defined = DEFINED.search(text)
        return text[defined.start() :] if defined else text

    if defined := DEFINED.search(" ".join(node.text.split())):
        terms = terms.without(defined["term"])
    clauses = [" ".join(c.text.split()) for c in node.children]
    best = max(clauses, key=terms.overlap, default="")
    if best and terms.overlap(best) > terms.overlap(node.own):
        return chapeau_and_part(from_term(node.own), best, terms)
    text = from_term(node.text)
    if _ASKS_WHEN.search(question) and (condition := _CONDITION.search(text, 40)):
        return chapeau_and_part(text[: condition.start()], text[condition.start() :], terms)
    return window(text, terms)


_ASKS_WHEN = re.compile(
    r"^\W*(?:when|in\s+what\s+(?:case|circumstance)s?|under\s+what\s+conditions?)\b", re.I
)
_CONDITION = re.compile(r"\b(?:if|where|when|unless|provided\s+that)\b", re.I)


def _ground(question: str, terms: Terms, parts: list[Provision]) -> str | None:
    """The most telling word of the ground a refusal question names ("… because the offence
    is political" → "polit"; before "on that basis", what it refers back to) that some part of
    the article says, if it names one."""
    named = ASKS_GROUND.search(question) if REFUSE.search(question) else None
    if named is None:
        return None
    # a ground of refusal is named where refusing is spoken of
    # (with the grounds listed in its parts: "Mutual legal assistance may be refused: … (b) …")
    said = [roots(n.text) for n in parts if REFUSE.search(f"{n.lead} {n.tail}")] or [
        roots(n.text) for n in parts
    ]
    ground = question[: named.start()] if named["back"] else question[named.end() :]
    ground = REFUSE.sub(" ", ground)  # ("Can we refuse … on that ground?": not the refusing)
    asked = terms.shared(expand_terms(terms.in_english(ground)))
    words = [w for w in sorted(asked) if any(w in r for r in said)]
    # the rarest in the corpus, then in the article ("security", not the "prejudice" of its
    # every "without prejudice to …")
    every = [roots(f"{n.lead} {n.tail}") for n in parts]
    return max(words, key=lambda w: (terms.weight(w), -sum(w in r for r in every)), default=None)


NAMED_TERM = 10  # a definition of the very term a question quotes, over any that shares words
_QUOTED = re.compile(r"(?<!\w)['\"“‘](?P<term>[^'\"”’]{2,60})['\"”’](?!\w)")


@lru_cache(maxsize=64)
def _quoted_terms(question: str) -> frozenset[str]:
    return frozenset(m["term"].strip().casefold() for m in _QUOTED.finditer(question))


def _defined_in(text: str) -> str | None:
    """The term a part defines, if it defines one."""
    if text.startswith("“"):
        return text[1 : text.find("”")]
    where = DEFINED.search(text)
    return where["term"] if where else None


def _fits(
    node: Provision, kind: Kind, terms: Terms, question: str, ground: str | None = None
) -> float:
    """How well a part of an article answers a question of ``kind``: shared words, plus what
    the kind looks for (a figure, a refusal, a State's duty, a defined term). A chapeau's
    closing words after its parts ("…; traffic data, in real time") are its own too."""
    text = f"{node.lead} {node.tail}".strip()
    score = terms.overlap(text)
    if kind is Kind.FIGURE and (figure := asked_figure(question).search(text)):
        score += FIGURE_BONUS + 2 * FIGURE_BONUS * counted_from(question, text[figure.end() :])
        # "Is there a minimum period before we can denounce, or when are we allowed to?" — "may
        # denounce … at any time", not the year after which the denunciation takes effect
        score += FIGURE_BONUS * bool(ASKS_WHEN_FREE.search(question) and AT_ANY_TIME.search(text))
    # "From when will it be in force for us?": the rule for each State that joins later ("For
    # each State … acceding … after the deposit of the thirtieth instrument"), not the first
    if kind is Kind.FIGURE and ASKS_FOR_ONE.search(question) and FOR_EACH.match(text):
        score += FIGURE_BONUS
    # ... while "How many countries must ratify it?" or "How long after the fortieth instrument
    # does it enter into force?" asks for the first: the rule for each later State names the
    # same "fortieth instrument" only to say after which it applies
    elif kind is Kind.FIGURE and FOR_EACH.match(text):
        score -= FIGURE_BONUS
    if kind is Kind.CONTENTS and _LISTS.search(text):  # with the items it lists
        score = terms.overlap(node.text) + CONTENTS_BONUS
    # "refuse … because the offence is political": the part that names the ground, not any
    # part about refusing ("… on the sole ground that … fiscal matters")
    refusal = (ground in roots(text)) if ground else bool(REFUSE.search(text))
    if kind is Kind.PERMISSION and REFUSE.search(question) and refusal:
        score += 3
    if kind in (Kind.OBLIGATION, Kind.PERMISSION):  # a State's duty or option, not a definition
        score += STATE_LABEL if node.obligation in VERDICT | PERMITTED else 0
        if kind is Kind.PERMISSION and sentence_permits(node.obligation, text) in PERMITTED:
            score += ANSWERS_PERMISSION
        # "Where a State Party … cannot adopt the measures referred to in paragraph 1, it may
        # instead …": the rule is the paragraph it departs from
        alternative = _ALTERNATIVE.search(text) and not _ASKS_ALTERNATIVE.search(question)
        in_lieu = _IN_LIEU.search(text) and not _ASKS_EXTRADITION.search(question)
        score -= 2 * STATE_LABEL if alternative or in_lieu else 0
        # "Must filming a child's abuse be a crime?": the duty, not the reservation from it
        score -= 2 * STATE_LABEL * bool(kind is Kind.OBLIGATION and RESERVES_OUT.search(text))
        score += NARROWS * bool(_NARROWS.search(text) and _ASKS_NARROWER.search(question))
        # "… for every offence?": the part that says for which offences the duty holds
        score += NARROWS * bool(
            LIMITS_OFFENCES.search(text) and ASKS_EVERY_OFFENCE.search(question)
        )
        # "Can the repatriation article be used to cut back our victims' rights?": the part
        # that saves them from it (or "… without criminal liability?": the part that imposes none)
        score += SAVES * bool(
            (
                SAVES_FROM_IT.search(text)
                and (ASKS_TO_USE_IT.search(question) or ASKS_STILL.search(question))
            )
            or (kind is Kind.PERMISSION and forbids_contrary(question, text))
            or (kind is Kind.PERMISSION and free_of_liability(question, text))
        )
        # "Could the two States agree to …?": the part whose "unless" clause allows just that
        # ... or whose saving clause keeps the State's right to do it
        score += ALLOWS_UNLESS * (
            kind is Kind.PERMISSION
            and (
                allowed_unless(question, text)
                or saved_right(question, text)
                or asked_passive(question, text)
            )
        )
        side = _BY_OR_AGAINST.search(text)
        by, against = _ASKS_BY_NATIONAL.search(question), _ASKS_AGAINST_NATIONAL.search(question)
        if side and bool(by) != bool(against):
            score += 2 * TWIN if (side["side"].lower() == "by") == bool(by) else -2 * TWIN
        for words, asks_not, about in _TWINS:
            twin = words.search(text)
            if twin and (about is None or about.search(question)):
                asked = bool(asks_not.search(question))
                score += TWIN if bool(twin["not"]) == asked else -TWIN
    # "… wants to accede to it": the paragraph that opens the instrument for accession, not
    # the one on signing or ratifying it, which says the same of regional organisations
    if _ASKS_ACCESSION.search(question) and _OPEN_FOR_ACCESSION.search(text):
        score += 2 * TWIN
    # "Besides the usual contents of a request, what must it say?": the paragraph that adds to
    # them ("In addition to the information specified in article 46, paragraph 15, …")
    if _ASKS_BEYOND_USUAL.search(question) and _ADDS_TO.search(text):
        score += 2 * TWIN
    # "On what grounds can it be refused?" asks for the grounds that permit a refusal, not the
    # one that may not be relied on ("may not refuse … on the sole ground …")
    if _ASKS_GROUNDS.search(question) and REFUSE.search(question) and REFUSE.search(text):
        said = sentence_permits(node.obligation, text)
        score += GROUNDS_BONUS * ((said is Obligation.MAY) - (said is Obligation.SHALL_NOT))
    score -= 2 * STATE_LABEL if _REFERRAL.search(text) else 0
    # a definition, whether it opens the part or follows its scope ("For the purposes of
    # paragraph 1 …, “public official” shall mean …")
    if kind is Kind.DEFINITION and (defined := _defined_in(text)):
        score += 3 * terms.overlap(defined)
        # "it cannot be a 'structured group'": the term the question quotes is the one asked
        score += NAMED_TERM * (defined.casefold() in _quoted_terms(question))
    return score


TITLE_WORDS = 0.5  # ... its article's title words weighing this much (they are every part's)
DENSE_PART = 10  # ... and the part whose chunk is closest in meaning (the adapted model)
PART_MEANING = 5  # ... and the part itself closest in meaning (search/parts.py)
PART_ASKED = 1.5  # ... its meaning counting the questions written for it this much (dev sets)


def part_meaning(own: Mapping[str, float], asked: Mapping[str, float]) -> dict[str, float]:
    """Each part's closeness in meaning to the question: its own text's (search/parts.py),
    plus PART_ASKED × that of the nearest practitioner question written for it, or for a part
    inside it (search/question_vectors.py): "Can they put it on hold?" is nearer to the
    questions written for the postponement paragraph than to its words."""
    return {part: v + PART_ASKED * asked.get(part, v) for part, v in own.items()}


def _near(node: Provision, closeness: Mapping[str, float]) -> float | None:
    """The dense similarity of the chunk that holds ``node`` (or of its best inner chunk)."""
    cited = node.citation  # (formatted once: an article's parts meet every chunk)
    if cited in closeness:
        return closeness[cited]
    holders = [v for c, v in closeness.items() if inside(cited, c)]
    inner = [v for c, v in closeness.items() if inside(c, cited)]
    return max(holders or inner, default=None)


def _ranked(
    unit: Provision,
    matched: Provision,
    kind: Kind,
    question: str,
    terms: Terms,
    closeness: Mapping[str, float] | None = None,
    meaning: Mapping[str, float] | None = None,
    asked: Mapping[str, float] | None = None,
    spared: Callable[[str], bool] | None = None,
) -> tuple[list[tuple[float, Provision]], Provision]:
    """The parts of ``unit`` with text of their own, best fit first (retrieval's own match a
    little ahead; on a tie the earlier part, since treaties state the rule first), and the
    part that would be first by their own meaning alone, without the questions written for
    them. ``closeness``: the dense similarity of the chunks that hold them; ``meaning``:
    theirs; ``asked``: that of the nearest question written for each (``part_meaning``);
    ``spared``: whether a part's text leaves out the offence the question names."""
    parts = [n for n in unit.walk() if n.own.strip() and not _lists_definitions(n)] or [unit]
    terms = terms.discounting(unit.title or "", TITLE_WORDS)
    ground = _ground(question, terms, parts) if kind is Kind.PERMISSION else None
    near = [_near(n, closeness or {}) for n in parts]
    known = [v for v in near if v is not None]
    top, low = max(known, default=0.0), min(known, default=0.0)
    fits = [_fits(n, kind, terms, question, ground) for n in parts]
    rest = [
        (BORROWED * _borrowed(n, unit, terms) if kind is Kind.FIGURE else 0.0)
        + MATCHED * (n is matched)
        + DENSE_PART * ((low if v is None else v) - top)
        - SPARED * bool(spared and spared(n.own))
        for n, v in zip(parts, near, strict=True)
    ]
    base = [fit + r for fit, r in zip(_lifted(unit, parts, fits), rest, strict=True)]
    own = meaning or {}
    cited = [n.citation for n in parts]  # (formatted once: it is looked up twice per ranking)
    ranked = _by_meaning(parts, cited, base, part_meaning(own, asked) if asked else own)
    # the rule the parts' own meaning chooses, each item by its own words: an item lifted to
    # its chapeau's is the chapeau's rule, not a rival to it (see lead_for)
    words = [fit + r for fit, r in zip(fits, rest, strict=True)]
    plain = _by_meaning(parts, cited, words, own)[0][1] if asked else ranked[0][1]
    return ranked, plain


def _lifted(unit: Provision, parts: list[Provision], fits: list[float]) -> list[float]:
    """Each part's fit, an item of a chapeau whose sentence runs on into it ("… exchange …
    information on matters such as: … (d) Means and methods of concealment …") fitting at
    least as well as its chapeau: the item goes on the chapeau's sentence, so the words the
    question shares with the chapeau are the item's too, and which of them answers is for
    their meaning to tell ("hiding tricks"). Not more: an item does not outrank another
    paragraph by its chapeau's words. Only under a chapeau that binds (a paragraph, or one
    with a verb of its own): an item of a verbless item ("(b) Compel a service provider …:
    (i) To collect …") would be quoted without the words that bind, and so with no verdict
    (measured: docs/evaluation.md#session-33)."""
    fit = {id(n): f for n, f in zip(parts, fits, strict=True)}
    above = {id(child): n for n in unit.walk() for child in n.children}

    def lifted(node: Provision) -> float:
        chapeau = above.get(id(node))
        binds = chapeau is not None and (len(chapeau.path) <= 1 or own_modal(chapeau.own))
        if not binds or id(chapeau) not in fit or not _runs_on(chapeau):
            return fit[id(node)]
        return max(fit[id(node)], lifted(chapeau))

    return [lifted(n) for n in parts]


def _borrowed(node: Provision, unit: Provision, terms: Terms) -> float:
    """How much more of the question ``node`` says with the words of the sibling items it
    refers to ("subparagraph (d) of this paragraph"; ``Provision.refs``)."""
    if len(node.path) < 2:
        return 0.0
    own = f"{node.lead} {node.tail}"
    siblings = (unit.find(node.path[:-1] + labels) for labels in _referred(node))
    said = " ".join(s.own for s in siblings if s is not None and s is not node)
    return terms.overlap(f"{own} {said}") - terms.overlap(own) if said else 0.0


def _referred(node: Provision) -> list[tuple[str, ...]]:
    """Where the items of its own paragraph that ``node`` refers to are, below it."""
    parent = node.citation[: node.citation.rindex("(")]  # "… art. 12(9)(e)" -> "… art. 12(9)"
    return [
        tuple(re.findall(r"\((\w+)\)", r[len(parent) :]))
        for r in node.refs
        if r.startswith(f"{parent}(")
    ]


def _by_meaning(
    parts: list[Provision], cited: list[str], base: list[float], meaning: Mapping[str, float]
) -> list[tuple[float, Provision]]:
    """``parts`` (whose citations are ``cited``) best first by their ``base`` score plus
    PART_MEANING × how far each falls short of the closest in ``meaning`` (one it does not
    know counts as the closest); on a tie the earlier part."""
    best = max((meaning[c] for c in cited if c in meaning), default=0.0)
    scored = [
        (score + PART_MEANING * (meaning.get(c, best) - best), -i, n)
        for i, (n, c, score) in enumerate(zip(parts, cited, base, strict=True))
    ]
    return [(score, n) for score, _, n in sorted(scored, key=lambda x: x[:2], reverse=True)]


# The answer a label gives to a question of each kind: a "yes" and a "no" may not be mixed up,
# while "to consider" and "optional" both answer "is it mandatory?" with no.
_ANSWERS = {
    Kind.OBLIGATION: {
        Obligation.MANDATORY: True,
        Obligation.SHALL_CONSIDER: False,
        Obligation.SHALL_ENDEAVOUR: False,
        Obligation.MAY: False,
    },
    Kind.PERMISSION: {Obligation.SHALL_NOT: False, Obligation.MAY: True},
}


@lru_cache(maxsize=32)
def _titles(instrument: str, corpus: Corpus) -> dict[str, str]:
    """The instrument's articles' titles, by number."""
    return {
        u.number: u.title
        for u in corpus.documents[instrument].units
        if u.division is Division.ARTICLE and u.number and u.title
    }


_ESTABLISHES = re.compile(r"\bestablish\s+as\s+(?:a\s+)?criminal\s+offences?\b", re.I)
SPARED = 2 * STATE_LABEL  # a part kept from the offence the question names is no answer


@lru_cache(maxsize=32)
def _offences(instrument: str, corpus: Corpus) -> frozenset[str]:
    """The numbers of the instrument's articles that establish criminal offences."""
    return frozenset(
        u.number
        for u in corpus.documents[instrument].units
        if u.division is Division.ARTICLE and u.number and _ESTABLISHES.search(u.text)
    )


def _twins(one: Provision, other: Provision) -> bool:
    """Whether two parts are twins worded alike but for a "not" (records available, or not,
    to the general public; extradition made conditional on a treaty, or not)."""
    for words, _, _ in _TWINS:
        first, second = (words.search(n.own) for n in (one, other))
        if first and second and bool(first["not"]) != bool(second["not"]):
            return True
    return False


def _settled(
    ranked: list,
    corpus: Corpus,
    order: list[Provision],
    kind: Kind,
    terms: Terms,
    said: Obligation | None = None,
) -> Settlement:
    """Whether the best part wins clearly over any earlier part that answers otherwise:
    when "paragraph 1 mandatory, paragraph 2 to consider" fit the question about equally and
    paragraph 2 is chosen, no verdict is given. Sharing as many of the question's words is
    fitting about equally, whatever the closeness in meaning says ("bribery of foreign public
    officials": giving, art. 16(1), mandatory; accepting, art. 16(2), to consider). (A later
    option, "A Party may require …", qualifies the rule before it; it does not unsettle it.)"""
    (best, node), *rest = ranked
    answers = _ANSWERS.get(kind, {})
    label = said if said in answers else speaker(node, corpus).obligation
    position = {id(n): i for i, n in enumerate(order)}
    words = terms.shared(node.own)
    close = [
        (s, speaker(n, corpus).obligation)
        for s, n in rest
        if position.get(id(n), 0) < position.get(id(node), 0)
        and (best - s < CLEAR_WIN or terms.shared(n.own) == words)
        and not _twins(n, node)  # the question said which one it is about (see TWIN)
    ]
    if label not in answers:  # no verdict is asked: parts bind differently or not at all
        binding = set(VERDICT) | set(PERMITTED)
        return Settlement(not any(o in binding - {label} for _, o in close), False)
    rivals = [o for _, o in close if o in answers and answers[o] != answers[label]]
    alike = [o for _, o in close if o in answers and o is not label]
    return Settlement(not rivals, bool(alike) and not rivals)


def _rule_or_saving(text: str, terms: Terms) -> str:
    """The rule ("shall not … use … without the prior consent") or the clause that saves from
    it ("Nothing in this paragraph shall prevent … disclosing … exculpatory"), whichever shares
    more of the question; the saving clause on a tie, since a question that reaches into the
    exception as far as into the rule asks whether the exception applies."""
    found = [s for s in sentences(text) if RULE_OR_SAVING.search(s)]
    return max(found, key=lambda s: (terms.overlap(s), bool(SAVING.search(s))))


def lead_for(
    unit: Provision,
    matched: Provision,
    kind: Kind,
    question: str,
    corpus: Corpus,
    cite: Cite,
    confident: bool = True,
    closeness: Mapping[str, float] | None = None,
    meaning: Mapping[str, float] | None = None,
    asked: Mapping[str, float] | None = None,
) -> Lead:
    """The lead for a question of ``kind`` answered by ``unit`` (an article; ``matched`` is
    the part retrieval matched). ``confident``: retrieval is sure enough of the article for a
    verdict to be given at all. ``closeness``, ``meaning``, ``asked``: how near the question
    came to the chunks, to the parts and to the questions written for them (``_ranked``).
    When the questions choose a part whose verdict differs from that of the part the parts'
    own meaning chooses, no verdict is given: the two disagree about which rule answers
    (measured: docs/evaluation.md#session-25). A part that refers to the one the questions
    choose ("… conduct as described in paragraph 1 …") is an exception to it, and an item of
    the sentence they choose ("… shall … empower …: (b) Compel a service provider …") is
    governed by its verb: neither is a rival."""
    terms = Terms.of(question, corpus)
    titles, offences = _titles(unit.instrument, corpus), _offences(unit.instrument, corpus)
    ranked, plain = _ranked(
        unit,
        matched,
        kind,
        question,
        terms,
        closeness,
        meaning,
        asked,
        lambda text: spares_named(question, text, titles, offences),
    )
    node = ranked[0][1]
    voice, rival = speaker(node, corpus), speaker(plain, corpus)
    if (
        confident
        and kind in _ANSWERS
        and rival is not voice
        and node.citation not in plain.refs
        and not rival.citation.startswith(f"{voice.citation}(")
    ):
        given = (unit, matched, kind, question, corpus, str, True, closeness)
        chosen = lead_for(*given, part_meaning(meaning or {}, asked or {}))
        confident = chosen.verdict is None or chosen.verdict == lead_for(*given, meaning).verdict
    # "an offence is transnational in nature if … (d) It is committed …": the part chosen over
    # its chapeau, after the chapeau's opening words, even when the chapeau shares more of the
    # question's words ("his helping role": "… as criminal offences: … (b) Participating as an
    # accomplice"), not whichever of its parts repeats a word (docs/evaluation.md#session-33)
    through = node is not voice and _runs_on(voice)
    passage = (
        chapeau_and_part(voice.own, node.own, terms)
        if through
        else _passage(voice, kind, terms, question)
    )
    quote = in_quotes(passage)
    if through:  # cited at the part ("UNCAC art. 15(a)"), its chapeau's words cited too
        cite(voice)
    who = _titled_cite(node if through else voice, cite)
    said = passage.text
    label = (
        clause_label(voice.obligation, passage, terms, voice.text)
        if kind is Kind.OBLIGATION
        else sentence_permits(voice.obligation, said)
        if kind is Kind.PERMISSION
        else None
    )
    settlement = _settled(ranked, corpus, list(unit.walk()), kind, terms, label)
    about = terms.shared(" ".join((voice.own, node.text, voice.title or "")))
    # an example of a duty is no duty ("Such measures may include …: (b) …"), but a measure a
    # State may take ("Can we let her testify by video link?" — "may include … video links")
    example = node is not voice and _EXAMPLES.search(voice.own) and kind is not Kind.PERMISSION
    verdict = (
        verdict_for(
            kind, label or voice.obligation, about, passage, voice.own, settlement, question
        )
        if confident and not example
        else None
    )
    # each piece with the provision it is from (the chapeau's opening and verb are its own)
    quoted = [
        (node if through and not is_verbatim(p, voice.own) else voice, p) for p in passage.pieces
    ]
    lead = Lead("", voice=voice, settled=settlement.settled, quoted=quoted)
    split = (
        _split(ranked, voice, kind, terms, question, corpus, cite)
        if confident and not example
        else None
    )
    if split is not None:
        lead.text, more = split
        lead.quoted, lead.settled = more, False  # no one label: the badge is left out
        return lead
    if verdict == VERDICT[Obligation.MANDATORY] and leaves_out_listed(
        question, passage.text, _titles(voice.instrument, corpus)
    ):
        verdict = CARVED_OUT  # "attempted illegal access": not among the articles listed
    lead.verdict = verdict
    if verdict == VERDICT[Obligation.SHALL_CONSIDER]:
        lead.text = f"{verdict} {who} asks each State Party to *consider* it: {quote}."
    elif verdict is not None:
        lead.text = f"{verdict} {who}: {quote}."
    elif kind is Kind.DEFINITION and DEFINED.search(voice.own):
        lead.text = f"{who} defines it: {quote}."
    elif kind is Kind.FIGURE and confident and (figure := stated_figure(question, said)):
        # the figure first, in the treaty's words: "“up to a maximum of ninety days” — …"
        lead.text = f"“{escape_markdown(figure)}” — {who} provides: {quote}."
    else:
        lead.text = f"{who} provides: {quote}."
    qualifiers = [  # one the quote holds, or that holds the quote, is not said again
        q
        for q in voice.qualifiers
        if not any(is_verbatim(q, p) or is_verbatim(p, q) for p in passage.pieces)
    ]
    if verdict is not None and qualifiers:
        lead.text += f" It is qualified: {in_quotes(Passage((qualifiers[0],)))}."
        lead.quoted.append((voice, qualifiers[0]))
    return lead


_PART_BINDS = {
    Obligation.MANDATORY: "binds each State Party (mandatory)",
    Obligation.SHALL_CONSIDER: "asks it only to *consider* it",
    Obligation.SHALL_ENDEAVOUR: "asks it only to *endeavour* to",
    Obligation.MAY: "leaves it to each State Party (*may*)",
}


_LESSER = (Obligation.SHALL_CONSIDER, Obligation.SHALL_ENDEAVOUR, Obligation.MAY)


def _split(
    ranked: list,
    voice: Provision,
    kind: Kind,
    terms: Terms,
    question: str,
    corpus: Corpus,
    cite: Cite,
) -> tuple[str, list[tuple[Provision, str]]] | None:
    """A lead that answers in part, when a duty and a lesser measure share every word the
    question has ("bribery of foreign public officials": giving it, art. 16(1), is mandatory;
    accepting it, art. 16(2), only to consider): each with its label and words, the rule
    first; None unless the two are the only parts with those words and both labels are shown
    by the words quoted."""
    if kind is not Kind.OBLIGATION or ranked[0][1] is not voice:  # not an item of its chapeau
        return None
    if any(words.search(voice.own) for words, _, _ in _TWINS):  # the twin asked (see TWIN)
        return None
    words = terms.shared(voice.own)
    alike = [speaker(n, corpus) for _, n in ranked if terms.shared(n.own) == words]
    duty = next((v for v in alike if v.obligation is Obligation.MANDATORY), None)
    lesser = next((v for v in alike if v.obligation in _LESSER), None)
    # a pair that differs in what it is about, not a run of paragraphs with the same words
    if len(words) < 2 or len(alike) != 2 or duty is None or lesser is None or voice not in alike:
        return None
    shown, quoted = [], []
    for part in sorted((duty, lesser), key=list(corpus.get(voice.cite().unit).walk()).index):
        passage = _passage(part, kind, terms, question)
        label = part.obligation
        if not supported(label, passage.text) or (
            label is Obligation.MANDATORY and not binds_a_state(passage.text)
        ):
            return None
        # twins worded alike but for the verb ("Shall also take …" / "May also take …"):
        # the words the first already quoted are not quoted again
        fresh = tuple(p for p in passage.pieces if not any(is_verbatim(p, q) for _, q in quoted))
        if fresh != passage.pieces and fresh:
            passage = Passage(fresh, passage.cut_start, True)
        shown.append(f"{_titled_cite(part, cite)} {_PART_BINDS[label]}: {in_quotes(passage)}")
        quoted += [(part, piece) for piece in passage.pieces]
    return f"In part. {'; '.join(shown)}.", quoted


def label_words(node: Provision) -> str | None:
    """A provision's label in words (for a named provision or a compared column); for an
    article labelled only in its paragraphs, theirs: "(1) mandatory, (2) optional"."""
    if node.obligation:
        return LABEL_WORDS.get(node.obligation)
    parts = [(c.label, LABEL_WORDS.get(c.obligation)) for c in node.children if c.obligation]
    parts = [(label, words) for label, words in parts if words]
    if not parts or len(parts) > 4:
        return None
    return ", ".join(f"({label}) {words}" for label, words in parts)


def _titled(doc_id: str, corpus: Corpus, pattern: str) -> Provision | None:
    title = re.compile(pattern, re.I)
    return next(
        (
            u
            for u in corpus.documents[doc_id].units
            if u.division is Division.ARTICLE and u.title and title.search(u.title)
        ),
        None,
    )


def status_lead(doc_id: str, corpus: Corpus, cite: Cite) -> Lead:
    """What the texts can say about a status question: that they do not record it, and which
    provision governs entry into force (and who keeps the record, where an article says so)."""
    lead = Lead(STATUS)
    entry = _titled(doc_id, corpus, r"^entry into force") or _titled(
        doc_id, corpus, r"entry into force"
    )
    if entry is None:
        return lead
    says = re.compile(r"\bshall\s+enter\s+into\s+force\b", re.I)
    first = next((n for n in entry.walk() if says.search(n.own)), entry)
    passage, cut_end = cut(best_sentence(first.own, Terms.of("", corpus), says))
    name = corpus.manifest.get(doc_id).short_name
    lead.text += (
        f" {_titled_cite(first, cite)} sets when the {escape_markdown(name)} enters into force: "
        f"{in_quotes(Passage((passage,), False, cut_end))}."
    )
    lead.voice = first
    lead.quoted.append((first, passage))
    depositary = _titled(doc_id, corpus, r"^depositar")
    if depositary is not None:
        lead.text += f" The depositary ({cite(depositary)}) keeps the record of ratifications."
    return lead


_DEFINE_QUOTED = re.compile(
    r"\bdefin\w*\b[^'\"“‘?]{0,30}['\"“‘](?P<term>[^'\"”’]{2,40})['\"”’]", re.I
)
_DEFINE_LAST = re.compile(  # "does it define cybercrime?": the term ends the question
    r"\bdefin(?:e|es|ition\s+of)\s+(?:the\s+(?:term|notion|concept)\s+)?(?:an?\s+|the\s+)?"
    r"(?P<term>[a-z][\w-]*(?:\s+[\w-]+){0,3})\s*\??\s*$",
    re.I,
)


_DEFINED_HOW = re.compile(  # "How is child prostitution defined?"
    r"\bhow\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?P<term>[a-z][\w-]*(?:\s+[\w-]+){0,3}?)\s+defined"
    r"(?:\s+(?:in|under|by)\b[^?]*)?\s*\??\s*$",
    re.I,
)


_PRONOUNS = frozenset(("it", "them", "this", "that", "these", "those", "one"))
_POINTERS = frozenset(("such", "said"))  # "such a scheme", like "that technique", points back


def defined_term(question: str) -> str | None:
    """The term a definition question names explicitly: quoted ("the definition of 'public
    official'") or ending the question ("does it define cybercrime?", "how is child
    prostitution defined?"); else None."""
    match = (
        _DEFINE_QUOTED.search(question)
        or _DEFINE_LAST.search(question)
        or _DEFINED_HOW.search(question)
    )
    term = match["term"].strip() if match else None
    # "Is that 'smuggling' as it defines it?", "How does it define that technique?"
    if term is not None and term.lower().split()[0] in _PRONOUNS | _POINTERS:
        quoted = _QUOTED.search(question)
        return quoted["term"].strip() if quoted else None
    return term


def _definitions(doc_id: str, corpus: Corpus) -> dict[str, Provision]:
    """The terms a document defines (its definitions article), lower-cased, and where."""
    unit = _titled(doc_id, corpus, r"^(?:use of terms|definitions?)$")
    if unit is None:
        return {}
    return {
        n.lead[1 : n.lead.find("”")].casefold(): n
        for n in unit.walk()
        if n.lead.startswith("“") and "”" in n.lead
    }


def _defined_elsewhere(doc_id: str, wanted: str, corpus: Corpus) -> Provision | None:
    """The part of any article of the document that defines ``wanted`` where it is used."""
    return next(
        (
            node
            for unit in corpus.documents[doc_id].units
            for node in unit.walk()
            for match in DEFINED.finditer(node.own)
            if match["term"].casefold() in (wanted, f"{wanted}s")
        ),
        None,
    )


def definition_lead(
    doc_id: str, term: str, corpus: Corpus, cite: Cite, question: str = ""
) -> Lead | None:
    """For "does X define T?": T's definition when the document's definitions article has
    it, or another article defines it where it uses it (quoted at the clause the rest of
    ``question`` asks about); else that the document does not define it (a fact of the text's
    structure); None when it has no definitions article."""
    defined = _definitions(doc_id, corpus)
    if not defined:
        return None
    wanted = term.casefold()
    node = next((n for t, n in defined.items() if wanted in (t, t.rstrip("s"))), None)
    node = node or _defined_elsewhere(doc_id, wanted, corpus)
    if node is not None:
        passage = definition_passage(node, Terms.of(question, corpus).without(term), question)
        return Lead(
            f"{cite(node)} defines it: {in_quotes(passage)}.",
            voice=node,
            quoted=[(node, piece) for piece in passage.pieces],
        )
    unit = corpus.get(next(iter(defined.values())).cite().unit)
    return Lead(
        f"No: {_titled_cite(unit, cite)} defines no “{escape_markdown(term)}”; the terms it "
        "defines are "
        + ", ".join(f"“{escape_markdown(n.lead[1 : n.lead.find('”')])}”" for n in defined.values())
        + ".",
        voice=unit,
    )
