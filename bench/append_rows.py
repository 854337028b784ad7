"""What the claim rows cost an append: CPU time of appending the first N events
of ``generate.stream`` (1 000 incidents) to a new SQLite store in batches, with
the rows written by the append (the default) and with them left to the first
read (``store.derived_rows = ()``); the median of three runs each.

``python bench/append_rows.py 50000 10000`` (events, batch size).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import stream

import taji_events as te
from taji_events.sqlite import SQLiteStore


def cpu_rate(events: list[te.Event], batch: int, rows: bool) -> float:
    with tempfile.TemporaryDirectory() as directory, \
            SQLiteStore(Path(directory) / "events.db") as store:
        if not rows:
            store.derived_rows = ()
        start = time.process_time()
        for first in range(0, len(events), batch):
            store.append(events[first:first + batch])
        return len(events) / (time.process_time() - start)


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    events = list(stream(size, 1000))
    for label, rows in (("claim rows written by the append", True),
                        ("claim rows left to the first read", False)):
        rate = statistics.median(cpu_rate(events, batch, rows) for _ in range(3))
        print(f"{label:34} {rate:>10,.0f} events/s (CPU), batch {batch}")


if __name__ == "__main__":
    main()
