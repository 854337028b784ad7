"""Cue scanners: the casualty, firing and loading words around a count, a bounded
number of tokens away, so each scan costs at most a few dozen steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    AGENT_ING,
    AUX,
    BACK_GAP,
    BARRAGE_NOUNS,
    FIRED_CUES,
    FORWARD_STOP,
    IMPACTED_CUES,
    INTERCEPTED_CUES,
    KILLED_CUES,
    LAUNCHER_NOUNS,
    LOAD_CUES,
    OBJECT_START,
    PASSIVE_IMPACT,
    PERSON_HEADS,
    PROJECTILES,
    SPEECH,
    TOLL_GAP,
    TOLL_VERBS,
    UNFIRED_WORDS,
    WOUNDED_CUES,
)

__all__ = [
    "BACK_WINDOW",
    "FORWARD_WINDOW",
    "casualty_after",
    "casualty_before",
    "has_object",
    "load_before",
    "number_of_before",
    "projectile_before",
    "projectile_forward",
    "sentence_projectile",
    "so_far",
    "speech_follows",
    "toll_before",
]

FORWARD_WINDOW: Final = 12
BACK_WINDOW: Final = 5


def so_far(toks: Sequence[Token], last: int) -> bool:
    """ "We have buried 23 bodies so far": a running figure is a lower bound. Since 0.1.0."""
    words = [toks[index].low for index in range(last + 1, min(len(toks), last + 4))]
    return "so" in words and "far" in words


def toll_before(toks: Sequence[Token], first: int) -> int | None:
    """ "the death toll had risen to 14", "a death toll of 9": the token of "death".

    Since 0.1.0.
    """
    index = first - 1
    while index >= 1 and first - index <= 6:
        low = toks[index].low
        if low == "toll" and toks[index - 1].low == "death":
            return index - 1
        if low in TOLL_VERBS and first - index <= 4:
            return _toll_subject(toks, index)
        if low in ("dead", "deaths") and index >= 2 and toks[index - 1].low == "of" and \
                toks[index - 2].low == "number":
            return index  # "put the number of dead at 39"
        if low not in TOLL_GAP:
            return None
        index -= 1
    return None


_NUMBER_OF_FIELDS: Final = {"dead": "killed", "deaths": "killed", "killed": "killed", "fatalities": "killed",
                             "wounded": "wounded", "injured": "wounded", "injuries": "wounded"}


def number_of_before(toks: Sequence[Token], first: int) -> tuple[str, int] | None:
    """ "The number of wounded rose to 30", "the number of dead has climbed to 12": the field
    the "number of" names and the token of its noun. "The number of casualties" names no
    field (casualties are the dead and the hurt together).

    Since 0.2.0.
    """
    index = first - 1
    while index >= 0 and first - index <= 5:
        low = toks[index].low
        if low in TOLL_VERBS:
            noun = index - 1
            while noun >= 2 and index - noun <= 3 and toks[noun].low in ("has", "had", "have", "now"):
                noun -= 1
            field = _NUMBER_OF_FIELDS.get(toks[noun].low) if noun >= 2 else None
            if field is not None and toks[noun - 1].low == "of" and toks[noun - 2].low == "number":
                return field, noun
            return None
        if low not in TOLL_GAP:
            return None
        index -= 1
    return None


def _toll_subject(toks: Sequence[Token], verb: int) -> int | None:
    """ "the death toll from a suicide bombing at a mosque has risen to 36", "put the number of
    dead at 39", "The toll had been put at 321": the toll's noun, up to two dozen tokens back
    ("The death toll from the Easter Sunday suicide bombing attacks on churches and hotels in
    ... rose to 359")."""
    for index in range(verb - 1, max(-1, verb - 26), -1):
        low = toks[index].low
        if low in (";", ".") or low in SPEECH:
            return None
        if low == "toll":
            return index - 1 if index > 0 and toks[index - 1].low == "death" else index
    return None


def speech_follows(toks: Sequence[Token], end: int) -> bool:
    """True when a verb of saying follows within four tokens ("two officials told").

    Since 0.1.0.
    """
    return any(toks[index].low in SPEECH for index in range(end + 1, min(end + 5, len(toks))))


#: Two-word killing verbs, read backwards: "fatally shot", "gunned down".
_KILLING_PAIRS: Final = frozenset({("shot", "fatally"), ("stabbed", "fatally"), ("down", "gunned"),
                                   ("down", "mowed"), ("shot", "fatal")})


def casualty_before(toks: Sequence[Token], first: int) -> tuple[str, int] | None:
    """A casualty verb just before the count ("killing at least 18"): field and token.

    Since 0.1.0.
    """
    index = first - 1
    steps = 0
    while index >= 0 and steps < BACK_WINDOW:
        low = toks[index].low
        if low in KILLED_CUES and low not in ("dead",):
            return "killed", index
        if index >= 1 and (low, toks[index - 1].low) in _KILLING_PAIRS:
            return "killed", index - 1  # "fatally shot at least seven", "gunned down five"
        if low in WOUNDED_CUES:
            return "wounded", index
        if low == "to" and index == first - 1:
            return _injuries_to(toks, index)  # "causing slight injuries to two people"
        if low in ('"', "“") and index == first - 1:
            index -= 1  # a scare quote around the count: 'killing "dozens" of people'
            continue
        if low not in BACK_GAP:
            return None
        index -= 1
        steps += 1
    return None


#: Verbs that give injuries to the people after "to": "causing injuries to", "inflicted wounds on".
_INFLICTING: Final = frozenset("causing caused cause causes inflicting inflicted".split())


def _injuries_to(toks: Sequence[Token], to: int) -> tuple[str, int] | None:
    """ "causing (slight) injuries to two people": the people after "to" are the wounded, when
    a verb of causing governs the injuries (not "injuries to his legs": no count follows)."""
    if to < 2 or toks[to - 1].low not in ("injuries", "wounds"):
        return None
    verb = to - 2
    if verb >= 1 and toks[verb].low not in _INFLICTING:
        verb -= 1  # one adjective between: "causing slight injuries", "inflicted serious wounds"
    return ("wounded", to - 1) if verb >= 0 and toks[verb].low in _INFLICTING else None


def casualty_after(
    toks: Sequence[Token], end: int, starts: set[int], own_first: int,
) -> tuple[str, int] | None:
    """The first casualty word after the noun phrase, unless the people counted did it.

    Since 0.1.0.
    """
    index = end + 1
    limit = min(len(toks), end + 1 + FORWARD_WINDOW)
    while index < limit:
        low = toks[index].low
        if low in FORWARD_STOP or (index in starts and index != own_first):
            return None
        field = "killed" if low in KILLED_CUES else "wounded" if low in WOUNDED_CUES else None
        if field is not None:
            if low in AGENT_ING or has_object(toks, index):
                return None  # the counted people did the killing
            return field, index
        if low == "lost" and index + 2 < len(toks) and toks[index + 2].low in ("lives", "life"):
            return "killed", index + 2
        index += 1
    return None


def has_object(toks: Sequence[Token], index: int) -> bool:
    """ "killed two guards": an active verb with its own object. Since 0.1.0."""
    if index + 1 >= len(toks):
        return False
    nxt = toks[index + 1]
    previous = toks[index - 1].low if index > 0 else ""
    if previous in AUX or previous in ("and", "or"):
        return False
    return nxt.low in OBJECT_START or nxt.low[:1].isdigit() or nxt.low in PERSON_HEADS


#: Nouns of a projectile's fate before "of" and the count: "the landing of two rockets".
_NOMINAL_CUES: Final = {"landing": "impacted", "impact": "impacted", "launch": "fired", "launching": "fired",
                        "firing": "fired", "interception": "intercepted"}


def projectile_before(toks: Sequence[Token], first: int) -> tuple[str, int] | None:
    """A firing, interception or passive impact verb just before the count.

    Since 0.1.0.
    """
    index = first - 1
    steps = 0
    saw_with = False
    barrage: int | None = None
    while index >= 0 and steps < BACK_WINDOW:
        low = toks[index].low
        if low in BARRAGE_NOUNS and index + 1 < first and toks[index + 1].low in (
                "with", "of", "involving", "using"):
            barrage = index if barrage is None else barrage  # "an attack with 24 rockets"
            if low not in BACK_GAP:
                break
        if low == "of" and index > 0 and toks[index - 1].low in _NOMINAL_CUES and index == first - 1:
            return _NOMINAL_CUES[toks[index - 1].low], index - 1  # "the landing of two rockets"
        if low in ("with", "by"):
            saw_with = True
        elif low in FIRED_CUES:
            return "fired", index
        elif low in INTERCEPTED_CUES:
            return "intercepted", index
        elif low == "destroyed" and index >= 2 and toks[index - 1].low == "and" and \
                toks[index - 2].low in INTERCEPTED_CUES:
            return "intercepted", index - 2  # "intercepted and destroyed two drones"
        elif low == "down" and index > 0 and toks[index - 1].low in ("shot", "brought", "took", "shooting"):
            return "intercepted", index - 1  # "air defences shot down two drones"
        elif low in PASSIVE_IMPACT and saw_with:
            return "impacted", index
        elif low not in BACK_GAP and low not in ("involving", "using"):
            break
        index -= 1
        steps += 1
    return ("fired", barrage) if barrage is not None else None


def projectile_forward(
    toks: Sequence[Token], end: int, starts: set[int], own_first: int,
) -> tuple[str, int] | None:
    """The main verb after a projectile noun phrase ("18 rockets were fired").

    Since 0.1.0.
    """
    index = end + 1
    limit = min(len(toks), end + 1 + 8)
    while index < limit:
        low = toks[index].low
        if low in FORWARD_STOP or low == "," or (index in starts and index != own_first):
            return None
        if low in UNFIRED_WORDS:
            return None  # "20 more rockets were found ...", "rockets that had not been fired"
        following = toks[index + 1].low if index + 1 < len(toks) else ""
        if low in ("failed", "fails", "fail") and following == "to" and index + 2 < len(toks) and \
                toks[index + 2].low in FIRED_CUES | {"fire"}:
            return None  # "rockets that failed to launch" were never fired ("failed to explode" were)
        direct = index == end + 1 or toks[index - 1].low == "which"
        if low in INTERCEPTED_CUES or (low in ("shot", "taken", "brought") and following == "down"):
            return "intercepted", index
        if low in ("targeted", "targeting") and direct:
            return "fired", index  # "At least 10 rockets targeted the base": fired at it, not landed
        if low == "crossing" and (following in ("into", "over", "from", "toward", "towards") or (
                following == "the" and index + 2 < len(toks) and toks[index + 2].low == "border")):
            return "fired", index  # "three projectiles were identified crossing into ..."
        if low in FIRED_CUES:
            if direct and following in ("from", "by") and toks[index - 1].low != "which":
                index += 1  # "rockets fired from a truck ...": a description, not the verb
                continue
            return "fired", index
        if low in IMPACTED_CUES:
            return "impacted", index
        if low not in AUX and not low.isalpha():
            return None
        index += 1
    return None


def load_before(toks: Sequence[Token], first: int) -> int | None:
    """"the launcher contained a total of 30": the token of the loading verb.

    Since 0.1.0.
    """
    if not any(tok.low in LAUNCHER_NOUNS for tok in toks):
        return None
    index = first - 1
    steps = 0
    while index >= 0 and steps < 4:
        low = toks[index].low
        if low in LOAD_CUES:
            return index
        if low not in BACK_GAP:
            return None
        index -= 1
        steps += 1
    return None


def sentence_projectile(toks: Sequence[Token]) -> str | None:
    """The first projectile family the sentence names, if any.

    Since 0.1.0.
    """
    for tok in toks:
        family = PROJECTILES.get(tok.low)
        if family is not None:
            return family
    return None
