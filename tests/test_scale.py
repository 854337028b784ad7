"""The structures that make replay fast give exactly what a full replay of the log gives.

* :class:`~taji_events.ReplayIndex` (index by publication time and by record
  position, per-incident states computed once) == ``believed_at`` / ``known_at``
  on the store, for every query time, before and after more events arrive
  (late arrivals and retractions included), with and without warming;
* :func:`~taji_events.final_states` (one incident at a time) == ``known_at``
  of each incident;
* the credibility screen (linear) == the plain scan over every pair of claims,
  whatever order the claims come in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest
from builders import make_incident
from hypothesis import given, settings
from hypothesis import strategies as st
from store_suite import examples

from taji_events import POLICIES, ReplayIndex, believed_at, final_states, known_at, read_jsonl
from taji_events.active_claims import ActiveClaim
from taji_events.errors import InvalidQueryError, UnknownIncidentError
from taji_events.events import Event
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.model import Count
from taji_events.policies import AuthorityPolicy, Policy
from taji_events.sqlite import SQLiteStore
from taji_events.testing import TickingClock, event_streams, query_times

POLICY_NAMES = sorted(POLICIES)
_SEEDS = Path(__file__).parents[1] / "seeds" / "taji-2020-03-11.jsonl"


def _split(draw: st.DrawFn, events: list[Event]) -> tuple[list[Event], list[Event]]:
    cut = draw(st.integers(0, len(events)))
    return events[:cut], events[cut:]


@st.composite
def logs_and_times(draw: st.DrawFn) -> tuple[list[Event], list[Event], list[datetime]]:
    events = draw(event_streams(max_incidents=2, max_reports=5))
    head, tail = _split(draw, events)
    times = draw(st.lists(query_times(events), min_size=1, max_size=6))
    return head, tail, times


def _incidents(store: MemoryStore) -> list[str]:
    return store.incidents()


@given(logs_and_times(), st.sampled_from(POLICY_NAMES), st.sampled_from(("certain", "possible")),
       st.booleans())
def test_index_answers_equal_full_replay_before_and_after_appends(
        case: tuple[list[Event], list[Event], list[datetime]], policy: str, mode: str,
        warm: bool) -> None:
    head, tail, times = case
    store = MemoryStore(clock=TickingClock())
    index = ReplayIndex(store)
    for batch in (head, tail):
        if batch:
            store.append(batch)
        for incident in _incidents(store):
            if warm:
                index.warm(incident, policy=policy, mode=mode)
            for moment in times:
                assert index.believed_at(incident, moment, policy=policy, mode=mode) == \
                    believed_at(store, incident, moment, policy=policy, mode=mode)
            last = store.last_seq()
            for seq in sorted({1, last // 2, last, last + 3} - {0}):
                try:
                    expected = known_at(store, incident, seq=seq, policy=policy)
                except UnknownIncidentError:
                    with pytest.raises(UnknownIncidentError):
                        index.known_at(incident, seq=seq, policy=policy)
                    continue
                assert index.known_at(incident, seq=seq, policy=policy) == expected
            assert index.known_at(incident, policy=policy) == known_at(store, incident, policy=policy)


@given(event_streams(max_incidents=2, max_reports=4), st.data())
def test_index_by_record_time_equals_full_replay(events: list[Event], data: st.DataObject) -> None:
    clock = TickingClock()
    store = MemoryStore(clock=clock)
    for event in events:  # one batch per event: one second apart
        store.append([event])
    index = ReplayIndex(store)
    recorded = [item.recorded_at for item in store.read()]
    moment = data.draw(st.sampled_from(recorded))
    for incident in store.incidents():
        try:
            expected = known_at(store, incident, moment)
        except UnknownIncidentError:
            with pytest.raises(UnknownIncidentError):
                index.known_at(incident, moment)
            continue
        assert index.known_at(incident, moment) == expected


@given(event_streams(max_incidents=3, max_reports=5), st.sampled_from(POLICY_NAMES))
def test_final_states_equal_known_at_of_each_incident(events: list[Event], policy: str) -> None:
    store = MemoryStore(clock=TickingClock())
    store.append(events)
    states = list(final_states(store, policy=policy))
    assert [state.incident for state in states] == store.incidents()
    for state in states:
        assert state == known_at(store, state.incident, policy=policy)


def test_index_without_refresh_answers_from_its_basis_until_refreshed(tmp_path: Path) -> None:
    seeds = read_jsonl(_SEEDS)
    store = SQLiteStore(tmp_path / "events.db", clock=TickingClock())
    store.append(seeds[:5])
    index = ReplayIndex(store, refresh_on_query=False, max_incidents=1)
    incident = "taji-2020-03-11"
    before = index.believed_at(incident, "2020-03-13")
    store.append(seeds[5:])
    assert index.basis_seq == 5
    assert index.believed_at(incident, "2020-03-13") == before
    assert index.refresh() == len(seeds) - 5
    assert index.believed_at(incident, "2020-03-13") == believed_at(store, incident, "2020-03-13")
    # max_incidents=1: another incident evicts this one, and it loads again.
    other = next(name for name in store.incidents() if name != incident)
    index.believed_at(other, "2020-03-13")
    assert index.believed_at(incident, "2020-03-13")["killed"].describe() == \
        "3 (3..3) confirmed [GB 1, US 2]"
    with pytest.raises(UnknownIncidentError, match="no-such-incident"):
        index.believed_at("no-such-incident", "2020-03-13")
    with pytest.raises(InvalidQueryError, match="max_incidents"):
        ReplayIndex(store, max_incidents=0)
    store.close()


# -- the credibility screen ----------------------------------------------------------------------

def _reference_credible(policy: Policy, claims: Sequence[ActiveClaim]) -> list[tuple[str, str | None]]:
    """The definition: each claim scanned against every other, in the order given."""
    times = {id(item): item.first_published_at.sort_key for item in claims}
    return [(item.ref, policy._discredit(item, claims, times, 0)) for item in claims]


def _outcome(policy: Policy, claims: Sequence[ActiveClaim]) -> list[tuple[str, str | None]]:
    kept, aside = policy.credible(claims)
    reasons = {id(entry.claim): entry.reason for entry in aside}
    assert len(kept) + len(aside) == len(claims)
    return [(item.ref, reasons.get(id(item))) for item in claims]


@settings(max_examples=examples(30, 60))
@given(event_streams(max_incidents=1, max_reports=8, max_revisions=2), st.sampled_from(POLICY_NAMES),
       st.randoms(use_true_random=False))
def test_credibility_screen_equals_the_pairwise_scan(events: list[Event], name: str,
                                                      rng: random.Random) -> None:
    ledger = Ledger.from_events(events)
    policy = POLICIES[name]
    for incident in ledger.reports_by_incident:
        by_field: dict[str, list[ActiveClaim]] = {}
        for item in ledger.active_claims(incident):
            if isinstance(item.claim.value, Count):
                by_field.setdefault(item.claim.field, []).append(item)
        for claims in by_field.values():
            assert _outcome(policy, claims) == _reference_credible(policy, claims)
            shuffled = list(claims)
            rng.shuffle(shuffled)
            assert _outcome(policy, shuffled) == _reference_credible(policy, shuffled)


def test_bad_seqs_are_query_errors_on_both_paths() -> None:
    store = MemoryStore()
    store.append(read_jsonl(_SEEDS))
    index = ReplayIndex(store)
    for bad in ("10", 2.5, True):
        with pytest.raises(InvalidQueryError, match="whole number"):
            known_at(store, "taji-2020-03-11", seq=bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidQueryError, match="whole number"):
            index.known_at("taji-2020-03-11", seq=bad)  # type: ignore[arg-type]
    # A new Policy object per question does not grow the index without bound.
    for _ in range(100):
        index.believed_at("taji-2020-03-11", "2020-03-13", policy=AuthorityPolicy())
    assert len(index._policies) <= 32
    assert index.believed_at("taji-2020-03-11", "2020-03-13", policy=AuthorityPolicy()) == \
        believed_at(store, "taji-2020-03-11", "2020-03-13")


class _RacingStore(MemoryStore):
    """A writer declares an incident between final_states' last_seq() and incidents()."""

    def incidents(self) -> list[str]:
        if "late-incident" not in super().incidents():
            self.append([make_incident("late-incident")])
        return super().incidents()


def test_final_states_skips_incidents_recorded_after_it_started() -> None:
    store = _RacingStore()
    store.append(read_jsonl(_SEEDS))
    last = store.last_seq()
    states = list(final_states(store))
    assert "late-incident" not in [state.incident for state in states]
    assert {state.basis_seq for state in states} == {last}
    # Incidents named by the caller are not skipped: a missing one is an error.
    with pytest.raises(UnknownIncidentError, match="no-such-incident"):
        list(final_states(store, incidents=["taji-2020-03-11", "no-such-incident"]))


def test_an_index_behind_the_store_says_so() -> None:
    store = MemoryStore()
    store.append(read_jsonl(_SEEDS)[:3])
    index = ReplayIndex(store, refresh_on_query=False)
    store.append([make_incident("new-incident")])
    with pytest.raises(UnknownIncidentError, match=r"basis_seq 3 \(the store is at seq 4\).*refresh"):
        index.believed_at("new-incident", "2020-03-13")
    index.refresh()
    assert index.known_at("new-incident").incident == "new-incident"
