"""The outline every source numbers its provisions by, and the one builder of provision trees.

A unit (an article) holds numbered paragraphs ``1.`` ``2.`` …, a paragraph (or a unit without
paragraphs) lettered subparagraphs ``(a)`` ``(b)`` …, a subparagraph roman clauses ``(i)``
``(ii)`` …. A label is taken only where it continues a sequence, which also tells a roman
``(i)``/``(v)``/``(x)`` from the letter of that name. Each parser reads its own format (how a
label is written, page furniture, headings) and feeds labels and text, in reading order, to an
:class:`Outline`; the outline places them and gives the ``Provision`` tree, each node's text
before its children as ``lead`` and after them as ``tail``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from string import ascii_lowercase
from typing import Any

from assistant.model.citations import roman
from assistant.model.provisions import Level, Provision
from assistant.model.verbatim import clean

LETTERS = tuple(ascii_lowercase)
ROMANS = tuple(roman(n) for n in range(1, 40))

# Says whether unlabelled ``text`` after a subparagraph or clause whose own text so far ends
# with ``previous`` closes that list (and so becomes the parent's tail) or continues the item.
Closes = Callable[[str, str], bool]


class OutOfSequence(ValueError):
    """A label that continues no sequence where it stands: a damaged source, or (in a user's
    document) numbers that are part of the text rather than labels."""


def next_label(level: Level, last: str | None) -> str | None:
    """The label after ``last`` at ``level`` (the first one when ``last`` is None); None when
    the sequence has ended."""
    if level is Level.PARAGRAPH:
        return str(int(last) + 1) if last else "1"
    sequence = LETTERS if level is Level.SUBPARAGRAPH else ROMANS
    position = sequence.index(last) + 1 if last else 0
    return sequence[position] if position < len(sequence) else None


@dataclass
class _Node:
    level: Level
    label: str | None = None
    lead: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    @property
    def last_label(self) -> str | None:
        return self.children[-1].label if self.children else None

    def introduces_list(self) -> bool:
        """Whether the node's own text asks for a list: none yet, or ending in a colon."""
        return not self.lead or self.lead[-1].endswith(":")


def _continues(previous: str, text: str) -> bool:
    """The default: text after an item is more of that item, never the list's closing text."""
    return False


class Outline:
    """One unit's tree, built from its labels and text in reading order."""

    def __init__(self, where: str, closes: Closes = _continues) -> None:
        self.where = where  # names the unit in error messages: "uncac art. 5"
        self.closes = closes
        self.root = _Node(Level.UNIT)
        self.path = [self.root]  # the open nodes, deepest last
        self.closed = False  # text now goes to the tail of the deepest open node

    def open(self, label: str, text: str = "", ahead: str | None = None) -> bool:
        """Start the node ``label`` with its own ``text`` where a sequence continues with it;
        False when none does.

        ``ahead`` is the label after this one, when the format knows it: ``(ii)`` after ``(i)``
        makes that ``(i)`` a clause even under ``(h)``.
        """
        place = self._place(label, ahead)
        if place is None:
            return False
        parent, level = place
        if parent.tail:
            raise ValueError(f"{self.where}: ({label}) follows the closing text of its parent")
        del self.path[self.path.index(parent) + 1 :]
        node = _Node(level, label, [text] if text else [])
        parent.children.append(node)
        self.path.append(node)
        self.closed = False
        return True

    def _place(self, label: str, ahead: str | None) -> tuple[_Node, Level] | None:
        """The parent and level of ``label``, by the sequences.

        A roman label is a clause when it continues the clauses of the open subparagraph. When
        it could also be the next letter (``(i)`` after ``(h)``, ``(v)`` after ``(u)``), it is a
        clause only if clauses have begun, the subparagraph introduces a list, or ``ahead`` is
        the next roman.
        """
        root = self.root
        if label.isdigit():
            only_paragraphs = all(c.level is Level.PARAGRAPH for c in root.children)
            fits = only_paragraphs and label == next_label(Level.PARAGRAPH, root.last_label)
            return (root, Level.PARAGRAPH) if fits else None
        last = root.children[-1] if root.children else None
        container = last if last is not None and last.level is Level.PARAGRAPH else root
        letter = label == next_label(Level.SUBPARAGRAPH, container.last_label)
        sub = next((n for n in self.path if n.level is Level.SUBPARAGRAPH), None)
        if (
            sub is not None
            and not sub.tail
            and label == next_label(Level.CLAUSE, sub.last_label)
            and (
                not letter
                or sub.children
                or sub.introduces_list()
                or ahead == next_label(Level.CLAUSE, label)
            )
        ):
            return sub, Level.CLAUSE
        return (container, Level.SUBPARAGRAPH) if letter else None

    def text(self, text: str) -> None:
        """Add unlabelled text: more of the deepest open node, or the closing text (tail) of
        the list it ends, when ``closes`` says so."""
        if not text:
            return
        node = self.path[-1]
        if (
            not self.closed
            and node.level in (Level.SUBPARAGRAPH, Level.CLAUSE)
            and self.closes(node.lead[-1] if node.lead else "", text)
        ):
            self.path.pop()
            self.closed = True
            node = self.path[-1]
        (node.tail if self.closed else node.lead).append(text)

    def provision(self, **unit: Any) -> Provision:
        """The tree as a ``Provision``; ``unit`` (instrument, division, number, title …) is
        copied onto every node, each fragment joined and passed through ``clean``."""

        def convert(node: _Node, path: dict[str, str]) -> Provision:
            if node.label is not None:
                path = {**path, node.level.value: node.label}
            return Provision(
                **unit,
                **path,
                lead=clean(" ".join(node.lead)),
                tail=clean(" ".join(node.tail)),
                children=[convert(c, path) for c in node.children],
            )

        return convert(self.root, {})


def build(
    items: Iterable[tuple[str | None, str]],
    where: str,
    closes: Closes = _continues,
    **unit: Any,
) -> Provision:
    """The tree of a unit given as (label, text) items, label None for unlabelled text.

    Every label must continue a sequence: one that does not (``(c)`` after ``(a)``, ``3.``
    after ``1.``) raises OutOfSequence, so a damaged source never yields a wrong tree.
    """
    items = list(items)
    labels = [label for label, _ in items]
    outline = Outline(where, closes)
    for i, (label, text) in enumerate(items):
        if label is None:
            outline.text(text)
        elif not outline.open(label, text, ahead=next(filter(None, labels[i + 1 :]), None)):
            raise OutOfSequence(f"{where}: label ({label}) is out of sequence")
    return outline.provision(**unit)
