"""Run the per-article stages over a stream of inputs, in one process or a process pool.

Per-article stages are pure functions of one input plus read-only resources, so the pool only needs
each worker to load the resources once. Results come back in input order (the output of `extract`
lines up with its input, and near-duplicate links do not depend on timing), and at most a bounded
number of inputs is in flight, so memory stays flat on corpora of any size.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import cast

import numpy as np

from frontlines.clean import clean_document
from frontlines.errors import FrontlinesError, InputError
from frontlines.extract.mentions import ExtractInput, ExtractResources, extract_many
from frontlines.near_duplicates import signature
from frontlines.records import Article, Mention, RawDocument, Skipped
from frontlines.resources import Resources, check_data_files, load_resources
from frontlines.settings import Settings
from frontlines.sources import FileTask, InputOptions, read_file


@dataclass(frozen=True, slots=True)
class Processed:
    """What became of one input: an article (with its MinHash signature) or a skip."""

    input_ref: str
    input_id: str | None
    outcome: Article | Skipped
    signature: np.ndarray | None = None
    mentions: tuple[Mention, ...] = ()


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


def bug_report(error: Exception) -> str:
    """What an unexpected error says, and where it was raised, for a skip or a status."""
    where = traceback.extract_tb(error.__traceback__)[-1]
    return (f"{type(error).__name__}: {error} (at {where.filename}:{where.lineno}); "
            "please report it with this input")


def with_mentions(outcomes: list[Outcome], resources: Resources) -> list[Outcome]:
    """The outcomes with the event mentions of their English articles, extracted together so
    that spaCy reads their sentences in one batch. An article whose extraction fails is kept,
    with the failure in its status and no mentions."""
    if resources.extraction is None:
        return outcomes
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
    return ExtractInput(article.text, published=published_day(article.published),
                        title=article.title, captions=article.captions, article_id=article.id,
                        url=article.url)


def _mentions_alone(article: Article, extraction: ExtractResources) -> list[Mention] | str:
    try:
        return extract_many([extract_input(article)], extraction)[0]
    except Exception as error:  # a bug on one article must not cost the batch its events
        return f"extraction failed: {bug_report(error)}"


def published_day(value: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


Task = RawDocument | Skipped | FileTask
Outcome = Processed | RawDocument  # a RawDocument comes back untouched when its input is known


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


@dataclass(slots=True)
class _WorkerState:
    resources: Resources
    options: InputOptions
    known_inputs: frozenset[str]


# Each worker process keeps its resources here, set once by the pool initializer.
_worker: _WorkerState | None = None


def _init_worker(settings: Settings, options: InputOptions, known: frozenset[str]) -> None:
    global _worker
    _worker = _WorkerState(load_resources(settings), options, known)


def _work(chunk: list[Task], fetched_at: dt.datetime) -> list[Outcome]:
    assert _worker is not None, "worker used before its initializer ran"
    return run_chunk(chunk, _worker.resources, _worker.options, _worker.known_inputs, fetched_at)


def run_chunk(chunk: list[Task], resources: Resources, options: InputOptions,
              known_inputs: frozenset[str], fetched_at: dt.datetime) -> list[Outcome]:
    """Read and clean each task of a chunk, then extract the events of all its articles at
    once."""
    return with_mentions([
        outcome
        for task in chunk
        for outcome in run_task(task, resources, options, known_inputs, fetched_at)
    ], resources)


_CHUNK = 8  # tasks per call: a worker's unit of work, and one batch of sentences for spaCy


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_count(settings: Settings) -> int:
    if settings.workers > 0:
        return settings.workers
    return max(1, min(2, os.cpu_count() or 1))


def process_inputs(
    tasks: Iterable[Task],
    settings: Settings,
    options: InputOptions,
    resources: Resources | None = None,
    known_inputs: frozenset[str] = frozenset(),
) -> Iterator[Outcome]:
    """Clean every input in order. Inputs whose hash is in `known_inputs` are yielded back
    untouched (the caller has them already); read failures come through as `Processed` skips."""
    fetched_at = dt.datetime.now(dt.UTC)
    workers = worker_count(settings)
    if workers == 1:
        local = resources or load_resources(settings)
        for chunk in _chunks(tasks, _CHUNK):
            yield from run_chunk(chunk, local, options, known_inputs, fetched_at)
        return
    check_data_files(settings)
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    if os.name == "posix":
        # Workers fork from a server that has imported the pipeline (trafilatura, lxml, numpy)
        # and loaded the language model once, instead of each doing it again.
        context.set_forkserver_preload(["frontlines.worker_preload_nlp" if settings.extract_events
                                        else "frontlines.worker_preload"])
    # Tasks go to the pool in chunks: the executor hands a worker its next call from a thread of
    # this process, which waits whenever this process holds the GIL (storing, LSH); a chunk keeps
    # each worker busy across those waits. The window bounds memory on corpora of any size.
    chunk_size = _CHUNK
    window = workers * 8
    in_flight: deque[Future[list[Outcome]]] = deque()
    chunk: list[Task] = []
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                 initargs=(settings, options, known_inputs)) as pool:
            for task in tasks:
                chunk.append(task)
                if len(chunk) < chunk_size:
                    continue
                in_flight.append(pool.submit(_work, chunk, fetched_at))
                chunk = []
                while len(in_flight) > window or (in_flight and in_flight[0].done()):
                    yield from in_flight.popleft().result()
            if chunk:
                in_flight.append(pool.submit(_work, chunk, fetched_at))
            while in_flight:
                yield from in_flight.popleft().result()
    except BrokenProcessPool as error:
        # Python exceptions in a worker become skips; only a hard crash (out of memory, a fault in
        # a C library) breaks the pool. What was stored stays stored, and a re-run resumes.
        raise FrontlinesError(
            f"a worker process died ({error}); the batches stored so far are kept. Run again to "
            "resume, with --workers 1 to see which input brings it down."
        ) from error
