"""Moving whole logs between backends: nothing lost, nothing changed.

Copies keep seq, recorded_at, batches and hashes, so a copy verifies like its
original, export → import → export gives the same bytes on every backend, and
copying again only brings a mirror up to date.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from builders import (
    OTHER,
    T0,
    TAJI,
    ManualClock,
    make_incident,
    make_report,
    make_retraction,
    make_rich_report,
)
from store_suite import BACKENDS, make_opener

from taji_events import open_store
from taji_events.errors import StoreError
from taji_events.jsonl import JsonlStore
from taji_events.line_format import LINE_KEYS
from taji_events.memory import MemoryStore
from taji_events.serialization import to_envelope
from taji_events.store import EventStore, IntegrityError
from taji_events.transfer import copy_store, export_jsonl, import_jsonl

StoreFactory = Callable[[str], EventStore]


@pytest.fixture
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Makes new, empty stores of any backend; closes them at the end."""
    opened: list[EventStore] = []
    names = itertools.count()

    def factory(backend: str) -> EventStore:
        if backend == "memory":
            store: EventStore = MemoryStore()
        else:
            store = make_opener(backend, request, tmp_path, f"store-{next(names)}")()
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def fill(store: EventStore) -> None:
    """Batches of every event type, stamped in Baghdad time with microseconds."""
    clock = ManualClock((T0 + timedelta(microseconds=123456)).astimezone(ZoneInfo("Asia/Baghdad")))
    source = MemoryStore(clock)
    source.append([make_incident(), make_rich_report(), make_report("a")])
    clock.advance(0.000001)
    source.append([make_report("a", 1, killed=4), make_retraction("drive-taji")])
    clock.advance(3600)
    source.append([make_incident(OTHER), make_report("k1", incident=OTHER)])
    store.import_records(source.records())


def export_bytes(store: EventStore) -> bytes:
    stream = io.BytesIO()
    export_jsonl(store, stream)
    return stream.getvalue()


@pytest.mark.parametrize(("source_backend", "target_backend"),
                         list(itertools.product(BACKENDS, BACKENDS)))
def test_copy_between_any_two_backends_keeps_everything(
    new_store: StoreFactory, source_backend: str, target_backend: str
) -> None:
    source, target = new_store(source_backend), new_store(target_backend)
    fill(source)
    assert copy_store(source, target) == 7
    assert list(target.records()) == list(source.records())
    assert list(target.read()) == list(source.read())
    assert list(target.read(incident=TAJI)) == list(source.read(incident=TAJI))
    assert target.incidents() == source.incidents() == [OTHER, TAJI]
    assert target.verify().ok
    assert copy_store(source, target) == 0  # a mirror already up to date
    source.append([make_report("late")])
    assert copy_store(source, target) == 1
    report = target.verify()
    assert (report.ok, report.checked, report.head_hash) == (True, 8, source.verify().head_hash)


@pytest.mark.parametrize("backend", BACKENDS)
def test_export_import_export_gives_the_same_bytes(
    new_store: StoreFactory, backend: str, tmp_path: Path
) -> None:
    original = new_store("memory")
    fill(original)
    first = tmp_path / "first.jsonl"
    assert export_jsonl(original, first) == 7
    target = new_store(backend)
    assert import_jsonl(first, target) == 7
    second = tmp_path / "second.jsonl"
    export_jsonl(target, second)
    assert second.read_bytes() == first.read_bytes() == export_bytes(target)
    with JsonlStore(first) as exported:  # an export is a JSON Lines store
        assert list(exported.records()) == list(original.records())
        assert exported.verify().ok


def test_an_export_line_is_the_seed_envelope_after_seq_batch_time_and_hash(
    new_store: StoreFactory,
) -> None:
    store = new_store("memory")
    fill(store)
    first_line = export_bytes(store).splitlines()[0]
    line = orjson.loads(first_line)
    assert tuple(line) == LINE_KEYS
    assert (line["seq"], line["batch_end"], line["recorded_at"]) == (
        1, 3, "2020-03-12T09:00:00.123456Z")
    assert line["hash"] == next(store.records()).hash
    envelope = {key: line[key] for key in ("type", "version", "data")}
    assert envelope == to_envelope(make_incident())
    assert b" " not in first_line.replace(b"Rocket attack on Camp Taji", b"").replace(
        b"Camp Taji, Iraq", b"")


def test_import_continues_a_mirror_and_refuses_an_unrelated_store(
    new_store: StoreFactory, tmp_path: Path
) -> None:
    source = new_store("memory")
    fill(source)
    path = tmp_path / "log.jsonl"
    export_jsonl(source, path)
    mirror = new_store("sqlite")
    mirror.import_records(itertools.islice(source.records(), 3))
    assert import_jsonl(path, mirror) == 4
    assert import_jsonl(path, mirror) == 0
    unrelated = new_store("sqlite")
    unrelated.append([make_incident()])
    with pytest.raises(IntegrityError, match="differs from the target's"):
        import_jsonl(path, unrelated)
    with pytest.raises(IntegrityError, match="not the start of the source"):
        copy_store(source, unrelated)
    assert unrelated.last_seq() == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[:-30], r"log\.jsonl:7: not valid JSON"),
        (lambda data: data.replace(b'"seq":4,', b'"seq":"4",'), r"log\.jsonl:4: seq must be"),
        (lambda data: data.replace(b'"seq":2,', b'"seq":3,'), r"seq 3 into .*expected seq 2"),
        (lambda data: b'{"type":"IncidentDeclared","version":1,"data":{}}\n' + data,
         r"log\.jsonl:1: .*plain event envelope.*taji-events ingest"),
    ],
    ids=["torn-last-line", "bad-seq", "gap", "seeds-file"],
)
def test_import_of_a_damaged_file_names_the_line_and_writes_nothing(
    new_store: StoreFactory, tmp_path: Path, damage: Callable[[bytes], bytes], message: str
) -> None:
    source = new_store("memory")
    fill(source)
    path = tmp_path / "log.jsonl"
    path.write_bytes(damage(export_bytes(source)))
    for backend in BACKENDS:
        target = new_store(backend)
        with pytest.raises(StoreError, match=message):
            import_jsonl(path, target)
        assert target.last_seq() == 0


def test_export_refuses_a_damaged_store_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    with open_store(database) as store:
        fill(store)
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("DROP TRIGGER events_are_append_only_update")
    connection.execute("UPDATE events SET recorded_at = '2020-03-12T09:00:00.000001Z' "
                       "WHERE seq = 2")
    connection.close()
    destination = tmp_path / "export.jsonl"
    destination.write_bytes(b"the previous export\n")
    with open_store(database) as store, pytest.raises(IntegrityError, match="seq 2"):
        export_jsonl(store, destination)
    assert destination.read_bytes() == b"the previous export\n"
    assert [path.name for path in tmp_path.iterdir() if "export" in path.name] == [
        "export.jsonl"]  # no temporary file left behind


def test_import_of_a_missing_file_says_so(new_store: StoreFactory, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot import .*nowhere\.jsonl: .*No such file"):
        import_jsonl(tmp_path / "nowhere.jsonl", new_store("memory"))
