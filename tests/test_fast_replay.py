"""The claim-row paths of ``believed_at``, ``known_at`` and ``final_states`` give
exactly what folding the decoded events gives (``ledger_for`` +
``state_from_ledger``) and what the direct computation over the plain events
gives: every shipped policy, re-ranked ones, a user's subclass and one that
overrides ``rank`` (those two take the ledger path), both modes, ``basis_seq``,
record-time cuts, late arrivals, revisions, retractions, scoped claims and an
amended occurrence time — on every backend, before and after more appends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from row_logs import BACKENDS, INCIDENTS, Opener, opener, row_logs
from store_suite import examples
from test_history import POLICY_OBJECTS, START

from taji_events import replay
from taji_events.errors import StoreError, UnknownIncidentError
from taji_events.events import Event, IncidentDeclared, ReportPublished
from taji_events.history import BeliefHistory, RowSweep
from taji_events.incremental import CountField, Item, _SuffixBounds, has_incremental_form
from taji_events.ledger import MODES, ActiveClaim, Ledger
from taji_events.model import Claim, Count, Source, Speaker
from taji_events.policies import AuthorityPolicy, Policy
from taji_events.replay import believed_at, final_states, known_at, ledger_for
from taji_events.states import state_from_ledger
from taji_events.store import EventStore
from taji_events.testing.clock import TickingClock
from taji_events.timepoint import TimePoint

# The row paths on every backend: 10 logs a backend by default, 20 under the thorough profile.
SETTINGS = settings(max_examples=examples(10, 20), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


class BySpeakerName(AuthorityPolicy):
    """A user's policy that only re-ranks: the longer the speaker's name, the higher."""

    name = "by-speaker-name"

    def rank(self, item: ActiveClaim) -> int:
        return len(item.claim.according_to.name)


POLICIES: list[Policy] = [*POLICY_OBJECTS, BySpeakerName()]
RECORDED_FROM = TickingClock().now


@pytest.fixture(scope="module", params=BACKENDS)
def open_store(request: pytest.FixtureRequest) -> Opener:
    if request.param == "postgres":
        server = request.getfixturevalue("pg_server")
        return opener("postgres", server.new_dsn)
    return opener(request.param, None)


def cutoffs(data: st.DataObject) -> list[datetime]:
    return [START + timedelta(minutes=data.draw(st.integers(-60, 5 * 24 * 60)))
            for _ in range(2)]


def check_views(store: EventStore, events: Sequence[Event], data: st.DataObject) -> None:
    direct_ledger = Ledger.from_events(events)
    last = store.last_seq()
    basis = data.draw(st.one_of(st.none(), st.integers(0, last)))
    for policy in POLICIES:
        for incident in INCIDENTS:
            try:
                view = ledger_for(store, incident, until_seq=basis)
            except UnknownIncidentError:
                with pytest.raises(UnknownIncidentError):
                    believed_at(store, incident, START, policy=policy, basis_seq=basis)
                view = None
            for mode in MODES if view is not None else ():
                for cutoff in cutoffs(data):
                    fast = believed_at(store, incident, cutoff, policy=policy, mode=mode,
                                       basis_seq=basis)
                    assert view is not None
                    direct = state_from_ledger(view, incident, policy=policy,
                                               published_by=cutoff, mode=mode)
                    if basis is None:  # the plain events, never stored, agree too
                        assert state_from_ledger(
                            direct_ledger, incident, policy=policy, published_by=cutoff,
                            mode=mode).evolve(basis_seq=last) == direct
                    assert fast == direct, (policy, incident, mode, cutoff, basis)
                    assert fast.to_json() == direct.to_json()
            seq = data.draw(st.one_of(st.none(), st.integers(0, last)))
            recorded = data.draw(st.one_of(st.none(), st.integers(-1, 6).map(
                lambda ticks: RECORDED_FROM + timedelta(seconds=ticks))))
            try:
                folded = ledger_for(store, incident, until_seq=seq, recorded_until=recorded)
            except UnknownIncidentError:
                with pytest.raises(UnknownIncidentError):
                    known_at(store, incident, recorded, seq=seq, policy=policy)
                continue
            expected = state_from_ledger(folded, incident, policy=policy, axis="known")
            assert known_at(store, incident, recorded, seq=seq, policy=policy) == \
                expected.evolve(at=recorded), (policy, incident, seq, recorded)
        states = list(final_states(store, policy=policy))
        assert states == [state_from_ledger(ledger_for(store, incident), incident, policy=policy,
                                            axis="known") for incident in store.incidents()]
        assert [state.to_json() for state in states] == [
            state_from_ledger(direct_ledger, incident, policy=policy, axis="known").evolve(
                basis_seq=last).to_json() for incident in store.incidents()]


@SETTINGS
@given(batches=row_logs(), data=st.data())
def test_the_row_paths_answer_as_the_decoded_log_does(open_store: Opener,
                                                      batches: list[list[Event]],
                                                      data: st.DataObject) -> None:
    with open_store() as store:
        store.append(batches[0])
        check_views(store, batches[0], data)
        for batch in batches[1:]:
            store.append(batch)
        check_views(store, [event for batch in batches for event in batch], data)


@settings(max_examples=examples(20, 40), deadline=None)
@given(batches=row_logs(), mode=st.sampled_from(MODES))
def test_a_row_sweep_is_the_ledger_sweep(batches: list[list[Event]], mode: str) -> None:
    """Every moment of a belief history over rows, not only one: the same moments,
    summaries and timeline as over the ledger."""
    with opener("memory", None)() as store:
        for batch in batches:
            store.append(batch)
        for incident in INCIDENTS:
            found = store.claim_rows(incident, store.last_seq())
            assert found is not None
            rows = next(found)
            ledger = ledger_for(store, incident)
            for policy in POLICY_OBJECTS[:4]:
                sweep = RowSweep(rows, mode, basis_seq=store.last_seq(),
                                 declaration=ledger.declaration(incident),
                                 ledger=lambda ledger=ledger: ledger)  # type: ignore[misc]
                by_rows = BeliefHistory(sweep, policy)
                by_ledger = BeliefHistory.of(ledger, incident, policy, mode)
                assert sweep.moments == by_ledger.sweep.moments
                assert sweep.entered == by_ledger.sweep.entered
                for position in range(-1, len(sweep.moments)):
                    assert by_rows.fields_at(position) == by_ledger.fields_at(position)
                    for field in by_rows.fields_at(position):
                        assert by_rows.summary(field, position) == \
                            by_ledger.summary(field, position)
                assert by_rows.timeline() == by_ledger.timeline()


@settings(max_examples=15, deadline=None)
@given(batches=row_logs())
def test_believed_at_from_rows_decodes_no_report(batches: list[list[Event]],
                                                 monkeypatch_module: pytest.MonkeyPatch) -> None:
    """The figures come from the rows; only a deferred detail (the claims, the
    rule) folds the decoded log."""
    with opener("sqlite", None)() as store:
        for batch in batches:
            store.append(batch)
        expected = {incident: state_from_ledger(ledger_for(store, incident), incident,
                                                published_by=START + timedelta(days=2))
                    for incident in INCIDENTS}

        def refuse(*args: object, **kwargs: object) -> Ledger:
            raise AssertionError("the row path decoded the log")

        with monkeypatch_module.context() as patched:
            patched.setattr(replay, "ledger_for", refuse)
            fast = {incident: believed_at(store, incident, START + timedelta(days=2))
                    for incident in INCIDENTS}
            figures = {incident: {field: belief.summary for field, belief in state.beliefs.items()}
                       for incident, state in fast.items()}
        assert figures == {incident: {field: belief.summary
                                      for field, belief in state.beliefs.items()}
                           for incident, state in expected.items()}
        assert fast == expected


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    return pytest.MonkeyPatch()



def test_the_claims_of_a_state_from_rows_are_asked_for_before_the_store_closes() -> None:
    """Its figures stay; its claims, read from the store when first asked for,
    need the store open, and the error says so."""
    with opener("sqlite", None)() as store:
        store.append([IncidentDeclared(incident_id="incident-1", title="An attack", place="X",
                                       occurred_at=TimePoint.instant(START)),
                      ReportPublished(report_id="r", revision=0,
                                      source=Source("Outlet 1", "wire"),
                                      published_at=TimePoint.instant(START),
                                      claims=[Claim(incident="incident-1", field="killed",
                                                    value=Count.exact(4),
                                                    according_to=Speaker("police", "wire"),
                                                    note="a call")])])
        state = believed_at(store, "incident-1", START + timedelta(days=1))
    assert state["killed"].best == 4
    with pytest.raises(StoreError, match="ask before closing it"):
        _ = state.claims


def _bound_items(draw: st.DrawFn) -> list[Item]:
    items: list[Item] = []
    for key in range(draw(st.integers(0, 30))):
        low = draw(st.integers(0, 20))
        high = draw(st.one_of(st.none(), st.integers(low, 25)))
        claim = Claim(incident="incident-1", field="killed",
                      value=Count.at_least(low) if high is None else Count(
                          low=low, high=high, qualifier="about", stated=(low + high) // 2,
                          text=f"{low} to {high}"),
                      according_to=Speaker("a speaker", draw(st.sampled_from(
                          ("official_on_record", "wire", "monitor_ngo", "unattributed")))),
                      hedge=draw(st.sampled_from(("initial", "confirmed", "reported",
                                                  "denied"))), note="a call")
        point = TimePoint.instant(START)
        active = ActiveClaim(claim=claim, report_id=f"r{key}", revision=0, index=0,
                             source=Source("Outlet 1", "wire"), published_at=point,
                             first_published_at=point)
        items.append(Item(active, key, draw(st.integers(0, 6)), draw(st.integers(0, 3))))
    return items


@st.composite
def bound_items(draw: st.DrawFn) -> list[Item]:
    return _bound_items(draw)


@settings(max_examples=examples(30, 60), deadline=None)
@given(items=bound_items(), order=st.randoms(use_true_random=False))
def test_bounds_built_at_once_are_the_bounds_built_one_item_at_a_time(
        items: list[Item], order: Any) -> None:
    """``_SuffixBounds.add_many`` (bottom up, once) leaves every node — bound and
    the item holding it — as successive ``add`` calls (each climbing) do, and
    ``CountField.add_all`` reaches the summary, credible set and witnesses of
    adding the items one by one, for every shipped policy."""
    times = [item.time for item in items]
    one, many = _SuffixBounds(times), _SuffixBounds(times)
    for item in items:
        one.add(item)
    many.add_many(items)
    assert (many.lows, many.highs, many.leaves) == (one.lows, one.highs, one.leaves)
    assert [id(found) for found in many.low_item] == [id(found) for found in one.low_item]
    assert [id(found) for found in many.high_item] == [id(found) for found in one.high_item]
    confirmed: dict[int, set[int]] = {}
    for item in items:
        if item.hedge == "confirmed":
            confirmed.setdefault(item.rank, set()).add(item.time)
    live = [item.time for item in items if item.hedge != "denied"]
    shuffled = list(items)
    order.shuffle(shuffled)
    for policy in POLICY_OBJECTS:
        if not has_incremental_form(policy):
            continue
        singly, at_once = CountField(policy, live, confirmed), CountField(policy, live, confirmed)
        for item in items:
            singly.add(item)
        singly_view = (singly.summary() if singly.credible else None, sorted(singly.credible),
                       {item.key: item.witness is None for item in items})
        for item in items:
            item.credible, item.witness = False, None
        at_once.add_all(shuffled)
        assert (at_once.summary() if at_once.credible else None, sorted(at_once.credible),
                {item.key: item.witness is None for item in items}) == singly_view
        for item in items:
            item.credible, item.witness = False, None
