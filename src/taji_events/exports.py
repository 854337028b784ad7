"""Analyst exports: one row per incident in the style of UCDP GED, ACLED or Airwars.

* :func:`export_rows` — the rows of some incidents in one style, as plain dicts
  whose keys are :data:`STYLES` ``[style]`` in that order.
* :func:`write_csv`, :func:`write_jsonl`, :func:`write_rows` — write them to a
  text stream, or to a file replaced atomically (whole or untouched).

Every style has one row per incident: the unit of observation of all three data
sets is the event, and analysts count rows as events. The policy behind the
figures is fixed by the style (``ucdp`` and ``airwars``: ``range``; ``acled``:
``conservative``). Columns, rules and examples: docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import IO, Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson

from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.claims_table import check_incidents, withdrawn_claims
from taji_events.errors import InvalidQueryError
from taji_events.ledger import Ledger
from taji_events.model import Count
from taji_events.origins import independent_origins
from taji_events.records import format_breakdown
from taji_events.replay import IncidentState, check_mode, ledger_for, state_from_ledger
from taji_events.store import EventStore
from taji_events.table_files import Destination, atomic_write, check_rows
from taji_events.timepoint import TimePoint, coerce_time, format_utc

__all__ = [
    "FORMATS",
    "GRADES",
    "SIDE_GROUPS",
    "STYLES",
    "STYLE_POLICIES",
    "UNIDENTIFIED_ACTOR",
    "export_rows",
    "write_csv",
    "write_jsonl",
    "write_rows",
]

_VIEW: Final = ("policy", "as_of", "mode", "basis_seq")

#: The columns of each style, in order: the CSV header and the JSONL key order.
STYLES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({
    "ucdp": (
        "incident", "where_description", "country_code", "date_start", "date_end",
        "date_prec", "event_clarity",
        "best", "low", "high", "deaths_status", "deaths_breakdown",
        "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
        "wounded_best", "wounded_low", "wounded_high", "wounded_status",
        "rockets_fired_best", "rockets_fired_low", "rockets_fired_high", "rockets_fired_status",
        "rockets_impacted_best", "rockets_impacted_low", "rockets_impacted_high",
        "rockets_impacted_status", "other_counts",
        "source_article", "source_office", "source_original", "number_of_sources",
        "publication_start", "publication_end", *_VIEW,
    ),
    "acled": (
        "incident", "event_date", "time_precision", "country_code", "location",
        "actor1", "actor1_stance", "fatalities", "fatalities_status",
        "source", "source_kinds", "notes", "timestamp", *_VIEW,
    ),
    "airwars": (
        "incident", "date", "location", "country_code",
        "killed_min", "killed_max", "injured_min", "injured_max",
        "grade", "grade_reason", "n_sources", "n_speakers",
        "belligerent", "belligerent_stance", "sources", *_VIEW,
    ),
})

#: The policy behind each style's figures.
STYLE_POLICIES: Final[Mapping[str, str]] = MappingProxyType({
    "ucdp": "range", "acled": "conservative", "airwars": "range",
})

FORMATS: Final = ("csv", "jsonl")

#: Airwars grades, in the order the rules try them (see docs/exports.md).
GRADES: Final = ("Discounted", "Contested", "Confirmed", "Fair", "Weak")

_UCDP_FIELDS: Final = ("wounded", "rockets_fired", "rockets_impacted")

#: Breakdown groups that name GED's sides; a death breakdown made only of these
#: fills ``deaths_a``, ``deaths_b``, ``deaths_civilians`` and ``deaths_unknown``.
SIDE_GROUPS: Final = ("side_a", "side_b", "civilians", "unknown")

#: ACLED's actor name for a perpetrator nobody has named.
UNIDENTIFIED_ACTOR: Final = "Unidentified Armed Group"
_HARM: Final = ("killed", "wounded")


def _check_style(style: str) -> tuple[str, ...]:
    try:
        return STYLES[style]
    except (KeyError, TypeError):
        raise InvalidQueryError(
            f"unknown export style {style!r}; choose one of {', '.join(STYLES)}") from None


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise InvalidQueryError(f"unknown export format {format!r}; choose one of "
                                f"{', '.join(FORMATS)}")


# -- the view of one incident -------------------------------------------------------------------

class _View:
    """One incident through one policy, with the claims its reports' retractions removed."""

    def __init__(self, ledger: Ledger, incident: str, policy: str, cutoff: datetime | None,
                 mode: str) -> None:
        axis = "known" if cutoff is None else "believed"
        self.state: IncidentState = state_from_ledger(ledger, incident, policy=policy,
                                                      published_by=cutoff, mode=mode, axis=axis)
        self.cutoff = cutoff
        self.retracted = withdrawn_claims(ledger, incident, self.state.claims, cutoff, mode)

    @property
    def incident(self) -> str:
        return self.state.incident

    def count(self, field: str) -> Belief | None:
        belief = self.state.beliefs.get(field)
        return belief if isinstance(belief, Belief) else None

    def attribution(self) -> AttributionBelief | None:
        belief = self.state.beliefs.get("attribution")
        return belief if isinstance(belief, AttributionBelief) else None


def export_rows(
    store: EventStore,
    incidents: Iterable[str],
    *,
    style: str,
    at: TimePoint | datetime | str | None = None,
    mode: str = "certain",
) -> list[dict[str, Any]]:
    """One row per incident (each once, in the order given) in ``style``: ``ucdp``,
    ``acled`` or ``airwars``.

    Without ``at``, everything recorded counts (the ``known`` view: every report
    published so far, whatever its publication time); with ``at``, what was
    believed at that publication time (:func:`~taji_events.replay.believed_at`
    with ``mode``; ``mode`` is not used without ``at``). Each row is a dict with
    the keys ``STYLES[style]``, in that order, and ``str``, ``int`` or ``None``
    values; ``None`` is unknown or open-ended (docs/exports.md says which).

    Every incident is checked before any row is returned. Raises
    :class:`InvalidQueryError` for an unknown style or mode,
    :class:`TimeParseError` for a bad ``at`` and :class:`UnknownIncidentError`
    for an incident without events. Since 0.2.0.
    """
    _check_style(style)
    check_mode(mode)
    cutoff = None if at is None else coerce_time(at, name="at").upper
    # One basis for every row, taken before the check, so that all rows stand on
    # the same log prefix even while another writer appends.
    basis = store.last_seq()
    wanted = check_incidents(store, incidents)
    rows: list[dict[str, Any]] = []
    for incident in wanted:
        ledger = ledger_for(store, incident, until_seq=basis)
        view = _View(ledger, incident, STYLE_POLICIES[style], cutoff, mode)
        row = _BUILDERS[style](view)
        row.update(_view_columns(view.state))
        rows.append({column: row[column] for column in STYLES[style]})
    return rows


# -- shared pieces ------------------------------------------------------------------------------

def _view_columns(state: IncidentState) -> dict[str, Any]:
    return {"policy": state.policy, "as_of": format_utc(state.at) if state.at else None,
            "mode": state.mode, "basis_seq": state.basis_seq}


def _tz(zone: str | None) -> tzinfo:
    """An IANA name or a fixed offset such as ``+03:00`` (what time points record); else UTC."""
    if not zone:
        return UTC
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    try:
        offset = datetime.strptime(zone, "%z").tzinfo
    except ValueError:
        return UTC
    return offset or UTC


def _local_date(moment: datetime, zone: str | None) -> str:
    return moment.astimezone(_tz(zone)).date().isoformat()


def _occurrence(view: _View) -> tuple[str | None, str | None]:
    """First and last local date the incident may have happened on."""
    declared = view.state.declaration
    if declared is None:
        return None, None
    point = declared.occurred_at
    zone = declared.zone or point.zone
    last = point.upper - timedelta(microseconds=1) if point.upper > point.lower else point.upper
    return _local_date(point.lower, zone), _local_date(last, zone)


def _occurrence_days(view: _View) -> int | None:
    """How many local calendar days the incident's declared occurrence window spans."""
    first, last = _occurrence(view)
    if first is None or last is None:
        return None
    return (date.fromisoformat(last) - date.fromisoformat(first)).days + 1


def _date_prec(days: int | None) -> int | None:
    """GED ``date_prec``: 1 one day; 2 two to six days; 3 a week; 4 eight days to a
    month; 5 more than a month."""
    if days is None:
        return None
    return 1 if days == 1 else 2 if days <= 6 else 3 if days == 7 else 4 if days <= 31 else 5


def _time_precision(days: int | None) -> int | None:
    """ACLED ``time_precision``: 1 the day is known; 2 within a week; 3 only a longer span."""
    if days is None:
        return None
    return 1 if days == 1 else 2 if days <= 7 else 3


def _deaths_by_side(deaths: Belief | None) -> dict[str, int | None]:
    columns = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    breakdown = dict(deaths.breakdown) if deaths is not None else {}
    if (deaths is None or deaths.best is None or not breakdown
            or not set(breakdown) <= set(SIDE_GROUPS)):
        return dict.fromkeys(columns)
    split = [breakdown.get(group, 0) for group in SIDE_GROUPS]
    split[-1] += max(deaths.best - sum(split), 0)
    return dict(zip(columns, split, strict=True))


def _place(view: _View) -> tuple[str | None, str | None]:
    declared = view.state.declaration
    if declared is None:
        return None, None
    return declared.place or None, declared.country


def _credible(belief: Belief) -> list[ActiveClaim]:
    """The supporting claims the policy counted (not set aside, not denials)."""
    aside = {item.claim.ref for item in belief.set_aside}
    return [item for item in belief.supporting
            if item.ref not in aside and item.claim.hedge != "denied"]


def _joined(values: Iterable[str]) -> str | None:
    unique = sorted(set(values))
    return "; ".join(unique) if unique else None


def _figure(count: Count) -> str:
    """A count in words an analyst reads: ``3``, ``at least 3``, ``about 12``."""
    stated = count.stated
    return {
        "exact": f"{stated}", "none": "0", "at_least": f"at least {stated}",
        "more_than": f"more than {stated}", "about": f"about {stated}",
        "up_to": f"up to {stated}", "fewer_than": f"fewer than {stated}",
    }[count.qualifier]


def _window(view: _View) -> tuple[datetime, datetime] | None:
    """When the reports behind the row were published: from the earliest first
    publication of an active claim (never before the incident began) to the
    latest end of a publication window (never after the view's cut)."""
    claims, cutoff = view.state.claims, view.cutoff
    if not claims:
        return None
    declared = view.state.declaration
    floor = declared.occurred_at.lower if declared is not None else None
    start = min(item.first_published_at.lower if floor is None
                else max(item.first_published_at.lower, min(floor, item.first_published_at.upper))
                for item in claims)
    end = max(item.published_at.upper for item in claims)
    if cutoff is not None:
        end = min(end, cutoff)
    return start, max(start, end)


def _triple(belief: Belief | None) -> tuple[int | None, int | None, int | None, str]:
    if belief is None:
        return None, None, None, "unknown"
    return belief.best, belief.low, belief.high, belief.status


# -- ucdp ---------------------------------------------------------------------------------------

def _ucdp(view: _View) -> dict[str, Any]:
    place, country = _place(view)
    start, end = _occurrence(view)
    deaths = view.count("killed")
    best, low, high, status = _triple(deaths)
    days = _occurrence_days(view)
    row: dict[str, Any] = {
        "incident": view.incident, "where_description": place, "country_code": country,
        "date_start": start, "date_end": end, "date_prec": _date_prec(days),
        "event_clarity": None if days is None else 1 if days == 1 else 2,
        "best": best, "low": low, "high": high,
        "deaths_status": status,
        "deaths_breakdown": (format_breakdown(deaths.breakdown) or None) if deaths else None,
        **_deaths_by_side(deaths),
    }
    for field in _UCDP_FIELDS:
        f_best, f_low, f_high, f_status = _triple(view.count(field))
        row.update({f"{field}_best": f_best, f"{field}_low": f_low, f"{field}_high": f_high,
                    f"{field}_status": f_status})
    others = [f"{field}={belief.describe()}" for field, belief in view.state.beliefs.items()
              if isinstance(belief, Belief) and field not in ("killed", *_UCDP_FIELDS)]
    row["other_counts"] = "; ".join(others) or None
    backing = _credible(deaths) if deaths is not None else []
    origins = independent_origins(backing)
    row.update({
        "source_article": _joined(f"{item.report_id}@{item.revision}" for item in backing),
        "source_office": _joined(item.source.name for item in backing),
        "source_original": _joined(f"{group.origin.label} ({group.claims[0].claim.according_to.kind})"
                                   for group in origins.groups),
        "number_of_sources": origins.count,
    })
    window = _window(view)
    row["publication_start"] = format_utc(window[0]) if window else None
    row["publication_end"] = format_utc(window[1]) if window else None
    return row


# -- acled --------------------------------------------------------------------------------------

def _figures_note(field: str, belief: Belief, claims: Sequence[ActiveClaim]) -> str:
    aside = {item.claim.ref: item for item in belief.set_aside}
    by_figure: dict[tuple[int, float, str], list[str]] = {}
    for item in claims:
        value = item.claim.value
        assert isinstance(value, Count)
        label = item.claim.according_to.name
        flags = [flag for flag, on in (("denied", item.claim.hedge == "denied"),
                                       ("initial", item.claim.hedge in ("initial", "preliminary")),
                                       ("set aside", item.ref in aside)) if on]
        if flags:
            label += f" [{', '.join(flags)}]"
        key = (value.low, float("inf") if value.high is None else value.high, _figure(value))
        by_figure.setdefault(key, [])
        if label not in by_figure[key]:
            by_figure[key].append(label)
    figures = "; ".join(f"{key[2]} per {', '.join(names)}" for key, names in sorted(by_figure.items()))
    coded = "unknown" if belief.best is None else f"lowest credible figure {belief.best}"
    return f"{field} {belief.status} ({coded}): {figures}."


def _attribution_note(belief: AttributionBelief | None) -> str | None:
    if belief is None or belief.status == "unknown":
        return None
    parts: list[str] = []
    if belief.leading is not None:
        parts.append(f"actor1 {belief.leading} coded on a {belief.leading_stance} stance"
                     f" ({belief.status})")
    else:
        parts.append(f"actor1 {UNIDENTIFIED_ACTOR}: nobody claimed responsibility and no accusation "
                     "is confirmed")
    for actor in belief.actors:
        for stance in actor.stances:
            held = f"{actor.actor} {stance.stance} by {', '.join(stance.asserted_by)}"
            if stance.stance == "suspected":
                held += " (a suspicion, not a claim of responsibility)"
            parts.append(held)
    if belief.no_claim:
        parts.append(f"no group has claimed responsibility ({len(belief.no_claim)} "
                     f"statement{'s' if len(belief.no_claim) != 1 else ''})")
    return "attribution: " + "; ".join(parts) + "."


def _acled_notes(view: _View) -> str | None:
    notes: list[str] = []
    by_field: dict[str, list[ActiveClaim]] = {}
    for item in view.state.claims:
        by_field.setdefault(item.claim.field, []).append(item)
    for field, belief in view.state.beliefs.items():
        if isinstance(belief, Belief) and (belief.contradicting or belief.status == "disputed"):
            notes.append(_figures_note(field, belief, by_field.get(field, [])))
    attribution = _attribution_note(view.attribution())
    if attribution:
        notes.append(attribution)
    if view.retracted:
        reports = sorted({item.report_id for item in view.retracted})
        notes.append(f"retracted: {', '.join(reports)} (their claims are not counted).")
    return " ".join(notes) or None


def _acled(view: _View) -> dict[str, Any]:
    place, country = _place(view)
    start, _ = _occurrence(view)
    deaths = view.count("killed")
    attribution = view.attribution()
    claims = view.state.claims
    window = _window(view)
    named = attribution.leading if attribution else None
    return {
        "incident": view.incident, "event_date": start,
        "time_precision": _time_precision(_occurrence_days(view)), "country_code": country,
        "location": place,
        "actor1": named if named is not None else UNIDENTIFIED_ACTOR if claims else None,
        "actor1_stance": attribution.leading_stance if attribution else None,
        "fatalities": deaths.best if deaths else None,
        "fatalities_status": deaths.status if deaths else "unknown",
        "source": _joined(item.source.name for item in claims),
        "source_kinds": _joined(item.source.kind for item in claims),
        "notes": _acled_notes(view),
        "timestamp": int(window[1].timestamp()) if window else None,
    }


# -- airwars ------------------------------------------------------------------------------------

def _grade(view: _View) -> tuple[str | None, str, int, int]:
    """The Airwars grade, the rule that gave it, and the independent sources and
    speakers behind the graded figure; see docs/exports.md."""
    harm = {field: view.count(field) for field in _HARM}
    known = [(field, belief) for field, belief in harm.items()
             if belief is not None and belief.status != "unknown"]
    said = [item for item in (*view.state.claims, *view.retracted) if item.claim.field in _HARM]
    if not said:
        return None, "no claim about killed or wounded", 0, 0
    if not known:
        return "Discounted", ("every claim about killed or wounded is denied by its speaker, "
                              "set aside or retracted"), 0, 0
    field, graded = known[0]
    backing = _credible(graded)
    sources = len({item.source.name for item in backing})
    # Independent speakers: a statement relayed by several reports is one voice.
    speakers = independent_origins(backing).count
    disputed = [name for name, belief in known if belief.status == "disputed"]
    attribution = view.attribution()
    if disputed:
        return "Contested", f"credible {' and '.join(disputed)} figures disagree", sources, speakers
    if attribution is not None and attribution.status == "disputed":
        return "Contested", "responsibility is disputed", sources, speakers
    on_record = sorted({item.claim.according_to.name for item in backing
                        if item.claim.hedge == "confirmed"
                        and item.claim.according_to.kind == "official_on_record"})
    if on_record:
        return "Confirmed", (f"{field} confirmed on record by {', '.join(on_record)}"), \
            sources, speakers
    if sources >= 2 and speakers >= 2:
        return "Fair", (f"{field} figure backed by {sources} sources and {speakers} "
                        "speakers"), sources, speakers
    return "Weak", (f"{field} figure rests on {sources} source(s) and {speakers} "
                    "speaker(s)"), sources, speakers


def _airwars(view: _View) -> dict[str, Any]:
    place, country = _place(view)
    start, _ = _occurrence(view)
    killed, wounded = view.count("killed"), view.count("wounded")
    grade, reason, sources, speakers = _grade(view)
    attribution = view.attribution()
    return {
        "incident": view.incident, "date": start, "location": place, "country_code": country,
        "killed_min": killed.low if killed else None,
        "killed_max": killed.high if killed else None,
        "injured_min": wounded.low if wounded else None,
        "injured_max": wounded.high if wounded else None,
        "grade": grade, "grade_reason": reason, "n_sources": sources, "n_speakers": speakers,
        "belligerent": attribution.leading if attribution else None,
        "belligerent_stance": attribution.leading_stance if attribution else None,
        "sources": _joined(item.source.name for item in view.state.claims),
    }


_BUILDERS: Final[Mapping[str, Callable[[_View], dict[str, Any]]]] = MappingProxyType({
    "ucdp": _ucdp, "acled": _acled, "airwars": _airwars,
})


# -- writing ------------------------------------------------------------------------------------

def _checked(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    check_rows(rows, columns, hint="write rows from export_rows() with the style they were made in")


def write_csv(rows: Sequence[Mapping[str, Any]], destination: Destination, *, style: str) -> None:
    """Write ``rows`` of ``style`` as CSV: UTF-8, the header ``STYLES[style]``, then one
    line per row; ``None`` is an empty cell; lines end in ``\\n``.

    ``destination`` is a text stream (opened with ``newline=""``) or a path,
    replaced atomically: on any error the file is left as it was. Raises
    :class:`InvalidQueryError` for an unknown style or a row with other keys,
    :class:`StoreError` when the file cannot be written. Since 0.2.0.
    """
    columns = _check_style(style)
    _checked(rows, columns)

    def write(stream: IO[str]) -> None:
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    atomic_write(destination, write)


def write_jsonl(rows: Sequence[Mapping[str, Any]], destination: Destination) -> None:
    """Write ``rows`` as JSON Lines: one JSON object per line, keys in row order,
    ``None`` as ``null``. ``destination`` is a text stream or a path, replaced
    atomically. Raises :class:`StoreError` when the file cannot be written.
    Since 0.2.0.
    """
    lines = [orjson.dumps(dict(row)).decode() + "\n" for row in rows]

    def write(stream: IO[str]) -> None:
        stream.writelines(lines)

    atomic_write(destination, write)


def write_rows(rows: Sequence[Mapping[str, Any]], destination: Destination, *, style: str,
               format: str) -> None:
    """Write ``rows`` of ``style`` as ``format`` (``csv`` or ``jsonl``); see
    :func:`write_csv` and :func:`write_jsonl`. Raises :class:`InvalidQueryError`
    for an unknown style or format. Since 0.2.0.
    """
    _check_format(format)
    columns = _check_style(style)
    if format == "csv":
        write_csv(rows, destination, style=style)
    else:
        _checked(rows, columns)
        write_jsonl(rows, destination)
