"""Actor names resolved against the catalogue: aliases, transliterations, country branches,
generic role names, and abbreviations that are also words."""

from __future__ import annotations

import pytest

from frontlines.errors import ResourceError
from frontlines.extract.actors import ActorCatalogue, country_name, load_catalogue
from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many


def names(text: str, country: str | None) -> list[tuple[str, str, int]]:
    return [(m.text, m.actor.name, m.actor.inter) for m in load_catalogue().find(text, country)]


@pytest.mark.parametrize(
    "alias", ["IS", "ISIS", "ISIL", "Daesh", "Islamic State", "the Islamic State group"],
)
def test_islamic_state_aliases_are_one_actor(alias: str) -> None:
    (found,) = names(f"{alias} fighters attacked the town.", "SY")
    assert found[1] == "Islamic State (Syria)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jabhat al-Nusra", "Jabhat al-Nusra"),
        ("al-Nusra Front", "Jabhat al-Nusra"),
        ("the Syrian army", "Military Forces of Syria"),
        ("regime forces", "Military Forces of Syria"),
        ("Assad forces", "Military Forces of Syria"),
        ("Russian jets", "Military Forces of Russia"),
    ],
)
def test_syrian_names(text: str, expected: str) -> None:
    assert names(text, "SY")[0][1] == expected


def test_branches_and_forces_abroad_follow_the_country() -> None:
    assert names("IS militants", "IQ")[0][1] == "Islamic State (Iraq)"
    assert names("Russian jets struck", "SY")[0][2] == 8  # external forces in Syria
    assert names("Russian jets struck", "RU")[0][2] == 1  # at home, the state


def test_generic_roles_take_the_country() -> None:
    assert names("Gunmen killed three civilians near Beni.", "CD") == [
        ("Gunmen", "Unidentified Armed Group (Democratic Republic of Congo)", 3),
        ("civilians", "Civilians (Democratic Republic of Congo)", 7),
    ]
    assert names("government troops", "CD")[0][1] == \
        "Military Forces of the Democratic Republic of Congo"
    assert names("Gunmen killed three civilians.", None) == []  # no country: no generic actor


def test_abbreviations_are_matched_in_capitals_only() -> None:
    assert names("Is it true that the army is there?", "SY") == [
        ("the army", "Military Forces of Syria", 1)]


def test_country_names_as_acled_writes_them() -> None:
    assert [country_name(c) for c in ("RU", "CD", "SY", "PS", "NG")] == [
        "Russia", "Democratic Republic of Congo", "Syria", "Palestine", "Nigeria"]


def test_an_alias_may_not_name_two_actors() -> None:
    with pytest.raises(ResourceError, match="names both"):
        ActorCatalogue({"actors": [
            {"id": "a", "name": "A", "inter": 2, "aliases": ["the group"]},
            {"id": "b", "name": "B", "inter": 2, "aliases": ["The Group"]},
        ]})


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Turkish shelling hit the village.", "SY", "Military Forces of Turkey"),
        ("a Syrian government raid on the camp", "SY", "Military Forces of Syria"),
        ("Ukrainian drones struck the depot.", "RU", "Military Forces of Ukraine"),
        ("Then U.S. forces withdrew.", "IQ", "Military Forces of the United States"),
        ("The U.S.-led coalition said", "SY", "Global Coalition Against Daesh"),
    ],
)
def test_a_state_named_on_its_weapon_or_with_dotted_initials(text: str, country: str,
                                                            expected: str) -> None:
    assert names(text, country)[0][1] == expected


def test_weapon_phrases_need_a_military_word_and_skip_labour_strikes() -> None:
    assert names("A French strike closed the schools.", "FR") == []
    assert names("Syrian students travelled abroad.", "SY") == []
    catalogue = load_catalogue()
    (weapon,) = catalogue.find("Russian missiles struck the plant.", "UA")
    (proper,) = catalogue.find("The National Liberation Army said", "CO")
    assert catalogue.names_a_weapon(weapon) and not catalogue.names_a_weapon(proper)


def test_older_acled_names_lead_to_the_current_one() -> None:
    renamed = load_catalogue().renamed
    assert renamed["Military Forces of Yemen Supreme Political Council"] == \
        "Military Forces of Yemen Houthi"
    assert renamed["Islamic State (Greater Sahara)"] == "Islamic State (Sahel)"


@pytest.fixture(scope="module")
def resources() -> ExtractResources:
    return ExtractResources.load()


def first_actor1(text: str, country: str, resources: ExtractResources) -> str | None:
    (mentions,) = extract_many([ExtractInput(text, country=country)], resources)
    return mentions[0].actor1 if mentions else None


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # Tied to gangs by the perpetrators' description, or by a gang killing's hallmarks.
        ("On 3 March 2021, two men were shot dead in Leon, Guanajuato. Police said the attack was "
         "part of a dispute between rival cartels.", "MX", "Unidentified Gang (Mexico)"),
        ("On 3 March 2021, a man was shot dead in a drive-by shooting in Culiacan, Sinaloa.", "MX",
         "Unidentified Gang (Mexico)"),
        ("On 3 March 2021, in Recife, Pernambuco, a man was killed in a drive-by shooting by two "
         "armed men on a motorcycle.", "BR", "Unidentified Gang and/or Police Militia"),
        ("On 3 March 2021, in Recife, Pernambuco, a man was shot dead by gang members.", "BR",
         "Unidentified Gang (Brazil)"),
        # Nothing ties the attack to crime, or ACLED does not code gangs there.
        ("On 3 March 2021, gunmen shot dead a man in Leon, Guanajuato.", "MX",
         "Unidentified Armed Group (Mexico)"),
        ("On 3 March 2021, gunmen killed a man in a drive-by shooting in Kano.", "NG",
         "Unidentified Armed Group (Nigeria)"),
        # A named gang stays named.
        ("On 3 March 2021, CJNG gunmen killed two men in a drive-by shooting in Zapopan.", "MX",
         "CJNG: Jalisco New Generation Cartel"),
    ],
)
def test_unattributed_criminal_violence_is_a_gangs_where_acled_codes_gangs(
        text: str, country: str, expected: str, resources: ExtractResources) -> None:
    assert first_actor1(text, country, resources) == expected


def test_gendarmes_are_the_unit_the_country_names() -> None:
    assert names("Gendarmes detained two men.", "TR")[0][1] == "Military Forces of Turkey Gendarmerie"
    assert names("Gendarmes detained two men.", "ML")[0][1] == "Police Forces of Mali Gendarmerie"
    assert names("Police detained two men.", "TR")[0][1] == "Police Forces of Turkey"


def test_unnamed_islamist_militants_are_an_islamist_militia() -> None:
    assert names("Suspected Islamist militants burned huts.", "MZ")[0][1] == \
        "Islamist Militia (Mozambique)"


def test_iswap_under_its_2020_acled_name() -> None:
    assert load_catalogue().renamed["Islamic State (West Africa)"] == \
        "Islamic State (West Africa) - Lake Chad Faction"


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("ISWAP or Boko Haram militants abducted two herders.", "NE",
         "Islamic State (West Africa) - Lake Chad Faction and/or Boko Haram - Jamaatu Ahli "
         "is-Sunnah lid-Dawati wal-Jihad"),
        ("Boko Haram/IS fighters ambushed a convoy.", "NG",
         "Islamic State (West Africa) - Lake Chad Faction and/or Boko Haram - Jamaatu Ahli "
         "is-Sunnah lid-Dawati wal-Jihad"),
        ("Presumed JNIM or ISGS militants stopped a bus.", "BF",
         "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)"),
        ("JNIM militants stopped a bus.", "BF", "JNIM: Group for Support of Islam and Muslims"),
    ],
)
def test_either_of_two_groups_is_acleds_joint_actor(text: str, country: str,
                                                     expected: str) -> None:
    assert names(text, country)[0][1] == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("On 4 June 2021, Afghan forces repelled a Taliban attack on a checkpoint in Kunduz.",
         "AF", "Taliban"),
        ("On 4 June 2021, nine Taliban militants were killed when Afghan forces repulsed their "
         "attack in Helmand.", "AF", "Taliban"),
        ("On 4 June 2021, Afghan forces attacked Taliban positions in Helmand.", "AF",
         "Military Forces of Afghanistan"),
    ],
)
def test_the_side_whose_attack_was_repelled_began_the_fight(
        text: str, country: str, expected: str, resources: ExtractResources) -> None:
    assert first_actor1(text, country, resources) == expected


def test_brazils_police_units_and_others_police() -> None:
    assert names("Federal police officers seized a truck.", "BR")[0][1] == \
        "Police Forces of Brazil Federal Police"
    assert names("Civil police arrested two men.", "BR")[0][1] == \
        "Police Forces of Brazil Civil Police"
    assert names("Federal police officers seized a truck.", "NG")[0][1] == "Police Forces of Nigeria"


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("On 2 June 2021, a drug suspect was killed during a police raid in Cebu City.", "PH",
         "Police Forces of the Philippines"),
        ("On 2 June 2021, four militants were killed during an operation by the General Command "
         "of Police Special Units in Logar.", "AF",
         "Police Forces of Afghanistan General Command of Police Special Units"),
        ("On 2 June 2021, a farmer was killed in Cebu City.", "PH",
         "Unidentified Armed Group (Philippines)"),
    ],
)
def test_the_force_whose_raid_it_was_did_the_killing(
        text: str, country: str, expected: str, resources: ExtractResources) -> None:
    assert first_actor1(text, country, resources) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 7 May 2019, the OSCE SMM observed 40 explosions near Avdiivka.",
         "Military Forces of Ukraine"),
        ("On 7 May 2019, DPR forces shelled Avdiivka.", "NAF: United Armed Forces of Novorossiya"),
        # Outside the line's period, unattributed fire stays unattributed.
        ("On 7 May 2023, unknown gunmen fired on a car near Sumy.",
         "Unidentified Armed Group (Ukraine)"),
    ],
)
def test_unattributed_fire_across_a_standing_front_line_is_between_its_sides(
        text: str, expected: str, resources: ExtractResources) -> None:
    assert first_actor1(text, "UA", resources) == expected


@pytest.mark.parametrize("text", [
    "Activists accused President Bashar al-Assad's forces of the attack.",
    "Activists accused President Bashar al-Assads forces of the attack.",
    "Activists accused Assad’s forces of the attack.",
    "Activists accused Assads forces of the attack.",
])
def test_a_possessive_with_or_without_its_apostrophe(text: str) -> None:
    """Scrapers and feeds often lose the apostrophe; a curly one is the same name."""
    assert [n[1] for n in names(text, "SY")] == ["Military Forces of Syria"]


def test_both_states_of_a_coordinated_pair_of_adjectives() -> None:
    """"Russian and Syrian warplanes": each adjective names its own state's aircraft."""
    found = names("Russian and Syrian government aircraft pounded the town.", "SY")
    assert [n[:2] for n in found] == [("Russian", "Military Forces of Russia"),
                                      ("Syrian government aircraft", "Military Forces of Syria")]
    assert names("Iraqi and Kurdish officials met in Erbil.", "IQ") == []
    # "or" pairs them as well: the report names both as who may have flown the raid.
    found = names("The raid was carried out by either Russian or Syrian government planes.", "SY")
    assert [n[1] for n in found] == ["Military Forces of Russia", "Military Forces of Syria"]
