"""Facts about the real corpus that several tests pin (from ../shared/corpus/README.md)."""

ARTICLE_COUNTS = {
    "cybercrime-convention": 68,
    "untoc": 41,
    "untoc-trafficking-protocol": 20,
    "untoc-smuggling-protocol": 25,
    "untoc-firearms-protocol": 21,
    "uncac": 71,
    "budapest-convention": 48,
    "budapest-protocol-xenophobia": 16,
    "drugs-convention-1988": 34,
    "lanzarote-convention": 50,
    "commentary-mcadam-2025": 0,
}
TREATY_MARKDOWN = [
    "untoc",
    "untoc-trafficking-protocol",
    "untoc-smuggling-protocol",
    "untoc-firearms-protocol",
    "uncac",
    "budapest-convention",
    "budapest-protocol-xenophobia",
    "drugs-convention-1988",
    "lanzarote-convention",
]
