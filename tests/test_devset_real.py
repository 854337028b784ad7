"""The real-article development set: texts as annotated, evidence at its offsets, claims well-formed."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import orjson
import pytest

from taji_events.model import HEDGES, SPEAKER_KINDS, STANCES

REAL = Path(__file__).resolve().parent.parent / "devset" / "real"
GOLD: dict[str, Any] = orjson.loads((REAL / "gold.json").read_bytes())
ARTICLES: list[dict[str, Any]] = GOLD["articles"]
INCIDENTS: dict[str, dict[str, Any]] = GOLD["incidents"]
QUALIFIERS = {"exact", "at least", "more than", "about", "up to", "fewer than", "none"}
COUNT_FIELD = re.compile(
    r"^(killed|wounded|attackers_killed|(rockets|missiles|drones|mortars)_(fired|impacted|intercepted))$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INCIDENT_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?(/\d{4}-\d{2}(-\d{2})?)?$")


def _claims() -> list[tuple[str, int, dict[str, Any]]]:
    return [(article["id"], number, claim) for article in ARTICLES
            for number, claim in enumerate(article["claims"])]


def _is_day(text: str) -> bool:
    return bool(DAY.match(text)) and date.fromisoformat(text) is not None


def test_every_text_has_one_gold_article_and_every_article_one_text() -> None:
    ids = [article["id"] for article in ARTICLES]
    assert len(ids) == len(set(ids))
    assert {path.stem for path in REAL.glob("*.txt")} == set(ids)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article["id"])
def test_text_bytes_are_the_annotated_ones(article: dict[str, Any]) -> None:
    raw = (REAL / f"{article['id']}.txt").read_bytes()
    raw.decode("utf-8")
    assert hashlib.sha256(raw).hexdigest() == article["sha256"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article["id"])
def test_every_evidence_quote_is_at_its_offsets(article: dict[str, Any]) -> None:
    text = (REAL / f"{article['id']}.txt").read_text(encoding="utf-8")
    for claim in article["claims"]:
        evidence = claim["evidence"]
        assert evidence["quote"]
        assert evidence["end"] - evidence["start"] == len(evidence["quote"])
        assert text[evidence["start"]:evidence["end"]] == evidence["quote"], claim


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article["id"])
def test_article_metadata_is_complete(article: dict[str, Any]) -> None:
    assert article["url"].startswith(("http://", "https://"))
    assert article["outlet"] and article["retrieval_query"]
    assert article["incident"] in INCIDENTS
    assert article["published"] is None or _is_day(article["published"])
    assert "url_date" not in article or _is_day(article["url_date"])
    assert article.get("held_out", False) in (True, False)
    assert re.match(r"^[a-z]{2}$", article["language"])


@pytest.mark.parametrize(("article_id", "number", "claim"), _claims(),
                         ids=[f"{a}-{n}" for a, n, _ in _claims()])
def test_every_claim_is_well_formed(article_id: str, number: int, claim: dict[str, Any]) -> None:
    assert claim["incident"] in INCIDENTS
    assert claim["according_to"]
    assert claim["speaker_kind"] in SPEAKER_KINDS
    assert claim["hedge"] in HEDGES
    assert "scope" not in claim or (isinstance(claim["scope"], str) and claim["scope"])
    assert "note" not in claim or (isinstance(claim["note"], str) and claim["note"])
    if claim["field"] == "attribution":
        assert claim["low"] is None and claim["high"] is None and claim["qualifier"] is None
        assert claim["stance"] in STANCES
        assert (claim["actor"] is None) == (claim["stance"] == "no_claim")
        return
    assert COUNT_FIELD.match(claim["field"])
    low, high, qualifier = claim["low"], claim["high"], claim["qualifier"]
    assert qualifier in QUALIFIERS
    assert isinstance(low, int) and low >= 0
    assert high is None or (isinstance(high, int) and high >= low)
    if qualifier == "exact":
        assert high == low
    elif qualifier == "none":
        assert (low, high) == (0, 0)
    elif qualifier in ("at least", "more than"):
        assert high is None
    elif qualifier in ("up to", "fewer than"):
        assert low == 0 and high is not None
    else:
        assert high is not None and high > low
    breakdown = claim.get("breakdown", {})
    assert all(isinstance(value, int) and value > 0 for value in breakdown.values())
    if breakdown and qualifier == "exact":
        assert sum(breakdown.values()) == low


def test_incidents_are_dated_zoned_and_used() -> None:
    zones = available_timezones()
    used = {article["incident"] for article in ARTICLES}
    used |= {claim["incident"] for article in ARTICLES for claim in article["claims"]}
    assert set(INCIDENTS) == used
    for incident_id, incident in INCIDENTS.items():
        assert incident["place"] and incident["description"], incident_id
        assert INCIDENT_DATE.match(incident["date"]), incident_id
        if "zone" in incident:
            assert incident["zone"] in zones
            ZoneInfo(incident["zone"])


def test_the_readme_lists_exactly_the_held_out_articles() -> None:
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Held-out articles", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z0-9_]+)`", section))
    held_out = {article["id"] for article in ARTICLES if article.get("held_out")}
    assert listed == held_out
    assert len(held_out) == 10
    assert sum(1 for article in ARTICLES if article.get("held_out") and article["language"] != "en") >= 2


def test_the_set_has_the_size_and_spread_it_promises() -> None:
    languages = {article["language"] for article in ARTICLES}
    assert len(ARTICLES) >= 40
    assert sum(1 for article in ARTICLES if article["language"] != "en") >= 8
    assert len(languages - {"en"}) >= 5
    assert all(article["claims"] for article in ARTICLES)
    recalled = [claim for article in ARTICLES for claim in article["claims"]
                if claim["incident"] != article["incident"]]
    assert recalled, "recalled incidents carry their own claims"
