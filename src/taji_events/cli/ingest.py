"""``taji-events ingest``: append events from JSON Lines files (and extracted texts) to a store.

Mirrors :func:`taji_events.serialization.read_jsonl` + ``store.append``; with
``--extract`` also :func:`taji_events.extract.extract_events`.
"""

from __future__ import annotations

import argparse

from taji_events.cli.extraction import add_ingest_options, extracted_events
from taji_events.cli.options import CliError, Commands, add_common, db_path, open_named
from taji_events.cli.output import format_ingest
from taji_events.events import Event
from taji_events.postgres import redact
from taji_events.serialization import read_jsonl

__all__ = ["register"]


def _ingest(args: argparse.Namespace) -> int:
    # Read and check every file before opening the store: a bad line anywhere
    # means nothing is written, and no empty database is left behind.
    if not args.files and not args.extract:
        raise CliError("nothing to ingest; give FILE.jsonl... or --extract FILE")
    events: list[Event] = []
    for name in args.files:
        try:
            events.extend(read_jsonl(name))
        except OSError as error:
            raise CliError(f"cannot read {name}: {error.strerror or error}") from None
    events.extend(extracted_events(args))
    path = db_path(args)
    with open_named(path) as store:
        result = store.append(events)
    shown = redact(path) if isinstance(path, str) else path
    print(format_ingest(shown, len(args.files) + len(args.extract), len(events), result))
    return 0


def register(commands: Commands) -> None:
    """Add ``ingest``."""
    ingest = commands.command(
        "ingest", _ingest, "append events from JSON Lines files to the store",
        "Reads every FILE (one event envelope per line), then appends all their events\n"
        "as one atomic batch, creating the store if needed. Events already in the store\n"
        "are skipped, so ingesting the same file twice records nothing new. A bad line\n"
        "(named FILE:LINE) or a conflicting event means nothing is written.")
    ingest.add_argument("files", nargs="*", metavar="FILE.jsonl",
                        help="JSON Lines file of event envelopes")
    add_ingest_options(ingest)
    add_common(ingest, json=False)
