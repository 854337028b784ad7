"""The stored form of a log: chaining it, checking it, moving it between stores.

A store keeps each event as a :class:`~taji_events.store.StoredRecord`: its
``seq``, the end of its batch, ``recorded_at``, a hash chained to the event
before (:func:`~taji_events.store.chain_hash`) and its envelope. This module

* stamps a new batch with seqs and chained hashes (:func:`stamp_batch`) and
  decodes stored envelopes (:func:`prepare_stored`), for backend authors;
* checks a sequence of records against its chain (:func:`verify_records`, behind
  every backend's ``verify()``, and :func:`checked_imports`, behind
  ``import_records()``);
* defines the interchange line (:func:`encode_line`, :func:`decode_line`): one
  JSON object per event, the seed envelope (``type``, ``version``, ``data``)
  after ``seq``, ``batch_end``, ``recorded_at`` and ``hash`` — the format of
  :class:`~taji_events.jsonl.JsonlStore` files and of :func:`export_jsonl`;
* moves whole logs: :func:`copy_store` between any two stores,
  :func:`export_jsonl` / :func:`import_jsonl` through a file or stream.

Copies keep ``seq``, ``recorded_at``, batches and hashes, so export → import →
export gives the same bytes, and a copy verifies like its original.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Final

import attrs
import orjson

from taji_events.errors import StoreError, TajiEventsError
from taji_events.events import event_incidents, event_report_id
from taji_events.serialization import from_envelope
from taji_events.store import (
    GENESIS_HASH,
    EventStore,
    IntegrityError,
    PreparedEvent,
    StoredRecord,
    chain_hash,
    format_recorded_at,
    trusted_stored,
)
from taji_events.timepoint import require_aware

__all__ = [
    "LINE_KEYS",
    "IntegrityReport",
    "canonical_envelope",
    "checked_imports",
    "copy_store",
    "decode_line",
    "encode_line",
    "export_jsonl",
    "import_jsonl",
    "parse_recorded_at",
    "prepare_stored",
    "stamp_batch",
    "verify_records",
]

#: The keys of an interchange line, in the order they are written.
LINE_KEYS: Final = ("seq", "batch_end", "recorded_at", "hash", "type", "version", "data")
_HEX64: Final = re.compile(r"[0-9a-f]{64}")


def parse_recorded_at(text: str) -> datetime:
    """Read :func:`format_recorded_at` text (any aware ISO 8601 time) in UTC.

    Raises :class:`~taji_events.errors.StoreError` naming the text. Since 0.1.0.
    """
    try:
        parsed = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise StoreError(f"recorded_at {text!r} is not an ISO 8601 time such as "
                         "'2020-03-12T09:00:00.000000Z'") from None
    if parsed.tzinfo is None:
        raise StoreError(f"recorded_at {text!r} has no time zone; stored times end in 'Z'")
    return parsed.astimezone(UTC)


def canonical_envelope(envelope: bytes) -> bytes:
    """The canonical bytes (sorted keys, no spaces) of stored envelope JSON.

    Raises :class:`StoreError` when ``envelope`` is not a JSON object. Since 0.1.0.
    """
    try:
        parsed = orjson.loads(envelope)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"the envelope is not valid JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise StoreError(f"the envelope is not a JSON object: {envelope[:60]!r}")
    return orjson.dumps(parsed, option=orjson.OPT_SORT_KEYS)


def stamp_batch(last: StoredRecord | None, envelopes: Sequence[bytes],
                recorded_at: datetime) -> list[StoredRecord]:
    """The stored records of a batch of canonical ``envelopes`` appended after
    ``last`` (None: an empty store): their seq, batch end and chained hashes.
    For backend authors. Since 0.1.0."""
    first = 1 if last is None else last.seq + 1
    previous = GENESIS_HASH if last is None else last.hash
    recorded_at = require_aware(recorded_at, name="recorded_at")
    end = first + len(envelopes) - 1
    stamp = format_recorded_at(recorded_at).encode()
    records = []
    for seq, envelope in enumerate(envelopes, start=first):
        # chain_hash() inlined with the batch's one recorded_at formatted once.
        digest = hashlib.sha256(previous.encode("ascii"))
        digest.update(b"\n" + envelope + b"\n" + str(seq).encode("ascii") + b"\n" + stamp)
        previous = digest.hexdigest()
        records.append(trusted_stored(seq, end, recorded_at, previous, envelope))
    return records


def prepare_stored(envelope: bytes) -> PreparedEvent:
    """Decode stored canonical envelope bytes into a
    :class:`~taji_events.store.PreparedEvent` that keeps them (and their
    version) as they are. Raises what
    :func:`~taji_events.serialization.from_envelope` raises. For backend
    authors. Since 0.1.0."""
    raw: dict[str, Any] = orjson.loads(envelope)
    event = from_envelope(raw)
    return PreparedEvent(event=event, identity=event.identity,
                         content_hash=hashlib.sha256(envelope).hexdigest(), envelope=envelope,
                         type=str(raw["type"]), version=int(raw["version"]),
                         incidents=event_incidents(event), report_id=event_report_id(event))


@attrs.frozen
class IntegrityReport:
    """What :meth:`~taji_events.store.EventStore.verify` found: how many events it
    ``checked``, the ``head_hash`` after the last good one, and the
    ``first_bad_seq`` with the ``problem`` there (both None when the log is
    whole). Since 0.1.0."""

    store: str
    checked: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when every stored event matches the chain. Since 0.1.0."""
        return self.first_bad_seq is None

    def raise_if_bad(self) -> None:
        """Raise :class:`~taji_events.errors.IntegrityError` naming the first bad
        ``seq``, unless :attr:`ok`. Since 0.1.0."""
        if self.first_bad_seq is not None:
            raise IntegrityError(
                f"{self.store}: seq {self.first_bad_seq}: {self.problem}. The events before "
                f"it (seq 1..{self.first_bad_seq - 1}) check out; restore the store from a "
                "copy (export_jsonl / git), or find who wrote to it outside taji_events"
            )


def _inspect(record: StoredRecord, previous: StoredRecord | None
             ) -> tuple[str | None, PreparedEvent | None]:
    """The first problem of ``record`` as the successor of ``previous`` (None:
    the start of the log), else its decoded event."""
    expected = 1 if previous is None else previous.seq + 1
    if record.seq != expected:
        return (f"expected seq {expected} next but found seq {record.seq}: an event was "
                "deleted, inserted or moved here", None)
    if record.batch_end < record.seq:
        return f"batch_end {record.batch_end} is before the event's own seq", None
    if previous is not None and previous.batch_end > previous.seq and (
            record.batch_end != previous.batch_end or record.recorded_at != previous.recorded_at):
        return (f"the batch ending at seq {previous.batch_end} breaks off at seq "
                f"{previous.seq}: an event of it was removed, or another put in", None)
    if previous is not None and record.recorded_at < previous.recorded_at:
        return (f"recorded_at {format_recorded_at(record.recorded_at)} is before the "
                f"previous event's {format_recorded_at(previous.recorded_at)}", None)
    try:
        canonical = canonical_envelope(record.envelope)
    except StoreError as error:
        return str(error), None
    previous_hash = GENESIS_HASH if previous is None else previous.hash
    if chain_hash(previous_hash, record.seq, record.recorded_at, canonical) != record.hash:
        return ("the hash does not match: this event, its seq or its recorded_at was changed, "
                "or it was inserted or moved here", None)
    try:
        return None, prepare_stored(canonical)
    except TajiEventsError as error:
        return f"the envelope cannot be read: {error}", None


def verify_records(records: Iterable[StoredRecord], *, name: str = "records") -> IntegrityReport:
    """Check that ``records`` (in the order given) form one whole hash chain from
    seq 1: gap-free ``seq``, whole batches, ``recorded_at`` never decreasing,
    every hash matching, every envelope readable. Stops at the first problem;
    ``name`` names the store in the report. Since 0.1.0.
    """
    previous: StoredRecord | None = None
    checked, whole, whole_hash = 0, 0, GENESIS_HASH  # ``whole``: events in whole batches
    for record in records:
        problem, _ = _inspect(record, previous)
        if problem is not None:
            head, bad = (GENESIS_HASH, 1) if previous is None else (previous.hash, previous.seq + 1)
            return IntegrityReport(name, checked, head, bad, problem)
        previous, checked = record, checked + 1
        if record.batch_end == record.seq:
            whole, whole_hash = checked, record.hash
    if previous is not None and previous.batch_end != previous.seq:
        return IntegrityReport(name, whole, whole_hash, whole + 1,
                               f"the last batch (seq {whole + 1}..{previous.batch_end}) ends "
                               f"early at seq {previous.seq}: its last events are missing")
    return IntegrityReport(name, checked, whole_hash)


def checked_imports(store: EventStore, records: Iterable[StoredRecord],
                    last: StoredRecord | None) -> Iterator[tuple[StoredRecord, PreparedEvent]]:
    """For backend authors: check records to import into ``store`` against its
    chain ending at ``last`` (its last record), yielding each with its event.

    Raises :class:`~taji_events.errors.IntegrityError` naming the first record that
    does not continue the chain, or a batch left open at the end; a backend
    checks every record before it commits. Since 0.1.0.
    """
    previous, batch_start = last, 1
    for record in records:
        if not isinstance(record, StoredRecord):
            raise StoreError(f"import_records() takes StoredRecord values, got "
                             f"{type(record).__name__}; read them with store.records()")
        problem, prepared = _inspect(record, previous)
        if prepared is None:
            held = 0 if last is None else last.seq
            hint = ("" if previous is not last or record.seq == held + 1 else
                    f" {store!r} holds {held} events: import only the records after seq "
                    f"{held} of the same log (copy_store does), or import into an empty store")
            raise IntegrityError(f"cannot import record seq {record.seq} into {store!r}: "
                                 f"{problem}; nothing was written.{hint}")
        yield record, prepared
        if previous is None or previous.batch_end == previous.seq:
            batch_start = record.seq
        previous = record
    if previous is not None and previous.batch_end != previous.seq:
        raise IntegrityError(
            f"cannot import into {store!r}: the records stop at seq {previous.seq}, inside the "
            f"batch of seq {batch_start}..{previous.batch_end}; nothing was written. Import "
            "whole batches (was the source cut short?)"
        )


def encode_line(record: StoredRecord) -> bytes:
    """One interchange line (with its ``\\n``): keys in :data:`LINE_KEYS` order,
    the envelope's ``data`` with sorted keys, no spaces. Equal records give equal
    bytes. Raises :class:`~taji_events.errors.StoreError` for an envelope that
    is not ``{"type", "version", "data"}``. Since 0.1.0.
    """
    envelope = orjson.loads(canonical_envelope(record.envelope))
    if set(envelope) != {"type", "version", "data"}:
        raise StoreError(f"seq {record.seq}: the stored envelope has keys {sorted(envelope)}, "
                         "not type, version, data; run verify() on the store")
    parts = (record.seq, record.batch_end, format_recorded_at(record.recorded_at), record.hash,
             envelope["type"], envelope["version"], envelope["data"])
    body = b",".join(b'"%s":%s' % (key.encode(), orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
                     for key, value in zip(LINE_KEYS, parts, strict=True))
    return b"{" + body + b"}\n"


def decode_line(line: bytes, *, where: str = "line") -> StoredRecord:
    """Read one interchange line (trailing newline optional). Raises
    :class:`~taji_events.errors.StoreError` naming ``where`` and what is wrong.
    The envelope itself is checked later, by ``verify()`` or an import.
    Since 0.1.0.
    """
    try:
        data: Any = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"{where}: not valid JSON ({error}): {line[:80]!r}") from None
    if not isinstance(data, dict) or set(data) != set(LINE_KEYS):
        keys = sorted(data) if isinstance(data, dict) else type(data).__name__
        hint = (" This is a plain event envelope (like seeds/*.jsonl), not a store line: "
                "append such files with `taji-events ingest` or store.append(read_jsonl(path))"
                if isinstance(data, dict) and set(data) == {"type", "version", "data"} else "")
        raise StoreError(f"{where}: a store line has the keys {', '.join(LINE_KEYS)}; "
                         f"found {keys}.{hint}")
    seq, batch_end, digest = data["seq"], data["batch_end"], data["hash"]
    for name, value in (("seq", seq), ("batch_end", batch_end)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise StoreError(f"{where}: {name} must be a whole number >= 1, got {value!r}")
    if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
        raise StoreError(f"{where}: hash must be 64 lowercase hex digits, got {digest!r}")
    if not isinstance(data["recorded_at"], str):
        raise StoreError(f"{where}: recorded_at must be a string, got {data['recorded_at']!r}")
    try:
        recorded_at = parse_recorded_at(data["recorded_at"])
    except StoreError as error:
        raise StoreError(f"{where}: {error}") from None
    envelope = orjson.dumps({key: data[key] for key in ("type", "version", "data")},
                            option=orjson.OPT_SORT_KEYS)
    return StoredRecord(seq=seq, batch_end=batch_end, recorded_at=recorded_at, hash=digest,
                        envelope=envelope)


def iter_lines(stream: IO[bytes], *, name: str) -> Iterator[StoredRecord]:
    """Records from interchange lines; blank lines are skipped. Since 0.1.0."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield decode_line(line, where=f"{name}:{number}")


def fsync_directory(directory: str | os.PathLike[str]) -> None:
    """Make a file's creation, rename or removal in ``directory`` durable. Since 0.1.0."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def copy_store(source: EventStore, target: EventStore) -> int:
    """Copy every event of ``source`` that ``target`` lacks, keeping ``seq``,
    ``recorded_at``, batches and hashes; return how many were copied.

    ``target`` must be empty or hold a copy of the start of ``source`` (then
    only the rest is copied, so copying again brings a mirror up to date).
    Raises :class:`~taji_events.errors.IntegrityError` when ``target`` holds
    something else or a source record fails its chain check; nothing is written
    then. Since 0.1.0.
    """
    held = target.last_seq()
    if held:
        mine = next(target.records(after_seq=held - 1), None)
        theirs = next(source.records(after_seq=held - 1), None)
        if mine is None or theirs is None or mine.hash != theirs.hash:
            raise IntegrityError(
                f"cannot copy {source!r} into {target!r}: the target holds {held} events "
                "that are not the start of the source's log; copy into an empty store"
            )
    return target.import_records(source.records(after_seq=held))


def export_jsonl(source: EventStore, destination: str | os.PathLike[str] | IO[bytes]) -> int:
    """Write every event of ``source`` as interchange lines to a file path
    (replaced atomically: the file is whole or untouched) or a binary stream;
    return how many. The file is a :class:`~taji_events.jsonl.JsonlStore` file.

    Raises :class:`~taji_events.errors.IntegrityError` naming the first record
    that fails its chain check (a path is then left as it was), or
    :class:`~taji_events.errors.StoreError` when the file cannot be written.
    Since 0.1.0.
    """
    def lines() -> Iterator[bytes]:
        previous: StoredRecord | None = None
        for record in source.records():
            problem, _ = _inspect(record, previous)
            if problem is not None:
                raise IntegrityError(f"cannot export {source!r}: seq {record.seq}: {problem}; "
                                     "run verify() and repair the store first")
            previous = record
            yield encode_line(record)

    if not isinstance(destination, str | os.PathLike):
        count = 0
        for line in lines():
            destination.write(line)
            count += 1
        return count
    path = Path(destination)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise StoreError(f"cannot export to {path}: {error}; check the directory") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            count = export_jsonl(source, stream)
            stream.flush()
            os.fchmod(stream.fileno(), path.stat().st_mode & 0o777 if path.exists() else 0o644)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        fsync_directory(path.parent)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise StoreError(f"cannot export to {path}: {error}") from error
        raise
    return count


def import_jsonl(source: str | os.PathLike[str] | IO[bytes], target: EventStore) -> int:
    """Append a whole exported log (a file path or binary stream of interchange
    lines) to ``target``, keeping ``seq``, ``recorded_at``, batches and hashes;
    return how many events. All or nothing.

    ``target`` must be empty, or hold exactly the first events of that log (then
    the lines up to its last seq are skipped after checking they match). Raises
    :class:`~taji_events.errors.StoreError` naming the file and line of a bad
    line, and :class:`~taji_events.errors.IntegrityError` when the lines do not
    continue the target's chain; nothing is written then. Since 0.1.0.
    """
    if isinstance(source, str | os.PathLike):
        try:
            stream: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise StoreError(f"cannot import {source}: {error}; pass an exported .jsonl "
                             "file") from error
        name = os.fspath(source)
    else:
        stream, name = source, getattr(source, "name", "<stream>")
    with contextlib.ExitStack() as cleanup:
        if stream is not source:
            cleanup.enter_context(stream)
        held = target.last_seq()
        head = next(target.records(after_seq=held - 1), None) if held else None
        records = iter_lines(stream, name=str(name))
        skipped: StoredRecord | None = None
        for record in records:
            if head is None or record.seq > head.seq:
                return target.import_records(itertools.chain([record], records))
            skipped = record
            if record.seq == head.seq and record.hash != head.hash:
                raise IntegrityError(f"cannot import {name} into {target!r}: its seq "
                                     f"{record.seq} differs from the target's; import into an "
                                     "empty store")
        if skipped is not None:
            # A log that stops before the target's head must still be its beginning:
            # hashes are chained, so comparing the last one compares them all.
            mine = next(target.records(after_seq=skipped.seq - 1), None)
            if mine is None or mine.hash != skipped.hash:
                raise IntegrityError(f"cannot import {name} into {target!r}: its seq "
                                     f"{skipped.seq} differs from the target's, so it is not "
                                     "the beginning of the same log; import into an empty store")
        return 0
