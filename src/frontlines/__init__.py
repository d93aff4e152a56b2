"""frontlines: news reports of armed conflict in, a sourced, geocoded, deduplicated event dataset out.

    >>> from frontlines import clean_article, extract_events
    >>> article = clean_article(open("examples/scraped/kobani_siege_lifted.txt").read())
    >>> [(e.event_date, e.sub_event_type, e.actor1) for e in extract_events(article)]
"""

from __future__ import annotations

__version__ = "0.1.0"

from frontlines.api import clean_article, extract_events, open_store
from frontlines.errors import FrontlinesError, InputError, ResourceError, StoreError
from frontlines.ingest import ingest
from frontlines.records import Article, Evidence, IngestSummary, Mention, RemovedLine, Skipped, Span
from frontlines.settings import Settings, load_settings

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
]
