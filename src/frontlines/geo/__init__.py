"""The places stage: toponyms recognised in a text and resolved to GeoNames entries, offline.

`geoparse(text, resources)` is the whole stage on any text; extraction uses the same parts to place
each event (see `frontlines.geo.events`).
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from frontlines.extract.focus import country_words
from frontlines.extract.nlp import Entity, entities, load_nlp
from frontlines.geo.gazetteer import FORMAT_VERSION, Gazetteer
from frontlines.geo.outlets import outlet_country
from frontlines.geo.packaged import build_packaged
from frontlines.geo.recognise import recognise
from frontlines.geo.resolve import Resolver
from frontlines.records import Toponym

__all__ = ["GeoResources", "default_gazetteer_dir", "geoparse", "geoparse_many", "open_gazetteer"]


def default_gazetteer_dir() -> Path:
    """Where the packaged gazetteer is indexed on first use: the user's cache folder."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(cache_home) / "frontlines" / f"gazetteer-packaged-v{FORMAT_VERSION}"


def _say(step: str) -> None:
    print(f"gazetteer: {step}", file=sys.stderr, flush=True)


@cache
def open_gazetteer(folder: str | None = None,
                   progress: Callable[[str], None] = _say) -> Gazetteer:
    """The gazetteer index in `folder` (one that `frontlines gazetteer import` built), or the
    packaged one, indexed into the cache folder the first time it is needed (about 40 s).
    A lock keeps two processes from building it at once."""
    if folder is not None:
        return Gazetteer(Path(folder))
    target = default_gazetteer_dir()
    if not (target / "meta.json").exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.parent / ".build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not (target / "meta.json").exists():
                progress(f"indexing the packaged GeoNames data into {target} (first use only)")
                build_packaged(target, progress)
    return Gazetteer(target)


@dataclass(frozen=True, slots=True)
class GeoResources:
    gazetteer: Gazetteer
    resolver: Resolver
    nlp: Any

    @classmethod
    def load(cls, gazetteer_dir: str | None = None, nlp: Any = None) -> GeoResources:
        gazetteer = open_gazetteer(gazetteer_dir)
        return cls(gazetteer, Resolver(gazetteer), nlp if nlp is not None else load_nlp())


def countries_named(text: str) -> Counter[str]:
    """How often the text names each country, by name or demonym ("Syria", "Syrian")."""
    return Counter(match.value for match in country_words().find(text))


def resolve_text(text: str, found: Sequence[Entity], resources: GeoResources,
                 address: str | None = None) -> list[Toponym]:
    """The toponyms of `text`, given spaCy's entities of it; `address` is the article's URL or
    its outlet's host name, whose country is evidence too (see `outlets`)."""
    outlet = outlet_country(address)
    spans = recognise(text, found, resources.gazetteer, outlet)
    countries = countries_named(text)
    if outlet is not None:
        countries[outlet] += 1
    return resources.resolver.resolve(spans, countries)


def geoparse_many(texts: Sequence[str], resources: GeoResources,
                  addresses: Sequence[str | None] | None = None) -> list[list[Toponym]]:
    """Every toponym of each text, with offsets into the text as given; spaCy reads the texts as
    one batch. `addresses[k]` is text k's URL or outlet host name, when known."""
    found = entities([(text, (0, len(text))) for text in texts], resources.nlp)
    return [resolve_text(text, ents, resources, address) for text, ents, address
            in zip(texts, found, addresses or [None] * len(texts), strict=True)]


def geoparse(text: str, resources: GeoResources | None = None,
             address: str | None = None) -> list[Toponym]:
    """Every toponym of `text`, resolved to a GeoNames entry where one fits."""
    return geoparse_many([text], resources or GeoResources.load(), [address])[0]
