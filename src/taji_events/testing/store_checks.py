"""The store laws as checks, for a backend of your own: what every shipped backend passes.

Each function takes ``make_store``, a callable giving a fresh, empty
:class:`~taji_events.store.EventStore` of the backend under test (called as
often as a check needs; each store is closed by the check); it raises
:class:`~taji_events.testing.failures.LawViolation` naming the law, listing the
events and saying how to read the failure when the store breaks it.

* The laws take a generated stream of events too (and ``cuts``, where a batch
  starts); :class:`~taji_events.testing.contracts.StoreContract` runs them with
  Hypothesis: :func:`assert_seq_gap_free`, :func:`assert_append_atomic`,
  :func:`assert_append_idempotent`, :func:`assert_optimistic_concurrency`,
  :func:`assert_reads_filter_correctly`, :func:`assert_integrity_checked`,
  :func:`assert_export_import_round_trip`.
* The scenario checks build small fixed logs of their own, for what generated
  streams rarely reach, and the contract runs each once:
  :func:`assert_clock_respected` (it takes ``make_clocked_store(clock)``
  instead), :func:`assert_bad_input_refused`, :func:`assert_reads_complete`,
  :func:`assert_verify_checks_anchors`, :func:`assert_imports_continue_a_copy`,
  :func:`assert_lifecycle`, :func:`assert_recorder_transactional` and
  :func:`assert_derived_rows_transactional`.

Since 0.3.0.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from taji_events.chain import GENESIS_HASH, StoredRecord, chain_hash, stamp_batch
from taji_events.errors import (
    ConcurrencyError,
    IdentityConflictError,
    IntegrityError,
    InvalidEventError,
    NaiveDatetimeError,
    StoreError,
)
from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.memory import MemoryStore
from taji_events.model import Claim, Count, Evidence, Source, Speaker
from taji_events.recorder import Clock, PreparedEvent
from taji_events.serialization import dumps_event, loads_event
from taji_events.store import EventStore
from taji_events.testing.checks import incidents_of
from taji_events.testing.clock import TickingClock
from taji_events.testing.failures import violation
from taji_events.timepoint import TimePoint
from taji_events.transfer import copy_store, export_jsonl, import_jsonl

__all__ = [
    "ClockedStoreFactory",
    "StoreFactory",
    "assert_append_atomic",
    "assert_append_idempotent",
    "assert_bad_input_refused",
    "assert_clock_respected",
    "assert_derived_rows_transactional",
    "assert_export_import_round_trip",
    "assert_imports_continue_a_copy",
    "assert_integrity_checked",
    "assert_lifecycle",
    "assert_optimistic_concurrency",
    "assert_reads_complete",
    "assert_reads_filter_correctly",
    "assert_recorder_transactional",
    "assert_seq_gap_free",
    "assert_verify_checks_anchors",
    "changed",
    "fill",
]

StoreFactory = Callable[[], EventStore]


def _batches(events: Sequence[Event], cuts: Sequence[bool]) -> list[list[Event]]:
    batches: list[list[Event]] = []
    for index, event in enumerate(events):
        if not batches or index >= len(cuts) or cuts[index]:
            batches.append([])
        batches[-1].append(event)
    return batches


def fill(store: EventStore, events: Sequence[Event], cuts: Sequence[bool] = ()) -> dict[int, int]:
    """Append ``events`` one per batch; with ``cuts``, an event starts a new
    batch only where its cut is True (the first always does). Returns the
    ``batch_end`` each recorded seq must have: the last seq of its batch."""
    ends: dict[int, int] = {}
    for batch in _batches(events, cuts):
        result = store.append(batch)
        ends.update((entry.seq, result.last_seq) for entry in result.recorded)
    return ends


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
        for number, items in enumerate(_batches(events, cuts)):
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
        if read != recorded:
            raise violation(law, "read() does not give back what append() recorded", events,
                            "read() must give every recorded event, in seq order, equal to the "
                            "event appended and with the seq and recorded_at append() returned")
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
            except error as raised:
                if error is IdentityConflictError and repr(victim.identity) not in str(raised):
                    raise violation(law, f"append({shown}) raised {raised!s}, which does not "
                                    f"name the identity {victim.identity!r}", events,
                                    "an identity conflict names the identity, so that the user "
                                    "can find the two events") from raised
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
        seen: set[str] = set()
        for index, event in enumerate(events):
            earlier = list(events[max(index - 1, 0):index])
            mixed = twice.append([*earlier, event, event])
            want = [] if event.identity in seen else [event]
            seen.add(event.identity)
            if [entry.event for entry in mixed.recorded] != want:
                raise violation(law, f"the batch {[item.identity for item in earlier]} + twice "
                                f"{event.identity} recorded "
                                f"{[entry.event.identity for entry in mixed.recorded]}, expected "
                                f"{[item.identity for item in want]}", events,
                                "in a batch mixing recorded and new events only the new ones are "
                                "recorded, each once")
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
                            "incidents() lists every incident a declaration, an amendment or a "
                            "claim names, sorted")
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


def _renumbered(records: Sequence[StoredRecord], shift: int) -> list[StoredRecord]:
    return [attrs.evolve(record, seq=record.seq + shift, batch_end=record.batch_end + shift)
            for record in records]


def _damaged(records: list[StoredRecord], second_event: Event
             ) -> list[tuple[str, list[StoredRecord], tuple[int, ...]]]:
    """Ways to damage a log, and the seqs the damage may be reported at (a deleted
    or moved event shows where it is missing, or where its successor stands)."""
    damages: list[tuple[str, list[StoredRecord], tuple[int, ...]]] = []
    if len(records) >= 2:
        first, second = records[0], records[1]
        damages.append(("a changed event", [first, attrs.evolve(
            second, envelope=dumps_event(changed(second_event))), *records[2:]], (2,)))
        damages.append(("a changed recorded_at", [first, attrs.evolve(
            second, recorded_at=second.recorded_at + timedelta(microseconds=1)),
            *records[2:]], (2,)))
        damages.append(("two events swapped", [second, first, *records[2:]], (1, 2)))
        forged = StoredRecord(seq=2, batch_end=2, recorded_at=first.recorded_at, hash="f" * 64,
                              envelope=dumps_event(ReportRetracted(
                                  report_id="forged-report", at=TimePoint.parse("2021"))))
        damages.append(("an inserted event", [first, forged, *_renumbered(records[1:], 1)],
                        (2,)))
    if len(records) >= 3:
        damages.append(("a deleted event", [records[0], *records[2:]], (1, 2, 3)))
    batch = next((record for record in records if record.batch_end > record.seq), None)
    if batch is not None:
        damages.append(("a batch cut short", records[:batch.seq], (batch.seq, batch.seq + 1)))
    return damages


def assert_integrity_checked(make_store: StoreFactory, events: Sequence[Event],
                             cuts: Sequence[bool] = ()) -> None:
    """The stored records chain their hashes from the genesis hash, their
    envelopes are the events' canonical bytes, ``verify()`` passes on them, and
    importing a damaged copy raises ``IntegrityError`` naming the damaged seq
    and writes nothing."""
    law = "integrity and verify()"
    with make_store() as store:
        want_ends = fill(store, events, cuts)
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
        ends = {record.seq: record.batch_end for record in records}
        if ends != want_ends:
            raise violation(law, f"the records' batch_end by seq are {ends}, expected "
                            f"{want_ends}",
                            events, "batch_end is the last seq of the append batch a record "
                            "was written in, so that a copy keeps the batches")
        for after in sorted({0, len(records) // 2, len(records)}):
            if list(store.records(after_seq=after)) != records[after:]:
                raise violation(law, f"records(after_seq={after}) does not give the records "
                                f"after seq {after}", events,
                                "records(after_seq=n) gives every stored record with seq > n, "
                                "in seq order")
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
    recorded_at, batch, hash and event; the copy verifies, reads by incident and
    lists its incidents like the original, counts the imported identities as
    recorded, and appending to it continues the chain."""
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
            if _entries(store) != _entries(original) or not store.verify().ok or \
                    store.incidents() != original.incidents():
                raise violation(law, f"after {name} the events read, verify or list their "
                                "incidents differently", events,
                                "a copy reads and verifies like its original: import_records "
                                "writes the incident index and identities as append does")
            for incident in original.incidents():
                if _entries(store, incident=incident) != _entries(original, incident=incident):
                    raise violation(law, f"after {name}, read(incident={incident!r}) differs "
                                    "from the original's", events,
                                    "import_records indexes each event by incident as append "
                                    "does, so reads by incident of a copy match the original")
            if events and store.append([events[0]]).recorded:
                raise violation(law, f"after {name}, appending the imported "
                                f"{events[0].identity} again recorded it", events,
                                "identities imported count as recorded: appending them again "
                                "records nothing")
        extra = ReportRetracted(report_id="after-the-copy", at=TimePoint.parse("2021"))
        appended = copied.append([extra])
        if [entry.seq for entry in appended.recorded] != [len(records) + 1] or \
                not copied.verify().ok:
            raise violation(law, "appending to an imported log does not continue its chain",
                            events, "after an import, seq and hashes continue from the imported "
                            "head")


# -- Scenario checks: fixed, small logs for what a generated stream rarely reaches ----------
# Each builds its own events and stores; the contract runs each once.

_INCIDENT = "store-check-incident"
_OTHER = "store-check-other"
_START = datetime(2020, 3, 12, 9, 0, tzinfo=UTC)
_AT = TimePoint.parse("2020-03-11T22:20Z")


class _HandClock:
    """A clock that reads ``now`` until the check moves it."""

    def __init__(self, now: datetime = _START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _declared(incident: str = _INCIDENT) -> IncidentDeclared:
    return IncidentDeclared(incident_id=incident, title=f"Attack {incident}", place="Base",
                            occurred_at=TimePoint.parse("2020-03-11T19:35+03:00"))


def _report(report_id: str, revision: int = 0, incident: str | None = _INCIDENT, *,
            killed: int = 3) -> ReportPublished:
    """A report whose one claim says ``killed`` died in ``incident`` (None: no claims)."""
    quote = f"{killed} killed"
    claims = [] if incident is None else [Claim(
        incident=incident, field="killed", value=Count.exact(killed, text=str(killed)),
        according_to=Speaker("officials", "official_on_record"),
        evidence=Evidence(0, len(quote), quote))]
    return ReportPublished(report_id=report_id, revision=revision,
                           source=Source("Wire", "wire"), published_at=_AT, claims=claims)


def _retracted(report_id: str) -> ReportRetracted:
    return ReportRetracted(report_id=report_id, at=TimePoint.parse("2020-03-13"),
                           reason="wrong incident")


def _require(ok: bool, law: str, problem: str, events: Sequence[Event], reading: str) -> None:
    if not ok:
        raise violation(law, problem, events, reading)


def _refused(call: Callable[[], object], error: type[Exception], pattern: str, *, law: str,
             what: str, events: Sequence[Event], reading: str) -> None:
    """``call()`` must raise ``error`` with a message matching ``pattern``."""
    try:
        call()
    except error as raised:
        if not re.search(pattern, str(raised)):
            raise violation(law, f"{what} raised {error.__name__}: {raised!s} -- its message "
                            f"does not say {pattern!r}", events, reading) from raised
        return
    except Exception as other:
        raise violation(law, f"{what} raised {type(other).__name__}: {other!s}, not "
                        f"{error.__name__}", events, reading) from other
    raise violation(law, f"{what} did not raise {error.__name__}", events, reading)


def _seqs(entries: Iterable[RecordedEvent]) -> list[int]:
    return [entry.seq for entry in entries]


ClockedStoreFactory = Callable[[Clock], EventStore]


def assert_clock_respected(make_clocked_store: ClockedStoreFactory) -> None:
    """``recorded_at`` is the store clock's reading, in UTC, shared by a batch;
    it never goes backwards when the clock does; ``read(recorded_until=)``
    compares instants (to the microsecond, in any zone); a naive clock reading
    raises ``NaiveDatetimeError`` and writes nothing. ``make_clocked_store(clock)``
    gives a fresh, empty store whose ``recorded_at`` comes from ``clock``."""
    law = "recorded_at comes from the store's clock"
    events: list[Event] = [_declared(), _report("a"), _report("b"), _report("c"), _report("d")]
    clock = _HandClock()
    with make_clocked_store(clock) as store:
        store.append(events[:2])
        middle = _START + timedelta(seconds=0.5)
        clock.now = middle.astimezone(ZoneInfo("Asia/Baghdad"))
        store.append(events[2:3])
        clock.now = _START  # the clock steps back
        store.append(events[3:4])
        got = [entry.recorded_at for entry in store.read()]
        want = [_START, _START, middle, middle]
        _require(got == want and all(at.utcoffset() == timedelta(0) for at in got), law,
                 f"recorded_at are {[at.isoformat() for at in got]}, expected "
                 f"{[at.isoformat() for at in want]}", events[:4],
                 "a batch is recorded at the clock's reading (converted to UTC), and at the "
                 "previous batch's recorded_at when the clock reads earlier: recorded_at "
                 "never decreases along seq. A store that ignores its clock argument, or "
                 "keeps the reading's zone, breaks this")
        new_york = middle.astimezone(ZoneInfo("America/New_York"))
        for until, expected in ((middle - timedelta(microseconds=1), [1, 2]), (new_york, [1, 2, 3, 4]),
                                (_START - timedelta(seconds=1), [])):
            found = _seqs(store.read(recorded_until=until))
            _require(found == expected, law, f"read(recorded_until={until.isoformat()}) gave "
                     f"seq {found}, expected {expected}", events[:4],
                     "recorded_until is an instant: compare it with recorded_at to the "
                     "microsecond, whatever its zone")
        clock.now = datetime(2020, 3, 12, 10, 0)
        _refused(lambda: store.append(events[4:]), NaiveDatetimeError, "clock", law=law,
                 what="append() with a naive clock reading", events=events,
                 reading="a clock must give aware datetimes; a naive reading is refused "
                 "before anything is written")
        _require(store.last_seq() == 4, law, f"a refused append wrote: last_seq is "
                 f"{store.last_seq()}, expected 4", events, "a refused append writes nothing")
        clock.now = _START + timedelta(seconds=60)
        after = _seqs(store.append(events[4:]).recorded)
        _require(after == [5], law, f"with the clock aware again, append recorded seq {after}, "
                 "expected [5]", events, "a refused append leaves the store usable")


def assert_bad_input_refused(make_store: StoreFactory) -> None:
    """Every refused append and read raises the documented error, whose message
    names what is wrong, and leaves the log as it was: a changed event under a
    recorded identity, two different events under one identity in a batch, a
    stale ``expected_seq``, a non-event, an event not in a list, and arguments
    of the wrong type."""
    law = "bad input is refused with a clear error and writes nothing"
    base: list[Event] = [_declared(), _report("a", killed=3)]
    with make_store() as store:
        store.append(base)
        before = _entries(store)
        reading = ("a refused call raises a subclass of TajiEventsError naming the bad input, "
                   "and the log is exactly as before: check the whole batch before writing")
        attempts: list[tuple[str, Callable[[], object], type[Exception], str]] = [
            ("append([b, a with another figure])",
             lambda: store.append([_report("b"), _report("a", killed=4)]),
             IdentityConflictError, re.escape(repr(_report("a").identity))),
            ("append([declaration, b, b with another figure])",
             lambda: store.append([_declared(_OTHER), _report("b", killed=3),
                                   _report("b", killed=5)]),
             IdentityConflictError, r"events\[1\] and events\[2\]"),
            ("append([b], expected_seq=0)", lambda: store.append([_report("b")], expected_seq=0),
             ConcurrencyError, r"expected_seq=0 .* last seq is 2"),
            ("append([b, a dict])", lambda: store.append(
                [_report("b"), {"type": "IncidentDeclared"}]),  # type: ignore[list-item]
             InvalidEventError, r"events\[1\] is dict"),
            ("append(an event)", lambda: store.append(_report("b")),  # type: ignore[arg-type]
             InvalidEventError, "wrap it in a list"),
            ('append([b], expected_seq="2")',
             lambda: store.append([_report("b")], expected_seq="2"),  # type: ignore[arg-type]
             StoreError, "expected_seq"),
            ('read(after_seq="1")', lambda: store.read(after_seq="1"),  # type: ignore[arg-type]
             StoreError, "after_seq"),
            ("read(recorded_until=a naive datetime)",
             lambda: store.read(recorded_until=datetime(2020, 3, 12)),
             NaiveDatetimeError, "recorded_until"),
        ]
        for what, call, error, pattern in attempts:
            _refused(call, error, pattern, law=law, what=what, events=base, reading=reading)
            _require(_entries(store) == before, law, f"{what} was refused but the store now "
                     f"holds {store.last_seq()} events instead of {len(before)}", base, reading)
        added = store.append([_report("b")], expected_seq=2)
        _require(_seqs(added.recorded) == [3], law, "after the refusals, append([b]) recorded "
                 f"seq {_seqs(added.recorded)}, expected [3]", base,
                 "a refused append leaves no trace: the next seq is the one after the log")


def assert_reads_complete(make_store: StoreFactory) -> None:
    """A new store is empty; ``read(incident=)`` follows a report through a
    revision that drops the incident and through its retraction, even when the
    retraction was recorded first, without changing a past answer; ``read()``
    and ``records()`` are snapshots taken when called; a long log (more than
    one page of a backend's reads) comes back whole and in order."""
    law = "reads give the whole log, as it was when called"
    with make_store() as store:
        empty = (store.last_seq(), list(store.read()), store.incidents(), list(store.records()))
        _require(empty == (0, [], [], []), law, f"a new store has last_seq, read(), "
                 f"incidents(), records() = {empty}", [],
                 "make_store must give a fresh, empty store; an empty store holds nothing")
    events: list[Event] = [_declared(), _declared(_OTHER), _report("a"),
                           _report("elsewhere", incident=_OTHER),
                           _report("a", 1, incident=None), _report("no-claims", incident=None),
                           _retracted("a")]
    reading = ("read(incident=X) gives X's declarations and every event of each report that "
               "has a claim about X in some revision, including later revisions without "
               "one and the retraction")
    with make_store() as store:
        store.append(events)
        for incident, want in ((_INCIDENT, [events[0], events[2], events[4], events[6]]),
                               (_OTHER, [events[1], events[3]]), ("nowhere", [])):
            got = [entry.event for entry in store.read(incident=incident)]
            _require(got == want, law, f"read(incident={incident!r}) gave {len(got)} events: "
                     f"{[event.identity for event in got]}, expected "
                     f"{[event.identity for event in want]}", events, reading)
    late: list[Event] = [_retracted("late"), _report("late")]
    with make_store() as store:
        store.append(late[:1])
        pending, pending_records = store.read(), store.records()
        store.append(late[1:])
        found = (_seqs(store.read(incident=_INCIDENT, until_seq=1)),
                 _seqs(store.read(incident=_INCIDENT)))
        _require(found == ([], [1, 2]), law, "with a retraction recorded before its report, "
                 f"read(incident=, until_seq=1) and read(incident=) gave seq {found}, expected "
                 "([], [1, 2])", late, reading + "; an answer about the past never changes")
        snapshot = (_seqs(pending), [record.seq for record in pending_records])
        _require(snapshot == ([1], [1]), law, f"read() and records() called before the second "
                 f"append gave seq {snapshot} when iterated after it, expected ([1], [1])", late,
                 "read() and records() see the log as it was when called, however late they "
                 "are iterated")
    reports: list[Event] = [_report(f"r{number:04d}") for number in range(1201)]
    with make_store() as store:
        store.append(reports[:700])
        store.append(reports[700:])
        whole = [entry.event for entry in store.read()]
        tail = _seqs(store.read(incident=_INCIDENT, after_seq=600))
        _require(whole == reports and tail == list(range(601, 1202)), law,
                 f"a log of 1201 events read back as {len(whole)} events (in order: "
                 f"{whole == reports[:len(whole)]}), read(incident=, after_seq=600) as "
                 f"{len(tail)}", reports[:3],
                 "reads that page through a backend must give every event once, in seq order")


def assert_verify_checks_anchors(make_store: StoreFactory) -> None:
    """``verify()`` passes on an empty store (at the genesis hash) and checks an
    anchor ``(expect_head, at_seq)`` saved elsewhere: it passes for the head
    hash saved then (in either case of hex), names a rewritten or missing part
    of the log, and refuses malformed anchors."""
    law = "integrity and verify()"
    events: list[Event] = [_declared(), _report("a"), _report("b")]
    reading = ("verify(expect_head=h, at_seq=n) says whether the log's first n events still "
               "hash to h: verify the chain from GENESIS_HASH, then compare")
    with make_store() as store:
        report = store.verify()
        _require((report.ok, report.checked, report.head_hash) == (True, 0, GENESIS_HASH), law,
                 f"verify() on an empty store says {report}", [], reading)
        store.append(events[:2])
        anchor = store.verify()
        head, at = anchor.head_hash, anchor.checked
        store.append(events[2:])
        for expect, saved in ((head, at), (head.upper(), 2), (GENESIS_HASH, 0)):
            found = store.verify(expect_head=expect, at_seq=saved)
            _require(found.ok, law, f"verify(expect_head={expect[:8]}..., at_seq={saved}) "
                     f"failed: {found.problem}", events, reading)
        failing: list[tuple[str, int | None, int, str]] = [
            (head, None, 3, "pass at_seq"), ("ab" * 32, 2, 2, "rewritten"),
            (head, 9, 4, "events 4..9 are missing")]
        for expect, seq, bad, words in failing:
            found = store.verify(expect_head=expect, at_seq=seq)
            _require(found.first_bad_seq == bad and words in (found.problem or ""), law,
                     f"verify(expect_head={expect[:8]}..., at_seq={seq}) says first_bad_seq="
                     f"{found.first_bad_seq}, problem {found.problem!r}; expected seq {bad} and "
                     f"{words!r}", events, reading)
        _refused(store.verify(expect_head=head, at_seq=9).raise_if_bad, IntegrityError,
                 "seq 4: the anchor was saved at seq 9", law=law,
                 what="raise_if_bad() on an anchor ahead of the log", events=events,
                 reading=reading)
        for what, call, pattern in (
                ("verify(expect_head=16 hex digits)",
                 lambda: store.verify(expect_head=head[:16]), "64 hex digits"),
                ("verify(at_seq=2)", lambda: store.verify(at_seq=2), "needs expect_head"),
                ("verify(at_seq=-1)", lambda: store.verify(expect_head=head, at_seq=-1),
                 "at_seq must be a whole number")):
            _refused(call, StoreError, pattern, law=law, what=what, events=events,
                     reading=reading)


def _sample_log(clock: Clock) -> list[StoredRecord]:
    """The records of four batches (seq 1-2, 3-5, 6, 7) from a memory store."""
    with MemoryStore(clock) as source:
        source.append([_declared(), _report("a")])
        source.append([_report("b"), _report("c"), _retracted("a")])
        source.append([_report("d", incident=_OTHER)])
        source.append([_declared(_OTHER)])
        return list(source.records())


def assert_imports_continue_a_copy(make_store: StoreFactory) -> None:
    """``import_records`` continues a copy in parts and refuses anything else
    (a log that does not extend what the store holds, records whose hashes do not
    follow, one identity twice), writing nothing of a refused import; imported
    identities count as recorded."""
    law = "import_records continues a copy and refuses anything else"
    log = _sample_log(TickingClock())
    events = [loads_event(record.envelope) for record in log]
    reading = ("import_records appends records of another store unchanged, only when they "
               "continue this store's chain; a refused import writes nothing")
    with make_store() as store:
        counts = [store.import_records(log[:2])]
        _refused(lambda: store.import_records(log), IntegrityError, r"holds 2 events.*copy_store",
                 law=law, what="importing the whole log into a store holding its first 2",
                 events=events, reading=reading)
        counts += [store.import_records(iter(log[2:5])), store.import_records([])]
        _require(counts == [2, 3, 0], law, f"importing 2, 3 and 0 records returned {counts}",
                 events, "import_records returns how many records it wrote")
        other = _sample_log(TickingClock(_START + timedelta(seconds=30)))  # other times
        _refused(lambda: store.import_records(other[5:]), IntegrityError,
                 r"seq 6 into .*: the hash does not match", law=law,
                 what="importing seq 6- of a log with other recorded_at", events=events,
                 reading=reading)
        _require(list(store.records()) == log[:5], law, "after a refused import the store "
                 "does not hold exactly the 5 records imported before", events, reading)
        again = store.append([events[1]])
        _require(again.recorded == (), law, "appending an imported event again recorded seq "
                 f"{_seqs(again.recorded)}", events, "identities imported count as recorded")
    envelope = dumps_event(_declared())
    first = chain_hash(GENESIS_HASH, 1, _START, envelope)
    twice = [StoredRecord(seq=1, batch_end=1, recorded_at=_START, hash=first, envelope=envelope),
             StoredRecord(seq=2, batch_end=2, recorded_at=_START,
                          hash=chain_hash(first, 2, _START, envelope), envelope=envelope)]
    with make_store() as store:
        _refused(lambda: store.import_records(twice), IdentityConflictError,
                 re.escape(repr(_declared().identity)), law=law,
                 what="importing one event twice (with a valid chain)", events=[_declared()] * 2,
                 reading=reading)
        _require(store.last_seq() == 0, law, f"a refused import wrote {store.last_seq()} "
                 "events", [_declared()] * 2, reading)


def assert_lifecycle(make_store: StoreFactory) -> None:
    """``wait_for_append(after_seq, timeout)`` returns the last seq as soon as it
    is past ``after_seq``, or when the timeout ends; a closed store refuses every
    use with ``StoreError`` saying so, and closing twice is harmless."""
    law = "waiting for appends, and a closed store"
    events: list[Event] = [_declared()]
    with make_store() as store:
        waits = [store.wait_for_append(0, timeout=0.05)]
        store.append(events)
        waits += [store.wait_for_append(0, timeout=30), store.wait_for_append(1, timeout=0)]
        _require(waits == [0, 1, 1], law, f"wait_for_append gave {waits}, expected [0, 1, 1]",
                 events, "wait_for_append returns the last seq: at once when it is past "
                 "after_seq, else when the timeout ends")
    store.close()
    calls: list[tuple[str, Callable[[], object]]] = [
        ("read()", store.read), ("last_seq()", store.last_seq),
        ("incidents()", store.incidents), ("append([])", lambda: store.append([]))]
    for what, call in calls:
        _refused(call, StoreError, "closed", law=law, what=f"{what} on a closed store",
                 events=events, reading="after close() every call raises StoreError saying "
                 "the store is closed (call Recorder.check_open first)")


def assert_recorder_transactional(make_store: StoreFactory) -> None:
    """The :class:`~taji_events.recorder.Recorder` under the store: what is
    inserted inside ``write_lock`` is written only when the block ends without
    an error; ``head``, ``last_seq``, ``select_records``, ``upper_seq``,
    ``select``, ``stored_identities``, ``incidents`` and ``select_for_verify``
    then see exactly the rows written."""
    law = "the recorder writes inside its lock, all or nothing"
    events: list[Event] = [_declared(), _report("a")]
    prepared = [PreparedEvent.of(event) for event in events]
    written = list(zip(stamp_batch(None, [item.envelope for item in prepared], _START),
                       prepared, strict=True))
    records = [record for record, _ in written]
    reading = ("Recorder.write_lock is the transaction: rows inserted in it are kept only when "
               "the block exits normally; the selects read only what was committed")
    with make_store() as store:
        recorder = store.recorder
        with contextlib.suppress(_Interrupted), recorder.write_lock("append"):
            _require(recorder.head() is None, law, "head() of an empty recorder is not None",
                     events, reading)
            recorder.insert(written, {})
            raise _Interrupted
        left = (recorder.last_seq(), list(recorder.select_records(0)))
        _require(left == (0, []), law, f"an insert interrupted inside write_lock left "
                 f"last_seq, records = {left}", events, reading)
        with recorder.write_lock("append"):
            recorder.insert(written, {})
        seen: dict[str, tuple[object, object]] = {
            "head()": (recorder.head(), records[-1]),
            "last_seq()": (recorder.last_seq(), 2),
            "select_records(0)": (list(recorder.select_records(0)), records),
            "select_records(1)": (list(recorder.select_records(1)), records[1:]),
            "upper_seq(...)": ((recorder.upper_seq(None, None), recorder.upper_seq(1, None),
                                recorder.upper_seq(None, _START - timedelta(seconds=1))),
                               (2, 1, 0)),
            "select(incident, 0, 2)": ([row[0] for row in recorder.select(_INCIDENT, 0, 2)],
                                       [1, 2]),
            "select(None, 1, 2)": ([row[0] for row in recorder.select(None, 1, 2)], [2]),
            "incidents()": (recorder.incidents(), [_INCIDENT]),
        }
        with recorder.write_lock("append"):
            found = recorder.stored_identities([prepared[1], PreparedEvent.of(_report("new"))])
        seen["stored_identities(a, new)"] = (
            [(row.seq, row.identity, row.envelope) for row in found],
            [(2, prepared[1].identity, prepared[1].envelope)])
        for name, (got, want) in seen.items():
            _require(got == want, law, f"recorder.{name} gave {got!r}, expected {want!r}",
                     events, reading)
        for (record, columns), item in zip(recorder.select_for_verify(), prepared, strict=True):
            kept = None if columns is None else (columns.identity, columns.type,
                                                 columns.content_hash, columns.incidents)
            _require(record in records and kept in (None, (item.identity, item.type,
                                                         item.content_hash, item.incidents)),
                     law, f"select_for_verify() gave {record} with columns {kept}", events,
                     "select_for_verify gives each stored record with the columns kept beside "
                     "it (or None), as written")


class _Interrupted(Exception):
    """Raised inside a write lock to check that nothing of its block is kept."""


@attrs.define
class _Identities:
    """Derived rows ``(seq, identity)``; refuses to derive rows for ``refuse``."""

    table: str
    refuse: str | None = None

    def rows(self, written: Sequence[tuple[StoredRecord, PreparedEvent]]) -> list[tuple[Any, ...]]:
        if any(item.identity == self.refuse for _, item in written):
            raise _Interrupted(f"cannot derive rows of {self.refuse}")
        return [(record.seq, item.identity) for record, item in written]


def assert_derived_rows_transactional(
        make_store: StoreFactory, *, create_table: Callable[[EventStore, str], None],
        read_rows: Callable[[EventStore, str], list[tuple[Any, ...]]]) -> None:
    """Rows of :attr:`~taji_events.store.EventStore.derived_rows` writers are
    written in the same transaction as the events: a writer that fails aborts the
    whole append, and only new events get rows. ``create_table(store, table)``
    makes a table ``(seq, identity)`` where the backend keeps derived rows;
    ``read_rows(store, table)`` gives its rows in seq order."""
    law = "derived rows are written in the same transaction as the events"
    events: list[Event] = [_declared(), _report("a"), _report("b"), _report("c")]
    table = "derived_identities"
    with make_store() as store:
        create_table(store, table)
        writer = _Identities(table)
        store.derived_rows = (writer,)
        store.append(events[:2])
        writer.refuse = events[2].identity
        with contextlib.suppress(_Interrupted):
            store.append(events[2:])
        _require(store.last_seq() == 2, law, f"a derived-rows writer failed, yet the append "
                 f"was recorded: last_seq is {store.last_seq()}", events,
                 "the rows are derived inside the write lock; an error there aborts the batch")
        writer.refuse = None
        store.append([events[1], events[3]])  # only c is new
        rows = read_rows(store, table)
        want = [(1, events[0].identity), (2, events[1].identity), (3, events[3].identity)]
        _require(rows == want, law, f"the derived table holds {rows}, expected {want}", events,
                 "Recorder.insert writes the derived rows it is given, by table, in the "
                 "transaction of the events; a refused or skipped event gets none")
