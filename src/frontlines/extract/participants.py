"""Who took part in an event: actor1, the initiator, and actor2, the side it was done to.

actor1 is read at the clause's first action (roles.py says how); where the text leaves the attacker
unnamed, three things news writes name it: a nationality on the weapon ("Russian missiles"), a
claim of responsibility or a blame ("Islamic State claimed the attack", "State media blamed
Israel"), and a pronoun or description for a group named before ("they stormed the base").
actor2 is the target: civilians for violence against civilians and for strikes whose dead are
people, the other side of a fight, the force that met a protest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from frontlines.extract.actors import Actor, ActorCatalogue, ActorMention
from frontlines.extract.casualties import find_casualties
from frontlines.extract.classify import Trigger
from frontlines.extract.focus import country_words
from frontlines.extract.gangs import gang_actor
from frontlines.extract.grouping import Candidate, Event, is_instrument
from frontlines.extract.ontology import TERRITORIAL
from frontlines.extract.roles import initiating_actor, responsibility_spans
from frontlines.extract.sentences import Sentences

# Words that stand for an actor named before: a pronoun or a definite description.
_PRONOUN_SUBJECT = re.compile(
    r"\b(?P<pronoun>they|(?:its|their) (?:fighters|militants|forces|troops|members|gunmen|men))\b"
    r"[^,;]*$|"
    r"\bthe (?:group|militants|jihadists|rebels|insurgents|fighters|attackers|militia|"
    r"militiamen|movement|organisation|organization|extremists|assailants)\b[^,;]*$",
    re.IGNORECASE,
)


_STATE_KINDS = ("state",)
# Actor kinds that are no armed side: who they are never did the shooting.
_UNARMED_KINDS = ("civilians", "protesters", "rioters")
_FIGHTS = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_EXCHANGES_OF_FIRE = ("Battles", "Explosions/Remote violence")
# Strategic developments done to things, whose doer a report often names only further on.
_UNNAMED_DOERS = ("Looting/property destruction", "Disrupted weapons use", "Arrests")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class ActorIndex:
    """The catalogue's names in one article, scanned once and named for any country asked."""

    text: str
    catalogue: ActorCatalogue
    found: list[tuple[int, int, str]]
    _by_country: dict[str | None, list[ActorMention]] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str, catalogue: ActorCatalogue) -> ActorIndex:
        return cls(text, catalogue, catalogue.scan(text))

    def at(self, country: str | None) -> list[ActorMention]:
        if country not in self._by_country:
            self._by_country[country] = self.catalogue.localise(self.found, self.text, country)
        return self._by_country[country]

    def within(self, country: str | None, left: int, right: int) -> list[ActorMention]:
        return [m for m in self.at(country) if left <= m.start and m.end <= right]

    def local(self, country: str | None, left: int, right: int) -> list[ActorMention]:
        """The names within text[left:right], with offsets into that slice."""
        return [ActorMention(m.actor, m.start - left, m.end - left, m.text)
                for m in self.within(country, left, right)]


def _local(trigger: Trigger, offset: int) -> Trigger:
    return replace(trigger, start=trigger.start - offset, end=trigger.end - offset)


def _shift(mention: ActorMention | None, offset: int) -> ActorMention | None:
    if mention is None:
        return None
    return ActorMention(mention.actor, mention.start + offset, mention.end + offset, mention.text)


@dataclass(slots=True)
class Roles:
    actor1: Actor | None
    actor1_span: ActorMention | None
    actor2: Actor | None
    actor2_span: ActorMention | None
    civilian_targeting: bool


def _antecedent(all_actors: list[ActorMention], before: int) -> ActorMention | None:
    """The armed actor named last before `before`: what "they" and "the group" stand for."""
    armed = [m for m in all_actors if m.end <= before and m.actor.is_named_armed_group]
    return armed[-1] if armed else None


def find_roles(text: str, event: Event, sentences: Sentences, country: str | None,
               actors: ActorIndex, focus: str | None,
               previous_actor1: ActorMention | None = None) -> Roles:
    """actor1 and actor2 of `event`, with generic roles named for `country` (where the event
    happened) and antecedents looked up among the actors named for `focus` (the article's).
    `previous_actor1` is who did the event told before it, whom "they" goes on telling of."""
    catalogue = actors.catalogue
    candidate = event.main
    left, right = sentences[candidate.sentence]
    local_text = text[left:right]
    local_mentions = actors.local(country, left, right)
    actor1, mention1 = _anaphoric_subject(text, candidate, actors, focus, previous_actor1)
    owner = _weapon_owner(text, candidate, catalogue) if mention1 is None else None
    if owner is not None and candidate.trigger.start - owner.end <= 1:
        # "Russia strikes kill 120 IS group fighters": the country right before the weapon
        # fired it, whoever the sentence names after it.
        actor1, mention1 = owner.actor, owner
    elif mention1 is None:
        actor1, mention1 = _initiator(local_text, left, candidate, local_mentions, catalogue,
                                      country)
    if actor1 is not None and actor1.id == "unidentified-armed-group" and mention1 is None:
        found = owner or \
            _responsible(text, event, sentences, actors, country) or \
            _operation(text, event, sentences, actors, country) or \
            _during_operation(text, sentences[candidate.sentence], actors, country)
        found = found or _told_again_by_name(text, event, sentences, actors, country)
        if found is not None:
            actor1, mention1 = found.actor, found
        if found is None and candidate.trigger.event_type in _EXCHANGES_OF_FIRE:
            # "the OSCE SMM observed 40 explosions near Avdiivka": fire across a standing front
            # line is between its two sides, whoever the report leaves unnamed.
            side = catalogue.front_line_actor(country, candidate.date.value
                                              if candidate.date else None)
            actor1 = side or actor1
    elif actor1 is not None and actor1.id == "unidentified-armed-group":
        # "Gunmen attacked a gendarmerie school ... JNIM claimed responsibility": the report
        # calls the attackers by a role word, and the group that claimed the attack names them
        # (ACLED codes a claimed attack to its claimant). A blame is a weaker word than the
        # report's own "gunmen", and is not read here.
        found = _responsible(text, event, sentences, actors, country, claims_only=True)
        if found is not None:
            actor1, mention1 = found.actor, found
    elif actor1 is None and candidate.trigger.sub_event_type in _UNNAMED_DOERS:
        # "olive trees were cut down ... the attack was carried out by settlers", "police
        # seized ... in an operation": who did it is told as for an attack.
        found = _responsible(text, event, sentences, actors, country) or \
            _operation(text, event, sentences, actors, country)
        if found is not None:
            actor1, mention1 = found.actor, found
    repelled = _repelled_attacker(text, sentences[candidate.sentence], actors.at(country)) \
        if candidate.trigger.event_type in _FIGHTS else None
    if repelled is not None:
        actor1, mention1 = repelled.actor, repelled
    if actor1 is not None and actor1.id == "unidentified-armed-group":
        # "a man was shot dead in a drive-by", "gunmen ... the attack was linked to a criminal
        # group": where ACLED codes gang violence, an unattributed attack tied to organised crime
        # is a gang's.
        first = event.main.sentence
        window = text[sentences[first][0]:sentences[min(first + 2, len(sentences) - 1)][1]]
        gang = gang_actor(window, catalogue, country)
        if gang is not None:
            actor1 = gang
    actor2, mention2 = _target(text, event, actors.at(country), actor1, catalogue, country)
    if candidate.trigger.sub_event_type == "Excessive force against protesters" and actor2:
        # ACLED: the force that used it is actor1, the protesters actor2.
        actor1, mention1, actor2, mention2 = actor2, mention2, actor1, mention1
    targeting = bool(actor2 is not None and actor2.kind == "civilians" and (
        candidate.trigger.event_type in ("Violence against civilians", "Riots")
        or (candidate.trigger.event_type == "Explosions/Remote violence" and mention2 is not None
            and mention2.start >= candidate.trigger.end
            and mention2.start - candidate.trigger.end < 40)))
    return Roles(actor1, mention1, actor2, mention2, targeting)


def _told_again_by_name(text: str, event: Event, sentences: Sentences, actors: ActorIndex,
                        country: str | None) -> ActorMention | None:
    """The armed group that does the event in another telling of it. A headline or lede says
    "Air strikes kill 32 in Idlib" and the next sentence "Syrian government air strikes killed
    at least 32 people": the report names the doer where it tells the event again, and only
    a named armed group (not a role word) is taken from there."""
    catalogue = actors.catalogue
    for part in event.parts:
        if part is event.main:
            continue
        left, right = sentences[part.sentence]
        actor, mention = _initiator(text[left:right], left, part,
                                    actors.local(country, left, right), catalogue, country)
        if actor is not None and mention is not None and actor.is_named_armed_group:
            return mention
    return None


def _initiator(local_text: str, left: int, candidate: Candidate,
               local_mentions: list[ActorMention], catalogue: ActorCatalogue,
               country: str | None) -> tuple[Actor | None, ActorMention | None]:
    """actor1 as roles.py reads it, at the clause's first action verb ("Al Shabaab fighters
    attacked a base ..., setting off hours of fighting"), which the type's precedence may not
    have picked, else at the trigger that decided the type."""
    actions = sorted((t for t in candidate.supporting if not is_instrument(t)),
                     key=lambda t: t.start)
    readings = [actions[0]] if actions and actions[0] is not candidate.trigger else []
    if candidate.trigger.event_type in ("Protests", "Riots"):
        # "police detained three activists taking part in a protest", "residents set up a tent
        # camp and protested": the crowd is actor1 by ACLED's convention, whatever acted first.
        readings = []
    for reading in [*readings, candidate.trigger]:
        actor, mention = initiating_actor(local_text, _local(reading, left), catalogue, country,
                                          local_mentions)
        if mention is not None:
            break
    return actor, _shift(mention, left)  # the trigger's reading when no reading named one


# "Afghan forces repelled a Taliban attack", "repulsed their attack": the side that attacked
# began the fight, not the side that held. ("thwarted an attack of pro-Houthi forces" is left
# to the subject: reports that name the attacker only after the attack are mostly the holding
# side's claims, which ACLED codes with the claimant first.)
_REPELLED = re.compile(
    r"\b(?:repel(?:led|s)?|repuls(?:ed|es|e)|thwart(?:ed|s)?|foil(?:ed|s)?|beat back|fought off|"
    r"fended off|pushed back)\s+(?P<own>their\s+|its\s+)?(?:an?\s+|the\s+)?"
    r"(?P<mod>(?:[\w'’-]+\s+){0,4}?)(?:attacks?|assaults?|incursions?|offensives?|advances?|"
    r"infiltration(?: attempts?)?|raids?)\b",
    re.IGNORECASE)


def _repelled_attacker(text: str, sentence: tuple[int, int],
                       mentions: list[ActorMention]) -> ActorMention | None:
    """The attacker of an attack the sentence says was repelled: named on the attack ("a Taliban
    attack"), or, for "their attack", the armed actor the
    sentence named before the side that repelled it ("15 Taliban were killed when Afghan forces
    repulsed their attack")."""
    left, right = sentence
    match = _REPELLED.search(text, left, right)
    if match is None:
        return None
    armed = [m for m in mentions if left <= m.start and m.end <= right
             and m.actor.kind not in _UNARMED_KINDS]
    if match.group("mod"):
        start, end = match.span("mod")
        named = [m for m in armed if start <= m.start and m.end <= end]
        if named:
            return named[0]
    if match.group("own"):
        before = [m for m in armed if m.end <= match.start()]
        # The last name before the verb is the side that repelled; "their" is one before it.
        if len(before) >= 2 and before[-1].actor.name != before[0].actor.name:
            return before[0]
    return None


def _anaphoric_subject(text: str, candidate: Candidate, actors: ActorIndex,
                       focus: str | None, previous_actor1: ActorMention | None = None,
                       ) -> tuple[Actor | None, ActorMention | None]:
    """"On Wednesday they stormed an army base": with no actor named between the clause's start
    and the trigger, a pronoun or a description ("the group", "the militants") there stands for
    the armed actor named last before the clause. A bare pronoun ("they", "its fighters") goes
    on telling of the subject of the event told before ("its fighters drove Iraqi troops out of
    Ramadi. Three days later they took Palmyra"), as news keeps one subject through a story."""
    trigger = candidate.trigger
    subject = _PRONOUN_SUBJECT.search(text, candidate.left, trigger.start)
    if not subject:
        return None, None
    if actors.within(focus, candidate.left, trigger.start):
        return None, None
    if subject.group("pronoun") and subject.group("pronoun").lower() == "they" and \
            previous_actor1 is not None and previous_actor1.end <= candidate.left and \
            previous_actor1.actor.is_named_armed_group:
        return previous_actor1.actor, previous_actor1
    antecedent = _antecedent(actors.at(focus), candidate.left)
    return (antecedent.actor, antecedent) if antecedent else (None, None)


def _state_of(text: str, start: int, end: int, catalogue: ActorCatalogue) -> ActorMention | None:
    """A country named or described ("Israel", "Russian") in text[start:end], as its armed
    forces: who fires a country's missiles or is blamed for a strike is its military."""
    found = country_words().find(text, start, end)
    if not found:
        return None
    match = found[0]
    forces = catalogue.generic("state-military", match.value)
    return ActorMention(forces, match.start, match.end, text[match.start:match.end]) \
        if forces else None


def _weapon_owner(text: str, candidate: Candidate,
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


def _responsible(text: str, event: Event, sentences: Sentences, actors: ActorIndex,
                 country: str | None, claims_only: bool = False) -> ActorMention | None:
    """Who claimed the attack or was blamed for it, in the event's sentence or the next few:
    "Islamic State claimed the attack", "State media blamed Israel", "officials accused Russian
    forces of firing a missile". The claimant or the accused is the initiator the text offers;
    the claim itself stays in the attribution. `claims_only`: claims of responsibility, not
    blames."""
    first = event.main.sentence
    for number in range(first, min(first + 4, len(sentences))):
        left, right = sentences[number]
        for start, end, named_last in responsibility_spans(text, left, right, claims_only):
            if not claims_only and _blame_denied(text, sentences, number, start):
                continue
            named = [m for m in actors.within(country, start, end)
                     if m.actor.kind not in _UNARMED_KINDS]
            if named:
                return named[-1] if named_last else named[0]
            state = _state_of(text, start, end, actors.catalogue)
            if state is not None:
                return state
    return None


# "Government officials blamed the Taliban. The group denied any role": a blame the accused
# rejects leaves the attacker unidentified, as ACLED codes a disputed attribution. (A claim of
# responsibility reads as a claim whatever else is said.)
_DENIED_ROLE = re.compile(r"\b(?:denied|denies|rejected|rejects)\s+(?:any\s+)?(?:role|involvement|"
                          r"responsibility|(?:it|they|that it|that they) (?:was|were|had)\b)",
                          re.IGNORECASE)


def _blame_denied(text: str, sentences: Sentences, number: int, start: int) -> bool:
    """Whether the span at `start` is a blame (not a claim) that its sentence or the next one
    says was denied."""
    claim = _CLAIM_WORDS.search(text, start, sentences[number][1])
    if claim is not None:
        return False
    right = sentences[min(number + 1, len(sentences) - 1)][1]
    return _DENIED_ROLE.search(text, start, right) is not None


_CLAIM_WORDS = re.compile(r"\b(?:claimed|claims|claim|said it|says it|announced)\b", re.IGNORECASE)


# "The Military Police carried out an operation in Vila Ipiranga. A suspect was shot and died.":
# a force that ran an operation, told just before or in the same sentence, fired the shots that
# the report tells without naming who fired them.
_OPERATION = re.compile(r"\b(?:carried out|conducted|launched|began|staged|mounted|led)\s+"
                        r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?"
                        r"(?:operations?|raids?|crackdown|sweeps?|patrols?|search)\b", re.IGNORECASE)


def _operation(text: str, event: Event, sentences: Sentences, actors: ActorIndex,
               country: str | None) -> ActorMention | None:
    """The armed actor that carried out an operation in the event's sentence or the one before
    it, when the event itself names no perpetrator."""
    main = event.main.sentence
    for number in (main, main - 1):
        if number < 0:
            continue
        left, right = sentences[number]
        for match in _OPERATION.finditer(text, left, right):
            named = [m for m in actors.within(country, left, match.start())
                     if m.actor.kind not in _UNARMED_KINDS]
            if named:
                return named[-1]
    return None


# "a drug suspect was killed during a police raid", "killed during an operation by the Special
# Units", "during army clearance operations": the force whose operation it was did the killing.
_DURING = re.compile(
    r"\b(?:during|in|amid)\s+(?:an?\s+|the\s+|a joint\s+|joint\s+)?"
    r"(?P<inside>(?:[\w'’.-]+\s+){0,7}?)(?:raids?|operations?|crackdowns?|sweeps?|"
    r"offensives?|ambush(?:es)?)\b(?:\s+(?:by|of|led by|carried out by|conducted by)\s+"
    r"(?:the\s+)?(?P<by>[^.;,]{3,80}))?",
    re.IGNORECASE)


def _during_operation(text: str, sentence: tuple[int, int], actors: ActorIndex,
                      country: str | None) -> ActorMention | None:
    """The armed actor whose raid or operation the event happened during, in its sentence."""
    left, right = sentence
    for match in _DURING.finditer(text, left, right):
        for group in ("inside", "by"):
            if not match.group(group):
                continue
            start, end = match.span(group)
            named = [m for m in actors.within(country, start, end)
                     if m.actor.kind not in _UNARMED_KINDS
                     and m.actor.id != "unidentified-armed-group"]
            if named:
                return named[0]
    return None


def _target(text: str, event: Event, all_actors: list[ActorMention],
            actor1: Actor | None, catalogue: ActorCatalogue,
            country: str | None) -> tuple[Actor | None, ActorMention | None]:
    """actor2: who the event was done to. Civilians for violence against civilians; for fights
    and strikes, the other side named in the clause (after the trigger first), else civilians when
    the dead it counts are civilians; for protests met with force, the force; none for a peaceful
    protest or a unilateral act."""
    candidate = event.main
    trigger = candidate.trigger
    # "... destroyed several tombs in Timbuktu, residents said": who tells it is no target.
    in_clause = [m for m in all_actors if candidate.left <= m.start and m.end <= candidate.right
                 and (actor1 is None or m.actor.name != actor1.name)
                 and not _SAYS_AFTER.match(text, m.end)]
    if trigger.event_type in ("Protests", "Riots") and trigger.sub_event_type != "Mob violence":
        if trigger.sub_event_type == "Peaceful protest":
            return None, None
        # The force that met it: in the protest's clauses or the sentences that tell how it
        # ended ("Police dispersed them with tear gas").
        spans = [(p.left, p.right) for p in event.parts] + event.details
        force = [m for m in all_actors if m.actor.kind in _STATE_KINDS
                 and any(left <= m.start and m.end <= right for left, right in spans)]
        return (force[0].actor, force[0]) if force else (None, None)
    if trigger.sub_event_type in TERRITORIAL:
        # The side that lost the place: named inside the trigger ("drove IS out of") or after
        # "from" ("retook the town from the rebels").
        losers = [m for m in in_clause if (trigger.start <= m.start and m.end <= trigger.end)
                  or _FROM.search(text, max(trigger.end, m.start - 12), m.start)]
        if losers:
            return losers[0].actor, losers[0]
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


_SAYS_AFTER = re.compile(r"\s+(?:have\s+|had\s+)?(?:said|say|says|told|reported)\b")
_CIVILIAN_VICTIMS = re.compile(
    r"^(?:people|civilians?|children|women|men|residents|villagers|worshippers|passengers|"
    r"students|pupils|shoppers|families|afghans|iraqis|syrians|yemenis|ukrainians|somalis|"
    r"nigerians|pilgrims|mourners|guests|patients|workers|farmers|fishermen|bystanders)$",
    re.IGNORECASE)


def _civilian_dead(text: str, event: Event) -> bool:
    """A strike whose dead the text counts as people or civilians, not as fighters."""
    for part in event.parts:
        for count in find_casualties(text[part.left:part.right]):
            if count.kind == "killed" and count.victims and _CIVILIAN_VICTIMS.match(count.victims):
                return True
    return False
