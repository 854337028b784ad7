"""Long work draws a progress bar on a terminal's standard error, and nothing otherwise."""

from __future__ import annotations

import fcntl
import os
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
