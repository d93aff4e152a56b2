"""ACLED's event types and sub-event types as data (data/event_types.json), with the CAMEO root
code and PLOVER event type nearest to each, for users of those schemes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from frontlines.data_files import load_data_file
from frontlines.errors import ResourceError

EVENT_TYPES = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
)  # fmt: skip
# The sub-types in which a place changes hands: a capture (the government's or a non-state
# actor's, in that order) and a transfer without fighting.
TAKES_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
TERRITORIAL = (*TAKES_TERRITORY, "Non-violent transfer of territory")
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class SubEventType:
    event_type: str
    sub_event_type: str
    disorder_type: str
    cameo_root: str | None
    plover: str | None
    note: str | None = None  # the verb phrase of `notes`; {target} stands for actor2


@cache
def sub_event_types(path: str | None = None) -> dict[str, SubEventType]:
    """Every sub-event type by its ACLED name; checked on load, since a typo here would silently
    produce events no ACLED user can match."""
    entries = [SubEventType(**entry) for entry in load_data_file("event_types.json", path)
               ["sub_event_types"]]
    problems = [
        f"{e.sub_event_type!r}: unknown event type {e.event_type!r}"
        for e in entries if e.event_type not in EVENT_TYPES
    ] + [
        f"{e.sub_event_type!r}: unknown PLOVER type {e.plover!r}"
        for e in entries if e.plover is not None and e.plover not in PLOVER_TYPES
    ] + [
        f"{e.sub_event_type!r}: CAMEO root {e.cameo_root!r} is not 01-20"
        for e in entries if e.cameo_root is not None and not (
            e.cameo_root.isdigit() and 1 <= int(e.cameo_root) <= 20 and len(e.cameo_root) == 2)
    ]
    if problems:
        raise ResourceError("event type catalogue is inconsistent: " + "; ".join(problems))
    return {entry.sub_event_type: entry for entry in entries}
