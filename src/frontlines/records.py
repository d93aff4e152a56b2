"""The typed records that flow between stages. Frozen and slotted: a stage returns new records,
it never mutates its input. JSON conversion lives at the edges (`to_json`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

RawFormat = Literal["html", "text", "json", "jsonl"]
PublishedValue = dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input as read from disk, stdin or a JSONL line, before cleaning.

    `ref` says where it came from (``path`` or ``path:line``) and is what failures point at;
    `raw_sha256` identifies the exact input bytes so a re-run recognises what it has seen.
    """

    ref: str
    raw_format: RawFormat
    content: str
    raw_sha256: str
    is_html: bool = False
    input_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into `Article.text` of the article `article_id`, with the text itself."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner took out of the body, kept for audit with the rule that removed it."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: the body and its metadata. `id` is stable (canonical URL, else body text)."""

    id: str
    text: str
    raw_format: RawFormat
    input_ref: str
    raw_sha256: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    standfirst: str | None = None
    author: str | None = None
    published: PublishedValue | None = None
    published_evidence: str | None = None
    language: str | None = None
    language_score: float | None = None
    status: str = "ok"
    captions: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    input_id: str | None = None
    encoding: str | None = None
    fetched_at: dt.datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The article as plain JSON types, in the field order users see in `extract` output."""
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "standfirst": self.standfirst,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "published_evidence": self.published_evidence,
            "language": self.language,
            "status": self.status,
            "text": self.text,
            "captions": list(self.captions),
            "removed": [asdict(line) for line in self.removed],
            "input_id": self.input_id,
            "input_ref": self.input_ref,
            "raw_format": self.raw_format,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that did not become an article: which stage refused it and why."""

    ref: str
    stage: str
    reason: str
    message: str
    raw_sha256: str | None = None
    input_id: str | None = None


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run; the CLI prints it, tests assert on it."""

    stored: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    skipped: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def count_skip(self, reason: str) -> None:
        self.skipped += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1
