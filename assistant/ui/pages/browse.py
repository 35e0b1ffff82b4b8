"""The Browse page, the reader: ``/browse?provision=uncac+art.+15``."""

from assistant.ui.reader import page

page()
