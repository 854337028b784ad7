"""Count phrases in a sentence's tokens, read through the core lexicon.

A count phrase is an optional modifier ("more than", "at least", "approximately")
followed by a number: digits ("15", "1,200"), a parenthesised figure ("(25)"),
number words ("three", "twenty-one", "two dozen") or a vague word of the
lexicon ("a dozen", "dozens", "several", "multiple", "no"). The phrase is read
with :meth:`taji_events.model.Count.read`, so the lexicon that turns "a dozen"
into 10..14 is the one documented in :mod:`taji_events.lexicon`.

Dates, clock times, years and measures ("107mm", "15-year-old") are never
counts, nor are ages ("a woman of about 30", "aged 17") or one person's "multiple
injuries". The scan looks at most a few tokens ahead of each position, so it is
linear in the sentence length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, NamedTuple

from taji_events.errors import InvalidCountError
from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    AGE_PERSONS,
    AGE_WORDS,
    INJURY_NOUNS,
    MEASURE_UNITS,
    MONTHS,
    NOT_AFTER_NUMBER,
    PROJECTILES,
    VAGUE_AFTER_A,
    VAGUE_SINGLE,
    YEAR_CONTEXT,
)
from taji_events.lexicon import Lexicon
from taji_events.model import Count

__all__ = ["CountMention", "CountReader", "find_counts"]

_MODIFIERS: Final = tuple(sorted(
    (tuple(words.split()) for words in (
        "more than", "over", "upwards of", "at least", "no fewer than", "no less than",
        "a minimum of", "about", "approximately", "around", "roughly", "some", "nearly", "almost",
        "an estimated", "up to", "as many as", "at most", "fewer than", "less than",
    )), key=len, reverse=True))
_BY_FIRST_WORD: Final = {first: tuple(words for words in _MODIFIERS if words[0] == first)
                          for first in {words[0] for words in _MODIFIERS}}
_STARTS: Final = VAGUE_SINGLE | {"(", "[", "a", "an", "another", "both", "his", "her"}
#: One kinsman after "and his (her)": "a man and his son", "a woman and her husband".
_KIN: Final = frozenset("son daughter wife husband brother sister".split())
#: "30-rocket", "20-plus": a count glued to its noun or to "plus".
_COMPOUND = re.compile(r"(?P<n>\d{1,4})(?:-(?P<plus>plus))?(?:-(?P<noun>[a-z]+))?")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")


_AGE_HEDGES: Final = frozenset("about around approximately roughly some nearly almost".split())
_CACHE_LIMIT: Final = 4096


class CountReader:
    """``Count.read`` with one lexicon, remembering the counts of phrases already read
    (counts are immutable, so one value serves every repeat of a phrase).

    Since 0.2.0.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._known: dict[str, Count | None] = {}

    def read(self, phrase: str) -> Count | None:
        """The count ``phrase`` states, or None when it states none."""
        if phrase in self._known:
            return self._known[phrase]
        try:
            count: Count | None = Count.read(phrase, lexicon=self.lexicon)
        except InvalidCountError:
            count = None
        if len(self._known) < _CACHE_LIMIT:
            self._known[phrase] = count
        return count


class CountMention(NamedTuple):
    """One count phrase: token indexes ``first..last`` (inclusive of the number)."""

    first: int
    last: int
    value: Count
    weak: bool  # "a"/"an": a figure of one only in a breakdown or next to a casualty verb
    none: bool  # a zero: "no", "none", "zero"


def find_counts(text: str, toks: Sequence[Token], lexicon: Lexicon,
                reader: CountReader | None = None) -> list[CountMention]:
    """Every count phrase among ``toks`` (tokens of ``text``), left to right; ``reader``
    (one per report) remembers phrases already read.

    Since 0.1.0.
    """
    reader = reader if reader is not None and reader.lexicon is lexicon else CountReader(lexicon)
    found: list[CountMention] = []
    index = 0
    total = len(toks)
    while index < total:
        low = toks[index].low
        if not (low[:1].isdigit() or low in _BY_FIRST_WORD or low in _STARTS or low in lexicon.numbers
                or "-" in low):
            index += 1
            continue
        mention = _count_at(text, toks, index, reader)
        if mention is None:
            index += 1
            continue
        found.append(mention)
        index = mention.last + 1
    return found


def _modifier_end(toks: Sequence[Token], index: int) -> int:
    for words in _BY_FIRST_WORD.get(toks[index].low, ()):
        end = index + len(words)
        if end <= len(toks) and all(toks[index + k].low == word for k, word in enumerate(words)):
            return end
    return index


def _compound(toks: Sequence[Token], index: int) -> CountMention | None:
    """ "a 30-rocket barrage" (the noun is the head, see counts), "a 20-plus rocket attack"."""
    match = _COMPOUND.fullmatch(toks[index].low)
    if match is None or not (match["plus"] or match["noun"] in PROJECTILES):
        return None
    number = int(match["n"])
    if match["plus"]:
        count = Count(low=number, high=None, qualifier="at_least", stated=number, text=toks[index].text)
    else:
        count = Count.exact(number, text=toks[index].text)
    return CountMention(index, index, count, False, False)


def _count_at(text: str, toks: Sequence[Token], index: int, reader: CountReader) -> CountMention | None:
    lexicon = reader.lexicon
    if "-" in toks[index].low and toks[index].low[:1].isdigit():
        return _compound(toks, index)
    start = _modifier_end(toks, index)
    number = _number_end(toks, start, lexicon)
    if number is None:
        return None
    last, weak = number
    if _is_date_or_measure(toks, start, last) or _is_age(toks, index) or _injuries_of_one(toks, last) \
            or _vague_share(toks, last) or _range_end(toks, index, reader.lexicon):
        return None
    phrase = text[toks[index].start:toks[last].end]
    if toks[last].low == "both":  # "Both rockets landed": two of what the noun names
        both = Count.exact(2, text=phrase)
        return CountMention(index, last, both, False, False) if start == index else None
    if weak:
        if start != index:
            return None
        one = Count(low=1, high=1, qualifier="exact", stated=1, text=phrase)
        return CountMention(index, last, one, True, False)
    if toks[last].low in _DOZEN_VAGUE and last + 1 < len(toks) and toks[last + 1].low == "dozen":
        return _vague_dozens(text, toks, index, start, last + 1, reader)
    read = reader.read(phrase)
    if read is None:
        return None
    if read.qualifier == "exact" and last + 2 < len(toks) and toks[last + 1].low == "or" and \
            _range_end(toks, last + 2, lexicon):
        # "three or four rockets", "one or two soldiers": about the range, its two ends
        top_word = toks[last + 2].low
        top = int(top_word.replace(",", "")) if _DIGITS.fullmatch(top_word) else \
            _word_value(top_word, lexicon)
        if top is not None and top > read.low:
            read = Count(low=read.low, high=top, qualifier="about", stated=read.low, text=read.text,
                         lexicon=read.lexicon)
        else:
            read = Count(low=read.low, high=None, qualifier="at_least", stated=read.low, text=read.text,
                         lexicon=read.lexicon)
    return CountMention(index, last, read, False, read.qualifier == "none")


#: "several dozen", "a few dozen": a vague number of dozens reads as "dozens".
_DOZEN_VAGUE: Final = frozenset("several few couple".split())


def _vague_dozens(text: str, toks: Sequence[Token], index: int, start: int, last: int,
                  reader: CountReader) -> CountMention | None:
    """ "several dozen injured", "at least a few dozen": read as "dozens" with the modifier
    (devset/real/GUIDELINE.md, section 6: "dozens" is at least 24), never as "several"."""
    modifier = text[toks[index].start:toks[start].start] if start > index else ""
    read = reader.read(modifier + "dozens")
    if read is None:
        return None
    value = Count(low=read.low, high=read.high, qualifier=read.qualifier, stated=read.stated,
                  text=text[toks[index].start:toks[last].end], lexicon=read.lexicon)
    return CountMention(index, last, value, False, False)


def _number_end(toks: Sequence[Token], index: int, lexicon: Lexicon) -> tuple[int, bool] | None:
    """Index of the number's last token and whether it is a weak "a"/"an"."""
    if index >= len(toks):
        return None
    low = toks[index].low
    if low == "one" and index > 0 and toks[index - 1].low == "no":
        return None  # "no one got injured": the zero's words, not a count of one
    nxt = toks[index + 1].low if index + 1 < len(toks) else ""
    if low in ("(", "[") and _DIGITS.fullmatch(nxt) and index + 2 < len(toks) and \
            toks[index + 2].low == {"(": ")", "[": "]"}[low]:
        return index + 2, False
    if _DIGITS.fullmatch(low):
        return index, False
    if low in ("his", "her") and index > 0 and toks[index - 1].low == "and" and nxt in _KIN:
        return index, True  # "killed a man and his son": one more, as "a" is one
    if low in ("a", "an"):
        if nxt in VAGUE_AFTER_A or nxt == "hundred":
            return index + 1, False
        return index, True
    if low == "another":  # "another soldier was wounded"; "another 20 rockets" is read at "20"
        return None if not nxt or nxt[:1].isdigit() or nxt in lexicon.numbers or nxt in _STARTS else (
            index, True)
    if low == "both":
        return None if nxt in ("the", "of", "sides", "and", "these", "those", "his", "her", "their") else (
            index, False)
    if low in VAGUE_SINGLE:
        return index, False
    value = _word_value(low, lexicon)
    if value is None:
        return None
    if nxt == "dozen":
        return index + 1, False
    if value % 10 == 0 and 20 <= value <= 90 and _word_value(nxt, lexicon) in range(1, 10):
        return index + 1, False
    return index, False


def _is_age(toks: Sequence[Token], index: int) -> bool:
    """ "a woman of about 30", "a boy of 17", "aged 40": an age, not a count."""
    before = index - 1
    while before >= 0 and toks[before].low in _AGE_HEDGES:
        before -= 1  # "of about 30" is read at "about" and again at "30"
    previous = toks[before].low if before >= 0 else ""
    if previous in AGE_WORDS:
        return True
    return previous == "of" and before > 0 and toks[before - 1].low in AGE_PERSONS


_SHARE_OF: Final = frozenset("the those these them their its".split())
_VAGUE_SHARES: Final = VAGUE_SINGLE - {"no", "none", "zero"}


def _vague_share(toks: Sequence[Token], last: int) -> bool:
    """ "many of the people killed", "several of them": a vague share of a group already
    counted gives no figure of its own (devset/real/GUIDELINE.md, section 6)."""
    return toks[last].low in _VAGUE_SHARES and last + 2 < len(toks) and toks[last + 1].low == "of" \
        and toks[last + 2].low in _SHARE_OF


def _range_end(toks: Sequence[Token], index: int, lexicon: Lexicon) -> bool:
    """ "three or four projectiles": the upper end of a range is not a count of its own (the
    range is read at its lower end, see :mod:`taji_events.extract.counts`)."""
    if index < 2 or toks[index - 1].low != "or":
        return False
    low = toks[index - 2].low
    return bool(_DIGITS.fullmatch(low)) or _word_value(low, lexicon) is not None


def _injuries_of_one(toks: Sequence[Token], last: int) -> bool:
    """ "suffered multiple injuries", "multiple shrapnel wounds": one person's injuries."""
    if toks[last].low != "multiple":
        return False
    return any(toks[k].low in INJURY_NOUNS for k in range(last + 1, min(last + 3, len(toks))))


def _word_value(word: str, lexicon: Lexicon) -> int | None:
    if word in ("a", "an", "single", "a single", "dozen", "a dozen"):
        return None
    parts = word.split("-")
    if len(parts) == 2 and all(part in lexicon.numbers for part in parts):
        tens, units = lexicon.numbers[parts[0]], lexicon.numbers[parts[1]]
        return tens + units if tens % 10 == 0 and tens >= 20 and 0 < units < 10 else None
    return lexicon.numbers.get(word)


def _is_date_or_measure(toks: Sequence[Token], first: int, last: int) -> bool:
    word = toks[first].low
    if word in ("(", "["):
        word = toks[first + 1].low
    if not word[:1].isdigit():
        return False
    previous = toks[first - 1].low.rstrip(".") if first > 0 else ""
    if previous == "" and first > 1:  # "Mar. 11": the stop after the abbreviation
        previous = toks[first - 2].low
    if previous in ("-", "–"):
        return True
    following = toks[last + 1].low if last + 1 < len(toks) else ""
    if previous in MONTHS or following.rstrip(".") in MONTHS or following in NOT_AFTER_NUMBER:
        return True
    if following in MEASURE_UNITS or (following in ("-", "–") and last + 2 < len(toks)
                                      and toks[last + 2].low in MEASURE_UNITS):
        return True  # a calibre or a distance: "107 mm", "122 - mm"
    if following in ("-", "–") or following.startswith(("-", "–")):
        return True  # "15-mile", "K-1" style compounds and ranges
    value = int(word.replace(",", ""))
    return len(word) == 4 and 1900 <= value <= 2099 and (previous in YEAR_CONTEXT or first == 0
                                                           or following in (",", ".", ")"))
