"""`frontlines eval gold`: our own annotated articles, scored field by field."""

from __future__ import annotations

import json
from pathlib import Path

from frontlines.evaluate.gold import evaluate_gold

RECORD = {
    "id": "gold-test-001", "published": "2016-03-27", "source": "Test Wire",
    "title": "Army retakes Palmyra",
    "text": ("Syrian army troops recaptured Palmyra from Islamic State on Sunday, state television "
             "said. The militants vowed to retake the city. Two civilians were killed in shelling "
             "on Saturday."),
    "events": [
        {"trigger": "recaptured", "event_type": "Battles",
         "sub_event_type": "Government regains territory", "actor1": "Military Forces of Syria",
         "actor2": "Islamic State (Syria)", "event_date": "2016-03-27", "time_precision": 1,
         "location": "Palmyra", "country": "Syria", "fatalities": 0,
         "civilian_targeting": False, "attribution": "state television", "contested": False},
        {"trigger": "shelling", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "actor1": None, "actor2": None,
         "event_date": "2016-03-26", "time_precision": 1, "location": "Palmyra",
         "country": "Syria", "fatalities": 2, "civilian_targeting": False, "attribution": None,
         "contested": False},
    ],
    "non_events": ["vowed to retake the city"],
}
FLOOD = {"id": "gold-test-002", "published": "2016-03-27", "source": "Test Wire",
         "title": "Floods", "text": "Floods killed 30 people in the north on Friday.",
         "events": [], "non_events": []}


def test_scores_on_a_record_we_wrote(tmp_path: Path) -> None:
    (tmp_path / "sample.jsonl").write_text(
        "\n".join(json.dumps(r) for r in (RECORD, FLOOD)) + "\n", "utf-8")
    report = evaluate_gold(tmp_path)
    assert (report["articles"], report["events"]) == (2, 2)
    scores = report["scores"]
    assert scores["trigger_found"] == scores["sub_event_type"] == 1.0
    assert scores["event_date"] == 1.0 and scores["fatalities"] == 1.0
    assert scores["actor1"] == 0.5  # the shelling names no actor
    assert scores["non_events_rejected"] == 1.0 and scores["no_event_articles"] == 1.0
