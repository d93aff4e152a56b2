"""Which ACLED sub-event type a passage reports, from the words that trigger it.

Trigger patterns live in data/triggers.json. A passage usually holds several triggers ("militants
stormed the town, shelled the base and killed three civilians"); the highest priority wins, following
ACLED's precedence. Three families need the sentence around the trigger:
- *target*: "attacked", "killed", "opened fire" are Violence against civilians when the target is
  civilian, an Armed clash when it is armed;
- *territory*: a capture is "Government regains territory" when state forces take it, "Non-state
  actor overtakes territory" otherwise (the side named after "from" is the loser);
- *protest*: how it ended decides the sub-type (excessive force > violent > intervention > peaceful).
A trigger under a negation or modal cue ("could attack", "denied shelling", "vowed to retake") is not
a report that something happened, and is set aside with its modality.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from frontlines.data_files import load_data_file
from frontlines.extract.ontology import sub_event_types
from frontlines.extract.sentences import Sentences
from frontlines.extract.word_patterns import words_pattern

_TARGET_FAMILIES = ("ATTACK_OR_CLASH", "DIRECT_FIRE", "EXCHANGE", "RETURN_FIRE")
RETURN_FIRE = "RETURN_FIRE"
_PROTEST_FAMILIES = ("PROTEST", "PROTEST_ACTION", "PROTEST_DEMAND")
# "Workers of a construction company demanded their wages": a demand is a protest when a crowd
# makes it (the government's demands are not); read in the sentence before the trigger.
_CROWD_DEMAND = "PROTEST_DEMAND"
SECURITY_MEASURE = "SECURITY_MEASURE"  # a family of Change to group/activity: curfews, bans


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger in the text: its sub-event type (after context rules), offsets, and whether it
    reports something that happened."""

    sub_event_type: str
    event_type: str
    start: int
    end: int
    text: str
    priority: int
    factual: bool
    cue: str | None = None  # the negation or modal cue that made it not factual
    family: str = ""  # the trigger family of data/triggers.json it came from


@dataclass(frozen=True, slots=True)
class _Lexicon:
    patterns: tuple[tuple[str, int, str | None, str | None, re.Pattern[str]], ...]
    modality: re.Pattern[str]
    outcomes: tuple[tuple[str, re.Pattern[str]], ...]
    civilian: re.Pattern[str]
    armed: re.Pattern[str]
    state: re.Pattern[str]
    grievance: re.Pattern[str]
    crowd: re.Pattern[str]
    doers: re.Pattern[str]  # crowd_subjects and crowd_doers: a crowd as who acts
    participants: re.Pattern[str]
    non_conflict: re.Pattern[str]
    non_conflict_after: re.Pattern[str]  # "killed in a flood", "died after the collapse"
    accidents: re.Pattern[str]
    crude_weapons: re.Pattern[str]
    movement: re.Pattern[str]  # "a convoy entered Idlib": movement, not a capture
    armed_victim: re.Pattern[str]  # "the victim had charges against him for drug trafficking"
    property: re.Pattern[str]  # buildings, vehicles, pipelines: an attack on them harms no one
    priority_of: dict[str, int]  # each trigger family's priority, by name


def _words(alternatives: list[str]) -> re.Pattern[str]:
    return words_pattern(alternatives, re.IGNORECASE)


@cache
def _lexicon(path: str | None = None) -> _Lexicon:
    data = load_data_file("triggers.json", path)
    known = sub_event_types()
    patterns = []
    for name, entry in data["sub_event_types"].items():
        if name not in known and name not in (*_TARGET_FAMILIES, *_PROTEST_FAMILIES) and \
                entry.get("sub_event_type") not in known:
            raise ValueError(f"triggers.json names an unknown sub-event type {name!r}")
        patterns.append((name, int(entry["priority"]), entry.get("context"),
                         entry.get("default") or entry.get("sub_event_type"),
                         _words(entry["patterns"])))
    cues = [c for c in data["modality_cues"] if c != "may"]
    # "may" is a modal only in lower case: "May" is mostly the month.
    modality = re.compile(r"\b(?:(?i:" + "|".join(cues) + r")|may)\b")
    outcomes = tuple((name, _words(p)) for name, p in data["protest_outcomes"].items())
    return _Lexicon(
        patterns=tuple(sorted(patterns, key=lambda item: -item[1])),
        modality=modality,
        outcomes=outcomes,
        civilian=_words(data["civilian_targets"]),
        armed=_words(data["armed_targets"]),
        state=_words(data["state_subjects"]),
        grievance=_words(data["grievance_markers"]),
        crowd=_words(data["crowd_subjects"]),
        doers=_words([*data["crowd_subjects"], *data["crowd_doers"]]),
        participants=_words(data["protest_participants"]),
        non_conflict=_words(data["non_conflict_causes"]),
        non_conflict_after=re.compile(
            r"\s*(?:in|by|after|during) (?:a |an |the )?(?:\w+ )?(?:"
            + "|".join(data["non_conflict_causes"]) + r")\b", re.IGNORECASE),
        accidents=_words(data["accident_causes"]),
        crude_weapons=_words(data["crude_weapons"]),
        movement=_words(data["movement_subjects"]),
        armed_victim=_words(data["armed_victims"]),
        property=_words(data["property_targets"]),
        priority_of={name: priority for name, priority, *_ in patterns},
    )


# "is" only in lower case or as a sentence's first word: "IS attacked a convoy" names Islamic State,
# it is no passive.
PASSIVE_AUXILIARY = re.compile(r"\b(?:(?i:was|were|been|being|are|got)|is|Is)\s+(?:\w+ly\s+)?$")
_CLAUSE_END = re.compile(r"[.;:!?]|,\s+(?:but|while|whereas|and)\b|\bbut\b")


# Entering a place is taking it when fighters do it; the movement check reads who did. An entry
# the other side left open ("entered the city after Russian forces withdrew", "as US troops
# pulled out", "without a fight") is a non-violent transfer, as ACLED codes it.
_FORCES = re.compile(r"\b(?:military|army|troops|forces|soldiers|armou?red|columns?|"
                     r"reinforcements|patrols?)\b", re.IGNORECASE)
_ENTRY = re.compile(r"entered|walked into|rolled into|swept into|marched into|poured into",
                    re.IGNORECASE)
_UNOPPOSED = re.compile(r"\b(?:withdr(?:ew|awn|awal)|pull(?:ed|s)? ?out|pullout|retreated|"
                        r"without (?:a fight|a battle|a shot|resistance|fighting)|no fighting)\b",
                        re.IGNORECASE)


def _cue_before(text: str, start: int, lexicon: _Lexicon) -> str | None:
    """A negation or modal cue among the few words before the trigger, in the same clause."""
    window = text[max(0, start - 60):start]
    clause = _CLAUSE_END.split(window)[-1]
    words = clause.split()[-6:]
    match = lexicon.modality.search(" ".join(words))
    return match.group(0) if match else None


# A word for civilians right before a word for a force is the force's modifier, and the force the
# head of the phrase: "a chief police officer", "a civilian police patrol".
_MODIFIER_GAP = re.compile(r"\s+(?:(?!(?:and|or|nor|but|with)\b)[\w-]+\s+)?")


def _resolve_target(text: str, start: int, end: int, lexicon: _Lexicon, default: str,
                    sentences: Sentences, armed_names: tuple[tuple[int, int], ...] = ()) -> str:
    """Attack on civilians or clash with armed men: the first target named after the trigger
    (else before it, for passives), in the trigger's sentence. A crowd as the attacker (villagers,
    residents, youths) is mob violence, whoever it attacks. `armed_names` are the spans of armed
    organisations' names (from the actor catalogue): "a QSD member" is a fighter."""
    left, right = sentences.around(start, end)
    subject = text[left:start]
    after = text[end:right]
    # "was attacked by gunmen", "three farmers were killed", "a shopkeeper was beaten to death
    # by police": the subject is the target.
    passive = (re.match(r"\s*by\b", after) is not None
               or PASSIVE_AUXILIARY.search(subject) is not None
               or _PASSIVE_TRIGGER.match(text, start, end) is not None)
    crowds = [m for m in lexicon.doers.finditer(subject)
              if not _OBJECT_BEFORE.search(subject, 0, m.start())
              and not _UNKNOWN_DOERS.search(subject, 0, m.start())
              and not _SUFFERED.match(subject, m.end())
              # "crucifying two people and executing 23 others": people a verb acted on
              and (lexicon.crowd.fullmatch(m.group(0))
                   or not _VERB_BEFORE.search(subject, 0, m.start()))]
    if crowds and not lexicon.armed.search(subject) and not passive:
        return "Mob violence"
    # "a suspected thief was beaten up by locals": the crowd after "by" acted.
    agent = re.match(r"\s*(?:\w+\s+){0,2}?by\b([^,.;]{1,60})", after)
    agent_phrase = _SIDE_END.split(agent.group(1), maxsplit=1)[0] if agent else ""
    if lexicon.doers.search(agent_phrase) and not lexicon.armed.search(agent_phrase) and \
            not _UNKNOWN_DOERS.search(agent_phrase):
        return "Mob violence"
    if _property_only(text, start, end, after, passive, lexicon, sentences):
        return _PROPERTY
    if passive:
        after = ""  # the target is the subject, before the trigger
    civilian = lexicon.civilian.search(after)
    # A named organisation counts as the target in the object phrase only ("killed 25 members of
    # the Nusra Front"), not where the sentence goes on to say where ("in a town held by IS").
    phrase = _OBJECT_END.search(after)
    armed_at = _first_armed(lexicon.armed.search(after), end, armed_names,
                            end + (phrase.start() if phrase else len(after)))
    if _OFF_DUTY.search(text, left, right):
        return "Attack"  # "shot an off-duty soldier": a member of a force, not in a fight
    if civilian or armed_at is not None:
        if civilian and (armed_at is None or end + civilian.start() < armed_at) and \
                not (armed_at is not None and
                     _MODIFIER_GAP.fullmatch(text, end + civilian.end(), armed_at)):
            return _armed_victim(text, start, lexicon, sentences)
        return "Armed clash"
    before = text[left:start]
    civilians_before = list(lexicon.civilian.finditer(before))
    armed_before = _phrases(lexicon.armed.finditer(before), before)
    named_before = [s - left for s, e in armed_names if left <= s and e <= start]
    if civilians_before and named_before and passive and \
            named_before[-1] > civilians_before[-1].start():
        return "Armed clash"  # "two NDS members were shot": the organisation's members
    if civilians_before and (not armed_before or civilians_before[-1].start() >
                             armed_before[-1].start()):
        return _armed_victim(text, start, lexicon, sentences)
    if passive and (armed_before or named_before):
        return "Armed clash"
    if armed_before and len(armed_before) > 1:
        return "Armed clash"
    # No target named: killings by gunmen are mostly of civilians, bare gunfire mostly exchanges.
    return _armed_victim(text, start, lexicon, sentences) if default == "Attack" else default


_PROPERTY = "Looting/property destruction"
# Someone killed, hurt or taken, or shots fired (at a house, at whoever is in it): an attack on a
# building with people in it is an attack on them.
_HARMED = re.compile(r"\b(?:kill\w*|dead|died|deaths?|fatalit\w+|injur\w*|wound\w*|hurt|"
                     r"beat(?:en|ing)?|abduct\w*|kidnap\w*|hostages?|arrest\w*|detain\w*|"
                     r"shot|shots|shoot\w*|gunshots?|gunfire|opened fire)\b", re.IGNORECASE)


def _property_only(text: str, start: int, end: int, after: str, passive: bool,
                   lexicon: _Lexicon, sentences: Sentences) -> bool:
    """Whether the attack's target is property and no one is told harmed ("raided several
    houses, taking away clothes", "the pipeline was attacked"): ACLED codes such raids and
    arson as Looting/property destruction. The target is the object phrase after the trigger,
    or for a passive the subject's last words before it; people or a force in it, or anyone
    killed, hurt or taken in the trigger's sentence or the next, make it an attack."""
    if passive:
        left, _ = sentences.around(start, end)
        target = re.split(r"[,;:]", text[left:start])[-1]
    else:
        phrase = _OBJECT_END.search(after)
        target = after[:phrase.start()] if phrase else after
    found = lexicon.property.search(target)
    if found is None or lexicon.armed.search(target):
        return False
    if any(not lexicon.property.fullmatch(m.group(0)) for m in lexicon.civilian.finditer(target)):
        return False  # "attacked the residents of ...": people
    number = sentences.index(start)
    left = sentences[number][0]
    right = sentences[min(number + 1, len(sentences) - 1)][1]
    return _HARMED.search(text, left, right) is None


# "was beaten", "were found dead", "body was found": a trigger that is itself a passive.
# ("were reported to have beaten" is no passive: someone was said to have done it.)
_PASSIVE_TRIGGER = re.compile(r"(?:(?:\w+\s+){1,3})?(?:was|were|been|being)\b"
                              r"(?!(?:\s+\w+){0,2}\s+(?:to )?(?:have|has|had)\b)", re.IGNORECASE)


def _first_armed(match: re.Match[str] | None, offset: int, armed_names: tuple[tuple[int, int], ...],
                 limit: int) -> int | None:
    """Where the first armed target after the trigger starts, in text offsets: a word for
    fighters or a catalogued armed organisation's name."""
    found = [offset + match.start()] if match else []
    found += [s for s, e in armed_names if offset <= s and e <= limit]
    return min(found) if found else None


def _armed_victim(text: str, start: int, lexicon: _Lexicon, sentences: Sentences) -> str:
    """A victim the report itself says was armed or in a gang ("The victim had charges against
    him for drug trafficking", "the victim was a gang member"): ACLED codes the killing as a
    fight between armed groups, not an attack on a civilian. Read in the trigger's sentence and
    the next."""
    number = sentences.index(start)
    left = sentences[number][0]
    right = sentences[min(number + 1, len(sentences) - 1)][1]
    return "Armed clash" if lexicon.armed_victim.search(text, left, right) else "Attack"


def _phrases(matches: Iterator[re.Match[str]], text: str) -> list[re.Match[str]]:
    """Matches, with those that run into each other ("police forces", "security forces
    personnel") counted once: one armed party, not two sides."""
    kept: list[re.Match[str]] = []
    for match in matches:
        if kept and not text[kept[-1].end():match.start()].strip(" -"):
            continue
        kept.append(match)
    return kept


def _resolve_clash(text: str, start: int, end: int, lexicon: _Lexicon,
                   sentences: Sentences) -> str:
    """Fighting between crowds, communities or party supporters, or with axes and sticks, is mob
    violence unless an armed force takes part; a crowd that fights an armed force is a mob too."""
    left, right = sentences.around(start, end)
    subordinate = _SUBORDINATE.search(text, left, start)
    if subordinate is not None:
        # "Thousands of inmates escaped from the prison as fighting reached the city": the fight
        # has a clause of its own, and the crowd of the main clause is not one of its sides.
        left = subordinate.start()
    sentence = text[left:right]
    # "The two sides exchanged fire and used rocket-propelled grenades": families or clans that
    # fight with guns are armed groups (ACLED's identity militias), not a mob.
    number = sentences.index(start)
    told = text[left:sentences[number + 1][1]] if number + 1 < len(sentences) else sentence
    if _FIREARMS.search(told):
        return "Armed clash"
    unorganised = lexicon.crowd.search(sentence) or lexicon.crude_weapons.search(sentence)
    if unorganised and not lexicon.armed.search(sentence) and not lexicon.state.search(sentence):
        return "Mob violence"
    # "Villagers clashed with police": a crowd is no organised armed group, whoever it fights;
    # "a clash erupted between police and shopkeepers" names its sides after the trigger, and
    # then the words before it only say where and when.
    between = _BETWEEN.match(text, end, right)
    sides = re.split(r"\band\b", _SIDE_END.split(between.group(1), maxsplit=1)[0],
                     maxsplit=1) if between else [text[left:start]]
    for side in sides:
        if lexicon.doers.search(side) and not lexicon.armed.search(side) and \
                not _UNKNOWN_DOERS.search(side):
            return "Mob violence"
    return "Armed clash"


_AIR_STRIKE = "Air/drone strike"
# Aircraft as the subject of a verb of flight or of striking: "Russian jets returned to the skies
# over Aleppo, striking near the university and killing civilians", "warplanes carried out raids".
_AIRBORNE = re.compile(r"\b(?:war ?planes?|(?:fighter )?jets?|aircraft|helicopters?|gunships?|"
                       r"drones?|bombers?)\s+(?:\w+\s+)?(?:returned|flew|swooped|struck|bombed|"
                       r"hit|targeted|pounded|launched|carried out|conducted|fired|attacked|"
                       r"raided|circled|dropped|rained)\b", re.IGNORECASE)
# Before the aircraft, a verb or a conjunction makes it the object of someone else's act or
# another clause ("soldiers shot down two drones", "gunmen attacked after helicopters flew over").
# (An adjective in -ed is no verb: "Saudi-led", "armed drones", "unmanned aircraft".)
_ACT_BEFORE = re.compile(r"(?<!-)\b(?!(?:armed|unmanned|unidentified|suspected|alleged|combined|"
                         r"allied|united|advanced)\b)(?:[a-z]{2,}ed|shot|downed|as|after|when|while|"
                         r"before|by|shooting|downing|intercepting)\b")


def _flown(text: str, start: int, sentences: Sentences) -> bool:
    """Whether the generic killing or attack at `start` is told of aircraft ("Russian jets
    returned to the skies, ... killing civilians"): the air strike is how it was done."""
    left, _ = sentences.around(start)
    airborne = _AIRBORNE.search(text, left, start)
    return airborne is not None and _ACT_BEFORE.search(text, left, airborne.start()) is None


# A conjunction that opens a clause of which the trigger is the subject: "as fighting reached the
# city", "when heavy clashes broke out". ("as they clashed with the dealer": "they" is the crowd.)
_SUBORDINATE = re.compile(r"\b(?:as|when|while|after|before|until)\s+(?:the\s+)?"
                          r"(?:(?!(?:they|he|she|we|it|both|the)\b)[a-z]+\s+)?$", re.IGNORECASE)

_FIREARMS = re.compile(r"\b(?:exchanged (?:gun)?fire|gunfire|gunshots|fired (?:guns|rifles|shots)|"
                       r"rifles|firearms|automatic weapons|machine ?guns|rocket[- ]propelled "
                       r"grenades|rpgs?|shot dead|shot and killed)\b", re.IGNORECASE)


_SIDE_END = re.compile(r"\b(?:in|at|on|near|after|over|when|while|who|which|as|during|"
                       r"following)\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\s+(?:(?:erupted|broke out|ensued|took place|occurred)\s+)?"
                      r"(?:(?:in|at|on|near)\s+[^,.;]{1,60}?,?\s+)?between\s+"
                      r"([^,.;]{3,120})", re.IGNORECASE)


def _resolve_territory(text: str, start: int, end: int, trigger: str, lexicon: _Lexicon,
                       sentences: Sentences) -> str:
    """Who took the place: the subject before the trigger ("troops retook X from Y"), or the side
    after "fell to" or after "by" in a passive ("X was recaptured by troops")."""
    left, right = sentences.around(start, end)
    after = text[end:right]
    if re.match(r"(fell|fallen) to|the fall of", trigger, re.IGNORECASE):
        winner = after
    elif re.match(r"\s*by\b", after):
        winner = re.split(r"\bfrom\b", after, maxsplit=1)[0]
    else:
        winner = text[left:start]
    if lexicon.state.search(winner):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _protest_context(text: str, start: int, end: int, lexicon: _Lexicon,
                     sentences: Sentences) -> str:
    """What can tell how a protest went: its own sentence up to what it was against (a protest
    "against the arrest of ..." was not itself met with arrests), and the following sentences that
    speak of its participants ("Police dispersed them with tear gas")."""
    left, right = sentences.around(start, end)
    parts = [_without_grievances(text[left:right], lexicon)]
    following = sentences.index(right) if right < len(text) else len(sentences)
    for number in range(following, min(following + 2, len(sentences))):
        sentence = text[slice(*sentences[number])]
        if sentences[number][0] < right or not _CONTINUES_PROTEST.match(sentence):
            break  # background or another story: it says nothing of how this protest went
        parts.append(sentence)
    return " ".join(parts)


# A sentence that goes on with the protest opens with its participants, a pronoun or a word for
# them or for the protest ("the group", "the march"), the clashes it led to, the force that met
# them, or a count of those arrested or hurt.
_CONTINUES_PROTEST = re.compile(
    r"(?:they|them|clashes|(?:the )?(?:group|march|demonstration|protest|rally|"
    r"protesters|demonstrators|marchers|crowd|rioters|participants|"
    r"youths|workers|residents|students|inmates)|(?:the |local |riot )*(?:police|security forces|"
    r"officers|soldiers|troops|gendarmes|authorities)|\d+|several|some|many|dozens|hundreds|"
    r"at least|around|about|nearly|more than|over|up to|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|a (?:man|woman|number of)|there (?:was|were)|"
    # "Roads were barricaded with stones", "Chairs were burnt": what the protest did
    r"(?:[\w-]+ ){1,3}(?:was|were) (?:\w+ )?(?:burn|barricad|torch|smash|vandali|destroy|damag|"
    r"loot|set)\w*)\b",
    re.IGNORECASE,
)


def _resolve_protest(context: str, lexicon: _Lexicon) -> str:
    for name, pattern in lexicon.outcomes:  # ordered: excessive force, violent, intervention
        if pattern.search(context):
            return name
    return "Peaceful protest"


def _non_conflict(text: str, start: int, end: int, lexicon: _Lexicon,
                  sentences: Sentences) -> bool:
    """Deaths caused by floods, crashes or disease are news, but not conflict events."""
    left, right = sentences.around(start, end)
    if lexicon.accidents.search(text, left, right):
        return True  # anywhere in the sentence: "71 were killed when a truck ... overturned"
    return lexicon.non_conflict.search(text[left:start]) is not None or \
        lexicon.non_conflict_after.match(text, end, right) is not None


# A grievance phrase runs from its marker ("against", "over", "demanding") to the end of its noun
# phrase: a comma, a conjunction or the end of the sentence opens the next clause.
_CLAUSE_BREAK = re.compile(r",|;|\band\b|\bbut\b|\bwhile\b|\bwhen\b|\bbefore\b|\bafter\b")


def _grievance(text: str, start: int, protests: list[tuple[int, int]], lexicon: _Lexicon,
               sentences: Sentences) -> bool:
    """A trigger inside what a protest is against ("protested against the killing of ...",
    "demonstrated over air strikes") names the grievance, not an event of this report; a new
    clause after it ("... and clashed with police") reports what happened."""
    left, right = sentences.around(start)
    for p_start, p_end in protests:
        if left <= p_start and p_end <= start:
            marker = _IN_PROTEST.match(text, max(left, p_start - 3)) or \
                lexicon.grievance.search(text, p_end, start)
            if marker and not _CLAUSE_BREAK.search(text, marker.end(), start):
                return True
        elif start < p_start < right:
            # "families who say their children were kidnapped by the PKK held a sit-in": a
            # relative clause tells what the protesters are protesting.
            who = _WHO_SAY.search(text, left, start)
            if who is not None and not _CLAUSE_BREAK.search(text, who.end(), start):
                return True
    return False


_IN_PROTEST = re.compile(r"in protest (?:at|of|against)\b", re.IGNORECASE)
_WHO_SAY = re.compile(r"\b(?:who|whose)\s+(?:\w+\s+)?(?:claim|say|said|allege|accuse|complain)\w*\b",
                      re.IGNORECASE)


def _without_grievances(sentence: str, lexicon: _Lexicon) -> str:
    out, position = [], 0
    for marker in lexicon.grievance.finditer(sentence):
        if marker.start() < position:
            continue
        out.append(sentence[position:marker.start()])
        stop = _CLAUSE_BREAK.search(sentence, marker.end())
        position = stop.start() if stop else len(sentence)
    out.append(sentence[position:])
    return " ".join(out)


def find_triggers(text: str, lexicon_file: str | None = None,
                  sentences: Sentences | None = None,
                  armed_names: tuple[tuple[int, int], ...] = ()) -> list[Trigger]:
    """Every trigger in `text`, highest priority first, with offsets; overlapping matches keep
    the higher priority one. Pass `sentences` when the caller has split `text` already, and
    `armed_names`, the spans of armed organisations' names, when the actors are known."""
    lexicon = _lexicon(lexicon_file)
    sentences = sentences or Sentences(text)
    catalogue = sub_event_types()
    taken: list[tuple[int, int]] = []
    found: list[Trigger] = []
    protests = [
        (m.start(), m.end())
        for name, _, _, _, pattern in lexicon.patterns if name in _PROTEST_FAMILIES
        for m in pattern.finditer(text)
    ]
    # Every match first; where matches overlap the longer phrase wins ("arson attack" over
    # "attack"), then the higher priority.
    matches = [
        (match, name, priority, context, default)
        for name, priority, context, default, pattern in lexicon.patterns
        for match in pattern.finditer(text)
    ]
    matches.sort(key=lambda m: (-(m[0].end() - m[0].start()), -m[2], m[0].start()))
    for match, name, priority, context, default in matches:
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        if name == _CROWD_DEMAND and not lexicon.crowd.search(
                text, sentences.around(match.start())[0], match.start()):
            continue
        taken.append((match.start(), match.end()))
        sub_type = name if context is not None or name in catalogue else default or name
        moved = False  # an entry by a convoy, a patrol or aid: movement, not a capture
        if context == "target":
            sub_type = _resolve_target(text, match.start(), match.end(), lexicon,
                                       default or "Attack", sentences, armed_names)
            if name == _GENERIC_FAMILY and _flown(text, match.start(), sentences):
                sub_type, priority = _AIR_STRIKE, lexicon.priority_of[_AIR_STRIKE]
        elif context == "clash":
            sub_type = _resolve_clash(text, match.start(), match.end(), lexicon, sentences)
        elif context == "territory":
            sub_type = _resolve_territory(text, match.start(), match.end(), match.group(0),
                                          lexicon, sentences)
            if _ENTRY.match(match.group(0)):
                left, right = sentences.around(match.start(), match.end())
                if _UNOPPOSED.search(text[left:right]):
                    sub_type = "Non-violent transfer of territory"
                moved = lexicon.movement.search(text[left:match.start()]) is not None
                if moved and _FORCES.search(text, left, match.start()):
                    # "a Turkish military convoy entered Idleb": forces moving in without a
                    # fight, which ACLED codes as a change to the group's activity
                    sub_type, moved = "Change to group/activity", False
                    priority = lexicon.priority_of[sub_type]
        elif context == "protest":
            sub_type = _resolve_protest(
                _protest_context(text, match.start(), match.end(), lexicon, sentences), lexicon)
        if sub_type in _CROWD_VIOLENCE and name not in _PROTEST_FAMILIES and \
                not _DEMONSTRATION_FORM.search(match.group(0)):
            # A crowd's stones and fists are a violent demonstration when a demonstration is told
            # in the sentence or just before, else mob violence.
            sub_type = "Violent demonstration" if _near_protest(match.start(), protests, sentences) \
                else "Mob violence"
        cue = _cue_before(text, match.start(), lexicon)
        if cue is None and moved:
            cue = "movement of forces"
        # A crowd that beats a suspected thief is mob violence, not a crime report.
        if cue is None and context == "target" and sub_type != "Mob violence" and \
                _non_conflict(text, match.start(), match.end(), lexicon, sentences):
            cue = "non-conflict cause"
        if cue is None and context == "target" and _INTO_THE_AIR.match(text, match.end()):
            cue = "fired into the air"  # at no one: a warning, a celebration or a protest
        if cue is None and context != "protest" and _grievance(text, match.start(), protests,
                                                               lexicon, sentences):
            cue = "protest grievance"
        found.append(Trigger(sub_type, catalogue[sub_type].event_type, match.start(),
                             match.end(), match.group(0), priority, cue is None, cue, name))
    return sorted(found, key=lambda t: (-t.priority, t.start))


# "A twin bombing struck a crowd ..., killing 44": a crowd after a verb or a preposition is
# who was hit, not who attacked.
_OBJECT_BEFORE = re.compile(r"\b(?:struck|hit|into|on|at|targeted|targeting|attacked|among|"
                            r"against|killed|wounded)\s+(?:(?:a|an|the)\s+)?$", re.IGNORECASE)
# "unidentified persons", "armed people": the words of a report that does not know who the armed
# attackers were, not of a crowd.
_UNKNOWN_DOERS = re.compile(r"\b(?:armed|unidentified|unknown|masked|suspected)\s+(?:\w+\s+)?$",
                            re.IGNORECASE)
_VERB_BEFORE = re.compile(r"\b\w+(?:ing|ed)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_OBJECT_END = re.compile(r"[,;.]|\b(?:in|near|on|after|while|when|as|by|during|with|held|"
                         r"controlled|presence|from|who|which|that)\b|\bat\b(?! least)",
                         re.IGNORECASE)
# "four people were injured in a drive-by shooting": the crowd suffered, someone else acted.
_SUFFERED = re.compile(r"\s+(?:\w+\s+)?(?:were|was|had been|have been|got)\b", re.IGNORECASE)
_OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.IGNORECASE)
_CROWD_VIOLENCE = ("Violent demonstration", "Mob violence")
# Burning tyres on a road or barricading it with them is a form of demonstration by itself.
_DEMONSTRATION_FORM = re.compile(r"(?:tyres|tires)$|^barricad", re.IGNORECASE)
_PROTEST_REACH = 2  # sentences back: "... as protests turned violent. Students had ... By evening"


def _near_protest(position: int, protests: list[tuple[int, int]], sentences: Sentences) -> bool:
    number = sentences.index(position)
    left = sentences[max(number - _PROTEST_REACH, 0)][0]
    _, right = sentences.around(position)
    return any(left <= start < right for start, _ in protests)


_INTO_THE_AIR = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:in|into) the air\b", re.IGNORECASE)


# "killed", "attack": a lede often has only these, and the next sentence names the weapon
# ("... killed 12 people. The air strikes hit a market"). A lede that says "clashes" has said it.
_GENERIC_FAMILY = "ATTACK_OR_CLASH"
_DISRUPTED = "Disrupted weapons use"
_SPECIFIC_PRIORITY = 60


def classify(text: str, lexicon_file: str | None = None,
             sentences: Sentences | None = None) -> Trigger | None:
    """The sub-event type a passage reports: the highest-priority factual trigger of its first
    sentence that has one (news puts the main event first; later sentences add background such as
    an earlier arrest or attack), unless that trigger is generic and the next sentence names how
    the event was carried out; None when nothing in it reports an event that happened."""
    sentences = sentences or Sentences(text)
    factual = [t for t in find_triggers(text, lexicon_file, sentences) if t.factual]
    if not factual:
        return None
    first_start = min(t.start for t in factual)
    left, right = sentences.around(first_start)
    in_sentence = [t for t in factual if left <= t.start < right]  # sorted by priority
    if any(t.sub_event_type == _DISRUPTED for t in in_sentence):
        # "defused a bomb planted near the school": the weapon was stopped, nothing exploded
        # (grouping.py reads a clause the same way).
        in_sentence = [t for t in in_sentence if t.event_type != "Explosions/Remote violence"
                       and t.family != "DIRECT_FIRE"] or in_sentence
    best = in_sentence[0]
    if best.family == _GENERIC_FAMILY:
        following = [t for t in factual if t.start >= right]
        if following:
            _, next_right = sentences.around(following[0].start)
            specific = [t for t in following
                        if t.start < next_right and t.priority >= _SPECIFIC_PRIORITY]
            if specific:
                return specific[0]
    return best
