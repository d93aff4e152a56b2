"""Golden files: every sample article in examples/ against its hand-written expectation
(tests/expected/*.json): title, publication date, language, where the body starts and ends, what the
cleaner must remove and which captions it must keep apart."""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.clean import clean_document
from frontlines.clean.text import fold
from frontlines.records import Article, RawDocument
from frontlines.sources import InputOptions, read_inputs

from .conftest import ROOT, load_expectations

EXPECTATIONS = load_expectations()


def _raw_document(entry: dict) -> RawDocument:
    reads = list(read_inputs([str(ROOT / entry["path"])], InputOptions(max_bytes=20_000_000)))
    read = reads[entry["line"] - 1] if "line" in entry else reads[0]
    assert isinstance(read, RawDocument), read
    return read


def _label(entry: dict) -> str:
    return entry["path"].split("/", 1)[1] + (f":{entry['line']}" if "line" in entry else "")


@pytest.fixture(scope="module")
def cleaned(resources) -> dict[str, Article]:
    fetched = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    return {_label(e): clean_document(_raw_document(e), resources, fetched) for e in EXPECTATIONS}


def test_corpus_is_large_and_varied() -> None:
    kinds = {entry["path"].split("/")[1] for entry in EXPECTATIONS}
    assert len(EXPECTATIONS) >= 25
    assert {"html", "scraped", "batch", "other_languages"} <= kinds


@pytest.mark.parametrize("entry", EXPECTATIONS, ids=_label)
def test_metadata(entry: dict, cleaned: dict[str, Article]) -> None:
    article = cleaned[_label(entry)]
    assert article.title == entry["title"]
    if "standfirst" in entry:
        assert article.standfirst == entry["standfirst"]
    published = article.published.isoformat()[:10] if article.published else None
    assert published == entry["published"], article.published_evidence
    assert article.language == entry["language"]
    if entry.get("source"):
        assert article.source == entry["source"]


@pytest.mark.parametrize("entry", EXPECTATIONS, ids=_label)
def test_body_bounds_and_removals(entry: dict, cleaned: dict[str, Article]) -> None:
    article = cleaned[_label(entry)]
    body = article.text
    assert body.startswith(entry["body_starts"]), body[:200]
    assert body.endswith(entry["body_ends"]), body[-200:]
    body_lines = {fold(line) for line in body.split("\n")}
    removed = {fold(line.text) for line in article.removed}
    for line in entry.get("must_remove", []):
        assert fold(line) not in body_lines, f"left in the body: {line!r}"
        if fold(line) not in {fold(entry["title"]), fold(entry.get("standfirst") or "")}:
            assert fold(line) in removed, f"not recorded as removed: {line!r}"
    for fragment in entry.get("must_not_contain", []):
        assert fragment not in body, f"page furniture in the body: {fragment!r}"


@pytest.mark.parametrize("entry", [e for e in EXPECTATIONS if e.get("captions")], ids=_label)
def test_captions_kept_apart(entry: dict, cleaned: dict[str, Article]) -> None:
    article = cleaned[_label(entry)]
    captions = {fold(c) for c in article.captions}
    for caption in entry["captions"]:
        assert fold(caption) in captions, article.captions
        assert caption not in article.text
