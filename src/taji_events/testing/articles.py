"""Generated raw reports with the claims they make, for testing extraction pipelines.

:func:`realistic_articles` writes short wire-style articles sentence by
sentence — a dateline, then one sentence per claim ("Three soldiers were killed
at the base, the Iraqi military said.", "About 20 rockets were fired, two U.S.
officials told Reuters.", "No group has claimed responsibility for the
attack.") — and gives, beside the text, the claims a correct extractor finds
in it, as :class:`~taji_events.extract.gold.GoldClaim` values (field, low,
high, qualifier, speaker, the quoted span and where it starts). Every text is
generated from templates; none is copied from a real article.

Since 0.3.0.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

import attrs
from hypothesis import strategies as st

from taji_events.extract.gold import GoldClaim
from taji_events.lexicon import about_interval

__all__ = ["GeneratedArticle", "realistic_articles"]

_NUMBER_WORDS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                        "nine", "ten", "eleven", "twelve")
_PLACES: Final = (("Camp Alpha", "camp-alpha"), ("Forward Base North", "base-north"),
                  ("the Route 7 checkpoint", "route-7"), ("Al-Noor market", "al-noor-market"))
_CITIES: Final = ("BAGHDAD", "ERBIL", "BASRA", "KIRKUK")
_OUTLETS: Final = ("Reuters", "AP", "AFP")
#: Speakers as an article names them at the end of a sentence, and their kind.
_SPEAKERS: Final = (("the Iraqi military", "official_on_record"),
                    ("a coalition spokesman", "official_on_record"),
                    ("police", "official_on_record"),
                    ("two U.S. officials", "official_anonymous"))
_PEOPLE: Final = ("soldiers", "people", "contractors", "civilians")


@attrs.frozen
class GeneratedArticle:
    """One generated article: its ``text``, the ``incident`` it is about (with
    ``place`` and ``incident_date``), its ``source`` and ``published`` date, and
    the ``expected`` claims, in the order of the text. Since 0.3.0."""

    text: str
    incident: str
    place: str
    incident_date: date
    source: str
    published: date
    expected: tuple[GoldClaim, ...]


def _figure(number: int) -> str:
    """As style guides have it: words up to twelve (capitalised, as they open a
    sentence), digits above."""
    return _NUMBER_WORDS[number].capitalize() if number <= 12 else str(number)


@st.composite
def _count_sentence(draw: st.DrawFn, field: str) -> tuple[str, int, int | None, str]:
    """(quote, low, high, qualifier) for one count claim."""
    qualifier = draw(st.sampled_from(("exact", "at_least", "about") if field.startswith("rockets")
                                     else ("exact", "at_least")))
    number = draw(st.integers(10, 40) if qualifier == "about" else st.integers(2, 30))
    if qualifier == "exact":
        figure = _figure(number)
        low, high = number, number
    elif qualifier == "at_least":
        figure, low, high = f"At least {number}", number, None
    else:
        figure = f"About {number}"
        low, high = about_interval(number)
    if field in ("killed", "wounded"):
        noun = draw(st.sampled_from(_PEOPLE))
        quote = f"{figure} {noun} were {field}"
    elif field == "rockets_fired":
        quote = f"{figure} rockets were fired"
    else:
        quote = f"{figure} rockets {draw(st.sampled_from(('struck', 'hit')))} the base"
    return quote, low, high, qualifier


@st.composite
def realistic_articles(draw: st.DrawFn, *, max_claims: int = 4) -> GeneratedArticle:
    """Wire-style articles about one incident with 1..``max_claims`` claims
    (killed, wounded, rockets fired or struck, each said by a named speaker,
    figures exact, "at least" or "about", in digits or words, and sometimes
    "No group has claimed responsibility"), with the claims a correct
    extractor finds. Pass ``article.incident``, ``article.source``,
    ``article.published``, ``article.place`` and ``article.incident_date`` to
    the extractor. Since 0.3.0.
    """
    place, slug = draw(st.sampled_from(_PLACES))
    day = draw(st.dates(date(2019, 1, 1), date(2021, 12, 31)))
    incident = f"{slug}-{day.isoformat()}"
    outlet = draw(st.sampled_from(_OUTLETS))
    text = f"{draw(st.sampled_from(_CITIES))} ({outlet}) - "
    fields = draw(st.lists(st.sampled_from(("killed", "wounded", "rockets_fired",
                                            "rockets_impacted")),
                           min_size=1, max_size=max_claims, unique=True))
    expected: list[GoldClaim] = []
    for field in fields:
        quote, low, high, qualifier = draw(_count_sentence(field))
        name, kind = draw(st.sampled_from(_SPEAKERS))
        verb = "told " + outlet if kind == "official_anonymous" else "said"
        if quote[0].isdigit():  # a sentence never opens with digits: the speaker goes first
            start = len(text) + len(f"{name} {verb} ")
            text += f"{name[0].upper()}{name[1:]} {verb} {quote} at {place}. "
        else:
            start = len(text)
            text += f"{quote} at {place}, {name} {verb}. "
        according_to = f"{name} (via {outlet})" if kind == "official_anonymous" else name
        expected.append(GoldClaim(incident=incident, field=field, low=low, high=high,
                                  qualifier=qualifier, according_to=according_to,
                                  evidence_quote=quote, evidence_start=start, speaker_kind=kind))
    if draw(st.booleans()):
        quote = "No group has claimed responsibility"
        start = len(text)
        text += f"{quote} for the attack. "
        expected.append(GoldClaim(incident=incident, field="attribution", low=None, high=None,
                                  qualifier=None, according_to="", evidence_quote=quote,
                                  evidence_start=start, actor=None, stance="no_claim"))
    published = day + timedelta(days=draw(st.integers(0, 1)))
    return GeneratedArticle(text=text.rstrip(), incident=incident, place=place,
                            incident_date=day, source=outlet, published=published,
                            expected=tuple(expected))
