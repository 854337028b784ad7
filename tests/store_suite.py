"""The contract every :class:`~taji_events.store.EventStore` backend must pass.

Subclass :class:`StoreContract` as ``TestXxxStore`` and implement
``make_store(clock)``; a backend is done when the whole class passes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from builders import (
    OTHER,
    T0,
    TAJI,
    ManualClock,
    make_incident,
    make_report,
    make_retraction,
    make_rich_report,
)

from taji_events.chain import stamp_batch
from taji_events.errors import (
    ConcurrencyError,
    IdentityConflictError,
    InvalidEventError,
    NaiveDatetimeError,
    StoreError,
)
from taji_events.events import Event, RecordedEvent
from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.serialization import dumps_event
from taji_events.sqlite import SQLiteStore
from taji_events.store import (
    GENESIS_HASH,
    AppendResult,
    Clock,
    EventStore,
    IntegrityError,
    PreparedEvent,
    StoredRecord,
    chain_hash,
    system_clock,
)


def seqs(recorded: Iterable[RecordedEvent]) -> list[int]:
    return [entry.seq for entry in recorded]


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


class StoreContract:
    """Shared tests; subclasses say how to build their store."""

    def make_store(self, clock: Clock) -> EventStore:
        raise NotImplementedError("implement make_store(clock) in the backend's test class")

    @pytest.fixture
    def store(self, manual_clock: ManualClock) -> Iterator[EventStore]:
        with self.make_store(manual_clock) as store:
            yield store

    def test_empty_store_has_nothing(self, store: EventStore) -> None:
        assert (store.last_seq(), list(store.read()), store.incidents()) == (0, [], [])

    def test_seq_is_gap_free_from_one(self, store: EventStore) -> None:
        first = store.append([make_incident(), make_report("a")])
        second = store.append([make_report("b")])
        assert seqs(first.recorded + second.recorded) == [1, 2, 3]
        assert (first.last_seq, second.last_seq, store.last_seq()) == (2, 3, 3)
        assert seqs(store.read()) == [1, 2, 3]

    def test_recorded_at_comes_from_the_clock_shared_by_a_batch(
        self, store: EventStore, manual_clock: ManualClock
    ) -> None:
        store.append([make_incident(), make_report("a")])
        later = manual_clock.advance(60)
        manual_clock.now = later.astimezone(ZoneInfo("Asia/Baghdad"))
        store.append([make_report("b")])
        recorded = list(store.read())
        assert [entry.recorded_at for entry in recorded] == [T0, T0, later]
        assert recorded[2].recorded_at.utcoffset() == timedelta(0)

    def test_recorded_at_never_goes_backwards(
        self, store: EventStore, manual_clock: ManualClock
    ) -> None:
        late = manual_clock.advance(3600)
        store.append([make_report("a")])
        manual_clock.now = T0
        store.append([make_report("b")])
        assert [entry.recorded_at for entry in store.read()] == [late, late]

    def test_naive_clock_is_refused_and_nothing_written(self) -> None:
        clock = ManualClock(datetime(2020, 3, 12, 9, 0))
        with self.make_store(clock) as store:
            with pytest.raises(NaiveDatetimeError, match="clock"):
                store.append([make_incident()])
            assert store.last_seq() == 0
            clock.now = T0
            assert seqs(store.append([make_incident()]).recorded) == [1]

    def test_reappending_the_same_events_records_nothing(self, store: EventStore) -> None:
        batch: list[Event] = [make_incident(), make_report("a")]
        store.append(batch)
        assert store.append(batch) == AppendResult(recorded=(), last_seq=2)
        mixed = store.append([make_report("a"), make_report("b")])
        assert [(entry.seq, entry.event) for entry in mixed.recorded] == [(3, make_report("b"))]

    def test_identity_conflict_writes_nothing_of_the_batch(self, store: EventStore) -> None:
        store.append([make_incident(), make_report("a", killed=3)])
        before = list(store.read())
        with pytest.raises(IdentityConflictError, match="'report:a@0'"):
            store.append([make_report("b"), make_report("a", killed=4)])
        assert list(store.read()) == before
        assert seqs(store.append([make_report("b")]).recorded) == [3]

    def test_duplicates_within_one_batch(self, store: EventStore) -> None:
        assert seqs(store.append([make_report("a"), make_report("a")]).recorded) == [1]
        with pytest.raises(IdentityConflictError, match=r"events\[1\] and events\[2\]"):
            store.append([make_incident(), make_report("b", killed=3), make_report("b", killed=5)])
        assert store.last_seq() == 1

    def test_expected_seq_guards_against_a_concurrent_writer(self, store: EventStore) -> None:
        store.append([make_incident()], expected_seq=0)
        with pytest.raises(ConcurrencyError, match=r"expected_seq=0 .* last seq is 1"):
            store.append([make_report("a")], expected_seq=0)
        assert store.last_seq() == 1
        assert store.append([make_report("a")], expected_seq=1).last_seq == 2

    def test_non_event_in_batch_writes_nothing(self, store: EventStore) -> None:
        with pytest.raises(InvalidEventError, match=r"events\[1\] is dict"):
            store.append([make_incident(), {"type": "IncidentDeclared"}])  # type: ignore[list-item]
        with pytest.raises(InvalidEventError, match="wrap it in a list"):
            store.append(make_incident())  # type: ignore[arg-type]
        assert store.last_seq() == 0

    def test_bad_arguments_are_refused(self, store: EventStore) -> None:
        with pytest.raises(StoreError, match="expected_seq"):
            store.append([make_incident()], expected_seq="0")  # type: ignore[arg-type]
        with pytest.raises(StoreError, match="after_seq"):
            store.read(after_seq="1")  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError, match="recorded_until"):
            store.read(recorded_until=datetime(2020, 3, 12))
        assert store.last_seq() == 0

    def test_read_by_incident_follows_reports_through_revisions_and_retraction(
        self, store: EventStore
    ) -> None:
        events: list[Event] = [
            make_incident(TAJI),
            make_incident(OTHER, title="K-1 attack"),
            make_report("a", 0, TAJI),
            make_report("elsewhere", 0, OTHER),
            make_report("a", 1, incident=None),  # a correction dropping every Taji claim
            make_report("no-claims", 0, incident=None),
            make_retraction("a"),
        ]
        store.append(events)
        taji = [entry.event for entry in store.read(incident=TAJI)]
        assert taji == [events[0], events[2], events[4], events[6]]
        assert [entry.event for entry in store.read(incident=OTHER)] == [events[1], events[3]]
        assert list(store.read(incident="nowhere")) == []

    def test_read_by_incident_never_changes_a_past_answer(self, store: EventStore) -> None:
        store.append([make_retraction("late")])
        store.append([make_report("late", 0, TAJI)])
        assert seqs(store.read(incident=TAJI, until_seq=1)) == []
        assert seqs(store.read(incident=TAJI)) == [1, 2]

    def test_read_by_seq_range(self, store: EventStore) -> None:
        store.append([make_incident(), make_report("a"), make_report("b"), make_report("c")])
        assert seqs(store.read(after_seq=1, until_seq=3)) == [2, 3]
        assert seqs(store.read(after_seq=3)) == [4]
        assert seqs(store.read(until_seq=0)) == []
        assert seqs(store.read(incident=TAJI, after_seq=2)) == [3, 4]

    def test_read_by_recorded_until(self, store: EventStore, manual_clock: ManualClock) -> None:
        store.append([make_incident()])  # at T0: a whole second, no microseconds
        middle = manual_clock.advance(0.5)
        store.append([make_report("a"), make_report("b")])
        manual_clock.advance(60)
        store.append([make_report("c")])
        assert seqs(store.read(recorded_until=middle)) == [1, 2, 3]
        assert seqs(store.read(recorded_until=middle - timedelta(microseconds=1))) == [1]
        assert seqs(store.read(recorded_until=T0 - timedelta(seconds=1))) == []
        new_york = middle.astimezone(ZoneInfo("America/New_York"))
        assert seqs(store.read(recorded_until=new_york, until_seq=2)) == [1, 2]

    def test_round_trip_of_every_event_type(self, store: EventStore) -> None:
        events: list[Event] = [
            make_incident(),
            make_rich_report(),
            make_report("a", text="Officials said 3 killed."),
            make_retraction("a"),
        ]
        result = store.append(events)
        recorded = tuple(store.read())
        assert [entry.event for entry in recorded] == events
        assert recorded == result.recorded
        assert {entry.recorded_at for entry in recorded} == {T0}

    def test_incidents_lists_declared_and_claimed_ids_sorted(self, store: EventStore) -> None:
        store.append([
            make_incident(TAJI),
            make_report("x", incident="zz-undeclared"),
            make_incident(OTHER),
            make_retraction("x"),
        ])
        assert store.incidents() == [OTHER, TAJI, "zz-undeclared"]

    def test_read_is_a_snapshot_taken_when_called(self, store: EventStore) -> None:
        store.append([make_incident()])
        pending = store.read()
        store.append([make_report("a")])
        assert seqs(pending) == [1]

    def test_a_long_log_reads_back_whole_and_in_order(self, store: EventStore) -> None:
        reports = [make_report(f"r{number:04d}") for number in range(1201)]
        store.append(reports[:700])
        store.append(reports[700:])
        assert [entry.event for entry in store.read()] == reports
        assert seqs(store.read(incident=TAJI, after_seq=600)) == list(range(601, 1202))

    def test_closed_store_refuses_use(self, manual_clock: ManualClock) -> None:
        with self.make_store(manual_clock) as store:
            store.append([make_incident()])
        store.close()  # closing twice is harmless
        calls: list[Callable[[], object]] = [
            store.read, store.last_seq, store.incidents, lambda: store.append([])
        ]
        for call in calls:
            with pytest.raises(StoreError, match="closed"):
                call()

    # -- the stored form: batches, hash chain, verify, import (issue 3) ---------------------

    def test_records_keep_batches_and_chain_their_hashes(
        self, store: EventStore, manual_clock: ManualClock
    ) -> None:
        events: list[Event] = [make_incident(), make_report("a"), make_report("b")]
        store.append(events[:2])
        manual_clock.advance(1)
        store.append(events[2:])
        records = list(store.records())
        assert [(record.seq, record.batch_end) for record in records] == [(1, 2), (2, 2), (3, 3)]
        assert [record.envelope for record in records] == [dumps_event(event) for event in events]
        assert [record.recorded_at for record in records] == [T0, T0, manual_clock.now]
        previous = GENESIS_HASH
        for record in records:
            assert record.hash == chain_hash(previous, record.seq, record.recorded_at,
                                             record.envelope)
            previous = record.hash
        assert list(store.records(after_seq=2)) == records[2:]
        report = store.verify()
        assert (report.ok, report.checked, report.head_hash) == (True, 3, records[-1].hash)
        report.raise_if_bad()

    def test_verify_on_an_empty_store(self, store: EventStore) -> None:
        report = store.verify()
        assert (report.ok, report.checked, report.head_hash) == (True, 0, GENESIS_HASH)

    def test_verify_checks_an_anchor_kept_elsewhere(self, store: EventStore) -> None:
        store.append([make_incident(), make_report("a")])
        anchor = store.verify()
        head, at = anchor.head_hash, anchor.checked
        store.append([make_report("b")])
        assert store.verify(expect_head=head, at_seq=at).ok
        assert store.verify(expect_head=head.upper(), at_seq=2).ok
        assert store.verify(expect_head=GENESIS_HASH, at_seq=0).ok
        grown = store.verify(expect_head=head)  # the last seq is 3 now
        assert grown.first_bad_seq == 3 and "pass at_seq" in (grown.problem or "")
        other = store.verify(expect_head="ab" * 32, at_seq=2)
        assert other.first_bad_seq == 2 and "rewritten" in (other.problem or "")
        ahead = store.verify(expect_head=head, at_seq=9)
        assert ahead.first_bad_seq == 4 and "events 4..9 are missing" in (ahead.problem or "")
        with pytest.raises(IntegrityError, match="seq 4: the anchor was saved at seq 9"):
            ahead.raise_if_bad()
        with pytest.raises(StoreError, match="64 hex digits"):
            store.verify(expect_head=head[:16])
        with pytest.raises(StoreError, match="needs expect_head"):
            store.verify(at_seq=2)
        with pytest.raises(StoreError, match="at_seq must be a whole number"):
            store.verify(expect_head=head, at_seq=-1)

    # -- the recorder under the store, and derived rows (issue 10) --------------------------

    def make_derived_table(self, store: EventStore, table: str) -> None:
        """Create ``table (seq, identity)`` where the backend keeps derived rows."""

    def read_derived(self, store: EventStore, table: str) -> list[tuple[Any, ...]]:
        """The rows of derived ``table``, in write order."""
        rows: list[tuple[Any, ...]] = getattr(store.recorder, "derived", {}).get(table, [])
        return [tuple(row) for row in rows]

    def test_recorder_writes_inside_its_lock_all_or_nothing(self, store: EventStore) -> None:
        recorder = store.recorder
        prepared = [PreparedEvent.of(make_incident()), PreparedEvent.of(make_report("a"))]
        written = list(zip(stamp_batch(None, [item.envelope for item in prepared], T0),
                           prepared, strict=True))
        with pytest.raises(RuntimeError, match="interrupted"), recorder.write_lock("append"):
            assert recorder.head() is None
            recorder.insert(written, {})
            raise RuntimeError("interrupted")
        assert (recorder.last_seq(), list(recorder.select_records(0))) == (0, [])
        with recorder.write_lock("append"):
            recorder.insert(written, {})
        records = [record for record, _ in written]
        assert recorder.head() == records[-1] and recorder.last_seq() == 2
        assert list(recorder.select_records(0)) == records
        assert list(recorder.select_records(1)) == records[1:]
        assert (recorder.upper_seq(None, None), recorder.upper_seq(1, None),
                recorder.upper_seq(None, T0 - timedelta(seconds=1))) == (2, 1, 0)
        assert [row[0] for row in recorder.select(TAJI, 0, 2)] == [1, 2]
        assert [row[0] for row in recorder.select(None, 1, 2)] == [2]
        with recorder.write_lock("append"):
            found = recorder.stored_identities(
                [PreparedEvent.of(make_report("a")), PreparedEvent.of(make_report("new"))])
        assert [(row.seq, row.identity, row.envelope) for row in found] == [
            (2, "report:a@0", prepared[1].envelope)]
        assert recorder.incidents() == [TAJI]
        for (record, columns), item in zip(recorder.select_for_verify(), prepared, strict=True):
            assert record in records
            assert columns is None or (columns.identity, columns.type, columns.content_hash,
                                       columns.incidents) == (
                item.identity, item.type, item.content_hash, item.incidents)

    def test_derived_rows_are_written_in_the_same_transaction_as_the_events(
        self, store: EventStore
    ) -> None:
        @attrs.define
        class Identities:
            table: str = "derived_identities"
            refuse: str | None = None

            def rows(self, written: Sequence[tuple[StoredRecord, PreparedEvent]]
                     ) -> list[tuple[Any, ...]]:
                if any(item.identity == self.refuse for _, item in written):
                    raise RuntimeError(f"cannot derive rows of {self.refuse}")
                return [(record.seq, item.identity) for record, item in written]

        self.make_derived_table(store, "derived_identities")
        writer = Identities()
        store.derived_rows = (writer,)
        store.append([make_incident(), make_report("a")])
        writer.refuse = "report:b@0"
        with pytest.raises(RuntimeError, match="report:b@0"):
            store.append([make_report("b"), make_report("c")])
        assert store.last_seq() == 2
        writer.refuse = None
        store.append([make_report("a"), make_report("c")])  # only c is new
        assert self.read_derived(store, "derived_identities") == [
            (1, "incident:taji-2020-03-11"), (2, "report:a@0"), (3, "report:c@0")]

    def test_records_are_a_snapshot_taken_when_called(self, store: EventStore) -> None:
        store.append([make_incident()])
        pending = store.records()
        store.append([make_report("a")])
        assert [record.seq for record in pending] == [1]

    def test_import_copies_a_log_unchanged_and_appending_continues_its_chain(
        self, store: EventStore, manual_clock: ManualClock
    ) -> None:
        log = sample_log(ManualClock(T0 - timedelta(days=1)))
        assert store.import_records(iter(log)) == len(log)
        assert list(store.records()) == log
        assert [entry.event for entry in store.read(incident=OTHER)] == [
            make_report("c", incident=OTHER), make_incident(OTHER, title="K-1 attack")]
        assert store.incidents() == [OTHER, TAJI]
        appended = store.append([make_report("z")])
        assert seqs(appended.recorded) == [len(log) + 1]
        assert store.append([make_report("a")]).recorded == ()  # imported identities count
        assert store.verify().ok

    def test_import_continues_a_copy_and_refuses_anything_else(self, store: EventStore) -> None:
        log = sample_log()
        store.import_records(log[:2])
        with pytest.raises(IntegrityError, match=r"holds 2 events.*copy_store"):
            store.import_records(log)
        assert store.import_records(log[2:5]) == 3
        assert store.import_records([]) == 0
        other = sample_log(ManualClock(T0 + timedelta(seconds=1)))  # same events, other times
        with pytest.raises(IntegrityError, match=r"seq 6 into .*: the hash does not match"):
            store.import_records(other[5:])
        assert list(store.records()) == log[:5]

    @pytest.mark.parametrize("damage", sorted(TAMPERINGS))
    def test_import_of_a_damaged_log_names_the_seq_and_writes_nothing(
        self, store: EventStore, damage: str
    ) -> None:
        tamper, bad_seq = TAMPERINGS[damage]
        damaged = tamper(sample_log())
        with pytest.raises(IntegrityError, match=rf"seq {bad_seq}\b"):
            store.import_records(damaged)
        assert (store.last_seq(), list(store.records())) == (0, [])

    def test_import_of_a_repeated_identity_writes_nothing(self, store: EventStore) -> None:
        envelope = dumps_event(make_incident())
        first = chain_hash(GENESIS_HASH, 1, T0, envelope)
        log = [StoredRecord(seq=1, batch_end=1, recorded_at=T0, hash=first, envelope=envelope),
               StoredRecord(seq=2, batch_end=2, recorded_at=T0,
                            hash=chain_hash(first, 2, T0, envelope), envelope=envelope)]
        with pytest.raises(IdentityConflictError, match="'incident:taji-2020-03-11'"):
            store.import_records(log)
        assert store.last_seq() == 0

    def test_wait_for_append_returns_the_last_seq_or_times_out(self, store: EventStore) -> None:
        assert store.wait_for_append(0, timeout=0.05) == 0
        store.append([make_incident()])
        assert store.wait_for_append(0, timeout=30) == 1
        assert store.wait_for_append(1, timeout=0) == 1


# -- one store shared by several processes (fault, concurrency, follow tests) ----------------

#: Every backend under test: the one list the test modules take their backends from.
BACKENDS = ("memory", "sqlite", "jsonl", "postgres")
#: Backends whose data outlives a process, so that several processes can share one store.
SHARED_BACKENDS = tuple(backend for backend in BACKENDS if backend != "memory")
#: ``TAJI_HYPOTHESIS_PROFILE=thorough`` (``make test-thorough``) runs the crash and
#: load tests at full size; the default keeps them quick.
THOROUGH = os.environ.get("TAJI_HYPOTHESIS_PROFILE") == "thorough"

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
