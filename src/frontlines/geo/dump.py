"""Import a GeoNames dump the user downloaded (https://download.geonames.org/export/dump/) into a
gazetteer index, for village-level coverage beyond the packaged towns of 500 people or more.

Files, recognised by name, zipped or not:
- `allCountries` or `citiesN` (or one country's `XX`): the places, tab-separated, 19 columns;
- `alternateNamesV2` (or `alternateNames`): more names per place; links, postal codes and
  airport codes among them are left out;
- `admin1CodesASCII.txt`, `admin2Codes.txt`: division names by admin code;
- `countryInfo.txt` is not needed: a country is a place of the dump (feature code PCLI...).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from frontlines.errors import DataFileError
from frontlines.geo.gazetteer import Admin, GazetteerBuilder

Progress = Callable[[str], None]
# Names that are not names: web links, postal codes, airport and other codes, Wikidata ids.
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "abbr"})
_PLACE_COLUMNS = 19
_PROGRESS_EVERY = 1_000_000


def _kind(path: Path) -> str:
    stem = path.name.split(".")[0]
    if stem.startswith("admin1Codes"):
        return "admin1"
    if stem.startswith("admin2Codes"):
        return "admin2"
    if stem.startswith("alternateNames"):
        return "alternates"
    if stem == "countryInfo":
        return "ignored"
    if stem.startswith(("allCountries", "cities")) or (len(stem) == 2 and stem.isupper()):
        return "places"
    raise DataFileError("unknown-file", f"{path}: not a GeoNames dump file this import knows "
                     "(allCountries, citiesN, XX, alternateNamesV2, admin1CodesASCII, admin2Codes)")


@contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    """The dump's text, from the .txt or from inside its .zip (the .txt of the same stem)."""
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.endswith(".txt")
                           and not n.startswith("iso-languagecodes")]
                if not members:
                    raise DataFileError("malformed-dump", f"{path}: the zip holds no .txt file")
                with archive.open(members[0]) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                yield handle
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise DataFileError("malformed-dump", f"cannot read {path}: {error}") from error


def _rows(handle: IO[str]) -> Iterator[list[str]]:
    for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row and not row[0].startswith("#"):
            yield row


def import_geonames(paths: list[Path], folder: Path, progress: Progress = lambda s: None,
                    ) -> dict[str, int]:
    """Index the dump files in `paths` into `folder`; returns the counts of places and names."""
    by_kind: dict[str, list[Path]] = {}
    for path in paths:
        by_kind.setdefault(_kind(path), []).append(path)
    if "places" not in by_kind:
        raise DataFileError("missing-file", "no places file given: allCountries.zip, citiesN.zip or "
                         "a country's XX.zip is needed")
    builder = GazetteerBuilder()
    for kind in ("admin1", "admin2"):
        for path in by_kind.get(kind, []):
            with _open_text(path) as handle:
                for row in _rows(handle):
                    if len(row) >= 4 and row[3].isdigit():
                        builder.add_admin(Admin(row[0], row[1], int(row[3])))
    for path in by_kind["places"]:
        progress(f"reading places from {path.name}")
        _read_places(path, builder, progress)
    for path in by_kind.get("alternates", []):
        progress(f"reading alternate names from {path.name}")
        _read_alternates(path, builder, progress)
    progress("writing the index")
    builder.write(folder, "GeoNames dump: " + ", ".join(p.name for p in paths))
    return {"places": len(builder.ids), "names": len(builder.digests["key"])}


def _read_places(path: Path, builder: GazetteerBuilder, progress: Progress) -> None:
    with _open_text(path) as handle:
        for number, row in enumerate(_rows(handle), start=1):
            if len(row) < _PLACE_COLUMNS - 1:
                raise DataFileError("malformed-dump", f"{path}, line {number}: {len(row)} columns, "
                                 f"a GeoNames places file has {_PLACE_COLUMNS}")
            try:
                geonameid, latitude, longitude = int(row[0]), float(row[4]), float(row[5])
                population = int(row[14] or 0)
            except ValueError as error:
                raise DataFileError("malformed-dump", f"{path}, line {number}: {error}") from error
            country = row[8] or None
            admin1 = f"{country}.{row[10]}" if country and row[10] else None
            admin2 = f"{admin1}.{row[11]}" if admin1 and row[11] else None
            place = builder.add_place(geonameid, row[1], latitude, longitude, row[6] or "?",
                                      row[7] or "?", country, admin1, admin2, population)
            builder.add_names(place, [row[2], *row[3].split(",")] if row[3] else [row[2]])
            if number % _PROGRESS_EVERY == 0:
                progress(f"{number:,} places")


def _read_alternates(path: Path, builder: GazetteerBuilder, progress: Progress) -> None:
    with _open_text(path) as handle:
        for number, row in enumerate(_rows(handle), start=1):
            if len(row) < 4 or not row[1].isdigit():
                continue
            if row[2] in _NOT_NAMES:
                continue
            place = builder.row_of.get(int(row[1]))
            if place is not None:
                builder.add_names(place, [row[3]])
            if number % _PROGRESS_EVERY == 0:
                progress(f"{number:,} alternate names")
