"""The command line as users call it: real processes, real files, a real DuckDB store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES

SCRAPED = EXAMPLES / "scraped"


def run(*args: str, stdin: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "frontlines", *args],
        input=stdin, capture_output=True, check=check,
    )


def test_extract_scraped_text_with_doubled_captions_and_foreign_widgets() -> None:
    """The issue's acceptance case: doubled caption, Hebrew widget strings, footer date."""
    path = SCRAPED / "kobani_siege_lifted.txt"
    result = json.loads(run("extract", str(path)).stdout)
    article = result["article"]
    # The Kurdish militia drove IS out of the town: one territorial event, told by the fighters.
    (event,) = [e for e in result["events"] if e["event_type"] == "Battles"]
    assert event["sub_event_type"] == "Non-state actor overtakes territory"
    assert (event["location"], event["event_date"]) == ("Kobani", "2015-01-26")
    assert event["attribution"][0]["source"] == "Kurdish fighters"
    text = article["text"]
    raw_lines = path.read_text("utf-8").splitlines()
    caption = "Kurdish fighters raise a flag on Mishtenur hill above Kobani"  # before the headline
    assert raw_lines.count(caption) == 2 and caption not in text
    assert caption in article["captions"]
    removed = {(r["text"], r["reason"]) for r in article["removed"]}
    assert ("שתף בפייסבוק", "other-script") in removed
    assert ("Photo: AP", "photo-credit") in removed
    assert not any("\u0590" <= ch <= "\u05ff" for ch in text)  # no Hebrew left in the body
    assert article["published"].startswith("2015-01-27T09:40")
    assert "First published" in article["published_evidence"]
    assert article["title"].startswith("Kurds say Islamic State")


def test_extract_jsonl_keeps_input_order_and_ids() -> None:
    out = run("extract", str(EXAMPLES / "broken" / "truncated_feed.jsonl"),
              str(EXAMPLES / "batch" / "wire_feed.jsonl"), "--format", "jsonl").stdout
    records = [json.loads(line) for line in out.decode().splitlines()]
    assert len(records) == 10
    assert records[0]["article"]["input_id"] == "cut-0001"
    assert records[1]["input_id"] == "cut-0002" and "malformed-json" in records[1]["error"]
    assert [r["article"]["input_id"] for r in records[2:]] == [f"feed-000{n}" for n in range(1, 9)]


def test_extract_overrides_and_stdin() -> None:
    page = b"<html><body><article><p>" + b"Rebels seized the border town of Tal Abyad. " * 8 + \
           b"</p></article></body></html>"
    out = json.loads(run("extract", "-", "--published", "2015-06-16", "--url",
                         "https://example.org/story?utm_source=x", stdin=page).stdout)
    assert out["article"]["published"] == "2015-06-16"
    assert out["article"]["url"] == "https://example.org/story?utm_source=x"


def test_extract_reports_unprocessable_input() -> None:
    out = run("extract", str(EXAMPLES / "broken" / "empty_article.txt")).stdout
    record = json.loads(out)
    assert record["error"].startswith("empty")


def test_non_english_article_is_kept_with_status() -> None:
    out = json.loads(run("extract", str(EXAMPLES / "other_languages" / "solhan_attaque_burkina.txt"))
                     .stdout)
    assert out["article"]["language"] == "fr"
    assert "not available for this language" in out["article"]["status"]


def test_ingest_articles_show_failures(tmp_path: Path) -> None:
    db = str(tmp_path / "a.duckdb")
    first = run("ingest", str(EXAMPLES), "--db", db).stdout.decode()
    assert "skipped:" in first and "unknown-extension" in first
    second = run("ingest", str(EXAMPLES), "--db", db).stdout.decode()
    assert "stored:           0" in second

    table = run("articles", "--db", db).stdout.decode()
    assert "Kurds say Islamic State" in table
    rows = list(csv.DictReader(io.StringIO(run("articles", "--db", db, "--format", "csv")
                                           .stdout.decode())))
    listed = json.loads(run("articles", "--db", db, "--format", "json").stdout)
    assert len(rows) == len(listed) >= 30

    article_id = listed[0]["id"]
    shown = json.loads(run("show", article_id[:8], "--db", db, "--format", "json").stdout)
    assert shown["id"] == article_id and shown["text"]
    assert "removed" in shown and "near_duplicate_of" in shown
    assert b"published" in run("show", article_id, "--db", db).stdout

    failures = json.loads(run("failures", "--db", db, "--format", "json").stdout)
    assert {f["reason"] for f in failures} >= {"binary", "empty", "malformed-json"}


def test_exit_codes(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    strict = run("ingest", str(EXAMPLES / "broken"), "--db", db, "--strict", check=False)
    assert strict.returncode == 3
    lenient = run("ingest", str(EXAMPLES / "broken"), "--db", db, check=False)
    assert lenient.returncode == 0
    usage = run("ingest", "--db", db, check=False)  # no path given
    assert usage.returncode == 2 and b"Usage" in usage.stderr
    missing = run("show", "abcdef12", "--db", str(tmp_path / "none.duckdb"), check=False)
    assert missing.returncode == 1 and b"no store at" in missing.stderr
    assert b"Traceback" not in missing.stderr


def test_every_command_help_ends_with_an_example() -> None:
    for command in ("ingest", "articles", "show", "extract", "failures"):
        help_text = run(command, "--help").stdout.decode()
        assert "Example:" in help_text and "frontlines " + command in help_text


def test_broken_config_data_file_is_a_clean_error(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"boilerplate_file": str(tmp_path / "missing.json")}))
    result = run("ingest", str(EXAMPLES / "scraped"), "--db", str(tmp_path / "c.duckdb"),
                 "--config", str(config), "--workers", "2", check=False)
    assert result.returncode == 1
    assert b"missing.json" in result.stderr and b"Traceback" not in result.stderr


def test_extract_flattened_text_dates_its_events_from_its_opening_date() -> None:
    """Text scraped into one run keeps its date line at the front: "on Saturday" counts from it."""
    text = (b"13-12-2014 Kurdish Forces Kill 16 Fighters in Syria. Kurdish forces killed at least "
            b"16 Islamic State fighters in an attack on Saturday in northeast Syria near the "
            b"border with Turkey, a monitoring group said.")
    result = json.loads(run("extract", "-", stdin=text).stdout)
    assert result["article"]["published"] == "2014-12-13"
    assert "opens with" in result["article"]["published_evidence"]
    assert {e["event_date"] for e in result["events"]} == {"2014-12-13"}


def test_the_command_line_starts_without_spacy_duckdb_or_torch() -> None:
    """`frontlines extract` hands its articles to workers that load spaCy in a fork server: the
    parent importing it (or DuckDB, or torch through thinc) only delays their start."""
    code = ("import sys, frontlines.cli; "
            "print(sorted(m for m in ('spacy', 'duckdb', 'torch', 'thinc') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_fork_server_preload_keeps_torch_out() -> None:
    code = ("import sys, frontlines.worker_preload_nlp, thinc.compat; "
            "print(thinc.compat.has_torch, sys.modules.get('torch'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "None"]
