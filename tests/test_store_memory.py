"""MemoryStore against the public store contract (taji_events.testing.StoreContract):
the suite a user's backend gets is the suite the memory store passes."""

from __future__ import annotations

from taji_events.memory import MemoryStore
from taji_events.store import Clock, EventStore
from taji_events.testing import StoreContract


class TestMemoryStore(StoreContract):
    max_examples = 8

    def make_clocked_store(self, clock: Clock) -> EventStore:
        return MemoryStore(clock)
