"""The Ask page, the chat: ``/`` (also ``/ask``)."""

from assistant.ui.chat import page

page()
