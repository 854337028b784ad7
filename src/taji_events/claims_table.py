"""The claims table: one flat row per claim about some incidents, as the log holds them.

* :func:`claim_rows` — for each incident, every claim of the revision of each
  report that counts in the view (the highest revision published by ``at``, or
  every recorded revision without ``at``), with who said it, where, when it was
  published and recorded, its evidence, and its ``status``: ``active`` (it
  counts) or ``withdrawn`` (its report was retracted within the view).
* :data:`CLAIM_COLUMNS` — the columns in order, each with its type
  (``string``, ``int``, ``bool`` or ``timestamp``), the schema of every format.
* :func:`write_claims` — the rows as CSV, JSON Lines or Parquet.

Values are ``str``, ``int``, ``bool``, aware UTC ``datetime`` or ``None``:
typed, so that a data frame or a Parquet file gets integer and timestamp
columns, not floats and strings. Columns: docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from taji_events.active_claims import MODES, ActiveClaim
from taji_events.columns import CLAIM_COLUMNS, claim_row
from taji_events.errors import InvalidQueryError, UnknownIncidentError
from taji_events.events import RecordedEvent, ReportPublished, ReportRetracted
from taji_events.ledger import Ledger
from taji_events.store import EventStore
from taji_events.table_files import Destination, write_table
from taji_events.timepoint import TimePoint, coerce_time

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_STATUSES",
    "check_incidents",
    "claim_rows",
    "withdrawn_claims",
    "write_claims",
]


#: What ``status`` says of a claim in the view.
CLAIM_STATUSES: Final = ("active", "withdrawn")
#: Report reading progress once in this many events.
_PROGRESS_EVERY: Final = 512


def check_incidents(store: EventStore, incidents: Iterable[str]) -> list[str]:
    """``incidents`` once each, in the order given, after checking that the store has
    events about every one; raises :class:`UnknownIncidentError` naming the missing
    ones and the known ones, or :class:`InvalidQueryError` for a bare string."""
    if isinstance(incidents, str):
        raise InvalidQueryError(f"incidents must be a list of incident ids, got the string "
                                f"{incidents!r}; pass [{incidents!r}]")
    wanted = list(dict.fromkeys(incidents))
    known = store.incidents()
    present = set(known)
    missing = [incident for incident in wanted if incident not in present]
    if missing:
        listed = ", ".join(known[:10]) + (f", ... ({len(known)} in all)" if len(known) > 10 else "")
        raise UnknownIncidentError(
            f"no events about incident{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(name) for name in missing)} in the store; known incidents: "
            f"{listed or 'none: ingest some events first'}")
    return wanted


def withdrawn_claims(ledger: Ledger, incident: str, active: Iterable[ActiveClaim],
                     published_by: datetime | None, mode: str) -> tuple[ActiveClaim, ...]:
    """Claims that would be active in this view had their reports not been retracted."""
    if not ledger.retractions:
        return ()
    unretracted = Ledger.from_events(event for event in ledger.held_events()
                                     if not isinstance(event, ReportRetracted))
    counted = {item.ref for item in active}
    return tuple(item for item in unretracted.active_claims(incident, published_by=published_by,
                                                            mode=mode)
                 if item.ref not in counted and item.report_id in ledger.retractions)


def _row(item: ActiveClaim, status: str, recorded: Mapping[tuple[str, int], RecordedEvent],
         as_of: datetime | None) -> dict[str, Any]:
    written = recorded[item.report_id, item.revision]
    row = {**claim_row(item, status, as_of), "recorded_at": written.recorded_at, "seq": written.seq}
    return {column: row[column] for column in CLAIM_COLUMNS}


def claim_rows(
    store: EventStore,
    incidents: Iterable[str],
    *,
    at: TimePoint | datetime | str | None = None,
    mode: str = "certain",
    progress: Callable[[int, int | None], None] | None = None,
) -> list[dict[str, Any]]:
    """One row per claim about each of ``incidents`` (each once, in the order given).

    Without ``at``, every recorded revision counts (the *known* view, as
    :func:`~taji_events.exports.export_rows` has it); with ``at``, only what
    was published by then (``mode`` ``certain`` or ``possible``, as
    :func:`~taji_events.replay.believed_at`). Within an incident, active
    claims come first in publication order, then withdrawn ones. Every row
    has the keys of :data:`CLAIM_COLUMNS`, in that order.

    All rows stand on one log position, taken before reading. Raises
    :class:`InvalidQueryError` for an unknown mode, :class:`TimeParseError`
    for a bad ``at`` and :class:`UnknownIncidentError` for an incident
    without events, before any row is made.

    ``progress``, if given, is called as ``progress(done, None)`` as events are
    read (``done`` the events read so far over all incidents; the total is not
    known in advance). Since 0.2.0 (``progress`` since 0.3.0).
    """
    # Checked here rather than through the replay module, so that this module (and
    # the data frames built on its columns) stays importable from replay itself.
    if mode not in MODES:
        raise InvalidQueryError(f"mode {mode!r} is not one of {', '.join(MODES)}; 'certain' "
                                "counts a report once its whole publication window has passed, "
                                "'possible' as soon as it may have been published")
    cutoff = None if at is None else coerce_time(at, name="at").upper
    basis = store.last_seq()
    wanted = check_incidents(store, incidents)
    rows: list[dict[str, Any]] = []
    read = 0
    for incident in wanted:
        events: list[RecordedEvent] = []
        for item in store.read(incident=incident, until_seq=basis):
            events.append(item)
            if progress is not None and len(events) % _PROGRESS_EVERY == 0:
                progress(read + len(events), None)
        read += len(events)
        if progress is not None:
            progress(read, None)
        recorded = {(item.event.report_id, item.event.revision): item for item in events
                    if isinstance(item.event, ReportPublished)}
        ledger = Ledger().extend(events)
        active = ledger.active_claims(incident, published_by=cutoff, mode=mode)
        withdrawn = withdrawn_claims(ledger, incident, active, cutoff, mode)
        rows.extend(_row(item, "active", recorded, cutoff) for item in active)
        rows.extend(_row(item, "withdrawn", recorded, cutoff) for item in withdrawn)
    return rows


def write_claims(rows: Sequence[Mapping[str, Any]], destination: Destination, *,
                 format: str) -> None:
    """Write claim rows as ``csv``, ``jsonl`` or ``parquet`` (a path; needs the
    ``parquet`` extra). See :mod:`taji_events.table_files` for each format.
    Raises :class:`InvalidQueryError` for an unknown format or rows of another
    table. Since 0.2.0.
    """
    write_table(rows, destination, schema=CLAIM_COLUMNS, format=format)
