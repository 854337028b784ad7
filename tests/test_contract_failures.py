"""Broken policies, stores and checkpoints fail the public contracts and checks with the
message a user needs: the law's name, the shrunk events, and how to read the failure."""

from __future__ import annotations

import unittest
from collections.abc import Iterator

import pytest
from broken import (
    FirstRevisionStore,
    OneAtATimeStore,
    OutOfRangePolicy,
    OwnClockStore,
    PublicationOrderStore,
    UnlistedChoicePolicy,
    forgetful_checkpoint,
)
from builders import make_incident, make_report, make_retraction
from hypothesis import Phase, settings
from hypothesis import strategies as st

from taji_events.events import Event
from taji_events.memory import MemoryStore
from taji_events.store import Clock, EventStore
from taji_events.testing import (
    LawViolation,
    PolicyContract,
    StoreContract,
    TickingClock,
    assert_snapshots_resume,
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


def revised_streams() -> st.SearchStrategy[list[Event]]:
    """Logs of one incident and up to two reports of up to two revisions, some of them
    arriving late: what the ordering and revision failures need."""
    return event_streams(max_incidents=1, max_reports=2, max_revisions=2, relayed=False,
                         recalled=False, retracted=False)


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


class PublicationOrder(StoreContract):
    # A log breaks these laws only with a late arrival published before what was
    # recorded ahead of it: allow the search enough logs to meet one.
    max_examples = 200

    def make_store(self) -> EventStore:
        return PublicationOrderStore(TickingClock())

    def streams(self) -> st.SearchStrategy[list[Event]]:
        return revised_streams()


class FirstRevision(StoreContract):
    max_examples = 200  # the law breaks only on a log with a second revision

    def make_store(self) -> EventStore:
        return FirstRevisionStore(TickingClock())

    def streams(self) -> st.SearchStrategy[list[Event]]:
        return revised_streams()


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


def test_a_store_whose_reads_lose_the_log_order_fails_monotone_knowledge() -> None:
    with pytest.raises(LawViolation) as failure:
        PublicationOrder().test_knowledge_only_grows()
    message = str(failure.value)
    assert failure.value.law == "monotone knowledge of known_at"
    assert message.startswith("law broken: monotone knowledge of known_at\n")
    assert "known_at(seq=" in message and "but known_at(seq=" in message
    assert "though nothing recorded by seq" in message and "revises or retracts" in message
    assert "ReportPublished" in message and "IncidentDeclared" in message  # the shrunk log
    assert "A store whose reads give events out of seq order" in message


def test_a_store_whose_reads_lose_the_log_order_fails_incremental_equals_rebuild() -> None:
    with pytest.raises(LawViolation) as failure:
        PublicationOrder().test_incremental_with_restarts_equals_rebuild()
    message = str(failure.value)
    assert message.startswith("law broken: incremental (with restarts) == batch rebuild\n")
    # The shrunk log shows one of the two symptoms, whichever the search reached first.
    assert "(the kept ledger first, known_at(store) second)" in message or \
        "the kept ledger differs from a rebuild from store.read(): it lacks" in message
    assert "whose reads give events out of seq order" in message


def test_a_store_that_keeps_only_first_revisions_fails_supersession() -> None:
    with pytest.raises(LawViolation) as failure:
        FirstRevision().test_latest_revision_replaces_earlier_ones()
    message = str(failure.value)
    assert message.startswith("law broken: the latest revision replaces earlier ones\n")
    assert "the active claims are [" in message and "], expected [" in message
    assert "@1" in message  # the shrunk log holds the revision the store dropped
    assert "A store that drops or reorders revisions" in message


def test_a_checkpoint_that_forgets_retractions_fails_snapshot_plus_tail() -> None:
    events: list[Event] = [make_incident(), make_report("a", killed=3),
                           make_report("b", killed=5), make_retraction("a")]
    with MemoryStore(TickingClock()) as store:
        for event in events:
            store.append([event])
        assert_snapshots_resume(store)  # the library's own snapshots keep everything
        with pytest.raises(LawViolation) as failure:
            assert_snapshots_resume(store, resume=forgetful_checkpoint)
    message = str(failure.value)
    assert failure.value.law == "snapshot + tail == full replay"
    assert message.startswith("law broken: snapshot + tail == full replay\n"
                              "split after seq 4: the snapshot resumed, then the events after "
                              "it: it lacks ['retraction:a']")
    assert "the events (4, in append order):" in message and "ReportRetracted a" in message
    assert "a snapshot must keep every event the ledger holds" in message
