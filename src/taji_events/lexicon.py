"""The one lexicon of vague quantities and number words.

Every count read from text goes through a :class:`Lexicon`, so the meaning of
"a dozen" or "several" is written down once, can be replaced, and is named in
each :class:`~taji_events.model.Count` it produced (``Count.lexicon``), which is
how a belief explains "which lexicon entry".

Default readings (``DEFAULT_LEXICON``):

================================  =============  ======  ======
phrase                            qualifier      low     high
================================  =============  ======  ======
"a dozen", "dozen"                about 12       10      14
"dozens"                          at_least 24    24      open
"several"                         about 3        3       9
"a few"                           about 3        2       5
"a couple"                        about 2        2       3
"a handful"                       about 4        2       6
"multiple", "many"                at_least 2     2       open
"scores"                          at_least 40    40      open
"hundreds"                        at_least 200   200     open
"no", "none", "zero"              none           0       0
"about/approximately/around N"    about N        N-10%   N+10%  (rounded outward, at least ±1)
"more than/over N"                more_than N    N+1     open
"at least N"                      at_least N     N       open
"up to/as many as N"              up_to N        0       N
"fewer than/less than N"          fewer_than N   0       N-1
================================  =============  ======  ======

Numbers may be digits ("15", "1,200"), parenthesised ("(25)"), words
("three", "twenty-one") or multiples of a dozen ("two dozen").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Final

import attrs

from taji_events.errors import InvalidCountError

__all__ = ["DEFAULT_LEXICON", "NUMBER_WORDS", "Lexicon", "VagueEntry", "about_interval"]

NUMBER_WORDS: Final[Mapping[str, int]] = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
     "a single": 1, "single": 1, "a": 1, "an": 1, "dozen": 12, "a dozen": 12}


@attrs.frozen
class VagueEntry:
    """What one vague phrase means: a qualifier, a stated figure and bounds."""

    qualifier: str
    stated: int
    low: int
    high: int | None


def about_interval(stated: int, margin: float = 0.1) -> tuple[int, int]:
    """Bounds of "about N": N ± margin, rounded outward, at least ±1 (never below 0).

    >>> about_interval(12), about_interval(15), about_interval(18)
    ((10, 14), (13, 17), (16, 20))

    Since 0.1.0.
    """
    # Round the products first: 100 * 1.1 is 110.00000000000001 in binary floating point.
    low = min(math.floor(round(stated * (1 - margin), 9)), stated - 1)
    high = max(math.ceil(round(stated * (1 + margin), 9)), stated + 1)
    return max(low, 0), high


_MODIFIERS: Final = (
    ("more than", "more_than"), ("over", "more_than"), ("upwards of", "more_than"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("a minimum of", "at_least"),
    ("about", "about"), ("approximately", "about"), ("around", "about"), ("roughly", "about"),
    ("some", "about"), ("nearly", "about"), ("almost", "about"), ("an estimated", "about"),
    ("up to", "up_to"), ("as many as", "up_to"), ("at most", "up_to"),
    ("fewer than", "fewer_than"), ("less than", "fewer_than"),
)
_TOKEN = re.compile(r"[a-z]+|\d[\d,]*")


@attrs.frozen
class Lexicon:
    """Replaceable table of vague quantities; :meth:`read` turns a phrase into counts.

    Build a variant with ``attrs.evolve(DEFAULT_LEXICON, vague={...})``.

    Since 0.1.0.
    """

    vague: Mapping[str, VagueEntry]
    numbers: Mapping[str, int] = NUMBER_WORDS
    about_margin: float = 0.1

    def read(self, phrase: str) -> tuple[str, int, int, int | None, str | None]:
        """Read ``phrase`` as ``(qualifier, stated, low, high, lexicon_entry)``.

        Raises :class:`InvalidCountError` when the phrase holds no quantity.

        >>> DEFAULT_LEXICON.read("more than two dozen")
        ('more_than', 24, 25, None, 'more than N')
        >>> DEFAULT_LEXICON.read("about a dozen")
        ('about', 12, 10, 14, 'a dozen')

        Since 0.1.0.
        """
        text = " ".join(phrase.lower().replace("(", " ").replace(")", " ").split())
        text = text.replace("-", " ")
        if len(text) > 120 or not text:
            raise InvalidCountError(f"count phrase {phrase!r} is empty or too long to be a count")
        if text in self.vague:
            entry = self.vague[text]
            return entry.qualifier, entry.stated, entry.low, entry.high, text
        modifier = None
        for words, qualifier in _MODIFIERS:
            if text.startswith(words + " "):
                modifier, text = (words, qualifier), text[len(words) + 1:]
                break
        vague_entry = self.vague.get(text)
        if vague_entry is not None:
            # "about a dozen" is just "a dozen"; "more than a dozen" bounds its figure.
            if modifier is None or modifier[1] == "about":
                entry = vague_entry
                return entry.qualifier, entry.stated, entry.low, entry.high, text
            base: tuple[int, str | None] | None = (vague_entry.stated, text)
        else:
            base = self._number(text)
        if base is None:
            raise InvalidCountError(
                f"count phrase {phrase!r} has no number or lexicon entry; write a number "
                "('15', 'fifteen') or add the phrase to the lexicon"
            )
        stated, entry_name = base
        if modifier is None:
            return "exact", stated, stated, stated, entry_name
        qualifier = modifier[1]
        name = f"{modifier[0].split()[0] if qualifier != 'about' else 'about'} N"
        name = {"more_than": "more than N", "at_least": "at least N", "about": "about N",
                "up_to": "up to N", "fewer_than": "fewer than N"}.get(qualifier, name)
        if qualifier == "more_than":
            return qualifier, stated, stated + 1, None, name
        if qualifier == "at_least":
            return qualifier, stated, stated, None, name
        if qualifier == "about":
            low, high = about_interval(stated, self.about_margin)
            return qualifier, stated, low, high, name
        if qualifier == "up_to":
            return qualifier, stated, 0, stated, name
        if stated == 0:
            raise InvalidCountError(f"count phrase {phrase!r}: 'fewer than 0' is impossible")
        return qualifier, stated, 0, stated - 1, name

    def _number(self, text: str) -> tuple[int, str | None] | None:
        """A number in digits or words, with an optional 'dozen' multiplier."""
        tokens = _TOKEN.findall(text)
        if not tokens:
            return None
        if len(tokens) == 1 and tokens[0][0].isdigit():
            return int(tokens[0].replace(",", "")), None
        if tokens[-1] == "dozen" and len(tokens) >= 2:
            head = " ".join(tokens[:-1])
            if head in ("a", "one"):
                return 12, "a dozen"
            multiplier = self._words(head)
            if multiplier is not None:
                return multiplier * 12, "number word"
            return None
        value = self._words(" ".join(tokens))
        if value is None:
            return None
        return value, "number word"

    def _words(self, text: str) -> int | None:
        if text.isdigit():
            return int(text)
        if text in self.numbers and text not in ("a", "an"):
            return self.numbers[text]
        parts = text.split()
        if len(parts) >= 2 and parts[1] == "hundred" and parts[0] in self.numbers:
            # "two hundred", "three hundred and twenty", "two hundred fifty"
            rest = " ".join(word for word in parts[2:] if word != "and")
            tail = self._words(rest) if rest else 0
            head = self.numbers[parts[0]]
            if tail is not None and 0 < head < 10 and tail < 100:
                return head * 100 + tail
            return None
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            tens, units = self.numbers[parts[0]], self.numbers[parts[1]]
            if tens % 10 == 0 and tens >= 20 and 0 < units < 10:
                return tens + units
        return None


DEFAULT_LEXICON: Final = Lexicon(
    vague={
        "a dozen": VagueEntry("about", 12, 10, 14),
        "dozen": VagueEntry("about", 12, 10, 14),
        "dozens": VagueEntry("at_least", 24, 24, None),
        "several": VagueEntry("about", 3, 3, 9),
        "a few": VagueEntry("about", 3, 2, 5),
        "a couple": VagueEntry("about", 2, 2, 3),
        "a couple of": VagueEntry("about", 2, 2, 3),
        "a handful": VagueEntry("about", 4, 2, 6),
        "a handful of": VagueEntry("about", 4, 2, 6),
        "multiple": VagueEntry("at_least", 2, 2, None),
        "many": VagueEntry("at_least", 2, 2, None),
        "scores": VagueEntry("at_least", 40, 40, None),
        "hundreds": VagueEntry("at_least", 200, 200, None),
        "no": VagueEntry("none", 0, 0, 0),
        "none": VagueEntry("none", 0, 0, 0),
        "zero": VagueEntry("none", 0, 0, 0),
        "more than a dozen": VagueEntry("more_than", 12, 13, None),
    }
)
