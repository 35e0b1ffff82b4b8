"""The one typed model of a provision, shared by ingest, retrieval, answers, UI and evaluation.

A parsed document is a list of top-level units (articles, the preamble, interpretative notes,
resolution paragraphs, commentary paragraphs). Each unit is a tree: an article holds numbered
paragraphs, which hold lettered subparagraphs, which hold roman clauses. Every node keeps the
text fragments it owns (``lead`` before its children, ``tail`` after them) exactly as the source
has them, so quotes can always be checked against the source; ``text`` renders the whole unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from pydantic import BaseModel, Field

from assistant.model.citations import Citation, Division


class Level(StrEnum):
    """Depth of a node inside its top-level unit."""

    UNIT = "unit"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    CLAUSE = "clause"


class Obligation(StrEnum):
    """How strongly a provision binds a State, in the terms legislative guides use: mandatory
    requirements, measures to consider or endeavour, options, prohibitions, and text that binds
    no State. Derived at ingest by ``ingest.obligations``."""

    MANDATORY = "mandatory"  # "shall adopt / establish / ensure / take …"
    SHALL_CONSIDER = "shall-consider"  # "shall consider adopting …"
    SHALL_ENDEAVOUR = "shall-endeavour"  # "shall endeavour to …"
    MAY = "may"  # a permission or option: "may", "may also establish", "may require"
    SHALL_NOT = "shall-not"  # a prohibition on the State: "shall not decline", "may not refuse"
    NONE = "none"  # no State is bound to act: definitions, purposes, entry into force


# "… shall consider this Convention the necessary and sufficient treaty basis": to regard the
# instrument itself so is a duty, not a measure to consider (ingest labels it so, and the lead
# reads a quoted clause so)
CONSIDERED_INSTRUMENT = r"\s+(?:this|the)\s+(?:Convention|Protocol)\b"


class Provision(BaseModel):
    """A citable unit or sub-unit of a document, with enough context to be shown on its own."""

    instrument: str = Field(description="document id from the manifest, e.g. 'uncac'")
    division: Division
    number: str | None = Field(None, description="article, note or paragraph number")
    paragraph: str | None = Field(None, description="numbered paragraph: '4'")
    subparagraph: str | None = Field(None, description="lettered subparagraph: 'a'")
    clause: str | None = Field(None, description="roman clause: 'ii'")
    title: str | None = Field(None, description="article title (also set on sub-nodes)")
    chapter: str | None = Field(None, description="chapter number, e.g. 'III'")
    headings: list[str] = Field(default_factory=list, description="chapter/section headings")
    lead: str = Field("", description="own text before any children, verbatim from the source")
    tail: str = Field("", description="own text after the children, verbatim from the source")
    children: list[Provision] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="citations of notes on this unit")
    interprets: list[str] = Field(default_factory=list, description="for notes: articles noted")
    refs: list[str] = Field(default_factory=list, description="citations this text refers to")
    obligation: Obligation | None = Field(
        None, description="how strongly this node's own text binds a State; None: no own text"
    )
    qualifiers: list[str] = Field(
        default_factory=list,
        description="verbatim phrases of the own text that soften the obligation",
    )

    @property
    def path(self) -> tuple[str, ...]:
        """Labels below the unit, outermost first: ``('1', 'a', 'ii')`` or ``('a',)``."""
        return tuple(x for x in (self.paragraph, self.subparagraph, self.clause) if x)

    @property
    def level(self) -> Level:
        if self.clause:
            return Level.CLAUSE
        if self.subparagraph:
            return Level.SUBPARAGRAPH
        return Level.PARAGRAPH if self.paragraph else Level.UNIT

    @property
    def label(self) -> str | None:
        """Own label inside the unit: '4', 'a', 'ii'; None for the unit itself."""
        return self.path[-1] if self.path else None

    def cite(self) -> Citation:
        """This provision's address (format it with ``str`` or ``Citation.display``)."""
        return Citation(self.instrument, self.division, self.number, self.path)

    @property
    def citation(self) -> str:
        """Canonical citation, e.g. ``uncac art. 15(a)``."""
        return str(self.cite())

    @property
    def own(self) -> str:
        """Its own words: the text before its parts, else the text after them (what a lead
        quotes of it and what a part's vector embeds)."""
        return self.lead or self.tail

    @property
    def text(self) -> str:
        """The whole unit as plain text: lead, each child with its label, tail."""
        parts = [self.lead] if self.lead else []
        for child in self.children:
            parts.append(f"{child.marker} {child.text}".strip())
        if self.tail:
            parts.append(self.tail)
        return "\n".join(parts)

    @property
    def marker(self) -> str:
        """How a child's label is printed before its text: ``1.``, ``(a)``, ``(ii)``."""
        if self.label is None:
            return ""
        return f"{self.label}." if self.level is Level.PARAGRAPH else f"({self.label})"

    def blocks(self, path: tuple[str, ...]) -> list[tuple[str, bool]]:
        """``text`` cut into blocks so that the part at ``path`` is one block of its own,
        flagged True: a cited paragraph shown, highlighted, inside its whole article."""
        if not path:
            return [(self.text, True)]
        found: list[tuple[str, bool]] = [(self.lead, False)] if self.lead else []
        for child in self.children:
            if child.label == path[0]:
                inner = child.blocks(path[1:])
                first, flag = inner[0] if inner else ("", False)
                found += [(f"{child.marker} {first}".strip(), flag), *inner[1:]]
            else:
                found.append((f"{child.marker} {child.text}".strip(), False))
        if self.tail:
            found.append((self.tail, False))
        merged: list[tuple[str, bool]] = []
        for text, flag in found:
            if merged and not flag and not merged[-1][1]:
                merged[-1] = (f"{merged[-1][0]}\n{text}", False)
            else:
                merged.append((text, flag))
        return merged

    def walk(self) -> Iterator[Provision]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def fragments(self) -> Iterator[str]:
        """Every verbatim text fragment of this subtree (what the source check compares)."""
        for node in self.walk():
            yield from (f for f in (node.lead, node.tail) if f)

    def find(self, path: tuple[str, ...]) -> Provision | None:
        """The node at ``path`` below this one, or None when the text has no such part."""
        node = self
        for label in path:
            node = next((c for c in node.children if c.label == label), None)
            if node is None:
                return None
        return node


class Document(BaseModel):
    """A parsed document: its id and its top-level units in reading order."""

    id: str
    units: list[Provision]
    title: str | None = Field(None, description="title as the source gives it")
    byline: str | None = Field(None, description="author note or date line, for commentary")

    def provisions(self) -> Iterator[Provision]:
        """Every node of every unit, in document order."""
        for unit in self.units:
            yield from unit.walk()

    def articles(self) -> list[Provision]:
        return [u for u in self.units if u.division is Division.ARTICLE]
