"""Events in the formats researchers load: ACLED's CSV columns, GeoJSON, Parquet, JSON lines, and
a pandas DataFrame. The API and `frontlines export` write through the same functions."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pycountry

from frontlines.store.events import SUMMARY_COLUMNS

# ACLED's export columns, in ACLED's order. `region` and `admin3` stay empty (our gazetteer has
# no ACLED regions and no third-level divisions), as do `source_scale` and `timestamp`; `source`
# lists the outlets, as ACLED's does, and `tags` says when an analyst reviewed the event.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def acled_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event (as `reads.list_events` gives it) in ACLED's columns."""
    country = pycountry.countries.get(alpha_3=event["iso3"]) if event.get("iso3") else None
    date = event.get("event_date") or ""
    return {
        **{name: event.get(name) for name in ACLED_COLUMNS if name in event},
        "event_id_cnty": event["event_id"], "event_date": date, "year": date[:4],
        # ACLED writes "Civilian targeting" in this column, or leaves it empty.
        "civilian_targeting": "Civilian targeting" if event.get("civilian_targeting") else "",
        "iso": int(country.numeric) if country else "", "region": "", "admin3": "",
        "source": "; ".join(event.get("outlets") or []), "source_scale": "",
        "tags": f"reviewed: {event['review_status']}" if event.get("review_status") else "",
        "timestamp": "",
    }


def acled_csv(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV text, a header and then a line per event, in pieces (for streaming)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ACLED_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(acled_row(event))
        if buffer.tell() > 64_000:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def feature(event: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON point feature (no geometry when the event has no coordinates)."""
    geometry = None
    if event.get("latitude") is not None and event.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]}
    return {"type": "Feature", "id": event["event_id"], "geometry": geometry,
            "properties": event}


def geojson(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection, in pieces."""
    yield '{"type": "FeatureCollection", "features": ['
    for number, event in enumerate(events):
        yield ("," if number else "") + json.dumps(feature(event), ensure_ascii=False)
    yield "]}"


def jsonl(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    for event in events:
        yield json.dumps(event, ensure_ascii=False) + "\n"


def dataframe(events: Iterable[dict[str, Any]]) -> Any:
    """A pandas DataFrame of the events, one column per field, dates as datetime64."""
    import pandas as pd

    frame = pd.DataFrame(list(events), columns=list(SUMMARY_COLUMNS))
    if "event_date" in frame:
        frame["event_date"] = pd.to_datetime(frame["event_date"])
    return frame


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write the events to a Parquet file; returns how many."""
    frame = dataframe(events)
    frame.to_parquet(path, index=False)
    return len(frame)
