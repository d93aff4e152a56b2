"""Resolution on our hand-written cases (tests/geo/): names shared by two places with the context
deciding, transliteration variants, relative expressions and names no gazetteer has. Scores are
pinned where they stand and may only go up; tests/geo/check_fixtures.py checks the files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.geo import GeoResources, geoparse

FIXTURES = Path(__file__).resolve().parent / "geo"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / name).read_text("utf-8").splitlines()
            if line.strip()]


def _found(text: str, name: str, occurrence: int, geo: GeoResources):
    starts = [i for i in range(len(text)) if text.startswith(name, i)]
    start = starts[occurrence - 1]
    return next((t for t in geoparse(text, geo) if t.start <= start < t.end), None)


def share_right(rows: list[dict], geo: GeoResources) -> float:
    right = 0
    for row in rows:
        found = _found(row["text"], row["toponym"], row.get("occurrence", 1), geo)
        got = found.place.geonameid if found is not None and found.place is not None else None
        right += got == row["geonameid"]
    return right / len(rows)


@pytest.fixture(scope="module")
def geo() -> GeoResources:
    return GeoResources.load()


@pytest.mark.parametrize(("name", "floor"), [
    ("ambiguous.jsonl", 0.80), ("variants.jsonl", 0.70), ("relative.jsonl", 0.88),
])
def test_fixture_scores(name: str, floor: float, geo: GeoResources) -> None:
    assert share_right(_rows(name), geo) >= floor
