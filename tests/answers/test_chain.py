"""Answers: the right provision cited, every citation resolving, every quote verbatim, and
abstention exactly where the corpus is silent."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.answers.answer import Answer, verify_answer
from assistant.answers.chain import MAX_QUESTION_CHARS


def cited_units(answer: Answer) -> list[str]:
    return [c.citation.split("(")[0] for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "expected_unit"),
    [
        # definitions
        (
            "How does the Trafficking Protocol define trafficking in persons?",
            "untoc-trafficking-protocol art. 3",
        ),
        ("What is an organized criminal group under UNTOC?", "untoc art. 2"),
        # obligations
        (
            "Does UNCAC oblige States to criminalise bribery of national public officials?",
            "uncac art. 15",
        ),
        (
            "Must Budapest Parties make illegal access to computer systems an offence?",
            "budapest-convention art. 2",
        ),
        # procedures and cooperation
        (
            "Can Palermo Convention assistance be refused because of bank secrecy?",
            "untoc art. 18",
        ),
        (
            "How can stored computer data be preserved quickly under the UN Cybercrime Convention?",
            "cybercrime-convention art. 25",
        ),
        # commentary
        (
            "What does McAdam say about monitoring implementation of the convention?",
            "commentary-mcadam-2025 para",
        ),
    ],
)
def test_the_governing_provision_is_cited_and_everything_checks(assistant, question, expected_unit):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert any(c.startswith(expected_unit) for c in cited_units(answer)), answer.text
    assert verify_answer(answer, assistant.corpus) == []
    assert answer.quotes, "an answer quotes the provisions it relies on"
    assert answer.mode == "offline"
    assert {"rewrite", "dense", "bm25", "rerank", "compose"} <= set(answer.timings)


def test_a_named_provision_is_answered_with_its_own_text(assistant):
    answer = assistant.ask("What does article 17 of the cybercrime convention say?")
    assert answer.citations[0].citation == "cybercrime-convention art. 17"
    assert answer.quotes[0].citation == "cybercrime-convention art. 17"
    node = assistant.corpus.get("cybercrime-convention art. 17")
    assert answer.quotes[0].text == node.text
    assert "cybercrime-convention note 3" in [c.citation for c in answer.citations]


def test_a_question_asked_of_a_named_article_is_answered_from_its_parts_first(assistant):
    answer = assistant.ask(
        "Country X says UNTOC's article 18 now replaces our bilateral MLA treaty. Can the "
        "Convention's MLA article be used to set aside what that treaty obliges us to do?"
    )
    assert answer.text.startswith("No: **UNTOC art. 18(6)**"), answer.text[:300]
    assert "untoc art. 18" in [q.citation for q in answer.quotes]  # its text still follows
    assert verify_answer(answer, assistant.corpus) == []


def test_a_request_for_a_named_article_shows_its_text_without_a_lead_of_its_own(assistant):
    answer = assistant.ask("What does Budapest Art. 16 require?")
    assert answer.text.startswith("**Budapest Convention art. 16** (Expedited"), answer.text


def test_a_comparison_is_laid_out_document_by_document(assistant):
    answer = assistant.ask(
        "Compare liability of legal persons under UNCAC and the Budapest Convention"
    )
    assert "### UNCAC" in answer.text and "### Budapest Convention" in answer.text
    assert {"uncac art. 26", "budapest-convention art. 12"} <= set(cited_units(answer))
    assert verify_answer(answer, assistant.corpus) == []


def test_a_follow_up_is_rewritten_and_answered_for_the_new_document(assistant):
    answer = assistant.ask(
        "And the cybercrime convention?", history=["What does UNTOC say about jurisdiction?"]
    )
    assert "jurisdiction" in answer.standalone_question
    assert answer.instruments == ["cybercrime-convention"]
    assert cited_units(answer)[0] == "cybercrime-convention art. 22"


def test_a_paragraph_follow_up_keeps_the_article(assistant):
    answer = assistant.ask(
        "And paragraph 4?", history=["What does UNTOC article 16 say about extraditable offences?"]
    )
    assert answer.citations[0].citation == "untoc art. 16(4)"


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of Australia?",
        "How do I bake sourdough bread?",
        "What is the penalty for shoplifting in France?",
        "What fines can be imposed under the GDPR?",
    ],
)
def test_out_of_scope_questions_are_declined_without_citations(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained
    assert answer.citations == [] and answer.quotes == []
    assert "do not address this question" in answer.text
    assert "UNCAC" in answer.text  # says what the corpus does cover


def test_a_provision_that_does_not_exist_is_named_as_such(assistant):
    answer = assistant.ask("What does UNCAC art. 99 require?")
    assert answer.abstained and answer.abstain_reason == "no such provision"
    assert "**UNCAC art. 99**: no such provision (UNCAC has articles 1–71" in answer.text
    assert answer.citations == []


def test_empty_and_overlong_questions_get_a_clear_answer(assistant):
    empty = assistant.ask("   \n\t ")
    assert empty.abstained and "Please type a question" in empty.text
    long = assistant.ask("bribery of public officials " * 2000)
    assert any(f"only the first {MAX_QUESTION_CHARS:,}" in n for n in long.notices)
    assert verify_answer(long, assistant.corpus) == []


def test_html_in_the_question_is_never_echoed_as_markup(assistant):
    answer = assistant.ask("<script>alert(1)</script> What does UNCAC say about bribery?")
    assert "<script>" not in answer.text


def test_asking_gives_the_answer_streaming_ends_with(assistant):
    question = "Can a State refuse extradition for a political offence under UNCAC?"
    streamed = list(assistant.stream(question))[-1]
    asked = assistant.ask(question)
    assert asked.model_dump(exclude={"timings"}) == streamed.model_dump(exclude={"timings"})


def test_the_answer_streams_before_it_is_final(assistant):
    items = list(assistant.stream("Must States criminalise bribery in the private sector?"))
    assert isinstance(items[-1], Answer)
    chunks = [i for i in items if isinstance(i, str)]
    assert len(chunks) > 1 and "".join(chunks).strip() == items[-1].text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_question_gives_an_answer_whose_citations_and_quotes_hold(assistant, question):
    answer = assistant.ask(question)
    assert verify_answer(answer, assistant.corpus) == []
    for cited in answer.citations:
        assert cited.display and cited.instrument


def test_the_chain_is_five_named_steps_in_order(assistant):
    """The steps a trace or a graph shows, by name: what a reader of the chain looks for."""
    assert assistant.chain.get_name() == "TreatyAssistant"
    assert [s.get_name() for s in assistant.chain.steps] == [
        "RewriteQuestion",
        "Retrieve",
        "Rerank",
        "ComposeOffline",
        "Answer",
    ]
