"""A pytest plugin: fresh stores of each backend, and the library's Hypothesis profiles.

Installed with the package (entry point ``pytest11``), so any pytest run has:

* ``--taji-profile=fast|thorough`` — load the Hypothesis profile
  ``taji-fast`` or ``taji-thorough`` (:mod:`taji_events.testing.profiles`)
  when pytest starts. Without the option the plugin loads nothing, and the
  project's own profile choice stands.
* ``--taji-postgres-dsn=DSN`` (or ``TAJI_POSTGRES_DSN``) — a PostgreSQL
  server the PostgreSQL fixtures may create schemas on.
* Fixtures, each a new, empty store (closed after the test):
  ``taji_memory_store``, ``taji_sqlite_store``, ``taji_jsonl_store``,
  ``taji_postgres_store`` (a fresh schema, dropped afterwards; skipped
  without a DSN), and ``taji_store``, which runs the test once per backend.
  Each store's clock is a :class:`~taji_events.testing.TickingClock`.
  ``taji_store_factory`` gives a callable making as many fresh stores of
  one backend as a test needs (parametrised like ``taji_store``).

Since 0.3.0.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import settings

from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.sqlite import SQLiteStore
from taji_events.store import EventStore
from taji_events.testing.clock import TickingClock
from taji_events.testing.profiles import PROFILES, profile_name, register_profiles

__all__ = ["BACKENDS", "pytest_addoption", "pytest_configure"]

#: The backends the ``taji_store`` and ``taji_store_factory`` fixtures run over.
BACKENDS = ("memory", "sqlite", "jsonl", "postgres")
_DSN_VARIABLE = "TAJI_POSTGRES_DSN"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("taji_events", "taji_events property testing")
    group.addoption("--taji-profile", choices=sorted(PROFILES), default=None,
                    help="load the Hypothesis profile taji-<name> (fast: 25 examples per "
                         "property, thorough: 500)")
    group.addoption("--taji-postgres-dsn", default=None, metavar="DSN",
                    help=f"a PostgreSQL server for the taji_postgres_store fixture (default: "
                         f"${_DSN_VARIABLE}); each test gets a fresh schema on it")


def pytest_configure(config: pytest.Config) -> None:
    register_profiles()
    chosen = config.getoption("--taji-profile")
    if chosen is not None:
        settings.load_profile(profile_name(chosen))


def _postgres_dsn(config: pytest.Config) -> str | None:
    given: str | None = config.getoption("--taji-postgres-dsn")
    return given or os.environ.get(_DSN_VARIABLE) or None


class _PostgresSchemas:
    """Fresh schemas on one server, each dropped when the test ends."""

    def __init__(self, dsn: str) -> None:
        import psycopg  # the postgres extra: only a test that asks for PostgreSQL needs it

        self.dsn, self.psycopg, self.made = dsn, psycopg, list[str]()

    def new_dsn(self) -> str:
        schema = f"taji_test_{uuid.uuid4().hex[:12]}"
        with self.psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        self.made.append(schema)
        separator = "&" if "?" in self.dsn else "?"
        return f"{self.dsn}{separator}options={quote(f'-csearch_path={schema}')}"

    def drop(self) -> None:
        with self.psycopg.connect(self.dsn, autocommit=True) as connection:
            for schema in self.made:
                connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _factory(backend: str, request: pytest.FixtureRequest, directory: Path
             ) -> Iterator[Callable[[], EventStore]]:
    opened: list[EventStore] = []
    numbers = itertools.count()
    schemas: _PostgresSchemas | None = None
    if backend == "postgres":
        dsn = _postgres_dsn(request.config)
        if dsn is None:
            pytest.skip(f"PostgreSQL fixtures need a server: pass --taji-postgres-dsn=DSN or "
                        f"set {_DSN_VARIABLE}")
        try:
            schemas = _PostgresSchemas(dsn)
        except ImportError:
            pytest.skip("PostgreSQL fixtures need psycopg: pip install 'taji_events[postgres]'")

    def make() -> EventStore:
        clock, name = TickingClock(), f"store-{next(numbers)}"
        store: EventStore
        if backend == "memory":
            store = MemoryStore(clock)
        elif backend == "sqlite":
            store = SQLiteStore(directory / f"{name}.db", clock)
        elif backend == "jsonl":
            store = JsonlStore(directory / f"{name}.jsonl", clock)
        else:
            assert schemas is not None
            store = PostgresStore(schemas.new_dsn(), clock)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
    if schemas is not None:
        schemas.drop()


@pytest.fixture(params=BACKENDS)
def taji_store_factory(request: pytest.FixtureRequest,
                       tmp_path: Path) -> Iterator[Callable[[], EventStore]]:
    """A callable giving fresh, empty stores of one backend; the test runs once per backend."""
    yield from _factory(request.param, request, tmp_path)


@pytest.fixture
def taji_store(taji_store_factory: Callable[[], EventStore]) -> EventStore:
    """A fresh, empty store; the test runs once per backend (PostgreSQL with a DSN)."""
    return taji_store_factory()


def _one(backend: str) -> Callable[..., Iterator[EventStore]]:
    def fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EventStore]:
        for make in _factory(backend, request, tmp_path):
            yield make()

    fixture.__doc__ = f"A fresh, empty {backend} store, closed after the test."
    fixture.__name__ = f"taji_{backend}_store"
    return pytest.fixture(name=f"taji_{backend}_store")(fixture)


taji_memory_store = _one("memory")
taji_sqlite_store = _one("sqlite")
taji_jsonl_store = _one("jsonl")
taji_postgres_store = _one("postgres")
