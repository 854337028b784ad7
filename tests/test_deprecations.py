"""Names that moved in 0.3.0 keep working for one version, each with a warning
that says where to import it from; the package itself exports what users call."""

from __future__ import annotations

import importlib
import re
import warnings
from pathlib import Path

import pytest

import taji_events as te
from taji_events.active_claims import ActiveClaim
from taji_events.ledger import Ledger
from taji_events.snapshots import Snapshot
from taji_events.sqlite import SQLiteStore

CHANGES = Path(__file__).parents[1] / "docs" / "changes.md"
SEEDS = Path(__file__).parents[1] / "seeds" / "taji-2020-03-11.jsonl"

#: Every name the package exported before 0.3.0 and no longer does, with its module now.
MOVED = {
    "ActiveClaim": "taji_events.active_claims",
    "ActorView": "taji_events.beliefs", "SetAside": "taji_events.beliefs",
    "StanceView": "taji_events.beliefs",
    **dict.fromkeys([
        "AmbiguousZoneError", "ConcurrencyError", "EnvelopeError", "EvidenceSpanError",
        "IdentityConflictError", "IntegrityError", "InvalidCountError", "InvalidEventError",
        "InvalidQueryError", "NaiveDatetimeError", "SnapshotError", "StoreError",
        "TimeParseError", "TornWriteError", "TornWriteWarning", "UnknownEventTypeError",
        "UnknownEventVersionError", "UnknownIncidentError", "UnknownPolicyError",
        "UnknownZoneError"], "taji_events.errors"),
    "Follower": "taji_events.follow", "subscribe": "taji_events.follow",
    "JsonlStore": "taji_events.jsonl",
    "Ledger": "taji_events.ledger",
    "DEFAULT_LEXICON": "taji_events.lexicon", "Lexicon": "taji_events.lexicon",
    "VagueEntry": "taji_events.lexicon",
    "MemoryStore": "taji_events.memory",
    "KNOWN_FIELDS": "taji_events.model",
    **dict.fromkeys(["AuthorityPolicy", "ConservativePolicy", "DEFAULT_RANKING",
                     "LatestPolicy", "RangePolicy"], "taji_events.policies"),
    "PostgresStore": "taji_events.postgres",
    **dict.fromkeys(["dumps_event", "from_envelope", "loads_event", "to_envelope"],
                    "taji_events.serialization"),
    "Snapshot": "taji_events.snapshots",
    "SQLiteStore": "taji_events.sqlite",
    "TimelineEntry": "taji_events.states", "state_from_ledger": "taji_events.states",
    "AppendResult": "taji_events.store", "IntegrityReport": "taji_events.store",
    "StoredRecord": "taji_events.store",
}


def test_the_package_exports_at_most_35_names_and_lists_only_those() -> None:
    assert len(te.__all__) <= 35
    assert len(set(te.__all__)) == len(te.__all__)
    assert dir(te) == sorted(te.__all__)
    assert all(getattr(te, name) is not None for name in te.__all__)
    assert not set(MOVED) & set(te.__all__)


@pytest.mark.parametrize("name", sorted(MOVED))
def test_a_moved_name_warns_naming_its_module_and_is_the_same_object(name: str) -> None:
    module = MOVED[name]
    with pytest.warns(DeprecationWarning) as caught:
        value = getattr(te, name)
    assert value is getattr(importlib.import_module(module), name)
    assert name in importlib.import_module(module).__all__
    message = str(caught[0].message)
    assert f"taji_events.{name} is deprecated" in message
    assert f"from {module} import {name}" in message
    assert caught[0].filename == __file__  # it points at the code that used the old name


def test_a_moved_name_also_works_as_a_from_import() -> None:
    with pytest.warns(DeprecationWarning, match="taji_events.sqlite import SQLiteStore"):
        from taji_events import SQLiteStore as Old  # type: ignore[attr-defined]
    assert Old is SQLiteStore


def test_the_test_suite_treats_using_a_moved_name_as_an_error() -> None:
    # pyproject's filterwarnings: no test or doc example may use an old name unnoticed.
    with pytest.raises(DeprecationWarning, match="StoreError"):
        _ = te.StoreError  # type: ignore[attr-defined]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchThing'"):
        _ = te.NoSuchThing  # type: ignore[attr-defined]
    assert not hasattr(te, "NoSuchThing")


def test_names_the_ledger_still_exports_work_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from taji_events.ledger import MODES
        from taji_events.ledger import ActiveClaim as FromLedger
    assert FromLedger is ActiveClaim
    assert MODES == ("certain", "possible")


def test_snapshot_s_old_places_warn_and_still_work() -> None:
    seed_events = list(te.read_jsonl(SEEDS))
    ledger = Ledger.from_events(seed_events, last_seq=len(seed_events))
    with pytest.warns(DeprecationWarning, match="taji_events.snapshots.Snapshot"):
        from taji_events.ledger import Snapshot as OldPlace  # type: ignore[attr-defined]
    assert OldPlace is Snapshot
    with pytest.warns(DeprecationWarning, match=r"Snapshot\.of\(ledger\)"):
        saved = ledger.snapshot()
    assert saved == Snapshot.of(ledger)
    with pytest.warns(DeprecationWarning, match=r"snapshot\.resume\(\)"):
        resumed = Ledger.from_snapshot(saved)
    assert resumed == ledger == saved.resume()
    assert resumed.last_seq == len(seed_events)


def test_the_changes_page_lists_every_moved_name_with_its_module() -> None:
    text = CHANGES.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| `([\w.]+)` \|", text, flags=re.MULTILINE))
    assert rows == MOVED


def test_the_facade_s_table_of_moved_names_agrees() -> None:
    moved = {name: module.__name__ for name, module in te._MOVED.items()}
    assert moved == MOVED
