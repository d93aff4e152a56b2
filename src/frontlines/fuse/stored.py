"""Fused events of a store: its mentions, with their articles' outlets and publication days, fused
as `fuse` does. The store keeps mentions, the evidence; events are derived from them, so a store
written by any version fuses with the current rules."""

from __future__ import annotations

import datetime as dt

from frontlines.fuse import Report, fuse
from frontlines.records import Event, Mention
from frontlines.store import Store


def stored_events(store: Store) -> list[Event]:
    rows = store.list_mentions()
    mentions = [Mention.from_json(row) for row in rows]
    published = dict(store.query("SELECT id, published_date FROM articles"))
    reports = {row["article_id"]: Report(row.get("source"), _iso(published.get(row["article_id"])))
               for row in rows}
    return fuse(mentions, reports)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
