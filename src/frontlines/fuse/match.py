"""Whether two mentions, from two articles, tell the same real-world event.

An ACLED coder merges two reports when they put the same kind of event at the same place on the
same day, with the same parties. Reports disagree on all of these in small ways, and the test
allows what reporting allows:
- **country**: the block. Mentions in two countries are never one event.
- **date**: within a day for day-precise dates (a night attack is "late on Friday" in one report
  and "early Saturday" in another), within a week or a month when a report dates it only so.
- **kind**: the same family of events. A town's fall is "overtakes territory" in one report, a
  clash in another and a "redeployment" (a non-violent transfer) in the side that lost it; a
  protest that turned violent is a riot in the next report. But no report tells a change of
  control as an air strike or shelling, or as violence against civilians (ACLED's attacks on
  unarmed people), nor those as a change of control: the day a town falls and the air strikes on
  it the next day, or the killing of its residents, are separate events.
- **place**: the same GeoNames entry, or within 25 km; a report that names only the province or
  the country fits any place inside it, but weakly.
- **actors**: the same catalogue actor on either side counts for the match; two different named
  actors on the attacking side count against it (an army's strike and a militia's, same town and
  day, are two events). An unidentified group is a report that does not say who, not a
  different actor.
- **words**: the sentences that tell the two events (`fuse.embed`). Reports of one event are often
  told in like words even where extraction read their actors or places apart, so a close
  likeness adds to the match. Unlike words take nothing from it: the two sides tell one event in
  their own words ("seized the city" and "redeployed outside it"). Alone likeness never makes a
  match: reports of two days' strikes on one town read alike too.

Two mentions of one article are never fused: the extraction stage already decided they are two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from frontlines.extract.ontology import TERRITORIAL
from frontlines.geo.resolve import haversine_km
from frontlines.records import Mention

_SAME_PLACE_KM = 25.0
# Two places further apart than this are never one event's (`fuse.neighbours` asks the store
# for nearer ones only).
NEAR_PLACE_KM = 60.0
_DAYS_BY_PRECISION = {1: 1, 2: 7, 3: 31}
_DAYS_OTHERWISE = 31
# The furthest apart two mentions of one event may be dated.
MOST_DAYS = max(*_DAYS_BY_PRECISION.values(), _DAYS_OTHERWISE)
# Families of event types that reports of one event move between.
_REMOTE = "Explosions/Remote violence"
_AGAINST_CIVILIANS = "Violence against civilians"
_VIOLENT = {"Battles", _REMOTE, "Violence against civilians"}
_TERRITORY = {*TERRITORIAL, "Headquarters or base established"}
_DEMONSTRATIONS = {"Protests", "Riots"}
MATCH_THRESHOLD = 1.0
# The cosine of two sentence vectors above which their words add to a match, the weight of each
# unit of cosine above it, and the most they add. Measured on our multi-source corpus
# (tests/fusion): sentences of one event from two outlets have a median cosine of about 0.53 (a
# quarter of them below 0.42), those of two events that fusion could confuse about 0.40.
_LIKENESS_FLOOR = 0.45
_LIKENESS_WEIGHT = 1.5
_LIKENESS_MAX = 0.25


@dataclass(frozen=True, slots=True)
class Key:
    """What matching reads of a mention, computed once."""

    article_id: str
    number: int
    country: str | None
    day: dt.date | None
    days: int  # how far its date may be off
    family: str
    event_type: str
    sub_event_type: str
    geonameid: int | None
    point: tuple[float, float] | None
    geo_precision: int
    admin1: str | None
    actor1: str | None
    actor2: str | None
    # The unit vector of the sentences that tell it (`fuse.embed`), when fusion was given one.
    vector: np.ndarray | None = field(default=None, compare=False)


class MatchFields(NamedTuple):
    """The fields of a mention that matching reads (a `Mention`'s names), as a store row gives
    them without the rest of the mention."""

    article_id: str
    number: int
    iso3: str | None
    event_date: str | None
    time_precision: int
    event_type: str
    sub_event_type: str
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    admin1: str | None
    actor1: str | None
    actor2: str | None


def family(mention: Mention | MatchFields) -> str:
    return family_of(mention.event_type, mention.sub_event_type)


def family_of(event_type: str, sub_event_type: str) -> str:
    """The family of events that reports of one event move between (mentions of two families
    are never one event)."""
    if sub_event_type in _TERRITORY or event_type in _VIOLENT:
        return "violence"
    if event_type in _DEMONSTRATIONS:
        return "demonstration"
    return sub_event_type


def family_sql(event_type: str, sub_event_type: str) -> str:
    """`family_of` as a SQL expression over the two columns named, for finding in a store the
    mentions a mention may match."""
    def listed(values: set[str]) -> str:
        return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))
    return (f"CASE WHEN {sub_event_type} IN ({listed(_TERRITORY)}) OR {event_type} IN "
            f"({listed(_VIOLENT)}) THEN 'violence' WHEN {event_type} IN "
            f"({listed(_DEMONSTRATIONS)}) THEN 'demonstration' ELSE {sub_event_type} END")


def days_sql(time_precision: str) -> str:
    """How far a mention's date may be off (`Key.days`), as a SQL expression."""
    cases = " ".join(f"WHEN {time_precision} = {precision} THEN {days}"
                     for precision, days in _DAYS_BY_PRECISION.items())
    return f"CASE {cases} ELSE {_DAYS_OTHERWISE} END"


def key_of(mention: Mention | MatchFields, vector: np.ndarray | None = None) -> Key:
    day = dt.date.fromisoformat(mention.event_date) if mention.event_date else None
    point = (mention.latitude, mention.longitude) \
        if mention.latitude is not None and mention.longitude is not None else None
    return Key(mention.article_id, mention.number, mention.iso3, day,
               _DAYS_BY_PRECISION.get(mention.time_precision, _DAYS_OTHERWISE), family(mention),
               mention.event_type, mention.sub_event_type, mention.geonameid, point,
               mention.geo_precision or 3, mention.admin1, mention.actor1, mention.actor2, vector)


def score(a: Key, b: Key) -> float | None:
    """How strongly two mentions look like one event; None when they cannot be."""
    if a.article_id == b.article_id or a.country != b.country or a.family != b.family:
        return None
    if a.day is None or b.day is None or abs((a.day - b.day).days) > max(a.days, b.days):
        return None
    if _control_and_strike(a, b) or _control_and_strike(b, a):
        return None
    place = _place(a, b)
    if place is None:
        return None
    total = place + (0.3 if a.day == b.day else 0.0)
    total += 0.2 if a.sub_event_type == b.sub_event_type else 0.0
    total += _actors(a, b)
    return total + _words(a, b)


def _control_and_strike(a: Key, b: Key) -> bool:
    return a.sub_event_type in _TERRITORY and b.event_type in (_REMOTE, _AGAINST_CIVILIANS)


def _place(a: Key, b: Key) -> float | None:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0 if a.geo_precision < 3 else 0.5
    if a.point is None or b.point is None:
        return 0.2
    if a.geo_precision < 3 and b.geo_precision < 3:
        distance = haversine_km(*a.point, *b.point)
        return 0.8 if distance <= _SAME_PLACE_KM else 0.4 if distance <= NEAR_PLACE_KM else None
    # One of them names only a division or the country: it fits places inside it.
    if a.admin1 and a.admin1 == b.admin1:
        return 0.4
    if a.geo_precision == 3 and b.geo_precision == 3:
        return 0.3
    coarse = a if a.geo_precision == 3 else b
    return 0.2 if coarse.admin1 is None else None


def _actors(a: Key, b: Key) -> float:
    mine = {a.actor1, a.actor2} - {None}
    theirs = {b.actor1, b.actor2} - {None}
    if mine & theirs:
        return 0.3
    if is_named(a.actor1) and is_named(b.actor1) and a.actor1 != b.actor1 and \
            not (theirs & {a.actor1}):
        return -0.3
    return 0.0


def _words(a: Key, b: Key) -> float:
    if a.vector is None or b.vector is None:
        return 0.0
    likeness = float(a.vector @ b.vector) - _LIKENESS_FLOOR
    return max(0.0, min(_LIKENESS_MAX, likeness * _LIKENESS_WEIGHT))


def is_named(actor: str | None) -> bool:
    """An "Unidentified Armed Group" is a report that does not say who: no disagreement."""
    return actor is not None and actor != "" and not actor.startswith("Unidentified")
