"""Opening a store by its name, as the command line does: for reading
without ever creating or changing it, and for appending without leaving a
new file behind when the append fails.

A name is ``None`` (a new in-memory store), a ``postgresql://`` or
``postgres://`` URL, a path ending in ``.jsonl`` or ``.ndjson`` (a JSON Lines
file) or any other path (a SQLite file).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final, TypeVar

from taji_events.atomic_files import fsync_directory
from taji_events.errors import StoreError
from taji_events.events import Event
from taji_events.jsonl import JsonlStore
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore, redact
from taji_events.sqlite import SQLiteStore
from taji_events.store import AppendResult, EventStore

__all__ = [
    "append_to_store",
    "is_url",
    "open_named_store",
    "open_store_for_reading",
    "write_creating",
]

_T = TypeVar("_T")

_URL_SCHEMES: Final = ("postgresql://", "postgres://")
_JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")


def is_url(name: str | os.PathLike[str]) -> bool:
    """True when ``name`` is a PostgreSQL URL rather than a file path. Since 0.3.0."""
    return isinstance(name, str) and name.startswith(_URL_SCHEMES)


def open_named_store(name: str | os.PathLike[str] | None, *,
                     read_only: bool = False) -> EventStore:
    """Open the store ``name`` names, creating a missing file (unless
    ``read_only``, which opens a SQLite file with ``read_only=True``).
    Raises :class:`~taji_events.errors.StoreError` naming the store. Since 0.3.0."""
    if name is None:
        return MemoryStore()
    if is_url(name):
        return PostgresStore(os.fspath(name))
    if Path(name).suffix.lower() in _JSONL_SUFFIXES:
        return JsonlStore(name)
    return SQLiteStore(name, read_only=read_only)


def open_store_for_reading(name: str | os.PathLike[str]) -> EventStore:
    """Open an existing store to read it: never creates a file, and opens a
    SQLite file read-only when this process cannot write it or its directory
    (a shared, read-only data set). Raises
    :class:`~taji_events.errors.StoreError` for a missing file, naming the
    command that creates one. Since 0.3.0."""
    if is_url(name):
        return open_named_store(name)
    path = Path(name)
    if not path.exists():
        shown = redact(os.fspath(path))
        raise StoreError(f"no store at {shown}; run `taji-events ingest FILE.jsonl... --db "
                         f"{shown}` first")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return open_named_store(path, read_only=not writable)


def append_to_store(name: str | os.PathLike[str], events: Iterable[Event]) -> AppendResult:
    """Append ``events`` as one batch to the store ``name`` names, creating it
    when missing. A new file appears only once the append succeeded (see
    :func:`write_creating`), so a failed append (an identity conflict, a disk
    error) leaves no empty store behind. Raises what
    :meth:`~taji_events.store.EventStore.append` raises. Since 0.3.0."""
    batch = list(events)
    return write_creating(name, lambda store: store.append(batch))


def write_creating(name: str | os.PathLike[str], write: Callable[[EventStore], _T]) -> _T:
    """``write(store)`` on the store ``name`` names, creating it when missing.

    A new file is written beside the target and linked into place only when
    ``write`` returned, so a failure leaves nothing behind; should another
    process create the store meanwhile, ``write`` runs again on that one (it
    must be safe to repeat: an append of the same events is). Raises what
    ``write`` raises, or :class:`~taji_events.errors.StoreError` when the file
    cannot be created. Since 0.3.0."""
    if is_url(name) or Path(name).exists():
        with open_named_store(name) as store:
            return write(store)
    path = Path(name)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new{path.suffix}")
    try:
        with open_named_store(temporary) as store:
            result = write(store)
        _checkpoint(temporary)
        try:
            os.link(temporary, path)
        except FileExistsError:
            with open_named_store(path) as store:
                return write(store)
        except OSError as error:
            raise StoreError(f"{path}: could not create the store: {error.strerror}; check "
                             "the directory") from error
        fsync_directory(path.parent)
        return result
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _checkpoint(path: Path) -> None:
    """Fold a SQLite file's write-ahead log into it, so the file alone is whole."""
    if Path(f"{path}-wal").exists():
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
