"""An analyst's review of events: what may be edited, how edits are checked, and how the review
state is laid over the machine's values.

The machine's values are never lost: an edited event's row holds the reviewed values, and its
`machine` column the machine's values of the fields the reviewer changed. Every action is also a
row of `review_log` (who, when, before, after), written by `frontlines.review`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from frontlines.extract.ontology import EVENT_TYPES, sub_event_types
from frontlines.records import Event
from frontlines.store.events import event_row, plain_value

STATUSES = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}


class ReviewError(ValueError):
    """A review the store cannot take; `status` is the HTTP status it answers with."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 500:
        raise ValueError("a text of 1 to 500 characters, or null")
    return value.strip()


def _notes(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > 5000:
        raise ValueError("a text of up to 5,000 characters")
    return value.strip()


def _number(low: float, high: float, whole: bool = True) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None and not whole:
            return None
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            raise ValueError(f"{'an integer' if whole else 'a number'} from {low} to {high}")
        return value
    return check


def _day(value: Any) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError("an ISO date, YYYY-MM-DD") from None


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _optional(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else check(value)


# The fields a reviewer may set, each with the check its value must pass.
EDITABLE: dict[str, Callable[[Any], Any]] = {
    "event_date": _day, "time_precision": _number(1, 3), "event_type": _text,
    "sub_event_type": _text, "actor1": _text, "assoc_actor_1": _text,
    "inter1": _optional(_number(0, 8)), "actor2": _text, "assoc_actor_2": _text,
    "inter2": _optional(_number(0, 8)), "civilian_targeting": _flag, "location": _text,
    "admin1": _text, "admin2": _text, "country": _text, "iso3": _text,
    "latitude": _number(-90, 90, whole=False), "longitude": _number(-180, 180, whole=False),
    "geo_precision": _number(1, 3), "fatalities": _number(0, 1_000_000), "notes": _notes,
}  # fmt: skip


def checked_fields(fields: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """`fields` with each value checked; the type and sub-type must stay a pair of ACLED's."""
    if not fields:
        raise ReviewError(422, "invalid_parameter", "fields: give at least one field to edit")
    checked = {}
    for name, value in fields.items():
        if name not in EDITABLE:
            raise ReviewError(422, "invalid_parameter",
                              f"fields.{name}: not an editable field; editable: "
                              + ", ".join(sorted(EDITABLE)))
        try:
            checked[name] = EDITABLE[name](value)
        except ValueError as error:
            raise ReviewError(422, "invalid_parameter", f"fields.{name}: {error}") from None
    event_type = checked.get("event_type", current.get("event_type"))
    sub_type = checked.get("sub_event_type", current.get("sub_event_type"))
    if event_type not in EVENT_TYPES:
        raise ReviewError(422, "invalid_parameter", f"fields.event_type: not an ACLED type: "
                          f"{event_type!r}")
    known = sub_event_types()
    if sub_type not in known or known[sub_type].event_type != event_type:
        raise ReviewError(422, "invalid_parameter", f"fields.sub_event_type: {sub_type!r} is not "
                          f"a sub-type of {event_type!r}")
    return checked


def apply_review(row: dict[str, Any], status: str, fields: dict[str, Any]) -> dict[str, Any]:
    """`row` (with the machine's values) as reviewed: the edited fields set, their machine
    values kept in `machine`."""
    machine = json.loads(row["machine"]) if row.get("machine") else {}
    for name, value in fields.items():
        machine.setdefault(name, plain_value(row.get(name)))
        row[name] = value
    row["review_status"] = status
    row["machine"] = json.dumps(machine, ensure_ascii=False) if machine else None
    return row


def reviewed_rows(db: duckdb.DuckDBPyConnection, events: Sequence[Event]) -> list[dict[str, Any]]:
    """The rows of `events` with the stored reviews applied."""
    reviews = {event_id: (status, json.loads(fields)) for event_id, status, fields in
               db.execute("SELECT event_id, status, fields FROM event_reviews").fetchall()}
    rows = []
    for event in events:
        row = event_row(event)
        if event.event_id in reviews:
            status, fields = reviews[event.event_id]
            row = apply_review(row, status, fields)
        rows.append(row)
    return rows
