"""Incident declarations from plain strings, and a declaration folded with its amendments.

Pure values and functions: :func:`declare_incident` and :func:`amend_incident`
build the events from what a person types (a local time with an IANA zone, a
date, or an interval); :func:`fold_declaration` applies the amendments recorded
so far, in amendment order, to the declaration, which stays as recorded.

>>> declared = declare_incident("market-2021-06-01", title="Market bombing",
...                             place="Al-Rashid market, Baghdad", country="IQ",
...                             occurred="2021-06-01 23:40", zone="Asia/Baghdad")
>>> declared.occurred_at.lower.isoformat(), declared.occurred_at.precision
('2021-06-01T20:40:00+00:00', 'minute')
>>> fix = amend_incident(declared.incident_id, 1, place="Al-Rashid market, Karkh, Baghdad",
...                      reason="the district was misreported")
>>> fold_declaration(declared, [fix]).place
'Al-Rashid market, Karkh, Baghdad'
>>> declared.place
'Al-Rashid market, Baghdad'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from taji_events.errors import InvalidEventError, TimeParseError, UnknownZoneError
from taji_events.events import AMENDABLE, IncidentAmended, IncidentDeclared
from taji_events.timepoint import TimePoint

__all__ = ["amend_incident", "check_zone", "declare_incident", "fold_declaration",
           "occurrence_time"]


_COUNTRY_CODE: Final = re.compile(r"[A-Z]{2}")


@cache
def _zone_names() -> list[str]:
    return sorted(available_timezones())


def check_zone(zone: str | None) -> None:
    """Refuse a ``zone`` that is not an IANA zone name, naming the closest one.

    Raises :class:`~taji_events.errors.UnknownZoneError`. Since 0.3.0."""
    if zone is None:
        return
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        close = difflib.get_close_matches(str(zone), _zone_names(), n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownZoneError(f"zone: {zone!r} is not an IANA zone name{hint}; give the "
                               "place's zone as Area/City, e.g. 'Asia/Baghdad' or "
                               "'America/New_York'") from None


def _check_country(country: str | None) -> None:
    if country is not None and not _COUNTRY_CODE.fullmatch(country):
        raise InvalidEventError(f"country: {country!r} is not an ISO 3166-1 alpha-2 code; give "
                                "two capital letters, e.g. 'IQ' for Iraq or 'SY' for Syria")


def _check_named(name: str, value: str | None) -> None:
    if value is not None and not value.strip():
        raise InvalidEventError(f"{name}: the incident's {name} is empty; give it in words, e.g. "
                                + ("'Rocket attack on Camp Taji'" if name == "title"
                                   else "'Camp Taji, Iraq'"))


def occurrence_time(occurred: TimePoint | str, zone: str | None = None) -> TimePoint:
    """When an incident happened, from ``occurred``: a local clock time read in
    ``zone`` (``"2021-06-01 23:40"``), a time with its own zone or offset
    (``"2021-06-01T23:40+03:00"``), a date (``"2021-06-01"``, that day in
    ``zone``, or widened to every zone without one) or an interval (``"A/B"``).

    Raises :class:`~taji_events.errors.TimeParseError` (naming ``occurred``) and
    :class:`~taji_events.errors.UnknownZoneError`.
    """
    if isinstance(occurred, TimePoint):
        return occurred
    try:
        return TimePoint.parse(occurred, zone=zone)
    except TimeParseError as error:
        raise type(error)(f"occurrence time {occurred!r}: {error}") from None


def declare_incident(
    incident_id: str,
    *,
    title: str,
    place: str,
    occurred: TimePoint | str,
    zone: str | None = None,
    country: str | None = None,
    description: str = "",
) -> IncidentDeclared:
    """An :class:`IncidentDeclared` from plain strings (``occurred`` as in
    :func:`occurrence_time`; ``country`` an ISO 3166-1 alpha-2 code). A blank
    title or place, a country that is not two capital letters and a zone that is
    not an IANA name raise :class:`InvalidEventError` or
    :class:`~taji_events.errors.UnknownZoneError`. Since 0.2.0."""
    _check_named("title", title)
    _check_named("place", place)
    _check_country(country)
    check_zone(zone)
    return IncidentDeclared(incident_id=incident_id, title=title, place=place,
                            occurred_at=occurrence_time(occurred, zone), country=country,
                            zone=zone, description=description)


def amend_incident(
    incident_id: str,
    amendment: int,
    *,
    title: str | None = None,
    place: str | None = None,
    occurred: TimePoint | str | None = None,
    zone: str | None = None,
    country: str | None = None,
    description: str | None = None,
    reason: str = "",
) -> IncidentAmended:
    """Amendment number ``amendment`` of ``incident_id`` from plain strings: each
    argument given replaces the declared value; ``zone`` also reads ``occurred``.
    Values are checked as by :func:`declare_incident`. Since 0.2.0."""
    if all(value is None for value in (title, place, occurred, zone, country, description)):
        raise InvalidEventError(
            f"incident {incident_id!r} amendment {amendment} changes nothing; pass at least one "
            "of title=, place=, occurred=, zone=, country=, description=")
    _check_named("title", title)
    _check_named("place", place)
    _check_country(country)
    check_zone(zone)
    return IncidentAmended(
        incident_id=incident_id, amendment=amendment, title=title, place=place,
        occurred_at=None if occurred is None else occurrence_time(occurred, zone),
        country=country, zone=zone, description=description, reason=reason)


def fold_declaration(declaration: IncidentDeclared | None,
                     amendments: Iterable[IncidentAmended]) -> IncidentDeclared | None:
    """``declaration`` as its ``amendments`` correct it, applied in amendment order
    (whatever order they were recorded in); None when nothing was declared.

    Amendments of another incident raise :class:`InvalidEventError`.
    """
    if declaration is None:
        return None
    changes: dict[str, Any] = {}
    for amendment in sorted(amendments, key=lambda item: item.amendment):
        if amendment.incident_id != declaration.incident_id:
            raise InvalidEventError(
                f"amendment {amendment.amendment} of incident {amendment.incident_id!r} cannot "
                f"amend incident {declaration.incident_id!r}")
        changes.update({name: getattr(amendment, name) for name in AMENDABLE
                        if getattr(amendment, name) is not None})
    return attrs.evolve(declaration, **changes) if changes else declaration
