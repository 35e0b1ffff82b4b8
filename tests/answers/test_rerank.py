"""Among the first hits, the article whose best part covers the question's telling words
answers, unless another is much closer in meaning."""

from __future__ import annotations

from assistant.answers.question_kind import Kind, question_kind
from assistant.answers.rerank import AMONG, CANDIDATES, answering_first, best_of
from assistant.search.retriever import Hit, Retrieval


def hit(corpus, citation: str, similarity: float) -> Hit:
    node = corpus.get(citation)
    unit = node.cite().unit
    return Hit(
        citation,
        str(unit),
        citation.split()[0],
        node.text,
        "",
        0.0,
        ["dense"],
        similarity=similarity,
    )


QUESTION = "What markings with a serial number must a firearm carry when it is manufactured?"


def test_the_article_holding_the_questions_words_moves_ahead_of_a_close_neighbour(corpus):
    hits = [
        hit(corpus, "untoc-firearms-protocol art. 12(4)", 0.62),
        hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.60),
    ]
    assert answering_first(hits, QUESTION, question_kind(QUESTION), corpus)[0] is hits[1]


def test_a_much_closer_article_keeps_its_place(corpus):
    hits = [
        hit(corpus, "untoc-firearms-protocol art. 12(4)", 0.95),
        hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.40),
    ]
    assert answering_first(hits, QUESTION, question_kind(QUESTION), corpus)[0] is hits[0]


def test_only_the_first_hits_are_reordered(corpus):
    hits = [hit(corpus, "uncac art. 15", 0.7 - i / 100) for i in range(AMONG)]
    hits.append(hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.69))
    assert answering_first(hits, QUESTION, question_kind(QUESTION), corpus)[AMONG] is hits[AMONG]


def test_a_question_about_an_attempt_is_answered_by_the_article_on_attempt(corpus):
    question = "Must an attempt at illegal access to a computer system be made a crime?"
    hits = [
        hit(corpus, "cybercrime-convention art. 7(1)", 0.60),
        hit(corpus, "cybercrime-convention art. 8(1)", 0.55),
        hit(corpus, "cybercrime-convention art. 19(2)", 0.50),
    ]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[2]
    # without the word, the offence's own article stays first
    plain = "Must illegal access to a computer system be made a crime?"
    assert answering_first(hits, plain, question_kind(plain), corpus)[0] is hits[0]


def test_our_officers_acting_on_another_states_soil_is_answered_by_the_sovereignty_clause(
    corpus,
):
    # 1988 Convention art. 2(3): "A Party shall not undertake in the territory of another Party
    # the exercise of jurisdiction …"; art. 4 (jurisdiction) and art. 9 (police cooperation)
    # share more of the question's words
    question = (
        "Can our drug squad officers arrest the trafficker themselves on the other side of the "
        "border?"
    )
    hits = [
        hit(corpus, "drugs-convention-1988 art. 4(1)", 0.50),
        hit(corpus, "drugs-convention-1988 art. 9(1)", 0.45),
        hit(corpus, "drugs-convention-1988 art. 2(3)", 0.35),
    ]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[2]
    # asked about the help of the other State's police, it is not
    helped = "Can the other side's police arrest the trafficker for us across the border?"
    assert answering_first(hits, helped, question_kind(helped), corpus)[0] is not hits[2]


def test_a_figure_question_is_answered_by_the_article_that_holds_the_figure_asked(corpus):
    # art. 13(1): withdrawal of a reservation takes effect "on the date of receipt"; art. 15(2):
    # a denunciation "on the first day of the month following … three months"
    question = "How long after we notify it does our leaving the xenophobia protocol take effect?"
    hits = [
        hit(corpus, "budapest-protocol-xenophobia art. 13(1)", 0.62),
        hit(corpus, "budapest-protocol-xenophobia art. 15(2)", 0.55),
    ]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]
    # a question that asks for no figure keeps retrieval's order
    plain = "Does a notice to the Secretary General take effect on receipt?"
    assert answering_first(hits, plain, question_kind(plain), corpus)[0] is hits[0]


def test_an_article_the_question_names_by_its_subject_answers(corpus):
    question = (
        "Before any formal MLA request, which subjects of joint inquiry does UNCAC's article on "
        "police cooperation list?"
    )
    hits = [hit(corpus, "uncac art. 46(13)", 0.49), hit(corpus, "uncac art. 48(1)(b)", 0.46)]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]
    plain = "Before any formal MLA request, which subjects of joint inquiry does UNCAC list?"
    assert answering_first(hits, plain, question_kind(plain), corpus)[0] is hits[0]


def test_the_amendment_article_answers_only_a_question_about_amending(corpus):
    # art. 69(4): an amendment enters into force "ninety days after the date of the deposit";
    # art. 68(2): the Convention, for a late State, "on the thirtieth day after …"
    question = "How long after a State deposits its instrument does UNCAC enter into force for it?"
    hits = [hit(corpus, "uncac art. 69(4)", 0.57), hit(corpus, "uncac art. 68(2)", 0.52)]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]
    amending = "How long after a State deposits its acceptance does an UNCAC amendment bind it?"
    assert answering_first(hits, amending, question_kind(amending), corpus)[0] is hits[0]


def test_a_question_in_spanish_about_a_late_ratification_is_answered_by_entry_into_force(corpus):
    # art. 63(1)-(2) convene the Conference "not later than one year" after entry into force;
    # art. 68(2) says when the Convention binds a State that ratifies late: "la ratifica" is
    # read as the English term of art, which art. 68 uses and art. 63 does not
    question = (
        "¿En qué plazo entra en vigor la Convención contra la Corrupción para un Estado que "
        "la ratifica después?"
    )
    hits = [hit(corpus, "uncac art. 63(1)", 0.82), hit(corpus, "uncac art. 68(2)", 0.81)]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]


def test_a_question_naming_a_protocol_and_its_convention_is_answered_from_the_protocol(corpus):
    # UNTOC art. 37 (Relation with protocols) and the Protocol's art. 1 (Relation with the
    # Convention) both speak of it; the question is about the Protocol
    question = "How does the trafficking protocol relate to the Palermo Convention?"
    hits = [
        hit(corpus, "untoc art. 37(4)", 0.34),
        hit(corpus, "untoc-trafficking-protocol art. 1(1)", 0.29),
    ]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]
    # ... and one that names only the Convention keeps retrieval's order
    plain = "How does the Palermo Convention relate to its protocols?"
    assert answering_first(hits, plain, question_kind(plain), corpus)[0] is hits[0]


def test_a_question_about_a_reservation_is_answered_by_the_article_that_allows_one(assistant):
    """The questions written for the article that lets a State reserve a right (Budapest
    art. 14(3)(a)) come nearer than those of the article on the power itself (art. 20/33)."""
    question = (
        "Can a Budapest Party, by reservation, limit real-time collection of traffic data to a "
        "list of offences it names?"
    )
    lead = assistant.ask(question).text.split("\n")[0]
    assert "**Budapest Convention art. 14(3)(a)**" in lead, lead
    assert lead.startswith("Yes, it may"), lead


def test_a_part_is_also_about_the_articles_it_refers_to(corpus):
    """Hanoi art. 34(6), on requests to remove "the content described in articles 14 and 16",
    is about child sexual abuse material and intimate images (those articles' titles)."""
    question = (
        "Must States make sure that requests to take down child sexual abuse material and "
        "intimate images are complied with?"
    )
    hits = [
        hit(corpus, "cybercrime-convention art. 16(1)", 0.43),
        hit(corpus, "cybercrime-convention art. 34(6)", 0.42),
    ]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]


def test_what_another_state_asks_of_us_is_answered_from_the_cooperation_chapter(corpus):
    question = (
        "Another party to the Budapest Convention asks us to help intercept, live, what a "
        "suspect says in chats. Are we obliged to assist?"
    )
    hits = [
        hit(corpus, "budapest-convention art. 21(1)", 0.48),
        hit(corpus, "budapest-convention art. 34", 0.47),
    ]
    assert answering_first(hits, question, question_kind(question), corpus)[0] is hits[1]
    # our own power to intercept is the domestic article's
    ours = "Must our police be able to intercept, live, what a suspect says in chats?"
    assert answering_first(hits, ours, question_kind(ours), corpus)[0] is hits[0]


POSTPONE = (
    "Executing a request under the UN cybercrime convention now would get in the way of "
    "our own investigation. Can we put it on hold?"
)


def postponing_hits(corpus, similarity: float, asked: float) -> list[Hit]:
    """Hanoi art. 42(7), which shares the words of POSTPONE but is about preserving data, at
    0.50 in meaning and with its questions at 0.55; art. 40(27), on postponing, as given."""
    hits = [
        hit(corpus, "cybercrime-convention art. 42(7)", 0.50),
        hit(corpus, "cybercrime-convention art. 40(27)", similarity),
    ]
    hits[0].asked, hits[1].asked = 0.55, asked
    return hits


def test_the_article_asked_about_as_the_user_asks_moves_ahead(corpus):
    """Of two articles about as close and as covered, the one whose practitioner questions
    (corpus/questions/) come closest to the user's answers: Hanoi art. 40(27) lets a State
    postpone a request that would interfere with its own investigation."""
    kind = question_kind(POSTPONE)
    hits = postponing_hits(corpus, 0.49, 0.55)
    assert answering_first(hits, POSTPONE, kind, corpus)[0] is hits[0]
    hits = postponing_hits(corpus, 0.49, 0.75)  # a question written for it is much nearer
    assert answering_first(hits, POSTPONE, kind, corpus)[0] is hits[1]


def test_questions_written_clearly_nearer_outweigh_a_few_hundredths_of_meaning(corpus):
    """Since every part has practitioner questions written for it (and the model is adapted on
    them), how near they come to the user's question tells the answering article apart better
    than a small lead in plain similarity: 0.1 nearer outweighs 0.06 less similar."""
    hits = postponing_hits(corpus, 0.44, 0.65)
    assert answering_first(hits, POSTPONE, question_kind(POSTPONE), corpus)[0] is hits[1]


def test_an_answer_weighs_ten_retrieved_articles_and_keeps_the_five_that_answer_best(corpus):
    """The article that answers is often retrieved below neighbours sharing the topic: all
    CANDIDATES are weighed, and the best five kept."""
    hits = [hit(corpus, f"uncac art. {n}", 0.62 - n / 1000) for n in range(15, 22)]
    hits.insert(7, hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.58))
    assert len(hits) <= CANDIDATES
    retrieval = Retrieval(QUESTION, hits, [], [], [])
    kept = best_of(retrieval, QUESTION, question_kind(QUESTION), corpus, 5).hits
    assert kept[0] is hits[7] and len(kept) == 5


def test_the_provisions_a_question_names_stay_first_when_the_rest_are_weighed(corpus):
    named = hit(corpus, "uncac art. 30", 1.0)
    named.retrievers = ["citation"]
    hits = [named, *(hit(corpus, f"uncac art. {n}", 0.6 - n / 1000) for n in range(15, 21))]
    hits.append(hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.58))
    kept = best_of(Retrieval(QUESTION, hits, [], [], []), QUESTION, Kind.GENERAL, corpus, 5).hits
    assert kept[:2] == [named, hits[-1]] and len(kept) == 5


def test_a_comparison_keeps_the_best_of_each_document_that_retrieval_took_in_turn(corpus):
    """Searching two documents, retrieval alternates them; only the first five are weighed,
    so the second document keeps its place in a comparison."""
    hits = [hit(corpus, f"uncac art. {n}", 0.62 - n / 1000) for n in range(15, 20)]
    hits[1] = hit(corpus, "budapest-convention art. 2", 0.61)
    hits.append(hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.58))
    retrieval = Retrieval(QUESTION, hits, ["uncac", "budapest-convention"], [], [])
    kept = best_of(retrieval, QUESTION, question_kind(QUESTION), corpus, 5).hits
    assert hits[1] in kept and hits[-1] not in kept


def test_a_question_in_another_language_leans_less_on_the_questions_written(corpus):
    """A French or Spanish question is compared with the questions written for an article
    through the English terms of art it uses alone: that likeness weighs less."""
    question = "¿Y ahora qué hacemos con ella?"  # no word of either article
    hits = [
        hit(corpus, "cybercrime-convention art. 42(7)", 0.55),
        hit(corpus, "cybercrime-convention art. 40(27)", 0.49),
    ]
    hits[0].asked, hits[1].asked = 0.60, 0.75
    kind = question_kind(question)
    for multilingual, first in ((False, hits[1]), (True, hits[0])):
        retrieval = Retrieval(question, hits, [], [], [], multilingual=multilingual)
        assert best_of(retrieval, question, kind, corpus, 5).hits[0] is first


def test_bringing_a_later_hit_forward_does_not_make_the_question_closer_to_the_corpus(corpus):
    """Abstention and the "nothing matches closely" warning read how close the hits retrieval
    ranked first come, as they were calibrated, not a later hit the rerank keeps."""
    hits = [hit(corpus, f"uncac art. {n}", 0.2) for n in range(15, 22)]
    hits.insert(7, hit(corpus, "untoc-firearms-protocol art. 8(1)", 0.3))
    kept = best_of(Retrieval(QUESTION, hits, [], [], []), QUESTION, Kind.GENERAL, corpus, 5)
    assert hits[7] in kept.hits and kept.similarity == 0.2
