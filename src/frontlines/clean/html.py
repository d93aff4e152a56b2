"""Main text and metadata of an HTML news page, through trafilatura.

We parse the page once with lxml, take the photo captions out of the tree (so they are kept apart from
the body instead of leaking into it), read the structured publication time (meta tags, JSON-LD,
<time>), and hand the tree to trafilatura for the body, title, author and site name.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

from frontlines.clean.published import is_date_line
from frontlines.clean.text import Boilerplate, fold, strip_caption_credit
from frontlines.errors import InputError

_SPACE = re.compile(r"\s+")
_CAPTION_CLASS = re.compile(r"caption|photo-?desc|image-?desc", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright", re.IGNORECASE)
# Class names news templates give the standfirst (the summary under the headline).
_STANDFIRST_CLASS = re.compile(
    r"standfirst|\bdek\b|-dek\b|\bdeck\b|subtitle|sub-?head|strapline|\blede\b|article-?summary"
    r"|article-?intro|\bsummary\b|\bexcerpt\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©\s*(?:\d{4}\s*)?(?:by\s+)?([A-Z][\w&'’ .-]{2,40}?)\s*(?:\d{4}|[.,|]|$)")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+")
_DATE_META = {
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publication_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime",
}  # fmt: skip
# Where templates put the visible publication date: bylines, date lines, meta strips, footers.
_DATE_HOLDER = re.compile(
    r"date|time|byline|meta|publish|posted|updated|stamp|info|author|credit|detail|footer",
    re.IGNORECASE,
)
_BLOCK_TAGS = ("p", "div", "span", "time", "li", "small", "footer", "header", "address", "td", "em")


_MARKED = etree.XPath("//*[@class or @id or @itemprop]")


@dataclass(slots=True)
class _Marked:
    """Elements whose class, id or itemprop names a caption, a standfirst or a date holder."""

    captions: list[Any]
    standfirsts: list[Any]
    date_holders: list[Any]


def _marked_elements(tree: Any) -> _Marked:
    """One walk over the elements that carry a class or id (found in C by XPath), sorted into the
    three kinds the cleaner reads; each kind used to cost a walk of its own."""
    marked = _Marked([], [], [])
    for element in _MARKED(tree):
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
        tag = element.tag
        if tag not in ("figcaption", "figure", "body") and (
            _CAPTION_CLASS.search(marks) or _CREDIT_CLASS.search(marks)
        ):
            marked.captions.append(element)
        if tag in ("p", "h2", "h3", "div") and _STANDFIRST_CLASS.search(marks):
            marked.standfirsts.append(element)
        if tag in _BLOCK_TAGS and _DATE_HOLDER.search(marks):
            marked.date_holders.append(element)
    return marked


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    hostname: str | None
    url: str | None
    structured_published: str | None  # from meta tags / JSON-LD / <time datetime>
    standfirst: str | None
    captions: tuple[str, ...]
    date_lines: tuple[str, ...]
    language: str | None


def _text_of(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _take_captions(tree: Any, candidates: list[Any], boilerplate: Boilerplate) -> list[str]:
    """Remove caption elements from the tree and return their text without photo credits."""
    found: list[Any] = list(tree.iter("figcaption"))
    found += [element for element in candidates if len(_text_of(element)) <= 600]
    captions: list[str] = []
    seen: set[str] = set()
    for element in found:
        if element.getparent() is None:
            continue  # already removed with an enclosing caption
        classes = f"{element.get('class', '')} {element.get('id', '')}"
        text = _text_of(element)
        element.drop_tree()
        if _CREDIT_CLASS.search(classes) and not _CAPTION_CLASS.search(classes):
            continue  # a credit only: no caption text
        caption = strip_caption_credit(text, boilerplate)
        if len(caption.split()) >= 3 and fold(caption) not in seen:
            seen.add(fold(caption))
            captions.append(caption)
    return captions


def _find_json_ld_date(node: Any) -> str | None:
    if isinstance(node, dict):
        for key in ("datePublished", "dateCreated"):
            if isinstance(node.get(key), str):
                return node[key]
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            found = _find_json_ld_date(item)
            if found:
                return found
    return None


def _structured_published(tree: Any) -> str | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content"):
            return meta.get("content").strip()
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            found = _find_json_ld_date(json.loads(script.text))
        except ValueError:
            continue
        if found:
            return found
    for time in tree.iter("time"):
        if time.get("datetime") and (time.get("pubdate") is not None or
                                     "publish" in (time.get("class") or "").lower()):
            return time.get("datetime").strip()
    return None


def _standfirst(candidates: list[Any]) -> str | None:
    for element in candidates:
        if element.getparent() is None:
            continue  # removed with a caption
        text = _text_of(element)
        if 30 <= len(text) <= 400:
            return text
    return None


def _site_name(tree: Any, headline: str | None) -> str | None:
    """The outlet when trafilatura finds no site name: the <title> part that is not the headline,
    else the copyright line of the footer."""
    title_element = tree.find(".//title")
    page_title = _text_of(title_element) if title_element is not None else ""
    key = fold(headline or "")
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
    others = [p for p in parts if fold(p) != key and fold(p) not in key]
    if others and len(others[-1].split()) <= 5:
        return others[-1].strip()
    for text in tree.xpath("//body//text()[contains(., '©')]"):
        match = _COPYRIGHT.search(text)
        if match:
            return match.group(1).strip()
    return None




_SEGMENT_BREAK = re.compile(r"\n|\s[•|·]\s")


def _date_blocks(tree: Any, holders: list[Any]) -> Iterator[str]:
    """Short text pieces that may hold the publication date. Only elements whose tag, class, id or
    itemprop says so are read (reading every block costs more than the extraction itself), and each
    is split where a line break or a bullet separates "Posted ... • Updated ..."."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    for br in root.iter("br"):  # text_content() drops <br>: keep the line break as whitespace
        br.tail = "\n" + (br.tail or "")
    for element in [*root.iter("time"), *holders]:
        raw = element.text_content()
        if len(raw) > 400:
            continue
        for piece in _SEGMENT_BREAK.split(raw):
            text = _SPACE.sub(" ", piece).strip()
            if 6 <= len(text) <= 160 and any(ch.isdigit() for ch in text):
                yield text


def _page_metadata(tree: Any, url: str | None) -> Document:
    """Title, author, URL and site name through trafilatura's metadata readers (meta tags, JSON-LD,
    title heuristics). Its full pass also runs author heuristics over the page, a second date search,
    and tag and licence scans: some 3 ms a page, more than a third of extraction, for values we
    either take from the byline and structured data ourselves or do not use."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # a single token ("admin", a handle) is not a byline
    # trafilatura's JSON-LD reader raises on odd JSON; JSON-LD is optional here.
    with contextlib.suppress(Exception):
        metadata = extract_meta_json(tree, metadata)
    metadata.title = metadata.title or extract_title(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
    metadata.clean_and_trim()
    return metadata


def extract_html(content: str, url: str | None, boilerplate: Boilerplate) -> HtmlPage:
    """Body, metadata, captions and date lines of one HTML page."""
    try:
        tree = trafilatura.load_html(content)
    except (ValueError, TypeError) as error:
        raise InputError("unparseable-html", f"the HTML could not be parsed: {error}") from error
    if tree is None:
        raise InputError("unparseable-html", "the HTML could not be parsed into a page tree")
    marked = _marked_elements(tree)
    captions = _take_captions(tree, marked.captions, boilerplate)
    structured = _structured_published(tree)
    standfirst = _standfirst(marked.standfirsts)
    date_lines = tuple(
        dict.fromkeys(b for b in _date_blocks(tree, marked.date_holders) if is_date_line(b))
    )
    metadata = _page_metadata(tree, url)
    document = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=False, include_images=False,
    )
    if document is None or not (document.text or "").strip():
        raise InputError(
            "no-main-text",
            "no article text was found in the HTML page (it may be a list, a login or an error page)",
        )
    lang_attr = tree.get("lang") if hasattr(tree, "get") else None
    page_url = metadata.url or url
    return HtmlPage(
        text=document.text,
        title=metadata.title,
        author=metadata.author,
        sitename=metadata.sitename or _site_name(tree, metadata.title),
        hostname=urlsplit(page_url).hostname if page_url else None,
        url=page_url,
        structured_published=structured,
        standfirst=standfirst,
        captions=tuple(captions),
        date_lines=date_lines,
        language=lang_attr.split("-")[0].lower() if lang_attr else None,
    )

