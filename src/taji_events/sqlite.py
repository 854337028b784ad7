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
Schema version 3 indexes the first 16 digits of ``content_hash``, so that an
append finds a stored event by its content even when its ``identity`` column
was edited.
A file in a directory this process cannot write (a shared, read-only data
set) is opened with ``read_only=True``: SQLite's ``mode=ro``, or
``immutable=1`` when even the WAL index cannot be created there.
The schema version lives in ``PRAGMA user_version``; ``PRAGMA application_id``
marks the file as ours so a stray database is refused rather than written into.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from taji_events.chain import canonical_envelope, parse_recorded_at
from taji_events.claim_row_tables import (
    DROP_TABLES,
    incident_view,
    row_queries,
    table_rows,
    tables,
)
from taji_events.claim_rows import (
    ROWS_VERSION,
    IncidentRows,
)
from taji_events.errors import StoreError
from taji_events.recorder import (
    Clock,
    PreparedEvent,
    Recorder,
    Row,
    StoredColumns,
    StoredIdentity,
    Written,
    declaration_rows,
    merged_rows,
    one_incident_rows,
    paged,
    system_clock,
    with_columns,
)
from taji_events.store import (
    GENESIS_HASH,
    EventStore,
    StoredRecord,
    chain_hash,
    format_recorded_at,
)

__all__ = ["SQLiteStore"]

SCHEMA_VERSION: Final = 3
APPLICATION_ID: Final = 0x54414A49  # "TAJI" in ASCII
_PAGE_SIZE: Final = 500
_LOOKUP_CHUNK: Final = 500  # identities per look-up (SQLite allows 999 parameters at least)

_CONTENT_INDEX: Final = ("CREATE INDEX IF NOT EXISTS events_by_content "
                         "ON events (substr(content_hash, 1, 16))")
_UPDATE_TRIGGER: Final = """CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
   BEGIN SELECT RAISE(ABORT, 'taji_events: events are append-only'); END"""
# Claim rows: a projection of the log beside it, not part of the log's schema
# (its version does not move): created when a file is opened writable and
# missing them, empty and complete up to seq 0, so the first read that needs
# them builds them from the log; rebuilt whenever their layout changes. See
# taji_events.claim_rows. The state row says up to which seq they are complete.
_ROWS_TABLES: Final = tables("BLOB", clustered="WITHOUT ROWID")
_ROWS_SCHEMA: Final = (
    *_ROWS_TABLES,
    "CREATE TABLE taji_claim_rows_state (version INTEGER NOT NULL, seq INTEGER NOT NULL)",
    f"INSERT INTO taji_claim_rows_state VALUES ({ROWS_VERSION}, 0)",
)
_PARAM: Final = ":{}".format
_ROWS: Final = row_queries(_PARAM, events="events")

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
    _CONTENT_INDEX,
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
_VERIFY_PAGE: Final = """
SELECT seq, batch_end, recorded_at, chain_hash, envelope, identity, type, version, report_id,
       content_hash FROM events
WHERE seq > :after AND seq <= :upper ORDER BY seq LIMIT :limit
"""
_ALL_PAGE: Final = """
SELECT seq, recorded_at, envelope FROM events
WHERE seq > :after AND seq <= :upper ORDER BY seq LIMIT :limit
"""


def _record(row: Sequence[Any]) -> StoredRecord:
    seq, batch_end, recorded_at, digest, envelope = row
    return StoredRecord(seq=seq, batch_end=batch_end, recorded_at=parse_recorded_at(recorded_at),
                        hash=digest, envelope=bytes(envelope))


class _SQLiteRecorder(Recorder):
    """The file's connection, its transactions and its SQL."""

    def __init__(self, path: str, *, busy_timeout: float, read_only: bool) -> None:
        self._path = path
        self._closed = False
        self._read_only_rows = False
        with self._translate("open"):
            # isolation_level=None: the sqlite3 module must not open transactions
            # behind our back; write_lock() issues BEGIN IMMEDIATE / COMMIT itself.
            self._connection = self._connect(busy_timeout, read_only)
        try:
            with self._translate("open"):
                if read_only:
                    self._check_schema(read_only=True)
                    # A file never opened writable by this version has no claim
                    # rows: its views decode the log.
                    self._read_only_rows = not self._has_rows_tables()
                    return
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

    def _connect(self, busy_timeout: float, read_only: bool) -> sqlite3.Connection:
        if not read_only:
            return sqlite3.connect(self._path, timeout=busy_timeout, isolation_level=None)
        if not os.path.isfile(self._path):
            raise StoreError(f"no store at {self._path}; a store is opened read-only only "
                             "once it exists")
        uri = "file:" + urllib.parse.quote(os.path.abspath(self._path))
        connection = sqlite3.connect(f"{uri}?mode=ro", timeout=busy_timeout,
                                     isolation_level=None, uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            return connection
        except sqlite3.OperationalError:
            connection.close()
            if os.access(os.path.dirname(os.path.abspath(self._path)), os.W_OK):
                raise
        # A WAL file in a directory we cannot write: SQLite cannot create the WAL
        # index it reads through. Nobody here can write the file either, so read
        # it as immutable (no locks, no WAL index).
        return sqlite3.connect(f"{uri}?immutable=1", timeout=busy_timeout,
                               isolation_level=None, uri=True)

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

    def check_open(self) -> None:
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
                "SQLITE_NOTADB": "pass another path",
                "SQLITE_CANTOPEN": "check that the directory exists and is writable",
                "SQLITE_READONLY": "the file or its directory is read-only",
            }.get(getattr(error, "sqlite_errorname", ""), "see the cause above")
            raise StoreError(f"{self._path}: could not {action}: {error}; {hint}") from error

    @contextlib.contextmanager
    def write_lock(self, action: str) -> Iterator[None]:
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

    def head(self) -> StoredRecord | None:
        row = self._connection.execute("SELECT seq, batch_end, recorded_at, chain_hash, envelope "
                                       "FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else _record(row)

    def stored_identities(self, items: Sequence[PreparedEvent]) -> list[StoredIdentity]:
        found: list[StoredIdentity] = []
        for start in range(0, len(items), _LOOKUP_CHUNK // 2):
            chunk = items[start:start + _LOOKUP_CHUNK // 2]
            marks = ", ".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT seq, identity, content_hash, envelope FROM events WHERE identity IN "
                f"({marks}) OR substr(content_hash, 1, 16) IN ({marks})",
                [item.identity for item in chunk] + [item.content_hash[:16] for item in chunk])
            found.extend(StoredIdentity(seq=seq, identity=identity, content_hash=content_hash,
                                        envelope=bytes(envelope))
                         for seq, identity, content_hash, envelope in rows)
        return found

    def insert(self, written: Sequence[Written],
               derived: Mapping[str, Sequence[tuple[Any, ...]]]) -> None:
        # One executemany per table: the per-statement overhead was most of the
        # cost of a large batch.
        first = written[0][0].recorded_at
        stamp = format_recorded_at(first)
        self._connection.executemany(
            "INSERT INTO events (seq, recorded_at, identity, type, version, report_id, "
            "content_hash, envelope, batch_end, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.seq, stamp if record.recorded_at == first
              else format_recorded_at(record.recorded_at), item.identity, item.type,
              item.version, item.report_id, item.content_hash, record.envelope, record.batch_end,
              record.hash)
             for record, item in written])
        self._connection.executemany(
            "INSERT INTO event_incidents (incident, seq) VALUES (?, ?)",
            [(incident, record.seq) for record, item in written
             for incident in sorted(item.incidents)])
        self._insert_derived(derived)

    def _insert_derived(self, derived: Mapping[str, Sequence[tuple[Any, ...]]]) -> None:
        for table, rows in table_rows(derived, self._connection.execute, _PARAM).items():
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self._connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)

    def rows_state(self) -> tuple[int, int] | None:
        if self._read_only_rows:
            return None
        with self._translate("read the claim rows' state"):
            row = self._connection.execute("SELECT version, seq FROM taji_claim_rows_state"
                                           ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def reset_rows(self, version: int) -> None:
        # Dropped and made again: a new layout may have other columns.
        for statement in (*DROP_TABLES, *_ROWS_TABLES):
            self._connection.execute(statement)
        self._connection.execute("UPDATE taji_claim_rows_state SET version = ?, seq = 0",
                                 (version,))

    def insert_rows(self, derived: Mapping[str, Sequence[tuple[Any, ...]]], seq: int) -> None:
        self._insert_derived(derived)
        self._connection.execute("UPDATE taji_claim_rows_state SET seq = ?", (seq,))

    def select_rows(self, incident: str | None, upper: int) -> Iterator[IncidentRows]:
        self.check_open()
        params = {"incident": incident, "upper": upper}
        with self._translate("read claim rows"):
            if incident is not None:
                connection = self._connection
                groups, edges = incident_view(
                    connection.execute(_ROWS.incident_claims, params).fetchall())
                rows = one_incident_rows(self, incident, groups, edges, connection.execute(
                    _ROWS.incident_declarations, params))
                return iter(() if rows.empty else (rows,))
            # Two ordered scans, merged an incident at a time, each on a cursor of
            # its own so that they stream side by side.
            connection = self._connection
            return merged_rows(connection.execute(_ROWS.all_claims, params), (),
                               declaration_rows(self, connection.execute(
                                   _ROWS.all_declarations, params)),
                               views=incident_view)

    def upper_seq(self, until_seq: int | None, recorded_until: datetime | None) -> int:
        with self._translate("read"):
            upper: int = self._connection.execute("SELECT coalesce(max(seq), 0) FROM events"
                                                  ).fetchone()[0]
            if until_seq is not None:
                upper = min(upper, until_seq)
            if recorded_until is not None:
                # recorded_at never decreases with seq, so the bound is a seq prefix.
                row = self._connection.execute(
                    "SELECT seq FROM events WHERE recorded_at <= ? "
                    "ORDER BY recorded_at DESC, seq DESC LIMIT 1",
                    (format_recorded_at(recorded_until),)).fetchone()
                upper = min(upper, 0 if row is None else row[0])
        return upper

    def select(self, incident: str | None, after_seq: int, upper: int) -> Iterator[Row]:
        query = _ALL_PAGE if incident is None else _INCIDENT_PAGE
        return self._pages(query, {"incident": incident}, after_seq, upper)

    def select_records(self, after_seq: int) -> Iterator[StoredRecord]:
        upper = self.upper_seq(None, None)
        return (_record(row) for row in self._pages(_RECORDS_PAGE, {}, after_seq, upper))

    def select_for_verify(self) -> Iterator[tuple[StoredRecord, StoredColumns | None]]:
        upper = self.upper_seq(None, None)
        with self._translate("read the incident index"):
            # One sorted pass over the incident index beside the pages of events.
            indexed = self._connection.execute(
                "SELECT seq, incident FROM event_incidents WHERE seq <= ? ORDER BY seq",
                (upper,))
        return with_columns(self._pages(_VERIFY_PAGE, {}, 0, upper), indexed, _record)

    def _pages(self, query: str, params: dict[str, Any], after: int,
               upper: int) -> Iterator[Any]:
        """Rows of ``query`` with seq in (after, upper], fetched a page at a time."""
        def fetch(start: int) -> Sequence[Sequence[Any]]:
            self.check_open()
            with self._translate("read"):
                rows: Sequence[Sequence[Any]] = self._connection.execute(
                    query, {**params, "after": start, "upper": upper, "limit": _PAGE_SIZE}
                ).fetchall()
            return rows
        return paged(fetch, after, upper, _PAGE_SIZE)

    def last_seq(self) -> int:
        with self._translate("read the last seq"):
            return int(self._connection.execute("SELECT coalesce(max(seq), 0) FROM events"
                                                ).fetchone()[0])

    def incidents(self) -> list[str]:
        with self._translate("list incidents"):
            rows = self._connection.execute("SELECT DISTINCT incident FROM event_incidents "
                                            "ORDER BY incident").fetchall()
        # SQLite's BINARY collation compares UTF-8 bytes: the same order as sorted().
        return [incident for (incident,) in rows]

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._connection.close()

    def _check_schema(self, *, read_only: bool) -> int:
        """The file's schema version; raise for a file that is not ours, or too new."""
        connection = self._connection
        version: int = connection.execute("PRAGMA user_version").fetchone()[0]
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
        if read_only and version < 2:
            raise StoreError(f"{self._path} has store schema version {version}, which this "
                             "taji_events upgrades when it opens the file writable; open it "
                             "once where it can be written")
        return version

    def _migrate(self) -> None:
        connection = self._connection
        # IMMEDIATE so that two processes creating the same new file do not both
        # create the schema: the second waits, then sees user_version set.
        with self.write_lock("open"):
            version = self._check_schema(read_only=False)
            if version == 0:
                for statement in _SCHEMA:
                    connection.execute(statement)
            if version == 1:
                self._add_chain()
            if 0 < version < SCHEMA_VERSION:
                connection.execute(_CONTENT_INDEX)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if not self._has_rows_tables():
                for statement in _ROWS_SCHEMA:
                    connection.execute(statement)

    def _has_rows_tables(self) -> bool:
        found: int = self._connection.execute(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
            "name = 'taji_claim_rows_state'").fetchone()[0]
        return found == 1

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


class SQLiteStore(EventStore):
    """An event log in one SQLite file (created with its schema if missing).

    ``clock`` gives ``recorded_at`` and must return aware datetimes.
    ``busy_timeout`` is how many seconds a writer waits for another writer on
    the same file before giving up with :class:`~taji_events.errors.StoreError`.
    Several store objects and processes may share one file; each append is
    one ``BEGIN IMMEDIATE`` transaction, so batches never interleave. A store
    object belongs to the thread that opened it.

    ``read_only=True`` opens an existing file for reading only (never creating
    or upgrading it), also in a directory this process cannot write; appends
    then raise :class:`~taji_events.errors.StoreError`.

    Raises :class:`~taji_events.errors.StoreError` when the file cannot be
    opened, is not a taji_events store, or was written by a newer version.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "events.db"
    >>> with SQLiteStore(path) as store:
    ...     store.last_seq()
    0

    Since 0.1.0 (``read_only`` since 0.3.0).
    """

    def __init__(self, path: str | os.PathLike[str], clock: Clock = system_clock, *,
                 busy_timeout: float = 10.0, read_only: bool = False) -> None:
        self._file = _SQLiteRecorder(os.fspath(path), busy_timeout=busy_timeout,
                                     read_only=read_only)
        super().__init__(self._file, clock)

    def __repr__(self) -> str:
        return repr(self._file)
