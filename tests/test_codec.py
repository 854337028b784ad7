"""The hand-written codecs of the hot paths agree with the validating converter.

Appends encode through :func:`taji_events._codec.unstructure_event` and store
reads decode through :func:`taji_events._codec.trusted_event`; both must give
exactly what the cattrs converter (the reference, used for outside data) gives.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from taji_events import Claim, Count, IncidentDeclared, ReportPublished, TimePoint, known_at, read_jsonl
from taji_events._codec import _time, trusted_event, unstructure_event
from taji_events.chain import stamp_batch
from taji_events.errors import EnvelopeError, InvalidEventError
from taji_events.events import Event
from taji_events.memory import MemoryStore
from taji_events.serialization import (
    converter,
    dumps_event,
    from_envelope,
    loads_event,
    loads_stored,
    to_envelope,
)
from taji_events.sqlite import SQLiteStore
from taji_events.store import StoredRecord
from taji_events.testing import events
from taji_events.timepoint import format_utc

SEEDS = Path(__file__).parents[1] / "seeds" / "taji-2020-03-11.jsonl"


@given(events())
def test_encoding_is_the_converters(event: Event) -> None:
    assert unstructure_event(event) == converter.unstructure(event)
    assert dumps_event(event) == orjson.dumps(
        {"type": type(event).__name__, "version": to_envelope(event)["version"],
         "data": converter.unstructure(event)}, option=orjson.OPT_SORT_KEYS)


@given(events())
def test_trusted_reading_equals_validated_reading(event: Event) -> None:
    envelope = orjson.loads(dumps_event(event))
    fast = trusted_event(envelope)
    assert fast == from_envelope(envelope) == event
    assert loads_stored(dumps_event(event)) == event


def test_old_versions_and_odd_envelopes_take_the_validating_reader() -> None:
    version_1 = {"type": "ReportPublished", "version": 1, "data": {}}
    assert trusted_event(version_1) is None
    assert trusted_event({"type": "IncidentDeclared", "version": 1, "data": {"title": "x"}}) is None
    assert trusted_event([1, 2]) is None


def test_times_before_year_1000_keep_the_reference_format() -> None:
    point = TimePoint.instant(datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert _time(point) == converter.unstructure(point)


def test_trusted_breakdowns_stay_immutable() -> None:
    claim_event = next(event for event in read_jsonl(SEEDS) if isinstance(event, ReportPublished)
                       and any(isinstance(c.value, Count) and c.value.breakdown for c in event.claims))
    read = loads_stored(dumps_event(claim_event))
    assert isinstance(read, ReportPublished)
    breakdowns = [c.value.breakdown for c in read.claims if isinstance(c.value, Count) and c.value.breakdown]
    with pytest.raises(TypeError):
        breakdowns[0]["XX"] = 1  # type: ignore[index]


def _non_canonical_records(tmp_path: Path) -> tuple[list[StoredRecord], ReportPublished]:
    """A current-version envelope the validating reader accepts but our encoder never
    writes: counts without their stated figure, a time with an offset. Such a log can
    only arrive through an import."""
    report = next(event for event in read_jsonl(SEEDS) if isinstance(event, ReportPublished)
                  and any(isinstance(c.value, Count) and len(c.value.breakdown) > 1
                          for c in event.claims))
    envelope = orjson.loads(dumps_event(report))
    for claim in envelope["data"]["claims"]:
        if claim["value"]["kind"] == "count":
            claim["value"]["stated"] = None
    lower = datetime.fromisoformat(envelope["data"]["published_at"]["lower"])
    envelope["data"]["published_at"]["lower"] = lower.astimezone(
        timezone(timedelta(hours=3))).isoformat()
    raw = orjson.dumps(envelope, option=orjson.OPT_SORT_KEYS)  # as the chain hashes it
    return stamp_batch(None, [raw], datetime(2020, 3, 12, tzinfo=UTC)), report


def test_imported_non_canonical_rows_read_as_the_validating_reader_reads_them(
        tmp_path: Path) -> None:
    records, report = _non_canonical_records(tmp_path)
    # (Not equal to the report: the reader fills a missing stated figure in from the bounds.)
    reference = from_envelope(orjson.loads(records[0].envelope))
    with SQLiteStore(tmp_path / "events.db") as store:
        assert store.import_records(records) == 1
        assert store.verify().ok
        (read,) = [item.event for item in store.read()]
        assert read == reference
        assert isinstance(read, ReportPublished)
        counts = [c.value for c in read.claims if isinstance(c.value, Count)]
        assert all(isinstance(value.stated, int) for value in counts)
        assert all(list(v.breakdown) == sorted(v.breakdown) for v in counts)
        memory = MemoryStore()
        memory.import_records(store.records())
        incident = next(iter(report.incidents))
        assert known_at(store, incident) == known_at(memory, incident)


def test_events_before_year_1000_are_written_so_they_read_back(tmp_path: Path) -> None:
    moment = datetime(999, 5, 1, 12, 30, tzinfo=UTC)
    assert format_utc(moment) == "0999-05-01T12:30:00Z"
    event = IncidentDeclared(incident_id="old-siege", title="t", place="p",
                             occurred_at=TimePoint.instant(moment))
    with SQLiteStore(tmp_path / "events.db") as store:
        store.append([event])
        assert [item.event for item in store.read()] == [event]
    assert loads_stored(dumps_event(event)) == event == loads_event(dumps_event(event))


def test_a_float_version_is_left_to_the_validating_reader() -> None:
    envelope = orjson.loads(dumps_event(next(iter(read_jsonl(SEEDS)))))
    envelope["version"] = 1.0
    assert trusted_event(envelope) is None
    with pytest.raises(EnvelopeError, match="version"):
        from_envelope(envelope)


_SCOPES = st.one_of(st.none(), st.text(min_size=1, max_size=30).filter(str.strip))


@given(events(), st.data())
def test_scoped_claims_encode_alike_on_both_paths_and_read_back(event: Event, data: st.DataObject) -> None:
    if isinstance(event, ReportPublished) and event.claims:
        event = attrs.evolve(event, claims=tuple(attrs.evolve(claim, scope=data.draw(_SCOPES))
                                                 for claim in event.claims))
    assert unstructure_event(event) == converter.unstructure(event)
    envelope = orjson.loads(dumps_event(event))
    assert trusted_event(envelope) == from_envelope(envelope) == event


def test_an_unscoped_claim_has_no_scope_key_so_old_bytes_stay_the_same() -> None:
    stored = SEEDS.read_bytes().splitlines()
    for line in stored:
        event = loads_event(line)
        assert b'"scope"' not in dumps_event(event)
        if isinstance(event, ReportPublished) and event.claims:
            scoped = attrs.evolve(event.claims[0], scope="coalition personnel")
            assert converter.unstructure(scoped)["scope"] == "coalition personnel"


@pytest.mark.parametrize("scope", ["", "   ", 3])
def test_a_scope_is_none_or_non_empty_text(scope: object) -> None:
    claim = next(claim for line in SEEDS.read_bytes().splitlines()
                 if isinstance(event := loads_event(line), ReportPublished) for claim in event.claims)
    with pytest.raises(InvalidEventError, match="scope"):
        attrs.evolve(claim, scope=scope)
    assert isinstance(attrs.evolve(claim, scope=None), Claim)
