"""What the claim rows cost an append: CPU time of appending the first N events
of ``generate.stream`` (1 000 incidents) to a new SQLite store in batches, with
the rows written by the append (the default) and with them left to the first
read (``store.derived_rows = ()``); the median of three runs each.

Beside each, the recorder's share alone: the same batches already encoded,
stamped and turned into rows outside the timing, then only
:meth:`Recorder.insert <taji_events.recorder.Recorder.insert>` and the commit
timed, which is what SQLite itself costs for the store's tables and indexes.
No append can be faster than that line. Last, the limit of bench/run.py in
CPU time: a raw ``executemany`` of ``(seq, envelope)`` into a two-column table
(WAL, ``synchronous=FULL``, one transaction per batch), so that each line can
be read as a share of it.

``python bench/append_rows.py 50000 10000`` (events, batch size).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import stream

import taji_events as te
from taji_events.chain import StoredRecord, stamp_batch
from taji_events.claim_rows import CLAIMS_TABLE, DECLARATIONS_TABLE, EDGES_TABLE, event_rows
from taji_events.recorder import PreparedEvent
from taji_events.sqlite import SQLiteStore

TABLES = (CLAIMS_TABLE, EDGES_TABLE, DECLARATIONS_TABLE)


def cpu_rate(events: list[te.Event], batch: int, rows: bool) -> float:
    with tempfile.TemporaryDirectory() as directory, \
            SQLiteStore(Path(directory) / "events.db") as store:
        if not rows:
            store.derived_rows = ()
        start = time.process_time()
        for first in range(0, len(events), batch):
            store.append(events[first:first + batch])
        return len(events) / (time.process_time() - start)


def insert_rate(events: list[te.Event], batch: int, rows: bool) -> float:
    """Events per CPU second of the recorder's insert and commit alone."""
    prepared = [PreparedEvent.of(event) for event in events]
    seconds = 0.0
    with tempfile.TemporaryDirectory() as directory, \
            SQLiteStore(Path(directory) / "events.db") as store:
        recorder = store.recorder
        last: StoredRecord | None = None
        for first in range(0, len(events), batch):
            items = prepared[first:first + batch]
            records = stamp_batch(last, [item.envelope for item in items], datetime.now(UTC))
            written = list(zip(records, items, strict=True))
            derived: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES} \
                if rows else {}
            for record, item in written if rows else ():
                for table, found in zip(TABLES, event_rows(record.seq, item.event),
                                        strict=True):
                    derived[table].extend(found)
            start = time.process_time()
            with recorder.write_lock("append"):
                recorder.insert(written, derived)
                if rows:
                    recorder.insert_rows({}, records[-1].seq)
            seconds += time.process_time() - start
            last = records[-1]
    return len(events) / seconds


def raw_rate(events: list[te.Event], batch: int) -> float:
    """Events per CPU second of a raw executemany of the envelopes alone."""
    blobs = [PreparedEvent.of(event).envelope for event in events]
    seconds = 0.0
    with tempfile.TemporaryDirectory() as directory:
        connection = sqlite3.connect(Path(directory) / "raw.db", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, envelope BLOB)")
        for first in range(0, len(blobs), batch):
            rows = [(seq, blob) for seq, blob in enumerate(blobs[first:first + batch],
                                                           start=first + 1)]
            start = time.process_time()
            connection.execute("BEGIN")
            connection.executemany("INSERT INTO events VALUES (?, ?)", rows)
            connection.execute("COMMIT")
            seconds += time.process_time() - start
        connection.close()
    return len(blobs) / seconds


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    events = list(stream(size, 1000))
    for label, rows in (("claim rows written by the append", True),
                        ("claim rows left to the first read", False)):
        rate = statistics.median(cpu_rate(events, batch, rows) for _ in range(3))
        floor = statistics.median(insert_rate(events, batch, rows) for _ in range(3))
        print(f"{label:34} {rate:>10,.0f} events/s (CPU), batch {batch}")
        print(f"{'  the insert and commit alone':34} {floor:>10,.0f} events/s (CPU)")
    raw = statistics.median(raw_rate(events, batch) for _ in range(3))
    print(f"{'raw executemany of the envelopes':34} {raw:>10,.0f} events/s (CPU)")


if __name__ == "__main__":
    main()
