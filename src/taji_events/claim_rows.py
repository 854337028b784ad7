"""Claim rows: a compact projection of the log that the publication-axis views
read instead of decoding events.

The event log stays the only source of truth; claim rows are derived from it
and can always be rebuilt from it. Three kinds of row, plain tuples of strings,
integers and None (so a SQL table, or a list in memory, keeps them as they are):

* a **claim row** per claim of a report revision, under the incident it is
  about: :data:`CLAIM_COLUMNS`. Times are not needed here: a claim enters a
  view with its revision.
* an **edge row** per revision (``revision``) and per retraction
  (``revision`` None) of a report: :data:`EDGE_COLUMNS`, with the publication
  window as whole microseconds since 1970-01-01 UTC (lower, upper and the
  midpoint exactly as :attr:`TimePoint.midpoint <taji_events.timepoint.TimePoint.midpoint>`
  rounds it), so that the order of publication (midpoint, then end, then
  start) is an integer comparison. Edge rows are kept by report, because a
  revision belongs to an incident's view when *any* revision of its report
  makes a claim about the incident (even a revision without one); the SQL
  backends also keep them beside each incident's claims
  (:mod:`taji_events.claim_row_tables`), so that a view is one ordered scan.
* a **declaration row** per declaration and amendment of an incident:
  :data:`DECLARATION_COLUMNS`; the few events it points to are decoded when a
  view needs the declaration.

Every row carries the ``seq`` of its event, so a view bounded by a log position
(``basis_seq``, a record-time cut) reads only the rows at or below it.

A claim's *same-claim identity* — what the ledger compares to find when a
report first published a claim it carries over into an update (field, value,
speaker, hedge and quote; not the scope or the offsets) — is
:attr:`ClaimRow.same`, a number standing for the tuple of the columns it is
made of, so matching by rows is matching by those values exactly. Only a report
with claims in more than one revision of a view ever compares them, so only
its claims are numbered (the others keep None).

:data:`ROWS_VERSION` names this layout; a store whose rows were written in
another layout rebuilds them from the log.

Pure values and functions: no store, no file, no serialization of events.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
)
from taji_events.model import Attribution
from taji_events.timepoint import TimePoint

__all__ = [
    "CLAIMS_TABLE",
    "CLAIM_COLUMNS",
    "DECLARATIONS_TABLE",
    "DECLARATION_COLUMNS",
    "EDGES_TABLE",
    "EDGE_COLUMNS",
    "PART_COLUMNS",
    "ROWS_VERSION",
    "ClaimRow",
    "EdgeRow",
    "IncidentRows",
    "claim_identity",
    "count_best",
    "decode_breakdown",
    "encode_breakdown",
    "event_rows",
    "from_micros",
    "part_identity",
    "to_micros",
]

#: The layout of the rows below; bump it whenever a column or its meaning changes.
ROWS_VERSION: Final = 4
CLAIMS_TABLE: Final = "taji_claim_rows"
EDGES_TABLE: Final = "taji_claim_edges"
DECLARATIONS_TABLE: Final = "taji_claim_declarations"

#: ``(name, SQL type)`` of each column of a claim row, in order.
CLAIM_COLUMNS: Final = (
    ("incident", "TEXT NOT NULL"), ("report_id", "TEXT NOT NULL"), ("revision", "BIGINT NOT NULL"),
    ("claim_index", "BIGINT NOT NULL"), ("seq", "BIGINT NOT NULL"), ("field", "TEXT NOT NULL"),
    ("low", "BIGINT"), ("high", "BIGINT"), ("qualifier", "TEXT"), ("stated", "BIGINT"),
    ("count_text", "TEXT"), ("breakdown", "TEXT"), ("lexicon", "TEXT"),
    ("actor", "TEXT"), ("stance", "TEXT"), ("asserted_by", "TEXT"),
    ("hedge", "TEXT NOT NULL"), ("speaker_kind", "TEXT NOT NULL"),
    ("speaker_name", "TEXT NOT NULL"), ("scope", "TEXT"), ("label", "TEXT NOT NULL"),
)
#: The columns of a claim row after ``incident``, ``report_id``, ``revision`` and
#: ``seq``, as :attr:`IncidentRows.groups` keeps each claim.
PART_COLUMNS: Final = (CLAIM_COLUMNS[3], *CLAIM_COLUMNS[5:])
#: Columns of an edge row: a revision (``revision`` None: the retraction) of a report.
EDGE_COLUMNS: Final = (
    ("report_id", "TEXT NOT NULL"), ("revision", "BIGINT"), ("seq", "BIGINT NOT NULL"),
    ("lower_us", "BIGINT NOT NULL"), ("upper_us", "BIGINT NOT NULL"),
    ("mid_us", "BIGINT NOT NULL"),
)
#: Columns of a declaration row: the seq of an incident's declaration or amendment.
DECLARATION_COLUMNS: Final = (("incident", "TEXT NOT NULL"), ("seq", "BIGINT NOT NULL"))

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND: Final = timedelta(microseconds=1)


def to_micros(moment: datetime) -> int:
    """An aware datetime as whole microseconds since 1970-01-01 UTC."""
    return (moment - _EPOCH) // _MICROSECOND


def from_micros(micros: int) -> datetime:
    """The aware UTC datetime of :func:`to_micros`."""
    return _EPOCH + timedelta(microseconds=micros)


def encode_breakdown(breakdown: Mapping[str, int]) -> str | None:
    """A count's breakdown as the text of its column: the Python literal of its
    ``(group, number)`` pairs in order (None when there is none), exact for any
    group name and read back by :func:`decode_breakdown`."""
    return repr(tuple(breakdown.items())) if breakdown else None


def decode_breakdown(text: str | None) -> tuple[tuple[str, int], ...]:
    """The ``(group, number)`` pairs of a breakdown column (see :func:`encode_breakdown`)."""
    if text is None:
        return ()
    return tuple((str(group), int(number)) for group, number in ast.literal_eval(text))


def _window(point: TimePoint) -> tuple[int, int, int]:
    return to_micros(point.lower), to_micros(point.upper), to_micros(point.midpoint)


def _claim_rows(seq: int, event: ReportPublished) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for index, claim in enumerate(event.claims):
        value = claim.value
        speaker = claim.according_to
        if isinstance(value, Attribution):
            figures: tuple[Any, ...] = (None, None, None, None, None, None, None,
                                        value.actor, value.stance, value.asserted_by)
        else:
            breakdown = encode_breakdown(value.breakdown)
            figures = (value.low, value.high, value.qualifier, value.stated, value.text,
                       breakdown, value.lexicon, None, None, None)
        rows.append((claim.incident, event.report_id, event.revision, index, seq, claim.field,
                     *figures, claim.hedge, speaker.kind, speaker.name, claim.scope,
                     claim.label))
    return rows


def event_rows(seq: int, event: Event) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]],
                                                  list[tuple[Any, ...]]]:
    """The claim, edge and declaration rows of ``event`` recorded at ``seq``."""
    if isinstance(event, ReportPublished):
        return (_claim_rows(seq, event),
                [(event.report_id, event.revision, seq, *_window(event.published_at))], [])
    if isinstance(event, ReportRetracted):
        return [], [(event.report_id, None, seq, *_window(event.at))], []
    if isinstance(event, IncidentDeclared | IncidentAmended):
        return [], [], [(event.incident_id, seq)]
    return [], [], []


_COUNT_OPEN: Final = ("more_than", "at_least")


def claim_identity(row: Sequence[Any]) -> tuple[Any, ...]:
    """The same-claim identity of a claim row, as the ledger compares claims:
    every column but where the claim is, its scope and the seq."""
    (incident, _, _, _, _, field, low, high, qualifier, stated, text, breakdown, lexicon,
     actor, stance, asserted_by, hedge, kind, name, _, label) = row
    return (incident, field, low, high, qualifier, stated, text, breakdown, lexicon,
            actor, stance, asserted_by, name, kind, hedge, label)


def count_best(qualifier: str | None, low: int | None, high: int | None,
               stated: int | None) -> int:
    """The figure a count's columns stand for (:attr:`Count.best
    <taji_events.model.Count.best>`): the bound of an open or "fewer than"
    count, else the stated number."""
    if qualifier in _COUNT_OPEN:
        return low  # type: ignore[return-value]
    if qualifier == "fewer_than":
        return high if high is not None else low  # type: ignore[return-value]
    return stated  # type: ignore[return-value]


def part_identity(part: Sequence[Any]) -> tuple[Any, ...]:
    """The same-claim identity of a claim's packed columns (:data:`PART_COLUMNS`)
    within one incident: the columns :func:`claim_identity` compares, in their order
    there (everything but ``claim_index`` and ``scope``)."""
    return (*part[1:15], part[16])


class ClaimRow:
    """One claim row as the views read it: the columns, strings interned, and
    the figures a policy's incremental form uses (``best``, the breakdown as
    pairs), worked out once. ``same`` is the same-claim identity: a number
    that :class:`IncidentRows` gives, equal for equal :func:`claim_identity`
    tuples, or None while it has not numbered it (see :class:`IncidentRows`)."""

    __slots__ = ("actor", "attribution", "best", "breakdown", "field", "hedge", "high", "index",
                 "low", "report_id", "revision", "same", "scoped", "seq", "speaker_kind",
                 "stance")

    def __init__(self, row: Sequence[Any]) -> None:
        (_, report_id, revision, index, seq, field, low, high, qualifier, stated,
         _, breakdown, _, actor, stance, _, hedge, kind, _, scope, _) = row
        intern = sys.intern
        self.report_id: str = intern(report_id)
        self.revision: int = revision
        self.index: int = index
        self.seq: int = seq
        self.field: str = intern(field)
        self.hedge: str = intern(hedge)
        self.speaker_kind: str = intern(kind)
        self.scoped = scope is not None
        self.actor: str | None = actor
        self.same: int | None = None
        if stance is not None:
            self.attribution = True
            self.stance: str = intern(stance)
            self.breakdown: tuple[tuple[str, int], ...] = ()
            self.low: int = 0
            self.high: int | None = None
            self.best: int = 0
            return
        self.attribution = False
        self.stance = ""
        self.breakdown = () if breakdown is None else decode_breakdown(breakdown)
        self.low = 0 if low is None else low
        self.high = high
        self.best = count_best(qualifier, low, high, stated)

class EdgeRow:
    """One edge row: a revision (``revision`` None: the retraction) of a report,
    its window in microseconds and the order of publication as one key."""

    __slots__ = ("lower", "order", "report_id", "revision", "seq", "upper")

    def __init__(self, row: Sequence[Any]) -> None:
        report_id, revision, seq, lower, upper, mid = row
        self.report_id: str = sys.intern(report_id)
        self.revision: int | None = revision
        self.seq: int = seq
        self.lower: int = lower
        self.upper: int = upper
        #: :attr:`TimePoint.sort_key <taji_events.timepoint.TimePoint.sort_key>` in microseconds.
        self.order: tuple[int, int, int] = (mid, upper, lower)


class IncidentRows:
    """The rows of one incident's view: its claim rows, the edge rows of every
    report with a claim about it, and the seqs of its declaration and
    amendments — each at or below the view's log position.

    The claim rows come grouped by the event they are derived from: ``groups``
    holds ``(report_id, revision, seq, parts)`` in seq order, ``parts`` the
    claims of that revision about the incident, each the columns of its claim
    row after ``incident``, ``report_id``, ``revision`` and ``seq``
    (``claim_index`` first: see :data:`PART_COLUMNS`). A single question folds
    them as they are (:mod:`taji_events.moment_fold`); ``raw_claims`` gives
    them as whole claim rows and ``claims`` as :class:`ClaimRow` values, and
    ``raw_edges``/``edges`` the edge rows, each made the first time it is read.
    Build one from whole claim rows with :meth:`from_claim_rows`.

    ``declared``, when the store read them with the rows, holds the events the
    declaration rows point to, in seq order (None: read them by seq)."""

    __slots__ = ("_claims", "_edges", "_identities", "_raw_claims", "declarations", "declared",
                 "groups", "incident", "raw_edges")

    def __init__(self, incident: str, groups: Iterable[Sequence[Any]],
                 edges: Iterable[Sequence[Any]], declarations: Iterable[int],
                 declared: Sequence[Event] | None = None) -> None:
        self.incident = incident
        self.groups: list[Sequence[Any]] = groups if isinstance(groups, list) else list(groups)
        self.raw_edges: list[Sequence[Any]] = edges if isinstance(edges, list) else list(edges)
        self.declarations = sorted(declarations)
        self.declared = None if declared is None else list(declared)
        self._raw_claims: list[tuple[Any, ...]] | None = None
        self._claims: list[ClaimRow] | None = None
        self._edges: list[EdgeRow] | None = None
        self._identities: list[tuple[Any, ...]] = []

    @classmethod
    def from_claim_rows(cls, incident: str, claims: Iterable[Sequence[Any]],
                        edges: Iterable[Sequence[Any]],
                        declarations: Iterable[int]) -> IncidentRows:
        """The rows of ``incident`` from its whole claim rows (any order)."""
        groups: dict[int, tuple[str, int, int, list[Sequence[Any]]]] = {}
        for row in claims:
            seq = row[4]
            group = groups.get(seq)
            if group is None:
                group = groups[seq] = (row[1], row[2], seq, [])
            group[3].append((row[3], *row[5:]))
        for group in groups.values():
            group[3].sort(key=lambda part: part[0])
        return cls(incident, [groups[seq] for seq in sorted(groups)], edges, declarations)

    @property
    def raw_claims(self) -> list[tuple[Any, ...]]:
        """The claim rows (:data:`CLAIM_COLUMNS`), in seq order, then claim order."""
        if self._raw_claims is None:
            incident = self.incident
            self._raw_claims = [(incident, report, revision, part[0], seq, *part[1:])
                                for report, revision, seq, parts in self.groups
                                for part in parts]
        return self._raw_claims

    @property
    def claims(self) -> list[ClaimRow]:
        """The claim rows as :class:`ClaimRow` values, each of a report with claims
        in more than one revision numbered by its same-claim identity."""
        if self._claims is None:
            found = self.raw_claims
            claims = [ClaimRow(row) for row in found]
            # One small number per distinct same-claim identity, so that matching
            # compares numbers, not the tuples of columns. Only the claims of a
            # report with claims in more than one revision are ever matched (the
            # view's revisions of any other report carry no claim to match with).
            revision_of: dict[str, int] = {}
            compared: set[str] = set()
            for claim in claims:
                if revision_of.setdefault(claim.report_id, claim.revision) != claim.revision:
                    compared.add(claim.report_id)
            numbers: dict[tuple[Any, ...], int] = {}
            if compared:
                for claim, row in zip(claims, found, strict=True):
                    if claim.report_id in compared:
                        claim.same = numbers.setdefault(claim_identity(row), len(numbers))
            self._identities = list(numbers)
            self._claims = claims
        return self._claims

    @property
    def identities(self) -> list[tuple[Any, ...]]:
        """The distinct same-claim identities :attr:`claims` numbers, by number."""
        _ = self.claims
        return self._identities

    @property
    def edges(self) -> list[EdgeRow]:
        """The edge rows as :class:`EdgeRow` values."""
        if self._edges is None:
            self._edges = [EdgeRow(row) for row in self.raw_edges]
        return self._edges

    @property
    def empty(self) -> bool:
        """True when the view holds no event about the incident."""
        return not self.raw_edges and not self.declarations and not self.groups

    @property
    def last_seq(self) -> int:
        """The last seq among the incident's events in the view (0 when none)."""
        return max([edge[2] for edge in self.raw_edges] + self.declarations, default=0)
