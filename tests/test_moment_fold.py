"""The one-moment fold (``moment_fold``) against the algorithm it replaced for
single questions: a belief history over the same claim rows collapsed into one
moment (``RowSweep(collapse_at=...)``, the incremental forms adding one claim at
a time), kept here as the reference. The same summaries and the same fields for
every shipped policy (re-ranked ones too), both modes, instants before, between
and after the reports, and the known view (every revision, no cutoff)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from row_logs import INCIDENTS, opener, row_logs
from store_suite import examples
from test_history import POLICY_OBJECTS, START

from taji_events.claim_rows import IncidentRows, to_micros
from taji_events.events import Event
from taji_events.history import BeliefHistory, RowSweep
from taji_events.incremental import has_incremental_form
from taji_events.ledger import MODES, Ledger
from taji_events.moment_fold import moment_claims, moment_summaries
from taji_events.policies import AuthorityPolicy, Policy, get_policy
from taji_events.replay import ledger_for
from taji_events.states import DEFAULT_FIELDS

SHIPPED: list[Policy] = [policy for policy in POLICY_OBJECTS if has_incremental_form(policy)]
EVERYTHING = datetime.max.replace(tzinfo=UTC)


def by_reference(rows: IncidentRows, ledger: Ledger, policy: Policy, mode: str,
                 cutoff: datetime) -> tuple[dict[str, tuple[object, ...]], list[str]]:
    sweep = RowSweep(rows, mode, basis_seq=0, declaration=ledger.declaration(rows.incident),
                     ledger=lambda: ledger, collapse_at=cutoff)
    history = BeliefHistory(sweep, policy)
    fields = history.fields_at(0)
    return {field: history.summary(field, 0) for field in fields}, fields


def by_moment(rows: IncidentRows, ledger: Ledger, policy: Policy, mode: str,
              cutoff: datetime | None) -> tuple[dict[str, tuple[object, ...]], list[str]]:
    declaration = ledger.declaration(rows.incident)
    floor = None if declaration is None or cutoff is None else \
        to_micros(declaration.occurred_at.lower)
    limit = None if cutoff is None else to_micros(cutoff)
    return moment_summaries(policy, moment_claims(rows, mode, floor=floor, limit=limit))


def test_the_shipped_policies_are_all_checked() -> None:
    assert {policy.name for policy in SHIPPED} >= {"latest", "authority", "conservative", "range"}


@settings(max_examples=examples(30, 60), deadline=None)
@given(batches=row_logs(), data=st.data())
def test_one_moment_folds_as_the_history_of_that_moment(batches: list[list[Event]],
                                                        data: st.DataObject) -> None:
    with opener("memory", None)() as store:
        for batch in batches:
            store.append(batch)
        for incident in INCIDENTS:
            found = store.claim_rows(incident, store.last_seq())
            assert found is not None
            rows = next(found, None)
            if rows is None:
                continue
            ledger = ledger_for(store, incident)
            cutoffs = [START + timedelta(minutes=data.draw(st.integers(-60, 5 * 24 * 60)))
                       for _ in range(3)]
            for policy in SHIPPED:
                for mode in MODES:
                    for cutoff in cutoffs:
                        assert by_moment(rows, ledger, policy, mode, cutoff) == \
                            by_reference(rows, ledger, policy, mode, cutoff), \
                            (incident, policy, mode, cutoff)
                # The known view: every revision and retraction, as of the end of time.
                assert by_moment(rows, ledger, policy, "certain", None) == \
                    by_reference(rows, ledger, policy, "certain", EVERYTHING), (incident, policy)


def test_a_policy_without_an_incremental_form_is_refused() -> None:
    class Custom(AuthorityPolicy):
        name = "custom"

    with pytest.raises(ValueError, match="no incremental form"):
        moment_summaries(Custom(), ([], []))


def test_an_empty_moment_has_every_documented_field_unknown() -> None:
    summaries, fields = moment_summaries(get_policy("authority"), ([], []))
    assert fields == list(DEFAULT_FIELDS)
    assert all(summaries[field][0] == "unknown" for field in fields)
