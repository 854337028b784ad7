"""The claim ledger: the projection every replay folds events into.

The ledger keeps, per report, every revision's claims (without the text) and
its retraction, indexed by incident. From it a *view* picks the active claims
of one incident: for each report the highest revision included by the view,
unless the report was retracted within the view. Policies then turn the
active claims into beliefs; the ledger itself knows nothing of policies.

A ledger can be saved as a :class:`Snapshot` at a ``seq`` and resumed: applying
the events after that ``seq`` gives the same ledger as a full replay.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

import attrs
import orjson

from taji_events._codec import value_key, without_text
from taji_events.declarations import fold_declaration
from taji_events.errors import SnapshotError, TajiEventsError
from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.model import Claim, Source
from taji_events.serialization import from_envelope, to_envelope
from taji_events.timepoint import TimePoint

__all__ = ["MODES", "ActiveClaim", "Ledger", "Snapshot"]

MODES: Final = ("certain", "possible")
SNAPSHOT_FORMAT: Final = "taji_events.snapshot"
SNAPSHOT_VERSION: Final = 1


@attrs.frozen
class ActiveClaim:
    """A claim that counts in a view, with where it came from.

    ``first_published_at`` is when the report first made this same claim (same
    field, value, speaker, hedge and quote) among the revisions in the view:
    a claim carried over into an update keeps its original time.

    Since 0.1.0.
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


def _same_claim_key(claim: Claim) -> tuple[Any, ...]:
    # Offsets move between revisions (text is added above); the quote does not.
    return (claim.incident, claim.field, value_key(claim.value), claim.according_to,
            claim.hedge, claim.label)


def _edge(point: TimePoint, mode: str, not_before: datetime | None) -> datetime:
    """The instant a publication enters a view: the end of its window when certain,
    its start when possible — but a report about an incident cannot precede the
    incident, so a possible start is never earlier than ``not_before``."""
    if mode == "certain":
        return point.upper
    return point.lower if not_before is None else max(point.lower, min(not_before, point.upper))


def _included(point: TimePoint, cutoff: datetime | None, mode: str,
              not_before: datetime | None) -> bool:
    return cutoff is None or _edge(point, mode, not_before) <= cutoff


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
    def from_events(cls, events: Iterable[Event]) -> Ledger:
        """A ledger of plain (unrecorded) events, e.g. a JSON Lines file."""
        ledger = cls()
        for event in events:
            ledger.apply_event(event)
        return ledger

    # -- views -----------------------------------------------------------------------------
    def active_claims(
        self, incident: str, *, published_by: datetime | None = None, mode: str = "certain"
    ) -> list[ActiveClaim]:
        """Active claims about ``incident``, in publication order.

        ``published_by=None`` takes every recorded revision (the *known* view);
        otherwise only revisions (and retractions) certainly (``mode="certain"``)
        or possibly (``mode="possible"``) published by that instant.
        """
        active: list[tuple[tuple[Any, ...], ActiveClaim]] = []
        times: dict[int, tuple[datetime, datetime, datetime]] = {}
        floor = self._not_before(incident)
        for report_id in self.reports_by_incident.get(incident, ()):
            retraction = self.retractions.get(report_id)
            if retraction is not None and _included(retraction.at, published_by, mode, floor):
                continue
            included = sorted(
                (number, revision) for number, revision in self.revisions[report_id].items()
                if _included(revision.published_at, published_by, mode, floor)
            )
            for item in self.report_claims(incident, report_id, included):
                first = item.first_published_at
                order = times.get(id(first))
                if order is None:
                    order = times[id(first)] = first.sort_key
                active.append(((order, report_id, item.revision, item.index), item))
        # The same order as ActiveClaim.sort_key, each time point's key computed once.
        active.sort(key=lambda pair: pair[0])
        return [item for _, item in active]

    def report_claims(self, incident: str, report_id: str,
                      included: list[tuple[int, ReportPublished]]) -> list[ActiveClaim]:
        """The active claims about ``incident`` of one report whose revisions in the
        view are ``included`` (sorted by number): the highest revision's claims, each
        first published with the earliest included revision that makes it."""
        if not included:
            return []
        number, current = included[-1]
        first_seen = self._first_seen(included)
        keys = self._keys(current) if first_seen else [None] * len(current.claims)
        published = current.published_at
        return [
            ActiveClaim(claim=claim, report_id=report_id, revision=number, index=index,
                        source=current.source, published_at=published,
                        first_published_at=published if key is None
                        else first_seen.get(key, published))
            for index, (claim, key) in enumerate(zip(current.claims, keys, strict=True))
            if claim.incident == incident
        ]

    def _first_seen(self, included: list[tuple[int, ReportPublished]]) -> dict[tuple[Any, ...],
                                                                              TimePoint]:
        # The earliest publication among the revisions that make the claim, whatever
        # their numbers say: a claim is never "first published" after it was published.
        first: dict[tuple[Any, ...], TimePoint] = {}
        if len(included) == 1:
            return first  # one revision: every claim was first published with it
        for _, revision in included:
            for key in self._keys(revision):
                seen = first.get(key)
                if seen is None or revision.published_at.sort_key < seen.sort_key:
                    first[key] = revision.published_at
        return first

    def _keys(self, revision: ReportPublished) -> list[tuple[Any, ...]]:
        keys = self._key_cache.get(revision.identity)
        if keys is None:
            keys = [_same_claim_key(claim) for claim in revision.claims]
            self._key_cache[revision.identity] = keys
        return keys

    def declaration(self, incident: str) -> IncidentDeclared | None:
        """The incident's declaration as its amendments so far correct it."""
        return fold_declaration(self.incidents.get(incident),
                                self.amendments.get(incident, {}).values())

    def _not_before(self, incident: str) -> datetime | None:
        declaration = self.declaration(incident)
        return None if declaration is None else declaration.occurred_at.lower

    def edges(self, incident: str, mode: str) -> list[tuple[datetime, str, int | None]]:
        """Each revision (``report_id, number``) and retraction (``report_id, None``) of
        the incident's reports with the instant it enters the view, by report."""
        floor = self._not_before(incident)
        edges: list[tuple[datetime, str, int | None]] = []
        for report_id in sorted(self.reports_by_incident.get(incident, ())):
            for number, revision in sorted(self.revisions[report_id].items()):
                edges.append((_edge(revision.published_at, mode, floor), report_id, number))
            retraction = self.retractions.get(report_id)
            if retraction is not None:
                edges.append((_edge(retraction.at, mode, floor), report_id, None))
        return edges

    def edge_point(self, report_id: str, number: int | None) -> TimePoint:
        """The publication window of revision ``number`` of a report, or of its
        retraction (``number`` None)."""
        if number is None:
            return self.retractions[report_id].at
        return self.revisions[report_id][number].published_at

    def entries(self, incident: str, mode: str) -> list[tuple[datetime, str]]:
        """Each revision and retraction of the incident's reports with the instant it
        enters the view."""
        return [(moment, f"{report_id} retracted" if number is None else f"{report_id}@{number}")
                for moment, report_id, number in self.edges(incident, mode)]

    # -- snapshots -------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The ledger as a :class:`Snapshot` at ``last_seq``."""
        events: list[Event] = [self.incidents[key] for key in sorted(self.incidents)]
        for report_id in sorted(self.revisions):
            events.extend(self.revisions[report_id][n] for n in sorted(self.revisions[report_id]))
        events.extend(self.retractions[key] for key in sorted(self.retractions))
        events.extend(self.amendments[key][n] for key in sorted(self.amendments)
                      for n in sorted(self.amendments[key]))
        return Snapshot(seq=self.last_seq, events=tuple(events))

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot) -> Ledger:
        """Resume from a snapshot; then :meth:`extend` with events after ``snapshot.seq``."""
        ledger = cls.from_events(snapshot.events)
        ledger.last_seq = snapshot.seq
        return ledger

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ledger):
            return NotImplemented
        return self.snapshot() == other.snapshot()

    __hash__ = None  # type: ignore[assignment]


@attrs.frozen
class Snapshot:
    """A ledger saved at ``seq``: the events it holds, without report texts.

    Since 0.1.0.
    """

    seq: int
    events: tuple[Event, ...]

    def dumps(self) -> bytes:
        """Serialise as JSON (``{"format", "version", "seq", "events": [envelopes]}``)."""
        return orjson.dumps(
            {"format": SNAPSHOT_FORMAT, "version": SNAPSHOT_VERSION, "seq": self.seq,
             "events": [to_envelope(event) for event in self.events]},
            option=orjson.OPT_SORT_KEYS,
        )

    @classmethod
    def loads(cls, raw: bytes | str) -> Snapshot:
        """Read a snapshot; raises :class:`SnapshotError` naming what is wrong."""
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise SnapshotError(f"snapshot is not valid JSON: {error}") from None
        if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotError(f"not a taji_events snapshot (format must be {SNAPSHOT_FORMAT!r})")
        if data.get("version") != SNAPSHOT_VERSION:
            raise SnapshotError(f"snapshot version {data.get('version')!r} is not "
                                f"{SNAPSHOT_VERSION}; rebuild it from the store")
        seq = data.get("seq")
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
            raise SnapshotError(f"snapshot seq must be a whole number >= 0, got {seq!r}")
        if not isinstance(data.get("events"), list):
            raise SnapshotError("snapshot 'events' must be a list of event envelopes")
        try:
            events = tuple(from_envelope(item) for item in data["events"])
        except TajiEventsError as error:
            raise SnapshotError(f"snapshot event is invalid: {error}") from None
        return cls(seq=seq, events=events)
