"""Which declared incident a claim is about: the reported one, one it recalls, or none.

An article reports one main incident but often recalls others ("Wednesday's attack
killed three", "in January, a missile strike wounded 110"). The incident markers
(:mod:`taji_events.extract.incident_markers`) resolve such phrases to days against the
publication date; this stage compares those days with each declared incident's
dates, taken in that incident's local zone, and files the claim under the incident
they name:

* no marker, or a marker whose days fall in the main incident's window: the main
  incident;
* days that overlap exactly one other declared incident (place words in the
  sentence break a tie, else the nearest tier: the main incident's place, its region,
  its country): that incident; an incident that began after the report was published
  is never a candidate; a marker without days ("a similar attack
  on Camp Alpha") goes to the one other incident whose place the sentence names;
* anything else about another incident is dropped, or, with ``declare_recalled``,
  filed under a new incident declared for those days.

Nothing about another incident is ever filed under the main one. The stage is pure:
it takes the declarations as values and returns incident ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from taji_events.errors import TimeParseError
from taji_events.events import IncidentDeclared
from taji_events.extract.errors import ExtractionError
from taji_events.extract.incident_markers import Marker, place_words
from taji_events.extract.words import COUNTRY_NAMES, NATIONALITIES
from taji_events.timepoint import TimePoint

__all__ = ["DeclaredIncident", "IncidentRouter", "declarations_from", "local_days", "main_incident",
           "recalled_declaration"]

_DAYS_TEXT = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}-\d{2}-\d{2})?")


@attrs.frozen
class DeclaredIncident:
    """A declared incident as routing sees it: id, first and last local day, zone, place.

    Since 0.2.0.
    """

    incident_id: str
    first_day: date
    last_day: date
    zone: str | None = None
    place: str | None = None

    @property
    def window(self) -> tuple[date, date]:
        return self.first_day, self.last_day

    @property
    def place_words(self) -> frozenset[str]:
        return place_words(self.place, self.incident_id)

    @classmethod
    def from_event(cls, event: IncidentDeclared) -> DeclaredIncident:
        """The routing view of a store's declaration: its occurrence in its local days."""
        first, last = local_days(event.occurred_at, event.zone or event.occurred_at.zone)
        return cls(event.incident_id, first, last, event.zone or event.occurred_at.zone,
                   event.place or None)


def local_days(point: TimePoint, zone: str | None) -> tuple[date, date]:
    """The first and last calendar day a time point covers, in ``zone`` when given.

    A date written without a zone (widened to every zone) keeps its written days.

    Since 0.2.0.
    """
    if _DAYS_TEXT.fullmatch(point.text) and not zone:
        parsed = TimePoint.parse(point.text, zone="UTC")
        return parsed.lower.date(), (parsed.upper - timedelta(microseconds=1)).date()
    if zone:
        try:
            where = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            where = None
        if where is not None:
            return (point.lower.astimezone(where).date(),
                    (point.upper - timedelta(microseconds=1)).astimezone(where).date())
    if point.zone_source == "widened":
        return (point.lower + timedelta(hours=14)).date(), (point.upper - timedelta(hours=14)).date()
    return point.lower.date(), (point.upper - timedelta(microseconds=1)).date()


def _days_of(text: str, zone: str | None, where: str) -> tuple[date, date]:
    try:
        return local_days(TimePoint.parse(text, zone=zone or "UTC"), zone or "UTC")
    except TimeParseError:
        raise ExtractionError(f"{where}: date {text!r} is not a date; write e.g. '2020-03-11' or "
                              "'2019-12-27/2019-12-31'") from None


def declarations_from(items: Iterable[IncidentDeclared | Mapping[str, Any]], *,
                      name: str = "<incidents>") -> tuple[DeclaredIncident, ...]:
    """Declarations from events or plain objects ``{"incident_id" (or "id"), "date", "zone"?, "place"?}``.

    Also accepts a gold file's ``incidents`` entries with the id under ``"id"``.
    Raises :class:`ExtractionError` naming the item that cannot be read.

    >>> [(d.incident_id, d.window) for d in declarations_from(
    ...     [{"id": "alpha-2021-05-26", "date": "2021-05-26", "zone": "Asia/Baghdad"}])]
    [('alpha-2021-05-26', (datetime.date(2021, 5, 26), datetime.date(2021, 5, 26)))]

    Since 0.2.0.
    """
    found: list[DeclaredIncident] = []
    for number, item in enumerate(items):
        where = f"{name}: incident {number}"
        if isinstance(item, IncidentDeclared):
            found.append(DeclaredIncident.from_event(item))
            continue
        if not isinstance(item, Mapping):
            raise ExtractionError(f"{where}: expected an object with incident_id and date, got {item!r:.80}")
        identifier = item.get("incident_id", item.get("id"))
        day_text = item.get("date")
        zone = item.get("zone")
        place = item.get("place")
        if not isinstance(identifier, str) or not identifier.strip():
            raise ExtractionError(f"{where}: needs a non-empty 'incident_id' (or 'id')")
        if not isinstance(day_text, str):
            raise ExtractionError(f"{where} ({identifier}): needs a 'date' such as '2020-03-11'")
        if zone is not None and not isinstance(zone, str):
            raise ExtractionError(f"{where} ({identifier}): 'zone' must be an IANA zone name")
        if zone is not None:
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError):
                raise ExtractionError(f"{where} ({identifier}): {zone!r} is not an IANA zone name; "
                                      "write e.g. 'Asia/Baghdad'") from None
        if place is not None and not isinstance(place, str):
            raise ExtractionError(f"{where} ({identifier}): 'place' must be text")
        first, last = _days_of(day_text, zone, f"{where} ({identifier})")
        found.append(DeclaredIncident(identifier, first, last, zone, place or None))
    return tuple(found)


_PLACE_PHRASE = re.compile(
    r"\b(?:in|at|near|outside|of|on|into|around|inside|north\sof|south\sof|east\sof|west\sof)\s"
    r"(?:the\s)?(?:[\w-]+\s){0,2}?(?P<name>[A-Z][\w’'-]*)")


def _placed_words(sentence: str) -> set[str]:
    """The capitalised words of a sentence that follow a preposition of place ("at K-1",
    "near the oil-rich city of Kirkuk"), lower case, without hyphens."""
    return {match["name"].lower().replace("-", "") for match in _PLACE_PHRASE.finditer(sentence)}


def _country(place: str | None) -> str | None:
    """The country a place names last ("Camp Taji, Iraq" -> "iraq", "Eshkol region, southern
    Israel" -> "israel"), if it names one only."""
    if not place:
        return None
    last = place.split(",")[-1].strip().lower()
    if last in COUNTRY_NAMES:
        return last
    named = {word for word in re.findall(r"[a-z]+", last) if word in COUNTRY_NAMES}
    return named.pop() if len(named) == 1 else None  # "Israel-Lebanon border" is in neither


def _region_words(place: str | None) -> frozenset[str]:
    """The names in every part of a place ("Tral, Jammu and Kashmir, India" -> tral, jammu,
    kashmir), without countries, nationalities and generic words."""
    if not place:
        return frozenset()
    words: set[str] = set()
    for part in place.split(","):
        words |= place_words(part, "")
    return frozenset(word for word in words if word not in NATIONALITIES)


def _days_text(days: tuple[date, date]) -> str:
    first, last = days
    if first == last:
        return first.isoformat()
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and (last + timedelta(days=1)).day == 1 and (first.year, first.month) == (
            last.year, last.month):
        return first.isoformat()[:7]
    return f"{first.isoformat()}/{last.isoformat()}"


def recalled_declaration(incident_id: str, days: tuple[date, date], zone: str | None, report_id: str,
                         quote: str) -> IncidentDeclared:
    """The declaration of an incident an article recalls, for the days it names.

    Since 0.2.0.
    """
    when = TimePoint.parse(_days_text(days), zone=zone) if zone else TimePoint.parse(_days_text(days))
    return IncidentDeclared(incident_id=incident_id, title=f"Incident recalled in {report_id}",
                            place="", occurred_at=when, zone=zone,
                            description=" ".join(quote.split())[:300])


@attrs.define
class IncidentRouter:
    """Routes one report's claims (mutable, one per run): see the module text.

    ``recalled`` collects the incidents made for ``declare_recalled``: days -> (id, quote).

    Since 0.2.0.
    """

    main: DeclaredIncident
    others: tuple[DeclaredIncident, ...] = ()
    declare_recalled: bool = False
    today: date | None = None  # the publication's local day: no incident after it can be recalled
    recalled: dict[tuple[date, date], tuple[str, str]] = attrs.Factory(dict)
    _words: dict[str, frozenset[str]] = attrs.Factory(dict)
    _reachable: list[DeclaredIncident] | None = None
    _text: str = ""  # the last text names were looked for in, and its words
    _text_words: frozenset[str] = frozenset()

    def _place(self, incident: DeclaredIncident) -> frozenset[str]:
        own = self._words.get(incident.incident_id)
        if own is None:
            own = self._words[incident.incident_id] = frozenset(
                word.replace("-", "") for word in incident.place_words)
        return own

    def _named(self, candidates: list[DeclaredIncident], sentence: str) -> list[DeclaredIncident]:
        """The candidates whose own place words (not the main incident's) the sentence names;
        "K-1" and "K1" are one name."""
        if not candidates:
            return []
        if sentence != self._text:  # the claims of one sentence share its words
            self._text = sentence
            self._text_words = frozenset(word.lower().replace("-", "") for word in
                                         re.findall(r"[\w’'-]+", sentence)) - self._place(self.main)
        words = set(self._text_words)
        named = [incident for incident in candidates if self._place(incident) & words]
        if not named:
            # "in Witu, Lamu County" for "Ziwa la Taa village, Witu, Lamu county": a name of a
            # wider part of the place, not shared with the main incident's, names it when it
            # names one incident alone
            words -= _region_words(self.main.place)
            wider = [incident for incident in candidates if _region_words(incident.place) & words]
            return wider if len(wider) == 1 else []
        if len(named) > 1:
            # "a similar attack by the Kataib Hezbollah militia killed a contractor at a base near
            # the city of Kirkuk": a name used as a place (after "at", "near", "of" ...) decides
            # over one used otherwise (the group's name in another incident's place)
            placed = _placed_words(sentence)
            as_place = [incident for incident in named if self._place(incident) & placed]
            if as_place:
                return as_place
        return named

    def _in_region(self, incident: DeclaredIncident) -> bool:
        """Declared in a region the main incident's place names ("Indian Kashmir" beside
        "Tral, Jammu and Kashmir, India")."""
        return bool(_region_words(incident.place) & _region_words(self.main.place))

    def _near_main(self, incident: DeclaredIncident) -> bool:
        country = _country(incident.place)
        return country is not None and country == _country(self.main.place)

    def _possible(self) -> list[DeclaredIncident]:
        """The other incidents the report can speak of: none that began after it was published
        (an article of one year never recalls an incident of a later one)."""
        if self._reachable is None:
            # A day's slack: the publisher's day and the incident's day are in different zones.
            latest = None if self.today is None else self.today + timedelta(days=1)
            self._reachable = [incident for incident in self.others
                               if latest is None or incident.first_day <= latest]
        return self._reachable

    def other_place_words(self) -> frozenset[str]:
        """The place words of the other incidents the report can speak of, without any word
        of the main incident's place (its name or its region): the names that set a sentence
        at another incident's place."""
        main = self.main.place_words | _region_words(self.main.place)
        words: set[str] = set()
        for incident in self._possible():
            words |= incident.place_words
        return frozenset(word for word in words - main if word.replace("-", "") not in self._place(self.main))

    def incident_for(self, marker: Marker | None, sentence: str) -> str | None:
        """The id of the incident a claim governed by ``marker`` is about, or None to drop it."""
        if marker is None or not marker.other:
            return self.main.incident_id
        others = self._possible()
        if marker.days is None:
            named = self._named(others, sentence)
            return named[0].incident_id if len(named) == 1 else None
        days = marker.days
        candidates = [incident for incident in others
                      if incident.first_day <= days[1] and days[0] <= incident.last_day]
        named = self._named(candidates, sentence)
        if len(named) == 1:
            return named[0].incident_id
        # A date alone names an incident only near the reported one: the same place, else
        # the same country.
        if not named:
            same_place = [incident for incident in candidates
                          if self._place(incident) & self._place(self.main)]
            # the nearest tier decides: the same place, else the same region, else the same country
            for tier in (same_place, [incident for incident in candidates if self._in_region(incident)],
                         [incident for incident in candidates if self._near_main(incident)]):
                if tier:
                    if len(tier) == 1:
                        return tier[0].incident_id
                    break
        if candidates or not self.declare_recalled:
            return None
        known = self.recalled.get(days)
        if known is not None:
            return known[0]
        slug = re.sub(r"[-_]?\d{4}(?:-\d{2}){0,2}$", "", self.main.incident_id) or self.main.incident_id
        identifier = f"{slug}-recalled-{_days_text(days).replace('/', '-to-')}"
        self.recalled[days] = (identifier, sentence)
        return identifier


def main_incident(
    incident: str, window: tuple[date, date], zone: str | None, place: str | None,
    declared: Iterable[DeclaredIncident],
) -> tuple[DeclaredIncident, tuple[DeclaredIncident, ...]]:
    """The main incident (its declaration when given, else from the arguments) and the others."""
    others = []
    main = DeclaredIncident(incident, window[0], window[1], zone, place)
    for item in declared:
        if item.incident_id == incident:
            main = item
        else:
            others.append(item)
    return main, tuple(others)

