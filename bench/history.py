"""One incident's belief history at growing sizes: ``timeline``, ``ReplayIndex.warm``
and ``believed_at`` (from the log alone and through a warm index) on an incident
of N reports with 3-6 claims each (20 % revised, 1 % retracted, 10 % date-only,
10 % late arrivals: ``generate.stream`` with one incident).

``python bench/history.py [N ...]`` prints the figures; ``bench/run.py`` adds
them to its table as rows named ``history`` (size = reports). Times are the
process's CPU time (``time.process_time``): the work is single-threaded and the
machines here are shared, so wall-clock time mostly measures the neighbours.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import START, stream

import taji_events as te
from taji_events.sqlite import SQLiteStore

INCIDENT = "incident-00000"
QUERIES = 200


def one_incident(reports: int) -> Iterator[te.Event]:
    """The events of one incident until it has ``reports`` reports."""
    seen: set[str] = set()
    for event in stream(10 * reports + 10, 1, seed=reports):
        if isinstance(event, te.ReportPublished):
            if event.report_id not in seen and len(seen) == reports:
                continue
            seen.add(event.report_id)
        elif isinstance(event, te.ReportRetracted) and event.report_id not in seen:
            continue
        yield event


def _timed(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def history_rows(sizes: list[int], add: Callable[..., None]) -> None:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as directory:
        for reports in sizes:
            path = Path(directory) / f"history-{reports}.db"
            with SQLiteStore(path) as store:
                events = list(one_incident(reports))
                store.append(events)
                revisions = sum(isinstance(event, te.ReportPublished) for event in events)
                seconds = _timed(lambda: te.timeline(store, INCIDENT))
                add("history", f"timeline, {revisions} revisions (CPU)", reports, seconds, "s")
                index = te.ReplayIndex(store)
                seconds = _timed(lambda: index.warm(INCIDENT))
                add("history", "ReplayIndex.warm (CPU)", reports, seconds, "s")
                last = max(event.published_at.upper for event in events
                           if isinstance(event, te.ReportPublished))
                span = last - START
                moments = [START + span * rng.random() for _ in range(QUERIES)]
                per_query = statistics.median(
                    _timed(lambda t=t: index.believed_at(INCIDENT, t)) for t in moments)
                add("history", "believed_at, warm index (CPU)", reports, per_query * 1000, "ms")
                # From the log alone, one question reads and folds every event: one
                # sample at a random time and one after the last publication.
                add("history", "believed_at, log only (CPU)", reports,
                    _timed(lambda: te.believed_at(store, INCIDENT, moments[0])) * 1000, "ms")
                end = last + timedelta(days=2)
                add("history", "believed_at at the end, log only (CPU)", reports,
                    _timed(lambda: te.believed_at(store, INCIDENT, end)) * 1000, "ms")

def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 3000, 10000, 30000]

    def add(name: str, backend: str, size: int, value: float, unit: str) -> None:
        print(f"  {name:10} {backend:36} {size:>7} {value:>12,.3f} {unit}", flush=True)
    history_rows(sizes, add)


if __name__ == "__main__":
    main()
