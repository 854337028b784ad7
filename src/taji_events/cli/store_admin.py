"""``taji-events`` commands that move or check a whole store: export, import, verify.

They mirror :func:`~taji_events.transfer.export_jsonl`,
:func:`~taji_events.transfer.import_jsonl` and :meth:`EventStore.verify`.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import IO, Any, cast

from tqdm import tqdm

from taji_events.cli.options import (
    Commands,
    add_common,
    add_quiet,
    db_path,
    open_existing,
)
from taji_events.cli.output import ProgressReader, progress_bar
from taji_events.errors import StoreError
from taji_events.opening import write_creating
from taji_events.postgres import redact
from taji_events.store import format_verified
from taji_events.transfer import export_jsonl, import_jsonl

__all__ = ["register"]


class _Counting(io.RawIOBase):
    """A binary output whose every write (one exported line) advances a progress bar."""

    def __init__(self, target: IO[bytes], bar: tqdm[Any]) -> None:
        super().__init__()
        self._target, self._bar = target, bar

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self._target.write(data)
        self._bar.update()
        return written


def register(commands: Commands) -> None:
    """Add ``export``, ``import`` and ``verify``."""

    def export(args: argparse.Namespace) -> int:
        with open_existing(args) as store:
            if args.to:
                count = export_jsonl(store, args.to)
            else:
                with progress_bar(store.last_seq(), "exporting", quiet=args.quiet) as bar:
                    count = export_jsonl(store, cast(IO[bytes], _Counting(sys.stdout.buffer, bar)))
        if args.to:
            print(f"exported {count} events to {args.to}")
        return 0

    def import_(args: argparse.Namespace) -> int:
        if args.file != "-" and not Path(args.file).is_file():
            # Checked before the store is opened, so a mistyped name creates nothing.
            raise StoreError(f"cannot import {args.file}: no such file; pass a file written "
                             "by `taji-events export`, or - for standard input")
        name = db_path(args)
        if args.file == "-":
            # A new store appears only once the import succeeded (write_creating).
            count, last = write_creating(
                name, lambda store: (import_jsonl(sys.stdin.buffer, store), store.last_seq()))
        else:
            size = Path(args.file).stat().st_size
            with progress_bar(size, "importing", quiet=args.quiet, unit="B") as bar, \
                    ProgressReader(io.FileIO(args.file, "rb"), bar) as source:
                count, last = write_creating(
                    name, lambda store: (import_jsonl(source, store), store.last_seq()))
        shown = redact(name) if isinstance(name, str) else name
        print(f"imported {count} events; last seq {last}; store {shown}")
        return 0

    def verify(args: argparse.Namespace) -> int:
        with open_existing(args) as store:
            report = store.verify(expect_head=args.expect_head, at_seq=args.at_seq)
        if report.ok:
            print(format_verified(report, anchored=args.expect_head is not None))
            return 0
        print(f"broken at seq {report.first_bad_seq}: {report.problem} "
              f"({report.checked} events checked)")
        return 1

    out = commands.command(
        "export", export, "write the whole store as JSON Lines (seq, recorded_at, hash kept)",
        "Writes every event with its seq, recorded_at, batch boundary and chained hash,\n"
        "one line each, to --to (replaced atomically) or to standard output. Refuses a\n"
        "store whose hash chain is broken. `import` reads the result back losslessly.")
    out.add_argument("--to", default=None, metavar="FILE",
                     help="file to write (default: standard output)")
    add_quiet(out)
    add_common(out, json=False)

    into = commands.command(
        "import", import_, "append an exported JSON Lines log to a store",
        "Reads a file written by `export` (or - for standard input) and appends its\n"
        "records unchanged, keeping seq, recorded_at and hashes; the store must be empty\n"
        "or hold exactly the log's beginning. All or nothing.")
    into.add_argument("file", metavar="FILE", help="exported JSON Lines file, or - for stdin")
    add_quiet(into)
    add_common(into, json=False)

    check = commands.command(
        "verify", verify, "recompute the store's hash chain",
        "Checks every stored event against the hash chained to the one before it and\n"
        "names the first seq that was modified, deleted, inserted or moved. Exit status\n"
        "0 when the chain is intact, 1 when it is broken.\n\n"
        "It prints the head hash in full: keep it elsewhere (a git commit, a second store)\n"
        "and pass it back as --expect-head (with --at-seq, the seq it was printed at) to\n"
        "catch what the chain alone cannot: a recomputed chain, or lost trailing batches.")
    check.add_argument("--expect-head", default=None, metavar="HASH",
                       help="the full head hash an earlier verify printed (an anchor)")
    check.add_argument("--at-seq", type=int, default=None, metavar="N",
                       help="the seq the --expect-head hash was printed at (default: the last)")
    add_common(check, json=False)
