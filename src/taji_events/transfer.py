"""Moving whole logs: between two stores, and through JSON Lines files.

:func:`copy_store` copies between any two stores; :func:`export_jsonl` and
:func:`import_jsonl` go through a file or stream of interchange lines
(:mod:`taji_events.line_format`). Copies keep ``seq``, ``recorded_at``,
batches and hashes, so export → import → export gives the same bytes, and a
copy verifies like its original. The chain itself is :mod:`taji_events.chain`;
the checks of imported records are the store's
(:meth:`~taji_events.store.EventStore.import_records`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from typing import IO

from taji_events.atomic_files import atomic_write, fsync_directory
from taji_events.chain import IntegrityReport, StoredRecord
from taji_events.errors import IntegrityError, StoreError
from taji_events.line_format import encode_line, iter_lines
from taji_events.store import EventStore, checked_record

__all__ = [
    "IntegrityReport",
    "copy_store",
    "export_jsonl",
    "fsync_directory",
    "import_jsonl",
]


def copy_store(source: EventStore, target: EventStore) -> int:
    """Copy every event of ``source`` that ``target`` lacks, keeping ``seq``,
    ``recorded_at``, batches and hashes; return how many were copied.

    ``target`` must be empty or hold a copy of the start of ``source`` (then
    only the rest is copied, so copying again brings a mirror up to date).
    Raises :class:`~taji_events.errors.IntegrityError` when ``target`` holds
    something else or a source record fails its chain check; nothing is written
    then. Since 0.1.0.
    """
    held = target.last_seq()
    if held:
        mine = next(target.records(after_seq=held - 1), None)
        theirs = next(source.records(after_seq=held - 1), None)
        if mine is None or theirs is None or mine.hash != theirs.hash:
            raise IntegrityError(
                f"cannot copy {source!r} into {target!r}: the target holds {held} events "
                "that are not the start of the source's log; copy into an empty store"
            )
    return target.import_records(source.records(after_seq=held))


def export_jsonl(source: EventStore, destination: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write every event of ``source`` as interchange lines to a file path
    (replaced atomically: the file is whole or untouched) or a binary stream;
    return how many. The file is a :class:`~taji_events.jsonl.JsonlStore` file.

    Raises :class:`~taji_events.errors.IntegrityError` naming the first record
    that fails its chain check (a path is then left as it was), or
    :class:`~taji_events.errors.StoreError` when the file cannot be written.
    Since 0.1.0.
    """
    def lines() -> Iterator[bytes]:
        previous: StoredRecord | None = None
        for record in source.records():
            problem, _ = checked_record(record, previous)
            if problem is not None:
                raise IntegrityError(f"cannot export {source!r}: seq {record.seq}: {problem}; "
                                     "run verify() and repair the store first")
            previous = record
            yield encode_line(record)

    if not isinstance(destination, str | os.PathLike):
        count = 0
        for line in lines():
            destination.write(line)
            count += 1
        return count
    try:
        with atomic_write(destination) as stream:
            count = export_jsonl(source, stream)
    except OSError as error:
        raise StoreError(f"cannot export to {os.fspath(destination)}: {error}; check the "
                         "directory") from error
    return count


def import_jsonl(source: str | os.PathLike[str] | IO[bytes], target: EventStore) -> int:
    """Append a whole exported log (a file path or binary stream of interchange
    lines) to ``target``, keeping ``seq``, ``recorded_at``, batches and hashes;
    return how many events. All or nothing.

    ``target`` must be empty, or hold exactly the first events of that log (then
    the lines up to its last seq are skipped after checking they match). Raises
    :class:`~taji_events.errors.StoreError` naming the file and line of a bad
    line, and :class:`~taji_events.errors.IntegrityError` when the lines do not
    continue the target's chain; nothing is written then. Since 0.1.0.
    """
    if isinstance(source, str | os.PathLike):
        try:
            stream: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise StoreError(f"cannot import {source}: {error}; pass an exported .jsonl "
                             "file") from error
        name = os.fspath(source)
    else:
        stream, name = source, getattr(source, "name", "<stream>")
    with contextlib.ExitStack() as cleanup:
        if stream is not source:
            cleanup.enter_context(stream)
        held = target.last_seq()
        head = next(target.records(after_seq=held - 1), None) if held else None
        records = iter_lines(stream, name=str(name))
        skipped: StoredRecord | None = None
        for record in records:
            if head is None or record.seq > head.seq:
                return target.import_records(itertools.chain([record], records))
            skipped = record
            if record.seq == head.seq and record.hash != head.hash:
                raise IntegrityError(f"cannot import {name} into {target!r}: its seq "
                                     f"{record.seq} differs from the target's; import into an "
                                     "empty store")
        if skipped is not None:
            # A log that stops before the target's head must still be its beginning:
            # hashes are chained, so comparing the last one compares them all.
            mine = next(target.records(after_seq=skipped.seq - 1), None)
            if mine is None or mine.hash != skipped.hash:
                raise IntegrityError(f"cannot import {name} into {target!r}: its seq "
                                     f"{skipped.seq} differs from the target's, so it is not "
                                     "the beginning of the same log; import into an empty store")
        return 0
