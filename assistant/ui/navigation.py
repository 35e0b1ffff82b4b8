"""The app's pages, each at its own address, and the links between them: ``/`` (or ``/ask``)
the chat, ``/browse?provision=uncac+art.+15`` the reader on a provision, ``/compare?topic=…``
a comparison. Moving between pages is the browser's own navigation, so its back button
returns to where the user was (the conversation stays in the session)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlencode

import streamlit as st

from assistant.ui import state

ASK, BROWSE, COMPARE = "ask", "browse", "compare"
TITLES = {ASK: "Ask", BROWSE: "Browse", COMPARE: "Compare"}
SCRIPTS = Path(__file__).parent / "pages"  # one small script per page, as AppTest needs
# A link to the root that names a provision or a topic goes on to the page that shows it, so
# a handout can say ``…:8501/?provision=uncac+art.+15``.
SHOWN_BY = {state.PROVISION: BROWSE, state.TOPIC: COMPARE}

Params = Mapping[str, str | Sequence[str]]


def current_page() -> st.Page:
    """Register the pages (a navigation bar at the top) and return the one the URL names.

    Only a session's first page follows a link at the root on (a link opened from outside):
    ``switch_page`` leaves the root with the link's query in the browser's history, and the
    back button must return from there to the chat, not to the reader again."""
    pages = {
        name: st.Page(SCRIPTS / f"{name}.py", title=title, url_path=name, default=name == ASK)
        for name, title in TITLES.items()
    }
    page = st.navigation(list(pages.values()), position="top")
    arrived = st.session_state.get(state.ARRIVED, False)
    st.session_state[state.ARRIVED] = True
    if page is pages[ASK] and not arrived:
        for param, target in SHOWN_BY.items():
            if param in st.query_params:
                go(target, {key: st.query_params.get_all(key) for key in st.query_params})
    return page


def go(page: str, params: Params) -> NoReturn:
    """Open ``page`` with ``params`` in its URL, as a new entry of the browser's history."""
    st.switch_page(SCRIPTS / f"{page}.py", query_params=_pairs(params))


def _pairs(params: Params) -> list[tuple[str, str]]:
    return [
        (key, value)
        for key, values in params.items()
        for value in ([values] if isinstance(values, str) else values)
    ]


def link_here(params: Params) -> str:
    """The address of this page showing ``params`` (relative where the browser's address is
    unknown, as in AppTest); parentheses stay readable: ``?provision=untoc+art.+16(4)``."""
    return f"{st.context.url or ''}?{urlencode(_pairs(params), safe='()')}"


def show_link(label: str, params: Params) -> None:
    """A copyable link to what the page shows, for a handout or a projector slide."""
    st.caption(label)
    st.code(link_here(params), language=None, wrap_lines=True)
