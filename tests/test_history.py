"""The belief history (one sweep, incremental policies) gives what the direct
computation gives: every field's belief at every publication moment, the fields
a state has and their order, and the timeline, for every shipped policy, a
re-ranked one and a user's subclass that implements only ``choose_count``, in
both modes — on logs dense with conflicting, confirmed, initial and denied
figures, claims about a subset (scoped), revisions, retractions, date-only times
and late publication."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from oracle import direct_timeline
from test_policy_contract import Median

from taji_events.events import Event, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.history import BeliefHistory
from taji_events.ledger import MODES, Ledger
from taji_events.model import Attribution, Claim, Count, Evidence, Source, Speaker
from taji_events.policies import (
    POLICIES,
    AuthorityPolicy,
    Policy,
    RangePolicy,
)
from taji_events.states import state_from_ledger
from taji_events.timepoint import TimePoint

START = datetime(2021, 6, 1, tzinfo=UTC)
KINDS = ("official_on_record", "official_anonymous", "wire", "news_outlet", "belligerent",
         "unattributed")
HEDGES = ("confirmed", "reported", "initial", "denied", "preliminary")


POLICY_OBJECTS: list[Policy] = [
    *POLICIES.values(), Median(),
    AuthorityPolicy(ranking={"wire": 9, "news_outlet": 8, "official_on_record": 1}),
    RangePolicy(ranking={"belligerent": 9}),
]


@st.composite
def values(draw: st.DrawFn, field: str) -> Count | Attribution:
    if field == "attribution":
        stance = draw(st.sampled_from(("claimed", "accused", "suspected", "denied", "no_claim")))
        actor = None if stance == "no_claim" else draw(st.sampled_from(("Group A", "Group B")))
        return Attribution(actor, stance, draw(st.sampled_from(("", "officials"))))
    figure = draw(st.integers(0, 8))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return Count.at_least(figure)
    if shape == 1:
        return Count.about(figure + 10)
    if shape == 2:
        return Count.exact(figure, breakdown={"US": figure // 2, "UK": figure - figure // 2})
    return Count.exact(figure)


@st.composite
def claims(draw: st.DrawFn, incident: str) -> Claim:
    field = draw(st.sampled_from(("killed", "killed", "wounded", "attribution", "launchers")))
    quote = f"{field} {draw(st.integers(0, 3))}"
    scope = None if field == "attribution" or draw(st.integers(0, 5)) else "among the guards"
    return Claim(incident=incident, field=field, value=draw(values(field)),
                 according_to=Speaker(draw(st.sampled_from(("a", "b"))), draw(st.sampled_from(KINDS))),
                 hedge=draw(st.sampled_from(HEDGES)), evidence=Evidence(0, len(quote), quote),
                 scope=scope)


def _point(draw: st.DrawFn, moment: datetime) -> TimePoint:
    if draw(st.integers(0, 4)) == 0:
        return TimePoint.parse(moment.date().isoformat())
    return TimePoint.instant(moment)


@st.composite
def dense_logs(draw: st.DrawFn) -> list[Event]:
    incident = "incident-1"
    events: list[Event] = [IncidentDeclared(incident_id=incident, title="An attack", place="X",
                                            occurred_at=TimePoint.instant(START))]
    for number in range(draw(st.integers(1, 12))):
        moment = START + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
        source = Source(f"Outlet {draw(st.integers(0, 3))}", "news_outlet")
        previous: list[Claim] = []
        for revision in range(draw(st.integers(1, 3))):
            moment += timedelta(minutes=draw(st.integers(0, 600)))
            kept = [claim for claim in previous if draw(st.booleans())]
            previous = kept + draw(st.lists(claims(incident), min_size=0 if revision else 1,
                                            max_size=4))
            events.append(ReportPublished(report_id=f"report-{number}", revision=revision,
                                          source=source, published_at=_point(draw, moment),
                                          claims=previous))
        if draw(st.integers(0, 5)) == 0:
            events.append(ReportRetracted(report_id=f"report-{number}", at=_point(
                draw, moment + timedelta(minutes=draw(st.integers(0, 2000))))))
    return events


@given(dense_logs(), st.sampled_from(MODES))
def test_history_equals_the_direct_computation_at_every_moment(events: list[Event],
                                                                mode: str) -> None:
    ledger = Ledger.from_events(events)
    for policy in POLICY_OBJECTS:
        history = BeliefHistory.of(ledger, "incident-1", policy, mode)
        for position, moment in enumerate(history.sweep.moments):
            direct = state_from_ledger(ledger, "incident-1", policy=policy, published_by=moment,
                                       mode=mode)
            assert history.fields_at(position) == list(direct.beliefs), (policy, position)
            for field, belief in direct.beliefs.items():
                assert history.summary(field, position) == belief.summary, (policy, field, position)
        assert history.timeline() == direct_timeline(ledger, "incident-1", policy=policy, mode=mode)


@given(dense_logs(), st.sampled_from(MODES), st.data())
def test_a_deferred_state_equals_the_eager_one(events: list[Event], mode: str,
                                               data: st.DataObject) -> None:
    ledger = Ledger.from_events(events)
    policy = data.draw(st.sampled_from(POLICY_OBJECTS))
    history = BeliefHistory.of(ledger, "incident-1", policy, mode)
    moments = history.sweep.moments
    at = data.draw(st.sampled_from(moments)) + timedelta(seconds=data.draw(st.integers(0, 90)))
    deferred = history.believed_at(at)
    eager = state_from_ledger(ledger, "incident-1", policy=policy, published_by=at, mode=mode)
    assert deferred == eager
    assert deferred.to_json() == eager.to_json()
    assert deferred.claims == eager.claims


@given(dense_logs(), st.sampled_from(MODES), st.data())
def test_a_scoped_claim_never_sets_the_total(events: list[Event], mode: str,
                                             data: st.DataObject) -> None:
    """Law 11: adding a claim about a subset leaves every belief's figures as they were."""
    ledger = Ledger.from_events(events)
    policy = data.draw(st.sampled_from(POLICY_OBJECTS))
    subset = Claim(incident="incident-1", field="killed", value=Count.exact(99),
                   according_to=Speaker("an official", "official_on_record"), hedge="confirmed",
                   evidence=Evidence(0, 3, "two"), scope="among the dead, children")
    moment = events[-1]
    at = (moment.published_at if isinstance(moment, ReportPublished) else moment.at).upper \
        if not isinstance(moment, IncidentDeclared) else START
    with_subset = Ledger.from_events([*events, ReportPublished(
        report_id="subset", revision=0, source=Source("Outlet 9", "news_outlet"),
        published_at=TimePoint.instant(at), claims=[subset])])
    for cutoff in (at, at + timedelta(days=3)):
        before = state_from_ledger(ledger, "incident-1", policy=policy, published_by=cutoff,
                                   mode=mode)["killed"]
        after = state_from_ledger(with_subset, "incident-1", policy=policy, published_by=cutoff,
                                  mode=mode)["killed"]
        assert after.summary == before.summary
        assert any(aside.claim.claim is subset for aside in after.set_aside)
