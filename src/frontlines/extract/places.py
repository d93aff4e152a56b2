"""The place an event is anchored to: the toponym its clause points at ("in Aleppo", "east of Mosul",
"the town of Jisr al-Shughur", "near the Bab al-Hawa crossing"), as a span of the article text.

Resolving the span to a GeoNames entry is the geocoding stage's work; this one only says which words
name the place. News ties a place to an event with a locative phrase, so a name right after "in",
"near", "outside", "east of", "the town of" is the anchor; the first such name after the trigger
wins, then the last one before it. A name is a run of capitalised words with the particles Arabic,
Spanish and French names carry ("Jisr ash-Shughur", "Ciudad de Mexico", "Deir ez-Zor"). spaCy's
entities add places no phrase introduces ("Aleppo's Bustan al-Qasr district was shelled") and keep
dates out; the actor catalogue keeps organisations out ("in Islamic State custody").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontlines.extract.nlp import Entity
from frontlines.extract.word_patterns import quick_start

if TYPE_CHECKING:  # the gazetteer's package imports this module
    from frontlines.geo.gazetteer import Gazetteer

# A capital or a city this big points to its country by itself, whatever the article's focus ("a
# drone strike in Kabul" in a story filed from Washington); a smaller town's name is too often
# shared across countries to do so.
LANDMARK_POPULATION = 1_000_000
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|" \
             r"north-?eastern|north-?western|south-?eastern|south-?western|" \
             r"northern|southern|eastern|western|central)"
_FEATURE = r"(?:town|city|village|district|province|region|governorate|county|state|camp|area|" \
           r"neighbourhood|neighborhood|suburb|outskirts|port|island|municipality|department|" \
           r"prefecture|oblast|raion|commune|locality|settlement|hamlet|valley|border town|" \
           r"parish|community)"
_KIND_AFTER = re.compile(rf"\s+(?-i:{_FEATURE})\b")
_KIND_BEFORE = re.compile(rf"\b(?-i:{_FEATURE})\s+of\s+(?:the\s+)?$")
# "outside the teaching hospital of Thessaloniki", "at the university of Mosul", "at the main bus
# station of Warri": a site of a town; "in front of the Municipality of Chlef": its town hall.
# (In lower case only: "University of Michigan" is an institution's name.)
_SITE = r"(?-i:hospital|university|airport|prison|stadium|market|square|headquarters|offices?|" \
        r"port|mosque|cathedral|courthouse|station|terminal|town hall|city hall|street|" \
        r"Municipality|Wilaya)"
# "walked into the centre of Bukavu", "in the heart of Kabul", "in Ward No. 10 of Siliguri": the
# part of a town is the town.
# "at the entrance to Ar Rajban", "in the west side of Maracaibo": the way into a town is the town.
_PART_OF_TOWN = r"(?:centre|center|heart|edge|gates|streets|old city|part|limits|entrance|entry|" \
                r"exit|vicinity|countryside|(?:\w+ )?side|ward(?: no\.?)? \d+)"
# "they took Palmyra", "the army shelled Douma": verbs of capture and bombardment take the place
# itself as their object, with no preposition; headlines tell it in the present ("Army retakes
# Palmyra", "Rebels shell Aleppo").
_TAKEN_OR_HIT = r"(?:took|captured|recaptured|seized|retook|stormed|overran|shelled|bombed|" \
                r"bombarded|besieged|liberated|(?:re)?captures|seizes?|retakes|storms|overruns|" \
                r"shells?|bombs|bombards|besieges|liberates|pounds?|pounded)"
# "gunmen attacked Kagara (Rafi LGA, Niger)": verbs of attack take a place or a person as their
# object; the object is a place when the words after it say where it lies, or what kind of place
# it is ("a rocket that targeted Aleppo city").
_ATTACKED = r"(?-i:attacked|raided|ambushed|targeted|invaded|struck|attacks|raids|targets|" \
            r"invades|strikes|hit|hits)"
_DIVISIONS_NEXT = re.compile(r"\s*(?:\(|,\s*[A-Z])")
# "in rebel-held Aleppo", "in IS-controlled Raqqa", "into government-held western Aleppo": who
# holds the place is said between the preposition and its name.
_HELD_BY = r"[\w'’]+(?:[ -][\w'’]+)?-(?:held|controlled|run|occupied|besieged|dominated)"
# "in Syria's central Hama city", "in Aleppo's eastern districts": the owner before a direction
# only says where the place lies (scrapers often drop the apostrophe: "in Syrias central Hama").
_OWNER = r"(?-i:[A-Z][\w-]+['’]s|(?P<owner>[A-Z][a-z]+s))"
# "in Syria's oil-rich Deir Ezzor province", "in Yemen's war-torn Hodeidah": an epithet between
# the owner and the name.
_EPITHET = r"(?-i:[a-z]+-[a-z]+)"
# Aircraft are placed by where they flew: "returned to the skies over Aleppo", "drones flew over
# Kyiv" ("over" alone is too often "about": "fighting over Kidal").
_LOCATIVE = quick_start(
    rf"\b(?:in|at|near|outside(?: of)?|around|inside|across|into|entered|towards?|through|from|"
    rf"out of|beside|next to|close to|(?:skies|sky|airspace) over|(?:flew|flying|flown) over|"
    rf"(?P<verb>{_TAKEN_OR_HIT})(?!\s+(?:of|on)\b)|(?P<attack>{_ATTACKED})(?!\s+(?:of|on)\b)|"
    rf"on the outskirts of|(?:control|capture|seizure|fall|siege|shelling|bombing|liberation) of|"
    rf"(?:much|parts|all|most) of|(?:residents|inhabitants|villagers|natives|people) of|"
    rf"(?:raids?|attacks?|assaults?|(?:air|drone|missile) ?(?:strikes?|raids?)) on|"
    rf"(?:just |some )?(?:\d+ ?(?:km|kilometres|kilometers|miles) )?"
    rf"{_DIRECTION} of|the (?-i:{_FEATURE}) of|in the (?-i:{_FEATURE}) of|(?-i:{_FEATURE})s? of|"
    rf"{_SITE} of)\s+"
    rf"(?:the\s+)?(?:{_HELD_BY}\s+)?(?:{_OWNER}\s+(?={_DIRECTION}\s|{_EPITHET}\s+(?-i:[A-Z]))"
    rf"(?:{_EPITHET}\s+)?)?(?:{_DIRECTION}\s+(?:of\s+)?)?(?:(?-i:{_FEATURE})\s+of\s+|{_PART_OF_TOWN}\s+(?:of|to)\s+"
    rf"(?:the\s+)?)?",
    re.IGNORECASE,
)
NAME_PARTICLES = ("al", "el", "ash", "as", "ad", "ar", "an", "at", "az", "ez", "es", "er", "um", "umm",
                  "abu", "bin", "ibn", "de", "del", "la", "le", "des", "du", "do", "da", "dos",
                  "das", "los", "las", "van", "von", "of",
                  # Persian's ezafe ("Kut e Abdollah", "Qasr-e Shirin"), Romanian's "de sub"
                  "e", "sub")
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
# Nguni names keep their locative or class prefix in small letters before the capital
# ("eThekwini", "uMgungundlovu", "iLembe").
_WORD = r"(?:\b[a-z](?=[A-Z]))?[A-Z][\w'’.]*(?:-[\w'’]+)*"
# A word of four small letters and a full stop ends its sentence ("in north-western Bavaria.
# Police found ..."): the name stops there; abbreviations ("St.", "U.S.") go on.
# Arabic names that open with a common noun ("monastery of", "hill of", "village of") are one name
# with the word after it, which outlets of the region often leave in small letters ("Deir ezzor",
# "Kafr nubl"): alone the noun names no place, so the small word after it is read with it.
HEAD_NOUNS = ("Deir", "Dayr", "Tal", "Tell", "Kafr", "Kfar", "Jabal", "Jebel", "Wadi", "Khirbet",
              "Khirbat")
_HEAD_NOUN = rf"(?:{'|'.join(HEAD_NOUNS)})"
_HEAD_NOUN_AND_WORD = rf"{_HEAD_NOUN}[ -](?!(?:the|and|for|from|with|was|were|are|has|had|after|" \
                      rf"near|where|which|that|this|said|says|town|village|area|city)\b)[a-z]{{3,}}\b"
_NAME_WORD = rf"(?:{_HEAD_NOUN_AND_WORD}|{_WORD})"
_NAME = re.compile(rf"{_NAME_WORD}(?:(?<![a-z]{{4}}\.)[ -](?:{_PARTICLE}[ -])*{_NAME_WORD})*")
# After a locative phrase a name may open with the Arabic article in small letters, as ACLED's
# coders and many outlets write it ("in al-Hasakeh", "in al Bab", "at the al Nour square"); the
# article's English homographs (as, at, an) count only with a hyphen ("as-Sukhnah").
_JOINED_BY_PARTICLE = re.compile(rf"\S+ {_PARTICLE} ")
_NAME_AFTER_CUE = re.compile(rf"(?:(?:al|el)[ -]|(?:ash|ad|ar|as|at|az|an|ath|adh)-)?{_NAME.pattern}")
_NOT_PLACES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|This|That|These|Those|"
    r"His|Her|Its|Their|He|She|They|It|We|I|Reuters|AFP|AP)$"
)
# A month's short name ends a place's name only before its day ("in Aleppo Jan 5"): "Bait Jan"
# and "Sidi Mar" are names.
_MONTH_SHORT = re.compile(r"^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$")
_DAY_NEXT = re.compile(r"\.?\s+\d")
# "from Tuareg-led rebels", "in Saudi-backed operations": who leads or backs a side, not a place.
_ALIGNMENT = re.compile(r"-(?:led|backed|based|held|controlled|allied|aligned|linked|affiliated|"
                        r"supported|sponsored|run)$", re.IGNORECASE)
# "the northern Syrian city of Aleppo": a country's adjective before a town word, and the town's
# name after it ("the Walikale area of eastern Congo" names its area itself).
_KIND_OF_PLACE = re.compile(r"\s+(?:[a-z]+ing\s+)?(?:city|town|village|port|capital|port city|"
                            r"border town)\s+of\s+(?:the\s+)?")
_ADJECTIVE_ENDING = re.compile(r"(?:an|ese|ish|li|ni|qi|ki|ch)$")
# ("People's" is a word of names, not a possessive: "the Donetsk People's Republic".)
_OWNER_IN_CUE = re.compile(r"(?<![\w-])([A-Z][\w-]+)['’]s\s")
_POSSESSIVE_PREFIX = re.compile(r"(?![\w ]*People['’]s )(?:(?:al|el)[ -])?[A-Z][\w-]+(?: [A-Z][\w-]+)?"
                                r"['’]s (?=[A-Z])")
# "shot in Colonia Camino Verde", "in Barangay San Roque": a neighbourhood of the town the
# sentence names, which no gazetteer of towns holds; the event is placed at the town.
_NEIGHBOURHOOD_WORD = re.compile(r"^(?:Colonia|Col\.|Barrio|Fraccionamiento|Fracc\.|Ejido|"
                                 r"Barangay|Brgy\.?|Sitio|Purok|Mohalla|Mohallah|Mahalle|"
                                 r"Favela|Comuna|Vereda|Corregimiento)$")
_ROAD_AFTER = re.compile(r"\s+(?:road|highway|street|avenue|motorway|expressway|boulevard|"
                         r"bypass|ring road|railway|rail line|railway line)\b", re.IGNORECASE)
# The way into a named site ("the entrance to Erciyes University") names the site, whose name
# says nothing of its town.
# "On 28 April 2020, Carora, Lara state, drivers protested": a name followed by its division and
# the division's word of kind is a place, with no preposition before it.
_WITH_ITS_DIVISION = re.compile(
    rf"(?<![\w'’-])(?P<town>{_NAME.pattern}),\s+{_NAME.pattern}\s+(?-i:state|province|department|"
    rf"governorate|region|county|oblast|district)\b")
_GATE = re.compile(r"\b(?:entrance|entry|exit|gates)\b", re.IGNORECASE)
_SITE_AFTER = re.compile(r"\s+(?:University|College|Hospital|Airport|Stadium|Prison|School|Park|"
                         r"Square|Mosque|Church|Base|Camp)\b")
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# After "in" or "near", a name the model calls a date or a number is one ("in March", "near
# 2000"); the small model's ORG, NORP and PERSON labels are often wrong on foreign toponyms
# ("Aleppo" as NORP, "Jisr al-Shughur" as PERSON), and the locative phrase is the better witness.
_NOT_PLACE_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


@dataclass(frozen=True, slots=True)
class PlaceAnchor:
    start: int
    end: int
    text: str
    rule: str  # how it was found: "locative phrase", "named place in the sentence", "dateline"
    # Introduced by "from": where people or fire came from ("the body's arrival from Istanbul",
    # "residents from the Lomitas sector protested"), which is the event's place less often than
    # the place another locative phrase names.
    origin: bool = False


_COUNTRY_S = re.compile(r"([A-Z][a-z]+)s (?=[A-Z])")


def _lost_apostrophe(text: str, start: int, end: int) -> re.Match[str] | None:
    """"Syrias Idlib province": a country's possessive whose apostrophe a scraper dropped."""
    match = _COUNTRY_S.match(text, start, end)
    return match if match and _is_country(match.group(1)) else None


def _is_country(name: str) -> bool:
    """Whether `name` names a country or is its adjective ("Syria", "Syrian")."""
    from frontlines.extract.focus import country_named  # focus reads this module's names

    return country_named(name) is not None


def _demonym_before_noun(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a country's adjective qualifying a common noun after it."""
    return bool(re.match(r"\s+[a-z]", text[end:end + 2])) and \
        bool(_ADJECTIVE_ENDING.search(text[start:end])) and _is_country(text[start:end])


def _not_a_town(entity: Entity) -> bool:
    """Whether spaCy's entity rules out a town: a person named in full, a nationality, a date or
    a number. (spaCy often tags a town it does not know as an organisation, a one-word person or
    a group: "Carora, Lara state".)"""
    if entity.label == "PERSON":
        return " " in entity.text
    if entity.label == "NORP":
        return _is_country(entity.text)
    return entity.label in _NOT_PLACE_LABELS


def _covering(entities: list[Entity], start: int, end: int) -> Entity | None:
    return next((e for e in entities if e.start <= start and end <= e.end), None)


def toponyms(text: str, left: int, right: int, entities: list[Entity],
             taken: list[tuple[int, int]]) -> list[PlaceAnchor]:
    """Place names in text[left:right], in order. `taken` are spans already read as something
    else (actors, dates), which a place cannot overlap."""
    found: list[PlaceAnchor] = []
    for cue in _LOCATIVE.finditer(text, left, right):
        owner = cue.group("owner")
        if owner and not _is_country(owner[:-1]):
            # "parts of Homs central Syria": a name ending in s, not a possessive
            name = _NAME_AFTER_CUE.match(text, cue.start("owner"), right)
        else:
            name = _NAME_AFTER_CUE.match(text, cue.end(), right)
        if name is None:
            continue
        start, end = name.start(), name.end()
        words = name.group(0).split()
        while words and _NOT_PLACES.match(words[-1].rstrip(".")) and not (
                len(words) > 1 and _MONTH_SHORT.match(words[-1])
                and not _DAY_NEXT.match(text, start + len(" ".join(words)))):
            words.pop()  # "in Aleppo on Monday" read no further than the name
        if words and _NEIGHBOURHOOD_WORD.match(words[0]):
            # "in Barangay Gaya-gaya, San Jose del Monte": the town follows the neighbourhood.
            town = container_after(text, PlaceAnchor(start, start + len(" ".join(words)), "", ""))
            if town is None or town.end > right or _NEIGHBOURHOOD_WORD.match(town.text.split()[0]):
                continue
            start, words = town.start, town.text.split()
        if not words or _ALIGNMENT.search(words[-1]) or (
                _NOT_PLACES.match(words[0]) and not _JOINED_BY_PARTICLE.match(" ".join(words))):
            continue  # ("in May", "in The Hague"; but "in Mar del Plata" is a place)
        end = start + len(" ".join(words))
        if cue.group("attack") and not _KIND_BEFORE.search(cue.group(0)) and \
                not _KIND_AFTER.match(text, end) and (
                not _DIVISIONS_NEXT.match(text, end)
                or container_after(text, PlaceAnchor(start, end, "", "")) is None):
            # "attacked Ahmed Ali in Kano": a person, unless its kind ("hit the town of Atareb",
            # "targeted Aleppo city") or its divisions are told
            continue
        if cue.group("verb") and _demonym_before_noun(text, start, end):
            continue  # "besieged Syrian towns", "shelled Kurdish positions": no place named
        named_kind = _KIND_OF_PLACE.match(text, end)
        if named_kind and _ADJECTIVE_ENDING.search(words[-1]):
            name = _NAME.match(text, named_kind.end(), right)
            if name is None:
                continue
            start, end = name.start(), name.end()
        if _GATE.search(cue.group(0)) and _SITE_AFTER.match(text, end):
            continue  # "near the entrance to Erciyes University": a site's gate, no town named
        if _ROAD_AFTER.match(text, end):
            continue  # "on Murree road in Rawalpindi": a road is named for where it leads
        if text[end - 1] == ".":
            end -= 1  # the full stop closing the sentence
        if text[end - 2:end] in ("'s", "’s"):
            end -= 2  # "in Mali's north": the place is Mali
            if end - start <= 3 and text[start:end].isupper():
                continue  # "outside the MP's residence", "at the UN's office": whose, not where
        possessive = _POSSESSIVE_PREFIX.match(text, start, end) or _lost_apostrophe(text, start,
                                                                                  end)
        if possessive:  # "in Somalia's Gedo region", "in Syrias Idlib": the place is Gedo, Idlib
            start = possessive.end()
        if text[start - 1:start] == "(" and text[end:end + 1] == ")":
            continue  # "MOGADISHU (Horn Monitor) -": an outlet's name, not a place
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        entity = _covering(entities, start, end)
        if entity is not None and entity.label in _NOT_PLACE_LABELS:
            continue
        if not any((p.start, p.end) == (start, end) for p in found):
            found.append(PlaceAnchor(start, end, text[start:end], "locative phrase",
                                     origin=cue.group(0)[:4].lower() == "from"))
        owner_of = _OWNER_IN_CUE.search(cue.group(0))
        if owner_of and not _is_country(owner_of.group(1)):
            # "in Baghdad's central Tahrir Square": the town that owns the place named is a
            # place of the sentence, where a square or a district the gazetteer lacks lies.
            found.append(PlaceAnchor(cue.start() + owner_of.start(1), cue.start() + owner_of.end(1),
                                     owner_of.group(1), "named place in the sentence"))
    for named in _WITH_ITS_DIVISION.finditer(text, left, right):
        start, end = named.span("town")
        entity = _covering(entities, start, end)
        if _NOT_PLACES.match(named.group("town").split()[0]) or \
                (entity is not None and _not_a_town(entity)) or \
                any(start < p.end and p.start < end for p in found) or \
                any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        found.append(PlaceAnchor(start, end, text[start:end], "locative phrase"))
    placed = [(p.start, p.end) for p in found]
    for entity in entities:
        if (entity.label in _PLACE_LABELS and left <= entity.start and entity.end <= right
                and not any(entity.start < e and s < entity.end for s, e in placed + taken)):
            found.append(PlaceAnchor(entity.start, entity.end, entity.text,
                                     "named place in the sentence"))
    return sorted(found, key=lambda p: p.start)


def anchor(places: list[PlaceAnchor], trigger_start: int, trigger_end: int,
           is_country: Callable[[str], bool] = lambda name: False) -> PlaceAnchor | None:
    """The place an event's trigger points at: the first introduced by a locative phrase after the
    trigger, else the last one before it, else any named place of the sentence. A country
    ("in Syria", "Kenya's") only when the clause names nothing smaller."""
    phrased = [p for p in places if p.rule == "locative phrase"]
    for pool in ([p for p in phrased if not is_country(p.text) and not p.origin],
                 [p for p in phrased if not is_country(p.text)], phrased):
        # "they took Palmyra": a trigger read with its object holds the place it points at.
        after = [p for p in pool if p.start > trigger_start]
        if after:
            return after[0]
        before = [p for p in pool if p.end <= trigger_start]
        if before:
            return before[-1]
    return places[0] if places else None


# What news writes between a small place and the larger one it lies in: "the Tariq al-Bab
# district of Aleppo", "Deir al-Sharqi village in Idlib province", "Saraqeb, Idlib", "Saliboko
# (Djugu territory)", "Atmeh in Syria's border province of Idlib", "Urum al-Joz in rebel-held
# Idlib province", "Minian at the southwestern outskirts of Aleppo city".
_CONTAINER_AFTER = re.compile(
    # ACLED's notes and much local news give a place's divisions in brackets after it, whatever
    # word of kind comes between ("Mugerera hill (Kiremba, Ngozi)", "Al Alam military camp
    # (Jardan, Shabwah)"), or after another spelling in square brackets ("Zibane [Ziban]
    # (Anzourou, Tillaberi)").
    rf"(?:(?:\s+[a-z]+){{1,2}}\s*\(|\s*\[[^\]\[]{{1,40}}\]\s*\(|"
    # ... or after the number of a sector or a phase ("Les Berges du Lac 2 (La Marsa, Tunis)").
    rf"\s+\d{{1,3}}\s*\(|"
    # ("Sandhaur police station in Sangrur district", "Kadikoy town center, Istanbul")
    rf"(?:\s+(?:{_FEATURE}|neighbou?rhood|quarter|ward|refugee camp|countryside|police station|"
    rf"(?:town|city) cent(?:re|er)|tea (?:estate|garden)))?"
    # "Kewata village under Dalsing Sarai police station", "Njiapanda village, within Zacharia
    # locality": the station or the locality a village comes under.
    rf"(?:,\s*(?:within\s+)?|\s*\(|\s+(?:of|in|near|outside|under|within|"
    rf"(?:at|on)\s+the\s+(?:{_DIRECTION}\s+)?"
    rf"(?:outskirts|edge)\s+of)\s+(?:the\s+)?))"
    rf"(?:[A-Z]\w+(?:['’]s|s)\s+(?=(?:{_DIRECTION}\s+)?(?:\w+\s+)?{_FEATURE}\s+of\b))?"
    rf"(?:[a-z]+-[a-z]+\s+)?(?:{_DIRECTION}\s+)?(?:(?:\w+\s+)?(?:{_FEATURE}|countryside)\s+of\s+"
    rf"(?:the\s+)?)?")


def names_in(text: str) -> list[str]:
    """Every run of capitalised words in `text`, read as a place name is (particles included)."""
    return _NAME.findall(text)


def is_no_place(word: str) -> bool:
    """A capitalised word that names no place: a month, a weekday, an article or pronoun that
    opens a sentence ("The fall of ..."), a news agency."""
    return _NOT_PLACES.match(word) is not None


def container_after(text: str, place: PlaceAnchor) -> PlaceAnchor | None:
    """The larger place the text says `place` lies in, right after its name, if it says one."""
    link = _CONTAINER_AFTER.match(text, place.end)
    if link is None:
        return None
    name = _NAME_AFTER_CUE.match(text, link.end())
    if name is None or _NOT_PLACES.match(name.group(0).split()[0]):
        return None
    end = name.end() - (name.group(0).endswith(".") or name.group(0).endswith("'s") * 2)
    if "," in text[place.end:name.start()] and _LIST_GOES_ON.match(text, end):
        # "in Sidon, Tripoli, Matn and Zahle": names after commas that end in "and" are one
        # list of places side by side; a chain of larger places ends with the largest.
        return None
    return PlaceAnchor(name.start(), end, text[name.start():end], "container")


_LIST_GOES_ON = re.compile(rf"(?:,\s*{_NAME.pattern})*,?\s+and\s+{_NAME.pattern}")


_CHAIN_DEPTH = 3  # "Kerawa village, Kolofata subdivision (Mayo-Sava, Extreme-Nord)"


def containers_after(text: str, place: PlaceAnchor) -> list[PlaceAnchor]:
    """The chain of larger places named after `place`, smallest first: "Karakai (Bungudu LGA,
    Zamfara)" gives Bungudu LGA, then Zamfara. A village the gazetteer lacks is placed at the
    first of them it has."""
    chain: list[PlaceAnchor] = []
    current = container_after(text, place)
    while current is not None and len(chain) < _CHAIN_DEPTH:
        chain.append(current)
        current = container_after(text, current)
        if current is not None and _is_country(chain[-1].text):
            # "at the University of the Philippines in Diliman, Quezon City": nothing lies
            # in a place inside a country; the country was part of an institution's name, and
            # the places after it hold the site.
            chain = []
    return chain


_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z' .-]{2,40}?)(?:,\s*[A-Z][\w .'-]{2,30})?"
                       r"\s*(?:\([^)]{1,40}\))?\s*(?:-|–|—|:)\s")


def dateline_place(text: str) -> PlaceAnchor | None:
    """"PALMYRA, Syria (Levant Wire) - ...": the place a wire story was filed from, which is where
    its lede event happened more often than not."""
    match = _DATELINE.match(text[:120])
    if match is None:
        return None
    start, end = match.span("place")
    return PlaceAnchor(start, end, text[start:end].strip(), "dateline")


# A town this big is the one a name means often enough to tell which country a dateline or a
# lede's place is in; resolving each place properly is the geocoding stage's work.
_TOWN_MIN_POPULATION = 15_000


def country_of_place(name: str, gazetteer: Gazetteer,
                     min_population: int | None = None) -> str | None:
    """ISO alpha-2 of the most populous town of 15,000 people or more whose own name is `name`,
    if there is one (with at least `min_population` people, when given)."""
    towns = [gazetteer.place(row) for row, quality in gazetteer.lookup(name).items()
             if quality == 1.0]
    towns = [t for t in towns if t.feature_class == "P" and t.population >= _TOWN_MIN_POPULATION]
    if not towns:
        return None
    biggest = max(towns, key=lambda t: t.population)
    if min_population is not None and biggest.population < min_population:
        return None
    return biggest.country
