"""Deliberately broken code that the public contracts must catch, with the message a
user needs: a policy that reports figures outside its own range, a policy that leaves
the claim it chose unlisted, a store whose appends are not all or nothing, and a
store that ignores the clock it is given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.events import Event
from taji_events.memory import MemoryStore
from taji_events.model import Count
from taji_events.policies import AuthorityPolicy, Policy
from taji_events.store import AppendResult, Clock, system_clock


def _count(item: ActiveClaim) -> Count:
    value = item.claim.value
    assert isinstance(value, Count)
    return value


class OutOfRangePolicy(Policy):
    """Reports the latest figure with a range that stops one below it."""

    name = "out-of-range"

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        chosen = max(credible, key=lambda item: item.sort_key)
        value = _count(chosen)
        return chosen, value.best, value.low, value.best - 1, "the latest figure, off by one"


class UnlistedChoicePolicy(AuthorityPolicy):
    """The authority policy, but it leaves the claim it chose out of the supporting
    ones, so explain would never show it."""

    name = "unlisted-choice"

    def believe(self, field: str, claims: Sequence[ActiveClaim]) -> Belief | AttributionBelief:
        belief = super().believe(field, claims)
        if isinstance(belief, Belief) and belief.chosen is not None:
            return attrs.evolve(belief, supporting=tuple(
                item for item in belief.supporting if item is not belief.chosen))
        return belief


class OneAtATimeStore(MemoryStore):
    """Appends a batch event by event, so a refused event leaves the ones before it."""

    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        batch = list(events) if isinstance(events, list | tuple) else events
        if not isinstance(batch, list | tuple):
            return super().append(batch, expected_seq=expected_seq)
        recorded = []
        last = self.last_seq()
        for event in batch:
            result = super().append([event], expected_seq=expected_seq)
            expected_seq = None
            recorded.extend(result.recorded)
            last = result.last_seq
        return AppendResult(recorded=tuple(recorded), last_seq=last)


class OwnClockStore(MemoryStore):
    """Takes a clock but records every batch at the system clock's time."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(system_clock)
