"""The typed columns of states, timelines and claims, and their pandas data frames.

Pure values: the schemas, the flat rows built from the core's values, and
:func:`data_frame`, which gives rows a schema's types. Nothing here reads a
store, so that :class:`~taji_events.states.IncidentState` and
:class:`~taji_events.states.Timeline` can give their own frames.

* :data:`STATE_COLUMNS` — one row per field of a state (the columns of
  :data:`~taji_events.records.RECORD_KEYS`).
* :data:`TIMELINE_COLUMNS` — one row per change of a belief.
* :data:`CLAIM_COLUMNS` — the claims table of
  :func:`~taji_events.claims_table.claim_rows`; :data:`VIEW_CLAIM_COLUMNS`
  the same without ``recorded_at`` and ``seq``, which only the store knows:
  the claims a state holds.

A schema maps each column to ``string``, ``int``, ``bool`` or ``timestamp``.
In a frame counts are nullable integers (``Int64``: a missing figure is
``<NA>``, never a float ``NaN``), times ``datetime64[us, UTC]``, flags nullable
``boolean`` and text the nullable ``string`` dtype. pandas is optional
(``pip install 'taji_events[frames]'``); without it :func:`data_frame` raises
:class:`~taji_events.errors.MissingDependencyError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.errors import MissingDependencyError
from taji_events.model import Attribution, Count
from taji_events.records import RECORD_KEYS, format_breakdown, state_records

if TYPE_CHECKING:
    from taji_events.states import IncidentState, TimelineEntry

__all__ = [
    "CLAIM_COLUMNS",
    "STATE_COLUMNS",
    "TIMELINE_COLUMNS",
    "VIEW_CLAIM_COLUMNS",
    "claim_row",
    "data_frame",
    "state_rows",
    "timeline_row",
]

_STATE_TYPES: Final = {
    "at": "timestamp", "basis_seq": "int", "low": "int", "best": "int", "high": "int",
    "high_open": "bool", "responsibility_claimed": "bool",
    "n_supporting": "int", "n_origins": "int", "n_contradicting": "int", "n_set_aside": "int",
}

#: The columns of a state's frame, in order, with their types.
STATE_COLUMNS: Final[Mapping[str, str]] = MappingProxyType(
    {key: _STATE_TYPES.get(key, "string") for key in RECORD_KEYS})

#: The columns of a timeline's frame, in order, with their types. ``at`` is the
#: moment the change entered the view; ``possible_from`` and ``certain_by`` when
#: it became possible and certain (:class:`~taji_events.states.TimelineEntry`).
TIMELINE_COLUMNS: Final[Mapping[str, str]] = MappingProxyType({
    "at": "timestamp", "possible_from": "timestamp", "certain_by": "timestamp",
    "field": "string", "kind": "string", "old": "string", "new": "string",
    "status": "string", "low": "int", "best": "int", "high": "int",
    "leading": "string", "leading_stance": "string", "changed_by": "string",
})

#: The columns of the claims table, in order, with their types.
CLAIM_COLUMNS: Final[Mapping[str, str]] = MappingProxyType({
    "incident": "string", "field": "string", "kind": "string",
    "low": "int", "high": "int", "stated": "int", "qualifier": "string",
    "value_text": "string", "breakdown": "string", "lexicon": "string",
    "actor": "string", "stance": "string", "asserted_by": "string",
    "hedge": "string", "speaker": "string", "speaker_kind": "string",
    "source": "string", "source_kind": "string",
    "report_id": "string", "revision": "int", "claim_index": "int", "ref": "string",
    "published_earliest": "timestamp", "published_latest": "timestamp",
    "published_precision": "string", "published_text": "string",
    "first_published_earliest": "timestamp", "first_published_latest": "timestamp",
    "recorded_at": "timestamp", "seq": "int",
    "quote": "string", "evidence_start": "int", "evidence_end": "int",
    "scope": "string", "note": "string",
    "status": "string", "as_of": "timestamp",
})

#: The claims table's columns without those only a store knows (``recorded_at``,
#: ``seq``): what the claims of a state give.
VIEW_CLAIM_COLUMNS: Final[Mapping[str, str]] = MappingProxyType(
    {name: kind for name, kind in CLAIM_COLUMNS.items() if name not in ("recorded_at", "seq")})


def _value_columns(value: Count | Attribution) -> dict[str, Any]:
    if isinstance(value, Count):
        return {"kind": "count", "low": value.low, "high": value.high, "stated": value.stated,
                "qualifier": value.qualifier, "value_text": value.text,
                "breakdown": format_breakdown(value.breakdown) or None, "lexicon": value.lexicon,
                "actor": None, "stance": None, "asserted_by": None}
    return {"kind": "attribution", "low": None, "high": None, "stated": None, "qualifier": None,
            "value_text": None, "breakdown": None, "lexicon": None, "actor": value.actor,
            "stance": value.stance, "asserted_by": value.asserted_by or None}


def claim_row(item: ActiveClaim, status: str, as_of: datetime | None) -> dict[str, Any]:
    """One claim as a row with the keys of :data:`VIEW_CLAIM_COLUMNS`, in order:
    ``status`` ``active`` or ``withdrawn`` in a view ending at ``as_of``."""
    claim = item.claim
    evidence = claim.evidence
    published, first = item.published_at, item.first_published_at
    row: dict[str, Any] = {
        "incident": claim.incident, "field": claim.field, **_value_columns(claim.value),
        "hedge": claim.hedge, "speaker": claim.according_to.name,
        "speaker_kind": claim.according_to.kind,
        "source": item.source.name, "source_kind": item.source.kind,
        "report_id": item.report_id, "revision": item.revision, "claim_index": item.index,
        "ref": item.ref,
        "published_earliest": published.lower, "published_latest": published.upper,
        "published_precision": published.precision, "published_text": published.text or None,
        "first_published_earliest": first.lower, "first_published_latest": first.upper,
        "quote": evidence.quote if evidence is not None else None,
        "evidence_start": evidence.start if evidence is not None else None,
        "evidence_end": evidence.end if evidence is not None else None,
        "scope": claim.scope,
        "note": claim.note or None, "status": status, "as_of": as_of,
    }
    return {column: row[column] for column in VIEW_CLAIM_COLUMNS}


def state_rows(state: IncidentState) -> list[dict[str, Any]]:
    """One row per field of ``state`` with the keys of :data:`STATE_COLUMNS`:
    :func:`~taji_events.records.state_records` with ``at`` the aware datetime."""
    records = state_records(state)
    for record in records:
        record["at"] = state.at
    return records


def timeline_row(entry: TimelineEntry) -> dict[str, Any]:
    """One change of a belief as a row with the keys of :data:`TIMELINE_COLUMNS`."""
    new = entry.new
    counted = isinstance(new, Belief)
    return {
        "at": entry.at, "possible_from": entry.possible_from, "certain_by": entry.certain_by,
        "field": entry.field,
        "kind": "count" if counted else "attribution",
        "old": entry.old.describe(), "new": new.describe(), "status": new.status,
        "low": new.low if isinstance(new, Belief) else None,
        "best": new.best if isinstance(new, Belief) else None,
        "high": new.high if isinstance(new, Belief) else None,
        "leading": new.leading if isinstance(new, AttributionBelief) else None,
        "leading_stance": new.leading_stance if isinstance(new, AttributionBelief) else None,
        "changed_by": "; ".join(entry.changed_by),
    }


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


def data_frame(rows: Sequence[Mapping[str, Any]], schema: Mapping[str, str]) -> Any:
    """``rows`` as a ``pandas.DataFrame`` with the columns of ``schema``, in order,
    each of its type (see the module's introduction)."""
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
