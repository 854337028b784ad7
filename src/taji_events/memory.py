"""An in-memory :class:`~taji_events.store.EventStore` for tests and notebooks.

Plain Python lists and dicts; nothing survives the process. It keeps every
guarantee of the interface (atomic, idempotent, optimistic concurrency,
gap-free ``seq``, non-decreasing ``recorded_at``, hash chain), so code tested
against it behaves the same on :class:`~taji_events.sqlite.SQLiteStore`.

:class:`LogIndex` is the in-memory log both this store and
:class:`~taji_events.jsonl.JsonlStore` (which re-reads its file into one) use;
:class:`IndexRecorder` is the part of a recorder over one that both share:
writes inside the lock are held back and applied to the index only when the
lock's block ends without an error, so a failed write leaves nothing.
"""

from __future__ import annotations

import abc
import bisect
import contextlib
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any

from taji_events.claim_rows import (
    CLAIMS_TABLE,
    DECLARATIONS_TABLE,
    EDGES_TABLE,
    ROWS_VERSION,
    IncidentRows,
)
from taji_events.errors import StoreError, TajiEventsError
from taji_events.events import RecordedEvent, event_report_id
from taji_events.recorder import (
    Clock,
    PreparedEvent,
    Recorder,
    Row,
    StoredColumns,
    StoredIdentity,
    Written,
    system_clock,
)
from taji_events.store import (
    EventStore,
    StoredRecord,
)

__all__ = ["IndexRecorder", "LogIndex", "MemoryStore"]


class LogIndex:
    """A log held in memory with the indexes reads and appends need: by
    identity, incident and report. Positions are list indexes; ``seq`` is
    ``position + 1`` in a whole log. Not thread-safe: its owner locks.

    Since 0.1.0.
    """

    def __init__(self) -> None:
        self.records: list[StoredRecord] = []
        # A stored envelope that cannot be read is kept as its error, raised on read.
        self.events: list[RecordedEvent | TajiEventsError] = []
        self._seqs: list[int] = []
        self._recorded_ats: list[datetime] = []
        self._by_identity: dict[str, tuple[str, int]] = {}
        self._by_incident: dict[str, list[int]] = {}
        self._by_report: dict[str, list[int]] = {}

    @property
    def last(self) -> StoredRecord | None:
        """The newest record, None when empty. Since 0.1.0."""
        return self.records[-1] if self.records else None

    def last_seq(self) -> int:
        """The newest ``seq``, 0 when empty. Since 0.1.0."""
        return self.records[-1].seq if self.records else 0

    def add(self, record: StoredRecord, prepared: PreparedEvent | TajiEventsError) -> None:
        """Index one record with its decoded event (or the error decoding it gave). Since 0.1.0."""
        position = len(self.records)
        self.records.append(record)
        self._seqs.append(record.seq)
        self._recorded_ats.append(record.recorded_at)
        if isinstance(prepared, TajiEventsError):
            self.events.append(prepared)
            return
        self.events.append(RecordedEvent(seq=record.seq, recorded_at=record.recorded_at,
                                         event=prepared.event))
        self._by_identity.setdefault(prepared.identity, (prepared.content_hash, position))
        for incident in prepared.incidents:
            self._by_incident.setdefault(incident, []).append(position)
        if prepared.report_id is not None:
            self._by_report.setdefault(prepared.report_id, []).append(position)

    def stored(self, items: Sequence[PreparedEvent]) -> list[StoredIdentity]:
        """The stored rows under the identities of ``items``. Since 0.3.0."""
        found = []
        for item in items:
            stored = self._by_identity.get(item.identity)
            if stored is not None:
                record = self.records[stored[1]]
                found.append(StoredIdentity(seq=record.seq, identity=item.identity,
                                            content_hash=stored[0], envelope=record.envelope))
        return found

    def upper_seq(self, until_seq: int | None, recorded_until: datetime | None) -> int:
        """The last seq at or below ``until_seq`` recorded at or before
        ``recorded_until``, 0 when none. Since 0.3.0."""
        upper = len(self.records)
        if until_seq is not None:
            upper = bisect.bisect_right(self._seqs, until_seq, hi=upper)
        if recorded_until is not None:
            # recorded_at never decreases with seq, so the bound is a prefix.
            upper = bisect.bisect_right(self._recorded_ats, recorded_until, hi=upper)
        return self._seqs[upper - 1] if upper else 0

    def positions(self, incident: str | None, after_seq: int, upper_seq: int) -> Iterable[int]:
        """The list positions a read of ``incident`` (None: all) with seq in
        (``after_seq``, ``upper_seq``] returns. Since 0.3.0."""
        upper = bisect.bisect_right(self._seqs, upper_seq)
        lower = bisect.bisect_right(self._seqs, after_seq, hi=upper)
        if incident is None:
            return range(lower, upper)
        return self._incident_positions(incident, lower, upper)

    def read(self, incident: str | None, after_seq: int, upper_seq: int) -> list[RecordedEvent]:
        """The events a :meth:`~taji_events.store.EventStore.read` with these
        bounds returns, as a list (a snapshot). Raises the error of an unreadable
        stored envelope. Since 0.1.0."""
        result = []
        for position in self.positions(incident, after_seq, upper_seq):
            entry = self.events[position]
            if isinstance(entry, TajiEventsError):
                raise entry
            result.append(entry)
        return result

    def _incident_positions(self, incident: str, lower: int, upper: int) -> list[int]:
        # A report concerns the incident if any revision below ``upper`` claims
        # about it; then all of its events below ``upper`` count, so later
        # revisions without such claims and retractions still supersede it.
        direct = [position for position in self._by_incident.get(incident, ()) if position < upper]
        report_ids = {
            report_id for position in direct
            if isinstance(entry := self.events[position], RecordedEvent)
            and (report_id := event_report_id(entry.event)) is not None
        }
        positions = set(direct)
        for report_id in report_ids:
            positions.update(position for position in self._by_report[report_id]
                             if position < upper)
        return sorted(position for position in positions if position >= lower)

    def records_after(self, after_seq: int) -> list[StoredRecord]:
        """The records after ``after_seq``, as a list (a snapshot). Since 0.1.0."""
        return self.records[bisect.bisect_right(self._seqs, after_seq):]

    def incidents(self) -> list[str]:
        """Every incident named by a declaration or a claim, sorted. Since 0.1.0."""
        return sorted(self._by_incident)


class IndexRecorder(Recorder):
    """A :class:`~taji_events.store.Recorder` over a :class:`LogIndex`: writes
    inside :meth:`write_lock` are kept aside and indexed (after
    :meth:`commit` stores them) only when the block ends without an error.
    Subclasses say how to lock, how to bring the index up to date and how
    to make a write durable. Since 0.3.0."""

    def __init__(self) -> None:
        self._index = LogIndex()
        self._pending: list[Written] = []
        #: Rows of derived tables, by table, in write order.
        self.derived: dict[str, list[tuple[Any, ...]]] = {}
        self._pending_derived: dict[str, list[tuple[Any, ...]]] = {}
        # Claim rows: by incident (claims, declarations) and by report (edges),
        # complete up to ``_rows_seq`` for the index ``_rows_for`` (a JSON Lines
        # file rewritten underneath gets a new index, and its rows are rebuilt).
        self._rows_for: LogIndex | None = None
        self._rows_seq = 0
        self._pending_rows_seq: int | None = None
        self._claims: dict[str, list[tuple[Any, ...]]] = {}
        self._edges: dict[str, list[tuple[Any, ...]]] = {}
        self._declarations: dict[str, list[int]] = {}

    @abc.abstractmethod
    def locked(self, *, exclusive: bool) -> contextlib.AbstractContextManager[LogIndex]:
        """Hold the lock (shared or exclusive) with the index up to date."""

    def commit(self, written: Sequence[Written]) -> None:
        """Make ``written`` durable before it is indexed; raise to write nothing.
        Memory keeps nothing else."""
        return

    def write_lock(self, action: str) -> contextlib.AbstractContextManager[None]:
        return _IndexWrite(self)

    def apply_pending(self) -> None:
        """Store and index what was written inside the lock (its block ended well)."""
        if self._pending:
            self.commit(self._pending)
        for record, item in self._pending:
            self._index.add(record, item)
        for table, rows in self._pending_derived.items():
            if table == CLAIMS_TABLE:
                for row in rows:
                    self._claims.setdefault(row[0], []).append(row)
            elif table == EDGES_TABLE:
                for row in rows:
                    self._edges.setdefault(row[0], []).append(row)
            elif table == DECLARATIONS_TABLE:
                for incident, seq in rows:
                    self._declarations.setdefault(incident, []).append(seq)
            else:
                self.derived.setdefault(table, []).extend(rows)
        if self._pending_rows_seq is not None:
            self._rows_seq, self._pending_rows_seq = self._pending_rows_seq, None

    def rows_state(self) -> tuple[int, int] | None:
        if self._rows_for is not self._index:
            self._rows_for = self._index
            self._rows_seq = 0
            self._claims, self._edges, self._declarations = {}, {}, {}
        return (ROWS_VERSION, self._rows_seq)

    def reset_rows(self, version: int) -> None:
        self._rows_for = None  # the layout is this library's: nothing else to drop

    def insert_rows(self, derived: Mapping[str, Sequence[tuple[Any, ...]]], seq: int) -> None:
        for table, rows in derived.items():
            self._pending_derived.setdefault(table, []).extend(rows)
        self._pending_rows_seq = seq

    def select_rows(self, incident: str | None, upper: int) -> Iterator[IncidentRows]:
        with self.locked(exclusive=False):
            names = sorted(self._claims.keys() | self._declarations.keys()) \
                if incident is None else [incident]
            found = [self._incident_rows(name, upper) for name in names]
        return (rows for rows in found if not rows.empty)

    def _incident_rows(self, incident: str, upper: int) -> IncidentRows:
        claims = [row for row in self._claims.get(incident, ()) if row[4] <= upper]
        edges = [row for report in dict.fromkeys(row[1] for row in claims)
                 for row in self._edges.get(report, ()) if row[2] <= upper]
        return IncidentRows.from_claim_rows(incident, claims, edges,
                            [seq for seq in self._declarations.get(incident, ()) if seq <= upper])

    def head(self) -> StoredRecord | None:
        return self._index.last

    def stored_identities(self, items: Sequence[PreparedEvent]) -> list[StoredIdentity]:
        # Identities are derived from the envelopes as they are indexed: looking
        # them up by identity alone cannot miss an event.
        return self._index.stored(items)

    def insert(self, written: Sequence[Written],
               derived: Mapping[str, Sequence[tuple[Any, ...]]]) -> None:
        self._pending.extend(written)
        for table, rows in derived.items():
            self._pending_derived.setdefault(table, []).extend(rows)

    def upper_seq(self, until_seq: int | None, recorded_until: datetime | None) -> int:
        with self.locked(exclusive=False) as index:
            return index.upper_seq(until_seq, recorded_until)

    def select(self, incident: str | None, after_seq: int, upper: int) -> Iterator[Row]:
        with self.locked(exclusive=False) as index:
            records = index.records
            return iter([(records[position].seq, records[position].recorded_at,
                          records[position].envelope)
                         for position in index.positions(incident, after_seq, upper)])

    def select_events(self, store: EventStore | object, incident: str | None, after_seq: int,
                      upper: int) -> Iterator[RecordedEvent]:
        with self.locked(exclusive=False) as index:
            return iter(index.read(incident, after_seq, upper))

    def select_records(self, after_seq: int) -> Iterator[StoredRecord]:
        with self.locked(exclusive=False) as index:
            return iter(index.records_after(after_seq))

    def select_for_verify(self) -> Iterator[tuple[StoredRecord, StoredColumns | None]]:
        return ((record, None) for record in self.select_records(0))

    def last_seq(self) -> int:
        with self.locked(exclusive=False) as index:
            return index.last_seq()

    def incidents(self) -> list[str]:
        with self.locked(exclusive=False) as index:
            return index.incidents()


class _IndexWrite:
    """:meth:`IndexRecorder.write_lock`: a class, not a generator, because every
    append enters one."""

    __slots__ = ("_held", "_recorder")

    def __init__(self, recorder: IndexRecorder) -> None:
        self._recorder = recorder
        self._held = recorder.locked(exclusive=True)

    def __enter__(self) -> None:
        self._held.__enter__()
        recorder = self._recorder
        recorder._pending, recorder._pending_derived = [], {}
        recorder._pending_rows_seq = None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        recorder = self._recorder
        try:
            if exc_type is None:
                recorder.apply_pending()
        except BaseException as error:
            recorder._pending, recorder._pending_derived = [], {}
            recorder._pending_rows_seq = None
            self._held.__exit__(type(error), error, error.__traceback__)
            raise
        recorder._pending, recorder._pending_derived = [], {}
        recorder._pending_rows_seq = None
        self._held.__exit__(exc_type, exc, traceback)


class _MemoryRecorder(IndexRecorder):
    def __init__(self) -> None:
        super().__init__()
        # Guards check-then-write so two threads cannot interleave batches.
        self._lock = threading.RLock()
        self._closed = False

    def __repr__(self) -> str:
        return f"MemoryStore(<{self._index.last_seq()} events>)"

    def check_open(self) -> None:
        if self._closed:
            raise StoreError("this MemoryStore is closed; create a new MemoryStore to keep going")

    def locked(self, *, exclusive: bool) -> contextlib.AbstractContextManager[LogIndex]:
        return _Held(self._lock, self._index)

    def close(self) -> None:
        self._closed = True


class _Held:
    """The memory store's lock, entered with the index."""

    __slots__ = ("_index", "_lock")

    def __init__(self, lock: threading.RLock, index: LogIndex) -> None:
        self._lock, self._index = lock, index

    def __enter__(self) -> LogIndex:
        self._lock.acquire()
        return self._index

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._lock.release()


class MemoryStore(EventStore):
    """An event log held in memory.

    ``clock`` gives ``recorded_at``; it must return aware datetimes (a naive one
    raises :class:`~taji_events.errors.NaiveDatetimeError` on append). Using the
    store after :meth:`close` raises :class:`~taji_events.errors.StoreError`.
    Threads may share it.

    >>> from taji_events.memory import MemoryStore
    >>> with MemoryStore() as store:
    ...     store.last_seq()
    0

    Since 0.1.0.
    """

    def __init__(self, clock: Clock = system_clock) -> None:
        self._memory = _MemoryRecorder()
        super().__init__(self._memory, clock)

    def __repr__(self) -> str:
        return repr(self._memory)
