"""Synthetic distractor documents, to grow the corpus for the scale benchmark.

Each synthetic document re-combines real articles drawn from different instruments: renumbered,
retitled, paragraphs shuffled, merged, dropped or borrowed from another article, and some words
swapped, so that its texts are close to real treaty language without being copies. That is what
makes them hard distractors: the real provision must still be found among near-paraphrases.

They are written into a SCRATCH data dir only, never into the project's data dir: the real
corpus plus the synthetic documents go into the scratch corpus file (with stamps), and the
synthetic documents into the scratch ``user-documents.json`` overlay (kind ``other``, ids
``synthetic-0001``..., titles ending in "(synthetic)"), so ``ingest build`` and the Retriever
treat them like any added document. Their source files do not exist: do not run ``ingest
parse`` in a scratch dir.

    .venv/bin/python bench/synthetic.py /tmp/treaty-scale-10x --scale 10 [--seed 0]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.model.citations import Division  # noqa: E402
from assistant.model.corpus import Corpus, load_stamps, save_corpus  # noqa: E402
from assistant.model.manifest import (  # noqa: E402
    DocumentInfo,
    Kind,
    SourceFormat,
    load_user_documents,
    manifest_for,
    save_user_documents,
)
from assistant.model.provisions import Document, Level, Provision  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from ingest.parse import stamp  # noqa: E402

# Swapped per occurrence with probability SWAP_RATE, so no two copies read alike.
SYNONYMS = {
    "State Party": "Contracting State",
    "States Parties": "Contracting States",
    "appropriate": "suitable",
    "necessary": "required",
    "measures": "steps",
    "competent authorities": "designated authorities",
    "domestic law": "national law",
    "in accordance with": "in conformity with",
    "promptly": "without delay",
    "ensure": "secure",
    "Convention": "Agreement",
    "Protocol": "Instrument",
    "offences": "crimes",
    "offence": "crime",
    "legislative": "statutory",
    "assistance": "support",
    "cooperation": "collaboration",
    "consider": "examine",
    "endeavour": "strive",
    "facilitate": "assist",
    "request": "application",
    "provisions": "terms",
}
SWAP_RATE = 0.4
_SWAP = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len)[::-1]) + r")\b")
FORMS = ("Agreement", "Convention", "Treaty", "Protocol", "Framework Convention", "Charter")
SCOPES = ("Regional", "Model", "Inter-regional", "Additional", "Multilateral", "Cross-border")
TOPICS = (
    "on Cooperation against Transnational Crime",
    "on Electronic Evidence in Criminal Matters",
    "on the Prevention of Corruption",
    "on Mutual Legal Assistance in Criminal Matters",
    "on Organized Crime and Illicit Trafficking",
    "on Computer-Related Offences",
    "on the Recovery of Criminal Assets",
    "on the Protection of Witnesses and Victims",
    "on Extradition and the Transfer of Proceedings",
    "on Law Enforcement Cooperation",
)
TITLE_PREFIXES = ("Cooperation on ", "Measures concerning ", "Rules on ", "Obligations as to ")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def words(doc: Document) -> int:
    """Text volume of a document, in words (what the scale factor is measured in)."""
    return sum(len(unit.text.split()) for unit in doc.units)


class Generator:
    """Deterministic given the real corpus and a seed."""

    def __init__(self, real: list[Document], seed: int = 0):
        self.rng = random.Random(seed)
        self.articles = [a for doc in real for a in doc.articles()]
        self.numbered = [a for a in self.articles if _numbered(a)]

    def swap(self, text: str) -> str:
        def pick(match: re.Match[str]) -> str:
            word = match[0]
            return SYNONYMS[word] if self.rng.random() < SWAP_RATE else word

        return _SWAP.sub(pick, text)

    def document(self, number: int) -> Document:
        """``synthetic-<number>``: 15 to 60 re-combined articles from all instruments."""
        doc_id = f"synthetic-{number:04d}"
        sources = self.rng.sample(self.articles, self.rng.randint(15, 60))
        units = [self.article(doc_id, i, source) for i, source in enumerate(sources, 1)]
        title = (
            f"{self.rng.choice(SCOPES)} {self.rng.choice(FORMS)} {self.rng.choice(TOPICS)} "
            f"No. {number} (synthetic)"
        )
        byline = "Synthetic benchmark document: re-combined treaty text, not a real instrument"
        return Document(id=doc_id, units=units, title=title, byline=byline)

    def article(self, doc_id: str, number: int, source: Provision) -> Provision:
        children = list(source.children)
        if _numbered(source):
            children = self.recombine(children)
        title = self.swap(source.title or "General provision")
        if self.rng.random() < 0.3:
            title = self.rng.choice(TITLE_PREFIXES) + title[0].lower() + title[1:]
        context = {
            "instrument": doc_id,
            "number": str(number),
            "title": title,
            "chapter": source.chapter,
            "headings": source.headings,
        }
        unit = source.model_copy(
            update={
                **context,
                "division": Division.ARTICLE,
                "lead": self.swap(source.lead),
                "tail": self.swap(source.tail),
                "children": [],
                "refs": [],
                "notes": [],
                "interprets": [],
            }
        )
        unit.children = [
            self.copy(child, context, _label(child, i)) for i, child in enumerate(children)
        ]
        return unit

    def recombine(self, paragraphs: list[Provision]) -> list[Provision]:
        """Numbered paragraphs shuffled, two merged, one dropped, some borrowed."""
        paragraphs = list(paragraphs)
        if self.rng.random() < 0.3:
            other = self.rng.choice(self.numbered)
            paragraphs += self.rng.sample(other.children, min(2, len(other.children)))
        if len(paragraphs) > 1 and self.rng.random() < 0.5:
            self.rng.shuffle(paragraphs)
        if len(paragraphs) > 2 and self.rng.random() < 0.3:
            i = self.rng.randrange(len(paragraphs) - 1)
            first, second = paragraphs[i], paragraphs[i + 1]
            merged = first.model_copy(
                update={"lead": f"{_flat(first)} {_flat(second)}", "tail": "", "children": []}
            )
            paragraphs[i : i + 2] = [merged]
        if len(paragraphs) > 2 and self.rng.random() < 0.2:
            paragraphs.pop(self.rng.randrange(len(paragraphs)))
        return paragraphs

    def copy(self, node: Provision, context: dict, labels: dict[str, str | None]) -> Provision:
        """``node`` moved under its new article: labels, context and swapped words."""
        copied = node.model_copy(
            update={
                **context,
                **labels,
                "lead": self.swap(node.lead),
                "tail": self.swap(node.tail),
                "refs": [],
                "notes": [],
                "interprets": [],
                "children": [],
            }
        )
        fixed = {k: v for k, v in labels.items() if v is not None}
        copied.children = [
            self.copy(child, context, {**_labels(child), **fixed}) for child in node.children
        ]
        return copied


def _numbered(article: Provision) -> bool:
    return bool(article.children) and all(c.level is Level.PARAGRAPH for c in article.children)


def _flat(node: Provision) -> str:
    return " ".join(node.text.split())


def _labels(node: Provision) -> dict[str, str | None]:
    return {"paragraph": node.paragraph, "subparagraph": node.subparagraph, "clause": node.clause}


def _label(child: Provision, position: int) -> dict[str, str | None]:
    """The label of the ``position``-th child of a renumbered article, at the child's level."""
    labels = dict.fromkeys(("paragraph", "subparagraph", "clause"))
    if child.level is Level.PARAGRAPH:
        labels["paragraph"] = str(position + 1)
    elif child.level is Level.SUBPARAGRAPH:
        labels["subparagraph"] = _LETTERS[position % 26] * (position // 26 + 1)
    else:
        labels["clause"] = child.clause
    return labels


def info_for(doc: Document) -> tuple[DocumentInfo, str]:
    """The overlay entry of a synthetic document, and the digest its stamp carries."""
    digest = hashlib.sha256(
        "\n".join(u.model_dump_json() for u in doc.units).encode("utf-8")
    ).hexdigest()
    info = DocumentInfo(
        id=doc.id,
        title=doc.title or doc.id,
        short_name=doc.id,
        kind=Kind.OTHER,
        file=f"{doc.id}.synthetic",  # never exists: the corpus is written directly
        format=SourceFormat.TEXT,
        sha256=digest,
    )
    return info, digest


@dataclass
class ScratchCorpus:
    real_documents: int
    synthetic_documents: int
    real_words: int
    synthetic_words: int


def write_scratch(
    data_dir: Path, scale: float, seed: int = 0, real: Settings | None = None
) -> ScratchCorpus:
    """Real corpus + (scale - 1) × its volume of synthetic documents, into ``data_dir``."""
    real = real or Settings()
    data_dir = data_dir.resolve()
    if data_dir == real.data_dir.resolve() or real.data_dir.resolve() in data_dir.parents:
        raise SystemExit(f"refusing to write synthetic documents into {real.data_dir}")
    corpus = Corpus.load(real.corpus_file, manifest_for(real))
    documents = list(corpus)
    real_words = sum(map(words, documents))
    target = (scale - 1) * real_words
    generator = Generator(documents, seed)
    synthetic: list[Document] = []
    synthetic_words = 0
    while synthetic_words < target:
        synthetic.append(generator.document(len(synthetic) + 1))
        synthetic_words += words(synthetic[-1])
    scratch = Settings(data_dir=data_dir, mirror_dir=None)
    infos, stamps = [], load_stamps(real.corpus_file)
    for doc in synthetic:
        info, digest = info_for(doc)
        infos.append(info)
        stamps.append(stamp(info, doc, digest))
    scratch.corpus_dir.mkdir(parents=True, exist_ok=True)
    save_corpus(scratch.corpus_file, [*documents, *synthetic], stamps)
    user = load_user_documents(real.user_documents)  # the real overlay stays real
    save_user_documents(scratch.user_documents, [*user, *infos])
    return ScratchCorpus(len(documents), len(synthetic), real_words, synthetic_words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="scratch data dir (created)")
    parser.add_argument("--scale", type=float, default=10.0, help="corpus volume, × the real one")
    parser.add_argument("--seed", type=int, default=0)
    opts = parser.parse_args()
    made = write_scratch(opts.data_dir, opts.scale, opts.seed)
    print(
        f"{made.real_documents} real + {made.synthetic_documents} synthetic documents "
        f"({made.real_words:,} + {made.synthetic_words:,} words) in {opts.data_dir}; "
        f"build with TREATY_DATA_DIR={opts.data_dir} python -m ingest build"
    )


if __name__ == "__main__":
    main()
