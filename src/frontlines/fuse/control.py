"""Who controls which place, over time, from the fused events that change it.

The events that move control are ACLED's territorial sub-types: a non-state actor overtakes
territory or the government regains it (`actor1` takes the place from `actor2`), and a
non-violent transfer, which our extraction reads from withdrawals ("the army withdrew from the
town": `actor1` leaves; `actor2`, when named, takes over). Each such event is a change of control
of its place (its GeoNames id) on its date; a place's timeline is its changes in date order.

Nothing is guessed: control is *contested* when the sources of the event disagree on who took the
place, or when two changes of one place on the same day name different holders; a withdrawal with
no one named to take over leaves the holder unknown. A report that names no taker (an
unidentified armed group, or only the side that left) agrees with one that names a taker of the
same side (state or not).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from frontlines.extract.ontology import TAKES_TERRITORY, TERRITORIAL
from frontlines.fuse.match import is_named
from frontlines.records import Event, Source

_UNARMED = (5, 6, 7)  # ACLED inter codes: rioters, protesters, civilians


@dataclass(frozen=True, slots=True)
class ControlChange:
    place: str | None  # the name as the first report writes it
    geonameid: int
    country: str | None
    latitude: float | None
    longitude: float | None
    date: str  # ISO date
    from_actor: str | None
    to_actor: str | None  # None: contested, or the holder left and no one is named to take over
    contested: bool
    claimants: tuple[str, ...]  # who the reports say took the place, when they disagree
    events: tuple[str, ...]  # the fused events that tell the change


@dataclass(frozen=True, slots=True)
class ControlState:
    """Who held a place on a day, since when, and on what evidence."""

    place: str | None
    geonameid: int
    country: str | None
    latitude: float | None
    longitude: float | None
    holder: str | None
    since: str
    contested: bool
    claimants: tuple[str, ...]
    events: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"place": self.place, "geonameid": self.geonameid, "country": self.country,
                "latitude": self.latitude, "longitude": self.longitude, "holder": self.holder,
                "since": self.since, "contested": self.contested,
                "claimants": list(self.claimants), "events": list(self.events)}


def control_changes(events: Iterable[Event]) -> list[ControlChange]:
    """Every change of control the events tell, by place and then date. Who took the place is
    read from each report that tells a change of territory, not from the event's majority: a
    state outlet's "the army regained the town" and a wire's "rebels seized it" are two claims,
    and the change is contested."""
    by_place_day: dict[tuple[int, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.geonameid is not None and event.event_date is not None and \
                event.geo_precision == 1 and any(s.sub_event_type in TERRITORIAL
                                                 for s in event.sources):
            by_place_day[(event.geonameid, event.event_date)].append(event)
    changes = []
    for (geonameid, day), same_day in sorted(by_place_day.items()):
        reports = [s for e in same_day for s in e.sources if s.sub_event_type in TERRITORIAL]
        takers = _takers(reports)
        losers = {_loser(s) for s in reports} - {None}
        first = same_day[0]
        changes.append(ControlChange(
            first.location, geonameid, first.iso3, first.latitude, first.longitude, day,
            next(iter(losers)) if len(losers) == 1 else None,
            next(iter(takers)) if len(takers) == 1 else None, len(takers) > 1,
            tuple(sorted(t or "(no one named)" for t in takers)) if len(takers) > 1 else (),
            tuple(sorted(e.event_id for e in same_day))))
    return changes


def _takers(reports: list[Source]) -> set[str | None]:
    """Who the reports say took the place. A report that names no taker (an unidentified group,
    or only the side that left) does not dispute one that names a taker of its kind: "gunmen
    overran the town" agrees with "the rebels took it", not with "the army regained it"."""
    taken = [(source, _taker(source)) for source in reports]
    named = [(source, taker) for source, taker in taken if is_named(taker)]
    if not named:
        return {taker for _, taker in taken}
    kinds = {_state_taker(source) for source, _ in named}
    return {taker for _, taker in named} | {
        taker for source, taker in taken
        if taker is not None and not is_named(taker) and _state_taker(source) not in kinds}


def _state_taker(source: Source) -> bool:
    """Whether the report says the state took the place (or, for a withdrawal, that the
    state did not leave it)."""
    if source.sub_event_type in TAKES_TERRITORY:
        return source.sub_event_type == TAKES_TERRITORY[0] or source.inter1 == 1
    return source.inter1 != 1


def _taker(source: Source) -> str | None:
    takes = source.sub_event_type in TAKES_TERRITORY
    actor, inter = (source.actor1, source.inter1) if takes else (source.actor2, source.inter2)
    # Rioters, protesters and civilians do not hold territory: a town "handed over" to its
    # residents has no armed holder named.
    return None if inter in _UNARMED else actor


def _loser(source: Source) -> str | None:
    return source.actor2 if source.sub_event_type in TAKES_TERRITORY else source.actor1


def control_at(changes: Iterable[ControlChange], day: dt.date,
               country: str | None = None) -> list[ControlState]:
    """Each place's holder on `day` (its last change on or before it), for places in `country`
    (ISO alpha-3) when given."""
    latest: dict[int, ControlChange] = {}
    wanted = day.isoformat()
    for change in sorted(changes, key=lambda c: (c.geonameid, c.date)):
        if change.date <= wanted and (country is None or change.country == country):
            latest[change.geonameid] = change
    return [ControlState(c.place, c.geonameid, c.country, c.latitude, c.longitude, c.to_actor,
                         c.date, c.contested, c.claimants, c.events)
            for c in sorted(latest.values(), key=lambda c: (c.country or "", c.place or ""))]
