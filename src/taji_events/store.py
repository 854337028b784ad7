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
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import attrs

from taji_events.events import Event, RecordedEvent

__all__ = ["AppendResult", "Clock", "EventStore", "system_clock"]

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
        ``after_seq`` < seq <= ``until_seq``; ``recorded_at <= recorded_until``
        (an aware datetime; naive raises
        :class:`~taji_events.errors.NaiveDatetimeError`).
        """

    @abc.abstractmethod
    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store."""

    @abc.abstractmethod
    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted."""

    def close(self) -> None:  # noqa: B027 - stores without resources need not override
        """Release the store's resources. Further use is an error."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
