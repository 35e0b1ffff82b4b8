"""One script per page, run by ``st.navigation`` (``assistant.ui.navigation``); each only
calls its view, which lives in ``assistant.ui``."""
