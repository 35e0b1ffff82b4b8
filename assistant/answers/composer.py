"""The offline answer: composed from the retrieved provisions alone, no language model.

- a lead sentence naming the provisions that govern the question;
- the passages that match the question best, quoted verbatim with pinpoint citations (each
  quote is a sentence or clause of the paragraph it cites; a subparagraph comes with the
  chapeau that gives it meaning);
- related provisions, one line each with their titles;
- comparisons laid out document by document; a named provision answered with its own text;
- abstention in plain words when the corpus does not address the question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answers.abstention import abstain_reason
from assistant.answers.answer import CitedProvision, Draft, Quote, RetrievedProvision
from assistant.errors import CitationError
from assistant.model.citations import Division, parse_citation
from assistant.model.corpus import Corpus
from assistant.model.provisions import Provision
from assistant.search.lexical import tokenize
from assistant.search.retriever import Hit, Retrieval

QUOTED_HITS = 3  # provisions quoted in a plain answer; the rest are listed as related
QUOTES_PER_HIT = 2
DIRECT_WORDS = 450  # a named provision longer than this is shown up to here
QUOTE_WORDS = 120  # a passage longer than this is cut at its recitals, or shown in part
_SEGMENT = re.compile(r"(?<=[.;])\s+(?=\S)")
_RECITAL = re.compile(r"(?<=,)\s+(?=[A-Z])")  # preambles: one sentence of many recitals
_ASKS_PREAMBLE = re.compile(r"\b(preamb\w*|recital\w*|purpose\w*|objects?|objectives?|why)\b", re.I)


@dataclass
class _Segment:
    node: Provision
    text: str
    order: int
    score: float = 0.0


def _segments(node: Provision) -> Iterator[_Segment]:
    """Sentences and clauses of every fragment below ``node``, each verbatim, in order."""
    for part in node.walk():
        for fragment in (part.lead, part.tail):
            pieces = [fragment] if len(fragment.split()) <= 60 else _SEGMENT.split(fragment)
            pieces = [p for piece in pieces for p in _shorter(piece)]
            for order, piece in enumerate(pieces):
                if len(piece.split()) >= 4:
                    yield _Segment(part, piece.strip(), order)


def _shorter(piece: str) -> list[str]:
    """A long piece cut at its recitals; what is still too long keeps its opening words
    (a prefix of verbatim text is verbatim; the quote shows it is cut)."""
    if len(piece.split()) <= QUOTE_WORDS:
        return [piece]
    parts = _RECITAL.split(piece)
    return [
        p if len(p.split()) <= QUOTE_WORDS else p[: _nth_space(p, QUOTE_WORDS)].rstrip(",;")
        for p in parts
    ]


def _nth_space(text: str, n: int) -> int:
    """Where the n-th word of ``text`` ends."""
    return [m.start() for m in re.finditer(r"\s+", text)][n - 1]


def _best_passages(hit: Hit, question_terms: set[str], corpus: Corpus) -> list[_Segment]:
    """The hit's passages that share most words with the question, in document order.

    Candidates come from the parts retrieval matched (best first); among equally good
    passages the earlier one wins, since treaties put the rule before its qualifications.
    """
    roots = [corpus.get(c) for c in [hit.citation, *hit.also[:2]]]
    position = {n.citation: i for i, n in enumerate(corpus.get(hit.unit).walk())}
    candidates = [s for root in roots for s in _segments(root)]
    for segment in candidates:
        segment.order = position[segment.node.citation] * 100 + segment.order
        shared = len(set(tokenize(segment.text)) & question_terms)
        segment.score = shared + (0.5 if segment.node is roots[0] else 0) - segment.order / 1e5
    chosen = sorted(candidates, key=lambda s: -s.score)[:QUOTES_PER_HIT]
    return sorted(chosen, key=lambda s: s.order)


def _chapeau(node: Provision, corpus: Corpus) -> Provision | None:
    """The paragraph (or article) that introduces a subparagraph, when it is short."""
    if not (node.subparagraph or node.clause):
        return None
    parent = corpus.get(node.cite().unit).find(node.path[:-1])
    if parent is None or not parent.lead or len(parent.lead.split()) > 45:
        return None
    return parent


class _Writer:
    """Collects text, citations and quotes together, so none can be shown without the other."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.lines: list[str] = []
        self.citations: dict[str, CitedProvision] = {}
        self.quotes: list[Quote] = []

    def cite(self, node: Provision) -> str:
        cited = CitedProvision.of(node, self.corpus)
        self.citations.setdefault(cited.citation, cited)
        return f"**{cited.display}**"

    def quote(self, node: Provision, text: str) -> None:
        self.quotes.append(Quote(citation=node.citation, text=text))
        cut = " …" if not node.text.rstrip().endswith(text) and text[-1] not in ".;:" else ""
        self.lines += [f"> {text}{cut} — {self.cite(node)}", ""]  # one blockquote per passage

    def title(self, node: Provision) -> str:
        return f" ({node.title})" if node.title else ""


def _quote_hit(writer: _Writer, hit: Hit, terms: set[str]) -> None:
    corpus = writer.corpus
    unit = corpus.get(hit.unit)
    writer.lines.append(f"{writer.cite(unit)}{writer.title(unit)}")
    shown_chapeaux: set[str] = set()
    for segment in _best_passages(hit, terms, corpus):
        chapeau = _chapeau(segment.node, corpus)
        if chapeau is not None and chapeau.citation not in shown_chapeaux:
            shown_chapeaux.add(chapeau.citation)
            writer.quote(chapeau, chapeau.lead)
        writer.quote(segment.node, segment.text)
    if unit.notes:
        notes = ", ".join(writer.cite(corpus.get(n)) for n in unit.notes)
        writer.lines.append(f"Interpretative notes on this article: {notes}")
    writer.lines.append("")


def _related(writer: _Writer, hits: list[Hit]) -> None:
    if not hits:
        return
    writer.lines.append("Related provisions:")
    for hit in hits:
        unit = writer.corpus.get(hit.unit)
        writer.lines.append(f"- {writer.cite(unit)}{writer.title(unit)}")


def _lead(writer: _Writer, hits: list[Hit]) -> None:
    units = [writer.corpus.get(h.unit) for h in hits]
    named = [f"{writer.cite(u)}{writer.title(u)}" for u in units]
    if len(named) == 1:
        writer.lines.append(f"The most relevant provision is {named[0]}.")
    else:
        writer.lines.append(
            f"The most relevant provisions are {', '.join(named[:-1])} and {named[-1]}."
        )
    writer.lines.append("")


def _direct(writer: _Writer, citation: str) -> None:
    node = writer.corpus.get(citation)
    writer.lines.append(f"{writer.cite(node)}{writer.title(node)}")
    words = node.text.split()
    shown = node.text
    if len(words) > DIRECT_WORDS:  # a prefix of the text is still verbatim
        shown = " ".join(words[:DIRECT_WORDS])
    writer.lines.append("\n>\n".join(f"> {line}" for line in shown.splitlines()))
    writer.quotes.append(Quote(citation=node.citation, text=shown))
    if len(words) > DIRECT_WORDS:
        writer.lines.append(f"> … (continues: open {writer.cite(node)} to read it all)")
    if node.notes and not node.path:
        notes = ", ".join(writer.cite(writer.corpus.get(n)) for n in node.notes)
        writer.lines.append(f"Interpretative notes on this article: {notes}")
    writer.lines.append("")


def _missing(message: str, corpus: Corpus) -> str:
    """'uncac art. 99: no such provision (...)' in display form."""
    citation, _, why = message.partition(": ")
    try:
        display = parse_citation(citation, corpus.manifest).display(corpus.manifest)
    except CitationError:  # a number no provision can have ("uncac art. -3"): shown as typed
        instrument, _, rest = citation.partition(" ")
        display = f"{corpus.manifest.get(instrument).short_name} {rest}"
    return f"**{display}**: {why}."


def _abstention(corpus: Corpus, reason: str, missing: list[str]) -> str:
    if missing:
        return "\n\n".join(_missing(m, corpus) for m in missing)
    covered = ", ".join(d.short_name for d in corpus.manifest.documents if d.id in corpus.documents)
    return (
        f"The instruments in this corpus do not address this question ({reason}). "
        f"The corpus covers: {covered}. Try naming an instrument or a provision, "
        "or rephrase the question in the terms of the treaties."
    )


def _operative_first(hits: list[Hit], question: str, corpus: Corpus) -> list[Hit]:
    """Preambles after the operative provisions, unless the question asks about purposes:
    a recital that shares words with the question does not answer it."""
    if _ASKS_PREAMBLE.search(question):
        return hits
    return sorted(hits, key=lambda h: corpus.get(h.unit).division is Division.PREAMBLE)


def compose_offline(standalone: str, retrieval: Retrieval, corpus: Corpus) -> Draft:
    """An answer from the retrieved provisions alone (see the module docstring)."""
    reason = abstain_reason(retrieval)
    if reason is not None:
        text = _abstention(corpus, reason, retrieval.missing)
        return Draft(text=text, abstained=True, abstain_reason=reason)
    writer = _Writer(corpus)
    for message in retrieval.missing:
        writer.lines += [_missing(message, corpus), ""]
    terms = set(tokenize(standalone))
    searched = _operative_first(
        [h for h in retrieval.hits if h.retrievers != ["citation"]], standalone, corpus
    )
    if retrieval.named:
        for citation in retrieval.named:
            _direct(writer, citation)
        _related(writer, searched[:3])
    elif len(retrieval.instruments) > 1:
        for instrument in retrieval.instruments:
            own = [h for h in searched if h.instrument == instrument]
            if not own:
                continue
            writer.lines += [f"### {corpus.manifest.get(instrument).short_name}", ""]
            _quote_hit(writer, own[0], terms)
            _related(writer, own[1:3])
            writer.lines.append("")
    else:
        _lead(writer, searched[:2])
        for hit in searched[:QUOTED_HITS]:
            _quote_hit(writer, hit, terms)
        _related(writer, searched[QUOTED_HITS:6])
    return Draft(
        text="\n".join(writer.lines).strip(),
        citations=list(writer.citations.values()),
        quotes=writer.quotes,
    )


def retrieved(hit: Hit) -> RetrievedProvision:
    """What an answer records of a hit: enough to show and evaluate the ranking."""
    return RetrievedProvision(
        citation=hit.citation,
        unit=hit.unit,
        score=round(hit.score, 5),
        similarity=round(hit.similarity, 4),
        retrievers=hit.retrievers,
    )
