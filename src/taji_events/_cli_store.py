"""``taji-events`` commands that move or check a whole store: export, import, verify.

They mirror :func:`~taji_events.transfer.export_jsonl`,
:func:`~taji_events.transfer.import_jsonl` and :meth:`EventStore.verify`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from taji_events.errors import StoreError
from taji_events.opening import write_creating
from taji_events.postgres import redact
from taji_events.store import EventStore, format_verified
from taji_events.transfer import export_jsonl, import_jsonl

__all__ = ["register"]

Opener = Callable[[argparse.Namespace], EventStore]
Name = Callable[[argparse.Namespace], "Path | str"]
Command = Callable[[str, Callable[[argparse.Namespace], int], str, str], argparse.ArgumentParser]


def register(command: Command, add_db: Callable[[argparse.ArgumentParser], None],
             open_existing: Opener, store_name: Name) -> None:
    """Add ``export``, ``import`` and ``verify`` to the parser through ``command``."""

    def export(args: argparse.Namespace) -> int:
        with open_existing(args) as store:
            count = export_jsonl(store, args.to or sys.stdout.buffer)
        if args.to:
            print(f"exported {count} events to {args.to}")
        return 0

    def import_(args: argparse.Namespace) -> int:
        if args.file != "-" and not Path(args.file).is_file():
            # Checked before the store is opened, so a mistyped name creates nothing.
            raise StoreError(f"cannot import {args.file}: no such file; pass a file written "
                             "by `taji-events export`, or - for standard input")
        source = sys.stdin.buffer if args.file == "-" else args.file
        name = store_name(args)
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

    out = command(
        "export", export, "write the whole store as JSON Lines (seq, recorded_at, hash kept)",
        "Writes every event with its seq, recorded_at, batch boundary and chained hash,\n"
        "one line each, to --to (replaced atomically) or to standard output. Refuses a\n"
        "store whose hash chain is broken. `import` reads the result back losslessly.")
    out.add_argument("--to", default=None, metavar="FILE",
                     help="file to write (default: standard output)")
    add_db(out)

    into = command(
        "import", import_, "append an exported JSON Lines log to a store",
        "Reads a file written by `export` (or - for standard input) and appends its\n"
        "records unchanged, keeping seq, recorded_at and hashes; the store must be empty\n"
        "or hold exactly the log's beginning. All or nothing.")
    into.add_argument("file", metavar="FILE", help="exported JSON Lines file, or - for stdin")
    add_db(into)

    check = command(
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
    add_db(check)
