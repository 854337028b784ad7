"""``make demo`` tells the seed story as it unfolded, in both modes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_demo_shows_the_early_picture_and_the_settled_one() -> None:
    done = subprocess.run(["make", "-s", "demo"], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    possible = out.index("$ taji-events timeline taji-2020-03-11 --mode possible")
    certain = out.index("$ taji-events timeline taji-2020-03-11 --db")
    early = out[possible:certain]
    # Reports dated only by day enter at the start of it: the early counts show.
    assert early.splitlines()[1].startswith("2020-03-11T16:30:00Z  ")
    # Counted once certainly published, nothing enters before the first timed report.
    assert out[certain:].splitlines()[1].startswith("2020-03-11T22:21:00Z  ")
    # A timeline shows beliefs only; the early Iraqi denials are told claim by claim.
    explained = out[out.index("$ taji-events explain taji-2020-03-11 killed --at "
                              "2020-03-11T20:00Z --mode possible"):]
    explained = explained[:explained.index("\n$ ")]
    assert "believed at 2020-03-11T20:00Z (the minute" in explained
    assert '"Iraqi claims there had been no casualties"' in explained
    assert "the attack didn’t result in any losses" in explained
    assert "because an initial figure" in explained
    for mode in ("possible", "certain"):
        assert f"--at 2020-03-11T22:30Z --mode {mode}" in out
    assert "believed at 2020-03-11T22:30Z (the minute, 2020-03-11T22:30:00Z .. " \
           "2020-03-11T22:31:00Z; counted to its end) (possible)" in out
    assert "believed at 2020-03-13 (the day in every zone" in out
    assert 'docs/seeds.md, section "Reading make demo"' in out
    assert (ROOT / "demo" / "taji-2020-03-11.html").is_file()
