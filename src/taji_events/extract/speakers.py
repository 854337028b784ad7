"""Who says it, and how firmly: speakers, speaker kinds and hedges of a sentence.

A sentence's speakers are found at their verbs of saying ("X said", "X told
Reuters", "according to X", "said X", "X confirmed that"), with appositions
skipped ("Col. A, a spokesman for the coalition, said"), pronouns and definite
descriptions ("he", "the official", "the news channel") resolved to the last
named speaker, "X told <outlet>" named "X (via <outlet>)", and "reportedly", "are
said to", "there are reports" read as unnamed reports. A claim takes the last
speaker before it, else the first after it, else the report's own voice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from taji_events.extract.prefilter import lowered, may_match
from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    AGENT_WORDS,
    BELLIGERENT_NAMES,
    MONITOR_NAMES,
    NATIONALITIES,
    OUTLET_NAMES,
    PRONOUNS,
    SOCIAL_MEDIA_NAMES,
    SPEAKER_BREAK,
    SPEAKER_SKIP_BACK,
    SPEECH_VERBS,
    STATE_MEDIA_NAMES,
    WIRE_NAMES,
)
from taji_events.model import Speaker

__all__ = ["SpeakerMention", "find_speakers", "hedge_of", "speaker_kind"]

_TITLE_END = r"\b(?:spokes(?:man|woman|person)|commander|chief|head|minister|director|secretary|" \
    r"governor|official)$"
_ANAPHORIC = re.compile(
    r"^(?:the|that|this|that same|the same)\s(?:same\s)?(?:official|officials|spokesman|"
    r"spokeswoman|spokesperson|source|sources|individual|agency|channel|news channel|outlet|"
    r"ministry|group|statement|military|officer|commander|person|man|woman|monitor|broadcaster)$",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"\b(?:reportedly|(?:is|are|were|was)\ssaid\sto|there\s(?:are|were|have\sbeen)\s(?:already\s)?"
    r"(?:unconfirmed\s)?reports|reports\semerging|according\sto\s(?:unconfirmed\s)?reports|"
    r"unconfirmed\sreports)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\sto\s(?P<np>[^,.;:“”\"]{2,80})", re.IGNORECASE)
_CITING = re.compile(
    r"\b(?P<outlet>[A-Z][\w-]{1,30})\s(?:reported|said)\s(?:,\s)?citing\s(?P<np>[^,.;:“”\"]{2,60})"
)
_DESPITE = re.compile(r"\b(?:despite|contrary\sto|contradicting)\s(?P<np>[A-Z][\w’'-]{2,30})\sclaims?\b")
_TOLD = re.compile(r"\btold\s(?P<outlet>(?:the\s)?[A-Z][\w’'-]{1,30}(?:\s[A-Z][\w-]{1,20})?)")
_ANONYMOUS = re.compile(
    r"condition\sof\sanonymity|not\sauthori[sz]ed\sto\s(?:speak|talk|discuss)|declined\sto\sbe\s"
    r"(?:named|identified)|asked\snot\sto\sbe\s(?:named|identified)|spoke\sanonymously",
    re.IGNORECASE,
)
_UNNAMED_OFFICIAL = re.compile(
    r"\s(?:a|an|one|two|three|four|five|several|some|other|another|senior|two\ssenior)\s", re.IGNORECASE)
_PRELIMINARY = re.compile(
    r"\bpreliminary\b|\b(?:initial|immediate|early|first)\s(?:\w+\s)?(?:assessment|estimates?|"
    r"indications|information|figures|tolls?)\b",
    re.IGNORECASE,
)
_INITIAL = re.compile(r"\b(?:initially|at\sfirst|first\sreported|earlier\sreported)\b", re.IGNORECASE)
_CONFIRM = re.compile(r"\b(?:confirm(?:s|ed)?|confirmation|verified)\b", re.IGNORECASE)
#: A word every match of each expression holds (:mod:`.prefilter`).
_ANONYMOUS_WORDS: Final = ("anonym", "authori", "declined", "asked")
_PRELIMINARY_WORDS: Final = ("preliminary", "assessment", "estimate", "indications", "information",
                             "figures", "toll")
_INITIAL_WORDS: Final = ("initially", "first", "earlier")
_CONFIRM_WORDS: Final = ("confirm", "verified")



class SpeakerMention(NamedTuple):
    """A speaker and where in the sentence its verb (or cue) stands."""

    position: int
    speaker: Speaker


def speaker_kind(name: str, context: str = "") -> str:
    """The speaker kind a name suggests, e.g. ``"two U.S. officials"`` -> ``official_anonymous``.

    >>> speaker_kind("Reuters"), speaker_kind("a U.S. official"), speaker_kind("Col. Ann Roe")
    ('wire', 'official_anonymous', 'official_on_record')

    Since 0.1.0.
    """
    anonymous = bool(context) and may_match(lowered(context), _ANONYMOUS_WORDS) and \
        _ANONYMOUS.search(context) is not None
    return _kind(name, anonymous)


@functools.lru_cache(maxsize=4096)
def _kind(name: str, anonymous: bool) -> str:
    """:func:`speaker_kind`, remembered (names repeat within and across reports)."""
    name = name.split(" (via ")[0]  # who speaks, not the outlet that carried it
    low = f" {name.lower()} "
    if any(word in low for word in STATE_MEDIA_NAMES):
        return "state_media"
    if any(word in low for word in MONITOR_NAMES):
        return "monitor_ngo"
    if any(word in low for word in SOCIAL_MEDIA_NAMES):
        return "social_media"
    if "unnamed" in low or (re.search(r"\b(?:reports|sources|witnesses|residents)\b", low) and \
            not re.search(r"\bofficials?\b", low)):
        return "unattributed"
    if re.search(r"\b(?:officials?|diplomats?|officers?|sources?)\b", low) and (
            anonymous or not _proper_name(name) or _UNNAMED_OFFICIAL.match(low)):
        return "official_anonymous"  # "a Kurdish security official" names no one
    if any(f" {word}" in low for word in WIRE_NAMES):
        return "wire"
    if any(word in low for word in BELLIGERENT_NAMES):
        return "belligerent"
    if any(word in low for word in OUTLET_NAMES):
        return "news_outlet"
    return "official_on_record" if _proper_name(name) or re.search(
        r"\b(?:military|police|army|ministry|government|command|coalition|spokes\w+)\b", low
    ) else "unattributed"


def _proper_name(name: str) -> bool:
    """True when a capitalised word other than a nationality or a title word is present."""
    for number, word in enumerate(re.findall(r"[A-Z][\w’'.-]*", name)):
        low = word.lower().rstrip(".")
        if number == 0 and name.startswith(word) and low in AGENT_WORDS:
            continue  # "Officials said": a capital at the start of a sentence names no one
        if low in NATIONALITIES or low.rstrip("s") in NATIONALITIES or low in (
                "u.s", "u.k", "us", "uk", "the", "a", "an", "two", "three", "several", "some"):
            continue
        return True
    return False


def hedge_of(sentence: str, speaker: Speaker, quoted_statement: bool) -> str:
    """The hedge of a claim in ``sentence``: preliminary, initial, confirmed or reported.

    Since 0.1.0.
    """
    low = lowered(sentence)
    if may_match(low, _PRELIMINARY_WORDS) and _PRELIMINARY.search(sentence):
        return "preliminary"
    if may_match(low, _INITIAL_WORDS) and _INITIAL.search(sentence):
        return "initial"
    if (may_match(low, _CONFIRM_WORDS) and _CONFIRM.search(sentence)) or (
            quoted_statement and speaker.kind == "official_on_record"):
        return "confirmed"
    return "reported"


def _clean(name: str) -> str:
    name = name.strip(" ,;:“”\"'‘’")
    name = re.sub(r"^(?:also|but|and|however|meanwhile|while|whereas)\s", "", name, flags=re.IGNORECASE)
    return " ".join(name.split())


def _np_before(text: str, toks: Sequence[Token], verb: int) -> tuple[str, int] | None:
    """The subject before the verb at token ``verb``: its text and start offset."""
    index = verb - 1
    while index >= 0 and toks[index].low in SPEAKER_SKIP_BACK:
        index -= 1
    apposition = None
    if index >= 0 and toks[index].low == ",":
        comma = index
        back = comma - 1
        while back >= 0 and comma - back <= 12 and toks[back].low != ",":
            back -= 1
        if back >= 0 and toks[back].low == "," and comma - back > 1:
            opener = toks[back + 1].text
            if opener.islower() and opener.endswith("ing") and verb + 1 < len(toks) and \
                    toks[verb + 1].text[:1].isupper():
                return None  # "..., using helicopter gunships, said X": a clause, the subject after
            apposition = text[toks[back + 1].start:toks[comma - 1].end]
            index = back - 1  # skip the apposition ", a spokesman for the coalition,"
        else:
            return None
    end = index
    steps = 0
    while index >= 0 and steps < 12:
        tok = toks[index]
        if tok.low in ("that", "who") and index + 1 <= end and toks[index + 1].low in PRONOUNS:
            end = index - 1  # "a U.S. official that it spoke with had denied": skip the relative clause
        elif tok.low in SPEAKER_BREAK or (tok.low == "that" and index) or (
                tok.low in SPEECH_VERBS and index != verb):
            break
        index -= 1
        steps += 1
    start = index + 1
    if start <= end and toks[start].low in ("which", "who", "whom"):
        start += 1  # "Kataib Hezbollah, which the U.S. blamed for ...": the relative clause's subject
    if start > end:
        return None
    if start == end and toks[start].low == "it" and start > 0 and toks[start - 1].low in (",", "”", '"'):
        return "it", toks[start].start  # "..., it said.": the body last named
    if toks[start].low in ("there", "no", "this", "it"):
        return None
    name = text[toks[start].start:toks[end].end]
    if apposition is not None and apposition[:1].isupper() and re.search(_TITLE_END, name):
        name = f"{apposition} ({name})"
    return name, toks[start].start


def _agentive(name: str) -> bool:
    words = re.findall(r"[\w’'-]+", name)
    if not words:
        return False
    if any(word[0].isupper() for word in words if word.lower() not in ("the", "a", "an")):
        return True
    return any(word.lower() in AGENT_WORDS for word in words)


def find_speakers(
    text: str, start: int, end: int, toks: Sequence[Token], previous: Speaker | None,
) -> list[SpeakerMention]:
    """Every speaker cue of the sentence ``text[start:end]``, by position (sentence-relative).

    Since 0.1.0.
    """
    sentence = text[start:end]
    low = sentence.lower()
    found: list[SpeakerMention] = []
    citing = "citing" in low
    despite_words = "despite" in low or "contra" in low
    for match in (_CITING.finditer(sentence) if citing else ()):
        name = _clean(f"{match['np']} (via {match['outlet']})")
        found.append(SpeakerMention(match.start(), Speaker(name, speaker_kind(name, sentence))))
    if not found:
        for match in (_ACCORDING.finditer(sentence) if "according" in low else ()):
            name = _clean(match["np"])
            if name.lower() in ("reports", "unconfirmed reports"):
                continue
            found.append(SpeakerMention(match.start(), Speaker(name, speaker_kind(name, sentence))))
        despite = [match.span() for match in _DESPITE.finditer(sentence)] if despite_words else []
        for index, tok in enumerate(toks):
            if tok.low not in SPEECH_VERBS or not _is_speech_use(toks, index):
                continue
            if any(low <= tok.start - start < high for low, high in despite):
                continue
            subject = _np_before(text, toks, index)
            if subject is None:
                subject = _np_after(text, toks, index)
            if subject is None:
                continue
            resolved = _resolve(_clean(subject[0]), previous)
            if resolved is None:
                continue
            if isinstance(resolved, Speaker):
                speaker = resolved
            else:
                outlet = _TOLD.match(text, tok.start, end) if tok.low == "told" else None
                if outlet is not None:
                    resolved = f"{resolved} (via {_clean(outlet['outlet']).removeprefix('the ')})"
                speaker = Speaker(resolved, speaker_kind(resolved, sentence))
            found.append(SpeakerMention(tok.start - start, speaker))
    for match in (_DESPITE.finditer(sentence) if despite_words else ()):
        word = match["np"]
        name = f"{word} officials" if word.lower() in NATIONALITIES else word
        found.append(SpeakerMention(match.start(), Speaker(name, "official_on_record")))
    if not found and ("report" in low or "said to" in low):
        for match in _UNNAMED.finditer(sentence):
            found.append(SpeakerMention(match.start(), Speaker("unnamed reports", "unattributed")))
            break
    found.sort(key=lambda mention: mention.position)
    return found


_PASSIVE_ADVERBS: Final = frozenset("not immediately yet also widely later never".split())


def _is_speech_use(toks: Sequence[Token], index: int) -> bool:
    """False for "are said to be", "claimed responsibility" and "reports" used as a noun."""
    previous = toks[index - 1].low if index > 0 else ""
    following = toks[index + 1].low if index + 1 < len(toks) else ""
    if following == "to" and previous in ("is", "are", "was", "were", "be", "been"):
        return False
    if toks[index].low in ("blamed", "accused", "confirmed", "reported", "identified", "claimed"):
        back = index - 1
        while back > 0 and toks[back].low in _PASSIVE_ADVERBS:
            back -= 1
        if back >= 0 and toks[back].low in ("been", "be", "being", "was", "were", "is", "are"):
            return False  # "have been blamed for", "were confirmed dead", "was not claimed": passive
    if toks[index].low in ("claimed", "claims") and following in ("responsibility", "the"):
        return False
    if toks[index].low == "claimed" and following == "by":
        return False  # "a roadside bombing claimed by X": a participle, the clause before no speaker
    return not (toks[index].low in ("reports", "claims") and previous in (
        "already", "are", "were", "of", "the", "there", "unconfirmed", "media", "several"))


def _np_after(text: str, toks: Sequence[Token], verb: int) -> tuple[str, int] | None:
    """ ", said Col. A" — an inverted subject right after the verb."""
    if verb == 0 or toks[verb - 1].low not in (",", "”", '"'):
        return None
    index = verb + 1
    first = index
    while index < len(toks) and index - first < 10 and toks[index].low not in (",", ".", ";", ":"):
        index += 1
    if index == first:
        return None
    return text[toks[first].start:toks[index - 1].end], toks[first].start


def _resolve(name: str, previous: Speaker | None) -> str | Speaker | None:
    if not name:
        return None
    if name.lower() in PRONOUNS or _ANAPHORIC.match(name):
        return previous
    if not _agentive(name):
        return None
    return name


def speaker_at(mentions: Sequence[SpeakerMention], position: int) -> Speaker | None:
    """The speaker of a claim at ``position``: the last cue before it, else the first after.

    Since 0.1.0.
    """
    before = [mention for mention in mentions if mention.position <= position]
    if before:
        return before[-1].speaker
    return mentions[0].speaker if mentions else None
