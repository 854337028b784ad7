"""taji_events: event-sourced tracking of conflicting reports about incidents.

Each report revision is an immutable event; projections fold events into the
best-known state of each incident, with the reasons behind each value; replay
shows what was believed at any publication time and what was known at any
record time.

>>> import taji_events as te
>>> store = te.open_store()          # in memory; open_store("file.db") for SQLite
>>> store.last_seq()
0

The package exports what most users call: opening a store, the event and value
types, the replay queries, policies, exports and JSON Lines transfer. Everything
else is imported from the module that defines it (errors from
:mod:`taji_events.errors`, each backend from its module such as
:mod:`taji_events.sqlite`). The names this package exported before 0.3.0 still
resolve here for one version, each with a :class:`DeprecationWarning` naming its
module; docs/changes.md lists them.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any, Final

import taji_events.active_claims as _active_claims
import taji_events.beliefs as _beliefs
import taji_events.errors as _errors
import taji_events.follow as _follow
import taji_events.jsonl as _jsonl
import taji_events.ledger as _ledger
import taji_events.lexicon as _lexicon
import taji_events.memory as _memory
import taji_events.model as _model
import taji_events.policies as _policies
import taji_events.postgres as _postgres
import taji_events.serialization as _serialization
import taji_events.snapshots as _snapshots
import taji_events.sqlite as _sqlite
import taji_events.states as _states
import taji_events.store as _store
from taji_events._deprecation import warn_moved
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.errors import TajiEventsError
from taji_events.events import (
    Event,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.exports import export_rows, write_rows
from taji_events.index import ReplayIndex
from taji_events.model import Attribution, Claim, Count, Evidence, Source, Speaker
from taji_events.opening import open_named_store
from taji_events.policies import POLICIES, Policy, get_policy
from taji_events.replay import (
    IncidentState,
    believed_at,
    explain,
    final_states,
    known_at,
    timeline,
)
from taji_events.serialization import read_jsonl, write_jsonl
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint
from taji_events.transfer import copy_store, export_jsonl, import_jsonl
from taji_events.version import __version__

__all__ = [
    "POLICIES",
    "Attribution",
    "AttributionBelief",
    "Belief",
    "Claim",
    "Count",
    "Event",
    "EventStore",
    "Evidence",
    "IncidentDeclared",
    "IncidentState",
    "Policy",
    "RecordedEvent",
    "ReplayIndex",
    "ReportPublished",
    "ReportRetracted",
    "Source",
    "Speaker",
    "TajiEventsError",
    "TimePoint",
    "__version__",
    "believed_at",
    "copy_store",
    "explain",
    "export_jsonl",
    "export_rows",
    "final_states",
    "get_policy",
    "import_jsonl",
    "known_at",
    "open_store",
    "read_jsonl",
    "timeline",
    "write_jsonl",
    "write_rows",
]

#: Names exported here before 0.3.0, each with the module to import it from now.
#: They resolve for one more version through :func:`__getattr__`, with a warning.
_MOVED: Final[dict[str, ModuleType]] = {
    **dict.fromkeys(["ActiveClaim"], _active_claims),
    **dict.fromkeys(["ActorView", "SetAside", "StanceView"], _beliefs),
    **dict.fromkeys([
        "AmbiguousZoneError", "ConcurrencyError", "EnvelopeError", "EvidenceSpanError",
        "IdentityConflictError", "IntegrityError", "InvalidCountError", "InvalidEventError",
        "InvalidQueryError", "NaiveDatetimeError", "SnapshotError", "StoreError",
        "TimeParseError", "TornWriteError", "TornWriteWarning", "UnknownEventTypeError",
        "UnknownEventVersionError", "UnknownIncidentError", "UnknownPolicyError",
        "UnknownZoneError"], _errors),
    **dict.fromkeys(["Follower", "subscribe"], _follow),
    **dict.fromkeys(["JsonlStore"], _jsonl),
    **dict.fromkeys(["Ledger"], _ledger),
    **dict.fromkeys(["DEFAULT_LEXICON", "Lexicon", "VagueEntry"], _lexicon),
    **dict.fromkeys(["MemoryStore"], _memory),
    **dict.fromkeys(["KNOWN_FIELDS"], _model),
    **dict.fromkeys(["AuthorityPolicy", "ConservativePolicy", "DEFAULT_RANKING", "LatestPolicy",
                     "RangePolicy"], _policies),
    **dict.fromkeys(["PostgresStore"], _postgres),
    **dict.fromkeys(["dumps_event", "from_envelope", "loads_event", "to_envelope"],
                    _serialization),
    **dict.fromkeys(["Snapshot"], _snapshots),
    **dict.fromkeys(["SQLiteStore"], _sqlite),
    **dict.fromkeys(["TimelineEntry", "state_from_ledger"], _states),
    **dict.fromkeys(["AppendResult", "IntegrityReport", "StoredRecord"], _store),
}


def __getattr__(name: str) -> Any:
    """A name exported here before 0.3.0, with a :class:`DeprecationWarning` that
    names the module to import it from."""
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warn_moved(f"taji_events.{name}", f"`from {module.__name__} import {name}`")
    return getattr(module, name)


def __dir__() -> list[str]:
    return sorted(__all__)


def open_store(path: str | Path | None = None) -> EventStore:
    """Open the store that ``path`` names, creating it if missing:

    * ``None`` — a new in-memory :class:`~taji_events.memory.MemoryStore`;
    * ``"postgresql://..."`` or ``"postgres://..."`` — a shared
      :class:`~taji_events.postgres.PostgresStore` (needs the ``postgres`` extra);
    * a path ending in ``.jsonl`` or ``.ndjson`` — a JSON Lines
      :class:`~taji_events.jsonl.JsonlStore`;
    * any other path — the embedded default, a SQLite file
      (:class:`~taji_events.sqlite.SQLiteStore`).

    Raises :class:`~taji_events.errors.StoreError` when the store cannot be opened
    (the error names it and the fix). Since 0.1.0.
    """
    return open_named_store(path)
