"""Benchmarks: append, replay and query latency, against the machine's limit.

Run ``make bench`` (or ``python bench/run.py``); ``BENCH_SIZES=10000,100000``
chooses the stream sizes, ``BENCH_REPEAT`` the repetitions (median reported).
Prints one table and writes ``bench/results.json``: rows ``{"name", "backend",
"size", "value", "unit", "vs_peer", "vs_limit"}``. Ratios are measured in the
same run, so a noisy machine moves both sides together.
"""

from __future__ import annotations

import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from generate import stream

import taji_events as te
from taji_events.serialization import dumps_event, loads_event

HERE = Path(__file__).parent
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000").split(",") if s]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
QUERIES = 50


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(REPEAT))


def append_rate(events: list[te.Event], batch: int, tmp: Path) -> float:
    def run() -> float:
        path = tmp / f"append-{batch}-{time.monotonic_ns()}.db"
        with te.SQLiteStore(path) as store:
            count = min(len(events), 2_000) if batch == 1 else len(events)
            chunks = [events[i:i + batch] for i in range(0, count, batch)]
            seconds = timed(lambda: [store.append(chunk) for chunk in chunks])
        return count / seconds
    return median_of(run)


def raw_insert_rate(blobs: list[bytes], tmp: Path) -> float:
    def run() -> float:
        path = tmp / f"raw-{time.monotonic_ns()}.db"
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, envelope BLOB)")
        rows = [(i + 1, blob) for i, blob in enumerate(blobs)]

        def insert() -> None:
            with connection:
                connection.executemany("INSERT INTO events VALUES (?, ?)", rows)
        seconds = timed(insert)
        connection.close()
        return len(blobs) / seconds
    return median_of(run)


def raw_scan_rate(blobs: list[bytes]) -> float:
    return median_of(lambda: len(blobs) / timed(lambda: [orjson.loads(b) for b in blobs]))


def main() -> None:
    rows: list[dict[str, Any]] = []

    def row(name: str, backend: str, size: int, value: float, unit: str,
            vs_limit: float | None = None) -> None:
        rows.append({"name": name, "backend": backend, "size": size, "value": round(value, 3),
                     "unit": unit, "vs_peer": None,
                     "vs_limit": None if vs_limit is None else round(vs_limit, 3)})

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        for size in SIZES:
            incidents = max(size // 100, 1)
            events = list(stream(size, incidents))
            blobs = [dumps_event(event) for event in events]
            limit_insert = raw_insert_rate(blobs, tmp)
            for batch in (1, 100, 10_000):
                rate = append_rate(events, batch, tmp)
                row("append", f"sqlite/batch={batch}", size, rate, "events/s",
                    rate / limit_insert if batch == 10_000 else None)
            row("append", "sqlite-executemany (limit)", size, limit_insert, "events/s")

            path = tmp / f"store-{size}.db"
            with te.SQLiteStore(path) as store:
                store.append(events)
            limit_scan = raw_scan_rate(blobs)

            def replay() -> float:
                with te.SQLiteStore(path) as store:
                    def fold() -> None:
                        ledger = te.Ledger().extend(store.read())
                        for incident in ledger.reports_by_incident:
                            te.state_from_ledger(ledger, incident)
                    return size / timed(fold)
            rate = median_of(replay)
            row("replay", "sqlite", size, rate, "events/s", rate / limit_scan)
            row("replay", "scan+orjson.loads (limit)", size, limit_scan, "events/s")
            decode = median_of(lambda: size / timed(lambda: [loads_event(b) for b in blobs]))
            row("decode", "loads_event", size, decode, "events/s", decode / limit_scan)

            ids = [f"incident-{i:05d}" for i in range(incidents)]
            with te.SQLiteStore(path) as store:
                last = store.last_seq()
                times = [datetime(2020, 1, 1, tzinfo=UTC).timestamp() + rng.uniform(0, 40 * 86400)
                         for _ in range(QUERIES)]
                picks = [rng.choice(ids) for _ in range(QUERIES)]
                believed = [timed(lambda i=i, t=t: te.believed_at(
                    store, i, datetime.fromtimestamp(t, UTC))) for i, t in zip(picks, times, strict=True)]
                known = [timed(lambda i=i: te.known_at(store, i, seq=rng.randint(incidents, last)))
                         for i in picks]
            row("believed_at", "sqlite", size, statistics.median(believed) * 1000, "ms")
            row("known_at", "sqlite", size, statistics.median(known) * 1000, "ms")

    (HERE / "results.json").write_bytes(orjson.dumps(rows, option=orjson.OPT_INDENT_2))
    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{datetime.now(UTC):%Y-%m-%d} · repeat {REPEAT}")
    print(f"{'name':12} {'backend':28} {'size':>8} {'value':>12} {'unit':9} {'vs_limit':>8}")
    for item in rows:
        ratio = "" if item["vs_limit"] is None else f"{item['vs_limit']:.2f}"
        print(f"{item['name']:12} {item['backend']:28} {item['size']:>8} {item['value']:>12,.1f} "
              f"{item['unit']:9} {ratio:>8}")


if __name__ == "__main__":
    main()
