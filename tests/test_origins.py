"""Independent origins: relays of one statement count once (DESIGN §5 law 12)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario import INCIDENT, declare, report, said

import taji_events as te
from taji_events.active_claims import ActiveClaim
from taji_events.cli import main
from taji_events.frames import state_frame
from taji_events.ledger import Ledger
from taji_events.memory import MemoryStore
from taji_events.origins import ANONYMOUS_KINDS, independent_origins, origin_of
from taji_events.testing import TickingClock, event_streams

SEED = Path(__file__).resolve().parents[1] / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"


def relay(item: ActiveClaim, outlet: str, number: int) -> ActiveClaim:
    """``item`` repeated by another outlet's report, naming what it relays."""
    speaker = item.claim.according_to
    name = speaker.name
    if speaker.kind in ANONYMOUS_KINDS and "via " not in name:
        name = f"{name} (via {item.source.name})"
    claim = attrs.evolve(item.claim, according_to=te.Speaker(name, speaker.kind))
    return attrs.evolve(item, claim=claim, report_id=f"relay-{number}", revision=0, index=0,
                        source=te.Source(outlet, "news_outlet"))


def active_claims(events: list[te.Event]) -> list[ActiveClaim]:
    ledger = Ledger.from_events(events)
    return [item for incident in sorted(ledger.reports_by_incident)
            for item in ledger.active_claims(incident)]


@settings(deadline=None)
@given(st.data())
def test_relaying_a_claim_never_changes_the_count_of_origins(data: st.DataObject) -> None:
    claims = active_claims(data.draw(event_streams()))
    before = independent_origins(claims)
    assert before.count <= len({item.ref for item in claims})
    picked = data.draw(st.lists(st.sampled_from(claims), max_size=5)) if claims else []
    outlets = st.sampled_from(["Daily", "Herald", "Outlet 9"])
    relays = [relay(item, data.draw(outlets), number) for number, item in enumerate(picked)]
    order = data.draw(st.permutations([*claims, *relays]))
    after = independent_origins(order)
    assert after.count == before.count
    assert sum(len(group.claims) for group in after.groups) == len({i.ref for i in order})


def _one(speaker: str, kind: str, source: str = "Paper", report_id: str = "r") -> ActiveClaim:
    point = te.TimePoint.parse("2020-03-11T18:00Z")
    claim = te.Claim(incident=INCIDENT, field="killed", value=te.Count.read("three"),
                     according_to=te.Speaker(speaker, kind),
                     evidence=te.Evidence(0, 5, "three"))
    return ActiveClaim(claim=claim, report_id=report_id, revision=0, index=0,
                       source=te.Source(source, "news_outlet"), published_at=point,
                       first_published_at=point)


def test_the_rule_case_by_case() -> None:
    same = [
        # A named speaker is one origin wherever it is quoted.
        (_one("CJTF-OIR", "official_on_record", "Paper"),
         _one("CJTF-OIR", "official_on_record", "Daily", "d")),
        # Anonymous officials relayed by name of the report they were heard in.
        (_one("two U.S. officials", "official_anonymous", "Reuters"),
         _one("Two US officials (anonymous, via Reuters)", "official_anonymous", "Daily", "d")),
        # An outlet's own voice is a named speaker.
        (_one("The Drive", "news_outlet", "The Drive"),
         _one("The Drive", "news_outlet", "Paper", "p")),
    ]
    for first, second in same:
        assert origin_of(first) == origin_of(second), (first.claim.according_to, second)
        assert independent_origins([first, second]).count == 1
    different = [
        # Anonymous officials in two outlets, neither relaying the other: two origins.
        (_one("a U.S. official", "official_anonymous", "Paper"),
         _one("a U.S. official", "official_anonymous", "Daily", "d")),
        (_one("a U.S. official (via CNN)", "official_anonymous"),
         _one("a U.S. official (via VOA)", "official_anonymous")),
        # A gloss other than anonymous/unnamed/unspecified is part of the name.
        (_one("Unnamed outlet (seed 000)", "news_outlet"),
         _one("Unnamed outlet (seed 001)", "news_outlet")),
        (_one("Officials", "official_anonymous"), _one("Officials", "official_on_record")),
    ]
    for first, second in different:
        assert origin_of(first) != origin_of(second), (first.claim.according_to, second)
    assert origin_of(_one("officials (unnamed)", "official_anonymous", "Paper")) == \
        origin_of(_one("officials", "official_anonymous", "Paper"))


def test_the_same_claim_twice_counts_once() -> None:
    item = _one("CJTF-OIR", "official_on_record")
    counted = independent_origins([item, item])
    assert counted.count == 1 and counted.groups[0].claims == (item,)


def test_on_the_seeds_the_reuters_officials_are_one_origin() -> None:
    store = MemoryStore(TickingClock())
    store.append(te.read_jsonl(SEED))
    killed = te.believed_at(store, TAJI, "2020-03-15", policy="range")["killed"]
    groups = independent_origins(killed.supporting).groups
    reuters = [group for group in groups if "reuters" in (group.origin.cited or "")]
    assert len(reuters) == 1
    assert {item.report_id for item in reuters[0].claims} == {"seed-000", "seed-001"}
    assert len(groups) < len(killed.supporting)


def test_explain_shows_the_grouping(tmp_path: Path) -> None:
    store_path = tmp_path / "relays.db"
    events = [declare(),
              report("wire", 0, "2020-03-11T18:00Z",
                     said("killed", "3", by="two officials", kind="official_anonymous"),
                     source=te.Source("Wire", "wire")),
              report("paper", 0, "2020-03-11T19:00Z",
                     said("killed", "3", by="two officials (via Wire)", kind="official_anonymous")),
              report("daily", 0, "2020-03-11T19:00Z",
                     said("killed", "3", by="Police", kind="official_on_record"),
                     source=te.Source("Daily", "news_outlet"))]
    with te.open_store(store_path) as store:
        store.append(events)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["explain", INCIDENT, "killed", "--at", "2020-03-12", "--db", str(store_path)])
    assert status == 0
    tail = out.getvalue().split("independent origins of the supporting claims")[1].splitlines()
    assert tail[0] == " (2):"
    assert tail[1] == "  - two officials, via Wire, relayed 1 more time(s): wire@0#0 in Wire, " \
                      "paper@0#0 in Outlet"
    assert tail[2] == "  - Police: daily@0#0 in Daily"


def test_records_and_frames_count_the_origins_of_each_belief() -> None:
    store = MemoryStore(TickingClock())
    store.append([declare(),
                  report("wire", 0, "2020-03-11T18:00Z",
                         said("killed", "3", by="two officials", kind="official_anonymous"),
                         source=te.Source("Wire", "wire")),
                  report("paper", 0, "2020-03-11T19:00Z",
                         said("killed", "3", by="two officials (via Wire)",
                              kind="official_anonymous"))])
    state = te.believed_at(store, INCIDENT, "2020-03-12")
    (killed,) = [record for record in state.to_records() if record["field"] == "killed"]
    assert (killed["n_supporting"], killed["n_origins"]) == (2, 1)
    frame = state_frame(state)
    assert str(frame["n_origins"].dtype) == "Int64"
    assert frame.loc[frame["field"] == "killed", "n_origins"].tolist() == [1]
