"""Geocoding: the gazetteer, name matching, resolution by context, events on the map, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import cli
from frontlines.data_files import load_data_file
from frontlines.errors import DataFileError
from frontlines.evaluate.geo import evaluate_geo
from frontlines.extract.mentions import ExtractResources, extract_mentions
from frontlines.geo import GeoResources, geoparse
from frontlines.geo.dump import import_geonames
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.names import keys
from frontlines.geo.outlets import outlet_country
from frontlines.geo.resolve import Resolver

ROOT = Path(__file__).resolve().parents[1]
TR_NEWS = ROOT.parent / "shared" / "eval" / "tr_news" / "TR-News.xml"


@pytest.fixture(scope="module")
def geo() -> GeoResources:
    return GeoResources.load()


def _resolved(text: str, name: str, geo: GeoResources, occurrence: int = 1):
    found = [t for t in geoparse(text, geo) if t.text == name]
    assert len(found) >= occurrence, (name, [t.text for t in geoparse(text, geo)])
    return found[occurrence - 1]


@pytest.mark.parametrize("spellings", [
    ("Jisr ash-Shughur", "Jisr al-Shughour", "Jisr ash Shugur"),
    ("Deir ez-Zor", "Deir Ezzor"),
    ("Ma'arat al-Numan", "Maarat al-Nouman", "Ma‘arrat an Nu‘mān"),
    ("Kharkiv", "Kharkov"),
    ("Kunduz", "Qunduz"),
    ("Lashkar Gah", "Lashkargah"),
    ("Afrin", "Efrin"),
    ("Idlib", "Edlib"),
    ("Tal ar-Rafi", "Tal Arrafi"),
])
def test_transliterations_share_a_key(spellings: tuple[str, ...]) -> None:
    folded = [keys(s) for s in spellings]
    assert len({loose for _, loose, _ in folded}) == 1 or len({sk for *_, sk in folded}) == 1


def test_palmyra_by_its_context(geo: GeoResources) -> None:
    syria = _resolved("Syrian troops shelled Palmyra on Monday, a day after fighting near Homs.",
                      "Palmyra", geo)
    new_york = _resolved("The village board of Palmyra, N.Y., met on Monday to discuss road repairs "
                         "in Wayne County.", "Palmyra", geo)
    assert (syria.place.country, new_york.place.country) == ("SY", "US")
    assert new_york.place.admin1 == "New York"


def test_tripoli_by_its_context(geo: GeoResources) -> None:
    libya = _resolved("Militias clashed in Tripoli, the Libyan capital, as the unity government "
                      "called for calm in Misrata and Zawiya.", "Tripoli", geo)
    lebanon = _resolved("Gunfire was heard in Tripoli, Lebanon's second city, after clashes in "
                        "Beirut and Sidon.", "Tripoli", geo)
    assert (libya.place.country, lebanon.place.country) == ("LY", "LB")


def test_a_division_word_picks_the_division(geo: GeoResources) -> None:
    town = _resolved("A car bomb exploded in Idlib on Monday.", "Idlib", geo)
    province = _resolved("Air strikes hit villages across Idlib province on Monday.", "Idlib", geo)
    assert (town.place.feature_code, province.place.feature_code) == ("PPL", "ADM1")


def test_demonyms_give_context_but_are_not_places(geo: GeoResources) -> None:
    found = geoparse("Syrian troops entered Saraqeb, Idlib, after Russian air strikes.", geo)
    kinds = {t.text: t.kind for t in found}
    assert kinds["Syrian"] == kinds["Russian"] == "demonym"
    assert kinds["Saraqeb"] == "place"
    saraqeb = next(t for t in found if t.text == "Saraqeb")
    assert saraqeb.place.country == "SY"


def test_an_unknown_name_does_not_block_the_others(geo: GeoResources) -> None:
    found = {t.text: t for t in geoparse(
        "Fighters attacked the hamlet of Zarqoudiyet near Aleppo on Monday.", geo)}
    assert found["Aleppo"].place is not None and found["Aleppo"].place.country == "SY"
    unknown = found.get("Zarqoudiyet")
    assert unknown is None or unknown.place is None


def test_abbreviations_of_countries_and_states(geo: GeoResources) -> None:
    found = {t.text: t for t in geoparse(
        "The U.S. and the UK condemned the attack. A vigil was held in Louisville, Ky.", geo)}
    assert found["U.S."].place.feature_code == "PCLI" and found["U.S."].place.country == "US"
    assert found["UK"].place.country == "GB"
    assert found["Ky."].place.name == "Kentucky"


def test_a_self_declared_republic_is_its_division(geo: GeoResources) -> None:
    # A Moscow report in the Russian style: the republic's name is Donetsk oblast, read whole,
    # and with it the old names of its towns are the Ukrainian towns, not Russian namesakes.
    text = ("MOSCOW - Russian troops completed the capture of Artemovsk, a transport hub in the "
            "Donetsk People's Republic, the Russian defence ministry said. It opens the road to "
            "Slavyansk and Kramatorsk, the ministry added.")
    found = {t.text: t for t in geoparse(text, geo)}
    assert found["Donetsk People's Republic"].place.feature_code == "ADM1"
    assert found["Donetsk People's Republic"].place.country == "UA"
    assert "Republic" not in found and "Donetsk" not in found
    assert (found["Artemovsk"].place.name, found["Artemovsk"].place.country) == ("Bakhmut", "UA")
    assert found["Slavyansk"].place.country == "UA"
    # Without the republic, the same names go to Russian namesakes (the article's Russian words
    # outvote one Ukrainian town): the republic's division is what carries them.
    plain = {t.text: t for t in geoparse(text.replace("Donetsk People's Republic", "east"), geo)}
    assert plain["Artemovsk"].place.country == "RU"


def test_continent_adjectives_are_demonyms(geo: GeoResources) -> None:
    found = {t.text: t for t in geoparse(
        "European officials and South African diplomats met as Asian markets fell.", geo)}
    assert found["European"].kind == "demonym" and found["European"].place.name == "Europe"
    assert found["Asian"].place.feature_code == "CONT"
    assert found["South African"].place.country == "ZA"


def test_directions_alone_are_not_the_place_inside_a_longer_name(geo: GeoResources) -> None:
    """"Far North" is a Cameroonian region; in "Far North Queensland" the place is Queensland."""
    found = geoparse("Youth crime has risen in Far North Queensland this year, police say.", geo,
                     "www.abc.net.au")
    assert [(t.text, t.place.feature_code) for t in found] == [("Queensland", "ADM1")]


def test_a_town_named_as_a_modifier_after_the(geo: GeoResources) -> None:
    """"The Innisfail skater": a sentence's opening article is not part of the town's name."""
    found = geoparse("The Innisfail skater returned home on Monday.", geo, "www.example.ca")
    assert [(t.text, t.place.country) for t in found] == [("Innisfail", "CA")]


def test_the_place_after_a_town_and_a_comma_is_its_division(geo: GeoResources) -> None:
    """"Ada, Oklahoma" names the state, though Oklahoma City goes by "Oklahoma" too; in a list
    ("Aleppo, Homs and Hama") the names after the commas are towns like the first."""
    found = {t.text: t for t in geoparse("A vigil was held in Ada, Oklahoma, on Sunday.", geo)}
    assert found["Oklahoma"].place.feature_code == "ADM1"
    found = {t.text: t for t in geoparse(
        "Syrian jets struck Aleppo, Homs and Hama on Monday.", geo)}
    assert found["Hama"].place.feature_class == "P"


def test_a_governors_title_names_a_state(geo: GeoResources) -> None:
    (found,) = geoparse("Former New York Gov. Mario Cuomo spoke on Monday.", geo)
    assert (found.text, found.place.feature_code) == ("New York", "ADM1")


def test_the_names_of_one_list_are_of_one_kind(geo: GeoResources) -> None:
    """Wyoming is also a Michigan city; listed with Montana, it is the state."""
    found = geoparse("The drought reached from Ohio to the western borders of Montana and Wyoming.",
                     geo)
    assert [(t.text, t.place.feature_code) for t in found] == [
        ("Ohio", "ADM1"), ("Montana", "ADM1"), ("Wyoming", "ADM1")]


def test_a_county_inside_an_institutions_name(geo: GeoResources) -> None:
    """"Metcalfe County Sheriff's Office": the county, though it is smaller than the towns a
    longer name is otherwise narrowed to."""
    found = geoparse("Deputies of the Metcalfe County Sheriff's Office responded on Tuesday.", geo,
                     "www.example.com")
    assert [(t.place.name, t.place.feature_code) for t in found if t.place] == [
        ("Metcalfe County", "ADM2")]


def test_a_place_after_a_spaced_dash_is_not_part_of_a_persons_name(geo: GeoResources) -> None:
    """The small model reads "Mr Trump - Wisconsin" as one person."""
    found = geoparse("Two states narrowly won by Mr Trump - Wisconsin and Pennsylvania - may "
                     "recount.", geo)
    assert {t.text for t in found} >= {"Wisconsin", "Pennsylvania"}


def test_a_dateline_that_lost_its_dash(geo: GeoResources) -> None:
    found = geoparse("PITTSBURGH The city council voted on Monday to close two bridges.", geo)
    assert [(t.text, t.place.country) for t in found][:1] == [("Pittsburgh", "US")]
    # Only a sizeable town, and only at the very start.
    assert not geoparse("BREAKING The council voted on Monday.", geo)


def test_a_landmarks_own_name_is_not_another_landmarks_respelling(geo: GeoResources) -> None:
    """"Taichung" is the Taiwanese city of that name, not Datong, which shares its consonants."""
    found = geoparse("A gas explosion at a restaurant in Taichung killed one person, officials "
                     "in China and Taiwan said.", geo)
    taichung = next(t for t in found if t.text == "Taichung")
    assert taichung.place.country == "TW"


@pytest.fixture(scope="module")
def extraction() -> ExtractResources:
    return ExtractResources.load()


def test_events_carry_their_place(extraction: ExtractResources) -> None:
    (event,) = extract_mentions("Government forces shelled the town of Palmyra on Monday, killing three "
                                "civilians, the Syrian Observatory said.", resources=extraction,
                                published=None)
    assert event.location == "Palmyra" and event.country == "Syria"
    assert event.geo_precision == 1 and event.geonameid is not None
    assert abs(event.latitude - 34.56) < 0.2 and abs(event.longitude - 38.28) < 0.2
    assert event.admin1


def test_relative_place_has_precision_two(extraction: ExtractResources) -> None:
    (event,) = extract_mentions("Gunmen attacked a checkpoint 20 km east of Mosul on Monday, "
                                "killing two Iraqi soldiers.", resources=extraction)
    assert event.location == "Mosul" and event.geo_precision == 2
    assert event.admin1 and event.country == "Iraq"


def test_a_province_is_precision_three(extraction: ExtractResources) -> None:
    (event,) = extract_mentions("Air strikes hit villages in Idlib province on Tuesday, killing "
                                "five civilians, rescuers said.", resources=extraction)
    assert event.geo_precision == 3 and event.country == "Syria"


def test_a_short_respelling_in_the_story_country(extraction: ExtractResources) -> None:
    """"Hama" and "Raqa" only respell GeoNames' names (Ḩamāh, Ar Raqqah); in a story about Syria
    that is what they are, though short words elsewhere match such respellings by chance."""
    events = extract_mentions("Syrian warplanes bombed a market in Hama on Monday, killing four "
                              "civilians. Later, air strikes hit Raqa, killing two.",
                              resources=extraction)
    assert [(e.country, e.geo_precision) for e in events] == [("Syria", 1), ("Syria", 1)]
    assert events[0].admin1 != events[1].admin1


def test_a_tagged_span_that_overruns_the_name(extraction: ExtractResources) -> None:
    """A possessive that lost its apostrophe, and a headline run into its byline."""
    (event,) = extract_mentions("Barrel bombs kill 11 in Syrias Aleppo Monitor AFP. Eleven "
                                "civilians were killed on Thursday, a monitor said.",
                                resources=extraction)
    assert event.location == "Aleppo" and event.geo_precision == 1 and event.country == "Syria"


def test_a_district_the_gazetteer_lacks_is_placed_in_its_city(extraction: ExtractResources,
                                                               ) -> None:
    (event,) = extract_mentions("A bomb blast killed six people in the Qurnat al-Yasmin district "
                                "of Aleppo on Wednesday, state television said.",
                                resources=extraction)
    assert event.location == "Qurnat al-Yasmin" and event.geo_precision == 2
    assert event.country == "Syria" and abs(event.latitude - 36.2) < 0.2


def test_a_capital_points_to_its_country_in_a_story_filed_elsewhere(
        extraction: ExtractResources) -> None:
    """Filed from Washington, all about the US military, never naming Afghanistan: "Kabul" is the
    capital, not Cabool, Missouri (which carries the name as an alternate), and the row's country
    is the place's."""
    (event,) = extract_mentions("WASHINGTON - The US military said on Friday that a drone strike "
                                "it carried out in Kabul on 29 August killed 10 civilians. The "
                                "United States is considering compensation.",
                                resources=extraction, published=dt.date(2021, 9, 17))
    assert (event.location, event.country, event.geo_precision) == ("Kabul", "Afghanistan", 1)
    assert abs(event.latitude - 34.5) < 0.2 and abs(event.longitude - 69.2) < 0.2


def test_a_row_has_its_places_country(extraction: ExtractResources) -> None:
    """A town below a landmark's size in a country the article names: the row's country is the
    town's, never the article's focus with another country's coordinates."""
    events = extract_mentions("Russian forces shelled the town of Bakhmut on Monday, killing two "
                              "civilians, Ukrainian officials said. Moscow said Russian troops hit "
                              "military targets near Russian positions.", resources=extraction)
    assert [(e.location, e.country, e.admin1) for e in events] == [
        ("Bakhmut", "Ukraine", "Donetska oblast")]


def test_the_part_of_a_town_is_the_town(extraction: ExtractResources) -> None:
    """"Into the centre of Bukavu": the town, not the province named later ("the capital of South
    Kivu"); a village the gazetteer lacks "at the southwestern outskirts of Aleppo" is placed near
    Aleppo."""
    (event,) = extract_mentions("M23 fighters walked into the centre of Bukavu on Sunday, taking "
                                "the capital of South Kivu without a battle.", resources=extraction)
    assert (event.location, event.geo_precision) == ("Bukavu", 1)
    (event,) = extract_mentions("The army established full control over the town of Qaryat "
                                "al-Zaytun at the southwestern outskirts of Aleppo city on Saturday.",
                                resources=extraction, country="SY")
    assert event.geo_precision == 2 and abs(event.latitude - 36.2) < 0.2


def test_the_headlines_town_gives_the_country(extraction: ExtractResources) -> None:
    """A local story says "the city" throughout; its headline names the city."""
    text = ("The city woke on Sunday without the army. The rebels announced in the early hours "
            "that they were in full control of the city.")
    assert [m.country for m in extract_mentions(text, resources=extraction)] == [None]
    (event,) = extract_mentions(text, title="Homs after the army left", resources=extraction)
    assert event.country == "Syria"


def test_a_neighbourhood_is_placed_at_its_city(extraction: ExtractResources) -> None:
    """Neighbourhood names repeat from city to city: the city named before it is the place."""
    (event,) = extract_mentions("In Fortaleza, Ceara, a man was shot dead on Monday by armed men "
                                "who entered his home in the Bom Jardim neighbourhood.",
                                resources=extraction)
    assert event.location == "Fortaleza" and event.geo_precision == 1
    assert abs(event.latitude + 3.7) < 0.2


@pytest.mark.parametrize(("text", "country", "location", "admin1", "latitude"), [
    # Calderon: a village of Pichincha, 300 km off; Itambi: a loose match of Itambé, in São Paulo.
    ("On Tuesday, in Cuenca, Azuay, students staged a sit-in in Calderon to protest budget cuts.",
     "EC", "Calderon", "Azuay", -2.90),
    ("On Sunday, in Itaborai, Rio de Janeiro, police exchanged fire with drug traffickers in "
     "Itambi.", "BR", "Itambi", "Rio de Janeiro", -22.74),
])
def test_a_small_namesake_far_from_the_sentences_town_is_a_part_of_that_town(
        extraction: ExtractResources, text: str, country: str, location: str, admin1: str,
        latitude: float) -> None:
    """A neighbourhood or street the gazetteer lacks, whose name a village far off bears, is in
    or near the town its sentence began with: placed there, as part of it, with its own name."""
    (event,) = extract_mentions(text, resources=extraction, country=country)
    assert (event.location, event.admin1, event.geo_precision) == (location, admin1, 2)
    assert abs(event.latitude - latitude) < 0.2


def test_a_lede_told_of_the_country_is_placed_at_the_town_named_next(
        extraction: ExtractResources) -> None:
    """News names the country first and the place after: the event is at the town the article
    goes on to name, with precision 2 (its own clause names only the country)."""
    events = extract_mentions("Air strikes in Syria killed 14 people on Tuesday, a monitor said. "
                              "Later, more raids killed two people in the town of Saraqeb.",
                              resources=extraction)
    assert [(e.location, e.admin1, e.geo_precision) for e in events] == [
        ("Saraqeb", "Idlib", 2), ("Saraqeb", "Idlib", 1)]


def test_where_words_were_said_is_not_where_the_event_was(extraction: ExtractResources) -> None:
    """"Speaking in Damascus", "officials in Moscow said": a statement's place does not narrow
    an event told only of its country."""
    (event,) = extract_mentions("Air strikes killed 14 people in Syria on Tuesday. A government "
                                "spokesman, speaking in Damascus, said the raids would go on.",
                                resources=extraction)
    assert (event.location, event.admin1, event.geo_precision) == ("Syria", None, 3)


def test_the_part_of_a_town_named_with_a_direction(extraction: ExtractResources) -> None:
    """"In the East part of Cali": the town, as "the centre of Bukavu" is."""
    (event,) = extract_mentions("On Saturday, in the East part of Cali, Valle del Cauca, residents "
                                "blocked roads to demand food.", resources=extraction,
                                country="CO")
    assert (event.location, event.admin1, event.geo_precision) == ("Cali", "Valle del Cauca", 1)


def test_us_is_the_country_not_a_village(extraction: ExtractResources) -> None:
    """"US" as an event's place is the country, though Russia (which the story names) has a
    village called Us."""
    (event,) = extract_mentions("A gunman killed three people in a shooting in the US on Sunday, "
                                "Russian media reported.", resources=extraction)
    assert (event.location, event.country, event.geo_precision) == ("US", "United States", 3)


def test_the_callers_country_rules_out_places_abroad(extraction: ExtractResources) -> None:
    """The caller says the events are in Syria: "Moscow" is where a statement came from, and the
    event is put at Syria, or at the Syrian town the article names."""
    text = "Russian air strikes killed 12 people on Monday, officials in Moscow said."
    (event,) = extract_mentions(text, resources=extraction, country="SY")
    assert (event.country, event.latitude, event.geo_precision) == ("Syria", 35.0, 3)
    (event,) = extract_mentions(text, resources=extraction)
    assert (event.location, event.country, event.geo_precision) == ("Moscow", "Russia", 1)


def test_the_larger_place_named_beside_a_town_picks_among_namesakes(
        extraction: ExtractResources) -> None:
    """Brazil has several towns called Sao Goncalo: the state named after the comma says which.
    Turkey's Kadikoy in the gazetteer is a village in Yalova; named with Istanbul, the event is
    put at Istanbul (precision 2), not 60 km away."""
    (event,) = extract_mentions("On Friday, in Sao Goncalo, Rio de Janeiro, police raided a house "
                                "and arrested two men.", resources=extraction, country="BR")
    assert (event.location, event.admin1, event.geo_precision) == ("Sao Goncalo",
                                                                  "Rio de Janeiro", 1)
    (event,) = extract_mentions("On Monday, students demonstrated outside a school in Kadikoy, "
                                "Istanbul, against a new exam.", resources=extraction)
    assert (event.location, event.admin1, event.geo_precision) == ("Kadikoy", "İstanbul", 2)


@pytest.mark.parametrize(("text", "country", "expected"), [
    # "In Jarablus in Aleppo": the event is at the town, not at the province named after it.
    ("On Monday, civilians in Jarablus in Aleppo protested against the shelling of their town.",
     "SY", ("Jarablus", "Ḩalab", 1)),
    # The first sentence names the town and no event; the event that follows names no place.
    ("On Monday, in Montes Claros, Minas Gerais, police searched two warehouses. A man was "
     "arrested.", "BR", ("Montes Claros", "Minas Gerais", 2)),
    # "The city of Idlib near Aleppo": near is no containment, Idlib stays Idlib.
    ("US aircraft hit a residential building in the city of Idlib near Aleppo on Monday, killing "
     "nine.", "SY", ("Idlib", "Idlib", 1)),
    # "The Nova Brasilia community" is a neighbourhood of the town named before it.
    ("On Friday, in Niteroi, Rio de Janeiro, a shoot-out broke out in the Nova Brasilia "
     "community.", "BR", ("Niteroi", "Rio de Janeiro", 1)),
], ids=["town-in-province", "no-place-of-its-own", "near-is-not-in", "community"])
def test_the_event_is_at_the_town_its_article_names(extraction: ExtractResources, text: str,
                                                    country: str, expected: tuple) -> None:
    (event,) = extract_mentions(text, resources=extraction, country=country)
    assert (event.location, event.admin1, event.geo_precision) == expected


@pytest.mark.parametrize(("text", "country", "expected"), [
    # A village the gazetteer lacks, with its divisions in brackets: at the first it has, with
    # the precision that says so ("LGA" is the division's word, not part of its name).
    ("On Monday, gunmen attacked Ungwan Kaura (Tambuwal LGA, Sokoto), killing three residents.",
     "NG", ("Ungwan Kaura", "Sokoto", 3)),
    ("On Sunday, supporters of two parties fought at Kigoma hill (Busiga, Ngozi), injuring four.",
     "BI", ("Kigoma", "Ngozi", 2)),
    # A part of a town is in that town, not at a namesake elsewhere in its state.
    ("On Friday, residents clashed with police in the Vejalpur area of Ahmedabad city "
     "(Ahmedabad, Gujarat).", "IN", ("Vejalpur", "Gujarāt", 2)),
    # "Near" a town: not a namesake 1,000 km away.
    ("On Friday, a mob attacked two men in Sultanpur village near Dholka town (Ahmedabad, "
     "Gujarat).", "IN", ("Sultanpur", "Gujarāt", 2)),
], ids=["chain-of-divisions", "word-of-kind-before-bracket", "part-of-a-town", "near-a-town"])
def test_the_divisions_named_after_a_village_place_it(extraction: ExtractResources, text: str,
                                                      country: str, expected: tuple) -> None:
    (event,) = extract_mentions(text, resources=extraction, country=country)
    assert (event.location, event.admin1, event.geo_precision) == expected
    if expected[0] == "Vejalpur":  # Ahmedabad's, not Panch Mahals' Vejalpur
        assert abs(event.longitude - 72.58) < 0.2


def test_a_village_named_hill_of_is_not_the_town_called_hill(extraction: ExtractResources) -> None:
    """"Tall Tawil": "Tall" (hill) opens the name; the village the gazetteer lacks is put in
    the province named beside it, not at the Damascus suburb called Tall."""
    events = extract_mentions("Suicide attack on a wedding in Syria kills 22. The bomber blew "
                              "himself up in the village of Tall Tawil in Hasakeh province.",
                              resources=extraction)
    assert (events[0].location, events[0].admin1) == ("Tall Tawil", "Al Ḩasakah")


def test_a_named_square_is_in_the_town_its_sentence_names(extraction: ExtractResources) -> None:
    """"The Independence Square" and "the Preventive Detention Centre" say nothing of their town
    (an Argentine town is called Independencia, a Venezuelan one Centre); the event is in the town
    the sentence names."""
    (event,) = extract_mentions("On Monday, in Trelew, Chubut, retirees and teachers gathered in "
                                "the Independence Square to protest.", resources=extraction,
                                country="AR")
    # In the town itself: ACLED codes a square's protest at its town with precision 1.
    assert (event.location, event.admin1, event.geo_precision) == ("Trelew", "Chubut", 1)
    (event,) = extract_mentions("On Monday, in San Carlos, Cojedes state, prisoners rioted inside "
                                "the Preventive Detention Centre.", resources=extraction,
                                country="VE")
    assert (event.location, event.admin1) == ("San Carlos", "Cojedes")


def _write_dump(folder: Path) -> list[Path]:
    """A tiny GeoNames dump in the real files' formats: two Palmyras, their divisions and
    countries, and an alternate name in a zip."""
    rows = [
        (163843, "Syria", "Syria", "", 35.0, 38.0, "A", "PCLI", "SY", "00", "", 22933531),
        (6252001, "United States", "United States", "USA", 39.76, -98.5, "A", "PCLI", "US", "00", "",
         327167434),
        (170017, "Homs", "Homs", "", 34.5, 37.5, "A", "ADM1", "SY", "11", "", 1500000),
        (5128638, "New York", "New York", "", 43.0, -75.5, "A", "ADM1", "US", "NY", "", 19274244),
        (172408, "Tadmur", "Tadmur", "Palmyra,Tadmor", 34.56, 38.28, "P", "PPL", "SY", "11", "",
         51323),
        (5131692, "Palmyra", "Palmyra", "", 43.06, -77.23, "P", "PPL", "US", "NY", "117", 3500),
        (9999001, "Khirbat al Qasr", "Khirbat al Qasr", "", 34.6, 38.3, "P", "PPL", "SY", "11", "",
         0),
    ]
    places = folder / "allCountries.txt"
    places.write_text("".join(
        "\t".join(str(v) for v in (gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, "",
                                   a1, a2, "", "", pop, "", "", "UTC", "2024-01-01")) + "\n"
        for gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, a1, a2, pop in rows), "utf-8")
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("SY.11\tHoms\tHoms\t170017\nUS.NY\tNew York\tNew York\t5128638\n", "utf-8")
    alternates = folder / "alternateNamesV2.zip"
    with zipfile.ZipFile(alternates, "w") as archive:
        archive.writestr("alternateNamesV2.txt",
                         "1\t9999001\ten\tKherbet el-Kasr\t\t\t\t\t\t\n"
                         "2\t172408\tlink\thttps://en.wikipedia.org/wiki/Palmyra\t\t\t\t\t\t\n")
    return [places, admin1, alternates]


def test_import_of_a_geonames_dump(tmp_path: Path, geo: GeoResources) -> None:
    paths = _write_dump(tmp_path)
    counts = import_geonames(paths, tmp_path / "index")
    assert counts["places"] == 7
    gazetteer = Gazetteer(tmp_path / "index")
    village = gazetteer.place(next(iter(gazetteer.lookup("Kherbet al-Qasr"))))
    assert village.geonameid == 9999001 and village.admin1 == "Homs"
    local = GeoResources(gazetteer, Resolver(gazetteer), geo.nlp)
    found = {t.text: t for t in geoparse("Shelling hit Palmyra and Khirbat al-Qasr in Syria.",
                                         local)}
    assert found["Palmyra"].place.geonameid == 172408
    assert found["Khirbat al-Qasr"].place.geonameid == 9999001
    with pytest.raises(DataFileError):
        import_geonames([paths[1]], tmp_path / "other")  # no places file


def test_gazetteer_import_and_geoparse_commands(tmp_path: Path) -> None:
    paths = _write_dump(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["gazetteer", "import", *map(str, paths), "--to",
                                 str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"gazetteer_dir": str(tmp_path / "index")}), "utf-8")
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": "  Palmyra, Syria."}) + "\n"
                     + json.dumps({"id": "b", "text": "Nothing here."}) + "\n", "utf-8")
    result = runner.invoke(cli, ["geoparse", str(lines), "--format", "jsonl", "--config",
                                 str(config)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.strip().splitlines())
    assert first["id"] == "a" and second == {"id": "b", "toponyms": []}
    palmyra = first["toponyms"][0]
    assert (palmyra["start"], palmyra["end"], palmyra["geonameid"]) == (2, 9, 172408)


@pytest.mark.skipif(not TR_NEWS.exists(), reason="../shared/eval is not beside the repository")
def test_quality_gate_tr_news(geo: GeoResources) -> None:
    """Pinned at the figures reached; they may only go up (issue target: 0.92 and 0.86)."""
    scores = evaluate_geo(TR_NEWS, lambda text, address: geoparse(text, geo, address))
    assert scores.accuracy_161 >= 0.92
    assert scores.exact_id >= 0.886
    assert scores.recall >= 0.955 and scores.precision >= 0.829


@pytest.mark.parametrize(("address", "country"), [
    ("https://www.cbc.ca/news/canada/london/story", "CA"),
    ("www.independent.co.uk", "GB"),
    ("http://www.abc.net.au/news/2016", "AU"),
    ("www.chinapost.com.tw", "TW"),
    ("https://www.reuters.com/world", None),
    ("https://bit.ly/3xYz", None),  # a country code sold for its letters
    ("ctv.news", None),
    ("", None),
    (None, None),
])
def test_the_outlets_country_from_its_domain(address: str | None, country: str | None) -> None:
    assert outlet_country(address) == country


def test_the_outlets_country_picks_among_namesakes(geo: GeoResources) -> None:
    """A Canadian paper's "London" is London, Ontario; without the address, London, England."""
    text = "Police in London said a man was arrested after a stabbing downtown on Friday."
    assert _resolved(text, "London", geo).place.country == "GB"
    found = [t for t in geoparse(text, geo, "https://www.cbc.ca/news") if t.text == "London"]
    assert found[0].place.country == "CA"


def test_places_named_through_local_institutions_and_residents(geo: GeoResources) -> None:
    text = ("Mason charged after crash. BANTAM — A stonemason was arrested by Danbury police on "
            "Monday, and Paul Block, 49, of Waterloo, was charged by the Enfield Council. "
            "Turkish-Russian talks resumed.")
    found = {t.text: t.kind for t in geoparse(text, geo)}
    assert {"Bantam", "Danbury", "Waterloo", "Enfield"} <= set(found)
    assert found["Turkish"] == found["Russian"] == "demonym"
    assert "Paul Block" not in found and "Mason" not in found


def test_the_countrys_capital_named_by_its_adjective(extraction: ExtractResources) -> None:
    for text in ("Gunmen attacked a police station in the Sudanese capital on Monday, killing two "
                 "officers.",
                 "Gunmen attacked a police station in Sudan's capital on Monday, killing two "
                 "officers."):
        (event,) = extract_mentions(text, published=dt.date(2024, 5, 7),
                                    resources=extraction)
        assert (event.location, event.geo_precision) == ("Khartoum", 1), text


def test_another_fight_in_an_unknown_region_is_not_at_the_other_events_town(
        extraction: ExtractResources) -> None:
    """The gazetteer has no Darfur: the second clash stays at its country with its own name, not
    at Khartoum, where the article's first clash was."""
    text = ("Battles between the army and the RSF raged across Khartoum on Monday, residents said. "
            "Army units and RSF fighters also clashed in the western region of Darfur.")
    first, second = extract_mentions(text, published=dt.date(2023, 4, 17),
                                     resources=extraction)
    assert first.location == "Khartoum"
    assert (second.location, second.geo_precision) == ("Darfur", 3)


def test_the_article_fused_with_its_word_is_the_article() -> None:
    """"Deir Ezzor" is "Deir ez-Zor" at the loose level already; a name's first word keeps its
    doubled letter ("Addis Ababa" is no "Dis Ababa")."""
    assert keys("Deir Ezzor")[1] == keys("Deir ez-Zor")[1] == keys("Deir az-Zor")[1]
    assert keys("Addis Ababa")[1].startswith("adis")


@pytest.mark.parametrize(("text", "region", "admin1"), [
    ("Hezbollah fighters clashed with militants in Syria's Qalamoun mountains on Sunday.",
     "Qalamoun", "Rīf Dimashq"),
    ("Israeli aircraft hit Syrian army positions in the Golan Heights overnight, the monitor "
     "said.", "Golan Heights", "Al Qunayţirah"),
    ("Boko Haram fighters ambushed soldiers in the Sambisa Forest on Tuesday.",
     "Sambisa Forest", "Borno"),
])
def test_a_region_is_placed_at_its_province(extraction: ExtractResources, text: str,
                                             region: str, admin1: str) -> None:
    """Regions that are no division, which cities500 lacks: at the province they lie in, with
    the precision that says so and the name as written."""
    (event,) = extract_mentions(text, published=dt.date(2018, 3, 5), resources=extraction)
    assert (event.location, event.admin1, event.geo_precision) == (region, admin1, 3)


def test_every_region_names_a_division_of_the_gazetteer(geo: GeoResources) -> None:
    regions = load_data_file("regions.json")["regions"]
    gazetteer = geo.resolver.gazetteer
    for region in regions:
        row = gazetteer.row_of_admin(region["admin1"])
        assert row is not None, region
        for name in region["names"]:
            assert row in gazetteer.lookup(name), name


def test_the_province_after_an_epithet(extraction: ExtractResources) -> None:
    """"in Syria's oil-rich Deir Ezzor province": the epithet does not end the locative phrase."""
    text = ("Air strikes killed 47 people on Saturday in a town in Syrias oil-rich Deir Ezzor "
            "province, a monitor said.")
    (event,) = extract_mentions(text, published=dt.date(2016, 6, 25), resources=extraction)
    assert (event.admin1, event.geo_precision) == ("Dayr az Zawr", 3)


def test_a_head_noun_with_its_name_in_small_letters(extraction: ExtractResources) -> None:
    """"Deir ezzor": the small letters of the second word do not cut the name after "Deir"."""
    text = "US airstrikes killed 23 Syrian civilians in Deir ezzor on Wednesday, a monitor said."
    (event,) = extract_mentions(text, published=dt.date(2017, 12, 14), resources=extraction)
    assert (event.location, event.admin1) == ("Deir ezzor", "Dayr az Zawr")


def test_a_place_told_only_by_the_capital_near_it(extraction: ExtractResources) -> None:
    """A shrine the gazetteer lacks, "south of the Syrian capital": near the capital."""
    text = ("A car bomb killed eight people near Sayyeda Zeinab on Monday. The shrine lies south "
            "of the Syrian capital, where security is tight.")
    event = extract_mentions(text, published=dt.date(2016, 4, 25), country="SY",
                             resources=extraction)[0]
    assert (event.location, event.admin1, event.geo_precision) == ("Sayyeda Zeinab", "Dimashq", 2)
    # Where a speaker was is no place of the event, the capital no more than a town.
    spoken = ("A car bomb killed eight people near Sayyeda Zeinab on Monday. The interior "
              "minister, speaking in the Syrian capital, condemned the attack.")
    event = extract_mentions(spoken, published=dt.date(2016, 4, 25), country="SY",
                             resources=extraction)[0]
    assert event.geo_precision != 2 and event.admin1 != "Dimashq"


def test_one_name_is_one_place_in_an_article(extraction: ExtractResources) -> None:
    """The headline names Adra alone; the body says it is the Adra of Damascus countryside, so
    the headline's event is not put at a respelling in Daraa."""
    text = ("Army Kills Dozens of Militants in Adra Ambush. A Syrian army unit killed dozens of "
            "militants in an ambush on Wednesday southwest of the industrial city of Adra in "
            "Damascus countryside.")
    event = extract_mentions(text, published=dt.date(2013, 8, 7), country="SY",
                             resources=extraction)[0]
    assert event.admin1 == "Dimashq"


def test_a_division_named_with_its_nguni_prefix(extraction: ExtractResources) -> None:
    """"(eThekwini, KwaZulu-Natal)": the small prefix letter does not hide the division, which
    rules out the Chatsworth of the Western Cape."""
    text = ("On 8 May 2020, residents demonstrated against a cellphone tower in the area of "
            "Chatsworth (eThekwini, KwaZulu-Natal).")
    (event,) = extract_mentions(text, resources=extraction, country="ZA")
    assert (event.location, event.admin1) == ("Chatsworth", "Kwazulu-Natal")


def test_a_capitals_name_in_brackets_is_its_province_too(extraction: ExtractResources) -> None:
    """"La Plata (Buenos Aires)": the province of that name holds the town, which is not put at
    the capital; and a place in brackets after a capital is a part of the capital."""
    text = "On 9 May 2020, in La Plata (Buenos Aires), workers set fire to tyres outside a factory."
    (event,) = extract_mentions(text, country="AR", resources=extraction)
    assert (event.location, event.admin1, event.geo_precision) == ("La Plata", "Buenos Aires", 1)
    text = "On 4 May 2020, in Panama City (Bella Vista), residents protested over food aid."
    (event,) = extract_mentions(text, country="PA", resources=extraction)
    assert (event.location, event.geo_precision) == ("Panama City", 1)
    assert event.latitude is not None and abs(event.latitude - 8.99) < 0.1


@pytest.mark.parametrize(("country", "text", "location", "admin1", "point"), [
    # The name written again without its province is the town the article placed once.
    ("TR", "Saboteurs set fire to a paint factory in Tuzla industrial zone in Tuzla, Istanbul on "
     "Friday.", "Tuzla", "İstanbul", (40.85, 29.31)),
    # Names after commas that end in "and" are a list side by side, not a chain of containers.
    ("LB", "Protesters were beaten in custody after rallies in Sidon, Tripoli, Byblos and Zahle, "
     "a rights group said.", "Sidon", "Al Janūb", (33.56, 35.37)),
    # The town that owns a square the gazetteer lacks holds the event.
    ("IQ", "Hundreds of protesters burned tyres in Baghdad's central Tahrir Square on Sunday.",
     "Baghdad", "Baghdād", (33.34, 44.40)),
    # A division named by its word of kind is the division, not the capital that shares its name.
    ("BY", "Farmers rallied in Maladzyechna of the Minsk region on Tuesday.", "Maladzyechna",
     "Minskaja voblasć", (54.32, 26.85)),
    # A country inside an institution's name is no container of the places after it.
    ("PH", "Students protested at the University of the Philippines in Diliman, Quezon City on "
     "Monday.", "Quezon City", "National Capital Region", (14.65, 121.05)),
    # Indian news gives a town's state in brackets by its initials.
    ("IN", "Shopkeepers protested in Keylong in Lahaul Spiti (HP) on Monday.", "Keylong",
     "Himāchal Pradesh", (32.57, 77.02)),
    # Whose house it was ("the MP's") is no place.
    ("IN", "Workers rallied outside the MP's house in Siliguri (Darjeeling district, West Bengal) "
     "on Monday.", "Siliguri", "West Bengal", (26.71, 88.43)),
    # A street of a town is in the town.
    ("SY", "A bomb exploded on Tuesday in a busy street of Afrin, killing four people.", "Afrin",
     "Ḩalab", (36.51, 36.87)),
    # A ward the gazetteer lacks, in the town named after it.
    ("MM", "On Sunday an artillery shell hit a house in Kyauk Ywa ward, Mrauk-U town, Rakhine "
     "State, wounding two civilians.", "Kyauk Ywa", "Rakhine", (20.59, 93.19)),
    # "Arnissa of Pella": a village named with its regional unit.
    ("GR", "Far-right protesters blocked a road in Arnissa of Pella on Tuesday.", "Arnissa",
     "Kentrikí Makedonía", (40.80, 21.84)),
    # An office named with its town is in the town.
    ("MA", "Villagers marched to the Gendarmerie HQ of Issaguen (Hoceima) on Monday in protest "
     "at drug dealing.", "Issaguen", "Tanger-Tétouan-Al Hoceïma", (34.92, -4.57)),
    # The number of a sector stands between it and the places that hold it.
    ("TN", "Cyclists protested in Les Berges du Lac 2 (La Marsa, Tunis) on Thursday to demand "
     "bike lanes.", "Les Berges du Lac", "Tunis", (36.88, 10.32)),
])
def test_how_news_names_a_place_with_what_holds_it(
        extraction: ExtractResources, country: str, text: str, location: str, admin1: str,
        point: tuple[float, float]) -> None:
    (event,) = extract_mentions(text, country=country, resources=extraction)
    assert (event.location, event.admin1) == (location, admin1)
    assert event.latitude is not None and event.longitude is not None
    assert abs(event.latitude - point[0]) < 0.05 and abs(event.longitude - point[1]) < 0.05


def test_a_village_named_with_its_unit_is_not_the_units_town(extraction: ExtractResources) -> None:
    """"Panagitsa of Pella": the gazetteer lacks the village, and Pella the town is 50 km off;
    the event stays at its country's point with the precision that says so."""
    text = "Far-right protesters blocked a road in Panagitsa of Pella on Tuesday."
    (event,) = extract_mentions(text, country="GR", resources=extraction)
    assert (event.location, event.geo_precision) == ("Panagitsa of Pella", 3)


def test_a_site_in_a_town_is_coded_at_the_town(extraction: ExtractResources) -> None:
    """ACLED codes an event at a temple, a theatre or a ministry at its town, by the town's name
    and as precise as the town; and "the Fulani herding village of Ogossagou" names the
    village, not the people."""
    text = "Militants blew up much of the Temple of Bel in the ancient city of Palmyra on Sunday."
    (event,) = extract_mentions(text, country="SY", resources=extraction)
    assert (event.location, event.geo_precision, event.admin1) == ("Palmyra", 1, "Ḩimş")
    text = "Gunmen killed 30 people in the Fulani herding village of Ogossagou on Saturday."
    (event,) = extract_mentions(text, country="ML", resources=extraction)
    assert event.location == "Ogossagou"
