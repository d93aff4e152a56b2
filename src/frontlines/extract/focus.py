"""The country an article is about, when its source does not say: the country an ACLED coder would
file its events under until the geocoding stage places each one.

Evidence, strongest first: the country or town in the dateline ("GOMA, Democratic Republic of Congo
(Great Lakes Review) -", "ALGIERS (Maghreb Post) -"), country names and towns in the lede, then
anywhere, and the home countries of the actors the catalogue finds. A town counts for the country of
the most populous town of that name in GeoNames. The most supported country wins; ties go to the first named.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import pycountry

from frontlines.data_files import load_data_file
from frontlines.extract.actors import ActorMention
from frontlines.extract.phrases import Match, PhraseIndex
from frontlines.extract.places import country_of_place

if TYPE_CHECKING:  # the gazetteer's package imports this module
    from frontlines.geo.gazetteer import Gazetteer

_DATELINE_WEIGHT, _LEDE_WEIGHT, _BODY_WEIGHT, _ACTOR_WEIGHT = 4, 2, 1, 1


@cache
def country_words() -> PhraseIndex[str]:
    """Every country name and demonym, each with the ISO code it means."""
    return PhraseIndex(folded=country_word_pairs())


@cache
def country_word_pairs() -> tuple[tuple[str, str], ...]:
    """(name or demonym, ISO code) of every country word we know."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names[value.casefold()] = country.alpha_2
    for code, name in load_data_file("country_names.json")["names"].items():
        names[name.casefold()] = code
    names.update({alias.casefold(): code
                  for alias, code in load_data_file("country_names.json").get("aliases", {}).items()})
    return tuple(names.items())


def focus_country(text: str, actors: list[ActorMention], lede_end: int, gazetteer: Gazetteer,
                  places: list[tuple[int, str]] = (),
                  country_matches: Sequence[Match[str]] | None = None) -> str | None:
    """ISO alpha-2 of the country `text` is most about, or None when nothing points to one.
    `places` are (offset, name) of toponyms found in the text (the dateline's among them);
    `country_matches` the text's country words, when the caller has found them already."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for offset, name in places:
        code = country_of_place(name, gazetteer)
        if code:
            votes[code] += _DATELINE_WEIGHT if offset < 40 else (
                _LEDE_WEIGHT if offset < lede_end else _BODY_WEIGHT)
            first_seen.setdefault(code, offset)
    for match in country_matches if country_matches is not None else country_words().find(text):
        code = match.value
        if match.start < 120 and re.search(r"[-–—:]\s", text[match.end:match.end + 40]):
            weight = _DATELINE_WEIGHT
        elif match.start < lede_end:
            weight = _LEDE_WEIGHT
        else:
            weight = _BODY_WEIGHT
        votes[code] += weight
        first_seen.setdefault(code, match.start)
    for mention in actors:
        country = mention.actor.country
        if country and country != "XX" and not mention.actor.generic:
            votes[country] += _ACTOR_WEIGHT
            first_seen.setdefault(country, mention.start)
    if not votes:
        return None
    return max(votes, key=lambda code: (votes[code], -first_seen[code]))


def country_named(name: str) -> str | None:
    """The ISO code of the country `name` is, as a whole (a name or a demonym), else None."""
    whole = [m for m in country_words().find(name) if (m.start, m.end) == (0, len(name))]
    return whole[0].value if whole else None


def is_country_name(name: str) -> bool:
    return country_named(name) is not None
