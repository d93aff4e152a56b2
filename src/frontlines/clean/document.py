"""One raw input in, one clean `Article` out (or an `InputError` saying why not).

Pure function of the input plus read-only `Resources`, so it runs the same in one process, in a
process pool or inside a Spark partition.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from frontlines.clean.html import extract_html
from frontlines.clean.language import SUPPORTED_LANGUAGES
from frontlines.clean.published import PublishedDate, find_published, opening_date
from frontlines.clean.text import clean_text
from frontlines.errors import InputError
from frontlines.identity import article_id
from frontlines.records import Article, PublishedValue, RawDocument, RemovedLine
from frontlines.resources import Resources


def parse_published(
    value: str, resources: Resources, url: str | None = None, source: str | None = None
) -> PublishedValue | None:
    """A publication time given as a string: ISO 8601 first, then the footer-date reader."""
    value = value.strip()
    try:
        if len(value) <= 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    found = find_published([value], "", url=url, host=_host(url), orders=resources.date_orders)
    return found.value if found else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _given_published(
    raw: RawDocument, resources: Resources
) -> tuple[PublishedValue | None, str | None]:
    if not raw.published:
        return None, None
    value = parse_published(raw.published, resources, raw.url, raw.source)
    if value is None:
        return None, f"the input's published value {raw.published!r} could not be read as a date"
    return value, "given by the input"


def clean_document(
    raw: RawDocument, resources: Resources, fetched_at: dt.datetime | None = None
) -> Article:
    """Turn one raw input into a clean article with its metadata, captions and removed lines."""
    guesser = resources.language
    published, evidence = _given_published(raw, resources)
    captions: tuple[str, ...] = ()
    extra_dates: tuple[str, ...] = ()
    structured: str | None = None
    title, author, source, url = raw.title, None, raw.source, raw.url
    standfirst: str | None = None
    if raw.is_html:
        page = extract_html(raw.content, raw.url, resources.boilerplate)
        text = page.text
        title = title or page.title
        author = page.author
        source = source or page.sitename or page.hostname
        url = url or page.url
        captions = page.captions
        extra_dates = page.date_lines
        structured = page.structured_published
        standfirst = page.standfirst
    else:
        text = raw.content
    first_guess, first_score = guesser.identify(text)
    cleaned = clean_text(
        text,
        resources.boilerplate,
        title=title,
        standfirst=standfirst,
        language=first_guess,
        line_language=guesser.rank,
    )
    if not cleaned.body.strip():
        raise InputError("no-main-text", "nothing is left after removing page furniture")
    # The body is the text less its furniture: a confident first answer stands (langid is the
    # costliest step of cleaning a text article), an unsure one is asked again of the body alone.
    language, language_score = (
        (first_guess, first_score) if first_score >= 0.95 else guesser.identify(cleaned.body)
    )
    title = title or cleaned.headline
    author = author or cleaned.author
    host = _host(url)
    source = source or host

    if published is None and structured:
        published = parse_published(structured, resources, url)
        evidence = f"page metadata {structured!r}" if published else evidence
    if published is None:
        today = (fetched_at or dt.datetime.now(dt.UTC)).date()
        found: PublishedDate | None = find_published(
            [*cleaned.date_lines, *extra_dates],
            cleaned.body,
            url=url,
            host=host,
            orders=resources.date_orders,
            extra_text=[r.text for r in cleaned.removed],
            today=today,
            language=language,
        )
        if found is None:
            # Scraped or pasted text keeps its date line run into the headline and the story.
            found = opening_date(cleaned.body, orders=resources.date_orders, url=url, host=host,
                                 today=today)
        if found:
            published, evidence = found.value, found.evidence

    status = "ok"
    if language not in SUPPORTED_LANGUAGES:
        status = f"language '{language}': extraction not available for this language yet"
    removed: tuple[RemovedLine, ...] = cleaned.removed
    return Article(
        id=article_id(url, cleaned.body),
        text=cleaned.body,
        raw_format=raw.raw_format,
        input_ref=raw.ref,
        raw_sha256=raw.raw_sha256,
        url=url,
        source=source,
        title=title,
        standfirst=cleaned.standfirst,
        author=author,
        published=published,
        published_evidence=evidence,
        language=language,
        language_score=language_score,
        status=status,
        captions=(*captions, *cleaned.captions),
        removed=removed,
        input_id=raw.input_id,
        encoding=raw.encoding,
        fetched_at=fetched_at,
    )
