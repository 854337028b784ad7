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
import random
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from builders import TAJI
from report_model import library

import taji_events as te
from taji_events.beliefs import AttributionBelief, Belief
from taji_events.events import ReportPublished
from taji_events.model import KNOWN_FIELDS
from taji_events.report import report_data, write_report

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
        text: str = self.page.get_attribute("[data-testid=time-label]", "data-at") or ""
        return None if not text else datetime.fromisoformat(text.replace("Z", "+00:00"))

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
    # hatched stretches cover exactly the moments at which the range belief is disputed
    moments = page.evaluate("tajiReport.data.positions.map(p => p.at)")
    expected = {position for position, moment in enumerate(moments) if moment is not None
                and te.believed_at(store, TAJI, moment, policy="range")["rockets_fired"].status
                == "disputed"}
    covered = {position for stretch in page.locator(disputed).all()
               for position in range(int(stretch.get_attribute("data-from") or 0),
                                     int(stretch.get_attribute("data-to") or 0))}
    assert expected and covered == expected
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
    drawn = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid=chart][data-field=killed] [data-testid=marker]')].flatMap(
        m => (m.dataset.claims || m.dataset.claim).split(',').map(
            id => tajiReport.claims[Number(id)].quote))""")
    # every claim drawn, each once
    assert set(drawn) == set(quotes)
    assert len(drawn) == page.evaluate("tajiReport.claims.filter(c => c.field === 'killed').length")
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
    assert rows.count() == page.evaluate("tajiReport.claims.length")
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
    # one band piece per change of the figures while known (wide apart on this chart)
    changes = page.evaluate("tajiReport.data.beliefs.authority.killed.v.filter(v => v[2] !== null).length")
    assert changes >= 1 and killed.locator("[data-testid=band]").count() == changes
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


# -- the reasons, as the page derives them -----------------------------------------------------

def test_the_claims_behind_each_belief_are_believed_at_s(opened: Page, store: te.EventStore) -> None:
    """The page derives supporting and contradicting claims from the figure and the
    claim intervals: at every moment and under every policy they, the chosen claim
    and the claims set aside are believed_at's."""
    data = report_data(store, TAJI)
    page = opened.page
    for policy in te.POLICIES:
        page.evaluate("policy => tajiReport.setPolicy(policy)", policy)
        for position, entry in enumerate(data["positions"]):
            if entry["at"] is None:
                continue
            at = datetime.fromisoformat(entry["at"].replace("Z", "+00:00"))
            expected = library(data, te.believed_at(store, TAJI, at, policy=policy))
            for field, belief in expected.items():
                got = page.evaluate("([f, p]) => tajiReport.belief(f, p)", [field, position])
                assert got["status"] == belief["status"], (policy, position, field)
                assert got["chosen"] == belief["chosen"], (policy, position, field)
                for key in ("supporting", "contradicting", "no_claim"):
                    assert sorted(set(got[key])) == belief.get(key, []), (policy, position, field, key)
                assert sorted({aside["ref"] for aside in got["set_aside"]}) == belief["set_aside"]


# -- the time axis -----------------------------------------------------------------------------

def test_the_time_axis_is_proportional_with_breaks_for_long_gaps(opened: Page) -> None:
    axis = opened.page.evaluate("tajiReport.axis")
    times = opened.page.evaluate("tajiReport.data.positions.map(p => p.at_ms)")
    xs, breaks = axis["xs"], axis["breaks"]
    moments = len(times) - 1
    assert xs == sorted(xs)
    # the seed moments span 2.6 days; the two day-long gaps before the date-only
    # reports are more than a fifth of it: drawn as breaks, the rest to scale
    broken = {gap["from"] for gap in breaks}
    assert len(breaks) == 2 and broken == {moments - 2, moments - 1}
    scale = {round((xs[i + 1] - xs[i]) / (times[i + 1] - times[i]), 9)
             for i in range(1, moments) if i not in broken}
    assert len(scale) == 1  # pixels per millisecond: the same for every gap drawn to scale
    assert opened.page.locator("[data-testid=chart][data-field=killed] "
                               "[data-testid=axis-break]").count() == 2


def test_clicking_a_chart_moves_t_to_the_moment_drawn_there(opened: Page) -> None:
    page = opened.page
    plot = page.locator("[data-testid=chart][data-field=killed] rect.plot")
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    assert page.evaluate("tajiReport.position()") == 0
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    assert page.evaluate("tajiReport.position()") == page.evaluate(
        "tajiReport.data.positions.length - 1")


def test_the_attribution_matrix_stays_inside_its_panel_on_a_narrow_screen(
        browser: Any, report: Path) -> None:
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = Page(context.new_page(), report.as_uri())
    sizes = page.page.evaluate("""() => {
        const panel = document.querySelector('[data-testid=matrix-panel]');
        const section = document.querySelector('section.attribution');
        const table = panel.querySelector('table');
        return {panel: panel.getBoundingClientRect().right,
                section: section.getBoundingClientRect().right,
                table: table.getBoundingClientRect().width, width: panel.clientWidth,
                scrolls: getComputedStyle(panel).overflowX,
                page: document.documentElement.clientWidth,
                wide: document.documentElement.scrollWidth};
    }""")
    context.close()
    assert page.errors == []
    assert sizes["table"] > sizes["width"]  # too wide to fit at 420 px ...
    assert sizes["scrolls"] == "auto"  # ... so it scrolls inside its panel,
    assert sizes["panel"] <= sizes["section"] <= sizes["page"]  # which stays on the page
    assert sizes["wide"] <= sizes["page"]  # and the page itself never scrolls sideways


# -- a large incident --------------------------------------------------------------------------

def _large_incident(reports: int) -> list[te.Event]:
    """One incident with ``reports`` reports of 2-4 claims each, some revised and
    some retracted, one a minute with a long quiet gap half way."""
    rng = random.Random(reports)
    start = datetime(2021, 5, 1, tzinfo=UTC)
    events: list[te.Event] = [te.IncidentDeclared(
        incident_id="big-2021", title="A long story", place="Somewhere",
        occurred_at=te.TimePoint.instant(start))]
    fields = ("killed", "wounded", "rockets_fired", "attribution")
    for number in range(reports):
        moment = start + timedelta(minutes=number + (6000 if number > reports // 2 else 0))
        for revision in range(2 if number % 7 == 0 else 1):
            claims = []
            for _ in range(rng.randint(2, 4)):
                field = rng.choice(fields)
                actor = rng.choice(("Group A", "Group B", None))
                value: te.Count | te.Attribution = (
                    te.Count.exact(rng.randint(0, 60)) if field != "attribution"
                    else te.Attribution(actor, "accused") if actor else te.Attribution(None, "no_claim"))
                quote = f"{field} said {rng.randint(0, 99)}"
                claims.append(te.Claim(incident="big-2021", field=field, value=value,
                                       according_to=te.Speaker("someone", rng.choice(
                                           ("wire", "news_outlet", "official_anonymous"))),
                                       hedge=rng.choice(("reported", "confirmed", "initial")),
                                       evidence=te.Evidence(0, len(quote), quote)))
            events.append(ReportPublished(
                report_id=f"r{number}", revision=revision, source=te.Source("Outlet", "news_outlet"),
                published_at=te.TimePoint.instant(moment + timedelta(minutes=30 * revision)),
                claims=claims))
        if number % 97 == 0:
            events.append(te.ReportRetracted(report_id=f"r{number}",
                                             at=te.TimePoint.instant(moment + timedelta(hours=3))))
    return events


def test_a_ten_thousand_report_incident_opens(browser: Any, tmp_path: Path) -> None:
    store = te.open_store()
    store.append(_large_incident(10_000))
    path = write_report(store, "big-2021", tmp_path / "big.html", policies=["authority"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = Page(context.new_page(), path.as_uri())
    try:
        figure = page.page.locator("[data-testid=chart][data-field=killed]")
        assert figure.is_visible()
        # markers that would overlap are drawn as one: the chart stays small
        drawn = figure.locator("[data-testid=marker]").count()
        claims = page.page.evaluate("tajiReport.claims.filter(c => c.field === 'killed').length")
        assert 0 < drawn < claims / 3
        assert figure.locator("[data-testid=axis-break]").count() == 1  # the quiet gap
        slider = page.page.locator("[data-testid=time-slider]")
        last = int(slider.get_attribute("max") or 0)
        assert last > 10_000
        slider.focus()
        page.page.keyboard.press("Home")
        page.page.keyboard.press("ArrowRight")
        assert page.page.evaluate("tajiReport.position()") == 1
        middle = last // 2
        page.page.evaluate("p => tajiReport.setPosition(p)", middle)
        at = page.time()
        assert at is not None
        expected = te.believed_at(store, "big-2021", at, policy="authority")["killed"].describe()
        assert page.rows()["killed"]["describe"] == expected
        assert figure.locator("[data-testid=band]").count() > 0
    finally:
        context.close()
    assert page.errors == []


# -- what a moment is, the labelled axis, fields nobody claims ---------------------------------

def _open(browser: Any, store: te.EventStore, incident: str, path: Path) -> tuple[Any, Page]:
    write_report(store, incident, path)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context, Page(context.new_page(), path.as_uri())


def _killed(report_id: str, killed: int, published: str) -> ReportPublished:
    quote = f"{killed} killed"
    return ReportPublished(
        report_id=report_id, revision=0, source=te.Source("Reuters", "wire"),
        published_at=te.TimePoint.parse(published),
        claims=[te.Claim(incident="blast-2026", field="killed", value=te.Count.exact(killed),
                         according_to=te.Speaker("police", "official_on_record"),
                         evidence=te.Evidence(0, len(quote), quote))])


def _store_of(*published: str) -> te.EventStore:
    store = te.open_store()
    store.append([te.IncidentDeclared(incident_id="blast-2026", title="Car bomb", place="Kirkuk",
                                      occurred_at=te.TimePoint.parse("2026-01-01"))])
    store.append([_killed(f"r{number}", number + 1, when) for number, when in enumerate(published)])
    return store


def test_t_shows_what_was_published_and_when_it_became_possible_and_certain(
        browser: Any, tmp_path: Path) -> None:
    store = _store_of("2026-01-01T10:00Z", "2026-03-01T18:45Z")
    context, page = _open(browser, store, "blast-2026", tmp_path / "two.html")
    try:
        label = page.page.inner_text("[data-testid=time-label]")
        caption = page.page.inner_text("[data-testid=state-caption]")
        change = te.timeline(store, "blast-2026")[-1]
        for text in (label, caption):
            # the publication as what it is (a minute), never the end of that minute as if
            # it were the publication time; and the window, as `taji-events timeline` says it
            assert "published 2026-03-01T18:45Z (minute, UTC)" in text
            assert (f"possible from {change.possible_from:%Y-%m-%dT%H:%M:%SZ}, certain by "
                    f"{change.certain_by:%Y-%m-%dT%H:%M:%SZ}") in text
            assert "possible from 2026-03-01T18:45:00Z, certain by 2026-03-01T18:46:00Z" in text
        page.page.evaluate("tajiReport.setPosition(0)")
        assert page.page.inner_text("[data-testid=time-label]") == "T = before the first report"
    finally:
        context.close()
    assert page.errors == []


def _check_axis(page: Page) -> dict[str, Any]:
    """The axis rules a reader relies on; returns the axis."""
    axis: dict[str, Any] = page.page.evaluate("tajiReport.axis")
    xs, labels, segments = axis["xs"], axis["labels"], axis["segments"]
    last = len(xs) - 2
    # never a break at an end: moments drawn on both sides of each
    for gap in axis["breaks"]:
        assert xs[1] < gap["x"] and gap["x"] + gap["width"] < xs[last], gap
    # the first and the last moment are labelled, and every moment is inside the labels
    assert {1, last} <= {mark["pos"] for mark in labels if mark["kind"] == "moment"}
    points = [mark["x"] for mark in labels]
    assert min(points) <= xs[1] and xs[last] <= max(points)
    # each segment carries a label, and no two labels overlap
    for segment in segments:
        assert any(segment["x"] <= mark["x"] <= segment["x"] + segment["width"] for mark in labels)
    spans = sorted((mark["x0"], mark["x0"] + mark["width"]) for mark in labels)
    assert all(end <= start for (_, end), (start, _) in pairwise(spans))
    drawn = page.page.locator("[data-testid=chart][data-field=killed] [data-testid=axis-label]")
    assert drawn.all_text_contents() == [mark["text"] for mark in labels]
    return axis


def test_two_far_apart_moments_get_a_labelled_axis_without_breaks(browser: Any, tmp_path: Path) -> None:
    store = _store_of("2026-01-01T10:00Z", "2026-03-01T18:45Z")
    context, page = _open(browser, store, "blast-2026", tmp_path / "two.html")
    try:
        axis = _check_axis(page)
        assert axis["breaks"] == []
        ticks = [mark["text"] for mark in axis["labels"] if mark["kind"] == "tick"]
        assert len(ticks) >= 2 and all(len(text) == 5 for text in ticks)  # round days, "MM-DD"
    finally:
        context.close()
    assert page.errors == []


@pytest.mark.parametrize("published", [
    # a lone report, the story a few days later, a lone late one: breaks near both ends
    ["2026-01-01T10:00Z", "2026-01-20T10:00Z", "2026-01-20T11:00Z", "2026-01-20T13:30Z",
     "2026-03-01T08:00Z"],
    # the story, then a date-only report far later
    ["2026-01-01T10:00Z", "2026-01-05T10:00Z", "2026-01-05T11:00Z", "2026-02-20"],
    # everything at one instant
    ["2026-01-01T10:00Z", "2026-01-01T10:00Z"],
], ids=["lone-story-lone", "story-then-late", "one-instant"])
def test_the_axis_labels_every_segment_and_breaks_only_inside(
        browser: Any, tmp_path: Path, published: list[str]) -> None:
    context, page = _open(browser, _store_of(*published), "blast-2026", tmp_path / "axis.html")
    try:
        _check_axis(page)
    finally:
        context.close()
    assert page.errors == []


def test_the_seed_axis_labels_its_late_moments(opened: Page) -> None:
    axis = _check_axis(opened)
    labelled = {mark["pos"] for mark in axis["labels"]}
    late = {gap["to"] for gap in axis["breaks"]}
    assert late and late <= labelled  # each moment after a break has its own label


def test_a_field_nobody_claims_is_one_line_not_an_empty_chart(browser: Any, tmp_path: Path) -> None:
    context, page = _open(browser, _store_of("2026-01-01T10:00Z"), "blast-2026",
                          tmp_path / "bomb.html")
    try:
        lines = page.page.locator("[data-testid=unclaimed]")
        assert {node.get_attribute("data-field") for node in lines.all()} == {
            "wounded", "rockets_fired", "rockets_impacted", "attribution"}
        fired = page.page.locator("[data-testid=unclaimed][data-field=rockets_fired]")
        assert fired.inner_text().startswith("no claim about rockets_fired")
        assert page.page.locator("[data-testid=chart][data-field=rockets_fired]").count() == 0
        assert page.page.locator("[data-testid=chart][data-field=killed]").count() == 1
        assert page.page.locator("[data-testid=attribution-matrix]").count() == 0
        assert page.rows()["rockets_fired"]["status"] == "unknown"  # still in the state table
    finally:
        context.close()
    assert page.errors == []


def test_the_seed_fields_are_all_claimed_and_charted(opened: Page) -> None:
    assert opened.page.locator("[data-testid=unclaimed]").count() == 0
    assert opened.page.locator("[data-testid=chart][data-field=rockets_fired]").count() == 1
