"""The curated Camp Taji annotation: faithful to its texts, and what it leads to."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import taji_events as te

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INCIDENT = "taji-2020-03-11"


@pytest.fixture(scope="module")
def events() -> list[te.Event]:
    return te.read_jsonl(SEEDS / "taji-2020-03-11.jsonl")


@pytest.fixture(scope="module")
def store(events: list[te.Event]) -> te.EventStore:
    store = te.open_store()
    store.append(events)
    return store


def reports(events: list[te.Event]) -> list[te.ReportPublished]:
    return [event for event in events if isinstance(event, te.ReportPublished)]


def test_every_evidence_span_is_exact_and_every_text_comes_from_a_seed_file(
        events: list[te.Event]) -> None:
    seed_texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    assert len(seed_texts) == 5
    for report in reports(events):
        assert report.text is not None
        assert any(report.text in seed for seed in seed_texts), report.identity
        for claim in report.claims:
            span = claim.evidence
            assert report.text[span.start:span.end] == span.quote, (report.identity, span)


def test_the_drive_updates_are_revisions_with_their_own_minute(events: list[te.Event]) -> None:
    drive = [r for r in reports(events) if r.report_id == "thedrive-taji-rocket-attack"]
    assert [(r.revision, r.published_at.precision) for r in drive] == [
        (0, "day"), (1, "minute"), (2, "minute"), (3, "minute")]
    # "6:20pm EST" during US daylight time is New York wall-clock time, UTC-4.
    assert te.timepoint.format_utc(drive[1].published_at.lower) == "2020-03-11T22:20:00Z"
    # Each revision repeats every claim of the one before it.
    quotes = [{c.evidence.quote for c in r.claims} for r in drive]
    assert all(before <= after for before, after in itertools.pairwise(quotes[1:]))


def test_date_only_reports_carry_day_precision(events: list[te.Event]) -> None:
    dated = [r for r in reports(events) if r.published_at.text == "2020-03-11"]
    assert {r.report_id for r in dated} == {"seed-001", "thedrive-taji-rocket-attack"}
    assert all(r.published_at.precision == "day" for r in dated)


def test_numbers_about_other_incidents_stay_out_of_this_one(events: list[te.Event]) -> None:
    taji_counts = [c.value for r in reports(events) for c in r.claims
                   if c.incident == INCIDENT and isinstance(c.value, te.Count)]
    # K-1's contractor, January's "more than 100" injured, "15 miles", the Syria strikes'
    # "at least 18 people", Soleimani's 63, the two Marine Raiders: none is a Taji figure.
    texts = " | ".join(value.text for value in taji_counts)
    for stray in ("100", "63", "miles", "27", "Marine"):
        assert stray not in texts
    other = {c.incident for r in reports(events) for c in r.claims} - {INCIDENT}
    assert {"k1-2019-12-27", "al-asad-2020-01-08", "albukamal-strikes-2020-03-11",
            "marine-raiders-2020-03"} <= other
    declared = {e.incident_id for e in events if isinstance(e, te.IncidentDeclared)}
    assert other | {INCIDENT} <= declared


def test_end_state_killed_is_three_confirmed_with_iso_breakdown(store: te.EventStore) -> None:
    state = te.believed_at(store, INCIDENT, "2020-03-15")
    killed = state["killed"]
    assert isinstance(killed, te.Belief)
    assert (killed.low, killed.best, killed.high, killed.status) == (3, 3, 3, "confirmed")
    assert dict(killed.breakdown) == {"US": 2, "GB": 1}
    # The Iraqi "no losses" / "no casualties" statements are there, and contradicted.
    zero = [c for c in killed.contradicting if c.claim.value.best == 0]  # type: ignore[union-attr]
    assert {c.claim.according_to.name for c in zero} == {
        "Iraqi officials (unspecified)", "Iraq\u2019s Security Media Cell"}


def test_end_state_rockets_fired_and_impacted_are_separate_and_fired_is_disputed(
        store: te.EventStore) -> None:
    ranged = te.believed_at(store, INCIDENT, "2020-03-15", policy="range")
    fired, impacted = ranged["rockets_fired"], ranged["rockets_impacted"]
    assert isinstance(fired, te.Belief) and isinstance(impacted, te.Belief)
    assert (fired.low, fired.high, fired.status) == (15, 30, "disputed")
    assert {c.claim.value.best for c in fired.supporting + fired.contradicting} >= {18, 30}  # type: ignore[union-attr]
    assert impacted.best == 18
    assert not {c.ref for c in fired.supporting} & {c.ref for c in impacted.supporting}


def test_end_state_attribution_keeps_no_claim_beside_the_suspicion(store: te.EventStore) -> None:
    attribution = te.believed_at(store, INCIDENT, "2020-03-15")["attribution"]
    assert isinstance(attribution, te.AttributionBelief)
    assert attribution.no_claim and not attribution.responsibility_claimed
    suspected = {(a.actor, s.stance, b) for a in attribution.actors for s in a.stances
                 for b in s.asserted_by}
    assert ("Iran-backed Iraqi militias", "suspected", "U.S. government") in suspected
    assert attribution.leading == "Iran-backed Iraqi militias"


def test_reingesting_the_seeds_records_nothing(store: te.EventStore,
                                               events: list[te.Event]) -> None:
    before = store.last_seq()
    assert store.append(events).recorded == ()
    assert store.last_seq() == before


def test_unnamed_officials_are_anonymous(events: list[te.Event]) -> None:
    # docs/seeds.md: named institutions and spokespeople are on record, unnamed
    # officials anonymous; a speaker the annotation itself calls unnamed, unspecified
    # or anonymous is never on record.
    speakers = {claim.according_to for r in reports(events) for claim in r.claims}
    unnamed = [s for s in speakers if any(word in s.name for word in
                                          ("unspecified", "unnamed", "anonymous"))]
    assert {s.name for s in unnamed} >= {"Iraqi officials (unspecified)", "officials (unnamed)"}
    assert all(s.kind == "official_anonymous" for s in unnamed
               if "official" in s.name.casefold()), unnamed


def test_an_outlet_voice_never_speaks_for_a_government(events: list[te.Event]) -> None:
    # An outlet's own reading of a government's position is the outlet's view: it is
    # asserted by the outlet, not by the government it describes.
    for r in reports(events):
        for claim in r.claims:
            value = claim.value
            if isinstance(value, te.Attribution) and claim.according_to.kind == "news_outlet":
                assert value.asserted_by == claim.according_to.name, claim.evidence.quote
    pmu = [c for r in reports(events) for c in r.claims
           if c.evidence.quote.startswith("The U.S. appears to be determined")]
    assert pmu and all(c.value == te.Attribution("Popular Mobilization Units", "suspected",
                                                 asserted_by="Unnamed outlet (seed 000)")
                       for c in pmu)


@pytest.mark.parametrize("policy", list(te.POLICIES))
def test_the_contractor_count_shows_its_conflict(store: te.EventStore, policy: str) -> None:
    belief = te.believed_at(store, INCIDENT, "2020-03-15", policy=policy)["killed_contractors"]
    assert isinstance(belief, te.Belief)
    figures = {item.claim.value.best for item in belief.supporting + belief.contradicting}  # type: ignore[union-attr]
    assert figures == {0, 1}
    assert belief.contradicting, belief.describe()
    if policy != "latest":
        # The Telegraph official's "the other a contractor" is set aside by CENTCOM's
        # later on-record confirmation that the two Americans were service members.
        (aside,) = belief.set_aside
        assert aside.claim.claim.according_to.name == "a U.S. official (via The Telegraph)"
        assert "Capt. Bill Urban" in aside.reason
