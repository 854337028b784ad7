"""Envelopes, canonical bytes, JSON Lines, reading data written by version 1, and
law 9 (docs/laws.md) for every generated event (the store side is in test_laws.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given

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
    TimePoint,
    read_jsonl,
    write_jsonl,
)
from taji_events.errors import EnvelopeError
from taji_events.events import Event
from taji_events.serialization import (
    CURRENT_VERSIONS,
    dumps_event,
    event_hash,
    from_envelope,
    loads_event,
    to_envelope,
    upcast,
)
from taji_events.testing import events

FIXTURES = Path(__file__).parent / "fixtures"
TAJI = "taji-2020-03-11"
DRIVE = Source("The Drive", "news_outlet", zone="America/New_York")
TEXT_0 = ("Rockets hit Camp Taji. At least two Americans and one Briton were killed. "
          "No group claimed responsibility.")
TEXT_1 = TEXT_0 + " UPDATE 7:15pm EST: About a dozen were wounded, officials said."


def span(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(start, start + len(quote), quote)


def drive_revision(revision: int) -> ReportPublished:
    """What tests/fixtures/report_published_v1.jsonl holds, built with today's classes."""
    text = (TEXT_0, TEXT_1)[revision]
    claims = [
        Claim(incident=TAJI, field="killed",
              value=Count.at_least(3, text="At least two Americans and one Briton",
                                   breakdown={"US": 2, "GB": 1}),
              according_to=Speaker("two U.S. officials", "official_anonymous"),
              evidence=span(text, "At least two Americans and one Briton were killed")),
        Claim(incident=TAJI, field="attribution",
              value=Attribution(None, "no_claim", asserted_by="The Drive"),
              according_to=Speaker("The Drive", "news_outlet"),
              evidence=span(text, "No group claimed responsibility")),
    ]
    if revision:
        # Version 1 written without "speaker_kind": the upcaster makes it unattributed.
        claims.append(Claim(incident=TAJI, field="wounded", value=Count.read("about a dozen"),
                            according_to=Speaker("officials", "unattributed"),
                            evidence=span(text, "About a dozen were wounded"),
                            hedge="preliminary"))
    return ReportPublished(
        report_id="drive-taji", revision=revision, source=DRIVE,
        published_at=TimePoint.parse(("5:58pm EST", "7:15pm EST")[revision],
                                     reference=date(2020, 3, 11)),
        claims=claims, title="Rockets hit Camp Taji", url="https://example.org/drive-taji",
        text=text)


def sample_events() -> list[Event]:
    return [
        IncidentDeclared(incident_id=TAJI, title="Rocket attack on Camp Taji",
                         place="Camp Taji, Iraq", occurred_at=TimePoint.parse(
                             "7:35 p.m. (Iraq Time)", reference=date(2020, 3, 11)),
                         country="IQ", zone="Asia/Baghdad", description="Katyusha rockets"),
        drive_revision(0),
        drive_revision(1),
        ReportRetracted(report_id="drive-taji", at=TimePoint.parse("2020-03-13"),
                        reason="wrong incident"),
    ]


# -- round trip and canonical bytes ---------------------------------------------------------

@pytest.mark.parametrize("event", sample_events(), ids=lambda event: event.identity)
def test_every_event_round_trips_through_json(event: Event) -> None:
    assert loads_event(dumps_event(event)) == event
    assert from_envelope(to_envelope(event)) == event


def test_canonical_bytes_have_sorted_keys_and_no_spaces() -> None:
    retraction = ReportRetracted(report_id="drive-taji", at=TimePoint.parse("2020-03-13T08:00Z"),
                                 reason="wrong incident")
    assert dumps_event(retraction) == (
        b'{"data":{"at":{"lower":"2020-03-13T08:00:00Z","precision":"minute",'
        b'"text":"2020-03-13T08:00Z","upper":"2020-03-13T08:01:00Z","zone":"UTC",'
        b'"zone_source":"offset"},"reason":"wrong incident","report_id":"drive-taji"},'
        b'"type":"ReportRetracted","version":1}'
    )


def test_equal_events_have_equal_bytes_and_hash_whatever_zone_the_bounds_were_given_in() -> None:
    plus_three = timezone(timedelta(hours=3))
    local = TimePoint(lower=datetime(2020, 3, 11, 19, 35, tzinfo=plus_three),
                      upper=datetime(2020, 3, 11, 19, 36, tzinfo=plus_three),
                      precision="minute", text="19:35 Baghdad time")
    utc = TimePoint(lower=datetime(2020, 3, 11, 16, 35, tzinfo=UTC),
                    upper=datetime(2020, 3, 11, 16, 36, tzinfo=UTC),
                    precision="minute", text="19:35 Baghdad time")
    one = ReportRetracted(report_id="r", at=local)
    other = ReportRetracted(report_id="r", at=utc)
    assert dumps_event(one) == dumps_event(other)
    assert event_hash(one) == event_hash(other)
    assert event_hash(one) != event_hash(ReportRetracted(report_id="r", at=utc, reason="x"))


def test_bytes_are_stable_across_a_round_trip() -> None:
    for event in sample_events():
        raw = dumps_event(event)
        assert dumps_event(loads_event(raw)) == raw


def test_json_lines_round_trip_skipping_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    write_jsonl(sample_events(), path)
    assert path.read_bytes().count(b"\n") == 4
    assert read_jsonl(path) == sample_events()
    path.write_bytes(path.read_bytes().replace(b"\n", b"\n\n", 1))
    assert read_jsonl(path) == sample_events()


def test_a_bad_line_is_named_by_file_and_line_number(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    lines = [dumps_event(event) for event in sample_events()]
    lines[2] = lines[2].replace(b'"version":2', b'"version":7')
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(EnvelopeError, match=f"{path}:3: ReportPublished version 7"):
        read_jsonl(path)


# -- an older version on disk ---------------------------------------------------------------

def fixture_lines() -> list[bytes]:
    return (FIXTURES / "report_published_v1.jsonl").read_bytes().splitlines()


def test_the_fixture_really_is_version_1() -> None:
    envelopes = [orjson.loads(line) for line in fixture_lines()]
    assert [envelope["version"] for envelope in envelopes] == [1, 1]
    assert all(isinstance(claim["according_to"], str)
               for envelope in envelopes for claim in envelope["data"]["claims"])


def test_version_1_reports_load_as_todays_events() -> None:
    assert read_jsonl(FIXTURES / "report_published_v1.jsonl") == [drive_revision(0),
                                                                   drive_revision(1)]


def test_upcasting_version_1_nests_the_speaker_and_defaults_its_kind() -> None:
    old = orjson.loads(fixture_lines()[1])
    current = upcast(old)
    assert current["version"] == CURRENT_VERSIONS["ReportPublished"] == 2
    assert [claim["according_to"] for claim in current["data"]["claims"]] == [
        {"name": "two U.S. officials", "kind": "official_anonymous"},
        {"name": "The Drive", "kind": "news_outlet"},
        {"name": "officials", "kind": "unattributed"},
    ]
    assert all("speaker_kind" not in claim for claim in current["data"]["claims"])
    assert current == orjson.loads(dumps_event(drive_revision(1)))


def test_upcasting_keeps_ids_and_times_and_does_not_touch_its_input() -> None:
    for line in fixture_lines():
        old = orjson.loads(line)
        current = upcast(old)
        assert old == orjson.loads(line)  # the input envelope is not modified
        for key in ("report_id", "revision", "published_at"):
            assert current["data"][key] == old["data"][key]
        assert [claim["evidence"] for claim in current["data"]["claims"]] == \
            [claim["evidence"] for claim in old["data"]["claims"]]


def test_upcasting_is_idempotent_and_a_no_op_on_current_envelopes() -> None:
    for line in fixture_lines():
        once = upcast(orjson.loads(line))
        assert upcast(once) == once
    for event in sample_events():
        envelope = orjson.loads(dumps_event(event))
        assert upcast(envelope) == envelope


def test_a_version_1_report_written_back_out_is_version_2(tmp_path: Path) -> None:
    events = read_jsonl(FIXTURES / "report_published_v1.jsonl")
    write_jsonl(events, tmp_path / "current.jsonl")
    written = [orjson.loads(line) for line in (tmp_path / "current.jsonl").read_bytes().splitlines()]
    assert [envelope["version"] for envelope in written] == [2, 2]
    assert read_jsonl(tmp_path / "current.jsonl") == events


# -- law 9 (docs/laws.md) for every generated event -----------------------------------------

def as_version_1(envelope: dict[str, Any]) -> dict[str, Any]:
    """Write a current ReportPublished envelope the way version 1 did."""
    data = dict(envelope["data"])
    data["claims"] = [
        {**{k: v for k, v in claim.items() if k != "according_to"},
         "according_to": claim["according_to"]["name"],
         "speaker_kind": claim["according_to"]["kind"]}
        for claim in data["claims"]
    ]
    return {"type": "ReportPublished", "version": 1, "data": data}


@given(event=events())
def test_law9_every_event_round_trips_and_upcasting_is_idempotent(event: Event) -> None:
    raw = dumps_event(event)
    back = loads_event(raw)
    assert back == event and back.identity == event.identity
    assert dumps_event(back) == raw
    stored = orjson.loads(raw)
    assert upcast(stored) == stored and upcast(upcast(stored)) == stored
    assert orjson.dumps(to_envelope(event), option=orjson.OPT_SORT_KEYS) == raw
    if isinstance(event, ReportPublished):
        old = as_version_1(stored)
        assert upcast(old) == stored and upcast(upcast(old)) == stored
        restored = from_envelope(old)
        assert restored == event
        assert (restored.identity, restored.published_at) == (event.identity, event.published_at)
