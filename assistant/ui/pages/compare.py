"""The Compare page: ``/compare?topic=liability+of+legal+persons``."""

from assistant.ui.compare import page

page()
