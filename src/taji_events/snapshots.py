"""Snapshots: a :class:`~taji_events.ledger.Ledger` saved at a ``seq`` as JSON, and resumed.

A snapshot holds the events the ledger keeps (report texts left out) and the
``seq`` of the last event folded. Resuming it and applying the events after
that ``seq`` gives the same ledger as a full replay (law 5 of docs/laws.md).

>>> from taji_events.ledger import Ledger
>>> saved = Snapshot.of(Ledger())
>>> Snapshot.loads(saved.dumps()).resume() == Ledger()
True

This module is where the ledger meets bytes: the ledger itself stays a pure
fold and knows nothing of JSON.
"""

from __future__ import annotations

from typing import Final

import attrs
import orjson

from taji_events.errors import SnapshotError, TajiEventsError
from taji_events.events import Event
from taji_events.ledger import Ledger
from taji_events.serialization import from_envelope, to_envelope

__all__ = ["SNAPSHOT_FORMAT", "SNAPSHOT_VERSION", "Snapshot"]

#: The ``format`` every snapshot file names.
SNAPSHOT_FORMAT: Final = "taji_events.snapshot"
#: The layout version; a snapshot of another version is refused (rebuild it from the store).
SNAPSHOT_VERSION: Final = 1


@attrs.frozen
class Snapshot:
    """A ledger saved at ``seq``: the events it holds, without report texts.

    Since 0.1.0 (in :mod:`taji_events.ledger` before 0.3.0).
    """

    seq: int
    events: tuple[Event, ...]

    @classmethod
    def of(cls, ledger: Ledger) -> Snapshot:
        """The ledger's events at its ``last_seq``. Since 0.3.0 (before it,
        ``Ledger.snapshot()``)."""
        return cls(seq=ledger.last_seq, events=ledger.held_events())

    def resume(self) -> Ledger:
        """A ledger equal to the one saved; :meth:`~taji_events.ledger.Ledger.extend`
        it with the events after :attr:`seq`. Since 0.3.0 (before it,
        ``Ledger.from_snapshot(snapshot)``)."""
        return Ledger.from_events(self.events, last_seq=self.seq)

    def dumps(self) -> bytes:
        """Serialise as JSON (``{"format", "version", "seq", "events": [envelopes]}``)."""
        return orjson.dumps(
            {"format": SNAPSHOT_FORMAT, "version": SNAPSHOT_VERSION, "seq": self.seq,
             "events": [to_envelope(event) for event in self.events]},
            option=orjson.OPT_SORT_KEYS,
        )

    @classmethod
    def loads(cls, raw: bytes | str) -> Snapshot:
        """Read a snapshot; raises :class:`~taji_events.errors.SnapshotError` naming
        what is wrong."""
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise SnapshotError(f"snapshot is not valid JSON: {error}") from None
        if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotError(f"not a taji_events snapshot (format must be {SNAPSHOT_FORMAT!r})")
        if data.get("version") != SNAPSHOT_VERSION:
            raise SnapshotError(f"snapshot version {data.get('version')!r} is not "
                                f"{SNAPSHOT_VERSION}; rebuild it from the store")
        seq = data.get("seq")
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
            raise SnapshotError(f"snapshot seq must be a whole number >= 0, got {seq!r}")
        if not isinstance(data.get("events"), list):
            raise SnapshotError("snapshot 'events' must be a list of event envelopes")
        try:
            events = tuple(from_envelope(item) for item in data["events"])
        except TajiEventsError as error:
            raise SnapshotError(f"snapshot event is invalid: {error}") from None
        return cls(seq=seq, events=events)
