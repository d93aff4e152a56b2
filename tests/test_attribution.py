"""Who says so: sources and stances as news writes them (our own sentences)."""

from __future__ import annotations

import pytest

from frontlines.extract.attribution import find_attributions, with_party_stance


@pytest.mark.parametrize(("text", "source", "stance"), [
    ("An opposition website claimed that rebels captured dozens of soldiers.",
     "An opposition website", "claims"),
    ("State TV reported that troops withdrew from the town.", "State TV", "asserts"),
    ("Three civilians were killed, according to local sources.", "local sources", "asserts"),
    ("The strike hit a market, said a spokesman for the civil defence.",
     "a spokesman for the civil defence", "asserts"),
    ("The Pentagon stated on Monday that the raid killed a senior commander.", "The Pentagon",
     "asserts"),
    ("The army denied shelling the village.", "The army", "denies"),
    ("KABUL (Hindu Kush Report) - A bomb went off near the airport, officials said.",
     "officials", "asserts"),
    ("Two officers who escaped east toward the base said the compound fell.", "Two officers",
     "asserts"),
])
def test_sources_and_stances(text: str, source: str, stance: str) -> None:
    (found,) = find_attributions(text, 0, len(text))
    assert (found.source, found.stance) == (source, stance)
    assert text[found.start:found.end] == source


def test_no_source_in_the_articles_own_voice() -> None:
    text = "Rebels seized the town on Thursday and killed two soldiers."
    assert find_attributions(text, 0, len(text)) == []
    assert find_attributions("No group has claimed the attack.", 0, 32) == []


def test_a_pronoun_takes_the_source_named_before() -> None:
    first = "A police spokesman said the attack began at dawn."
    second = "He added that four attackers were killed."
    earlier = find_attributions(first + " " + second, 0, len(first))
    text = first + " " + second
    (found,) = find_attributions(text, len(first) + 1, len(text), earlier)
    assert found.source == "A police spokesman"


def test_a_party_to_the_fight_claims() -> None:
    text = "The army said its units had retaken the hill."
    (found,) = find_attributions(text, 0, len(text))
    assert with_party_stance(found, []).stance == "claims"
    monitor = "The Syrian Observatory for Human Rights said 12 people were killed."
    (neutral,) = find_attributions(monitor, 0, len(monitor))
    assert with_party_stance(neutral, []).stance == "asserts"
    # One of the event's own actors, named as the source, claims.
    assert with_party_stance(neutral, [(4, 20)]).stance == "claims"
