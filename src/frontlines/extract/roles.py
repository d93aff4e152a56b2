"""Who initiated an event: actor1 in ACLED's terms.

ACLED names the participants of a protest "Protesters (<Country>)" and of a riot "Rioters
(<Country>)" whoever they are (teachers, residents, party supporters); for other events the
initiator is the actor named before the trigger ("troops recaptured ..."), or after "by" in a passive
("was attacked by gunmen"), else the first actor named. Political violence whose perpetrator the
text does not name ("three farmers were killed") is "Unidentified Armed Group (<Country>)", as ACLED
codes it."""

from __future__ import annotations

import re

from frontlines.extract.actors import Actor, ActorCatalogue, ActorMention
from frontlines.extract.classify import PASSIVE_AUXILIARY, Trigger

_AGENT = {
    # "was attacked by gunmen": the actor after the trigger acts.
    False: re.compile(r"\s*(?:\w+\s+){0,2}by\b"),
    # ... and, asking who caused deaths, "killed in clashes with Kurdish forces" too.
    True: re.compile(r"\s*(?:\w+\s+){0,2}(?:by|with)\b"),
}


_FAR_AGENT = re.compile(r"\s+(?:[\w-]+\s+){1,4}?(?<!used )(?<!owned )(?<!run )(?<!held )"
                        r"(?<!controlled )(?<!operated )(?<!manned )(?<!occupied )(?<!guarded )"
                        r"(?<!backed )(?<!supported )(?<!led )(?<!funded )(?<!built )"
                        r"by\s+(?:the\s+|a\s+|an\s+)?")
_CLAUSE_OPENER = re.compile(r"[,;:]\s|\b(?:when|after|as|while|before|because|since|where)\s",
                            re.IGNORECASE)
# The object of an attack preposition, with at most an article and one lower-case word between:
# "on regime positions", "against the army", "at an army checkpoint" ("on Monday, troops" is not).
_TARGET_BEFORE = re.compile(r"\b(?:on|against|targeting|at|into|inside|towards?)\s+"
                            r"(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+(?:of\s+)?)?$")
# "IS-held villages", "Russian-backed forces": the name labels a place or another force.
_LABEL_AFTER = re.compile(r"-(?:held|controlled|run|besieged|occupied|backed|allied|affiliated|"
                          r"linked|aligned|supported|sponsored)\b"
                          # "inside the police academy", "a bomb at an army checkpoint": the
                          # force names the site that was hit.
                          r"|\s+(?:air\s+|naval\s+|military\s+|forward\s+)?(?:academy|station|"
                          r"headquarters|post|checkpoint|compound|barracks|base|outpost)\b",
                          re.IGNORECASE)


_PLANTED_BY = re.compile(r"-(?:planted|laid|placed|fired|launched)\s+(?:[a-z][\w-]*\s+)?",
                         re.IGNORECASE)
_ATTACK_BY = re.compile(r"\b(?:attacks?|ambush(?:es)?|assaults?|raids?|offensives?|incursions?|"
                        r"shelling|strikes?|fire|bombings?|operations?|crackdowns?)\s+by\s+(?:the\s+|a\s+|an\s+)?"
                        r"(?:suspected\s+|alleged\s+|presumed\s+)?", re.IGNORECASE)


# "an assault on a gendarmerie school and the military air base": the second of two objects joined
# by "and" is a target too (no verb or comma between: "attacks on Kyiv, and Russian forces said"
# opens a new clause).
_SECOND_TARGET = re.compile(r"\b(?:on|against|targeting)\s+[^,;.]{1,60}?\band\s+"
                            r"(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+)?$")
_VERB_IN = re.compile(r"\b[a-z]+ed\b|\b(?:said|says|was|were|is|are|has|have|had)\b")


def _is_target_or_label(text: str, mention: ActorMention) -> bool:
    window = max(0, mention.start - 80)
    second = _SECOND_TARGET.search(text, window, mention.start)
    if second is not None and _VERB_IN.search(text, second.start(), mention.start):
        second = None
    return bool(_TARGET_BEFORE.search(text, max(0, mention.start - 40), mention.start)
                or second is not None or _LABEL_AFTER.match(text, mention.end))


_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def initiator(text: str, trigger: Trigger | None, catalogue: ActorCatalogue,
              country: str | None) -> str | None:
    """actor1's name for the event `trigger` reports in `text`, or None when it cannot be said."""
    actor, _ = initiating_actor(text, trigger, catalogue, country)
    return actor.name if actor else None


def initiating_actor(text: str, trigger: Trigger | None, catalogue: ActorCatalogue,
                     country: str | None,
                     mentions: list[ActorMention] | None = None,
                     ) -> tuple[Actor | None, ActorMention | None]:
    """actor1 of the event `trigger` reports in `text`, and the words that name it (None for a
    role ACLED gives by the event type: protesters, rioters, an unidentified armed group).
    `mentions` are the catalogue's finds in `text`, when the caller has them."""
    mentions = catalogue.find(text, country) if mentions is None else mentions
    if trigger is not None and trigger.sub_event_type == "Mob violence":
        crowd = [m for m in mentions if m.actor.kind == "rioters" and m.start <= trigger.start]
        if crowd:  # "mobs attacked shops": the mob, whoever it attacked
            return crowd[-1].actor, crowd[-1]
    if trigger is not None and trigger.event_type in ("Protests", "Riots"):
        # A mob of villagers or party supporters is "Rioters (<Country>)" too, as ACLED codes
        # every riot.
        crowd = catalogue.generic("protesters" if trigger.event_type == "Protests" else "rioters",
                                  country)
        if crowd is not None:
            return crowd, None
    mention = initiating_mention(text, trigger, mentions)
    if mention is not None and not (mention.actor.kind == "civilians" and trigger is not None
                                    and trigger.event_type in _VIOLENT):
        return mention.actor, mention  # (civilians are never the ones who attack)
    if trigger is not None and trigger.event_type in _VIOLENT:
        return catalogue.generic("unidentified-armed-group", country), None
    return None, None


# Who claimed an attack or was blamed for it: "Islamic State claimed the attack", "State media
# blamed Israel", "the strike was believed to have been carried out by Russian planes", "the
# regime was behind the massacre". A claim's and a "was behind"'s subject comes before the verb,
# within its clause (read back from the verb: a pattern that opens the subject at every position
# of the sentence costs three times as much); the other groups hold the words that name them.
_RESPONSIBILITY = re.compile(
    r"(?P<claim>\b(?:claimed|claims|has claimed|took|accepted) "
    r"(?:responsibility|the (?:attack|bombing|strike|blast|killing|killings|abduction|assault|"
    r"raid|ambush))"
    # "Al Shabaab said it had carried out the bombings": a claim in the group's own words.
    r"|\b(?:said|says|announced) (?:that )?(?:it|they) (?:had |has |have )?(?:carried out|staged|"
    r"conducted|launched|perpetrated|was behind|were behind)\b)"
    r"|(?<!\bwho )(?<!\bwhich )(?<!\bwhat )(?P<behind>\b(?:was|were|is|are|has been|have been) "
    r"(?!not |never )(?:\w+ )?(?:behind|responsible)\b)"
    r"|\b(?:blamed|blames|accused|accuses) (?P<after>[^.;]{3,60}?)"
    r"(?: of| for|,|\.|;| which| who|$)"
    # ("held" only with "responsible": "rebel-held Idlib", "held by Islamic State" are no blame)
    r"|\bheld (?P<held>[^.;]{3,60}?) responsible\b"
    r"|\b(?:carried out|launched|fired|conducted|perpetrated) by "
    r"(?P<agent>[^.;,]{3,60})"
    # "The attack, claimed by the al Qaeda affiliate JNIM, came a day after ..."
    r"|\bclaimed by (?P<claimant>[^.;,]{3,60})",
    re.IGNORECASE,
)
_CLAIMS = ("claim", "claimant")  # the groups of a claim of responsibility, not of a blame
# The subject before the verb, at most 80 characters back and within its clause.
_SUBJECT_REACH = 80
_SUBJECT_ENDS = {"claim": ".;", "behind": ".;,"}
_APPOSITIVE = re.compile(r"\s*(?:the|a|an|its|their)\s[^,]*")
_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|not)\b",
                     re.IGNORECASE)


def responsibility_spans(text: str, left: int, right: int, claims_only: bool = False,
                         ) -> list[tuple[int, int, bool]]:
    """The spans of `text[left:right]` that name who claimed an attack or was blamed for it,
    each with whether its last name (the subject before the verb) is the one meant rather than
    its first. `claims_only`: claims of responsibility, not blames."""
    spans = []
    for match in _RESPONSIBILITY.finditer(text, left, right):
        group = next(g for g in ("claim", "behind", "after", "held", "agent", "claimant")
                     if match.group(g) is not None)
        if claims_only and group not in _CLAIMS:
            continue
        if group in _SUBJECT_ENDS:
            end = match.start()
            reach = max(left, end - _SUBJECT_REACH)
            marks = _SUBJECT_ENDS[group]
            start = _clause_start(text, reach, end, marks)
            if text[start - 1:start] == "," and not text[start:end].strip():
                # "the National Liberation Army, the country's last active guerrilla group,
                # was behind the bombing": the subject stands before its description.
                described = _clause_start(text, reach, start - 1, marks)
                if text[described - 1:described] == "," and \
                        _APPOSITIVE.fullmatch(text, described, start - 1):
                    start = _clause_start(text, reach, described - 1, marks)
            if _DENIAL.search(text, start, end):
                continue  # "the Taliban denied they were behind the attacks"
            spans.append((start, end, True))
        else:
            spans.append((*match.span(group), False))
    return spans


def _clause_start(text: str, reach: int, end: int, marks: str) -> int:
    """Where the clause that ends at `end` begins: right after the last of `marks` before it,
    no further back than `reach`."""
    return max([reach, *(text.rfind(mark, reach, end) + 1 for mark in marks)])


def initiating_mention(text: str, trigger: Trigger | None, mentions: list[ActorMention],
                       first_if_unplaced: bool = True,
                       other_side: bool = False) -> ActorMention | None:
    """Of the actors named in `text`, the one that acts in the event `trigger` reports: after
    "by" (and "with" when `other_side`: who caused deaths in "clashes with ...") when it follows
    the trigger, else the last one named before it; none for a passive without an agent. Without a
    trigger, or with no actor before it, the first actor named when `first_if_unplaced` (an actor
    named only after the trigger is more often its target)."""
    if trigger is not None:  # "drove Islamic State out of": a name inside the trigger is its object
        mentions = [m for m in mentions if not (trigger.start <= m.start and m.end <= trigger.end
                                                and m.end - m.start < trigger.end - trigger.start)]
    # "an attack on government forces", "strikes on IS-held villages": a target or a territory
    # label, never the one who acts.
    mentions = [m for m in mentions if not _is_target_or_label(text, m)]
    if not mentions:
        return None
    if trigger is None:
        return mentions[0] if first_if_unplaced else None
    # "Russian airstrikes", "regime barrel bombs": a name that runs into the trigger modifies the
    # weapon or the attack, and says whose it was.
    modifier = [m for m in mentions if m.start < trigger.start < m.end]
    if modifier:
        return modifier[0]
    # "a Taliban-planted IED", "an IS-laid landmine": the name that planted the weapon used it.
    planter = [m for m in mentions if _PLANTED_BY.fullmatch(text, m.end, trigger.start)]
    if planter:
        return planter[0]
    after = [m for m in mentions if m.start >= trigger.end]
    before = [m for m in mentions if m.end <= trigger.start]
    agent = _AGENT[other_side].match(text[trigger.end:trigger.end + 30])
    if agent and after:
        return after[0]
    # "killed following an attack by Taliban militants": a farther "by" names the agent when
    # the actor follows it directly.
    far = _FAR_AGENT.match(text, trigger.end)
    if far and after and after[0].start == far.end():
        return after[0]
    # "four soldiers were killed following an attack by Taliban militants": the clause names
    # the attacker further on.
    for found in _ATTACK_BY.finditer(text, trigger.end):
        by = next((m for m in after if m.start == found.end()), None)
        if by is not None:
            return by
    if not other_side and PASSIVE_AUXILIARY.search(text[: trigger.start]) and not agent:
        return None  # "three farmers were killed": the victims are named, not who killed them
    if before:
        # The subject of the trigger's clause: its first actor ("pro-Hadi forces and Southern
        # Resistance fighters took control"), not one named in an earlier clause.
        opening = max((m.end() for m in _CLAUSE_OPENER.finditer(text, 0, trigger.start)),
                      default=0)
        in_clause = [m for m in before if m.start >= opening]
        # A name beats a role word in the same subject ("gunmen believed to belong to Boko
        # Haram", "militants linked to al Qaeda").
        named = [m for m in in_clause if not m.actor.generic]
        return (named or in_clause)[0] if in_clause else before[-1]
    if (_DOER_NOUN.search(trigger.text) or _WEAPON_SUBJECT.match(trigger.text)) and \
            not _DOER_LINK.match(text, trigger.end, after[0].start if after else trigger.end):
        # "A suicide bomber attacked a convoy of Indian police", "Missiles struck the T-4
        # military air base": the trigger tells who or what did it, unnamed; the force named
        # after it is its target ("bombers from Islamic State" name their own).
        return None
    return mentions[0] if first_if_unplaced else None


_DOER_NOUN = re.compile(r"\bbombers?$", re.IGNORECASE)
_WEAPON_SUBJECT = re.compile(r"(?:missiles?|rockets?|shells?|mortars?|bombs?|drones?|"
                             r"(?:war)?planes?|jets?|aircraft|helicopters?)\b", re.IGNORECASE)
_DOER_LINK = re.compile(r"\s+(?:from|of|belonging to|loyal to|linked to|affiliated with|"
                        r"(?:believed|suspected|thought) to (?:be|belong to))\s+(?:the\s+)?$",
                        re.IGNORECASE)
