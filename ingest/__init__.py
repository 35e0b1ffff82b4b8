"""Ingest: fetch the source texts, parse them into provisions, build the index."""
