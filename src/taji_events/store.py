"""The :class:`EventStore`: one append algorithm over a small :class:`Recorder`
that each backend implements.

A store is an append-only log of :class:`~taji_events.events.Event` values.
It gives each recorded event a gap-free ``seq`` (the only order of knowledge)
and a ``recorded_at`` from an injectable clock, non-decreasing with ``seq``.

Guarantees every backend keeps (and the shared test suite checks):

* **atomic** — :meth:`EventStore.append` writes all of a batch or none of it;
* **idempotent** — an event whose identity and content are already stored is
  skipped; a *different* event under a stored identity raises
  :class:`~taji_events.errors.IdentityConflictError` and nothing is written;
* **optimistic concurrency** — ``expected_seq`` must equal the last ``seq``,
  else :class:`~taji_events.errors.ConcurrencyError` and nothing is written;
* **integrity** — every stored event carries a hash chained to the one before
  (:func:`~taji_events.chain.chain_hash`); :meth:`EventStore.verify`
  recomputes the chain, re-derives every column a backend keeps beside it
  (identity, type, version, report id, content hash, incident index), names
  the first ``seq`` that was modified, deleted, inserted or moved, and checks
  an anchor saved elsewhere (``expect_head``);
* **lossless transfer** — :meth:`EventStore.records` and
  :meth:`EventStore.import_records` move the stored form (``seq``,
  ``recorded_at``, batch, hash, envelope) between any two backends unchanged.

The layers, as in a persistence layer that maps events onto plain records
(the recorder interface is :mod:`taji_events.recorder`):

* :class:`EventStore` owns every algorithm once. **Append**: check the batch
  → prepare (encode each event and make its claim rows in one pass,
  :mod:`taji_events._batch`) → lock (:meth:`Recorder.write_lock`) → expected
  seq (:meth:`Recorder.head`) → deduplicate
  (:meth:`Recorder.stored_identities`) → clock → stamp
  (:func:`~taji_events.chain.stamp_batch`) → write (:meth:`Recorder.insert`)
  → result. **Import** checks records against the
  chain and writes them the same way; **verify** reads
  :meth:`Recorder.select_for_verify`; **reads** decode what
  :meth:`Recorder.select` returns.
* A :class:`Recorder` is only what is specific to one database or file: a
  write lock that is also its transaction, the head record, the stored rows
  under some identities, inserting stamped rows, selecting rows.

**Derived rows.** Rows derived from each written event (a projection table)
are written in the same transaction as the events, in one place:
:attr:`EventStore.derived_rows` is a list of :class:`DerivedRows` writers;
inside the write lock, after stamping, each is asked for its rows of the
batch, and :meth:`Recorder.insert` receives them by table name with the
events. The claim rows' writers (:data:`CLAIM_ROWS`) are the exception: an
append makes those rows while it encodes the batch, for the seqs the batch
will take if no other writer comes first, and uses them when it does take
those seqs (else it derives them from the events, as an import does). A SQL
recorder inserts them into that table (which its schema must create); a
recorder over an in-memory index (memory, JSON Lines) keeps them in its
``derived`` dict, for the events this store object wrote — a JSON Lines file
holds only events, so rows for what other processes appended are rebuilt
from the log. Appends and imports both go through it, so a derived
table never misses an event written through the store.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Final, Self

import attrs

from taji_events._batch import Rows, prepare, written_rows
from taji_events._codec import trusted_recorded
from taji_events.chain import (
    GENESIS_HASH,
    IntegrityReport,
    StoredRecord,
    anchor_problem,
    canonical_envelope,
    chain_hash,
    chain_problem,
    check_anchor,
    format_recorded_at,
    stamp_batch,
)
from taji_events.claim_rows import (
    CLAIMS_TABLE,
    DECLARATIONS_TABLE,
    EDGES_TABLE,
    ROWS_VERSION,
    IncidentRows,
    event_rows,
)
from taji_events.errors import (
    ConcurrencyError,
    IdentityConflictError,
    IntegrityError,
    InvalidEventError,
    StoreError,
    TajiEventsError,
)
from taji_events.events import (
    EVENT_TYPES,
    Event,
    RecordedEvent,
)
from taji_events.recorder import (
    Clock,
    DerivedRows,
    PreparedEvent,
    Recorder,
    StoredColumns,
    StoredIdentity,
    Written,
    decode_stored,
    paged,
    prepare_stored,
    recorded_events,
    system_clock,
)
from taji_events.timepoint import require_aware

__all__ = [
    "CLAIM_ROWS",
    "GENESIS_HASH",
    "AppendResult",
    "ClaimRowsTable",
    "Clock",
    "DerivedRows",
    "EventStore",
    "IntegrityError",
    "IntegrityReport",
    "PreparedEvent",
    "Recorder",
    "StoredColumns",
    "StoredIdentity",
    "StoredRecord",
    "chain_hash",
    "checked_record",
    "decode_stored",
    "format_recorded_at",
    "format_verified",
    "paged",
    "prepare_stored",
    "recorded_events",
    "system_clock",
    "verify_records",
]

_IMPORT_CHUNK: Final = 500
_ROWS_CHUNK: Final = 2000  # events per write when claim rows are built from the log


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an append encodes and
    writes a batch.

    The append makes several objects per event that live until it returns
    (prepared events, records, rows, parameter tuples) and no reference cycle;
    every few hundred of them the collector would look for cycles, and at
    times through every object of the program (the caller's events too),
    which cost a batch of 10 000 events about a fifth of its CPU time, and
    single batches up to twice as long. What the append drops is freed by
    reference counting as before; cycles made by other threads meanwhile
    wait for the collector until the append returns. A collector already
    disabled stays so."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _RowsOfWrite:
    """The claim, edge and declaration rows of one write, worked out once for
    the three tables that keep them."""

    def __init__(self) -> None:
        self._written: Sequence[Written] | None = None
        self._rows: tuple[list[tuple[Any, ...]], ...] = ([], [], [])

    def rows(self, written: Sequence[Written], position: int) -> list[tuple[Any, ...]]:
        if written is not self._written:
            found: tuple[list[tuple[Any, ...]], ...] = ([], [], [])
            for record, item in written:
                for into, rows in zip(found, event_rows(record.seq, item.event), strict=True):
                    into.extend(rows)
            self._written, self._rows = written, found
        rows = self._rows[position]
        if position == len(self._rows) - 1:
            self._written, self._rows = None, ([], [], [])  # the last table: let them go
        return rows


@attrs.define
class ClaimRowsTable:
    """A :class:`DerivedRows` writer of one claim-rows table
    (:mod:`taji_events.claim_rows`). Since 0.3.0."""

    table: str
    position: int
    shared: _RowsOfWrite = attrs.field(eq=False, repr=False)

    def rows(self, written: Sequence[Written]) -> list[tuple[Any, ...]]:
        return self.shared.rows(written, self.position)


_SHARED_ROWS = _RowsOfWrite()
_ROW_TABLES: Final = (CLAIMS_TABLE, EDGES_TABLE, DECLARATIONS_TABLE)
#: The writers of the claim rows: installed on every store by default.
CLAIM_ROWS: Final[tuple[DerivedRows, ...]] = tuple(
    ClaimRowsTable(table, position, _SHARED_ROWS)
    for position, table in enumerate((CLAIMS_TABLE, EDGES_TABLE, DECLARATIONS_TABLE)))


@attrs.frozen
class AppendResult:
    """What one append did: the events it recorded (skipping duplicates), and the
    store's last ``seq`` afterwards. Since 0.1.0."""

    recorded: tuple[RecordedEvent, ...]
    last_seq: int

    @classmethod
    def of_batch(cls, records: Sequence[StoredRecord], items: Sequence[PreparedEvent],
                 last_seq: int) -> AppendResult:
        """The result of writing ``items`` as ``records`` (whose ``recorded_at``
        is already aware UTC). Since 0.2.0."""
        return cls(recorded=tuple(trusted_recorded(record.seq, record.recorded_at, item.event)
                                  for record, item in zip(records, items, strict=True)),
                   last_seq=last_seq)


class EventStore:
    """An append-only event log over a :class:`Recorder`. Use as a context
    manager to close it. The backends (:class:`~taji_events.memory.MemoryStore`,
    :class:`~taji_events.sqlite.SQLiteStore`, :class:`~taji_events.jsonl.JsonlStore`,
    :class:`~taji_events.postgres.PostgresStore`) build their recorder and pass
    it here. ``clock`` gives ``recorded_at`` (aware datetimes); None asks the
    recorder (the system clock, or the PostgreSQL server's). Since 0.1.0.
    """

    #: Writers of rows derived from each written event (see the module docstring);
    #: set on the class or on one store. The claim rows' writers (:data:`CLAIM_ROWS`)
    #: write only while the recorder's claim rows are complete up to the write;
    #: otherwise the first read that needs them catches them up from the log.
    derived_rows: tuple[DerivedRows, ...] = CLAIM_ROWS
    #: Seconds between two looks at :meth:`last_seq` in :meth:`wait_for_append`.
    poll_interval: float = 0.05

    def __init__(self, recorder: Recorder, clock: Clock | None = None) -> None:
        self._recorder = recorder
        self._clock: Clock = recorder.clock if clock is None else clock

    @property
    def recorder(self) -> Recorder:
        """The :class:`Recorder` this store writes through. For backend authors
        and their tests. Since 0.3.0."""
        return self._recorder

    # -- writing -----------------------------------------------------------------------------
    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        """Record ``events`` as one atomic batch, in the order given.

        Raises :class:`~taji_events.errors.InvalidEventError` for a non-event,
        :class:`~taji_events.errors.IdentityConflictError`,
        :class:`~taji_events.errors.ConcurrencyError`,
        :class:`~taji_events.errors.NaiveDatetimeError` (naive clock),
        :class:`~taji_events.errors.IntegrityError` (a stored row edited so that
        it hides this very event), or :class:`~taji_events.errors.StoreError`
        (closed store, lock timeout, disk or database errors); in each case
        nothing is written. Since 0.1.0.
        """
        recorder = self._recorder
        recorder.check_open()
        batch = self._checked_batch(events)
        # The claim rows are made while the batch is encoded, before the lock,
        # for the seqs it will take if nothing is written meanwhile: the seq
        # after the one the rows are complete up to (they are written only then).
        state = recorder.rows_state() if any(
            isinstance(writer, ClaimRowsTable) for writer in self.derived_rows) else None
        first = state[1] + 1 if state is not None and state[0] == ROWS_VERSION else None
        with _collector_paused():
            # The batch's working objects are freed when _append_batch returns,
            # before the collector resumes: it never looks at them.
            return self._append_batch(batch, expected_seq, first)

    def _append_batch(self, batch: Sequence[Event], expected_seq: int | None,
                      first: int | None) -> AppendResult:
        """:meth:`append` of a checked batch, its claim rows made for seqs from
        ``first`` on (None: not made while encoding)."""
        recorder = self._recorder
        prepared, rows = self._prepare(batch, first)
        with recorder.write_lock("append"):
            last = recorder.head()
            last_seq = 0 if last is None else last.seq
            self._check_expected_seq(expected_seq, last_seq)
            kept = self._unrecorded(prepared, recorder.stored_identities(prepared)) \
                if prepared else []
            if not kept:
                return AppendResult(recorded=(), last_seq=last_seq)
            if len(kept) < len(prepared):
                prepared = [prepared[number] for number in kept]
                rows = None  # made for seqs the batch does not take
            if first != last_seq + 1:
                rows = None  # another writer came first
            recorded_at = self._next_recorded_at(self._clock,
                                                 None if last is None else last.recorded_at)
            # Everything that can fail on the events is done above; the write
            # below is the recorder's transaction, all or nothing.
            records = stamp_batch(last, [item.envelope for item in prepared], recorded_at)
            self._write(list(zip(records, prepared, strict=True)), rows)
        return AppendResult.of_batch(records, prepared, records[-1].seq)

    def import_records(self, records: Iterable[StoredRecord]) -> int:
        """Append stored records from another store unchanged (``seq``,
        ``recorded_at``, batches, hashes), as one atomic write; return how many.

        They must continue this store's chain: the first has ``seq`` =
        :meth:`last_seq` + 1 and chains to its last hash (an empty store takes a
        whole log from seq 1), and the last closes its batch. Raises
        :class:`IntegrityError` for a record that does not check out (naming it),
        :class:`~taji_events.errors.IdentityConflictError` for an event already
        stored; in each case nothing is written. Since 0.1.0.
        """
        recorder = self._recorder
        recorder.check_open()
        count = 0
        seen: set[str] = set()
        with recorder.write_lock("import"):
            chunk: list[Written] = []
            for pair in checked_imports(self, records, recorder.head()):
                chunk.append(pair)
                if len(chunk) == _IMPORT_CHUNK:
                    count += self._import_chunk(chunk, seen)
                    chunk = []
            if chunk:
                count += self._import_chunk(chunk, seen)
        return count

    def _import_chunk(self, chunk: list[Written], seen: set[str]) -> int:
        items = [item for _, item in chunk]
        stored = {row.identity: row.seq for row in self._recorder.stored_identities(items)}
        for record, item in chunk:
            if item.identity in stored or item.identity in seen:
                where = (f"seq {stored[item.identity]}" if item.identity in stored
                         else "earlier in the same records")
                raise IdentityConflictError(
                    f"cannot import record seq {record.seq} into {self!r}: identity "
                    f"{item.identity!r} is already recorded ({where}); nothing was written. "
                    "The source log is damaged: run verify() on it")
            seen.add(item.identity)
        self._write(chunk)
        return len(chunk)

    def _write(self, written: Sequence[Written], rows: Rows | None = None) -> None:
        """Insert ``written`` with the rows of every derived-rows writer; the
        claim rows are ``rows`` when given (made with the events' seqs), else
        derived from the events."""
        recorder = self._recorder
        writers = self.derived_rows
        rows_too = False
        if any(isinstance(writer, ClaimRowsTable) for writer in writers):
            # Claim rows only continue rows complete up to this write: a gap (rows
            # of another layout, events written without them) is filled from the log.
            rows_too = recorder.rows_state() == (ROWS_VERSION, written[0][0].seq - 1)
        claim_rows = (written_rows(written) if rows is None else rows) if rows_too else None
        derived: dict[str, Sequence[tuple[Any, ...]]] = {}
        for writer in writers:
            if not isinstance(writer, ClaimRowsTable):
                derived[writer.table] = writer.rows(written)
            elif claim_rows is not None:
                derived[writer.table] = claim_rows[writer.position]
        recorder.insert(written, derived)
        if rows_too:
            recorder.insert_rows({}, written[-1][0].seq)

    # -- claim rows --------------------------------------------------------------------------
    def claim_rows(self, incident: str | None, upper: int) -> Iterator[IncidentRows] | None:
        """The claim rows (:mod:`taji_events.claim_rows`) of ``incident`` (None:
        of every incident, in incident order) at or below seq ``upper``, first
        built from the log for the events they lack (also after a change of
        their layout). None when the backend keeps no claim rows or cannot
        write them now (a read-only file): then decode the log. Since 0.3.0."""
        recorder = self._recorder
        recorder.check_open()
        state = recorder.rows_state()
        if state is None:
            return None
        if state[0] != ROWS_VERSION or state[1] < upper:
            try:
                self._catch_up_rows()
            except StoreError:
                return None  # cannot write (read-only, locked): the log still answers
        return recorder.select_rows(incident, upper)

    def _catch_up_rows(self) -> None:
        """Write the claim rows of every event they lack, from the log."""
        recorder = self._recorder
        with recorder.write_lock("build claim rows"):
            state = recorder.rows_state()
            if state is None:
                return
            version, done = state
            if version != ROWS_VERSION:
                recorder.reset_rows(ROWS_VERSION)
                done = 0
            upper = recorder.last_seq()
            found: tuple[list[tuple[Any, ...]], ...] = ([], [], [])
            count = 0
            for recorded in recorder.select_events(self, None, done, upper):
                for into, rows in zip(found, event_rows(recorded.seq, recorded.event),
                                      strict=True):
                    into.extend(rows)
                count += 1
                if count == _ROWS_CHUNK:
                    recorder.insert_rows(dict(zip(_ROW_TABLES, found, strict=True)),
                                         recorded.seq)
                    found, count = ([], [], []), 0
            recorder.insert_rows(dict(zip(_ROW_TABLES, found, strict=True)), upper)

    def _unrecorded(self, prepared: Sequence[PreparedEvent],
                    stored: Sequence[StoredIdentity]) -> list[int]:
        """The positions in ``prepared`` of the events not yet recorded. Raises
        :class:`~taji_events.errors.IdentityConflictError` for a different event
        under a recorded identity, and :class:`IntegrityError` for a stored row
        whose identity column was edited so that it hides this very event."""
        if not stored:
            return list(range(len(prepared)))
        by_identity = {row.identity: row for row in stored}
        by_hash = {row.content_hash: row for row in stored}
        kept = []
        for number, item in enumerate(prepared):
            row = by_identity.get(item.identity)
            if row is None:
                twin = by_hash.get(item.content_hash)
                if twin is not None:
                    raise IntegrityError(
                        f"{self!r}: seq {twin.seq} holds the event {item.identity!r} but its "
                        f"identity column reads {twin.identity!r}: the row was edited outside "
                        "taji_events; nothing was written. Run verify() and restore the store "
                        "from a copy")
                kept.append(number)
                continue
            # Compare the envelope itself (its column may have been edited too); an
            # older envelope version hashes differently, so compare the upcast event.
            if hashlib.sha256(row.envelope).hexdigest() != item.content_hash and \
                    decode_stored(self, row.seq, row.envelope) != item.event:
                raise IdentityConflictError(
                    f"identity {item.identity!r} is already recorded (seq {row.seq}) with "
                    "different content; nothing was written. Recorded events are immutable: "
                    "publish the change as a new report revision (or under a new id) instead")
        return kept

    # -- reading -----------------------------------------------------------------------------
    def read(
        self,
        *,
        incident: str | None = None,
        after_seq: int = 0,
        until_seq: int | None = None,
        recorded_until: datetime | None = None,
    ) -> Iterator[RecordedEvent]:
        """Recorded events in ``seq`` order, filtered.

        ``incident``: the incident's declaration and every event of every report
        that has (in any revision) a claim about it — including that report's
        later revisions and retractions, so supersession can be computed.
        Whether a report concerns the incident is judged only from events within
        ``until_seq`` and ``recorded_until``, so a past answer never changes
        when more is appended.
        ``after_seq`` < seq <= ``until_seq``; ``recorded_at <= recorded_until``
        (an aware datetime; naive raises
        :class:`~taji_events.errors.NaiveDatetimeError`).

        The result is a snapshot taken when ``read`` is called: events appended
        while iterating are not included. Raises
        :class:`~taji_events.errors.StoreError` at once on a closed store or a
        seq that is not a whole number, and the
        :class:`~taji_events.errors.EnvelopeError` of a stored envelope that
        cannot be read (naming its ``seq``) when it is reached. Since 0.1.0.
        """
        recorder = self._recorder
        recorder.check_open()
        recorded_until = self._check_read_bounds(after_seq, until_seq, recorded_until)
        upper = recorder.upper_seq(until_seq, recorded_until)
        return recorder.select_events(self, incident, after_seq, upper)

    def records(self, *, after_seq: int = 0) -> Iterator[StoredRecord]:
        """The stored form of every event after ``after_seq``, in ``seq`` order,
        exactly as kept (not checked: :meth:`verify` checks). A snapshot taken
        when called. Raises :class:`~taji_events.errors.StoreError` on a closed
        store. Since 0.1.0."""
        self._recorder.check_open()
        self._check_read_bounds(after_seq, None, None)
        return self._recorder.select_records(after_seq)

    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0."""
        self._recorder.check_open()
        return self._recorder.last_seq()

    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0."""
        self._recorder.check_open()
        return self._recorder.incidents()

    def verify(self, *, expect_head: str | None = None,
               at_seq: int | None = None) -> IntegrityReport:
        """Recompute the hash chain over every stored event and re-derive every
        column kept beside it: an :class:`IntegrityReport` naming the first
        ``seq`` that was modified, deleted, inserted or moved, or whose stored
        identity, type, version, report id, content hash or incident index
        differs from its envelope (``report.ok`` when none;
        ``report.raise_if_bad()`` to raise :class:`IntegrityError`).

        ``expect_head`` is an anchor kept elsewhere: the full head hash an
        earlier ``verify`` reported, at ``at_seq`` (None: the store's last seq).
        A recomputed chain, or trailing batches lost, passes every check but
        this one. Raises :class:`~taji_events.errors.StoreError` on a closed
        store or a malformed anchor. Since 0.1.0 (``expect_head``, ``at_seq``
        and the columns since 0.3.0).
        """
        anchor = check_anchor(expect_head, at_seq)
        self._recorder.check_open()
        wanted = None if anchor is None else anchor[1]
        rows = self._recorder.select_for_verify()
        try:
            report, hash_at = _verify(rows, repr(self), wanted)
        finally:
            close = getattr(rows, "close", None)  # end a backend's read transaction early
            if close is not None:
                close()
        if anchor is not None:
            report = anchor_problem(report, anchor[0], anchor[1], hash_at)
        return report

    def wait_for_append(self, after_seq: int, timeout: float) -> int:
        """Wait up to ``timeout`` seconds until :meth:`last_seq` exceeds
        ``after_seq``; return the last seq (still ``after_seq`` on timeout).

        This default polls every :attr:`poll_interval` seconds; a backend that can
        be told about appends (PostgreSQL's LISTEN/NOTIFY) overrides it. Raises
        :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            last = self.last_seq()
            remaining = deadline - time.monotonic()
            if last > after_seq or remaining <= 0:
                return last
            time.sleep(min(self.poll_interval, remaining))

    def close(self) -> None:
        """Release the store's resources; closing twice is harmless. Further use
        raises :class:`~taji_events.errors.StoreError`. Since 0.1.0."""
        self._recorder.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- the checks of one batch -------------------------------------------------------------
    @staticmethod
    def _checked_batch(events: Iterable[Event]) -> list[Event]:
        """The events of a batch, in a list. Raises
        :class:`~taji_events.errors.InvalidEventError` for a single event, text,
        or (naming its index and type) the first item that is not an event.
        Since 0.3.0."""
        if isinstance(events, EVENT_TYPES):
            raise InvalidEventError(
                f"append() takes a batch of events, got a single {type(events).__name__}; "
                "wrap it in a list: store.append([event])"
            )
        if isinstance(events, str | bytes):
            raise InvalidEventError(
                f"append() takes a batch of events, got {type(events).__name__}; to import "
                "JSON read it first, e.g. serialization.read_jsonl(path)"
            )
        batch = list(events)
        for index, item in enumerate(batch):
            if not isinstance(item, EVENT_TYPES):
                raise InvalidEventError(
                    f"events[{index}] is {type(item).__name__} ({item!r:.80}), not an event; "
                    "append IncidentDeclared, ReportPublished or ReportRetracted values"
                )
        return batch

    @staticmethod
    def _prepare(batch: Sequence[Event], first: int | None = None
                 ) -> tuple[list[PreparedEvent], Rows | None]:
        """Encode the events of a checked batch; drop repeats of the same event
        within it. Returns the events prepared and, when ``first`` is given,
        their claim rows for seqs from ``first`` on.

        Raises :class:`~taji_events.errors.IdentityConflictError` when two
        different events of the batch share an identity. Since 0.1.0.
        """
        prepared: list[PreparedEvent] = []
        seen: dict[str, tuple[int, PreparedEvent]] = {}
        rows: Rows | None = None if first is None else ([], [], [])
        start = 0 if first is None else first
        for index, event in enumerate(batch):
            identity = event.identity
            earlier = seen.get(identity)
            if earlier is None:
                ready = prepare(event, start + len(prepared), rows)
                seen[identity] = (index, ready)
                prepared.append(ready)
                continue
            ready = prepare(event)  # a repeat within the batch: not written, nor its rows
            if earlier[1].content_hash != ready.content_hash:
                raise IdentityConflictError(
                    f"events[{earlier[0]}] and events[{index}] share identity "
                    f"{ready.identity!r} but differ; nothing was written. An identity names "
                    "one immutable event: give a changed report a new revision number"
                )
        return prepared, rows

    @staticmethod
    def _check_expected_seq(expected_seq: int | None, last_seq: int) -> None:
        """Raise :class:`~taji_events.errors.ConcurrencyError` unless ``expected_seq``
        is None or equals ``last_seq``. Since 0.1.0."""
        if expected_seq is None:
            return
        if isinstance(expected_seq, bool) or not isinstance(expected_seq, int):
            raise StoreError(
                f"expected_seq must be a whole number or None, got {expected_seq!r}; "
                "pass the store's last_seq() you based the batch on"
            )
        if expected_seq != last_seq:
            raise ConcurrencyError(
                f"expected_seq={expected_seq} but the store's last seq is {last_seq}: "
                "another writer appended first; nothing was written. Read the events after "
                f"seq {expected_seq}, then retry with expected_seq={last_seq}"
            )

    @staticmethod
    def _next_recorded_at(clock: Clock, previous: datetime | None) -> datetime:
        """``max(clock(), previous)`` in UTC, so ``recorded_at`` never decreases
        with ``seq`` even when the clock steps back. Raises
        :class:`~taji_events.errors.NaiveDatetimeError` for a naive clock reading.
        Since 0.1.0."""
        now = require_aware(clock(), name="the store's clock()")
        return now if previous is None or now > previous else previous

    @staticmethod
    def _check_read_bounds(
        after_seq: int, until_seq: int | None, recorded_until: datetime | None
    ) -> datetime | None:
        """Validate :meth:`read` bounds; return ``recorded_until`` in UTC.

        Raises :class:`~taji_events.errors.StoreError` for a seq that is not a
        whole number and :class:`~taji_events.errors.NaiveDatetimeError` for a
        naive ``recorded_until``. Since 0.1.0."""
        for name, value in (("after_seq", after_seq), ("until_seq", until_seq)):
            if value is None and name == "until_seq":
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise StoreError(f"read(): {name} must be a whole number, got {value!r}")
        if recorded_until is None:
            return None
        return require_aware(recorded_until, name="read(): recorded_until")


# -- checking records ------------------------------------------------------------------------

def _column_problem(columns: StoredColumns, prepared: PreparedEvent) -> str | None:
    expected = (("identity", prepared.identity), ("type", prepared.type),
                ("version", prepared.version), ("report_id", prepared.report_id),
                ("content_hash", prepared.content_hash),
                ("incident index", sorted(prepared.incidents)))
    for (name, wanted), stored in zip(expected, (
            columns.identity, columns.type, columns.version, columns.report_id,
            columns.content_hash, sorted(columns.incidents)), strict=True):
        if stored != wanted:
            return (f"the stored {name} {stored!r} does not match the envelope's {wanted!r}: "
                    "a column kept beside the event was edited outside taji_events (reads "
                    "and appends trust it)")
    return None


def checked_record(record: StoredRecord, previous: StoredRecord | None
                   ) -> tuple[str | None, PreparedEvent | None]:
    """The first problem of ``record`` as the successor of ``previous`` (None:
    the start of the log): its place in the chain
    (:func:`~taji_events.chain.chain_problem`), then whether its envelope can
    be read; else its decoded event. Since 0.3.0."""
    problem = chain_problem(record, previous)
    if problem is not None:
        return problem, None
    try:
        return None, prepare_stored(canonical_envelope(record.envelope))
    except TajiEventsError as error:
        return f"the envelope cannot be read: {error}", None


def _verify(rows: Iterable[tuple[StoredRecord, StoredColumns | None]], name: str,
            at_seq: int | None) -> tuple[IntegrityReport, str | None]:
    """The report of ``rows``, and the hash at ``at_seq`` (None: at the head of
    whole batches; None too when there is no such seq)."""
    previous: StoredRecord | None = None
    checked, whole, whole_hash = 0, 0, GENESIS_HASH  # ``whole``: events in whole batches
    hash_at = GENESIS_HASH if at_seq == 0 else None
    for record, columns in rows:
        problem, prepared = checked_record(record, previous)
        if prepared is not None and columns is not None:
            problem = _column_problem(columns, prepared)
        if problem is not None:
            head, bad = (GENESIS_HASH, 1) if previous is None else (previous.hash, previous.seq + 1)
            return IntegrityReport(name, checked, head, bad, problem), hash_at
        previous, checked = record, checked + 1
        if record.seq == at_seq:
            hash_at = record.hash
        if record.batch_end == record.seq:
            whole, whole_hash = checked, record.hash
    if previous is not None and previous.batch_end != previous.seq:
        return IntegrityReport(name, whole, whole_hash, whole + 1,
                               f"the last batch (seq {whole + 1}..{previous.batch_end}) ends "
                               f"early at seq {previous.seq}: its last events are missing"), hash_at
    return IntegrityReport(name, checked, whole_hash), (whole_hash if at_seq is None else hash_at)


def format_verified(report: IntegrityReport, *, anchored: bool = False) -> str:
    """The line ``taji-events verify`` prints for a whole chain: how many
    events, and the head hash in full, to keep as an anchor. Since 0.3.0."""
    anchor = "; matches the expected head" if anchored else ""
    return (f"ok: {report.checked} events, hash chain intact{anchor} (head {report.head_hash} "
            f"at seq {report.checked})")


def verify_records(records: Iterable[StoredRecord], *, name: str = "records") -> IntegrityReport:
    """Check that ``records`` (in the order given) form one whole hash chain from
    seq 1: gap-free ``seq``, whole batches, ``recorded_at`` never decreasing,
    every hash matching, every envelope readable. Stops at the first problem;
    ``name`` names the store in the report. Since 0.1.0.
    """
    return _verify(((record, None) for record in records), name, None)[0]


def checked_imports(store: EventStore, records: Iterable[StoredRecord],
                    last: StoredRecord | None) -> Iterator[Written]:
    """Check records to import into ``store`` against its chain ending at
    ``last`` (its last record), yielding each with its decoded event.

    Raises :class:`~taji_events.errors.IntegrityError` naming the first record that
    does not continue the chain, or a batch left open at the end. Since 0.1.0.
    """
    previous, batch_start = last, 1
    for record in records:
        if not isinstance(record, StoredRecord):
            raise StoreError(f"import_records() takes StoredRecord values, got "
                             f"{type(record).__name__}; read them with store.records()")
        problem, prepared = checked_record(record, previous)
        if prepared is None:
            held = 0 if last is None else last.seq
            hint = ("" if previous is not last or record.seq == held + 1 else
                    f" {store!r} holds {held} events: import only the records after seq "
                    f"{held} of the same log (copy_store does), or import into an empty store")
            raise IntegrityError(f"cannot import record seq {record.seq} into {store!r}: "
                                 f"{problem}; nothing was written.{hint}")
        yield record, prepared
        if previous is None or previous.batch_end == previous.seq:
            batch_start = record.seq
        previous = record
    if previous is not None and previous.batch_end != previous.seq:
        raise IntegrityError(
            f"cannot import into {store!r}: the records stop at seq {previous.seq}, inside the "
            f"batch of seq {batch_start}..{previous.batch_end}; nothing was written. Import "
            "whole batches (was the source cut short?)"
        )


# -- for recorders ---------------------------------------------------------------------------
