"""Fusion: mentions of one event from several articles become one event; others stay apart; the
result does not depend on the order of the input, and an event keeps its id as reports join it."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from frontlines.evaluate.fusion import evaluate_fusion
from frontlines.fuse import Fuser, Report, fuse
from frontlines.fuse.control import control_at, control_changes
from frontlines.records import Claim, Evidence, Mention

CORPUS = Path(__file__).resolve().parent / "fusion"

_BASE = Mention(
    article_id="a1", number=0, event_date="2024-11-30", time_precision=1, date_rule="weekday",
    disorder_type="Political violence", event_type="Battles",
    sub_event_type="Non-state actor overtakes territory", actor1="HTS: Hayat Tahrir al Sham",
    assoc_actor_1=None, inter1=2, actor2="Military Forces of Syria", assoc_actor_2=None, inter2=1,
    interaction=12, civilian_targeting=False, location="Aleppo", country="Syria", iso3="SYR",
    fatalities=0, fatalities_low=None, fatalities_high=None, notes="", attribution=(),
    contested=False, claims=(), confidence=0.8,
    evidence=(Evidence("sub_event_type", 0, 6, "seized"),), admin1="Halab", latitude=36.2,
    longitude=37.16, geo_precision=1, geonameid=170063)


def _mention(article: str, number: int = 0, **changes) -> Mention:
    return replace(_BASE, article_id=article, number=number, **changes)


def _groups(events) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((s.article_id, s.number) for s in e.sources) for e in events}


def test_reports_of_one_event_become_one() -> None:
    mentions = [
        _mention("wire", fatalities=12),
        _mention("state", sub_event_type="Armed clash", actor1="Military Forces of Syria",
                 actor2="HTS: Hayat Tahrir al Sham", fatalities=40),
        _mention("local", event_date="2024-12-01", latitude=36.21, longitude=37.13,
                 geonameid=None, location="Aleppo city"),
    ]
    (event,) = fuse(mentions, {"wire": Report("Levant Wire", "2024-11-30")})
    assert len(event.sources) == 3 and event.sources[0].outlet == "Levant Wire"
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.event_date == "2024-11-30" and event.geonameid == 170063
    # ACLED's best is the most conservative toll a source gives; the range keeps the others.
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (12, 12, 40)
    assert event.contested and set(event.disagreements) == {"fatalities", "actor1"}


@pytest.mark.parametrize(("other", "why"), [
    ({"iso3": "IRQ", "country": "Iraq"}, "another country"),
    ({"event_date": "2024-12-03"}, "three days later"),
    ({"geonameid": 170017, "latitude": 35.13, "longitude": 36.75, "location": "Hama"},
     "another town"),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, "another kind of event"),
    ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
      "event_date": "2024-12-01", "actor1": "Military Forces of Syria",
      "actor2": "HTS: Hayat Tahrir al Sham"},
     "the air strikes on a town the day after its fall"),
])
def test_different_events_stay_apart(other: dict, why: str) -> None:
    assert len(fuse([_mention("a"), _mention("b", **other)])) == 2, why


def test_an_unidentified_attacker_does_not_disagree_with_a_named_one() -> None:
    """One report names who took the town, another only says "gunmen": one event; two named
    takers still count against each other."""
    nearby = {"actor2": None, "geonameid": None, "latitude": 36.25, "longitude": 37.2,
              "sub_event_type": "Armed clash"}
    unnamed = _mention("b", actor1="Unidentified Armed Group (Syria)", **nearby)
    assert len(fuse([_mention("a"), unnamed])) == 1
    other = _mention("b", actor1="SNA: Syrian National Army", **nearby)
    assert len(fuse([_mention("a"), other])) == 2


_COUNTRY_ONLY = {"location": "Syria", "geonameid": 163843, "latitude": 35.0, "longitude": 38.0,
                 "admin1": None, "geo_precision": 3, "actor1": None, "actor2": None,
                 "sub_event_type": "Armed clash"}


def test_a_report_that_names_only_the_country_joins_the_one_event_open_to_it() -> None:
    """"Fighting in Syria" the day a wire says rebels took Aleppo is that event, when it is the
    only one of its kind there that day; beside a second event there it could be either, and
    stays apart. Its weak fit does not pull down later matches with the event."""
    town = _mention("wire")
    vague = _mention("brief", **_COUNTRY_ONLY)
    # Dated only to its week, it comes after the vague report, and matches the town's well
    # enough, the vague report's poorly.
    later = _mention("local", event_date="2024-12-01", time_precision=2, actor1=None, actor2=None)
    (event,) = fuse([vague, later, town])
    assert event.location == "Aleppo" and len(event.sources) == 3
    hama = _mention("other", geonameid=170017, latitude=35.13, longitude=36.75, location="Hama",
                    admin1="Hama")
    assert len(fuse([town, hama, vague])) == 3
    # A province that is not the event's is no fit.
    elsewhere = _mention("brief", **{**_COUNTRY_ONLY, "admin1": "Dimashq", "location": "Damascus"})
    assert len(fuse([town, elsewhere])) == 2


def test_one_articles_mentions_are_never_fused() -> None:
    assert len(fuse([_mention("a", 0), _mention("a", 1)])) == 2


def test_no_chaining_through_a_middle_report() -> None:
    """Monday's and Wednesday's fights in one town both look like Tuesday's report, not like each
    other: they stay two events."""
    mentions = [_mention("mon", event_date="2024-11-28"), _mention("tue", event_date="2024-11-29"),
                _mention("wed", event_date="2024-11-30")]
    events = fuse(mentions)
    assert len(events) == 2
    assert not any({("mon", 0), ("wed", 0)} <= group for group in _groups(events))


def test_any_order_gives_the_same_events() -> None:
    rng = random.Random(5)
    mentions = [_mention(f"a{n}", event_date=f"2024-11-{28 + n % 3}",
                         geonameid=170063 + n % 2, latitude=36.2 + (n % 2), fatalities=n)
                for n in range(12)]
    expected = fuse(mentions)
    for _ in range(5):
        shuffled = mentions[:]
        rng.shuffle(shuffled)
        got = fuse(shuffled)
        assert [e.event_id for e in got] == [e.event_id for e in expected]
        assert _groups(got) == _groups(expected)


def test_an_event_keeps_its_id_when_reports_join() -> None:
    fuser = Fuser()
    (first,) = fuser.add([_mention("wire")])
    touched = fuser.add([_mention("late", event_date="2024-11-30"), _mention("hama", geonameid=1,
                                                                            latitude=35.1)])
    assert first in touched and len(touched) == 2
    (joined,) = [e for e in fuser.events() if e.event_id == first]
    assert len(joined.sources) == 2


def test_claims_of_every_report_are_kept() -> None:
    claim = Claim("state television", "denies", "The army said it redeployed.", 0, 28)
    (event,) = fuse([_mention("a"), _mention("b", claims=(claim,), contested=True)])
    assert event.claims == (claim,) and event.contested


def test_control_over_time() -> None:
    taken = _mention("wire", event_date="2015-05-17")
    retaken = _mention("broadsheet", event_date="2015-12-28",
                       sub_event_type="Government regains territory",
                       actor1="Military Forces of Syria", inter1=1,
                       actor2="HTS: Hayat Tahrir al Sham", inter2=2)
    left = _mention("local", event_date="2016-01-05", geonameid=2, latitude=30.0,
                    sub_event_type="Non-violent transfer of territory",
                    event_type="Strategic developments", actor1="Military Forces of Syria",
                    actor2=None, inter2=None)
    changes = control_changes(fuse([taken, retaken, left]))
    assert [(c.date, c.from_actor, c.to_actor) for c in changes if c.geonameid == 170063] == [
        ("2015-05-17", "Military Forces of Syria", "HTS: Hayat Tahrir al Sham"),
        ("2015-12-28", "HTS: Hayat Tahrir al Sham", "Military Forces of Syria")]
    held = {s.geonameid: s.holder for s in control_at(changes, dt.date(2015, 6, 1))}
    assert held == {170063: "HTS: Hayat Tahrir al Sham"}
    later = {s.geonameid: s.holder for s in control_at(changes, dt.date(2016, 2, 1))}
    assert later == {170063: "Military Forces of Syria", 2: None}  # left, no holder named


def test_a_capture_near_a_town_is_not_the_towns() -> None:
    """"Rebels overran a checkpoint 10 km east of Aleppo" is placed at Aleppo with ACLED's
    precision 2 (near the named place): the city did not change hands, nor did the province
    of a report that names only that."""
    near = _mention("wire", geo_precision=2)
    province = _mention("local", geo_precision=3, geonameid=170062, location="Aleppo Governorate")
    assert control_changes(fuse([near])) == [] and control_changes(fuse([province])) == []
    assert [c.place for c in control_changes(fuse([_mention("wire")]))] == ["Aleppo"]


def test_two_takers_of_one_place_is_contested() -> None:
    """A wire's "rebels seized the city" and state television's "the army regained control":
    two claims on who holds it, shown as such, not decided by a vote."""
    wire = _mention("wire")
    state = _mention("state", sub_event_type="Government regains territory",
                     actor1="Military Forces of Syria", inter1=1, actor2=None, inter2=None)
    clash = _mention("local", sub_event_type="Armed clash")  # fighting, no change of hands
    (change,) = control_changes(fuse([wire, state, clash]))
    assert change.contested and change.to_actor is None
    assert change.claimants == ("HTS: Hayat Tahrir al Sham", "Military Forces of Syria")
    (uncontested,) = control_changes(fuse([wire, clash]))
    assert uncontested.to_actor == "HTS: Hayat Tahrir al Sham" and not uncontested.contested
    # "Gunmen overran the town" names no one: it agrees with the report that does.
    gunmen = _mention("local", actor1="Unidentified Armed Group (Syria)", actor2=None)
    (agreed,) = control_changes(fuse([wire, gunmen]))
    assert agreed.to_actor == "HTS: Hayat Tahrir al Sham" and not agreed.contested
    # ... but not with state media's "the army regained it".
    (disputed,) = control_changes(fuse([state, gunmen]))
    assert disputed.contested and disputed.claimants == ("Military Forces of Syria",
                                                         "Unidentified Armed Group (Syria)")


# Pinned where they stand; they may only go up (issue 5 target: pairwise F1 >= 0.95). Most of
# what is missing is extraction's: a quarter of the gold's reports yield no aligned mention.
# Reports that name only the country joining the one event open to them took pairwise F1 from
# 0.698 to 0.800 (B-cubed 0.852 -> 0.905, precision 0.974: Palmyra's fall, read as Iraq's, joined
# Ramadi). Placing such reports at the town the article names next (geo/events) then made most
# of them town reports: precision back to 1.0, pairwise F1 0.796, B-cubed 0.896. A capture told
# again later in its article ("The fall of El Fasher ...") joining the lede's: 0.831, 0.906.
# Extraction reading the aleppo and bamako reports as their siblings (an air strike told by its
# jets, an attack by "gunmen" claimed by JNIM, Bamako as "the Malian capital"): 0.966, 0.986.
# "the Donetsk People's Republic" read whole as Donetsk oblast, and a town's appositive ("a
# transport hub in ...") as where it lies, put Artemovsk at Bakhmut, not in Siberia: 1.0, 1.0.
FUSION_GATE = {"pairwise_precision": 1.0, "pairwise_f1": 1.0, "bcubed_f1": 1.0}
# The control timeline on the gold's 19 changes: found within a day, with the right taker (or
# contested with it among the claimants), and derived changes the gold does not have (at most).
CONTROL_GATE = {"found": 18, "taker_right_or_contested": 13, "spurious": 1}


def test_quality_gate_on_our_corpus() -> None:
    scores = evaluate_fusion(CORPUS)
    assert scores.pairwise[0] >= FUSION_GATE["pairwise_precision"]
    assert scores.pairwise[2] >= FUSION_GATE["pairwise_f1"]
    assert scores.bcubed[2] >= FUSION_GATE["bcubed_f1"]
    control = scores.control
    assert control is not None and control.gold == 19
    assert control.found >= CONTROL_GATE["found"]
    assert control.right_taker + control.contested >= CONTROL_GATE["taker_right_or_contested"]
    assert control.spurious <= CONTROL_GATE["spurious"]


def test_control_scores_by_hand() -> None:
    from frontlines.evaluate.fusion import score_control
    from frontlines.fuse.control import ControlChange

    gold = [{"place": "Aleppo", "geonameid": 1, "date": "2024-11-30",
             "to": "HTS: Hayat Tahrir al Sham"},
            {"place": "Hama", "geonameid": 2, "date": "2024-12-05",
             "to": "HTS: Hayat Tahrir al Sham"},
            {"place": "Homs", "geonameid": 3, "date": "2024-12-08", "to": "Military Forces of X (2000-)"}]

    def change(geonameid: int, day: str, to: str | None, claimants: tuple[str, ...] = ()):
        return ControlChange("p", geonameid, "SYR", 0.0, 0.0, day, None, to, bool(claimants),
                             claimants, ())

    scores = score_control(gold, [
        change(1, "2024-12-01", "HTS: Hayat Tahrir al Sham"),  # a day off: found, right
        change(3, "2024-12-08", None, ("Military Forces of X", "Rebels")),  # contested
        change(4, "2024-12-08", "Rebels")])  # not in the gold
    assert (scores.found, scores.right_taker, scores.contested, scores.spurious) == (2, 1, 1, 1)
    assert scores.misses == ["Hama 2024-12-05: no change of control derived"]


def test_events_and_control_commands(tmp_path: Path) -> None:
    lines = (CORPUS / "articles.jsonl").read_text("utf-8").splitlines()
    chosen = [line for line in lines if json.loads(line)["id"] in ("ms-001", "ms-002", "ms-003")]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(chosen) + "\n", "utf-8")
    db = str(tmp_path / "f.duckdb")

    def run(*args: str) -> str:
        return subprocess.run([sys.executable, "-m", "frontlines", *args], capture_output=True,
                              text=True, check=True).stdout

    run("ingest", str(feed), "--db", db)
    events = json.loads(run("events", "--db", db, "--format", "json"))
    aleppo = [e for e in events if e["geonameid"] == 170063 and e["event_date"] == "2024-11-30"
              and e["event_type"] == "Battles"]
    assert len(aleppo) == 1 and len({s["article_id"] for s in aleppo[0]["sources"]}) == 3
    mentions = json.loads(run("events", "--db", db, "--mentions", "--format", "json"))
    assert len(mentions) >= len(events)
    held = json.loads(run("control", "--db", db, "--at", "2024-12-02", "--format", "json"))
    assert any(place["geonameid"] == 170063 for place in held)
    geojson = json.loads(run("control", "--db", db, "--at", "2024-12-02", "--format", "geojson"))
    assert geojson["type"] == "FeatureCollection"


def test_a_new_run_derives_only_the_events_it_changes(tmp_path: Path) -> None:
    """A second ingest run fuses its new mentions into the kept events and leaves the others as
    they were; the events, their links and the changes of control are those a whole derivation
    gives, also after a run killed before deriving its events."""
    import shutil

    import duckdb

    from frontlines.fuse.stored import refresh_events, update_events
    from frontlines.store import Store

    lines = (CORPUS / "articles.jsonl").read_text("utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:40]) + "\n", "utf-8")
    second.write_text("\n".join(lines[40:]) + "\n", "utf-8")
    db = tmp_path / "f.duckdb"

    def events(path: Path) -> dict[str, str]:
        with duckdb.connect(str(path), read_only=True) as con:
            return dict(con.execute("SELECT event_id, summary FROM events").fetchall())

    def links(path: Path) -> set[tuple]:
        with duckdb.connect(str(path), read_only=True) as con:
            return set(con.execute("SELECT * FROM event_mentions").fetchall()) | {
                ("control", *map(str, row)) for row in con.execute("SELECT * FROM control_changes")
                .fetchall()}

    for feed in (first, second):
        subprocess.run([sys.executable, "-m", "frontlines", "ingest", str(feed), "--db", str(db)],
                       capture_output=True, text=True, check=True)
        if feed == first:
            before = events(db)
    after = events(db)
    whole = tmp_path / "whole.duckdb"
    shutil.copyfile(db, whole)
    with Store(whole) as store:
        refresh_events(store)
    assert after == events(whole) and links(db) == links(whole)
    kept = {event_id for event_id, summary in before.items() if after.get(event_id) == summary}
    assert len(after) > len(before) and 0 < len(kept) < len(before)
    # A run killed after storing its mentions, before deriving: the next run derives them.
    with Store(db) as store:
        store.connection.execute("DELETE FROM event_mentions WHERE article_id IN "
                                 "(SELECT DISTINCT article_id FROM event_mentions LIMIT 5)")
        assert update_events(store) > 0
        assert update_events(store) == 0  # nothing left unfused
    assert events(db) == events(whole) and links(db) == links(whole)
