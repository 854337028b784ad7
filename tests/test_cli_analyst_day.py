"""An analyst's day on a new incident, through the shell: what each step prints.

Each test runs ``taji-events`` in a subprocess, as a user would, and checks
that a time is shown as what it is and that every mistake is named in the
command line's terms (its options, never Python keywords), with a fix.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from taji_events.declarations import amend_incident
from taji_events.errors import InvalidEventError

SEED = Path(__file__).resolve().parents[1] / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"


def taji_events(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "taji_events", *argv], capture_output=True,
                          text=True, check=False, timeout=120)


def refused(done: subprocess.CompletedProcess[str]) -> str:
    """The one-line error of a refused command (exit status 2, nothing on stdout)."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and "Traceback" not in done.stderr
    return done.stderr


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("seeds") / "seed.db")
    assert taji_events("ingest", str(SEED), "--db", path).returncode == 0
    return path


def test_explain_prints_the_time_asked_and_its_window(seeds: str) -> None:
    done = taji_events("explain", TAJI, "killed", "--at", "2020-03-13", "--db", seeds)
    assert done.returncode == 0, done.stderr
    head = done.stdout.splitlines()[0]
    assert head.endswith("believed at 2020-03-13 (the day in every zone, 2020-03-12T10:00:00Z .. "
                         "2020-03-14T12:00:00Z; counted to its end) (certain)")
    minute = taji_events("explain", TAJI, "killed", "--at", "2020-03-11T22:30Z", "--db", seeds)
    assert "believed at 2020-03-11T22:30Z (the minute, " in minute.stdout.splitlines()[0]


def test_explain_without_at_is_everything_published_so_far(seeds: str) -> None:
    done = taji_events("explain", TAJI, "killed", "--db", seeds)
    assert done.returncode == 0, done.stderr
    head = done.stdout.splitlines()[0]
    assert "killed = 3 (3..3) confirmed [GB 1, US 2]" in head
    assert ": everything published so far (certain)" in head


def test_a_publication_time_whose_text_names_no_day_is_shown_with_its_day(seeds: str) -> None:
    listing = taji_events("incidents", "--db", seeds)
    assert listing.returncode == 0, listing.stderr
    raiders = next(line for line in listing.stdout.splitlines()
                   if line.startswith("marine-raiders-2020-03"))
    # "8:15pm EST" alone does not say which evening; in New York it was 11 March.
    assert raiders.endswith("8:15pm EST on 2020-03-11 (minute, America/New_York)")
    explained = taji_events("explain", TAJI, "killed", "--at", "2020-03-13", "--db", seeds)
    assert "first published 7:15pm EST on 2020-03-11)" in explained.stdout
    # A text that carries its date is shown as written.
    assert "first published 2020-03-11)" in explained.stdout


MARKET = "market-2021-06-01"


def declare(db: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return taji_events("declare", MARKET, "--title", "Market bombing", "--place",
                       "Al-Rashid market, Baghdad", "--occurred", "2021-06-01 23:40", *extra,
                       "--db", db)


@pytest.mark.parametrize(("extra", "message"), [
    (["--zone", "Asia/Bagdad"], "--zone: 'Asia/Bagdad' is not an IANA zone name (did you mean "
                                "'Asia/Baghdad'?); give the place's zone as Area/City"),
    (["--zone", "Asia/Baghdad", "--country", "Iraq"],
     "--country: 'Iraq' is not an ISO 3166-1 alpha-2 code; give two capital letters, e.g. 'IQ'"),
    (["--zone", "Asia/Baghdad", "--title", " "],
     "--title: the incident's title is empty; give it in words"),
])
def test_declare_refuses_what_exports_could_not_use(tmp_path: Path, extra: list[str],
                                                    message: str) -> None:
    db = str(tmp_path / "market.db")
    assert message in refused(declare(db, *extra))
    assert "IncidentDeclared" not in message
    assert taji_events("incidents", "--db", db).stdout.strip() == "no incidents yet (0 events)"


def test_amend_names_its_options_and_reads_a_local_time_in_the_declared_zone(
        tmp_path: Path) -> None:
    db = str(tmp_path / "market.db")
    assert declare(db, "--zone", "Asia/Baghdad", "--country", "IQ").returncode == 0
    nothing = refused(taji_events("amend", MARKET, "--db", db))
    assert ("nothing to change; give at least one of --title, --place, --occurred, --zone, "
            "--country, --description") in nothing
    assert "occurred_at" not in nothing
    zone = refused(taji_events("amend", MARKET, "--zone", "Asia/Bagdad", "--db", db))
    assert zone.startswith("taji-events: error: --zone: 'Asia/Bagdad' is not an IANA zone name "
                           "(did you mean 'Asia/Baghdad'?)")
    # Declared in Asia/Baghdad: a corrected clock time is read there too.
    done = taji_events("amend", MARKET, "--occurred", "2021-06-01 22:10", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith(
        "occurred 2021-06-01 22:10 Asia/Baghdad (minute, 2021-06-01T19:10:00Z .. "
        "2021-06-01T19:11:00Z)")


def add_claim(db: str, field: str, value: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return taji_events("add-claim", MARKET, field, value, "--according-to", "Baghdad police",
                       "--kind", "official_on_record", "--published", "2021-06-02T08:00Z",
                       *extra, "--db", db)


def test_add_claim_refuses_a_field_one_typo_from_a_known_one(tmp_path: Path) -> None:
    db = str(tmp_path / "market.db")
    assert add_claim(db, "killed", "at least 4").returncode == 0
    typo = refused(add_claim(db, "kiled", "5"))
    assert ("no claim about market-2021-06-01 names field 'kiled' (did you mean 'killed'?)"
            in typo)
    assert "add --new-field" in typo
    # A field unlike any other is simply new; --new-field records a close one on purpose.
    assert add_claim(db, "houses_destroyed", "4").returncode == 0
    assert add_claim(db, "kiled", "5", "--new-field").returncode == 0
    fields = taji_events("state", MARKET, "--format", "csv", "--db", db).stdout
    assert [line.split(",")[1] for line in fields.splitlines()[1:]] == [
        "killed", "wounded", "rockets_fired", "rockets_impacted", "attribution",
        "houses_destroyed", "kiled"]


def test_add_claim_names_stance_and_zone_as_options(tmp_path: Path) -> None:
    db = str(tmp_path / "market.db")
    stance = refused(add_claim(db, "attribution", "Islamic State"))
    assert ("an attribution claim needs a stance for 'Islamic State': give --stance 'accused' "
            "(one of claimed, accused, suspected, denied, no_claim)") in stance
    zone = refused(taji_events("add-claim", MARKET, "killed", "4", "--according-to", "police",
                               "--kind", "official_on_record", "--published", "2021-06-02 11:00",
                               "--zone", "Asia/Bagdad", "--db", db))
    assert "--zone: 'Asia/Bagdad' is not an IANA zone name (did you mean 'Asia/Baghdad'?)" in zone


def test_claims_writes_the_format_its_out_file_names(seeds: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    done = taji_events("claims", TAJI, "--out", str(out), "--db", seeds)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote 42 claim rows (parquet) to ")
    assert out.read_bytes()[:4] == b"PAR1"
    lines = tmp_path / "claims.jsonl"
    assert taji_events("claims", TAJI, "--out", str(lines), "--db", seeds).returncode == 0
    assert lines.read_text(encoding="utf-8").startswith('{"incident":"taji-2020-03-11"')


@pytest.mark.parametrize(("argv", "message"), [
    (["claims", TAJI, "--format", "csv", "--out", "claims.parquet"],
     "--format csv does not match --out claims.parquet, a parquet file name; give --format "
     "parquet, or an --out ending in .csv"),
    (["export-rows", TAJI, "--style", "ucdp", "--out", "rows.parquet"],
     "--out rows.parquet names a parquet file, but this command writes csv, jsonl"),
    (["claims", "taji-2020-03-1"], "(did you mean 'taji-2020-03-11'?)"),
])
def test_table_files_are_refused_before_anything_is_written(
        seeds: str, tmp_path: Path, argv: list[str], message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "taji_events", *argv, "--db", seeds],
                          capture_output=True, text=True, check=False, timeout=120, cwd=tmp_path)
    assert message in refused(done)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("argv", "message"), [
    (["known", TAJI, "--seq", "0"], "has no events within --seq 0, though the store holds some "
                                    "(17 events in all); give a later --seq"),
    (["known", TAJI, "--at", "2000-01-01"], "no events within --at 2000-01-01"),
    (["state", TAJI, "--basis-seq", "0"], "give a later --basis-seq"),
    (["timeline", TAJI, "--basis-seq", "0"], "give a later --basis-seq"),
    (["explain", TAJI, "killed", "--basis-seq", "0"], "give a later --basis-seq"),
])
def test_a_cut_before_the_incident_names_the_option_that_cut(
        seeds: str, argv: list[str], message: str) -> None:
    error = refused(taji_events(*argv, "--db", seeds))
    assert message in error and "known incidents" not in error


def test_ingest_extract_names_a_negative_revision_as_its_option(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Two soldiers were killed, the army said.\n", encoding="utf-8")
    db = tmp_path / "news.db"
    error = refused(taji_events("ingest", "--extract", str(article), "--incident", "base-1",
                                "--source", "Example Wire", "--published", "2021-06-02",
                                "--revision", "-1", "--db", str(db)))
    assert "--revision -1: a revision is a whole number >= 0" in error
    assert not db.exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["state", TAJI, "--mode", "possibl"],
     "--mode 'possibl' is not a mode (did you mean 'possible'?); use 'certain'"),
    (["timeline", TAJI, "--mode", "maybe"], "--mode 'maybe' is not a mode; use 'certain'"),
    (["report", TAJI, "--out", "never.html", "--mode", "possibl"], "(did you mean 'possible'?)"),
    (["export-rows", TAJI, "--style", "ucd"],
     "--style 'ucd' is not a known style (did you mean 'ucdp'?); use one of ucdp, acled, airwars"),
])
def test_options_are_named_with_the_closest_choice(
        seeds: str, argv: list[str], message: str) -> None:
    error = refused(taji_events(*argv, "--db", seeds))
    assert message in error and "mode 'possibl' is not one of" not in error


def test_a_file_that_is_no_store_or_no_event_log_says_what_to_do(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Rockets hit base\n\nTwo soldiers were killed.\n", encoding="utf-8")
    not_a_store = refused(taji_events("state", TAJI, "--db", str(article)))
    assert not_a_store.rstrip().endswith("give another --db")
    db = tmp_path / "news.db"
    as_events = refused(taji_events("ingest", str(article), "--db", str(db)))
    assert (f"{article} looks like article text, not JSON Lines events: read it with --extract "
            f"{article} --incident ID --source NAME") in as_events
    assert not db.exists()


def test_an_empty_amendment_in_python_names_the_keywords_to_pass() -> None:
    with pytest.raises(InvalidEventError, match=r"changes nothing; pass at least one of title=, "
                                                r"place=, occurred=, zone=, country=, "
                                                r"description=$"):
        amend_incident(MARKET, 1, reason="nothing")
