"""``taji-events ingest``: append events from JSON Lines files (and extracted texts) to a store.

Mirrors :func:`taji_events.serialization.read_jsonl` + ``store.append``; with
``--extract`` also :func:`taji_events.extract.extract_events`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from taji_events.cli.extraction import add_ingest_options, extracted_texts
from taji_events.cli.options import CliError, Commands, add_common, db_path, open_named
from taji_events.cli.output import format_ingest
from taji_events.events import Event, ReportPublished
from taji_events.postgres import redact
from taji_events.serialization import read_jsonl
from taji_events.store import EventStore
from taji_events.text_revisions import RecordedReports, RevisionPlan, plan_revisions, recorded_reports

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
    texts = extracted_texts(args)
    path = db_path(args)
    recorded: RecordedReports | None = None
    if not texts or (isinstance(path, Path) and not path.exists()):
        # Nothing to compare with: plan before the store exists, so a conflict between
        # the texts themselves leaves no empty store behind.
        recorded = RecordedReports({}, {}, 0)
    plans = [] if recorded is None else _plans(texts, recorded, args.revision)
    with open_named(path) as store:
        if recorded is None:
            recorded = _recorded(store, texts)
            plans = _plans(texts, recorded, args.revision)
        events.extend(event for plan in plans for event in plan.events)
        # The texts were compared with the store as of recorded.last_seq: a writer in
        # between makes this a ConcurrencyError, never two texts under one number.
        result = store.append(events, expected_seq=recorded.last_seq if texts else None)
    shown = redact(path) if isinstance(path, str) else path
    read = len(events) - sum(len(plan.events) for plan in plans) + sum(map(len, texts))
    print(format_ingest(shown, len(args.files) + len(args.extract), read, result))
    for plan in plans:
        if plan.compared:  # a new report's revisions need no comment
            print(plan.describe())
    return 0


def _recorded(store: EventStore, texts: list[tuple[ReportPublished, ...]]) -> RecordedReports:
    return recorded_reports(store, {revisions[0].report_id for revisions in texts})


def _plans(texts: list[tuple[ReportPublished, ...]], recorded: RecordedReports,
           revision: int | None) -> list[RevisionPlan]:
    """What each text adds, each one planned after the texts before it."""
    plans = []
    for revisions in texts:
        plan = plan_revisions(revisions, recorded, revision=revision)
        recorded = recorded.with_events(plan.events)
        plans.append(plan)
    return plans


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
