"""The fused events a store keeps for readers (the API, exports, notebooks), and the changes of
control they tell. Both are derived from the mentions (see `fuse.stored`); this module only turns
`Event` records into rows and back, and writes whole sets of them in one transaction.

Rows go in through an Arrow table: a million events are written in seconds, where binding Python
values row by row would take minutes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from frontlines.errors import StoreError
from frontlines.extract.ontology import TERRITORIAL
from frontlines.fuse.control import ControlChange
from frontlines.records import Claim, Event, Source, plain
from frontlines.store.migrations import LATEST_VERSION

if TYPE_CHECKING:
    from frontlines.store import Store

# The events table's columns that writers give, in its order (see migration 3); `summary`
# follows them.
EVENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "country", "iso3", "admin1", "admin2", "location", "latitude",
    "longitude", "geonameid", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
    "contested", "disagreements", "notes", "source_count", "outlets", "territorial",
    "search_text", "sources", "claims", "review_status", "machine",
)  # fmt: skip
# What a list of events shows of each: every column but the ones kept for searching and for the
# detail view (which adds sources, claims and mentions).
SUMMARY_COLUMNS = tuple(c for c in EVENT_COLUMNS if c not in (
    "territorial", "search_text", "sources", "claims", "machine"))
# The last column, `summary` (migration 4), is those fields as one JSON object, made by DuckDB
# whenever a row is written, never given by a caller: a page of a list reads one column instead
# of thirty-two, three times faster over a million events, and is answered without decoding.
# (The same expression, written out, filled the rows of older stores in migration 4.)
SUMMARY_SQL = ("CAST(to_json({" + ", ".join(f"'{c}': {c}" for c in SUMMARY_COLUMNS)
               + "}) AS VARCHAR)")
_TYPES = {
    "event_date": pa.date32(), "time_precision": pa.int32(), "inter1": pa.int32(),
    "inter2": pa.int32(), "interaction": pa.int32(), "civilian_targeting": pa.bool_(),
    "latitude": pa.float64(), "longitude": pa.float64(), "geonameid": pa.int64(),
    "geo_precision": pa.int32(), "fatalities": pa.int32(), "fatalities_low": pa.int32(),
    "fatalities_high": pa.int32(), "contested": pa.bool_(), "disagreements": pa.list_(pa.string()),
    "source_count": pa.int32(), "outlets": pa.list_(pa.string()), "territorial": pa.bool_(),
}  # fmt: skip
# The order rows are written in: newest first, as the API lists them by default. DuckDB keeps the
# least and greatest value of each column in each row group (122,880 rows) and skips the row
# groups a filter rules out, so a query for a few months reads a few row groups of a million
# events instead of all; and a newest-first page is filled from the first row groups read, after
# which the rest are skipped too. Events of one day stay in id order, the order every event was
# written in before (readers that scan without ORDER BY, like control, see one day as they did).
WRITE_ORDER = "event_date DESC NULLS LAST, event_id"
# Fields an event row carries as JSON text.
JSON_COLUMNS = ("sources", "claims", "machine")
CONTROL_COLUMNS = ("geonameid", "date", "place", "country", "latitude", "longitude",
                   "from_actor", "to_actor", "contested", "claimants", "events")


def require_kept_events(store: Store) -> None:
    """Raise StoreError unless the store keeps events as this version reads them (a store opened
    read-only is never migrated)."""
    version = store.version()
    if version < LATEST_VERSION:
        what = "before events were kept" if version < 3 else "by an older frontlines"
        raise StoreError(
            f"{store.path} was written {what}; run `frontlines ingest` on it (with no new input, "
            f"e.g. an empty folder) or `frontlines serve --db {store.path}` once to bring it up "
            "to date")


def event_row(event: Event) -> dict[str, Any]:
    """The events-table row of `event`, not reviewed (see store.reviews for the review)."""
    row = {name: getattr(event, name) for name in EVENT_COLUMNS if hasattr(event, name)}
    row["disagreements"] = list(event.disagreements)
    row["source_count"] = len(event.sources)
    row["outlets"] = sorted({s.outlet for s in event.sources if s.outlet})
    row["territorial"] = any(s.sub_event_type in TERRITORIAL for s in event.sources)
    row["search_text"] = search_text(row, [s.trigger for s in event.sources])
    row["sources"] = json.dumps([plain(s) for s in event.sources], ensure_ascii=False)
    row["claims"] = json.dumps([plain(c) for c in event.claims], ensure_ascii=False)
    row["review_status"] = None
    row["machine"] = None
    return row


def search_text(row: dict[str, Any], triggers: Iterable[str]) -> str:
    """What free-text search looks in: the place, the actors and the words that tell the event."""
    words = [row.get("location"), row.get("admin1"), row.get("actor1"), row.get("actor2"),
             *triggers]
    return " ".join(dict.fromkeys(w for w in words if w)).lower()


def event_from_row(row: dict[str, Any]) -> Event:
    """The `Event` an events-table row holds (as read back by `read_rows`)."""
    values = {name: row[name] for name in Event.__dataclass_fields__ if name in row}
    values["event_date"] = plain_value(row["event_date"])
    values["disagreements"] = tuple(row["disagreements"] or ())
    values["sources"] = tuple(Source(**s) for s in _loaded(row["sources"]))
    values["claims"] = tuple(Claim(**c) for c in _loaded(row["claims"]))
    return Event(**values)


def _loaded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def plain_value(value: Any) -> Any:
    """A value as JSON holds it: a date (as DuckDB gives it) as ISO text, others as they are."""
    return value.isoformat() if isinstance(value, dt.date) else value


def arrow_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    columns = {name: [row.get(name) for row in rows] for name in EVENT_COLUMNS}
    columns["event_date"] = [_date(v) for v in columns["event_date"]]
    return pa.table({name: pa.array(values, type=_TYPES.get(name, pa.string()))
                     for name, values in columns.items()})


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def insert_events(db: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert event rows (no transaction of its own: callers group writes)."""
    if rows:
        insert_event_table(db, arrow_table(rows))


def insert_event_table(db: duckdb.DuckDBPyConnection, incoming: pa.Table) -> None:
    """Insert event rows given as an Arrow table of `arrow_table`'s shape, in WRITE_ORDER."""
    db.execute(f"INSERT INTO events SELECT *, {SUMMARY_SQL} FROM (SELECT "
               f"{', '.join(_cast(c) for c in EVENT_COLUMNS)} FROM incoming) "
               f"ORDER BY {WRITE_ORDER}")


def _cast(column: str) -> str:
    return f"CAST({column} AS JSON)" if column in JSON_COLUMNS else column


def insert_event_mentions(db: duckdb.DuckDBPyConnection,
                          links: Iterable[tuple[str, str, int]]) -> None:
    links = list(links)
    if not links:
        return
    incoming = pa.table({  # noqa: F841 - read by DuckDB by name
        "event_id": pa.array([e for e, _, _ in links], pa.string()),
        "article_id": pa.array([a for _, a, _ in links], pa.string()),
        "number": pa.array([n for _, _, n in links], pa.int32())})
    db.execute("INSERT INTO event_mentions SELECT event_id, article_id, number FROM incoming")


def replace_control(db: duckdb.DuckDBPyConnection, changes: Sequence[ControlChange],
                    places: Collection[int] | None = None) -> None:
    """Replace the changes of control with `changes`: all of them, or those of `places`."""
    if places is None:
        db.execute("DELETE FROM control_changes")
    else:
        db.execute("DELETE FROM control_changes WHERE geonameid IN (SELECT unnest(?::BIGINT[]))",
                   [sorted(places)])
    if not changes:
        return
    incoming = pa.table({  # noqa: F841 - read by DuckDB by name
        "geonameid": pa.array([c.geonameid for c in changes], pa.int64()),
        "date": pa.array([_date(c.date) for c in changes], pa.date32()),
        "place": [c.place for c in changes], "country": [c.country for c in changes],
        "latitude": pa.array([c.latitude for c in changes], pa.float64()),
        "longitude": pa.array([c.longitude for c in changes], pa.float64()),
        "from_actor": pa.array([c.from_actor for c in changes], pa.string()),
        "to_actor": pa.array([c.to_actor for c in changes], pa.string()),
        "contested": [c.contested for c in changes],
        "claimants": pa.array([list(c.claimants) for c in changes], pa.list_(pa.string())),
        "events": pa.array([list(c.events) for c in changes], pa.list_(pa.string()))})
    db.execute(f"INSERT INTO control_changes SELECT {', '.join(CONTROL_COLUMNS)} FROM incoming")


def read_rows(db: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
              ) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
