"""Active claims: which claims of a ledger count in a view, and when each counts.

A *view* of one incident takes, for each of its reports, the highest revision
published by the view's instant, unless the report was retracted by then. The
claims of those revisions are the *active claims*, each an :class:`ActiveClaim`
that says where it came from and when the report first made it. Policies turn
active claims into beliefs.

A view has an instant (``published_by``; None takes everything recorded) and a
mode: ``"certain"`` counts a publication once its time window has certainly
passed (its upper end), ``"possible"`` as soon as it may have happened (its
lower end, but never before the incident itself).

Pure functions of a :class:`~taji_events.ledger.Ledger`'s fold state: no store,
no file, no serialization.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from taji_events._codec import value_key
from taji_events.events import ReportPublished
from taji_events.model import Claim, Source
from taji_events.timepoint import TimePoint

if TYPE_CHECKING:
    from taji_events.ledger import Ledger

__all__ = [
    "MODES",
    "ActiveClaim",
    "active_claims",
    "edge_point",
    "edges",
    "entries",
    "entry_instant",
    "report_claims",
    "same_claim_key",
    "view_floor",
]

#: The two modes of a view: ``"certain"`` and ``"possible"``.
MODES: Final = ("certain", "possible")


@attrs.frozen
class ActiveClaim:
    """A claim that counts in a view, with where it came from.

    ``first_published_at`` is when the report first made this same claim (same
    field, value, speaker, hedge and quote) among the revisions in the view:
    a claim carried over into an update keeps its original time.

    Since 0.1.0 (defined in :mod:`taji_events.ledger` before 0.3.0, which still
    re-exports it).
    """

    claim: Claim
    report_id: str
    revision: int
    index: int
    source: Source
    published_at: TimePoint
    first_published_at: TimePoint

    @property
    def ref(self) -> str:
        """Stable reference: ``report_id@revision#index``."""
        return f"{self.report_id}@{self.revision}#{self.index}"

    @property
    def sort_key(self) -> tuple[Any, ...]:
        """Publication order, content-based so it never depends on arrival order."""
        return (self.first_published_at.sort_key, self.report_id, self.revision, self.index)


def same_claim_key(claim: Claim) -> tuple[Any, ...]:
    """A key equal for the same claim in two revisions of a report: incident, field,
    value, speaker, hedge and quote. Offsets are left out: they move between
    revisions (text is added above), the quote does not. Since 0.3.0."""
    return (claim.incident, claim.field, value_key(claim.value), claim.according_to,
            claim.hedge, claim.label)


def entry_instant(point: TimePoint, mode: str, not_before: datetime | None) -> datetime:
    """The instant a publication enters a view: the end of its window when certain,
    its start when possible — but a report about an incident cannot precede the
    incident, so a possible start is never earlier than ``not_before``.
    Since 0.3.0."""
    if mode == "certain":
        return point.upper
    return point.lower if not_before is None else max(point.lower, min(not_before, point.upper))


def _included(point: TimePoint, cutoff: datetime | None, mode: str,
              not_before: datetime | None) -> bool:
    return cutoff is None or entry_instant(point, mode, not_before) <= cutoff


def view_floor(ledger: Ledger, incident: str) -> datetime | None:
    """The earliest instant a report about ``incident`` can enter a possible view:
    the start of the incident's (amended) time, or None when it is not declared.
    Since 0.3.0."""
    declaration = ledger.declaration(incident)
    return None if declaration is None else declaration.occurred_at.lower


def active_claims(ledger: Ledger, incident: str, *, published_by: datetime | None = None,
                  mode: str = "certain") -> list[ActiveClaim]:
    """Active claims about ``incident``, in publication order.

    ``published_by=None`` takes every recorded revision (the *known* view);
    otherwise only revisions (and retractions) certainly (``mode="certain"``)
    or possibly (``mode="possible"``) published by that instant. Since 0.3.0
    (:meth:`Ledger.active_claims <taji_events.ledger.Ledger.active_claims>` since 0.1.0).
    """
    active: list[tuple[tuple[Any, ...], ActiveClaim]] = []
    times: dict[int, tuple[datetime, datetime, datetime]] = {}
    floor = view_floor(ledger, incident)
    for report_id in ledger.reports_by_incident.get(incident, ()):
        retraction = ledger.retractions.get(report_id)
        if retraction is not None and _included(retraction.at, published_by, mode, floor):
            continue
        included = sorted(
            (number, revision) for number, revision in ledger.revisions[report_id].items()
            if _included(revision.published_at, published_by, mode, floor)
        )
        for item in report_claims(ledger, incident, report_id, included):
            first = item.first_published_at
            order = times.get(id(first))
            if order is None:
                order = times[id(first)] = first.sort_key
            active.append(((order, report_id, item.revision, item.index), item))
    # The same order as ActiveClaim.sort_key, each time point's key computed once.
    active.sort(key=lambda pair: pair[0])
    return [item for _, item in active]


def report_claims(ledger: Ledger, incident: str, report_id: str,
                  included: list[tuple[int, ReportPublished]]) -> list[ActiveClaim]:
    """The active claims about ``incident`` of one report whose revisions in the
    view are ``included`` (sorted by number): the highest revision's claims, each
    first published with the earliest included revision that makes it.
    Since 0.3.0."""
    if not included:
        return []
    number, current = included[-1]
    first_seen = _first_seen(ledger, included)
    keys = ledger.claim_keys(current) if first_seen else [None] * len(current.claims)
    published = current.published_at
    return [
        ActiveClaim(claim=claim, report_id=report_id, revision=number, index=index,
                    source=current.source, published_at=published,
                    first_published_at=published if key is None
                    else first_seen.get(key, published))
        for index, (claim, key) in enumerate(zip(current.claims, keys, strict=True))
        if claim.incident == incident
    ]


def _first_seen(ledger: Ledger,
                included: list[tuple[int, ReportPublished]]) -> dict[tuple[Any, ...], TimePoint]:
    # The earliest publication among the revisions that make the claim, whatever
    # their numbers say: a claim is never "first published" after it was published.
    first: dict[tuple[Any, ...], TimePoint] = {}
    if len(included) == 1:
        return first  # one revision: every claim was first published with it
    for _, revision in included:
        for key in ledger.claim_keys(revision):
            seen = first.get(key)
            if seen is None or revision.published_at.sort_key < seen.sort_key:
                first[key] = revision.published_at
    return first


def edges(ledger: Ledger, incident: str, mode: str) -> list[tuple[datetime, str, int | None]]:
    """Each revision (``report_id, number``) and retraction (``report_id, None``) of
    the incident's reports with the instant it enters the view, by report.
    Since 0.3.0."""
    floor = view_floor(ledger, incident)
    found: list[tuple[datetime, str, int | None]] = []
    for report_id in sorted(ledger.reports_by_incident.get(incident, ())):
        for number, revision in sorted(ledger.revisions[report_id].items()):
            found.append((entry_instant(revision.published_at, mode, floor), report_id, number))
        retraction = ledger.retractions.get(report_id)
        if retraction is not None:
            found.append((entry_instant(retraction.at, mode, floor), report_id, None))
    return found


def edge_point(ledger: Ledger, report_id: str, number: int | None) -> TimePoint:
    """The publication window of revision ``number`` of a report, or of its
    retraction (``number`` None). Since 0.3.0."""
    if number is None:
        return ledger.retractions[report_id].at
    return ledger.revisions[report_id][number].published_at


def entries(ledger: Ledger, incident: str, mode: str) -> list[tuple[datetime, str]]:
    """Each revision and retraction of the incident's reports with the instant it
    enters the view, named ``report@revision`` or ``report retracted``.
    Since 0.3.0."""
    return [(moment, f"{report_id} retracted" if number is None else f"{report_id}@{number}")
            for moment, report_id, number in edges(ledger, incident, mode)]
