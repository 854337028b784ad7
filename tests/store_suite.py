"""What several test modules share about the shipped backends: the backends under
test, an opener for a store several processes share, and a small sample log with
ways to damage it.

The suite every backend passes is the public contract,
:class:`taji_events.testing.StoreContract`, which each tests/test_store_*.py
module subclasses.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from builders import (
    OTHER,
    ManualClock,
    make_incident,
    make_report,
    make_retraction,
    make_rich_report,
)

from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.serialization import dumps_event
from taji_events.sqlite import SQLiteStore
from taji_events.store import (
    Clock,
    EventStore,
    StoredRecord,
    system_clock,
)


def sample_log(clock: ManualClock | None = None) -> list[StoredRecord]:
    """The stored records of a small log of four batches, from a MemoryStore."""
    clock = clock or ManualClock()
    with MemoryStore(clock) as source:
        source.append([make_incident(), make_rich_report()])
        clock.advance(0.25)
        source.append([make_report("a"), make_report("b"), make_retraction("a")])
        clock.advance(90)
        source.append([make_report("c", incident=OTHER)])
        source.append([make_incident(OTHER, title="K-1 attack")])
        return list(source.records())


def _renumbered(records: list[StoredRecord], start: int, shift: int) -> list[StoredRecord]:
    return [*records[:start], *(attrs.evolve(record, seq=record.seq + shift,
                                             batch_end=record.batch_end + shift)
                                for record in records[start:])]


#: Ways to damage a log of records, and the seq the damage must be found at.
TAMPERINGS: dict[str, tuple[Callable[[list[StoredRecord]], list[StoredRecord]], int]] = {
    "modified": (lambda log: [*log[:3], attrs.evolve(log[3], envelope=dumps_event(
        make_report("b", killed=30))), *log[4:]], 4),
    "recorded_at": (lambda log: [*log[:5], attrs.evolve(
        log[5], recorded_at=log[5].recorded_at + timedelta(microseconds=1)), *log[6:]], 6),
    "deleted": (lambda log: [*log[:3], *log[4:]], 4),
    "inserted": (lambda log: [*log[:2], StoredRecord(
        seq=3, batch_end=3, recorded_at=log[2].recorded_at, hash="f" * 64,
        envelope=dumps_event(make_report("forged"))), *_renumbered(log, 2, 1)[2:]], 3),
    "reordered": (lambda log: [*log[:2], log[3], log[2], *log[4:]], 3),
    "batch_cut": (lambda log: log[:4], 3),
}


# -- one store shared by several processes (fault, concurrency, follow tests) ----------------

#: Every backend under test: the one list the test modules take their backends from.
BACKENDS = ("memory", "sqlite", "jsonl", "postgres")
#: Backends whose data outlives a process, so that several processes can share one store.
SHARED_BACKENDS = tuple(backend for backend in BACKENDS if backend != "memory")
#: ``TAJI_HYPOTHESIS_PROFILE=thorough`` (``make test-thorough``) runs the crash and
#: load tests at full size; the default keeps them quick.
THOROUGH = os.environ.get("TAJI_HYPOTHESIS_PROFILE") == "thorough"


def examples(fast: int, thorough: int) -> int:
    """Hypothesis examples for one of the slowest properties: ``fast`` under the default
    profile (what CI runs), ``thorough`` under ``TAJI_HYPOTHESIS_PROFILE=thorough``, which
    keeps each property's full count."""
    return thorough if THOROUGH else fast

#: Fork, not spawn: children start in milliseconds and run closures and fixtures as they are.
fork = multiprocessing.get_context("fork")


@attrs.frozen
class Opener:
    """Opens a new store object on one shared store; call it in any process."""

    backend: str
    location: str

    def __call__(self, clock: Clock | None = None, **options: Any) -> EventStore:
        if self.backend == "sqlite":
            return SQLiteStore(self.location, clock or system_clock, **options)
        if self.backend == "jsonl":
            return JsonlStore(self.location, clock or system_clock, **options)
        return PostgresStore(self.location, clock, **options)


def new_store(backend: str, request: pytest.FixtureRequest, path: Path,
              clock: Clock) -> EventStore:
    """A new, empty store of any of :data:`BACKENDS` (files at ``path`` with the
    backend's suffix; PostgreSQL: a fresh schema on the session's server)."""
    if backend == "memory":
        return MemoryStore(clock)
    return make_opener(backend, request, path.parent, path.name)(clock)


def make_opener(backend: str, request: pytest.FixtureRequest, directory: Path,
                name: str = "shared") -> Opener:
    """An opener for a new, empty store of ``backend`` named ``name`` in
    ``directory`` (PostgreSQL: a fresh schema on the session's server)."""
    if backend == "postgres":
        return Opener(backend, request.getfixturevalue("pg_server").new_dsn())
    return Opener(backend, str(directory / f"{name}.{'db' if backend == 'sqlite' else 'jsonl'}"))
