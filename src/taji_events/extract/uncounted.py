"""Facts told without a count: a launcher found, a report confirmed by someone else.

* ``launcher_found`` = 1 when a launcher, a rocket-rigged vehicle or a launch site
  is said to have been found ("Iraqi forces found a rocket-rigged truck", "the
  launcher, which security forces subsequently found abandoned"); a plain "truck"
  or "vehicle" counts only once the report has mentioned rockets or launchers.
* ``attackers_killed`` = 1 when a single suicide bomber "blew himself up" or
  "detonated himself", "detonated his suicide vest" or "detonated at the gate" (an explosive
  belt's bearer dies with it); a bomber who "detonated an explosive device" (an object that
  may have been left behind) is not said to have died.
* "X confirmed Reuters' report" repeats the figures the report gave on Reuters'
  authority, now confirmed by X.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

__all__ = ["ReportConfirmation", "find_bomber_death", "find_confirmation", "find_launcher",
           "find_national_fatality"]

_FOUND = r"(?:found|discovered|located|recovered|seized|spotted)"
_LAUNCHER = (r"(?:launchers?|rocket[-\s](?:rigged|laden|launching)\s[\w-]+|launch\s(?:site|pad|position|"
             r"point|rails?)|improvised\s(?:rocket\s)?launchers?)")
_VEHICLE = r"(?:truck|vehicle|pickup|lorry|car)"
_NEAR = r"[^.;]{0,100}?"
_LAUNCHER_FOUND = re.compile(
    rf"\b{_LAUNCHER}\b{_NEAR}\b{_FOUND}\b|\b{_FOUND}\b{_NEAR}\b{_LAUNCHER}\b", re.IGNORECASE)
_VEHICLE_FOUND = re.compile(
    rf"\b{_VEHICLE}\b{_NEAR}\b{_FOUND}\b|\b{_FOUND}\s(?:[\w-]+\s){{0,4}}?{_VEHICLE}\b", re.IGNORECASE)
_FOUND_WORDS = re.compile(r"found|discovered|located|recovered|seized|spotted")
_NOT_FOUND = re.compile(r"\b(?:not|never|yet\sto)\s(?:been\s)?(?:found|located|recovered)", re.IGNORECASE)
_CONFIRMED_REPORT = re.compile(
    r"\bconfirmed\s(?:the\s)?(?P<outlet>[A-Z][\w-]{1,30}?)(?:['’]s?|s['’])?\s(?:report|account|figures?|toll)"
    r"(?:\sto\s(?:the\s)?(?P<to>[A-Z][\w-]{1,30}))?",
)


_THE_NATIONAL_FATALITY = re.compile(
    r"\bthe\s(?P<nation>U\.S\.|U\.K\.|US|UK|[A-Z][a-z]{3,15})\s(?:fatality|death|dead\s(?:soldier|"
    r"serviceman|servicewoman|servicemember|service\smember))\b"
)
#: The words one of which every match holds, in the case the expression reads them.
_NATIONAL_FATALITY_WORDS: Final = ("fatality", "death", "dead")


_BOMBER_DEATH = re.compile(
    r"\b(?:a|an|the|one)\s(?:[\w-]+\s){0,2}?suicide\s(?:car\s|truck\s)?bomber\s(?:who\s|had\s|then\s)?"
    r"(?:blew\s(?:himself|herself)\s(?:up|to\spieces)|"
    r"(?:detonated|set\soff|exploded|triggered)\s(?:himself|herself|(?:his|her)\s(?:own\s)?"
    r"(?:suicide\s|explosives?\s)?(?:vest|belt|jacket))|killing\s(?:himself|herself)|"
    r"(?:detonated|exploded)(?=\s(?:at|in|near|outside|inside|among|amid|when|as)\b|\s?[,.;]|$))",
    re.IGNORECASE,
)


#: "a suspected militant killed himself (and two children)", "the attacker blew himself up":
#: one attacker, named by an attacker's noun, dead by his own hand.
_ATTACKER_SELF_DEATH = re.compile(
    r"\b(?:a|an|the|one)\s(?:(?:suspected|alleged|lone|would-be)\s)?(?:militant|attacker|assailant|gunman|"
    r"insurgent|jihadist|terrorist)\s(?:who\s|then\s)?(?:killed\s(?:himself|herself)|blew\s(?:himself|herself)\s"
    r"(?:up|to\spieces))\b"
    # "the explosion killed the bomber himself": the blast's own attacker among its dead
    r"|\b(?:killed|killing)\sthe\s(?:suicide\s)?(?:car\s|truck\s)?(?:bomber|attacker|assailant)\s"
    r"(?:himself|herself)\b",
    re.IGNORECASE,
)


class ReportConfirmation(NamedTuple):
    """Sentence-relative span of "confirmed <outlet>'s report", the outlet and the addressee."""

    start: int
    end: int
    outlet: str
    to: str | None


def find_launcher(sentence: str, projectiles_seen: bool) -> tuple[int, int] | None:
    """The span saying a launcher (or, once rockets were mentioned, a vehicle) was found.

    Since 0.1.0.
    """
    if not _FOUND_WORDS.search(sentence.lower()) or _NOT_FOUND.search(sentence):
        return None
    match = _LAUNCHER_FOUND.search(sentence)
    if match is None and projectiles_seen:
        match = _VEHICLE_FOUND.search(sentence)
    return match.span() if match else None


def find_national_fatality(sentence: str) -> tuple[int, int, str] | None:
    """ "identified the UK fatality": one death of a named nationality (span and word).

    Since 0.1.0.
    """
    if not any(map(sentence.__contains__, _NATIONAL_FATALITY_WORDS)):
        return None
    match = _THE_NATIONAL_FATALITY.search(sentence)
    return (match.start(), match.end(), match["nation"]) if match else None


def find_confirmation(sentence: str) -> ReportConfirmation | None:
    """ "confirmed Reuters' report (to the Telegraph)", if the sentence says so.

    Since 0.1.0.
    """
    if "confirmed" not in sentence:
        return None
    match = _CONFIRMED_REPORT.search(sentence)
    if match is None:
        return None
    return ReportConfirmation(match.start(), match.end(), match["outlet"], match["to"])


def find_bomber_death(sentence: str) -> tuple[int, int] | None:
    """ "a suspected suicide bomber blew himself up", "a suspected militant killed himself": one
    attacker killed (its span).

    Since 0.2.0.
    """
    low = sentence.lower()
    if "bomber" in low:
        match = _BOMBER_DEATH.search(sentence)
        if match is not None:
            return match.span()
    if "himself" not in low and "herself" not in low:
        return None
    match = _ATTACKER_SELF_DEATH.search(sentence)
    return match.span() if match else None
