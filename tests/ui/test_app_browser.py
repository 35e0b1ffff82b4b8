"""End to end in a real browser: the app started as ``make run`` starts it, driven in headless
Debian Chromium. Screenshots go to ``test-output/screenshots`` (or $TREATY_SCREENSHOTS)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from playwright import sync_api as playwright_api
from support.live_app import CHROMIUM, launch_chromium, running_app

from assistant.settings import PROJECT_ROOT

SHOTS = Path(os.environ.get("TREATY_SCREENSHOTS", PROJECT_ROOT / "test-output" / "screenshots"))
STARTER = "Does UNCAC require States to criminalise bribery of national public officials?"
QUESTION = "Must States criminalise bribery in the private sector under UNCAC?"


@pytest.fixture(scope="module")
def browser(indexed_settings):
    """The app and a browser, shared by this module's tests (one index build, one server)."""
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    SHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(indexed_settings.data_dir) as url, playwright_api.sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser, url
        browser.close()


def open_app(browser, address: str = "") -> object:
    """A new browser context (its own cookies and Streamlit session) with the app loaded at
    ``address`` (a page and a query, e.g. ``/browse?provision=…``)."""
    chromium, url = browser
    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(url + address)
    page.get_by_text("Treaty Assistant", exact=True).first.wait_for()
    return page


@pytest.fixture(scope="module")
def page(browser):
    return open_app(browser)


def shoot(page, name: str) -> None:
    """A picture once the app has finished its rerun (the status widget shows while running)."""
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=False)


def test_ask_see_a_citation_open_it_and_export(page, tmp_path):
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for()
    page.get_by_role("button", name=STARTER).wait_for()  # a starter question
    shoot(page, "0-empty-chat")
    box.fill(QUESTION)
    box.press("Enter")
    citation = page.get_by_role("button", name="UNCAC art. 21", exact=False).first
    citation.wait_for()
    answer = page.get_by_test_id("stChatMessage").last
    shown = answer.inner_text()
    badge, lead = shown.index("to consider (not mandatory)"), shown.index("Not mandatory:")
    assert badge < lead  # the badge, then the lead that answers
    shoot(page, "1-answer")

    citation.click()
    heading = page.get_by_role("heading", name="UNCAC art. 21")
    heading.wait_for()
    assert "Bribery in the private sector" in heading.inner_text()
    shoot(page, "2-citation")
    page.keyboard.press("Escape")
    heading.wait_for(state="detached")
    page.get_by_test_id("stChatMessage").first.wait_for()  # the chat is still there

    with page.expect_download() as download:
        page.get_by_role("button", name="Export as Markdown").click()
    saved = tmp_path / "chat.md"
    download.value.save_as(saved)
    exported = saved.read_text(encoding="utf-8")
    assert QUESTION in exported and "UNCAC art. 21" in exported
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as printable HTML").click()
    download.value.save_as(tmp_path / "chat.html")
    assert "<h2>" in (tmp_path / "chat.html").read_text(encoding="utf-8")


def test_a_cited_paragraph_is_highlighted_inside_its_article(page):
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill("What does Article 16(4) UNTOC say?")
    box.press("Enter")
    page.get_by_role("button", name="UNTOC art. 16(4)").first.click()
    cited = page.locator(".st-key-cited-viewer-untoc-art-16-4-")
    cited.wait_for()
    assert cited.inner_text().startswith("4. If a State Party")
    background = cited.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    shoot(page, "3-highlighted-paragraph")
    page.keyboard.press("Escape")


def test_compare_shows_instruments_side_by_side(page):
    page.get_by_text("Compare", exact=True).click()
    topic = page.get_by_label("Topic or article")
    topic.fill("liability of legal persons")
    topic.press("Enter")
    for heading in ("UNTOC art. 10", "UNCAC art. 26", "Budapest Convention art. 12"):
        page.get_by_role("heading", name=heading).wait_for()
    shoot(page, "4-compare")


def test_browse_and_projector_text(page):
    page.get_by_text("Browse", exact=True).click()
    page.get_by_label("Look up a provision").fill("Cybercrime Convention art. 17")
    page.get_by_label("Look up a provision").press("Enter")
    page.get_by_role("heading", name="Cybercrime Convention art. 17").wait_for()
    before = page.get_by_test_id("stText").first.evaluate("e => getComputedStyle(e).fontSize")
    page.get_by_text("Large text (projector)").click()
    page.wait_for_function(
        # the text is briefly absent while Streamlit reruns: wait through that too
        "size => { const e = document.querySelector('[data-testid=stText]');"
        " return e !== null && getComputedStyle(e).fontSize !== size; }",
        arg=before,
    )
    shoot(page, "5-browse-projector")


def test_a_link_to_a_provision_opens_it_in_the_reader(browser):
    _, url = browser
    page = open_app(browser, "/browse?provision=untoc+art.+16(4)")
    page.get_by_role("heading", name="UNTOC art. 16(4) — Extradition").wait_for()
    cited = page.locator(".st-key-cited-reader-untoc-art-16-4-")
    assert cited.inner_text().startswith("4. If a State Party")
    link = page.get_by_test_id("stCode").inner_text()
    assert link.strip() == f"{url}/browse?provision=untoc+art.+16(4)"  # as the browser has it
    page.context.close()


def test_the_back_button_returns_from_the_reader_to_the_chat(browser):
    page = open_app(browser)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill("What does Article 16(4) UNTOC say?")
    box.press("Enter")
    page.get_by_role("button", name="UNTOC art. 16(4)").first.click()
    page.get_by_role("button", name="Open in the reader").click()
    page.wait_for_url(lambda address: "/browse?provision=untoc" in address)
    assert unquote_plus(page.url).endswith("/browse?provision=untoc art. 16(4)")
    page.get_by_role("heading", name="UNTOC art. 16(4) — Extradition").wait_for()
    assert not page.get_by_test_id("stChatMessage").count()

    page.go_back()
    answer = page.get_by_test_id("stChatMessage").last
    answer.get_by_role("button", name="UNTOC art. 16(4)").first.wait_for()
    assert page.get_by_test_id("stChatMessage").count() == 2  # the same conversation
    assert "/browse" not in page.url
    page.context.close()


def test_two_people_never_see_each_others_conversation(browser, page):
    page.get_by_text("Ask", exact=True).first.click()
    page.get_by_test_id("stChatMessage").first.wait_for()  # asked in the tests above
    other = open_app(browser)
    other.get_by_test_id("stChatInputTextArea").wait_for()
    other.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    assert other.get_by_test_id("stChatMessage").count() == 0
    other.get_by_role("button", name=STARTER).wait_for()  # an empty chat, with starters
    other.context.close()


FAST = [f"What does UNCAC art. {n} say?" for n in range(15, 27)]  # twelve questions


def test_questions_sent_in_quick_succession_are_all_answered_and_kept_in_order(browser, tmp_path):
    """Typed and sent as fast as the input takes them (it is disabled while an answer runs;
    ``fill`` waits for it): every one becomes a stored turn, in the order sent (the export is
    made of stored turns). Before, 3 of 12 were kept; with the queue alone, 10."""
    page = open_app(browser)
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    for question in FAST:
        box.fill(question)
        box.press("Enter")
        page.wait_for_timeout(50)
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=stChatMessage]').length === n"
        " && !document.body.innerText.includes('Waiting: answered after')",
        arg=2 * len(FAST),
        timeout=600_000,
    )
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    page.get_by_text("Large text (projector)").click()  # a rerun: drawn from the stored turns
    page.wait_for_timeout(500)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    shown = [m.inner_text() for m in page.get_by_test_id("stChatMessage").all()]
    assert [text.strip().splitlines()[-1] for text in shown[::2]] == FAST  # after the avatar
    for n, answer in zip(range(15, 27), shown[1::2], strict=True):
        assert f"UNCAC art. {n}" in answer
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as Markdown").click()
    download.value.save_as(tmp_path / "chat.md")
    exported = (tmp_path / "chat.md").read_text(encoding="utf-8")
    headings = [line for line in exported.splitlines() if line.startswith("## ")][: len(FAST)]
    assert headings == [f"## {n}. {q}" for n, q in enumerate(FAST, 1)]
    page.context.close()
