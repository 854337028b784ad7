"""Peak resident memory of a full replay at several sizes, without the rest of
the suite: for each size a SQLite store of ``generate.stream`` (1 000
incidents, batches of 10 000), then ``bench/run.py``'s ``peak_rss`` (a fresh
process that runs ``final_states`` over it).

``python bench/peak_rss.py 100000 1000000`` prints one line per size.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import stream
from run import peak_rss

import taji_events as te
from taji_events.sqlite import SQLiteStore


def main() -> None:
    for size in [int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000]:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"store-{size}.db"
            with SQLiteStore(path) as store:
                batch: list[te.Event] = []
                for event in stream(size, 1000):
                    batch.append(event)
                    if len(batch) == 10_000:
                        store.append(batch)
                        batch = []
                if batch:
                    store.append(batch)
            print(f"{size:>9} events: peak RSS of a full replay {peak_rss(path):.1f} MB",
                  flush=True)


if __name__ == "__main__":
    main()
