"""Text shown as literal Markdown: a provision's words (a user-added document may hold
Markdown images, links and HTML), a question as typed, a title. The answer's own Markdown
(bold citations, blockquotes) is ours; what goes inside it from the corpus or the user is
escaped here, so nothing in it can load an image, make a link or become markup.

The app's one rule: whatever comes from a document, a title, the user or a message reaches a
Streamlit call that reads Markdown (``markdown``, ``caption``, ``info``/``warning``/``error``,
``subheader``, and the labels of buttons, expanders, tabs and radios) only through
``literal``, and our own Markdown (an answer) through ``for_streamlit``; provision bodies are
shown with ``st.text``, which is never Markdown.
"""

from __future__ import annotations

import re

# Backslash-escaping any ASCII punctuation is literal in CommonMark. These mean something
# anywhere in a line (emphasis, code, links and images, raw HTML and autolinks, entities,
# heading closers, GFM strikethrough and tables, Streamlit's $math$ and, with "[",
# :colour[...]); the rest only where a line starts: list markers (-, +, 1., 1)), setext
# underlines (=, -), thematic breaks.
_INLINE = re.compile(r"([\\`*_{}\[\]<>!#|~&$])")
# A line starts after \n, \r or \r\n: CommonMark's three line endings. Its indentation goes
# (a paragraph drops it anyway; four spaces would make a code block, showing the escapes).
_INDENT = re.compile(r"(?:^|(?<=\r))[ \t]+", re.MULTILINE)
_LINE_START = re.compile(r"(?:^|(?<=\r))(?:([-+=])|(\d{1,9})([.)]))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """User text as literal Markdown: no link, image, heading, list, emphasis or HTML can come
    of it. Line breaks are kept, indentation is not; each line is escaped as the start of a
    block."""
    escaped = _INLINE.sub(r"\\\1", _INDENT.sub("", text))
    return _LINE_START.sub(lambda m: f"{m[2] or ''}\\{m[1] or m[3]}", escaped)


# Streamlit's Markdown (GFM) makes links of bare web and e-mail addresses twice over: while
# parsing ("http://" after any non-letter) and again in the parsed text, where escapes no
# longer count ("http\://" after a space or punctuation). A word joiner (U+2060: invisible,
# neither space nor punctuation) before "http", "www." and "@", and ":" escaped after "http",
# defeat both.
_BARE_LINK = re.compile(r"(?<!\u2060)(?:(https?)\\?:|(?=www\.|@))", re.IGNORECASE)


def for_streamlit(markdown: str) -> str:
    """Markdown for Streamlit to render: the same, but no bare address becomes a link."""
    return _BARE_LINK.sub(lambda m: f"\u2060{m[1]}\\:" if m[1] else "\u2060", markdown)


def literal(text: str) -> str:
    """Text (a provision, a title, a question, a message) as Streamlit Markdown: only text."""
    return for_streamlit(escape_markdown(text))
