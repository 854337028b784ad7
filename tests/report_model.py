"""What the report page shows at a position, derived from its embedded data by the
rules docs/report.md states (the page's script applies the same rules)."""

from __future__ import annotations

import bisect
from typing import Any

from taji_events.beliefs import Belief
from taji_events.report import claim_records

ACCUSING = ("claimed", "accused", "suspected")


def _at(changes: dict[str, list[Any]], position: int, key: str) -> Any:
    return changes[key][bisect.bisect_right(changes["at"], position) - 1]


def active(claim: dict[str, Any], position: int) -> bool:
    return any(start <= position and (end is None or position < end)
               for start, end in claim["runs"])


def shown(data: dict[str, Any], policy: str, position: int) -> dict[str, dict[str, Any]]:
    """Field -> the belief the page shows at ``position`` under ``policy``."""
    claims = claim_records(data)
    aside: dict[int, str] = {}
    for number, start, end, reason in data["set_aside"][policy]:
        if start <= position and (end is None or position < end):
            aside[number] = data["reasons"][reason]
    beliefs: dict[str, dict[str, Any]] = {}
    for field in data["fields"]:
        name = field["name"]
        here = [claim for claim in claims if claim["field"] == name and active(claim, position)]
        if not here and not field["always"]:
            continue
        figures = _at(data["beliefs"][policy][name], position, "v")
        chosen = _at(data["chosen"][policy][name], position, "id") \
            if name in data["chosen"][policy] else None
        belief: dict[str, Any] = {"status": figures[0], "describe": figures[-1], "chosen": chosen,
                                  "set_aside": sorted({c["id"] for c in here if c["id"] in aside})}
        if field["kind"] == "count":
            belief.update(low=figures[1], best=figures[2], high=figures[3], breakdown=figures[4])
            whole = [c for c in here if c["scope"] is None]
            best = figures[2]
            if best is None:
                supporting, contradicting = [], whole
            else:
                holding = [c for c in whole if (c["low"] <= best and (c["high"] is None or best <= c["high"]))
                           != (c["hedge"] == "denied")]
                supporting = holding
                contradicting = [c for c in whole if c not in holding]
        else:
            leading = figures[1]
            belief.update(leading=leading, leading_stance=figures[2],
                          responsibility_claimed=figures[3],
                          no_claim=sorted({c["id"] for c in here if c["actor"] is None})
                          if figures[0] != "unknown" else [])
            if leading is None:
                supporting, contradicting = [], []
            else:
                supporting = [c for c in here if c["stance"] in ACCUSING and c["actor"] == leading]
                contradicting = [c for c in here if (c["actor"] == leading and c["stance"] == "denied")
                                 or (c["stance"] == "claimed" and c["actor"] != leading)]
        belief["supporting"] = sorted({c["id"] for c in supporting})
        belief["contradicting"] = sorted({c["id"] for c in contradicting})
        beliefs[name] = belief
    return beliefs




def library(data: dict[str, Any], state: Any) -> dict[str, dict[str, Any]]:
    """The same view of a library state (``believed_at``), claims named by their
    number in the report (identical claims of one report are one entry there)."""
    number = {ref: claim["id"] for claim in claim_records(data) for ref in claim["refs"]}
    beliefs: dict[str, dict[str, Any]] = {}
    for field, belief in state.beliefs.items():
        row: dict[str, Any] = {
            "status": belief.status, "describe": belief.describe(),
            "chosen": number[belief.chosen.ref] if belief.chosen else None,
            "set_aside": sorted({number[entry.claim.ref] for entry in belief.set_aside}),
            "supporting": sorted({number[item.ref] for item in belief.supporting}),
            "contradicting": sorted({number[item.ref] for item in belief.contradicting})}
        if isinstance(belief, Belief):
            row.update(low=belief.low, best=belief.best, high=belief.high,
                       breakdown=dict(belief.breakdown))
        else:
            row.update(leading=belief.leading, leading_stance=belief.leading_stance,
                       responsibility_claimed=belief.responsibility_claimed,
                       no_claim=sorted({number[item.ref] for item in belief.no_claim}))
        beliefs[field] = row
    return beliefs
