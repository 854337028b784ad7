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

:class:`RowSweep` gives the same moments and deltas from an incident's claim
rows (:mod:`taji_events.claim_rows`) without decoding an event; with
``collapse_at`` it has one moment holding every claim active at that instant,
which is what a single question needs.

From it come the timeline (:meth:`BeliefHistory.timeline`) and the state
believed at any moment (:meth:`BeliefHistory.state_at`). Those states are
*deferred*: their figures come from the history, and the claims behind them
(chosen, supporting, contradicting, set aside, the active claims) are worked
out the first time someone reads them, by :func:`~taji_events.states.state_from_ledger`
at that moment — the direct computation the tests hold the history to.
"""

from __future__ import annotations

import abc
import bisect
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, Protocol

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.claim_rows import ClaimRow, EdgeRow, IncidentRows, from_micros, to_micros
from taji_events.errors import InvalidQueryError
from taji_events.events import IncidentDeclared
from taji_events.incremental import (
    AttributionField,
    CountField,
    FieldState,
    Item,
    has_incremental_form,
    unknown_summary,
)
from taji_events.ledger import ActiveClaim, Ledger
from taji_events.policies import Policy
from taji_events.states import (
    DEFAULT_FIELDS,
    IncidentState,
    Timeline,
    TimelineEntry,
    believe_field,
    state_from_ledger,
)
from taji_events.timepoint import TimePoint

__all__ = ["BeliefHistory", "ClaimSweep", "DirectField", "FoldWatcher", "RowSweep", "Sweep",
           "moment_state", "summary_belief"]

_CACHED_STATES: Final = 8
#: One claim in a delta: the active claim, its place in publication order and
#: the rank of its first publication time.
Entry = tuple[ActiveClaim, int, int]


class Sweep(abc.ABC):
    """What a belief history folds: the publication moments of one incident's
    view and each moment's ``(added, removed)`` claims, each claim with its place
    in publication order (``key``) and the rank of its first publication time.
    :class:`ClaimSweep` works it out from a ledger, :class:`RowSweep` from claim
    rows."""

    incident: str
    mode: str
    basis_seq: int
    moments: list[datetime]
    entered: list[tuple[str, ...]]
    deltas: list[tuple[list[tuple[Any, int, int]], list[tuple[Any, int, int]]]]

    @property
    @abc.abstractmethod
    def windows(self) -> list[tuple[TimePoint, ...]]:
        """The publication window of each revision or retraction entering at each moment."""

    @property
    @abc.abstractmethod
    def ledger(self) -> Ledger:
        """The ledger of the view, for the claims behind a deferred state."""

    @property
    @abc.abstractmethod
    def declaration(self) -> IncidentDeclared | None:
        """The incident's declaration as its amendments in the view correct it."""

    @abc.abstractmethod
    def item(self, claim: Any, key: int, time: int, policy: Policy) -> Item:
        """The incremental states' view of one claim of a delta."""

    @abc.abstractmethod
    def identity(self, claim: Any, key: int) -> tuple[int, int]:
        """What tells this active claim from every other one of the view."""

    def position(self, cutoff: datetime) -> int:
        """The moment in force at ``cutoff``: -1 before the first edge."""
        return bisect.bisect_right(self.moments, cutoff) - 1

    @abc.abstractmethod
    def _claims_of(self, report: str, numbers: list[int]) -> dict[Any, tuple[Any, int, int]]:
        """The active claims of ``report`` when the revisions ``numbers`` (sorted)
        are in the view, by identity."""

    def _sweep(self, edges: Iterable[Sequence[tuple[str, int | None]]]
               ) -> list[tuple[list[tuple[Any, int, int]], list[tuple[Any, int, int]]]]:
        """Each moment's ``(added, removed)`` claims, from the revisions
        (``(report, number)``) and retractions (``(report, None)``) entering at each
        moment in turn: a revision replaces its report's claims, a retraction
        removes them."""
        deltas: list[tuple[list[tuple[Any, int, int]], list[tuple[Any, int, int]]]] = []
        included: dict[str, list[int]] = {}
        retracted: set[str] = set()
        active: dict[str, dict[Any, tuple[Any, int, int]]] = {}
        for entering in edges:
            touched: dict[str, None] = {}
            for report, number in entering:
                if number is None:
                    retracted.add(report)
                else:
                    bisect.insort(included.setdefault(report, []), number)
                touched[report] = None
            added: list[tuple[Any, int, int]] = []
            removed: list[tuple[Any, int, int]] = []
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
            deltas.append((added, removed))
        return deltas


class ClaimSweep(Sweep):
    """The publication edges of ``incident`` in ``mode`` and each moment's delta.

    ``moments[p]`` is the *p*-th distinct edge instant, ``entered[p]`` the
    revisions (``report@n``) and retractions (``report retracted``) entering then
    and ``deltas[p]`` the ``(added, removed)`` claims. Shared by the histories of
    every policy over the same ledger, incident and mode.
    """

    def __init__(self, ledger: Ledger, incident: str, mode: str) -> None:
        self._ledger = ledger
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
        self._windows = [tuple(ledger.edge_point(report, number)
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
        self.deltas = self._sweep(by_instant[instant] for instant in self.moments)

    @property
    def ledger(self) -> Ledger:
        return self._ledger

    @property
    def windows(self) -> list[tuple[TimePoint, ...]]:
        return self._windows

    @property
    def declaration(self) -> IncidentDeclared | None:
        return self._ledger.declaration(self.incident)

    def item(self, claim: ActiveClaim, key: int, time: int, policy: Policy) -> Item:
        return Item(claim, key, time, policy.rank(claim))

    def identity(self, claim: ActiveClaim, key: int) -> tuple[int, int]:
        return (key, id(claim.first_published_at))

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


class ActiveRow:
    """A claim row active in a view, with the revision of its report that first
    published the same claim among the revisions in the view."""

    __slots__ = ("first", "row")

    def __init__(self, row: ClaimRow, first: int) -> None:
        self.row = row
        self.first = first


class RowSweep(Sweep):
    """:class:`ClaimSweep` from claim rows (:mod:`taji_events.claim_rows`):
    the same moments, the same deltas in the same order, and keys that order
    claims as :attr:`ActiveClaim.sort_key <taji_events.ledger.ActiveClaim.sort_key>`
    does, without decoding an event.

    ``declaration`` is the incident's declaration in the view (amendments
    folded); ``ledger`` gives the view's ledger when a deferred state's claims
    are read (it may decode the log then). With ``collapse_at`` the sweep has
    one moment, at that instant, whose delta is every claim active then: what
    a single ``believed_at`` needs, at the cost of one addition per claim.
    Only the shipped policies fold rows (their incremental forms read an
    :class:`~taji_events.incremental.Item`, never a claim value).
    """

    def __init__(self, rows: IncidentRows, mode: str, *, basis_seq: int,
                 declaration: IncidentDeclared | None, ledger: Callable[[], Ledger],
                 collapse_at: datetime | None = None) -> None:
        self.incident = rows.incident
        self.mode = mode
        self.basis_seq = basis_seq
        self._declaration = declaration
        self._load = ledger
        self._ledger: Ledger | None = None
        floor = None if declaration is None else to_micros(declaration.occurred_at.lower)
        certain = mode == "certain"
        claims: dict[tuple[str, int], list[ClaimRow]] = {}
        for claim in rows.claims:
            claims.setdefault((claim.report_id, claim.revision), []).append(claim)
        for found in claims.values():
            found.sort(key=lambda claim: claim.index)
        self._claims = claims
        reports = sorted({report for report, _ in claims})
        concerned = set(reports)
        revisions: dict[str, dict[int, EdgeRow]] = {report: {} for report in reports}
        retractions: dict[str, EdgeRow] = {}
        for edge in sorted(rows.edges, key=lambda edge: edge.seq):
            if edge.report_id not in concerned:
                continue
            if edge.revision is None:
                retractions.setdefault(edge.report_id, edge)
            else:
                revisions[edge.report_id].setdefault(edge.revision, edge)
        self._revisions = revisions
        limit = None if collapse_at is None else to_micros(collapse_at)
        by_instant: dict[int, list[tuple[str, int | None]]] = {}
        for report in reports:
            edges: list[tuple[EdgeRow, int | None]] = [
                (revisions[report][number], number) for number in sorted(revisions[report])]
            if report in retractions:
                edges.append((retractions[report], None))
            for edge, number in edges:
                if certain:
                    instant = edge.upper
                else:
                    instant = edge.lower if floor is None else max(edge.lower,
                                                                    min(floor, edge.upper))
                if limit is not None:
                    if instant > limit:
                        continue
                    instant = limit
                by_instant.setdefault(instant, []).append((report, number))
        instants = sorted(by_instant)
        if limit is not None and not instants:
            instants, by_instant[limit] = [limit], []
        self.moments = [from_micros(instant) for instant in instants]
        self._edges = [by_instant[instant] for instant in instants]
        self.entered = [tuple(f"{report}@{number}" if number is not None else f"{report} retracted"
                              for report, number in entering) for entering in self._edges]
        self._windows: list[tuple[TimePoint, ...]] | None = None
        # The static numbering of ClaimSweep, from the rows.
        ranked = [(report, number) for report in reports for number in sorted(revisions[report])]
        self._revision_rank = {pair: rank for rank, pair in enumerate(ranked)}
        orders = sorted({revisions[report][number].order for report, number in ranked})
        self._time_rank = {order: rank for rank, order in enumerate(orders)}
        self._width = 1 + max((claim.index for claim in rows.claims), default=0)
        self._span = len(ranked) + 1
        self.deltas = self._sweep(self._edges)

    def _claims_of(self, report: str, numbers: list[int]
                   ) -> dict[tuple[int, int], tuple[ActiveRow, int, int]]:
        # Ledger.report_claims over rows: the highest revision's claims, each first
        # published with the earliest included revision that makes the same claim.
        found: dict[tuple[int, int], tuple[ActiveRow, int, int]] = {}
        if not numbers:
            return found
        current = numbers[-1]
        revisions = self._revisions[report]
        first: dict[int | None, tuple[tuple[int, int, int], int]] = {}
        current_claims = self._claims.get((report, current), ())
        # A report with claims in one revision only has them unnumbered (None):
        # they are first published with that revision, the current one.
        if len(numbers) > 1 and current_claims and current_claims[0].same is not None:
            for number in numbers:
                order = revisions[number].order
                for claim in self._claims.get((report, number), ()):
                    seen = first.get(claim.same)
                    if seen is None or order < seen[0]:
                        first[claim.same] = (order, number)
        rank = self._revision_rank[(report, current)]
        for claim in current_claims:
            seen = first.get(claim.same)
            number = current if seen is None else seen[1]
            time = self._time_rank[revisions[number].order]
            key = (time * self._span + rank) * self._width + claim.index
            found[(key, number)] = (ActiveRow(claim, number), key, time)
        return found

    def release_rows(self) -> None:
        """Forget the rows the sweep was built from once its history has folded
        them and given the one state it was asked for: that state's deferred
        claims need only the moments and the ledger, which stay. The claims of a
        10 000-report view are tens of thousands of objects, which would
        otherwise live as long as the state, each walked by the cyclic garbage
        collector. The sweep gives no deltas afterwards."""
        self._claims = {}
        self._revisions = {}
        self._revision_rank = {}
        self._time_rank = {}
        self.deltas = []

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            self._ledger = self._load()
        return self._ledger

    @property
    def declaration(self) -> IncidentDeclared | None:
        return self._declaration

    @property
    def windows(self) -> list[tuple[TimePoint, ...]]:
        # Rows keep windows as instants, not as the time points a timeline names:
        # those come from the ledger, when first asked.
        if self._windows is None:
            ledger = self.ledger
            self._windows = [tuple(ledger.edge_point(report, number) for report, number in entering)
                             for entering in self._edges]
        return self._windows

    def item(self, claim: ActiveRow, key: int, time: int, policy: Policy) -> Item:
        # The shipped policies rank a claim by its speaker's kind (Policy.rank).
        return Item.of_row(claim.row, key, time, policy.ranking.get(claim.row.speaker_kind, 0))

    def identity(self, claim: ActiveRow, key: int) -> tuple[int, int]:
        return (key, claim.first)


class DirectField(FieldState):
    """A field under a policy without an incremental form: its active claims in
    publication order, handed to the policy whenever they change. ``belief`` is
    the policy's belief the last :meth:`summary` computed."""

    def __init__(self, policy: Policy, field: str) -> None:
        self.policy = policy
        self.field = field
        self.keys: list[int] = []
        self.claims: list[ActiveClaim] = []
        self.belief: Belief | AttributionBelief | None = None

    def add(self, item: Item) -> None:
        at = bisect.bisect_left(self.keys, item.key)
        self.keys.insert(at, item.key)
        assert isinstance(item.claim, ActiveClaim)  # a ledger's sweep: see BeliefHistory._fold
        self.claims.insert(at, item.claim)

    def remove(self, item: Item) -> None:
        at = bisect.bisect_left(self.keys, item.key)
        del self.keys[at], self.claims[at]

    def summary(self) -> tuple[Any, ...]:
        self.belief = believe_field(self.policy, self.field, self.claims)
        return self.belief.summary


class FoldWatcher(Protocol):
    """What a belief history tells someone who follows its fold (the report
    records each policy's choice and the claims it sets aside this way): each
    count item whose credibility changes, and after each moment the items that
    entered and left, every field's state and the fields the moment touched."""

    def credit_changed(self, item: Item) -> None:
        """``item`` was just credited, or stopped being credible."""

    def moment(self, position: int, entered: Sequence[Item], removed: Sequence[Item],
               states: Mapping[str, FieldState], touched: Collection[str]) -> None:
        """Moment ``position`` has been folded (its summaries are up to date)."""


class BeliefHistory:
    """Every moment's beliefs about one incident under one policy; see the module
    docstring. Build it with :meth:`of` (or from a shared :class:`ClaimSweep`).

    Since 0.3.0.
    """

    def __init__(self, sweep: Sweep, policy: Policy, *,
                 watcher: FoldWatcher | None = None) -> None:
        self.sweep = sweep
        self.policy = policy
        self._watcher = watcher
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
        policy, sweep, watcher = self.policy, self.sweep, self._watcher
        kinds: dict[str, set[bool]] = {}
        live_times: dict[str, set[int]] = {}
        confirmed_times: dict[str, dict[int, set[int]]] = {}
        made: list[list[Item]] = []
        for added, _ in sweep.deltas:
            entering = [sweep.item(claim, key, time, policy) for claim, key, time in added]
            made.append(entering)
            for item in entering:
                field = item.field
                kinds.setdefault(field, set()).add(item.attribution)
                if item.hedge != "denied":
                    live_times.setdefault(field, set()).add(item.time)
                if item.hedge == "confirmed":
                    confirmed_times.setdefault(field, {}).setdefault(
                        item.rank, set()).add(item.time)
        states: dict[str, FieldState] = {}
        for field, kind in kinds.items():
            if not self.incremental or len(kind) > 1:
                if isinstance(sweep, RowSweep):
                    raise InvalidQueryError(
                        f"policy {policy!r} has no incremental form: fold its claims from a "
                        "ledger (ClaimSweep), not from claim rows")
                states[field] = DirectField(policy, field)
            elif True in kind:
                states[field] = AttributionField(policy)
            else:
                states[field] = CountField(policy, live_times.get(field, ()),
                                           confirmed_times.get(field, {}),
                                           None if watcher is None else watcher.credit_changed)
        items: dict[tuple[int, int], Item] = {}
        counts: dict[str, int] = dict.fromkeys(kinds, 0)
        firsts: dict[str, list[int]] = {field: [] for field in kinds if field not in DEFAULT_FIELDS}
        # Items are kept by identity only to be found again when they leave: a
        # history of one moment (a single question) has none that leave.
        leaving = len(sweep.deltas) > 1
        for position, ((added, removed), entering) in enumerate(zip(sweep.deltas, made,
                                                                    strict=True)):
            touched: set[str] = set()
            by_field: dict[str, list[Item]] = {}
            for (claim, key, _), item in zip(added, entering, strict=True):
                if leaving:
                    items[sweep.identity(claim, key)] = item
                field = item.field
                by_field.setdefault(field, []).append(item)
                counts[field] += 1
                touched.add(field)
                if field in firsts:
                    bisect.insort(firsts[field], key)
            for field, entered in by_field.items():
                if len(entered) == 1:
                    states[field].add(entered[0])
                else:
                    states[field].add_all(entered)
            gone: list[Item] = []
            for claim, key, _ in removed:
                item = items.pop(sweep.identity(claim, key))
                gone.append(item)
                field = item.field
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
            if watcher is not None:
                watcher.moment(position, entering, gone, states, touched)

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
        def details() -> Any:
            full = self._full_state(position)
            return full.beliefs.get(field) or believe_field(self.policy, field, [])

        return summary_belief(field, self.policy.name, self.summary(field, position), details)

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
                basis_seq=sweep.basis_seq, declaration=sweep.declaration,
                claims=None, beliefs=beliefs, details=claims)
            self._states[position] = state
        if at is None or state.at == at:
            return state
        return state.evolve(at=at)

    def release_states(self) -> None:
        """Forget the states given so far; they keep working. A state keeps its
        history (its deferred claims are worked out from it), so a history that
        also kept its states would make a reference cycle that only the cyclic
        garbage collector frees: one that answers a single question and hands
        the state on calls this, so that both go when the state goes."""
        self._states.clear()

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



def summary_belief(field: str, policy: str, summary: tuple[Any, ...],
                   details: Callable[[], Any]) -> Belief | AttributionBelief:
    """The deferred belief of ``field`` under the policy named ``policy`` with
    ``summary`` (``Belief.summary``); ``details`` gives the eager belief its
    reasons are read from, when first asked for."""
    if field == "attribution" and len(summary) == 6:
        status, leading, stance, claimed, pairs, no_claim = summary
        return AttributionBelief(field=field, policy=policy, status=status, leading=leading,
                                 leading_stance=stance, responsibility_claimed=claimed,
                                 stance_pairs=pairs, any_no_claim=no_claim, details=details)
    if len(summary) == 6:  # an attribution under another field name
        return details()  # type: ignore[no-any-return]
    status, low, best, high, breakdown = summary
    return Belief(field=field, policy=policy, status=status, low=low, best=best, high=high,
                  breakdown=dict(breakdown), details=details)


def moment_state(*, incident: str, policy: Policy, summaries: dict[str, tuple[Any, ...]],
                 fields: Sequence[str], axis: str, at: datetime | None, mode: str | None,
                 basis_seq: int, declaration: IncidentDeclared | None,
                 full: Callable[[], IncidentState]) -> IncidentState:
    """The deferred state of one moment from its fields' summaries (see
    :func:`taji_events.moment_fold.moment_summaries`): the figures at once; the
    claims and each belief's reasons from ``full``, the direct state of the same
    view, computed the first time any of them is read."""
    computed: list[IncidentState] = []

    def direct() -> IncidentState:
        if not computed:
            computed.append(full())
        return computed[0]

    def details_of(field: str) -> Callable[[], Any]:
        def details() -> Any:
            return direct().beliefs.get(field) or believe_field(policy, field, [])
        return details

    name = policy.name
    beliefs = {field: summary_belief(field, name, summaries[field], details_of(field))
               for field in fields}
    return IncidentState(incident=incident, policy=name, axis=axis, at=at, mode=mode,
                         basis_seq=basis_seq, declaration=declaration, claims=None,
                         beliefs=beliefs, details=lambda: direct().claims)
