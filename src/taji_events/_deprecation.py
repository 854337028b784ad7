"""Deprecation warnings for names that moved, kept working for one version."""

from __future__ import annotations

import warnings

__all__ = ["warn_moved"]


def warn_moved(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new``, pointing at the caller's
    caller (the code that used the old name): ``stacklevel=3`` is right for a call
    from the function or module ``__getattr__`` that serves ``old``."""
    warnings.warn(f"{old} is deprecated since 0.3.0 and will be removed in the next "
                  f"version; use {new} instead", DeprecationWarning, stacklevel=stacklevel)
