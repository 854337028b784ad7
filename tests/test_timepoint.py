"""TimePoint: the time texts of the seed reports, precision windows, zones, errors,
and law 10 (docs/laws.md) (time) as Hypothesis properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taji_events import TimePoint
from taji_events.errors import AmbiguousZoneError, NaiveDatetimeError, TimeParseError, UnknownZoneError
from taji_events.memory import MemoryStore
from taji_events.replay import believed_at
from taji_events.testing import ZONES, aware_datetimes, time_points
from taji_events.timepoint import coerce_time

MARCH_11, MARCH_12 = date(2020, 3, 11), date(2020, 3, 12)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
        microsecond: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=UTC)


def window(point: TimePoint) -> tuple[datetime, datetime, str]:
    return point.lower, point.upper, point.precision


# -- the seed texts -------------------------------------------------------------------------

def test_est_in_march_2020_means_new_york_daylight_time() -> None:
    point = TimePoint.parse("6:20pm EST", reference=MARCH_11)
    assert window(point) == (utc(2020, 3, 11, 22, 20), utc(2020, 3, 11, 22, 21), "minute")
    assert (point.zone, point.zone_source, point.text) == ("America/New_York", "text", "6:20pm EST")


def test_est_in_january_is_utc_minus_five() -> None:
    point = TimePoint.parse("6:20pm EST", reference=date(2020, 1, 15))
    assert point.lower == utc(2020, 1, 15, 23, 20)


def test_half_past_midnight_baghdad_time_is_the_previous_utc_day() -> None:
    point = TimePoint.parse("12:30 a.m. Baghdad time", reference=MARCH_12)
    assert window(point) == (utc(2020, 3, 11, 21, 30), utc(2020, 3, 11, 21, 31), "minute")
    assert point.zone == "Asia/Baghdad"


@pytest.mark.parametrize("text", ["7:35 p.m. (Iraq Time)", "7:35 p.m. Baghdad time",
                                  "7:35pm Iraq time", "19:35 Baghdad time"])
def test_iraq_time_spellings_resolve_to_baghdad(text: str) -> None:
    point = TimePoint.parse(text, reference=MARCH_11)
    assert (point.lower, point.zone) == (utc(2020, 3, 11, 16, 35), "Asia/Baghdad")


def test_noon_and_midnight_on_the_twelve_hour_clock() -> None:
    assert TimePoint.parse("12:00 p.m. UTC", reference=MARCH_11).lower == utc(2020, 3, 11, 12)
    assert TimePoint.parse("12:00 a.m. UTC", reference=MARCH_11).lower == utc(2020, 3, 11, 0)


def test_a_clock_time_without_minutes_is_the_whole_hour() -> None:
    point = TimePoint.parse("7 p.m. Baghdad time", reference=MARCH_11)
    assert window(point) == (utc(2020, 3, 11, 16), utc(2020, 3, 11, 17), "hour")


def test_date_and_clock_in_one_text() -> None:
    point = TimePoint.parse("March 11, 2020 at 6:20 p.m. EST")
    assert window(point) == (utc(2020, 3, 11, 22, 20), utc(2020, 3, 11, 22, 21), "minute")


# -- ISO 8601 with reduced precision --------------------------------------------------------

@pytest.mark.parametrize(("text", "lower", "upper", "precision"), [
    ("2020-03-11T19:35+03:00", utc(2020, 3, 11, 16, 35), utc(2020, 3, 11, 16, 36), "minute"),
    ("2020-03-11T19:35:10+03:00", utc(2020, 3, 11, 16, 35, 10), utc(2020, 3, 11, 16, 35, 11),
     "second"),
    ("2020-03-11T22:20Z", utc(2020, 3, 11, 22, 20), utc(2020, 3, 11, 22, 21), "minute"),
    ("2020-03-11T19:35:10.5Z", utc(2020, 3, 11, 19, 35, 10, 500000),
     utc(2020, 3, 11, 19, 35, 10, 500000), "instant"),
    ("2020-03-11T14:05-04:30", utc(2020, 3, 11, 18, 35), utc(2020, 3, 11, 18, 36), "minute"),
])
def test_iso_times_with_offsets(text: str, lower: datetime, upper: datetime,
                                precision: str) -> None:
    assert window(TimePoint.parse(text)) == (lower, upper, precision)


def test_an_offset_in_the_text_wins_over_the_declared_zone() -> None:
    point = TimePoint.parse("2020-03-11T19:35Z", zone="Asia/Baghdad")
    assert (point.lower, point.zone) == (utc(2020, 3, 11, 19, 35), "UTC")


def test_declared_zone_reads_a_bare_clock_time() -> None:
    point = TimePoint.parse("2020-03-11T19:35", zone="Asia/Baghdad")
    assert (point.lower, point.zone_source) == (utc(2020, 3, 11, 16, 35), "declared")


# -- widened and zone-known dates -----------------------------------------------------------

@pytest.mark.parametrize("text", ["2020-03-11", "March 11, 2020", "11 March 2020",
                                  "Wednesday, March 11, 2020", "Mar. 11, 2020"])
def test_a_date_without_zone_is_widened_to_every_zone(text: str) -> None:
    point = TimePoint.parse(text)
    # From the day's start at UTC+14 to its end at UTC-12.
    assert window(point) == (utc(2020, 3, 10, 10), utc(2020, 3, 12, 12), "day")
    assert (point.zone, point.zone_source) == (None, "widened")


def test_a_date_in_a_known_zone_is_that_zones_day() -> None:
    point = TimePoint.parse("2020-03-11", zone="Asia/Baghdad")
    assert window(point) == (utc(2020, 3, 10, 21), utc(2020, 3, 11, 21), "day")
    assert point.zone_source == "declared"


@pytest.mark.parametrize(("text", "lower", "upper", "precision"), [
    ("2020-03", utc(2020, 2, 29, 10), utc(2020, 4, 1, 12), "month"),
    ("March 2020", utc(2020, 2, 29, 10), utc(2020, 4, 1, 12), "month"),
    ("2020-12", utc(2020, 11, 30, 10), utc(2021, 1, 1, 12), "month"),
    ("2020", utc(2019, 12, 31, 10), utc(2021, 1, 1, 12), "year"),
])
def test_months_and_years_are_widened_too(text: str, lower: datetime, upper: datetime,
                                          precision: str) -> None:
    assert window(TimePoint.parse(text)) == (lower, upper, precision)


def test_precise_parse_lies_inside_its_date() -> None:
    precise = TimePoint.parse("7:35 p.m. Baghdad time", reference=MARCH_11)
    assert TimePoint.parse("2020-03-11", zone="Asia/Baghdad").contains(precise)
    assert TimePoint.parse("2020-03-11").contains(precise)
    assert not TimePoint.parse("2020-03-12", zone="Asia/Baghdad").contains(precise)


# -- intervals and instants -----------------------------------------------------------------

def test_an_iso_interval_runs_from_the_start_of_a_to_the_end_of_b() -> None:
    point = TimePoint.parse("2020-03-11T19:35+03:00/2020-03-12T00:30+03:00")
    assert window(point) == (utc(2020, 3, 11, 16, 35), utc(2020, 3, 11, 21, 31), "interval")


def test_an_interval_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(TimeParseError, match="ends before it starts"):
        TimePoint.parse("2020-03-20/2020-03-11")


@pytest.mark.parametrize("text", ["2020-03-12/2020-03-11", "2020-03-13/2020-03-11"])
def test_a_reversed_interval_of_nearby_widened_dates_is_refused(text: str) -> None:
    # Widened windows of dates up to two days apart overlap; the dates are still reversed.
    with pytest.raises(TimeParseError, match=text):
        TimePoint.parse(text)


def test_between_and_instant() -> None:
    start, end = utc(2020, 3, 11, 21, 30), utc(2020, 3, 12)
    assert window(TimePoint.between(start, end)) == (start, end, "interval")
    moment = datetime(2020, 3, 11, 19, 35, tzinfo=ZoneInfo("Asia/Baghdad"))
    instant = TimePoint.instant(moment)
    assert window(instant) == (utc(2020, 3, 11, 16, 35), utc(2020, 3, 11, 16, 35), "instant")
    assert instant.lower.utcoffset() == timedelta(0)


def test_certainly_and_possibly_published_by() -> None:
    day = TimePoint.parse("2020-03-11", zone="Asia/Baghdad")
    assert day.possibly_by(utc(2020, 3, 10, 21)) and not day.certainly_by(utc(2020, 3, 10, 21))
    assert day.certainly_by(utc(2020, 3, 11, 21))
    assert not day.possibly_by(utc(2020, 3, 10, 20, 59))


# -- DST folds and gaps ---------------------------------------------------------------------

def test_a_wall_time_repeated_by_the_autumn_fold_covers_both_instants() -> None:
    point = TimePoint.parse("1:30 a.m. EST", reference=date(2020, 11, 1))
    # 01:30 EDT is 05:30Z, 01:30 EST is 06:30Z.
    assert (point.lower, point.upper) == (utc(2020, 11, 1, 5, 30), utc(2020, 11, 1, 6, 31))


def test_a_wall_time_skipped_by_the_spring_gap_still_gives_an_ordered_window() -> None:
    point = TimePoint.parse("2020-03-08 02:30", zone="America/New_York")
    assert point.lower <= utc(2020, 3, 8, 7) <= point.upper
    assert TimePoint.parse("2020-03-08", zone="America/New_York").contains(point)


def test_a_declared_zone_day_on_a_dst_switch_is_23_or_25_hours() -> None:
    spring = TimePoint.parse("2020-03-08", zone="America/New_York")
    autumn = TimePoint.parse("2020-11-01", zone="America/New_York")
    assert spring.upper - spring.lower == timedelta(hours=23)
    assert autumn.upper - autumn.lower == timedelta(hours=25)


# -- errors ---------------------------------------------------------------------------------

def test_naive_datetimes_are_refused_everywhere() -> None:
    naive = datetime(2020, 3, 11, 19, 35)
    with pytest.raises(NaiveDatetimeError, match="2020-03-11T19:35:00"):
        TimePoint.instant(naive)
    with pytest.raises(NaiveDatetimeError):
        TimePoint.between(naive, utc(2020, 3, 12))
    with pytest.raises(NaiveDatetimeError):
        TimePoint(lower=naive, upper=naive)
    with pytest.raises(NaiveDatetimeError, match="at"):
        coerce_time(naive, name="at")


@pytest.mark.parametrize(("word", "candidate"), [("CST", "America/Chicago"),
                                                 ("IST", "Asia/Kolkata"), ("BST", "Asia/Dhaka")])
def test_ambiguous_abbreviations_raise_naming_the_candidates(word: str, candidate: str) -> None:
    with pytest.raises(AmbiguousZoneError, match=candidate) as raised:
        TimePoint.parse(f"6:20pm {word}", reference=MARCH_11)
    assert word in str(raised.value) and "zone_words" in str(raised.value)


def test_an_ambiguous_abbreviation_can_be_declared() -> None:
    point = TimePoint.parse("6:20pm CST", reference=MARCH_11,
                            zone_words={"CST": "America/Chicago"})
    assert point.lower == utc(2020, 3, 11, 23, 20)


@pytest.mark.parametrize(("text", "named"), [
    ("6:20pm XYZ", "'XYZ'"), ("6:20pm Mars/Olympus", "'Mars/Olympus'"),
    ("2020-03-11T19:35+15:00", "'\\+15:00'"),
])
def test_unknown_zones_raise_naming_the_zone(text: str, named: str) -> None:
    with pytest.raises(UnknownZoneError, match=named):
        TimePoint.parse(text, reference=MARCH_11)
    with pytest.raises(UnknownZoneError, match="Mars/Olympus"):
        TimePoint.parse("2020-03-11", zone="Mars/Olympus")


def test_local_time_needs_a_declared_zone() -> None:
    with pytest.raises(AmbiguousZoneError, match="local time"):
        TimePoint.parse("6:20pm local time", reference=MARCH_11)
    point = TimePoint.parse("6:20pm local time", reference=MARCH_11, zone="Asia/Baghdad")
    assert point.lower == utc(2020, 3, 11, 15, 20)


def test_a_clock_time_needs_a_zone_and_a_date() -> None:
    with pytest.raises(TimeParseError, match="no zone"):
        TimePoint.parse("6:20pm", reference=MARCH_11)
    with pytest.raises(TimeParseError, match="no zone"):
        TimePoint.parse("2020-03-11T19:35")
    with pytest.raises(TimeParseError, match="no date"):
        TimePoint.parse("6:20pm EST")


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), ("yesterday", "cannot read 'yesterday'"), ("2020-02-30", "2020-02-30"),
    ("13:00 p.m. EST", "hour 13"), ("25:00 UTC", "hour 25"),
])
def test_unreadable_texts_raise_naming_the_text(text: str, message: str) -> None:
    with pytest.raises(TimeParseError, match=message):
        TimePoint.parse(text, reference=MARCH_11)


def test_a_window_with_lower_after_upper_is_refused() -> None:
    with pytest.raises(TimeParseError, match="after upper bound"):
        TimePoint.between(utc(2020, 3, 12), utc(2020, 3, 11))


def test_bounds_are_kept_in_utc_whatever_zone_they_come_in() -> None:
    plus_three = timezone(timedelta(hours=3))
    point = TimePoint(lower=datetime(2020, 3, 11, 19, 35, tzinfo=plus_three),
                      upper=datetime(2020, 3, 11, 19, 36, tzinfo=plus_three), precision="minute")
    assert point.lower.tzinfo is UTC and point.lower == utc(2020, 3, 11, 16, 35)


# -- law 10 (docs/laws.md) as properties ---------------------------------------------------

SPOKEN_ZONES = {
    "America/New_York": "EST", "Asia/Baghdad": "Baghdad time", "UTC": "GMT",
    "Asia/Tehran": "Tehran time", "Asia/Kabul": "Kabul time", "Europe/London": "London time",
    "America/Los_Angeles": "PT",
}


def offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@given(point=time_points())
def test_law10_every_time_point_has_lower_at_or_before_upper(point: TimePoint) -> None:
    assert point.lower <= point.midpoint <= point.upper
    assert point.contains(point)
    assert point.certainly_by(point.upper) and point.possibly_by(point.lower)
    assert not point.possibly_by(point.lower - timedelta(microseconds=1))


@given(moment=aware_datetimes(zones=ZONES))
def test_law10_a_precise_parse_lies_inside_the_date_only_parse(moment: datetime) -> None:
    assert isinstance(moment.tzinfo, ZoneInfo)
    zone, day = moment.tzinfo.key, moment.date()
    # Compare in UTC: zoneinfo arithmetic is wall-clock, and PEP 495 makes a folded
    # wall time unequal to every instant in another zone.
    minute = moment.replace(second=0, microsecond=0).astimezone(UTC)
    iso = TimePoint.parse(f"{moment:%Y-%m-%dT%H:%M}{offset_text(moment)}")
    assert (iso.lower, iso.upper, iso.precision) == (minute, minute + timedelta(minutes=1),
                                                     "minute")
    second = TimePoint.parse(f"{moment:%Y-%m-%dT%H:%M:%S}{offset_text(moment)}")
    declared = TimePoint.parse(f"{moment:%Y-%m-%d %H:%M}", zone=zone)
    precise = [iso, second, declared]
    if zone in SPOKEN_ZONES:
        meridiem = "p.m." if moment.hour >= 12 else "a.m."
        precise.append(TimePoint.parse(f"{moment.hour % 12 or 12}:{moment:%M} {meridiem} "
                                       f"{SPOKEN_ZONES[zone]}", reference=day))
    for point in precise[2:]:
        # A wall time repeated by a DST fold covers both instants: only containment holds.
        assert point.lower <= minute < point.upper and point.zone == zone
    day_in_zone = TimePoint.parse(day.isoformat(), zone=zone)
    day_anywhere = TimePoint.parse(day.isoformat())
    for point in precise:
        assert day_in_zone.contains(point) and day_anywhere.contains(point)
    assert iso.contains(second)
    assert day_anywhere.contains(day_in_zone)
    assert TimePoint.parse(f"{day:%Y-%m}", zone=zone).contains(day_in_zone)
    assert TimePoint.parse(f"{day:%Y-%m}").contains(day_anywhere)
    assert TimePoint.parse(str(day.year)).contains(TimePoint.parse(f"{day:%Y-%m}"))


@given(local=st.datetimes(datetime(2019, 1, 1), datetime(2021, 12, 31, 23, 59)),
       zone=st.sampled_from(ZONES))
def test_law10_declared_zone_wall_times_even_in_dst_gaps_lie_inside_their_date(
    local: datetime, zone: str
) -> None:
    point = TimePoint.parse(f"{local:%Y-%m-%d %H:%M}", zone=zone)
    assert point.lower <= point.upper
    assert TimePoint.parse(local.date().isoformat(), zone=zone).contains(point)
    assert TimePoint.parse(local.date().isoformat()).contains(point)


def test_a_query_time_without_a_zone_says_how_to_write_one() -> None:
    # believed_at and the other queries take no zone: the message asks for the zone in
    # the text, and each example it gives reads back as the time meant.
    with pytest.raises(TimeParseError) as caught:
        believed_at(MemoryStore(), "inc", "2026-10-06 10:00")
    message = str(caught.value)
    assert "zone=" not in message
    for example in ("2026-10-06 10:00+03:00", "2026-10-06 10:00Z", "2026-10-06 10:00 Asia/Baghdad"):
        assert repr(example) in message
        assert coerce_time(example).lower.hour in (7, 10)
    with pytest.raises(AmbiguousZoneError) as local:
        coerce_time("2026-10-06 10:00 local time")
    assert "zone=" not in str(local.value) and "'+03:00'" in str(local.value)


def test_a_parse_that_takes_a_zone_still_offers_it() -> None:
    with pytest.raises(TimeParseError, match=r"or pass zone='Area/City'$"):
        TimePoint.parse("2026-10-06 10:00")
    assert TimePoint.parse("2026-10-06 10:00", zone="Asia/Baghdad").lower == utc(2026, 10, 6, 7, 0)
