"""An in-memory :class:`~taji_events.store.EventStore` for tests and notebooks.

Plain Python lists and dicts; nothing survives the process. It keeps every
guarantee of the interface (atomic, idempotent, optimistic concurrency,
gap-free ``seq``, non-decreasing ``recorded_at``), so code tested against it
behaves the same on :class:`~taji_events.sqlite.SQLiteStore`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from datetime import datetime

from taji_events.errors import StoreError
from taji_events.events import Event, RecordedEvent, event_report_id
from taji_events.store import AppendResult, Clock, EventStore, system_clock

__all__ = ["MemoryStore"]


class MemoryStore(EventStore):
    """An event log held in memory.

    ``clock`` gives ``recorded_at``; it must return aware datetimes (a naive one
    raises :class:`~taji_events.errors.NaiveDatetimeError` on append). Using the
    store after :meth:`close` raises :class:`~taji_events.errors.StoreError`.

    >>> from taji_events.memory import MemoryStore
    >>> with MemoryStore() as store:
    ...     store.last_seq()
    0

    Since 0.1.0.
    """

    def __init__(self, clock: Clock = system_clock) -> None:
        self._clock = clock
        # Index i holds seq i + 1: the list is the log, so seq stays gap-free.
        self._log: list[RecordedEvent] = []
        self._hash_by_identity: dict[str, tuple[str, int]] = {}
        self._seqs_by_incident: dict[str, list[int]] = {}
        self._seqs_by_report: dict[str, list[int]] = {}
        # Guards check-then-write in append so two threads cannot interleave batches.
        self._lock = threading.Lock()
        self._closed = False

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
            self._check_expected_seq(expected_seq, len(self._log))
            new = []
            for item in prepared:
                stored = self._hash_by_identity.get(item.identity)
                if stored is None:
                    new.append(item)
                elif stored[0] != item.content_hash:
                    raise self._identity_conflict(item.identity, stored[1])
            if not new:
                return AppendResult(recorded=(), last_seq=len(self._log))
            previous = self._log[-1].recorded_at if self._log else None
            # Everything that can fail is done above, so the writes below cannot
            # leave half a batch behind.
            recorded_at = self._next_recorded_at(self._clock, previous)
            recorded = []
            for item in new:
                seq = len(self._log) + 1
                entry = RecordedEvent(seq=seq, recorded_at=recorded_at, event=item.event)
                self._log.append(entry)
                self._hash_by_identity[item.identity] = (item.content_hash, seq)
                for incident in item.incidents:
                    self._seqs_by_incident.setdefault(incident, []).append(seq)
                if item.report_id is not None:
                    self._seqs_by_report.setdefault(item.report_id, []).append(seq)
                recorded.append(entry)
            return AppendResult(recorded=tuple(recorded), last_seq=len(self._log))

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
            upper = len(self._log) if until_seq is None else min(until_seq, len(self._log))
            if recorded_until is not None:
                # recorded_at never decreases with seq, so the bound is a seq prefix.
                while upper > 0 and self._log[upper - 1].recorded_at > recorded_until:
                    upper -= 1
            if incident is None:
                seqs = list(range(max(after_seq, 0) + 1, upper + 1))
            else:
                seqs = self._incident_seqs(incident, after_seq, upper)
            snapshot = [self._log[seq - 1] for seq in seqs]
        return iter(snapshot)

    def _incident_seqs(self, incident: str, after_seq: int, upper: int) -> list[int]:
        # A report concerns the incident if any revision up to ``upper`` claims
        # about it; then all of its events up to ``upper`` count, so later
        # revisions without such claims and retractions still supersede it.
        direct = [seq for seq in self._seqs_by_incident.get(incident, []) if seq <= upper]
        report_ids = {
            report_id for seq in direct
            if (report_id := event_report_id(self._log[seq - 1].event)) is not None
        }
        seqs = set(direct)
        for report_id in report_ids:
            seqs.update(seq for seq in self._seqs_by_report[report_id] if seq <= upper)
        return sorted(seq for seq in seqs if seq > after_seq)

    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        return len(self._log)

    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        return sorted(self._seqs_by_incident)

    def close(self) -> None:
        """Mark the store closed; closing twice is harmless. Since 0.1.0."""
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("this MemoryStore is closed; create a new MemoryStore to keep going")
