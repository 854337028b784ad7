"""The SQL of the claim-row tables (:mod:`taji_events.claim_rows`), shared by the
SQL backends: the tables and their indexes, and the six reads a view needs.

Each backend gives its parameter style (``:name`` for SQLite, ``%(name)s`` for
PostgreSQL) and the collation that orders incident ids by code point, as
:func:`~taji_events.recorder.merged_rows` and ``sorted()`` compare strings; the
statements are otherwise the same, so the two backends cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs

from taji_events.claim_rows import (
    CLAIM_COLUMNS,
    CLAIMS_TABLE,
    DECLARATION_COLUMNS,
    DECLARATIONS_TABLE,
    EDGE_COLUMNS,
    EDGES_TABLE,
)

__all__ = ["TABLES", "RowQueries", "row_queries"]


def _table(name: str, columns: tuple[tuple[str, str], ...]) -> str:
    return f"CREATE TABLE {name} ({', '.join(f'{column} {kind}' for column, kind in columns)})"


#: The three tables and their indexes (each backend adds the row saying how far
#: they are complete).
TABLES: Final = (
    _table(CLAIMS_TABLE, CLAIM_COLUMNS),
    f"CREATE INDEX {CLAIMS_TABLE}_by_incident ON {CLAIMS_TABLE} (incident, seq)",
    _table(EDGES_TABLE, EDGE_COLUMNS),
    f"CREATE INDEX {EDGES_TABLE}_by_report ON {EDGES_TABLE} (report_id, seq)",
    _table(DECLARATIONS_TABLE, DECLARATION_COLUMNS),
    f"CREATE INDEX {DECLARATIONS_TABLE}_by_incident ON {DECLARATIONS_TABLE} (incident, seq)",
)


@attrs.frozen
class RowQueries:
    """The reads of one incident's rows (``incident_*``: claim rows, the edge rows
    of its reports, declaration seqs) and of every incident's, ordered by
    incident (``all_*``: each row led by its incident), all bounded by ``upper``."""

    incident_claims: str
    incident_edges: str
    incident_declarations: str
    all_claims: str
    all_edges: str
    all_declarations: str


def row_queries(param: Callable[[str], str], collate: str = "") -> RowQueries:
    """The reads in a backend's parameter style (``param("upper")`` is how a
    statement names that parameter); ``collate`` follows each ``ORDER BY incident``."""
    incident, upper = param("incident"), param("upper")
    claims = ", ".join(name for name, _ in CLAIM_COLUMNS)
    edges = ", ".join(f"e.{name}" for name, _ in EDGE_COLUMNS)
    return RowQueries(
        incident_claims=(f"SELECT {claims} FROM {CLAIMS_TABLE} "
                         f"WHERE incident = {incident} AND seq <= {upper}"),
        incident_edges=(f"SELECT {edges} FROM {EDGES_TABLE} AS e "
                        f"WHERE e.seq <= {upper} AND e.report_id IN ("
                        f"SELECT report_id FROM {CLAIMS_TABLE} "
                        f"WHERE incident = {incident} AND seq <= {upper})"),
        incident_declarations=(f"SELECT seq FROM {DECLARATIONS_TABLE} "
                               f"WHERE incident = {incident} AND seq <= {upper}"),
        all_claims=(f"SELECT {claims} FROM {CLAIMS_TABLE} WHERE seq <= {upper} "
                    f"ORDER BY incident{collate}, seq"),
        all_edges=(f"SELECT c.incident, {edges} FROM ("
                   f"SELECT DISTINCT incident, report_id FROM {CLAIMS_TABLE} "
                   f"WHERE seq <= {upper}) AS c "
                   f"JOIN {EDGES_TABLE} AS e ON e.report_id = c.report_id AND e.seq <= {upper} "
                   f"ORDER BY c.incident{collate}"),
        all_declarations=(f"SELECT incident, seq FROM {DECLARATIONS_TABLE} "
                          f"WHERE seq <= {upper} ORDER BY incident{collate}, seq"),
    )
