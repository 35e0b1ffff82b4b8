"""Follow-ups are completed from the conversation; questions that stand alone are left alone."""

from assistant.answers.conversation import standalone_question
from assistant.answers.question_kind import Kind, question_kind


def test_a_question_naming_a_provision_stands_on_its_own(manifest):
    turns = [
        "Does UNCAC require States to criminalise bribery of national public officials?",
        "What does Article 16(4) UNTOC say?",
    ]
    assert standalone_question(turns, manifest) == "What does Article 16(4) UNTOC say?"


def test_a_paragraph_follow_up_names_the_article_and_nothing_else(manifest):
    turns = ["What does article 16 of UNTOC say about extradition?", "And paragraph 4?"]
    assert standalone_question(turns, manifest) == "And article 16(4) of the UNTOC?"


def test_an_elliptical_follow_up_takes_the_topic_and_the_new_document(manifest):
    turns = ["What does UNTOC say about jurisdiction?", "And the cybercrime convention?"]
    rewritten = standalone_question(turns, manifest)
    assert "jurisdiction" in rewritten and "cybercrime convention" in rewritten


def test_what_about_carries_the_topic_however_many_words_the_follow_up_has(manifest):
    turns = [
        "What does UNCAC say about bribery of national public officials?",
        "And what about foreign public officials?",
    ]
    rewritten = standalone_question(turns, manifest)
    assert "bribery" in rewritten and "foreign public officials" in rewritten
    alone = ["What does UNCAC say about bribery?", "Which foreign public officials count here?"]
    assert "bribery" not in standalone_question(alone, manifest)  # three words of its own


def test_a_follow_up_keeps_asking_what_was_asked(manifest):
    turns = [
        "How long can a preservation order keep data frozen under the Budapest Convention?",
        "Is it the same under the UN Cybercrime Convention?",
    ]
    rewritten = standalone_question(turns, manifest)
    assert question_kind(rewritten) is Kind.FIGURE  # "how long", carried on with the topic
    assert "preservation order" in rewritten and "UN Cybercrime Convention" in rewritten


def test_a_conversation_of_2000_turns_is_completed_and_stays_short(manifest):
    """Before: RecursionError at about 970 turns, and a topic carried on from every elliptical
    follow-up grew without end. Each turn below is too short to stand alone."""
    turns = ["What does UNTOC say about extradition?"]
    turns += ["And the cybercrime convention?", "And UNCAC?"] * 1000
    rewritten = standalone_question(turns[:2001], manifest)
    assert rewritten == "And UNCAC? extradition"
