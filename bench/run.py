"""Benchmark suite: append, replay, as-of queries, memory and extraction, against
the peer (the ``eventsourcing`` package) and the machine's limit, in one run.

Run ``make bench`` (or ``python bench/run.py``). Settings (environment):

* ``BENCH_SIZES`` — stream sizes (default ``10000,100000,1000000``);
* ``BENCH_INCIDENTS`` — incidents per stream (default 1000, the same M for
  every size, so peak memory can be compared across sizes);
* ``BENCH_REPEAT`` — repetitions per figure, the median is reported (default 3);
* ``BENCH_HISTORY`` — reports of the one-incident belief-history rows
  (``bench/history.py``; default ``1000,3000,10000,30000``; empty skips them);
* ``BENCH_PEER=0`` / ``BENCH_POSTGRES=0`` / ``BENCH_EXTRACT=0`` skip the peer,
  the PostgreSQL scale-out and the extraction rows.

Prints one table and writes ``bench/results.json``: a list of rows ``{"name",
"backend", "size", "value", "unit", "vs_peer", "vs_limit"}``. ``vs_peer`` and
``vs_limit`` are speed ratios measured in the same run, ours over theirs
(above 1 means faster than the peer or the limit; for latencies, their time
over ours); ``null`` where none applies.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import START, stream
from peak_rss import peak_rss as replay_peak_rss

import taji_events as te
from taji_events.errors import UnknownIncidentError
from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.replay import ledger_for
from taji_events.serialization import dumps_event
from taji_events.sqlite import SQLiteStore
from taji_events.states import state_from_ledger

HERE = Path(__file__).resolve().parent

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",") if s]
INCIDENTS = int(os.environ.get("BENCH_INCIDENTS", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
PEER = os.environ.get("BENCH_PEER", "1") != "0"
POSTGRES = os.environ.get("BENCH_POSTGRES", "1") != "0"
EXTRACT = os.environ.get("BENCH_EXTRACT", "1") != "0"
HISTORY = [int(s) for s in os.environ.get("BENCH_HISTORY", "1000,3000,10000,30000").split(",") if s]
QUERY_INCIDENTS = 3
QUERIES_PER_INCIDENT = 20
SINGLE_CAP = 2_000  # batches of 1 pay one fsync each: measured on the first 2 000 events
APPEND_CAP = 100_000  # append rates are measured on the first 100 000 events of larger streams
REPEAT_CAP = 100_000  # streams larger than this are replayed once per figure, not REPEAT times
_peer_results: dict[int, dict[str, Any]] = {}

Row = dict[str, Any]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], float], repeat: int = REPEAT) -> float:
    return statistics.median(action() for _ in range(repeat))


def ratio(ours: float | None, theirs: float | None) -> float | None:
    return None if not ours or not theirs else round(ours / theirs, 3)


# -- the machine's limit -------------------------------------------------------------------------

def raw_insert_rate(blobs: Sequence[bytes], tmp: Path) -> float:
    """Raw sqlite3 executemany of the pre-serialised envelopes, one transaction,
    with the store's durability settings (WAL, synchronous=FULL)."""
    def run() -> float:
        connection = sqlite3.connect(tmp / f"raw-{time.monotonic_ns()}.db")
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


def raw_scan_rate(path: Path, repeat: int) -> float:
    """Raw scan of the store's envelopes in seq order + orjson.loads of each."""
    def run() -> float:
        connection = sqlite3.connect(path)
        count = 0

        def scan() -> None:
            nonlocal count
            for (blob,) in connection.execute("SELECT envelope FROM events ORDER BY seq"):
                orjson.loads(blob)
                count += 1
        seconds = timed(scan)
        connection.close()
        return count / seconds
    return median_of(run, repeat)


# -- ours ----------------------------------------------------------------------------------------

def open_backend(backend: str, tmp: Path, dsn: str | None) -> te.EventStore:
    stamp = time.monotonic_ns()
    if backend == "sqlite":
        return SQLiteStore(tmp / f"append-{stamp}.db")
    if backend == "jsonl":
        return JsonlStore(tmp / f"append-{stamp}.jsonl")
    if backend == "memory":
        return MemoryStore()
    assert dsn is not None
    from scaleout import fresh_schema
    return PostgresStore(fresh_schema(dsn, f"append{stamp}"))


def append_rate(events: Sequence[te.Event], backend: str, batch: int, tmp: Path,
                dsn: str | None) -> tuple[float, int]:
    count = min(len(events), SINGLE_CAP if batch == 1 else APPEND_CAP)
    chunks = [events[i:i + batch] for i in range(0, count, batch)]

    def run() -> float:
        with open_backend(backend, tmp, dsn) as store:
            return count / timed(lambda: [store.append(chunk) for chunk in chunks])
    return median_of(run), count


def append_rate_rows_later(events: Sequence[te.Event], tmp: Path) -> float:
    """Append in batches of 10 000 to SQLite with the claim rows left for the
    first read to catch up (the alternative to writing them in the append)."""
    count = min(len(events), APPEND_CAP)
    chunks = [events[i:i + 10_000] for i in range(0, count, 10_000)]

    def run() -> float:
        with open_backend("sqlite", tmp, None) as store:
            store.derived_rows = ()
            return count / timed(lambda: [store.append(chunk) for chunk in chunks])
    return median_of(run)


def rows_rebuild_rate(path: Path, tmp: Path) -> float:
    """Events per second of building every claim row from the log (what a read
    pays once when the rows lag: a store written without them, a new layout)."""
    copy = tmp / "rows-rebuild.db"
    copy.write_bytes(path.read_bytes())
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE taji_claim_rows_state SET version = version - 1")
    connection.close()
    with SQLiteStore(copy) as store:
        events = store.last_seq()
        seconds = timed(lambda: store.claim_rows(None, 0))
    copy.unlink()
    return events / seconds


def rows_share(path: Path) -> float:
    """The claim rows' share of the store file, in percent (SQLite's dbstat)."""
    with sqlite3.connect(path) as connection:
        pages = dict(connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    connection.close()
    rows = sum(size for name, size in pages.items() if name.startswith("taji_claim"))
    return 100 * rows / sum(pages.values())


def full_replay(path: Path, repeat: int) -> float:
    """Cold store → the final state of every incident (one incident at a time)."""
    def run() -> float:
        with SQLiteStore(path) as store:
            events = store.last_seq()
            return events / timed(lambda: sum(1 for _ in te.final_states(store)))
    return median_of(run, repeat)


def fold_rate(path: Path, repeat: int) -> float:
    """Cold store → every incident's ledger (events read, decoded and folded; no policy):
    the closest equivalent of the peer's aggregate rebuild."""
    def run() -> float:
        with SQLiteStore(path) as store:
            events = store.last_seq()
            return events / timed(lambda: [ledger_for(store, name) for name in store.incidents()])
    return median_of(run, repeat)


def peak_rss(path: Path) -> float:
    """Peak resident memory (MB) of a fresh process that fully replays the store
    (imports and interpreter included); see bench/peak_rss.py."""
    return replay_peak_rss("sqlite", str(path))[1]


def query_rows(path: Path, size: int, rng: random.Random, add: Callable[..., None],
               peer: dict[str, Any] | None) -> None:
    """believed_at / known_at at random T: from the log alone, and from a ReplayIndex."""
    with SQLiteStore(path) as store:
        names = store.incidents()
        picks = rng.sample(names, min(QUERY_INCIDENTS, len(names)))
        last = store.last_seq()
        span = (START, START + timedelta(days=60))
        moments = {incident: [span[0] + (span[1] - span[0]) * rng.random()
                              for _ in range(QUERIES_PER_INCIDENT)] for incident in picks}
        seqs = {incident: [rng.randint(1, last) for _ in range(QUERIES_PER_INCIDENT)]
                for incident in picks}
        # The reference: a full replay of that incident's events (read, fold, policy).
        replay_ms = statistics.median(
            timed(lambda i=incident: state_from_ledger(ledger_for(store, i), i)) * 1000
            for incident in picks for _ in range(3))
        plain = statistics.median(timed(lambda i=incident, t=t: te.believed_at(store, i, t)) * 1000
                                  for incident in picks for t in moments[incident][:5])
        index = te.ReplayIndex(store)
        lazy = statistics.median(timed(lambda i=incident, t=t: index.believed_at(i, t)) * 1000
                                 for incident in picks for t in moments[incident])
        warm_index = te.ReplayIndex(store)
        build = statistics.median(timed(lambda i=incident: warm_index.warm(i)) * 1000
                                  for incident in picks)
        warm = statistics.median(timed(lambda i=incident, t=t: warm_index.believed_at(i, t)) * 1000
                                 for incident in picks for t in moments[incident])
        # known_at by record position
        known_plain = statistics.median(
            timed(lambda i=incident, s=s: _known(store, i, s)) * 1000
            for incident in picks for s in seqs[incident][:5])
        known_index = statistics.median(
            timed(lambda i=incident, s=s: _known(index, i, s)) * 1000
            for incident in picks for s in seqs[incident])
    peer_ms = peer["as_of_ms"] if peer else None
    add("replay_incident", "sqlite, one incident's events", size, replay_ms, "ms")
    add("believed_at", "sqlite, log only", size, plain, "ms", peer_ms and peer_ms / plain)
    add("believed_at", "sqlite + ReplayIndex (lazy)", size, lazy, "ms", peer_ms and peer_ms / lazy)
    add("index_build", "ReplayIndex.warm, one incident", size, build, "ms")
    add("believed_at", "sqlite + ReplayIndex (warm)", size, warm, "ms", peer_ms and peer_ms / warm)
    add("known_at", "sqlite, log only", size, known_plain, "ms")
    add("known_at", "sqlite + ReplayIndex (lazy)", size, known_index, "ms")
    # The target: an as-of query against a full replay of that incident's events.
    add("speedup", "believed_at warm index / incident replay", size, replay_ms / warm, "x")
    add("speedup", "believed_at lazy index / incident replay", size, replay_ms / lazy, "x")


def _known(source: te.EventStore | te.ReplayIndex, incident: str, seq: int) -> None:
    try:
        if isinstance(source, te.ReplayIndex):
            source.known_at(incident, seq=seq)
        else:
            te.known_at(source, incident, seq=seq)
    except UnknownIncidentError:
        pass  # the incident's first event comes after that seq


# -- the run -------------------------------------------------------------------------------------

def main() -> None:
    rows: list[Row] = []

    def add(name: str, backend: str, size: int, value: float, unit: str,
            vs_peer: float | None = None, vs_limit: float | None = None) -> None:
        rows.append({"name": name, "backend": backend, "size": size, "value": round(value, 3),
                     "unit": unit, "vs_peer": None if vs_peer is None else round(vs_peer, 3),
                     "vs_limit": None if vs_limit is None else round(vs_limit, 3)})
        print(f"  {name:16} {backend:38} {size:>9} {value:>12,.2f} {unit}", flush=True)

    rng = random.Random(7)
    dsn_context = None
    if POSTGRES:
        from scaleout import pg_server
        dsn_context = pg_server()
    dsn = dsn_context.__enter__() if dsn_context is not None else None
    try:
        with tempfile.TemporaryDirectory() as directory:
            tmp = Path(directory)
            for size in SIZES:
                run_size(size, tmp, dsn, rng, add)
            if dsn is not None:
                scale_rows(dsn, add)
        if HISTORY:
            from history import history_rows
            history_rows(HISTORY, add)
        if EXTRACT:
            sys.path.insert(0, str(HERE))
            from extract import measure
            result = measure(1.0)
            add("extract", "taji_events.extract, 1 MB of wire copy", 1, result["mb"] / result["seconds"],
                "MB/s")
    finally:
        if dsn_context is not None:
            dsn_context.__exit__(None, None, None)
    write(rows)


def run_size(size: int, tmp: Path, dsn: str | None, rng: random.Random,
             add: Callable[..., None]) -> None:
    print(f"# size {size:,}, {min(INCIDENTS, size)} incidents", flush=True)
    # The whole stream goes into the replay store in batches of 10 000 as it is
    # generated (never all in memory); the first APPEND_CAP events are kept for
    # the append figures.
    path = tmp / f"store-{size}.db"
    started = time.perf_counter()
    events: list[te.Event] = []
    batch: list[te.Event] = []
    with SQLiteStore(path) as store:
        for event in stream(size, min(INCIDENTS, size)):
            batch.append(event)
            if len(batch) == 10_000:
                store.append(batch)
                events.extend(batch[:APPEND_CAP - len(events)])
                batch = []
        if batch:
            store.append(batch)
            events.extend(batch[:APPEND_CAP - len(events)])
    print(f"  (generated and stored in {time.perf_counter() - started:.0f} s)", flush=True)
    blobs = [dumps_event(event) for event in events[:APPEND_CAP]]
    limit_insert = raw_insert_rate(blobs, tmp)
    repeat = REPEAT if size <= REPEAT_CAP else 1
    peer = None
    if PEER:
        from peer import run_peer
        peer_size = min(size, APPEND_CAP)
        fresh = peer_size not in _peer_results
        if fresh:
            _peer_results[peer_size] = run_peer(peer_size, REPEAT)
        peer = _peer_results[peer_size]
        if fresh:
            for batch, rate in peer["append"].items():
                add("append", f"peer eventsourcing {peer['version']}, batch={batch}",
                    peer_size, rate, "events/s")
            add("replay", f"peer eventsourcing {peer['version']}, rebuild", peer_size,
                peer["rebuild"], "events/s")
            add("believed_at", f"peer eventsourcing {peer['version']}, as-of version",
                peer_size, peer["as_of_ms"], "ms")
    backends = ["sqlite", "memory", "jsonl"] + (["postgres"] if dsn else [])
    for backend in backends:
        for batch in (1, 100, 10_000):
            if backend != "sqlite" and size > 100_000:
                continue  # the other backends are measured up to 100k
            rate, count = append_rate(events, backend, batch, tmp, dsn)
            theirs = peer["append"].get(str(batch)) if peer and backend == "sqlite" else None
            add("append", f"{backend}, batch={batch}", count, rate, "events/s",
                ratio(rate, theirs), rate / limit_insert)
    add("append", "raw sqlite3 executemany (limit)", len(blobs), limit_insert, "events/s")
    if size <= APPEND_CAP:
        rate = append_rate_rows_later(events, tmp)
        add("append", "sqlite, batch=10000, claim rows on first read", min(size, APPEND_CAP),
            rate, "events/s", ratio(rate, peer["append"].get("10000") if peer else None),
            rate / limit_insert)

    del events, blobs
    limit_scan = raw_scan_rate(path, repeat)
    rate = full_replay(path, repeat)
    add("replay", "sqlite, final state of every incident", size, rate, "events/s",
        ratio(rate, peer["rebuild"] if peer else None), rate / limit_scan)
    folded = fold_rate(path, repeat)
    add("replay", "sqlite, every incident's ledger (no policy)", size, folded, "events/s",
        ratio(folded, peer["rebuild"] if peer else None), folded / limit_scan)
    add("replay", "raw scan + orjson.loads (limit)", size, limit_scan, "events/s")
    add("peak_rss", "full replay, fresh process", size, peak_rss(path), "MB")
    add("claim_rows", "sqlite, share of the store file", size, rows_share(path), "%")
    add("claim_rows", "sqlite, built from the log", size, rows_rebuild_rate(path, tmp),
        "events/s")
    query_rows(path, size, rng, add, peer)
    path.unlink()


def scale_rows(dsn: str, add: Callable[..., None]) -> None:
    from scaleout import append_scaling, partitioned_replay
    appends = append_scaling(dsn)
    for writers, result in sorted(appends["writers"].items(), key=lambda item: int(item[0])):
        add("scaleout_append", f"postgres, {writers} writer process(es)", result["events"],
            result["events_per_s"], "events/s")
    replays = partitioned_replay(dsn)
    for processes, result in sorted(replays["processes"].items(), key=lambda item: int(item[0])):
        add("scaleout_replay", f"postgres, {processes} process(es) by incident", result["events"],
            result["events_per_s"], "events/s")


def write(rows: list[Row]) -> None:
    (HERE / "results.json").write_bytes(orjson.dumps(rows, option=orjson.OPT_INDENT_2))
    print()
    print(f"# {platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · "
          f"{datetime.now(UTC):%Y-%m-%d} · repeat {REPEAT} · peak RSS of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print(f"| {'name':16} | {'backend':44} | {'size':>9} | {'value':>12} | {'unit':9} | "
          f"{'vs_peer':>7} | {'vs_limit':>8} |")
    print(f"|{'-' * 18}|{'-' * 46}|{'-' * 10}:|{'-' * 13}:|{'-' * 11}|{'-' * 8}:|{'-' * 9}:|")
    for item in rows:
        peer = "" if item["vs_peer"] is None else f"{item['vs_peer']:.2f}"
        limit = "" if item["vs_limit"] is None else f"{item['vs_limit']:.2f}"
        print(f"| {item['name']:16} | {item['backend']:44} | {item['size']:>9,} | "
              f"{item['value']:>12,.2f} | {item['unit']:9} | {peer:>7} | {limit:>8} |")


if __name__ == "__main__":
    main()
