"""Errors raised by frontlines.

One base class, so callers can catch everything of ours in one place::

    FrontlinesError
     ├── InputError          an input cannot be read or is not an article (binary, empty, too large,
     │                       undecodable, malformed JSON, unknown extension)
     ├── DataFileError       a file given to a tool (an evaluation corpus, a GeoNames dump) is unusable
     ├── StoreError          the DuckDB store cannot be opened, is newer than this code, or a write failed
     └── ResourceError       a required model or data file is missing (never a silent fallback)

Per-article problems inside a batch are not raised to the caller: they become `Skipped` values that
are counted and stored (see `records.Skipped`). Messages say what failed, why and what to do.
"""

from __future__ import annotations


class FrontlinesError(Exception):
    """Base class of every error frontlines raises on purpose."""


class InputError(FrontlinesError):
    """An input cannot be turned into an article; `reason` is a short machine-friendly code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class DataFileError(FrontlinesError):
    """A file given to a tool, not an article (an evaluation corpus, a GeoNames dump), cannot be
    used; `reason` is a short machine-friendly code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class StoreError(FrontlinesError):
    """The store cannot be used as asked."""


class ResourceError(FrontlinesError):
    """A model or data file that frontlines needs is not installed."""
