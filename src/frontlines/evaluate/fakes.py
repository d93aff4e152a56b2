"""Score what frontlines reads of an article against FA-KES labels (Abu Salem et al., 2019): the
main event's death count, its date, and its cause of death mapped to ACLED sub-event types.

FA-KES labels one main event per article. We take the article's lede as the main event, as news
writing puts it first: the first casualty count that reports deaths, the first event date expression
(resolved against the publication date the article opens with), and the sub-event type of the first
sentence that reports an event. Actor class and governorate come with the actor and geocoding stages.

Cause of death -> ACLED sub-event types (ours; FA-KES "shelling" covers air raids as well as artillery):
  shelling                  Air/drone strike, Shelling/artillery/missile attack
  explosion                 Suicide bomb, Remote explosive/landmine/IED, Grenade
  shooting                  Armed clash, Attack (not an execution)
  execution                 Attack told as an execution, beheading or massacre
  chemical and toxic gases  Chemical weapon
"unknown" rows are left out of the cause score.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.extract.casualties import find_casualties
from frontlines.extract.classify import classify
from frontlines.extract.event_dates import find_event_dates, iter_full_dates, reference_date

CAUSES = {
    "shelling": {"Air/drone strike", "Shelling/artillery/missile attack"},
    "explosion": {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"},
    "shooting": {"Armed clash", "Attack"},
    "execution": {"Attack"},
    "chemical and toxic gases": {"Chemical weapon"},
}
_EXECUTION = re.compile(r"execut|behead|massacr|slaughter", re.IGNORECASE)
REQUIRED = ("article_content", "date", "cause_of_death", "nb_civilians", "nb_noncivilians")


@dataclass(frozen=True, slots=True)
class FakesReport:
    rows: int
    death_count_exact: float
    date_within_a_day: float
    cause_to_sub_event_type: float
    cause_rows: int

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "death_count_exact": round(self.death_count_exact, 4),
            "date_within_a_day": round(self.date_within_a_day, 4),
            "cause_to_sub_event_type": round(self.cause_to_sub_event_type, 4),
            "cause_rows": self.cause_rows,
        }


def _gold_date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def _deaths(value: str) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _cause_matches(cause: str, text: str) -> bool:
    trigger = classify(text)
    if trigger is None or trigger.sub_event_type not in CAUSES[cause]:
        return False
    if cause in ("shooting", "execution"):
        return (cause == "execution") == bool(_EXECUTION.search(trigger.text))
    return True


def _event_date(text: str) -> dt.date | None:
    """The lede's day-precise date expression, resolved against the publication date; else the
    publication date itself. FA-KES articles carry their date near the top ("Sun 16 Apr 2017 ...",
    "AFP Friday 15 Jul 2016"); without one, the latest full date in the text stands in for it."""
    head = next(iter_full_dates(text[:200]), None)
    found = (head, "head") if head else reference_date(None, None, text)
    if found is None:
        return None
    published = found[0]
    lede = _SENTENCE_END.split(text, maxsplit=2)
    lede_text = " ".join(lede[:2])  # the headline run-in and the first sentence
    days = [d for d in find_event_dates(lede_text, published) if d.precision == 1
            and d.value != published]
    return days[0].value if days else published


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def evaluate_fakes(path: Path) -> FakesReport:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise FrontlinesError(f"{path} lacks the column(s) {', '.join(missing)} of FA-KES")
            rows = list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise FrontlinesError(f"cannot read {path}: {error}") from error
    deaths_ok = dates_ok = causes_ok = cause_rows = 0
    for row in rows:
        text = row["article_content"]
        gold = _deaths(row["nb_civilians"]) + _deaths(row["nb_noncivilians"])
        killed = [c.value for c in find_casualties(text) if c.kind == "killed"]
        deaths_ok += (killed[0] if killed else 0) == gold
        gold_date = _gold_date(row["date"])
        event_date = _event_date(text)
        if event_date and gold_date:
            dates_ok += abs((event_date - gold_date).days) <= 1
        if row["cause_of_death"] in CAUSES:
            cause_rows += 1
            causes_ok += _cause_matches(row["cause_of_death"], text)
    count = len(rows) or 1
    return FakesReport(len(rows), deaths_ok / count, dates_ok / count,
                       causes_ok / (cause_rows or 1), cause_rows)
