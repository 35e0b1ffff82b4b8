"""The retriever finds named provisions first, narrows by document, and fuses dense and BM25."""

import socket

import pytest


def test_a_named_provision_comes_first_whatever_the_embeddings_say(retriever):
    for question, expected in [
        ("What does article 17 of the cybercrime convention say?", "cybercrime-convention art. 17"),
        ("UNCAC art. 52", "uncac art. 52"),
        ("art 5 of the trafficking protocol", "untoc-trafficking-protocol art. 5"),
        ("Palermo Convention article 18(3)", "untoc art. 18(3)"),
    ]:
        result = retriever.search(question)
        assert result.hits[0].citation == expected
        assert result.hits[0].retrievers == ["citation"]
        assert result.named == [expected]


def test_a_named_provision_that_does_not_exist_is_reported(retriever):
    result = retriever.search("What does UNCAC art. 99 say about bribery?")
    assert result.missing == [
        "uncac art. 99: no such provision (UNCAC has articles 1–71, preamble)"
    ]
    assert all(h.citation != "uncac art. 99" for h in result.hits)


def test_asking_for_the_note_on_an_article_gives_the_note(retriever):
    result = retriever.search("interpretative note on article 17 of the Hanoi Convention")
    assert [h.citation for h in result.hits[:2]] == [
        "cybercrime-convention note 3",
        "cybercrime-convention art. 17",
    ]


def test_a_document_named_in_the_question_narrows_the_search(retriever):
    result = retriever.search(
        "Which Palermo Convention provision covers the liability of legal persons?"
    )
    assert result.instruments == ["untoc"]
    assert {h.instrument for h in result.hits} == {"untoc"}
    assert result.hits[0].unit == "untoc art. 10"


def test_a_question_about_attempt_brings_the_article_on_attempt(retriever):
    # "attempted illegal access" shares most words with art. 2 (illegal access); whether its
    # attempt is an offence is art. 11's, which the search alone leaves out
    result = retriever.search(
        "Does the Budapest Convention oblige us to criminalise attempted illegal access to a "
        "computer system?"
    )
    units = [h.unit for h in result.hits]
    assert "budapest-convention art. 11" in units and len(units) == len(set(units)), units
    attempt = next(h for h in result.hits if h.unit == "budapest-convention art. 11")
    assert 0 < attempt.similarity < 1  # as close as it is, not as close as a named article


def test_a_question_about_our_officers_acting_abroad_brings_the_clause_on_sovereignty(retriever):
    # UNCAC art. 4(2): "Nothing in this Convention shall entitle a State Party to undertake in
    # the territory of another State the exercise of jurisdiction …"; the search alone finds
    # the articles on investigative techniques and cooperation, whose words the question shares
    asked = "Can our own investigators go into Kenya and search the suspect's house there?"
    units = [h.unit for h in retriever.search(f"{asked} Does UNCAC let them?").hits]
    assert "uncac art. 4" in units and len(units) == len(set(units)), units
    # asked about cooperation, not about acting there ourselves, nothing is added
    cooperation = "Can Kenyan police search the suspect's house for us under UNCAC?"
    assert "sovereignty" not in {
        r for h in retriever.search(cooperation).hits for r in h.retrievers
    }


def test_words_that_count_near_an_instrument_count_near_one_the_question_names(retriever):
    # the instrument's name is not searched, but "leave" is still said of it: a denunciation
    result = retriever.search(
        "Our new government wants to leave the Budapest Convention. Can a Party pull out "
        "whenever it chooses?"
    )
    assert result.hits[0].unit == "budapest-convention art. 47"


@pytest.mark.parametrize(
    ("question", "definition", "looked_up"),
    [
        (
            "What is a vessel under the Smuggling Protocol?",
            "untoc-smuggling-protocol art. 3(d)",
            True,
        ),
        (
            "How does the Lanzarote Convention define a child?",
            "lanzarote-convention art. 3(a)",
            True,
        ),
        (  # "vessel" is what the position is on, not what is asked
            "Under the Smuggling Protocol, what is the position on the vessel's losses?",
            "untoc-smuggling-protocol art. 3(d)",
            False,
        ),
        (  # another term than "child" (art. 20(2) defines it)
            "How does the Lanzarote Convention define child pornography?",
            "lanzarote-convention art. 3(a)",
            False,
        ),
    ],
)
def test_a_defined_term_is_looked_up_only_when_it_is_what_is_asked(
    retriever, question, definition, looked_up
):
    hits = retriever.search(question).hits
    found = any(h.retrievers == ["definition"] and h.citation == definition for h in hits)
    assert found is looked_up


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # the abbreviation of a body the texts name in full is no unknown name
        ("Can our delegation attend the INCB meeting about our precursor controls?", []),
        ("Which role does Interpol play in police-to-police cooperation?", []),
        # a name the texts never mention is one (the assistant may decline on it)
        ("Which fines does the GDPR set?", ["GDPR"]),
    ],
)
def test_a_name_is_unknown_only_when_the_texts_never_mention_it(retriever, question, unknown):
    assert retriever.search(question).unknown_names == unknown


def test_an_abbreviation_is_searched_as_the_body_it_stands_for(retriever):
    # the texts say "the Board" (the International Narcotics Control Board): 1988 art. 22(2)
    # invites the Party concerned to its meeting
    result = retriever.search(
        "Can our delegation attend the INCB meeting that discusses our country?"
    )
    assert result.hits[0].citation == "drugs-convention-1988 art. 22(2)"


def test_an_explicit_filter_wins(retriever):
    result = retriever.search("liability of legal persons", instruments=["uncac"])
    assert {h.instrument for h in result.hits} == {"uncac"}
    assert result.hits[0].unit == "uncac art. 26"


def test_a_comparison_gets_the_best_of_each_document(retriever):
    result = retriever.search(
        "Compare liability of legal persons in UNCAC and the Budapest Convention", k=4
    )
    units = [h.unit for h in result.hits]
    assert "uncac art. 26" in units[:2] and "budapest-convention art. 12" in units[:2]


def test_one_article_appears_once_with_its_other_matching_paragraphs(retriever):
    result = retriever.search("extradition of nationals and refusal of extradition", k=10)
    units = [h.unit for h in result.hits]
    assert len(units) == len(set(units))
    assert any(h.also for h in result.hits)
    for hit in result.hits:
        assert hit.citation.startswith(hit.unit) and hit.retrievers
        assert hit.score > 0


def test_a_long_article_filling_the_candidates_still_yields_the_depth_asked(retriever):
    from assistant.search.retriever import Retriever

    narrow = Retriever(retriever.index, retriever.corpus, candidates=5)
    question = "mutual legal assistance requests, dual criminality and grounds for refusal"
    result = narrow.search(question, k=15, instruments=["cybercrime-convention"])
    assert len({h.unit for h in result.hits}) == 15


def test_a_scope_smaller_than_the_depth_gives_all_it_holds(retriever):
    result = retriever.search("scam compounds", k=20, instruments=["commentary-mcadam-2025"])
    assert len(result.hits) == len(retriever.corpus.documents["commentary-mcadam-2025"].units)


def test_retrieval_never_opens_a_network_connection(retriever, monkeypatch):
    real_connect = socket.socket.connect

    def loopback_only(self, address):
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"tried to reach {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)
    assert retriever.search("confiscation of proceeds of crime").hits


@pytest.mark.parametrize("question", ["", "   ", "???", "art. 0", "x" * 5000])
def test_odd_questions_do_not_break_retrieval(retriever, question):
    retriever.search(question)


def test_an_index_built_from_another_version_of_the_corpus_is_not_served(
    indexed_settings, tmp_path
):
    import json
    import shutil

    from assistant.errors import IndexUnavailable
    from assistant.model.corpus import meta_path
    from assistant.search.retriever import Retriever

    data = tmp_path / "data"
    shutil.copytree(indexed_settings.data_dir, data)
    stale = indexed_settings.model_copy(update={"data_dir": data})
    meta = json.loads(meta_path(stale.corpus_file).read_text())
    meta["documents"][0]["sha256"] = "0" * 64  # the source of one document changed
    meta_path(stale.corpus_file).write_text(json.dumps(meta))
    with pytest.raises(IndexUnavailable, match=r"stale: .* run 'python -m ingest build'"):
        Retriever.from_settings(stale)
    # ... or the same sources were parsed into other text (a repaired renderer slip)
    shutil.copy(meta_path(indexed_settings.corpus_file), meta_path(stale.corpus_file))
    Retriever.from_settings(stale)  # (as built)
    parsed = stale.corpus_file.read_text(encoding="utf-8")
    stale.corpus_file.write_text(parsed.replace("Office", "Of fice", 1), encoding="utf-8")
    with pytest.raises(IndexUnavailable, match=r"parsed again, .* run 'python -m ingest build'"):
        Retriever.from_settings(stale)


def test_each_hit_keeps_how_close_in_meaning_each_of_its_chunks_came(retriever):
    """The lead chooses among an article's paragraphs with these (assistant/answers/lead.py)."""
    result = retriever.search("Who bears the ordinary costs of an MLA request under UNTOC?")
    mla = next(h for h in result.hits if h.unit == "untoc art. 18")
    assert len(mla.closeness) > 1 and all(c.startswith("untoc art. 18(") for c in mla.closeness)
    assert max(mla.closeness.values()) == mla.similarity
    assert max(mla.closeness, key=mla.closeness.get) == "untoc art. 18(28)"


def test_each_hit_of_an_article_of_several_parts_knows_how_close_each_part_came(retriever):
    """An article the index embeds whole (UNCAC art. 21) still has its parts told apart: the
    lead weighs each part's own closeness (assistant/answers/lead.py)."""
    result = retriever.search("Does UNCAC cover a company manager who asks for a kickback?")
    bribery = next(h for h in result.hits if h.unit == "uncac art. 21")
    assert list(bribery.closeness) == ["uncac art. 21"]  # one chunk for the whole article
    assert sorted(bribery.parts) == ["uncac art. 21", "uncac art. 21(a)", "uncac art. 21(b)"]
    assert len(set(bribery.parts.values())) == 3
    for hit in result.hits:  # an article of one part has nothing to tell apart
        own = [n for n in retriever.corpus.get(hit.unit).walk() if n.own.strip()]
        assert bool(hit.parts) == (len(own) > 1)


def test_the_parts_are_stored_as_the_index_model_embeds_their_words(retriever):
    import numpy as np

    from assistant.search.parts import part_text

    model = retriever.index.store.embeddings
    question = "Is soliciting a bribe in a private company an offence?"
    asked = np.asarray(model.embed_query(question))
    near = retriever.index.parts.closeness(asked.tolist(), "uncac art. 21")
    for citation, value in near.items():
        part = np.asarray(model.embed_documents([part_text(retriever.corpus.get(citation))])[0])
        cosine = float(asked @ part / np.linalg.norm(asked) / np.linalg.norm(part))
        assert value == pytest.approx(cosine, abs=1e-4), citation


def test_each_hit_knows_how_near_the_questions_written_for_its_article_came(
    retriever, indexed_settings
):
    """The rerank weighs it (assistant/answers/rerank.py): the cosine of the question, as
    searched, with the nearest practitioner question of corpus/questions/ written for the
    hit's article, embedded the same way; 0 for an article none was written for."""
    import numpy as np

    from assistant.search.retriever import search_text
    from ingest.adapt_model import read_questions

    corpus = retriever.corpus
    question = "Can the requested State put our MLA request under UNCAC on hold for a while?"
    result = retriever.search(question)
    model = retriever.index.store.embeddings
    asked = np.asarray(model.embed_query(search_text(question, corpus.manifest)[1]))
    asked /= np.linalg.norm(asked)
    written = read_questions(indexed_settings)
    for hit in result.hits:
        mine = [q for c, q in written if str(corpus.get(c).cite().unit) == hit.unit]
        assert mine, hit.unit
        texts = [search_text(q, corpus.manifest)[1] for q in mine]
        vectors = np.asarray(model.embed_documents(texts))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        assert hit.asked == pytest.approx(float((vectors @ asked).max()), abs=1e-4), hit.unit
    assert retriever.index.questions.closeness(asked, "commentary-mcadam-2025 para. 5") is None


def test_an_article_no_question_was_written_for_counts_as_asked_as_near_as_its_text(retriever):
    """A commentary or a user's document has no practitioner questions; the rerank weighs how
    near they come, so such a passage counts as asked about as near as its own text comes,
    not as never asked (which would keep it from every answer)."""
    hits = retriever.search("What does McAdam say about the definition of cybercrime?", 10).hits
    commentary = [h for h in hits if h.instrument.startswith("commentary")]
    assert commentary and all(h.asked == h.similarity for h in commentary)


def test_an_index_built_by_an_earlier_version_is_not_served(indexed_settings, tmp_path):
    """One built before the parts were embedded has no part vectors: rebuild, said in a line."""
    import json
    import shutil

    from assistant.errors import IndexUnavailable
    from assistant.search.index import stamp_path
    from assistant.search.retriever import Retriever

    data = tmp_path / "data"
    shutil.copytree(indexed_settings.data_dir, data)
    old = indexed_settings.model_copy(update={"data_dir": data})
    stamp = json.loads(stamp_path(old).read_text()) | {"chunker": 2}
    stamp_path(old).write_text(json.dumps(stamp))
    with pytest.raises(IndexUnavailable, match=r"earlier version .* run 'python -m ingest build'$"):
        Retriever.from_settings(old)


def test_each_hit_knows_how_near_the_questions_written_for_each_of_its_parts_came(
    retriever, indexed_settings
):
    """The lead weighs it when it chooses the part (assistant/answers/lead.py): for each part,
    the cosine with the nearest question written for that part or for a part inside it."""
    import numpy as np

    from assistant.model.citations import inside
    from assistant.search.retriever import search_text
    from ingest.adapt_model import read_questions

    corpus = retriever.corpus
    question = "Can the requested State put our MLA request under UNCAC on hold for a while?"
    hit = next(h for h in retriever.search(question).hits if h.unit == "uncac art. 46")
    model = retriever.index.store.embeddings
    asked = np.asarray(model.embed_query(search_text(question, corpus.manifest)[1]))
    asked /= np.linalg.norm(asked)
    written = [(corpus.get(c).citation, q) for c, q in read_questions(indexed_settings)]
    asked_of = {p for p in hit.parts if any(c == p or inside(c, p) for c, _ in written)}
    assert set(hit.part_asked) == asked_of and "uncac art. 46(25)" in asked_of
    for part in asked_of:
        mine = [q for c, q in written if c == part or inside(c, part)]
        vectors = np.asarray(
            model.embed_documents([search_text(q, corpus.manifest)[1] for q in mine])
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        assert hit.part_asked[part] == pytest.approx(float((vectors @ asked).max()), abs=1e-4)
