"""Handouts carry the questions, answers, citations and the full text of quoted provisions.

The HTML handout is read back with a real HTML parser (the standard library's, building the
element tree), the Markdown handout with a CommonMark parser: what a reader's browser or
Markdown viewer would make of them, not what the strings happen to contain.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from assistant.answers.answer import Answer, CitedProvision, Quote, verify_answer
from assistant.answers.export import to_html, to_markdown
from assistant.answers.markdown import escape_markdown, literal
from assistant.model.corpus import Corpus
from assistant.model.manifest import manifest_for
from ingest.parse import parse_document
from ingest.sources import source_text
from ingest.user_documents import add_document

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
HOSTILE = '<script>alert(1)</script> ![x](http://host/x.png "t") **bold**'


# -- reading the HTML back -----------------------------------------------------------------


@dataclass(repr=False)
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    def __repr__(self) -> str:
        return f"<{self.tag}> {self.text()[:60]!r}"

    def iter(self):
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str) -> list[Element]:
        return [e for e in self.iter() if e.tag == tag]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def descendants(self) -> list[Element]:
        return list(self.iter())[1:]


class TreeBuilder(HTMLParser):
    """The element tree of a page, and every place where it is not well-formed: an end tag
    that does not close the innermost open element, an element never closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.open = [self.root]
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, dict(attrs), parent=self.open[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.open[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1].tag}>")
            return
        self.open.pop()

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse_html(page: str) -> Element:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    unclosed = [e.tag for e in builder.open[1:]]
    assert not builder.errors and not unclosed, (builder.errors, unclosed)
    return builder.root


def assert_lists_are_lists(root: Element) -> None:
    for item in root.find_all("li"):
        assert item.parent is not None and item.parent.tag in ("ul", "ol"), item.text()


def turn(root: Element, n: int) -> Element:
    return root.find_all("section")[n - 1]


def provision_sections(root: Element) -> list[Element]:
    return [s for s in root.find_all("section") if s.attrs.get("class") == "provision"]


# -- reading the Markdown back -------------------------------------------------------------

# What a Markdown viewer might do with the handout: CommonMark with raw HTML on, and GitHub's
# tables and strikethrough.
VIEWER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PLAIN = {"text", "softbreak", "hardbreak"}


def blocks(markdown: str) -> list[tuple[str, Token]]:
    """Each block's opening token type with its inline token (headings, paragraphs)."""
    tokens = VIEWER.parse(markdown)
    return [(tokens[i - 1].type, t) for i, t in enumerate(tokens) if t.type == "inline" and i > 0]


def plain_text(inline: Token) -> str | None:
    """The text of an inline token that holds nothing but text; None when it holds markup."""
    children = inline.children or []
    if any(c.type not in PLAIN for c in children):
        return None
    return "".join(c.content if c.type == "text" else "\n" for c in children)


def block_after(markdown: str, heading: str) -> list[tuple[str, Token]]:
    found = blocks(markdown)
    start = next(i for i, (_, t) in enumerate(found) if t.content == heading)
    return found[start + 1 :]


# -- answers built by hand, over the real corpus --------------------------------------------


def hand_built(corpus: Corpus, text: str, question: str = "What does UNCAC say on bribery?"):
    node = corpus.get("uncac art. 15(a)")
    return Answer(
        question=question,
        standalone_question=question,
        text=text,
        citations=[CitedProvision.of(node, corpus)],
        quotes=[Quote(citation=node.citation, text=node.text)],
    )


MARKDOWN_ANSWER = """\
# Summary

The offence has *three* elements; see `uncac art. 15(a)` and [the text](https://www.unodc.org/).

1. a promise, an offer or a gift
2. of an **undue advantage**

- to a public official
  - national
  - directly or indirectly
- for the official or another person
"""


def test_an_answers_markdown_becomes_lists_emphasis_and_code_elements(corpus):
    root = parse_html(to_html([hand_built(corpus, MARKDOWN_ANSWER)], corpus))
    answer = turn(root, 1)
    assert_lists_are_lists(root)
    ordered = answer.find_all("ol")[0]
    assert [li.text() for li in ordered.find_all("li")] == [
        "a promise, an offer or a gift",
        "of an undue advantage",
    ]
    outer = answer.find_all("ul")[0]
    nested = [c for c in outer.find_all("ul") if c is not outer]
    assert len(nested) == 1 and nested[0].parent.tag == "li" and nested[0].parent.parent is outer
    assert [li.text() for li in nested[0].find_all("li")] == ["national", "directly or indirectly"]
    assert [e.text() for e in answer.find_all("em")] == ["three"]
    assert [e.text() for e in answer.find_all("code")] == ["uncac art. 15(a)"]
    assert [e.text() for e in answer.find_all("strong")] == ["undue advantage"]
    assert [a.attrs["href"] for a in answer.find_all("a")] == ["https://www.unodc.org/"]
    # the answer's own heading goes under the question's h2, not beside the page title
    assert len(root.find_all("h1")) == 1
    assert [h.text() for h in answer.find_all("h3")] == ["Summary"]


def test_raw_html_images_and_script_links_in_an_answer_do_nothing(corpus):
    links = [
        "[a](javascript:alert(1))",
        "[b](JaVaScRiPt:alert(1))",
        "[c](&#106;avascript:alert(1))",
        "[d](%6Aavascript:alert(1))",
        "<javascript:alert(1)>",
        "[e](data:text/html,<b>x</b>)",
        "[f](data:image/png;base64,AAAA)",
        "[g](file:///etc/passwd)",
        "[h](vbscript:msgbox)",
        "[ok](https://example.org/a_(b))",
        "<mail@example.org>",
    ]
    text = (
        "<script>alert(1)</script>\n\nBefore <img src=x onerror=alert(1)> after "
        '<b>bold</b>.\n\n![x](http://host/x.png "t")\n\n' + " ".join(links)
    )
    page = to_html([hand_built(corpus, text)], corpus)
    root = parse_html(page)
    answer = turn(root, 1)
    assert not root.find_all("script") and not root.find_all("img") and not answer.find_all("b")
    assert "<script>alert(1)</script>" in answer.text()
    assert "<img src=x onerror=alert(1)>" in answer.text()
    hrefs = [a.attrs["href"] for a in root.find_all("a")]
    assert hrefs == ["http://host/x.png", "https://example.org/a_(b)", "mailto:mail@example.org"]
    assert all(urlsplit(h).scheme in ("http", "https", "mailto") for h in hrefs)


def test_a_question_stays_literal_text_in_the_html_handout(corpus):
    question = f"{HOSTILE} What does UNCAC say on bribery?"
    answer = hand_built(corpus, "An answer.", question=question).model_copy(
        update={"standalone_question": f"{HOSTILE} bribery", "notices": [f"Note {HOSTILE}"]}
    )
    root = parse_html(to_html([answer], corpus))
    heading, searched, note = (
        turn(root, 1).find_all("h2")[0],
        turn(root, 1).find_all("p")[0],
        turn(root, 1).find_all("p")[2],
    )
    assert heading.text() == f"1. {question}" and not heading.descendants()
    assert searched.text() == f"Searched: {HOSTILE} bribery"
    assert [e.tag for e in searched.descendants()] == ["em"]  # ours; none from the question
    assert note.text() == f"Note: Note {HOSTILE}" and not note.descendants()
    assert not root.find_all("script") and not root.find_all("img")
    assert not root.find_all("strong")


@pytest.fixture(scope="module")
def user_corpus(settings, tmp_path_factory):
    """A user-added Markdown document whose text holds a Markdown image and HTML, parsed by
    the real parser into a corpus of its own."""
    here = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("user-doc")})
    notes = here.data_dir / "notes.md"
    notes.write_text(
        "# Trainer notes\n\n"
        "Article 1 — Checks <b>first</b> ![t](http://host/t.png)\n"
        '1. Read the request ![x](http://host/x.png "t") before <img src=x onerror=alert(1)>'
        " replying.\n"
        "2. <script>alert(2)</script> Keep **the** mailbox; [see](javascript:alert(3)).\n"
        "3. - not a list\n"
        "4. See <http://host/auto>, http://host/bare, www.host.org or a@host.org;"
        ' <iframe src="http://host/f"></iframe> <a href="http://host/a">a</a> :red[x].\n\n'
        "Article 2 — Follow-up\n"
        "Send the `formal` request.\n",
        encoding="utf-8",
    )
    doc = add_document(here, notes, "trainer-notes", "Trainer notes")
    document = parse_document(doc, source_text(notes.read_bytes(), doc))
    # The parser strips markup from user documents; the handout must be safe without that
    # (defence in depth), so its paragraphs get their markup back, as a source might hold it.
    article = next(u for u in document.units if u.number == "1")
    raw = notes.read_text(encoding="utf-8").split("Article 2")[0].splitlines()[3:7]
    for paragraph, line in zip(article.children, raw, strict=True):
        paragraph.lead = line.split(". ", 1)[1]
    return Corpus([document], manifest_for(here))


def user_answer(corpus: Corpus) -> Answer:
    node = corpus.get("trainer-notes art. 1")
    answer = Answer(
        question="What do the notes say?",
        standalone_question="What do the notes say?",
        text=f"See **{node.cite().display(corpus.manifest)}**.",
        citations=[CitedProvision.of(node, corpus)],
        quotes=[Quote(citation=node.citation, text=node.children[0].text)],
    )
    assert verify_answer(answer, corpus) == []
    return answer


def test_provision_text_with_markdown_and_html_is_text_in_the_html_handout(user_corpus):
    node = user_corpus.get("trainer-notes art. 1")
    assert "![x](http://host/x.png" in node.text and "<script>" in node.text  # what we test
    assert "<http://host/auto>" in node.text and "<iframe" in node.text
    root = parse_html(to_html([user_answer(user_corpus)], user_corpus))
    (section,) = provision_sections(root)
    heading, *lines = section.find_all("h3") + section.find_all("p")
    assert heading.text() == f"trainer-notes art. 1 — {node.title}"
    assert [p.text() for p in lines] == node.text.splitlines()  # a paragraph per line
    assert {e.tag for e in section.descendants()} == {"h3", "p"}
    assert not root.find_all("img") and not root.find_all("script") and not root.find_all("a")


def test_provision_text_with_markdown_and_html_is_text_in_the_markdown_handout(user_corpus):
    node = user_corpus.get("trainer-notes art. 1")
    handout = to_markdown([user_answer(user_corpus)], user_corpus)
    after = block_after(handout, "Provisions quoted")
    lines = node.text.splitlines()
    assert [kind for kind, _ in after] == ["heading_open"] + ["paragraph_open"] * len(lines)
    texts = [plain_text(inline) for _, inline in after]
    assert texts == [f"trainer-notes art. 1 — {node.title}", *lines]
    shown = VIEWER.render(handout)
    assert not [tag for tag in ("<img", "<a ", "<iframe", "<script") if tag in shown]


def test_markdown_handout_has_questions_answers_citations_and_quoted_provisions(assistant):
    first = assistant.ask("What does UNCAC say about bribery of national public officials?")
    second = assistant.ask("And the Palermo Convention?", history=[first.question])
    handout = to_markdown([first, second], assistant.corpus)
    assert "## 1. What does UNCAC say about bribery of national public officials?" in handout
    assert "## 2. And the Palermo Convention?" in handout
    assert "Citations: UNCAC art. 15" in handout
    assert "## Provisions quoted" in handout
    assert first.text in handout  # the answer's Markdown as it is
    article = assistant.corpus.get("uncac art. 15").text.splitlines()
    texts = [plain_text(i) for _, i in block_after(handout, "Provisions quoted")]
    start = texts.index("UNCAC art. 15 — Bribery of national public officials") + 1
    assert texts[start : start + len(article)] == article  # a paragraph per line


def test_html_handout_of_real_answers_is_well_formed_and_printable(assistant):
    first = assistant.ask(
        "What does UNCAC say about bribery of national and foreign public officials?"
    )
    second = assistant.ask("And the Palermo Convention?", history=[first.question])
    page = to_html([first, second], assistant.corpus)
    assert page.startswith("<!doctype html>")
    root = parse_html(page)
    assert_lists_are_lists(root)
    answer = turn(root, 1)
    assert answer.find_all("blockquote") and answer.find_all("ul")  # quotes; related provisions
    assert any(s.text().startswith("UNCAC art. 15") for s in answer.find_all("strong"))
    assert "**" not in answer.text() and "> " not in answer.text()  # no Markdown left over
    assert [h.text() for h in root.find_all("h2")] == [
        "1. What does UNCAC say about bribery of national and foreign public officials?",
        "2. And the Palermo Convention?",
        "Provisions quoted",
    ]
    quoted = [s.find_all("h3")[0].text() for s in provision_sections(root)]
    assert "UNCAC art. 15(a) — Bribery of national public officials" in quoted


def test_markup_in_a_question_stays_literal_text_in_both_handouts(assistant):
    answer = assistant.ask(f"{HOSTILE} What does UNCAC say about bribery?")
    question = answer.question
    assert HOSTILE in question
    root = parse_html(to_html([answer], assistant.corpus))
    heading = turn(root, 1).find_all("h2")[0]
    assert heading.text() == f"1. {question}" and not heading.descendants()
    assert not root.find_all("script") and not root.find_all("img")
    handout = to_markdown([answer], assistant.corpus)
    kind, inline = blocks(handout)[1]
    assert kind == "heading_open" and plain_text(inline) == f"1. {question}"
    assert "<img" not in VIEWER.render(handout) and "<script" not in VIEWER.render(handout)


def test_a_multi_line_question_stays_one_heading(corpus):
    answer = hand_built(corpus, "An answer.", question="First line\n# Second\n- third")
    kind, inline = blocks(to_markdown([answer], corpus))[1]
    assert kind == "heading_open" and plain_text(inline) == "1. First line # Second - third"


# -- escape_markdown -----------------------------------------------------------------------

LINE = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + string.punctuation + " é“”"),
    max_size=40,
).map(lambda s: " ".join(s.split()))


@given(st.lists(LINE, min_size=1, max_size=4))
def test_escaped_text_reads_back_as_the_same_text_and_nothing_else(lines):
    lines = [line for line in lines if line]
    for line in lines:
        found = blocks(escape_markdown(line))
        assert [(kind, plain_text(inline)) for kind, inline in found] == [("paragraph_open", line)]
    together = escape_markdown("\n".join(lines))
    found = blocks(together)
    assert all(kind == "paragraph_open" for kind, _ in found)
    assert "\n".join(plain_text(inline) or "" for _, inline in found) == "\n".join(lines)


@pytest.mark.parametrize(
    "line",
    [
        *("- item", "+ item", "* item", "1. item", "12) item", "===", "---", "# h", "> q"),
        *(
            "```",
            "| a | b |",
            "<div>",
            "&amp;",
            "~~s~~",
            "$x$",
            "[r]: http://x",
            "    1. x",
            "\t- x",
        ),
        "a #",
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_block_and_inline_markers_are_escaped(line, newline):
    found = blocks(escape_markdown(f"{line}{newline}Para{newline}{line}"))
    assert [kind for kind, _ in found] == ["paragraph_open"]
    assert plain_text(found[0][1]) == f"{line.strip()}\nPara\n{line.strip()}"


def test_an_indented_line_is_a_paragraph_not_code_showing_the_escapes():
    found = blocks(escape_markdown("    *not* [a](http://x) <b>\n\t\t- x"))
    assert [(kind, plain_text(inline)) for kind, inline in found] == [
        ("paragraph_open", "*not* [a](http://x) <b>\n- x")
    ]


# -- the checkers are not vacuous ----------------------------------------------------------


def test_the_page_reader_sees_unclosed_and_misnested_elements():
    with pytest.raises(AssertionError):
        parse_html("<html><body><ul><li>x</ul></body></html>")
    with pytest.raises(AssertionError):
        parse_html("<html><body><p>x")
    root = parse_html("<html><body><li>x</li></body></html>")
    with pytest.raises(AssertionError):
        assert_lists_are_lists(root)
    assert plain_text(blocks("![x](u) **b**")[0][1]) is None


def test_literal_text_keeps_every_character_and_leaves_no_bare_address_to_link():
    """What the app shows: Streamlit's GFM links bare addresses even when escaped, so each
    gets an invisible word joiner (and an escaped colon) that reads back as nothing else."""
    line = 'Mail a@b.org, see http://h/x, HTTPS://h/y or www.h.org ![i](http://h/i.png "t")'
    shown = literal(line)
    ((_, inline),) = blocks(shown)
    assert plain_text(inline).replace("\u2060", "") == line
    for address in ("\u2060http\\://h/x", "\u2060HTTPS\\://", "\u2060www.h", "a\u2060@b"):
        assert address in shown
