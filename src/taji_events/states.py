"""The states of the projection: what one view of the log believes about an
incident, and how a timeline records a change. Pure values and the pure fold.

* :class:`IncidentState` — the beliefs about one incident from one view.
* :class:`TimelineEntry` — a change of one field's belief at a publication moment.
* :class:`Timeline` — the changes of a history, in order: a list with a data frame.
* :func:`state_from_ledger` — the direct computation: a ledger's view of an
  incident through a policy. Every replay is this, or a belief history
  (:mod:`taji_events.history`) that the tests hold equal to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

import attrs

from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.columns import (
    STATE_COLUMNS,
    TIMELINE_COLUMNS,
    VIEW_CLAIM_COLUMNS,
    claim_row,
    data_frame,
    state_rows,
    timeline_row,
)
from taji_events.errors import UnknownFieldError
from taji_events.events import IncidentDeclared
from taji_events.ledger import Ledger
from taji_events.model import KNOWN_FIELDS
from taji_events.policies import Policy, get_policy
from taji_events.records import state_records
from taji_events.rendering import belief_json
from taji_events.timepoint import TimePoint, format_utc

__all__ = ["DEFAULT_FIELDS", "IncidentState", "Timeline", "TimelineEntry", "believe_field",
           "state_from_ledger"]

AnyBelief = Belief | AttributionBelief
#: The fields every state has a belief about, known or not.
DEFAULT_FIELDS: Final = tuple(KNOWN_FIELDS)


def _frozen(value: Mapping[str, AnyBelief]) -> Mapping[str, AnyBelief]:
    return MappingProxyType(dict(value))


@attrs.frozen(eq=False)
class IncidentState:
    """The beliefs about one incident from one view of the log.

    ``axis`` is ``"believed"`` (publication time ``at`` with ``mode``) or
    ``"known"`` (record time ``at`` or ``seq``); ``basis_seq`` is the last
    ``seq`` folded. ``beliefs`` holds the five documented fields (``unknown``
    when nothing is claimed) and every other field a claim names; ``claims``
    the active claims of the view, in publication order.

    Since 0.1.0.
    """

    incident: str
    policy: str
    axis: str
    at: datetime | None
    mode: str | None
    basis_seq: int
    declaration: IncidentDeclared | None
    _claims: tuple[ActiveClaim, ...] | None = attrs.field(alias="claims", repr=False)
    beliefs: Mapping[str, AnyBelief] = attrs.field(converter=_frozen)
    #: For a state from a belief history: gives the active claims when first read.
    _details: Callable[[], tuple[ActiveClaim, ...]] | None = attrs.field(
        default=None, alias="details", repr=False)

    @property
    def claims(self) -> tuple[ActiveClaim, ...]:
        """The active claims of the view, in publication order."""
        if self._claims is None:
            assert self._details is not None
            object.__setattr__(self, "_claims", tuple(self._details()))
            object.__setattr__(self, "_details", None)
        assert self._claims is not None
        return self._claims

    def evolve(self, **changes: Any) -> IncidentState:
        """A copy with ``changes`` (``at``, ``basis_seq``, ...), sharing the claims."""
        if "claims" not in changes and self._claims is None:
            changes["details"] = lambda: self.claims
        return attrs.evolve(self, **changes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IncidentState):
            return NotImplemented
        return (self.incident, self.policy, self.axis, self.at, self.mode, self.basis_seq,
                self.declaration, dict(self.beliefs)) == (
            other.incident, other.policy, other.axis, other.at, other.mode, other.basis_seq,
            other.declaration, dict(other.beliefs)) and self.claims == other.claims

    __hash__ = None  # type: ignore[assignment]

    def __getitem__(self, field: str) -> AnyBelief:
        try:
            return self.beliefs[field]
        except KeyError:
            raise UnknownFieldError(f"no belief about field {field!r}; fields: "
                                    f"{', '.join(self.beliefs)}") from None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; its shape is documented in docs/cli.md and stable."""
        return {
            "incident": self.incident,
            "policy": self.policy,
            "axis": self.axis,
            "at": format_utc(self.at) if self.at else None,
            "mode": self.mode,
            "basis_seq": self.basis_seq,
            "beliefs": {field: belief_json(belief) for field, belief in self.beliefs.items()},
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per field, same keys in each, for ``pandas.DataFrame``;
        see :func:`taji_events.records.state_records`. Since 0.2.0."""
        return state_records(self)

    def to_frame(self) -> Any:
        """One row per field as a ``pandas.DataFrame`` (pandas is optional), with
        typed columns (:data:`~taji_events.columns.STATE_COLUMNS`): figures
        nullable ``Int64``, ``at`` a UTC timestamp. Since 0.3.0."""
        return data_frame(state_rows(self), STATE_COLUMNS)

    def claims_frame(self) -> Any:
        """The active claims of the view as a ``pandas.DataFrame``, one row per
        claim in publication order: the claims table's columns without
        ``recorded_at`` and ``seq``, which only the store knows
        (:data:`~taji_events.columns.VIEW_CLAIM_COLUMNS`; ``status`` is
        ``active``, ``as_of`` the state's ``at``). For withdrawn claims and record
        times, use :func:`~taji_events.claims_table.claim_rows`. Since 0.3.0."""
        return data_frame([claim_row(item, "active", self.at) for item in self.claims],
                          VIEW_CLAIM_COLUMNS)


@attrs.frozen
class TimelineEntry:
    """A change of one field's belief at publication time ``at``, and what changed it.

    ``old`` is the belief just before (status ``unknown`` before the first claim).
    """

    at: datetime
    field: str
    old: AnyBelief
    new: AnyBelief
    changed_by: tuple[str, ...]
    #: The publication window of each revision or retraction in ``changed_by``
    #: (a retraction's ``at``), in the same order.
    published: tuple[TimePoint, ...] = ()

    @property
    def possible_from(self) -> datetime:
        """When the change became possible: the earliest instant at which what
        changed it may have been published (``at`` when nothing says otherwise)."""
        return min((point.lower for point in self.published), default=self.at)

    @property
    def certain_by(self) -> datetime:
        """When the change became certain: the instant by which what changed it
        had surely been published."""
        return max((point.upper for point in self.published), default=self.at)

    def to_json(self) -> dict[str, Any]:
        return {"at": format_utc(self.at), "field": self.field,
                "old": self.old.describe(), "new": self.new.describe(),
                "changed_by": list(self.changed_by),
                "published": [point.text or format_utc(point.lower) for point in self.published],
                "possible_from": format_utc(self.possible_from),
                "certain_by": format_utc(self.certain_by),
                "belief": belief_json(self.new)}


class Timeline(list[TimelineEntry]):
    """The changes of a belief history, in order (what
    :func:`~taji_events.replay.timeline` returns): a ``list`` of
    :class:`TimelineEntry` that also gives a data frame. Since 0.3.0."""

    def to_frame(self) -> Any:
        """One row per change as a ``pandas.DataFrame`` (pandas is optional), with
        typed columns (:data:`~taji_events.columns.TIMELINE_COLUMNS`): ``at``,
        ``possible_from`` and ``certain_by`` UTC timestamps, figures nullable
        ``Int64``, ``changed_by`` the report revisions joined by ``"; "``."""
        return data_frame([timeline_row(entry) for entry in self], TIMELINE_COLUMNS)


def believe_field(policy: Policy, field: str, claims: Sequence[ActiveClaim]) -> AnyBelief:
    """``policy``'s belief about ``field`` from its active claims (in publication
    order); with none, ``unknown`` of the field's kind."""
    if not claims and field == "attribution":
        return AttributionBelief(field=field, policy=policy.name, status="unknown",
                                 rule="no active claim about this field")
    return policy.believe(field, claims)


def state_from_ledger(
    ledger: Ledger,
    incident: str,
    *,
    policy: str | Policy = "authority",
    published_by: datetime | None = None,
    mode: str = "certain",
    axis: str = "believed",
) -> IncidentState:
    """Pure core of every replay: the ledger's view of ``incident`` through ``policy``,
    computed directly from the active claims.

    Since 0.1.0.
    """
    chosen = get_policy(policy)
    claims = ledger.active_claims(incident, published_by=published_by, mode=mode)
    by_field: dict[str, list[ActiveClaim]] = {field: [] for field in DEFAULT_FIELDS}
    for item in claims:
        by_field.setdefault(item.claim.field, []).append(item)
    beliefs = {field: believe_field(chosen, field, items) for field, items in by_field.items()}
    return IncidentState(
        incident=incident, policy=chosen.name, axis=axis,
        at=published_by, mode=mode if axis == "believed" else None,
        basis_seq=ledger.last_seq, declaration=ledger.declaration(incident),
        claims=tuple(claims), beliefs=beliefs,
    )
