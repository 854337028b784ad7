"""The full replay at large sizes, alone: the final state of every incident
against the machine's limit (a raw scan of the envelopes + ``orjson.loads``)
and against the peer's rebuild, measured in one run.

``python bench/full_replay.py 100000 1000000`` builds a SQLite store of each
size (``generate.stream``, 1 000 incidents, appended in batches of 10 000),
then alternates the raw scan and ``final_states`` three times each and reports
the medians and their ratio; the peer's rebuild (``bench/peer.py``) is run at
``min(size, 100 000)`` events once per size, as ``bench/run.py`` does. The
figures are rates of wall-clock time, as in ``bench/run.py``, and CPU time of
the replay process beside them (the machines here are shared).

Prints one line per figure; ``--json FILE`` also writes them as rows like
``bench/results.json``'s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peak_rss import fill
from run import raw_scan_rate

import taji_events as te
from taji_events.sqlite import SQLiteStore

INCIDENTS = 1000  # as peak_rss.fill makes them
REPEAT = 3


def build(path: Path, size: int) -> float:
    """Seconds to fill a new SQLite store at ``path`` (see ``peak_rss.fill``)."""
    started = time.perf_counter()
    with SQLiteStore(path) as store:
        fill(store, size)
    return time.perf_counter() - started


def replay(path: Path) -> tuple[float, float]:
    """Events per second of wall-clock and of CPU time for one full replay."""
    with SQLiteStore(path) as store:
        events = store.last_seq()
        wall, cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in te.final_states(store))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert count == min(INCIDENTS, events)
    return events / wall, events / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    peers: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            path = Path(directory) / f"store-{size}.db"
            print(f"# {size:,} events: built in {build(path, size):.0f} s", flush=True)
            scans, walls, cpus = [], [], []
            for _ in range(REPEAT):
                scans.append(raw_scan_rate(path, 1))
                wall, cpu = replay(path)
                walls.append(wall)
                cpus.append(cpu)
            scan, ours, ours_cpu = (statistics.median(found) for found in (scans, walls, cpus))
            peer = None
            if not args.no_peer:
                from peer import run_peer
                peer_size = min(size, 100_000)
                if peer_size not in peers:
                    peers[peer_size] = run_peer(peer_size, REPEAT)["rebuild"]
                peer = peers[peer_size]
            vs_peer = None if peer is None else round(ours / peer, 3)
            print(f"  raw scan + orjson.loads {scan:,.0f} events/s", flush=True)
            print(f"  final state of every incident {ours:,.0f} events/s "
                  f"({ours_cpu:,.0f} of CPU time): {ours / scan:.2f} of the raw scan"
                  + ("" if peer is None else f", {vs_peer}x the peer's rebuild "
                     f"({peer:,.0f} events/s at {min(size, 100_000):,})"), flush=True)
            rows.append({"name": "replay", "backend": "sqlite, final state of every incident",
                         "size": size, "value": ours, "unit": "events/s", "vs_peer": vs_peer,
                         "vs_limit": round(ours / scan, 3)})
            rows.append({"name": "replay", "backend": "raw scan + orjson.loads (limit)",
                         "size": size, "value": scan, "unit": "events/s", "vs_peer": None,
                         "vs_limit": None})
            path.unlink()
    if args.json is not None:
        args.json.write_bytes(orjson.dumps(rows, option=orjson.OPT_INDENT_2))


if __name__ == "__main__":
    main()
