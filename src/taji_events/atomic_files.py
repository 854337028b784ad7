"""Writing a file so that it is whole or untouched, and durable once written.

:func:`atomic_write` writes to a temporary file in the target's directory,
fsyncs it, renames it over the target and fsyncs the directory, so a crash
or an error at any moment leaves either the old file or the new one, never
half of one; :func:`fsync_directory` makes a creation, rename or removal in a
directory durable. Every writer of a whole file in the library uses them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_write", "fsync_directory", "write_bytes_atomically"]


def fsync_directory(directory: str | os.PathLike[str]) -> None:
    """Make a file's creation, rename or removal in ``directory`` durable. Since 0.1.0."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, mode: int | None = None) -> Iterator[IO[bytes]]:
    """A binary stream whose bytes replace ``path`` when the block ends without
    an error; on any exception (also KeyboardInterrupt) ``path`` is left as it
    was and the temporary file is removed.

    The new file keeps the permissions of the file it replaces (``mode``, else
    0o644, for a new one). Raises :class:`OSError` from the file system;
    callers turn it into their own error naming the file. Since 0.3.0.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if mode is None:
                mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_directory(target.parent)


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` through :func:`atomic_write`. Since 0.3.0."""
    with atomic_write(path) as stream:
        stream.write(data)
