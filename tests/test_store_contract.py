"""The public store contract (taji_events.testing.StoreContract) on the four shipped
backends: what a user's backend must pass, the shipped ones pass."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pg import PgServer

from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.sqlite import SQLiteStore
from taji_events.store import EventStore
from taji_events.testing import StoreContract, TickingClock


class TestMemoryStore(StoreContract):
    max_examples = 8

    def make_store(self) -> EventStore:
        return MemoryStore(TickingClock())


class _InDirectory(StoreContract):
    """A backend kept in files: each store a new file in the test's directory."""

    directory: Path

    @pytest.fixture(autouse=True)
    def _directory(self, tmp_path: Path) -> None:
        self.directory, self.numbers = tmp_path, itertools.count()


class TestSQLiteStore(_InDirectory):
    max_examples = 6

    def make_store(self) -> EventStore:
        return SQLiteStore(self.directory / f"store-{next(self.numbers)}.db", TickingClock())


class TestJsonlStore(_InDirectory):
    max_examples = 6

    def make_store(self) -> EventStore:
        return JsonlStore(self.directory / f"store-{next(self.numbers)}.jsonl", TickingClock())


class TestPostgresStore(StoreContract):
    # Every store is a new schema on the session's server: keep the examples few.
    max_examples = 3

    @pytest.fixture(autouse=True)
    def _server(self, pg_server: PgServer) -> None:
        self.server = pg_server

    def make_store(self) -> EventStore:
        return PostgresStore(self.server.new_dsn(), TickingClock())
