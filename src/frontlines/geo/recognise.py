"""Which words of a text name places: spaCy's place entities, the names locative phrases introduce
("in Saraqeb", "east of Mosul"), and well-known places the small model missed or mislabelled
("Aleppo" read as a person, "Kentucky" inside "Kentucky State Police").

What else news does with place names, and what is done about it:
- a division word after the name ("Idlib province", "Kunar Province") or a town word before it
  ("the city of Aleppo") says which kind of place is meant;
- a division or country after a comma says where the place lies ("Saraqeb, Idlib"), and so does a
  state's abbreviation in the wire services' style ("Palmyra, N.Y.", "Red Deer, Alta.");
- a direction word can be part of the name ("Western Australia", "North London", "South Sudan");
- datelines are written in capitals ("EDMONTON, Alberta -");
- a short acronym ("US", "UK") is read only as the country it abbreviates: "Us" and "Uk" are
  villages too, but nobody writes them in capitals;
- demonyms ("Syrian", "Kurdish") say which country a text is about but are not places: they come
  out as kind "demonym", resolved to their country, and never as an event's location.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache

from frontlines.data_files import load_data_file
from frontlines.extract.focus import country_word_pairs
from frontlines.extract.nlp import Entity, stop_words
from frontlines.extract.phrases import Match, PhraseIndex
from frontlines.extract.places import toponyms
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.packaged import countryinfo_entries
from frontlines.geo.resolve import INNER_MIN_POPULATION, ONLY_DIRECTIONS, NamedSpan, place_within

# A division word after the name, or its governor's title ("New York Gov. Andrew Cuomo").
_DIVISION_AFTER = re.compile(
    r"\s+(?:(?:province|governorate|region|state|district|county|oblast|prefecture|department|"
    r"countryside|governor)\b|Gov\.)", re.IGNORECASE)
_DIVISION_INSIDE = re.compile(
    r"\s+(?:Province|Governorate|Region|District|Oblast|Prefecture|Department)$")
_DIVISION_BEFORE = re.compile(
    r"\b(?:province|governorate|region|state|district|county|oblast|countryside) of\s+(?:the\s+)?$",
    re.IGNORECASE)
_TOWN_BEFORE = re.compile(r"\b(?:city|town|village|capital|port city|border town) of\s+$",
                          re.IGNORECASE)
_DIRECTION_BEFORE = re.compile(r"\b(?:North|South|East|West|Northern|Southern|Eastern|Western|"
                               r"Central|Upper|Lower|Greater)[ -]$")
_COMMA_AFTER = re.compile(r",\s+")
# A run of capitalised words; an article opening a sentence is not part of it ("The Innisfail
# skater": the run is "Innisfail").
_CAPITALISED = re.compile(r"\b(?!(?:The|A|An) )[A-Z][a-z]+"
                          r"(?:[ -](?:al-|el-|ash-|ad-|de |del )?[A-Z][a-z]+)*\b")
# A dateline opens a line, or follows the headline a feed prepends to the text ("Mason charged.
# BANTAM — A Danbury mason ...").
_CAPITALS_DATELINE = re.compile(r"(?m)(?:^|(?<=[.!?] ))\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
                                r"(?=,| ?[-–—(])")
# A capitalised word that names a well-known place counts without NER or a locative phrase when
# the place is a country, a first-level division or a town at least this big: at that size a
# capitalised word far more often means the place than a person or an organisation. A sentence's
# first word is capitalised whatever it is, so there it must be bigger still and no common word.
_WELL_KNOWN = 250_000
_WELL_KNOWN_AT_START = 1_000_000
_SENTENCE_START = re.compile(r"(?:^|[.!?\"”]\s+|\n\s*)$")
_DEMONYM_ENDING = re.compile(r"(?:an|ese|ish|i|ch|ic|ois)$")
_PAIR = re.compile(r"\b([A-Z][a-z]+)-([A-Z][a-z]+)\b")
_LOCAL_NAME = r"(?P<name>(?:[A-Z][\w'’]*(?:[ -](?=[A-Z]))?){1,3})"
_BEFORE_INSTITUTION = re.compile(
    _LOCAL_NAME + r"(?:[ -])(?:[Pp]olice|City Council|Council|County Council|Sheriff|Coroner|"
    r"Fire (?:Department|Service|Rescue)|Mayor|mayor|EMS|OPP|RCMP|Superior Court|District Court|"
    r"Municipality|Township)\b")
_RESIDENCE = re.compile(r",\s+(?:\d{1,3},\s+)?of\s+" + _LOCAL_NAME + r"(?=[,.;]|\s+(?:was|is|"
                        r"had|has|and|who)\b)")
_PLACE_ENTITIES = ("GPE", "LOC", "FAC")
_NOT_CONTAINERS = ("PERSON", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")
# A name the small model ran across a spaced dash ("Mr Trump - Wisconsin") is two names: the
# place after the dash is not part of the person's name.
_SPANS_A_DASH = re.compile(r"\s[-–—]\s")


@cache
def _demonym_index() -> PhraseIndex[str]:
    """Country words: our list (country_names.json, with ACLED's spellings) and the demonyms
    countryinfo gives for every country ("Canadian", "Burkinabe")."""
    demonyms = [(-int(info.get("population") or 0), info["demonym"], iso)
                for iso, info in countryinfo_entries() if info.get("demonym")]
    # A demonym several countries share ("Indian": India and the British Indian Ocean Territory)
    # is the most populous one's: the first entry of a name wins.
    return PhraseIndex(folded=[*country_word_pairs(),
                               *((name, iso) for _, name, iso in sorted(demonyms))])


@cache
def _abbreviations() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = load_data_file("place_abbreviations.json")
    return data["anywhere"], data["after_comma"], data["in_brackets"]


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    anywhere, after_comma, in_brackets = _abbreviations()
    names = sorted({*anywhere, *after_comma, *in_brackets}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def recognise(text: str, entities: Sequence[Entity], gazetteer: Gazetteer,
              outlet_country: str | None = None) -> list[NamedSpan]:
    """The toponyms of `text`, given spaCy's entities of it. `outlet_country` is where the
    outlet is (see `outlets`): local news names its own towns as bare words, as a text names
    the towns of the countries it mentions."""
    # A place whose name holds a country word or an abbreviation ("British Columbia", "North
    # America", "East Azerbaijan") is that place, not the country.
    runs = list(_CAPITALISED.finditer(text))  # capitalised words, read by several rules below
    named = [(e.start, e.end) for e in entities if e.label in _PLACE_ENTITIES]
    named += [m.span() for m in runs]
    whole = [(s, e) for s, e in named if " " in text[s:e]
             and 1.0 in gazetteer.lookup(text[s:e]).values()]

    def in_a_whole_name(start: int, end: int) -> bool:
        return any(s <= start and end <= e and (s, e) != (start, end) for s, e in whole)

    country_words = [m for m in _demonym_index().find(text) if not in_a_whole_name(m.start, m.end)]
    fixed = [f for f in _abbreviated(text, gazetteer) if not in_a_whole_name(f.start, f.end)]
    taken = [(s.start, s.end) for s in fixed]
    found = [(p.start, p.end) for p in toponyms(text, 0, len(text), list(entities), taken)]
    found = [_with_direction(text, start, end, gazetteer) for start, end in found]
    found = [(s, e) for s, e in found if not is_acronym(text[s:e])]
    found = [_inner_place(text, start, end, gazetteer) for start, end in found]
    countries = {match.value for match in country_words} | ({outlet_country} if outlet_country
                                                             else set())
    found = [trimmed for start, end in found
             if (trimmed := in_a_headline(text, start, end, gazetteer, countries)) is not None]
    found += _capitals_dateline(text, gazetteer, found + taken)
    found += _named_by_local_words(text, gazetteer, found + taken)
    found += _well_known(text, runs, entities, gazetteer, found + taken)
    found += _in_named_countries(text, runs, entities, gazetteer, found + taken, countries)
    demonyms = _demonyms(text, country_words, gazetteer, taken) + \
        _demonym_pairs(text, gazetteer, taken)
    demonyms += _continent_demonyms(text, gazetteer, [*taken, *((d.start, d.end) for d in demonyms)])
    found = [(s, e) for s, e in found if not any((d.start, d.end) == (s, e) for d in demonyms)]
    spans = [*fixed, *demonyms]
    for start, end in sorted(set(found)):
        if any(start < e and s < end for s, e in taken):
            continue
        inside = _DIVISION_INSIDE.search(text, start, end)
        division = bool(inside) or bool(_DIVISION_AFTER.match(text, end)) or \
            bool(_DIVISION_BEFORE.search(text[max(0, start - 40):start]))
        if inside and inside.start() > start:
            end = inside.start()
        town = bool(_TOWN_BEFORE.search(text[max(0, start - 30):start]))
        name = text[start:end]
        if not name[:1].isupper() or ONLY_DIRECTIONS.match(name) or name.casefold() in stop_words():
            continue  # "in marijuana", "in the West": no place name
        if name.isupper() and len(name) > 3:
            name = name.title()  # "EDMONTON" in a dateline
        spans.append(NamedSpan(start, end, name, division, town))
    return _in_lists(text, _with_containers(text, sorted(spans, key=lambda s: s.start)))


def _abbreviated(text: str, gazetteer: Gazetteer) -> list[NamedSpan]:
    """Countries and states named by abbreviation: "U.S.", "UK", and "Ky." after a town."""
    spans = []
    for match in _abbreviation_pattern().finditer(text):
        row = abbreviation_row(text, match.start(), match.group(0), gazetteer)
        if row is not None:
            spans.append(NamedSpan(match.start(), match.end(), match.group(0), fixed=row))
    return spans


def abbreviation_row(text: str, start: int, name: str, gazetteer: Gazetteer) -> int | None:
    """The gazetteer row of the country or state that `name`, written at `start` of `text`,
    abbreviates ("U.S.", "UK"; "Ky." after a town and a comma), or None."""
    anywhere, after_comma, in_brackets = _abbreviations()
    code = anywhere.get(name)
    if code is None and text[max(0, start - 2):start] == ", ":
        code = after_comma.get(name)
    if code is None and text[start - 1:start] == "(" and \
            text[start + len(name):start + len(name) + 1] == ")":
        code = in_brackets.get(name)
    if code is None:
        return None
    return gazetteer.row_of_admin(code) if "." in code else gazetteer.row_of_country(code)


def is_acronym(name: str) -> bool:
    """An all-capital name of three letters or fewer ("US", "IS", "UN"): read only through the
    abbreviations list, as "Us" and "Is" are villages that nobody writes in capitals."""
    return len(name.replace(".", "")) <= 3 and name.isupper()


def _with_direction(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """"in Western Australia" is the state, where the locative phrase took "western" as a
    direction: a direction word is part of the name when the longer name is a place."""
    before = _DIRECTION_BEFORE.search(text, max(0, start - 12), start)
    if before and 1.0 in gazetteer.lookup(text[before.start():end]).values():
        return before.start(), end
    return start, end


def _inner_place(text: str, start: int, end: int, gazetteer: Gazetteer) -> tuple[int, int]:
    """"at the Skate Canada Sectionals", "at Winnipeg Animal Emergency Hospital": a locative
    phrase also introduces events and institutions. When the whole name is no place, the place
    inside it is the toponym."""
    name = text[start:end]
    if " " not in name or gazetteer.lookup(name):
        return start, end
    return place_within(text, start, end, gazetteer, INNER_MIN_POPULATION) or (start, end)


# A headline in title case ("Eight Martyred in Car Bomb near Sayyeda Zeinab Shrine") capitalises
# every word, so there a capitalised run says nothing of where a name ends: most of its
# longer words are capitalised, and a sentence has at least this many of them.
_TITLE_CASE_SHARE = 0.8
_TITLE_CASE_WORDS = 5
_LONGER_WORD = re.compile(r"\b[A-Za-z][a-z]{3,}\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def in_a_headline(text: str, start: int, end: int, gazetteer: Gazetteer,
                  countries: Collection[str]) -> tuple[int, int] | None:
    """The place name in text[start:end] when the run stands in a title-case headline ("in Tell
    Abyad Terroirst Attack" is Tell Abyad; "in Car Bomb" is no place); the run itself elsewhere
    or when the gazetteer knows it whole. There the name is the longest part that is a place
    (any of the text's countries, however small), or else the run less the words the text
    writes in lower case elsewhere ("car bomb", "attacks"), and no place when none is left."""
    # (The sentence's case first: it is cheaper than the lookup, and most sentences are no
    # headline.)
    if not _title_case_at(text, start) or 1.0 in gazetteer.lookup(text[start:end]).values():
        return start, end
    inner = place_within(text, start, end, gazetteer, INNER_MIN_POPULATION, countries, 0)
    if inner is not None:
        return inner
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[\w'’-]+", text[start:end])]

    def common(word: tuple[int, int]) -> bool:
        lower = text[word[0]:word[1]].lower()
        return re.search(r"(?<![\w-])" + re.escape(lower) + r"(?![\w-])", text) is not None

    while words and common(words[-1]):
        words.pop()
    while words and common(words[0]):
        words.pop(0)
    return (words[0][0], words[-1][1]) if words else None


def _title_case_at(text: str, position: int) -> bool:
    """Whether the sentence around `position` is written in title case."""
    opening = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position),
                  text.rfind("? ", 0, position), text.rfind("! ", 0, position)) + 1
    closing = _SENTENCE_END.search(text, position)
    words = _LONGER_WORD.findall(text, opening, closing.start() if closing else len(text))
    capitalised = sum(word[0].isupper() for word in words)
    return len(words) >= _TITLE_CASE_WORDS and capitalised >= _TITLE_CASE_SHARE * len(words)


def _capitals_dateline(text: str, gazetteer: Gazetteer,
                       found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    extra = []
    for match in _CAPITALS_DATELINE.finditer(text[:2000]):
        start, end = match.span(1)
        if len(match.group(1)) > 3 and not any(start < e and s < end for s, e in found) and \
                1.0 in gazetteer.lookup(match.group(1).title()).values():
            extra.append((start, end))
    bare = _BARE_DATELINE.match(text)
    if bare is not None:
        start, end = bare.span(1)
        if not any(start < e and s < end for s, e in found + extra) and any(
                q == 1.0 and gazetteer.place(r).feature_class == "P" and
                gazetteer.place(r).population >= INNER_MIN_POPULATION
                for r, q in gazetteer.lookup(bare.group(1).title()).items()):
            extra.append((start, end))
    return extra


# "DETROIT The U.S. Transportation Department said ...": scraped wire copy that lost the dash
# after its dateline; read at the very start of the text only, and only as a sizeable town.
_BARE_DATELINE = re.compile(r"\s*([A-Z][A-Z'.-]{3,}(?: [A-Z][A-Z'.-]+){0,2})\s+(?=[A-Z][a-z])")


def _well_known(text: str, runs: Sequence[re.Match[str]], entities: Sequence[Entity],
                gazetteer: Gazetteer, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    extra = []
    for match in runs:
        start, end = match.span()
        if any(start < e and s < end for s, e in found):
            continue
        if any(e.start <= start and end <= e.end and e.label in _NOT_CONTAINERS
               and not _SPANS_A_DASH.search(e.text) for e in entities):
            continue  # part of a person's or a book's name: "Paris Hilton"
        at_start = bool(_SENTENCE_START.search(text[max(0, start - 3):start]))
        place = place_within(text, start, end, gazetteer,
                              _WELL_KNOWN_AT_START if at_start else _WELL_KNOWN)
        if place is not None and at_start and place[0] != start:
            # Only the sentence's first word is capitalised for being first.
            place = place_within(text, start, end, gazetteer, _WELL_KNOWN)
        if place is not None:
            extra.append(place)
    return extra


def _in_named_countries(text: str, runs: Sequence[re.Match[str]], entities: Sequence[Entity],
                        gazetteer: Gazetteer, found: list[tuple[int, int]], countries: set[str],
                        ) -> list[tuple[int, int]]:
    """"Syrian troops shelled Palmyra": a capitalised word inside a sentence that is the very
    name of a town in a country the text names is that town, though no locative phrase
    introduces it and the small model took it for a person. `countries`: the ISO codes of the
    text's country words and of its outlet's country."""
    extra = []
    for match in runs:
        start, end = match.span()
        if not countries or any(start < e and s < end for s, e in found) or \
                _SENTENCE_START.search(text[max(0, start - 3):start]) or \
                match.group(0).casefold() in stop_words():
            continue
        if any(e.start <= start and end <= e.end and e.label in _NOT_CONTAINERS
               and (e.start, e.end) != (start, end) and not _SPANS_A_DASH.search(e.text)
               for e in entities):
            continue
        rows = gazetteer.lookup(match.group(0))
        if any(q >= 0.9 and gazetteer.place(r).country in countries for r, q in rows.items()):
            extra.append((start, end))
    return extra



def _demonyms(text: str, country_words: Sequence[Match[str]], gazetteer: Gazetteer,
              found: list[tuple[int, int]]) -> list[NamedSpan]:
    """"Syrian", "Russian": the country words that are not themselves a country's name."""
    spans = []
    for match in country_words:
        if any(match.start < e and s < match.end for s, e in found):
            continue
        name = text[match.start:match.end]
        if not name[:1].isupper() or not _DEMONYM_ENDING.search(name) or \
                any(q == 1.0 and gazetteer.place(r).feature_code == "PCLI"
                    for r, q in gazetteer.lookup(name).items()):
            continue  # a country's own name ("Gaza", "Oman") is found as a place
        row = gazetteer.row_of_country(match.value)
        if row is not None:
            spans.append(NamedSpan(match.start, match.end, name, fixed=row, kind="demonym"))
    return spans


# A continent's adjective ("European officials", "Asian markets") says which part of the world
# a text is about, as a country's demonym does; "South African" is the country's.
_CONTINENT_ADJECTIVE = re.compile(r"\b(European|Asian|African)\b")
_CONTINENT_OF = {"European": "Europe", "Asian": "Asia", "African": "Africa"}


def _continent_demonyms(text: str, gazetteer: Gazetteer,
                        found: list[tuple[int, int]]) -> list[NamedSpan]:
    spans = []
    for match in _CONTINENT_ADJECTIVE.finditer(text):
        start, end = match.span()
        if any(start < e and s < end for s, e in found) or text[max(0, start - 1):start] == "-":
            continue  # "South African", "Afro-Asian"
        rows = [r for r, q in gazetteer.lookup(_CONTINENT_OF[match.group(1)]).items()
                if q == 1.0 and gazetteer.place(r).feature_code == "CONT"]
        if rows:
            spans.append(NamedSpan(start, end, match.group(1), fixed=rows[0], kind="demonym"))
    return spans


def _demonym_pairs(text: str, gazetteer: Gazetteer,
                   found: list[tuple[int, int]]) -> list[NamedSpan]:
    """"Turkish-Russian relations", "a German-Iraqi boy": each half of the pair is a demonym
    (country words are otherwise read as whole words, so "IS-held" is not "IS")."""
    spans = []
    for pair in _PAIR.finditer(text):
        if any(pair.start() < e and s < pair.end() for s, e in found):
            continue
        halves = [(pair.start(1), pair.end(1)), (pair.start(2), pair.end(2))]
        matches = [_demonym_index().find(text, start, end) for start, end in halves]
        if all(len(m) == 1 and (m[0].start, m[0].end) == half
               for m, half in zip(matches, halves, strict=True)):
            spans += _demonyms(text, [m[0] for m in matches], gazetteer, found)
    return spans


def _named_by_local_words(text: str, gazetteer: Gazetteer,
                          found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Places local news names through their institutions and residents: "Danbury police", "the
    Glasgow Police Department", "Enfield Council", "the Laurel County Sheriff's Office", and
    "James Suver, 25, of Columbia"; the name must be a place of the gazetteer, as written."""
    extra = []
    for match in [*_BEFORE_INSTITUTION.finditer(text), *_RESIDENCE.finditer(text)]:
        start, end = match.span("name")
        words = list(re.finditer(r"\S+", match.group("name")))
        for first in range(len(words)):  # the longest run ending at the institution's word
            s = start + words[first].start()
            if any(s < e and b < end for b, e in found):
                continue
            if 1.0 in gazetteer.lookup(text[s:end]).values():
                extra.append((s, end))
                break
    return extra


def _with_containers(text: str, spans: list[NamedSpan]) -> list[NamedSpan]:
    """"Saraqeb, Idlib": a name right after another one and a comma is where the first lies, and
    names a division or a country ("Ada, Oklahoma" is the state) unless it opens a list
    ("Aleppo, Homs and Hama")."""
    result = []
    outer = False  # whether this span is the container of the one before it
    for number, span in enumerate(spans):
        following = spans[number + 1] if number + 1 < len(spans) else None
        inner = following is not None and following.kind == "place" and any(
            found is not None and found.end() == following.start
            for found in (_COMMA_AFTER.match(text, span.end), _APPOSITIVE_IN.match(text, span.end)))
        if inner or outer:
            span = NamedSpan(span.start, span.end, span.text, span.division, span.town,
                             following.text if inner else span.within, span.fixed, span.kind,
                             following.fixed if inner else span.within_row,
                             container=outer and not span.division)
        result.append(span)
        outer = inner and following is not None and not _LIST_GOES_ON.match(text, following.end)
    return result


# "Artemovsk, a transport hub in the Donetsk People's Republic", "Bakhmut, a city in eastern
# Ukraine": an appositive that says where the town lies, as a division after a comma does.
_APPOSITIVE_IN = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){1,5}?in\s+(?:the\s+)?"
                            r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?")


# After "Aleppo, Homs": ", Hama" or " and Hama" make it a list of places, not a place and the
# division it lies in.
_LIST_GOES_ON = re.compile(r"(?:,\s*|\s+(?:and|or)\s+)[A-Z]")


_LIST_SEPARATOR = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


def _in_lists(text: str, spans: list[NamedSpan]) -> list[NamedSpan]:
    """Number the lists of places ("Alberta, Saskatchewan and Newfoundland"): names only a comma
    or "and"/"or" apart share a `list_id`. A town and its division ("Saraqeb, Idlib") are no
    list: the container is marked already."""
    result: list[NamedSpan] = []
    list_id: int | None = None
    for number, span in enumerate(spans):
        before = result[-1] if result else None
        joined = before is not None and before.kind == span.kind == "place" and \
            not span.container and before.within is None and \
            bool(_LIST_SEPARATOR.fullmatch(text, before.end, span.start))
        if joined:
            if list_id is None:
                list_id = number
                result[-1] = replace(before, list_id=list_id)
            span = replace(span, list_id=list_id)
        else:
            list_id = None
        result.append(span)
    return result
