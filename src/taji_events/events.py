"""The immutable events of the log, and what the store adds when it records one.

* :class:`IncidentDeclared` — a real-world happening, its place and occurrence time.
* :class:`ReportPublished` — one revision of one publication with every claim it
  makes as of that revision; revision ``n+1`` replaces the claims of revision ``n``.
* :class:`ReportRetracted` — the report's claims stop counting from ``at`` onward.
* :class:`IncidentAmended` — a correction to an incident's declaration (title,
  place, time, ...); the declaration and earlier amendments stay as recorded.

Each event has an ``identity``: appending the same event twice is a no-op,
appending a different event under an existing identity is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from taji_events.errors import EvidenceSpanError, InvalidEventError
from taji_events.model import (
    Claim,
    Source,
    check_identifier,
    check_text,
    check_whole_number,
    check_zone_name,
)
from taji_events.timepoint import TimePoint, coerce_event_time, require_aware

__all__ = [
    "Event",
    "IncidentAmended",
    "IncidentDeclared",
    "RecordedEvent",
    "ReportPublished",
    "ReportRetracted",
    "event_incidents",
]


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidEventError(f"{type(instance).__name__}.{attribute.name} must be a non-empty "
                                f"string, got {value!r}")
    check_identifier(f"{type(instance).__name__}.{attribute.name}", value)


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):
        raise InvalidEventError(f"{type(instance).__name__}.{attribute.name} must be a string, "
                                f"got {type(value).__name__} {value!r}")
    check_text(f"{type(instance).__name__}.{attribute.name}", value)


def _optional_text(instance: object, attribute: attrs.Attribute[str | None],
                   value: str | None) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidEventError(f"{type(instance).__name__}.{attribute.name} must be a string "
                                f"or None, got {type(value).__name__} {value!r}")
    if value is not None:
        check_text(f"{type(instance).__name__}.{attribute.name}", value)


def _is(kind: type, hint: str) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidEventError(f"{type(instance).__name__}.{attribute.name} must be a "
                                    f"{kind.__name__}, got {type(value).__name__} {value!r}; {hint}")
    return check


@attrs.frozen
class IncidentDeclared:
    """A real-world happening: id, title, place, country (ISO alpha-2), local zone.

    Since 0.1.0.
    """

    incident_id: str = attrs.field(validator=_non_empty)
    title: str = attrs.field(validator=_text)
    place: str = attrs.field(validator=_text)
    occurred_at: TimePoint = attrs.field(converter=coerce_event_time)
    country: str | None = attrs.field(default=None, validator=_optional_text)
    zone: str | None = attrs.field(default=None, validator=check_zone_name)
    description: str = attrs.field(default="", validator=_text)

    @property
    def identity(self) -> str:
        return f"incident:{self.incident_id}"


def _optional_event_time(value: TimePoint | datetime | None) -> TimePoint | None:
    return None if value is None else coerce_event_time(value)


def _amendment_number(instance: IncidentAmended, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidEventError(f"incident {instance.incident_id!r}: amendment must be a whole "
                                f"number >= 1 (the first amendment is 1), got {value!r}")


@attrs.frozen
class IncidentAmended:
    """A correction to incident ``incident_id``'s declaration: each field that is
    not None replaces the declared one; ``amendment`` numbers the corrections of
    one incident from 1, and a later number wins (folded by
    :func:`taji_events.declarations.fold_declaration`).

    Since 0.2.0.
    """

    incident_id: str = attrs.field(validator=_non_empty)
    amendment: int = attrs.field(validator=_amendment_number)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    place: str | None = attrs.field(default=None, validator=_optional_text)
    occurred_at: TimePoint | None = attrs.field(default=None, converter=_optional_event_time)
    country: str | None = attrs.field(default=None, validator=_optional_text)
    zone: str | None = attrs.field(default=None, validator=check_zone_name)
    description: str | None = attrs.field(default=None, validator=_optional_text)
    reason: str = attrs.field(default="", validator=_text)

    def __attrs_post_init__(self) -> None:
        if all(getattr(self, name) is None for name in AMENDABLE):
            raise InvalidEventError(
                f"incident {self.incident_id!r} amendment {self.amendment} changes nothing; "
                f"give at least one of {', '.join(AMENDABLE)}")

    @property
    def identity(self) -> str:
        return f"incident:{self.incident_id}#amendment-{self.amendment}"


#: The declaration fields an amendment can correct.
AMENDABLE: tuple[str, ...] = ("title", "place", "occurred_at", "country", "zone", "description")


def _to_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    if isinstance(claims, str | bytes) or not isinstance(claims, Iterable):
        raise InvalidEventError(f"ReportPublished.claims must be a list of Claim values, "
                                f"got {type(claims).__name__} {claims!r:.60}")
    return tuple(claims)


@attrs.frozen
class ReportPublished:
    """One revision of one report, carrying every claim it makes as of that revision.

    When ``text`` is given every claim's evidence must satisfy
    ``text[start:end] == quote``; otherwise :class:`EvidenceSpanError` names the
    claim and the text actually found there.

    Since 0.1.0.
    """

    report_id: str = attrs.field(validator=_non_empty)
    revision: int
    source: Source = attrs.field(validator=_is(Source, "use Source(name, kind)"))
    published_at: TimePoint = attrs.field(converter=coerce_event_time)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_to_claims)
    title: str = attrs.field(default="", validator=_text)
    url: str | None = attrs.field(default=None, validator=_optional_text)
    text: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.revision, int) or isinstance(self.revision, bool) or self.revision < 0:
            raise InvalidEventError(
                f"report {self.report_id!r}: revision must be a whole number >= 0, "
                f"got {self.revision!r}"
            )
        check_whole_number(f"report {self.report_id!r}: revision", self.revision)
        for index, claim in enumerate(self.claims):
            if not isinstance(claim, Claim):
                raise InvalidEventError(
                    f"report {self.report_id!r} revision {self.revision}: claims[{index}] is "
                    f"{type(claim).__name__}, not a Claim"
                )
            span = claim.evidence
            if self.text is None or span is None:
                continue
            found = self.text[span.start:span.end]
            if span.end > len(self.text) or found != span.quote:
                raise EvidenceSpanError(
                    f"report {self.report_id!r} revision {self.revision}, claims[{index}] "
                    f"({claim.field}): evidence {span.start}..{span.end} should read "
                    f"{span.quote!r} but the text there is {found!r} (text length "
                    f"{len(self.text)}); fix the offsets, e.g. text.find(quote)"
                )

    @property
    def identity(self) -> str:
        return f"report:{self.report_id}@{self.revision}"

    @property
    def incidents(self) -> frozenset[str]:
        return frozenset(claim.incident for claim in self.claims)


@attrs.frozen
class ReportRetracted:
    """The report's claims stop counting from ``at`` (publication axis) onward.

    Retraction is final for a report id: republish corrected claims under a new id.

    Since 0.1.0.
    """

    report_id: str = attrs.field(validator=_non_empty)
    at: TimePoint = attrs.field(converter=coerce_event_time)
    reason: str = attrs.field(default="", validator=_text)

    @property
    def identity(self) -> str:
        return f"retraction:{self.report_id}"


Event: TypeAlias = IncidentDeclared | ReportPublished | ReportRetracted | IncidentAmended
EVENT_TYPES: tuple[type[Event], ...] = (IncidentDeclared, ReportPublished, ReportRetracted,
                                        IncidentAmended)


def event_incidents(event: Event) -> frozenset[str]:
    """The incidents an event names directly."""
    if isinstance(event, IncidentDeclared | IncidentAmended):
        return frozenset({event.incident_id})
    if isinstance(event, ReportPublished):
        return event.incidents
    return frozenset()


def event_report_id(event: Event) -> str | None:
    """The report an event belongs to, if any."""
    return None if isinstance(event, IncidentDeclared | IncidentAmended) else event.report_id


def _aware_recorded_at(value: datetime) -> datetime:
    return require_aware(value, name="recorded_at")


@attrs.frozen
class RecordedEvent:
    """An event as the store recorded it: its ``seq`` (gap-free position in the
    log, the only order of knowledge) and ``recorded_at`` (when we learned it).

    Since 0.1.0.
    """

    seq: int
    recorded_at: datetime = attrs.field(converter=_aware_recorded_at)
    event: Event
