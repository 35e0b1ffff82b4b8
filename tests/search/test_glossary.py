"""The glossary of terms of art: what a question in another language adds for BM25."""

import pytest

from assistant.search.glossary import Glossary, glossary
from assistant.search.lexical import tokenize


@pytest.mark.parametrize(
    ("question", "language", "term"),
    [
        ("Quand l'entraide judiciaire peut-elle être refusée ?", "fr", "mutual legal assistance"),
        ("¿Qué es un grupo delictivo organizado?", "es", "organized criminal group"),
        ("Asistencia Judicial Reciproca", "es", "mutual legal assistance"),  # case, accents
        ("Les groupes criminels organisés", "fr", "organized criminal group"),  # plural
        ("Участие в организованной преступной группе", "ru", "organized criminal group"),
        ("المساعدة القانونية المتبادلة في الاتفاقية", "ar", "mutual legal assistance"),
        ("什么是有组织犯罪集团？", "zh", "organized criminal group"),
        ("¿Se puede denegar por tratarse de un delito político?", "es", "political offence"),
        ("Un État qui la ratifie plus tard", "fr", "ratification"),
        ("¿Puede negarse a extraditar a sus nacionales?", "es", "nationals"),
        ("¿Puede negarse a extraditar a sus nacionales?", "es", "refuse"),
        ("Peut-il refuser d'extrader ses ressortissants ?", "fr", "nationals"),
        ("Peut-il refuser d'extrader ses ressortissants ?", "fr", "extradition"),
        ("Может ли государство отказать в выдаче своих граждан?", "ru", "nationals"),
    ],
)
def test_a_term_of_art_brings_its_english_term(question, language, term):
    assert term in glossary().english_terms(question, language)
    assert glossary().expand(question, language).startswith(question)
    assert term in glossary().expand(question, language)


def test_english_and_unrelated_words_are_left_alone():
    assert glossary().expand("What is mutual legal assistance?", "en") == (
        "What is mutual legal assistance?"
    )
    assert glossary().english_terms("Quel temps fait-il à Paris ?", "fr") == []
    # a longer word is not the term: "denunciantes" (whistle-blowers) is not "denuncia"
    assert "denunciation" not in glossary().english_terms("los denunciantes", "es")
    # ... and the adjective is not the noun: "su legislación nacional" is domestic law
    assert "nationals" not in glossary().english_terms("conforme a su legislación nacional", "es")


def test_every_term_has_a_source_and_a_translation():
    terms = Glossary.load().terms
    assert len(terms) > 50
    assert all(t.source and (t.fr or t.es) for t in terms)


def test_the_english_terms_are_the_corpus_own_words(corpus):
    """Each English term must be searchable: all of its words occur in the treaty texts."""
    words = {t for node in corpus.provisions() for t in tokenize(f"{node.title} {node.text}")}
    missing = [t.en for t in glossary().terms if not set(tokenize(t.en)) <= words]
    assert missing == []


def test_money_laundering_is_the_offence_unless_its_prevention_is_named():
    offence = glossary().english_terms("¿Es obligatorio tipificar el blanqueo de dinero?", "es")
    assert "laundering of proceeds of crime" in offence
    assert "measures to prevent money-laundering" not in offence
    prevention = glossary().english_terms("¿Cómo prevenir el blanqueo de dinero?", "es")
    assert "measures to prevent money-laundering" in prevention
