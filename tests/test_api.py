"""The REST API on a real server over a store the pipeline built from our sample corpora."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

import frontlines
from frontlines.fuse.stored import refresh_events
from frontlines.serve.exports import ACLED_COLUMNS
from frontlines.store import Store

from .conftest import ROOT, copy_store
from .serving import serve

TOKEN = "review-secret"


@pytest.fixture(scope="module")
def api(demo_db: Path) -> Iterator[httpx.Client]:
    with serve(demo_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture()
def review_api(demo_db: Path, tmp_path: Path) -> Iterator[tuple[httpx.Client, Path]]:
    db = copy_store(demo_db, tmp_path)
    with serve(db, review_token=TOKEN) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, db


def _count(db: Path, where: str = "TRUE") -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM events WHERE {where}").fetchone()[0]


def _all_pages(api: httpx.Client, **params: object) -> list[dict]:
    events, cursor = [], None
    while True:
        page = api.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        events += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return events


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["code"] == code and body["error"]["message"]
    return body["error"]["message"]


@pytest.mark.parametrize("sort", ["-event_date", "event_date", "fatalities", "-fatalities"])
def test_pages_cover_every_event_once_in_order(api: httpx.Client, demo_db: Path,
                                               sort: str) -> None:
    events = _all_pages(api, sort=sort, limit=7)
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) == _count(demo_db) > 100
    key = "fatalities" if "fatalities" in sort else "event_date"
    values = [e[key] if e[key] is not None else "" for e in events]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_filters_narrow_to_what_they_say(api: httpx.Client, demo_db: Path) -> None:
    syria = _all_pages(api, country="SYR", limit=1000)
    assert syria and all(e["iso3"] == "SYR" for e in syria)
    assert len(syria) == _count(demo_db, "iso3 = 'SYR'")
    assert _all_pages(api, country="syria", limit=1000) == syria  # the name works as the code
    box = _all_pages(api, bbox="36,35,38,37")
    assert box and all(36 <= e["longitude"] <= 38 and 35 <= e["latitude"] <= 37 for e in box)
    dated = _all_pages(api, date_from="2024-11-27", date_to="2024-12-08")
    assert dated and all("2024-11-27" <= e["event_date"] <= "2024-12-08" for e in dated)
    battles = _all_pages(api, event_type="Battles", min_fatalities=1)
    assert battles and all(e["event_type"] == "Battles" and e["fatalities"] >= 1 for e in battles)
    contested = _all_pages(api, contested="true")
    assert contested and all(e["contested"] for e in contested)
    aleppo = _all_pages(api, q="aleppo")
    assert aleppo and all("Aleppo" in (e["location"] or "") or "aleppo" in json.dumps(e).lower()
                          for e in aleppo)
    actor = syria[0]["actor1"]
    assert all(actor in (e["actor1"], e["actor2"]) for e in _all_pages(api, actor=actor))
    outlet = syria[0]["outlets"][0]
    assert all(outlet in e["outlets"] for e in _all_pages(api, source=outlet))
    stats = api.get("/api/stats", params={"country": "SYR"}).json()
    assert stats["total"] == len(syria) == sum(stats["by_type"].values())
    assert sum(w["count"] for w in stats["by_week"]) <= stats["total"]


def test_csv_has_acleds_columns_and_geojson_is_a_feature_collection(api: httpx.Client) -> None:
    response = api.get("/api/events", params={"format": "csv", "limit": 50})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 50
    assert response.headers["x-next-cursor"]
    assert all(r["event_date"][:4] == r["year"] for r in rows)
    collection = api.get("/api/events", params={"format": "geojson", "country": "SYR"}).json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    point = collection["features"][0]
    assert point["geometry"]["coordinates"] == [point["properties"]["longitude"],
                                                point["properties"]["latitude"]]


def test_map_columns_match_the_list(api: httpx.Client, demo_db: Path) -> None:
    columns = api.get("/api/map").json()
    located = _count(demo_db, "latitude IS NOT NULL")
    assert columns["count"] == located == len(columns["ids"]) == len(columns["lat"])
    assert not columns["truncated"]
    assert {columns["types"][t] for t in columns["type"]} <= set(columns["types"])


def test_event_detail_gives_each_report_its_sentence_and_evidence(api: httpx.Client) -> None:
    fused = [e for e in _all_pages(api, limit=1000) if e["source_count"] >= 3]
    assert fused
    detail = api.get(f"/api/events/{fused[0]['event_id']}").json()
    assert len(detail["mentions"]) == len(detail["sources"]) == fused[0]["source_count"]
    for mention in detail["mentions"]:
        article = api.get(f"/api/articles/{mention['article_id']}").json()
        start = mention["sentence_start"]
        assert article["text"][start:start + len(mention["sentence"])] == mention["sentence"]
        trigger = next(e for e in mention["evidence"] if e["field"] == "sub_event_type")
        if trigger["part"] == "text":
            assert article["text"][trigger["start"]:trigger["end"]] == trigger["text"]
            assert trigger["text"] in mention["sentence"]
    # Reports that came from a JSON-lines feed keep the feed's own id.
    assert any(m["input_id"] for m in detail["mentions"])


def test_article_spans_point_into_its_text(api: httpx.Client) -> None:
    event = _all_pages(api, limit=1000)[0]
    article_id = api.get(f"/api/events/{event['event_id']}").json()["mentions"][0]["article_id"]
    article = api.get(f"/api/articles/{article_id}").json()
    spans = [s for s in article["spans"] if s["part"] == "text"]
    assert spans and all(article["text"][s["start"]:s["end"]] == s["text"] for s in spans)
    assert any(s["event_id"] == event["event_id"] for s in article["spans"])


def test_control_on_a_day_and_the_changes(api: httpx.Client) -> None:
    changes = api.get("/api/control/changes").json()
    assert changes and [c["date"] for c in changes] == sorted(c["date"] for c in changes)
    places = api.get("/api/control", params={"at": "2025-03-01"}).json()["places"]
    assert places and all(p["since"] <= "2025-03-01" for p in places)
    earlier = api.get("/api/control", params={"at": changes[0]["date"]}).json()["places"]
    assert len(earlier) < len(places)
    syria = api.get("/api/control", params={"at": "2025-03-01", "country": "syr"}).json()
    assert syria["places"] and all(p["country"] == "SYR" for p in syria["places"])
    geo = api.get("/api/control", params={"at": "2025-03-01", "format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert len(geo.json()["features"]) == len(places)


def test_actors_most_events_first(api: httpx.Client) -> None:
    actors = api.get("/api/actors", params={"q": "syria"}).json()
    assert actors and all("syria" in a["actor"].lower() for a in actors)
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)


@pytest.mark.parametrize(("path", "params", "status", "code"), [
    ("/api/nowhere", {}, 404, "not_found"),
    ("/api/events/ev-0000000000000000", {}, 404, "not_found"),
    ("/api/articles/nothing-here", {}, 404, "not_found"),
    ("/api/events", {"date_from": "2024-13-01"}, 422, "invalid_parameter"),
    ("/api/events", {"bbox": "1,2,3"}, 422, "invalid_parameter"),
    ("/api/events", {"bbox": "10,50,20,40"}, 422, "invalid_parameter"),
    ("/api/events", {"cursor": "not-a-cursor"}, 422, "invalid_parameter"),
    ("/api/events", {"sort": "location"}, 422, "invalid_parameter"),
    ("/api/events", {"limit": "0"}, 422, "invalid_parameter"),
    ("/api/events", {"event_type": "Skirmish"}, 422, "invalid_parameter"),
    ("/api/control", {}, 422, "invalid_parameter"),
])
def test_one_error_shape(api: httpx.Client, path: str, params: dict, status: int,
                         code: str) -> None:
    _error(api.get(path, params=params), status, code)


def test_reviews_need_the_token(api: httpx.Client, review_api: tuple[httpx.Client, Path]) -> None:
    event_id = _all_pages(api, limit=1000)[0]["event_id"]
    body = {"action": "confirm", "reviewer": "analyst"}
    _error(api.post(f"/api/events/{event_id}/review", json=body), 403, "read_only")
    client, _ = review_api
    _error(client.post(f"/api/events/{event_id}/review", json=body), 401, "unauthorized")
    _error(client.post(f"/api/events/{event_id}/review", json=body,
                       headers={"Authorization": "Bearer wrong"}), 403, "forbidden")
    _error(client.post("/api/events/merge", json={"event_ids": [event_id, event_id + "x"],
                                                 "reviewer": "a"}), 401, "unauthorized")


def test_review_status_tells_whether_reviews_are_taken(
        api: httpx.Client, review_api: tuple[httpx.Client, Path]) -> None:
    assert api.get("/api/review/status").json() == {"writable": False, "authorised": False}
    client, _ = review_api
    assert client.get("/api/review/status").json() == {"writable": True, "authorised": False}
    assert client.get("/api/review/status", headers={"Authorization": "Bearer no"}).json() == \
        {"writable": True, "authorised": False}
    assert client.get("/api/review/status", headers={"Authorization": f"Bearer {TOKEN}"}).json() \
        == {"writable": True, "authorised": True}


def test_notes_can_be_emptied(review_api: tuple[httpx.Client, Path]) -> None:
    client, _ = review_api
    event_id = client.get("/api/events").json()["events"][0]["event_id"]
    edited = client.post(f"/api/events/{event_id}/review", json={
        "action": "edit", "reviewer": "analyst", "fields": {"notes": None}},
        headers={"Authorization": f"Bearer {TOKEN}"})
    assert edited.status_code == 200 and edited.json()["notes"] == ""


def test_an_edit_keeps_the_machine_value_and_is_logged(
        review_api: tuple[httpx.Client, Path]) -> None:
    client, db = review_api
    auth = {"Authorization": f"Bearer {TOKEN}"}
    event = _all_pages(client, limit=1000, country="SYR", min_fatalities=1)[0]
    path = f"/api/events/{event['event_id']}/review"
    edited = client.post(path, headers=auth, json={
        "action": "edit", "reviewer": "analyst", "fields": {"fatalities": event["fatalities"] + 5},
        "comment": "the later toll"}).json()
    assert edited["fatalities"] == event["fatalities"] + 5
    assert edited["machine"] == {"fatalities": event["fatalities"]}
    assert edited["review_status"] == "edited" and edited["review"]["reviewer"] == "analyst"
    listed = _all_pages(client, reviewed="true")
    assert [e["event_id"] for e in listed] == [event["event_id"]]
    exported = next(csv.DictReader(io.StringIO(client.get(
        "/api/events", params={"reviewed": "true", "format": "csv"}).text)))
    assert exported["fatalities"] == str(event["fatalities"] + 5)
    assert exported["tags"] == "reviewed: edited"
    log = client.get("/api/reviews", params={"event_id": event["event_id"]}).json()
    assert log[-1]["action"] == "edit" and log[-1]["reviewer"] == "analyst"
    assert log[-1]["before"]["fatalities"] == event["fatalities"]
    assert log[-1]["after"]["fatalities"] == event["fatalities"] + 5
    # A field that is not editable, or a sub-type of another type, is refused.
    _error(client.post(path, headers=auth, json={"action": "edit", "reviewer": "a",
                                                 "fields": {"event_id": "x"}}),
           422, "invalid_parameter")
    _error(client.post(path, headers=auth, json={
        "action": "edit", "reviewer": "a", "fields": {"sub_event_type": "Peaceful protest"}}),
        422, "invalid_parameter")
    # The review outlives deriving the events again (after a new ingest, say). DuckDB shares
    # one database between the connections of a process, so this one sees the server's writes.
    with Store(db) as store:
        refresh_events(store)
    again = client.get(f"/api/events/{event['event_id']}").json()
    assert again["fatalities"] == event["fatalities"] + 5 and again["review_status"] == "edited"
    assert again["machine"] == {"fatalities": event["fatalities"]}


def test_reject_hides_an_event_unless_asked(review_api: tuple[httpx.Client, Path]) -> None:
    client, _ = review_api
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = client.get("/api/events").json()["total"]
    event_id = client.get("/api/events").json()["events"][0]["event_id"]
    response = client.post(f"/api/events/{event_id}/review", headers=auth,
                           json={"action": "reject", "reviewer": "analyst"})
    assert response.json()["review_status"] == "rejected"
    assert client.get("/api/events").json()["total"] == before - 1
    assert client.get("/api/events", params={"include_rejected": "true"}).json()["total"] == before
    assert client.get(f"/api/events/{event_id}").status_code == 200


def test_merge_then_split(review_api: tuple[httpx.Client, Path]) -> None:
    client, _ = review_api
    auth = {"Authorization": f"Bearer {TOKEN}"}
    syria = _all_pages(client, country="SYR", limit=1000)
    first, second = syria[0], syria[1]
    total = len(_all_pages(client, limit=1000))
    merged = client.post("/api/events/merge", headers=auth, json={
        "event_ids": [first["event_id"], second["event_id"]], "reviewer": "analyst"}).json()
    assert merged["event_id"] == first["event_id"]
    assert len(_all_pages(client, limit=1000)) == total - 1
    _error(client.get(f"/api/events/{second['event_id']}"), 404, "not_found")
    detail = client.get(f"/api/events/{first['event_id']}").json()
    assert detail["source_count"] == first["source_count"] + second["source_count"]
    moved = [{"article_id": s["article_id"], "number": s["number"]}
             for s in detail["sources"][first["source_count"]:]]
    split = client.post(f"/api/events/{first['event_id']}/split", headers=auth,
                        json={"mentions": moved, "reviewer": "analyst"}).json()
    assert split["event_id"] != first["event_id"]
    assert len(_all_pages(client, limit=1000)) == total
    assert client.get(f"/api/events/{split['event_id']}").json()["source_count"] == len(moved)
    actions = [e["action"] for e in client.get("/api/reviews").json()]
    assert actions == ["merge", "split"]
    # The split-off event's log has the split that made it; the merged-away one's, the merge.
    made = client.get("/api/reviews", params={"event_id": split["event_id"]}).json()
    assert [e["action"] for e in made] == ["split"]
    merged_away = client.get("/api/reviews", params={"event_id": second["event_id"]}).json()
    assert [e["action"] for e in merged_away] == ["merge"]
    _error(client.post(f"/api/events/{first['event_id']}/split", headers=auth, json={
        "mentions": [{"article_id": "nope", "number": 0}], "reviewer": "a"}),
        422, "invalid_parameter")


def test_web_pages_forbid_inline_scripts(api: httpx.Client) -> None:
    page = api.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert api.get("/api/stats").headers.get("x-content-type-options") == "nosniff"


def test_export_and_read_events(demo_db: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "frontlines", "export", "--db", str(demo_db)]
    output = subprocess.run([*command, "--country", "SYR"], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout
    rows = list(csv.DictReader(io.StringIO(output)))
    assert rows and tuple(rows[0]) == ACLED_COLUMNS and {r["country"] for r in rows} == {"Syria"}
    parquet = tmp_path / "events.parquet"
    subprocess.run([*command, "--format", "parquet", "-o", str(parquet), "--contested"],
                   check=True, cwd=ROOT, capture_output=True)
    frame = frontlines.read_events(str(demo_db), contested=True)
    import pandas as pd

    stored = pd.read_parquet(parquet)
    assert len(stored) == len(frame) == _count(demo_db, "contested") > 0
    assert sorted(stored["event_id"]) == sorted(frame["event_id"])
    lines = subprocess.run([*command, "--format", "jsonl", "--event-type", "Riots"],
                           capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert all(json.loads(line)["event_type"] == "Riots" for line in lines.splitlines())
    bad = subprocess.run([*command, "--bbox", "1,2"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "bbox" in bad.stderr
    with pytest.raises(ValueError, match="not a filter"):
        frontlines.read_events(str(demo_db), countries="SYR")


@pytest.mark.parametrize("sort", ["-event_date", "event_date", "fatalities", "-fatalities"])
def test_pages_keep_undated_events_in_their_place(tmp_path: Path, sort: str) -> None:
    """Undated events sort as the oldest: last going downwards, first going upwards, in id order
    among themselves; a cursor standing among them (or among equal tolls) goes on from there."""
    from frontlines.serve.queries import EventFilters
    from frontlines.serve.reads import list_events
    from frontlines.store.events import insert_events

    from .generated_events import generated_rows

    rows = sorted(generated_rows(40, seed=3), key=lambda row: row["event_id"])
    for row in rows[:11]:
        row["event_date"] = None
    with Store(tmp_path / "events.duckdb") as store:
        insert_events(store.connection, rows)
        con = store.connection
        seen, cursor = [], None
        while True:
            page = list_events(con, EventFilters(), sort, 3, cursor)
            assert page["total"] == 40
            seen += page["events"]
            cursor = page["next_cursor"]
            if cursor is None:
                break
    downwards = sort.startswith("-")
    assert len({e["event_id"] for e in seen}) == len(seen) == 40
    key = "fatalities" if "fatalities" in sort else "event_date"
    ordered = sorted(seen, key=lambda e: (e[key] is not None, e[key] or 0, e["event_id"]),
                     reverse=downwards)
    assert [e["event_id"] for e in seen] == [e["event_id"] for e in ordered]
    if key == "event_date":
        undated = [e["event_date"] is None for e in seen]
        assert undated == ([False] * 29 + [True] * 11 if downwards else [True] * 11 + [False] * 29)


def _summaries_agree_with_columns(db: Path) -> int:
    """Every stored summary is its row's summary columns, as JSON; returns how many rows."""
    from frontlines.store.events import SUMMARY_COLUMNS

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(f"SELECT summary, {', '.join(SUMMARY_COLUMNS)} FROM events").fetchall()
    for summary, *values in rows:
        expected = dict(zip(SUMMARY_COLUMNS, values, strict=True))
        expected["event_date"] = expected["event_date"] and expected["event_date"].isoformat()
        assert json.loads(summary) == expected
    return len(rows)


def test_stored_summaries_follow_every_write(demo_db: Path, tmp_path: Path) -> None:
    """A list's page is read from the summary column: it must say what the columns say after a
    derivation, a review, and the migration that gave older stores the column."""
    from frontlines.review import review_event

    db = copy_store(demo_db, tmp_path)
    with Store(db) as store:
        event_id = store.query("SELECT event_id FROM events ORDER BY event_id LIMIT 1")[0][0]
        review_event(store, event_id, "edit", "tester", {"fatalities": 77, "notes": "<b>x</b>"})
        listed = store.query("SELECT summary FROM events WHERE event_id = ?", [event_id])[0][0]
    assert json.loads(listed)["fatalities"] == 77 and json.loads(listed)["review_status"] == "edited"
    assert _summaries_agree_with_columns(db) == _count(demo_db)
    with duckdb.connect(str(db)) as con:  # the store as version 3 left it
        con.execute("ALTER TABLE events DROP COLUMN summary")
        con.execute("DROP TABLE mention_vectors")  # version 5 came after it
        con.execute("DELETE FROM schema_version WHERE version >= 4")
    Store(db).close()
    assert _summaries_agree_with_columns(db) == _count(demo_db)
