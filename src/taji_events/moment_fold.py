"""One moment's beliefs, folded at once from the claims active then.

A single question — the state believed at one publication instant, the state
known at one log position, the final state of a full replay — asks about one
moment, not a history. Every claim of that moment enters together and none
leaves, so what the incremental states (:mod:`taji_events.incremental`) keep up
to date claim by claim follows here from sorting the claims once:

* :func:`moment_claims` finds, from an incident's claim rows
  (:mod:`taji_events.claim_rows`), the claims active at the moment — the
  highest revision in view of each report not retracted in view — each with
  the publication order of the revision that first published it, and orders
  them as :attr:`ActiveClaim.sort_key <taji_events.active_claims.ActiveClaim.sort_key>`
  does;
* :func:`moment_summaries` gives each field's belief summary (``Belief.summary``)
  under a shipped policy: the credibility screen from suffix bounds over
  publication time (arrays, not trees: nothing is added later), the "latest
  that is not merely a looser bound" choice in one pass, the figures from the
  credible claims' ends.

The tests hold both to a belief history over the same rows (the incremental
forms, one claim at a time) and to the direct computation over decoded events.

Pure functions over row tuples: no store, no file, no serialization.
"""

from __future__ import annotations

import bisect
import math
import operator
from collections.abc import Iterable, Sequence
from typing import Any, Final

from taji_events.claim_rows import IncidentRows, decode_breakdown
from taji_events.incremental import has_incremental_form, shipped_kind, unknown_summary
from taji_events.policies import Policy
from taji_events.states import DEFAULT_FIELDS

__all__ = ["moment_claims", "moment_summaries"]

_INF: Final = math.inf
_ACCUSING: Final = frozenset(("claimed", "accused", "suspected"))
#: The claims of a moment in publication order: each one's first publication
#: order, and each one's packed columns (:data:`~taji_events.claim_rows.PART_COLUMNS`).
MomentClaims = tuple[list[tuple[int, int, int]], list[Sequence[Any]]]
_PLACE: Final = operator.itemgetter(0, 1, 2, 3)
#: The same-claim identity of packed columns, as claim_rows.part_identity gives it
#: (inline here: it is taken of every claim of a report with several revisions).
_IDENTITY: Final = operator.itemgetter(*range(1, 15), 16)
_OPEN: Final = frozenset(("more_than", "at_least"))
#: Places in the packed columns of a claim (see taji_events.claim_rows.PART_COLUMNS).
_INDEX, _FIELD, _LOW, _HIGH, _QUALIFIER, _STATED = 0, 1, 2, 3, 4, 5
_BREAKDOWN, _ACTOR, _STANCE, _HEDGE, _KIND, _SCOPE = 7, 9, 10, 12, 13, 15
_FIELD_OF: Final = operator.itemgetter(_FIELD)


def moment_claims(rows: IncidentRows, mode: str, *, floor: int | None,
                  limit: int | None) -> MomentClaims:
    """The claims of ``rows``'s incident active at publication instant ``limit``
    (microseconds; None: every revision and retraction of the view) in ``mode``,
    in publication order.

    A revision or retraction is in view when its instant is at or before
    ``limit``: in ``certain`` mode its window's end; in ``possible`` mode its
    window's start, or the incident's start ``floor`` (microseconds) where that
    falls inside the window. The claims come sorted by ``(first order, report,
    revision, index)``, the first order being the publication order (midpoint,
    end, start) of the earliest revision in view that makes the same claim:
    ``(times, parts)``, each claim's first order and its packed columns.
    """
    certain = mode == "certain"
    by_report: dict[str, dict[int, Sequence[Sequence[Any]]]] = {}
    for report, revision, _, packed in rows.groups:
        revisions = by_report.get(report)
        if revisions is None:
            by_report[report] = {revision: packed}
        else:
            revisions[revision] = packed
    # The revisions (with their publication order) and retractions in view of
    # each concerned report; a store holds one edge per revision and retraction.
    included: dict[str, dict[int, tuple[int, int, int]]] = {}
    retracted: set[str] = set()
    for report, number, _, lower, upper, mid in rows.raw_edges:
        if report not in by_report:
            continue
        if limit is not None:
            # The instant it enters the view (see the docstring).
            instant = (upper if certain else lower if floor is None
                       else max(lower, min(floor, upper)))
            if instant > limit:
                continue
        if number is None:
            retracted.add(report)
            continue
        numbers = included.get(report)
        if numbers is None:
            included[report] = {number: (mid, upper, lower)}
        else:
            numbers[number] = (mid, upper, lower)
    # One entry per revision whose claims share their publication, else per claim.
    entries: list[tuple[Any, ...]] = []
    for report, numbers in included.items():
        if report in retracted:
            continue
        current = max(numbers)
        claims = by_report[report].get(current)
        if not claims:
            continue
        if len(by_report[report]) > 1 and len(numbers) > 1:
            # The same claim in an earlier revision in view keeps that revision's
            # publication: the earliest order, the lowest revision on a tie.
            first: dict[tuple[Any, ...], tuple[int, int, int]] = {}
            for number in sorted(numbers):
                seen_order = numbers[number]
                for identity in map(_IDENTITY, by_report[report].get(number, ())):
                    seen = first.get(identity)
                    if seen is None or seen_order < seen:
                        first[identity] = seen_order
            entries.extend((first[_IDENTITY(part)], report, current, part[_INDEX], (part,))
                           for part in claims)
        else:
            entries.append((numbers[current], report, current, -1, claims))
    entries.sort(key=_PLACE)
    times: list[tuple[int, int, int]] = []
    parts: list[Sequence[Any]] = []
    for order, _, _, _, group in entries:
        times.extend([order] * len(group))
        parts.extend(group)
    return times, parts


def moment_summaries(policy: Policy, claims: MomentClaims
                     ) -> tuple[dict[str, tuple[Any, ...]], list[str]]:
    """Each field's belief summary under ``policy`` (one of the shipped policy
    classes, see :func:`~taji_events.incremental.has_incremental_form`) over
    the active ``claims`` of one moment (as :func:`moment_claims` gives them),
    and the fields a state of that moment has: the documented ones, then every
    other field with a claim, in the order of its first claim."""
    if not has_incremental_form(policy):
        raise ValueError(f"policy {policy!r} has no incremental form")
    rank_of = dict(policy.ranking).get
    opened = _OPEN
    times, parts = claims
    # Every field with a claim, in the order of its first claim.
    seen = dict.fromkeys(map(_FIELD_OF, parts))
    counts: dict[str, list[tuple[Any, ...]]] = {field: [] for field in seen}
    attributions: list[tuple[Any, ...]] = []
    for key, part in enumerate(parts):
        hedge = part[_HEDGE]
        stance = part[_STANCE]
        if stance is not None:
            attributions.append((key, rank_of(part[_KIND], 0), hedge, part[_ACTOR], stance))
            continue
        if part[_SCOPE] is not None or hedge == "denied":
            continue  # a subset, or denied by its speaker: set aside, contradicting nothing
        low, high, qualifier = part[_LOW], part[_HIGH], part[_QUALIFIER]
        breakdown = part[_BREAKDOWN]
        # The figure the count stands for, as claim_rows.count_best reads it.
        best = (low if qualifier in opened else part[_STATED] if qualifier != "fewer_than"
                else high if high is not None else low)
        counts[part[_FIELD]].append((
            key, times[key], rank_of(part[_KIND], 0), hedge,
            0 if low is None else low, _INF if high is None else high, best,
            () if breakdown is None else decode_breakdown(breakdown)))
    kind = shipped_kind(policy)
    summaries: dict[str, tuple[Any, ...]] = {}
    for field, found in counts.items():
        if not found:
            continue
        summaries[field] = _count_summary(kind, policy.uses_credibility, policy.marks_disputes,
                                          found)
    if attributions:
        summaries["attribution"] = _attribution_summary(kind, attributions)
    fields = [*DEFAULT_FIELDS, *(field for field in seen if field not in DEFAULT_FIELDS)]
    return {field: summaries.get(field) or unknown_summary(field) for field in fields}, fields


# -- counts --------------------------------------------------------------------------------------
# A count claim: (key, time, rank, hedge, low, high, best, breakdown); high is inf when open.
_KEY, _TIME, _RANK, _CHEDGE, _CLOW, _CHIGH, _BEST, _PARTS = range(8)


def _credible(claims: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The claims the credibility screen keeps: not an ``initial`` figure that a
    same-time or later claim contradicts, nor one that a later ``confirmed``
    claim of equal or higher rank contradicts (intervals that share no value).

    ``claims`` come in publication order, as :func:`moment_summaries` keeps
    them. One sweep from the latest publication time back, keeping the highest
    low and lowest high of every claim so far and, per rank threshold, of the
    confirmed claims strictly later."""
    hedges = {claim[_CHEDGE] for claim in claims}
    initial = "initial" in hedges
    if not initial and "confirmed" not in hedges:
        return claims
    thresholds = sorted({claim[_RANK] for claim in claims if claim[_CHEDGE] == "confirmed"})
    width = len(thresholds)
    # Each rank's first threshold at or above it: the confirmed bounds that judge it.
    slots = {rank: bisect.bisect_left(thresholds, rank)
             for rank in {claim[_RANK] for claim in claims}}
    confirmed_low, confirmed_high = [-_INF] * width, [_INF] * width
    live_low, live_high = -_INF, _INF
    dropped: set[int] = set()
    end = len(claims)
    while end:
        time = claims[end - 1][_TIME]
        start = end - 1
        while start and claims[start - 1][_TIME] == time:
            start -= 1
        group = claims[start:end] if end - start > 1 else (claims[start],)
        if initial:
            for claim in group:
                if claim[_CLOW] > live_low:
                    live_low = claim[_CLOW]
                if claim[_CHIGH] < live_high:
                    live_high = claim[_CHIGH]
        for claim in group:
            low, high = claim[_CLOW], claim[_CHIGH]
            if initial and claim[_CHEDGE] == "initial" and (live_low > high or live_high < low):
                dropped.add(claim[_KEY])
                continue
            which = slots[claim[_RANK]]
            if which < width and (confirmed_low[which] > high or confirmed_high[which] < low):
                dropped.add(claim[_KEY])
        for claim in group:
            if claim[_CHEDGE] == "confirmed":
                low, high = claim[_CLOW], claim[_CHIGH]
                for which in range(slots[claim[_RANK]] + 1):
                    if confirmed_low[which] < low:
                        confirmed_low[which] = low
                    if confirmed_high[which] > high:
                        confirmed_high[which] = high
        end = start
    return [claim for claim in claims if claim[_KEY] not in dropped] if dropped else claims


def _looser(later: tuple[Any, ...], current: tuple[Any, ...]) -> bool:
    """``later`` strictly contains ``current``: it only bounds it more loosely."""
    return (later[_CLOW] <= current[_CLOW] and later[_CHIGH] >= current[_CHIGH]
            and not (later[_CLOW] == current[_CLOW] and later[_CHIGH] == current[_CHIGH]))


def _latest(claims: Iterable[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The latest claim that is not merely a looser bound of the one chosen before it."""
    chosen: tuple[Any, ...] | None = None
    for claim in claims:
        if chosen is None or not _looser(claim, chosen):
            chosen = claim
    assert chosen is not None
    return chosen


def _spread(credible: Sequence[tuple[Any, ...]]) -> tuple[int, int | None]:
    opens = [claim[_CLOW] for claim in credible if claim[_CHIGH] == _INF]
    floor = max(opens) if opens else None
    closed = [claim[_BEST] for claim in credible if claim[_CHIGH] != _INF]
    if not closed:
        assert floor is not None
        return floor, None
    low, high = min(closed), max(closed)
    if floor is not None:
        if floor > high:
            return min(low, floor), floor
        low = max(low, floor)
    return low, high


def _contains(claim: tuple[Any, ...], number: int) -> bool:
    return bool(claim[_CLOW] <= number <= claim[_CHIGH])


def _count_summary(kind: str, screened: bool, disputes: bool,
                   claims: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    credible = _credible(claims) if screened else claims
    if not credible:
        return unknown_summary("")
    top = max(claim[_RANK] for claim in credible)
    folded = credible if kind == "latest" else [claim for claim in credible
                                                  if claim[_RANK] == top]
    if kind in ("latest", "authority"):
        chosen = _latest(folded)
        best, low = chosen[_BEST], chosen[_CLOW]
        high = None if chosen[_CHIGH] == _INF else chosen[_CHIGH]
    elif kind == "conservative":
        best, high = _spread(credible)
        low = best
        stating = [claim for claim in credible if claim[_BEST] == best]
        holding = stating or [claim for claim in credible if _contains(claim, best)] or credible
        chosen = max(holding, key=lambda claim: (claim[_RANK], claim[_KEY]))
    else:
        low, high = _spread(credible)
        chosen = _latest(folded)
        best = max(low, chosen[_BEST] if high is None else min(chosen[_BEST], high))
    status = "confirmed" if any(claim[_CHEDGE] == "confirmed" and _contains(claim, best)
                                for claim in credible) else "reported"
    if disputes:
        closed_highs = [claim[_CHIGH] for claim in credible if claim[_CHIGH] != _INF]
        if closed_highs and max(claim[_CLOW] for claim in credible) > min(closed_highs):
            status = "disputed"
    source: tuple[Any, ...] | None = chosen
    if not chosen[_PARTS]:
        fitting = [claim for claim in credible if claim[_PARTS] and _contains(claim, best)
                   and sum(number for _, number in claim[_PARTS]) <= best]
        source = max(fitting, key=lambda claim: (
            sum(number for _, number in claim[_PARTS]) == best, claim[_RANK], claim[_KEY]),
            default=None)
    breakdown = tuple(sorted(source[_PARTS])) if source is not None else ()
    return (status, low, best, high, breakdown)


# -- attribution ---------------------------------------------------------------------------------

def _attribution_summary(kind: str, claims: Sequence[tuple[Any, ...]]) -> tuple[Any, ...]:
    """``claims``: (key, rank, hedge, actor, stance) of every attribution claim."""
    pairs: dict[tuple[str, str], None] = {}
    claimed: dict[str, int] = {}
    denied: set[str] = set()
    confirmed: set[str] = set()
    no_claim = False
    chosen: tuple[Any, ...] | None = None
    chosen_order: tuple[int, ...] = ()
    for claim in claims:
        key, rank, hedge, actor, stance = claim
        if actor is None:
            no_claim = True
            continue
        pairs[(actor, stance)] = None
        if stance == "claimed":
            claimed[actor] = claimed.get(actor, 0) + 1
        elif stance == "denied":
            denied.add(actor)
        if stance in _ACCUSING:
            if hedge == "confirmed":
                confirmed.add(actor)
            if kind == "latest":
                order: tuple[int, ...] | None = (key,)
            elif kind == "conservative" and not (stance == "claimed" or hedge == "confirmed"):
                order = None
            else:
                order = (rank, key)
            if order is not None and (chosen is None or order > chosen_order):
                chosen, chosen_order = claim, order
    stances = tuple(sorted(pairs))
    any_claimed = bool(claimed)
    if chosen is None:
        return ("reported", None, None, any_claimed, stances, no_claim)
    leading, stance = chosen[3], chosen[4]
    if leading in denied or sum(claimed.values()) - claimed.get(leading, 0) > 0:
        status = "disputed"
    elif leading in confirmed:
        status = "confirmed"
    else:
        status = "reported"
    return (status, leading, stance, any_claimed, stances, no_claim)

