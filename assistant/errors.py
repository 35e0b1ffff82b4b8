"""Every error that is the user's (or the set-up's) to fix, under one base class.

A front end (``python -m assistant``, ``python -m ingest``, the app) catches ``TreatyError``
once and shows its message as one line: each message says what is wrong and what to run or
set next. Anything else that escapes is a bug, and is allowed to show as one.
"""

from __future__ import annotations


class TreatyError(Exception):
    """Base class: a problem the message explains in full, never shown with a traceback."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


# -- configuration ---------------------------------------------------------------------------


class SettingsError(TreatyError):
    """An environment variable holds a value the settings cannot use."""


class ManifestError(TreatyError):
    """The manifest cannot be used; the message says which entry and what to fix."""


class LLMUnavailable(TreatyError):
    """The language model is configured incompletely; the message says what to set."""


# -- the corpus and the index ----------------------------------------------------------------


class SourceError(TreatyError):
    """A source file is missing, unreadable or not what the manifest says."""


class FetchError(TreatyError):
    """One document could not be fetched; the message names it and says what to do."""


class ParseError(TreatyError):
    """A document did not parse into a trustworthy structure; names the document and why."""


class CorpusError(TreatyError):
    """The parsed corpus is missing or unreadable; the message says what to run."""


class BuildError(TreatyError):
    """The index could not be built; the previous index (if any) is still in use."""


class IndexUnavailable(TreatyError):
    """No usable index; the message says what to run."""


class UserDocumentError(TreatyError):
    """A user's document cannot be added or removed; says why and what to do."""


# -- what the user typed ---------------------------------------------------------------------


class CitationError(TreatyError, ValueError):
    """Text that cannot be read as a citation; the message says why and how to write one."""


class NoSuchProvision(TreatyError, LookupError):
    """A well-formed citation that points at nothing in the corpus."""


class SuiteError(TreatyError):
    """A suite file that cannot be used; says which case and what is wrong."""


class UsageError(TreatyError):
    """A command-line argument or input file that cannot be used (e.g. ``--history``)."""
