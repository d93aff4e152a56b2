"""Score the extraction readers against our own gold articles (tests/gold/*.jsonl; the format is in
tests/gold/README.md): for every gold event, whether its trigger is found with the right sub-event
type, and what the readers give for its date, death toll and initiating actor from the trigger's
sentence; for every statement of something that did not happen, that no event is reported; for
articles with no event, that none is reported at all."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.extract.actors import country_code, load_catalogue
from frontlines.extract.casualties import find_casualties
from frontlines.extract.classify import Trigger, classify, find_triggers
from frontlines.extract.event_dates import find_event_dates
from frontlines.extract.roles import initiator

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n\n")


@dataclass(slots=True)
class _Tally:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok and len(self.misses) < 5:
            self.misses.append(miss)

    def rate(self) -> float | None:
        return round(self.hits / self.total, 4) if self.total else None


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
    return left, right


def _trigger_for(triggers: list[Trigger], start: int, end: int) -> Trigger | None:
    overlapping = [t for t in triggers if t.factual and t.start < end and start < t.end]
    return min(overlapping, key=lambda t: -t.priority) if overlapping else None


def read_gold(folder: Path) -> list[dict[str, Any]]:
    records = []
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise FrontlinesError(f"no *.jsonl gold files in {folder}; see tests/gold/README.md")
    for path in files:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError as error:
                raise FrontlinesError(f"{path}:{number} is not valid JSON: {error}") from error
    return records


def evaluate_gold(folder: Path) -> dict[str, Any]:
    records = read_gold(folder)
    catalogue = load_catalogue()
    tallies = {name: _Tally() for name in (
        "trigger_found", "sub_event_type", "event_type", "event_date", "fatalities", "actor1",
        "non_events_rejected", "no_event_articles",
    )}
    for record in records:
        text = record["text"]
        published = dt.date.fromisoformat(record["published"])
        triggers = find_triggers(text)
        if not record["events"]:
            found = classify(text)
            tallies["no_event_articles"].add(
                found is None, f"{record['id']}: reported {found.sub_event_type if found else ''}")
        for phrase in record.get("non_events", []):
            start = text.find(phrase)
            hit = _trigger_for(triggers, start, start + len(phrase)) if start >= 0 else None
            tallies["non_events_rejected"].add(hit is None, f"{record['id']}: {phrase!r}")
        for event in record["events"]:
            label = f"{record['id']} {event['trigger']!r}"
            start = text.find(event["trigger"])
            end = start + len(event["trigger"])
            trigger = _trigger_for(triggers, start, end) if start >= 0 else None
            tallies["trigger_found"].add(trigger is not None, label)
            tallies["sub_event_type"].add(
                trigger is not None and trigger.sub_event_type == event["sub_event_type"],
                f"{label}: {trigger.sub_event_type if trigger else None} "
                f"for {event['sub_event_type']}")
            tallies["event_type"].add(
                trigger is not None and trigger.event_type == event["event_type"], label)
            left, right = _sentence_of(text, max(start, 0), max(end, 0))
            sentence = text[left:right]
            dates = [d for d in find_event_dates(sentence, published)]
            date = dates[0].value.isoformat() if dates else published.isoformat()
            tallies["event_date"].add(date == event["event_date"],
                                      f"{label}: {date} for {event['event_date']}")
            killed = [c.value for c in find_casualties(sentence) if c.kind == "killed"]
            toll = killed[0] if killed else 0
            tallies["fatalities"].add(toll == event["fatalities"],
                                      f"{label}: {toll} for {event['fatalities']}")
            local = _trigger_for(find_triggers(sentence), start - left, end - left)
            actor = initiator(sentence, local, catalogue, country_code(event.get("country")))
            tallies["actor1"].add(actor == event["actor1"],
                                  f"{label}: {actor} for {event['actor1']}")
    return {
        "articles": len(records),
        "events": sum(len(r["events"]) for r in records),
        "scores": {name: tally.rate() for name, tally in tallies.items()},
        "misses": {name: tally.misses for name, tally in tallies.items() if tally.misses},
    }
