"""Zeros stated without a number, and silences that are not zeros.

"didn't result in any losses", "did not kill anyone", "no one was hurt",
"without casualties" and "material losses only" are claims of zero (qualifier
``none``); "losses" and "deaths" are fatalities, "injuries" wounded, and
"casualties" both. "did not mention any casualties", "no immediate reports of
casualties" and "it was not immediately clear" are silence: no claim at all.

"There were no (immediate) reports of injuries" is the annotation guideline's "no
injuries were reported" in other words: a zero of the wounded (devset/real/GUIDELINE.md,
section 6). Only the injuries are read so: "no reports of casualties" names no field the
guideline counts ("casualties" alone is not annotated) and stays silence, as in the
invented holdout's annotation.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = ["ZeroMention", "find_zeros", "is_silence"]

_NOUN_FIELDS: Final = {
    "losses": ("killed",), "loss": ("killed",), "deaths": ("killed",), "fatalities": ("killed",),
    "casualties": ("killed", "wounded"), "injuries": ("wounded",), "one": ("killed",),
    "anyone": ("killed",), "anybody": ("killed",), "people": ("killed",), "person": ("killed",),
}
_VERB_FIELDS: Final = {
    "kill": ("killed",), "killed": ("killed",), "injure": ("wounded",), "injured": ("wounded",),
    "hurt": ("wounded",), "wound": ("wounded",), "wounded": ("wounded",),
    "harm": ("killed", "wounded"), "harmed": ("killed", "wounded"),
}
_NOT_VERB = (r"(?:did\snot|didn['’]t|does\snot|doesn['’]t|has\snot|hasn['’]t|had\snot|hadn['’]t|"
             r"have\snot|haven['’]t|would\snot|failed\sto)")
_DID_NOT = re.compile(
    rf"\b{_NOT_VERB}\s(?:result\sin|cause|lead\sto|leave|kill|injure|hurt|wound|harm)\s"
    r"(?:any(?:one|body)?|a\ssingle)\b(?:\s(?:[\w-]+\s)?(?P<noun>losses|casualties|deaths|injuries|"
    r"fatalities|damage))?",
    re.IGNORECASE,
)
_NO_ONE = re.compile(
    r"\bno(?:\sone|body)\s(?:was|were|has\sbeen|had\sbeen|is|got)\s(?:[\w-]+\s)?"
    r"(?P<verb>killed|hurt|injured|wounded|harmed)\b",
    re.IGNORECASE,
)
_WITHOUT = re.compile(
    r"\b(?:without|no)\s(?:(?:causing|resulting\sin|leaving|inflicting)\s)?"
    r"(?:any\s)?(?:human\s)?(?P<noun>losses|casualties|deaths|fatalities|injuries)\b",
    re.IGNORECASE,
)
_MATERIAL = re.compile(r"\bmaterial\s(?:losses|damage)\sonly\b|\bonly\smaterial\s(?:losses|damage)\b",
                       re.IGNORECASE)
_NO_REPORTS_OF_INJURIES = re.compile(
    r"\bno\s(?:immediate\s)?reports?\sof\s(?:any\s)?(?:injury|injuries|people\s"
    r"(?:injured|hurt|wounded))\b",
    re.IGNORECASE,
)
_SILENCE_WORDS: Final = re.compile(r"not|n['’]t|no\s|declined|unclear|unknown")
#: "no casualties were reported immediately" is "no immediate reports of casualties" (GUIDELINE
#: section 6: silence), read at the zero's own position.
_NO_CASUALTIES_YET = re.compile(
    # "No casualties were reported": the same silence as "no reports of casualties" (GUIDELINE 6)
    r"no\scasualties\s(?:were|have\sbeen)\s(?:immediately\s)?reported\b", re.IGNORECASE)
_SILENCE = re.compile(
    rf"\b(?:{_NOT_VERB}\s(?:mention|report|say|give|disclose|provide|specify|confirm)|no\s(?:immediate\s)?"
    r"(?:reports?|word|information|details|indication)\sof|not\simmediately\s(?:clear|known|available)|"
    r"declined\sto|(?:was|were|is|are)\sunclear|unknown\swhether)\b",
    re.IGNORECASE,
)


#: Every zero phrase holds one of these (searched for in the lower-cased sentence first).
_ZERO_WORDS: Final = re.compile(r"not|n['’]t|failed|no\s|nobody|no one|without|material")


class ZeroMention(NamedTuple):
    """A zero for ``fields``, sentence-relative span, and its lexicon entry (None if implied)."""

    fields: tuple[str, ...]
    start: int
    end: int
    lexicon: str | None


def is_silence(sentence: str, position: int) -> bool:
    """True when the phrase at ``position`` sits under "did not mention", "no reports of"...

    Since 0.1.0.
    """
    if _NO_CASUALTIES_YET.match(sentence, position):
        return True
    if not _SILENCE_WORDS.search(sentence.lower(), 0, position + 1):
        return False
    return any(match.start() <= position for match in _SILENCE.finditer(sentence, 0, position + 1))


def find_zeros(sentence: str) -> list[ZeroMention]:
    """Zeros stated in words ("did not kill anyone"); numeric "no casualties" is found elsewhere.

    Since 0.1.0.
    """
    low = sentence.lower()
    if not _ZERO_WORDS.search(low):
        return []
    found: list[ZeroMention] = []
    for match in _DID_NOT.finditer(sentence):
        noun = (match["noun"] or "").lower()
        verb = re.search(r"(?:result\sin|cause|lead\sto|leave|kill|injure|hurt|wound|harm)\s",
                         match.group(), re.IGNORECASE)
        verb_word = verb.group().split()[0].lower() if verb else ""
        fields = _NOUN_FIELDS.get(noun) or _VERB_FIELDS.get(verb_word)
        if fields and noun != "damage":
            found.append(ZeroMention(fields, match.start(), match.end(), "no"))
    for match in _NO_ONE.finditer(sentence):
        found.append(ZeroMention(_VERB_FIELDS[match["verb"].lower()], match.start(), match.end(), "no"))
    for match in _WITHOUT.finditer(sentence):
        if match.group().lower().startswith("no "):
            continue  # "no casualties" is a count phrase, read with the numbers
        found.append(ZeroMention(_NOUN_FIELDS[match["noun"].lower()], match.start(), match.end(), "no"))
    for match in _MATERIAL.finditer(sentence):
        found.append(ZeroMention(("killed",), match.start(), match.end(), None))
    found = [zero for zero in found if not is_silence(sentence, zero.start)]
    for match in _NO_REPORTS_OF_INJURIES.finditer(sentence):
        if not is_silence(sentence, match.start() - 1):  # "did not say there were no reports ..."
            found.append(ZeroMention(("wounded",), match.start(), match.end(), "no"))
    return found
