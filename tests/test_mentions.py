"""Assembled event mentions: one article in, ACLED-coded events out, each value with its evidence.

Every article here is our own writing about real conflicts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many, extract_mentions
from frontlines.records import Mention

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def resources() -> ExtractResources:
    return ExtractResources.load()


def events(text: str, resources: ExtractResources, published: str = "2025-01-30",
           **kwargs: object) -> list[Mention]:
    return extract_mentions(text, published=dt.date.fromisoformat(published),
                            resources=resources, **kwargs)  # type: ignore[arg-type]


def test_a_report_becomes_one_coded_event(resources: ExtractResources) -> None:
    text = ("MOSUL, Iraq (Tigris Wire) - Iraqi troops recaptured the town of Tal Afar from "
            "Islamic State fighters on Thursday, a military spokesman said. Twelve soldiers were "
            "killed in the fighting.")
    (event,) = events(text, resources, published="2017-08-27")
    assert (event.event_type, event.sub_event_type) == ("Battles",
                                                        "Government regains territory")
    assert (event.actor1, event.actor2) == ("Military Forces of Iraq", "Islamic State (Iraq)")
    assert (event.inter1, event.inter2, event.interaction) == (1, 2, 12)
    assert (event.event_date, event.time_precision) == ("2017-08-24", 1)
    assert event.location == "Tal Afar" and event.country == "Iraq" and event.iso3 == "IRQ"
    assert event.fatalities == 12  # told in the next sentence, counted for this event
    assert event.attribution[0]["source"] == "a military spokesman"
    assert event.attribution[0]["stance"] == "claims"  # a party to the fight claims
    assert event.notes.startswith("On 24 August 2017, Military Forces of Iraq regained "
                                  "territory from Islamic State (Iraq) in Tal Afar")
    assert event.cameo_root and event.plover


def test_every_evidence_span_points_into_the_text(resources: ExtractResources) -> None:
    records = [json.loads(line) for path in sorted(GOLD.glob("*.jsonl"))
               for line in path.read_text("utf-8").splitlines() if line.strip()]
    items = [ExtractInput(r["text"], dt.date.fromisoformat(r["published"]), title=r["title"])
             for r in records]
    checked = 0
    for record, mentions in zip(records, extract_many(items, resources), strict=True):
        for mention in mentions:
            fields = {e.field for e in mention.evidence}
            assert "sub_event_type" in fields
            for evidence in mention.evidence:
                source = record["title"] if evidence.part == "title" else record["text"]
                assert source[evidence.start:evidence.end] == evidence.text, record["id"]
                checked += 1
            for attribution in mention.attribution:
                assert record["text"][attribution["start"]:attribution["end"]] == \
                    attribution["source"]
    assert checked > 300


def test_headline_supports_the_body_event_and_adds_none(resources: ExtractResources) -> None:
    text = ("Gunmen stormed a village in Zamfara state on Sunday and killed 15 farmers, police "
            "said. The attackers escaped on motorcycles.")
    found = events(text, resources, title="Gunmen kill 15 farmers in northwest Nigeria")
    assert len(found) == 1
    assert any(e.part == "title" for e in found[0].evidence)


def test_a_toll_repeated_is_counted_once(resources: ExtractResources) -> None:
    text = ("A car bomb killed at least 20 people at a market in Mogadishu on Saturday, "
            "officials said. The bombing, which killed 20 people, was the deadliest this year.")
    (event,) = events(text, resources, published="2019-12-29")
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (20, 20, 20)
    assert event.actor2 == "Civilians (Somalia)"


def test_old_event_keeps_its_own_date(resources: ExtractResources) -> None:
    text = ("The defence ministry admitted on Tuesday that a drone strike on 12 October killed "
            "three civilians in a village near Kandahar.")
    (event,) = events(text, resources, published="2022-03-10")
    assert event.sub_event_type == "Air/drone strike"
    assert event.event_date == "2021-10-12"
    assert event.fatalities == 3


def test_contradicting_accounts_make_the_event_contested(resources: ExtractResources) -> None:
    text = ("GOMA, Democratic Republic of Congo (Lakes Post) - M23 rebels captured the town of "
            "Sake on Monday, a rebel spokesman said, adding that his fighters had captured dozens "
            "of soldiers. The Congolese army said its units had withdrawn in good order to "
            "defensive positions.")
    (event,) = events(text, resources, published="2025-01-28")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.contested
    sources = {claim.source for claim in event.claims}
    assert sources == {"a rebel spokesman", "The Congolese army"}
    assert {claim.stance for claim in event.claims} == {"claims"}


def test_the_group_and_they_take_their_antecedent(resources: ExtractResources) -> None:
    text = ("Al Shabaab has stepped up attacks in the Lower Shabelle region this year. On "
            "Wednesday they stormed an army base near Barawe, residents said.")
    found = events(text, resources, published="2024-03-15")
    assert found[-1].actor1 == "Al Shabaab"


def test_unnamed_attackers_and_civilian_victims(resources: ExtractResources) -> None:
    text = ("Unidentified gunmen killed seven villagers in Bankass, in central Mali, on "
            "Friday night, a local official said.")
    (event,) = events(text, resources, published="2022-06-20")
    assert event.sub_event_type == "Attack"
    assert event.actor1 == "Unidentified Armed Group (Mali)"
    assert event.actor2 == "Civilians (Mali)"
    assert event.civilian_targeting


def test_a_nationality_on_the_weapon_names_the_attacker(resources: ExtractResources) -> None:
    text = ("Russian missiles struck the centre of Dnipro on Saturday, killing nine people, "
            "regional officials said.")
    (event,) = events(text, resources, published="2023-01-16")
    assert event.actor1 == "Military Forces of Russia"
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.location == "Dnipro"


def test_a_claim_of_responsibility_names_the_attacker(resources: ExtractResources) -> None:
    text = ("A suicide bomber blew himself up at a checkpoint in Kabul on Monday, killing six "
            "people. Islamic State's local branch claimed the attack.")
    (event,) = events(text, resources, published="2022-09-06")
    assert event.sub_event_type == "Suicide bomb"
    assert event.actor1 == "Islamic State (Afghanistan)"


@pytest.mark.parametrize(("text", "place"), [
    ("Rebels shelled the town of Jisr al-Shughur on Monday.", "Jisr al-Shughur"),
    ("Clashes broke out east of Mosul on Monday.", "Mosul"),
    ("Troops clashed with militants near the Bab al-Hawa crossing on Monday.", "Bab al-Hawa"),
    ("An air strike hit a market in Aleppo on Monday, killing five people.", "Aleppo"),
])
def test_the_place_the_event_points_at(text: str, place: str,
                                       resources: ExtractResources) -> None:
    (event,) = events(text, resources, published="2016-05-02", country="SY")
    assert event.location == place
    (location,) = [e for e in event.evidence if e.field == "location"]
    assert text[location.start:location.end] == place


def test_what_did_not_happen_is_no_event(resources: ExtractResources) -> None:
    text = ("The government ruled out sending troops to the border. Rebel commanders vowed to "
            "retake the city and said they could attack the airport within days.")
    assert events(text, resources) == []


def test_a_running_total_is_not_an_event(resources: ExtractResources) -> None:
    text = ("More than 1,600 people have been killed in and around the town since the siege "
            "began in September, a monitoring group said.")
    assert events(text, resources, published="2015-01-27", country="SY") == []


def test_events_in_order_with_their_own_dates(resources: ExtractResources) -> None:
    text = ("Al Shabaab fighters seized the town of Mahaday on Monday. On Wednesday, US aircraft "
            "carried out air strikes on Al Shabaab positions near Jowhar, killing 14 fighters, "
            "the US military said.")
    first, second = events(text, resources, published="2021-09-23")
    assert (first.sub_event_type, first.event_date) == ("Non-state actor overtakes territory",
                                                        "2021-09-20")
    assert (second.sub_event_type, second.event_date, second.fatalities) == (
        "Air/drone strike", "2021-09-22", 14)
    assert [m.number for m in (first, second)] == [0, 1]


def test_who_took_the_place_decides_the_territorial_sub_type(
        resources: ExtractResources) -> None:
    text = "Government troops seized the town of Mahaday from Al Shabaab on Monday."
    (event,) = events(text, resources, published="2021-09-23", country="SO")
    assert event.sub_event_type == "Government regains territory"
    assert event.actor2 == "Al Shabaab"


def test_an_attack_its_target_answers_is_one_clash(resources: ExtractResources) -> None:
    text = ("MOGADISHU (Banadir Post) - Al Shabaab militants threw a hand grenade at police at a "
            "checkpoint in Hodan district on Tuesday. Police returned fire and the attackers fled.")
    (event,) = events(text, resources, published="2025-01-30")
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == ("Al Shabaab", "Police Forces of Somalia")
    triggers = [e.text for e in event.evidence if e.field == "sub_event_type"]
    assert triggers == ["hand grenade", "returned fire"]
    # Unanswered, the same attack stays a grenade attack.
    (alone,) = events(text.split(" Police returned")[0], resources, published="2025-01-30")
    assert alone.sub_event_type == "Grenade"


def test_a_building_the_gazetteer_lacks_is_placed_at_its_town(resources: ExtractResources) -> None:
    text = ("Journalists held a protest outside the Geo office on Murree road in Rawalpindi on "
            "Tuesday against the arrest of their editor.")
    (event,) = events(text, resources, published="2020-05-06")
    assert (event.location, event.geo_precision, event.admin1) == ("Rawalpindi", 2, "Punjab")
    assert abs(event.latitude - 33.6) < 0.1 and abs(event.longitude - 73.05) < 0.1


def test_the_city_is_the_town_the_story_named(resources: ExtractResources) -> None:
    """"took full control of the city" happened in the town the headline and lede name."""
    text = ("Homs woke on Sunday to a city without the army. Overnight the rebels announced that "
            "they were in full control of the city.")
    found = events(text, resources, published="2024-12-08", title="Homs after the army left")
    assert [(e.location, e.geo_precision, e.country) for e in found] == [("Homs", 1, "Syria")]


def test_an_abduction_that_ends_in_a_killing_is_an_attack(resources: ExtractResources) -> None:
    """ACLED codes an abduction whose victim is killed by the killing; an abduction alone stays
    one, and "the abducted residents" of another event's story is no new abduction."""
    stabbed = "Four men abducted a shopkeeper near the market and stabbed him to death on Monday."
    assert [e.sub_event_type for e in events(stabbed, resources, country="BR")] == ["Attack"]
    later = ("Armed men broke into a house in the village and kidnapped a farmer on Monday. "
             "His body was found the next day.")
    assert [e.sub_event_type for e in events(later, resources, country="HN")] == ["Attack"]
    alone = "Gunmen abducted a police officer in the town on Monday."
    assert [e.sub_event_type for e in events(alone, resources, country="NG")] == \
        ["Abduction/forced disappearance"]
    search = ("Soldiers searched for abducted residents and clashed with gunmen near the river "
              "on Monday.")
    assert [e.sub_event_type for e in events(search, resources, country="NG")] == ["Armed clash"]


def test_grenades_in_a_gunfight_do_not_make_a_grenade_attack(resources: ExtractResources) -> None:
    text = "Armed men attacked a police patrol using grenades and firearms in the town on Monday."
    assert [e.sub_event_type for e in events(text, resources, country="MX")] == ["Armed clash"]
    thrown = "Attackers threw a hand grenade into a crowded bar in the town on Monday."
    assert [e.sub_event_type for e in events(thrown, resources, country="MX")] == ["Grenade"]


@pytest.mark.parametrize(("text", "sub_event_type"), [
    # Gunfire from afar at places, or named by its heavy weapon, is shelling ...
    ("Houthi forces fired mortar shells and machine guns at farms and villages in the district "
     "on Monday.", "Shelling/artillery/missile attack"),
    ("Monitors recorded bursts of fire involving heavy machine guns near the town on Monday.",
     "Shelling/artillery/missile attack"),
    # ... but two sides that exchange fire, or gunfire at a force, are a clash.
    ("Fighters exchanged gunfire and shelled each other's positions near the town on Monday.",
     "Armed clash"),
    ("Troops fired machine guns at rebel positions near the town on Monday.", "Armed clash"),
])
def test_gunfire_beside_heavy_weapons(text: str, sub_event_type: str,
                                     resources: ExtractResources) -> None:
    assert [e.sub_event_type for e in events(text, resources, country="YE")] == [sub_event_type]


def test_a_withdrawals_note_says_who_left_and_who_took_over(resources: ExtractResources) -> None:
    """A non-violent transfer's actor1 is the side that left (control reads the taker from
    actor2): its note must say so, with or without a named taker."""
    handed = ("KISMAYO, Somalia (Horn Post) - Al Shabaab fighters withdrew from Kismayo on "
              "Saturday, and Kenyan troops entered the port hours later, officials said.")
    left = "KISMAYO, Somalia (Horn Post) - Al Shabaab fighters withdrew from Kismayo on Saturday."
    notes = []
    for text in (handed, left):
        transfers = [e for e in events(text, resources, published="2012-09-30")
                     if e.sub_event_type == "Non-violent transfer of territory"]
        assert transfers and transfers[0].actor1 == "Al Shabaab"
        notes.append(transfers[0].notes)
    assert "Al Shabaab withdrew without fighting, ceding control to Military Forces of Kenya " \
        "in Kismayo" in notes[0]
    assert "Al Shabaab withdrew without fighting in Kismayo" in notes[1]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # Fire of 12.7 mm and 14.5 mm guns at villages from afar is heavy-weapons fire.
        ("Rebel forces fired 14.5mm and 12.7mm machine guns at farms east of Hays on Monday.",
         "Shelling/artillery/missile attack"),
        # An exchange of shelling is two sides engaging.
        ("A mortar exchange between the army and the rebels went on all night near Marib.",
         "Armed clash"),
        # Shelling told as the backdrop of a fight was part of the fight.
        ("Clashes broke out between the army and rebels near Saraqeb amid heavy artillery shelling.",
         "Armed clash"),
    ],
)
def test_heavy_fire_and_fights(resources: ExtractResources, text: str, sub_event_type: str) -> None:
    (first, *_) = extract_mentions(text, published=dt.date(2025, 1, 28), resources=resources)
    assert first.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "country", "actor1"),
    [
        # The force that ran the operation fired the shots the next sentence tells.
        ("On Monday the federal police carried out an operation against drug gangs in Maré. "
         "Two suspects were shot and wounded.", "BR",
         "Police Forces of Brazil Federal Police"),
        ("Three PKK militants were killed in an operation by Turkish gendarmerie near Hakkari.",
         "TR", "Military Forces of Turkey Gendarmerie"),
    ],
)
def test_the_force_of_an_operation_is_actor1(resources: ExtractResources, text: str, country: str,
                                             actor1: str) -> None:
    (first, *_) = extract_mentions(text, published=dt.date(2025, 1, 28), resources=resources,
                                   country=country)
    assert first.actor1 == actor1


def test_the_crowd_of_a_protest_is_actor1_whoever_acted_first(resources: ExtractResources) -> None:
    (first, *_) = extract_mentions(
        "Police detained four activists taking part in an unauthorised protest in Minsk on Sunday.",
        published=dt.date(2025, 1, 28), resources=resources, country="BY")
    assert (first.event_type, first.actor1) == ("Protests", "Protesters (Belarus)")


def test_who_destroyed_property_may_be_told_after_it(resources: ExtractResources) -> None:
    (first, *_) = extract_mentions(
        "Dozens of olive trees were cut down near Nablus on Sunday. The attack was carried out "
        "by Israeli settlers, residents said.", published=dt.date(2025, 1, 28), resources=resources,
        country="PS")
    assert (first.sub_event_type, first.actor1) == ("Looting/property destruction",
                                                    "Settlers (Israel)")


def test_a_capture_told_again_later_is_one_event(resources: ExtractResources) -> None:
    """"The fall of Kidal ..." at the end of a story whose lede told the capture is that capture
    again, not a second one (a capitalised "The" opening the sentence names no place)."""
    text = ("BAMAKO, Mali (Sahel Post) - Malian troops have taken control of Kidal, the stronghold "
            "of Tuareg-led rebels in the north, the army said.\n\n"
            "Residents said the rebels had left the town before the troops arrived.\n\n"
            "The fall of Kidal ends more than a decade of rebel rule over the town.")
    captures = [e for e in events(text, resources, published="2023-11-14")
                if e.sub_event_type in ("Government regains territory",
                                        "Non-state actor overtakes territory")]
    assert len(captures) == 1 and captures[0].location == "Kidal"


def test_three_days_later_counts_from_the_event_told_before(resources: ExtractResources) -> None:
    text = ("On 17 May the militants drove Iraqi troops out of Ramadi, the capital of Anbar "
            "province, some 110 km west of Baghdad. Three days later they took Palmyra, the "
            "Syrian desert town beside one of the best-kept Roman sites in the Middle East.")
    ramadi, palmyra = events(text, resources, published="2015-05-25")
    assert (ramadi.event_date, ramadi.location) == ("2015-05-17", "Ramadi")  # not "west of Baghdad"
    assert palmyra.event_date == "2015-05-20"
    assert "Three days later" in palmyra.date_rule
    assert palmyra.location != "Middle East"  # the town the capture took, inside its trigger


def test_they_goes_on_telling_of_the_subject_before(resources: ExtractResources) -> None:
    text = ("Islamic State fighters drove Iraqi troops out of Ramadi on 17 May. Three days "
            "later they took Palmyra in Syria.")
    _, palmyra = events(text, resources, published="2015-05-25")
    assert palmyra.actor1 is not None and palmyra.actor1.startswith("Islamic State")
    assert palmyra.sub_event_type == "Non-state actor overtakes territory"


def test_a_since_clause_dates_the_earlier_event_not_this_one(resources: ExtractResources) -> None:
    text = ("Ukraine's top commander said on Saturday he had ordered troops to withdraw from the "
            "town of Avdiivka, handing Russia its largest gain since it claimed Bakhmut last May.")
    (withdrawal,) = events(text, resources, published="2024-02-17")
    assert withdrawal.sub_event_type == "Non-violent transfer of territory"
    assert withdrawal.event_date == "2024-02-17"  # not "last May"


def test_the_day_a_story_was_filed_is_not_the_day_of_the_event(
        resources: ExtractResources) -> None:
    text = ("MOSCOW, 21 May (Capital Wire) - Assault units of the Wagner group, backed by artillery "
            "and aviation, completed the liberation of the city of Artemovsk, the defence ministry "
            "reported late on Saturday.")
    (capture,) = events(text, resources, published="2023-05-21")
    assert capture.event_date == "2023-05-20"
    # the guns supported the assault: the event is the capture, not shelling
    assert capture.event_type == "Battles"


def test_a_purpose_to_avoid_fighting_is_no_fighting(resources: ExtractResources) -> None:
    text = ("The army said on Thursday that its units had been moved out of the city to protect "
            "civilian lives and to avoid fighting in the streets.")
    assert not [e for e in events(text, resources) if e.sub_event_type == "Armed clash"]


def test_the_losing_sides_withdrawal_is_the_capture_told_again(
        resources: ExtractResources) -> None:
    text = ("MNDAA troops captured the junta's Northeastern Regional Military Command headquarters "
            "in Lashio on Saturday, completing a month-long battle for the town. Junta soldiers "
            "who had held out for weeks withdrew from their last positions on Saturday morning, "
            "local sources said. The fall of Lashio is the first time the military has lost a "
            "regional command.")
    (capture,) = events(text, resources, published="2024-08-04")
    assert capture.sub_event_type == "Non-state actor overtakes territory"
    assert capture.location == "Lashio" and capture.event_date == "2024-08-03"


def test_a_campaign_summed_up_by_its_length_is_the_backdrop(resources: ExtractResources) -> None:
    text = ("Government troops withdrew from the town on Wednesday evening. A military source said "
            "the units had inflicted heavy losses on the attackers during a week of fierce "
            "battles on its eastern approaches.")
    assert [e.sub_event_type for e in events(text, resources)] == \
        ["Non-violent transfer of territory"]
    battle = "Two days of clashes between rival militias killed 30 people in Tripoli on Sunday."
    assert [e.sub_event_type for e in events(battle, resources)] == ["Armed clash"]


def test_a_fall_that_would_be_a_victory_has_not_happened(resources: ExtractResources) -> None:
    text = ("The fall of eastern Aleppo, held by rebels since the summer of 2012, would be the "
            "biggest victory for the government since the uprising began.")
    assert events(text, resources, published="2016-12-13") == []
    told = ("The RSF have taken control of El Fasher. The fall of El Fasher leaves the RSF in "
            "control of every state capital in Darfur, deepening fears that Sudan could be split.")
    (capture,) = events(told, resources, published="2025-10-27")
    assert capture.sub_event_type == "Non-state actor overtakes territory"


def test_gunfire_heard_tells_the_attack_just_told(resources: ExtractResources) -> None:
    text = ("Gunmen attacked a gendarmerie training school in Bamako early on Tuesday, the army "
            "said.\n\nHeavy gunfire and explosions were heard from around 5 a.m. in the Faladie "
            "district, where the school is located, residents said.")
    assert len(events(text, resources, published="2024-09-17")) == 1


def test_both_sides_claiming_control_is_fighting_not_a_capture(
        resources: ExtractResources) -> None:
    text = ("Both sides claimed control of key sites in Khartoum, including the presidential "
            "palace and the airport, on Monday.")
    (event,) = events(text, resources, published="2023-04-17")
    assert event.sub_event_type == "Armed clash"


def test_hopes_habits_and_plans_are_not_events(resources: ExtractResources) -> None:
    for text in ('"We are used to hearing about attacks in the north," said a shopkeeper.',
                 "His forces were supposed to be merged into the army under a plan agreed in "
                 "2022."):
        assert events(text, resources) == [], text


def test_a_catalogued_armed_group_named_as_the_target_makes_a_clash(
        resources: ExtractResources) -> None:
    (event,) = extract_mentions("Unidentified gunmen assassinated a QSD member near the traffic "
                                "roundabout in Raqqa on Friday.", published=dt.date(2025, 2, 1),
                                resources=resources)
    assert event.sub_event_type == "Armed clash"


def test_fire_told_as_exchanged_in_the_next_sentence_is_a_clash(
        resources: ExtractResources) -> None:
    lede = "Separatist forces fired 120mm mortars at army positions near Vodyane on Monday."
    (alone,) = extract_mentions(lede, published=dt.date(2025, 2, 4), resources=resources)
    assert alone.sub_event_type == "Shelling/artillery/missile attack"
    text = lede + (" Monitors recorded 40 explosions in both directions of the contact line near "
                   "Vodyane.")
    (event,) = extract_mentions(text, published=dt.date(2025, 2, 4), resources=resources)
    assert event.sub_event_type == "Armed clash"


def test_a_curfew_after_an_attack_is_its_response_not_an_event(
        resources: ExtractResources) -> None:
    attack = "Gunmen killed three villagers in Kauru on Monday."
    curfew = "Authorities imposed a curfew in the district on Monday."
    (event,) = extract_mentions(f"{attack} {curfew}", published=dt.date(2025, 2, 4),
                                resources=resources)
    assert event.sub_event_type == "Attack"
    (measure,) = extract_mentions(curfew, published=dt.date(2025, 2, 4), resources=resources)
    assert measure.sub_event_type == "Change to group/activity"


def test_a_denial_between_two_sentences_of_the_event_contests_it(
        resources: ExtractResources) -> None:
    """The denial stands between the lede and a later sentence that tells the same attack again;
    a withdrawal told there goes on telling a capture and contests nothing."""
    (event,) = extract_mentions(
        "Activists said a chlorine attack on Saraqib killed 11 people on Sunday. "
        "The government denied any chemical attack took place, state media said. "
        "A rescue group said the attack on Saraqib hit a crowded street.",
        published=dt.date(2025, 2, 3), resources=resources, country="SY")
    assert event.sub_event_type == "Chemical weapon" and event.contested
    (event,) = extract_mentions(
        "The army retook Wad Madani on Saturday, officials said. A rebel commander said his men "
        "had withdrawn to save lives. The recapture of Wad Madani reopens a supply route.",
        published=dt.date(2025, 1, 12), resources=resources, country="SD")
    assert event.sub_event_type == "Government regains territory" and not event.contested


def test_a_battle_fought_with_air_strikes_is_one_clash(resources: ExtractResources) -> None:
    """Air strikes named as part of a battle are how it was fought; the sides' claims of control
    told later are that battle too."""
    text = ("Battles between the army and a rebel militia raged across Wau for a second day on "
            "Sunday, with air strikes and mortar fire hitting the market area. Both sides claimed "
            "control of the bridge and the governor's office.")
    (event,) = events(text, resources, published="2024-03-11")
    assert event.sub_event_type == "Armed clash" and event.location == "Wau"
    (strike,) = events("Air strikes and mortar fire hit the market area of Wau on Sunday.",
                       resources, published="2024-03-11")
    assert strike.sub_event_type == "Air/drone strike"


def test_the_fighting_people_fled_is_the_backdrop_of_their_flight(
        resources: ExtractResources) -> None:
    for text in ("The camp outside Bunia shelters 40,000 people who fled earlier fighting in "
                 "Djugu territory.",
                 "Many families arrived in Kosti last year after fleeing the fighting in Omdurman."):
        assert events(text, resources) == [], text
    (fight,) = events("Fighting between two militias killed 12 people in Djugu on Friday.",
                      resources)
    assert fight.sub_event_type == "Armed clash"


def test_fighting_that_reached_the_city_is_the_capture_just_told(
        resources: ExtractResources) -> None:
    """The crowd of the main clause (prisoners breaking out) is not a side of the fight its "as"
    clause tells, and a fight that reached the city is the fight for the city."""
    text = ("Rebels of the M23 said on Sunday they had taken control of Bukavu after fighters "
            "entered overnight. Hundreds of prisoners broke out of the central prison as fighting "
            "reached the city, a police source said.")
    (event,) = events(text, resources, published="2025-02-16")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.location == "Bukavu"


def test_gunfire_only_heard_does_not_retell_who_was_attacked(
        resources: ExtractResources) -> None:
    text = ("Gunmen attacked a gendarmerie post in Kati early on Friday, residents said. Heavy "
            "gunfire was heard for two hours in the district, where many families live.")
    (event,) = events(text, resources, published="2024-05-10")
    assert event.sub_event_type == "Armed clash"


def test_aircraft_that_strike_make_an_air_strike(resources: ExtractResources) -> None:
    text = ("On Sunday Syrian jets returned to the skies over Ariha, striking near the main "
            "square and killing nine civilians.")
    (event,) = events(text, resources, published="2024-12-02")
    assert event.sub_event_type == "Air/drone strike" and event.location == "Ariha"
    # Aircraft that another clause tells of, or that someone shot down, did not do the killing.
    for other in ("Gunmen killed four farmers near Gwoza after helicopters flew over the area on "
                  "Monday.",
                  "Soldiers shot down two drones over Gwoza on Monday, killing their operators."):
        (event,) = events(other, resources, published="2024-12-02")
        assert event.sub_event_type != "Air/drone strike", other


def test_the_claimant_of_an_attack_is_its_actor1(resources: ExtractResources) -> None:
    text = ("Gunmen ambushed a gendarmerie patrol near Dori on Monday, killing three gendarmes. "
            "JNIM claimed responsibility for the ambush.")
    (event,) = events(text, resources, published="2024-06-04")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert event.sub_event_type == "Armed clash"
    # A blame is weaker than the report's own word for the attackers.
    blamed = ("Gunmen killed five villagers in Konduga on Monday. Officials blamed Boko Haram.")
    (event,) = events(blamed, resources, published="2024-06-04")
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"


def test_the_author_a_later_sentence_names_is_actor1(resources: ExtractResources) -> None:
    """Wire reports tell a strike first and say whose it was further on ("was believed to have
    been carried out by", "was behind"); a town "held" by a group is no blame, and a denial no
    claim."""
    for text, actor1 in [
        ("An air strike killed 12 civilians in the town of Ariha on Saturday, the monitor said. "
         "It said the strike was believed to have been carried out by Russian planes.",
         "Military Forces of Russia"),
        ("A car bomb killed nine people at a market in Azaz on Sunday. Residents said Islamic "
         "State was behind the bombing.", "Islamic State (Syria)"),
    ]:
        (event,) = events(text, resources, published="2017-04-09", country="SY")
        assert event.actor1 == actor1, text
    for text in ("An air strike killed 12 civilians in the rebel-held town of Ariha on Saturday, "
                 "activists said.",
                 "A car bomb killed nine people at a market in Azaz on Sunday. Islamic State "
                 "denied it was behind the bombing."):
        (event,) = events(text, resources, published="2017-04-09", country="SY")
        assert event.actor1 == "Unidentified Armed Group (Syria)", text


def test_the_doer_named_where_the_event_is_told_again(resources: ExtractResources) -> None:
    """A headline tells the strike without its author and the lede tells it again by name: the
    named group is actor1. A role word in the retelling ("gunmen") names no one new."""
    for text in ("Air strikes kill 32 in Ariha\n\nSyrian government air strikes killed at least "
                 "32 people in the town of Ariha in Idlib province on Monday, a monitor said.",
                 "At least 32 people were killed in air strikes on the town of Ariha in Idlib "
                 "province on Monday, a monitor said. The monitor said Syrian government air "
                 "strikes killed the 32 people."):
        (event,) = events(text, resources, published="2017-04-10", country="SY")
        assert event.actor1 == "Military Forces of Syria", text
    text = ("Attack kills six at a market in Maiduguri.\n\nGunmen killed six traders at a "
            "market in Maiduguri on Monday, police said.")
    (event,) = events(text, resources, published="2017-04-10", country="NG")
    assert event.actor1 == "Unidentified Armed Group (Nigeria)"


def test_a_group_that_says_it_carried_out_the_attack_is_actor1(
        resources: ExtractResources) -> None:
    """"X said it had carried out the bombings" is a claim in the group's own words; the force
    a suicide bomber drove into is the target, not the attacker."""
    text = ("A suicide bomber drove a car packed with explosives into a convoy of Indian "
            "paramilitary police near Pulwama on Thursday, killing 40 officers, officials said."
            "\n\nJaish-e-Mohammed said it had carried out the attack.")
    (event,) = events(text, resources, published="2019-02-15", country="IN")
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Suicide bomb", "JeM: Jaish-e-Mohammad", "Police Forces of India")
    text = ("A suicide bomber drove a car packed with explosives into a convoy of Indian "
            "paramilitary police near Pulwama on Thursday, officials said.")
    (event,) = events(text, resources, published="2019-02-15", country="IN")
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group (India)",
                                            "Police Forces of India")


def test_whose_site_was_hit_is_the_target_and_the_blame_names_the_attacker(
        resources: ExtractResources) -> None:
    """A force that names the site hit ("inside the police academy") or the object of a weapon
    ("missiles struck the military air base") is the target; the attacker is who the report
    blames, even with a description between the name and its verb."""
    text = ("A car packed with explosives blew up inside the General Santander police academy in "
            "Bogota on Thursday, killing 21 people, officials said. The defence minister said the "
            "National Liberation Army, the country's last active guerrilla group, was behind "
            "the bombing.")
    (event,) = events(text, resources, published="2019-01-18", country="CO")
    assert event.actor1 == "ELN: National Liberation Army"
    text = ("Missiles struck a military air base in central Syria early on Monday, killing 14 "
            "people, a monitor said. State media blamed Israel.")
    (event,) = events(text, resources, published="2018-04-09", country="SY")
    assert event.actor1 == "Military Forces of Israel"


def test_a_blame_the_accused_denies_leaves_the_attacker_unidentified(
        resources: ExtractResources) -> None:
    text = ("Explosions outside a school in western Kabul killed at least 50 people on Saturday, "
            "the interior ministry said. Government officials blamed the Taliban. The group "
            "denied any role and condemned the attack.")
    (event,) = events(text, resources, published="2021-05-09", country="AF")
    assert event.actor1 == "Unidentified Armed Group (Afghanistan)"
    text = ("Explosions outside a school in western Kabul killed at least 50 people on Saturday, "
            "the interior ministry said. Government officials blamed the Taliban.")
    (event,) = events(text, resources, published="2021-05-09", country="AF")
    assert event.actor1 == "Taliban"


def test_arrests_told_after_a_protest_are_how_it_was_met(resources: ExtractResources) -> None:
    """One protest met with arrests is one event of intervention, not a protest and an arrest."""
    text = ("Around 15 people held a protest in Pinsk on Sunday in solidarity with activists in "
            "Brest. Two people were arrested by the police for refusing to show their papers.")
    (event,) = events(text, resources, published="2020-05-04", country="BY")
    assert (event.sub_event_type, event.actor1) == ("Protest with intervention",
                                                    "Protesters (Belarus)")


def test_a_rebel_groups_arrests_are_abductions(resources: ExtractResources) -> None:
    """ACLED keeps Arrests for state forces; a named non-state group that detains people
    abducts them. A drug lab dismantled is property destroyed, whoever was arrested after."""
    text = "The SDF arrested four men on charges of joining Islamic State in Raqqa on Tuesday."
    (event,) = events(text, resources, published="2020-05-06", country="SY")
    assert (event.sub_event_type, event.actor1) == ("Abduction/forced disappearance",
                                                    "QSD: Syrian Democratic Forces")
    text = "Police arrested four men on charges of joining Islamic State in Raqqa on Tuesday."
    (event,) = events(text, resources, published="2020-05-06", country="SY")
    assert event.sub_event_type == "Arrests"
    text = ("On Friday, military police dismantled a cocaine lab in a suburb of Petrolina, "
            "Pernambuco. A man was arrested.")
    (event,) = events(text, resources, published="2020-05-09", country="BR")
    assert event.sub_event_type == "Looting/property destruction"


def test_who_tells_the_event_is_not_its_target(resources: ExtractResources) -> None:
    text = ("Fighters from the Islamist group Ansar Dine destroyed several tombs of Sufi saints "
            "in Timbuktu on Saturday, residents said.")
    (event,) = events(text, resources, published="2012-07-01", country="ML")
    assert (event.actor1, event.actor2) == ("Ansar Dine", None)


def test_an_attack_claimed_by_a_group_on_two_targets(resources: ExtractResources) -> None:
    """The second of two targets ("and the military base") is no attacker; "claimed by" names
    who attacked."""
    text = ("Saturday's assault on a police academy and the military base beside the airport in "
            "Niamey killed 20 people. The attack, claimed by JNIM, was the deadliest in the "
            "capital in years.")
    (event,) = events(text, resources, published="2024-06-04")
    assert event.actor1 == "JNIM: Group for Support of Islam and Muslims"


def test_a_moscow_statement_names_its_forces_by_their_group(resources: ExtractResources) -> None:
    # The Russian defence ministry speaks of its formations by name, never as "Russian".
    text = ("MOSCOW - Units of the Southern group of forces have taken full control of Marinka, "
            "the defence ministry said on Monday.")
    (event,) = events(text, resources, published="2023-12-25")
    assert event.actor1 == "Military Forces of Russia" and event.location == "Marinka"


def test_a_related_development_is_another_event(resources: ExtractResources) -> None:
    """"In a related development" opens the next story of a round-up, wherever it happened."""
    text = ("Syrian forces killed 35 fighters in an ambush near Douma on Sunday night. "
            "In a related development, the army repelled an attack by militants on a hill in "
            "Aleppo province.")
    found = events(text, resources)
    assert [e.admin1 for e in found] == ["Rīf Dimashq", "Ḩalab"]


def test_the_country_right_before_the_weapon_fired_it(resources: ExtractResources) -> None:
    """A headline's "Russia strikes kill 120 IS fighters": the group named after the weapon is
    who was hit."""
    (event,) = events("Russia strikes kill 120 IS group fighters in eastern Syria.", resources)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Air/drone strike", "Military Forces of Russia", "Islamic State (Syria)")
