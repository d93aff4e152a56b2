"""Clean article text as crawlers and copy-paste deliver it.

Scraped text keeps the page furniture that an HTML extractor would have dropped: share and comment
widgets, cookie and subscribe prompts, captions printed twice, photo credits, interface strings in the
site's own script, related-headline lists. We remove them line by line with rules that follow how news
pages are built (lexicons in data/boilerplate.json), find the headline, standfirst and byline, and keep
every removed line with the rule that removed it, so an analyst can audit the cleaning.

The same cleaner also runs over trafilatura's output for HTML pages, which still lets some widgets
and foreign-script strings through.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from frontlines.clean.published import DATELINE_RE, is_date_line, parse_foreign_date
from frontlines.data_files import load_data_file
from frontlines.records import RemovedLine

# Ranks languages for a line, best first: [(code, probability), ...].
LineLanguage = Callable[[str], list[tuple[str, float]]]

_SPACE = re.compile(r"\s+")
_EDGE_CHARS = string.punctuation + " “”‘’«»„‚—–…•·|¦§¶"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled lexicons of page furniture (see data/boilerplate.json)."""

    max_words: int
    widget_words: frozenset[str]
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    tail_markers: tuple[re.Pattern[str], ...]
    credit: re.Pattern[str]
    agency_only: re.Pattern[str]
    credit_suffix: re.Pattern[str]
    bylines: tuple[re.Pattern[str], ...]

    @classmethod
    def load(cls, path: str | None = None) -> Boilerplate:
        data = load_data_file("boilerplate.json", path)
        flags = re.IGNORECASE
        return cls(
            max_words=int(data["max_words"]),
            widget_words=frozenset(w.lower() for w in data["widget_words"]),
            rules=tuple(
                (reason, re.compile(pattern, flags))
                for reason, patterns in data["rules"].items()
                for pattern in patterns
            ),
            tail_markers=tuple(re.compile(p, flags) for p in data["tail_markers"]),
            credit=re.compile(data["credit"], flags),
            agency_only=re.compile(data["agency_only"], flags),
            credit_suffix=re.compile(data["credit_suffix"], flags),
            bylines=tuple(re.compile(p) for p in data["bylines"]),
        )


@dataclass(frozen=True, slots=True)
class CleanText:
    body: str
    headline: str | None
    standfirst: str | None
    author: str | None
    captions: tuple[str, ...]
    removed: tuple[RemovedLine, ...]
    date_lines: tuple[str, ...]


def fold(line: str) -> str:
    """A comparison key: case-folded, whitespace folded, edge punctuation dropped."""
    # str methods, not regular expressions: this runs on every line of every article.
    return " ".join(line.split()).strip(_EDGE_CHARS).casefold()


_CREDIT_HINTS = ("photo", "image", "picture", "credit", "pic", "video", "|")


def strip_credit_suffix(text: str, boilerplate: Boilerplate) -> str:
    """Text without a trailing "(Photo: AP)" / "Photo: AP" / "| AFP". The pattern is anchored at the
    end, so only the last 120 characters are searched, and only when a credit word is there."""
    head, tail = text[:-120], text[-120:]
    if not any(hint in tail.lower() for hint in _CREDIT_HINTS):
        return text.strip()
    return (head + boilerplate.credit_suffix.sub("", tail)).strip()


def strip_caption_credit(caption: str, boilerplate: Boilerplate) -> str:
    """A caption without its credit: "(Photo: AP)", "Photo: AP", or a short unpunctuated tail after
    the caption's last sentence ("... on Sunday. Meridian/Stringer"). Only for text already known
    to be a caption: in a body paragraph such a tail is content."""
    caption = strip_credit_suffix(caption, boilerplate)
    sentence_end = max(caption.rfind(". "), caption.rfind("! "), caption.rfind("? "))
    if sentence_end > 0:
        tail = caption[sentence_end + 2:]
        if len(_words(tail)) <= 10 and not tail.rstrip().endswith((".", "!", "?", '"', "”")):
            caption = caption[: sentence_end + 1]
    return caption.strip()


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _script(char: str) -> str:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return "OTHER"
    return name.split(" ", 1)[0]


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script (LATIN, HEBREW, ARABIC, CYRILLIC, CJK...) the text has."""
    # ASCII letters by regex; unicodedata only for the (usually few) other characters.
    counts = Counter({"LATIN": len(_ASCII_LETTER.findall(text))})
    for char in _NON_ASCII.findall(text):
        if char.isalpha():
            counts[_script(char)] += 1
    return counts


def _main_script(text: str) -> str:
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _is_foreign_script(line: str, main: str) -> bool:
    if line.isascii():  # the common case, decided without counting
        return main != "LATIN" and bool(_ASCII_LETTER.search(line))
    if main == "LATIN" and len(_NON_ASCII.findall(line)) * 4 < len(line):
        return False  # a Latin line with a few curly quotes, accents or a name in another script
    counts = script_counts(line)
    letters = sum(counts.values())
    return letters > 0 and counts.get(main, 0) < letters / 2


@dataclass(slots=True)
class _Line:
    text: str
    reason: str | None = None  # None: still body text
    caption: str | None = None
    words: int = -1  # word count, set once: every pass asks for it

    def __post_init__(self) -> None:
        self.words = len(_words(self.text))


class _Cleaner:
    def __init__(
        self,
        lines: list[str],
        boilerplate: Boilerplate,
        language: str | None,
        line_language: LineLanguage | None,
    ) -> None:
        self.lines = [_Line(line) for line in lines]
        self.bp = boilerplate
        self.language = language
        self.line_language = line_language
        self.main_script = _main_script("\n".join(lines))
        self.author: str | None = None

    def content(self) -> list[_Line]:
        return [line for line in self.lines if line.reason is None]

    # Pass 1: rules that judge a line on its own.
    def classify_lines(self) -> None:
        for line in self.lines:
            line.reason = self._judge(line.text)
            if line.reason == "byline" and self.author is None:
                self.author = _author_from_byline(line.text)

    def _judge(self, text: str) -> str | None:
        words = _words(text)
        if re.search(r"<\s*/?\s*(iframe|script|embed|object)\b", text, re.IGNORECASE):
            return "embed-code"
        short = len(words) <= self.bp.max_words
        # Date lines first: a footer's label may be in the site's own script ("פורסם לראשונה: ...").
        if short and words and is_date_line(text):
            return "date-line"
        if (
            short and self.language not in (None, "en") and len(words) <= 12
            and parse_foreign_date(text, self.language) is not None
        ):
            return "date-line"
        if _is_foreign_script(text, self.main_script):
            return "other-script"
        if not words:
            return "punctuation"
        if not short:
            return None
        if self.bp.credit.match(text) or self.bp.agency_only.match(text):
            return "photo-credit"
        if any(pattern.match(text) for pattern in self.bp.bylines):
            return "byline"
        folded = _SPACE.sub(" ", text).strip()
        for reason, pattern in self.bp.rules:
            if pattern.match(folded):
                return reason
        tokens = [t.lower() for t in re.split(r"[\s|•·/,]+", folded) if t]
        if tokens and all(t.strip(":()") in self.bp.widget_words for t in tokens):
            return "share-widget"
        if self._is_other_language(text, words):
            return "other-language"
        return None

    def _is_other_language(self, text: str, words: list[str]) -> bool:
        # Only short lines: interface strings left from the site's edition in another language.
        # A long paragraph or quote in another language is content, and langid on 1-2 words is noise.
        if self.line_language is None or self.language is None or len(words) < 3:
            return False
        ranked = self.line_language(text)
        best, probability = ranked[0]
        # Short lines get modest probabilities from langid; ask for a clear winner and next to no
        # chance of the article's own language.
        own = next((p for code, p in ranked if code == self.language), 0.0)
        return best != self.language and probability >= 0.75 and own < 0.02

    # Pass 2: a related-headlines or comments block at the end of the page.
    def cut_tail(self) -> None:
        # Markers are looked for among all lines: pass 1 may already have tagged "Comments (5)" as
        # a widget, and it still opens the comments block.
        for position, line in enumerate(self.lines):
            if len(line.text) > 80:  # markers are a few words; skip paragraphs cheaply
                continue
            folded = _SPACE.sub(" ", line.text).strip()
            if not any(p.match(folded) for p in self.bp.tail_markers):
                continue
            before = [x for x in self.lines[:position] if x.reason is None]
            after = [x for x in self.lines[position + 1:] if x.reason is None]
            before_words = sum(x.words for x in before)
            if before_words == 0:
                line.reason = line.reason or "navigation"
                continue
            lowered = folded.lower()
            reason = (
                "reader-comments" if "comment" in lowered or "talkback" in lowered
                else "related-links"
            )
            line.reason = reason
            after_words = sum(x.words for x in after)
            if after_words < 0.4 * before_words:
                for rest in after:
                    rest.reason = reason
                return
            # The block sits mid-page: drop only the headline list right after the marker.
            for rest in after:
                if rest.words >= 15 or rest.text.rstrip().endswith((".", '"', "”")):
                    break
                rest.reason = reason

    # Pass 3: captions, printed twice or next to a credit.
    def find_captions(self) -> None:
        content = self.content()
        counts = Counter(fold(line.text) for line in content)
        first_seen: set[str] = set()
        for line in content:
            key = fold(line.text)
            words = line.words
            if counts[key] < 2 or words < 3:
                continue
            if words > 40:
                # A paragraph printed twice (an AMP copy, a repeated block): keep the first copy.
                if key in first_seen:
                    line.reason = "repeated-paragraph"
                first_seen.add(key)
                continue
            line.reason = "repeated-caption"
            line.caption = self._strip_credit(line.text)
        for position, line in enumerate(self.lines):
            if line.reason is not None or len(line.text) > 400:  # captions are short
                continue
            stripped = self._strip_credit(line.text)
            if stripped != line.text and len(_words(stripped)) >= 4:
                line.reason, line.caption = "caption", stripped
                continue
            neighbour = self._next_nonblank(position)
            if (
                neighbour is not None
                and neighbour.reason == "photo-credit"
                and line.words <= 40
            ):
                line.reason, line.caption = "caption", stripped

    def _strip_credit(self, text: str) -> str:
        return strip_credit_suffix(text, self.bp)

    def _next_nonblank(self, position: int) -> _Line | None:
        for line in self.lines[position + 1:]:
            if line.text.strip():
                return line
        return None

    # Pass 4: headline and standfirst.
    def find_headline(
        self, title: str | None, standfirst: str | None
    ) -> tuple[str | None, str | None]:
        if title:
            # The input states its headline (and maybe its standfirst): take them out of the body.
            stated = {fold(title): "headline"}
            if standfirst:
                stated[fold(standfirst)] = "standfirst"
            for line in self.content()[:6]:
                line.reason = stated.get(fold(line.text), line.reason)
            return title, standfirst
        headline_line: _Line | None = None
        for line in self.content():
            words = line.words
            if words < 3 and not line.text.rstrip().endswith((".", "!", "?")):
                line.reason = "section-label"
                continue
            if words <= 30 and not line.text.rstrip().endswith((".", ",", ";", ":")) \
                    and not DATELINE_RE.match(line.text):
                headline_line = line
                line.reason = "headline"
            break
        if headline_line is None:
            return None, None
        return headline_line.text.strip(), self._find_standfirst(headline_line)

    def _find_standfirst(self, headline: _Line) -> str | None:
        start = self.lines.index(headline)
        following = [line for line in self.lines[start + 1:] if line.text.strip()]
        candidate_index = next((i for i, x in enumerate(following) if x.reason is None), None)
        if candidate_index is None:
            return None
        candidate = following[candidate_index]
        if candidate.words > 60 or DATELINE_RE.match(candidate.text):
            return None
        rest = following[candidate_index + 1:]
        next_body = next((i for i, x in enumerate(rest) if x.reason is None), None)
        if next_body is None:
            return None
        # A standfirst stands before the byline or date line, or before a dateline paragraph.
        furniture_between = any(
            x.reason in ("byline", "date-line") for x in rest[:next_body]
        )
        if furniture_between or DATELINE_RE.match(rest[next_body].text):
            candidate.reason = "standfirst"
            return candidate.text.strip()
        return None


def _author_from_byline(line: str) -> str | None:
    text = re.sub(r"^(by|written by|words by|story by)\s+", "", line.strip(), flags=re.IGNORECASE)
    text = re.split(r"\s*(?:,|\||—|-\s)\s*", text, maxsplit=1)[0].strip()
    return text or None


def clean_text(
    text: str,
    boilerplate: Boilerplate,
    *,
    title: str | None = None,
    standfirst: str | None = None,
    language: str | None = None,
    line_language: LineLanguage | None = None,
) -> CleanText:
    """Split scraped text into body, headline, standfirst, captions and removed lines.

    `title` is the headline when the input already states it (HTML metadata, a feed field): then it
    is only removed from the body, not searched for (likewise a stated `standfirst`). `language` and
    `line_language` enable the removal of short interface strings in another language.
    """
    raw_lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in raw_lines if line]
    cleaner = _Cleaner(lines, boilerplate, language, line_language)
    cleaner.classify_lines()
    cleaner.cut_tail()
    cleaner.find_captions()
    headline, standfirst = cleaner.find_headline(title, standfirst)

    captions: list[str] = []
    seen_captions: set[str] = set()
    removed: list[RemovedLine] = []
    for line in cleaner.lines:
        if line.reason is None or line.reason in ("headline", "standfirst"):
            continue
        removed.append(RemovedLine(line.text, line.reason))
        if line.caption and fold(line.caption) not in seen_captions:
            seen_captions.add(fold(line.caption))
            captions.append(line.caption)
    body = "\n\n".join(line.text for line in cleaner.lines if line.reason is None)
    date_lines = tuple(
        line.text for line in cleaner.lines if line.reason in ("date-line", "byline")
    )
    return CleanText(
        body=body,
        headline=headline,
        standfirst=standfirst,
        author=cleaner.author,
        captions=tuple(captions),
        removed=tuple(removed),
        date_lines=date_lines,
    )
