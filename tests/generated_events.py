"""A store filled with generated fused events, for measuring the API and the web app at sizes our
sample corpus cannot reach (bench/api.py: a million; the browser test: ten thousand).

Events are spread as conflict data is: over a few dozen countries, each with a few hundred places
clustered around its centre, over two years, most with few or no deaths. Each has one or two
generated sources, so the detail views have something to show; no article text is generated.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa

from frontlines.extract.ontology import sub_event_types
from frontlines.fuse import event_id_of
from frontlines.store import Store
from frontlines.store.events import arrow_table, insert_event_table

_ACTORS = ("Military Forces of {c}", "Rebel Front ({c})", "Islamic State ({c})",
           "Unidentified Armed Group ({c})", "Civilians ({c})", "Protesters ({c})")
_OUTLETS = ("Wire Service", "State Television", "Opposition Site", "Local Paper", "Broadsheet")


def generated_rows(count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    choice, sample, randrange = rng.choice, rng.sample, rng.randrange
    types = list(sub_event_types().values())
    countries = [(f"Country {n:02d}", f"C{n:02d}", rng.uniform(-30, 50), rng.uniform(-100, 140))
                 for n in range(40)]
    places = {iso: [(f"Place {iso}-{p}", lat + rng.gauss(0, 1.5), lon + rng.gauss(0, 1.5))
                    for p in range(300)] for _, iso, lat, lon in countries}
    # What does not depend on the draws is made once (the draws are the same as drawing it anew).
    places = {iso: [(place, round(lat, 5), round(lon, 5)) for place, lat, lon in spots]
              for iso, spots in places.items()}
    actors = {name: [a.format(c=name) for a in _ACTORS] for name, _, _, _ in countries}
    start = dt.date(2023, 1, 1)
    days = [(start + dt.timedelta(days=n)).isoformat() for n in range(730)]
    rows = []
    for number in range(count):
        name, iso, _, _ = choice(countries)
        place, lat, lon = choice(places[iso])
        kind = choice(types)
        actor1, actor2 = sample(actors[name], 2)
        toll = choice((0, 0, 0, 0, 1, 2, 3, 5, 8, 12, 30))
        outlets = sorted(sample(_OUTLETS, rng.randint(1, 2)))
        event_id = event_id_of(f"generated-{seed}", number)
        day = days[randrange(730)]
        sources = [{"article_id": f"g{number}-{i}", "number": 0, "outlet": outlet,
                    "published": day, "sub_event_type": kind.sub_event_type, "actor1": actor1,
                    "inter1": None, "actor2": actor2, "inter2": None, "fatalities": toll,
                    "stance": "asserts", "trigger": "attacked", "start": 0, "end": 8}
                   for i, outlet in enumerate(outlets)]
        rows.append({
            "event_id": event_id, "event_date": day, "time_precision": 1,
            "disorder_type": kind.disorder_type, "event_type": kind.event_type,
            "sub_event_type": kind.sub_event_type, "actor1": actor1, "actor2": actor2,
            "civilian_targeting": actor2.startswith("Civilians"), "country": name, "iso3": iso,
            "admin1": f"Province {iso}-{randrange(12)}", "location": place,
            "latitude": lat, "longitude": lon, "geonameid": None,
            "geo_precision": 1, "fatalities": toll, "fatalities_low": toll,
            "fatalities_high": toll + choice((0, 0, 3)), "contested": rng.random() < 0.1,
            "disagreements": [], "notes": "", "source_count": len(outlets), "outlets": outlets,
            "territorial": False,
            "search_text": f"{place} {actor1} {actor2} attacked".lower(),
            "sources": json.dumps(sources), "claims": "[]", "review_status": None,
            "machine": None})
    return rows


def _batch(count: int, seed: int) -> pa.Table:
    return arrow_table(generated_rows(count, seed))


def write_generated_events(db_path: str | Path, count: int, seed: int = 1,
                           chunk: int = 100_000) -> None:
    """Create (or add to) the store at `db_path` with `count` generated events.

    Each batch of `chunk` events has a seed of its own, so batches are generated in parallel
    processes (one a core) with the same result, and written in one insert."""
    batches = [(min(chunk, count - begin), seed * 1_000_003 + begin)
               for begin in range(0, count, chunk)]
    if len(batches) > 1 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(min(len(batches), os.cpu_count() or 1),
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            tables = list(pool.map(_batch, *zip(*batches, strict=True)))
    else:
        tables = [_batch(size, batch_seed) for size, batch_seed in batches]
    with Store(db_path) as store, store.transaction():
        store.connection.execute(f"SET threads = {os.cpu_count() or 1}")
        insert_event_table(store.connection, pa.concat_tables(tables))
