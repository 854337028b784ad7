"""``taji-events`` queries: ``state``, ``known``, ``timeline``, ``explain``, ``incidents``.

=============================================  ==========================================
command                                        Python API
=============================================  ==========================================
``taji-events state INCIDENT --at T``          :func:`taji_events.replay.believed_at`
``taji-events known INCIDENT [--at T|--seq N]`` :func:`taji_events.replay.known_at`
``taji-events timeline INCIDENT``              :func:`taji_events.replay.timeline`
``taji-events explain INCIDENT FIELD``        :func:`taji_events.replay.explain`
``taji-events incidents``                      ``store.incidents()``
=============================================  ==========================================
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Final

import attrs

from taji_events.cli.options import (
    CliError,
    Commands,
    add_basis,
    add_common,
    add_format,
    add_mode,
    add_policy,
    did_you_mean,
    naming_incident,
    open_existing,
    output_format,
    seq_number,
)
from taji_events.cli.output import (
    describe_time,
    dumps_json,
    format_explanation,
    format_state,
    format_timeline,
    table,
    write_csv,
)
from taji_events.declarations import fold_declaration
from taji_events.errors import UnknownIncidentError
from taji_events.events import IncidentAmended, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.records import RECORD_KEYS, state_records
from taji_events.replay import IncidentState, believed_at, known_at, timeline
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint, format_utc

__all__ = ["register"]


def _print_state(state: IncidentState, shape: str, asked: str | None = None) -> None:
    if shape == "json":
        print(dumps_json(state.to_json()))
    elif shape == "csv":
        records = state_records(state)
        write_csv([RECORD_KEYS, *([record[key] for key in RECORD_KEYS] for record in records)])
    else:
        print(format_state(state, asked=asked))


def _state(args: argparse.Namespace) -> int:
    shape = output_format(args)
    asked = args.at
    if asked is None:  # everything published so far
        asked = format_utc(datetime.now(UTC).replace(microsecond=0))
    with open_existing(args) as store, naming_incident(store, args.incident), \
            _cut_too_early(store, args.incident, {"--basis-seq": args.basis_seq}):
        state = believed_at(store, args.incident, asked, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq)
        # Printed with the store open: a state's claims are read from it when first needed.
        _print_state(state, shape, asked if args.at is not None else None)
    return 0


@contextlib.contextmanager
def _cut_too_early(store: EventStore, incident: str, cuts: dict[str, object]) -> Iterator[None]:
    """Say which option cut the log too early when ``incident`` has events in the
    store but none within the cut (``--seq 0``, an ``--at`` before its first)."""
    try:
        yield
    except UnknownIncidentError:
        given = {option: value for option, value in cuts.items() if value is not None}
        if not given or incident not in store.incidents():
            raise
        options = " and ".join(f"{option} {value}" for option, value in given.items())
        raise UnknownIncidentError(
            f"incident {incident!r} has no events within {options}, though the store holds "
            f"some ({store.last_seq()} events in all); give a later "
            f"{' or '.join(given)}") from None


def _known(args: argparse.Namespace) -> int:
    shape = output_format(args)
    with open_existing(args) as store, naming_incident(store, args.incident), \
            _cut_too_early(store, args.incident, {"--seq": args.seq, "--at": args.at}):
        state = known_at(store, args.incident, args.at, seq=args.seq, policy=args.policy)
        _print_state(state, shape, args.at)
    return 0


_TIMELINE_COLUMNS: Final = ("at", "field", "old", "new", "changed_by", "possible_from",
                             "certain_by")


def _timeline(args: argparse.Namespace) -> int:
    shape = output_format(args)
    with open_existing(args) as store, naming_incident(store, args.incident), \
            _cut_too_early(store, args.incident, {"--basis-seq": args.basis_seq}):
        if args.field is not None:
            fields = list(known_at(store, args.incident, seq=args.basis_seq,
                                   policy=args.policy).beliefs)
            if args.field not in fields:
                raise CliError(
                    f"no claim about {args.incident} names field {args.field!r}"
                    f"{did_you_mean(args.field, fields)}; its fields: {', '.join(fields)}")
        entries = timeline(store, args.incident, policy=args.policy, mode=args.mode,
                           field=args.field, basis_seq=args.basis_seq)
    if shape == "json":
        print(dumps_json([entry.to_json() for entry in entries]))
    elif shape == "csv":
        write_csv([_TIMELINE_COLUMNS, *([format_utc(entry.at), entry.field, entry.old.describe(),
                                         entry.new.describe(), "; ".join(entry.changed_by),
                                         format_utc(entry.possible_from),
                                         format_utc(entry.certain_by)]
                                        for entry in entries)])
    else:
        print(format_timeline(args.incident, entries, field=args.field))
    return 0


def _explain(args: argparse.Namespace) -> int:
    asked = args.at
    if asked is None:  # everything published so far, as for `state`
        asked = format_utc(datetime.now(UTC).replace(microsecond=0))
    with open_existing(args) as store, naming_incident(store, args.incident), \
            _cut_too_early(store, args.incident, {"--basis-seq": args.basis_seq}):
        state = believed_at(store, args.incident, asked, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq)
        try:
            print(format_explanation(state, args.field, asked=args.at))
        except KeyError as error:
            raise CliError(f"{error.args[0]}{did_you_mean(args.field, state.beliefs)}") from None
    return 0


@attrs.frozen
class _Summary:
    incident: str
    declaration: IncidentDeclared | None
    reports: int
    claims: int
    last_published: TimePoint | None


def _summaries(store: EventStore) -> list[_Summary]:
    """Per incident: its declaration as amended, how many reports name it, how many
    claims their latest revisions make about it (retracted reports left out), and
    the latest publication among them."""
    declared: dict[str, IncidentDeclared] = {}
    amendments: dict[str, list[IncidentAmended]] = {}
    latest: dict[str, ReportPublished] = {}
    retracted: set[str] = set()
    for recorded in store.read(until_seq=store.last_seq()):
        event = recorded.event
        if isinstance(event, IncidentDeclared):
            declared.setdefault(event.incident_id, event)
        elif isinstance(event, IncidentAmended):
            amendments.setdefault(event.incident_id, []).append(event)
        elif isinstance(event, ReportRetracted):
            retracted.add(event.report_id)
        elif event.report_id not in latest or latest[event.report_id].revision < event.revision:
            latest[event.report_id] = event
    reports: dict[str, set[str]] = {}
    claims: dict[str, int] = {}
    published: dict[str, TimePoint] = {}
    for report in latest.values():
        for claim in report.claims:
            reports.setdefault(claim.incident, set()).add(report.report_id)
            if report.report_id not in retracted:
                claims[claim.incident] = claims.get(claim.incident, 0) + 1
            last = published.get(claim.incident)
            if last is None or last.sort_key < report.published_at.sort_key:
                published[claim.incident] = report.published_at
    return [_Summary(incident, fold_declaration(declared.get(incident), amendments.get(incident, ())),
                     len(reports.get(incident, ())), claims.get(incident, 0), published.get(incident))
            for incident in sorted(declared.keys() | reports.keys())]


_INCIDENT_COLUMNS: Final = ("incident", "title", "occurred", "place", "reports", "claims",
                            "last published")
_INCIDENT_FIELDS: Final = ("incident", "declared", "title", "place", "country", "occurred",
                           "occurred_from", "occurred_to", "reports", "claims", "last_published",
                           "last_published_from", "last_published_to")


def _window(point: TimePoint | None) -> list[str | None]:
    if point is None:
        return [None, None, None]
    return [point.text or format_utc(point.lower), format_utc(point.lower), format_utc(point.upper)]


def _incident_record(summary: _Summary) -> list[Any]:
    """One row for machines: texts as written, windows in UTC, nulls for the unknown."""
    declared = summary.declaration
    return [summary.incident, declared is not None, declared.title if declared else None,
            declared.place if declared else None, declared.country if declared else None,
            *_window(declared.occurred_at if declared else None), summary.reports,
            summary.claims, *_window(summary.last_published)]


def _incident_line(summary: _Summary) -> list[str]:
    declared = summary.declaration
    last = summary.last_published
    return [summary.incident, declared.title if declared else "(undeclared)",
            describe_time(declared.occurred_at) if declared else "-",
            (declared.place or "-") if declared else "-", str(summary.reports),
            str(summary.claims), "-" if last is None else describe_time(last)]


def _incidents(args: argparse.Namespace) -> int:
    shape = output_format(args)
    with open_existing(args) as store:
        summaries = _summaries(store)
        last = store.last_seq()
    if shape == "json":
        print(dumps_json([dict(zip(_INCIDENT_FIELDS, _incident_record(item), strict=True))
                          for item in summaries]))
    elif shape == "csv":
        write_csv([_INCIDENT_FIELDS, *(_incident_record(item) for item in summaries)])
    elif summaries:
        print(table([_INCIDENT_COLUMNS, *(_incident_line(item) for item in summaries)]))
    else:
        print(f"no incidents yet ({last} events)")
    return 0


def register(commands: Commands) -> None:
    """Add ``state``, ``known``, ``timeline``, ``explain`` and ``incidents``."""
    state = commands.command(
        "state", _state, "what was believed about an incident at a publication time",
        "Folds every report published by --at (see --mode; without --at, by now), using\n"
        "everything recorded so far or up to --basis-seq. Prints the time asked and the\n"
        "window it stands for, then one line per field: best figure, low..high\n"
        "(open when unbounded), status and breakdown; then the attribution: leading\n"
        "actor, stance, and whether any group claimed responsibility.")
    state.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    state.add_argument("--at", default=None, metavar="T",
                       help="publication time: ISO 8601 with a zone, or a date (default: now, "
                            "i.e. everything published so far)")
    add_policy(state)
    add_mode(state)
    add_basis(state)
    add_format(state)

    known = commands.command(
        "known", _known, "what had been recorded about an incident at a record time",
        "Folds only the events recorded by --at (their recorded_at) or by --seq, whatever\n"
        "their publication time; with neither, everything recorded so far. The answer for\n"
        "a past --at or --seq never changes when more events are ingested.")
    known.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    known.add_argument("--at", default=None, metavar="T",
                       help="record time: ISO 8601 with a zone, or a date (default: now)")
    known.add_argument("--seq", type=seq_number, default=None, metavar="N",
                       help="use only events with seq <= N (default: all)")
    add_policy(known)
    add_format(known)

    history = commands.command(
        "timeline", _timeline, "each moment a belief about an incident changed",
        "Replays the incident at every publication moment and prints one line per\n"
        "change: the time (UTC), the field, old -> new belief, and the report revisions\n"
        "(report@revision) or retractions that entered the view at that moment.")
    history.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    history.add_argument("--field", default=None, metavar="F",
                         help="show only this field, e.g. killed (default: every field)")
    add_policy(history)
    add_mode(history)
    add_basis(history)
    add_format(history)

    why = commands.command(
        "explain", _explain, "why a belief is what it is at a publication time",
        "Names the policy rule, the chosen claim, the lexicon entry behind each vague\n"
        "figure, and every supporting, contradicting and set-aside claim with who said\n"
        "it, in which report, and the exact quoted text with its character offsets.\n"
        "Like `state`, it prints the time asked and the window it stands for, and\n"
        "without --at answers for everything published so far.")
    why.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    why.add_argument("field", metavar="FIELD",
                     help="killed, wounded, rockets_fired, rockets_impacted, attribution, "
                          "or any other field a claim names")
    why.add_argument("--at", default=None, metavar="T",
                     help="publication time: ISO 8601 with a zone, or a date (default: now, "
                          "i.e. everything published so far)")
    add_policy(why)
    add_mode(why)
    add_basis(why)
    add_common(why, json=False)

    listing = commands.command(
        "incidents", _incidents, "list the incidents in the store",
        "Prints every incident named by a declaration or a claim, sorted by id: its title,\n"
        "occurrence time and place as declared (and amended), or (undeclared); how many\n"
        "reports name it, how many claims their latest revisions make about it, and the\n"
        "latest publication time among them.")
    add_format(listing)
