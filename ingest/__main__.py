import signal
import sys

from ingest.cli import main

code = main()
# The outcome is decided and said: a signal while the interpreter shuts down (Chroma's and the
# model's threads take seconds) would end it silently, with another exit code than the one said.
for signum in (signal.SIGINT, signal.SIGTERM):
    signal.signal(signum, signal.SIG_IGN)
sys.exit(code)
