"""What a user of the app waits for, measured in a real browser (headless Debian Chromium).

- cold: ``streamlit run`` started → page open → first answer on screen (model, index and
  corpus loading included);
- warm first answer: a new browser session on the running app asks one question; time from
  pressing Enter to the answer's citation buttons on screen (what a trainer's audience sees).

    .venv/bin/python bench/app_bench.py [--questions 12] [--json bench/results/app.json]
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

from live_app import launch_chromium, running_app  # noqa: E402

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


def ask(page, url: str, question: str) -> float:
    """Milliseconds from Enter to the answer's first citation button, on a page whose first
    run has finished (its starter questions are shown and the app is idle)."""
    page.goto(url)
    page.get_by_test_id("stButton").first.wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    start = time.perf_counter()
    box.press("Enter")
    page.get_by_test_id("stChatMessage").nth(1).get_by_role("button").first.wait_for()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "app.json")
    args = parser.parse_args()
    data_dir = get_settings().data_dir
    started = time.perf_counter()
    with running_app(data_dir) as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page()
        page.set_default_timeout(180_000)
        ask(page, url, QUESTIONS[0])
        cold = (time.perf_counter() - started) * 1000
        warm = []
        for question in QUESTIONS[: args.questions]:
            session = browser.new_page()  # a new Streamlit session on the warm server
            session.set_default_timeout(60_000)
            warm.append(ask(session, url, question))
            session.close()
        browser.close()
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "query_threads": get_settings().query_threads,
        "cold_start_to_first_answer_ms": round(cold),
        "warm_first_answer": {"questions": len(warm), **summary(warm)},
    }
    print(json.dumps(result, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
