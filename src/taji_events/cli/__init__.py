"""The ``taji-events`` command line: the Python API, one subcommand per function.

=============================================  ==========================================
command                                        Python API
=============================================  ==========================================
``taji-events ingest FILE.jsonl...``           :func:`read_jsonl` + ``store.append``
``taji-events state INCIDENT --at T``          :func:`believed_at`
``taji-events known INCIDENT [--at T|--seq N]`` :func:`known_at`
``taji-events timeline INCIDENT``              :func:`timeline`
``taji-events explain INCIDENT FIELD --at T``  :func:`explain` of :func:`believed_at`
``taji-events incidents``                      ``store.incidents()``
``taji-events declare INCIDENT ...``           :func:`taji_events.recording.record_declaration`
``taji-events amend INCIDENT ...``             :func:`taji_events.recording.record_amendment`
``taji-events add-claim INCIDENT FIELD VALUE`` :func:`taji_events.recording.hand_claim_report`
``taji-events extract FILE --incident ID``     :func:`taji_events.extract.extract_events`
``taji-events evaluate GOLD.json TEXTS_DIR``   :func:`taji_events.extract.evaluate.evaluate`
``taji-events export [--to FILE]``             :func:`taji_events.transfer.export_jsonl`
``taji-events import FILE``                    :func:`taji_events.transfer.import_jsonl`
``taji-events verify``                         :meth:`EventStore.verify`
``taji-events report INCIDENT --out FILE``     :func:`taji_events.report.write_report`
``taji-events export-rows INCIDENT --style S`` :func:`taji_events.exports.export_rows`
``taji-events claims INCIDENT... --format F``  :func:`taji_events.claims_table.claim_rows`
=============================================  ==========================================

One module per command group: :mod:`~taji_events.cli.ingest`,
:mod:`~taji_events.cli.declarations`, :mod:`~taji_events.cli.claims_by_hand`,
:mod:`~taji_events.cli.queries`,
:mod:`~taji_events.cli.extraction`,
:mod:`~taji_events.cli.report`, :mod:`~taji_events.cli.store_admin`,
:mod:`~taji_events.cli.rows` and :mod:`~taji_events.cli.claims`; the options they share are in
:mod:`~taji_events.cli.options`, the text and JSON they print in
:mod:`~taji_events.cli.output`.

The store is named by ``--db``, else ``$TAJI_EVENTS_DB``, else
``./taji_events.db``: a SQLite file, a ``.jsonl`` file, or a
``postgresql://`` URL (see :func:`taji_events.open_store`). Only ``ingest``
and ``import`` create one. Every
:class:`~taji_events.errors.TajiEventsError` is printed as
``taji-events: error: <message>`` on stderr with exit status 2. See docs/cli.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Final

from taji_events.cli import (
    claims,
    claims_by_hand,
    declarations,
    extraction,
    ingest,
    queries,
    report,
    rows,
    store_admin,
)
from taji_events.cli.options import DB_ENV_VAR, DEFAULT_DB, EPILOG, PROG, Commands, Handler
from taji_events.cli.output import cli_message
from taji_events.errors import TajiEventsError

__all__ = ["DB_ENV_VAR", "DEFAULT_DB", "build_parser", "main"]

_DESCRIPTION: Final = """\
Event-sourced tracking of conflicting reports about violent incidents.
Each report revision is an immutable event in a store; projections
fold them into beliefs (best figure, range, status and reasons); replay shows
what was believed at any publication time ("state") and what had been recorded
at any record time ("known")."""


def _version() -> str:
    try:
        return version("taji_events")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``taji-events`` (for documentation tools and tests).

    Since 0.1.0.
    """
    parser = argparse.ArgumentParser(
        prog=PROG, description=_DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    commands = Commands(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    for group in (ingest, declarations, claims_by_hand, queries, extraction, report, store_admin,
                  rows, claims):
        group.register(commands)
    return parser


def _options(parser: argparse.ArgumentParser, command: str) -> set[str]:
    """Every option string of subcommand ``command``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub: argparse.ArgumentParser = action.choices[command]
            return {flag for each in sub._actions for flag in each.option_strings}
    return set()


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``taji-events`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    0 on success; 2 for a usage error or any
    :class:`~taji_events.errors.TajiEventsError` (printed as
    ``taji-events: error: <message>`` on stderr, without a traceback).
    Since 0.1.0.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    handler: Handler = args.handler
    try:
        return handler(args)
    except TajiEventsError as error:
        return _fail(cli_message(str(error), _options(parser, args.command)))
    except BrokenPipeError:
        # The reader went away (`taji-events timeline ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
