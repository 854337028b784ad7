"""The :class:`EventStore` interface every backend implements.

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
  (:func:`chain_hash`); :meth:`EventStore.verify` recomputes the chain and names
  the first ``seq`` that was modified, deleted, inserted or moved;
* **lossless transfer** — :meth:`EventStore.records` and
  :meth:`EventStore.import_records` move the stored form (``seq``,
  ``recorded_at``, batch, hash, envelope) between any two backends unchanged.

Backends share the checks below (:meth:`EventStore._prepare`,
:meth:`EventStore._check_expected_seq`, :meth:`EventStore._identity_conflict`,
:meth:`EventStore._next_recorded_at`, :meth:`EventStore._check_read_bounds`,
and :func:`taji_events.transfer.checked_imports` for imports) so every backend
accepts, refuses and words its errors the same way.
"""

from __future__ import annotations

import abc
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Self

import attrs

from taji_events._codec import builder, trusted_recorded
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
    event_incidents,
    event_report_id,
)
from taji_events.serialization import CURRENT_VERSIONS, dumps_event, loads_stored
from taji_events.timepoint import require_aware

if TYPE_CHECKING:
    from taji_events.transfer import IntegrityReport

__all__ = [
    "GENESIS_HASH",
    "AppendResult",
    "Clock",
    "EventStore",
    "IntegrityError",
    "PreparedEvent",
    "StoredRecord",
    "chain_hash",
    "decode_stored",
    "format_recorded_at",
    "paged",
    "recorded_events",
    "system_clock",
]

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current time in UTC: the default clock of every store. Since 0.1.0."""
    return datetime.now(UTC)


@attrs.frozen
class AppendResult:
    """What one append did: the events it recorded (skipping duplicates), and the
    store's last ``seq`` afterwards. Since 0.1.0."""

    recorded: tuple[RecordedEvent, ...]
    last_seq: int

    @classmethod
    def of_batch(cls, records: Sequence[StoredRecord], items: Sequence[PreparedEvent],
                 last_seq: int) -> AppendResult:
        """For backend authors: the result of writing ``items`` as ``records``
        (whose ``recorded_at`` came from :meth:`EventStore._next_recorded_at`,
        so it is already aware UTC). Since 0.2.0."""
        return cls(recorded=tuple(trusted_recorded(record.seq, record.recorded_at, item.event)
                                  for record, item in zip(records, items, strict=True)),
                   last_seq=last_seq)


@attrs.frozen
class PreparedEvent:
    """An event checked and encoded once, ready for a backend to write.

    ``envelope`` is the canonical envelope bytes (:func:`~taji_events.serialization.dumps_event`),
    ``content_hash`` its :func:`~taji_events.serialization.event_hash`; ``incidents``
    and ``report_id`` are what :meth:`EventStore.read` filters on. For backend
    authors. Since 0.1.0.
    """

    event: Event
    identity: str
    content_hash: str
    envelope: bytes
    type: str
    version: int
    incidents: frozenset[str]
    report_id: str | None

    @classmethod
    def of(cls, event: Event) -> PreparedEvent:
        """Check nothing, encode ``event`` in its current version. Since 0.1.0."""
        kind = type(event).__name__
        envelope = dumps_event(event)  # encoded once: event_hash is the SHA-256 of these bytes
        return cls(event=event, identity=event.identity,
                   content_hash=hashlib.sha256(envelope).hexdigest(),
                   envelope=envelope, type=kind, version=CURRENT_VERSIONS[kind],
                   incidents=event_incidents(event), report_id=event_report_id(event))



#: The ``previous`` hash of ``seq`` 1: every chain starts from it.
GENESIS_HASH: Final = "0" * 64


def format_recorded_at(moment: datetime) -> str:
    """``recorded_at`` as stored and hashed: UTC text of fixed width,
    ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, so that text order is time order.

    Raises :class:`~taji_events.errors.NaiveDatetimeError` for a naive value.
    Since 0.1.0.
    """
    utc = require_aware(moment, name="recorded_at")
    return utc.isoformat(timespec="microseconds").replace("+00:00", "Z")


def chain_hash(previous: str, seq: int, recorded_at: datetime, envelope: bytes) -> str:
    """The hash a store keeps with event ``seq``: SHA-256, as hex, of ``previous``
    (the hash of ``seq - 1``, :data:`GENESIS_HASH` for seq 1), the canonical
    ``envelope`` bytes, ``seq`` in decimal and :func:`format_recorded_at`,
    separated by newlines (``\\n``, which canonical JSON never contains).

    Changing, removing, adding or moving any event changes the hash of every
    event from it on. Since 0.1.0.
    """
    digest = hashlib.sha256(previous.encode("ascii"))
    for part in (envelope, str(seq).encode("ascii"), format_recorded_at(recorded_at).encode()):
        digest.update(b"\n")
        digest.update(part)
    return digest.hexdigest()


def _aware_recorded_at(value: datetime) -> datetime:
    return require_aware(value, name="StoredRecord.recorded_at")


@attrs.frozen
class StoredRecord:
    """One event as a store keeps it: ``seq``; ``batch_end``, the ``seq`` of the
    last event of the batch it was appended in; ``recorded_at``; the chained
    ``hash``; and the canonical ``envelope`` bytes (in its stored version).

    What :meth:`EventStore.records` yields and :meth:`EventStore.import_records`
    takes, so moving records between backends loses nothing. Since 0.1.0.
    """

    seq: int
    batch_end: int
    recorded_at: datetime = attrs.field(converter=_aware_recorded_at)
    hash: str
    envelope: bytes



#: ``StoredRecord(seq, batch_end, recorded_at, hash, envelope)`` for a store's own
#: records, whose ``recorded_at`` is already aware UTC.
trusted_stored: Final = builder(StoredRecord, ("seq", "batch_end", "recorded_at", "hash", "envelope"))


class EventStore(abc.ABC):
    """Append-only event log. Use as a context manager to close it. Since 0.1.0."""

    @abc.abstractmethod
    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        """Record ``events`` as one atomic batch, in the order given.

        Raises :class:`~taji_events.errors.IdentityConflictError`,
        :class:`~taji_events.errors.ConcurrencyError`, or
        :class:`~taji_events.errors.InvalidEventError` for a non-event; in each
        case nothing is written.
        Since 0.1.0.
        """

    @abc.abstractmethod
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
        :class:`~taji_events.errors.StoreError` at once on a closed store.
        Since 0.1.0.
        """

    @abc.abstractmethod
    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store. Since 0.1.0."""

    @abc.abstractmethod
    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted. Since 0.1.0."""

    @abc.abstractmethod
    def records(self, *, after_seq: int = 0) -> Iterator[StoredRecord]:
        """The stored form of every event after ``after_seq``, in ``seq`` order,
        exactly as kept (not checked: :meth:`verify` checks). A snapshot taken
        when called. Raises :class:`~taji_events.errors.StoreError` on a closed
        store. Since 0.1.0."""

    @abc.abstractmethod
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

    def verify(self) -> IntegrityReport:
        """Recompute the hash chain over every stored event: an
        :class:`IntegrityReport` naming the first ``seq`` that was modified,
        deleted, inserted or moved (``report.ok`` when none;
        ``report.raise_if_bad()`` to raise :class:`IntegrityError`).

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        from taji_events.transfer import verify_records  # transfer builds on this module

        return verify_records(self.records(), name=repr(self))

    #: Seconds between two looks at :meth:`last_seq` in :meth:`wait_for_append`.
    poll_interval: float = 0.05

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

    def close(self) -> None:  # noqa: B027 - stores without resources need not override
        """Release the store's resources. Further use is an error. Since 0.1.0."""

    # Shared checks for backends. They raise before anything is written, so a
    # backend that calls them first keeps "nothing is written" for free.

    @staticmethod
    def _prepare(events: Iterable[Event]) -> list[PreparedEvent]:
        """Check and encode a batch; drop repeats of the same event within it.

        Raises :class:`~taji_events.errors.InvalidEventError` naming the index and
        type of the first non-event, and
        :class:`~taji_events.errors.IdentityConflictError` when two different
        events of the batch share an identity. Since 0.1.0.
        """
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
        prepared: list[PreparedEvent] = []
        seen: dict[str, tuple[int, PreparedEvent]] = {}
        for index, event in enumerate(batch):
            ready = PreparedEvent.of(event)
            earlier = seen.get(ready.identity)
            if earlier is None:
                seen[ready.identity] = (index, ready)
                prepared.append(ready)
            elif earlier[1].content_hash != ready.content_hash:
                raise IdentityConflictError(
                    f"events[{earlier[0]}] and events[{index}] share identity "
                    f"{ready.identity!r} but differ; nothing was written. An identity names "
                    "one immutable event: give a changed report a new revision number"
                )
        return prepared

    @staticmethod
    def _identity_conflict(identity: str, stored_seq: int) -> IdentityConflictError:
        """The error for an event that differs from the one stored under its
        identity at ``stored_seq``; backends raise it before writing. Since 0.1.0."""
        return IdentityConflictError(
            f"identity {identity!r} is already recorded (seq {stored_seq}) with different "
            "content; nothing was written. Recorded events are immutable: publish the "
            "change as a new report revision (or under a new id) instead"
        )

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

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def paged(fetch: Callable[[int], Sequence[Sequence[Any]]], after: int, upper: int,
          page_size: int) -> Iterator[Sequence[Any]]:
    """For backend authors: rows whose first column is ``seq``, in (after, upper],
    fetched ``page_size`` at a time by ``fetch(after)``. Since 0.1.0."""
    while after < upper:
        rows = fetch(after)
        yield from rows
        if len(rows) < page_size:
            return
        after = rows[-1][0]


def decode_stored(store: EventStore, seq: int, envelope: bytes) -> Event:
    """For backend authors: the event of a stored envelope; an error names the
    store and the ``seq``. Since 0.1.0."""
    try:
        return loads_stored(bytes(envelope))
    except TajiEventsError as error:
        raise type(error)(f"{store!r}, seq {seq}: {error}") from None


def recorded_events(store: EventStore, rows: Iterable[Sequence[Any]]) -> Iterator[RecordedEvent]:
    """For backend authors: :class:`RecordedEvent` values of ``(seq, recorded_at,
    envelope)`` rows, ``recorded_at`` as :func:`format_recorded_at` text or an aware
    datetime. Rows of one batch share their time, which is parsed once. Since 0.2.0."""
    from taji_events.transfer import parse_recorded_at  # transfer builds on this module

    last_text: Any = None
    moment = datetime.now(UTC)
    for seq, recorded_at, envelope in rows:
        if recorded_at != last_text:
            last_text = recorded_at
            moment = (parse_recorded_at(recorded_at) if isinstance(recorded_at, str)
                      else require_aware(recorded_at, name="recorded_at"))
        yield trusted_recorded(seq, moment, decode_stored(store, seq, envelope))
