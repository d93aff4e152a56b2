"""Publication dates from footers and datelines, and how ambiguous numeric orders are decided."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines.clean.published import DateOrders, find_published, is_date_line, opening_date

ORDERS = DateOrders.load()
TODAY = dt.date(2026, 11, 1)


def published(lines: list[str], body: str = "", **kwargs) -> dt.date | dt.datetime | None:
    found = find_published(lines, body, orders=ORDERS, today=TODAY, **kwargs)
    return found.value if found else None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 17 March 2016 09:40 GMT", dt.datetime(2016, 3, 17, 9, 40, tzinfo=dt.UTC)),
        ("Updated: Mar 27, 2016 4:12 pm", dt.datetime(2016, 3, 27, 16, 12)),
        ("Posted 2023-11-15T08:12:00+00:00", dt.datetime(2023, 11, 15, 8, 12, tzinfo=dt.UTC)),
        ("تاريخ النشر: 2017/07/10", dt.date(2017, 7, 10)),
        ("Updated 27/03/2016", dt.date(2016, 3, 27)),  # only D/M/Y is a valid date
        ("First published: 03.17.16, 09:40", dt.datetime(2016, 3, 17, 9, 40)),  # only M.D.Y
    ],
)
def test_footer_lines(line: str, expected: dt.date) -> None:
    assert is_date_line(line)
    assert published([line]) == expected


def test_ambiguous_order_from_another_numeric_date() -> None:
    # 11.09.16 could be 11 Sep or 9 Nov; a related link dated 10.17.16 can only be M.D.Y.
    lines = ["פורסם לראשונה: 11.09.16, 21:14"]
    found = find_published(lines, "", orders=ORDERS, today=TODAY,
                           extra_text=["Iraq launches offensive to retake Mosul (10.17.16)"])
    assert found and found.value == dt.datetime(2016, 11, 9, 21, 14)
    assert "another date" in found.evidence


def test_ambiguous_order_from_month_names_in_text() -> None:
    body = "The truce took hold on August 4 after weeks of fighting that began on July 8."
    assert published(["First published: 08.05.14, 21:30"], body) == dt.datetime(2014, 8, 5, 21, 30)


def test_ambiguous_order_from_url_then_site_convention() -> None:
    line = ["Published 04.03.2016"]
    assert published(line, url="https://x.example/2016/04/03/story") == dt.date(2016, 4, 3)
    assert published(line, host="ynetnews.com") == dt.date(2016, 4, 3)
    assert published(line) == dt.date(2016, 3, 4)  # day first, as most of the world


def test_dateline_takes_its_year_from_the_page() -> None:
    body = "KABUL, Sept 29 (Wire) - Afghan forces launched a counter-offensive..."
    assert published([], body, extra_text=["© 2015 Northline Wire"]) == dt.date(2015, 9, 29)
    assert published([], body) is None  # no year anywhere: say nothing rather than guess


def test_future_readings_are_refused() -> None:
    assert published(["Published 12.11.26"]) is None  # 12 Nov and 11 Dec 2026: both ahead
    assert published(["Published 05.12.26"]) == dt.date(2026, 5, 12)  # 5 Dec 2026 is ahead


def test_prose_is_not_a_date_line() -> None:
    assert not is_date_line("Rebels said on 17 March 2016 that they had taken the town.")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 10, 31)))
def test_unambiguous_numeric_dates_round_trip(day: dt.date) -> None:
    """Whichever order a site uses, a date only one order can read comes back exactly."""
    for text, order_ok in (
        (day.strftime("%d.%m.%Y"), day.day > 12),
        (day.strftime("%m/%d/%Y"), day.day > 12),
        (day.strftime("%Y-%m-%d"), True),
    ):
        if order_ok:
            assert published([f"Published {text}"]) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24.09.2014 Airstrikes on the northwest killed 11 civilians on Tuesday.",
         dt.date(2014, 9, 24)),
        ("Syria air strikes kill 32 Monitor AFP Monday 2 Feb 2015 Government air strikes on towns "
         "killed 32 people on Monday.", dt.date(2015, 2, 2)),
        ("Last updated at Apr 232017 An attack on a training camp killed three fighters.",
         dt.date(2017, 4, 23)),
        ("Army Kills Dozens in Ambush Middle East Syria Military 07-08-2013 0147 PM A unit killed "
         "dozens of fighters.", dt.date(2013, 8, 7)),
        ("Posted on August 12 2016 by a staff writer. Bombs hit the city.", dt.date(2016, 8, 12)),
    ],
)
def test_the_date_a_flattened_page_opens_with(text: str, expected: dt.date) -> None:
    found = opening_date(text, orders=ORDERS, today=TODAY)
    assert found is not None and found.value == expected
    assert "opens with" in found.evidence


def test_no_opening_date_without_a_year_or_past_the_opening() -> None:
    assert opening_date("Rebels shelled the town on 12 March, killing two.", orders=ORDERS,
                        today=TODAY) is None
    late = "Rebels shelled the town and killed two people. " * 5 + "Report of 3 May 2016."
    assert opening_date(late, orders=ORDERS, today=TODAY) is None
    # A date after the day the page was read is not its publication date.
    assert opening_date("12 December 2026 Shelling hit the town.", orders=ORDERS,
                        today=TODAY) is None
