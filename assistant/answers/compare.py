"""Side-by-side comparison: the provisions of several instruments that deal with one topic.

A trainer asks "liability of legal persons" (or names one article, "UNCAC art. 26") and gets,
per instrument, the article the retriever finds closest, with runners-up to switch to. A named
article fixes its own instrument's column and its title and text become the query for the
others, so the comparison follows what that article says, not how it is numbered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.errors import NoSuchProvision
from assistant.model.citations import find_citations
from assistant.model.corpus import Corpus
from assistant.model.manifest import Kind
from assistant.search.retriever import Retriever

# A named article's opening words: enough to say what it is about, short enough that its
# conditions do not outweigh its subject (at 600 characters "Cybercrime Convention art. 15"
# found the Lanzarote Convention's definition of "child", at 300 its solicitation article; 19
# of 21 counterparts of ten named articles right at 300, 18 at 600).
QUERY_CHARS = 300
# Below this similarity the best article of an instrument is shown as a weak match: on the
# development topics true counterparts scored 0.56-0.83, unrelated best hits 0.29-0.42.
CLOSE_SIMILARITY = 0.45


@dataclass
class Counterpart:
    """One instrument's column: the chosen unit and the others worth offering."""

    instrument: str
    candidates: list[str]  # units (e.g. "uncac art. 26"), best first; the first is chosen
    similarity: float  # of the best candidate to the topic; low means "no clear counterpart"
    named: bool = False  # the user named this provision; it was not searched for

    @property
    def close(self) -> bool:
        return self.named or self.similarity >= CLOSE_SIMILARITY


@dataclass
class Comparison:
    topic: str
    columns: list[Counterpart]
    missing: list[str]  # provisions the topic named that do not exist, with what does

    def shown(self, corpus: Corpus) -> list[dict[str, Any]]:
        """Per column, what the Compare view shows first: the chosen unit's canonical
        citation, its title, the similarity and whether it is a weak match (for the CLI's
        ``compare`` and the correspondence suite). A column without any candidate has
        citation and title None."""
        rows = []
        for column in self.columns:
            unit = column.candidates[0] if column.candidates else None
            rows.append(
                {
                    "instrument": column.instrument,
                    "citation": unit,
                    "title": corpus.get(unit).title if unit else None,
                    "similarity": round(column.similarity, 3),
                    "weak": not column.close,
                }
            )
        return rows


def default_instruments(retriever: Retriever) -> list[str]:
    """The conventions: what practitioners compare first (protocols and commentary on request)."""
    return [d.id for d in retriever.corpus.manifest.documents if d.kind is Kind.CONVENTION]


def compare(retriever: Retriever, topic: str, instruments: list[str], k: int = 5) -> Comparison:
    """Per instrument, in the order given, the provisions closest to ``topic``."""
    corpus = retriever.corpus
    named: dict[str, str] = {}
    missing: list[str] = []
    query = topic.strip()
    for citation in find_citations(query, corpus.manifest):
        try:
            node = corpus.get(citation.unit)
        except NoSuchProvision as exc:
            missing.append(exc.args[0])
            continue
        named.setdefault(citation.instrument, str(citation.unit))
        if len(named) == 1:
            query = f"{node.title or ''}. {node.text[:QUERY_CHARS]}"
    if not query or (missing and not named):
        return Comparison(topic, [], missing)
    columns = []
    for instrument in instruments:
        result = retriever.search(query, k=k, instruments=[instrument])
        hits = [
            h for h in result.hits if h.instrument == instrument and h.unit not in named.values()
        ]
        units = [h.unit for h in hits]
        best = max((h.similarity for h in hits[:1]), default=0.0)
        if instrument in named:
            columns.append(Counterpart(instrument, [named[instrument], *units], 1.0, named=True))
        else:
            columns.append(Counterpart(instrument, units, best))
    return Comparison(topic, columns, missing)
