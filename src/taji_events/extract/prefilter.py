"""Cheap word tests that let a sentence skip an expression's scan.

An expression is scanned only when the sentence holds one of the words every match of it
contains; the tests in ``tests/test_extract_prefilters.py`` draw matches of each expression
and check that its words are there. The test runs on the lower-cased sentence, and only on
ASCII text, where lower-casing never turns one letter into another the expression would
read differently; other text is always scanned.
"""

from __future__ import annotations

import re

_OTHER_SPACE = re.compile(r"[^\S ]")  # white space other than the plain space


def spaced(text: str) -> str:
    """``text`` with every white space character as a plain space: an expression's ``\\s``
    matches a line break or a tab where its prefilter word has a space."""
    return _OTHER_SPACE.sub(" ", text) if _OTHER_SPACE.search(text) else text


def lowered(sentence: str) -> str:
    """``sentence`` in lower case, white space as plain spaces (:func:`spaced`), when it is
    ASCII; else ``""`` (no prefilter: scan it)."""
    return spaced(sentence.lower()) if sentence.isascii() else ""


def may_match(low: str, words: tuple[str, ...]) -> bool:
    """Whether an expression needing one of ``words`` may match the sentence ``low``
    (from :func:`lowered`): always when ``low`` is empty."""
    return not low or any(map(low.__contains__, words))
