"""The HTML belief report in a real browser: Debian's Chromium driven by Playwright.

The page is opened from ``file://``; the tests move the time control and the
policy switch as a reader would and compare the state table with
``believed_at`` at the same T. Without Chromium (``/usr/bin/chromium``) or the
``playwright`` package these tests skip, saying how to enable them; under
``CI=true`` they fail instead, so CI never silently drops them.
"""

from __future__ import annotations

import importlib.util
import os
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import TAJI

import taji_events as te
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.events import ReportPublished
from taji_events.model import KNOWN_FIELDS
from taji_events.report import write_report

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED = Path(__file__).resolve().parents[1] / "seeds" / f"{TAJI}.jsonl"
ENABLE_HINT = ("install Debian's browser (apt-get install chromium) and the Python package "
               "(pip install playwright, or the dev extra); never run `playwright install`")


def _unavailable() -> str | None:
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason is not None:
        message = f"browser tests need Chromium and Playwright: {reason}; {ENABLE_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[te.EventStore]:
    with te.open_store(tmp_path_factory.mktemp("store") / "events.db") as opened:
        opened.append(te.read_jsonl(SEED))
        yield opened


@pytest.fixture(scope="module")
def report(store: te.EventStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(store, TAJI, tmp_path_factory.mktemp("report") / "taji.html")


class Page:
    """One open report, with every request and script error it caused."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(message.text)
                if message.type == "error" else None)
        page.goto(url)
        page.wait_for_selector("body[data-ready=true]")

    def rows(self) -> dict[str, dict[str, str]]:
        """The state table: field -> its cells and description."""
        rows: list[dict[str, str]] = self.page.eval_on_selector_all(
            "[data-testid=state-row]",
            """rows => rows.map(row => {
                const cell = id => { const c = row.querySelector(`[data-testid=${id}]`);
                                     return c ? c.textContent.trim() : null; };
                return {field: row.dataset.field, describe: row.dataset.describe,
                        best: cell("best"), interval: cell("interval"), status: cell("status"),
                        breakdown: cell("breakdown"), leading: cell("leading")};
            })""")
        return {row["field"]: row for row in rows}

    def time(self) -> datetime | None:
        """T as the page shows it (None before the first report)."""
        label: str = self.page.inner_text("[data-testid=time-label]")
        text = label.removeprefix("T = ").split(" ")[0]
        return None if text == "before" else datetime.fromisoformat(text.replace("Z", "+00:00"))

    def policy(self) -> str:
        checked: str = self.page.eval_on_selector("input[name=policy]:checked", "input => input.value")
        return checked


@pytest.fixture
def opened(browser: Any, report: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = Page(context.new_page(), report.as_uri())
    yield page
    context.close()
    assert page.errors == []


def expected_rows(store: te.EventStore, at: datetime, policy: str) -> dict[str, dict[str, str]]:
    """The state table as ``believed_at`` says it should read."""
    rows: dict[str, dict[str, str]] = {}
    for field, belief in te.believed_at(store, TAJI, at, policy=policy).beliefs.items():
        row = {"describe": belief.describe(), "status": belief.status}
        if isinstance(belief, Belief):
            row["best"] = "-" if belief.best is None else str(belief.best)
            row["interval"] = "-" if belief.low is None else \
                f"{belief.low}..{'open' if belief.high is None else belief.high}"
            row["breakdown"] = ", ".join(f"{k} {v}" for k, v in belief.breakdown.items()) or "-"
        else:
            assert isinstance(belief, AttributionBelief)
            row["leading"] = "-" if belief.status == "unknown" else \
                f"{belief.leading} ({belief.leading_stance})" if belief.leading else "no actor named"
        rows[field] = row
    return rows


def assert_table(opened: Page, store: te.EventStore, at: datetime, policy: str) -> None:
    shown = opened.rows()
    expected = expected_rows(store, at, policy)
    assert list(shown) == [f for f in shown if f in expected] and set(shown) == set(expected), at
    for field, row in expected.items():
        for key, value in row.items():
            assert shown[field][key] == value, (policy, at, field, key)


# -- the time control --------------------------------------------------------------------------

@pytest.mark.parametrize("policy", ["authority", "range", "conservative", "latest"])
def test_every_moment_of_the_slider_shows_believed_at(opened: Page, store: te.EventStore,
                                                      policy: str) -> None:
    page = opened.page
    page.check(f"[data-testid=policy-{policy}]")
    assert opened.policy() == policy
    slider = page.locator("[data-testid=time-slider]")
    slider.focus()
    page.keyboard.press("Home")
    assert opened.time() is None  # before the first report: nothing is believed
    assert {row["status"] for row in opened.rows().values()} == {"unknown"}
    moments = int(slider.get_attribute("max") or 0)
    assert moments >= 5
    seen = []
    for _ in range(moments):
        page.keyboard.press("ArrowRight")
        at = opened.time()
        assert at is not None
        seen.append(at)
        assert_table(opened, store, at, policy)
    assert seen == sorted(seen) and len(set(seen)) == moments
    assert page.is_disabled("[data-testid=next]")


def test_prev_and_next_step_through_the_moments(opened: Page, store: te.EventStore) -> None:
    page = opened.page
    last = opened.time()
    page.click("[data-testid=prev]")
    earlier = opened.time()
    assert earlier is not None and last is not None and earlier < last
    assert_table(opened, store, earlier, "authority")
    page.click("[data-testid=next]")
    assert opened.time() == last


@pytest.mark.parametrize("at", ["2020-03-11T22:21:00Z", "2020-03-11T22:20:59.999Z",
                                "2020-03-11T22:30:00Z", "2020-03-11T23:30:00Z",
                                "2020-03-12T06:00:00Z", "2020-03-13T00:00:00Z",
                                "2020-03-14T12:00:00Z", "2020-03-11T12:00:00Z"])
def test_any_time_t_shows_the_latest_moment_at_or_before_it(opened: Page, store: te.EventStore,
                                                           at: str) -> None:
    when = datetime.fromisoformat(at.replace("Z", "+00:00"))
    for policy in ("authority", "range"):
        opened.page.evaluate("([policy, at]) => { tajiReport.setPolicy(policy); "
                             "tajiReport.setTime(at); }", [policy, at])
        assert_table(opened, store, when, policy)


def test_known_seed_values_are_shown(opened: Page) -> None:
    page = opened.page
    page.evaluate("tajiReport.setTime('2020-03-13T00:00:00Z')")
    killed = opened.rows()["killed"]
    assert killed["describe"] == "3 (3..3) confirmed [GB 1, US 2]"
    assert (killed["best"], killed["interval"], killed["status"], killed["breakdown"]) == \
        ("3", "3..3", "confirmed", "GB 1, US 2")
    page.check("[data-testid=policy-range]")
    page.evaluate("tajiReport.setTime('2020-03-14T12:00:00Z')")  # the end of 13 March everywhere
    assert opened.rows()["rockets_fired"]["describe"] == "18 (15..30) disputed"


# -- the policy switch -------------------------------------------------------------------------

def test_switching_policy_changes_the_table_and_the_charts(opened: Page, store: te.EventStore) -> None:
    page = opened.page
    at = opened.time()
    assert at is not None and opened.policy() == "authority"
    authority = opened.rows()["rockets_fired"]["describe"]
    disputed = "[data-testid=chart][data-field=rockets_fired] [data-testid=disputed]"
    assert page.locator(disputed).count() == 0
    page.click("label:has([data-testid=policy-range])")
    assert opened.policy() == "range"
    ranged = opened.rows()["rockets_fired"]["describe"]
    assert ranged != authority
    assert ranged == te.believed_at(store, TAJI, at, policy="range")["rockets_fired"].describe()
    assert_table(opened, store, at, "range")
    # one hatched column per moment at which the range belief is disputed
    moments = page.evaluate("tajiReport.data.positions.slice(1).map(p => p.at)")
    expected = sum(te.believed_at(store, TAJI, moment, policy="range")["rockets_fired"].status
                   == "disputed" for moment in moments)
    assert expected > 0 and page.locator(disputed).count() == expected
    assert opened.time() == at  # T is kept


# -- markers and their evidence ----------------------------------------------------------------

def _quotes(store: te.EventStore, field: str) -> dict[str, te.Claim]:
    return {claim.evidence.quote: claim
            for record in store.read(incident=TAJI) if isinstance(record.event, ReportPublished)
            for claim in record.event.claims if claim.incident == TAJI and claim.field == field}


def test_hovering_and_clicking_a_marker_shows_who_said_it(opened: Page, store: te.EventStore) -> None:
    page = opened.page
    quotes = _quotes(store, "killed")
    markers = page.locator("[data-testid=chart][data-field=killed] [data-testid=marker]")
    assert markers.count() == len(quotes)
    markers.nth(0).hover()
    first = page.inner_text("[data-testid=detail-quote]")
    assert first in quotes
    claim = quotes[first]
    facts = page.inner_text("[data-testid=detail-facts]")
    assert f"{claim.according_to.name} ({claim.according_to.kind})" in facts
    assert claim.hedge in facts
    markers.nth(markers.count() - 1).click()
    last = page.inner_text("[data-testid=detail-quote]")
    assert last in quotes and last != first
    published = page.inner_text("[data-testid=detail-published]")
    assert "2020-03-1" in published
    page.mouse.move(0, 0)
    assert page.inner_text("[data-testid=detail-quote]") == last  # a click keeps it


def test_a_marker_works_from_the_keyboard(opened: Page, store: te.EventStore) -> None:
    page = opened.page
    marker = page.locator("[data-testid=chart][data-field=rockets_fired] [data-testid=marker]").first
    marker.focus()
    page.keyboard.press("Enter")
    assert page.inner_text("[data-testid=detail-quote]") in _quotes(store, "rockets_fired")
    assert marker.get_attribute("aria-label")


def test_attribution_matrix_lists_actor_stance_and_asserter(opened: Page, store: te.EventStore) -> None:
    page = opened.page
    final = te.believed_at(store, TAJI, "2030-01-01")["attribution"]
    assert isinstance(final, AttributionBelief)
    rows = page.locator("[data-testid=attribution-matrix] [data-testid=matrix-row]")
    shown = {(row.get_attribute("data-actor"), row.get_attribute("data-stance"))
             for row in rows.all()}
    expected = {(actor.actor, view.stance) for actor in final.actors for view in actor.stances}
    assert expected and expected | {(None, "no_claim")} == shown
    actor = final.actors[0]
    row = page.locator(f'[data-testid=matrix-row][data-actor="{actor.actor}"]'
                       f'[data-stance="{actor.stances[0].stance}"]')
    last_cell = row.locator("td").last.inner_text()
    for who in actor.stances[0].asserted_by:
        assert who in last_cell


def test_every_claim_table_lists_each_claim_once(opened: Page, store: te.EventStore) -> None:
    page = opened.page
    assert page.locator("[data-testid=claim-row]").count() == 0  # drawn only when opened
    page.click("[data-testid=claims-details] summary")
    # The details element's toggle event fires after the click returns: wait for the rows.
    page.wait_for_selector("[data-testid=claim-row]")
    rows = page.locator("[data-testid=claim-row]")
    shown = [(cells[3], cells[-1].strip("\u201c\u201d"))
             for cells in (row.locator("td").all_inner_texts() for row in rows.all())]
    everything = {(claim.field, quote)
                  for field in page.evaluate("tajiReport.data.fields.map(f => f.name)")
                  for quote, claim in _quotes(store, field).items()}
    assert set(shown) == everything
    assert rows.count() == page.evaluate("tajiReport.data.claims.length")
    rows.nth(3).click()
    assert page.inner_text("[data-testid=detail-quote]") == shown[3][1]
    page.click("[data-testid=prev]")  # the open table follows T
    assert rows.count() == len(shown)


# -- the page as a whole -----------------------------------------------------------------------

def _png_colours(png: bytes) -> int:
    """Distinct RGB(A) colours in an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    previous = bytearray(stride)
    colours: set[bytes] = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc
                                      else corner)) & 0xFF
        colours.update(bytes(line[i:i + size]) for i in range(0, stride, size * 3))
        previous = line
    return len(colours)


def test_the_charts_are_drawn(opened: Page) -> None:
    page = opened.page
    figures = page.locator("[data-testid=chart]")
    assert figures.count() >= 4
    killed = page.locator("[data-testid=chart][data-field=killed]")
    assert killed.locator("[data-testid=band]").count() >= 5
    shot = killed.screenshot()
    assert _png_colours(shot) > 20  # bands, markers in several colours, text, hatching


def test_the_page_makes_no_network_request(browser: Any, report: Path) -> None:
    context = browser.new_context()
    page = Page(context.new_page(), report.as_uri())
    page.page.check("[data-testid=policy-conservative]")
    page.page.click("[data-testid=prev]")
    page.page.locator("[data-testid=marker]").first.click()
    page.page.wait_for_timeout(200)
    # a fetch the page was never meant to make is refused by its own security policy
    refused = page.page.evaluate("""() => fetch('https://example.org/').then(() => false,
                                                                     () => true)""")
    context.close()
    assert refused is True
    assert [url for url in page.requests if not url.startswith("https://example.org")] == [page.url]
    assert [error for error in page.errors if "example.org" not in error
            and "Content Security Policy" not in error] == []


def test_an_incident_without_reports_renders(browser: Any, tmp_path: Path) -> None:
    """A store with only a declaration: nothing published yet, still a working page."""
    store = te.open_store()
    store.append([te.IncidentDeclared(incident_id="quiet-2021", title="Quiet", place="Nowhere",
                                      occurred_at=datetime(2021, 1, 1, tzinfo=UTC))])
    path = write_report(store, "quiet-2021", tmp_path / "quiet.html")
    context = browser.new_context()
    page = Page(context.new_page(), path.as_uri())
    rows = page.rows()
    assert page.time() is None and page.page.is_disabled("[data-testid=next]")
    context.close()
    assert page.errors == []
    assert set(rows) == set(KNOWN_FIELDS) and {r["status"] for r in rows.values()} == {"unknown"}


def test_quoted_text_is_shown_as_text_never_run(browser: Any, tmp_path: Path) -> None:
    hostile = '<img src=x onerror="window.ran=1"></script><script>window.ran=2</script>'
    text = f"Officials said {hostile}"
    start = text.index(hostile)
    store = te.open_store()
    store.append([te.IncidentDeclared(incident_id="odd-2021", title="<b>Odd</b>", place="Here",
                                      occurred_at=datetime(2021, 1, 1, tzinfo=UTC)),
                  ReportPublished(
                      report_id="r", revision=0, source=te.Source("<i>Outlet</i>", "news_outlet"),
                      published_at=te.TimePoint.parse("2021-01-02T10:00Z"), text=text,
                      claims=[te.Claim(incident="odd-2021", field="killed", value=te.Count.exact(4),
                                       according_to=te.Speaker('"><svg onload=x>', "unattributed"),
                                       evidence=te.Evidence(start, len(text), hostile))])])
    path = write_report(store, "odd-2021", tmp_path / "odd.html")
    context = browser.new_context()
    page = Page(context.new_page(), path.as_uri())
    page.page.locator("[data-testid=marker]").first.click()
    quote = page.page.inner_text("[data-testid=detail-quote]")
    speaker = page.page.inner_text("[data-testid=detail-according]")
    ran = page.page.evaluate("window.ran === undefined")
    title = page.page.inner_text("h1")
    context.close()
    assert (quote, title, ran) == (hostile, "<b>Odd</b>", True)
    assert speaker == '"><svg onload=x> (unattributed)'
    assert page.requests == [page.url]
