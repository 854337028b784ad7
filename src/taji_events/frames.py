"""pandas data frames of states, timelines and claims, with typed columns.

* :func:`state_frame` — one row per field of an
  :class:`~taji_events.replay.IncidentState` (the columns of
  :data:`~taji_events.records.RECORD_KEYS`).
* :func:`timeline_frame` — one row per change of a belief
  (:data:`TIMELINE_COLUMNS`).
* :func:`claims_frame` — the claims table of
  :func:`~taji_events.claims_table.claim_rows`
  (:data:`~taji_events.claims_table.CLAIM_COLUMNS`).

Counts are nullable integers (``Int64``: a missing figure is ``<NA>``, never a
float ``NaN``), times are ``datetime64[us, UTC]``, flags are nullable
``boolean`` and text is the nullable ``string`` dtype.

pandas is optional (``pip install 'taji_events[frames]'``); without it each
function raises :class:`~taji_events.errors.MissingDependencyError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from taji_events.beliefs import AttributionBelief, Belief
from taji_events.claims_table import CLAIM_COLUMNS
from taji_events.errors import InvalidQueryError, MissingDependencyError
from taji_events.records import RECORD_KEYS, state_records

if TYPE_CHECKING:
    from taji_events.replay import IncidentState, TimelineEntry

__all__ = [
    "STATE_COLUMNS",
    "TIMELINE_COLUMNS",
    "claims_frame",
    "state_frame",
    "timeline_frame",
]

_STATE_TYPES: Final = {
    "at": "timestamp", "basis_seq": "int", "low": "int", "best": "int", "high": "int",
    "high_open": "bool", "responsibility_claimed": "bool",
    "n_supporting": "int", "n_origins": "int", "n_contradicting": "int", "n_set_aside": "int",
}

#: The columns of :func:`state_frame`, in order, with their types.
STATE_COLUMNS: Final[Mapping[str, str]] = MappingProxyType(
    {key: _STATE_TYPES.get(key, "string") for key in RECORD_KEYS})

#: The columns of :func:`timeline_frame`, in order, with their types.
TIMELINE_COLUMNS: Final[Mapping[str, str]] = MappingProxyType({
    "at": "timestamp", "field": "string", "kind": "string", "old": "string", "new": "string",
    "status": "string", "low": "int", "best": "int", "high": "int",
    "leading": "string", "leading_stance": "string", "changed_by": "string",
})


def _pandas() -> Any:
    # pandas is optional: imported only when a frame is asked for.
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError(
            "data frames need pandas, which is not installed; install the extra: "
            "pip install 'taji_events[frames]' (or use the plain rows: state.to_records(), "
            "claim_rows())") from None
    return pandas


def _frame(rows: Sequence[Mapping[str, Any]], schema: Mapping[str, str]) -> Any:
    pd = _pandas()
    dtypes = {"int": "Int64", "bool": "boolean", "string": "string"}
    columns: dict[str, Any] = {}
    for name, kind in schema.items():
        values = [row[name] for row in rows]
        if kind == "timestamp":
            columns[name] = pd.Series(pd.to_datetime(values, utc=True), dtype="datetime64[us, UTC]")
        else:
            columns[name] = pd.Series(values, dtype=dtypes[kind])
    return pd.DataFrame(columns, columns=list(schema))


def claims_frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    """The claims table as a ``pandas.DataFrame`` (columns and types:
    :data:`~taji_events.claims_table.CLAIM_COLUMNS`). Raises
    :class:`InvalidQueryError` for rows of another table. Since 0.2.0."""
    for number, row in enumerate(rows):
        if list(row) != list(CLAIM_COLUMNS):
            raise InvalidQueryError(f"row {number} is not a claims-table row; make the rows "
                                    "with claim_rows()")
    return _frame(rows, CLAIM_COLUMNS)


def state_frame(state: IncidentState) -> Any:
    """One row per field of ``state`` as a ``pandas.DataFrame``: the records of
    :func:`~taji_events.records.state_records` with typed columns
    (:data:`STATE_COLUMNS`; ``at`` a UTC timestamp). Since 0.2.0."""
    records = state_records(state)
    for record in records:
        record["at"] = state.at
    return _frame(records, STATE_COLUMNS)


def _timeline_row(entry: TimelineEntry) -> dict[str, Any]:
    new = entry.new
    counted = isinstance(new, Belief)
    return {
        "at": entry.at, "field": entry.field,
        "kind": "count" if counted else "attribution",
        "old": entry.old.describe(), "new": new.describe(), "status": new.status,
        "low": new.low if isinstance(new, Belief) else None,
        "best": new.best if isinstance(new, Belief) else None,
        "high": new.high if isinstance(new, Belief) else None,
        "leading": new.leading if isinstance(new, AttributionBelief) else None,
        "leading_stance": new.leading_stance if isinstance(new, AttributionBelief) else None,
        "changed_by": "; ".join(entry.changed_by),
    }


def timeline_frame(entries: Iterable[TimelineEntry]) -> Any:
    """One row per change of a belief (what :func:`~taji_events.replay.timeline`
    returns) as a ``pandas.DataFrame`` (:data:`TIMELINE_COLUMNS`; ``at`` a UTC
    timestamp, figures ``Int64``, ``changed_by`` the report revisions joined by
    ``"; "``). Since 0.2.0."""
    return _frame([_timeline_row(entry) for entry in entries], TIMELINE_COLUMNS)
