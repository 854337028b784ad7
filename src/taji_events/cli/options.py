"""Options and store opening shared by every ``taji-events`` command.

One place for ``--db`` (and how it names a store), ``--json``, ``--policy``,
``--mode`` and ``--basis-seq``, the epilog every command shows, and the
:class:`Commands` registry through which each command module adds its
subcommands.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Final

from taji_events.active_claims import MODES
from taji_events.errors import TajiEventsError, UnknownIncidentError
from taji_events.opening import open_named_store, open_store_for_reading
from taji_events.policies import POLICIES
from taji_events.store import EventStore

__all__ = [
    "DB_ENV_VAR",
    "DEFAULT_DB",
    "EPILOG",
    "MODE_NAMES",
    "POLICY_NAMES",
    "PROG",
    "CliError",
    "Commands",
    "Handler",
    "add_basis",
    "add_common",
    "add_format",
    "add_mode",
    "add_policy",
    "add_quiet",
    "db_path",
    "did_you_mean",
    "naming_incident",
    "open_existing",
    "open_named",
    "output_format",
    "seq_number",
    "table_file_format",
]

PROG: Final = "taji-events"
DB_ENV_VAR: Final = "TAJI_EVENTS_DB"
DEFAULT_DB: Final = "taji_events.db"
POLICY_NAMES: Final = ", ".join(POLICIES)
MODE_NAMES: Final = ", ".join(MODES)

Handler = Callable[[argparse.Namespace], int]


class CliError(TajiEventsError):
    """An input problem found by the command line itself rather than the library."""


EPILOG: Final = f"""\
times: ISO 8601 with a zone ("2020-03-11T23:30Z", "2020-03-11T19:35+03:00") or
a date ("2020-03-13"), which stands for the end of that day in every zone.
A clock time without a zone is refused.

policies: {POLICY_NAMES} (see docs/policies.md).
store: --db PATH|URL, else ${DB_ENV_VAR}, else ./{DEFAULT_DB} (SQLite file, .jsonl
file, or postgresql:// URL).
errors: printed as "{PROG}: error: ..." on stderr; exit status 2.
docs: docs/cli.md"""


class Commands:
    """The subcommands of ``taji-events``, added in the order help lists them."""

    def __init__(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        self.subparsers = subparsers

    def command(self, name: str, handler: Handler, summary: str, details: str, *,
                epilog: str = EPILOG) -> argparse.ArgumentParser:
        """Add subcommand ``name``: ``summary`` is its one-line help, ``details``
        the paragraph ``COMMAND --help`` shows under it."""
        sub = self.subparsers.add_parser(
            name, help=summary, description=f"{summary}\n\n{details}", epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(handler=handler)
        return sub


# -- the store ---------------------------------------------------------------------------------

def _db_name(args: argparse.Namespace) -> str:
    chosen: str = args.db or os.environ.get(DB_ENV_VAR) or DEFAULT_DB
    return chosen


def _is_url(name: str) -> bool:
    return name.startswith(("postgresql://", "postgres://"))


def db_path(args: argparse.Namespace) -> Path | str:
    """The store ``--db`` names: a PostgreSQL URL as text, anything else as a path."""
    name = _db_name(args)
    return name if _is_url(name) else Path(name)


def open_named(name: Path | str | None) -> EventStore:
    """Open (creating when missing) the store ``name`` stands for, by the rules of
    :func:`taji_events.open_store`: a ``postgresql://`` URL, a ``.jsonl``/``.ndjson``
    file, else a SQLite file; ``None`` is a new in-memory store."""
    return open_named_store(name)


def open_existing(args: argparse.Namespace) -> EventStore:
    """Open the store for reading; never create a file as a side effect of a query."""
    policy = getattr(args, "policy", None)
    if policy is not None and policy not in POLICIES:
        # The library's message also offers "a Policy instance", which a shell cannot pass.
        raise CliError(f"unknown policy {policy!r}{did_you_mean(policy, POLICIES)}; choose one "
                       f"of {POLICY_NAMES}")
    mode = getattr(args, "mode", None)
    if mode is not None and mode not in MODES:
        raise CliError(f"--mode {mode!r} is not a mode{did_you_mean(mode, MODES)}; use 'certain' "
                       "(a report counts once its whole publication window has passed) or "
                       "'possible' (as soon as it may have been published)")
    # Never creates a file; a SQLite file this process cannot write (a shared,
    # read-only data set) is opened read-only.
    return open_store_for_reading(db_path(args))


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """`` (did you mean 'killed'?)`` for the choice closest to ``word``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


@contextlib.contextmanager
def naming_incident(store: EventStore, *incidents: str) -> Iterator[None]:
    """Add the closest known incident id to an unknown-incident error."""
    try:
        yield
    except UnknownIncidentError as error:
        known = store.incidents()
        hint = "".join(did_you_mean(incident, known) for incident in incidents
                       if incident not in known)
        if not hint:
            raise
        raise UnknownIncidentError(f"{error}{hint}") from None


def seq_number(text: str) -> int:
    """An argparse type: a log position, a whole number >= 0."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a seq: give a whole number >= 0, the last log position to use "
            "(1 is the first event recorded; 0 is before any)")
    return number


# -- options -----------------------------------------------------------------------------------

def add_common(parser: argparse.ArgumentParser, *, json: bool = True) -> None:
    """``--db``, and ``--json`` unless ``json`` is false."""
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help=f"store to use: a SQLite file, a .jsonl file or a postgresql:// URL "
             f"(default: ${DB_ENV_VAR}, else ./{DEFAULT_DB})")
    if json:
        parser.add_argument(
            "--json", action="store_true",
            help="print JSON (indented, sorted keys; shape documented in docs/cli.md)")


FORMATS: Final = ("table", "json", "csv")


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format table|json|csv`` (and ``--json``, the same as ``--format json``)."""
    parser.add_argument(
        "--format", default=None, metavar="F",
        help=f"output: {', '.join(FORMATS)} (default: table; json as --json; csv with a header "
             "row, one row per line of the table)")
    add_common(parser)


def output_format(args: argparse.Namespace) -> str:
    """The output ``--format`` (or ``--json``) asks for; checked."""
    chosen: str | None = args.format
    if chosen is None:
        return "json" if args.json else "table"
    if chosen not in FORMATS:
        raise CliError(f"--format {chosen!r} is not a format; use one of {', '.join(FORMATS)}")
    if args.json and chosen != "json":
        raise CliError(f"--json and --format {chosen} ask for two formats; give one of them")
    return chosen


#: The table format a file name ends in.
_SUFFIX_FORMATS: Final = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                          ".parquet": "parquet"}


def table_file_format(chosen: str | None, out: str | None, formats: Collection[str]) -> str:
    """The format of a table file: ``--format`` when given, else the one ``--out``
    ends in (``claims.parquet``), else CSV. Refuses a format that is not one of
    ``formats``, and a ``--format`` that contradicts the ``--out`` suffix, which
    would write CSV text into a file named ``.parquet``."""
    named = _SUFFIX_FORMATS.get(Path(out).suffix.lower()) if out else None
    if chosen is None:
        if named is not None and named not in formats:
            raise CliError(f"--out {out} names a {named} file, but this command writes "
                           f"{', '.join(formats)}; give an --out ending in .csv or .jsonl")
        chosen = named or "csv"
    if chosen not in formats:
        raise CliError(f"--format {chosen!r} is not a known format; use one of "
                       f"{', '.join(formats)}{did_you_mean(chosen, formats)}")
    if named is not None and named != chosen:
        raise CliError(f"--format {chosen} does not match --out {out}, a {named} file name; "
                       f"give --format {named}, or an --out ending in .{chosen}")
    return chosen


def add_quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar (one is drawn on standard error, on a terminal, "
                             "for long work)")


def add_policy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy", default="authority", metavar="P",
        help=f"policy that turns active claims into beliefs: {POLICY_NAMES} "
             "(default: authority)")


def add_mode(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mode", default="certain", metavar="M",
        help=f"which reports count as published by a time ({MODE_NAMES}): 'certain' takes "
             "a report once its whole publication window has passed (a date-only report "
             "counts after its day ends everywhere), 'possible' once it may have been "
             "published (default: certain)")


def add_basis(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--basis-seq", type=seq_number, default=None, metavar="N",
        help="use only events recorded up to seq N (default: everything recorded)")
