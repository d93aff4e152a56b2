"""Fusion: the mentions of many articles become events, each listing every report as evidence.

GDELT's best-known failure is duplication: one kidnapping coded hundreds of times. Here each
mention joins the event whose every mention it matches (`match.score`), with the best average
score: requiring a match with *every* member, not just one, keeps a chain of look-alikes (Monday's
clash in a town, Tuesday's strike near it, Wednesday's protest in its province) from becoming one
event.

Deterministic and incremental:
- mentions are taken in one canonical order (`canonical_order`: the most precisely dated first),
  so the same input in any order gives the same events;
- an event's id is a digest of its first mention in that order, so it stays when later reports
  join it; `Fuser.add` places new mentions among the events already made and reports which events
  it touched, without redoing the others.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from frontlines.extract.coding import interaction
from frontlines.extract.ontology import TERRITORIAL
from frontlines.fuse.match import MATCH_THRESHOLD, Key, MatchFields, key_of, score
from frontlines.records import Event, Mention, Source

# A mention's identity: its article and its number there.
MentionKey = tuple[str, int]

__all__ = ["Fuser", "MentionKey", "Report", "canonical_order", "choose", "event_id_of", "event_of",
           "fuse"]

# A toll counts as different when the high figure is this much above the low one, and by at
# least this many: "12 vs 40 killed" is a disagreement, "at least 30" vs "31" is not.
_TOLL_RATIO = 1.5
_TOLL_GAP = 3


@dataclass(frozen=True, slots=True)
class Report:
    """What fusion knows of the article a mention comes from."""

    outlet: str | None = None
    published: str | None = None  # ISO date


@dataclass(slots=True)
class _Cluster:
    members: list[tuple[Key, Mention]] = field(default_factory=list)

    @property
    def event_id(self) -> str:
        first = self.members[0][0]
        return event_id_of(first.article_id, first.number)


def event_id_of(article_id: str, number: int) -> str:
    """The id of an event whose first report is mention `number` of `article_id`."""
    digest = hashlib.blake2b(f"{article_id}:{number}".encode(), digest_size=8)
    return "ev-" + digest.hexdigest()


def canonical_order(mention: Mention | MatchFields, reports: Mapping[str, Report],
                    ) -> tuple[int, bool, str, str, str, int]:
    """The order mentions are fused in: reports dated to the day first, and among them those
    that say where (a town, not only a province or the country); then by event date,
    publication, article and number. A vague report ("fighting this month") placed first would
    make an event of its own, and then keep out the precise report of its own article that
    tells the same event (two mentions of one article never fuse); a report that says only the
    country comes after the events it can join are made."""
    report = reports.get(mention.article_id, Report())
    return (mention.time_precision, _coarse(mention.geo_precision), mention.event_date or "9999",
            report.published or "9999", mention.article_id, mention.number)


def _coarse(geo_precision: int | None) -> bool:
    """Whether a mention names only a province or the country (ACLED's geo_precision 3)."""
    return (geo_precision or 3) >= 3


class Fuser:
    """Events made so far, updated as mentions arrive."""

    def __init__(self) -> None:
        self._clusters: list[_Cluster] = []
        # Per country and family of events, the events each day may hold: a mention is compared
        # only with events on the days its date allows, not with a whole country's history.
        self._by_day: dict[tuple[str | None, str], dict[int, list[int]]] = \
            defaultdict(lambda: defaultdict(list))
        self._reports: dict[str, Report] = {}

    def add(self, mentions: Iterable[Mention], reports: Mapping[str, Report] | None = None,
            vectors: Mapping[MentionKey, np.ndarray] | None = None) -> set[str]:
        """Place `mentions` into events; returns the ids of the events they made or joined.
        `vectors` holds the sentence vector of each mention that has one (`fuse.embed`)."""
        self._reports.update(reports or {})
        vectors = vectors or {}
        touched: set[int] = set()
        for mention in sorted(mentions, key=lambda m: canonical_order(m, self._reports)):
            vector = vectors.get((mention.article_id, mention.number))
            touched.add(self._place(key_of(mention, vector), mention))
        return {self._clusters[index].event_id for index in touched}

    def _place(self, key: Key, mention: Mention) -> int:
        days = self._by_day[(key.country, key.family)]
        candidates: set[int] = set()
        if key.day is not None:
            ordinal = key.day.toordinal()
            for day in range(ordinal - key.days, ordinal + key.days + 1):
                candidates.update(days.get(day, ()))
        ordered = sorted(candidates)
        chosen = choose(key, [[other for other, _ in self._clusters[index].members]
                              for index in ordered])
        if chosen is None:
            self._clusters.append(_Cluster())
            index = len(self._clusters) - 1
        else:
            index = ordered[chosen]
        self._clusters[index].members.append((key, mention))
        if key.day is not None:
            # Listed on every day a later mention could match it from: a report dated only by
            # its month reaches further than one dated to the day.
            ordinal = key.day.toordinal()
            for day in range(ordinal - key.days + 1, ordinal + key.days):
                listed = days[day]
                if not listed or listed[-1] != index:
                    listed.append(index)
        return index

    def events(self) -> list[Event]:
        return [event_of(cluster.event_id, [m for _, m in cluster.members], self._reports)
                for cluster in self._clusters]

    def clusters(self) -> list[tuple[str, list[Mention]]]:
        """Each event's id and its mentions, in the canonical order."""
        return [(cluster.event_id, [m for _, m in cluster.members]) for cluster in self._clusters]


def choose(key: Key, clusters: Sequence[Sequence[Key]]) -> int | None:
    """Which of `clusters` (the events open to a mention, each its members so far, in the order
    the events were made) the mention of `key` joins; None: it makes an event of its own."""
    best: tuple[float, int] | None = None
    compatible: list[int] = []
    for index, members in enumerate(clusters):
        # Members that say where the event was judge the match; those that say only the
        # province or the country (which joined as the one event open to them) must not
        # contradict it, but their weak fit does not pull the average down.
        judges = [not _coarse(other.geo_precision) for other in members]
        if not any(judges):
            judges = [True] * len(members)
        total = 0.0
        for other, judge in zip(members, judges, strict=True):
            found = score(key, other)
            if found is None:
                break  # one member it does not match is enough: no chaining
            total += found if judge else 0.0
        else:
            compatible.append(index)
            mean = total / sum(judges)
            if mean >= MATCH_THRESHOLD and (best is None or mean > best[0]):
                best = (mean, index)
    if best is None and _coarse(key.geo_precision) and len(compatible) == 1:
        # A report that says only "in Sudan" or "in Shan state" cannot show it is the same
        # event as one in a town there, only that it may be: when exactly one event of its
        # kind, days and province or country is open to it, that is the event it tells (as a
        # coder would code it); with two or more it stays an event of its own.
        return compatible[0]
    return None if best is None else best[1]


def fuse(mentions: Sequence[Mention], reports: Mapping[str, Report] | None = None,
         vectors: Mapping[MentionKey, np.ndarray] | None = None) -> list[Event]:
    """The events `mentions` tell, each with every report of it (`vectors`: as `Fuser.add`)."""
    fuser = Fuser()
    fuser.add(mentions, reports, vectors)
    return sorted(fuser.events(), key=lambda e: (e.event_date or "", e.event_id))


def event_of(event_id: str, mentions: Sequence[Mention], reports: Mapping[str, Report]) -> Event:
    """The event `mentions` (in canonical order) tell, with the values an ACLED coder would take."""
    first = mentions[0]
    # The most precise date and place any report gives; among equally precise ones, the one
    # most reports give, then the earliest report's.
    dated = min(mentions, key=lambda m: (m.time_precision, -_count(mentions, "event_date", m)))
    placed = min(mentions, key=lambda m: (m.geo_precision or 9,
                                          -_count(mentions, "geonameid", m)))
    # The type most reports give; on a tie, a change of territory over the fighting it came
    # with (one report's "clashes in Aleppo" is another's "rebels took Aleppo").
    counts = Counter(m.sub_event_type for m in mentions)
    kind = min(counts, key=lambda t: (-counts[t], t not in TERRITORIAL,
                                      next(i for i, m in enumerate(mentions)
                                           if m.sub_event_type == t)))
    typed = next(m for m in mentions if m.sub_event_type == kind)
    actor1 = _most_common([m.actor1 for m in mentions])
    actor2 = _most_common([m.actor2 for m in mentions if m.actor2 != actor1])
    inter = {m.actor1: m.inter1 for m in mentions} | {m.actor2: m.inter2 for m in mentions}
    asserted = [m.fatalities for m in mentions if m.fatalities and _stance(m) != "denies"]
    every = [t for m in mentions for t in (m.fatalities, m.fatalities_low, m.fatalities_high)
             if t]
    low, high = (min(every), max(every)) if every else (0, 0)
    disagreements = _disagreements(mentions, low, high)
    claims = tuple(dict.fromkeys(claim for m in mentions for claim in m.claims))
    return Event(
        event_id=event_id, event_date=dated.event_date,
        time_precision=dated.time_precision, event_type=typed.event_type, sub_event_type=kind,
        actor1=actor1, inter1=inter.get(actor1), actor2=actor2, inter2=inter.get(actor2),
        country=first.country, iso3=first.iso3,
        admin1=placed.admin1, location=placed.location, latitude=placed.latitude,
        longitude=placed.longitude, geonameid=placed.geonameid, geo_precision=placed.geo_precision,
        fatalities=min(asserted) if asserted else 0, fatalities_low=low, fatalities_high=high,
        contested=bool(disagreements) or any(m.contested for m in mentions),
        disagreements=disagreements,
        sources=tuple(_source(m, reports) for m in mentions),
        claims=claims, disorder_type=typed.disorder_type,
        assoc_actor_1=_most_common([m.assoc_actor_1 for m in mentions if m.actor1 == actor1]),
        assoc_actor_2=_most_common([m.assoc_actor_2 for m in mentions if m.actor2 == actor2]),
        interaction=interaction(inter.get(actor1), inter.get(actor2)),
        civilian_targeting=any(m.civilian_targeting for m in mentions), admin2=placed.admin2,
        notes=typed.notes)


def _count(mentions: Sequence[Mention], name: str, mention: Mention) -> int:
    value = getattr(mention, name)
    return sum(getattr(m, name) == value for m in mentions) if value is not None else 0


def _most_common(values: Sequence[str | None]) -> str | None:
    named = [v for v in values if v]
    return Counter(named).most_common(1)[0][0] if named else None


def _stance(mention: Mention) -> str:
    """How the report tells the event: the stance of its first attribution."""
    return mention.attribution[0].get("stance", "asserts") if mention.attribution else "asserts"


def _disagreements(mentions: Sequence[Mention], low: int, high: int) -> tuple[str, ...]:
    found = []
    if high > low * _TOLL_RATIO and high - low >= _TOLL_GAP:
        found.append("fatalities")
    if len({m.actor1 for m in mentions if m.actor1}) > 1:
        found.append("actor1")
    precise = {m.geonameid for m in mentions if m.geo_precision == 1 and m.geonameid}
    if len(precise) > 1:
        found.append("place")
    if len({m.event_type for m in mentions}) > 1:
        found.append("type")
    return tuple(found)


def _source(mention: Mention, reports: Mapping[str, Report]) -> Source:
    report = reports.get(mention.article_id, Report())
    trigger = next((e for e in mention.evidence if e.field == "sub_event_type"), None)
    return Source(mention.article_id, mention.number, report.outlet, report.published,
                  mention.sub_event_type, mention.actor1, mention.inter1, mention.actor2,
                  mention.inter2, mention.fatalities, _stance(mention), trigger.text if trigger else "",
                  trigger.start if trigger else 0, trigger.end if trigger else 0)


