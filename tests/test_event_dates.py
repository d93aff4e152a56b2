"""Event dates resolved against the publication date, with ACLED's time precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines.extract.event_dates import dates_another_story, find_event_dates, reference_date

FRIDAY = dt.date(2015, 5, 22)
D = dt.date


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        ("rebels seized the town on Thursday", FRIDAY, D(2015, 5, 21), 1),
        ("the strike on Friday", FRIDAY, D(2015, 5, 22), 1),  # on or before publication
        ("last Friday", FRIDAY, D(2015, 5, 15), 1),
        ("yesterday", FRIDAY, D(2015, 5, 21), 1),
        ("last night", FRIDAY, D(2015, 5, 21), 1),
        ("the day before yesterday", FRIDAY, D(2015, 5, 20), 1),
        ("earlier today", FRIDAY, FRIDAY, 1),
        ("three days ago", FRIDAY, D(2015, 5, 19), 1),
        ("on 12 October", D(2016, 3, 10), D(2015, 10, 12), 1),  # published in March: last October
        ("on November 3", D(2016, 5, 2), D(2015, 11, 3), 1),  # a November date in a May article
        ("on the night of 12 October 2015", D(2016, 3, 10), D(2015, 10, 12), 1),
        ("last week", FRIDAY, D(2015, 5, 14), 2),  # the middle (Thursday) of the week before
        ("earlier this week", FRIDAY, D(2015, 5, 21), 2),
        ("two weeks ago", FRIDAY, D(2015, 5, 7), 2),
        ("earlier this month", FRIDAY, D(2015, 5, 15), 3),
        ("earlier this month", D(2015, 5, 6), D(2015, 5, 6), 3),  # never after publication
        ("last month", FRIDAY, D(2015, 4, 15), 3),
        ("last November", D(2016, 5, 2), D(2015, 11, 15), 3),
        ("in November", D(2015, 12, 2), D(2015, 11, 15), 3),
        ("last December", D(2015, 12, 20), D(2014, 12, 15), 3),
        ("2015-03-17", FRIDAY, D(2015, 3, 17), 1),
        ("since it swept into Mosul a year ago", FRIDAY, D(2014, 5, 15), 3),
    ],
)
def test_expressions(text: str, published: dt.date, expected: dt.date, precision: int) -> None:
    (found,) = find_event_dates(text, published)
    assert (found.value, found.precision) == (expected, precision)
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("fighting from 12 to 14 May", D(2015, 5, 12), D(2015, 5, 14)),
        ("clashes on May 12-14", D(2015, 5, 12), D(2015, 5, 14)),
        ("between Monday and Wednesday", D(2015, 5, 18), D(2015, 5, 20)),
    ],
)
def test_ranges(text: str, first: dt.date, last: dt.date) -> None:
    (found,) = find_event_dates(text, FRIDAY)
    assert (found.value, found.last_day) == (first, last)


def test_an_old_event_keeps_its_date() -> None:
    text = ("The ministry admitted on Tuesday that a drone strike on the night of 12 October "
            "killed three civilians.")
    dates = find_event_dates(text, D(2016, 3, 10))
    assert [d.value for d in dates] == [D(2016, 3, 8), D(2015, 10, 12)]


def test_nothing_in_the_future_and_no_false_dates() -> None:
    assert find_event_dates("the attack on 30 February", FRIDAY) == []
    assert find_event_dates("Rebels may retake the town, a spokesman said.", FRIDAY) == []


def test_reference_date_falls_back_and_says_which() -> None:
    text = "Fighting resumed on 3 March 2016 after the truce of 27 February 2016 collapsed."
    assert reference_date(FRIDAY, None, text) == (FRIDAY, "publication date")
    assert reference_date(None, D(2016, 3, 4), text) == (D(2016, 3, 4), "dateline")
    assert reference_date(None, None, text) == (D(2016, 3, 3), "latest full date in the text")
    assert reference_date(None, None, "no dates here") is None


@given(st.dates(min_value=D(2001, 1, 1), max_value=D(2030, 12, 31)), st.integers(0, 6))
def test_weekdays_are_within_the_week_before(published: dt.date, weekday: int) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    (found,) = find_event_dates(f"on {name}", published)
    assert found.value.weekday() == weekday
    assert 0 <= (published - found.value).days <= 6


def test_later_is_counted_from_the_event_before() -> None:
    assert find_event_dates("three days later they took the town", FRIDAY) == []
    (later,) = find_event_dates("Three days later they took the town", FRIDAY, later=True)
    assert later.days_after_earlier == 3
    (earlier,) = find_event_dates("on 17 May", FRIDAY)
    counted = later.after_earlier(earlier)
    assert (counted.value, counted.precision, counted.counted_from) == (D(2015, 5, 20), 1,
                                                                         "17 May")
    (next_day,) = find_event_dates("his body was found the next day", FRIDAY, later=True)
    assert next_day.days_after_earlier == 1
    (same,) = find_event_dates("hours later, a second blast hit", FRIDAY, later=True)
    assert same.days_after_earlier == 0


@pytest.mark.parametrize(
    ("text", "other_story"),
    [
        # A photo caption run into the story when the page was flattened: it dates the picture.
        ("Fighters walk through the ruined mill in Manbij Syria March 3 2015. (Reuters Photo) "
         "Air strikes killed nine people", True),
        ("A man runs past a burning car in Idlib on Monday (AFP photo) BEIRUT Shelling killed", True),
        ("In this photo taken on March 8 rescuers carry a wounded boy", True),
        # The onset of what is still going on is not the day it is reported at.
        ("Over 300 people have been killed in the bombing campaign on the city since Tuesday", True),
        ("The raids which began Saturday and went on all weekend killed 40", True),
        # The day the news tells.
        ("Air strikes killed nine people on Tuesday, a monitor said", False),
        ("Rebels shelled the district on March 8 (local time), killing four", False),
    ],
)
def test_dates_of_another_story(text: str, other_story: bool) -> None:
    found = [d for d in find_event_dates(text, FRIDAY) if d.precision == 1]
    assert found
    assert dates_another_story(text, found[0]) is other_story
