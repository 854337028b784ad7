"""``taji-events export-rows``: analyst rows in the style of UCDP GED, ACLED or Airwars.

Mirrors :func:`taji_events.exports.export_rows` and
:func:`taji_events.exports.write_rows`; columns and rules are in docs/exports.md.
"""

from __future__ import annotations

import argparse
import sys

from taji_events.active_claims import MODES
from taji_events.cli.options import (
    Commands,
    add_common,
    did_you_mean,
    naming_incident,
    open_existing,
    table_file_format,
)
from taji_events.errors import InvalidQueryError
from taji_events.exports import FORMATS, STYLE_POLICIES, STYLES, export_rows, write_rows

__all__ = ["register"]


def register(commands: Commands) -> None:
    """Add ``export-rows``."""

    def rows(args: argparse.Namespace) -> int:
        # Check every option before touching the store or the output.
        if args.style not in STYLES:
            raise InvalidQueryError(f"--style {args.style!r} is not a known style"
                                    f"{did_you_mean(args.style, STYLES)}; use one of "
                                    f"{', '.join(STYLES)}")
        args.format = table_file_format(args.format, args.out, FORMATS)
        if args.mode is not None and args.at is None:
            raise InvalidQueryError("--mode only applies with --at (without --at every recorded "
                                    "report counts); add --at T or drop --mode")
        with open_existing(args) as store, naming_incident(store, *args.incidents):
            made = export_rows(store, args.incidents, style=args.style, at=args.at,
                               mode=args.mode or "certain")
        write_rows(made, args.out or sys.stdout, style=args.style, format=args.format)
        if args.out:
            print(f"wrote {len(made)} {args.style} row{'s' if len(made) != 1 else ''} "
                  f"({args.format}) to {args.out}")
        return 0

    styles = ", ".join(f"{name} ({policy} policy)" for name, policy in STYLE_POLICIES.items())
    sub = commands.command(
        "export-rows", rows, "write one analyst row per incident (UCDP, ACLED or Airwars style)",
        "Writes one row per INCIDENT in the style of UCDP GED (low/best/high deaths and\n"
        "sources), ACLED (conservative fatalities, actor1, notes on disputes) or Airwars\n"
        "(killed/injured min-max and a grade), as CSV or JSON Lines, to standard output or\n"
        "--out (replaced atomically: whole or untouched). Without --at everything recorded\n"
        "counts; with --at, what was believed at that publication time. Every column is\n"
        "documented in docs/exports.md.")
    sub.add_argument("incidents", nargs="+", metavar="INCIDENT",
                     help="incident id(s), e.g. taji-2020-03-11; one row each, in this order")
    sub.add_argument("--style", required=True, metavar="S", help=f"row style: {styles}")
    sub.add_argument("--format", default=None, metavar="F",
                     help=f"output format: {', '.join(FORMATS)} (default: the one --out ends in, "
                          "else csv)")
    sub.add_argument("--at", default=None, metavar="T",
                     help="publication time: ISO 8601 with a zone, or a date "
                          "(default: everything recorded)")
    sub.add_argument("--mode", default=None, metavar="M",
                     help=f"with --at, which reports count as published ({', '.join(MODES)}; "
                          "default: certain)")
    sub.add_argument("--out", default=None, metavar="FILE",
                     help="file to write, replaced atomically (default: standard output)")
    add_common(sub, json=False)
