"""The laws as checks: functions to call inside your own tests (``@given`` or plain).

Each ``assert_*`` function returns nothing when its law holds and raises
:class:`~taji_events.testing.failures.LawViolation` (an ``AssertionError``)
naming the law, showing the events and saying how to read the failure when it
does not. They need neither pytest nor Hypothesis.

Pipeline checks, for whatever you build on a store:

* :func:`assert_same_beliefs` — two stores believe the same about an incident;
* :func:`assert_past_stable` — appending more never changes what was known before;
* :func:`assert_order_independent` — the order events arrive in never changes
  what is believed;
* :func:`assert_knowledge_monotone` — what was known only grows, seq by seq and
  record time by record time;
* :func:`assert_snapshots_resume` — a snapshot resumed and extended with the
  events after it equals a full replay, at every split (with your own way of
  saving one, if you have it);
* :func:`assert_incremental_matches_rebuild` — a ledger kept in step with a store,
  one append at a time and restarted from its snapshots, equals a rebuild;
* :func:`assert_revisions_supersede` — each report counts with its latest
  revision published by then, and not at all once retracted.

Policy laws, for a :class:`~taji_events.policies.Policy` of your own (the policy
contract runs them all): :func:`assert_deterministic`,
:func:`assert_beliefs_within_bounds`, :func:`assert_unknown_without_claims`,
:func:`assert_claims_support_or_contradict`, :func:`assert_set_aside_visible`,
:func:`assert_retractions_respected`, :func:`assert_history_matches_direct` and
:func:`assert_scope_never_sets_total`.

Since 0.3.0.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, NoReturn

import attrs

from taji_events.active_claims import MODES, ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.declarations import fold_declaration
from taji_events.errors import InvalidQueryError, UnknownIncidentError
from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
    event_incidents,
)
from taji_events.history import BeliefHistory
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.model import Claim
from taji_events.policies import Policy, get_policy
from taji_events.replay import believed_at, known_at
from taji_events.serialization import dumps_event, loads_event
from taji_events.snapshots import Snapshot
from taji_events.states import IncidentState, TimelineEntry, believe_field, state_from_ledger
from taji_events.store import EventStore
from taji_events.testing.clock import TickingClock
from taji_events.testing.failures import describe_claim, violation
from taji_events.timepoint import TimePoint

__all__ = [
    "assert_beliefs_within_bounds",
    "assert_claims_support_or_contradict",
    "assert_deterministic",
    "assert_history_matches_direct",
    "assert_incremental_matches_rebuild",
    "assert_knowledge_monotone",
    "assert_order_independent",
    "assert_past_stable",
    "assert_retractions_respected",
    "assert_revisions_supersede",
    "assert_same_beliefs",
    "assert_scope_never_sets_total",
    "assert_set_aside_visible",
    "assert_snapshots_resume",
    "assert_unknown_without_claims",
    "claim_has_scope",
    "direct_timeline",
    "incidents_of",
    "moments_of",
]

AnyBelief = Belief | AttributionBelief


def incidents_of(events: Iterable[Event]) -> list[str]:
    """Every incident ``events`` declare, amend or make a claim about, sorted: the
    incidents a store holding them lists in ``incidents()``."""
    named: set[str] = set()
    for event in events:
        named.update(event_incidents(event))
    return sorted(named)


def _broken(law: str, problem: str, events: Sequence[Event], reading: str) -> NoReturn:
    """Raise the violation of ``law`` from this one line, so that Hypothesis, which
    tells failures apart by where they are raised, reports one failure per law."""
    raise violation(law, problem, events, reading)


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
        _broken(
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
            _broken(
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
                        _broken(
                            "order independence of believed_at",
                            f"incident {incident!r} believed at {at.isoformat()} ({mode} mode) "
                            f"under policy {chosen.name!r}: {problem} (in the order listed "
                            "below first, in this other order second)\nthe other order: "
                            f"{[event.identity for event in order]}", events,
                            "a policy must be a pure function of the set of active claims. "
                            "The usual cause is a tie broken on something that is not content "
                            "(arrival order, object identity, a set's order): break ties with "
                            "ActiveClaim.sort_key")


def _in_seq_order(store: EventStore) -> list[RecordedEvent]:
    """The store's whole log by seq (the append order), whatever order its read gives."""
    return sorted(store.read(), key=lambda entry: entry.seq)


def _known_or_none(store: EventStore, incident: str, bound: dict[str, Any],
                   policy: Policy) -> IncidentState | None:
    try:
        return known_at(store, incident, policy=policy, **bound)
    except UnknownIncidentError:
        return None


def _bound_text(bound: dict[str, Any]) -> str:
    key, value = next(iter(bound.items()))
    return f"known_at({key}={value.isoformat() if isinstance(value, datetime) else value!r})"


def _record_cuts(log: Sequence[RecordedEvent]) -> list[tuple[dict[str, Any], int]]:
    """Each way to cut the log on the record axis, in order, with the last seq it
    keeps: every seq from 0, and every recorded time (and a microsecond before
    the first)."""
    cuts: list[tuple[dict[str, Any], int]] = [({"seq": seq}, seq) for seq in range(len(log) + 1)]
    times = sorted({entry.recorded_at for entry in log})
    if times:
        cuts.append(({"at": times[0] - timedelta(microseconds=1)}, 0))
    cuts += [({"at": moment}, max(entry.seq for entry in log if entry.recorded_at <= moment))
             for moment in times]
    return cuts


def assert_knowledge_monotone(store: EventStore, *, policy: str | Policy = "authority") -> None:
    """What was known only grows (law 4): for every incident, and every two cuts
    T1 <= T2 of ``store``'s log on the record axis (each seq, each recorded
    time), the events ``read(incident=...)`` gives by T1 are among those it
    gives by T2; an incident known at T1 is known at T2; and each claim
    active in "known at T1" is active in "known at T2" unless a later
    revision or a retraction of its report was recorded by T2. The store is
    only read.

    Since 0.3.0.
    """
    chosen = _policy(policy)
    law = "monotone knowledge of known_at"
    log = _in_seq_order(store)
    events = [entry.event for entry in log]
    reading = ("what was known can only grow: a report behind an answer at one seq or record "
               "time stays behind every later one, until a later revision or a retraction of it "
               "is recorded. A store whose reads give events out of seq order (the fold skips "
               "an event whose seq is below one it has already folded), or whose bounded reads "
               "drop events as the bound grows, breaks this")
    cuts = _record_cuts(log)
    axes = [[cut for cut in cuts if "seq" in cut[0]], [cut for cut in cuts if "at" in cut[0]]]
    for incident in incidents_of(events):
        for axis in axes:
            for (early, early_seq), (late, late_seq) in itertools.pairwise(axis):
                first, second = ({entry.event.identity for entry in store.read(
                    incident=incident, until_seq=bound)} for bound in (early_seq, late_seq))
                if not first <= second:
                    _broken(law, f"read(incident={incident!r}, until_seq={early_seq}) "
                            f"gives {sorted(first - second)}, which read(incident="
                            f"{incident!r}, until_seq={late_seq}) does not", events,
                            reading)
                before = _known_or_none(store, incident, early, chosen)
                if before is None:
                    continue
                after = _known_or_none(store, incident, late, chosen)
                if after is None:
                    _broken(law, f"{_bound_text(early)} knows incident {incident!r}, "
                            f"but {_bound_text(late)} raises UnknownIncidentError",
                            events, reading)
                recorded = [entry.event for entry in log if entry.seq <= late_seq]
                retracted = {event.report_id for event in recorded
                             if isinstance(event, ReportRetracted)}
                later_refs = {item.ref for item in after.claims}
                for item in before.claims:
                    revised = any(isinstance(event, ReportPublished)
                                  and event.report_id == item.report_id
                                  and event.revision > item.revision for event in recorded)
                    if item.ref in later_refs or revised or item.report_id in retracted:
                        continue
                    _broken(
                        law, f"{_bound_text(early)} about {incident!r} under policy "
                        f"{chosen.name!r} has claim {item.ref} ({describe_claim(item.claim)}), "
                        f"but {_bound_text(late)} has not, though nothing recorded by seq "
                        f"{late_seq} revises or retracts {item.report_id!r}; its active claims "
                        f"are {sorted(later_refs)}", events, reading)


def _through_snapshot(ledger: Ledger) -> Ledger:
    """The ledger saved as a :class:`~taji_events.snapshots.Snapshot`, written as JSON,
    read back and resumed: what a restarted process gets from its checkpoint."""
    return Snapshot.loads(Snapshot.of(ledger).dumps()).resume()


def _ledger_difference(got: Ledger, want: Ledger) -> str | None:
    """How ``got`` differs from ``want`` (the full replay), in words."""
    if got.last_seq != want.last_seq:
        return f"it stands at seq {got.last_seq}, the full replay at seq {want.last_seq}"
    held, wanted = got.held_events(), want.held_events()
    if held != wanted:
        missing = [event.identity for event in wanted if event not in held]
        extra = [event.identity for event in held if event not in wanted]
        return f"it lacks {missing} and holds {extra} that the full replay does not"
    return None


def assert_snapshots_resume(store: EventStore, *, policy: str | Policy = "authority",
                            resume: Callable[[Ledger], Ledger] | None = None,
                            times: Sequence[datetime] = (),
                            modes: Sequence[str] = MODES) -> None:
    """Snapshot + tail == full replay, for every split point (law 5): for each
    seq of ``store``'s log, a ledger of the events up to it, saved and resumed
    with ``resume`` and then extended with the events after it, equals the
    ledger of a full replay (the same events, the same ``last_seq``) and gives
    the same state of every incident, known now and believed at each of
    ``times`` in each mode; extending the resumed ledger with the whole log
    again changes nothing. ``resume`` saves a ledger the way your pipeline
    checkpoints it and gives back the ledger resumed from what was saved (None:
    a :class:`~taji_events.snapshots.Snapshot` written as JSON and read back).
    The store is only read.

    Since 0.3.0.
    """
    chosen = _policy(policy)
    restore = _through_snapshot if resume is None else resume
    law = "snapshot + tail == full replay"
    recorded = _in_seq_order(store)
    events = [entry.event for entry in recorded]
    full = Ledger().extend(recorded)
    reading = ("a snapshot must keep every event the ledger holds (declarations, revisions, "
               "retractions and amendments) and the seq it was taken at, and the tail is the "
               "events after that seq; a snapshot that leaves something out, or whose seq is "
               "off, breaks this. The events up to the split went into the snapshot")
    views: list[tuple[datetime | None, str]] = [(None, "certain")]
    views += [(at, mode) for at in times for mode in modes]
    wanted: dict[tuple[str, datetime | None, str], IncidentState] = {}
    for split in range(len(recorded) + 1):
        at_seq = recorded[split - 1].seq if split else 0
        saved = Ledger().extend(recorded[:split])
        resumed = restore(saved).extend(recorded[split:])
        for name, ledger in (("then the events after it", resumed),
                             ("then the whole log again", restore(saved).extend(recorded))):
            problem = _ledger_difference(ledger, full)
            if problem is not None:
                _broken(law, f"split after seq {at_seq}: the snapshot resumed, {name}: "
                        f"{problem}", events, reading)
        for incident, (at, mode) in itertools.product(incidents_of(events), views):
            got = state_from_ledger(resumed, incident, policy=chosen, published_by=at, mode=mode)
            want = wanted.get((incident, at, mode))
            if want is None:
                want = wanted[incident, at, mode] = state_from_ledger(
                    full, incident, policy=chosen, published_by=at, mode=mode)
            difference = _first_difference(got, want)
            if difference is None and got.to_json() != want.to_json():
                difference = "the states' JSON differs"
            if difference is not None:
                _broken(law, f"split after seq {at_seq}: the snapshot resumed, then the "
                        f"events after it: {_where(incident, '-', at, mode)} under "
                        f"policy {chosen.name!r}: {difference} (resumed first, full "
                        "replay second)", events, reading)


def assert_incremental_matches_rebuild(store: EventStore, events: Sequence[Event], *,
                                       restarts: Sequence[bool] | None = None,
                                       policy: str | Policy = "authority",
                                       resume: Callable[[Ledger], Ledger] | None = None) -> None:
    """Incremental, with restarts, == batch rebuild (law 6): ``events`` are
    appended to ``store`` one batch each; after each append a ledger kept in
    step folds what ``read(after_seq=<its last_seq>)`` gives, and where
    ``restarts`` is True (one flag per event; None: after every second
    append) it is saved and resumed with ``resume`` (as in
    :func:`assert_snapshots_resume`), as a restarted process would. After
    each append the kept ledger's state of every incident equals
    ``known_at(store, ...)``, and at the end the kept ledger equals a
    rebuild from ``store.read()``. The events are appended to ``store``.

    Since 0.3.0.
    """
    chosen = _policy(policy)
    restore = _through_snapshot if resume is None else resume
    flags = [index % 2 == 1 for index in range(len(events))] if restarts is None else restarts
    if len(flags) != len(events):
        raise InvalidQueryError(f"assert_incremental_matches_rebuild: restarts has {len(flags)} "
                                f"flag(s) for {len(events)} event(s); give one per event")
    law = "incremental (with restarts) == batch rebuild"
    reading = ("a ledger kept in step with the store, one append at a time and restarted from "
               "its snapshots, must answer as a fold of the whole log does. A store whose "
               "read(after_seq=...) misses or repeats events, whose reads give events out of seq "
               "order, or a snapshot that leaves something out breaks this")
    ledger = Ledger().extend(store.read())
    for number, (event, restart) in enumerate(zip(events, flags, strict=True), 1):
        store.append([event])
        ledger.extend(store.read(after_seq=ledger.last_seq))
        if restart:
            ledger = restore(ledger)
        for incident in store.incidents():
            kept = state_from_ledger(ledger, incident, policy=chosen, axis="known")
            stored = known_at(store, incident, policy=chosen)
            if kept.to_json() != stored.to_json():
                differs = _first_difference(kept, stored) or "the states' JSON differs"
                _broken(law, f"after appending event {number} of {len(events)}"
                        f"{' and a restart' if restart else ''}: incident {incident!r} "
                        f"known now under policy {chosen.name!r}: {differs} (the kept "
                        "ledger first, known_at(store) second)",
                        [entry.event for entry in _in_seq_order(store)], reading)
    problem = _ledger_difference(ledger, Ledger().extend(store.read()))
    if problem is not None:
        _broken(law, f"the kept ledger differs from a rebuild from store.read(): "
                f"{problem.replace('the full replay', 'the rebuild')}",
                [entry.event for entry in _in_seq_order(store)], reading)


def _entry_instant(point: TimePoint, mode: str, floor: datetime | None) -> datetime:
    """docs/concepts.md restated: a window counts at its end when certain, at its start
    when possible, but never before the incident (``floor``)."""
    if mode == "certain":
        return point.upper
    return point.lower if floor is None else max(point.lower, min(floor, point.upper))


def _documented_refs(events: Sequence[Event], incident: str, at: datetime, mode: str) -> set[str]:
    """The active claims docs/concepts.md describes: per report, the claims about
    ``incident`` of its highest revision published by ``at``, unless its retraction
    took effect by ``at``."""
    unique = list({event.identity: event for event in reversed(events)}.values())
    declared = next((event for event in unique if isinstance(event, IncidentDeclared)
                     and event.incident_id == incident), None)
    amended = fold_declaration(declared, [event for event in unique
                                          if isinstance(event, IncidentAmended)
                                          and event.incident_id == incident])
    floor = None if amended is None else amended.occurred_at.lower
    retracted = {event.report_id: event.at for event in unique if isinstance(event, ReportRetracted)}
    about = {event.report_id for event in unique
             if isinstance(event, ReportPublished) and incident in event.incidents}
    refs: set[str] = set()
    for report_id in about:
        retraction = retracted.get(report_id)
        if retraction is not None and _entry_instant(retraction, mode, floor) <= at:
            continue
        published = [event for event in unique if isinstance(event, ReportPublished)
                     and event.report_id == report_id
                     and _entry_instant(event.published_at, mode, floor) <= at]
        if published:
            top = max(published, key=lambda event: event.revision)
            refs.update(f"{report_id}@{top.revision}#{index}"
                        for index, claim in enumerate(top.claims) if claim.incident == incident)
    return refs


def assert_revisions_supersede(events: Sequence[Event], *, store: EventStore | None = None,
                               policy: str | Policy = "authority",
                               times: Sequence[datetime] | None = None,
                               modes: Sequence[str] = MODES) -> None:
    """The latest revision replaces earlier ones (law 8): believed at T, the
    active claims about an incident are, for each report, those of its highest
    revision published by T (certainly, or possibly in ``possible`` mode), none
    once its retraction took effect, in publication order — for every incident,
    mode and time in ``times`` (None: every publication edge). ``store`` holds
    ``events`` (appended by your pipeline, in any order; None: a memory store
    they are appended to one by one).

    Since 0.3.0.
    """
    chosen = _policy(policy)
    held = _filled(events) if store is None else store
    moments = moments_of(events) if times is None else times
    law = "the latest revision replaces earlier ones"
    reading = ("a report's revision carries every claim the report makes as of that revision "
               "and replaces the claims of the revisions before it; a retraction removes them "
               "from its time on. A store that drops or reorders revisions, or a pipeline that "
               "gives a changed report a revision number lower than the one it replaces, "
               "breaks this")
    for incident in incidents_of(events):
        for mode in modes:
            for at in moments:
                state = believed_at(held, incident, at, policy=chosen, mode=mode)
                got = [item.ref for item in state.claims]
                want = _documented_refs(events, incident, at, mode)
                if set(got) != want or len(got) != len(want):
                    _broken(law, f"incident {incident!r} believed at {at.isoformat()} "
                            f"({mode} mode): the active claims are {sorted(got)}, "
                            f"expected {sorted(want)}", events, reading)
                keys = [item.sort_key for item in state.claims]
                if keys != sorted(keys):
                    _broken(law, f"incident {incident!r} believed at {at.isoformat()} "
                            f"({mode} mode): the active claims {got} are not in "
                            "publication order (ActiveClaim.sort_key)", events, reading)


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
            _broken(
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
            _broken(
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
            _broken("no active claims -> unknown",
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
            _broken(
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
            _broken(
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
                _broken(
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
                _broken(
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
                    _broken(law, f"{_where(incident, '-', moment, mode)}: fields "
                            f"{history.fields_at(position)} in the history, "
                            f"{list(direct.beliefs)} directly", events, reading)
                for field, belief in direct.beliefs.items():
                    if history.summary(field, position) != belief.summary:
                        _broken(law, f"{_where(incident, field, moment, mode)} under "
                                f"policy {chosen.name!r}: the history has "
                                f"{history.summary(field, position)}, the direct "
                                f"computation {belief.summary}", events, reading)
            if history.timeline() != direct_timeline(ledger, incident, policy=chosen, mode=mode):
                _broken(law, f"incident {incident!r} ({mode} mode) under policy "
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
                _broken(
                    "a scoped claim never sets the total", f"{_where(incident, field, at, mode)} "
                    f"under policy {chosen.name!r}: {belief.describe()!r} with the scoped "
                    f"claims, {before.describe() if before else 'unknown'!r} without them",
                    everything,
                    "a claim about a subset of the incident (its scope) says nothing about the "
                    "total: a policy must leave scoped claims out of the figure")
