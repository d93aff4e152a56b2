"""Run the per-article stages over a stream of inputs, in one process or a process pool.

Per-article stages (stages.py) are pure functions of one input plus read-only resources, so the pool
only needs each worker to load the resources once. This module imports them only where they run (in
the workers, or here with one worker): the parent of a pool then starts without importing spaCy,
trafilatura and the gazetteer code, which took it some 3 s before any worker could start.

Results come back in input order (the output of `extract` lines up with its input, and
near-duplicate links do not depend on timing), and at most a bounded number of inputs is in flight,
so memory stays flat on corpora of any size.
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
from dataclasses import dataclass
from multiprocessing import forkserver
from typing import TYPE_CHECKING

import numpy as np

from frontlines.errors import FrontlinesError
from frontlines.records import Article, Mention, RawDocument, Skipped
from frontlines.settings import Settings
from frontlines.sources import FileTask, InputOptions

if TYPE_CHECKING:
    from frontlines.resources import Resources


@dataclass(frozen=True, slots=True)
class Processed:
    """What became of one input: an article (with its MinHash signature) or a skip."""

    input_ref: str
    input_id: str | None
    outcome: Article | Skipped
    signature: np.ndarray | None = None
    mentions: tuple[Mention, ...] = ()


def bug_report(error: Exception) -> str:
    """What an unexpected error says, and where it was raised, for a skip or a status."""
    where = traceback.extract_tb(error.__traceback__)[-1]
    return (f"{type(error).__name__}: {error} (at {where.filename}:{where.lineno}); "
            "please report it with this input")


Task = RawDocument | Skipped | FileTask
Outcome = Processed | RawDocument  # a RawDocument comes back untouched when its input is known


@dataclass(slots=True)
class _WorkerState:
    resources: Resources
    options: InputOptions
    known_inputs: frozenset[str]


# Each worker process keeps its resources here, set once by the pool initializer.
_worker: _WorkerState | None = None


def _init_worker(settings: Settings, options: InputOptions, known: frozenset[str]) -> None:
    from frontlines.resources import load_resources

    global _worker
    _worker = _WorkerState(load_resources(settings), options, known)


def _work(chunk: list[Task], fetched_at: dt.datetime) -> list[Outcome]:
    from frontlines.stages import run_chunk

    assert _worker is not None, "worker used before its initializer ran"
    return run_chunk(chunk, _worker.resources, _worker.options, _worker.known_inputs, fetched_at)


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


class Workers:
    """The per-article stages over a process pool, or in this process when one worker is asked for.

    Entering starts the pool's fork server first (it imports the pipeline and loads the language
    and spaCy models, some 2 s) and checks the data files meanwhile; then the workers start, while
    the caller prepares (ingest loads its near-duplicate index).
    """

    def __init__(self, settings: Settings, options: InputOptions, resources: Resources | None = None,
                 known_inputs: frozenset[str] = frozenset()) -> None:
        self.settings, self.options, self.known_inputs = settings, options, known_inputs
        self.count = worker_count(settings)
        self._resources = resources
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        from frontlines.resources import check_data_files, load_resources

        if self.count == 1:
            self._resources = self._resources or load_resources(self.settings)
            return self
        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        if os.name == "posix":
            # Workers fork from a server that has imported the pipeline (trafilatura, lxml, numpy)
            # and loaded the language and spaCy models once, instead of each doing it again. The
            # server starts now and loads them while this process reads the data files.
            context.set_forkserver_preload(["frontlines.worker_preload_nlp"
                                            if self.settings.extract_events
                                            else "frontlines.worker_preload"])
            forkserver.ensure_running()
        # A broken data file is reported here as what it is, not as a pool that failed to start.
        # (A gazetteer indexed on first use is built once: its builders take a lock.)
        check_data_files(self.settings)
        self._pool = ProcessPoolExecutor(self.count, mp_context=context, initializer=_init_worker,
                                         initargs=(self.settings, self.options, self.known_inputs))
        for _ in range(self.count):
            # The executor starts a worker per call while none is idle: start them all now, so
            # that the caller's own preparation overlaps with their start.
            self._pool.submit(_ready)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Clean every input, in order. Inputs whose hash is in `known_inputs` come back untouched
        (the caller has them already); read failures come through as `Processed` skips."""
        fetched_at = dt.datetime.now(dt.UTC)
        if self._pool is None:
            from frontlines.stages import run_chunk

            assert self._resources is not None, "Workers.run used outside its `with` block"
            for chunk in _chunks(tasks, _CHUNK):
                yield from run_chunk(chunk, self._resources, self.options, self.known_inputs,
                                     fetched_at)
            return
        try:
            yield from self._run_pooled(self._pool, tasks, fetched_at)
        except BrokenProcessPool as error:
            # Python exceptions in a worker become skips; only a hard crash (out of memory, a
            # fault in a C library) breaks the pool. What was stored stays stored, and a re-run
            # resumes.
            raise FrontlinesError(
                f"a worker process died ({error}); the batches stored so far are kept. Run again "
                "to resume, with --workers 1 to see which input brings it down."
            ) from error

    def _run_pooled(self, pool: ProcessPoolExecutor, tasks: Iterable[Task],
                    fetched_at: dt.datetime) -> Iterator[Outcome]:
        # Tasks go to the pool in chunks: the executor hands a worker its next call from a thread
        # of this process, which waits whenever this process holds the GIL (storing, LSH); a chunk
        # keeps each worker busy across those waits. The window bounds memory on corpora of any
        # size.
        window = self.count * 8
        in_flight: deque[Future[list[Outcome]]] = deque()
        for chunk in _chunks(tasks, _CHUNK):
            in_flight.append(pool.submit(_work, chunk, fetched_at))
            while len(in_flight) > window or (in_flight and in_flight[0].done()):
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def _ready() -> None:
    """A call that does nothing: submitting it makes the pool start its workers."""


def process_inputs(
    tasks: Iterable[Task],
    settings: Settings,
    options: InputOptions,
    resources: Resources | None = None,
    known_inputs: frozenset[str] = frozenset(),
) -> Iterator[Outcome]:
    """Clean every input in order (see `Workers.run`), with a pool of its own."""
    with Workers(settings, options, resources, known_inputs) as workers:
        yield from workers.run(tasks)
