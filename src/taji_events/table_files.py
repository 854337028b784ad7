"""Writing tables of typed rows to files: CSV, JSON Lines and Parquet, each whole or not at all.

A *table* here is a sequence of dicts that all have the keys of a column
schema, in order, and values of the column's type (``str``, ``int``, ``bool``,
an aware ``datetime``, or ``None``). The exports (:mod:`taji_events.exports`)
and the claims table (:mod:`taji_events.claims_table`) write through these
functions, so a table reads the same in every format:

* CSV: UTF-8, a header, ``\\n`` line ends, ``None`` as an empty cell,
  datetimes as UTC ``YYYY-MM-DDTHH:MM:SSZ``, booleans as ``true``/``false``.
* JSON Lines: one object per line, keys in column order, ``None`` as
  ``null``, datetimes as the same UTC text.
* Parquet (the optional ``parquet`` extra, ``pyarrow``): nullable 64-bit
  integers, UTC timestamps (microseconds), booleans and strings.

A path is replaced atomically: the table goes to a temporary file beside it,
which is moved into place once complete; after any error the old file is
untouched and no temporary file is left.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Final

import orjson

from taji_events.atomic_files import atomic_write as atomic_replace
from taji_events.errors import InvalidQueryError, MissingDependencyError, StoreError
from taji_events.timepoint import format_utc

__all__ = [
    "COLUMN_TYPES",
    "FORMATS",
    "Destination",
    "atomic_write",
    "check_rows",
    "write_table",
]

#: The types a column may have.
COLUMN_TYPES: Final = ("string", "int", "bool", "timestamp")

#: The table formats, in the order they are offered.
FORMATS: Final = ("csv", "jsonl", "parquet")

Destination = str | os.PathLike[str] | IO[str]


def check_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, hint: str) -> None:
    """Raise :class:`InvalidQueryError` for a row whose keys are not ``columns``."""
    wanted = set(columns)
    for number, row in enumerate(rows):
        if set(row) != wanted:
            missing = sorted(wanted - set(row))
            extra = sorted(set(row) - wanted)
            raise InvalidQueryError(
                f"row {number} does not fit the columns: missing {missing}, unexpected {extra}; "
                f"{hint}")


def _replace(path: Path, write: Callable[[IO[Any]], None], *, binary: bool) -> None:
    try:
        with atomic_replace(path) as stream:
            if binary:
                write(stream)
            else:
                text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
                write(text)
                text.flush()
                text.detach()  # the atomic writer closes the file itself
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}; check that the "
                         "directory exists and is writable") from None

def atomic_write(destination: Destination, write: Callable[[IO[str]], None]) -> None:
    """Call ``write`` with ``destination`` when it is a text stream; with a path,
    write a temporary file beside it and move it into place (whole or untouched).
    Raises :class:`StoreError` when the file cannot be written."""
    if not isinstance(destination, str | os.PathLike):
        write(destination)
        return
    _replace(Path(destination), write, binary=False)


def _text(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _json(value: Any) -> Any:
    return format_utc(value) if isinstance(value, datetime) else value


def _write_csv(rows: Sequence[Mapping[str, Any]], destination: Destination,
               columns: Sequence[str]) -> None:
    def write(stream: IO[str]) -> None:
        writer = csv.DictWriter(stream, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: _text(row[key]) for key in columns} for row in rows)

    atomic_write(destination, write)


def _write_jsonl(rows: Sequence[Mapping[str, Any]], destination: Destination,
                 columns: Sequence[str]) -> None:
    lines = [orjson.dumps({key: _json(row[key]) for key in columns}).decode() + "\n"
             for row in rows]

    def write(stream: IO[str]) -> None:
        stream.writelines(lines)

    atomic_write(destination, write)


def _write_parquet(rows: Sequence[Mapping[str, Any]], destination: Destination,
                   schema: Mapping[str, str]) -> None:
    # pyarrow is the optional ``parquet`` extra: imported only when a Parquet file
    # is asked for, so that the library works without it.
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError(
            "writing Parquet needs pyarrow, which is not installed; install the extra: "
            "pip install 'taji_events[parquet]' (or choose csv or jsonl)") from None
    kinds = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(),
             "timestamp": pa.timestamp("us", tz="UTC")}
    arrow_schema = pa.schema([(name, kinds[kind]) for name, kind in schema.items()])
    table = pa.Table.from_pylist([dict(row) for row in rows], schema=arrow_schema)
    if not isinstance(destination, str | os.PathLike):
        raise InvalidQueryError("Parquet is a binary format: give a file path to write it to "
                                "(on the command line: --out FILE.parquet)")
    _replace(Path(destination), lambda stream: pq.write_table(table, stream), binary=True)


def write_table(rows: Sequence[Mapping[str, Any]], destination: Destination, *,
                schema: Mapping[str, str], format: str) -> None:
    """Write ``rows`` (each with the keys of ``schema``, in order) as ``format``:
    ``csv``, ``jsonl`` or ``parquet`` (a path only). See the module docstring.

    Raises :class:`InvalidQueryError` for an unknown format or a row with other
    keys, :class:`MissingDependencyError` for Parquet without pyarrow, and
    :class:`StoreError` when the file cannot be written.
    """
    if format not in FORMATS:
        raise InvalidQueryError(f"unknown table format {format!r}; choose one of "
                                f"{', '.join(FORMATS)}")
    columns = list(schema)
    check_rows(rows, columns, hint="write rows made for this table")
    if format == "csv":
        _write_csv(rows, destination, columns)
    elif format == "jsonl":
        _write_jsonl(rows, destination, columns)
    else:
        _write_parquet(rows, destination, schema)
