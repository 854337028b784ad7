"""Report revisions from update sections, and the times written in the text.

* A line ``UPDATE: 6:20pm EST:`` (or ``Update - 18:20 GMT``, ``UPDATED 9 a.m. ET``)
  opens an update section with its own publication time; an update paragraph
  ``Update: The coalition has confirmed ...`` at the top of a text was prepended
  to the original; a short title-like line ending in "Update" opens a section
  without a stated time.
* Revision ``0`` is the original text; revision ``k`` is the text as it stood after
  the ``k``-th update (appended updates extend the text downwards, prepended ones
  upwards), so the last revision is the whole text.
* A dateline (``date 2020-03-11``, ``Published: March 11, 2020``) gives a day.
* "current as of 12:30 a.m. Baghdad time" gives the claims of its section a time.

At most :data:`MAX_REVISIONS` revisions are made; later update headers stay
part of the last one, so adversarial input cannot multiply the work.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Final, NamedTuple
from zoneinfo import ZoneInfo

from taji_events.errors import TimeParseError
from taji_events.extract.sentences import is_headline
from taji_events.timepoint import TimePoint

__all__ = ["MAX_REVISIONS", "Section", "as_of_times", "dateline", "local_day", "sections"]

#: The most revisions one text yields.
MAX_REVISIONS: Final = 24

_LINE = re.compile(r"[^\n]*\n?")
_HEADER = re.compile(r"(?:update|updated)\b[\s:,.–—-]*(?P<rest>.{0,60}?)[\s:.–—-]*$", re.IGNORECASE)
_INLINE = re.compile(r"(?:update|updated)\s?:\s*(?P<body>\S.*)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"[\W_]{1,40}")
_DATELINE = re.compile(
    r"\A\s{0,10}(?:date|published|posted|dated)\s?:?\s(?P<date>\d{4}-\d{2}-\d{2}|"
    r"[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4}|\d{1,2}\s[A-Z][a-z]{2,8}\s\d{4})",
    re.IGNORECASE,
)
#: A line that is a date alone ("March 4, 2021", "Thursday, 4 March 2021", "2021-03-04"), as
#: pages print the day of publication under the headline.
_DATE_LINE = re.compile(
    r"[ \t]{0,10}(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?(?P<date>\d{4}-\d{2}-\d{2}|"
    r"[A-Z][a-z]{2,8}\.?\s\d{1,2},\s\d{4}|\d{1,2}\s[A-Z][a-z]{2,8}\s\d{4})[ \t.]{0,3}\n",
)
_AS_OF = re.compile(
    r"\bas\sof\s(?P<time>\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\.?)\s?(?:\(?[A-Za-z][A-Za-z ]{1,20}?"
    r"\s?time\)?|[A-Z]{2,4}\b)?)",
)
_AS_OF_WORDS = re.compile(r"as\sof\s")  # the words every match of _AS_OF opens with
_SECTION_DATE = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?(?P<day>\d{1,2})\s(?P<month>January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\b(?P<month2>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s(?P<day2>\d{1,2})\b"
)


class Section(NamedTuple):
    """One update section: where it is, where the revision's text starts and ends, its time."""

    start: int          # first character of the section (its header line)
    end: int            # end of the section
    published: TimePoint | None
    header: str


def dateline(text: str) -> TimePoint | None:
    """The day a leading dateline gives (``date 2020-03-11``), or None.

    >>> dateline(" date 2021-06-02 Two soldiers ...").text
    '2021-06-02'
    >>> dateline("Rockets hit a base\\n\\nMarch 4, 2021\\n\\nTen rockets ...").text
    'March 4, 2021'

    Since 0.1.0.
    """
    match = _DATELINE.match(text[:200])
    if match is None:
        # a line of its own among the first three (after the headline, before the body)
        position = 0
        for _ in range(3):
            while text.startswith("\n", position):
                position += 1
            match = _DATE_LINE.match(text, position)
            if match is not None:
                break
            position = text.find("\n", position, position + 300)
            if position < 0:
                return None
    if match is None:
        return None
    try:
        return TimePoint.parse(match["date"])
    except TimeParseError:
        return None


def local_day(point: TimePoint) -> date:
    """The calendar day a time point falls on, in its own zone when it has one.

    Since 0.1.0.
    """
    middle = point.midpoint
    if point.zone:
        try:
            return middle.astimezone(ZoneInfo(point.zone)).date()
        except (ValueError, KeyError):
            return middle.date()
    if point.zone_source == "widened":
        return (point.lower + timedelta(hours=14)).date()
    return middle.date()


def _parse_clock(words: str, reference: date, zone: str | None, after: TimePoint) -> TimePoint | None:
    """A clock time on ``reference`` (or the day after, if it would precede ``after``)."""
    words = words.strip().rstrip(":.,").strip()
    if not words or not re.search(r"\d", words):
        return None
    for day in (reference, reference + timedelta(days=1)):
        try:
            point = TimePoint.parse(words, reference=day, zone=zone)
        except TimeParseError:
            return None
        if point.upper >= after.lower:
            return point
    return None


def sections(text: str, published: TimePoint, zone: str | None) -> tuple[list[Section], list[Section]]:
    """Update sections prepended at the top and appended below, in text order.

    Since 0.1.0.
    """
    top: list[Section] = []
    bottom: list[Section] = []
    reference = local_day(published)
    position = 0
    seen_body = False
    last_time = published
    for match in _LINE.finditer(text):
        if not match.group():
            break
        line_start = match.start()
        line = match.group().strip()
        position = match.end()
        if not line:
            continue
        if len(top) + len(bottom) >= MAX_REVISIONS - 1:
            break
        header = _HEADER.fullmatch(line) if len(line) <= 80 else None
        if header is not None:
            rest = header["rest"]
            point = _parse_clock(rest, reference, zone, last_time) if rest else None
            if rest and point is None:
                header = None
            else:
                if point is not None:
                    last_time = point
                bottom.append(Section(line_start, len(text), point, line))
                seen_body = True
                continue
        inline = _INLINE.match(line)
        if inline is not None and len(line) > 80:
            section = Section(line_start, position, None, line)
            (bottom if seen_body else top).append(section)
            continue
        if seen_body and is_headline(line) and re.search(r"\bupdated?$", line, re.IGNORECASE):
            bottom.append(Section(line_start, len(text), _section_day(text, position, published), line))
            continue
        if not (top and _SEPARATOR.fullmatch(line)):
            seen_body = True
    top = [Section(s.start, _top_end(text, s.end), s.published, s.header) for s in top]
    fixed = [Section(s.start, bottom[k + 1].start if k + 1 < len(bottom) else len(text), s.published,
                     s.header) for k, s in enumerate(bottom)]
    return top, fixed


def _top_end(text: str, end: int) -> int:
    """A prepended update's block ends after any separator lines ("……", "***")."""
    for match in _LINE.finditer(text, end):
        line = match.group().strip()
        if line and not _SEPARATOR.fullmatch(line):
            return match.start()
        if not match.group():
            break
        end = match.end()
    return end


def _section_day(text: str, start: int, published: TimePoint) -> TimePoint | None:
    """The day an untimed update section names in its first lines ("Thursday, 12 March")."""
    match = _SECTION_DATE.search(text, start, min(len(text), start + 300))
    if match is None:
        return None
    day_text = match["day"] or match["day2"]
    month = match["month"] or match["month2"]
    base = local_day(published)
    try:
        day = datetime.strptime(f"{day_text} {month} {base.year}", "%d %B %Y").date()
    except ValueError:
        return None
    if not base <= day <= base + timedelta(days=14):
        return None
    zone = published.zone if published.zone_source in ("text", "declared") else None
    try:
        return TimePoint.parse(day.isoformat(), zone=zone)
    except TimeParseError:
        return None


def as_of_times(text: str, start: int, end: int, published: TimePoint) -> TimePoint | None:
    """The time a "current as of <clock time>" sentence in ``text[start:end]`` states.

    The clock time is placed on the latest day on which it is not after the
    revision's publication. Since 0.1.0.
    """
    hint = _AS_OF_WORDS.search(text, start, end)  # a plain scan: no boundary test at each character
    match = _AS_OF.search(text, hint.start(), end) if hint is not None else None
    if match is None:
        return None
    words = match["time"].strip().strip("()")
    base = local_day(published)
    best: TimePoint | None = None
    for offset in (-1, 0, 1):
        try:
            point = TimePoint.parse(words.replace("(", "").replace(")", ""),
                                    reference=base + timedelta(days=offset))
        except TimeParseError:
            return None
        if point.lower <= published.upper:
            best = point
    return best


