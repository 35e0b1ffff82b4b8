"""The provision model: a cited part can be shown where it stands inside its unit."""


def test_a_cited_part_is_one_block_of_its_unit_and_nothing_is_lost(corpus):
    for document in corpus:
        for unit in document.units:
            for node in unit.walk():
                blocks = unit.blocks(node.path)
                assert "\n".join(text for text, _ in blocks) == unit.text, node.citation
                assert [flag for _, flag in blocks].count(True) == 1, node.citation


def test_the_highlighted_block_is_the_cited_paragraph_with_its_number(corpus):
    blocks = corpus.get("untoc art. 16").blocks(("4",))
    cited = next(text for text, flag in blocks if flag)
    assert cited.startswith("4. ") and cited.endswith(corpus.get("untoc art. 16(4)").text)
    assert blocks[0][0].startswith("1. ") and not blocks[0][1]
