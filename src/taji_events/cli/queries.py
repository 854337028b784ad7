"""``taji-events`` queries: ``state``, ``known``, ``timeline``, ``explain``, ``incidents``.

=============================================  ==========================================
command                                        Python API
=============================================  ==========================================
``taji-events state INCIDENT --at T``          :func:`taji_events.replay.believed_at`
``taji-events known INCIDENT [--at T|--seq N]`` :func:`taji_events.replay.known_at`
``taji-events timeline INCIDENT``              :func:`taji_events.replay.timeline`
``taji-events explain INCIDENT FIELD --at T``  :func:`taji_events.replay.explain`
``taji-events incidents``                      ``store.incidents()``
=============================================  ==========================================
"""

from __future__ import annotations

import argparse

from taji_events.cli.options import (
    CliError,
    Commands,
    add_basis,
    add_common,
    add_mode,
    add_policy,
    open_existing,
)
from taji_events.cli.output import dumps_json, format_state, format_timeline
from taji_events.replay import believed_at, explain, known_at, timeline

__all__ = ["register"]


def _state(args: argparse.Namespace) -> int:
    with open_existing(args) as store:
        state = believed_at(store, args.incident, args.at, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq)
    print(dumps_json(state.to_json()) if args.json else format_state(state))
    return 0


def _known(args: argparse.Namespace) -> int:
    with open_existing(args) as store:
        state = known_at(store, args.incident, args.at, seq=args.seq, policy=args.policy)
    print(dumps_json(state.to_json()) if args.json else format_state(state))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    with open_existing(args) as store:
        entries = timeline(store, args.incident, policy=args.policy, mode=args.mode,
                           field=args.field, basis_seq=args.basis_seq)
    if args.json:
        print(dumps_json([entry.to_json() for entry in entries]))
    else:
        print(format_timeline(args.incident, entries, field=args.field))
    return 0


def _explain(args: argparse.Namespace) -> int:
    with open_existing(args) as store:
        state = believed_at(store, args.incident, args.at, policy=args.policy, mode=args.mode,
                            basis_seq=args.basis_seq)
    try:
        print(explain(state, args.field))
    except KeyError as error:
        raise CliError(str(error.args[0])) from None
    return 0


def _incidents(args: argparse.Namespace) -> int:
    with open_existing(args) as store:
        names = store.incidents()
        last = store.last_seq()
    if args.json:
        print(dumps_json(names))
    elif names:
        print("\n".join(names))
    else:
        print(f"no incidents yet ({last} events)")
    return 0


def register(commands: Commands) -> None:
    """Add ``state``, ``known``, ``timeline``, ``explain`` and ``incidents``."""
    state = commands.command(
        "state", _state, "what was believed about an incident at a publication time",
        "Folds every report published by --at (see --mode), using everything recorded\n"
        "so far or up to --basis-seq. Prints one line per field: best figure, low..high\n"
        "(open when unbounded), status and breakdown; then the attribution: leading\n"
        "actor, stance, and whether any group claimed responsibility.")
    state.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    state.add_argument("--at", required=True, metavar="T",
                       help="publication time: ISO 8601 with a zone, or a date")
    add_policy(state)
    add_mode(state)
    add_basis(state)
    add_common(state)

    known = commands.command(
        "known", _known, "what had been recorded about an incident at a record time",
        "Folds only the events recorded by --at (their recorded_at) or by --seq, whatever\n"
        "their publication time; with neither, everything recorded so far. The answer for\n"
        "a past --at or --seq never changes when more events are ingested.")
    known.add_argument("incident", metavar="INCIDENT", help="incident id, e.g. taji-2020-03-11")
    known.add_argument("--at", default=None, metavar="T",
                       help="record time: ISO 8601 with a zone, or a date (default: now)")
    known.add_argument("--seq", type=int, default=None, metavar="N",
                       help="use only events with seq <= N (default: all)")
    add_policy(known)
    add_common(known)

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
    add_common(history)

    why = commands.command(
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
    add_policy(why)
    add_mode(why)
    add_basis(why)
    add_common(why, json=False)

    listing = commands.command("incidents", _incidents, "list the incidents in the store",
                               "Prints every incident id named by a declaration or a claim, sorted.")
    add_common(listing)
