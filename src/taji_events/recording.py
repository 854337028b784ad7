"""What a person enters, appended to a store: an incident's declaration, its
amendments, a claim entered by hand (a call, a briefing: no text span), and
which incidents the claims name without a declaration.

The shell around :mod:`taji_events.declarations` (pure values): it reads what
the store holds, numbers the next amendment, and appends with the last seq it
read as the expected one, so two people amending at once cannot both get
number 2.

>>> from taji_events.memory import MemoryStore
>>> store = MemoryStore()
>>> declared = record_declaration(store, "market-2021-06-01", title="Market bombing",
...                               place="Al-Rashid market", occurred="2021-06-01 23:40",
...                               zone="Asia/Baghdad")
>>> amended = record_amendment(store, "market-2021-06-01", title="Market car bombing",
...                            reason="a car bomb, police said")
>>> amended.amendment, current_declaration(store, "market-2021-06-01").title
(1, 'Market car bombing')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import attrs

from taji_events.declarations import (
    amend_incident,
    declare_incident,
    fold_declaration,
    occurrence_time,
)
from taji_events.errors import IdentityConflictError, InvalidEventError, UnknownIncidentError
from taji_events.events import Event, IncidentAmended, IncidentDeclared, ReportPublished
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon
from taji_events.model import (
    ATTRIBUTION_FIELDS,
    STANCES,
    Attribution,
    Claim,
    ClaimValue,
    Count,
    Source,
    Speaker,
)
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint, coerce_time

__all__ = [
    "DeclarationHistory",
    "current_declaration",
    "declaration_history",
    "hand_claim_report",
    "record_amendment",
    "record_declaration",
    "undeclared_incidents",
]


@attrs.frozen
class DeclarationHistory:
    """An incident's declaration and amendments as recorded, up to ``last_seq``."""

    incident_id: str
    declaration: IncidentDeclared | None
    amendments: tuple[IncidentAmended, ...]
    last_seq: int

    @property
    def current(self) -> IncidentDeclared | None:
        """The declaration as the amendments correct it."""
        return fold_declaration(self.declaration, self.amendments)


def declaration_history(store: EventStore, incident_id: str) -> DeclarationHistory:
    """What ``store`` holds of ``incident_id``'s declaration. Since 0.2.0."""
    last = store.last_seq()
    declaration: IncidentDeclared | None = None
    amendments: list[IncidentAmended] = []
    for recorded in store.read(incident=incident_id, until_seq=last):
        event = recorded.event
        if isinstance(event, IncidentDeclared) and event.incident_id == incident_id:
            declaration = declaration or event
        elif isinstance(event, IncidentAmended) and event.incident_id == incident_id:
            amendments.append(event)
    amendments.sort(key=lambda item: item.amendment)
    return DeclarationHistory(incident_id, declaration, tuple(amendments), last)


def current_declaration(store: EventStore, incident_id: str) -> IncidentDeclared | None:
    """``incident_id``'s declaration with every recorded amendment applied. Since 0.2.0."""
    return declaration_history(store, incident_id).current


def record_declaration(
    store: EventStore,
    incident_id: str,
    *,
    title: str,
    place: str,
    occurred: TimePoint | str,
    zone: str | None = None,
    country: str | None = None,
    description: str = "",
) -> IncidentDeclared:
    """Declare ``incident_id`` (``occurred`` as in
    :func:`~taji_events.declarations.occurrence_time`). The same declaration twice
    records it once; a different one raises :class:`IdentityConflictError`, which
    says to amend instead. Since 0.2.0."""
    declared = declare_incident(incident_id, title=title, place=place, occurred=occurred,
                                zone=zone, country=country, description=description)
    history = declaration_history(store, incident_id)
    if history.declaration is not None and history.declaration != declared:
        raise IdentityConflictError(
            f"incident {incident_id!r} is already declared (as {history.declaration.title!r}, "
            f"{history.declaration.place!r}); a declaration never changes: record the "
            "correction as an amendment (taji-events amend, or record_amendment)")
    store.append([declared], expected_seq=history.last_seq)
    return declared


def record_amendment(
    store: EventStore,
    incident_id: str,
    *,
    title: str | None = None,
    place: str | None = None,
    occurred: TimePoint | str | None = None,
    zone: str | None = None,
    country: str | None = None,
    description: str | None = None,
    reason: str = "",
) -> IncidentAmended:
    """Append the next amendment of ``incident_id``: each value given replaces the
    declared one, and the declaration and earlier amendments stay as recorded.
    Without ``zone``, a local ``occurred`` is read in the zone the incident was
    declared (or last amended) with.
    Raises :class:`UnknownIncidentError` when the incident was never declared.
    Since 0.2.0."""
    history = declaration_history(store, incident_id)
    if history.declaration is None:
        raise UnknownIncidentError(
            f"incident {incident_id!r} is not declared, so there is nothing to amend; declare "
            "it first (taji-events declare, or record_declaration)")
    number = max((item.amendment for item in history.amendments), default=0) + 1
    current = history.current
    if isinstance(occurred, str) and zone is None and current is not None and current.zone:
        # A local time is read in the incident's declared zone, as `declare` read it.
        occurred = occurrence_time(occurred, current.zone)
    amendment = amend_incident(incident_id, number, title=title, place=place, occurred=occurred,
                               zone=zone, country=country, description=description, reason=reason)
    store.append([amendment], expected_seq=history.last_seq)
    return amendment


def undeclared_incidents(store: EventStore, events: Iterable[Event]) -> list[str]:
    """The incidents the claims of ``events`` name that ``store`` holds no
    declaration of, sorted."""
    named = {claim.incident for event in events if isinstance(event, ReportPublished)
             for claim in event.claims}
    return sorted(incident for incident in named
                  if declaration_history(store, incident).declaration is None)


def _claim_value(field: str, value: ClaimValue | str, stance: str | None, asserted_by: str,
                 lexicon: Lexicon) -> ClaimValue:
    if not isinstance(value, str):
        return value
    if field not in ATTRIBUTION_FIELDS:
        return Count.read(value, lexicon=lexicon)
    if stance is None:
        raise InvalidEventError(f"an {field} claim needs a stance for {value!r}: pass "
                                f"stance='accused' (one of {', '.join(STANCES)})")
    actor = None if stance == "no_claim" else value
    return Attribution(actor, stance, asserted_by=asserted_by)


def hand_claim_report(
    incident: str,
    field: str,
    value: ClaimValue | str,
    *,
    according_to: str,
    kind: str,
    published: TimePoint | str,
    note: str,
    hedge: str = "reported",
    stance: str | None = None,
    asserted_by: str = "",
    source: Source | None = None,
    report_id: str | None = None,
    zone: str | None = None,
    lexicon: Lexicon = DEFAULT_LEXICON,
) -> ReportPublished:
    """A claim entered by hand as a report of its own (revision 0, no text): ``value``
    is a count phrase ("3", "at least 2", "about a dozen") or, for an attribution
    field, the actor with ``stance``; ``note`` says where it came from (a call,
    a briefing, a reference). ``source`` defaults to the speaker as an official
    statement; ``report_id`` to one derived from the claim, so entering the same
    claim twice records it once. Pure: append the result, ``store.append([report])``.
    Since 0.2.0."""
    when = TimePoint.parse(published, zone=zone) if isinstance(published, str) and zone \
        else coerce_time(published, name="published")
    claim = Claim(incident=incident, field=field,
                  value=_claim_value(field, value, stance, asserted_by, lexicon),
                  according_to=Speaker(according_to, kind), evidence=None, hedge=hedge, note=note)
    publisher = source or Source(according_to, "official_statement", zone)
    if report_id is None:
        digest = hashlib.sha256("\x1f".join((
            incident, field, repr(claim.value), according_to, kind, hedge, when.text,
            format(when.lower), note, publisher.name)).encode()).hexdigest()[:12]
        report_id = f"by-hand:{incident}:{field}:{digest}"
    return ReportPublished(report_id=report_id, revision=0, source=publisher, published_at=when,
                           claims=[claim], title=note[:200])

