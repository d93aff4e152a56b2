"""Place anchors as news writes them (our own sentences)."""

from __future__ import annotations

import pytest

from frontlines.extract.focus import focus_country, is_country_name
from frontlines.extract.nlp import Entity
from frontlines.extract.places import (
    anchor,
    containers_after,
    country_of_place,
    dateline_place,
    toponyms,
)
from frontlines.geo import open_gazetteer


def _places(text: str) -> list[str]:
    return [p.text for p in toponyms(text, 0, len(text), [], [])]


@pytest.mark.parametrize(("text", "names"), [
    ("Fighters attacked a base at El Adde in Somalia's Gedo region.", ["El Adde", "Gedo"]),
    ("Rebels shelled the town of Jisr al-Shughur on Monday.", ["Jisr al-Shughur"]),
    ("Clashes broke out 20 km east of Deir ez-Zor.", ["Deir ez-Zor"]),
    ("The strike hit a market in Aleppo on Monday.", ["Aleppo"]),
    ("Revolutionary fighters entered Hamah on Thursday.", ["Hamah"]),
    ("M23 fighters walked into the centre of Bukavu.", ["Bukavu"]),
    # A verb of capture or bombardment takes the place as its object; "from Tuareg-led" is
    # who lost it, no place.
    ("The army took Kidal from Tuareg-led rebels in November.", ["Kidal"]),
    ("Government jets bombed Saraqeb and shelled Maarat al-Numan overnight.",
     ["Saraqeb", "Maarat al-Numan"]),
    ("Rebels besieged Syrian towns near Idlib; jets bombed Tehran overnight.", ["Idlib", "Tehran"]),
    # A feature word written in capitals belongs to the name; the part of a town is the town.
    ("A man was shot in Port of Spain city on Monday.", ["Port of Spain"]),
    ("Clashes broke out in the eastern part of Al Bab, in northern Aleppo.", ["Al Bab", "Aleppo"]),
    ("Two men were shot dead in Recanto das Emas on Sunday.", ["Recanto das Emas"]),
    ("Police were deployed in north-western Bavaria. Police found flags.", ["Bavaria"]),
    # Who holds a place is told between the preposition and the name; a side of a town is the
    # town.
    ("Barrel bombs fell in rebel-held Aleppo and in IS-controlled Raqa.", ["Aleppo", "Raqa"]),
    ("Rockets hit a school in the government-held west of Aleppo city.", ["Aleppo"]),
    ("Snipers fired at a house in the east of Hays city.", ["Hays"]),
    # A neighbourhood named as such is part of the town the sentence names.
    ("In Tijuana, a man was shot dead in Colonia Camino Verde.", ["Tijuana"]),
    ("Soldiers raided a house in Barangay San Roque in Cotabato City.", ["Cotabato City"]),
    ("A suspect was killed in a raid in Barangay Gaya-gaya, San Jose del Monte, Bulacan.",
     ["San Jose del Monte"]),
    ("In Acapulco, a man was found dead in Colonia 20 de Noviembre.", ["Acapulco"]),
    ("Air strikes killed 22 people in Syrias Idlib province.", ["Idlib"]),  # apostrophe lost
    # The owner before a direction only says where the place lies; a name ending in s is no
    # owner unless it is a country whose apostrophe was lost.
    ("A bomb went off near a security office in Syria's central Hama city.", ["Hama"]),
    ("A bomb went off near a security office in Syrias central Hama city.", ["Hama"]),
    ("Shells fell on rebel-held parts of Homs central Syria.", ["Homs"]),
    ("Workers blocked the Dhaka-Mymensingh highway in Gazipur.", ["Gazipur"]),
    ("Doctors rallied outside the teaching hospital of Thessaloniki.", ["Thessaloniki"]),
    # The Arabic article in small letters opens the name; the way into a town is the town.
    ("A car bomb went off in al Bab, east of al-Hasakeh.", ["al Bab", "al-Hasakeh"]),
    ("Jets struck a convoy at the entrance to Ar Rastan.", ["Ar Rastan"]),
    ("Residents of Kafr Nabl marched against the council.", ["Kafr Nabl"]),
    # A verb of attack takes a place when its divisions follow it, not a person.
    ("Gunmen attacked Dogon Daji (Tambuwal LGA, Sokoto) at night.",
     ["Dogon Daji"]),
    ("Gunmen attacked Musa Ibrahim in Kano.", ["Kano"]),
    # ... or when a word of kind says it is a place; headlines tell the act in the present.
    ("A rocket shell targeted Aleppo city on Saturday.", ["Aleppo"]),
    ("Three strikes hit the northwestern town of Atareb on Monday.", ["Atareb"]),
    ("Rebels shell Aleppo as talks stall.", ["Aleppo"]),
    # A noun of the same word still takes its "of" or "on".
    ("It is the biggest gain since Wagner's capture of Bakhmut.", ["Bakhmut"]),
    ("Air strikes on Atareb killed 61 people.", ["Atareb"]),
    # Aircraft are placed where they flew; "over" alone is mostly "about".
    ("Jets returned to the skies over Ariha on Sunday.", ["Ariha"]),
    ("Drones flew over Odesa overnight.", ["Odesa"]),
    ("The two sides fought over Kidal for years.", []),
    # Small words inside names: Spanish articles, Romanian "de sub", the Persian ezafe; a
    # month's abbreviation opening a name so joined is no date.
    ("Police were attacked in Amatlan de los Reyes on Tuesday.", ["Amatlan de los Reyes"]),
    ("Loggers were threatened in Poienile de sub Munte.", ["Poienile de sub Munte"]),
    ("Workers protested in Kut e Abdollah over unpaid wages.", ["Kut e Abdollah"]),
    ("Youths gathered in Ain er Roummaneh on Tuesday.", ["Ain er Roummaneh"]),
    ("Residents banged pots in Mar del Plata at night.", ["Mar del Plata"]),
    ("Fighting resumed in May after a lull.", []),
    # A site or a part of a town, and the town hall by its capitalised name, is the town.
    ("Gunmen killed a collector at the main bus station of Warri.", ["Warri"]),
    ("Consumers protested in Ward No. 10 of Siliguri town.", ["Siliguri"]),
    ("Residents held a sit-in in front of the Municipality of Chlef.", ["Chlef"]),
    # A month's short name ends a name only before its day.
    ("Gunmen shot a soldier in Bait Jan on Friday.", ["Bait Jan"]),
    ("Fighting flared in Aleppo Jan. 5 after the talks.", ["Aleppo"]),
    # A name with its division and the division's word of kind needs no preposition.
    ("On 28 April 2020, Carora, Lara state, drivers blocked roads.", ["Carora"]),
])
def test_toponyms_after_locative_phrases(text: str, names: list[str]) -> None:
    assert _places(text) == names


def test_a_person_before_a_division_is_no_town() -> None:
    """"Hector Rodriguez, Miranda state governor": spaCy's person named in full is no town; a
    one-word name it mistakes for a person or a group still is ("Carora, Lara state")."""
    text = "Hector Rodriguez, Miranda state governor, spoke on Monday."
    assert toponyms(text, 0, len(text), [Entity(0, 16, "PERSON", "Hector Rodriguez")], []) == []
    text = "On Monday, Carora, Lara state, drivers blocked roads."
    found = toponyms(text, 0, len(text), [Entity(11, 17, "NORP", "Carora")], [])
    assert [p.text for p in found] == ["Carora"]


def test_the_chain_of_divisions_after_a_village() -> None:
    """"X village, Y subdivision (Z, W)", "X hill (Y, Z)": ACLED's notes and local news name
    the divisions a village lies in, smallest first."""
    text = "Troops clashed with rebels at Gidan Bako village, Kware subdivision (Bodinga, Sokoto)."
    (village,) = [p for p in toponyms(text, 0, len(text), [], []) if p.text == "Gidan Bako"]
    assert [p.text for p in containers_after(text, village)] == ["Kware", "Bodinga", "Sokoto"]
    text = "Supporters of two parties fought at Kigoma hill (Busiga, Ngozi) on Sunday."
    (hill,) = [p for p in toponyms(text, 0, len(text), [], []) if p.text == "Kigoma"]
    assert [p.text for p in containers_after(text, hill)] == ["Busiga", "Ngozi"]


def test_an_origin_is_not_the_place_of_the_event() -> None:
    """"Arrived from Istanbul": where people came from is a weaker witness than "in"."""
    text = "Residents of Talas held a vigil as the body arrived from Istanbul."
    places = toponyms(text, 0, len(text), [], [])
    chosen = anchor(places, text.index("vigil"), text.index("vigil") + 5, is_country_name)
    assert chosen is not None and chosen.text == "Talas"


def test_an_outlet_in_the_dateline_is_no_place() -> None:
    text = "MOGADISHU (Horn Monitor) - Two car bombs exploded in Mogadishu on Saturday."
    assert "Horn Monitor" not in _places(text)
    assert dateline_place(text).text == "MOGADISHU"  # type: ignore[union-attr]


def test_a_town_before_its_country() -> None:
    text = "Militants stormed a university in Kenya, at Garissa, on Thursday."
    places = toponyms(text, 0, len(text), [], [])
    chosen = anchor(places, 10, 17, is_country_name)
    assert chosen is not None and chosen.text == "Garissa"


def test_country_focus_from_dateline_town_and_names() -> None:
    gazetteer = open_gazetteer()
    assert country_of_place("Algiers", gazetteer) == "DZ"
    text = "ALGIERS (Maghreb Post) - Tens of thousands marched on Friday against a fifth term."
    assert focus_country(text, [], 80, gazetteer, [(0, "ALGIERS")]) == "DZ"
    assert focus_country("Syrian troops advanced near Aleppo.", [], 40, gazetteer) == "SY"
