"""A full replay (``final_states``) streams the claim rows: the first incident's
state is handed out after one incident's rows and a page of each ordered scan,
not after the whole log was loaded. On PostgreSQL the scan also holds no
transaction open between incidents. The PostgreSQL server is the session's
(tests/pg.py): without it those tests skip, and fail under CI=true."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from builders import make_incident, make_report

from taji_events import believed_at, final_states, known_at
from taji_events import postgres as postgres_module
from taji_events.claim_rows import IncidentRows
from taji_events.events import Event
from taji_events.postgres import PostgresStore
from taji_events.sqlite import SQLiteStore

INCIDENTS = 120
PAGE = 4


def _events(count: int) -> list[Event]:
    events: list[Event] = []
    for number in range(count):
        incident = f"incident-{number:03}"
        events.append(make_incident(incident, f"Incident {number}"))
        events.append(make_report(f"report-{number:03}-a", incident=incident, killed=number))
        events.append(make_report(f"report-{number:03}-b", incident=incident,
                                  killed=number + 1))
    return events


class _RowCounter:
    """A psycopg row factory that counts every row the client receives."""

    def __init__(self) -> None:
        self.rows = 0

    def __call__(self, cursor: Any) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
        def make(values: Sequence[Any]) -> tuple[Any, ...]:
            self.rows += 1
            return tuple(values)
        return make


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, pg_dsn: str) -> tuple[PostgresStore, _RowCounter]:
    """A store of INCIDENTS incidents whose connection counts the rows it receives,
    with claim rows read PAGE rows at a time."""
    psycopg = pytest.importorskip("psycopg")
    counter = _RowCounter()
    connect = psycopg.connect

    def counting_connect(*args: Any, **kwargs: Any) -> Any:
        return connect(*args, row_factory=counter, **kwargs)

    monkeypatch.setattr(psycopg, "connect", counting_connect)
    monkeypatch.setattr(postgres_module, "_PAGE_SIZE", PAGE)
    store = PostgresStore(pg_dsn)
    store.append(_events(INCIDENTS))
    list(final_states(store))  # builds the claim rows, so the runs below only read them
    return store, counter


def test_first_state_arrives_before_the_rows_of_the_log_are_read(
        counted: tuple[PostgresStore, _RowCounter]) -> None:
    store, counter = counted
    with store:
        counter.rows = 0
        expected = list(final_states(store))
        whole = counter.rows
        counter.rows = 0
        states = final_states(store)
        first = next(states)
        at_first = counter.rows
        rest = list(states)
        assert [first, *rest] == expected
    assert len(expected) == INCIDENTS
    # One incident's rows (3 claim and edge rows, a declaration) and a page of each
    # of the three streams, not the 3 * INCIDENTS claim rows of the log.
    assert whole >= 3 * INCIDENTS
    assert at_first <= 3 * PAGE + 20 < whole // 10


def test_an_append_between_incidents_commits_and_does_not_move_the_scan(
        counted: tuple[PostgresStore, _RowCounter], pg_dsn: str) -> None:
    store, _ = counted
    with store:
        before = list(final_states(store))
        states = final_states(store)
        first = next(states)
        store.append([make_report("report-late", incident="incident-000", killed=99),
                      make_incident("incident-late", "Late")])
        # Another connection sees the append at once: the scan holds no transaction.
        with PostgresStore(pg_dsn) as other:
            assert other.last_seq() == 3 * INCIDENTS + 2
        rest = list(states)
        # Both scans run side by side on one connection.
        assert [first, *rest] == before
        after = list(final_states(store))
        assert len(after) == INCIDENTS + 1
        assert after[0] != before[0]


def test_a_scan_dropped_half_way_leaves_the_connection_usable(
        counted: tuple[PostgresStore, _RowCounter]) -> None:
    store, _ = counted
    with store:
        states = final_states(store)
        next(states)
        del states  # the generator is closed, and its cursors with it
        store.append([make_incident("incident-after", "After")])
        assert len(list(final_states(store))) == INCIDENTS + 1


def test_sqlite_scan_steps_its_cursors_instead_of_fetching_every_row(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with SQLiteStore(path) as store:
        store.append(_events(INCIDENTS))
        list(final_states(store))  # builds the claim rows, so the runs below only read them
    rows = 0

    def counted(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> tuple[Any, ...]:
        nonlocal rows
        rows += 1
        return values

    connect = sqlite3.connect

    def counting_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = connect(*args, **kwargs)
        connection.row_factory = counted
        return connection

    monkeypatch.setattr(sqlite3, "connect", counting_connect)
    with SQLiteStore(path) as store:
        rows = 0
        expected = list(final_states(store))
        whole = rows
        rows = 0
        states = final_states(store)
        first = next(states)
        at_first = rows
        # A writer on another connection appends meanwhile; the scan answers at
        # the log position it started on.
        with SQLiteStore(path) as other:
            other.append([make_report("report-late", incident="incident-119", killed=99)])
        assert [first, *states] == expected
    assert len(expected) == INCIDENTS
    assert whole >= 3 * INCIDENTS
    # The first incident's rows and one row ahead in each scan.
    assert at_first <= 20 < whole // 10


def test_no_incident_rows_are_alive_when_the_collector_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A view built from claim rows holds off the cyclic collector; its first
    pass afterwards walks every object of the block still alive, so the rows
    must be dropped before it resumes, and a full replay suspended at a state
    keeps none of them (at a million events that walking was a fifth of the replay)."""
    alive_at_resume: list[int] = []
    enable = gc.enable

    def checked_enable() -> None:
        alive_at_resume.append(sum(1 for found in gc.get_objects()
                                   if isinstance(found, IncidentRows)))
        enable()

    with SQLiteStore(tmp_path / "rows.db") as store:
        store.append(_events(6))
        monkeypatch.setattr(gc, "enable", checked_enable)
        states = []
        for state in final_states(store):
            assert not [found for found in gc.get_objects() if isinstance(found, IncidentRows)]
            states.append(state)
        believed = believed_at(store, "incident-002", "2030-01-01")
        known = known_at(store, "incident-003")
    assert [state.incident for state in states] == [f"incident-{n:03}" for n in range(6)]
    assert believed["killed"].best == 3 and known["killed"].best == 4  # type: ignore[union-attr]
    # One resume per incident, one at the end of the scan, one per single query.
    assert len(alive_at_resume) == 6 + 1 + 2 and set(alive_at_resume) == {0}
