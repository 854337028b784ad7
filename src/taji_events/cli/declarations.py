"""``taji-events declare`` and ``amend``: an incident's declaration, and corrections to it.

They mirror :func:`taji_events.recording.record_declaration` and
:func:`taji_events.recording.record_amendment`.
"""

from __future__ import annotations

import argparse
from typing import Final

from taji_events.cli.options import (
    CliError,
    Commands,
    add_common,
    db_path,
    open_existing,
    open_named,
)
from taji_events.events import AMENDABLE, IncidentDeclared
from taji_events.recording import declaration_history, record_amendment, record_declaration
from taji_events.timepoint import format_utc

__all__ = ["describe_declaration", "register"]

_OCCURRED_HELP: Final = ("when it happened: a local time read in --zone ('2021-06-01 23:40'), a "
                         "time with an offset ('2021-06-01T23:40+03:00'), a date ('2021-06-01') "
                         "or an interval ('2021-06-01/2021-06-02')")


def describe_declaration(declared: IncidentDeclared) -> str:
    """``id: title, place (country), occurred <text> = <UTC window>``."""
    when = declared.occurred_at
    window = format_utc(when.lower) if when.lower == when.upper \
        else f"{format_utc(when.lower)} .. {format_utc(when.upper)}"
    country = f" ({declared.country})" if declared.country else ""
    zone = f" {declared.zone}" if declared.zone and declared.zone not in when.text else ""
    return (f"{declared.incident_id}: {declared.title}, {declared.place}{country}; occurred "
            f"{when.text}{zone} ({when.precision}, {window})")


def _declare(args: argparse.Namespace) -> int:
    with open_named(db_path(args)) as store:
        before = store.last_seq()
        declared = record_declaration(
            store, args.incident, title=args.title, place=args.place, occurred=args.occurred,
            zone=args.zone, country=args.country, description=args.description)
        new = store.last_seq() > before
    print(("declared " if new else "already declared: ") + describe_declaration(declared))
    return 0


#: The options of `amend` that change the declaration.
_CHANGES: Final = ("title", "place", "occurred", "zone", "country", "description")


def _amend(args: argparse.Namespace) -> int:
    changes = {name: getattr(args, name) for name in _CHANGES}
    if all(value is None for value in changes.values()):
        raise CliError(f"amend {args.incident}: nothing to change; give at least one of "
                       f"{', '.join('--' + name for name in _CHANGES)}")
    with open_existing(args) as store:
        amendment = record_amendment(store, args.incident, reason=args.reason, **changes)
        current = declaration_history(store, args.incident).current
    changed = ", ".join(name for name in AMENDABLE if getattr(amendment, name) is not None)
    print(f"amendment {amendment.amendment} of {args.incident} ({changed}); now:")
    if current is not None:
        print(describe_declaration(current))
    return 0


def _add_incident_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. market-2021-06-01")
    parser.add_argument("--title", required=required, default=None, metavar="T",
                        help="what happened, e.g. 'Rocket attack on Camp Taji'")
    parser.add_argument("--place", required=required, default=None, metavar="P",
                        help="where, e.g. 'Camp Taji, Iraq'")
    parser.add_argument("--country", default=None, metavar="CC",
                        help="ISO 3166 alpha-2 country code, e.g. IQ")
    parser.add_argument("--occurred", required=required, default=None, metavar="WHEN",
                        help=_OCCURRED_HELP)
    parser.add_argument("--zone", default=None, metavar="AREA/CITY",
                        help="the place's IANA zone, e.g. Asia/Baghdad: how --occurred is read "
                             "when it names no zone" + (
                                 "" if required else " (default for amend: the zone the "
                                 "incident was declared with)"))


def register(commands: Commands) -> None:
    """Add ``declare`` and ``amend``."""
    declare = commands.command(
        "declare", _declare, "declare an incident: its title, place and occurrence time",
        "Appends an IncidentDeclared event, creating the store if needed. The time is\n"
        "given as people write it, in the place's zone; it is kept as a window (a\n"
        "minute, a day, an interval) with the text it was read from. Declaring the same\n"
        "incident again with the same values records nothing; different values are\n"
        "refused: correct a declaration with `amend`.")
    _add_incident_options(declare, required=True)
    declare.add_argument("--description", default="", metavar="D",
                         help="a sentence or two about the incident")
    add_common(declare, json=False)

    amend = commands.command(
        "amend", _amend, "correct an incident's title, place, time or description",
        "Appends an IncidentAmended event numbered after the incident's last amendment.\n"
        "Only the options given change; the declaration and earlier amendments stay\n"
        "recorded, and every view reads the declaration as amended. A local --occurred\n"
        "without --zone is read in the zone the incident was declared with.")
    _add_incident_options(amend, required=False)
    amend.add_argument("--description", default=None, metavar="D",
                       help="a sentence or two about the incident")
    amend.add_argument("--reason", default="", metavar="WHY",
                       help="why the declaration is corrected, e.g. 'the district was misreported'")
    add_common(amend, json=False)
