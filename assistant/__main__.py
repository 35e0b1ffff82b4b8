import os
import sys

from assistant.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader went away ("python -m assistant show … | head"): nothing more to say, and no
    # one to say it to; Python would print a traceback while flushing at exit.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
sys.exit(code)
