"""Shared fixtures: resources are loaded once per test session (they are read-only)."""

from __future__ import annotations

import json
from collections.abc import Iterator
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


STATIC = ROOT / "src" / "frontlines" / "serve" / "static"
WEB_ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (which cannot download a browser
    here), for the web app built by `make setup`."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium")
    if not (STATIC / "index.html").exists() or not (STATIC / "app.js").exists():
        pytest.fail("the web app is not built: cd web && npm ci && npm run build")
    WEB_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
