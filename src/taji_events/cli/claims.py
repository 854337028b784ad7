"""``taji-events claims``: the flat claims table, one row per claim.

Mirrors :func:`taji_events.claims_table.claim_rows` and
:func:`taji_events.claims_table.write_claims`; the columns are in
docs/exports.md.
"""

from __future__ import annotations

import argparse
import sys

from taji_events.active_claims import MODES
from taji_events.claims_table import claim_rows, write_claims
from taji_events.cli.options import (
    Commands,
    add_common,
    add_quiet,
    naming_incident,
    open_existing,
    table_file_format,
)
from taji_events.cli.output import ProgressCallback
from taji_events.errors import InvalidQueryError
from taji_events.table_files import FORMATS

__all__ = ["register"]


def register(commands: Commands) -> None:
    """Add ``claims`` to the parser through ``command``."""

    def claims(args: argparse.Namespace) -> int:
        # Check every option before touching the store or the output.
        args.format = table_file_format(args.format, args.out, FORMATS)
        if args.format == "parquet" and args.out is None:
            raise InvalidQueryError("--format parquet writes a binary file: add --out FILE.parquet")
        if args.mode is not None and args.at is None:
            raise InvalidQueryError("--mode only applies with --at (without --at every recorded "
                                    "report counts); add --at T or drop --mode")
        if args.mode is not None and args.mode not in MODES:
            raise InvalidQueryError(f"--mode {args.mode!r} is not a known mode; use one of "
                                    f"{', '.join(MODES)}")
        with open_existing(args) as store, naming_incident(store, *args.incidents), \
                ProgressCallback("claims: reading", quiet=args.quiet) as progress:
            rows = claim_rows(store, args.incidents, at=args.at, mode=args.mode or "certain",
                              progress=progress)
        write_claims(rows, args.out or sys.stdout, format=args.format)
        if args.out:
            print(f"wrote {len(rows)} claim row{'s' if len(rows) != 1 else ''} ({args.format}) "
                  f"to {args.out}")
        return 0

    sub = commands.command(
        "claims", claims, "write the claims table: one row per claim about some incidents",
        "Writes one row per claim about each INCIDENT: the figure or the attribution, hedge,\n"
        "who said it (speaker and kind), the source, report and revision, the publication\n"
        "window, when it was recorded (recorded_at, seq), the evidence and its offsets, and\n"
        "its status (active, or withdrawn when its report was retracted). Without --at\n"
        "every recorded revision counts; with --at, what was published by then. CSV, JSON\n"
        "Lines or Parquet (needs the parquet extra), to standard output or --out (replaced\n"
        "atomically). Columns: docs/exports.md.")
    sub.add_argument("incidents", nargs="+", metavar="INCIDENT",
                     help="incident id(s), e.g. taji-2020-03-11, in this order")
    sub.add_argument("--format", default=None, metavar="F",
                     help=f"output format: {', '.join(FORMATS)} (default: the one --out ends in, "
                          "else csv; parquet needs --out)")
    sub.add_argument("--at", default=None, metavar="T",
                     help="publication time: ISO 8601 with a zone, or a date "
                          "(default: everything recorded)")
    sub.add_argument("--mode", default=None, metavar="M",
                     help=f"with --at, which reports count as published ({', '.join(MODES)}; "
                          "default: certain)")
    sub.add_argument("--out", default=None, metavar="FILE",
                     help="file to write, replaced atomically (default: standard output)")
    add_common(sub, json=False)
    add_quiet(sub)
