"""A throwaway PostgreSQL server for the tests, from the Debian binaries.

:func:`start_server` runs ``initdb`` and ``pg_ctl`` from
``/usr/lib/postgresql/<version>/bin`` in a temporary directory, on a free
loopback port, as the ``postgres`` user when the tests run as root (the server
refuses root). :func:`unavailable` says why that cannot work here, and how to
make it work. ``fsync`` is off: the tests kill clients, never the server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import attrs

ENABLE_HINT = ("run `bash .ci/install-postgres` (Debian: apt-get install postgresql) and "
               "`pip install -e '.[dev]'` (psycopg)")


def binaries() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has initdb, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda path: int(Path(path).parent.parent.name)
                   if Path(path).parent.parent.name.isdigit() else 0)
    return Path(found[-1]).parent if found else None


def unavailable() -> str | None:
    """Why a server cannot be started here (None when it can)."""
    if binaries() is None:
        return "PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin/initdb)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg 3 is not installed"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to switch to the postgres user"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@attrs.define
class PgServer:
    """A running server; :meth:`new_dsn` gives each test its own schema."""

    directory: Path
    bin: Path
    port: int
    as_postgres: bool

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_dsn(self) -> str:
        """A DSN whose search_path is a fresh, empty schema."""
        import psycopg

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        return f"{self.dsn}?options={quote(f'-csearch_path={schema}')}"

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return _run(self.as_postgres, [str(self.bin / command[0]), *command[1:]])

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


def _run(as_postgres: bool, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    full = ["runuser", "-u", "postgres", "--", *command] if as_postgres else list(command)
    return subprocess.run(full, capture_output=True, text=True, timeout=60, check=False)


def start_server() -> PgServer:
    """Start a server, or raise RuntimeError with its log."""
    bin_dir = binaries()
    assert bin_dir is not None
    as_postgres = os.geteuid() == 0
    directory = Path(tempfile.mkdtemp(prefix="taji-pg-"))
    if as_postgres:
        shutil.chown(directory, "postgres")
    data = directory / "data"
    init = _run(as_postgres, [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust",
                              "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
    if init.returncode:
        raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    for _ in range(3):  # a port found free may be taken before the server binds it
        port = _free_port()
        options = (f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        started = _run(as_postgres, [str(bin_dir / "pg_ctl"), "-D", str(data), "-l",
                                     str(directory / "log"), "-w", "-t", "30", "-o", options,
                                     "start"])
        if started.returncode == 0:
            return PgServer(directory, bin_dir, port, as_postgres)
    log = (directory / "log").read_text() if (directory / "log").exists() else ""
    shutil.rmtree(directory, ignore_errors=True)
    raise RuntimeError(f"pg_ctl start failed:\n{started.stdout}\n{started.stderr}\n{log}")
