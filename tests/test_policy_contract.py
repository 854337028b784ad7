"""The policy contract on the four shipped policies, on a user's subclass that
implements only ``choose_count`` (pytest form) and on a re-ranked shipped policy
(unittest form): the policies of ``POLICIES`` answer to the contract users run on theirs.

Each shipped policy runs every law on a few examples under the default profile (the
laws also run on all of them, on every backend, in test_laws.py, and the engine in
test_history.py); the thorough profile gives each a fifth of its examples."""

from __future__ import annotations

import unittest
from collections.abc import Sequence

from hypothesis import settings
from store_suite import examples

from taji_events.active_claims import ActiveClaim
from taji_events.model import Count
from taji_events.policies import POLICIES, AuthorityPolicy, Policy
from taji_events.testing import PROFILES, PolicyContract

FAST_EXAMPLES = PROFILES["fast"]["max_examples"]


def shipped_examples() -> int:
    """Examples per law for a shipped policy: 6 under the default (fast) profile, a
    fifth of the loaded profile's under a larger one (100 under thorough). Read when
    the module is imported, after the test configuration has loaded its profile."""
    loaded = settings.default.max_examples
    return 6 if loaded <= FAST_EXAMPLES else max(6, loaded // 5)


class TestLatestPolicy(PolicyContract):
    policy = POLICIES["latest"]
    max_examples = shipped_examples()


class TestAuthorityPolicy(PolicyContract):
    policy = POLICIES["authority"]
    max_examples = shipped_examples()


class TestConservativePolicy(PolicyContract):
    policy = POLICIES["conservative"]
    max_examples = shipped_examples()


class TestRangePolicy(PolicyContract):
    policy = POLICIES["range"]
    max_examples = shipped_examples()


class Median(Policy):
    """A user's policy: the median stated figure of the credible claims."""

    name = "median"
    marks_disputes = True

    def choose_count(self, field: str, claims: Sequence[ActiveClaim],
                     credible: Sequence[ActiveClaim]) -> tuple[ActiveClaim, int, int, int | None, str]:
        ordered = sorted(credible, key=lambda item: (_count(item).best, item.sort_key))
        chosen = ordered[len(ordered) // 2]
        value = _count(chosen)
        return chosen, value.best, value.low, value.high, "the median credible figure"


def _count(item: ActiveClaim) -> Count:
    value = item.claim.value
    assert isinstance(value, Count)
    return value


class TestMedian(PolicyContract):
    policy = Median()
    # Each law: 8 examples by default, 15 under the thorough profile; test_history.py
    # holds the engine to 25 dense logs.
    max_examples = examples(8, 15)


class TestReRankedAuthorityAsUnittest(PolicyContract, unittest.TestCase):
    """The unittest form: the same laws as ``unittest.TestCase`` methods."""

    policy = AuthorityPolicy(ranking={"wire": 9, "news_outlet": 8, "official_on_record": 1})
    max_examples = examples(6, 10)
