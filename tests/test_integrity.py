"""Integrity: verify() finds an event changed, removed, added or moved behind the
store's back — straight in the SQLite table, the JSON Lines file or the
PostgreSQL table — and names the first seq that no longer checks out."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from builders import OTHER, ManualClock, make_report
from store_suite import SHARED_BACKENDS, TAMPERINGS, Opener, make_opener, sample_log

from taji_events.jsonl import TornWriteError
from taji_events.line_format import decode_line, encode_line
from taji_events.serialization import dumps_event
from taji_events.store import EventStore, IntegrityError, StoredRecord, format_recorded_at

Tamper = Callable[[Opener, list[StoredRecord]], None]
FORGED = make_report("forged")
#: What each tampering does to the sample log (batches 1-2, 3-5, 6, 7), and where
#: verify() must point. Each backend does the same damage its own way below.
EXPECTED = {name: seq for name, (_, seq) in TAMPERINGS.items()}


def _sqlite(opener: Opener, *statements: tuple[str, tuple[object, ...]]) -> None:
    connection = sqlite3.connect(opener.location, isolation_level=None)
    try:
        connection.execute("DROP TRIGGER IF EXISTS events_are_append_only_update")
        connection.execute("DROP TRIGGER IF EXISTS events_are_append_only_delete")
        for sql, params in statements:
            connection.execute(sql, params)
    finally:
        connection.close()


def _postgres(opener: Opener, *statements: tuple[str, tuple[object, ...]]) -> None:
    import psycopg

    with psycopg.connect(opener.location, autocommit=True) as connection:
        # Replica mode skips triggers and foreign keys: what a careless admin might do.
        connection.execute("SET session_replication_role = replica")
        for sql, params in statements:
            connection.execute(sql.replace("?", "%s").replace("events", "taji_events")
                               .replace("event_incidents", "taji_event_incidents"), params)


def _sql(run: Callable[..., None]) -> dict[str, Tamper]:
    forged = dumps_event(FORGED)
    return {
        "modified": lambda opener, log: run(opener, (
            "UPDATE events SET envelope = ? WHERE seq = 4",
            (dumps_event(make_report("b", killed=30)),))),
        "recorded_at": lambda opener, log: run(opener, (
            "UPDATE events SET recorded_at = ? WHERE seq = 6",
            (format_recorded_at(log[5].recorded_at.replace(microsecond=1)),))),
        "deleted": lambda opener, log: run(opener, ("DELETE FROM events WHERE seq = 4", ())),
        "inserted": lambda opener, log: run(
            opener,
            ("UPDATE events SET seq = -seq - 1 WHERE seq >= 3", ()),
            ("UPDATE events SET seq = -seq, batch_end = batch_end + 1 WHERE seq < 0", ()),
            ("INSERT INTO events (seq, recorded_at, identity, type, version, report_id, "
             "content_hash, envelope, batch_end, chain_hash) VALUES (3, ?, 'report:forged@0', "
             "'ReportPublished', 2, 'forged', 'x', ?, 3, ?)",
             (format_recorded_at(log[2].recorded_at), forged, "f" * 64))),
        "reordered": lambda opener, log: run(
            opener, ("UPDATE events SET seq = -1 WHERE seq = 3", ()),
            ("UPDATE events SET seq = 3 WHERE seq = 4", ()),
            ("UPDATE events SET seq = 4 WHERE seq = -1", ())),
        "batch_cut": lambda opener, log: run(opener, ("DELETE FROM events WHERE seq >= 5", ())),
    }


def _jsonl(change: Callable[[list[StoredRecord]], list[StoredRecord]]) -> Tamper:
    def tamper(opener: Opener, log: list[StoredRecord]) -> None:
        lines = Path(opener.location).read_bytes().splitlines(keepends=True)
        records = change([decode_line(line) for line in lines])
        Path(opener.location).write_bytes(b"".join(map(encode_line, records)))
    return tamper


def _edit_line(number: int, edit: Callable[[dict[str, Any]], None]) -> Tamper:
    """Edit one line of the JSON Lines file as a person with a text editor would."""
    def tamper(opener: Opener, log: list[StoredRecord]) -> None:
        lines = Path(opener.location).read_bytes().splitlines(keepends=True)
        data = orjson.loads(lines[number - 1])
        edit(data)
        lines[number - 1] = orjson.dumps(data) + b"\n"
        Path(opener.location).write_bytes(b"".join(lines))
    return tamper


def _kill_three(data: dict[str, Any]) -> None:
    claims = data["data"]["claims"]
    claims[0]["value"]["low"] = claims[0]["value"]["high"] = 30


def _one_microsecond_later(data: dict[str, Any]) -> None:
    stamp = str(data["recorded_at"])  # ...09:01:30.250000Z
    assert stamp.endswith("0Z")
    data["recorded_at"] = stamp[:-2] + "1Z"


#: Run statements straight on a SQL backend's tables, past its triggers.
TAMPER_BY_SQL: dict[str, Callable[..., None]] = {"sqlite": _sqlite, "postgres": _postgres}

TAMPER_BY_BACKEND: dict[str, dict[str, Tamper]] = {
    "sqlite": _sql(_sqlite),
    "postgres": _sql(_postgres),
    "jsonl": {
        "modified": _edit_line(4, _kill_three),
        "recorded_at": _edit_line(6, _one_microsecond_later),
        **{name: _jsonl(change) for name, (change, _) in TAMPERINGS.items()
           if name in ("deleted", "inserted", "reordered", "batch_cut")},
    },
}


def _fill(store: EventStore) -> list[StoredRecord]:
    log = sample_log(ManualClock())
    store.import_records(log)
    return log


@pytest.mark.parametrize("damage", sorted(EXPECTED))
def test_verify_names_the_first_seq_that_was_tampered_with(
    shared_store: Opener, damage: str
) -> None:
    with shared_store() as store:
        log = _fill(store)
        assert store.verify().ok
    TAMPER_BY_BACKEND[shared_store.backend][damage](shared_store, log)
    if shared_store.backend == "jsonl" and damage == "batch_cut":
        # A file that ends inside a batch is what a crash leaves: found on open.
        with pytest.raises(TornWriteError, match=r"line 3\).*seq 1\.\.2"):
            shared_store()
        return
    with shared_store() as store:
        report = store.verify()
        assert report.first_bad_seq == EXPECTED[damage], report
        assert report.checked == EXPECTED[damage] - 1
        assert report.head_hash == log[EXPECTED[damage] - 2].hash
        with pytest.raises(IntegrityError, match=rf"seq {EXPECTED[damage]}: .* restore"):
            report.raise_if_bad()


def test_verify_reports_the_earliest_of_several_changes(shared_store: Opener) -> None:
    with shared_store() as store:
        log = _fill(store)
    tampers = TAMPER_BY_BACKEND[shared_store.backend]
    tampers["recorded_at"](shared_store, log)
    tampers["modified"](shared_store, log)
    with shared_store() as store:
        assert store.verify().first_bad_seq == 4


def test_an_appended_event_chains_on_and_verify_reads_every_event(shared_store: Opener) -> None:
    with shared_store() as store:
        log = _fill(store)
        store.append([make_report("later")])
        records = list(store.records())
        assert records[:-1] == log
        report = store.verify()
        assert (report.ok, report.checked, report.head_hash) == (True, 8, records[-1].hash)


def test_a_repeated_event_with_a_forged_chain_is_refused_on_import(shared_store: Opener) -> None:
    log = sample_log()
    forged = attrs.evolve(log[-1], seq=8, batch_end=8, envelope=log[0].envelope)
    with shared_store() as store, pytest.raises(IntegrityError, match="seq 8"):
        store.import_records([*log, forged])


# -- the columns kept beside the chain (issue 10) -------------------------------------------

SQL_BACKENDS = [backend for backend in SHARED_BACKENDS if backend in TAMPER_BY_SQL]


@pytest.fixture(params=SQL_BACKENDS)
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    """A new SQLite file or PostgreSQL schema holding the sample log."""
    opener = make_opener(request.param, request, tmp_path)
    with opener() as store:
        _fill(store)
    return opener


@pytest.mark.parametrize(("statement", "column"), [
    ("UPDATE events SET identity = 'report:renamed@0' WHERE seq = 4", "identity"),
    ("UPDATE events SET type = 'IncidentDeclared' WHERE seq = 4", "type"),
    ("UPDATE events SET version = 1 WHERE seq = 4", "version"),
    ("UPDATE events SET report_id = 'someone-else' WHERE seq = 4", "report_id"),
    ("UPDATE events SET content_hash = 'x' WHERE seq = 4", "content_hash"),
    ("DELETE FROM event_incidents WHERE seq = 4", "incident index"),
    ("INSERT INTO event_incidents (incident, seq) VALUES ('elsewhere', 4)", "incident index"),
])
def test_verify_rederives_every_column_outside_the_chain_and_names_the_seq(
    sql_store: Opener, statement: str, column: str
) -> None:
    TAMPER_BY_SQL[sql_store.backend](sql_store, (statement, ()))
    with sql_store() as store:
        report = store.verify()
    assert (report.first_bad_seq, report.checked) == (4, 3), report
    assert report.problem is not None and f"stored {column}" in report.problem


def test_an_edited_identity_column_cannot_let_an_event_in_twice(sql_store: Opener) -> None:
    log = sample_log(ManualClock())
    TAMPER_BY_SQL[sql_store.backend](sql_store, (
        "UPDATE events SET identity = 'report:renamed@0' WHERE seq = 4", ()))
    with sql_store() as store:
        stored = store.read(until_seq=4)
        event = [entry.event for entry in stored][-1]
        with pytest.raises(IntegrityError, match=r"seq 4 holds the event 'report:b@0'.*"
                                                 r"'report:renamed@0'.*nothing was written"):
            store.append([make_report("new"), event])
        assert store.last_seq() == len(log)


def test_a_deleted_incident_row_is_found_by_verify_not_silently_lost(sql_store: Opener) -> None:
    TAMPER_BY_SQL[sql_store.backend](sql_store, (
        "DELETE FROM event_incidents WHERE seq = 7", ()))
    with sql_store() as store:
        assert [entry.seq for entry in store.read(incident=OTHER)] == [6]  # what reads trust
        report = store.verify()
    assert report.first_bad_seq == 7 and "incident index" in (report.problem or "")
