"""The library's Hypothesis profiles, under names of their own.

``taji-fast`` (25 examples per property) keeps a suite quick; ``taji-thorough``
(500) is for a nightly or pre-release run. Neither has a deadline: a slow,
loaded machine must not fail a property. :func:`register_profiles` registers
both (the pytest plugin does, and loads one with ``--taji-profile=fast`` or
``--taji-profile=thorough``); load one yourself with
``settings.load_profile("taji-thorough")``. The names are prefixed so that
they never replace profiles a project registers under its own names.

Since 0.3.0.
"""

from __future__ import annotations

from typing import Any, Final

from hypothesis import HealthCheck, settings

__all__ = ["PROFILES", "profile_name", "register_profiles"]

#: Short name (as given to ``--taji-profile``) -> the profile's settings.
PROFILES: Final[dict[str, dict[str, Any]]] = {
    "fast": {"max_examples": 25, "deadline": None,
             "suppress_health_check": [HealthCheck.too_slow]},
    "thorough": {"max_examples": 500, "deadline": None,
                 "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]},
}


def profile_name(short: str) -> str:
    """The registered name of one of :data:`PROFILES`: ``"thorough"`` -> ``"taji-thorough"``."""
    return f"taji-{short}"


def register_profiles() -> None:
    """Register every profile of :data:`PROFILES` as ``taji-<name>`` (again is harmless)."""
    for short, options in PROFILES.items():
        settings.register_profile(profile_name(short), **options)
