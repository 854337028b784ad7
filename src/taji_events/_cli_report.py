"""The ``taji-events report`` command: the interactive HTML belief report.

==================================================  =====================================
command                                             Python API
==================================================  =====================================
``taji-events report INCIDENT --out FILE.html``     :func:`taji_events.report.write_report`
==================================================  =====================================

Kept apart from :mod:`taji_events.cli`, whose ``build_parser`` calls
:func:`register`. Errors are :class:`~taji_events.errors.TajiEventsError`
subclasses, printed by the main command line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from taji_events.policies import POLICIES
from taji_events.report import write_report
from taji_events.store import EventStore

__all__ = ["register"]

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str, str], argparse.ArgumentParser]
AddOptions = Callable[[argparse.ArgumentParser], None]
Opener = Callable[[argparse.Namespace], EventStore]


def register(command: Command, add_db: Callable[..., None], add_policy: AddOptions,
             add_mode: AddOptions, add_basis: AddOptions, open_existing: Opener) -> None:
    """Add ``report`` to the parser through ``command``.

    ``add_db`` is called as ``add_db(parser, json=False)``; ``open_existing``
    checks ``--policy`` and opens the store without creating it.
    """

    def report(args: argparse.Namespace) -> int:
        with open_existing(args) as store:
            path = write_report(store, args.incident, args.out, policy=args.policy, mode=args.mode,
                                basis_seq=args.basis_seq)
        print(f"wrote {path} (policy {args.policy} shown first of {', '.join(POLICIES)}; "
              f"mode {args.mode})")
        return 0

    sub = command(
        "report", report, "write an interactive HTML report of an incident's beliefs",
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
    add_db(sub, json=False)
