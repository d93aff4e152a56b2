"""frontlines: news reports of armed conflict in, a sourced, geocoded, deduplicated event dataset out.

    >>> from frontlines import clean_article, extract_events
    >>> article = clean_article(open("examples/scraped/kobani_siege_lifted.txt").read())
    >>> [(e.event_date, e.sub_event_type, e.actor1) for e in extract_events(article)]
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from frontlines.errors import FrontlinesError, InputError, ResourceError, StoreError
from frontlines.records import Article, Evidence, IngestSummary, Mention, RemovedLine, Skipped, Span
from frontlines.settings import Settings, load_settings

if TYPE_CHECKING:
    from frontlines.api import clean_article, extract_events, open_store, read_events
    from frontlines.ingest import ingest

# The functions that run the pipeline load on first use: `import frontlines` (and every
# `frontlines` command, whose process imports this package) does not pay for spaCy, trafilatura
# and DuckDB until it calls them.
_LAZY = {"clean_article": "frontlines.api", "extract_events": "frontlines.api",
         "open_store": "frontlines.api", "read_events": "frontlines.api",
         "ingest": "frontlines.ingest"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'frontlines' has no attribute {name!r}")

__all__ = [
    "Article",
    "Evidence",
    "FrontlinesError",
    "IngestSummary",
    "InputError",
    "Mention",
    "RemovedLine",
    "ResourceError",
    "Settings",
    "Skipped",
    "Span",
    "StoreError",
    "clean_article",
    "extract_events",
    "ingest",
    "load_settings",
    "open_store",
    "read_events",
]
