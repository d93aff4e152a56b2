"""The shapes the API answers with, for its OpenAPI spec (and for schemathesis to check them).
Where a record of the pipeline is answered as it is (a source, a claim, evidence, control), the
record's own dataclass is the shape."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from frontlines.fuse.control import ControlState
from frontlines.records import Claim, Evidence, Source


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class EventSummary(BaseModel):
    event_id: str
    event_date: str | None
    time_precision: int | None
    disorder_type: str | None
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
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    geo_precision: int | None
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    contested: bool
    disagreements: list[str]
    notes: str
    source_count: int
    outlets: list[str]
    review_status: Literal["confirmed", "edited", "rejected"] | None


class EventPage(BaseModel):
    events: list[EventSummary]
    next_cursor: str | None
    total: int | None


class MentionView(BaseModel):
    article_id: str
    number: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    input_id: str | None
    sentence: str
    sentence_start: int
    evidence: list[Evidence]


class Review(BaseModel):
    status: str
    reviewer: str
    reviewed_at: str
    comment: str | None


class EventDetail(EventSummary):
    sources: list[Source]
    claims: list[Claim]
    machine: dict[str, Any]
    review: Review | None
    mentions: list[MentionView]


class MapColumns(BaseModel):
    count: int
    truncated: bool
    types: list[str]
    ids: list[str]
    lat: list[float]
    lon: list[float]
    day: list[int | None]
    type: list[int]
    fatalities: list[int]
    contested: list[int]


class Span(BaseModel):
    start: int
    end: int
    field: str
    part: str
    text: str
    mention: int
    event_id: str | None


class ArticleView(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    input_id: str | None
    text: str
    spans: list[Span]


class WeekCount(BaseModel):
    week: str
    count: int


class Stats(BaseModel):
    total: int
    date_min: str | None
    date_max: str | None
    by_type: dict[str, int]
    by_week: list[WeekCount]
    by_country: dict[str, int]
    country_names: dict[str, str]


class ActorCount(BaseModel):
    actor: str
    inter: int | None
    events: int


class ControlView(BaseModel):
    at: str
    places: list[ControlState]


class LogEntry(BaseModel):
    id: int
    event_id: str
    reviewer: str
    reviewed_at: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    comment: str | None


class Reviewed(BaseModel):
    """Who does a review action, and why."""

    reviewer: str = Field(min_length=1, max_length=200)
    comment: str | None = Field(default=None, max_length=5000)


class ReviewRequest(Reviewed):
    action: Literal["confirm", "edit", "reject"]
    fields: dict[str, Any] = Field(default_factory=dict)


class MergeRequest(Reviewed):
    event_ids: list[str] = Field(min_length=2, max_length=100)


class MentionRef(BaseModel):
    article_id: str
    number: int


class SplitRequest(Reviewed):
    mentions: list[MentionRef] = Field(min_length=1, max_length=1000)


class MergeResult(BaseModel):
    event_id: str


class ReviewStatus(BaseModel):
    writable: bool  # the server takes reviews (it was started with a token)
    authorised: bool  # the Authorization header sent with this request holds that token
