"""Flat records of an incident state: one plain dict per field, for data frames.

:func:`state_records` (also :meth:`IncidentState.to_records`) turns the
beliefs of an :class:`~taji_events.replay.IncidentState` into a list of flat
dicts with the same keys (:data:`RECORD_KEYS`, in that order) in every record
and only ``str``, ``int``, ``bool`` or ``None`` values, so that
``pandas.DataFrame(state.to_records())`` or ``csv.DictWriter`` take them as they
are. Keys that do not apply to a record's kind are ``None`` (``low`` of an
attribution, ``leading`` of a count). See docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.origins import independent_origins
from taji_events.timepoint import format_utc

if TYPE_CHECKING:
    from taji_events.states import IncidentState

__all__ = ["RECORD_KEYS", "format_breakdown", "state_records"]

#: The keys of every record, in order.
RECORD_KEYS: Final = (
    "incident", "field", "kind", "policy", "axis", "at", "mode", "basis_seq",
    "status", "low", "best", "high", "high_open", "breakdown",
    "leading", "leading_stance", "responsibility_claimed", "actors",
    "n_supporting", "n_origins", "n_contradicting", "n_set_aside", "chosen", "rule",
)


def format_breakdown(breakdown: Mapping[str, int]) -> str:
    """A breakdown as one string, groups sorted: ``"GB=1; US=2"`` (``""`` when empty).

    Since 0.2.0.
    """
    return "; ".join(f"{group}={number}" for group, number in sorted(breakdown.items()))


def _belief_record(belief: Belief | AttributionBelief) -> dict[str, Any]:
    if isinstance(belief, Belief):
        known = belief.best is not None
        return {
            "kind": "count", "low": belief.low, "best": belief.best, "high": belief.high,
            "high_open": known and belief.high is None,
            "breakdown": format_breakdown(belief.breakdown),
            "leading": None, "leading_stance": None, "responsibility_claimed": None,
            "actors": None,
        }
    return {
        "kind": "attribution", "low": None, "best": None, "high": None, "high_open": None,
        "breakdown": None, "leading": belief.leading, "leading_stance": belief.leading_stance,
        "responsibility_claimed": belief.responsibility_claimed,
        "actors": "; ".join(f"{actor.actor} ({', '.join(s.stance for s in actor.stances)})"
                            for actor in belief.actors),
    }


def state_records(state: IncidentState) -> list[dict[str, Any]]:
    """One flat record per field of ``state``, in the order of ``state.beliefs``.

    Every record has the keys of :data:`RECORD_KEYS`, in that order; values are
    ``str``, ``int``, ``bool`` or ``None`` only. ``at`` is the view's time as a
    UTC ISO 8601 string (``None`` for a ``known`` view cut by ``seq`` or not at
    all); ``high`` is ``None`` both when unknown and when open-ended, and
    ``high_open`` tells them apart; ``n_origins`` is how many independent
    origins the supporting claims come from (:mod:`taji_events.origins`).
    Since 0.2.0.
    """
    at = format_utc(state.at) if state.at is not None else None
    records: list[dict[str, Any]] = []
    for field, belief in state.beliefs.items():
        record: dict[str, Any] = {
            "incident": state.incident, "field": field, "policy": belief.policy,
            "axis": state.axis, "at": at, "mode": state.mode, "basis_seq": state.basis_seq,
            "status": belief.status,
            "n_supporting": len(belief.supporting),
            "n_origins": independent_origins(belief.supporting).count,
            "n_contradicting": len(belief.contradicting),
            "n_set_aside": len(belief.set_aside),
            "chosen": belief.chosen.ref if belief.chosen is not None else None,
            "rule": belief.rule,
            **_belief_record(belief),
        }
        records.append({key: record[key] for key in RECORD_KEYS})
    return records
