"""The command line around extraction: extract, evaluate and ingest --extract."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

import taji_events as te
from taji_events.cli import main
from taji_events.serialization import loads_event

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
ARTICLE = FIXTURES / "ambush.txt"
INCIDENT = "patrol-2021-05-02"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_extract_prints_report_envelopes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "extract", str(ARTICLE), "--incident", INCIDENT,
                           "--source", "Example Wire", "--source-kind", "wire", "--published", "2021-05-02")
    assert (status, err) == (0, "")
    (event,) = [loads_event(line) for line in out.splitlines()]
    assert isinstance(event, te.ReportPublished)
    assert event.report_id == "ambush" and event.source.kind == "wire"
    fields = [(claim.field, claim.value.low) for claim in event.claims if isinstance(claim.value, te.Count)]
    assert fields == [("killed", 4), ("wounded", 7), ("attackers_killed", 3)]


def test_extract_without_a_date_says_how_to_give_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "extract", str(ARTICLE), "--incident", INCIDENT)
    assert (status, out) == (2, "")
    assert err.startswith("taji-events: error: ") and "give --published " in err
    assert "published=" not in err


def test_extract_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "extract", str(tmp_path / "nope.txt"), "--incident", "x")
    assert status == 2 and "nope.txt: no such file" in err


def test_evaluate_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "evaluate", str(FIXTURES / "gold.json"), str(FIXTURES))
    assert status == 0
    assert out.splitlines()[2].split() == ["field", "gold", "found", "match", "precision", "recall", "F1"]
    assert "misses (in gold, not extracted): 1" in out


def test_evaluate_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "evaluate", str(FIXTURES / "gold.json"), str(FIXTURES), "--json")
    data = orjson.loads(out)
    assert status == 0 and data["scores"]["killed"]["f1"] == 1.0
    assert len(data["misses"]) == 1 and len(data["false_claims"]) == 2


def test_evaluate_missing_texts_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "evaluate", str(FIXTURES / "gold.json"), str(tmp_path / "none"))
    assert status == 2 and "texts directory" in err


def test_ingest_extract_stores_the_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "store.db")
    status, out, err = run(capsys, "ingest", "--extract", str(ARTICLE), "--incident", INCIDENT,
                           "--source", "Example Wire", "--published", "2021-05-02", "--db", db)
    assert status == 0
    assert err.startswith(f"taji-events: warning: incident {INCIDENT!r} is not declared")
    assert out.startswith("recorded 1 new event, 0 already present (1 read from 1 file)")
    status, out, _ = run(capsys, "state", INCIDENT, "--at", "2021-05-04", "--db", db)
    assert status == 0 and "killed" in out


def test_ingest_extract_needs_incident_and_source(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.db"
    status, _, err = run(capsys, "ingest", "--extract", str(ARTICLE), "--db", str(db))
    assert status == 2 and "needs --incident ID and --source NAME" in err
    assert not db.exists()


def test_ingest_needs_something(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "ingest", "--db", str(tmp_path / "s.db"))
    assert status == 2 and "nothing to ingest" in err


RECALLING = ("Rockets hit the outpost on Saturday, wounding four soldiers, the army said. "
             "Wednesday's attack on the outpost killed three soldiers.\n")


def test_extract_routes_to_the_incidents_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "recall.txt"
    article.write_text(RECALLING, encoding="utf-8")
    incidents = tmp_path / "incidents.jsonl"
    incidents.write_text('{"incident_id": "kestrel-2021-06-02", "date": "2021-06-02", '
                         '"place": "Kestrel outpost, Freedonia"}\n', encoding="utf-8")
    status, out, err = run(capsys, "extract", str(article), "--incident", "kestrel-2021-06-05",
                           "--published", "2021-06-05", "--incidents", str(incidents))
    assert (status, err) == (0, "")
    (event,) = [loads_event(line) for line in out.splitlines()]
    assert isinstance(event, te.ReportPublished)
    assert [(c.incident, c.field) for c in event.claims] == [("kestrel-2021-06-05", "wounded"),
                                                             ("kestrel-2021-06-02", "killed")]


def test_ingest_extract_routes_to_the_stores_declarations_or_declares_recalled(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "recall.txt"
    article.write_text(RECALLING, encoding="utf-8")
    db = str(tmp_path / "store.db")
    common = ("--incident", "kestrel-2021-06-05", "--source", "Example Wire", "--published", "2021-06-05",
              "--db", db)
    status, _, err = run(capsys, "ingest", "--extract", str(article), "--declare-recalled", *common)
    # The main incident was never declared (and is warned about); the recalled one now is.
    assert status == 0
    assert "'kestrel-2021-06-05' is not declared" in err and "kestrel-recalled" not in err
    with te.open_store(db) as store:
        events = [recorded.event for recorded in store.read()]
    declared, report = events
    assert isinstance(declared, te.IncidentDeclared) and isinstance(report, te.ReportPublished)
    assert declared.incident_id == "kestrel-recalled-2021-06-02"
    assert {c.incident for c in report.claims} == {"kestrel-2021-06-05", "kestrel-recalled-2021-06-02"}
    # A second article of the same story routes to the declaration now in the store.
    again = tmp_path / "again.txt"
    again.write_text("Wednesday's attack on the outpost killed five soldiers, the governor said.\n",
                     encoding="utf-8")
    status, _, err = run(capsys, "ingest", "--extract", str(again), *common)
    assert status == 0 and "kestrel-recalled" not in err
    with te.open_store(db) as store:
        last = [recorded.event for recorded in store.read()][-1]
    assert isinstance(last, te.ReportPublished)
    assert [(c.incident, c.value.low) for c in last.claims] == [  # type: ignore[union-attr]
        ("kestrel-recalled-2021-06-02", 5)]


def test_evaluate_held_out_choice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = orjson.loads((FIXTURES / "gold.json").read_bytes())
    gold["articles"][0]["held_out"] = True
    path = tmp_path / "gold.json"
    path.write_bytes(orjson.dumps(gold))
    for choice, articles in (("exclude", len(gold["articles"]) - 1), ("only", 1),
                             ("include", len(gold["articles"]))):
        status, out, _ = run(capsys, "evaluate", str(path), str(FIXTURES), "--held-out", choice)
        assert status == 0 and out.startswith(f"{articles} articles")
