"""What a user of the app waits for, measured in a real browser (headless Debian Chromium).

- the first visitor at once: the server started → a browser opens the page the moment the
  server answers → the chat input rendered and usable → the first answer on screen (model,
  index and corpus loading included), all timed from the server's start;
- the first visitor a little later (``--arrives-after`` seconds after the server's start, as
  when a trainer runs ``make run`` before the room connects): page opened → chat input usable
  → first answer, timed from opening the page;
- after each first visitor, the next one: page opened → chat input usable, what any visitor
  waits for the page itself (the browser loading Streamlit, the first run of the script);
- warm first answer: a new browser session on the running app asks one question; time from
  pressing Enter to the answer's citation buttons on screen (what a trainer's audience sees);
- a room at once: N browser sessions open, each asks a different question in the same moment;
  time until each sees its answer, and whether each shows only its own question.

    .venv/bin/python bench/app_bench.py --label after [--questions 12] [--sessions 8]
        [--arrives-after 30] [--json bench/results/app.json]

Each run is kept in the JSON file under its ``--label`` (e.g. "before" and "after" a change).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.live_app import launch_chromium, running_app  # noqa: E402

from assistant.settings import get_settings  # noqa: E402
from bench.common import summary  # noqa: E402

QUESTIONS = [
    "Does UNCAC require States to criminalise bribery of national public officials?",
    "How does UNTOC define an organized criminal group?",
    "What does Article 16(4) UNTOC say?",
    "Which provision of the Cybercrime Convention covers expedited preservation of stored data?",
    "Is a victim's consent relevant under the Trafficking in Persons Protocol?",
    "How does the Budapest Convention define traffic data?",
    "liability of legal persons",
    "Can migrants be prosecuted for having been smuggled?",
    "What marking of firearms does the Firearms Protocol require?",
    "What does UNCAC say about the return of embezzled public funds?",
    "Compare UNTOC and UNCAC on witness protection",
    "What does article 17 of the cybercrime convention say?",
]


def ask(page, question: str) -> float:
    """Milliseconds from Enter to the answer's first citation button, on an idle page."""
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    start = time.perf_counter()
    box.press("Enter")
    page.get_by_test_id("stChatMessage").nth(1).get_by_role("button").first.wait_for()
    return (time.perf_counter() - start) * 1000


def visit(browser, url: str) -> tuple[object, float]:
    """A new page on ``url``, returned once its chat input is on screen and accepts typing,
    with the moment it was opened (``time.perf_counter``)."""
    page = browser.new_page()
    page.set_default_timeout(180_000)
    opened = time.perf_counter()
    page.goto(url)
    page.get_by_test_id("stChatInputTextArea").wait_for()
    page.wait_for_function(
        "() => { const box = document.querySelector('[data-testid=stChatInputTextArea]');"
        " return box && !box.disabled; }"
    )
    return page, opened


def first_visitor(browser, data_dir: Path, arrives_after: float) -> dict:
    """A fresh server and its first visitor, who opens the page ``arrives_after`` seconds
    after the server's start (0: as soon as the server answers); times in ms from the
    server's start ("since_start") and from opening the page ("since_open"); then the next
    visitor's page."""
    started = time.perf_counter()
    with running_app(data_dir) as url:
        served = time.perf_counter()
        time.sleep(max(0.0, started + arrives_after - served))
        page, opened = visit(browser, url)
        ready = time.perf_counter()
        ask(page, QUESTIONS[0])
        answered = time.perf_counter()
        page.close()
        page, next_opened = visit(browser, url)
        next_ready = time.perf_counter()
        page.close()

    def ms(since: float, until: float) -> int:
        return round((until - since) * 1000)

    return {
        "arrives_after_s": arrives_after,
        "server_answers_ms": ms(started, served),
        "since_start": {
            "chat_usable_ms": ms(started, ready),
            "first_answer_ms": ms(started, answered),
        },
        "since_open": {
            "chat_usable_ms": ms(opened, ready),
            "first_answer_ms": ms(opened, answered),
        },
        "next_visitor_chat_usable_ms": ms(next_opened, next_ready),
    }


def idle_page(browser, url: str):
    """A new Streamlit session whose first run has finished."""
    page = browser.new_page()
    page.set_default_timeout(180_000)
    page.goto(url)
    page.get_by_test_id("stButton").first.wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    return page


def room(browser, url: str, sessions: int) -> dict:
    """``sessions`` pages press Enter on different questions one after another (a few ms
    apart); each page is then polled in turn until its answer's citation buttons show, so a
    time is within one polling round (~10 ms a page) of when the answer appeared."""
    pages = [idle_page(browser, url) for _ in range(sessions)]
    questions = [QUESTIONS[i % len(QUESTIONS)] for i in range(sessions)]
    for page, question in zip(pages, questions, strict=True):
        page.get_by_test_id("stChatInputTextArea").fill(question)
    pressed = []
    for page in pages:
        page.get_by_test_id("stChatInputTextArea").press("Enter")
        pressed.append(time.perf_counter())
    waited: dict[int, float] = {}
    deadline = time.perf_counter() + 180
    while len(waited) < sessions and time.perf_counter() < deadline:
        for i, page in enumerate(pages):
            answer = page.get_by_test_id("stChatMessage").nth(1).get_by_role("button")
            if i not in waited and answer.count():
                waited[i] = (time.perf_counter() - pressed[i]) * 1000
    own = [
        page.get_by_test_id("stChatMessage").count() == 2
        and page.get_by_test_id("stChatMessage").first.get_by_test_id("stText").inner_text()
        == question
        for page, question in zip(pages, questions, strict=True)
    ]
    for page in pages:
        page.close()
    return {
        "sessions": sessions,
        "answered": len(waited),
        "only_their_own_question": sum(own),
        **summary(list(waited.values())),
        "slowest_ms": round(max(waited.values())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current", help="key of this run in the JSON file")
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    parser.add_argument("--sessions", type=int, default=8, help="browsers asking at once")
    parser.add_argument(
        "--arrives-after", type=float, default=30, help="seconds after start of the later visit"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "app.json")
    args = parser.parse_args()
    data_dir = get_settings().data_dir
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        at_once = first_visitor(browser, data_dir, 0)
        later = first_visitor(browser, data_dir, args.arrives_after)
        with running_app(data_dir) as url:
            ask(idle_page(browser, url), QUESTIONS[0])  # warm the server
            warm = []
            for question in QUESTIONS[: args.questions]:
                session = idle_page(browser, url)  # a new Streamlit session on the warm server
                warm.append(ask(session, question))
                session.close()
            together = room(browser, url, args.sessions)
        browser.close()
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "query_threads": get_settings().query_threads,
        "first_visitor_at_once": at_once,
        "first_visitor_later": later,
        "warm_first_answer": {"questions": len(warm), **summary(warm)},
        "sessions_at_once": together,
    }
    print(json.dumps(result, indent=2))
    runs = json.loads(args.json.read_text()) if args.json.exists() else {}
    runs = runs if "date" not in runs else {}  # a file from before runs were labelled
    runs[args.label] = result
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(runs, indent=2) + "\n")


if __name__ == "__main__":
    main()
