"""Assemble event mentions: from the readers' finds in one article to ACLED-coded events.

The readers (triggers, actors, dates, casualties, places, attribution) each find their kind of
words in the text; this module decides which finds belong to which event:

1. Every sentence with a factual trigger is a candidate; a sentence split by ";" or "hours later"
   can hold one event per clause. A trigger under "had" ("the group had seized the town in 2015")
   with no date of its own is background, not a new event.
2. News tells one event several times: the lede, then details ("The strike hit a market"). A later
   candidate joins an earlier event when it reports the same kind of event, or names the weapon of
   a generic lede ("killed 12 people. The air strikes hit ..."), or refers back to it ("the
   attack"), unless it gives another date or place, or says it is another event ("also",
   "separately", "another"). A contradicting account by another source ("the army said its units
   withdrew") joins the event it contradicts as a claim, and makes it contested.
3. Each event takes its fields from its own sentences first: the date closest to its trigger (else
   the date of the event told before it, else the reference date), the first death toll, actor1
   (the initiator; "they" and "the group" resolved to the armed actor named last before them),
   actor2 (the target), the place its clause points to, and who says so. Every value keeps its
   span as evidence; `notes` is built from the evidence.
4. Headline and captions only support events of the body (they are evidence, never new events).

Only the sentences that hold a candidate go through spaCy, in one batch per article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pycountry

from frontlines.extract.actors import (
    Actor,
    ActorCatalogue,
    ActorMention,
    country_name,
    load_catalogue,
)
from frontlines.extract.attribution import Attribution, find_attributions, with_party_stance
from frontlines.extract.casualties import CasualtyCount, find_casualties
from frontlines.extract.classify import Trigger, find_triggers
from frontlines.extract.event_dates import EventDate, find_event_dates, reference_date
from frontlines.extract.focus import country_words, focus_country
from frontlines.extract.nlp import Entity, entities, load_nlp
from frontlines.extract.ontology import sub_event_types
from frontlines.extract.places import (
    PlaceAnchor,
    anchor,
    country_of_place,
    dateline_place,
    toponyms,
)
from frontlines.extract.roles import initiating_actor
from frontlines.extract.sentences import Sentences
from frontlines.records import Claim, Evidence, Mention

_GENERIC_FAMILY = "ATTACK_OR_CLASH"
_SPECIFIC_PRIORITY = 60
_CLAUSE_SPLIT = re.compile(r";|\b(?:hours|minutes|days) later\b|\bseparately\b|\bmeanwhile\b",
                           re.IGNORECASE)
_NEW_EVENT = re.compile(r"\b(?:also|another|a second|a third|separate(?:ly)?|elsewhere|"
                        r"in a separate|meanwhile|later|earlier|previous)\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"\bhad\s+(?:been\s+|already\s+|previously\s+|also\s+)*(?:\w+\s+)?$",
                         re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:the|this|that|the latest|the deadly|the same)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:but|however|while|whereas|instead|a different account|"
                       r"contradicted|disputed|denied|rejected|dismissed|insisted)\b",
                       re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but|then|when|after|as)\s+)(?:they|it|the (?:group|militants|"
    r"jihadists|rebels|insurgents|fighters|attackers|militia|militiamen|movement|organisation|"
    r"organization|extremists|assailants))\b[^,;]*$",
    re.IGNORECASE,
)
_INSTRUMENT = re.compile(r"\b(?:with|using|backed by|armed with|equipped with|supported by|"
                         r"aboard|carrying|in)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_ACTOR_WORDS = {"gunmen", "gunman"}
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_STATE_KINDS = ("state",)


@dataclass(frozen=True, slots=True)
class ExtractResources:
    """What extraction reads besides the article: the actor catalogue and the spaCy pipeline."""

    catalogue: ActorCatalogue
    nlp: Any

    @classmethod
    def load(cls, actors_file: str | None = None) -> ExtractResources:
        return cls(load_catalogue(actors_file), load_nlp())


@dataclass(slots=True)
class _Candidate:
    trigger: Trigger
    sentence: int
    left: int  # the clause's bounds in the article text
    right: int
    date: EventDate | None = None
    place: PlaceAnchor | None = None
    attributions: list[Attribution] = field(default_factory=list)
    supporting: list[Trigger] = field(default_factory=list)  # every trigger of the clause


@dataclass(slots=True)
class _Event:
    main: _Candidate
    parts: list[_Candidate]
    contradicting: list[_Candidate] = field(default_factory=list)

    @property
    def date(self) -> EventDate | None:
        return next((p.date for p in self.parts if p.date is not None), None)

    @property
    def place(self) -> PlaceAnchor | None:
        return next((p.place for p in self.parts if p.place is not None), None)


def _clauses(text: str, left: int, right: int) -> list[tuple[int, int]]:
    bounds, start = [], left
    for split in _CLAUSE_SPLIT.finditer(text, left, right):
        bounds.append((start, split.start()))
        start = split.start()
    bounds.append((start, right))
    return [(s, e) for s, e in bounds if e > s]


def _candidates(text: str, sentences: Sentences, triggers: list[Trigger]) -> list[_Candidate]:
    """One candidate per clause that holds a factual trigger: its highest-priority trigger."""
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        if trigger.factual:
            by_sentence.setdefault(sentences.index(trigger.start), []).append(trigger)
    found = []
    for number in sorted(by_sentence):
        left, right = sentences[number]
        for c_left, c_right in _clauses(text, left, right):
            inside = [t for t in by_sentence[number] if c_left <= t.start < c_right]
            actions = [t for t in inside if not _is_instrument(text, t)]
            if actions or inside:  # sorted by priority, then position
                found.append(_Candidate((actions or inside)[0], number, c_left, c_right,
                                        supporting=inside))
    return found


def _is_instrument(text: str, trigger: Trigger) -> bool:
    """"stormed the town with armoured vehicles", "gunmen killed": a weapon or an actor word
    names how or by whom, not what happened, when the clause has a verb for that."""
    return trigger.text.casefold() in _ACTOR_WORDS or \
        _INSTRUMENT.search(text, max(0, trigger.start - 30), trigger.start) is not None


def _is_background(text: str, candidate: _Candidate) -> bool:
    return candidate.date is None and _BACKGROUND.search(
        text[max(candidate.left, candidate.trigger.start - 40):candidate.trigger.start]) is not None


def _different(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() not in b.casefold() and b.casefold() not in a.casefold())


def _joins(text: str, event: _Event, candidate: _Candidate, previous: _Candidate) -> bool:
    """Whether `candidate` tells again (or details) the event `event` rather than a new one."""
    trigger, main = candidate.trigger, event.main.trigger
    date = event.date
    if date is not None and candidate.date is not None and candidate.date.value != date.value:
        return False
    place = event.place
    if place is not None and candidate.place is not None and \
            place.rule == candidate.place.rule == "locative phrase" and \
            _different(place.text, candidate.place.text):
        return False
    if _NEW_EVENT.search(text, candidate.left, trigger.start):
        return False
    if trigger.sub_event_type == main.sub_event_type:
        return True
    own_details = candidate.date is not None or candidate.place is not None
    if not own_details and (trigger.event_type == main.event_type or (
            trigger.sub_event_type == "Looting/property destruction"
            and main.event_type in _VIOLENT)):
        return True  # "The fighting lasted hours", "they set fire to huts": details of it
    follows = candidate.sentence == previous.sentence + 1 and previous in event.parts
    if main.family == _GENERIC_FAMILY and trigger.priority >= _SPECIFIC_PRIORITY and follows:
        return True  # "... killed 12 people. The air strikes hit a market": the lede's weapon
    refers_back = _ANAPHOR.search(text, max(candidate.left, trigger.start - 20), trigger.start)
    return bool(refers_back and trigger.event_type in _VIOLENT and main.event_type in _VIOLENT)


def _contradicts(text: str, event: _Event, candidate: _Candidate) -> bool:
    """Another source's account of the same moment that does not agree ("The army said its
    units had withdrawn in good order"), close after the event's own account."""
    sources = {a.source.casefold() for p in event.parts for a in p.attributions}
    others = [a for a in candidate.attributions if a.source.casefold() not in sources]
    last = max(p.sentence for p in event.parts)
    return bool(sources and others and candidate.date is None
                and candidate.sentence - last <= 2
                and (_CONTRAST.search(text, candidate.left, candidate.right)
                     or candidate.trigger.event_type != event.main.trigger.event_type))


def _group(text: str, candidates: list[_Candidate]) -> list[_Event]:
    events: list[_Event] = []
    previous: _Candidate | None = None
    for candidate in candidates:
        if events and _is_background(text, candidate):
            continue
        target = None
        if events and previous is not None:
            target = next((e for e in reversed(events) if _joins(text, e, candidate, previous)),
                          None)
            if target is None and _contradicts(text, events[-1], candidate):
                events[-1].contradicting.append(candidate)
                previous = candidate
                continue
        if target is None:
            events.append(_Event(candidate, [candidate]))
        else:
            target.parts.append(candidate)
            if target.main.trigger.family == _GENERIC_FAMILY and \
                    candidate.trigger.priority >= _SPECIFIC_PRIORITY and \
                    candidate.trigger.family != _GENERIC_FAMILY:
                target.main = candidate  # the weapon the next sentence names decides the type
        previous = candidate
    return events


def _closest(items: Sequence[Any], trigger: Trigger) -> Any:
    return min(items, key=lambda i: (abs(i.start - trigger.start), i.start)) if items else None


def _local(trigger: Trigger, offset: int) -> Trigger:
    return replace(trigger, start=trigger.start - offset, end=trigger.end - offset)


def _shift(mention: ActorMention | None, offset: int) -> ActorMention | None:
    if mention is None:
        return None
    return ActorMention(mention.actor, mention.start + offset, mention.end + offset, mention.text)


@dataclass(slots=True)
class _Roles:
    actor1: Actor | None
    actor1_span: ActorMention | None
    actor2: Actor | None
    actor2_span: ActorMention | None
    civilian_targeting: bool


def _antecedent(all_actors: list[ActorMention], before: int) -> ActorMention | None:
    """The armed actor named last before `before`: what "they" and "the group" stand for."""
    armed = [m for m in all_actors if m.end <= before and m.actor.inter in (1, 2, 3, 4, 8)
             and not m.actor.generic]
    return armed[-1] if armed else None


def _roles(text: str, event: _Event, sentences: Sentences, country: str | None,
           catalogue: ActorCatalogue, all_actors: list[ActorMention]) -> _Roles:
    candidate = event.main
    left, right = sentences[candidate.sentence]
    local_text = text[left:right]
    trigger = _local(candidate.trigger, left)
    local_mentions = catalogue.find(local_text, country)
    # Who acts is read at the clause's first action verb ("Al Shabaab fighters attacked a base
    # ..., setting off hours of fighting"), which the type's precedence may not have picked.
    actions = sorted((t for t in candidate.supporting if not _is_instrument(text, t)),
                     key=lambda t: t.start)
    actor1, mention1 = None, None
    for reading in ([actions[0]] if actions and actions[0] is not candidate.trigger else []) + \
            [candidate.trigger]:
        actor1, mention1 = initiating_actor(local_text, _local(reading, left), catalogue,
                                            country, local_mentions)
        if mention1 is not None:
            break
    if mention1 is None:
        actor1, mention1 = initiating_actor(local_text, trigger, catalogue, country,
                                            local_mentions)
    mention1 = _shift(mention1, left)
    if actor1 is not None and actor1.id == "unidentified-armed-group" and mention1 is None:
        found = _weapon_owner(text, candidate, catalogue) or \
            _responsible(text, event, sentences, catalogue, country)
        if found is not None:
            actor1, mention1 = found.actor, found
        elif _PRONOUN_SUBJECT.search(text, candidate.left, candidate.trigger.start):
            # "they stormed the base": the group named before them, not an unknown one
            antecedent = _antecedent(all_actors, candidate.left)
            if antecedent is not None:
                actor1, mention1 = antecedent.actor, antecedent
    actor2, mention2 = _target(text, event, catalogue.find(text, country), actor1, catalogue,
                               country)
    targeting = bool(actor2 is not None and actor2.kind == "civilians" and (
        candidate.trigger.event_type in ("Violence against civilians", "Riots")
        or (candidate.trigger.event_type == "Explosions/Remote violence" and mention2 is not None
            and mention2.start >= candidate.trigger.end
            and mention2.start - candidate.trigger.end < 40)))
    return _Roles(actor1, mention1, actor2, mention2, targeting)


def _state_of(text: str, start: int, end: int, catalogue: ActorCatalogue) -> ActorMention | None:
    """A country named or described ("Israel", "Russian") in text[start:end], as its armed
    forces: who fires a country's missiles or is blamed for a strike is its military."""
    pattern, names = country_words()
    match = pattern.search(text, start, end)
    if match is None:
        return None
    forces = catalogue.generic("state-military", names[match.group(0).casefold()])
    return ActorMention(forces, match.start(), match.end(), match.group(0)) if forces else None


def _weapon_owner(text: str, candidate: _Candidate,
                  catalogue: ActorCatalogue) -> ActorMention | None:
    """"Russian missiles struck", "Turkish warplanes", "Israeli air strikes": a nationality
    right before the weapon names who used it."""
    trigger = candidate.trigger
    if trigger.event_type != "Explosions/Remote violence":
        return None
    words = _NATIONALITY_BEFORE.search(text, max(candidate.left, trigger.start - 30),
                                       trigger.start)
    if words is None:
        return None
    return _state_of(text, words.start(), words.end(), catalogue)


_NATIONALITY_BEFORE = re.compile(r"\b[A-Z][\w'’-]+(?:-led|-backed)?\s+(?:[a-z]+\s+)?$")
_RESPONSIBILITY = re.compile(
    r"(?P<before>[^.;]{0,80}?)\b(?:claimed|claims|has claimed|took|accepted) "
    r"(?:responsibility|the (?:attack|bombing|strike|blast|killing|killings|abduction|assault|"
    r"raid|ambush))"
    r"|\b(?:blamed|blames|accused|accuses|held) (?P<after>[^.;]{3,60}?)"
    r"(?: of| for|,|\.|;| which| who|$)"
    r"|\b(?:carried out|launched|fired|conducted|was behind|were behind|perpetrated) by "
    r"(?P<agent>[^.;,]{3,60})",
    re.IGNORECASE,
)


def _responsible(text: str, event: _Event, sentences: Sentences, catalogue: ActorCatalogue,
                 country: str | None) -> ActorMention | None:
    """Who claimed the attack or was blamed for it, in the event's sentence or the next few:
    "Islamic State claimed the attack", "State media blamed Israel", "officials accused Russian
    forces of firing a missile". The claimant or the accused is the initiator the text offers;
    the claim itself stays in the attribution."""
    first = event.main.sentence
    for number in range(first, min(first + 4, len(sentences))):
        left, right = sentences[number]
        for match in _RESPONSIBILITY.finditer(text, left, right):
            group = next(g for g in ("before", "after", "agent") if match.group(g) is not None)
            start, end = match.span(group)
            named = [m for m in catalogue.find(text[start:end], country)
                     if m.actor.kind not in ("civilians", "protesters", "rioters")]
            if named:
                chosen = named[-1] if group == "before" else named[0]
                return ActorMention(chosen.actor, chosen.start + start, chosen.end + start,
                                    chosen.text)
            state = _state_of(text, start, end, catalogue)
            if state is not None:
                return state
    return None


def _target(text: str, event: _Event, all_actors: list[ActorMention],
            actor1: Actor | None, catalogue: ActorCatalogue,
            country: str | None) -> tuple[Actor | None, ActorMention | None]:
    """actor2: who the event was done to. Civilians for violence against civilians; for fights
    and strikes, the other side named in the clause (after the trigger first), else civilians when
    the dead it counts are civilians; for protests met with force, the force; none for a peaceful
    protest or a unilateral act."""
    candidate = event.main
    trigger = candidate.trigger
    in_clause = [m for m in all_actors if candidate.left <= m.start and m.end <= candidate.right
                 and (actor1 is None or m.actor.name != actor1.name)]
    if trigger.event_type == "Protests":
        if trigger.sub_event_type == "Peaceful protest":
            return None, None
        force = [m for m in in_clause if m.actor.kind in _STATE_KINDS]
        return (force[0].actor, force[0]) if force else (None, None)
    after = [m for m in in_clause if m.start >= trigger.end]
    before = [m for m in in_clause if m.end <= trigger.start]
    if trigger.event_type == "Violence against civilians":
        civilians = [m for m in after + before if m.actor.kind == "civilians"]
        if civilians:
            return civilians[0].actor, civilians[0]
        return catalogue.generic("civilians", country), None
    chosen = after[0] if after else (before[-1] if before and trigger.event_type == "Battles"
                                     else None)
    if chosen is not None:
        return chosen.actor, chosen
    if trigger.event_type == "Explosions/Remote violence" and _civilian_dead(text, event):
        return catalogue.generic("civilians", country), None
    return None, None


_CIVILIAN_VICTIMS = re.compile(
    r"^(?:people|civilians?|children|women|men|residents|villagers|worshippers|passengers|"
    r"students|pupils|shoppers|families|afghans|iraqis|syrians|yemenis|ukrainians|somalis|"
    r"nigerians|pilgrims|mourners|guests|patients|workers|farmers|fishermen|bystanders)$",
    re.IGNORECASE)


def _civilian_dead(text: str, event: _Event) -> bool:
    """A strike whose dead the text counts as people or civilians, not as fighters."""
    for part in event.parts:
        for count in find_casualties(text[part.left:part.right]):
            if count.kind == "killed" and count.victims and _CIVILIAN_VICTIMS.match(count.victims):
                return True
    return False


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _fatalities(text: str, event: _Event) -> tuple[int, int | None, int | None,
                                                   CasualtyCount | None]:
    """The event's death toll: the first count of dead in its main clause, else in its other
    clauses (a toll told again is counted once), with the lowest and highest figures given."""
    killed: list[CasualtyCount] = []
    for part in [event.main, *[p for p in event.parts if p is not event.main]]:
        killed += [replace(c, start=c.start + part.left, end=c.end + part.left)
                   for c in find_casualties(text[part.left:part.right]) if c.kind == "killed"]
    if not killed:
        return 0, None, None, None
    first = killed[0]
    lows = [c.low if c.low is not None else c.value for c in killed]
    highs = [c.high if c.high is not None else c.value for c in killed]
    return first.value, min(lows), max(highs), first


def _date(event: _Event, earlier: _Event | None, reference: tuple[dt.date, str] | None
          ) -> tuple[EventDate | None, str]:
    if event.date is not None:
        return event.date, f"{event.date.rule}: {event.date.text!r}"
    if earlier is not None and earlier.date is not None:
        return earlier.date, f"no date of its own; the date of the event told before it " \
                             f"({earlier.date.text!r})"
    return None, (f"no date in the text: the {reference[1]}" if reference
                  else "no date in the text or its metadata")


def _confidence(roles: _Roles, date: EventDate | None, place: PlaceAnchor | None,
                stance: str, contested: bool, trigger: Trigger) -> float:
    """How much of the event the text pins down: a transparent heuristic, not a calibrated
    probability. Each field found by its own evidence adds to a base for the trigger."""
    score = 0.4 + (0.1 if trigger.priority >= _SPECIFIC_PRIORITY else 0.0)
    score += 0.15 if roles.actor1_span is not None else 0.0
    score += 0.1 if date is not None else 0.0
    score += 0.1 if place is not None else 0.0
    score += 0.1 if stance == "asserts" else 0.0
    score -= 0.2 if contested else 0.0
    return round(max(0.05, min(score, 0.95)), 2)


def _format_day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


_NO_TARGET = re.compile(r"(?:\s+(?:with|from|on|against|at|of|by))?\s*\{target\}")


def _notes(date_value: str | None, roles: _Roles, sub_event_type: str, place: str | None,
           fatalities: int, attribution: Attribution | None, contested: bool) -> str:
    """One sentence in ACLED's manner, made only of what the evidence gave."""
    when = f"On {_format_day(dt.date.fromisoformat(date_value))}, " if date_value else ""
    verb = sub_event_types()[sub_event_type].note or sub_event_type.lower()
    who = roles.actor1.name if roles.actor1 else "an unidentified actor"
    if roles.actor2 is not None and "{target}" in verb:
        phrase = verb.replace("{target}", roles.actor2.name)
    else:  # "clashed with {target}" without a known other side: "clashed"
        phrase = _NO_TARGET.sub("", verb)
    where = f" in {place}" if place else ""
    sentence = f"{when}{who} {phrase}{where}"
    sentence += f"; {fatalities} reported killed" if fatalities else ""
    if attribution is not None:
        sentence += f", according to {attribution.source}"
    if contested:
        sentence += "; the account is contested"
    return sentence[0].upper() + sentence[1:] + "."


def _country_at(place: PlaceAnchor | None, focus: str | None) -> str | None:
    """The country an event happened in: the article's, unless its place is a country or a
    large city elsewhere (a Kabul strike in a story filed from Washington). A small town's name
    is too often shared across countries to overrule the article."""
    if place is None:
        return focus
    pattern, names = country_words()
    whole = pattern.fullmatch(place.text)
    if whole is not None:
        return names[whole.group(0).casefold()]
    town = country_of_place(place.text, min_population=None if focus is None else 1_000_000)
    return town or focus


def _iso3(country: str | None) -> str | None:
    found = pycountry.countries.get(alpha_2=country) if country else None
    return found.alpha_3 if found else None


def extract_mentions(
    text: str,
    *,
    published: dt.date | None = None,
    country: str | None = None,
    title: str | None = None,
    captions: Sequence[str] = (),
    article_id: str = "",
    resources: ExtractResources,
) -> list[Mention]:
    """The events one article reports, in the order it tells them.

    `country` (ISO alpha-2) is the country the article is about when the caller knows it;
    otherwise it is inferred from the text. `published` anchors relative dates."""
    sentences = Sentences(text)
    all_actors_any = resources.catalogue.find(text, None)
    actor_spans = [(m.start, m.end) for m in all_actors_any]
    # A trigger inside a name is part of the name ("National Liberation Army"); role words that
    # are triggers too ("gunmen", "mob") stay triggers.
    names = [(m.start, m.end) for m in all_actors_any if not m.actor.generic]
    triggers = [t for t in find_triggers(text, sentences=sentences)
                if not any(s <= t.start and t.end <= e for s, e in names)]
    candidates = _candidates(text, sentences, triggers)
    if not candidates:
        return []
    lede_end = sentences[0][1] if len(sentences) else len(text)
    reference = reference_date(published, None, text)
    sentence_numbers = sorted({c.sentence for c in candidates})
    found_entities: list[Entity] = entities(text, [sentences[n] for n in sentence_numbers],
                                            resources.nlp)
    dateline = dateline_place(text)
    attributions_so_far: list[Attribution] = []
    named_places = [(dateline.start, dateline.text)] if dateline else []
    for candidate in candidates:
        left, right = sentences[candidate.sentence]
        if reference is not None:
            dates = find_event_dates(text[candidate.left:candidate.right], reference[0])
            dates = [replace(d, start=d.start + candidate.left, end=d.end + candidate.left)
                     for d in dates]
            candidate.date = _closest(dates, candidate.trigger)
        date_spans = [(candidate.date.start, candidate.date.end)] if candidate.date else []
        places = toponyms(text, candidate.left, candidate.right, found_entities,
                          actor_spans + date_spans)
        named_places += [(p.start, p.text) for p in places]
        candidate.place = anchor(places, candidate.trigger.start, candidate.trigger.end)
        candidate.attributions = find_attributions(text, left, right, attributions_so_far)
        attributions_so_far += candidate.attributions
    country = country or focus_country(text, all_actors_any, lede_end, named_places)
    all_actors = resources.catalogue.find(text, country)

    events = _group(text, candidates)
    mentions: list[Mention] = []
    catalogue = sub_event_types()
    for number, event in enumerate(events):
        main = event.main
        trigger = main.trigger
        place = event.place
        if place is None and number == 0 and dateline is not None:
            place = dateline
        # The event happened where its place is: that country names its civilians or gunmen.
        event_country = _country_at(place, country)
        roles = _roles(text, event, sentences, event_country, resources.catalogue, all_actors)
        earlier = events[number - 1] if number else None
        date, date_rule = _date(event, earlier, reference)
        fatalities, low, high, toll = _fatalities(text, event)
        party_spans = [(m.start, m.end) for m in (roles.actor1_span, roles.actor2_span) if m]
        attributions = [with_party_stance(a, party_spans) for p in event.parts
                        for a in p.attributions]
        contested = bool(event.contradicting)
        claims = tuple(
            Claim(a.source if a else None, a.stance if a else "asserts",
                  text[part.left:part.right], part.left, part.right)
            for part in [event.main, *event.contradicting]
            for a in ([*part.attributions][:1] or [None])
        ) if contested else ()
        if contested:
            attributions += [a for part in event.contradicting for a in part.attributions]
        first_attribution = attributions[0] if attributions else None
        stance = first_attribution.stance if first_attribution else "asserts"
        evidence = [Evidence("sub_event_type", t.start, t.end, t.text)
                    for p in event.parts for t in [p.trigger, *[s for s in p.supporting
                                                                if s is not p.trigger]]]
        for name, span in (("actor1", roles.actor1_span), ("actor2", roles.actor2_span)):
            if span is not None:
                evidence.append(Evidence(name, span.start, span.end, span.text))
        if date is not None:
            evidence.append(Evidence("event_date", date.start, date.end, date.text))
        if place is not None:
            evidence.append(Evidence("location", place.start, place.end, place.text))
        if toll is not None:
            evidence.append(Evidence("fatalities", toll.start, toll.end, toll.text))
        evidence += [Evidence("attribution", a.start, a.end, a.source) for a in attributions]
        evidence += _support(title, captions, trigger, resources)
        sub_type = catalogue[trigger.sub_event_type]
        inter1 = roles.actor1.inter if roles.actor1 else None
        inter2 = roles.actor2.inter if roles.actor2 else None
        event_date = date.value.isoformat() if date else (
            reference[0].isoformat() if reference else None)
        mentions.append(Mention(
            article_id=article_id,
            number=number,
            event_date=event_date,
            time_precision=date.precision if date else 1,
            date_rule=date_rule,
            disorder_type=sub_type.disorder_type,
            event_type=sub_type.event_type,
            sub_event_type=sub_type.sub_event_type,
            actor1=roles.actor1.name if roles.actor1 else None,
            assoc_actor_1=None,
            inter1=inter1,
            actor2=roles.actor2.name if roles.actor2 else None,
            assoc_actor_2=None,
            inter2=inter2,
            interaction=_interaction(inter1, inter2),
            civilian_targeting=roles.civilian_targeting,
            location=place.text if place else None,
            country=country_name(event_country),
            iso3=_iso3(event_country),
            fatalities=fatalities,
            fatalities_low=low,
            fatalities_high=high,
            notes=_notes(event_date, roles, sub_type.sub_event_type,
                         place.text if place else None, fatalities, first_attribution,
                         contested),
            attribution=tuple({"source": a.source, "stance": a.stance, "start": a.start,
                               "end": a.end} for a in attributions),
            contested=contested,
            claims=claims,
            confidence=_confidence(roles, date, place, stance, contested, trigger),
            evidence=tuple(evidence),
            cameo_root=sub_type.cameo_root,
            plover=sub_type.plover,
        ))
    return mentions


def _support(title: str | None, captions: Sequence[str], trigger: Trigger,
             resources: ExtractResources) -> list[Evidence]:
    """Headline and caption words that tell the same kind of event: evidence for it, never an
    event of their own."""
    del resources  # the readers used here need no model
    support = []
    for part, texts in (("title", [title] if title else []), ("caption", list(captions))):
        for piece in texts:
            same = [t for t in find_triggers(piece) if t.factual and
                    t.event_type == trigger.event_type]
            if same:
                support.append(Evidence("sub_event_type", same[0].start, same[0].end,
                                        same[0].text, part))
    return support
