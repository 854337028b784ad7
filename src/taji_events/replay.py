"""Replay: what was believed at a publication time, what was known at a record time,
how beliefs changed, and why.

* :func:`believed_at` — publication axis: every report published by ``at``
  (``mode="certain"``: its whole publication window has passed;
  ``"possible"``: it may have been published), using everything recorded so far
  or up to ``basis_seq``. Late arrivals slot into their publication place.
* :func:`known_at` — record axis: only what had been recorded by ``at``
  (``recorded_at``) or by ``seq``. Appending never changes a past answer.
* :func:`timeline` — each moment a field's belief changed, and what changed it.
* :func:`explain` — a belief in words: claims, rule, lexicon entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

import attrs

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.errors import InvalidQueryError, UnknownIncidentError
from taji_events.events import IncidentDeclared
from taji_events.ledger import MODES, ActiveClaim, Ledger
from taji_events.model import KNOWN_FIELDS, Count
from taji_events.policies import Policy, get_policy
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint, coerce_time, format_utc

__all__ = [
    "IncidentState",
    "TimelineEntry",
    "believed_at",
    "check_mode",
    "check_seq",
    "explain",
    "final_states",
    "known_at",
    "ledger_for",
    "state_from_ledger",
    "timeline",
    "unknown_incident",
]

AnyBelief = Belief | AttributionBelief
_DEFAULT_FIELDS: Final = tuple(KNOWN_FIELDS)


def _frozen(value: Mapping[str, AnyBelief]) -> Mapping[str, AnyBelief]:
    return MappingProxyType(dict(value))


@attrs.frozen
class IncidentState:
    """The beliefs about one incident from one view of the log.

    ``axis`` is ``"believed"`` (publication time ``at`` with ``mode``) or
    ``"known"`` (record time ``at`` or ``seq``); ``basis_seq`` is the last
    ``seq`` folded. ``beliefs`` holds the five documented fields (``unknown``
    when nothing is claimed) and every other field a claim names.

    Since 0.1.0.
    """

    incident: str
    policy: str
    axis: str
    at: datetime | None
    mode: str | None
    basis_seq: int
    declaration: IncidentDeclared | None
    claims: tuple[ActiveClaim, ...]
    beliefs: Mapping[str, AnyBelief] = attrs.field(converter=_frozen)

    def __getitem__(self, field: str) -> AnyBelief:
        try:
            return self.beliefs[field]
        except KeyError:
            raise KeyError(f"no belief about field {field!r}; fields: "
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
        from taji_events.records import state_records

        return state_records(self)


def _claim_json(item: ActiveClaim) -> dict[str, Any]:
    from taji_events.serialization import converter

    claim = item.claim
    return {
        "ref": item.ref,
        "source": item.source.name,
        "according_to": claim.according_to.name,
        "speaker_kind": claim.according_to.kind,
        "hedge": claim.hedge,
        "published_at": format_utc(item.first_published_at.lower),
        "published_text": item.first_published_at.text,
        "value": converter.unstructure(claim.value),
        "quote": claim.evidence.quote if claim.evidence else None,
        "span": [claim.evidence.start, claim.evidence.end] if claim.evidence else None,
        "note": claim.note,
    }


def _ref(item: ActiveClaim) -> str:
    return item.ref


def belief_json(belief: AnyBelief, *, claim: Callable[[ActiveClaim], Any] = _claim_json,
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


def state_from_ledger(
    ledger: Ledger,
    incident: str,
    *,
    policy: str | Policy = "authority",
    published_by: datetime | None = None,
    mode: str = "certain",
    axis: str = "believed",
) -> IncidentState:
    """Pure core of every replay: the ledger's view of ``incident`` through ``policy``.

    Since 0.1.0.
    """
    chosen = get_policy(policy)
    claims = ledger.active_claims(incident, published_by=published_by, mode=mode)
    by_field: dict[str, list[ActiveClaim]] = {field: [] for field in _DEFAULT_FIELDS}
    for item in claims:
        by_field.setdefault(item.claim.field, []).append(item)
    beliefs = {field: _believe(chosen, field, items) for field, items in by_field.items()}
    return IncidentState(
        incident=incident, policy=chosen.name, axis=axis,
        at=published_by, mode=mode if axis == "believed" else None,
        basis_seq=ledger.last_seq, declaration=ledger.declaration(incident),
        claims=tuple(claims), beliefs=beliefs,
    )


def _believe(policy: Policy, field: str, items: list[ActiveClaim]) -> AnyBelief:
    if not items and field == "attribution":
        return AttributionBelief(field=field, policy=policy.name, status="unknown",
                                 rule="no active claim about this field")
    return policy.believe(field, items)


def check_mode(mode: str) -> None:
    """Raise :class:`InvalidQueryError` unless ``mode`` is one of :data:`MODES`. Since 0.2.0."""
    if mode not in MODES:
        raise InvalidQueryError(f"mode {mode!r} is not one of {', '.join(MODES)}; 'certain' counts "
                                "a report once its whole publication window has passed, "
                                "'possible' as soon as it may have been published")


def check_seq(seq: int | None, *, name: str = "seq") -> None:
    """Raise :class:`InvalidQueryError` unless ``seq`` is None or a whole number.
    Since 0.2.0."""
    if seq is not None and (isinstance(seq, bool) or not isinstance(seq, int)):
        raise InvalidQueryError(f"{name} must be a whole number (a log position such as "
                                f"store.last_seq()) or None, got {seq!r}")


def unknown_incident(store: EventStore, incident: str, *, in_view: bool) -> UnknownIncidentError:
    """The error for an incident with no events (``in_view``: within a seq or
    record-time bound), naming the incidents the store knows. Since 0.2.0."""
    view = " in this view of the log" if in_view else ""
    names = store.incidents()
    known = ", ".join(names[:10]) + (f", ... ({len(names)} in all)" if len(names) > 10 else "") \
        if names else "none: ingest some events first"
    return UnknownIncidentError(f"incident {incident!r} has no events{view}; known incidents: {known}")


def final_states(store: EventStore, *, policy: str | Policy = "authority",
                 incidents: Iterable[str] | None = None) -> Iterator[IncidentState]:
    """Full replay: the state of every incident (or of ``incidents``) from everything
    recorded, one incident at a time, as :func:`known_at` gives it.

    All answers stand on the same log position (the last ``seq`` when called).
    Each incident is read, folded and dropped before the next, so memory grows
    with the largest incident, not with the log. Since 0.2.0.
    """
    chosen = get_policy(policy)
    last = store.last_seq()
    for incident in store.incidents() if incidents is None else incidents:
        try:
            ledger = ledger_for(store, incident, until_seq=last)
        except UnknownIncidentError:
            if incidents is None:
                continue  # first recorded after `last`, by a writer appending meanwhile
            raise
        yield state_from_ledger(ledger, incident, policy=chosen, axis="known")


def ledger_for(
    store: EventStore,
    incident: str,
    *,
    until_seq: int | None = None,
    recorded_until: datetime | None = None,
) -> Ledger:
    """Fold the store's events about ``incident`` into a fresh :class:`Ledger`.

    Raises :class:`UnknownIncidentError` when the store has none. Since 0.1.0.
    """
    check_seq(until_seq, name="until_seq")
    # Take the basis first: a writer appending while we read must not make the
    # answer claim a seq it never saw.
    last = store.last_seq()
    bound = last if until_seq is None else min(until_seq, last)
    events = list(store.read(incident=incident, until_seq=bound,
                             recorded_until=recorded_until))
    if not events:
        # Judged within the view, so a past answer stays the same once the incident
        # appears later in the log.
        raise unknown_incident(store, incident,
                               in_view=until_seq is not None or recorded_until is not None)
    ledger = Ledger().extend(events)
    # The basis is the log position the answer stands on: the requested seq, or
    # everything so far; a record-time cut stands on the last event it folded.
    if recorded_until is None:
        ledger.last_seq = bound
    return ledger


def believed_at(
    store: EventStore,
    incident: str,
    at: TimePoint | datetime | str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    basis_seq: int | None = None,
) -> IncidentState:
    """What was believed about ``incident`` at publication time ``at``.

    ``at`` may be a :class:`TimePoint`, an aware datetime or a string such as
    ``"2020-03-11T23:00Z"`` or ``"2020-03-12"``; a window stands for its end
    (``"2020-03-12"`` means "by the end of that day, in every zone").

    Raises :class:`NaiveDatetimeError`, :class:`UnknownIncidentError`,
    :class:`UnknownPolicyError`. Since 0.1.0.
    """
    check_mode(mode)
    cutoff = coerce_time(at, name="at").upper
    ledger = ledger_for(store, incident, until_seq=basis_seq)
    return state_from_ledger(ledger, incident, policy=policy, published_by=cutoff, mode=mode)


def known_at(
    store: EventStore,
    incident: str,
    at: TimePoint | datetime | str | None = None,
    *,
    seq: int | None = None,
    policy: str | Policy = "authority",
) -> IncidentState:
    """What had been recorded about ``incident`` by record time ``at`` or by ``seq``.

    With neither, everything recorded so far. Reproducible: appending never
    changes the answer for a past ``at`` or ``seq``. Since 0.1.0.
    """
    check_seq(seq)
    recorded_until = None if at is None else coerce_time(at, name="at").upper
    ledger = ledger_for(store, incident, until_seq=seq, recorded_until=recorded_until)
    state = state_from_ledger(ledger, incident, policy=policy, axis="known")
    return attrs.evolve(state, at=recorded_until)


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

    def to_json(self) -> dict[str, Any]:
        return {"at": format_utc(self.at), "field": self.field,
                "old": self.old.describe(), "new": self.new.describe(),
                "changed_by": list(self.changed_by), "belief": belief_json(self.new)}


def timeline(
    store: EventStore,
    incident: str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    field: str | None = None,
    basis_seq: int | None = None,
) -> list[TimelineEntry]:
    """Each publication moment at which a belief about ``incident`` changed.

    Since 0.1.0.
    """
    check_mode(mode)
    ledger = ledger_for(store, incident, until_seq=basis_seq)
    return timeline_from_ledger(ledger, incident, policy=policy, mode=mode, field=field)


def timeline_from_ledger(ledger: Ledger, incident: str, *, policy: str | Policy = "authority",
                         mode: str = "certain", field: str | None = None) -> list[TimelineEntry]:
    """Pure core of :func:`timeline`. Since 0.1.0."""
    entries: list[TimelineEntry] = []
    previous: dict[str, AnyBelief] = {}
    entered: dict[datetime, list[str]] = {}
    for moment, ref in ledger.entries(incident, mode):
        entered.setdefault(moment, []).append(ref)
    for moment in sorted(entered):
        state = state_from_ledger(ledger, incident, policy=policy, published_by=moment, mode=mode)
        refs = tuple(entered.get(moment, ()))
        chosen = get_policy(policy)
        beliefs = dict(state.beliefs)
        for name in previous.keys() - beliefs.keys():  # its last claim was withdrawn
            beliefs[name] = _believe(chosen, name, [])
        for name, belief in beliefs.items():
            if field is not None and name != field:
                continue
            old = previous.get(name) or _believe(chosen, name, [])
            if old.summary != belief.summary:
                entries.append(TimelineEntry(at=moment, field=name, old=old, new=belief,
                                             changed_by=refs))
            previous[name] = belief
    return entries


def _claim_line(item: ActiveClaim) -> str:
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
    first = item.first_published_at.text or format_utc(item.first_published_at.lower)
    return (f"  - {said} — {claim.according_to.name} [{claim.according_to.kind}, {claim.hedge}] "
            f"in {item.source.name} ({item.ref}, first published {first}): "
            + (f"\"{claim.evidence.quote}\" [{claim.evidence.start}:{claim.evidence.end}]"
               if claim.evidence else f"no text span; {claim.note}"))


def explain(state: IncidentState, field: str) -> str:
    """Why ``state`` believes what it does about ``field``, in words.

    Names the policy rule, the chosen claim, the lexicon entry of each figure,
    the supporting and contradicting claims and any set aside. Raises
    :class:`KeyError` naming the known fields. Since 0.1.0.
    """
    belief = state[field]
    view = (f"believed at {format_utc(state.at)} ({state.mode})" if state.axis == "believed"
            and state.at else f"known at seq {state.basis_seq}")
    lines = [f"{state.incident} · {field} = {belief.describe()} · policy {belief.policy} · {view}",
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
            lines.extend(_claim_line(item) for item in belief.no_claim)
    for title, items in (("supporting", belief.supporting),
                         ("contradicting", belief.contradicting)):
        lines.append(f"{title} ({len(items)}):")
        lines.extend(_claim_line(item) for item in items)
    if belief.set_aside:
        lines.append(f"set aside ({len(belief.set_aside)}):")
        lines.extend(f"{_claim_line(s.claim)}\n      because {s.reason}" for s in belief.set_aside)
    return "\n".join(lines)
