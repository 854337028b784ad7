"""What a value must be for every store to keep it, and for JSON to carry it.

A string must encode as UTF-8 (no lone surrogate, which Python strings allow
and files and databases do not) and a whole number must fit in a signed
64-bit integer (what SQLite and PostgreSQL keep and the JSON encoder writes).
The value classes check these at construction, so a value that cannot be
stored cannot exist. Pure functions, no I/O.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_WHOLE_NUMBER", "lone_surrogate"]

#: The largest whole number a value may hold: 2**63 - 1.
MAX_WHOLE_NUMBER: Final = 2**63 - 1


def lone_surrogate(value: str) -> int | None:
    """The position of the first lone surrogate in ``value``, None when none. Since 0.3.0."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None
