"""The interactive belief report: one self-contained HTML file per incident.

The report shows, for every field a claim names, the low..best..high band of the
belief stepping over publication time with a marker per claim (who said it,
hedge, quoted evidence, publication time), the stretches where the belief is
disputed, the attribution matrix (actor by stance by who asserts it, over time),
and the state table believed at a time T under each shipped policy.

Everything the page shows at a time T is computed here, with the library's own
replay machinery: the incident is folded into one
:class:`~taji_events.ledger.Ledger`, swept once over its publication edges
(:class:`~taji_events.history.ClaimSweep`), and each policy's
:class:`~taji_events.history.BeliefHistory` gives each field's figures at the
moments they changed. Between two moments nothing enters the view, so the state
at any T is the state at the latest moment at or before T — exactly what
:func:`~taji_events.replay.believed_at` answers. A second pass over the same
deltas, through the same incremental field states (or the direct evaluation,
for a policy without an incremental form), records the claim each policy
chooses and the runs of moments at which it sets a claim aside.

The page embeds each claim once (a table, with the runs of moments at which it
is active) and each figure once per change, so it grows with the claims and the
changes rather than with claims times moments. Its script picks the figures
for T and sorts the active claims into supporting and contradicting ones by
the best figure, the rule every policy uses; it never applies a policy. It
draws the time axis to scale with breaks for long gaps, and thins band pieces
and markers that would overlap.

The file needs no network: styles, script and drawings are inline, and a
content security policy forbids loading anything else.

* :func:`report_data` — the embedded JSON document, as a dict.
* :func:`render_report` — the HTML page, as a string.
* :func:`write_report` — the page written atomically to a file.
* :func:`claim_records` — a document's claims table as one dict per claim.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Final

import orjson

from taji_events.atomic_files import write_bytes_atomically
from taji_events.beliefs import ActorView, AttributionBelief, Belief, StanceView
from taji_events.errors import ReportError, UnknownPolicyError
from taji_events.history import BeliefHistory, ClaimSweep, DirectField
from taji_events.incremental import (
    CountField,
    FieldState,
    Item,
    unknown_summary,
)
from taji_events.ledger import ActiveClaim
from taji_events.model import KNOWN_FIELDS, Attribution, Count
from taji_events.policies import POLICIES, Policy, get_policy
from taji_events.rendering import describe_time
from taji_events.replay import check_mode, ledger_for
from taji_events.serialization import converter
from taji_events.states import DEFAULT_FIELDS
from taji_events.store import EventStore
from taji_events.timepoint import format_utc
from taji_events.version import __version__

__all__ = ["REPORT_FORMAT", "REPORT_VERSION", "ReportError", "claim_records", "render_report",
           "report_data", "write_report"]

#: ``format`` and ``version`` of the embedded JSON document.
REPORT_FORMAT: Final = "taji_events.report"
REPORT_VERSION: Final = 2
#: ``id`` of the ``<script type="application/json">`` element holding the data.
DATA_ELEMENT_ID: Final = "report-data"

_ASSETS: Final = "report_assets"
#: A report's progress callback: ``progress(done, total)``.
Progress = Callable[[int, int], None]
#: Report progress once in this many publication moments of the claims pass.
_PROGRESS_EVERY: Final = 256
#: The columns of a row of the claims table, in order.
CLAIM_COLUMNS: Final = (
    "field", "kind", "report_id", "refs", "source", "source_kind", "according_to",
    "speaker_kind", "hedge", "quote", "span", "published_text", "published_lower",
    "published_upper", "note", "as_of", "scope", "label", "low", "best", "high", "actor",
    "stance", "asserted_by", "runs")
#: The columns whose values are numbers into the document's ``strings``.
CLAIM_STRINGS: Final = ("field", "kind", "report_id", "source", "source_kind", "according_to",
                        "speaker_kind", "hedge", "actor", "stance", "asserted_by")
_ClaimKey = tuple[str, str, bytes, str, str, str, str, str | None]


# -- data --------------------------------------------------------------------------------------

def _claim_key(item: ActiveClaim) -> _ClaimKey:
    """The same claim of the same report across revisions (offsets may move, the
    quote does not). The scope is part of it: a revision that carries a figure
    over but narrows or widens what it counts is another entry of the table, since
    the page sorts claims about a subset apart."""
    claim = item.claim
    value = orjson.dumps(converter.unstructure(claim.value), option=orjson.OPT_SORT_KEYS)
    return (item.report_id, claim.field, value, claim.according_to.name, claim.according_to.kind,
            claim.hedge, claim.label, claim.scope)


def _value_label(value: Count | Attribution) -> str:
    if isinstance(value, Count):
        high = "open" if value.high is None else str(value.high)
        interval = f"{value.low}..{high}"
        text = f"{value.text} ({interval})" if value.text else interval
        if value.breakdown:
            text += " [" + ", ".join(f"{k} {v}" for k, v in value.breakdown.items()) + "]"
        return text
    actor = value.actor or "no group"
    held = f", held by {value.asserted_by}" if value.asserted_by else ""
    return f"{actor}: {value.stance}{held}"


class _Runs:
    """Positions at which something holds, as ``[start, end)`` runs (``end`` None:
    to the last position), kept from per-position counts of its instances."""

    def __init__(self) -> None:
        self.count = 0
        self.runs: list[list[int | None]] = []

    def step(self, change: int) -> None:
        self.count += change

    def close_moment(self, before: int, position: int) -> None:
        if before == 0 and self.count > 0:
            self.runs.append([position, None])
        elif before > 0 and self.count == 0:
            self.runs[-1][1] = position


class _Claims:
    """Every claim active at some moment, numbered in order of first appearance,
    each with the runs of positions at which it is active."""

    def __init__(self) -> None:
        self.ids: dict[_ClaimKey, int] = {}
        self.by_ref: dict[str, int] = {}  # report@revision#index names one claim for good
        self.records: list[dict[str, Any]] = []
        self.active: list[_Runs] = []
        self.of_item: dict[int, int] = {}  # id(ActiveClaim) -> number

    def id_of(self, item: ActiveClaim) -> int:
        number = self.of_item.get(id(item))
        if number is not None:
            return number
        number = self.by_ref.get(item.ref)
        if number is None:
            key = _claim_key(item)
            number = self.ids.get(key)
            if number is None:
                number = self.ids[key] = len(self.records)
                self.records.append(self._record(number, item))
                self.active.append(_Runs())
            self.by_ref[item.ref] = number
            self.records[number]["refs"].append([item.revision, item.index])
        self.of_item[id(item)] = number
        return number

    def finish(self, strings: dict[str, int]) -> dict[str, Any]:
        """The claims as one table: ``columns`` names the fields of each row in
        ``rows``; the columns of :data:`CLAIM_STRINGS` hold numbers into
        ``strings`` (interned), and ``refs`` ``[revision, index]`` pairs of the
        row's report."""
        rows: list[list[Any]] = []
        for record, runs in zip(self.records, self.active, strict=True):
            record["runs"] = runs.runs
            for column in CLAIM_STRINGS:
                value = record[column]
                if value is not None:
                    record[column] = strings.setdefault(value, len(strings))
            rows.append([record[column] for column in CLAIM_COLUMNS])
        return {"columns": list(CLAIM_COLUMNS), "rows": rows}

    @staticmethod
    def _record(number: int, item: ActiveClaim) -> dict[str, Any]:
        claim = item.claim
        value = claim.value
        published = item.first_published_at
        record: dict[str, Any] = {
            "field": claim.field,
            "report_id": item.report_id,
            "refs": [],
            "source": item.source.name,
            "source_kind": item.source.kind,
            "according_to": claim.according_to.name,
            "speaker_kind": claim.according_to.kind,
            "hedge": claim.hedge,
            "quote": claim.label,
            "span": [claim.evidence.start, claim.evidence.end] if claim.evidence else None,
            "published_text": published.text,
            "published_lower": format_utc(published.lower),
            # None: the same instant as the lower bound
            "published_upper": None if published.upper == published.lower
            else format_utc(published.upper),
            "note": claim.note,
            "as_of": (claim.as_of.text or format_utc(claim.as_of.upper)) if claim.as_of else None,
            "scope": claim.scope,
            "label": _value_label(value),
        }
        if isinstance(value, Count):
            record.update(kind="count", low=value.low, best=value.best, high=value.high,
                          actor=None, stance=None, asserted_by=None)
        else:
            record.update(kind="attribution", low=None, best=None, high=None, actor=value.actor,
                          stance=value.stance,
                          asserted_by=value.asserted_by or claim.according_to.name)
        return record


# -- what the figures rest on: the chosen claim and the claims set aside -----------------------

def _active(item: Item) -> ActiveClaim:
    """The claim of an item of the report's histories, which are swept from a
    ledger (never from claim rows), so every item holds an active claim."""
    claim = item.claim
    assert isinstance(claim, ActiveClaim), "the report's histories are swept from a ledger"
    return claim


def _aside_reason(item: Item) -> str:
    """Why a shipped policy sets a count claim aside (the credibility rule of
    :mod:`taji_events.policies`), in the words its direct computation uses."""
    claim = _active(item).claim
    if claim.scope is not None:
        return f"about a subset ({claim.scope}), not the incident's total"
    if claim.hedge == "denied":
        return "its speaker denies this figure"
    if claim.hedge == "initial":
        return "an initial figure, contradicted by a claim published at the same time or later"
    return "contradicted by a later confirmed claim from an equally or more authoritative speaker"


class _Reasons:
    """Follows one policy's belief history as it folds (a
    :class:`~taji_events.history.FoldWatcher`) and records each field's chosen
    claim at the positions where it changed (``chosen``: ``{"at": [...], "id":
    [...]}``) and the runs of positions at which each claim is set aside
    (``runs``: ``[claim, start, end or None, reason number]``).

    Positions are the page's (0 before the first moment). A count field's
    state says which item it chose and which items are credible, so the claim
    named is the one the figures were computed from; a field under a policy
    without an incremental form is read from the policy's belief, which its
    history evaluates when the field's claims change."""

    def __init__(self, claims: _Claims, reasons: dict[str, int]) -> None:
        self.claims = claims
        self.reasons = reasons
        self.flipped: list[Item] = []
        # A claim's identity in the sweep is its key and its first publication point
        # (a revision may hand on the same active claim as a new object).
        self.items: dict[tuple[int, int], Item] = {}  # identity -> item, for the active claims
        self.by_claim: dict[int, Item] = {}  # id(ActiveClaim) -> its item
        self.current: dict[tuple[int, int], str] = {}  # identity -> reason, claims set aside
        self.counts: dict[int, int] = {}  # claim number -> its instances set aside
        self.last_reason: dict[int, str] = {}
        self.open_runs: dict[int, list[Any]] = {}
        self.runs: list[list[Any]] = []
        self.chosen: dict[str, dict[str, list[Any]]] = {}
        # Fields without an incremental form: reasons by id(ActiveClaim), and the choice.
        self.aside: dict[str, dict[int, str]] = {}
        self.choice: dict[str, ActiveClaim | None] = {}

    def credit_changed(self, item: Item) -> None:
        self.flipped.append(item)

    def finish(self) -> tuple[dict[str, dict[str, list[Any]]], list[list[Any]]]:
        """The chosen claims and the set-aside runs, once the history has folded;
        what was kept to follow the fold is let go."""
        self.flipped, self.items, self.by_claim, self.current = [], {}, {}, {}
        self.counts, self.last_reason, self.open_runs = {}, {}, {}
        self.aside, self.choice = {}, {}
        return self.chosen, self.runs

    def moment(self, position: int, entered: Sequence[Item], removed: Sequence[Item],
               states: Mapping[str, FieldState], touched: Collection[str]) -> None:
        page = position + 1
        for item in entered:  # numbered in order of first appearance
            self.claims.id_of(_active(item))
        for item in removed:
            del self.items[_identity(item)]
            del self.by_claim[id(item.claim)]
        for item in entered:
            self.items[_identity(item)] = item
            self.by_claim[id(item.claim)] = item
        candidates = [*entered, *self.flipped]
        self.flipped = []
        for field in touched:
            state = states[field]
            if isinstance(state, DirectField):
                candidates.extend(self._refresh(field, state))
                choice = self.choice[field]
            else:
                found = state.chosen()
                choice = None if found is None else _active(found)
            number = None if choice is None else self.claims.id_of(choice)
            changes = self.chosen.setdefault(field, {"at": [0], "id": [None]})
            if changes["id"][-1] != number:
                changes["at"].append(page)
                changes["id"].append(number)
        before: dict[int, int] = {}
        for item in [*removed, *candidates]:
            claim = _active(item)
            identity = _identity(item)
            active = self.items.get(identity) is item
            reason = self._reason(states[claim.claim.field], item) if active else None
            old = self.current.get(identity)
            if old == reason:
                continue  # unchanged, or seen already
            number = self.claims.id_of(claim)
            before.setdefault(number, self.counts.get(number, 0))
            if reason is None:
                del self.current[identity]
                self.counts[number] -= 1
            else:
                if old is None:
                    self.counts[number] = self.counts.get(number, 0) + 1
                self.current[identity] = self.last_reason[number] = reason
        for number, was in before.items():
            now = self.counts.get(number, 0)
            if was == 0 and now > 0:
                reason = self.last_reason[number]
                run = self.open_runs[number] = [number, page, None,
                                                self.reasons.setdefault(reason, len(self.reasons))]
                self.runs.append(run)
            elif was > 0 and now == 0:
                self.open_runs.pop(number)[2] = page

    def _refresh(self, field: str, state: DirectField) -> list[Item]:
        """The policy's belief of a field without an incremental form, as its
        history just evaluated it: the active items whose set-aside reason changed."""
        belief = state.belief if state.claims else None
        old = self.aside.get(field, {})
        new = {} if belief is None else {id(entry.claim): entry.reason
                                         for entry in belief.set_aside}
        self.aside[field] = new
        self.choice[field] = None if belief is None else belief.chosen
        return [self.by_claim[key] for key in {*old, *new}
                if key in self.by_claim and old.get(key) != new.get(key)]

    def _reason(self, state: FieldState, item: Item) -> str | None:
        if isinstance(state, DirectField):
            return self.aside.get(state.field, {}).get(id(item.claim))
        if isinstance(state, CountField):
            return None if item.credible else _aside_reason(item)
        return None  # attribution claims are never set aside


def _identity(item: Item) -> tuple[int, int]:
    """An active claim's identity in a ledger's sweep (see ClaimSweep.identity)."""
    return (item.key, id(_active(item).first_published_at))


def _policies(policy: str | Policy, policies: Sequence[str | Policy] | None) -> tuple[
        list[Policy], str]:
    chosen = [get_policy(item) for item in (POLICIES.values() if policies is None else policies)]
    if not chosen:
        raise UnknownPolicyError("policies is empty; pass at least one policy name or Policy, "
                                 f"e.g. {', '.join(POLICIES)}")
    names = [item.name for item in chosen]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UnknownPolicyError(f"policies name {', '.join(map(repr, repeated))} more than once; "
                                 "give each policy a distinct name")
    initial = policy.name if isinstance(policy, Policy) else policy
    if initial not in names:
        raise UnknownPolicyError(
            f"unknown policy {initial!r} for the report; choose one of {', '.join(names)}"
            + ("" if policies is None else ", or add it to policies"))
    return chosen, initial


# -- the figures -------------------------------------------------------------------------------

def _changes(history: BeliefHistory) -> dict[str, tuple[list[int], list[tuple[Any, ...]]]]:
    """Each field's summaries at the moments they changed, as the history keeps them
    (history positions: -1 before the first moment)."""
    return history._changed


def _count_figures(policy: str, field: str, summary: tuple[Any, ...]) -> list[Any]:
    status, low, best, high, breakdown = summary
    describe = Belief(field=field, policy=policy, status=status, low=low, best=best, high=high,
                      breakdown=dict(breakdown)).describe()
    return [status, low, best, high, dict(breakdown), describe]


def _attribution_figures(policy: str, field: str, summary: tuple[Any, ...],
                         no_claim: tuple[ActiveClaim, ...]) -> list[Any]:
    status, leading, stance, claimed, pairs, _ = summary
    stances: dict[str, list[str]] = {}
    for actor, held in pairs:
        stances.setdefault(actor, []).append(held)
    belief = AttributionBelief(
        field=field, policy=policy, status=status, leading=leading, leading_stance=stance,
        responsibility_claimed=claimed, no_claim=no_claim,
        actors=tuple(ActorView(actor, tuple(StanceView(held, (), ()) for held in views))
                     for actor, views in stances.items()))
    return [status, leading, stance, claimed, belief.describe()]


def _unknown(policy: str, field: str, kind: str) -> list[Any]:
    if kind == "attribution":
        return _attribution_figures(policy, field, unknown_summary("attribution"), ())
    return _count_figures(policy, field, unknown_summary(field))


def report_data(
    store: EventStore,
    incident: str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    policies: Sequence[str | Policy] | None = None,
    basis_seq: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The report of ``incident`` as a JSON-ready dict: what :func:`render_report` embeds.

    ``positions`` lists the moments T can take: position 0 is before the first
    report entered the view, position *i* the *i*-th distinct publication moment
    (with the report revisions and retractions that entered then and the
    number of claims active from then on). ``claims`` holds each claim once
    (one per report, field, speaker, hedge and quote, whichever revisions carry
    it) with its value, speaker, hedge, evidence, publication time and the
    ``runs`` of positions at which it is active. Per policy and field,
    ``beliefs`` gives the figures at the positions where they changed, as the
    belief history computed them (they hold until the next change), ``chosen``
    the claim the policy chose, and ``set_aside`` the runs of positions at which
    a claim is set aside and why; the page derives the supporting and
    contradicting claims from these (docs/report.md says how).

    ``policies`` defaults to every shipped policy (:data:`POLICIES`); ``policy``
    must be one of them and is the one the page shows first. Raises
    :class:`UnknownIncidentError`, :class:`UnknownPolicyError`,
    :class:`InvalidQueryError` (unknown ``mode``).

    ``progress``, if given, is called as ``progress(done, total)`` as the work
    goes on, in claim moves (a claim entering or leaving the view) over every
    pass: one per policy's history (which records the policy's reasons as it
    folds) and one for the claims' runs. Since 0.2.0 (``progress`` since 0.3.0).
    """
    check_mode(mode)
    chosen_policies, initial = _policies(policy, policies)
    ledger = ledger_for(store, incident, until_seq=basis_seq)
    # One sweep over the publication edges, and a belief history per policy on it:
    # page position 0 is before the first edge (history position -1), position i
    # the i-th moment (history position i - 1).
    sweep = ClaimSweep(ledger, incident, mode)
    moves = sum(len(added) + len(removed) for added, removed in sweep.deltas)
    total, done = moves * (1 + len(chosen_policies)), 0
    claims = _Claims()
    reasons: dict[str, int] = {}
    histories = []
    followed: list[tuple[dict[str, dict[str, list[Any]]], list[list[Any]]]] = []
    for item in chosen_policies:
        # Each history records its policy's choice and set-aside runs as it folds.
        watcher = _Reasons(claims, reasons)
        histories.append(BeliefHistory(sweep, item, watcher=watcher))
        followed.append(watcher.finish())
        done += moves
        if progress is not None:
            progress(done, total)
    kinds: dict[str, str] = {}
    active = [0]
    # The statements that no group claimed it, per attribution field, at the
    # moments a history's attribution figures changed (for their description).
    changed_at: dict[int, list[tuple[int, str, int]]] = {}
    figures: list[dict[str, list[list[Any]]]] = [{} for _ in histories]
    for number, history in enumerate(histories):
        for field, (moments, summaries) in _changes(history).items():
            for change, summary in enumerate(summaries):
                if len(summary) == 6:
                    changed_at.setdefault(moments[change], []).append((number, field, change))
    no_claim: dict[str, dict[tuple[int, int], ActiveClaim]] = {}
    for index, (added, removed) in enumerate(sweep.deltas):
        touched: dict[int, int] = {}
        for claim, key, _ in removed:
            runs = claims.active[claims.id_of(claim)]
            touched.setdefault(claims.id_of(claim), runs.count)
            runs.step(-1)
            no_claim.get(claim.claim.field, {}).pop((key, id(claim.first_published_at)), None)
        for claim, key, _ in added:
            number = claims.id_of(claim)
            touched.setdefault(number, claims.active[number].count)
            claims.active[number].step(1)
            value = claim.claim.value
            kinds.setdefault(claim.claim.field,
                             "attribution" if isinstance(value, Attribution) else "count")
            if isinstance(value, Attribution) and value.actor is None:
                no_claim.setdefault(claim.claim.field, {})[(key, id(claim.first_published_at))] = claim
        for number, before in touched.items():
            claims.active[number].close_moment(before, index + 1)
        active.append(active[-1] + len(added) - len(removed))
        for number, field, change in changed_at.get(index, ()):
            figures[number].setdefault(field, []).append(
                [change, tuple(no_claim.get(field, {}).values())])
        done += len(added) + len(removed)
        if progress is not None and index % _PROGRESS_EVERY == 0:
            progress(done, total)

    fields = [*(name for name in DEFAULT_FIELDS), *(name for name in kinds if name not in DEFAULT_FIELDS)]
    kind_of = {name: kinds.get(name, "attribution" if name == "attribution" else "count")
               for name in fields}
    strings: dict[str, int] = {}
    beliefs: dict[str, dict[str, dict[str, list[Any]]]] = {}
    chosen: dict[str, dict[str, dict[str, list[Any]]]] = {}
    set_aside: dict[str, list[list[Any]]] = {}
    rules: dict[str, dict[str, str]] = {}
    for number, history in enumerate(histories):
        name = history.policy.name
        changes = _changes(history)
        by_field: dict[str, dict[str, list[Any]]] = {}
        for field in fields:
            starts: list[int] = [0]
            values: list[list[Any]] = [_unknown(name, field, kind_of[field])]
            moments, summaries = changes.get(field, ([], []))
            statements = dict(figures[number].get(field, []))
            for change, (moment, summary) in enumerate(zip(moments, summaries, strict=True)):
                starts.append(moment + 1)
                values.append(
                    _attribution_figures(name, field, summary, statements[change])
                    if len(summary) == 6 else _count_figures(name, field, summary))
            by_field[field] = {"at": starts, "v": values}
        beliefs[name] = by_field
        chosen[name], set_aside[name] = followed[number]
        # The rule in words, at the last moment (one direct evaluation per policy).
        last = history.state_at(len(sweep.moments) - 1)
        rules[name] = {field: belief.rule for field, belief in last.beliefs.items()}

    declaration = ledger.declaration(incident)
    positions: list[dict[str, Any]] = [
        {"at": None, "at_ms": None, "entered": [], "published": [], "possible_from": None,
         "certain_by": None, "active": 0, "label": "before the first report"}]
    for instant, entered, windows, count in zip(sweep.moments, sweep.entered, sweep.windows,
                                                active[1:], strict=True):
        published = list(dict.fromkeys(describe_time(point) for point in windows))
        # The moment is where the view takes what entered (the end of its window in
        # certain mode, the start in possible mode), not a publication time: the label
        # says what was published, and when that became possible and when certain.
        possible = min((point.lower for point in windows), default=instant)
        certain = max((point.upper for point in windows), default=instant)
        positions.append({
            "at": format_utc(instant), "at_ms": _ceil_ms(instant), "entered": sorted(entered),
            "published": published, "possible_from": format_utc(possible),
            "certain_by": format_utc(certain), "active": count,
            "label": f"published {', '.join(published) or format_utc(instant)}; possible from "
                     f"{format_utc(possible)}, certain by {format_utc(certain)}"})
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "library_version": __version__,
        "incident": {
            "id": incident,
            "title": declaration.title if declaration else None,
            "place": declaration.place if declaration else None,
            "occurred": describe_time(declaration.occurred_at) if declaration else None,
            "description": declaration.description if declaration else None,
        },
        "mode": mode,
        "basis_seq": ledger.last_seq,
        "initial_policy": initial,
        "policies": [{"name": item.name, "description": _first_line(type(item).__doc__)}
                     for item in chosen_policies],
        "fields": [{"name": name, "kind": kind_of[name], "meaning": KNOWN_FIELDS.get(name, ""),
                    "always": name in DEFAULT_FIELDS} for name in fields],
        "positions": positions,
        "claims": claims.finish(strings),
        "strings": list(strings),
        "reasons": list(reasons),
        "beliefs": beliefs,
        "chosen": chosen,
        "set_aside": set_aside,
        "rules": rules,
    }


def claim_records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of a :func:`report_data` document as one dict per claim (``id``
    its number, strings resolved, ``refs`` as ``report@revision#index``).
    Since 0.3.0."""
    strings = data["strings"]
    columns = data["claims"]["columns"]
    records: list[dict[str, Any]] = []
    for number, row in enumerate(data["claims"]["rows"]):
        record = dict(zip(columns, row, strict=True))
        for column in CLAIM_STRINGS:
            if record[column] is not None:
                record[column] = strings[record[column]]
        record["refs"] = [f"{record['report_id']}@{revision}#{index}"
                          for revision, index in record["refs"]]
        record["id"] = number
        records.append(record)
    return records


def _ceil_ms(moment: datetime) -> int:
    """Milliseconds since the epoch, rounded up: a page time T in whole milliseconds
    reaches the moment exactly when ``T >= moment``."""
    micros = (moment - datetime(1970, 1, 1, tzinfo=moment.tzinfo)) // timedelta(microseconds=1)
    return -(-micros // 1000)


def _first_line(text: str | None) -> str:
    """A policy class's docstring summary, without its "Since x.y.z." note."""
    line = (text or "").strip().split("\n\n")[0]
    return " ".join(re.sub(r"\s*Since \d+(\.\d+)*\.", "", line).split())


# -- the page ----------------------------------------------------------------------------------

def _asset(name: str) -> str:
    return (resources.files("taji_events") / _ASSETS / name).read_text(encoding="utf-8")


def _json_for_script(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``
    survive literally, so no text can close the element or open a comment."""
    text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_CSP: Final = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
               "img-src data:; base-uri 'none'; form-action 'none'")


def render_report(
    store: EventStore,
    incident: str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    policies: Sequence[str | Policy] | None = None,
    basis_seq: int | None = None,
    progress: Progress | None = None,
) -> str:
    """The interactive report of ``incident`` as one self-contained HTML page.

    The page shows each field's low..best..high band over publication time with
    a marker per claim, disputed stretches, the attribution matrix, a time
    control (slider, previous and next) that sets T and a policy switch; its
    state table at T equals :func:`~taji_events.replay.believed_at` at T under
    the selected policy and ``mode``. Nothing is loaded from the network: it
    works from ``file://``. The data is embedded as :func:`report_data` in
    ``<script type="application/json" id="report-data">``.

    Arguments and errors as for :func:`report_data`. Since 0.2.0.
    """
    data = report_data(store, incident, policy=policy, mode=mode, policies=policies,
                       basis_seq=basis_seq, progress=progress)
    return _page(data)


def _page(data: dict[str, Any]) -> str:
    esc = html.escape
    info = data["incident"]
    title = info["title"] or info["id"]
    facts = [f"incident <code>{esc(info['id'])}</code>"]
    if info["place"]:
        facts.append(esc(info["place"]))
    if info["occurred"]:
        facts.append(f"occurred {esc(info['occurred'])}")
    facts.append(f"mode <strong>{esc(data['mode'])}</strong>")
    facts.append(f"basis seq {data['basis_seq']}")
    last = len(data["positions"]) - 1
    radios = "\n".join(
        f'<label class="policy-option"><input type="radio" name="policy" '
        f'value="{esc(item["name"])}" data-testid="policy-{esc(item["name"])}"'
        f'{" checked" if item["name"] == data["initial_policy"] else ""}> '
        f'{esc(item["name"])}</label>'
        for item in data["policies"])
    description = (f'<p class="description">{esc(info["description"])}</p>'
                   if info["description"] else "")
    return _TEMPLATE.format(
        csp=esc(_CSP), title=esc(title), facts=" · ".join(facts), description=description,
        radios=radios, last=last, claims=len(data["claims"]["rows"]), css=_asset("report.css"),
        js=_asset("report.js"),
        data=_json_for_script(data), data_id=DATA_ELEMENT_ID,
        version=esc(data["library_version"]),
    )


_TEMPLATE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="taji_events {version}">
<title>{title} — belief report</title>
<link rel="icon" href="data:,">
<style>
{css}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="facts">{facts}</p>
{description}
<noscript><p class="warning">This report draws its charts and tables with JavaScript,
which is turned off. Its data is embedded in the page as JSON
(element <code>#{data_id}</code>).</p></noscript>
</header>
<main>
<section class="controls" aria-label="Time and policy" data-testid="controls">
<fieldset class="policy" data-testid="policy-switch">
<legend>Policy</legend>
{radios}
<p class="policy-description" data-testid="policy-description" aria-live="polite"></p>
</fieldset>
<div class="time" data-testid="time-control">
<label for="time-slider">Publication time T</label>
<div class="time-row">
<button type="button" id="prev" data-testid="prev" aria-controls="time-slider">&#9664; Previous</button>
<input type="range" id="time-slider" data-testid="time-slider" min="0" max="{last}" step="1"
 value="{last}">
<button type="button" id="next" data-testid="next" aria-controls="time-slider">Next &#9654;</button>
</div>
<output id="time-label" for="time-slider" data-testid="time-label" aria-live="polite"></output>
<p class="entered" data-testid="time-entered"></p>
</div>
</section>

<section class="state" aria-labelledby="state-heading">
<h2 id="state-heading">Believed at T</h2>
<table data-testid="state-table">
<caption data-testid="state-caption"></caption>
<thead><tr><th scope="col">Field</th><th scope="col">Best</th><th scope="col">Low..high</th>
<th scope="col">Status</th><th scope="col">Breakdown / responsibility</th>
<th scope="col">Why</th></tr></thead>
<tbody data-testid="state-body"></tbody>
</table>
</section>

<div class="columns">
<section class="charts" aria-labelledby="charts-heading">
<h2 id="charts-heading">Figures over publication time</h2>
<p class="legend" data-testid="legend">Band: low..high believed under the selected policy;
dark line: best figure; hatched red: disputed. Markers: one per claim, placed at the moment it
entered the view at its stated figure (whisker: its interval; arrow: open-ended), coloured by
hedge: <span class="swatch confirmed"></span> confirmed, <span class="swatch reported"></span>
reported, <span class="swatch initial"></span> initial or preliminary,
<span class="swatch denied"></span> denied. Faded: not yet published at T; hollow: withdrawn
(superseded or retracted) or set aside by the policy at T; ringed: the claim the policy chose;
outlined: several claims too close to draw apart (the claim panel lists them).
Time runs to scale from left to right; a gap longer than a fifth of the span is drawn
short, marked // on the axis. Click a chart to move T to the moment drawn there.</p>
<div id="charts" data-testid="charts"></div>
</section>
<aside class="detail" aria-labelledby="detail-heading">
<h2 id="detail-heading">Claim</h2>
<div id="claim-detail" data-testid="claim-detail" aria-live="polite">
<p>Hover over or select a marker (or a claim below) to see who said it and the quoted
evidence.</p>
</div>
</aside>
</div>

<section class="attribution" aria-labelledby="attribution-heading">
<h2 id="attribution-heading">Attribution over time</h2>
<div id="attribution" data-testid="attribution"></div>
</section>

<section class="claims" aria-labelledby="claims-heading">
<h2 id="claims-heading">Every claim</h2>
<details id="claims-details" data-testid="claims-details">
<summary>Show all {claims} claims as a table (source, speaker, value, hedge, role at T,
quoted evidence)</summary>
<div id="claims-list" data-testid="claims-list"></div>
</details>
</section>
</main>
<footer><p>Generated by taji_events {version}. Every figure shown at T is
<code>believed_at(store, incident, T, policy=P, mode=M)</code>, computed before the page was
written, as are the chosen claim and the claims set aside; the page only sorts the other active
claims into supporting and contradicting ones by the figure.</p></footer>
<script type="application/json" id="{data_id}">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""


# -- writing -----------------------------------------------------------------------------------

def write_report(
    store: EventStore,
    incident: str,
    path: str | os.PathLike[str],
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    policies: Sequence[str | Policy] | None = None,
    basis_seq: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write :func:`render_report` of ``incident`` to ``path`` and return the path.

    The output folder is checked first, then the page is built, written to a
    temporary file beside ``path`` and renamed over it, so a failure never
    leaves a half-written report (an existing file at ``path`` stays as it was,
    and a replaced one keeps its permissions; a new one is ``rw-r--r--``).
    Raises :class:`ReportError`
    when ``path`` cannot be written (missing folder, a folder in its place, no
    permission), and the errors of :func:`report_data`. Since 0.2.0.
    """
    target = Path(path)
    folder = target.parent
    # Checked first, so a mistyped path fails before a long computation.
    if target.is_dir():
        raise ReportError(f"cannot write the report to {target}: it is a directory; "
                          f"give a file name such as {target / (incident + '.html')}")
    if not folder.is_dir():
        what = "is not a directory" if folder.exists() else "does not exist"
        raise ReportError(f"cannot write the report to {target}: folder {folder} {what}; "
                          "create it or choose another output path")
    page = render_report(store, incident, policy=policy, mode=mode, policies=policies,
                         basis_seq=basis_seq, progress=progress).encode("utf-8")
    try:
        write_bytes_atomically(target, page)
    except OSError as error:
        raise ReportError(f"cannot write the report to {target}: {error.strerror or error}; "
                          "nothing was written there; choose a writable output path") from None
    return target
