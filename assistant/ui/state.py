"""Every key of ``st.session_state`` and of the URL the views share, named once: a misspelt
key is then a NameError instead of a view that silently reads an empty state.

The widgets whose value is what a link shows are bound to the URL (``bind="query-params"``),
and their key is the query parameter's name: ``/browse?provision=uncac+art.+15``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

# -- the conversation (the Ask page) ---------------------------------------------------------
MESSAGES = "messages"  # [{"role": "user", "content"}, {"role": "assistant", "content", "answer"}]
QUEUE = "queue"  # questions sent and not yet answered, oldest first: [{"id", "question"}]
ASKED = "asked"  # the chat input's key: read by its callback, which queues what was sent
VIEWING = "viewing"  # the citation whose provision opens over the chat in the next run
TO_READER = "to_reader"  # the citation to open on the Browse page in the next run

# -- the pages -------------------------------------------------------------------------------
ARRIVED = "arrived"  # this session has shown its first page (a link from outside goes on)

# -- the sidebar -----------------------------------------------------------------------------
SEARCH_ONLY = "search_only"  # the instruments the chat searches (none chosen: all)
MODE = "mode"  # "offline" or "llm"
PROJECTOR = "projector"  # large text for a room

# -- the reader (the Browse page) ------------------------------------------------------------
PROVISION = "provision"  # in the URL: the provision on screen, as typed or linked
BROWSE_DOC = "browse_doc"  # the instrument whose contents are listed

# -- the comparison (the Compare page) -------------------------------------------------------
TOPIC = "topic"  # in the URL: a topic or an article (?topic=uncac+art.+26)
INSTRUMENTS = "instruments"  # in the URL when not the default set: the instruments compared
COMPARISON = "comparison"  # ((topic, instruments), Comparison): searched once per topic


def compare_pick(instrument: str, topic: str) -> str:
    """The article chosen in one column of a comparison (a new topic starts afresh)."""
    return f"compare_pick_{instrument}_{topic.strip()}"


def messages() -> list[dict[str, Any]]:
    """This browser session's conversation, created empty on first use."""
    return st.session_state.setdefault(MESSAGES, [])


def queue() -> list[dict[str, Any]]:
    """This browser session's questions waiting for an answer, created empty on first use."""
    return st.session_state.setdefault(QUEUE, [])
