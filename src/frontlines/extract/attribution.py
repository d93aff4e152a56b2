"""Who says so: the source an account is credited to, and its stance.

News credits an account in a few fixed ways, and they are read here as they are written:
    "according to the Syrian Observatory"               source after "according to"
    "state TV reported that ..." / "the ministry said"  source before a reporting verb
    "..., a military spokesman said."                   the same, at the end of the sentence
    "..., said a local official."                       inverted: source after the verb
The verb gives the stance (data/attribution.json): "said" asserts, "claimed" claims, "denied" denies.
A party to the fighting does not report, it claims: an account credited to state TV, a rebel
outlet, an army spokesman or one of the event's own actors has the stance "claims" whatever its verb.
Pronoun sources ("he said") take the last named source before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontlines.data_files import load_data_file

Stance = str  # "asserts" | "claims" | "denies"


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str
    stance: Stance
    start: int  # the source's span in the article text
    end: int
    verb: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    stance_of: dict[str, str]
    verb: re.Pattern[str]
    after_verb: re.Pattern[str]
    partisan: re.Pattern[str]


_ACCORDING = re.compile(r"\baccording to (?P<source>[^,.;:()\"“”]{3,90})", re.IGNORECASE)
# Between a source and its verb: "has", "also", "later", "on Monday" ("the army said on Monday").
_AUXILIARIES = re.compile(r"(?:(?:has|have|had|also|later|earlier|previously|on \w+day) )*$",
                          re.IGNORECASE)
# The source: up to eight words right before the verb, none of them a clause break.
_SOURCE_WORDS = re.compile(r"(?:[\w'’().-]+ ){1,8}$")
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i)$", re.IGNORECASE)
# Where a source phrase before its verb begins: after the clause opener, a quote or "that".
_OPENER = re.compile(r".*(?:^|[,;:\"“”]|\bthat\b|\bwhile\b|\bbut\b|\band\b|\bas\b|\bwhere\b)\s*",
                     re.IGNORECASE | re.DOTALL)


@cache
def _lexicon(path: str | None = None) -> _Lexicon:
    data = load_data_file("attribution.json", path)
    stance_of = {verb.lower(): stance for stance, verbs in data["verbs"].items() for verb in verbs}
    verbs = "|".join(sorted(stance_of, key=len, reverse=True))
    return _Lexicon(
        stance_of=stance_of,
        # A reporting verb, then (in find_attributions) the noun phrase before it: up to eight
        # words without a clause break. Finding the verbs first keeps the search cheap.
        verb=re.compile(rf"\b(?P<verb>(?-i:{verbs}))\b(?! (?:by|to be)\b)"),
        # "..., said a spokesman for the army." / "..., the ministry said."
        after_verb=re.compile(
            rf"[,\"”]\s*(?P<verb>(?-i:{verbs}))\s+(?P<source>(?:a|an|the)\s[^,.;:\"“”]{{3,80}})",
            re.IGNORECASE),
        partisan=re.compile(
            r"(?:^|\b)(?:" + "|".join(re.escape(p) for p in data["partisan_sources"]) + r")\b",
            re.IGNORECASE),
    )


def _clean_source(phrase: str) -> tuple[int, str] | None:
    """The source words of `phrase` and where they start in it: without the clause opener or a
    dateline before it, and without a relative clause after its head ("two officers who escaped
    east" is "two officers")."""
    opener = _OPENER.match(phrase)
    skip = opener.end() if opener else 0
    dateline = _DATELINE_END.search(phrase, skip)
    skip = dateline.end() if dateline else skip
    words = _RELATIVE.split(phrase[skip:], maxsplit=1)[0].strip()
    if not words or not re.search(r"[A-Za-z]", words) or _NOBODY.match(words):
        return None
    return phrase.index(words, skip), words


_DATELINE_END = re.compile(r".*(?:\)\s*[-–—]|\s[-–—]\s)\s*", re.DOTALL)
_RELATIVE = re.compile(r"\s(?:who|which|whose|whom|where)\s")
_NOBODY = re.compile(r"(?:no|none|nobody|neither)\b", re.IGNORECASE)


def find_attributions(text: str, left: int, right: int, previous: list[Attribution] | None = None,
                      lexicon_file: str | None = None) -> list[Attribution]:
    """Every credited account in the sentence text[left:right], in order."""
    lexicon = _lexicon(lexicon_file)
    sentence = text[left:right]
    found: list[Attribution] = []
    for match in _ACCORDING.finditer(sentence):
        source = match.group("source").strip()
        start = left + match.start("source")
        found.append(Attribution(source, "asserts", start, start + len(source), "according to"))
    for match in lexicon.after_verb.finditer(sentence):
        source = match.group("source").strip()
        start = left + match.start("source")
        found.append(Attribution(source, lexicon.stance_of[match.group("verb").lower()], start,
                                 start + len(source), match.group("verb")))
    for match in lexicon.verb.finditer(sentence):
        if any(a.start <= left + match.start("verb") < a.end for a in found):
            continue
        window_start = max(0, match.start() - 160)
        head = sentence[window_start:match.start()]
        head = head[:_AUXILIARIES.search(head).start()]  # type: ignore[union-attr]
        phrase = _SOURCE_WORDS.search(head)
        if phrase is None:
            continue
        cleaned = _clean_source(phrase.group(0))
        if cleaned is None:
            continue
        offset, source = cleaned
        start = left + window_start + phrase.start() + offset
        verb = match.group("verb")
        if _PRONOUN.match(source):
            earlier = [a for a in (previous or []) + found if a.start < start]
            if not earlier:
                continue
            source, start = earlier[-1].source, earlier[-1].start
        if re.match(r"[a-z]+(?:ed|ing)\b", source):
            continue  # "officials said" names a source; "were killed and said" does not
        found.append(Attribution(source, lexicon.stance_of[verb.lower()], start,
                                 start + len(source), verb))
    return sorted(found, key=lambda a: a.start)


def with_party_stance(attribution: Attribution, party_spans: list[tuple[int, int]],
                      lexicon_file: str | None = None) -> Attribution:
    """An assertion by a party to the fighting (a partisan outlet, or one of the event's own
    actors) is a claim."""
    if attribution.stance != "asserts":
        return attribution
    partisan = _lexicon(lexicon_file).partisan.search(attribution.source) is not None
    own = any(s < attribution.end and attribution.start < e for s, e in party_spans)
    if partisan or own:
        return Attribution(attribution.source, "claims", attribution.start, attribution.end,
                           attribution.verb)
    return attribution
