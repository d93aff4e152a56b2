"""Extract stage: from a clean article to event mentions. In place so far: the event type
catalogue, event dates resolved against the publication date, and casualty counts."""

from frontlines.extract.casualties import CasualtyCount, find_casualties
from frontlines.extract.event_dates import EventDate, find_event_dates, reference_date
from frontlines.extract.ontology import SubEventType, sub_event_types

__all__ = [
    "CasualtyCount", "EventDate", "SubEventType", "find_casualties", "find_event_dates",
    "reference_date", "sub_event_types",
]
