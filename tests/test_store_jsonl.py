"""JsonlStore against the public store contract (taji_events.testing.StoreContract),
plus what only a text file does."""

from __future__ import annotations

import errno
import fcntl
import itertools
import os
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from builders import T0, ManualClock, make_incident, make_report

from taji_events import jsonl, open_store
from taji_events.errors import ConcurrencyError, EnvelopeError, StoreError
from taji_events.jsonl import JsonlStore
from taji_events.line_format import LINE_KEYS
from taji_events.sqlite import SQLiteStore
from taji_events.store import Clock, EventStore, StoredRecord
from taji_events.testing import StoreContract


class TestJsonlStore(StoreContract):
    max_examples = 6
    path: Path

    @pytest.fixture(autouse=True)
    def _file_path(self, tmp_path: Path) -> None:
        self.path = tmp_path / "events.jsonl"
        self.numbers = itertools.count()

    def make_clocked_store(self, clock: Clock) -> EventStore:
        """Each store a new file beside ``self.path``."""
        return JsonlStore(self.path.with_name(f"store-{next(self.numbers)}.jsonl"), clock)

    def test_the_file_has_one_line_per_event_and_only_grows(
        self, manual_clock: ManualClock
    ) -> None:
        with JsonlStore(self.path, manual_clock) as store:
            store.append([make_incident(), make_report("a")])
            before = self.path.read_bytes()
            store.append([make_report("b")])
        after = self.path.read_bytes()
        assert after.startswith(before)  # a diff shows only added lines
        lines = after.splitlines()
        assert [tuple(orjson.loads(line)) for line in lines] == [LINE_KEYS] * 3
        assert [orjson.loads(line)["batch_end"] for line in lines] == [2, 2, 3]

    def test_two_store_objects_on_one_file_see_each_other(
        self, manual_clock: ManualClock
    ) -> None:
        ahead = ManualClock(T0 + timedelta(hours=1))
        with JsonlStore(self.path, ahead) as first, JsonlStore(self.path, manual_clock) as second:
            first.append([make_incident()])
            assert second.last_seq() == 1
            second.append([make_report("a")])  # its clock is an hour behind the first's
            assert [entry.recorded_at for entry in first.read()] == [ahead.now, ahead.now]
            with pytest.raises(ConcurrencyError):
                first.append([make_report("b")], expected_seq=1)
            assert second.append([make_report("a")]).recorded == ()  # first knows it too
            assert first.verify().ok

    def test_a_file_replaced_underneath_is_read_again(self, manual_clock: ManualClock) -> None:
        older = self.path.with_name("older.jsonl")
        with JsonlStore(older, manual_clock) as store:
            store.append([make_incident()])
        with JsonlStore(self.path, manual_clock) as store:
            store.append([make_incident(), make_report("a"), make_report("b")])
            os.replace(older, self.path)  # e.g. git checkout of an older version
            assert store.last_seq() == 1
            assert store.append([make_report("c")]).last_seq == 2
            assert store.verify().ok

    @pytest.mark.parametrize(
        ("prepare", "message"),
        [
            (lambda path: path.write_bytes(b'{"type":"IncidentDeclared","version":1,"data":{}}\n'),
             r"events\.jsonl:1: .*plain event envelope.*ingest"),
            (lambda path: path.write_bytes(b"not json\n"), r"events\.jsonl:1: not valid JSON"),
            (lambda path: path.mkdir(), "pass a file path, not a directory"),
            (lambda path: None, "create the directory first"),
        ],
        ids=["seeds-file", "garbage", "directory", "missing-directory"],
    )
    def test_files_that_are_not_a_store_are_refused(
        self, prepare: Callable[[Path], object], message: str
    ) -> None:
        path = self.path
        if message == "create the directory first":
            path = self.path.parent / "nowhere" / "events.jsonl"
        prepare(path)
        with pytest.raises(StoreError, match=message):
            JsonlStore(path)

    def test_an_unreadable_event_names_its_seq(self) -> None:
        line = {"seq": 1, "batch_end": 1, "recorded_at": "2020-03-12T09:00:00.000000Z",
                "hash": "0" * 64, "type": "Nope", "version": 1, "data": {}}
        self.path.write_bytes(orjson.dumps(line) + b"\n\n")  # a blank line is ignored
        with JsonlStore(self.path) as store:
            assert store.last_seq() == 1
            with pytest.raises(EnvelopeError, match=r"events\.jsonl, seq 1: .*Nope"):
                list(store.read())
            assert store.verify().first_bad_seq == 1

    def test_a_file_another_process_holds_locked_times_out(self) -> None:
        with JsonlStore(self.path, lock_timeout=0.05) as store:
            with open(self.path, "rb") as other:
                fcntl.flock(other, fcntl.LOCK_EX)
                with pytest.raises(StoreError, match=r"held the file lock for 0\.05s"):
                    store.append([make_incident()])
                fcntl.flock(other, fcntl.LOCK_UN)
            assert store.append([make_incident()]).last_seq == 1

    def test_a_failed_write_leaves_the_file_as_it_was(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        with JsonlStore(self.path) as store:
            store.append([make_incident()])
            before = self.path.read_bytes()

            def disk_full(descriptor: int) -> None:
                raise OSError(errno.ENOSPC, "No space left on device")

            with monkeypatch.context() as patch:
                patch.setattr(os, "fsync", disk_full)
                with pytest.raises(StoreError, match=r"No space left.*nothing was written"):
                    store.append([make_report("a")])
            assert self.path.read_bytes() == before
            assert store.append([make_report("a")]).last_seq == 2

    def test_a_read_only_file_can_be_read_but_not_appended(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        with JsonlStore(self.path) as store:
            store.append([make_incident()])
        real_open = os.open

        def read_only(path: str, flags: int, *args: int) -> int:
            if flags & os.O_RDWR:  # as for a file without write permission
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", read_only)
        with JsonlStore(self.path) as store:
            assert store.last_seq() == 1
            with pytest.raises(StoreError, match="read-only"):
                store.append([make_report("a")])

    def test_open_store_picks_json_lines_by_suffix(self, tmp_path: Path) -> None:
        for name in ("events.jsonl", "events.NDJSON"):
            with open_store(tmp_path / name) as store:
                assert isinstance(store, JsonlStore)
        with open_store(str(tmp_path / "events.db")) as store:
            assert isinstance(store, SQLiteStore)

    def test_an_open_store_notices_the_file_rewritten_in_place(
        self, manual_clock: ManualClock
    ) -> None:
        with JsonlStore(self.path, manual_clock) as store:
            store.append([make_incident(), make_report("a")])
            store.append([make_report("b")])
            data = self.path.read_bytes()
            with open(self.path, "r+b") as same_inode:  # an editor saving in place
                same_inode.write(data.replace(b"Camp Taji, Iraq", b"Camp Tajj, Iraq", 1))
            assert store.verify().first_bad_seq == 1
            lines = data.splitlines(keepends=True)
            with open(self.path, "r+b") as same_inode:  # rewritten longer, tail first
                same_inode.write(lines[2] + lines[0] + lines[1] + lines[2])
            assert [record.seq for record in store.records()] == [3, 1, 2, 3]  # read again
            assert store.verify().first_bad_seq == 1


def test_a_reader_parses_outside_the_lock_so_writers_never_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "events.jsonl"
    with JsonlStore(path) as store:
        store.append([make_report(f"r{number}") for number in range(50)])
    parsing, release = threading.Event(), threading.Event()
    decode = jsonl.decode_line

    def slow_decode(line: bytes, *, where: str = "line") -> StoredRecord:
        if threading.current_thread().name == "reader":
            parsing.set()
            release.wait(30)  # a large file, parsed slowly
        return decode(line, where=where)

    monkeypatch.setattr(jsonl, "decode_line", slow_decode)
    opened: list[JsonlStore] = []
    reader = threading.Thread(target=lambda: opened.append(JsonlStore(path)), name="reader")
    reader.start()
    try:
        assert parsing.wait(30)
        with JsonlStore(path, lock_timeout=0.5) as writer:  # waits at most half a second
            assert writer.append([make_report("while-reading")]).last_seq == 51
    finally:
        release.set()
        reader.join(30)
    with opened[0] as store:
        assert store.last_seq() == 51 and store.verify().ok
