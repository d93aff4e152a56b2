"""Ingest speed against bare trafilatura, measured in one run on the same pages.

The sample HTML pages are replicated to N distinct pages (each copy loses its canonical URL and gains
one paragraph of its own, so every copy is a separate article that the near-duplicate index links to
the page it copies: the work a wire republication causes). Then:

1. baseline: a bare loop of `trafilatura.extract` over the pages, in one process of its own;
2. frontlines: `frontlines ingest --no-extract` of the same folder into a new DuckDB file (clean,
   language, near-duplicates, store), as a user runs it, in a subprocess so its memory is measured
   alone. Event extraction is measured by bench/extract.py.

Prints both rates, their ratio (target >= 0.8) and the peak memory of the largest ingest process.

    python bench/ingest.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "examples" / "html").glob("*.html")) + sorted(
    (ROOT / "examples" / "other_languages").glob("*.html")
)
_URL_TAGS = re.compile(rb'<link[^>]+rel="canonical"[^>]*>|<meta[^>]+property="og:url"[^>]*>', re.I)


def _body_starts() -> dict[str, str]:
    """Where each sample's body starts, from its hand-written expectation."""
    starts = {}
    for path in (ROOT / "tests" / "expected").glob("*.json"):
        for entry in json.loads(path.read_text("utf-8")):
            starts[entry["path"]] = entry["body_starts"]
    return starts


def build_corpus(folder: Path, pages: int) -> list[Path]:
    starts = _body_starts()
    originals = []
    for path in SAMPLES:
        start = starts[str(path.relative_to(ROOT))]
        encoding = "cp1252" if "cp1252" in path.name else "utf-8"
        originals.append((path.read_bytes(), start.encode(encoding)))
    paths = []
    for number in range(pages):
        page, start = originals[number % len(originals)]
        page = _URL_TAGS.sub(b"", page)
        # A sentence of its own at the head of the body makes each copy a distinct article.
        own = f"Copy {number} of this report was filed by bureau {number * 7919 % 10007}. "
        page = page.replace(start, own.encode() + start, 1)
        path = folder / f"page_{number:05d}.html"
        path.write_bytes(page)
        paths.append(path)
    return paths


_BARE_LOOP = """
import sys, pathlib, trafilatura
for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    trafilatura.extract(path.read_bytes())
"""


def bare_extraction_rate(folder: Path, pages: int) -> float:
    """The baseline as a script of its own, so both sides pay for starting Python."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BARE_LOOP, str(folder)], check=True)
    return pages / (time.perf_counter() - started)


def ingest_rate(folder: Path, db: Path) -> tuple[float, int, dict]:
    started = time.perf_counter()
    result = subprocess.run(
        # Event extraction has its own benchmark (bench/extract.py): this one measures the
        # foundation's stages.
        [sys.executable, "-m", "frontlines", "ingest", str(folder), "--db", str(db),
         "--format", "json", "--no-extract"],
        capture_output=True, text=True, check=True,
    )
    elapsed = time.perf_counter() - started
    summary = json.loads(result.stdout)
    processed = summary["stored"] + summary["already_stored"] + summary["skipped"]
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return processed / elapsed, peak_kib, summary


def per_page_costs(paths: list[Path], rounds: int) -> tuple[float, float]:
    """Milliseconds a page in this one process: bare extraction and frontlines' per-article work
    (read, clean, language, signature), interleaved so that drift hits both alike. Steadier than
    the end-to-end rates, which also depend on how two processes share the machine."""
    import datetime as dt

    from frontlines.resources import load_resources
    from frontlines.settings import Settings
    from frontlines.sources import FileTask, InputOptions
    from frontlines.stages import run_task

    resources = load_resources(Settings(extract_events=False))
    options = InputOptions(max_bytes=Settings().max_bytes)
    now = dt.datetime.now(dt.UTC)
    sample = paths[:400]
    bare, ours = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for path in sample:
            trafilatura.extract(path.read_bytes())
        bare.append((time.perf_counter() - started) / len(sample) * 1000)
        started = time.perf_counter()
        for path in sample:
            run_task(FileTask(path), resources, options, frozenset(), now)
        ours.append((time.perf_counter() - started) / len(sample) * 1000)
    return statistics.median(bare), statistics.median(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5,
                        help="Alternate the two measurements this often; medians are reported.")
    args = parser.parse_args()
    baselines, rates, ratios = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths = build_corpus(folder, args.pages)
        for round_number in range(args.rounds):
            # This machine's speed drifts by a third between minutes: each ratio compares two runs
            # made back to back, and the medians smooth the rest.
            baselines.append(bare_extraction_rate(folder, len(paths)))
            rate, peak_kib, summary = ingest_rate(folder, Path(tmp) / f"bench{round_number}.duckdb")
            rates.append(rate)
            ratios.append(rate / baselines[-1])
        bare_ms, ours_ms = per_page_costs(paths, args.rounds)
    print(f"pages:                         {len(paths):,} ({len(SAMPLES)} sample pages replicated)")
    print(f"rounds:                        {args.rounds} (medians below)")
    print(f"bare trafilatura.extract:      {statistics.median(baselines):8.1f} pages/s (1 process)")
    print(f"frontlines ingest:             {statistics.median(rates):8.1f} pages/s "
          "(clean + language + near-duplicates + store, 2 cores)")
    print(f"ratio ingest / bare:           {statistics.median(ratios):8.2f}  (target >= 0.80; "
          f"rounds: {', '.join(f'{r:.2f}' for r in ratios)})")
    print(f"cost per page, one process:    {ours_ms:8.2f} ms frontlines vs {bare_ms:.2f} ms bare "
          f"({ours_ms / bare_ms:.2f}x)")
    print(f"peak memory, largest process:  {peak_kib / 1024:8.0f} MiB")
    print(f"ingest summary:                {summary}")


if __name__ == "__main__":
    main()
