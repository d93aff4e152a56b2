"""Fused events of a store, derived from its mentions and kept in its `events` table.

The store keeps the mentions as evidence; events are derived from them. An ingest run fuses its
new mentions into the kept events (`update_events`: only the events they change are derived
again, `fuse.replay`); `refresh_events` derives them all with the current rules (`ingest
--rederive`, or a store written by an older version). An analyst's review survives both: event
ids are stable, the edits are re-applied by id, and the mentions a reviewer moved (a merge or a
split) are pinned to their event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace

import duckdb

from frontlines.fuse import Fuser, MentionKey, Report, canonical_order, event_of, fuse
from frontlines.fuse.control import control_changes
from frontlines.fuse.neighbours import StoreNeighbourhood
from frontlines.fuse.replay import replay
from frontlines.fuse.vectors import mention_vectors
from frontlines.records import Event, Mention
from frontlines.store import Store
from frontlines.store.events import (
    event_from_row,
    insert_event_mentions,
    insert_events,
    plain_value,
    read_rows,
    replace_control,
)
from frontlines.store.reviews import reviewed_rows


def stored_events(store: Store) -> list[Event]:
    """Every event the store's mentions tell, fused now (reviews not applied)."""
    mentions, reports = _mentions(store)
    return fuse(mentions, reports, mention_vectors(store, mentions))


def kept_events(store: Store) -> list[Event]:
    """The events the store keeps, as reviewed (rejected ones left out), by date. A store
    written before events were kept (opened read-only, so not migrated) is fused now."""
    if store.version() < 3:
        return stored_events(store)
    return [event_from_row(row) for row in read_rows(
        store.connection, "SELECT * FROM events WHERE coalesce(review_status, '') <> 'rejected' "
                          "ORDER BY event_date NULLS LAST, event_id")]


def refresh_events(store: Store) -> int:
    """Derive the store's events from all its mentions, apply the reviews, and replace the
    events, their links to mentions and the changes of control in one transaction. Returns the
    number of events."""
    with _all_cores(store), store.transaction():
        return _derive_whole(store)


def _derive_whole(store: Store) -> int:
    mentions, reports = _mentions(store)
    db = store.connection
    pins = dict(((a, n), e) for a, n, e in db.execute(
        "SELECT article_id, number, event_id FROM review_pins").fetchall())
    db.execute("DELETE FROM events")
    db.execute("DELETE FROM event_mentions")
    return _write_derived(store, _clusters(store, mentions, reports, pins), reports)


@contextmanager
def _all_cores(store: Store) -> Iterator[None]:
    """The writer keeps DuckDB to one thread for its small batches; writing many events is one
    large write, whose commit (compressing the new rows) goes faster on all the cores."""
    store.connection.execute("RESET threads")
    try:
        yield
    finally:
        store.connection.execute("SET threads = 1")


def update_events(store: Store) -> int:
    """Fuse the mentions no event holds yet (a run's new articles, or those of a run killed
    before its events were derived) into the stored events, deriving anew only the events they
    change (`fuse.replay`); returns the number of events written. The events are those a whole
    derivation gives. A first run (more new mentions than fused ones) is derived whole, the
    cheaper way to them. A reviewer's merge or split may join mentions that do not match, which
    the replay cannot follow, so a store with such pins is derived whole."""
    db = store.connection
    pinned = db.execute("SELECT count(*) FROM review_pins").fetchall()[0][0]
    neighbourhood = StoreNeighbourhood(store)
    with _all_cores(store), store.transaction():
        new = neighbourhood.unfused()
        # Events that lost every link (a run killed between writing them and their links).
        orphans = {row[0] for row in db.execute(
            "SELECT event_id FROM events ANTI JOIN event_mentions USING (event_id)").fetchall()}
        if not new and not orphans:
            return 0
        fused = db.execute("SELECT count(*) FROM event_mentions").fetchall()[0][0]
        if pinned or len(new) > fused:
            # Mostly new mentions (a first run) reach most of the store: deriving it whole is
            # the cheaper way to the same events.
            return _derive_whole(store)
        # The new mentions' vectors, computed once and kept.
        vectors = neighbourhood.vectors([node.mention for node in new])
        replayed = replay([replace(node, key=replace(node.key, vector=vectors.get(node.mention)))
                           for node in new], neighbourhood)
        forgotten = sorted(replayed.forgotten | orphans)
        places = _places(db, forgotten)
        _forget(db, forgotten)
        members = {key for keys in replayed.events.values() for key in keys}
        mentions, reports = _mentions(store, {article_id for article_id, _ in members})
        by_key = {(m.article_id, m.number): m for m in mentions}
        clusters = [(event_id, [by_key[key] for key in keys])
                    for event_id, keys in sorted(replayed.events.items())]
        return _write_derived(store, clusters, reports, places)


def _places(db: duckdb.DuckDBPyConnection, event_ids: list[str]) -> set[int]:
    """The places whose control the territorial events `event_ids` tell."""
    return {row[0] for row in db.execute(
        "SELECT DISTINCT geonameid FROM events WHERE territorial AND geonameid IS NOT NULL "
        "AND event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids]).fetchall()}


def rederive(store: Store, event_ids: Iterable[str]) -> None:
    """Derive again the events `event_ids` after a reviewer moved their mentions (inside the
    caller's transaction): only they change; the other events stay as they are."""
    db = store.connection
    ids = sorted(set(event_ids))
    links = db.execute("SELECT article_id, number FROM event_mentions "
                       "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    keys = {(a, n) for a, n in links}
    mentions, reports = _mentions(store, {a for a, _ in keys})
    mentions = [m for m in mentions if (m.article_id, m.number) in keys]
    pins = dict(((a, n), e) for a, n, e in db.execute(
        "SELECT article_id, number, event_id FROM review_pins "
        "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())
    _forget(db, ids)
    _write_derived(store, _clusters(store, mentions, reports, pins), reports)


def _forget(db: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """Delete the events `event_ids` and their links to mentions, to be derived anew."""
    db.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids])
    db.execute("DELETE FROM event_mentions WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
               [event_ids])


def _write_derived(store: Store, clusters: list[tuple[str, list[Mention]]],
                   reports: Mapping[str, Report], places: set[int] | None = None) -> int:
    """Write the events `clusters` make (reviews applied), their links to mentions, and the
    changes of control anew: of every place, or of `places` (those of the events deleted)
    and the places of the events written; returns the number of events."""
    db = store.connection
    events = [event_of(event_id, members, reports) for event_id, members in clusters]
    rows = reviewed_rows(db, events)
    insert_events(db, rows)
    insert_event_mentions(db, ((event_id, m.article_id, m.number)
                               for event_id, members in clusters for m in members))
    if places is not None:
        places = places | {row["geonameid"] for row in rows
                           if row["territorial"] and row["geonameid"] is not None}
    _write_control(store, places)
    return len(rows)


def _clusters(store: Store, mentions: Sequence[Mention], reports: Mapping[str, Report],
              pins: Mapping[MentionKey, str]) -> list[tuple[str, list[Mention]]]:
    """The machine's events, then each pinned mention moved to the event a reviewer put it in.
    An event keeps its id while any of its mentions stays in it."""
    fuser = Fuser()
    machine = [m for m in mentions if (m.article_id, m.number) not in pins]
    fuser.add(machine, reports, mention_vectors(store, machine))
    clusters: dict[str, list[Mention]] = dict(fuser.clusters())
    pinned: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if (event_id := pins.get((mention.article_id, mention.number))) is not None:
            pinned[event_id].append(mention)
    for event_id, members in pinned.items():
        clusters.setdefault(event_id, []).extend(members)
    return [(event_id, sorted(members, key=lambda m: canonical_order(m, reports)))
            for event_id, members in sorted(clusters.items()) if members]


def _mentions(store: Store, article_ids: set[str] | None = None,
              countries: set[str | None] | None = None,
              ) -> tuple[list[Mention], dict[str, Report]]:
    rows = store.list_mentions(article_ids=article_ids, countries=countries)
    mentions = [Mention.from_json(row) for row in rows]
    published = dict(store.query(
        "SELECT id, published_date FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({row["article_id"] for row in rows})]))
    reports = {row["article_id"]: Report(row.get("source"),
                                         plain_value(published.get(row["article_id"])))
               for row in rows}
    return mentions, reports


def _write_control(store: Store, places: set[int] | None = None) -> None:
    """Derive the changes of control anew from the kept territorial events: of every place, or
    of `places` only (a place's timeline reads only its own events)."""
    db = store.connection
    sql = "SELECT * FROM events WHERE territorial AND coalesce(review_status, '') <> 'rejected'"
    params: list[object] = []
    if places is not None:
        sql += " AND geonameid IN (SELECT unnest(?::BIGINT[]))"
        params.append(sorted(places))
    events = [event_from_row(row) for row in read_rows(db, sql, params)]
    replace_control(db, control_changes(events), places)
