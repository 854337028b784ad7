"""Laws 1-9 of docs/laws.md as Hypothesis properties, each run on every store backend.

Where a public check of :mod:`taji_events.testing` states the law
(``assert_deterministic``, ``assert_same_beliefs``, ``assert_past_stable``,
``assert_knowledge_monotone``, ``assert_snapshots_resume``,
``assert_incremental_matches_rebuild``, ``assert_revisions_supersede``,
``assert_retractions_respected`` and the store checks), the test calls it: we use
what we ship.

Streams come from :mod:`taji_events.testing`; each store gets a ticking clock so
``recorded_at`` is controlled (one second per append batch). Properties that need
no store live beside their subject: law 9 for single events in test_serialization.py,
law 10 (time) in test_timepoint.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from builders import make_incident, make_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_suite import examples

from taji_events import (
    POLICIES,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
    TimePoint,
    believed_at,
    known_at,
)
from taji_events.errors import IdentityConflictError, UnknownIncidentError
from taji_events.events import Event
from taji_events.jsonl import JsonlStore
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.serialization import dumps_event, loads_event
from taji_events.sqlite import SQLiteStore
from taji_events.states import state_from_ledger
from taji_events.store import EventStore
from taji_events.testing import (
    TickingClock,
    assert_deterministic,
    assert_incremental_matches_rebuild,
    assert_knowledge_monotone,
    assert_past_stable,
    assert_retractions_respected,
    assert_revisions_supersede,
    assert_same_beliefs,
    assert_snapshots_resume,
    event_streams,
    incidents_of,
    query_times,
)
from taji_events.testing.store_checks import (
    assert_append_atomic,
    assert_append_idempotent,
    assert_seq_gap_free,
    changed,
    fill,
)

StoreFactory = Callable[[], EventStore]
POLICY_NAMES = sorted(POLICIES)
MODES = ("certain", "possible")
# A store fixture is built once per test, not per example: each example makes its
# own fresh stores through the factory, so sharing the fixture is intended. Each law
# runs 12 examples per backend by default (four backends: 48 logs a law), the loaded
# profile's count (500) under the thorough one.
per_store = settings(max_examples=examples(12, settings.default.max_examples),
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


# Every law runs on every backend, PostgreSQL included (a fresh schema per example).
BACKENDS = ["memory", "sqlite", "jsonl", "postgres"]


@pytest.fixture(params=BACKENDS)
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """A factory of fresh, empty stores of one backend, each with its own ticking clock."""
    opened: list[EventStore] = []
    numbers = itertools.count()
    backend = request.param
    server = request.getfixturevalue("pg_server") if backend == "postgres" else None

    def factory() -> EventStore:
        path, clock = tmp_path / f"laws-{next(numbers)}", TickingClock()
        store: EventStore
        if server is not None:
            store = PostgresStore(server.new_dsn(), clock)
        elif backend == "sqlite":
            store = SQLiteStore(path.with_suffix(".db"), clock)
        else:
            store = JsonlStore(path.with_suffix(".jsonl"), clock) if backend == "jsonl" \
                else MemoryStore(clock)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def cuts_for(stream: Sequence[Event]) -> st.SearchStrategy[list[bool]]:
    return st.lists(st.booleans(), min_size=len(stream), max_size=len(stream))


def floor_of(stream: Sequence[Event], incident: str) -> datetime | None:
    """When the incident began (a report about it cannot precede that), if declared."""
    return next((event.occurred_at.lower for event in stream if isinstance(event, IncidentDeclared)
                 and event.incident_id == incident), None)


def without_basis(state_json: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in state_json.items() if key != "basis_seq"}


def query_time_lists(stream: Sequence[Event]) -> st.SearchStrategy[list[datetime]]:
    return st.lists(query_times(stream), min_size=1, max_size=3)


# -- 1. determinism -------------------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law1_same_events_give_equal_state_also_after_json_lines(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    lines = b"\n".join(dumps_event(event) for event in stream).splitlines()
    reloaded = [loads_event(line) for line in lines]
    assert reloaded == stream
    times = data.draw(query_time_lists(stream))
    with make_store() as original, make_store() as copy:
        fill(original, stream)
        fill(copy, reloaded)
        plain = Ledger.from_events(stream)
        for policy in POLICY_NAMES:
            assert_deterministic(stream, policy=policy, times=times)
            for incident in incidents_of(stream):
                for at in times:
                    assert_same_beliefs(original, copy, incident, policy=policy, at=at)
                state = known_at(original, incident, policy=policy)
                pure = state_from_ledger(plain, incident, policy=policy, axis="known")
                assert without_basis(pure.to_json()) == without_basis(state.to_json())


# -- 2. order independence ------------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law2_append_order_does_not_change_believed_at(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(stream))
    times = data.draw(query_time_lists(stream))
    with make_store() as in_order, make_store() as out_of_order:
        fill(in_order, stream)
        fill(out_of_order, shuffled)
        for incident, policy, at in itertools.product(incidents_of(stream), POLICY_NAMES, times):
            assert_same_beliefs(in_order, out_of_order, incident, policy=policy, at=at,
                                modes=MODES)


# -- 3. past stability ----------------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law3_appending_never_changes_a_past_answer(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    split = data.draw(st.integers(0, len(stream)))
    policy = data.draw(st.sampled_from(POLICY_NAMES))
    with make_store() as store:
        fill(store, stream[:split], data.draw(cuts_for(stream[:split])))
        assert_past_stable(store, stream[split:], policy=policy)


def test_law3_unknown_incident_stays_unknown_in_the_past(make_store: StoreFactory) -> None:
    with make_store() as store:
        store.append([make_incident("first")])
        with pytest.raises(UnknownIncidentError):
            known_at(store, "second", seq=1)
        store.append([make_report("r", incident="second")])
        with pytest.raises(UnknownIncidentError):
            known_at(store, "second", seq=1)


# -- 4. monotone knowledge ------------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law4_knowledge_only_grows(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    with make_store() as store:
        fill(store, stream, data.draw(cuts_for(stream)))
        assert_knowledge_monotone(store, policy=data.draw(st.sampled_from(POLICY_NAMES)))


# -- 5. snapshot + tail ---------------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law5_snapshot_plus_tail_is_full_replay_at_every_split(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    at = data.draw(query_times(stream))
    with make_store() as store:
        fill(store, stream)
        for policy in POLICY_NAMES:
            assert_snapshots_resume(store, policy=policy, times=[at])


# -- 6. incremental == batch ----------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law6_incremental_with_restarts_equals_batch_rebuild(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    restarts = data.draw(st.lists(st.booleans(), min_size=len(stream), max_size=len(stream)))
    policy = data.draw(st.sampled_from(POLICY_NAMES))
    with make_store() as store:
        assert_incremental_matches_rebuild(store, stream, restarts=restarts, policy=policy)


# -- 7. idempotent append -------------------------------------------------------------------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law7_same_event_twice_is_once_and_conflicts_write_nothing(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    assert_append_idempotent(make_store, stream)
    assert_append_atomic(make_store, stream)
    with make_store() as once:
        fill(once, stream)
        repeats = data.draw(st.lists(st.sampled_from(stream), min_size=1, max_size=3))
        result = once.append(repeats)
        assert result.recorded == () and result.last_seq == len(stream)
        with pytest.raises(IdentityConflictError, match="nothing was written"):
            once.append([changed(data.draw(st.sampled_from(stream)))])
        assert once.last_seq() == len(stream)


# -- 8. supersession and retraction ---------------------------------------------------------

def included(point: TimePoint, at: datetime, mode: str, floor: datetime | None = None) -> bool:
    """Whether a publication window counts as published by ``at`` (docs/concepts.md): its
    end when certain, its start when possible; a report cannot precede its
    incident, so a possible start is never before the occurrence (``floor``)."""
    if mode == "certain":
        return point.upper <= at
    start = point.lower if floor is None else max(point.lower, min(floor, point.upper))
    return start <= at


@per_store
@given(stream=event_streams(), data=st.data())
def test_law8_latest_revision_published_by_t_replaces_earlier_ones(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    times = data.draw(st.lists(query_times(stream), min_size=2, max_size=5))
    with make_store() as store:
        fill(store, stream)
        assert_revisions_supersede(stream, store=store, policy="latest", times=times,
                                   modes=MODES)


@per_store
@given(stream=event_streams(retracted=False), data=st.data())
def test_law8_retraction_removes_claims_from_at_onward_only(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    report_id = data.draw(st.sampled_from(sorted(
        {event.report_id for event in stream if isinstance(event, ReportPublished)})))
    moment = data.draw(query_times(stream))
    at = data.draw(st.sampled_from((TimePoint.instant(moment),
                                    TimePoint.parse(moment.date().isoformat()))))
    retraction = ReportRetracted(report_id=report_id, at=at, reason="could not be verified")
    times = data.draw(query_time_lists([*stream, retraction]))
    policy = data.draw(st.sampled_from(POLICY_NAMES))
    assert_retractions_respected([*stream, retraction], policy=policy, times=times)
    with make_store() as plain, make_store() as corrected:
        fill(plain, stream)
        fill(corrected, [*stream, retraction])
        for incident, mode, when in itertools.product(incidents_of(stream), MODES, times):
            before = believed_at(plain, incident, when, policy=policy, mode=mode)
            after = believed_at(corrected, incident, when, policy=policy, mode=mode)
            if not included(at, when, mode, floor_of(stream, incident)):
                assert without_basis(after.to_json()) == without_basis(before.to_json())
            else:
                assert [item.ref for item in after.claims] == \
                    [item.ref for item in before.claims if item.report_id != report_id]


# -- 9. serialisation (the event-level properties are in test_serialization.py) ---------

@per_store
@given(stream=event_streams(), data=st.data())
def test_law9_stores_give_back_exactly_what_was_appended(
    make_store: StoreFactory, stream: list[Event], data: st.DataObject
) -> None:
    assert_seq_gap_free(make_store, stream, data.draw(cuts_for(stream)))
    with make_store() as store:
        store.append(stream)
        assert [dumps_event(entry.event) for entry in store.read()] == \
            [dumps_event(event) for event in stream]
