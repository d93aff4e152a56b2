"""The lookahead that speeds up lexicon patterns must never change what they match."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.extract.classify import _lexicon
from frontlines.extract.places import _LOCATIVE
from frontlines.extract.word_patterns import quick_start, words_pattern

ROOT = Path(__file__).resolve().parent.parent

PATTERNS = [
    (r"\b(?:attack(s|ed)?|kill(ed|ing)|gunned down|(?<!the )raid(s|ed)?)\b", re.IGNORECASE),
    (r"\b(?:(?i:not|never)|may)\b", 0),  # case-folding switched on inside a group only
    (r"\b(?:(?-i:March)(ed)?|rall(y|ied))\b", re.IGNORECASE),  # and off
    (r"(?:just )?(?:\d+ ?km )?(?:north|south) of\b", re.IGNORECASE),
    (r"[A-Z][a-z]+s (?=[A-Z])", 0),
    (r"(?:ab)*c", 0),
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_a_word_list_gets_a_lookahead_on_its_first_letters() -> None:
    pattern = words_pattern(["attack(s|ed)?", "kill(ed|ing)", "gunned down"])
    assert pattern.pattern.startswith("(?i:(?=[")
    assert set(pattern.pattern[len("(?i:(?=["):pattern.pattern.index("]")]) == set("akg")
    assert _spans(pattern, "Gunmen attacked; two were KILLED, one gunned down.") == \
        [(7, 15), (26, 32), (38, 49)]


def test_patterns_whose_start_is_unknown_are_compiled_as_they_are() -> None:
    for unknown in (r".an", r"(a)?\1b", r"[^x]y", r"x?"):
        assert quick_start(unknown).pattern == unknown
    assert words_pattern([]).search("anything") is None  # an empty list matches nothing


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbcKkMmrsjtnoeivldyh 0123456789-'.,\u212a\u0663", max_size=60))
def test_the_lookahead_changes_no_match(text: str) -> None:
    for source, flags in PATTERNS:
        assert _spans(quick_start(source, flags), text) == _spans(re.compile(source, flags), text)


def test_the_shipped_lexicon_matches_the_same_spans_on_our_articles() -> None:
    texts = [json.loads(line)["text"] for path in sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
             for line in path.read_text("utf-8").splitlines() if line.strip()]
    lexicon = _lexicon(None)
    patterns = [pattern for *_, pattern in lexicon.patterns] + [_LOCATIVE]
    sped_up = [p for p in patterns if p.pattern.startswith("(?i:(?=[")]
    assert len(sped_up) == len(patterns)  # every trigger family and the locative cues
    for pattern in sped_up:
        plain = re.compile(pattern.pattern[pattern.pattern.index("]))") + 3:], pattern.flags)
        for text in texts:
            assert _spans(pattern, text) == _spans(plain, text)
