"""Cross-references: "article 23 of this Convention", "paragraph 1 of this article",
"articles 7 to 10 of this Convention", "article 6 of the Convention" (in a protocol: the
convention it supplements), "article 3, paragraphs 1 and 2, of this Convention" (the 1988
Convention), the Council of Europe's bare "Article 18, paragraph 1.a" (the document's own
article: no "of ..." follows) and "subparagraph (d) of this paragraph" (an item of the same
paragraph) become canonical citations in ``Provision.refs``.

Only references that resolve to a parsed provision are kept: a reference is data, so a wrong
one is worse than none.
"""

from __future__ import annotations

import re

from assistant.model.citations import Citation, Division
from assistant.model.manifest import DocumentInfo
from assistant.model.provisions import Document, Provision

# "1 (a)", and UNTOC's "1 a)" (a letter with its closing parenthesis only)
_NUM = r"\d+(?:\s*(?:\([a-z0-9]+\)|[a-z]\)))*"
_LIST = rf"{_NUM}(?:\s*(?:,|and|or|to|through)\s*{_NUM})*"
_PARAS = rf"(?:\s*,\s*paragraphs?\s+(?P<paras>\d+\.[a-z]\b|{_LIST}))?"
_ARTICLES = re.compile(
    rf"\barticles?\s+(?P<arts>{_LIST}){_PARAS}"
    r",?\s+of\s+(?P<whose>this|the present|the)\s+(?P<what>convention|protocol)\b",
    re.I,
)
# "Article 44", "Article 18, paragraph 1.a": capitalised, taken whole (atomic), and not
# followed by "of" (which names some other treaty's article).
_BARE = re.compile(rf"(?>\bArticles?\s+(?P<arts>{_LIST}){_PARAS})(?!\s*,?\s*of\b)")
_OWN_PARAGRAPHS = re.compile(rf"\bparagraphs?\s+(?P<paras>{_LIST})\s+of\s+this\s+article\b", re.I)
# "subparagraph (d) of this paragraph", "subparagraphs (a) to (c) …", "subparagraphs d) (i) and
# (iii) …": items of the paragraph the text is in
_OWN_ITEM = r"\(?[a-z]\)|\([ivx]+\)"
_OWN_SUBPARAGRAPHS = re.compile(
    rf"\bsub-?paragraphs?\s+(?P<items>(?:{_OWN_ITEM})(?:\s*(?:,|and|or|to)?\s*(?:{_OWN_ITEM}))*)"
    r"\s+of\s+this\s+paragraph\b",
    re.I,
)
_ITEM = re.compile(r"(\d+)((?:\s*\([a-z0-9]+\)|\s*[a-z]\)|\.[a-z]\b)*)")
_RANGE = re.compile(r"(\d+)\s*(?:to|through)\s*(\d+)")


def _labels(text: str) -> tuple[str, ...]:
    """'(a)(ii)' -> ('a', 'ii'); the Council of Europe's '.a' and UNTOC's 'a)' -> ('a',)."""
    found = re.findall(r"\(([a-z0-9]+)\)|\.([a-z])|(?<![(\w])([a-z])\)", text)
    return tuple(a or b or c for a, b, c in found)


def _numbers(listing: str) -> list[tuple[str, tuple[str, ...]]]:
    """'7 to 10' -> 7, 8, 9, 10; '23 and 35' -> 23, 35; '2 (e)' -> 2 with ('e',)."""
    found = []
    for start, end in _RANGE.findall(listing):
        if int(start) < int(end) <= int(start) + 40:
            found += [(str(n), ()) for n in range(int(start), int(end) + 1)]
    listing = _RANGE.sub(" ", listing)
    found += [(num, _labels(rest)) for num, rest in _ITEM.findall(listing)]
    return found


def _items(listing: str) -> list[tuple[str, ...]]:
    """'(a) to (c)' -> (a,), (b,), (c,); 'd) (i) and (iii)' -> (d, i), (d, iii): a roman
    clause belongs to the letter before it ('(h) and (i)': the letter after h)."""
    found: list[tuple[str, ...]] = []
    span = False
    for token in re.findall(r"\b(?:to|[a-z]|[ivx]+)\b", listing.replace(")", ") ")):
        follows = bool(found) and found[-1] == (chr(ord(token[0]) - 1),)
        if token == "to":
            span = True
        elif found and (len(token) > 1 or (token in "ivx" and not follows and not span)):
            letter = found[-1][0]  # a clause of the last letter (of a span, only its ends)
            found = [f for f in found if f != (letter,)] + [(letter, token)]
            span = False
        else:
            first = ord(found[-1][0]) + 1 if span and found else ord(token)
            found += [(chr(c),) for c in range(first, ord(token) + 1)]
            span = False
    return found


def _references(unit: Provision, node: Provision, text: str, doc: DocumentInfo) -> list[Citation]:
    cites = []
    for match in [*_ARTICLES.finditer(text), *_BARE.finditer(text)]:
        target = doc.id
        if match.re is _ARTICLES and match["whose"].lower() == "the" and doc.supplements:
            target = doc.supplements
        paras = [(n, *labels) for n, labels in _numbers(match["paras"] or "")]
        for number, labels in _numbers(match["arts"]):
            for path in [labels] if labels or not paras else paras:
                cites.append(Citation(target, Division.ARTICLE, number, path))
    if unit.division is Division.ARTICLE:
        for match in _OWN_PARAGRAPHS.finditer(text):
            for number, labels in _numbers(match["paras"]):
                cites.append(Citation(doc.id, Division.ARTICLE, unit.number, (number, *labels)))
        for match in _OWN_SUBPARAGRAPHS.finditer(text) if node.paragraph else ():
            for labels in _items(match["items"]):
                cites.append(
                    Citation(doc.id, Division.ARTICLE, unit.number, (node.paragraph, *labels))
                )
    return cites


def add_cross_references(documents: dict[str, Document], infos: dict[str, DocumentInfo]) -> int:
    """Fill ``refs`` on every node whose own text refers to another provision; returns count."""
    index = {(d.id, u.division, u.number): u for d in documents.values() for u in d.units}
    added = 0
    for doc in documents.values():
        for unit in doc.units:
            for node in unit.walk():
                own = " ".join(f for f in (node.lead, node.tail) if f)
                refs = []
                for cite in _references(unit, node, own, infos[doc.id]):
                    target = index.get((cite.instrument, cite.division, cite.number))
                    if target is not None and target.find(cite.path) is not None:
                        refs.append(str(cite))
                node.refs = list(dict.fromkeys(refs))
                added += len(node.refs)
    return added
