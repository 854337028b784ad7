"""PostgresStore against the public store contract (taji_events.testing.StoreContract),
plus what only PostgreSQL does. The server is the session's (tests/pg.py): without
it these tests skip, and fail under CI=true."""

from __future__ import annotations

import socket
import sys
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
from builders import make_incident, make_report
from pg import PgServer

from taji_events import open_store
from taji_events.cli import main as cli_main
from taji_events.errors import StoreError
from taji_events.postgres import PostgresStore, redact, scrub
from taji_events.store import Clock, EventStore
from taji_events.testing import StoreContract


class TestPostgresStore(StoreContract):
    # Every store is a new schema on the session's server: keep the examples few.
    max_examples = 3
    dsn: str

    @pytest.fixture(autouse=True)
    def _schema(self, pg_server: PgServer, pg_dsn: str) -> None:
        self.server, self.dsn, self.dsns = pg_server, pg_dsn, dict[int, str]()

    def make_clocked_store(self, clock: Clock) -> EventStore:
        """Each store a new schema on the session's server."""
        dsn = self.server.new_dsn()
        store = PostgresStore(dsn, clock)
        self.dsns[id(store)] = dsn
        return store

    def make_derived_table(self, store: EventStore, table: str) -> None:
        self.run_sql(f"CREATE TABLE {table} (seq BIGINT, identity TEXT)", dsn=self.dsn_of(store))

    def read_derived(self, store: EventStore, table: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.dsn_of(store), autocommit=True) as connection:
            return [tuple(row) for row in
                    connection.execute(f"SELECT * FROM {table} ORDER BY seq").fetchall()]

    def dsn_of(self, store: EventStore) -> str:
        return self.dsns[id(store)]

    def run_sql(self, *statements: str, dsn: str | None = None) -> None:
        """Run SQL straight on the store's schema (``self.dsn`` unless given), as psql would."""
        import psycopg

        with psycopg.connect(dsn or self.dsn, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def test_recorded_at_comes_from_the_server_clock_by_default(self) -> None:
        with PostgresStore(self.dsn) as store:
            before = datetime.now(UTC)
            first = store.append([make_incident()]).recorded[0].recorded_at
            second = store.append([make_report("a")]).recorded[0].recorded_at
            after = datetime.now(UTC)
        # The server runs on this machine: its clock agrees with ours to within a second.
        assert before - timedelta(seconds=1) <= first <= second <= after + timedelta(seconds=1)
        assert first.tzinfo == UTC

    def test_open_store_picks_postgres_by_url(self) -> None:
        for url in (self.dsn, self.dsn.replace("postgresql://", "postgres://")):
            with open_store(url) as store:
                assert isinstance(store, PostgresStore)
                store.append([make_incident()])
                assert store.last_seq() == 1

    def test_stores_in_two_schemas_of_one_database_are_separate(
        self, pg_server: PgServer
    ) -> None:
        with PostgresStore(self.dsn) as mine, PostgresStore(pg_server.new_dsn()) as theirs:
            mine.append([make_incident()])
            assert (theirs.last_seq(), theirs.wait_for_append(0, timeout=0.2)) == (0, 0)

    def test_recorded_rows_cannot_be_edited(self) -> None:
        import psycopg

        with PostgresStore(self.dsn) as store:
            store.append([make_incident()])
        for statement in ("UPDATE taji_events SET report_id = 'x'", "DELETE FROM taji_events",
                          "TRUNCATE taji_events CASCADE"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                self.run_sql(statement)

    def test_a_newer_schema_is_refused(self) -> None:
        PostgresStore(self.dsn).close()
        self.run_sql("UPDATE taji_store SET value = '99' WHERE key = 'schema_version'")
        with pytest.raises(StoreError, match=r"version 99, newer .* upgrade taji_events"):
            PostgresStore(self.dsn)

    def test_a_missing_schema_is_named(self, pg_server: PgServer) -> None:
        dsn = pg_server.dsn + "?options=" + quote("-csearch_path=no_such_schema")
        with pytest.raises(StoreError, match="no schema of the search_path exists"):
            PostgresStore(dsn)

    def test_an_unreachable_server_is_named_without_its_password(self) -> None:
        with socket.socket() as probe:  # a loopback port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        dsn = f"postgresql://analyst:s3cret@127.0.0.1:{port}/events"
        with pytest.raises(StoreError, match=r"could not connect to .*server running") as raised:
            PostgresStore(dsn, connect_timeout=2)
        assert "s3cret" not in str(raised.value)
        assert "analyst:***@" in str(raised.value)


def test_without_psycopg_the_error_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(StoreError, match=r"pip install 'taji_events\[postgres\]'"):
        PostgresStore("postgresql://localhost/events")


def test_passwords_are_redacted_from_connection_strings() -> None:
    assert redact("postgresql://me:pw@db:5432/x") == "postgresql://me:***@db:5432/x"
    assert redact("host=db password=pw user=me") == "host=db password=*** user=me"
    assert redact("postgresql://db/x") == "postgresql://db/x"


#: DSNs libpq cannot parse or reach, each with a password it may quote back.
BAD_DSNS = [
    ("postgresql://alice:50%off@127.0.0.1:1/db", "50%off"),
    ("postgresql://alice:s3cr3t-pw@[::1:5432/db", "s3cr3t-pw"),
    ("postgresql://bob:qx7@zz9:w0rdy@127.0.0.1:1/db?connect_timeout=1", "qx7@zz9:w0rdy"),
    ("host=127.0.0.1 port=1 password=hunter22 user=x dbname=y connect_timeout=1", "hunter22"),
    ("postgresql://u@127.0.0.1:1/db?password=topsecret&connect_timeout=1", "topsecret"),
]


@pytest.mark.parametrize(("dsn", "password"), BAD_DSNS)
def test_no_error_shows_the_password_of_a_bad_dsn(
    dsn: str, password: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreError) as raised:
        PostgresStore(dsn, connect_timeout=1)
    shown = [str(raised.value), repr(raised.value)]
    cause = raised.value.__cause__
    shown.extend([] if cause is None else [str(cause), repr(cause)])
    for fragment in {password, *password.replace("@", ":").split(":")} - {""}:
        assert all(fragment not in text for text in shown), (fragment, shown)
    assert "could not connect" in shown[0]
    assert cli_main(["incidents", "--db", dsn]) == 2
    error = capsys.readouterr().err
    # The command line takes only URLs as PostgreSQL; a key=value string names no store.
    assert ("could not connect" if dsn.startswith("postgresql") else "no store") in error
    assert password not in error
    assert all(piece not in error for piece in password.replace("@", ":").split(":"))


def test_scrub_takes_every_form_of_the_password_out_of_a_message() -> None:
    dsn = "postgresql://me:p%40ss@db/x"
    assert scrub(f'bad URI "{dsn}", token "p%40ss", decoded "p@ss"', dsn) == \
        'bad URI "postgresql://me:***@db/x", token "***", decoded "***"'
