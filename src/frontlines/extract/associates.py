"""Associated actors: which group the people of a protest, a riot or an attack on civilians
belong to, when the report says so.

ACLED names such participants by their role, "Protesters (India)", "Rioters (Chile)",
"Civilians (Mexico)", whoever they are, and codes the group in `assoc_actor_1` or
`assoc_actor_2`: striking workers are "Labour Group (India)", killed reporters
"Journalists (Pakistan)". The groups and the nouns news uses for their members are data (the
catalogue's `social_groups`). A noun counts where news names who acted or who was hit:
- for a protest or a riot, in the trigger's clause before it ("nurses marched", "hundreds of
  farmers blocked the road") or as its agent right after it ("a sit-in by teachers", "a strike
  of dockworkers"), not as what the crowd was angry about ("protested the killing of a
  journalist");
- for violence against civilians, among the victims the trigger's clause names: after an active
  trigger ("killing two journalists") or before a passive one ("three farmers were shot").

An armed force named by one of its units is the force, with the unit as its associate: ACLED codes
"the positions of the Donbass People's Militia" as NAF with "Donbass People's Militia" (the
catalogue's `units`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontlines.extract.classify import PASSIVE_AUXILIARY, Trigger
from frontlines.extract.word_patterns import words_pattern

if TYPE_CHECKING:
    from frontlines.extract.actors import ActorCatalogue
    from frontlines.extract.participants import Roles

_PROTESTERS = (5, 6)  # ACLED inter codes: rioters, protesters
_CIVILIANS = 7
# What may stand between a protest trigger and its agent: "a strike by (some 300) teachers".
_AGENT_AFTER = re.compile(r"\s+(?:(?:held|staged|organised|organized|called)\s+)?"
                          r"(?:by|of|from|among|involving)\s+(?:[\w,.-]+\s+){0,3}$")
# A trigger told as the participle of its crowd: "protesting (textile) workers".
_PARTICIPLE_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}")
# What may stand between an attack and the victims it names: "killing (at least two) journalists".
_VICTIMS_AFTER = re.compile(r"\s+(?:[\w.-]+\s+){0,4}$")
_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—]\s|,\s+(?:while|as|after|before|but|and)\s")
# The kin of a group are not the group: "parents of students", "families of the detained
# journalists", "the prisoners' relatives" protest as themselves.
_KIN = r"(?:parents|families|family members|relatives|mothers|fathers|wives|husbands|children|sons|" \
       r"daughters|widows|friends|supporters)"
_KIN_BEFORE = re.compile(rf"\b{_KIN}\s+of\s+(?:(?:the|a|an|their|detained|jailed|slain|killed|" \
                         rf"missing|arrested|abducted|kidnapped|imprisoned|late|dead|two|three|"
                         rf"several|\d+)\s+){{0,3}}$", re.IGNORECASE)
_KIN_AFTER = re.compile(rf"['’]s?\s+{_KIN}\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GroupMention:
    name: str  # ACLED's name: "Labour Group (India)" (a group's, with the event's country)
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Associates:
    assoc_actor_1: str | None
    assoc_actor_2: str | None
    spans: tuple[tuple[str, GroupMention], ...]  # (field, span) for the evidence


class SocialGroups:
    """The catalogue's groups, matched as whole words, the longest noun first."""

    def __init__(self, data: dict[str, Any]) -> None:
        names: dict[str, str] = {}
        for group in data.get("groups", []):
            for word in group["words"]:
                names[word.casefold()] = group["name"]
        self._names = names
        words = sorted(names, key=len, reverse=True)
        self._pattern = words_pattern([re.escape(w) for w in words], re.IGNORECASE)

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, group name) of each group noun in text[start:end]."""
        return [(m.start(), m.end(), self._names[m.group(0).casefold()])
                for m in self._pattern.finditer(text, start, end)]


def associated_actors(text: str, trigger: Trigger, clause: tuple[int, int],
                      roles: Roles, where: str | None, catalogue: ActorCatalogue) -> Associates:
    """The groups of the event's participants that its clause names, and the units its armed
    actors were named by, as ACLED's associated actors (several joined by "; ", in the order
    the text gives them); `where` is the event's country as ACLED names it."""
    spans: list[tuple[str, GroupMention]] = []
    for field, span in (("assoc_actor_1", roles.actor1_span), ("assoc_actor_2", roles.actor2_span)):
        unit = catalogue.unit_of.get(" ".join(span.text.split()).casefold()) if span else None
        if span is not None and unit is not None:
            spans.append((field, GroupMention(unit, span.start, span.end, span.text)))
    actor1, actor2 = roles.actor1, roles.actor2
    if where is None:
        return _associates(spans)
    left, right = clause
    found = catalogue.social_groups.find(text, left, right)
    found = [_of_health(text, hit) for hit in found if not _kin_of(text, hit)]
    if actor1 is not None and actor1.inter in _PROTESTERS:
        spans += [("assoc_actor_1", _mention(text, hit, where)) for hit in found
                  if _acts(text, hit, trigger)]
    if actor2 is not None and actor2.inter == _CIVILIANS:
        spans += [("assoc_actor_2", _mention(text, hit, where)) for hit in found
                  if _is_hit(text, hit, trigger)]
    return _associates(spans)


def _associates(spans: list[tuple[str, GroupMention]]) -> Associates:
    return Associates(_joined(spans, "assoc_actor_1"), _joined(spans, "assoc_actor_2"),
                      tuple(spans))


# "workers of a hospital", "staff at the health ministry": workers named by where they work, and
# where they work is health care, are health workers to ACLED.
_HEALTH_PLACE = re.compile(r"\s+(?:of|at|from|in)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?"
                           r"(?:hospitals?|clinics?|health|medical)\b", re.IGNORECASE)
_HEALTH_WORKERS = "Health Workers"
_LABOUR = "Labour Group"


def _of_health(text: str, hit: tuple[int, int, str]) -> tuple[int, int, str]:
    start, end, name = hit
    if name == _LABOUR and _HEALTH_PLACE.match(text, end):
        return start, end, _HEALTH_WORKERS
    return hit


def _kin_of(text: str, hit: tuple[int, int, str]) -> bool:
    start, end, _ = hit
    return bool(_KIN_BEFORE.search(text, max(0, start - 60), start) or _KIN_AFTER.match(text, end))


def _acts(text: str, hit: tuple[int, int, str], trigger: Trigger) -> bool:
    start, end, _ = hit
    if end <= trigger.start:
        return not _CLAUSE_BREAK.search(text, end, trigger.start)
    if start < trigger.end:
        return False
    if trigger.text.casefold().endswith("ing") and _PARTICIPLE_AFTER.fullmatch(text, trigger.end,
                                                                           start):
        return True  # "demonstrating textile workers clashed with police"
    return bool(_AGENT_AFTER.fullmatch(text, trigger.end, start))


def _is_hit(text: str, hit: tuple[int, int, str], trigger: Trigger) -> bool:
    start, end, _ = hit
    if end <= trigger.start:
        # Before the trigger only the subject of a passive is its victim: in "herders attacked
        # the village" the herders did it.
        passive = PASSIVE_AUXILIARY.search(text, max(0, trigger.start - 30), trigger.start)
        return passive is not None and not _CLAUSE_BREAK.search(text, end, trigger.start)
    return start >= trigger.end and bool(_VICTIMS_AFTER.fullmatch(text, trigger.end, start))


def _mention(text: str, hit: tuple[int, int, str], where: str) -> GroupMention:
    start, end, name = hit
    return GroupMention(f"{name} ({where})", start, end, text[start:end])


def _joined(spans: Sequence[tuple[str, GroupMention]], name: str) -> str | None:
    groups = list(dict.fromkeys(span.name for field, span in spans if field == name))
    return "; ".join(groups) if groups else None
