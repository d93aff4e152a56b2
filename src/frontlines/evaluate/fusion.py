"""Score fusion on a multi-source corpus (ours is tests/fusion): `articles.jsonl` (one article a
line: id, source, url, title, published, text) and `gold.json` (events, each with the exact words
of every article that reports it).

The articles go through extraction, then fusion, as a user's feed would. An extracted mention is
aligned with the gold event whose quoted words' sentence holds its trigger; mentions that hold none (events
the gold does not annotate, or background) are left out of the scores and counted. Scores are over
pairs of aligned mentions from different articles (two mentions of one article are extraction's
decision, not fusion's):
- pairwise precision, recall and F1: of the pairs fused, how many the gold fuses, and back;
- B-cubed precision, recall and F1 (Bagga and Baldwin): per mention, the share of its event's
  mentions that are its gold event's, and back, averaged.

The control timeline the fused events give (`fuse.control.control_changes`) is scored against the
gold's `control` rows (a place by GeoNames id, a day, who took it): a gold change is found when a
derived change of that place falls within a day of it; its taker is right when the derived
holder is the gold's (ACLED's period suffix aside), and contested when the derived change is
contested with the gold's taker among the claimants. Derived changes that no gold row has are
counted against precision.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from frontlines.errors import DataFileError
from frontlines.extract.actors import ACLED_PERIOD
from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many
from frontlines.fuse import Report, fuse
from frontlines.fuse.control import ControlChange, control_changes
from frontlines.fuse.embed import sentence_vectors
from frontlines.records import Event, Mention


@dataclass(frozen=True, slots=True)
class FusionScores:
    articles: int
    gold_events: int
    mentions: int  # extracted
    aligned: int  # extracted mentions that report a gold event
    gold_mentions_found: float  # share of the gold's reports that some extracted mention aligns to
    events: int  # fused events made of aligned mentions
    pairwise: tuple[float, float, float]
    bcubed: tuple[float, float, float]
    merged_wrongly: list[tuple[str, str]]  # gold events fused together, by gold id
    split: list[str]  # gold events spread over several fused events
    control: ControlScores | None = None

    def to_json(self) -> dict[str, Any]:
        names = ("precision", "recall", "f1")
        return {
            "articles": self.articles, "gold_events": self.gold_events,
            "mentions": self.mentions, "aligned": self.aligned,
            "gold_mentions_found": round(self.gold_mentions_found, 4), "events": self.events,
            "pairwise": dict(zip(names, (round(v, 4) for v in self.pairwise), strict=True)),
            "bcubed": dict(zip(names, (round(v, 4) for v in self.bcubed), strict=True)),
            "merged_wrongly": [list(pair) for pair in self.merged_wrongly], "split": self.split,
            "control": self.control.to_json() if self.control else None,
        }


@dataclass(frozen=True, slots=True)
class ControlScores:
    gold: int  # changes of control the gold lists
    derived: int  # changes the fused events give
    found: int  # gold changes with a derived change of the place within a day
    right_taker: int  # ... whose holder is the gold's taker
    contested: int  # ... contested, with the gold's taker among the claimants
    spurious: int  # derived changes no gold change matches
    misses: list[str]  # gold changes not found or with another taker: "place date: why"
    extra: list[str]  # derived changes no gold change matches: "place date: holder"

    def to_json(self) -> dict[str, Any]:
        return {"gold": self.gold, "derived": self.derived, "found": self.found,
                "right_taker": self.right_taker, "contested": self.contested,
                "spurious": self.spurious, "misses": self.misses, "extra": self.extra}


def read_fusion_corpus(folder: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    try:
        lines = (folder / "articles.jsonl").read_text("utf-8").splitlines()
        articles = [json.loads(line) for line in lines if line.strip()]
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise DataFileError("not-a-fusion-corpus", f"{folder} is not a fusion corpus "
                            f"(articles.jsonl and gold.json): {error}") from error
    if not isinstance(gold, dict) or "events" not in gold:
        raise DataFileError("not-a-fusion-corpus", f"{folder}/gold.json has no \"events\"")
    return articles, gold


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None


def evaluate_fusion(folder: Path, resources: ExtractResources | None = None) -> FusionScores:
    articles, gold = read_fusion_corpus(folder)
    resources = resources or ExtractResources.load()
    items = [ExtractInput(a["text"], published=_day(a.get("published")), title=a.get("title"),
                          article_id=a["id"], url=a.get("url")) for a in articles]
    mentions = [m for found in extract_many(items, resources) for m in found]
    reports = {a["id"]: Report(a.get("source"), (a.get("published") or "")[:10] or None)
               for a in articles}
    vectors = sentence_vectors(mentions, {a["id"]: a["text"] for a in articles},
                               {a["id"]: a.get("title") for a in articles})
    events = fuse(mentions, reports, vectors)
    scores = score_fusion(articles, gold, mentions, events)
    return replace(scores, control=score_control(gold.get("control", []),
                                                 control_changes(events)))


def score_control(gold_rows: list[dict[str, Any]], changes: list[ControlChange]) -> ControlScores:
    by_place: dict[int, list[ControlChange]] = defaultdict(list)
    for change in changes:
        by_place[change.geonameid].append(change)
    used: set[tuple[int, str]] = set()
    found = right = contested = 0
    misses = []
    for row in gold_rows:
        day = dt.date.fromisoformat(row["date"])
        near = [c for c in by_place.get(row["geonameid"], [])
                if abs((dt.date.fromisoformat(c.date) - day).days) <= 1]
        label = f"{row['place']} {row['date']}"
        if not near:
            misses.append(f"{label}: no change of control derived")
            continue
        found += 1
        used.update((c.geonameid, c.date) for c in near)
        taker = _unperiod(row["to"])
        if any(_unperiod(c.to_actor) == taker for c in near):
            right += 1
        elif any(c.contested and taker in {_unperiod(a) for a in c.claimants} for c in near):
            contested += 1
        else:
            holders = "; ".join(_holder(c) for c in near)
            misses.append(f"{label}: {holders} instead of {row['to']}")
    extra = [f"{c.place} {c.date}: {_holder(c)}" for c in changes
             if (c.geonameid, c.date) not in used]
    return ControlScores(len(gold_rows), len(changes), found, right, contested, len(extra),
                         misses, extra)


def _holder(change: ControlChange) -> str:
    if change.contested:
        return "contested: " + " / ".join(change.claimants)
    return change.to_actor or "no holder named"


def _unperiod(actor: str | None) -> str | None:
    return ACLED_PERIOD.sub("", actor) if actor else actor


def _gold_of(articles: list[dict[str, Any]], gold: dict[str, Any],
             mentions: list[Mention]) -> tuple[dict[tuple[str, int], str], float]:
    """The gold event of each extracted mention that reports one, and the share of gold
    reports found."""
    texts = {a["id"]: a["text"] for a in articles}
    quotes: dict[str, list[tuple[int, int, int, int, str, int]]] = defaultdict(list)
    number = 0
    for event in gold["events"]:
        for mention in event["mentions"]:
            text = texts[mention["article"]]
            start = text.find(mention["quote"])
            if start < 0:
                raise DataFileError("quote-not-found", f"gold event {event['id']}: its quote is not "
                                    f"in article {mention['article']}")
            quote_end = start + len(mention["quote"])
            sentence_start, sentence_end = _sentence_around(text, start, quote_end)
            quotes[mention["article"]].append(
                (start, quote_end, sentence_start, sentence_end, event["id"], number))
            number += 1
    aligned: dict[tuple[str, int], str] = {}
    found: set[int] = set()
    for mention in mentions:
        trigger = next((e for e in mention.evidence if e.field == "sub_event_type"
                        and e.part == "text"), None)
        if trigger is None:
            continue
        # The quote that holds the trigger, else the one whose sentence does: one sentence may
        # tell two events ("walked into Bukavu ... three weeks after the group seized Goma").
        candidates = quotes.get(mention.article_id, [])
        chosen = next((q for q in candidates if q[0] <= trigger.start and trigger.end <= q[1]),
                      None) or next((q for q in candidates
                                     if q[2] <= trigger.start and trigger.end <= q[3]), None)
        if chosen is not None:
            aligned[(mention.article_id, mention.number)] = chosen[4]
            found.add(chosen[5])
    return aligned, len(found) / number if number else 0.0


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence or sentences that hold text[start:end]: the gold quotes the words that tell
    the event, extraction's trigger may be elsewhere in their sentence."""
    before = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return before, min(stops) + 1 if stops else len(text)


def score_fusion(articles: list[dict[str, Any]], gold: dict[str, Any], mentions: list[Mention],
                 events: list[Event]) -> FusionScores:
    aligned, found = _gold_of(articles, gold, mentions)
    predicted = {(s.article_id, s.number): event.event_id for event in events
                 for s in event.sources if (s.article_id, s.number) in aligned}
    keys = sorted(predicted)
    same_predicted = same_gold = both = 0
    for a, b in combinations(keys, 2):
        if a[0] == b[0]:
            continue  # one article's mentions: extraction's call
        p, g = predicted[a] == predicted[b], aligned[a] == aligned[b]
        same_predicted += p
        same_gold += g
        both += p and g
    pairwise = _prf(both / same_predicted if same_predicted else 1.0,
                    both / same_gold if same_gold else 1.0)
    by_predicted, by_gold = defaultdict(set), defaultdict(set)
    for key in keys:
        by_predicted[predicted[key]].add(key)
        by_gold[aligned[key]].add(key)
    precision = recall = 0.0
    for key in keys:
        mine, theirs = by_predicted[predicted[key]], by_gold[aligned[key]]
        precision += len(mine & theirs) / len(mine)
        recall += len(mine & theirs) / len(theirs)
    bcubed = _prf(precision / len(keys), recall / len(keys)) if keys else (0.0, 0.0, 0.0)
    merged = sorted({tuple(sorted({aligned[k] for k in members}))[:2]
                     for members in by_predicted.values()
                     if len({aligned[k] for k in members}) > 1})
    split = sorted(g for g, members in by_gold.items()
                   if len({predicted[k] for k in members}) > 1)
    return FusionScores(len(articles), len(gold["events"]), len(mentions), len(keys), found,
                        len(by_predicted), pairwise, bcubed, merged, split)


def _prf(precision: float, recall: float) -> tuple[float, float, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def render(scores: FusionScores) -> str:
    lines = [
        f"articles:                      {scores.articles}",
        f"gold events:                   {scores.gold_events}",
        f"extracted mentions:            {scores.mentions} ({scores.aligned} report a gold event; "
        f"{scores.gold_mentions_found:.1%} of the gold's reports found)",
        f"fused events (aligned):        {scores.events}",
        "",
        "                     precision  recall  F1",
        f"  pairwise           {scores.pairwise[0]:<10.3f} {scores.pairwise[1]:<7.3f} "
        f"{scores.pairwise[2]:.3f}",
        f"  B-cubed            {scores.bcubed[0]:<10.3f} {scores.bcubed[1]:<7.3f} "
        f"{scores.bcubed[2]:.3f}",
    ]
    if scores.merged_wrongly:
        lines += ["", "gold events fused together:"]
        lines += [f"  {a} + {b}" for a, b in scores.merged_wrongly]
    if scores.split:
        lines += ["", "gold events split over several fused events:"]
        lines += [f"  {event}" for event in scores.split]
    if (control := scores.control) is not None:
        lines += ["", f"control changes:               {control.found} of {control.gold} gold "
                      f"changes derived within a day; taker right {control.right_taker}, "
                      f"contested with the right taker among the claimants {control.contested}; "
                      f"{control.spurious} of {control.derived} derived changes not in the gold"]
        lines += [f"  {miss}" for miss in control.misses]
        lines += [f"  not in the gold: {extra}" for extra in control.extra]
    return "\n".join(lines)
