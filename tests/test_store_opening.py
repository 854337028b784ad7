"""Opening a store by name as the command line does: reading a shared,
read-only data set; appending without leaving an empty store behind when the
append fails; checking an anchor with ``verify --expect-head``."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from builders import TAJI, make_incident, make_report

from taji_events.cli import main
from taji_events.errors import IdentityConflictError, StoreError
from taji_events.jsonl import JsonlStore
from taji_events.opening import append_to_store, open_store_for_reading
from taji_events.serialization import write_jsonl
from taji_events.sqlite import SQLiteStore


@contextlib.contextmanager
def read_only(directory: Path) -> Iterator[Path]:
    """``directory`` seen read-only: a read-only bind mount of it (as root, who
    ignores permissions), else its permissions. Skips when neither works."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            yield directory
        finally:
            directory.chmod(0o755)
        return
    view = directory.with_name(directory.name + "-ro")
    view.mkdir()
    try:
        subprocess.run(["mount", "--bind", str(directory), str(view)], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"cannot make a read-only view of a directory here: {error}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True,
                       capture_output=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=False, capture_output=True)
        view.rmdir()


@pytest.fixture
def shared_data_set(tmp_path: Path) -> Path:
    """A directory holding a SQLite store of an incident and two reports."""
    directory = tmp_path / "data"
    directory.mkdir()
    with SQLiteStore(directory / "events.db") as store:
        store.append([make_incident(), make_report("a")])
        store.append([make_report("b")])
    return directory


def test_a_sqlite_store_in_a_read_only_directory_can_be_read(
    shared_data_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with read_only(shared_data_set) as directory:
        path = directory / "events.db"
        with pytest.raises(OSError):
            (directory / "probe").touch()
        with open_store_for_reading(path) as store:
            assert store.last_seq() == 3
            assert [entry.seq for entry in store.read(incident=TAJI)] == [1, 2, 3]
            assert store.verify().ok
            with pytest.raises(StoreError, match="read-only"):
                store.append([make_report("c")])
        assert main(["incidents", "--db", str(path)]) == 0
        assert TAJI in capsys.readouterr().out
        assert main(["verify", "--db", str(path)]) == 0
        assert sorted(entry.name for entry in directory.iterdir()) == ["events.db"]


def test_read_only_opening_never_creates_or_upgrades(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        SQLiteStore(tmp_path / "missing.db", read_only=True)
    with pytest.raises(StoreError, match=r"no store at .*missing\.db; run `taji-events ingest"):
        open_store_for_reading(tmp_path / "missing.db")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".db", ".jsonl"])
def test_a_failed_append_leaves_no_new_store_behind(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"new{suffix}"
    conflicting = [make_report("a"), attrs.evolve(make_report("a"), title="edited")]
    with pytest.raises(IdentityConflictError):
        append_to_store(path, conflicting)
    assert list(tmp_path.iterdir()) == []
    result = append_to_store(path, [make_incident(), make_report("a")])
    assert [entry.seq for entry in result.recorded] == [1, 2]
    assert sorted(entry.name for entry in tmp_path.iterdir()) == [path.name]
    opened = SQLiteStore(path) if suffix == ".db" else JsonlStore(path)
    with opened as store:
        assert store.last_seq() == 2 and store.verify().ok
    assert append_to_store(path, [make_report("a"), make_report("b")]).last_seq == 3


@pytest.mark.parametrize("suffix", [".db", ".jsonl"])
def test_a_failed_ingest_leaves_no_empty_store_behind(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = tmp_path / "input.jsonl"
    write_jsonl([make_report("a"), attrs.evolve(make_report("a"), title="edited")], seeds)
    store = tmp_path / f"events{suffix}"
    assert main(["ingest", str(seeds), "--db", str(store)]) == 2
    assert "report:a@0" in capsys.readouterr().err
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["input.jsonl"]


def test_verify_checks_an_anchor_and_prints_the_full_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.jsonl"
    with JsonlStore(path) as store:
        store.append([make_incident(), make_report("a")])
        head = store.verify().head_hash
        store.append([make_report("b")])
    db = ["--db", str(path)]
    assert main(["verify", *db, "--expect-head", head, "--at-seq", "2"]) == 0
    assert "hash chain intact; matches the expected head" in capsys.readouterr().out
    assert main(["verify", *db]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("ok: 3 events") and "at seq 3" in printed
    whole = printed.split("(head ")[1].split()[0]
    assert len(whole) == 64 and main(["verify", *db, "--expect-head", whole]) == 0
    capsys.readouterr()
    # Trailing batches lost (an older copy put back) pass the chain, not the anchor.
    path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:2]))
    assert main(["verify", *db]) == 0
    assert main(["verify", *db, "--expect-head", whole, "--at-seq", "3"]) == 1
    assert "events 3..3 are missing" in capsys.readouterr().out
    assert main(["verify", *db, "--expect-head", "xyz"]) == 2
    assert "64 hex digits" in capsys.readouterr().err


def test_a_failed_import_leaves_no_new_store_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b'{"seq": 1, "batch_end": 1}\n')
    assert main(["import", str(broken), "--db", str(tmp_path / "new.db")]) == 2
    assert "broken.jsonl:1" in capsys.readouterr().err
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["broken.jsonl"]
