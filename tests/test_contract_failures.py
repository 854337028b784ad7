"""A broken policy and a broken store fail the public contracts with the message a
user needs: the law's name, the shrunk events, and how to read the failure."""

from __future__ import annotations

import unittest
from collections.abc import Iterator

import pytest
from broken import OneAtATimeStore, OutOfRangePolicy, OwnClockStore, UnlistedChoicePolicy
from hypothesis import Phase, settings
from hypothesis import strategies as st

from taji_events.events import Event
from taji_events.store import Clock, EventStore
from taji_events.testing import (
    LawViolation,
    PolicyContract,
    StoreContract,
    TickingClock,
    event_streams,
)


@pytest.fixture(autouse=True)
def _fresh_search() -> Iterator[None]:
    """Find each failure from scratch (no saved examples), as a user's first run does,
    and skip the explain phase, which only adds notes."""
    settings.register_profile("before-contract-failures", settings.default)
    settings.register_profile("contract-failures", settings.default, database=None,
                              phases=[Phase.generate, Phase.shrink])
    settings.load_profile("contract-failures")
    yield
    settings.load_profile("before-contract-failures")


def small_streams() -> st.SearchStrategy[list[Event]]:
    """Logs of one or two reports: what these failures need, so they shrink in seconds."""
    return event_streams(max_incidents=1, max_reports=2, max_revisions=1, late_arrivals=False,
                         relayed=False, recalled=False)


class OutOfRange(PolicyContract):
    policy = OutOfRangePolicy()

    def streams(self) -> st.SearchStrategy[list[Event]]:
        return small_streams()


class UnlistedChoice(PolicyContract):
    policy = UnlistedChoicePolicy()

    def streams(self) -> st.SearchStrategy[list[Event]]:
        return small_streams()


class OneAtATime(StoreContract):
    def make_store(self) -> EventStore:
        return OneAtATimeStore(TickingClock())

    def streams(self) -> st.SearchStrategy[list[Event]]:
        return small_streams()


class OwnClock(StoreContract):
    def make_clocked_store(self, clock: Clock) -> EventStore:
        return OwnClockStore(clock)


def test_a_figure_outside_its_range_fails_the_bounds_law() -> None:
    with pytest.raises(LawViolation) as failure:
        OutOfRange().test_low_best_high_are_ordered()
    message = str(failure.value)
    assert failure.value.law == "low <= best <= high"
    assert message.startswith("law broken: low <= best <= high\n")
    assert "under policy 'out-of-range'" in message and "(the latest figure, off by one)" in message
    assert "the events (" in message and "ReportPublished" in message
    assert "how to read it: the (best, low, high) that choose_count returns" in message


def test_a_policy_that_leaves_its_choice_unlisted_fails_the_partition_law() -> None:
    with pytest.raises(LawViolation) as failure:
        UnlistedChoice().test_every_active_claim_supports_or_contradicts()
    message = str(failure.value)
    assert message.startswith("law broken: supporting ∪ contradicting = the active claims\n")
    assert "under policy 'unlisted-choice': active [" in message and ", supporting [" in message
    assert "each active claim about the field must be listed exactly once" in message


def test_a_store_that_writes_part_of_a_refused_batch_fails_atomicity() -> None:
    with pytest.raises(LawViolation) as failure:
        OneAtATime().test_append_is_all_or_nothing()
    message = str(failure.value)
    assert message.startswith("law broken: appends are all or nothing\n")
    assert "raised IdentityConflictError but the store now holds" in message
    assert "a refused batch must leave the log exactly as it was" in message
    assert "IncidentDeclared" in message  # the shrunk stream, described


def test_a_contract_without_a_policy_says_what_to_set() -> None:
    class Missing(PolicyContract):
        pass

    with pytest.raises(Exception, match=r"Missing: set `policy = YourPolicy\(\)`"):
        Missing().test_low_best_high_are_ordered()


def test_a_store_that_ignores_its_clock_fails_the_clock_law() -> None:
    with pytest.raises(LawViolation) as failure:
        OwnClock().test_recorded_at_comes_from_the_clock()
    message = str(failure.value)
    assert failure.value.law == "recorded_at comes from the store's clock"
    assert "recorded_at are ['20" in message and "expected ['2020-03-12T09:00:00+00:00'" in message
    assert "IncidentDeclared store-check-incident" in message  # the events, described
    assert "A store that ignores its clock argument" in message


def test_a_store_contract_without_a_factory_says_what_to_implement() -> None:
    class Missing(StoreContract):
        pass

    with pytest.raises(NotImplementedError, match=r"Missing: implement make_store\(self\)"):
        Missing().test_bad_input_is_refused_and_writes_nothing()
    with pytest.raises(unittest.SkipTest, match="has no make_clocked_store"):
        Missing().test_recorded_at_comes_from_the_clock()
