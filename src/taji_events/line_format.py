"""The interchange line: one stored record as one line of JSON.

One JSON object per event: the seed envelope (``type``, ``version``,
``data``) after ``seq``, ``batch_end``, ``recorded_at`` and ``hash``, keys in
:data:`LINE_KEYS` order, the envelope's ``data`` with sorted keys, no spaces.
It is the format of :class:`~taji_events.jsonl.JsonlStore` files and of
:func:`~taji_events.transfer.export_jsonl`; equal records give equal bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any, Final

import orjson

from taji_events.chain import StoredRecord, canonical_envelope, format_recorded_at, parse_recorded_at
from taji_events.errors import StoreError

__all__ = ["LINE_KEYS", "decode_line", "encode_canonical_line", "encode_line", "iter_lines"]

#: The keys of an interchange line, in the order they are written.
LINE_KEYS: Final = ("seq", "batch_end", "recorded_at", "hash", "type", "version", "data")
_HEX64: Final = re.compile(r"[0-9a-f]{64}")


def encode_line(record: StoredRecord) -> bytes:
    """One interchange line (with its ``\\n``). Raises
    :class:`~taji_events.errors.StoreError` for an envelope that is not
    ``{"type", "version", "data"}``. Since 0.1.0.
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


def encode_canonical_line(record: StoredRecord, envelope: bytes, kind: str,
                          version: int) -> bytes:
    """:func:`encode_line` of ``record``, given ``envelope``, the canonical
    bytes of its envelope (:func:`~taji_events.chain.canonical_envelope`),
    whose type is ``kind`` and version ``version``.

    A canonical envelope is ``{"data":…,"type":…,"version":…}`` with sorted
    keys and no spaces, so its ``data`` is already the line's ``data``, byte
    for byte: the line is put together around it, without reading the JSON.
    Bytes of another shape go through :func:`encode_line`. Since 0.3.0."""
    tail = b',"type":%s,"version":%d}' % (orjson.dumps(kind), version)
    if not (envelope.startswith(b'{"data":') and envelope.endswith(tail)):
        return encode_line(record)
    return b'{"seq":%d,"batch_end":%d,"recorded_at":%s,"hash":%s,"type":%s,"version":%d,' \
        b'"data":%s}\n' % (record.seq, record.batch_end,
                          orjson.dumps(format_recorded_at(record.recorded_at)),
                          orjson.dumps(record.hash), orjson.dumps(kind), version,
                          envelope[8:len(envelope) - len(tail)])


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
    """Records from interchange lines; blank lines are skipped; errors name
    ``name:line``. Since 0.1.0."""
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield decode_line(line, where=f"{name}:{number}")
