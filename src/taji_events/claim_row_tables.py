"""The SQL of the claim-row tables (:mod:`taji_events.claim_rows`), shared by the
SQL backends: the tables and their indexes, the reads a view needs, and how
claim and edge rows are packed into the claims table.

The claims table holds one row per incident and per event of every report with
a claim about that incident: the event's edge (``report_id``, ``revision``, the
window in microseconds; ``revision`` NULL for a retraction) and its claims about
the incident, packed as one JSON array of their columns after ``incident``,
``report_id``, ``revision`` and ``seq`` (an empty array when this revision says
nothing about the incident, and for a retraction). An incident's view is then
one ordered scan of its rows by ``(incident, seq)``: no search of each report's
edges, and a full replay reads the whole table in key order. A report's first
claim about an incident in a later revision brings rows for its earlier events
with it, so that the incident's rows always hold every edge of its reports.

The edge table keeps each report's edges by report, for the append to find them
(the one lookup of a batch); the views read the claims table alone.

Each backend gives its parameter style (``:name`` for SQLite, ``%(name)s`` for
PostgreSQL) and the collation that orders incident ids by code point, as
:func:`~taji_events.recorder.merged_rows` and ``sorted()`` compare strings; the
statements are otherwise the same, so the two backends cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import orjson

from taji_events.claim_rows import (
    CLAIMS_TABLE,
    DECLARATION_COLUMNS,
    DECLARATIONS_TABLE,
    EDGE_COLUMNS,
    EDGES_TABLE,
)

__all__ = [
    "DROP_TABLES",
    "PACKED_COLUMNS",
    "RowQueries",
    "incident_view",
    "known_reports",
    "pack_claim_rows",
    "row_queries",
    "table_rows",
    "tables",
]

#: ``(name, SQL type)`` of the claims table's columns (``claims``: the packed
#: claims): the incident, and the edge row of the event (``revision`` NULL: a
#: retraction).
PACKED_COLUMNS: Final = (("incident", "TEXT NOT NULL"), ("seq", "BIGINT NOT NULL"),
                         ("report_id", "TEXT NOT NULL"), ("revision", "BIGINT"),
                         ("lower_us", "BIGINT NOT NULL"), ("upper_us", "BIGINT NOT NULL"),
                         ("mid_us", "BIGINT NOT NULL"))
_NO_CLAIMS: Final = orjson.dumps([])
#: Reports looked up per statement, well below every backend's parameter limit.
_LOOKUP_CHUNK: Final = 500


def _table(name: str, columns: tuple[tuple[str, str], ...]) -> str:
    return f"CREATE TABLE {name} ({', '.join(f'{column} {kind}' for column, kind in columns)})"


def tables(blob: str, *, clustered: str = "") -> tuple[str, ...]:
    """The three tables and their indexes (each backend adds the row saying how
    far they are complete): ``blob`` is the backend's type for bytes, and
    ``clustered`` what follows a table whose rows should be kept in key order
    (SQLite: ``WITHOUT ROWID``), so a scan by incident reads them in a row."""
    columns = ", ".join(f"{column} {kind}" for column, kind in PACKED_COLUMNS)
    edges = ", ".join(f"{column} {kind}" for column, kind in EDGE_COLUMNS)
    return (
        f"CREATE TABLE {CLAIMS_TABLE} ({columns}, claims {blob} NOT NULL, "
        f"PRIMARY KEY (incident, seq)) {clustered}".rstrip(),
        # Which incidents each report already has rows under, for the append.
        f"CREATE INDEX {CLAIMS_TABLE}_reports ON {CLAIMS_TABLE} (report_id, incident)",
        f"CREATE TABLE {EDGES_TABLE} ({edges}, PRIMARY KEY (report_id, seq)) {clustered}".rstrip(),
        _table(DECLARATIONS_TABLE, DECLARATION_COLUMNS),
        f"CREATE INDEX {DECLARATIONS_TABLE}_by_incident ON {DECLARATIONS_TABLE} (incident, seq)",
    )


#: Drops the three tables, so that :func:`tables` can create them in a new layout.
DROP_TABLES: Final = tuple(f"DROP TABLE IF EXISTS {name}"
                           for name in (CLAIMS_TABLE, EDGES_TABLE, DECLARATIONS_TABLE))


@attrs.define
class _Report:
    """What the claims table already holds of one report: the incidents it has
    rows under and its edge rows, in seq order."""

    incidents: set[str] = attrs.field(factory=set)
    edges: list[Sequence[Any]] = attrs.field(factory=list)


def pack_claim_rows(claims: Iterable[Sequence[Any]], edges: Iterable[Sequence[Any]],
                    known: Mapping[str, tuple[Iterable[str], Iterable[Sequence[Any]]]]
                    ) -> list[tuple[Any, ...]]:
    """Rows of the claims table for a run of events: ``claims`` their claim rows
    (:data:`~taji_events.claim_rows.CLAIM_COLUMNS`), ``edges`` their edge rows,
    and ``known`` what the table holds already of their reports (``report_id`` →
    the incidents it has rows under, and its stored edge rows; a report missing
    from it has none).

    Each edge gives one row under every incident its report has a claim about
    so far, its claims about that incident packed (empty when it has none); a
    report's first claim about an incident also gives a row, with no claims, for
    each of its earlier edges."""
    by_seq: dict[int, dict[str, list[list[Any]]]] = {}
    for row in claims:
        parts = by_seq.setdefault(row[4], {}).setdefault(row[0], [])
        parts.append([row[3], *row[5:]])
    reports: dict[str, _Report] = {}
    packed: list[tuple[Any, ...]] = []
    dumps = orjson.dumps
    for edge in sorted(edges, key=lambda edge: edge[2]):
        report_id, revision, seq, lower, upper, mid = edge
        report = reports.get(report_id)
        if report is None:
            incidents, stored = known.get(report_id, ((), ()))
            report = reports[report_id] = _Report(set(incidents),
                                                  sorted(stored, key=lambda row: row[2]))
        about = by_seq.get(seq, {})
        for incident in sorted(about.keys() - report.incidents):
            packed.extend((incident, earlier[2], report_id, earlier[1], *earlier[3:], _NO_CLAIMS)
                          for earlier in report.edges)
            report.incidents.add(incident)
        for incident in sorted(report.incidents):
            claimed = about.get(incident)
            packed.append((incident, seq, report_id, revision, lower, upper, mid,
                           _NO_CLAIMS if claimed is None else dumps(claimed)))
        report.edges.append(edge)
    return packed


def known_reports(execute: Callable[[str, Mapping[str, Any]], Iterable[Sequence[Any]]],
                  param: Callable[[str], str], reports: Iterable[str]
                  ) -> dict[str, tuple[set[str], list[Sequence[Any]]]]:
    """What the tables hold of ``reports`` (see :func:`pack_claim_rows`): one
    search of the edge table by report, and of the claims table's report index
    for the reports it found. ``execute(sql, params)`` runs a statement in the
    backend's transaction; ``param`` is its parameter style."""
    edge_columns = ", ".join(name for name, _ in EDGE_COLUMNS)
    names = sorted(set(reports))
    known: dict[str, tuple[set[str], list[Sequence[Any]]]] = {}
    for start in range(0, len(names), _LOOKUP_CHUNK):
        chunk = names[start:start + _LOOKUP_CHUNK]
        params = {f"r{number}": name for number, name in enumerate(chunk)}
        marks = ", ".join(param(key) for key in params)
        for row in execute(f"SELECT {edge_columns} FROM {EDGES_TABLE} "
                           f"WHERE report_id IN ({marks})", params):
            known.setdefault(row[0], (set(), []))[1].append(tuple(row))
    found = sorted(known)
    for start in range(0, len(found), _LOOKUP_CHUNK):
        chunk = found[start:start + _LOOKUP_CHUNK]
        params = {f"r{number}": name for number, name in enumerate(chunk)}
        marks = ", ".join(param(key) for key in params)
        for report_id, incident in execute(f"SELECT DISTINCT report_id, incident FROM "
                                           f"{CLAIMS_TABLE} WHERE report_id IN ({marks})",
                                           params):
            known[report_id][0].add(incident)
    return known


def table_rows(derived: Mapping[str, Sequence[Sequence[Any]]],
               execute: Callable[[str, Mapping[str, Any]], Iterable[Sequence[Any]]],
               param: Callable[[str], str]) -> dict[str, Sequence[Sequence[Any]]]:
    """The rows to insert into each table for a write's derived rows (whole
    claim rows, edge rows and declaration rows by table), the claims packed
    against what the tables hold already (:func:`known_reports`)."""
    rows: dict[str, Sequence[Sequence[Any]]] = dict(derived)
    if CLAIMS_TABLE in rows:
        edges = derived.get(EDGES_TABLE, ())
        known = known_reports(execute, param, (edge[0] for edge in edges)) if edges else {}
        rows[CLAIMS_TABLE] = pack_claim_rows(derived[CLAIMS_TABLE], edges, known)
    return rows


def incident_view(rows: Iterable[Sequence[Any]]) -> tuple[list[Sequence[Any]],
                                                          list[Sequence[Any]]]:
    """One incident's rows of the claims table in seq order, ``(incident, seq,
    report_id, revision, lower_us, upper_us, mid_us, claims)``, as the claim
    groups and edge rows of :class:`~taji_events.claim_rows.IncidentRows`: the
    reports with a claim about the incident among these rows, every edge of
    theirs, and each of their revisions with claims as ``(report_id, revision,
    seq, parts)``, the packed claims decoded."""
    found = rows if isinstance(rows, list) else list(rows)
    speaking = {row[2] for row in found if len(row[7]) > 2}
    loads = orjson.loads
    groups: list[Sequence[Any]] = []
    edges: list[Sequence[Any]] = []
    for _, seq, report_id, revision, lower, upper, mid, packed in found:
        if report_id in speaking:
            edges.append((report_id, revision, seq, lower, upper, mid))
            if len(packed) > 2:
                groups.append((report_id, revision, seq, loads(packed)))
    return groups, edges


@attrs.frozen
class RowQueries:
    """The reads of one incident's rows (``incident_*``: its rows of the claims
    table, declaration seqs and envelopes) and of every incident's, ordered by
    incident (``all_*``: each row led by its incident), all bounded by ``upper``."""

    incident_claims: str
    incident_declarations: str
    all_claims: str
    all_declarations: str


def row_queries(param: Callable[[str], str], collate: str = "", *,
                events: str) -> RowQueries:
    """The reads in a backend's parameter style (``param("upper")`` is how a
    statement names that parameter); ``collate`` follows each ``ORDER BY incident``.
    ``events`` is the backend's table of events (``seq``, ``envelope``): the
    declaration reads give each declaration's envelope with its seq."""
    incident, upper = param("incident"), param("upper")
    claims = ", ".join(name for name, _ in PACKED_COLUMNS) + ", claims"
    return RowQueries(
        incident_claims=(f"SELECT {claims} FROM {CLAIMS_TABLE} "
                         f"WHERE incident = {incident} AND seq <= {upper} ORDER BY seq"),
        incident_declarations=(f"SELECT d.seq, e.envelope FROM {DECLARATIONS_TABLE} AS d "
                               f"JOIN {events} AS e ON e.seq = d.seq "
                               f"WHERE d.incident = {incident} AND d.seq <= {upper} "
                               "ORDER BY d.seq"),
        all_claims=(f"SELECT {claims} FROM {CLAIMS_TABLE} WHERE seq <= {upper} "
                    f"ORDER BY incident{collate}, seq"),
        all_declarations=(f"SELECT d.incident, d.seq, e.envelope FROM {DECLARATIONS_TABLE} AS d "
                          f"JOIN {events} AS e ON e.seq = d.seq "
                          f"WHERE d.seq <= {upper} ORDER BY d.incident{collate}, d.seq"),
    )
