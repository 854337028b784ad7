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

Date and weekday phrases are resolved to days: "on Wednesday" and "Wednesday's
attack" to the last such weekday on or before the publication day, "last December"
and "in January" to the latest such month not after it, "two days earlier" to two
days before the incident's first day, "three days ago" to three days before
publication, "in 2019" to the year. A phrase whose days fall inside the incident's
window anchors the number to it; one outside marks another incident and carries
its days, so the claim can be routed to a declared incident of that date
(:mod:`taji_events.extract.incidents`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Final, NamedTuple

import attrs

from taji_events.extract.prefilter import lowered, may_match
from taji_events.extract.words import COUNTRY_NAMES, MONTHS

__all__ = ["Marker", "ScopeTracker", "place_words", "span_qualifies_an_event"]

#: Verbs of reporting: "had earlier said", "Earlier, police said" speak of an earlier statement.
_REPORTING: Final = "said|told|reported|announced|put|gave|stated|confirmed|estimated|quoted|cited"
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
#: "in 2019", "In 2019, ..." (a comma after the year is no thousands separator unless a digit follows)
_YEAR = re.compile(r"(?<![\d,.])\b(?P<year>(?:19|20)\d\d)\b(?!\d|,\d)")
_RELATIVE = re.compile(
    r"\b(?:(?:last|previous|past|earlier this)\s(?:year|month|week|summer|winter|spring|autumn|fall)"
    r"|(?:days|weeks|months|years|hours|a\sday|a\sweek)\s(?:later|earlier|before|after|ago)"
    r"|the\s(?:day|week|night|month)\s(?:after|before)|the\s(?:previous|preceding)\s(?:day|night|evening|morning)"
    r"|the\slast\stime|back\sthen|on\sthat\s(?:date|day)|years\sago"
    # "at the time" is another time, but "at the time of the blast" is this incident's
    r"|at\sthe\stime(?!\sof\s(?:the|this)\s(?:[\w-]+\s)?(?:attack|blast|explosion|strike|bombing|assault|"
    r"barrage|shelling|raid|ambush|impact))"
    r"|previously(?!\s(?:\w+\s)?(?:said|reported|put|gave|given|stated|announced|confirmed|estimated|told|"
    r"placed|reported)|\s(?:unknown|unheard|little-known|obscure|unnamed))"
    r"|(?:a|an)\s(?:similar|earlier|previous|separate|prior)\s(?:\w+\s)?(?:attack|strike|incident|bombing|assault|"
    r"explosion|blast|ambush|raid|shooting|shelling)"
    r"|the\s(?:previous|earlier|prior)\s(?:\w+\s)?(?:attack|strike|incident|bombing|assault|ambush|blast)"
    r"|(?:earlier|previous|prior|past)\s(?:\w+\s)?(?:attacks|strikes|incidents|bombings)"
    # "had earlier fired" (not "had earlier said": an earlier statement about this incident)
    rf"|had\s(?:\w+\s)?earlier(?!\s(?:{_REPORTING})\b)|earlier\sin\sthe\sday"
    r"|separately|retaliat\w*|reprisal\w*|in\sresponse|culminating"
    # "responded to several individuals injured", "who responded to the scene": rescuers answer
    # the attack's casualties, no response of arms
    r"|responded(?!\sto\s(?:the\s)?(?:scene|emergency|calls?|site|(?:[\w-]+\s){0,2}?(?:people|individuals|"
    r"persons|casualties|victims|injured|wounded)\b))"
    # "..., prompting U.S. airstrikes that killed 25 fighters": the response is another event
    r"|prompt(?:ing|ed)\s(?:[\w.-]+\s){0,2}?(?:air\s?strikes?|strikes|raids|retaliation|a\sresponse)"
    r"|(?:struck|hit|strike|strikes|striking|hitting)\sback|counter-?strikes?"
    r"|since|so\sfar\sthis\syear|(?:over|in|during)\sthe\s(?:past|last)\s(?:\w+\s)?(?:days|weeks|years|decades|months)"
    r"|(?:the\s)?(?:second|third|other)\s(?:\w+\s)?(?:attack|assault|bombing|blast|explosion)"
    r"|in\s(?:that|those)\s(?:\w+\s)?(?:attacks?|assaults?|bombings?|blasts?|explosions?))\b",
    re.IGNORECASE,
)
#: Other events told by their noun phrase (looked for only when a word they need occurs).
_OTHER_EVENT = re.compile(
    # "Another bombing killed 13", "elsewhere", "in other violence"
    r"\b(?:another\s(?:[\w-]+\s)?(?:attack|strike|bombing|assault|explosion|blast|ambush|raid|shooting|incident)"
    r"|elsewhere|in\sother\s(?:violence|attacks|incidents|fighting)"
    # "The latest attack follows a suicide bombing ...", "after an attack that killed 15"
    r"|(?:follows|followed)\s(?:a|an|another)\s(?:[\w-]+\s){0,3}?(?:attack|strike|bombing|assault|explosion|"
    r"blast|ambush|raid|shooting|shelling)"
    r"|(?:after|since)\s(?:a|an|another)\s(?:[\w-]+\s){0,2}?(?:attack|strike|bombing|assault|explosion|blast|"
    r"ambush|raid|shooting|shelling)\s(?:that|which|in\swhich)"
    # a series: "the camp has been targeted many times by ...", "has been repeatedly attacked"
    r"|(?:targeted|attacked|hit|struck|bombed|shelled|raided)\s(?:\w+\s)?(?:many|several|numerous|multiple|"
    r"countless|repeated)\stimes"
    r"|(?:has|have)\sbeen\s(?:repeatedly|frequently|regularly)\s(?:targeted|attacked|hit|struck|shelled)"
    # "footage recently surfaced showing troops ... killing 15": an event filmed before
    r"|(?:footage|videos?|images)\s(?:\w+\s)?(?:surfaced|emerged)"
    # "The attacks have left many dead": the toll of a series
    r"|(?:the|these|such|similar|recent|repeated)\s(?:[\w-]+\s)?(?:attacks|bombings|raids|strikes|assaults)\s"
    r"(?:have|has)\s(?:\w+\s)?(?:left|killed|claimed|wounded|injured|displaced))\b",
    re.IGNORECASE,
)
#: The words :data:`_OTHER_EVENT` needs, one of which a sentence must hold to be scanned.
_OTHER_EVENT_WORDS: Final = ("another", "elsewhere", "in other", "follow", "after a", "since a", "times",
                             "repeated", "frequent", "regular", "surfaced", "emerged", "s have", "s has")
_ANCHOR = re.compile(
    r"\b(?:this|today['’]s|tonight['’]s|yesterday['’]s)"
    r"\s(?:\w+\s){0,2}?(?:attack|strike|bombing|assault|ambush|blast|explosion|raid|incident)\b",
    re.IGNORECASE,
)
_COUNTRY = re.compile(
    r"\b(?:[Ii]n|[Ii]nto|[Aa]cross|[Ii]nside|[Oo]ver|[Oo]n|at)\s(?:the\s)?(?:(?:north|south|east|west|central|"
    r"northern|southern|eastern|western|neighbou?ring|north-?eastern|north-?western|"
    r"south-?eastern|south-?western)\s)?(?P<country>[A-Z][a-z]+)\b"
)
#: "militants in Gaza fired": the country says where the attackers are, not where the incident was.
_ACTOR_BEFORE = re.compile(
    r"\b(?:militants?|militias?|terrorists?|fighters?|gunmen|insurgents?|rebels?|groups?|forces|troops|"
    r"army|jihadists?|factions?|proxies|guerrillas|launchers?|positions|sites)\s$", re.IGNORECASE)
_TOPIC = re.compile(r"\b(?:air\s?strikes?|strikes?|raids?|bombings?|shelling|drone\sstrikes?)\b",
                    re.IGNORECASE)
_TOPIC_WORDS: Final = ("strike", "raid", "bombing", "shelling")  # one is in every match (:mod:`.prefilter`)
#: "the strikes", "those strikes", "the U.S. strikes": strikes introduced earlier as another event.
_THE_TOPIC = re.compile(r"\b(?:the|those|these)\s(?:[\w.-]+\s)?"
                        r"(?P<topic>air\s?strikes?|strikes|raids|bombings|shelling)\b",
                        re.IGNORECASE)
_THE_ATTACK = re.compile(
    r"\bthe\s(?:(?:rocket|missile|mortar|drone|suicide|deadly|fatal|latest)\s)?"
    r"(?:attack|bombing|assault|ambush|blast|explosion)\b(?!s)",
    re.IGNORECASE,
)
#: A place named in a sentence about another incident ("a rocket barrage on the airport in X
#: killed a contractor"): a capitalised name after a place preposition.
_PLACED_NAME = re.compile(
    r"\b(?:in|at|near|outside|on)\s(?:the\s)?(?:(?:city|town|village|province|region|district)\sof\s)?"
    r"(?P<name>[A-Z][\w'’-]{1,30})\b")
#: "claimed the X attack": an event named by a capitalised word before its noun.
_NAMED_EVENT = re.compile(
    r"\bthe\s(?P<name>[A-Z][\w'’-]{1,30})\s(?:(?:rocket|missile|mortar|drone|suicide|car|bomb)\s)?"
    r"(?:attacks?|bombings?|strikes?|assault|barrage|blast|raid|ambush|shelling)\b")
# The words each family of phrases needs, searched for in the lower-cased sentence first.
_MONTH_STEMS: Final = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_SPAN_WORDS: Final = re.compile("ago|earlier|before|later|after")
_LAST_WORDS: Final = re.compile("last|previous|past")
_RELATIVE_WORDS: Final = re.compile(
    "day|week|month|year|hour|last|previous|past|earlier|time|then|ago|similar|separate|prior|"
    "retaliat|reprisal|respon|culminat|back|counter|since|so far|over the|second|third|other|that|those|"
    "prompt|preced")
_ANCHOR_WORDS: Final = re.compile("this|today|tonight|yesterday")
_DIGIT: Final = re.compile(r"\d")
_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(?:(?P<lead>(?i:on|last|early|late|since|by|until|before|overnight|the))\s)?(?:(?:early|late)\s)?"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<own>['’´]s)?\b"
)
#: "the Wednesday attack", "the Sunday night rocket strike": a weekday naming an event.
_EVENT_AFTER = re.compile(r"\s(?:(?:night|morning|evening|afternoon|rocket|missile|drone|mortar)\s){0,2}"
                          r"(?:attacks?|strikes?|barrage|bombing|assault|ambush|blast|raid|shelling)\b",
                          re.IGNORECASE)
_NUMBER_WORDS: Final = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SPAN = re.compile(
    r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s"
    r"(?P<unit>days?|weeks?|months?|years?)\s(?P<way>earlier|before|ago|later|after)\b",
    re.IGNORECASE,
)
_VAGUE_SPAN = re.compile(r"(?P<unit>days|weeks)\s(?P<way>earlier|before|after|ago)")
#: "a day after another bombing", "hours after an overnight attack", "three weeks after it
#: carried out a rampage": "after" then an event of its own, told by an indefinite noun phrase
#: or by attackers acting (not "died a day after the attack", "after being wounded").
_NEW_EVENT = re.compile(r"\s(?:a|an|another|(?:it|they|the\sgroup|militants|gunmen|insurgents)\s(?:had\s)?"
                        r"(?:carried|launched|attacked|fired|killed|stormed|struck|bombed|staged|shot|raided))\s",
                        re.IGNORECASE)
#: "The previous day, gunmen killed four": the day before the day the sentence speaks of.
_DAY_BEFORE: Final = frozenset(("the previous day", "the preceding day", "the day before",
                                "the previous night", "the night before", "the preceding night"))
_HOURS = re.compile(r"hours\s(?P<way>earlier|before|after)", re.IGNORECASE)
#: "hours after the minister arrived", "hours before the talks opened": a person or a meeting
#: doing something other than an attack, no other incident (not "hours after the bombing").
_PLAIN_HAPPENING = re.compile(
    r"\s(?!(?:an?|another)\s)(?!(?:[\w.'’-]+\s){0,5}?(?:attacks?|bombings?|strikes?|raids?|blasts?|"
    r"explosions?|shelling|barrages?|assaults?|offensive|fighting|clashes)\b)"
    r"(?:[\w.'’-]+\s){1,6}?(?:arrived|landed|left|departed|met|spoke|opened|began|started|ended|took\soff|"
    r"visited|returned)\b", re.IGNORECASE)
#: "Earlier, ..." opening a sentence: another event before this one, unless a statement follows
#: ("Earlier, police said ...": an earlier statement about this incident).
_EARLIER_OPENING = re.compile(
    r"\s*(?P<word>Earlier|(?:On\s|In\s)?[Tt]he\ssame\s(?:day|night|week|morning|afternoon|evening)),\s"
    rf"(?!(?:[\w.'’-]+\s){{0,5}}?(?:had\s)?(?:{_REPORTING})\b)")
#: A statement right after a time phrase: "Hours earlier, the army said ...".
_STATEMENT_AFTER = re.compile(rf",?\s(?:[\w.'’-]+\s){{0,5}}?(?:had\s)?(?:{_REPORTING})\b")
_EARLIER_BEFORE = re.compile(r"\b[Ee]arlier\s\Z")
#: "Tuesday, a car bomber ...": a weekday that opens the sentence before a comma is a time.
_OPENING_DAY = re.compile(r"(?:\s(?:night|morning|evening|afternoon))?,")
_LAST_UNIT = re.compile(r"\b(?:last|(?:the\s)?previous|(?:the\s)?past)\s(?P<unit>week|month|year)\b",
                        re.IGNORECASE)
_LAST_YEAR_AFTER = re.compile(r"\s(?:of\s)?last\syear\b", re.IGNORECASE)
_UNIT_DAYS: Final = {"day": 1, "week": 7, "month": 30, "year": 365}


class Marker(NamedTuple):
    """A phrase that says which incident nearby numbers are about (sentence-relative span).

    ``other`` is True for another incident than the reported one; ``days`` the first and
    last day the phrase resolves to, when it names a time (None for "a similar attack").
    """

    start: int
    end: int
    other: bool
    days: tuple[date, date] | None = None


def _position(marker: Marker) -> tuple[int, int, bool]:
    return marker.start, marker.end, marker.other


def _month_days(year: int, month: int) -> tuple[date, date]:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return date(year, month, 1), last


def _overlaps(days: tuple[date, date], window: tuple[date, date], slack: int = 0) -> bool:
    return days[0] <= window[1] + timedelta(days=slack) and window[0] - timedelta(days=slack) <= days[1]


#: "told AFP in Srinagar", "said in Kabul": where something was said, not where it happened.
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|spoke|announced)\b(?:\s[\w.]+){0,2}\s$")
_AT_OTHER_PLACE: Final = Marker(0, 0, True)
#: A toll over many attacks, not one: "has so far killed more than N people ... in various
#: armed attacks" (the whole sentence; "since" is a marker of its own).
_CUMULATIVE = re.compile(
    r"\b(?:in|during|through|across|for|behind)\s(?:various|several|numerous|multiple|many|countless|repeated|"
    r"a\sseries\sof|a\sstring\sof|a\swave\sof)\s(?:[\w-]+\s){0,2}?(?:attacks|strikes|raids|bombings|assaults)\b",
    re.IGNORECASE)
#: A series told in the present perfect: "The militia has fired missiles into the city, often
#: hitting camps" (the whole sentence: generic, no one incident's attribution or toll).
_SERIES = re.compile(
    r"\b(?:have|has)\s(?:\w+\s){0,2}?(?:fired|launched|sent|carried\sout|attacked|targeted|struck|shelled)\b"
    r"[^.;]{0,120}?\b(?:often|frequently|repeatedly|regularly|routinely)\b", re.IGNORECASE)
_SPAN_PHRASE = re.compile(r"(?i:since|so\sfar|over\sthe|in\sthe\s(?:past|last)|during\sthe)")
#: A toll over a span ending the sentence: "... and more than 220 wounded in the city in the past
#: six months" (the whole sentence), unless it qualifies a noun or a superlative ("the third such
#: attack in the past week", "the deadliest in the past decade").
_PAST_SPAN = re.compile(r"(?:over|in|during)\sthe\s(?:past|last)\s", re.IGNORECASE)
_SPAN_QUALIFIES = re.compile(r"(?:attacks?|strikes?|bombings?|blasts?|assaults?|raids?|incidents?|such|"
                             r"\w+est|worst|first|second|third|time)\s\Z", re.IGNORECASE)
_QUOTE_OPENERS: Final = "\"“‘'"


def span_qualifies_an_event(sentence: str, start: int) -> bool:
    """Whether the span phrase at ``start`` ("in the past two weeks") qualifies an attack or a
    superlative before it ("the third such attack in the past two weeks", "the deadliest in
    the past year") rather than bounding a cumulative toll."""
    return _SPAN_QUALIFIES.search(sentence, max(0, start - 30), start) is not None

#: Security forces acting after an attack: "special forces staged an ambush on a camp",
#: "troops raided the hideout", "the army launched an operation".
_OPERATION = re.compile(
    r"\b(?:forces|troops|soldiers|police|army|military|commandos|officers)\s(?:\w+\s){0,3}?"
    r"(?:staged|launched|mounted|conducted|carried\sout|raided|stormed|struck|pursued|ambushed|attacked|"
    r"killed|targeted)\b", re.IGNORECASE)
#: How far after a claim, in its own clause, a marker still governs it: "Three people were
#: injured in X following the shelling on 25 February" (a response, 40 characters: "said it
#: fired the rockets at open ground in response to ..." is the response's own claim).
_AFTER_REACH: Final = 80
#: "Two guards died days after the attack": a time after this incident, not another event.
_AFTER_THE_ATTACK = re.compile(r"(?<=after)\sthe\s(?:[\w-]+\s)?(?:attack|bombing|blast|explosion|assault|"
                               r"strike|ambush|raid|shelling)\b(?!\s(?:on|in|at|near)\s[A-Z])", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:]|\sbut\s|\sand\s")
#: Between an anchor and a claim, "after", "before", "when" and "as" also open a clause about
#: another event ("The attack came as tensions rose after a U.S. strike killed a general in
#: January": the claim's own clause has the date).
_CLAUSE_OPENER = re.compile(r"[,;:]|\s(?:but|and|after|before|when|as|where)\s")
#: A response to an attack: an event of its own (see :meth:`ScopeTracker.naming_text`).
_RESPONSE = re.compile(r"(?i:retaliat|reprisal|in\sresponse|respond|prompt|struck\sback|hit\sback|"
                       r"strike\sback|striking\sback|counter)")
#: An aside about the attack named just before it: "The rocket attack, the 22nd since October,",
#: "Saturday's attack, which came a day after ...,".
_ASIDE = re.compile(r"\b(?:attack|strike|barrage|bombing|assault|ambush|shelling)s?"
                    r"(?P<aside>,\s(?:the|which|who|a|an|its|their)\s[^,;:.]{1,100}?,)", re.IGNORECASE)
#: What lies between a charge and the attack it is about: "blamed X(, an Iranian-backed
#: militia,) for (the attack on) Wednesday", "claimed responsibility for Monday's strike".
_CHARGE_GAP = re.compile(
    r"(?:,[^,;.]{0,80},)?\s(?:for|over|of|behind|in)\s(?:the\s(?:[\w-]+\s)?(?:attacks?|strikes?|bombings?|"
    r"assaults?|barrages?|ambush|blasts?|raids?)\s)?\Z")
#: "that attack", "that deadly strike": the incident just spoken of (not "said that attacks").
_THAT_ATTACK = re.compile(r"(?<!said\s)(?<!says\s)(?<!say\s)\b[Tt]hat\s(?!(?:the|a|an|this)\s)(?:[\w-]+\s)?"
                          r"(?:attack|strike|bombing|assault|ambush|blast|raid|barrage|incident|shooting|"
                          r"shelling|explosion)\b")
#: Between an attack noun and the date that names it: "the attack on Wednesday", "the
#: bombing of the cathedral last year" (no clause break, no clause of its own).
_DATED_NOUN_GAP = re.compile(r"(?:\s(?:on|of|at|in|against|near)\s(?:(?!that\b|which\b|who\b|after\b|"
                             r"before\b|when\b)[^,;:]){0,80}?)?\s(?:on|in|at)?\s?")
#: A sentence whose subject is the reported attack and whose verb places it in time: "The
#: attack came two days after ...", "Saturday's barrage followed ...". It is about this
#: incident, so the other incident it names carries no scope to the next sentence.
_ATTACK_IN_TIME = re.compile(
    r"\A(?:The|This|Today['’]s|Tonight['’]s|Yesterday['’]s|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['’]s)\s"
    r"(?:[\w-]+\s){0,2}?(?:attack|strike|barrage|assault|bombing|ambush|blast|shelling|salvo)\s"
    r"(?:\w+\s)?(?:came|comes|follows|followed|occurred|occurs|happened|took\splace|was\slaunched)\b")
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
        # Names carry a capital ("Camp Taji", "al-Omar"); "and", "second" or "oil" name nothing.
        words = [word for word in re.findall(r"[^\W\d_][\w'’-]*", head) if word.lower() != word]
    else:
        slug = re.sub(r"[-_]?\d{4}(?:-\d{2}){0,2}$", "", incident)
        words = re.split(r"[-_\s]+", slug)
    # A country or a compass word names too wide an area to tell incidents apart.
    return frozenset(word.lower() for word in words
                     if len(word) >= 3 and word.lower() not in _GENERIC_PLACE | COUNTRY_NAMES)


def _normal_topic(word: str) -> str:
    """One name per kind of event: "air strikes", "airstrike" and "strikes" are all strikes."""
    word = word.lower().replace(" ", "")
    word = word[:-1] if word.endswith("s") else word
    return "strike" if word.endswith("strike") else word


@attrs.define
class ScopeTracker:
    """Scope state carried across the sentences of one report (mutable, one per run).

    ``window`` is the incident's date range (first and last possible day), ``today``
    the local day of publication that weekday and month phrases are resolved against;
    ``countries`` the lower-case names of the incident's country, when known.

    Since 0.1.0.
    """

    window: tuple[date, date] | None
    anchors: frozenset[str]
    countries: frozenset[str] = frozenset()
    today: date | None = None
    other_topics: set[str] = attrs.Factory(set)
    main_topics: set[str] = attrs.Factory(set)
    paragraph: int = -1
    carried: Marker | None = None
    other_places: frozenset[str] = frozenset()
    #: Names set at another incident by a sentence that spoke of nothing else, with its marker;
    #: and every capitalised word of the sentences that gave claims about this incident.
    other_names: dict[str, Marker] = attrs.Factory(dict)
    main_words: set[str] = attrs.Factory(set)
    _anchor_pattern: re.Pattern[str] | None = None
    _other_place_pattern: re.Pattern[str] | None = None
    _keep_next: str = ""
    _previous_other: Marker | None = None  # the previous sentence's other incident, if it spoke of no other
    _carried_text: str = ""  # the sentence the carried scope comes from
    _previous_undated: Marker | None = None  # the same for another incident named without a date
    _previous_routed: Marker | None = None  # the same, when that sentence gave a claim about it
    _paragraph_quoted: bool = False

    def _verdict(self, start: int, end: int, days: tuple[date, date] | None) -> Marker | None:
        if days is None or self.window is None:
            return None
        if self._reporting_time(days):
            return None
        return Marker(start, end, not _overlaps(days, self.window), days)

    def _reporting_time(self, days: tuple[date, date]) -> bool:
        """Days after the incident and not after publication: when something was said or
        counted ("the toll rose to 14 on Tuesday"), not another incident's date."""
        assert self.window is not None
        reference = self.today or self.window[1]
        return days[0] > self.window[1] and days[1] <= reference + timedelta(days=1)

    def markers(self, sentence: str) -> list[Marker]:
        """Every marker in ``sentence``, sorted by position.

        Each family of phrases is looked for only when a word it needs occurs in the
        sentence (a substring test costs far less than a scan with the expression).
        """
        found: list[Marker] = []
        low = sentence.lower()

        def add(marker: Marker | None) -> None:
            if marker is not None:
                found.append(marker)

        digits = _DIGIT.search(sentence) is not None
        dates: list[tuple[int, int]] = []
        if _MONTH_STEMS.search(low):
            if digits:
                for match in _DAY_DATE.finditer(sentence):
                    dates.append(match.span())
                    add(self._day_marker(match))
            for match in _MONTH_ONLY.finditer(sentence):
                if match["month"][0].isupper():
                    dates.append(match.span())
                    add(self._month_marker(match))
        if digits and ("19" in sentence or "20" in sentence):
            for match in _YEAR.finditer(sentence):
                if any(start <= match.start() < stop for start, stop in dates):
                    continue  # the year of "July 12, 2006" or "in January 2019": that date's
                year = int(match["year"])
                add(self._verdict(match.start(), match.end(), (date(year, 1, 1), date(year, 12, 31))))
        if "day" in low:
            for match in _WEEKDAY.finditer(sentence):
                add(self._weekday_marker(match))
        spans = []
        if _SPAN_WORDS.search(low):
            for match in _SPAN.finditer(sentence):
                spans.append(match.span())
                add(self._span_marker(match, found))
        if _LAST_WORDS.search(low):
            for match in _LAST_UNIT.finditer(sentence):
                spans.append(match.span())
                add(self._last_unit_marker(match))
        if _RELATIVE_WORDS.search(low):
            for match in _RELATIVE.finditer(sentence):
                if not any(start <= match.start() < stop for start, stop in spans):
                    if match.group()[:6].lower() == "hours " and match.group()[-6:].lower() in (
                            " after", "before") and _PLAIN_HAPPENING.match(sentence, match.end()):
                        continue  # "hours after the minister arrived": a time of this incident
                    days = self._vague_span(match.group())
                    if days is None and match.group()[:5].lower() == "hours":
                        days = self._hours_before(match, found)
                    elif days is None and (match.group()[:4].lower() == "had " or
                                           match.group().lower() == "earlier in the day") and \
                            not _STATEMENT_AFTER.match(sentence, match.end()):
                        days = self._same_day(found, match.start())  # "had earlier", "earlier in the day"
                    elif days is None and match.group().lower() in _DAY_BEFORE:
                        reference = self._reference(found, match.start())  # "the previous day"
                        days = None if reference is None else (reference - timedelta(days=1),) * 2
                    elif days is None and match.group()[:13].lower() == "earlier this ":
                        days = self._earlier_this(match.group()[13:].lower())
                    if days is None and self._previous_other is not None and \
                            match.group().lower().startswith(("in that ", "in those ")):
                        days = self._previous_other.days  # "in that attack": the one just spoken of
                    found.append(Marker(match.start(), match.end(), True, days))
        opening = _EARLIER_OPENING.match(sentence) if "," in low[:40] else None
        if opening is not None:
            # "Earlier, ...", "On the same day, ...": another event (of that day; not "Meanwhile, in
            # X, two were injured", which often moves to another place of one barrage)
            found.append(Marker(0, opening.end("word"), True,
                                self._same_day(found, 0) if opening["word"] == "Earlier" else None))
        if any(map(low.__contains__, _OTHER_EVENT_WORDS)):
            taken = [(marker.start, marker.end) for marker in found]
            # "hours after an overnight attack in which ...": a phrase already read is not read again
            found.extend(Marker(match.start(), match.end(), True) for match in _OTHER_EVENT.finditer(sentence)
                         if not any(start <= match.start() < stop for start, stop in taken))
        if _ANCHOR_WORDS.search(low):
            found.extend(Marker(match.start(), match.end(), False) for match in _ANCHOR.finditer(sentence))
        previous = self._previous_other or self._previous_undated
        if previous is not None and "that " in low:
            # "The U.S. blamed X for that attack": the incident the previous sentence was about
            found.extend(Marker(match.start(), match.end(), True, previous.days)
                         for match in _THAT_ATTACK.finditer(sentence))
        if self.other_topics:
            for match in _THE_TOPIC.finditer(sentence):
                if _normal_topic(match["topic"]) in self.other_topics:
                    found.append(Marker(match.start(), match.end(), True))
        if self.countries:
            for match in _COUNTRY.finditer(sentence):
                country = match["country"].lower()
                # Only another country is evidence: the incident's own country names many places.
                if country in COUNTRY_NAMES and country not in self.countries and \
                        not _ACTOR_BEFORE.search(sentence, max(0, match.start() - 30), match.start()) and \
                        not (sentence.startswith("at", match.start()) and
                             sentence.startswith(("'s", "’s"), match.end())):
                    # "fired rockets at northern Israel" (not "at Israel's request")
                    found.append(Marker(match.start(), match.end(), True))
        found.sort(key=_position)
        if "attacks" in low:
            cumulative = _CUMULATIVE.search(sentence)
            if cumulative is not None and not any(marker.start == 0 and marker.other for marker in found):
                found.insert(0, _AT_OTHER_PLACE)
        if ("often" in low or "frequent" in low or "repeated" in low or "regular" in low or
                "routine" in low) and ("has " in low or "have " in low) and _SERIES.search(sentence) \
                and not any(marker.start == 0 and marker.other for marker in found):
            found.insert(0, _AT_OTHER_PLACE)
        if self.other_names and "the " in low:
            for match in _NAMED_EVENT.finditer(sentence):
                event = self.other_names.get(match["name"])
                if event is not None and match["name"] not in self.main_words:
                    # "A group claimed the X attack": X was the place of the other incident told
                    # of before, and no sentence about this incident named it
                    found.append(Marker(match.start(), match.end(), True, event.days))
            found.sort(key=_position)
        self._add_other_place(sentence, low, found)
        # The place's name and "the attack" point at the reported incident, unless another
        # incident came first in the sentence ("days after a bombing at the airport killed ...").
        weak = [match.span() for match in _THE_ATTACK.finditer(sentence)] if "the " in low else []
        places: list[tuple[int, int]] = []
        if self.anchors:
            if self._anchor_pattern is None:
                words = "|".join(sorted(map(re.escape, self.anchors), key=len, reverse=True))
                self._anchor_pattern = re.compile(rf"(?<![^\W\d_])(?:{words})(?![^\W\d_])", re.IGNORECASE)
            places = [match.span() for match in self._anchor_pattern.finditer(sentence)]
        if weak and not found and not places and self._previous_routed is not None:
            # "In December, a rocket attack on a base near X killed a contractor. / Washington
            # blamed Y for the attack": right after a sentence that gave figures about another
            # incident only, a sentence naming nothing else speaks of that incident by "the attack"
            found.extend(Marker(start, end, True, self._previous_routed.days) for start, end in weak)
            found.sort(key=_position)
            return found
        # "the attack on Saturday night": the day names the attack, the phrase anchors nothing
        dated_at = {marker.start for marker in found if marker.days is not None}
        weak = [(start, end) for start, end in weak
                if not any(end + gap in dated_at for gap in (1, 4))] + places
        first_other = min((marker.start for marker in found if marker.other), default=len(sentence))
        for start, end in weak:
            if not first_other < start:
                found.append(Marker(start, end, False))
        found.sort(key=_position)
        return found

    def _add_other_place(self, sentence: str, low: str, found: list[Marker]) -> None:
        """Mark a sentence set at another declared incident's place as about that incident.

        "Earlier, three soldiers were injured when a mortar shell hit in the Eshkol region":
        a place phrase (a preposition before the name) naming another declared incident's
        place, in a sentence that names neither the reported incident's place nor "the
        attack", puts the whole sentence under that incident (the marker sits at its start).
        "Militants in Gaza fired" says where the attackers are, and marks nothing.
        """
        if not self.other_places:
            return
        if self._other_place_pattern is None:
            words = "|".join(sorted(map(re.escape, self.other_places), key=len, reverse=True))
            self._other_place_pattern = re.compile(
                rf"\b(?i:in|at|near|outside|around|of|into|on)\s(?:the\s)?"
                rf"(?:(?i:city|town|village|region|area|district|province|county|camp)\sof\s)?"
                rf"(?:[A-Z][\w'’-]{{0,30}}\s){{0,2}}?(?P<name>(?i:{words}))(?![^\W\d_])")
        if any(marker.other for marker in found):
            return  # the sentence's own markers say which incident it is about
        for match in self._other_place_pattern.finditer(sentence):
            before = max(0, match.start() - 30)
            if not match["name"][0].isupper() or _ACTOR_BEFORE.search(sentence, before, match.start()) \
                    or _SAID_BEFORE.search(sentence, before, match.start()):
                continue
            if "the " in low and _THE_ATTACK.search(sentence):
                return
            if self.anchors and any(word in self.anchors for word in re.findall(r"[^\W\d_]+", low)):
                return
            found.insert(0, _AT_OTHER_PLACE)
            return

    def _day_marker(self, match: re.Match[str]) -> Marker | None:
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
        reference = max(hi, self.today) if self.today else hi
        try:
            if year_text:
                day = date(int(year_text), month, int(day_text))
            else:
                day = date(reference.year, month, int(day_text))
                if day > reference + timedelta(days=2):
                    day = date(reference.year - 1, month, int(day_text))
        except ValueError:
            return None
        if self._reporting_time((day, day)):
            return None
        other = not (lo - timedelta(days=1) <= day <= hi + timedelta(days=2))
        return Marker(match.start(), match.end(), other, (day, day))

    def _month_marker(self, match: re.Match[str]) -> Marker | None:
        if self.window is None:
            return None
        month = MONTHS[match["month"].lower()]
        reference = self.today or self.window[1]
        if match["year"] is not None:
            year = int(match["year"])
        else:
            year = reference.year if month <= reference.month else reference.year - 1
            if match["lead"].lower() == "last" and month == reference.month:
                year -= 1
            if _LAST_YEAR_AFTER.match(match.string, match.end()):
                year = reference.year - 1  # "in January last year"
        return self._verdict(match.start(), match.end(), _month_days(year, month))

    def _weekday_marker(self, match: re.Match[str]) -> Marker | None:
        reference = self.today or (self.window[1] if self.window else None)
        if reference is None or self.window is None:
            return None
        lead = (match["lead"] or "").lower()
        if lead == "the" and not match["own"]:
            if not _EVENT_AFTER.match(match.string, match.end()):
                return None  # "the Wednesday meeting" is no time; "the Wednesday attack" is one
        elif not (lead or match["own"]) and not (
                not match.string[:match.start()].strip() and _OPENING_DAY.match(match.string, match.end())) \
                and not _EARLIER_BEFORE.search(match.string, max(0, match.start() - 8), match.start()):
            return None  # "Wednesday" alone may start a list or a name; "on"/"'s" make it a time
        back = (reference.weekday() - _WEEKDAYS.index(match["day"].lower())) % 7
        if lead == "last" and back == 0:
            back = 7
        day = reference - timedelta(days=back)
        if lead in ("on", "") and _EARLIER_BEFORE.search(match.string, max(0, match.start() - 8),
                                                          match.start()):
            # "Earlier on Thursday, ...", "earlier Thursday": another event of that day
            return None if self._reporting_time((day, day)) else Marker(match.start(), match.end(), True,
                                                                         (day, day))
        return self._verdict(match.start(), match.end(), (day, day))

    def _reference(self, found: list[Marker], start: int) -> date | None:
        """The day a relative phrase at ``start`` counts from: the last day a phrase before it
        in the sentence names ("On May 1, ..., a day after another bombing ..."), else the
        incident's first day."""
        last = max((marker for marker in found if marker.days is not None and marker.end <= start),
                   key=lambda marker: marker.end, default=None)
        if last is not None and last.days is not None:
            return last.days[0]
        return self.window[0] if self.window is not None else None

    def _span_marker(self, match: re.Match[str], found: list[Marker]) -> Marker:
        number = match["n"].lower()
        count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        unit = match["unit"].lower().rstrip("s")
        way = match["way"].lower()
        length = count * _UNIT_DAYS[unit]
        if way in ("later", "after") or self.window is None:
            reference = self._reference(found, match.start())
            if way == "after" and reference is not None and (
                    _NEW_EVENT.match(match.string, match.end()) or _ATTACK_IN_TIME.match(match.string)):
                # "On May 1, two bombs killed one, a day after another bombing killed 13": the
                # other event is that long before the day the sentence speaks of
                middle = reference - timedelta(days=length)
                spread = 0 if unit == "day" else length // 4
                return Marker(match.start(), match.end(), True,
                              (middle - timedelta(days=spread), middle + timedelta(days=spread)))
            return Marker(match.start(), match.end(), True)
        anchor = self.today if way == "ago" and self.today else self.window[0]
        middle = anchor - timedelta(days=length)
        spread = 0 if unit == "day" else length // 4
        days = (middle - timedelta(days=spread), middle + timedelta(days=spread))
        return Marker(match.start(), match.end(), not _overlaps(days, self.window), days)

    def _vague_span(self, phrase: str) -> tuple[date, date] | None:
        """The days of "days after <another event>", "weeks earlier", "days ago": a span of
        some days (up to two weeks) or weeks (one to eight) before the incident, or before
        publication for "ago". "Days later" and the rest get no days."""
        match = _VAGUE_SPAN.fullmatch(phrase.lower())
        if match is None or self.window is None:
            return None
        anchor = self.today if match["way"] == "ago" and self.today else self.window[0]
        near, far = (1, 14) if match["unit"] == "days" else (7, 56)
        return anchor - timedelta(days=far), anchor - timedelta(days=near)

    def _earlier_this(self, unit: str) -> tuple[date, date] | None:
        """The days of "earlier this month" ("week", "year"): from the start of that span of the
        publication day to the day before the incident (None when no day is left)."""
        if self.window is None:
            return None
        reference = self.today or self.window[1]
        if unit == "month":
            first = reference.replace(day=1)
        elif unit == "year":
            first = date(reference.year, 1, 1)
        elif unit == "week":
            first = reference - timedelta(days=reference.weekday())
        else:
            return None
        last = self.window[0] - timedelta(days=1)
        return (first, last) if first <= last else None

    def _same_day(self, found: list[Marker], start: int) -> tuple[date, date] | None:
        """The days of "had earlier (fired)", "earlier in the day", an opening "Earlier,": the day
        before the day the sentence speaks of (else the incident's first day) and that day."""
        reference = self._reference(found, start)
        return None if reference is None else (reference - timedelta(days=1), reference)

    def _hours_before(self, match: re.Match[str], found: list[Marker]) -> tuple[date, date] | None:
        """The days of "hours earlier", "hours before" and "hours after an overnight attack":
        the day the sentence speaks of (else the incident's first day) and the day before. The
        phrase still marks another incident; "hours later" gets no days."""
        hours = _HOURS.fullmatch(match.group())
        reference = self._reference(found, match.start())
        if hours is None or reference is None or (
                hours["way"].lower() == "after" and not _NEW_EVENT.match(match.string, match.end())) or \
                _STATEMENT_AFTER.match(match.string, match.end()):
            return None  # "Hours earlier, the army said ...": a statement, no event to date
        return reference - timedelta(days=1), reference

    def _last_unit_marker(self, match: re.Match[str]) -> Marker:
        unit = match["unit"].lower()
        reference = self.today or (self.window[1] if self.window else None)
        if reference is None:
            return Marker(match.start(), match.end(), True)
        if unit == "year":
            days = (date(reference.year - 1, 1, 1), date(reference.year - 1, 12, 31))
        elif unit == "month":
            previous = reference.replace(day=1) - timedelta(days=1)
            days = _month_days(previous.year, previous.month)
        else:
            monday = reference - timedelta(days=reference.weekday() + 7)
            days = (monday, monday + timedelta(days=6))
        # "last year" never names the incident being reported, even when it falls in that year
        # (an article of 1 January recalling "last year's" ambush).
        return Marker(match.start(), match.end(), True, days)

    def begin(self, paragraph: int, sentence: str = "") -> None:
        """Start a sentence; a new paragraph resets the carried scope to this incident.

        Two exceptions keep the scope of the previous paragraph, because the new one goes
        on about the same event: a paragraph right after one that announced an operation
        of security forces ("special forces staged an ambush on a militant camp", its
        casualties are not the attack's), and a quotation that opens right after a
        paragraph that was a quotation (the same statement, continued).
        """
        if paragraph != self.paragraph:
            quoted = sentence.lstrip()[:1] in _QUOTE_OPENERS
            keep = self._keep_next == "operation" or (self._keep_next == "quote" and quoted)
            # a statement continued keeps only the place of another incident it was set at
            self.paragraph = paragraph
            if not keep:
                self.carried = None
            self._paragraph_quoted = quoted

    def marker_for(self, sentence: str, markers: list[Marker], start: int, end: int) -> Marker | None:
        """The marker that governs the claim spanning ``start..end`` of ``sentence``, if any.

        A marker after the claim counts only within its clause: "... died on that date",
        not "No group has claimed responsibility, but previous attacks ...". A marker of
        another incident without days ("a similar attack") takes the days of a time phrase
        that opens the sentence ("This past December, a similar attack ... killed").
        """
        if markers and "," in sentence:
            # "The rocket attack, the 22nd since October, wounded two soldiers": a marker inside
            # an apposition or a relative clause between commas governs nothing outside it
            asides = [match.span("aside") for match in _ASIDE.finditer(sentence)
                      if not match.start("aside") <= start < match.end("aside")]
            if asides:
                markers = [marker for marker in markers
                           if not any(low < marker.start < high for low, high in asides)]
        found = self._marker_for(sentence, markers, start, end)
        if found is not None and found.other and found.days is None and markers and \
                markers[0].start <= 3 and markers[0].other and markers[0].days is not None and \
                not _RESPONSE.match(sentence, found.start):
            # a response ("prompting U.S. airstrikes that killed ...") is an event of its own;
            # "a day after another bombing": the phrase right before dates the event
            dated = [marker for marker in markers if marker.days is not None and marker.other and
                     marker.end <= found.start]
            source = dated[-1] if dated and found.start - dated[-1].end <= 1 else markers[0]
            return Marker(found.start, found.end, True, source.days)
        return found

    def _marker_for(self, sentence: str, markers: list[Marker], start: int, end: int) -> Marker | None:
        before = [marker for marker in markers if marker.start <= start]
        after = next((marker for marker in markers if end <= marker.start <= end + _AFTER_REACH
                      and not _CLAUSE_BREAK.search(sentence, end, marker.start)
                      and (marker.start - end <= 40 or not _RESPONSE.match(sentence, marker.start))
                      and not _AFTER_THE_ATTACK.match(sentence, marker.end)), None)
        if before:
            # "killed four in April, while gunmen killed five in March": a marker in the claim's
            # own clause, after it, governs it rather than one before a clause break
            if after is not None and _CLAUSE_OPENER.search(sentence, before[-1].end, start):
                return after
            if after is not None and after.other and after.days is not None and before[-1].other and \
                    before[-1].days is None:
                # "since a double-suicide attack left 23 dead at a church in January last year":
                # the date in the claim's clause dates the other event the phrase before names
                return after
            return before[-1]
        if after is not None:
            return after
        for marker in markers:
            # "At least 23 were killed and more than 100 injured in that attack": the whole
            # sentence is about the incident "that attack" names
            if marker.start >= end and marker.other and (
                    sentence.startswith(("in that ", "in those "), marker.start) or (
                        _PAST_SPAN.match(sentence, marker.start) and not span_qualifies_an_event(
                            sentence, marker.start))):
                return marker
        inside = [marker for marker in markers if start < marker.start < end]
        if inside:
            return inside[0]
        return self.carried

    def charge_marker(self, sentence: str, markers: list[Marker], end: int) -> Marker | None:
        """The marker of the attack a charge ending at ``end`` names, if it names one:
        "blamed Kataib Hezbollah, an Iranian-backed militia, for Wednesday's strike" is about
        Wednesday's strike, whatever came before it in the sentence."""
        following = [marker for marker in markers if marker.start > end]
        if not following or following[0].start - end > 140:
            return None
        gap = sentence[end:following[0].start]
        if _CHARGE_GAP.fullmatch(gap) is None and not (
                re.match(r"\s(?:for|over)\s", gap) and not _CLAUSE_BREAK.search(gap)):
            return None  # "claimed responsibility for the bombing of X last year": its own clause
        first = following[0]
        dated = next((marker for marker in following[1:] if marker.days is not None), None)
        if not first.other and dated is not None and dated.start - first.end <= 100 and \
                _DATED_NOUN_GAP.fullmatch(sentence, first.end, dated.start):
            # "for the attack on Wednesday", "for the bombing of the cathedral last year": the
            # date names the attack (place names between are part of the noun phrase)
            return dated
        return first

    def naming_text(self, sentence: str, marker: Marker | None) -> str:
        """The words that may name the incident ``marker`` points at: after a response ("...
        near X killed a contractor, prompting airstrikes that killed 25") only the words from
        the response on, since the place before it is the attack's, not the response's. A
        marker carried from a previous sentence leaves the whole sentence and adds that
        sentence ("... when a mortar shell hit in the Eshkol region. / Two sustained moderate
        wounds": the place named before names the incident)."""
        if marker is None or not marker.other:
            return sentence
        if marker is self.carried:
            return f"{sentence}\n{self._carried_text}" if self._carried_text else sentence
        if marker.days is None and _RESPONSE.match(sentence, marker.start):
            return sentence[marker.start:]
        return sentence

    def is_other(self, sentence: str, markers: list[Marker], start: int, end: int) -> bool:
        """Whether the claim spanning ``start..end`` of ``sentence`` is about another incident."""
        marker = self.marker_for(sentence, markers, start, end)
        return marker is not None and marker.other

    def finish(self, sentence: str, markers: list[Marker], had_main_claim: bool,
               had_other_claim: bool = False, had_dropped_claim: bool = False) -> None:
        """End a sentence: carry its last marker's scope and learn which event nouns are elsewhere.

        ``had_other_claim``: the sentence gave a claim about another declared incident;
        ``had_dropped_claim``: one about another incident that no declaration covers."""
        topics: set[str] = {_normal_topic(match.group()) for match in _TOPIC.finditer(sentence)} \
            if may_match(lowered(sentence), _TOPIC_WORDS) else set()
        # "The blast rocked the same X where a car bomb had killed four on Tuesday": a sentence
        # whose subject is this attack recalls the other in a clause; "the explosion" in the next
        # one is still this attack's
        opens_main = bool(markers) and not markers[0].other and markers[0].start <= 4
        if had_main_claim:
            self.main_topics |= topics
        if markers:
            # A sentence that spoke of this incident too ("X fired two rockets, a day after an
            # airstrike killed Y", "The attack came two days after ...") leaves the next
            # sentence about this incident.
            about_main = had_main_claim or _ATTACK_IN_TIME.match(sentence) is not None
            self.carried = markers[-1] if markers[-1].other and not about_main else None
            if self.carried is not None and self.carried.days is None:
                # "Two hours earlier, a siren sounded in X for the first time since ...": the
                # next sentence goes on about the dated event, not about "since"
                self.carried = next((marker for marker in reversed(markers)
                                     if marker.other and marker.days is not None), self.carried)
            self._carried_text = sentence if self.carried is not None else ""
        if markers and any(marker.other for marker in markers):
            self.other_topics |= topics - self.main_topics
        if had_main_claim:
            self.main_words.update(re.findall(r"\b[A-Z][\w'’-]*", sentence))
        elif markers:
            event = next((marker for marker in reversed(markers) if marker.other), None)
            if event is not None:
                for match in _PLACED_NAME.finditer(sentence):
                    name = match["name"]
                    if name.lower() not in self.anchors and name.lower() not in _WEEKDAYS and \
                            name.lower() not in MONTHS and name not in self.main_words:
                        self.other_names.setdefault(name, event)
        self._keep_next = ""
        dated = [marker for marker in markers if marker.other and marker.days is not None]
        self._previous_other = dated[-1] if dated and not had_main_claim else None
        # "... hours after a shooting in the capital. / The group claimed that shooting too"
        undated = [marker for marker in markers if marker.other and marker is not _AT_OTHER_PLACE]
        self._previous_undated = undated[-1] if undated and not had_main_claim else None
        # "In a similar attack on X, gunmen killed two. / Y claimed the attack": "the attack" goes on
        # about the event the previous sentence told figures of (a span such as "since" is none)
        self._previous_routed = self._previous_other if had_other_claim and not opens_main else None
        if self._previous_routed is None and had_dropped_claim and not had_main_claim:
            event = self._previous_other or self._previous_undated
            if event is not None and not _SPAN_PHRASE.match(sentence, event.start):
                self._previous_routed = event
        if self.carried is not None:
            if _OPERATION.search(sentence):
                self._keep_next = "operation"
            elif self._paragraph_quoted and self.carried == _AT_OTHER_PLACE:
                self._keep_next = "quote"

    def learn_countries(self, names: Iterable[str]) -> None:
        """Record the incident's country names (lower case) if none are known yet."""
        if not self.countries:
            self.countries = frozenset(name for name in names if name in COUNTRY_NAMES)
