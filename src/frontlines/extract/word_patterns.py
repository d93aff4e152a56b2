"""One regular expression for a list of word alternatives, built to fail fast where none begins.

A lexicon's pattern (`\\b(?:attack(s|ed)?|kill(ed|ing)|gunned down|...)\\b`, a hundred branches)
runs over every article. Python's engine tries each branch at every word boundary, and with
IGNORECASE it has no first-character scan of its own, so most of the time goes into branches that
fail on their first letter. A lookahead on the letters a match can begin with
(`(?i:(?=[agk]))\\b(?:...)`) turns away most words with one test, and matches exactly the same
spans: on the sample corpus it halves the time the trigger lexicon takes.

The letters are read from the parsed pattern (`re._parser`, the standard library's own parser).
Where the parse holds anything this module does not follow (a branch that may start with any
character, a parser that changed), the pattern is built without the lookahead: slower, never
different.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another Python's layout: no lookahead, same matches
    _sre_parse = None  # type: ignore[assignment]

_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def words_pattern(alternatives: Sequence[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """`\\b(?:a|b|...)\\b` over `alternatives` (regular expressions themselves), with `flags`;
    an empty list matches nothing, not the empty string."""
    if not alternatives:
        return re.compile(r"(?!)")
    return quick_start(r"\b(?:" + "|".join(alternatives) + r")\b", flags)


def quick_start(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled with `flags`, behind a lookahead on the characters its matches can
    begin with when those are known: the same matches, found sooner."""
    starts = _first_characters(pattern, flags)
    if not starts:
        return re.compile(pattern, flags)
    # The lookahead ignores case whatever the flags: a group may switch case-folding on
    # ("(?i:...)"), and a test that lets more characters through changes no match.
    return re.compile("(?i:(?=[" + "".join(sorted(starts)) + "]))" + pattern, flags)


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _first_characters(pattern: str, flags: int) -> set[str] | None:
    """What a match of `pattern` can begin with, as members of a character class (escaped
    characters, ranges, categories such as \\d), or None when that is not known."""
    if _sre_parse is None:  # pragma: no cover
        return None
    try:
        starts, may_be_empty = _starts(list(_sre_parse.parse(pattern, flags)))
    except Exception:  # a private parser that changed costs speed, never a wrong match
        return None
    return None if starts is None or may_be_empty else starts


def _starts(items: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """(what the sequence's first character can be, whether it can match the empty string);
    None for the first when it could be anything."""
    starts: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue  # a lookbehind or a boundary consumes nothing: the next item begins
        if name == "LITERAL":
            starts.add(re.escape(chr(argument)))  # type: ignore[arg-type]
            return starts, False
        if name == "IN":
            for kind, value in argument:  # type: ignore[union-attr]
                if str(kind) == "LITERAL":
                    starts.add(re.escape(chr(value)))
                elif str(kind) == "RANGE":
                    starts.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif str(kind) == "CATEGORY" and str(value) in _CATEGORIES:
                    starts.add(_CATEGORIES[str(value)])
                else:
                    return None, False  # a negated set
            return starts, False
        if name == "SUBPATTERN":
            inner, empty = _starts(list(argument[3]))  # type: ignore[index]
        elif name == "BRANCH":
            inner, empty = set(), False
            for branch in argument[1]:  # type: ignore[index]
                found, branch_empty = _starts(list(branch))
                if found is None:
                    return None, False
                inner |= found
                empty = empty or branch_empty
        elif name in _REPEATS:
            low, _high, repeated = argument  # type: ignore[misc]
            inner, empty = _starts(list(repeated))
            empty = empty or low == 0
        else:
            return None, False  # any character, a group reference, a conditional...
        if inner is None:
            return None, False
        starts |= inner
        if not empty:
            return starts, False
    return starts, True
