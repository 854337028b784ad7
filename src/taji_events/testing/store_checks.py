"""The store laws as checks, for a backend of your own: what every shipped backend passes.

Each function takes ``make_store``, a callable giving a fresh, empty
:class:`~taji_events.store.EventStore` of the backend under test (called as
often as a check needs; each store is closed by the check), and a generated
stream of events; it raises
:class:`~taji_events.testing.failures.LawViolation` naming the law when the
store breaks it. :class:`~taji_events.testing.contracts.StoreContract` runs them
all with Hypothesis.

Since 0.3.0.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import attrs

from taji_events.chain import GENESIS_HASH, StoredRecord, chain_hash
from taji_events.errors import ConcurrencyError, IdentityConflictError, IntegrityError, InvalidEventError
from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.memory import MemoryStore
from taji_events.serialization import dumps_event
from taji_events.store import EventStore
from taji_events.testing.checks import incidents_of
from taji_events.testing.failures import violation
from taji_events.timepoint import TimePoint
from taji_events.transfer import copy_store, export_jsonl, import_jsonl

__all__ = [
    "StoreFactory",
    "assert_append_atomic",
    "assert_append_idempotent",
    "assert_export_import_round_trip",
    "assert_integrity_checked",
    "assert_optimistic_concurrency",
    "assert_reads_filter_correctly",
    "assert_seq_gap_free",
    "changed",
    "fill",
]

StoreFactory = Callable[[], EventStore]


def fill(store: EventStore, events: Sequence[Event], cuts: Sequence[bool] = ()) -> None:
    """Append ``events`` one per batch; with ``cuts``, an event starts a new
    batch only where its cut is True (the first always does)."""
    batch: list[Event] = []
    for index, event in enumerate(events):
        if batch and (index >= len(cuts) or cuts[index]):
            store.append(batch)
            batch = []
        batch.append(event)
    if batch:
        store.append(batch)


def changed(event: Event) -> Event:
    """A different event under the same identity as ``event``."""
    if isinstance(event, IncidentDeclared):
        return attrs.evolve(event, title=event.title + " (edited)")
    if isinstance(event, ReportPublished):
        return attrs.evolve(event, title=event.title + " (edited)")
    return attrs.evolve(event, reason=event.reason + " (edited)")


def _entries(store: EventStore, **bounds: object) -> list[tuple[int, Event]]:
    return [(entry.seq, entry.event) for entry in store.read(**bounds)]  # type: ignore[arg-type]


def assert_seq_gap_free(make_store: StoreFactory, events: Sequence[Event],
                        cuts: Sequence[bool] = ()) -> None:
    """Appended in batches (``cuts``), ``events`` get seq 1, 2, ... with no gap;
    each append says what it recorded; ``recorded_at`` is aware, shared by a
    batch and never decreases; ``read()`` gives back exactly what was appended."""
    law = "gap-free seq and non-decreasing recorded_at"
    with make_store() as store:
        recorded: list[RecordedEvent] = []
        batch: list[Event] = []
        batches: list[list[Event]] = []
        for index, event in enumerate(events):
            if batch and (index >= len(cuts) or cuts[index]):
                batches.append(batch)
                batch = []
            batch.append(event)
        if batch:
            batches.append(batch)
        for number, items in enumerate(batches):
            result = store.append(items)
            got = [entry.seq for entry in result.recorded]
            want = list(range(len(recorded) + 1, len(recorded) + len(items) + 1))
            if got != want or result.last_seq != want[-1] or store.last_seq() != want[-1]:
                raise violation(law, f"batch {number + 1} of {len(items)} event(s) was recorded "
                                f"as seq {got} (last_seq {result.last_seq}, store.last_seq() "
                                f"{store.last_seq()}); expected {want}", events,
                                "seq is the position in the log: 1 for the first event, one more "
                                "for each next one, never a gap or a repeat")
            if len({entry.recorded_at for entry in result.recorded}) != 1:
                raise violation(law, f"batch {number + 1} has several recorded_at values", events,
                                "one append is one moment of knowledge: every event of a batch "
                                "shares its recorded_at")
            recorded.extend(result.recorded)
        read = list(store.read())
        if [(entry.seq, entry.event) for entry in read] != [(e.seq, e.event) for e in recorded]:
            raise violation(law, "read() does not give back what append() recorded", events,
                            "read() must give every recorded event, in seq order, equal to the "
                            "event appended")
        for earlier, later in itertools.pairwise(read):
            if later.recorded_at < earlier.recorded_at or later.recorded_at.utcoffset() != \
                    timedelta(0):
                raise violation(law, f"seq {later.seq} was recorded at "
                                f"{later.recorded_at.isoformat()}, seq {earlier.seq} at "
                                f"{earlier.recorded_at.isoformat()}", events,
                                "recorded_at is UTC and never goes backwards along seq, even "
                                "when the clock does")


def assert_append_atomic(make_store: StoreFactory, events: Sequence[Event]) -> None:
    """A batch that cannot be recorded whole writes nothing: a batch holding a
    changed event under a recorded identity raises ``IdentityConflictError``,
    one holding something that is not an event raises ``InvalidEventError``,
    and in both cases the log is exactly as before."""
    law = "appends are all or nothing"
    fresh = ReportRetracted(report_id="never-published-report", at=TimePoint.parse("2021"))
    with make_store() as store:
        store.append(events)
        before = _entries(store)
        victim = events[len(events) // 2]
        batches: list[tuple[list[object], type[Exception]]] = [
            ([fresh, changed(victim)], IdentityConflictError),
            ([fresh, victim, changed(victim)], IdentityConflictError),
            ([fresh, {"type": "ReportRetracted"}], InvalidEventError),
        ]
        for batch, error in batches:
            shown = [getattr(item, "identity", repr(item)) for item in batch]
            try:
                store.append(batch)  # type: ignore[arg-type]
            except error:
                pass
            else:
                raise violation(law, f"append({shown}) did not raise {error.__name__}", events,
                                "a batch with an event that conflicts with a recorded one (same "
                                "identity, other content) or with a non-event must be refused")
            if _entries(store) != before or store.last_seq() != len(before):
                raise violation(law, f"append({shown}) raised {error.__name__} but the store "
                                f"now holds {store.last_seq()} events instead of {len(before)}",
                                events, "a refused batch must leave the log exactly as it was: "
                                "check every event of the batch before writing any, and write "
                                "the batch in one transaction")


def assert_append_idempotent(make_store: StoreFactory, events: Sequence[Event]) -> None:
    """Appending an event already recorded records nothing: each event appended
    twice (in one batch and again in the next) gives the log of appending it once."""
    law = "idempotent append"
    with make_store() as once, make_store() as twice:
        fill(once, events)
        for event in events:
            twice.append([event, event])
            result = twice.append([event])
            if result.recorded:
                raise violation(law, f"appending {event.identity} again recorded seq "
                                f"{[entry.seq for entry in result.recorded]}", events,
                                "an event whose identity and content are already recorded is "
                                "skipped, so ingesting a file twice is safe")
        if _entries(once) != _entries(twice):
            raise violation(law, "the log of each event appended twice differs from the log of "
                            "each appended once", events,
                            "duplicates, within a batch or across batches, are recorded once")


def assert_optimistic_concurrency(make_store: StoreFactory, events: Sequence[Event]) -> None:
    """``append(..., expected_seq=n)`` records only when the store's last seq is
    ``n``; otherwise it raises ``ConcurrencyError`` and writes nothing."""
    law = "optimistic concurrency (expected_seq)"
    with make_store() as store:
        for index, event in enumerate(events):
            stale = index - 1 if index else index + 1
            try:
                store.append([event], expected_seq=stale)
            except ConcurrencyError:
                pass
            else:
                raise violation(law, f"append([{event.identity}], expected_seq={stale}) was "
                                f"accepted with {index} events recorded", events,
                                "expected_seq says what the writer last saw; when the store "
                                "moved on, the append must raise ConcurrencyError")
            if store.last_seq() != index:
                raise violation(law, f"a refused append wrote: last_seq is {store.last_seq()}, "
                                f"expected {index}", events, "a refused append writes nothing")
            store.append([event], expected_seq=index)
            if store.last_seq() != index + 1:
                raise violation(law, f"append([{event.identity}], expected_seq={index}) left "
                                f"last_seq at {store.last_seq()}", events,
                                "with the right expected_seq the append must be recorded")


def _expected_read(log: Sequence[RecordedEvent], incident: str | None, after: int,
                   upper: int) -> list[tuple[int, Event]]:
    """The documented read: seq in (after, upper]; for an incident, its
    declarations and every event of every report with a claim about it in
    some revision at or below ``upper``."""
    visible = [entry for entry in log if entry.seq <= upper]
    if incident is not None:
        reports = {entry.event.report_id for entry in visible
                   if isinstance(entry.event, ReportPublished) and incident in entry.event.incidents}
        visible = [entry for entry in visible if (
            isinstance(entry.event, IncidentDeclared | IncidentAmended)
            and entry.event.incident_id == incident) or (
            isinstance(entry.event, ReportPublished | ReportRetracted)
            and entry.event.report_id in reports)]
    return [(entry.seq, entry.event) for entry in visible if entry.seq > after]


def assert_reads_filter_correctly(make_store: StoreFactory, events: Sequence[Event],
                                  cuts: Sequence[bool] = ()) -> None:
    """``read(incident=, after_seq=, until_seq=, recorded_until=)`` gives exactly
    the documented events, for every incident (and none), every seq bound and
    every recorded time (and a microsecond before it); ``incidents()`` lists
    every incident named."""
    law = "reads by incident, seq and record time"
    with make_store() as store:
        fill(store, events, cuts)
        log = list(store.read())
        last = len(log)
        named = incidents_of(events)
        if store.incidents() != named:
            raise violation(law, f"incidents() is {store.incidents()}, expected {named}", events,
                            "incidents() lists every incident a declaration or a claim names, "
                            "sorted")
        times: list[datetime] = sorted({entry.recorded_at for entry in log})
        moments = [*times, *(moment - timedelta(microseconds=1) for moment in times)]
        for incident in [None, *named, "no-such-incident"]:
            for after in sorted({0, last // 2, last}):
                for until in sorted({None, 0, last // 2, max(last - 1, 0), last}, key=str):
                    upper = last if until is None else until
                    queries: list[tuple[dict[str, object], int]] = [
                        ({"until_seq": until}, upper)]
                    queries += [({"until_seq": until, "recorded_until": moment}, min(upper, max(
                        (entry.seq for entry in log if entry.recorded_at <= moment), default=0)))
                        for moment in moments[:4]]
                    for bounds, bound in queries:
                        got = _entries(store, incident=incident, after_seq=after, **bounds)
                        want = _expected_read(log, incident, after, bound)
                        if got != want:
                            raise violation(
                                law, f"read(incident={incident!r}, after_seq={after}, "
                                f"{', '.join(f'{k}={v!r}' for k, v in bounds.items())}) gave seq "
                                f"{[seq for seq, _ in got]}, expected {[seq for seq, _ in want]}",
                                events,
                                "a read gives seq in (after_seq, until_seq] recorded by "
                                "recorded_until; with an incident, its declarations and every "
                                "event of each report that has a claim about it in a revision "
                                "within those bounds (so a past answer never changes)")


def _damaged(records: list[StoredRecord], second_event: Event
             ) -> list[tuple[str, list[StoredRecord], tuple[int, ...]]]:
    """Ways to damage a log, and the seqs the damage may be reported at (a deleted
    event shows where it is missing, or where its successor stands)."""
    damages: list[tuple[str, list[StoredRecord], tuple[int, ...]]] = []
    if len(records) >= 2:
        first, second = records[0], records[1]
        damages.append(("a changed event", [first, attrs.evolve(
            second, envelope=dumps_event(changed(second_event))), *records[2:]], (2,)))
        damages.append(("a changed recorded_at", [first, attrs.evolve(
            second, recorded_at=second.recorded_at + timedelta(microseconds=1)),
            *records[2:]], (2,)))
    if len(records) >= 3:
        damages.append(("a deleted event", [records[0], *records[2:]], (1, 2, 3)))
    return damages


def assert_integrity_checked(make_store: StoreFactory, events: Sequence[Event],
                             cuts: Sequence[bool] = ()) -> None:
    """The stored records chain their hashes from the genesis hash, their
    envelopes are the events' canonical bytes, ``verify()`` passes on them, and
    importing a damaged copy raises ``IntegrityError`` naming the damaged seq
    and writes nothing."""
    law = "integrity and verify()"
    with make_store() as store:
        fill(store, events, cuts)
        records = list(store.records())
        read = [entry.event for entry in store.read()]
        previous = GENESIS_HASH
        for record, event in zip(records, read, strict=True):
            if record.envelope != dumps_event(event) or record.hash != chain_hash(
                    previous, record.seq, record.recorded_at, record.envelope):
                raise violation(law, f"record seq {record.seq} does not chain: its hash or "
                                "envelope is not the one its event and the previous hash give",
                                events, "each record's hash is chain_hash(previous hash, seq, "
                                "recorded_at, envelope), starting from GENESIS_HASH")
            previous = record.hash
        report = store.verify()
        if not report.ok or report.checked != len(records) or report.head_hash != previous:
            raise violation(law, f"verify() on an untouched store says {report}", events,
                            "verify() recomputes the chain; on a store written only through "
                            "append it must pass and check every event")
    for name, damaged, seqs in _damaged(records, read[1] if len(read) > 1 else read[0]):
        with make_store() as target:
            try:
                target.import_records(damaged)
            except IntegrityError as error:
                if not any(re.search(rf"\bseq {seq}\b", str(error)) for seq in seqs):
                    raise violation(law, f"importing a log with {name} raised {error!s}, which "
                                    f"does not name seq {' or '.join(map(str, seqs))}", events,
                                    "an integrity error names the first bad seq") from error
            else:
                raise violation(law, f"importing a log with {name} at seq {seqs[0]} was accepted",
                                events, "import_records checks the chain of what it imports")
            if target.last_seq() != 0:
                raise violation(law, f"a refused import of a log with {name} wrote "
                                f"{target.last_seq()} events", events,
                                "a refused import writes nothing")


def assert_export_import_round_trip(make_store: StoreFactory, events: Sequence[Event],
                                    cuts: Sequence[bool] = ()) -> None:
    """Exported as JSON Lines and imported into a fresh store of the same backend
    (and copied into a memory store and back), a log keeps every seq,
    recorded_at, batch, hash and event; the copy verifies and appending to it
    continues the chain."""
    law = "round trip through export and import"
    with make_store() as original, make_store() as imported, MemoryStore() as mirror, \
            make_store() as copied:
        fill(original, events, cuts)
        records = list(original.records())
        exported = io.BytesIO()
        count = export_jsonl(original, exported)
        exported.seek(0)
        imported_count = import_jsonl(exported, imported)
        copy_store(original, mirror)
        copy_store(mirror, copied)
        for name, store, number in (("import_jsonl(export_jsonl(...))", imported, imported_count),
                                    ("copy_store via a MemoryStore", copied, len(records))):
            if count != len(records) or number != len(records) or list(store.records()) != records:
                raise violation(law, f"{name} does not give back the same records "
                                f"({len(records)} stored, {number} copied)", events,
                                "records() must give back exactly what import_records took: "
                                "seq, batch_end, recorded_at (to the microsecond), hash, envelope")
            if _entries(store) != _entries(original) or not store.verify().ok:
                raise violation(law, f"after {name} the events read or verify differently",
                                events, "a copy reads and verifies like its original")
        extra = ReportRetracted(report_id="after-the-copy", at=TimePoint.parse("2021"))
        appended = copied.append([extra])
        if [entry.seq for entry in appended.recorded] != [len(records) + 1] or \
                not copied.verify().ok:
            raise violation(law, "appending to an imported log does not continue its chain",
                            events, "after an import, seq and hashes continue from the imported "
                            "head")
