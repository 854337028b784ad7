"""An incident's belief history: one sweep over its publication edges, shared by
every view of the publication axis.

Between two publication edges (the instants at which a report revision or a
retraction enters the view, :meth:`Ledger.edges <taji_events.ledger.Ledger.edges>`)
nothing enters or leaves, so "believed at T" is the state after the last edge at
or before T. :class:`ClaimSweep` walks the edges once, in order, and records each
moment's *delta*: the claims that became active (a revision replaces its
report's claims) and the ones that stopped being active (replaced or
retracted). :class:`BeliefHistory` folds those deltas through one policy into
per-field states (:mod:`taji_events.incremental`), so a moment costs what
changed, not every active claim, and keeps each field's summary at every
moment at which it changed.

From it come the timeline (:meth:`BeliefHistory.timeline`) and the state
believed at any moment (:meth:`BeliefHistory.state_at`). Those states are
*deferred*: their figures come from the history, and the claims behind them
(chosen, supporting, contradicting, set aside, the active claims) are worked
out the first time someone reads them, by :func:`~taji_events.states.state_from_ledger`
at that moment — the direct computation the tests hold the history to.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from datetime import datetime
from typing import Any, Final

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.incremental import (
    AttributionField,
    CountField,
    FieldState,
    Item,
    has_incremental_form,
    unknown_summary,
)
from taji_events.ledger import ActiveClaim, Ledger
from taji_events.model import Attribution
from taji_events.policies import Policy
from taji_events.states import (
    DEFAULT_FIELDS,
    IncidentState,
    Timeline,
    TimelineEntry,
    believe_field,
    state_from_ledger,
)

__all__ = ["BeliefHistory", "ClaimSweep"]

_CACHED_STATES: Final = 8
#: One claim in a delta: the active claim, its place in publication order and
#: the rank of its first publication time.
Entry = tuple[ActiveClaim, int, int]


class ClaimSweep:
    """The publication edges of ``incident`` in ``mode`` and each moment's delta.

    ``moments[p]`` is the *p*-th distinct edge instant, ``entered[p]`` the
    revisions (``report@n``) and retractions (``report retracted``) entering then
    and ``deltas[p]`` the ``(added, removed)`` claims. Shared by the histories of
    every policy over the same ledger, incident and mode.
    """

    def __init__(self, ledger: Ledger, incident: str, mode: str) -> None:
        self.ledger = ledger
        self.incident = incident
        self.mode = mode
        self.basis_seq = ledger.last_seq
        by_instant: dict[datetime, list[tuple[str, int | None]]] = {}
        for instant, report_id, number in ledger.edges(incident, mode):
            by_instant.setdefault(instant, []).append((report_id, number))
        self.moments = sorted(by_instant)
        self.entered = [tuple(f"{report}@{number}" if number is not None else f"{report} retracted"
                              for report, number in by_instant[instant])
                        for instant in self.moments]
        self.windows = [tuple(ledger.edge_point(report, number)
                              for report, number in by_instant[instant])
                        for instant in self.moments]
        # Static numbering, so that an integer orders claims as ActiveClaim.sort_key does.
        reports = sorted(ledger.reports_by_incident.get(incident, ()))
        revisions = [(report, number) for report in reports
                     for number in sorted(ledger.revisions[report])]
        self._revision_rank = {pair: rank for rank, pair in enumerate(revisions)}
        sort_keys = sorted({ledger.revisions[report][number].published_at.sort_key
                            for report, number in revisions})
        self._time_rank = {key: rank for rank, key in enumerate(sort_keys)}
        self._width = 1 + max((len(ledger.revisions[r][n].claims) for r, n in revisions), default=0)
        self._span = len(revisions) + 1
        self.deltas: list[tuple[list[Entry], list[Entry]]] = []
        included: dict[str, list[int]] = {}
        retracted: set[str] = set()
        active: dict[str, dict[tuple[int, int], Entry]] = {}
        for instant in self.moments:
            touched: list[str] = []
            for report, number in by_instant[instant]:
                if number is None:
                    retracted.add(report)
                else:
                    bisect.insort(included.setdefault(report, []), number)
                if report not in touched:
                    touched.append(report)
            added: list[Entry] = []
            removed: list[Entry] = []
            for report in touched:
                old = active.get(report, {})
                new = {} if report in retracted else self._claims_of(report, included.get(report, []))
                for identity, entry in new.items():
                    if identity not in old:
                        added.append(entry)
                for identity, entry in old.items():
                    if identity not in new:
                        removed.append(entry)
                active[report] = new
            self.deltas.append((added, removed))

    def _claims_of(self, report: str, numbers: list[int]) -> dict[tuple[int, int], Entry]:
        revisions = self.ledger.revisions[report]
        claims = self.ledger.report_claims(self.incident, report, [(n, revisions[n]) for n in numbers])
        found: dict[tuple[int, int], Entry] = {}
        for item in claims:
            time = self._time_rank[item.first_published_at.sort_key]
            key = ((time * self._span + self._revision_rank[(report, item.revision)]) * self._width
                   + item.index)
            # The same key with another first-publication point (equal window,
            # other text) is another active claim.
            found[(key, id(item.first_published_at))] = (item, key, time)
        return found

    def position(self, cutoff: datetime) -> int:
        """The moment in force at ``cutoff``: -1 before the first edge."""
        return bisect.bisect_right(self.moments, cutoff) - 1


class _DirectField(FieldState):
    """A field under a policy without an incremental form: its active claims in
    publication order, handed to the policy whenever they change."""

    def __init__(self, policy: Policy, field: str) -> None:
        self.policy = policy
        self.field = field
        self.keys: list[int] = []
        self.claims: list[ActiveClaim] = []

    def add(self, item: Item) -> None:
        at = bisect.bisect_left(self.keys, item.key)
        self.keys.insert(at, item.key)
        self.claims.insert(at, item.claim)

    def remove(self, item: Item) -> None:
        at = bisect.bisect_left(self.keys, item.key)
        del self.keys[at], self.claims[at]

    def summary(self) -> tuple[Any, ...]:
        return believe_field(self.policy, self.field, self.claims).summary


class BeliefHistory:
    """Every moment's beliefs about one incident under one policy; see the module
    docstring. Build it with :meth:`of` (or from a shared :class:`ClaimSweep`).

    Since 0.3.0.
    """

    def __init__(self, sweep: ClaimSweep, policy: Policy) -> None:
        self.sweep = sweep
        self.policy = policy
        self.incremental = has_incremental_form(policy)
        # field -> moments at which its summary changed, and the summaries
        self._changed: dict[str, tuple[list[int], list[tuple[Any, ...]]]] = {}
        # non-default fields: moments at which presence or first claim changed
        self._presence: dict[str, tuple[list[int], list[int | None]]] = {}
        self._states: OrderedDict[int, IncidentState] = OrderedDict()
        self._full: OrderedDict[int, IncidentState] = OrderedDict()
        self._fold()

    @classmethod
    def of(cls, ledger: Ledger, incident: str, policy: Policy, mode: str) -> BeliefHistory:
        """The history of ``incident`` in ``ledger`` under ``policy`` and ``mode``."""
        return cls(ClaimSweep(ledger, incident, mode), policy)

    # -- the sweep -------------------------------------------------------------------------
    def _fold(self) -> None:
        policy = self.policy
        kinds: dict[str, set[bool]] = {}
        live_times: dict[str, set[int]] = {}
        confirmed_times: dict[str, dict[int, set[int]]] = {}
        for added, _ in self.sweep.deltas:
            for claim, _, time in added:
                field = claim.claim.field
                kinds.setdefault(field, set()).add(isinstance(claim.claim.value, Attribution))
                if claim.claim.hedge != "denied":
                    live_times.setdefault(field, set()).add(time)
                if claim.claim.hedge == "confirmed":
                    confirmed_times.setdefault(field, {}).setdefault(
                        policy.rank(claim), set()).add(time)
        states: dict[str, FieldState] = {}
        for field, kind in kinds.items():
            if not self.incremental or len(kind) > 1:
                states[field] = _DirectField(policy, field)
            elif True in kind:
                states[field] = AttributionField(policy)
            else:
                states[field] = CountField(policy, live_times.get(field, ()),
                                           confirmed_times.get(field, {}))
        items: dict[tuple[int, int], Item] = {}
        counts: dict[str, int] = dict.fromkeys(kinds, 0)
        firsts: dict[str, list[int]] = {field: [] for field in kinds if field not in DEFAULT_FIELDS}
        for position, (added, removed) in enumerate(self.sweep.deltas):
            touched: set[str] = set()
            for claim, key, time in added:
                item = Item(claim, key, time, policy.rank(claim))
                items[(key, id(claim.first_published_at))] = item
                field = claim.claim.field
                states[field].add(item)
                counts[field] += 1
                touched.add(field)
                if field in firsts:
                    bisect.insort(firsts[field], key)
            for claim, key, _ in removed:
                item = items.pop((key, id(claim.first_published_at)))
                field = claim.claim.field
                states[field].remove(item)
                counts[field] -= 1
                touched.add(field)
                if field in firsts:
                    keys = firsts[field]
                    del keys[bisect.bisect_left(keys, key)]
            for field in touched:
                summary = states[field].summary() if counts[field] else unknown_summary(field)
                positions, summaries = self._changed.setdefault(field, ([], []))
                if not summaries or summaries[-1] != summary:
                    positions.append(position)
                    summaries.append(summary)
                if field in firsts:
                    first = firsts[field][0] if firsts[field] else None
                    moments, values = self._presence.setdefault(field, ([], []))
                    if not values or values[-1] != first:
                        moments.append(position)
                        values.append(first)

    # -- reading it ------------------------------------------------------------------------
    def summary(self, field: str, position: int) -> tuple[Any, ...]:
        """The summary of ``field``'s belief at moment ``position`` (-1: before any)."""
        found = self._changed.get(field)
        if found is None:
            return unknown_summary(field)
        at = bisect.bisect_right(found[0], position) - 1
        return found[1][at] if at >= 0 else unknown_summary(field)

    def fields_at(self, position: int) -> list[str]:
        """The fields a state at ``position`` has: the documented ones, then every
        other field with an active claim, in the order of its first claim."""
        others: list[tuple[int, str]] = []
        for field, (moments, firsts) in self._presence.items():
            at = bisect.bisect_right(moments, position) - 1
            if at >= 0 and firsts[at] is not None:
                first = firsts[at]
                assert first is not None
                others.append((first, field))
        return [*DEFAULT_FIELDS, *(field for _, field in sorted(others))]

    def _full_state(self, position: int) -> IncidentState:
        state = self._full.get(position)
        if state is None:
            sweep = self.sweep
            cutoff = sweep.moments[position] if position >= 0 else None
            state = state_from_ledger(sweep.ledger, sweep.incident, policy=self.policy,
                                      published_by=cutoff, mode=sweep.mode)
            if cutoff is None:  # before the first edge: nothing in the view
                state = state_from_ledger(Ledger(), sweep.incident, policy=self.policy,
                                          mode=sweep.mode)
            self._full[position] = state
            while len(self._full) > _CACHED_STATES:
                self._full.popitem(last=False)
        else:
            self._full.move_to_end(position)
        return state

    def _belief(self, field: str, position: int) -> Belief | AttributionBelief:
        summary = self.summary(field, position)

        def details() -> Any:
            full = self._full_state(position)
            return full.beliefs.get(field) or believe_field(self.policy, field, [])

        name = self.policy.name
        if field == "attribution" and len(summary) == 6:
            status, leading, stance, claimed, pairs, no_claim = summary
            return AttributionBelief(field=field, policy=name, status=status, leading=leading,
                                     leading_stance=stance, responsibility_claimed=claimed,
                                     stance_pairs=pairs, any_no_claim=no_claim, details=details)
        if len(summary) == 6:  # an attribution under another field name
            return details()  # type: ignore[no-any-return]
        status, low, best, high, breakdown = summary
        return Belief(field=field, policy=name, status=status, low=low, best=best, high=high,
                      breakdown=dict(breakdown), details=details)

    def state_at(self, position: int, *, at: datetime | None = None) -> IncidentState:
        """The state believed at moment ``position`` (-1: before the first edge);
        ``at`` is the time asked (default: the moment itself)."""
        state = self._states.get(position)
        if state is None:
            sweep = self.sweep
            beliefs = {field: self._belief(field, position) for field in self.fields_at(position)}

            def claims() -> tuple[ActiveClaim, ...]:
                return self._full_state(position).claims

            state = IncidentState(
                incident=sweep.incident, policy=self.policy.name, axis="believed",
                at=sweep.moments[position] if position >= 0 else at, mode=sweep.mode,
                basis_seq=sweep.basis_seq, declaration=sweep.ledger.declaration(sweep.incident),
                claims=None, beliefs=beliefs, details=claims)
            self._states[position] = state
        if at is None or state.at == at:
            return state
        return state.evolve(at=at)

    def believed_at(self, cutoff: datetime) -> IncidentState:
        """The state believed at publication instant ``cutoff``."""
        return self.state_at(self.sweep.position(cutoff), at=cutoff)

    def timeline(self, field: str | None = None) -> Timeline:
        """Each moment a field's belief changed, in order; only ``field`` if given."""
        changes: list[tuple[int, int, str]] = []
        for name, (positions, _) in self._changed.items():
            if field is None or name == field:
                changes.extend((position, 0, name) for position in positions)
        changes.sort()
        entries = Timeline()
        moments, entered = self.sweep.moments, self.sweep.entered
        grouped: dict[int, list[str]] = {}
        for position, _, name in changes:
            grouped.setdefault(position, []).append(name)
        for position in sorted(grouped):
            names = set(grouped[position])
            order = self.fields_at(position)
            ranked = {name: index for index, name in enumerate(order)}
            for name in sorted(names, key=lambda n: (ranked.get(n, len(order)), n)):
                old, new = self._belief(name, position - 1), self._belief(name, position)
                if old.summary != new.summary:
                    entries.append(TimelineEntry(at=moments[position], field=name, old=old,
                                                 new=new, changed_by=entered[position],
                                                 published=self.sweep.windows[position]))
        return entries

