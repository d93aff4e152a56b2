"""Filters over the stored events, as SQL, shared by the API, `frontlines export` and
`read_events`: one definition, so a filter means the same thing wherever a user applies it."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from frontlines.extract.ontology import EVENT_TYPES


class FilterError(ValueError):
    """A filter value that cannot be read; the message names the parameter."""


# Sort orders: the column, whether it runs downwards, and where events without a value go (an
# undated event counts as the oldest). Every order ends with the event id, so pages never overlap
# or skip (keyset pagination). The order is on the bare column, never an expression of it: DuckDB
# then narrows the scan to the row groups that can still reach the page (its top-N filter), which
# halves the time of a page over a million events.
SORTS = {
    "event_date": ("event_date", False),
    "-event_date": ("event_date", True),
    "fatalities": ("fatalities", False),
    "-fatalities": ("fatalities", True),
}
# A cursor's value for an event without one (JSON has no date type; "0001-01-01" sorts first).
_NO_DATE = "0001-01-01"
MAX_LIMIT = 1000
_FILTER_NAMES = {
    "bbox", "date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor",
    "source", "min_fatalities", "contested", "reviewed", "q", "include_rejected",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFilters:
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: tuple[str, ...] = ()
    admin1: str | None = None
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None
    source: str | None = None
    min_fatalities: int | None = None
    contested: bool | None = None
    reviewed: bool | None = None
    q: str | None = None
    include_rejected: bool = False

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            clauses.append("latitude BETWEEN ? AND ?")
            params += [min_lat, max_lat]
            if min_lon <= max_lon:
                clauses.append("longitude BETWEEN ? AND ?")
                params += [min_lon, max_lon]
            else:  # a box across the antimeridian
                clauses.append("(longitude >= ? OR longitude <= ?)")
                params += [min_lon, max_lon]
        if self.date_from is not None:
            clauses.append("event_date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append("event_date <= ?")
            params.append(self.date_to)
        if self.country:
            clauses.append("(iso3 IN (SELECT unnest(?::VARCHAR[])) OR "
                           "lower(country) IN (SELECT unnest(?::VARCHAR[])))")
            params += [[c.upper() for c in self.country], [c.lower() for c in self.country]]
        if self.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        for name in ("event_type", "sub_event_type"):
            if values := getattr(self, name):
                clauses.append(f"{name} IN (SELECT unnest(?::VARCHAR[]))")
                params.append(list(values))
        if self.actor:
            clauses.append("(lower(actor1) = lower(?) OR lower(actor2) = lower(?))")
            params += [self.actor, self.actor]
        if self.source:
            clauses.append("list_contains(list_transform(outlets, lambda o: lower(o)), lower(?))")
            params.append(self.source)
        if self.min_fatalities is not None:
            clauses.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.contested is not None:
            clauses.append("contested = ?")
            params.append(self.contested)
        if self.reviewed is not None:
            clauses.append("review_status IS NOT NULL" if self.reviewed
                           else "review_status IS NULL")
        if not self.include_rejected:
            clauses.append("coalesce(review_status, '') <> 'rejected'")
        for word in (self.q or "").lower().split():
            clauses.append("contains(search_text, ?)")
            params.append(word)
        return (" AND ".join(clauses) or "TRUE"), params


def parse_filters(values: dict[str, Any]) -> EventFilters:
    """Filters from query-string or Python values (strings, dates, numbers, booleans; lists or
    comma-separated strings for the repeatable ones); raises FilterError naming the parameter at
    fault. Unknown names are an error too, so a typo never silently filters nothing."""
    unknown = set(values) - _FILTER_NAMES
    if unknown:
        raise FilterError(f"{sorted(unknown)[0]}: not a filter; filters: "
                          + ", ".join(sorted(_FILTER_NAMES)))

    def one(name: str) -> Any:
        value = values.get(name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else None
        return value if value not in (None, "") else None

    def many(name: str) -> tuple[str, ...]:
        value = values.get(name)
        items = value if isinstance(value, list | tuple) else [value] if value else []
        return tuple(part.strip() for item in items for part in str(item).split(",")
                     if part.strip())

    event_types = many("event_type")
    for event_type in event_types:
        if event_type not in EVENT_TYPES:
            raise FilterError(f"event_type: not an ACLED event type: {event_type!r}")
    return EventFilters(
        bbox=_bbox(one("bbox")), date_from=_date("date_from", one("date_from")),
        date_to=_date("date_to", one("date_to")), country=many("country"),
        admin1=one("admin1"), event_type=event_types, sub_event_type=many("sub_event_type"),
        actor=one("actor"), source=one("source"),
        min_fatalities=_integer("min_fatalities", one("min_fatalities")),
        contested=_boolean("contested", one("contested")),
        reviewed=_boolean("reviewed", one("reviewed")), q=one("q"),
        include_rejected=_boolean("include_rejected", one("include_rejected")) or False)


def _bbox(value: Any) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        parts = value.split(",") if isinstance(value, str) else value
        numbers = tuple(float(part) for part in parts)
    except (TypeError, ValueError):
        numbers = ()
    if len(numbers) != 4 or any(n != n for n in numbers):  # n != n: NaN
        raise FilterError(f"bbox: four numbers min_lon,min_lat,max_lon,max_lat, not {value!r}")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise FilterError(f"bbox: longitudes within ±180 and min_lat <= max_lat within ±90, "
                          f"not {value!r}")
    return min_lon, min_lat, max_lon, max_lat


def _date(name: str, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FilterError(f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def _integer(name: str, value: Any) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise FilterError(f"{name}: not an integer: {value!r}") from None
    if not 0 <= number <= 10_000_000:
        raise FilterError(f"{name}: out of range: {value!r}")
    return number


def _boolean(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    lowered = str(value).lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise FilterError(f"{name}: true or false, not {value!r}")


def page_clause(sort: str, cursor: str | None) -> tuple[str, str, list[Any]]:
    """For a sort order and the cursor of the page before: the extra WHERE condition, the ORDER
    BY clause and the parameters of the condition.

    Missing values sort as the least: last going downwards, first going upwards."""
    if sort not in SORTS:
        raise FilterError(f"sort: one of {', '.join(SORTS)}, not {sort!r}")
    column, downwards = SORTS[sort]
    direction, nulls = ("DESC", "NULLS LAST") if downwards else ("ASC", "NULLS FIRST")
    order = f"{column} {direction} {nulls}, event_id {direction}"
    if cursor is None:
        return "TRUE", order, []
    value, event_id = _read_cursor(cursor)
    if sort.endswith("event_date"):
        try:
            value = None if value == _NO_DATE else dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise FilterError("cursor: not a cursor of this sort order") from None
    elif value is not None and not isinstance(value, int):
        raise FilterError("cursor: not a cursor of this sort order")
    beyond = "<" if downwards else ">"
    if value is None:  # the cursor stands among the events without a value
        if downwards:  # ... which come last
            return f"({column} IS NULL AND event_id {beyond} ?)", order, [event_id]
        return f"({column} IS NOT NULL OR event_id {beyond} ?)", order, [event_id]
    tail = f" OR {column} IS NULL" if downwards else ""
    return (f"({column} {beyond} ? OR ({column} = ? AND event_id {beyond} ?){tail})",
            order, [value, value, event_id])


def next_cursor(sort: str, last: dict[str, Any]) -> str:
    if "fatalities" in sort:
        value = last["fatalities"]
    else:
        day = last["event_date"]
        value = _NO_DATE if day is None else day if isinstance(day, str) else day.isoformat()
    raw = json.dumps([value, last["event_id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read_cursor(cursor: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise FilterError("cursor: not a cursor given by this API") from None
    if not isinstance(event_id, str):
        raise FilterError("cursor: not a cursor given by this API")
    return value, event_id


def limit_value(value: str | int | None, default: int = 100) -> int:
    if value is None or value == "":
        return default
    number = _integer("limit", str(value))
    if number is None or not 1 <= number <= MAX_LIMIT:
        raise FilterError(f"limit: from 1 to {MAX_LIMIT}, not {value!r}")
    return number
