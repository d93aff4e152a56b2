"""Command line: each command parses its arguments and calls the library; nothing else lives here.

Commands import the stages they call inside their bodies: every command starts a Python process, and
`frontlines ingest` should not wait for the evaluation, fusion and gazetteer code (spaCy among it)
before its workers can start.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from frontlines import __version__
from frontlines.errors import FrontlinesError
from frontlines.pipeline import Processed, process_inputs
from frontlines.records import IngestSummary, Skipped
from frontlines.settings import DEFAULT_DB, load_settings
from frontlines.sources import InputOptions, plan_inputs

if TYPE_CHECKING:
    from frontlines.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def _store(db: str, read_only: bool = True) -> Store:
    """The DuckDB store, imported when a command opens one: `extract` and `geoparse` never do,
    and should not wait for DuckDB and the fusion code before their workers can start."""
    from frontlines.store import Store

    return Store(db, read_only=read_only)


def db_option(command: F) -> F:
    return click.option(
        "--db", "db", default=DEFAULT_DB, show_default=True, metavar="FILE",
        envvar="FRONTLINES_DB", help="The DuckDB store to read or write.",
    )(command)  # fmt: skip


def config_option(command: F) -> F:
    return click.option(
        "--config", "config_file", type=click.Path(exists=True, dir_okay=False), default=None,
        help="A JSON file of settings (see docs/configuration.md).",
    )(command)  # fmt: skip


def format_option(*choices: str) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        return click.option(
            "--format", "output_format", type=click.Choice(choices), default=choices[0],
            show_default=True, help="Output format: a table for people, JSON or CSV for programs.",
        )(command)  # fmt: skip

    return decorate


def friendly_errors(command: F) -> F:
    """Our errors become a clean message and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FrontlinesError as error:
            raise click.ClickException(str(error)) from error

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="frontlines")
def cli() -> None:
    """frontlines: news reports of armed conflict in, a sourced event dataset out.

    \b
    Example:
      frontlines ingest examples/ --db demo.duckdb
    """


class _ProgressLine:
    """A one-line counter on stderr, redrawn at most twice a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, summary: IngestSummary, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 0.5):
            return
        self.last = now
        done = summary.stored + summary.already_stored + summary.skipped
        rate = done / max(now - self.started, 1e-9)
        click.echo(
            f"\r  {done:,} inputs: {summary.stored:,} stored, {summary.already_stored:,} already "
            f"stored, {summary.skipped:,} skipped  ({rate:,.1f}/s)",
            err=True, nl=final,
        )  # fmt: skip


def _summary_text(summary: IngestSummary, db: str) -> str:
    lines = [
        f"stored:           {summary.stored:,}",
        f"  near-duplicates: {summary.near_duplicates:,} (stored, linked to the article they copy)",
        f"  event mentions:  {summary.mentions:,} (list them: frontlines events --db {db})",
        f"already stored:   {summary.already_stored:,}",
        f"skipped:          {summary.skipped:,}",
    ]
    for reason, count in sorted(summary.skip_reasons.items()):
        lines.append(f"  {reason}: {count:,}")
    if summary.skipped:
        lines.append(f"(reasons per input: frontlines failures --db {db})")
    return "\n".join(lines)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@config_option
@click.option("--strict", is_flag=True, help="Exit with status 3 if any input was skipped.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: one per core, at most 2).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Articles per transaction.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress line (default: when stderr is a terminal).")
@click.option("--extract/--no-extract", "extract_events", default=None,
              help="Extract and store event mentions of English articles (default: on).")
@click.option("--rederive", is_flag=True,
              help="Derive every event anew from the stored mentions (after upgrading "
                   "frontlines), not only those the new articles touch.")
@format_option("table", "json")
@friendly_errors
def ingest_command(paths: Sequence[str], db: str, config_file: str | None, strict: bool,
                   workers: int | None, batch_size: int | None, progress: bool | None,
                   extract_events: bool | None, rederive: bool, output_format: str) -> None:
    """Clean and store articles from files, folders or stdin ("-").

    Reads .html/.htm, .txt, .json and .jsonl (one article per line with "text" or "html" and
    optional "id", "title", "published", "url", "source"). Bad inputs are skipped with a reason.

    \b
    Example:
      frontlines ingest examples/ --db demo.duckdb
    """
    settings = load_settings(config_file, db=db, workers=workers, batch_size=batch_size,
                             extract_events=extract_events)
    show = sys.stderr.isatty() if progress is None else progress
    line = _ProgressLine(show)
    from frontlines.ingest import ingest

    with _store(settings.db, read_only=False) as store:
        summary = ingest(paths, store, settings, progress=line, rederive=rederive)
    line(summary, final=True)
    if output_format == "json":
        click.echo(json.dumps(dataclasses.asdict(summary)))
    else:
        click.echo(_summary_text(summary, settings.db))
    if strict and summary.skipped:
        sys.exit(3)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, int]]) -> str:
    """A plain fixed-width table; long values are cut with an ellipsis."""
    def cell(value: Any, width: int) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)

    header = "  ".join(name.ljust(width) for name, width in columns)
    body = ["  ".join(cell(row.get(name), width) for name, width in columns) for row in rows]
    return "\n".join([header, "  ".join("-" * width for _, width in columns), *body])


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@cli.command("articles")
@db_option
@format_option("table", "json", "csv")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
@friendly_errors
def articles_command(db: str, output_format: str, limit: int | None) -> None:
    """List stored articles.

    \b
    Example:
      frontlines articles --db demo.duckdb --format csv > articles.csv
    """
    with _store(db) as store:
        rows = store.list_articles(limit=limit)
        total = store.count_articles()
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(_csv(rows, list(rows[0]) if rows else ["id"]), nl=False)
    else:
        columns = [("id", 16), ("published", 10), ("source", 18), ("language", 8), ("title", 60)]
        shown = [{**row, "published": (row["published"] or "")[:10]} for row in rows]
        click.echo(_table(shown, columns))
        click.echo(f"\n{len(rows):,} of {total:,} articles in {db}")


@cli.command("show")
@click.argument("article_id")
@db_option
@format_option("text", "json")
@friendly_errors
def show_command(article_id: str, db: str, output_format: str) -> None:
    """Show one stored article (by id, or an unambiguous prefix of 6+ characters).

    \b
    Example:
      frontlines show 3f2a9c81 --db demo.duckdb --format json
    """
    with _store(db) as store:
        found = store.get_article(article_id)
    if found is None:
        raise click.ClickException(f"no article {article_id!r} in {db}; list them with "
                                   f"`frontlines articles --db {db}`")
    data = found.to_json()
    if output_format == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in ("id", "title", "standfirst", "source", "author", "url", "published",
                "published_evidence", "language", "status", "input_ref"):
        if data.get(key) is not None:
            click.echo(f"{key + ':':20}{data[key]}")
    for near in data["near_duplicate_of"]:
        click.echo(f"{'near-duplicate of:':20}{near['id']} (similarity {near['similarity']:.2f})")
    click.echo("\n" + data["text"] + "\n")
    for caption in data["captions"]:
        click.echo(f"[caption] {caption}")
    click.echo(f"[{len(data['removed'])} lines removed; --format json lists them]")


@cli.command("failures")
@db_option
@format_option("table", "json")
@friendly_errors
def failures_command(db: str, output_format: str) -> None:
    """List inputs that were skipped, with the stage and reason.

    \b
    Example:
      frontlines failures --db demo.duckdb
    """
    with _store(db) as store:
        rows = store.failures()
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(rows, [("input_ref", 40), ("reason", 18), ("message", 70)]))


def _extract_records(results: Iterable[Processed | Any]) -> Iterable[dict[str, Any]]:
    for result in results:
        outcome = result.outcome
        if isinstance(outcome, Skipped):
            yield {"input_id": outcome.input_id, "input_ref": outcome.ref,
                   "error": f"{outcome.reason}: {outcome.message}"}
        else:
            yield {"article": outcome.to_json(),
                   "events": [mention.to_json() for mention in result.mentions]}


EVENT_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "location",
    "country", "iso3", "admin1", "admin2", "latitude", "longitude", "geo_precision", "geonameid",
    "fatalities", "fatalities_low", "fatalities_high", "notes", "contested", "confidence",
    "article_id", "number", "source", "url",
)  # fmt: skip


FUSED_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "location", "country", "iso3", "admin1", "latitude", "longitude", "geo_precision",
    "geonameid", "fatalities", "fatalities_low", "fatalities_high", "contested", "disagreements",
    "sources",
)  # fmt: skip


@cli.command("events")
@db_option
@format_option("table", "json", "csv")
@click.option("--mentions", "as_mentions", is_flag=True,
              help="One row per mention (each article's account) instead of per fused event.")
@click.option("--article", "article_id", default=None,
              help="Only the mentions of this article (with --mentions).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
@friendly_errors
def events_command(db: str, output_format: str, as_mentions: bool, article_id: str | None,
                   limit: int | None) -> None:
    """List stored events, with ACLED's column names: each real-world event once, fused from
    every article that reports it, with its sources, the range of their tolls and what they
    disagree on. With --mentions, each article's account of an event, one row each.

    JSON carries everything: for a fused event its sources (article, outlet, toll, stance, the
    words that tell it) and claims; for a mention its attribution, claims and evidence spans.

    \b
    Example:
      frontlines events --db demo.duckdb --format csv > events.csv
    """
    from frontlines.fuse.stored import kept_events

    with _store(db) as store:
        if as_mentions or article_id is not None:
            _print_mentions(store, db, output_format, article_id, limit)
            return
        events = kept_events(store)
    rows = [event.to_json() for event in events[:limit]]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        row["disagreements"] = ",".join(row["disagreements"])
        row["sources"] = len(row["sources"])
        row["range"] = f"{row['fatalities_low']}-{row['fatalities_high']}"
    if output_format == "csv":
        click.echo(_csv(rows, FUSED_COLUMNS), nl=False)
        return
    columns = [("event_date", 10), ("sub_event_type", 24), ("actor1", 26), ("location", 16),
               ("fatalities", 10), ("range", 11), ("sources", 7), ("contested", 9)]
    click.echo(_table(rows, columns))
    click.echo(f"\n{len(rows):,} events in {db}, fused from "
               f"{sum(r['sources'] for r in rows):,} mentions")


def _print_mentions(store: Store, db: str, output_format: str, article_id: str | None,
                    limit: int | None) -> None:
    rows = store.list_mentions(article_id=article_id, limit=limit)
    total = store.count_mentions()
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(_csv(rows, EVENT_COLUMNS), nl=False)
    else:
        columns = [("event_date", 10), ("sub_event_type", 24), ("actor1", 26), ("actor2", 22),
                   ("location", 16), ("fatalities", 10), ("article_id", 16)]
        click.echo(_table(rows, columns))
        click.echo(f"\n{len(rows):,} of {total:,} event mentions in {db}")


@cli.command("control")
@db_option
@click.option("--at", "day", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The day (YYYY-MM-DD).")
@click.option("--country", default=None, help="Only places in this country (ISO alpha-3).")
@format_option("table", "json", "geojson")
@friendly_errors
def control_command(db: str, day: dt.datetime, country: str | None, output_format: str) -> None:
    """List the places whose control the stored events change, and who held each on a day,
    since when and on the evidence of which events. Contested control is shown as contested.

    \b
    Example:
      frontlines control --db demo.duckdb --at 2024-12-01 --country SYR
    """
    from frontlines.fuse.control import control_at, control_changes
    from frontlines.fuse.stored import kept_events

    with _store(db) as store:
        changes = control_changes(kept_events(store))
    states = control_at(changes, day.date(), country.upper() if country else None)
    if output_format == "json":
        click.echo(json.dumps([s.to_json() for s in states], ensure_ascii=False, indent=2))
    elif output_format == "geojson":
        features = [{"type": "Feature", "properties": s.to_json(),
                     "geometry": {"type": "Point", "coordinates": [s.longitude, s.latitude]}}
                    for s in states if s.latitude is not None and s.longitude is not None]
        click.echo(json.dumps({"type": "FeatureCollection", "features": features},
                              ensure_ascii=False))
    else:
        rows = [{**s.to_json(), "holder": "contested: " + " / ".join(s.claimants)
                 if s.contested else s.holder or "(left; no holder named)"} for s in states]
        click.echo(_table(rows, [("place", 20), ("country", 7), ("holder", 60), ("since", 10)]))
        click.echo(f"\n{len(states):,} places on {day.date().isoformat()}")


def filter_options(command: F) -> F:
    """The event filters of `frontlines export` (the API's, see docs/api.md)."""
    options = [
        click.option("--bbox", default=None, metavar="W,S,E,N",
                     help="min_lon,min_lat,max_lon,max_lat"),
        click.option("--date-from", default=None, metavar="DATE", help="First day (inclusive)."),
        click.option("--date-to", default=None, metavar="DATE", help="Last day (inclusive)."),
        click.option("--country", multiple=True, help="ISO alpha-3 or name; repeatable."),
        click.option("--admin1", default=None, help="First-level division."),
        click.option("--event-type", multiple=True, help="ACLED event type; repeatable."),
        click.option("--sub-event-type", multiple=True, help="ACLED sub-type; repeatable."),
        click.option("--actor", default=None, help="Events where it is actor1 or actor2."),
        click.option("--source", default=None, help="Events this outlet reported."),
        click.option("--min-fatalities", type=click.IntRange(min=0), default=None),
        click.option("--contested/--uncontested", default=None,
                     help="Only contested (or only uncontested) events."),
        click.option("--reviewed/--unreviewed", default=None,
                     help="Only reviewed (or only unreviewed) events."),
        click.option("--q", default=None, help="Words in the place, actors or trigger."),
        click.option("--include-rejected", is_flag=True, help="Also events a reviewer rejected."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command("export")
@db_option
@click.option("--format", "output_format", default="acled-csv", show_default=True,
              type=click.Choice(["acled-csv", "geojson", "parquet", "jsonl"]))
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
              help="File to write (standard output when not given; required for parquet).")
@filter_options
@friendly_errors
def export_command(db: str, output_format: str, output: str | None, **filters: Any) -> None:
    """Export the stored events (as reviewed) in ACLED's CSV columns, GeoJSON, Parquet or JSON
    lines, with the API's filters.

    \b
    Example:
      frontlines export --db demo.duckdb --country SYR --date-from 2024-11-27 > syria.csv
      frontlines export --db demo.duckdb --format parquet -o events.parquet
    """
    from frontlines.serve import exports
    from frontlines.serve.queries import FilterError, parse_filters
    from frontlines.serve.reads import iter_events
    from frontlines.store.events import require_kept_events

    try:
        chosen = parse_filters({k: v for k, v in filters.items() if v not in (None, (), False)})
    except FilterError as error:
        raise click.UsageError(str(error)) from None
    if output_format == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    with _store(db) as store:
        require_kept_events(store)
        events = iter_events(store.connection, chosen)
        if output_format == "parquet":
            count = exports.write_parquet(events, output or "")
            click.echo(f"{count:,} events written to {output}", err=True)
            return
        write = {"acled-csv": exports.acled_csv, "geojson": exports.geojson,
                 "jsonl": exports.jsonl}[output_format]
        with click.open_file(output or "-", "w", encoding="utf-8") as stream:
            for piece in write(events):
                stream.write(piece)


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--review-token", default=None, envvar="FRONTLINES_REVIEW_TOKEN",
              help="Allow reviews from clients that send this token (or set "
                   "FRONTLINES_REVIEW_TOKEN); without it the server is read-only.")
@friendly_errors
def serve_command(db: str, host: str, port: int, review_token: str | None) -> None:
    """Serve the web app (a map, a timeline, the evidence of every event, control over time)
    and the REST API (documented at /docs) over a store.

    \b
    Example:
      frontlines serve --db demo.duckdb        # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from frontlines.serve.app import create_app

    app = create_app(db, review_token=review_token or None)
    mode = "reviews allowed with the token" if review_token else "read-only"
    click.echo(f"frontlines: serving {db} ({mode}) at http://{host}:{port}/ "
               f"(API docs: http://{host}:{port}/docs); Ctrl-C stops it", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", default=None, metavar="DATE",
              help="Publication date/time to use (ISO 8601), overriding what the input says.")
@click.option("--url", default=None, help="The article's URL, when the input does not carry it.")
@format_option("json", "jsonl")
@config_option
@friendly_errors
def extract_command(paths: Sequence[str], published: str | None, url: str | None,
                    output_format: str, config_file: str | None) -> None:
    """Process articles without storing them and print the result as JSON.

    One JSON object per input; with several inputs or --format jsonl, one object a line in input
    order, and an input that cannot be processed gives {"input_id", "input_ref", "error"}.

    \b
    Example:
      frontlines extract examples/scraped/ynet_style_footer.txt --published 2016-03-17
    """
    settings = load_settings(config_file)
    options = InputOptions(max_bytes=settings.max_bytes, published=published, url=url)
    tasks = list(plan_inputs(paths, options))
    if len(tasks) <= 4:
        settings = settings.with_overrides(workers=1)  # a pool costs more than it saves here
    records = _extract_records(process_inputs(tasks, settings, options))
    if output_format == "json" and len(tasks) == 1:  # one task is one article
        click.echo(json.dumps(next(iter(records)), ensure_ascii=False, indent=2))
        return
    for record in records:
        click.echo(json.dumps(record, ensure_ascii=False))


@cli.group("eval")
def eval_group() -> None:
    """Score frontlines against gold data.

    \b
    Example:
      frontlines eval acled ../shared/eval/acled_2020/acled_2020.csv
    """


@eval_group.command("acled")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--worst", type=click.IntRange(min=0), default=15, show_default=True,
              help="How many misclassified examples to show.")
@friendly_errors
def eval_acled_command(csv_file: Path, as_json: bool, worst: int) -> None:
    """Classify each row's notes of an ACLED export and score event and sub-event types.

    \b
    Example:
      frontlines eval acled ../shared/eval/acled_2020/acled_2020.csv --json
    """
    from frontlines.evaluate.acled_notes import evaluate_acled_notes

    report = evaluate_acled_notes(csv_file, worst=worst)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"rows:                          {report.rows:,}")
    click.echo(f"event_type accuracy:           {report.event_type_accuracy:.3f}")
    click.echo(f"sub_event_type accuracy:       {report.sub_event_type_accuracy:.3f}")
    click.echo(f"sub_event_type weighted F1:    {report.sub_event_type_weighted_f1:.3f}")
    click.echo(f"actor1 correct:                {report.actor1_accuracy:.3f}")
    groups = report.associated_actors
    click.echo(f"associated actors P / R / F1:  {groups['precision']:.3f} / {groups['recall']:.3f} / "
               f"{groups['f1']:.3f} ({groups['gold']:,} in ACLED's rows, "
               f"{groups['predicted']:,} extracted)")
    click.echo(f"fatalities exact:              {report.fatalities_exact:.3f} "
               f"({report.fatalities_rows:,} rows; tolls split between events left out)")
    click.echo(f"place within 25 km:            {report.place_within_25km:.3f} "
               f"({report.place_rows:,} rows ACLED codes at the named town, geo_precision 1)\n")
    click.echo(_table(report.per_sub_event_type,
                      [("label", 36), ("precision", 9), ("recall", 6), ("f1", 5), ("support", 7)]))
    click.echo("\nevent_type confusion (gold -> predicted: count)")
    for gold, row in report.event_type_confusion.items():
        cells = ", ".join(f"{label}: {count}" for label, count in
                          sorted(row.items(), key=lambda item: -item[1]))
        click.echo(f"  {gold:28} {cells}")
    if report.worst:
        click.echo("\nworst confusions, one example each")
    for miss in report.worst:
        click.echo(f"  [{miss['gold']} -> {miss['predicted']}] {miss['notes'][:160]}")


@eval_group.command("fakes")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@friendly_errors
def eval_fakes_command(csv_file: Path, as_json: bool) -> None:
    """Score death counts, event dates and causes of death against FA-KES-style labels.

    \b
    Example:
      frontlines eval fakes ../shared/eval/fakes/fakes_dev.csv
    """
    from frontlines.evaluate.fakes import evaluate_fakes

    report = evaluate_fakes(csv_file).to_json()
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"rows:                          {report['rows']:,}")
    click.echo(f"death count exact:             {report['death_count_exact']:.3f}")
    click.echo(f"event date within a day:       {report['date_within_a_day']:.3f}")
    click.echo(f"cause of death -> sub-type:    {report['cause_to_sub_event_type']:.3f} "
               f"({report['cause_rows']:,} rows with a known cause)")
    click.echo(f"actor class:                   {report['actor_class']:.3f}")
    extracted = report["as_extracted"]
    click.echo("as extracted (first event of `frontlines extract`): "
               f"deaths {extracted['death_count_exact']:.3f}, date "
               f"{extracted['date_within_a_day']:.3f}, cause {extracted['cause_to_sub_event_type']:.3f}, "
               f"actor class {extracted['actor_class']:.3f}")
    click.echo(f"governorate (admin1 of the first extracted event): {extracted['governorate']:.3f}")


@eval_group.command("gold")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default="tests/gold")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@friendly_errors
def eval_gold_command(folder: Path, as_json: bool) -> None:
    """Score the extraction readers on our own hand-annotated articles (tests/gold/README.md).

    \b
    Example:
      frontlines eval gold tests/gold
    """
    from frontlines.evaluate.gold import evaluate_gold

    report = evaluate_gold(folder)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles: {report['articles']:,}   gold events: {report['events']:,}")
    for name, value in report["scores"].items():
        shown = "-" if value is None else f"{value:.3f}"
        click.echo(f"  {name:24} {shown}")
    for name, misses in report["misses"].items():
        click.echo(f"\n{name}: examples of misses")
        for miss in misses:
            click.echo(f"  {miss[:150]}")


@eval_group.command("geo")
@click.argument("xml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--worst", default=15, show_default=True, help="How many of the largest errors to list.")
@config_option
@friendly_errors
def eval_geo_command(xml_file: Path, as_json: bool, worst: int, config_file: str | None) -> None:
    """Score the geoparser on a corpus in the TR-News / LGL XML format: recognition precision and
    recall, accuracy within 161 km, exact GeoNames id, mean and median error, AUC.

    \b
    Example:
      frontlines eval geo ../shared/eval/tr_news/TR-News.xml
    """
    from frontlines.evaluate.geo import evaluate_geo, render
    from frontlines.geo import GeoResources, geoparse_many

    resources = GeoResources.load(load_settings(config_file).gazetteer_dir)
    scores = evaluate_geo(xml_file, lambda text, address: geoparse_many([text], resources,
                                                                        [address])[0], worst)
    click.echo(json.dumps(scores.to_json(), indent=2) if as_json else render(scores))


@eval_group.command("fusion")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default="tests/fusion")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@friendly_errors
def eval_fusion_command(folder: Path, as_json: bool) -> None:
    """Score cross-article fusion on a multi-source corpus (articles.jsonl and gold.json, as in
    tests/fusion): pairwise and B-cubed precision, recall and F1 over the extracted mentions that
    report a gold event.

    \b
    Example:
      frontlines eval fusion tests/fusion
    """
    from frontlines.evaluate.fusion import evaluate_fusion
    from frontlines.evaluate.fusion import render as render_fusion

    scores = evaluate_fusion(folder)
    click.echo(json.dumps(scores.to_json(), indent=2) if as_json else render_fusion(scores))


def _geoparse_inputs(paths: Sequence[str], as_lines: bool,
                     ) -> Iterable[tuple[str | None, str, str | None]]:
    """(id, text, url) of each input: a file or stdin as it is, or one JSON object a line."""
    for path in paths:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as error:
            raise FrontlinesError(f"cannot read {path}: {error.strerror or error}") from error
        try:
            content = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FrontlinesError(f"{path} is not UTF-8 text ({error.reason} at byte "
                                  f"{error.start}); geoparse reads text as it is given") from error
        if not (as_lines or path.endswith(".jsonl")):
            yield None, content, None
            continue
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
            except (ValueError, KeyError, TypeError) as error:
                raise FrontlinesError(f"{path}:{number}: not a JSON object with a \"text\": "
                                      f"{error}") from error
            url = item.get("url")
            yield item.get("id"), str(text), str(url) if url else None


@cli.command("geoparse")
@click.argument("paths", nargs=-1, required=True)
@format_option("json", "jsonl", "table")
@config_option
@friendly_errors
def geoparse_command(paths: Sequence[str], output_format: str, config_file: str | None) -> None:
    """Print every toponym of the input with its character offsets into the input exactly as given
    (plain text is not cleaned), its GeoNames id, coordinates, feature code and country.

    A .jsonl input, or --format jsonl, reads one {"id", "text"} object a line and prints one
    {"id", "toponyms"} line each, in order. A line's optional "url" lets the outlet's country
    (cbc.ca, abc.net.au) weigh in on ambiguous names.

    \b
    Example:
      echo "Shelling hit Saraqeb, Idlib, and Palmyra." | frontlines geoparse -
    """
    from frontlines.geo import GeoResources, geoparse_many

    resources = GeoResources.load(load_settings(config_file).gazetteer_dir)
    inputs = list(_geoparse_inputs(paths, output_format == "jsonl"))
    for start in range(0, len(inputs), 64):  # spaCy reads a batch of texts in one pass
        batch = inputs[start:start + 64]
        found_in_batch = geoparse_many([text for _, text, _ in batch], resources,
                                       [url for _, _, url in batch])
        for (item_id, _, _), toponyms in zip(batch, found_in_batch, strict=True):
            found = [t.to_json() for t in toponyms]
            if output_format == "jsonl" or (output_format == "json" and len(inputs) > 1):
                click.echo(json.dumps({"id": item_id, "toponyms": found}, ensure_ascii=False))
            elif output_format == "json":
                click.echo(json.dumps(found, ensure_ascii=False, indent=2))
            else:
                rows = [{**t, "place": t["name"]} for t in found]
                click.echo(_table(rows, [("start", 6), ("end", 6), ("text", 24), ("kind", 8),
                                         ("geonameid", 9), ("place", 24), ("feature_code", 5),
                                         ("country", 3), ("latitude", 9), ("longitude", 9)]))


@cli.group("gazetteer")
def gazetteer_group() -> None:
    """The gazetteer places are resolved against.

    By default, GeoNames data shipped on PyPI, indexed on first use. For village-level coverage,
    import a GeoNames dump and point the `gazetteer_dir` setting at the index.
    """


@gazetteer_group.command("import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the index to (then set gazetteer_dir to it).")
@friendly_errors
def gazetteer_import_command(paths: Sequence[Path], folder: Path) -> None:
    """Build a gazetteer index from GeoNames dump files you downloaded: allCountries.zip or
    citiesN.zip (or their .txt), alternateNamesV2.zip, admin1CodesASCII.txt, admin2Codes.txt,
    countryInfo.txt.

    \b
    Example:
      frontlines gazetteer import allCountries.zip alternateNamesV2.zip admin1CodesASCII.txt \\
          admin2Codes.txt --to ~/geonames-index
    """
    from frontlines.geo.dump import import_geonames

    started = time.monotonic()
    counts = import_geonames(list(paths), folder,
                             lambda step: click.echo(f"gazetteer: {step}", err=True))
    click.echo(f"indexed {counts['places']:,} places and {counts['names']:,} names into {folder} "
               f"in {time.monotonic() - started:.0f} s; set gazetteer_dir to use it")


def main() -> None:
    cli(prog_name="frontlines")
