"""Load: several processes append to one store at once, while another reads.

Four processes each append 250 batches (eight processes 300 batches each in
the thorough profile); every fourth batch is guarded by ``expected_seq`` read
just before. Afterwards every acknowledged batch is in the store exactly once,
at the seqs it was acknowledged with, as one batch; every rejected batch is
absent; seq is gap-free; the chain verifies; and each rejected writer got
ConcurrencyError, nothing else. Meanwhile a reader process reads the store
again and again and never sees a gap or half a batch.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import orjson
from builders import make_incident, make_report
from store_suite import THOROUGH, Opener, fork

from taji_events.errors import ConcurrencyError
from taji_events.events import ReportPublished
from taji_events.memory import MemoryStore
from taji_events.store import EventStore

WORKERS, BATCHES = (8, 300) if THOROUGH else (4, 250)
GUARDED_EVERY = 4


def _append_batches(store: EventStore, worker: int, start: Any) -> list[dict[str, Any]]:
    """Append BATCHES batches of 1..3 reports; return what happened to each."""
    outcomes = []
    start.wait()
    for number in range(BATCHES):
        ids = [f"w{worker}-{number}-{index}" for index in range(1 + number % 3)]
        expected = store.last_seq() if number % GUARDED_EVERY == 0 else None
        outcome: dict[str, Any] = {"ids": ids, "expected_seq": expected}
        try:
            result = store.append([make_report(report_id) for report_id in ids],
                                   expected_seq=expected)
            outcome["seqs"] = [entry.seq for entry in result.recorded]
        except ConcurrencyError:
            outcome["rejected"] = True
        except Exception as error:  # reported and failed in the parent
            outcome["error"] = repr(error)
        outcomes.append(outcome)
    return outcomes


def _worker(opener: Opener, worker: int, start: Any, results: Path) -> None:
    with opener() as store:
        outcomes = _append_batches(store, worker, start)
    results.write_bytes(orjson.dumps(outcomes))


def _check(store: EventStore, outcomes: list[dict[str, Any]]) -> dict[str, int]:
    errors = [outcome["error"] for outcome in outcomes if "error" in outcome]
    assert not errors, f"{len(errors)} appends failed otherwise, e.g. {errors[0]}"
    records = list(store.records())
    assert [record.seq for record in records] == list(range(1, len(records) + 1))
    assert store.verify().ok
    stored: dict[str, list[int]] = {}
    for entry in store.read():
        if isinstance(entry.event, ReportPublished):
            stored.setdefault(entry.event.report_id, []).append(entry.seq)
    acknowledged = rejected = 0
    for outcome in outcomes:
        ids = outcome["ids"]
        if outcome.get("rejected"):
            assert outcome["expected_seq"] is not None, "an unguarded append was rejected"
            assert not any(report_id in stored for report_id in ids), f"rejected {ids} stored"
            rejected += 1
            continue
        seqs = outcome["seqs"]
        assert [stored[report_id] for report_id in ids] == [[seq] for seq in seqs]
        assert seqs == list(range(seqs[0], seqs[0] + len(ids)))  # one batch, in order
        assert {records[seq - 1].batch_end for seq in seqs} == {seqs[-1]}
        if outcome["expected_seq"] is not None:
            assert seqs[0] == outcome["expected_seq"] + 1
        acknowledged += 1
    assert sum(map(len, stored.values())) == len(records) - 1  # all but the incident
    return {"acknowledged": acknowledged, "rejected": rejected, "events": len(records)}


def _read_while_writing(opener: Opener, stop: Any, results: Path) -> None:
    """Read the whole store until told to stop; note every snapshot that is not
    gap-free from seq 1 or ends inside a batch."""
    problems, reads = [], 0
    with opener() as store:
        while not stop.is_set():
            records = list(store.records())
            reads += 1
            seqs = [record.seq for record in records]
            if seqs != list(range(1, len(seqs) + 1)):
                problems.append(f"read {reads}: seqs not gap-free")
            elif records and records[-1].batch_end != records[-1].seq:
                problems.append(f"read {reads}: ends inside the batch of seq {seqs[-1]}")
            time.sleep(0.02)  # a reader among the writers, not a second load
    results.write_bytes(orjson.dumps({"reads": reads, "problems": problems}))


def test_processes_appending_at_once_lose_and_duplicate_nothing(
    shared_store: Opener, tmp_path: Path
) -> None:
    with shared_store() as store:
        store.append([make_incident()])
    start = fork.Event()
    results = [tmp_path / f"worker-{worker}.json" for worker in range(WORKERS)]
    workers = [fork.Process(target=_worker, args=(shared_store, worker, start, path))
               for worker, path in enumerate(results)]
    stop, seen = fork.Event(), tmp_path / "reader.json"
    reader = fork.Process(target=_read_while_writing, args=(shared_store, stop, seen))
    for process in workers:
        process.start()
    reader.start()
    began = time.monotonic()
    start.set()
    for process in workers:
        process.join(240)
        assert process.exitcode == 0, f"worker exit code {process.exitcode}"
    elapsed = time.monotonic() - began
    stop.set()
    reader.join(60)
    assert reader.exitcode == 0, f"reader exit code {reader.exitcode}"
    reading = orjson.loads(seen.read_bytes())
    assert reading["reads"] > 0 and reading["problems"] == [], reading
    outcomes = [outcome for path in results for outcome in orjson.loads(path.read_bytes())]
    with shared_store() as store:
        counts = _check(store, outcomes)
    print(f"\n{shared_store.backend}: {WORKERS}x{BATCHES} batches in {elapsed:.1f}s: {counts}")
    assert counts["acknowledged"] + counts["rejected"] == WORKERS * BATCHES
    assert counts["rejected"] > 0, "no guarded append ever lost a race: nothing was tested"


def test_threads_sharing_one_memory_store(tmp_path: Path) -> None:
    store = MemoryStore()
    store.append([make_incident()])
    start = threading.Event()
    outcomes: list[dict[str, Any]] = []
    threads = [threading.Thread(target=lambda worker=worker: outcomes.extend(
        _append_batches(store, worker, start))) for worker in range(WORKERS)]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(60)
    counts = _check(store, outcomes)
    assert counts["acknowledged"] + counts["rejected"] == WORKERS * BATCHES


def _open_and_append(opener: Opener, number: int, start: Any) -> None:
    start.wait()
    with opener() as store:
        store.append([make_report(f"creator-{number}")])


def test_processes_creating_one_new_store_at_once_all_succeed(shared_store: Opener) -> None:
    start = fork.Event()
    creators = [fork.Process(target=_open_and_append, args=(shared_store, number, start))
                for number in range(6)]
    for process in creators:
        process.start()
    start.set()
    for process in creators:
        process.join(60)
    assert [process.exitcode for process in creators] == [0] * 6
    with shared_store() as store:
        assert store.last_seq() == 6
        assert store.verify().ok
