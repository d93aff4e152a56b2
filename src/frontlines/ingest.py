"""Ingest: read inputs, clean them, link near-duplicates and store them, batch by batch.

Each batch (settings.batch_size articles) is one transaction. Inputs already stored (by the hash of
their bytes) are counted and not cleaned again; an article whose id is already stored is counted as
"already stored" whatever file it came from. So a run that was killed, or simply run twice, ends with
every distinct article stored exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from frontlines.fuse.stored import refresh_events, update_events
from frontlines.near_duplicates import NearDuplicateIndex
from frontlines.pipeline import Processed, Workers
from frontlines.records import Article, IngestSummary, Mention, RawDocument, Skipped
from frontlines.settings import Settings
from frontlines.sources import InputOptions, plan_inputs
from frontlines.store.article_store import InputSeen, NearDuplicate, Store

Progress = Callable[[IngestSummary], None]


@dataclass(slots=True)
class _Batch:
    articles: list[tuple[Article, np.ndarray]] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)
    inputs: dict[str, InputSeen] = field(default_factory=dict)
    failures: dict[str, Skipped] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def size(self) -> int:
        return len(self.articles) + len(self.inputs) + len(self.failures)

    def write(self, store: Store) -> None:
        store.write_batch(
            self.articles, self.near_duplicates, list(self.inputs.values()),
            list(self.failures.values()), self.mentions,
        )


def ingest(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    options: InputOptions | None = None,
    rederive: bool = False,
) -> IngestSummary:
    """Store every article found under `paths`; return what happened to them. `rederive`
    derives every event anew from the stored mentions (after an upgrade whose fusion rules
    changed), not only those the new mentions touch."""
    options = options or InputOptions(max_bytes=settings.max_bytes)
    summary = IngestSummary()
    seen_inputs = store.seen_inputs()
    with Workers(settings, options, known_inputs=frozenset(seen_inputs)) as workers:
        # The index loads while the workers start.
        index = NearDuplicateIndex(settings.near_duplicate_threshold)
        for article_id, values in store.signatures():
            index.add(article_id, values)
        batch = _Batch()
        for result in workers.run(plan_inputs(paths, options)):
            if isinstance(result, RawDocument):
                summary.already_stored += 1
            else:
                _take(result, batch, index, summary)
            if batch.size() >= settings.batch_size:
                batch.write(store)
                batch = _Batch()
            if progress:
                progress(summary)
        if batch.size():
            batch.write(store)
    # Events are derived once the run's batches are stored: the events its new mentions join
    # or change, or every event with `rederive`. A run killed before this point leaves its
    # mentions unfused, and the next run derives them.
    if rederive:
        refresh_events(store)
    else:
        update_events(store)
    return summary


def _take(
    result: Processed, batch: _Batch, index: NearDuplicateIndex, summary: IngestSummary
) -> None:
    outcome = result.outcome
    if isinstance(outcome, Skipped):
        summary.count_skip(outcome.reason)
        batch.failures[outcome.raw_sha256 or outcome.ref] = outcome
        return
    assert result.signature is not None
    if outcome.id in index:
        summary.already_stored += 1
        batch.inputs.setdefault(outcome.raw_sha256, InputSeen(
            outcome.raw_sha256, outcome.input_ref, outcome.id, "already-stored"
        ))
        return
    match = index.best_match(result.signature)
    if match is not None:
        batch.near_duplicates.append(NearDuplicate(outcome.id, match[0], match[1]))
        summary.near_duplicates += 1
    index.add(outcome.id, result.signature)
    batch.articles.append((outcome, result.signature))
    batch.mentions.extend(result.mentions)
    summary.mentions += len(result.mentions)
    batch.inputs[outcome.raw_sha256] = InputSeen(
        outcome.raw_sha256, outcome.input_ref, outcome.id, "stored"
    )
    summary.stored += 1
