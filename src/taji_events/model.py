"""Value objects: counts, attributions, speakers, evidence, claims and sources.

All are frozen attrs classes validated at construction, so a malformed value
cannot exist; each error names the offending input and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from taji_events.errors import InvalidCountError, InvalidEventError
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon, about_interval
from taji_events.storable import MAX_WHOLE_NUMBER, lone_surrogate
from taji_events.timepoint import TimePoint

__all__ = [
    "HEDGES",
    "KNOWN_FIELDS",
    "QUALIFIERS",
    "SOURCE_KINDS",
    "SPEAKER_KINDS",
    "STANCES",
    "Attribution",
    "Claim",
    "ClaimValue",
    "Count",
    "Evidence",
    "Source",
    "Speaker",
    "check_identifier",
    "check_text",
    "check_whole_number",
    "check_zone_name",
]

QUALIFIERS: Final = ("exact", "at_least", "more_than", "about", "up_to", "fewer_than", "none")
SPEAKER_KINDS: Final = (
    "official_on_record", "official_anonymous", "belligerent", "wire", "news_outlet",
    "state_media", "social_media", "monitor_ngo", "unattributed",
)
SOURCE_KINDS: Final = (
    "official_statement", "wire", "news_outlet", "state_media", "social_media", "monitor_ngo",
)
HEDGES: Final = ("confirmed", "reported", "initial", "preliminary", "denied")
STANCES: Final = ("claimed", "accused", "suspected", "denied", "no_claim")

#: Fields with a documented meaning. Any other lower_snake_case field is allowed.
KNOWN_FIELDS: Final[Mapping[str, str]] = MappingProxyType({
    "killed": "people killed (count)",
    "wounded": "people wounded or injured (count)",
    "rockets_fired": "rockets launched at the target, whether or not they hit (count)",
    "rockets_impacted": "rockets that struck, hit or landed in the target (count)",
    "attribution": "who is responsible, with stance and asserter (attribution)",
})
ATTRIBUTION_FIELDS: Final = frozenset({"attribution"})


def check_text(owner: str, value: str) -> None:
    """Raise :class:`InvalidEventError` naming ``owner`` when ``value`` holds a
    lone surrogate, which no UTF-8 file or database can store. Since 0.3.0."""
    position = lone_surrogate(value)
    if position is not None:
        raise InvalidEventError(
            f"{owner}: {value!r:.80} holds a lone surrogate ({value[position]!r} at character "
            f"{position}), which cannot be stored as UTF-8; decode the source text with "
            "errors='replace' or remove the character")


def check_identifier(owner: str, value: str) -> None:
    """:func:`check_text`, and refuse a NUL character, which PostgreSQL cannot
    keep in an id (a store holding one could not be copied there). Since 0.3.0."""
    check_text(owner, value)
    if "\x00" in value:
        raise InvalidEventError(f"{owner}: {value!r:.80} contains a NUL character (\\x00), "
                                "which no store can keep in an id; remove it")


def check_whole_number(owner: str, value: int, error: type[InvalidEventError] | type[
        InvalidCountError] = InvalidEventError) -> None:
    """Raise ``error`` naming ``owner`` when ``value`` exceeds
    :data:`MAX_WHOLE_NUMBER`, which no store can keep. Since 0.3.0."""
    if value > MAX_WHOLE_NUMBER:
        raise error(f"{owner}: {value} is larger than {MAX_WHOLE_NUMBER} (2**63 - 1), the "
                    "largest whole number a store keeps; check the figure")


def _one_of(options: tuple[str, ...], what: str) -> Callable[[Any, attrs.Attribute[str], str], None]:
    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in options:
            raise InvalidEventError(
                f"{type(instance).__name__}.{attribute.name}: {value!r} is not a known {what}; "
                f"use one of {', '.join(options)}"
            )
    return check


def _text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidEventError(f"{type(instance).__name__}.{attribute.name} must be a string, "
                                f"got {type(value).__name__} {value!r}")
    check_text(f"{type(instance).__name__}.{attribute.name}", value)


def _identifier(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _text(instance, attribute, value)
    check_identifier(f"{type(instance).__name__}.{attribute.name}", value)


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _instance(*kinds: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    names = " or ".join(kind.__name__ for kind in kinds)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kinds):
            raise InvalidEventError(f"{type(instance).__name__}.{attribute.name} must be a "
                                    f"{names}, got {type(value).__name__} {value!r}")
    return check


def _zone_name(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    _text(instance, attribute, value)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidEventError(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not an IANA zone name; "
            "use e.g. 'Asia/Baghdad' or 'America/New_York'") from None


check_zone_name = _zone_name


def _frozen_breakdown(value: Mapping[str, int] | None) -> Mapping[str, int]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise InvalidCountError(
            f"count breakdown must map group names to numbers, e.g. {{'US': 2, 'GB': 1}}; "
            f"got {value!r}")
    for key in value:
        if lone_surrogate(key) is not None:
            raise InvalidCountError(f"count breakdown key {key!r} holds a lone surrogate, "
                                    "which cannot be stored as UTF-8; remove the character")
    return MappingProxyType(dict(sorted(value.items())))


@attrs.frozen
class Count:
    """A numeric claim: the interval ``low..high`` (``high=None`` is open), how it was
    qualified, the figure as stated, the raw text, an optional breakdown by group
    (ISO 3166-1 alpha-2 keys for nationalities) and the lexicon entry used.

    Raises :class:`InvalidCountError` for negative numbers, ``low > high``, a
    breakdown larger than ``high``, or bounds that contradict the qualifier.

    >>> count = Count.read("more than 15")
    >>> count.low, count.high, count.qualifier, count.best, count.lexicon
    (16, None, 'more_than', 16, 'more than N')

    Since 0.1.0.
    """

    low: int
    high: int | None
    qualifier: str = "exact"
    stated: int | None = None
    text: str = attrs.field(default="", validator=_text)
    breakdown: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen_breakdown)
    lexicon: str | None = None

    def __attrs_post_init__(self) -> None:
        label = f"count {self.text or self.low!r}"
        for name, number in (("low", self.low), ("high", self.high), ("stated", self.stated)):
            if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
                raise InvalidCountError(f"{label}: {name} must be a whole number, got {number!r}")
            if number is not None and number < 0:
                raise InvalidCountError(f"{label}: {name} is negative ({number}); counts are >= 0")
            if number is not None:
                check_whole_number(f"{label}: {name}", number, InvalidCountError)
        if self.high is not None and self.low > self.high:
            raise InvalidCountError(
                f"{label}: low {self.low} is above high {self.high}; swap them or open high (None)"
            )
        if self.qualifier not in QUALIFIERS:
            raise InvalidCountError(
                f"{label}: qualifier {self.qualifier!r} is not one of {', '.join(QUALIFIERS)}"
            )
        if self.stated is None:
            object.__setattr__(self, "stated", self._default_stated())
        self._check_qualifier(label)
        for group, number in self.breakdown.items():
            if not isinstance(group, str) or not group:
                raise InvalidCountError(f"{label}: breakdown key {group!r} must be a non-empty string")
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise InvalidCountError(
                    f"{label}: breakdown[{group!r}] = {number!r} must be a whole number >= 0"
                )
            check_whole_number(f"{label}: breakdown[{group!r}]", number, InvalidCountError)
        total = sum(self.breakdown.values())
        if self.high is not None and total > self.high:
            raise InvalidCountError(
                f"{label}: breakdown {dict(self.breakdown)} adds up to {total}, above high "
                f"{self.high}; fix the breakdown or the bounds"
            )

    def _default_stated(self) -> int:
        if self.qualifier == "more_than":
            return max(self.low - 1, 0)
        if self.qualifier in ("up_to",) and self.high is not None:
            return self.high
        if self.qualifier == "fewer_than" and self.high is not None:
            return self.high + 1
        return self.low

    def _check_qualifier(self, label: str) -> None:
        low, high, stated, qualifier = self.low, self.high, self.stated, self.qualifier
        assert stated is not None
        expected: dict[str, tuple[bool, str]] = {
            "exact": (low == high == stated, "low == high == stated"),
            "none": (low == high == stated == 0, "low == high == stated == 0"),
            "at_least": (low == stated and high is None, "low == stated, high open"),
            "more_than": (low == stated + 1 and high is None, "low == stated + 1, high open"),
            "about": (low <= stated and (high is None or stated <= high), "low <= stated <= high"),
            "up_to": (high == stated, "high == stated"),
            "fewer_than": (high == stated - 1, "high == stated - 1"),
        }
        ok, rule = expected[qualifier]
        if not ok:
            raise InvalidCountError(
                f"{label}: qualifier {qualifier!r} needs {rule}; got low={low}, high={high}, "
                f"stated={stated}"
            )

    @property
    def best(self) -> int:
        """The single figure to use: the stated figure, or the bound an open claim gives."""
        if self.qualifier in ("more_than", "at_least"):
            return self.low
        if self.qualifier == "fewer_than":
            return self.high if self.high is not None else self.low
        assert self.stated is not None
        return self.stated

    def contains(self, number: int) -> bool:
        """True when ``number`` lies in ``low..high``."""
        return self.low <= number and (self.high is None or number <= self.high)

    def overlaps(self, other: Count) -> bool:
        """True when the two intervals share at least one number."""
        return (self.high is None or other.low <= self.high) and (
            other.high is None or self.low <= other.high
        )

    def __repr__(self) -> str:
        return (
            f"Count(low={self.low!r}, high={self.high!r}, qualifier={self.qualifier!r}, "
            f"stated={self.stated!r}, text={self.text!r}, breakdown={dict(self.breakdown)!r}, "
            f"lexicon={self.lexicon!r})"
        )

    @classmethod
    def exact(cls, number: int, *, text: str = "",
              breakdown: Mapping[str, int] | None = None) -> Count:
        """Exactly ``number``."""
        return cls(low=number, high=number, qualifier="exact", stated=number,
                   text=text or str(number), breakdown=breakdown or {})

    @classmethod
    def at_least(cls, number: int, *, text: str = "",
                 breakdown: Mapping[str, int] | None = None) -> Count:
        """``number`` or more (open interval)."""
        return cls(low=number, high=None, qualifier="at_least", stated=number,
                   text=text or f"at least {number}", breakdown=breakdown or {})

    @classmethod
    def about(cls, number: int, *, text: str = "", margin: float = 0.1) -> Count:
        """About ``number``: the lexicon's ±10 % interval."""
        low, high = about_interval(number, margin)
        return cls(low=low, high=high, qualifier="about", stated=number,
                   text=text or f"about {number}", lexicon="about N")

    @classmethod
    def read(cls, phrase: str, *, lexicon: Lexicon = DEFAULT_LEXICON,
             breakdown: Mapping[str, int] | None = None) -> Count:
        """Read a phrase such as "a dozen", "more than 15" or "three" through ``lexicon``.

        Raises :class:`InvalidCountError` when it holds no quantity.
        """
        if not isinstance(phrase, str):
            raise InvalidCountError(f"count phrase must be a string, got {phrase!r}")
        qualifier, stated, low, high, entry = lexicon.read(phrase)
        return cls(low=low, high=high, qualifier=qualifier, stated=stated, text=phrase,
                   breakdown=breakdown or {}, lexicon=entry)


@attrs.frozen
class Attribution:
    """Who is held responsible: ``actor`` (None only for ``no_claim``), the ``stance``
    (claimed, accused, suspected, denied, no_claim) and who holds it.

    "No group claimed responsibility" is ``Attribution(None, "no_claim", ...)``:
    a statement about the absence of a claim, not evidence against any suspect.

    Since 0.1.0.
    """

    actor: str | None = attrs.field(validator=_optional_text)
    stance: str = attrs.field(validator=_one_of(STANCES, "stance"))
    asserted_by: str = attrs.field(default="", validator=_text)

    def __attrs_post_init__(self) -> None:
        if self.stance == "no_claim" and self.actor is not None:
            raise InvalidEventError(
                f"attribution: stance 'no_claim' takes actor=None, got actor={self.actor!r}; "
                "use 'denied' for an actor denying responsibility"
            )
        if self.stance != "no_claim" and not self.actor:
            raise InvalidEventError(
                f"attribution: stance {self.stance!r} needs an actor; only 'no_claim' has none"
            )


ClaimValue: TypeAlias = Count | Attribution


@attrs.frozen
class Speaker:
    """Who says it: a name ("two U.S. officials", "CJTF-OIR") and a speaker kind."""

    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=_one_of(SPEAKER_KINDS, "speaker kind"))


@attrs.frozen
class Evidence:
    """Where a claim came from: ``text[start:end] == quote`` in the report's text."""

    start: int
    end: int
    quote: str = attrs.field(validator=_text)

    def __attrs_post_init__(self) -> None:
        for name, offset in (("start", self.start), ("end", self.end)):
            if not isinstance(offset, int) or isinstance(offset, bool):
                raise InvalidEventError(
                    f"evidence {self.quote!r}: {name} must be a whole number (a character "
                    f"offset into the report text), got {offset!r}")
            check_whole_number(f"evidence {self.quote!r}: {name}", offset)
        if self.start < 0 or self.end < self.start:
            raise InvalidEventError(
                f"evidence {self.quote!r}: span {self.start}..{self.end} is not a valid "
                "range (need 0 <= start <= end)"
            )
        if self.end - self.start != len(self.quote):
            raise InvalidEventError(
                f"evidence {self.quote!r}: span {self.start}..{self.end} is "
                f"{self.end - self.start} characters but the quote has {len(self.quote)}"
            )


@attrs.frozen
class Source:
    """The publisher of a report, its kind and (when known) its home IANA zone."""

    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(validator=_one_of(SOURCE_KINDS, "source kind"))
    zone: str | None = attrs.field(default=None, validator=_zone_name)


def _check_field(instance: Claim, attribute: attrs.Attribute[str], value: str) -> None:
    snake = isinstance(value, str) and value.replace("_", "a").isalnum() and value.islower()
    if not snake:
        raise InvalidEventError(
            f"claim field {value!r} must be lower_snake_case, e.g. 'killed' or 'launcher_found'"
        )


@attrs.frozen
class Claim:
    """One assertion in a report about one field of one incident.

    ``value`` is a :class:`Count` or an :class:`Attribution`; ``as_of`` is the
    time the claim states for itself ("current as of 12:30 a.m. Baghdad time").

    Since 0.1.0.
    """

    incident: str = attrs.field(validator=_identifier)
    field: str = attrs.field(validator=_check_field)
    value: ClaimValue = attrs.field(validator=_instance(Count, Attribution))
    according_to: Speaker = attrs.field(validator=_instance(Speaker))
    evidence: Evidence | None = attrs.field(default=None,
                                            validator=attrs.validators.optional(_instance(Evidence)))
    hedge: str = attrs.field(default="reported",
                             validator=_one_of(HEDGES, "hedge"))
    as_of: TimePoint | None = attrs.field(default=None,
                                          validator=attrs.validators.optional(_instance(TimePoint)))
    note: str = attrs.field(default="", validator=_text)
    #: The subset the claim is about ("coalition personnel", "seriously wounded"), or
    #: None for the whole incident; policies never read a scoped claim as the total.
    scope: str | None = attrs.field(default=None)

    @scope.validator
    def _check_scope(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise InvalidEventError(f"Claim.scope must be None or a non-empty string naming the "
                                    f"subset (e.g. 'coalition personnel'), got {value!r}")

    @property
    def label(self) -> str:
        """The claim's quoted text, or for a claim without one the note naming its origin."""
        return self.evidence.quote if self.evidence is not None else self.note

    def __attrs_post_init__(self) -> None:
        if self.evidence is None and not self.note.strip():
            raise InvalidEventError(
                f"claim about {self.field!r} of {self.incident!r} has neither evidence nor a "
                "note: give the quoted text span (Evidence), or for a claim without text (a "
                "call, a briefing) a note saying where it came from")
        if not self.incident:
            raise InvalidEventError(f"claim {self.label!r}: incident id is empty")
        is_attribution = isinstance(self.value, Attribution)
        if (self.field in ATTRIBUTION_FIELDS) != is_attribution:
            wanted = "an Attribution" if self.field in ATTRIBUTION_FIELDS else "a Count"
            raise InvalidEventError(
                f"claim {self.label!r}: field {self.field!r} takes {wanted} value, "
                f"got {type(self.value).__name__}"
            )
