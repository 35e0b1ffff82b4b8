"""Validating what a language model wrote, before anyone sees it.

Citations in square brackets must name a provision that was retrieved (or that the question
named) and that exists; they are shown in display form, the rest removed with a notice. A
quotation of five words or more is kept only when it is verbatim in the provision it is
attributed to; otherwise its quotation marks go, with a notice. ``[1]``-style references are
read as the numbered sources of the prompt. A sentence whose verdict contradicts the
obligation labels of what it cites (or, citing nothing, of the provision the offline lead rests
on) is removed with a notice: "mandatory" said of a provision States need only consider, or
"optional" of a mandatory one. (What the stream may show on the way is
``assistant.answers.guard``'s business.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.answer import CitedProvision, Draft, Quote
from assistant.answers.markdown import escape_markdown
from assistant.errors import CitationError, NoSuchProvision
from assistant.model.citations import Citation, find_instruments, parse_citation
from assistant.model.corpus import Corpus
from assistant.model.provisions import Obligation, Provision
from assistant.model.verbatim import is_verbatim
from assistant.search.retriever import Retrieval

MIN_QUOTE_WORDS = 5  # shorter quoted phrases are terms, not quotations


_BRACKET = re.compile(r"\[([^\[\]\n]{1,160})\](?!\()")  # not a Markdown link [text](url)
_NUMBERS = re.compile(r"^\s*(?:sources?\s*)?\d+(?:\s*[,;]\s*(?:sources?\s*)?\d+)*\s*$", re.I)
_LOOKS_CITED = re.compile(r"\d|\bart(?:icle)?s?\b|\bpara(?:graph)?s?\b|\bnotes?\b|preamble", re.I)
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]|\n\s*\n")
_TRIM = " \t\n.,;:…"
# A sentence, reading quotations, brackets and "art." as one piece each (they have full stops).
_SENTENCE = re.compile(
    r"(?:“[^”]*”|\"[^\"\n]*\"|\[[^\[\]\n]*\]|\b(?:arts?|paras?|No|cf|e\.g|i\.e)\.|[^.!?\n“\"\[])+"
    r"(?:[.!?]+|$)",
    re.M,
)
_NOT_MANDATORY = re.compile(
    r"\b(?:not|no|never|nor)\b[\w\s,]{0,25}?\b(?:mandatory|compulsory|obligatory|required|"
    r"obliged|obligated|bound|an obligation)\b|n't\b[\w\s,]{0,25}?\b(?:mandatory|required|obliged)"
    r"\b|\boptional(?:ly)?\b|\bneed not\b|\bdiscretion(?:ary)?\b|\bfree to\b",
    re.I,
)
_MANDATORY = re.compile(
    r"\b(?:mandatory|compulsory|obligatory|(?:required|obliged|obligated|bound) to|"
    r"must(?!\s+(?:not|consider|endeavour|take into consideration)\b))\b",
    re.I,
)
WEAKER = {Obligation.SHALL_CONSIDER, Obligation.SHALL_ENDEAVOUR, Obligation.MAY}
# "uncac art. 15; uncac art. 16" or "uncac art. 15, untoc art. 8" (but "UNCAC, article 52")
_SEPARATOR = re.compile(r";|,\s*(?=\S+\s+(?:art\b|art\.|articles?\b|notes?\b|para|preamble))", re.I)


@dataclass
class _Cite:
    """One bracketed reference in the reply and what it resolved to."""

    start: int
    end: int
    nodes: list[Provision]  # valid provisions, in the order written
    invalid: list[str]


def _resolve(part: str, allowed: list[Citation], corpus: Corpus) -> Provision | None:
    """The provision a citation names, if it exists and lies within what was retrieved."""
    try:
        citation = parse_citation(part, corpus.manifest)
        node = corpus.get(citation)
    except (CitationError, NoSuchProvision):
        return None
    if not any(scope.covers(citation) for scope in allowed):
        return None
    return node


def _read_bracket(
    inner: str, retrieval: Retrieval, allowed: list[Citation], corpus: Corpus
) -> tuple[list[Provision], list[str]] | None:
    """(valid provisions, invalid references) in one [...]; None when it is no citation."""
    nodes: list[Provision] = []
    invalid: list[str] = []
    if _NUMBERS.match(inner):  # [1] or [1, 2]: the numbered sources of the prompt
        for number in map(int, re.findall(r"\d+", inner)):
            node = None
            if 1 <= number <= len(retrieval.hits):
                node = _resolve(retrieval.hits[number - 1].unit, allowed, corpus)
            if node is None:
                invalid.append(f"[{number}]")
            else:
                nodes.append(node)
        return nodes, invalid
    for part in (p.strip() for p in _SEPARATOR.split(inner)):
        if not part:
            continue
        node = _resolve(part, allowed, corpus)
        if node is not None:
            nodes.append(node)
        elif _LOOKS_CITED.search(part) or find_instruments(part, corpus.manifest):
            invalid.append(part)
    if not nodes and not invalid:
        return None  # "[sic]", "[emphasis added]": not a citation, leave it alone
    return nodes, invalid


def _attribute(cites: list[_Cite], start: int, end: int, text: str) -> Provision | None:
    """The provision a quotation comes from: the first valid citation after it in the same
    sentence, else the nearest valid one before it."""
    for cite in cites:
        if cite.start >= end and cite.nodes:
            if not _SENTENCE_END.search(text[end : cite.start]):
                return cite.nodes[0]
            break
    before = [c for c in cites if c.end <= start and c.nodes]
    return before[-1].nodes[-1] if before else None


def _verbatim(passage: str, node: Provision) -> str | None:
    """The passage as it occurs in the provision (ellipses and end punctuation aside)."""
    for candidate in (passage.strip(), passage.strip(_TRIM)):
        if candidate and is_verbatim(candidate, node.text):
            return candidate
    return None


def labels(node: Provision) -> set[Obligation]:
    """How a provision binds: its own label, or, labelled only in its parts, theirs."""
    if node.obligation is not None:
        return {node.obligation}
    return {n.obligation for n in node.children if n.obligation is not None}


def claimed_verdict(sentence: str) -> str | None:
    """ "mandatory" or "optional" when a sentence (quotations left out) says one of them."""
    said = _QUOTE.sub(" ", sentence)
    optional = bool(_NOT_MANDATORY.search(said))
    mandatory = bool(_MANDATORY.search(_NOT_MANDATORY.sub(" ", said)))
    if optional == mandatory:  # neither, or both (two provisions compared): not judged here
        return None
    return "optional" if optional else "mandatory"


def contradicts(verdict: str | None, bound: set[Obligation]) -> bool:
    """Whether a verdict is wrong for every label it could be about."""
    if not bound or verdict is None:
        return False
    if verdict == "mandatory":
        return bound <= WEAKER
    return bound == {Obligation.MANDATORY}


def _wrong_verdicts(
    reply: str, cites: list[_Cite], label: Obligation | None, corpus: Corpus
) -> tuple[list[tuple[int, int]], list[str]]:
    """Sentences whose verdict contradicts the labels, as (start, end), and the notices."""
    spans: list[tuple[int, int]] = []
    notices: list[str] = []
    for match in _SENTENCE.finditer(reply):
        inside = [n for c in cites if match.start() <= c.start < match.end() for n in c.nodes]
        bound = set().union(*(labels(n) for n in inside)) if inside else set()
        if not inside and label is not None:
            bound = {label}
        verdict = claimed_verdict(match[0])
        if not contradicts(verdict, bound):
            continue
        spans.append(match.span())
        named = ", ".join(n.cite().display(corpus.manifest) for n in inside) or "the provision"
        notices.append(
            f"A sentence calling {named} {verdict} was removed: the treaty text makes it "
            f"{' and '.join(sorted(b.value for b in bound))}."
        )
    return spans, notices


def validate_reply(
    reply: str, retrieval: Retrieval, corpus: Corpus, label: Obligation | None = None
) -> Draft:
    """Keep verified citations (in bold display form) and verbatim quotations; remove the rest.

    A citation is kept when it parses, resolves in the corpus and lies inside a retrieved
    provision (or one the question named). A quotation of five words or more is kept when it
    is verbatim in the provision cited right after it (or, failing that, just before it);
    otherwise its quotation marks are removed, so it no longer poses as the treaty's words.
    ``label`` is the obligation the offline lead rests on, for verdicts that cite nothing.
    """
    allowed = [parse_citation(h.unit, corpus.manifest) for h in retrieval.hits]
    allowed += [parse_citation(n, corpus.manifest) for n in retrieval.named]
    edits: list[tuple[int, int, str]] = []
    cites: list[_Cite] = []
    for match in _BRACKET.finditer(reply):
        read = _read_bracket(match[1], retrieval, allowed, corpus)
        if read is None:
            continue
        nodes, invalid = read
        cites.append(_Cite(match.start(), match.end(), nodes, invalid))
        if nodes:
            shown = "; ".join(
                f"**{escape_markdown(n.cite().display(corpus.manifest))}**" for n in nodes
            )
            edits.append((match.start(), match.end(), shown))
        else:  # drop the bracket and the space before it: "claim [x]." -> "claim."
            start = match.start()
            while start > 0 and reply[start - 1] in " \t":
                start -= 1
            edits.append((start, match.end(), ""))

    dropped, notices = _wrong_verdicts(reply, cites, label, corpus)

    def kept(start: int) -> bool:
        return not any(s <= start < e for s, e in dropped)

    cites = [c for c in cites if kept(c.start)]
    edits = [e for e in edits if kept(e[0]) and kept(e[1] - 1)] + [(s, e, "") for s, e in dropped]
    quotes: list[Quote] = []
    for match in _QUOTE.finditer(reply):
        if not kept(match.start()):
            continue
        passage = match[1] or match[2]
        if len(passage.split()) < MIN_QUOTE_WORDS:
            continue
        if any(c.start >= match.start() and c.end <= match.end() for c in cites):
            node = None  # a citation inside a quotation: not the treaty's words
        else:
            node = _attribute(cites, match.start(), match.end(), reply)
        verbatim = _verbatim(passage, node) if node is not None else None
        if node is not None and verbatim is not None:
            quotes.append(Quote(citation=node.citation, text=verbatim))
            continue
        edits += [(match.start(), match.start() + 1, ""), (match.end() - 1, match.end(), "")]
        if node is None:
            notices.append(
                "A passage presented as a quotation was not attributed to a retrieved "
                "provision; its quotation marks were removed."
            )
        else:
            notices.append(
                "A passage presented as a quotation from "
                f"{node.cite().display(corpus.manifest)} was not found in it verbatim; "
                "its quotation marks were removed."
            )

    text = reply
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    text = text.replace("****", "**")  # the model bolded "[...]" itself
    invalid = list(dict.fromkeys(i for c in cites for i in c.invalid))
    if invalid:
        notices.insert(
            0,
            "Removed citations that are not among the retrieved provisions: "
            + ", ".join(i[:80] for i in invalid)
            + ".",
        )
    cited: dict[str, CitedProvision] = {}
    for node in (n for c in cites for n in c.nodes):
        cited.setdefault(node.citation, CitedProvision.of(node, corpus))
    return Draft(
        text=text.strip(),
        citations=list(cited.values()),
        quotes=quotes,
        notices=notices,
        mode="llm",
    )
