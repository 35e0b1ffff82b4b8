"""Helpers the tests share: a real Chroma server, the corpus facts the tests pin, the app
running in a real browser, and the reliability suite's process helpers."""
