"""Policies turn a set of active claims into beliefs. Pure functions of the set.

Shipped policies (docs/policies.md), chosen by name or passed as objects:

* ``latest`` — the most recently published claim (a later claim that only bounds
  the current one more loosely, "at least 2" after "3", does not replace it).
* ``authority`` — the claim of the most authoritative kind of speaker
  (:data:`DEFAULT_RANKING`, configurable); among equals the latest, except that
  a later claim which is only a looser bound of the current one ("at least 2"
  after "3") does not replace it.
* ``conservative`` — ACLED/GTD style: the lowest figure stated by a credible
  claim, raised to the lower bound that all credible claims share.
* ``range`` — UCDP style: low and high are the lowest and highest figures
  stated by credible claims, best is the ``authority`` choice; ``disputed``
  when credible intervals have no value in common.

*Credible* (used by ``authority``, ``conservative`` and ``range``): a claim is
set aside when its speaker denies the figure (hedge ``denied``), when it is an
``initial`` figure that a same-time or later claim contradicts, or when a later
``confirmed`` claim from an equally or more authoritative speaker contradicts it.
"""

from __future__ import annotations

import abc
import bisect
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs

from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import ActorView, AttributionBelief, Belief, SetAside, StanceView
from taji_events.errors import UnknownPolicyError
from taji_events.model import Attribution, Count

__all__ = [
    "DEFAULT_RANKING",
    "POLICIES",
    "AuthorityPolicy",
    "ConservativePolicy",
    "LatestPolicy",
    "Policy",
    "RangePolicy",
    "get_policy",
]

#: Higher is more authoritative.
DEFAULT_RANKING: Final[Mapping[str, int]] = MappingProxyType({
    "official_on_record": 8,
    "official_anonymous": 7,
    "wire": 6,
    "monitor_ngo": 5,
    "news_outlet": 4,
    "state_media": 3,
    "social_media": 3,
    "belligerent": 2,
    "unattributed": 1,
})
_ACCUSING: Final = ("claimed", "accused", "suspected")


def _count(item: ActiveClaim) -> Count:
    value = item.claim.value
    assert isinstance(value, Count)
    return value


def _attribution(item: ActiveClaim) -> Attribution:
    value = item.claim.value
    assert isinstance(value, Attribution)
    return value


def _describe_claim(item: ActiveClaim) -> str:
    speaker = item.claim.according_to
    return f"{speaker.name} ({speaker.kind}, {item.claim.hedge}) in {item.ref}"


def _looser(later: Count, current: Count) -> bool:
    """True when ``later`` strictly contains ``current``: it only bounds it more loosely."""
    wider_low = later.low <= current.low
    wider_high = later.high is None or (current.high is not None and current.high <= later.high)
    same = later.low == current.low and later.high == current.high
    return wider_low and wider_high and not same


_OPEN: Final = float("inf")


def _times(claims: Sequence[ActiveClaim]) -> dict[int, Any]:
    """Each claim's publication sort key, computed once per time point."""
    by_point: dict[int, Any] = {}
    times: dict[int, Any] = {}
    for item in claims:
        point = item.first_published_at
        key = by_point.get(id(point))
        if key is None:
            key = by_point[id(point)] = point.sort_key
        times[id(item)] = key
    return times


class _Screen:
    """Suffix bounds over claims in publication order, so that credibility needs a
    scan only where a contradiction exists (linear instead of quadratic).

    A claim can only be contradicted by a claim published at the same time or
    later that does not overlap it: non-denied claims for an ``initial`` figure,
    ``confirmed`` claims of equal or higher rank for any figure. For every
    position the screen keeps the highest low and the lowest high of such claims
    from there to the end (per rank threshold for confirmed ones).
    """

    def __init__(self, claims: Sequence[ActiveClaim], times: dict[int, Any],
                 rank: Callable[[ActiveClaim], int]) -> None:
        self.times = [times[id(item)] for item in claims]
        self.ordered = all(a <= b for a, b in zip(self.times, self.times[1:], strict=False))
        self.rank = rank
        if not self.ordered:
            return
        live = [item.claim.hedge != "denied" for item in claims]
        values = [_count(item) for item in claims]
        self.any_bounds = self._suffix(values, live)
        confirmed = [ok and item.claim.hedge == "confirmed" for ok, item in zip(live, claims,
                                                                               strict=True)]
        ranks = self.ranks = [rank(item) for item in claims]
        self.thresholds = sorted({r for r, ok in zip(ranks, confirmed, strict=True) if ok})
        # For each rank, the lowest threshold at or above it (None: no confirmed claim
        # ranks that high).
        self.threshold_of = {r: next((t for t in self.thresholds if t >= r), None)
                             for r in set(ranks)}
        self.confirmed_bounds = {}
        self.confirmed_positions = {}
        for threshold in self.thresholds:
            use = [ok and r >= threshold for ok, r in zip(confirmed, ranks, strict=True)]
            self.confirmed_bounds[threshold] = self._suffix(values, use)
            self.confirmed_positions[threshold] = [i for i, ok in enumerate(use) if ok]

    @staticmethod
    def _suffix(values: Sequence[Count], use: Sequence[bool]) -> list[tuple[int, float]]:
        bounds: list[tuple[int, float]] = [(-1, _OPEN)] * (len(values) + 1)
        high_low, low_high = -1, _OPEN
        for index in range(len(values) - 1, -1, -1):
            if use[index]:
                value = values[index]
                high_low = max(high_low, value.low)
                if value.high is not None:
                    low_high = min(low_high, value.high)
            bounds[index] = (high_low, low_high)
        return bounds

    @staticmethod
    def _apart(bounds: tuple[int, float], value: Count) -> bool:
        high_low, low_high = bounds
        return (value.high is not None and high_low > value.high) or low_high < value.low

    def first_confirmed_apart(self, position: int, item: ActiveClaim, start: int,
                              claims: Sequence[ActiveClaim],
                              describe: Callable[[ActiveClaim], str]) -> str | None:
        """For a claim that is neither initial nor denied: the reason from the first
        later confirmed claim of equal or higher rank that does not overlap it,
        visiting only such claims (what the full scan would find first)."""
        threshold = self.threshold_of[self.ranks[position]]
        if threshold is None:
            return None
        value = _count(item)
        positions = self.confirmed_positions[threshold]
        for index in positions[bisect.bisect_left(positions, start):]:
            other = claims[index]
            if other is not item and not _count(other).overlaps(value):
                return describe(other)
        return None

    def start(self, position: int, item: ActiveClaim) -> int | None:
        """Where a scan for a contradiction of ``item`` must start; None when the
        screen shows that no claim can contradict it."""
        value = _count(item)
        hedge = item.claim.hedge
        if hedge == "denied":
            return position  # set aside for its own hedge; the scan returns at once
        time = self.times[position]
        later = bisect.bisect_right(self.times, time)
        candidates: list[int] = []
        if hedge == "initial":
            same_or_later = bisect.bisect_left(self.times, time)
            if self._apart(self.any_bounds[same_or_later], value):
                candidates.append(same_or_later)
        threshold = self.threshold_of[self.ranks[position]]
        if threshold is not None and self._apart(self.confirmed_bounds[threshold][later], value):
            candidates.append(later)
        return min(candidates) if candidates else None


class Policy(abc.ABC):
    """Base class of policies. Subclass and override :meth:`choose_count` (and
    optionally :meth:`choose_leading`) to write your own; see docs/policies.md.

    Since 0.1.0.
    """

    name: str = "policy"
    #: Whether claims are filtered for credibility before choosing.
    uses_credibility: bool = True
    #: Whether the status becomes ``disputed`` when credible intervals share no value.
    marks_disputes: bool = False

    def __init__(self, ranking: Mapping[str, int] | None = None) -> None:
        self.ranking: Mapping[str, int] = MappingProxyType(dict(ranking or DEFAULT_RANKING))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"

    def rank(self, item: ActiveClaim) -> int:
        """Authority of the claim's speaker kind (unknown kinds rank lowest)."""
        return self.ranking.get(item.claim.according_to.kind, 0)

    # -- the entry point ------------------------------------------------------------------
    def believe(self, field: str, claims: Sequence[ActiveClaim]) -> Belief | AttributionBelief:
        """The belief about ``field`` from its active claims (in publication order)."""
        if claims and isinstance(claims[0].claim.value, Attribution):
            return self._believe_attribution(field, claims)
        if not claims:
            return Belief(field=field, policy=self.name, status="unknown",
                          rule="no active claim about this field")
        # A claim about a subset ("two of them seriously") is not a figure for the
        # incident: it is set aside, stays visible, and never sets the total.
        scoped = [SetAside(item, f"about a subset ({item.claim.scope}), not the incident's total")
                  for item in claims if item.claim.scope is not None]
        if not scoped:
            return self._believe_count(field, claims)
        whole = [item for item in claims if item.claim.scope is None]
        if not whole:
            return Belief(field=field, policy=self.name, status="unknown",
                          set_aside=tuple(scoped),
                          rule="every claim about this field is about a subset of the incident")
        belief = self._believe_count(field, whole)
        return attrs.evolve(belief, set_aside=(*belief.set_aside, *scoped))

    # -- credibility ----------------------------------------------------------------------
    def credible(self, claims: Sequence[ActiveClaim]) -> tuple[list[ActiveClaim], list[SetAside]]:
        """Split count claims into credible ones and those set aside (with reasons)."""
        times = _times(claims)
        # Claims usually come in publication order (as views give them); then a
        # screen answers "is there any contradicting claim at all" from suffix
        # bounds, and only claims with one are scanned, from their own time on.
        screen = _Screen(claims, times, self.rank)
        kept: list[ActiveClaim] = []
        aside: list[SetAside] = []
        for position, item in enumerate(claims):
            if not screen.ordered:
                reason = self._discredit(item, claims, times)
            else:
                start = screen.start(position, item)
                reason = None if start is None else (
                    screen.first_confirmed_apart(position, item, start, claims, self._describe_later)
                    if item.claim.hedge not in ("initial", "denied")
                    else self._discredit(item, claims, times, start))
            if reason is None:
                kept.append(item)
            else:
                aside.append(SetAside(item, reason))
        return kept, aside

    @staticmethod
    def _describe_later(other: ActiveClaim) -> str:
        return f"contradicted by the later confirmed {_describe_claim(other)}"

    def _discredit(self, item: ActiveClaim, claims: Sequence[ActiveClaim],
                   times: dict[int, Any], start: int = 0) -> str | None:
        """The reason to set ``item`` aside, from the first claim (in the order given,
        from ``start``) that contradicts it; None when it stays credible."""
        value = _count(item)
        if item.claim.hedge == "denied":
            return "its speaker denies this figure"
        item_time = times[id(item)]
        for index in range(start, len(claims)):
            other = claims[index]
            if other is item or other.claim.hedge == "denied" or _count(other).overlaps(value):
                continue
            other_time = times[id(other)]
            if item.claim.hedge == "initial" and other_time >= item_time:
                return f"an initial figure, contradicted by {_describe_claim(other)}"
            if (other.claim.hedge == "confirmed" and other_time > item_time
                    and self.rank(other) >= self.rank(item)):
                return self._describe_later(other)
        return None

    # -- numbers --------------------------------------------------------------------------
    @abc.abstractmethod
    def choose_count(
        self, field: str, claims: Sequence[ActiveClaim], credible: Sequence[ActiveClaim]
    ) -> tuple[ActiveClaim, int, int, int | None, str]:
        """Pick ``(chosen claim, best, low, high, rule)``; ``credible`` is never empty."""

    def _believe_count(self, field: str, claims: Sequence[ActiveClaim]) -> Belief:
        if self.uses_credibility:
            credible, aside = self.credible(claims)
        else:
            credible = [c for c in claims if c.claim.hedge != "denied"]
            aside = [SetAside(c, "its speaker denies this figure")
                     for c in claims if c.claim.hedge == "denied"]
        if not credible:
            return Belief(field=field, policy=self.name, status="unknown",
                          contradicting=tuple(claims), set_aside=tuple(aside),
                          rule="every claim about this field was set aside")
        chosen, best, low, high, rule = self.choose_count(field, claims, credible)
        denied = {id(item) for item in claims if item.claim.hedge == "denied"}
        believable = {id(item) for item in credible}
        holding = {id(item) for item in claims
                   if _count(item).contains(best) != (id(item) in denied)}
        supporting = tuple(item for item in claims if id(item) in holding)
        contradicting = tuple(item for item in claims if id(item) not in holding)
        status = "confirmed" if any(
            item.claim.hedge == "confirmed" for item in supporting if id(item) in believable
        ) else "reported"
        if self.marks_disputes and not _common_value(credible):
            status = "disputed"
        breakdown_from = self._breakdown_source(chosen, best, supporting, credible)
        breakdown = _count(breakdown_from).breakdown if breakdown_from is not None else {}
        return Belief(field=field, policy=self.name, status=status, low=low, best=best,
                      high=high, breakdown=breakdown, chosen=chosen,
                      breakdown_from=breakdown_from, supporting=supporting,
                      contradicting=contradicting, set_aside=tuple(aside), rule=rule)

    def _breakdown_source(self, chosen: ActiveClaim, best: int, supporting: Sequence[ActiveClaim],
                          credible: Sequence[ActiveClaim]) -> ActiveClaim | None:
        if _count(chosen).breakdown:
            return chosen
        believable = {id(item) for item in credible}
        fitting = [item for item in supporting if id(item) in believable and _count(item).breakdown
                   and sum(_count(item).breakdown.values()) <= best]
        if not fitting:
            return None
        return max(fitting, key=lambda item: (sum(_count(item).breakdown.values()) == best,
                                              self.rank(item), item.sort_key))

    # -- attribution ----------------------------------------------------------------------
    def choose_leading(self, accusing: Sequence[ActiveClaim]) -> tuple[ActiveClaim | None, str]:
        """Pick the claim naming the leading actor among claimed/accused/suspected ones."""
        best = max(accusing, key=lambda item: (self.rank(item), item.sort_key), default=None)
        return best, "the most authoritative speaker naming an actor, latest among equals"

    def _believe_attribution(self, field: str, claims: Sequence[ActiveClaim]) -> AttributionBelief:
        by_actor: dict[str, dict[str, list[ActiveClaim]]] = {}
        no_claim: list[ActiveClaim] = []
        for item in claims:
            value = _attribution(item)
            if value.actor is None:
                no_claim.append(item)
            else:
                by_actor.setdefault(value.actor, {}).setdefault(value.stance, []).append(item)
        actors = tuple(
            ActorView(actor, tuple(
                StanceView(stance, tuple(sorted({_attribution(i).asserted_by
                                                 or i.claim.according_to.name for i in items})),
                           tuple(items))
                for stance, items in sorted(stances.items())))
            for actor, stances in sorted(by_actor.items())
        )
        accusing = [item for item in claims if _attribution(item).stance in _ACCUSING]
        chosen, rule = self.choose_leading(accusing)
        claimed_by = {_attribution(i).actor for i in claims if _attribution(i).stance == "claimed"}
        if chosen is None:
            return AttributionBelief(
                field=field, policy=self.name, status="reported", actors=actors,
                responsibility_claimed=bool(claimed_by), no_claim=tuple(no_claim),
                rule=f"{rule}: no claim names a responsible actor")
        leading = _attribution(chosen).actor
        supporting = tuple(i for i in accusing if _attribution(i).actor == leading)
        contradicting = tuple(
            i for i in claims
            if (_attribution(i).actor == leading and _attribution(i).stance == "denied")
            or (_attribution(i).stance == "claimed" and _attribution(i).actor != leading))
        if contradicting:
            status = "disputed"
        elif any(i.claim.hedge == "confirmed" for i in supporting):
            status = "confirmed"
        else:
            status = "reported"
        return AttributionBelief(
            field=field, policy=self.name, status=status, leading=leading,
            leading_stance=_attribution(chosen).stance,
            responsibility_claimed=bool(claimed_by), actors=actors, no_claim=tuple(no_claim),
            chosen=chosen, supporting=supporting, contradicting=contradicting, rule=rule)


def _latest_informative(ordered: Sequence[ActiveClaim]) -> ActiveClaim:
    """The latest claim, except that a later claim which only bounds the current one
    more loosely ("at least 2" after "3") does not replace it."""
    chosen = ordered[0]
    for item in ordered[1:]:
        if not _looser(_count(item), _count(chosen)):
            chosen = item
    return chosen


def _common_value(claims: Sequence[ActiveClaim]) -> bool:
    low = max(_count(item).low for item in claims)
    highs = [h for h in (_count(item).high for item in claims) if h is not None]
    return not highs or low <= min(highs)


class LatestPolicy(Policy):
    """Per field, the most recently published claim (denials aside). Since 0.1.0."""

    name = "latest"
    uses_credibility = False

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        chosen = _latest_informative(credible)
        value = _count(chosen)
        return chosen, value.best, value.low, value.high, (
            f"latest: the most recently published claim that is not merely a looser bound "
            f"of an earlier one, {_describe_claim(chosen)}")

    def choose_leading(self, accusing: Sequence[ActiveClaim]) -> tuple[ActiveClaim | None, str]:
        return (accusing[-1] if accusing else None), "the most recently published actor named"


class AuthorityPolicy(Policy):
    """Per field, the most authoritative speaker kind, latest among equals. Since 0.1.0."""

    name = "authority"

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        top = max(self.rank(item) for item in credible)
        leaders = [item for item in credible if self.rank(item) == top]
        chosen = _latest_informative(leaders)
        value = _count(chosen)
        kind = chosen.claim.according_to.kind
        return chosen, value.best, value.low, value.high, (
            f"authority: {len(leaders)} credible claim(s) from the top-ranked speaker kind "
            f"{kind!r}; took the latest that is not merely a looser bound, "
            f"{_describe_claim(chosen)}")


def _spread(credible: Sequence[ActiveClaim]) -> tuple[int, int | None]:
    """Lowest and highest credible figures. Open-ended claims ("at least 2") are
    bounds, not estimates: they never set the low themselves, but raise it to the
    floor they all share."""
    closed = [_count(item).best for item in credible if _count(item).high is not None]
    floors = [_count(item).low for item in credible if _count(item).high is None]
    floor = max(floors) if floors else None
    if not closed:
        assert floor is not None
        return floor, None
    low, high = min(closed), max(closed)
    if floor is not None:
        if floor > high:  # the credible figures disagree: show all of them
            return min([*closed, floor]), max([*closed, floor])
        low = max(low, floor)
    return low, high


class ConservativePolicy(Policy):
    """ACLED/GTD style lowest credible figure. Since 0.1.0."""

    name = "conservative"
    marks_disputes = True

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        best, high = _spread(credible)
        stating = [item for item in credible if _count(item).best == best] or \
            [item for item in credible if _count(item).contains(best)] or list(credible)
        chosen = max(stating, key=lambda item: (self.rank(item), item.sort_key))
        return chosen, best, best, high, (
            f"conservative: the lowest figure stated by a credible claim, raised to the floor "
            f"that open-ended credible claims share; stated by {_describe_claim(chosen)}")

    def choose_leading(self, accusing: Sequence[ActiveClaim]) -> tuple[ActiveClaim | None, str]:
        # ACLED codes an actor only on a claim of responsibility or a confirmed
        # accusation; suspicion alone leaves the perpetrator unidentified.
        firm = [item for item in accusing if _attribution(item).stance == "claimed"
                or item.claim.hedge == "confirmed"]
        best = max(firm, key=lambda item: (self.rank(item), item.sort_key), default=None)
        return best, "conservative: only a claim of responsibility or a confirmed accusation names an actor"


class RangePolicy(Policy):
    """UCDP style low/best/high over credible claims. Since 0.1.0."""

    name = "range"
    marks_disputes = True

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        low, high = _spread(credible)
        chosen, best, *_ = AuthorityPolicy(self.ranking).choose_count(field, claims, credible)
        best = max(low, best if high is None else min(best, high))
        agree = "overlap" if _common_value(credible) else "do not overlap: disputed"
        return chosen, best, low, high, (
            f"range: low and high are the lowest and highest of {len(credible)} credible "
            f"figures (open-ended claims only raise the low); best is the authority choice, "
            f"{_describe_claim(chosen)}; the credible intervals {agree}")


POLICIES: Final[Mapping[str, Policy]] = MappingProxyType({
    policy.name: policy
    for policy in (LatestPolicy(), AuthorityPolicy(), ConservativePolicy(), RangePolicy())
})


def get_policy(policy: str | Policy) -> Policy:
    """The policy named ``policy`` (or ``policy`` itself if it is a :class:`Policy`).

    Raises :class:`UnknownPolicyError` naming the known policies. Since 0.1.0.
    """
    if isinstance(policy, Policy):
        return policy
    try:
        return POLICIES[policy]
    except (KeyError, TypeError):
        raise UnknownPolicyError(
            f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)} "
            "or pass a Policy instance"
        ) from None
