"""The SQL of the claim-row tables (:mod:`taji_events.claim_rows`), shared by the
SQL backends: the tables and their indexes, the six reads a view needs, and how
claim rows are packed into the claims table.

The claims table holds one row per report revision and incident: the claim
rows of that revision about that incident, packed as one JSON array of their
columns after ``incident``, ``report_id``, ``revision`` and ``seq`` (which are
columns of their own). A view reads a few thousand such rows, each decoded by
one ``orjson.loads``, instead of tens of thousands of rows of twenty columns:
fetching rows is what a full replay spends most on.

Each backend gives its parameter style (``:name`` for SQLite, ``%(name)s`` for
PostgreSQL) and the collation that orders incident ids by code point, as
:func:`~taji_events.recorder.merged_rows` and ``sorted()`` compare strings; the
statements are otherwise the same, so the two backends cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
    "incident_groups",
    "pack_claim_rows",
    "row_queries",
    "tables",
]

#: ``(name, SQL type)`` of the claims table's columns (``claims``: the packed rows).
PACKED_COLUMNS: Final = (("incident", "TEXT NOT NULL"), ("seq", "BIGINT NOT NULL"),
                         ("report_id", "TEXT NOT NULL"), ("revision", "BIGINT NOT NULL"))


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
        # Which reports speak of each incident, without reading the packed claims.
        f"CREATE INDEX {CLAIMS_TABLE}_reports ON {CLAIMS_TABLE} (incident, report_id, seq)",
        f"CREATE TABLE {EDGES_TABLE} ({edges}, PRIMARY KEY (report_id, seq)) {clustered}".rstrip(),
        _table(DECLARATIONS_TABLE, DECLARATION_COLUMNS),
        f"CREATE INDEX {DECLARATIONS_TABLE}_by_incident ON {DECLARATIONS_TABLE} (incident, seq)",
    )


#: Drops the three tables, so that :func:`tables` can create them in a new layout.
DROP_TABLES: Final = tuple(f"DROP TABLE IF EXISTS {name}"
                           for name in (CLAIMS_TABLE, EDGES_TABLE, DECLARATIONS_TABLE))


def pack_claim_rows(rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Claim rows (:data:`~taji_events.claim_rows.CLAIM_COLUMNS`) as rows of the
    claims table: one per incident and event, its claims' other columns packed."""
    groups: dict[tuple[str, int], tuple[str, int, list[list[Any]]]] = {}
    for row in rows:
        key = (row[0], row[4])
        group = groups.get(key)
        if group is None:
            group = groups[key] = (row[1], row[2], [])
        group[2].append([row[3], *row[5:]])
    return [(incident, seq, report, revision, orjson.dumps(parts))
            for (incident, seq), (report, revision, parts) in groups.items()]


def incident_groups(rows: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """One incident's rows of the claims table, ``(incident, report_id, revision,
    seq, packed)``, as the groups of :class:`~taji_events.claim_rows.IncidentRows`:
    ``(report_id, revision, seq, parts)``, the packed claims decoded."""
    loads = orjson.loads
    return [(report, revision, seq, loads(packed)) for _, report, revision, seq, packed in rows]


@attrs.frozen
class RowQueries:
    """The reads of one incident's rows (``incident_*``: claim rows, the edge rows
    of its reports, declaration seqs and envelopes) and of every incident's, ordered by
    incident (``all_*``: each row led by its incident), all bounded by ``upper``."""

    incident_claims: str
    incident_edges: str
    incident_declarations: str
    all_claims: str
    all_edges: str
    all_declarations: str


def row_queries(param: Callable[[str], str], collate: str = "", *,
                events: str) -> RowQueries:
    """The reads in a backend's parameter style (``param("upper")`` is how a
    statement names that parameter); ``collate`` follows each ``ORDER BY incident``.
    ``events`` is the backend's table of events (``seq``, ``envelope``): the
    declaration reads give each declaration's envelope with its seq."""
    incident, upper = param("incident"), param("upper")
    claims = "incident, report_id, revision, seq, claims"
    edges = ", ".join(f"e.{name}" for name, _ in EDGE_COLUMNS)
    return RowQueries(
        incident_claims=(f"SELECT {claims} FROM {CLAIMS_TABLE} "
                         f"WHERE incident = {incident} AND seq <= {upper} ORDER BY seq"),
        incident_edges=(f"SELECT {edges} FROM {EDGES_TABLE} AS e "
                        f"WHERE e.seq <= {upper} AND e.report_id IN ("
                        f"SELECT report_id FROM {CLAIMS_TABLE} "
                        f"WHERE incident = {incident} AND seq <= {upper})"),
        incident_declarations=(f"SELECT d.seq, e.envelope FROM {DECLARATIONS_TABLE} AS d "
                               f"JOIN {events} AS e ON e.seq = d.seq "
                               f"WHERE d.incident = {incident} AND d.seq <= {upper} "
                               "ORDER BY d.seq"),
        all_claims=(f"SELECT {claims} FROM {CLAIMS_TABLE} WHERE seq <= {upper} "
                    f"ORDER BY incident{collate}, seq"),
        all_edges=(f"SELECT c.incident, {edges} FROM ("
                   f"SELECT DISTINCT incident, report_id FROM {CLAIMS_TABLE} "
                   f"WHERE seq <= {upper}) AS c "
                   f"JOIN {EDGES_TABLE} AS e ON e.report_id = c.report_id AND e.seq <= {upper} "
                   f"ORDER BY c.incident{collate}"),
        all_declarations=(f"SELECT d.incident, d.seq, e.envelope FROM {DECLARATIONS_TABLE} AS d "
                          f"JOIN {events} AS e ON e.seq = d.seq "
                          f"WHERE d.seq <= {upper} ORDER BY d.incident{collate}, d.seq"),
    )
