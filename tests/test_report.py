"""The HTML belief report without a browser: self-containment, embedded data,
agreement with ``believed_at``, errors, and the ``report`` command."""

from __future__ import annotations

import html
import json
import os
import re
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from builders import TAJI, make_incident, make_report, make_retraction
from hypothesis import given
from hypothesis import strategies as st
from report_model import library, shown
from test_history import dense_logs
from test_policy_contract import Median

import taji_events as te
from taji_events.cli import main
from taji_events.errors import InvalidQueryError, UnknownIncidentError, UnknownPolicyError
from taji_events.events import ReportPublished
from taji_events.ledger import MODES, Ledger
from taji_events.model import Claim, Count, Evidence, Source, Speaker
from taji_events.policies import AuthorityPolicy, RangePolicy
from taji_events.report import (
    REPORT_FORMAT,
    REPORT_VERSION,
    ReportError,
    claim_records,
    render_report,
    report_data,
    write_report,
)
from taji_events.states import state_from_ledger
from taji_events.timepoint import TimePoint

SEED = Path(__file__).resolve().parents[1] / "seeds" / f"{TAJI}.jsonl"
DATA = re.compile(r'<script type="application/json" id="report-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def seeds() -> te.EventStore:
    store = te.open_store()
    store.append(te.read_jsonl(SEED))
    return store


@pytest.fixture(scope="module")
def page(seeds: te.EventStore) -> str:
    return render_report(seeds, TAJI)


def embedded(page: str) -> dict[str, Any]:
    found = DATA.findall(page)
    assert len(found) == 1
    data: dict[str, Any] = json.loads(found[0])
    return data


def position_at(data: dict[str, Any], at: datetime) -> int:
    """What the page's script does: the latest moment at or before T (in whole ms)."""
    ms = int(at.timestamp() * 1000)
    found = 0
    for index, position in enumerate(data["positions"][1:], start=1):
        if position["at_ms"] <= ms:
            found = index
    return found


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- a self-contained page ---------------------------------------------------------------------

def test_page_loads_nothing_from_elsewhere(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert not re.search(r"@import|<link[^>]+stylesheet|<img|<iframe|<object|<embed", page, re.I)
    # the only link is an empty inline icon, so the browser asks for no favicon
    assert re.findall(r"<link[^>]*>", page) == ['<link rel="icon" href="data:,">']
    policy = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert "default-src 'none'" in html.unescape(policy[0])  # the browser may fetch nothing
    assert page.count("<script") == 2 and "<script src" not in page


def test_page_is_accessible_markup(page: str) -> None:
    assert '<html lang="en">' in page
    assert '<label for="time-slider">' in page and 'id="time-slider"' in page
    assert "<legend>Policy</legend>" in page
    for name in te.POLICIES:
        assert f'value="{name}" data-testid="policy-{name}"' in page
    assert '<th scope="col">Field</th>' in page
    assert 'value="authority" data-testid="policy-authority" checked' in page


def test_embedded_json_round_trips(seeds: te.EventStore, page: str) -> None:
    data = embedded(page)
    assert data == json.loads(json.dumps(report_data(seeds, TAJI)))
    assert data["format"] == REPORT_FORMAT and data["version"] == REPORT_VERSION == 2
    assert data["initial_policy"] == "authority"
    assert [policy["name"] for policy in data["policies"]] == list(te.POLICIES)
    assert "</" not in DATA.findall(page)[0]


def test_same_store_same_page(seeds: te.EventStore, page: str) -> None:
    assert render_report(seeds, TAJI) == page


def test_fields_cover_the_documented_and_every_claimed_field(page: str) -> None:
    fields = [field["name"] for field in embedded(page)["fields"]]
    assert fields[:5] == ["killed", "wounded", "rockets_fired", "rockets_impacted", "attribution"]
    assert {"launcher_found", "rockets_in_launcher", "killed_contractors"} <= set(fields)


# -- the same answers as believed_at -----------------------------------------------------------

@pytest.mark.parametrize("mode", ["certain", "possible"])
def test_every_moment_and_every_policy_equals_believed_at(seeds: te.EventStore, mode: str) -> None:
    """Figures, chosen claim, supporting, contradicting and set-aside claims, as the
    page derives them from its data, are believed_at's."""
    data = report_data(seeds, TAJI, mode=mode)
    moments = [parse(position["at"]) for position in data["positions"][1:]]
    assert moments == sorted(moments) and len(moments) >= 5
    # each moment, a microsecond before it, and times between the moments
    probes = [moments[0] - timedelta(microseconds=1), *moments,
              *(earlier + (later - earlier) / 2 for earlier, later in pairwise(moments)),
              moments[-1] + timedelta(days=400)]
    for policy in te.POLICIES:
        for at in probes:
            position = position_at(data, at)
            expected = te.believed_at(seeds, TAJI, at, policy=policy, mode=mode)
            assert shown(data, policy, position) == library(data, expected), (policy, at)
            assert data["positions"][position]["active"] == len(expected.claims)


POLICY_SETS: list[list[te.Policy]] = [
    [*te.POLICIES.values(), Median()],
    [AuthorityPolicy(ranking={"wire": 9, "news_outlet": 8, "official_on_record": 1})],
    [RangePolicy(ranking={"belligerent": 9})],
]


@given(dense_logs(), st.sampled_from(MODES), st.sampled_from(POLICY_SETS))
def test_the_page_shows_the_direct_computation_at_every_moment(
        events: list[te.Event], mode: str, policies: list[te.Policy]) -> None:
    """Property: at every position, under every policy (shipped, ranked otherwise, or
    a user's own without an incremental form), what the page shows is the direct
    recomputation's state — revisions, retractions, scoped and denied claims."""
    store = te.open_store()
    store.append(events)
    ledger = Ledger.from_events(events)
    data = report_data(store, "incident-1", mode=mode, policy=policies[0].name,
                       policies=policies)
    for position, entry in enumerate(data["positions"]):
        at = parse(entry["at"]) if entry["at"] else None
        for policy in policies:
            state = state_from_ledger(ledger if at else Ledger(), "incident-1", policy=policy,
                                      published_by=at, mode=mode)
            assert shown(data, policy.name, position) == library(data, state), (policy, position)
            assert entry["active"] == len(state.claims)


def test_known_seed_values(page: str) -> None:
    data = embedded(page)
    at = datetime(2020, 3, 13, tzinfo=UTC)
    killed = shown(data, "authority", position_at(data, at))["killed"]
    assert killed["describe"] == "3 (3..3) confirmed [GB 1, US 2]"
    end = datetime(2020, 3, 14, 12, tzinfo=UTC)  # "2020-03-13" in every zone
    fired = shown(data, "range", position_at(data, end))["rockets_fired"]
    assert (fired["low"], fired["best"], fired["high"], fired["status"]) == (15, 18, 30, "disputed")
    before = shown(data, "authority", 0)
    assert {belief["status"] for belief in before.values()} == {"unknown"}
    assert data["positions"][0]["at"] is None


def test_claims_carry_who_said_it_and_the_evidence(seeds: te.EventStore, page: str) -> None:
    data = embedded(page)
    claims = claim_records(data)
    assert [claim["id"] for claim in claims] == list(range(len(claims)))
    quotes = {claim.evidence.quote
              for record in seeds.read(incident=TAJI) if isinstance(record.event, ReportPublished)
              for claim in record.event.claims if claim.incident == TAJI}
    assert {claim["quote"] for claim in claims} == quotes
    for claim in claims:
        assert claim["source"] and claim["according_to"] and claim["speaker_kind"]
        assert claim["hedge"] in ("confirmed", "reported", "initial", "preliminary", "denied")
        assert claim["published_upper"] is None or claim["published_lower"] < claim["published_upper"]
        assert 0 < claim["runs"][0][0] < len(data["positions"])
    final = te.believed_at(seeds, TAJI, "2030-01-01")
    killed = shown(data, "authority", len(data["positions"]) - 1)["killed"]
    assert sorted(claims[i]["quote"] for i in killed["supporting"]) == \
        sorted(item.claim.evidence.quote for item in final["killed"].supporting)
    assert claims[killed["chosen"]]["quote"] == final["killed"].chosen.claim.evidence.quote
    assert data["rules"]["authority"]["killed"] == final["killed"].rule


def test_each_claim_is_embedded_once(page: str) -> None:
    """The page carries each claim's text once, however many moments and revisions
    it is active in: its size grows with the claims and the changes, not with
    claims x moments."""
    data = embedded(page)
    text = DATA.findall(page)[0]
    claims = claim_records(data)
    identities = [(c["report_id"], c["field"], c["label"], c["according_to"], c["hedge"],
                   c["quote"]) for c in claims]
    assert len(set(identities)) == len(identities)
    assert any(len(claim["refs"]) > 1 for claim in claims)  # carried over by revisions, once
    for quote in {claim["quote"] for claim in claims}:
        quoted = json.dumps(quote, ensure_ascii=False)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e") \
            .replace("&", "\\u0026")
        assert text.count(quoted) == sum(claim["quote"] == quote for claim in claims), quote


def test_revisions_and_retractions_follow_the_log() -> None:
    store = te.open_store()
    store.append([make_incident(), make_report("wire", killed=2, published="2020-03-11T22:00Z"),
                  make_report("wire", 1, killed=3, published="2020-03-12T08:00Z"),
                  make_report("outlet", killed=5, published="2020-03-12T09:00Z"),
                  make_retraction("outlet", at="2020-03-13T10:00Z")])
    data = report_data(store, TAJI, policy="latest")
    assert [p["entered"] for p in data["positions"]] == [
        [], ["wire@0"], ["wire@1"], ["outlet@0"], ["outlet retracted"]]
    by_quote = {claim["quote"]: claim for claim in claim_records(data)}
    assert by_quote["2 killed"]["runs"] == [[1, 2]]
    assert by_quote["5 killed"]["runs"] == [[3, 4]]
    assert by_quote["3 killed"]["runs"] == [[2, None]]
    described = [shown(data, "latest", position)["killed"]["describe"] for position in range(5)]
    assert described == ["unknown", "2 (2..2) reported", "3 (3..3) reported",
                         "5 (5..5) reported", "3 (3..3) reported"]
    # figures are stored once per change, not once per moment
    assert data["beliefs"]["latest"]["killed"]["at"] == [0, 1, 2, 3, 4]
    assert data["beliefs"]["latest"]["wounded"]["at"] == [0]


def test_the_header_gives_the_occurrence_time_with_its_zone(page: str) -> None:
    assert "occurred 2020-03-11T19:30/2020-03-11T20:00 (interval, Asia/Baghdad)" in page
    store = te.open_store()
    store.append([make_incident(), make_report("wire")])
    # a minute written with its offset keeps the offset
    assert "occurred 2020-03-11T19:35+03:00 (minute, +03:00)" in render_report(store, TAJI)
    store = te.open_store()
    store.append([te.IncidentDeclared(incident_id="quiet-2021", title="Quiet", place="Nowhere",
                                      occurred_at=datetime(2021, 1, 1, tzinfo=UTC))])
    assert "occurred 2021-01-01T00:00:00Z" in render_report(store, "quiet-2021")  # UTC: Z


def test_text_cannot_break_out_of_the_page() -> None:
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    text = f"Officials said {hostile} 4 killed"
    start = text.index(hostile)
    store = te.open_store()
    store.append([make_incident(title="<b>Attack</b> & more"), ReportPublished(
        report_id="r", revision=0, source=Source("<i>Outlet</i>", "news_outlet"),
        published_at=TimePoint.parse("2020-03-12T10:00Z"), text=text,
        claims=[Claim(incident=TAJI, field="killed", value=Count.exact(4),
                      according_to=Speaker("</script>", "unattributed"),
                      evidence=Evidence(start, len(text), text[start:]))])])
    page = render_report(store, TAJI)
    assert page.count("</script>") == 2  # the data element's and the script's own
    assert "<b>Attack</b>" not in page and "&lt;b&gt;Attack&lt;/b&gt; &amp; more" in page
    claim = claim_records(embedded(page))[0]
    assert claim["quote"] == text[start:] and claim["according_to"] == "</script>"


def test_a_subset_of_policies_or_your_own() -> None:
    class Highest(RangePolicy):
        name = "highest"

    store = te.open_store()
    store.append([make_incident(), make_report("a", killed=2), make_report("b", killed=5)])
    data = report_data(store, TAJI, policy="highest", policies=["latest", Highest()])
    assert [p["name"] for p in data["policies"]] == ["latest", "highest"]
    assert set(data["beliefs"]) == set(data["chosen"]) == set(data["set_aside"]) == {
        "latest", "highest"}
    with pytest.raises(UnknownPolicyError, match=r"'authority'.*latest, highest"):
        report_data(store, TAJI, policies=["latest", Highest()])
    with pytest.raises(UnknownPolicyError, match="more than once"):
        report_data(store, TAJI, policy="latest", policies=["latest", "latest"])


# -- errors ------------------------------------------------------------------------------------

def test_unknown_incident_policy_and_mode(seeds: te.EventStore) -> None:
    with pytest.raises(UnknownIncidentError, match=r"'nowhere-2020'.*known incidents: .*taji"):
        render_report(seeds, "nowhere-2020")
    with pytest.raises(UnknownPolicyError, match=r"'loudest'.*latest, authority"):
        render_report(seeds, TAJI, policy="loudest")
    with pytest.raises(InvalidQueryError, match=r"'sometimes'.*certain, possible"):
        render_report(seeds, TAJI, mode="sometimes")


def test_unwritable_outputs_name_the_path_and_the_fix(seeds: te.EventStore, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "report.html"
    with pytest.raises(ReportError, match=r"no-such-folder does not exist; create it"):
        write_report(seeds, TAJI, missing)
    with pytest.raises(ReportError, match="it is a directory; give a file name"):
        write_report(seeds, TAJI, tmp_path)
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with pytest.raises(ReportError, match=r"plain\.txt is not a directory"):
        write_report(seeds, TAJI, plain / "report.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        seeds: te.EventStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.html"
    out.write_text("the previous report")

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ReportError, match=r"report.html: No space left on device; nothing was"):
        write_report(seeds, TAJI, out)
    assert out.read_text() == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_failed_render_touches_nothing(seeds: te.EventStore, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    with pytest.raises(UnknownIncidentError):
        write_report(seeds, "nowhere-2020", out)
    assert list(tmp_path.iterdir()) == []


def test_write_report_replaces_atomically_and_is_readable(seeds: te.EventStore, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(0o640)
    assert write_report(seeds, TAJI, out, policy="range") == out
    assert embedded(out.read_text(encoding="utf-8"))["initial_policy"] == "range"
    assert out.stat().st_mode & 0o777 == 0o640  # a replaced report keeps its permissions
    assert write_report(seeds, TAJI, tmp_path / "new.html").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.html", "report.html"]


def test_a_folder_without_write_permission_is_refused(
        seeds: te.EventStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(ReportError,
                       match=r"report.html: Permission denied; nothing was written there"):
        write_report(seeds, TAJI, tmp_path / "report.html")
    assert list(tmp_path.iterdir()) == []


# -- the command line --------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    assert main(["ingest", str(SEED), "--db", str(path)]) == 0
    return path


def test_cli_writes_the_report(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    out = tmp_path / "taji.html"
    assert main(["report", TAJI, "--out", str(out), "--db", str(db), "--policy", "conservative",
                 "--mode", "possible"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"wrote {out} ")
    data = embedded(out.read_text(encoding="utf-8"))
    assert (data["initial_policy"], data["mode"]) == ("conservative", "possible")
    with te.open_store(db) as store:
        assert data == json.loads(json.dumps(report_data(store, TAJI, policy="conservative",
                                                         mode="possible")))


def test_cli_basis_seq(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "early.html"
    assert main(["report", TAJI, "--out", str(out), "--db", str(db), "--basis-seq", "10"]) == 0
    assert embedded(out.read_text(encoding="utf-8"))["basis_seq"] == 10


@pytest.mark.parametrize(("argv", "message"), [
    (["report", "nowhere-2020", "--out", "{tmp}/r.html"], "'nowhere-2020' has no events"),
    (["report", TAJI, "--out", "{tmp}/r.html", "--policy", "loudest"],
     "unknown policy 'loudest'; choose one of latest, authority, conservative, range"),
    (["report", TAJI, "--out", "{tmp}/missing/r.html"], "missing does not exist; create it"),
    (["report", TAJI, "--out", "{tmp}"], "is a directory"),
    (["report", TAJI, "--out", "{tmp}/r.html", "--mode", "sometimes"], "--mode 'sometimes' is not a mode"),
])
def test_cli_errors(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    argv: list[str], message: str) -> None:
    capsys.readouterr()
    status = main([arg.replace("{tmp}", str(tmp_path)) for arg in argv] + ["--db", str(db)])
    error = capsys.readouterr().err
    assert status == 2
    assert error.startswith("taji-events: error: ") and message in error
    assert not (tmp_path / "r.html").exists()


def test_cli_needs_out_and_an_existing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", TAJI, "--db", str(tmp_path / "x.db")]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["report", TAJI, "--out", str(tmp_path / "r.html"),
                 "--db", str(tmp_path / "x.db")]) == 2
    assert "no store at" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_revision_that_drops_a_scope_is_its_own_entry_and_supports_the_figure() -> None:
    """A revision carries a figure over but no longer limits it to a subset: the
    ledger keeps it as the same claim, first published with the first revision;
    the page lists the unscoped claim apart, so at that moment it supports the
    figure, as the direct computation says."""
    start = datetime(2021, 6, 1, tzinfo=UTC)
    source = Source("Outlet 1", "news_outlet")

    def revision(number: int, scope: str | None, hours: int) -> ReportPublished:
        return ReportPublished(
            report_id="r", revision=number, source=source,
            published_at=TimePoint.instant(start + timedelta(hours=hours)),
            claims=[Claim(incident="incident-1", field="killed", value=Count.exact(1),
                          according_to=Speaker("police", "official_on_record"),
                          evidence=Evidence(0, 8, "killed 1"), scope=scope)])

    events: list[te.Event] = [
        te.IncidentDeclared(incident_id="incident-1", title="An attack", place="X",
                            occurred_at=TimePoint.instant(start)),
        revision(0, "among the guards", 1), revision(1, None, 5)]
    store = te.open_store()
    store.append(events)
    data = report_data(store, "incident-1")
    ledger = Ledger.from_events(events)
    scopes = [claim["scope"] for claim in claim_records(data)]
    assert scopes == ["among the guards", None]
    for position, entry in enumerate(data["positions"]):
        at = datetime.fromisoformat(entry["at"]) if entry["at"] else None
        state = state_from_ledger(ledger if at else Ledger(), "incident-1", published_by=at)
        assert shown(data, "authority", position) == library(data, state), position
    last = shown(data, "authority", len(data["positions"]) - 1)["killed"]
    assert (last["best"], last["supporting"]) == (1, [1])
