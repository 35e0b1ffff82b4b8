"""``streamlit run streamlit_app.py``: the app itself lives in ``assistant/ui``."""

from assistant.ui.app import main

main()
