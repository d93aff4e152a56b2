"""Main text and metadata of an HTML news page, through trafilatura.

We parse the page once with lxml, take the photo captions out of the tree (so they are kept apart from
the body instead of leaking into it), read the structured publication time (meta tags, JSON-LD,
<time>), and hand the tree to trafilatura for the body, title, author and site name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura

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
_BLOCK_TAGS = {"p", "div", "span", "time", "li", "small", "footer", "header", "address", "td", "em"}


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    hostname: str | None
    url: str | None
    date: str | None  # trafilatura's (htmldate's) reading, YYYY-MM-DD
    structured_published: str | None  # from meta tags / JSON-LD / <time datetime>
    standfirst: str | None
    captions: tuple[str, ...]
    date_lines: tuple[str, ...]
    language: str | None


def _text_of(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _take_captions(tree: Any, boilerplate: Boilerplate) -> list[str]:
    """Remove caption elements from the tree and return their text without photo credits."""
    found: list[Any] = list(tree.iter("figcaption"))
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("figcaption", "figure", "body"):
            continue
        classes = f"{element.get('class', '')} {element.get('id', '')}"
        if (_CAPTION_CLASS.search(classes) or _CREDIT_CLASS.search(classes)) and \
                len(_text_of(element)) <= 600:
            found.append(element)
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


def _standfirst(tree: Any) -> str | None:
    for element in tree.iter("p", "h2", "h3", "div"):
        classes = f"{element.get('class', '')} {element.get('id', '')}"
        if _STANDFIRST_CLASS.search(classes):
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


def _short_blocks(tree: Any) -> Iterator[str]:
    """Short text blocks that hold a date: bylines, footers, meta lines under the headline."""
    body = tree.find(".//body")
    for element in (body if body is not None else tree).iter(*_BLOCK_TAGS):
        text = _text_of(element)
        if 6 <= len(text) <= 120 and any(ch.isdigit() for ch in text):
            yield text


def extract_html(content: str, url: str | None, boilerplate: Boilerplate) -> HtmlPage:
    """Body, metadata, captions and date lines of one HTML page."""
    try:
        tree = trafilatura.load_html(content)
    except (ValueError, TypeError) as error:
        raise InputError("unparseable-html", f"the HTML could not be parsed: {error}") from error
    if tree is None:
        raise InputError("unparseable-html", "the HTML could not be parsed into a page tree")
    captions = _take_captions(tree, boilerplate)
    structured = _structured_published(tree)
    standfirst = _standfirst(tree)
    date_lines = tuple(dict.fromkeys(b for b in _short_blocks(tree) if is_date_line(b)))
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise InputError(
            "no-main-text",
            "no article text was found in the HTML page (it may be a list, a login or an error page)",
        )
    lang_attr = tree.get("lang") if hasattr(tree, "get") else None
    return HtmlPage(
        text=document.text,
        title=document.title,
        author=document.author,
        sitename=document.sitename or _site_name(tree, document.title),
        hostname=document.hostname,
        url=document.url or url,
        date=document.date,
        structured_published=structured,
        standfirst=standfirst,
        captions=tuple(captions),
        date_lines=date_lines,
        language=lang_attr.split("-")[0].lower() if lang_attr else None,
    )

