"""The embedded default :class:`~taji_events.store.EventStore`: one SQLite file.

Each event is one row of ``events`` holding its canonical envelope
(:func:`~taji_events.serialization.dumps_event`), so old versions are upcast on
read. ``event_incidents`` indexes which incidents an event names directly
(a declaration, or a revision's claims); which *reports* concern an incident is
derived from it through ``events.report_id``, so there is no second copy of
that fact to keep in step.

``recorded_at`` is stored as UTC text of fixed width
(``YYYY-MM-DDTHH:MM:SS.ffffffZ``) so that text order is time order.
``batch_end`` and ``chain_hash`` (schema version 2) keep each event's batch and
its link in the hash chain; a version 1 file gets them when first opened.
The schema version lives in ``PRAGMA user_version``; ``PRAGMA application_id``
marks the file as ours so a stray database is refused rather than written into.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, Final

from taji_events.errors import IdentityConflictError, StoreError
from taji_events.events import Event, RecordedEvent
from taji_events.store import (
    GENESIS_HASH,
    AppendResult,
    Clock,
    EventStore,
    PreparedEvent,
    StoredRecord,
    chain_hash,
    decode_stored,
    format_recorded_at,
    paged,
    recorded_events,
    system_clock,
)
from taji_events.transfer import canonical_envelope, checked_imports, parse_recorded_at, stamp_batch

__all__ = ["SQLiteStore"]

SCHEMA_VERSION: Final = 2
APPLICATION_ID: Final = 0x54414A49  # "TAJI" in ASCII
_PAGE_SIZE: Final = 500
_LOOKUP_CHUNK: Final = 500  # identities per look-up (SQLite allows 999 parameters at least)

_UPDATE_TRIGGER: Final = """CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
   BEGIN SELECT RAISE(ABORT, 'taji_events: events are append-only'); END"""
_SCHEMA: Final = (
    """CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        identity TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        version INTEGER NOT NULL,
        report_id TEXT,
        content_hash TEXT NOT NULL,
        envelope BLOB NOT NULL,
        batch_end INTEGER NOT NULL,
        chain_hash TEXT NOT NULL
    )""",
    "CREATE INDEX events_by_report ON events (report_id, seq) WHERE report_id IS NOT NULL",
    "CREATE INDEX events_by_recorded_at ON events (recorded_at)",
    """CREATE TABLE event_incidents (
        incident TEXT NOT NULL,
        seq INTEGER NOT NULL REFERENCES events (seq),
        PRIMARY KEY (incident, seq)
    ) WITHOUT ROWID""",
    # Corrections are appended, never edited: refuse edits even from the sqlite3 shell.
    _UPDATE_TRIGGER,
    """CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'taji_events: events are append-only'); END""",
    f"PRAGMA application_id = {APPLICATION_ID}",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)

# Both branches of the UNION use an index; only rows within (after, upper] are
# touched, and ``upper`` is fixed when read() is called, so paging is stable.
_INCIDENT_PAGE: Final = """
SELECT seq, recorded_at, envelope FROM events WHERE seq IN (
    SELECT seq FROM event_incidents
    WHERE incident = :incident AND seq > :after AND seq <= :upper
    UNION
    SELECT later.seq FROM events AS later
    WHERE later.seq > :after AND later.seq <= :upper AND later.report_id IN (
        SELECT claimed.report_id FROM event_incidents AS named
        JOIN events AS claimed ON claimed.seq = named.seq
        WHERE named.incident = :incident AND named.seq <= :upper
          AND claimed.report_id IS NOT NULL))
ORDER BY seq LIMIT :limit
"""
_RECORDS_PAGE: Final = """
SELECT seq, batch_end, recorded_at, chain_hash, envelope FROM events
WHERE seq > :after AND seq <= :upper ORDER BY seq LIMIT :limit
"""
_ALL_PAGE: Final = """
SELECT seq, recorded_at, envelope FROM events
WHERE seq > :after AND seq <= :upper ORDER BY seq LIMIT :limit
"""


def _record(row: tuple[int, int, str, str, bytes]) -> StoredRecord:
    seq, batch_end, recorded_at, digest, envelope = row
    return StoredRecord(seq=seq, batch_end=batch_end, recorded_at=parse_recorded_at(recorded_at),
                        hash=digest, envelope=bytes(envelope))


class SQLiteStore(EventStore):
    """An event log in one SQLite file (created with its schema if missing).

    ``clock`` gives ``recorded_at`` and must return aware datetimes.
    ``busy_timeout`` is how many seconds a writer waits for another writer on
    the same file before giving up with :class:`~taji_events.errors.StoreError`.
    Several store objects and processes may share one file; each append is
    one ``BEGIN IMMEDIATE`` transaction, so batches never interleave. A store
    object belongs to the thread that opened it.

    Raises :class:`~taji_events.errors.StoreError` when the file cannot be
    opened, is not a taji_events store, or was written by a newer version.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.db"
    >>> with SQLiteStore(path) as store:
    ...     store.last_seq()
    0

    Since 0.1.0.
    """

    def __init__(self, path: str | os.PathLike[str], clock: Clock = system_clock, *,
                 busy_timeout: float = 10.0) -> None:
        self._path = os.fspath(path)
        self._clock = clock
        self._closed = False
        with self._translate("open"):
            # isolation_level=None: the sqlite3 module must not open transactions
            # behind our back; append() issues BEGIN IMMEDIATE / COMMIT itself.
            self._connection = sqlite3.connect(self._path, timeout=busy_timeout,
                                               isolation_level=None)
        try:
            with self._translate("open"):
                self._enter_wal(busy_timeout)
                # FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on
                # power loss. An append that returned must stay recorded (its seq
                # may already be cited), and appends are rare enough that one
                # fsync per batch costs nothing that matters.
                self._connection.execute("PRAGMA synchronous = FULL")
                self._connection.execute("PRAGMA foreign_keys = ON")
                self._migrate()
        except BaseException:
            self._connection.close()
            raise

    def _enter_wal(self, busy_timeout: float) -> None:
        # Switching a new file to WAL needs an exclusive lock, and SQLite reports
        # SQLITE_BUSY for it at once, without its busy handler, while another
        # process is doing the same: retry here until busy_timeout runs out.
        deadline = time.monotonic() + busy_timeout
        delay = 0.005
        while True:
            try:
                self._connection.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def __repr__(self) -> str:
        return f"SQLiteStore({self._path!r})"

    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        """Record ``events`` as one atomic batch in one transaction; see
        :meth:`EventStore.append`.

        Raises :class:`~taji_events.errors.InvalidEventError`,
        :class:`~taji_events.errors.ConcurrencyError`,
        :class:`~taji_events.errors.IdentityConflictError`,
        :class:`~taji_events.errors.NaiveDatetimeError` (naive clock) or
        :class:`~taji_events.errors.StoreError` (closed store, file locked by
        another writer past ``busy_timeout``, disk errors); in each case the
        transaction is rolled back and nothing is written. Since 0.1.0.
        """
        self._check_open()
        prepared = self._prepare(events)
        with self._write("append"):
            return self._append_locked(prepared, expected_seq)

    def _append_locked(self, prepared: Sequence[PreparedEvent],
                       expected_seq: int | None) -> AppendResult:
        # Runs inside BEGIN IMMEDIATE: we hold the write lock, so the last seq
        # and recorded_at read here cannot change before COMMIT.
        last = self._last_record()
        last_seq = 0 if last is None else last.seq
        self._check_expected_seq(expected_seq, last_seq)
        stored = self._recorded_identities([item.identity for item in prepared])
        new = [item for item in prepared
               if item.identity not in stored or not self._same_as_stored(item, *stored[item.identity])]
        if not new:
            return AppendResult(recorded=(), last_seq=last_seq)
        recorded_at = self._next_recorded_at(self._clock, None if last is None else last.recorded_at)
        records = stamp_batch(last, [item.envelope for item in new], recorded_at)
        self._insert_many(records, new)
        return AppendResult.of_batch(records, new, records[-1].seq)

    def _last_record(self) -> StoredRecord | None:
        row = self._connection.execute("SELECT seq, batch_end, recorded_at, chain_hash, envelope "
                                       "FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else _record(row)

    def _insert_many(self, records: Sequence[StoredRecord], items: Sequence[PreparedEvent]) -> None:
        # One executemany per table: the per-statement overhead was most of the
        # cost of a large batch.
        stamp = format_recorded_at(records[0].recorded_at) if records else ""
        self._connection.executemany(
            "INSERT INTO events (seq, recorded_at, identity, type, version, report_id, "
            "content_hash, envelope, batch_end, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.seq, stamp if record.recorded_at == records[0].recorded_at
              else format_recorded_at(record.recorded_at), item.identity, item.type,
              item.version, item.report_id, item.content_hash, record.envelope, record.batch_end,
              record.hash)
             for record, item in zip(records, items, strict=True)])
        self._connection.executemany(
            "INSERT INTO event_incidents (incident, seq) VALUES (?, ?)",
            [(incident, record.seq) for record, item in zip(records, items, strict=True)
             for incident in sorted(item.incidents)])

    def _recorded_identities(self, identities: Sequence[str]) -> dict[str, tuple[int, str, bytes]]:
        """``identity -> (seq, content_hash, envelope)`` of those already stored."""
        found: dict[str, tuple[int, str, bytes]] = {}
        for start in range(0, len(identities), _LOOKUP_CHUNK):
            chunk = identities[start:start + _LOOKUP_CHUNK]
            marks = ", ".join("?" * len(chunk))
            for identity, seq, content_hash, envelope in self._connection.execute(
                    f"SELECT identity, seq, content_hash, envelope FROM events "
                    f"WHERE identity IN ({marks})", chunk):
                found[identity] = (seq, content_hash, envelope)
        return found

    def import_records(self, records: Iterable[StoredRecord]) -> int:
        """Append another store's records unchanged, in one transaction; see
        :meth:`EventStore.import_records`.

        Raises :class:`~taji_events.errors.IntegrityError`,
        :class:`~taji_events.errors.IdentityConflictError` or
        :class:`~taji_events.errors.StoreError` (closed store, locked file, disk
        errors); the transaction is then rolled back. Since 0.1.0.
        """
        self._check_open()
        count = 0
        with self._write("import"):
            for record, item in checked_imports(self, records, self._last_record()):
                stored = self._connection.execute("SELECT seq FROM events WHERE identity = ?",
                                                  (item.identity,)).fetchone()
                if stored is not None:
                    raise IdentityConflictError(
                        f"cannot import record seq {record.seq} into {self!r}: identity "
                        f"{item.identity!r} is already recorded (seq {stored[0]}); nothing "
                        "was written. The source log is damaged: run verify() on it")
                self._insert_many([record], [item])
                count += 1
        return count

    def records(self, *, after_seq: int = 0) -> Iterator[StoredRecord]:
        """Stored records after ``after_seq``, fetched in pages as you iterate;
        see :meth:`EventStore.records`. Raises
        :class:`~taji_events.errors.StoreError` on a closed store or a database
        error. Since 0.1.0.
        """
        self._check_open()
        self._check_read_bounds(after_seq, None, None)
        with self._translate("read"):
            upper = self._upper_seq(None, None)
        return (_record(row) for row in self._pages(_RECORDS_PAGE, {}, after_seq, upper))

    def _same_as_stored(self, item: PreparedEvent, seq: int, content_hash: str,
                        envelope: bytes) -> bool:
        """True when ``item`` is the event stored at ``seq``; raise when it differs."""
        # A row written in an older envelope version hashes differently from the
        # current encoding of the same event, so compare the upcast event too.
        if content_hash == item.content_hash or decode_stored(self, seq, envelope) == item.event:
            return True
        raise self._identity_conflict(item.identity, seq)

    def read(
        self,
        *,
        incident: str | None = None,
        after_seq: int = 0,
        until_seq: int | None = None,
        recorded_until: datetime | None = None,
    ) -> Iterator[RecordedEvent]:
        """Recorded events in ``seq`` order, filtered; see :meth:`EventStore.read`.

        Events are fetched in pages as you iterate, from a ``seq`` range fixed
        when ``read`` is called. Raises :class:`~taji_events.errors.StoreError`
        (closed store, a seq that is not a whole number, a database error),
        :class:`~taji_events.errors.NaiveDatetimeError`, or the
        :class:`~taji_events.errors.EnvelopeError` of a stored envelope that
        cannot be read (naming its ``seq``). Since 0.1.0.
        """
        self._check_open()
        recorded_until = self._check_read_bounds(after_seq, until_seq, recorded_until)
        with self._translate("read"):
            upper = self._upper_seq(until_seq, recorded_until)
        query = _ALL_PAGE if incident is None else _INCIDENT_PAGE
        rows = self._pages(query, {"incident": incident}, after_seq, upper)
        return recorded_events(self, rows)

    def _upper_seq(self, until_seq: int | None, recorded_until: datetime | None) -> int:
        upper: int = self._connection.execute("SELECT coalesce(max(seq), 0) FROM events"
                                              ).fetchone()[0]
        if until_seq is not None:
            upper = min(upper, until_seq)
        if recorded_until is not None:
            # recorded_at never decreases with seq, so the bound is a seq prefix.
            row = self._connection.execute(
                "SELECT seq FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, seq DESC "
                "LIMIT 1", (format_recorded_at(recorded_until),)).fetchone()
            upper = min(upper, 0 if row is None else row[0])
        return upper

    def _pages(self, query: str, params: dict[str, Any], after: int,
               upper: int) -> Iterator[Any]:
        """Rows of ``query`` with seq in (after, upper], fetched a page at a time."""
        def fetch(start: int) -> Sequence[Sequence[Any]]:
            self._check_open()
            with self._translate("read"):
                rows: Sequence[Sequence[Any]] = self._connection.execute(
                    query, {**params, "after": start, "upper": upper, "limit": _PAGE_SIZE}
                ).fetchall()
            return rows
        return paged(fetch, after, upper, _PAGE_SIZE)

    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        with self._translate("read the last seq"):
            return int(self._connection.execute("SELECT coalesce(max(seq), 0) FROM events"
                                                ).fetchone()[0])

    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted.

        Raises :class:`~taji_events.errors.StoreError` on a closed store. Since 0.1.0.
        """
        self._check_open()
        with self._translate("list incidents"):
            rows = self._connection.execute("SELECT DISTINCT incident FROM event_incidents "
                                            "ORDER BY incident").fetchall()
        # SQLite's BINARY collation compares UTF-8 bytes: the same order as sorted().
        return [incident for (incident,) in rows]

    def close(self) -> None:
        """Close the database connection; closing twice is harmless. Since 0.1.0."""
        if not self._closed:
            self._closed = True
            self._connection.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self!r} is closed; open the file again with SQLiteStore(path)")

    @contextlib.contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        """Turn sqlite3's errors into StoreError naming the file and the action."""
        try:
            yield
        except sqlite3.Error as error:
            hint = {
                "SQLITE_BUSY": "another writer holds the file; retry, or raise busy_timeout",
                "SQLITE_NOTADB": "the file is not a SQLite database; pass another path",
                "SQLITE_CANTOPEN": "check that the directory exists and is writable",
                "SQLITE_READONLY": "the file or its directory is read-only",
            }.get(getattr(error, "sqlite_errorname", ""), "see the cause above")
            raise StoreError(f"{self._path}: could not {action}: {error}; {hint}") from error

    @contextlib.contextmanager
    def _write(self, action: str) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends,
        rolled back on any exception (also KeyboardInterrupt: never half a batch)."""
        with self._translate(action):
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._connection.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._connection.execute("ROLLBACK")
                raise

    def _migrate(self) -> None:
        connection = self._connection
        # IMMEDIATE so that two processes creating the same new file do not both
        # create the schema: the second waits, then sees user_version set.
        with self._write("open"):
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = connection.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                        ).fetchone()[0]
            if application_id != APPLICATION_ID and (application_id or version or tables):
                raise StoreError(f"{self._path} is a SQLite database but not a taji_events store "
                                 f"(application_id {application_id}, {tables} tables); pass a "
                                 "new file path")
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self._path} has store schema version {version}, newer than "
                                 f"this taji_events reads ({SCHEMA_VERSION}); upgrade taji_events")
            if version == 0:
                for statement in _SCHEMA:
                    connection.execute(statement)
            elif version == 1:
                self._add_chain()

    def _add_chain(self) -> None:
        """Schema 1 → 2: give every row its batch (itself) and chain hash."""
        connection = self._connection
        connection.execute("ALTER TABLE events ADD COLUMN batch_end INTEGER NOT NULL DEFAULT 0")
        connection.execute("ALTER TABLE events ADD COLUMN chain_hash TEXT NOT NULL DEFAULT ''")
        connection.execute("DROP TRIGGER events_are_append_only_update")
        previous = GENESIS_HASH
        rows = connection.execute("SELECT seq, recorded_at, envelope FROM events ORDER BY seq")
        for seq, recorded_at, envelope in rows.fetchall():
            previous = chain_hash(previous, seq, parse_recorded_at(recorded_at),
                                  canonical_envelope(envelope))
            connection.execute("UPDATE events SET batch_end = seq, chain_hash = ? WHERE seq = ?",
                               (previous, seq))
        connection.execute(_UPDATE_TRIGGER)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
