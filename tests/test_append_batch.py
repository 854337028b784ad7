"""The append's one pass over a batch (``taji_events._batch``) gives what the
reference functions give: the same canonical envelope bytes as encoding the
envelope dict and letting orjson sort its keys (what every stored envelope was
written as, and what ``verify()`` recomputes), the same prepared columns, and
the same claim rows as ``claim_rows.event_rows``. A store keeps the rows made
while encoding only when the batch takes the seqs they were made for; the
tests below make it take others (repeats, events already stored, another
writer first) and check the stored rows against the log. A JSON Lines store
puts each line together around the canonical envelope: the same bytes as
encoding the line from the record."""

from __future__ import annotations

import gc
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from store_suite import examples

from taji_events._batch import encode_event, prepare, written_rows
from taji_events.chain import GENESIS_HASH, StoredRecord, chain_hash, stamp_batch
from taji_events.claim_row_tables import pack_claim_rows
from taji_events.claim_rows import CLAIMS_TABLE, DECLARATIONS_TABLE, EDGES_TABLE, event_rows
from taji_events.errors import IdentityConflictError, TajiEventsError
from taji_events.events import Event, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.jsonl import JsonlStore
from taji_events.line_format import decode_line, encode_canonical_line, encode_line
from taji_events.memory import MemoryStore
from taji_events.model import Claim, Count, Evidence, Source, Speaker
from taji_events.recorder import PreparedEvent
from taji_events.serialization import dumps_event, to_envelope
from taji_events.sqlite import SQLiteStore
from taji_events.store import EventStore
from taji_events.testing import events
from taji_events.testing.clock import TickingClock
from taji_events.timepoint import TimePoint

SETTINGS = settings(max_examples=examples(30, 60), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
WIRE = Source("Outlet 9", "wire")
AT = TimePoint.parse("2020-03-11T22:20Z")
MINISTRY = Speaker("the ministry", "official_on_record")


def reference_bytes(event: Event) -> bytes:
    """The canonical envelope as appends wrote it before the one-pass encoder:
    the envelope dict, keys sorted by orjson."""
    return orjson.dumps(to_envelope(event), option=orjson.OPT_SORT_KEYS)


@st.composite
def varied_events(draw: st.DrawFn) -> Event:
    """Any event, its claims sometimes scoped or without evidence (a note instead)."""
    event = draw(events())
    if not isinstance(event, ReportPublished):
        return event
    claims = []
    for claim in event.claims:
        change = draw(st.sampled_from(("keep", "scope", "note")))
        if change == "scope":
            claim = attrs.evolve(claim, scope=draw(st.sampled_from(("civilians", "é ü 😀"))))
        elif change == "note":
            claim = attrs.evolve(claim, evidence=None, note="a call to the ministry")
        claims.append(claim)
    return attrs.evolve(event, claims=tuple(claims))


@SETTINGS
@given(varied_events(), st.integers(1, 2**40))
def test_one_pass_gives_the_reference_bytes_columns_and_rows(event: Event, seq: int) -> None:
    rows: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    prepared = prepare(event, seq, rows)
    assert prepared.envelope == reference_bytes(event) == dumps_event(event)
    assert encode_event(event) == prepared.envelope
    assert prepared == PreparedEvent.of(event)
    assert rows == event_rows(seq, event)
    assert prepare(event) == prepared  # without rows: the same event prepared


group_names = st.text(min_size=1, max_size=4).filter(lambda name: bool(name.strip()))


@SETTINGS
@given(st.dictionaries(group_names, st.integers(0, 9), max_size=5))
def test_a_breakdown_of_any_group_names_is_encoded_in_canonical_order(
        breakdown: dict[str, int]) -> None:
    try:
        count = Count(low=50, high=50, text="50", breakdown=breakdown)
    except TajiEventsError:  # a group name a count refuses (a control character, ...)
        assume(False)
        raise
    claim = Claim("incident-1", "killed", count, MINISTRY, note="a call")
    event = ReportPublished("report-1", 1, WIRE, AT, (claim,))
    rows: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    assert prepare(event, 7, rows).envelope == reference_bytes(event)
    assert rows == event_rows(7, event)


@attrs.frozen
class TallyCount(Count):
    """A user's subclass of a claim value: not one of the types the fast path reads."""


def test_values_the_fast_path_does_not_read_take_the_reference_path() -> None:
    subclassed = Claim("incident-1", "killed", TallyCount(low=3, high=3, text="3"),
                       MINISTRY, evidence=Evidence(0, 1, "3"))
    unsorted = Count(low=5, high=5, text="5", breakdown={"a": 1, "b": 2})
    # A breakdown out of order, as no Count keeps one (its converter sorts it):
    object.__setattr__(unsorted, "breakdown", MappingProxyType({"b": 2, "a": 1}))
    out_of_order = Claim("incident-1", "killed", unsorted, Speaker("a doctor", "monitor_ngo"),
                         note="by phone")
    for claim in (subclassed, out_of_order):
        event = ReportPublished("report-1", 1, WIRE, AT, (claim,), text="3 dead")
        rows: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
        prepared = prepare(event, 4, rows)
        assert prepared.envelope == reference_bytes(event)
        assert prepared == PreparedEvent.of(event)
        assert rows == event_rows(4, event)


# -- in a store ----------------------------------------------------------------------------------

def declared(number: int) -> IncidentDeclared:
    return IncidentDeclared(f"incident-{number}", f"Strike {number}", "Taji", AT, "IQ",
                            "Asia/Baghdad")


def report(number: int, revision: int = 1, killed: int = 2) -> ReportPublished:
    claim = Claim(f"incident-{number % 3}", "killed", Count(low=killed, high=killed,
                                                              text=str(killed)),
                  MINISTRY, note="a briefing")
    return ReportPublished(f"report-{number}", revision, WIRE, AT, (claim,))


def sqlite_rows(path: Path) -> tuple[list[tuple[Any, ...]], ...]:
    """The claim-row tables as stored, each in its key's order, the packed
    claims decoded."""
    with sqlite3.connect(path) as connection:
        claims = [(*row[:7], orjson.loads(row[7])) for row in connection.execute(
                      f"SELECT * FROM {CLAIMS_TABLE} ORDER BY incident, seq")]
        edges = connection.execute(f"SELECT * FROM {EDGES_TABLE} ORDER BY report_id, seq"
                                   ).fetchall()
        declarations = connection.execute(f"SELECT * FROM {DECLARATIONS_TABLE} ORDER BY rowid"
                                          ).fetchall()
    connection.close()
    return claims, edges, declarations


def rows_of_the_log(store: EventStore) -> tuple[list[tuple[Any, ...]], ...]:
    """The claim rows derived from every decoded event, as :func:`sqlite_rows` reads them."""
    found: tuple[list[tuple[Any, ...]], ...] = ([], [], [])
    for recorded in store.read():
        for rows, more in zip(found, event_rows(recorded.seq, recorded.event), strict=True):
            rows.extend(more)
    # The whole log packed at once, with nothing stored before it.
    claims = sorted(((*row[:7], orjson.loads(row[7]))
                     for row in pack_claim_rows(found[0], found[1], {})),
                    key=lambda row: (row[0], row[1]))
    return claims, sorted(found[1], key=lambda row: (row[0], row[2])), found[2]


def test_rows_of_a_batch_with_repeats_and_events_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SQLiteStore(path, TickingClock()) as store:
        store.append([declared(1), report(1)])
        # Repeats within the batch and events stored earlier take no seq: the
        # rows made for the seqs they would have had are not the batch's.
        result = store.append([report(2), report(2), declared(1), report(3), report(1),
                               declared(2), report(3)])
        assert [item.seq for item in result.recorded] == [3, 4, 5]
        assert sqlite_rows(path) == rows_of_the_log(store)
        assert store.verify().ok


def test_rows_when_another_writer_appends_while_a_batch_is_encoded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.db"
    with SQLiteStore(path, TickingClock()) as store, SQLiteStore(path, TickingClock()) as other:
        store.append([declared(1)])
        recorder = store.recorder
        read_state = recorder.rows_state
        came_first: list[int] = []

        def state_then_another_writer() -> tuple[int, int] | None:
            # The state append() reads before its lock, then another writer appends.
            state = read_state()
            if not came_first:
                came_first.append(other.append([report(7), declared(2)]).last_seq)
            return state

        monkeypatch.setattr(recorder, "rows_state", state_then_another_writer)
        result = store.append([report(8), report(9)])
        assert came_first == [3]
        assert [item.seq for item in result.recorded] == [4, 5]
        assert sqlite_rows(path) == rows_of_the_log(store)
        assert store.verify().ok


def test_a_failed_batch_writes_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with SQLiteStore(path, TickingClock()) as store:
        store.append([report(1)])
        with pytest.raises(IdentityConflictError):
            store.append([report(2), report(1, killed=5)])
        with pytest.raises(IdentityConflictError):
            store.append([report(3), report(3, killed=4)])
        assert store.last_seq() == 1
        assert sqlite_rows(path) == rows_of_the_log(store)
        store.append([report(4)])
        assert sqlite_rows(path) == rows_of_the_log(store)


def test_rows_of_written_events_are_the_reference_rows() -> None:
    batch: list[Event] = [declared(1), report(1), report(2, revision=2)]
    prepared = [PreparedEvent.of(event) for event in batch]
    records = stamp_batch(None, [item.envelope for item in prepared], AT.lower)
    found = written_rows(list(zip(records, prepared, strict=True)))
    expected: tuple[list[tuple[Any, ...]], ...] = ([], [], [])
    for seq, event in enumerate(batch, start=1):
        for rows, more in zip(expected, event_rows(seq, event), strict=True):
            rows.extend(more)
    assert found == expected


@SETTINGS
@given(st.lists(st.binary(max_size=80), min_size=1, max_size=6),
       st.none() | st.tuples(st.integers(1, 10**9), st.text("0123456789abcdef", min_size=64,
                                                           max_size=64)))
def test_a_stamped_batch_chains_by_chain_hash(envelopes: list[bytes],
                                              last: tuple[int, str] | None) -> None:
    previous = None if last is None else StoredRecord(
        seq=last[0], batch_end=last[0], recorded_at=AT.lower, hash=last[1], envelope=b"{}")
    records = stamp_batch(previous, envelopes, AT.upper)
    expected_hash = GENESIS_HASH if previous is None else previous.hash
    first = 1 if previous is None else previous.seq + 1
    for seq, (record, envelope) in enumerate(zip(records, envelopes, strict=True), start=first):
        expected_hash = chain_hash(expected_hash, seq, AT.upper, envelope)
        assert (record.seq, record.batch_end, record.recorded_at, record.hash,
                record.envelope) == (seq, first + len(envelopes) - 1, AT.upper, expected_hash,
                                     envelope)
        assert record == StoredRecord(seq=seq, batch_end=record.batch_end,
                                      recorded_at=AT.upper, hash=expected_hash,
                                      envelope=envelope)


@pytest.mark.parametrize("enabled", [True, False])
def test_an_append_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    store = MemoryStore(TickingClock())
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        store.append([declared(1), report(1)])
        assert gc.isenabled() is enabled
        with pytest.raises(IdentityConflictError):
            store.append([report(2), report(1, killed=9)])
        assert gc.isenabled() is enabled
        with pytest.raises(TajiEventsError):
            store.append([declared(3), "not an event"])  # type: ignore[list-item]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


# -- JSON Lines ----------------------------------------------------------------------------------

@SETTINGS
@given(varied_events(), st.integers(1, 2**40))
def test_a_line_put_together_around_the_envelope_is_the_encoded_line(event: Event,
                                                                     seq: int) -> None:
    prepared = prepare(event)
    last = None if seq == 1 else StoredRecord(seq=seq - 1, batch_end=seq - 1,
                                              recorded_at=AT.lower, hash=GENESIS_HASH,
                                              envelope=b"{}")
    (record,) = stamp_batch(last, [prepared.envelope], AT.upper)
    line = encode_canonical_line(record, prepared.envelope, prepared.type, prepared.version)
    assert line == encode_line(record)
    assert decode_line(line) == record


def test_envelope_bytes_of_another_shape_are_read_to_make_the_line() -> None:
    prepared = prepare(declared(1))
    spaced = orjson.dumps(orjson.loads(prepared.envelope), option=orjson.OPT_INDENT_2)
    (record,) = stamp_batch(None, [spaced], AT.upper)
    assert encode_canonical_line(record, spaced, prepared.type, prepared.version) == \
        encode_line(record)
    assert encode_canonical_line(record, prepared.envelope, "IncidentAmended", 1) == \
        encode_line(record)


def test_a_jsonl_store_writes_imported_records_as_their_canonical_lines(tmp_path: Path) -> None:
    source = MemoryStore(TickingClock())
    source.append([declared(1), report(1)])
    source.append([report(2)])
    # Imported records whose envelope bytes are valid but not canonical: one
    # spaced out, one with the keys of its data in reverse order.
    def unsorted(envelope: bytes) -> bytes:
        parsed = orjson.loads(envelope)
        data = dict(reversed(list(parsed["data"].items())))
        return orjson.dumps({"data": data, "type": parsed["type"], "version": parsed["version"]})

    records = [attrs.evolve(record, envelope=orjson.dumps(orjson.loads(record.envelope),
                                                          option=orjson.OPT_INDENT_2))
               if record.seq == 1 else
               attrs.evolve(record, envelope=unsorted(record.envelope)) if record.seq == 2
               else record for record in source.records()]
    assert records[1].envelope.startswith(b'{"data":{"url"')
    path = tmp_path / "events.jsonl"
    with JsonlStore(path, TickingClock()) as store:
        assert store.import_records(records) == 3
        store.append([report(3)])
        assert path.read_bytes() == b"".join(encode_line(record) for record in store.records())
        assert store.verify().ok


@SETTINGS
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.just(UTC)),
       st.integers(0, 10**12))
def test_a_window_in_whole_microseconds_is_the_reference_window(lower: datetime,
                                                                width: int) -> None:
    point = TimePoint(lower, lower + timedelta(microseconds=width),
                      precision="instant" if width == 0 else "interval")
    event = ReportRetracted("report-1", point)
    rows: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    prepare(event, 3, rows)
    assert rows == event_rows(3, event)
    assert prepare(event).envelope == reference_bytes(event)
