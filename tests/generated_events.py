"""A store filled with generated fused events, for measuring the API and the web app at sizes our
sample corpus cannot reach (bench/api.py: a million; the browser test: ten thousand).

Events are spread as conflict data is: over a few dozen countries, each with a few hundred places
clustered around its centre, over two years, most with few or no deaths. Each has one or two
generated sources, so the detail views have something to show; no article text is generated.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from frontlines.extract.ontology import sub_event_types
from frontlines.fuse import event_id_of
from frontlines.store import Store
from frontlines.store.events import insert_events

_ACTORS = ("Military Forces of {c}", "Rebel Front ({c})", "Islamic State ({c})",
           "Unidentified Armed Group ({c})", "Civilians ({c})", "Protesters ({c})")
_OUTLETS = ("Wire Service", "State Television", "Opposition Site", "Local Paper", "Broadsheet")


def generated_rows(count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    types = list(sub_event_types().values())
    countries = [(f"Country {n:02d}", f"C{n:02d}", rng.uniform(-30, 50), rng.uniform(-100, 140))
                 for n in range(40)]
    places = {iso: [(f"Place {iso}-{p}", lat + rng.gauss(0, 1.5), lon + rng.gauss(0, 1.5))
                    for p in range(300)] for _, iso, lat, lon in countries}
    start = dt.date(2023, 1, 1)
    rows = []
    for number in range(count):
        name, iso, _, _ = rng.choice(countries)
        place, lat, lon = rng.choice(places[iso])
        kind = rng.choice(types)
        actor1, actor2 = (a.format(c=name) for a in rng.sample(_ACTORS, 2))
        toll = rng.choice((0, 0, 0, 0, 1, 2, 3, 5, 8, 12, 30))
        outlets = sorted(rng.sample(_OUTLETS, rng.randint(1, 2)))
        event_id = event_id_of(f"generated-{seed}", number)
        day = (start + dt.timedelta(days=rng.randrange(730))).isoformat()
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
            "admin1": f"Province {iso}-{rng.randrange(12)}", "location": place,
            "latitude": round(lat, 5), "longitude": round(lon, 5), "geonameid": None,
            "geo_precision": 1, "fatalities": toll, "fatalities_low": toll,
            "fatalities_high": toll + rng.choice((0, 0, 3)), "contested": rng.random() < 0.1,
            "disagreements": [], "notes": "", "source_count": len(outlets), "outlets": outlets,
            "territorial": False,
            "search_text": f"{place} {actor1} {actor2} attacked".lower(),
            "sources": json.dumps(sources), "claims": "[]", "review_status": None,
            "machine": None})
    return rows


def write_generated_events(db_path: str | Path, count: int, seed: int = 1,
                           chunk: int = 100_000) -> None:
    """Create (or add to) the store at `db_path` with `count` generated events."""
    with Store(db_path) as store, store.transaction():
        for begin in range(0, count, chunk):
            insert_events(store.connection, generated_rows(min(chunk, count - begin),
                                                           seed * 1_000_003 + begin))
