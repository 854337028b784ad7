"""Deliberately broken code that the public contracts and checks must catch, with the
message a user needs: a policy that reports figures outside its own range, a policy
that leaves the claim it chose unlisted, a store whose appends are not all or nothing,
a store that ignores the clock it is given, a store whose reads lose the log's order,
a store that keeps only the first revision of a report, and a checkpoint that forgets
retractions and amendments."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

import attrs

from taji_events.active_claims import ActiveClaim
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.events import (
    Event,
    IncidentAmended,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.model import Count
from taji_events.policies import AuthorityPolicy, Policy
from taji_events.snapshots import Snapshot
from taji_events.store import AppendResult, Clock, system_clock


def _count(item: ActiveClaim) -> Count:
    value = item.claim.value
    assert isinstance(value, Count)
    return value


class OutOfRangePolicy(Policy):
    """Reports the latest figure with a range that stops one below it."""

    name = "out-of-range"

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        chosen = max(credible, key=lambda item: item.sort_key)
        value = _count(chosen)
        return chosen, value.best, value.low, value.best - 1, "the latest figure, off by one"


class UnlistedChoicePolicy(AuthorityPolicy):
    """The authority policy, but it leaves the claim it chose out of the supporting
    ones, so explain would never show it."""

    name = "unlisted-choice"

    def believe(self, field: str, claims: Sequence[ActiveClaim]) -> Belief | AttributionBelief:
        belief = super().believe(field, claims)
        if isinstance(belief, Belief) and belief.chosen is not None:
            return attrs.evolve(belief, supporting=tuple(
                item for item in belief.supporting if item is not belief.chosen))
        return belief


class OneAtATimeStore(MemoryStore):
    """Appends a batch event by event, so a refused event leaves the ones before it."""

    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        batch = list(events) if isinstance(events, list | tuple) else events
        if not isinstance(batch, list | tuple):
            return super().append(batch, expected_seq=expected_seq)
        recorded = []
        last = self.last_seq()
        for event in batch:
            result = super().append([event], expected_seq=expected_seq)
            expected_seq = None
            recorded.extend(result.recorded)
            last = result.last_seq
        return AppendResult(recorded=tuple(recorded), last_seq=last)


class OwnClockStore(MemoryStore):
    """Takes a clock but records every batch at the system clock's time."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(system_clock)


def _published(event: Event) -> datetime:
    """When the event says it happened: a report's publication, a retraction's time,
    an incident's occurrence (an amendment that leaves it unchanged sorts first)."""
    point = event.published_at if isinstance(event, ReportPublished) else \
        event.at if isinstance(event, ReportRetracted) else event.occurred_at
    return datetime.min.replace(tzinfo=UTC) if point is None else point.lower


class PublicationOrderStore(MemoryStore):
    """Gives each read's events in publication order, not seq order: a backend that
    sorts its rows by the reports' own times and forgets the log's order. A fold
    skips an event whose seq is below one it has already folded, so a report
    recorded before a late arrival that was published earlier drops out of what
    is known."""

    def read(self, *, incident: str | None = None, after_seq: int = 0,
             until_seq: int | None = None,
             recorded_until: datetime | None = None) -> Iterator[RecordedEvent]:
        found = list(super().read(incident=incident, after_seq=after_seq, until_seq=until_seq,
                                  recorded_until=recorded_until))
        return iter(sorted(found, key=lambda entry: (_published(entry.event), entry.seq)))


class FirstRevisionStore(MemoryStore):
    """Keeps the first revision of each report it is given and silently drops later
    ones, as a store keyed on the report id alone would."""

    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        held = {entry.event.report_id for entry in self.read()
                if isinstance(entry.event, ReportPublished)}
        batch: list[Event] = []
        for event in events:
            if isinstance(event, ReportPublished):
                if event.report_id in held:
                    continue
                held.add(event.report_id)
            batch.append(event)
        return super().append(batch, expected_seq=expected_seq)


def forgetful_checkpoint(ledger: Ledger) -> Ledger:
    """Saves a ledger as a snapshot of its declarations and revisions only, as a
    checkpoint written table by table that forgets the retractions and amendments,
    and resumes from it."""
    saved = Snapshot.of(ledger)
    kept = tuple(event for event in saved.events
                 if not isinstance(event, ReportRetracted | IncidentAmended))
    return Snapshot.loads(attrs.evolve(saved, events=kept).dumps()).resume()
