"""Claims entered by hand: no text span, a note saying where they came from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from taji_events._codec import trusted_event, unstructure_event
from taji_events.errors import InvalidEventError
from taji_events.model import Claim, Count, Speaker
from taji_events.recording import hand_claim_report
from taji_events.serialization import converter, dumps_event, from_envelope

SEED = Path(__file__).resolve().parents[1] / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"
CALL = ("add-claim", TAJI, "killed", "at least 4", "--according-to", "Iraqi health ministry",
        "--kind", "official_on_record", "--published", "2020-03-12T10:00Z", "--note",
        "phone call with the ministry spokesman")


def taji_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "taji_events", *argv], capture_output=True,
                          text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("hand") / "store.db")
    assert taji_events("ingest", str(SEED), "--db", path).returncode == 0
    added = taji_events(*CALL, "--db", path)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("recorded report:by-hand:taji-2020-03-11:killed:")
    return path


def test_a_claim_entered_twice_is_recorded_once(db: str) -> None:
    again = taji_events(*CALL, "--db", db)
    assert again.returncode == 0 and again.stdout.startswith("already recorded ")
    assert again.stdout.rstrip().endswith("last seq 18")


def test_explain_shows_the_note_instead_of_a_span(db: str) -> None:
    done = taji_events("explain", TAJI, "killed", "--at", "2020-03-14", "--db", db)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if "by-hand:" in line)
    assert "Iraqi health ministry [official_on_record, reported]" in line
    assert line.endswith("no text span; phone call with the ministry spokesman")


def test_state_json_report_and_exports_take_a_claim_without_evidence(db: str, tmp_path: Path) -> None:
    state = taji_events("state", TAJI, "--at", "2020-03-14", "--json", "--db", db)
    killed = orjson.loads(state.stdout)["beliefs"]["killed"]
    claims = [claim for claim in killed["supporting"] + killed["contradicting"]
              if claim["ref"].startswith("by-hand:")]
    assert [(c["quote"], c["span"], c["note"]) for c in claims] == \
        [(None, None, "phone call with the ministry spokesman")]
    report = taji_events("report", TAJI, "--out", str(tmp_path / "r.html"), "--db", db)
    assert report.returncode == 0, report.stderr
    assert "phone call with the ministry spokesman" in (tmp_path / "r.html").read_text()
    rows = taji_events("export-rows", TAJI, "--style", "acled", "--db", db)
    assert rows.returncode == 0, rows.stderr
    assert rows.stdout.startswith("incident,")


def test_attribution_needs_a_stance_and_bad_kinds_are_named(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    base = ("add-claim", TAJI, "attribution", "Kataib Hezbollah", "--according-to", "a US official",
            "--kind", "official_anonymous", "--published", "2020-03-12", "--db", db)
    missing = taji_events(*base)
    assert missing.returncode == 2 and "needs a stance" in missing.stderr
    done = taji_events(*base, "--stance", "accused", "--asserted-by", "the U.S.")
    assert done.returncode == 0, done.stderr
    assert "is not declared" in done.stderr
    bad = taji_events(*base[:7], "oficial_anonymous", *base[8:], "--stance", "accused")
    assert bad.returncode == 2
    assert "--kind 'oficial_anonymous' is not one of official_on_record" in bad.stderr
    assert "(did you mean 'official_anonymous'?)" in bad.stderr


def test_a_claim_needs_evidence_or_a_note() -> None:
    with pytest.raises(InvalidEventError, match="neither evidence nor a note"):
        Claim(incident=TAJI, field="killed", value=Count.exact(3),
              according_to=Speaker("CJTF-OIR", "official_on_record"))
    claim = Claim(incident=TAJI, field="killed", value=Count.exact(3),
                  according_to=Speaker("CJTF-OIR", "official_on_record"), note="briefing")
    assert claim.evidence is None and claim.label == "briefing"


def test_a_claim_without_evidence_round_trips_through_both_codecs() -> None:
    report = hand_claim_report(TAJI, "wounded", "about a dozen", according_to="CJTF-OIR",
                               kind="official_on_record", published="2020-03-12",
                               note="press briefing, 12 March")
    assert unstructure_event(report) == converter.unstructure(report)
    envelope = orjson.loads(dumps_event(report))
    assert envelope["data"]["claims"][0]["evidence"] is None
    assert trusted_event(envelope) == from_envelope(envelope) == report
