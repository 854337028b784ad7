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
``taji-events extract FILE --incident ID``     :func:`taji_events.extract.extract_events`
``taji-events evaluate GOLD.json TEXTS_DIR``   :func:`taji_events.extract.evaluate.evaluate`
``taji-events export [--to FILE]``             :func:`taji_events.transfer.export_jsonl`
``taji-events import FILE``                    :func:`taji_events.transfer.import_jsonl`
``taji-events verify``                         :meth:`EventStore.verify`
``taji-events report INCIDENT --out FILE``     :func:`taji_events.report.write_report`
``taji-events export-rows INCIDENT --style S`` :func:`taji_events.exports.export_rows`
=============================================  ==========================================

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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from taji_events import __version__, open_store
from taji_events._cli_extract import add_ingest_options, extracted_events, register
from taji_events._cli_format import (
    dumps_json,
    format_ingest,
    format_state,
    format_timeline,
)
from taji_events._cli_store import register as register_store_commands
from taji_events.errors import StoreError, TajiEventsError
from taji_events.events import Event
from taji_events.ledger import MODES
from taji_events.policies import POLICIES
from taji_events.postgres import redact
from taji_events.replay import believed_at, explain, known_at, timeline
from taji_events.serialization import read_jsonl
from taji_events.store import EventStore

__all__ = ["DB_ENV_VAR", "DEFAULT_DB", "build_parser", "main"]

PROG: Final = "taji-events"
DB_ENV_VAR: Final = "TAJI_EVENTS_DB"
DEFAULT_DB: Final = "taji_events.db"
_POLICY_NAMES: Final = ", ".join(POLICIES)
_MODE_NAMES: Final = ", ".join(MODES)

Handler = Callable[[argparse.Namespace], int]


class _Failure(TajiEventsError):
    """An input problem found by the command line itself rather than the library."""


# -- the store ---------------------------------------------------------------------------------

def _db_name(args: argparse.Namespace) -> str:
    chosen: str = args.db or os.environ.get(DB_ENV_VAR) or DEFAULT_DB
    return chosen


def _is_url(name: str) -> bool:
    return name.startswith(("postgresql://", "postgres://"))


def _db_path(args: argparse.Namespace) -> Path | str:
    name = _db_name(args)
    return name if _is_url(name) else Path(name)


def _open_existing(args: argparse.Namespace) -> EventStore:
    """Open the store for reading; never create a file as a side effect of a query."""
    policy = getattr(args, "policy", None)
    if policy is not None and policy not in POLICIES:
        # The library's message also offers "a Policy instance", which a shell cannot pass.
        raise _Failure(f"unknown policy {policy!r}; choose one of {_POLICY_NAMES}")
    path = _db_path(args)
    if isinstance(path, Path) and not path.exists():
        raise StoreError(
            f"no store at {path}; run `{PROG} ingest FILE.jsonl... --db {path}` first"
        )
    return open_store(path)


# -- the commands ------------------------------------------------------------------------------

def _ingest(args: argparse.Namespace) -> int:
    # Read and check every file before opening the store: a bad line anywhere
    # means nothing is written, and no empty database is left behind.
    if not args.files and not args.extract:
        raise _Failure("nothing to ingest; give FILE.jsonl... or --extract FILE")
    events: list[Event] = []
    for name in args.files:
        try:
            events.extend(read_jsonl(name))
        except OSError as error:
            raise _Failure(f"cannot read {name}: {error.strerror or error}") from None
    path = _db_path(args)
    events.extend(extracted_events(args, events, path))
    with open_store(path) as store:
        result = store.append(events)
    shown = redact(path) if isinstance(path, str) else path
    print(format_ingest(shown, len(args.files) + len(args.extract), len(events), result))
    return 0


def _state(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        state = believed_at(store, args.incident, args.at, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq)
    print(dumps_json(state.to_json()) if args.json else format_state(state))
    return 0


def _known(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        state = known_at(store, args.incident, args.at, seq=args.seq, policy=args.policy)
    print(dumps_json(state.to_json()) if args.json else format_state(state))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        entries = timeline(store, args.incident, policy=args.policy, mode=args.mode,
                           field=args.field, basis_seq=args.basis_seq)
    if args.json:
        print(dumps_json([entry.to_json() for entry in entries]))
    else:
        print(format_timeline(args.incident, entries, field=args.field))
    return 0


def _explain(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        state = believed_at(store, args.incident, args.at, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq)
    try:
        print(explain(state, args.field))
    except KeyError as error:
        raise _Failure(str(error.args[0])) from None
    return 0


def _incidents(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        names = store.incidents()
        last = store.last_seq()
    if args.json:
        print(dumps_json(names))
    elif names:
        print("\n".join(names))
    else:
        print(f"no incidents yet ({last} events)")
    return 0


# -- the parser --------------------------------------------------------------------------------

_DESCRIPTION: Final = """\
Event-sourced tracking of conflicting reports about violent incidents.
Each report revision is an immutable event in a store; projections
fold them into beliefs (best figure, range, status and reasons); replay shows
what was believed at any publication time ("state") and what had been recorded
at any record time ("known")."""

_EPILOG: Final = f"""\
times: ISO 8601 with a zone ("2020-03-11T23:30Z", "2020-03-11T19:35+03:00") or
a date ("2020-03-13"), which stands for the end of that day in every zone.
A clock time without a zone is refused.

policies: {_POLICY_NAMES} (see docs/policies.md).
store: --db PATH|URL, else ${DB_ENV_VAR}, else ./{DEFAULT_DB} (SQLite file, .jsonl
file, or postgresql:// URL).
errors: printed as "{PROG}: error: ..." on stderr; exit status 2.
docs: docs/cli.md"""


def _add_common(parser: argparse.ArgumentParser, *, json: bool = True) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help=f"store to use: a SQLite file, a .jsonl file or a postgresql:// URL "
             f"(default: ${DB_ENV_VAR}, else ./{DEFAULT_DB})")
    if json:
        parser.add_argument(
            "--json", action="store_true",
            help="print JSON (indented, sorted keys; shape documented in docs/cli.md)")


def _add_policy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy", default="authority", metavar="P",
        help=f"policy that turns active claims into beliefs: {_POLICY_NAMES} "
             "(default: authority)")


def _add_mode(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mode", default="certain", metavar="M",
        help=f"which reports count as published by a time ({_MODE_NAMES}): 'certain' takes "
             "a report once its whole publication window has passed (a date-only report "
             "counts after its day ends everywhere), 'possible' once it may have been "
             "published (default: certain)")


def _add_basis(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--basis-seq", type=int, default=None, metavar="N",
        help="use only events recorded up to seq N (default: everything recorded)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``taji-events`` (for documentation tools and tests).

    Since 0.1.0.
    """
    parser = argparse.ArgumentParser(
        prog=PROG, description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Handler, summary: str, details: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=summary, description=f"{summary}\n\n{details}", epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(handler=handler)
        return sub

    ingest = command(
        "ingest", _ingest, "append events from JSON Lines files to the store",
        "Reads every FILE (one event envelope per line), then appends all their events\n"
        "as one atomic batch, creating the store if needed. Events already in the store\n"
        "are skipped, so ingesting the same file twice records nothing new. A bad line\n"
        "(named FILE:LINE) or a conflicting event means nothing is written.")
    ingest.add_argument("files", nargs="*", metavar="FILE.jsonl",
                        help="JSON Lines file of event envelopes")
    add_ingest_options(ingest)
    _add_common(ingest, json=False)

    state = command(
        "state", _state, "what was believed about an incident at a publication time",
        "Folds every report published by --at (see --mode), using everything recorded\n"
        "so far or up to --basis-seq. Prints one line per field: best figure, low..high\n"
        "(open when unbounded), status and breakdown; then the attribution: leading\n"
        "actor, stance, and whether any group claimed responsibility.")
    state.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    state.add_argument("--at", required=True, metavar="T",
                       help="publication time: ISO 8601 with a zone, or a date")
    _add_policy(state)
    _add_mode(state)
    _add_basis(state)
    _add_common(state)

    known = command(
        "known", _known, "what had been recorded about an incident at a record time",
        "Folds only the events recorded by --at (their recorded_at) or by --seq, whatever\n"
        "their publication time; with neither, everything recorded so far. The answer for\n"
        "a past --at or --seq never changes when more events are ingested.")
    known.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    known.add_argument("--at", default=None, metavar="T",
                       help="record time: ISO 8601 with a zone, or a date (default: now)")
    known.add_argument("--seq", type=int, default=None, metavar="N",
                       help="use only events with seq <= N (default: all)")
    _add_policy(known)
    _add_common(known)

    history = command(
        "timeline", _timeline, "each moment a belief about an incident changed",
        "Replays the incident at every publication moment and prints one line per\n"
        "change: the time (UTC), the field, old -> new belief, and the report revisions\n"
        "(report@revision) or retractions that entered the view at that moment.")
    history.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    history.add_argument("--field", default=None, metavar="F",
                         help="show only this field, e.g. killed (default: every field)")
    _add_policy(history)
    _add_mode(history)
    _add_basis(history)
    _add_common(history)

    why = command(
        "explain", _explain, "why a belief is what it is at a publication time",
        "Names the policy rule, the chosen claim, the lexicon entry behind each vague\n"
        "figure, and every supporting, contradicting and set-aside claim with who said\n"
        "it, in which report, and the exact quoted text with its character offsets.")
    why.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    why.add_argument("field", metavar="FIELD",
                     help="killed, wounded, rockets_fired, rockets_impacted, attribution, "
                          "or any other field a claim names")
    why.add_argument("--at", required=True, metavar="T",
                     help="publication time: ISO 8601 with a zone, or a date")
    _add_policy(why)
    _add_mode(why)
    _add_basis(why)
    _add_common(why, json=False)

    listing = command("incidents", _incidents, "list the incidents in the store",
                      "Prints every incident id named by a declaration or a claim, sorted.")
    _add_common(listing)
    register(commands)
    from taji_events._cli_report import register as register_report  # the HTML report
    register_report(command, _add_common, _add_policy, _add_mode, _add_basis, _open_existing)
    register_store_commands(command, lambda sub: _add_common(sub, json=False), _open_existing,
                            lambda args: _db_path(args))
    from taji_events._cli_rows import register as register_rows  # analyst rows, docs/exports.md
    register_rows(command, lambda sub: _add_common(sub, json=False), _open_existing)
    return parser


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
        return _fail(str(error))
    except BrokenPipeError:
        # The reader went away (`taji-events timeline ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
