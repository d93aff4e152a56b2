"""Casualty counts in news prose: how many were killed, wounded, captured or missing, and the words
that say so.

    "a drone strike killed at least 25 civilians"      killed  25 (low 25: "at least")
    "two children were among the dead"                 killed   2
    "more than a dozen soldiers were wounded"          wounded 12
    "dozens of fighters were captured"                 captured 12 (vague: ACLED reads dozens as 12)
    "the death toll rose to 40"                        killed  40
    "civilians were killed"                            killed   2 (a plural asserts two)

Counts are read conservatively as ACLED does (data/casualty_words.json says how each vague word is
read, and why). Killed is kept apart from wounded and captured: the kind comes from the verb or noun
next to the number ("killing 3", "3 were killed", "3 dead", "toll of 3"), never from the sentence as
a whole, because news sentences routinely give both ("killing 3 and wounding 12").
No library reads "dozens" as ACLED does; text2num turns number words into digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from text_to_num import alpha2digit

from frontlines.data_files import load_data_file

Kind = Literal["killed", "wounded", "captured", "missing"]

_UNITS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    "|hundred|thousand|million"
)
_NUMBER_WORDS = rf"(?:(?:an? (?=hundred|thousand))?(?:{_UNITS})(?:[\s-]+(?:and[\s-]+)?(?:{_UNITS}))*)"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"


@dataclass(frozen=True, slots=True)
class CasualtyCount:
    """One count in the text. `value` is the conservative figure; `low`/`high` bound it where the
    text does ("at least 25": low 25; "up to 40": high 40; "between 10 and 15": 10 and 15)."""

    kind: Kind
    value: int
    low: int | None
    high: int | None
    vague: bool
    victims: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    vague: dict[str, int]
    unnumbered_plural: int
    unnumbered_singular: int
    qualifiers: dict[str, str]
    kind_words: dict[str, Kind]
    count_re: re.Pattern[str]
    noun_re: str
    after_re: re.Pattern[str]
    death_nouns: frozenset[str]


@cache
def _lexicon(path: str | None = None) -> _Lexicon:
    data = load_data_file("casualty_words.json", path)
    vague = {k.lower(): int(v) for k, v in data["vague_amounts"].items()}
    qualifiers = {k.lower(): v for k, v in data["qualifiers"].items()}
    kind_words = {
        word.lower(): kind for kind, words in data["casualty_kinds"].items() for word in words
    }

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    nouns = alternation(data["person_nouns"])
    amount = (
        rf"(?:between\s+(?P<r1>{_DIGITS}|{_NUMBER_WORDS})\s+and\s+(?P<r2>{_DIGITS}|{_NUMBER_WORDS})"
        rf"|(?P<ra>{_DIGITS})\s*(?:-|–|to)\s*(?P<rb>{_DIGITS})"
        rf"|(?P<vague>{alternation(list(vague))})"
        rf"|(?P<num>{_DIGITS}|{_NUMBER_WORDS})"
        rf"|(?P<single>\ba|\ban))"
    )
    count = (
        rf"(?P<qual>\b(?:{alternation(list(qualifiers))})\s+)?{amount}"
        rf"(?:\s+(?P<adj>(?:[A-Za-z'’-]+\s+){{0,3}}?)(?P<noun>{nouns})\b)?"
    )
    return _Lexicon(
        vague=vague,
        unnumbered_plural=int(data["unnumbered_plural"]),
        unnumbered_singular=int(data["unnumbered_singular"]),
        qualifiers=qualifiers,
        kind_words=kind_words,
        count_re=re.compile(rf"\b{count}", re.IGNORECASE),
        noun_re=nouns,
        after_re=re.compile(_AFTER_TEMPLATE.format(kinds=alternation(list(kind_words))),
                            re.IGNORECASE),
        death_nouns=frozenset(w.lower() for w in data.get("death_nouns", [])),
    )


def _to_int(text: str) -> int | None:
    text = re.sub(r"^an?\s+(?=hundred|thousand)", "one ", text.replace(",", "").strip(), flags=re.I)
    if text.isdigit():
        return int(text)
    converted = alpha2digit(text.lower(), "en", threshold=0).replace(",", "").strip()
    return int(converted) if converted.isdigit() else None


# The kind is read from the words right after the count ("25 civilians were killed", "3 dead") or
# right before it ("killing 25", "the death toll rose to 25", "wounded 12 others").
_AFTER_TEMPLATE = (
    r"(?:\s*,)?(?:\s+(?:including|among them|among whom|most of them|mostly|many of them)"
    r"(?:\s+[\w'’-]+){{1,4}}?,?)?"
    r"\s+(?:(?:were|was|have|has|had|have been|has been|had been|are|is|reportedly|also|later|"
    r"all|been|being|found|who were|of whom were|others were|people were|among the|among those)"
    r"\s+){{0,4}}"
    r"(?:\w+ly\s+)?(?P<word>{kinds})\b"
)
_BEFORE = re.compile(
    r"(?P<word>death toll|toll|shot dead|shooting dead|gunned down|killing|killed|kills|kill|"
    r"wounding|wounded|injuring|injured|"
    r"capturing|captured|abducting|abducted|kidnapping|kidnapped|executed|massacred|left|leaving)"
    r"(?:\s+(?:rose|climbed|reached|stood|increased|jumped|has risen|had risen|rising|climbing|"
    r"stands|is|was|of|to|at|now|has|had|risen|reaching))*\s*$",
    re.IGNORECASE,
)
_NONE = re.compile(
    r"\b(?:no(?:body| one)\s+(?:was|were|has been)\s+(?P<k1>killed|hurt|injured|wounded)"
    r"|no\s+(?P<k2>deaths|fatalities|casualties|injuries)\s+(?:were|was|have been)\s+reported"
    r"|there were no\s+(?P<k3>deaths|fatalities|casualties|injuries))",
    re.IGNORECASE,
)
_NO_KIND = {"deaths": "killed", "fatalities": "killed", "casualties": "killed", "injuries": "wounded",
            "killed": "killed", "hurt": "wounded", "injured": "wounded", "wounded": "wounded"}


def _kind_near(text: str, start: int, end: int, lexicon: _Lexicon) -> Kind | None:
    after = lexicon.after_re.match(text, end)
    if after:
        kind = lexicon.kind_words.get(after.group("word").lower())
        if kind:
            return kind
    before = _BEFORE.search(text[max(0, start - 60):start])
    if before:
        word = before.group("word").lower()
        if word in ("left", "leaving"):
            following = lexicon.after_re.match(text, end)  # "leaving 12 dead", "left 3 wounded"
            return lexicon.kind_words.get(following.group("word").lower()) if following else None
        return lexicon.kind_words.get(word)
    return None


def _bounds(qualifier: str | None, value: int, lexicon: _Lexicon) -> tuple[int | None, int | None]:
    role = lexicon.qualifiers.get(qualifier.lower().strip()) if qualifier else None
    if role == "low":
        return value, None
    if role == "high":
        return None, value
    if role == "approx":
        return None, None
    return value, value


_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s*(?:\d{1,2},?\s*)?$"
    r"|\b(?:in|since|of|until|year)\s*$",
    re.IGNORECASE,
)


def _is_year(match: re.Match[str], text: str) -> bool:
    """"28 August 2016 Two children ...": 2016 is the date's year, not a count."""
    number = match.group("num")
    if not number or not re.fullmatch(r"(?:19|20)\d\d", number):
        return False
    return _MONTH_BEFORE.search(text[max(0, match.start() - 16):match.start()]) is not None


_MONTH_AFTER = re.compile(
    r"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE)


def _is_day(match: re.Match[str], text: str) -> bool:
    """"on 12 October killed three": 12 is the day of a date, not a count."""
    number = match.group("num")
    return bool(number and number.isdigit() and 1 <= int(number) <= 31
                and _MONTH_AFTER.match(text, match.end("num")))


_DEATH_TOLL = re.compile(
    r"\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|victims|people killed))\b"
    r"[^.;:]{0,60}?\b(?:to|at|of|reached|is|was|stands at|rose to)?\s*"
    r"(?P<qual>at least|more than|over|nearly|almost|about|around|some)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*(?:km|kilomet|mile|year|per ?cent|%))",
    re.IGNORECASE,
)


def _death_tolls(text: str, lexicon: _Lexicon, taken: list[tuple[int, int]]) -> list[CasualtyCount]:
    """"The death toll from the bomb attack rose to at least 112": the first number after the
    words death toll in the same clause."""
    counts = []
    for match in _DEATH_TOLL.finditer(text):
        start, end = match.start("num"), match.end("num")
        if any(s <= start < e for s, e in taken):
            continue
        value = int(match.group("num").replace(",", ""))
        low, high = _bounds(match.group("qual"), value, lexicon)
        counts.append(CasualtyCount("killed", value, low, high, False, None, match.start(), end,
                                    match.group(0)))
    return counts


_NUMERIC_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_AFTER_DATE_SEPARATOR = re.compile(r"\d[-/.]$")
_DIGIT_RUN = re.compile(r"\d+")


def _numeric_date_end(match: re.Match[str], text: str) -> int | None:
    """Where a numeric date that the count starts on ends: "23-04-2016 Child killed",
    "13/12/2014 - Three civilians", "2016-04-23 Two children" (scraped pages open with their
    date). A number joined to others by dashes, slashes or dots is part of a date, not a toll."""
    start = match.start()
    whole = _NUMERIC_DATE.match(text, start)
    if whole is not None:
        return whole.end()
    if _AFTER_DATE_SEPARATOR.search(text, max(0, start - 2), start):
        digits = _DIGIT_RUN.match(text, start)
        return digits.end() if digits else None
    return None


def find_casualties(text: str, lexicon_file: str | None = None) -> list[CasualtyCount]:
    """Every casualty count in `text`, in order, with character offsets into `text`."""
    lexicon = _lexicon(lexicon_file)
    found: list[CasualtyCount] = []
    unkinded: list[CasualtyCount] = []  # counts of no kind of their own, which "and" may join
    position = 0
    while (match := lexicon.count_re.search(text, position)) is not None:
        position = match.end()
        if (date_end := _numeric_date_end(match, text)) is not None:
            position = date_end  # read on from right after the date
            continue
        if _is_year(match, text) or _is_day(match, text):
            position = match.end("num")  # read on from right after the year or the day
            continue
        noun = match.group("noun")
        if match.group("single") and not noun:
            continue  # "a" alone is an article, not a count
        if re.search(r"\bno\s*$", text[max(0, match.start() - 4):match.start()], re.IGNORECASE):
            continue  # "no one was hurt" is a zero, read by _explicit_none
        kind = _kind_near(text, match.start(), match.end(), lexicon)
        if kind is None and noun and noun.lower() in lexicon.death_nouns:
            kind = "killed"  # "1 fatality", "five deaths", "12 dead"
        vague = False
        low: int | None
        high: int | None
        if match.group("r1") or match.group("ra"):
            first = _to_int(match.group("r1") or match.group("ra"))
            second = _to_int(match.group("r2") or match.group("rb"))
            if first is None or second is None:
                continue
            value, low, high = min(first, second), min(first, second), max(first, second)
        elif match.group("vague"):
            value, vague = lexicon.vague[match.group("vague").lower()], True
            low, high = value, None
        elif match.group("single"):
            value = lexicon.unnumbered_singular
            low, high = value, value
        else:
            number = _to_int(match.group("num"))
            if number is None:
                continue
            value = number
            low, high = _bounds(match.group("qual"), value, lexicon)
        count = CasualtyCount(kind or "killed", value, low, high, vague,
                              noun.lower() if noun else None, match.start(), match.end(),
                              match.group(0))
        (found if kind is not None else unkinded).append(count)
    found = _joined(text, found, unkinded)
    found.extend(_death_tolls(text, lexicon, [(c.start, c.end) for c in found]))
    # An unnumbered phrase right after a count is part of it ("15 civilians, among them children,
    # were killed"): only a phrase clear of counted ones adds a count of its own.
    found.extend(_unnumbered(text, lexicon, {(c.start, c.end + 80) for c in found}))
    found.extend(_explicit_none(text))
    return sorted(found, key=lambda c: c.start)


# "killing at least 60 Afghans and 13 US service members", "two soldiers and a civilian were
# killed": counts joined by "and" are one toll of the verb they share.
_JOIN = re.compile(r"\s*,?\s+(?:and|as well as|plus)\s+")
# ... past victims the lexicon has no noun for ("60 Afghans and 13 US service members"), though
# not past a place ("5 people in Kabul and 3 in Kandahar" are two events' tolls).
_JOIN_PAST_VICTIMS = re.compile(r"(?:\s+(?!(?:in|at|on|near|from|of|and|the|were|was)\b)"
                                r"[\w'’-]+){1,3}\s*,?\s+(?:and|as well as|plus)\s+")


def _joined(text: str, found: list[CasualtyCount], unkinded: list[CasualtyCount],
            ) -> list[CasualtyCount]:
    """`found` with each count of no kind of its own added to the counted one it is joined to
    by "and", before or after it. (A count after "including" is a part of the toll before it,
    not joined to it.)"""
    merged = list(found)
    for extra in unkinded:
        for number, count in enumerate(merged):
            if _JOIN.fullmatch(text, count.end, extra.start) or (
                    count.victims is None and _JOIN_PAST_VICTIMS.fullmatch(text, count.end,
                                                                          extra.start)):
                start, end = count.start, extra.end
            elif _JOIN.fullmatch(text, extra.end, count.start):
                start, end = extra.start, count.end
            else:
                continue
            merged[number] = CasualtyCount(
                count.kind, count.value + extra.value,
                None if count.low is None or extra.low is None else count.low + extra.low,
                None if count.high is None or extra.high is None else count.high + extra.high,
                count.vague or extra.vague, count.victims, start, end, text[start:end])
            break
    return merged


_UNNUMBERED = re.compile(
    r"\b(?P<noun>{nouns})\s+(?:were|have been|had been)\s+(?:\w+ly\s+)?(?P<verb>killed|wounded|"
    r"injured|abducted|kidnapped|captured|executed|massacred)\b",
    re.IGNORECASE,
)


def _unnumbered(text: str, lexicon: _Lexicon, taken: set[tuple[int, int]]) -> list[CasualtyCount]:
    """Plural victims without a number ("civilians were killed"): the least the words assert."""
    pattern = re.compile(_UNNUMBERED.pattern.replace("{nouns}", lexicon.noun_re), re.IGNORECASE)
    counts = []
    for match in pattern.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        before = text[max(0, match.start() - 12):match.start()].lower()
        if re.search(r"\b(the|of|other|these|those|its|their|his|her)\s+$", before):
            continue  # "the soldiers were killed": refers back to a counted group
        if not match.group("noun").lower().endswith(("s", "people", "men", "children", "police")):
            continue
        kind = lexicon.kind_words[match.group("verb").lower()]
        value = lexicon.unnumbered_plural
        counts.append(CasualtyCount(kind, value, value, None, True, match.group("noun").lower(),
                                    match.start(), match.end(), match.group(0)))
    return counts


def _explicit_none(text: str) -> list[CasualtyCount]:
    counts = []
    for match in _NONE.finditer(text):
        word = (match.group("k1") or match.group("k2") or match.group("k3")).lower()
        kind: Kind = "wounded" if _NO_KIND[word] == "wounded" else "killed"
        counts.append(CasualtyCount(kind, 0, 0, 0, False, None, match.start(), match.end(),
                                    match.group(0)))
    return counts
