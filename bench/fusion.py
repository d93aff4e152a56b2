"""Fusion's speed and memory on a generated stream of mentions, against a baseline in the same run.

Mentions are generated as news reports them: true events spread over 60 countries and two years
(each country's events at a few hundred of its places), each event told by 1 to 5 reports that
disagree on the day (by one, now and then), the place (a nearby point, or only the province), the
sub-type (a capture told as a clash) and the toll.

1. **fuse**: `Fuser.add` over all of them (default 1,000,000), in one process; its peak memory
   (the process's high-water mark, which includes the generated mentions themselves);
2. **add**: then 1,000 new mentions into that state, as a new batch of articles would;
3. **baseline**: the naive deduplication feeds do, grouping mentions by exact country, day, place
   and sub-type in a dict, over the same mentions.

Targets (issue 5): fusing 1,000,000 mentions in <= 120 s with <= 4 GB peak; adding 1,000 in <= 2 s.

    python bench/fusion.py [--mentions 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from dataclasses import replace

from frontlines.fuse import Fuser
from frontlines.records import Mention

_TYPES = (("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
          ("Explosions/Remote violence", "Air/drone strike"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
          ("Riots", "Violent demonstration"))
_ACTORS = ("Military Forces", "Rebel Front", "Islamic State", "Local Militia", "Unidentified Group")

_TEMPLATE = Mention(
    article_id="", number=0, event_date=None, time_precision=1, date_rule="weekday",
    disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
    actor1=None, assoc_actor_1=None, inter1=None, actor2=None, assoc_actor_2=None, inter2=None,
    interaction=None, civilian_targeting=False, location=None, country=None, iso3=None,
    fatalities=0, fatalities_low=None, fatalities_high=None, notes="", attribution=(),
    contested=False, claims=(), confidence=0.5, evidence=())


def generate(count: int, seed: int) -> list[Mention]:
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1).toordinal()
    countries = [f"C{n:02d}" for n in range(60)]
    places = {c: [(rng.uniform(-30, 50), rng.uniform(-20, 120), n) for n in range(300)]
              for c in countries}
    mentions: list[Mention] = []
    article = 0
    while len(mentions) < count:
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
    return mentions[:count]


def baseline(mentions: list[Mention]) -> float:
    started = time.perf_counter()
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.iso3, m.event_date, m.geonameid, m.sub_event_type), []).append(m)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    args = parser.parse_args()
    mentions = generate(args.mentions + 1_000, seed=11)
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


if __name__ == "__main__":
    main()
