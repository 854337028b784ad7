"""A shared :class:`~taji_events.store.EventStore` in PostgreSQL (psycopg 3).

Install with the ``postgres`` extra (``pip install 'taji_events[postgres]'``);
psycopg is imported only when a :class:`PostgresStore` is opened, so the rest of
the library works without it.

Tables (in the first schema of the connection's ``search_path``, so several
stores can share a database, one schema each): ``taji_events`` (one row per
event: seq, batch_end, recorded_at, identity, type, version, report_id,
content_hash, chain_hash, envelope), ``taji_event_incidents`` (which incidents
an event names) and ``taji_store`` (the schema version). A trigger refuses
UPDATE, DELETE and TRUNCATE of events. Schema version 2 indexes the first 16
digits of ``content_hash``, so that an append finds a stored event by its
content even when its ``identity`` column was edited.

The DSN's password never appears in a message: errors and ``repr`` show the
DSN through :func:`redact`, and a libpq error that quotes any part of the
DSN is rewritten the same way.

Every append takes ``LOCK TABLE taji_events IN EXCLUSIVE MODE`` (readers are
not blocked) and numbers its events ``max(seq) + 1`` onwards inside that
transaction: a SEQUENCE would leave gaps when a transaction rolls back, the
lock leaves none, whichever process or host writes. The commit notifies
``LISTEN``-ers on channel ``taji_events:<schema>`` with the new last seq.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import select
import time
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from taji_events.claim_row_tables import (
    DROP_TABLES,
    incident_view,
    row_queries,
    table_rows,
    tables,
)
from taji_events.claim_rows import (
    CLAIMS_TABLE,
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
    with_columns,
)
from taji_events.store import (
    EventStore,
    StoredRecord,
)

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresStore"]

SCHEMA_VERSION: Final = 2
_SCHEMA_LOCK: Final = 0x54414A49  # "TAJI": serialises creating the tables
_PAGE_SIZE: Final = 500
_COLUMNS: Final = "seq, batch_end, recorded_at, chain_hash, envelope"

_CONTENT_INDEX: Final = ("CREATE INDEX IF NOT EXISTS taji_events_by_content "
                         "ON taji_events (left(content_hash, 16))")
# Claim rows: a projection of the log beside it, not part of the log's schema
# (its version does not move): created when missing, empty and complete up to
# seq 0, so the first read that needs them builds them from the log; rebuilt
# whenever their layout changes. See taji_events.claim_rows and SQLiteStore.
_ROWS_TABLES: Final = tables("BYTEA")
_ROWS_SCHEMA: Final = (
    *_ROWS_TABLES,
    f"INSERT INTO taji_store VALUES ('claim_rows', '{ROWS_VERSION} 0')",
)
# Ordered by code point (COLLATE "C"), as merged_rows and sorted() compare strings.
_PARAM: Final = "%({})s".format
_ROWS: Final = row_queries(_PARAM, ' COLLATE "C"', events="taji_events")
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
    _CONTENT_INDEX,
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
_VERIFY_PAGE: Final = f"""
SELECT {_COLUMNS}, identity, type, version, report_id, content_hash FROM taji_events
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


_URL: Final = re.compile(r"(postgres(?:ql)?://)([^\s'\"]*)", re.IGNORECASE)
_KEYWORD_PASSWORD: Final = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'?|\S+)",
                                      re.IGNORECASE)
_QUERY_PASSWORD: Final = re.compile(r"([?&]password=)[^&\s'\"]*", re.IGNORECASE)


def _redact_url(match: re.Match[str]) -> str:
    scheme, rest = match[1], match[2]
    # The user info ends at the last "@" (an unencoded "@" in a password is
    # common); everything after its first ":" is the password.
    at = rest.rfind("@")
    if at >= 0 and ":" in rest[:at]:
        user = rest[:at].split(":", 1)[0]
        rest = f"{user}:***{rest[at:]}"
    return scheme + _QUERY_PASSWORD.sub(r"\1***", rest)


def redact(dsn: str) -> str:
    """``dsn`` (a URL or a libpq ``key=value`` string, or any text quoting
    one) with every password replaced by ``***``, for messages. Since 0.1.0."""
    return _KEYWORD_PASSWORD.sub(r"\1***", _URL.sub(_redact_url, dsn))


def _secrets(dsn: str) -> list[str]:
    """The password of ``dsn`` as written and percent-decoded, longest first."""
    found = []
    for match in _URL.finditer(dsn):
        rest = match[2]
        at = rest.rfind("@")
        if at >= 0 and ":" in rest[:at]:
            found.append(rest[:at].split(":", 1)[1])
        found.extend(query[len("password="):] for query in re.split(r"[?&]", rest)
                     if query.lower().startswith("password="))
    found.extend(match[2].strip("'") for match in _KEYWORD_PASSWORD.finditer(dsn))
    # libpq splits a URL with an unencoded "@" or ":" in the password and may
    # quote a piece of it as a host or port.
    pieces = [piece for secret in found if "@" in secret or ":" in secret
              for piece in re.split(r"[@:]", secret) if len(piece) >= 2]
    variants = {variant for secret in [*found, *pieces] if secret
                for variant in (secret, urllib.parse.unquote(secret))}
    return sorted(variants, key=len, reverse=True)


def scrub(message: str, dsn: str) -> str:
    """``message`` with the DSN and its password in any form taken out, for an
    error that quotes them (libpq quotes the part of a DSN it cannot parse).
    Since 0.3.0."""
    message = redact(message.replace(dsn, redact(dsn)))
    for secret in _secrets(dsn):
        message = message.replace(secret, "***")
    return message


def _record(row: Sequence[Any]) -> StoredRecord:
    seq, batch_end, recorded_at, digest, envelope = row
    return StoredRecord(seq=seq, batch_end=batch_end, recorded_at=recorded_at.astimezone(UTC),
                        hash=digest, envelope=bytes(envelope))


class _PostgresRecorder(Recorder):
    """The connections, the table lock and the SQL."""

    def __init__(self, dsn: str, *, connect_timeout: int) -> None:
        self._dsn = dsn
        self._closed = True
        self._psycopg = _psycopg()
        self._listener: psycopg.Connection[Any] | None = None
        self._scans = itertools.count(1)  # names the server-side cursors of each scan
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
                for statement in (*_SCHEMA, *_ROWS_SCHEMA):
                    self._connection.execute(statement)
                return
            version = self._connection.execute(
                "SELECT value FROM taji_store WHERE key = 'schema_version'").fetchone()
            if version is None or int(version[0]) > SCHEMA_VERSION:
                raise StoreError(f"{self!r} has store schema version {version and version[0]}, "
                                 f"newer than this taji_events reads ({SCHEMA_VERSION}); "
                                 "upgrade taji_events")
            if int(version[0]) < SCHEMA_VERSION:
                self._connection.execute(_CONTENT_INDEX)
            found = self._connection.execute(f"SELECT to_regclass('{CLAIMS_TABLE}')").fetchone()
            if found is None or found[0] is None:
                for statement in _ROWS_SCHEMA:
                    self._connection.execute(statement)
                self._connection.execute("UPDATE taji_store SET value = %s "
                                         "WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    @contextlib.contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        """Turn psycopg's errors into StoreError naming the store and the action,
        without the DSN's password."""
        try:
            yield
        except self._psycopg.Error as error:
            text = str(error).strip()
            detail = scrub(text.splitlines()[0], self._dsn) if text else type(error).__name__
            # The cause is dropped when it quotes the DSN: its text would show the password.
            quoted = any(part in text for part in (self._dsn, *_secrets(self._dsn)))
            cause = None if quoted else error
            hint = ("check the DSN: percent-encode special characters in a URL's password "
                    "(% as %25, @ as %40, : as %3A)" if quoted else
                    "is the server running, and are host, port, user and password right?"
                    if isinstance(error, self._psycopg.OperationalError) else "see the cause")
            raise StoreError(f"{self!r}: could not {action} the database: {detail}; "
                             f"{hint}") from cause

    def check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self!r} is closed; open it again with PostgresStore(dsn)")

    @contextlib.contextmanager
    def write_lock(self, action: str) -> Iterator[None]:
        with self._translate(f"{action} into" if action == "import" else f"{action} to"), \
                self._connection.transaction():
            # EXCLUSIVE blocks other writers (and only them) until COMMIT; in READ
            # COMMITTED every statement after it sees what they committed before.
            self._connection.execute("LOCK TABLE taji_events IN EXCLUSIVE MODE")
            yield

    def head(self) -> StoredRecord | None:
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM taji_events ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else _record(row)

    def clock(self) -> datetime:
        """The server's ``clock_timestamp()``: one clock for every writer."""
        with self._translate("read the clock of"):
            row = self._connection.execute("SELECT clock_timestamp()").fetchone()
        assert row is not None
        now: datetime = row[0].astimezone(UTC)
        return now

    def stored_identities(self, items: Sequence[PreparedEvent]) -> list[StoredIdentity]:
        rows = self._connection.execute(
            "SELECT seq, identity, content_hash, envelope FROM taji_events "
            "WHERE identity = ANY(%s) OR left(content_hash, 16) = ANY(%s)",
            ([item.identity for item in items],
             [item.content_hash[:16] for item in items])).fetchall()
        return [StoredIdentity(seq=seq, identity=identity, content_hash=content_hash,
                               envelope=bytes(envelope))
                for seq, identity, content_hash, envelope in rows]

    def insert(self, written: Sequence[Written],
               derived: Mapping[str, Sequence[tuple[Any, ...]]]) -> None:
        # COPY, not INSERT: one round trip and no per-row statement, so the table
        # lock (which every writer waits for) is held for as short a time as possible.
        with self._connection.cursor() as cursor:
            with cursor.copy("COPY taji_events (seq, batch_end, recorded_at, identity, type, "
                             "version, report_id, content_hash, chain_hash, envelope) "
                             "FROM STDIN") as copy:
                for record, item in written:
                    copy.write_row((record.seq, record.batch_end, record.recorded_at,
                                    item.identity, item.type, item.version, item.report_id,
                                    item.content_hash, record.hash, record.envelope))
            with cursor.copy("COPY taji_event_incidents (incident, seq) FROM STDIN") as copy:
                for record, item in written:
                    for incident in sorted(item.incidents):
                        copy.write_row((incident, record.seq))
            self._copy_derived(cursor, derived)
        self._connection.execute("SELECT pg_notify(%s, %s)",
                                 (self._channel, str(written[-1][0].seq)))

    @staticmethod
    def _copy_derived(cursor: Any, derived: Mapping[str, Sequence[tuple[Any, ...]]]) -> None:
        for table, rows in table_rows(derived, cursor.execute, _PARAM).items():
            if rows:
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)

    def rows_state(self) -> tuple[int, int] | None:
        with self._translate("read the claim rows' state of"):
            row = self._connection.execute(
                "SELECT value FROM taji_store WHERE key = 'claim_rows'").fetchone()
        if row is None:
            return None
        version, seq = str(row[0]).split()
        return int(version), int(seq)

    def reset_rows(self, version: int) -> None:
        # Dropped and made again: a new layout may have other columns.
        for statement in (*DROP_TABLES, *_ROWS_TABLES):
            self._connection.execute(statement)
        self._connection.execute("UPDATE taji_store SET value = %s WHERE key = 'claim_rows'",
                                 (f"{version} 0",))

    def insert_rows(self, derived: Mapping[str, Sequence[tuple[Any, ...]]], seq: int) -> None:
        with self._connection.cursor() as cursor:
            self._copy_derived(cursor, derived)
        self._connection.execute(
            "UPDATE taji_store SET value = split_part(value, ' ', 1) || ' ' || %s "
            "WHERE key = 'claim_rows'", (str(seq),))

    def select_rows(self, incident: str | None, upper: int) -> Iterator[IncidentRows]:
        self.check_open()
        params = {"incident": incident, "upper": upper}
        connection = self._connection
        with self._translate("read claim rows from"):
            if incident is not None:
                groups, edges = incident_view(
                    connection.execute(_ROWS.incident_claims, params).fetchall())
                rows = one_incident_rows(self, incident, groups, edges, connection.execute(
                    _ROWS.incident_declarations, params))
                return iter(() if rows.empty else (rows,))
        return self._scan_rows(params)

    def _scan_rows(self, params: dict[str, Any]) -> Iterator[IncidentRows]:
        """Every incident's claim rows, streamed: two server-side cursors,
        fetched ``_PAGE_SIZE`` rows at a time and merged an incident at a time,
        so the client holds one incident's rows plus a page of each.

        The cursors are ``WITH HOLD``: the server keeps each result once its
        statement commits, so no transaction stays open between the incidents
        handed out (an append made meanwhile commits as usual, and two scans may
        run side by side). Rows above ``upper`` are excluded by the seq bound,
        so every cursor answers at the same log position."""
        number = next(self._scans)
        with self._translate("read claim rows from"), contextlib.ExitStack() as cursors:
            streams = []
            for kind, query in (("claims", _ROWS.all_claims),
                                ("declarations", _ROWS.all_declarations)):
                cursor = cursors.enter_context(self._connection.cursor(
                    name=f"taji_events_{kind}_{number}", withhold=True))
                cursor.itersize = _PAGE_SIZE
                cursor.execute(query, params)
                streams.append(cursor)
            yield from merged_rows(streams[0], (), declaration_rows(self, streams[1]),
                                   views=incident_view)

    def upper_seq(self, until_seq: int | None, recorded_until: datetime | None) -> int:
        with self._translate("read"):
            upper = self.last_seq() if until_seq is None else min(until_seq, self.last_seq())
            if recorded_until is not None:
                # recorded_at never decreases with seq, so the bound is a seq prefix.
                row = self._connection.execute(
                    "SELECT seq FROM taji_events WHERE recorded_at <= %s "
                    "ORDER BY recorded_at DESC, seq DESC LIMIT 1", (recorded_until,)).fetchone()
                upper = min(upper, row[0] if row else 0)
        return upper

    def select(self, incident: str | None, after_seq: int, upper: int) -> Iterator[Row]:
        query = _ALL_PAGE if incident is None else _INCIDENT_PAGE
        return self._pages(query, {"incident": incident}, after_seq, upper)

    def select_records(self, after_seq: int) -> Iterator[StoredRecord]:
        return (_record(row) for row in self._pages(_RECORDS_PAGE, {}, after_seq,
                                                     self.last_seq()))

    def select_for_verify(self) -> Iterator[tuple[StoredRecord, StoredColumns | None]]:
        upper = self.last_seq()
        # A server-side cursor streams the incident index in seq order beside
        # the pages of events, in one transaction.
        with self._translate("verify"), self._connection.transaction(), \
                self._connection.cursor(name="taji_events_verify") as indexed:
            indexed.execute("SELECT seq, incident FROM taji_event_incidents "
                            "WHERE seq <= %s ORDER BY seq", (upper,))
            yield from with_columns(self._pages(_VERIFY_PAGE, {}, 0, upper), indexed, _record)

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
        with self._translate("read"):
            row = self._connection.execute("SELECT coalesce(max(seq), 0) FROM taji_events"
                                           ).fetchone()
        return int(row[0]) if row else 0

    def incidents(self) -> list[str]:
        with self._translate("read"):
            rows = self._connection.execute(
                'SELECT DISTINCT incident COLLATE "C" FROM taji_event_incidents ORDER BY 1'
            ).fetchall()
        return [incident for (incident,) in rows]

    def wait_for_append(self, after_seq: int, timeout: float) -> int:
        """Wait until :meth:`last_seq` exceeds ``after_seq``, woken by NOTIFY."""
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
        if not self._closed:
            self._closed = True
            for connection in (self._connection, self._listener):
                if connection is not None:
                    with contextlib.suppress(Exception):
                        connection.close()


class PostgresStore(EventStore):
    """An event log in a PostgreSQL database that many processes and hosts
    share, at ``dsn`` (``postgresql://user:password@host:5432/dbname``, or a
    libpq ``key=value`` string). The tables are created if missing.

    ``clock=None`` takes ``recorded_at`` from the server's ``clock_timestamp()``
    (one clock for every writer); pass a clock (aware datetimes) to override.
    Either way ``recorded_at`` never decreases with ``seq``. A store object
    belongs to the thread that opened it.

    Raises :class:`~taji_events.errors.StoreError` when psycopg is missing, the
    server cannot be reached, or the schema holds a newer store version; no
    message shows the DSN's password.
    Since 0.1.0.
    """

    def __init__(self, dsn: str, clock: Clock | None = None, *, connect_timeout: int = 10) -> None:
        self._database = _PostgresRecorder(dsn, connect_timeout=connect_timeout)
        super().__init__(self._database, clock)

    def __repr__(self) -> str:
        return repr(self._database)

    def wait_for_append(self, after_seq: int, timeout: float) -> int:
        """Wait up to ``timeout`` seconds until :meth:`last_seq` exceeds
        ``after_seq``, woken by the NOTIFY each append sends (a second
        connection LISTENs); return the last seq. Raises
        :class:`~taji_events.errors.StoreError`. Since 0.1.0."""
        self._database.check_open()
        return self._database.wait_for_append(after_seq, timeout)
