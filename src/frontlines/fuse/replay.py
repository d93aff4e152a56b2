"""New mentions fused into events already made, deriving again only what they change.

Fusion (`Fuser`) takes mentions in the canonical order, and each joins the event open to it (one
whose every member it matches) with the best average score, or makes an event of its own. A
mention's choice therefore reads only the events that hold mentions it can match
(`match.score` is not None), and only their members that come before it. A new mention changes
the choice of a stored one only through an event that changed members before it, and such a
change reaches few mentions: a new report joins an event, the later reports that could have
joined that event choose again, and almost always choose as before.

`replay` follows that spread. It takes in canonical order every mention whose choice may have
changed, chooses again with the rule `Fuser` uses (`choose`), and when a choice differs marks
the later mentions it may move:
- an event that gained a mention: its members, the mentions that match the newcomer (the event
  may now be open to them, with another score), and the reports that say only a province or the
  country and match a member (the one-event-open rule for them counts open events);
- an event that lost a mention: its members, and every mention that matches one of them (the
  event may now be open to a mention the leaver kept out).
Everything else keeps its event, so the result is the events a whole derivation gives (the tests
check it), at the cost of the mentions the change reaches rather than the store's million.

No library does this: record-linkage and clustering libraries (dedupe, splink) cluster a whole
set again, and their clusterings are not this greedy, chaining-proof one.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np

from frontlines.fuse import MentionKey, choose, event_id_of
from frontlines.fuse.match import Key, score

__all__ = ["Neighbourhood", "Node", "Replayed", "replay"]


@dataclass(slots=True)
class Node:
    """A mention as the replay sees it."""

    key: Key
    order: tuple[Any, ...]  # its place in the canonical order (`fuse.canonical_order`)
    event_id: str | None  # the stored event that holds it; None: not fused yet

    @property
    def mention(self) -> MentionKey:
        return (self.key.article_id, self.key.number)


class Neighbourhood(Protocol):
    """Where the stored mentions and events come from (a store, or a test's list)."""

    def windows(self, keys: Sequence[Key], coarse_only: bool) -> Iterable[tuple[MentionKey, Node]]:
        """For each of `keys`, stored mentions that may match it: at least every one of its
        country and family of events whose date is within reach (`coarse_only`: only those that
        name a province or the country). Pairs (the asking mention, a stored mention)."""
        ...

    def members(self, event_ids: Collection[str]) -> Iterable[Node]:
        """The stored mentions of the events `event_ids` (ids that name no event give none)."""
        ...

    def vectors(self, mentions: Collection[MentionKey]) -> Mapping[MentionKey, np.ndarray]:
        """The sentence vector of each of `mentions` that has one."""
        ...


@dataclass(slots=True)
class Replayed:
    """What a replay changed: the events to write (each id with its members, in canonical
    order) and the ids of events to delete first (those whose members changed; some name no
    stored event)."""

    events: dict[str, list[MentionKey]]
    forgotten: set[str]


def replay(new: Sequence[Node], stored: Neighbourhood) -> Replayed:
    """Fuse the mentions `new` (in the store, in no event yet) into the stored events."""
    return _Replay(stored).run(new)


@dataclass
class _Replay:
    stored: Neighbourhood
    nodes: dict[MentionKey, Node] = field(default_factory=dict)
    # Each mention's event now, and each event's members now (complete for `loaded` events).
    label: dict[MentionKey, str] = field(default_factory=dict)
    members: dict[str, set[MentionKey]] = field(default_factory=lambda: defaultdict(set))
    loaded: set[str] = field(default_factory=set)
    # The mentions each one matches; `coarse` holds only those that name a province or the
    # country, for mentions whose full list was not needed.
    adjacent: dict[MentionKey, list[MentionKey]] = field(default_factory=dict)
    coarse: dict[MentionKey, list[MentionKey]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # events whose members changed
    heap: list[tuple[tuple[Any, ...], MentionKey]] = field(default_factory=list)
    queued: set[MentionKey] = field(default_factory=set)

    def run(self, new: Sequence[Node]) -> Replayed:
        self._add(new)
        for node in new:
            self._push(node.mention)
        # Fetched up front, in three batches, is what the new mentions' own changes reach: the
        # mentions they match and the events those are in; the reports naming only a province
        # or the country that match those events' members; and everything those may need to
        # choose again. Later changes (rare) fetch what they reach as they go.
        keys = [node.mention for node in new]
        self._expand(keys)
        joinable = {m for k in keys for n in self.adjacent[k] if n in self.label
                    for m in self.members[self.label[n]]}
        self._expand_coarse(joinable)
        reached = joinable | {n for k in keys for n in self.adjacent[k]} | \
            {n for m in joinable for n in self.coarse[m]}
        self._expand(reached)
        while self.heap:
            _, mention = heapq.heappop(self.heap)
            self.queued.discard(mention)
            if not self._ready(mention):
                self._expand([mention, *(k for _, k in self.heap)])
            self._choose_again(mention)
        events = {}
        for event_id in sorted(self.changed):
            ordered = sorted(self.members[event_id], key=lambda k: self.nodes[k].order)
            if ordered:
                events[event_id_of(*ordered[0])] = ordered
        return Replayed(events, set(self.changed))

    def _choose_again(self, mention: MentionKey) -> None:
        node = self.nodes[mention]
        open_to = {self.label[n] for n in self.adjacent[mention]
                   if n in self.label and self.nodes[n].order < node.order}
        clusters = []
        for event_id in open_to:
            earlier = sorted((self.nodes[m] for m in self.members[event_id]
                              if self.nodes[m].order < node.order), key=lambda n: n.order)
            clusters.append((earlier[0].order, event_id, [n.key for n in earlier]))
        clusters.sort(key=lambda c: c[0])
        chosen = choose(node.key, [keys for _, _, keys in clusters])
        # Making an event of its own, a mention makes the event its id names: the one it made
        # before, when it was that event's first report.
        now = event_id_of(*mention) if chosen is None else clusters[chosen][1]
        before = self.label.get(mention)
        if now == before:
            return
        if before is not None:
            self._leave(mention, before)
        self.label[mention] = now
        self.members[now].add(mention)
        self.changed.add(now)
        # Those it may move: the new event's members, the mentions matching the newcomer, and
        # the reports naming only a province or the country that match a member.
        self._need_coarse(self.members[now])
        self._push_later(node, self.members[now])
        self._push_later(node, self.adjacent[mention])
        self._push_later(node, (n for m in self.members[now] for n in self._coarse_of(m)))

    def _leave(self, mention: MentionKey, event_id: str) -> None:
        self.members[event_id].discard(mention)
        self.changed.add(event_id)
        left = self.members[event_id]
        missing = [m for m in left if m not in self.adjacent]
        if missing:
            self._expand(missing)
        node = self.nodes[mention]
        self._push_later(node, left)
        self._push_later(node, (n for m in left for n in self.adjacent[m]))

    def _push_later(self, node: Node, mentions: Iterable[MentionKey]) -> None:
        for mention in mentions:
            if self.nodes[mention].order > node.order:
                self._push(mention)

    def _push(self, mention: MentionKey) -> None:
        if mention not in self.queued:
            self.queued.add(mention)
            heapq.heappush(self.heap, (self.nodes[mention].order, mention))

    def _ready(self, mention: MentionKey) -> bool:
        """Whether what choosing again needs is here: what the mention matches, and every
        member of the events those are in."""
        if mention not in self.adjacent:
            return False
        wanted = {self.label.get(n) for n in self.adjacent[mention]}
        wanted |= {self.label.get(mention), event_id_of(*mention)}
        return wanted - {None} <= self.loaded

    def _coarse_of(self, mention: MentionKey) -> list[MentionKey]:
        if mention in self.adjacent:
            return [n for n in self.adjacent[mention] if self.nodes[n].key.geo_precision >= 3]
        return self.coarse[mention]

    def _need_coarse(self, mentions: Iterable[MentionKey]) -> None:
        missing = [m for m in mentions if m not in self.adjacent and m not in self.coarse]
        if missing:
            self._expand_coarse(missing)

    def _expand(self, mentions: Iterable[MentionKey]) -> None:
        """Fetch what the mentions match and the events those (and they) are in."""
        wanted = sorted({m for m in mentions if m not in self.adjacent})
        for mention, found in self._matches(wanted, coarse_only=False).items():
            self.adjacent[mention] = found
        mentions = set(mentions)
        events = {self.label.get(n) for m in mentions for n in self.adjacent[m]}
        events |= {self.label.get(m) for m in mentions} | {event_id_of(*m) for m in mentions}
        self._load(events - {None} - self.loaded)

    def _expand_coarse(self, mentions: Iterable[MentionKey]) -> None:
        wanted = sorted({m for m in mentions if m not in self.adjacent and m not in self.coarse})
        for mention, found in self._matches(wanted, coarse_only=True).items():
            self.coarse[mention] = found

    def _matches(self, wanted: Sequence[MentionKey], coarse_only: bool,
                 ) -> dict[MentionKey, list[MentionKey]]:
        found: dict[MentionKey, list[MentionKey]] = {m: [] for m in wanted}
        if not wanted:
            return found
        arrived: list[Node] = []
        for asker, other in self.stored.windows([self.nodes[m].key for m in wanted], coarse_only):
            known = self.nodes.get(other.mention, other)
            # Whether two mentions can be one event does not hang on their words (vectors
            # only add to a score), so the vectors are fetched for the matches alone.
            if score(self.nodes[asker].key, known.key) is not None:
                found[asker].append(other.mention)
                if known is other:
                    arrived.append(other)
        self._add(arrived)
        return {m: sorted(set(f)) for m, f in found.items()}

    def _load(self, event_ids: set[str]) -> None:
        if not event_ids:
            return
        self._add(list(self.stored.members(event_ids)))
        self.loaded |= event_ids

    def _add(self, nodes: Sequence[Node]) -> None:
        """Take in mentions not seen yet, in the event the store has them in, with their
        vectors."""
        arrived = {n.mention: n for n in nodes if n.mention not in self.nodes}
        lacking = [m for m, n in arrived.items() if n.key.vector is None]
        vectors = self.stored.vectors(lacking) if lacking else {}
        for mention, node in arrived.items():
            if (vector := vectors.get(mention)) is not None:
                node = replace(node, key=replace(node.key, vector=vector))
            self.nodes[mention] = node
            if node.event_id is not None:
                self.label[mention] = node.event_id
                self.members[node.event_id].add(mention)
