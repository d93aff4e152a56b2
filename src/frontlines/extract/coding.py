"""From an assembled event to ACLED's columns: the date, the toll, the country, interaction
codes, a confidence, and `notes`, a sentence made only of what the evidence gave."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pycountry

from frontlines.extract.attribution import Attribution
from frontlines.extract.casualties import CasualtyCount, find_casualties
from frontlines.extract.classify import Trigger, find_triggers
from frontlines.extract.event_dates import EventDate
from frontlines.extract.focus import country_named
from frontlines.extract.grouping import SPECIFIC_PRIORITY, VIOLENT, Event
from frontlines.extract.ontology import sub_event_types
from frontlines.extract.participants import Roles
from frontlines.extract.places import LANDMARK_POPULATION, PlaceAnchor, country_of_place
from frontlines.records import Evidence

if TYPE_CHECKING:  # the gazetteer's package imports this module
    from frontlines.geo.gazetteer import Gazetteer


def closest(items: Sequence[Any], trigger: Trigger) -> Any:
    return min(items, key=lambda i: (abs(i.start - trigger.start), i.start)) if items else None


def event_date_of(text: str, dates: Sequence[EventDate], trigger: Trigger) -> EventDate | None:
    """The date of the event a clause reports: the one closest to its trigger, leaving out the
    date of the report itself ("the ministry admitted on Tuesday that a strike on 12 October
    killed ...") unless there is no other."""
    own = [d for d in dates if not _REPORTED_ON.search(text, max(0, d.start - 30), d.start)
           and not _in_since_clause(text, d, trigger)]
    return closest(own or [d for d in dates if not _in_since_clause(text, d, trigger)], trigger)


def _in_since_clause(text: str, date: EventDate, trigger: Trigger) -> bool:
    """"withdrew from Avdiivka, ... its biggest gain since it claimed Bakhmut last May": a clause
    that "since" opens tells the earlier event the main clause measures from, so a "since" clause
    between a date and the trigger parts them ("last week ... its biggest victory since it swept
    into Mosul" does not date Mosul's fall)."""
    if trigger.end <= date.start:
        return _SINCE_CLAUSE.search(text, trigger.end, date.start) is not None
    return _SINCE_CLAUSE.search(text, date.end, trigger.end) is not None


# "since" and the subject of a clause: "since it claimed", "since the war began", "since Russia
# took" ("since May" or "since last week" is the onset of what the clause tells, and stays).
_SINCE_CLAUSE = re.compile(r"\b[Ss]ince\s+(?:it|they|he|she|we|the|its|their|[A-Z]\w*)\s+[a-z]\w*")


# A reporting verb right before a date: the date is when it was said, not when it happened.
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|announced|admitted|acknowledged|confirmed|reported|claimed|stated|"
    r"denied|revealed|disclosed|added|wrote|published|released)\s+(?:late\s+|early\s+)?"
    r"(?:on|late on|early on|in a statement on)?\s*$", re.IGNORECASE)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def fatalities_of(text: str, event: Event, events: list[Event]) -> tuple[
        int, int | None, int | None, CasualtyCount | None]:
    """The event's death toll: the first count of dead in its main clause, else in its other
    clauses, else in the sentences that finish telling it (a toll told again is counted once),
    with the lowest and highest figures given. Deaths belong to violence: a count inside the
    clause of a non-violent event ("The victim died and police arrested four") goes to the
    violent event told before it."""
    killed = [c for span in _toll_spans(event) for c in _killed(text, span)]
    position = events.index(event)
    if event.main.trigger.event_type in VIOLENT:
        for other in events[position + 1:]:
            if other.main.trigger.event_type in VIOLENT:
                break
            killed += [c for span in _toll_spans(other) for c in _killed(text, span)]
    elif any(e.main.trigger.event_type in VIOLENT for e in events[:position]):
        killed = []  # given to the violent event before it
    if not killed:
        return 0, None, None, None
    first = killed[0]
    lows = [c.low if c.low is not None else c.value for c in killed]
    highs = [c.high if c.high is not None else c.value for c in killed]
    return first.value, min(lows), max(highs), first


def _toll_spans(event: Event) -> list[tuple[int, int]]:
    parts = [event.main, *[p for p in event.parts if p is not event.main]]
    return [*[(p.left, p.right) for p in parts], *event.details]


def _killed(text: str, span: tuple[int, int]) -> list[CasualtyCount]:
    left, right = span
    return [replace(c, start=c.start + left, end=c.end + left)
            for c in find_casualties(text[left:right]) if c.kind == "killed"]


def date_of(event: Event, earlier: Event | None, reference: tuple[dt.date, str] | None
          ) -> tuple[EventDate | None, str]:
    if event.date is not None:
        return event.date, f"{event.date.rule}: {event.date.text!r}"
    if earlier is not None and earlier.date is not None:
        return earlier.date, f"no date of its own; the date of the event told before it " \
                             f"({earlier.date.text!r})"
    return None, (f"no date in the text: the {reference[1]}" if reference
                  else "no date in the text or its metadata")


def confidence(roles: Roles, date: EventDate | None, place: PlaceAnchor | None,
                stance: str, contested: bool, trigger: Trigger) -> float:
    """How much of the event the text pins down: a transparent heuristic, not a calibrated
    probability. Each field found by its own evidence adds to a base for the trigger."""
    score = 0.4 + (0.1 if trigger.priority >= SPECIFIC_PRIORITY else 0.0)
    score += 0.15 if roles.actor1_span is not None else 0.0
    score += 0.1 if date is not None else 0.0
    score += 0.1 if place is not None else 0.0
    score += 0.1 if stance == "asserts" else 0.0
    score -= 0.2 if contested else 0.0
    return round(max(0.05, min(score, 0.95)), 2)


def _format_day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


# What a note says of the other side, dropped when the text names none: "clashed with {target}"
# is "clashed", "withdrew without fighting, ceding control to {target}" is "withdrew without
# fighting".
_NO_TARGET = re.compile(r"(?:,[^,{]*\bto|\s+(?:with|from|on|against|at|of|by))?\s*\{target\}")


def notes(date_value: str | None, roles: Roles, sub_event_type: str, place: str | None,
           fatalities: int, attribution: Attribution | None, contested: bool) -> str:
    """One sentence in ACLED's manner, made only of what the evidence gave."""
    when = f"On {_format_day(dt.date.fromisoformat(date_value))}, " if date_value else ""
    verb = sub_event_types()[sub_event_type].note or sub_event_type.lower()
    who = roles.actor1.name if roles.actor1 else "an unidentified actor"
    if roles.actor2 is not None and "{target}" in verb:
        phrase = verb.replace("{target}", roles.actor2.name)
    else:  # "clashed with {target}" without a known other side: "clashed"
        phrase = _NO_TARGET.sub("", verb)
    where = f" in {place}" if place else ""
    sentence = f"{when}{who} {phrase}{where}"
    sentence += f"; {fatalities} reported killed" if fatalities else ""
    if attribution is not None:
        sentence += f", according to {attribution.source}"
    if contested:
        sentence += "; the account is contested"
    return sentence[0].upper() + sentence[1:] + "."


def country_at(place: PlaceAnchor | None, focus: str | None, gazetteer: Gazetteer) -> str | None:
    """The country an event happened in: the article's, unless its place is a country or a
    large city elsewhere (a Kabul strike in a story filed from Washington). A small town's name
    is too often shared across countries to overrule the article."""
    if place is None:
        return focus
    named = country_named(place.text)
    if named:
        return named
    town = country_of_place(place.text, gazetteer,
                            min_population=None if focus is None else LANDMARK_POPULATION)
    return town or focus


def iso3(country: str | None) -> str | None:
    found = pycountry.countries.get(alpha_2=country) if country else None
    return found.alpha_3 if found else None


def support(title: str | None, captions: Sequence[str], trigger: Trigger) -> list[Evidence]:
    """Headline and caption words that tell the same kind of event: evidence for it, never an
    event of their own."""
    support = []
    for part, texts in (("title", [title] if title else []), ("caption", list(captions))):
        for piece in texts:
            same = [t for t in find_triggers(piece) if t.factual and
                    t.event_type == trigger.event_type]
            if same:
                support.append(Evidence("sub_event_type", same[0].start, same[0].end,
                                        same[0].text, part))
    return support
