"""Versioned envelopes ``{"type", "version", "data"}`` through one cattrs converter.

(De)serialisation lives here, outside the value classes: one converter,
configured once, used at every boundary (stores, JSON Lines, the CLI). Old
envelopes are upcast on read by pure functions registered per
``(type, version)``; upcasting a current envelope changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import cattrs
import orjson
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from taji_events._codec import trusted_event, unstructure_event, unstructure_value
from taji_events.atomic_files import write_bytes_atomically
from taji_events.errors import (
    EnvelopeError,
    TajiEventsError,
    UnknownEventTypeError,
    UnknownEventVersionError,
)
from taji_events.events import (
    EVENT_TYPES,
    Event,
)
from taji_events.model import Attribution, Claim, ClaimValue, Count
from taji_events.timepoint import TimePoint, format_utc, require_aware

__all__ = [
    "CURRENT_VERSIONS",
    "converter",
    "dumps_event",
    "event_hash",
    "from_envelope",
    "loads_event",
    "loads_stored",
    "read_jsonl",
    "register_upcaster",
    "to_envelope",
    "upcast",
    "write_jsonl",
]

Envelope = dict[str, Any]
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

CURRENT_VERSIONS: Final[Mapping[str, int]] = {
    "IncidentDeclared": 1,
    "IncidentAmended": 1,
    "ReportPublished": 2,
    "ReportRetracted": 1,
}
_TYPES: Final[Mapping[str, type[Event]]] = {cls.__name__: cls for cls in EVENT_TYPES}
_UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def _make_converter(*, detailed: bool = False) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)

    def structure_int(value: Any, _: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise EnvelopeError(f"expected a whole number, got {value!r}")
        return value

    def structure_str(value: Any, _: Any) -> str:
        if not isinstance(value, str):
            raise EnvelopeError(f"expected a string, got {value!r}")
        return value

    def structure_datetime(value: Any, _: Any) -> datetime:
        if not isinstance(value, str):
            raise EnvelopeError(f"expected an ISO 8601 UTC time string, got {value!r}")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise EnvelopeError(f"{value!r} is not an ISO 8601 time") from None
        return require_aware(parsed, name="time")

    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(str, structure_str)
    conv.register_structure_hook(datetime, structure_datetime)
    conv.register_unstructure_hook(datetime, format_utc)

    def structure_value(data: Any, _: Any) -> ClaimValue:
        if not isinstance(data, dict) or data.get("kind") not in ("count", "attribution"):
            raise EnvelopeError(
                f"claim value must be an object with kind 'count' or 'attribution', got {data!r}"
            )
        fields = {key: value for key, value in data.items() if key != "kind"}
        if data["kind"] == "count":
            breakdown = fields.get("breakdown", {})
            if not isinstance(breakdown, dict):
                raise EnvelopeError(f"count breakdown must be an object, got {breakdown!r}")
            fields["breakdown"] = breakdown
            return conv.structure(fields, Count)
        return conv.structure(fields, Attribution)

    # Outside data may write a time as people do ("2021-06-01T23:40+03:00",
    # "2020-03-11"); it is read as TimePoint.parse reads it and stored in full.
    time_point_fields = make_dict_structure_fn(TimePoint, conv)

    def structure_time_point(value: Any, _: Any) -> TimePoint:
        if isinstance(value, str):
            return TimePoint.parse(value)
        if not isinstance(value, dict):
            raise EnvelopeError(f"expected a time: a string such as '2020-03-11T22:20Z' or an "
                                f"object with lower, upper, precision, got {value!r}")
        return time_point_fields(value, TimePoint)

    conv.register_structure_hook(TimePoint, structure_time_point)
    conv.register_unstructure_hook(Count, unstructure_value)
    conv.register_unstructure_hook(Attribution, unstructure_value)
    conv.register_unstructure_hook(ClaimValue, unstructure_value)
    conv.register_structure_hook(ClaimValue, structure_value)
    conv.register_structure_hook(Count, lambda data, _: Count(**data))
    # An unscoped claim's envelope has no "scope" key, so its bytes and hash stay as before.
    conv.register_unstructure_hook(Claim, make_dict_unstructure_fn(
        Claim, conv, scope=override(omit_if_default=True)))
    return conv


#: The converter used at every boundary.
converter: Final = _make_converter()
# Used only once structuring has failed, to say *where* in the data it failed
# (detailed validation costs time on every good event).
_detailed_converter: Final = _make_converter(detailed=True)


def _where(data: Any, cls: type) -> str:
    """The path and reason of a structuring failure, e.g. ``$.claims[0].note``."""
    try:
        _detailed_converter.structure(data, cls)
    except cattrs.BaseValidationError as group:
        messages = cattrs.transform_error(group, path="data")
        return "; ".join(messages[:3])
    except Exception as error:
        return str(error)
    return ""


def register_upcaster(event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register a pure function turning ``event_type`` data of ``from_version`` into
    ``from_version + 1``. Since 0.1.0.
    """
    def decorate(function: Upcaster) -> Upcaster:
        _UPCASTERS[(event_type, from_version)] = function
        return function
    return decorate


@register_upcaster("ReportPublished", 1)
def _report_published_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 kept the speaker as two flat keys on each claim
    # ("according_to": name, "speaker_kind": kind); version 2 nests them.
    claims = []
    for claim in data.get("claims", []):
        claim = dict(claim)
        if isinstance(claim.get("according_to"), str):
            claim["according_to"] = {"name": claim["according_to"],
                                     "kind": claim.pop("speaker_kind", "unattributed")}
        claims.append(claim)
    return {**data, "claims": claims}


def _check_envelope(envelope: Any) -> tuple[str, int, dict[str, Any]]:
    if not isinstance(envelope, dict):
        raise EnvelopeError(f"envelope must be a JSON object, got {type(envelope).__name__}")
    missing = {"type", "version", "data"} - envelope.keys()
    extra = envelope.keys() - {"type", "version", "data"}
    if missing or extra:
        raise EnvelopeError(
            f"envelope keys must be exactly type, version, data; missing {sorted(missing)}, "
            f"unexpected {sorted(extra)}"
        )
    kind, version, data = envelope["type"], envelope["version"], envelope["data"]
    if not isinstance(kind, str):
        raise EnvelopeError(f"envelope type must be a string naming the event type "
                            f"({', '.join(CURRENT_VERSIONS)}), got {type(kind).__name__} "
                            f"{kind!r:.60}")
    if kind not in CURRENT_VERSIONS:
        raise UnknownEventTypeError(
            f"unknown event type {kind!r}; known types: {', '.join(CURRENT_VERSIONS)}"
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise EnvelopeError(f"{kind} envelope: version must be a whole number >= 1, got {version!r}")
    if version > CURRENT_VERSIONS[kind]:
        raise UnknownEventVersionError(
            f"{kind} version {version} is newer than this library reads "
            f"({CURRENT_VERSIONS[kind]}); upgrade taji_events"
        )
    if not isinstance(data, dict):
        raise EnvelopeError(f"{kind} envelope: data must be a JSON object, got {data!r}")
    return kind, version, data


def upcast(envelope: Mapping[str, Any]) -> Envelope:
    """Bring an envelope to the current version of its type. Idempotent.

    Raises :class:`UnknownEventTypeError`, :class:`UnknownEventVersionError` or
    :class:`EnvelopeError`. Since 0.1.0.
    """
    if not isinstance(envelope, Mapping):
        raise EnvelopeError(f"envelope must be a JSON object, got {type(envelope).__name__} "
                            f"{envelope!r:.80}")
    kind, version, data = _check_envelope(dict(envelope))
    while version < CURRENT_VERSIONS[kind]:
        step = _UPCASTERS.get((kind, version))
        if step is None:
            raise UnknownEventVersionError(
                f"{kind} version {version} has no upcaster to version {version + 1}"
            )
        data, version = step(data), version + 1
    return {"type": kind, "version": version, "data": data}


def to_envelope(event: Event) -> Envelope:
    """The current-version envelope of ``event``. Since 0.1.0."""
    kind = type(event).__name__
    if kind not in CURRENT_VERSIONS:
        raise UnknownEventTypeError(f"{event!r} is not an event of this library")
    # The same dict as converter.unstructure(event), built by hand: every append
    # encodes every event, and cattrs' dispatch was most of that cost.
    return {"type": kind, "version": CURRENT_VERSIONS[kind], "data": unstructure_event(event)}


def from_envelope(envelope: Mapping[str, Any]) -> Event:
    """Read an event from an envelope of any known version (upcast first).

    Raises a :class:`~taji_events.errors.TajiEventsError` subclass naming what is
    wrong: :class:`EnvelopeError` for a malformed envelope, or the validation
    error of the value (e.g. :class:`~taji_events.errors.InvalidCountError`).
    Since 0.1.0.
    """
    current = upcast(envelope)
    kind = current["type"]
    try:
        event: Event = converter.structure(current["data"], _TYPES[kind])
    except Exception as error:  # cattrs and attrs raise many kinds; all mean "bad data"
        where = _where(current["data"], _TYPES[kind])
        if isinstance(error, TajiEventsError):
            paths = ", ".join(part.rpartition(" @ ")[2] for part in where.split("; ") if " @ " in part)
            raise type(error)(f"{kind} envelope: {error}" + (f" (at {paths})" if paths else "")) \
                from None
        detail = where or (f"missing key {error}" if isinstance(error, KeyError) else str(error))
        raise EnvelopeError(f"{kind} envelope data does not fit the event: {detail}") from None
    return event


def dumps_event(event: Event) -> bytes:
    """Canonical bytes of ``event``'s envelope (sorted keys, no spaces). Since 0.1.0."""
    return orjson.dumps(to_envelope(event), option=orjson.OPT_SORT_KEYS)


def event_hash(event: Event) -> str:
    """SHA-256 of the canonical bytes: equal for equal events. Since 0.1.0."""
    return hashlib.sha256(dumps_event(event)).hexdigest()


def loads_event(raw: bytes | str) -> Event:
    """Read one event from JSON text. Raises :class:`EnvelopeError` for bad JSON."""
    try:
        envelope = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise EnvelopeError(f"not valid JSON: {error}") from None
    return from_envelope(envelope)


def loads_stored(raw: bytes | str) -> Event:
    """Read an envelope that a store wrote itself (after validating its event).

    Current-version envelopes are rebuilt without re-running validation
    (:mod:`taji_events._codec`); anything else goes through
    :func:`loads_event`, with its errors. Never use it for outside data.
    Since 0.2.0.
    """
    try:
        envelope = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise EnvelopeError(f"not valid JSON: {error}") from None
    event = trusted_event(envelope)
    return from_envelope(envelope) if event is None else event


def read_jsonl(path: str | Path) -> list[Event]:
    """Read every event of a JSON Lines file; errors name the file and line.

    Nothing is returned unless every line is valid. Since 0.1.0.
    """
    return list(iter_jsonl(Path(path).read_bytes().splitlines(), name=str(path)))


def iter_jsonl(lines: Iterable[bytes], *, name: str = "<input>") -> Iterator[Event]:
    """Events from JSON Lines; blank lines are skipped. Errors name ``name:line``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield loads_event(line)
        except TajiEventsError as error:
            raise type(error)(f"{name}:{number}: {error}") from None


def write_jsonl(events: Iterable[Event], path: str | Path) -> None:
    """Write events as JSON Lines in canonical form, replacing ``path``
    atomically (the file is whole or untouched). Since 0.1.0."""
    write_bytes_atomically(path, b"".join(dumps_event(event) + b"\n" for event in events))
