"""Handing out a conversation: Markdown, and a printable HTML page (print it to PDF).

Built from the ``Answer`` objects, so the handout carries the same citations and verbatim
quotes the user saw, plus the full text of every provision quoted.

What is Markdown and what is only text: an answer's ``text`` is Markdown (our composer's, or
a validated LLM reply) and is rendered as CommonMark. Everything else — the question as
typed, what was searched, notices, citation labels, provision titles and texts (a
user-added document may hold Markdown images and HTML) — is data, shown as literal text:
escaped for Markdown in ``to_markdown``, HTML-escaped (never parsed as Markdown) in
``to_html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

import jinja2
from markdown_it import MarkdownIt
from markdown_it.token import Token

from assistant.answers.answer import Answer
from assistant.answers.markdown import escape_markdown
from assistant.model.corpus import Corpus

_ALLOWED_SCHEMES = {"http", "https", "mailto"}


def _one_line(text: str) -> str:
    """Text for a heading or a one-line paragraph: a line break would end it early."""
    return " ".join(text.split())


@dataclass(frozen=True)
class _Provision:
    display: str
    title: str
    lines: list[str]  # the text's lines, blank ones dropped


def _quoted_provisions(turns: list[Answer], corpus: Corpus) -> list[_Provision]:
    """Each quoted provision once, with its whole text, in order of first quotation."""
    seen: dict[str, _Provision] = {}
    for answer in turns:
        for quote in answer.quotes:
            if quote.citation not in seen:
                node = corpus.get(quote.citation)
                seen[quote.citation] = _Provision(
                    display=node.cite().display(corpus.manifest),
                    title=node.title or "",
                    lines=[line for line in node.text.splitlines() if line.strip()],
                )
    return list(seen.values())


def _citations(answer: Answer) -> str:
    return "; ".join(f"{c.display} ({c.citation})" for c in answer.citations)


def _heading(provision: _Provision) -> str:
    return f"{provision.display}{f' — {provision.title}' if provision.title else ''}"


def _today() -> str:
    return dt.date.today().isoformat()


def to_markdown(turns: list[Answer], corpus: Corpus) -> str:
    esc = escape_markdown
    lines = [f"# Treaty Assistant — conversation of {_today()}", ""]
    for n, answer in enumerate(turns, 1):
        lines += [f"## {n}. {esc(_one_line(answer.question))}", ""]
        if answer.standalone_question != answer.question:
            lines += [f"*Searched: {esc(_one_line(answer.standalone_question))}*", ""]
        lines += [answer.text, ""]
        lines += [f"> Note: {esc(_one_line(notice))}" for notice in answer.notices]
        if answer.citations:
            lines += ["", f"Citations: {esc(_one_line(_citations(answer)))}", ""]
    quoted = _quoted_provisions(turns, corpus)
    if quoted:
        lines += ["## Provisions quoted", ""]
        for provision in quoted:
            lines += [f"### {esc(_one_line(_heading(provision)))}", ""]
            for line in provision.lines:  # a paragraph each, so the line breaks survive
                lines += [esc(line.strip()), ""]
    return "\n".join(lines).rstrip() + "\n"


def _web_link(url: str) -> bool:
    """Links in a handout go to the web or to a mail address: no javascript:, data:, file:
    or relative links (stricter than markdown-it's default, which admits data:image)."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in _ALLOWED_SCHEMES


# Raw HTML in an answer is shown as text, and images are not parsed at all: ``![x](u)`` comes
# out as "!" and a link, so opening the handout never fetches anything.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable("image")
_MARKDOWN.validateLink = _web_link


def _answer_html(text: str) -> str:
    """An answer's Markdown as HTML; its headings go below the turn's own (h2), from h3."""
    tokens: list[Token] = _MARKDOWN.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = max(0, 3 - min(levels)) if levels else 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    return _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})


# Autoescaped: every value is text, except ``answer_html``, markdown-it's rendering of the
# answer's Markdown with raw HTML off, which is the one value marked ``safe``.
_PAGE = jinja2.Environment(
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
).from_string(
    """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Treaty Assistant conversation of {{ date }}</title>
<style>
body{font:16px/1.5 Georgia,serif;max-width:50em;margin:2em auto;padding:0 1em}
blockquote{border-left:3px solid #999;margin:.5em 0;padding-left:1em;color:#333}
code{font:.9em/1.4 monospace;background:#f3f3f3;padding:0 .2em}
pre{white-space:pre-wrap;background:#f3f3f3;padding:.5em}
.searched,.note{color:#555}
.provision p{margin:.3em 0}
h2{border-top:1px solid #ccc;padding-top:.5em}
@media print{h2{page-break-before:auto}}
</style>
</head>
<body>
<h1>Treaty Assistant — conversation of {{ date }}</h1>
{% for turn in turns %}
<section class="turn">
<h2>{{ loop.index }}. {{ turn.question }}</h2>
{% if turn.searched %}
<p class="searched"><em>Searched: {{ turn.searched }}</em></p>
{% endif %}
<div class="answer">
{{ turn.answer_html | safe }}
</div>
{% for notice in turn.notices %}
<p class="note">Note: {{ notice }}</p>
{% endfor %}
{% if turn.citations %}
<p class="citations">Citations: {{ turn.citations }}</p>
{% endif %}
</section>
{% endfor %}
{% if provisions %}
<section class="provisions">
<h2>Provisions quoted</h2>
{% for provision in provisions %}
<section class="provision">
<h3>{{ provision.heading }}</h3>
{% for line in provision.lines %}
<p>{{ line }}</p>
{% endfor %}
</section>
{% endfor %}
</section>
{% endif %}
</body>
</html>
"""
)


def to_html(turns: list[Answer], corpus: Corpus) -> str:
    """A self-contained, printable page: the answers' Markdown rendered (no raw HTML, no
    images), everything else from the conversation and the corpus escaped as text."""
    return _PAGE.render(
        date=_today(),
        turns=[
            {
                "question": answer.question,
                "searched": answer.standalone_question
                if answer.standalone_question != answer.question
                else "",
                "answer_html": _answer_html(answer.text),
                "notices": answer.notices,
                "citations": _citations(answer),
            }
            for answer in turns
        ],
        provisions=[
            {"heading": _heading(p), "lines": p.lines} for p in _quoted_provisions(turns, corpus)
        ],
    )
