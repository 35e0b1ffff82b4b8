"""Parsers, one per source format, each turning a source text into a ``Document`` tree."""
