"""Names available to every doctest in docs/ and src/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# The site's MkDocs hooks hold no doctests and import mkdocs (a dev dependency);
# tests/test_docs_site.py tests them.
collect_ignore_glob = ["docs/_hooks/*.py"]
# docs/ examples import their small helper modules from beside them.
sys.path.insert(0, str(ROOT / "docs"))


@pytest.fixture(autouse=True)
def _doctest_paths(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["SEEDS"] = ROOT / "seeds"
