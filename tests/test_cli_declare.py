"""Incidents declared and amended from the command line and from plain strings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from taji_events._codec import trusted_event, unstructure_event
from taji_events.declarations import amend_incident, declare_incident, fold_declaration
from taji_events.errors import InvalidEventError, TimeParseError
from taji_events.events import IncidentAmended
from taji_events.recording import hand_claim_report
from taji_events.serialization import converter, dumps_event, from_envelope, loads_stored, write_jsonl
from taji_events.testing import ZONES, incident_ids, time_points

INCIDENT = "market-2021-06-01"
ARTICLE = ("Car bomb at market\n\nBAGHDAD, June 2 (Example Wire) - Four people were killed when a "
           "car bomb exploded at a market, police said.\n")


def taji_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "taji_events", *argv], capture_output=True,
                          text=True, check=False, timeout=120)


def declare(db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return taji_events("declare", INCIDENT, "--title", "Market bombing", "--place",
                       "Al-Rashid market, Baghdad", "--country", "IQ", "--occurred",
                       "2021-06-01 23:40", "--zone", "Asia/Baghdad", "--db", str(db), *extra)


def incidents(db: Path) -> dict[str, dict[str, object]]:
    done = taji_events("incidents", "--format", "json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return {row["incident"]: row for row in orjson.loads(done.stdout)}


def test_declare_reads_a_local_time_in_the_places_zone(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    done = declare(db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"declared {INCIDENT}: Market bombing, Al-Rashid market, "
                                  "Baghdad (IQ); occurred 2021-06-01 23:40 Asia/Baghdad (minute")
    row = incidents(db)[INCIDENT]
    assert (row["occurred_from"], row["occurred_to"]) == ("2021-06-01T20:40:00Z",
                                                         "2021-06-01T20:41:00Z")
    assert (row["title"], row["country"], row["declared"]) == ("Market bombing", "IQ", True)
    again = declare(db)
    assert again.returncode == 0 and again.stdout.startswith("already declared: ")


def test_declare_takes_a_date_or_an_interval_and_refuses_a_clock_time_without_zone(
        tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    day = taji_events("declare", "a-2021-06-01", "--title", "A", "--place", "P", "--occurred",
                      "2021-06-01", "--db", str(db))
    assert day.returncode == 0, day.stderr
    span = taji_events("declare", "b", "--title", "B", "--place", "P", "--occurred",
                       "2021-06-01/2021-06-03", "--zone", "Asia/Baghdad", "--db", str(db))
    assert span.returncode == 0, span.stderr
    rows = incidents(db)
    assert rows["a-2021-06-01"]["occurred_from"] == "2021-05-31T10:00:00Z"  # every zone's day
    assert rows["b"]["occurred_to"] == "2021-06-03T21:00:00Z"
    naive = taji_events("declare", "c", "--title", "C", "--place", "P", "--occurred",
                        "2021-06-01 23:40", "--db", str(db))
    assert naive.returncode == 2 and "no zone" in naive.stderr
    assert "--zone" in naive.stderr and "zone=" not in naive.stderr


def test_a_different_declaration_is_refused_and_an_amendment_keeps_history(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    assert declare(db).returncode == 0
    other = taji_events("declare", INCIDENT, "--title", "Market attack", "--place", "Baghdad",
                        "--occurred", "2021-06-01", "--db", str(db))
    assert other.returncode == 2
    assert "already declared" in other.stderr and "amend" in other.stderr
    amended = taji_events("amend", INCIDENT, "--title", "Market car bombing", "--occurred",
                          "2021-06-01 22:10", "--zone", "Asia/Baghdad", "--reason",
                          "police timeline", "--db", str(db))
    assert amended.returncode == 0, amended.stderr
    assert amended.stdout.startswith(f"amendment 1 of {INCIDENT} (title, occurred_at, zone); now:")
    now = taji_events("known", INCIDENT, "--db", str(db))
    before = taji_events("known", INCIDENT, "--seq", "1", "--db", str(db))
    assert now.stdout.startswith(f"{INCIDENT}: Market car bombing (Al-Rashid market, Baghdad)")
    assert before.stdout.startswith(f"{INCIDENT}: Market bombing (Al-Rashid market, Baghdad)")
    assert incidents(db)[INCIDENT]["occurred_from"] == "2021-06-01T19:10:00Z"
    nothing = taji_events("amend", "nowhere", "--title", "X", "--db", str(db))
    assert nothing.returncode == 2 and "not declared" in nothing.stderr
    empty = taji_events("amend", INCIDENT, "--db", str(db))
    assert empty.returncode == 2 and "nothing to change; give at least one of --title" in empty.stderr


def test_ingest_extract_with_place_declares_the_incident(tmp_path: Path) -> None:
    db, article = tmp_path / "store.db", tmp_path / "bomb.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = taji_events("ingest", "--extract", str(article), "--incident", INCIDENT, "--source",
                       "Example Wire", "--published", "2021-06-02", "--place",
                       "Al-Rashid market, Baghdad", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    row = incidents(db)[INCIDENT]
    assert (row["declared"], row["title"], row["place"], row["occurred"]) == \
        (True, "Car bomb at market", "Al-Rashid market, Baghdad", "2021-06-01")
    assert (row["reports"], row["claims"]) == (1, 1)


def test_claims_about_an_undeclared_incident_are_kept_with_a_warning(tmp_path: Path) -> None:
    db, article = tmp_path / "store.db", tmp_path / "bomb.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = taji_events("ingest", "--extract", str(article), "--incident", "market-bombing",
                       "--source", "Example Wire", "--published", "2021-06-02", "--db", str(db))
    assert done.returncode == 0
    assert "warning: incident 'market-bombing' is not declared" in done.stderr
    assert "taji-events declare market-bombing --title" in done.stderr
    table = taji_events("incidents", "--db", str(db)).stdout.splitlines()
    assert table[1].split()[:2] == ["market-bombing", "(undeclared)"]


# -- the values, in Python -------------------------------------------------------------------

def test_declarations_from_plain_strings() -> None:
    declared = declare_incident(INCIDENT, title="Market bombing", place="Al-Rashid market",
                                occurred="2021-06-01T23:40+03:00")
    assert declared.occurred_at.lower.isoformat() == "2021-06-01T20:40:00+00:00"
    with pytest.raises(TimeParseError, match="occurrence time 'yesterday'"):
        declare_incident(INCIDENT, title="T", place="P", occurred="yesterday")
    with pytest.raises(InvalidEventError, match="amendment must be a whole number >= 1"):
        amend_incident(INCIDENT, 0, title="T")


@st.composite
def amendments(draw: st.DrawFn) -> IncidentAmended:
    fields = draw(st.fixed_dictionaries({}, optional={
        "title": st.text(max_size=20), "place": st.text(max_size=20),
        "occurred_at": time_points(("minute", "day", "interval")),
        "country": st.sampled_from(("IQ", "SY")), "zone": st.sampled_from(ZONES),
        "description": st.text(max_size=20)}))
    if not fields:
        fields = {"title": "corrected"}
    return IncidentAmended(incident_id=draw(incident_ids()), amendment=draw(st.integers(1, 50)),
                           reason=draw(st.text(max_size=10)), **fields)


@given(amendments())
def test_the_amendment_codec_is_the_converters(amendment: IncidentAmended) -> None:
    assert unstructure_event(amendment) == converter.unstructure(amendment)
    envelope = orjson.loads(dumps_event(amendment))
    assert trusted_event(envelope) == from_envelope(envelope) == amendment
    assert loads_stored(dumps_event(amendment)) == amendment


@given(st.lists(amendments(), max_size=5), st.randoms())
def test_folding_amendments_ignores_the_order_they_were_recorded_in(
        found: list[IncidentAmended], shuffler: object) -> None:
    declared = declare_incident("x", title="T", place="P", occurred="2021-06-01")
    mine = [IncidentAmended(**{**{name: getattr(item, name) for name in (
        "amendment", "title", "place", "occurred_at", "country", "zone", "description")},
        "incident_id": "x"}) for item in {item.amendment: item for item in found}.values()]
    folded = fold_declaration(declared, mine)
    shuffled = list(mine)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    assert fold_declaration(declared, shuffled) == folded
    if mine:
        last = max(mine, key=lambda item: item.amendment)
        assert folded is not None
        for name in ("title", "place", "occurred_at"):
            if getattr(last, name) is not None:
                assert getattr(folded, name) == getattr(last, name)


def test_a_declaration_in_json_may_write_its_time_as_text(tmp_path: Path) -> None:
    db, events = tmp_path / "store.db", tmp_path / "declared.jsonl"
    events.write_text(orjson.dumps({"type": "IncidentDeclared", "version": 1, "data": {
        "incident_id": INCIDENT, "title": "Market bombing", "place": "Al-Rashid market",
        "occurred_at": "2021-06-01T23:40+03:00"}}).decode() + "\n", encoding="utf-8")
    done = taji_events("ingest", str(events), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert incidents(db)[INCIDENT]["occurred_from"] == "2021-06-01T20:40:00Z"
    events.write_text(events.read_text().replace("23:40+03:00", "23:40"), encoding="utf-8")
    naive = taji_events("ingest", str(events), "--db", str(tmp_path / "other.db"))
    assert naive.returncode == 2
    assert "declared.jsonl:1" in naive.stderr and "no zone" in naive.stderr
    assert "(at data.occurred_at)" in naive.stderr


def test_many_undeclared_incidents_get_one_warning(tmp_path: Path) -> None:
    reports = [hand_claim_report(f"town-{number}", "killed", "2", according_to="police",
                                 kind="official_on_record", published="2021-06-02",
                                 note="bulletin") for number in range(7)]
    events = tmp_path / "bulletins.jsonl"
    write_jsonl(reports, events)
    done = taji_events("ingest", str(events), "--db", str(tmp_path / "store.db"))
    assert done.returncode == 0
    (line,) = done.stderr.splitlines()
    assert line.startswith("taji-events: warning: 7 incidents are not declared (town-0, town-1, ")
