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

from assistant.answers.abstention import FAR, abstain_reason, far
from assistant.answers.answer import CitedProvision, Draft, Quote, RetrievedProvision
from assistant.answers.lead import (
    Cite,
    Lead,
    chapeau_of,
    defined_term,
    definition_lead,
    label_words,
    lead_for,
    status_lead,
)
from assistant.answers.markdown import escape_markdown
from assistant.answers.question_kind import Kind, asks_to_compare, question_kind
from assistant.answers.rerank import coverage, fit, likeness
from assistant.answers.terms import Terms, roots
from assistant.answers.verdict import PERMITTED, VERDICT, verdict_words
from assistant.errors import CitationError
from assistant.model.citations import find_instruments, parse_citation
from assistant.model.corpus import Corpus
from assistant.model.manifest import Kind as DocumentKind
from assistant.model.provisions import Obligation, Provision
from assistant.model.verbatim import is_verbatim
from assistant.search.lexical import tokenize
from assistant.search.retriever import Hit, Retrieval

QUOTES_PER_HIT = 2  # passages quoted below the lead
DIRECT_WORDS = 450  # a named provision longer than this is shown up to here
QUOTE_WORDS = 60  # a passage longer than this is cut at its recitals, or shown in part
# Another retrieved provision is listed as related only when it is among the first
# RELATED_AMONG hits (after the answer is chosen), answers nearly as well (``rerank.fit``
# within RELATED_WITHIN of the answering one's) and holds RELATED_COVERAGE of the question's
# words. Tuned on eval/dev.yaml (docs/evaluation.md): article-level precision of what is
# listed 0.51 -> 0.71 at the same recall as a bar on similarity alone. Looking one hit further
# (3, was 2) trades precision for recall where the gates leave room (dev and the three
# fresh sets: recall 0.886 -> 0.900, precision 0.734 -> 0.699; 4: no more recall).
RELATED_AMONG = 3
RELATED_WITHIN = 0.12
RELATED_COVERAGE = 0.2
# A verdict ("Yes — mandatory", "Not mandatory") is given only when the answering article is
# at least this close to the question, and (nearly) the closest of those retrieved; else the
# lead says what the article provides (tuned on eval/dev.yaml: near-domain questions the
# corpus does not answer sit below it, and a hit ranked first by BM25 but not by meaning is
# often the wrong article). The question is searched without the documents it names, which
# lowers similarities by about 0.1 to 0.2 (0.5 gave 110 of 149 dev leads, 0.4 112, 0.3 113).
VERDICT_SIMILARITY = 0.4
VERDICT_SIMILARITY_NAMED = 0.3  # ... for a question naming its documents (cf. abstention)
VERDICT_CLOSEST_WITHIN = 0.05


def _confident(hit: Hit, hits: list[Hit], mentioned: bool = False) -> bool:
    closest = max((h.similarity for h in hits[:5]), default=0.0)
    bar = VERDICT_SIMILARITY_NAMED if mentioned else VERDICT_SIMILARITY
    return hit.similarity >= bar and hit.similarity >= closest - VERDICT_CLOSEST_WITHIN


def _agreed(
    hit: Hit, hits: list[Hit], kind: Kind, question: str, corpus: Corpus, mentioned: bool
) -> bool:
    """Whether an article close enough to the question, though not the closest, gives the
    verdict the closest one gives, or the closest gives none: then the verdict is no guess
    between them ("a financial intelligence unit": UNCAC art. 58 on the unit itself and art.
    14(1)(b), closer in meaning, both say "shall consider"; "refuse to preserve data because
    it is no crime there?": Budapest art. 29(3) says no, art. 4 on data interference, closer
    in meaning, nothing). Never a "yes": an offence's own article and the one on attempting
    it both say "shall establish", though attempting that offence is left out."""
    bar = VERDICT_SIMILARITY_NAMED if mentioned else VERDICT_SIMILARITY
    closest = max(hits[:5], key=lambda h: h.similarity)
    if kind not in _VERDICT_KINDS or hit.similarity < bar or closest is hit:
        return False
    ours, theirs = (_lead_of(h, kind, question, corpus).verdict for h in (hit, closest))
    return ours is not None and theirs in (ours, None) and ours not in _YES


_VERDICT_KINDS = (Kind.OBLIGATION, Kind.PERMISSION)
_YES = (VERDICT[Obligation.MANDATORY], PERMITTED[Obligation.MAY])


_SEGMENT = re.compile(r"(?<=[.;])\s+(?=\S)")
_RECITAL = re.compile(r"(?<=,)\s+(?=[A-Z])")  # preambles: one sentence of many recitals


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
                # "Such information shall include:" says nothing until its list does: never
                # quoted alone (a listed part brings its chapeau with it, see _chapeau)
                if len(piece.split()) >= 4 and not piece.rstrip().endswith(":"):
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
    parent = chapeau_of(node, corpus)
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
        self.obligation: str | None = None

    @property
    def quoted(self) -> set[str]:
        return {q.citation for q in self.quotes}

    def lead(self, lead: Lead) -> None:
        """The answer's opening sentences, whose quoted passages are checked like any quote."""
        self.quotes += [Quote(citation=n.citation, text=text) for n, text in lead.quoted]
        self.lines += [lead.text, ""]
        if self.obligation is None and lead.voice is not None and lead.settled:
            self.obligation = lead.voice.obligation

    def draft(self) -> Draft:
        return Draft(
            text="\n".join(self.lines).strip(),
            citations=list(self.citations.values()),
            quotes=self.quotes,
            obligation=self.obligation,
        )

    def cite(self, node: Provision) -> str:
        cited = CitedProvision.of(node, self.corpus)
        self.citations.setdefault(cited.citation, cited)
        return f"**{escape_markdown(cited.display)}**"

    def quote(self, node: Provision, text: str) -> None:
        self.quotes.append(Quote(citation=node.citation, text=text))
        cut = " …" if not node.text.rstrip().endswith(text) and text[-1] not in ".;:" else ""
        # one blockquote per passage; its words are the text's, never markup
        self.lines += [f"> {escape_markdown(text)}{cut} — {self.cite(node)}", ""]

    def title(self, node: Provision) -> str:
        return f" ({escape_markdown(node.title)})" if node.title else ""


def _passages(writer: _Writer, hit: Hit, terms: set[str], skip: set[str]) -> None:
    """The hit's best passages below the lead, each with the chapeau that gives a
    subparagraph its meaning; nothing the lead quoted already, and never a chapeau alone."""
    corpus = writer.corpus
    for segment in _best_passages(hit, terms, corpus):
        if any(_overlaps(segment.text, s) for s in skip):
            continue
        chapeau = _chapeau(segment.node, corpus)
        fresh = chapeau is not None and chapeau.citation not in writer.quoted
        if fresh and not any(_overlaps(chapeau.lead, s) for s in skip):
            writer.quote(chapeau, chapeau.lead)
        writer.quote(segment.node, segment.text)
        skip.add(segment.text)


def _overlaps(a: str, b: str) -> bool:
    return is_verbatim(a, b) or is_verbatim(b, a)


def _notes(writer: _Writer, unit: Provision) -> None:
    if unit.notes:
        notes = ", ".join(writer.cite(writer.corpus.get(n)) for n in unit.notes)
        writer.lines += [f"Interpretative notes on this article: {notes}", ""]


def _related(writer: _Writer, hits: list[Hit]) -> None:
    if not hits:
        return
    writer.lines.append("Related provisions:")
    for hit in hits:
        unit = writer.corpus.get(hit.unit)
        writer.lines.append(f"- {writer.cite(unit)}{writer.title(unit)}")


def _relevant(hits: list[Hit], best: Hit, question: str, corpus: Corpus, alike: float) -> list[Hit]:
    """Other hits that answer nearly as well as ``best`` (see RELATED_AMONG; ``alike``:
    ``rerank.likeness``)."""
    terms = Terms.of(question, corpus)
    bar = fit(best, terms, corpus, alike=alike) - RELATED_WITHIN
    return [
        h
        for h in hits[:RELATED_AMONG]
        if h is not best
        and fit(h, terms, corpus, alike=alike) >= bar
        and coverage(h, terms, corpus) >= RELATED_COVERAGE
    ]


def _answer(writer: _Writer, hit: Hit, lead: Lead, question: str) -> None:
    """The lead from the part of the hit's article that answers, then its other passages."""
    writer.lead(lead)
    quoted = {passage for _, passage in lead.quoted}
    _passages(writer, hit, set(tokenize(question)), quoted)
    _notes(writer, writer.corpus.get(hit.unit))


def _lead(writer: _Writer, hit: Hit, kind: Kind, question: str, confident: bool) -> Lead:
    return _lead_of(hit, kind, question, writer.corpus, writer.cite, confident)


def _lead_of(
    hit: Hit, kind: Kind, question: str, corpus: Corpus, cite: Cite = str, confident: bool = True
) -> Lead:
    """The lead ``hit`` gives; with the default ``cite`` nothing is cited (a probe)."""
    unit, matched = corpus.get(hit.unit), corpus.get(hit.citation)
    given = (hit.closeness, hit.parts, hit.part_asked)
    return lead_for(unit, matched, kind, question, corpus, cite, confident, *given)


# what a question says to ask for a named provision's text, not of it ("What does art. 16 say?")
_SHOW = roots("what does it say provide require mean article paragraph show quote text")
_ASKED_OF = (Kind.OBLIGATION, Kind.PERMISSION, Kind.FIGURE, Kind.WHO, Kind.CONTENTS)
ASKED_WORDS = 3  # ... and words of its own, at least this many


def _asks_of_named(question: str, citation: str, kind: Kind, corpus: Corpus) -> bool:
    """Whether a question asks something of a provision it names, with parts to answer from
    ("Can UNTOC's article 18 be used to set aside our bilateral MLA treaty?"), rather than
    for its text ("What does Budapest Art. 16 require?")."""
    node = corpus.get(citation)
    if kind not in _ASKED_OF or not node.children:
        return False
    asked = Terms.of(question, corpus).roots - _SHOW - roots(node.title or "")
    return len({r for r in asked if not r.isdigit()}) >= ASKED_WORDS


def _named_lead(writer: _Writer, citation: str, hits: list[Hit], kind: Kind, question: str) -> Lead:
    """The lead from within a named provision, its parts weighed by their meaning too (its
    hit's closeness to the question, part by part)."""
    corpus = writer.corpus
    node = corpus.get(citation)
    unit = corpus.get(parse_citation(citation, corpus.manifest).unit)
    hit = next((h for h in hits if h.unit == unit.citation), None)
    given = (hit.closeness, hit.parts, hit.part_asked) if hit is not None else ()
    return lead_for(unit, node, kind, question, corpus, writer.cite, True, *given)


def _direct(writer: _Writer, citation: str, kind: Kind) -> None:
    """A provision the question named: its label in words, then its text."""
    node = writer.corpus.get(citation)
    words = label_words(node)
    verdict = verdict_words(kind, node.obligation)
    line = f"{writer.cite(node)}{writer.title(node)}"
    if verdict or words:
        line = f"{verdict + ' ' if verdict else ''}{line}: {words or 'see its text'}."
    if node.notes and not node.path:
        notes = ", ".join(writer.cite(writer.corpus.get(n)) for n in node.notes)
        line += f" Interpretative notes: {notes}."
    writer.lines += [line, ""]
    words_of = node.text.split()
    shown = node.text
    if len(words_of) > DIRECT_WORDS:  # a prefix of the text is still verbatim
        shown = " ".join(words_of[:DIRECT_WORDS])
    writer.lines.append("\n>\n".join(f"> {escape_markdown(line)}" for line in shown.splitlines()))
    writer.quotes.append(Quote(citation=node.citation, text=shown))
    if len(words_of) > DIRECT_WORDS:
        writer.lines.append(f"> … (continues: open {writer.cite(node)} to read it all)")
    writer.lines.append("")


def _compare(writer: _Writer, retrieval: Retrieval, searched: list[Hit], kind: Kind) -> None:
    """Each instrument's answering provision, with its label in words, under one summary."""
    corpus, question = writer.corpus, retrieval.question
    best = [
        hit
        for instrument in retrieval.instruments
        if (hit := next((h for h in searched if h.instrument == instrument), None))
    ]
    leads = [
        _lead(writer, hit, kind, question, _confident(hit, [hit], retrieval.mentioned))
        for hit in best
    ]
    summary = []
    for hit, lead in zip(best, leads, strict=True):
        shown = lead.voice if lead.settled else corpus.get(hit.unit)
        words = label_words(shown)
        summary.append(f"{writer.cite(shown)}{f' ({words})' if words else ''}")
    writer.lines += ["Compared: " + "; ".join(summary) + ".", ""]
    for hit, lead in zip(best, leads, strict=True):
        writer.lines += [
            f"### {escape_markdown(corpus.manifest.get(hit.instrument).short_name)}",
            "",
        ]
        _answer(writer, hit, lead, question)
    writer.obligation = None  # each column has its own label, in the summary


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
    covered = ", ".join(
        escape_markdown(d.short_name) for d in corpus.manifest.documents if d.id in corpus.documents
    )
    return (
        f"The instruments in this corpus do not address this question ({reason}). "
        f"The corpus covers: {covered}. Try naming an instrument or a provision, "
        "or rephrase the question in the terms of the treaties."
    )


def _definition(writer: _Writer, retrieval: Retrieval, kind: Kind, question: str) -> Lead | None:
    """A question that asks how one instrument defines a term, answered from its definitions
    article: the definition, or that the article defines no such term."""
    term = defined_term(question) if kind is Kind.DEFINITION else None
    if term is None or len(retrieval.instruments) != 1:
        return None
    return definition_lead(retrieval.instruments[0], term, writer.corpus, writer.cite, question)


def _answering(hits: list[Hit], kind: Kind, corpus: Corpus) -> Hit:
    """A question about what a commentary says is answered from the commentary first; one
    about what a State must or may do, or what a request must hold, from an instrument first
    (a commentary binds no one)."""
    is_commentary = [
        corpus.manifest.get(h.instrument).kind is DocumentKind.COMMENTARY for h in hits
    ]
    wanted = {
        Kind.COMMENTARY: True,
        Kind.OBLIGATION: False,
        Kind.PERMISSION: False,
        Kind.CONTENTS: False,
    }.get(kind)
    return next((h for h, yes in zip(hits, is_commentary, strict=True) if yes is wanted), hits[0])


def _compares(retrieval: Retrieval, corpus: Corpus) -> bool:
    """Several instruments are laid side by side when the user chose them, or the question
    asks to compare the ones it names."""
    if len(retrieval.instruments) < 2:
        return False
    if not retrieval.mentioned:
        return True
    names = find_instruments(retrieval.question, corpus.manifest)
    return asks_to_compare(retrieval.question, [(m.start, m.end) for m in names])


def compose_offline(standalone: str, retrieval: Retrieval, corpus: Corpus) -> Draft:
    """An answer from the retrieved provisions alone (see the module docstring); the hits
    come in the order they answer (``rerank.best_of``, the chain's Rerank step)."""
    writer = _Writer(corpus)
    kind = question_kind(standalone)
    status_of = retrieval.instruments[:1] or [h.instrument for h in retrieval.hits[:1]]
    if kind is Kind.STATUS and status_of and not retrieval.named:
        writer.lead(status_lead(status_of[0], corpus, writer.cite))
        return writer.draft()
    reason = abstain_reason(retrieval)
    if reason is not None:
        text = _abstention(corpus, reason, retrieval.missing)
        return Draft(text=text, abstained=True, abstain_reason=reason)
    for message in retrieval.missing:
        writer.lines += [_missing(message, corpus), ""]
    searched = [h for h in retrieval.hits if h.retrievers != ["citation"]]
    if retrieval.named:
        if len(retrieval.named) == 1 and _asks_of_named(
            standalone, retrieval.named[0], kind, corpus
        ):
            writer.lead(_named_lead(writer, retrieval.named[0], retrieval.hits, kind, standalone))
        for citation in retrieval.named:
            _direct(writer, citation, kind)
    elif kind is not Kind.COMMENTARY and _compares(retrieval, corpus):
        _compare(writer, retrieval, searched, kind)
    elif (definition := _definition(writer, retrieval, kind, standalone)) is not None:
        writer.lead(definition)
        _related(
            writer,
            _relevant(searched, searched[0], standalone, corpus, likeness(retrieval))
            if searched
            else [],
        )
    elif searched:
        best = _answering(searched, kind, corpus)
        confident = _confident(best, searched, retrieval.mentioned) or _agreed(
            best, searched, kind, standalone, corpus, retrieval.mentioned
        )
        lead = _lead(writer, best, kind, standalone, confident)
        if far(retrieval):  # never a verdict here (below VERDICT_SIMILARITY_NAMED)
            lead.text = f"{FAR} {lead.text}"
        _answer(writer, best, lead, standalone)
        _related(writer, _relevant(searched, best, standalone, corpus, likeness(retrieval)))
    return writer.draft()


def retrieved(hit: Hit) -> RetrievedProvision:
    """What an answer records of a hit: enough to show and evaluate the ranking."""
    return RetrievedProvision(
        citation=hit.citation,
        unit=hit.unit,
        score=round(hit.score, 5),
        similarity=round(hit.similarity, 4),
        retrievers=hit.retrievers,
    )
