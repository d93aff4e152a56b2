"""A store's mentions as `fuse.replay` reads them: what may match a mention, the members of
events, and their sentence vectors, each asked for many mentions in one query.

A store of a million mentions answers a batch of a few thousand in tens of milliseconds: the
asking mentions are spread over the days their dates reach and joined to the mentions of those
days on country and family of events (an equality join), so DuckDB never compares a mention
with a whole country's history; places too far apart to match are left out in the query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from frontlines.fuse import MentionKey, Report, canonical_order
from frontlines.fuse.embed import DIMENSIONS, MODEL_NAME
from frontlines.fuse.match import (
    MOST_DAYS,
    NEAR_PLACE_KM,
    Key,
    MatchFields,
    days_sql,
    family_sql,
    key_of,
)
from frontlines.fuse.replay import Node
from frontlines.fuse.vectors import compute_vectors
from frontlines.geo.resolve import EARTH_RADIUS_KM
from frontlines.records import Mention
from frontlines.store import Store

# Dates are read as ISO text, as a `Mention` holds them.
_FIELDS = ", ".join(f"CAST(m.{name} AS VARCHAR)" if name == "event_date" else f"m.{name}"
                    for name in MatchFields._fields)
_PUBLISHED = "CAST(a.published_date AS VARCHAR)"
# A little more than the furthest two matching places lie apart: the distance here and in
# Python differ in the last digits.
_REACH_KM = NEAR_PLACE_KM + 1.0
_COARSE = "coalesce(m.geo_precision, 3) >= 3"
_VECTOR_ROW = (f"(SELECT v.rowid FROM mention_vectors v WHERE v.article_id = m.article_id "
               f"AND v.number = m.number AND v.model = '{MODEL_NAME}')")
_DISTANCE = (
    f"2 * {EARTH_RADIUS_KM} * asin(least(1, sqrt(pow(sin(radians(m.latitude - p.latitude) / 2), 2)"
    " + cos(radians(p.latitude)) * cos(radians(m.latitude))"
    " * pow(sin(radians(m.longitude - p.longitude) / 2), 2))))")
# The mentions that may match an asking one (`p`): its country and family, a day its date
# reaches, another article, and a place that may be its, as `match` has it: the same entry, a
# report without a point, two places near enough, or, when one names only a province or the
# country, the same province, both so, or the vague one naming no province.
_PAIR = f"""
    m.iso3 IS NOT DISTINCT FROM p.iso3 AND m.event_date = p.day
    AND {family_sql('m.event_type', 'm.sub_event_type')} = p.family
    WHERE m.article_id <> p.asking_article
    AND (m.geonameid = p.geonameid OR p.latitude IS NULL OR p.longitude IS NULL
         OR m.latitude IS NULL OR m.longitude IS NULL
         OR (NOT p.coarse AND NOT {_COARSE} AND {_DISTANCE} <= {_REACH_KM})
         OR ((p.coarse OR {_COARSE}) AND (m.admin1 = p.admin1 OR (p.coarse AND {_COARSE})
             OR (p.coarse AND p.admin1 IS NULL) OR ({_COARSE} AND m.admin1 IS NULL))))
    {{coarse_only}}"""
_WINDOWS = f"""
WITH found AS (
    SELECT p.asking_article, p.asking_number, m.* FROM probe p JOIN mentions m ON {_PAIR}
    AND p.offset <= p.days
    UNION ALL
    -- Days further than its own date reaches reach the mentions dated to the week or month.
    SELECT p.asking_article, p.asking_number, m.* FROM probe p JOIN (
        SELECT * FROM mentions WHERE coalesce(time_precision, 0) <> 1) m ON {_PAIR}
    AND p.offset > p.days AND p.offset <= {days_sql('m.time_precision')}
)
SELECT m.asking_article, m.asking_number, {_FIELDS}, {_PUBLISHED}, l.event_id,
    {_VECTOR_ROW}
FROM found m JOIN articles a ON a.id = m.article_id
LEFT JOIN event_mentions l ON l.article_id = m.article_id AND l.number = m.number
"""
_MEMBERS = f"""
SELECT NULL, NULL, {_FIELDS}, {_PUBLISHED}, l.event_id, {_VECTOR_ROW}
FROM event_mentions l JOIN mentions m ON m.article_id = l.article_id AND m.number = l.number
JOIN articles a ON a.id = m.article_id
WHERE l.event_id IN (SELECT unnest(?::VARCHAR[]))
"""
_UNFUSED = f"""
SELECT NULL, NULL, {_FIELDS}, {_PUBLISHED}, NULL, {_VECTOR_ROW}
FROM mentions m JOIN articles a ON a.id = m.article_id
ANTI JOIN event_mentions l ON l.article_id = m.article_id AND l.number = m.number
"""


class StoreNeighbourhood:
    """`replay.Neighbourhood` over a store (inside the caller's transaction)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.connection
        # Where each mention's vector is in `mention_vectors`, as the queries found it: the
        # vectors are read by row, which skips reading the column for the whole table.
        self._vector_rows: dict[MentionKey, int] = {}

    def unfused(self) -> list[Node]:
        """The mentions no event holds yet."""
        return [node for _, node in self._nodes(self.db.execute(_UNFUSED).fetchall())]

    def windows(self, keys: Sequence[Key], coarse_only: bool) -> Iterable[tuple[MentionKey, Node]]:
        dated = [key for key in keys if key.day is not None]
        if not dated:
            return []
        offsets = np.arange(-MOST_DAYS, MOST_DAYS + 1)
        spread = np.repeat(np.arange(len(dated)), len(offsets))
        days = np.array([k.day.toordinal() for k in dated])  # type: ignore[union-attr]
        epoch = dt.date(1970, 1, 1).toordinal()

        def column(values: list[Any], kind: pa.DataType) -> pa.Array:
            return pa.array(values, kind).take(pa.array(spread))

        probe = pa.table({  # noqa: F841 - read by DuckDB by name
            "asking_article": column([k.article_id for k in dated], pa.string()),
            "asking_number": column([k.number for k in dated], pa.int32()),
            "iso3": column([k.country for k in dated], pa.string()),
            "family": column([k.family for k in dated], pa.string()),
            "days": column([k.days for k in dated], pa.int32()),
            "geonameid": column([k.geonameid for k in dated], pa.int64()),
            "latitude": column([k.point[0] if k.point else None for k in dated], pa.float64()),
            "longitude": column([k.point[1] if k.point else None for k in dated], pa.float64()),
            "coarse": column([k.geo_precision >= 3 for k in dated], pa.bool_()),
            "admin1": column([k.admin1 for k in dated], pa.string()),
            "day": pa.array((days[spread] + np.tile(offsets, len(dated)) - epoch)
                            .astype(np.int32), pa.date32()),
            "offset": pa.array(np.abs(np.tile(offsets, len(dated))).astype(np.int32)),
        })
        sql = _WINDOWS.format(coarse_only=f"AND {_COARSE}" if coarse_only else "")
        return self._nodes(self.db.execute(sql).fetchall())

    def members(self, event_ids: Collection[str]) -> Iterable[Node]:
        rows = self.db.execute(_MEMBERS, [sorted(event_ids)]).fetchall()
        return [node for _, node in self._nodes(rows)]

    def vectors(self, mentions: Collection[MentionKey]) -> Mapping[MentionKey, np.ndarray]:
        rows = {self._vector_rows[m]: m for m in mentions if m in self._vector_rows}
        found: dict[MentionKey, np.ndarray] = {}
        if rows:
            table = self.db.sql(
                "SELECT rowid, vector FROM mention_vectors "
                "WHERE rowid IN (SELECT unnest($rows::BIGINT[]))",
                params={"rows": sorted(rows)}).to_arrow_table()
            matrix = np.asarray(table.column("vector").combine_chunks().flatten(), np.float32) \
                .reshape(-1, DIMENSIONS)
            found = {rows[row]: vector for row, vector in
                     zip(table.column("rowid").to_pylist(), matrix, strict=True)}
        missing = [m for m in mentions if m not in found]
        if missing:
            # New mentions (their vectors are computed when they are first fused), or mentions
            # fused before vectors were kept: computed now, and kept.
            wanted = set(missing)
            rows = self.store.list_mentions(article_ids={a for a, _ in missing})
            found.update(compute_vectors(self.store, [
                m for m in map(Mention.from_json, rows) if (m.article_id, m.number) in wanted]))
        return found

    def _nodes(self, rows: Iterable[tuple[Any, ...]]) -> list[tuple[MentionKey, Node]]:
        nodes = []
        for asking_article, asking_number, *values, published, event_id, vector_row in rows:
            fields = MatchFields(*values)
            if vector_row is not None:
                self._vector_rows[(fields.article_id, fields.number)] = vector_row
            order = canonical_order(fields, {fields.article_id: Report(None, published)})
            nodes.append(((asking_article, asking_number), Node(key_of(fields), order, event_id)))
        return nodes
