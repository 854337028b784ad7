"""Gold files and scoring: the shipped gold, the targets on the seeds and the devset, the report."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

import taji_events as te
from taji_events.extract import GoldFormatError
from taji_events.extract.evaluate import CORE_FIELDS, evaluate, names_agree
from taji_events.extract.gold import dump_gold, from_events, load_gold, parse_gold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEVSET = ROOT / "devset"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def test_shipped_seed_gold_is_the_conversion_of_the_curated_annotation() -> None:
    events = te.read_jsonl(SEEDS / "taji-2020-03-11.jsonl")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    assert dump_gold(from_events(events, texts)) == (SEEDS / "gold.json").read_bytes()


def test_gold_evidence_points_into_the_article_texts() -> None:
    for folder in (SEEDS, DEVSET, DEVSET / "holdout"):
        gold = load_gold(folder / "gold.json")
        for article in gold.articles:
            text = (folder / f"{article.id}.txt").read_text(encoding="utf-8")
            for claim in article.claims:
                assert claim.evidence_start is not None
                start = claim.evidence_start
                assert text[start:start + len(claim.evidence_quote)] == claim.evidence_quote


def test_gold_round_trips() -> None:
    gold = load_gold(DEVSET / "gold.json")
    assert parse_gold(orjson.loads(dump_gold(gold))) == gold


@pytest.mark.parametrize(("folder", "numeric_precision", "numeric_recall", "attribution_f1"), [
    (SEEDS, 0.95, 0.90, 0.80),     # the targets
    (DEVSET, 0.95, 0.90, 0.80),    # the same bar on texts written apart from the seeds
])
def test_targets(folder: Path, numeric_precision: float, numeric_recall: float,
                 attribution_f1: float) -> None:
    result = evaluate(load_gold(folder / "gold.json"), folder)
    numeric = result.score(CORE_FIELDS)
    assert numeric.precision >= numeric_precision
    assert numeric.recall >= numeric_recall
    assert result.score(["attribution"]).f1 >= attribution_f1


def test_report_lists_scores_misses_and_false_claims_with_spans() -> None:
    result = evaluate(load_gold(FIXTURES / "gold.json"), FIXTURES)
    report = result.report()
    assert "killed" in report and "overall" in report
    assert result.score(["killed"]).f1 == 1.0
    assert "misses (in gold, not extracted): 1" in report
    assert "wounded 8..8 exact by 'the army': “wounding seven others”" in report
    assert "attackers_killed 3..3 exact by 'Officials': “3 of the attackers were killed” @179..209" in report
    assert "false claims (extracted, not in gold): 2" in report
    assert "wounded 7..7 exact" in report and "attackers_killed 3..3 exact" in report
    wounded = result.score(["wounded"])
    assert (wounded.gold, wounded.extracted, wounded.matched) == (1, 1, 0)


def test_names_agree() -> None:
    assert names_agree("Popular Mobilization Units", "PMU")
    assert names_agree(None, None) and not names_agree(None, "Taliban")
    assert names_agree("two U.S. officials", "two U.S. officials (via Reuters)", subset=True)
    assert not names_agree("Iraqi military", "two U.S. officials", subset=True)


@pytest.mark.parametrize(("data", "message"), [
    ([], "must be a JSON object"),
    ({"incidents": {}}, "missing key 'articles'"),
    ({"articles": [{"id": "a"}]}, r"articles\[0\]: missing key 'claims'"),
    ({"articles": [{"id": "a", "incident": "i", "outlet": "o", "published": "2020", "claims": [
        {"incident": "i", "field": "killed", "low": 1, "high": 1, "qualifier": "roughly"}]}]},
     r"claims\[0\]: qualifier 'roughly' is not one of"),
    ({"articles": [{"id": "a", "incident": "i", "outlet": "o", "published": "2020", "claims": [
        {"incident": "i", "field": "attribution", "low": None, "high": None}]}]},
     "needs a 'stance'"),
])
def test_bad_gold_is_reported_with_its_place(data: object, message: str) -> None:
    with pytest.raises(GoldFormatError, match=message):
        parse_gold(data, name="g.json")


def test_unreadable_gold_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=f"{bad}: not valid JSON"):
        load_gold(bad)
    with pytest.raises(GoldFormatError, match="cannot read gold file"):
        load_gold(tmp_path / "missing.json")
