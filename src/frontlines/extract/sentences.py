"""Sentence bounds of a text, computed once and looked up by offset.

Every reader of the extract stage asks "which sentence is this offset in?" many times per article;
scanning the text again for each question is quadratic on long articles, so the bounds are found
once and looked up with bisect. A regular expression is enough here and much cheaper than a parser:
news sentences end in ".", "!" or "?" before a capital or a quote, and a line break always ends one
(paragraphs, scraped lines). A title abbreviation ("Gen. Haftar", "Lt. Col.") does not end one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘])|\s*\n\s*")
_ABBREVIATION = re.compile(
    r"\b(?:Gen|Lt|Col|Maj|Capt|Cpt|Sgt|Cpl|Pvt|Brig|Adm|Cmdr|Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Rev|"
    r"Prof|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$"
)


@dataclass(slots=True)
class Sentences:
    """The sentences of `text` as (start, end) offsets, in order, covering every non-blank part."""

    text: str
    bounds: list[tuple[int, int]] = field(init=False)
    _starts: list[int] = field(init=False)
    _ends: list[int] = field(init=False)

    def __post_init__(self) -> None:
        bounds, start = [], 0
        for gap in _BOUNDARY.finditer(self.text):
            if "\n" not in gap.group(0) and _ABBREVIATION.search(self.text, 0, gap.start()):
                continue
            if gap.start() > start:
                bounds.append((start, gap.start()))
            start = gap.end()
        if len(self.text.rstrip()) > start:
            bounds.append((start, len(self.text.rstrip())))
        self.bounds = bounds
        self._starts = [s for s, _ in bounds]
        self._ends = [e for _, e in bounds]

    def index(self, offset: int) -> int:
        """The number of the sentence holding `offset` (the next one when it falls in a gap)."""
        if not self.bounds:
            return 0
        number = bisect_right(self._starts, offset) - 1  # the last sentence starting by then
        if number < 0:
            return 0
        if offset < self._ends[number]:
            return number
        return min(number + 1, len(self.bounds) - 1)  # in the gap after it

    def around(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The bounds of the sentence (or run of sentences) holding text[start:end]."""
        if not self.bounds:
            return 0, len(self.text)
        first = self.index(start)
        last = self.index(max(start, (end if end is not None else start) - 1))
        return self.bounds[first][0], self.bounds[max(first, last)][1]

    def __len__(self) -> int:
        return len(self.bounds)

    def __getitem__(self, number: int) -> tuple[int, int]:
        return self.bounds[number]
