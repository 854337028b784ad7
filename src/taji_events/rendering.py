"""A belief in words and as data: the one place that renders beliefs, for every view.

* :func:`belief_json` — a belief as a JSON-ready dict (documented in docs/cli.md);
  the CLI, :meth:`IncidentState.to_json <taji_events.states.IncidentState.to_json>`,
  timelines and the HTML report use it.
* :func:`claim_json` — one active claim as a dict.
* :func:`explain_text` — why a state believes what it does about a field.

Pure functions of values: no store, no file, no serialization library.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from taji_events._codec import unstructure_value
from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.model import Count
from taji_events.origins import describe_origins
from taji_events.timepoint import TimePoint, format_utc

__all__ = ["belief_json", "claim_json", "claim_line", "dated_text", "describe_time", "explain_text"]

AnyBelief = Belief | AttributionBelief


#: A year in a time's text: such a text already says which day it is.
_YEAR: Final = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _local_tz(point: TimePoint) -> tzinfo:
    """The zone ``point`` was stated in (an IANA name or an offset), else UTC."""
    if point.zone and point.zone_source != "widened":
        try:
            return ZoneInfo(point.zone)
        except (ZoneInfoNotFoundError, ValueError):
            try:
                offset = datetime.fromisoformat(f"2000-01-01T00:00{point.zone}").tzinfo
            except ValueError:
                offset = None
            if offset is not None:
                return offset
    return UTC


def dated_text(point: TimePoint) -> str:
    """The text ``point`` was read from, with the day it fell on in its own zone
    when the text names none: ``8:15pm EST`` alone does not say which evening,
    so it reads ``8:15pm EST on 2020-03-11``. A text with a year is unchanged.
    Since 0.3.0."""
    text = point.text or format_utc(point.lower)
    if _YEAR.search(text):
        return text
    return f"{text} on {point.lower.astimezone(_local_tz(point)).date().isoformat()}"


def describe_time(point: TimePoint) -> str:
    """A time as what it is: an instant in UTC, else the text it was read from
    (dated, when the text names no day: :func:`dated_text`) with its precision and
    zone (``2020-03-11 (day, zone unknown)``). Since 0.3.0."""
    if point.precision == "instant":
        return format_utc(point.lower)
    zone = ", zone unknown" if point.zone_source == "widened" \
        else f", {point.zone}" if point.zone else ""
    return f"{dated_text(point)} ({point.precision}{zone})"


def claim_json(item: ActiveClaim) -> dict[str, Any]:
    """One active claim as a JSON-ready dict. Since 0.3.0."""
    claim = item.claim
    return {
        "ref": item.ref,
        "source": item.source.name,
        "according_to": claim.according_to.name,
        "speaker_kind": claim.according_to.kind,
        "hedge": claim.hedge,
        "published_at": format_utc(item.first_published_at.lower),
        "published_text": item.first_published_at.text,
        "value": unstructure_value(claim.value),
        "quote": claim.evidence.quote if claim.evidence else None,
        "span": [claim.evidence.start, claim.evidence.end] if claim.evidence else None,
        "note": claim.note,
    }


def _ref(item: ActiveClaim) -> str:
    return item.ref


def belief_json(belief: AnyBelief, *, claim: Callable[[ActiveClaim], Any] = claim_json,
                ref: Callable[[ActiveClaim], Any] = _ref) -> dict[str, Any]:
    """A belief as a JSON-ready dict (documented in docs/cli.md). Since 0.1.0.

    ``claim`` renders the supporting, contradicting and no-claim claims (default:
    a dict of the claim), ``ref`` names claims elsewhere (default: their
    ``report@revision#index``); the HTML report passes its own short names.
    """
    common = {
        "field": belief.field,
        "policy": belief.policy,
        "status": belief.status,
        "rule": belief.rule,
        "chosen": ref(belief.chosen) if belief.chosen else None,
        "supporting": [claim(item) for item in belief.supporting],
        "contradicting": [claim(item) for item in belief.contradicting],
        "set_aside": [{"ref": ref(s.claim), "reason": s.reason} for s in belief.set_aside],
    }
    if isinstance(belief, Belief):
        return {"kind": "count", "low": belief.low, "best": belief.best, "high": belief.high,
                "breakdown": dict(belief.breakdown), **common}
    return {
        "kind": "attribution",
        "leading": belief.leading,
        "leading_stance": belief.leading_stance,
        "responsibility_claimed": belief.responsibility_claimed,
        "no_claim": [claim(item) for item in belief.no_claim],
        "actors": [
            {"actor": actor.actor,
             "stances": [{"stance": s.stance, "asserted_by": list(s.asserted_by),
                          "claims": [ref(c) for c in s.claims]} for s in actor.stances]}
            for actor in belief.actors
        ],
        **common,
    }


def claim_line(item: ActiveClaim) -> str:
    """One claim in words: value, speaker, hedge, source, reference and evidence."""
    claim = item.claim
    value = claim.value
    if isinstance(value, Count):
        high = "open" if value.high is None else value.high
        said = f"{value.qualifier} {value.stated} ({value.low}..{high})"
        if value.breakdown:
            said += " [" + ", ".join(f"{k} {v}" for k, v in value.breakdown.items()) + "]"
        if value.lexicon:
            said += f", lexicon entry {value.lexicon!r}"
    else:
        said = f"{value.actor or 'no group'}: {value.stance}" + (
            f" (held by {value.asserted_by})" if value.asserted_by else "")
    first = dated_text(item.first_published_at)
    return (f"  - {said} — {claim.according_to.name} [{claim.according_to.kind}, {claim.hedge}] "
            f"in {item.source.name} ({item.ref}, first published {first}): "
            + (f"\"{claim.evidence.quote}\" [{claim.evidence.start}:{claim.evidence.end}]"
               if claim.evidence else f"no text span; {claim.note}"))


def explain_text(incident: str, view: str, belief: AnyBelief) -> str:
    """Why ``belief`` is what it is, in words: the rule, the chosen claim, the
    lexicon entry of each figure, the supporting and contradicting claims, any set
    aside, and the independent origins of the supporting claims. ``view`` names
    the view (``believed at ...``, ``known at seq N``)."""
    lines = [f"{incident} · {belief.field} = {belief.describe()} · policy {belief.policy} · {view}",
             f"rule: {belief.rule}"]
    if isinstance(belief, Belief) and belief.breakdown_from is not None:
        lines.append(f"breakdown from {belief.breakdown_from.ref}")
    if isinstance(belief, AttributionBelief):
        for actor in belief.actors:
            for stance in actor.stances:
                lines.append(f"actor {actor.actor}: {stance.stance} by "
                             f"{', '.join(stance.asserted_by)} ({len(stance.claims)} claim(s))")
        if belief.no_claim:
            lines.append(f"no group has claimed responsibility, say {len(belief.no_claim)} "
                         "claim(s) (kept apart: not evidence against any suspect):")
            lines.extend(claim_line(item) for item in belief.no_claim)
    for title, items in (("supporting", belief.supporting),
                         ("contradicting", belief.contradicting)):
        lines.append(f"{title} ({len(items)}):")
        lines.extend(claim_line(item) for item in items)
    if belief.set_aside:
        lines.append(f"set aside ({len(belief.set_aside)}):")
        lines.extend(f"{claim_line(s.claim)}\n      because {s.reason}" for s in belief.set_aside)
    lines.extend(describe_origins(belief.supporting))
    return "\n".join(lines)
