"""Following a store from another process: catch up, then stay live.

* :func:`subscribe` yields every event after a ``seq``, then each new one as it
  is appended — woken by PostgreSQL's LISTEN/NOTIFY, or by polling
  ``last_seq()`` on the embedded stores (:meth:`~taji_events.store.EventStore.wait_for_append`).
* :class:`Follower` keeps a :class:`~taji_events.ledger.Ledger` in step with a
  store and saves it as a :class:`~taji_events.snapshots.Snapshot` checkpoint, so a
  restarted follower resumes from the saved ``seq``; it ends equal to a batch
  rebuild (law 6 of docs/laws.md: incremental with restarts == batch rebuild).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from taji_events.atomic_files import write_bytes_atomically
from taji_events.errors import SnapshotError
from taji_events.events import RecordedEvent
from taji_events.ledger import Ledger
from taji_events.snapshots import Snapshot
from taji_events.store import EventStore

__all__ = ["Follower", "subscribe"]


def _should_stop(stop: threading.Event | None, idle_since: float,
                 idle_timeout: float | None) -> bool:
    if stop is not None and stop.is_set():
        return True
    return idle_timeout is not None and time.monotonic() - idle_since >= idle_timeout


def subscribe(
    store: EventStore,
    *,
    after_seq: int = 0,
    stop: threading.Event | None = None,
    idle_timeout: float | None = None,
) -> Iterator[RecordedEvent]:
    """Every event after ``after_seq`` in ``seq`` order, then each new one as it
    is appended, until ``stop`` is set or no event came for ``idle_timeout``
    seconds (None: forever).

    Raises what the store's ``read`` raises (e.g.
    :class:`~taji_events.errors.StoreError` when it is closed). Since 0.1.0.
    """
    last, idle_since = after_seq, time.monotonic()
    while True:
        for recorded in store.read(after_seq=last):
            yield recorded
            last, idle_since = recorded.seq, time.monotonic()
        if _should_stop(stop, idle_since, idle_timeout):
            return
        store.wait_for_append(last, timeout=_slice(idle_since, idle_timeout))


def _slice(idle_since: float, idle_timeout: float | None) -> float:
    """How long to wait for an append before looking at ``stop`` again."""
    if idle_timeout is None:
        return 0.5
    return max(0.0, min(0.5, idle_since + idle_timeout - time.monotonic()))


class Follower:
    """Keeps :attr:`ledger` in step with ``store``: :meth:`catch_up` folds what
    is new, :meth:`run` catches up and then follows live appends.

    With ``checkpoint`` (a file path) the ledger is saved there as a
    :class:`~taji_events.snapshots.Snapshot` at least every ``checkpoint_every``
    events and when :meth:`run` returns (written to a temporary file, fsynced,
    then renamed: a crash leaves the old or the new checkpoint, never half of
    one), and a new follower resumes from it. Raises
    :class:`~taji_events.errors.SnapshotError` when the checkpoint cannot be
    read, or is ahead of the store (it belongs to another store: delete it to
    rebuild). Since 0.1.0.
    """

    def __init__(self, store: EventStore, *, checkpoint: str | os.PathLike[str] | None = None,
                 checkpoint_every: int = 1000) -> None:
        self.store = store
        self.checkpoint = None if checkpoint is None else Path(checkpoint)
        self.checkpoint_every = checkpoint_every
        self.ledger = Ledger()
        if self.checkpoint is not None and self.checkpoint.exists():
            try:
                snapshot = Snapshot.loads(self.checkpoint.read_bytes())
            except SnapshotError as error:
                raise SnapshotError(f"checkpoint {self.checkpoint}: {error}; delete it to "
                                    "rebuild from the store") from None
            last = store.last_seq()
            if snapshot.seq > last:
                raise SnapshotError(
                    f"checkpoint {self.checkpoint} is at seq {snapshot.seq} but {store!r} ends "
                    f"at seq {last}: it belongs to another store; delete it to rebuild")
            self.ledger = snapshot.resume()
        #: The seq the follower started from: the checkpoint's, or 0.
        self.resumed_from = self.ledger.last_seq
        self._saved_seq = self.ledger.last_seq

    def catch_up(self, *, until_seq: int | None = None) -> int:
        """Fold every event after the ledger's ``last_seq`` (up to ``until_seq``);
        return how many. Raises what the store's ``read`` raises. Since 0.1.0."""
        count = 0
        for recorded in self.store.read(after_seq=self.ledger.last_seq, until_seq=until_seq):
            self.ledger.apply(recorded)
            count += 1
            if self.ledger.last_seq - self._saved_seq >= self.checkpoint_every:
                self.save()
        return count

    def run(
        self,
        *,
        until_seq: int | None = None,
        stop: threading.Event | None = None,
        idle_timeout: float | None = None,
    ) -> Ledger:
        """Catch up, then follow new appends until the ledger reaches
        ``until_seq``, ``stop`` is set, or nothing new came for ``idle_timeout``
        seconds; save the checkpoint and return the ledger. Since 0.1.0."""
        idle_since = time.monotonic()
        try:
            while True:
                if self.catch_up(until_seq=until_seq):
                    idle_since = time.monotonic()
                if until_seq is not None and self.ledger.last_seq >= until_seq:
                    return self.ledger
                if _should_stop(stop, idle_since, idle_timeout):
                    return self.ledger
                self.store.wait_for_append(self.ledger.last_seq,
                                           timeout=_slice(idle_since, idle_timeout))
        finally:
            self.save()

    def save(self) -> None:
        """Write the checkpoint now (no-op without one). Raises
        :class:`OSError` when it cannot be written; the old one then stays.
        Since 0.1.0."""
        if self.checkpoint is None:
            return
        data = Snapshot.of(self.ledger).dumps()
        write_bytes_atomically(self.checkpoint, data)
        self._saved_seq = self.ledger.last_seq
