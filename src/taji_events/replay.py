"""Replay: what was believed at a publication time, what was known at a record time,
how beliefs changed, and why.

* :func:`believed_at` — publication axis: every report published by ``at``
  (``mode="certain"``: its whole publication window has passed;
  ``"possible"``: it may have been published), using everything recorded so far
  or up to ``basis_seq``. Late arrivals slot into their publication place.
* :func:`known_at` — record axis: only what had been recorded by ``at``
  (``recorded_at``) or by ``seq``. Appending never changes a past answer.
* :func:`timeline` — each moment a field's belief changed, and what changed it.
* :func:`explain` — a belief in words: claims, rule, lexicon entries.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Final

from taji_events.claim_rows import IncidentRows, to_micros
from taji_events.declarations import fold_declaration
from taji_events.errors import InvalidQueryError, StoreError, UnknownIncidentError
from taji_events.events import IncidentAmended, IncidentDeclared
from taji_events.history import BeliefHistory, moment_state
from taji_events.incremental import has_incremental_form
from taji_events.ledger import MODES, Ledger
from taji_events.moment_fold import moment_claims, moment_summaries
from taji_events.policies import Policy, get_policy
from taji_events.rendering import belief_json, explain_text
from taji_events.states import IncidentState, Timeline, TimelineEntry, state_from_ledger
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint, coerce_time, format_utc

__all__ = [
    "IncidentState",
    "Timeline",
    "TimelineEntry",
    "belief_json",
    "believed_at",
    "check_mode",
    "check_seq",
    "explain",
    "final_states",
    "known_at",
    "ledger_for",
    "state_from_ledger",
    "timeline",
    "timeline_from_ledger",
    "unknown_incident",
]


#: The cut of the known view as a publication instant: every window ends by then.
_EVERYTHING: Final = datetime.max.replace(tzinfo=UTC)


@contextlib.contextmanager
def _quiet_gc() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a view is built from claim rows.

    Building one allocates tens of thousands of small objects that form no
    cycles, and each burst of allocations would make the collector walk every
    object alive — for a 10 000-report incident that walking cost more than the
    work itself. Collection resumes (if it was on) when the block ends, in every
    case; nothing user code runs inside the block. Drop the view's rows inside
    the block: the collector's first pass after it walks every object made in
    the block that is still alive (a full replay at a million events spent a
    fifth of its time there).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_mode(mode: str) -> None:
    """Raise :class:`InvalidQueryError` unless ``mode`` is one of :data:`MODES`. Since 0.2.0."""
    if mode not in MODES:
        raise InvalidQueryError(f"mode {mode!r} is not one of {', '.join(MODES)}; 'certain' counts "
                                "a report once its whole publication window has passed, "
                                "'possible' as soon as it may have been published")


def check_seq(seq: int | None, *, name: str = "seq") -> None:
    """Raise :class:`InvalidQueryError` unless ``seq`` is None or a whole number.
    Since 0.2.0."""
    if seq is not None and (isinstance(seq, bool) or not isinstance(seq, int)):
        raise InvalidQueryError(f"{name} must be a whole number (a log position such as "
                                f"store.last_seq()) or None, got {seq!r}")


def unknown_incident(store: EventStore, incident: str, *, in_view: bool) -> UnknownIncidentError:
    """The error for an incident with no events (``in_view``: within a seq or
    record-time bound), naming the incidents the store knows. Since 0.2.0."""
    view = " in this view of the log" if in_view else ""
    names = store.incidents()
    known = ", ".join(names[:10]) + (f", ... ({len(names)} in all)" if len(names) > 10 else "") \
        if names else "none: ingest some events first"
    return UnknownIncidentError(f"incident {incident!r} has no events{view}; known incidents: {known}")


def final_states(store: EventStore, *, policy: str | Policy = "authority",
                 incidents: Iterable[str] | None = None) -> Iterator[IncidentState]:
    """Full replay: the state of every incident (or of ``incidents``) from everything
    recorded, one incident at a time, as :func:`known_at` gives it.

    All answers stand on the same log position (the last ``seq`` when called).
    Each incident is read, folded and dropped before the next, so memory grows
    with the largest incident, not with the log. Since 0.2.0.
    """
    chosen = get_policy(policy)
    last = store.last_seq()
    if incidents is None and has_incremental_form(chosen):
        # One ordered scan of the claim rows of every incident, when the store keeps them.
        found = store.claim_rows(None, last)
        if found is not None:
            while True:
                with _quiet_gc():
                    rows = next(found, None)
                    state = None if rows is None else _known_state(store, rows, last,
                                                                   chosen=chosen)
                    # Freed before the collector resumes, so that it never walks them.
                    rows = None
                if state is None:
                    return
                yield state
    for incident in store.incidents() if incidents is None else incidents:
        try:
            with _quiet_gc():
                view = _row_view(store, incident, chosen, until_seq=last)
                state = None if view is None else _known_state(store, *view, chosen=chosen)
                view = None  # freed before the collector resumes (see _quiet_gc)
            if state is not None:
                yield state
                continue
            ledger = ledger_for(store, incident, until_seq=last)
        except UnknownIncidentError:
            if incidents is None:
                continue  # first recorded after `last`, by a writer appending meanwhile
            raise
        yield state_from_ledger(ledger, incident, policy=chosen, axis="known")


def _row_view(store: EventStore, incident: str, policy: Policy, *, until_seq: int | None,
              recorded_until: datetime | None = None) -> tuple[IncidentRows, int] | None:
    """The claim rows of ``incident``'s view and its basis seq, as :func:`ledger_for`
    bounds and judges it; None when they cannot answer (a policy without an
    incremental form, a store without claim rows): then decode the log."""
    if not has_incremental_form(policy):
        return None
    check_seq(until_seq, name="until_seq")
    last = store.last_seq()
    bound = last if until_seq is None else min(until_seq, last)
    upper = bound if recorded_until is None else store.recorder.upper_seq(bound, recorded_until)
    found = store.claim_rows(incident, upper)
    if found is None:
        return None
    rows = next(found, None)
    if rows is None or rows.incident != incident:
        raise unknown_incident(store, incident,
                               in_view=until_seq is not None or recorded_until is not None)
    return rows, (bound if recorded_until is None else rows.last_seq)


def _row_declaration(store: EventStore, rows: IncidentRows) -> IncidentDeclared | None:
    """The incident's declaration in the view, its amendments folded: the events
    the declaration rows point to (read with the rows, or decoded by seq)."""
    events = rows.declared
    if events is None:
        events = [recorded.event for seq in rows.declarations
                  for recorded in store.read(after_seq=seq - 1, until_seq=seq)]
    declared: IncidentDeclared | None = None
    amendments: dict[int, IncidentAmended] = {}
    for event in events:
        if isinstance(event, IncidentDeclared) and declared is None:
            declared = event
        elif isinstance(event, IncidentAmended):
            amendments.setdefault(event.amendment, event)
    return fold_declaration(declared, amendments.values())


def _moment_state(store: EventStore, rows: IncidentRows, policy: Policy, *, basis: int,
                  recorded_until: datetime | None, cutoff: datetime | None,
                  mode: str) -> IncidentState:
    """The state of one moment of ``rows``'s view, folded at once
    (:mod:`taji_events.moment_fold`): believed at publication instant ``cutoff``
    in ``mode``, or, with ``cutoff`` None, known — every revision and retraction
    in the view, as if published by the end of time."""
    incident = rows.incident
    declaration = _row_declaration(store, rows)
    if cutoff is None:
        floor, limit = None, None
    else:
        floor = None if declaration is None else to_micros(declaration.occurred_at.lower)
        limit = to_micros(cutoff)
    summaries, fields = moment_summaries(policy, moment_claims(rows, mode, floor=floor,
                                                               limit=limit))

    def full() -> IncidentState:
        try:
            store.recorder.check_open()
        except StoreError as error:
            raise StoreError(
                f"{error}. The claims behind a state read from claim rows (state.claims, "
                "explain(), a belief's chosen, supporting and contradicting claims and rule) "
                "are read from the store when first asked for: ask before closing it") from None
        ledger = ledger_for(store, incident, until_seq=basis, recorded_until=recorded_until)
        return state_from_ledger(ledger, incident, policy=policy,
                                 published_by=_EVERYTHING if cutoff is None else cutoff,
                                 mode=mode)

    if cutoff is None:
        return moment_state(incident=incident, policy=policy, summaries=summaries, fields=fields,
                            axis="known", at=recorded_until, mode=None, basis_seq=basis,
                            declaration=declaration, full=full)
    return moment_state(incident=incident, policy=policy, summaries=summaries, fields=fields,
                        axis="believed", at=cutoff, mode=mode, basis_seq=basis,
                        declaration=declaration, full=full)


def _known_state(store: EventStore, rows: IncidentRows, basis: int,
                 recorded_until: datetime | None = None, *, chosen: Policy) -> IncidentState:
    """The known view of one incident from its claim rows: every revision and
    retraction recorded, as if published by the end of time."""
    return _moment_state(store, rows, chosen, basis=basis, recorded_until=recorded_until,
                         cutoff=None, mode="certain")


def ledger_for(
    store: EventStore,
    incident: str,
    *,
    until_seq: int | None = None,
    recorded_until: datetime | None = None,
) -> Ledger:
    """Fold the store's events about ``incident`` into a fresh :class:`Ledger`.

    Raises :class:`UnknownIncidentError` when the store has none. Since 0.1.0.
    """
    check_seq(until_seq, name="until_seq")
    # Take the basis first: a writer appending while we read must not make the
    # answer claim a seq it never saw.
    last = store.last_seq()
    bound = last if until_seq is None else min(until_seq, last)
    events = list(store.read(incident=incident, until_seq=bound,
                             recorded_until=recorded_until))
    if not events:
        # Judged within the view, so a past answer stays the same once the incident
        # appears later in the log.
        raise unknown_incident(store, incident,
                               in_view=until_seq is not None or recorded_until is not None)
    ledger = Ledger().extend(events)
    # The basis is the log position the answer stands on: the requested seq, or
    # everything so far; a record-time cut stands on the last event it folded.
    if recorded_until is None:
        ledger.last_seq = bound
    return ledger


def believed_at(
    store: EventStore,
    incident: str,
    at: TimePoint | datetime | str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    basis_seq: int | None = None,
) -> IncidentState:
    """What was believed about ``incident`` at publication time ``at``.

    ``at`` may be a :class:`TimePoint`, an aware datetime or a string such as
    ``"2020-03-11T23:00Z"`` or ``"2020-03-12"``; a window stands for its end
    (``"2020-03-12"`` means "by the end of that day, in every zone").

    Raises :class:`NaiveDatetimeError`, :class:`UnknownIncidentError`,
    :class:`UnknownPolicyError`. Since 0.1.0.
    """
    check_mode(mode)
    cutoff = coerce_time(at, name="at").upper
    chosen = get_policy(policy)
    with _quiet_gc():
        view = _row_view(store, incident, chosen, until_seq=basis_seq)
        # From the claim rows: one moment holding every claim active at the cutoff.
        state = None if view is None else _moment_state(
            store, view[0], chosen, basis=view[1], recorded_until=None, cutoff=cutoff, mode=mode)
        view = None  # freed before the collector resumes (see _quiet_gc)
    if state is not None:
        return state
    ledger = ledger_for(store, incident, until_seq=basis_seq)
    return state_from_ledger(ledger, incident, policy=chosen, published_by=cutoff, mode=mode)


def known_at(
    store: EventStore,
    incident: str,
    at: TimePoint | datetime | str | None = None,
    *,
    seq: int | None = None,
    policy: str | Policy = "authority",
) -> IncidentState:
    """What had been recorded about ``incident`` by record time ``at`` or by ``seq``.

    With neither, everything recorded so far. Reproducible: appending never
    changes the answer for a past ``at`` or ``seq``. Since 0.1.0.
    """
    check_seq(seq)
    recorded_until = None if at is None else coerce_time(at, name="at").upper
    chosen = get_policy(policy)
    with _quiet_gc():
        view = _row_view(store, incident, chosen, until_seq=seq, recorded_until=recorded_until)
        state = None if view is None else _known_state(store, *view, recorded_until,
                                                        chosen=chosen)
        view = None  # freed before the collector resumes (see _quiet_gc)
    if state is not None:
        return state
    ledger = ledger_for(store, incident, until_seq=seq, recorded_until=recorded_until)
    state = state_from_ledger(ledger, incident, policy=policy, axis="known")
    return state.evolve(at=recorded_until)


def timeline(
    store: EventStore,
    incident: str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    field: str | None = None,
    basis_seq: int | None = None,
) -> Timeline:
    """Each publication moment at which a belief about ``incident`` changed.

    Since 0.1.0.
    """
    check_mode(mode)
    ledger = ledger_for(store, incident, until_seq=basis_seq)
    return BeliefHistory.of(ledger, incident, get_policy(policy), mode).timeline(field)


def timeline_from_ledger(ledger: Ledger, incident: str, *, policy: str | Policy = "authority",
                         mode: str = "certain", field: str | None = None) -> Timeline:
    """Pure core of :func:`timeline`: the ledger's belief history of ``incident``.
    Since 0.1.0."""
    check_mode(mode)
    return BeliefHistory.of(ledger, incident, get_policy(policy), mode).timeline(field)


def explain(state: IncidentState, field: str) -> str:
    """Why ``state`` believes what it does about ``field``, in words.

    Names the policy rule, the chosen claim, the lexicon entry of each figure,
    the supporting and contradicting claims and any set aside. Raises
    :class:`UnknownFieldError` (a ``KeyError``) naming the known fields. Since 0.1.0.
    """
    belief = state[field]
    view = (f"believed at {format_utc(state.at)} ({state.mode})" if state.axis == "believed"
            and state.at else f"known at seq {state.basis_seq}")
    return explain_text(state.incident, view, belief)
