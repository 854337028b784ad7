"""Bad input raises the specific TajiEventsError subclass, naming the input; stores
given a batch with a bad item write nothing."""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from store_suite import BACKENDS, new_store

import taji_events as te
from taji_events import (
    Attribution,
    Claim,
    Count,
    Evidence,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
    Source,
    Speaker,
    TajiEventsError,
    TimePoint,
    read_jsonl,
)
from taji_events import report as report_module
from taji_events.cli import main as cli_main
from taji_events.errors import (
    EnvelopeError,
    EvidenceSpanError,
    IdentityConflictError,
    InvalidCountError,
    InvalidEventError,
    NaiveDatetimeError,
    ReportError,
    TimeParseError,
    UnknownEventTypeError,
    UnknownEventVersionError,
    UnknownFieldError,
)
from taji_events.memory import MemoryStore
from taji_events.serialization import from_envelope, loads_event, to_envelope
from taji_events.store import Clock, EventStore
from taji_events.testing import TickingClock
from taji_events.timepoint import format_utc

TAJI = "taji-2020-03-11"
TEXT = "Three Americans were killed and about a dozen wounded."
PUBLISHED = TimePoint.parse("6:20pm EST", reference=date(2020, 3, 11))


def report(report_id: str = "reuters-1", revision: int = 0) -> ReportPublished:
    return ReportPublished(
        report_id=report_id, revision=revision, source=Source("Reuters", "wire"),
        published_at=PUBLISHED, text=TEXT,
        claims=[Claim(incident=TAJI, field="killed", value=Count.read("three"),
                      according_to=Speaker("CJTF-OIR", "official_on_record"),
                      evidence=Evidence(0, 27, "Three Americans were killed"))])


def envelope() -> dict[str, Any]:
    plain: dict[str, Any] = orjson.loads(orjson.dumps(to_envelope(report())))
    return plain


# -- malformed envelopes --------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "error", "message"), [
    (b'{"type": ', EnvelopeError, "not valid JSON"),
    (b'{"type": "ReportPublished", "version": 2}', EnvelopeError, r"missing \['data'\]"),
    (b'{"type": "ReportDeleted", "version": 1, "data": {}}', UnknownEventTypeError,
     "'ReportDeleted'"),
    (b'{"type": "ReportPublished", "version": 9, "data": {}}', UnknownEventVersionError,
     "version 9 is newer"),
    (b'{"type": "ReportPublished", "version": 0, "data": {}}', EnvelopeError, "got 0"),
    (b'{"type": "ReportPublished", "version": "2", "data": {}}', EnvelopeError, "got '2'"),
    (b'{"type": "ReportPublished", "version": true, "data": {}}', EnvelopeError, "got True"),
    (b'{"type": "ReportPublished", "version": 2, "data": []}', EnvelopeError,
     r"data must be a JSON object, got \[\]"),
])
def test_malformed_envelopes(raw: bytes, error: type[TajiEventsError], message: str) -> None:
    with pytest.raises(error, match=message):
        loads_event(raw)


def test_extra_envelope_keys_are_named() -> None:
    with pytest.raises(EnvelopeError, match=r"unexpected \['seq'\]"):
        from_envelope({**envelope(), "seq": 3})


@pytest.mark.parametrize("raw", [b'"hello"', b"[1, 2]", b"42", b"null"])
def test_json_that_is_not_an_object_is_an_envelope_error(raw: bytes) -> None:
    # EnvelopeError, so that read_jsonl can name the file and line.
    with pytest.raises(EnvelopeError, match="JSON object"):
        loads_event(raw)


def edited(path: str, value: Any) -> dict[str, Any]:
    """The sample envelope with the value at ``path`` ("data.claims.0.hedge") replaced,
    or removed when ``value`` is ``...``."""
    result = envelope()
    *parents, last = path.split(".")
    target: Any = result
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is ...:
        del target[last]
    else:
        target[int(last) if isinstance(target, list) else last] = value
    return result


@pytest.mark.parametrize(("path", "value", "error", "message"), [
    ("data.revision", "0", EnvelopeError, "got '0'"),
    ("data.report_id", 5, EnvelopeError, "got 5"),
    ("data.title", None, EnvelopeError, "got None"),
    ("data.extra", 1, EnvelopeError, "extra"),
    ("data.source", ..., EnvelopeError, "missing @ data.source"),
    ("data.claims.0.value.kind", "number", EnvelopeError, "kind 'count' or 'attribution'"),
    ("data.claims.0.value.low", -1, InvalidCountError, "negative"),
    ("data.claims.0.value.low", 5, InvalidCountError, "low 5 is above high 3"),
    ("data.claims.0.value.high", "open", InvalidCountError, "got 'open'"),
    ("data.claims.0.hedge", "maybe", InvalidEventError, "'maybe'"),
    ("data.published_at.lower", "yesterday", EnvelopeError, "'yesterday'"),
    ("data.published_at.lower", "2020-03-11T22:20:00", NaiveDatetimeError,
     "'2020-03-11T22:20:00'"),
    ("data.claims.0.evidence.start", 1, InvalidEventError, "quote has 27"),
])
def test_wrong_data_raises_the_specific_error_naming_the_input(
    path: str, value: Any, error: type[TajiEventsError], message: str
) -> None:
    with pytest.raises(error, match=message) as raised:
        from_envelope(edited(path, value))
    assert "ReportPublished" in str(raised.value)


def shifted_evidence(start: int) -> dict[str, Any]:
    data = envelope()
    evidence = data["data"]["claims"][0]["evidence"]
    evidence["start"], evidence["end"] = start, start + len(evidence["quote"])
    return data


def test_evidence_outside_the_text_in_an_envelope() -> None:
    with pytest.raises(EvidenceSpanError, match=r"reuters-1.*text length 54"):
        from_envelope(shifted_evidence(40))


# -- bad values at construction -------------------------------------------------------------

def test_evidence_span_that_does_not_match_the_text() -> None:
    wrong = Evidence(0, 27, "three Americans were killed")  # the text says "Three"
    with pytest.raises(EvidenceSpanError, match="'three Americans were killed'") as raised:
        attrs.evolve(report(), claims=[attrs.evolve(report().claims[0], evidence=wrong)])
    assert "reuters-1" in str(raised.value) and "claims[0]" in str(raised.value)


def test_evidence_span_past_the_end_of_the_text() -> None:
    past_end = Evidence(50, 59, "wounded!!")
    with pytest.raises(EvidenceSpanError, match="text length 54"):
        attrs.evolve(report(), claims=[attrs.evolve(report().claims[0], evidence=past_end)])


def test_negative_counts_and_low_above_high() -> None:
    with pytest.raises(InvalidCountError, match="-2"):
        Count.exact(-2)
    with pytest.raises(InvalidCountError, match="low 4 is above high 2"):
        Count(low=4, high=2, qualifier="about", stated=3)


def test_negative_revision_and_empty_ids() -> None:
    with pytest.raises(InvalidEventError, match="got -1"):
        report(revision=-1)
    with pytest.raises(InvalidEventError, match="report_id"):
        report(report_id=" ")
    with pytest.raises(InvalidEventError, match="incident_id"):
        IncidentDeclared(incident_id="", title="t", place="p", occurred_at=PUBLISHED)


def test_naive_datetimes_are_refused_by_events() -> None:
    naive = datetime(2020, 3, 11, 22, 20)
    with pytest.raises(NaiveDatetimeError):
        attrs.evolve(report(), published_at=naive)
    with pytest.raises(NaiveDatetimeError):
        ReportRetracted(report_id="reuters-1", at=naive)


# -- stores write nothing from a bad batch --------------------------------------------------

StoreFactory = Callable[[Clock], EventStore]


@pytest.fixture(params=BACKENDS)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    opened: list[EventStore] = []
    numbers = itertools.count()

    def factory(clock: Clock) -> EventStore:
        store = new_store(request.param, request, tmp_path / f"bad-{next(numbers)}", clock)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def contents(store: EventStore) -> list[tuple[int, datetime, bytes]]:
    return [(entry.seq, entry.recorded_at, orjson.dumps(to_envelope(entry.event)))
            for entry in store.read()]


@pytest.mark.parametrize(("bad_batch", "error", "message"), [
    (lambda: [report("new"), {"type": "ReportPublished"}], InvalidEventError, r"events\[1\]"),
    (lambda: [report("new"), None], InvalidEventError, r"events\[1\] is NoneType"),
    (lambda: [report("new"), attrs.evolve(report(), title="edited")], IdentityConflictError,
     "report:reuters-1@0"),
    (lambda: [report("new"), report("twin"), attrs.evolve(report("twin"), title="edited")],
     IdentityConflictError, r"events\[1\] and events\[2\]"),
    (lambda: report("new"), InvalidEventError, "wrap it in a list"),
])
def test_a_batch_with_a_bad_item_writes_nothing(
    make_store: StoreFactory, bad_batch: Callable[[], Any], error: type[TajiEventsError],
    message: str
) -> None:
    with make_store(TickingClock()) as store:
        store.append([report()])
        before = contents(store)
        with pytest.raises(error, match=message):
            store.append(bad_batch())
        assert contents(store) == before and store.last_seq() == 1
        assert store.incidents() == [TAJI]


def test_a_naive_clock_writes_nothing(make_store: StoreFactory) -> None:
    with make_store(lambda: datetime(2020, 3, 12, 9)) as store:
        with pytest.raises(NaiveDatetimeError, match="clock"):
            store.append([report(), report("other")])
        assert store.last_seq() == 0 and list(store.read()) == []


def later(factory: Callable[..., object], *args: Any, **fields: Any) -> Callable[[], object]:
    """``factory(*args, **fields)``, called by the test (values typed Any on purpose)."""
    return lambda: factory(*args, **fields)


@pytest.mark.parametrize(("build", "named"), [
    (later(IncidentDeclared, incident_id=TAJI, title=123, place="Camp Taji",
           occurred_at=PUBLISHED), "IncidentDeclared.title"),
    (later(attrs.evolve, report(), source="Reuters"), "ReportPublished.source"),
    (later(attrs.evolve, report(), text=54), "ReportPublished.text"),
    (later(attrs.evolve, report().claims[0], according_to="CJTF-OIR"), "Claim.according_to"),
    (later(attrs.evolve, report().claims[0], value=3), "Claim.value"),
    (later(Speaker, None, "wire"), "Speaker.name"),
    (later(Evidence, 0, 1, 5), "Evidence.quote"),
    (later(Attribution, 5, "claimed"), "Attribution.actor"),
])
def test_wrongly_typed_fields_are_refused_naming_the_field(
    build: Callable[[], object], named: str
) -> None:
    # Accepted, such a value would be stored but could never be read back.
    with pytest.raises(InvalidEventError, match=re.escape(named)):
        build()


def test_an_event_with_a_wrongly_typed_time_text_is_refused_and_not_written(
    make_store: StoreFactory
) -> None:
    with make_store(TickingClock(datetime(2020, 3, 12, tzinfo=UTC))) as store:
        with pytest.raises(TajiEventsError):
            odd = later(attrs.evolve, PUBLISHED, text=5)()
            assert isinstance(odd, TimePoint)
            store.append([report(), ReportRetracted(report_id="reuters-1", at=odd)])
        assert store.last_seq() == 0


def test_unchanged_sample_envelope_is_valid() -> None:
    # Guards the tests above: each fails only because of the one edit it makes.
    assert from_envelope(copy.deepcopy(envelope())) == report()


# -- values no store could keep (issue 10) --------------------------------------------------

@pytest.mark.parametrize("kind", [["ReportPublished"], {"name": "ReportPublished"}, 7, None])
def test_an_envelope_type_that_is_not_a_string_is_an_envelope_error(
    kind: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**envelope(), "type": kind}
    with pytest.raises(EnvelopeError, match="type must be a string"):
        from_envelope(bad)
    with pytest.raises(EnvelopeError, match="type must be a string"):
        loads_event(orjson.dumps(bad))
    path = tmp_path / "bad.jsonl"
    path.write_bytes(orjson.dumps(envelope()) + b"\n" + orjson.dumps(bad) + b"\n")
    with pytest.raises(EnvelopeError, match=r"bad\.jsonl:2: envelope type must be a string"):
        read_jsonl(path)
    assert cli_main(["ingest", str(path), "--db", str(tmp_path / "s.db")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "bad.jsonl:2" in error and "Traceback" not in error


TOO_BIG = 2**64


@pytest.mark.parametrize(("build", "error", "named"), [
    (later(Count.exact, TOO_BIG), InvalidCountError, "low"),
    (later(Count, low=1, high=TOO_BIG, qualifier="about", stated=2), InvalidCountError, "high"),
    (later(Count.exact, 3, breakdown={"US": TOO_BIG}), InvalidCountError, "breakdown"),
    (later(report, revision=TOO_BIG), InvalidEventError, "revision"),
    (later(Evidence, TOO_BIG, TOO_BIG + 5, "three"), InvalidEventError, "start"),
])
def test_whole_numbers_beyond_64_bits_are_refused_at_construction(
    build: Callable[[], object], error: type[TajiEventsError], named: str
) -> None:
    with pytest.raises(error, match=rf"{named}.*2\*\*63 - 1"):
        build()


LONE = "bad \ud800 text"


@pytest.mark.parametrize(("build", "named"), [
    (later(attrs.evolve, report(), title=LONE), "ReportPublished.title"),
    (later(attrs.evolve, report(), url=LONE), "ReportPublished.url"),
    (later(attrs.evolve, report(), report_id=LONE), "ReportPublished.report_id"),
    (later(Source, LONE, "wire"), "Source.name"),
    (later(Speaker, LONE, "wire"), "Speaker.name"),
    (later(attrs.evolve, report().claims[0], note=LONE), "Claim.note"),
    (later(attrs.evolve, report().claims[0], incident=LONE), "Claim.incident"),
    (later(Attribution, LONE, "claimed"), "Attribution.actor"),
    (later(IncidentDeclared, incident_id=TAJI, title=LONE, place="p", occurred_at=PUBLISHED),
     "IncidentDeclared.title"),
    (later(ReportRetracted, report_id="r", at=PUBLISHED, reason=LONE), "ReportRetracted.reason"),
    (later(attrs.evolve, PUBLISHED, text=LONE), "TimePoint.text"),
    (later(Count.exact, 3, text=LONE), "Count.text"),
    (later(Count.exact, 3, breakdown={LONE: 1}), "breakdown key"),
])
def test_a_lone_surrogate_in_any_string_is_refused_at_construction(
    build: Callable[[], object], named: str
) -> None:
    with pytest.raises(TajiEventsError, match=rf"{re.escape(named)}.*lone surrogate"):
        build()


@pytest.mark.parametrize(("build", "named"), [
    (later(report, report_id="reuters\x001"), "ReportPublished.report_id"),
    (later(IncidentDeclared, incident_id="taji\x00", title="t", place="p",
           occurred_at=PUBLISHED), "IncidentDeclared.incident_id"),
    (later(attrs.evolve, report().claims[0], incident="taji\x00"), "Claim.incident"),
    (later(ReportRetracted, report_id="r\x00", at=PUBLISHED), "ReportRetracted.report_id"),
])
def test_a_nul_character_in_an_id_is_refused_everywhere(
    build: Callable[[], object], named: str
) -> None:
    # PostgreSQL cannot keep one in a text column, so such a store could not be copied there.
    with pytest.raises(InvalidEventError, match=rf"{re.escape(named)}.*NUL"):
        build()


def test_a_nul_or_surrogate_in_an_envelope_is_an_error_naming_the_field() -> None:
    with pytest.raises(InvalidEventError, match=r"report_id.*NUL"):
        from_envelope(edited("data.report_id", "a\x00b"))
    with pytest.raises(InvalidEventError, match="NUL"):
        loads_event(orjson.dumps(edited("data.claims.0.incident", "taji\x00")))


@pytest.mark.parametrize(("text", "lower", "upper", "precision"), [
    ("2020-03-11T22Z", "2020-03-11T22:00:00Z", "2020-03-11T23:00:00Z", "hour"),
    ("2020-03-11T22+03:00", "2020-03-11T19:00:00Z", "2020-03-11T20:00:00Z", "hour"),
    ("2020-03-11T22:20:05,25Z", "2020-03-11T22:20:05.250000Z", "2020-03-11T22:20:05.250000Z",
     "instant"),
    ("2020-03-11T22:20:05.123456000Z", "2020-03-11T22:20:05.123456Z",
     "2020-03-11T22:20:05.123456Z", "instant"),
])
def test_iso_8601_hours_decimal_commas_and_padded_fractions_are_read(
    text: str, lower: str, upper: str, precision: str
) -> None:
    point = TimePoint.parse(text)
    assert (format_utc(point.lower), format_utc(point.upper), point.precision) == (
        lower, upper, precision)


def test_fractions_finer_than_a_microsecond_are_refused_saying_so() -> None:
    with pytest.raises(TimeParseError, match=r"7 fractional digits.*round it to 6"):
        TimePoint.parse("2020-03-11T22:20:05.1234567Z")


def test_an_unknown_field_of_a_state_is_the_librarys_error_naming_the_fields() -> None:
    store = MemoryStore()
    store.append(te.read_jsonl(Path(__file__).parents[1] / "seeds" / "taji-2020-03-11.jsonl"))
    state = te.believed_at(store, "taji-2020-03-11", "2020-03-13")
    with pytest.raises(UnknownFieldError, match=r"'kiled'.*fields: killed, wounded") as caught:
        state["kiled"]
    assert isinstance(caught.value, te.TajiEventsError)
    assert str(caught.value).startswith("no belief about field 'kiled'")  # no KeyError quotes


def test_the_report_error_lives_with_the_other_errors() -> None:
    assert report_module.ReportError is ReportError and issubclass(ReportError, te.TajiEventsError)
