"""``python -m assistant.ui.serve [streamlit options]`` (what ``make run`` starts): the app's
server, with the embedding model and the index loading from the moment it starts.

``streamlit run`` alone loads them when the first visitor arrives, who then waits ~12 s.
Here a thread loads them while Streamlit starts in this same process, where every session
shares the one ``AssistantService`` (``resources.service``); a visitor who comes before it
is done sees a spinner. Options are those of ``streamlit run`` (``--server.port=8502``).

This serves a room, not an editing session, so Streamlit's file watcher is off: it follows
every directory under the project (``.venv`` and ``data`` included), which here cost ~6 s at
the start and ~2 s on every page load (docs/performance.md). ``.streamlit/config.toml`` says
the same for a plain ``streamlit run``; the option is passed here too, as that file is read
only from the current directory. ``--server.fileWatcherType=auto`` turns it back on (the last
value given wins).
"""

from __future__ import annotations

import sys
import threading

from streamlit.web import cli

from assistant.settings import PROJECT_ROOT
from assistant.ui.resources import warm_up

APP = PROJECT_ROOT / "streamlit_app.py"
DEFAULTS = ["--server.fileWatcherType=none"]


def main(argv: list[str] | None = None) -> None:
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    options = sys.argv[1:] if argv is None else argv
    cli.main(["run", str(APP), *DEFAULTS, *options], prog_name="streamlit")


if __name__ == "__main__":
    main()
