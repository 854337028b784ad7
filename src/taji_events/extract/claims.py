"""From one sentence to raw claims: counts, zeros, findings and attributions.

The per-report state (speakers so far, the last actor named, scope, statement
blocks) lives in :class:`ReportState`; :func:`sentence_claims` reads one sentence
with it and returns :class:`RawClaim` values whose evidence offsets point into the
full text. Revisions are cut from these later (:mod:`taji_events.extract.pipeline`).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from typing import Final

import attrs

from taji_events.extract import subsets
from taji_events.extract.attribution import actor_mentions, find_attributions
from taji_events.extract.counts import counted_phrases
from taji_events.extract.fields import LANDING_PREPOSITIONS, classify
from taji_events.extract.incident_markers import ScopeTracker, span_qualifies_an_event
from taji_events.extract.incidents import IncidentRouter
from taji_events.extract.mentions import CountReader, find_counts
from taji_events.extract.sentences import Sentence, Token, tokens
from taji_events.extract.speakers import SpeakerMention, find_speakers, hedge_of, speaker_at, speaker_kind
from taji_events.extract.uncounted import (
    find_bomber_death,
    find_confirmation,
    find_launcher,
    find_national_fatality,
)
from taji_events.extract.words import NATIONALITIES, PROJECTILES
from taji_events.extract.zeros import find_zeros, is_silence
from taji_events.lexicon import Lexicon
from taji_events.model import Attribution, ClaimValue, Count, Speaker

__all__ = ["RawClaim", "ReportState", "sentence_claims"]


_CONFIRM_LOOKBACK = 200  # "X confirmed Reuters' report" looks this many claims back
#: A toll over several attacks told apart in the text: not any one incident's total
#: (GUIDELINE section 6, "two strikes counted together").
_SEPARATE_ATTACKS = re.compile(
    r"\bin\s(?:two\s|three\s|several\s|a\sseries\sof\s)?separate\s(?:[\w-]+\s)?"
    r"(?:attacks|blasts|explosions|bombings|strikes|incidents|assaults|ambushes)\b", re.IGNORECASE)
SEPARATE_TOGETHER: Final = "separate attacks together"
#: "after attacking and killing three policemen in X last night, (they) planted a mine": an
#: earlier deed told in a clause of time, with its own time, no toll of this incident.
_PRIOR_CLAUSE = re.compile(
    r"\bafter\s[a-z]+ing\s(?:and\s[a-z]+ing\s)?[^,.;]{0,100}?\b(?:last\snight|yesterday|"
    r"the\s(?:day|night|evening)\sbefore|the\sprevious\s(?:day|night|evening))\b", re.IGNORECASE)
#: "(X has targeted ...) and also claimed they were behind an audacious assault in Y that killed
#: two soldiers": another attack, named with an indefinite article after "also claimed".
_ALSO_CLAIMED_ANOTHER = re.compile(
    r"\balso\sclaimed\s(?:(?:that\s)?(?:they|it)\s(?:was|were)\sbehind|responsibility\sfor)\san?\s")
#: "More than 30 rockets and mortars were fired": one figure of two kinds of projectile.
ROCKETS_MORTARS_TOGETHER: Final = "rockets and mortars together"
_ROCKETS_AND_MORTARS = re.compile(r"\brockets\sand\smortars?\b(?!\s(?:shells|rounds|bombs))")
#: "killed in 14 rocket attacks ... after 2 IED blasts", "rocket attacks and IED blasts killed 40":
#: a toll over attacks of two kinds counted together (GUIDELINE section 6).
_SOME = r"(?:\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|several|multiple)\s"
_KINDS_TOGETHER = re.compile(
    rf"\b{_SOME}?(?P<one>(?:[\w-]+\s)?(?:attacks|strikes|blasts|explosions|bombings))"
    rf"\s(?:[^.;]{{0,60}}?\s)?(?:and|after|as\swell\sas|followed\sby)\s{_SOME}?"
    r"(?P<two>(?:[\w-]+\s)?(?:attacks|strikes|blasts|explosions|bombings))\b", re.IGNORECASE)
#: "... have been killed ... in the past six months": a toll over a span, not the incident's
#: (docs: cumulative spans), also when the span follows the figure.
_SPAN_AFTER = re.compile(
    r"\b(?:in|during|over)\s(?:the\s)?(?:past|last)\s(?:(?:\d{1,3}|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|few|several)\s)?(?:days|weeks|months|years|decades?)\b"
    # "in the first six months of 2020", "so far this year", "since the start of the year"
    # "has killed dozens of X ... over the years", "... in the past.": a group's record
    r"|\bover\sthe\s(?:years|decades)\b|\bin\sthe\spast(?=\s?[,.;]|\s?$)"
    r"|\bin\sthe\sfirst\s(?:(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s)?"
    r"(?:months?|weeks?|quarter|half)\sof\s(?:the\syear|this\syear|\d{4})\b"
    r"|\bso\sfar\sthis\s(?:year|month)\b|\bsince\sthe\s(?:start|beginning)\sof\s(?:the\syear|this\syear|\d{4})\b",
    re.IGNORECASE)
#: "several people injured while heading to shelters": hurt on the way to cover, a part of the
#: wounded (scope) beside those hit by the attack itself.
_SHELTER = re.compile(
    r"\bwhile\s(?:[\w-]+\s){0,3}?(?:to|for|in|into)\s(?:a\s|the\s|their\s)?"
    r"(?:shelters?|safe\srooms?|protected\s(?:spaces?|rooms?)|bomb\sshelters?)\b", re.IGNORECASE)
#: "The attacks have left many dead": a toll of attacks in the plural is a series' (cumulative).
_SERIES_TOLL = re.compile(
    r"\b(?:the|these|such|those|its|their|repeated|frequent)\s(?:[\w-]+\s)?(?:attacks|raids|bombings)\s"
    r"(?:have|has|had)\s(?:so\sfar\s|also\s)?(?:left|killed|claimed)\b"
    # "A series of attacks in the capital in just over a week has killed dozens": a series' toll
    r"|\b(?:a|the)\s(?:series|spate|wave|string)\sof\s(?:[\w-]+\s)?(?:attacks|raids|bombings)\s"
    r"(?:[^.;,]{0,80}?\s)?(?:have|has)\s(?:so\sfar\s|also\s|now\s)?(?:left|killed|claimed)\b",
    re.IGNORECASE)
#: "shot down 4 drones over the X, Y and Z regions": a tally over several regions is a country's
#: count for a night or a day, not one incident's.
_SEVERAL_REGIONS = re.compile(
    r"\b(?:over|across|in)\s(?:the\s)?(?:[A-Z][\w'’-]+,\s){1,8}?[A-Z][\w'’-]+\s(?:and|or)\s[A-Z][\w'’-]+"
    r"\s(?:regions|provinces|oblasts|governorates|districts|states|counties)\b")
_PROJECTILE_FATES: Final = ("_fired", "_impacted", "_intercepted")
#: "There were four bodies I saw": a witness's own count, at least what was seen, a part.
_WITNESS_SAW = re.compile(r"\s(?:that\s)?(?:I|we)\s(?:saw|counted|could\ssee|had\sseen)\b")
#: "six soldiers were killed in the first explosion", "no casualty in the second attack": a
#: toll of one of the incident's several blasts is that blast's part (its scope).
_ONE_OF_SEVERAL = re.compile(
    r"\b(?:in|during|from|by)\sthe\s(?P<part>(?:first|second|third|later|earlier)\s"
    r"(?:explosion|blast|attack|bombing|strike|assault))\b", re.IGNORECASE)
#: One projectile striking: "A mortar shell exploded in a crowded stall, killing six", "another
#: shell landed nearby", "The shell landed in a crowd and killed three". Its toll is that
#: projectile's part when the report counts several ("another", "a second") or gave a larger
#: toll before (see :func:`_one_projectile_part`).
_ONE_PROJECTILE = re.compile(
    r"\b(?P<one>(?:an|a|another|one|the|a\ssecond|a\sthird)\s(?:[\w-]+\s)?"
    r"(?:shell|mortar|rocket|missile|round|grenade|projectile|drone))\s(?:had\s|also\s){0,2}"
    r"(?:exploded|landed|struck|hit|fell|slammed|crashed|burst|smashed|fired)\b", re.IGNORECASE)
#: "The first drone strike targeted a vehicle": the subject is one of several attacks; its toll,
#: there or in the next sentence ("The attack killed eight"), is that attack's part.
_NTH_ATTACK = re.compile(
    r"^(?:The|A)\s(?P<part>(?:first|second|third)\s(?:[\w-]+\s)?(?:strike|attack|blast|explosion|bombing|"
    r"airstrike|air\sstrike))\b")
_THE_ATTACK_OPENS = re.compile(r"^The\s(?:strike|attack|blast|explosion|bombing|airstrike)\b")
_PART_END = re.compile(r"[,;:”\"]|\s(?:killing|wounding|injuring|and|leaving|causing)\s")
_PROJECTILE_WORD = re.compile(
    r"\b(?:(?:" + "|".join(sorted(PROJECTILES, key=len, reverse=True)) + r")(?!\w)|launcher)", re.IGNORECASE)


@attrs.frozen
class RawClaim:
    """A claim before it is placed in a revision: absolute evidence offsets."""

    field: str
    value: ClaimValue
    speaker: Speaker
    hedge: str
    start: int
    end: int
    definite: bool = False
    incident: str | None = None  # None: the report's main incident
    scope: str | None = None


@attrs.define
class ReportState:
    """What one report's reading remembers from sentence to sentence."""

    outlet: Speaker
    lexicon: Lexicon
    scope: ScopeTracker
    router: IncidentRouter
    previous_speaker: Speaker | None = None
    last_actor: str | None = None
    projectiles_seen: bool = False
    casualty_field: str | None = None  # the field of the last casualty claim, for "Two of them ..."
    projectile_family: str | None = None  # the projectiles the last sentence counted ("Four of them landed")
    statement_speaker: Speaker | None = None
    quote_speaker: Speaker | None = None
    quote_end: int = -1
    recent: deque[RawClaim] = attrs.Factory(lambda: deque(maxlen=_CONFIRM_LOOKBACK))
    #: the places of an incident declared at several ("Sderot and Kibbutz Nir Am"), see subsets
    places: tuple[tuple[str, frozenset[str]], ...] = ()
    reader: CountReader | None = None
    #: the report has named mortar rounds and no other gun: its bare "shells" are the mortar's
    mortar_report: bool = False
    other_guns: bool = False
    #: the largest killed and wounded figures about the main incident so far, whole (unscoped)
    totals: dict[str, int] = attrs.Factory(dict)
    #: "The first drone strike targeted X." without a toll: the part the next sentence's "The
    #: attack killed ..." is about
    nth_attack: str | None = None
    #: the fields of the main incident's claims so far, and the listed places the report named
    fields_seen: set[str] = attrs.Factory(set)
    places_seen: set[str] = attrs.Factory(set)

    def __attrs_post_init__(self) -> None:
        if self.reader is None:
            self.reader = CountReader(self.lexicon)


def _claim_speaker(state: ReportState, mentions: Sequence[tuple[int, Speaker]], position: int,
                   absolute: int) -> tuple[Speaker, bool]:
    """The speaker of a claim and whether it sits in a quoted official statement."""
    if state.quote_speaker is not None and absolute < state.quote_end:
        return state.quote_speaker, True
    found = speaker_at([SpeakerMention(at, speaker) for at, speaker in mentions], position)
    return (found or state.outlet), False


def sentence_claims(state: ReportState, text: str, sentence: Sentence) -> list[RawClaim]:
    """The claims of one sentence about the report's incident.

    Since 0.1.0.
    """
    toks = tokens(text, sentence.start, sentence.end)
    body = text[sentence.start:sentence.end]
    state.scope.begin(sentence.paragraph, body)
    if not state.projectiles_seen and _PROJECTILE_WORD.search(body):
        state.projectiles_seen = True
    if sentence.headline:
        return []
    markers = state.scope.markers(body)
    speakers = [(m.position, m.speaker) for m in find_speakers(text, sentence.start, sentence.end, toks,
                                                               state.previous_speaker)]
    found: list[RawClaim] = []
    hedges: dict[tuple[str, bool], str] = {}  # the sentence's hedge depends only on these
    dropped: list[str] = []  # fields of claims about another, undeclared incident

    def add(field: str, value: ClaimValue, rel_start: int, rel_end: int, definite: bool = False,
            hedge: str | None = None, scope: str | None = None, by: Speaker | None = None) -> None:
        marker = state.scope.marker_for(body, markers, rel_start, rel_end)
        if field == "attribution":  # "blamed X, a militia, for Wednesday's strike"
            marker = state.scope.charge_marker(body, markers, rel_end) or marker
        incident = state.router.incident_for(marker, state.scope.naming_text(body, marker))
        if incident is None:
            dropped.append(field)  # about another incident no declaration covers
            return
        speaker, quoted = _claim_speaker(state, speakers, rel_start, sentence.start + rel_start)
        speaker = by or speaker
        chosen = hedge or hedges.get((speaker.kind, quoted))
        if chosen is None:
            chosen = hedges[(speaker.kind, quoted)] = hedge_of(body, speaker, quoted)
        found.append(RawClaim(field, value, speaker, chosen, sentence.start + rel_start,
                              sentence.start + rel_end, definite,
                              None if incident == state.router.main.incident_id else incident, scope))

    # a sentence set at one of the incident's several places speaks of that place's part
    place = subsets.place_part(body, state.places) if state.places else None
    at_place = place[0] if place is not None else None
    # a place part needs a whole told before it: a figure of its field, or another of the places
    # named; the first figure told at one place alone is the incident's ("at least a dozen people
    # wounded by debris falling on the city of X", the other place spared)
    told_apart = at_place is not None and bool(state.places_seen - {at_place})
    if state.places:
        state.places_seen |= subsets.places_named(body, state.places)
    together = _SEPARATE_ATTACKS.search(body) if "separate" in body else None
    one_blast = _ONE_OF_SEVERAL.search(body) if ("first" in body or "second" in body or "third" in body
                                                 or "later" in body or "earlier" in body) else None
    numeric = _numeric(state, text, sentence, toks, body)
    if "mortar" in body or "Mortar" in body:
        state.mortar_report = True
    if "rtillery" in body or "tank" in body or "Tank" in body or "howitzer" in body:
        state.other_guns = True
    if state.mortar_report and not state.other_guns and numeric:
        # "A mortar round hit the embassy. ... one of the shells exploded on its grounds": a mortar
        numeric = [("mortars" + field[6:] if field.startswith("shells_") else field, count, start, end,
                    definite, scope) for field, count, start, end, definite, scope in numeric]
    elif numeric:
        # a lone "a shell landed" outside a mortar report is a gun's shell: no count (GUIDELINE 2)
        numeric = [claim for claim in numeric if not (
            claim[0].startswith("shells_") and claim[1].text.lower() in ("a", "an", "another"))]
    kinds: str | bool | None = False  # read at the first toll that may need it
    span = _SPAN_AFTER.search(body) if numeric and (" past " in body or " last " in body or " first " in body
                                                    or " so far " in body or "ince the " in body
                                                    or " the years" in body or "the past" in body) else None
    regions = _SEVERAL_REGIONS.search(body) if numeric and " and " in body and (
        "regions" in body or "provinces" in body or "oblasts" in body or "governorates" in body
        or "districts" in body or "states" in body or "counties" in body) else None
    if regions is not None:
        numeric = []  # "shot down 4 drones over the X, Y and Z regions": no incident's counts
    prior = _PRIOR_CLAUSE.search(body) if numeric and "after " in body else None
    also = _ALSO_CLAIMED_ANOTHER.search(body) if numeric and "also claimed" in body else None
    if span is not None and span_qualifies_an_event(body, span.start()) and \
            not span.group().lower().startswith(("over the years", "over the decades")):
        span = None  # "the third such attack in the past two weeks": the span dates the attack
    series = _SERIES_TOLL.search(body) if numeric and (
        "attacks" in body or "raids" in body or "bombings" in body) else None
    shelter = _SHELTER.search(body) if numeric and (
        "shelter" in body or "room" in body or "space" in body) else None
    nth = _NTH_ATTACK.match(body.lstrip()) if body.lstrip()[:2] in ("Th", "A ") else None
    nth_part = nth["part"] if nth is not None else (
        state.nth_attack if state.nth_attack is not None and _THE_ATTACK_OPENS.match(body.lstrip()) else None)
    state.nth_attack = None
    part = _one_projectile_part(state, body, numeric) if numeric and (
        " shell" in body or "ortar" in body or "ocket" in body or "issile" in body or " round" in body
        or "renade" in body or "rojectile" in body) else None
    for field, count, rel_start, rel_end, definite, scope in numeric:
        if scope is None and field == "rockets_fired" and "ortar" in body and \
                _ROCKETS_AND_MORTARS.search(body, rel_start, rel_end):
            scope = ROCKETS_MORTARS_TOGETHER  # "More than 30 rockets and mortars were fired": both
        if scope is None and together is not None and field in ("killed", "wounded") and \
                rel_start < together.start():
            scope = SEPARATE_TOGETHER  # "six killed and 15 wounded in separate bomb attacks"
        if scope is None and one_blast is not None and field in ("killed", "wounded") and \
                rel_start < one_blast.start():
            scope = one_blast["part"]  # "six soldiers were killed in the first explosion"
        if scope is None and field in ("killed", "wounded"):
            if kinds is False:
                kinds = _kinds_together(body)
            if isinstance(kinds, str):
                scope = kinds  # "killed in 14 rocket attacks ... after 2 IED blasts"
        if scope is not None and scope.split(" ", 1)[0].lower() in LANDING_PREPOSITIONS:
            # "One of the rockets landed in the town of X": a listed place names the part; the
            # incident's own place is no part of it
            scope = at_place if at_place is not None else (
                None if _names_place(scope, state.router.main.place) else scope)
        if span is not None and field in ("killed", "wounded") and rel_start < span.start():
            continue  # "120 civilians have been killed ... in the past six months"
        if also is not None and rel_start > also.start():
            continue  # "... and also claimed they were behind an assault in X that killed two soldiers"
        if prior is not None and prior.start() <= rel_start < prior.end():
            continue  # "after attacking and killing three policemen ... last night, planted a mine"
        if series is not None and field in ("killed", "wounded") and rel_start > series.start():
            continue  # "The attacks have left many dead"
        if field == "killed" and count.qualifier == "exact" and _WITNESS_SAW.match(body, rel_end):
            count = Count(low=count.low, high=None, qualifier="at_least", stated=count.low, text=count.text,
                          breakdown=count.breakdown, lexicon=count.lexicon)
            scope = scope or "seen by a witness"  # "There were four bodies I saw lying outside"
        if scope is None and shelter is not None and field == "wounded" and rel_start < shelter.start():
            scope = "injured on the way to shelter"
        if scope is None and at_place is None and nth_part is not None and field in ("killed", "wounded"):
            scope = nth_part  # "The first drone strike ... killed eight": that strike's part
        if scope is None and at_place is None and part is not None and rel_end > part[1] and (
                field in ("killed", "wounded") or (field.endswith("_impacted") and count.low == 1
                                                   and rel_start < part[2])):
            scope = part[0]  # "A mortar shell exploded ..., killing six people": that shell's part
        if scope is None and at_place is None and field in ("killed", "wounded") and \
                count.qualifier == "exact" and 0 < count.low < state.totals.get(field, 0):
            named = _PART_AT_PLACE.match(body, rel_end)
            if named is not None and named["name"].lower() not in _NOT_A_PLACE:
                # "Seven civilians were killed ... Five civilians were killed in X": after a larger
                # toll, a smaller figure at a named place is that place's part
                scope = named["place"]
        add(field, count, rel_start, rel_end, definite,
            scope=scope or (at_place if told_apart or field in state.fields_seen else None))
    if nth is not None and not any(claim.field in ("killed", "wounded") for claim in found):
        state.nth_attack = nth["part"]
    for zero in find_zeros(body):
        scope = one_blast["part"] if one_blast is not None and zero.start < one_blast.start() else at_place
        for field in zero.fields:
            count = Count(low=0, high=0, qualifier="none", stated=0,
                          text=body[zero.start:zero.end], lexicon=zero.lexicon)
            add(field, count, zero.start, zero.end, scope=scope)
    fatality = find_national_fatality(body)
    if fatality is not None:
        code = NATIONALITIES.get(fatality[2].lower())
        if code is not None and not any(claim.field == "killed" and claim.start <= sentence.start +
                                        fatality[0] < claim.end for claim in found):
            add("killed", Count.exact(1, text=body[fatality[0]:fatality[1]], breakdown={code: 1}),
                fatality[0], fatality[1], True)
    bomber = find_bomber_death(body)
    if bomber is not None and not any(claim.field == "attackers_killed" for claim in found):
        add("attackers_killed", Count.exact(1, text=body[bomber[0]:bomber[1]]), *bomber)
    launcher = find_launcher(body, state.projectiles_seen)
    if launcher is not None:
        add("launcher_found", Count.exact(1, text=body[launcher[0]:launcher[1]]), *launcher)
    _confirmation(state, body, sentence, speakers, found)
    for mention in find_attributions(body, toks, sentence.start, state.last_actor):
        speaker, _ = _claim_speaker(state, speakers, mention.start, sentence.start + mention.start)
        holder = mention.holder or speaker.name
        value = Attribution(mention.actor, mention.stance, holder)
        hedge = "denied" if mention.stance == "denied" else (
            "preliminary" if re.search(r"\b(?:initial|immediate|preliminary)\b", body, re.IGNORECASE)
            else "reported")
        # A group that claims or denies the attack says so itself (GUIDELINE section 7), unless
        # the sentence names who reports its words ("X said the group claimed ...").
        by = None
        if mention.stance in ("claimed", "denied") and mention.actor and mention.holder == mention.actor \
                and not any(at < mention.start for at, _ in speakers):
            by = Speaker(mention.actor, "belligerent" if mention.stance == "claimed"
                         else speaker_kind(mention.actor))
        add("attribution", value, mention.start, mention.end, hedge=hedge, by=by)
        if mention.actor:
            state.last_actor = mention.actor
    for actor in actor_mentions(body, toks, sentence.start):
        state.last_actor = actor
    state.scope.finish(body, markers, any(claim.incident is None for claim in found),
                       any(claim.incident is not None for claim in found), bool(dropped))
    if speakers:
        state.previous_speaker = speakers[-1][1]
    state.recent.extend(found)
    state.projectile_family = None
    for claim in found:
        if claim.incident is None and claim.field not in state.fields_seen:
            state.fields_seen.add(claim.field)
        if claim.field in ("killed", "wounded"):
            state.casualty_field = claim.field
            if claim.incident is None and claim.scope is None and isinstance(claim.value, Count) and \
                    claim.value.low > state.totals.get(claim.field, 0):
                state.totals[claim.field] = claim.value.low
        elif claim.field.endswith(_PROJECTILE_FATES) and claim.incident is None:
            state.projectile_family = claim.field.rsplit("_", 1)[0]
    return found


def _one_projectile_part(state: ReportState, body: str,
                         numeric: Sequence[tuple[str, Count, int, int, bool, str | None]]
                         ) -> tuple[str, int, int] | None:
    """The part one projectile's toll is about, with where its phrase starts and ends: the
    projectile and where it struck ("a mortar shell exploded in the midst of a stall"), when a
    casualty figure follows it in the sentence and the report counts other projectiles
    ("another shell", "a second rocket") or gave a larger toll of that field before."""
    match = _ONE_PROJECTILE.search(body)
    if match is None:
        return None
    one = match["one"].lower()
    several = one.startswith(("another", "a second", "a third"))
    tolls = [(field, count) for field, count, start, _, _, scope in numeric
             if field in ("killed", "wounded") and start > match.start() and scope is None]
    if not tolls and not several:
        return None
    if not several and not any(count.high is not None and count.high < state.totals.get(field, 0)
                               for field, count in tolls):
        return None
    stop = _PART_END.search(body, match.end())
    end = stop.start() if stop is not None else len(body.rstrip().rstrip(".!?"))
    phrase = body[match.start():end if end - match.end() <= 60 else match.end()].strip()
    return phrase[:1].lower() + phrase[1:], match.start(), match.end()


#: "(killed) in X", "(injured) at X", "in X and Y": a capitalised place (or two joined by
#: "and") right after a casualty verb, ending the clause ("in X in Y Sector." is read to its
#: first name only).
_PART_AT_PLACE = re.compile(
    r"\s(?P<place>(?:in|at)\s(?P<name>[A-Z][\w'’-]+)(?:\sand\s[A-Z][\w'’-]+(?=\s?[.,;]|\s(?:in|on)\s))?)"
    r"(?=\s?[.,;]|\s(?:in|on|and)\s)")
_NOT_A_PLACE: Final = frozenset("january february march april may june july august september october "
                                "november december monday tuesday wednesday thursday friday saturday "
                                "sunday hospital the".split())


_PART_OF_PLACE = re.compile(r"\b(?:cent(?:re|er)|heart|outskirts|edge|north|south|east|west|northern|"
                            r"southern|eastern|western|downtown)\b", re.IGNORECASE)


def _names_place(phrase: str, place: str | None) -> bool:
    """Whether ``phrase`` names a word of the incident's place ("in the town of Ardo" for
    "Ardo, Freedonia")."""
    if not place or _PART_OF_PLACE.search(phrase):
        return False  # "in the center of X": a part of the incident's place, not the place
    words = {word.lower() for word in re.findall(r"[A-Z][\w'-]{2,}", place)}
    return any(word.lower() in words for word in re.findall(r"[A-Z][\w'-]{2,}", phrase))


def _kinds_together(body: str) -> str | None:
    """The scope of a sentence's tolls when it counts attacks of two different kinds together
    ("in 14 rocket attacks in different parts of the city after 2 IED blasts"), else None."""
    if body.count("attacks") + body.count("blasts") + body.count("explosions") + body.count("bombings") + \
            body.count("strikes") < 2:
        return None
    match = _KINDS_TOGETHER.search(body)
    if match is None:
        return None
    one, two = match["one"].strip(), match["two"].strip()
    if one.split()[-1].lower() == two.split()[-1].lower() or len(one.split()) + len(two.split()) < 3:
        return None  # "attacks and counter-attacks" of one kind; "blasts and explosions" name no kind
    return f"{one} and {two} together"


def _numeric(state: ReportState, text: str, sentence: Sentence, toks: Sequence[Token],
             body: str) -> list[tuple[str, Count, int, int, bool, str | None]]:
    mentions = find_counts(text, toks, state.lexicon, state.reader)
    if not mentions:
        return []
    found = []
    for candidate in classify(toks, counted_phrases(toks, mentions), state.casualty_field,
                              state.projectile_family, state.totals):
        rel_start = toks[candidate.first].start - sentence.start
        rel_end = toks[candidate.last].end - sentence.start
        if candidate.value.qualifier == "none" and is_silence(body, rel_start):
            continue
        value = candidate.value
        if " + " in value.text:  # a group: quote the listed parts as the count's text
            phrase = text[toks[candidate.phrase_first].start:toks[candidate.phrase_last].end]
            value = attrs.evolve(value, text=phrase)
        found.append((candidate.field, value, rel_start, rel_end, candidate.definite, candidate.scope))
    return found


def _confirmation(state: ReportState, body: str, sentence: Sentence,
                  speakers: Sequence[tuple[int, Speaker]], found: list[RawClaim]) -> None:
    confirmation = find_confirmation(body)
    if confirmation is None:
        return
    outlet = confirmation.outlet.lower()
    subject = speaker_at_position(speakers, confirmation.start)
    if subject is None:
        return
    name = subject.name
    if confirmation.to:
        name = f"{name.split(' (via ')[0]} (via {confirmation.to})"
    speaker = Speaker(name, subject.kind)
    start = sentence.start + confirmation.start
    for earlier in state.recent:
        if f"(via {outlet}" in earlier.speaker.name.lower()[:200] and earlier.field != "attribution":
            found.append(attrs.evolve(earlier, speaker=speaker, hedge="confirmed", start=start,
                                      end=sentence.start + confirmation.end, definite=False))


def speaker_at_position(speakers: Sequence[tuple[int, Speaker]], position: int) -> Speaker | None:
    """The speaker whose cue is nearest ``position`` (before it, else after)."""
    before = [speaker for at, speaker in speakers if at <= position]
    if before:
        return before[-1]
    return speakers[0][1] if speakers else None
