"""The lead weighs a question's words by how rare they are in the corpus, and meets words
that differ only in their ending."""

from __future__ import annotations

from assistant.answers.terms import Terms, roots


def test_words_that_differ_only_in_their_ending_share_a_root():
    assert roots("manufacture") == roots("manufactured")
    assert roots("regulate") == roots("regulating")
    assert roots("markings") == roots("marking")


def test_a_rare_word_weighs_more_than_one_found_in_almost_every_paragraph(corpus):
    terms = Terms.of("Must each State Party regulate brokering?", corpus)
    assert terms.overlap("brokering") > terms.overlap("State Party")  # two words against one


def test_terms_of_art_are_spelt_out_before_matching(corpus):
    terms = Terms.of("Is whistleblower protection required?", corpus)
    assert terms.shared("protection of reporting persons") >= roots("reporting persons")


def test_a_verbs_noun_meets_the_verb_and_why_is_no_word_to_match():
    assert roots("refusal") == roots("refuse") and roots("withdrawal") == roots("withdraw")
    assert roots("criminal") != roots("crime") and not roots("why whether if")


def test_an_adjective_meets_its_verb_or_noun():
    assert roots("effective") == roots("effect") and roots("preventive") == roots("prevent")
    assert roots("active") != roots("act")  # too short to tell


def test_an_adverb_a_verb_in_ate_and_a_noun_in_ion_meet_their_kin():
    assert roots("lawfully") == roots("lawful") and roots("promptly") == roots("prompt")
    assert roots("confiscate") == roots("confiscation") == roots("confiscated")
    assert roots("preparatory") == roots("preparation")
    assert roots("prosecution") == roots("prosecuted") and roots("extradition") == roots(
        "extradite"
    )
    assert roots("only") != roots("on") and roots("state") != roots("st")  # too short to tell


def test_a_noun_in_ance_meets_its_verb():
    # "Are we bound to assist?" — "The Parties shall afford one another mutual assistance"
    assert roots("assistance") == roots("assist") and roots("compliance") == roots("comply")
    assert roots("substances") == roots("substance")
    assert roots("importance") != roots("import")  # no import of firearms


def test_a_doubled_final_consonant_and_british_spelling_meet_their_kin():
    assert roots("inferred") == roots("infer") and roots("committed") == roots("commit")
    assert roots("organised") == roots("organized") and roots("criminalise") == roots("criminalize")
    assert roots("criminalisation") == roots("criminalization")
    assert roots("witness") == roots("witnesses") and roots("assess") == roots("assessed")
    assert roots("accession") == roots("accede") != roots("access")  # no suffix rule reaches it
    assert roots("pass") != roots("pas") and roots("basis") != roots("baz")  # left alone


def test_a_noun_in_ement_meets_its_verb():
    assert roots("postponement") == roots("postponing") and roots("settlement") == roots("settle")
    assert roots("implementation") == roots("implement") != roots("impl")  # left whole
    assert roots("shipment") != roots("shipping")  # only "-ement": a shipment is not shipping


def test_a_noun_in_ity_meets_its_adjective():
    # "if we cannot keep it confidential" — "cannot comply with the requirement of confidentiality"
    assert roots("confidentiality") == roots("confidential")
    assert roots("liability") == roots("liable") and roots("nationality") == roots("national")
    assert roots("reality") != roots("real") and roots("quality") == roots("quality")  # left alone


def test_cannot_is_one_word_however_it_is_written():
    assert roots("we can't keep it") & roots("cannot comply") == roots("cannot")
    assert roots("unable to comply") & roots("cannot comply") == roots("cannot comply")


def test_entry_into_force_and_entered_into_force_are_one_term():
    assert roots("entry into force") == roots("entered into force") == roots("enters into force")
    assert roots("entry") != roots("enter")  # only the term of art


def test_how_a_figure_is_asked_is_not_a_word_to_match(corpus):
    """ "How soon must we confirm it?" is not about "as soon as possible"."""
    assert "soon" not in Terms.of("How soon must we confirm the request?", corpus).roots
    assert "soon" in Terms.of("Must it be executed as soon as possible?", corpus).roots


def test_what_a_question_sets_aside_is_not_a_word_to_match(corpus):
    """ "Beyond training, must they fund us?" asks about the funding, not the training."""
    terms = Terms.of("Beyond training and cooperation, must they give us money?", corpus)
    assert not terms.shared("training cooperation") and terms.shared("money")
    assert Terms.of("Must they fund training and cooperation?", corpus).shared("training")


def test_the_documents_a_question_names_are_not_words_to_match(corpus):
    terms = Terms.of("Does the UN Convention against Cybercrime oblige us to leave it?", corpus)
    assert not terms.shared("Cybercrime Convention") and terms.shared("denunciation")


def test_a_document_whose_name_holds_a_term_of_art_is_still_no_word_to_match(corpus):
    # "migrant smuggling" is spelt out "smuggling of migrants": the name is left out first
    terms = Terms.of("How soon after the migrant smuggling protocol entered into force?", corpus)
    assert not terms.shared("smuggling of migrants protocol") and terms.shared("entry into force")


def test_the_weight_of_shared_words_is_the_same_whatever_order_they_come_in():
    # 0.1 + 0.2 + 0.3 is 0.6000000000000001 in one order and 0.6 in another: summed in the
    # set's order, two paragraphs that fit alike would tie or not depending on the run
    words = ("brokering", "enterprise", "serial")
    weight = dict(zip(sorted(roots(" ".join(words))), (0.1, 0.2, 0.3), strict=True))
    terms = Terms(roots(" ".join(words)), weight.__getitem__)
    for order in (words, words[::-1], words[1:] + words[:1]):
        assert terms.overlap(" ".join(order)) == 0.6


def test_a_question_in_another_language_brings_the_english_terms_it_uses(corpus):
    terms = Terms.of(
        "¿Puede un Estado denegar la asistencia invocando el secreto bancario?", corpus
    )
    assert roots("bank secrecy") <= terms.shared("on the ground of bank secrecy")


def test_a_foreign_question_is_read_by_the_words_english_texts_use(corpus):
    """ "acceso ilícito" is read as "illegal access"; "tipificar" and "obligatorio" are in no
    English text and would only thin the share of the question an article covers."""
    question = "¿Es obligatorio según la Convención de Budapest tipificar el acceso ilícito?"
    readable = Terms.of(question, corpus).readable(corpus).roots
    assert roots("illegal access") <= readable and not roots("tipificar obligatorio") & readable
    english = Terms.of("Is it mandatory to criminalise illegal access?", corpus)
    assert english.readable(corpus) == english  # every word of an English question counts
