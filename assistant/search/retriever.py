"""The retriever: the one way the rest of the project finds provisions for a question.

1. Provisions the question names ("article 17 of the Hanoi Convention") come first, whatever
   the embeddings say; a named provision that does not exist is reported, not guessed.
2. Documents the question names (Palermo, Merida, TIP Protocol...) narrow the search, as does
   an explicit filter; a question naming two or more documents gets the best of each.
3. Dense (Chroma) and BM25 candidates are fused by reciprocal rank, then grouped so that one
   article appears once, carrying its best paragraph and the others that matched.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.errors import IndexUnavailable, NoSuchProvision
from assistant.model.citations import find_citations, find_instruments, without_instruments
from assistant.model.corpus import Corpus, parsed_digest, source_checksums
from assistant.model.manifest import Manifest, manifest_for
from assistant.model.provisions import Provision
from assistant.search.embeddings import index_embeddings, index_model, questions_digest
from assistant.search.glossary import glossary
from assistant.search.index import Chunk, DenseStore, Index, usable_stamp
from assistant.search.language import ENGLISH, detect_language
from assistant.search.lexical import expand_terms
from assistant.search.multilingual import MULTILINGUAL_MODEL, MultilingualEmbeddings
from assistant.settings import Settings

RRF_K = 60  # the usual reciprocal-rank-fusion constant
_DEFINITION_CUE = re.compile(
    r"\b(defin\w*|meaning|mean by|means?|what (?:is|are) (?:an? |the )?|who (?:is|are) an? )", re.I
)
_DEFINED_TERM = re.compile(r"Definition of “([^”]+)”")
_NAME = re.compile(r"(?<![.?!:]\s)(?<!^)\b([A-Z][a-z]+|[A-Z]{2,})\b")
_NOTES = re.compile(r"\binterpretative\s+notes?\b|\bnotes?\s+on\b", re.I)
# "attempted illegal access", "aiding and abetting a bribe": the treaties govern attempt and
# complicity in an article of their own ("Participation and attempt", "Attempt and aiding or
# abetting"), not in each offence's article, which shares more of the question's words
ASKS_ATTEMPT = re.compile(r"\battempt\w*|\babet\w*|\baccomplices?\b|\bcomplicity\b", re.I)
ON_ATTEMPT = re.compile(r"\battempt\b|\babetting\b", re.I)
# "Our narcotics agents want to arrest a trafficker themselves on the other side of the border":
# our own officers' coercive acts on another State's soil, which the treaties leave to that
# State's authorities in a clause of their own ("Nothing in this Convention entitles a State
# Party to undertake in the territory of another State the exercise of jurisdiction …")
_COERCES = re.compile(r"\b(?:arrest|search|seiz|raid|interrogat)\w*", re.I)
_OURSELVES = re.compile(
    r"\b(?:themselves|(?:our|its|their)\s+own\s+"
    r"(?:officers|agents|investigators|police|detectives|staff|officials))\b",
    re.I,
)
_ABROAD = re.compile(
    r"\b(?:neighbouring\s+country|another\s+(?:State|Party|party|country)|abroad|soil"
    r"|other\s+side\s+of\s+the\s+border|into\s+[A-Z][a-z]+)\b"
)
RESERVED_TO_OTHERS = re.compile(
    r"\bin\s+the\s+territory\s+of\s+another\s+(?:State|Party)\s+the\s+exercise\s+of\s+jurisdiction"
)


def acts_abroad(question: str) -> bool:
    """Whether the question asks about our own officers' coercive acts on another State's soil."""
    return all(p.search(question) for p in (_COERCES, _OURSELVES, _ABROAD))


# Articles a kind of question is about, which retrieval may rank below their neighbours or
# miss: (whether a question asks for one, whether an article is one, what its hit is named)
_ASKED_ARTICLES: tuple[tuple[Callable[[str], object], Callable[[Provision], object], str], ...] = (
    (ASKS_ATTEMPT.search, lambda u: ON_ATTEMPT.search(u.title or ""), "attempt"),
    (acts_abroad, lambda u: RESERVED_TO_OTHERS.search(u.text), "sovereignty"),
)
_ADDED = frozenset(name for *_, name in _ASKED_ARTICLES)


def search_text(question: str, manifest: Manifest, language: str = ENGLISH) -> tuple[str, str]:
    """The question without the names of the documents it names, and what is searched for it.

    The documents the question names narrow the search; their names are left out of what is
    searched, where they would pull towards the passages that repeat a title ("this
    Convention", final clauses) rather than the ones about the question. BM25 and the main
    model also read the English terms of art the question's own words stand for (the
    multilingual model reads the question as asked). The practitioner questions the index
    compares with a question (question_vectors.py) are embedded as searched, the same way."""
    bare = without_instruments(question, manifest) if find_instruments(question, manifest) else ""
    bare = bare if len(bare.split()) >= 2 else question
    return bare, expand_terms(glossary().expand(bare, language), context=question)


@dataclass
class Hit:
    """One retrieved provision (an article, note, paragraph of commentary...)."""

    citation: str  # best matching part, e.g. "untoc art. 16(4)"
    unit: str  # its article (or note, commentary paragraph), e.g. "untoc art. 16"
    instrument: str
    text: str
    context: str
    score: float
    retrievers: list[str]  # "citation", "dense", "bm25"; or what added it (_ASKED_ARTICLES)
    also: list[str] = field(default_factory=list)  # other matching parts of the same unit
    similarity: float = 0.0  # best cosine similarity of its chunks to the question (dense)
    closeness: dict[str, float] = field(default_factory=dict)  # each dense chunk's, by citation
    parts: dict[str, float] = field(default_factory=dict)  # each part's (PartVectors), by citation
    # closeness of the nearest question written for its article (question_vectors);
    # an article with none written (a user's document, a commentary) stands in its similarity
    asked: float = 0.0
    part_asked: dict[str, float] = field(default_factory=dict)  # ... for each part, by citation


@dataclass
class Retrieval:
    """What retrieval found, and what it understood of the question."""

    question: str
    hits: list[Hit]
    instruments: list[str]  # the documents searched (all when empty)
    named: list[str]  # provisions the question named and that exist
    missing: list[str]  # provisions the question named that do not exist, with why
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds per stage
    unknown_names: list[str] = field(default_factory=list)  # "GDPR", "France": not in corpus
    language: str = ENGLISH  # the question's (ISO 639-1)
    multilingual: bool = False  # searched with the multilingual model (a non-English question)
    mentioned: bool = False  # the question names documents (searched without their names)
    multilingual_off: bool = False  # the multilingual model is turned off in the settings
    # ``similarity`` as it was before a rerank brought later hits forward (answers/rerank.py)
    closest: float | None = None

    @property
    def similarity(self) -> float:
        """How close the best searched hit is to the question (named provisions aside). A
        rerank that brings a later hit forward does not make the question any closer to the
        corpus: abstention reads this of the hits retrieval ranked first (``closest``)."""
        if self.closest is not None:
            return self.closest
        return max((h.similarity for h in self.hits if h.retrievers != ["citation"]), default=0.0)


class Retriever:
    def __init__(
        self, index: Index, corpus: Corpus, candidates: int = 40, multilingual_off: bool = False
    ):
        self.index = index
        self.corpus = corpus
        self.candidates = candidates
        self.multilingual_off = multilingual_off  # TREATY_MULTILINGUAL=false: not "missing"
        self._instrument_of = np.array([c.instrument for c in index.chunks])
        self._defined_terms = [
            (chunk, _asked_for(match[1].lower()))
            for chunk in index.chunks
            if (match := _DEFINED_TERM.search(chunk.context))
        ]

    @classmethod
    def from_settings(cls, settings: Settings) -> Retriever:
        """Corpus, model and index as configured (raises CorpusError / IndexUnavailable, also
        when the index was built from another version of the corpus)."""
        corpus = Corpus.load(settings.corpus_file, manifest_for(settings))
        stamp = usable_stamp(settings, index_model(settings))  # before the model loads
        if stamp.questions != questions_digest(settings):
            raise IndexUnavailable(
                f"the index is stale: the practitioner questions in {settings.questions_dir} "
                "changed since it was built; run 'python -m ingest build'"
            )
        index = Index.open(settings, index_embeddings(settings))
        now = source_checksums(settings.corpus_file)
        if changed := sorted(
            d
            for d in now.keys() | index.stamp.corpus.keys()
            if now.get(d) != index.stamp.corpus.get(d)
        ):
            # Its chunks could cite provisions the corpus no longer has: never serve from it.
            raise IndexUnavailable(
                f"the index is stale: {', '.join(changed)} changed since it was built; "
                "run 'python -m ingest build'"
            )
        if index.stamp.parsed and index.stamp.parsed != parsed_digest(settings.corpus_file):
            raise IndexUnavailable(
                "the index is stale: the corpus was parsed again, differently, since it was "
                "built; run 'python -m ingest build'"
            )
        if settings.multilingual:
            index.open_multilingual(settings, MultilingualEmbeddings(), MULTILINGUAL_MODEL)
        return cls(index, corpus, settings.candidates, multilingual_off=not settings.multilingual)

    def search(
        self,
        question: str,
        k: int = 5,
        instruments: list[str] | None = None,
        default_instrument: str | None = None,
    ) -> Retrieval:
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        manifest = self.corpus.manifest
        language = detect_language(question, manifest)
        multilingual = language != ENGLISH and self.index.multilingual is not None
        mentioned = list(dict.fromkeys(m.instrument for m in find_instruments(question, manifest)))
        scope = list(instruments) if instruments else mentioned
        named, missing, direct = [], [], []
        asks_for_notes = bool(_NOTES.search(question))
        for citation in find_citations(question, manifest, default_instrument):
            try:
                node = self.corpus.get(citation)
            except NoSuchProvision as exc:
                missing.append(exc.args[0])
                continue
            named.append(str(citation))
            notes = node.notes if asks_for_notes and not citation.path else []
            direct.extend(_direct_hit(self.corpus.get(n)) for n in notes)
            direct.append(_direct_hit(node))
        if _DEFINITION_CUE.search(question):
            direct += [
                h
                for h in self._definitions(question, scope)
                if h.unit not in {d.unit for d in direct}
            ]
        timings["parse"] = _ms(clock)

        seen = {h.unit for h in direct}
        bare, searched = search_text(question, manifest, language)
        clock = time.perf_counter()
        store = self.index.multilingual if multilingual else self.index.store
        vector = store.embed(question if multilingual else searched)
        timings["dense"] = _ms(clock)
        ranked = self._ranked(searched, vector, store, scope, k + len(seen), timings)
        hits = direct + [h for h in ranked if h.unit not in seen]
        unknown = self.index.lexical.unknown(_names(without_instruments(question, manifest)))
        hits = hits[: max(k, len(direct))]
        for asks, holds, name in _ASKED_ARTICLES:
            if asks(question) and hits:
                hits = self._with_article(hits, scope or [hits[0].instrument], k, holds, name)
        # the parts are embedded by the main model only: a question in another language is
        # compared with them through the English terms of art it uses, when it uses any
        english = glossary().english_terms(bare, language) if multilingual else []
        near = self.index.store.embed("; ".join(english)) if english else vector
        if not multilingual or english:
            unit_near = np.asarray(near, dtype=np.float32)
            unit_near /= max(float(np.linalg.norm(unit_near)), 1e-12)
            for hit in hits:
                hit.parts = self.index.parts.closeness(near, hit.unit)
                # (an article no question was written for: see ``Hit.asked``)
                asked = self.index.questions.closeness(unit_near, hit.unit)
                hit.asked = hit.similarity if asked is None else asked
                hit.part_asked = self.index.questions.part_closeness(unit_near, hit.unit, hit.parts)
                if _ADDED.intersection(hit.retrievers):  # as close as its closest part
                    hit.similarity = max(hit.parts.values(), default=0.0)
        return Retrieval(
            question,
            hits,
            scope,
            named,
            missing,
            timings,
            unknown,
            language,
            multilingual,
            mentioned=bare != question,
            multilingual_off=self.multilingual_off,
        )

    def _with_article(
        self,
        hits: list[Hit],
        scope: list[str],
        k: int,
        holds: Callable[[Provision], object],
        name: str,
    ) -> list[Hit]:
        """``hits`` with the first instrument's article that ``holds`` among them (last), when
        none is: "attempted illegal access" shares most words with the article on illegal
        access, while whether attempt is an offence is the article on attempt's."""
        if any(holds(self.corpus.get(h.unit)) for h in hits):
            return hits
        document = self.corpus.documents.get(scope[0])
        unit = next((u for u in document.units if holds(u)) if document else (), None)
        if unit is None:
            return hits
        hit = _direct_hit(unit)
        hit.retrievers, hit.score, hit.similarity = [name], 0.0, 0.0
        return [*hits[: k - 1], hit]

    def _definitions(self, question: str, scope: list[str]) -> list[Hit]:
        """Defined terms the question asks about ("how is traffic data defined", "what is a
        public official"): the term must stand right after or before the asking words."""
        lowered = question.lower()
        hits = []
        for chunk, asked in self._defined_terms:
            if (not scope or chunk.instrument in scope) and asked.search(lowered):
                hit = _direct_hit(self.corpus.get(chunk.citation))
                hit.retrievers = ["definition"]
                hits.append(hit)
        return hits

    def _ranked(
        self,
        question: str,
        vector: list[float],
        store: DenseStore,
        scope: list[str],
        depth: int,
        timings: dict[str, float],
    ) -> list[Hit]:
        """One hit per unit, at least ``depth`` of them when the scope holds that many.

        Candidates are chunks, so a question about one long article (forty paragraphs of
        mutual legal assistance) can fill both candidate lists with a handful of articles;
        then both retrievers are asked again for four times as many."""
        per_instrument = scope if len(scope) > 1 else [None]
        n = self.candidates
        total = int(np.isin(self._instrument_of, scope).sum()) if scope else len(self.index.chunks)
        while True:
            ranked = [
                self._fused(question, vector, store, [i] if i else scope, n, timings)
                for i in per_instrument
            ]
            clock = time.perf_counter()
            hits = _interleave([_group(r) for r in ranked])
            timings["fuse"] = timings.get("fuse", 0) + _ms(clock)
            if len(hits) >= depth or n >= total:
                return hits
            n = min(n * 4, total)

    def _fused(
        self,
        question: str,
        vector: list[float],
        store: DenseStore,
        instruments: list[str],
        n: int,
        timings: dict[str, float],
    ) -> list[Candidate]:
        """Up to ``n`` candidates of each retriever, fused by reciprocal rank, best first:
        BM25 and one dense search, in the main model's store or, for a question not in
        English, the multilingual model's (``vector``: the question embedded by its model)."""
        clock = time.perf_counter()
        similarity = dict(self.index.dense(vector, n, instruments, store))
        timings["dense"] = timings.get("dense", 0) + _ms(clock)
        clock = time.perf_counter()
        mask = np.isin(self._instrument_of, instruments).astype(float) if instruments else None
        lexical = self.index.lexical.search(question, n, mask)
        timings["bm25"] = timings.get("bm25", 0) + _ms(clock)
        clock = time.perf_counter()
        scores: dict[int, float] = {}
        found_by: dict[int, list[str]] = {}
        dense_positions = list(similarity)
        for name, positions in (("dense", dense_positions), ("bm25", [p for p, _ in lexical])):
            for rank, position in enumerate(positions):
                scores[position] = scores.get(position, 0.0) + 1.0 / (RRF_K + rank + 1)
                found_by.setdefault(position, []).append(name)
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        timings["fuse"] = timings.get("fuse", 0) + _ms(clock)
        return [
            Candidate(self.index.chunks[p], scores[p], found_by[p], similarity.get(p, 0.0))
            for p in ranked
        ]


@dataclass
class Candidate:
    chunk: Chunk
    score: float  # fused reciprocal-rank score
    retrievers: list[str]
    similarity: float  # cosine similarity to the question, 0 when dense did not propose it


def _direct_hit(node: Provision) -> Hit:
    unit = str(node.cite().unit)
    return Hit(
        node.citation,
        unit,
        node.instrument,
        node.text,
        node.title or "",
        1.0,
        ["citation"],
        similarity=1.0,
    )


def _group(ranked: list[Candidate]) -> list[Hit]:
    """One hit per unit, at the rank of its best chunk; other chunks listed in ``also``."""
    hits: dict[str, Hit] = {}
    for candidate in ranked:
        chunk = candidate.chunk
        hit = hits.get(chunk.unit)
        if hit is None:
            hits[chunk.unit] = Hit(
                chunk.citation,
                chunk.unit,
                chunk.instrument,
                chunk.text,
                chunk.context,
                candidate.score,
                list(candidate.retrievers),
                similarity=candidate.similarity,
            )
            hit = hits[chunk.unit]
        else:
            if chunk.citation != hit.citation and chunk.citation not in hit.also:
                hit.also.append(chunk.citation)
            hit.retrievers = sorted(set(hit.retrievers) | set(candidate.retrievers))
            hit.similarity = max(hit.similarity, candidate.similarity)
        if candidate.similarity:
            known = hit.closeness.get(chunk.citation, 0.0)
            hit.closeness[chunk.citation] = max(known, candidate.similarity)
    return list(hits.values())


def _asked_for(term: str) -> re.Pattern[str]:
    """A question asking what ``term`` means: "define X", "what is an X", "who is a X",
    "X means" ("what is the position on the vessel's losses" asks about a position, "define
    child pornography" another term than "child")."""
    term = re.escape(term)
    whole = r"(?!\s+(?!(?:under|in|for|as|and|or|according|mean|means|defined|is|are)\b)[a-z]{4,})"
    return re.compile(
        rf"(?:(?:defin\w*|meaning of|mean by)\W+(?:[\w-]+\W+){{0,3}}?"
        rf"|(?:what (?:is|are)(?: an?| the)?|who (?:is|are) an?)\W+"
        rf"(?:(?!(?:on|of|for|in|about|to|with|by|from|under)\b)[\w-]+\W+){{0,3}}?)"
        rf"{term}s?\b{whole}"
        rf"|\b{term}s?\W+(?:[\w-]+\W+){{0,2}}?(?:means?|defined)\b"
    )


def _names(text: str) -> list[str]:
    """Proper names and acronyms: capitalised words not opening a sentence, and ALL-CAPS."""
    return _NAME.findall(text)


def _interleave(lists: list[list[Hit]]) -> list[Hit]:
    """Round-robin over per-document rankings, so a comparison gets the best of each."""
    if len(lists) == 1:
        return lists[0]
    merged: list[Hit] = []
    for rank in range(max(map(len, lists), default=0)):
        merged.extend(hits[rank] for hits in lists if rank < len(hits))
    return merged


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)
