"""How a broken law is reported: the law's name, what went wrong, the events, how to read it.

A check of :mod:`taji_events.testing` that finds a law broken raises
:class:`LawViolation` (an :class:`AssertionError`, so pytest, unittest and
Hypothesis treat it as a test failure) with a message in four parts::

    law broken: order independence of believed_at
    <what differs, for which incident, field, moment and mode>
    the events (3, in append order):
      1. IncidentDeclared attack-1: occurred 2021-06-01T00:00:00Z
      2. ReportPublished wire-0@0 by Wire (wire), published 2021-06-01T10:00:00Z
           #0 killed = 3 about attack-1, according to officials (official_on_record), confirmed
      ...
    how to read it: <what the law asks, and the usual cause of breaking it>

Under Hypothesis the stream is the shrunk one, and Hypothesis prints the
falsifying example (the same events as Python values) just above.

Since 0.3.0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from taji_events.events import AMENDABLE, Event, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.model import Attribution, Claim

__all__ = ["LawViolation", "describe_claim", "describe_events", "violation"]


class LawViolation(AssertionError):
    """A law of docs/laws.md does not hold; ``law`` names it. Since 0.3.0."""

    def __init__(self, law: str, message: str) -> None:
        super().__init__(message)
        self.law = law


def describe_claim(claim: Claim) -> str:
    """One claim on one line: field, value, incident, speaker and hedge. Since 0.3.0."""
    value = claim.value
    if isinstance(value, Attribution):
        shown = f"{value.actor or 'no group'} {value.stance}"
    else:
        high = "open" if value.high is None else value.high
        shown = f"{value.text or value.best} [{value.low}..{high}]"
    speaker = claim.according_to
    extra = "".join(f", {name}={getattr(claim, name)!r}" for name in ("scope",)
                    if getattr(claim, name, None))
    return (f"{claim.field} = {shown} about {claim.incident}, according to {speaker.name} "
            f"({speaker.kind}), {claim.hedge}{extra}")


def describe_events(events: Iterable[Event]) -> str:
    """A numbered, readable list of ``events`` (one line per event, one more per
    claim), in the order given. Since 0.3.0."""
    lines: list[str] = []
    for number, event in enumerate(events, 1):
        if isinstance(event, IncidentDeclared):
            lines.append(f"{number:3}. IncidentDeclared {event.incident_id}: occurred "
                         f"{event.occurred_at}")
        elif isinstance(event, ReportPublished):
            lines.append(f"{number:3}. ReportPublished {event.report_id}@{event.revision} by "
                         f"{event.source.name} ({event.source.kind}), published "
                         f"{event.published_at}")
            lines.extend(f"         #{index} {describe_claim(claim)}"
                         for index, claim in enumerate(event.claims))
        elif isinstance(event, ReportRetracted):
            lines.append(f"{number:3}. ReportRetracted {event.report_id} at {event.at}")
        else:
            changed = ", ".join(f"{name}={getattr(event, name)!r}" for name in AMENDABLE
                                if getattr(event, name) is not None)
            lines.append(f"{number:3}. IncidentAmended {event.incident_id} #{event.amendment}: "
                         f"{changed}")
    return "\n".join(lines) if lines else "     (no events)"


def violation(law: str, problem: str, events: Sequence[Event], reading: str) -> LawViolation:
    """The :class:`LawViolation` of ``law``: ``problem`` in words, the events
    described, and ``reading`` (how to read the failure). Since 0.3.0."""
    return LawViolation(law, (
        f"law broken: {law}\n{problem}\n"
        f"the events ({len(events)}, in append order):\n{describe_events(events)}\n"
        f"how to read it: {reading}"))
