"""The web process: the REST API under /api/ and the web app at /, over one DuckDB store.

Reads go through a cursor per request on one connection (DuckDB cursors may run in parallel
threads); reviews are written under a lock, one transaction each. Without a review token the store
is opened read-only, so `frontlines serve` can never change it.

Every error has one JSON shape, `{"error": {"status", "code", "message"}}`, whatever raised it:
our checks, FastAPI's validation, an unknown path. An unexpected exception is answered the same
way (500) and logged; tests drive the API with schemathesis to keep that from happening.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontlines.errors import StoreError
from frontlines.extract.ontology import EVENT_TYPES
from frontlines.fuse.control import ControlChange
from frontlines.fuse.stored import refresh_events
from frontlines.review import ReviewError, merge_events, review_event, split_event
from frontlines.serve import exports, reads, schemas
from frontlines.serve.queries import EventFilters, FilterError, parse_filters
from frontlines.store import Store
from frontlines.store.migrations import LATEST_VERSION

STATIC = Path(__file__).parent / "static"
_LOG = logging.getLogger("frontlines.serve")
_ERRORS = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden",
           409: "conflict", 422: "invalid_parameter", 500: "internal_error"}
_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.ErrorResponse} for status in (404, 422)}
_REVIEW_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": schemas.ErrorResponse} for status in (401, 403, 404, 409, 422)}
# The web app's own pages may run only their own scripts: article text is data, and even if a
# view ever put it into the page as HTML, an injected script would not run.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status)


class Database:
    """The store the process serves. Opened once; read-only unless reviews may write."""

    def __init__(self, path: str, writable: bool) -> None:
        if not Path(path).exists():
            raise StoreError(
                f"no store at {path}; make one with `frontlines ingest PATH --db {path}`")
        _bring_up_to_date(path)
        self.store = Store(path, read_only=not writable)
        # Requests run side by side in threads, each on a cursor. A page reads a row group or
        # two: one DuckDB thread reads them for two-thirds of the CPU time that splitting the
        # scan across threads costs, so under load more requests are answered a second.
        self.store.connection.execute("SET threads = 1")
        self.writable = writable
        self._lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cursor = self.store.connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self._lock:
            yield self.store

    def close(self) -> None:
        self.store.close()


def _bring_up_to_date(path: str) -> None:
    """A store written before events were kept gets them now (a one-off write)."""
    with Store(path, read_only=True) as store:
        current = store.version() >= LATEST_VERSION and bool(
            store.query("SELECT count(*) = 0 OR (SELECT count(*) FROM events) > 0 "
                        "FROM mentions")[0][0])
    if not current:
        with Store(path) as store:
            refresh_events(store)


def _filters(
    bbox: Annotated[str | None, Query(
        description="min_lon,min_lat,max_lon,max_lat",
        pattern=r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$")] = None,
    date_from: Annotated[dt.date | None, Query(description="first day, inclusive")] = None,
    date_to: Annotated[dt.date | None, Query(description="last day, inclusive")] = None,
    country: Annotated[list[str] | None, Query(
        description="ISO alpha-3 code or name; repeatable")] = None,
    admin1: Annotated[str | None, Query(description="first-level division")] = None,
    event_type: Annotated[list[Literal[EVENT_TYPES]] | None, Query()] = None,  # type: ignore[valid-type]
    sub_event_type: Annotated[list[str] | None, Query()] = None,
    actor: Annotated[str | None, Query(description="actor1 or actor2")] = None,
    source: Annotated[str | None, Query(description="an outlet that reported it")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    contested: bool | None = None,
    reviewed: bool | None = None,
    q: Annotated[str | None, Query(description="words in place, actors or trigger",
                                   max_length=500)] = None,
    include_rejected: bool = False,
) -> EventFilters:
    try:
        return parse_filters({
            "bbox": bbox, "date_from": date_from, "date_to": date_to, "country": country,
            "admin1": admin1, "event_type": event_type, "sub_event_type": sub_event_type,
            "actor": actor, "source": source, "min_fatalities": min_fatalities,
            "contested": contested, "reviewed": reviewed, "q": q,
            "include_rejected": include_rejected})
    except FilterError as error:
        raise ApiError(422, "invalid_parameter", str(error)) from None


Filters = Annotated[EventFilters, Depends(_filters)]


def create_app(db_path: str, review_token: str | None = None) -> FastAPI:
    """The API and web app over the store at `db_path`; reviews allowed with `review_token`."""
    database = Database(db_path, writable=review_token is not None)
    app = FastAPI(
        title="frontlines", version="1", docs_url=None, redoc_url=None,
        description="Conflict events fused from news reports, in ACLED's columns, with the "
                    "sources and text spans behind every value.")
    app.state.database = database
    _add_error_handlers(app)
    _add_pages(app)

    def authorised(authorization: str | None) -> None:
        if review_token is None:
            raise ApiError(403, "read_only", "this server is read-only: start it with "
                                             "--review-token to allow reviews")
        if not authorization:
            raise ApiError(401, "unauthorized", "give the review token: "
                                                "Authorization: Bearer TOKEN")
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(),
                                                                 review_token.encode()):
            raise ApiError(403, "forbidden", "wrong review token")

    @app.get("/api/events", response_model=schemas.EventPage, responses={
        **_ERROR_RESPONSES, 200: {"content": {"text/csv": {}, "application/geo+json": {}}}})
    def list_events(
        filters: Filters,
        sort: Literal["event_date", "-event_date", "fatalities", "-fatalities"] = "-event_date",
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
        format: Literal["json", "geojson", "csv"] = "json",
    ) -> Any:
        """Events matching the filters, a page at a time (follow `next_cursor`)."""
        with database.reader() as db:
            page = _run(lambda: reads.page_of_events(db, filters, sort, limit, cursor))
        headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
        if format == "csv":
            return Response("".join(exports.acled_csv(page.events())), media_type="text/csv",
                            headers=headers)
        if format == "geojson":
            return Response("".join(exports.geojson(page.events())),
                            media_type="application/geo+json", headers=headers)
        # The page is answered as the store keeps it, not through the response model: checking
        # and encoding a hundred events with pydantic cost more than the query. The stored
        # summaries have the model's shape by construction (tests check answers against the
        # spec).
        return Response(page.json(), media_type="application/json", headers=headers)

    @app.get("/api/map", response_model=schemas.MapColumns, responses=_ERROR_RESPONSES)
    def map_points(filters: Filters) -> Any:
        """Every matching event (up to 200,000) as columns, for drawing a map and timeline."""
        with database.reader() as db:
            return reads.map_columns(db, filters)

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail,
             responses=_ERROR_RESPONSES)
    def get_event(event_id: str) -> Any:
        """One event with its reports, their sentences and evidence spans, and its claims."""
        with database.reader() as db:
            return _found(reads.event_detail(db, event_id), "event", event_id)

    @app.get("/api/articles/{article_id}", response_model=schemas.ArticleView,
             responses=_ERROR_RESPONSES)
    def get_article(article_id: str) -> Any:
        """An article's text and the evidence span of every event it tells."""
        with database.reader() as db:
            return _found(reads.article_detail(db, article_id), "article", article_id)

    @app.get("/api/control", response_model=schemas.ControlView, responses={
        **_ERROR_RESPONSES, 200: {"content": {"application/geo+json": {}}}})
    def control(at: dt.date, country: Annotated[str | None, Query(max_length=3)] = None,
                format: Literal["json", "geojson"] = "json") -> Any:
        """Who held each place on a day: its last change of control on or before it."""
        with database.reader() as db:
            places = reads.control_at(db, at, country.upper() if country else None)
        if format == "geojson":
            features = [{"type": "Feature", "properties": p, "geometry": {
                "type": "Point", "coordinates": [p["longitude"], p["latitude"]]}}
                for p in places if p["latitude"] is not None and p["longitude"] is not None]
            return JSONResponse({"type": "FeatureCollection", "features": features},
                                media_type="application/geo+json")
        return {"at": at.isoformat(), "places": places}

    @app.get("/api/control/changes", response_model=list[ControlChange])
    def control_changes() -> Any:
        """Every change of control, by date."""
        with database.reader() as db:
            return reads.control_changes(db)

    @app.get("/api/stats", response_model=schemas.Stats, responses=_ERROR_RESPONSES)
    def stats(filters: Filters) -> Any:
        """Counts of the matching events by type, week and country."""
        with database.reader() as db:
            return reads.stats(db, filters)

    @app.get("/api/actors", response_model=list[schemas.ActorCount], responses=_ERROR_RESPONSES)
    def actors(q: Annotated[str | None, Query(max_length=200)] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Any:
        """Actors, most events first; `q` keeps those whose name contains it."""
        with database.reader() as db:
            return reads.actors(db, q, limit)

    @app.get("/api/review/status", response_model=schemas.ReviewStatus)
    def review_status(authorization: Annotated[str | None, Header()] = None) -> Any:
        """Whether the server takes reviews, and whether the token sent is the right one (a
        check that changes nothing)."""
        try:
            authorised(authorization)
        except ApiError:
            return {"writable": review_token is not None, "authorised": False}
        return {"writable": True, "authorised": True}

    @app.get("/api/reviews", response_model=list[schemas.LogEntry])
    def reviews(event_id: str | None = None) -> Any:
        """The audit log of reviews: who changed what, when, before and after."""
        with database.reader() as db:
            return reads.review_log(db, event_id)

    @app.post("/api/events/merge", response_model=schemas.MergeResult,
              responses=_REVIEW_RESPONSES)
    def merge(body: schemas.MergeRequest,
              authorization: Annotated[str | None, Header()] = None) -> Any:
        """Make one event of several (the first keeps its id)."""
        authorised(authorization)
        with database.writer() as store:
            return {"event_id": _review(lambda: merge_events(
                store, body.event_ids, body.reviewer, body.comment))}

    @app.post("/api/events/{event_id}/review", response_model=schemas.EventDetail,
              responses=_REVIEW_RESPONSES)
    def review(event_id: str, body: schemas.ReviewRequest,
               authorization: Annotated[str | None, Header()] = None) -> Any:
        """Confirm, edit or reject an event; the machine's values are kept."""
        authorised(authorization)
        with database.writer() as store:
            _review(lambda: review_event(store, event_id, body.action, body.reviewer,
                                         body.fields, body.comment))
        return get_event(event_id)

    @app.post("/api/events/{event_id}/split", response_model=schemas.MergeResult,
              responses=_REVIEW_RESPONSES)
    def split(event_id: str, body: schemas.SplitRequest,
              authorization: Annotated[str | None, Header()] = None) -> Any:
        """Make some reports of an event an event of their own; returns its id."""
        authorised(authorization)
        with database.writer() as store:
            return {"event_id": _review(lambda: split_event(
                store, event_id, [(m.article_id, m.number) for m in body.mentions],
                body.reviewer, body.comment))}

    return app


def _found(value: Any, kind: str, key: str) -> Any:
    """`value`, or a 404 when the store has no such `kind`."""
    if value is None:
        raise ApiError(404, "not_found", f"no {kind} {key!r}")
    return value


def _run(call: Any) -> Any:
    try:
        return call()
    except FilterError as error:
        raise ApiError(422, "invalid_parameter", str(error)) from None


def _review(call: Any) -> Any:
    try:
        return call()
    except ReviewError as error:
        raise ApiError(error.status, error.code, str(error)) from None


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, error: ApiError) -> JSONResponse:
        return _error(error.status, error.code, error.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = []
        for item in error.errors()[:5]:
            where = ".".join(str(part) for part in item.get("loc", ())[1:]) or "request"
            problems.append(f"{where}: {item.get('msg', 'invalid')}")
        return _error(422, "invalid_parameter", "; ".join(problems) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        status = error.status_code
        return _error(status, _ERRORS.get(status, "error"), str(error.detail))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        _LOG.exception("unexpected error")
        return _error(500, "internal_error", f"{type(error).__name__}: the server failed; "
                                             "its log has the details")


def _add_pages(app: FastAPI) -> None:
    """The web app (built from web/ into static/ at setup) and the API's documentation page,
    both served from this process: nothing comes from a CDN."""
    built = (STATIC / "index.html").exists()
    if built:
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    app.add_middleware(_SecurityHeaders)

    def missing() -> JSONResponse:
        return _error(404, "not_found", "the web app is not built: run `make setup` (or "
                                        "`cd web && npm ci && npm run build`)")

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> FileResponse | JSONResponse:
        return FileResponse(STATIC / "index.html") if built else missing()

    @app.get("/docs", include_in_schema=False, response_model=None)
    def docs() -> HTMLResponse | JSONResponse:
        if not (STATIC / "swagger" / "swagger-ui-bundle.js").exists():
            return missing()
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="frontlines API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png")


class _SecurityHeaders:
    """Headers on every answer: no content sniffing, and the web app's pages under the CSP.

    A plain ASGI middleware: Starlette's `@app.middleware("http")` runs each request through a
    second task and stream, a millisecond of the server's time per request under load."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = not scope["path"].startswith(("/api/", "/docs", "/openapi.json"))

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ())
                           if k.lower() not in (b"x-content-type-options",
                                                b"content-security-policy")]
                headers.append((b"x-content-type-options", b"nosniff"))
                if page:
                    headers.append((b"content-security-policy", _CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
