"""What taji_events.testing ships besides the contracts: the pipeline checks and their
messages, registered strategies, generated articles, the pytest plugin, and that the
strategies and checks need no pytest."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import attrs
import pytest
from builders import make_incident, make_report, make_retraction
from hypothesis import given, settings
from hypothesis import strategies as st

from taji_events.active_claims import ActiveClaim
from taji_events.events import Event, IncidentAmended, IncidentDeclared, ReportPublished, ReportRetracted
from taji_events.extract import extract_events
from taji_events.memory import MemoryStore
from taji_events.model import Claim, Count
from taji_events.origins import origin_of
from taji_events.store import EventStore
from taji_events.testing import (
    GeneratedArticle,
    LawViolation,
    TickingClock,
    assert_order_independent,
    assert_past_stable,
    assert_revisions_supersede,
    assert_same_beliefs,
    event_streams,
    incidents_of,
    query_times,
    realistic_articles,
)
from taji_events.testing.store_checks import assert_reads_filter_correctly, fill
from taji_events.timepoint import TimePoint

ROOT = Path(__file__).resolve().parent.parent


def filled(events: list[Event]) -> MemoryStore:
    store = MemoryStore(TickingClock())
    fill(store, events)
    return store


# -- pipeline checks --------------------------------------------------------------------------

@given(event_streams(), st.data())
def test_the_pipeline_checks_pass_on_the_shipped_stores(stream: list[Event],
                                                        data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(stream))
    split = data.draw(st.integers(0, len(stream)))
    with filled(stream) as one, filled(shuffled) as other, filled(stream[:split]) as growing:
        for incident in one.incidents():
            assert_same_beliefs(one, other, incident, policy="range")
        assert_order_independent(stream, policy="latest", shuffled=[shuffled])
        assert_past_stable(growing, stream[split:], policy="conservative")


def test_same_beliefs_names_the_field_and_both_beliefs() -> None:
    base: list[Event] = [make_incident(), make_report("a", killed=3)]
    with filled(base) as one, filled([*base, make_report("b", killed=5)]) as other, \
            pytest.raises(LawViolation) as failure:
        assert_same_beliefs(one, other, "taji-2020-03-11", policy="latest")
    message = str(failure.value)
    assert message.startswith("law broken: the same beliefs in both stores\n")
    assert "known now: field 'killed': '3 (3..3) reported' against '5 (5..5) reported'" in message
    assert "ReportPublished a@0" in message and "compare store.read(incident=...)" in message


class ReadsAheadStore(MemoryStore):
    """Answers a bounded read with everything: the past changes as the log grows."""

    def read(self, **bounds: object):  # type: ignore[no-untyped-def, override]
        bounds.pop("until_seq", None)
        bounds.pop("recorded_until", None)
        return super().read(**bounds)  # type: ignore[arg-type]


def test_past_stable_shows_the_answer_before_and_after() -> None:
    with ReadsAheadStore(TickingClock()) as store:
        store.append([make_incident(), make_report("a", killed=3)])
        with pytest.raises(LawViolation) as failure:
            assert_past_stable(store, [make_report("b", killed=9), make_retraction("a")])
    message = str(failure.value)
    assert message.startswith("law broken: past stability of known_at\n")
    assert "changed when events 3..4 were appended" in message
    assert "before: {" in message and "after:  {" in message
    assert "only events 1..2 were recorded at that point" in message


def test_an_incident_only_amended_is_named_and_read_like_the_store_does() -> None:
    amended = IncidentAmended(incident_id="later-attack", amendment=1, place="Balad")
    events: list[Event] = [make_incident(), make_report("a"), amended]
    assert incidents_of(events) == ["later-attack", "taji-2020-03-11"]
    with filled(events) as store:
        assert incidents_of(events) == store.incidents()
    # The reads law compares incidents() with incidents_of: an amendment is an incident's.
    assert_reads_filter_correctly(lambda: MemoryStore(TickingClock()), events)


@settings(max_examples=10)
@given(st.data())
def test_query_times_take_an_amended_occurrence_and_skip_an_amendment_without_one(
    data: st.DataObject,
) -> None:
    moved = IncidentAmended(incident_id="taji-2020-03-11", amendment=1,
                            occurred_at=TimePoint.parse("2020-03-20T10:00Z"))
    renamed = IncidentAmended(incident_id="taji-2020-03-11", amendment=2, title="Renamed")
    events: list[Event] = [make_incident(), make_report("a"), moved, renamed]
    at = data.draw(query_times(events))
    assert TimePoint.parse("2020-03-10").lower <= at <= TimePoint.parse("2020-03-21T10:01Z").upper
    assert_revisions_supersede(events, times=[at])


def test_order_independence_refuses_an_order_of_other_events() -> None:
    events: list[Event] = [make_incident(), make_report("a")]
    with pytest.raises(Exception, match="must hold the same events"):
        assert_order_independent(events, shuffled=[events[:1]])


# -- strategies -------------------------------------------------------------------------------

@settings(max_examples=15)
@given(st.from_type(Claim), st.from_type(ReportPublished), st.from_type(Event))
def test_from_type_draws_valid_library_values(claim: Claim, report: ReportPublished,
                                              event: Event) -> None:
    assert isinstance(claim, Claim) and isinstance(report, ReportPublished)
    assert isinstance(event, IncidentDeclared | IncidentAmended | ReportPublished | ReportRetracted)
    assert attrs.evolve(claim) == claim  # passes validation again


def _active(report: ReportPublished, claim: Claim) -> ActiveClaim:
    return ActiveClaim(claim=claim, report_id=report.report_id, revision=report.revision,
                       index=report.claims.index(claim), source=report.source,
                       published_at=report.published_at, first_published_at=report.published_at)


@settings(max_examples=40)
@given(event_streams(max_reports=3))
def test_a_relayed_claim_has_the_origin_of_the_claim_it_relays(stream: list[Event]) -> None:
    reports = [event for event in stream if isinstance(event, ReportPublished)]
    for relay in (report for report in reports if report.report_id.endswith("-relay")):
        (carried,) = relay.claims
        sources = [(report, claim) for report in reports if report is not relay
                   for claim in report.claims
                   if attrs.evolve(claim, according_to=carried.according_to,
                                   evidence=carried.evidence) == carried]
        assert sources, "a relay repeats a claim of another report"
        assert origin_of(_active(relay, carried)) in {
            origin_of(_active(report, claim)) for report, claim in sources}


@settings(max_examples=30)
@given(realistic_articles())
def test_the_extractor_finds_the_claims_a_generated_article_makes(
    article: GeneratedArticle,
) -> None:
    (report,) = extract_events(article.text, incident=article.incident, source=article.source,
                               published=article.published.isoformat(), place=article.place,
                               incident_date=article.incident_date)
    found = Counter((claim.field, claim.value.low, claim.value.high, claim.value.qualifier)
                    if isinstance(claim.value, Count) else (claim.field, None, None, None)
                    for claim in report.claims)
    expected = Counter((claim.field, claim.low, claim.high, claim.qualifier)
                       for claim in article.expected)
    assert found == expected, article.text
    for claim in article.expected:
        start = claim.evidence_start
        assert start is not None
        assert article.text[start:start + len(claim.evidence_quote)] == claim.evidence_quote


def test_strategies_and_checks_import_without_pytest() -> None:
    code = textwrap.dedent("""
        import sys
        import taji_events.testing
        from taji_events.testing import assert_same_beliefs, event_streams, PolicyContract
        loaded = sorted(name for name in ("pytest", "_pytest") if name in sys.modules)
        print(",".join(loaded) or "none")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip() == "none"


# -- the pytest plugin ------------------------------------------------------------------------

def test_the_store_fixtures_are_fresh_and_ticking(taji_memory_store: EventStore,
                                                  taji_sqlite_store: EventStore,
                                                  taji_jsonl_store: EventStore) -> None:
    for store in (taji_memory_store, taji_sqlite_store, taji_jsonl_store):
        assert store.last_seq() == 0
        store.append([make_incident()])
        store.append([make_report("a")])
        first, second = (entry.recorded_at for entry in store.read())
        assert second > first


def test_the_postgres_fixture_uses_the_dsn_given(pg_server: object, monkeypatch: pytest.MonkeyPatch,
                                                 request: pytest.FixtureRequest) -> None:
    monkeypatch.setenv("TAJI_POSTGRES_DSN", pg_server.dsn)  # type: ignore[attr-defined]
    store: EventStore = request.getfixturevalue("taji_postgres_store")
    assert store.last_seq() == 0
    assert store.append([make_incident()]).last_seq == 1


def test_taji_profile_loads_the_librarys_profile(tmp_path: Path) -> None:
    (tmp_path / "test_profile.py").write_text(textwrap.dedent("""
        from hypothesis import settings

        def test_profile(taji_store):
            assert settings.default.max_examples == 500
            assert settings.default.deadline is None
            assert taji_store.last_seq() == 0
    """))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--taji-profile=thorough",
         str(tmp_path / "test_profile.py")], capture_output=True, text=True, cwd=tmp_path,
        timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed, 1 skipped" in result.stdout  # PostgreSQL needs a DSN
