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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by the pipeline from our sample corpora, as `make demo` builds it. Read it
    only; copy it (`copy_store`) to change it."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    subprocess.run([sys.executable, "-m", "frontlines", "ingest", str(EXAMPLES),
                    str(ROOT / "tests" / "fusion" / "articles.jsonl"), "--db", str(path)],
                   check=True, capture_output=True, cwd=ROOT)
    return path


def copy_store(source: Path, folder: Path) -> Path:
    import shutil

    target = folder / source.name
    shutil.copyfile(source, target)
    return target
