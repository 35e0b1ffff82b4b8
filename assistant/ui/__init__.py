"""The Streamlit views of ``streamlit_app.py``: one module per view, sharing ``resources``."""
