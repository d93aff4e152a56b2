"""The event type catalogue: ACLED's 6 types and 25 sub-types, spelled as ACLED spells them."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from frontlines.extract.ontology import EVENT_TYPES, sub_event_types

from .conftest import EVAL

ACLED_2020 = EVAL / "acled_2020" / "acled_2020.csv"


def test_six_types_twenty_five_sub_types() -> None:
    catalogue = sub_event_types()
    assert len(catalogue) == 25
    assert Counter(e.event_type for e in catalogue.values()) == {
        "Battles": 3, "Explosions/Remote violence": 6, "Violence against civilians": 3,
        "Protests": 3, "Riots": 2, "Strategic developments": 8,
    }
    assert set(EVENT_TYPES) == {e.event_type for e in catalogue.values()}


@pytest.mark.skipif(not ACLED_2020.exists(), reason="evaluation data is not beside the checkout")
def test_names_match_acled_data() -> None:
    catalogue = sub_event_types()
    with ACLED_2020.open(encoding="utf-8") as handle:
        seen = {(row["event_type"], row["sub_event_type"]) for row in csv.DictReader(handle)}
    ours = {(e.event_type, e.sub_event_type) for e in catalogue.values()}
    assert seen <= ours  # every pair ACLED used in 2020 is ours, letter for letter
    assert len(seen) >= 23


def test_mappings_for_other_schemes() -> None:
    catalogue = sub_event_types()
    assert catalogue["Air/drone strike"].cameo_root == "19"
    assert catalogue["Peaceful protest"].plover == "PROTEST"
    assert catalogue["Non-violent transfer of territory"].plover == "RETREAT"
