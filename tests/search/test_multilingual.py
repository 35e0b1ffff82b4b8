"""The multilingual collection beside the main index, and the search of questions in other
languages with it."""

import json

from assistant.answers.abstention import abstain_reason
from assistant.search.index import MULTILINGUAL, read_stamp, stamp_path
from assistant.search.multilingual import MULTILINGUAL_MODEL, MultilingualEmbeddings
from assistant.search.retriever import Retriever
from ingest.build import build_multilingual


def test_it_holds_the_main_build_chunks_under_its_own_stamp(multilingual_settings):
    main, stamp = read_stamp(multilingual_settings), read_stamp(multilingual_settings, MULTILINGUAL)
    assert stamp.kind == MULTILINGUAL and stamp.model == MULTILINGUAL_MODEL
    assert (stamp.corpus, stamp.chunks, stamp.chunker) == (main.corpus, main.chunks, main.chunker)
    assert stamp.collection.startswith("multilingual-")
    assert build_multilingual(multilingual_settings, MultilingualEmbeddings()).rebuilt is False


class Counting(MultilingualEmbeddings):
    """The real model, counting the texts it is given."""

    embedded = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        Counting.embedded += len(texts)
        return super().embed_documents(texts)


def test_a_stale_collection_is_rebuilt_without_embedding_unchanged_text(
    multilingual_settings, tmp_path
):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(multilingual_settings.data_dir, data)
    workspace = multilingual_settings.model_copy(update={"data_dir": data})
    path = stamp_path(workspace, MULTILINGUAL)
    stale = json.loads(path.read_text()) | {"chunker": 0}
    path.write_text(json.dumps(stale))
    result = build_multilingual(workspace, Counting())
    assert result.rebuilt and result.stamp.build_id != stale["build_id"]
    assert Counting.embedded == 0  # every chunk's text was embedded before
    from assistant.search.index import chroma_client

    names = {c.name for c in chroma_client(workspace).list_collections()}
    assert result.stamp.collection in names


def test_a_french_question_is_searched_with_the_multilingual_model(multilingual_assistant):
    retrieval = multilingual_assistant.retriever.search(
        "Quand une demande d'entraide judiciaire peut-elle être refusée selon la CNUCC ?"
    )
    assert retrieval.language == "fr" and retrieval.multilingual
    assert "uncac art. 46" in [h.unit for h in retrieval.hits]


def test_a_foreign_question_weighs_an_articles_parts_through_its_english_terms(
    multilingual_assistant,
):
    """The parts are embedded by the English model: a Spanish question that says "delito
    político" is compared with them as "extradition; political offence"."""
    retrieval = multilingual_assistant.retriever.search(
        "¿Puede un Estado denegar la extradición por tratarse de un delito político según la CNUCC?"
    )
    extradition = next(h for h in retrieval.hits if h.unit == "uncac art. 44")
    assert max(extradition.parts, key=extradition.parts.get) == "uncac art. 44(4)"
    unknown = multilingual_assistant.retriever.search("¿Qué dice la CNUCC sobre esto?")
    assert all(not h.parts for h in unknown.hits)  # no term of art: nothing to weigh them by


def test_an_english_question_is_searched_as_before(multilingual_assistant, retriever):
    question = "Can Palermo Convention assistance be refused because of bank secrecy?"
    with_it = multilingual_assistant.retriever.search(question)
    assert not with_it.multilingual and with_it.language == "en"
    assert [h.citation for h in with_it.hits] == [
        h.citation for h in retriever.search(question).hits
    ]


def test_without_the_collection_a_foreign_question_is_declined_and_told_why(assistant):
    answer = assistant.ask("¿Qué es un grupo delictivo organizado según la Convención de Palermo?")
    assert answer.abstained and not answer.citations
    # turned off in the settings, as here: said so, not called missing
    assert "TREATY_MULTILINGUAL=false" in answer.abstain_reason
    assert "ingest build" in answer.abstain_reason and "missing" not in answer.abstain_reason


def test_with_the_model_on_but_no_collection_the_index_is_called_missing(retriever):
    question = "¿Qué es un grupo delictivo organizado según la Convención de Palermo?"
    turned_on = Retriever(retriever.index, retriever.corpus, multilingual_off=False)
    reason = abstain_reason(turned_on.search(question))
    assert "multilingual index, which is missing" in reason and "ingest build" in reason
