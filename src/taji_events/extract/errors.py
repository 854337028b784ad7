"""Errors of the extraction stage, both rooted in :class:`~taji_events.errors.TajiEventsError`."""

from __future__ import annotations

from taji_events.errors import TajiEventsError

__all__ = ["ExtractionError", "GoldFormatError"]


class ExtractionError(TajiEventsError, ValueError):
    """A text could not be turned into report events (e.g. no publication time).

    Since 0.1.0.
    """


class GoldFormatError(ExtractionError):
    """A gold file does not follow the gold format (docs/extraction.md).

    Since 0.1.0.
    """
