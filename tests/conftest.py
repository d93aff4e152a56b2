"""Shared fixtures: resources are loaded once per test session (they are read-only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.resources import Resources, load_resources
from frontlines.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources(Settings())


def load_expectations() -> list[dict]:
    entries: list[dict] = []
    for path in sorted((ROOT / "tests" / "expected").glob("*.json")):
        entries.extend(json.loads(path.read_text("utf-8")))
    return entries
