"""Casualty counts: killed kept apart from wounded and captured, vague words read as ACLED does."""

from __future__ import annotations

import pytest

from frontlines.extract.casualties import find_casualties


def counts(text: str) -> list[tuple[str, int]]:
    return [(c.kind, c.value) for c in find_casualties(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A drone strike killed at least 25 civilians.", [("killed", 25)]),
        # Counts joined by "and" share their verb: one toll; a count after "including" is part
        # of the toll before it; a second place's count is another event's.
        ("The blast killed 12 soldiers and three civilians.", [("killed", 15)]),
        ("Two soldiers and a civilian were killed at the checkpoint.", [("killed", 3)]),
        ("The bomber killed at least 60 Afghans and 13 US service members.", [("killed", 73)]),
        ("Clashes killed 20 people, including 5 children and 3 women.", [("killed", 20)]),
        ("Militants killed 5 people in Kabul and 3 in Kandahar.", [("killed", 5)]),
        ("Two children were killed in an air attack.", [("killed", 2)]),
        ("Two children were among the dead.", [("killed", 2)]),
        ("More than a dozen soldiers were wounded.", [("wounded", 12)]),
        ("Dozens of fighters were captured.", [("captured", 12)]),
        ("Hundreds of people died in the siege.", [("killed", 100)]),
        ("Tens of civilians were killed.", [("killed", 10)]),
        ("Several policemen were abducted.", [("captured", 3)]),
        ("The blast killed three people and wounded 12 others.", [("killed", 3), ("wounded", 12)]),
        ("Clashes left 14 dead and dozens wounded.", [("killed", 14), ("wounded", 12)]),
        ("The death toll rose to 40 on Friday.", [("killed", 40)]),
        ("Twenty-five soldiers died in the ambush.", [("killed", 25)]),
        ("One hundred and twelve people were killed.", [("killed", 112)]),
        ("A man was killed and his wife was injured.", [("killed", 1)]),
        ("Civilians were killed when shells hit the market.", [("killed", 2)]),
        ("No one was hurt in the attack.", [("wounded", 0)]),
        ("There were no deaths.", [("killed", 0)]),
        ("The death toll from the bus convoy bombing rose to at least 126.", [("killed", 126)]),
        ("Published 28 August 2016 Two children were killed in shelling.", [("killed", 2)]),
        ("Fifteen civilians, among them 11 children, were killed.", [("killed", 15), ("killed", 11)]),
        ("Scores of civilians including children were killed.", [("killed", 20)]),
        ("Dozens of civilians have reportedly been killed.", [("killed", 12)]),
        ("Up to a hundred civilians were killed.", [("killed", 100)]),
        ("A man was found dead on the road to the village.", [("killed", 1)]),
        ("The victim died at the scene. 1 fatality.", [("killed", 1)]),
        ("The attack caused five deaths.", [("killed", 5)]),
        ("Rebels seized 20 villages and 3 tanks.", []),
        ("The 2015 offensive displaced 300,000 people.", []),
    ],
)
def test_counts(text: str, expected: list[tuple[str, int]]) -> None:
    assert counts(text) == expected


def test_ranges_and_qualifiers_bound_the_value() -> None:
    (between,) = find_casualties("Between 10 and 15 militants were killed.")
    assert (between.value, between.low, between.high) == (10, 10, 15)
    (at_least,) = find_casualties("at least 25 people were killed")
    assert (at_least.value, at_least.low, at_least.high) == (25, 25, None)
    (up_to,) = find_casualties("up to 40 people were killed")
    assert (up_to.value, up_to.low, up_to.high) == (40, None, 40)
    (vague,) = find_casualties("dozens of people were killed")
    assert vague.vague and vague.victims == "people"


def test_offsets_point_into_the_text() -> None:
    text = "Officials said the strike killed at least 25 civilians in Maarat al-Numan."
    (found,) = find_casualties(text)
    assert text[found.start:found.end] == found.text == "at least 25 civilians"


@pytest.mark.parametrize(("text", "expected"), [
    ("23-04-2016 Child killed in shelling on Douma.", []),
    ("Aleppo, 13/12/2014 - Three civilians were killed.", [("killed", 3)]),
    ("2016-04-23 Two children were killed in the raid.", [("killed", 2)]),
    ("On 23.04.2016 five people were killed.", [("killed", 5)]),
    ("Between 10-15 people were killed.", [("killed", 10)]),  # a range is no date
])
def test_a_numeric_date_is_no_toll(text: str, expected: list[tuple[str, int]]) -> None:
    """Scraped pages open with their date in digits: its year or day is never a count."""
    assert [(c.kind, c.value) for c in find_casualties(text)] == expected
