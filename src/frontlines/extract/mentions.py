"""Assemble event mentions: from the readers' finds in an article to ACLED-coded events.

The readers each find their kind of words in the text: triggers (classify), actors (actors, roles),
dates (event_dates), tolls (casualties), places (places) and sources (attribution). Then:
1. `grouping` decides which finds make which events (a lede and its details are one event, a
   contradicting account is a claim about it, background is no event);
2. `participants` says who did it to whom;
3. `coding` turns each event into ACLED's columns, with the evidence span of every value.
Headline and captions only support events of the body: they are evidence, never new events.

Only the sentences that hold a candidate go through spaCy, and the sentences of many articles go
through it as one batch (`extract_many`): the pipeline's cost per call matters on short texts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from frontlines.extract.actors import ActorCatalogue, ActorMention, country_name, load_catalogue
from frontlines.extract.associates import associated_actors
from frontlines.extract.attribution import Attribution, find_attributions, with_party_stance
from frontlines.extract.casualties import CasualtyCount
from frontlines.extract.classify import find_triggers
from frontlines.extract.coding import (
    confidence,
    country_at,
    date_of,
    event_date_of,
    fatalities_of,
    interaction,
    iso3,
    notes,
    support,
)
from frontlines.extract.event_dates import EventDate, find_event_dates, reference_date
from frontlines.extract.focus import country_words, focus_country, is_country_name
from frontlines.extract.grouping import (
    Candidate,
    Event,
    attach_details,
    find_candidates,
    find_counter_accounts,
    group_events,
)
from frontlines.extract.nlp import Entity, entities, load_nlp
from frontlines.extract.ontology import TAKES_TERRITORY, sub_event_types
from frontlines.extract.participants import ActorIndex, Roles, find_roles
from frontlines.extract.places import PlaceAnchor, anchor, dateline_place, names_in, toponyms
from frontlines.extract.sentences import Sentences
from frontlines.geo import open_gazetteer
from frontlines.geo.events import headline_names, place_events
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.outlets import outlet_country
from frontlines.geo.resolve import Resolver
from frontlines.records import Claim, Evidence, Mention


@dataclass(frozen=True, slots=True)
class ExtractResources:
    """What extraction reads besides the article: the actor catalogue, the spaCy pipeline and the
    gazetteer's resolver."""

    catalogue: ActorCatalogue
    nlp: Any
    resolver: Resolver

    @classmethod
    def load(cls, actors_file: str | None = None,
             gazetteer_dir: str | None = None) -> ExtractResources:
        return cls(load_catalogue(actors_file), load_nlp(),
                   Resolver(open_gazetteer(gazetteer_dir)))


@dataclass(frozen=True, slots=True)
class ExtractInput:
    """One article as extraction needs it. `country` (ISO alpha-2) is the country the article
    is about when the caller knows it; otherwise it is inferred from the text."""

    text: str
    published: dt.date | None = None
    country: str | None = None
    title: str | None = None
    captions: Sequence[str] = ()
    article_id: str = ""
    url: str | None = None  # its outlet's country helps resolve ambiguous place names


@dataclass(slots=True)
class _Prepared:
    """An article read and grouped into events, up to the point where it needs spaCy."""

    item: ExtractInput
    sentences: Sentences
    actors: ActorIndex
    reference: tuple[dt.date, str] | None
    dateline: PlaceAnchor | None
    focus: str | None
    countries: Counter[str]  # how often the text names each country, by name or demonym
    places: list[PlaceAnchor]  # every toponym the candidates' clauses name: context for geocoding
    candidates: list[Candidate]
    events: list[Event]
    spans: list[tuple[int, int]]  # the sentences spaCy must read: each event's main one


def extract_mentions(text: str, *, published: dt.date | None = None, country: str | None = None,
                     title: str | None = None, captions: Sequence[str] = (),
                     article_id: str = "", url: str | None = None,
                     resources: ExtractResources) -> list[Mention]:
    """The events one article reports, in the order it tells them. `published` anchors
    relative dates; `url` is the article's address, whose country domain is evidence for
    its places."""
    item = ExtractInput(text, published, country, title, tuple(captions), article_id, url)
    return extract_many([item], resources)[0]


def extract_many(items: Sequence[ExtractInput], resources: ExtractResources,
                 ) -> list[list[Mention]]:
    """The mentions of each article, in order; their candidate sentences share one pass of the
    spaCy pipeline."""
    prepared = [_prepare(item, resources.catalogue, resources.resolver.gazetteer)
                for item in items]
    spans = [(p.item.text, span) for p in prepared if p is not None for span in p.spans]
    found = iter(entities(spans, resources.nlp))
    results = []
    for article in prepared:
        if article is None:
            results.append([])
            continue
        found_entities = [entity for _ in article.spans for entity in next(found)]
        results.append(_finish(article, found_entities, resources.resolver))
    return results


def _prepare(item: ExtractInput, catalogue: ActorCatalogue,
             gazetteer: Gazetteer) -> _Prepared | None:
    text = item.text
    sentences = Sentences(text)
    actors = ActorIndex.scan(text, catalogue)
    # A trigger inside a name is part of the name ("National Liberation Army"); role words that
    # are triggers too ("gunmen", "mob") and a state's weapon ("Russian missiles") stay triggers.
    names = [(m.start, m.end) for m in actors.at(None)
             if not m.actor.generic and not catalogue.names_a_weapon(m)]
    # An armed organisation named as the target ("shot a QSD member") makes a fight of it.
    armed = tuple((m.start, m.end) for m in actors.at(None) if m.actor.is_named_armed_group)
    triggers = [t for t in find_triggers(text, sentences=sentences, armed_names=armed)
                if not any(s <= t.start and t.end <= e for s, e in names)]
    candidates = find_candidates(text, sentences, triggers)
    if not candidates:
        return None
    reference = reference_date(item.published, None, text)
    dateline = dateline_place(text)
    named_places = _read_candidates(text, sentences, candidates, actors, reference)
    if dateline is not None:
        named_places.insert(0, dateline)
    lede_end = sentences[0][1] if len(sentences) else len(text)
    country_matches = country_words().find(text)
    # A headline names the story's town more often than any sentence ("Homs after the army left"):
    # its towns vote as a dateline's does.
    headline_towns = [(0, name) for name in names_in(item.title or "")]
    focus = item.country or focus_country(text, actors.at(None), lede_end, gazetteer,
                                          [*headline_towns,
                                           *((p.start, p.text) for p in named_places)],
                                          country_matches)
    events = group_events(text, candidates)
    if not events:
        return None
    attach_details(events, candidates, sentences)
    find_counter_accounts(text, events, sentences)
    numbers = sorted({event.main.sentence for event in events})
    return _Prepared(item, sentences, actors, reference, dateline, focus,
                     Counter(match.value for match in country_matches), named_places,
                     candidates, events,
                     [sentences[n] for n in numbers])


def _read_candidates(text: str, sentences: Sentences, candidates: list[Candidate],
                     actors: ActorIndex, reference: tuple[dt.date, str] | None,
                     ) -> list[PlaceAnchor]:
    """Date, place (as the words put it; spaCy checks the chosen ones later) and sources of
    every candidate; returns the places named, for the article's focus."""
    attributions_so_far: list[Attribution] = []
    named_places: list[PlaceAnchor] = []
    last_date: EventDate | None = None  # the latest clause's date: "three days later" counts on
    filed = _FILED_ON.match(text[:120])
    filed_end = filed.end() if filed else 0
    for candidate in candidates:
        left, right = sentences[candidate.sentence]
        if reference is not None:
            dates = find_event_dates(text[candidate.left:candidate.right], reference[0],
                                     later=True)
            dates = [replace(d, start=d.start + candidate.left, end=d.end + candidate.left)
                     for d in dates if d.start + candidate.left >= filed_end]
            candidate.date = _counted_on(event_date_of(text, dates, candidate.trigger),
                                         last_date, reference[0])
            last_date = candidate.date or last_date
        places = toponyms(text, candidate.left, candidate.right, [],
                          _not_places(actors, candidate))
        named_places += places
        candidate.place = _anchor(places, candidate)
        candidate.attributions = find_attributions(text, left, right, attributions_so_far)
        attributions_so_far += candidate.attributions
    return named_places


# "MOSCOW, 21 May (FIT) - ": the day the story was filed, not the day of what it tells.
_FILED_ON = re.compile(r"^\s*[A-Z][A-Z' .-]{2,40}?,\s*(?:[A-Z][\w .'-]{2,30},\s*)?"
                       r"(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*"
                       r"(?:\([^)]{1,40}\))?\s*(?:-|–|—|:)\s")


def _counted_on(date: EventDate | None, last_date: EventDate | None,
               reference: dt.date) -> EventDate | None:
    """A clause's date, with "three days later" counted from the date of the clause told before
    it; with no such date, or past the publication date, the clause has none of its own."""
    if date is None or date.days_after_earlier is None:
        return date
    if last_date is None:
        return None
    counted = date.after_earlier(last_date)
    return counted if counted.value <= reference else None


def _not_places(actors: ActorIndex, candidate: Candidate) -> list[tuple[int, int]]:
    """Spans that a place name cannot overlap: actors' names and the candidate's date."""
    spans = [(m.start, m.end) for m in actors.at(None)]
    if candidate.date is not None:
        spans.append((candidate.date.start, candidate.date.end))
    return spans


def _anchor(places: list[PlaceAnchor], candidate: Candidate) -> PlaceAnchor | None:
    """The place of a candidate, read from the clause's first action ("attacked a base at El
    Adde ..., setting off hours of fighting"), where its place is told."""
    first = min([candidate.trigger, *candidate.supporting], key=lambda t: t.start)
    return anchor(places, first.start, first.end, is_country_name)


def _check_places(article: _Prepared, found_entities: list[Entity], gazetteer: Gazetteer) -> None:
    """Read each event's main place again with spaCy's entities: a name the locative phrase
    introduced may be a date ("in March"), and a place may be named without one ("Aleppo's
    Bustan al-Qasr district was shelled"). In a title-case headline the gazetteer says where a
    name ends ("in Tell Abyad Terroirst Attack"), or that a run is none ("in Car Bomb")."""
    text = article.item.text
    countries = {*article.countries, *([article.item.country] if article.item.country else [])}
    for event in article.events:
        main = event.main
        places = toponyms(text, main.left, main.right, found_entities,
                          _not_places(article.actors, main))
        main.place = _anchor(headline_names(text, places, gazetteer, countries), main)


def _event_anchors(article: _Prepared, found_entities: list[Entity]) -> list[PlaceAnchor | None]:
    """Each event's place anchor; an event told of "the city" or "the town" happened in the
    last town the article named before it; the first event without one happened where the story
    was filed (its dateline)."""
    text = article.item.text
    anchors = [event.place for event in article.events]
    named = [*article.places, *(PlaceAnchor(e.start, e.end, e.text, "named place in the article")
                                for e in found_entities if e.label == "GPE")]
    # The headline's names where the story repeats them ("Homs after the army left" over "Homs
    # woke on Sunday to a city without the army").
    for name in names_in(article.item.title or ""):
        name = re.sub(r"['’]s$", "", name)
        found = re.search(rf"\b{re.escape(name)}\b", text)
        if found is not None:
            named.append(PlaceAnchor(found.start(), found.end(), name, "named in the headline"))
    for number, event in enumerate(article.events):
        main = event.main
        the_town = _THE_TOWN.search(text, main.left, main.right)
        if anchors[number] is None and the_town:
            earlier = [p for p in named if p.end <= the_town.start()
                       and not is_country_name(p.text)]
            if earlier:
                anchors[number] = max(earlier, key=lambda p: p.start)
    if anchors and anchors[0] is None and article.dateline is not None:
        anchors[0] = article.dateline
    return anchors


# "took full control of the city": the town the story has named already.
_THE_TOWN = re.compile(r"\b(?:of|in|into|entered|took|seized|captured|control of) the "
                       r"(?:city|town|village|provincial capital)\b", re.IGNORECASE)


def _finish(article: _Prepared, found_entities: list[Entity],
            resolver: Resolver) -> list[Mention]:
    item, text, sentences = article.item, article.item.text, article.sentences
    _check_places(article, found_entities, resolver.gazetteer)
    reference, focus, events = article.reference, article.focus, article.events
    anchors = _event_anchors(article, found_entities)
    # The event happened where its place is: that country names its civilians or gunmen
    # (unless the caller said which country the article is about).
    countries = [item.country or country_at(place, focus, resolver.gazetteer)
                 for place in anchors]
    named = Counter(article.countries)
    if focus:
        named[focus] += 2  # the article's focus outweighs a country named in passing
    outlet = outlet_country(item.url)
    if outlet is not None:
        named[outlet] += 1  # a Canadian paper's "London" (see geo.outlets)
    located = place_events(text, anchors, article.places, named, countries, resolver,
                           landmarks_abroad=item.country is None)
    mentions: list[Mention] = []
    previous_actor1: ActorMention | None = None  # who did the event told before
    for number, event in enumerate(events):
        place, event_country, where = anchors[number], countries[number], located[number]
        if item.country is None and where is not None and where.place.country:
            # The row's country is its place's: a place is only kept when the article points to
            # its country (geo.events), and a row in Russia with Donetsk oblast's coordinates
            # would be wrong either way.
            event_country = where.place.country
        roles = find_roles(text, event, sentences, event_country, article.actors, focus,
                           previous_actor1)
        previous_actor1 = roles.actor1_span
        earlier = events[number - 1] if number else None
        date, date_rule = date_of(event, earlier, reference)
        toll, low, high, toll_count = fatalities_of(text, event, events)
        attributions, claims = _sources(text, event, roles)
        contested = bool(claims)
        first_source = attributions[0] if attributions else None
        trigger = event.main.trigger
        associates = associated_actors(
            text, event.main.trigger, sentences[event.main.sentence], roles,
            country_name(event_country), article.actors.catalogue)
        evidence = _evidence(item, event, roles, date, place, toll_count, attributions)
        evidence += [Evidence(name, g.start, g.end, g.text) for name, g in associates.spans]
        sub_type = sub_event_types()[_detention_by_whom(
            _territorial_side(trigger.sub_event_type, roles), roles)]
        inter1 = roles.actor1.inter if roles.actor1 else None
        inter2 = roles.actor2.inter if roles.actor2 else None
        event_date = date.value.isoformat() if date else (
            reference[0].isoformat() if reference else None)
        location = where.location if where is not None else None
        mentions.append(Mention(
            article_id=item.article_id,
            number=number,
            event_date=event_date,
            time_precision=date.precision if date else 1,
            date_rule=date_rule,
            disorder_type=sub_type.disorder_type,
            event_type=sub_type.event_type,
            sub_event_type=sub_type.sub_event_type,
            actor1=roles.actor1.name if roles.actor1 else None,
            assoc_actor_1=associates.assoc_actor_1,
            inter1=inter1,
            actor2=roles.actor2.name if roles.actor2 else None,
            assoc_actor_2=associates.assoc_actor_2,
            inter2=inter2,
            interaction=interaction(inter1, inter2),
            civilian_targeting=roles.civilian_targeting,
            location=location,
            country=country_name(event_country),
            iso3=iso3(event_country),
            admin1=where.place.admin1 if where else None,
            admin2=where.place.admin2 if where else None,
            latitude=where.place.latitude if where else None,
            longitude=where.place.longitude if where else None,
            geo_precision=where.geo_precision if where else None,
            geonameid=where.place.geonameid if where else None,
            fatalities=toll,
            fatalities_low=low,
            fatalities_high=high,
            notes=notes(event_date, roles, sub_type.sub_event_type,
                        place.text if place is not None else location, toll,
                        first_source, contested),
            attribution=tuple({"source": a.source, "stance": a.stance, "start": a.start,
                               "end": a.end} for a in attributions),
            contested=contested,
            claims=claims,
            confidence=confidence(roles, date, place, first_source.stance if first_source
                                  else "asserts", contested, trigger),
            evidence=tuple(evidence),
            cameo_root=sub_type.cameo_root,
            plover=sub_type.plover,
        ))
    return mentions


def _territorial_side(sub_event_type: str, roles: Roles) -> str:
    """A capture is the government's regaining when state forces took the place and a non-state
    actor's overtaking otherwise (ACLED's definitions): once actor1 is known, it decides."""
    if sub_event_type not in TAKES_TERRITORY or roles.actor1 is None:
        return sub_event_type
    return TAKES_TERRITORY[0] if roles.actor1.inter == 1 else TAKES_TERRITORY[1]


def _detention_by_whom(sub_event_type: str, roles: Roles) -> str:
    """"QSD arrested four people on charges of joining IS": ACLED keeps Arrests for state forces;
    a rebel group or a militia that detains people abducts them. (Only a group named as such: a
    role word beside the arrest is more often the arrested than the arresting.)"""
    if sub_event_type == "Arrests" and roles.actor1 is not None and \
            roles.actor1.is_named_armed_group and roles.actor1.inter in (2, 3, 4):
        return "Abduction/forced disappearance"
    return sub_event_type


def _sources(text: str, event: Event, roles: Roles) -> tuple[list[Attribution], tuple[Claim, ...]]:
    """Who says so, each with the stance a party's word gets, once each; and, when another
    source contradicts it, the claims: the event's own account first."""
    party_spans = [(m.start, m.end) for m in (roles.actor1_span, roles.actor2_span) if m]
    accounts = [*event.parts, *event.contradicting]
    attributions: list[Attribution] = []
    for account in accounts:
        for attribution in account.attributions:
            if all((a.source, a.start) != (attribution.source, attribution.start)
                   for a in attributions):
                attributions.append(with_party_stance(attribution, party_spans))
    if not event.contradicting:
        return attributions, ()
    claims = []
    for account in [event.main, *event.contradicting]:
        source = with_party_stance(account.attributions[0], party_spans) \
            if account.attributions else None
        claims.append(Claim(source.source if source else None,
                            source.stance if source else "asserts",
                            text[account.left:account.right], account.left, account.right))
    return attributions, tuple(claims)


def _evidence(item: ExtractInput, event: Event, roles: Roles, date: EventDate | None,
              place: PlaceAnchor | None, toll: CasualtyCount | None,
              attributions: list[Attribution]) -> list[Evidence]:
    """The words behind each value: every trigger of the event's clauses, the actors, the date,
    the place, the toll and the sources; then the headline's and captions' support."""
    evidence = [Evidence("sub_event_type", t.start, t.end, t.text)
                for p in event.parts
                for t in [p.trigger, *[s for s in p.supporting
                                       if (s.start, s.end) != (p.trigger.start, p.trigger.end)]]]
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
    return evidence + support(item.title, item.captions, event.main.trigger)
