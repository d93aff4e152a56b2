"""Which place a name means: each toponym's gazetteer candidates ranked by what a reader would use.

A reader of "shelling hit Palmyra" in a story about Homs knows it is the Syrian Palmyra; of
"Palmyra, N.Y." the town in New York. The evidence, as a score per candidate:
- how well the name matches (the place's own name beats an alternate; see `names`);
- how big and how important the place is: population, and a country, a capital or a province over
  a village of the same name ("Tripoli" alone is Libya's capital);
- the article's countries: those named in it, its demonyms ("Syrian troops"), and the countries of
  its other places that are not in doubt;
- a co-mentioned division or country right after the name ("Saraqeb, Idlib", "Palmyra, New York");
- the word that follows the name: "Aleppo province" is the province, "the city of Aleppo" the town;
- nearness to the article's other places: news reports places of one story close to each other.

The resolver first ranks every toponym without nearness, then again with it, measured to the first
choices of the other names. A name with no candidate stays unresolved with an empty list; one whose
best candidate scores poorly stays unresolved with its candidates listed, and neither stops the
others from resolving.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from frontlines.extract.nlp import stop_words
from frontlines.extract.places import HEAD_NOUNS, LANDMARK_POPULATION, NAME_PARTICLES
from frontlines.geo.gazetteer import ALTERNATE_PENALTY, Gazetteer
from frontlines.records import Place, Toponym

_FEATURE_PRIOR = {"PCLI": 1.6, "CONT": 1.0, "ADM1": 1.1, "PPLC": 0.6, "ADM2": 0.1}
_MIN_SCORE = 0.9
_MIN_LOOSE_LENGTH = 6
_CANDIDATES_SHOWN = 3
# A place inside a longer name counts when it is a country, a division or a town this big.
INNER_MIN_POPULATION = 15_000
# A division's main town has at least half its biggest town's people, or a tenth of its own.
_MAIN_TOWN_SHARE = 0.5
_MAIN_TOWN_SHARE_OF_PEOPLE = 10
CLOSE_MATCH = 0.85  # the name itself or its loose spelling; below that only the skeleton matches
_INSTITUTION = re.compile(r"\b(?:HQ|Headquarters|Offices?|Building|Police|Gendarmerie|Court|"
                          r"Council|Municipality|Governorate|University|Hospital|Prison|Palace|"
                          r"Ministry|Directorate|Bank|Airport|Mosque|Church|Cathedral|School|"
                          r"College|Command|Base|Station|Barracks)\b")
_POSSESSIVE = re.compile(r"['’]s$")
_PARTICLES = frozenset(NAME_PARTICLES) - {"of"}  # "Bank of America": "of" joins no place name
# Direction words alone: "Far North" is a Cameroonian region, but inside "Far North Queensland"
# the place is Queensland.
ONLY_DIRECTIONS = re.compile(r"^(?:(?:Far|North|South|East|West|Northern|Southern|Eastern|Western|"
                             r"Central|Middle|Upper|Lower)[ -]?)+$")
# Words that open Arabic, Hebrew and Turkish place names as a common noun ("hill", "village",
# "monastery", "spring", "well", "mount", "caravanserai", "gate"): inside "Tall Tawil" the word
# "Tall" is not the town of that name.
# (The nouns that also take a small-letter word after them are places.HEAD_NOUNS.)
_GENERIC_FIRST_WORDS = frozenset({
    "tall", "tel", "kefr", "dair", "ain", "ayn", "bir", "khan", "ras", "beit", "bayt", "bait", "umm",
    "abu", "bab", "qasr", "mazraat", "sheikh", "shaykh", "maarat", "hisn", "marj",
}) | {noun.casefold() for noun in HEAD_NOUNS}
# Particles that are English words too bind only with a hyphen ("as-Sham", not "Aleppo as").
_ENGLISH_PARTICLES = frozenset({"as", "at", "an", "do"})


@dataclass(frozen=True, slots=True)
class NamedSpan:
    """A toponym to resolve: its span, and what the words around it say about its kind."""

    start: int
    end: int
    text: str
    division: bool = False  # "Idlib province", "the province of Idlib"
    town: bool = False  # "the city of Aleppo"
    within: str | None = None  # "Saraqeb, Idlib": the name of the division or country after it
    fixed: int | None = None  # the gazetteer row when the words leave no choice ("Ky.", "Syrian")
    kind: str = "place"  # or "demonym"
    within_row: int | None = None  # the row of the place after the comma, when its words fix it
    container: bool = False  # named after a town and a comma: "Ada, Oklahoma", "Aleppo, Syria"
    list_id: int | None = None  # the names of one list ("Montana and Wyoming") share a number


@dataclass(slots=True)
class _Choice:
    span: NamedSpan
    candidates: dict[int, float]  # row -> name-match quality
    ranked: list[tuple[float, int]]


EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._within_cache: dict[str, dict[int, float]] = {}

    def resolve(self, spans: Sequence[NamedSpan], countries: Counter[str] | None = None,
                ) -> list[Toponym]:
        """Resolve the toponyms of one text. `countries` counts the countries the text names
        by country name or demonym (ISO alpha-2)."""
        gazetteer = self.gazetteer
        context = Counter(countries or {})
        named_countries = {country for country, count in context.items() if count > 0}
        choices = [self._choice(span, named_countries) for span in spans]
        # Places beyond doubt vote for their country: a country's name, or a name whose exact
        # matches all lie in one country.
        for choice in choices:
            exact = [r for r, q in choice.candidates.items() if q == 1.0]
            countries_of = {gazetteer.place(r).country for r in exact}
            if len(countries_of) == 1 and None not in countries_of:
                context[countries_of.pop()] += 1
        for choice in choices:
            choice.ranked = self._rank(choice, context, [], set())
        first_picks = [(c.span.text, c.ranked[0][1]) for c in choices if c.ranked]
        # A division the text names ("Ontario") makes its towns likelier ("London"); a name
        # is not evidence for itself ("Quebec" the province for Quebec the city).
        divisions = [(text, gazetteer.admin1_code(row)) for text, row in first_picks
                     if gazetteer.place(row).feature_code == "ADM1"]
        # "Montana and Wyoming", "New South Wales, Western Australia and Queensland": the names
        # of one list are places of one kind, in one country.
        kinds = {}
        for choice in choices:
            if choice.span.list_id is not None and choice.ranked:
                place = gazetteer.place(choice.ranked[0][1])
                kinds.setdefault(choice.span.list_id, []).append(
                    (choice.span.text, place.feature_code, place.country))
        for choice in choices:
            others = [gazetteer.coordinates(row) for text, row in first_picks
                      if text != choice.span.text]
            named_divisions = {code for text, code in divisions if text != choice.span.text}
            peers = Counter((code, country) for text, code, country
                            in kinds.get(choice.span.list_id, []) if text != choice.span.text)
            kind = peers.most_common(1)[0][0] if peers and \
                peers.most_common(1)[0][1] * 2 > sum(peers.values()) else None
            choice.ranked = self._rank(choice, context, others, named_divisions, kind)
        return [self._toponym(choice) for choice in choices]

    def _choice(self, span: NamedSpan, countries: Collection[str]) -> _Choice:
        if span.fixed is not None:
            return _Choice(span, {span.fixed: 1.0}, [])
        possessive = _POSSESSIVE.search(span.text)
        if possessive:  # "San Francisco's roads": the name ends before its possessive
            span = replace(span, end=span.start + possessive.start(),
                           text=span.text[:possessive.start()])
        candidates = self.gazetteer.lookup(span.text)
        if _has_close_match(candidates):
            return _Choice(span, candidates, [])
        kind = DIVISION_WORD_END.search(span.text)
        if kind is not None:
            # "Bungudu LGA", "Ponnagyun Township": the gazetteer names the division (or its
            # seat) without its word of kind.
            bare = replace(span, end=span.start + kind.start(), text=span.text[:kind.start()],
                           division=True)
            found = self.gazetteer.lookup(bare.text)
            if _has_close_match(found):
                return _Choice(bare, found, [])
        narrowed = self._narrowed(span, countries)
        if narrowed is not None:
            return _Choice(narrowed, self.gazetteer.lookup(narrowed.text), [])
        head, of, tail = span.text.partition(" of ")
        if of and tail[:1].isupper():
            # "Arnissa of Pella", "Maladzyechna of the Minsk region": a town named with the
            # division it belongs to, which no gazetteer holds as one name.
            found = self.gazetteer.lookup(head)
            if _has_close_match(found):
                return _Choice(replace(span, end=span.start + len(head), text=head,
                                       within=span.within or tail), found, [])
            # "the Gendarmerie HQ of Issaguen": an office or a building named with its town.
            # (Not "Panagitsa of Pella", a village the gazetteer lacks: Pella the town is not
            # where it lies.)
            found = self.gazetteer.lookup(tail) if _INSTITUTION.search(head) else {}
            if _has_close_match(found):
                return _Choice(replace(span, start=span.end - len(tail), text=tail), found, [])
        return _Choice(span, candidates, [])

    def _narrowed(self, span: NamedSpan, countries: Collection[str]) -> NamedSpan | None:
        """The place inside a span that matches no place closely: a name tagger's span often
        runs into the words around a place ("Idlib Defies", "Aleppo Monitor AFP" where a
        headline meets its byline), or starts with a possessive that lost its apostrophe
        ("Syrias Aleppo")."""
        inner = place_within(span.text, 0, len(span.text), self.gazetteer, INNER_MIN_POPULATION,
                             countries)
        if inner is None:
            return None
        start, end = inner
        return replace(span, start=span.start + start, end=span.start + end,
                       text=span.text[start:end])

    def _rank(self, choice: _Choice, countries: Counter[str],
              others: list[tuple[float, float]], divisions: set[str | None],
              peers_kind: tuple[str, str | None] | None = None) -> list[tuple[float, int]]:
        total = sum(countries.values()) or 1
        span = choice.span
        within = {span.within_row: 1.0} if span.within_row is not None else \
            self._within(span.within) if span.within else {}
        # Divisions named after their main town ("Aleppo", "Hama"): without a division word,
        # news means the town, which may carry the name as an alternate ("Santiago" for
        # Santiago de los Caballeros). Not so when the town is a lesser one of its division:
        # Quebec City is a third of Montreal's size and a twentieth of Quebec's people.
        towns = [(self.gazetteer.admin1_code(row), quality, self.gazetteer.place(row).population,
                  self.gazetteer.largest_town(row))
                 for row, quality in choice.candidates.items()
                 if self.gazetteer.place(row).feature_class == "P"]
        # "Kabul" as written is the capital's own name: news names a well-known place by its
        # name, and a small place that carries it only as an alternate or a respelling (Cabool,
        # Missouri) is rarely meant, however much the story says about that place's country.
        exact_known = any(quality == 1.0 and is_landmark(self.gazetteer.place(row))
                          for row, quality in choice.candidates.items())
        ranked = []
        for row, quality in choice.candidates.items():
            place = self.gazetteer.place(row)
            if exact_known and quality < 1.0 and (not is_landmark(place) or quality < CLOSE_MATCH) \
                    and not (span.division and place.feature_code in ("ADM1", "ADM2")
                             and quality >= CLOSE_MATCH):
                # Nor does another landmark that only shares its consonants ("Taichung" is not
                # Datong). A division the text names by its word of kind stays: "the Minsk
                # region" is Minskaja voblasć, which the capital's name only respells.
                continue
            if quality < 1.0 and len(span.text) < _MIN_LOOSE_LENGTH and \
                    not countries[place.country or ""]:
                # "Fish", "Easter": short words meet other names' loose spellings by chance;
                # in a country the text names, a short respelling is how the place is
                # transliterated ("Hama" for Ḩamāh, "Raqa" for Ar Raqqah).
                continue
            score = 2.0 * quality + _FEATURE_PRIOR.get(place.feature_code, 0.0)
            if place.feature_code not in ("ADM1", "ADM2"):
                # A division's population is its towns': counting it would make every
                # province outrank its own capital, which news names far more often.
                score += math.log10(place.population + 1) / 7
            if divisions and place.feature_code != "ADM1" and \
                    self.gazetteer.admin1_code(row) in divisions:
                score += 0.6
            if place.country:
                score += 2.0 * countries[place.country] / total
                if quality < 1.0 and countries and not countries[place.country]:
                    # A respelling match in a country the text never mentions is a coincidence
                    # of letters far more often than the place meant.
                    score -= 1.0
            if choice.span.division:
                score += 0.8 if place.feature_code in ("ADM1", "ADM2") else -0.3
            elif place.feature_class == "A" and place.feature_code != "PCLI" and \
                    not choice.span.container and \
                    self._named_after_its_town(row, place, quality, towns):
                score -= 1.0
            elif choice.span.town:
                score += 0.6 if place.feature_class == "P" else -0.6
            elif choice.span.container and place.feature_class == "A":
                # Where a town lies is told by its division or country: "Ada, Oklahoma".
                score += 0.8
            if peers_kind is not None and peers_kind[0] in ("ADM1", "PCLI") and \
                    (place.feature_code, place.country) == peers_kind:
                score += 0.6  # listed with provinces (countries) of this country
            if within and self._lies_in(row, place, within):
                score += 1.5
            if others:
                point = (place.latitude, place.longitude)
                nearest = min(haversine_km(*point, *other) for other in others)
                score += 0.6 if nearest < 100 else 0.35 if nearest < 400 else \
                    0.1 if nearest < 1500 else 0.0
            ranked.append((score, row))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        return ranked

    def _named_after_its_town(self, row: int, division: Place, quality: float,
                              towns: list[tuple[str | None, float, int, int]]) -> bool:
        code = self.gazetteer.admin1_code(row)
        return any(town_code == code and town_quality >= quality - ALTERNATE_PENALTY and
                   (population >= _MAIN_TOWN_SHARE * largest or
                    population * _MAIN_TOWN_SHARE_OF_PEOPLE >= division.population)
                   for town_code, town_quality, population, largest in towns)

    def _within(self, name: str) -> dict[int, float]:
        found = self._within_cache.get(name)
        if found is None:
            found = {row: q for row, q in self.gazetteer.lookup(name).items()
                     if self.gazetteer.place(row).feature_code in ("ADM1", "ADM2", "PCLI")}
            self._within_cache[name] = found
        return found

    def _lies_in(self, row: int, place: Place, containers: dict[int, float]) -> bool:
        gazetteer = self.gazetteer
        for container in containers:
            outer = gazetteer.place(container)
            if container == row:
                continue
            if outer.feature_code == "PCLI" and outer.country == place.country:
                return True
            if outer.feature_code == "ADM1" and gazetteer.admin1_code(container) == \
                    gazetteer.admin1_code(row):
                return True
            if outer.feature_code == "ADM2" and gazetteer.admin2_code(container) == \
                    gazetteer.admin2_code(row):
                return True
        return False

    def _toponym(self, choice: _Choice) -> Toponym:
        span, ranked = choice.span, choice.ranked
        candidates = tuple(self.gazetteer.place(row) for _, row in ranked[:_CANDIDATES_SHOWN])
        if not ranked or ranked[0][0] < _MIN_SCORE:
            return Toponym(span.start, span.end, span.text, None, candidates, 0.0, span.kind)
        lead = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else ranked[0][0]
        return Toponym(span.start, span.end, span.text, candidates[0], candidates,
                       min(1.0, lead / 2), span.kind)


def _has_close_match(candidates: dict[int, float]) -> bool:
    """Whether any candidate matches the name itself or its loose spelling."""
    return any(quality >= CLOSE_MATCH for quality in candidates.values())


def is_landmark(place: Place) -> bool:
    """A country, a capital or a city of a million people: named, it points to its country by itself ("a
    drone strike in Kabul", in a story filed from Washington that never says "Afghanistan")."""
    # A division's population is its towns': it says nothing of how famous its name is.
    return place.feature_code in ("PCLI", "PPLC") or \
        (place.feature_class == "P" and place.population >= LANDMARK_POPULATION)


def is_well_known(gazetteer: Gazetteer, row: int, threshold: int, name: str = "") -> bool:
    """A country, a first-level division, a continent, a town of `threshold` people or more, or
    a second-level division named in full with its division word ("Metcalfe County" inside
    "Metcalfe County Sheriff's Office"): such a name inside a longer one is the place."""
    place = gazetteer.place(row)
    return place.feature_code in ("PCLI", "ADM1", "CONT") or place.population >= threshold or \
        (place.feature_code == "ADM2" and bool(DIVISION_WORD_END.search(name)))


DIVISION_WORD_END = re.compile(r"\s(?:County|Parish|District|Province|Governorate|Region|LGA|"
                                r"Township|Subdivision|Division|Department|Municipality|"
                                r"Territory|Tehsil|Taluka|State|Sub-?[Cc]ounty)$")


def place_within(text: str, start: int, end: int, gazetteer: Gazetteer, threshold: int,
                 loose_countries: Collection[str] = (),
                 local_threshold: int | None = None) -> tuple[int, int] | None:
    """The longest run of capitalised words in text[start:end] that is the name of a country,
    a division or a town of at least `threshold` people ("Kentucky State Police" ->
    "Kentucky"), or its loose spelling when the place is in one of `loose_countries`
    ("Syrias Hasakeh" in a story about Syria; elsewhere "Hall" would be Halle). A place in
    those countries needs `local_threshold` people instead, when given."""
    local = threshold if local_threshold is None else local_threshold
    # Words split at hyphens and apostrophes too: "Columbia-based" and "Francisco's" end in
    # words that are not the place's; a run of them keeps its inner punctuation ("Ma'arat").
    words = [(m.start() + start, m.end() + start)
             for m in re.finditer(r"\w+", text[start:end])]
    particles = [text[s:e].casefold() in _PARTICLES and (
        text[s:e].casefold() not in _ENGLISH_PARTICLES or text[e:e + 1] == "-") for s, e in words]
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            last = first + size - 1
            s, e = words[first][0], words[last][1]
            if e - s < 3 or not text[s].isupper() or text[s:e].casefold() in stop_words() or \
                    (size < len(words) and ONLY_DIRECTIONS.match(text[s:e])):
                continue
            if size == 1 and last + 1 < len(words) and \
                    text[s:e].casefold() in _GENERIC_FIRST_WORDS:
                continue  # "Tall Tawil", "Kafr Nabl": the hill, village or monastery of a name
            # A particle binds the words around it into one name ("Bab al-Hawa", "Deir
            # ez-Zor"): a run neither ends at one nor stops beside one.
            if particles[first] or particles[last] or (first and particles[first - 1]) or \
                    (last + 1 < len(words) and particles[last + 1]):
                continue
            for row, q in gazetteer.lookup(text[s:e]).items():
                if q < CLOSE_MATCH:
                    continue
                if gazetteer.place(row).country in loose_countries:
                    needed = local
                elif q == 1.0:
                    needed = threshold
                else:
                    continue
                if is_well_known(gazetteer, row, needed, text[s:e]):
                    return s, e
    return None
