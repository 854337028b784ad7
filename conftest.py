"""Names available to every doctest in docs/ and src/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctest_paths(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["SEEDS"] = ROOT / "seeds"
