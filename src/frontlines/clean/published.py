"""Find an article's publication time in its visible text: footers, date lines, datelines.

Structured metadata (HTML meta tags, JSON-LD, a feed's own field) is better evidence and is used first
by the callers; this module covers what crawlers and copy-paste leave us: "First published: 03.17.16,
09:40", "Published 17 March 2016 09:40 GMT", "פורסם לראשונה: 11.09.16", "KABUL, Sept 29 (Wire) -".

All-numeric dates are ambiguous (03.04.16). We decide the order from, in turn:
1. other numeric dates in the same page that only one order can read (03.15.16 must be M.D.Y);
2. dates written with month names in the page: the reading nearest to them wins, since an article
   is published close to the events it names;
3. a date in the URL (/2016/03/17/);
4. the site's convention (data/date_orders.json), else day-first, as most of the world writes.
Every result carries an `evidence` string saying which line it came from and how the order was chosen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from frontlines.data_files import load_data_file
from frontlines.records import PublishedValue

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ZONES = {
    "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "AST": 3, "EAT": 3, "WAT": 1,
    "CAT": 2, "IST": 2, "PKT": 5, "AFT": 4.5, "ICT": 7, "PHT": 8, "EST": -5, "EDT": -4,
    "PST": -8, "PDT": -7, "GST": 4,
}  # fmt: skip  -- IST is Israel's here (Middle East desks); India's is +5:30
_TIME = (
    r"(?:\s*,?\s*(?:at\s+|-\s+|\|\s*)?(?P<hh>\d{1,2})[:h.](?P<mm>\d{2})(?::\d{2})?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?)?"
    r"(?:\s*\(?(?P<tz>GMT|UTC|Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?"
    + "|" + "|".join(_ZONES) + r")\b\)?)?"
)
ISO_RE = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
NUMERIC_RE = re.compile(
    r"(?<![\d./-])(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{2,4})(?![\d./-]\d)" + _TIME
)
DAY_MONTH_RE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?\b"
    + _TIME,
    re.IGNORECASE,
)
MONTH_DAY_RE = re.compile(
    rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?" + _TIME,
    re.IGNORECASE,
)
# A page flattened to one line can lose the space between day and year: "Last updated at Apr 232017".
GLUED_YEAR_RE = re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>[0-3]\d)(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
URL_DATE_RE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|[^\d])")

PUBLISHED_LABEL = re.compile(
    r"(first published|originally published|published( on| at)?|posted( on| at)?|date published"
    r"|publication date|release date|פורסם לראשונה|פורסם|تاريخ النشر|نشر في|نُشر|نشر بتاريخ|نشر"
    r"|опубликовано|publié le|publié|publicado( el)?|veröffentlicht( am)?)",
    re.IGNORECASE,
)
UPDATED_LABEL = re.compile(
    r"(last updated|updated( on| at)?|last modified|modified|עודכן|آخر تحديث|تم التحديث|تحديث"
    r"|обновлено|mis à jour|actualizado)",
    re.IGNORECASE,
)
# A dateline opens a wire story: "KABUL, Sept 29 (Reuters) -", "BEIRUT, March 17 —".
DATELINE_RE = re.compile(
    rf"^[A-Z][A-Z .'’-]{{1,30}}(?:,\s*[A-Z][A-Za-z .'’-]{{1,30}})?,\s*(?P<date>{_MONTH}\s+\d{{1,2}}"
    rf"(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)\s*(?:\([^)]{{1,40}}\))?\s*[-—–:]",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"[\s,.:;|()\[\]•·—–-]+|\b(gmt|utc|at|on|am|pm|a\.m\.|p\.m\.|local time"
    r"|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PublishedDate:
    value: PublishedValue
    evidence: str


@dataclass(frozen=True, slots=True)
class DateOrders:
    """Site conventions for all-numeric dates, loaded from data/date_orders.json."""

    default: str
    month_first_domains: tuple[str, ...]

    @classmethod
    def load(cls, path: str | None = None) -> DateOrders:
        data = load_data_file("date_orders.json", path)
        return cls(data["default"], tuple(data["month_first_domains"]))

    def order_for(self, host: str | None) -> tuple[str, str]:
        if host:
            host = host.lower()
            for domain in self.month_first_domains:
                if host == domain.lstrip(".") or host.endswith(domain if domain.startswith(".")
                                                              else "." + domain):
                    return "MDY", f"the site {host} writes the month first"
        return self.default, "no evidence in the page; day-first, as most sites write"


def _year(text: str) -> int:
    year = int(text)
    if year >= 100:
        return year
    # Two-digit years in news footers are this century unless that would be in the future.
    this_year = dt.date.today().year
    return 2000 + year if 2000 + year <= this_year + 1 else 1900 + year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_time(day: dt.date, match: re.Match[str]) -> PublishedValue:
    hh, mm = match.groupdict().get("hh"), match.groupdict().get("mm")
    if hh is None or mm is None:
        return day
    hour, minute = int(hh), int(mm)
    ampm = (match.groupdict().get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day
    tzinfo = _parse_tz(match.groupdict().get("tz"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tzinfo)


def _parse_tz(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    text = text.replace(" ", "").upper()
    if text in ("GMT", "UTC", "Z"):
        return dt.UTC
    if text in _ZONES:
        return dt.timezone(dt.timedelta(hours=_ZONES[text]))
    found = re.search(r"([+-])(\d{1,2}):?(\d{2})?$", text)
    if not found:
        return None
    sign = 1 if found.group(1) == "+" else -1
    offset = dt.timedelta(hours=int(found.group(2)), minutes=int(found.group(3) or 0))
    return dt.timezone(sign * offset)


def _numeric_readings(match: re.Match[str]) -> dict[str, dt.date]:
    """Every valid reading of an all-numeric date, keyed by order (YMD, DMY, MDY)."""
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    if len(a) == 4:
        day = _safe_date(int(a), int(b), int(c))
        return {"YMD": day} if day else {}
    if len(c) not in (2, 4):
        return {}
    year = _year(c)
    readings = {
        "DMY": _safe_date(year, int(b), int(a)),
        "MDY": _safe_date(year, int(a), int(b)),
    }
    return {order: day for order, day in readings.items() if day is not None}


def _named_dates(text: str, default_year: int | None) -> list[dt.date]:
    """Dates written with a month name anywhere in the text (for deciding numeric orders)."""
    found: list[dt.date] = []
    for regex in (DAY_MONTH_RE, MONTH_DAY_RE):
        for match in regex.finditer(text):
            month = _MONTHS[match.group("mon")[:3].lower()]
            year = int(match.group("y")) if match.group("y") else default_year
            if year is None:
                continue
            day = _safe_date(year, month, int(match.group("d")))
            if day:
                found.append(day)
    return found


def _url_date(url: str | None) -> dt.date | None:
    if not url:
        return None
    match = URL_DATE_RE.search(url)
    if not match:
        return None
    return _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))


def choose_numeric_order(
    match: re.Match[str],
    page_text: str,
    url: str | None,
    host: str | None,
    orders: DateOrders,
    latest: dt.date,
) -> tuple[dt.date, str] | None:
    """Pick the reading of an all-numeric date; return it with the reason for the order."""
    readings = {k: v for k, v in _numeric_readings(match).items() if v <= latest}
    if not readings:
        return None
    if len(readings) == 1 or len(set(readings.values())) == 1:
        order, day = next(iter(readings.items()))
        return day, f"only {'.'.join(order)} gives a valid date"
    # 1. Other numeric dates written the same way that only one order can read.
    votes: dict[str, int] = {}
    for other in NUMERIC_RE.finditer(page_text):
        if other.group("sep") != match.group("sep") or len(other.group("a")) == 4:
            continue
        other_readings = _numeric_readings(other)
        if len(other_readings) == 1:
            order = next(iter(other_readings))
            votes[order] = votes.get(order, 0) + 1
    if len(votes) == 1:
        order = next(iter(votes))
        if order in readings:
            return readings[order], f"{'.'.join(order)}, as another date in the page can only be read"
    # 2. Dates written with month names: the reading nearest to them.
    any_year = next(iter(readings.values())).year
    named = _named_dates(page_text, any_year)
    if named:
        def distance(day: dt.date) -> int:
            return min(abs((day - other).days) for other in named)

        ranked = sorted(readings.items(), key=lambda item: (distance(item[1]), item[0]))
        if distance(ranked[0][1]) < distance(ranked[1][1]):
            order, day = ranked[0]
            return day, f"{'.'.join(order)}, the reading nearest to the dates named in the text"
    # 3. The URL's date.
    from_url = _url_date(url)
    if from_url is not None:
        for order, day in readings.items():
            if day == from_url:
                return day, f"{'.'.join(order)}, matching the date in the URL"
    # 4. The site's convention, else day-first.
    order, why = orders.order_for(host)
    if order in readings:
        return readings[order], f"{'.'.join(order)}: {why}"
    order, day = sorted(readings.items())[0]
    return day, f"{'.'.join(order)}: the only remaining reading"


def _parse_date_expression(
    text: str,
    page_text: str,
    url: str | None,
    host: str | None,
    orders: DateOrders,
    latest: dt.date,
    year_hint: int | None,
) -> tuple[PublishedValue, str] | None:
    """The first date in `text`, with how its order was decided."""
    iso = ISO_RE.search(text)
    if iso:
        day = _safe_date(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")))
        if day and day <= latest:
            return _with_time(day, iso), "ISO 8601"
    numeric = NUMERIC_RE.search(text)
    named_candidates = [m for m in (DAY_MONTH_RE.search(text), MONTH_DAY_RE.search(text)) if m]
    named = min(named_candidates, key=lambda m: m.start()) if named_candidates else None
    if numeric and (named is None or numeric.start() < named.start()):
        chosen = choose_numeric_order(numeric, page_text, url, host, orders, latest)
        if chosen:
            return _with_time(chosen[0], numeric), chosen[1]
    if named:
        year = int(named.group("y")) if named.group("y") else year_hint
        if year is None:
            return None
        day = _safe_date(year, _MONTHS[named.group("mon")[:3].lower()], int(named.group("d")))
        if day and day <= latest:
            how = "month written as a word" + ("" if named.group("y") else f", year {year} from the page")
            return _with_time(day, named), how
    return None


def parse_foreign_date(text: str, language: str) -> PublishedValue | None:
    """A full date written in another language ("6 juin 2021", "18 de enero de 2019").

    dateparser knows the month names of some 200 languages; it is slow (milliseconds a call), so
    it only sees short lines of non-English pages that hold a year.
    """
    if not re.search(r"\b(19|20)\d\d\b", text):
        return None
    from dateparser.search import search_dates  # heavy import, needed only here

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    try:
        found = search_dates(text, languages=[language], settings=settings)
    except (ValueError, KeyError, TypeError):
        return None
    if not found:
        return None
    value = found[0][1]
    if value.hour == 0 and value.minute == 0:
        return value.date()
    return value


def is_date_line(line: str) -> bool:
    """True for a line that is only a date (with a label, time or zone): a footer or meta line."""
    if not any(ch.isdigit() for ch in line):
        return False
    stripped = PUBLISHED_LABEL.sub(" ", UPDATED_LABEL.sub(" ", line))
    for regex in (ISO_RE, NUMERIC_RE, DAY_MONTH_RE, MONTH_DAY_RE):
        match = regex.search(stripped)
        if match:
            rest = stripped[: match.start()] + " " + stripped[match.end():]
            rest = _FILLER.sub(" ", rest)
            # Weekday names and a word or two of label ("Friday", "Last update") may remain.
            return len(rest.split()) <= 2
    return False


def _latest_year(page_text: str) -> int | None:
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", page_text)]
    return max(years) if years else None


def find_published(
    date_lines: Sequence[str],
    body: str,
    *,
    url: str | None = None,
    host: str | None = None,
    orders: DateOrders,
    extra_text: Iterable[str] = (),
    today: dt.date | None = None,
    language: str | None = None,
) -> PublishedDate | None:
    """The publication time stated in the page's date lines or dateline, with its evidence.

    `date_lines` are the lines the cleaner removed as dates, bylines or footers; `body` is the clean
    text (its first paragraph may open with a dateline); `extra_text` holds other page text that can
    help decide an ambiguous order but is not itself a candidate.
    """
    latest = today or dt.date.today()
    page_text = "\n".join([*date_lines, body, *extra_text])
    year_hint = _latest_year(page_text)
    ranked: list[tuple[int, int, str]] = []  # (rank, position, line)
    for position, line in enumerate(date_lines):
        # A "published" label beats an unlabelled date, which beats an "updated" one.
        if PUBLISHED_LABEL.search(line):
            ranked.append((0, position, line))
        elif UPDATED_LABEL.search(line):
            ranked.append((2, position, line))
        else:
            ranked.append((1, position, line))
    for _, _, line in sorted(ranked):
        label = PUBLISHED_LABEL.search(line) or UPDATED_LABEL.search(line)
        text = line[label.end():] if label else line
        parsed = _parse_date_expression(text, page_text, url, host, orders, latest, year_hint)
        where = f"date line {line.strip()!r}"
        if parsed:
            return PublishedDate(parsed[0], f"{where}; {parsed[1]}")
        if language and language != "en":
            foreign = parse_foreign_date(line, language)
            if foreign is not None:
                return PublishedDate(foreign, f"{where}; read as {language} by dateparser")
    first_paragraph = body.lstrip().split("\n", 1)[0][:200]
    dateline = DATELINE_RE.match(first_paragraph)
    if dateline:
        parsed = _parse_date_expression(
            dateline.group("date"), page_text, url, host, orders, latest, year_hint
        )
        if parsed:
            return PublishedDate(parsed[0], f"dateline {dateline.group(0).strip()!r}; {parsed[1]}")
    return None


# How far into a text its opening date may sit: past a headline and a source tag ("Syria air strikes
# kill 32 Monitor AFP Monday 2 Feb 2015 ..."), not into the story.
OPENING_CHARS = 200


def opening_date(
    text: str, *, orders: DateOrders, url: str | None = None, host: str | None = None,
    today: dt.date | None = None,
) -> PublishedDate | None:
    """The full date (with its year) a text opens with, when its page was copied or scraped into
    one run of text and the date line ran into the headline and the story: "24.09.2014 Airstrikes
    ...", "Posted on August 12 2016 by ...", "Middle East Syria Military 07-08-2013 0147 PM ...".

    Such a date is the page's publication date; a story's own sentences rarely give a year for
    news of the day. Only the first of these dates counts, and only in the opening characters.
    """
    head = text[:OPENING_CHARS]
    glued = GLUED_YEAR_RE.search(head)
    if glued:
        head = f"{head[: glued.start('y')]} {head[glued.start('y'):]}"
    starts = [m.start() for m in (ISO_RE.search(head), NUMERIC_RE.search(head)) if m]
    starts += [m.start() for regex in (DAY_MONTH_RE, MONTH_DAY_RE) for m in regex.finditer(head)
               if m.group("y")]
    if not starts:
        return None
    first = min(starts)
    latest = today or dt.date.today()
    parsed = _parse_date_expression(head[first:], text, url, host, orders, latest, None)
    if parsed is None:
        return None
    return PublishedDate(parsed[0], f"the date the text opens with {head[first:first + 24]!r}; "
                                    f"{parsed[1]}")
