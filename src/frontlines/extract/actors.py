"""Actors named in text, resolved against the catalogue in data/actors.json (users add their own
file): IS = ISIS = ISIL = Daesh; Syrian army = regime forces = Assad forces.

Names are matched longest first, as whole words (extract/phrases.py). Short upper-case abbreviations
(IS, SAA, RSF, SDF) are matched in upper case only, since "is" and "saa" are words. Role names ("government
troops", "gunmen", "civilians") are generic: they become "Military Forces of <Country>",
"Unidentified Armed Group (<Country>)", "Civilians (<Country>)" for the country the article is about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from frontlines.data_files import load_data_file
from frontlines.errors import ResourceError
from frontlines.extract.associates import SocialGroups
from frontlines.extract.phrases import PhraseIndex


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    inter: int
    country: str | None
    kind: str
    generic: bool = False

    @property
    def is_named_armed_group(self) -> bool:
        """A catalogued armed organisation by its own name, not a generic role ("gunmen")."""
        return self.inter in _ARMED_INTER and not self.generic


# ACLED inter codes of armed actors: state forces, rebels, political and identity militias,
# external forces.
_ARMED_INTER = (1, 2, 3, 4, 8)


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor: Actor
    start: int
    end: int
    text: str


def _is_abbreviation(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= 6


@cache
def _acled_country_names() -> dict[str, str]:
    return load_data_file("country_names.json")["names"]


def country_code(name: str | None) -> str | None:
    """ISO alpha-2 for a country name, ACLED's spelling or ISO's."""
    if not name:
        return None
    for code, acled_name in _acled_country_names().items():
        if acled_name == name:
            return code
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def code_takes_article(code: str | None) -> bool:
    return (code or "").upper() in _with_article()


@cache
def _with_article() -> frozenset[str]:
    return frozenset(load_data_file("country_names.json")["with_article"])


def country_name(code: str | None) -> str | None:
    """A country as ACLED names it ("Russia", "Democratic Republic of Congo"), from ISO alpha-2."""
    if not code:
        return None
    code = code.upper()
    if code in _acled_country_names():
        return _acled_country_names()[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


# ACLED's period suffix: "Military Forces of Syria (2000-2024)".
ACLED_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_FORCE_ALIAS = re.compile(r"^(?P<prefix>[A-Z].*?) (?:forces|troops|army|military|soldiers)$",
                          re.IGNORECASE)


def _weapon_aliases(entries: list[dict[str, Any]], nouns: list[str],
                    taken: dict[str, str]) -> list[tuple[str, str]]:
    """'Russian airstrikes', 'Israeli fire': each state's '<X> forces' prefixes joined to the
    attack nouns, where the phrase is not the catalogue's already and only one state would get it."""
    owners: dict[str, set[str]] = {}
    for entry in entries:
        if entry.get("kind") != "state":
            continue
        prefixes = {m.group("prefix") for alias in entry.get("aliases", [])
                    if (m := _FORCE_ALIAS.match(alias)) and m.group("prefix")[0].isupper()}
        for prefix in prefixes:
            for noun in nouns:
                owners.setdefault(f"{prefix} {noun}", set()).add(entry["id"])
    return [(alias, next(iter(ids))) for alias, ids in owners.items()
            if len(ids) == 1 and alias.casefold() not in taken]


def _joint_aliases(entries: list[dict[str, Any]],
                   taken: dict[str, str]) -> list[tuple[str, str]]:
    """'ISWAP or Boko Haram', 'JNIM/ISGS militants': a report that cannot tell which of two
    groups acted names both, and ACLED codes the pair as one joint actor ('A and/or B'). For an
    entry with `members` (two lists of entry ids, one per side), every name of one side joined to
    every name of the other by 'or', '/' or 'and/or', in either order, names the joint entry."""
    names_of = {e["id"]: [e["name"], *e.get("aliases", [])] for e in entries}
    found: list[tuple[str, str]] = []
    for entry in entries:
        if not entry.get("members"):
            continue
        first, second = ([n for member in side for n in names_of[member]]
                         for side in entry["members"])
        for a in first:
            for b in second:
                for x, y in ((a, b), (b, a)):
                    for joiner in (" or ", "/", " and/or "):
                        alias = f"{x}{joiner}{y}"
                        if alias.casefold() not in taken:
                            found.append((alias, entry["id"]))
    return found


@dataclass(frozen=True, slots=True)
class FrontLine:
    country: str
    start: dt.date
    end: dt.date
    actor: str  # the side an unattributed exchange of fire across the line is coded to first


# A country's adjective joined to the next one by "and": "Russian and Syrian warplanes".
_COORDINATED = re.compile(r"\b([A-Z][a-z]+)\s+(?:and|or)\s+$")


class ActorCatalogue:
    """The loaded catalogue with one compiled matcher for all its names."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.actors: dict[str, Actor] = {}
        # "IDF" names Israel's military at home and "Military Forces of Israel" (inter 8) in
        # Palestine: the alias sits on the home entry, and by_country sends it abroad.
        self.by_country: dict[str, dict[str, str]] = {}
        by_alias: dict[str, str] = {}
        self.unit_of: dict[str, str] = {}  # a unit's name, casefolded, to ACLED's name of it
        problems: list[str] = []
        entries = data.get("actors", [])
        abroad = {target for e in entries for target in e.get("by_country", {}).values()}
        for entry in [*entries, *data.get("generic", [])]:
            generic = entry in data.get("generic", [])
            actor = Actor(entry["id"], entry["name"], int(entry["inter"]), entry.get("country"),
                          entry.get("kind", "unknown"), generic)
            if actor.id in self.actors:
                problems.append(f"duplicate id {actor.id!r}")
            self.actors[actor.id] = actor
            if entry.get("by_country"):
                self.by_country[actor.id] = {k.upper(): v for k, v in entry["by_country"].items()}
            # An entry reached through by_country shares its name with the home entry: only the
            # home entry answers to the name itself.
            own_name = [] if generic or actor.id in abroad else [entry["name"]]
            # A unit ACLED codes as its force's associated actor ("Donbass People's Militia"
            # fights as NAF): its names name the force, and the unit is kept apart.
            units = entry.get("units", {})
            for unit, unit_names in units.items():
                self.unit_of.update({name.casefold(): unit for name in [unit, *unit_names]})
            names = [*own_name, *entry.get("aliases", []),
                     *(n for unit, unit_names in units.items() for n in [unit, *unit_names])]
            for alias in names:
                key = alias if _is_abbreviation(alias) else alias.casefold()
                if by_alias.get(key, actor.id) != actor.id:
                    problems.append(f"alias {alias!r} names both {by_alias[key]} and {actor.id}")
                by_alias[key] = actor.id
        for alias, actor_id in _joint_aliases(entries, by_alias):
            by_alias[alias.casefold()] = actor_id
        weapon_nouns = data.get("weapon_nouns", {}).get("nouns", [])
        for alias, actor_id in _weapon_aliases(entries, weapon_nouns, by_alias):
            by_alias[alias.casefold()] = actor_id
        problems += [
            f"{source} sends {code} to unknown {target!r}"
            for source, mapping in self.by_country.items()
            for code, target in mapping.items() if target not in self.actors
        ]
        if problems:
            raise ResourceError("actor catalogue is inconsistent: " + "; ".join(problems[:10]))
        self._by_alias = by_alias
        # Names of older ACLED exports, without their period, to the name the catalogue gives.
        self.renamed = {ACLED_PERIOD.sub("", former): entry["name"] for entry in entries
                        for former in entry.get("former_acled_names", [])}
        self._weapon_nouns = tuple(f" {noun.casefold()}" for noun in weapon_nouns)
        # The groups participants belong to, for associated actors (extract/associates.py).
        self.social_groups = SocialGroups(data.get("social_groups", {}))
        # Where ACLED codes unattributed criminal violence as gangs (extract/gangs.py).
        gangs = data.get("gang_violence", {})
        self.gang_countries = frozenset(code.upper() for code in gangs.get("countries", []))
        self.gang_hallmark_actors = {code.upper(): target for code, target
                                     in gangs.get("hallmark_actor_by_country", {}).items()}
        problems = [f"gang_violence names unknown {target!r}"
                    for target in self.gang_hallmark_actors.values() if target not in self.actors]
        # Front lines whose unattributed fire ACLED codes between two known sides.
        self.front_lines = [FrontLine(line["country"].upper(), dt.date.fromisoformat(line["from"]),
                                      dt.date.fromisoformat(line["until"]), line["actor"])
                            for line in data.get("front_lines", {}).get("lines", [])]
        problems += [f"front line names unknown {line.actor!r}" for line in self.front_lines
                     if line.actor not in self.actors]
        if problems:
            raise ResourceError("actor catalogue is inconsistent: " + "; ".join(problems))
        self._index: PhraseIndex[str] = PhraseIndex(
            folded=[(a, i) for a, i in by_alias.items() if not _is_abbreviation(a)],
            exact=[(a, i) for a, i in by_alias.items() if _is_abbreviation(a)],
            slash_joins=True,  # the joint actors' "A/B"
        )

    def find(self, text: str, country: str | None = None) -> list[ActorMention]:
        """Every actor named in `text`, in order, longest names first where they overlap.
        Generic role names resolve only when `country` (ISO alpha-2) is known."""
        return self.localise(self.scan(text), text, country)

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Where the catalogue's names occur in `text`, as (start, end, actor id), in order,
        before any country is applied: the costly part of `find`, done once per text."""
        found = [(m.start, m.end, m.value) for m in self._index.find(text)]
        return sorted([*found, *self._coordinated(text, found)])

    def _coordinated(self, text: str, found: list[tuple[int, int, str]],
                     ) -> list[tuple[int, int, str]]:
        """"Russian and Syrian warplanes", "either Russian or Syrian government planes": the first
        adjective of a pair names its own state's weapon, which the phrase shares."""
        extra = []
        for start, end, actor_id in found:
            before = _COORDINATED.search(text, max(0, start - 25), start)
            if before is None:
                continue
            phrase = text[start:end].casefold()
            for noun in (n for n in self._weapon_nouns if phrase.endswith(n)):
                named = before.group(1) + noun
                matches = self._index.find(named)
                if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(named)) \
                        and matches[0].value != actor_id:
                    extra.append((before.start(1), before.end(1), matches[0].value))
                    break
        return extra

    def localise(self, found: list[tuple[int, int, str]], text: str,
                 country: str | None) -> list[ActorMention]:
        """The actors of a `scan`, named for `country`."""
        mentions = []
        for start, end, actor_id in found:
            actor = self._localise(self.actors[actor_id], country)
            if actor is not None:
                mentions.append(ActorMention(actor, start, end, text[start:end]))
        return mentions

    def front_line_actor(self, country: str | None, day: dt.date | None) -> Actor | None:
        """The side unattributed fire across a standing front line in `country` on `day` is
        coded to, where the catalogue knows one."""
        if day is None:
            return None
        for line in self.front_lines:
            if line.country == (country or "").upper() and line.start <= day <= line.end:
                return self.actors[line.actor]
        return None

    def names_a_weapon(self, mention: ActorMention) -> bool:
        """Whether a mention is an actor's weapon or attack ("Russian airstrikes", "Israeli
        fire"): its trigger words report the event, they are not part of a proper name."""
        return mention.text.casefold().endswith(self._weapon_nouns)

    def generic(self, actor_id: str, country: str | None) -> Actor | None:
        """A generic role ("civilians", "protesters") named for `country`; None without one."""
        return self._localise(self.actors[actor_id], country)

    def _localise(self, actor: Actor, country: str | None) -> Actor | None:
        # A state's forces abroad, a group's local branch, or a role a country names its own
        # way ("gendarmes" are a unit of Turkey's military and of Mali's police).
        local = self.by_country.get(actor.id, {}).get((country or "").upper())
        if local:
            return self.actors[local]
        if not actor.generic:
            return actor
        name = country_name(country)
        if name is None:
            return None
        # ACLED writes "Military Forces of the Democratic Republic of Congo" but
        # "Civilians (Democratic Republic of Congo)".
        of_name = f"the {name}" if code_takes_article(country) else name
        named = actor.name.replace("of {country}", f"of {of_name}").replace("{country}", name)
        return Actor(actor.id, named, actor.inter, country, actor.kind, True)


@cache
def load_catalogue(path: str | None = None) -> ActorCatalogue:
    """The packaged catalogue, or the user's file (same format) when `path` is given."""
    return ActorCatalogue(load_data_file("actors.json", path))
