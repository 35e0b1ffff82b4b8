"""The offline composer: what a user's document says reaches the answer as text, never as
markup — an image in a provision is not an image in the answer, wherever it is quoted."""

from __future__ import annotations

from markdown_it import MarkdownIt

from assistant.answers.answer import verify_answer
from assistant.answers.composer import compose_offline
from assistant.model.corpus import Corpus
from assistant.model.manifest import DocumentInfo, Kind, Manifest, SourceFormat
from assistant.model.provisions import Provision
from assistant.search.retriever import Hit, Retrieval
from ingest.parsers.plain import parse_plain

HOSTILE = (
    'Article 1 ![p](http://127.0.0.1:9/x.png "p")\n\n'
    "Each State Party shall adopt measures against ![seen](http://127.0.0.1:9/y.png) tracking "
    "pixels, <img src=http://127.0.0.1:9/z.png> and [links](javascript:alert(1)) in notes.\n"
)


def _corpus(manifest) -> Corpus:
    info = DocumentInfo(
        id="notes",
        title="Course ![t](http://127.0.0.1:9/t.png) notes",
        short_name="Notes ![s](http://127.0.0.1:9/s.png)",
        kind=Kind.OTHER,
        file="notes.md",
        format=SourceFormat.MARKDOWN,
        sha256="0" * 64,
    )
    # a new Manifest, not model_copy: a copy would keep the original's compiled names
    with_notes = Manifest(documents=[*manifest.documents, info])
    return Corpus([parse_plain(HOSTILE, "notes")], with_notes)


def _hit(unit: Provision) -> Hit:
    """A close dense hit on the whole of ``unit``."""
    return Hit(
        citation=unit.citation,
        unit=unit.citation,
        instrument=unit.instrument,
        text=unit.text,
        context="",
        score=1.0,
        retrievers=["dense"],
        similarity=0.9,
    )


def _retrieval(corpus: Corpus, question: str) -> Retrieval:
    return Retrieval(question, [_hit(corpus.documents["notes"].units[-1])], ["notes"], [], [])


def test_a_documents_images_and_html_are_shown_as_text_in_the_answer(manifest):
    corpus = _corpus(manifest)
    question = "Must States adopt measures against tracking pixels?"
    draft = compose_offline(question, _retrieval(corpus, question), corpus)
    html = MarkdownIt("commonmark").render(draft.text)
    assert "<img" not in html and "javascript:" not in html.replace("javascript:alert", "")
    assert "<a " not in html
    assert "tracking" in html  # the words are there, as words
    assert verify_answer(draft, corpus) == []


def test_a_sentence_that_only_opens_a_list_is_never_quoted_alone(corpus):
    """Firearms Protocol art. 7 ends its own text with a sentence that opens its list; a
    question that shares none of the article's words (asked in Spanish) must not get that
    sentence as a passage of its own."""
    hit = _hit(corpus.get("untoc-firearms-protocol art. 7"))
    question = "¿Cuántos años deben conservarse los registros según el Protocolo?"
    draft = compose_offline(question, Retrieval(question, [hit], [], [], []), corpus)
    assert draft.quotes, draft.text
    assert not [q.text for q in draft.quotes if q.text.rstrip().endswith(":")], draft.text
    assert verify_answer(draft, corpus) == []


def test_no_verdict_when_the_parts_questions_and_their_words_choose_rules_that_differ(assistant):
    """Hanoi art. 30: the questions written for its parts choose paragraph 1, which says
    "shall" of the powers a State gives its own authorities; the parts' own meaning chooses
    paragraph 2, which settles nothing. Which rule answers is not settled, so the lead says
    what the article provides and gives no "Yes — mandatory" (helping another State
    intercept is art. 46's, which asks a State only to endeavour to)."""
    question = (
        "Must a State Party to the Hanoi Convention intercept content data in real time when "
        "another Party requests it?"
    )
    lead = assistant.ask(question).text.split("\n")[0]
    assert "**Cybercrime Convention art. 30(1)" in lead, lead  # the paragraph or an item of it
    assert not lead.startswith(("Yes", "No", "Not mandatory", "Optional")), lead


def test_a_verdict_stands_when_the_other_part_is_an_exception_to_the_rule_chosen(assistant):
    """Hanoi art. 15: the questions written for its parts choose paragraph 1 (grooming is made
    an offence: "shall"); the parts' own meaning chooses paragraph 4, which lets a State leave
    out conduct by children "as described in paragraph 1". A part that refers to the rule is
    an exception to it, not a rival rule, so the rule's verdict is given."""
    lead = assistant.ask(
        "Is it mandatory under the Hanoi Convention to criminalise grooming of children?"
    ).text.split("\n")[0]
    assert lead.startswith("Yes — mandatory. **Cybercrime Convention art. 15(1)**"), lead


def test_a_verdict_stands_when_the_other_part_is_an_item_of_the_rule_chosen(assistant):
    """Hanoi art. 29(1): the questions written for its parts choose the paragraph ("shall …
    empower its competent authorities to … (b) Compel a service provider …"); the parts' own
    meaning chooses item (b), whose words hold no verb of their own. An item of the chosen
    sentence is governed by its verb, not a rival rule, so the verdict is given."""
    lead = assistant.ask(
        "Under the UN Cybercrime Convention, can the police make a telecom operator record a "
        "suspect's connection metadata as it happens?"
    ).text.split("\n")[0]
    # the paragraph, or item (b) quoted after its chapeau's words that bind
    assert lead.startswith("Yes — mandatory. **Cybercrime Convention art. 29(1)"), lead
