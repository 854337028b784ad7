"""A compact way to write report revisions for policy and replay tests.

``said("killed", "three", by="CJTF-OIR", kind="official_on_record", hedge="confirmed")``
describes one claim; :func:`report` joins the quotes into the revision's text, so
every evidence span is real.
"""

from __future__ import annotations

from datetime import date

import attrs

from taji_events.events import IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.model import Attribution, Claim, Count, Evidence, Source, Speaker
from taji_events.timepoint import TimePoint

INCIDENT = "attack-1"
OUTLET = Source("Outlet", "news_outlet")


@attrs.frozen
class Said:
    field: str
    value: Count | Attribution
    by: str
    kind: str
    hedge: str
    incident: str


def said(field: str, value: str | Count | Attribution, *, by: str = "Outlet",
         kind: str = "news_outlet", hedge: str = "reported", incident: str = INCIDENT) -> Said:
    if isinstance(value, str):
        value = Count.read(value)
    return Said(field, value, by, kind, hedge, incident)


def when(text: str, day: date = date(2020, 3, 11)) -> TimePoint:
    return TimePoint.parse(text, reference=day)


def report(report_id: str, revision: int, published: str | TimePoint, *claims: Said,
           source: Source = OUTLET) -> ReportPublished:
    parts: list[str] = []
    built: list[Claim] = []
    offset = 0
    for item in claims:
        quote = f"{item.by} says {item.field} {_words(item.value)}."
        built.append(Claim(incident=item.incident, field=item.field, value=item.value,
                           according_to=Speaker(item.by, item.kind), hedge=item.hedge,
                           evidence=Evidence(offset, offset + len(quote), quote)))
        parts.append(quote)
        offset += len(quote) + 1
    point = published if isinstance(published, TimePoint) else when(published)
    return ReportPublished(report_id=report_id, revision=revision, source=source,
                           published_at=point, claims=built, text=" ".join(parts))


def retract(report_id: str, at: str) -> ReportRetracted:
    return ReportRetracted(report_id=report_id, at=when(at), reason="retracted by publisher")


def declare(incident: str = INCIDENT) -> IncidentDeclared:
    return IncidentDeclared(incident_id=incident, title="Rocket attack", place="Base, Country",
                            occurred_at=when("2020-03-11T16:30Z"), country="IQ",
                            zone="Asia/Baghdad")


def _words(value: Count | Attribution) -> str:
    if isinstance(value, Count):
        return value.text or str(value.best)
    return f"{value.actor or 'nobody'} {value.stance}"
