"""Analyst review of fused events: confirm, edit or reject one; merge several into one; split
reports off one. Each action is one transaction that updates the event rows, keeps the state that
later refreshes re-apply (`event_reviews`, `review_pins`), and writes an audit-log row (who, when,
the values before and after)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from frontlines.fuse import event_id_of
from frontlines.fuse.stored import rederive
from frontlines.store import Store
from frontlines.store.events import insert_events, plain_value, read_rows
from frontlines.store.reviews import STATUSES, ReviewError, apply_review, checked_fields

__all__ = ["ReviewError", "merge_events", "review_event", "split_event"]


def review_event(store: Store, event_id: str, action: str, reviewer: str,
                 fields: dict[str, Any] | None = None, comment: str | None = None,
                 ) -> dict[str, Any]:
    """Confirm, edit or reject `event_id`; returns its row as reviewed."""
    if action not in STATUSES:
        raise ReviewError(422, "invalid_parameter",
                          f"action: one of {', '.join(STATUSES)}, not {action!r}")
    if action != "edit" and fields:
        raise ReviewError(422, "invalid_parameter", "fields: only an edit sets fields")
    db = store.connection
    with store.transaction():
        row = _event_row(store, event_id)
        stored = db.execute("SELECT fields FROM event_reviews WHERE event_id = ?",
                            [event_id]).fetchone()
        edits = json.loads(stored[0]) if stored else {}
        new = checked_fields(fields or {}, row) if action == "edit" else {}
        before = {"review_status": row["review_status"], **{k: plain_value(row[k]) for k in new}}
        status = STATUSES[action]
        row = apply_review(row, status, new)
        now = dt.datetime.now(dt.UTC)
        db.execute(
            "INSERT INTO event_reviews VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO "
            "UPDATE SET status = excluded.status, fields = excluded.fields, "
            "reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, "
            "comment = excluded.comment",
            [event_id, status, json.dumps({**edits, **new}, ensure_ascii=False), reviewer, now,
             comment])
        db.execute("DELETE FROM events WHERE event_id = ?", [event_id])
        insert_events(db, [row])
        _log(store, event_id, reviewer, action, before, {"review_status": status, **new},
             comment, now)
    return row


def merge_events(store: Store, event_ids: Sequence[str], reviewer: str,
                 comment: str | None = None) -> str:
    """Make one event of `event_ids` (the first keeps its id); returns that id."""
    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise ReviewError(422, "invalid_parameter", "event_ids: give at least two events")
    db = store.connection
    with store.transaction():
        for event_id in ids:
            _event_row(store, event_id)
        target = ids[0]
        db.execute(
            "INSERT OR REPLACE INTO review_pins SELECT article_id, number, ? FROM event_mentions "
            "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [target, ids])
        db.execute("DELETE FROM event_reviews WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                   [ids[1:]])
        rederive(store, ids)
        _log(store, target, reviewer, "merge", {"events": ids}, {"event_id": target}, comment)
    return target


def split_event(store: Store, event_id: str, mentions: Sequence[tuple[str, int]],
                reviewer: str, comment: str | None = None) -> str:
    """Make the reports `mentions` of `event_id` an event of their own; returns its id. The
    reports left keep the event's id."""
    db = store.connection
    with store.transaction():
        _event_row(store, event_id)
        members = [(a, n) for a, n in db.execute(
            "SELECT article_id, number FROM event_mentions WHERE event_id = ? "
            "ORDER BY article_id, number", [event_id]).fetchall()]
        moving = list(dict.fromkeys((str(a), int(n)) for a, n in mentions))
        if not moving or any(m not in members for m in moving):
            raise ReviewError(422, "invalid_parameter",
                              f"mentions: give reports of {event_id} (article_id, number)")
        if len(moving) == len(members):
            raise ReviewError(409, "conflict", "mentions: a split must leave the event a report")
        # Named after its first report, as fusion names events; that report may be the one
        # that named the event split, which keeps its id.
        new_id = next((event_id_of(a, n) for a, n in sorted(moving)
                       if event_id_of(a, n) != event_id), event_id + "-split")
        staying = [m for m in members if m not in moving]
        for (article_id, number), pin in [*((m, new_id) for m in moving),
                                          *((m, event_id) for m in staying)]:
            db.execute("INSERT OR REPLACE INTO review_pins VALUES (?, ?, ?)",
                       [article_id, number, pin])
        rederive(store, [event_id, new_id])
        _log(store, event_id, reviewer, "split", {"event_id": event_id},
             {"event_id": new_id, "mentions": [list(m) for m in moving]}, comment)
    return new_id


def _event_row(store: Store, event_id: str) -> dict[str, Any]:
    rows = read_rows(store.connection, "SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise ReviewError(404, "not_found", f"no event {event_id!r}")
    return rows[0]


def _log(store: Store, event_id: str, reviewer: str, action: str, before: dict[str, Any],
         after: dict[str, Any], comment: str | None, at: dt.datetime | None = None) -> None:
    store.connection.execute(
        "INSERT INTO review_log (event_id, reviewer, reviewed_at, action, before, after, comment) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [event_id, reviewer, at or dt.datetime.now(dt.UTC), action,
         json.dumps(before, ensure_ascii=False), json.dumps(after, ensure_ascii=False), comment])
