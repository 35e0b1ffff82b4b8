"""The verbatim passage a lead quotes: a sentence of a provision, or about LEAD_WORDS words of
it, chosen by the question's words; for a long sentence whose duty and answering clause are
far apart, its opening words and that clause, each piece verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.markdown import escape_markdown
from assistant.answers.terms import Terms, roots

LEAD_WORDS = 40  # a quoted passage in the lead is cut to about this many words
EDGE_WORDS = 6  # ... in which the question's words are not left at the very end
HEAD_WORDS = 20  # ... of which a long sentence's opening words, when they hold its verb
VERB_REACH = 12  # a chapeau's verb this far past its opening words is quoted with them
VERB_WORDS = 4  # ... else the verb with this many words either side, after as many opening ones
ITEM_WORDS = 8  # a listed item is quoted by at least this many of its first words ...
LIST_CHARS = 330  # ... as many items as fit in about this many characters with the opening
EVERY_ROOM = 1.5  # ... times as many when the question asks for every item ("what two routes")
SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z(“])")
# (not the "may" of "such measures as may be necessary": no one is given leave by it)
MODAL = re.compile(r"\b(?:shall|(?<!\bas\s)may|must|undertakes?|agrees?|are\s+encouraged)\b", re.I)
# a clause that qualifies a noun or says a purpose ("premises in which such manufacture … may
# take place", "so that States Parties may receive"): a modal inside it is not the sentence's own
RELATIVE = re.compile(r"\b(?:which|whom|whose|so\s+that)\b(?:(?!\b(?:shall|must)\b)[^.;:,])*", re.I)


def own_modal(text: str) -> re.Match[str] | None:
    """The first modal of ``text`` that is not inside a relative or purpose clause."""
    return MODAL.search(RELATIVE.sub(lambda m: " " * len(m[0]), text))


# A sentence's verb, for its opening words: a duty's, or a definition's ("… material” means …)
_VERB = re.compile(MODAL.pattern + r"|\bmeans\b", re.I)
# what joins one listed item to the next: "The use of false documents; and"
_ENDING = re.compile(r"[;,.]?\s+(?:and|or)\s*$|[;,.]\s*$")
# a term defined where it is used: "the term “child pornography” shall mean …"
DEFINED = re.compile(r"“(?P<term>[^”]{2,80})”\s+(?:shall\s+mean|means)\b")


def cut(text: str, words: int = LEAD_WORDS) -> tuple[str, bool]:
    """A verbatim prefix of ``text`` of about ``words`` words, ending at a word (and before a
    trailing comma or colon); True when it was cut."""
    parts = text.split(" ")
    if len(parts) <= words:
        return text.rstrip(" ,;:."), False
    return " ".join(parts[:words]).rstrip(" ,;:."), True


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text) if len(s.split()) >= 3]


# a sentence's condition: "If the requested State Party cannot comply with …,"
_CONDITION = re.compile(r"^(?:If|Where|When|Whenever|In\s+the\s+event)\b[^,;:]*", re.I)


def best_sentence(text: str, terms: Terms, pattern: re.Pattern[str] | None = None) -> str:
    """The sentence of ``text`` that shares most words with the question (and matches
    ``pattern``, when one is given and any sentence does); on a tie, one whose condition
    holds a word of the question no other sentence has (the rule for the question's case:
    "If … cannot comply …, it shall promptly inform"), else the earlier one."""
    found = sentences(text) or [text]
    matching = [s for s in found if pattern is None or pattern.search(s)] or found

    def fit(sentence: str) -> tuple[float, bool, int]:
        condition = _CONDITION.match(sentence)
        others = [terms.shared(s) for s in matching if s is not sentence]
        held = bool(condition) and bool(terms.shared(condition[0]).difference(*others))
        return terms.overlap(sentence), held, -found.index(sentence)

    return max(matching, key=fit)


@dataclass(frozen=True)
class Passage:
    """What the lead quotes of a provision: one verbatim piece, or two when a long sentence's
    opening words (who must do what) and the words that answer are far apart."""

    pieces: tuple[str, ...]
    cut_start: bool = False
    cut_end: bool = False

    @property
    def text(self) -> str:
        """The pieces as read (for the checks on what the quoted words show)."""
        return " … ".join(self.pieces)

    def shown(self) -> str:
        words = " … ".join(escape_markdown(piece) for piece in self.pieces)
        return f"“{'…' if self.cut_start else ''}{words}{' …' if self.cut_end else ''}”"


@dataclass(frozen=True)
class Listing:
    """What the lead quotes of a chapeau that lists what is asked ("which subjects …?",
    "what must the notice contain?"): its opening words, then each item's first words under
    its letter, as many as fit; each piece verbatim."""

    head: Passage
    items: tuple[tuple[str, Passage], ...]
    more: int = 0  # items left out

    @property
    def pieces(self) -> tuple[str, ...]:
        return self.head.pieces + tuple(p for _, item in self.items for p in item.pieces)

    @property
    def cut_start(self) -> bool:
        return self.head.cut_start

    @property
    def text(self) -> str:
        return " … ".join(self.pieces)

    def shown(self) -> str:
        listed = "; ".join(f"({marker}) {item.shown()}" for marker, item in self.items)
        more = f"; and {self.more} more" if self.more else ""
        return f"{self.head.shown()}: {listed}{more}"


def listing(
    chapeau: str,
    items: list[tuple[str, str]],
    terms: Terms,
    chars: int = LIST_CHARS,
    every: bool = False,
) -> Listing:
    """The chapeau's words that share most of the question and its items' (``(marker,
    text)``), within about ``chars`` characters, in their order: each item as long as all
    fit, down to ITEM_WORDS; when not all fit even then, those that share the question's
    words first. ``every``: the question asks for all the items, none at length then (it
    also does when none of its words but the chapeau's is in any item)."""
    # of a chapeau of several sentences, the one that shares most of the question (a stretch
    # across two reads as one: "… to this article. In addition to …"); on a tie the one its
    # items complete ("… shall contain:")
    found = sentences(chapeau) or [chapeau]
    opening = max(reversed(found), key=lambda s: (terms.overlap(s), s.rstrip().endswith(":")))
    head = window(opening, terms, size=HEAD_WORDS)
    # the question's words the list's own sentence does not say tell the items apart; when
    # none is in any item ("which purposes …?"), the question asks for the list as a whole
    rest = terms.without(chapeau)
    own = [rest.overlap(text) for _, text in items]
    item_terms = terms if any(own) else rest
    room = (chars * EVERY_ROOM if every or not any(own) else chars) - len(head.text)
    for words in (3 * ITEM_WORDS, 2 * ITEM_WORDS, ITEM_WORDS):
        cuts = [_item(_ENDING.sub("", text), words, item_terms) for _, text in items]
        if sum(len(c.text) + 8 for c in cuts) <= room:
            break
    # the one item the question asks about most is quoted at length, whatever the others get
    asked = max(range(len(items)), key=own.__getitem__)
    if not every and own[asked] > max(own[:asked] + own[asked + 1 :], default=0):
        cuts[asked] = _item(_ENDING.sub("", items[asked][1]), 3 * ITEM_WORDS, terms)
    _distinct(cuts, [_ENDING.sub("", text) for _, text in items], words)
    shares = [item_terms.overlap(text) for _, text in items]
    wanted = sorted(range(len(items)), key=lambda i: (-min(shares[i], 1), -(i == asked), i))
    chosen: set[int] = set()
    for i in wanted:
        if not chosen or room - len(cuts[i].text) - 8 >= 0:
            chosen.add(i)
            room -= len(cuts[i].text) + 8  # its letter, quotes and separator
    shown = tuple((items[i][0], cuts[i]) for i in sorted(chosen))
    return Listing(head, shown, len(items) - len(shown))


def _distinct(cuts: list[Passage], texts: list[str], words: int) -> None:
    """Items whose stretch repeats another's ("… an offence established in accordance with
    paragraph 1 …" in (a) and (c)) quoted by their first words instead: a list quotes no
    words twice."""
    for i, piece in enumerate(cuts):
        if any(j != i and piece.text in other.text for j, other in enumerate(cuts[:i])):
            prefix, was_cut = cut(texts[i], words)
            cuts[i] = Passage((prefix,), False, was_cut)


def _item(text: str, words: int, terms: Terms) -> Passage:
    """A listed item's first ``words`` words; or, when they would not tell it from its
    siblings ("In the case of a request pertaining to …" opens each), its stretch with most
    of the question's words."""
    prefix, was_cut = cut(text, words)
    if was_cut and terms.overlap(prefix) < terms.overlap(text):
        return window(text, terms, size=words)
    return Passage((prefix,), False, was_cut)


# "Each Party shall adopt such legislative and other measures as may be necessary to establish
# …": the drafting formula says only that the State must act; a lead quotes who must and what
_MEASURES = re.compile(
    r"^(?P<head>[^.;:]{0,80}?\bshall)\s+(?:adopt|take)\s+(?:such|the\s+necessary)\s+"
    r"legislative\s+(?:and|or)\s+other\s+measures(?:\s+as\s+may\s+be\s+necessary)?"
    r"\s+(?:in\s+order\s+)?to\s+(?=\w)",
    re.I,
)


def window(
    sentence: str,
    terms: Terms,
    pattern: re.Pattern[str] | None = None,
    size: int = LEAD_WORDS,
    every: bool = False,
) -> Passage:
    """About ``size`` words of ``sentence``: from its start when that holds what the
    question asks (the match of ``pattern``, the question's words); else the stretch with
    most of the question's words, after the sentence's opening words when its verb is there
    ("Each Party shall adopt … to ensure that … the authorities shall be able to …")."""
    words = sentence.split(" ")
    if len(words) <= size:
        return Passage((cut(sentence, size)[0],))
    if formula := _MEASURES.match(sentence):  # "Each Party shall … establish as offences …"
        head = formula["head"]
        rest = window(sentence[formula.end() :], terms, pattern, size - len(head.split()), every)
        if len(rest.pieces) == 1 and not rest.cut_start:  # (what must be done, from its verb)
            return Passage((head, *rest.pieces), False, rest.cut_end)
    match = pattern.search(sentence) if pattern else None
    first = len(sentence[: match.start()].split()) if match else len(words)  # the match's words
    last = min(len(words), len(sentence[: match.end()].split()) + 4) if match else 0
    # every match, when they fit ("on the first day of the month following … three months")
    through = list(pattern.finditer(sentence))[-1] if every and match else None
    if through is not None and len(sentence[: through.end()].split()) + 4 - first <= size:
        last = min(len(words), len(sentence[: through.end()].split()) + 4)

    def gain(start: int, width: int = size) -> float:
        return terms.overlap(" ".join(words[start : start + width]))

    starts = [i for i in range(len(words) - size + 1) if i <= first and last <= i + size]
    starts = starts or list(range(len(words) - size + 1))
    best = max(starts, key=lambda i: (gain(i), -i))
    # the earliest such stretch, moved on a few words when it would cut the question's last
    # word off at its end ("… aimed at stopping …" of "stopping or impeding")
    asked = [i for i, w in enumerate(words) if roots(w) & terms.roots]
    edge = max((i for i in asked if best <= i < best + size), default=0)
    later = [i for i in starts if best < i <= edge - size + EDGE_WORDS]
    best = next((i for i in reversed(later) if gain(i) >= gain(best)), best)
    if gain(0) >= gain(best) and 0 in starts:
        best = 0
    chosen = " ".join(words[best : best + size])
    # the opening words up to a clause's end ("… measures to ensure that"), verb included
    ends = [
        i + 1
        for i, w in enumerate(words[:HEAD_WORDS])
        if w.rstrip(":") in ("to", "that") or w[-1] == ","
    ]
    verb = _VERB.search(" ".join(words[:HEAD_WORDS]))
    opening = len(sentence[: verb.end()].split()) if verb else HEAD_WORDS
    stop = next((i for i in reversed(ends) if i > opening), HEAD_WORDS)
    head = " ".join(words[:stop])
    # a stretch that opens at the verb asked about leaves out who "may" or "shall" (kept)
    cuts_subject = 0 < best == first
    if (last <= stop or cuts_subject) and verb:  # the verb, then what else the question asks
        width = size - stop
        tails = range(stop, max(stop + 1, len(words) - width + 1))
        most = max(gain(i, width) for i in tails)
        # of the stretches with most of the question, the middle one: the words asked about
        # are not left at either end ("… as well as religion …" of "religion if used as a
        # pretext")
        tied = [i for i in tails if gain(i, width) == most]
        tail = tied[len(tied) // 2]
        end = " ".join(words[tail : tail + width])
        more = terms.overlap(f"{head} {end}") - terms.overlap(chosen)
        # more of the question; or as much, after a definition's term (“X” means … the clause)
        if more > 0 or (more == 0 and best > 0 and (DEFINED.match(sentence) or cuts_subject)):
            end, tail_cut = cut(" ".join(words[tail:]), width)
            return Passage((cut(head, size)[0], end), False, tail_cut)
    passage, tail_cut = cut(" ".join(words[best:]), size)
    return Passage((passage,), best > 0, tail_cut)


_GOES_ON = re.compile(r"(?:Such|These|This|Those|It|They)\b")


def chapeau_and_part(chapeau: str, part: str, terms: Terms) -> Passage:
    """A chapeau that runs on into its parts, and the part that answers: "an offence is
    transnational in nature if … It is committed in one State but has substantial effects in
    another State" (each cut so that both fit in a lead)."""
    # the parts hang from the chapeau's last sentence when it has an actor of its own ("… to
    # take appropriate measures with regard to that vessel. The flag State may authorize the
    # requesting State, inter alia:"), not when it goes on ("Such information shall include:")
    last = (sentences(chapeau) or [chapeau])[-1]
    heads = _opening(chapeau if _GOES_ON.match(last) else last)
    rest = window(part, terms, size=LEAD_WORDS - len(" ".join(heads).split()) // 2)
    # the quote opens with the chapeau's first words: no "…" before it, whatever the part's
    return Passage((*heads, *rest.pieces), False, rest.cut_end)


def _opening(chapeau: str) -> tuple[str, ...]:
    """A chapeau's opening words, with its verb when that comes later ("Where warranted by
    the gravity of the offence, each State Party, … shall consider establishing procedures"):
    what binds is what a verdict is read from."""
    head, was_cut = cut(chapeau, HEAD_WORDS)
    verb = MODAL.search(chapeau)
    if not was_cut or verb is None or MODAL.search(head):
        return (head,)
    words = chapeau.split(" ")
    at = len(chapeau[: verb.start()].split())  # the verb's word
    if at < HEAD_WORDS + VERB_REACH:
        return (" ".join(words[: at + VERB_WORDS]).rstrip(" ,;:."),)
    start = max(at - VERB_WORDS, VERB_WORDS)
    return (cut(chapeau, VERB_WORDS)[0], " ".join(words[start : at + VERB_WORDS]).rstrip(" ,;:."))


def in_quotes(passage: Passage | Listing) -> str:
    """A passage shown in the lead: its words as text, never as markup."""
    return passage.shown()
