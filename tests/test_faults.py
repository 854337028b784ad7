"""Crashes: a writer killed with SIGKILL mid-append never leaves half a batch.

A child process appends numbered batches in a loop and notes each batch the
store acknowledged; the parent kills it at a random moment, again and again.
After every kill the store must open, hold only whole batches with gap-free
seq, pass verify(), and still hold every acknowledged batch. A JSON Lines file
cut at every byte of its last batch shows what a torn write looks like there.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import time
from collections import Counter
from multiprocessing.synchronize import Event as ProcessEvent
from pathlib import Path

import pytest
from builders import make_incident, make_report
from store_suite import THOROUGH, Opener, fork

from taji_events.events import ReportPublished
from taji_events.jsonl import JsonlStore, TornWriteError, TornWriteWarning
from taji_events.store import EventStore

#: SIGKILLs per backend: 50 in the thorough profile (make test-thorough), 12 by default.
KILLS = 50 if THOROUGH else 12
SEED = 20200311


def _write_until_killed(opener: Opener, acks: Path, prefix: str, ready: ProcessEvent) -> None:
    """Child: append batches of 1..4 reports forever; note each acknowledged one."""
    store = opener()
    ready.set()
    with open(acks, "ab", buffering=0) as noted:
        for number in itertools.count():
            size = 1 + number % 4
            batch = f"{prefix}-{number}"
            store.append([make_report(f"{batch}/{index}of{size}") for index in range(size)])
            noted.write(f"{batch} {size}\n".encode())


def _open_after_crash(opener: Opener) -> tuple[EventStore, bool]:
    """Open the store as an operator would: a JSON Lines file with a torn tail is
    reported, then opened with repair=True. Returns the store and whether it was torn."""
    try:
        return opener(), False
    except TornWriteError:
        with pytest.warns(TornWriteWarning, match="unfinished batch"):
            return opener(repair=True), True


def _check_whole_batches(store: EventStore, acknowledged: dict[str, int]) -> tuple[int, int]:
    """Assert the crash invariants; return how many batches are stored, and how
    many of them were stored but never acknowledged (in flight at a kill)."""
    records = list(store.records())
    assert [record.seq for record in records] == list(range(1, len(records) + 1))
    report = store.verify()
    assert report.ok, report
    batches: dict[str, list[tuple[int, int, int]]] = {}
    for entry, record in zip(store.read(), records, strict=True):
        if not isinstance(entry.event, ReportPublished):
            continue
        batch, _, part = entry.event.report_id.partition("/")
        index, size = map(int, part.split("of"))
        batches.setdefault(batch, []).append((index, size, record.batch_end))
    for batch, parts in batches.items():
        size = parts[0][1]
        assert [index for index, _, _ in parts] == list(range(size)), f"batch {batch} is torn"
        assert len({end for _, _, end in parts}) == 1, f"batch {batch} spans two stored batches"
    missing = set(acknowledged) - set(batches)
    assert not missing, f"acknowledged batches lost: {sorted(missing)[:5]}"
    return len(batches), len(set(batches) - set(acknowledged))


def test_a_writer_killed_at_random_moments_leaves_only_whole_batches(
    shared_store: Opener, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    with shared_store() as store:
        store.append([make_incident()])
    acks = tmp_path / "acknowledged.txt"
    torn = 0
    started = time.monotonic()
    for kill in range(KILLS):
        ready = fork.Event()
        child = fork.Process(target=_write_until_killed,
                             args=(shared_store, acks, f"k{kill}", ready), daemon=True)
        child.start()
        assert ready.wait(30), "the writer did not start"
        time.sleep(rng.uniform(0.005, 0.06))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(30)
        assert child.exitcode == -signal.SIGKILL, "the writer died before it was killed"
        acknowledged = dict(line.split() for line in acks.read_text().splitlines())
        store, was_torn = _open_after_crash(shared_store)
        with store:
            stored, in_flight = _check_whole_batches(
                store, {batch: int(size) for batch, size in acknowledged.items()})
            last_seq = store.last_seq()
        torn += was_torn
    elapsed = time.monotonic() - started
    print(f"\n{shared_store.backend}: {KILLS} kills in {elapsed:.1f}s; {stored} batches "
          f"({last_seq} events) stored, {len(acknowledged)} acknowledged, {in_flight} committed "
          f"but killed before acknowledging, {torn} torn tails repaired")
    assert len(acknowledged) > KILLS, "the writers hardly wrote: the kills tested nothing"
    assert in_flight <= KILLS  # at most the one batch each kill interrupted


@pytest.fixture
def jsonl_log(tmp_path: Path) -> tuple[Path, bytes, int]:
    """A JSON Lines store of three batches; returns its path, bytes and the
    offset where its last batch (three events) starts."""
    path = tmp_path / "events.jsonl"
    with JsonlStore(path) as store:
        store.append([make_incident(), make_report("a")])
        store.append([make_report("b")])
        whole = path.stat().st_size
        store.append([make_report("c"), make_report("d"), make_report("e")])
    return path, path.read_bytes(), whole


def _cuts(data: bytes, whole: int) -> list[int]:
    """Where to cut the last batch: every byte near its start and near each line
    end (where a cut is hardest to tell from a whole line), every 17th elsewhere."""
    ends = [index for index in range(whole, len(data)) if data[index:index + 1] == b"\n"]
    near = {cut for end in ends for cut in range(end - 2, end + 3)}
    near |= set(range(whole + 1, whole + 40)) | set(range(whole + 1, len(data), 17))
    return sorted(cut for cut in near if whole < cut < len(data))


def test_jsonl_cut_anywhere_in_its_last_batch_is_reported_then_repaired(
    jsonl_log: tuple[Path, bytes, int]
) -> None:
    path, data, whole = jsonl_log
    for cut in _cuts(data, whole):
        path.write_bytes(data[:cut])
        with pytest.raises(TornWriteError, match=rf"{len(data[whole:cut])} bytes from byte "
                                                 rf"{whole} \(line 4\).*seq 1\.\.3.*repair=True"):
            JsonlStore(path)
        with pytest.warns(TornWriteWarning), JsonlStore(path, repair=True) as store:
            assert store.last_seq() == 3
            assert store.verify().ok
        assert path.read_bytes() == data[:whole]
        saved = Path(f"{path}.torn-{whole}")
        assert saved.read_bytes() == data[whole:cut]
        saved.unlink()
    path.write_bytes(data)
    with JsonlStore(path) as store:
        assert store.last_seq() == 6


def test_jsonl_torn_tail_found_by_a_running_writer_is_reported_not_overwritten(
    jsonl_log: tuple[Path, bytes, int]
) -> None:
    path, data, whole = jsonl_log
    path.write_bytes(data[:whole])
    with JsonlStore(path) as store:
        with open(path, "ab") as other_writer:  # another process dies halfway through a line
            other_writer.write(data[whole:whole + 40])
        with pytest.raises(TornWriteError, match="unfinished"):
            store.append([make_report("x")])
        with pytest.raises(TornWriteError):
            store.last_seq()
    assert path.read_bytes() == data[:whole + 40]
    with pytest.warns(TornWriteWarning), JsonlStore(path, repair=True) as store:
        assert store.append([make_report("x")]).last_seq == 4
        assert store.verify().ok


def test_jsonl_damage_before_the_last_batch_is_not_mistaken_for_a_torn_tail(
    jsonl_log: tuple[Path, bytes, int]
) -> None:
    path, data, _ = jsonl_log
    lines = data.splitlines(keepends=True)
    path.write_bytes(b"".join([*lines[:2], b'{"seq": 3, "broken\n', *lines[3:]]))
    with pytest.raises(Exception, match=r"events\.jsonl:3: not valid JSON") as raised:
        JsonlStore(path, repair=True)
    assert not isinstance(raised.value, TornWriteError)
    assert Counter(path.read_bytes().splitlines())[b'{"seq": 3, "broken'] == 1
