"""Analyst rows (UCDP, ACLED, Airwars styles) and IncidentState.to_records()."""

from __future__ import annotations

import contextlib
import csv
import io
import os
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scenario import INCIDENT, declare, report, retract, said

import taji_events as te
from taji_events.cli import main
from taji_events.errors import InvalidQueryError, StoreError, UnknownIncidentError
from taji_events.exports import FORMATS, GRADES, STYLES, export_rows, write_csv, write_rows
from taji_events.memory import MemoryStore
from taji_events.records import RECORD_KEYS
from taji_events.testing import TickingClock, event_streams, query_times

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"
WIRE = te.Source("Wire", "wire")
PAPER = te.Source("Paper", "news_outlet")


@pytest.fixture(scope="module")
def seeded() -> te.EventStore:
    store = MemoryStore(TickingClock())
    store.append(te.read_jsonl(SEED))
    return store


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("rows") / "events.db")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["ingest", str(SEED), "--db", db]) == 0
    return db


def store_of(*events: te.Event) -> te.EventStore:
    store = MemoryStore(TickingClock())
    store.append([declare(), *events])
    return store


def row(store: te.EventStore, style: str, **options: Any) -> dict[str, Any]:
    (only,) = export_rows(store, [INCIDENT], style=style, **options)
    return only


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


# -- the three styles on the seeds ----------------------------------------------------------------

def test_ucdp_row_on_the_seeds_has_range_figures_and_sources(seeded: te.EventStore) -> None:
    (ucdp,) = export_rows(seeded, [TAJI], style="ucdp")
    assert list(ucdp) == list(STYLES["ucdp"])
    assert (ucdp["best"], ucdp["low"], ucdp["high"], ucdp["deaths_status"]) == (3, 3, 3, "confirmed")
    assert ucdp["deaths_breakdown"] == "GB=1; US=2"
    assert (ucdp["rockets_fired_best"], ucdp["rockets_fired_low"], ucdp["rockets_fired_high"],
            ucdp["rockets_fired_status"]) == (18, 15, 30, "disputed")
    assert (ucdp["wounded_low"], ucdp["wounded_high"]) == (12, 14)
    assert ucdp["other_counts"].startswith("launcher_found=1 (1..1) confirmed; ")
    assert ucdp["source_office"] == ("The Drive; Unnamed outlet (seed 000); "
                                     "Unnamed outlet (seed 001); Unnamed outlet (seed 003)")
    # Nine independent origins behind the death figure, the Reuters officials relayed by
    # two outlets counted once.
    assert ucdp["number_of_sources"] == 9
    originals = ucdp["source_original"].split("; ")
    assert "CJTF-OIR (official_on_record)" in originals
    assert [name for name in originals if "Reuters" in name] == [
        "US officials, via Reuters (official_anonymous)"]
    assert (ucdp["date_prec"], ucdp["event_clarity"]) == (1, 1)
    # A nationality breakdown does not say which side the dead were on.
    assert [ucdp[key] for key in ("deaths_a", "deaths_b", "deaths_civilians",
                                  "deaths_unknown")] == [None] * 4
    assert (ucdp["where_description"], ucdp["country_code"]) == ("Camp Taji, Iraq", "IQ")
    assert (ucdp["date_start"], ucdp["date_end"]) == ("2020-03-11", "2020-03-11")
    # A report cannot precede the incident: the window starts at the occurrence.
    assert ucdp["publication_start"] == "2020-03-11T16:30:00Z"
    assert (ucdp["policy"], ucdp["as_of"], ucdp["mode"], ucdp["basis_seq"]) == ("range", None, None, 17)


def test_at_changes_the_values(seeded: te.EventStore) -> None:
    (early,) = export_rows(seeded, [TAJI], style="ucdp", at="2020-03-11T22:30Z")
    (now,) = export_rows(seeded, [TAJI], style="ucdp")
    assert (early["wounded_high"], early["wounded_status"]) == (12, "reported")
    assert (now["wounded_high"], now["wounded_status"]) == (14, "confirmed")
    assert early["rockets_impacted_best"] is None and early["rockets_impacted_status"] == "unknown"
    assert now["rockets_impacted_best"] == 18
    # One outlet, two origins: U.S. Central Command and the reports The Drive relays.
    assert early["source_office"] == "The Drive" and early["number_of_sources"] == 2
    assert (early["as_of"], early["mode"]) == ("2020-03-11T22:31:00Z", "certain")
    (before,) = export_rows(seeded, [TAJI], style="acled", at="2020-03-11T18:00Z")
    assert before["fatalities"] is None and before["fatalities_status"] == "unknown"
    (possible,) = export_rows(seeded, [TAJI], style="acled", at="2020-03-11T18:00Z",
                              mode="possible")
    assert possible["fatalities"] == 3 and possible["mode"] == "possible"


def test_acled_row_codes_the_lowest_credible_figure_and_explains_disputes(
        seeded: te.EventStore) -> None:
    (acled,) = export_rows(seeded, [TAJI], style="acled")
    assert (acled["fatalities"], acled["fatalities_status"]) == (3, "confirmed")
    # Only suspicions and unconfirmed accusations: no actor named, and the notes say why.
    assert acled["actor1"] == "Unidentified Armed Group" and acled["actor1_stance"] is None
    assert acled["time_precision"] == 1
    notes = acled["notes"]
    assert "rockets_fired disputed (lowest credible figure 15): about 15 per The Drive; " \
        "18 per a U.S. official (via VOA); 30 per Unnamed outlet (seed 003)." in notes
    assert "0 per Iraqi officials (unspecified) [set aside], Iraq’s Security Media Cell " \
        "[initial, set aside]" in notes
    assert "Iran-backed Iraqi militias suspected by U.S. government (a suspicion, not a claim " \
        "of responsibility)" in notes
    assert "no group has claimed responsibility (2 statements)" in notes
    assert acled["timestamp"] == 1584187200  # 2020-03-14T12:00Z: the last report's window end
    assert acled["source_kinds"] == "news_outlet"


def test_airwars_rows_on_the_seeds(seeded: te.EventStore) -> None:
    taji, k1 = export_rows(seeded, [TAJI, "k1-2019-12-27"], style="airwars", at="2020-03-12")
    assert (taji["killed_min"], taji["killed_max"], taji["injured_min"], taji["injured_max"]) == \
        (3, 3, 12, 12)
    assert taji["grade"] == "Confirmed"
    assert taji["grade_reason"] == ("killed confirmed on record by CJTF-OIR, U.S. Central Command, "
                                    "U.S.-led coalition")
    assert (taji["belligerent"], taji["belligerent_stance"]) == ("Iran-backed Iraqi militias",
                                                                 "suspected")
    assert (k1["killed_min"], k1["killed_max"], k1["injured_min"]) == (1, 1, None)
    assert (k1["grade"], k1["n_sources"], k1["n_speakers"]) == ("Fair", 3, 3)


# -- formats -------------------------------------------------------------------------------------

@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("format", FORMATS)
def test_every_style_and_format_through_the_cli(seed_db: str, tmp_path: Path, style: str,
                                                format: str) -> None:
    out = tmp_path / f"rows.{format}"
    status, printed, errors = run("export-rows", TAJI, "k1-2019-12-27", "--style", style,
                                  "--format", format, "--out", str(out), "--db", seed_db)
    assert (status, errors) == (0, "")
    assert printed == f"wrote 2 {style} rows ({format}) to {out}\n"
    status, stdout, _ = run("export-rows", TAJI, "k1-2019-12-27", "--style", style,
                            "--format", format, "--db", seed_db)
    assert status == 0 and stdout == out.read_text(encoding="utf-8")
    if format == "csv":
        with out.open(newline="", encoding="utf-8") as stream:
            reader = csv.DictReader(stream)
            parsed = list(reader)
            assert reader.fieldnames == list(STYLES[style])
        assert [r["incident"] for r in parsed] == [TAJI, "k1-2019-12-27"]
        expected = {"ucdp": ("best", "3"), "acled": ("fatalities", "3"),
                    "airwars": ("killed_max", "3")}[style]
        assert parsed[0][expected[0]] == expected[1]
        assert parsed[0]["as_of"] == ""  # None is an empty cell
    else:
        lines = out.read_text(encoding="utf-8").splitlines()
        decoded = [orjson.loads(line) for line in lines]
        assert [list(item) for item in decoded] == [list(STYLES[style])] * 2
        with te.open_store(seed_db) as store:
            assert decoded == export_rows(store, [TAJI, "k1-2019-12-27"], style=style)


def test_csv_and_jsonl_to_streams_match_the_rows(seeded: te.EventStore) -> None:
    rows = export_rows(seeded, [TAJI], style="ucdp")
    text = io.StringIO(newline="")
    write_csv(rows, text, style="ucdp")
    (parsed,) = csv.DictReader(io.StringIO(text.getvalue(), newline=""))
    assert parsed == {key: "" if value is None else str(value) for key, value in rows[0].items()}
    lines = io.StringIO()
    write_rows(rows, lines, style="ucdp", format="jsonl")
    assert [orjson.loads(line) for line in lines.getvalue().splitlines()] == rows


# -- open-ended and unknown values ----------------------------------------------------------------

def test_open_ended_high_is_an_empty_cell_and_null(tmp_path: Path) -> None:
    store = store_of(report("r1", 0, "2020-03-11T18:00Z", said("killed", "at least 2")))
    ucdp = row(store, "ucdp")
    assert (ucdp["low"], ucdp["best"], ucdp["high"]) == (2, 2, None)
    airwars = row(store, "airwars")
    assert (airwars["killed_min"], airwars["killed_max"]) == (2, None)
    path = tmp_path / "rows.csv"
    write_rows([ucdp], path, style="ucdp", format="csv")
    (parsed,) = csv.DictReader(path.open(newline="", encoding="utf-8"))
    assert (parsed["low"], parsed["best"], parsed["high"]) == ("2", "2", "")
    path = tmp_path / "rows.jsonl"
    write_rows([airwars], path, style="airwars", format="jsonl")
    assert b'"killed_min":2,"killed_max":null' in path.read_bytes()
    (killed,) = [r for r in te.known_at(store, INCIDENT).to_records() if r["field"] == "killed"]
    assert (killed["high"], killed["high_open"]) == (None, True)
    (wounded,) = [r for r in te.known_at(store, INCIDENT).to_records() if r["field"] == "wounded"]
    assert (wounded["high"], wounded["high_open"], wounded["status"]) == (None, False, "unknown")


def test_incident_without_declaration_has_empty_place_and_dates() -> None:
    store = MemoryStore(TickingClock())
    store.append([report("r1", 0, "2020-03-11T18:00Z", said("killed", "three"))])
    ucdp = row(store, "ucdp")
    assert (ucdp["where_description"], ucdp["date_start"], ucdp["best"]) == (None, None, 3)


# -- ACLED attribution and notes ------------------------------------------------------------------

def test_acled_codes_an_actor_that_claimed_the_attack() -> None:
    claim = said("attribution", te.Attribution("Group A", "claimed", asserted_by="Group A"),
                 by="Group A", kind="belligerent")
    acled = row(store_of(report("r1", 0, "2020-03-11T18:00Z", claim)), "acled")
    assert (acled["actor1"], acled["actor1_stance"]) == ("Group A", "claimed")
    assert "actor1 Group A coded on a claimed stance (reported)" in acled["notes"]


def test_acled_never_codes_a_mere_suspicion_as_actor1() -> None:
    suspicion = said("attribution", te.Attribution("Group A", "suspected", asserted_by="officials"),
                     by="officials", kind="official_anonymous")
    acled = row(store_of(report("r1", 0, "2020-03-11T18:00Z", suspicion)), "acled")
    assert (acled["actor1"], acled["actor1_stance"]) == ("Unidentified Armed Group", None)
    assert "Group A suspected by officials (a suspicion, not a claim of responsibility)" \
        in acled["notes"]
    # The Airwars belligerent column names the suspect, with its stance.
    airwars = row(store_of(report("r1", 0, "2020-03-11T18:00Z", suspicion)), "airwars")
    assert (airwars["belligerent"], airwars["belligerent_stance"]) == ("Group A", "suspected")


def test_acled_notes_name_disagreeing_figures_and_who_said_them() -> None:
    store = store_of(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3", by="Police")),
                     report("r2", 0, "2020-03-11T19:00Z", said("killed", "10", by="Medics"),
                            source=WIRE))
    acled = row(store, "acled")
    assert acled["fatalities"] == 3 and acled["fatalities_status"] == "disputed"
    assert acled["notes"] == "killed disputed (lowest credible figure 3): 3 per Police; 10 per Medics."
    assert (acled["source"], acled["source_kinds"]) == ("Outlet; Wire", "news_outlet; wire")


def test_acled_notes_name_retracted_reports() -> None:
    store = store_of(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3")),
                     report("r2", 0, "2020-03-11T18:00Z", said("wounded", "4")),
                     retract("r1", "2020-03-12T10:00Z"))
    assert row(store, "acled", at="2020-03-12T09:00Z")["notes"] is None
    assert row(store, "acled")["notes"] == "retracted: r1 (their claims are not counted)."
    assert row(store, "acled")["fatalities"] is None


# -- Airwars grades: each rule ---------------------------------------------------------------------

def grade(*events: te.Event) -> tuple[str | None, str, int, int]:
    airwars = row(store_of(*events), "airwars")
    return airwars["grade"], airwars["grade_reason"], airwars["n_sources"], airwars["n_speakers"]


def test_grade_is_empty_without_harm_claims() -> None:
    assert grade(report("r1", 0, "2020-03-11T18:00Z", said("rockets_fired", "5"))) == \
        (None, "no claim about killed or wounded", 0, 0)


def test_grade_discounted_when_every_harm_claim_is_denied() -> None:
    denied = said("killed", "5", by="Ministry", kind="official_on_record", hedge="denied")
    assert grade(report("r1", 0, "2020-03-11T18:00Z", denied))[0] == "Discounted"


def test_grade_discounted_when_every_harm_report_is_retracted() -> None:
    events = (report("r1", 0, "2020-03-11T18:00Z", said("killed", "5")),
              retract("r1", "2020-03-12T10:00Z"))
    assert grade(*events)[:2] == ("Discounted", "every claim about killed or wounded is denied by "
                                                "its speaker, set aside or retracted")
    before = row(store_of(*events), "airwars", at="2020-03-12T09:00Z")
    assert before["grade"] == "Weak"


def test_grade_contested_when_credible_figures_disagree() -> None:
    assert grade(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3", by="Police")),
                 report("r2", 0, "2020-03-11T19:00Z", said("killed", "10", by="Medics"),
                        source=WIRE))[:2] == ("Contested", "credible killed figures disagree")


def test_grade_contested_when_responsibility_is_disputed() -> None:
    claims = (said("killed", "3", by="Police", kind="official_on_record", hedge="confirmed"),
              said("attribution", te.Attribution("Group A", "claimed", asserted_by="Group A"),
                   by="Group A", kind="belligerent"),
              said("attribution", te.Attribution("Group B", "claimed", asserted_by="Group B"),
                   by="Group B", kind="belligerent"))
    assert grade(report("r1", 0, "2020-03-11T18:00Z", *claims))[:2] == \
        ("Contested", "responsibility is disputed")


def test_grade_confirmed_by_an_on_record_official() -> None:
    confirmed = said("killed", "3", by="Police", kind="official_on_record", hedge="confirmed")
    assert grade(report("r1", 0, "2020-03-11T18:00Z", confirmed)) == \
        ("Confirmed", "killed confirmed on record by Police", 1, 1)
    # An anonymous official's confirmation is not on record.
    anonymous = said("killed", "3", by="an official", kind="official_anonymous", hedge="confirmed")
    assert grade(report("r1", 0, "2020-03-11T18:00Z", anonymous))[0] == "Weak"


def test_grade_fair_with_two_independent_sources_agreeing() -> None:
    assert grade(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3", by="Police")),
                 report("r2", 0, "2020-03-11T19:00Z", said("killed", "about 3", by="Medics"),
                        source=WIRE)) == \
        ("Fair", "killed figure backed by 2 sources and 2 speakers", 2, 2)


def test_grade_weak_with_one_source_or_one_voice() -> None:
    assert grade(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3", by="Police"))) == \
        ("Weak", "killed figure rests on 1 source(s) and 1 speaker(s)", 1, 1)
    # Two publishers relaying one speaker are one voice.
    relayed = grade(report("r1", 0, "2020-03-11T18:00Z", said("killed", "3", by="Police")),
                    report("r2", 0, "2020-03-11T19:00Z", said("killed", "3", by="Police"),
                           source=PAPER))
    assert relayed[0] == "Weak" and relayed[2:] == (2, 1)


def test_grade_uses_wounded_when_killed_is_unknown() -> None:
    confirmed = said("wounded", "4", by="Police", kind="official_on_record", hedge="confirmed")
    assert grade(report("r1", 0, "2020-03-11T18:00Z", confirmed))[:2] == \
        ("Confirmed", "wounded confirmed on record by Police")


def test_grades_are_the_documented_five() -> None:
    assert GRADES == ("Discounted", "Contested", "Confirmed", "Fair", "Weak")


# -- errors, and nothing half-written ------------------------------------------------------------

@pytest.mark.parametrize(("argv", "message"), [
    (["nowhere"], "no events about incident 'nowhere' in the store; known incidents: "
                  "al-asad-2020-01-08, "),
    ([TAJI, "nowhere", "elsewhere"], "no events about incidents 'nowhere', 'elsewhere' in the store"),
    ([TAJI, "--style", "gdelt"], "--style 'gdelt' is not a known style; use one of ucdp, acled, "
                                 "airwars"),
    ([TAJI, "--format", "xlsx"], "--format 'xlsx' is not a known format; use one of csv, jsonl"),
    ([TAJI, "--at", "yesterday"], "--at: cannot read 'yesterday' as a time"),
    ([TAJI, "--at", "2020-03-11T18:00"], "--at: time '2020-03-11T18:00' has a clock time but no zone"),
    ([TAJI, "--at", "2020-03-12", "--mode", "maybe"], "--mode 'maybe' is not a mode; use 'certain'"),
    ([TAJI, "--mode", "possible"], "--mode only applies with --at"),
])
def test_errors_are_clear_exit_2_and_leave_the_output_untouched(
        seed_db: str, tmp_path: Path, argv: list[str], message: str) -> None:
    out = tmp_path / "rows.csv"
    out.write_text("previous export\n", encoding="utf-8")
    options = [] if "--style" in argv else ["--style", "ucdp"]
    status, printed, errors = run("export-rows", *argv, *options, "--out", str(out), "--db", seed_db)
    assert status == 2 and printed == ""
    assert errors.startswith(f"taji-events: error: {message}")
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert os.listdir(tmp_path) == ["rows.csv"]


def test_errors_on_stdout_print_nothing(seed_db: str) -> None:
    status, printed, errors = run("export-rows", TAJI, "nowhere", "--style", "acled",
                                  "--db", seed_db)
    assert (status, printed) == (2, "")
    assert "nowhere" in errors


def test_a_failure_while_writing_leaves_the_file_as_it_was(
        seeded: te.EventStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = export_rows(seeded, [TAJI], style="ucdp")
    out = tmp_path / "rows.csv"
    out.write_text("previous export\n", encoding="utf-8")

    def broken(self: csv.DictWriter[str], rows: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv.DictWriter, "writerows", broken)
    with pytest.raises(StoreError, match=r"cannot write .*rows.csv: No space left on device"):
        write_csv(rows, out, style="ucdp")
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert os.listdir(tmp_path) == ["rows.csv"]


def test_library_errors(seeded: te.EventStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidQueryError, match="unknown export style 'gdelt'; choose one of"):
        export_rows(seeded, [TAJI], style="gdelt")
    with pytest.raises(InvalidQueryError, match="pass \\['taji-2020-03-11'\\]"):
        export_rows(seeded, TAJI, style="ucdp")
    with pytest.raises(UnknownIncidentError, match="'nowhere'"):
        export_rows(seeded, [TAJI, "nowhere"], style="ucdp")
    rows = export_rows(seeded, [TAJI], style="ucdp")
    with pytest.raises(InvalidQueryError, match="row 0 does not fit the columns"):
        write_rows(rows, tmp_path / "x.csv", style="acled", format="csv")
    with pytest.raises(InvalidQueryError, match="unknown export format 'xml'"):
        write_rows(rows, tmp_path / "x.xml", style="ucdp", format="xml")
    with pytest.raises(StoreError, match="check that the directory exists"):
        write_rows(rows, tmp_path / "missing" / "x.csv", style="ucdp", format="csv")
    assert os.listdir(tmp_path) == []


def test_each_incident_once_in_the_order_given(seeded: te.EventStore) -> None:
    rows = export_rows(seeded, ["k1-2019-12-27", TAJI, "k1-2019-12-27"], style="acled")
    assert [r["incident"] for r in rows] == ["k1-2019-12-27", TAJI]
    assert export_rows(seeded, [], style="acled") == []


# -- to_records ------------------------------------------------------------------------------------

def test_to_records_are_flat_with_the_same_keys(seeded: te.EventStore) -> None:
    state = te.believed_at(seeded, TAJI, "2020-03-13", policy="range")
    records = state.to_records()
    assert [r["field"] for r in records] == list(state.beliefs)
    for record in records:
        assert tuple(record) == RECORD_KEYS
        assert all(value is None or type(value) in (str, int, bool) for value in record.values())
    by_field = {r["field"]: r for r in records}
    killed = by_field["killed"]
    assert (killed["kind"], killed["low"], killed["best"], killed["high"], killed["status"],
            killed["breakdown"], killed["high_open"]) == ("count", 3, 3, 3, "confirmed",
                                                          "GB=1; US=2", False)
    assert (killed["axis"], killed["at"], killed["mode"], killed["policy"]) == \
        ("believed", "2020-03-14T12:00:00Z", "certain", "range")
    assert killed["chosen"] == state["killed"].chosen.ref  # type: ignore[union-attr]
    attribution = by_field["attribution"]
    assert (attribution["kind"], attribution["leading"], attribution["leading_stance"],
            attribution["responsibility_claimed"], attribution["low"]) == \
        ("attribution", "Iran-backed Iraqi militias", "accused", False, None)
    assert attribution["actors"] == ("Iran-backed Iraqi militias (accused, suspected); "
                                     "Popular Mobilization Units (suspected)")
    known = te.known_at(seeded, TAJI, seq=10).to_records()
    assert known[0]["axis"] == "known" and known[0]["at"] is None and known[0]["mode"] is None


def test_to_records_go_into_csv_unchanged(seeded: te.EventStore) -> None:
    records = te.known_at(seeded, TAJI).to_records()
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=RECORD_KEYS)
    writer.writeheader()
    writer.writerows(records)
    parsed = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert [r["field"] for r in parsed] == [r["field"] for r in records]


def test_to_records_make_a_pandas_data_frame(seeded: te.EventStore) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(te.known_at(seeded, TAJI, policy="range").to_records())
    assert tuple(frame.columns) == RECORD_KEYS
    assert frame.set_index("field").loc["rockets_fired", "status"] == "disputed"


# -- properties ----------------------------------------------------------------------------------

@given(st.data())
def test_rows_and_records_hold_for_any_events(data: st.DataObject) -> None:
    events = data.draw(event_streams())
    store = MemoryStore(TickingClock())
    for event in events:
        store.append([event])
    at = data.draw(st.none() | query_times(events))
    incidents = store.incidents()
    for style in STYLES:
        rows = export_rows(store, incidents, style=style, at=at)
        assert [r["incident"] for r in rows] == incidents
        assert all(tuple(r) == STYLES[style] for r in rows)
        assert all(value is None or type(value) in (str, int) for r in rows for value in r.values())
    for ucdp in export_rows(store, incidents, style="ucdp", at=at):
        for prefix in ("", "wounded_", "rockets_fired_", "rockets_impacted_"):
            low, best, high = ucdp[f"{prefix}low"], ucdp[f"{prefix}best"], ucdp[f"{prefix}high"]
            if best is not None:
                assert low <= best and (high is None or best <= high)
            else:
                assert low is None and high is None
    for airwars in export_rows(store, incidents, style="airwars", at=at):
        assert airwars["grade"] in (None, *GRADES)
        for harm in ("killed", "injured"):
            low, high = airwars[f"{harm}_min"], airwars[f"{harm}_max"]
            assert high is None or (low is not None and low <= high)
    for incident in incidents:
        state = te.known_at(store, incident) if at is None else te.believed_at(store, incident, at)
        assert all(tuple(record) == RECORD_KEYS for record in state.to_records())


# -- codebook columns ------------------------------------------------------------------------------

@pytest.mark.parametrize(("occurred", "date_prec", "clarity", "time_precision"), [
    ("2020-03-11T16:30Z", 1, 1, 1),
    ("2020-03-11", 1, 1, 1),
    ("2020-03-09/2020-03-13", 2, 2, 2),
    ("2020-03-09/2020-03-15", 3, 2, 2),
    ("2020-03", 4, 2, 3),
    ("2020", 5, 2, 3),
])
def test_date_precision_codes_follow_the_occurrence_window(
        occurred: str, date_prec: int, clarity: int, time_precision: int) -> None:
    declared = te.IncidentDeclared(incident_id=INCIDENT, title="Attack", place="Base",
                                   occurred_at=te.TimePoint.parse(occurred, zone="Asia/Baghdad"),
                                   country="IQ", zone="Asia/Baghdad")
    store = MemoryStore(TickingClock())
    store.append([declared, report("r1", 0, "2021-01-02T18:00Z", said("killed", "3"))])
    ucdp = row(store, "ucdp")
    assert (ucdp["date_prec"], ucdp["event_clarity"]) == (date_prec, clarity)
    assert row(store, "acled")["time_precision"] == time_precision


def test_codebook_columns_are_empty_without_a_declaration() -> None:
    store = MemoryStore(TickingClock())
    store.append([report("r1", 0, "2020-03-11T18:00Z", said("killed", "3"))])
    ucdp, acled = row(store, "ucdp"), row(store, "acled")
    assert (ucdp["date_prec"], ucdp["event_clarity"], acled["time_precision"]) == (None,) * 3


def test_deaths_by_side_come_from_a_breakdown_by_side() -> None:
    sides = te.Count.exact(7, breakdown={"side_a": 2, "civilians": 4})
    ucdp = row(store_of(report("r1", 0, "2020-03-11T18:00Z", said("killed", sides))), "ucdp")
    assert [ucdp[key] for key in ("deaths_a", "deaths_b", "deaths_civilians",
                                  "deaths_unknown")] == [2, 0, 4, 1]
    mixed = te.Count.exact(3, breakdown={"side_a": 2, "US": 1})
    ucdp = row(store_of(report("r1", 0, "2020-03-11T18:00Z", said("killed", mixed))), "ucdp")
    assert ucdp["deaths_a"] is None and ucdp["deaths_unknown"] is None


def test_acled_names_no_actor_for_an_incident_nobody_reported() -> None:
    acled = row(store_of(), "acled")
    assert acled["actor1"] is None and acled["fatalities"] is None


def test_number_of_sources_counts_relays_once() -> None:
    store = store_of(
        report("wire", 0, "2020-03-11T18:00Z", said("killed", "3", by="two officials",
                                                     kind="official_anonymous"),
               source=WIRE),
        report("paper", 0, "2020-03-11T19:00Z", said("killed", "3", by="two officials (via Wire)",
                                                     kind="official_anonymous"), source=PAPER),
        report("other", 0, "2020-03-11T19:00Z", said("killed", "3", by="Police",
                                                      kind="official_on_record")))
    ucdp = row(store, "ucdp")
    assert ucdp["number_of_sources"] == 2
    assert ucdp["source_office"] == "Outlet; Paper; Wire"
    assert ucdp["source_original"] == ("Police (official_on_record); "
                                       "two officials, via Wire (official_anonymous)")


def test_grade_counts_a_relayed_anonymous_statement_as_one_voice() -> None:
    heard = said("killed", "3", by="two U.S. officials", kind="official_anonymous")
    relayed = said("killed", "3", by="Two US officials (anonymous, via Wire)",
                   kind="official_anonymous")
    assert grade(report("r1", 0, "2020-03-11T18:00Z", heard, source=WIRE),
                 report("r2", 0, "2020-03-11T19:00Z", relayed, source=PAPER)) == \
        ("Weak", "killed figure rests on 2 source(s) and 1 speaker(s)", 2, 1)
