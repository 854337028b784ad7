"""Deterministic, realistic event streams for benchmarks.

``stream(n, incidents, seed)`` yields ``n`` events in append order: incident
declarations, report revisions with 3-6 claims each (20 % of reports get later
revisions), about 1 % retractions, 10 % date-only publication times, and about
10 % late arrivals (appended well after reports published later than them).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from taji_events import (
    Attribution,
    Claim,
    Count,
    Event,
    Evidence,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
    Source,
    Speaker,
    TimePoint,
)
from taji_events.model import SPEAKER_KINDS

FIELDS = ("killed", "wounded", "rockets_fired", "rockets_impacted", "attribution")
START = datetime(2020, 1, 1, tzinfo=UTC)
SOURCES = [Source(f"Outlet {i}", "news_outlet") for i in range(50)] + \
    [Source(f"Wire {i}", "wire") for i in range(5)]
ACTORS = ("Group A", "Group B", "Group C")
STANCES = ("claimed", "accused", "suspected", "denied", "no_claim")


def _claim(rng: random.Random, incident: str) -> Claim:
    field = rng.choice(FIELDS)
    value: Count | Attribution
    if field == "attribution":
        stance = rng.choice(STANCES)
        value = Attribution(None if stance == "no_claim" else rng.choice(ACTORS), stance, "someone")
    else:
        figure = rng.randint(0, 40)
        roll = rng.random()
        value = (Count.about(figure) if roll < 0.2 else
                 Count.at_least(figure) if roll < 0.3 else Count.exact(figure))
    quote = f"{field} {figure if field != 'attribution' else ''}"
    return Claim(incident=incident, field=field, value=value,
                 according_to=Speaker("a speaker", rng.choice(SPEAKER_KINDS)),
                 hedge=rng.choice(("reported", "reported", "confirmed", "preliminary")),
                 evidence=Evidence(0, len(quote), quote))


def _published(rng: random.Random, moment: datetime) -> TimePoint:
    if rng.random() < 0.1:
        return TimePoint.parse(moment.date().isoformat())
    return TimePoint.instant(moment.replace(microsecond=0))


def stream(n: int, incidents: int, seed: int = 20200311) -> Iterator[Event]:
    """``n`` events over ``incidents`` incidents, in append order. Deterministic."""
    rng = random.Random(seed)
    ids = [f"incident-{i:05d}" for i in range(incidents)]
    emitted = 0
    for index, incident in enumerate(ids):
        if emitted >= n:
            return
        yield IncidentDeclared(incident_id=incident, title=f"Incident {index}", place="Somewhere",
                               occurred_at=TimePoint.instant(START + timedelta(hours=index)))
        emitted += 1
    held_back: list[Event] = []
    report = 0
    clock = START
    while emitted < n:
        clock += timedelta(seconds=rng.randint(1, 120))
        incident = rng.choice(ids)
        source = rng.choice(SOURCES)
        revisions = 1 + (rng.randint(1, 3) if rng.random() < 0.2 else 0)
        for revision in range(revisions):
            event: Event = ReportPublished(
                report_id=f"report-{report:08d}", revision=revision, source=source,
                published_at=_published(rng, clock + timedelta(hours=revision)),
                claims=[_claim(rng, incident) for _ in range(rng.randint(3, 6))])
            if rng.random() < 0.1:
                held_back.append(event)  # a late arrival: appended after newer reports
            else:
                yield event
            emitted += 1
            if emitted >= n:
                break
        if emitted < n and rng.random() < 0.01:
            yield ReportRetracted(report_id=f"report-{report:08d}",
                                  at=TimePoint.instant(clock + timedelta(days=1)))
            emitted += 1
        if len(held_back) > 50:
            yield from held_back
            held_back.clear()
        report += 1
    yield from held_back
