"""Contracts: subclass one and every law runs on your policy or your store.

A policy of your own::

    class TestMedian(PolicyContract):
        policy = Median()

and a store backend of your own::

    class TestMyStore(StoreContract):
        def make_clocked_store(self, clock):
            return MyStore(..., clock=clock)  # a fresh, empty store at each call

(or only ``make_store(self)``, which skips the clock law).

pytest collects these classes by their ``Test`` name; for unittest, add
``unittest.TestCase`` as a second base (``class TestMedian(PolicyContract,
unittest.TestCase)``). Each ``test_*`` method is one law, run with Hypothesis
on generated event streams; a broken law fails with a
:class:`~taji_events.testing.failures.LawViolation` that names it, lists the
shrunk stream and says how to read it (Hypothesis prints the falsifying
example just above). The number of examples is the loaded Hypothesis
profile's (``--taji-profile=thorough`` with the pytest plugin); deadlines
are off, as a loaded machine must not fail a law.

Neither contract needs pytest.

Since 0.3.0.
"""

from __future__ import annotations

import unittest
from collections.abc import Callable
from typing import Any, ClassVar

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taji_events.errors import UnknownPolicyError
from taji_events.events import Event, ReportPublished
from taji_events.memory import MemoryStore
from taji_events.policies import Policy
from taji_events.store import Clock, EventStore
from taji_events.testing import checks, store_checks
from taji_events.testing.clock import TickingClock
from taji_events.testing.store_checks import StoreFactory
from taji_events.testing.strategies import event_streams, query_times, report_revisions

__all__ = ["PolicyContract", "StoreContract"]

Streams = st.SearchStrategy[list[Event]]
_SCOPES = ("coalition personnel", "Americans", "civilians", "seriously wounded")


def _run(check: Callable[[list[Event], st.DataObject], None], streams: Streams,
         max_examples: int | None = None) -> None:
    """Run ``check`` on drawn streams, with settings made now, so that they
    inherit the profile loaded when the test runs (not when it was defined)."""
    options: dict[str, Any] = {"deadline": None,
                               "suppress_health_check": [HealthCheck.too_slow]}
    if max_examples is not None:
        options["max_examples"] = max_examples

    @settings(**options)
    @given(stream=streams, data=st.data())
    def law(stream: list[Event], data: st.DataObject) -> None:
        check(stream, data)

    law()


class PolicyContract:
    """Every law that binds a policy, for the :class:`~taji_events.policies.Policy`
    in ``policy``. Override :meth:`streams` to draw other logs (larger ones,
    your own fields); ``max_examples`` caps the Hypothesis examples per law
    (None: the loaded profile's). Since 0.3.0."""

    #: The policy under test: set it in your subclass.
    policy: ClassVar[Policy]
    #: At most this many examples per law (None: as many as the loaded profile runs).
    max_examples: ClassVar[int | None] = None

    def _policy(self) -> Policy:
        found = getattr(self, "policy", None)
        if not isinstance(found, Policy):
            raise UnknownPolicyError(f"{type(self).__name__}: set `policy = YourPolicy()` (a "
                            f"taji_events.policies.Policy instance), got {found!r}")
        return found

    def streams(self) -> Streams:
        """The logs the laws are checked on; by default :func:`event_streams`."""
        return event_streams()

    def _times(self, data: st.DataObject, stream: list[Event]) -> list[Any]:
        return data.draw(st.lists(query_times(stream), min_size=1, max_size=4), label="times")

    def _each_time(self, check: Callable[..., None]) -> None:
        policy = self._policy()
        _run(lambda stream, data: check(stream, policy=policy, times=self._times(data, stream)),
             self.streams(), self.max_examples)

    def test_believed_at_is_deterministic(self) -> None:
        """The same events, also after a JSON round trip, give an equal state."""
        self._each_time(checks.assert_deterministic)

    def test_believed_at_ignores_arrival_order(self) -> None:
        """Appending the same events in another order leaves "believed at T" unchanged."""
        policy = self._policy()
        _run(lambda stream, data: checks.assert_order_independent(
            stream, policy=policy, shuffled=[data.draw(st.permutations(stream), label="order")],
            times=self._times(data, stream)), self.streams(), self.max_examples)

    def test_known_at_is_past_stable(self) -> None:
        """Appending more never changes "known at" an earlier seq or record time."""
        policy = self._policy()

        def check(stream: list[Event], data: st.DataObject) -> None:
            split = data.draw(st.integers(0, len(stream)), label="split")
            with MemoryStore(TickingClock()) as store:
                store_checks.fill(store, stream[:split])
                checks.assert_past_stable(store, stream[split:], policy=policy)

        _run(check, self.streams(), self.max_examples)

    def test_low_best_high_are_ordered(self) -> None:
        """Every known figure has low <= best <= high."""
        self._each_time(checks.assert_beliefs_within_bounds)

    def test_no_active_claims_means_unknown(self) -> None:
        """A field with no active claim is unknown."""
        self._each_time(checks.assert_unknown_without_claims)

    def test_every_active_claim_supports_or_contradicts(self) -> None:
        """The supporting and the contradicting claims together are the active ones."""
        self._each_time(checks.assert_claims_support_or_contradict)

    def test_set_aside_claims_stay_visible(self) -> None:
        """A claim the policy does not count is still listed, with its reason."""
        self._each_time(checks.assert_set_aside_visible)

    def test_retracted_report_never_supports_a_belief(self) -> None:
        """From its retraction on, a report's claims support nothing."""
        self._each_time(checks.assert_retractions_respected)

    def test_incremental_engine_agrees_with_direct_recomputation(self) -> None:
        """The belief history equals the direct computation at every moment."""
        policy = self._policy()
        _run(lambda stream, data: checks.assert_history_matches_direct(stream, policy=policy),
             self.streams(), self.max_examples)

    def test_scoped_claim_never_sets_the_total(self) -> None:
        """Adding claims about a subset of the incident never sets or raises its total."""
        if not checks.claim_has_scope():
            raise unittest.SkipTest("this version of taji_events.model.Claim has no `scope`, "
                                    "so no claim can be about a subset of an incident yet")
        policy = self._policy()

        def check(stream: list[Event], data: st.DataObject) -> None:
            incidents = checks.incidents_of(stream)
            report = data.draw(report_revisions(incidents=incidents, max_claims=3,
                                                report_id="scoped-report"), label="scoped")
            scope: dict[str, Any] = {"scope": data.draw(st.sampled_from(_SCOPES), label="scope")}
            scoped = attrs.evolve(report, claims=[attrs.evolve(claim, **scope)
                                                  for claim in report.claims])
            if scoped.claims and isinstance(scoped, ReportPublished):
                checks.assert_scope_never_sets_total(stream, [scoped], policy=policy,
                                                     times=self._times(data, stream))

        _run(check, self.streams(), self.max_examples)


class StoreContract:
    """The suite every shipped backend passes, for the store :meth:`make_store`
    builds. Implement :meth:`make_clocked_store` (the store with a clock you pass
    on) to run the clock law too, or only :meth:`make_store`. The laws run with
    Hypothesis on generated logs (``max_examples`` caps the examples per law;
    None: the loaded profile's); the scenario tests run once on small fixed
    logs, for what generated logs rarely reach. A backend whose derived rows
    live in a table of its own overrides :meth:`make_derived_table` and
    :meth:`read_derived`. Since 0.3.0."""

    #: At most this many examples per law (None: as many as the loaded profile runs).
    max_examples: ClassVar[int | None] = None

    def make_store(self) -> EventStore:
        """A fresh, empty store of the backend under test (each call a new one).
        By default :meth:`make_clocked_store` with a :class:`TickingClock`."""
        if type(self).make_clocked_store is StoreContract.make_clocked_store:
            raise NotImplementedError(f"{type(self).__name__}: implement make_store(self), "
                                      "returning a new, empty store at each call (or "
                                      "make_clocked_store(self, clock))")
        return self.make_clocked_store(TickingClock())

    def make_clocked_store(self, clock: Clock) -> EventStore:
        """A fresh, empty store whose ``recorded_at`` comes from ``clock`` (pass
        it to :class:`~taji_events.store.EventStore`). Without it the clock law
        is skipped."""
        raise NotImplementedError(f"{type(self).__name__}: implement "
                                  "make_clocked_store(self, clock)")

    def make_derived_table(self, store: EventStore, table: str) -> None:
        """Create ``table (seq, identity)`` where the backend keeps derived rows.
        By default nothing: a recorder over an in-memory index keeps them in
        its ``derived`` dict."""

    def read_derived(self, store: EventStore, table: str) -> list[tuple[Any, ...]]:
        """The rows of derived ``table``, in seq order. By default those of the
        recorder's ``derived`` dict."""
        rows: list[tuple[Any, ...]] = getattr(store.recorder, "derived", {}).get(table, [])
        return [tuple(row) for row in rows]

    def streams(self) -> Streams:
        """The logs the laws are checked on; by default :func:`event_streams`."""
        return event_streams()

    def _law(self, check: Callable[..., None], *, cut: bool = True) -> None:
        def run(stream: list[Event], data: st.DataObject) -> None:
            if cut:
                cuts = data.draw(st.lists(st.booleans(), min_size=len(stream),
                                          max_size=len(stream)), label="batch starts")
                check(self.make_store, stream, cuts)
            else:
                check(self.make_store, stream)

        _run(run, self.streams(), self.max_examples)

    # -- laws, on generated logs -------------------------------------------------------------

    def test_seq_is_gap_free_and_recorded_at_never_decreases(self) -> None:
        """seq runs 1, 2, ... with no gap; a batch shares one recorded_at; read() gives back
        exactly what append() returned."""
        self._law(store_checks.assert_seq_gap_free)

    def test_append_is_all_or_nothing(self) -> None:
        """A refused batch writes none of its events."""
        self._law(store_checks.assert_append_atomic, cut=False)

    def test_append_is_idempotent(self) -> None:
        """Appending a recorded event again records nothing, also amid new events."""
        self._law(store_checks.assert_append_idempotent, cut=False)

    def test_expected_seq_guards_against_a_concurrent_writer(self) -> None:
        """A stale expected_seq raises ConcurrencyError and writes nothing."""
        self._law(store_checks.assert_optimistic_concurrency, cut=False)

    def test_reads_by_incident_seq_and_record_time(self) -> None:
        """Every read gives exactly the documented events; incidents() lists them all."""
        self._law(store_checks.assert_reads_filter_correctly)

    def test_records_chain_and_verify_finds_damage(self) -> None:
        """Records keep their batches and chain their hashes; a damaged import is refused."""
        self._law(store_checks.assert_integrity_checked)

    def test_round_trip_through_export_and_import(self) -> None:
        """A log copied through JSON Lines or another store is unchanged and continues."""
        self._law(store_checks.assert_export_import_round_trip)

    def test_knowledge_only_grows(self) -> None:
        """What is known at a later seq or record time includes what was known before."""
        def check(make_store: StoreFactory, stream: list[Event], cuts: list[bool]) -> None:
            with make_store() as store:
                store_checks.fill(store, stream, cuts)
                checks.assert_knowledge_monotone(store)

        self._law(check)

    def test_incremental_with_restarts_equals_rebuild(self) -> None:
        """A ledger kept in step, one append at a time and restarted, equals a rebuild."""
        def check(make_store: StoreFactory, stream: list[Event], restarts: list[bool]) -> None:
            with make_store() as store:
                checks.assert_incremental_matches_rebuild(store, stream, restarts=restarts)

        self._law(check)

    def test_latest_revision_replaces_earlier_ones(self) -> None:
        """Each report counts with its latest revision published by then, none once retracted."""
        def check(make_store: StoreFactory, stream: list[Event], cuts: list[bool]) -> None:
            with make_store() as store:
                store_checks.fill(store, stream, cuts)
                checks.assert_revisions_supersede(stream, store=store)

        self._law(check)

    # -- scenarios, on small fixed logs ------------------------------------------------------

    def test_recorded_at_comes_from_the_clock(self) -> None:
        """recorded_at is the clock's reading in UTC, never decreasing; a naive one is refused."""
        if type(self).make_clocked_store is StoreContract.make_clocked_store:
            raise unittest.SkipTest(f"{type(self).__name__} has no make_clocked_store(self, "
                                    "clock), so the store's clock cannot be set")
        store_checks.assert_clock_respected(self.make_clocked_store)

    def test_bad_input_is_refused_and_writes_nothing(self) -> None:
        """Conflicts, stale expected_seq, non-events and bad arguments: a clear error, no write."""
        store_checks.assert_bad_input_refused(self.make_store)

    def test_reads_give_the_whole_log_as_it_was_when_called(self) -> None:
        """An empty store, reports followed by incident, snapshots, a log of many pages."""
        store_checks.assert_reads_complete(self.make_store)

    def test_verify_checks_an_anchor_kept_elsewhere(self) -> None:
        """verify() on an empty store, and against a saved (expect_head, at_seq)."""
        store_checks.assert_verify_checks_anchors(self.make_store)

    def test_import_continues_a_copy_and_refuses_anything_else(self) -> None:
        """import_records in parts; logs that do not continue the store are refused."""
        store_checks.assert_imports_continue_a_copy(self.make_store)

    def test_wait_for_append_and_a_closed_store(self) -> None:
        """wait_for_append returns the last seq; a closed store refuses every call."""
        store_checks.assert_lifecycle(self.make_store)

    def test_recorder_writes_inside_its_lock_all_or_nothing(self) -> None:
        """The Recorder keeps what is inserted in its write lock only when the block ends."""
        store_checks.assert_recorder_transactional(self.make_store)

    def test_derived_rows_are_written_with_the_events(self) -> None:
        """Rows of derived_rows writers are written in the events' transaction."""
        store_checks.assert_derived_rows_transactional(
            self.make_store, create_table=self.make_derived_table, read_rows=self.read_derived)
