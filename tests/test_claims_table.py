"""The flat claims table, its files (CSV, JSON Lines, Parquet) and typed data frames."""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import orjson
import pandas as pd
import polars as pl
import pytest
from scenario import INCIDENT, declare, report, retract, said

import taji_events as te
from taji_events.claims_table import CLAIM_COLUMNS, claim_rows, write_claims
from taji_events.cli import main
from taji_events.errors import InvalidQueryError, MissingDependencyError, TimeParseError, UnknownIncidentError
from taji_events.frames import STATE_COLUMNS, claims_frame, state_frame, timeline_frame
from taji_events.memory import MemoryStore
from taji_events.testing import TickingClock

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"


@pytest.fixture(scope="module")
def seeded() -> te.EventStore:
    store = MemoryStore(TickingClock())
    store.append(te.read_jsonl(SEED))
    return store


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("claims") / "events.db")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["ingest", str(SEED), "--db", db]) == 0
    return db


def store_of(*events: te.Event) -> te.EventStore:
    store = MemoryStore(TickingClock())
    store.append([declare(), *events])
    return store


# -- the rows -----------------------------------------------------------------------------------

def test_one_row_per_active_claim_of_the_seeds(seeded: te.EventStore) -> None:
    rows = claim_rows(seeded, [TAJI])
    state = te.known_at(seeded, TAJI)
    assert [row["ref"] for row in rows] == [item.ref for item in state.claims]
    assert all(list(row) == list(CLAIM_COLUMNS) for row in rows)
    assert {row["status"] for row in rows} == {"active"}
    centcom = next(row for row in rows if row["ref"] == "thedrive-taji-rocket-attack@3#12")
    assert {key: centcom[key] for key in (
        "field", "low", "high", "stated", "qualifier", "breakdown", "hedge", "speaker",
        "speaker_kind", "source", "report_id", "revision", "published_precision",
        "published_text")} == {
        "field": "killed", "low": 3, "high": 3, "stated": 3, "qualifier": "exact",
        "breakdown": "GB=1; US=2", "hedge": "confirmed", "speaker": "U.S. Central Command",
        "speaker_kind": "official_on_record", "source": "The Drive",
        "report_id": "thedrive-taji-rocket-attack", "revision": 3,
        "published_precision": "minute", "published_text": "8:15pm EST"}
    # Carried over from the 6:20pm EST update: first published then, recorded at its own seq.
    assert centcom["first_published_earliest"] == datetime(2020, 3, 11, 22, 20, tzinfo=UTC)
    assert centcom["published_earliest"] == datetime(2020, 3, 12, 0, 15, tzinfo=UTC)
    events = {item.event.identity: item for item in seeded.read()}
    recorded = events["report:thedrive-taji-rocket-attack@3"]
    assert (centcom["seq"], centcom["recorded_at"]) == (recorded.seq, recorded.recorded_at)
    text = next(e.text for e in te.read_jsonl(SEED) if getattr(e, "identity", "")
                == "report:thedrive-taji-rocket-attack@3")
    assert text is not None
    assert text[centcom["evidence_start"]:centcom["evidence_end"]] == centcom["quote"]


def test_attribution_rows_carry_actor_and_stance(seeded: te.EventStore) -> None:
    rows = [row for row in claim_rows(seeded, [TAJI]) if row["field"] == "attribution"]
    assert rows and all(row["kind"] == "attribution" and row["low"] is None for row in rows)
    assert {(row["actor"], row["stance"]) for row in rows} >= {
        (None, "no_claim"), ("Iran-backed Iraqi militias", "suspected")}


def test_at_takes_what_was_published_by_then(seeded: te.EventStore) -> None:
    early = claim_rows(seeded, [TAJI], at="2020-03-11T22:30Z")
    assert {row["ref"].split("#")[0] for row in early} == {"thedrive-taji-rocket-attack@1"}
    assert {row["as_of"] for row in early} == {datetime(2020, 3, 11, 22, 31, tzinfo=UTC)}
    possible = claim_rows(seeded, [TAJI], at="2020-03-11T22:30Z", mode="possible")
    assert len(possible) > len(early)


def test_a_retracted_report_shows_as_withdrawn_from_its_time_on() -> None:
    store = store_of(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3")),
                     report("r2", 0, "2020-03-11T19:00Z", said("wounded", "4")),
                     retract("r1", "2020-03-12T10:00Z"))
    before = claim_rows(store, [INCIDENT], at="2020-03-12T09:00Z")
    assert [(row["report_id"], row["status"]) for row in before] == [("r1", "active"),
                                                                      ("r2", "active")]
    after = claim_rows(store, [INCIDENT])
    assert [(row["report_id"], row["status"]) for row in after] == [("r2", "active"),
                                                                     ("r1", "withdrawn")]


def test_bad_input_is_a_library_error(seeded: te.EventStore, tmp_path: Path) -> None:
    with pytest.raises(UnknownIncidentError, match="camp-nowhere"):
        claim_rows(seeded, [TAJI, "camp-nowhere"])
    with pytest.raises(InvalidQueryError, match=r"pass \['taji-2020-03-11'\]"):
        claim_rows(seeded, TAJI)
    with pytest.raises(InvalidQueryError, match="mode"):
        claim_rows(seeded, [TAJI], at="2020-03-12", mode="maybe")
    with pytest.raises(TimeParseError):
        claim_rows(seeded, [TAJI], at="2020-03-11T18:00")
    with pytest.raises(InvalidQueryError, match="csv, jsonl, parquet"):
        write_claims(claim_rows(seeded, [TAJI]), tmp_path / "x.xlsx", format="xlsx")
    with pytest.raises(InvalidQueryError, match="file path"):
        write_claims(claim_rows(seeded, [TAJI]), io.StringIO(), format="parquet")
    with pytest.raises(InvalidQueryError, match="does not fit the columns"):
        write_claims([{"incident": TAJI}], io.StringIO(), format="csv")


# -- files --------------------------------------------------------------------------------------

def test_csv_and_jsonl_hold_the_rows(seeded: te.EventStore) -> None:
    rows = claim_rows(seeded, [TAJI])
    text = io.StringIO()
    write_claims(rows, text, format="csv")
    read = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert list(read[0]) == list(CLAIM_COLUMNS)
    assert read[0]["published_earliest"] == "2020-03-10T10:00:00Z"
    assert read[0]["low"] == str(rows[0]["low"]) and read[0]["scope"] == ""
    lines = io.StringIO()
    write_claims(rows, lines, format="jsonl")
    objects = [orjson.loads(line) for line in lines.getvalue().splitlines()]
    assert len(objects) == len(rows)
    assert objects[0]["seq"] == rows[0]["seq"] and objects[0]["high"] == rows[0]["high"]
    assert objects[0]["recorded_at"].endswith("Z")


def test_parquet_reads_back_typed_in_duckdb_and_polars(seeded: te.EventStore,
                                                       tmp_path: Path) -> None:
    rows = claim_rows(seeded, [TAJI])
    path = tmp_path / "claims.parquet"
    write_claims(rows, path, format="parquet")
    described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    types = {name: kind for name, kind, *_ in described}
    assert types["low"] == "BIGINT" and types["seq"] == "BIGINT"
    assert types["published_earliest"] == "TIMESTAMP WITH TIME ZONE"
    assert types["quote"] == "VARCHAR"
    # Open-ended highs are NULL, not NaN or 0.
    open_high = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}') "
                           "WHERE kind = 'count' AND high IS NULL").fetchall()
    assert open_high == [(sum(1 for r in rows if r["kind"] == "count" and r["high"] is None),)]
    frame = pl.read_parquet(path)
    assert frame.columns == list(CLAIM_COLUMNS)
    assert frame.schema["high"] == pl.Int64 and frame.schema["revision"] == pl.Int64
    assert frame.schema["recorded_at"] == pl.Datetime("us", "UTC")
    assert frame.height == len(rows)
    assert frame["high"].null_count() == sum(1 for r in rows if r["high"] is None)
    assert frame["published_earliest"][0] == rows[0]["published_earliest"]


# -- data frames --------------------------------------------------------------------------------

def test_frames_have_nullable_integers_and_utc_times(seeded: te.EventStore) -> None:
    claims = claims_frame(claim_rows(seeded, [TAJI]))
    assert str(claims["high"].dtype) == "Int64" and claims["high"].isna().any()
    assert str(claims["recorded_at"].dtype) == "datetime64[us, UTC]"
    assert isinstance(claims["quote"].dtype, pd.StringDtype)
    state = state_frame(te.believed_at(seeded, TAJI, "2020-03-13", policy="range"))
    assert list(state.columns) == list(STATE_COLUMNS)
    killed = state[state["field"] == "killed"].iloc[0]
    assert (killed["low"], killed["best"], killed["high"]) == (3, 3, 3)
    assert str(state["best"].dtype) == "Int64" and str(state["high_open"].dtype) == "boolean"
    assert state["at"].iloc[0] == pd.Timestamp("2020-03-14T12:00Z")
    timeline = timeline_frame(te.timeline(seeded, TAJI))
    assert str(timeline["at"].dtype) == "datetime64[us, UTC]"
    assert str(timeline["best"].dtype) == "Int64"
    first = timeline.iloc[0]
    assert (first["field"], first["best"], first["changed_by"]) == (
        "killed", 3, "thedrive-taji-rocket-attack@1")


def test_frames_without_pandas_name_the_extra(seeded: te.EventStore,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"taji_events\[frames\]"):
        claims_frame(claim_rows(seeded, [TAJI]))


def test_parquet_without_pyarrow_names_the_extra(seeded: te.EventStore, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    path = tmp_path / "claims.parquet"
    with pytest.raises(MissingDependencyError, match=r"taji_events\[parquet\]"):
        write_claims(claim_rows(seeded, [TAJI]), path, format="parquet")
    assert not path.exists()


# -- the command line ---------------------------------------------------------------------------

def test_claims_command_through_a_subprocess(seed_db: str, tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "taji_events", "claims", TAJI, "--db", seed_db]
    done = subprocess.run([*cli, "--at", "2020-03-11T22:30Z"], capture_output=True, text=True,
                          check=True)
    read = list(csv.DictReader(io.StringIO(done.stdout)))
    first_update = next(e for e in te.read_jsonl(SEED)
                        if getattr(e, "identity", "") == "report:thedrive-taji-rocket-attack@1")
    assert isinstance(first_update, te.ReportPublished)
    assert len(read) == sum(claim.incident == TAJI for claim in first_update.claims)
    assert {row["revision"] for row in read} == {"1"}
    out = tmp_path / "claims.parquet"
    done = subprocess.run([*cli, "--format", "parquet", "--out", str(out)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().startswith("wrote ") and "claim rows (parquet)" in done.stdout
    assert pl.read_parquet(out).height == len(claim_rows(te.open_store(seed_db), [TAJI]))
    failed = subprocess.run([*cli, "--format", "parquet"], capture_output=True, text=True,
                            check=False)
    assert failed.returncode == 2
    assert failed.stderr.strip() == ("taji-events: error: --format parquet writes a binary "
                                     "file: add --out FILE.parquet")


@pytest.mark.parametrize(("argv", "message"), [
    (["--format", "xlsx"], "--format 'xlsx' is not a known format; use one of csv, jsonl, parquet"),
    (["--mode", "possible"], "--mode only applies with --at (without --at every recorded report "
                             "counts); add --at T or drop --mode"),
    (["--at", "2020-03-12", "--mode", "maybe"], "--mode 'maybe' is not a known mode; use one of "
                                                "certain, possible"),
])
def test_claims_command_errors_name_the_option_and_write_nothing(
        seed_db: str, tmp_path: Path, argv: list[str], message: str) -> None:
    out = tmp_path / "kept.csv"
    out.write_text("an earlier table\n", encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        status = main(["claims", TAJI, *argv, "--out", str(out), "--db", seed_db])
    assert (status, stderr.getvalue().strip()) == (2, f"taji-events: error: {message}")
    assert out.read_text(encoding="utf-8") == "an earlier table\n"
