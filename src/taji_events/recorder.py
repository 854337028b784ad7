"""The recorder interface: what a backend of :class:`~taji_events.store.EventStore`
implements, and the plain values it reads and writes.

A :class:`Recorder` knows rows, not events: its write lock (which is its
transaction), its head record, the stored rows under some identities,
inserting stamped rows (with rows of derived tables), and selecting rows.
Everything about events — checking and encoding them, deduplicating,
stamping, verifying, decoding reads — is :class:`~taji_events.store.EventStore`'s,
written once. The helpers at the end are shared by the SQL recorders.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final, Protocol

import attrs
import orjson

from taji_events._codec import trusted_recorded
from taji_events.chain import StoredRecord, parse_recorded_at
from taji_events.claim_rows import IncidentRows
from taji_events.errors import StoreError, TajiEventsError
from taji_events.events import Event, RecordedEvent, event_incidents, event_report_id
from taji_events.serialization import CURRENT_VERSIONS, dumps_event, from_envelope, loads_stored
from taji_events.timepoint import require_aware

__all__ = [
    "Clock",
    "DerivedRows",
    "PreparedEvent",
    "Recorder",
    "Row",
    "StoredColumns",
    "StoredIdentity",
    "Written",
    "declaration_rows",
    "decode_stored",
    "merged_rows",
    "one_incident_rows",
    "paged",
    "prepare_stored",
    "recorded_events",
    "system_clock",
    "with_columns",
]


Clock = Callable[[], datetime]
#: ``(seq, recorded_at, envelope)`` as a recorder selects it; ``recorded_at`` is
#: :func:`~taji_events.chain.format_recorded_at` text or an aware datetime.
Row = tuple[int, Any, bytes]


def system_clock() -> datetime:
    """The current time in UTC: the default clock of every store. Since 0.1.0."""
    return datetime.now(UTC)


@attrs.frozen
class PreparedEvent:
    """An event checked and encoded once, ready for a recorder to write.

    ``envelope`` is the canonical envelope bytes (:func:`~taji_events.serialization.dumps_event`),
    ``content_hash`` their SHA-256; ``type``, ``version``, ``incidents`` and
    ``report_id`` are what a recorder indexes and :meth:`~taji_events.store.EventStore.read`
    filters on. For backend authors. Since 0.1.0.
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
        envelope = dumps_event(event)  # encoded once: the content hash is of these bytes
        return cls(event=event, identity=event.identity,
                   content_hash=hashlib.sha256(envelope).hexdigest(),
                   envelope=envelope, type=kind, version=CURRENT_VERSIONS[kind],
                   incidents=event_incidents(event), report_id=event_report_id(event))


def prepare_stored(envelope: bytes) -> PreparedEvent:
    """Decode stored canonical envelope bytes into a :class:`PreparedEvent` that
    keeps them (and their version) as they are. Raises what
    :func:`~taji_events.serialization.from_envelope` raises. For backend
    authors. Since 0.1.0."""
    raw: dict[str, Any] = orjson.loads(envelope)
    event = from_envelope(raw)
    return PreparedEvent(event=event, identity=event.identity,
                         content_hash=hashlib.sha256(envelope).hexdigest(), envelope=envelope,
                         type=str(raw["type"]), version=int(raw["version"]),
                         incidents=event_incidents(event), report_id=event_report_id(event))


@attrs.frozen
class StoredIdentity:
    """A stored row found by :meth:`Recorder.stored_identities`: its ``seq``, the
    ``identity`` and ``content_hash`` columns as stored, and its envelope.
    For backend authors. Since 0.3.0."""

    seq: int
    identity: str
    content_hash: str
    envelope: bytes


@attrs.frozen
class StoredColumns:
    """The columns a backend keeps beside a chained record, as stored — outside
    the hash chain, so :meth:`~taji_events.store.EventStore.verify` re-derives each from the
    envelope and reports a mismatch. For backend authors. Since 0.3.0."""

    identity: str
    type: str
    version: int
    report_id: str | None
    content_hash: str
    incidents: frozenset[str]


#: One written event: its stamped record and what it was prepared from.
Written = tuple[StoredRecord, PreparedEvent]


class DerivedRows(Protocol):
    """Rows derived from written events, kept in ``table`` and written in the
    same transaction as the events (see :mod:`taji_events.store`). Since 0.3.0."""

    table: str

    def rows(self, written: Sequence[Written]) -> list[tuple[Any, ...]]:
        """The rows of ``table`` for ``written``, the events of one write."""


class Recorder(abc.ABC):
    """What a backend implements: plain stored rows, no event logic.

    Every method may raise :class:`~taji_events.errors.StoreError` naming the
    backend and the fix; :meth:`check_open` raises it once closed. Methods
    marked *locked* are called only inside :meth:`write_lock`. For backend
    authors. Since 0.3.0.
    """

    @abc.abstractmethod
    def check_open(self) -> None:
        """Raise :class:`~taji_events.errors.StoreError` once :meth:`close` ran."""

    @abc.abstractmethod
    def write_lock(self, action: str) -> contextlib.AbstractContextManager[None]:
        """Hold the backend's write lock as one transaction: committed when the
        block ends, rolled back (nothing written) on any exception. ``action``
        names it in errors ("append", "import")."""

    @abc.abstractmethod
    def head(self) -> StoredRecord | None:
        """The newest record, None when empty (*locked*: it cannot change
        before the block ends)."""

    @abc.abstractmethod
    def stored_identities(self, items: Sequence[PreparedEvent]) -> list[StoredIdentity]:
        """The stored rows whose identity *or content hash* is that of one of
        ``items`` (*locked*). A backend whose identities are derived from the
        envelopes as it reads them may look them up by identity alone."""

    @abc.abstractmethod
    def insert(self, written: Sequence[Written],
               derived: Mapping[str, Sequence[tuple[Any, ...]]]) -> None:
        """Write stamped records with their columns, and ``derived`` rows by
        table (*locked*; seen by readers only after the block ends)."""

    @abc.abstractmethod
    def upper_seq(self, until_seq: int | None, recorded_until: datetime | None) -> int:
        """The last seq at or below ``until_seq`` recorded at or before
        ``recorded_until`` (``recorded_at`` never decreases, so it is a seq
        prefix); 0 when none."""

    @abc.abstractmethod
    def select(self, incident: str | None, after_seq: int, upper: int) -> Iterator[Row]:
        """``(seq, recorded_at, envelope)`` rows in seq order with seq in
        (``after_seq``, ``upper``]: all, or the events of ``incident`` as
        :meth:`~taji_events.store.EventStore.read` defines them."""

    def select_events(self, store: object, incident: str | None, after_seq: int,
                      upper: int) -> Iterator[RecordedEvent]:
        """The decoded events of :meth:`select`; a backend that keeps decoded
        events overrides it."""
        return recorded_events(store, self.select(incident, after_seq, upper))

    @abc.abstractmethod
    def select_records(self, after_seq: int) -> Iterator[StoredRecord]:
        """The records after ``after_seq`` in seq order, a snapshot of the seqs
        stored when called."""

    @abc.abstractmethod
    def select_for_verify(self) -> Iterator[tuple[StoredRecord, StoredColumns | None]]:
        """Every record from seq 1 as stored now, each with its
        :class:`StoredColumns` (None for a backend that keeps no columns beside
        the envelope)."""

    @abc.abstractmethod
    def last_seq(self) -> int:
        """The newest seq, 0 when empty."""

    @abc.abstractmethod
    def incidents(self) -> list[str]:
        """Every incident id in the incident index, sorted."""

    def clock(self) -> datetime:
        """The clock used when the store was given none (PostgreSQL: the server's)."""
        return system_clock()

    # -- claim rows (optional: a recorder that keeps none leaves these alone) ---------------
    def rows_state(self) -> tuple[int, int] | None:
        """``(version, seq)`` of the claim rows kept (:mod:`taji_events.claim_rows`):
        rows of that layout for every event up to ``seq`` are stored. None: this
        recorder keeps no claim rows, and the views decode the log."""
        return None

    def reset_rows(self, version: int) -> None:
        """Drop every claim row and start again, empty, in layout ``version`` (*locked*)."""
        raise StoreError(f"{self!r} keeps no claim rows")

    def insert_rows(self, derived: Mapping[str, Sequence[tuple[Any, ...]]], seq: int) -> None:
        """Add claim rows by table, now complete up to ``seq`` (*locked*; seen by
        readers only after the block ends)."""
        raise StoreError(f"{self!r} keeps no claim rows")

    def select_rows(self, incident: str | None, upper: int) -> Iterator[IncidentRows]:
        """The claim rows of ``incident`` (None: of every incident, in incident
        order) at or below seq ``upper``: one :class:`IncidentRows` per incident
        with any row."""
        raise StoreError(f"{self!r} keeps no claim rows")

    @abc.abstractmethod
    def close(self) -> None:
        """Release the backend's resources; closing twice is harmless."""


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


def with_columns(pages: Iterable[Sequence[Any]], indexed: Iterable[Sequence[Any]],
                 record: Callable[[Sequence[Any]], StoredRecord]
                 ) -> Iterator[tuple[StoredRecord, StoredColumns | None]]:
    """For backend authors: what :meth:`Recorder.select_for_verify` yields, from
    ``pages`` of rows ``(seq, batch_end, recorded_at, hash, envelope, identity,
    type, version, report_id, content_hash)`` (``record`` builds the record of
    the first five) and ``indexed``, the ``(seq, incident)`` rows of the
    incident index, both in seq order. Since 0.3.0."""
    incidents_of = iter(indexed)
    pending = next(incidents_of, None)
    for row in pages:
        seq = row[0]
        incidents = set()
        while pending is not None and pending[0] <= seq:
            if pending[0] == seq:
                incidents.add(pending[1])
            pending = next(incidents_of, None)
        identity, kind, version, report_id, content_hash = row[5:]
        yield record(row[:5]), StoredColumns(
            identity=identity, type=kind, version=version, report_id=report_id,
            content_hash=content_hash, incidents=frozenset(incidents))


def decode_stored(store: object, seq: int, envelope: bytes) -> Event:
    """For backend authors: the event of a stored envelope; an error names the
    store and the ``seq``. Since 0.1.0."""
    try:
        return loads_stored(bytes(envelope))
    except TajiEventsError as error:
        raise type(error)(f"{store!r}, seq {seq}: {error}") from None


def recorded_events(store: object, rows: Iterable[Row]) -> Iterator[RecordedEvent]:
    """For backend authors: :class:`RecordedEvent` values of ``(seq, recorded_at,
    envelope)`` rows, ``recorded_at`` as :func:`format_recorded_at` text or an aware
    datetime. Rows of one batch share their time, which is parsed once. Since 0.2.0."""
    last_text: Any = None
    moment = datetime.now(UTC)
    for seq, recorded_at, envelope in rows:
        if recorded_at != last_text:
            last_text = recorded_at
            moment = (parse_recorded_at(recorded_at) if isinstance(recorded_at, str)
                      else require_aware(recorded_at, name="recorded_at"))
        yield trusted_recorded(seq, moment, decode_stored(store, seq, envelope))


def merged_rows(claims: Iterable[Sequence[Any]],
                edges: Iterable[Sequence[Any]] | Callable[[str], Iterable[Sequence[Any]]],
                declarations: Iterable[Sequence[Any]], *,
                groups: Callable[[list[Sequence[Any]]], list[Sequence[Any]]] | None = None,
                views: Callable[[list[Sequence[Any]]],
                                tuple[list[Sequence[Any]], list[Sequence[Any]]]] | None = None
                ) -> Iterator[IncidentRows]:
    """For backend authors: :meth:`Recorder.select_rows` of every incident from
    three streams sorted by incident (by code point, as ``sorted`` orders
    strings): claim rows ``(incident, report_id, revision, seq, parts)`` (see
    :class:`~taji_events.claim_rows.IncidentRows`; in seq order within an
    incident), ``(incident, *edge row)`` rows (an edge row once per incident its
    report has a claim about) — or a function giving one incident's edge rows,
    asked once per incident with claim rows — and ``(incident, seq, event)``
    declaration rows in seq order, ``event`` the decoded declaration or
    amendment (see :func:`declaration_rows`). ``groups`` turns one incident's claim rows into
    its groups (default: each without its incident).
    ``views``, when given, turns one incident's claim rows into its groups and
    edge rows at once (``edges`` is then not read), e.g.
    :func:`~taji_events.claim_row_tables.incident_view` for rows that carry their
    edges. An incident left with no rows (no claim, edge or declaration in the
    view) is skipped.
    Holds one incident's rows at a time. Since 0.3.0."""
    make_groups = groups or _tails
    edges_of = edges if callable(edges) else None
    streams = [itertools.groupby(claims, _HEAD),
               itertools.groupby(() if callable(edges) else edges, _HEAD),
               itertools.groupby(declarations, _HEAD)]
    pending: list[tuple[Any, Iterator[Sequence[Any]]] | None] = [
        next(stream, None) for stream in streams]
    while True:
        heads = [head[0] for head in pending if head is not None]
        if not heads:
            return
        incident = min(heads)
        taken: list[list[Sequence[Any]]] = [[], [], []]
        for number, stream in enumerate(streams):
            head = pending[number]
            if head is not None and head[0] == incident:
                taken[number] = list(head[1])
                pending[number] = next(stream, None)
        held = [rows for rows in (_incident_rows(incident, taken, make_groups, edges_of, views),)
                if rows is not None]
        del taken
        if held:
            # Handed over, not kept: while the caller folds these rows this frame
            # holds none of them, so they are freed as soon as the caller drops them.
            yield held.pop()


def _incident_rows(incident: str, taken: list[list[Sequence[Any]]],
                   make_groups: Callable[[list[Sequence[Any]]], list[Sequence[Any]]],
                   edges_of: Callable[[str], Iterable[Sequence[Any]]] | None,
                   views: Callable[[list[Sequence[Any]]],
                                   tuple[list[Sequence[Any]], list[Sequence[Any]]]] | None
                   ) -> IncidentRows | None:
    """One incident's rows for :func:`merged_rows` from its claim, edge and
    declaration rows; None when the view holds none of them."""
    found = taken[2]
    if views is not None:
        claim_groups, edge_rows = views(taken[0])
    else:
        claim_groups = make_groups(taken[0])
        edge_rows = _tails(taken[1]) if edges_of is None else \
            list(edges_of(incident)) if taken[0] else []
    rows = IncidentRows(incident, claim_groups, edge_rows,
                        [row[1] for row in found], [row[2] for row in found])
    return None if rows.empty else rows


_HEAD: Final = operator.itemgetter(0)
_TAIL: Final = operator.itemgetter(slice(1, None))


def _tails(rows: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """``rows`` without their first column."""
    return list(map(_TAIL, rows))


def one_incident_rows(store: object, incident: str, claims: Iterable[Sequence[Any]],
                      edges: Iterable[Sequence[Any]],
                      declarations: Iterable[Sequence[Any]]) -> IncidentRows:
    """For backend authors: :meth:`Recorder.select_rows` of one incident from its
    ``(report_id, revision, seq, parts)`` claim groups, its edge rows
    and its ``(seq, envelope)`` declaration rows. Since 0.3.0."""
    declared = list(declaration_rows(store, declarations))
    return IncidentRows(incident, list(claims), edges,
                        [seq for seq, _ in declared], [event for _, event in declared])


def declaration_rows(store: object, rows: Iterable[Sequence[Any]]) -> Iterator[tuple[Any, ...]]:
    """For backend authors: declaration rows ``(..., seq, envelope)`` with the
    envelope decoded into its event (an error names the store and the seq). Since 0.3.0."""
    for *head, seq, envelope in rows:
        yield (*head, seq, decode_stored(store, seq, envelope))
