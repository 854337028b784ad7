"""``taji-events add-claim``: a claim without article text (a call, a briefing), as a report of its own.

Mirrors :func:`taji_events.recording.hand_claim_report` + ``store.append``.
"""

from __future__ import annotations

import argparse
import contextlib

from taji_events.cli.options import CliError, Commands, add_common, db_path, did_you_mean, open_named
from taji_events.cli.output import describe_time, warn
from taji_events.declarations import check_zone
from taji_events.errors import UnknownIncidentError
from taji_events.model import HEDGES, KNOWN_FIELDS, SOURCE_KINDS, SPEAKER_KINDS, STANCES, Source
from taji_events.recording import hand_claim_report, undeclared_incidents
from taji_events.replay import known_at
from taji_events.store import EventStore

__all__ = ["register"]


def _check_choice(option: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise CliError(f"{option} {value!r} is not one of {', '.join(choices)}"
                       f"{did_you_mean(value, choices)}")


def _fields_of(store: EventStore, incident: str) -> list[str]:
    """The documented fields and every field a recorded claim names about ``incident``."""
    fields = dict.fromkeys(KNOWN_FIELDS)
    with contextlib.suppress(UnknownIncidentError):  # nothing recorded about it yet
        fields.update(dict.fromkeys(known_at(store, incident).beliefs))
    return list(fields)


def _check_field(store: EventStore, args: argparse.Namespace) -> None:
    """Refuse a field that is new to the incident but one letter or two from a
    field it has: a claim once appended stays in the log, so a typo would too."""
    if args.new_field:
        return
    fields = _fields_of(store, args.incident)
    hint = did_you_mean(args.field, fields)
    if args.field not in fields and hint:
        raise CliError(f"no claim about {args.incident} names field {args.field!r}{hint}; "
                       f"its fields: {', '.join(fields)}; to record a new field of that name, "
                       "add --new-field")


def _add_claim(args: argparse.Namespace) -> int:
    for option, value, choices in (("--kind", args.kind, SPEAKER_KINDS),
                                   ("--hedge", args.hedge, HEDGES),
                                   ("--stance", args.stance, STANCES),
                                   ("--source-kind", args.source_kind, SOURCE_KINDS)):
        _check_choice(option, value, choices)
    check_zone(args.zone)
    note = args.note or (f"entered by hand: {args.according_to} ({args.kind}), published "
                         f"{args.published}")
    source = Source(args.source, args.source_kind, args.zone) if args.source else None
    report = hand_claim_report(
        args.incident, args.field, args.value, according_to=args.according_to, kind=args.kind,
        published=args.published, note=note, hedge=args.hedge, stance=args.stance,
        asserted_by=args.asserted_by, source=source, report_id=args.report_id, zone=args.zone)
    with open_named(db_path(args)) as store:
        _check_field(store, args)
        result = store.append([report])
        undeclared = undeclared_incidents(store, [report])
    (claim,) = report.claims
    what = "recorded" if result.recorded else "already recorded"
    print(f"{what} {report.identity}: {claim.field} {args.value!r} according to "
          f"{claim.according_to.name} [{claim.according_to.kind}, {claim.hedge}], published "
          f"{describe_time(report.published_at)}; last seq {result.last_seq}")
    for incident in undeclared:
        warn(f"incident {incident!r} is not declared; declare it with `taji-events declare "
             f"{incident} --title T --place P --occurred WHEN`")
    return 0


def register(commands: Commands) -> None:
    """Add ``add-claim``."""
    sub = commands.command(
        "add-claim", _add_claim, "record a claim that has no article text, as a report of its own",
        "For a figure or an attribution heard on a call, at a briefing or read somewhere\n"
        "that is not in the store: the claim carries no text span, and --note says where\n"
        "it came from. It is recorded as revision 0 of a report of its own (by default\n"
        "named after the claim, so entering the same claim twice records it once), and\n"
        "counts in every view like any other claim.")
    sub.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    sub.add_argument("field", metavar="FIELD",
                     help="killed, wounded, rockets_fired, rockets_impacted, attribution, or "
                          "any other field")
    sub.add_argument("value", metavar="VALUE",
                     help="a count as said ('3', 'at least 2', 'about a dozen', 'none'); for "
                          "attribution, the actor named (with --stance)")
    sub.add_argument("--according-to", required=True, metavar="NAME",
                     help="who says it, e.g. 'CJTF-OIR' or 'two U.S. officials'")
    sub.add_argument("--kind", required=True, metavar="K",
                     help=f"the speaker's kind: {', '.join(SPEAKER_KINDS)}")
    sub.add_argument("--hedge", default="reported", metavar="H",
                     help=f"how firmly: {', '.join(HEDGES)} (default: reported)")
    sub.add_argument("--published", required=True, metavar="T",
                     help="when it was said or published: ISO 8601, a date, or news text with "
                          "a zone ('March 11, 2020 6:20pm EST')")
    sub.add_argument("--zone", default=None, metavar="AREA/CITY",
                     help="the IANA zone --published is read in when it names none")
    sub.add_argument("--note", default=None, metavar="TEXT",
                     help="where it came from: 'phone call with the provincial health office', "
                          "a briefing, a reference (default: the speaker and the time)")
    sub.add_argument("--stance", default=None, metavar="S",
                     help=f"for attribution: {', '.join(STANCES)}")
    sub.add_argument("--asserted-by", default="", metavar="NAME",
                     help="for attribution: who holds the actor responsible (default: none named)")
    sub.add_argument("--source", default=None, metavar="NAME",
                     help="the publisher, when not the speaker (default: the speaker)")
    sub.add_argument("--source-kind", default="official_statement", metavar="K",
                     help=f"the publisher's kind: {', '.join(SOURCE_KINDS)} "
                          "(default: official_statement)")
    sub.add_argument("--new-field", action="store_true",
                     help="FIELD is meant as a new field although it is close to one the "
                          "incident has (without it, 'kiled' is refused: did you mean 'killed'?)")
    sub.add_argument("--report-id", default=None, metavar="R",
                     help="report id to record it under (default: one derived from the claim)")
    add_common(sub, json=False)
