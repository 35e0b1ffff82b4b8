"""Answers to questions in other languages: French and Spanish leads and labels, quotations in
the English authentic text, and a notice for the languages not translated."""

import pytest

from assistant.answers.answer import verify_answer
from assistant.evaluation.judge import lead_of


def test_a_french_answer_translates_the_lead_and_keeps_the_english_quotes(
    multilingual_assistant,
):
    answer = multilingual_assistant.ask(
        "Qu'est-ce qu'un groupe criminel organisé au sens de la Convention de Palerme ?"
    )
    assert not answer.abstained
    assert any(c.citation.startswith("untoc art. 2") for c in answer.citations)
    assert " provides: " not in answer.text and " defines it: " not in answer.text
    assert "Quoted from the English authentic text" in answer.text
    assert "Citations tirées du texte authentique anglais" in answer.text
    assert verify_answer(answer, multilingual_assistant.corpus) == []  # quotes verbatim


def test_a_spanish_answer_is_in_spanish(multilingual_assistant):
    answer = multilingual_assistant.ask(
        "¿Qué dice la Convención de Mérida sobre el enriquecimiento ilícito?"
    )
    assert any(c.citation.startswith("uncac art. 20") for c in answer.citations)
    assert "Citas tomadas del texto auténtico en inglés" in answer.text
    assert verify_answer(answer, multilingual_assistant.corpus) == []


def test_a_language_not_translated_gets_the_english_answer_with_a_notice(
    multilingual_assistant,
):
    answer = multilingual_assistant.ask(
        "Как Конвенция ООН против коррупции определяет публичное должностное лицо?"
    )
    assert any("Russian" in n and "in English" in n for n in answer.notices)
    assert "Quoted from the English authentic text" in " ".join(answer.notices)
    assert "Citations tirées" not in answer.text


def test_an_english_answer_is_unchanged(assistant, multilingual_assistant):
    question = "What is an organized criminal group under UNTOC?"
    assert multilingual_assistant.ask(question).text == assistant.ask(question).text


@pytest.mark.parametrize(
    ("question", "opens", "cited"),
    [
        (  # the English terms of art the question uses choose the paragraph: bank secrecy
            "¿Puede un Estado denegar la asistencia judicial recíproca invocando el secreto "
            "bancario según la Convención de Palermo?",
            "No:",
            "UNTOC art. 18(8)",
        ),
        (
            "Un État peut-il refuser l’entraide judiciaire en invoquant le secret bancaire "
            "selon la CTO ?",
            "Non :",
            "UNTOC art. 18(8)",
        ),
        (  # its own words ("tipificar", "el") are in no English text: the article whose
            # title is the term of art it uses answers, not misuse of devices
            "¿Es obligatorio según la Convención de Budapest tipificar el acceso ilícito?",
            "Sí — obligatorio.",
            "**Budapest Convention art. 2** (Illegal access)",
        ),
    ],
)
def test_a_question_in_french_or_spanish_is_answered_from_the_paragraph_it_asks_about(
    multilingual_assistant, question, opens, cited
):
    opening = lead_of(multilingual_assistant.ask(question).text)
    assert opening.startswith(opens) and cited in opening, opening


def test_a_status_question_in_french_is_told_in_french_that_the_texts_do_not_record_it(
    multilingual_assistant,
):
    answer = multilingual_assistant.ask("La Convention de Hanoï est-elle en vigueur ?")
    opening = lead_of(answer.text)
    assert opening.startswith("Les textes des traités n’enregistrent ni les ratifications")
    assert "Cybercrime Convention art. 65(1)" in opening
    assert verify_answer(answer, multilingual_assistant.corpus) == []
