"""A shared :class:`~taji_events.store.EventStore` in PostgreSQL (psycopg 3).

Install with the ``postgres`` extra (``pip install 'taji_events[postgres]'``);
psycopg is imported only when a :class:`PostgresStore` is opened, so the rest of
the library works without it.

Tables (in the first schema of the connection's ``search_path``, so several
stores can share a database, one schema each): ``taji_events`` (one row per
event: seq, batch_end, recorded_at, identity, type, version, report_id,
content_hash, chain_hash, envelope), ``taji_event_incidents`` (which incidents
an event names) and ``taji_store`` (the schema version). A trigger refuses
UPDATE, DELETE and TRUNCATE of events.

Every append takes ``LOCK TABLE taji_events IN EXCLUSIVE MODE`` (readers are
not blocked) and numbers its events ``max(seq) + 1`` onwards inside that
transaction: a SEQUENCE would leave gaps when a transaction rolls back, the
lock leaves none, whichever process or host writes. The commit notifies
``LISTEN``-ers on channel ``taji_events:<schema>`` with the new last seq.
"""

from __future__ import annotations

import contextlib
import re
import select
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from taji_events.errors import IdentityConflictError, StoreError
from taji_events.events import Event, RecordedEvent
from taji_events.store import (
    AppendResult,
    Clock,
    EventStore,
    PreparedEvent,
    StoredRecord,
    decode_stored,
    paged,
    recorded_events,
)
from taji_events.transfer import checked_imports, stamp_batch

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresStore"]

SCHEMA_VERSION: Final = 1
_SCHEMA_LOCK: Final = 0x54414A49  # "TAJI": serialises creating the tables
_PAGE_SIZE: Final = 500
_COLUMNS: Final = "seq, batch_end, recorded_at, chain_hash, envelope"

_SCHEMA: Final = (
    """CREATE TABLE taji_events (
        seq BIGINT PRIMARY KEY,
        batch_end BIGINT NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL,
        identity TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        version INTEGER NOT NULL,
        report_id TEXT,
        content_hash TEXT NOT NULL,
        chain_hash TEXT NOT NULL,
        envelope BYTEA NOT NULL)""",
    "CREATE INDEX taji_events_by_report ON taji_events (report_id, seq) "
    "WHERE report_id IS NOT NULL",
    "CREATE INDEX taji_events_by_recorded_at ON taji_events (recorded_at, seq)",
    """CREATE TABLE taji_event_incidents (
        incident TEXT NOT NULL,
        seq BIGINT NOT NULL REFERENCES taji_events (seq),
        PRIMARY KEY (incident, seq))""",
    # Corrections are appended, never edited: refuse edits even from psql.
    """CREATE FUNCTION taji_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN RAISE EXCEPTION 'taji_events: events are append-only'; END $$""",
    """CREATE TRIGGER taji_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
       ON taji_events FOR EACH STATEMENT EXECUTE FUNCTION taji_events_append_only()""",
    "CREATE TABLE taji_store (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"INSERT INTO taji_store VALUES ('schema_version', '{SCHEMA_VERSION}')",
)

# The same reads as SQLiteStore's: ``upper`` is fixed when read() is called.
_INCIDENT_PAGE: Final = """
SELECT seq, recorded_at, envelope FROM taji_events WHERE seq IN (
    SELECT seq FROM taji_event_incidents
    WHERE incident = %(incident)s AND seq > %(after)s AND seq <= %(upper)s
    UNION
    SELECT later.seq FROM taji_events AS later
    WHERE later.seq > %(after)s AND later.seq <= %(upper)s AND later.report_id IN (
        SELECT claimed.report_id FROM taji_event_incidents AS named
        JOIN taji_events AS claimed ON claimed.seq = named.seq
        WHERE named.incident = %(incident)s AND named.seq <= %(upper)s
          AND claimed.report_id IS NOT NULL))
ORDER BY seq LIMIT %(limit)s
"""
_ALL_PAGE: Final = """
SELECT seq, recorded_at, envelope FROM taji_events
WHERE seq > %(after)s AND seq <= %(upper)s ORDER BY seq LIMIT %(limit)s
"""
_RECORDS_PAGE: Final = f"""
SELECT {_COLUMNS} FROM taji_events
WHERE seq > %(after)s AND seq <= %(upper)s ORDER BY seq LIMIT %(limit)s
"""


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError("PostgresStore needs psycopg 3; install it with "
                         "pip install 'taji_events[postgres]'") from None
    return psycopg


def redact(dsn: str) -> str:
    """``dsn`` with any password replaced by ``***``, for messages. Since 0.1.0."""
    dsn = re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", dsn)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", dsn)


def _record(row: Sequence[Any]) -> StoredRecord:
    seq, batch_end, recorded_at, digest, envelope = row
    return StoredRecord(seq=seq, batch_end=batch_end, recorded_at=recorded_at.astimezone(UTC),
                        hash=digest, envelope=bytes(envelope))


class PostgresStore(EventStore):
    """An event log in a PostgreSQL database that many processes and hosts
    share, at ``dsn`` (``postgresql://user:password@host:5432/dbname``, or a
    libpq ``key=value`` string). The tables are created if missing.

    ``clock=None`` takes ``recorded_at`` from the server's ``clock_timestamp()``
    (one clock for every writer); pass a clock (aware datetimes) to override.
    Either way ``recorded_at`` never decreases with ``seq``. A store object
    belongs to the thread that opened it.

    Raises :class:`~taji_events.errors.StoreError` when psycopg is missing, the
    server cannot be reached, or the schema holds a newer store version.
    Since 0.1.0.
    """

    def __init__(self, dsn: str, clock: Clock | None = None, *, connect_timeout: int = 10) -> None:
        self._dsn = dsn
        self._clock = clock
        self._closed = True
        self._psycopg = _psycopg()
        self._listener: psycopg.Connection[Any] | None = None
        with self._translate("connect to"):
            self._connection: psycopg.Connection[Any] = self._psycopg.connect(
                dsn, autocommit=True, connect_timeout=connect_timeout)
        self._closed = False
        try:
            with self._translate("create the tables in"):
                self._migrate()
                schema = self._connection.execute("SELECT current_schema()").fetchone()
            self._channel = f"taji_events:{schema[0] if schema else 'public'}"[:63]
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({redact(self._dsn)!r})"

    def _migrate(self) -> None:
        with self._connection.transaction():
            self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            row = self._connection.execute("SELECT to_regclass('taji_store')").fetchone()
            if row is None or row[0] is None:
                if self._connection.execute("SELECT current_schema()").fetchone() == (None,):
                    raise StoreError(f"{self!r}: no schema of the search_path exists; create "
                                     "it (CREATE SCHEMA ...) or fix options=-csearch_path=...")
                for statement in _SCHEMA:
                    self._connection.execute(statement)
                return
            version = self._connection.execute(
                "SELECT value FROM taji_store WHERE key = 'schema_version'").fetchone()
            if version is None or int(version[0]) > SCHEMA_VERSION:
                raise StoreError(f"{self!r} has store schema version {version and version[0]}, "
                                 f"newer than this taji_events reads ({SCHEMA_VERSION}); "
                                 "upgrade taji_events")

    @contextlib.contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        """Turn psycopg's errors into StoreError naming the store and the action."""
        try:
            yield
        except self._psycopg.Error as error:
            hint = ("is the server running, and are host, port, user and password right?"
                    if isinstance(error, self._psycopg.OperationalError) else "see the cause")
            detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            raise StoreError(f"{self!r}: could not {action} the database: {detail}; "
                             f"{hint}") from error

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self!r} is closed; open it again with PostgresStore(dsn)")

    # -- writing -----------------------------------------------------------------------------
    def append(self, events: Iterable[Event], *, expected_seq: int | None = None) -> AppendResult:
        """Record ``events`` as one atomic batch in one transaction holding the
        table's write lock; see :meth:`EventStore.append`.

        Raises :class:`~taji_events.errors.InvalidEventError`,
        :class:`~taji_events.errors.ConcurrencyError`,
        :class:`~taji_events.errors.IdentityConflictError`,
        :class:`~taji_events.errors.NaiveDatetimeError` (naive clock) or
        :class:`~taji_events.errors.StoreError` (closed store, database errors);
        in each case the transaction is rolled back and nothing is written.
        Since 0.1.0.
        """
        self._check_open()
        prepared = self._prepare(events)
        with self._translate("append to"), self._connection.transaction():
            last = self._lock_and_read_head()
            last_seq = 0 if last is None else last.seq
            self._check_expected_seq(expected_seq, last_seq)
            new = self._new_events(prepared)
            if not new:
                return AppendResult(recorded=(), last_seq=last_seq)
            recorded_at = self._now(None if last is None else last.recorded_at)
            records = stamp_batch(last, [item.envelope for item in new], recorded_at)
            self._insert(records, new)
        return AppendResult.of_batch(records, new, last_seq + len(new))

    def _lock_and_read_head(self) -> StoredRecord | None:
        # EXCLUSIVE blocks other writers (and only them) until COMMIT; in READ
        # COMMITTED every statement after it sees what they committed before.
        self._connection.execute("LOCK TABLE taji_events IN EXCLUSIVE MODE")
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM taji_events ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else _record(row)

    def _now(self, previous: datetime | None) -> datetime:
        if self._clock is not None:
            return self._next_recorded_at(self._clock, previous)
        row = self._connection.execute("SELECT clock_timestamp()").fetchone()
        assert row is not None
        now: datetime = row[0].astimezone(UTC)
        return now if previous is None or now > previous else previous

    def _new_events(self, prepared: Sequence[PreparedEvent]) -> list[PreparedEvent]:
        rows = self._connection.execute(
            "SELECT identity, seq, content_hash, envelope FROM taji_events "
            "WHERE identity = ANY(%s)", ([item.identity for item in prepared],)).fetchall()
        stored = {identity: (seq, content_hash, envelope)
                  for identity, seq, content_hash, envelope in rows}
        new = []
        for item in prepared:
            if item.identity not in stored:
                new.append(item)
                continue
            seq, content_hash, envelope = stored[item.identity]
            # An older envelope version hashes differently: compare the upcast event too.
            if content_hash != item.content_hash and decode_stored(self, seq, envelope) != item.event:
                raise self._identity_conflict(item.identity, seq)
        return new

    def _insert(self, records: Sequence[StoredRecord], items: Sequence[PreparedEvent]) -> None:
        # COPY, not INSERT: one round trip and no per-row statement, so the table
        # lock (which every writer waits for) is held for as short a time as possible.
        with self._connection.cursor() as cursor:
            with cursor.copy("COPY taji_events (seq, batch_end, recorded_at, identity, type, "
                             "version, report_id, content_hash, chain_hash, envelope) "
                             "FROM STDIN") as copy:
                for record, item in zip(records, items, strict=True):
                    copy.write_row((record.seq, record.batch_end, record.recorded_at,
                                    item.identity, item.type, item.version, item.report_id,
                                    item.content_hash, record.hash, record.envelope))
            with cursor.copy("COPY taji_event_incidents (incident, seq) FROM STDIN") as copy:
                for record, item in zip(records, items, strict=True):
                    for incident in sorted(item.incidents):
                        copy.write_row((incident, record.seq))
        self._connection.execute("SELECT pg_notify(%s, %s)", (self._channel, str(records[-1].seq)))

    def import_records(self, records: Iterable[StoredRecord]) -> int:
        """Append another store's records unchanged, in one transaction; see
        :meth:`EventStore.import_records`.

        Raises :class:`~taji_events.errors.IntegrityError`,
        :class:`~taji_events.errors.IdentityConflictError` or
        :class:`~taji_events.errors.StoreError`; the transaction is then rolled
        back. Since 0.1.0.
        """
        self._check_open()
        count = 0
        with self._translate("import into"), self._connection.transaction():
            chunk: list[tuple[StoredRecord, PreparedEvent]] = []
            for pair in checked_imports(self, records, self._lock_and_read_head()):
                chunk.append(pair)
                if len(chunk) == _PAGE_SIZE:
                    count += self._import_chunk(chunk)
                    chunk = []
            if chunk:
                count += self._import_chunk(chunk)
        return count

    def _import_chunk(self, chunk: list[tuple[StoredRecord, PreparedEvent]]) -> int:
        identities = [item.identity for _, item in chunk]
        clash = self._connection.execute(
            "SELECT identity, seq FROM taji_events WHERE identity = ANY(%s) ORDER BY seq LIMIT 1",
            (identities,)).fetchone()
        repeated = [identity for identity, count in Counter(identities).items() if count > 1]
        if clash is not None or repeated:
            identity, where = (clash[0], f"seq {clash[1]}") if clash else (repeated[0], "earlier")
            raise IdentityConflictError(
                f"cannot import into {self!r}: identity {identity!r} is already recorded "
                f"({where}); nothing was written. The source log is damaged: run verify() on it")
        self._insert([record for record, _ in chunk], [item for _, item in chunk])
        return len(chunk)

    # -- reading -----------------------------------------------------------------------------
    def read(self, *, incident: str | None = None, after_seq: int = 0, until_seq: int | None = None,
             recorded_until: datetime | None = None) -> Iterator[RecordedEvent]:
        """Recorded events in ``seq`` order, filtered, fetched in pages as you
        iterate from a ``seq`` range fixed when called; see :meth:`EventStore.read`.

        Raises :class:`~taji_events.errors.StoreError` (closed store, a seq that
        is not a whole number, a database error),
        :class:`~taji_events.errors.NaiveDatetimeError`, or the
        :class:`~taji_events.errors.EnvelopeError` of an unreadable stored
        envelope (naming its ``seq``). Since 0.1.0.
        """
        self._check_open()
        recorded_until = self._check_read_bounds(after_seq, until_seq, recorded_until)
        with self._translate("read"):
            upper = self.last_seq() if until_seq is None else min(until_seq, self.last_seq())
            if recorded_until is not None:
                # recorded_at never decreases with seq, so the bound is a seq prefix.
                row = self._connection.execute(
                    "SELECT seq FROM taji_events WHERE recorded_at <= %s "
                    "ORDER BY recorded_at DESC, seq DESC LIMIT 1", (recorded_until,)).fetchone()
                upper = min(upper, row[0] if row else 0)
        query = _ALL_PAGE if incident is None else _INCIDENT_PAGE
        pages = self._pages(query, {"incident": incident}, after_seq, upper)
        return recorded_events(self, pages)

    def _pages(self, query: str, params: dict[str, Any], after: int,
               upper: int) -> Iterator[Sequence[Any]]:
        """Rows of ``query`` with seq in (after, upper], fetched a page at a time."""
        def fetch(start: int) -> Sequence[Sequence[Any]]:
            self._check_open()
            with self._translate("read"):
                rows: Sequence[Sequence[Any]] = self._connection.execute(
                    query, {**params, "after": start, "upper": upper, "limit": _PAGE_SIZE}
                ).fetchall()
            return rows
        return paged(fetch, after, upper, _PAGE_SIZE)

    def records(self, *, after_seq: int = 0) -> Iterator[StoredRecord]:
        """Stored records after ``after_seq``, fetched in pages; see
        :meth:`EventStore.records`. Raises :class:`~taji_events.errors.StoreError`.
        Since 0.1.0."""
        self._check_open()
        self._check_read_bounds(after_seq, None, None)
        return (_record(row) for row in self._pages(_RECORDS_PAGE, {}, after_seq,
                                                     self.last_seq()))

    def last_seq(self) -> int:
        """The ``seq`` of the newest recorded event, 0 for an empty store.

        Raises :class:`~taji_events.errors.StoreError`. Since 0.1.0."""
        self._check_open()
        with self._translate("read"):
            row = self._connection.execute("SELECT coalesce(max(seq), 0) FROM taji_events").fetchone()
        return int(row[0]) if row else 0

    def incidents(self) -> list[str]:
        """Every incident id named by a declaration or a claim, sorted.

        Raises :class:`~taji_events.errors.StoreError`. Since 0.1.0."""
        self._check_open()
        with self._translate("read"):
            rows = self._connection.execute(
                'SELECT DISTINCT incident COLLATE "C" FROM taji_event_incidents ORDER BY 1'
            ).fetchall()
        return [incident for (incident,) in rows]

    def wait_for_append(self, after_seq: int, timeout: float) -> int:
        """Wait up to ``timeout`` seconds until :meth:`last_seq` exceeds
        ``after_seq``, woken by the NOTIFY each append sends (a second
        connection LISTENs); return the last seq. Raises
        :class:`~taji_events.errors.StoreError`. Since 0.1.0."""
        self._check_open()
        with self._translate("listen to"):
            if self._listener is None:
                from psycopg import sql

                self._listener = self._psycopg.connect(self._dsn, autocommit=True)
                self._listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
            listener = self._listener
            deadline = time.monotonic() + max(timeout, 0.0)
            while True:
                last = self.last_seq()
                remaining = deadline - time.monotonic()
                if last > after_seq or remaining <= 0:
                    return last
                # A NOTIFY makes the socket readable; running a query takes it in.
                # The slice bounds the wait should a notification ever be missed.
                ready, _, _ = select.select([listener.fileno()], [], [], min(remaining, 1.0))
                if ready:
                    listener.execute("SELECT 1")

    def close(self) -> None:
        """Close the connections; closing twice is harmless. Since 0.1.0."""
        if not self._closed:
            self._closed = True
            for connection in (self._connection, self._listener):
                if connection is not None:
                    with contextlib.suppress(Exception):
                        connection.close()
