"""The per-article stages as one unit of work: read an input, clean it, sign it for near-duplicate
search, and extract the events of many articles at once.

It is what a worker process runs (see pipeline.py, which only orchestrates and imports this module
where the work happens, so that the parent process of a run does not pay for spaCy and trafilatura
it never calls).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from frontlines.clean.document import clean_document
from frontlines.errors import InputError
from frontlines.near_duplicates import signature
from frontlines.pipeline import Outcome, Processed, Task, bug_report
from frontlines.records import Article, Mention, RawDocument, Skipped
from frontlines.resources import Resources
from frontlines.sources import FileTask, InputOptions, read_file

if TYPE_CHECKING:
    # Event extraction (spaCy) is imported where it runs: a run that only cleans never loads it.
    from frontlines.extract.mentions import ExtractInput, ExtractResources


def process_one(raw: RawDocument, resources: Resources, fetched_at: dt.datetime) -> Processed:
    """Clean one input. Never raises: an unexpected error becomes a recorded skip."""
    try:
        article = clean_document(raw, resources, fetched_at)
    except InputError as error:
        skip = Skipped(raw.ref, "clean", error.reason, str(error), raw.raw_sha256, raw.input_id)
        return Processed(raw.ref, raw.input_id, skip)
    except Exception as error:  # a bug or a pathological page must not end the batch
        skip = Skipped(raw.ref, "clean", "internal-error", f"internal error {bug_report(error)}",
                       raw.raw_sha256, raw.input_id)
        return Processed(raw.ref, raw.input_id, skip)
    return Processed(raw.ref, raw.input_id, article, signature(article.text))


def with_mentions(outcomes: list[Outcome], resources: Resources) -> list[Outcome]:
    """The outcomes with the event mentions of their English articles, extracted together so
    that spaCy reads their sentences in one batch. An article whose extraction fails is kept,
    with the failure in its status and no mentions."""
    if resources.extraction is None:
        return outcomes
    from frontlines.extract.mentions import extract_many

    wanted = [i for i, o in enumerate(outcomes) if isinstance(o, Processed)
              and isinstance(o.outcome, Article) and o.outcome.status == "ok"]
    if not wanted:
        return outcomes
    articles = [cast(Article, cast(Processed, outcomes[i]).outcome) for i in wanted]
    try:
        found = extract_many([extract_input(a) for a in articles], resources.extraction)
    except Exception:  # find which article it was: one at a time, the others still get theirs
        found = [_mentions_alone(a, resources.extraction) for a in articles]
    done = list(outcomes)
    for index, mentions in zip(wanted, found, strict=True):
        processed = cast(Processed, done[index])
        if isinstance(mentions, str):  # the failure, as a status
            article = replace(cast(Article, processed.outcome), status=mentions)
            done[index] = replace(processed, outcome=article)
        else:
            done[index] = replace(processed, mentions=tuple(mentions))
    return done


def extract_input(article: Article) -> ExtractInput:
    """What extraction reads of a clean article."""
    from frontlines.extract.mentions import ExtractInput

    return ExtractInput(article.text, published=published_day(article.published),
                        title=article.title, captions=article.captions, article_id=article.id,
                        url=article.url)


def _mentions_alone(article: Article, extraction: ExtractResources) -> list[Mention] | str:
    from frontlines.extract.mentions import extract_many

    try:
        return extract_many([extract_input(article)], extraction)[0]
    except Exception as error:  # a bug on one article must not cost the batch its events
        return f"extraction failed: {bug_report(error)}"


def published_day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def run_task(
    task: Task,
    resources: Resources,
    options: InputOptions,
    known_inputs: frozenset[str] | set[str],
    fetched_at: dt.datetime,
) -> list[Outcome]:
    """Read (for a file task) and clean one task; inputs whose hash is known come back as is.
    Event mentions are added afterwards, for many tasks at once (`with_mentions`)."""
    if isinstance(task, Skipped):
        return [Processed(task.ref, task.input_id, task)]
    reads = read_file(task.path, options) if isinstance(task, FileTask) else [task]
    outcomes: list[Outcome] = []
    for read in reads:
        if isinstance(read, Skipped):
            outcomes.append(Processed(read.ref, read.input_id, read))
        elif read.raw_sha256 in known_inputs:
            outcomes.append(read)
        else:
            outcomes.append(process_one(read, resources, fetched_at))
    return outcomes


def run_chunk(chunk: list[Task], resources: Resources, options: InputOptions,
              known_inputs: frozenset[str], fetched_at: dt.datetime) -> list[Outcome]:
    """Read and clean each task of a chunk, then extract the events of all its articles at
    once."""
    return with_mentions([
        outcome
        for task in chunk
        for outcome in run_task(task, resources, options, known_inputs, fetched_at)
    ], resources)
