"""The text-extraction commands of ``taji-events``: ``extract``, ``evaluate``, ``ingest --extract``.

=================================================================  =====================================
command                                                            Python API
=================================================================  =====================================
``taji-events extract FILE --incident ID [--incidents FILE]``      :func:`taji_events.extract.extract`
``taji-events evaluate GOLD.json TEXTS_DIR [--held-out ...]``      :func:`taji_events.extract.evaluate`
``taji-events ingest --extract FILE --incident ID --source NAME``  ``extract`` + ``store.append``
=================================================================  =====================================

:mod:`taji_events.cli` calls :func:`register`; :mod:`taji_events.cli.ingest` calls
:func:`add_ingest_options` and :func:`extracted_texts`. Errors are
:class:`~taji_events.errors.TajiEventsError` subclasses, printed by the main command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import orjson

from taji_events.cli.options import Commands
from taji_events.errors import TajiEventsError
from taji_events.events import Event, IncidentDeclared
from taji_events.extract import ExtractionError
from taji_events.extract.evaluate import CORE_FIELDS, evaluate
from taji_events.extract.gold import load_gold
from taji_events.extract.incidents import DeclaredIncident, declarations_from
from taji_events.extract.pipeline import Extraction, extract
from taji_events.model import SOURCE_KINDS, Source
from taji_events.opening import open_store_for_reading
from taji_events.serialization import dumps_event, from_envelope

__all__ = ["add_ingest_options", "extracted_texts", "register"]

_EPILOG: Final = """\
times: --published takes ISO 8601 ("2020-03-11", "2020-03-11T19:35+03:00") or news text
with a zone ("March 11, 2020"); without it the text's dateline ("date 2020-03-11") is used.
rules, limits and scores: docs/extraction.md
errors: printed as "taji-events: error: ..." on stderr; exit status 2."""


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExtractionError(f"cannot read {path}: no such file") from None
    except UnicodeDecodeError as error:
        raise ExtractionError(f"cannot read {path}: not UTF-8 text ({error.reason} at byte "
                              f"{error.start})") from None
    except OSError as error:
        raise ExtractionError(f"cannot read {path}: {error.strerror or error}") from None


def _declarations_file(path: str) -> list[IncidentDeclared | dict[str, Any]]:
    """The declarations of ``--incidents FILE``: a JSON list (or a gold file's ``incidents``
    object) of ``{"incident_id", "date", "zone", "place"}``, or JSON Lines of those or of
    ``IncidentDeclared`` envelopes."""
    raw = _read_text(path)
    try:
        data = orjson.loads(raw)
        rows = data if isinstance(data, list) else [data]
    except orjson.JSONDecodeError:
        try:
            rows = [orjson.loads(line) for line in raw.splitlines() if line.strip()]
        except orjson.JSONDecodeError as error:
            raise ExtractionError(f"{path}: neither JSON nor JSON Lines: {error}") from None
    if len(rows) == 1 and isinstance(rows[0], dict) and isinstance(rows[0].get("incidents"), dict):
        rows = [{"id": key, **value} for key, value in rows[0]["incidents"].items()]
    items: list[IncidentDeclared | dict[str, Any]] = []
    for row in rows:
        if isinstance(row, dict) and "type" in row and "data" in row:
            try:
                event = from_envelope(row)
            except TajiEventsError as error:
                raise ExtractionError(f"{path}: {error}") from None
            if isinstance(event, IncidentDeclared):
                items.append(event)
        else:
            items.append(row)
    return items


def _events_from(path: str, args: argparse.Namespace, source_name: str | None,
                 declared: Iterable[DeclaredIncident] = ()) -> Extraction:
    if args.source_kind not in SOURCE_KINDS:
        raise ExtractionError(f"--source-kind {args.source_kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    name = source_name or Path(path).stem
    source = Source(name, args.source_kind, args.zone)
    return extract(_read_text(path), incident=args.incident, source=source,
                   published=args.published, report_id=args.report_id or Path(path).stem,
                   place=args.place, incident_date=args.incident_date, name=path,
                   incidents=declared, declare_recalled=args.declare_recalled)


def _extract(args: argparse.Namespace) -> int:
    declared = declarations_from(_declarations_file(args.incidents), name=args.incidents) \
        if args.incidents else ()
    result = _events_from(args.file, args, args.source, declared)
    events: list[Event] = [*result.declared, *result.reports]
    sys.stdout.write("".join(dumps_event(event).decode() + "\n" for event in events))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    if not Path(args.texts).is_dir():
        raise ExtractionError(f"texts directory {args.texts} does not exist; give the folder "
                              "holding <id>.txt for every article of the gold file")
    result = evaluate(load_gold(args.gold), args.texts, held_out=args.held_out)
    if not args.json:
        print(result.report())
        return 0
    rows = [result.score([field], field) for field in result.fields()]
    rows += [result.score(CORE_FIELDS, "numeric"), result.score(["attribution"], "attribution"),
             result.score(None, "overall")]
    recalled = [result.score(CORE_FIELDS, "numeric", about="recalled"),
                result.score(["attribution"], "attribution", about="recalled"),
                result.score(None, "overall", about="recalled")]
    data = {
        "scores": {row.name: {"gold": row.gold, "extracted": row.extracted, "matched": row.matched,
                              "precision": round(row.precision, 4), "recall": round(row.recall, 4),
                              "f1": round(row.f1, 4)} for row in rows},
        "recalled_incidents": {row.name: {"gold": row.gold, "extracted": row.extracted,
                                          "matched": row.matched} for row in recalled},
        "agreement": {what: dict(zip(("agree", "compared"), result.agreement(what), strict=True))
                      for what in ("according_to", "breakdown", "scope")},
        "leaks": [o.describe() for o in result.outcomes if o.kind == "leak"],
        "misses": [o.describe() for o in result.outcomes if o.kind == "miss"],
        "false_claims": [o.describe() for o in result.outcomes if o.kind == "false"],
    }
    print(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode())
    return 0


def _add_text_options(parser: argparse.ArgumentParser, *, required_incident: bool) -> None:
    parser.add_argument("--incident", required=required_incident, default=None, metavar="ID",
                        help="the report's main incident, e.g. taji-2020-03-11; numbers about other "
                             "incidents are left out")
    parser.add_argument("--published", default=None, metavar="T",
                        help="publication time of the original text (default: its dateline)")
    parser.add_argument("--source-kind", default="news_outlet", metavar="K",
                        help=f"kind of the publisher: {', '.join(SOURCE_KINDS)} (default: news_outlet)")
    parser.add_argument("--zone", default=None, metavar="AREA/CITY",
                        help="the publisher's IANA zone, for times written without one")
    parser.add_argument("--place", default=None, metavar="TEXT",
                        help="the incident's place ('Camp Taji, Iraq'), to tell it from other places")
    parser.add_argument("--incident-date", default=None, metavar="D",
                        help="the incident's date or date range (default: from the incident id, "
                             "else the publication day)")
    parser.add_argument("--report-id", default=None, metavar="R",
                        help="report id of the events (default: the file name without suffix)")
    parser.add_argument("--declare-recalled", action="store_true",
                        help="declare a new incident for each earlier incident the text recalls by "
                             "date that no declaration covers, and file its claims there "
                             "(default: leave them out)")


def register(registry: Commands) -> None:
    """Add ``extract`` and ``evaluate`` to the ``taji-events`` subcommands.

    Since 0.1.0.
    """
    commands = registry.subparsers
    formatter = argparse.RawDescriptionHelpFormatter
    summary = "print the events extracted from an article text, without storing them"
    extract = commands.add_parser(
        "extract", help=summary, epilog=_EPILOG, formatter_class=formatter,
        description=f"{summary}\n\nReads FILE (UTF-8 article text) and prints one ReportPublished "
                    "envelope per\nrevision (update sections become revisions) as JSON Lines, "
                    "each claim with\nthe exact quoted evidence and its offsets. Nothing is written.")
    extract.add_argument("file", metavar="FILE", help="article text (UTF-8)")
    extract.add_argument("--source", default=None, metavar="NAME",
                         help="publisher name (default: the file name without suffix)")
    _add_text_options(extract, required_incident=True)
    extract.add_argument("--incidents", default=None, metavar="FILE",
                         help="declared incidents to route recalled ones to: JSON or JSON Lines of "
                              '{"incident_id", "date", "zone", "place"} or IncidentDeclared envelopes')
    extract.set_defaults(handler=_extract)

    summary = "score extraction against a gold file: precision, recall and F1 per field"
    scoring = commands.add_parser(
        "evaluate", help=summary, epilog=_EPILOG, formatter_class=formatter,
        description=f"{summary}\n\nExtracts from TEXTS_DIR/<id>.txt for every article of GOLD.json "
                    "and prints\nprecision, recall and F1 per field, for the core numeric fields, "
                    "attribution\nand overall, agreement on who said it and on breakdowns, then "
                    "every miss and\nevery false claim with its quoted span (docs/extraction.md).")
    scoring.add_argument("gold", metavar="GOLD.json", help="gold file (format in docs/extraction.md)")
    scoring.add_argument("texts", metavar="TEXTS_DIR", help="folder holding <id>.txt per article")
    scoring.add_argument("--json", action="store_true",
                         help="print the scores, misses and false claims as JSON")
    scoring.add_argument("--held-out", choices=("only", "exclude", "include"), default="exclude",
                         help="score the articles marked held_out only, leave them out (default), "
                              "or include them")
    scoring.set_defaults(handler=_evaluate)


def add_ingest_options(ingest: argparse.ArgumentParser) -> None:
    """Add ``--extract FILE`` (and the options it needs) to the ``ingest`` subcommand.

    Since 0.1.0.
    """
    ingest.add_argument("--extract", action="append", default=[], metavar="FILE",
                        help="also extract events from this article text (repeatable); needs "
                             "--incident and --source")
    ingest.add_argument("--source", default=None, metavar="NAME",
                        help="publisher of the --extract texts")
    ingest.add_argument("--revision", type=int, default=None, metavar="N",
                        help="record the --extract text as revision N of its report (default: "
                             "revision 0 of a new report; for a recorded one, nothing when the "
                             "text is unchanged, else the revisions after the latest)")
    _add_text_options(ingest, required_incident=False)


def extracted_texts(args: argparse.Namespace, known: Iterable[Event] = (),
                    store: str | Path | None = None) -> list[Extraction]:
    """What every ``--extract`` file of an ``ingest`` command gives, one
    :class:`~taji_events.extract.pipeline.Extraction` per file (none without
    ``--extract``): its revisions and the recalled incidents it declares.

    Claims are routed to the incidents declared in the store at ``store`` (read only
    when it exists: nothing is created) and in ``known`` (the events ingested with
    them, which win); with ``--declare-recalled`` the new declarations come first.
    Raises :class:`ExtractionError` when ``--incident`` or ``--source`` is missing.
    Since 0.1.0.
    """
    files: list[str] = args.extract or []
    if not files:
        return []
    if not args.incident or not args.source:
        raise ExtractionError("ingest --extract needs --incident ID and --source NAME, e.g. "
                              "--extract article.txt --incident taji-2020-03-11 --source Reuters")
    if args.revision is not None and len(files) > 1:
        raise ExtractionError("--revision numbers one text; give one --extract FILE with it")
    found: dict[str, IncidentDeclared] = {}
    if store is not None and not (isinstance(store, Path) and not store.exists()):
        with open_store_for_reading(store) as opened:
            for recorded in opened.read():
                if isinstance(recorded.event, IncidentDeclared):
                    found[recorded.event.incident_id] = recorded.event
    found.update({event.incident_id: event for event in known if isinstance(event, IncidentDeclared)})
    declared = declarations_from(found.values(), name="declared incidents")
    return [_events_from(path, args, args.source, declared) for path in files]
