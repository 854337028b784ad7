"""Counts read through the lexicon, Count and Attribution rules, Claim field/value pairing."""

from __future__ import annotations

import attrs
import pytest

from taji_events import Attribution, Claim, Count, Evidence, Source, Speaker
from taji_events.errors import InvalidCountError, InvalidEventError
from taji_events.lexicon import DEFAULT_LEXICON, VagueEntry, about_interval

OFFICIALS = Speaker("two U.S. officials", "official_anonymous")


def reading(phrase: str) -> tuple[str, int | None, int, int | None]:
    count = Count.read(phrase)
    return count.qualifier, count.stated, count.low, count.high


# -- lexicon readings -----------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "expected"), [
    ("a dozen", ("about", 12, 10, 14)),
    ("about a dozen", ("about", 12, 10, 14)),
    ("dozens", ("at_least", 24, 24, None)),
    ("more than 15", ("more_than", 15, 16, None)),
    ("more than a dozen", ("more_than", 12, 13, None)),
    ("at least (25)", ("at_least", 25, 25, None)),
    ("(25)", ("exact", 25, 25, 25)),
    ("two dozen", ("exact", 24, 24, 24)),
    ("more than two dozen", ("more_than", 24, 25, None)),
    ("three", ("exact", 3, 3, 3)),
    ("twenty-one", ("exact", 21, 21, 21)),
    ("1,200", ("exact", 1200, 1200, 1200)),
    ("about 18", ("about", 18, 16, 20)),
    ("approximately 12", ("about", 12, 10, 14)),
    ("up to 30", ("up_to", 30, 0, 30)),
    ("fewer than 5", ("fewer_than", 5, 0, 4)),
    ("no", ("none", 0, 0, 0)),
    ("at least two", ("at_least", 2, 2, None)),
    ("About A Dozen", ("about", 12, 10, 14)),
])
def test_lexicon_readings(phrase: str, expected: tuple[str, int, int, int | None]) -> None:
    assert reading(phrase) == expected


def test_a_count_names_the_lexicon_entry_that_read_it() -> None:
    assert Count.read("a dozen").lexicon == "a dozen"
    assert Count.read("more than 15").lexicon == "more than N"
    assert Count.read("three").lexicon == "number word"
    assert Count.read("more than 15").text == "more than 15"


@pytest.mark.parametrize(("stated", "bounds"), [(0, (0, 1)), (1, (0, 2)), (12, (10, 14)),
                                                (15, (13, 17)), (30, (27, 33)), (50, (45, 55)),
                                                (100, (90, 110)), (110, (99, 121))])
def test_about_n_is_ten_percent_rounded_outward_and_at_least_one(
    stated: int, bounds: tuple[int, int]
) -> None:
    # 100 * 1.1 is 110.00000000000001 in floating point: the bounds must still be 90..110.
    assert about_interval(stated) == bounds
    assert reading(f"about {stated}")[2:] == bounds


@pytest.mark.parametrize("phrase", ["", "lots", "fewer than 0", "more than 15 rockets"])
def test_phrases_without_a_quantity_raise_naming_the_phrase(phrase: str) -> None:
    with pytest.raises(InvalidCountError, match=repr(phrase).replace("(", r"\(")):
        Count.read(phrase)


def test_the_lexicon_is_replaceable() -> None:
    strict = attrs.evolve(DEFAULT_LEXICON, vague={
        **DEFAULT_LEXICON.vague, "a dozen": VagueEntry("exact", 12, 12, 12)})
    count = Count.read("a dozen", lexicon=strict)
    assert (count.qualifier, count.low, count.high) == ("exact", 12, 12)
    assert Count.read("a dozen").qualifier == "about"  # the default is untouched


# -- Count validation -----------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "message"), [
    ({"low": -1, "high": 2, "qualifier": "about", "stated": 1}, "negative"),
    ({"low": 5, "high": 3}, "low 5 is above high 3"),
    ({"low": 1, "high": 1, "qualifier": "roughly"}, "qualifier 'roughly'"),
    ({"low": 1.5, "high": 2, "qualifier": "about", "stated": 2}, "whole number"),
    ({"low": True, "high": 1}, "whole number"),
    ({"low": 2, "high": 3, "qualifier": "exact"}, "low == high == stated"),
    ({"low": 15, "high": None, "qualifier": "more_than", "stated": 15}, "low == stated \\+ 1"),
    ({"low": 3, "high": 3, "breakdown": {"US": 2, "GB": 2}}, "adds up to 4"),
    ({"low": 3, "high": 3, "breakdown": {"US": -1}}, "breakdown\\['US'\\]"),
    ({"low": 1, "high": 1, "qualifier": "none", "stated": 1}, "== 0"),
])
def test_inconsistent_counts_raise(fields: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidCountError, match=message):
        Count(**fields)  # type: ignore[arg-type]


def test_stated_defaults_from_the_qualifier() -> None:
    assert Count(low=16, high=None, qualifier="more_than").stated == 15
    assert Count(low=0, high=30, qualifier="up_to").stated == 30
    assert Count(low=0, high=4, qualifier="fewer_than").stated == 5


def test_breakdown_is_frozen_and_sorted() -> None:
    count = Count.at_least(3, breakdown={"US": 2, "GB": 1})
    assert list(count.breakdown) == ["GB", "US"]
    with pytest.raises(TypeError):
        count.breakdown["US"] = 5  # type: ignore[index]


def test_best_contains_and_overlaps() -> None:
    more_than_15, about_18, exact_10 = Count.read("more than 15"), Count.about(18), Count.exact(10)
    assert (more_than_15.best, about_18.best, exact_10.best) == (16, 18, 10)
    assert more_than_15.contains(1000) and not more_than_15.contains(15)
    assert more_than_15.overlaps(about_18) and not exact_10.overlaps(more_than_15)


# -- Attribution ----------------------------------------------------------------------------

def test_no_claim_has_no_actor() -> None:
    assert Attribution(None, "no_claim").actor is None
    with pytest.raises(InvalidEventError, match="Kataib Hezbollah"):
        Attribution("Kataib Hezbollah", "no_claim")


@pytest.mark.parametrize("stance", ["claimed", "accused", "suspected", "denied"])
def test_every_other_stance_needs_an_actor(stance: str) -> None:
    with pytest.raises(InvalidEventError, match=stance):
        Attribution(None, stance)
    assert Attribution("Kataib Hezbollah", stance, asserted_by="US officials").stance == stance


def test_unknown_stance_is_refused_with_the_options() -> None:
    with pytest.raises(InvalidEventError, match=r"'blamed'.*suspected"):
        Attribution("Kataib Hezbollah", "blamed")


# -- Claim ----------------------------------------------------------------------------------

def claim(field: str, value: Count | Attribution, **changes: object) -> Claim:
    fields: dict[str, object] = {
        "incident": "taji-2020-03-11", "field": field, "value": value,
        "according_to": OFFICIALS, "evidence": Evidence(0, 5, "quote"), **changes}
    return Claim(**fields)  # type: ignore[arg-type]


def test_count_fields_take_counts_and_attribution_takes_attributions() -> None:
    assert claim("killed", Count.exact(3)).field == "killed"
    assert claim("attribution", Attribution(None, "no_claim")).field == "attribution"
    with pytest.raises(InvalidEventError, match="'attribution' takes an Attribution"):
        claim("attribution", Count.exact(3))
    with pytest.raises(InvalidEventError, match="'wounded' takes a Count"):
        claim("wounded", Attribution("Kataib Hezbollah", "suspected"))


def test_fields_are_open_but_lower_snake_case() -> None:
    assert claim("launcher_found", Count.exact(1)).field == "launcher_found"
    for bad in ("Killed", "rockets-fired", "", "rockets fired"):
        with pytest.raises(InvalidEventError, match="lower_snake_case"):
            claim(bad, Count.exact(1))


@pytest.mark.parametrize(("changes", "message"), [
    ({"hedge": "maybe"}, "'maybe' is not a known hedge"),
    ({"incident": ""}, "incident id is empty"),
])
def test_claim_parts_are_validated(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidEventError, match=message):
        claim("killed", Count.exact(3), **changes)


def test_speaker_kind_is_validated() -> None:
    with pytest.raises(InvalidEventError, match="'pundit' is not a known speaker kind"):
        Speaker("a pundit", "pundit")


def test_evidence_span_must_fit_its_quote() -> None:
    with pytest.raises(InvalidEventError, match="quote has 5"):
        Evidence(0, 4, "three")
    with pytest.raises(InvalidEventError, match="not a valid range"):
        Evidence(5, 2, "")
    with pytest.raises(InvalidEventError, match="not a valid range"):
        Evidence(-1, 4, "three")


def test_source_kind_is_validated() -> None:
    assert Source("Reuters", "wire").kind == "wire"
    with pytest.raises(InvalidEventError, match="'blog' is not a known source kind"):
        Source("Some Blog", "blog")
