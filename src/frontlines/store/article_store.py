"""The DuckDB store: articles, their signatures and near-duplicate links, the inputs seen, failures.

Writes happen in `write_batch`, one transaction per batch of articles: DuckDB's write-ahead log makes a
committed batch durable and an uncommitted one vanish, so a run killed at any moment leaves whole
batches only, and the next run redoes the rest (inputs and article ids are keyed, never duplicated).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from frontlines.errors import StoreError
from frontlines.records import Article, Mention, Skipped
from frontlines.store.migrations import LATEST_VERSION, MIGRATIONS

ARTICLE_COLUMNS = (
    "id", "url", "source", "title", "standfirst", "author", "published", "published_date",
    "published_evidence", "language", "language_score", "status", "text", "captions", "removed",
    "raw_format", "input_ref", "input_id", "raw_sha256", "encoding", "fetched_at", "stored_at",
)  # fmt: skip
MENTION_COLUMNS = tuple(f.name for f in fields(Mention))
LIST_COLUMNS = ("id", "published", "source", "language", "status", "title", "url", "input_ref")


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    article_id: str
    duplicate_of: str
    similarity: float


@dataclass(frozen=True, slots=True)
class InputSeen:
    raw_sha256: str
    input_ref: str
    article_id: str
    outcome: str  # 'stored' | 'already-stored'


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article row as read back, with its near-duplicate links."""

    row: dict[str, Any]
    near_duplicate_of: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {**self.row, "near_duplicate_of": self.near_duplicate_of}


# Column types for reading rows back out of JSON (see _insert_json); VARCHAR when not named.
_COLUMN_TYPES = {
    "published_date": "DATE", "language_score": "DOUBLE", "captions": "VARCHAR[]",
    "removed": "JSON", "fetched_at": "TIMESTAMPTZ", "stored_at": "TIMESTAMPTZ",
    "number": "INTEGER", "event_date": "DATE", "time_precision": "INTEGER", "inter1": "INTEGER",
    "inter2": "INTEGER", "interaction": "INTEGER", "civilian_targeting": "BOOLEAN",
    "latitude": "DOUBLE", "longitude": "DOUBLE", "geo_precision": "INTEGER",
    "geonameid": "BIGINT", "fatalities": "INTEGER", "fatalities_low": "INTEGER",
    "fatalities_high": "INTEGER", "attribution": "JSON", "contested": "BOOLEAN", "claims": "JSON",
    "confidence": "DOUBLE", "evidence": "JSON",
}  # fmt: skip


def _from_json(columns: Sequence[str]) -> str:
    return ", ".join(
        f"CAST(j->'{column}' AS {_COLUMN_TYPES[column]})"
        if _COLUMN_TYPES.get(column) in ("VARCHAR[]", "JSON")
        else f"CAST(j->>'{column}' AS {_COLUMN_TYPES.get(column, 'VARCHAR')})"
        for column in columns
    )


def _insert_json(db: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                 rows: Sequence[dict[str, Any]]) -> None:
    """Rows go in as one list of JSON documents that DuckDB unpacks in C: binding 22 Python
    values per row costs the parent process more than the rest of storing."""
    documents = [json.dumps(row, ensure_ascii=False, default=_json_value) for row in rows]
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {_from_json(columns)} "
        "FROM (SELECT unnest(?::VARCHAR[])::JSON AS j) ON CONFLICT DO NOTHING",
        [documents],
    )


def _json_value(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def _signature_blob(values: np.ndarray) -> bytes:
    return np.asarray(values, dtype="<u4").tobytes()


def _article_row(article: Article, now: dt.datetime) -> dict[str, Any]:
    published = article.published
    published_date = (
        published.date() if isinstance(published, dt.datetime) else published
    )
    values = (
        article.id, article.url, article.source, article.title, article.standfirst,
        article.author, published.isoformat() if published else None, published_date,
        article.published_evidence, article.language, article.language_score, article.status,
        article.text, list(article.captions), [asdict(line) for line in article.removed],
        article.raw_format, article.input_ref, article.input_id, article.raw_sha256,
        article.encoding, article.fetched_at, now,
    )  # fmt: skip
    return dict(zip(ARTICLE_COLUMNS, values, strict=True))


def _insert_many(
    db: duckdb.DuckDBPyConnection, table_sql: str, width: int, rows: Sequence[Sequence[Any]],
    tail: str = "ON CONFLICT DO NOTHING",
) -> None:
    """One multi-row INSERT per chunk: DuckDB's executemany runs a statement per row, ~20x slower."""
    placeholders = "(" + ", ".join("?" for _ in range(width)) + ")"
    chunk = max(1, 2000 // width)  # stay well under the parameter limits of a statement
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        db.execute(
            f"INSERT INTO {table_sql} VALUES {', '.join(placeholders for _ in part)} {tail}",
            [value for row in part for value in row],
        )


class Store:
    """One open DuckDB store. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise StoreError(
                f"no store at {self.path}; create one with `frontlines ingest PATH --db {self.path}`"
            )
        try:
            self._db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as error:
            raise StoreError(
                f"cannot open the store {self.path}: {error}. If another frontlines process is "
                "writing to it, wait for it to finish."
            ) from error
        if read_only:
            self._check_version()
        else:
            # The writer inserts small batches: one thread does that as fast as several, and leaves
            # the other cores to the cleaning workers.
            self._db.execute("SET threads = 1")
            self._migrate()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for the modules that keep derived tables."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside is stored together, or (on an error) not at all."""
        self._db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # Schema ----------------------------------------------------------------------------------
    def version(self) -> int:
        # fetchall, not fetchone: a result left unfinished blocks the connection's next work.
        exists = self._db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()
        if not exists or not exists[0][0]:
            return 0
        rows = self._db.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _check_version(self) -> int:
        version = self.version()
        if version > LATEST_VERSION:
            raise StoreError(
                f"the store {self.path} has schema version {version}, newer than this frontlines "
                f"(version {LATEST_VERSION}); upgrade frontlines to read it"
            )
        return version

    def _migrate(self) -> None:
        version = self._check_version()
        if version == 0:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
            )
        for number, sql in MIGRATIONS:
            if number <= version:
                continue
            try:
                with self.transaction():
                    self._db.execute(sql)
                    self._db.execute(
                        "INSERT INTO schema_version VALUES (?, ?)",
                        [number, dt.datetime.now(dt.UTC)],
                    )
            except duckdb.Error as error:
                raise StoreError(f"migration {number} failed on {self.path}: {error}") from error

    # Reads used by ingest ----------------------------------------------------------------------
    def seen_inputs(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT raw_sha256 FROM inputs").fetchall()}

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self._db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return {row[0] for row in rows}

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        cursor = self._db.execute("SELECT article_id, minhash FROM article_signatures ORDER BY 1")
        while rows := cursor.fetchmany(10_000):
            for article_id, blob in rows:
                yield article_id, np.frombuffer(blob, dtype="<u4")

    # The one write path ------------------------------------------------------------------------
    def write_batch(
        self,
        articles: Sequence[tuple[Article, np.ndarray]],
        near_duplicates: Sequence[NearDuplicate],
        inputs: Sequence[InputSeen],
        failures: Sequence[Skipped],
        mentions: Sequence[Mention] = (),
    ) -> None:
        """Store one batch atomically: all of it, or (if the process dies) none of it."""
        now = dt.datetime.now(dt.UTC)
        try:
            with self.transaction():
                if articles:
                    _insert_json(self._db, "articles", ARTICLE_COLUMNS,
                                 [_article_row(article, now) for article, _ in articles])
                    _insert_many(
                        self._db, "article_signatures", 2,
                        [(article.id, _signature_blob(values)) for article, values in articles],
                    )
                if mentions:
                    _insert_json(self._db, "mentions", MENTION_COLUMNS,
                                 [m.to_json() for m in mentions])
                if near_duplicates:
                    _insert_many(
                        self._db, "near_duplicates", 3,
                        [(n.article_id, n.duplicate_of, n.similarity) for n in near_duplicates],
                    )
                if inputs:
                    _insert_many(
                        self._db, "inputs", 5,
                        [(i.raw_sha256, i.input_ref, i.article_id, i.outcome, now) for i in inputs],
                    )
                if failures:
                    _insert_many(
                        self._db, "failures", 9,
                        [
                            (s.raw_sha256 or s.ref, s.ref, s.input_id, s.stage, s.reason, s.message,
                             now, now, 1)
                            for s in failures
                        ],
                        tail="ON CONFLICT (input_key) DO UPDATE SET last_seen = excluded.last_seen, "
                        "times_seen = failures.times_seen + 1, reason = excluded.reason, "
                        "message = excluded.message",
                    )
        except duckdb.Error as error:
            raise StoreError(f"writing a batch to {self.path} failed: {error}") from error

    # Reads for people ---------------------------------------------------------------------------
    def count_articles(self) -> int:
        row = self._db.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        sql = (
            f"SELECT {', '.join(LIST_COLUMNS)} FROM articles "
            "ORDER BY published_date NULLS LAST, id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [limit, offset]
        cursor = self._db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def get_article(self, id_or_prefix: str) -> StoredArticle | None:
        """One article by id, or by an unambiguous prefix of at least 6 characters."""
        rows = self._db.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ? "
            "OR (length(?) >= 6 AND starts_with(id, ?)) LIMIT 2",
            [id_or_prefix, id_or_prefix, id_or_prefix],
        ).fetchall()
        if not rows:
            return None
        if len(rows) > 1:
            raise StoreError(f"{id_or_prefix!r} matches several articles; give more of the id")
        row = dict(zip(ARTICLE_COLUMNS, rows[0], strict=True))
        row["removed"] = json.loads(row["removed"])
        for key in ("published_date", "fetched_at", "stored_at"):
            if row[key] is not None:
                row[key] = row[key].isoformat()
        links = self._db.execute(
            "SELECT duplicate_of, similarity FROM near_duplicates WHERE article_id = ?",
            [row["id"]],
        ).fetchall()
        return StoredArticle(row, [{"id": a, "similarity": s} for a, s in links])

    def count_mentions(self) -> int:
        row = self._db.execute("SELECT count(*) FROM mentions").fetchone()
        return int(row[0]) if row else 0

    def list_mentions(self, article_id: str | None = None, limit: int | None = None,
                      article_ids: set[str] | None = None,
                      countries: set[str | None] | None = None) -> list[dict[str, Any]]:
        """Stored event mentions, by event date, with their article's source and URL; those of
        one article, of some articles, or of some countries (ISO alpha-3; None: no country)."""
        sql = (f"SELECT {', '.join('m.' + c for c in MENTION_COLUMNS)}, a.source, a.url "
               "FROM mentions m JOIN articles a ON a.id = m.article_id")
        params: list[Any] = []
        if article_id is not None:
            sql += " WHERE m.article_id = ?"
            params.append(article_id)
        elif article_ids is not None:
            sql += " WHERE m.article_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(sorted(article_ids))
        elif countries is not None:
            sql += " WHERE (m.iso3 IN (SELECT unnest(?::VARCHAR[])) OR (m.iso3 IS NULL AND ?))"
            params += [sorted(c for c in countries if c is not None), None in countries]
        sql += " ORDER BY m.event_date NULLS LAST, m.article_id, m.number"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cursor = self._db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        rows = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            for key in ("attribution", "claims", "evidence"):
                row[key] = json.loads(row[key])
            if row["event_date"] is not None:
                row["event_date"] = row["event_date"].isoformat()
            rows.append(row)
        return rows

    def failures(self) -> list[dict[str, Any]]:
        cursor = self._db.execute(
            "SELECT input_ref, input_id, stage, reason, message, times_seen FROM failures "
            "ORDER BY input_ref"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL for tests and notebooks."""
        return self._db.execute(sql, list(params)).fetchall()
