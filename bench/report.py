"""The HTML belief report of one incident at growing sizes: CPU time to build the
page, its size, and the peak memory the build allocates.

``python bench/report.py [N ...]`` (default 300 1000 10000) builds, for each N,
one incident of N reports with 3-6 claims each (``history.one_incident``:
``generate.stream`` with one incident; 20 % revised, 1 % retracted, 10 %
date-only, 10 % late arrivals) in an in-memory store and times
``render_report`` with every shipped policy. Figures are the process's CPU
time (``time.process_time``; the machines here are shared, so wall-clock time
mostly measures the neighbours), the page's size in bytes (UTF-8), and the peak
of Python allocations during the build (``tracemalloc``, in its own second run,
since tracing slows the build down).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from history import INCIDENT, one_incident

import taji_events as te
from taji_events.report import render_report

DEFAULT_SIZES = (300, 1000, 10000)


def report_rows(sizes: list[int], add: Callable[..., None]) -> None:
    """Add rows ``(name, label, size, value, unit)`` for each size."""
    for reports in sizes:
        store = te.open_store()
        store.append(list(one_incident(reports)))
        start = time.process_time()
        page = render_report(store, INCIDENT)
        seconds = time.process_time() - start
        add("report", "render_report, 4 policies (CPU)", reports, seconds, "s")
        add("report", "HTML size", reports, len(page.encode("utf-8")) / 1e6, "MB")
        del page
        tracemalloc.start()
        render_report(store, INCIDENT)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        add("report", "peak Python allocations (tracemalloc)", reports, peak / 1e6, "MB")


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(DEFAULT_SIZES)

    def show(name: str, label: str, size: int, value: float, unit: str) -> None:
        print(f"{name:8} {size:>7} {label:42} {value:10.3f} {unit}", flush=True)

    report_rows(sizes, show)


if __name__ == "__main__":
    main()
