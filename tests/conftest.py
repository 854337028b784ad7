"""Shared fixtures. Keep each fixture small and named for what it gives."""

from __future__ import annotations

import pytest
from builders import ManualClock


@pytest.fixture
def manual_clock() -> ManualClock:
    """A store clock at 2020-03-12T09:00Z that moves only when the test calls advance()."""
    return ManualClock()


# --- Hypothesis profiles (property-testing layer; see tests/test_laws.py) -----------------
# TAJI_HYPOTHESIS_PROFILE=thorough runs each property 500 times (and the law tests on
# PostgreSQL too); the default "fast" profile keeps the whole suite quick. No deadlines:
# a slow, loaded machine must not fail a property. The fast profile also skips
# Hypothesis's explain phase, which only adds notes to a failure after it is shrunk
# (and replays the shrunk example many times to make them: half the time of the failing
# contract example in docs/howto/custom-policy.md); the thorough profile keeps it.
import os as _os  # noqa: E402

from hypothesis import HealthCheck as _HealthCheck  # noqa: E402
from hypothesis import Phase as _Phase  # noqa: E402
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile(
    "fast", max_examples=25, deadline=None, suppress_health_check=[_HealthCheck.too_slow],
    phases=[phase for phase in _Phase if phase is not _Phase.explain],
)
_settings.register_profile(
    "thorough", max_examples=500, deadline=None,
    suppress_health_check=[_HealthCheck.too_slow, _HealthCheck.data_too_large],
)
_settings.load_profile(_os.environ.get("TAJI_HYPOTHESIS_PROFILE", "fast"))
# --- end of Hypothesis profiles ------------------------------------------------------------


# --- Stores that survive (issue 3): PostgreSQL server, backend factories -------------------
from collections.abc import Iterator as _Iterator  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

import pg as _pg  # noqa: E402
import store_suite as _store_suite  # noqa: E402


@pytest.fixture(scope="session")
def pg_server() -> _Iterator[_pg.PgServer]:
    """A throwaway PostgreSQL server for the session (see tests/pg.py).

    Skips when the binaries or psycopg are missing, saying how to enable them;
    under CI=true it fails instead, so CI never silently drops these tests.
    """
    reason = _pg.unavailable()
    if reason is not None:
        message = f"PostgreSQL tests need a server: {reason}; {_pg.ENABLE_HINT}"
        if _os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    server = _pg.start_server()
    yield server
    server.stop()


@pytest.fixture
def pg_dsn(pg_server: _pg.PgServer) -> str:
    """A DSN on the session's server whose search_path is a fresh, empty schema."""
    return pg_server.new_dsn()


@pytest.fixture(params=_store_suite.SHARED_BACKENDS)
def shared_store(request: pytest.FixtureRequest, tmp_path: _Path) -> _store_suite.Opener:
    """Opens new objects on one new, empty store that several processes can share:
    a SQLite file, a JSON Lines file, or a PostgreSQL schema."""
    return _store_suite.make_opener(request.param, request, tmp_path)
# --- end of stores that survive ------------------------------------------------------------
