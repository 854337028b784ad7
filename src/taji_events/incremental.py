"""Incremental forms of the shipped policies: a field's belief kept up to date as
claims enter and leave the view, at a cost that follows what changed.

A belief history (:mod:`taji_events.history`) sweeps an incident's publication
edges and hands each field's state the claims that became active or stopped
being active. The state answers the belief's *summary* — status, low, best,
high, breakdown (or, for attribution, the leading actor and the stances) —
exactly as :meth:`Policy.believe <taji_events.policies.Policy.believe>` would
from the whole set of active claims; the tests check this against that direct
computation for every policy, mode and moment.

How each part stays cheap:

* **Credibility** (``authority``, ``conservative``, ``range``). A claim is set
  aside when it is denied, when it is an ``initial`` figure that a same-time or
  later claim contradicts, or when a later ``confirmed`` claim of equal or
  higher rank contradicts it. Two claims contradict when their intervals share
  no value, so "is there any contradicting claim" is a question about the
  highest low and the lowest high of the claims after a time: suffix bounds over
  a segment tree by publication time (one for every claim that is not denied,
  one per rank threshold for confirmed ones) answer it in logarithmic time and
  name one contradicting claim, the *witness*. A new claim can only discredit
  credible claims whose interval lies wholly below or above its own, found from
  credible claims sorted by high and by low; a claim that leaves the view
  makes only the claims it witnessed look again for a witness.
* **Choice.** ``latest`` and ``authority`` keep, along claims in publication
  order, the state of the "latest claim that is not merely a looser bound" fold
  after each claim; an insertion or removal refolds from its place and stops as
  soon as the fold agrees with what it was, usually at once.
* **Figures.** The credible bests, lows and highs are kept sorted, so the
  lowest and highest credible figure, and whether all credible intervals share
  a value, are read off the ends.

A policy that is not one of the four shipped classes (a user's subclass that
implements :meth:`~taji_events.policies.Policy.choose_count`) has no
incremental form: its history re-evaluates, at each moment, the fields whose
claims changed, over those fields' active claims (see docs/policies.md).
"""

from __future__ import annotations

import abc
import bisect
import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Final

from taji_events.claim_rows import ClaimRow
from taji_events.ledger import ActiveClaim
from taji_events.model import Attribution, Count
from taji_events.policies import (
    AuthorityPolicy,
    ConservativePolicy,
    LatestPolicy,
    Policy,
    RangePolicy,
)

__all__ = ["AttributionField", "CountField", "FieldState", "Item", "has_incremental_form",
           "shipped_kind", "unknown_summary"]

_INF: Final = math.inf
_ACCUSING: Final = frozenset(("claimed", "accused", "suspected"))
_SHIPPED: Final = {LatestPolicy: "latest", AuthorityPolicy: "authority",
                   ConservativePolicy: "conservative", RangePolicy: "range"}


def has_incremental_form(policy: Policy) -> bool:
    """True for the four shipped policy classes (any ranking); a subclass may
    change any rule, so it is evaluated directly."""
    return type(policy) in _SHIPPED


def shipped_kind(policy: Policy) -> str:
    """Which shipped rule ``policy`` folds by: ``latest``, ``authority``,
    ``conservative`` or ``range`` (see :func:`has_incremental_form`)."""
    return _SHIPPED[type(policy)]


def unknown_summary(field: str) -> tuple[Any, ...]:
    """The summary of a field no active claim speaks of."""
    if field == "attribution":
        return ("unknown", None, None, False, (), False)
    return ("unknown", None, None, None, ())


class Item:
    """One active claim as the incremental states see it: its place in publication
    order (``key``), its publication time's rank (``time``) and its figures."""

    __slots__ = ("actor", "attribution", "breakdown", "bsum", "claim", "credible", "field",
                 "hedge", "high", "key", "low", "rank", "scoped", "stance", "stated", "time",
                 "witness")

    def __init__(self, claim: ActiveClaim, key: int, time: int, rank: int) -> None:
        self.claim: ActiveClaim | ClaimRow = claim
        self.key = key
        self.time = time
        self.rank = rank
        self.field = claim.claim.field
        self.hedge = claim.claim.hedge
        self.scoped = claim.claim.scope is not None
        self.credible = False
        self.witness: Item | None = None
        value = claim.claim.value
        self.attribution = isinstance(value, Attribution)
        if isinstance(value, Count):
            self.low: float = value.low
            self.high: float = _INF if value.high is None else value.high
            self.stated = value.best
            self.breakdown = tuple(value.breakdown.items()) if value.breakdown else ()
            self.bsum = sum(value.breakdown.values()) if value.breakdown else 0
            self.actor: str | None = None
            self.stance = ""
        else:
            assert isinstance(value, Attribution)
            self.actor, self.stance = value.actor, value.stance
            self.low, self.high, self.stated, self.breakdown, self.bsum = 0, 0, 0, (), 0

    @classmethod
    def of_row(cls, row: ClaimRow, key: int, time: int, rank: int) -> Item:
        """The item of a claim row (:mod:`taji_events.claim_rows`): the same
        figures as of the claim it was derived from."""
        item = cls.__new__(cls)
        item.claim = row
        item.key, item.time, item.rank = key, time, rank
        item.field, item.hedge, item.scoped = row.field, row.hedge, row.scoped
        item.credible, item.witness = False, None
        item.attribution = row.attribution
        if row.attribution:
            item.actor, item.stance = row.actor, row.stance
            item.low, item.high, item.stated, item.breakdown, item.bsum = 0, 0, 0, (), 0
        else:
            item.low = row.low
            item.high = _INF if row.high is None else row.high
            item.stated = row.best
            item.breakdown = row.breakdown
            item.bsum = sum(number for _, number in row.breakdown)
            item.actor, item.stance = None, ""
        return item

    def contains(self, number: int) -> bool:
        return self.low <= number <= self.high


def _looser(later: Item, current: Item) -> bool:
    """``later`` strictly contains ``current``: it only bounds it more loosely."""
    return (later.low <= current.low and later.high >= current.high
            and not (later.low == current.low and later.high == current.high))


class _LatestFold:
    """Items in publication order and, after each, the claim the "latest that is not
    merely a looser bound" rule has chosen so far."""

    __slots__ = ("chosen", "items", "keys")

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.items: list[Item] = []
        self.chosen: list[Item | None] = []

    def __len__(self) -> int:
        return len(self.items)

    def add(self, item: Item) -> None:
        at = bisect.bisect_left(self.keys, item.key)
        self.keys.insert(at, item.key)
        self.items.insert(at, item)
        self.chosen.insert(at, None)
        self._refold(at)

    def remove(self, item: Item) -> None:
        at = bisect.bisect_left(self.keys, item.key)
        del self.keys[at], self.items[at], self.chosen[at]
        self._refold(at)

    def _refold(self, start: int) -> None:
        items, chosen = self.items, self.chosen
        state = chosen[start - 1] if start else None
        for position in range(start, len(items)):
            item = items[position]
            new = item if state is None or not _looser(item, state) else state
            if chosen[position] is new:
                return  # from here on the fold is what it was
            chosen[position] = new
            state = new

    def result(self) -> Item | None:
        return self.chosen[-1] if self.chosen else None


class _SuffixBounds:
    """Items placed at publication-time ranks; for any time, the highest low and the
    lowest high among items from that time on, each with an item that has it."""

    __slots__ = ("high_item", "highs", "leaves", "low_item", "lows", "size", "times")

    def __init__(self, times: Iterable[int]) -> None:
        self.times = sorted(set(times))
        size = 1
        while size < max(1, len(self.times)):
            size *= 2
        self.size = size
        self.lows: list[float] = [-_INF] * (2 * size)
        self.highs: list[float] = [_INF] * (2 * size)
        self.low_item: list[Item | None] = [None] * (2 * size)
        self.high_item: list[Item | None] = [None] * (2 * size)
        self.leaves: dict[int, dict[int, Item]] = {}

    def add(self, item: Item) -> None:
        leaf = bisect.bisect_left(self.times, item.time)
        self.leaves.setdefault(leaf, {})[item.key] = item
        node = leaf + self.size
        # A new member can only raise the leaf's highest low or lower its lowest high.
        if item.low > self.lows[node] or item.high < self.highs[node]:
            if item.low > self.lows[node]:
                self.lows[node], self.low_item[node] = item.low, item
            if item.high < self.highs[node]:
                self.highs[node], self.high_item[node] = item.high, item
            self._climb(node)

    def add_many(self, items: Iterable[Item]) -> None:
        """Every one of ``items`` added, in order, to bounds that hold none yet:
        the leaves as :meth:`add` leaves them, then every inner node worked out
        once from its children, bottom up (what the climbs of one addition at a
        time reach, since a node is always the bound of its two children)."""
        times, size, leaves = self.times, self.size, self.leaves
        lows, highs, low_item, high_item = self.lows, self.highs, self.low_item, self.high_item
        touched: set[int] = set()
        for item in items:
            leaf = bisect.bisect_left(times, item.time)
            members = leaves.get(leaf)
            if members is None:
                members = leaves[leaf] = {}
            members[item.key] = item
            node = leaf + size
            if item.low > lows[node]:
                lows[node], low_item[node] = item.low, item
            if item.high < highs[node]:
                highs[node], high_item[node] = item.high, item
            touched.add(node // 2)
        # Level by level, only the nodes above a leaf that was placed.
        while touched and 0 not in touched:
            for node in touched:
                left, right = 2 * node, 2 * node + 1
                side = left if lows[left] >= lows[right] else right
                lows[node], low_item[node] = lows[side], low_item[side]
                side = left if highs[left] <= highs[right] else right
                highs[node], high_item[node] = highs[side], high_item[side]
            touched = {node // 2 for node in touched}

    def remove(self, item: Item) -> None:
        leaf = bisect.bisect_left(self.times, item.time)
        members = self.leaves[leaf]
        del members[item.key]
        node = leaf + self.size
        if self.low_item[node] is not item and self.high_item[node] is not item:
            return  # the leaf's bounds are held by other members
        if not members:
            del self.leaves[leaf]
        low, high, lower, higher = -_INF, _INF, None, None
        for member in members.values():
            if member.low > low:
                low, lower = member.low, member
            if member.high < high:
                high, higher = member.high, member
        self.lows[node], self.low_item[node] = low, lower
        self.highs[node], self.high_item[node] = high, higher
        self._climb(node)

    def _climb(self, node: int) -> None:
        lows, highs, low_item, high_item = self.lows, self.highs, self.low_item, self.high_item
        node //= 2
        while node:
            left, right = 2 * node, 2 * node + 1
            side = left if lows[left] >= lows[right] else right
            low, lower = lows[side], low_item[side]
            side = left if highs[left] <= highs[right] else right
            high, higher = highs[side], high_item[side]
            if (low == lows[node] and lower is low_item[node] and high == highs[node]
                    and higher is high_item[node]):
                return  # nothing above changes
            lows[node], low_item[node], highs[node], high_item[node] = low, lower, high, higher
            node //= 2

    def contradicting(self, item: Item, *, after: bool) -> Item | None:
        """An item from ``item``'s time on (strictly later with ``after``) whose
        interval shares no value with ``item``'s, or None."""
        start = (bisect.bisect_right if after else bisect.bisect_left)(self.times, item.time)
        lo, hi = start + self.size, 2 * self.size
        lows, highs = self.lows, self.highs
        while lo < hi:
            if lo & 1:
                if lows[lo] > item.high:
                    return self.low_item[lo]
                if highs[lo] < item.low:
                    return self.high_item[lo]
                lo += 1
            if hi & 1:
                hi -= 1
                if lows[hi] > item.high:
                    return self.low_item[hi]
                if highs[hi] < item.low:
                    return self.high_item[hi]
            lo //= 2
            hi //= 2
        return None


class _Sorted:
    """A sorted list of ``(value, key)`` pairs (keys unique)."""

    __slots__ = ("pairs",)

    def __init__(self) -> None:
        self.pairs: list[tuple[float, int]] = []

    def add(self, value: float, key: int) -> None:
        bisect.insort(self.pairs, (value, key))

    def remove(self, value: float, key: int) -> None:
        del self.pairs[bisect.bisect_left(self.pairs, (value, key))]

    def first(self) -> float:
        return self.pairs[0][0]

    def last(self) -> float:
        return self.pairs[-1][0]

    def __bool__(self) -> bool:
        return bool(self.pairs)


class FieldState(abc.ABC):
    """What every field state offers the belief history: claims entering and
    leaving, and the belief's summary."""

    @abc.abstractmethod
    def add(self, item: Item) -> None:
        """``item`` became active."""

    def add_all(self, items: list[Item]) -> None:
        """Every one of ``items`` became active at once."""
        for item in items:
            self.add(item)

    @abc.abstractmethod
    def remove(self, item: Item) -> None:
        """``item`` stopped being active."""

    @abc.abstractmethod
    def summary(self) -> tuple[Any, ...]:
        """The belief's summary (as ``Belief.summary`` gives it) over the active items."""

    def chosen(self) -> Item | None:
        """The active item the belief's figure or leading actor comes from (None
        when there is none, or when the state does not single one out)."""
        return None


class CountField(FieldState):
    """A numeric field under one shipped policy; see the module docstring.

    ``confirmed_times`` maps each rank of the field's confirmed claims to every
    publication-time rank such claims can have, and ``live_times`` lists those of
    claims that are not denied: the history knows them before the sweep starts.
    """

    def __init__(self, policy: Policy, live_times: Iterable[int],
                 confirmed_times: dict[int, set[int]],
                 on_credit: Callable[[Item], None] | None = None) -> None:
        #: Called with each item whose credibility changes (credited or not any more).
        self.on_credit = on_credit
        self.kind = _SHIPPED[type(policy)]
        self.screened = policy.uses_credibility
        self.disputes = policy.marks_disputes
        self.live = _SuffixBounds(live_times) if self.screened else None
        # Threshold r holds confirmed claims of rank >= r.
        self.thresholds = sorted(confirmed_times)
        self.confirmed: dict[int, _SuffixBounds] = {}
        if self.screened:
            for threshold in self.thresholds:
                self.confirmed[threshold] = _SuffixBounds(
                    t for rank, times in confirmed_times.items() if rank >= threshold
                    for t in times)
        self.credible: dict[int, Item] = {}
        self.by_high = _Sorted()
        self.by_low = _Sorted()
        self.dependents: dict[int, dict[int, Item]] = {}
        # Aggregates over credible items.
        self.closed_bests = _Sorted()
        self.open_lows = _Sorted()
        self.closed_highs = _Sorted()
        self.confirmed_by_low = _Sorted()
        self.folds: dict[int, _LatestFold] = {}
        self.stating: dict[int, list[tuple[int, int]]] = {}
        self.with_breakdown: dict[int, Item] = {}

    # -- claims entering and leaving -------------------------------------------------------
    def add(self, item: Item) -> None:
        if item.scoped or item.hedge == "denied":
            return  # set aside (a subset, or denied by its speaker); it contradicts nothing
        if not self.screened:
            self._credit(item)
            return
        assert self.live is not None
        self.live.add(item)
        if item.hedge == "confirmed":
            for threshold in self.thresholds:
                if threshold > item.rank:
                    break
                self.confirmed[threshold].add(item)
            victims = self._contradicted_by(item, lambda other: (other.hedge == "initial"
                                            and other.time <= item.time)
                                            or (other.time < item.time and other.rank <= item.rank))
        else:
            victims = self._contradicted_by(item, lambda other: other.hedge == "initial"
                                            and other.time <= item.time)
        for victim in victims:
            self._discredit(victim, item)
        witness = self._witness(item)
        if witness is None:
            self._credit(item)
        else:
            self._depend(item, witness)

    def add_all(self, items: list[Item]) -> None:
        """Many claims entering an empty field (a moment holding every claim of a
        view): each is placed in the bounds first, then credited unless the whole
        set holds a witness against it — the state adding them one by one reaches,
        without crediting claims that a later one discredits."""
        if self.credible or self.dependents or (self.live is not None and self.live.leaves):
            super().add_all(items)
            return
        kept = sorted((item for item in items if not (item.scoped or item.hedge == "denied")),
                      key=lambda item: item.key)
        if not self.screened:
            for item in kept:
                self._credit(item)
            return
        assert self.live is not None
        self.live.add_many(kept)
        confirmed = [item for item in kept if item.hedge == "confirmed"]
        for threshold in self.thresholds:
            self.confirmed[threshold].add_many(item for item in confirmed
                                               if item.rank >= threshold)
        for item in kept:
            witness = self._witness(item)
            if witness is None:
                self._credit(item)
            else:
                self._depend(item, witness)

    def remove(self, item: Item) -> None:
        if item.scoped or item.hedge == "denied":
            return
        if not self.screened:
            self._uncredit(item)
            return
        assert self.live is not None
        self.live.remove(item)
        if item.hedge == "confirmed":
            for threshold in self.thresholds:
                if threshold > item.rank:
                    break
                self.confirmed[threshold].remove(item)
        if item.credible:
            self._uncredit(item)
        elif item.witness is not None:
            self.dependents[id(item.witness)].pop(item.key, None)
            item.witness = None
        for other in self.dependents.pop(id(item), {}).values():
            other.witness = None
            witness = self._witness(other)
            if witness is None:
                self._credit(other)
            else:
                self._depend(other, witness)

    # -- credibility -----------------------------------------------------------------------
    def _witness(self, item: Item) -> Item | None:
        assert self.live is not None
        if item.hedge == "initial":
            found = self.live.contradicting(item, after=False)
            if found is not None:
                return found
        threshold = self._threshold(item.rank)
        if threshold is None:
            return None
        return self.confirmed[threshold].contradicting(item, after=True)

    def _threshold(self, rank: int) -> int | None:
        at = bisect.bisect_left(self.thresholds, rank)
        return self.thresholds[at] if at < len(self.thresholds) else None

    def _contradicted_by(self, item: Item, applies: Any) -> list[Item]:
        """Credible items whose interval lies wholly below or above ``item``'s and that
        ``item`` discredits by ``applies``."""
        found: list[Item] = []
        for high, key in self.by_high.pairs:
            if high >= item.low:
                break
            other = self.credible[key]
            if applies(other):
                found.append(other)
        for low, key in reversed(self.by_low.pairs):
            if low <= item.high:
                break
            other = self.credible[key]
            if applies(other):
                found.append(other)
        return found

    def _depend(self, item: Item, witness: Item) -> None:
        item.witness = witness
        self.dependents.setdefault(id(witness), {})[item.key] = item

    def _discredit(self, item: Item, witness: Item) -> None:
        if item.credible:
            self._uncredit(item)
            self._depend(item, witness)

    def _credit(self, item: Item) -> None:
        item.credible = True
        if self.on_credit is not None:
            self.on_credit(item)
        key = item.key
        self.credible[key] = item
        self.by_high.add(item.high, key)
        self.by_low.add(item.low, key)
        if item.high == _INF:
            self.open_lows.add(item.low, key)
        else:
            self.closed_bests.add(item.stated, key)
            self.closed_highs.add(item.high, key)
        if item.hedge == "confirmed":
            self.confirmed_by_low.add(item.low, key)
        fold = self.folds.get(self._fold_rank(item))
        if fold is None:
            fold = self.folds[self._fold_rank(item)] = _LatestFold()
        fold.add(item)
        bisect.insort(self.stating.setdefault(item.stated, []), (item.rank, key))
        if item.breakdown:
            self.with_breakdown[key] = item

    def _uncredit(self, item: Item) -> None:
        item.credible = False
        if self.on_credit is not None:
            self.on_credit(item)
        key = item.key
        del self.credible[key]
        self.by_high.remove(item.high, key)
        self.by_low.remove(item.low, key)
        if item.high == _INF:
            self.open_lows.remove(item.low, key)
        else:
            self.closed_bests.remove(item.stated, key)
            self.closed_highs.remove(item.high, key)
        if item.hedge == "confirmed":
            self.confirmed_by_low.remove(item.low, key)
        rank = self._fold_rank(item)
        fold = self.folds[rank]
        fold.remove(item)
        if not fold:
            del self.folds[rank]
        stating = self.stating[item.stated]
        del stating[bisect.bisect_left(stating, (item.rank, key))]
        if not stating:
            del self.stating[item.stated]
        self.with_breakdown.pop(key, None)

    def _fold_rank(self, item: Item) -> int:
        # ``latest`` folds over every credible claim; the others by rank.
        return 0 if self.kind == "latest" else item.rank

    # -- the belief ------------------------------------------------------------------------
    def chosen(self) -> Item | None:
        """The credible item the summary takes its figure from: the policy's
        choice (for ``conservative``, the claim stating or holding the lowest
        credible figure)."""
        if not self.credible:
            return None
        if self.kind == "conservative":
            best, _ = self._spread()
            return self._conservative_choice(best)
        return self.folds[max(self.folds)].result()

    def summary(self) -> tuple[Any, ...]:
        if not self.credible:
            return ("unknown", None, None, None, ())
        chosen: Item
        if self.kind in ("latest", "authority"):
            found = self.folds[max(self.folds)].result()
            assert found is not None
            chosen = found
            best, low = int(chosen.stated), int(chosen.low)
            high = None if chosen.high == _INF else int(chosen.high)
        elif self.kind == "conservative":
            best, high = self._spread()
            low = best
            chosen = self._conservative_choice(best)
        else:
            low, high = self._spread()
            found = self.folds[max(self.folds)].result()
            assert found is not None
            chosen = found
            best = max(low, int(chosen.stated) if high is None else min(int(chosen.stated), high))
        status = "confirmed" if self._confirmed_holding(best) else "reported"
        if self.disputes and not self._common_value():
            status = "disputed"
        source = chosen if chosen.breakdown else self._breakdown_source(best)
        breakdown = tuple(sorted(source.breakdown)) if source is not None else ()
        return (status, low, best, high, breakdown)

    def _spread(self) -> tuple[int, int | None]:
        floor = int(self.open_lows.last()) if self.open_lows else None
        if not self.closed_bests:
            assert floor is not None
            return floor, None
        low, high = int(self.closed_bests.first()), int(self.closed_bests.last())
        if floor is not None:
            if floor > high:
                return min(low, floor), floor
            low = max(low, floor)
        return low, high

    def _common_value(self) -> bool:
        return not self.closed_highs or self.by_low.last() <= self.closed_highs.first()

    def _confirmed_holding(self, best: int) -> bool:
        pairs = self.confirmed_by_low.pairs
        for position in range(bisect.bisect_right(pairs, (best, math.inf)) - 1, -1, -1):
            if self.credible[pairs[position][1]].high >= best:
                return True
        return False

    def _conservative_choice(self, best: int) -> Item:
        stating = self.stating.get(best)
        if stating:
            return self.credible[stating[-1][1]]
        holding = [item for item in self.credible.values() if item.contains(best)] \
            or list(self.credible.values())
        return max(holding, key=lambda item: (item.rank, item.key))

    def _breakdown_source(self, best: int) -> Item | None:
        fitting = [item for item in self.with_breakdown.values()
                   if item.contains(best) and item.bsum <= best]
        if not fitting:
            return None
        return max(fitting, key=lambda item: (item.bsum == best, item.rank, item.key))


class AttributionField(FieldState):
    """The attribution field under one shipped policy: who is named, with which
    stances, and the leading actor by the policy's choice."""

    def __init__(self, policy: Policy) -> None:
        self.kind = _SHIPPED[type(policy)]
        self.active = 0
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.no_claim = 0
        self.claimed: Counter[str] = Counter()
        self.denied: Counter[str] = Counter()
        self.confirmed_accusing: Counter[str] = Counter()
        self.candidates: list[tuple[Any, ...]] = []
        self.items: dict[int, Item] = {}

    def _order(self, item: Item) -> tuple[Any, ...] | None:
        if item.stance not in _ACCUSING:
            return None
        if self.kind == "latest":
            return (item.key,)
        if self.kind == "conservative" and not (item.stance == "claimed"
                                                or item.hedge == "confirmed"):
            return None
        return (item.rank, item.key)

    def _count(self, item: Item, step: int) -> None:
        self.active += step
        if item.actor is None:
            self.no_claim += step
        else:
            self.pairs[(item.actor, item.stance)] += step
            if item.stance == "claimed":
                self.claimed[item.actor] += step
            elif item.stance == "denied":
                self.denied[item.actor] += step
            if item.stance in _ACCUSING and item.hedge == "confirmed":
                self.confirmed_accusing[item.actor] += step

    def add(self, item: Item) -> None:
        self._count(item, 1)
        order = self._order(item)
        if order is not None:
            self.items[item.key] = item
            bisect.insort(self.candidates, order)

    def remove(self, item: Item) -> None:
        self._count(item, -1)
        order = self._order(item)
        if order is not None:
            del self.items[item.key]
            del self.candidates[bisect.bisect_left(self.candidates, order)]

    def chosen(self) -> Item | None:
        """The claim naming the leading actor, by the policy's choice."""
        return self.items[self.candidates[-1][-1]] if self.candidates else None

    def summary(self) -> tuple[Any, ...]:
        if not self.active:
            return unknown_summary("attribution")
        stances = tuple(sorted(pair for pair, number in self.pairs.items() if number))
        claimed = sum(self.claimed.values()) > 0
        no_claim = self.no_claim > 0
        if not self.candidates:
            return ("reported", None, None, claimed, stances, no_claim)
        chosen = self.items[self.candidates[-1][-1]]
        leading = chosen.actor
        assert leading is not None
        others_claim = sum(self.claimed.values()) - self.claimed[leading] > 0
        if self.denied[leading] > 0 or others_claim:
            status = "disputed"
        elif self.confirmed_accusing[leading] > 0:
            status = "confirmed"
        else:
            status = "reported"
        return (status, leading, chosen.stance, claimed, stances, no_claim)

