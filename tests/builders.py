"""Small handmade events and a hand-driven clock for store tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from taji_events.events import IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.model import Attribution, Claim, Count, Evidence, Source, Speaker
from taji_events.timepoint import TimePoint

TAJI = "taji-2020-03-11"
OTHER = "k1-2019-12-27"
T0 = datetime(2020, 3, 12, 9, 0, tzinfo=UTC)


class ManualClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 1.0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def make_incident(incident_id: str = TAJI, title: str = "Rocket attack on Camp Taji") -> IncidentDeclared:
    return IncidentDeclared(
        incident_id=incident_id,
        title=title,
        place="Camp Taji, Iraq",
        occurred_at=TimePoint.parse("2020-03-11T19:35+03:00"),
        country="IQ",
        zone="Asia/Baghdad",
    )


def make_report(
    report_id: str,
    revision: int = 0,
    incident: str | None = TAJI,
    *,
    killed: int = 3,
    published: str = "2020-03-11T22:20Z",
    text: str | None = None,
) -> ReportPublished:
    """A report whose one claim says ``killed`` people died in ``incident``.

    ``incident=None`` gives a revision with no claims at all. When ``text`` is
    given it must contain "<killed> killed", which becomes the evidence.
    """
    quote = f"{killed} killed"
    claims = []
    if incident is not None:
        start = 0 if text is None else text.index(quote)
        claims.append(Claim(
            incident=incident,
            field="killed",
            value=Count.exact(killed, text=str(killed)),
            according_to=Speaker("CJTF-OIR", "official_on_record"),
            evidence=Evidence(start, start + len(quote), quote),
        ))
    return ReportPublished(
        report_id=report_id,
        revision=revision,
        source=Source("Reuters", "wire"),
        published_at=TimePoint.parse(published),
        claims=claims,
        text=text,
    )


def make_retraction(report_id: str, at: str = "2020-03-13") -> ReportRetracted:
    return ReportRetracted(report_id=report_id, at=TimePoint.parse(at), reason="wrong incident")


def make_rich_report() -> ReportPublished:
    """A report using every optional part: text, title, url, breakdown, vague
    count, attribution, hedge, as_of, note, a zoned publication time."""
    text = ("At least two Americans and one Briton were killed and about a dozen wounded. "
            "No group claimed responsibility.")

    def span(quote: str) -> Evidence:
        start = text.index(quote)
        return Evidence(start, start + len(quote), quote)

    officials = Speaker("two U.S. officials", "official_anonymous")
    return ReportPublished(
        report_id="drive-taji",
        revision=2,
        source=Source("The Drive", "news_outlet", zone="America/New_York"),
        published_at=TimePoint.parse("6:20pm EST", reference=date(2020, 3, 11)),
        title="Rockets hit Camp Taji",
        url="https://example.org/taji",
        text=text,
        claims=[
            Claim(incident=TAJI, field="killed",
                  value=Count.at_least(3, text="At least two Americans and one Briton",
                                       breakdown={"US": 2, "GB": 1}),
                  according_to=officials,
                  evidence=span("At least two Americans and one Briton were killed"),
                  hedge="confirmed", as_of=TimePoint.parse("2020-03-11T22:00Z")),
            Claim(incident=TAJI, field="wounded", value=Count.read("about a dozen"),
                  according_to=officials, evidence=span("about a dozen wounded"),
                  hedge="preliminary", note="early figure"),
            Claim(incident=TAJI, field="attribution",
                  value=Attribution(None, "no_claim", asserted_by="The Drive"),
                  according_to=Speaker("The Drive", "news_outlet"),
                  evidence=span("No group claimed responsibility")),
        ],
    )
