"""Hypothesis strategies for every value a user of taji_events builds.

The library's own laws (docs/laws.md) are tested with these generators; use them to
test your own policies, stores and pipelines the same way::

    @given(event_streams())
    def test_my_pipeline(stream):
        store = MemoryStore(TickingClock())
        for event in stream:  # already in append order
            store.append([event])

Every strategy is deterministic given Hypothesis's draws, keeps sizes small by
default, and builds only values that pass the library's validation. Importing
this module registers them with :func:`hypothesis.strategies.register_type_strategy`,
so ``st.from_type(Claim)``, ``st.from_type(ReportPublished)`` and
``st.builds(...)`` of anything holding them draw the same values. Needs the
``testing`` extra (``pip install taji_events[testing]``), never pytest.

Since 0.1.0 (type registration, relayed and recalled claims and
:func:`realistic_articles` since 0.3.0).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from taji_events.errors import InvalidEventError
from taji_events.events import (
    AMENDABLE,
    Event,
    IncidentAmended,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
)
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
    "FIELDS", "ZONES", "attributions", "aware_datetimes", "claims", "counts",
    "event_streams", "events", "incident_amendments", "incident_declarations", "incident_ids", "query_times",
    "report_revisions", "retractions", "sources", "speakers", "time_points",
]

#: IANA zones of generated times: with and without DST, half-hour offsets, and
#: the extremes (+14, -12) that bound a widened date.
ZONES: Final = ("UTC", "Asia/Baghdad", "America/New_York", "Europe/London", "Asia/Tehran",
                "Asia/Kabul", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12")
#: The documented fields plus two open ones: fields are open to new names.
FIELDS: Final = (*KNOWN_FIELDS, "launcher_found", "rockets_intercepted")

# Zone words of DEFAULT_ZONE_WORDS as journalists write them.
_ZONE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "UTC": ("UTC", "GMT"), "Asia/Baghdad": ("Baghdad time", "Iraq Time", "(Iraq Time)"),
    "America/New_York": ("EST", "ET", "Eastern time"), "Europe/London": ("London time",),
    "Asia/Tehran": ("Tehran time", "IRST"), "Asia/Kabul": ("Kabul time",),
    "America/Los_Angeles": ("PST", "PT"),
}
_MIN_LOCAL: Final = datetime(2019, 1, 1)
_MAX_LOCAL: Final = datetime(2021, 12, 31, 23, 59)
_INCIDENT_IDS: Final = ("base-attack-2021-05-02", "convoy-ambush-2019-11-30",
                        "market-bombing-2022-01-15", "drone-strike-2020-07-09",
                        "checkpoint-raid-2018-04-21")
_COUNTRIES: Final = ("US", "GB", "IQ", "IR", "AU", "CA", "PL")
_ACTORS: Final = ("Kataib Hezbollah", "Iran-backed militias", "Popular Mobilization Forces",
                  "Usbat al-Thaireen", "Islamic State", "كتائب حزب الله")
_SPEAKER_NAMES: Final = ("two U.S. officials", "CJTF-OIR", "Iraqi military",
                         "Security Media Cell", "a coalition spokesman", "the Pentagon",
                         "witnesses", "Ministère des Armées")
_SOURCE_NAMES: Final = ("Reuters", "AP", "The Drive", "VOA", "CJTF-OIR", "Al Sumaria", "Rudaw")
_FIELD_WORDS: Final = {"rockets_fired": "rockets fired", "rockets_impacted": "rockets struck"}


def aware_datetimes(min_value: datetime = _MIN_LOCAL, max_value: datetime = _MAX_LOCAL, *,
                    zones: Sequence[str] = ZONES) -> st.SearchStrategy[datetime]:
    """Aware datetimes in one of ``zones`` whose local wall time lies between the
    naive ``min_value`` and ``max_value`` (default 2019-2021). Wall times skipped
    by a DST gap are never generated; repeated ones are, with either fold.

    Since 0.1.0.
    """
    return st.datetimes(min_value, max_value, allow_imaginary=False,
                        timezones=st.sampled_from([ZoneInfo(name) for name in zones]))


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _clock_text(draw: st.DrawFn, local: datetime, *, minutes: bool = True) -> str:
    meridiem = draw(st.sampled_from(("pm", "p.m.", " p.m.", " PM") if local.hour >= 12
                                    else ("am", "a.m.", " a.m.", " AM")))
    return f"{local.hour % 12 or 12}{f':{local:%M}' if minutes else ''}{meridiem}"


def _date_text(draw: st.DrawFn, day: date) -> str:
    return draw(st.sampled_from((day.isoformat(), f"{day:%B} {day.day}, {day.year}",
                                 f"{day.day} {day:%B %Y}")))


def _wall_clock(draw: st.DrawFn, local: datetime, precision: str = "minute") -> TimePoint:
    """``local`` (aware, in a ZoneInfo zone) as sources write it: ISO 8601 with its
    offset or in a declared zone, or spoken with a zone word ("6:20pm EST")."""
    assert isinstance(local.tzinfo, ZoneInfo)
    zone = local.tzinfo.key
    spoken = precision == "hour" or (precision == "minute" and zone in _ZONE_WORDS
                                     and draw(st.booleans()))
    if spoken:
        clock = f"{_clock_text(draw, local, minutes=precision == 'minute')} " \
                f"{draw(st.sampled_from(_ZONE_WORDS[zone]))}"
        if draw(st.booleans()):
            return TimePoint.parse(clock, reference=local.date())
        return TimePoint.parse(f"{_date_text(draw, local.date())} {clock}")
    text = f"{local:%Y-%m-%dT%H:%M}" + (f":{local:%S}" if precision == "second" else "")
    if draw(st.booleans()):
        return TimePoint.parse(text + _offset_text(local))
    return TimePoint.parse(text, zone=zone)


@st.composite
def _clock_points(draw: st.DrawFn, precision: str) -> TimePoint:
    zone = draw(st.sampled_from(sorted(_ZONE_WORDS) if precision == "hour" else ZONES))
    return _wall_clock(draw, draw(aware_datetimes(zones=(zone,))), precision)


@st.composite
def _calendar_points(draw: st.DrawFn, precision: str) -> TimePoint:
    """Dates, months and years in a declared zone, or widened to every zone."""
    day = draw(st.dates(_MIN_LOCAL.date(), _MAX_LOCAL.date()))
    text = {"day": _date_text(draw, day), "year": str(day.year),
            "month": draw(st.sampled_from((f"{day:%Y-%m}", f"{day:%B %Y}")))}[precision]
    return TimePoint.parse(text, zone=draw(st.none() | st.sampled_from(ZONES)))


@st.composite
def _intervals(draw: st.DrawFn) -> TimePoint:
    start = draw(aware_datetimes())
    end = start + draw(st.timedeltas(timedelta(0), timedelta(days=3)))
    if draw(st.booleans()):
        return TimePoint.between(start, end)
    return TimePoint.parse(f"{start.date().isoformat()}/{end.date().isoformat()}")


def time_points(precisions: Collection[str] = PRECISIONS) -> st.SearchStrategy[TimePoint]:
    """Time points of the given precisions (default: all of them).

    ``instant`` (aware datetimes); ``second``/``minute`` (ISO 8601 with an offset
    or a declared IANA zone, or "6:20pm EST" / "7:35 p.m. (Iraq Time)" with a
    reference date); ``hour`` ("7 p.m. Baghdad time"); ``day``, ``month`` and
    ``year`` (ISO or "March 11, 2020", in a declared zone or widened to cover
    every zone); ``interval`` (``between`` windows and "A/B" date texts).
    Zones come from :data:`ZONES`; local times lie in 2019-2021. Raises
    :class:`ValueError` for an unknown precision.

    Since 0.1.0.
    """
    if not precisions or set(precisions) - set(PRECISIONS):
        raise ValueError(f"precisions must be a non-empty subset of {PRECISIONS}, "
                         f"got {sorted(precisions)!r}")
    makers: dict[str, st.SearchStrategy[TimePoint]] = {
        "instant": aware_datetimes().map(TimePoint.instant), "interval": _intervals(),
        **{name: _calendar_points(name) for name in ("year", "month", "day")},
        **{name: _clock_points(name) for name in ("hour", "minute", "second")},
    }
    return st.one_of([makers[name] for name in PRECISIONS if name in precisions])


@st.composite
def counts(draw: st.DrawFn, *, qualifiers: Collection[str] = QUALIFIERS, max_value: int = 60,
           breakdown: bool | None = None) -> Count:
    """Valid :class:`Count` values of every qualifier in ``qualifiers``, with
    stated figures up to ``max_value`` and the lexicon's bounds ("about N" is
    N ± 10 %, "more than N" is N+1..open, "fewer than N" is 0..N-1, ...).
    ``breakdown``: True always adds one by ISO 3166 country code (never more
    than the count allows), False never, None sometimes.

    Since 0.1.0.
    """
    qualifier = draw(st.sampled_from(sorted(qualifiers)))
    stated = 0 if qualifier == "none" else draw(
        st.integers(1 if qualifier == "fewer_than" else 0, max_value))
    low, high = {
        "exact": (stated, stated), "none": (0, 0), "at_least": (stated, None),
        "more_than": (stated + 1, None), "about": about_interval(stated),
        "up_to": (0, stated), "fewer_than": (0, stated - 1),
    }[qualifier]
    entry: str | None = None if qualifier == "exact" else qualifier.replace("_", " ") + " N"
    text = str(stated) if entry is None else entry.replace("N", str(stated))
    if qualifier == "none":
        text = entry = draw(st.sampled_from(("no", "none", "zero")))
    groups: dict[str, int] = {}
    room = high if high is not None else stated
    if room > 0 and (breakdown or (breakdown is None and draw(st.booleans()))):
        for key in draw(st.lists(st.sampled_from(_COUNTRIES), min_size=1, max_size=3,
                                 unique=True)):
            groups[key] = draw(st.integers(0, room - sum(groups.values())))
    return Count(low=low, high=high, qualifier=qualifier, stated=stated, text=text,
                 breakdown=groups, lexicon=entry)


@st.composite
def attributions(draw: st.DrawFn, *, stances: Collection[str] = STANCES) -> Attribution:
    """Valid :class:`Attribution` values: an actor for every stance but ``no_claim``
    (which has none), and sometimes who asserts it. Since 0.1.0."""
    stance = draw(st.sampled_from(sorted(stances)))
    return Attribution(actor=None if stance == "no_claim" else draw(st.sampled_from(_ACTORS)),
                       stance=stance, asserted_by=draw(st.just("") | st.sampled_from(
                           _SPEAKER_NAMES)))


def speakers() -> st.SearchStrategy[Speaker]:
    """Who says a claim: a name ("two U.S. officials", "CJTF-OIR", ...) and any
    speaker kind. Since 0.1.0."""
    return st.builds(Speaker, name=st.sampled_from(_SPEAKER_NAMES),
                     kind=st.sampled_from(SPEAKER_KINDS))


def sources() -> st.SearchStrategy[Source]:
    """Publishers: a name, any source kind and sometimes a home zone. Since 0.1.0."""
    return st.builds(Source, name=st.sampled_from(_SOURCE_NAMES),
                     kind=st.sampled_from(SOURCE_KINDS), zone=st.none() | st.sampled_from(ZONES))


def incident_ids() -> st.SearchStrategy[str]:
    """Incident ids such as ``base-attack-2021-05-02``. Since 0.1.0."""
    return st.sampled_from(_INCIDENT_IDS)


# Built once: making strategy objects inside every draw is what makes generation slow.
_COUNTS: Final = counts()
_ATTRIBUTIONS: Final = attributions()
_SPEAKERS: Final = speakers()
_SOURCES: Final = sources()
_AS_OF: Final = st.none() | time_points(("minute", "day"))


def _draft_claim(draw: st.DrawFn, incident: str, fields: Sequence[str] = FIELDS) -> Claim:
    """A claim whose quote states its value, at offset 0 until placed in a text."""
    field = draw(st.sampled_from(fields))
    value: ClaimValue = draw(_ATTRIBUTIONS) if field == "attribution" else draw(_COUNTS)
    if isinstance(value, Attribution):
        quote = f"{value.actor or 'No group'} {value.stance} responsibility"
    else:
        quote = f"{value.text} {_FIELD_WORDS.get(field, field.replace('_', ' '))}"
    return Claim(incident=incident, field=field, value=value, according_to=draw(_SPEAKERS),
                 evidence=Evidence(0, len(quote), quote), hedge=draw(st.sampled_from(HEDGES)),
                 as_of=draw(_AS_OF), note=draw(st.sampled_from(("", "unconfirmed"))))


def _draft_claims(draw: st.DrawFn, about: Sequence[str], min_size: int,
                  max_size: int) -> list[Claim]:
    size = draw(st.integers(min_size, max_size))
    return [_draft_claim(draw, draw(st.sampled_from(about))) for _ in range(size)]


@st.composite
def claims(draw: st.DrawFn, *, incident: str | None = None, text: str | None = None,
           fields: Sequence[str] = FIELDS) -> Claim:
    """Valid claims about ``incident`` (drawn when None) on one of ``fields``:
    attribution fields get :func:`attributions`, the others :func:`counts`.
    When ``text`` is given the evidence is a span of it
    (``text[start:end] == quote``), so the claim fits a report with that text.

    Since 0.1.0.
    """
    claim = _draft_claim(draw, incident if incident is not None else draw(incident_ids()),
                         fields)
    if text is None:
        start, quote = draw(st.integers(0, 400)), claim.label
        return attrs.evolve(claim, evidence=Evidence(start, start + len(quote), quote))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return attrs.evolve(claim, evidence=Evidence(start, end, text[start:end]))


def _place_quotes(header: str, drafts: Sequence[Claim]) -> tuple[str, tuple[Claim, ...]]:
    """A text of ``header`` and each claim's quote as a sentence, and the claims with
    evidence pointing at their sentence."""
    text, placed = header, []
    for claim in drafts:
        text += " " if text else ""
        quote = claim.label
        placed.append(attrs.evolve(claim, evidence=Evidence(len(text), len(text) + len(quote),
                                                            quote)))
        text += quote + "."
    return text, tuple(placed)


def _report_id(draw: st.DrawFn) -> str:
    return f"{draw(st.sampled_from(_SOURCE_NAMES)).lower()}-{draw(st.integers(1, 99))}"


@st.composite
def report_revisions(draw: st.DrawFn, *, report_id: str | None = None,
                     revision: int | None = None, incidents: Sequence[str] | None = None,
                     published_at: TimePoint | None = None, with_text: bool | None = None,
                     max_claims: int = 4) -> ReportPublished:
    """One :class:`ReportPublished` with up to ``max_claims`` claims about
    ``incidents``; anything not given is drawn. With a text (always when
    ``with_text``, sometimes when None) every evidence span points into it.

    Since 0.1.0.
    """
    about = list(incidents) if incidents is not None else \
        draw(st.lists(incident_ids(), min_size=1, max_size=2, unique=True))
    header = draw(st.sampled_from(("", "UPDATE:", "BAGHDAD (Reuters) -")))
    text, placed = _place_quotes(header, _draft_claims(draw, about, 0, max_claims))
    keep_text = with_text if with_text is not None else draw(st.booleans())
    return ReportPublished(
        report_id=report_id or _report_id(draw),
        revision=revision if revision is not None else draw(st.integers(0, 5)),
        source=draw(_SOURCES), published_at=published_at or draw(time_points()),
        claims=placed, title=draw(st.sampled_from(("", "Rockets hit base"))),
        url=draw(st.none() | st.just("https://example.org/report")),
        text=text if keep_text else None)


@st.composite
def retractions(draw: st.DrawFn, *, report_id: str | None = None,
                at: TimePoint | None = None) -> ReportRetracted:
    """A :class:`ReportRetracted` of ``report_id`` at ``at`` (drawn when None).
    Since 0.1.0."""
    return ReportRetracted(report_id=report_id or _report_id(draw),
                           at=at or draw(time_points()),
                           reason=draw(st.sampled_from(("", "wrong incident"))))


@st.composite
def incident_declarations(draw: st.DrawFn, *, incident_id: str | None = None) -> IncidentDeclared:
    """An :class:`IncidentDeclared` with any occurrence time point. Since 0.1.0."""
    return IncidentDeclared(
        incident_id=incident_id or draw(incident_ids()),
        title=draw(st.sampled_from(("Rocket attack", "Hujum sarukhi"))),
        place=draw(st.sampled_from(("Forward Base North", "Al-Rashid market", "Route 7"))),
        occurred_at=draw(time_points(("minute", "hour", "day", "instant", "interval"))),
        country=draw(st.none() | st.sampled_from(_COUNTRIES)),
        zone=draw(st.none() | st.sampled_from(ZONES)),
        description=draw(st.sampled_from(("", "Rockets struck the base at night."))))


@st.composite
def incident_amendments(draw: st.DrawFn, *, incident_id: str | None = None) -> IncidentAmended:
    """An :class:`IncidentAmended` correcting one or more of a declaration's fields.
    Since 0.3.0."""
    corrected = draw(st.lists(st.sampled_from(AMENDABLE), min_size=1, unique=True))
    values: dict[str, Any] = {
        "title": st.sampled_from(("Rocket attack on the base", "Drone strike")),
        "place": st.sampled_from(("Forward Base South", "Route 9")),
        "occurred_at": time_points(("minute", "hour", "day", "instant")),
        "country": st.sampled_from(_COUNTRIES), "zone": st.sampled_from(ZONES),
        "description": st.sampled_from(("Corrected after the ministry's statement.",)),
    }
    return IncidentAmended(
        incident_id=incident_id or draw(incident_ids()), amendment=draw(st.integers(1, 5)),
        reason=draw(st.sampled_from(("", "the place was misread"))),
        **{name: draw(values[name]) for name in corrected})


def events() -> st.SearchStrategy[Event]:
    """Any single event: declaration, amendment, report revision or retraction.
    Since 0.1.0."""
    return st.one_of(incident_declarations(), incident_amendments(), report_revisions(),
                     retractions())


def _published(draw: st.DrawFn, moment: datetime, zone: str | None, *,
               date_only: bool) -> TimePoint:
    """A time point around the UTC ``moment`` as a source in ``zone`` writes it."""
    local = moment.astimezone(ZoneInfo(zone or draw(st.sampled_from(ZONES))))
    if date_only:
        return TimePoint.parse(_date_text(draw, local.date()), zone=zone)
    return TimePoint.instant(moment) if draw(st.booleans()) else _wall_clock(draw, local)


def _time_of(event: Event) -> TimePoint:
    if isinstance(event, IncidentDeclared):
        return event.occurred_at
    if isinstance(event, ReportRetracted):
        return event.at
    if isinstance(event, ReportPublished):
        return event.published_at
    raise InvalidEventError(f"generated streams hold no {type(event).__name__}")


@st.composite
def event_streams(draw: st.DrawFn, *, max_incidents: int = 2, max_reports: int = 4,
                  max_revisions: int = 3, late_arrivals: bool = True,
                  retracted: bool = True, relayed: bool = True,
                  recalled: bool = True) -> list[Event]:
    """A realistic log about a few incidents, as a list in *append order*.

    A declaration per incident and up to ``max_reports`` reports of
    1..``max_revisions`` revisions each. Revision n+1 is drawn at or after the
    instant of revision n and, as a changing article does, repeats some claims
    of revision n (same quote, offsets moved by an update header) and adds new
    ones. Some reports name two incidents, some first revisions are date-only
    (in the source's zone, or widened), some reports are retracted
    (``retracted``). With ``relayed``, some reports relay a claim of an earlier
    one from another outlet: same value and quote, its speaker named
    "... (via <source>)", so it adds no independent origin. With ``recalled``,
    some logs declare an earlier incident as well, which some reports only
    recall (a claim about it beside their main incident's). Events come in
    publication order except for some late arrivals moved to the end
    (``late_arrivals``).

    Since 0.1.0 (``relayed`` and ``recalled`` since 0.3.0).
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
            occurred_at=_published(draw, occurred, zone, date_only=draw(st.booleans()))))
    earlier: str | None = None
    unused = [name for name in _INCIDENT_IDS if name not in incidents]
    if recalled and unused and draw(st.integers(0, 2)) == 0:
        earlier = draw(st.sampled_from(unused))
        before = occurred - timedelta(days=draw(st.integers(3, 60)))
        produced.append(IncidentDeclared(
            incident_id=earlier, title=f"Earlier attack {earlier}", place="Iraq",
            occurred_at=_published(draw, before, None, date_only=True)))
    reports = draw(st.integers(1, max_reports))
    for number in range(reports):
        source = draw(_SOURCES)
        report_id = f"{source.name.lower().replace(' ', '-')}-{number}"
        about = draw(st.lists(st.sampled_from(incidents), min_size=1, max_size=2, unique=True))
        moment = occurred + timedelta(minutes=draw(st.integers(0, 36 * 60)))
        first_revision, previous = draw(st.integers(0, 1)), list[Claim]()
        for offset in range(draw(st.integers(1, max_revisions))):
            moment += timedelta(minutes=draw(st.integers(0, 8 * 60)) if offset else 0)
            previous = [claim for claim in previous if draw(st.booleans())] + \
                _draft_claims(draw, about, 0 if offset else 1, 2)
            if earlier is not None and not offset and draw(st.integers(0, 2)) == 0:
                previous.append(_draft_claim(draw, earlier))
            text, placed = _place_quotes(f"UPDATE {offset}:" if offset else "", previous)
            produced.append(ReportPublished(
                report_id=report_id, revision=first_revision + offset, source=source,
                published_at=_published(draw, moment, source.zone,
                                        date_only=offset == 0 and draw(st.booleans())),
                claims=placed, title=f"Report {number}",
                text=text if draw(st.booleans()) else None))
        if retracted and draw(st.integers(0, 3)) == 0:
            later = moment + timedelta(minutes=draw(st.integers(0, 24 * 60)))
            produced.append(ReportRetracted(
                report_id=report_id, reason="could not be verified",
                at=_published(draw, later, source.zone, date_only=draw(st.booleans()))))
    carried = [event for event in produced if isinstance(event, ReportPublished) and event.claims]
    if relayed and carried and draw(st.integers(0, 2)) == 0:
        original = draw(st.sampled_from(carried))
        relay_source = draw(_SOURCES.filter(lambda source: source.name != original.source.name))
        chosen = draw(st.sampled_from(original.claims))
        speaker = chosen.according_to
        relayed_claim = attrs.evolve(chosen, according_to=Speaker(
            f"{speaker.name} (via {original.source.name})", speaker.kind))
        text, placed = _place_quotes(f"{relay_source.name} -", [relayed_claim])
        moment = _time_of(original).upper + timedelta(minutes=draw(st.integers(0, 12 * 60)))
        produced.append(ReportPublished(
            report_id=f"{relay_source.name.lower().replace(' ', '-')}-relay", revision=0,
            source=relay_source, published_at=TimePoint.instant(moment), claims=placed,
            title="Relayed report", text=text))
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
    publication, retraction and occurrence window, amended occurrences included
    (start, end, a second before the end, middle), a day before and after them
    all, and any instant between. Since 0.1.0."""
    # An amendment has a time only when it corrects the occurrence.
    found = [event.occurred_at if isinstance(event, IncidentAmended) else _time_of(event)
             for event in events]
    points = [point for point in found if point is not None]
    if not points:
        return aware_datetimes().map(lambda moment: moment.astimezone(UTC))
    edges = {edge for point in points for edge in (
        point.lower, point.upper, point.upper - timedelta(seconds=1), point.midpoint)}
    first, last = min(edges) - timedelta(days=1), max(edges) + timedelta(days=1)
    between = st.datetimes(first.replace(tzinfo=None), last.replace(tzinfo=None)).map(
        lambda moment: moment.replace(tzinfo=UTC))
    return st.sampled_from(sorted(edges | {first, last})) | between


def _register_types() -> None:
    """Make ``st.from_type`` (and ``st.builds``) draw these strategies for the
    library's types; Event, a union, follows from its members. Each is resolved
    when first asked for, so importing this module evaluates no strategy."""
    makers: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
        TimePoint: time_points, Count: counts, Attribution: attributions, Speaker: speakers,
        Source: sources, Claim: claims, ReportPublished: report_revisions,
        ReportRetracted: retractions, IncidentDeclared: incident_declarations,
        IncidentAmended: incident_amendments,
    }
    def resolver(maker: Callable[[], st.SearchStrategy[Any]]
                 ) -> Callable[[type[Any]], st.SearchStrategy[Any]]:
        return lambda _: maker()

    for kind, maker in makers.items():
        st.register_type_strategy(kind, resolver(maker))


_register_types()
