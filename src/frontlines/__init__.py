"""frontlines: news reports of armed conflict in, a sourced, geocoded, deduplicated event dataset out.

    >>> from frontlines import clean_article
    >>> article = clean_article(open("examples/scraped/kobani_siege_lifted.txt").read())
    >>> article.title, article.published
"""

from __future__ import annotations

__version__ = "0.1.0"

from frontlines.api import clean_article, open_store
from frontlines.errors import FrontlinesError, InputError, ResourceError, StoreError
from frontlines.ingest import ingest
from frontlines.records import Article, IngestSummary, RemovedLine, Skipped, Span
from frontlines.settings import Settings, load_settings

__all__ = [
    "Article",
    "FrontlinesError",
    "IngestSummary",
    "InputError",
    "RemovedLine",
    "ResourceError",
    "Settings",
    "Skipped",
    "Span",
    "StoreError",
    "clean_article",
    "ingest",
    "load_settings",
    "open_store",
]
