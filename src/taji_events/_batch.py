"""One pass over each event of a batch being appended.

An append needs three things of every event: its canonical envelope bytes
(what is stored, hashed and chained), the columns a recorder indexes beside
them (a :class:`~taji_events.recorder.PreparedEvent`), and its claim rows
(:mod:`taji_events.claim_rows`). The reference functions compute each from
the event on its own: :func:`~taji_events.serialization.dumps_event` builds
the envelope dict and lets orjson sort its keys,
:func:`~taji_events.claim_rows.event_rows` walks the event again. Here one
read of each value gives all three: the envelope dicts are built with their
keys already in sorted order (so orjson writes the canonical bytes without
sorting them), and each claim row is filled from the same local values as the
claim's envelope.

A claim row holds the ``seq`` of its event, which is known for certain only
inside the write lock, while a batch is encoded before it (so that the lock is
held briefly). :func:`prepare` is therefore given the seq the event will have
if the store is not written to meanwhile, and the store keeps the rows only
when the batch does get those seqs; otherwise it derives them again from the
events (:func:`written_rows`).

An event, claim or claim value of a type other than this library's own (a
subclass), and a breakdown not in sorted order, go through the reference
functions instead, so their bytes and errors are what they were.
The tests keep the reference as the oracle: equal bytes and equal rows for
every event the :mod:`taji_events.testing` strategies generate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import orjson

from taji_events._codec import _utc, builder
from taji_events.chain import StoredRecord
from taji_events.claim_rows import encode_breakdown, event_rows, to_micros
from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    ReportPublished,
    ReportRetracted,
)
from taji_events.model import Attribution, Claim, Count
from taji_events.recorder import PreparedEvent
from taji_events.serialization import CURRENT_VERSIONS
from taji_events.timepoint import TimePoint

__all__ = ["Rows", "encode_event", "prepare", "written_rows"]

#: Claim, edge and declaration rows (:mod:`taji_events.claim_rows`), in that order.
Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]

_sha256: Final = hashlib.sha256
_dumps: Final = orjson.dumps
_prepared: Final = builder(PreparedEvent, ("event", "identity", "content_hash", "envelope",
                                           "type", "version", "incidents", "report_id"))
_NO_INCIDENTS: Final[frozenset[str]] = frozenset()
_REPORT_VERSION: Final = CURRENT_VERSIONS["ReportPublished"]
_RETRACTION_VERSION: Final = CURRENT_VERSIONS["ReportRetracted"]
_DECLARATION_VERSION: Final = CURRENT_VERSIONS["IncidentDeclared"]
_AMENDMENT_VERSION: Final = CURRENT_VERSIONS["IncidentAmended"]


class _Reference(Exception):
    """Raised inside the fast path for a value it does not handle: the event
    then goes through the reference functions."""


def _time(point: TimePoint) -> dict[str, Any]:
    # The text of a bound depends on its instant alone, so equal bounds (an
    # instant's) are formatted once.
    lower, upper = point.lower, point.upper
    text = _utc(lower)
    return {"lower": text, "precision": point.precision, "text": point.text,
            "upper": text if upper == lower else _utc(upper), "zone": point.zone,
            "zone_source": point.zone_source}


def _window(point: TimePoint) -> tuple[int, int, int]:
    """:func:`~taji_events.claim_rows._window` in whole numbers: the midpoint is
    ``lower + (upper - lower) / 2`` rounded half to even, as timedelta rounds."""
    lower = to_micros(point.lower)
    if point.upper == point.lower:
        return lower, lower, lower
    upper = to_micros(point.upper)
    half, odd = divmod(upper - lower, 2)
    if odd and half % 2:
        half += 1
    return lower, upper, lower + half


def _sorted_breakdown(breakdown: Any) -> dict[str, int]:
    encoded = dict(breakdown)
    if len(encoded) > 1 and list(encoded) != sorted(encoded):
        raise _Reference  # not as a Count keeps it: let orjson sort it
    return encoded


def _claims(report_id: str, revision: int, claims: Sequence[Claim], seq: int | None
            ) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]], set[str]]:
    encoded: list[dict[str, Any]] = []
    rows: list[tuple[Any, ...]] = []
    incidents: set[str] = set()
    for index, claim in enumerate(claims):
        if type(claim) is not Claim:
            raise _Reference
        value = claim.value
        speaker = claim.according_to
        evidence = claim.evidence
        incident, field, hedge, note, scope = (claim.incident, claim.field, claim.hedge,
                                               claim.note, claim.scope)
        kind, name = speaker.kind, speaker.name
        as_of = claim.as_of
        when = None if as_of is None else _time(as_of)
        if evidence is None:
            quoted, label = None, note
        else:
            label = evidence.quote
            quoted = {"end": evidence.end, "quote": label, "start": evidence.start}
        if type(value) is Count:
            low, high, qualifier, stated, text, breakdown, lexicon = (
                value.low, value.high, value.qualifier, value.stated, value.text,
                value.breakdown, value.lexicon)
            value_data: dict[str, Any] = {
                "breakdown": _sorted_breakdown(breakdown) if breakdown else {},
                "high": high, "kind": "count", "lexicon": lexicon, "low": low,
                "qualifier": qualifier, "stated": stated, "text": text}
            if seq is not None:
                rows.append((incident, report_id, revision, index, seq, field, low, high,
                             qualifier, stated, text,
                             encode_breakdown(breakdown) if breakdown else None, lexicon,
                             None, None, None, hedge, kind, name, scope, label))
        elif type(value) is Attribution:
            actor, stance, asserted_by = value.actor, value.stance, value.asserted_by
            value_data = {"actor": actor, "asserted_by": asserted_by, "kind": "attribution",
                          "stance": stance}
            if seq is not None:
                rows.append((incident, report_id, revision, index, seq, field, None, None,
                             None, None, None, None, None, actor, stance, asserted_by, hedge,
                             kind, name, scope, label))
        else:
            raise _Reference
        speaker_data = {"kind": kind, "name": name}
        if scope is None:  # no "scope" key, so that unscoped claims keep their bytes
            encoded.append({"according_to": speaker_data, "as_of": when, "evidence": quoted,
                            "field": field, "hedge": hedge, "incident": incident, "note": note,
                            "value": value_data})
        else:
            encoded.append({"according_to": speaker_data, "as_of": when, "evidence": quoted,
                            "field": field, "hedge": hedge, "incident": incident, "note": note,
                            "scope": scope, "value": value_data})
        incidents.add(incident)
    return encoded, rows, incidents


def _report(event: ReportPublished, seq: int, into: Rows | None) -> PreparedEvent:
    report_id, revision, source, published_at = (event.report_id, event.revision, event.source,
                                                 event.published_at)
    claims, rows, incidents = _claims(report_id, revision, event.claims,
                                      None if into is None else seq)
    envelope = _dumps({"data": {
        "claims": claims, "published_at": _time(published_at), "report_id": report_id,
        "revision": revision,
        "source": {"kind": source.kind, "name": source.name, "zone": source.zone},
        "text": event.text, "title": event.title, "url": event.url},
        "type": "ReportPublished", "version": _REPORT_VERSION})
    if into is not None:
        into[0].extend(rows)
        into[1].append((report_id, revision, seq, *_window(published_at)))
    return _prepared(event, event.identity, _sha256(envelope).hexdigest(), envelope,
                     "ReportPublished", _REPORT_VERSION, frozenset(incidents), report_id)


def _retraction(event: ReportRetracted, seq: int, into: Rows | None) -> PreparedEvent:
    report_id, at = event.report_id, event.at
    envelope = _dumps({"data": {"at": _time(at), "reason": event.reason,
                                "report_id": report_id},
                       "type": "ReportRetracted", "version": _RETRACTION_VERSION})
    if into is not None:
        into[1].append((report_id, None, seq, *_window(at)))
    return _prepared(event, event.identity, _sha256(envelope).hexdigest(), envelope,
                     "ReportRetracted", _RETRACTION_VERSION, _NO_INCIDENTS, report_id)


def _declaration(event: IncidentDeclared, seq: int, into: Rows | None) -> PreparedEvent:
    incident = event.incident_id
    envelope = _dumps({"data": {
        "country": event.country, "description": event.description, "incident_id": incident,
        "occurred_at": _time(event.occurred_at), "place": event.place, "title": event.title,
        "zone": event.zone}, "type": "IncidentDeclared", "version": _DECLARATION_VERSION})
    if into is not None:
        into[2].append((incident, seq))
    return _prepared(event, event.identity, _sha256(envelope).hexdigest(), envelope,
                     "IncidentDeclared", _DECLARATION_VERSION, frozenset((incident,)), None)


def _amendment(event: IncidentAmended, seq: int, into: Rows | None) -> PreparedEvent:
    incident, occurred = event.incident_id, event.occurred_at
    envelope = _dumps({"data": {
        "amendment": event.amendment, "country": event.country,
        "description": event.description, "incident_id": incident,
        "occurred_at": None if occurred is None else _time(occurred), "place": event.place,
        "reason": event.reason, "title": event.title, "zone": event.zone},
        "type": "IncidentAmended", "version": _AMENDMENT_VERSION})
    if into is not None:
        into[2].append((incident, seq))
    return _prepared(event, event.identity, _sha256(envelope).hexdigest(), envelope,
                     "IncidentAmended", _AMENDMENT_VERSION, frozenset((incident,)), None)


_FAST: Final[Mapping[type, Callable[[Any, int, Rows | None], PreparedEvent]]] = {
    ReportPublished: _report, ReportRetracted: _retraction, IncidentDeclared: _declaration,
    IncidentAmended: _amendment}


def prepare(event: Event, seq: int = 0, into: Rows | None = None) -> PreparedEvent:
    """``PreparedEvent.of(event)``, from one read of the event's values that
    also adds its claim rows, recorded at ``seq``, to ``into`` (claim, edge and
    declaration rows; None: make no rows). Raises what
    :meth:`PreparedEvent.of <taji_events.recorder.PreparedEvent.of>` raises."""
    fast = _FAST.get(type(event))
    if fast is not None:
        try:
            return fast(event, seq, into)
        except _Reference:
            pass  # nothing was added to ``into``: each adds its rows once encoded
    prepared = PreparedEvent.of(event)
    if into is not None:
        for rows, found in zip(into, event_rows(seq, event), strict=True):
            rows.extend(found)
    return prepared


def encode_event(event: Event) -> bytes:
    """The canonical envelope bytes of ``event``, as
    :func:`~taji_events.serialization.dumps_event` gives them."""
    return prepare(event).envelope


def written_rows(written: Sequence[tuple[StoredRecord, PreparedEvent]]) -> Rows:
    """The claim, edge and declaration rows of stamped records and the events
    they were prepared from, by the reference :func:`~taji_events.claim_rows.event_rows`."""
    found: Rows = ([], [], [])
    for record, item in written:
        for rows, more in zip(found, event_rows(record.seq, item.event), strict=True):
            rows.extend(more)
    return found
