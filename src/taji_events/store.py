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
  else :class:`~taji_events.errors.ConcurrencyError` and nothing is written.

Backends share the checks below (:meth:`EventStore._prepare`,
:meth:`EventStore._check_expected_seq`, :meth:`EventStore._identity_conflict`,
:meth:`EventStore._next_recorded_at`, :meth:`EventStore._check_read_bounds`) so
every backend accepts, refuses and words its errors the same way.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import attrs

from taji_events.errors import (
    ConcurrencyError,
    IdentityConflictError,
    InvalidEventError,
    StoreError,
)
from taji_events.events import (
    EVENT_TYPES,
    Event,
    RecordedEvent,
    event_incidents,
    event_report_id,
)
from taji_events.serialization import CURRENT_VERSIONS, dumps_event, event_hash
from taji_events.timepoint import require_aware

__all__ = ["AppendResult", "Clock", "EventStore", "PreparedEvent", "system_clock"]

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current time in UTC: the default clock of every store."""
    return datetime.now(UTC)


@attrs.frozen
class AppendResult:
    """What one append did: the events it recorded (skipping duplicates), and the
    store's last ``seq`` afterwards."""

    recorded: tuple[RecordedEvent, ...]
    last_seq: int


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


class EventStore(abc.ABC):
    """Append-only event log. Use as a context manager to close it. Since 0.1.0."""

    @abc.abstractmethod
    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        """Record ``events`` as one atomic batch, in the order given.

        Raises :class:`~taji_events.errors.IdentityConflictError`,
        :class:`~taji_events.errors.ConcurrencyError`, or
        :class:`~taji_events.errors.InvalidEventError` for a non-event; in each
        case nothing is written.
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
        """

    @abc.abstractmethod
    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store."""

    @abc.abstractmethod
    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted."""

    def close(self) -> None:  # noqa: B027 - stores without resources need not override
        """Release the store's resources. Further use is an error."""

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
            kind = type(event).__name__
            ready = PreparedEvent(
                event=event, identity=event.identity, content_hash=event_hash(event),
                envelope=dumps_event(event), type=kind, version=CURRENT_VERSIONS[kind],
                incidents=event_incidents(event), report_id=event_report_id(event),
            )
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
