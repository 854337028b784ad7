"""Errors speak the command line's language: options, not Python keywords; suggestions for typos."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"


def taji_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "taji_events", *argv], capture_output=True,
                          text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("messages") / "seed.db")
    assert taji_events("ingest", str(SEED), "--db", path).returncode == 0
    return path


@pytest.mark.parametrize(("argv", "message"), [
    (["timeline", TAJI, "--field", "kiled"],
     "no claim about taji-2020-03-11 names field 'kiled' (did you mean 'killed'?)"),
    (["explain", TAJI, "wonded", "--at", "2020-03-13"], "(did you mean 'wounded'?)"),
    (["state", "taji-2020-03-1", "--at", "2020-03-13"], "(did you mean 'taji-2020-03-11'?)"),
    (["state", TAJI, "--policy", "conservativ"], "(did you mean 'conservative'?)"),
    (["state", TAJI, "--at", "2020-03-13", "--basis-seq", "-1"],
     "argument --basis-seq: '-1' is not a seq: give a whole number >= 0"),
    (["known", TAJI, "--seq", "ten"], "argument --seq: 'ten' is not a seq"),
    (["report", "taji-2020-03-1", "--out", "never.html"], "(did you mean 'taji-2020-03-11'?)"),
    (["export-rows", TAJI, "taji-2020-03-1", "--style", "ucdp"], "(did you mean 'taji-2020-03-11'?)"),
    (["state", TAJI, "--format", "xml"], "--format 'xml' is not a format; use one of table, json, csv"),
])
def test_mistakes_are_named_with_a_fix(db: str, argv: list[str], message: str) -> None:
    done = taji_events(*argv, "--db", db)
    assert done.returncode == 2 and done.stdout == ""
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_library_hint_names_the_option(tmp_path: Path, db: str) -> None:
    article = tmp_path / "undated.txt"
    article.write_text("Two soldiers were killed, the army said.\n", encoding="utf-8")
    done = taji_events("extract", str(article), "--incident", "x")
    assert done.returncode == 2
    assert "give --published '2020-03-11'" in done.stderr and "published=" not in done.stderr
    clock = taji_events("extract", str(article), "--incident", "x", "--published", "6:20pm")
    assert "write the date too" in clock.stderr and "reference=" not in clock.stderr
    naive = taji_events("state", TAJI, "--at", "2020-03-11 18:00", "--db", db)
    assert naive.stderr.startswith("taji-events: error: --at: time '2020-03-11 18:00' has a clock "
                                   "time but no zone")
    assert "zone=" not in naive.stderr


def test_state_without_at_is_everything_published_so_far(db: str) -> None:
    done = taji_events("state", TAJI, "--db", db)
    assert done.returncode == 0, done.stderr
    assert ": everything published so far (certain)" in done.stdout.splitlines()[1]
    assert "42 active claims" in done.stdout


def test_state_known_and_timeline_in_csv(db: str) -> None:
    state = taji_events("state", TAJI, "--at", "2020-03-13", "--format", "csv", "--db", db)
    header, killed = state.stdout.splitlines()[:2]
    assert header.startswith("incident,field,kind,policy,axis,at,mode,basis_seq,status,low,best,high")
    assert killed.startswith("taji-2020-03-11,killed,count,authority,believed,2020-03-14T12:00:00Z,"
                             "certain,17,confirmed,3,3,3")
    known = taji_events("known", TAJI, "--seq", "10", "--format", "csv", "--db", db)
    assert known.stdout.splitlines()[1].startswith("taji-2020-03-11,killed,count,authority,known,")
    timeline = taji_events("timeline", TAJI, "--field", "killed", "--format", "csv", "--db", db)
    rows = timeline.stdout.splitlines()
    assert rows[0] == "at,field,old,new,changed_by,possible_from,certain_by" and len(rows) > 1
    assert all(row.split(",")[1] == "killed" for row in rows[1:])
    both = taji_events("state", TAJI, "--json", "--format", "csv", "--db", db)
    assert both.returncode == 2 and "two formats" in both.stderr
