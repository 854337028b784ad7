"""MemoryStore against the shared store contract."""

from __future__ import annotations

from store_suite import StoreContract

from taji_events.memory import MemoryStore
from taji_events.store import Clock, EventStore


class TestMemoryStore(StoreContract):
    def make_store(self, clock: Clock) -> EventStore:
        return MemoryStore(clock)
