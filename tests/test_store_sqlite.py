"""SQLiteStore against the public store contract (taji_events.testing.StoreContract),
plus what only a file can do."""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from builders import T0, TAJI, ManualClock, make_incident, make_report

from taji_events.chain import canonical_envelope
from taji_events.errors import ConcurrencyError, EnvelopeError, StoreError
from taji_events.serialization import to_envelope
from taji_events.sqlite import SQLiteStore
from taji_events.store import GENESIS_HASH, Clock, EventStore, chain_hash
from taji_events.testing import StoreContract


def _run_sql(path: Path, sql: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(sql)
    finally:
        connection.close()


def _make_newer_schema(path: Path) -> None:
    SQLiteStore(path).close()
    _run_sql(path, "PRAGMA user_version = 99")


class TestSQLiteStore(StoreContract):
    max_examples = 6
    path: Path

    @pytest.fixture(autouse=True)
    def _database_path(self, tmp_path: Path) -> None:
        self.path = tmp_path / "events.db"
        self.numbers, self.files = itertools.count(), dict[int, Path]()

    def make_clocked_store(self, clock: Clock) -> EventStore:
        """Each store a new file beside ``self.path``."""
        path = self.path.with_name(f"store-{next(self.numbers)}.db")
        store = SQLiteStore(path, clock)
        self.files[id(store)] = path
        return store

    def make_derived_table(self, store: EventStore, table: str) -> None:
        self.raw((f"CREATE TABLE {table} (seq INTEGER, identity TEXT)", ()),
                 path=self.file_of(store))

    def read_derived(self, store: EventStore, table: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.raw(
            (f"SELECT * FROM {table} ORDER BY seq, rowid", ()), path=self.file_of(store))]

    def file_of(self, store: EventStore) -> Path:
        return self.files[id(store)]

    def raw(self, *statements: tuple[str, tuple[Any, ...]], path: Path | None = None
            ) -> list[Any]:
        """Run SQL straight on the file (``self.path`` unless given), as another program
        would; return the last rows."""
        connection = sqlite3.connect(path or self.path, isolation_level=None)
        try:
            rows: list[Any] = []
            for sql, params in statements:
                rows = connection.execute(sql, params).fetchall()
            return rows
        finally:
            connection.close()

    def test_reopening_the_file_shows_the_same_events(self, manual_clock: ManualClock) -> None:
        with SQLiteStore(self.path, manual_clock) as store:
            store.append([make_incident(), make_report("a")])
            before = list(store.read())
        with SQLiteStore(self.path, manual_clock) as store:
            assert list(store.read()) == before
            assert store.incidents() == [TAJI]
            assert store.append([make_report("b")]).last_seq == 3

    def test_two_store_objects_on_one_file_see_each_other(
        self, manual_clock: ManualClock
    ) -> None:
        ahead = ManualClock(T0 + timedelta(hours=1))
        with SQLiteStore(self.path, ahead) as first, SQLiteStore(self.path, manual_clock) as second:
            first.append([make_incident()])
            assert second.last_seq() == 1
            second.append([make_report("a")])  # its clock is an hour behind the first's
            assert [entry.recorded_at for entry in first.read()] == [ahead.now, ahead.now]
            with pytest.raises(ConcurrencyError):
                first.append([make_report("b")], expected_seq=1)
            assert second.last_seq() == 2

    def test_old_version_envelope_is_upcast_on_read(self, manual_clock: ManualClock) -> None:
        current = make_report("old")
        envelope = to_envelope(current)
        for claim in envelope["data"]["claims"]:  # version 1 kept the speaker flat
            speaker = claim.pop("according_to")
            claim["according_to"], claim["speaker_kind"] = speaker["name"], speaker["kind"]
        envelope["version"] = 1
        SQLiteStore(self.path).close()
        stored = orjson.dumps(envelope)  # not even canonical: keys in insertion order
        digest = chain_hash(GENESIS_HASH, 1, T0, canonical_envelope(stored))
        self.raw(
            ("INSERT INTO events VALUES (1, '2020-03-12T09:00:00.000000Z', 'report:old@0', "
             "'ReportPublished', 1, 'old', ?, ?, 1, ?)",
             (hashlib.sha256(canonical_envelope(stored)).hexdigest(), stored, digest)),
            ("INSERT INTO event_incidents VALUES (?, 1)", (TAJI,)),
        )
        with SQLiteStore(self.path, manual_clock) as store:
            assert [entry.event for entry in store.read(incident=TAJI)] == [current]
            assert store.append([current]).recorded == ()  # same event, newer encoding
            assert store.verify().ok  # the chain covers the stored (old) envelope
            record = next(store.records())
            assert orjson.loads(record.envelope)["version"] == 1

    def test_unreadable_envelope_names_its_seq(self) -> None:
        SQLiteStore(self.path).close()
        self.raw(("INSERT INTO events VALUES (1, '2020-03-12T09:00:00.000000Z', 'x', "
                  "'Nope', 1, NULL, 'h', ?, 1, 'h')",
                  (b'{"type": "Nope", "version": 1, "data": {}}',)))
        with SQLiteStore(self.path) as store:
            with pytest.raises(EnvelopeError, match=r"seq 1: .*Nope"):
                list(store.read())
            report = store.verify()
            assert (report.first_bad_seq, report.checked) == (1, 0)

    def test_file_is_wal_with_a_schema_version(self) -> None:
        SQLiteStore(self.path).close()
        assert self.raw(("PRAGMA journal_mode", ())) == [("wal",)]
        assert self.raw(("PRAGMA user_version", ())) == [(3,)]

    def test_a_version_1_file_gets_its_hash_chain_when_opened(
        self, manual_clock: ManualClock
    ) -> None:
        with SQLiteStore(self.path, manual_clock) as store:
            store.append([make_incident(), make_report("a")])
            manual_clock.advance(5)
            store.append([make_report("b")])
            expected = [attrs.evolve(record, batch_end=record.seq)
                        for record in store.records()]
        # Turn the file back into schema 1, as taji_events 0.1.0 before the chain wrote it.
        self.raw(("DROP TRIGGER events_are_append_only_update", ()),
                 ("DROP TRIGGER events_are_append_only_delete", ()),
                 ("ALTER TABLE events DROP COLUMN chain_hash", ()),
                 ("ALTER TABLE events DROP COLUMN batch_end", ()),
                 *((f"""CREATE TRIGGER events_are_append_only_{kind} BEFORE {kind} ON events
                    BEGIN SELECT RAISE(ABORT, 'taji_events: events are append-only'); END""", ())
                   for kind in ("update", "delete")),
                 ("PRAGMA user_version = 1", ()))
        with SQLiteStore(self.path, manual_clock) as store:
            assert list(store.records()) == expected  # each old event its own batch
            assert store.verify().ok
            assert store.append([make_report("c")]).last_seq == 4
        assert self.raw(("PRAGMA user_version", ())) == [(3,)]
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            self.raw(("UPDATE events SET report_id = 'x'", ()))

    def test_recorded_rows_cannot_be_edited(self, manual_clock: ManualClock) -> None:
        with SQLiteStore(self.path, manual_clock) as store:
            store.append([make_incident()])
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            self.raw(("UPDATE events SET report_id = 'x'", ()))
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            self.raw(("DELETE FROM events", ()))

    @pytest.mark.parametrize(
        ("prepare", "message"),
        [
            (lambda path: path.write_bytes(b"not a database " * 100),
             "file is not a database; pass another path"),
            (lambda path: _run_sql(path, "CREATE TABLE notes (x)"), "not a taji_events store"),
            (_make_newer_schema, r"version 99, newer .* upgrade taji_events"),
            (lambda path: path.mkdir(), "could not open"),
        ],
        ids=["garbage", "foreign-database", "newer-schema", "directory"],
    )
    def test_files_that_are_not_our_store_are_refused(
        self, prepare: Callable[[Path], object], message: str
    ) -> None:
        prepare(self.path)
        with pytest.raises(StoreError, match=message):
            SQLiteStore(self.path)

    def test_locked_file_gives_store_error_and_the_store_recovers(self) -> None:
        with SQLiteStore(self.path, busy_timeout=0.05) as store:
            blocker = sqlite3.connect(self.path, isolation_level=None)
            blocker.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="another writer holds the file"):
                store.append([make_incident()])
            blocker.execute("ROLLBACK")
            blocker.close()
            assert store.append([make_incident()]).last_seq == 1

    def test_readers_are_not_blocked_by_a_writer_holding_the_file(
        self, manual_clock: ManualClock
    ) -> None:
        with SQLiteStore(self.path, manual_clock, busy_timeout=0.05) as store:
            store.append([make_incident()])
            blocker = sqlite3.connect(self.path, isolation_level=None)
            blocker.execute("BEGIN IMMEDIATE")  # WAL: one writer, readers carry on
            assert store.last_seq() == 1
            assert [entry.seq for entry in store.read()] == [1]
            assert store.verify().ok
            blocker.execute("ROLLBACK")
            blocker.close()
