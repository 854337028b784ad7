"""From raw article text to report events: claims with evidence, revisions and times.

>>> from taji_events.extract import extract_events
>>> text = "date 2021-06-02 Three soldiers were killed when 12 rockets hit the base, police said."
>>> (report,) = extract_events(text, incident="base-2021-06-02", source="Example Wire")
>>> [(c.field, c.value.low, c.evidence.quote) for c in report.claims]
[('killed', 3, 'Three soldiers were killed'), ('rockets_impacted', 12, '12 rockets hit')]

Public API: :func:`extract_events` and :func:`extract` (which also declares the
incidents a text recalls); declared incidents to route claims to
(:class:`DeclaredIncident`, :func:`declarations_from`); the gold format (:func:`load_gold`,
:func:`parse_gold`, :func:`dump_gold`, :func:`from_events`, :class:`GoldSet`) and
scoring (:func:`evaluate`, :class:`Evaluation`); errors :class:`ExtractionError`
and :class:`GoldFormatError`. See docs/extraction.md for the rules, their limits
and the scores.
"""

from __future__ import annotations

from taji_events.extract.errors import ExtractionError, GoldFormatError
from taji_events.extract.evaluate import CORE_FIELDS, Evaluation, FieldScore, evaluate
from taji_events.extract.gold import (
    GoldArticle,
    GoldClaim,
    GoldSet,
    dump_gold,
    from_events,
    load_gold,
    parse_gold,
)
from taji_events.extract.incidents import DeclaredIncident, declarations_from
from taji_events.extract.pipeline import Extraction, extract, extract_events

__all__ = [
    "CORE_FIELDS",
    "DeclaredIncident",
    "Evaluation",
    "Extraction",
    "ExtractionError",
    "FieldScore",
    "GoldArticle",
    "GoldClaim",
    "GoldFormatError",
    "GoldSet",
    "declarations_from",
    "dump_gold",
    "evaluate",
    "extract",
    "extract_events",
    "from_events",
    "load_gold",
    "parse_gold",
]
