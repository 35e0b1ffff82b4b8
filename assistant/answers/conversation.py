"""Follow-up questions: make the last question of a conversation stand on its own.

"What does UNTOC say about extradition?" then "And what about the Cybercrime Convention?"
becomes "And what about the Cybercrime Convention? extradition" (searched in the Cybercrime
Convention); "Can it be refused?" after a question about UNCAC searches UNCAC; "And
paragraph 4?" after a question on UNTOC art. 16 asks for UNTOC art. 16(4); "compare that with
Budapest" keeps the document asked about before and adds the Budapest Convention. A question
that names a provision of a document stands on its own.
"""

from __future__ import annotations

import re

from assistant.model.citations import (
    Division,
    find_citations,
    find_instruments,
    without_instruments,
)
from assistant.model.manifest import Manifest

_PARAGRAPH = re.compile(r"\b(?:para(?:graph)?\.?|§)\s*(\d{1,3})\b", re.I)
_COMPARE = re.compile(r"\b(compar\w*|versus|vs\.?|differ\w*|contrast)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# "And what about foreign public officials?" after a question on bribery asks about their
# bribery: a follow-up of this form continues the topic before it, however many words it has
_CONTINUES = re.compile(r"^\W*(?:and\s+)?(?:what|how)\s+about\b", re.I)
# Words that carry no topic: an elliptical follow-up is made of these and document names.
# ("how" is not one: carried on, "how long …" keeps asking for a figure.)
_FILLER = frozenset(
    "and what about is it the same under in for does do say says that this there those "
    "these then so also same case rule rules same position provision provisions article "
    "articles convention protocol treaty instrument compare compared with vs versus or "
    "as well too any differ difference different is are was were there".split()
)


def _topic_words(text: str, manifest: Manifest) -> list[str]:
    words = _WORD.findall(without_instruments(text, manifest))
    return [w for w in words if w.lower() not in _FILLER]


def _carry_article(last: str, earlier: str, manifest: Manifest) -> str:
    """ "And paragraph 4?" after a question on UNTOC art. 16 asks about UNTOC art. 16(4)."""
    paragraph = _PARAGRAPH.search(last)
    if paragraph is None or find_citations(last, manifest):
        return last
    previous = [c for c in find_citations(earlier, manifest) if c.division is Division.ARTICLE]
    if not previous:
        return last
    article = previous[-1]
    name = manifest.get(article.instrument).short_name
    pinpoint = f"article {article.number}({paragraph[1]}) of the {name}"
    return last[: paragraph.start()] + pinpoint + last[paragraph.end() :]


def standalone_question(turns: list[str], manifest: Manifest) -> str:
    """The last question, completed from earlier turns when it is elliptical.

    Each turn is completed from the completed turn before it, in a loop (a conversation of
    thousands of turns, e.g. ``ask --history``, must not exhaust the recursion limit)."""
    if not turns:
        return ""
    question = turns[0].strip()
    for turn in turns[1:]:
        question = _follow_up(turn.strip(), question, manifest)
    return question


def _follow_up(last: str, earlier: str, manifest: Manifest) -> str:
    """``last`` completed from ``earlier``, the completed question before it."""
    last = _carry_article(last, earlier, manifest)
    if find_citations(last, manifest):
        return last  # "What does Article 16(4) UNTOC say?" needs nothing from before
    names_now = find_instruments(last, manifest)
    words_now = _topic_words(last, manifest)
    if len(words_now) < 3 or _CONTINUES.match(last):
        # Each word once: carried on from turn to turn, a topic would otherwise grow with
        # every elliptical follow-up (22,000 characters after 2,000 turns).
        have = {w.lower() for w in words_now}
        carried = (w for w in _topic_words(earlier, manifest) if w.lower() not in have)
        topic = " ".join(dict.fromkeys(carried))
        last = f"{last} {topic}".strip()
    comparing = bool(_COMPARE.search(last))
    if not names_now or comparing:
        now = {m.instrument for m in names_now}
        named_before = [
            i
            for i in dict.fromkeys(m.instrument for m in find_instruments(earlier, manifest))
            if i not in now
        ]
        if named_before:
            names = ", ".join(manifest.get(i).short_name for i in named_before)
            last = f"{last} ({names})"
    return last
