"""One exception hierarchy, rooted in :class:`TajiEventsError`.

Every error names the input that caused it and says how to fix it. Errors that
come from a bad value also derive from :class:`ValueError`, so code that only
knows the standard library can still catch them.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousZoneError",
    "ConcurrencyError",
    "EnvelopeError",
    "EvidenceSpanError",
    "IdentityConflictError",
    "IntegrityError",
    "InvalidCountError",
    "InvalidEventError",
    "InvalidQueryError",
    "MissingDependencyError",
    "NaiveDatetimeError",
    "ReportError",
    "SnapshotError",
    "StoreError",
    "TajiEventsError",
    "TimeParseError",
    "TornWriteError",
    "TornWriteWarning",
    "UnknownEventTypeError",
    "UnknownEventVersionError",
    "UnknownFieldError",
    "UnknownIncidentError",
    "UnknownPolicyError",
    "UnknownZoneError",
]


class TajiEventsError(Exception):
    """Base class of every error this library raises on purpose."""


class TimeParseError(TajiEventsError, ValueError):
    """A time text could not be read as a time point."""


class NaiveDatetimeError(TimeParseError):
    """A datetime without a time zone reached the API boundary."""


class UnknownZoneError(TimeParseError):
    """A zone word is neither an IANA name nor in the zone-word table."""


class AmbiguousZoneError(TimeParseError):
    """A zone abbreviation means different zones in different places."""


class InvalidCountError(TajiEventsError, ValueError):
    """A count is inconsistent: negative, low above high, or a bad qualifier."""


class InvalidEventError(TajiEventsError, ValueError):
    """An event or one of its claims is malformed."""


class EvidenceSpanError(InvalidEventError):
    """A claim's evidence span does not match the report text."""


class EnvelopeError(TajiEventsError, ValueError):
    """A stored or imported envelope is malformed."""


class UnknownEventTypeError(EnvelopeError):
    """An envelope names an event type this library does not know."""


class UnknownEventVersionError(EnvelopeError):
    """An envelope's version is newer than this library, or has no upcaster."""


class StoreError(TajiEventsError):
    """A store could not do what was asked; nothing was written."""


class IntegrityError(StoreError):
    """A stored log breaks its hash chain, or records to import do not continue
    the target's chain. Since 0.1.0."""


class TornWriteError(StoreError):
    """A JSON Lines store ends in a batch an interrupted append left unfinished.

    Since 0.1.0."""


class TornWriteWarning(UserWarning):
    """``repair=True`` cut an unfinished batch off a JSON Lines store. Since 0.1.0."""


class IdentityConflictError(StoreError):
    """A different event was appended under an identity already in the store."""


class ConcurrencyError(StoreError):
    """An append's ``expected_seq`` no longer matches the store's last ``seq``."""


class SnapshotError(TajiEventsError, ValueError):
    """A snapshot is malformed or does not fit the store it is resumed on."""


class UnknownPolicyError(TajiEventsError, ValueError):
    """A policy name is not one of the registered policies."""


class InvalidQueryError(TajiEventsError, ValueError):
    """A replay argument is invalid, e.g. an unknown mode or a negative ``seq``."""


class UnknownIncidentError(TajiEventsError, LookupError):
    """An incident id has no events in the store."""


class UnknownFieldError(TajiEventsError, KeyError):
    """A state has no belief about the field asked for; the message names the fields
    it has. (A ``KeyError`` too, as a mapping look-up's error.)"""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ReportError(TajiEventsError):
    """The HTML report cannot be written where asked (the message says why)."""


class MissingDependencyError(TajiEventsError, ImportError):
    """An optional dependency a call needs is not installed; the message names the
    extra that brings it (``pip install 'taji_events[parquet]'``). Since 0.2.0."""
