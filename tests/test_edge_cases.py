"""Edge cases found in review: each once misbehaved, each must keep working."""

from __future__ import annotations

import io
from datetime import date

import pytest
from scenario import INCIDENT, declare, report, retract, said

import taji_events as te
from taji_events.errors import (
    IntegrityError,
    InvalidCountError,
    InvalidEventError,
    SnapshotError,
    TimeParseError,
    UnknownZoneError,
)
from taji_events.memory import MemoryStore
from taji_events.snapshots import Snapshot
from taji_events.transfer import export_jsonl, import_jsonl


def test_a_field_whose_last_claim_is_withdrawn_goes_back_to_unknown_in_the_timeline() -> None:
    store = MemoryStore()
    store.append([declare(), report("r", 0, "2020-03-11T20:00Z",
                                    said("launcher_found", "one"), said("killed", "2")),
                  retract("r", "2020-03-11T22:00Z")])
    changes = [(e.field, e.new.describe()) for e in te.timeline(store, INCIDENT)
               if e.at.hour == 22]
    assert ("killed", "unknown") in changes
    assert ("launcher_found", "unknown") in changes


def test_first_published_is_never_after_the_claim_was_published() -> None:
    store = MemoryStore()
    # Revision numbers contradict publication times: revision 1 came out first.
    store.append([declare(), report("r", 0, "2020-03-11T21:00Z", said("killed", "3")),
                  report("r", 1, "2020-03-11T20:00Z", said("killed", "3"))])
    claim = te.believed_at(store, INCIDENT, "2020-03-11T22:00Z").claims[0]
    assert claim.first_published_at.upper <= claim.published_at.upper


def test_importing_an_unrelated_shorter_log_is_refused() -> None:
    first, second = MemoryStore(), MemoryStore()
    first.append([declare(), report("a", 0, "2020-03-11T20:00Z", said("killed", "3"))])
    second.append([declare("other-incident")])
    exported = io.BytesIO()
    export_jsonl(second, exported)
    exported.seek(0)
    with pytest.raises(IntegrityError, match="not the beginning of the same log"):
        import_jsonl(exported, first)
    # The store's own beginning is accepted as already present.
    own = io.BytesIO()
    export_jsonl(first, own)
    own.seek(0)
    assert import_jsonl(own, first) == 0


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "9999-12-31T23:30-05:00"])
def test_dates_at_the_edge_of_the_calendar_are_a_clear_error(text: str) -> None:
    with pytest.raises(TimeParseError, match="out of the supported range"):
        te.TimePoint.parse(text)


@pytest.mark.parametrize("text", ["2020-03-11T00:00+14:45", "2020-03-11T23:59-12:30"])
def test_offsets_beyond_civil_time_zones_are_refused(text: str) -> None:
    # Otherwise a precise time could fall outside its own widened date (law 10).
    with pytest.raises(UnknownZoneError, match=r"-12:00\.\.\+14:00"):
        te.TimePoint.parse(text)


@pytest.mark.parametrize(("build", "error"), [
    (lambda: te.Count(low=1, high=1, breakdown=[("US", 1)]), InvalidCountError),
    (lambda: te.Count(low=1, high=1, breakdown={1: 1}), InvalidCountError),
    (lambda: te.Count.read(None), InvalidCountError),
    (lambda: te.TimePoint.parse("6:20pm EST", reference="2020-03-11"), TimeParseError),
    (lambda: te.TimePoint.parse("2020-03-11", zone=123), TimeParseError),
    (lambda: te.ReportPublished(report_id="r", revision=0, source=te.Source("S", "wire"),
                                published_at=te.TimePoint.parse("2020-03-11"), claims=None),
     InvalidEventError),
    (lambda: Snapshot.loads(b'{"format":"taji_events.snapshot","version":1,"seq":0,'
                               b'"events":5}'), SnapshotError),
    (lambda: Snapshot.loads(b'{"format":"taji_events.snapshot","version":1,"seq":true,'
                               b'"events":[]}'), SnapshotError),
])
def test_bad_values_raise_library_errors(build: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        build()  # type: ignore[operator]


def test_reference_dates_still_work() -> None:
    point = te.TimePoint.parse("6:20pm EST", reference=date(2020, 3, 11))
    assert point.precision == "minute"
