"""What the API and exports read from a store: events by filter, one event with its reports and
their sentences, an article with its marked spans, counts, actors and control. Plain functions of
a DuckDB connection (a cursor per request), returning JSON-ready values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from frontlines.extract.ontology import EVENT_TYPES
from frontlines.extract.sentences import Sentences
from frontlines.serve.queries import EventFilters, next_cursor, page_clause
from frontlines.store.events import read_rows

MAP_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events: each as the JSON text the store keeps (`store.events.SUMMARY_SQL`),
    the cursor of the next page (None on the last), and the number of matches (None when not
    counted)."""

    summaries: list[str]
    next_cursor: str | None
    total: int | None

    def json(self) -> str:
        """`{"events": [...], "next_cursor", "total"}`, the events spliced in as stored."""
        tail = json.dumps({"next_cursor": self.next_cursor, "total": self.total})
        return '{"events":[' + ",".join(self.summaries) + "]," + tail[1:]

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(summary) for summary in self.summaries]


def page_of_events(db: duckdb.DuckDBPyConnection, filters: EventFilters,
                   sort: str = "-event_date", limit: int = 100, cursor: str | None = None,
                   with_total: bool = True) -> Page:
    """The page of events after `cursor` in the order `sort`.

    A first page counts the matches in the same scan (a window over the few that match costs
    less than a second scan); a later page, whose rows are only those after the cursor, counts
    them apart."""
    where, params = filters.where()
    after, order, after_params = page_clause(sort, cursor)
    counted = with_total and cursor is None
    found = db.execute(
        f"SELECT summary, event_date, fatalities, event_id"
        f"{', count(*) OVER ()' if counted else ''} FROM events WHERE {where} AND {after} "
        f"ORDER BY {order} LIMIT ?", [*params, *after_params, limit + 1]).fetchall()
    total = None
    if counted:
        total = int(found[0][4]) if found else 0
    elif with_total:
        row = db.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
        total = int(row[0]) if row else 0
    following = None
    if len(found) > limit > 0:
        _, day, fatalities, event_id = found[limit - 1][:4]
        following = next_cursor(sort, {"event_date": day, "fatalities": fatalities,
                                       "event_id": event_id})
    return Page([row[0] for row in found[:limit]], following, total)


def list_events(db: duckdb.DuckDBPyConnection, filters: EventFilters, sort: str = "-event_date",
                limit: int = 100, cursor: str | None = None, with_total: bool = True,
                ) -> dict[str, Any]:
    """One page of events as values: `{"events", "next_cursor", "total"}`."""
    page = page_of_events(db, filters, sort, limit, cursor, with_total)
    return {"events": page.events(), "next_cursor": page.next_cursor, "total": page.total}


def iter_events(db: duckdb.DuckDBPyConnection, filters: EventFilters,
                sort: str = "event_date") -> Iterator[dict[str, Any]]:
    """Every matching event, page by page (for exports of any size)."""
    cursor = None
    while True:
        page = list_events(db, filters, sort, 1000, cursor, with_total=False)
        yield from page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            return


def map_columns(db: duckdb.DuckDBPyConnection, filters: EventFilters) -> dict[str, Any]:
    """Every matching event as columns (id, place, day, type, toll, contested), for drawing."""
    where, params = filters.where()
    types = list(EVENT_TYPES)
    rows = db.execute(
        "SELECT event_id, latitude, longitude, "
        "CAST(event_date - DATE '1970-01-01' AS INTEGER), event_type, fatalities, contested "
        f"FROM events WHERE {where} AND latitude IS NOT NULL AND longitude IS NOT NULL "
        "ORDER BY event_date NULLS LAST, event_id LIMIT ?", [*params, MAP_LIMIT + 1]).fetchall()
    truncated = len(rows) > MAP_LIMIT
    rows = rows[:MAP_LIMIT]
    index = {name: number for number, name in enumerate(types)}
    return {"count": len(rows), "truncated": truncated, "types": types,
            "ids": [r[0] for r in rows], "lat": [round(r[1], 5) for r in rows],
            "lon": [round(r[2], 5) for r in rows], "day": [r[3] for r in rows],
            "type": [index.get(r[4], len(types) - 1) for r in rows],
            "fatalities": [r[5] for r in rows], "contested": [int(r[6]) for r in rows]}


def event_detail(db: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = read_rows(db, "SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        return None
    row = rows[0]
    detail = json.loads(row["summary"])
    detail["sources"] = json.loads(row["sources"])
    detail["claims"] = json.loads(row["claims"])
    detail["machine"] = json.loads(row["machine"]) if row["machine"] else {}
    review = read_rows(db, "SELECT status, reviewer, reviewed_at, comment FROM event_reviews "
                           "WHERE event_id = ?", [event_id])
    detail["review"] = ({**review[0], "reviewed_at": review[0]["reviewed_at"].isoformat()}
                        if review else None)
    detail["mentions"] = _mentions(db, event_id)
    return detail


def _mentions(db: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Each report of the event: its article, and the sentence that tells the event with the
    evidence spans inside it."""
    rows = read_rows(
        db, "SELECT m.article_id, m.number, m.evidence, a.title, a.source AS outlet, a.url, "
            "a.published, a.input_id, a.text FROM event_mentions l "
            "JOIN mentions m ON m.article_id = l.article_id AND m.number = l.number "
            "JOIN articles a ON a.id = m.article_id WHERE l.event_id = ? "
            "ORDER BY a.published_date NULLS LAST, m.article_id, m.number", [event_id])
    mentions = []
    for row in rows:
        evidence = json.loads(row["evidence"])
        text = row["text"]
        trigger = next((e for e in evidence if e["field"] == "sub_event_type"
                        and e.get("part", "text") == "text"), None)
        start, end = Sentences(text).around(trigger["start"], trigger["end"]) if trigger \
            else (0, 0)
        mentions.append({
            "article_id": row["article_id"], "number": row["number"], "title": row["title"],
            "outlet": row["outlet"], "url": row["url"], "published": row["published"],
            "input_id": row["input_id"], "sentence": text[start:end], "sentence_start": start,
            "evidence": evidence})
    return mentions


def article_detail(db: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    rows = read_rows(db, "SELECT id, title, source, url, published, input_id, text FROM articles "
                         "WHERE id = ?", [article_id])
    if not rows:
        return None
    article = rows[0]
    spans = []
    for number, evidence, event_id in db.execute(
            "SELECT m.number, m.evidence, l.event_id FROM mentions m LEFT JOIN event_mentions l "
            "ON l.article_id = m.article_id AND l.number = m.number WHERE m.article_id = ? "
            "ORDER BY m.number", [article_id]).fetchall():
        for item in json.loads(evidence):
            spans.append({"start": item["start"], "end": item["end"], "field": item["field"],
                          "part": item.get("part", "text"), "text": item["text"],
                          "mention": number, "event_id": event_id})
    spans.sort(key=lambda s: (s["part"], s["start"], s["end"]))
    return {**article, "spans": spans}


def stats(db: duckdb.DuckDBPyConnection, filters: EventFilters) -> dict[str, Any]:
    where, params = filters.where()
    total, first, last = db.execute(
        f"SELECT count(*), min(event_date), max(event_date) FROM events WHERE {where}",
        params).fetchone() or (0, None, None)
    by_type = dict(db.execute(f"SELECT event_type, count(*) FROM events WHERE {where} "
                              "GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall())
    by_week = [{"week": week.isoformat(), "count": count} for week, count in db.execute(
        f"SELECT CAST(date_trunc('week', event_date) AS DATE), count(*) FROM events "
        f"WHERE {where} AND event_date IS NOT NULL GROUP BY 1 ORDER BY 1", params).fetchall()]
    by_country = dict(db.execute(
        f"SELECT coalesce(iso3, '?'), count(*) FROM events WHERE {where} GROUP BY 1 "
        "ORDER BY 2 DESC, 1", params).fetchall())
    names = dict(db.execute(
        f"SELECT iso3, any_value(country) FROM events WHERE {where} AND iso3 IS NOT NULL "
        "GROUP BY 1", params).fetchall())
    return {"total": total, "date_min": first.isoformat() if first else None,
            "date_max": last.isoformat() if last else None, "by_type": by_type,
            "by_week": by_week, "by_country": by_country, "country_names": names}


def actors(db: duckdb.DuckDBPyConnection, q: str | None, limit: int = 50) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT actor, any_value(inter) AS inter, count(*) AS events FROM ("
        " SELECT actor1 AS actor, inter1 AS inter FROM events WHERE actor1 IS NOT NULL"
        " UNION ALL SELECT actor2, inter2 FROM events WHERE actor2 IS NOT NULL) "
        "WHERE ? IS NULL OR contains(lower(actor), lower(?)) "
        "GROUP BY actor ORDER BY events DESC, actor LIMIT ?", [q, q, limit]).fetchall()
    return [{"actor": actor, "inter": inter, "events": count} for actor, inter, count in rows]


def _control_row(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["date"] = row["date"].isoformat()
    row["claimants"] = list(row["claimants"])
    row["events"] = list(row["events"])
    return row


def control_changes(db: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return [_control_row(row) for row in read_rows(
        db, "SELECT * FROM control_changes ORDER BY date, country, place")]


def control_at(db: duckdb.DuckDBPyConnection, day: dt.date, country: str | None,
               ) -> list[dict[str, Any]]:
    """Each place's holder on `day`: its last change on or before it."""
    rows = read_rows(
        db, "SELECT * FROM control_changes WHERE date <= ? AND (? IS NULL OR country = ?) "
            "QUALIFY row_number() OVER (PARTITION BY geonameid ORDER BY date DESC) = 1 "
            "ORDER BY country, place", [day, country, country])
    return [{"place": r["place"], "geonameid": r["geonameid"], "country": r["country"],
             "latitude": r["latitude"], "longitude": r["longitude"], "holder": r["to_actor"],
             "since": r["date"], "contested": r["contested"], "claimants": r["claimants"],
             "events": r["events"]} for r in map(_control_row, rows)]


def review_log(db: duckdb.DuckDBPyConnection, event_id: str | None) -> list[dict[str, Any]]:
    # An event's log includes the merges and splits that name it (the event a split made, the
    # events merged into another), not only the rows filed under its id.
    rows = read_rows(db, "SELECT * FROM review_log WHERE ? IS NULL OR event_id = ? OR "
                         "contains(CAST(before AS VARCHAR), ?) OR contains(CAST(after AS VARCHAR), ?) "
                         "ORDER BY id", [event_id, event_id, event_id, event_id])
    for row in rows:
        row["reviewed_at"] = row["reviewed_at"].isoformat()
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
    return rows
