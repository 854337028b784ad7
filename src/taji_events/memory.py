"""An in-memory :class:`~taji_events.store.EventStore` for tests and notebooks.

Plain Python lists and dicts; nothing survives the process. It keeps every
guarantee of the interface (atomic, idempotent, optimistic concurrency,
gap-free ``seq``, non-decreasing ``recorded_at``, hash chain), so code tested
against it behaves the same on :class:`~taji_events.sqlite.SQLiteStore`.

:class:`LogIndex` is the in-memory log both this store and
:class:`~taji_events.jsonl.JsonlStore` (which re-reads its file into one) use.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from taji_events.errors import IdentityConflictError, StoreError, TajiEventsError
from taji_events.events import Event, RecordedEvent, event_report_id
from taji_events.store import (
    AppendResult,
    Clock,
    EventStore,
    PreparedEvent,
    StoredRecord,
    system_clock,
)
from taji_events.transfer import checked_imports, stamp_batch

__all__ = ["LogIndex", "MemoryStore"]


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

    def new_events(self, prepared: Sequence[PreparedEvent]) -> list[PreparedEvent]:
        """``prepared`` without the events already recorded. Raises
        :class:`~taji_events.errors.IdentityConflictError` for a different event
        under a recorded identity. Since 0.1.0."""
        new = []
        for item in prepared:
            stored = self._by_identity.get(item.identity)
            if stored is None:
                new.append(item)
                continue
            content_hash, position = stored
            entry = self.events[position]
            # An older envelope version hashes differently: compare the upcast event too.
            same = content_hash == item.content_hash or (
                isinstance(entry, RecordedEvent) and entry.event == item.event)
            if not same:
                raise EventStore._identity_conflict(item.identity, self.records[position].seq)
        return new

    def check_unrecorded(self, store: EventStore, prepared: Sequence[PreparedEvent]) -> None:
        """Raise :class:`~taji_events.errors.IdentityConflictError` when an event
        to import is already recorded or repeats within ``prepared``. Since 0.1.0."""
        seen: set[str] = set()
        for item in prepared:
            stored = self._by_identity.get(item.identity)
            if stored is not None or item.identity in seen:
                where = f"seq {self.records[stored[1]].seq}" if stored else "the records themselves"
                raise IdentityConflictError(
                    f"cannot import into {store!r}: identity {item.identity!r} is already "
                    f"recorded ({where}); nothing was written. The source log is damaged: run "
                    "verify() on it")
            seen.add(item.identity)

    def read(self, incident: str | None, after_seq: int, until_seq: int | None,
             recorded_until: datetime | None) -> list[RecordedEvent]:
        """The events a :meth:`~taji_events.store.EventStore.read` with these
        bounds returns, as a list (a snapshot). Raises the error of an unreadable
        stored envelope. Since 0.1.0."""
        upper = len(self.records)
        if until_seq is not None:
            upper = bisect.bisect_right(self._seqs, until_seq, hi=upper)
        if recorded_until is not None:
            # recorded_at never decreases with seq, so the bound is a prefix.
            upper = bisect.bisect_right(self._recorded_ats, recorded_until, hi=upper)
        lower = bisect.bisect_right(self._seqs, after_seq, hi=upper)
        if incident is None:
            positions: Iterable[int] = range(lower, upper)
        else:
            positions = self._incident_positions(incident, lower, upper)
        result = []
        for position in positions:
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
        self._clock = clock
        self._index = LogIndex()
        # Guards check-then-write so two threads cannot interleave batches.
        self._lock = threading.Lock()
        self._closed = False

    def __repr__(self) -> str:
        return f"MemoryStore(<{self._index.last_seq()} events>)"

    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        """Record ``events`` as one atomic batch; see :meth:`EventStore.append`.

        Raises :class:`~taji_events.errors.InvalidEventError`,
        :class:`~taji_events.errors.ConcurrencyError`,
        :class:`~taji_events.errors.IdentityConflictError`,
        :class:`~taji_events.errors.NaiveDatetimeError` (naive clock) or
        :class:`~taji_events.errors.StoreError` (closed store); in each case
        nothing is written. Since 0.1.0.
        """
        self._check_open()
        prepared = self._prepare(events)
        with self._lock:
            index = self._index
            self._check_expected_seq(expected_seq, index.last_seq())
            new = index.new_events(prepared)
            if not new:
                return AppendResult(recorded=(), last_seq=index.last_seq())
            last = index.last
            recorded_at = self._next_recorded_at(self._clock,
                                                 None if last is None else last.recorded_at)
            # Everything that can fail is done above, so the writes below cannot
            # leave half a batch behind.
            records = stamp_batch(index.last, [item.envelope for item in new], recorded_at)
            for record, item in zip(records, new, strict=True):
                index.add(record, item)
            return AppendResult.of_batch(records, new, index.last_seq())

    def read(
        self,
        *,
        incident: str | None = None,
        after_seq: int = 0,
        until_seq: int | None = None,
        recorded_until: datetime | None = None,
    ) -> Iterator[RecordedEvent]:
        """Recorded events in ``seq`` order, filtered; see :meth:`EventStore.read`.

        Raises :class:`~taji_events.errors.StoreError` (closed store, a seq that
        is not a whole number) or :class:`~taji_events.errors.NaiveDatetimeError`.
        Since 0.1.0.
        """
        self._check_open()
        recorded_until = self._check_read_bounds(after_seq, until_seq, recorded_until)
        with self._lock:
            return iter(self._index.read(incident, after_seq, until_seq, recorded_until))

    def records(self, *, after_seq: int = 0) -> Iterator[StoredRecord]:
        """Stored records after ``after_seq``; see :meth:`EventStore.records`.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        with self._lock:
            return iter(self._index.records_after(after_seq))

    def import_records(self, records: Iterable[StoredRecord]) -> int:
        """Append another store's records unchanged; see
        :meth:`EventStore.import_records` (same errors; nothing is written on
        error). Since 0.1.0.
        """
        self._check_open()
        with self._lock:
            index = self._index
            checked = list(checked_imports(self, records, index.last))
            index.check_unrecorded(self, [item for _, item in checked])
            for record, item in checked:
                index.add(record, item)
            return len(checked)

    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        return self._index.last_seq()

    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        with self._lock:
            return self._index.incidents()

    def close(self) -> None:
        """Mark the store closed; closing twice is harmless. Since 0.1.0."""
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("this MemoryStore is closed; create a new MemoryStore to keep going")
