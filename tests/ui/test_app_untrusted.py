"""A user document is untrusted data: added with the real ``python -m ingest add``, holding
remote images (with and without a title), links, autolinks, bare addresses and raw HTML that
all point at a local HTTP server counting requests, then read in the real app in headless
Chromium — answer, citation dialog, reader, comparison — and not one request reaches it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright import sync_api as playwright_api
from support.live_app import CHROMIUM, launch_chromium, running_app
from support.reliability import clean_env, run

DOC_ID = "field-notes"


class Counter(ThreadingHTTPServer):
    """Answers every GET with an empty PNG and remembers its path."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Counter

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def hostile(url: str) -> str:
    """Every way we know for Markdown or HTML to make a browser fetch, or link to, ``url``."""
    return f"""# Field notes

Article 1 Remote ![t]({url}/title-image.png "t") <img src="{url}/title-html.png">
1. Preserve the mailbox first ![p]({url}/image-titled.png "p") and ![q]({url}/image.png) today.
2. Read [the guide]({url}/link "g") or <{url}/autolink> or {url}/bare or www.example.org or
mail officer@example.org now.
3. Raw <img src="{url}/raw-image.png"> and <iframe src="{url}/iframe"></iframe> and
<a href="{url}/anchor">an anchor</a> and <video poster="{url}/poster.png"></video> end.

Article 2 Follow-up
Send the formal request to the central authority about preserved mailbox data.
"""


@pytest.fixture(scope="module")
def counter() -> Iterator[Counter]:
    server = Counter()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(indexed_settings, counter, tmp_path_factory):
    """The app over a copy of the data with the hostile document added, and a browser."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it")
    data = tmp_path_factory.mktemp("untrusted") / "data"
    shutil.copytree(indexed_settings.data_dir, data)
    notes = data.parent / "field-notes.md"
    notes.write_text(hostile(counter.url), encoding="utf-8")
    title = f'Notes ![n]({counter.url}/doc-title.png "n") <img src="{counter.url}/doc.png">'
    added = run(
        "ingest", "-q", "add", str(notes), "--id", DOC_ID, "--title", title,
        env=clean_env(TREATY_DATA_DIR=str(data)),
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    with running_app(data) as url, playwright_api.sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium, url
        chromium.close()


def settled(page) -> None:
    """The rerun done and a moment for the browser to load whatever the page names."""
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    page.wait_for_load_state("networkidle")


# Attributes that load something or make a link.
LOADING = ["src", "srcset", "href", "poster", "data", "action", "formaction", "background", "style"]


def elements_naming(page, url: str) -> list[str]:
    """Elements that would load, or link to, ``url`` (an image, a frame, a link...)."""
    return page.evaluate(
        """([url, names]) => [...document.querySelectorAll('*')]
            .filter(e => names.some(n => (e.getAttribute(n) || '').includes(url)))
            .map(e => e.outerHTML.slice(0, 120))""",
        [url, LOADING],
    )


def test_a_hostile_document_is_read_everywhere_in_the_app_and_nothing_is_fetched(browser, counter):
    chromium, url = browser
    page = chromium.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(f"What does {DOC_ID} art. 1 say?")
    box.press("Enter")
    citation = page.get_by_role("button", name=f"{DOC_ID} art. 1").first
    citation.wait_for()
    settled(page)
    assert "Preserve the mailbox first" in page.get_by_test_id("stChatMessage").last.inner_text()
    seen = {"answer": (list(counter.requests), elements_naming(page, counter.url))}

    citation.click()
    page.get_by_role("heading", name=f"{DOC_ID} art. 1").wait_for()
    settled(page)
    seen["citation dialog"] = (list(counter.requests), elements_naming(page, counter.url))

    page.get_by_role("button", name="Open in the reader").click()
    page.wait_for_url(lambda address: "/browse?provision=" in address)
    page.get_by_role("heading", name=f"{DOC_ID} art. 1").wait_for()
    page.get_by_role("button", name="art. 2 — Follow-up").wait_for()  # its contents, listed
    settled(page)
    seen["reader"] = (list(counter.requests), elements_naming(page, counter.url))

    page.goto(f"{url}/compare?topic={DOC_ID}+art.+1&instruments={DOC_ID}&instruments=uncac")
    page.get_by_test_id("stSelectbox").first.wait_for()
    page.locator(f".st-key-compare-{DOC_ID}").get_by_role("heading").first.wait_for()
    settled(page)
    seen["compare"] = (list(counter.requests), elements_naming(page, counter.url))
    page.context.close()

    assert seen == {where: ([], []) for where in seen}
