"""taji_events: event-sourced tracking of conflicting reports about incidents.

Each report revision is an immutable event; projections fold events into the
best-known state of each incident, with the reasons behind each value; replay
shows what was believed at any publication time and what was known at any
record time.

>>> import taji_events as te
>>> store = te.open_store()          # in memory; open_store("file.db") for SQLite
>>> store.last_seq()
0
"""

from __future__ import annotations

from pathlib import Path

from taji_events.beliefs import ActorView, AttributionBelief, Belief, SetAside, StanceView
from taji_events.errors import (
    AmbiguousZoneError,
    ConcurrencyError,
    EnvelopeError,
    EvidenceSpanError,
    IdentityConflictError,
    InvalidCountError,
    InvalidEventError,
    InvalidQueryError,
    NaiveDatetimeError,
    SnapshotError,
    StoreError,
    TajiEventsError,
    TimeParseError,
    UnknownEventTypeError,
    UnknownEventVersionError,
    UnknownIncidentError,
    UnknownPolicyError,
    UnknownZoneError,
)
from taji_events.events import (
    Event,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.ledger import ActiveClaim, Ledger, Snapshot
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon, VagueEntry
from taji_events.memory import MemoryStore
from taji_events.model import (
    KNOWN_FIELDS,
    Attribution,
    Claim,
    Count,
    Evidence,
    Source,
    Speaker,
)
from taji_events.policies import (
    DEFAULT_RANKING,
    POLICIES,
    AuthorityPolicy,
    ConservativePolicy,
    LatestPolicy,
    Policy,
    RangePolicy,
    get_policy,
)
from taji_events.replay import (
    IncidentState,
    TimelineEntry,
    believed_at,
    explain,
    known_at,
    state_from_ledger,
    timeline,
)
from taji_events.serialization import (
    dumps_event,
    from_envelope,
    loads_event,
    read_jsonl,
    to_envelope,
    write_jsonl,
)
from taji_events.sqlite import SQLiteStore
from taji_events.store import AppendResult, EventStore
from taji_events.timepoint import TimePoint

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LEXICON",
    "DEFAULT_RANKING",
    "KNOWN_FIELDS",
    "POLICIES",
    "ActiveClaim",
    "ActorView",
    "AmbiguousZoneError",
    "AppendResult",
    "Attribution",
    "AttributionBelief",
    "AuthorityPolicy",
    "Belief",
    "Claim",
    "ConcurrencyError",
    "ConservativePolicy",
    "Count",
    "EnvelopeError",
    "Event",
    "EventStore",
    "Evidence",
    "EvidenceSpanError",
    "IdentityConflictError",
    "IncidentDeclared",
    "IncidentState",
    "InvalidCountError",
    "InvalidEventError",
    "InvalidQueryError",
    "LatestPolicy",
    "Ledger",
    "Lexicon",
    "MemoryStore",
    "NaiveDatetimeError",
    "Policy",
    "RangePolicy",
    "RecordedEvent",
    "ReportPublished",
    "ReportRetracted",
    "SQLiteStore",
    "SetAside",
    "Snapshot",
    "SnapshotError",
    "Source",
    "Speaker",
    "StanceView",
    "StoreError",
    "TajiEventsError",
    "TimeParseError",
    "TimePoint",
    "TimelineEntry",
    "UnknownEventTypeError",
    "UnknownEventVersionError",
    "UnknownIncidentError",
    "UnknownPolicyError",
    "UnknownZoneError",
    "VagueEntry",
    "__version__",
    "believed_at",
    "dumps_event",
    "explain",
    "from_envelope",
    "get_policy",
    "known_at",
    "loads_event",
    "open_store",
    "read_jsonl",
    "state_from_ledger",
    "timeline",
    "to_envelope",
    "write_jsonl",
]


def open_store(path: str | Path | None = None) -> EventStore:
    """Open the embedded default store: a SQLite file at ``path`` (created if
    missing), or an in-memory store when ``path`` is None.

    Raises :class:`StoreError` when the file cannot be opened as a store.
    Since 0.1.0.
    """
    if path is None:
        return MemoryStore()
    return SQLiteStore(path)
