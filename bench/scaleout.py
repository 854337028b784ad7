"""PostgreSQL scale-out: concurrent writers on one store, and replay partitioned by incident.

* :func:`append_scaling` — W writer processes (1, 2, 4) append batches of 100
  generated events, each its own incidents and reports, to one shared
  :class:`taji_events.postgres.PostgresStore`; total events/s, per-append latency, retries.
* :func:`partitioned_replay` — P processes (1, 2, 4) replay a store: process
  ``k`` takes the incidents whose stable hash (CRC-32) mod P is ``k``, reads each
  with ``store.read(incident=...)``, folds it with a :class:`taji_events.ledger.Ledger`
  and computes ``state_from_ledger``; events/s for each P, next to a single
  process scanning the whole log into one ledger.
* :func:`pg_server` — a throwaway PostgreSQL server (``tests/pg.py``), restarted
  with ``fsync``, ``synchronous_commit`` and ``full_page_writes`` on unless
  ``durable=False`` (then the test settings: all three off).

Run alone: ``.venv/bin/python bench/scaleout.py [--events 20000] [--no-fsync] [--json]``.
Each step of a run uses a fresh schema of the same database.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import queue
import statistics
import sys
import threading
import time
import traceback
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import stream

import taji_events as te
from taji_events.errors import ConcurrencyError, StoreError
from taji_events.ledger import Ledger
from taji_events.postgres import PostgresStore
from taji_events.states import state_from_ledger
from taji_events.store import StoredRecord

HERE = Path(__file__).resolve().parent
BATCH = 100
DEFAULT_EVENTS = 20_000

EventsFactory = Callable[[int, int], Sequence[te.Event]]


# -- the server ----------------------------------------------------------------------------
def _pg_helper() -> Any:
    """``tests/pg.py``, imported from the repository through sys.path."""
    tests = str(HERE.parent / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import pg

    return pg


@contextlib.contextmanager
def pg_server(durable: bool = True) -> Iterator[str]:
    """Start a throwaway PostgreSQL server, yield its DSN, stop and delete it on exit.

    ``durable=True`` restarts it with PostgreSQL's defaults (``fsync``,
    ``synchronous_commit`` and ``full_page_writes`` on: a commit waits for its
    WAL flush, as our SQLite store's ``synchronous=FULL`` does); ``False`` keeps
    the test helper's settings (all three off). Raises RuntimeError when no
    server can run here, naming the fix."""
    pg = _pg_helper()
    why = pg.unavailable()
    if why is not None:
        raise RuntimeError(f"{why}; {pg.ENABLE_HINT}")
    server = pg.start_server()
    try:
        if durable:
            options = (f"-p {server.port} -k {server.directory} -c listen_addresses=127.0.0.1 "
                       "-c max_connections=60")
            restarted = server.run("pg_ctl", "-D", str(server.directory / "data"), "-l",
                                   str(server.directory / "log"), "-w", "-t", "30", "-o",
                                   options, "-m", "fast", "restart")
            if restarted.returncode:
                raise RuntimeError(f"pg_ctl restart failed:\n{restarted.stdout}\n{restarted.stderr}")
        yield server.dsn
    finally:
        server.stop()


def server_settings(dsn: str) -> dict[str, str]:
    """The durability settings the server runs with."""
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as connection:
        return {name: str(connection.execute(f"SHOW {name}").fetchone()[0])  # type: ignore[index]
                for name in ("server_version", "fsync", "synchronous_commit", "full_page_writes")}


def fresh_schema(dsn: str, label: str) -> str:
    """Create an empty schema and return a DSN whose search_path is it."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    return make_conninfo(dsn, options=f"-csearch_path={schema}")


# -- events --------------------------------------------------------------------------------
def with_prefix(event: te.Event, prefix: str) -> te.Event:
    """``event`` with every incident and report id prefixed, so writers never share one."""
    if isinstance(event, te.IncidentDeclared):
        return attrs.evolve(event, incident_id=prefix + event.incident_id)
    if isinstance(event, te.ReportPublished):
        return attrs.evolve(event, report_id=prefix + event.report_id,
                            claims=[attrs.evolve(claim, incident=prefix + claim.incident)
                                    for claim in event.claims])
    return attrs.evolve(event, report_id=prefix + event.report_id)


def disjoint_events(writer: int, count: int) -> list[te.Event]:
    """The default events factory: ``count`` generated events over ``count / 100``
    incidents, with ids prefixed ``w<writer>-`` (generated ids repeat across seeds)."""
    return [with_prefix(event, f"w{writer}-")
            for event in stream(count, max(count // 100, 1), seed=20200311 + writer)]


# -- appends -------------------------------------------------------------------------------
class _TimedStore(PostgresStore):
    """A PostgresStore that also measures, per append, the wait for the table's
    write lock and how long it is then held (until the commit returns)."""

    def __init__(self, dsn: str) -> None:
        super().__init__(dsn)
        self.lock_wait = 0.0
        self.locked_at = 0.0

    def _lock_and_read_head(self) -> StoredRecord | None:
        began = time.perf_counter()
        head = super()._lock_and_read_head()
        self.locked_at = time.perf_counter()
        self.lock_wait += self.locked_at - began
        return head


def _writer(dsn: str, factory: EventsFactory, index: int, count: int, barrier: Barrier,
            results: Any) -> None:
    events = list(factory(index, count))
    chunks = [events[i:i + BATCH] for i in range(0, len(events), BATCH)]
    retries = conflicts = 0
    latencies: list[float] = []
    held: list[float] = []
    with _TimedStore(dsn) as store:
        barrier.wait()
        start = time.monotonic()
        cpu = time.process_time()
        for chunk in chunks:
            while True:
                began = time.perf_counter()
                try:
                    store.append(chunk)
                except ConcurrencyError:
                    conflicts += 1
                except StoreError:  # e.g. a deadlock or serialisation failure: retry
                    retries += 1
                    if retries > 100:
                        raise
                else:
                    done = time.perf_counter()
                    latencies.append(done - began)
                    held.append(done - store.locked_at)
                    break
        end = time.monotonic()
        cpu = time.process_time() - cpu
    results.put({"writer": index, "events": len(events), "start": start, "end": end,
                 "retries": retries, "conflicts": conflicts, "latencies": latencies,
                 "held": held, "lock_wait": store.lock_wait, "cpu": cpu})


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, from /proc/stat ((0, 0) elsewhere)."""
    try:
        line = Path("/proc/stat").read_text().split("\n", 1)[0]
        fields = [int(x) for x in line.split()[1:9]]  # guest time is already in user time
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _busy_since(before: tuple[int, int]) -> float | None:
    """Share of the machine's CPU time (every core, every process) busy since ``before``."""
    busy, total = _cpu_ticks()
    return round((busy - before[0]) / (total - before[1]), 3) if total > before[1] else None


def _guarded(target: Callable[..., None], args: tuple[Any, ...], barrier: Barrier,
             results: Any) -> None:
    """Run ``target`` in a child; on failure report the traceback and release the others."""
    try:
        target(*args, barrier, results)
    except BaseException:
        barrier.abort()
        results.put({"error": traceback.format_exc()})


def _run_processes(target: Callable[..., None], count: int, args: tuple[Any, ...],
                   timeout: float = 900.0) -> list[dict[str, Any]]:
    """Run ``count`` processes of ``target(*args, index, barrier, results)`` released
    together; return their results, each with ``machine_cpu_busy``: the share of
    all cores busy (whoever used them) from the release to the last exit.
    Raises RuntimeError, after stopping the others, when one fails, dies or the
    whole takes longer than ``timeout``."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(count + 1, timeout=timeout)  # the children and this process
    results = context.Queue()
    processes = [context.Process(target=_guarded,
                                 args=(target, (*args, index), barrier, results))
                 for index in range(count)]
    for process in processes:
        process.start()
    with contextlib.suppress(threading.BrokenBarrierError):  # a child failed: reported below
        barrier.wait()
    ticks = _cpu_ticks()
    collected: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    problem = None
    while len(collected) < count and problem is None:
        try:
            item = results.get(timeout=1.0)
        except queue.Empty:
            if any(p.exitcode not in (None, 0) for p in processes):
                problem = "a benchmark process died without reporting"
            elif time.monotonic() > deadline:
                problem = f"the benchmark processes took longer than {timeout:.0f} s"
            continue
        if "error" in item:
            problem = f"a benchmark process failed:\n{item['error']}"
        else:
            collected.append(item)
    for process in processes:
        if problem is not None and process.is_alive():
            process.terminate()
        process.join()
    if problem is not None:
        raise RuntimeError(problem)
    busy = _busy_since(ticks)
    return [{**item, "machine_cpu_busy": busy} for item in collected]


def _writer_entry(dsn: str, factory: EventsFactory, count: int, index: int, barrier: Barrier,
                  results: Any) -> None:
    _writer(dsn, factory, index, count, barrier, results)


def append_scaling(dsn: str, events_factory: EventsFactory = disjoint_events,
                   writers: Sequence[int] = (1, 2, 4), per_writer: int | None = None,
                   *, total: int = DEFAULT_EVENTS, repeat: int = 1) -> dict[str, Any]:
    """Append throughput of 1, 2, 4 ... concurrent writer processes on one store.

    Each step gets a fresh schema in ``dsn``; each writer generates its events
    with ``events_factory(writer_index, count)`` (ids must not overlap between
    writers) before the clock starts, then appends them in batches of 100.
    ``per_writer`` events each, or ``total / W`` when None (so every step
    appends the same number). With ``repeat`` > 1 the steps run in rounds
    (1, 2, 4, 1, 2, 4 ...) and the run with the median rate is reported.

    Returns ``{"batch", "repeat", "server" (durability settings), "writers":
    {str(W): {"events", "seconds", "events_per_s", "append_ms_p50",
    "append_ms_p95", "lock_held_ms_p50", "lock_busy" (share of the wall time
    some writer held the write lock), "lock_wait_s", "client_cpu_s",
    "ceiling_events_per_s" (events / total lock-held time: the rate if the
    lock were always busy), "retries", "conflicts", "last_seq", "chain_ok",
    "machine_cpu_busy" (share of all cores busy, whoever used them, from
    the common start to the last exit), "all_events_per_s"}}}``;
    the time is from the common start to the last writer's end. Raises
    RuntimeError if a writer fails."""
    runs_by_count: dict[int, list[dict[str, Any]]] = {count: [] for count in writers}
    for _ in range(repeat):
        for count in writers:
            runs_by_count[count].append(_append_step(dsn, events_factory, count, per_writer
                                                     if per_writer is not None else total // count))
    out: dict[str, Any] = {}
    for count, rounds in runs_by_count.items():
        ranked = sorted(rounds, key=lambda row: row["events_per_s"])
        out[str(count)] = {**ranked[len(ranked) // 2],
                           "all_events_per_s": [row["events_per_s"] for row in rounds]}
    return {"batch": BATCH, "repeat": repeat, "server": server_settings(dsn), "writers": out}


def _append_step(dsn: str, events_factory: EventsFactory, count: int, each: int) -> dict[str, Any]:
    step_dsn = fresh_schema(dsn, f"w{count}")
    with PostgresStore(step_dsn):
        pass  # create the tables before the writers start
    runs = _run_processes(_writer_entry, count, (step_dsn, events_factory, each))
    machine_busy = runs[0]["machine_cpu_busy"]
    seconds = max(r["end"] for r in runs) - min(r["start"] for r in runs)
    latencies = sorted(x for r in runs for x in r["latencies"])
    held = sorted(x for r in runs for x in r["held"])
    events = sum(r["events"] for r in runs)
    with PostgresStore(step_dsn) as store:
        last_seq = store.last_seq()
        chain_ok = store.verify().ok
    return {
        "events": events, "seconds": round(seconds, 3),
        "events_per_s": round(events / seconds, 1),
        "append_ms_p50": round(statistics.median(latencies) * 1000, 2),
        "append_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 2),
        "lock_held_ms_p50": round(statistics.median(held) * 1000, 2),
        "lock_busy": round(sum(held) / seconds, 3),
        "lock_wait_s": round(sum(r["lock_wait"] for r in runs), 3),
        "client_cpu_s": round(sum(r["cpu"] for r in runs), 3),
        "ceiling_events_per_s": round(events / sum(held), 1),
        "retries": sum(r["retries"] for r in runs),
        "conflicts": sum(r["conflicts"] for r in runs),
        "machine_cpu_busy": machine_busy,
        "last_seq": last_seq, "chain_ok": chain_ok}


# -- replay --------------------------------------------------------------------------------
def partition(incident: str, parts: int) -> int:
    """The partition of ``incident``: a hash that is the same in every process and run."""
    return zlib.crc32(incident.encode()) % parts


def _replayer(dsn: str, parts: int, index: int, barrier: Barrier, results: Any) -> None:
    with PostgresStore(dsn) as store:
        mine = [name for name in store.incidents() if partition(name, parts) == index]
        barrier.wait()
        start = time.monotonic()
        cpu = time.process_time()
        events = 0
        for incident in mine:
            ledger = Ledger()
            for recorded in store.read(incident=incident):
                ledger.apply(recorded)
                events += 1
            state_from_ledger(ledger, incident)
        end = time.monotonic()
        cpu = time.process_time() - cpu
    results.put({"process": index, "cpu": cpu, "incidents": len(mine), "events": events,
                 "start": start, "end": end})


def _scan(dsn: str, index: int, barrier: Barrier, results: Any) -> None:
    with PostgresStore(dsn) as store:
        barrier.wait()
        start = time.monotonic()
        cpu = time.process_time()
        ledger = Ledger()
        events = 0
        for recorded in store.read():
            ledger.apply(recorded)
            events += 1
        incidents = store.incidents()
        for incident in incidents:
            state_from_ledger(ledger, incident)
        end = time.monotonic()
        cpu = time.process_time() - cpu
    results.put({"process": index, "cpu": cpu, "incidents": len(incidents), "events": events,
                 "start": start, "end": end})


def partitioned_replay(dsn: str, processes: Sequence[int] = (1, 2, 4), *,
                       size: int = DEFAULT_EVENTS, repeat: int = 1) -> dict[str, Any]:
    """Replay the store at ``dsn`` partitioned by incident over 1, 2, 4 ...
    processes (median of ``repeat`` runs), and ``"scan"``: one process reading
    the whole log into one ledger. When that store holds no events, a fresh
    schema of the same database is filled with ``stream(size, size / 100)``
    first and replayed instead.

    Returns ``{"events" (in the store), "store" (the DSN replayed), "scan":
    {...}, "processes": {str(P): {...}}}``, each ``{...}`` being ``{"events"
    (folded), "incidents", "seconds", "events_per_s", "client_cpu_s" (summed
    over the processes), "events_per_process", "machine_cpu_busy" (share of
    all cores busy, whoever used them, from the common start to the last exit),
    "all_seconds"}``; the time runs
    from the common start to the last process's end. Raises RuntimeError if a
    process fails."""
    with PostgresStore(dsn) as store:
        stored = store.last_seq()
    if stored == 0:
        dsn = fresh_schema(dsn, "replay")
        stored = fill(dsn, list(stream(size, max(size // 100, 1))))
    measured: dict[str, Any] = {}
    steps: list[tuple[str, Callable[..., None], int, tuple[Any, ...]]] = [
        ("scan", _scan, 1, (dsn,))]
    steps += [(str(parts), _replayer, parts, (dsn, parts)) for parts in processes]
    for label, target, count, args in steps:
        timings = []
        for _ in range(repeat):
            runs = _run_processes(target, count, args)
            timings.append((max(r["end"] for r in runs) - min(r["start"] for r in runs), runs,
                            runs[0]["machine_cpu_busy"]))
        seconds, runs, machine_busy = sorted(timings, key=lambda item: item[0])[len(timings) // 2]
        events = sum(r["events"] for r in runs)
        measured[label] = {"events": events, "incidents": sum(r["incidents"] for r in runs),
                           "seconds": round(seconds, 3), "events_per_s": round(events / seconds, 1),
                           "client_cpu_s": round(sum(r["cpu"] for r in runs), 3),
                           "events_per_process": sorted(r["events"] for r in runs),
                           "machine_cpu_busy": machine_busy,
                           "all_seconds": [round(t[0], 3) for t in timings]}
    scan = measured.pop("scan")
    return {"events": stored, "store": dsn, "scan": scan, "processes": measured}


def fill(dsn: str, events: Sequence[te.Event], batch: int = 1_000) -> int:
    """Append ``events`` to the store at ``dsn`` in batches; return its last seq."""
    with PostgresStore(dsn) as store:
        for i in range(0, len(events), batch):
            store.append(events[i:i + batch])
        return store.last_seq()


# -- alone ---------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS,
                        help="events per step (split over the writers; replayed)")
    parser.add_argument("--writers", default="1,2,4")
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--repeat", type=int, default=1, help="repetitions (median reported)")
    parser.add_argument("--no-fsync", action="store_true",
                        help="keep the test server's fsync=off, synchronous_commit=off")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    writers = [int(w) for w in args.writers.split(",") if w]
    processes = [int(p) for p in args.processes.split(",") if p]

    with pg_server(durable=not args.no_fsync) as dsn:
        load = os.getloadavg()[0]
        appends = append_scaling(dsn, disjoint_events, writers, total=args.events,
                                 repeat=args.repeat)
        replays = partitioned_replay(dsn, processes, size=args.events, repeat=args.repeat)
    settings = appends["server"]
    result = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                          "load_average_1m": load}, "events": args.events,
              "append": appends, "replay": replays}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"# PostgreSQL {settings['server_version']} (fsync {settings['fsync']}, "
          f"synchronous_commit {settings['synchronous_commit']}) · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · load {load:.1f} · {args.events} events per step "
          f"· batches of {BATCH} · repeat {args.repeat}")
    print(f"{'append':8} {'writers':>7} {'events':>7} {'seconds':>8} {'events/s':>10} "
          f"{'p50 ms':>8} {'p95 ms':>8} {'retries':>7} {'vs 1':>5} {'held ms':>8} "
          f"{'lock busy':>9} {'ceiling/s':>10} {'cpu busy':>8}")
    base = appends["writers"][str(writers[0])]["events_per_s"]
    for label, row in appends["writers"].items():
        print(f"{'':8} {label:>7} {row['events']:>7} {row['seconds']:>8.2f} "
              f"{row['events_per_s']:>10,.0f} {row['append_ms_p50']:>8.1f} "
              f"{row['append_ms_p95']:>8.1f} {row['retries'] + row['conflicts']:>7} "
              f"{row['events_per_s'] / base:>5.2f} {row['lock_held_ms_p50']:>8.1f} "
              f"{row['lock_busy']:>9.2f} {row['ceiling_events_per_s']:>10,.0f} "
              f"{row['machine_cpu_busy'] or 0:>8.2f}")
    print(f"{'replay':8} {'procs':>7} {'events':>7} {'seconds':>8} {'events/s':>10} "
          f"{'cpu s':>8} {'':>8} {'':>7} {'vs 1':>5} {'':>8} {'':>9} {'':>10} {'cpu busy':>8}")
    base = replays["processes"][str(processes[0])]["events_per_s"]
    rows = [("scan", replays["scan"]), *replays["processes"].items()]
    for label, row in rows:
        ratio = "" if label == "scan" else f"{row['events_per_s'] / base:.2f}"
        print(f"{'':8} {label:>7} {row['events']:>7} {row['seconds']:>8.2f} "
              f"{row['events_per_s']:>10,.0f} {row['client_cpu_s']:>8.2f} {'':>8} {'':>7} "
              f"{ratio:>5} {'':>8} {'':>9} {'':>10} {row['machine_cpu_busy'] or 0:>8.2f}")


if __name__ == "__main__":
    main()
