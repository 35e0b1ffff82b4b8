"""What kind of answer a question asks for, read from its wording by rules (no model).

The kind decides what the lead says first: a verdict for an obligation ("must", "is it
mandatory") or a permission ("can a State refuse"), the definition for "what is", the sentence
with the figure for "how long", and for status facts that no treaty text can hold (who has
ratified, whether a treaty is in force today) that the texts do not record them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from itertools import pairwise

from assistant.search.lexical import STATUS


class Kind(StrEnum):
    STATUS = "status"  # ratifications, parties, signatories, in force now
    FIGURE = "figure"  # how many / how long / when / within what period
    PERMISSION = "permission"  # can / may a State refuse, decline, require …
    OBLIGATION = "obligation"  # must / is it mandatory / does X require
    DEFINITION = "definition"  # what is / what does X mean / count as
    WHO = "who"  # who / which body
    PROCEDURE = "procedure"  # how can a State request …
    CONTENTS = "contents"  # what a request must contain, which conditions must be met
    COMMENTARY = "commentary"  # what a commentary says
    GENERAL = "general"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I | re.X)


# "until what date", "the cut-off date": a date or a year ("31 December 2026", "after 1899")
ASKS_DATE = re.compile(
    r"\b(?:until|by|from|on|after|before)\s+what\s+(?:date|day|year)\b"
    r"|\bwhat\s+(?:is\s+the\s+)?(?:date|year)\b|\bcut-?off\b",
    re.I,
)
_FIGURE = _rx(
    r"""\bhow\s+(?:many|much|long|soon|old|often|quickly)\b
      # ("must it take into account how old they are?" asks about a duty)
      (?!\s+(?:they|he|she|it|we|you)\s+(?:are|is|was|were)\b)
    | \bwhen\s+(?:does|do|did|can|could|must|will|would|should|is|are|may)\b
      # "when does a transfer count as trafficking?" asks a condition, not a time
      (?![^?]*\b(?:counts?\s+as|qualif(?:y|ies)\s+as|amounts?\s+to|constitutes?
      |(?:considered|regarded|deemed|treated)\s+(?:as|to\s+be|an?|satisfied|fulfilled|met))\b)
    | \bwithin\s+(?:what|which|how)\b
    | \b(?:what|which)\s+(?:age|period|time|deadline|time\s+limit|duration|minimum|maximum
      |majority|share|proportion|fraction|percentage)\b
    | \bfor\s+how\s+(?:many|long)\b | \bat\s+what\s+(?:age|point)\b
    # "Is there a time limit for preserving data?", "Does it set a deadline?"
    | \b(?:is|are)\s+there\s+(?:an?\s+|any\s+)?(?:time\s+limits?|deadlines?|maximum|minimum
      |(?:maximum\s+|minimum\s+)?(?:period|duration)s?)\b
    | \b(?:set|sets|fix|fixes|impose|imposes|lay\s+down|lays\s+down)\s+(?:an?\s+|any\s+)?
      (?:time\s+limits?|deadlines?)\b
    # French and Spanish: "combien de jours", "dans quel délai", "cuántos días", "qué plazo"
    | \bcombien\b | \bquel(?:le)?s?\s+(?:délai|durée|âge|majorité)\b | \bà\s+quelle\s+fréquence\b
    | \bcu[áa]nt[oa]s?\b | \bqu[ée]\s+(?:plazo|duraci[óo]n|edad|mayor[íi]a)\b
    | \bcon\s+qu[ée]\s+frecuencia\b | ^\W*(?:quand|cu[áa]ndo)\b
"""
    + "|"
    + ASKS_DATE.pattern
)
_PERMISSION = _rx(
    r"""^\s*(?:can|may|could|is\s+(?:it|that|this)\s+(?:possible|permitted|allowed|open|lawful)
      |are\s+\w+\s+(?:allowed|permitted))\b
    | \b(?:can|may|could)\s+(?:a|an|the|one|another|its|their|it|they|states?|parties|party|courts?|
      judges?|prosecutors?|investigators?|police|authorit\w+|countr(?:y|ies)|governments?
      |he|she|we|you|our|your|this|that|such|these|those|someone|anyone|people|companies
      |both|either|each|every|all)\b
    | \b(?:is|are)\s+(?:a\s+)?(?:state|party|parties|states|court)\s+(?:allowed|permitted|free
      |entitled)\b
    # "… can bank records be withheld …?", "can extradition be refused …?" (a "which …" or "what
    # can be done" question asks for a list, not a permission)
    | ^(?:(?!\b(?:what|which|who|whom|whose|where|why|how)\b)[^?])*?\b(?:can|may|could)\s+
      (?:[\w'-]+\s+){1,5}?be\s+(?:[a-z]+ed|withheld|held|kept|sent|given|taken|made|shown|done
      |left|told|brought|sought|met|put|set)\b
    # ("Does it oblige us to let …" asks a duty: a "let" or "allow" after "to" is what is owed)
    | \b(?:does|do|would)\s+[\w\s'-]{1,40}(?<!\bto\s)\blet\s+(?:us|them|it|a|an|the|our|their|its)\b
    | \ballowed\s+to\b | \bpermitted\s+to\b | \bentitled\s+to\b
    # "Does UNCAC give us the right to do that?", "Does it entitle a State to …?"
    | \b(?:give|gives|grant|grants)\s+(?:us|them|it|a\s+state|states|a\s+party|parties)\s+
      (?:the\s+|a\s+|any\s+)?(?:right|power|authority)\s+to\b
    | \bentitles?\s+(?:us|them|it|a|an|the|states?|parties)\b
    # "Does UNCAC override our rules on defences?": may the instrument be set over them
    | ^\s*(?:does|do|will|would)\s+[\w\s'()-]{1,60}?\b(?:overrid\w*|supersed\w*|displac\w*
      |replac\w*|take\s+away|set\s+aside|prevail\s+over)\b
    | \bdoes\s+[\w\s-]{1,40}(?<!\bto\s)\ballow\b
    # French and Spanish: "peut-il refuser", "est-il possible", "puede denegar", "se puede"
    | \b(?:peut|peuvent|pourrait|pourraient)(?:-(?:il|elle|ils|elles|on))?\b | \best-il\s+possible\b
    | \b(?:puede|pueden|podría|podrían)\b | \b(?:está|están)\s+permitid[oa]s?\b"""
)
_OBLIGATION = _rx(
    r"""\b(?:must|shall|ha(?:ve|s)\s+to|need(?:s)?\s+to|obliged|obligat\w*|required?|requires|requiring
    |mandatory|compulsory|binding|bound\s+to|duty|oblige[sd]?|ow(?:e|es|ed))\b
    | \b(?:are|is)\s+(?:we|they|it|a\s+state|states|a\s+party|parties)\s+bound\b(?!\s+by)
    | \bbound\s+by\s+(?:the\s+)?[\w'.-]+(?:\s+[\w'.-]+){0,4}?\s+to\s+  # "bound by UNCAC to help"
      (?!the\b|a\b|an\b|its\b|this\b)(?-i:[a-z]+)\b
    | ^\s*(?:does|do)\s+(?:the\s+)?[\w\s()'-]{1,60}?\b(?:protect|criminali[sz]e|penali[sz]e
      |prohibit|punish|outlaw|ban|expect)\w*\b  # "Does UNCAC protect whistleblowers?": must States?
    | ^\s*should\b  # "Should States provide shelter …?": are they bound to?
    # French and Spanish: "doivent-ils", "est-il obligatoire", "¿Obliga …?", "deben", "exige"
    | \b(?:doit|doivent)(?:-(?:il|elle|ils|elles|on))?\b | \bobligatoire\b
    | \b(?:obliga|obligan|exige|exigen|debe|deben|obligatori[oa])\b | \btienen?\s+que\b"""
)
_DEFINITION = _rx(
    r"""\bwhat\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?!required|needed|the\s+(?:rule|procedure|time))
    | \bwhat\s+does\s+[\w\s'"“”‘’-]+\bmean\b | \bmeaning\s+of\b | \bdefin(?:e|es|ed|ition|itions)\b
    | ^\s*who\s+(?:is|are)\s+an?\s  # "Who is a victim under …?": who the term covers
    | \bcounts?\s+as\b | \bqualif(?:y|ies)\s+as\b | \bcovered\s+as\b
    | \bfall\s+under\s+the\s+definition"""
)
# "how does UNCAC define …", "how is X defined" ask a definition; "must our statute reproduce
# its defined terms?" asks about a duty
_DEFINES = _rx(
    r"""\bdefin(?:e|es|ition|itions)\b | \b(?:is|are)\s+[\w\s'\"“”‘’-]{1,60}?\bdefined\b
    # French and Spanish: "comment … définit-elle", "qu'est-ce qu'un", "qué es", "cómo define"
    | \bdéfin\w* | \bdefinici[óo]n\w* | \bdefinen\b
    | \bqu['’]est-ce\s+qu | \bqu[ée]\s+(?:es|son)\b"""
)
_WHO = _rx(
    r"^\s*(?:who|whom|which\s+(?:body|bodies|authority|authorities|organ|institution|entity))\b"
)
_PROCEDURE = _rx(r"^\s*how\s+(?:can|could|does|do|should|must|is|are|may|would)\b")
# ("critical infrastructure" is no critic)
_COMMENTARY = _rx(
    r"\b(?:commentary|mcadam|commentator|scholar|critic(?:s|ism|i[sz]\w*)?|academic)\b"
)


# A question naming two instruments asks to compare them in words like these, or with the names
# joined ("in UNTOC and UNCAC"); "Can a State join the Protocol without being party to the
# Convention?" asks one thing of how they relate, answered from the provision that says it.
_COMPARES = _rx(
    r"""\b(?:compar\w*|versus|vs\b|differ\w*|contrast\w*|similar\w*|same|both|alike
    |between(?!\s+(?:which|whom|what)\b))\b"""  # "between which States …?" compares nothing
)
_JOINED = _rx(r"^[\s,]*(?:and|or|with|as\s+well\s+as|&)?\s*(?:(?:in|under|of|by)\s+)?(?:the\s+)?$")


def asks_to_compare(question: str, names: list[tuple[int, int]]) -> bool:
    """Whether a question that names instruments at ``names`` (start, end) asks to compare
    them."""
    joined = any(_JOINED.match(question[a:b]) for (_, a), (b, _) in pairwise(names))
    return joined or bool(_COMPARES.search(question))


_MODAL = ((Kind.PERMISSION, _PERMISSION), (Kind.OBLIGATION, _OBLIGATION))
# "What must the request include?", "Which conditions have to be met?", "In what form must it be
# sent?": what a rule requires of a request or a transfer, not whether there is a rule
_CONTENTS = _rx(
    r"""\b(?:what|which)\s+(?:details|information|particulars|contents?|elements|conditions
      |form|documents|data)\b[^.?!]*?\b(?:must|shall|ha(?:ve|s)\s+to|need(?:s)?\s+to|requir\w*)\b
    | \b(?:what|which)\b[^.?!]*?\b(?:must|shall|ha(?:ve|s)\s+to|need(?:s)?\s+to)\s+
      (?:[\w-]+\s+){0,3}?(?:include|contain|specify|say|state|indicate|mention|set\s+out|be\s+met
      |show|prove|demonstrate|put\s+in(?!\s+place))\b"""
)


# A French or Spanish question that asks what, which or how ("Quelles mesures un État doit-il
# prendre …?", "¿Qué cooperación exige …?") asks what the texts provide, not yes or no
_ASKS_WHAT_ELSEWHERE = _rx(
    r"""^\W*(?:quel(?:le)?s?|que|qu['’]|comment|pourquoi|quand|où|combien
      |qué|cuál(?:es)?|cómo|cuándo|dónde|por\s+qué|cuánt[oa]s?)\b"""
)


# "If the EU is a party to the Protocol and …, until when …?" supposes a status, does not ask it
# (or in a clause of time: "Can the EU lodge its instrument before any member has ratified?",
# "May it sign while none of its member countries has signed it yet?")
_CONDITION = re.compile(
    r"^\W*(?:if|where|when|once|assuming)\b[^,?]*,|\b(?:before|after|until|unless|while|though"
    r"|although)\s+(?:[\w-]+\s+){0,6}?(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:ratified|signed"
    r"|acceded|joined)\b",
    re.I,
)


# A sentence that asks: "We refused to extradite … . Are we obliged to enforce the sentence?"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z¿¡\"“‘'])")


def question_kind(question: str) -> Kind:
    """The kind of what the question asks: read from the sentences that ask, when others set
    out the situation first ("Our draft law goes further than UNTOC requires. Can a State
    adopt tougher measures?" asks a permission); else from the whole question."""
    asking = " ".join(s for s in _SENTENCE_END.split(question.strip()) if s.endswith("?"))
    if asking and asking != question.strip():
        kind = _kind(asking)
        if kind is not Kind.GENERAL:
            return kind
    return _kind(question)


def _kind(question: str) -> Kind:
    """The kind of a (standalone) question; the first rule that matches wins, most specific
    first: a status fact, a figure, a commentary, an explicit definition ("how does UNCAC
    define …"), a procedure ("how can a State …"), then a permission or an obligation,
    whichever the question asks first ("Does UNTOC require …, or can they …" asks about an
    obligation), then a definition in other words ("what counts as"), who."""
    if STATUS.search(_CONDITION.sub(" ", question)):
        return Kind.STATUS
    asked = [(m.start(), k) for k, p in _MODAL if (m := p.search(question))]
    for kind, pattern in (
        (Kind.FIGURE, _FIGURE),
        (Kind.COMMENTARY, _COMMENTARY),
        (Kind.DEFINITION, _DEFINES),
        (Kind.PROCEDURE, _PROCEDURE),
    ):
        found = pattern.search(question)
        # "Is our office obliged to share figures so that shared definitions can be worked
        # out?" asks a duty: the definitions come after what is asked
        if kind is Kind.DEFINITION and found and asked and min(asked)[0] < found.start():
            continue
        if found:
            return kind
    if asked and _ASKS_WHAT_ELSEWHERE.search(question):  # "Quelles mesures … doit-il prendre ?"
        return Kind.GENERAL
    contents = _CONTENTS.search(question)
    if contents and (not asked or contents.start() <= min(asked)[0]):
        return Kind.CONTENTS
    if asked:
        return min(asked)[1]
    for kind, pattern in (
        (Kind.DEFINITION, _DEFINITION),
        (Kind.WHO, _WHO),
    ):
        if pattern.search(question):
            return kind
    return Kind.GENERAL
