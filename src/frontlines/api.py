"""Small conveniences for library users and notebooks."""

from __future__ import annotations

from typing import Any

from frontlines.clean.document import clean_document
from frontlines.errors import InputError
from frontlines.extract.mentions import ExtractResources, extract_many
from frontlines.records import Article, Mention, RawDocument
from frontlines.resources import Resources, load_resources
from frontlines.settings import Settings
from frontlines.sources import InputOptions, read_bytes
from frontlines.stages import extract_input
from frontlines.store import Store


def clean_article(
    content: str | bytes,
    *,
    url: str | None = None,
    published: str | None = None,
    resources: Resources | None = None,
) -> Article:
    """Clean one article given as HTML or text; raise `InputError` if it is not an article.

    Pass `resources` (from `frontlines.resources.load_resources`) when cleaning many articles, so the
    lexicons and the language model are loaded once.
    """
    settings = Settings()
    data = content.encode("utf-8") if isinstance(content, str) else content
    options = InputOptions(max_bytes=settings.max_bytes, published=published, url=url)
    read = next(read_bytes("<memory>", data, None, options))
    if not isinstance(read, RawDocument):
        raise InputError(read.reason, read.message)
    return clean_document(read, resources or load_resources(settings.with_overrides(
        extract_events=False)))


def extract_events(article: Article, resources: Resources | None = None) -> list[Mention]:
    """The event mentions of a clean article (from `clean_article`); none for a language that
    extraction does not read yet (its `status` says so)."""
    if article.status != "ok":
        return []
    extraction = resources.extraction if resources and resources.extraction else \
        ExtractResources.load()
    return extract_many([extract_input(article)], extraction)[0]


def open_store(path: str, read_only: bool = False) -> Store:
    """Open (and create or migrate) a DuckDB store."""
    return Store(path, read_only=read_only)


def read_events(db: str, **filters: Any) -> Any:
    """The stored events (as reviewed) matching `filters`, as a pandas DataFrame with ACLED's
    columns and frontlines' own (sources count, outlets, contested, review status). Filters are
    those of the API and `frontlines export`: bbox=(w, s, e, n), date_from, date_to, country,
    admin1, event_type, sub_event_type, actor, source, min_fatalities, contested, reviewed, q,
    include_rejected.

        frame = frontlines.read_events("demo.duckdb", country="SYR", date_from="2024-11-27")
    """
    from frontlines.serve.exports import dataframe
    from frontlines.serve.queries import parse_filters
    from frontlines.serve.reads import iter_events
    from frontlines.store.events import require_kept_events

    chosen = parse_filters(filters)
    with Store(db, read_only=True) as store:
        require_kept_events(store)
        return dataframe(iter_events(store.connection, chosen))
