"""Bad input never kills a batch: each class of broken input becomes a skip with its reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from frontlines.records import RawDocument, Skipped
from frontlines.sources import InputOptions, decode, read_inputs

from .conftest import EXAMPLES

OPTIONS = InputOptions(max_bytes=20 * 1024 * 1024)


def _read(path: Path, options: InputOptions = OPTIONS) -> list[RawDocument | Skipped]:
    return list(read_inputs([str(path)], options))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("photo_saved_as_page.html", "binary"),
        ("empty_article.txt", "empty"),
        ("whitespace_only.txt", "empty"),
        ("corrupted_download.txt", "undecodable"),
        ("notes.docx", "unknown-extension"),
    ],
)
def test_broken_sample_files_are_skipped_with_reason(name: str, reason: str) -> None:
    (result,) = _read(EXAMPLES / "broken" / name)
    assert isinstance(result, Skipped)
    assert result.reason == reason
    assert result.message  # says what failed and what to do


def test_truncated_json_line_skips_only_that_line() -> None:
    results = _read(EXAMPLES / "broken" / "truncated_feed.jsonl")
    assert [type(r) for r in results] == [RawDocument, Skipped]
    assert results[0].input_id == "cut-0001"
    assert results[1].reason == "malformed-json"
    assert results[1].ref.endswith("truncated_feed.jsonl:2")


def test_huge_file_is_skipped_unread(tmp_path: Path) -> None:
    huge = tmp_path / "dump.html"
    with huge.open("wb") as handle:  # a sparse 100 MB file: its size is what counts
        handle.seek(100 * 1024 * 1024)
        handle.write(b"</html>")
    (result,) = _read(huge)
    assert isinstance(result, Skipped) and result.reason == "too-large"
    assert "MB" in result.message


def test_huge_stdin_is_refused() -> None:
    options = InputOptions(max_bytes=1000)
    results = list(read_inputs(["-"], options, stdin=io.BytesIO(b"word " * 1000)))
    assert isinstance(results[0], Skipped) and results[0].reason == "too-large"


def test_missing_path_is_a_skip(tmp_path: Path) -> None:
    (result,) = list(read_inputs([str(tmp_path / "nope.html")], OPTIONS))
    assert isinstance(result, Skipped) and result.reason == "not-found"


def test_legacy_encoding_is_detected() -> None:
    (result,) = _read(EXAMPLES / "html" / "goma_falls_to_m23_regional_cp1252.html")
    assert isinstance(result, RawDocument)
    assert result.encoding in ("windows-1252", "cp1252")
    assert "’" in result.content and "Ã" not in result.content


def test_arabic_legacy_encoding_without_declaration() -> None:
    text = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في ريف حلب الشمالي صباح اليوم. " * 20
    data = text.encode("cp1256")
    decoded, encoding = decode(data, is_html=False)
    assert decoded.strip() == text.strip()
    assert "1256" in encoding


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no body"}, "no-text-field"),
        ({"text": "   "}, "no-text-field"),
        ({"text": "fine", "title": 42}, "malformed-json"),
        (["not", "an", "object"], "malformed-json"),
    ],
)
def test_json_records_without_article(tmp_path: Path, record: object, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    (result,) = _read(path)
    assert isinstance(result, Skipped) and result.reason == reason


def test_json_file_with_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"id": "b", "html": "<p>Two.</p>"}]))
    results = _read(path)
    assert [r.input_id for r in results] == ["a", "b"]
    assert [r.is_html for r in results] == [False, True]


def test_stdin_is_sniffed() -> None:
    html = b"<!DOCTYPE html><html><body><p>Rebels took the town.</p></body></html>"
    (result,) = list(read_inputs(["-"], OPTIONS, stdin=io.BytesIO(html)))
    assert isinstance(result, RawDocument) and result.is_html


def test_folder_of_ten_thousand_files(tmp_path: Path) -> None:
    """A crawl folder: thousands of junk files around a few articles. Every file is accounted for."""
    for number in range(9_990):
        suffix = (".txt", ".gif", ".html")[number % 3]
        (tmp_path / f"f{number:05d}{suffix}").write_bytes(b"" if suffix != ".gif" else b"GIF89a")
    for number in range(10):
        (tmp_path / f"real{number}.txt").write_text(f"Article {number}. Fighting went on.", "utf-8")
    (tmp_path / ".hidden").write_text("not an article")
    results = _read(tmp_path)
    assert len(results) == 10_000
    assert sum(isinstance(r, RawDocument) for r in results) == 10
    reasons = {r.reason for r in results if isinstance(r, Skipped)}
    assert reasons == {"empty", "unknown-extension"}
