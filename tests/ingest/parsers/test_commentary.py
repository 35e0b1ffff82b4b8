"""Commentary: every body paragraph, numbered from 1, with title, author and date kept apart."""

import pytest

from assistant.model.citations import Division
from assistant.model.verbatim import is_verbatim
from ingest.parsers.commentary import clean_source, parse_commentary

DOC = "commentary-mcadam-2025"


@pytest.fixture(scope="module")
def parsed(raw_text):
    return parse_commentary(raw_text(DOC), DOC)


def test_all_body_paragraphs_are_present_and_numbered(parsed, raw_text):
    body = [line for line in raw_text(DOC).splitlines()[2:] if line.strip()]
    body = body[: body.index("Leave a Reply")]
    assert [u.number for u in parsed.units] == [str(i) for i in range(1, len(body) + 1)]
    assert all(u.division is Division.PARAGRAPH for u in parsed.units)
    assert parsed.units[0].lead.startswith("As the United Nations Convention against Cybercrime")
    assert parsed.units[-1].lead.startswith("For now, at this early point")


def test_title_author_and_date_are_not_paragraphs(parsed):
    assert parsed.title.startswith("Should We Celebrate the UN Convention against Cybercrime?")
    assert "Marika McAdam" in parsed.byline and "06 Nov" in parsed.byline
    assert all("Marika McAdam is" not in u.lead for u in parsed.units)
    assert all(u.title == parsed.title for u in parsed.units)


def test_blog_furniture_is_dropped(parsed):
    assert all("Leave a Reply" not in u.lead for u in parsed.units)


def test_paragraphs_are_verbatim(parsed, raw_text):
    source = clean_source(raw_text(DOC))
    assert all(is_verbatim(f, source) for u in parsed.units for f in u.fragments())


def test_a_text_without_paragraphs_is_refused():
    with pytest.raises(ValueError, match="expected a title line"):
        parse_commentary("06 Nov Title only\n", DOC)
