"""Search: question → ranked provisions (embeddings, the BM25 index, the Chroma index on
disk, the hybrid retriever)."""
