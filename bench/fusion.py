"""Fusion's speed and memory on a generated stream of mentions, against a baseline in the same run.

Mentions are generated as news reports them: true events spread over 60 countries and two years
(each country's events at a few hundred of its places), each event told by 1 to 5 reports that
disagree on the day (by one, now and then), the place (a nearby point, or only the province), the
sub-type (a capture told as a clash) and the toll.

1. **fuse**: `Fuser.add` over all of them (default 1,000,000), in one process; its peak memory
   (the process's high-water mark, which includes the generated mentions themselves);
2. **add**: then 1,000 new mentions into that state, as a new batch of articles would;
3. **baseline**: the naive deduplication feeds do, grouping mentions by exact country, day, place
   and sub-type in a dict, over the same mentions;
4. **store**: in a process of its own, the same mentions in a DuckDB store (each its own article,
   published a day or two after the event, with sentence vectors as reports of one event have
   them: the event's direction plus each report's own, a cosine of about 0.55 between two
   reports of one event), their events derived whole (`refresh_events`, what `ingest --rederive`
   does); then 1,000 new articles stored and fused into those events (`update_events`, what
   every ingest run does), and, with `--check`, a whole derivation of a copy of the store to
   show the two give the same events. The vectors of the new mentions are stored with them:
   computing them is the model's work, which bench/extract.py measures with the rest of
   extraction.

Targets (issue 5): fusing 1,000,000 mentions in <= 120 s with <= 4 GB peak; adding 1,000 to that
store in <= 2 s.

    python bench/fusion.py [--mentions 1000000] [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import resource
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from frontlines.fuse import Fuser
from frontlines.fuse.embed import DIMENSIONS, MODEL_NAME
from frontlines.fuse.stored import refresh_events, update_events
from frontlines.records import Mention
from frontlines.store import Store

_TYPES = (("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
          ("Explosions/Remote violence", "Air/drone strike"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
          ("Riots", "Violent demonstration"))
_ACTORS = ("Military Forces", "Rebel Front", "Islamic State", "Local Militia", "Unidentified Group")

_TEMPLATE = Mention.blank()


def generate(count: int, seed: int) -> tuple[list[Mention], list[int]]:
    """The mentions, and the number of the true event each one tells."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1).toordinal()
    countries = [f"C{n:02d}" for n in range(60)]
    places = {c: [(rng.uniform(-30, 50), rng.uniform(-20, 120), n) for n in range(300)]
              for c in countries}
    mentions: list[Mention] = []
    told: list[int] = []
    article = 0
    while len(mentions) < count:
        event = len(told) and told[-1] + 1
        country = rng.choice(countries)
        lat, lon, place = rng.choice(places[country])
        day = start + rng.randrange(730)
        event_type, sub_type = rng.choice(_TYPES)
        actor1, actor2 = rng.sample(_ACTORS, 2)
        toll = rng.choice((0, 0, 1, 2, 5, 12, 30))
        for _ in range(rng.randint(1, 5)):
            article += 1
            coarse = rng.random() < 0.1
            mentions.append(replace(
                _TEMPLATE, article_id=f"a{article}", event_type=event_type,
                sub_event_type="Armed clash" if sub_type.startswith("Non") and rng.random() < 0.3
                else sub_type,
                event_date=dt.date.fromordinal(day + (rng.random() < 0.2)).isoformat(),
                actor1=actor1 if rng.random() < 0.8 else None, actor2=actor2, iso3=country,
                country=country, admin1=f"{country}-{place % 20}",
                geonameid=None if coarse else 1_000_000 * (countries.index(country) + 1) + place,
                latitude=lat + rng.uniform(-0.05, 0.05), longitude=lon + rng.uniform(-0.05, 0.05),
                geo_precision=3 if coarse else 1, fatalities=toll + rng.choice((0, 0, 0, 3))))
            told.append(event)
    return mentions[:count], told[:count]


def baseline(mentions: list[Mention]) -> float:
    started = time.perf_counter()
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.iso3, m.event_date, m.geonameid, m.sub_event_type), []).append(m)
    return time.perf_counter() - started


def vectors_of(told: Sequence[int], seed: int) -> np.ndarray:
    """Unit sentence vectors for mentions of the events `told`: each event's direction plus a
    report's own, so that two reports of one event have a cosine of about 0.55."""
    rng = np.random.default_rng(seed)
    directions = rng.standard_normal((max(told) + 1, DIMENSIONS), dtype=np.float32)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    noise = rng.standard_normal((len(told), DIMENSIONS), dtype=np.float32)
    noise *= 0.9 / np.linalg.norm(noise, axis=1, keepdims=True)
    vectors = directions[np.asarray(told)] + noise
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def store_mentions(db: duckdb.DuckDBPyConnection, mentions: Sequence[Mention],
                   vectors: np.ndarray, seed: int) -> None:
    """Store each mention as an article of its own, with its vector."""
    rng = random.Random(seed)
    step = 100_000
    for start in range(0, len(mentions), step):
        part = mentions[start:start + step]
        dates = [dt.date.fromisoformat(m.event_date or "") for m in part]
        published = [d + dt.timedelta(days=rng.randrange(3)) for d in dates]
        ids = [m.article_id for m in part]
        rows = pa.table({  # noqa: F841 - read by DuckDB by name
            "id": ids, "published_date": pa.array(published, pa.date32()),
            "event_date": pa.array(dates, pa.date32()),
            **{name: [getattr(m, name) for m in part] for name in (
                "event_type", "sub_event_type", "actor1", "actor2", "country", "iso3", "admin1",
                "latitude", "longitude", "geo_precision", "geonameid", "fatalities")},
            "vector": pa.FixedSizeListArray.from_arrays(
                pa.array(vectors[start:start + step].ravel(), pa.float32()), DIMENSIONS)})
        db.execute("INSERT INTO articles (id, published_date, status, text, captions, removed, "
                   "raw_format, input_ref, raw_sha256, stored_at) SELECT id, published_date, "
                   "'ok', '', []::VARCHAR[], '[]', 'generated', id, id, now() FROM rows")
        db.execute(
            "INSERT INTO mentions BY NAME SELECT id AS article_id, 0 AS number, event_date, "
            "1 AS time_precision, 'generated' AS date_rule, 'Political violence' AS "
            "disorder_type, event_type, sub_event_type, actor1, actor2, false AS "
            "civilian_targeting, country, iso3, admin1, latitude, longitude, geo_precision, "
            "geonameid, fatalities, '' AS notes, '[]' AS attribution, false AS contested, "
            "'[]' AS claims, 0.5 AS confidence, '[]' AS evidence FROM rows")
        db.execute(f"INSERT INTO mention_vectors SELECT id, 0, '{MODEL_NAME}', vector FROM rows")


def store_phase(count: int, check: bool, results: multiprocessing.Queue) -> None:
    """Phase 4, in a process of its own so that its peak memory is its own."""
    mentions, told = generate(count + 1_000, seed=11)
    vectors = vectors_of(told, seed=11)
    with tempfile.TemporaryDirectory(prefix="bench-fusion-") as folder:
        path = Path(folder) / "fusion.duckdb"
        with Store(path) as store:
            started = time.perf_counter()
            store_mentions(store.connection, mentions[:count], vectors[:count], seed=11)
            built = time.perf_counter() - started
            started = time.perf_counter()
            events = refresh_events(store)
            whole = time.perf_counter() - started
            store_mentions(store.connection, mentions[count:], vectors[count:], seed=12)
            started = time.perf_counter()
            written = update_events(store)
            added = time.perf_counter() - started
        same = None
        if check:
            copy = Path(folder) / "whole.duckdb"
            shutil.copyfile(path, copy)
            with Store(copy) as store:
                refresh_events(store)
            # Both stores attached to an in-memory database: the process still holds an
            # instance of the added store, whose options a second connection cannot change.
            with duckdb.connect(":memory:") as db:
                db.execute(f"ATTACH '{path}' AS added (READ_ONLY)")
                db.execute(f"ATTACH '{copy}' AS whole (READ_ONLY)")
                same = all(db.execute(
                    f"SELECT count(*) FROM ((SELECT {columns} FROM added.{table} EXCEPT SELECT "
                    f"{columns} FROM whole.{table}) UNION ALL (SELECT {columns} FROM "
                    f"whole.{table} EXCEPT SELECT {columns} FROM added.{table}))"
                ).fetchall() == [(0,)]
                    for table, columns in (("event_mentions", "*"),
                                           ("events", "event_id, summary"),
                                           ("control_changes", "*")))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    results.put((built, events, whole, added, written, same, peak))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--check", action="store_true",
                        help="derive a copy of the store whole and compare its events")
    args = parser.parse_args()
    results: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
    phase = multiprocessing.get_context("spawn").Process(
        target=store_phase, args=(args.mentions, args.check, results))
    phase.start()
    built, stored_events, whole, stored_add, written, same, store_peak = results.get()
    phase.join()
    mentions, _ = generate(args.mentions + 1_000, seed=11)
    new = mentions[args.mentions:]
    mentions = mentions[:args.mentions]
    base = baseline(mentions)
    fuser = Fuser()
    started = time.perf_counter()
    fuser.add(mentions)
    fused = time.perf_counter() - started
    started = time.perf_counter()
    touched = fuser.add(new)
    added = time.perf_counter() - started
    events = len(fuser.events())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"mentions:                      {args.mentions:,} -> {events:,} events "
          "(generated; 1-5 reports an event)")
    print(f"fuse:                          {fused:8.1f} s  (target <= 120 s); exact-key grouping "
          f"{base:.1f} s: ratio {fused / base:.0f}")
    print(f"add 1,000 mentions:            {added:8.2f} s  (target <= 2 s), {len(touched):,} "
          "events touched")
    print(f"peak memory (whole process):   {peak / 2**30:8.2f} GiB  (target <= 4 GB)")
    print(f"store: {args.mentions:,} mentions stored in {built:.1f} s, derived whole into "
          f"{stored_events:,} events in {whole:.1f} s (peak {store_peak / 2**30:.2f} GiB)")
    print(f"store: add 1,000 mentions:     {stored_add:8.2f} s  (target <= 2 s), {written:,} "
          f"events written; ratio to deriving whole {whole / stored_add:.0f}")
    if same is not None:
        print(f"store: same events as a whole derivation: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
