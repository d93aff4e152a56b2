"""Score extraction against our own gold articles (tests/gold/*.jsonl; the format is in
tests/gold/README.md), as a user gets it: each article goes through `extract_mentions`, and each
gold event is matched to the mention whose trigger evidence covers the gold trigger. Then:
- events found (recall) and mentions that match no gold event (precision);
- for matched events, every field: type, date, toll, actors, place, civilian targeting, attribution
  and contested;
- statements of things that did not happen (negated, planned, threatened) must not become
  mentions, and articles without events must yield none.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.extract.mentions import ExtractResources, extract_mentions
from frontlines.extract.sentences import Sentences
from frontlines.records import Mention


@dataclass(slots=True)
class _Tally:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok and len(self.misses) < 200:
            self.misses.append(miss)

    def rate(self) -> float | None:
        return round(self.hits / self.total, 4) if self.total else None


def _triggers(mention: Mention) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in mention.evidence
            if e.field == "sub_event_type" and e.part == "text"]


def _matching(mentions: list[Mention], start: int, end: int,
              sentences: Sentences | None = None) -> Mention | None:
    """The mention whose trigger evidence covers text[start:end]; else, with `sentences`, the
    one whose trigger words share its sentence (a gold annotator may pick the verb, "missiles
    struck", where the reader took the weapon)."""
    exact = next((m for m in mentions if any(s < end and start < e for s, e in _triggers(m))),
                 None)
    if exact is not None or sentences is None or start < 0:
        return exact
    left, right = sentences.around(start, end)
    return next((m for m in mentions if any(left <= s < right for s, _ in _triggers(m))), None)


def _same_place(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return predicted == gold
    a, b = predicted.casefold(), gold.casefold()
    return a in b or b in a


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


FIELDS = (
    "trigger_found", "mention_precision", "sub_event_type", "event_type", "event_date",
    "time_precision", "fatalities", "actor1", "actor2", "location", "civilian_targeting",
    "attribution", "contested", "non_events_rejected", "no_event_articles",
)


def evaluate_gold(folder: Path, resources: ExtractResources | None = None) -> dict[str, Any]:
    records = read_gold(folder)
    resources = resources or ExtractResources.load()
    tallies = {name: _Tally() for name in FIELDS}
    for record in records:
        text = record["text"]
        mentions = extract_mentions(
            text, published=dt.date.fromisoformat(record["published"]),
            title=record.get("title"), resources=resources, article_id=record["id"])
        sentences = Sentences(text)
        if not record["events"]:
            tallies["no_event_articles"].add(
                not mentions, f"{record['id']}: reported "
                f"{', '.join(m.sub_event_type for m in mentions)}")
        for phrase in record.get("non_events", []):
            start = text.find(phrase)
            hit = _matching(mentions, start, start + len(phrase)) if start >= 0 else None
            tallies["non_events_rejected"].add(hit is None, f"{record['id']}: {phrase!r}")
        matched: set[int] = set()
        for event in record["events"]:
            label = f"{record['id']} {event['trigger']!r}"
            start = text.find(event["trigger"])
            mention = _matching(mentions, start, start + len(event["trigger"]), sentences)
            tallies["trigger_found"].add(mention is not None, label)
            if mention is None:
                for name in ("sub_event_type", "event_type", "event_date", "time_precision",
                             "fatalities", "actor1", "actor2", "location",
                             "civilian_targeting", "attribution", "contested"):
                    tallies[name].add(False, f"{label}: not found")
                continue
            matched.add(id(mention))
            checks = {
                "sub_event_type": (mention.sub_event_type, event["sub_event_type"]),
                "event_type": (mention.event_type, event["event_type"]),
                "event_date": (mention.event_date, event["event_date"]),
                "time_precision": (mention.time_precision, event["time_precision"]),
                "fatalities": (mention.fatalities, event["fatalities"]),
                "actor1": (mention.actor1, event["actor1"]),
                "actor2": (mention.actor2, event["actor2"]),
                "civilian_targeting": (mention.civilian_targeting, event["civilian_targeting"]),
                "contested": (mention.contested, event["contested"]),
            }
            for name, (got, expected) in checks.items():
                tallies[name].add(got == expected, f"{label}: {got} for {expected}")
            tallies["location"].add(_same_place(mention.location, event["location"]),
                                    f"{label}: {mention.location} for {event['location']}")
            sources = [a["source"] for a in mention.attribution]
            expected_source = event.get("attribution")
            tallies["attribution"].add(
                any(_same_place(s, expected_source) for s in sources) if expected_source
                else not sources, f"{label}: {sources} for {expected_source}")
        for mention in mentions:
            tallies["mention_precision"].add(
                id(mention) in matched,
                f"{record['id']}: extra {mention.sub_event_type} "
                f"{[text[s:e] for s, e in _triggers(mention)]}")
    return {
        "articles": len(records),
        "events": sum(len(r["events"]) for r in records),
        "scores": {name: tally.rate() for name, tally in tallies.items()},
        "misses": {name: tally.misses for name, tally in tallies.items() if tally.misses},
    }
