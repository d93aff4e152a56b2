"""Replaying new mentions into stored events gives the events a whole derivation gives.

The neighbourhood here is a list in memory standing for the store (the store's own queries are
tested through ingest runs in test_fusion); the mentions are drawn dense on purpose, a few
places and days, reports naming only the province or the country, dates to the week or month,
so that new reports move stored ones between events and the spread is exercised.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
import pytest

from frontlines.fuse import Fuser, MentionKey, Report, canonical_order
from frontlines.fuse.match import Key, key_of
from frontlines.fuse.replay import Node, replay
from frontlines.records import Mention

_TEMPLATE = Mention.blank()
_TYPES = (("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory"),
          ("Battles", "Government regains territory"),
          ("Explosions/Remote violence", "Air/drone strike"),
          ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"))
_ACTORS = ("Army", "Rebels", "Militia", "Unidentified Armed Group (X)", None)


def _mentions(rng: random.Random, count: int) -> list[Mention]:
    places = [(36.0 + rng.uniform(0, 0.6), 37.0 + rng.uniform(0, 0.6), 1000 + n, f"P{n % 3}")
              for n in range(6)]
    mentions = []
    for n in range(count):
        lat, lon, geonameid, admin1 = rng.choice(places)
        event_type, sub_type = rng.choice(_TYPES)
        coarse = rng.random() < 0.25
        mentions.append(replace(
            _TEMPLATE, article_id=f"a{n // 2}", number=n % 2, event_type=event_type,
            sub_event_type=sub_type, iso3=rng.choice(("SYR", "SYR", "IRQ")),
            event_date=(dt.date(2024, 11, 1) + dt.timedelta(days=rng.randrange(12))).isoformat(),
            time_precision=rng.choice((1, 1, 1, 1, 2, 3)),
            actor1=rng.choice(_ACTORS), actor2=rng.choice(_ACTORS),
            admin1=rng.choice((admin1, None)) if coarse else admin1,
            geonameid=None if coarse else geonameid,
            latitude=None if coarse and rng.random() < 0.5 else lat + rng.uniform(-0.1, 0.1),
            longitude=lon + rng.uniform(-0.1, 0.1), geo_precision=3 if coarse else 1))
    return mentions


class _Listed:
    """The store as a list: every mention, the event each fused one is in, their vectors."""

    def __init__(self, mentions: Sequence[Mention], events: Mapping[MentionKey, str],
                 reports: Mapping[str, Report], vectors: Mapping[MentionKey, np.ndarray]) -> None:
        self.mentions = mentions
        self.events = events
        self.reports = reports
        self._vectors = vectors
        self.asked = 0

    def node(self, mention: Mention) -> Node:
        mention_key = (mention.article_id, mention.number)
        return Node(key_of(mention), canonical_order(mention, self.reports),
                    self.events.get(mention_key))

    def windows(self, keys: Sequence[Key], coarse_only: bool) -> Iterable[tuple[MentionKey, Node]]:
        self.asked += len(keys)
        for key in keys:
            for mention in self.mentions:
                if mention.iso3 == key.country and (not coarse_only or mention.geo_precision == 3):
                    yield (key.article_id, key.number), self.node(mention)

    def members(self, event_ids: Collection[str]) -> Iterable[Node]:
        return [self.node(m) for m in self.mentions
                if self.events.get((m.article_id, m.number)) in event_ids]

    def vectors(self, mentions: Collection[MentionKey]) -> Mapping[MentionKey, np.ndarray]:
        return {m: self._vectors[m] for m in mentions if m in self._vectors}


def _events(fuser: Fuser) -> dict[str, frozenset[MentionKey]]:
    return {event_id: frozenset((m.article_id, m.number) for m in members)
            for event_id, members in fuser.clusters()}


@pytest.mark.parametrize("seed", range(40))
def test_replay_gives_the_events_of_a_whole_derivation(seed: int) -> None:
    rng = random.Random(seed)
    mentions = _mentions(rng, 60)
    reports = {m.article_id: Report(None, m.event_date) for m in mentions}
    vectors = {}
    for m in mentions:
        if rng.random() < 0.8:
            vector = np.asarray([rng.gauss(0, 1) for _ in range(8)], np.float32)
            vectors[(m.article_id, m.number)] = vector / np.linalg.norm(vector)
    articles = sorted({m.article_id for m in mentions})
    new_articles = set(rng.sample(articles, rng.randint(1, 8)))
    old = [m for m in mentions if m.article_id not in new_articles]
    fuser = Fuser()
    fuser.add(old, reports, vectors)
    stored = {m: event_id for event_id, members in _events(fuser).items() for m in members}
    whole = Fuser()
    whole.add(mentions, reports, vectors)
    expected = _events(whole)

    listed = _Listed(mentions, stored, reports, vectors)
    new = [listed.node(m) for m in mentions if m.article_id in new_articles]
    replayed = replay(new, listed)
    got: dict[str, set[MentionKey]] = defaultdict(set)
    for mention, event_id in stored.items():
        got[event_id].add(mention)
    for event_id in replayed.forgotten:
        got.pop(event_id, None)
    for event_id, members in replayed.events.items():
        assert event_id not in got, "an event written over one that stays"
        got[event_id] = set(members)
    assert {e: frozenset(m) for e, m in got.items()} == expected
    # Only the events the new mentions changed are written.
    assert set(replayed.events) <= set(expected)
    assert {e for e in replayed.events if expected[e] == frozenset(
        m for m, s in stored.items() if s == e)} == set()
