"""The typed records that flow between stages. Frozen and slotted: a stage returns new records,
it never mutates its input. JSON conversion lives at the edges (`to_json`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from functools import cache
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
    mentions: int = 0  # event mentions stored with the new articles
    skipped: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def count_skip(self, reason: str) -> None:
        self.skipped += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def plain(record: Any) -> dict[str, Any]:
    """A record of plain values as a dict (one level: its values are not copied)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of `Article.text` (or of its title or a caption, as `part` says) that support
    one field of an event mention."""

    field: str
    start: int
    end: int
    text: str
    part: str = "text"  # "text", "title" or "caption"


@dataclass(frozen=True, slots=True)
class Claim:
    """One account of an event, as a source gives it: the grounds of a contested mention."""

    source: str | None  # None: the article's own voice
    stance: str  # "asserts", "claims" or "denies"
    text: str  # the sentence that gives the account
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as one article tells it, with ACLED's columns and the evidence for each value.

    The geographic columns after `location` stay empty until the geocoding stage resolves the
    place anchor (`location` is its text as written)."""

    article_id: str
    number: int  # the mention's place among the article's mentions, from 0
    event_date: str | None  # ISO date; None when neither the text nor its metadata dates it
    time_precision: int
    date_rule: str
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: bool
    location: str | None
    country: str | None
    iso3: str | None
    fatalities: int
    fatalities_low: int | None
    fatalities_high: int | None
    notes: str
    attribution: tuple[dict[str, Any], ...]
    contested: bool
    claims: tuple[Claim, ...]
    confidence: float
    evidence: tuple[Evidence, ...]
    cameo_root: str | None = None
    plover: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None

    @classmethod
    def blank(cls, **fields: Any) -> Mention:
        """A mention of an armed clash with every other column empty, but for `fields`: the
        mentions of generated corpora (bench/fusion.py) and of tests."""
        values: dict[str, Any] = {
            "article_id": "", "number": 0, "event_date": None, "time_precision": 1,
            "date_rule": "weekday", "disorder_type": "Political violence", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": None, "assoc_actor_1": None, "inter1": None,
            "actor2": None, "assoc_actor_2": None, "inter2": None, "interaction": None,
            "civilian_targeting": False, "location": None, "country": None, "iso3": None,
            "fatalities": 0, "fatalities_low": None, "fatalities_high": None, "notes": "",
            "attribution": (), "contested": False, "claims": (), "confidence": 0.5,
            "evidence": ()}
        return cls(**(values | fields))

    def to_json(self) -> dict[str, Any]:
        # Field by field: `asdict` deep-copies every value, and cost the parent process of
        # `frontlines extract` a second per thousand articles.
        data = plain(self)
        data["attribution"] = [dict(a) for a in self.attribution]
        data["claims"] = [plain(claim) for claim in self.claims]
        data["evidence"] = [plain(evidence) for evidence in self.evidence]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        """The mention `to_json` wrote (keys that are not fields, such as a row's source, are
        left out)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["attribution"] = tuple(values.get("attribution") or ())
        values["claims"] = tuple(Claim(**c) for c in values.get("claims") or ())
        values["evidence"] = tuple(Evidence(**e) for e in values.get("evidence") or ())
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a GeoNames feature (a town, an admin area, a country, a continent)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_class: str  # GeoNames class: P populated place, A admin area or country, L continent...
    feature_code: str  # PPLC capital, PPL town, ADM1, ADM2, PCLI country, CONT continent...
    country: str | None  # ISO 3166 alpha-2
    admin1: str | None  # the first-level division's name
    admin2: str | None
    population: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in a text, with character offsets into that text, and the gazetteer entry it
    was resolved to (None when no candidate fits: `candidates` then lists the best few)."""

    start: int
    end: int
    text: str
    place: Place | None
    candidates: tuple[Place, ...] = ()
    score: float = 0.0  # the chosen entry's lead over the runner-up, 0-1: how sure the choice is
    # "place"; or "demonym" for an adjective of a country ("Syrian troops"): resolved to the
    # country, it tells which country a text is about, but it is never an event's location
    kind: str = "place"

    def to_json(self) -> dict[str, Any]:
        place = self.place
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "resolved": place is not None,
            "geonameid": place.geonameid if place else None,
            "name": place.name if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "feature_code": place.feature_code if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "score": round(self.score, 3),
            "candidates": [c.to_json() for c in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class Source:
    """One report of a fused event: the mention, and who published it when."""

    article_id: str
    number: int  # the mention's number within its article
    outlet: str | None
    published: str | None  # ISO date of the article
    sub_event_type: str
    actor1: str | None
    inter1: int | None
    actor2: str | None
    inter2: int | None
    fatalities: int
    stance: str  # how the article tells it: "asserts", "claims" or "denies"
    trigger: str  # the words that tell the event, at [start, end) of the article's text
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """A real-world event fused from the mentions of several articles, in ACLED's columns.

    Each value is taken from the mentions as an ACLED coder would: the most precise date and
    place, the most frequent type, and as `fatalities` the most conservative toll a source
    asserts, with the range every source gives in `fatalities_low`/`fatalities_high`.
    `disagreements` names what the sources do not agree on ("fatalities", "actor1", "place",
    "type"); the event is `contested` when there is any, or when a source contradicts another."""

    event_id: str
    event_date: str | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    inter1: int | None
    actor2: str | None
    inter2: int | None
    country: str | None
    iso3: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    geo_precision: int | None
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    contested: bool
    disagreements: tuple[str, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    # ACLED's other columns, from the reports that give the event's type and actors.
    disorder_type: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    admin2: str | None = None
    notes: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("disagreements", "sources", "claims"):
            data[key] = list(data[key])
        return data
