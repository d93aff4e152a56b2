"""Stable article ids: the canonical URL when there is one, else the body text."""

from __future__ import annotations

import hashlib
import re

from courlan import normalize_url

_SPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str | None:
    """Lower-cased host, no fragment, no tracking parameters (courlan's normalisation)."""
    url = url.strip()
    if not re.match(r"^https?://", url, re.IGNORECASE):
        return None
    try:
        return normalize_url(url, strict=True)
    except ValueError:
        return None


def article_id(url: str | None, text: str) -> str:
    """16 hex digits of SHA-256: collisions stay negligible far past a billion articles."""
    canonical = canonical_url(url) if url else None
    key = f"url:{canonical}" if canonical else "text:" + _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
