"""Peak resident memory of a full replay at several sizes, without the rest of
the suite: for each size a store of ``generate.stream`` (1 000 incidents,
batches of 10 000), its claim rows built, then a fresh process that runs
``final_states`` over it and reports its peak resident memory (``VmHWM``).

``python bench/peak_rss.py 100000 1000000`` measures SQLite;
``python bench/peak_rss.py --backend postgres 100000`` measures PostgreSQL on a
throwaway server (tests/pg.py; a fresh schema per size). One line per size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import stream
from scaleout import fresh_schema, pg_server

import taji_events as te
from taji_events.postgres import PostgresStore
from taji_events.sqlite import SQLiteStore

# A child starts with its parent's high-water mark of resident memory (fork):
# reset it (Linux: clear_refs 5), then read VmHWM after the replay.
_PEAK_CODE = """
import sys
import taji_events as te
from taji_events.postgres import PostgresStore
from taji_events.sqlite import SQLiteStore
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")
backend, where = sys.argv[1:3]
store = SQLiteStore(where) if backend == "sqlite" else PostgresStore(where)
count = sum(1 for _ in te.final_states(store))
status = open("/proc/self/status").read()
print(count, next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
"""


def fill(store: te.EventStore, size: int) -> None:
    """``size`` events of 1 000 incidents in batches of 10 000, then the claim rows."""
    batch: list[te.Event] = []
    for event in stream(size, 1000):
        batch.append(event)
        if len(batch) == 10_000:
            store.append(batch)
            batch = []
    if batch:
        store.append(batch)
    # One replay builds the claim rows, so the measured one only reads them.
    sum(1 for _ in te.final_states(store))


def peak_rss(backend: str, where: str) -> tuple[int, float]:
    """States replayed and peak resident memory (MB) of a fresh process that
    fully replays the store (imports and interpreter included)."""
    output = subprocess.run([sys.executable, "-c", _PEAK_CODE, backend, where], check=True,
                            capture_output=True, text=True).stdout.split()
    return int(output[0]), int(output[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    arguments = parser.parse_args()
    if arguments.backend == "postgres":
        with pg_server() as dsn:
            for size in arguments.sizes:
                where = fresh_schema(dsn, f"peak{size}")
                with PostgresStore(where) as store:
                    fill(store, size)
                report(size, "postgres", *peak_rss("postgres", where))
        return
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"store-{size}.db"
            with SQLiteStore(path) as store:
                fill(store, size)
            report(size, "sqlite", *peak_rss("sqlite", str(path)))


def report(size: int, backend: str, states: int, megabytes: float) -> None:
    print(f"{size:>9} events, {backend}: peak RSS of a full replay ({states} states) "
          f"{megabytes:.1f} MB", flush=True)


if __name__ == "__main__":
    main()
