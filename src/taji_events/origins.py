"""Independent origins: who first made a statement, so that relays are not counted twice.

Ten outlets repeating "two U.S. officials told Reuters" are one origin, not ten
confirmations. :func:`origin_of` names the origin of one claim, and
:func:`independent_origins` groups claims (typically a belief's supporting
claims) by origin and counts the groups. Pure functions of the claims; the rule
is in docs/policies.md ("Independent origins").

The rule, in short: two claims have the same origin when their speakers are the
same and they cite the same report.

* A *named* speaker (every speaker kind but ``official_anonymous`` and
  ``unattributed``) speaks in public under its name: its claims have one origin,
  the speaker, wherever they are carried.
* An anonymous official or an unattributed report is known only through the
  report that carries it. A relayed claim names that report in its speaker's
  name, ``"(via Reuters)"`` or ``"(anonymous, via Reuters)"``; without it the
  report cited is the claim's own publication. So "two U.S. officials (via
  Reuters)" in ten outlets, and the same officials in Reuters' own report, are
  one origin; an anonymous official in another outlet is another.
* Speaker and report names are compared loosely: case, dots and spacing do not
  count, nor leading counting words ("two", "a", "the"), nor the glosses
  ``anonymous``, ``unnamed`` and ``unspecified`` in parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import attrs

from taji_events.active_claims import ActiveClaim

__all__ = [
    "ANONYMOUS_KINDS",
    "Origin",
    "OriginCount",
    "OriginGroup",
    "describe_origins",
    "independent_origins",
    "origin_of",
]

#: Speaker kinds known only through the report that carries them.
ANONYMOUS_KINDS: Final = frozenset({"official_anonymous", "unattributed"})

_GLOSS: Final = re.compile(r"^(?P<name>.*?)\s*\((?P<gloss>[^()]*)\)\s*$")
_VIA: Final = re.compile(r"^via\s+(?P<report>.+)$", re.IGNORECASE)
_DESCRIPTIVE: Final = frozenset({"anonymous", "unnamed", "unspecified"})
_COUNTING: Final = frozenset({
    "a", "an", "the", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "several", "some", "multiple",
})


def _plain(name: str) -> str:
    """``name`` without case, dots, spacing or leading counting words."""
    words = name.casefold().replace(".", "").replace("’", "'").split()
    while len(words) > 1 and words[0] in _COUNTING:
        words = words[1:]
    return " ".join(words)


def _split(speaker: str) -> tuple[str, str | None, str]:
    """The speaker's name, the report it says it relays, and the remaining gloss."""
    match = _GLOSS.match(speaker)
    if match is None:
        return speaker, None, ""
    cited: str | None = None
    kept: list[str] = []
    for part in (piece.strip() for piece in match["gloss"].split(",")):
        via = _VIA.match(part)
        if via is not None:
            cited = via["report"]
        elif part.casefold() not in _DESCRIPTIVE and part:
            kept.append(part)
    return match["name"], cited, ", ".join(kept)


@attrs.frozen
class Origin:
    """Who first made a statement: ``speaker`` (as compared) and the report it is
    known through (``cited``; None for a named speaker, who is the origin wherever
    heard). ``label`` says it in words. Since 0.2.0."""

    speaker: str
    cited: str | None
    label: str = attrs.field(eq=False, order=False)


def origin_of(item: ActiveClaim) -> Origin:
    """The origin of one claim; see the module docstring for the rule. Since 0.2.0."""
    speaker = item.claim.according_to
    name, cited, gloss = _split(speaker.name)
    shown = f"{name} ({gloss})" if gloss else name
    key = _plain(shown)
    if speaker.kind not in ANONYMOUS_KINDS:
        return Origin(speaker=key, cited=None, label=shown)
    report = cited if cited is not None else item.source.name
    return Origin(speaker=key, cited=_plain(report), label=f"{shown}, via {report}")


@attrs.frozen
class OriginGroup:
    """One independent origin and the claims that carry it (in the order given)."""

    origin: Origin
    claims: tuple[ActiveClaim, ...]

    @property
    def relays(self) -> int:
        """How many claims beyond the first repeat this origin."""
        return len(self.claims) - 1


@attrs.frozen
class OriginCount:
    """Claims grouped by independent origin: ``groups`` in the order their first
    claim was given, and ``count``, the number of independent origins."""

    groups: tuple[OriginGroup, ...]

    @property
    def count(self) -> int:
        return len(self.groups)


def independent_origins(claims: Iterable[ActiveClaim]) -> OriginCount:
    """Group ``claims`` (e.g. a belief's ``supporting`` claims) by origin.

    The same claim given twice (same ``ref``) is counted once. Adding a claim
    whose origin is already among the groups never changes ``count``.
    Since 0.2.0.
    """
    groups: dict[Origin, list[ActiveClaim]] = {}
    seen: set[str] = set()
    for item in claims:
        if item.ref in seen:
            continue
        seen.add(item.ref)
        groups.setdefault(origin_of(item), []).append(item)
    return OriginCount(tuple(OriginGroup(origin, tuple(items)) for origin, items in groups.items()))


def describe_origins(claims: Iterable[ActiveClaim], *, title: str = "supporting") -> list[str]:
    """Lines for ``explain``: how many independent origins the claims come from, then
    each origin with the claims (refs) that carry it. Since 0.2.0."""
    counted = independent_origins(claims)
    lines = [f"independent origins of the {title} claims ({counted.count}):"]
    for group in counted.groups:
        refs = ", ".join(f"{item.ref} in {item.source.name}" for item in group.claims)
        relayed = f", relayed {group.relays} more time(s)" if group.relays else ""
        lines.append(f"  - {group.origin.label}{relayed}: {refs}")
    return lines
