"""The embedding model, adapted to how practitioners ask.

The bundled MiniLM was trained on web text: for it, "our banks keep hiding behind secrecy
laws" and UNCAC art. 40 ("Bank secrecy") are far apart. ``corpus/questions/*.jsonl`` holds
two practitioner questions for every paragraph and subparagraph of the instruments, written
from the treaty texts alone (never from the evaluation sets); each is paired with the chunk
the index embeds for its provision, and the model is fine-tuned on those pairs with in-batch
negatives (multiple-negatives ranking loss), once, at build time. The weights are derived
data, like the index: written to ``~/.cache/treaty-assistant/models/`` under the name
``index_model`` gives them, never committed. Measured: docs/evaluation.md#adapted-model.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from assistant.errors import BuildError
from assistant.model.citations import inside
from assistant.model.corpus import Corpus
from assistant.search.embeddings import (
    RECIPE,
    SentenceEmbeddings,
    adapted_path,
    index_model,
    load_embeddings,
    question_files,
)
from assistant.search.index import Chunk
from assistant.settings import Settings

Progress = Callable[[int, int], None]


def read_questions(settings: Settings) -> list[tuple[str, str]]:
    """(citation, question) pairs of every question file, in file order."""
    pairs = []
    for file in question_files(settings):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                pairs.append((str(row["citation"]), str(row["question"])))
            except (ValueError, KeyError, TypeError):
                raise BuildError(
                    f'{file}:{number}: not a {{"citation": …, "question": …}} line'
                ) from None
    return pairs


def _chunk_for(citation: str, chunks: dict[str, Chunk], order: list[str]) -> Chunk | None:
    """The chunk the index embeds for ``citation``: its own, the one of the paragraph or
    article that holds it, or the first of those it is split into."""
    if citation in chunks:
        return chunks[citation]
    holders = [c for c in order if inside(citation, c)]
    if holders:
        return chunks[max(holders, key=len)]
    return next((chunks[c] for c in order if inside(c, citation)), None)


def training_pairs(settings: Settings, chunk_list: list[Chunk]) -> list[tuple[str, str]]:
    """(question, embedded chunk text); a question whose provision is not in the corpus (a
    document left out of the manifest) is skipped."""
    chunks: dict[str, Chunk] = {}
    for chunk in chunk_list:
        chunks.setdefault(chunk.citation, chunk)
    order = list(chunks)
    pairs = []
    for citation, question in read_questions(settings):
        chunk = _chunk_for(citation, chunks, order)
        if chunk is not None:
            pairs.append((question, chunk.search_text))
    return pairs


def _train(base: str, pairs: list[tuple[str, str]], out: Path, progress: Progress) -> None:
    """Fine-tune ``base`` on ``pairs``: each question against every passage of its batch,
    its own the one to rank first (a passage twice in a batch is not its own negative)."""
    import torch

    model = SentenceEmbeddings(base).model  # its own copy; a model that cannot load: one line
    torch.manual_seed(RECIPE["seed"])
    order = list(pairs)
    random.Random(RECIPE["seed"]).shuffle(order)
    optimiser = torch.optim.AdamW(model.parameters(), lr=RECIPE["learning_rate"])
    size = int(RECIPE["batch"])
    batches = [order[i : i + size] for i in range(0, len(order) - size + 1, size)]
    total = len(batches) * int(RECIPE["epochs"])

    def embed(texts: list[str]) -> torch.Tensor:
        features = model(model.preprocess(texts))["sentence_embedding"]
        return torch.nn.functional.normalize(features, dim=-1)

    model.train()
    for step in range(total):
        batch = batches[step % len(batches)]
        scores = embed([q for q, _ in batch]) @ embed([p for _, p in batch]).T * RECIPE["scale"]
        passages = [p for _, p in batch]
        twice = torch.tensor(
            [[a != b and passages[a] == passages[b] for b in range(size)] for a in range(size)]
        )
        loss = torch.nn.functional.cross_entropy(
            scores.masked_fill(twice, -1e4), torch.arange(size)
        )
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        progress(step + 1, total)
    model.eval()
    model.save(str(out))


def adapted_embeddings(
    settings: Settings,
    corpus: Corpus,
    chunk_corpus: Callable[[Corpus], list[Chunk]],
    progress: Progress = lambda done, total: None,
) -> SentenceEmbeddings:
    """The model the index is built with; adapted first when it has not been yet. Trained
    into a temporary folder and renamed, so an interrupted training leaves no model behind.
    The folder is shared by every data dir and checkout (``TREATY_MODELS_DIR``): a model is
    trained once per machine and question set."""
    name = index_model(settings)
    path = adapted_path(settings, name)
    if path is None:
        return load_embeddings(name)
    if not (path / "config.json").is_file():
        pairs = training_pairs(settings, chunk_corpus(corpus))
        if len(pairs) < RECIPE["batch"]:
            raise BuildError(
                f"too few questions in {settings.questions_dir} to adapt the model "
                f"({len(pairs)}); add some, or set TREATY_ADAPT_MODEL=false"
            )
        settings.models_dir.mkdir(parents=True, exist_ok=True)
        partial = settings.models_dir / f".{name}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        try:
            _train(settings.embedding_model, pairs, partial, progress)
            shutil.rmtree(path, ignore_errors=True)
            partial.rename(path)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    return load_embeddings(name, path)
