
"""Paragraphs, sentences and word tokens of raw report text, with character offsets.

Everything here runs in time linear in the text: paragraphs are lines, sentence
boundaries come from one simple regular expression plus a look at the word
before the stop, and no sentence is longer than :data:`MAX_SENTENCE_CHARS`
(longer runs are cut at a space), so the per-sentence stages downstream work
on bounded input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, NamedTuple

from taji_events.extract.words import ABBREVIATIONS, SENTENCE_STARTERS

__all__ = [
    "MAX_SENTENCE_CHARS",
    "Sentence",
    "Token",
    "is_headline",
    "paragraphs",
    "sentences",
    "tokens",
]

#: Longest sentence handed to the per-sentence stages; longer runs are cut.
MAX_SENTENCE_CHARS: Final = 1200

_LINE = re.compile(r"[^\n]+")
#: A stop and the space after it; or a full stop with the space lost, as some stored copies
#: print one ("... the province.Security sources said"): after a lower-case word, before a
#: capitalised word that a space or a comma follows (not a web address, "www.Example.com").
_STOP = re.compile(r"[.!?]+[\"”’')\]]*\s+|\.(?<=[a-z]{3}\.)(?=[A-Z][a-z]{2,}[\s,;:])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,11})$")
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,4}(?:-[^\W\d_]+)?"        # U.S., U.K., a.m., U.S.-led
    r"|\d{4}-\d{2}(?:-\d{2})?"                   # ISO dates
    r"|\d{1,2}:\d{2}"                            # clock times
    r"|\d+(?:,\d{3})*(?:\.\d+)?(?:-?[^\W\d_]+)?"  # numbers, with a unit glued on (107mm)
    r"|[^\W\d_]+(?:[-’'][^\W\d_]+){0,4}"         # words, hyphenated or with apostrophes
    r"|\S"
)

#: Words that start a new sentence after a dotted abbreviation ("... the U.S. The next").


class Token(NamedTuple):
    """One word, number or punctuation mark: offsets into the full text."""

    start: int
    end: int
    text: str
    low: str  # lower case, curly apostrophes made straight


class Sentence(NamedTuple):
    """A sentence as a span of the full text, with its paragraph's number and end."""

    start: int
    end: int
    paragraph: int
    headline: bool
    paragraph_end: int


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``.

    Since 0.1.0.
    """
    lowered = text[start:end].lower()
    if len(lowered) != end - start:  # a letter whose lower case is longer: lower each word
        return [Token(match.start(), match.end(), match.group(), match.group().lower().replace("’", "'"))
                for match in _TOKEN.finditer(text, start, end)]
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    new = tuple.__new__  # the tuple itself: no call through the generated __new__
    found: list[Token] = []
    append = found.append
    for match in _TOKEN.finditer(text, start, end):
        first, last = match.span()
        append(new(Token, (first, last, text[first:last], lowered[first - start:last - start])))
    return found


_TITLE_CHARS: Final = 150
_TEASER_CHARS: Final = 200  # a teaser line under the title, among the first paragraphs
_TEASER_PARAGRAPHS: Final = 3
_DATE_LINE = re.compile(r"\Adate\s\d{4}-\d{2}-\d{2}\s+")


def is_headline(line: str, near_top: bool = False) -> bool:
    """True for a title-like line: no closing punctuation, and short (150 characters, or 200
    for a teaser line ``near_top``, among the first paragraphs) or mostly capitalised. A
    body paragraph cut off further down keeps the shorter limit.

    >>> is_headline("Three killed in attack on base"), is_headline("Three were killed.")
    (True, False)
    >>> is_headline(" date 2024-08-11 5 killed in drone strike")
    True

    Since 0.1.0.
    """
    stripped = _DATE_LINE.sub("", line.strip())  # a stored copy's " date 2024-08-11 <title>"
    if not stripped or len(stripped) > 200 or stripped[-1] in ".!?\"”’:;,":
        return False
    if len(stripped) <= (_TEASER_CHARS if near_top else _TITLE_CHARS):
        return True  # titles, teaser lines, captions and bylines carry no closing punctuation
    words = re.findall(r"[^\W\d_]{4,}", stripped)
    if not words:
        return True
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised / len(words) >= 0.6


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Sentence]:
    """Split ``text[start:end]`` into sentences; each line is a paragraph.

    Since 0.1.0.
    """
    stop = len(text) if end is None else end
    for number, (para_start, para_end) in enumerate(paragraphs(text, start, stop)):
        headline = is_headline(text[para_start:para_end], number < _TEASER_PARAGRAPHS)
        for piece_start, piece_end in _split_line(text, para_start, para_end):
            yield Sentence(piece_start, piece_end, number, headline, para_end)


def paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Paragraph spans: lines, with hard-wrapped lines joined again.

    A line continues the previous one when it follows it directly (no blank line),
    the previous line has no closing punctuation, and either this line starts in
    lower case or the previous line is long (wrapped text, not a title).

    Since 0.1.0.
    """
    stop = len(text) if end is None else end
    current: tuple[int, int] | None = None
    last_line = (0, 0)
    blank = True
    for line in _LINE.finditer(text, start, stop):
        line_start, line_end = line.span()
        if current is not None and text.count("\n", last_line[1], line_start) >= 2:
            blank = True  # an empty line between: a new paragraph
        while line_start < line_end and text[line_start].isspace():
            line_start += 1
        while line_end > line_start and text[line_end - 1].isspace():
            line_end -= 1
        if line_start >= line_end:
            blank = True
            continue
        if current is not None and not blank and _continues(text, last_line, line_start) and \
                current[1] - current[0] < 4 * MAX_SENTENCE_CHARS:
            current = (current[0], line_end)
        else:
            if current is not None:
                yield current
            current = (line_start, line_end)
        last_line = (line_start, line_end)
        blank = False
    if current is not None:
        yield current


def _continues(text: str, previous: tuple[int, int], line_start: int) -> bool:
    """Whether the line at ``line_start`` wraps on from the line ``previous``."""
    if text[previous[1] - 1] in ".!?\"”’:;":
        return False
    return text[line_start].islower() or previous[1] - previous[0] >= 60


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    begin = start
    for match in _STOP.finditer(text, start, end):
        after = match.end()
        if after >= end or not _opens_sentence(text[after]):
            continue
        if not _is_boundary(text, match.start(), after):
            continue
        stop = match.end()
        while stop > begin and text[stop - 1].isspace():
            stop -= 1
        yield from _capped(text, begin, stop)
        begin = after
    if begin < end:
        yield from _capped(text, begin, end)


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "\"“‘'(["


def _is_boundary(text: str, stop: int, after: int) -> bool:
    if text[stop] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    if before is None:
        return True
    word = before.group(1)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Myles B. Caggins"
    if "." in word:  # a dotted abbreviation such as U.S. or p.m. may end a sentence
        next_word = re.match(r"[A-Za-z]+", text[after:after + 20])
        return next_word is not None and next_word.group() in SENTENCE_STARTERS
    return word.lower() not in ABBREVIATIONS


def _capped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS - 200, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end
