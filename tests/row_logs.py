"""Logs for the claim-row tests, and the stores they run on.

:func:`row_logs` draws logs of two incidents whose reports make claims about
either or both (so a report concerns an incident from some revision on),
revise them, retract them, carry claims over between revisions, scope them,
give date-only windows, amend an incident's occurrence time, and arrive late:
the log is split into append batches in an order that need not be the order
of publication. :func:`open_store` opens a fresh store of each backend
(PostgreSQL on the session's server, when there is one).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from hypothesis import strategies as st
from test_history import START, claims

from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
)
from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.model import Claim, Source
from taji_events.postgres import PostgresStore
from taji_events.sqlite import SQLiteStore
from taji_events.store import EventStore
from taji_events.testing.clock import TickingClock
from taji_events.timepoint import TimePoint

INCIDENTS = ("incident-1", "incident-2")
BACKENDS = ("memory", "sqlite", "jsonl", "postgres")


def _point(draw: st.DrawFn, minutes: int) -> TimePoint:
    moment = START + timedelta(minutes=minutes)
    if draw(st.integers(0, 4)) == 0:
        return TimePoint.parse(moment.date().isoformat())
    return TimePoint.instant(moment)


@st.composite
def row_logs(draw: st.DrawFn) -> list[list[Event]]:
    """Append batches of a two-incident log (see the module docstring)."""
    events: list[Event] = [IncidentDeclared(incident_id=incident, title="An attack", place="X",
                                            occurred_at=TimePoint.instant(START))
                           for incident in INCIDENTS]
    if draw(st.booleans()):
        events.append(IncidentAmended(incident_id="incident-1", amendment=1,
                                      occurred_at=TimePoint.instant(
                                          START + timedelta(hours=draw(st.integers(1, 30)))),
                                      reason="the time was misreported"))
    for number in range(draw(st.integers(1, 8))):
        minutes = draw(st.integers(0, 3 * 24 * 60))
        source = Source(f"Outlet {draw(st.integers(0, 3))}", "news_outlet")
        previous: list[Claim] = []
        for revision in range(draw(st.integers(1, 3))):
            minutes += draw(st.integers(0, 600))
            kept = [claim for claim in previous if draw(st.booleans())]
            incident = draw(st.sampled_from(INCIDENTS))
            previous = kept + draw(st.lists(claims(incident), max_size=3))
            events.append(ReportPublished(report_id=f"report-{number}", revision=revision,
                                          source=source, published_at=_point(draw, minutes),
                                          claims=previous))
        if draw(st.integers(0, 4)) == 0:
            events.append(ReportRetracted(report_id=f"report-{number}",
                                          at=_point(draw, minutes + draw(st.integers(0, 2000)))))
    # Late arrivals: any order of recording, cut into batches.
    order = draw(st.permutations(events))
    cuts = sorted(draw(st.lists(st.integers(1, max(len(order) - 1, 1)), max_size=3)))
    batches, start = [], 0
    for cut in [*cuts, len(order)]:
        if cut > start:
            batches.append(list(order[start:cut]))
            start = cut
    return batches


Opener = Callable[[], EventStore]

# Every file store the opener makes lives under one directory of this process,
# removed when the process ends.
_FILES = tempfile.TemporaryDirectory(prefix="taji-rows-")


def opener(backend: str, pg_dsn: Callable[[], str] | None) -> Opener:
    """A function opening a fresh, empty store of ``backend`` (a ticking clock,
    so that each batch has its own record time)."""
    def fresh() -> EventStore:
        clock = TickingClock()
        if backend == "memory":
            return MemoryStore(clock)
        if backend == "postgres":
            assert pg_dsn is not None
            return PostgresStore(pg_dsn(), clock)
        directory = Path(tempfile.mkdtemp(dir=_FILES.name))
        if backend == "sqlite":
            return SQLiteStore(directory / "events.db", clock)
        return JsonlStore(directory / "events.jsonl", clock)
    return fresh
