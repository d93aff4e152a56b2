"""Event dates as news writes them, resolved against the publication date.

    "on Thursday"            the latest Thursday on or before publication        precision 1 (day)
    "yesterday", "last night" the day before publication                          precision 1
    "on 12 October"          the latest 12 October on or before publication       precision 1
    "12-14 October"          12 October, ending 14 October                        precision 1
    "last week"              the middle of the week before publication's week     precision 2 (week)
    "earlier this month"     the middle of publication's month (not after it)     precision 3 (month)
    "last November"          the middle of the latest November before this month  precision 3
    "a year ago"             the middle of publication's month a year before      precision 3
    "three days later"       three days after the event the article told before   (that one's)

Precision follows ACLED's time_precision: 1 the day is known, 2 only the week (coded to its middle),
3 only the month (coded to its middle). News dates without a year point back in time: a November date
in a May article is last November. dateparser resolves expressions one at a time; finding them in
running text, with offsets, and ACLED's precision are ours.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_WEEKDAY2 = _WEEKDAY.replace("?P<weekday>", "?P<weekday2>")
_NUMBER = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)"
_NUMBER_VALUES = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                  "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# Most specific first: a range before a single day, a day with its month before a bare month.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("day-range", rf"\b(?:between\s+|from\s+)?{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}\s+{_MONTH}{_YEAR}"),
    ("day-range", rf"\b(?:between\s+|from\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to|and)\s*{_DAY2}{_YEAR}"),
    ("weekday-range", rf"\b(?:between|from)\s+{_WEEKDAY}\s+(?:and|to|until|through)\s+{_WEEKDAY2}\b"),
    ("day", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b"),
    ("day", rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}"),
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    ("weekday", rf"\b(?P<last>last\s+)?{_WEEKDAY}\b"),
    ("relative-day", r"\b(?P<word>the day before yesterday|yesterday|last night|overnight|"
                     r"earlier today|today|this morning|this afternoon|this evening|tonight)\b"),
    ("ago", rf"\b{_NUMBER}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    ("week", r"\b(?P<which>last|this|earlier this|previous|past)\s+week\b"),
    ("month", r"\b(?P<which>last|this|earlier this|previous|past)\s+month\b"),
    ("named-month", rf"\b(?P<lead>in|last|during|since|early|late|mid|mid-|earlier in|until)\s*"
                    rf"{_MONTH}{_YEAR}\b"),
)
# "Three days later they took Palmyra", "the next day", "hours later": news dates a later event
# by its distance from the one it has just told, not from the publication date.
_LATER = re.compile(
    rf"\b(?:{_NUMBER}\s+(?P<unit>days?|weeks?)\s+later|(?P<next>the next day|the following day|"
    r"the next morning|the following morning|a day later|the day after)|"
    r"(?P<same>hours later|later that day|later the same day|the same day|that same day|"
    r"that night|the same night))\b", re.IGNORECASE)
_COMPILED = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS)


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date expression in the text and the date it means. `value` is ACLED's event_date (the
    middle of the week or month at precision 2 or 3); `last_day` ends a range."""

    value: dt.date
    precision: int
    start: int
    end: int
    text: str
    rule: str
    last_day: dt.date | None = None
    # Set for "three days later": the days after the date of the event told before it, which
    # `value` does not know yet (it holds the reference date until `after_earlier` resolves it).
    days_after_earlier: int | None = None
    counted_from: str | None = None  # once resolved, the earlier date's words

    def after_earlier(self, earlier: EventDate) -> EventDate:
        """This "N days later" counted from the date of the event told before it."""
        days = self.days_after_earlier or 0
        return replace(self, value=earlier.value + dt.timedelta(days=days),
                       precision=max(earlier.precision, 2 if days >= 7 else 1),
                       rule=f"{self.rule} ({earlier.text!r})", days_after_earlier=None,
                       counted_from=earlier.text)


def _latest_on_or_before(month: int, day: int, reference: dt.date) -> dt.date | None:
    for year in (reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference:
            return candidate
    return None


def _weekday_on_or_before(weekday: int, reference: dt.date, strictly_before: bool) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return reference - dt.timedelta(days=back)


def _middle_of_week(day: dt.date, reference: dt.date) -> dt.date:
    monday = day - dt.timedelta(days=day.weekday())
    return min(monday + dt.timedelta(days=3), reference)


def _middle_of_month(year: int, month: int, reference: dt.date) -> dt.date:
    return min(dt.date(year, month, 15), reference)


def _month_back(reference: dt.date, months: int) -> tuple[int, int]:
    index = reference.year * 12 + reference.month - 1 - months
    return index // 12, index % 12 + 1


def _resolve(kind: str, m: re.Match[str], reference: dt.date) -> EventDate | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}

    def made(value: dt.date | None, precision: int, rule: str,
             last_day: dt.date | None = None) -> EventDate | None:
        if value is None or value > reference:
            return None
        return EventDate(value, precision, m.start(), m.end(), m.group(0), rule, last_day)

    if kind in ("day", "day-range"):
        month = _MONTHS[g["month"]]
        first_day = int(g["day"])
        if g.get("year"):
            try:
                value = dt.date(int(g["year"]), month, first_day)
            except ValueError:
                return None
            rule = "date with its year"
        else:
            value = _latest_on_or_before(month, first_day, reference)
            rule = "the latest such date on or before publication"
        last_day = None
        if kind == "day-range" and value is not None:
            try:
                last_day = value.replace(day=int(g["day2"]))
            except ValueError:
                return None
            if last_day < value:
                return None
        return made(value, 1, rule, last_day)
    if kind == "iso":
        try:
            return made(dt.date(int(g["y"]), int(g["m"]), int(g["d"])), 1, "ISO date")
        except ValueError:
            return None
    if kind == "weekday":
        value = _weekday_on_or_before(_WEEKDAYS[g["weekday"]], reference, bool(g.get("last")))
        return made(value, 1, "the latest such weekday on or before publication")
    if kind == "weekday-range":
        last_day = _weekday_on_or_before(_WEEKDAYS[g["weekday2"]], reference, False)
        first = last_day - dt.timedelta(days=(_WEEKDAYS[g["weekday2"]] - _WEEKDAYS[g["weekday"]]) % 7)
        return made(first, 1, "weekday range ending on or before publication", last_day)
    if kind == "relative-day":
        back = {"the day before yesterday": 2, "yesterday": 1, "last night": 1, "overnight": 1}
        return made(reference - dt.timedelta(days=back.get(g["word"], 0)), 1,
                    f"'{g['word']}' from the publication date")
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_VALUES[g["n"]]
        unit = g["unit"].rstrip("s")
        if unit == "day":
            return made(reference - dt.timedelta(days=n), 1, "days before publication")
        if unit == "week":
            day = reference - dt.timedelta(weeks=n)
            return made(_middle_of_week(day, reference), 2, "weeks before publication")
        year, month = _month_back(reference, n * (12 if unit == "year" else 1))
        return made(_middle_of_month(year, month, reference), 3, f"{unit}s before publication")
    if kind == "week":
        back = 0 if g["which"] in ("this", "earlier this") else 7
        day = reference - dt.timedelta(days=back)
        return made(_middle_of_week(day, reference), 2, f"'{g['which']} week'")
    if kind == "month":
        year, month = _month_back(reference, 0 if g["which"] in ("this", "earlier this") else 1)
        return made(_middle_of_month(year, month, reference), 3, f"'{g['which']} month'")
    if kind == "named-month":
        month = _MONTHS[g["month"]]
        if g.get("year"):
            year = int(g["year"])
        elif g["lead"] == "last" or month > reference.month:
            # "last November" is the latest November before this month; so is a plain "in November"
            # that would otherwise lie in the future.
            year = reference.year if month < reference.month else reference.year - 1
        else:
            year = reference.year
        return made(_middle_of_month(year, month, reference), 3, "month named without a day")
    return None


def _later(match: re.Match[str], reference: dt.date) -> EventDate:
    if match.group("same"):
        days = 0
    elif match.group("next"):
        days = 1
    else:
        n = match.group("n").lower()
        days = (int(n) if n.isdigit() else _NUMBER_VALUES[n]) * \
            (7 if match.group("unit").lower().startswith("week") else 1)
    return EventDate(reference, 1, match.start(), match.end(), match.group(0),
                     "counted from the event told before it", days_after_earlier=days)


def find_event_dates(text: str, reference: dt.date, later: bool = False) -> list[EventDate]:
    """Every date expression in `text`, resolved against `reference` (the publication date),
    with character offsets; overlapping readings keep the most specific. With `later`, "three
    days later" and its kin too, to be counted from the event told before (`after_earlier`)."""
    found: list[EventDate] = []
    taken: list[tuple[int, int]] = []
    if later:
        for match in _LATER.finditer(text):
            found.append(_later(match, reference))
            taken.append((match.start(), match.end()))
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            resolved = _resolve(kind, match, reference)
            if resolved is not None:
                found.append(resolved)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


# A day that is not the day of the news the text tells, though it is day-precise:
# - a photo caption's date, run into the story when a page is flattened to text ("... in Aleppo
#   Syria July 1 2016. (Reuters Photo)", "... on Monday (AFP photo)", "In this photo taken on
#   June 8 ..."): the caption dates the picture, often days old;
# - the onset of what is still going on ("the bombing campaign ... since Tuesday", "the raids
#   which began Saturday"): the article reports where it stands now, not its first day.
_CAPTION_CREDIT = re.compile(
    r"\.?\s*\((?=[^()]{0,60}\)) *(?:[^()]*\b(?:photos?|pictures?|Reuters|AFP|AP|Agencies|Anadolu|"
    r"Getty|SANA|EPA)\b[^()]*)\)", re.IGNORECASE)
_CAPTION_LEAD = re.compile(r"\b(?:photo|picture|image)\s+(?:taken|shot)\s+(?:on\s+)?$",
                           re.IGNORECASE)
_ONSET = re.compile(r"\b(?:since|began|begun|started|beginning)\b[^.;]{0,60}$", re.IGNORECASE)


def dates_another_story(text: str, date: EventDate) -> bool:
    """Whether `date` (found in `text`) dates a photo caption or the onset of something still
    going on, rather than the news the text tells."""
    return bool(_CAPTION_CREDIT.match(text, date.end)
                or _CAPTION_LEAD.search(text, max(0, date.start - 40), date.start)
                or _ONSET.search(text, max(0, date.start - 70), date.start))


def iter_full_dates(text: str) -> Iterator[dt.date]:
    """Dates written with day, month and year: a fallback reference when an article has no
    publication date."""
    for kind, pattern in _COMPILED[:5]:
        for match in pattern.finditer(text):
            if kind in ("day", "day-range") and match.group("year"):
                try:
                    yield dt.date(int(match.group("year")), _MONTHS[match.group("month").lower()],
                                  int(match.group("day")))
                except ValueError:
                    continue


def reference_date(published: dt.date | None, dateline: dt.date | None,
                   text: str) -> tuple[dt.date, str] | None:
    """The date relative expressions count from: publication, else the dateline, else the latest
    full date in the text; with which one was used."""
    if published is not None:
        return published, "publication date"
    if dateline is not None:
        return dateline, "dateline"
    latest = max(iter_full_dates(text), default=None)
    return (latest, "latest full date in the text") if latest else None
