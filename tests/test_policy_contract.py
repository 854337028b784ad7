"""The policy contract on a user's subclass that implements only ``choose_count``
(pytest form) and on a re-ranked shipped policy (unittest form).

The shipped policies themselves answer to the same laws in test_laws.py and
test_history.py; here the contract is what a user runs on their own policy."""

from __future__ import annotations

import unittest
from collections.abc import Sequence

from taji_events.active_claims import ActiveClaim
from taji_events.model import Count
from taji_events.policies import AuthorityPolicy, Policy
from taji_events.testing import PolicyContract


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
    max_examples = 15  # each law; test_history.py holds the engine to 25 dense logs


class TestReRankedAuthorityAsUnittest(PolicyContract, unittest.TestCase):
    """The unittest form: the same laws as ``unittest.TestCase`` methods."""

    policy = AuthorityPolicy(ranking={"wire": 9, "news_outlet": 8, "official_on_record": 1})
    max_examples = 10
