"""Score what frontlines reads of an article against FA-KES labels (Abu Salem et al., 2019): the
main event's death count, its date, and its cause of death mapped to ACLED sub-event types.

FA-KES labels one main event per article. We take the article's lede as the main event, as news
writing puts it first: the first casualty count that reports deaths, the first event date expression
(resolved against the publication date the article opens with), and the sub-event type of the first
sentence that reports an event. Actor class and governorate come with the actor and geocoding stages.

Cause of death -> ACLED sub-event types (ours; FA-KES "shelling" covers air raids as well as artillery):
  shelling                  Air/drone strike, Shelling/artillery/missile attack
  explosion                 Suicide bomb, Remote explosive/landmine/IED, Grenade
  shooting                  Armed clash, Attack (not an execution)
  execution                 Attack told as an execution, beheading or massacre
  chemical and toxic gases  Chemical weapon
"unknown" rows are left out of the cause score.

The same figures are also given for the first event `frontlines extract` returns ("as extracted"):
there the lede competes with headline run-ins, captions and tag lines that FA-KES pages keep in
their text, so the two readings differ, and both are reported.

Actor class: the perpetrator of the main event is the actor named before its trigger (or after "by"
in a passive, "were killed by regime air strikes"), else the first actor of the lede, resolved with
the actor catalogue for Syria and grouped into FA-KES's classes below; no actor is "unknown".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.clean.published import DateOrders, opening_date
from frontlines.evaluate.labelled_csv import read_labelled_csv
from frontlines.extract.actors import ActorCatalogue, ActorMention, load_catalogue
from frontlines.extract.casualties import find_casualties
from frontlines.extract.classify import PASSIVE_AUXILIARY, Trigger, classify, find_triggers
from frontlines.extract.event_dates import dates_another_story, find_event_dates, reference_date
from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many
from frontlines.extract.roles import initiating_mention, responsibility_spans

CAUSES = {
    "shelling": {"Air/drone strike", "Shelling/artillery/missile attack"},
    "explosion": {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"},
    "shooting": {"Armed clash", "Attack"},
    "execution": {"Attack"},
    "chemical and toxic gases": {"Chemical weapon"},
}
_EXECUTION = re.compile(r"execut|behead|massacr|slaughter", re.IGNORECASE)
ACTOR_CLASSES = {
    "syrian government or russian troops": {
        "military-forces-of-syria", "police-forces-of-syria", "ndf-syria", "state-military",
        "state-police", "military-forces-of-russia", "military-forces-of-russia-in-syria",
        "wagner-group", "military-forces-of-iran-in-syria", "military-forces-of-iran",
        "military-police-russia-in-syria", "syria-air-force-intelligence", "syria-4th-division",
        # VDC, whose classes FA-KES takes, counts the militias that fight for the government
        # with it ("Syrian government and affiliated militias").
        "hezbollah", "harakat-al-nujaba", "kataib-hezbollah",
    },
    "the organization of the islamic state in iraq and the levant - isis": {
        "islamic-state", "islamic-state-syria", "islamic-state-iraq",
    },
    "international coalition forces": {
        "global-coalition-against-daesh", "military-forces-of-the-united-states",
        "military-forces-of-the-united-states-in-syria",
        # Members of the coalition fighting in Syria under their own flag: VDC files Turkey's
        # strikes and shelling ("Turkish air strikes near Jarablus") and France's with it.
        "military-forces-of-turkey", "military-forces-of-turkey-in-syria",
        "military-forces-of-france",
    },
    "armed opposition groups": {
        "free-syrian-army", "ahrar-al-sham", "nlf-syria", "syrian-national-army", "jaysh-al-islam",
        "operation-peace-spring", "opposition-rebels-syria",
    },
    "self administration forces": {"sdf", "ypg"},
    "al-nusra front": {"jabhat-al-nusra", "hts", "hurras-al-din"},
}  # fmt: skip
_CLASS_OF = {actor_id: label for label, ids in ACTOR_CLASSES.items() for actor_id in ids}
REQUIRED = ("article_content", "date", "cause_of_death", "nb_civilians", "nb_noncivilians")


@dataclass(frozen=True, slots=True)
class FakesReport:
    rows: int
    death_count_exact: float
    date_within_a_day: float
    cause_to_sub_event_type: float
    cause_rows: int
    actor_class: float
    # The same four figures for the first event `extract_mentions` returns: what a user of
    # `frontlines extract` gets, headline run-ins, photo captions and tag lines included.
    as_extracted: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "death_count_exact": round(self.death_count_exact, 4),
            "date_within_a_day": round(self.date_within_a_day, 4),
            "cause_to_sub_event_type": round(self.cause_to_sub_event_type, 4),
            "cause_rows": self.cause_rows,
            "actor_class": round(self.actor_class, 4),
            "as_extracted": {k: round(v, 4) for k, v in self.as_extracted.items()},
        }


def _gold_date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def _deaths(value: str) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _cause_matches(cause: str, text: str) -> bool:
    trigger = classify(text)
    return trigger is not None and _cause_fits(cause, trigger.sub_event_type, trigger.text)


def _cause_fits(cause: str, sub_event_type: str, trigger_text: str) -> bool:
    if sub_event_type not in CAUSES[cause]:
        return False
    if cause in ("shooting", "execution"):
        return (cause == "execution") == bool(_EXECUTION.search(trigger_text))
    return True


def _opening_date(text: str) -> dt.date | None:
    """The publication date a FA-KES article opens with, read as `frontlines` reads a scraped page
    ("Sun 16 Apr 2017 ...", "AFP Friday 15 Jul 2016", "24.09.2014 ...")."""
    found = opening_date(text, orders=_ORDERS)
    if found is None:
        return None
    value = found.value
    return value.date() if isinstance(value, dt.datetime) else value


_ORDERS = DateOrders.load()


def _event_date(text: str) -> dt.date | None:
    """The lede's day-precise date expression, resolved against the publication date (a photo
    caption's date, a day written with its year or the onset of what goes on is not the news's
    day); else the publication date itself. Without an opening date, the latest full date in the text stands
    in for it."""
    head = _opening_date(text)
    found = (head, "head") if head else reference_date(None, None, text)
    if found is None:
        return None
    published = found[0]
    lede = _SENTENCE_END.split(text, maxsplit=2)
    lede_text = " ".join(lede[:2])  # the headline run-in and the first sentence
    days = [d for d in find_event_dates(lede_text, published) if d.precision == 1
            and d.value != published and not dates_another_story(lede_text, d)
            and not _WITH_YEAR.search(d.text)]
    return days[0].value if days else published


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# News of the day is told by its weekday or its day and month; a day written with its year in a
# lede dates a photo caption run into the text ("... in Idlib province Syria August 6 2016.") or
# an earlier event the story recalls.
_WITH_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _perpetrator_class(text: str) -> str:
    """The class of who acted in the lede's first telling of an event that names them: a
    flattened headline ("Syria air strikes kill 32") often names the attack and its lede
    sentence the attacker ("Syrian government air strikes ... killed at least 32"). A lede that
    tells the toll without its author leaves it to the sentences after it, where wire stories
    attribute the attack ("The monitor said the raids were carried out by Russian warplanes").

    A group counted before its verb is the toll ("40 Terrorists Killed in ...", "Kurds kill 83
    ISIS militants"): headlines drop the auxiliary of the passive, so the count is what says
    these are the dead; a name before "station" or "position" labels a place. Who says it is
    not who did it ("a source at the Police Command said that terrorists fired ..."). An actor
    no class names (a role word such as "terrorists" or "militants", a foreign force outside the
    seven classes) does not settle the class: the lede's next event may name who it was."""
    sentences = _SENTENCE_END.split(text)
    lede = " ".join(sentences[:2])
    found, triggers, mentions = _acting_class(lede)
    for sentence in sentences[2:2 + _ATTRIBUTING_SENTENCES]:
        found = found or _acting_class(sentence)[0]
    found = found or _author_class(" ".join(sentences[:2 + _ATTRIBUTING_SENTENCES]))
    if found:
        return found
    if not triggers and mentions:
        return _CLASS_OF.get(mentions[0].actor.id, "unknown")
    return _class_word(lede[: triggers[0].start] if triggers else lede) or "unknown"


_ATTRIBUTING_SENTENCES = 2


def _acting_class(text: str) -> tuple[str | None, list[Trigger], list[ActorMention]]:
    """The class of the first actor in `text` that acts in an event it tells (None without one),
    with the text's triggers and actors."""
    catalogue = load_catalogue()
    mentions = _with_class_words(text, catalogue, catalogue.find(text, "SY"))
    actors = [m for m in mentions if not _counted(text, m) and not _FACILITY.match(text, m.end)
              and not _MEMBER_KILLED_IN_A_HEADLINE.match(text, m.end)
              and not _SOURCE_AT.search(text, max(0, m.start - 25), m.start)]
    triggers = sorted((t for t in find_triggers(text) if t.factual), key=lambda t: t.start)
    for trigger in triggers:
        frames = list(_REPORTED_THAT.finditer(text, 0, trigger.start))
        told_from = frames[-1].end() if frames else 0
        doers = [m for m in actors if m.start >= told_from or m.start >= trigger.end]
        mention = initiating_mention(text, trigger, doers, first_if_unplaced=False,
                                     other_side=True)
        if mention is None or mention.actor.kind == "civilians":
            continue
        if mention.end <= trigger.start and PASSIVE_AUXILIARY.search(text[:trigger.start]):
            continue  # "29 rebels were killed": the victims, not who killed them
        if mention.actor.id in _CLASS_OF:
            return _CLASS_OF[mention.actor.id], triggers, mentions
    return None, triggers, mentions


# Blame for an attack is laid on the state by its rulers' names ("Syria's government was behind
# ...", "blamed the attack on Syrian President Bashar Assad"); the catalogue keeps these for the
# government as a speaker, not as a force, so they count only where the text names an author.
_RULERS = re.compile(r"\b(?:(?:the\s+)?(?:Syrian|Syria['’]?s|Assad|al-Assad|Bashar)\s+"
                     r"(?:government|regime)|(?:Syrian\s+)?(?:President\s+)?Bashar\s+(?:al-)?Assad)\b")


_OPENS_WITH = re.compile(r"(?:[\w-]+\s+){0,4}?(?:on|by|the|either|suspected|alleged)\s+|"
                         r"(?:the\s+|either\s+)?", re.IGNORECASE)


def _author_class(text: str) -> str | None:
    """The class of the actor `text` names as an attack's author ("the strike was believed to
    have been carried out by Russian planes", "blamed the attack on Syrian President Bashar
    Assad"), when a class names it."""
    catalogue = load_catalogue()
    mentions = _with_class_words(text, catalogue, catalogue.find(text, "SY"))
    rulers = [ActorMention(catalogue.actors["military-forces-of-syria"], m.start(), m.end(),
                           m.group(0)) for m in _RULERS.finditer(text)]
    named = sorted([*mentions, *rulers], key=lambda m: m.start)
    for start, end, named_last in responsibility_spans(text, 0, len(text)):
        inside = [m for m in named if start <= m.start and m.end <= end
                  and m.actor.kind != "civilians"]
        author = (inside[-1] if named_last else inside[0]) if inside else None
        # "blamed on rebels fighting to overthrow President Assad": the words after "by" or
        # "on" open with the author's name; a name further on is someone else.
        if author is not None and (named_last or _OPENS_WITH.fullmatch(text, start, author.start)):
            return _CLASS_OF.get(author.actor.id)
    return None


# "Al-Nusra Front Commander Killed in Lattakia", "Senior Nusra Front Leader in Homs 8 More Killed":
# a title-case headline drops the passive's auxiliary, and the group's member is the dead one.
_MEMBER_KILLED_IN_A_HEADLINE = re.compile(
    r"(?:['’]?s)?\s+(?:Senior\s+|Top\s+)?(?:Commanders?|Leaders?|Chiefs?|Spokesman|Emirs?|"
    r"Officers?|Officials?)\b[^.]{0,40}?\s(?:Killed|Dead|Die)\b")


# "a police station", "a Hezbollah position", "an IS town", "the rebel stronghold": the name
# labels a place, most often the target.
_FACILITY = re.compile(
    r"\s+(?:stations?|headquarters|HQ|buildings?|checkpoints?|posts?|outposts?|bases?|barracks|"
    r"academy|command|compound|positions?|convoys?|branch|hospital|airport|airbase|offices?|"
    r"strongholds?|bastions?|enclaves?|supply|territory|territories|areas|districts?|"
    r"neighbou?rhoods?|towns?|villages?|lines?)\b",
    re.IGNORECASE)
# "X said (on Sunday) that ...", "X claimed that ...": X is a speaker; "sources at the Police
# Command" speak for it.
_REPORTED_THAT = re.compile(
    r"\b(?:said|says|told|claimed|claims|reported|reports|announced|stated|added|accused|"
    r"confirmed)\b(?:[^.;\"]{0,80}?\bthat\b)", re.IGNORECASE)
_SOURCE_AT = re.compile(r"\bsources?\s+(?:at|in|from|within|close to)\s+(?:the\s+)?$",
                        re.IGNORECASE)


# A count right before a group ("at least 16 ISIL terrorists", "30 regime soldiers"), with at
# most one word between; not a date's day ("Monday 2 Feb 2015 Syrian government ..."). A
# count right after a year is no day ("Thu Dec 29 2016 50 ISIS Terrorists Killed").
_COUNT_BEFORE = re.compile(
    r"(?<![\w.:/-])(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|dozens|hundreds|scores)(?:\s+of)?\s+(?:more\s+|other\s+)?(?:[a-z][\w-]*\s+)?$",
    re.IGNORECASE)
_DATE_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$",
                          re.IGNORECASE)


def _counted(text: str, mention: ActorMention) -> bool:
    before = text[max(0, mention.start - 30):mention.start]
    count = _COUNT_BEFORE.search(before)
    return count is not None and not _DATE_BEFORE.search(before[:count.start()])


# In Syria's war, Kurdish forces are the Self Administration's (the YPG and the SDF it leads);
# the catalogue leaves the bare descriptor out, as it names Iraq's Peshmerga elsewhere.
_KURDISH_FORCES = re.compile(r"\bKurds\b|\bKurdish\s+(?:forces|troops|units|militias?|"
                             r"militiamen|fighters)\b", re.IGNORECASE)


def _with_class_words(text: str, catalogue: ActorCatalogue,
                      mentions: list[ActorMention]) -> list[ActorMention]:
    found = [ActorMention(catalogue.actors["ypg"], m.start(), m.end(), m.group(0))
             for m in _KURDISH_FORCES.finditer(text)
             if not any(n.start < m.end() and m.start() < n.end for n in mentions)]
    return sorted([*mentions, *found], key=lambda m: m.start)


# FA-KES's classes are coarse: words that name a class without naming a group.
_CLASS_WORDS = (
    (re.compile(r"\b(?:rebels?|rebel (?:forces|fighters|groups)|opposition (?:fighters|forces|"
                r"groups|factions)|insurgents)\b", re.IGNORECASE), "armed opposition groups"),
)


def _class_word(text: str) -> str | None:
    for pattern, label in _CLASS_WORDS:
        if pattern.search(text):
            return label
    return None


def evaluate_fakes(path: Path, resources: ExtractResources | None = None) -> FakesReport:
    rows = read_labelled_csv(path, REQUIRED, "FA-KES")
    deaths_ok = dates_ok = causes_ok = cause_rows = actors_ok = 0
    for row in rows:
        text = row["article_content"]
        gold = _deaths(row["nb_civilians"]) + _deaths(row["nb_noncivilians"])
        killed = [c.value for c in find_casualties(text) if c.kind == "killed"]
        deaths_ok += (killed[0] if killed else 0) == gold
        gold_date = _gold_date(row["date"])
        event_date = _event_date(text)
        if event_date and gold_date:
            dates_ok += abs((event_date - gold_date).days) <= 1
        actors_ok += _perpetrator_class(text) == row.get("actor", "").strip()
        if row["cause_of_death"] in CAUSES:
            cause_rows += 1
            causes_ok += _cause_matches(row["cause_of_death"], text)
    count = len(rows) or 1
    return FakesReport(len(rows), deaths_ok / count, dates_ok / count,
                       causes_ok / (cause_rows or 1), cause_rows, actors_ok / count,
                       _as_extracted(rows, resources or ExtractResources.load()))


def _as_extracted(rows: list[dict[str, str]], resources: ExtractResources) -> dict[str, float]:
    """The figures of the first extracted event of each article (in Syria, published on the date
    the article opens with)."""
    # Mentions carry actor names: the class of each name, through the catalogue entries (the
    # role templates named for Syria) that FA-KES's classes list.
    catalogue = resources.catalogue
    class_by_name: dict[str, str] = {}
    for actor in catalogue.actors.values():
        named = catalogue.generic(actor.id, "SY") if actor.generic else actor
        if named is not None and actor.id in _CLASS_OF:
            class_by_name.setdefault(named.name, _CLASS_OF[actor.id])
    items = [ExtractInput(row["article_content"], country="SY",
                          published=_opening_date(row["article_content"]))
             for row in rows]
    deaths = dates = causes = cause_rows = actors = governorates = 0
    for row, mentions in zip(rows, extract_many(items, resources), strict=True):
        first = mentions[0] if mentions else None
        governorates += first is not None and first.admin1 is not None and \
            _governorate_of(resources, row.get("location", "")) == _AS_FAKES_FILES.get(first.admin1,
                                                                               first.admin1)
        gold = _deaths(row["nb_civilians"]) + _deaths(row["nb_noncivilians"])
        deaths += (first.fatalities if first else 0) == gold
        gold_date = _gold_date(row["date"])
        if first and first.event_date and gold_date:
            dates += abs((dt.date.fromisoformat(first.event_date) - gold_date).days) <= 1
        if row["cause_of_death"] in CAUSES:
            cause_rows += 1
            causes += first is not None and _cause_fits(row["cause_of_death"],
                                                        first.sub_event_type,
                                                        first.evidence[0].text)
        found = class_by_name.get(first.actor1 or "", "unknown") if first else "unknown"
        actors += found == row.get("actor", "").strip()
    count = len(rows) or 1
    return {"death_count_exact": deaths / count, "date_within_a_day": dates / count,
            "cause_to_sub_event_type": causes / (cause_rows or 1), "actor_class": actors / count,
            "governorate": governorates / count}


# FA-KES spells two governorates in ways the gazetteer's names do not reach; and it files the
# Damascus countryside (Rif Dimashq) under Damascus.
_GOVERNORATE_SPELLING = {"damascus": "Dimashq", "hasakeh": "Al Hasakah"}
_AS_FAKES_FILES = {"Rīf Dimashq": "Dimashq"}


def _governorate_of(resources: ExtractResources, name: str) -> str | None:
    """The name our gazetteer gives the Syrian governorate FA-KES names (in lower case)."""
    gazetteer = resources.resolver.gazetteer
    wanted = _GOVERNORATE_SPELLING.get(name.strip(), name.strip())
    found = [(quality, gazetteer.place(row).admin1) for row, quality in gazetteer.lookup(wanted).items()
             if gazetteer.place(row).feature_code == "ADM1" and gazetteer.place(row).country == "SY"]
    return max(found)[1] if found else None
