"""Text and JSON output of the ``taji-events`` command line (private).

Pure functions from result values to strings, so the CLI stays a thin shell
and its output can be tested without a store. The JSON shapes are those of
``IncidentState.to_json`` and ``TimelineEntry.to_json``, documented in docs/cli.md.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import orjson
from tqdm import tqdm

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.errors import TajiEventsError
from taji_events.rendering import describe_time, explain_text
from taji_events.replay import IncidentState, TimelineEntry
from taji_events.store import AppendResult
from taji_events.timepoint import TimePoint, format_utc

_T = TypeVar("_T")

__all__ = [
    "ProgressCallback",
    "ProgressReader",
    "cli_message",
    "describe_query_time",
    "describe_time",
    "dumps_json",
    "format_explanation",
    "format_ingest",
    "format_state",
    "format_timeline",
    "progress",
    "progress_bar",
    "table",
    "warn",
    "write_csv",
]

_COLUMNS = ("field", "best", "low..high", "status", "breakdown")


def dumps_json(value: Any) -> str:
    """JSON text, indented by two spaces, keys sorted: stable across runs."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()


_PYTHON_HINT: Final = re.compile(
    r"(?P<lead>(?:;|,)? (?:or )?)?pass (?P<name>[a-z_]+)=(?P<value>'[^']*'|\w+\([^)]*\)|\S+?)"
    r"(?P<tail> \(or --[\w-]+ on the command line\))?(?=[;,)]|$|\s)")
_PYTHON_NAME: Final = re.compile(r"(?:(?<=^)|(?<=: ))(?P<name>[a-z_]+): ")
#: What to say instead of a keyword hint a command has no option for.
_NO_OPTION: Final = {"reference": "; write the date too, e.g. '2020-03-11 6:20pm EST'"}


def cli_message(message: str, options: Collection[str]) -> str:
    """A library message told in the command's terms: a Python keyword hint
    (``pass published='...'``) becomes the option (``give --published ...``), or
    goes when the command has no such option; a value named by its keyword
    (``at: ...``) is named by its option (``--at: ...``)."""
    def option(match: re.Match[str]) -> str:
        flag = "--" + match["name"].replace("_", "-")
        if flag in options:
            return f"{match['lead'] or ' '}give {flag} {match['value']}".replace("  ", " ")
        return _NO_OPTION.get(match["name"], "")

    def name(match: re.Match[str]) -> str:
        flag = "--" + match["name"].replace("_", "-")
        return f"{flag}: " if flag in options else match[0]

    told = _PYTHON_NAME.sub(name, _PYTHON_HINT.sub(option, message)).replace(" ; ", "; ")
    if "--db" in options:  # a store's advice about its path is advice about --db
        told = told.replace("pass another path", "give another --db")
    return told


#: Below this many items (events, lines) a bar would only flicker.
PROGRESS_THRESHOLD: Final = 2_000


def progress_bar(total: int, description: str, *, quiet: bool, unit: str = "event") -> tqdm[Any]:
    """A progress bar on standard error, drawn only on a terminal, for work of at
    least :data:`PROGRESS_THRESHOLD` units, and not with ``--quiet``."""
    hidden = quiet or total < PROGRESS_THRESHOLD or not sys.stderr.isatty()
    return tqdm(total=total, desc=description, unit=unit, unit_scale=unit == "B",
                file=sys.stderr, disable=hidden, leave=False, dynamic_ncols=True)


def progress(items: Sequence[_T], description: str, *, quiet: bool) -> Iterator[_T]:
    """``items``, one by one, with a :func:`progress_bar` over them."""
    with progress_bar(len(items), description, quiet=quiet) as bar:
        for item in items:
            yield item
            bar.update()


class ProgressCallback:
    """A ``progress(done, total)`` callback for library work whose size is known
    only as it goes (``total`` may be ``None``): its bar, on standard error, is
    drawn once ``done`` or ``total`` reaches :data:`PROGRESS_THRESHOLD`, only on a
    terminal and not with ``--quiet``. Use it as a context manager, which
    removes the bar when the work ends."""

    def __init__(self, description: str, *, quiet: bool, unit: str = "event") -> None:
        self._description, self._unit = description, unit
        self._shown = not quiet and sys.stderr.isatty()
        self._bar: tqdm[Any] | None = None

    def __call__(self, done: int, total: int | None) -> None:
        if not self._shown:
            return
        if self._bar is None:
            if max(done, total or 0) < PROGRESS_THRESHOLD:
                return
            # Drawn at once with what is already done, not left blank until the next update.
            self._bar = tqdm(total=total, initial=done, desc=self._description, unit=self._unit,
                             file=sys.stderr, leave=False, dynamic_ncols=True)
        if total is not None and total != self._bar.total:
            self._bar.total = total
        self._bar.update(done - self._bar.n)

    def __enter__(self) -> ProgressCallback:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.close()


class ProgressReader(io.BufferedReader):
    """A binary file whose lines, as they are read, advance a progress bar in bytes."""

    def __init__(self, raw: io.RawIOBase, bar: tqdm[Any]) -> None:
        super().__init__(raw)
        self._bar = bar

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self._bar.update(len(line))
        return line


def warn(message: str) -> None:
    """``taji-events: warning: <message>`` on stderr: worth knowing, not an error."""
    print(f"taji-events: warning: {message}", file=sys.stderr)


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def format_ingest(path: Path | str, files: int, read: int, result: AppendResult) -> str:
    """``recorded 14 new events, 0 already present (14 read from 1 file); last seq 14; ...``."""
    recorded = len(result.recorded)
    return (f"recorded {_plural(recorded, 'new event')}, {read - recorded} already present "
            f"({read} read from {_plural(files, 'file')}); last seq {result.last_seq}; "
            f"store {path}")


def _interval(belief: Belief) -> str:
    if belief.low is None:
        return "-"
    return f"{belief.low}..{'open' if belief.high is None else belief.high}"


def _breakdown(belief: Belief) -> str:
    return ", ".join(f"{group} {number}" for group, number in belief.breakdown.items()) or "-"


def _attribution_line(belief: AttributionBelief) -> str:
    if belief.status == "unknown":
        return f"{belief.field}: unknown (no claim yet)"
    head = (f"leading {belief.leading} ({belief.leading_stance})" if belief.leading
            else "no actor named")
    claimed = "yes" if belief.responsibility_claimed else "no"
    line = f"{belief.field}: {head}, {belief.status}; responsibility claimed: {claimed}"
    if belief.no_claim:
        line += (f" ({_plural(len(belief.no_claim), 'statement')} that no group has "
                 "claimed it)")
    others = [actor.actor for actor in belief.actors if actor.actor != belief.leading]
    if others:
        line += f"; {'also named' if belief.leading else 'named'}: {', '.join(others)}"
    return line


def write_csv(rows: Sequence[Sequence[object]]) -> None:
    """``rows`` (the first one the header) as CSV on standard output."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)


def table(rows: Sequence[Sequence[str]]) -> str:
    """``rows`` (the first one the header) as aligned columns."""
    return "\n".join(_table([tuple(row) for row in rows]))


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows]


def describe_query_time(asked: str) -> str:
    """A query time as asked, and the window it stands for: ``2020-03-13 (the day in
    every zone, 2020-03-12T10:00:00Z .. 2020-03-14T12:00:00Z; counted to its end)``."""
    try:
        point = TimePoint.parse(asked)
    except TajiEventsError:
        return asked
    if point.precision == "instant" or point.lower == point.upper:
        return asked
    where = " in every zone" if point.zone_source == "widened" else \
        f" in {point.zone}" if point.zone and point.zone != "UTC" else ""
    return (f"{asked} (the {point.precision}{where}, {format_utc(point.lower)} .. "
            f"{format_utc(point.upper)}; counted to its end)")


def _view(state: IncidentState, asked: str | None) -> str:
    if state.axis == "believed":
        if state.at is None:
            return f"believed at any time ({state.mode})"
        if asked is None:
            return f"believed now, {format_utc(state.at)}: everything published so far ({state.mode})"
        return f"believed at {describe_query_time(asked)} ({state.mode})"
    if state.at is not None:
        return f"known at record time {describe_query_time(asked or format_utc(state.at))}"
    return f"known at seq {state.basis_seq}"


def format_explanation(state: IncidentState, field: str, *, asked: str | None = None) -> str:
    """:func:`taji_events.replay.explain` with the view told as :func:`format_state`
    tells it: the time as asked and the window it stands for, not the window's end.
    Raises :class:`~taji_events.errors.UnknownFieldError` for a field ``state`` lacks."""
    return explain_text(state.incident, _view(state, asked), state[field])


def format_state(state: IncidentState, *, asked: str | None = None) -> str:
    """A header, a table of the numeric fields and one line per attribution field."""
    declared = state.declaration
    title = f"{state.incident}: {declared.title} ({declared.place})" if declared \
        else f"{state.incident} (no declaration recorded)"
    lines = [title,
             f"{_view(state, asked)} · policy {state.policy} · basis seq {state.basis_seq} · "
             f"{_plural(len(state.claims), 'active claim')}"]
    rows: list[tuple[str, ...]] = [_COLUMNS]
    attributions: list[str] = []
    for field, belief in state.beliefs.items():
        if isinstance(belief, AttributionBelief):
            attributions.append(_attribution_line(belief))
        else:
            best = "-" if belief.best is None else str(belief.best)
            rows.append((field, best, _interval(belief), belief.status, _breakdown(belief)))
    lines.append("")
    lines.extend(_table(rows))
    if attributions:
        lines.append("")
        lines.extend(attributions)
    return "\n".join(lines)


def format_timeline(incident: str, entries: Sequence[TimelineEntry], *,
                    field: str | None = None) -> str:
    """One line per change: ``<UTC time>  <field>  <old> → <new>  by <report@revision>...``."""
    if not entries:
        about = f" field {field} of" if field else ""
        return f"no belief about{about} {incident} has changed"
    width = max(len(entry.field) for entry in entries)
    return "\n".join(
        f"{format_utc(entry.at)}  {entry.field.ljust(width)}  "
        f"{entry.old.describe()} → {entry.new.describe()}"
        f"{_stance_change(entry)}  by {', '.join(entry.changed_by)}{_window(entry)}"
        for entry in entries
    )


def _window(entry: TimelineEntry) -> str:
    """When a change became possible and when certain, where what changed it was
    published over a window (a date, an hour) rather than at a minute or finer."""
    if all(point.precision in ("minute", "second", "instant") for point in entry.published):
        return ""
    shown = list(dict.fromkeys(describe_time(point) for point in entry.published))
    return (f"; published {', '.join(shown)}: possible from {format_utc(entry.possible_from)}, "
            f"certain by {format_utc(entry.certain_by)}")


def _stances(belief: Belief | AttributionBelief | None) -> set[tuple[str, str]]:
    if not isinstance(belief, AttributionBelief):
        return set()
    return set(belief.stance_pairs)


def _stance_change(entry: TimelineEntry) -> str:
    """What changed in an attribution beyond its one-line description: the
    leading actor may stay while other actors or stances are named or dropped."""
    if not isinstance(entry.new, AttributionBelief) \
            or entry.old.status == "unknown":
        return ""
    old, new = _stances(entry.old), _stances(entry.new)
    changes = [f"+{actor}: {stance}" for actor, stance in sorted(new - old)]
    changes += [f"-{actor}: {stance}" for actor, stance in sorted(old - new)]
    old_no_claim = isinstance(entry.old, AttributionBelief) and entry.old.any_no_claim
    if entry.new.any_no_claim != old_no_claim:
        changes.append("+no claim of responsibility" if entry.new.any_no_claim
                       else "-no claim of responsibility")
    return f" ({', '.join(changes)})" if changes else ""
