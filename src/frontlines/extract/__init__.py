"""Extract stage: from a clean article to event mentions. Readers so far: event dates resolved
against the publication date, and casualty counts."""

from frontlines.extract.casualties import CasualtyCount, find_casualties
from frontlines.extract.event_dates import EventDate, find_event_dates, reference_date

__all__ = ["CasualtyCount", "EventDate", "find_casualties", "find_event_dates", "reference_date"]
