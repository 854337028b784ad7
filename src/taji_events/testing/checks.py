"""The laws as checks: functions to call inside your own tests (``@given`` or plain).

Each ``assert_*`` function returns nothing when its law holds and raises
:class:`~taji_events.testing.failures.LawViolation` (an ``AssertionError``)
naming the law, showing the events and saying how to read the failure when it
does not. They need neither pytest nor Hypothesis.

Pipeline checks, for whatever you build on a store:

* :func:`assert_same_beliefs` — two stores believe the same about an incident;
* :func:`assert_past_stable` — appending more never changes what was known before;
* :func:`assert_order_independent` — the order events arrive in never changes
  what is believed.

Policy laws, for a :class:`~taji_events.policies.Policy` of your own (the policy
contract runs them all): :func:`assert_deterministic`,
:func:`assert_beliefs_within_bounds`, :func:`assert_unknown_without_claims`,
:func:`assert_claims_support_or_contradict`, :func:`assert_set_aside_visible`,
:func:`assert_retractions_respected`, :func:`assert_history_matches_direct` and
:func:`assert_scope_never_sets_total`.

Since 0.3.0.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs

from taji_events.active_claims import MODES, ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.errors import InvalidQueryError
from taji_events.events import Event, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.history import BeliefHistory
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.model import Claim
from taji_events.policies import Policy, get_policy
from taji_events.replay import believed_at, known_at
from taji_events.serialization import dumps_event, loads_event
from taji_events.states import IncidentState, TimelineEntry, believe_field, state_from_ledger
from taji_events.store import EventStore
from taji_events.testing.clock import TickingClock
from taji_events.testing.failures import violation
from taji_events.timepoint import TimePoint

__all__ = [
    "assert_beliefs_within_bounds",
    "assert_claims_support_or_contradict",
    "assert_deterministic",
    "assert_history_matches_direct",
    "assert_order_independent",
    "assert_past_stable",
    "assert_retractions_respected",
    "assert_same_beliefs",
    "assert_scope_never_sets_total",
    "assert_set_aside_visible",
    "assert_unknown_without_claims",
    "claim_has_scope",
    "direct_timeline",
    "incidents_of",
    "moments_of",
]

AnyBelief = Belief | AttributionBelief


def incidents_of(events: Iterable[Event]) -> list[str]:
    """Every incident ``events`` declare or make a claim about, sorted."""
    named: set[str] = set()
    for event in events:
        if isinstance(event, IncidentDeclared):
            named.add(event.incident_id)
        elif isinstance(event, ReportPublished):
            named.update(event.incidents)
    return sorted(named)


def moments_of(events: Iterable[Event]) -> list[datetime]:
    """Instants worth asking "believed at" about: both ends of every publication
    and retraction window, a second before each end, and a day after them all."""
    edges: set[datetime] = set()
    for event in events:
        point = event.published_at if isinstance(event, ReportPublished) else \
            event.at if isinstance(event, ReportRetracted) else event.occurred_at
        if point is not None:  # an amendment may leave the occurrence as it was
            edges.update((point.lower, point.upper, point.upper - timedelta(seconds=1)))
    return sorted(edges | ({max(edges) + timedelta(days=1)} if edges else set()))


def _policy(policy: str | Policy) -> Policy:
    return get_policy(policy)


def _filled(events: Sequence[Event]) -> MemoryStore:
    """A memory store holding ``events``, one append batch (one recorded_at) each."""
    store = MemoryStore(TickingClock())
    for event in events:
        store.append([event])
    return store


def _views(ledger: Ledger, events: Sequence[Event], policy: Policy,
           times: Sequence[datetime] | None, modes: Sequence[str]
           ) -> Iterator[tuple[str, str, datetime, IncidentState]]:
    for incident in incidents_of(events):
        for mode in modes:
            for at in (moments_of(events) if times is None else times):
                yield incident, mode, at, state_from_ledger(ledger, incident, policy=policy,
                                                            published_by=at, mode=mode)


def _where(incident: str, field: str, at: datetime | None, mode: str | None) -> str:
    when = "known now" if at is None else f"believed at {at.isoformat()} ({mode} mode)"
    return f"incident {incident!r}, field {field!r}, {when}"


def _refs(claims: Iterable[ActiveClaim]) -> list[str]:
    return sorted(item.ref for item in claims)


def _beliefs(state: IncidentState) -> dict[str, tuple[Any, ...]]:
    return {field: belief.summary for field, belief in state.beliefs.items()}


def _first_difference(one: IncidentState, other: IncidentState) -> str | None:
    """The first field whose belief or the claims behind it differ, in words."""
    for field in sorted(set(one.beliefs) | set(other.beliefs)):
        left, right = one.beliefs.get(field), other.beliefs.get(field)
        if left is None or right is None:
            return f"field {field!r} is in one state only"
        if left.summary != right.summary:
            return f"field {field!r}: {left.describe()!r} against {right.describe()!r}"
    if _refs(one.claims) != _refs(other.claims):
        return f"active claims {_refs(one.claims)} against {_refs(other.claims)}"
    return None


# -- pipeline checks ------------------------------------------------------------------------

def assert_same_beliefs(store_a: EventStore, store_b: EventStore, incident: str, *,
                        policy: str | Policy = "authority", at: datetime | None = None,
                        modes: Sequence[str] = MODES) -> None:
    """``store_a`` and ``store_b`` believe the same about ``incident``: at ``at``
    (None: at every publication and retraction edge either store holds, in
    every mode of ``modes``) and as known now — the same figures and statuses
    and the same active claims. Use it to compare a pipeline's store with a
    reference, or a copy with its original.

    Since 0.3.0.
    """
    chosen = _policy(policy)
    events = [entry.event for store in (store_a, store_b) for entry in store.read(incident=incident)]
    times = [at] if at is not None else moments_of(events)
    known = (known_at(store_a, incident, policy=chosen), known_at(store_b, incident, policy=chosen))
    problem = _first_difference(*known)
    if problem is None:
        for mode in modes:
            for moment in times:
                left = believed_at(store_a, incident, moment, policy=chosen, mode=mode)
                right = believed_at(store_b, incident, moment, policy=chosen, mode=mode)
                problem = _first_difference(left, right)
                if problem is not None:
                    problem = f"believed at {moment.isoformat()} ({mode} mode): {problem}"
                    break
            if problem is not None:
                break
    else:
        problem = f"known now: {problem}"
    if problem is not None:
        only = [entry.event for entry in store_a.read(incident=incident)]
        raise violation(
            "the same beliefs in both stores",
            f"{store_a!r} and {store_b!r} differ about {incident!r} under policy "
            f"{chosen.name!r}, {problem} (the first store's first, listed below)", only,
            "the two stores do not hold the same reports about the incident, or one of them "
            "reads back something else than was appended: compare store.read(incident=...) "
            "of both")


def _past_answers(store: EventStore, policy: Policy) -> dict[tuple[Any, ...], Any]:
    answers: dict[tuple[Any, ...], Any] = {}
    recorded = list(store.read())
    named: set[str] = set()
    for entry in recorded:
        named.update(incidents_of([entry.event]))
        for incident in sorted(named):
            state = known_at(store, incident, seq=entry.seq, policy=policy)
            answers["seq", incident, entry.seq] = state.to_json()
            answers["recorded_at", incident, entry.seq] = known_at(
                store, incident, entry.recorded_at, policy=policy).to_json()
            answers["basis", incident, entry.seq] = believed_at(
                store, incident, entry.recorded_at, policy=policy, basis_seq=entry.seq).to_json()
    return answers


def assert_past_stable(store: EventStore, events: Sequence[Event], *,
                       policy: str | Policy = "authority") -> None:
    """Appending ``events`` to ``store`` (one batch each) changes no past answer:
    "known at" each recorded seq and recorded time, and "believed at" on each
    seq basis, for every incident named by then, are the same after as before.
    The events are appended to ``store``.

    Since 0.3.0.
    """
    chosen = _policy(policy)
    before = _past_answers(store, chosen)
    held = store.last_seq()
    for event in events:
        store.append([event])
    after = _past_answers(store, chosen)
    for key, answer in before.items():
        if after.get(key) != answer:
            kind, incident, seq = key
            view = {"seq": f"known_at(seq={seq})", "recorded_at": f"known_at(at seq {seq}'s "
                    "recorded_at)", "basis": f"believed_at(basis_seq={seq})"}[kind]
            appended = [entry.event for entry in store.read()]
            raise violation(
                "past stability of known_at",
                f"{view} about {incident!r} under policy {chosen.name!r} changed when events "
                f"{held + 1}..{store.last_seq()} were appended:\nbefore: {answer}\n"
                f"after:  {after.get(key)}", appended,
                f"only events 1..{held} were recorded at that point; an answer about the past "
                "must not depend on anything appended later. A store that reads past its "
                "until_seq/recorded_until bounds, or a policy that looks at something "
                "outside the claims it is given, breaks this")


def _orders(events: Sequence[Event], shuffled: Sequence[Sequence[Event]] | None
            ) -> list[Sequence[Event]]:
    if shuffled is not None:
        return list(shuffled)
    return [list(reversed(events)), sorted(events, key=lambda event: event.identity)]


def assert_order_independent(events: Sequence[Event], *, policy: str | Policy = "authority",
                             shuffled: Sequence[Sequence[Event]] | None = None,
                             times: Sequence[datetime] | None = None,
                             modes: Sequence[str] = MODES) -> None:
    """Appending ``events`` in another order leaves "believed at T" unchanged:
    each order in ``shuffled`` (None: the reverse order and the order of
    identities) gives the same beliefs and active claims as ``events``, for
    every incident, mode and time in ``times`` (None: every publication edge).

    Since 0.3.0.
    """
    chosen = _policy(policy)
    reference = _filled(events)
    moments = moments_of(events) if times is None else times
    for order in _orders(events, shuffled):
        if sorted(event.identity for event in order) != sorted(e.identity for e in events):
            raise InvalidQueryError("assert_order_independent: each order in shuffled must hold the "
                             "same events as events, in another order")
        other = _filled(order)
        for incident in incidents_of(events):
            for mode in modes:
                for at in moments:
                    expected = believed_at(reference, incident, at, policy=chosen, mode=mode)
                    got = believed_at(other, incident, at, policy=chosen, mode=mode)
                    problem = _first_difference(expected, got)
                    if problem is not None:
                        raise violation(
                            "order independence of believed_at",
                            f"incident {incident!r} believed at {at.isoformat()} ({mode} mode) "
                            f"under policy {chosen.name!r}: {problem} (in the order listed "
                            "below first, in this other order second)\nthe other order: "
                            f"{[event.identity for event in order]}", events,
                            "a policy must be a pure function of the set of active claims. "
                            "The usual cause is a tie broken on something that is not content "
                            "(arrival order, object identity, a set's order): break ties with "
                            "ActiveClaim.sort_key")


# -- policy laws ----------------------------------------------------------------------------

def assert_deterministic(events: Sequence[Event], *, policy: str | Policy = "authority",
                         times: Sequence[datetime] | None = None,
                         modes: Sequence[str] = MODES) -> None:
    """The same events, also after a JSON round trip, give equal states: two
    folds of ``events`` believe the same at every time and mode. Since 0.3.0."""
    chosen = _policy(policy)
    reloaded = [loads_event(dumps_event(event)) for event in events]
    first, again = Ledger.from_events(events), Ledger.from_events(reloaded)
    for incident, mode, at, state in _views(first, events, chosen, times, modes):
        other = state_from_ledger(again, incident, policy=chosen, published_by=at, mode=mode)
        problem = _first_difference(state, other)
        if problem is None and state.to_json() != other.to_json():
            problem = "the states' JSON differs"
        if problem is not None:
            raise violation(
                "determinism of believed_at", f"{_where(incident, '-', at, mode)} under policy "
                f"{chosen.name!r}: {problem} between two folds of the same events", events,
                "folding the same events twice must give the same beliefs. A policy that "
                "reads the clock, a counter, random numbers or state kept between calls "
                "breaks this")


def _count_beliefs(ledger: Ledger, events: Sequence[Event], policy: Policy,
                   times: Sequence[datetime] | None, modes: Sequence[str]
                   ) -> Iterator[tuple[str, str, datetime, IncidentState, str, AnyBelief]]:
    for incident, mode, at, state in _views(ledger, events, policy, times, modes):
        for field, belief in state.beliefs.items():
            yield incident, mode, at, state, field, belief


def _field_claims(state: IncidentState, field: str) -> list[ActiveClaim]:
    return [item for item in state.claims if item.claim.field == field]


def assert_beliefs_within_bounds(events: Sequence[Event], *, policy: str | Policy = "authority",
                                 times: Sequence[datetime] | None = None,
                                 modes: Sequence[str] = MODES) -> None:
    """Every known numeric belief has ``low <= best <= high`` (``high`` None is
    open-ended). Since 0.3.0."""
    chosen = _policy(policy)
    for incident, mode, at, _, field, belief in _count_beliefs(
            Ledger.from_events(events), events, chosen, times, modes):
        if not isinstance(belief, Belief) or belief.best is None:
            continue
        if belief.low is None or not (belief.low <= belief.best and
                                      (belief.high is None or belief.best <= belief.high)):
            raise violation(
                "low <= best <= high", f"{_where(incident, field, at, mode)} under policy "
                f"{chosen.name!r}: low={belief.low}, best={belief.best}, high={belief.high} "
                f"({belief.rule})", events,
                "the (best, low, high) that choose_count returns must satisfy "
                "low <= best <= high, with high=None for an open-ended figure; look at "
                "the rule above, which is the one your choose_count gave")


def assert_unknown_without_claims(events: Sequence[Event], *, policy: str | Policy = "authority",
                                  times: Sequence[datetime] | None = None,
                                  modes: Sequence[str] = MODES) -> None:
    """A field with no active claim is ``unknown`` with no figure, and so is
    ``policy.believe(field, [])``. Since 0.3.0."""
    chosen = _policy(policy)
    for field in ("killed", "attribution"):
        empty = believe_field(chosen, field, [])
        if empty.status != "unknown":
            raise violation("no active claims -> unknown",
                            f"believe({field!r}, []) under policy {chosen.name!r} gives "
                            f"{empty.describe()!r}", [],
                            "with no claims a policy knows nothing: leave the empty case "
                            "to Policy.believe")
    for incident, mode, at, state, field, belief in _count_beliefs(
            Ledger.from_events(events), events, chosen, times, modes):
        if _field_claims(state, field):
            continue
        figure = belief.best if isinstance(belief, Belief) else belief.leading
        if belief.status != "unknown" or figure is not None:
            raise violation(
                "no active claims -> unknown", f"{_where(incident, field, at, mode)} under "
                f"policy {chosen.name!r}: no claim is active, yet the belief is "
                f"{belief.describe()!r}", events,
                "a belief must come from the active claims alone; a policy that keeps "
                "figures between calls or invents a default breaks this")


def assert_claims_support_or_contradict(events: Sequence[Event], *,
                                        policy: str | Policy = "authority",
                                        times: Sequence[datetime] | None = None,
                                        modes: Sequence[str] = MODES) -> None:
    """Every active claim about a numeric field either supports its belief or
    contradicts it, never both: the supporting and the contradicting claims
    together are the active claims.
    Since 0.3.0."""
    chosen = _policy(policy)
    for incident, mode, at, state, field, belief in _count_beliefs(
            Ledger.from_events(events), events, chosen, times, modes):
        if not isinstance(belief, Belief):
            continue
        active = _refs(_field_claims(state, field))
        supporting, contradicting = _refs(belief.supporting), _refs(belief.contradicting)
        if sorted(supporting + contradicting) != active:
            raise violation(
                "supporting ∪ contradicting = the active claims",
                f"{_where(incident, field, at, mode)} under policy {chosen.name!r}: active "
                f"{active}, supporting {supporting}, contradicting {contradicting}", events,
                "each active claim about the field must be listed exactly once, as "
                "supporting the belief or contradicting it, so that explain shows every "
                "report; a claim missing or listed twice is a bug in the policy")


def assert_set_aside_visible(events: Sequence[Event], *, policy: str | Policy = "authority",
                             times: Sequence[datetime] | None = None,
                             modes: Sequence[str] = MODES) -> None:
    """A claim the policy set aside stays visible: it is an active claim of the
    field, listed with the belief (supporting or contradicting it), with a
    reason. Since 0.3.0."""
    chosen = _policy(policy)
    for incident, mode, at, state, field, belief in _count_beliefs(
            Ledger.from_events(events), events, chosen, times, modes):
        active = set(_refs(_field_claims(state, field)))
        listed = set(_refs(belief.supporting)) | set(_refs(belief.contradicting))
        for aside in belief.set_aside:
            ref = aside.claim.ref
            if ref not in active or ref not in listed or not aside.reason:
                missing = "not an active claim" if ref not in active else \
                    "not listed with the belief" if ref not in listed else "without a reason"
                raise violation(
                    "set-aside claims stay visible", f"{_where(incident, field, at, mode)} "
                    f"under policy {chosen.name!r}: {ref} was set aside "
                    f"({aside.reason or 'no reason given'}) but is {missing}", events,
                    "a claim a policy does not count is still shown, with the reason it was "
                    "set aside; it must be one of the field's active claims and be listed as "
                    "supporting or contradicting")


def assert_retractions_respected(events: Sequence[Event], *, policy: str | Policy = "authority",
                                 times: Sequence[datetime] | None = None,
                                 modes: Sequence[str] = MODES) -> None:
    """A retracted report never supports a belief (nor is active) once its
    retraction took effect (certainly, or possibly in ``possible`` mode).
    Since 0.3.0."""
    chosen = _policy(policy)
    retracted = {event.report_id: event.at for event in events if isinstance(event, ReportRetracted)}
    for incident, mode, at, state, field, belief in _count_beliefs(
            Ledger.from_events(events), events, chosen, times, modes):
        for item in (*belief.supporting, *_field_claims(state, field)):
            point = retracted.get(item.report_id)
            if point is not None and (point.upper <= at if mode == "certain" else False):
                raise violation(
                    "a retracted report never supports a belief after its retraction",
                    f"{_where(incident, field, at, mode)} under policy {chosen.name!r}: "
                    f"{item.ref} still counts, but {item.report_id!r} was retracted at "
                    f"{point}", events,
                    "from the retraction's time on, the report's claims are not active; a "
                    "policy or store that keeps claims it was given earlier breaks this")


def direct_timeline(ledger: Ledger, incident: str, *, policy: str | Policy = "authority",
                    mode: str = "certain", field: str | None = None) -> list[TimelineEntry]:
    """The timeline computed the slow, obvious way: the policy over every active
    claim at every publication moment (only ``field`` if given). The reference the
    belief history is held to. Since 0.3.0."""
    chosen = _policy(policy)
    entries: list[TimelineEntry] = []
    previous: dict[str, AnyBelief] = {}
    entered: dict[datetime, list[str]] = {}
    windows: dict[datetime, list[TimePoint]] = {}
    for moment, report_id, number in ledger.edges(incident, mode):
        entered.setdefault(moment, []).append(
            f"{report_id}@{number}" if number is not None else f"{report_id} retracted")
        windows.setdefault(moment, []).append(ledger.edge_point(report_id, number))
    for moment in sorted(entered):
        state = state_from_ledger(ledger, incident, policy=chosen, published_by=moment, mode=mode)
        beliefs = dict(state.beliefs)
        for name in sorted(previous.keys() - beliefs.keys()):  # its last claim was withdrawn
            beliefs[name] = believe_field(chosen, name, [])
        for name, belief in beliefs.items():
            if field is not None and name != field:
                continue
            old = previous.get(name) or believe_field(chosen, name, [])
            if old.summary != belief.summary:
                entries.append(TimelineEntry(at=moment, field=name, old=old, new=belief,
                                             changed_by=tuple(entered[moment]),
                                             published=tuple(windows[moment])))
            previous[name] = belief
    return entries


def assert_history_matches_direct(events: Sequence[Event], *, policy: str | Policy = "authority",
                                  modes: Sequence[str] = MODES) -> None:
    """The belief history (the incremental engine) and the direct recomputation
    agree: the same fields and beliefs at every publication moment, and the
    same timeline. Since 0.3.0."""
    chosen = _policy(policy)
    ledger = Ledger.from_events(events)
    law = "the incremental engine and the direct recomputation agree"
    reading = ("BeliefHistory folds each report's delta into the policy's incremental form "
               "(a policy of your own goes through the direct fallback); a difference means "
               "the incremental form and Policy.believe disagree. Compare "
               "state_from_ledger at the moment named with the history's summary")
    for incident in incidents_of(events):
        for mode in modes:
            history = BeliefHistory.of(ledger, incident, chosen, mode)
            for position, moment in enumerate(history.sweep.moments):
                direct = state_from_ledger(ledger, incident, policy=chosen, published_by=moment,
                                           mode=mode)
                if history.fields_at(position) != list(direct.beliefs):
                    raise violation(law, f"{_where(incident, '-', moment, mode)}: fields "
                                    f"{history.fields_at(position)} in the history, "
                                    f"{list(direct.beliefs)} directly", events, reading)
                for field, belief in direct.beliefs.items():
                    if history.summary(field, position) != belief.summary:
                        raise violation(law, f"{_where(incident, field, moment, mode)} under "
                                        f"policy {chosen.name!r}: the history has "
                                        f"{history.summary(field, position)}, the direct "
                                        f"computation {belief.summary}", events, reading)
            if history.timeline() != direct_timeline(ledger, incident, policy=chosen, mode=mode):
                raise violation(law, f"incident {incident!r} ({mode} mode) under policy "
                                f"{chosen.name!r}: the history's timeline differs from the "
                                "direct timeline", events, reading)


def claim_has_scope() -> bool:
    """Whether :class:`~taji_events.model.Claim` carries a ``scope`` (a claim about a
    subset of the incident). Since 0.3.0."""
    return any(field.name == "scope" for field in attrs.fields(Claim))


def assert_scope_never_sets_total(events: Sequence[Event], scoped: Sequence[ReportPublished], *,
                                  policy: str | Policy = "authority",
                                  times: Sequence[datetime] | None = None,
                                  modes: Sequence[str] = MODES) -> None:
    """Adding reports of scoped (subset) claims never sets or raises an
    incident's total: with ``scoped`` added to ``events``, a numeric field
    with no unscoped claim stays unknown, and otherwise its best and high are
    no higher than the unscoped claims alone give. Every claim of ``scoped``
    must carry a scope. Since 0.3.0."""
    chosen = _policy(policy)
    if any(not getattr(claim, "scope", None) for report in scoped for claim in report.claims):
        raise InvalidQueryError("assert_scope_never_sets_total: every claim of scoped must carry a "
                         "scope")
    plain, with_scoped = Ledger.from_events(events), Ledger.from_events([*events, *scoped])
    everything = [*events, *scoped]
    for incident, mode, at, state in _views(with_scoped, everything, chosen, times, modes):
        alone = state_from_ledger(plain, incident, policy=chosen, published_by=at, mode=mode)
        for field, belief in state.beliefs.items():
            if not isinstance(belief, Belief) or belief.best is None:
                continue
            before = alone.beliefs.get(field)
            limit = before.best if isinstance(before, Belief) else None
            high = before.high if isinstance(before, Belief) and limit is not None else None
            raised = limit is None or belief.best > limit or (
                high is not None and (belief.high is None or belief.high > high))
            if raised:
                raise violation(
                    "a scoped claim never sets the total", f"{_where(incident, field, at, mode)} "
                    f"under policy {chosen.name!r}: {belief.describe()!r} with the scoped "
                    f"claims, {before.describe() if before else 'unknown'!r} without them",
                    everything,
                    "a claim about a subset of the incident (its scope) says nothing about the "
                    "total: a policy must leave scoped claims out of the figure")
