"""Put each event on the map: its place anchor (the toponym its clause points to, found by
`extract.places`) resolved with the whole article as context, and ACLED's geo_precision.

- 1: the event happened at the named town ("in Saraqeb");
- 2: near it, or in a part of it ("20 km east of Mosul", "on the outskirts of Kidal", "a village
  near Gao"): the coordinates are the named town's, as ACLED codes it;
- 3: only a division or a country is named ("in Idlib province"): its centre point. An event with
  no place at all is put at its country, with precision 3 and the country as location: the map
  shows where the article says the event happened as exactly as the article says it, no more.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import partial

from frontlines.extract.places import PlaceAnchor, container_after, containers_after, toponyms
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.recognise import abbreviation_row, in_a_headline, is_acronym
from frontlines.geo.resolve import (
    CLOSE_MATCH,
    DIVISION_WORD_END,
    NamedSpan,
    Resolver,
    haversine_km,
    is_landmark,
)
from frontlines.records import Place, Toponym

_RELATIVE = re.compile(
    r"(?:\b(?:near|outside|around|nearby|close to|on the outskirts of|the outskirts of|outskirts of|"
    r"on the road (?:between|from|to)|between|in the countryside of|countryside of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|northern|"
    r"southern|eastern|western) of|a (?:village|town|district|suburb|neighbou?rhood) (?:near|of|in)|"
    r"villages? (?:near|around|outside)|(?:km|kilometres|kilometers|miles) (?:from|outside))"
    r"\s+(?:the\s+)?(?:(?:city|town|village|province|district) of\s+)?)$", re.IGNORECASE)
# Words that make the named place a region around or part of a town: "northern Aleppo", "the
# Aleppo countryside", "rural Damascus".
_REGION_OF = re.compile(r"\b(?:northern|southern|eastern|western|rural|central)\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(r"^\s+(?:countryside|outskirts|suburbs|area|region)\b", re.IGNORECASE)
_DIVISION_AFTER = re.compile(r"^\s+(?:province|governorate|region|state|district|county|oblast)\b",
                             re.IGNORECASE)
# A city's neighbourhood, as news from Latin America, the Philippines and the Arab world names
# it: "Colonia Libertad", "Barangay Lawa", "the Bom Jardim neighbourhood", "the Basmane quarter".
_NEIGHBOURHOOD_BEFORE = re.compile(r"\b(?:Colonia|Barangay|Barrio|Bairro|Fraccionamiento)\s+(?:\S+\s+)?"
                                   r"\S$")
_NEIGHBOURHOOD_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter|suburb|community)\b", re.IGNORECASE)
_NEIGHBOURHOOD_REACH = 250  # characters: the town is named in the same or the previous sentence
_COUNTRIES = ("PCLI", "PCLD", "PCLS", "PCLF", "PCLIX")
_DIVISIONS = ("ADM1", "ADM2", "ADM3", *_COUNTRIES, "CONT", "RGN")


@dataclass(frozen=True, slots=True)
class EventPlace:
    place: Place
    geo_precision: int
    location: str  # ACLED's location column


def place_events(text: str, anchors: Sequence[PlaceAnchor | None],
                 context: Sequence[PlaceAnchor], countries: Counter[str],
                 fallback_countries: Sequence[str | None], resolver: Resolver,
                 landmarks_abroad: bool = True) -> list[EventPlace | None]:
    """The place of each event: `anchors[k]` is event k's place anchor (or None), `context` the
    article's other toponyms, `countries` the country words it uses, `fallback_countries[k]` the
    country event k happened in when it names no place. A place resolved to a country the
    article never points to is not trusted: the gazetteer lacks many small towns (Palma in
    Mozambique), and a namesake abroad (Palma de Mallorca) is a worse answer than the country.
    A capital or a city of a million is believed anyway ("a drone strike in Kabul" in a story that
    never names Afghanistan), unless `landmarks_abroad` is off: the caller said which country the
    events are in."""
    spans: list[NamedSpan] = []
    index_of: dict[tuple[int, int], int] = {}
    # Every place the article introduces with a locative phrase, beyond its events' clauses: an
    # event told without a place of its own ("A man was arrested.") happened where the article
    # said it was ("On 2 May, in Sobradinho, police dismantled a lab.").
    known = {(p.start, p.end) for p in context}
    article = headline_names(text, [*context, *(p for p in toponyms(text, 0, len(text), [], [])
                                                if (p.start, p.end) not in known)],
                             resolver.gazetteer, set(countries))
    # "protested in Jarablus in Aleppo": the anchor read before the trigger is the larger place
    # the smaller one just before it lies in; the event is at the smaller one.
    anchors = [_inner_place(text, anchor, article) for anchor in anchors]
    # The larger places named after each ("Karakai (Bungudu LGA, Zamfara)"), smallest first.
    chain_of = {(p.start, p.end): containers_after(text, p)
                for p in [*anchors, *article] if p is not None}
    container_of = {key: chain[0] if chain else None for key, chain in chain_of.items()}
    # One name, one place: "an arson attack in Tuzla industrial zone in Tuzla, Istanbul" says
    # which Tuzla once, and the name written again without its province is the same town.
    container_by_name: dict[str, PlaceAnchor] = {}
    for place in [*anchors, *article]:
        if place is not None and container_of.get((place.start, place.end)) is not None:
            container_by_name.setdefault(place.text, container_of[(place.start, place.end)])
    for anchor in [*anchors, *article, *(c for chain in chain_of.values() for c in chain)]:
        if anchor is None or (anchor.start, anchor.end) in index_of:
            continue
        # "US", "U.S.", "Ky." name their country or state; any other short acronym ("IS",
        # "UN") is no place, though villages bear such names ("Us" in Russia).
        fixed = abbreviation_row(text, anchor.start, anchor.text, resolver.gazetteer)
        if fixed is None and is_acronym(anchor.text):
            continue
        index_of[(anchor.start, anchor.end)] = len(spans)
        after = text[anchor.end:anchor.end + 30]
        before = text[max(0, anchor.start - 50):anchor.start]
        # "Sao Goncalo, Rio de Janeiro", "Pulluvila village (Thiruvananthapuram district)": the
        # larger place named beside it says which of the namesakes it is.
        outer = container_of.get((anchor.start, anchor.end)) or \
            container_by_name.get(anchor.text)
        spans.append(NamedSpan(anchor.start, anchor.end, anchor.text,
                               division=bool(_DIVISION_AFTER.match(after) or
                                             DIVISION_WORD_END.search(anchor.text)),
                               town=bool(re.search(r"\b(?:city|town|village) of\s+$", before)),
                               within=DIVISION_WORD_END.sub("", outer.text)
                               if outer is not None else None, fixed=fixed,
                               within_row=abbreviation_row(text, outer.start, outer.text,
                                                           resolver.gazetteer)
                               if outer is not None else None))
    resolved = resolver.resolve(spans, countries) if spans else []
    # One name, one place: "an ambush southwest of Adra in Damascus countryside" tells which Adra
    # the headline's "Adra Ambush" is, though the headline names no province. (The name as
    # resolved: a headline's run is cut to its place by then.)
    chain_by_name: dict[str, list[PlaceAnchor]] = {}
    for place in article:
        if chain_of.get((place.start, place.end)):
            chain_by_name.setdefault(place.text, chain_of[(place.start, place.end)])

    def chain_for(anchor: PlaceAnchor | None) -> list[PlaceAnchor]:
        if anchor is None:
            return []
        at = index_of.get((anchor.start, anchor.end))
        name = resolved[at].text if at is not None else anchor.text
        return chain_of[(anchor.start, anchor.end)] or chain_by_name.get(name, [])

    chains = [chain_for(anchor) for anchor in anchors]
    placed: list[EventPlace | None] = []

    def trusted(anchor: PlaceAnchor | None, required: str | None = None) -> Toponym | None:
        at = index_of.get((anchor.start, anchor.end)) if anchor is not None else None
        toponym = resolved[at] if at is not None else None
        if toponym is None or toponym.place is None:
            return None
        if countries and not countries[toponym.place.country or ""] and \
                not (landmarks_abroad and is_landmark(toponym.place)):
            return None
        if required is not None and toponym.place.country != required:
            # The caller said which country the events are in: "Moscow" in a story about
            # Russian air strikes in Syria is where a statement came from, and a namesake
            # abroad is a worse answer than the country.
            return None
        return toponym

    checks = [partial(trusted, required=None if landmarks_abroad else country)
              for country in fallback_countries]
    wheres = [_place_one(text, anchor, chain, country, context, check, resolver)
              for anchor, chain, country, check in zip(anchors, chains, fallback_countries, checks,
                                                       strict=True)]
    for number, (anchor, where, check) in enumerate(zip(anchors, wheres, checks, strict=True)):
        narrowed = _narrowed_to_article(text, anchor, where, article, chain_of, check,
                                        resolver.gazetteer)
        others = {w.place.geonameid for n, w in enumerate(wheres) if n != number and w is not None}
        if narrowed is not where and narrowed is not None and \
                narrowed.place.geonameid in others and _another_place(text, anchor) and \
                _names_unknown_region(text, anchor, index_of, resolved):
            # "Battles raged across Khartoum ... Army units and RSF fighters also clashed in the
            # western region of Darfur", a region the gazetteer lacks: the clause says the fight
            # was another, elsewhere ("also", "elsewhere"), so it is not in the town where the
            # article's other event happened; its country, with the name as written, is nearer
            # the truth. (Without such a word, a region is mostly the one around that town: "a
            # nerve gas attack on Syria's Ghouta region" ... Damascus.)
            narrowed = where
        placed.append(narrowed)
    return placed


def headline_names(text: str, places: Sequence[PlaceAnchor], gazetteer: Gazetteer,
                   countries: Collection[str]) -> list[PlaceAnchor]:
    """`places` with the names of title-case headlines cut to the place they name, and the runs
    that name none left out (see `geo.recognise.in_a_headline`)."""
    kept = []
    for place in places:
        trimmed = in_a_headline(text, place.start, place.end, gazetteer, countries)
        if trimmed is not None:
            kept.append(replace(place, start=trimmed[0], end=trimmed[1],
                                text=text[trimmed[0]:trimmed[1]]))
    return kept


# Words that tell an event apart from the one told before, and so its place too.
_ANOTHER = re.compile(r"\b(?:also|elsewhere|separately)\b", re.IGNORECASE)
_ANOTHER_REACH = 120  # characters before the anchor, within its sentence


def _another_place(text: str, anchor: PlaceAnchor | None) -> bool:
    """Whether the anchor's sentence says, before it, that this is another event ("also clashed
    in", "elsewhere")."""
    if anchor is None:
        return False
    before = text[max(0, anchor.start - _ANOTHER_REACH):anchor.start]
    before = re.split(r"[.!?]\s", before)[-1]
    return _ANOTHER.search(before) is not None


_REGION_BEFORE = re.compile(r"\bregions? of\s+$", re.IGNORECASE)
_REGION_NAMED_AFTER = re.compile(r"\s+region\b", re.IGNORECASE)


def _names_unknown_region(text: str, anchor: PlaceAnchor | None,
                          index_of: dict[tuple[int, int], int], resolved: Sequence[Toponym]) -> bool:
    """Whether a locative phrase of the event's clause names a region ("the western region of
    Darfur", "the Kordofan region") that the gazetteer has no entry for under that name."""
    if anchor is None or anchor.rule != "locative phrase":
        return False
    at = index_of.get((anchor.start, anchor.end))
    if at is None or resolved[at].place is not None:
        return False
    return _REGION_BEFORE.search(text, max(0, anchor.start - 30), anchor.start) is not None or \
        _REGION_NAMED_AFTER.match(text, anchor.end) is not None


def _first_known(chain: Sequence[PlaceAnchor],
                 trusted: Callable[[PlaceAnchor | None], Toponym | None], gazetteer: Gazetteer,
                 ) -> tuple[PlaceAnchor | None, Toponym | None]:
    """The first place of a chain of containers that the gazetteer has and the article can be
    trusted on: "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)" is placed at
    Mayo-Sava when the gazetteer lacks Kolofata. A town known only by a loose respelling
    ("Panchmahal" for a village of West Bengal) is skipped: it would overrule a town the
    gazetteer has by name."""
    for number, container in enumerate(chain):
        toponym = trusted(container)
        if toponym is not None and toponym.place is not None:
            row = gazetteer.row_of(toponym.place.geonameid)
            if toponym.place.feature_class == "P" and row is not None and \
                    gazetteer.lookup(toponym.text).get(row, 0.0) < CLOSE_MATCH:
                continue
            larger = trusted(chain[number + 1]) if number + 1 < len(chain) else None
            if larger is not None and larger.place is not None and \
                    larger.place.feature_class == "P" and not _lies_in(toponym.place, larger.place):
                # "in Diliman, Quezon City": a namesake of the district elsewhere is not in the
                # city named after it; the city holds the place.
                continue
            return container, toponym
    return (chain[0] if chain else None), None


def _place_one(text: str, anchor: PlaceAnchor | None, chain: Sequence[PlaceAnchor],
               country: str | None, context: Sequence[PlaceAnchor],
               trusted: Callable[[PlaceAnchor | None], Toponym | None],
               resolver: Resolver) -> EventPlace | None:
    """The place of one event, from its own clause: its anchor, the larger place named beside
    it, a town of its sentence, else its country."""
    town = _town_of_neighbourhood(text, anchor, context, trusted)
    if town is not None:
        # ACLED codes an event in a city's neighbourhood at the city, as precise as the
        # city itself; neighbourhood names repeat from town to town ("Colonia Libertad").
        return EventPlace(town.place, 1, town.text)
    toponym = trusted(anchor)
    if toponym is not None and anchor is not None and _FACILITY_NAME.search(anchor.text):
        # "in Trelew, ... gathered in the Independence Square", "at Maharajganj Bazaar in the
        # Agartala city": a square, park, hospital or market is named for a person, a date or a
        # quarter, and a town elsewhere bears that name; the event is in the town its sentence
        # names. ACLED codes an event at a site inside a town at the town, as precise as the
        # town itself.
        town = _town_in_sentence(text, anchor, [p for p in context if p != anchor], trusted)
        if town is not None:
            return EventPlace(town.place, 1, town.text)
    town = _town_before(text, anchor, context, trusted)
    if toponym is not None and town is not None and \
            _namesake_elsewhere(toponym, town, resolver.gazetteer):
        # "In Zapopan, Jalisco, ... remains were found in Jardines de los Belenes": a
        # neighbourhood or street the gazetteer lacks, whose name a small or loosely matching
        # place far off bears; the event is in or near the town its sentence began with.
        return EventPlace(town.place, 2, anchor.text if anchor is not None else town.text)
    container, outer = _first_known(chain, trusted, resolver.gazetteer)
    if toponym is not None and _fits(text, anchor, toponym, container, outer):
        # The name as the article writes it ("Kobani"), not GeoNames' transliteration of the
        # local one ("Ayn al Arab"): the geonameid is what ties reports of one place together.
        return EventPlace(toponym.place, _precision(text, anchor, toponym.place), toponym.text)
    if anchor is not None and outer is not None and \
            outer.place.feature_code not in ("PCLI", "CONT"):
        # A district, village or camp the gazetteer lacks, in a place it has ("the Tariq
        # al-Bab district of Aleppo"): ACLED's coders place such an event at the larger
        # place, as "part of" or "near" it, and keep the small place's name as its location.
        precision = 3 if _is_division(outer.place) else 2
        if precision == 2 and (_FACILITY_NAME.search(anchor.text) or _FACILITY.search(anchor.text)
                               or _FACILITY_NEXT.match(text, anchor.end)):
            # "the Temple of Bel in the ancient city of Palmyra", "at the Colon Theatre in
            # Bogota": a site inside a town is coded at the town, by its name, as precise as
            # the town itself.
            return EventPlace(outer.place, 1, outer.text)
        return EventPlace(outer.place, precision, anchor.text)
    town = _town_in_sentence(text, anchor, context, trusted)
    if anchor is not None and town is not None:
        # "a protest outside the Geo office on Murree road in Rawalpindi": a building,
        # street or hamlet the gazetteer lacks, in the town its sentence names.
        small_place = not _FACILITY.search(text, anchor.start, min(len(text), anchor.end + 25))
        return EventPlace(town.place, 2, anchor.text if small_place else town.text)
    country_row = resolver.gazetteer.row_of_country(country) if country else None
    if country_row is None:
        return None
    place = resolver.gazetteer.place(country_row)
    # A name the gazetteer lacks ("the Bab al-Hawa crossing") stays the location, as written,
    # placed at its country's point with the precision that says so.
    return EventPlace(place, 3, anchor.text if anchor is not None else place.name)


# A place where something was said, not done: "speaking in Kinshasa", "told reporters in
# Geneva", "officials in Moscow said".
_SPEECH_BEFORE = re.compile(r"\b(?:speaking|spoke|said|says|told (?:reporters|journalists)|"
                            r"announced|statement|(?:news|press) conference|briefing|interview)"
                            r"\s+(?:\w+\s+){0,2}(?:in|from|at)\s+(?:the\s+)?$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told)\b")


def _narrowed_to_article(text: str, anchor: PlaceAnchor | None, where: EventPlace | None,
                         context: Sequence[PlaceAnchor],
                         chains: dict[tuple[int, int], list[PlaceAnchor]],
                         trusted: Callable[[PlaceAnchor | None], Toponym | None],
                         gazetteer: Gazetteer) -> EventPlace | None:
    """An event placed only at its country ("air strikes in Syria killed 32", a headline's
    "Syria", a demonym) where the article goes on to name a town or a province of that country
    ("the strikes hit the town of Ariha"): news states the country first and the place after,
    and the event is at that place. The place named next after the anchor wins, else the
    nearest one before it; precision 2 for a town (the event's own clause does not name it),
    3 for a division. An anchor that names "the <country's> capital" is the capital."""
    if where is None or where.place.feature_code not in _COUNTRIES:
        return where
    country = where.place.country
    capital = _capital_named(text, anchor, country, gazetteer)
    if capital is not None:
        return capital
    start = anchor.start if anchor is not None else 0
    after = sorted((p for p in context if p.start >= start), key=lambda p: p.start)
    before = sorted((p for p in context if p.start < start), key=lambda p: -p.start)
    for place in [*after, *before]:
        if _SPEECH_BEFORE.search(text, max(0, place.start - 60), place.start) or \
                _SPEECH_AFTER.match(text, place.end):
            continue  # "the spokesman, speaking in Kinshasa, said": where words were said
        capital = _capital_named(text, place, country, gazetteer)
        if capital is not None:
            # "a car bomb near the shrine of Sayyeda Zeinab south of the Syrian capital": the
            # capital named by its country's adjective is a place the article names.
            return replace(capital, geo_precision=2, location=anchor.text) \
                if anchor is not None else capital
        toponym = trusted(place)
        container, outer = _first_known(chains.get((place.start, place.end), []), trusted,
                                        gazetteer)
        if outer is not None and (outer.place.feature_code in _COUNTRIES or
                                  outer.place.feature_code == "CONT" or
                                  (toponym is not None and
                                   _fits(text, place, toponym, container, outer))):
            outer = None
        if outer is not None:
            # "the village of Tall Tawil in Hasakeh province": as for the event's own anchor,
            # the larger place named beside it rules out a namesake elsewhere.
            toponym = outer
        if toponym is None or toponym.place.country != country or \
                toponym.place.feature_code in _COUNTRIES or toponym.place.feature_code == "CONT":
            continue
        precision = 3 if _is_division(toponym.place) else 2
        return EventPlace(toponym.place, precision, place.text)
    return where


# "a rare assault on the Malian capital", "in the Sudanese capital": news names a capital by its
# country's adjective once the story has named it, or instead of naming it.
_CAPITAL_AFTER = re.compile(r"['’]?s?\s+capital\b(?!\s+(?:of|city of)\b)", re.IGNORECASE)


def _capital_named(text: str, anchor: PlaceAnchor | None, country: str | None,
                   gazetteer: Gazetteer) -> EventPlace | None:
    """The capital an anchor names as "the <country's> capital", as precise as a town."""
    if anchor is None or country is None or not _CAPITAL_AFTER.match(text, anchor.end):
        return None
    row = gazetteer.row_of_capital(country)
    if row is None:
        return None
    place = gazetteer.place(row)
    return EventPlace(place, 1, place.name)


def _inner_place(text: str, anchor: PlaceAnchor | None,
                 places: Sequence[PlaceAnchor]) -> PlaceAnchor | None:
    """The place just before `anchor` that the text says lies in it ("Jarablus in Aleppo",
    "Badah, Larkana"), else `anchor`."""
    if anchor is None:
        return None
    for place in places:
        if place.end <= anchor.start and anchor.start - place.end <= _CONTAINER_GAP:
            outer = container_after(text, place)
            if outer is not None and (outer.start, outer.end) == (anchor.start, anchor.end):
                return place
    return anchor


# A town lies in a larger town it is named with when it is this close, or in its division.
_SAME_TOWN_KM = 40.0
_CONTAINER_GAP = 40  # characters between a place and the larger one named after it


_NEARNESS = re.compile(r"\b(?:near|outside|outskirts|edge)\b", re.IGNORECASE)


def _says_within(text: str, place: PlaceAnchor | None, container: PlaceAnchor | None) -> bool:
    """Whether the words between a place and the larger one after it say it lies in it ("Idlib,
    Syria", "the Tariq al-Bab district of Aleppo"), not only near it ("Idlib near Aleppo")."""
    return place is not None and container is not None and \
        not _NEARNESS.search(text, place.end, container.start)


# Words that make a place part of the town named after it: "the Shehpur area of Ahmedabad city",
# "the Ndaba neighbourhood of Kolofata".
_PART_OF = re.compile(r"\b(?:area|neighbou?rhood|quarter|suburb|sector|district|ward|locality)"
                      r"\s+(?:of|in)\b", re.IGNORECASE)
# How far from a division's centre point a town the gazetteer files under another may lie.
_BORDER_KM = {"ADM1": 150.0, "ADM2": 50.0}
_NEAR_KM = 100.0  # "Hamirpur village near Rapar town": a namesake farther off is another place


def _fits(text: str, anchor: PlaceAnchor | None, toponym: Toponym,
          container: PlaceAnchor | None, outer: Toponym | None) -> bool:
    """Whether the place `anchor` resolved to agrees with the larger place named after it."""
    if outer is None or container is None or anchor is None or toponym.place is None:
        return True
    place, larger = toponym.place, outer.place
    distance = haversine_km(place.latitude, place.longitude, larger.latitude, larger.longitude)
    if not _says_within(text, anchor, container):
        # "Idlib near Aleppo": near it, not in it; but not a namesake in another province.
        return place.admin1 == larger.admin1 or distance <= _NEAR_KM
    if larger.feature_class == "P" and _PART_OF.search(text, anchor.end, container.start) and \
            not _DIVISION_AFTER.match(text[container.end:container.end + 30]):
        # A part of a town is in that town, not a namesake elsewhere in its province.
        return place.country == larger.country and distance <= _SAME_TOWN_KM
    if _lies_in(place, larger):
        return True
    if place.feature_code == "PPLC" and larger.feature_class == "P":
        # "Panama City (Bella Vista)", "Tripoli (Ain Zara)": a town named after a country's
        # capital is a part of it, not the place that holds it.
        return True
    if any(_is_division(other) and _lies_in(place, other) for other in outer.candidates):
        # "La Plata (Buenos Aires)": the name of a capital is its province's too, and a town
        # in that province is in the province the name stands for.
        return True
    # The packaged gazetteer ties towns to divisions coarsely (a border town filed under the
    # neighbouring province): a town near the division with no namesake in the country is the
    # one meant.
    reach = _BORDER_KM.get(larger.feature_code or "")
    return reach is not None and distance <= reach and place.country == larger.country and \
        not any(other.country == place.country and other.geonameid != place.geonameid
                for other in toponym.candidates)


def _lies_in(place: Place, outer: Place) -> bool:
    """Whether `place` lies in `outer`, as far as the gazetteer tells: the same country, the
    same first- or second-level division, or a town nearby."""
    if place.country != outer.country:
        return False
    if outer.feature_code in _COUNTRIES or outer.feature_code == "CONT":
        return True
    if outer.feature_code == "ADM2":
        return place.admin2 == outer.admin2 or place.geonameid == outer.geonameid
    if _is_division(outer):
        return place.admin1 == outer.admin1
    return place.admin1 == outer.admin1 or haversine_km(
        place.latitude, place.longitude, outer.latitude, outer.longitude) <= _SAME_TOWN_KM


def _town_of_neighbourhood(text: str, anchor: PlaceAnchor | None,
                           context: Sequence[PlaceAnchor],
                           trusted: Callable[[PlaceAnchor], Toponym | None]) -> Toponym | None:
    """The town named shortly before a neighbourhood ("in Fortaleza, Ceara, ... in the Bom Jardim
    neighbourhood"), if `anchor` names one."""
    if anchor is None:
        return None
    before = _NEIGHBOURHOOD_BEFORE.search(text, max(0, anchor.start - 40), anchor.start + 1)
    if not before and not _NEIGHBOURHOOD_AFTER.match(text, anchor.end):
        return None
    before = [place for place in sorted(context, key=lambda p: -p.start)
              if place.end <= anchor.start and anchor.start - place.end <= _NEIGHBOURHOOD_REACH]
    return _first_town(before, trusted)


# A building or site names no settlement: the town is the location ("the Geo office").
_FACILITY = re.compile(r"\b(?:office|offices|hospital|clinic|bank|building|mosque|church|temple|"
                       r"school|university|college|square|market|bazaar|station|terminal|airport|"
                       r"prison|jail|hotel|stadium|factory|mall|cemetery|mission|headquarters|"
                       r"compound|palace|court|ministry|embassy|residence|theat(?:re|er))\b",
                       re.IGNORECASE)
# "the Byblos Bank branch", "the Ghazi Barotha power station": the site's own word after its name.
_FACILITY_NEXT = re.compile(rf"\s+(?:[\w'-]+\s+)?{_FACILITY.pattern}", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# A named site: its name tells nothing of which town it is in.
_FACILITY_NAME = re.compile(r"\b(?:Square|Park|Plaza|Bazaar|Market|Street|Avenue|Centre|Center|"
                            r"Hospital|Clinic|Prison|Jail|Stadium|University|College|School|"
                            r"Airport|Station|Congress|Parliament|Palace|Mosque|Church|Cathedral|"
                            r"Hotel|Mall|Cemetery)\b")
_TOWN_REACH = 160  # characters either side of the anchor, within its sentence


def _town_in_sentence(text: str, anchor: PlaceAnchor | None, context: Sequence[PlaceAnchor],
                      trusted: Callable[[PlaceAnchor], Toponym | None]) -> Toponym | None:
    """The nearest town the anchor's sentence names and the gazetteer holds."""
    if anchor is None:
        return None
    nearby = []
    for place in context:
        gap = (place.end, anchor.start) if place.end <= anchor.start else (anchor.end, place.start)
        if gap[1] - gap[0] > _TOWN_REACH or gap[1] < gap[0] or \
                _SENTENCE_END.search(text, gap[0], gap[1]):
            continue
        nearby.append((gap[1] - gap[0], place))
    return _first_town([place for _, place in sorted(nearby, key=lambda item: item[0])], trusted)


def _town_before(text: str, anchor: PlaceAnchor | None, context: Sequence[PlaceAnchor],
                 trusted: Callable[[PlaceAnchor], Toponym | None]) -> Toponym | None:
    """The nearest town named before the anchor in its sentence, which the gazetteer holds."""
    if anchor is None:
        return None
    before = [place for place in sorted(context, key=lambda p: -p.start)
              if place.end <= anchor.start and place.text != anchor.text
              and not _SENTENCE_END.search(text, place.end, anchor.start)]
    return _first_town(before, trusted)


def _namesake_elsewhere(toponym: Toponym, town: Toponym, gazetteer: Gazetteer) -> bool:
    """Whether the anchor's place is only a namesake of the place meant: a village or a loose
    match of its name lying farther than a nearby town from the town the sentence named first,
    in the same country. A town of its own size or an exact name stands ("in Aleppo ..., while
    in Idlib")."""
    place = toponym.place
    if place is None or town.place is None or place.country != town.place.country or \
            place.feature_code in _COUNTRIES or place.feature_code == "ADM1" or \
            place.geonameid == town.place.geonameid:
        return False
    if haversine_km(place.latitude, place.longitude, town.place.latitude,
                    town.place.longitude) <= _NEAR_KM:
        return False
    row = gazetteer.row_of(place.geonameid)
    loose = row is None or gazetteer.lookup(toponym.text).get(row, 0.0) < CLOSE_MATCH
    return loose or place.population < _SMALL_TOWN


_SMALL_TOWN = 15_000  # people: a place this small is one of many of its name


def _first_town(places: Sequence[PlaceAnchor],
                trusted: Callable[[PlaceAnchor], Toponym | None]) -> Toponym | None:
    """The first of `places` that resolves to a populated place the article can be trusted on."""
    for place in places:
        toponym = trusted(place)
        if toponym is not None and toponym.place.feature_class == "P":
            return toponym
    return None


def _is_division(place: Place) -> bool:
    return place.feature_code in _DIVISIONS or place.feature_class == "A"


def _precision(text: str, anchor: PlaceAnchor | None, place: Place) -> int:
    if _is_division(place):
        return 3
    if anchor is None:
        return 1
    before = text[max(0, anchor.start - 60):anchor.start]
    after = text[anchor.end:anchor.end + 20]
    if _RELATIVE.search(before) or _REGION_OF.search(before) or _REGION_AFTER.match(after):
        return 2
    return 1
