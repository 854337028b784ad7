"""Shared fixtures. Keep each fixture small and named for what it gives."""

from __future__ import annotations

import pytest
from builders import ManualClock


@pytest.fixture
def manual_clock() -> ManualClock:
    """A store clock at 2020-03-12T09:00Z that moves only when the test calls advance()."""
    return ManualClock()
