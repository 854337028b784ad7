"""The two replay questions, timelines and explanations (docs/concepts.md, docs/policies.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scenario import INCIDENT, declare, report, retract, said

from taji_events import Belief, TimePoint, believed_at, explain, known_at, timeline
from taji_events.errors import NaiveDatetimeError, SnapshotError, UnknownIncidentError
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.snapshots import Snapshot

ON_RECORD = {"kind": "official_on_record"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2020, 3, 11, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def killed(state: object) -> int | None:
    belief = state["killed"]  # type: ignore[index]
    assert isinstance(belief, Belief)
    return belief.best


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> MemoryStore:
    return MemoryStore(clock=clock)


def test_believed_at_follows_publication_time_not_arrival(store: MemoryStore, clock: Clock) -> None:
    store.append([declare(), report("late", 0, "2020-03-11T18:00Z", said("killed", "2"))])
    clock.now += timedelta(days=2)
    # Recorded two days later, but published first: it slots into its place.
    store.append([report("early", 0, "2020-03-11T17:00Z", said("killed", "1"))])
    assert killed(believed_at(store, INCIDENT, "2020-03-11T17:30Z", policy="latest")) == 1
    assert killed(believed_at(store, INCIDENT, "2020-03-11T18:30Z", policy="latest")) == 2
    # What we had *recorded* at noon on the 12th knew nothing of the early report.
    known = known_at(store, INCIDENT, "2020-03-12T12:00Z", policy="latest")
    assert {c.report_id for c in known.claims} == {"late"}
    assert known.basis_seq == 2


def test_basis_seq_answers_with_what_was_recorded_then(store: MemoryStore) -> None:
    store.append([declare(), report("a", 0, "2020-03-11T17:00Z", said("killed", "1"))])
    store.append([report("b", 0, "2020-03-11T16:00Z", said("killed", "7"))])
    at = "2020-03-12"
    assert {c.report_id for c in believed_at(store, INCIDENT, at).claims} == {"a", "b"}
    assert {c.report_id for c in believed_at(store, INCIDENT, at, basis_seq=2).claims} == {"a"}


def test_date_only_report_counts_when_certain_or_possible(store: MemoryStore) -> None:
    store.append([declare(), report("dated", 0, "2020-03-11", said("killed", "3"))])
    # "2020-03-11" in an unknown zone may have been published from 2020-03-10T10:00Z
    # and was certainly published by 2020-03-12T12:00Z.
    evening = "2020-03-11T17:00Z"
    assert killed(believed_at(store, INCIDENT, evening)) is None
    assert killed(believed_at(store, INCIDENT, evening, mode="possible")) == 3
    assert killed(believed_at(store, INCIDENT, "2020-03-12T12:00Z")) == 3
    # ...but never before the incident itself (declared at 16:30Z): no report about
    # it can have been published earlier.
    assert killed(believed_at(store, INCIDENT, "2020-03-11T12:00Z", mode="possible")) is None
    moments = timeline(store, INCIDENT, mode="possible")
    assert moments[0].at == datetime(2020, 3, 11, 16, 30, tzinfo=UTC)


def test_query_window_stands_for_its_end(store: MemoryStore) -> None:
    store.append([declare(), report("a", 0, "6:20pm EST", said("killed", "3"))])
    assert killed(believed_at(store, INCIDENT, "2020-03-11T22:20Z")) == 3  # that minute
    assert killed(believed_at(store, INCIDENT, datetime(2020, 3, 11, 22, 20, tzinfo=UTC))) is None
    exact = datetime(2020, 3, 11, 22, 21, tzinfo=UTC)
    assert killed(believed_at(store, INCIDENT, TimePoint.instant(exact))) == 3


def test_a_revision_replaces_its_predecessors_claims_from_its_publication(store: MemoryStore) -> None:
    store.append([declare(),
                  report("a", 0, "6:00pm EST", said("killed", "2"), said("wounded", "5")),
                  report("a", 1, "7:00pm EST", said("killed", "3"))])
    before = believed_at(store, INCIDENT, "2020-03-11T22:30Z")
    after = believed_at(store, INCIDENT, "2020-03-11T23:30Z")
    assert (killed(before), before["wounded"].status) == (2, "reported")
    # Revision 1 no longer reports any wounded: that claim is gone, not kept.
    assert (killed(after), after["wounded"].status) == (3, "unknown")


def test_revision_that_drops_an_incident_removes_its_claims_there(store: MemoryStore) -> None:
    other = said("killed", "9", incident="other-incident")
    store.append([declare(), report("a", 0, "6:00pm EST", said("killed", "2")),
                  report("a", 1, "7:00pm EST", other)])
    assert killed(believed_at(store, INCIDENT, "2020-03-11T22:30Z")) == 2
    assert killed(believed_at(store, INCIDENT, "2020-03-12")) is None
    assert killed(believed_at(store, "other-incident", "2020-03-12")) == 9


def test_retraction_removes_claims_from_its_time_on_only(store: MemoryStore) -> None:
    store.append([declare(), report("a", 0, "2020-03-11T18:00Z", said("killed", "4")),
                  report("b", 0, "2020-03-11T19:00Z", said("killed", "2"))])
    store.append([retract("b", "2020-03-12T10:00Z")])
    assert killed(believed_at(store, INCIDENT, "2020-03-12T09:00Z", policy="latest")) == 2
    assert killed(believed_at(store, INCIDENT, "2020-03-12T11:00Z", policy="latest")) == 4
    assert killed(known_at(store, INCIDENT, seq=3, policy="latest")) == 2
    assert killed(known_at(store, INCIDENT, policy="latest")) == 4


def test_timeline_lists_each_change_and_what_caused_it(store: MemoryStore) -> None:
    store.append([declare(),
                  report("a", 0, "2020-03-11T18:00Z", said("killed", "no", hedge="initial",
                                                           by="Ministry", **ON_RECORD)),
                  report("b", 0, "2020-03-11T20:00Z", said("killed", "2")),
                  report("c", 0, "2020-03-11T21:00Z", said("killed", "2")),
                  report("d", 0, "2020-03-11T22:00Z",
                         said("killed", "3", by="CJTF", hedge="confirmed", **ON_RECORD))])
    entries = timeline(store, INCIDENT, field="killed")
    assert [(e.at.hour, e.new.describe(), e.changed_by) for e in entries] == [
        (18, "0 (0..0) reported", ("a@0",)),
        (20, "2 (2..2) reported", ("b@0",)),
        (22, "3 (3..3) confirmed", ("d@0",)),
    ]
    assert entries[0].old.describe() == "unknown"
    assert entries[1].old.describe() == "0 (0..0) reported"
    assert all(e.field == "killed" for e in entries)


def test_explain_names_rule_claims_lexicon_and_set_asides(store: MemoryStore) -> None:
    store.append([declare(),
                  report("a", 0, "2020-03-11T18:00Z",
                         said("wounded", "about a dozen", by="two officials",
                              kind="official_anonymous"),
                         said("wounded", "no", by="Ministry", hedge="initial", **ON_RECORD))])
    text = explain(believed_at(store, INCIDENT, "2020-03-12"), "wounded")
    assert "wounded = 12 (10..14) reported" in text
    assert "rule: authority" in text
    assert "lexicon entry 'a dozen'" in text
    assert "two officials [official_anonymous, reported]" in text
    assert "set aside (1)" in text and "initial figure" in text
    with pytest.raises(KeyError, match="no belief about field 'fatalities'"):
        explain(believed_at(store, INCIDENT, "2020-03-12"), "fatalities")


def test_open_fields_need_no_code(store: MemoryStore) -> None:
    store.append([declare(), report("a", 0, "2020-03-11T18:00Z",
                                    said("launchers_found", "one"))])
    state = believed_at(store, INCIDENT, "2020-03-12")
    assert state["launchers_found"].describe() == "1 (1..1) reported"
    assert list(state.beliefs)[:5] == ["killed", "wounded", "rockets_fired",
                                       "rockets_impacted", "attribution"]


def test_errors_name_the_input(store: MemoryStore) -> None:
    store.append([declare()])
    with pytest.raises(UnknownIncidentError, match=r"'nowhere'.*attack-1"):
        believed_at(store, "nowhere", "2020-03-12")
    with pytest.raises(NaiveDatetimeError, match="no time zone"):
        believed_at(store, INCIDENT, datetime(2020, 3, 12))
    with pytest.raises(ValueError, match="mode 'sure'"):
        believed_at(store, INCIDENT, "2020-03-12", mode="sure")


def test_state_json_is_plain_data(store: MemoryStore) -> None:
    store.append([declare(), report("a", 0, "2020-03-11T18:00Z", said("killed", "3"))])
    data = believed_at(store, INCIDENT, "2020-03-12").to_json()
    assert data["beliefs"]["killed"]["best"] == 3
    assert data["beliefs"]["killed"]["supporting"][0]["quote"] == "Outlet says killed 3."
    assert data["at"] == "2020-03-13T12:00:00Z"


def test_snapshot_resumes_to_the_same_ledger(store: MemoryStore) -> None:
    store.append([declare(), report("a", 0, "2020-03-11T18:00Z", said("killed", "3"))])
    store.append([report("a", 1, "2020-03-11T19:00Z", said("killed", "4")),
                  retract("a", "2020-03-12")])
    events = list(store.read())
    head = Ledger().extend(events[:2])
    resumed = Snapshot.loads(Snapshot.of(head).dumps()).resume().extend(events)
    assert resumed == Ledger().extend(events)
    assert resumed.last_seq == 4
    with pytest.raises(SnapshotError, match="not a taji_events snapshot"):
        Snapshot.loads(b'{"format": "other"}')
