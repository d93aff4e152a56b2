"""One immutable settings object, built from packaged defaults, then the user's file, then
environment variables and CLI flags, and passed explicitly to every stage that needs it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError

DEFAULT_DB = "frontlines.duckdb"


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = DEFAULT_DB
    # Inputs larger than this are skipped unread: a 100 MB "article" is a dump, not a news page.
    max_bytes: int = 20 * 1024 * 1024
    # Worker processes for the per-article stages; 0 means one per core (at most 2 used by default).
    workers: int = 0
    # Articles committed per transaction: a killed run loses at most one batch of work, never data.
    batch_size: int = 100
    # Jaccard similarity of word 5-shingles above which two articles are linked as near-duplicates.
    # A wire story re-run with a new lede and a few edited words scores about 0.6-0.7; separately
    # written reports of the same event share few 5-word runs and score under 0.1.
    near_duplicate_threshold: float = 0.5
    boilerplate_file: str | None = None
    date_orders_file: str | None = None
    # Event extraction (English articles) during ingest and extract; off, a run only cleans.
    extract_events: bool = True
    # The user's actor catalogue (same format as data/actors.json), replacing the packaged one.
    actors_file: str | None = None
    # A gazetteer index built by `frontlines gazetteer import` (a full GeoNames dump); by default
    # the packaged GeoNames data, indexed into the user's cache folder on first use.
    gazetteer_dir: str | None = None

    def with_overrides(self, **values: Any) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_ENV_PREFIX = "FRONTLINES_"


def load_settings(config_file: str | None = None, **overrides: Any) -> Settings:
    """Defaults <- JSON config file <- FRONTLINES_* environment variables <- explicit overrides."""
    settings = Settings()
    known = {f.name: f for f in fields(Settings)}
    if config_file:
        try:
            data = json.loads(Path(config_file).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise FrontlinesError(f"cannot read config file {config_file}: {error}") from error
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise FrontlinesError(
                f"unknown setting(s) {', '.join(unknown)} in {config_file}; "
                f"valid settings: {', '.join(sorted(known))}"
            )
        settings = settings.with_overrides(**data)
    from_env: dict[str, Any] = {}
    for name in known:
        value = os.environ.get(_ENV_PREFIX + name.upper())
        if value is not None:
            kind = type(getattr(settings, name))
            if kind is bool:
                from_env[name] = value.strip().lower() in ("1", "true", "yes", "on")
            else:
                from_env[name] = kind(value) if kind in (int, float) else value
    return settings.with_overrides(**from_env).with_overrides(**overrides)
