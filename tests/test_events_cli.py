"""Events through the command line: `extract` fills them, `ingest` stores them in DuckDB, `events`
lists them; users extend the actor catalogue from their config."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from frontlines.store import Store

ROOT = Path(__file__).parent.parent
ACLED_COLUMNS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "location",
    "country", "iso3", "admin1", "admin2", "latitude", "longitude", "geo_precision", "geonameid",
    "fatalities", "notes", "fatalities_low", "fatalities_high", "attribution", "contested",
    "claims", "confidence", "evidence",
}  # fmt: skip


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontlines", *args], input=stdin,
                          capture_output=True, check=True)


REPORT = {
    "id": "ours-1", "published": "2024-06-26", "source": "Rift Valley Wire",
    "title": "Protesters storm Kenya's parliament",
    "text": ("NAIROBI (Rift Valley Wire) - Protesters stormed parliament in Nairobi on Tuesday "
             "and set part of the building on fire, and police shot dead at least five people, "
             "rights groups said. Demonstrators had marched through the city centre against a "
             "finance bill."),
}


def test_extract_gives_events_with_acled_columns(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(REPORT) + "\n", "utf-8")
    (line,) = run("extract", str(path), "--format", "jsonl").stdout.decode().splitlines()
    result = json.loads(line)
    assert result["article"]["input_id"] == "ours-1"
    (event, *_) = result["events"]
    assert set(event) >= ACLED_COLUMNS
    assert event["event_date"] == "2024-06-25"
    assert event["country"] == "Kenya" and event["iso3"] == "KEN"
    assert event["fatalities"] == 5
    text = result["article"]["text"]
    for evidence in event["evidence"]:
        if evidence["part"] == "text":
            assert text[evidence["start"]:evidence["end"]] == evidence["text"]


def test_ingest_stores_mentions_and_events_lists_them(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    summary = json.loads(run("ingest", str(ROOT / "examples" / "batch"), "--db", str(db),
                             "--format", "json").stdout)
    assert summary["mentions"] > 0
    with Store(db, read_only=True) as store:
        stored = store.count_mentions()
        assert stored == summary["mentions"]
        orphans = store.query("SELECT count(*) FROM mentions WHERE article_id NOT IN "
                              "(SELECT id FROM articles)")
        assert orphans == [(0,)]
    rows = json.loads(run("events", "--db", str(db), "--mentions", "--format", "json").stdout)
    assert len(rows) == stored
    assert all(row["evidence"] and row["notes"] for row in rows)
    table = list(csv.DictReader(io.StringIO(run("events", "--db", str(db), "--mentions",
                                                "--format", "csv").stdout.decode())))
    assert len(table) == stored and "sub_event_type" in table[0] and "url" in table[0]
    # Fused, each event once with the mentions that tell it: none lost, none told twice.
    fused = json.loads(run("events", "--db", str(db), "--format", "json").stdout)
    told = [(s["article_id"], s["number"]) for event in fused for s in event["sources"]]
    assert len(told) == len(set(told)) == stored
    fused_csv = list(csv.DictReader(io.StringIO(run("events", "--db", str(db), "--format",
                                                    "csv").stdout.decode())))
    assert len(fused_csv) == len(fused) and "fatalities_high" in fused_csv[0]
    # A second ingest stores nothing twice.
    again = json.loads(run("ingest", str(ROOT / "examples" / "batch"), "--db", str(db),
                           "--format", "json").stdout)
    assert again["mentions"] == 0
    with Store(db, read_only=True) as store:
        assert store.count_mentions() == stored


def test_ingest_without_extraction(tmp_path: Path) -> None:
    db = tmp_path / "clean-only.duckdb"
    summary = json.loads(run("ingest", str(ROOT / "examples" / "batch"), "--db", str(db),
                             "--no-extract", "--format", "json").stdout)
    assert summary["stored"] > 0 and summary["mentions"] == 0


def test_users_extend_the_actor_catalogue_from_config(tmp_path: Path) -> None:
    packaged = json.loads((ROOT / "src" / "frontlines" / "data" / "actors.json")
                          .read_text("utf-8"))
    packaged["actors"].append({
        "id": "valley-defence-brigade", "name": "Valley Defence Brigade", "inter": 3,
        "country": "KE", "kind": "militia", "aliases": ["Valley Defence Brigade", "VDB"],
    })
    actors = tmp_path / "actors.json"
    actors.write_text(json.dumps(packaged), "utf-8")
    config = tmp_path / "frontlines.json"
    config.write_text(json.dumps({"actors_file": str(actors)}), "utf-8")
    text = b"Fighters of the VDB attacked a police post in Garissa on Monday, police said."
    result = json.loads(run("extract", "-", "--published", "2024-03-05", "--config", str(config),
                            stdin=text).stdout)
    assert result["events"][0]["actor1"] == "Valley Defence Brigade"
    plain = json.loads(run("extract", "-", "--published", "2024-03-05", stdin=text).stdout)
    assert plain["events"][0]["actor1"] != "Valley Defence Brigade"
