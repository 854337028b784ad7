"""The claim ledger: the projection every replay folds events into.

The ledger keeps, per report, every revision's claims (without the text) and
its retraction, indexed by incident. From it a *view* picks the active claims
of one incident (:mod:`taji_events.active_claims`): for each report the
highest revision included by the view, unless the report was retracted within
the view. Policies then turn the active claims into beliefs; the ledger itself
knows nothing of policies.

The ledger's :meth:`~Ledger.held_events` are all it needs to be rebuilt: a
:class:`~taji_events.snapshots.Snapshot` saves them at a ``seq`` as JSON, and
applying the events after that ``seq`` to the resumed ledger gives the same
ledger as a full replay.

A pure fold: no store, no file, no serialization. :class:`ActiveClaim` and
:data:`MODES` are defined in :mod:`taji_events.active_claims` and importable
from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from taji_events._codec import without_text
from taji_events._deprecation import warn_moved
from taji_events.active_claims import MODES, ActiveClaim, same_claim_key
from taji_events.active_claims import active_claims as _active_claims
from taji_events.active_claims import edge_point as _edge_point
from taji_events.active_claims import edges as _edges
from taji_events.active_claims import entries as _entries
from taji_events.active_claims import report_claims as _report_claims
from taji_events.declarations import fold_declaration
from taji_events.errors import TajiEventsError
from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.timepoint import TimePoint

if TYPE_CHECKING:
    from taji_events.snapshots import Snapshot

__all__ = ["MODES", "ActiveClaim", "Ledger"]


class Ledger:
    """Mutable fold state over recorded events; see the module docstring.

    Since 0.1.0.
    """

    def __init__(self) -> None:
        self.last_seq = 0
        self.incidents: dict[str, IncidentDeclared] = {}
        self.amendments: dict[str, dict[int, IncidentAmended]] = {}
        self.revisions: dict[str, dict[int, ReportPublished]] = {}
        self.retractions: dict[str, ReportRetracted] = {}
        self.reports_by_incident: dict[str, set[str]] = {}
        # Derived, never saved: the comparison keys of each revision's claims.
        self._key_cache: dict[str, list[tuple[Any, ...]]] = {}

    # -- folding ---------------------------------------------------------------------------
    def apply(self, recorded: RecordedEvent) -> None:
        """Fold one recorded event. Events at or below ``last_seq`` are ignored, so
        replaying an overlap after a restart is harmless."""
        if recorded.seq <= self.last_seq:
            return
        self.apply_event(recorded.event)
        self.last_seq = recorded.seq

    def apply_event(self, event: Event) -> None:
        """Fold an event regardless of ``seq`` (idempotent per event identity)."""
        if isinstance(event, IncidentDeclared):
            self.incidents.setdefault(event.incident_id, event)
        elif isinstance(event, ReportPublished):
            slim = without_text(event) if event.text is not None else event
            self.revisions.setdefault(event.report_id, {}).setdefault(event.revision, slim)
            for incident in event.incidents:
                self.reports_by_incident.setdefault(incident, set()).add(event.report_id)
        elif isinstance(event, ReportRetracted):
            self.retractions.setdefault(event.report_id, event)
        elif isinstance(event, IncidentAmended):
            self.amendments.setdefault(event.incident_id, {}).setdefault(event.amendment, event)
        else:
            raise TajiEventsError(f"cannot fold {event!r}: not an event of this library")

    def extend(self, recorded: Iterable[RecordedEvent]) -> Ledger:
        """Fold many recorded events; returns ``self`` for chaining."""
        for item in recorded:
            self.apply(item)
        return self

    @classmethod
    def from_events(cls, events: Iterable[Event], *, last_seq: int = 0) -> Ledger:
        """A ledger of plain (unrecorded) events, e.g. a JSON Lines file or a
        ledger's :meth:`held_events`, with ``last_seq`` the ``seq`` they were folded
        up to (``extend`` then skips what is at or below it). ``last_seq`` since 0.3.0."""
        ledger = cls()
        for event in events:
            ledger.apply_event(event)
        ledger.last_seq = last_seq
        return ledger

    # -- views (see taji_events.active_claims) -------------------------------------------
    def active_claims(
        self, incident: str, *, published_by: datetime | None = None, mode: str = "certain"
    ) -> list[ActiveClaim]:
        """Active claims about ``incident``, in publication order: see
        :func:`taji_events.active_claims.active_claims`."""
        return _active_claims(self, incident, published_by=published_by, mode=mode)

    def report_claims(self, incident: str, report_id: str,
                      included: list[tuple[int, ReportPublished]]) -> list[ActiveClaim]:
        """The active claims about ``incident`` of one report whose revisions in the
        view are ``included``: see :func:`taji_events.active_claims.report_claims`."""
        return _report_claims(self, incident, report_id, included)

    def claim_keys(self, revision: ReportPublished) -> list[tuple[Any, ...]]:
        """:func:`~taji_events.active_claims.same_claim_key` of each of the revision's
        claims, computed once per revision. Since 0.3.0."""
        keys = self._key_cache.get(revision.identity)
        if keys is None:
            keys = [same_claim_key(claim) for claim in revision.claims]
            self._key_cache[revision.identity] = keys
        return keys

    def declaration(self, incident: str) -> IncidentDeclared | None:
        """The incident's declaration as its amendments so far correct it."""
        return fold_declaration(self.incidents.get(incident),
                                self.amendments.get(incident, {}).values())

    def edges(self, incident: str, mode: str) -> list[tuple[datetime, str, int | None]]:
        """Each revision and retraction of the incident's reports with the instant it
        enters the view: see :func:`taji_events.active_claims.edges`."""
        return _edges(self, incident, mode)

    def edge_point(self, report_id: str, number: int | None) -> TimePoint:
        """The publication window of a revision or retraction: see
        :func:`taji_events.active_claims.edge_point`."""
        return _edge_point(self, report_id, number)

    def entries(self, incident: str, mode: str) -> list[tuple[datetime, str]]:
        """Each revision and retraction of the incident's reports with the instant it
        enters the view: see :func:`taji_events.active_claims.entries`."""
        return _entries(self, incident, mode)

    # -- saving ----------------------------------------------------------------------------
    def held_events(self) -> tuple[Event, ...]:
        """The events the ledger holds (report texts left out), in a canonical order:
        declarations, then revisions, retractions and amendments, each sorted by
        identity. Folding them into an empty ledger gives an equal ledger; a
        :class:`~taji_events.snapshots.Snapshot` saves them. Since 0.3.0."""
        events: list[Event] = [self.incidents[key] for key in sorted(self.incidents)]
        for report_id in sorted(self.revisions):
            events.extend(self.revisions[report_id][n] for n in sorted(self.revisions[report_id]))
        events.extend(self.retractions[key] for key in sorted(self.retractions))
        events.extend(self.amendments[key][n] for key in sorted(self.amendments)
                      for n in sorted(self.amendments[key]))
        return tuple(events)

    def snapshot(self) -> Snapshot:
        """Deprecated since 0.3.0: use ``taji_events.snapshots.Snapshot.of(ledger)``."""
        warn_moved("Ledger.snapshot()", "taji_events.snapshots.Snapshot.of(ledger)")
        # Compatibility shim for one version: the ledger itself never needs JSON.
        from taji_events.snapshots import Snapshot

        return Snapshot.of(self)

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> Ledger:
        """Deprecated since 0.3.0: use ``snapshot.resume()``
        (:meth:`taji_events.snapshots.Snapshot.resume`)."""
        warn_moved("Ledger.from_snapshot(snapshot)", "snapshot.resume()")
        return cls.from_events(snapshot.events, last_seq=snapshot.seq)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ledger):
            return NotImplemented
        return (self.last_seq, self.held_events()) == (other.last_seq, other.held_events())

    __hash__ = None  # type: ignore[assignment]


def __getattr__(name: str) -> Any:
    # Compatibility shim for one version: Snapshot moved to taji_events.snapshots.
    if name == "Snapshot":
        warn_moved("taji_events.ledger.Snapshot", "taji_events.snapshots.Snapshot")
        from taji_events.snapshots import Snapshot

        return Snapshot
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
