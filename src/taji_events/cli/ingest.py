"""``taji-events ingest``: append events from JSON Lines files (and extracted texts) to a store.

Mirrors :func:`taji_events.serialization.read_jsonl` + ``store.append``; with
``--extract`` also :func:`taji_events.extract.extract_events`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Final

from taji_events.cli.extraction import add_ingest_options, extracted_texts
from taji_events.cli.options import (
    PROG,
    CliError,
    Commands,
    add_common,
    add_quiet,
    db_path,
    open_named,
)
from taji_events.cli.output import format_ingest, progress, progress_bar, warn
from taji_events.declarations import declare_incident
from taji_events.errors import IdentityConflictError, TajiEventsError
from taji_events.events import Event, IncidentDeclared, ReportPublished
from taji_events.memory import MemoryStore
from taji_events.opening import append_to_store
from taji_events.postgres import redact
from taji_events.recording import declaration_history, undeclared_incidents
from taji_events.serialization import iter_jsonl
from taji_events.store import EventStore
from taji_events.text_revisions import RecordedReports, RevisionPlan, plan_revisions, recorded_reports

__all__ = ["register"]

_REVISION_IDENTITY: Final = re.compile(r"identity 'report:(?P<report>.+)@(?P<revision>\d+)'")
#: More undeclared incidents than this get one warning between them.
_NAMED_UNDECLARED: Final = 5
_DATE_SUFFIX: Final = re.compile(r"(\d{4}-\d{2}-\d{2})$")


def _looks_like_text(lines: list[bytes]) -> bool:
    """Whether a file given as JSON Lines is prose: its first line is no JSON object."""
    first = next((line.strip() for line in lines if line.strip()), b"")
    return bool(first) and not first.startswith(b"{")


def _ingest(args: argparse.Namespace) -> int:
    # Read and check every file before opening the store: a bad line anywhere
    # means nothing is written, and no empty database is left behind.
    if not args.files and not args.extract:
        raise CliError("nothing to ingest; give FILE.jsonl... or --extract FILE")
    if args.revision is not None and args.revision < 0:
        raise CliError(f"--revision {args.revision}: a revision is a whole number >= 0 (0 is a "
                       "report's first); leave --revision out to record the next one")
    events: list[Event] = []
    for name in args.files:
        try:
            lines = Path(name).read_bytes().splitlines()
        except OSError as error:
            raise CliError(f"cannot read {name}: {error.strerror or error}") from None
        try:
            events.extend(iter_jsonl(progress(lines, f"reading {Path(name).name}",
                                              quiet=args.quiet), name=name))
        except TajiEventsError as error:
            if not _looks_like_text(lines):
                raise
            raise type(error)(f"{error}; {name} looks like article text, not JSON Lines "
                              f"events: read it with --extract {name} --incident ID --source "
                              "NAME") from None
    path = db_path(args)
    extractions = extracted_texts(args, events, path)
    # Incidents the texts recall, declared with --declare-recalled, come first.
    events.extend(event for extraction in extractions for event in extraction.declared)
    texts = [extraction.reports for extraction in extractions]
    recorded: RecordedReports | None = None
    if not texts or (isinstance(path, Path) and not path.exists()):
        # Nothing to compare with: plan before the store exists, so a conflict between
        # the texts themselves leaves no empty store behind.
        recorded = RecordedReports({}, {}, 0)
    plans = [] if recorded is None else _plans(texts, recorded, args.revision)
    if isinstance(path, Path) and not path.exists():
        # A new store: plan against an empty one, and let the store layer create
        # the file only once the append has succeeded (a failure leaves nothing).
        with MemoryStore() as empty:
            events.extend(event for plan in plans for event in plan.events)
            if texts and (args.place or args.incident_date):
                events.extend(_declaration(args, empty, events, texts[0][0].title))
        with progress_bar(len(events), "appending", quiet=args.quiet) as bar:
            result = append_to_store(path, events)
            bar.update(len(events))
        with open_named(path) as store:
            undeclared = undeclared_incidents(store, (item.event for item in result.recorded))
    else:
        with open_named(path) as store:
            if recorded is None:
                recorded = _recorded(store, texts)
                plans = _plans(texts, recorded, args.revision)
            events.extend(event for plan in plans for event in plan.events)
            if texts and (args.place or args.incident_date):
                events.extend(_declaration(args, store, events, texts[0][0].title))
            # The texts were compared with the store as of recorded.last_seq: a writer in
            # between makes this a ConcurrencyError, never two texts under one number.
            try:
                # One atomic batch: the bar says it is under way, and fills when it is written.
                with progress_bar(len(events), "appending", quiet=args.quiet) as bar:
                    result = store.append(events,
                                          expected_seq=recorded.last_seq if texts else None)
                    bar.update(len(events))
            except IdentityConflictError as error:
                raise IdentityConflictError(
                    f"{error}{_next_revision_hint(store, str(error))}") from None
            undeclared = undeclared_incidents(store, (item.event for item in result.recorded))
    shown = redact(path) if isinstance(path, str) else path
    read = len(events) - sum(len(plan.events) for plan in plans) + sum(map(len, texts))
    print(format_ingest(shown, len(args.files) + len(args.extract), read, result))
    for plan in plans:
        if plan.compared:  # a new report's revisions need no comment
            print(plan.describe())
    if len(undeclared) > _NAMED_UNDECLARED:
        shown = ", ".join(undeclared[:_NAMED_UNDECLARED])
        warn(f"{len(undeclared)} incidents are not declared ({shown}, ...): their claims are "
             f"kept, but views show no title, place or date; `{PROG} incidents` lists them, "
             f"and `{PROG} declare INCIDENT --title T --place P --occurred WHEN` declares one")
    for incident in undeclared if len(undeclared) <= _NAMED_UNDECLARED else ():
        warn(f"incident {incident!r} is not declared: its claims are kept, but views show no "
             f"title, place or date; declare it with `{PROG} declare {incident} --title T "
             "--place P --occurred WHEN [--zone AREA/CITY]`")
    return 0


def _declaration(args: argparse.Namespace, store: EventStore, batch: list[Event],
                 headline: str) -> list[IncidentDeclared]:
    """The declaration ``--place``/``--incident-date`` give an undeclared ``--incident``."""
    incident: str = args.incident
    if any(isinstance(event, IncidentDeclared) and event.incident_id == incident for event in batch) \
            or declaration_history(store, incident).declaration is not None:
        return []
    dated = _DATE_SUFFIX.search(incident)
    occurred = args.incident_date or (dated.group(1) if dated else None)
    if occurred is None:
        warn(f"incident {incident!r} is not declared, and --incident-date is missing: give it "
             "(e.g. --incident-date 2021-06-01) to declare the incident with its place")
        return []
    return [declare_incident(incident, title=headline or incident, place=args.place or "",
                             occurred=occurred)]


def _next_revision_hint(store: EventStore, message: str) -> str:
    """For a report revision that conflicts, the number to record the new content under."""
    found = _REVISION_IDENTITY.search(message)
    if found is None:
        return ""
    report_id = found["report"]
    numbers = recorded_reports(store, [report_id]).revisions.get(report_id, {})
    if not numbers:
        return ""
    return (f"; report {report_id!r} has revisions up to {max(numbers)}: give the changed one "
            f"\"revision\": {max(numbers) + 1} in the file (or ingest the article text with "
            "--extract, which numbers it)")


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
    add_quiet(ingest)
    add_common(ingest, json=False)
