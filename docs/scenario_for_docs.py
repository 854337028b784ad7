"""A tiny store for the examples in docs/policies.md."""

from __future__ import annotations

from datetime import UTC, datetime

import taji_events as te
from taji_events.memory import MemoryStore


def _report(report_id: str, published: str, figure: str, speaker: str, kind: str) -> te.ReportPublished:
    text = f"{speaker} said {figure} rockets were fired."
    quote = f"{figure} rockets were fired"
    start = text.index(quote)
    claim = te.Claim(incident="attack-1", field="rockets_fired", value=te.Count.read(figure),
                     according_to=te.Speaker(speaker, kind),
                     evidence=te.Evidence(start, start + len(quote), quote))
    return te.ReportPublished(report_id=report_id, revision=0,
                              source=te.Source(f"{report_id} desk", "news_outlet"),
                              published_at=te.TimePoint.parse(published), claims=[claim], text=text)


def build_store() -> MemoryStore:
    store = MemoryStore(clock=lambda: datetime(2020, 3, 12, tzinfo=UTC))
    store.append([
        te.IncidentDeclared(incident_id="attack-1", title="Rocket attack", place="Base X",
                            occurred_at=te.TimePoint.parse("2020-03-11T16:30Z")),
        _report("outlet-a", "2020-03-11T18:00Z", "approximately 15", "The outlet", "news_outlet"),
        _report("wire-b", "2020-03-11T22:20Z", "18", "A U.S. official", "official_anonymous"),
        _report("outlet-c", "2020-03-12T12:00Z", "30", "The outlet", "news_outlet"),
    ])
    return store
