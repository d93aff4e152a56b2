"""The docs and the code agree: commands, settings and skip reasons named in the docs exist."""

from __future__ import annotations

import dataclasses
import re

from frontlines.cli import cli
from frontlines.settings import Settings

from .conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_every_documented_command_exists() -> None:
    named = {m for doc in DOCS for m in re.findall(r"frontlines ([a-z]+)\b", doc.read_text("utf-8"))}
    named -= {"turns", "is"}  # prose ("frontlines turns ...")
    assert named <= set(cli.commands), named - set(cli.commands)
    assert {"ingest", "articles", "show", "extract", "failures"} <= named


def test_documented_settings_are_the_settings() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))
    assert documented == {field.name for field in dataclasses.fields(Settings)}


def test_documented_skip_reasons_are_the_ones_raised() -> None:
    text = (ROOT / "docs" / "usage.md").read_text("utf-8")
    documented = set(re.findall(r"`([a-z-]+)`", text.split("## What is skipped")[1].split("##")[0]))
    source = "".join(p.read_text("utf-8") for p in (ROOT / "src" / "frontlines").rglob("*.py"))
    raised = set(re.findall(r'(?:InputError\(|Skipped\([^,]+, "[a-z]+", )\s*"([a-z-]+)"', source))
    assert raised and raised <= documented, raised - documented
