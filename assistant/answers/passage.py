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
SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z(“])")
MODAL = re.compile(r"\b(?:shall|may|must|undertakes?|agrees?|are\s+encouraged)\b", re.I)


def cut(text: str, words: int = LEAD_WORDS) -> tuple[str, bool]:
    """A verbatim prefix of ``text`` of about ``words`` words, ending at a word (and before a
    trailing comma or colon); True when it was cut."""
    parts = text.split(" ")
    if len(parts) <= words:
        return text.rstrip(" ,;:."), False
    return " ".join(parts[:words]).rstrip(" ,;:."), True


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text) if len(s.split()) >= 3]


def best_sentence(text: str, terms: Terms, pattern: re.Pattern[str] | None = None) -> str:
    """The sentence of ``text`` that shares most words with the question (and matches
    ``pattern``, when one is given and any sentence does); the earlier one on a tie."""
    found = sentences(text) or [text]
    matching = [s for s in found if pattern is None or pattern.search(s)] or found
    return max(matching, key=lambda s: (terms.overlap(s), -found.index(s)))


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


def window(sentence: str, terms: Terms, pattern: re.Pattern[str] | None = None) -> Passage:
    """About LEAD_WORDS words of ``sentence``: from its start when that holds what the
    question asks (the match of ``pattern``, the question's words); else the stretch with
    most of the question's words, after the sentence's opening words when its verb is there
    ("Each Party shall adopt … to ensure that … the authorities shall be able to …")."""
    words = sentence.split(" ")
    if len(words) <= LEAD_WORDS:
        return Passage((cut(sentence)[0],))
    match = pattern.search(sentence) if pattern else None
    first = len(sentence[: match.start()].split()) if match else len(words)  # the match's words
    last = min(len(words), len(sentence[: match.end()].split()) + 4) if match else 0

    def gain(start: int, size: int = LEAD_WORDS) -> float:
        return terms.overlap(" ".join(words[start : start + size]))

    starts = [
        i for i in range(len(words) - LEAD_WORDS + 1) if i <= first and last <= i + LEAD_WORDS
    ]
    starts = starts or list(range(len(words) - LEAD_WORDS + 1))
    best = max(starts, key=lambda i: (gain(i), -i))
    # the earliest such stretch, moved on a few words when it would cut the question's last
    # word off at its end ("… aimed at stopping …" of "stopping or impeding")
    asked = [i for i, w in enumerate(words) if roots(w) & terms.roots]
    edge = max((i for i in asked if best <= i < best + LEAD_WORDS), default=0)
    later = [i for i in starts if best < i <= edge - LEAD_WORDS + EDGE_WORDS]
    best = next((i for i in reversed(later) if gain(i) >= gain(best)), best)
    if gain(0) >= gain(best) and 0 in starts:
        best = 0
    chosen = " ".join(words[best : best + LEAD_WORDS])
    # the opening words up to a clause's end ("… measures to ensure that"), verb included
    ends = [
        i + 1
        for i, w in enumerate(words[:HEAD_WORDS])
        if w.rstrip(":") in ("to", "that") or w[-1] == ","
    ]
    verb = MODAL.search(" ".join(words[:HEAD_WORDS]))
    opening = len(sentence[: verb.end()].split()) if verb else HEAD_WORDS
    stop = next((i for i in reversed(ends) if i > opening), HEAD_WORDS)
    head = " ".join(words[:stop])
    if last <= stop and verb:  # the verb, then what else the question asks
        size = LEAD_WORDS - stop
        tails = range(stop, max(stop + 1, len(words) - size + 1))
        tail = max(tails, key=lambda i: (gain(i, size), -i))
        end = " ".join(words[tail : tail + size])
        if terms.overlap(f"{head} {end}") > terms.overlap(chosen):  # more of the question
            end, tail_cut = cut(" ".join(words[tail:]), size)
            return Passage((cut(head)[0], end), False, tail_cut)
    passage, tail_cut = cut(" ".join(words[best:]))
    return Passage((passage,), best > 0, tail_cut)


def in_quotes(passage: Passage) -> str:
    """A passage shown in the lead: its words as text, never as markup."""
    words = " … ".join(escape_markdown(piece) for piece in passage.pieces)
    return f"“{'…' if passage.cut_start else ''}{words}{' …' if passage.cut_end else ''}”"
