"""Scope: does a number speak about this incident, or about another one?

Reports recall earlier attacks, the responses to them and things nearby; their
numbers must not become claims of the incident being reported. Each sentence is
scanned for *markers* with their positions:

* other-incident markers: dates outside the incident's window ("Dec. 27, 2019",
  "last December", "in January"), relative times ("days later", "the day after",
  "last year"), references to other events ("a similar attack", "the last time",
  "previous attacks", "back then", "on that date"), responses ("retaliated",
  "reprisal", "in response"), another country than the incident's, and "the
  strikes" when strikes were introduced as another event earlier in the report;
* incident anchors: the incident's place words, dates inside its window, "this
  attack", "Wednesday's attack".

A number takes the nearest marker before it in its sentence, else one right after
its clause ("... died on that date"), else the scope the paragraph carries from
its previous sentence, else this incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Final

import attrs

from taji_events.extract.words import COUNTRY_NAMES, MONTHS

__all__ = ["ScopeTracker", "place_words"]

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\.?\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<year>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month2>{_MONTH_NAMES})\b\.?(?:,?\s(?P<year2>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    rf"\b(?P<lead>in|last|since|this past|early|late|mid|until|during|of|by|through)\s"
    rf"(?P<month>{_MONTH_NAMES})\b(?:\s(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d,.])\b(?P<year>(?:19|20)\d\d)\b(?![\d,])")
_RELATIVE = re.compile(
    r"\b(?:(?:last|previous|past|earlier this)\s(?:year|month|week|summer|winter|spring|autumn|fall)"
    r"|(?:days|weeks|months|years|hours|a\sday|a\sweek)\s(?:later|earlier|before|after|ago)"
    r"|the\s(?:day|week|night|month)\s(?:after|before)"
    r"|the\slast\stime|back\sthen|at\sthe\stime|on\sthat\s(?:date|day)|previously|years\sago"
    r"|(?:a|an)\s(?:similar|earlier|previous|separate|prior)\s(?:\w+\s)?(?:attack|strike|incident|bombing|assault)"
    r"|(?:earlier|previous|prior|past)\s(?:\w+\s)?(?:attacks|strikes|incidents|bombings)"
    r"|separately|retaliat\w*|reprisal\w*|in\sresponse|responded|culminating)\b",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"\b(?:this|today['’]s|tonight['’]s|yesterday['’]s|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s)"
    r"\s(?:\w+\s){0,2}?(?:attack|strike|bombing|assault|ambush|blast|explosion|raid|incident)\b",
    re.IGNORECASE,
)
_COUNTRY = re.compile(
    r"\b(?:[Ii]n|[Ii]nto|[Aa]cross|[Ii]nside|[Oo]ver|[Oo]n|[Ff]rom)\s(?:the\s)?(?:(?:north|south|east|west|central|"
    r"northern|southern|eastern|western|neighbou?ring|north-?eastern|north-?western|"
    r"south-?eastern|south-?western)\s)?(?P<country>[A-Z][a-z]+)\b"
)
_TOPIC = re.compile(r"\b(?:air\s?strikes?|strikes?|raids?|bombings?|shelling|drone\sstrikes?)\b",
                    re.IGNORECASE)
_THE_TOPIC = re.compile(r"\bthe\s(?:\w+\s)?(?P<topic>air\s?strikes?|strikes|raids|bombings|shelling)\b",
                        re.IGNORECASE)
_THE_ATTACK = re.compile(
    r"\bthe\s(?:(?:rocket|missile|mortar|drone|suicide|deadly|fatal|latest)\s)?"
    r"(?:attack|bombing|assault|ambush|blast|explosion)\b(?!s)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\sbut\s|\sand\s")
_GENERIC_PLACE: Final = frozenset(
    "camp base air airbase airfield city town village province district near the of military "
    "outpost fob forward operating station compound region area border north south east west "
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern state county province governorate district airport hotel market mosque church "
    "school hospital checkpoint embassy port bridge road highway convoy patrol barracks "
    "headquarters square".split()
)


def place_words(place: str | None, incident: str) -> frozenset[str]:
    """Lower-case words that name the incident's place, from ``place`` or the incident id.

    >>> sorted(place_words("Camp Alpha, Freedonia", "x")), sorted(place_words(None, "kolo-2021-05-02"))
    (['alpha'], ['kolo'])

    Since 0.1.0.
    """
    if place:
        head = place.split(",")[0]
        words = re.findall(r"[^\W\d_][\w'’-]*", head)
    else:
        slug = re.sub(r"[-_]?\d{4}(?:-\d{2}){0,2}$", "", incident)
        words = re.split(r"[-_\s]+", slug)
    # A country or a compass word names too wide an area to tell incidents apart.
    return frozenset(word.lower() for word in words
                     if len(word) >= 3 and word.lower() not in _GENERIC_PLACE | COUNTRY_NAMES)


def _normal_topic(word: str) -> str:
    word = word.lower().replace(" ", "")
    return word[:-1] if word.endswith("s") else word


@attrs.define
class ScopeTracker:
    """Scope state carried across the sentences of one report (mutable, one per run).

    ``window`` is the incident's date range (first and last possible day);
    ``countries`` the lower-case names of its country, when known.

    Since 0.1.0.
    """

    window: tuple[date, date] | None
    anchors: frozenset[str]
    countries: frozenset[str] = frozenset()
    other_topics: set[str] = attrs.Factory(set)
    main_topics: set[str] = attrs.Factory(set)
    paragraph: int = -1
    carried_other: bool = False

    def markers(self, sentence: str) -> list[tuple[int, int, bool]]:
        """``(start, end, is_other)`` for each marker in ``sentence``, sorted by position."""
        found: list[tuple[int, int, bool]] = []
        for match in _DAY_DATE.finditer(sentence):
            verdict = self._day_verdict(match)
            if verdict is not None:
                found.append((match.start(), match.end(), verdict))
        for match in _MONTH_ONLY.finditer(sentence):
            if not match["month"][0].isupper():
                continue
            verdict = self._month_verdict(MONTHS[match["month"].lower()], match["year"])
            if verdict:
                found.append((match.start(), match.end(), True))
        for match in _YEAR.finditer(sentence):
            if self.window is not None and int(match["year"]) not in (self.window[0].year,
                                                                      self.window[1].year):
                found.append((match.start(), match.end(), True))
        found.extend((match.start(), match.end(), True) for match in _RELATIVE.finditer(sentence))
        found.extend((match.start(), match.end(), False) for match in _ANCHOR.finditer(sentence))
        for match in _THE_TOPIC.finditer(sentence):
            if _normal_topic(match["topic"]) in self.other_topics:
                found.append((match.start(), match.end(), True))
        for match in _COUNTRY.finditer(sentence):
            country = match["country"].lower()
            # Only another country is evidence: the incident's own country names many places.
            if country in COUNTRY_NAMES and self.countries and country not in self.countries:
                found.append((match.start(), match.end(), True))
        found.sort()
        # The place's name and "the attack" point at the reported incident, unless another
        # incident came first in the sentence ("days after a bombing at the airport killed ...").
        weak = [match.span() for match in _THE_ATTACK.finditer(sentence)]
        if self.anchors:
            weak += [match.span() for match in re.finditer(r"[^\W\d_]+", sentence)
                     if match.group().lower() in self.anchors]
        for start, end in weak:
            if not any(marker[2] and marker[0] < start for marker in found):
                found.append((start, end, False))
        found.sort()
        return found

    def _day_verdict(self, match: re.Match[str]) -> bool | None:
        if self.window is None:
            return None
        month_word = (match["month"] or match["month2"] or "").lower()
        day_text = match["day"] or match["day2"]
        year_text = match["year"] or match["year2"]
        month = MONTHS.get(month_word)
        written = match["month"] or match["month2"] or "m"
        if month is None or (month_word == "may" and not written[0].isupper()):
            return None
        lo, hi = self.window
        try:
            if year_text:
                day = date(int(year_text), month, int(day_text))
            else:
                day = date(hi.year, month, int(day_text))
                if day > hi + timedelta(days=2):
                    day = date(hi.year - 1, month, int(day_text))
        except ValueError:
            return None
        return not (lo - timedelta(days=1) <= day <= hi + timedelta(days=2))

    def _month_verdict(self, month: int, year: str | None) -> bool:
        if self.window is None:
            return False
        lo, hi = self.window
        months = {(lo.year, lo.month), (hi.year, hi.month)}
        if year is not None:
            return (int(year), month) not in months
        return month not in {pair[1] for pair in months}

    def begin(self, paragraph: int) -> None:
        """Start a sentence; a new paragraph resets the carried scope to this incident."""
        if paragraph != self.paragraph:
            self.paragraph = paragraph
            self.carried_other = False

    def is_other(self, sentence: str, markers: list[tuple[int, int, bool]], start: int, end: int) -> bool:
        """Whether the claim spanning ``start..end`` of ``sentence`` is about another incident.

        A marker after the claim counts only within its clause: "... died on that date",
        not "No group has claimed responsibility, but previous attacks ...".
        """
        before = [marker for marker in markers if marker[0] <= start]
        if before:
            return before[-1][2]
        for marker in markers:
            if marker[0] >= end and marker[0] - end <= 40 and not _CLAUSE_BREAK.search(
                    sentence, end, marker[0]):
                return marker[2]
        inside = [marker for marker in markers if start < marker[0] < end]
        if inside:
            return inside[0][2]
        return self.carried_other

    def finish(self, sentence: str, markers: list[tuple[int, int, bool]], had_main_claim: bool) -> None:
        """End a sentence: carry its last marker's scope and learn which event nouns are elsewhere."""
        topics = {_normal_topic(match.group()) for match in _TOPIC.finditer(sentence)}
        if had_main_claim:
            self.main_topics |= topics
        if markers:
            self.carried_other = markers[-1][2]
        if markers and any(marker[2] for marker in markers):
            self.other_topics |= topics - self.main_topics

    def learn_countries(self, names: Iterable[str]) -> None:
        """Record the incident's country names (lower case) if none are known yet."""
        if not self.countries:
            self.countries = frozenset(name for name in names if name in COUNTRY_NAMES)
