"""The clean-up shared by parsers: only quote style, links, emphasis, split words, spaces."""

from assistant.model.verbatim import clean, is_verbatim, squash


def test_tex_quotes_become_curly_quotes():
    assert clean('``Public official" shall mean') == "“Public official” shall mean"


def test_links_keep_their_text_even_when_the_target_has_a_parenthesis():
    text = "the [Convention on X](../../onder/c)/van/het/etc/BWBV0001526/README.md), adopted"
    assert clean(text) == "the Convention on X, adopted"


def test_emphasis_stars_go_and_a_space_stays_after_them():
    assert clean("*inter alia,*include") == "inter alia, include"
    assert clean("*ordre public* or") == "ordre public or"


def test_a_straight_quote_closed_by_a_curly_one_opens_curly():
    assert clean('(l)"Freezing” or “seizure” means') == "(l)“Freezing” or “seizure” means"
    assert clean('a 5" screen, "no close') == 'a 5" screen, "no close'


def test_a_markdown_table_is_read_column_by_column():
    table = "|\n|*Table I* |*Table II* |\n|Ephedrine  Acetone |Piperidine |\n|salts I. |salts II. |"
    assert clean(f"before\n{table}\nafter") == (
        "before Table I Ephedrine Acetone salts I. Table II Piperidine salts II. after"
    )


def test_known_split_words_are_repaired():
    assert clean("United Nations Of fice on Drugs") == "United Nations Office on Drugs"
    assert clean("one of its nat ionals") == "one of its nationals"


def test_a_known_repeat_of_the_renderer_is_dropped():
    # UNCAC art. 55(7) as the treaty database renders it
    said = "if the property is of a de minimis value.*de minimis *value.   "
    assert clean(said) == "if the property is of a de minimis value."


def test_verbatim_means_same_words_in_the_same_order():
    source = clean('States   Parties shall\n adopt ``measures"')
    assert is_verbatim("Parties shall adopt", source)
    assert is_verbatim("shall\tadopt “measures”", source)
    assert not is_verbatim("Parties may adopt", source)
    assert squash("  a \n b ") == "a b"
