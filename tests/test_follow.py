"""Following a store: a projection in another process catches up, follows live
appends, survives being killed mid-stream (resuming from its checkpoint) and
ends equal to a batch rebuild — law 6 of docs/laws.md across processes."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from builders import OTHER, TAJI, make_incident, make_report, make_retraction
from store_suite import Opener, fork

from taji_events.errors import SnapshotError
from taji_events.events import Event
from taji_events.follow import Follower, subscribe
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.postgres import PostgresStore
from taji_events.snapshots import Snapshot
from taji_events.store import EventStore


def story(count: int) -> list[list[Event]]:
    """Batches that revise, retract and move reports between two incidents."""
    batches: list[list[Event]] = [[make_incident(TAJI), make_incident(OTHER, title="K-1")]]
    for number in range(count):
        report, revision = f"r{number % 7}", number // 7
        batch: list[Event] = [make_report(report, revision, TAJI if number % 3 else OTHER,
                                          killed=number)]
        if number % 5 == 4:
            batch += [make_report(f"gone{number}", killed=1), make_retraction(f"gone{number}")]
        batches.append(batch)
    return batches


def _wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.01)


def _checkpoint_seq(path: Path) -> int:
    try:
        return Snapshot.loads(path.read_bytes()).seq
    except (FileNotFoundError, SnapshotError):
        return -1


def _follow(opener: Opener, checkpoint: Path, until_seq: int, result: Path) -> None:
    """Child: follow the store up to ``until_seq``, checkpointing after every event."""
    with opener() as store:
        follower = Follower(store, checkpoint=checkpoint, checkpoint_every=1)
        ledger = follower.run(until_seq=until_seq, idle_timeout=60)
        result.write_bytes(orjson.dumps({"resumed_from": follower.resumed_from,
                                         "snapshot": Snapshot.of(ledger).dumps().decode()}))


def _append_live(store: EventStore, batches: list[list[Event]]) -> None:
    for batch in batches:
        store.append(batch)
        time.sleep(0.003)


def test_a_follower_in_another_process_catches_up_follows_and_resumes_after_a_kill(
    shared_store: Opener, tmp_path: Path
) -> None:
    batches = story(80)
    until_seq = sum(map(len, batches))
    checkpoint, result = tmp_path / "ledger.snapshot", tmp_path / "result.json"
    with shared_store() as store:
        for batch in batches[:21]:
            store.append(batch)
        caught_up = store.last_seq()
        first = fork.Process(target=_follow, args=(shared_store, checkpoint, until_seq, result))
        first.start()
        _wait_until(lambda: _checkpoint_seq(checkpoint) >= caught_up, "it caught up")
        _append_live(store, batches[21:41])
        live = store.last_seq()
        _wait_until(lambda: _checkpoint_seq(checkpoint) >= live, "it followed live appends")
        _append_live(store, batches[41:51])
        assert first.pid is not None
        os.kill(first.pid, signal.SIGKILL)  # mid-stream, perhaps mid-checkpoint
        first.join(30)
        saved = _checkpoint_seq(checkpoint)
        assert saved >= live
        _append_live(store, batches[51:61])
        second = fork.Process(target=_follow, args=(shared_store, checkpoint, until_seq, result))
        second.start()
        _append_live(store, batches[61:])
        second.join(60)
        assert second.exitcode == 0
        outcome = orjson.loads(result.read_bytes())
        followed = Snapshot.loads(outcome["snapshot"])
        assert outcome["resumed_from"] == saved > caught_up
        assert followed == Snapshot.of(Ledger().extend(store.read()))
        assert followed.seq == store.last_seq() == until_seq


def test_resuming_from_every_seq_ends_equal_to_a_batch_rebuild(tmp_path: Path) -> None:
    store = MemoryStore()
    for batch in story(25):
        store.append(batch)
    total, rebuild = store.last_seq(), Ledger().extend(store.read())
    for split in range(total + 1):
        checkpoint = tmp_path / f"at-{split}.snapshot"
        first = Follower(store, checkpoint=checkpoint, checkpoint_every=10**9)
        assert first.catch_up(until_seq=split) == split
        first.save()
        second = Follower(store, checkpoint=checkpoint)
        assert second.resumed_from == split
        assert second.run(until_seq=total) == rebuild


def test_subscribe_yields_the_backlog_then_live_events_until_stopped() -> None:
    store = MemoryStore()
    store.append([make_incident(), make_report("a")])
    stop, seen = threading.Event(), []

    def consume() -> None:
        for recorded in subscribe(store, after_seq=1, stop=stop):
            seen.append(recorded.seq)
            if recorded.seq == 4:
                stop.set()

    thread = threading.Thread(target=consume)
    thread.start()
    store.append([make_report("b")])
    store.append([make_report("c")])
    thread.join(10)
    assert not thread.is_alive()
    assert seen == [2, 3, 4]
    started = time.monotonic()
    assert [recorded.seq for recorded in subscribe(store, after_seq=3, idle_timeout=0.1)] == [4]
    assert 0.1 <= time.monotonic() - started < 2


def test_postgres_wakes_a_waiting_follower_by_notify_not_polling(pg_dsn: str) -> None:
    with PostgresStore(pg_dsn) as waiting, PostgresStore(pg_dsn) as writing:
        waiting.last_seq()
        timer = threading.Timer(0.3, lambda: writing.append([make_incident()]))
        started = time.monotonic()
        timer.start()
        assert waiting.wait_for_append(0, timeout=20) == 1
        elapsed = time.monotonic() - started
        timer.join()
    # Without the notification the wait would only end when its 1 s slice runs out.
    assert 0.3 <= elapsed < 0.9


def test_a_checkpoint_of_another_store_or_a_damaged_one_is_refused(tmp_path: Path) -> None:
    store = MemoryStore()
    store.append([make_incident(), make_report("a")])
    checkpoint = tmp_path / "ledger.snapshot"
    Follower(store, checkpoint=checkpoint).run(until_seq=2)
    other = MemoryStore()
    other.append([make_incident()])
    with pytest.raises(SnapshotError, match=r"at seq 2 but .* ends at seq 1: .*delete it"):
        Follower(other, checkpoint=checkpoint)
    checkpoint.write_bytes(b"{not json")
    with pytest.raises(SnapshotError, match=r"ledger\.snapshot: .*delete it to rebuild"):
        Follower(store, checkpoint=checkpoint)

