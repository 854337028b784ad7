"""The hand-written codecs of the hot paths agree with the validating converter.

Appends encode through :func:`taji_events._codec.unstructure_event` and store
reads decode through :func:`taji_events._codec.trusted_event`; both must give
exactly what the cattrs converter (the reference, used for outside data) gives.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import given

from taji_events import Count, ReportPublished, TimePoint, from_envelope, read_jsonl, to_envelope
from taji_events._codec import _time, trusted_event, unstructure_event
from taji_events.events import Event
from taji_events.serialization import converter, dumps_event, loads_stored
from taji_events.testing import events

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
