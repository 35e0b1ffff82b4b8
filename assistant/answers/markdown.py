"""Text shown as literal Markdown: a provision's words (a user-added document may hold
Markdown images, links and HTML), a question as typed, a title. The answer's own Markdown
(bold citations, blockquotes) is ours; what goes inside it from the corpus or the user is
escaped here, so nothing in it can load an image, make a link or become markup.

The app's one rule: whatever comes from a document, a title or the user reaches a Streamlit
call that reads Markdown (``markdown``, ``caption``, ``info``/``warning``/``error``,
``subheader``, and the labels of buttons, expanders, tabs and radios) only through
``escape_markdown``; longer texts are shown with ``st.text``, which is never Markdown.
"""

from __future__ import annotations

import re

# Backslash-escaping any ASCII punctuation is literal in CommonMark. These mean something
# anywhere in a line (emphasis, code, links and images, raw HTML and autolinks, entities,
# heading closers, GFM strikethrough and tables, Streamlit's $math$); ":" and "@" break
# GFM's bare-URL and e-mail autolinks and Streamlit's :colour[...] and :emoji: directives; the
# rest only where a line starts: list markers (-, +, 1., 1)), setext underlines (=, -),
# thematic breaks.
_INLINE = re.compile(r"([\\`*_{}\[\]<>!#|~&$:@])")
# GFM also makes a link of a bare "www.example.org": its first dot is escaped.
_WWW = re.compile(r"(?<![\w.-])(www)\.", re.IGNORECASE)
# A line starts after \n, \r or \r\n: CommonMark's three line endings. Its indentation goes
# (a paragraph drops it anyway; four spaces would make a code block, showing the escapes).
_INDENT = re.compile(r"(?:^|(?<=\r))[ \t]+", re.MULTILINE)
_LINE_START = re.compile(r"(?:^|(?<=\r))(?:([-+=])|(\d{1,9})([.)]))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """User text as literal Markdown: no link, image, heading, list, emphasis or HTML can come
    of it. Line breaks are kept, indentation is not; each line is escaped as the start of a
    block."""
    escaped = _WWW.sub(r"\1\\.", _INLINE.sub(r"\\\1", _INDENT.sub("", text)))
    return _LINE_START.sub(lambda m: f"{m[2] or ''}\\{m[1] or m[3]}", escaped)
