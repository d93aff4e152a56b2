"""Clean stage: one raw input in, one clean `Article` out (or an `InputError` saying why not).

`clean_document` (document.py) puts together the page reader (html.py, through trafilatura), the
text cleaner (text.py), language identification (language.py) and the publication date (published.py).
It is loaded on first use: the parent process of a worker pool reads the cleaner's data files
through this package without importing trafilatura.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontlines.clean.document import clean_document, parse_published

__all__ = ["clean_document", "parse_published"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from frontlines.clean import document

        return getattr(document, name)
    raise AttributeError(f"module 'frontlines.clean' has no attribute {name!r}")
