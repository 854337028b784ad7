"""An article read again is its report's next revision, through ``taji-events ingest --extract``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import orjson
import pytest

from taji_events.events import ReportPublished, ReportRetracted
from taji_events.model import Count
from taji_events.serialization import write_jsonl
from taji_events.sqlite import SQLiteStore
from taji_events.text_revisions import record_text
from taji_events.timepoint import TimePoint

INCIDENT = "base-2021-06-02"
ORIGINAL = ("Rockets hit base\n\nBAGHDAD, June 2 (Example Wire) - Two soldiers were killed when "
            "rockets hit the base, the army said.\n")
UPDATE = "\nUPDATE: 6:20pm EST:\n\nThe army now says three soldiers were killed.\n"


def taji_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "taji_events", *argv], capture_output=True,
                          text=True, check=False, timeout=120)


def ingest(db: Path, article: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return taji_events("ingest", "--extract", str(article), "--incident", INCIDENT,
                       "--source", "Example Wire", "--published", "2021-06-02",
                       "--report-id", "wire-1", "--db", str(db), *extra)


def revisions(db: Path) -> dict[int, list[int | None]]:
    """Each recorded revision of wire-1 with its killed figures."""
    with SQLiteStore(db) as store:
        return {recorded.event.revision: [claim.value.low for claim in recorded.event.claims
                                          if isinstance(claim.value, Count)]
                for recorded in store.read() if isinstance(recorded.event, ReportPublished)}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def test_the_same_text_again_is_already_recorded_whatever_its_whitespace(tmp_path: Path,
                                                                        article: Path) -> None:
    db = tmp_path / "store.db"
    first = ingest(db, article)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("recorded 1 new event, 0 already present")
    article.write_text(ORIGINAL.replace(" the army", "  the army") + "\n\n", encoding="utf-8")
    again = ingest(db, article)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("recorded 0 new events, 1 already present")
    assert "report 'wire-1': already recorded (the text of revision 0)" in again.stdout
    assert revisions(db) == {0: [2]}


def test_a_new_update_section_is_the_next_revision_and_the_recorded_ones_stay(
        tmp_path: Path, article: Path) -> None:
    db = tmp_path / "store.db"
    assert ingest(db, article).returncode == 0
    article.write_text(ORIGINAL + UPDATE, encoding="utf-8")
    updated = ingest(db, article)
    assert updated.returncode == 0, updated.stderr
    assert "recorded revision 1 (new update sections; revision 0 unchanged)" in updated.stdout
    assert revisions(db) == {0: [2], 1: [2, 3]}
    # The update carries its own publication time: before it, the original stands.
    before = taji_events("state", INCIDENT, "--at", "2021-06-02T22:00Z", "--mode", "possible",
                         "--db", str(db), "--json")
    after = taji_events("state", INCIDENT, "--at", "2021-06-02T22:30Z", "--mode", "possible",
                        "--db", str(db), "--json")
    assert orjson.loads(before.stdout)["beliefs"]["killed"]["best"] == 2
    assert orjson.loads(after.stdout)["beliefs"]["killed"]["best"] == 3


def test_an_edited_paragraph_is_a_new_revision_with_every_claim_of_the_new_text(
        tmp_path: Path, article: Path) -> None:
    db = tmp_path / "store.db"
    article.write_text(ORIGINAL + UPDATE, encoding="utf-8")
    assert ingest(db, article).returncode == 0
    article.write_text(ORIGINAL.replace("Two soldiers", "Four soldiers") + UPDATE, encoding="utf-8")
    edited = ingest(db, article)
    assert edited.returncode == 0, edited.stderr
    assert "recorded revision 2 (the text differs from revision 0)" in edited.stdout
    assert revisions(db) == {0: [2], 1: [2, 3], 2: [4, 3]}


def test_revision_forces_a_number_and_a_real_conflict_says_how_to_record_it(
        tmp_path: Path, article: Path) -> None:
    db = tmp_path / "store.db"
    assert ingest(db, article).returncode == 0
    article.write_text(ORIGINAL.replace("Two", "Five"), encoding="utf-8")
    conflict = ingest(db, article, "--revision", "0")
    assert conflict.returncode == 2 and conflict.stdout == ""
    assert "report 'wire-1' revision 0 is already recorded with a different text" in conflict.stderr
    assert "'Two soldiers" in conflict.stderr and "'Five soldiers" in conflict.stderr
    assert "record this text as revision 1" in conflict.stderr
    assert revisions(db) == {0: [2]}
    forced = ingest(db, article, "--revision", "4")
    assert forced.returncode == 0, forced.stderr
    assert revisions(db) == {0: [2], 4: [5]}


def test_a_retracted_report_takes_no_new_text(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "store.db"
    assert ingest(db, article).returncode == 0
    retraction = tmp_path / "retraction.jsonl"
    write_jsonl([ReportRetracted("wire-1", at=TimePoint.parse("2021-06-03"), reason="withdrawn")],
                retraction)
    assert taji_events("ingest", str(retraction), "--db", str(db)).returncode == 0
    article.write_text(ORIGINAL + UPDATE, encoding="utf-8")
    refused = ingest(db, article)
    assert refused.returncode == 2
    assert "report 'wire-1' was retracted" in refused.stderr and "another report id" in refused.stderr


def test_record_text_is_the_same_in_python(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "store.db") as store:
        arguments = {"incident": INCIDENT, "source": "Example Wire", "report_id": "wire-1",
                     "published": "2021-06-02"}
        assert [e.revision for e in record_text(store, ORIGINAL, **arguments).events] == [0]
        assert record_text(store, ORIGINAL + "\n", **arguments).already_recorded
        plan = record_text(store, ORIGINAL + UPDATE, **arguments)
        assert (plan.unchanged, [e.revision for e in plan.events]) == ((0,), [1])
        assert plan.events[0].published_at.text == "6:20pm EST"
        assert store.last_seq() == 2


def test_a_changed_revision_in_a_jsonl_file_says_which_number_to_give(tmp_path: Path,
                                                                       article: Path) -> None:
    db = tmp_path / "store.db"
    article.write_text(ORIGINAL + UPDATE, encoding="utf-8")
    assert ingest(db, article).returncode == 0
    with SQLiteStore(db) as store:
        first = next(recorded.event for recorded in store.read()
                     if isinstance(recorded.event, ReportPublished))
    changed = tmp_path / "changed.jsonl"
    write_jsonl([attrs.evolve(first, title="Rockets hit base (corrected)")], changed)
    refused = taji_events("ingest", str(changed), "--db", str(db))
    assert refused.returncode == 2
    assert "identity 'report:wire-1@0' is already recorded" in refused.stderr
    assert "report 'wire-1' has revisions up to 1: give the changed one \"revision\": 2" \
        in refused.stderr
