"""LLM mode against a real model: llama.cpp's server with SmolLM2-135M-Instruct (see
``support.llama_server``), a weak model that makes things up — which is the point. Whatever it
writes, the user is shown the verified offline answer at once, then only verified citations
and verbatim quotations, or the offline answer with a notice; and the model cannot run on.

Marked ``real_llm``; ``make test`` installs the server and the model and runs these. A machine
without them fails here, saying what to run: they are never skipped."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from support.llama_server import MODEL_NAME, LlamaServerMissing, running_llama_server

from assistant.answers.answer import Answer, verify_answer
from assistant.answers.chain import Assistant
from assistant.answers.generate import Preliminary
from assistant.answers.llm import language_model
from assistant.answers.prompt import ANSWER_PROMPT, estimate_tokens, prompt_inputs
from assistant.answers.validation import validate_reply
from assistant.model.citations import parse_citation

pytestmark = [pytest.mark.real_llm, pytest.mark.slow]

QUESTIONS = [  # practitioners' questions, of kinds the golden suite has
    "Does UNCAC require States to criminalise bribery of national public officials?",
    "Must States criminalise bribery in the private sector under UNCAC?",
    "Is illicit enrichment a mandatory offence under UNCAC?",
    "What must a request for mutual legal assistance contain under UNTOC?",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    try:
        with running_llama_server(tmp_path_factory.mktemp("llama")) as running:
            yield running
    except LlamaServerMissing as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def configured(server, indexed_settings):
    return server.settings(indexed_settings)


@pytest.fixture(scope="module")
def assistant(retriever, configured) -> Assistant:
    return Assistant(retriever, configured, language_model(configured))


@dataclass
class Asked:
    question: str
    items: list  # everything the stream yielded, in order
    seconds: float

    @property
    def answer(self) -> Answer:
        return self.items[-1]

    @property
    def chunks(self) -> list[str]:
        return [i for i in self.items if isinstance(i, str)]


@pytest.fixture(scope="module")
def asked(assistant) -> list[Asked]:
    """Each question asked once in LLM mode, as the app asks it; the tests read the streams."""
    done = []
    for question in QUESTIONS:
        started = time.monotonic()
        items = list(assistant.stream(question, mode="llm"))
        done.append(Asked(question, items, time.monotonic() - started))
    return done


def test_the_prompt_fits_the_servers_context(assistant, configured):
    retrieval = assistant.retriever.search(QUESTIONS[3])
    offline = assistant.ask(QUESTIONS[3])
    messages = ANSWER_PROMPT.format_messages(
        **prompt_inputs(
            QUESTIONS[3],
            retrieval.hits,
            assistant.corpus,
            offline,
            configured.llm_context - configured.llm_max_tokens,
        )
    )
    # The model's own tokenizer, through the server: the estimate is an upper bound.
    import httpx

    base = configured.llm_base_url.removesuffix("/v1")
    text = "\n".join(m.content for m in messages)
    counted = httpx.post(f"{base}/extras/tokenize/count", json={"input": text}, timeout=60)
    tokens = counted.json()["count"]
    assert tokens <= estimate_tokens(text) <= configured.llm_context - configured.llm_max_tokens


def test_the_verified_offline_answer_comes_first_then_the_model_streams(asked):
    for one in asked:
        first = one.items[0]
        assert isinstance(first, Preliminary), one.question
        assert first.draft.mode == "offline" and first.draft.citations
        assert len(one.chunks) >= 3, f"{one.question}: the model's words did not stream"
        assert isinstance(one.answer, Answer)


def test_the_streamed_preview_is_replaced_by_the_validated_answer(asked, assistant):
    for one in asked:
        answer, preview = one.answer, "".join(one.chunks)
        if answer.mode == "llm":
            retrieval = assistant.retriever.search(answer.standalone_question)
            checked = validate_reply(preview, retrieval, assistant.corpus)
            assert answer.text == checked.text != preview
            assert answer.model == MODEL_NAME
        else:  # nothing valid was left: the offline answer, and why
            assert answer.text == one.items[0].draft.text
            assert any("showing the offline answer instead" in n for n in answer.notices)


def test_every_citation_shown_resolves_and_was_retrieved_and_every_quote_is_verbatim(
    asked, assistant
):
    manifest = assistant.corpus.manifest
    for one in asked:
        answer = one.answer
        assert verify_answer(answer, assistant.corpus) == [], one.question
        scopes = [parse_citation(r.unit, manifest) for r in answer.retrieved]
        for cited in answer.citations:
            citation = parse_citation(cited.citation, manifest)
            assert any(s.covers(citation) for s in scopes), f"{cited.citation} not retrieved"
        for quote in answer.quotes:  # verify_answer checked them verbatim; they were cited
            assert quote.citation in {c.citation for c in answer.citations}


def test_the_reply_is_bounded_in_tokens_by_the_server(configured, assistant):
    """llama.cpp's server ignores ``max_completion_tokens``; what we send, it honours."""
    bounded = configured.model_copy(update={"llm_max_tokens": 24})
    model = language_model(bounded)
    retrieval = assistant.retriever.search(QUESTIONS[0])
    offline = assistant.ask(QUESTIONS[0])
    room = configured.llm_context - 24
    inputs = prompt_inputs(QUESTIONS[0], retrieval.hits, assistant.corpus, offline, room)
    reply = model.chat.invoke(ANSWER_PROMPT.format_messages(**inputs))
    usage = reply.response_metadata["token_usage"]
    assert usage["completion_tokens"] <= 24
    assert reply.response_metadata["finish_reason"] == "length"  # it was cut, not done


def test_a_reply_with_nothing_valid_gives_the_offline_answer_with_a_notice(retriever, configured):
    """Cut after 16 tokens, the real model's reply holds no citation it could verify."""
    short = configured.model_copy(update={"llm_max_tokens": 16})
    terse = Assistant(retriever, short, language_model(short))
    offline = terse.ask(QUESTIONS[0])
    items = list(terse.stream(QUESTIONS[0], mode="llm"))
    answer = items[-1]
    assert answer.mode == "offline" and answer.text == offline.text
    assert any(
        f"The answer of the language model {MODEL_NAME} cited no provision" in n
        for n in answer.notices
    ) or any("showing the offline answer instead" in n for n in answer.notices)


def test_the_answer_is_bounded_in_time(retriever, configured):
    """A model still writing when its time is up is cut off: the offline answer, saying so."""
    hurried = configured.model_copy(update={"llm_timeout": 1.0})
    assistant = Assistant(retriever, hurried, language_model(hurried))
    answer = assistant.ask(QUESTIONS[1], mode="llm")
    assert answer.mode == "offline"
    assert any(
        "was still writing after 1 s" in n or "timeout after 1 s" in n for n in answer.notices
    ), answer.notices
