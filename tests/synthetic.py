"""Distinct synthetic articles built from the sentences of our sample corpus, for tests that need
thousands of articles. Each mixes sentences from many samples, so two of them share few 5-word runs
and are not near-duplicates of each other."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from .conftest import EXAMPLES

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sample_sentences() -> list[str]:
    texts: list[str] = [p.read_text("utf-8") for p in sorted((EXAMPLES / "scraped").glob("*.txt"))]
    for line in (EXAMPLES / "batch" / "wire_feed.jsonl").read_text("utf-8").splitlines():
        texts.append(json.loads(line).get("text") or "")
    sentences: list[str] = []
    for text in texts:
        for paragraph in text.split("\n"):
            if len(paragraph.split()) >= 25:
                sentences.extend(s for s in _SENTENCE.split(paragraph) if len(s.split()) >= 8)
    return sorted(set(sentences))


def write_articles(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` distinct text articles (headline + 4 paragraphs) into `folder`."""
    rng = random.Random(seed)
    sentences = sample_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        chosen = rng.sample(sentences, 12)
        headline = f"Report {number}: " + " ".join(chosen[0].split()[:8]).rstrip(",.;:")
        paragraphs = [" ".join(chosen[i:i + 3]) for i in range(0, 12, 3)]
        path = folder / f"article_{number:05d}.txt"
        path.write_text("\n\n".join([headline, *paragraphs]) + "\n", "utf-8")
        paths.append(path)
    return paths
