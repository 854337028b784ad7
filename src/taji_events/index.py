"""An in-memory index for asking many replay questions of one store.

:func:`~taji_events.replay.believed_at` and :func:`~taji_events.replay.known_at`
answer from the event log alone: each call reads and folds the incident's
events, then runs the policy. That is the right default (nothing to keep in
step), and too slow for a user who asks "what was believed at T" for
thousands of T. A :class:`ReplayIndex` answers the same questions, equal value
for equal value, from structures derived from the log:

* per incident (loaded on first use, least recently used dropped beyond
  ``max_incidents``): its recorded events and their :class:`~taji_events.ledger.Ledger`;
* an **index by publication time**: the incident's belief history per policy
  and ``mode`` (:class:`~taji_events.history.BeliefHistory`): one sweep over
  the instants at which a report revision or a retraction enters the view.
  Every ``T`` between two such instants has the same active claims, so the
  state believed at ``T`` is the history's state at the last instant before it,
  found by binary search (:meth:`ReplayIndex.warm` builds the history up front);
* an **index by record position**: ``known_at`` for any ``seq`` or record time
  is the state after the last of the incident's events within it, likewise
  computed once per position.

The event log stays the source of truth: the index is rebuilt from it at any
time, :meth:`ReplayIndex.refresh` folds events appended since (dropping the
derived states of the incidents they touch, late arrivals included), and the
tests check every answer against a full replay of the log.

>>> import taji_events as te
>>> store = te.open_store()
>>> _ = store.append(te.read_jsonl(SEEDS / "taji-2020-03-11.jsonl"))
>>> index = te.ReplayIndex(store)
>>> index.believed_at("taji-2020-03-11", "2020-03-13")["killed"].describe()
'3 (3..3) confirmed [GB 1, US 2]'
>>> index.believed_at("taji-2020-03-11", "2020-03-13") == te.believed_at(
...     store, "taji-2020-03-11", "2020-03-13")
True
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from datetime import datetime
from typing import Final

from taji_events.errors import InvalidQueryError
from taji_events.events import RecordedEvent, ReportPublished, event_incidents, event_report_id
from taji_events.history import BeliefHistory, ClaimSweep
from taji_events.ledger import Ledger
from taji_events.policies import Policy, get_policy
from taji_events.replay import check_mode, check_seq, unknown_incident
from taji_events.states import IncidentState, state_from_ledger
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint, coerce_time

__all__ = ["ReplayIndex"]

_DEFAULT_MAX_INCIDENTS: Final = 256
_MAX_POLICIES: Final = 32


class _IncidentView:
    """One incident's events up to the index's basis, with its derived states."""

    def __init__(self, incident: str, events: list[RecordedEvent], basis: int) -> None:
        self.incident = incident
        self.events = events
        self.ledger = Ledger().extend(events)
        self.ledger.last_seq = basis
        self.reports = {report for item in events
                        if (report := event_report_id(item.event)) is not None}
        # Index by record position. An event joins the incident's view once it, or
        # an earlier-or-later event of its report, names the incident (as
        # EventStore.read judges it within a bound): ordered by that seq, every
        # bound selects a prefix.
        naming: dict[str | None, RecordedEvent] = {}
        for item in events:
            if incident in event_incidents(item.event):
                naming.setdefault(event_report_id(item.event), item)
        joins: list[tuple[int, datetime, RecordedEvent]] = []
        for item in events:
            first = naming.get(event_report_id(item.event), item)
            joiner = item if incident in event_incidents(item.event) or first.seq < item.seq else first
            joins.append((joiner.seq, joiner.recorded_at, item))
        joins.sort(key=lambda join: (join[0], join[2].seq))
        self.join_seqs = [seq for seq, _, _ in joins]
        self.join_times = [moment for _, moment, _ in joins]
        self.joined = [item for _, _, item in joins]
        # mode -> the claims entering and leaving at each publication moment
        self.sweeps: dict[str, ClaimSweep] = {}
        # (policy object id, mode) -> belief history
        self.believed: dict[tuple[int, str], BeliefHistory] = {}
        # (policy object id, number of events joined) -> known state
        self.known: dict[tuple[int, int], IncidentState] = {}

    def history(self, policy: Policy, mode: str) -> BeliefHistory:
        key = (id(policy), mode)
        found = self.believed.get(key)
        if found is None:
            sweep = self.sweeps.get(mode)
            if sweep is None:
                sweep = self.sweeps[mode] = ClaimSweep(self.ledger, self.incident, mode)
            found = self.believed[key] = BeliefHistory(sweep, policy)
        return found


class ReplayIndex:
    """Fast ``believed_at`` / ``known_at`` over ``store``; see the module docstring.

    ``refresh_on_query`` (default True) looks for newly recorded events before
    each answer, so answers equal those of :func:`~taji_events.believed_at` on
    the store at that moment; with False, the index answers from the log as of
    its last :meth:`refresh` (its :attr:`basis_seq`) until you refresh it.
    An index belongs to the thread that uses its store. Since 0.2.0.
    """

    def __init__(self, store: EventStore, *, max_incidents: int = _DEFAULT_MAX_INCIDENTS,
                 refresh_on_query: bool = True) -> None:
        if isinstance(max_incidents, bool) or not isinstance(max_incidents, int) or max_incidents < 1:
            raise InvalidQueryError(f"max_incidents must be a whole number >= 1, got "
                                    f"{max_incidents!r}")
        self._store = store
        self._max = max_incidents
        self._refresh_on_query = refresh_on_query
        self._basis = store.last_seq()
        self._views: OrderedDict[str, _IncidentView] = OrderedDict()
        self._policies: dict[int, Policy] = {}

    @property
    def basis_seq(self) -> int:
        """The last ``seq`` of the log this index reflects."""
        return self._basis

    def __repr__(self) -> str:
        return (f"ReplayIndex({self._store!r}, basis_seq={self._basis}, "
                f"incidents loaded={len(self._views)})")

    # -- keeping up with the log -----------------------------------------------------------
    def refresh(self) -> int:
        """Fold the events recorded since :attr:`basis_seq`; return how many.

        Derived states of the incidents they concern are dropped (a late
        arrival changes the past of the publication axis) and rebuilt on use.
        """
        last = self._store.last_seq()
        if last <= self._basis:
            return 0
        touched: set[str] = set()
        new_reports: set[str] = set()
        count = 0
        for recorded in self._store.read(after_seq=self._basis, until_seq=last):
            count += 1
            touched |= event_incidents(recorded.event)
            report = event_report_id(recorded.event)
            if report is not None:
                new_reports.add(report)
        for incident, view in list(self._views.items()):
            if incident in touched or not view.reports.isdisjoint(new_reports):
                del self._views[incident]
        self._basis = last
        return count

    def _view(self, incident: str) -> _IncidentView:
        if self._refresh_on_query:
            self.refresh()
        view = self._views.get(incident)
        if view is not None:
            self._views.move_to_end(incident)
            return view
        events = list(self._store.read(incident=incident, until_seq=self._basis))
        if not events:
            error = unknown_incident(self._store, incident, in_view=False)
            head = self._store.last_seq()
            if head > self._basis:
                error = type(error)(f"incident {incident!r} has no events up to this index's "
                                    f"basis_seq {self._basis} (the store is at seq {head}); "
                                    "call index.refresh() to see newer events")
            raise error
        view = self._views[incident] = _IncidentView(incident, events, self._basis)
        while len(self._views) > self._max:
            self._views.popitem(last=False)
        return view

    def _policy(self, policy: str | Policy) -> Policy:
        chosen = get_policy(policy)
        if id(chosen) not in self._policies and len(self._policies) >= _MAX_POLICIES:
            # A caller making a new Policy object per question: forget the states
            # cached under the old ones rather than grow without bound.
            self._policies.clear()
            for view in self._views.values():
                view.believed.clear()
                view.known.clear()
        # Keep the object alive while its id keys cached states.
        return self._policies.setdefault(id(chosen), chosen)

    # -- questions -------------------------------------------------------------------------
    def believed_at(self, incident: str, at: TimePoint | datetime | str, *,
                    policy: str | Policy = "authority", mode: str = "certain") -> IncidentState:
        """Equal to :func:`taji_events.believed_at` ``(store, incident, at, policy=...,
        mode=...)`` on the log as of :attr:`basis_seq`. Since 0.2.0."""
        check_mode(mode)
        cutoff = coerce_time(at, name="at").upper
        view = self._view(incident)  # checked in believed_at's order: incident, then policy
        chosen = self._policy(policy)
        state = view.history(chosen, mode).believed_at(cutoff)
        if state.basis_seq == self._basis:
            return state
        # Events about other incidents move the basis without changing this state.
        return state.evolve(basis_seq=self._basis)

    def known_at(self, incident: str, at: TimePoint | datetime | str | None = None, *,
                 seq: int | None = None, policy: str | Policy = "authority") -> IncidentState:
        """Equal to :func:`taji_events.known_at` ``(store, incident, at, seq=...,
        policy=...)`` on the log as of :attr:`basis_seq`. Since 0.2.0."""
        check_seq(seq)
        recorded_until = None if at is None else coerce_time(at, name="at").upper
        view = self._view(incident)
        chosen = self._policy(policy)
        bound = self._basis if seq is None else min(seq, self._basis)
        folded = bisect.bisect_right(view.join_seqs, bound)
        if recorded_until is not None:
            folded = min(folded, bisect.bisect_right(view.join_times, recorded_until))
        if folded == 0:
            raise unknown_incident(self._store, incident,
                                   in_view=seq is not None or recorded_until is not None)
        in_view = sorted(view.joined[:folded], key=lambda item: item.seq)
        state = view.known.get((id(chosen), folded))
        if state is None:
            state = view.known[(id(chosen), folded)] = state_from_ledger(
                Ledger().extend(in_view), incident, policy=chosen, axis="known")
        basis = in_view[-1].seq if recorded_until is not None else bound
        return state.evolve(at=recorded_until, basis_seq=basis)

    def warm(self, incident: str, *, policy: str | Policy = "authority",
             mode: str = "certain") -> int:
        """Compute every publication-time state of ``incident`` now (the whole
        belief history under ``policy``); return how many there are."""
        check_mode(mode)
        chosen = self._policy(policy)
        view = self._view(incident)
        return len(view.history(chosen, mode).sweep.moments)

    def reports_of(self, incident: str) -> frozenset[str]:
        """The report ids whose events concern ``incident`` (as :meth:`EventStore.read`
        selects them)."""
        return frozenset(self._view(incident).reports)

    def revisions_of(self, incident: str) -> int:
        """How many report revisions concern ``incident``."""
        return sum(isinstance(item.event, ReportPublished) for item in self._view(incident).events)
