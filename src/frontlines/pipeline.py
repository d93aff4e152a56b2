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
from dataclasses import dataclass

import numpy as np

from frontlines.clean import clean_document
from frontlines.errors import InputError
from frontlines.near_duplicates import signature
from frontlines.records import Article, RawDocument, Skipped
from frontlines.resources import Resources, load_resources
from frontlines.settings import Settings


@dataclass(frozen=True, slots=True)
class Processed:
    """What became of one input: an article (with its MinHash signature) or a skip."""

    input_ref: str
    input_id: str | None
    outcome: Article | Skipped
    signature: np.ndarray | None = None


def process_one(raw: RawDocument, resources: Resources, fetched_at: dt.datetime) -> Processed:
    """Clean one input. Never raises: an unexpected error becomes a recorded skip."""
    try:
        article = clean_document(raw, resources, fetched_at)
    except InputError as error:
        skip = Skipped(raw.ref, "clean", error.reason, str(error), raw.raw_sha256, raw.input_id)
        return Processed(raw.ref, raw.input_id, skip)
    except Exception as error:  # a bug or a pathological page must not end the batch
        where = traceback.extract_tb(error.__traceback__)[-1]
        message = (
            f"internal error {type(error).__name__}: {error} (at {where.filename}:{where.lineno}); "
            "please report it with this input"
        )
        skip = Skipped(raw.ref, "clean", "internal-error", message, raw.raw_sha256, raw.input_id)
        return Processed(raw.ref, raw.input_id, skip)
    return Processed(raw.ref, raw.input_id, article, signature(article.text))


# Worker processes keep their resources here; set once by the pool initializer.
_worker_resources: Resources | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_resources
    _worker_resources = load_resources(settings)


def _work(raw: RawDocument, fetched_at: dt.datetime) -> Processed:
    assert _worker_resources is not None, "worker used before its initializer ran"
    return process_one(raw, _worker_resources, fetched_at)


def worker_count(settings: Settings) -> int:
    if settings.workers > 0:
        return settings.workers
    return max(1, min(2, os.cpu_count() or 1))


def process_inputs(
    reads: Iterable[RawDocument | Skipped],
    settings: Settings,
    resources: Resources | None = None,
    skip_input: frozenset[str] | set[str] = frozenset(),
) -> Iterator[Processed | RawDocument]:
    """Clean every input in order. Inputs whose hash is in `skip_input` are yielded back untouched
    (the caller knows them already); read failures come through as `Processed` skips."""
    fetched_at = dt.datetime.now(dt.UTC)
    workers = worker_count(settings)
    if workers == 1:
        local = resources or load_resources(settings)
        for item in reads:
            if isinstance(item, Skipped):
                yield Processed(item.ref, item.input_id, item)
            elif item.raw_sha256 in skip_input:
                yield item
            else:
                yield process_one(item, local, fetched_at)
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    in_flight: deque[Processed | RawDocument | Future[Processed]] = deque()
    limit = workers * 16
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        for item in reads:
            if isinstance(item, Skipped):
                in_flight.append(Processed(item.ref, item.input_id, item))
            elif item.raw_sha256 in skip_input:
                in_flight.append(item)
            else:
                in_flight.append(pool.submit(_work, item, fetched_at))
            while len(in_flight) > limit or (in_flight and _ready(in_flight[0])):
                yield _result(in_flight.popleft())
        while in_flight:
            yield _result(in_flight.popleft())


def _ready(entry: Processed | RawDocument | Future[Processed]) -> bool:
    return not isinstance(entry, Future) or entry.done()


def _result(entry: Processed | RawDocument | Future[Processed]) -> Processed | RawDocument:
    return entry.result() if isinstance(entry, Future) else entry
