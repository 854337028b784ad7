"""Partial, zoned time points: "2020-03-11", "6:20pm EST", "12:30 a.m. Baghdad time".

A :class:`TimePoint` is a window ``[lower, upper]`` in UTC plus how precisely the
source stated it. ``upper`` is the *end* of the window: the earliest instant by
which the thing had certainly happened. "6:20pm EST" on 11 March 2020 is the
minute ``22:20Z..22:21Z``; "2020-03-11" in an unknown zone is widened to cover
every zone on Earth (``2020-03-10T10:00Z..2020-03-12T12:00Z``); an exact
instant has ``lower == upper``.

Zone words are resolved through IANA zones, never dropped: see
:data:`DEFAULT_ZONE_WORDS` and :data:`AMBIGUOUS_ZONE_WORDS`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from taji_events.errors import (
    AmbiguousZoneError,
    NaiveDatetimeError,
    TimeParseError,
    UnknownZoneError,
)
from taji_events.storable import lone_surrogate

__all__ = [
    "AMBIGUOUS_ZONE_WORDS",
    "DEFAULT_ZONE_WORDS",
    "PRECISIONS",
    "ZONE_SOURCES",
    "TimePoint",
    "coerce_event_time",
    "coerce_time",
    "format_utc",
    "require_aware",
]

PRECISIONS: Final = ("year", "month", "day", "hour", "minute", "second", "instant", "interval")
ZONE_SOURCES: Final = ("text", "declared", "offset", "widened")

#: Zone words journalists use, mapped to IANA zones. US abbreviations name the
#: local wall clock, not a fixed offset: reporters write "EST" all year, so an
#: "EST" time in March after the DST switch is read as America/New_York (UTC-4).
DEFAULT_ZONE_WORDS: Final[Mapping[str, str]] = {
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "baghdad time": "Asia/Baghdad",
    "iraq time": "Asia/Baghdad",
    "damascus time": "Asia/Damascus",
    "syria time": "Asia/Damascus",
    "tehran time": "Asia/Tehran",
    "iran time": "Asia/Tehran",
    "irst": "Asia/Tehran",
    "beirut time": "Asia/Beirut",
    "kabul time": "Asia/Kabul",
    "moscow time": "Europe/Moscow",
    "msk": "Europe/Moscow",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "london time": "Europe/London",
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
}

#: Abbreviations that name several zones. They raise :class:`AmbiguousZoneError`
#: unless the caller maps them through ``zone_words=``.
AMBIGUOUS_ZONE_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "cst": ("America/Chicago", "Asia/Shanghai", "America/Havana"),
    "cdt": ("America/Chicago", "America/Havana"),
    "ct": ("America/Chicago", "Asia/Shanghai"),
    "ist": ("Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin"),
    "bst": ("Europe/London", "Asia/Dhaka"),
    "ast": ("Asia/Riyadh", "America/Halifax"),
    "adt": ("America/Halifax",),
    "local time": (),
    "local": (),
}

_MONTHS: Final = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_MDY = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})")
_DMY = re.compile(rf"(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}})")
_MY = re.compile(rf"{_MONTH}\s+(?P<year>\d{{4}})")
_WEEKDAY = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_SEPARATOR = re.compile(r"(?:T|\s*,\s*|\s+at\s+|\s+)")
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?"
    r"(?:\s*(?P<meridiem>[ap])\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"(?:utc|gmt)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?",
                     re.IGNORECASE)
_INTERVAL = re.compile(r"(?P<start>\d{4}-[^/]*?)\s*/\s*(?P<end>\d{4}-.*)")

# Earliest and latest civil offsets in use (Line Islands, Baker Island): a date
# whose zone is unknown is widened to cover both.
_EARLIEST_ZONE: Final = timezone(timedelta(hours=14))
_LATEST_ZONE: Final = timezone(timedelta(hours=-12))


def require_aware(value: datetime, *, name: str = "datetime") -> datetime:
    """Return ``value`` converted to UTC; raise :class:`NaiveDatetimeError` if naive.

    Since 0.1.0.
    """
    if not isinstance(value, datetime):
        raise TimeParseError(f"{name} must be a datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{name} {value.isoformat()!r} has no time zone; naive datetimes are ambiguous. "
            "Attach a zone, e.g. value.replace(tzinfo=datetime.UTC) or "
            "ZoneInfo('Asia/Baghdad')."
        )
    return value.astimezone(UTC)


def format_utc(value: datetime) -> str:
    """Format an aware datetime as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` in UTC."""
    # isoformat() writes the year with four digits (strftime's %Y does not below
    # year 1000, which ISO 8601 readers then refuse) and microseconds when set.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def _to_utc(value: datetime) -> datetime:
    # Naive values pass through untouched so the validator can name them.
    return value.astimezone(UTC) if isinstance(value, datetime) and value.tzinfo else value


def _check_text(instance: TimePoint, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) and not (attribute.name == "zone" and value is None):
        raise TimeParseError(
            f"TimePoint.{attribute.name} must be a string, got {type(value).__name__} {value!r}")
    position = None if value is None else lone_surrogate(value)
    if position is not None:
        raise TimeParseError(
            f"TimePoint.{attribute.name}: {value!r:.80} holds a lone surrogate (character "
            f"{position}), which cannot be stored as UTF-8; remove the character")


def _check_bounds(instance: TimePoint, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    require_aware(value, name=f"TimePoint.{attribute.name}")


@attrs.frozen
class TimePoint:
    """A time window in UTC with the precision the source gave it.

    Build one with :meth:`parse`, :meth:`instant` or :meth:`between`. Raises
    :class:`TimeParseError` when ``lower > upper`` or a bound is naive.

    >>> point = TimePoint.parse("6:20pm EST", reference=date(2020, 3, 11))
    >>> format_utc(point.lower), format_utc(point.upper), point.precision, point.zone
    ('2020-03-11T22:20:00Z', '2020-03-11T22:21:00Z', 'minute', 'America/New_York')

    Since 0.1.0.
    """

    lower: datetime = attrs.field(converter=_to_utc, validator=_check_bounds)
    upper: datetime = attrs.field(converter=_to_utc, validator=_check_bounds)
    precision: str = attrs.field(default="instant")
    text: str = attrs.field(default="", validator=_check_text)
    zone: str | None = attrs.field(default=None, validator=_check_text)
    zone_source: str = "offset"

    def __attrs_post_init__(self) -> None:
        if self.lower > self.upper:
            raise TimeParseError(
                f"time point {self.text or format_utc(self.lower)!r}: lower bound "
                f"{format_utc(self.lower)} is after upper bound {format_utc(self.upper)}; "
                "swap them or widen the window"
            )
        if self.precision not in PRECISIONS:
            raise TimeParseError(
                f"time point {self.text!r}: precision {self.precision!r} is not one of {PRECISIONS}"
            )
        if self.zone_source not in ZONE_SOURCES:
            raise TimeParseError(
                f"time point {self.text!r}: zone_source {self.zone_source!r} "
                f"is not one of {ZONE_SOURCES}"
            )

    def __repr__(self) -> str:
        return (
            f"TimePoint(lower={format_utc(self.lower)!r}, upper={format_utc(self.upper)!r}, "
            f"precision={self.precision!r}, text={self.text!r}, zone={self.zone!r}, "
            f"zone_source={self.zone_source!r})"
        )

    def __str__(self) -> str:
        if self.precision == "instant":
            return format_utc(self.lower)
        window = f"{format_utc(self.lower)} .. {format_utc(self.upper)}"
        return f"{self.text or self.precision} [{window}]"

    @property
    def midpoint(self) -> datetime:
        """The middle of the window: the best single estimate of when it happened."""
        return self.lower + (self.upper - self.lower) / 2

    @property
    def sort_key(self) -> tuple[datetime, datetime, datetime]:
        """Order of publication used by policies: midpoint, then end, then start."""
        return (self.midpoint, self.upper, self.lower)

    def contains(self, other: TimePoint) -> bool:
        """True when ``other``'s whole window lies inside this one."""
        return self.lower <= other.lower and other.upper <= self.upper

    def certainly_by(self, moment: datetime) -> bool:
        """True when this had certainly happened by ``moment`` (``upper <= moment``)."""
        return self.upper <= moment

    def possibly_by(self, moment: datetime) -> bool:
        """True when this may have happened by ``moment`` (``lower <= moment``)."""
        return self.lower <= moment

    @classmethod
    def instant(cls, moment: datetime, *, text: str = "") -> TimePoint:
        """An exact instant. Raises :class:`NaiveDatetimeError` for a naive datetime.

        Since 0.1.0.
        """
        moment = require_aware(moment, name="instant")
        return cls(lower=moment, upper=moment, precision="instant",
                   text=text or format_utc(moment), zone="UTC", zone_source="offset")

    @classmethod
    def between(cls, lower: datetime, upper: datetime, *, text: str = "") -> TimePoint:
        """An explicit window, e.g. "published after the 21:30Z statement, by 12 March".

        Since 0.1.0.
        """
        lower = require_aware(lower, name="lower")
        upper = require_aware(upper, name="upper")
        return cls(lower=lower, upper=upper, precision="interval",
                   text=text or f"{format_utc(lower)}/{format_utc(upper)}",
                   zone="UTC", zone_source="offset")

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        reference: date | None = None,
        zone: str | None = None,
        zone_words: Mapping[str, str] | None = None,
    ) -> TimePoint:
        """Read a time point from ISO 8601 (reduced precision allowed) or news text.

        ``reference`` is the local date for texts that give only a clock time
        ("6:20pm EST"). ``zone`` is the declared IANA zone used when the text
        names none (the source's or the incident's zone; also what "local time"
        means). ``zone_words`` adds or overrides entries of
        :data:`DEFAULT_ZONE_WORDS`. A date without any zone is widened to cover
        every zone. ``"A/B"`` is an explicit interval from A's start to B's end.

        Raises :class:`TimeParseError` (unreadable text, clock time without a
        date or zone), :class:`UnknownZoneError`, :class:`AmbiguousZoneError`.

        >>> TimePoint.parse("2020-03-11").lower.isoformat()
        '2020-03-10T10:00:00+00:00'
        >>> TimePoint.parse("7:35 p.m. (Iraq Time)", reference=date(2020, 3, 11)).lower.isoformat()
        '2020-03-11T16:35:00+00:00'

        Since 0.1.0.
        """
        return _parse_text(text, reference, zone, zone_words, zone_argument=True)


def _parse_text(
    text: str,
    reference: date | None,
    zone: str | None,
    zone_words: Mapping[str, str] | None,
    *,
    zone_argument: bool,
) -> TimePoint:
    """:meth:`TimePoint.parse`; ``zone_argument`` says whether the caller can
    pass a declared zone, so that a missing zone is asked for where it can be given."""
    if not isinstance(text, str):
        raise TimeParseError(f"time text must be a string, got {text!r}")
    stripped = " ".join(text.split())
    if not stripped:
        raise TimeParseError("time text is empty; give e.g. '2020-03-11' or '6:20pm EST'")
    if len(stripped) > 200:
        raise TimeParseError(f"time text is too long to be a time ({len(stripped)} characters)")
    interval = _INTERVAL.fullmatch(stripped)
    if interval:
        start = _parse_text(interval["start"], reference, zone, zone_words,
                            zone_argument=zone_argument)
        end = _parse_text(interval["end"], reference, zone, zone_words,
                          zone_argument=zone_argument)
        # Compare midpoints too: widened dates overlap, yet "12 March/11 March" is reversed.
        if start.lower > end.upper or start.midpoint > end.midpoint:
            raise TimeParseError(f"interval {text!r} ends before it starts; swap its two sides")
        return TimePoint(lower=start.lower, upper=end.upper, precision="interval",
                         text=text.strip(), zone=start.zone if start.zone == end.zone else None,
                         zone_source=start.zone_source)
    if reference is not None and not isinstance(reference, date):
        raise TimeParseError(f"time {text!r}: reference must be a datetime.date, "
                             f"got {type(reference).__name__} {reference!r}")
    if zone is not None and not isinstance(zone, str):
        raise TimeParseError(f"time {text!r}: zone must be an IANA zone name such as "
                             f"'Asia/Baghdad', got {type(zone).__name__} {zone!r}")
    try:
        return _parse_point(text.strip(), stripped, reference, zone, zone_words,
                            zone_argument=zone_argument)
    except (OverflowError, ValueError) as error:
        if isinstance(error, TimeParseError):
            raise
        # Dates at the edge of the calendar (0001-01-01, 9999-12-31) cannot be widened.
        raise TimeParseError(f"time {text!r} is out of the supported range: {error}; "
                             "use a date between 0002 and 9998") from None


def coerce_time(value: TimePoint | datetime | str, *, name: str = "time") -> TimePoint:
    """Turn a query time into a :class:`TimePoint`. Naive datetimes are refused.

    Since 0.1.0.
    """
    if isinstance(value, TimePoint):
        return value
    if isinstance(value, datetime):
        return TimePoint.instant(require_aware(value, name=name))
    if isinstance(value, str):
        try:
            return _parse_text(value, None, None, None, zone_argument=False)
        except TimeParseError as error:
            raise type(error)(f"{name}: {error}") from None
    raise TimeParseError(f"{name} must be a TimePoint, an aware datetime or a string, got {value!r}")


def coerce_event_time(value: TimePoint | datetime) -> TimePoint:
    """An event's time: a :class:`TimePoint`, or an aware datetime taken as an
    exact instant. Raises :class:`NaiveDatetimeError` for a naive datetime and
    :class:`TimeParseError` for anything else. Since 0.1.0."""
    if isinstance(value, TimePoint):
        return value
    if isinstance(value, datetime):
        return TimePoint.instant(require_aware(value, name="event time"))
    raise TimeParseError(
        f"an event time must be a TimePoint or an aware datetime, got {type(value).__name__} "
        f"{value!r}; use TimePoint.parse('2020-03-11T22:20Z') or TimePoint.instant(...)"
    )


def _month_number(word: str, text: str) -> int:
    number = _MONTHS.get(word.lower().rstrip("."))
    if number is None:
        raise TimeParseError(f"time {text!r}: {word!r} is not a month name")
    return number


def _read_date(rest: str, text: str) -> tuple[date | None, str, str]:
    """Consume a leading date; return it, its precision and the rest of the text."""
    rest = _WEEKDAY.sub("", rest, count=1) if _WEEKDAY.match(rest) else rest
    for pattern in (_MDY, _DMY):
        match = pattern.match(rest)
        if match and match["month"].lower().rstrip(".") in _MONTHS:
            number = _month_number(match["month"], text)
            return _make_date(text, int(match["year"]), number, int(match["day"])), "day", \
                rest[match.end():]
    match = _MY.match(rest)
    if match and match["month"].lower().rstrip(".") in _MONTHS and not _CLOCK.fullmatch(rest):
        return _make_date(text, int(match["year"]), _month_number(match["month"], text), 1), \
            "month", rest[match.end():]
    match = _ISO_DATE.match(rest)
    if match and (match.end() == len(rest) or rest[match.end()] in "T ,Zz+-"):
        year, month, day = match["year"], match["month"], match["day"]
        precision = "day" if day else "month" if month else "year"
        built = _make_date(text, int(year), int(month or 1), int(day or 1))
        return built, precision, rest[match.end():]
    return None, "", rest


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise TimeParseError(f"time {text!r}: {error}") from None


def _parse_point(
    original: str,
    text: str,
    reference: date | None,
    declared_zone: str | None,
    zone_words: Mapping[str, str] | None,
    *,
    zone_argument: bool,
) -> TimePoint:
    day, precision, rest = _read_date(text, original)
    clock = None
    separator = _SEPARATOR.match(rest) if day is not None else None
    after = rest[separator.end():] if separator else rest
    candidate = _CLOCK.match(after)
    # A bare hour is a clock time only after ISO 8601's "T" ("2020-03-11T22Z").
    iso_hour = separator is not None and separator.group() == "T"
    if candidate and (candidate["minute"] or candidate["meridiem"] or iso_hour):
        clock, rest = candidate, after[candidate.end():]
    zone_text = rest.strip().strip(",").strip()
    if zone_text.startswith("(") and zone_text.endswith(")"):
        zone_text = zone_text[1:-1].strip()
    zone_text = zone_text.rstrip(".:").strip()

    if day is None and clock is None:
        raise TimeParseError(
            f"cannot read {original!r} as a time; use ISO 8601 ('2020-03-11', "
            "'2020-03-11T19:35+03:00') or a clock time with a zone ('6:20pm EST')"
        )
    if day is None:
        if reference is None:
            raise TimeParseError(
                f"time {original!r} gives a clock time but no date; pass reference=date(...)"
            )
        day, precision = reference, "day"

    start = datetime(day.year, day.month, day.day)
    step: timedelta | None
    if clock is not None:
        hour = int(clock["hour"])
        if clock["meridiem"]:
            if not 1 <= hour <= 12:
                raise TimeParseError(f"time {original!r}: hour {hour} is not valid with am/pm")
            hour = hour % 12 + (12 if clock["meridiem"].lower() == "p" else 0)
        if hour > 23:
            raise TimeParseError(f"time {original!r}: hour {hour} is out of range 0..23")
        minute = int(clock["minute"] or 0)
        second = int(clock["second"] or 0)
        if minute > 59 or second > 59:
            raise TimeParseError(f"time {original!r}: minute or second out of range 0..59")
        fraction = clock["fraction"]
        if fraction and len(fraction) > 6 and fraction[6:].strip("0"):
            raise TimeParseError(
                f"time {original!r} gives {len(fraction)} fractional digits of a second; "
                "times are kept to the microsecond: round it to 6 digits "
                f"(.{fraction[:6]})")
        micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
        start = start.replace(hour=hour, minute=minute, second=second, microsecond=micro)
        if fraction:
            precision, step = "instant", timedelta(0)
        elif clock["second"]:
            precision, step = "second", timedelta(seconds=1)
        elif clock["minute"]:
            precision, step = "minute", timedelta(minutes=1)
        else:
            precision, step = "hour", timedelta(hours=1)
        end = start + step
    elif precision == "day":
        end = start + timedelta(days=1)
    elif precision == "month":
        end = datetime(day.year + day.month // 12, day.month % 12 + 1, 1)
    else:
        end = datetime(day.year + 1, 1, 1)

    resolved = _resolve_zone(original, zone_text, declared_zone, zone_words,
                             zone_argument=zone_argument)
    if resolved is None:
        if clock is not None:
            raise TimeParseError(
                f"time {original!r} has a clock time but no zone; {_zone_advice(original)}"
                + (" or pass zone='Area/City'" if zone_argument else ""))
        return TimePoint(lower=start.replace(tzinfo=_EARLIEST_ZONE),
                         upper=end.replace(tzinfo=_LATEST_ZONE), precision=precision,
                         text=original, zone=None, zone_source="widened")
    tz, zone_name, source = resolved
    return TimePoint(lower=_earliest(start, tz), upper=_latest(end, tz), precision=precision,
                     text=original, zone=zone_name, zone_source=source)


def _zone_advice(original: str) -> str:
    # For an ISO date and clock the examples are the text as written plus a zone,
    # ready to paste back.
    base = original if _ISO_DATE.match(original) and original[-1].isdigit() else "10:00"
    return (f"write the zone in the text: an offset or Z ('{base}+03:00', '{base}Z'), "
            f"an IANA name ('{base} Asia/Baghdad') or a zone word ('Baghdad time', 'EST')")


def _earliest(local: datetime, tz: tzinfo) -> datetime:
    # A wall time repeated by a DST fold covers both of its instants.
    return min(local.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1))


def _latest(local: datetime, tz: tzinfo) -> datetime:
    return max(local.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1))


def _zone_info(name: str, original: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZoneError(f"time {original!r}: {name!r} is not an IANA zone name") from None


def _resolve_zone(
    original: str,
    zone_text: str,
    declared_zone: str | None,
    zone_words: Mapping[str, str] | None,
    *,
    zone_argument: bool,
) -> tuple[tzinfo, str, str] | None:
    if not zone_text:
        if declared_zone is None:
            return None
        return _zone_info(declared_zone, original), declared_zone, "declared"
    offset = _OFFSET.fullmatch(zone_text)
    if offset:
        hours, minutes = int(offset["hours"]), int(offset["minutes"] or 0)
        delta = timedelta(hours=hours, minutes=minutes) * (-1 if offset["sign"] == "-" else 1)
        # Civil offsets run from -12:00 to +14:00; a widened date covers exactly those.
        if minutes > 59 or not timedelta(hours=-12) <= delta <= timedelta(hours=14):
            raise UnknownZoneError(f"time {original!r}: offset {zone_text!r} is outside "
                                   "-12:00..+14:00, the range of civil time zones")
        sign = "-" if delta < timedelta(0) else "+"
        name = f"{sign}{hours:02d}:{minutes:02d}"
        return timezone(delta), name, "offset"
    key = zone_text.lower()
    words = {**DEFAULT_ZONE_WORDS, **{k.lower(): v for k, v in (zone_words or {}).items()}}
    if key in words:
        name = words[key]
        return _zone_info(name, original), name, "offset" if name == "UTC" else "text"
    if key in AMBIGUOUS_ZONE_WORDS:
        if key in ("local time", "local"):
            if declared_zone is not None:
                return _zone_info(declared_zone, original), declared_zone, "declared"
            raise AmbiguousZoneError(
                f"time {original!r} says 'local time' but no zone was declared; "
                + ("pass zone='Area/City' (the incident's or the source's zone)" if zone_argument
                   else "write the zone in its place: an offset ('+03:00'), 'Z' or an "
                        "IANA name ('Asia/Baghdad')"))
        candidates = ", ".join(AMBIGUOUS_ZONE_WORDS[key])
        raise AmbiguousZoneError(
            f"time {original!r}: zone abbreviation {zone_text!r} is ambiguous ({candidates}); "
            f"declare it with zone_words={{{zone_text!r}: 'Area/City'}}"
        )
    if "/" in zone_text or zone_text == "UTC":
        return _zone_info(zone_text, original), zone_text, "text"
    raise UnknownZoneError(
        f"time {original!r}: unknown zone {zone_text!r}; use an IANA name ('Asia/Baghdad'), "
        f"an offset ('+03:00') or declare it with zone_words={{{zone_text!r}: 'Area/City'}}"
    )
