"""Arbitrary and adversarial text: only TajiEventsError, valid events, bounded work."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taji_events.errors import TajiEventsError
from taji_events.extract import declarations_from, extract, extract_events

WORDS = (
    "killed wounded rockets fired hit struck the a at least more than about dozen dozens several no "
    "one two 15 (25) 1,200 107mm said told Reuters according to officials UPDATE: 6:20pm EST Update "
    "believes responsible claimed responsibility No group has claimed by , . ; “ ” \" ( ) - of which "
    "including and as well as Americans British U.S. Iraqi soldiers death toll rose to in January "
    "last year Dec. 27, 2019 Syria launcher found truck denied blamed hold didn't result in any losses "
    "date 2020-03-11 قتل مقتل tués heridos \n \n\n on Wednesday Wednesday's attack two days earlier "
    "three days ago last December in 2019 two of them seriously among coalition personnel among the dead "
    "struck back 107 mm 30-rocket 20-plus [25] suicide bomber blew himself up since K-1 took credit"
).split(" ")
#: Fragments whose long repetition could make a careless expression backtrack (see bench/extract.py).
ADVERSARIAL_UNITS = [
    "1", "a ", ", ", ". ", "“", "no group ", "killed 3 ", "a dozen more ", "X said ", "three of the ",
    "UPDATE: 6:20pm EST:\nTwo soldiers were killed.\n", "Update: " + "word " * 30 + "\n", "a-", "x",
]
wire_like = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=80).map(" ".join)


def _check(text: str) -> None:
    for event in extract_events(text, incident="x-2020-03-11", source="S", published="2020-03-11"):
        assert event.text is not None
        for claim in event.claims:
            assert event.text[claim.evidence.start:claim.evidence.end] == claim.evidence.quote


@given(st.text())
def test_any_text_gives_valid_events(text: str) -> None:
    _check(text)


@given(wire_like)
def test_wire_like_noise_gives_valid_events(text: str) -> None:
    _check(text)


@given(st.text(), st.text(max_size=20))
def test_only_library_errors_escape(text: str, published: str) -> None:
    with contextlib.suppress(TajiEventsError):
        extract_events(text, incident="x", source="S", published=published or None)


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_adversarial_repetitions_give_valid_events(unit: str) -> None:
    """Long repetitions of one fragment still give valid events (their cost is measured in
    bench/extract.py, ``BENCH_EXTRACT_KINDS=adversarial``: performance is never asserted here)."""
    _check(unit * (10_000 // len(unit)))


DECLARED = declarations_from([
    {"incident_id": "x-2020-03-11", "date": "2020-03-11", "zone": "Asia/Baghdad", "place": "Camp X, Iraq"},
    {"incident_id": "k1-2019-12-27", "date": "2019-12-27", "place": "K-1 base near Kirkuk, Iraq"},
    {"incident_id": "x-2020-01", "date": "2020-01", "place": "Camp X, Iraq"},
])


@given(wire_like, st.booleans())
def test_routing_and_recalled_declarations_give_valid_events(text: str, declare: bool) -> None:
    result = extract(text, incident="x-2020-03-11", source="S", published="2020-03-13",
                     incidents=DECLARED, declare_recalled=declare)
    declared = {incident.incident_id for incident in DECLARED} | {d.incident_id for d in result.declared}
    for event in result.reports:
        assert event.text is not None
        for claim in event.claims:
            assert claim.incident in declared
            assert event.text[claim.evidence.start:claim.evidence.end] == claim.evidence.quote
            assert claim.scope is None or claim.scope.strip()


@given(wire_like, st.text(max_size=40))
def test_any_declared_place_gives_valid_events(text: str, place: str) -> None:
    """Another incident's place, whatever its words, is read from the text without error; the
    place itself may appear in a place phrase of the text."""
    declared = declarations_from([
        {"incident_id": "x-2020-03-11", "date": "2020-03-11", "place": "Camp X, Iraq"},
        {"incident_id": "other-2020-03-11", "date": "2020-03-11", "place": place or None},
    ])
    body = f"{text} Two soldiers were wounded in the {place} area. “Three were killed,” he added."
    result = extract(body, incident="x-2020-03-11", source="S", published="2020-03-11", incidents=declared)
    for event in result.reports:
        assert event.text is not None
        for claim in event.claims:
            assert claim.incident in {"x-2020-03-11", "other-2020-03-11"}
            assert event.text[claim.evidence.start:claim.evidence.end] == claim.evidence.quote
