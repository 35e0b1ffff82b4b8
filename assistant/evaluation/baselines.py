"""Baselines measured beside our retriever in the same run, on the same questions.

- naive: the default LangChain RAG recipe — each document's text split by
  ``RecursiveCharacterTextSplitter`` (1000/200), same embedding model, Chroma top-k. A chunk
  is credited to the unit (article, note, paragraph) it overlaps most, so its article-level
  recall is measured exactly like ours.
- bm25: our lexical index alone, no citation lookup, no document detection, no fusion.
"""

from __future__ import annotations

from assistant.model.corpus import Corpus
from assistant.search.embeddings import SentenceEmbeddings
from assistant.search.index import Index, chroma_client, fingerprint, vector_store
from assistant.settings import Settings

CHUNK_SIZE, CHUNK_OVERLAP = 1000, 200


def _document_texts(corpus: Corpus) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(document id, full text, [(start, end, unit citation)]) with a heading per unit."""
    documents = []
    for doc in corpus:
        parts, spans, offset = [], [], 0
        for unit in doc.units:
            block = f"{unit.cite().format(corpus.manifest.get(doc.id).short_name)}"
            block += f" {unit.title or ''}\n{unit.text}\n\n"
            spans.append((offset, offset + len(block), unit.citation))
            parts.append(block)
            offset += len(block)
        documents.append((doc.id, "".join(parts), spans))
    return documents


def _unit_of(start: int, length: int, spans: list[tuple[int, int, str]]) -> str:
    end = start + length
    return max(spans, key=lambda s: min(end, s[1]) - max(start, s[0]))[2]


class NaiveRetriever:
    """LangChain's default recipe; its collection is kept and reused while inputs match."""

    def __init__(self, settings: Settings, corpus: Corpus, embeddings: SentenceEmbeddings):
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        checksums = {d.id: str(len(d.units)) for d in corpus}
        name = "naive-" + fingerprint(embeddings.name, checksums, "naive", CHUNK_SIZE)
        client = chroma_client(settings)
        self.store = vector_store(client, name, embeddings)
        if self.store._collection.count() == 0:
            splitter = RecursiveCharacterTextSplitter(
                chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
            )
            texts, metadatas = [], []
            for doc_id, text, spans in _document_texts(corpus):
                for chunk in splitter.create_documents([text]):
                    start = chunk.metadata["start_index"]
                    unit = _unit_of(start, len(chunk.page_content), spans)
                    texts.append(chunk.page_content)
                    metadatas.append({"unit": unit, "instrument": doc_id})
            for i in range(0, len(texts), 64):
                self.store.add_texts(texts[i : i + 64], metadatas=metadatas[i : i + 64])
        self.chunks = self.store._collection.count()

    def search(self, question: str, k: int) -> list[str]:
        """Units of the top-k chunks, in rank order (a unit may repeat)."""
        return [d.metadata["unit"] for d in self.store.similarity_search(question, k=k)]


class BM25Retriever:
    """Our BM25 index alone."""

    def __init__(self, index: Index):
        self.index = index

    def search(self, question: str, k: int) -> list[str]:
        hits = self.index.lexical.search(question, k * 4)
        return [self.index.chunks[p].unit for p, _ in hits]
