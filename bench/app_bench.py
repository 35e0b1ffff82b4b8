"""What a user of the app waits for, measured in a real browser (headless Debian Chromium).

- cold: ``streamlit run`` started → page open → first answer on screen (model, index and
  corpus loading included);
- warm first answer: a new browser session on the running app asks one question; time from
  pressing Enter to the answer's citation buttons on screen (what a trainer's audience sees);
- a room at once: N browser sessions open, each asks a different question in the same moment;
  time until each sees its answer, and whether each shows only its own question.

    .venv/bin/python bench/app_bench.py [--questions 12] [--sessions 8]
        [--json bench/results/app.json]
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
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    parser.add_argument("--sessions", type=int, default=8, help="browsers asking at once")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "app.json")
    args = parser.parse_args()
    data_dir = get_settings().data_dir
    started = time.perf_counter()
    with running_app(data_dir) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        ask(idle_page(browser, url), QUESTIONS[0])
        cold = (time.perf_counter() - started) * 1000
        warm = []
        for question in QUESTIONS[: args.questions]:
            session = idle_page(browser, url)  # a new Streamlit session on the warm server
            warm.append(ask(session, question))
            session.close()
        together = room(browser, url, args.sessions)
        browser.close()
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "query_threads": get_settings().query_threads,
        "cold_start_to_first_answer_ms": round(cold),
        "warm_first_answer": {"questions": len(warm), **summary(warm)},
        "sessions_at_once": together,
    }
    print(json.dumps(result, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
