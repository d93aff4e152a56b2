"""Which finds of an article make which events.

Every clause with a factual trigger is a candidate; a sentence split by ";" or "hours later" can
hold one event per clause. A trigger under "had" ("the group had seized the town in 2015") with no
date of its own is background, not a new event.

News tells one event several times: the lede, then details ("The strike hit a market"). A later
candidate joins an earlier event when it reports the same kind of event without a date or place of
its own, or names the weapon of a generic lede ("killed 12 people. The air strikes hit ..."), or
refers back to it ("the attack"), unless it gives another date or place, or says it is another event
("also", "separately", "another"). A contradicting account by another source ("the army said its
units withdrew") joins the event it contradicts as a claim, and makes it contested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from frontlines.extract.attribution import Attribution, find_attributions
from frontlines.extract.classify import RETURN_FIRE, SECURITY_MEASURE, Trigger
from frontlines.extract.event_dates import EventDate
from frontlines.extract.ontology import TAKES_TERRITORY, TERRITORIAL
from frontlines.extract.places import PlaceAnchor, is_no_place, names_in
from frontlines.extract.sentences import Sentences

GENERIC_FAMILY = "ATTACK_OR_CLASH"
SPECIFIC_PRIORITY = 60
# A new clause starts at "three days later" with its number, which dates the clause's event.
_CLAUSE_SPLIT = re.compile(r";|\b(?:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                           r"a few|several)\s+)?(?:hours|minutes|days) later\b|\bseparately\b|"
                           r"\bmeanwhile\b", re.IGNORECASE)
# "In a related development, the army thwarted ...": news's phrase for the next story's opening.
_NEW_EVENT = re.compile(r"\b(?:also|another|a second|a third|separate(?:ly)?|elsewhere|"
                        r"in a separate|meanwhile|later|earlier|previous|(?:in an?|in the) "
                        r"(?:related|relevant|similar|further|new|latest|other|separate) "
                        r"developments?)\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"\bhad\s+(?:been\s+|already\s+|previously\s+|also\s+)*(?:\w+\s+)?$",
                         re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:[a-z-]+\s+){0,2}$",
                       re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:the|this|that|the latest|the deadly|the same)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:but|however|while|whereas|instead|a different account|"
                       r"contradicted|disputed|denied|rejected|dismissed|insisted)\b",
                       re.IGNORECASE)
_ACTOR_WORDS = {"gunmen", "gunman"}
_DISRUPTED = "Disrupted weapons use"
_ABDUCTION = "Abduction/forced disappearance"
_SHELLING = "Shelling/artillery/missile attack"
_TWO_SIDED = ("EXCHANGE", RETURN_FIRE)
_AT_PLACES = re.compile(r"\b(?:at|on|towards|into)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:areas?|"
                        r"villages?|farms?|neighbou?rhoods?|houses|homes|residential|towns?|"
                        r"city|districts?|streets?)\b", re.IGNORECASE)
_GUNS = re.compile(r"\b(?:firearms|rifles|guns|gunfire|shot|shooting|opened fire)\b", re.IGNORECASE)
_KILLING = re.compile(r"kill|dead|death|murder|execut|behead|slain|slaughter|shot|corpse|bod(?:y|ies)",
                      re.IGNORECASE)
# "Battles between the army and the RSF raged ... with air strikes": a battle is two sides fighting.
_RECIPROCAL = re.compile(r"clash(?:es|ed|ing)?|fighting|fought|firefights?|(?:gun ?)?battles?|"
                         r"battled|battling|"
                         r"exchang\w* .*|traded .*|in both directions .*", re.IGNORECASE)
# A weapon named as what a fight or a fire used: "a clash involving artillery fire", "bursts of
# fire involving heavy machine guns"; for a fight, also "clashed with small and heavy weapons" and
# "clashes on the Saraqeb front amid regime shelling" (the shelling was part of the fight).
_WEAPON_LINKS = r"with|using|involving"
_INVOLVING = re.compile(rf"\b(?:{_WEAPON_LINKS})\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE)
_WITH_WEAPON = re.compile(rf"\b(?:{_WEAPON_LINKS}|and|amid)\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE)
_BACKED_BY = re.compile(r"\b(?:backed|supported|covered|assisted) by\s+(?:the\s+)?(?:\w+\s+){0,2}$|"
                        r"\bwith the (?:support|help|backing|cover) of\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                        re.IGNORECASE)
# A campaign summed up by how long it lasted, as the backdrop of what the sentence tells:
# "after days of fighting", "during a week of fierce battles", "the end of more than four years
# of fighting", "completing a month-long battle".
_DURATION = re.compile(
    r"\b(?:during|after|following|ending|completing|end of|amid|through|of)\s+(?:the\s+)?"
    r"(?:more than\s+|nearly\s+|almost\s+|over\s+|some\s+)?(?:(?:a|an|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|many|\d+)\s+)?(?:hours|days|weeks|months|years|week|month|"
    r"year)\s+of\s+(?:(?:fierce|heavy|intense|bitter|deadly)\s+)?$|"
    r"\b(?:an?|the)\s+(?:\w+-)?(?:day|week|month|year)-long\s+(?:\w+\s+)?$", re.IGNORECASE)
# The subject of a modal verb: "The fall of Aleppo, held by rebels since 2012, would be ...".
# (The place's name, an aside in commas, then the modal: nothing else comes between.)
_HYPOTHETICAL_SUBJECT = re.compile(r"\s*(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*(?:,[^,.;]{0,100},)?\s*"
                                   r"(?:would|could|might|will)\s+(?:be|mark|give|leave|mean|"
                                   r"open|hand|deal|represent|end)\b")
# What people fled or were displaced by: "hundreds of thousands who fled earlier fighting in North
# Kivu", "after fleeing the fighting in Khartoum". The fighting is why they are where the story finds
# them, told as the backdrop of their flight, not an event the story reports.
_FLED = re.compile(r"\b(?:fle[de]|flees|fleeing|escaped|escaping|displaced by|uprooted by|"
                   r"driven (?:out|from their homes) by)\s+(?:from\s+)?(?:the\s+)?"
                   r"(?:(?:earlier|previous|recent|past|renewed|ongoing|heavy|fierce|intense|"
                   r"latest)\s+)?$", re.IGNORECASE)
_NOUN_TRIGGER = re.compile(r"(?:the|a)\s+(?:fall|capture|seizure|takeover|loss|liberation)\s+of\b",
                           re.IGNORECASE)
_HEARD = re.compile(r"\b(?:was|were|could be|can be|could still be|had been) heard\b|"
                    r"\bheard (?:the )?(?:sound of |sounds of )?(?:gunfire|explosions?|shots|blasts?)|"
                    r"\bsounds? of (?:gunfire|explosions?|shots|shelling|fighting)\b|\brang out\b",
                    re.IGNORECASE)
_CUMULATIVE = re.compile(r"\b(?:since|so far|to date|in total|altogether|over the (?:past|last))\b",
                         re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:have|has|had)\s+been\s+(?:\w+\s+)?$", re.IGNORECASE)
# What makes a weapon noun an event: something done with it, or someone hurt by it.
_USE = re.compile(
    r"\b(?:fir(?:ed|ing|es)|launch(?:ed|ing|es)|struck|strikes?|hit|hitting|shell(?:ed|ing)|"
    r"target(?:ed|ing)|pound(?:ed|ing)|land(?:ed|ing)|explod(?:ed|ing)|exploded|detonat(?:ed|ing)|"
    r"went off|rained|bombard(?:ed|ing)|attack(?:ed|ing|s)?|kill(?:ed|ing|s)?|wound(?:ed|ing)|"
    r"injur(?:ed|ing)|destroy(?:ed|ing)|damag(?:ed|ing)|dropp(?:ed|ing)|used|using|hurled|threw|"
    r"thrown|lobbed|tossed|fell|blast|explosions?|casualties|dead|died)\b", re.IGNORECASE)

VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@dataclass(slots=True)
class Candidate:
    trigger: Trigger
    sentence: int
    left: int  # the clause's bounds in the article text
    right: int
    date: EventDate | None = None
    place: PlaceAnchor | None = None
    attributions: list[Attribution] = field(default_factory=list)
    supporting: list[Trigger] = field(default_factory=list)  # every trigger of the clause


@dataclass(slots=True)
class Account:
    """A sentence in which another source tells the event otherwise."""

    sentence: int
    left: int
    right: int
    attributions: list[Attribution]


@dataclass(slots=True)
class Event:
    main: Candidate
    parts: list[Candidate]
    contradicting: list[Candidate | Account] = field(default_factory=list)
    # Sentences right after the event that report no event of their own ("Three officers died.
    # 3 fatalities."): they finish telling it, and its toll may be there.
    details: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first_sentence(self) -> int:
        return min(p.sentence for p in self.parts)

    @property
    def last_sentence(self) -> int:
        return max(p.sentence for p in self.parts)

    def sources(self) -> set[str]:
        """Who the event's own account is credited to, case-folded."""
        return {a.source.casefold() for p in self.parts for a in p.attributions}

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


def find_candidates(text: str, sentences: Sentences, triggers: list[Trigger]) -> list[Candidate]:
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
            # "after days of fighting", "completing a month-long battle": the campaign summed up
            # by how long it lasted is the backdrop of what the clause tells, not an event
            inside = [t for t in inside
                      if not _DURATION.search(text, max(c_left, t.start - 60), t.start)
                      and not _FLED.search(text, max(c_left, t.start - 40), t.start)]
            actions = [t for t in inside if not is_instrument(t)]
            if any(t.sub_event_type == _DISRUPTED for t in actions):
                # "shot down all 18 missiles": the weapons were stopped, nothing hit
                # (and the rifles of a seized cache were not fired)
                actions = [t for t in actions if t.event_type != "Explosions/Remote violence"
                           and t.family != "DIRECT_FIRE"]
            if any(_RECIPROCAL.fullmatch(t.text) for t in actions):
                # "clashed with small and heavy weapons", "a clash involving artillery fire": the
                # weapons are how both sides fought, and the fight is the event
                actions = [t for t in actions if not (
                    t.event_type == "Explosions/Remote violence"
                    and _WITH_WEAPON.search(text, max(c_left, t.start - 30), t.start))] or actions
            if any(t.sub_event_type == "Grenade" for t in actions) and \
                    _GUNS.search(text, c_left, c_right):
                # "attacked a police patrol using grenades and firearms": a gunfight in which
                # grenades were thrown; what was attacked decides, as for any gunfire
                actions = _first([t for t in actions if t.sub_event_type != "Grenade"], actions)
            shelling = [t for t in actions if t.sub_event_type == _SHELLING]
            two_sided = any(_RECIPROCAL.fullmatch(t.text) or t.family in _TWO_SIDED
                            for t in actions)
            if shelling and not two_sided and any(t.family == "DIRECT_FIRE" for t in actions) \
                    and (_AT_PLACES.search(text, c_left, c_right)
                         or any(_INVOLVING.search(text, max(c_left, t.start - 30), t.start)
                                for t in shelling)):
                # "fired mortars and machine guns at farms and villages", "bursts of fire
                # involving heavy machine guns": gunfire from afar at places, not two sides
                # engaging; the heavy weapon decides
                actions = _first(shelling, actions)
            supported = [t for t in actions if t.event_type == "Explosions/Remote violence" and
                         _BACKED_BY.search(text, max(c_left, t.start - 30), t.start)]
            if supported and len(supported) < len(actions):
                # "assault detachments, backed by artillery and aviation, completed the
                # liberation of the city": the guns supported what the clause tells
                actions = [t for t in actions if t not in supported]
            killing = [t for t in actions if _kills(text, t)]
            if killing and any(t.sub_event_type == _ABDUCTION for t in actions):
                # "abducted by four men and stabbed to death": ACLED codes an abduction that
                # ends in a killing by the killing
                actions = _first(killing, actions)
            if inside:  # sorted by priority, then position
                found.append(Candidate((actions or inside)[0], number, c_left, c_right,
                                        supporting=inside))
    return found


def _first(chosen: list[Trigger], actions: list[Trigger]) -> list[Trigger]:
    """`actions` with `chosen` moved to the front, each part in its own order."""
    return [*chosen, *[t for t in actions if t not in chosen]]


def _kills(text: str, trigger: Trigger) -> bool:
    """A trigger that tells a death: "killed", "shot dead", "stabbed to death", "body found"."""
    return trigger.event_type in VIOLENT and trigger.sub_event_type != _ABDUCTION and \
        _KILLING.search(text, trigger.start, trigger.end + 20) is not None


def is_instrument(trigger: Trigger) -> bool:
    """"Gunmen killed ...": a word for the attackers names who acted, not what happened, when
    the clause has a verb for that. (A weapon named after "with" still decides the type: "targeted
    the positions with artillery fire" is shelling.)"""
    return trigger.text.casefold() in _ACTOR_WORDS


def _is_background(text: str, candidate: Candidate) -> bool:
    """Not a new event: an earlier one recalled without a date ("had seized"), or a running
    total ("1,600 people had been killed since the assault began")."""
    # Any of the clause's triggers may carry the tense: "Demonstrators had marched".
    befores = [text[max(candidate.left, t.start - 40):t.start]
               for t in candidate.supporting or [candidate.trigger]]
    if _CUMULATIVE.search(text, candidate.left, candidate.right) and \
            any(_PERFECT.search(before) for before in befores):
        return True
    if _HYPOTHETICAL_SUBJECT.match(text, candidate.trigger.end, candidate.right) and \
            _NOUN_TRIGGER.match(candidate.trigger.text):
        return True  # "The fall of eastern Aleppo ... would be the biggest victory": not yet
    return candidate.date is None and any(_BACKGROUND.search(before) for before in befores)


def _bare_weapon(text: str, candidate: Candidate) -> bool:
    """A weapon named with nothing done with it ("units that crossed with artillery"): an
    explosion or strike is reported by a verb of use or by its victims."""
    trigger = candidate.trigger
    if trigger.event_type != "Explosions/Remote violence" or " " in trigger.text.strip():
        return False
    clause = text[candidate.left:candidate.right]
    return _USE.search(clause) is None


def _refers_back(text: str, candidate: Candidate) -> bool:
    """A trigger noun with a definite article or a demonstrative before it ("the fighting", "this
    offensive", "the siege") speaks of something the reader knows already."""
    trigger = candidate.trigger
    if re.search(r"(?:ed|ing)$", trigger.text.split()[0]) and trigger.text != "fighting":
        return False  # a verb ("the army shelled") is not a noun phrase
    return _DEFINITE.search(text, max(candidate.left, trigger.start - 25), trigger.start) \
        is not None


def _different(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.casefold() not in b.casefold() and b.casefold() not in a.casefold())


# "captured the junta's Northeastern Command headquarters": a site's name, not the town's.
_SITE_TAKEN = re.compile(r"\b(?:compound|headquarters|barracks|palace|blocks|office|base)$",
                         re.IGNORECASE)


def _territory_named(candidate: Candidate) -> str | None:
    """The place a change of control is about: named in its trigger ("Taloqan, the capital of
    Takhar, fell", "the capture of Kunduz"), else its clause's place."""
    # A trigger that opens its sentence is capitalised: "The fall of" names no place.
    names = [name for name in names_in(candidate.trigger.text) if not is_no_place(name)]
    if names and not _SITE_TAKEN.search(candidate.trigger.text):
        return names[0]
    return candidate.place.text if candidate.place is not None else None


_TRANSFER = "Non-violent transfer of territory"


def _joins(text: str, event: Event, candidate: Candidate, previous: Candidate) -> bool:
    """Whether `candidate` tells again (or details) the event `event` rather than a new one."""
    trigger, main = candidate.trigger, event.main.trigger
    date = event.date
    own_date = candidate.date
    if own_date is not None and own_date.counted_from is not None and \
            trigger.family == GENERIC_FAMILY:
        # "His body was found the next day", "died of his wounds two days later": the day a
        # death came to light, not another event's.
        own_date = None
    if date is not None and own_date is not None and own_date.value != date.value:
        return False
    if main.event_type in VIOLENT and trigger.event_type in VIOLENT and \
            candidate.sentence - previous.sentence <= 1 and \
            _HEARD.search(text, candidate.left, candidate.right):
        # "Heavy gunfire and explosions were heard in the Faladie district": a witness's sense of
        # the attack just told, wherever in the town it was heard
        return True
    if _reaches_the_town(text, event, candidate, own_date):
        return True
    place = event.place
    # Another place is another event when both say it with a preposition ("in Sar-e-Pul"), or
    # when both tell a change of control: each town that falls is its own event, however the
    # sentence names it ("Taloqan, the capital of Takhar, fell").
    if place is not None and candidate.place is not None and \
            place.rule == candidate.place.rule == "locative phrase" and \
            _different(place.text, candidate.place.text):
        return False
    if trigger.sub_event_type in TERRITORIAL and main.sub_event_type in TERRITORIAL and \
            _different(_territory_named(event.main), _territory_named(candidate)):
        return False
    if _NEW_EVENT.search(text, candidate.left, trigger.start):
        return False
    if trigger.sub_event_type == main.sub_event_type:
        return True
    if trigger.sub_event_type in TAKES_TERRITORY and main.sub_event_type in TAKES_TERRITORY and \
            _territory_named(candidate) is not None and \
            not _different(_territory_named(event.main), _territory_named(candidate)):
        # "The fall of El Fasher leaves the RSF in control ...": a capture of the place the
        # event's capture took, told again (who took it from whom is read later, from the
        # sides: a capture's sub-type here is not yet final).
        return True
    if trigger.sub_event_type == _TRANSFER and main.sub_event_type in TAKES_TERRITORY and \
            candidate.sentence - event.main.sentence <= 2 and \
            not _different(_territory_named(event.main), _territory_named(candidate)):
        # "MNDAA troops captured Lashio on Saturday ... Junta soldiers withdrew from their last
        # positions on Saturday morning": the losing side's withdrawal, told right after the
        # capture of that place, is the same change of control seen from the other side.
        return True
    own_details = own_date is not None or candidate.place is not None
    if not own_details and (trigger.event_type == main.event_type or (
            trigger.event_type == "Strategic developments" and main.event_type in VIOLENT
            and candidate.sentence - previous.sentence <= 2)):
        # "The fighting lasted hours", "they set fire to huts", "the labourers were rounded up",
        # "reinforcements were on their way": details of the event just told
        return True
    if not own_details and trigger.family == GENERIC_FAMILY and main.event_type in VIOLENT:
        return True  # "Ten soldiers were killed.": what the event left behind
    follows = candidate.sentence == previous.sentence + 1 and previous in event.parts
    if trigger.event_type == "Riots" and main.event_type == "Protests" and follows \
            and not own_details:
        return True  # "Rioters blocked the road and set tyres on fire": the protest turned violent
    if trigger.sub_event_type == "Arrests" and main.event_type == "Protests" and follows \
            and not own_details:
        # "... protested in Pinsk. Two persons were arrested by the police": the protest was
        # met with arrests, one event (its sub-type reads them), not a second one.
        return True
    if trigger.family == RETURN_FIRE and main.event_type in VIOLENT and follows \
            and not own_details:
        return True  # "... threw a grenade at police. Police returned fire.": one clash
    if trigger.family in _TWO_SIDED and main.event_type == "Explosions/Remote violence" \
            and follows and candidate.date is None:
        # "... fired mortars at government positions. Monitors recorded 75 explosions in both
        # directions of the frontline near the village.": the fire was exchanged, at the place
        # the lede named (another place was told apart above)
        return True
    if main.family == GENERIC_FAMILY and trigger.priority >= SPECIFIC_PRIORITY and follows:
        return True  # "... killed 12 people. The air strikes hit a market": the lede's weapon
    refers_back = _ANAPHOR.search(text, max(candidate.left, trigger.start - 20), trigger.start)
    return bool(refers_back and trigger.event_type in VIOLENT and main.event_type in VIOLENT)


# "as fighting reached the city", "when the fighting spread to the town": the fight arriving at
# the town the story has just told of.
_REACHES_TOWN = re.compile(r"\s+(?:reached|spread (?:to|into)|engulfed|swept (?:into|through)|"
                           r"closed in on|neared|approached)\s+the\s+(?:city|town|village|capital)\b",
                           re.IGNORECASE)


def _reaches_the_town(text: str, event: Event, candidate: Candidate,
                      own_date: EventDate | None) -> bool:
    """A fight that "reached the city", told right after a violent event in that city, with no
    date of its own, is that event's fighting ("M23 said it had taken Goma ... Inmates escaped
    from Munzenze prison as fighting reached the city"): read before the places are compared, as
    the prison the inmates came "from" is no other place of the fight."""
    trigger = candidate.trigger
    return own_date is None and event.main.trigger.event_type in VIOLENT and \
        trigger.event_type == "Battles" and _RECIPROCAL.fullmatch(trigger.text) is not None and \
        candidate.sentence - event.last_sentence <= 1 and \
        _REACHES_TOWN.match(text, trigger.end, candidate.right) is not None


def _contradicts(text: str, event: Event, candidate: Candidate) -> bool:
    """Another source's account of the same moment that does not agree ("The army said its
    units had withdrawn in good order"), close after the event's own account."""
    sources = event.sources()
    others = [a for a in candidate.attributions if a.source.casefold() not in sources]
    return bool(sources and others and candidate.date is None
                and candidate.sentence - event.last_sentence <= 2
                and _CONTRAST.search(text, candidate.left, candidate.right))


def group_events(text: str, candidates: list[Candidate]) -> list[Event]:
    events: list[Event] = []
    previous: Candidate | None = None
    for candidate in candidates:
        # Past the lede, a weapon named with nothing done with it is background too; but an
        # account in the past perfect ("the army said its units had withdrawn") may contradict
        # the event just told.
        if events and candidate.trigger.family == SECURITY_MEASURE:
            # A curfew or a state of emergency told after an attack or a protest is the
            # authorities' response to it, no account of the event: an event of its own only
            # when the report leads with it.
            continue
        background = (events and _bare_weapon(text, candidate)) or (
            _is_background(text, candidate)
            and (events or _CUMULATIVE.search(text, candidate.left, candidate.right)))
        if background:
            if events and _contradicts(text, events[-1], candidate):
                events[-1].contradicting.append(candidate)
                previous = candidate
            continue
        target = None
        if events and previous is not None:
            target = next((e for e in reversed(events) if _joins(text, e, candidate, previous)),
                          None)
            if target is None and _contradicts(text, events[-1], candidate):
                events[-1].contradicting.append(candidate)
                previous = candidate
                continue
        if target is None and events and candidate.date is None and _refers_back(text, candidate):
            continue  # "the fighting", "the offensive": an event already told, or background
        if target is None:
            events.append(Event(candidate, [candidate]))
        else:
            target.parts.append(candidate)
            if target.main.trigger.family == GENERIC_FAMILY and \
                    candidate.trigger.priority >= SPECIFIC_PRIORITY and \
                    candidate.trigger.family != GENERIC_FAMILY and \
                    not _HEARD.search(text, candidate.left, candidate.right):
                # the weapon the next sentence names decides the type; gunfire only heard
                # ("Heavy gunfire was heard in the district") says nothing of who was fired at
                target.main = candidate
            elif target.main.trigger.sub_event_type == _ABDUCTION and \
                    _kills(text, candidate.trigger):
                target.main = candidate  # "... his corpse was found": the abduction ended in death
            elif candidate.trigger.family in _TWO_SIDED and \
                    target.main.trigger.event_type != "Battles":
                _answered(target, candidate)
            elif candidate.trigger.event_type == "Riots" and \
                    target.main.trigger.event_type == "Protests":
                target.main = candidate  # a protest that turned violent is a riot
        previous = candidate
    return events


def _answered(event: Event, reply: Candidate) -> None:
    """The target fought back ("Police returned fire"): the attack becomes the clash the reply
    makes it, and keeps its own words and sides (who attacked whom)."""
    attack = event.main
    clash = replace(attack.trigger, sub_event_type=reply.trigger.sub_event_type,
                    event_type=reply.trigger.event_type, family=RETURN_FIRE)
    event.main = replace(attack, trigger=clash)
    event.parts = [event.main if part is attack else part for part in event.parts]


_DETAIL_SENTENCES = 2


def attach_details(events: list[Event], candidates: list[Candidate],
                   sentences: Sentences) -> None:
    """Give each event the sentences after its last part that hold no candidate, up to the next
    candidate's sentence and at most two."""
    taken = {c.sentence for c in candidates}
    for event in events:
        last = event.last_sentence
        for number in range(last + 1, min(last + 1 + _DETAIL_SENTENCES, len(sentences))):
            if number in taken:
                break
            event.details.append(sentences[number])


# What a second source says when its account does not agree with the first: a denial, a
# rejection, or the other side's version of the outcome. Denials deny the event itself,
# wherever they stand.
_DENIAL_WORDS = (r"false|fabricated|baseless|propaganda|untrue|denied|denies|did not (?:take place|"
                 r"happen)|never happened|staged")
_DENIAL = re.compile(rf"\b(?:{_DENIAL_WORDS})\b", re.IGNORECASE)
# After the event, the other side's account may also say it held or withdrew. Between two
# sentences that tell the event, a withdrawal or a "still holds" goes on telling it ("the RSF
# said its men had withdrawn to save lives" after the army retook the city): only denials count
# there.
_COUNTER = re.compile(
    r"\b(?:withdr[ae]wn?|withdrew|retreated|repell?ed|repulsed|regrouped|still (?:held|holds|"
    r"controls?)|remain(?:ed|s)? in control|in control of|no (?:casualties|losses|civilians)|"
    r"rejected|dismissed|contradicted|disputed|a different account|did not use|provocation|"
    rf"(?:its|their) (?:own )?(?:strike|forces) had hit|{_DENIAL_WORDS})\b",
    re.IGNORECASE)
_ACCOUNT_SENTENCES = 3


def find_counter_accounts(text: str, events: list[Event], sentences: Sentences) -> None:
    """Add to each event the accounts of the next few sentences that another source gives
    against it ("The Congolese army said its units had withdrawn in good order"), up to the
    next event's sentence. They make the event contested."""
    starts = sorted(e.first_sentence for e in events)
    told = {p.sentence for e in events for p in e.parts}
    for event in events:
        last = event.last_sentence
        following = [s for s in starts if s > last]
        stop = min([*following, last + 1 + _ACCOUNT_SENTENCES, len(sentences)])
        sources = event.sources()
        seen = {c.sentence for c in event.contradicting}
        # A denial may come between two sentences that tell the event ("... denied any chemical
        # attack took place. Trump said there would be a price to pay for the attack in Douma."):
        # the gaps the event's own sentences leave are read as well as the sentences after it.
        gaps = [n for n in range(event.first_sentence + 1, last) if n not in told]
        for number in [*gaps, *range(last + 1, stop)]:
            if number in seen:
                continue
            left, right = sentences[number]
            accounts = [a for a in find_attributions(text, left, right)
                        if a.source.casefold() not in sources]
            counter = _DENIAL if number < last else _COUNTER
            if accounts and counter.search(text, left, right):
                event.contradicting.append(Account(number, left, right, accounts))
