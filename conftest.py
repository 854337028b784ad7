"""Names available to every doctest in docs/ and src/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# docs/ examples import their small helper modules from beside them.
sys.path.insert(0, str(ROOT / "docs"))


@pytest.fixture(autouse=True)
def _doctest_paths(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["SEEDS"] = ROOT / "seeds"
