"""Raw text in, ``ReportPublished`` events out: one per revision, claims with evidence.

:func:`extract_events` reads the text once, sentence by sentence, then cuts the
claims into revisions (see :mod:`taji_events.extract.sections`). Within one
revision a figure repeated by the same speaker ("with 14 more reported wounded
... Among the 14 wounded were ...") is one claim; a definite partial figure
("confirmed the deaths of the two U.S. servicemembers") next to a larger total
with a wider breakdown is read as "at least".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs

from taji_events.errors import TajiEventsError, TimeParseError
from taji_events.events import IncidentDeclared, ReportPublished
from taji_events.extract.claims import RawClaim, ReportState, sentence_claims
from taji_events.extract.errors import ExtractionError
from taji_events.extract.incident_markers import ScopeTracker, place_words
from taji_events.extract.incidents import (
    DeclaredIncident,
    IncidentRouter,
    local_days,
    main_incident,
    recalled_declaration,
)
from taji_events.extract.sections import as_of_times, dateline, local_day, sections
from taji_events.extract.sentences import Sentence, is_headline, sentences, tokens
from taji_events.extract.speakers import find_speakers, speaker_kind
from taji_events.extract.subsets import listed_places
from taji_events.extract.words import COUNTRY_NAMES
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon
from taji_events.model import Claim, Count, Evidence, Source, Speaker
from taji_events.timepoint import TimePoint, coerce_time

__all__ = ["Extraction", "extract", "extract_events"]

_SPEAKER_KIND_OF_SOURCE = {"official_statement": "official_on_record"}
_MAX_BREAKDOWNS = 64  # breakdowns compared per field when reading partial figures
_TAG = re.compile(
    r"\A[\s,]{0,3}(?:(?P<np>[^;“”\"]{2,90}?)\s(?:said|says|added|wrote|tweeted|stated|told)\b"
    r"|(?:said|says|added)\s(?P<np2>[^.,;“”\"]{2,60}))"
)
_STATEMENT = re.compile(r"\b(?:statement|said|saying|following|tweet(?:ed)?|reads?)\b[^:]{0,80}:\s*$",
                        re.IGNORECASE)


def _source(source: Source | str) -> Source:
    if isinstance(source, Source):
        return source
    if isinstance(source, str) and source.strip():
        return Source(source.strip(), "news_outlet")
    raise ExtractionError(f"source must be a Source or a non-empty name, got {source!r}")


def _published(value: TimePoint | datetime | str | None, text: str, source: Source, name: str) -> TimePoint:
    if isinstance(value, str):
        try:
            return TimePoint.parse(value, zone=source.zone)
        except TimeParseError as error:
            raise ExtractionError(f"{name}: published time {value!r}: {error}") from None
    if value is not None:
        try:
            return coerce_time(value, name="published")
        except TimeParseError as error:
            raise ExtractionError(f"{name}: {error}") from None
    found = dateline(text)
    if found is None:
        raise ExtractionError(
            f"{name}: no publication time: the text has no dateline ('date 2020-03-11'); "
            "pass published='2020-03-11' (or --published on the command line)"
        )
    if source.zone and found.precision == "day":
        return TimePoint.parse(found.text, zone=source.zone)
    return found


def _window(incident: str, incident_date: TimePoint | date | str | None,
            published: TimePoint) -> tuple[date, date]:
    if isinstance(incident_date, date) and not isinstance(incident_date, datetime):
        return incident_date, incident_date
    if isinstance(incident_date, (TimePoint, str)):
        try:
            point = incident_date if isinstance(incident_date, TimePoint) else TimePoint.parse(incident_date)
        except TimeParseError:
            raise ExtractionError(f"incident date {incident_date!r} is not a date; write e.g. "
                                  "'2020-03-11' or '2019-12-27/2019-12-31'") from None
        # A date written without a zone keeps its written days; widening it to every zone
        # would add the day before and the day after to the incident's window.
        return local_days(point, point.zone if isinstance(incident_date, TimePoint) else None)
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})$", incident)
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day, day
        except ValueError:
            pass
    day = local_day(published)
    return day - timedelta(days=1), day


@attrs.frozen
class Extraction:
    """What one text gave: its report revisions, and the incidents it recalls that were
    declared for it (only with ``declare_recalled``).

    Since 0.2.0.
    """

    reports: tuple[ReportPublished, ...]
    declared: tuple[IncidentDeclared, ...] = ()


def extract_events(
    text: str,
    *,
    incident: str,
    source: Source | str,
    published: TimePoint | datetime | str | None = None,
    report_id: str | None = None,
    place: str | None = None,
    incident_date: TimePoint | date | str | None = None,
    lexicon: Lexicon = DEFAULT_LEXICON,
    name: str = "<text>",
    incidents: Iterable[DeclaredIncident] = (),
) -> tuple[ReportPublished, ...]:
    """Read a raw report and return its revisions as :class:`ReportPublished` events.

    ``incident`` is the report's main incident. ``incidents`` are the declared
    incidents (:class:`~taji_events.extract.incidents.DeclaredIncident`, e.g. from
    :func:`~taji_events.extract.incidents.declarations_from`): a claim about one the
    article recalls ("Wednesday's attack killed three") is filed under it, and a
    claim about any other incident is left out, never filed under the main one.
    ``published`` is the original's publication time (else the text's dateline);
    update sections get their own. ``place`` ("Camp Alpha, Freedonia") and
    ``incident_date`` sharpen the scope decisions; without them the main
    incident's declaration, else the incident id's words and date suffix are used.
    ``name`` names the input in error messages.

    Raises :class:`~taji_events.extract.ExtractionError` (no publication time,
    bad arguments); never anything outside :class:`~taji_events.errors.TajiEventsError`.

    >>> report = extract_events(
    ...     "Two soldiers were killed and 12 wounded when rockets hit the base, the army said.",
    ...     incident="base-2021-06-02", source="Example Wire", published="2021-06-02")
    >>> [(c.field, c.value.low, c.according_to.name) for c in report[0].claims]
    [('killed', 2, 'the army'), ('wounded', 12, 'the army')]

    Since 0.1.0.
    """
    return extract(text, incident=incident, source=source, published=published, report_id=report_id,
                   place=place, incident_date=incident_date, lexicon=lexicon, name=name,
                   incidents=incidents).reports


def extract(
    text: str,
    *,
    incident: str,
    source: Source | str,
    published: TimePoint | datetime | str | None = None,
    report_id: str | None = None,
    place: str | None = None,
    incident_date: TimePoint | date | str | None = None,
    lexicon: Lexicon = DEFAULT_LEXICON,
    name: str = "<text>",
    incidents: Iterable[DeclaredIncident] = (),
    declare_recalled: bool = False,
) -> Extraction:
    """:func:`extract_events`, and with ``declare_recalled`` a new incident for each
    earlier incident the text recalls by date that no declaration covers.

    >>> result = extract(
    ...     "Rockets hit the base on Saturday, wounding two soldiers. Wednesday's attack on the "
    ...     "same base killed three.", incident="base-2021-06-05", source="Example Wire",
    ...     published="2021-06-05", declare_recalled=True)
    >>> [(c.incident, c.field, c.value.low) for c in result.reports[-1].claims]
    [('base-2021-06-05', 'wounded', 2), ('base-recalled-2021-06-02', 'killed', 3)]
    >>> [(d.incident_id, d.occurred_at.text) for d in result.declared]
    [('base-recalled-2021-06-02', '2021-06-02')]

    Since 0.2.0.
    """
    if not isinstance(text, str):
        raise ExtractionError(f"{name}: text must be a string, got {type(text).__name__}")
    if not isinstance(incident, str) or not incident.strip():
        raise ExtractionError(f"{name}: incident id must be a non-empty string, got {incident!r}")
    declared = tuple(incidents) if not isinstance(incidents, (str, bytes)) else None
    if declared is None or not all(isinstance(item, DeclaredIncident) for item in declared):
        raise ExtractionError(f"{name}: incidents must be DeclaredIncident values (see "
                              "taji_events.extract.incidents.declarations_from)")
    try:
        return _extract(text, incident, source, published, report_id, place, incident_date, lexicon, name,
                        declared, bool(declare_recalled))
    except TajiEventsError:
        raise
    except (RecursionError, MemoryError):
        raise
    except Exception as error:  # a bug must still surface as the library's error, naming the input
        raise ExtractionError(f"{name}: extraction failed unexpectedly ({type(error).__name__}: "
                              f"{error}); please report this input") from error


def _extract(
    text: str, incident: str, source_value: Source | str,
    published_value: TimePoint | datetime | str | None, report_id: str | None, place: str | None,
    incident_date: TimePoint | date | str | None, lexicon: Lexicon, name: str,
    declared: tuple[DeclaredIncident, ...], declare_recalled: bool,
) -> Extraction:
    source = _source(source_value)
    published = _published(published_value, text, source, name)
    top, bottom = sections(text, published, source.zone)
    main, others = main_incident(incident, _window(incident, incident_date, published), source.zone,
                                 place, declared)
    if incident_date is not None:
        main = attrs.evolve(main, first_day=_window(incident, incident_date, published)[0],
                            last_day=_window(incident, incident_date, published)[1])
    if place is not None:
        main = attrs.evolve(main, place=place)
    place = main.place
    country_part = (place or "").split(",")[-1]
    countries = frozenset(word.lower() for word in re.findall(r"[A-Za-z]+", country_part)
                          if word.lower() in COUNTRY_NAMES)
    tracker = ScopeTracker(main.window, place_words(place, incident), countries,
                           today=local_day(published))
    router = IncidentRouter(main, others, declare_recalled, today=local_day(published))
    tracker.other_places = router.other_place_words()
    outlet = Speaker(source.name, _SPEAKER_KIND_OF_SOURCE.get(source.kind, source.kind))
    state = ReportState(outlet=outlet, lexicon=lexicon, scope=tracker, router=router,
                        places=listed_places(place))
    raw = _read(text, state)
    body_start = top[-1].end if top else 0
    body_end = bottom[0].start if bottom else len(text)
    cuts: list[tuple[int, int, TimePoint]] = [(body_start, body_end, published)]
    for section in bottom:
        cuts.append((body_start, section.end, section.published or cuts[-1][2]))
    for index in range(len(top) - 1, -1, -1):
        cuts.append((0 if index == 0 else top[index].start, len(text), top[index].published or cuts[-1][2]))
    if len(cuts) == 1:
        cuts[0] = (0, len(text), published)
    title = _title(text)
    identifier = report_id or f"{source.name}:{incident}"
    events = []
    for revision, (low, high, when) in enumerate(cuts):
        chosen = _revise([claim for claim in raw if low <= claim.start and claim.end <= high], outlet)
        as_of = as_of_times(text, low, high, when)
        claims = tuple(_claim(incident, claim, text, low, as_of) for claim in chosen)
        events.append(ReportPublished(report_id=identifier, revision=revision, source=source,
                                      published_at=when, claims=claims, title=title,
                                      text=text[low:high]))
    used = {claim.incident for claim in raw}
    recalled = tuple(recalled_declaration(new_id, days, main.zone, identifier, quote)
                     for days, (new_id, quote) in router.recalled.items() if new_id in used)
    return Extraction(tuple(events), recalled)


def _title(text: str) -> str:
    for line in text[:2000].splitlines():
        if line.strip():
            return line.strip()[:200] if is_headline(line) else ""
    return ""


def _read(text: str, state: ReportState) -> list[RawClaim]:
    claims: list[RawClaim] = []
    paragraph = -1
    paragraph_text = ""
    for sentence in sentences(text):
        if sentence.paragraph != paragraph:
            previous_text = paragraph_text
            paragraph = sentence.paragraph
            line_end = sentence.paragraph_end
            paragraph_text = text[sentence.start:line_end]
            _enter_paragraph(state, text, sentence, line_end, previous_text)
        if state.scope.countries == frozenset() and not sentence.headline:
            state.scope.learn_countries(word.lower() for word in
                                        re.findall(r"\b[A-Z][a-z]+\b", text[sentence.start:sentence.end]))
        claims.extend(sentence_claims(state, text, sentence))
    return claims


def _enter_paragraph(state: ReportState, text: str, sentence: Sentence, line_end: int,
                     previous_text: str) -> None:
    """Set the quoted-statement speaker for a paragraph that opens with a quotation mark."""
    state.quote_speaker, state.quote_end = None, -1
    opening = text[sentence.start]
    if opening not in "“\"":
        state.statement_speaker = None
        if text.find(":", sentence.start, line_end) >= 0 and _STATEMENT.search(text[sentence.start:line_end]):
            toks = tokens(text, sentence.start, line_end)
            found = find_speakers(text, sentence.start, line_end, toks, state.previous_speaker)
            state.statement_speaker = found[0].speaker if found else None
        return
    closing = "”" if opening == "“" else "\""
    close = text.find(closing, sentence.start + 1, line_end)
    close = line_end if close < 0 else close + 1
    tag = _TAG.match(text[close:line_end]) if close < line_end else None
    if tag is not None:
        name = " ".join((tag["np"] or tag["np2"]).split()).strip(" ,")
        name = re.sub(r",\s(?:a|an|the)\s[^,]{0,80},?$", "", name).strip(" ,")
        if name.lower() in ("he", "she", "they", "it") and state.previous_speaker is not None:
            state.quote_speaker = state.previous_speaker
        elif name:
            state.quote_speaker = Speaker(name, speaker_kind(name))
    elif state.statement_speaker is not None:
        state.quote_speaker = state.statement_speaker
    if state.quote_speaker is not None:
        state.quote_end = close


def _value_key(claim: RawClaim) -> tuple[object, ...]:
    value = claim.value
    if isinstance(value, Count):
        return (claim.incident, claim.scope, "count", value.low, value.high, value.qualifier)
    return (claim.incident, "attribution", value.actor, value.stance, value.asserted_by)


def _revise(claims: list[RawClaim], outlet: Speaker | None = None) -> list[RawClaim]:
    """Merge repeats of one figure by one speaker; read definite partial figures as "at least";
    drop a figure in the outlet's own voice that a later sentence gives with its source.

    A lead that sums up the report ("A shelling ..., killing 5 people") and the body sentence
    that names who gave the figure ("According to the governor, five people were killed") are
    one statement, the named one (devset/real/GUIDELINE.md, section 3).

    Indexed by value, so a revision with many claims costs linear time.
    """
    if outlet is not None:
        claims = _without_unsourced_leads(claims, outlet.name)
    kept: list[RawClaim] = []
    by_speaker: dict[tuple[object, ...], int] = {}
    by_value: dict[tuple[object, ...], int] = {}
    for claim in claims:
        key = (claim.field, *_value_key(claim))
        twin = by_speaker.get((*key, claim.speaker.name))
        if twin is None and claim.definite:
            twin = by_value.get(key)
        if twin is None:
            by_speaker[(*key, claim.speaker.name)] = len(kept)
            by_value.setdefault(key, len(kept))
            kept.append(claim)
            continue
        old = kept[twin]
        if isinstance(old.value, Count) and isinstance(claim.value, Count) and not old.value.breakdown \
                and claim.value.breakdown:
            kept[twin] = attrs.evolve(old, value=attrs.evolve(old.value, breakdown=claim.value.breakdown))
    widest: dict[str, list[tuple[frozenset[str], int]]] = {}
    for claim in kept:
        if isinstance(claim.value, Count) and claim.value.breakdown:
            groups = widest.setdefault(f"{claim.incident} {claim.field}", [])
            if len(groups) < _MAX_BREAKDOWNS:
                groups.append((frozenset(claim.value.breakdown), claim.value.low))
    return [_partial(claim, widest.get(f"{claim.incident} {claim.field}", [])) for claim in kept]


def _restatable(claim: RawClaim) -> tuple[object, ...] | None:
    """The key under which another speaker restates a toll: field, incident, scope, value and
    whether it lists a breakdown; None for other fields, an attribution or a zero ("no injuries" in the
    outlet's voice and in a named speaker's are two statements)."""
    if not isinstance(claim.value, Count) or claim.value.qualifier == "none" or \
            claim.field not in ("killed", "wounded"):
        return None  # a lead sums up the toll; other figures stand as stated
    return (claim.field, *_value_key(claim), bool(claim.value.breakdown))


def _without_unsourced_leads(claims: list[RawClaim], outlet: str) -> list[RawClaim]:
    """The claims without the outlet's figures that a later claim of a named speaker restates.
    A later figure with a breakdown the lead lacks ("at least seven soldiers, one police
    officer and six civilians were killed") is a statement of its own."""
    last_sourced: dict[tuple[object, ...], int] = {}
    for claim in claims:
        key = _restatable(claim)
        if key is not None and claim.speaker.name != outlet:
            last_sourced[key] = claim.start
    if not last_sourced:
        return claims
    kept = []
    for claim in claims:
        key = _restatable(claim) if claim.speaker.name == outlet else None
        if key is None or last_sourced.get(key, -1) <= claim.start:
            kept.append(claim)
    return kept


def _partial(claim: RawClaim, breakdowns: list[tuple[frozenset[str], int]]) -> RawClaim:
    value = claim.value
    if not (claim.definite and isinstance(value, Count) and value.qualifier == "exact" and value.breakdown):
        return claim
    keys = frozenset(value.breakdown)
    if any(keys < other and total > value.low for other, total in breakdowns):
        return attrs.evolve(claim, value=Count(
            low=value.low, high=None, qualifier="at_least", stated=value.low, text=value.text,
            breakdown=value.breakdown, lexicon=value.lexicon))
    return claim


def _claim(incident: str, claim: RawClaim, text: str, low: int, as_of: TimePoint | None) -> Claim:
    quote = text[claim.start:claim.end]
    evidence = Evidence(claim.start - low, claim.end - low, quote)
    stamped = as_of if as_of is not None and claim.hedge == "confirmed" else None
    return Claim(incident=claim.incident or incident, field=claim.field, value=claim.value,
                 according_to=claim.speaker, evidence=evidence, hedge=claim.hedge, as_of=stamped,
                 scope=claim.scope)


