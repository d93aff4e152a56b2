"""The multi-source corpus (tests/fusion/) that fusion and control timelines are measured on: its
gold must point at text that is there, and it must be as large and varied as issue 5 asks."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "fusion"


def _articles() -> dict[str, dict]:
    lines = (CORPUS / "articles.jsonl").read_text("utf-8").splitlines()
    articles = [json.loads(line) for line in lines if line.strip()]
    assert len({a["id"] for a in articles}) == len(articles), "article ids repeat"
    return {a["id"]: a for a in articles}


def _gold() -> dict:
    return json.loads((CORPUS / "gold.json").read_text("utf-8"))


def test_the_corpus_is_large_and_varied() -> None:
    articles, gold = _articles(), _gold()
    styles = Counter(a["style"] for a in articles.values())
    assert len(articles) >= 40 and len(styles) >= 5 and min(styles.values()) >= 5
    assert len(gold["events"]) >= 15
    changes = Counter(row["place"] for row in gold["control"])
    assert sum(count >= 2 for count in changes.values()) >= 2  # places that change hands twice


def test_every_mention_quotes_its_article() -> None:
    articles, gold = _articles(), _gold()
    covered = set()
    for event in gold["events"]:
        day = dt.date.fromisoformat(event["event_date"])
        assert len({m["article"] for m in event["mentions"]}) >= 2, event["id"]
        for mention in event["mentions"]:
            article = articles[mention["article"]]
            assert mention["quote"] in article["text"], (event["id"], mention["article"])
            assert dt.datetime.fromisoformat(article["published"]).date() >= day, event["id"]
            covered.add(mention["article"])
    assert covered == set(articles), "every article reports at least one gold event"


def test_control_rows_and_traps_name_gold_events() -> None:
    gold = _gold()
    ids = {event["id"] for event in gold["events"]}
    assert all(row["event"] in ids for row in gold["control"])
    assert all(a in ids and b in ids for a, b in gold["not_same_event"])
