"""Figures: what figure a question asks for ("how long" a duration, "how often" a frequency,
"how many States" the number of the thing counted), and that figure as the quoted words say
it, to state before the quote ("up to a maximum of ninety days")."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answers.question_kind import ASKS_DATE
from assistant.answers.terms import roots
from assistant.search.lexical import expand_terms

CARDINALS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty ninety hundred"
)
_NUMBER_WORDS = CARDINALS + (
    " first second third fourth fifth sixth tenth twentieth thirtieth fortieth fiftieth "
    "sixtieth ninetieth hundredth half"
)
FIGURE = re.compile(
    r"\b(?:\d+|" + "|".join(_NUMBER_WORDS.split()) + r")\b[\w\s-]{0,20}?\b(?:days?|months?|years?|"
    r"instruments?|persons?|ratifications?|hours?|weeks?|per\s+cent|States?|Parties)\b"
    r"|\b(?:maximum|minimum|at\s+least|not\s+less\s+than|no\s+later\s+than|within|deprivation\s+of\s+"
    r"liberty\s+of|at\s+the\s+time\s+(?:of|each|when|it)|on\s+the\s+date\s+(?:of|on\s+which))\b",
    re.I,
)
# "how long" asks a duration: "three months", "60 days", "one year", not "the first day"; "what
# age" a span of years too ("under eighteen years of age")
_DURATION = re.compile(
    r"\b(?:\d+|" + "|".join(CARDINALS.split()) + r")\b(?:\s*\(\d+\))?[\s-]+"
    r"(?:calendar\s+|working\s+)?(?:days?|months?|years?|hours?|weeks?)\b"
    # "on the thirtieth day after the date of deposit" (or "after such deposit"): a period
    # counted in days, said by its end; not "the thirtieth day after all Parties have
    # informed …", whose end is no date
    r"|\bthe\s+(?:tenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|ninetieth)\s+day\s+"
    r"(?:after|following)\s+(?:the\s+date\s+of\s+(?:the\s+)?|such\s+)(?:deposit|receipt)\b",
    re.I,
)
_ASKS_DURATION = re.compile(
    r"\bhow\s+(?:long|old)\b|\bwithin\s+(?:what|which)\b|\bwhat\s+age\b"
    r"|\bwhat\s+(?:period|time\s+limit|deadline|duration)\b"
    r"|\b(?:is|are)\s+there\s+(?:an?\s+|any\s+)?(?:maximum|minimum)\s+(?:period|duration)s?\b"
    r"|\bhow\s+many\s+(?:days|months|years|hours|weeks)\b"
    # "What minimum penalty must it carry?": a term of deprivation of liberty ("at least one
    # year"), not the words "minimum penalty"
    r"|\b(?:what|which)\s+(?:minimum|maximum)\s+(?:penalty|penalties|sentence|punishment|term)\b"
    # French and Spanish: "combien de temps / de jours", "quel délai", "cuánto tiempo", "qué plazo"
    r"|\bcombien\s+de\s+(?:temps|jours|mois|ans|années|heures|semaines)\b"
    r"|\bquel(?:le)?\s+(?:délai|durée|âge)\b|\bcu[áa]nto\s+tiempo\b"
    r"|\bcu[áa]nt[oa]s\s+(?:d[íi]as|meses|a[ñn]os|horas|semanas)\b"
    r"|\bqu[ée]\s+(?:plazo|duraci[óo]n|edad)\b",
    re.I,
)
# "how soon" asks a duration or a promptness: "without delay", "promptly", "expeditiously"
_ASKS_SOON = re.compile(r"\bhow\s+(?:soon|quickly|fast|promptly)\b", re.I)
_SOON = re.compile(
    _DURATION.pattern + r"|\b(?:without\s+(?:undue\s+|unreasonable\s+|undue\s+or\s+"
    r"unreasonable\s+)?delay|promptly|immediately|forthwith|expeditiously|as\s+soon\s+as)\b",
    re.I,
)
# "How soon after the Convention entered into force could a State propose an amendment?" counts
# from an event: the answer is the figure counted from it ("five years from the entry into
# force"), not another figure beside it ("ninety days after the date of the deposit")
_COUNTED_FROM = re.compile(
    r"\bhow\s+(?:soon|long|many\s+\w+)\s+(?:after|from|following)\s+(?P<event>[^?,]{3,80}?)"
    r"\s*(?:\b(?:could|can|may|must|shall|should|do|does|did|will|would|is|are|was|were)\b|[?,]|$)",
    re.I,
)
_FROM = re.compile(r"^[\w\s()-]{0,12}?\b(?:after|from|following)\b(?P<event>[^.;]{3,80})", re.I)
# "by when must we tell them?": "without delay", or "at the time … deposits", or a figure
_BY_WHEN = re.compile(r"\bby\s+when\b", re.I)
_SOON_OR_WHEN = re.compile(f"{_SOON.pattern}|{FIGURE.pattern}", re.I)
# "Until when can we withdraw the declaration?", "When is it allowed to denounce?", "Is there a
# deadline for dropping that opt-out?": when a State may act, which may be "at any time"
ASKS_WHEN_FREE = re.compile(
    r"\buntil\s+when\b|\bwhen\s+(?:can|may|could)\b"
    r"|\b(?:is|are)\s+there\s+(?:an?\s+|any\s+)?(?:deadlines?|time\s+(?:limits?|windows?))\b"
    r"|\bwhen\s+(?:is|are)\s+(?:it|we|they|a\s+State|a\s+Party)\s+(?:allowed|permitted|free)\b",
    re.I,
)
AT_ANY_TIME = re.compile(r"\bat\s+any\s+time\b", re.I)
_WHENEVER = re.compile(rf"{FIGURE.pattern}|{AT_ANY_TIME.pattern}", re.I)
_DATE = re.compile(  # what "until what date" asks (question_kind.ASKS_DATE)
    r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{4}\b|\b(?:1[5-9]|20)\d\d\b"
)
# "What majority of Board members does it need?": "a two-thirds majority of the whole number"
_ASKS_MAJORITY = re.compile(r"\b(?:what|which)\s+majority\b", re.I)
_MAJORITY = re.compile(r"\b(?:[\w-]+\s+)?majority\b", re.I)
# "What share of the Parties can call a meeting?": "at least one third of the Parties"
_ASKS_SHARE = re.compile(r"\b(?:what|which)\s+(?:share|proportion|fraction|percentage)\b", re.I)
_SHARE = re.compile(
    r"\b(?:one|two|a)[\s-]+(?:thirds?|quarters?|fifths?|half)\b(?:\s+of\s+the\s+[\w-]+)?"
    r"|\b(?:\d+|" + "|".join(CARDINALS.split()) + r")\s+per\s*cent\b",
    re.I,
)
ASKS_COUNT = re.compile(
    r"\bhow\s+many\s+(?:of\s+(?:the\s+|its\s+|their\s+)?)?(?P<thing>[a-z]{4,})", re.I
)
# the thing counted as the treaties say it: "how many people" are "three or more persons", and
# the States that must join are counted by their instruments ("the fortieth instrument")
_STATES = ("Stat", "Part", "instrument")
_SAID_AS = {"people": ("person",), "countrie": _STATES, "nation": _STATES, "state": _STATES}
# "how often" asks a frequency: "shall annually circulate", "every five years", "regularly"
_ASKS_FREQUENCY = re.compile(
    r"\bhow\s+(?:often|frequently)\b|\bà\s+quelle\s+fréquence\b|\bcon\s+qu[ée]\s+frecuencia\b"
    r"|\bcada\s+cu[áa]nto\b",
    re.I,
)
_FREQUENCY = re.compile(
    r"\b(?:annually|biennially|periodically|regularly|yearly|(?:once|twice)\s+a\s+year"
    r"|every\s+(?:\w+\s+)?(?:years?|months?))\b",
    re.I,
)


@lru_cache(maxsize=64)
def asked_figure(question: str) -> re.Pattern[str]:
    """The figure a question asks for: a duration for "how long", a frequency for "how often",
    the number of the thing counted for "how many States" ("five States, including at least
    three member States"), else any figure."""
    if _ASKS_SOON.search(question):
        return _SOON
    if _BY_WHEN.search(question):
        return _SOON_OR_WHEN
    if ASKS_WHEN_FREE.search(question):
        return _WHENEVER
    if _ASKS_DURATION.search(question):
        return _DURATION
    if _ASKS_FREQUENCY.search(question):
        return _FREQUENCY
    if ASKS_DATE.search(question):
        return _DATE
    if _ASKS_MAJORITY.search(question):
        return _MAJORITY
    if _ASKS_SHARE.search(question):
        return _SHARE
    if counted := ASKS_COUNT.search(question):
        thing = counted["thing"].lower().removesuffix("s")
        said = _SAID_AS.get(thing, (thing[: max(4, len(thing) - 2)],))
        # (States or Parties are also counted as "a majority" of them: "if a majority so requests")
        majority = r"|\ba\s+majority\b" if said == _STATES or thing in ("part", "partie") else ""
        return re.compile(
            r"\b(?:\d+|"
            + "|".join(_NUMBER_WORDS.split())
            # (not a period: "ninety days after that Party")
            + r")\b(?!\s+(?:days?|months?|years?|weeks?|hours?)\b)(?:\s+[\w-]+){0,3}?\s+(?:"
            + "|".join(said)
            + ")"
            + majority,
            re.I,
        )
    return FIGURE


# the words that bound a figure, said with it ("up to a maximum of ninety days", "within six
# months", "not less than ten years", "under eighteen years of age")
_BOUND = re.compile(
    r"(?:\b(?:up\s+to\s+)?(?:a\s+)?(?:(?:maximum|minimum)(?:\s+period)?|period)\s+of\s+"
    r"|\b(?:not\s+(?:less|more)\s+than|at\s+(?:least|most|the\s+latest)|within|no\s+later\s+than"
    r"|for|after|under|over|the)\s+)+$",
    re.I,
)
# ... and the words that close it ("as soon as possible", "eighteen years of age", "the
# thirtieth day after the date of deposit")
_CLOSE = re.compile(
    r"\w*(?:(?<=as soon as)\s+possible|\s+of\s+age"
    r"|(?:(?<=after)|(?<=following))\s+(?:the\s+date\s+of\s+(?:the\s+)?|such\s+)"
    r"(?:deposit|receipt))?",
    re.I,
)


def stated_figure(question: str, said: str) -> str | None:
    """The figure a question asks for, as the quoted words say it, to state before the quote
    ("up to a maximum of ninety days"); None when they hold none or more than one, or the
    question asks for any figure at all (then the quote alone answers)."""
    asked = asked_figure(question)
    if asked in (FIGURE, _SOON_OR_WHEN, _WHENEVER):
        return None
    found = [m for m in asked.finditer(said) if "…" not in m[0]]
    if len({" ".join(m[0].lower().split()) for m in found}) != 1:
        return None
    start, end = found[0].span()
    bound = _BOUND.search(said[:start])
    return said[bound.start() if bound else start : _CLOSE.match(said, end).end()]


ASKS_FOR_ONE = re.compile(
    r"\b(?:for|to)\s+(?:us|it|them|our\s+country|that\s+(?:state|country))\b"
    r"|\b(?:we|it|they)\s+(?:(?:have|has|will|formally)\s+)?(?:deposit|accede|ratif|join)\w*"
    # "para un Estado que la ratifica después", "pour un État qui la ratifie"
    r"|\bpara\s+(?:nosotros|(?:un|el|ese|este|nuestro)\s+(?:Estado|pa[íi]s))\b"
    r"|\bpour\s+(?:nous|(?:un|cet|notre)\s+(?:[ÉE]tat|pays))\b",
    re.I,
)
FOR_EACH = re.compile(
    r"\s*(?:For|In\s+respect\s+of)\s+(?:each|any|a)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:State|Party|Signatory|organi[sz]ation)",
    re.I,
)
_ANY_EVENT = frozenset(("date", "day", "this", "the"))  # words every counted event may share


def counted_from(question: str, after_figure: str) -> bool:
    """Whether the figure, read on from its end (``after_figure``), counts from the event the
    question counts from ("five years from the entry into force" for "how soon after … entered
    into force")."""
    event = _event(question)
    start = _FROM.match(after_figure)
    return bool(event and start and event & roots(start["event"]) - _ANY_EVENT)


@lru_cache(maxsize=64)
def _event(question: str) -> frozenset[str]:
    """The words of the event a "how soon after …" question counts from, in the treaties'
    words too ("after UNTOC took effect": its "entry into force")."""
    event = _COUNTED_FROM.search(question)
    return frozenset(roots(expand_terms(event["event"]))) if event else frozenset()
