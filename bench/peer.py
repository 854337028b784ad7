"""The peer workload: the same appends, rebuild and as-of query on ``eventsourcing``.

``eventsourcing`` (PyPI, pinned below) runs in its own virtual environment,
``bench/.venv-peer``, so its dependencies never mix with ours. This file is both:

* the script that runs inside that environment
  (``bench/.venv-peer/bin/python bench/peer.py --size N --repeat R --json``);
  it imports only the standard library and ``eventsourcing``, never taji_events;
* the driver the benchmark calls from the project's environment:
  :func:`run_peer` creates the environment on demand (:func:`ensure_peer_env`),
  runs the script there and returns its JSON.

Run alone with ``.venv/bin/python bench/peer.py --size 10000 --repeat 3``: from
any other interpreter the script re-executes itself inside the peer environment
and prints a table.

Workload (each figure the median of ``repeat`` runs), mirroring ``bench/run.py``:

* **append** — ``size`` events over ``size / 100`` ``Incident`` aggregates (one
  creation event each, then report events of 3-6 claims, ~1.8 KB of JSON like
  our envelopes, 20 % of reports revised, ~1 % retracted), built in memory first
  and then timed through the public ``Application.save(*events)``: one call, one
  transaction, per batch of 1 (capped at 2 000 events, one fsync each), 100 or
  10 000 events, into a fresh SQLite file each run;
* **rebuild** — ``app.repository.get(id)`` of every aggregate, snapshots off;
* **as of** — ``app.repository.get(id, version=v)`` at a random version of a
  random aggregate (50 queries, median latency): eventsourcing orders events by
  aggregate version only and has no publication-time axis, so this is the
  closest equivalent of our ``known_at`` (a position in the history), not of
  ``believed_at``; then the same with a snapshot every 10 versions.

Durability: eventsourcing's SQLite persistence switches a file database to
``journal_mode=WAL`` and sets no ``synchronous`` pragma, so it runs with the
SQLite build's default for WAL (read back and reported as
``synchronous_default``). Our SQLiteStore uses WAL with ``synchronous=FULL``;
to compare like with like the script sets ``PRAGMA synchronous=FULL`` on every
connection eventsourcing opens and reports the value read back from its own
connection as ``synchronous_used``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

PINNED = "9.5.6"
HERE = Path(__file__).resolve().parent
PEER_VENV = HERE / ".venv-peer"
BATCHES = (1, 100, 10_000)
SINGLE_CAP = 2_000  # batches of 1 pay one fsync each: cap them, as bench/run.py does
QUERIES = 50
SNAPSHOT_EVERY = 10
SYNC_NAMES = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


# -- the driver (project environment) ------------------------------------------------------
def peer_python() -> Path:
    return PEER_VENV / "bin" / "python"


def _installed_version(python: Path) -> str | None:
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('eventsourcing'))"],
        capture_output=True, text=True, check=False)
    return probe.stdout.strip() if probe.returncode == 0 else None


def ensure_peer_env() -> Path:
    """The peer environment's python, with ``eventsourcing==PINNED`` installed;
    creates ``bench/.venv-peer`` (``python -m venv`` + ``pip install``) when it
    is missing or holds another version. Raises RuntimeError with pip's output."""
    python = peer_python()
    if _installed_version(python) == PINNED:
        return python
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"eventsourcing=={PINNED}"], capture_output=True, text=True, check=False)
    if install.returncode or _installed_version(python) != PINNED:
        raise RuntimeError(f"could not install eventsourcing=={PINNED} into {PEER_VENV}:\n"
                           f"{install.stdout}\n{install.stderr}")
    return python


def run_peer(size: int, repeat: int) -> dict[str, Any]:
    """Run the peer workload on ``size`` events (median of ``repeat`` runs) in the
    peer environment and return its result: ``{"version", "append": {"1", "100",
    "10000"} (events/s), "append_counts", "rebuild" (events/s), "as_of_ms",
    "as_of_ms_snapshots", "synchronous_default", "synchronous_used",
    "payload_bytes", "notes", ...}``. Raises RuntimeError if the run fails."""
    python = ensure_peer_env()
    done = subprocess.run([str(python), str(Path(__file__).resolve()), "--size", str(size),
                           "--repeat", str(repeat), "--json"],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"peer benchmark failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _in_peer_env() -> bool:
    return Path(sys.prefix).resolve() == PEER_VENV.resolve()


# -- the workload (peer environment) -------------------------------------------------------
FIELDS = ("killed", "wounded", "rockets_fired", "rockets_impacted", "attribution")
KINDS = ("official_on_record", "anonymous_official", "news_outlet", "unattributed", "witness")
HEDGES = ("reported", "reported", "confirmed", "preliminary")
ACTORS = ("Group A", "Group B", "Group C")
STANCES = ("claimed", "accused", "suspected", "denied", "no_claim")


def _claim(rng: random.Random, incident: str) -> dict[str, Any]:
    """One claim shaped like ours (field, interval or actor value, speaker, hedge,
    quoted evidence), so a report carries about as many bytes as our envelope."""
    field = rng.choice(FIELDS)
    value: dict[str, Any]
    if field == "attribution":
        stance = rng.choice(STANCES)
        value = {"kind": "attribution", "actor": None if stance == "no_claim" else rng.choice(ACTORS),
                 "stance": stance, "text": "someone"}
        quote = f"{field} {stance}"
    else:
        figure = rng.randint(0, 40)
        roll = rng.random()
        qualifier = "about" if roll < 0.2 else "at_least" if roll < 0.3 else "exact"
        low, high = ((max(figure - 4, 0), figure + 4) if qualifier == "about" else
                     (figure, None) if qualifier == "at_least" else (figure, figure))
        value = {"breakdown": {}, "high": high, "kind": "count",
                 "lexicon": "about N" if qualifier == "about" else None, "low": low,
                 "qualifier": qualifier, "stated": figure, "text": f"{qualifier} {figure}"}
        quote = f"{field} {figure}"
    return {"according_to": {"kind": rng.choice(KINDS), "name": "a speaker"}, "as_of": None,
            "evidence": {"end": len(quote), "quote": quote, "start": 0}, "field": field,
            "hedge": rng.choice(HEDGES), "incident": incident, "note": "", "value": value}


def _published(rng: random.Random, clock: float) -> dict[str, Any]:
    moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock))
    if rng.random() < 0.1:
        day = moment[:10]
        return {"lower": f"{day}T00:00:00Z", "precision": "day", "text": day,
                "upper": f"{day}T23:59:59Z", "zone": None, "zone_source": "widened"}
    return {"lower": moment, "precision": "second", "text": moment, "upper": moment,
            "zone": None, "zone_source": "stated"}


def workload(size: int, seed: int = 20200311) -> list[tuple[str, str, dict[str, Any]]]:
    """``size`` commands in append order, deterministic: ``("create", incident,
    {...})`` for each of ``size / 100`` incidents, then ``("publish", incident,
    report)`` and ``("retract", incident, {...})``."""
    rng = random.Random(seed)
    incidents = [f"incident-{i:05d}" for i in range(max(size // 100, 1))]
    commands: list[tuple[str, str, dict[str, Any]]] = [
        ("create", name, {"title": f"Incident {i}", "place": "Somewhere"})
        for i, name in enumerate(incidents)][:size]
    clock = 1_577_836_800.0  # 2020-01-01
    report = 0
    while len(commands) < size:
        clock += rng.randint(1, 120)
        incident = rng.choice(incidents)
        source = {"kind": "news_outlet", "name": f"Outlet {rng.randint(0, 49)}", "zone": None}
        revisions = 1 + (rng.randint(1, 3) if rng.random() < 0.2 else 0)
        for revision in range(revisions):
            commands.append(("publish", incident, {
                "report_id": f"report-{report:08d}", "revision": revision, "source": source,
                "published_at": _published(rng, clock + 3600 * revision),
                "claims": [_claim(rng, incident) for _ in range(rng.randint(3, 6))],
                "title": "", "url": None, "text": None}))
            if len(commands) >= size:
                break
        if len(commands) < size and rng.random() < 0.01:
            commands.append(("retract", incident, {
                "report_id": f"report-{report:08d}",
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock + 86400))}))
        report += 1
    return commands


def _peer_main(args: argparse.Namespace) -> dict[str, Any]:
    import importlib.metadata

    from eventsourcing import sqlite as es_sqlite
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event

    # What eventsourcing runs with on its own, read from a connection of its pool.
    probe_dir = Path(tempfile.mkdtemp(prefix="peer-probe-"))
    pool = es_sqlite.SQLiteConnectionPool(db_name=str(probe_dir / "probe.db"))
    probe = pool._create_connection()
    journal_default = probe._sqlite_conn.execute("PRAGMA journal_mode").fetchone()[0]
    sync_default = SYNC_NAMES[probe._sqlite_conn.execute("PRAGMA synchronous").fetchone()[0]]
    probe._sqlite_conn.close()
    shutil.rmtree(probe_dir, ignore_errors=True)

    # Same durability as our store: synchronous=FULL on every connection it opens.
    original = es_sqlite.SQLiteConnectionPool._create_connection

    def create_connection(self: Any) -> Any:
        connection = original(self)
        if not self.is_sqlite_memory_mode:
            connection._sqlite_conn.execute("PRAGMA synchronous=FULL")
        return connection

    es_sqlite.SQLiteConnectionPool._create_connection = create_connection  # type: ignore[method-assign]

    class Incident(Aggregate):
        @staticmethod
        def create_id(title: str, place: str, name: str) -> UUID:
            return uuid5(NAMESPACE_URL, f"/incidents/{name}")

        @event("Declared")
        def __init__(self, title: str, place: str, name: str) -> None:
            self.title = title
            self.place = place
            self.name = name
            self.reports: dict[str, list[dict[str, Any]]] = {}

        @event("ReportPublished")
        def publish(self, report: dict[str, Any]) -> None:
            self.reports[report["report_id"]] = report["claims"]

        @event("ReportRetracted")
        def retract(self, report_id: str, at: str) -> None:
            self.reports.pop(report_id, None)

    def build_events(size: int) -> tuple[list[Any], dict[str, Incident]]:
        aggregates: dict[str, Incident] = {}
        events: list[Any] = []
        for kind, name, data in workload(size):
            if kind == "create":
                aggregate = Incident(name=name, **data)
                aggregates[name] = aggregate
            elif kind == "publish":
                aggregate = aggregates[name]
                aggregate.publish(data)
            else:
                aggregate = aggregates[name]
                aggregate.retract(**data)
            events.extend(aggregate.collect_events())
        return events, aggregates

    def application(path: Path, *, snapshots: bool = False) -> Application[UUID]:
        env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
        if snapshots:
            env["IS_SNAPSHOTTING_ENABLED"] = "y"
        return Application(env=env)

    def timed(action: Callable[[], object]) -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    size: int = args.size
    repeat: int = args.repeat
    events, aggregates = build_events(size)
    ids = [aggregate.id for aggregate in aggregates.values()]
    versions = {aggregate.id: aggregate.version for aggregate in aggregates.values()}
    tmp = Path(tempfile.mkdtemp(prefix="peer-bench-"))
    try:
        append: dict[str, float] = {}
        counts: dict[str, int] = {}
        for batch in BATCHES:
            count = min(size, SINGLE_CAP) if batch == 1 else size
            chunks = [events[i:i + batch] for i in range(0, count, batch)]
            rates = []
            for run in range(repeat):
                app = application(tmp / f"append-{batch}-{run}.db")
                rates.append(count / timed(lambda: [app.save(*chunk) for chunk in chunks]))
                app.close()
            append[str(batch)] = statistics.median(rates)
            counts[str(batch)] = count

        store = tmp / "store.db"
        app = application(store)
        app.save(*events)
        raw = sqlite3.connect(store)
        payload = raw.execute("SELECT avg(length(state)), count(*) FROM stored_events").fetchone()
        raw.close()
        used = app.factory.datastore.pool._create_connection()  # type: ignore[attr-defined]
        sync_used = SYNC_NAMES[used._sqlite_conn.execute("PRAGMA synchronous").fetchone()[0]]
        used._sqlite_conn.close()
        app.close()

        def rebuild() -> float:
            reader = application(store)
            seconds = timed(lambda: [reader.repository.get(i) for i in ids])
            reader.close()
            return size / seconds
        rebuild_rate = statistics.median(rebuild() for _ in range(repeat))

        rng = random.Random(7)
        picks = [rng.choice(ids) for _ in range(QUERIES)]
        at = [rng.randint(1, versions[i]) for i in picks]

        def as_of(reader: Application[UUID]) -> float:
            latencies = []
            for aggregate_id, version in zip(picks, at, strict=True):
                start = time.perf_counter()
                reader.repository.get(aggregate_id, version=version)
                latencies.append(time.perf_counter() - start)
            return statistics.median(latencies) * 1000
        reader = application(store)
        as_of_ms = statistics.median(as_of(reader) for _ in range(repeat))
        reader.close()

        snap = application(store, snapshots=True)
        for aggregate_id in ids:
            for version in range(SNAPSHOT_EVERY, versions[aggregate_id] + 1, SNAPSHOT_EVERY):
                snap.take_snapshot(aggregate_id, version=version)
        as_of_snap_ms = statistics.median(as_of(snap) for _ in range(repeat))
        snap.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    return {
        "version": importlib.metadata.version("eventsourcing"),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "size": size,
        "repeat": repeat,
        "aggregates": len(ids),
        "append": append,
        "append_counts": counts,
        "rebuild": rebuild_rate,
        "as_of_ms": as_of_ms,
        "as_of_ms_snapshots": as_of_snap_ms,
        "journal_mode": journal_default,
        "synchronous_default": sync_default,
        "synchronous_used": sync_used,
        "payload_bytes": round(payload[0]),
        "stored_events": payload[1],
        "notes": (
            f"eventsourcing {importlib.metadata.version('eventsourcing')} with "
            "PERSISTENCE_MODULE=eventsourcing.sqlite on a file: journal_mode "
            f"{journal_default}, synchronous {sync_default} by default, run with "
            f"synchronous {sync_used} (set on each connection) like our WAL + FULL. "
            f"Appends: events built in memory first, then timed Application.save(*events), one "
            f"transaction per batch; batches of 1 capped at {counts['1']} events. Payload: "
            f"{round(payload[0])} bytes of stored state per event on average. Rebuild: "
            "repository.get(id) of every aggregate, snapshots off; the aggregate only keeps "
            "each report's latest claims (no policy, no beliefs), so it does less work per "
            "event than our ledger + state. As of: repository.get(id, version=v), a position "
            "in one aggregate's history (eventsourcing has no publication-time axis), median "
            f"of {QUERIES}; with snapshots: one snapshot every {SNAPSHOT_EVERY} versions."),
    }


def _table(result: dict[str, Any]) -> str:
    lines = [f"# eventsourcing {result['version']} · SQLite {result['sqlite']} · Python "
             f"{result['python']} · size {result['size']} · repeat {result['repeat']} · "
             f"journal {result['journal_mode']}, synchronous {result['synchronous_default']} "
             f"by default, run with {result['synchronous_used']} · "
             f"{result['payload_bytes']} bytes per event"]
    for batch, rate in result["append"].items():
        lines.append(f"{'append':10} {'batch=' + batch:24} {result['append_counts'][batch]:>8} "
                     f"{rate:>12,.1f} events/s")
    lines.append(f"{'rebuild':10} {'repository.get(id)':24} {result['size']:>8} "
                 f"{result['rebuild']:>12,.1f} events/s")
    lines.append(f"{'as_of':10} {'get(id, version=v)':24} {result['size']:>8} "
                 f"{result['as_of_ms']:>12,.2f} ms (median of {QUERIES})")
    lines.append(f"{'as_of':10} {'+ snapshot every 10':24} {result['size']:>8} "
                 f"{result['as_of_ms_snapshots']:>12,.2f} ms (median of {QUERIES})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    if not _in_peer_env():
        python = ensure_peer_env()
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    result = _peer_main(args)
    print(json.dumps(result, indent=2) if args.json else _table(result))


if __name__ == "__main__":
    main()
