"""Read-only resources shared by the per-article stages, loaded once per process and passed in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontlines.clean.language import LanguageGuesser
from frontlines.clean.published import DateOrders
from frontlines.clean.text import Boilerplate
from frontlines.settings import Settings

if TYPE_CHECKING:
    from frontlines.extract.mentions import ExtractResources


@dataclass(frozen=True, slots=True)
class Resources:
    boilerplate: Boilerplate
    date_orders: DateOrders
    language: LanguageGuesser
    extraction: ExtractResources | None = None  # None when the run only cleans


def check_data_files(settings: Settings) -> None:
    """Read the data files once in the calling process, so that a broken one is reported there as
    a ResourceError rather than as a worker pool that fails to start."""
    Boilerplate.load(settings.boilerplate_file)
    DateOrders.load(settings.date_orders_file)
    if settings.extract_events:
        # Imported here: a run that only cleans never loads spaCy or the gazetteer code.
        from frontlines.extract.actors import load_catalogue
        from frontlines.geo import open_gazetteer

        load_catalogue(settings.actors_file)
        open_gazetteer(settings.gazetteer_dir)  # built here on first use, not in every worker


def load_resources(settings: Settings) -> Resources:
    if settings.extract_events:
        from frontlines.extract.mentions import ExtractResources
    return Resources(
        boilerplate=Boilerplate.load(settings.boilerplate_file),
        date_orders=DateOrders.load(settings.date_orders_file),
        language=LanguageGuesser.shared(),
        extraction=ExtractResources.load(settings.actors_file, settings.gazetteer_dir)
        if settings.extract_events else None,
    )
