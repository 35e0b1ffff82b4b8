"""The last gate for a model's streamed reply, whatever the model wrote: the preview never
embeds an image (which the browser would load from elsewhere) and stops where the system
prompt shows; the final draft carries neither (the offline answer replaces one that repeats
the instructions, as a prompt injection would make it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from assistant.answers.answer import Draft
from assistant.answers.generate import Preliminary

LEAK_WORDS = 10  # this many consecutive words of the system prompt in a reply: it leaked
REPEATED_INSTRUCTIONS = (
    "The language model's answer repeated its instructions; showing the offline answer instead."
)
IMAGE_REMOVED = (
    "The language model's answer contained an image link, which was removed: answers never "
    "load anything from elsewhere."
)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_WORDS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4)
def _prompt_windows(instructions: str) -> frozenset[tuple[str, ...]]:
    words = _WORDS.findall(instructions.lower())
    return frozenset(tuple(words[i : i + LEAK_WORDS]) for i in range(len(words) - LEAK_WORDS + 1))


def repeats_instructions(text: str, instructions: str) -> bool:
    """Whether ``text`` reproduces a run of the system prompt (a prompt-injection leak)."""
    words = _WORDS.findall(text.lower())
    windows = _prompt_windows(instructions)
    return any(
        tuple(words[i : i + LEAK_WORDS]) in windows for i in range(len(words) - LEAK_WORDS + 1)
    )


def guard_stream(
    items: Iterator[str | Preliminary | Draft], offline: Draft, instructions: str
) -> Iterator[str | Preliminary | Draft]:
    """The model's chunks and final draft, safe to show (see the module docstring); the
    offline answer shown meanwhile passes as it is."""
    previous, text, leaked = "", "", False
    for item in items:
        if isinstance(item, Preliminary):
            yield item
            continue
        if isinstance(item, Draft):
            if item.mode == "llm" and repeats_instructions(item.text, instructions):
                item = offline.model_copy(
                    update={"notices": [*offline.notices, REPEATED_INSTRUCTIONS]}, deep=True
                )
            elif _IMAGE.search(item.text):
                item = item.model_copy(
                    update={
                        "text": _IMAGE.sub(lambda m: m[1], item.text),
                        "notices": [*item.notices, IMAGE_REMOVED],
                    }
                )
            yield item
            continue
        text += item
        leaked = leaked or repeats_instructions(text[-2000:], instructions)
        if leaked:
            continue
        piece = "\\" + item if previous.endswith("!") and item.startswith("[") else item
        previous = item
        yield piece.replace("![", "!\\[")
