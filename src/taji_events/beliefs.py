"""Beliefs: what a policy concludes about one field, with its reasons.

Pure values. A :class:`Belief` (numeric fields) or :class:`AttributionBelief`
records the figure or the leading actor, a status (``unknown``, ``reported``,
``confirmed``, ``disputed``), the claims that support and contradict it, the
claims the policy set aside and why, and the rule that produced it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from taji_events.ledger import ActiveClaim

__all__ = ["STATUSES", "ActorView", "AttributionBelief", "Belief", "SetAside", "StanceView"]

STATUSES: Final = ("unknown", "reported", "confirmed", "disputed")


def _frozen_map(value: Mapping[str, int] | None) -> Mapping[str, int]:
    return MappingProxyType(dict(sorted((value or {}).items())))


@attrs.frozen
class SetAside:
    """A claim a policy did not count, and the reason in words."""

    claim: ActiveClaim
    reason: str


@attrs.frozen
class Belief:
    """The projected value of one numeric field.

    ``low``/``best``/``high`` are ``None`` while the field is unknown; once known,
    ``high=None`` means open-ended ("more than 15"). ``chosen`` is the claim the
    rule settled on; ``breakdown_from`` the claim the breakdown was taken from.

    Since 0.1.0.
    """

    field: str
    policy: str
    status: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    breakdown: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen_map)
    chosen: ActiveClaim | None = None
    breakdown_from: ActiveClaim | None = None
    supporting: tuple[ActiveClaim, ...] = ()
    contradicting: tuple[ActiveClaim, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    rule: str = ""

    @property
    def summary(self) -> tuple[Any, ...]:
        """What a timeline compares: a change here is a change of belief."""
        return (self.status, self.low, self.best, self.high, tuple(self.breakdown.items()))

    def describe(self) -> str:
        """One line: ``3 (3..3) confirmed [GB 1, US 2]``."""
        if self.best is None:
            return self.status
        high = "open" if self.high is None else str(self.high)
        text = f"{self.best} ({self.low}..{high}) {self.status}"
        if self.breakdown:
            text += " [" + ", ".join(f"{k} {v}" for k, v in self.breakdown.items()) + "]"
        return text


@attrs.frozen
class StanceView:
    """One stance towards one actor: who holds it and the claims that say so."""

    stance: str
    asserted_by: tuple[str, ...]
    claims: tuple[ActiveClaim, ...]


@attrs.frozen
class ActorView:
    """Every stance reported towards one actor."""

    actor: str
    stances: tuple[StanceView, ...]


@attrs.frozen
class AttributionBelief:
    """The projected attribution: the leading actor (if any) and every actor's stances.

    ``responsibility_claimed`` is True only when some actor *claimed* the attack;
    ``no_claim`` lists the "no group claimed responsibility" statements, which
    are kept beside suspicions, never counted against them.

    Since 0.1.0.
    """

    field: str
    policy: str
    status: str
    leading: str | None = None
    leading_stance: str | None = None
    responsibility_claimed: bool = False
    actors: tuple[ActorView, ...] = ()
    no_claim: tuple[ActiveClaim, ...] = ()
    chosen: ActiveClaim | None = None
    supporting: tuple[ActiveClaim, ...] = ()
    contradicting: tuple[ActiveClaim, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    rule: str = ""

    @property
    def summary(self) -> tuple[Any, ...]:
        stances = tuple((a.actor, s.stance) for a in self.actors for s in a.stances)
        return (self.status, self.leading, self.leading_stance, self.responsibility_claimed,
                stances, bool(self.no_claim))

    def describe(self) -> str:
        """One line, e.g. ``Militia X (suspected) reported; 2 actors; no claim of responsibility``."""
        if self.status == "unknown":
            return "unknown"
        head = f"{self.leading} ({self.leading_stance})" if self.leading else "no actor named"
        tail = "responsibility claimed" if self.responsibility_claimed else \
            "no claim of responsibility" if self.no_claim else "nobody has claimed it"
        count = len(self.actors)
        return f"{head} {self.status}; {count} actor{'s' if count != 1 else ''} named; {tail}"
