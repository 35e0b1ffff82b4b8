"""Handing out a conversation: Markdown, and a printable HTML page (print it to PDF).

Built from the ``Answer`` objects, so the handout carries the same citations and verbatim
quotes the user saw, plus the full text of every provision quoted.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from assistant.answers.answer import Answer
from assistant.model.corpus import Corpus

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SPECIAL = r"[\\`*_{}\[\]()#+\-.!<>|~]"
_MARKDOWN = re.compile(f"({_SPECIAL})")
_ESCAPED = re.compile(f"\\\\({_SPECIAL})")


def escape_markdown(text: str) -> str:
    """User text as literal Markdown: no link, image, heading or emphasis can come of it."""
    return _MARKDOWN.sub(r"\\\1", text)


def to_markdown(turns: list[Answer], corpus: Corpus) -> str:
    lines = [f"# Treaty Assistant — conversation of {dt.date.today().isoformat()}", ""]
    for n, answer in enumerate(turns, 1):
        lines += [f"## {n}. {escape_markdown(answer.question)}", ""]
        if answer.standalone_question != answer.question:
            lines += [f"*Searched: {escape_markdown(answer.standalone_question)}*", ""]
        lines += [answer.text, ""]
        lines += [f"> Note: {notice}" for notice in answer.notices]
        if answer.citations:
            cited = "; ".join(f"{c.display} ({c.citation})" for c in answer.citations)
            lines += ["", f"Citations: {cited}", ""]
    quoted = _quoted_provisions(turns, corpus)
    if quoted:
        lines += ["## Provisions quoted", ""]
        for display, title, text in quoted:
            lines += [f"### {display}{f' — {title}' if title else ''}", "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def _quoted_provisions(turns: list[Answer], corpus: Corpus) -> list[tuple[str, str, str]]:
    """Each quoted provision once, with its whole text, in order of first quotation."""
    seen: dict[str, tuple[str, str, str]] = {}
    for answer in turns:
        for quote in answer.quotes:
            if quote.citation not in seen:
                node = corpus.get(quote.citation)
                seen[quote.citation] = (
                    node.cite().display(corpus.manifest),
                    node.title or "",
                    node.text,
                )
    return list(seen.values())


def _markdown_line_to_html(line: str) -> str:
    plain = _ESCAPED.sub(r"\1", line.removeprefix("> "))  # HTML escapes it instead
    text = _BOLD.sub(r"<strong>\1</strong>", html.escape(plain))
    if line.startswith("> "):
        return f"<blockquote>{text}</blockquote>"
    if line.startswith("### "):
        return f"<h3>{text.removeprefix('### ')}</h3>"
    if line.startswith("## "):
        return f"<h2>{text.removeprefix('## ')}</h2>"
    if line.startswith("# "):
        return f"<h1>{text.removeprefix('# ')}</h1>"
    if line.startswith("- "):
        return f"<li>{text.removeprefix('- ')}</li>"
    return f"<p>{text}</p>" if line.strip() and line.strip() != ">" else ""


def to_html(turns: list[Answer], corpus: Corpus) -> str:
    """A self-contained, printable page; everything from the conversation is escaped."""
    body = "\n".join(
        _markdown_line_to_html(line) for line in to_markdown(turns, corpus).split("\n")
    )
    style = (
        "body{font:16px/1.5 Georgia,serif;max-width:50em;margin:2em auto;padding:0 1em}"
        "blockquote{border-left:3px solid #999;margin:.5em 0;padding-left:1em;color:#333}"
        "h2{border-top:1px solid #ccc;padding-top:.5em}@media print{h2{page-break-before:auto}}"
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Treaty Assistant conversation</title><style>{style}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )
