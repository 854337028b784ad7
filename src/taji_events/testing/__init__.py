"""Property-testing what you build on taji_events: strategies, checks and contracts.

* :mod:`~taji_events.testing.strategies` — Hypothesis strategies for every value
  (registered, so ``st.from_type(Claim)`` works) and whole event streams;
  :func:`realistic_articles` for extraction pipelines.
* :mod:`~taji_events.testing.checks` — the laws as functions to call in your own
  tests: :func:`assert_same_beliefs`, :func:`assert_past_stable`,
  :func:`assert_order_independent`, :func:`assert_knowledge_monotone`,
  :func:`assert_snapshots_resume`, :func:`assert_incremental_matches_rebuild`,
  :func:`assert_revisions_supersede` and the policy laws.
* :mod:`~taji_events.testing.contracts` — :class:`PolicyContract` and
  :class:`StoreContract`: subclass them and every law runs on your policy or store.
* ``taji_events.testing.plugin`` — a pytest plugin (loaded automatically when
  pytest is installed): fixtures for a fresh store of each backend and the
  ``--taji-profile`` option.

Everything here but the plugin needs only the ``testing`` extra
(``pip install 'taji_events[testing]'``), never pytest. See
docs/howto/test-your-pipeline.md.

Since 0.1.0.
"""

from __future__ import annotations

from taji_events.testing.articles import GeneratedArticle, realistic_articles
from taji_events.testing.checks import (
    assert_beliefs_within_bounds,
    assert_claims_support_or_contradict,
    assert_deterministic,
    assert_history_matches_direct,
    assert_incremental_matches_rebuild,
    assert_knowledge_monotone,
    assert_order_independent,
    assert_past_stable,
    assert_retractions_respected,
    assert_revisions_supersede,
    assert_same_beliefs,
    assert_scope_never_sets_total,
    assert_set_aside_visible,
    assert_snapshots_resume,
    assert_unknown_without_claims,
    claim_has_scope,
    direct_timeline,
    incidents_of,
)
from taji_events.testing.clock import TickingClock
from taji_events.testing.contracts import PolicyContract, StoreContract
from taji_events.testing.failures import LawViolation, describe_events
from taji_events.testing.profiles import PROFILES, profile_name, register_profiles
from taji_events.testing.strategies import (
    FIELDS,
    ZONES,
    attributions,
    aware_datetimes,
    claims,
    counts,
    event_streams,
    events,
    incident_amendments,
    incident_declarations,
    incident_ids,
    query_times,
    report_revisions,
    retractions,
    sources,
    speakers,
    time_points,
)

__all__ = [
    "FIELDS",
    "PROFILES",
    "ZONES",
    "GeneratedArticle",
    "LawViolation",
    "PolicyContract",
    "StoreContract",
    "TickingClock",
    "assert_beliefs_within_bounds",
    "assert_claims_support_or_contradict",
    "assert_deterministic",
    "assert_history_matches_direct",
    "assert_incremental_matches_rebuild",
    "assert_knowledge_monotone",
    "assert_order_independent",
    "assert_past_stable",
    "assert_retractions_respected",
    "assert_revisions_supersede",
    "assert_same_beliefs",
    "assert_scope_never_sets_total",
    "assert_set_aside_visible",
    "assert_snapshots_resume",
    "assert_unknown_without_claims",
    "attributions",
    "aware_datetimes",
    "claim_has_scope",
    "claims",
    "counts",
    "describe_events",
    "direct_timeline",
    "event_streams",
    "events",
    "incident_amendments",
    "incident_declarations",
    "incident_ids",
    "incidents_of",
    "profile_name",
    "query_times",
    "realistic_articles",
    "register_profiles",
    "report_revisions",
    "retractions",
    "sources",
    "speakers",
    "time_points",
]
