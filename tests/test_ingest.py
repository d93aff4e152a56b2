"""Ingest into a real DuckDB file: idempotent re-runs, near-duplicate links, failures recorded once,
and a run killed with SIGKILL at any moment that loses and duplicates nothing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from frontlines.ingest import ingest
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.store.migrations import LATEST_VERSION

from .conftest import EXAMPLES
from .synthetic import write_articles

FRONTLINES = [sys.executable, "-m", "frontlines"]


def _ingest(db: Path, *paths: str, workers: int = 1):
    settings = Settings(db=str(db), workers=workers)
    with Store(db) as store:
        return ingest(list(paths), store, settings)


def test_second_run_stores_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    first = _ingest(db, str(EXAMPLES))
    assert first.stored >= 30
    assert first.skipped >= 6
    second = _ingest(db, str(EXAMPLES))
    assert second.stored == 0
    assert second.already_stored == first.stored
    assert second.skipped == first.skipped
    with Store(db, read_only=True) as store:
        assert store.count_articles() == first.stored
        # A failure is one row however often it is met; the count says how often.
        rows = store.failures()
        assert len(rows) == first.skipped
        assert {row["times_seen"] for row in rows} == {2}


def test_same_article_from_two_files_is_stored_once(tmp_path: Path) -> None:
    source = EXAMPLES / "scraped" / "kidal_retaken.txt"
    copy = tmp_path / "copy_of_kidal.txt"
    copy.write_bytes(source.read_bytes() + b"\n\n")  # other bytes, same article
    summary = _ingest(tmp_path / "b.duckdb", str(source), str(copy))
    assert (summary.stored, summary.already_stored) == (1, 1)


def test_republished_wire_copy_is_linked(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    summary = _ingest(db, str(EXAMPLES / "batch" / "wire_feed.jsonl"))
    assert summary.near_duplicates == 1
    with Store(db, read_only=True) as store:
        (row,) = store.query(
            "SELECT a.input_id, b.input_id, n.similarity FROM near_duplicates n "
            "JOIN articles a ON a.id = n.article_id JOIN articles b ON b.id = n.duplicate_of"
        )
    assert row[:2] == ("feed-0006", "feed-0005")
    assert 0.5 <= row[2] < 1.0


def test_process_pool_gives_the_same_store_as_one_process(tmp_path: Path) -> None:
    one = _ingest(tmp_path / "one.duckdb", str(EXAMPLES), workers=1)
    two = _ingest(tmp_path / "two.duckdb", str(EXAMPLES), workers=2)
    assert (one.stored, one.near_duplicates, one.skipped) == (
        two.stored, two.near_duplicates, two.skipped)
    query = "SELECT id, title, published, text FROM articles ORDER BY id"
    with Store(tmp_path / "one.duckdb", read_only=True) as a, \
            Store(tmp_path / "two.duckdb", read_only=True) as b:
        assert a.query(query) == b.query(query)


def test_schema_is_versioned(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    with Store(db) as store:
        assert store.version() == LATEST_VERSION
    with Store(db) as store:  # reopening does not migrate again
        assert store.query("SELECT count(*) FROM schema_version") == [(LATEST_VERSION,)]
        store.query("INSERT INTO schema_version VALUES (99, now())")
    from frontlines.errors import StoreError

    with pytest.raises(StoreError, match="newer than this frontlines"):
        Store(db)


class _Watcher:
    """Reads a child's stderr in the background and remembers how many inputs it has handled."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.done = 0
        self._process = process
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._process.stderr is not None
        buffer = ""
        while chunk := self._process.stderr.read1(4096):  # type: ignore[attr-defined]
            buffer = (buffer + chunk.decode("utf-8", "replace"))[-400:]
            found = re.findall(r"([\d,]+) inputs:", buffer)
            if found:
                self.done = int(found[-1].replace(",", ""))


@pytest.mark.slow
def test_sigkill_mid_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2_000)
    db = tmp_path / "killed.duckdb"
    command = [*FRONTLINES, "ingest", str(corpus), "--db", str(db), "--progress",
               "--batch-size", "50"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Kill three times at different depths of the run, then let it finish.
    for kill_after in (150, 700, 1_300):
        process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                   env=env, start_new_session=True)
        watcher = _Watcher(process)
        deadline = time.monotonic() + 120
        while watcher.done < kill_after and process.poll() is None:
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.01)
        assert process.poll() is None, "the run ended before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)  # the parent and its worker processes
        process.wait()
        with Store(db, read_only=True) as store:
            stored = store.count_articles()
            assert 0 < stored < 2_000
            _assert_consistent(store)
    finished = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    assert "skipped:          0" in finished.stdout
    with Store(db, read_only=True) as store:
        assert store.count_articles() == 2_000
        _assert_consistent(store)
        titles = store.query("SELECT count(DISTINCT title) FROM articles")
        assert titles == [(2_000,)]


def _assert_consistent(store: Store) -> None:
    """Every article is whole: one row, its signature, its input record; nothing dangling."""
    (counts,) = store.query(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
        "(SELECT count(*) FROM article_signatures), (SELECT count(*) FROM inputs), "
        "(SELECT count(*) FROM articles WHERE text IS NULL OR text = '')"
    )
    articles, distinct, signatures, inputs, empty = counts
    assert articles == distinct == signatures == inputs
    assert empty == 0
