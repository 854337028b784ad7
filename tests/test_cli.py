"""The ``taji-events`` command line, run in-process through ``main([...])``."""

from __future__ import annotations

import argparse
import doctest
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from builders import TAJI, make_incident, make_report, make_retraction, make_rich_report

import taji_events
from taji_events import (
    Attribution,
    Claim,
    Count,
    Evidence,
    ReportPublished,
    Source,
    Speaker,
    TimePoint,
    write_jsonl,
)
from taji_events.cli import build_parser, main

SEED = Path(__file__).resolve().parents[1] / "seeds" / f"{TAJI}.jsonl"
STATEMENT = "Three coalition personnel were killed. Officials suspect Kataib Hezbollah."


def _span(quote: str) -> Evidence:
    start = STATEMENT.index(quote)
    return Evidence(start, start + len(quote), quote)


def coalition_statement() -> ReportPublished:
    """A confirmed 3 killed, and a suspected actor, published at 23:00Z."""
    return ReportPublished(
        report_id="coalition-statement", revision=0,
        source=Source("CJTF-OIR", "official_statement"),
        published_at=TimePoint.parse("2020-03-11T23:00Z"), text=STATEMENT,
        claims=[
            Claim(incident=TAJI, field="killed", value=Count.exact(3, text="Three"),
                  according_to=Speaker("CJTF-OIR", "official_on_record"),
                  evidence=_span("Three coalition personnel were killed"), hedge="confirmed"),
            Claim(incident=TAJI, field="attribution",
                  value=Attribution("Kataib Hezbollah", "suspected", asserted_by="US officials"),
                  according_to=Speaker("US officials", "official_anonymous"),
                  evidence=_span("Officials suspect Kataib Hezbollah")),
        ],
    )


@pytest.fixture
def events_file(tmp_path: Path) -> Path:
    """Four events: the incident, an early "0 killed" (17:00Z), The Drive's update
    (at least 3 killed, about a dozen wounded, no claim; 22:20Z) and the coalition."""
    path = tmp_path / "taji.jsonl"
    write_jsonl([make_incident(), make_report("early-denial", killed=0,
                                              published="2020-03-11T17:00Z"),
                 make_rich_report(), coalition_statement()], path)
    return path


@pytest.fixture
def db(tmp_path: Path, events_file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A store holding ``events_file``; the ingest output is swallowed."""
    path = str(tmp_path / "events.db")
    assert main(["ingest", str(events_file), "--db", path]) == 0
    capsys.readouterr()
    return path


def incident_ids(table: str) -> list[str]:
    """The first column of the ``incidents`` table, below its header."""
    return [line.split()[0] for line in table.splitlines()[1:]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def last_seq(path: str) -> int:
    with taji_events.open_store(path) as store:
        return store.last_seq()


# -- ingest ----------------------------------------------------------------------------------

def test_ingest_reports_counts_and_is_idempotent(
        tmp_path: Path, events_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "events.db")
    status, out, err = run(capsys, "ingest", str(events_file), "--db", db)
    assert (status, err) == (0, "")
    assert out.startswith("recorded 4 new events, 0 already present (4 read from 1 file); "
                          "last seq 4")
    status, out, _ = run(capsys, "ingest", str(events_file), "--db", db)
    assert status == 0
    assert out.startswith("recorded 0 new events, 4 already present (4 read from 1 file); "
                          "last seq 4")
    assert last_seq(db) == 4


def test_ingest_appends_all_files_as_one_batch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl([make_incident(), make_report("r1")], first)
    write_jsonl([make_report("r2"), make_report("r1")], second)  # r1 repeated: skipped
    db = str(tmp_path / "events.db")
    status, out, _ = run(capsys, "ingest", str(first), str(second), "--db", db)
    assert status == 0
    assert "recorded 3 new events, 1 already present (4 read from 2 files); last seq 3" in out


def test_ingest_conflict_in_a_later_file_writes_nothing(
        tmp_path: Path, events_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clash = tmp_path / "clash.jsonl"
    write_jsonl([make_report("early-denial", killed=5, published="2020-03-11T17:00Z")], clash)
    db = str(tmp_path / "events.db")
    status, out, err = run(capsys, "ingest", str(events_file), str(clash), "--db", db)
    assert status == 2 and out == ""
    assert err.startswith("taji-events: error: ") and "report:early-denial@0" in err
    assert last_seq(db) == 0


def test_ingest_bad_line_names_file_and_line_and_writes_nothing(
        tmp_path: Path, db: str, events_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    good = make_report("late-report", killed=2)
    write_jsonl([good], bad)
    with bad.open("ab") as handle:
        handle.write(b"\n{\"type\": \"ReportPublished\", \"version\": 2, \"data\": {}}\n")
    status, out, err = run(capsys, "ingest", str(events_file), str(bad), "--db", db)
    assert status == 2 and out == ""
    assert err.startswith(f"taji-events: error: {bad}:3: ")
    assert "Traceback" not in err
    assert last_seq(db) == 4  # the good line of bad.jsonl was not written either

    fresh = tmp_path / "fresh.db"
    status, _, err = run(capsys, "ingest", str(bad), "--db", str(fresh))
    assert status == 2 and f"{bad}:3:" in err
    assert not fresh.exists()  # a failed first ingest leaves no empty store behind


def test_ingest_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "ingest", str(tmp_path / "nope.jsonl"),
                         "--db", str(tmp_path / "x.db"))
    assert status == 2
    assert err == f"taji-events: error: cannot read {tmp_path / 'nope.jsonl'}: " \
                  "No such file or directory\n"


# -- the store path --------------------------------------------------------------------------

def test_default_db_is_in_the_working_directory(
        tmp_path: Path, events_file: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TAJI_EVENTS_DB", raising=False)
    assert run(capsys, "ingest", str(events_file))[0] == 0
    assert (tmp_path / "taji_events.db").exists()
    status, out, err = run(capsys, "incidents")
    assert (status, err, incident_ids(out)) == (0, "", [TAJI])


def test_env_var_names_the_db_and_db_option_wins(
        tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TAJI_EVENTS_DB", db)
    status, out, err = run(capsys, "incidents")
    assert (status, err, incident_ids(out)) == (0, "", [TAJI])
    status, _, err = run(capsys, "incidents", "--db", str(tmp_path / "other.db"))
    assert status == 2 and "no store at" in err


@pytest.mark.parametrize("argv", [
    ["incidents"],
    ["state", TAJI, "--at", "2020-03-13"],
    ["known", TAJI],
    ["timeline", TAJI],
    ["explain", TAJI, "killed", "--at", "2020-03-13"],
])
def test_read_commands_never_create_a_store(
        argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.db"
    status, out, err = run(capsys, *argv, "--db", str(missing))
    assert (status, out) == (2, "")
    assert err == (f"taji-events: error: no store at {missing}; run "
                   f"`taji-events ingest FILE.jsonl... --db {missing}` first\n")
    assert not missing.exists()


# -- state, known, incidents -----------------------------------------------------------------

def test_state_prints_a_table_and_the_attribution(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "state", TAJI, "--at", "2020-03-13", "--db", db)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{TAJI}: Rocket attack on Camp Taji (Camp Taji, Iraq)"
    assert lines[1].startswith("believed at 2020-03-13 (the day in every zone, 2020-03-12T10:00:00Z "
                               ".. 2020-03-14T12:00:00Z; counted to its end) (certain) · policy authority "
                               "· basis seq 4")
    assert lines[3].split() == ["field", "best", "low..high", "status", "breakdown"]
    assert lines[4].split() == ["killed", "3", "3..3", "confirmed", "GB", "1,", "US", "2"]
    assert lines[5].split() == ["wounded", "12", "10..14", "reported", "-"]
    assert lines[6].split() == ["rockets_fired", "-", "-", "unknown", "-"]
    assert lines[-1] == ("attribution: leading Kataib Hezbollah (suspected), reported; "
                         "responsibility claimed: no (1 statement that no group has claimed it)")


def test_state_at_an_earlier_moment_and_policy(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "state", TAJI, "--at", "2020-03-11T18:00Z", "--db", db)
    assert out.splitlines()[4].split() == ["killed", "0", "0..0", "reported", "-"]
    assert "attribution: unknown" in out
    _, out, _ = run(capsys, "state", TAJI, "--at", "2020-03-13", "--policy", "range",
                    "--db", db)
    assert "policy range" in out
    _, out, _ = run(capsys, "state", TAJI, "--at", "2020-03-13", "--basis-seq", "2",
                    "--db", db)
    assert "basis seq 2" in out and "killed            0" in out


def test_state_json_shape(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "state", TAJI, "--at", "2020-03-13", "--json", "--db", db)
    assert status == 0
    data = orjson.loads(out)
    assert out.startswith('{\n  "at": ')  # indented, keys sorted
    assert set(data) == {"incident", "policy", "axis", "at", "mode", "basis_seq", "beliefs"}
    assert (data["incident"], data["policy"], data["axis"], data["at"], data["mode"],
            data["basis_seq"]) == (TAJI, "authority", "believed", "2020-03-14T12:00:00Z",
                                   "certain", 4)
    assert list(data["beliefs"]) == sorted(
        ["killed", "wounded", "rockets_fired", "rockets_impacted", "attribution"])
    killed = data["beliefs"]["killed"]
    assert set(killed) == {"kind", "field", "policy", "status", "rule", "chosen", "low", "best",
                           "high", "breakdown", "supporting", "contradicting", "set_aside"}
    assert (killed["kind"], killed["best"], killed["low"], killed["high"], killed["status"],
            killed["breakdown"]) == ("count", 3, 3, 3, "confirmed", {"GB": 1, "US": 2})
    assert killed["chosen"] == "coalition-statement@0#0"
    assert set(killed["supporting"][0]) == {
        "ref", "source", "according_to", "speaker_kind", "hedge", "published_at",
        "published_text", "value", "quote", "span", "note"}
    assert killed["set_aside"][0]["ref"] == "early-denial@0#0"
    attribution = data["beliefs"]["attribution"]
    assert (attribution["kind"], attribution["leading"], attribution["leading_stance"],
            attribution["responsibility_claimed"]) == (
        "attribution", "Kataib Hezbollah", "suspected", False)
    assert attribution["actors"] == [{"actor": "Kataib Hezbollah", "stances": [
        {"stance": "suspected", "asserted_by": ["US officials"],
         "claims": ["coalition-statement@0#1"]}]}]
    assert [item["quote"] for item in attribution["no_claim"]] == [
        "No group claimed responsibility"]
    assert data["beliefs"]["rockets_fired"]["status"] == "unknown"
    assert data["beliefs"]["rockets_fired"]["best"] is None


def test_known_by_seq_stays_the_same_after_more_is_ingested(
        tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "known", TAJI, "--seq", "2", "--json", "--db", db)
    more = tmp_path / "more.jsonl"
    write_jsonl([make_report("later", killed=4, published="2020-03-12T10:00Z")], more)
    assert run(capsys, "ingest", str(more), "--db", db)[0] == 0
    _, after, _ = run(capsys, "known", TAJI, "--seq", "2", "--json", "--db", db)
    assert before == after
    data = orjson.loads(after)
    assert (data["axis"], data["basis_seq"], data["mode"], data["at"]) == ("known", 2, None, None)
    assert data["beliefs"]["killed"]["best"] == 0
    status, out, _ = run(capsys, "known", TAJI, "--db", db)
    assert status == 0
    assert "known at seq 5 · policy authority · basis seq 5" in out


def test_known_at_a_record_time_before_anything_was_recorded(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Nothing about the incident had been recorded yet: the same answer now and forever.
    status, out, err = run(capsys, "known", TAJI, "--at", "2020-03-11T18:00Z", "--db", db)
    assert (status, out) == (2, "")
    assert f"incident {TAJI!r} has no events within --at 2020-03-11T18:00Z" in err
    assert "give a later --at" in err


def test_incidents_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "incidents", "--json", "--db", db)
    assert (status, err) == (0, "")
    (row,) = orjson.loads(out)
    assert (row["incident"], row["declared"], row["reports"], row["claims"]) == (TAJI, True, 3, 6)
    assert (row["last_published"], row["last_published_to"]) == ("2020-03-11T23:00Z", "2020-03-11T23:01:00Z")


# -- timeline and explain --------------------------------------------------------------------

def test_timeline_one_line_per_change(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "timeline", TAJI, "--db", db)
    assert status == 0
    # Belief descriptions are the library's (Belief.describe); the CLI owns the layout:
    # <UTC time>  <field padded>  <old> → <new>  by <report@revision, ...>
    lines = out.splitlines()
    layout = re.compile(r"^(\S+Z)  (\w+) +(.+) → (.+)  by (\S+(?:, \S+)*)$")
    parsed = [layout.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m[1], m[2], m[5]) for m in parsed if m] == [
        ("2020-03-11T17:01:00Z", "killed", "early-denial@0"),
        ("2020-03-11T22:21:00Z", "wounded", "drive-taji@2"),
        ("2020-03-11T22:21:00Z", "attribution", "drive-taji@2"),
        ("2020-03-11T23:01:00Z", "killed", "coalition-statement@0"),
        ("2020-03-11T23:01:00Z", "attribution", "coalition-statement@0"),
    ]
    assert lines[0].index("unknown →") == lines[2].index("unknown →")  # fields aligned
    assert "  killed       unknown → 0 (0..0) reported  by" in lines[0]
    assert "0 (0..0) reported → 3 (3..3) confirmed [GB 1, US 2]  by" in lines[3]
    # What the one-line description may not show is added: the actor newly named.
    assert "(+Kataib Hezbollah: suspected)  by coalition-statement@0" in lines[4]


def test_timeline_of_one_field_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "timeline", TAJI, "--field", "killed", "--db", db)
    assert [line.split()[0] for line in out.splitlines()] == [
        "2020-03-11T17:01:00Z", "2020-03-11T23:01:00Z"]
    _, out, _ = run(capsys, "timeline", TAJI, "--field", "killed", "--json", "--db", db)
    entries = orjson.loads(out)
    assert [set(entry) for entry in entries] == [
        {"at", "field", "old", "new", "changed_by", "published", "possible_from", "certain_by",
         "belief"}] * 2
    assert entries[1]["old"] == "0 (0..0) reported"
    assert entries[1]["new"] == "3 (3..3) confirmed [GB 1, US 2]"
    assert entries[1]["changed_by"] == ["coalition-statement@0"]
    assert entries[1]["belief"]["best"] == 3
    _, out, _ = run(capsys, "timeline", TAJI, "--field", "rockets_fired", "--db", db)
    assert out == f"no belief about field rockets_fired of {TAJI} has changed\n"


def test_timeline_shows_a_retraction(
        tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    retraction = tmp_path / "retraction.jsonl"
    write_jsonl([make_retraction("coalition-statement", at="2020-03-13")], retraction)
    assert run(capsys, "ingest", str(retraction), "--db", db)[0] == 0
    _, out, _ = run(capsys, "timeline", TAJI, "--db", db)
    last = out.splitlines()[-2:]
    assert all(line.startswith("2020-03-14T12:00:00Z  ") for line in last)
    assert all("  by coalition-statement retracted; published 2020-03-13 (day, zone unknown): "
               "possible from 2020-03-12T10:00:00Z, certain by 2020-03-14T12:00:00Z" in line
               for line in last)
    assert "(-Kataib Hezbollah: suspected)" in last[1]
    # Before the retraction's moment the retracted statement still counts.
    _, out, _ = run(capsys, "state", TAJI, "--at", "2020-03-12", "--json", "--db", db)
    assert orjson.loads(out)["beliefs"]["killed"]["best"] == 3


def test_explain_names_the_rule_and_the_claims(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", TAJI, "killed", "--at", "2020-03-13", "--db", db)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == (f"{TAJI} · killed = 3 (3..3) confirmed [GB 1, US 2] · policy authority "
                        "· believed at 2020-03-13 (the day in every zone, 2020-03-12T10:00:00Z .. "
                        "2020-03-14T12:00:00Z; counted to its end) (certain)")
    assert lines[1].startswith("rule: authority: ")
    assert "breakdown from drive-taji@2#0" in lines
    assert '"Three coalition personnel were killed" [0:37]' in out
    assert "set aside (1):" in out
    _, out, _ = run(capsys, "explain", TAJI, "killed", "--at", "2020-03-13",
                    "--policy", "conservative", "--db", db)
    assert "rule: conservative: " in out


def test_explain_unknown_field(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "explain", TAJI, "deaths", "--at", "2020-03-13", "--db", db)
    assert (status, out) == (2, "")
    assert err.startswith("taji-events: error: no belief about field 'deaths'; fields: killed")


# -- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "message"), [
    (["state", "nowhere-2020", "--at", "2020-03-13"],
     f"incident 'nowhere-2020' has no events; known incidents: {TAJI}"),
    (["timeline", "nowhere-2020"], "incident 'nowhere-2020' has no events"),
    (["state", TAJI, "--at", "2020-03-13", "--policy", "autority"],
     "unknown policy 'autority' (did you mean 'authority'?); choose one of latest, authority, "
     "conservative, range"),
    (["known", TAJI, "--policy", "autority"], "unknown policy 'autority'"),
    (["state", TAJI, "--at", "2020-03-11T18:00"],
     "at: time '2020-03-11T18:00' has a clock time but no zone"),
    (["explain", TAJI, "killed", "--at", "2020-03-11 18:00"], "has a clock time but no zone"),
    (["known", TAJI, "--at", "2020-03-11T18:00"], "has a clock time but no zone"),
    (["state", TAJI, "--at", "2020-03-13", "--mode", "perhaps"],
     "--mode 'perhaps' is not a mode; use 'certain'"),
])
def test_library_errors_exit_2_without_traceback(
        argv: list[str], message: str, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, *argv, "--db", db)
    assert (status, out) == (2, "")
    assert err.startswith("taji-events: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_not_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    status, _, err = run(capsys, "incidents", "--db", str(junk))
    assert status == 2 and err.startswith(f"taji-events: error: {junk}: could not open")


@pytest.mark.parametrize("argv", [[], ["state", TAJI], ["frobnicate"], ["known", TAJI, "--seq",
                                                                        "two"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, *argv)
    assert status == 2 and "error:" in err


# -- help and entry points -------------------------------------------------------------------

def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_every_subcommand_and_option_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _subparsers(build_parser())
    assert set(commands) == {"ingest", "state", "known", "timeline", "explain", "incidents",
                             "extract", "evaluate", "export", "import", "verify", "export-rows",
                             "report", "declare", "amend", "add-claim", "claims"}
    for name, sub in commands.items():
        for action in sub._actions:
            assert action.help, f"{name}: {action.option_strings or action.dest} has no help"
        status, out, _ = run(capsys, name, "--help")
        assert status == 0 and out.startswith(f"usage: taji-events {name}")
        for action in sub._actions:
            for option in action.option_strings:
                assert option in out
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert all(name in out for name in commands)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"taji-events {taji_events.__version__}\n", "")


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "taji_events", "incidents", "--db",
                           str(tmp_path / "none.db")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("taji-events: error: no store at ")
    assert "Traceback" not in done.stderr


# -- the curated seed annotation -------------------------------------------------------------

def test_seed_ingest_and_final_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "seed.db")
    status, out, err = run(capsys, "ingest", str(SEED), "--db", db)
    assert status == 0, err
    assert " 0 already present" in out
    status, out, _ = run(capsys, "ingest", str(SEED), "--db", db)
    assert "recorded 0 new events" in out
    assert incident_ids(run(capsys, "incidents", "--db", db)[1]).count(TAJI) == 1

    status, out, _ = run(capsys, "state", TAJI, "--at", "2020-03-13", "--json", "--db", db)
    assert status == 0
    killed = orjson.loads(out)["beliefs"]["killed"]
    assert killed["best"] == 3
    assert killed["status"] == "confirmed"
    status, out, _ = run(capsys, "timeline", TAJI, "--field", "killed", "--db", db)
    assert status == 0 and "  killed  " in out and "→ 3 (3..3) confirmed" in out
    status, out, _ = run(capsys, "explain", TAJI, "killed", "--at", "2020-03-13", "--db", db)
    assert status == 0 and out.splitlines()[1].startswith("rule: authority: ")


def test_readme_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    """README.md sits outside the doctest paths; run its example here so it cannot rot."""
    root = SEED.parents[1]
    monkeypatch.chdir(root)
    result = doctest.testfile(str(root / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5 and result.failed == 0


# -- export, import, verify ------------------------------------------------------------------

def test_export_then_import_moves_a_store_losslessly(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "log.jsonl"
    status, out, _ = run(capsys, "export", "--db", db, "--to", str(exported))
    assert (status, out) == (0, f"exported 4 events to {exported}\n")
    copy = str(tmp_path / "copy.db")
    status, out, _ = run(capsys, "import", str(exported), "--db", copy)
    assert status == 0 and out.startswith("imported 4 events; last seq 4")
    again = tmp_path / "again.jsonl"
    assert run(capsys, "export", "--db", copy, "--to", str(again))[0] == 0
    assert again.read_bytes() == exported.read_bytes()
    # Into a JSON Lines store named by its suffix, the same log.
    assert run(capsys, "import", str(exported), "--db", str(tmp_path / "copy.jsonl"))[0] == 0
    assert last_seq(str(tmp_path / "copy.jsonl")) == 4


def test_verify_reports_an_intact_chain_and_names_a_tampered_seq(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "verify", "--db", db)
    assert status == 0 and out.startswith("ok: 4 events, hash chain intact")
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TRIGGER IF EXISTS events_no_update")
        for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            connection.execute(f"DROP TRIGGER {name}")
        connection.execute("UPDATE events SET recorded_at = '2021-01-01T00:00:00.000000Z' "
                           "WHERE seq = 3")
    status, out, _ = run(capsys, "verify", "--db", db)
    assert status == 1 and out.startswith("broken at seq 3:")


def test_import_of_a_missing_file_creates_no_store(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new.db"
    status, _, err = run(capsys, "import", str(tmp_path / "nope.jsonl"), "--db", str(target))
    assert status == 2 and "no such file" in err
    assert not target.exists()


def test_store_urls_are_printed_without_their_password() -> None:
    from taji_events.postgres import redact

    assert redact("postgresql://analyst:s3cret@db.example/events") == \
        "postgresql://analyst:***@db.example/events"
