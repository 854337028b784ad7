"""Subsets: counts about part of the incident's casualties carry a scope, never the total.

* "wounding four soldiers, two of them seriously": wounded 2, scope "seriously
  wounded" (the count after "of them" takes the field of the count before it);
* "three of them children": the same field, scope "children";
* "no casualties among coalition personnel", "among the Iraqi forces": the group
  after "among" is the scope;
* "three Americans among the dead": killed 3, scope "Americans";
* "two of the dead were Chadian peacekeepers": killed 2, scope "Chadian peacekeepers";
* "No cabinet members were hurt": wounded 0, scope "cabinet members";
* "several children were among those killed and wounded": no figure for either field;
* an incident declared at several places ("Sderot and Kibbutz Nir Am"): a figure in a
  sentence set at one of them ("One of the rockets landed in the town of Sderot, wounding
  one man", "In Holon, a girl was hurt") is that place's part, scope "Sderot".

Policies leave scoped claims out of the incident's totals; the scope text is the
subset as the article words it. Every scan looks a few tokens away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    CASUALTY_HEADS,
    MONTHS,
    NATIONALITIES,
    PERSON_HEADS,
    SUBSET_ADVERBS,
    SUBSET_STOP,
)

__all__ = [
    "among_casualties", "among_killed_and_wounded", "among_scope", "group_words", "listed_places",
    "named_place_after", "place_part", "places_named", "relative_scope", "were_scope",
]

_MAX_SCOPE_TOKENS: Final = 6


def _words(toks: Sequence[Token], first: int, last: int) -> str:
    return " ".join(tok.text for tok in toks[first:last + 1])


def _phrase(toks: Sequence[Token], start: int) -> tuple[str, int] | None:
    """The noun phrase starting at token ``start`` (a leading "the" skipped): text, last index."""
    index = start
    while index < len(toks) and toks[index].low in ("the", "a", "an"):
        index += 1
    first = index
    while index < len(toks) and index - first < _MAX_SCOPE_TOKENS and toks[index].low not in SUBSET_STOP:
        index += 1
    if index == first:
        return None
    return _words(toks, first, index - 1), index - 1


def among_scope(toks: Sequence[Token], after: int) -> tuple[str, int] | None:
    """ "... among coalition personnel": the group named after "among" at ``after`` (or the
    token after it), unless it is the casualties themselves ("among the dead")."""
    for index in range(after, min(after + 3, len(toks))):
        if toks[index].low in SUBSET_STOP and toks[index].low not in ("were", "was", "reported"):
            return None
        if toks[index].low == "among":
            found = _phrase(toks, index + 1)
            if found is None or toks[found[1]].low in CASUALTY_HEADS:
                return None
            return found
    return None


def among_casualties(toks: Sequence[Token], after: int) -> int | None:
    """ "three Americans (were) among the dead": the index of the casualty word, if so."""
    if after < len(toks) and toks[after].low in ("were", "are", "was", "is"):
        after += 1
    if after < len(toks) and toks[after].low == "among":
        index = after + 1
        while index < len(toks) and toks[index].low in ("the", "those"):
            index += 1
        if index < len(toks) and (toks[index].low in CASUALTY_HEADS or toks[index].low == "victims"):
            return index
    return None


def among_killed_and_wounded(toks: Sequence[Token], after: int) -> bool:
    """ "several children were among those killed and wounded": a group counted among the dead
    and the hurt together, which gives no figure for either."""
    index = among_casualties(toks, after)
    if index is None or index + 2 >= len(toks) or toks[index + 1].low not in ("and", "or"):
        return False
    first, second = CASUALTY_HEADS.get(toks[index].low), CASUALTY_HEADS.get(toks[index + 2].low)
    return first is not None and second is not None and first != second


def relative_scope(toks: Sequence[Token], after: int, field: str) -> tuple[str, int] | None:
    """What follows "N of them": "seriously" -> "seriously wounded", "children" -> "children"."""
    if after >= len(toks):
        return None
    low = toks[after].low
    if low in SUBSET_ADVERBS:
        word = "wounded" if field == "wounded" else "killed"
        return f"{toks[after].text} {word}", after
    if low in ("were", "are", "was", "is"):
        nxt = toks[after + 1].low if after + 1 < len(toks) else ""
        if nxt in SUBSET_ADVERBS and after + 2 < len(toks):
            return f"{toks[after + 1].text} {toks[after + 2].text}", after + 2  # "critically injured"
        if nxt == "in" and after + 3 < len(toks) and toks[after + 3].low == "condition":
            return f"{toks[after + 2].text} condition", after + 3  # "in critical condition"
        return _people(_phrase(toks, after + 1), toks)
    if toks[after].low in SUBSET_STOP:
        return None
    return _people(_phrase(toks, after), toks)


def _people(found: tuple[str, int] | None, toks: Sequence[Token]) -> tuple[str, int] | None:
    """A subset named by a noun phrase must name people ("children", "Kenyan soldiers"), not
    a state ("still unidentified") or a list of names."""
    if found is None:
        return None
    head = toks[found[1]].low
    return found if head in PERSON_HEADS or head in NATIONALITIES or head.rstrip("s") in NATIONALITIES \
        else None


#: Words of a place that is where the wounded were taken, not where the dead fell.
_WEEKDAYS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_CARE_PLACES: Final = frozenset("hospital hospitals clinic clinics morgue care custody".split())


def named_place_after(toks: Sequence[Token], after: int) -> tuple[str, int] | None:
    """ "(died) in northern X", "(were killed) at Y": a place phrase with a capitalised name at
    ``after``, as text ("in northern X") and its last index; None for "in hospital"."""
    if after >= len(toks) or toks[after].low not in ("in", "at"):
        return None
    index, named = after + 1, False
    while index < len(toks) and index <= after + 4 and toks[index].low not in SUBSET_STOP and \
            toks[index].low not in _CARE_PLACES:
        if toks[index].text[:1].isupper():
            if toks[index].low in MONTHS or toks[index].low in _WEEKDAYS:
                return None  # "died in March": a time, not a place
            named = True
        elif named:
            break  # "in Bakara market": the name and its common noun; "in X while ..." ends
        index += 1
    if not named or (index < len(toks) and toks[index].low in _CARE_PLACES):
        return None
    return _words(toks, after, index - 1), index - 1


def were_scope(toks: Sequence[Token], after: int) -> tuple[str, int] | None:
    """ "two of the dead were Chadian peacekeepers": the phrase after "were" at ``after``."""
    if after < len(toks) and toks[after].low in ("were", "are", "was", "included", "include"):
        return _phrase(toks, after + 1)
    return None


def group_words(toks: Sequence[Token], first: int, last: int) -> str | None:
    """The counted group's words between the number and the head: "three Americans" -> "Americans"."""
    if first > last:
        return None
    return _words(toks, first, last)


#: The place words that tell one of an incident's places apart: capitalised names of three
#: letters or more, without the generic words of a place ("Kibbutz", "City" stay: they are
#: part of the name as written).
_NAME_WORD = re.compile(r"[A-Z][\w'’-]{2,}")
#: A locative phrase before a place name: "in", "at Kibbutz", "landed in the southern town of".
_PLACE_LEAD = re.compile(r"\b(?:in|at|near|outside|inside|into|on)\s(?:the\s)?(?:[\w-]+\s){0,3}?"
                         r"(?:(?:city|town|village|area|district|region|neighbou?rhood|suburb|province)\sof\s)?$",
                         re.IGNORECASE)


def listed_places(place: str | None) -> tuple[tuple[str, frozenset[str]], ...]:
    """The places an incident declared at several lists, each with its name words:
    "Sderot and Kibbutz Nir Am, southern Israel" -> Sderot, Kibbutz Nir Am; "Rishon LeZion,
    Petah Tikva and Holon, Israel" -> three places. One place ("Camp Alpha, Freedonia",
    "Jolo, Sulu, Philippines": a town and its region) lists nothing.

    >>> [name for name, _ in listed_places("Rishon LeZion, Petah Tikva and Holon, Israel")]
    ['Rishon LeZion', 'Petah Tikva', 'Holon']

    Since 0.2.0.
    """
    if not place:
        return ()
    parts = [part.strip() for part in place.split(",")]
    joined = next((number for number, part in enumerate(parts) if " and " in part), None)
    if joined is None or not all(_bare_name(part) for part in parts[:joined]):
        return ()  # "Bota Pathri near Gulmarg, Jammu and Kashmir": a place and its region
    names = [name.strip() for name in [*parts[:joined], *parts[joined].split(" and ")]]
    # "central Israel", "the Sharon region", "other places", "between A and B": not a town
    found = [(name, frozenset(word.lower() for word in _NAME_WORD.findall(name)))
             for name in names if _bare_name(name)]
    return tuple(found) if len(found) > 1 else ()


_NAME_PARTICLES: Final = frozenset("of de del la el al bin".split())


def _bare_name(text: str) -> bool:
    """Whether ``text`` is a place name alone: capitalised words and name particles."""
    words = text.split()
    return bool(words) and all(word[:1].isupper() or word in _NAME_PARTICLES for word in words) and \
        any(_NAME_WORD.fullmatch(word) for word in words)


def places_named(sentence: str, places: Sequence[tuple[str, frozenset[str]]]) -> set[str]:
    """The listed places (see :func:`listed_places`) a sentence names, wherever in it."""
    words = {word.lower() for word in _NAME_WORD.findall(sentence)}
    return {name for name, names in places if words & names}


def place_part(sentence: str, places: Sequence[tuple[str, frozenset[str]]]) -> tuple[str, int] | None:
    """The one listed place a sentence is set at, and where its place phrase starts: a name
    after a preposition ("landed in the southern town of Sderot", "at Kibbutz Nir Am",
    "In Holon,"). A sentence naming two of the places speaks of them together: None."""
    if not places:
        return None
    hits: dict[str, int] = {}
    for match in _NAME_WORD.finditer(sentence):
        word = match.group().lower()
        for name, words in places:
            if word in words and name not in hits and \
                    _PLACE_LEAD.search(sentence, max(0, match.start() - 60), match.start()) is not None:
                hits[name] = match.start()
    named = {name for name, words in places
             if any(word.lower() in words for word in _NAME_WORD.findall(sentence))}
    if len(hits) != 1 or len(named) != 1:
        return None
    ((name, start),) = hits.items()
    return name, start
