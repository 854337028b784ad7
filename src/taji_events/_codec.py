"""Hand-written codecs for the hot paths: encoding every appended event, and
decoding the envelopes a store wrote itself.

:mod:`taji_events.serialization` (one cattrs converter) is the reference and
the only reader of *outside* data: JSON Lines files, imports, old envelope
versions. It validates every value, which is what a boundary must do, and
costs several times the JSON parse itself. Two paths do not need it:

* :func:`unstructure_event` builds the same dict as
  ``converter.unstructure(event)`` for the four event types, without cattrs'
  dispatch (the canonical bytes are identical; a property test checks it).
* :func:`trusted_event` rebuilds an event from a *current-version* envelope
  that a store wrote after validating the event. It sets the fields directly,
  skipping the validators that already passed on the way in, and shares equal
  sources, speakers and empty breakdowns between events (they are immutable),
  which keeps a replay's memory small. Anything not exactly in the encoder's
  form (an old version, a missing key, a time with an offset, a count without
  its stated figure, as an imported log may hold) falls back to the validating
  reader, which normalises it or gives its precise error. A row changed behind the store's back is what
  :meth:`~taji_events.store.EventStore.verify` is for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final, TypeVar

from taji_events.events import (
    Event,
    IncidentAmended,
    IncidentDeclared,
    RecordedEvent,
    ReportPublished,
    ReportRetracted,
)
from taji_events.model import Attribution, Claim, Count, Evidence, Source, Speaker
from taji_events.timepoint import TimePoint, format_utc

__all__ = [
    "builder",
    "trusted_event",
    "trusted_recorded",
    "unstructure_event",
    "unstructure_value",
    "value_key",
    "without_text",
]

_T = TypeVar("_T")
_new: Final = object.__new__
_set: Final = object.__setattr__
_EMPTY: Final[Mapping[str, int]] = MappingProxyType({})
_SHARED_LIMIT: Final = 65_536


def _utc(value: datetime) -> str:
    # format_utc's output, without converting what is already UTC.
    if value.tzinfo is UTC:
        return value.isoformat()[:-6] + "Z"
    return format_utc(value)


# -- encoding ----------------------------------------------------------------------------------

def _time(point: TimePoint) -> dict[str, Any]:
    return {"lower": _utc(point.lower), "upper": _utc(point.upper), "precision": point.precision,
            "text": point.text, "zone": point.zone, "zone_source": point.zone_source}


def unstructure_value(value: Count | Attribution) -> dict[str, Any]:
    """A claim value as its envelope dict, with its ``kind``."""
    if isinstance(value, Count):
        return {"kind": "count", "low": value.low, "high": value.high,
                "qualifier": value.qualifier, "stated": value.stated, "text": value.text,
                "breakdown": dict(value.breakdown), "lexicon": value.lexicon}
    return {"kind": "attribution", "actor": value.actor, "stance": value.stance,
            "asserted_by": value.asserted_by}


def _claim(claim: Claim) -> dict[str, Any]:
    speaker, evidence = claim.according_to, claim.evidence
    encoded = {"incident": claim.incident, "field": claim.field,
               "value": unstructure_value(claim.value),
               "according_to": {"name": speaker.name, "kind": speaker.kind},
               "evidence": None if evidence is None
               else {"start": evidence.start, "end": evidence.end, "quote": evidence.quote},
               "hedge": claim.hedge, "as_of": None if claim.as_of is None else _time(claim.as_of),
               "note": claim.note}
    if claim.scope is not None:  # omitted when None, so unscoped claims keep their bytes
        encoded["scope"] = claim.scope
    return encoded


def unstructure_event(event: Event) -> dict[str, Any]:
    """``converter.unstructure(event)``, faster. Raises TypeError for a non-event."""
    if isinstance(event, ReportPublished):
        source = event.source
        return {"report_id": event.report_id, "revision": event.revision,
                "source": {"name": source.name, "kind": source.kind, "zone": source.zone},
                "published_at": _time(event.published_at),
                "claims": [_claim(claim) for claim in event.claims],
                "title": event.title, "url": event.url, "text": event.text}
    if isinstance(event, IncidentDeclared):
        return {"incident_id": event.incident_id, "title": event.title, "place": event.place,
                "occurred_at": _time(event.occurred_at), "country": event.country,
                "zone": event.zone, "description": event.description}
    if isinstance(event, ReportRetracted):
        return {"report_id": event.report_id, "at": _time(event.at), "reason": event.reason}
    if isinstance(event, IncidentAmended):
        occurred = event.occurred_at
        return {"incident_id": event.incident_id, "amendment": event.amendment,
                "title": event.title, "place": event.place,
                "occurred_at": None if occurred is None else _time(occurred),
                "country": event.country, "zone": event.zone, "description": event.description,
                "reason": event.reason}
    raise TypeError(f"{event!r} is not an event of this library")


# -- trusted decoding --------------------------------------------------------------------------

def builder(cls: type[_T], names: tuple[str, ...]) -> Callable[..., _T]:
    """A constructor of ``cls`` that sets ``names`` without validators or converters."""
    # Generated straight-line code, as attrs generates __init__: a loop over the
    # names costs more than the rest of decoding.
    arguments = ", ".join(names)
    body = "".join(f"    _set(instance, {name!r}, {name})\n" for name in names)
    source = f"def build({arguments}):\n    instance = _new(cls)\n{body}    return instance\n"
    scope: dict[str, Any] = {"_new": _new, "_set": _set, "cls": cls}
    exec(source, scope)
    build: Callable[..., _T] = scope["build"]
    return build


_timepoint: Final = builder(TimePoint, ("lower", "upper", "precision", "text", "zone",
                                         "zone_source"))
_count: Final = builder(Count, ("low", "high", "qualifier", "stated", "text", "breakdown",
                                 "lexicon"))
_attribution: Final = builder(Attribution, ("actor", "stance", "asserted_by"))
_evidence: Final = builder(Evidence, ("start", "end", "quote"))
_claim_of: Final = builder(Claim, ("incident", "field", "value", "according_to", "evidence",
                                    "hedge", "as_of", "note", "scope"))
_report: Final = builder(ReportPublished, ("report_id", "revision", "source", "published_at",
                                            "claims", "title", "url", "text"))
_retraction: Final = builder(ReportRetracted, ("report_id", "at", "reason"))
_declaration: Final = builder(IncidentDeclared, ("incident_id", "title", "place", "occurred_at",
                                                  "country", "zone", "description"))
_amendment: Final = builder(IncidentAmended, ("incident_id", "amendment", "title", "place",
                                              "occurred_at", "country", "zone", "description",
                                              "reason"))
_speaker_build: Final = builder(Speaker, ("name", "kind"))
_source_build: Final = builder(Source, ("name", "kind", "zone"))

#: ``RecordedEvent(seq, recorded_at, event)`` for a store's own rows: the
#: ``recorded_at`` it passes is already an aware UTC datetime.
trusted_recorded: Final = builder(RecordedEvent, ("seq", "recorded_at", "event"))

_parse_time: Final = datetime.fromisoformat
_speakers: dict[tuple[str, str], Speaker] = {}
_sources: dict[tuple[str, str, str | None], Source] = {}


def _read_instant(text: str) -> datetime:
    # Our encoder writes UTC with "Z"; anything else (an offset, no zone) is left to
    # the validating reader, which converts or refuses it.
    if text[-1] != "Z":
        raise ValueError(text)
    return _parse_time(text)


def _read_time(data: dict[str, Any]) -> TimePoint:
    return _timepoint(_read_instant(data["lower"]), _read_instant(data["upper"]),
                      data["precision"], data["text"], data["zone"], data["zone_source"])


def _shared(cache: dict[Any, _T], key: Any, build: Callable[..., _T]) -> _T:
    """One instance per distinct value (they are immutable), the cache bounded."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= _SHARED_LIMIT:
            cache.clear()
        value = cache[key] = build(*key)
    return value


def _read_speaker(data: dict[str, Any]) -> Speaker:
    return _shared(_speakers, (data["name"], data["kind"]), _speaker_build)


def _read_source(data: dict[str, Any]) -> Source:
    return _shared(_sources, (data["name"], data["kind"], data["zone"]), _source_build)


def _read_claim(data: dict[str, Any]) -> Claim:
    value = data["value"]
    read: Count | Attribution
    if value["kind"] == "count":
        breakdown, stated = value["breakdown"], value["stated"]
        if type(stated) is not int:  # our encoder always writes it; the reader fills it in
            raise TypeError(stated)
        read = _count(value["low"], value["high"], value["qualifier"], stated, value["text"],
                      MappingProxyType(dict(sorted(breakdown.items()))) if breakdown else _EMPTY,
                      value["lexicon"])
    else:
        read = _attribution(value["actor"], value["stance"], value["asserted_by"])
    evidence = data["evidence"]
    as_of = data["as_of"]
    scope = data.get("scope")
    if scope is not None and (type(scope) is not str or not scope.strip()):
        raise TypeError(scope)  # not what our encoder writes: the validating reader says why
    return _claim_of(data["incident"], data["field"], read, _read_speaker(data["according_to"]),
                     None if evidence is None
                     else _evidence(evidence["start"], evidence["end"], evidence["quote"]),
                     data["hedge"], None if as_of is None else _read_time(as_of), data["note"],
                     scope)


def _read_report(data: dict[str, Any]) -> ReportPublished:
    return _report(data["report_id"], data["revision"], _read_source(data["source"]),
                   _read_time(data["published_at"]),
                   tuple([_read_claim(claim) for claim in data["claims"]]),
                   data["title"], data["url"], data["text"])


def _read_retraction(data: dict[str, Any]) -> ReportRetracted:
    return _retraction(data["report_id"], _read_time(data["at"]), data["reason"])


def _read_declaration(data: dict[str, Any]) -> IncidentDeclared:
    return _declaration(data["incident_id"], data["title"], data["place"],
                        _read_time(data["occurred_at"]), data["country"], data["zone"],
                        data["description"])


def _read_amendment(data: dict[str, Any]) -> IncidentAmended:
    occurred = data["occurred_at"]
    if type(data["amendment"]) is not int:
        raise TypeError(data["amendment"])
    return _amendment(data["incident_id"], data["amendment"], data["title"], data["place"],
                      None if occurred is None else _read_time(occurred), data["country"],
                      data["zone"], data["description"], data["reason"])


#: Readers of the current version of each type (kept in step with CURRENT_VERSIONS).
_READERS: Final[Mapping[tuple[str, int], Callable[[dict[str, Any]], Event]]] = {
    ("ReportPublished", 2): _read_report,
    ("ReportRetracted", 1): _read_retraction,
    ("IncidentDeclared", 1): _read_declaration,
    ("IncidentAmended", 1): _read_amendment,
}


def trusted_event(envelope: Any) -> Event | None:
    """The event of a parsed current-version envelope the store wrote, or None when
    this fast reader does not apply (then use the validating reader)."""
    try:
        version = envelope["version"]
        reader = _READERS.get((envelope["type"], version)) if type(version) is int else None
        return None if reader is None else reader(envelope["data"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def without_text(event: ReportPublished) -> ReportPublished:
    """``attrs.evolve(event, text=None)`` without validating the copy again."""
    return _report(event.report_id, event.revision, event.source, event.published_at,
                   event.claims, event.title, event.url, None)


def value_key(value: Count | Attribution) -> tuple[Any, ...]:
    """A hashable key equal for equal claim values (breakdowns are not hashable)."""
    if isinstance(value, Count):
        return ("count", value.low, value.high, value.qualifier, value.stated, value.text,
                tuple(value.breakdown.items()), value.lexicon)
    return ("attribution", value.actor, value.stance, value.asserted_by)
