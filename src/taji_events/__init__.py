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
    IntegrityError,
    InvalidCountError,
    InvalidEventError,
    InvalidQueryError,
    NaiveDatetimeError,
    SnapshotError,
    StoreError,
    TajiEventsError,
    TimeParseError,
    TornWriteError,
    TornWriteWarning,
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
from taji_events.exports import export_rows, write_rows
from taji_events.follow import Follower, subscribe
from taji_events.index import ReplayIndex
from taji_events.jsonl import JsonlStore
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
from taji_events.postgres import PostgresStore
from taji_events.replay import (
    IncidentState,
    TimelineEntry,
    believed_at,
    explain,
    final_states,
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
from taji_events.store import AppendResult, EventStore, StoredRecord
from taji_events.timepoint import TimePoint
from taji_events.transfer import IntegrityReport, copy_store, export_jsonl, import_jsonl
from taji_events.version import __version__

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
    "Follower",
    "IdentityConflictError",
    "IncidentDeclared",
    "IncidentState",
    "IntegrityError",
    "IntegrityReport",
    "InvalidCountError",
    "InvalidEventError",
    "InvalidQueryError",
    "JsonlStore",
    "LatestPolicy",
    "Ledger",
    "Lexicon",
    "MemoryStore",
    "NaiveDatetimeError",
    "Policy",
    "PostgresStore",
    "RangePolicy",
    "RecordedEvent",
    "ReplayIndex",
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
    "StoredRecord",
    "TajiEventsError",
    "TimeParseError",
    "TimePoint",
    "TimelineEntry",
    "TornWriteError",
    "TornWriteWarning",
    "UnknownEventTypeError",
    "UnknownEventVersionError",
    "UnknownIncidentError",
    "UnknownPolicyError",
    "UnknownZoneError",
    "VagueEntry",
    "__version__",
    "believed_at",
    "copy_store",
    "dumps_event",
    "explain",
    "export_jsonl",
    "export_rows",
    "final_states",
    "from_envelope",
    "get_policy",
    "import_jsonl",
    "known_at",
    "loads_event",
    "open_store",
    "read_jsonl",
    "state_from_ledger",
    "subscribe",
    "timeline",
    "to_envelope",
    "write_jsonl",
    "write_rows",
]


def open_store(path: str | Path | None = None) -> EventStore:
    """Open the store that ``path`` names, creating it if missing:

    * ``None`` — a new in-memory :class:`MemoryStore`;
    * ``"postgresql://..."`` or ``"postgres://..."`` — a shared
      :class:`PostgresStore` (needs the ``postgres`` extra);
    * a path ending in ``.jsonl`` or ``.ndjson`` — a JSON Lines :class:`JsonlStore`;
    * any other path — the embedded default, a SQLite file (:class:`SQLiteStore`).

    Raises :class:`StoreError` when the store cannot be opened (the error names
    it and the fix). Since 0.1.0.
    """
    if path is None:
        return MemoryStore()
    if isinstance(path, str) and path.startswith(("postgresql://", "postgres://")):
        return PostgresStore(path)  # imports psycopg (the postgres extra) only now
    if Path(path).suffix.lower() in (".jsonl", ".ndjson"):
        return JsonlStore(path)
    return SQLiteStore(path)
