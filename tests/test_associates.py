"""Associated actors: the group the people of a protest, a riot or an attack on civilians belong to,
coded as ACLED does ("Protesters (Pakistan)" with "Teachers (Pakistan)"), only where the text says
so, each with the span that says it.

Every sentence here is our own writing."""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.extract.mentions import ExtractResources, extract_mentions
from frontlines.records import Mention


@pytest.fixture(scope="module")
def resources() -> ExtractResources:
    return ExtractResources.load()


def only_event(text: str, resources: ExtractResources,
               published: dt.date = dt.date(2025, 3, 14)) -> Mention:
    (event,) = extract_mentions(text, published=published, resources=resources)
    return event


def assoc_evidence(event: Mention, field: str) -> list[str]:
    return [e.text for e in event.evidence if e.field == field]


def test_protesters_named_by_their_trade(resources: ExtractResources) -> None:
    event = only_event("LAHORE, Pakistan - Hundreds of government school teachers protested "
                       "outside the provincial assembly in Lahore on Tuesday, demanding unpaid "
                       "salaries.", resources)
    assert event.actor1 == "Protesters (Pakistan)"
    assert event.assoc_actor_1 == "Teachers (Pakistan)"
    assert assoc_evidence(event, "assoc_actor_1") == ["teachers"]


@pytest.mark.parametrize(("text", "field", "group"), [
    # the agent after the protest, and the participle's noun
    ("A demonstration by some 300 dockworkers closed the port of Durban, South Africa, on Monday "
     "over pay.", "assoc_actor_1", "Labour Group (South Africa)"),
    ("In Nairobi, Kenya, protesting taxi drivers blocked the main road to the airport on Monday "
     "against a new fuel levy.", "assoc_actor_1", "Labour Group (Kenya)"),
    # victims after an active trigger and before a passive one
    ("Gunmen killed two journalists in Mogadishu, Somalia, on Wednesday as they drove home from "
     "the station.", "assoc_actor_2", "Journalists (Somalia)"),
    ("Three farmers were shot dead in their fields near Jos, Nigeria, on Sunday by unknown "
     "gunmen.", "assoc_actor_2", "Farmers (Nigeria)"),
    # workers named by where they work
    ("In Lima, Peru, workers of the regional hospital protested on Thursday against the lack of "
     "protective equipment.", "assoc_actor_1", "Health Workers (Peru)"),
])
def test_participants_named_by_their_trade(text: str, field: str, group: str,
                                           resources: ExtractResources) -> None:
    event = only_event(text, resources)
    assert getattr(event, field) == group
    if field == "assoc_actor_2":
        assert event.actor2 == group.replace(group.split(" (")[0], "Civilians")


def test_what_the_crowd_is_angry_about_is_not_who_it_is(resources: ExtractResources) -> None:
    cause = only_event("In Karachi, Pakistan, residents protested on Friday against the killing "
                       "of a journalist last week.", resources)
    assert cause.actor1 == "Protesters (Pakistan)" and cause.assoc_actor_1 is None
    kin = only_event("In Peshawar, Pakistan, parents of students protested outside the "
                     "education office on Friday against the school fees.", resources)
    assert kin.assoc_actor_1 is None


def test_the_attackers_trade_is_not_the_victims(resources: ExtractResources) -> None:
    event = only_event("Herders attacked the village of Gidan Kare in Zamfara, Nigeria, on "
                       "Monday, killing four residents.", resources)
    assert event.assoc_actor_2 is None


def test_a_force_named_by_its_unit(resources: ExtractResources) -> None:
    event = only_event("Ukrainian forces fired mortars at the positions of the Luhansk People's "
                       "Militia near Zolote on Tuesday, the monitors said.", resources,
                       published=dt.date(2020, 5, 8))
    assert event.actor2 == "NAF: United Armed Forces of Novorossiya"
    assert event.assoc_actor_2 == "Luhansk People's Militia"
    assert assoc_evidence(event, "assoc_actor_2") == ["Luhansk People's Militia"]
