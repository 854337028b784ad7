"""Claim rows (``taji_events.claim_rows``) are a projection of the log: on every
backend the rows a store keeps equal the rows derived by decoding every event —
at every log position, written with each append, after more appends, after an
import or a copy into another backend, after the rows' layout changed and after
a JSON Lines file is opened again — and ``verify()`` neither reads nor needs them."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from row_logs import BACKENDS, Opener, opener, row_logs
from store_suite import examples
from test_history import START

from taji_events.claim_rows import (
    CLAIM_COLUMNS,
    CLAIMS_TABLE,
    DECLARATIONS_TABLE,
    EDGES_TABLE,
    ROWS_VERSION,
    IncidentRows,
    event_rows,
)
from taji_events.events import Event, IncidentDeclared, ReportPublished
from taji_events.jsonl import JsonlStore
from taji_events.ledger import Ledger
from taji_events.model import Claim, Count, Source, Speaker
from taji_events.replay import believed_at
from taji_events.sqlite import SQLiteStore
from taji_events.states import state_from_ledger
from taji_events.store import EventStore
from taji_events.testing.clock import TickingClock
from taji_events.timepoint import TimePoint
from taji_events.transfer import copy_store, export_jsonl, import_jsonl

WIRE = Source("Outlet 9", "wire")
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
#: The properties run on every backend: 12 logs a backend by default, 25 under the thorough profile.
PER_BACKEND = settings(SETTINGS, max_examples=examples(12, 25))


@pytest.fixture(scope="module", params=BACKENDS)
def open_store(request: pytest.FixtureRequest) -> Opener:
    if request.param == "postgres":
        server = request.getfixturevalue("pg_server")
        return opener("postgres", server.new_dsn)
    return opener(request.param, None)


def decoded_rows(store: EventStore, upper: int | None = None) -> dict[str, IncidentRows]:
    """The rows of every incident, derived by decoding every event of the log
    (up to seq ``upper``, when given)."""
    claims: dict[str, list[tuple[Any, ...]]] = {}
    edges: dict[str, list[tuple[Any, ...]]] = {}
    declarations: dict[str, list[int]] = {}
    for recorded in store.read(until_seq=upper):
        found_claims, found_edges, found_declarations = event_rows(recorded.seq, recorded.event)
        for row in found_claims:
            claims.setdefault(row[0], []).append(row)
        for row in found_edges:
            edges.setdefault(row[0], []).append(row)
        for incident, seq in found_declarations:
            declarations.setdefault(incident, []).append(seq)
    return {incident: IncidentRows.from_claim_rows(
        incident, claims.get(incident, []),
        [edge for report in dict.fromkeys(row[1] for row in claims.get(incident, []))
         for edge in edges.get(report, [])],
        declarations.get(incident, []))
        for incident in sorted(claims.keys() | declarations.keys())}


def comparable(rows: IncidentRows) -> tuple[Any, ...]:
    """Every column of every row, in an order that does not depend on how a
    backend returned them."""
    claims = sorted((claim.report_id, claim.revision, claim.index, claim.seq, claim.field,
                     claim.low, claim.high, claim.best, claim.breakdown, claim.actor,
                     claim.stance, claim.hedge, claim.speaker_kind, claim.scoped,
                     claim.attribution,
                     None if claim.same is None else rows.identities[claim.same])
                    for claim in rows.claims)
    # The claims of a report with claims in more than one revision are numbered,
    # one number per distinct identity; the others, never compared, are not.
    revisions: dict[str, set[int]] = {}
    for claim in rows.claims:
        revisions.setdefault(claim.report_id, set()).add(claim.revision)
    for claim in rows.claims:
        assert (claim.same is not None) == (len(revisions[claim.report_id]) > 1)
    assert len(set(rows.identities)) == len(rows.identities)
    edges = sorted((edge.report_id, -1 if edge.revision is None else edge.revision, edge.seq,
                    edge.order, edge.lower) for edge in rows.edges)
    return rows.incident, claims, edges, rows.declarations


def stored_rows(store: EventStore, upper: int | None = None) -> dict[str, tuple[Any, ...]]:
    found = store.claim_rows(None, store.last_seq() if upper is None else upper)
    assert found is not None, f"{store!r} keeps no claim rows"
    return {rows.incident: comparable(rows) for rows in found}


def assert_rows_match_the_log(store: EventStore) -> None:
    # Every log position, as a view bounded by basis_seq or a record time reads
    # them: a report belongs to an incident's view from its first claim about it
    # at or below the bound, and then with every edge of its up to the bound.
    for upper in range(store.last_seq() + 1):
        expected = {incident: comparable(rows)
                    for incident, rows in decoded_rows(store, upper).items()}
        assert stored_rows(store, upper) == expected, f"at seq {upper}"
        for incident, rows in expected.items():  # one incident at a time, too
            found = store.claim_rows(incident, upper)
            assert found is not None
            assert [comparable(item) for item in found] == [rows], f"{incident} at seq {upper}"


def append_all(store: EventStore, batches: Sequence[Sequence[Event]]) -> None:
    for batch in batches:
        store.append(batch)
        # Written by the append itself, in its transaction: complete up to its last seq.
        assert store.recorder.rows_state() == (ROWS_VERSION, store.last_seq())


@PER_BACKEND
@given(batches=row_logs())
def test_stored_rows_equal_the_rows_of_every_decoded_event(open_store: Opener,
                                                           batches: list[list[Event]]) -> None:
    with open_store() as store:
        append_all(store, batches[:1])
        assert_rows_match_the_log(store)
        append_all(store, batches[1:])
        assert_rows_match_the_log(store)
        assert store.verify().ok


@PER_BACKEND
@given(batches=row_logs(), target=st.sampled_from(("memory", "sqlite", "jsonl")))
def test_rows_after_a_copy_and_an_import_equal_the_log(open_store: Opener,
                                                       batches: list[list[Event]],
                                                       target: str) -> None:
    with open_store() as source, opener(target, None)() as copied, \
            opener(target, None)() as imported:
        append_all(source, batches)
        copy_store(source, copied)
        assert_rows_match_the_log(copied)
        exported = Path(tempfile.mkdtemp()) / "log.jsonl"
        export_jsonl(source, exported)
        import_jsonl(exported, imported)
        assert_rows_match_the_log(imported)
        assert stored_rows(imported) == stored_rows(source)


@SETTINGS
@given(batches=row_logs())
def test_sqlite_rebuilds_rows_of_another_layout_and_fills_a_gap(tmp_path_factory: pytest.TempPathFactory,
                                                                batches: list[list[Event]]) -> None:
    path = tmp_path_factory.mktemp("layout") / "events.db"
    with SQLiteStore(path, TickingClock()) as store:
        append_all(store, batches)
    with sqlite3.connect(path) as connection:  # as the layout before this one left them
        connection.execute(f"DELETE FROM {EDGES_TABLE}")
        connection.execute(f"DROP TABLE {CLAIMS_TABLE}")
        # Layout 1: one row per claim, every column of CLAIM_COLUMNS its own.
        connection.execute(f"CREATE TABLE {CLAIMS_TABLE} ("
                           + ", ".join(f"{name} {kind}" for name, kind in CLAIM_COLUMNS) + ")")
        connection.execute(f"INSERT INTO {CLAIMS_TABLE} (incident, report_id, revision, "
                           "claim_index, seq, field, hedge, speaker_kind, speaker_name, label) "
                           "VALUES ('incident-1', 'garbled', 0, 0, 1, 'garbled', 'reported', "
                           "'wire', 'a', 'garbled')")
        connection.execute("UPDATE taji_claim_rows_state SET version = ?", (ROWS_VERSION - 1,))
    connection.close()
    with SQLiteStore(path, TickingClock()) as store:
        # An append does not continue rows of another layout...
        store.append([ReportPublished(report_id="late", revision=0, source=WIRE,
                                      published_at=TimePoint.instant(START), claims=[])])
        assert store.recorder.rows_state() == (ROWS_VERSION - 1, store.last_seq() - 1)
        # ...the first read that needs them rebuilds them all from the log.
        assert_rows_match_the_log(store)
        assert store.recorder.rows_state() == (ROWS_VERSION, store.last_seq())
        assert store.verify().ok


@SETTINGS
@given(batches=row_logs())
def test_a_reopened_jsonl_file_rebuilds_its_rows(tmp_path_factory: pytest.TempPathFactory,
                                                 batches: list[list[Event]]) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "events.jsonl"
    with JsonlStore(path, TickingClock()) as first:
        append_all(first, batches[:1])
        with JsonlStore(path, TickingClock()) as other:  # another writer of the same file
            for batch in batches[1:]:
                other.append(batch)  # its rows start at what it found: filled when read
        # Rows of what the other writer appended are built from the file when read.
        assert_rows_match_the_log(first)
    with JsonlStore(path, TickingClock()) as reopened:
        assert reopened.recorder.rows_state() == (ROWS_VERSION, 0)
        assert_rows_match_the_log(reopened)


def test_a_row_is_one_claim_with_its_figures_and_identity() -> None:
    claim_rows, edges, declarations = event_rows(7, ReportPublished(
        report_id="r", revision=2, source=WIRE, published_at=TimePoint.instant(START + timedelta(hours=10)),
        claims=[Claim(
            incident="i", field="killed", value=Count.at_least(5, breakdown={"US": 2}),
            according_to=Speaker("officials", "wire"),
            note="a call")]))
    assert claim_rows == [("i", "r", 2, 0, 7, "killed", 5, None, "at_least", 5, "at least 5",
                           "(('US', 2),)", None, None, None, None, "reported", "wire",
                           "officials", None, "a call")]
    assert edges == [("r", 2, 7, 1622541600000000, 1622541600000000, 1622541600000000)]
    assert declarations == []


def test_a_file_without_claim_rows_answers_from_the_log_and_gets_them_when_writable(
        tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    claim = Claim(incident="incident-1", field="killed", value=Count.exact(3),
                  according_to=Speaker("officials", "official_on_record"), note="a briefing")
    events: list[Event] = [
        IncidentDeclared(incident_id="incident-1", title="An attack", place="X",
                         occurred_at=TimePoint.instant(START)),
        ReportPublished(report_id="r", revision=0, source=WIRE, claims=[claim],
                        published_at=TimePoint.instant(START + timedelta(hours=1)))]
    later = START + timedelta(days=1)
    expected = state_from_ledger(Ledger.from_events(events), "incident-1",
                                 published_by=later).evolve(basis_seq=len(events))
    with SQLiteStore(path, TickingClock()) as store:
        store.append(events)
    with sqlite3.connect(path) as connection:  # as a file of an earlier version has it
        for table in (CLAIMS_TABLE, EDGES_TABLE, DECLARATIONS_TABLE, "taji_claim_rows_state"):
            connection.execute(f"DROP TABLE {table}")
    connection.close()
    with SQLiteStore(path, read_only=True) as store:
        assert store.claim_rows(None, store.last_seq()) is None
        assert believed_at(store, "incident-1", later) == expected
    with SQLiteStore(path) as store:
        assert store.recorder.rows_state() == (ROWS_VERSION, 0)
        assert believed_at(store, "incident-1", later) == expected
        assert store.recorder.rows_state() == (ROWS_VERSION, store.last_seq())
        assert store.verify().ok
