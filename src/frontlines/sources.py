"""Sources stage: walk files, folders and stdin and yield one `RawDocument` per article, or a
`Skipped` for every input that cannot be one (binary, empty, too large, undecodable, malformed JSON,
unknown extension). Nothing here raises on a bad input: a batch never dies on one file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from frontlines.errors import InputError
from frontlines.records import RawDocument, RawFormat, Skipped

EXTENSIONS: dict[str, RawFormat] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"BZh", b"\x7fELF",
    b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"\x00\x00\x01\x00", b"7z\xbc\xaf", b"ID3",
)  # fmt: skip
_JSON_FIELDS = ("id", "title", "published", "url", "source")

ReadResult = RawDocument | Skipped


@dataclass(frozen=True, slots=True)
class FileTask:
    """A page or text file left for a worker process to read: sending a path instead of its
    content keeps the parent process (which stores) free of reading and hashing."""

    path: Path


@dataclass(frozen=True, slots=True)
class InputOptions:
    max_bytes: int
    published: str | None = None  # --published: overrides what the input says
    url: str | None = None  # --url


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_binary(data: bytes) -> None:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise InputError(
            "binary",
            "the file holds binary data (an image, archive, PDF or executable), not article text; "
            "convert it to HTML or text first",
        )


def decode(data: bytes, is_html: bool) -> tuple[str, str]:
    """Bytes to text: UTF-8 when valid (with or without BOM), else the detected legacy encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    declared = _declared_charset(data) if is_html else None
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[:200_000]).best()
    # chaos is charset-normalizer's share of odd characters in the decoded text: above ~0.2 the
    # bytes are not text in any encoding worth trusting.
    if best is None or best.chaos > 0.2:
        raise InputError(
            "undecodable",
            "the bytes are not valid UTF-8 and no other text encoding fits them; "
            "re-save the file as UTF-8",
        )
    return data.decode(best.encoding, errors="replace"), best.encoding


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", errors="ignore").lower()
    marker = head.find("charset=")
    if marker < 0:
        return None
    value = head[marker + 8:].lstrip("\"' ")
    name = "".join(ch for ch in value[:40] if ch.isalnum() or ch in "-_")
    return name or None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype", "<html", "<?xml")) or "<body" in head or "<p>" in head


def _document_from_text(
    ref: str, raw_format: RawFormat, data: bytes, options: InputOptions, declared_html: bool
) -> RawDocument:
    """A page or text file; a text file that turns out to hold HTML is read as HTML."""
    text, encoding = decode(data, declared_html)
    is_html = declared_html or _looks_like_html(text)
    if is_html and not declared_html and encoding not in ("utf-8", "utf-16"):
        text, encoding = decode(data, True)  # a legacy page may declare its charset
    if not text.strip():
        raise InputError("empty", "the input is empty or only whitespace")
    return RawDocument(
        ref=ref,
        raw_format=raw_format,
        content=text,
        raw_sha256=sha256(data),
        is_html=is_html,
        encoding=encoding,
        url=options.url,
        published=options.published,
    )


def _document_from_json(
    ref: str, raw_format: RawFormat, record: Any, raw: bytes, options: InputOptions
) -> RawDocument:
    if not isinstance(record, dict):
        raise InputError("malformed-json", "expected a JSON object with a 'text' or 'html' field")
    input_id = record.get("id")
    if input_id is not None and not isinstance(input_id, str):
        input_id = str(input_id)
    fields = {key: record.get(key) for key in _JSON_FIELDS}
    for key in ("title", "published", "url", "source"):
        if fields[key] is not None and not isinstance(fields[key], str):
            raise InputError("malformed-json", f"field {key!r} must be a string")
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise InputError(
            "no-text-field",
            "the JSON object has no non-empty 'text' or 'html' field; "
            "give the article body in one of them",
        )
    return RawDocument(
        ref=ref,
        raw_format=raw_format,
        content=body,
        raw_sha256=sha256(raw),
        is_html=body is html,
        input_id=input_id,
        url=options.url or fields["url"],
        title=fields["title"],
        published=options.published or fields["published"],
        source=fields["source"],
        encoding="utf-8",
    )


def _read_json_lines(ref: str, data: bytes, options: InputOptions) -> Iterator[ReadResult]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        line_ref = f"{ref}:{number}"
        try:
            try:
                record = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as error:
                raise InputError("undecodable", f"line {number} is not valid UTF-8") from error
            except ValueError as error:
                raise InputError(
                    "malformed-json",
                    f"line {number} is not valid JSON ({error.msg} at column {error.colno}); "
                    "each line must be one complete JSON object",
                ) from error
            yield _document_from_json(line_ref, "jsonl", record, line, options)
        except InputError as error:
            input_id = _peek_id(line)
            yield Skipped(line_ref, "read", error.reason, str(error), sha256(line), input_id)


_ID_FIELD = re.compile(rb'^\s*\{.*?"id"\s*:\s*(?:"((?:[^"\\]|\\.){0,200})"|(\d{1,30}))')


def _peek_id(line: bytes) -> str | None:
    """The line's own id, even from a line cut short, so batch users can align errors."""
    try:
        record = json.loads(line)
    except ValueError:
        match = _ID_FIELD.match(line)
        if not match:
            return None
        return (match.group(1) or match.group(2)).decode("utf-8", "replace")
    return str(record["id"]) if isinstance(record, dict) and "id" in record else None


def read_bytes(ref: str, data: bytes, raw_format: RawFormat | None,
               options: InputOptions) -> Iterator[ReadResult]:
    """Everything read from one file or stdin. `raw_format` None means: sniff the content."""
    try:
        if len(data) > options.max_bytes:
            raise InputError("too-large", _too_large_message(len(data), options.max_bytes))
        if not data.strip():
            raise InputError("empty", "the input is empty or only whitespace")
        _check_binary(data)
        if raw_format is None:
            raw_format = _sniff(data)
        if raw_format == "jsonl":
            yield from _read_json_lines(ref, data, options)
            return
        if raw_format == "json":
            yield from _read_json_document(ref, data, options)
            return
        yield _document_from_text(ref, raw_format, data, options, raw_format == "html")
    except InputError as error:
        yield Skipped(ref, "read", error.reason, str(error), sha256(data))


def _read_json_document(ref: str, data: bytes, options: InputOptions) -> Iterator[ReadResult]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError("undecodable", "the JSON file is not valid UTF-8") from error
    except ValueError as error:
        # A .json file holding JSON Lines is common enough to accept.
        if b"\n" in data.strip() and data.lstrip().startswith(b"{"):
            yield from _read_json_lines(ref, data, options)
            return
        raise InputError(
            "malformed-json",
            f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
        ) from error
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records, start=1):
        item_ref = f"{ref}:{index}" if isinstance(parsed, list) else ref
        raw = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
        try:
            yield _document_from_json(item_ref, "json", record, raw, options)
        except InputError as error:
            yield Skipped(item_ref, "read", error.reason, str(error), sha256(raw))


def _sniff(data: bytes) -> RawFormat:
    head = data[:4096].lstrip()
    if head.startswith((b"{", b"[")):
        first_line = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") and b"\n" in data.strip() else "json"
    text = head.decode("utf-8", errors="ignore").lower()
    return "html" if _looks_like_html(text) else "text"


def _too_large_message(size: int, limit: int) -> str:
    return (
        f"the input is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit for one article; "
        "raise max_bytes in the config if this really is one article"
    )


def _read_file(path: Path, options: InputOptions) -> Iterator[ReadResult]:
    ref = str(path)
    raw_format = EXTENSIONS.get(path.suffix.lower())
    try:
        size = path.stat().st_size
        if raw_format is None:
            raise InputError(
                "unknown-extension",
                f"unknown file type {path.suffix or '(no extension)'!r}; frontlines reads "
                + ", ".join(sorted(EXTENSIONS)),
            )
        if size > options.max_bytes:
            raise InputError("too-large", _too_large_message(size, options.max_bytes))
        with path.open("rb") as handle:
            data = handle.read()
    except InputError as error:
        yield Skipped(ref, "read", error.reason, str(error), _stat_key(path))
        return
    except OSError as error:
        yield Skipped(ref, "read", "unreadable", f"cannot read the file: {error.strerror}",
                      _stat_key(path))
        return
    yield from read_bytes(ref, data, raw_format, options)


def _stat_key(path: Path) -> str:
    """Identity for a file we did not read: its path and size."""
    try:
        size = path.stat().st_size
    except OSError:
        size = -1
    return sha256(f"unread:{path}:{size}".encode())


def _walk(folder: Path) -> Iterator[Path]:
    """Files below `folder` in a stable order; hidden files and folders are not articles."""
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def plan_inputs(
    paths: Iterable[str], options: InputOptions, stdin: BinaryIO | None = None
) -> Iterator[ReadResult | FileTask]:
    """Like `read_inputs`, but HTML and text files come as `FileTask`s to be read where they are
    cleaned. JSON and JSONL files are read here: one file holds many articles."""
    for name in paths:
        if name == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(options.max_bytes + 1)
            yield from read_bytes("<stdin>", data, None, options)
            continue
        path = Path(name)
        if path.is_dir():
            files: Iterable[Path] = _walk(path)
        elif path.exists():
            files = [path]
        else:
            yield Skipped(name, "read", "not-found", f"no such file or folder: {name}",
                          sha256(f"missing:{name}".encode()))
            continue
        for file in files:
            if EXTENSIONS.get(file.suffix.lower()) in ("html", "text"):
                yield FileTask(file)
            else:
                yield from _read_file(file, options)


def read_file(path: Path, options: InputOptions) -> list[ReadResult]:
    return list(_read_file(path, options))


def read_inputs(
    paths: Iterable[str], options: InputOptions, stdin: BinaryIO | None = None
) -> Iterator[ReadResult]:
    """Every article (or skip) from the given paths, in order; "-" reads standard input."""
    for item in plan_inputs(paths, options, stdin):
        if isinstance(item, FileTask):
            yield from _read_file(item.path, options)
        else:
            yield item
