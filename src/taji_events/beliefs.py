"""Beliefs: what a policy concludes about one field, with its reasons.

Pure values. A :class:`Belief` (numeric fields) or :class:`AttributionBelief`
records the figure or the leading actor, a status (``unknown``, ``reported``,
``confirmed``, ``disputed``), the claims that support and contradict it, the
claims the policy set aside and why, and the rule that produced it.

A belief history (:mod:`taji_events.history`) knows each moment's figures
without listing the claims behind them; its beliefs are *deferred*: the
figures are there at once, and the reasons (chosen, supporting, contradicting
and set-aside claims, the rule) are worked out the first time someone reads
them, by the same direct computation a replay does. A deferred belief equals
the eager one in every respect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Final, TypeVar

import attrs

from taji_events.active_claims import ActiveClaim

__all__ = ["STATUSES", "ActorView", "AttributionBelief", "Belief", "SetAside", "StanceView"]

STATUSES: Final = ("unknown", "reported", "confirmed", "disputed")


def _frozen_map(value: Mapping[str, int] | None) -> Mapping[str, int]:
    return MappingProxyType(dict(sorted((value or {}).items())))


_B = TypeVar("_B", "Belief", "AttributionBelief")


def _resolved(belief: _B) -> _B:
    """Fill a deferred belief's reasons from its eager twin (once), and return it."""
    details = belief._details
    if details is not None:
        full = details()
        for name in belief._deferred:
            object.__setattr__(belief, name, getattr(full, name))
        object.__setattr__(belief, "_details", None)
    return belief


def _same(one: _B, other: _B) -> bool:
    """Equal beliefs: the same figures, and the same reasons once both are read."""
    return one.field == other.field and one.policy == other.policy and \
        one.summary == other.summary and all(
            getattr(_resolved(one), name) == getattr(_resolved(other), name)
            for name in one._deferred)


def _reasons(name: str) -> Any:
    def read(self: Any) -> Any:
        return getattr(_resolved(self), name)
    return property(read)


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
    _chosen: ActiveClaim | None = attrs.field(default=None, alias="chosen", repr=False)
    _breakdown_from: ActiveClaim | None = attrs.field(default=None, alias="breakdown_from",
                                                      repr=False)
    _supporting: tuple[ActiveClaim, ...] = attrs.field(default=(), alias="supporting", repr=False)
    _contradicting: tuple[ActiveClaim, ...] = attrs.field(default=(), alias="contradicting",
                                                          repr=False)
    _set_aside: tuple[SetAside, ...] = attrs.field(default=(), alias="set_aside", repr=False)
    _rule: str = attrs.field(default="", alias="rule", repr=False)
    #: Gives the eager belief the reasons are read from, for a deferred belief.
    _details: Callable[[], Belief] | None = attrs.field(default=None, alias="details",
                                                       repr=False, eq=False)
    _deferred: ClassVar[tuple[str, ...]] = ("_chosen", "_breakdown_from", "_supporting", "_contradicting",
                        "_set_aside", "_rule")

    chosen = _reasons("_chosen")
    breakdown_from = _reasons("_breakdown_from")
    supporting = _reasons("_supporting")
    contradicting = _reasons("_contradicting")
    set_aside = _reasons("_set_aside")
    rule = _reasons("_rule")

    def __eq__(self, other: object) -> bool:
        return _same(self, other) if isinstance(other, Belief) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Belief(field={self.field!r}, policy={self.policy!r}, status={self.status!r}, "
                f"low={self.low!r}, best={self.best!r}, high={self.high!r}, "
                f"breakdown={dict(self.breakdown)!r}, rule={self.rule!r})")

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
    _actors: tuple[ActorView, ...] = attrs.field(default=(), alias="actors", repr=False)
    _no_claim: tuple[ActiveClaim, ...] = attrs.field(default=(), alias="no_claim", repr=False)
    _chosen: ActiveClaim | None = attrs.field(default=None, alias="chosen", repr=False)
    _supporting: tuple[ActiveClaim, ...] = attrs.field(default=(), alias="supporting", repr=False)
    _contradicting: tuple[ActiveClaim, ...] = attrs.field(default=(), alias="contradicting",
                                                          repr=False)
    _set_aside: tuple[SetAside, ...] = attrs.field(default=(), alias="set_aside", repr=False)
    _rule: str = attrs.field(default="", alias="rule", repr=False)
    #: For a deferred belief: its (actor, stance) pairs and whether anyone says that
    #: no group claimed it, known without the claims.
    _stance_pairs: tuple[tuple[str, str], ...] | None = attrs.field(
        default=None, alias="stance_pairs", repr=False, eq=False)
    _any_no_claim: bool | None = attrs.field(default=None, alias="any_no_claim", repr=False,
                                             eq=False)
    _details: Callable[[], AttributionBelief] | None = attrs.field(
        default=None, alias="details", repr=False, eq=False)
    _deferred: ClassVar[tuple[str, ...]] = ("_actors", "_no_claim", "_chosen", "_supporting",
                                            "_contradicting", "_set_aside", "_rule")

    actors = _reasons("_actors")
    no_claim = _reasons("_no_claim")
    chosen = _reasons("_chosen")
    supporting = _reasons("_supporting")
    contradicting = _reasons("_contradicting")
    set_aside = _reasons("_set_aside")
    rule = _reasons("_rule")

    def __eq__(self, other: object) -> bool:
        return _same(self, other) if isinstance(other, AttributionBelief) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"AttributionBelief(field={self.field!r}, policy={self.policy!r}, "
                f"status={self.status!r}, leading={self.leading!r}, "
                f"leading_stance={self.leading_stance!r}, "
                f"responsibility_claimed={self.responsibility_claimed!r}, rule={self.rule!r})")

    @property
    def stance_pairs(self) -> tuple[tuple[str, str], ...]:
        """Every (actor, stance) reported, sorted."""
        if self._stance_pairs is not None:
            return self._stance_pairs
        return tuple((a.actor, s.stance) for a in self.actors for s in a.stances)

    @property
    def any_no_claim(self) -> bool:
        """Whether some claim says that no group claimed responsibility."""
        return bool(self.no_claim) if self._any_no_claim is None else self._any_no_claim

    @property
    def summary(self) -> tuple[Any, ...]:
        return (self.status, self.leading, self.leading_stance, self.responsibility_claimed,
                self.stance_pairs, self.any_no_claim)

    def describe(self) -> str:
        """One line, e.g. ``Militia X (suspected) reported; 2 actors; no claim of responsibility``."""
        if self.status == "unknown":
            return "unknown"
        head = f"{self.leading} ({self.leading_stance})" if self.leading else "no actor named"
        tail = "responsibility claimed" if self.responsibility_claimed else \
            "no claim of responsibility" if self.no_claim else "nobody has claimed it"
        count = len(self.actors)
        return f"{head} {self.status}; {count} actor{'s' if count != 1 else ''} named; {tail}"
