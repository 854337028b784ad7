"""The interactive belief report: one self-contained HTML file per incident.

The report shows, for every field a claim names, the low..best..high band of the
belief stepping over publication time with a marker per claim (who said it,
hedge, quoted evidence, publication time), the stretches where the belief is
disputed, the attribution matrix (actor by stance by who asserts it, over time),
and the state table believed at a time T under each shipped policy.

Everything is computed here, with the library's own replay functions: the
incident is folded into one :class:`~taji_events.ledger.Ledger`, swept once over
its publication edges (:class:`~taji_events.history.ClaimSweep`), and each
policy's :class:`~taji_events.history.BeliefHistory` gives the state at each
distinct publication moment (the instants at which a report revision or
retraction enters the view) and before the first. Between two moments
nothing enters the view, so the state at any T is the state at the latest
moment at or before T — exactly what :func:`~taji_events.replay.believed_at`
answers. The page embeds these states as one JSON document and its script only
draws them and picks the state for T; it never evaluates a policy itself.

The file needs no network: styles, script and drawings are inline, and a
content security policy forbids loading anything else.

* :func:`report_data` — the embedded JSON document, as a dict.
* :func:`render_report` — the HTML page, as a string.
* :func:`write_report` — the page written atomically to a file.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Final

import orjson

from taji_events.atomic_files import write_bytes_atomically
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.errors import ReportError, UnknownPolicyError
from taji_events.history import BeliefHistory, ClaimSweep
from taji_events.ledger import ActiveClaim
from taji_events.model import KNOWN_FIELDS, Attribution, Count
from taji_events.policies import POLICIES, Policy, get_policy
from taji_events.rendering import belief_json, describe_time
from taji_events.replay import IncidentState, check_mode, ledger_for
from taji_events.serialization import converter
from taji_events.store import EventStore
from taji_events.timepoint import format_utc
from taji_events.version import __version__

__all__ = ["REPORT_FORMAT", "REPORT_VERSION", "ReportError", "render_report", "report_data",
           "write_report"]

#: ``format`` and ``version`` of the embedded JSON document.
REPORT_FORMAT: Final = "taji_events.report"
REPORT_VERSION: Final = 1
#: ``id`` of the ``<script type="application/json">`` element holding the data.
DATA_ELEMENT_ID: Final = "report-data"

_ASSETS: Final = "report_assets"
_ClaimKey = tuple[str, str, bytes, str, str, str, str]


# -- data --------------------------------------------------------------------------------------

def _claim_key(item: ActiveClaim) -> _ClaimKey:
    """The same claim of the same report across revisions (offsets may move, the
    quote does not)."""
    claim = item.claim
    value = orjson.dumps(converter.unstructure(claim.value), option=orjson.OPT_SORT_KEYS)
    return (item.report_id, claim.field, value, claim.according_to.name, claim.according_to.kind,
            claim.hedge, claim.label)


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


class _Claims:
    """Every claim active at some moment, numbered in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[_ClaimKey, int] = {}
        self.by_ref: dict[str, int] = {}  # report@revision#index names one claim for good
        self.records: list[dict[str, Any]] = []
        self._last_seen: list[int] = []

    def id_of(self, item: ActiveClaim) -> int:
        number = self.by_ref.get(item.ref)
        return self.ids[_claim_key(item)] if number is None else number

    def observe(self, position: int, claims: Sequence[ActiveClaim]) -> None:
        for item in claims:
            number = self.by_ref.get(item.ref)
            if number is None:
                key = _claim_key(item)
                number = self.ids.get(key)
                if number is None:
                    number = self.ids[key] = len(self.records)
                    self.records.append(self._record(number, item, position))
                    self._last_seen.append(position)
                self.by_ref[item.ref] = number
                self.records[number]["refs"].append(item.ref)
            self._last_seen[number] = position

    def finish(self, positions: int) -> list[dict[str, Any]]:
        for number, record in enumerate(self.records):
            last = self._last_seen[number]
            record["until"] = None if last == positions - 1 else last + 1
        return self.records

    @staticmethod
    def _record(number: int, item: ActiveClaim, position: int) -> dict[str, Any]:
        claim = item.claim
        value = claim.value
        published = item.first_published_at
        record: dict[str, Any] = {
            "id": number,
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
            "published_upper": format_utc(published.upper),
            "note": claim.note,
            "as_of": (claim.as_of.text or format_utc(claim.as_of.upper)) if claim.as_of else None,
            "label": _value_label(value),
            "value": converter.unstructure(value),
            "since": position,
        }
        if isinstance(value, Count):
            record.update(kind="count", low=value.low, best=value.best, high=value.high)
        else:
            record.update(kind="attribution", actor=value.actor, stance=value.stance,
                          asserted_by=value.asserted_by or claim.according_to.name)
        return record


def _belief_data(belief: Belief | AttributionBelief, claims: _Claims) -> dict[str, Any]:
    # The shape of replay.belief_json, claims named by their number in the page.
    return {**belief_json(belief, claim=claims.id_of, ref=claims.id_of),
            "describe": belief.describe()}


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


def report_data(
    store: EventStore,
    incident: str,
    *,
    policy: str | Policy = "authority",
    mode: str = "certain",
    policies: Sequence[str | Policy] | None = None,
    basis_seq: int | None = None,
) -> dict[str, Any]:
    """The report of ``incident`` as a JSON-ready dict: what :func:`render_report` embeds.

    ``positions`` lists the moments T can take: position 0 is before the first
    report entered the view, position *i* the *i*-th distinct publication moment
    (with the report revisions and retractions that entered then).
    ``states[policy][i]`` holds the beliefs of
    :func:`~taji_events.replay.believed_at` at position *i* (they hold until the
    next position); beliefs name claims by their number in ``claims``, each
    claim (one per report, field, speaker, hedge and quote, whichever revisions
    carry it) with its value, speaker, hedge, evidence, publication time and
    the positions at which it is active (``since``, ``until``).

    ``policies`` defaults to every shipped policy (:data:`POLICIES`); ``policy``
    must be one of them and is the one the page shows first. Raises
    :class:`UnknownIncidentError`, :class:`UnknownPolicyError`,
    :class:`InvalidQueryError` (unknown ``mode``). Since 0.2.0.
    """
    check_mode(mode)
    chosen, initial = _policies(policy, policies)
    ledger = ledger_for(store, incident, until_seq=basis_seq)
    # One sweep over the publication edges, and a belief history per policy on it:
    # position 0 is before the first edge (history position -1), position i the
    # i-th moment.
    sweep = ClaimSweep(ledger, incident, mode)
    histories = [BeliefHistory(sweep, item) for item in chosen]
    claims = _Claims()
    fields: dict[str, str] = {}
    states: dict[str, list[dict[str, Any]]] = {item.name: [] for item in chosen}
    for position in range(len(sweep.moments) + 1):
        for number, history in enumerate(histories):
            state = history.state_at(position - 1)
            if number == 0:  # the active claims are the same under every policy
                claims.observe(position, state.claims)
            states[history.policy.name].append(_state_data(state, claims, fields))

    declaration = ledger.declaration(incident)
    positions: list[dict[str, Any]] = [
        {"at": None, "at_ms": None, "entered": [], "published": [],
         "label": "before the first report"}]
    for moment, entered, windows in zip(sweep.moments, sweep.entered, sweep.windows, strict=True):
        published = list(dict.fromkeys(describe_time(point) for point in windows))
        coarse = any(point.precision not in ("minute", "second", "instant") for point in windows)
        positions.append({
            "at": format_utc(moment), "at_ms": _ceil_ms(moment), "entered": sorted(entered),
            "published": published,
            # A moment at the end of a window is not a publication time: say so.
            "label": format_utc(moment) + (f" (end of: published {', '.join(published)})"
                                           if coarse else "")})
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
                     for item in chosen],
        "fields": [{"name": name, "kind": kind, "meaning": KNOWN_FIELDS.get(name, "")}
                   for name, kind in fields.items()],
        "positions": positions,
        "claims": claims.finish(len(sweep.moments) + 1),
        "states": states,
    }


def _state_data(state: IncidentState, claims: _Claims, fields: dict[str, str]) -> dict[str, Any]:
    for name, belief in state.beliefs.items():
        fields.setdefault(name, "count" if isinstance(belief, Belief) else "attribution")
    return {"claims": len(state.claims),
            "beliefs": {name: _belief_data(belief, claims) for name, belief in state.beliefs.items()}}


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
                       basis_seq=basis_seq)
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
        radios=radios, last=last, claims=len(data["claims"]), css=_asset("report.css"),
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
(superseded or retracted) or set aside by the policy at T; ringed: the claim the policy chose.
Moments are evenly spaced; click a column to move T there.</p>
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
<code>believed_at(store, incident, T, policy=P, mode=M)</code>; nothing here is computed in
the browser.</p></footer>
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
                         basis_seq=basis_seq).encode("utf-8")
    try:
        write_bytes_atomically(target, page)
    except OSError as error:
        raise ReportError(f"cannot write the report to {target}: {error.strerror or error}; "
                          "nothing was written there; choose a writable output path") from None
    return target
