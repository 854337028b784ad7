"""The ``taji-events report`` command: the interactive HTML belief report.

==================================================  =====================================
command                                             Python API
==================================================  =====================================
``taji-events report INCIDENT --out FILE.html``     :func:`taji_events.report.write_report`
==================================================  =====================================

Errors are :class:`~taji_events.errors.TajiEventsError` subclasses, printed by
the main command line.
"""

from __future__ import annotations

import argparse

from taji_events.cli.options import (
    Commands,
    add_basis,
    add_common,
    add_mode,
    add_policy,
    add_quiet,
    naming_incident,
    open_existing,
)
from taji_events.cli.output import ProgressCallback
from taji_events.policies import POLICIES
from taji_events.report import write_report

__all__ = ["register"]


def _report(args: argparse.Namespace) -> int:
    with open_existing(args) as store, naming_incident(store, args.incident), \
            ProgressCallback("report", quiet=args.quiet, unit="claim move") as progress:
        path = write_report(store, args.incident, args.out, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq, progress=progress)
    print(f"wrote {path} (policy {args.policy} shown first of {', '.join(POLICIES)}; "
          f"mode {args.mode})")
    return 0


def register(commands: Commands) -> None:
    """Add ``report``."""
    sub = commands.command(
        "report", _report, "write an interactive HTML report of an incident's beliefs",
        "Writes one self-contained HTML file (no network needed; open it from disk): for\n"
        "each field the low..best..high band over publication time with a marker per\n"
        "claim (who said it, hedge, quoted evidence, publication time), disputed\n"
        "stretches, the attribution matrix, a time control that sets T and shows the\n"
        "state believed at T, and a switch between all policies (--policy is shown\n"
        "first). The file is replaced atomically: a failed write leaves nothing behind.")
    sub.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    sub.add_argument("--out", required=True, metavar="FILE.html",
                     help="HTML file to write (its folder must exist)")
    add_policy(sub)
    add_mode(sub)
    add_basis(sub)
    add_common(sub, json=False)
    add_quiet(sub)
