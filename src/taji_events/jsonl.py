"""An :class:`~taji_events.store.EventStore` in one append-only JSON Lines file.

Each line is one event: the envelope of the seeds (``type``, ``version``,
``data``) after ``seq``, ``batch_end`` (the seq of the last event of its batch),
``recorded_at`` and the chained ``hash`` — the interchange line of
:mod:`taji_events.transfer`. Lines are only ever added, so under version
control a commit shows new events as added lines and nothing else; and
:func:`~taji_events.transfer.export_jsonl` of any store writes this same file.

Appends hold an exclusive ``fcntl.flock`` on the file, re-read what other
processes appended, write the whole batch with one ``write`` and ``fsync`` it
before returning; readers hold a shared lock only while they read the new
bytes (parsing them after letting go), so they never see half a batch and
never keep a writer waiting while they parse.
A batch cut off by a crash (a torn last line, or whole lines of a batch whose
``batch_end`` was never reached) is found under the lock and reported with
:class:`TornWriteError`; ``repair=True`` cuts it off, keeping the bytes in a
side file. POSIX only (``fcntl``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from taji_events.atomic_files import atomic_write, fsync_directory
from taji_events.errors import StoreError, TajiEventsError, TornWriteError, TornWriteWarning
from taji_events.line_format import decode_line, encode_canonical_line
from taji_events.memory import IndexRecorder, LogIndex
from taji_events.recorder import (
    Clock,
    PreparedEvent,
    StoredColumns,
    Written,
    prepare_stored,
    system_clock,
)
from taji_events.store import (
    EventStore,
    StoredRecord,
)

__all__ = ["JsonlStore", "TornWriteError", "TornWriteWarning"]


class _Replaced(Exception):
    """The path now names another file (e.g. a git checkout rewrote it)."""


class _NeedsRepair(Exception):
    """A torn tail was found under a shared lock, and the store may repair it."""


_Entry = tuple[StoredRecord, PreparedEvent | TajiEventsError]


class _JsonlRecorder(IndexRecorder):
    """The file, its lock and the index of what it holds."""

    def __init__(self, path: str, *, repair: bool, lock_timeout: float) -> None:
        super().__init__()
        self._path = path
        self._repair = repair
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()  # flock is per open file, not per thread
        self._closed = True
        self._descriptor, self._writable = self._open_file()
        self._closed = False
        self._reset()
        try:
            with self.locked(exclusive=False):
                pass
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"JsonlStore({self._path!r})"

    def check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self!r} is closed; open the file again with JsonlStore(path)")

    # -- the file ----------------------------------------------------------------------------
    def _open_file(self) -> tuple[int, bool]:
        created = not os.path.exists(self._path)
        flags = os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
        try:
            try:
                descriptor, writable = os.open(self._path, os.O_RDWR | flags, 0o644), True
            except PermissionError:
                descriptor, writable = os.open(self._path, os.O_RDONLY | os.O_CLOEXEC), False
            if created:
                fsync_directory(Path(self._path).parent)
        except OSError as error:
            hint = {IsADirectoryError: "pass a file path, not a directory",
                    FileNotFoundError: "create the directory first",
                    PermissionError: "check the file's permissions"}.get(type(error), "see above")
            raise StoreError(f"{self._path}: could not open: {error.strerror}; {hint}") from error
        return descriptor, writable

    def _reset(self) -> None:
        self._index = LogIndex()
        self._size = 0  # bytes indexed so far; always the end of a whole batch
        self._lines = 0
        self._seal = b""  # the last bytes indexed: if they change, the file was rewritten

    @contextlib.contextmanager
    def locked(self, *, exclusive: bool) -> Iterator[LogIndex]:
        """The index brought up to date with the file, under the exclusive lock
        for the whole block, or (``exclusive=False``) after holding the shared
        lock only to read the bytes other processes appended."""
        self.check_open()
        with self._mutex:
            while True:
                self._flock(exclusive)
                held = True
                try:
                    data = self._new_bytes()
                    if not exclusive:
                        # What was read under the shared lock is whole batches (or a
                        # crash's torn tail): parse it without keeping writers waiting.
                        fcntl.flock(self._descriptor, fcntl.LOCK_UN)
                        held = False
                    if data:
                        self._index_bytes(data, exclusive)
                except _Replaced:
                    if held:
                        fcntl.flock(self._descriptor, fcntl.LOCK_UN)
                    os.close(self._descriptor)
                    self._closed = True  # until the new file is open
                    self._descriptor, self._writable = self._open_file()
                    self._closed = False
                    self._reset()
                    continue
                except _NeedsRepair:
                    if held:
                        fcntl.flock(self._descriptor, fcntl.LOCK_UN)
                    exclusive = True
                    continue
                except BaseException:
                    if held:
                        fcntl.flock(self._descriptor, fcntl.LOCK_UN)
                    raise
                break
            try:
                yield self._index
            finally:
                if held:
                    fcntl.flock(self._descriptor, fcntl.LOCK_UN)

    def _flock(self, exclusive: bool) -> None:
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline, pause = time.monotonic() + self._lock_timeout, 0.0005
        while True:
            try:
                fcntl.flock(self._descriptor, mode)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self._path}: another process held the file lock for "
                        f"{self._lock_timeout}s; retry, or raise lock_timeout") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.01)

    def _new_bytes(self) -> bytes:
        """The bytes other processes appended since the index was brought up to
        date (under the lock)."""
        try:
            if os.stat(self._path).st_ino != os.fstat(self._descriptor).st_ino:
                raise _Replaced
        except FileNotFoundError:
            raise StoreError(f"{self._path} was removed while open; restore it, or open "
                             "a new store") from None
        size = os.fstat(self._descriptor).st_size
        if size < self._size or self._seal != os.pread(
                self._descriptor, len(self._seal), self._size - len(self._seal)):
            self._reset()  # rewritten in place (a repair only ever cuts unindexed bytes)
        if size == self._size:
            return b""
        return os.pread(self._descriptor, size - self._size, self._size)

    def _index_bytes(self, data: bytes, exclusive: bool) -> None:
        """Index the whole batches of ``data``; handle an unfinished tail."""
        entries, whole, tail_start, lines = self._parse(data)
        for entry in entries:
            self._index.add(*entry)
        self._advance(data[:whole], lines)
        if tail_start < len(data):
            self._torn(data[tail_start:], exclusive)

    def _parse(self, data: bytes) -> tuple[list[_Entry], int, int, int]:
        """The entries of the whole batches in ``data``, how many bytes and lines
        they take, and where the unfinished tail (if any) starts."""
        entries: list[_Entry] = []
        batch: list[_Entry] = []
        whole = position = lines = batch_lines = 0
        while position < len(data):
            end = data.find(b"\n", position)
            line = data[position:] if end < 0 else data[position:end]
            number = self._lines + lines + batch_lines + 1
            if end < 0:  # every line is written with its newline: this one was cut
                return entries, whole, whole if batch or line.strip() else len(data), lines
            position = end + 1
            batch_lines += 1
            if not line.strip():
                if not batch:
                    whole, lines, batch_lines = position, lines + batch_lines, 0
                continue
            record = decode_line(line, where=f"{self._path}:{number}")
            batch.append((record, self._decode(record)))
            if record.seq >= record.batch_end:
                entries.extend(batch)
                batch.clear()
                whole, lines, batch_lines = position, lines + batch_lines, 0
        return entries, whole, whole, lines

    def _decode(self, record: StoredRecord) -> PreparedEvent | TajiEventsError:
        try:
            return prepare_stored(record.envelope)
        except TajiEventsError as error:
            return type(error)(f"{self._path}, seq {record.seq}: {error}")

    def _torn(self, tail: bytes, exclusive: bool) -> None:
        offset, line = self._size, self._lines + 1
        last = self._index.last_seq()
        kept = f"The {last} events before it (seq 1..{last}) are whole" if last else (
            "No whole event precedes it")
        if not (self._repair and exclusive and self._writable):
            if self._repair and self._writable:
                raise _NeedsRepair
            raise TornWriteError(
                f"{self._path}: the last batch is unfinished: {len(tail)} bytes from byte "
                f"{offset} (line {line}) were left by an append that was interrupted (killed or "
                f"crashed before it returned, so it was never acknowledged), or the file was "
                f"cut short or edited without a final newline. "
                f"{kept}. Open it with JsonlStore(path, repair=True) to cut "
                f"the unfinished batch off (its bytes are kept in {self._path}.torn-{offset}), "
                "or restore the file from a copy"
            )
        side = Path(f"{self._path}.torn-{offset}")
        for attempt in range(1, 100):
            if not side.exists():
                break
            side = Path(f"{self._path}.torn-{offset}.{attempt}")
        with atomic_write(side) as saved:
            saved.write(tail)
        os.ftruncate(self._descriptor, offset)
        os.fsync(self._descriptor)
        warnings.warn(f"{self._path}: cut off an unfinished batch of {len(tail)} bytes at byte "
                      f"{offset} (line {line}), left by an interrupted append; the {last} "
                      f"events before it are kept, the bytes are saved in {side}",
                      TornWriteWarning, stacklevel=2)

    def _write(self, data: bytes) -> None:
        """Append ``data`` and fsync, or leave the file as it was and raise."""
        if not self._writable:
            raise StoreError(f"{self._path} is read-only here; make it writable to append")
        view, written = memoryview(data), 0
        try:
            while written < len(data):
                written += os.write(self._descriptor, view[written:])
            os.fsync(self._descriptor)
        except BaseException as error:
            # Also on KeyboardInterrupt: never leave half a batch behind.
            with contextlib.suppress(OSError):
                os.ftruncate(self._descriptor, self._size)
                os.fsync(self._descriptor)
            if isinstance(error, OSError):
                raise StoreError(f"{self._path}: could not append: {error.strerror}; nothing "
                                 "was written (check free space and permissions)") from error
            raise
        self._advance(data, data.count(b"\n"))

    def commit(self, written: Sequence[Written]) -> None:
        # Each item holds the canonical bytes of its record's envelope (an
        # append encodes them so, an import checks and keeps them so).
        self._write(b"".join(encode_canonical_line(record, item.envelope, item.type,
                                                   item.version)
                             for record, item in written))

    def select_for_verify(self) -> Iterator[tuple[StoredRecord, StoredColumns | None]]:
        with self._mutex:
            self._reset()  # check the file as it is now, not as it was indexed
            return super().select_for_verify()

    def close(self) -> None:
        with self._mutex:
            if not self._closed:
                self._closed = True
                os.close(self._descriptor)

    def _advance(self, indexed: bytes, lines: int) -> None:
        self._size += len(indexed)
        self._lines += lines
        self._seal = (self._seal + indexed)[-256:]


class JsonlStore(EventStore):
    """An event log in one JSON Lines file at ``path`` (created empty if missing).

    ``clock`` gives ``recorded_at`` (aware datetimes). Several processes may
    share the file: appends are serialised by an exclusive file lock, waited
    for up to ``lock_timeout`` seconds. Open the store in each process; do not
    share one object across ``fork``.

    When the file ends in an unfinished batch (a crash during an append),
    opening, reading or appending raises :class:`TornWriteError` naming the bytes and the fix;
    with ``repair=True`` the store instead cuts the batch off (it was never
    acknowledged), saves its bytes to ``<path>.torn-<offset>`` and warns with
    :class:`TornWriteWarning`. Every whole batch before it is kept. Raises
    :class:`~taji_events.errors.StoreError` for a path that cannot be opened
    or a line in the middle that is not a store line.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.jsonl"
    >>> with JsonlStore(path) as store:
    ...     store.last_seq()
    0

    Since 0.1.0.
    """

    def __init__(self, path: str | os.PathLike[str], clock: Clock = system_clock, *,
                 repair: bool = False, lock_timeout: float = 10.0) -> None:
        self._file = _JsonlRecorder(os.fspath(path), repair=repair, lock_timeout=lock_timeout)
        super().__init__(self._file, clock)

    def __repr__(self) -> str:
        return repr(self._file)
