"""The app in a real browser, in LLM mode, against a real model (llama.cpp's server with
SmolLM2-135M-Instruct, see ``support.llama_server``): the verified offline answer shows while
the model writes, and the answer that stays names the model (its checked reply, or the notice
that it was set aside for the offline answer)."""

from __future__ import annotations

import pytest
from playwright import sync_api as playwright_api
from support.live_app import CHROMIUM, launch_chromium, running_app
from support.llama_server import MODEL_NAME, LlamaServerMissing, running_llama_server

from assistant.ui.chat import WRITING

pytestmark = [pytest.mark.real_llm, pytest.mark.slow]

QUESTION = "Must States criminalise bribery in the private sector under UNCAC?"


@pytest.fixture(scope="module")
def llm_environment(tmp_path_factory):
    """The real model's server, and ``TREATY_LLM_*`` pointing at it for the app to inherit."""
    try:
        with (
            running_llama_server(tmp_path_factory.mktemp("llama")) as server,
            pytest.MonkeyPatch.context() as patch,
        ):
            for name, value in server.environment().items():
                patch.setenv(name, value)
            yield server
    except LlamaServerMissing as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def app(llm_environment, indexed_settings):
    """The app, started with the model configured, and a browser."""
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: `make test` installs it")
    with (
        running_app(indexed_settings.data_dir) as url,
        playwright_api.sync_playwright() as pw,
    ):
        browser = launch_chromium(pw)
        yield browser, url
        browser.close()


def test_the_app_answers_in_llm_mode_with_the_model_named(app):
    browser, url = app
    page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    page.set_default_timeout(180_000)
    page.goto(url)
    page.get_by_text(f"LLM ({MODEL_NAME})").click()  # the sidebar's answer mode
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(QUESTION)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").last
    # At once: the verified offline answer (its verdict and citation), the model writing below.
    answer.get_by_text(WRITING).wait_for()
    assert "Not mandatory:" in answer.inner_text()
    # Then the answer that stays: checked, or set aside with a notice; the model named either way.
    answer.get_by_text(WRITING).wait_for(state="detached")
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden")
    shown = answer.inner_text()
    assert MODEL_NAME in shown or "showing the offline answer instead" in shown
    assert MODEL_NAME in page.get_by_test_id("stSidebar").inner_text()
    assert page.get_by_role("button", name="UNCAC art. 21", exact=False).first.is_visible()
