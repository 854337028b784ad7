"""Hypothesis strategies for property-testing code built on taji_events.

The library's own laws (DESIGN §5) are tested with these generators; use them
to test your own policies, importers and pipelines the same way::

    from hypothesis import given
    from taji_events import MemoryStore, believed_at
    from taji_events.testing import TickingClock, event_streams

    @given(event_streams())
    def test_my_pipeline(stream):
        store = MemoryStore(TickingClock())
        for event in stream:           # the stream is in append order
            store.append([event])
        ...

Every strategy is deterministic given Hypothesis's draws (no ``random``, no
set iteration), keeps sizes small by default so tests stay fast, and only
builds values that pass the library's own validation. Install the ``testing``
extra (``pip install taji_events[testing]``) to get Hypothesis.

Since 0.1.0.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from taji_events.events import Event, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.lexicon import about_interval
from taji_events.model import (
    HEDGES,
    KNOWN_FIELDS,
    QUALIFIERS,
    SOURCE_KINDS,
    SPEAKER_KINDS,
    STANCES,
    Attribution,
    Claim,
    ClaimValue,
    Count,
    Evidence,
    Source,
    Speaker,
)
from taji_events.timepoint import PRECISIONS, TimePoint

__all__ = [
    "ZONES",
    "TickingClock",
    "attributions",
    "aware_datetimes",
    "claims",
    "counts",
    "event_streams",
    "events",
    "incident_declarations",
    "incident_ids",
    "query_times",
    "report_revisions",
    "retractions",
    "sources",
    "speakers",
    "time_points",
]

#: The IANA zones generated times use: DST and non-DST, half-hour offsets, and
#: the two extremes (+14, -12) that bound a widened date.
ZONES: Final = (
    "UTC", "Asia/Baghdad", "America/New_York", "Europe/London", "Asia/Tehran",
    "Asia/Kabul", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12",
)

# Zone words of DEFAULT_ZONE_WORDS for the zones above, as journalists write them.
_ZONE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "UTC": ("UTC", "GMT"),
    "Asia/Baghdad": ("Baghdad time", "Iraq Time", "(Iraq Time)"),
    "America/New_York": ("EST", "ET", "Eastern time"),
    "Europe/London": ("London time",),
    "Asia/Tehran": ("Tehran time", "IRST"),
    "Asia/Kabul": ("Kabul time",),
    "America/Los_Angeles": ("PST", "PT"),
}

_MIN_LOCAL: Final = datetime(2019, 1, 1)
_MAX_LOCAL: Final = datetime(2021, 12, 31, 23, 59)

_INCIDENT_IDS: Final = (
    "taji-2020-03-11", "k1-2019-12-27", "ain-al-asad-2020-01-08", "baghdad-embassy-2020-01-05",
    "balad-2020-03-14",
)
_COUNTRIES: Final = ("US", "GB", "IQ", "IR", "AU", "CA", "PL")
_ACTORS: Final = (
    "Kataib Hezbollah", "Iran-backed militias", "Popular Mobilization Forces",
    "Usbat al-Thaireen", "Islamic State", "كتائب حزب الله",
)
_SPEAKER_NAMES: Final = (
    "two U.S. officials", "CJTF-OIR", "Iraqi military", "Security Media Cell",
    "a coalition spokesman", "the Pentagon", "a local police officer", "witnesses",
    "Ministère des Armées",
)
_SOURCE_NAMES: Final = (
    "Reuters", "AP", "The Drive", "VOA", "CJTF-OIR", "Al Sumaria", "Rudaw", "Kurdistan 24",
)
_EXTRA_FIELDS: Final = ("launcher_found", "rockets_intercepted")
#: The documented fields plus two open ones (fields are open to new names).
FIELDS: Final = (*KNOWN_FIELDS, *_EXTRA_FIELDS)
_FIELD_WORDS: Final = {
    "killed": "killed", "wounded": "wounded", "rockets_fired": "rockets fired",
    "rockets_impacted": "rockets struck the base", "launcher_found": "launchers found",
    "rockets_intercepted": "rockets intercepted",
}


class TickingClock:
    """A store clock for tests: returns ``start``, then ``start + step``, ... — one
    tick per call, so each append batch gets its own ``recorded_at``.

    >>> clock = TickingClock(datetime(2020, 3, 12, tzinfo=UTC))
    >>> clock().isoformat(), clock().isoformat()
    ('2020-03-12T00:00:00+00:00', '2020-03-12T00:00:01+00:00')

    Since 0.1.0.
    """

    def __init__(self, start: datetime = datetime(2020, 3, 12, 9, tzinfo=UTC),
                 step: timedelta = timedelta(seconds=1)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current


def aware_datetimes(
    min_value: datetime = _MIN_LOCAL,
    max_value: datetime = _MAX_LOCAL,
    *,
    zones: Sequence[str] = ZONES,
) -> st.SearchStrategy[datetime]:
    """Aware datetimes in one of ``zones`` whose *local* wall time lies between the
    naive ``min_value`` and ``max_value`` (default 2019-2021). Wall times skipped
    by a DST gap are never generated.

    Since 0.1.0.
    """
    return st.datetimes(min_value, max_value,
                        timezones=st.sampled_from([ZoneInfo(name) for name in zones]),
                        allow_imaginary=False)


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _clock_text(draw: st.DrawFn, local: datetime, *, with_minutes: bool = True) -> str:
    hour = local.hour % 12 or 12
    meridiem = draw(st.sampled_from(("pm", "p.m.", " p.m.", " PM") if local.hour >= 12
                                    else ("am", "a.m.", " a.m.", " AM")))
    minutes = f":{local.minute:02d}" if with_minutes else ""
    return f"{hour}{minutes}{meridiem}"


def _date_text(draw: st.DrawFn, day: date) -> str:
    month = day.strftime("%B")
    return draw(st.sampled_from((
        day.isoformat(), f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}",
    )))


@st.composite
def _instants(draw: st.DrawFn) -> TimePoint:
    return TimePoint.instant(draw(aware_datetimes()))


@st.composite
def _iso_clock_points(draw: st.DrawFn, precision: str) -> TimePoint:
    local = draw(aware_datetimes()).replace(microsecond=0)
    text = f"{local:%Y-%m-%dT%H:%M}" + (f":{local:%S}" if precision == "second" else "")
    zone = local.tzinfo
    assert isinstance(zone, ZoneInfo)
    if draw(st.booleans()):
        return TimePoint.parse(text + _offset_text(local))
    return TimePoint.parse(text, zone=zone.key)


@st.composite
def _spoken_clock_points(draw: st.DrawFn, precision: str) -> TimePoint:
    zone = draw(st.sampled_from(sorted(_ZONE_WORDS)))
    local = draw(aware_datetimes(zones=(zone,)))
    word = draw(st.sampled_from(_ZONE_WORDS[zone]))
    clock = _clock_text(draw, local, with_minutes=precision == "minute")
    if draw(st.booleans()):
        return TimePoint.parse(f"{clock} {word}", reference=local.date())
    return TimePoint.parse(f"{_date_text(draw, local.date())} {clock} {word}")


@st.composite
def _calendar_points(draw: st.DrawFn, precision: str) -> TimePoint:
    day = draw(st.dates(_MIN_LOCAL.date(), _MAX_LOCAL.date()))
    if precision == "day":
        text = _date_text(draw, day)
    elif precision == "month":
        text = draw(st.sampled_from((f"{day:%Y-%m}", f"{day:%B %Y}")))
    else:
        text = str(day.year)
    zone = draw(st.none() | st.sampled_from(ZONES))
    return TimePoint.parse(text, zone=zone)


@st.composite
def _intervals(draw: st.DrawFn) -> TimePoint:
    start = draw(_instants() | _calendar_points("day"))
    length = draw(st.timedeltas(timedelta(0), timedelta(days=3)))
    if draw(st.booleans()):
        return TimePoint.between(start.lower, start.upper + length)
    end = (start.upper + length).date()
    if end < start.lower.date():  # a widened day starts on the day before
        end = start.lower.date()
    text = f"{start.text}/{end.isoformat()}" if start.text[:4].isdigit() else \
        f"{start.lower.date().isoformat()}/{end.isoformat()}"
    return TimePoint.parse(text)


def time_points(precisions: Collection[str] = PRECISIONS) -> st.SearchStrategy[TimePoint]:
    """Time points of the given precisions (default: all of them).

    ``instant`` (from aware datetimes); ``second``/``minute`` (ISO 8601 with an
    offset or a declared IANA zone, or "6:20pm EST" / "7:35 p.m. (Iraq Time)"
    with a reference date); ``hour`` ("7 p.m. Baghdad time"); ``day``,
    ``month`` and ``year`` (ISO or "March 11, 2020", in a declared zone or
    widened to cover every zone); ``interval`` (explicit ``between`` windows
    and "A/B" texts). Zones come from :data:`ZONES`; local times 2019-2021.

    Since 0.1.0.
    """
    unknown = set(precisions) - set(PRECISIONS)
    if unknown or not precisions:
        raise ValueError(f"precisions must be a non-empty subset of {PRECISIONS}, "
                         f"got {sorted(precisions)!r}")
    makers: dict[str, st.SearchStrategy[TimePoint]] = {
        "year": _calendar_points("year"),
        "month": _calendar_points("month"),
        "day": _calendar_points("day"),
        "hour": _spoken_clock_points("hour"),
        "minute": _iso_clock_points("minute") | _spoken_clock_points("minute"),
        "second": _iso_clock_points("second"),
        "instant": _instants(),
        "interval": _intervals(),
    }
    return st.one_of([makers[name] for name in PRECISIONS if name in precisions])


@st.composite
def counts(draw: st.DrawFn, *, qualifiers: Collection[str] = QUALIFIERS, max_value: int = 60,
           breakdown: bool | None = None) -> Count:
    """Valid :class:`Count` values of every qualifier in ``qualifiers``.

    Bounds follow the lexicon's readings ("about N" is N ± 10 %, "more than N"
    is N+1..open, "fewer than N" is 0..N-1, ...); stated figures are at most
    ``max_value``. ``breakdown``: True always adds a breakdown by ISO 3166
    country code (never more than the count allows), False never, None
    sometimes.

    Since 0.1.0.
    """
    qualifier = draw(st.sampled_from(sorted(qualifiers)))
    number = draw(st.integers(1 if qualifier == "fewer_than" else 0, max_value))
    low: int
    high: int | None
    if qualifier == "exact":
        low, high, text, entry = number, number, str(number), None
    elif qualifier == "none":
        number, low, high, text, entry = 0, 0, 0, draw(st.sampled_from(("no", "none", "zero"))), \
            "no"
    elif qualifier == "at_least":
        low, high, text, entry = number, None, f"at least {number}", "at least N"
    elif qualifier == "more_than":
        low, high, text, entry = number + 1, None, f"more than {number}", "more than N"
    elif qualifier == "about":
        low, high = about_interval(number)
        text, entry = f"about {number}", "about N"
    elif qualifier == "up_to":
        low, high, text, entry = 0, number, f"up to {number}", "up to N"
    else:
        low, high, text, entry = 0, number - 1, f"fewer than {number}", "fewer than N"
    groups: dict[str, int] = {}
    room = high if high is not None else number
    if room > 0 and (breakdown or (breakdown is None and draw(st.booleans()))):
        keys = draw(st.lists(st.sampled_from(_COUNTRIES), min_size=1, max_size=3, unique=True))
        for key in keys:
            groups[key] = draw(st.integers(0, room - sum(groups.values())))
    return Count(low=low, high=high, qualifier=qualifier, stated=number, text=text,
                 breakdown=groups, lexicon=entry)


@st.composite
def attributions(draw: st.DrawFn, *, stances: Collection[str] = STANCES) -> Attribution:
    """Valid :class:`Attribution` values: an actor for every stance but
    ``no_claim`` (which has none), and sometimes who asserts it.

    Since 0.1.0.
    """
    stance = draw(st.sampled_from(sorted(stances)))
    actor = None if stance == "no_claim" else draw(st.sampled_from(_ACTORS))
    asserted_by = draw(st.just("") | st.sampled_from(_SPEAKER_NAMES))
    return Attribution(actor=actor, stance=stance, asserted_by=asserted_by)


def speakers() -> st.SearchStrategy[Speaker]:
    """Who says a claim: a name ("two U.S. officials", "CJTF-OIR", ...) and any
    speaker kind. Since 0.1.0."""
    return st.builds(Speaker, name=st.sampled_from(_SPEAKER_NAMES),
                     kind=st.sampled_from(SPEAKER_KINDS))


def sources() -> st.SearchStrategy[Source]:
    """Publishers of reports: a name, any source kind and sometimes a home zone.
    Since 0.1.0."""
    return st.builds(Source, name=st.sampled_from(_SOURCE_NAMES),
                     kind=st.sampled_from(SOURCE_KINDS),
                     zone=st.none() | st.sampled_from(ZONES))


def incident_ids() -> st.SearchStrategy[str]:
    """Incident ids such as ``taji-2020-03-11``. Since 0.1.0."""
    return st.sampled_from(_INCIDENT_IDS)


def _phrase(field: str, value: ClaimValue) -> str:
    if isinstance(value, Attribution):
        if value.actor is None:
            return "No group claimed responsibility"
        return f"{value.actor} {value.stance} responsibility"
    return f"{value.text} {_FIELD_WORDS.get(field, field.replace('_', ' '))}"


@st.composite
def _claim_without_span(draw: st.DrawFn, incident: str, fields: Sequence[str]) -> Claim:
    field = draw(st.sampled_from(fields))
    value: ClaimValue
    if field == "attribution":
        value = draw(attributions())
    else:
        value = draw(counts())
    quote = _phrase(field, value)
    return Claim(
        incident=incident, field=field, value=value, according_to=draw(speakers()),
        evidence=Evidence(0, len(quote), quote), hedge=draw(st.sampled_from(HEDGES)),
        as_of=draw(st.none() | time_points(("minute", "day"))),
        note=draw(st.sampled_from(("", "figure later revised", "unconfirmed"))),
    )


@st.composite
def claims(draw: st.DrawFn, *, incident: str | None = None, text: str | None = None,
           fields: Sequence[str] = FIELDS) -> Claim:
    """Valid claims about ``incident`` (drawn when None) on one of ``fields``.

    Attribution fields get an :func:`attributions` value, the others a
    :func:`counts` value. When ``text`` is given the evidence is a span of it
    (``text[start:end] == quote``), so the claim fits a report with that text;
    otherwise the quote is a phrase stating the value.

    Since 0.1.0.
    """
    chosen = incident if incident is not None else draw(incident_ids())
    claim = draw(_claim_without_span(chosen, fields))
    if text is None:
        start = draw(st.integers(0, 400))
        quote = claim.evidence.quote
        return attrs.evolve(claim, evidence=Evidence(start, start + len(quote), quote))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return attrs.evolve(claim, evidence=Evidence(start, end, text[start:end]))


def _place_quotes(header: str, drafts: Sequence[Claim]) -> tuple[str, tuple[Claim, ...]]:
    """A report text made of ``header`` and each claim's quote as a sentence,
    and the claims with evidence pointing at their sentence."""
    text = header
    placed = []
    for claim in drafts:
        if text:
            text += " "
        quote = claim.evidence.quote
        placed.append(attrs.evolve(claim, evidence=Evidence(len(text), len(text) + len(quote),
                                                            quote)))
        text += quote + "."
    return text, tuple(placed)


@st.composite
def report_revisions(
    draw: st.DrawFn,
    *,
    report_id: str | None = None,
    revision: int | None = None,
    incidents: Sequence[str] | None = None,
    published_at: TimePoint | None = None,
    with_text: bool | None = None,
    max_claims: int = 4,
) -> ReportPublished:
    """One :class:`ReportPublished` revision with up to ``max_claims`` claims about
    ``incidents`` (drawn when None). With a text (always when ``with_text`` is
    True, sometimes when None) every claim's evidence points into it.

    Since 0.1.0.
    """
    about = list(incidents) if incidents is not None else \
        draw(st.lists(incident_ids(), min_size=1, max_size=2, unique=True))
    drafts = draw(st.lists(st.sampled_from(about).flatmap(lambda i: _claim_without_span(i, FIELDS)),
                           max_size=max_claims))
    header = draw(st.sampled_from(("", "UPDATE:", "BAGHDAD (Reuters) -")))
    text, placed = _place_quotes(header, drafts)
    keep_text = with_text if with_text is not None else draw(st.booleans())
    source = draw(sources())
    return ReportPublished(
        report_id=report_id or draw(st.sampled_from(_SOURCE_NAMES)).lower().replace(" ", "-")
        + f"-{draw(st.integers(1, 99))}",
        revision=revision if revision is not None else draw(st.integers(0, 5)),
        source=source,
        published_at=published_at or draw(time_points()),
        claims=placed,
        title=draw(st.sampled_from(("", "Rockets hit base", "Update on attack"))),
        url=draw(st.none() | st.just("https://example.org/report")),
        text=text if keep_text else None,
    )


@st.composite
def retractions(draw: st.DrawFn, *, report_id: str | None = None,
                at: TimePoint | None = None) -> ReportRetracted:
    """A :class:`ReportRetracted` for ``report_id`` (drawn when None) at ``at``
    (any time point when None). Since 0.1.0."""
    return ReportRetracted(
        report_id=report_id or draw(st.sampled_from(_SOURCE_NAMES)).lower().replace(" ", "-")
        + f"-{draw(st.integers(1, 99))}",
        at=at or draw(time_points()),
        reason=draw(st.sampled_from(("", "wrong incident", "figures could not be verified"))),
    )


@st.composite
def incident_declarations(draw: st.DrawFn, *, incident_id: str | None = None) -> IncidentDeclared:
    """An :class:`IncidentDeclared` with any occurrence time point. Since 0.1.0."""
    zone = draw(st.none() | st.sampled_from(ZONES))
    return IncidentDeclared(
        incident_id=incident_id or draw(incident_ids()),
        title=draw(st.sampled_from(("Rocket attack", "Attack on base", "Hujum sarukhi"))),
        place=draw(st.sampled_from(("Camp Taji, Iraq", "Baghdad", "Al Asad Airbase"))),
        occurred_at=draw(time_points(("minute", "hour", "day", "instant", "interval"))),
        country=draw(st.none() | st.sampled_from(_COUNTRIES)),
        zone=zone,
        description=draw(st.sampled_from(("", "Rockets struck the base at night."))),
    )


def events() -> st.SearchStrategy[Event]:
    """Any single event: declaration, report revision or retraction. Since 0.1.0."""
    return st.one_of(incident_declarations(), report_revisions(), retractions())


@st.composite
def _published(draw: st.DrawFn, moment: datetime, zone: str | None, *,
               date_only: bool) -> TimePoint:
    """A time point drawn around the UTC ``moment``, as a source in ``zone`` writes it."""
    local_zone = zone or draw(st.sampled_from(ZONES))
    local = moment.astimezone(ZoneInfo(local_zone))
    if date_only:
        return TimePoint.parse(_date_text(draw, local.date()), zone=zone)
    style = draw(st.sampled_from(("instant", "offset", "declared", "spoken")))
    if style == "spoken" and local_zone in _ZONE_WORDS:
        word = draw(st.sampled_from(_ZONE_WORDS[local_zone]))
        return TimePoint.parse(f"{_clock_text(draw, local)} {word}", reference=local.date())
    if style == "declared":
        return TimePoint.parse(f"{local:%Y-%m-%d %H:%M}", zone=local_zone)
    if style == "offset":
        return TimePoint.parse(f"{local:%Y-%m-%dT%H:%M}{_offset_text(local)}")
    return TimePoint.instant(moment)


def _time_of(event: Event) -> TimePoint:
    if isinstance(event, IncidentDeclared):
        return event.occurred_at
    if isinstance(event, ReportPublished):
        return event.published_at
    return event.at


@st.composite
def event_streams(
    draw: st.DrawFn,
    *,
    max_incidents: int = 2,
    max_reports: int = 4,
    max_revisions: int = 3,
    late_arrivals: bool = True,
    retracted: bool = True,
) -> list[Event]:
    """A realistic log about a few incidents, as a list in *append order*.

    Holds a declaration per incident and up to ``max_reports`` reports, each
    with 1..``max_revisions`` revisions. Revision n+1 is drawn at or after the
    instant of revision n; each revision repeats some claims of the previous
    one (same quote, offsets moved by an update header) and adds new ones, as
    a changing article does; some reports name two incidents, some first
    revisions are date-only (in the source's zone, or widened). Some reports
    are retracted (``retracted``). Events are appended in publication order
    except for some late arrivals moved to the end (``late_arrivals``).

    Since 0.1.0.
    """
    incidents = draw(st.lists(incident_ids(), min_size=1, max_size=max_incidents, unique=True))
    day = draw(st.dates(_MIN_LOCAL.date(), _MAX_LOCAL.date() - timedelta(days=4)))
    occurred = datetime.combine(day, time(draw(st.integers(0, 23)), 5 * draw(st.integers(0, 11))),
                                UTC)
    produced: list[Event] = []
    for incident in incidents:
        zone = draw(st.none() | st.sampled_from(ZONES))
        produced.append(IncidentDeclared(
            incident_id=incident, title=f"Attack {incident}", place="Iraq", zone=zone,
            occurred_at=draw(_published(occurred, zone, date_only=draw(st.booleans())))))
    for number in range(draw(st.integers(1, max_reports))):
        source = draw(sources())
        report_id = f"{source.name.lower().replace(' ', '-')}-{number}"
        about = draw(st.lists(st.sampled_from(incidents), min_size=1, max_size=2, unique=True))
        moment = occurred + timedelta(minutes=draw(st.integers(0, 36 * 60)))
        first_revision = draw(st.integers(0, 1))
        previous: list[Claim] = []
        for offset in range(draw(st.integers(1, max_revisions))):
            if offset:
                moment += timedelta(minutes=draw(st.integers(0, 8 * 60)))
            kept = [claim for claim in previous if draw(st.booleans())]
            new = draw(st.lists(
                st.sampled_from(about).flatmap(lambda i: _claim_without_span(i, FIELDS)),
                min_size=0 if offset else 1, max_size=2))
            header = f"UPDATE {offset}:" if offset else ""
            text, placed = _place_quotes(header, kept + new)
            previous = kept + new
            produced.append(ReportPublished(
                report_id=report_id, revision=first_revision + offset, source=source,
                published_at=draw(_published(moment, source.zone,
                                             date_only=offset == 0 and draw(st.booleans()))),
                claims=placed, title=f"Report {number}",
                text=text if draw(st.booleans()) else None,
            ))
        if retracted and draw(st.integers(0, 3)) == 0:
            later = moment + timedelta(minutes=draw(st.integers(0, 24 * 60)))
            produced.append(ReportRetracted(
                report_id=report_id, reason="could not be verified",
                at=draw(_published(later, source.zone, date_only=draw(st.booleans())))))
    kinds = {IncidentDeclared: 0, ReportPublished: 1, ReportRetracted: 2}
    produced.sort(key=lambda e: (_time_of(e).lower, _time_of(e).upper, kinds[type(e)],
                                 e.identity))
    if not late_arrivals:
        return produced
    late = draw(st.lists(st.integers(0, len(produced) - 1), unique=True,
                         max_size=max(1, len(produced) // 3)))
    return [e for i, e in enumerate(produced) if i not in late] + [produced[i] for i in late]


def query_times(events: Sequence[Event]) -> st.SearchStrategy[datetime]:
    """UTC instants to ask "believed at T" about ``events``: the edges of every
    publication, retraction and occurrence window (start, end, one second
    before the end, middle), a day before and after all of them, and any
    instant in between. Since 0.1.0."""
    points = [_time_of(event) for event in events]
    if not points:
        return aware_datetimes().map(lambda moment: moment.astimezone(UTC))
    edges = {edge for point in points for edge in (
        point.lower, point.upper, point.upper - timedelta(seconds=1), point.midpoint)}
    first, last = min(edges) - timedelta(days=1), max(edges) + timedelta(days=1)
    between = st.datetimes(first.replace(tzinfo=None), last.replace(tzinfo=None)).map(
        lambda moment: moment.replace(tzinfo=UTC))
    return st.sampled_from(sorted(edges | {first, last})) | between
