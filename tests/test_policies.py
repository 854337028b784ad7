"""What each shipped policy concludes, and why (docs/policies.md)."""

from __future__ import annotations

import pytest
from scenario import INCIDENT, declare, report, said

from taji_events import POLICIES, Attribution, AttributionBelief, Belief, Count, Policy, get_policy
from taji_events.errors import UnknownPolicyError
from taji_events.ledger import Ledger
from taji_events.policies import DEFAULT_RANKING, AuthorityPolicy
from taji_events.states import state_from_ledger
from taji_events.testing.checks import (
    assert_beliefs_within_bounds,
    assert_claims_support_or_contradict,
    assert_set_aside_visible,
    assert_unknown_without_claims,
)

ON_RECORD = {"kind": "official_on_record"}
ANONYMOUS = {"kind": "official_anonymous"}


def belief(events: list, field: str, policy: str | Policy = "authority") -> Belief:
    state = state_from_ledger(Ledger.from_events([declare(), *events]), INCIDENT, policy=policy)
    result = state[field]
    assert isinstance(result, Belief)
    return result


def attribution(events: list, policy: str = "authority") -> AttributionBelief:
    state = state_from_ledger(Ledger.from_events([declare(), *events]), INCIDENT, policy=policy)
    result = state["attribution"]
    assert isinstance(result, AttributionBelief)
    return result


def test_unknown_field_has_unknown_status_under_every_policy() -> None:
    for name in POLICIES:
        assert_unknown_without_claims([declare()], policy=name)
        assert belief([], "killed", name).status == "unknown"
        assert belief([], "killed", name).best is None


def test_latest_takes_most_recently_published_claim() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z", said("killed", "2")),
              report("b", 0, "2020-03-11T21:00Z", said("killed", "5")),
              report("c", 0, "2020-03-11T19:00Z", said("killed", "9"))]
    assert belief(events, "killed", "latest").best == 5


def test_latest_keeps_a_carried_over_claim_at_its_first_publication_time() -> None:
    # Revision 1 repeats the original claim and adds an update; the update is the
    # newer statement even though both sit in the same revision.
    first = report("a", 0, "6:00pm EST", said("killed", "2"))
    update = report("a", 1, "7:00pm EST", said("killed", "2"), said("killed", "3"))
    reverse = report("a", 1, "7:00pm EST", said("killed", "3"), said("killed", "2"))
    assert belief([first, update], "killed", "latest").best == 3
    chosen = belief([first, reverse], "killed", "latest").chosen
    assert chosen is not None and chosen.claim.value.best == 3  # type: ignore[union-attr]


def test_authority_prefers_on_record_officials_over_later_outlets() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z", said("killed", "3", by="CJTF", **ON_RECORD)),
              report("b", 0, "2020-03-11T23:00Z", said("killed", "4"))]
    result = belief(events, "killed")
    assert result.best == 3
    assert [c.report_id for c in result.contradicting] == ["b"]
    assert "official_on_record" in result.rule


def test_authority_ranking_is_configurable() -> None:
    ranking = {**DEFAULT_RANKING, "news_outlet": 99}
    events = [report("a", 0, "2020-03-11T20:00Z", said("killed", "3", by="CJTF", **ON_RECORD)),
              report("b", 0, "2020-03-11T23:00Z", said("killed", "4"))]
    assert belief(events, "killed", AuthorityPolicy(ranking)).best == 4


def test_authority_keeps_an_exact_figure_over_a_later_looser_bound() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("killed", Count.exact(3, breakdown={"US": 2, "GB": 1}), **ON_RECORD,
                          by="CENTCOM", hedge="confirmed")),
              report("b", 0, "2020-03-12T10:00Z",
                     said("killed", Count.at_least(2, breakdown={"US": 2}), by="Capt. Urban",
                          **ON_RECORD, hedge="confirmed"))]
    result = belief(events, "killed")
    assert (result.best, result.low, result.high) == (3, 3, 3)
    assert dict(result.breakdown) == {"GB": 1, "US": 2}
    assert result.status == "confirmed"
    assert {c.report_id for c in result.supporting} == {"a", "b"}


def test_breakdown_is_borrowed_from_a_supporting_claim_that_adds_up() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("killed", Count.exact(3, breakdown={"US": 2, "GB": 1}), by="CENTCOM",
                          **ANONYMOUS)),
              report("b", 0, "2020-03-11T23:00Z",
                     said("killed", "three", by="CJTF", hedge="confirmed", **ON_RECORD))]
    result = belief(events, "killed")
    assert result.chosen is not None and result.chosen.report_id == "b"
    assert dict(result.breakdown) == {"GB": 1, "US": 2}
    assert result.breakdown_from is not None and result.breakdown_from.report_id == "a"


def test_initial_figure_contradicted_later_is_set_aside_and_listed_as_contradicting() -> None:
    events = [report("a", 0, "2020-03-11T18:00Z",
                     said("killed", "no", by="Security Media Cell", hedge="initial", **ON_RECORD),
                     said("killed", "three", by="two officials", hedge="preliminary", **ANONYMOUS))]
    for name in ("authority", "conservative", "range"):
        assert_set_aside_visible([declare(), *events], policy=name)
        assert_claims_support_or_contradict([declare(), *events], policy=name)
        result = belief(events, "killed", name)
        assert result.best == 3, name
        assert [c.claim.according_to.name for c in result.contradicting] == ["Security Media Cell"]
        assert "initial figure" in result.set_aside[0].reason


def test_later_confirmed_equal_authority_discredits_an_earlier_figure() -> None:
    events = [report("a", 0, "2020-03-11T18:00Z", said("killed", "no", by="Ministry", **ON_RECORD)),
              report("b", 0, "2020-03-11T22:00Z",
                     said("killed", "3", by="CJTF", hedge="confirmed", **ON_RECORD))]
    assert belief(events, "killed", "conservative").best == 3
    assert belief(events, "killed", "range").status == "confirmed"
    # ...but a lower-ranked confirmation does not discredit an on-record figure.
    weaker = [events[0], report("b", 0, "2020-03-11T22:00Z",
                                said("killed", "3", hedge="confirmed"))]
    assert belief(weaker, "killed", "conservative").best == 0
    assert belief(weaker, "killed", "conservative").status == "disputed"


def test_denied_figure_is_never_chosen() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("killed", "5", by="Army", hedge="denied", **ON_RECORD),
                     said("killed", "2"))]
    for name in POLICIES:
        assert_set_aside_visible([declare(), *events], policy=name)
        result = belief(events, "killed", name)
        assert result.best == 2, name
        assert "denies" in result.set_aside[0].reason


def test_conservative_takes_lowest_stated_figure_raised_to_shared_bound() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z", said("wounded", "about a dozen")),
              report("b", 0, "2020-03-11T21:00Z", said("wounded", "14")),
              report("c", 0, "2020-03-11T22:00Z", said("wounded", "at least 11"))]
    result = belief(events, "wounded", "conservative")
    # About 12 and exactly 14 are estimates; "at least 11" is only a floor.
    assert (result.best, result.high, result.status) == (12, 14, "reported")
    raised = [*events, report("d", 0, "2020-03-11T23:00Z", said("wounded", "more than 12"))]
    assert belief(raised, "wounded", "conservative").best == 13
    floors_only = events[2:]
    assert belief(floors_only, "wounded", "conservative").best == 11


def test_range_reports_low_best_high_and_disputes_non_overlapping_figures() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("rockets_fired", "approximately 15")),
              report("b", 0, "2020-03-11T22:20Z",
                     said("rockets_fired", "18", by="a U.S. official", **ANONYMOUS)),
              report("c", 0, "2020-03-12T12:00Z", said("rockets_fired", "30"))]
    assert_beliefs_within_bounds([declare(), *events], policy="range")
    result = belief(events, "rockets_fired", "range")
    assert (result.low, result.best, result.high, result.status) == (15, 18, 30, "disputed")
    partial = [report("a", 0, "2020-03-11T20:00Z", said("killed", "3"),
                      said("killed", Count.at_least(1, breakdown={"GB": 1})))]
    assert belief(partial, "killed", "range").describe() == "3 (3..3) reported [GB 1]"
    agreeing = belief(events[:1], "rockets_fired", "range")
    assert agreeing.status == "reported"


def test_open_ended_claims_keep_high_open_under_authority() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z", said("rockets_impacted", "more than 15",
                                                       by="coalition", **ON_RECORD))]
    result = belief(events, "rockets_impacted")
    assert (result.low, result.best, result.high) == (16, 16, None)
    assert result.describe() == "16 (16..open) reported"


def test_attribution_keeps_no_claim_apart_from_suspicion() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("attribution", Attribution(None, "no_claim", "Outlet")),
                     said("attribution", Attribution("Militia X", "suspected", "U.S. officials"),
                          by="U.S. officials", **ANONYMOUS))]
    for name in POLICIES:
        result = attribution(events, name)
        assert result.no_claim and not result.responsibility_claimed, name
        assert [a.actor for a in result.actors] == ["Militia X"]
    assert attribution(events).leading == "Militia X"
    assert attribution(events).leading_stance == "suspected"
    assert attribution(events).status == "reported"
    assert attribution(events, "conservative").leading is None


def test_attribution_denial_by_the_accused_is_a_dispute() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("attribution", Attribution("Group Y", "accused", "Ministry"),
                          by="Ministry", **ON_RECORD),
                     said("attribution", Attribution("Group Y", "denied", "Group Y"),
                          by="Group Y", kind="belligerent"))]
    result = attribution(events)
    assert result.leading == "Group Y"
    assert result.status == "disputed"
    assert [c.claim.according_to.name for c in result.contradicting] == ["Group Y"]


def test_competing_claims_of_responsibility() -> None:
    events = [report("a", 0, "2020-03-11T20:00Z",
                     said("attribution", Attribution("Group A", "claimed", "Group A"),
                          by="Group A", kind="belligerent"),
                     said("attribution", Attribution("Group B", "claimed", "Group B"),
                          by="Group B", kind="belligerent"))]
    result = attribution(events, "conservative")
    assert result.responsibility_claimed
    assert result.status == "disputed"


def test_get_policy_names_the_known_policies() -> None:
    assert get_policy("range").name == "range"
    with pytest.raises(UnknownPolicyError, match="latest, authority, conservative, range"):
        get_policy("loudest")


def test_a_user_policy_plugs_in() -> None:
    class Highest(Policy):
        name = "highest"

        def choose_count(self, field, claims, credible):  # type: ignore[no-untyped-def]
            chosen = max(credible, key=lambda item: item.claim.value.best)
            return chosen, chosen.claim.value.best, chosen.claim.value.low, \
                chosen.claim.value.high, "highest credible figure"

    events = [report("a", 0, "2020-03-11T20:00Z", said("killed", "2"), said("killed", "7"))]
    result = belief(events, "killed", Highest())
    assert (result.best, result.policy, result.rule) == (7, "highest", "highest credible figure")
