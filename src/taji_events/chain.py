"""The hash chain over a stored log, and what checking it found.

Every store keeps each event as a :class:`StoredRecord`: its ``seq``, the end
of its batch, ``recorded_at``, a hash chained to the event before
(:func:`chain_hash`) and its canonical envelope bytes. This module stamps a
new batch with seqs and chained hashes (:func:`stamp_batch`), finds the first
problem of a record as the successor of another (:func:`chain_problem`), and
holds the :class:`IntegrityReport` that
:meth:`~taji_events.store.EventStore.verify` returns, with the check of an
external anchor (a head hash saved elsewhere, :func:`anchor_problem`).

It knows nothing of events, stores or files: values and pure functions over
bytes, times and numbers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

import attrs
import orjson

from taji_events.errors import IntegrityError, StoreError
from taji_events.timepoint import require_aware

__all__ = [
    "GENESIS_HASH",
    "IntegrityReport",
    "StoredRecord",
    "anchor_problem",
    "canonical_envelope",
    "chain_hash",
    "chain_problem",
    "check_anchor",
    "format_recorded_at",
    "parse_recorded_at",
    "stamp_batch",
]

#: The ``previous`` hash of ``seq`` 1: every chain starts from it.
GENESIS_HASH: Final = "0" * 64
_HEX64: Final = re.compile(r"[0-9a-f]{64}")


def format_recorded_at(moment: datetime) -> str:
    """``recorded_at`` as stored and hashed: UTC text of fixed width,
    ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, so that text order is time order.

    Raises :class:`~taji_events.errors.NaiveDatetimeError` for a naive value.
    Since 0.1.0.
    """
    utc = require_aware(moment, name="recorded_at")
    return utc.isoformat(timespec="microseconds").replace("+00:00", "Z")


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


def chain_hash(previous: str, seq: int, recorded_at: datetime, envelope: bytes) -> str:
    """The hash a store keeps with event ``seq``: SHA-256, as hex, of ``previous``
    (the hash of ``seq - 1``, :data:`GENESIS_HASH` for seq 1), the canonical
    ``envelope`` bytes, ``seq`` in decimal and :func:`format_recorded_at`,
    separated by newlines (``\\n``, which canonical JSON never contains).

    Changing, removing, adding or moving any event changes the hash of every
    event from it on. Since 0.1.0.
    """
    digest = hashlib.sha256(previous.encode("ascii"))
    for part in (envelope, str(seq).encode("ascii"), format_recorded_at(recorded_at).encode()):
        digest.update(b"\n")
        digest.update(part)
    return digest.hexdigest()


def canonical_envelope(envelope: bytes) -> bytes:
    """The canonical bytes (sorted keys, no spaces) of stored envelope JSON.

    Raises :class:`~taji_events.errors.StoreError` when ``envelope`` is not a
    JSON object. Since 0.1.0.
    """
    try:
        parsed = orjson.loads(envelope)
    except orjson.JSONDecodeError as error:
        raise StoreError(f"the envelope is not valid JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise StoreError(f"the envelope is not a JSON object: {envelope[:60]!r}")
    return orjson.dumps(parsed, option=orjson.OPT_SORT_KEYS)


def _aware_recorded_at(value: datetime) -> datetime:
    return require_aware(value, name="StoredRecord.recorded_at")


@attrs.frozen
class StoredRecord:
    """One event as a store keeps it: ``seq``; ``batch_end``, the ``seq`` of the
    last event of the batch it was appended in; ``recorded_at``; the chained
    ``hash``; and the canonical ``envelope`` bytes (in its stored version).

    What :meth:`~taji_events.store.EventStore.records` yields and
    :meth:`~taji_events.store.EventStore.import_records` takes, so moving
    records between backends loses nothing. Since 0.1.0.
    """

    seq: int
    batch_end: int
    recorded_at: datetime = attrs.field(converter=_aware_recorded_at)
    hash: str
    envelope: bytes


def stamp_batch(last: StoredRecord | None, envelopes: Sequence[bytes],
                recorded_at: datetime) -> list[StoredRecord]:
    """The stored records of a batch of canonical ``envelopes`` appended after
    ``last`` (None: an empty store): their seq, batch end and chained hashes.
    Since 0.1.0."""
    first = 1 if last is None else last.seq + 1
    previous = GENESIS_HASH if last is None else last.hash
    recorded_at = require_aware(recorded_at, name="recorded_at")
    end = first + len(envelopes) - 1
    # chain_hash() inlined: the batch's one recorded_at formatted once, each
    # envelope fed to the hash as it is (not copied into one joined string),
    # and the records built without their converter (recorded_at is checked).
    tail = b"\n" + format_recorded_at(recorded_at).encode()
    sha256, new, setter = hashlib.sha256, object.__new__, object.__setattr__
    previous_bytes = previous.encode("ascii")
    records = []
    for seq, envelope in enumerate(envelopes, start=first):
        digest = sha256(previous_bytes)
        digest.update(b"\n")
        digest.update(envelope)
        digest.update(b"\n%d%s" % (seq, tail))
        previous = digest.hexdigest()
        previous_bytes = previous.encode("ascii")
        record = new(StoredRecord)
        setter(record, "seq", seq)
        setter(record, "batch_end", end)
        setter(record, "recorded_at", recorded_at)
        setter(record, "hash", previous)
        setter(record, "envelope", envelope)
        records.append(record)
    return records


def chain_problem(record: StoredRecord, previous: StoredRecord | None) -> str | None:
    """The first problem of ``record`` as the successor of ``previous`` (None:
    the start of the log) — a seq out of place, a broken batch, time going
    backwards, an envelope that is not JSON, a hash that does not match — or
    None when it continues the chain. Since 0.3.0."""
    expected = 1 if previous is None else previous.seq + 1
    if record.seq != expected:
        return (f"expected seq {expected} next but found seq {record.seq}: an event was "
                "deleted, inserted or moved here")
    if record.batch_end < record.seq:
        return f"batch_end {record.batch_end} is before the event's own seq"
    if previous is not None and previous.batch_end > previous.seq and (
            record.batch_end != previous.batch_end or record.recorded_at != previous.recorded_at):
        return (f"the batch ending at seq {previous.batch_end} breaks off at seq "
                f"{previous.seq}: an event of it was removed, or another put in")
    if previous is not None and record.recorded_at < previous.recorded_at:
        return (f"recorded_at {format_recorded_at(record.recorded_at)} is before the "
                f"previous event's {format_recorded_at(previous.recorded_at)}")
    try:
        canonical = canonical_envelope(record.envelope)
    except StoreError as error:
        return str(error)
    previous_hash = GENESIS_HASH if previous is None else previous.hash
    if chain_hash(previous_hash, record.seq, record.recorded_at, canonical) != record.hash:
        return ("the hash does not match: this event, its seq or its recorded_at was changed, "
                "or it was inserted or moved here")
    return None


def check_anchor(expect_head: Any, at_seq: Any) -> tuple[str, int | None] | None:
    """Validate an external anchor: ``expect_head``, a 64-digit hex head hash saved
    earlier (any case), and ``at_seq``, the seq it was saved at (None: the
    store's last seq). Returns ``(hash in lowercase, at_seq)``, or None when no
    anchor is given. Raises :class:`~taji_events.errors.StoreError` naming a
    bad value. Since 0.3.0."""
    if expect_head is None:
        if at_seq is not None:
            raise StoreError(f"at_seq={at_seq!r} needs expect_head, the head hash saved at "
                             "that seq (`taji-events verify` prints it)")
        return None
    if not isinstance(expect_head, str) or not _HEX64.fullmatch(expect_head.strip().lower()):
        raise StoreError(f"expect_head must be the 64 hex digits of a head hash as `verify` "
                         f"prints it, got {expect_head!r:.80}")
    if at_seq is not None and (isinstance(at_seq, bool) or not isinstance(at_seq, int)
                               or at_seq < 0):
        raise StoreError(f"at_seq must be a whole number >= 0 (the seq the head hash was "
                         f"saved at), got {at_seq!r}")
    return expect_head.strip().lower(), at_seq


def anchor_problem(report: IntegrityReport, expect_head: str, at_seq: int | None,
                   hash_at: str | None) -> IntegrityReport:
    """``report`` (of a whole chain) checked against an anchor: the head hash
    ``expect_head`` saved at ``at_seq`` (None: the last seq), where ``hash_at``
    is the store's hash at that seq (None when the store is shorter; the
    genesis hash for seq 0). Returns ``report`` itself when the anchor holds,
    else a report naming the seq where the log parts from it. Since 0.3.0."""
    if not report.ok:
        return report
    seq = report.checked if at_seq is None else at_seq
    if seq > report.checked:
        return attrs.evolve(report, first_bad_seq=report.checked + 1, problem=(
            f"the anchor was saved at seq {seq} but the store ends at seq {report.checked}: "
            f"events {report.checked + 1}..{seq} are missing (whole trailing batches lost, "
            "or the store was replaced by an older copy)"))
    if hash_at != expect_head:
        where = "the last seq" if at_seq is None else f"seq {seq}"
        return attrs.evolve(report, first_bad_seq=max(seq, 1), problem=(
            f"the hash at {where} is {hash_at}, not the saved anchor {expect_head}: the log "
            "up to there was rewritten (its chain recomputed), replaced by another log"
            + (", or events were appended since the anchor (pass at_seq, the seq it was "
               "saved at)" if at_seq is None else "")))
    return report


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
