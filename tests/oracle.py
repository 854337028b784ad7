"""Reference computations the fast paths are held to (kept as they were first written).

* :func:`direct_timeline` — a timeline computed by evaluating the policy over every
  active claim at every publication moment: quadratic, and obviously right. The
  belief history (``taji_events.history``) must give the same entries.
"""

from __future__ import annotations

from datetime import datetime

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.ledger import Ledger
from taji_events.policies import Policy, get_policy
from taji_events.states import TimelineEntry, believe_field, state_from_ledger
from taji_events.timepoint import TimePoint

AnyBelief = Belief | AttributionBelief


def direct_timeline(ledger: Ledger, incident: str, *, policy: str | Policy = "authority",
                    mode: str = "certain", field: str | None = None) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    previous: dict[str, AnyBelief] = {}
    entered: dict[datetime, list[str]] = {}
    windows: dict[datetime, list[TimePoint]] = {}
    for moment, report_id, number in ledger.edges(incident, mode):
        entered.setdefault(moment, []).append(
            f"{report_id}@{number}" if number is not None else f"{report_id} retracted")
        windows.setdefault(moment, []).append(ledger.edge_point(report_id, number))
    chosen = get_policy(policy)
    for moment in sorted(entered):
        state = state_from_ledger(ledger, incident, policy=chosen, published_by=moment, mode=mode)
        refs = tuple(entered.get(moment, ()))
        beliefs = dict(state.beliefs)
        for name in sorted(previous.keys() - beliefs.keys()):  # its last claim was withdrawn
            beliefs[name] = believe_field(chosen, name, [])
        for name, belief in beliefs.items():
            if field is not None and name != field:
                continue
            old = previous.get(name) or believe_field(chosen, name, [])
            if old.summary != belief.summary:
                entries.append(TimelineEntry(at=moment, field=name, old=old, new=belief,
                                             changed_by=refs, published=tuple(windows[moment])))
            previous[name] = belief
    return entries
