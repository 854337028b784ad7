"""pandas data frames of states, timelines and claims, with typed columns.

* :func:`state_frame` — one row per field of an
  :class:`~taji_events.states.IncidentState` (:data:`STATE_COLUMNS`); the
  same as ``state.to_frame()``.
* :func:`timeline_frame` — one row per change of a belief
  (:data:`TIMELINE_COLUMNS`); the same as ``timeline(...).to_frame()``.
* :func:`claims_frame` — the claims table of
  :func:`~taji_events.claims_table.claim_rows`
  (:data:`~taji_events.claims_table.CLAIM_COLUMNS`); ``state.claims_frame()``
  gives the claims a state holds.

Counts are nullable integers (``Int64``: a missing figure is ``<NA>``, never a
float ``NaN``), times are ``datetime64[us, UTC]``, flags are nullable
``boolean`` and text is the nullable ``string`` dtype; the schemas and rows are
in :mod:`taji_events.columns`.

pandas is optional (``pip install 'taji_events[frames]'``); without it each
function raises :class:`~taji_events.errors.MissingDependencyError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from taji_events.columns import (
    CLAIM_COLUMNS,
    STATE_COLUMNS,
    TIMELINE_COLUMNS,
    data_frame,
    state_rows,
    timeline_row,
)
from taji_events.errors import InvalidQueryError

if TYPE_CHECKING:
    from taji_events.states import IncidentState, TimelineEntry

__all__ = [
    "STATE_COLUMNS",
    "TIMELINE_COLUMNS",
    "claims_frame",
    "state_frame",
    "timeline_frame",
]


def claims_frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    """The claims table as a ``pandas.DataFrame`` (columns and types:
    :data:`~taji_events.claims_table.CLAIM_COLUMNS`). Raises
    :class:`InvalidQueryError` for rows of another table. Since 0.2.0."""
    for number, row in enumerate(rows):
        if list(row) != list(CLAIM_COLUMNS):
            raise InvalidQueryError(f"row {number} is not a claims-table row; make the rows "
                                    "with claim_rows()")
    return data_frame(rows, CLAIM_COLUMNS)


def state_frame(state: IncidentState) -> Any:
    """One row per field of ``state`` as a ``pandas.DataFrame``: the records of
    :func:`~taji_events.records.state_records` with typed columns
    (:data:`STATE_COLUMNS`; ``at`` a UTC timestamp). Since 0.2.0."""
    return data_frame(state_rows(state), STATE_COLUMNS)


def timeline_frame(entries: Iterable[TimelineEntry]) -> Any:
    """One row per change of a belief (what :func:`~taji_events.replay.timeline`
    returns) as a ``pandas.DataFrame`` (:data:`TIMELINE_COLUMNS`; ``at``,
    ``possible_from`` and ``certain_by`` UTC timestamps, figures ``Int64``,
    ``changed_by`` the report revisions joined by ``"; "``). Since 0.2.0."""
    return data_frame([timeline_row(entry) for entry in entries], TIMELINE_COLUMNS)
