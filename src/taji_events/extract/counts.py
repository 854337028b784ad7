"""Noun phrases around a count: what is counted, its nationality or role, and groups.

"two Americans and one British service member" is one group of two parts, 2 US
and 1 GB; "Three ... personnel, two Americans and a British," is a total with
its breakdown in apposition; "18 of which" counts the projectiles named before.
All scans look a bounded number of tokens away from the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from taji_events.extract.mentions import CountMention
from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    ATTACKER_NOUNS,
    CASUALTY_HEADS,
    KILLED_CUES,
    LIST_CONNECTORS,
    MEASURE_UNITS,
    NATIONALITIES,
    NOUN_PHRASE_STOP,
    OF_DETERMINERS,
    PERSON_HEADS,
    PROJECTILES,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    WOUNDED_CUES,
)
from taji_events.lexicon import DEFAULT_LEXICON

__all__ = ["Counted", "Phrase", "counted_phrases", "nationality", "role_key"]

_MAX_MODIFIERS: Final = 5
_POSSESSIVES: Final = frozenset("their its her his".split())
#: Nouns of attacks: a casualty word after them is their verb ("two blasts killed ...").
_EVENT_NOUNS: Final = frozenset(
    "blast blasts explosion explosions bombing bombings bomb bombs attack attacks strike strikes "
    "airstrike airstrikes raid raids".split())


class Phrase(NamedTuple):
    """A count and its noun phrase: token range, head class and group facts."""

    mention: CountMention
    head: int | None          # token index of the head noun
    kind: str                 # person, casualty, projectile, relative, none
    family: str | None        # projectile family, or the casualty field of a casualty head
    nation: str | None        # ISO alpha-2 of the part, if named
    role: str | None
    end: int                  # last token index of the noun phrase
    definite: bool            # "the two ..." refers to people already counted


class Counted(NamedTuple):
    """One counted thing: a single phrase or a group of parts with a breakdown."""

    parts: tuple[Phrase, ...]
    first: int
    end: int
    breakdown: dict[str, int]


def nationality(tok: Token) -> str | None:
    """The ISO alpha-2 code a token names ("Americans" -> "US"); "us"/"uk" only in capitals.

    Since 0.1.0.
    """
    code = NATIONALITIES.get(tok.low)
    if code is None:
        return None
    if tok.low in ("us", "uk") and tok.text not in ("US", "UK"):
        return None
    return code


def _range_top(word: str) -> bool:
    """Whether ``word`` is the upper end of "three or four", "10 or 12"."""
    return word.isdigit() or word in DEFAULT_LEXICON.numbers


def _phrase(toks: Sequence[Token], mention: CountMention) -> Phrase:
    index = mention.last + 1
    total = len(toks)
    definite = mention.first > 0 and toks[mention.first - 1].low == "the"
    if index < total and toks[index].low == "of" and index + 1 < total:
        after = toks[index + 1].low
        if after in ("which", "whom", "them"):
            return Phrase(mention, None, "relative", None, None, None, index + 1, definite)
        index += 2 if after in OF_DETERMINERS else 1
    if mention.none and index < total and toks[index].low in ("one", "body"):
        return Phrase(mention, index, "person", None, None, None, index, definite)
    glued = toks[mention.last].low.rsplit("-", 1)[-1]
    if mention.first == mention.last and glued in PROJECTILES and "-" in toks[mention.last].low:
        # "a 30-rocket barrage": the noun is glued to the number
        return Phrase(mention, mention.last, "projectile", PROJECTILES[glued], None, None, mention.last,
                      definite)
    head: int | None = None
    kind, family, nation, role = "none", None, None, None
    soft = False  # the head so far is a nationality word, which a noun may still follow
    steps = 0
    while index < total and steps < _MAX_MODIFIERS:
        tok = toks[index]
        low = tok.low
        code = nationality(tok)
        if low in PROJECTILES:
            named = PROJECTILES[low]
            if named == "shells" and family == "mortars" and head == index - 1:
                named = "mortars"  # "a mortar shell": a mortar's round, counted as mortars
            head, kind, family, soft = index, "projectile", named, False
        elif low in PERSON_HEADS:
            head, kind, soft = index, "person", False
            role = ROLE_NOUNS.get(low, role)
        elif code is not None:
            if nation is not None and nation != code:
                nation = "mixed"
            nation = nation or code
            if head is None or soft:
                head, kind, soft = index, "person", True
        elif low in CASUALTY_HEADS and (head is None or soft):
            if head is None and index > mention.last + 1 and _event_between(toks, mention.last + 1, index):
                break  # "Two blasts killed five people": the count is the agent's, not the dead
            head, kind, family = index, "casualty", CASUALTY_HEADS[low]
            break
        elif low == "of" and head is None and index + 1 < total and toks[index + 1].text[:1].isupper():
            pass  # "Two Department of Defense employees"
        elif low == "and" and soft and index + 1 < total and nationality(toks[index + 1]) is not None:
            pass  # "17 American and Kenyan soldiers"
        elif tok.text[:1].isupper() and index + 2 < total and toks[index + 1].low == "-" and \
                toks[index + 2].low.isdigit() and tok.end == toks[index + 1].start and \
                toks[index + 1].end == toks[index + 2].start:
            index += 2  # a model's name between the count and its noun: "2 Shahid-136 drones"
        elif low[:1].isdigit() and index + 1 < total and toks[index + 1].low in MEASURE_UNITS:
            index += 1  # a calibre between the count and its noun: "18 107 mm rockets"
        elif low == "or" and head is None and index == mention.last + 1 and index + 1 < total and \
                _range_top(toks[index + 1].low):
            index += 1  # "three or four projectiles": the range is read at its lower end
        elif (low in NOUN_PHRASE_STOP or (low[:1].isdigit() and not _is_measure(low))
              or (head is not None and not soft)):
            break
        index += 1
        steps += 1
    if head is None:
        return Phrase(mention, None, "none", None, None, None, mention.last, definite)
    if kind == "person" and toks[head].low in ("member", "members") and nation is None:
        nation = _member_of(toks, head)
    if nation == "mixed":
        nation = None
    return Phrase(mention, head, kind, family, nation, role, head, definite)


def _is_measure(low: str) -> bool:
    return any(char.isalpha() for char in low)


def _member_of(toks: Sequence[Token], head: int) -> str | None:
    """ "a member of the U.K. armed forces": the nationality after the head."""
    for index in range(head + 1, min(head + 4, len(toks))):
        code = nationality(toks[index])
        if code is not None:
            return code
        if toks[index].low not in ("of", "the"):
            return None
    return None


def _event_between(toks: Sequence[Token], start: int, stop: int) -> bool:
    return not _EVENT_NOUNS.isdisjoint([tok.low for tok in toks[start:stop]])


def _attackers(toks: Sequence[Token], phrase: Phrase) -> bool:
    return phrase.head is not None and toks[phrase.head].low in ATTACKER_NOUNS


def _gap_is_connector(toks: Sequence[Token], start: int, stop: int) -> bool:
    """True when tokens start..stop-1 only join list items ("and", ",", "as well as")."""
    words = [toks[index].low for index in range(start, stop)]
    if not words or len(words) > 5:
        return False
    text = " ".join(words)
    text = text.replace("as well as", "and").replace("along with", "and")
    text = text.replace("together with", "and").replace("and their", "and").replace("and its", "and")
    text = text.replace("and her", "and").replace("and his", "and")  # "a woman and her two children"
    return all(word in LIST_CONNECTORS for word in text.split())


def _breakdown(parts: Sequence[Phrase]) -> dict[str, int] | None:
    if any(part.nation is None for part in parts):
        return None
    result: dict[str, int] = {}
    for part in parts:
        assert part.nation is not None
        result[part.nation] = result.get(part.nation, 0) + part.mention.value.low
    return result


_IRREGULAR_PLURALS: Final = {"men": "man", "women": "woman", "children": "child", "people": "person",
                              "passers-by": "passer-by", "passersby": "passerby"}


def role_key(noun: str) -> str:
    """The breakdown key of a role noun: the singular noun ("soldiers" -> "soldier"), or the
    role the noun names ("policemen" -> "police"). ISO 3166-1 codes ("US") are kept as written.

    >>> [role_key(word) for word in ("soldiers", "policemen", "passers-by", "US", "Women",
    ...                              "police officers")]
    ['soldier', 'police', 'passer-by', 'US', 'woman', 'police']

    Since 0.2.0.
    """
    if len(noun) == 2 and noun.isupper():
        return noun
    words = noun.lower().split()
    named = [word for word in words if word in ROLE_NOUNS]
    word = named[-1] if named else (words[-1] if words else "")  # "police officers" -> police
    if word in ROLE_NOUNS:
        return ROLE_NOUNS[word]
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("men") and len(word) > 4:
        return ROLE_NOUNS.get(word[:-3] + "man", word[:-3] + "man")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _role_breakdown(toks: Sequence[Token], parts: Sequence[Phrase]) -> dict[str, int] | None:
    """ "three soldiers and two contractors": a breakdown by role, keyed by the singular noun."""
    last = parts[-1].mention.first
    if last > 1 and toks[last - 1].low in _POSSESSIVES and toks[last - 2].low == "and":
        last -= 1  # "soldiers and their two porters"
    if last == 0 or toks[last - 1].low not in ("and", "plus", "as", "with"):
        return None  # "seven people, a regional official said": a list needs a conjunction
    result: dict[str, int] = {}
    for part in parts:
        if part.head is None or (part.nation is not None and part.role is None) or \
                toks[part.head].low in SOURCE_NOUNS:
            return None
        key = part.role or role_key(toks[part.head].low)
        result[key] = result.get(key, 0) + part.mention.value.low
    return result


def _plain_group(toks: Sequence[Token], parts: Sequence[Phrase]) -> bool:
    """ "two coalition service members and an Iraqi interpreter": people listed with a
    conjunction are one total, even when the parts share no key for a breakdown (one named
    by role, one by nationality). Speakers' nouns ("two officials and a spokesman said")
    and vague parts are never summed."""
    last = parts[-1].mention.first
    if last > 1 and toks[last - 1].low in _POSSESSIVES and toks[last - 2].low == "and":
        last -= 1
    if last == 0 or toks[last - 1].low not in ("and", "plus", "as", "with"):
        return False  # a list needs a conjunction before its last part
    return all(part.head is not None and toks[part.head].low not in SOURCE_NOUNS
               and part.mention.value.qualifier in ("exact", "at_least", "more_than")
               and not part.mention.none and not part.definite for part in parts)


def counted_phrases(toks: Sequence[Token], mentions: Sequence[CountMention]) -> list[Counted]:
    """Group the sentence's counts into counted things, left to right.

    Since 0.1.0.
    """
    phrases = _role_appositions(toks, [_phrase(toks, mention) for mention in mentions])
    result: list[Counted] = []
    index = 0
    while index < len(phrases):
        group = [phrases[index]]
        while index + len(group) < len(phrases):
            nxt = phrases[index + len(group)]
            last = group[-1]
            if not (last.kind == nxt.kind == "person"
                    and _gap_is_connector(toks, last.end + 1, nxt.mention.first)) or \
                    _attackers(toks, last) != _attackers(toks, nxt):
                break  # "three persons and two suicide bombers were killed": victims, then attackers
            if _others_of_another_field(toks, group[0], nxt):
                break  # "The dead included three women and two men, and eight others were wounded"
            group.append(nxt)
        breakdown = _breakdown(group) if len(group) > 1 else None
        if len(group) > 1 and breakdown is None:
            breakdown = _role_breakdown(toks, group)
        if len(group) > 1 and breakdown is None and not _plain_group(toks, group):
            group = group[:1]
        first = group[0]
        if breakdown is None and first.kind == "person" and first.nation is None:
            apposed = _apposition(toks, phrases, index, first)
            if apposed is not None:
                breakdown, end, used = apposed
                result.append(Counted((first,), first.mention.first, end, breakdown))
                index += 1 + used
                continue
        if breakdown is None and len(group) == 1 and first.nation is not None and first.kind == "person":
            breakdown = {first.nation: first.mention.value.low}
        result.append(Counted(tuple(group), group[0].mention.first, group[-1].end, breakdown or {}))
        index += len(group)
    return result


def _others_of_another_field(toks: Sequence[Token], first: Phrase, nxt: Phrase) -> bool:
    """ "(The dead included three women and two men,) and eight others were wounded": "N others"
    with a participle of its own, of the other field than the word the list follows, is no part
    of the list."""
    if nxt.head is None or toks[nxt.head].low not in ("others", "other") or nxt.end + 2 >= len(toks) or \
            toks[nxt.end + 1].low not in ("were", "was"):
        return False
    participle = toks[nxt.end + 2].low
    before = {tok.low for tok in toks[max(0, first.mention.first - 4):first.mention.first]}
    return (participle in WOUNDED_CUES and not before.isdisjoint(KILLED_CUES)) or (
        participle in KILLED_CUES and not before.isdisjoint(WOUNDED_CUES))


def _role_appositions(toks: Sequence[Token], phrases: list[Phrase]) -> list[Phrase]:
    """ "Two Americans, a soldier and a contractor, and a Briton were killed": people named by
    nation, then what they were, between commas, adding up to the same number: the roles are
    the same people, so the first phrase takes them in (its noun phrase runs to the last role)
    and the list goes on after them (3 killed, not 5)."""
    merged: list[Phrase] = []
    index = 0
    while index < len(phrases):
        total = phrases[index]
        merged.append(total)
        index += 1
        if total.kind != "person" or total.nation is None or total.end + 1 >= len(toks) or \
                toks[total.end + 1].low != ",":
            continue
        parts: list[Phrase] = []
        position = index
        while position < len(phrases) and len(parts) < 4:
            part = phrases[position]
            start = total.end + 2 if not parts else parts[-1].end + 1
            if part.kind != "person" or part.nation is not None or part.mention.value.high is None or \
                    (parts and not _gap_is_connector(toks, start, part.mention.first)) or \
                    (not parts and part.mention.first != start):
                break
            parts.append(part)
            position += 1
        if len(parts) < 2 or parts[-1].end + 1 >= len(toks) or toks[parts[-1].end + 1].low != "," or \
                sum(part.mention.value.low for part in parts) != total.mention.value.low:
            continue
        merged[-1] = total._replace(end=parts[-1].end)
        index = position
    return merged


def _apposition(
    toks: Sequence[Token], phrases: Sequence[Phrase], index: int, total: Phrase,
) -> tuple[dict[str, int], int, int] | None:
    """ "Three personnel, two Americans and a British, ...": the breakdown in apposition."""
    if total.end + 1 >= len(toks) or toks[total.end + 1].low not in (",", ":"):
        return None  # "Three personnel, two Americans and a Briton", "three members: ..."
    parts: list[Phrase] = []
    position = index + 1
    while position < len(phrases) and len(parts) < 6:
        part = phrases[position]
        start = total.end + 2 if not parts else parts[-1].end + 1
        if part.kind != "person" or part.nation is None:
            break
        if parts and not _gap_is_connector(toks, start, part.mention.first):
            break
        if not parts and part.mention.first != start:
            break
        parts.append(part)
        position += 1
    if len(parts) < 2:
        return None
    breakdown = _breakdown(parts)
    if breakdown is None or sum(breakdown.values()) != total.mention.value.low:
        return None
    return breakdown, parts[-1].end, len(parts)
