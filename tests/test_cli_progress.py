"""Long work draws a progress bar on a terminal's standard error, and nothing otherwise."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from taji_events.events import ReportPublished
from taji_events.model import Claim, Count, Source, Speaker
from taji_events.serialization import write_jsonl
from taji_events.timepoint import TimePoint

EVENTS = 2_500  # above the threshold of 2 000


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("many") / "many.jsonl"
    published = TimePoint.parse("2021-06-02T10:00Z")
    write_jsonl([ReportPublished(
        report_id=f"wire-{number}", revision=0, source=Source("Example Wire", "wire"),
        published_at=published,
        claims=[Claim(incident="i", field="killed", value=Count.exact(number % 7),
                      according_to=Speaker("police", "official_on_record"), note="bulletin")])
        for number in range(EVENTS)], path)
    return path


def _ingest_on_a_terminal(many: Path, db: Path, *extra: str) -> str:
    """Run ``ingest`` with standard error on a pseudo-terminal; return what it drew."""
    main_end, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        done = subprocess.run([sys.executable, "-m", "taji_events", "ingest", str(many),
                               "--db", str(db), *extra], stdout=subprocess.PIPE,
                              stderr=terminal, check=False, timeout=300)
        os.close(terminal)
        drawn = b""
        while True:
            try:
                chunk = os.read(main_end, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(main_end)
    assert done.returncode == 0
    assert done.stdout.startswith(f"recorded {EVENTS} new events".encode())
    return drawn.decode(errors="replace")


def test_a_terminal_sees_a_bar_on_stderr(many: Path, tmp_path: Path) -> None:
    drawn = _ingest_on_a_terminal(many, tmp_path / "a.db")
    assert "reading many.jsonl" in drawn and f"/{EVENTS}" in drawn
    assert "appending" in drawn


def test_quiet_draws_nothing(many: Path, tmp_path: Path) -> None:
    assert "reading" not in _ingest_on_a_terminal(many, tmp_path / "b.db", "--quiet")


def test_no_terminal_no_bar(many: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "taji_events", "ingest", str(many), "--db",
                           str(tmp_path / "c.db")], capture_output=True, text=True, check=False,
                          timeout=300)
    assert done.returncode == 0
    assert "reading" not in done.stderr
    exported = subprocess.run([sys.executable, "-m", "taji_events", "export", "--db",
                               str(tmp_path / "c.db")], capture_output=True, check=False,
                              timeout=300)
    assert exported.returncode == 0 and exported.stderr == b""
    assert exported.stdout.count(b"\n") == EVENTS


# -- report and claims: a bar once the work passes the threshold -------------------------------

@pytest.fixture(scope="module")
def many_db(many: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("many-db") / "many.db"
    done = subprocess.run([sys.executable, "-m", "taji_events", "ingest", str(many), "--db",
                           str(db), "--quiet"], capture_output=True, check=False, timeout=300)
    assert done.returncode == 0
    return db


def _on_a_terminal(*argv: str) -> tuple[subprocess.CompletedProcess[bytes], str]:
    """Run the command with standard error on a pseudo-terminal; return it and what it drew."""
    main_end, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        done = subprocess.run([sys.executable, "-m", "taji_events", *argv], stdout=subprocess.PIPE,
                              stderr=terminal, check=False, timeout=300)
        os.close(terminal)
        drawn = b""
        while True:
            try:
                chunk = os.read(main_end, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(main_end)
    return done, drawn.decode(errors="replace")


def test_report_draws_a_bar_on_a_terminal_and_none_when_quiet(many_db: Path, tmp_path: Path) -> None:
    # 2 500 claims enter one by one: 2 500 claim moves per pass, well above the threshold.
    done, drawn = _on_a_terminal("report", "i", "--out", str(tmp_path / "r.html"),
                                 "--db", str(many_db))
    assert done.returncode == 0 and done.stdout.startswith(b"wrote ")
    assert "report:" in drawn and "claim move" in drawn
    quiet, silent = _on_a_terminal("report", "i", "--out", str(tmp_path / "q.html"),
                                   "--db", str(many_db), "--quiet")
    assert quiet.returncode == 0 and "report:" not in silent
    assert (tmp_path / "q.html").read_bytes() == (tmp_path / "r.html").read_bytes()
    piped = subprocess.run([sys.executable, "-m", "taji_events", "report", "i", "--out",
                            str(tmp_path / "p.html"), "--db", str(many_db)],
                           capture_output=True, check=False, timeout=300)
    assert piped.returncode == 0 and piped.stderr == b""


def test_claims_draws_a_bar_on_a_terminal_and_none_when_quiet(many_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    done, drawn = _on_a_terminal("claims", "i", "--out", str(out), "--db", str(many_db))
    assert done.returncode == 0 and done.stdout.startswith(f"wrote {EVENTS} claim rows".encode())
    # The events read so far, counted as they come (their total is not known in advance).
    assert re.search(r"claims: reading: \d{4}event", drawn), drawn
    quiet, silent = _on_a_terminal("claims", "i", "--out", str(out), "--db", str(many_db),
                                   "--quiet")
    assert quiet.returncode == 0 and "claims: reading" not in silent
    piped = subprocess.run([sys.executable, "-m", "taji_events", "claims", "i", "--db",
                            str(many_db)], capture_output=True, check=False, timeout=300)
    assert piped.returncode == 0 and piped.stderr == b""
    assert piped.stdout.count(b"\n") == EVENTS + 1


def test_a_small_report_draws_nothing_even_on_a_terminal(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds" / "taji-2020-03-11.jsonl"
    db = tmp_path / "seed.db"
    assert subprocess.run([sys.executable, "-m", "taji_events", "ingest", str(seed), "--db",
                           str(db)], capture_output=True, check=False, timeout=300).returncode == 0
    done, drawn = _on_a_terminal("report", "taji-2020-03-11", "--out", str(tmp_path / "s.html"),
                                 "--db", str(db))
    assert done.returncode == 0 and "report:" not in drawn
