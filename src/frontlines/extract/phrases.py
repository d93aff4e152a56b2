"""Find many known names in text at once: actor aliases, country names and demonyms.

A regular expression made of a few thousand alternatives is slow in Python's `re` (it tries them one
by one at every position); looking runs of words up in a dict is not. Names and text are cut into
words the same way, a name matches where its words follow each other separated by spaces only, and
a word never matches part of a longer word ("IS" is not found in "IS-held" or "ISIS"). Upper-case
abbreviations are matched in their own case only ("IS" is not "is"), other names in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_POSSESSIVE = re.compile(r"\w['’]s$")
# "a Taliban-planted IED", "an IS-laid mine": the name before the hyphen planted the weapon
# (roles.py
# reads it as the attacker); other compounds ("IS-held") stay whole words.
_PLANTER = re.compile(r"(?<=\w)-(?:planted|laid|placed)$", re.IGNORECASE)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _joins(word: str, gap: str) -> bool:
    """Whether `gap` may separate two words of one name: spaces; after an abbreviation with
    points ("U.S. forces", "U.S.-led"), its final point and a space or hyphen, which the word
    pattern leaves out of the word."""
    if gap.isspace():
        return True
    return "." in word and gap[:1] == "." and (gap[1:].isspace() or gap[1:] == "-")


def _spellings(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A folded name as written, with its possessives' curly apostrophe ("Assad’s forces"), and
    without the apostrophe, which scrapers and feeds often lose ("Assads forces")."""
    if not key:
        return []
    if not any(_POSSESSIVE.search(word) for word in key):
        return [key]
    curly = tuple(w[:-2] + "’s" if _POSSESSIVE.search(w) else w for w in key)
    lost = tuple(w[:-2] + "s" if _POSSESSIVE.search(w) else w for w in key)
    return [key, curly, lost]


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    start: int
    end: int
    value: V


class PhraseIndex(Generic[V]):
    def __init__(self, folded: Iterable[tuple[str, V]], exact: Iterable[tuple[str, V]] = (),
                 slash_joins: bool = False):
        # "Boko Haram/IS": with `slash_joins`, a slash may separate two words of one name.
        self._slash_joins = slash_joins
        self._folded: dict[tuple[str, ...], V] = {}
        self._exact: dict[tuple[str, ...], V] = {}
        for name, value in folded:
            key = tuple(w.casefold() for w in words(name))
            for variant in _spellings(key):
                self._folded.setdefault(variant, value)
        for name, value in exact:
            key = tuple(words(name))
            if key:
                self._exact.setdefault(key, value)
        self._longest = max((len(k) for k in [*self._folded, *self._exact]), default=0)
        # Every beginning of a name: the search along the words stops as soon as none fits.
        self._folded_prefixes = {k[:n] for k in self._folded for n in range(1, len(k) + 1)}
        self._exact_prefixes = {k[:n] for k in self._exact for n in range(1, len(k) + 1)}

    def _lookup(self, exact: list[str], folded: list[str]) -> V | None:
        value = self._exact.get(tuple(exact))
        return value if value is not None else self._folded.get(tuple(folded))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match[V]]:
        """Every name in text[start:end], in order, read from left to right: at each word the
        longest name that starts there, and the search goes on after it."""
        spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start,
                                                                           len(text) if end is None
                                                                           else end)]
        found: list[Match[V]] = []
        first = 0
        while first < len(spans):
            # Most words of a text begin no name: passed over with a lookup of their one-word
            # prefix (a word with an apostrophe or hyphen may end in a suffix stripped below,
            # and takes the long way).
            word = spans[first][2]
            if (word,) not in self._exact_prefixes and \
                    (word.casefold(),) not in self._folded_prefixes \
                    and "'" not in word and "’" not in word and "-" not in word:
                first += 1
                continue
            best: Match[V] | None = None
            best_last = first
            folded: list[str] = []
            exact: list[str] = []
            for last in range(first, min(first + self._longest, len(spans))):
                gap = text[spans[last - 1][1]:spans[last][0]] if last > first else ""
                if last > first and not _joins(spans[last - 1][2], gap) \
                        and not (self._slash_joins and gap == "/"):
                    break  # a name's words are separated by spaces only
                word = spans[last][2]
                # "Islamic State's fighters": a name may end in a possessive.
                suffix = _POSSESSIVE.search(word) or _PLANTER.search(word)
                cut = 2 if suffix and suffix.re is _POSSESSIVE else \
                    (suffix.end() - suffix.start() if suffix else 0)
                bare = word[:-cut] if cut else None
                if bare is not None:
                    value = self._lookup([*exact, bare], [*folded, bare.casefold()])
                    if value is not None:
                        best = Match(spans[first][0], spans[last][1] - cut, value)
                        best_last = last
                exact.append(word)
                folded.append(word.casefold())
                exact_key, folded_key = tuple(exact), tuple(folded)
                in_exact = exact_key in self._exact_prefixes
                in_folded = folded_key in self._folded_prefixes
                if not in_exact and not in_folded:
                    break
                value = self._lookup(exact, folded)
                if value is not None:
                    best, best_last = Match(spans[first][0], spans[last][1], value), last
            if best is not None:
                found.append(best)
                first = best_last + 1  # leftmost, then longest: "Saudi-led coalition" first
            else:
                first += 1
        return found
