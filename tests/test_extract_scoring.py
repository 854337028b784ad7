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


def _real_style_gold(tmp_path: Path, text: str, claims: list[dict[str, object]],
                     **article: object) -> Path:
    (tmp_path / "a1.txt").write_text(text, encoding="utf-8")
    data = {"incidents": {
        "kestrel-2021-06-05": {"place": "Kestrel outpost, Freedonia", "date": "2021-06-05",
                               "zone": "Africa/Lagos", "description": "d"},
        "kestrel-2021-06-02": {"place": "Kestrel outpost, Freedonia", "date": "2021-06-02",
                               "description": "d"}},
        "articles": [{"id": "a1", "incident": "kestrel-2021-06-05", "outlet": "Example Wire",
                      "published": None, "url_date": "2021-06-05", "claims": claims, **article}]}
    path = tmp_path / "gold.json"
    path.write_bytes(orjson.dumps(data))
    return path


def _claim(incident: str, field: str, low: int, quote: str, **extra: object) -> dict[str, object]:
    return {"incident": incident, "field": field, "low": low, "high": low, "qualifier": "exact",
            "according_to": "the army", "evidence": quote, **extra}


def test_real_gold_unknown_dates_scopes_notes_and_recalled_incidents(tmp_path: Path) -> None:
    text = ("Rockets hit the outpost, wounding four soldiers, two of them seriously, the army said. "
            "Wednesday's attack on the outpost killed three soldiers.")
    path = _real_style_gold(tmp_path, text, [
        _claim("kestrel-2021-06-05", "wounded", 4, "wounding four soldiers", note="one statement"),
        _claim("kestrel-2021-06-05", "wounded", 2, "two of them seriously", scope="seriously wounded"),
        _claim("kestrel-2021-06-02", "killed", 3, "killed three soldiers"),
    ], retrieval_query="outpost rockets", sha256=None)
    gold = load_gold(path)
    assert gold.articles[0].published is None and gold.articles[0].url_date == "2021-06-05"
    assert gold.articles[0].claims[1].scope == "seriously wounded"
    assert parse_gold(orjson.loads(dump_gold(gold))) == gold
    result = evaluate(gold, tmp_path)
    assert result.score(["wounded"]).matched == 2 and result.agreement("scope") == (1, 1)
    recalled = result.score(None, about="recalled")
    assert (recalled.gold, recalled.matched) == (1, 1)
    assert result.leaks == 0


def test_a_claim_filed_under_the_wrong_incident_is_a_leak(tmp_path: Path) -> None:
    text = "Four soldiers were wounded. Wednesday's attack on the outpost killed three soldiers."
    # The gold puts the recalled attack on a day no declaration covers, so the extractor's
    # routing to the declared 2 June attack disagrees with it.
    path = _real_style_gold(tmp_path, text, [
        _claim("kestrel-2021-06-05", "wounded", 4, "Four soldiers were wounded"),
        _claim("kestrel-2021-05-30", "killed", 3, "killed three soldiers"),
    ])
    result = evaluate(load_gold(path), tmp_path)
    assert result.leaks == 1
    assert "leaks (claims filed under the wrong incident): 1" in result.report()


def test_a_wrong_incident_claim_without_the_gold_scope_is_still_a_leak(tmp_path: Path) -> None:
    # A leak is matched on field, value and evidence, not scope: the claim routed to the
    # 2 June attack lost the gold's scope too, and the routing error is still reported.
    text = "Four soldiers were wounded. Wednesday's attack on the outpost killed three soldiers."
    path = _real_style_gold(tmp_path, text, [
        _claim("kestrel-2021-06-05", "wounded", 4, "Four soldiers were wounded"),
        _claim("kestrel-2021-05-30", "killed", 3, "killed three soldiers", scope="soldiers"),
    ])
    result = evaluate(load_gold(path), tmp_path)
    assert result.leaks == 1
    (leak,) = [o for o in result.outcomes if o.kind == "leak"]
    assert leak.extracted is not None and leak.gold is not None
    assert (leak.extracted.incident, leak.extracted.scope) == ("kestrel-2021-06-02", None)
    assert (leak.gold.incident, leak.gold.scope) == ("kestrel-2021-05-30", "soldiers")
    # Nothing else changes: it still counts against precision, and matches are as before.
    assert [o.kind for o in result.outcomes].count("false") == 0
    overall = result.score(None, about="all")
    assert (overall.gold, overall.extracted, overall.matched) == (1, 2, 1)
    assert result.score(["wounded"]).matched == 1


def test_a_right_incident_claim_with_a_wrong_scope_is_not_a_leak(tmp_path: Path) -> None:
    # Within the right incident scope still counts: the unscoped figure does not match the
    # scoped gold claim (a miss and a false claim), and it is no leak.
    text = "Four soldiers were wounded. Wednesday's attack on the outpost killed three soldiers."
    path = _real_style_gold(tmp_path, text, [
        _claim("kestrel-2021-06-05", "wounded", 4, "Four soldiers were wounded",
               scope="soldiers at the gate"),
        _claim("kestrel-2021-06-02", "killed", 3, "killed three soldiers"),
    ])
    result = evaluate(load_gold(path), tmp_path)
    assert result.leaks == 0
    kinds = sorted((o.kind, o.gold.field if o.gold else o.extracted.field if o.extracted else "")
                   for o in result.outcomes)
    assert kinds == [("false", "wounded"), ("match", "killed"), ("miss", "wounded")]
    wounded = result.score(["wounded"])
    assert (wounded.gold, wounded.extracted, wounded.matched) == (1, 1, 0)
    assert "leaks (claims filed under the wrong incident): 0" in result.report()


def test_a_changed_text_is_refused_by_its_sha256(tmp_path: Path) -> None:
    path = _real_style_gold(tmp_path, "Four soldiers were wounded.", [], sha256="0" * 64)
    with pytest.raises(te.TajiEventsError, match="sha256 differs"):
        evaluate(load_gold(path), tmp_path)


def test_held_out_articles_are_not_read_unless_asked(tmp_path: Path) -> None:
    path = _real_style_gold(tmp_path, "Four soldiers were wounded.", [], held_out=True)
    (tmp_path / "a1.txt").unlink()  # never opened when excluded
    assert evaluate(load_gold(path), tmp_path).articles == 0
    with pytest.raises(te.TajiEventsError, match="cannot read the text"):
        evaluate(load_gold(path), tmp_path, held_out="only")


@pytest.mark.parametrize(("change", "message"), [
    ({"url_date": "5 June"}, "'url_date' must be a date written YYYY-MM-DD"),
    ({"held_out": "yes"}, "'held_out' must be true or false"),
    ({"sha256": "abc"}, "'sha256' must be 64"),
    ({"zone": "Nowhere/Town"}, "not an IANA zone"),
    ({"published": 20210605}, "'published' must be a time text or null"),
])
def test_bad_real_gold_fields_are_named(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = _real_style_gold(tmp_path, "x", [], **change)
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)


def test_an_empty_scope_is_refused() -> None:
    data = {"articles": [{"id": "a", "incident": "i", "outlet": "o", "published": None, "claims": [
        {"incident": "i", "field": "killed", "low": 1, "high": 1, "scope": " "}]}]}
    with pytest.raises(GoldFormatError, match="'scope' names the subset"):
        parse_gold(data)


def test_breakdowns_agree_whatever_the_gold_spelling_of_a_role(tmp_path: Path) -> None:
    text = "The dead included a policeman and a passer-by, the army said."
    path = _real_style_gold(tmp_path, text, [
        _claim("kestrel-2021-06-05", "killed", 2, "The dead included a policeman and a passer-by",
               breakdown={"policemen": 1, "passers-by": 1}),
    ])
    result = evaluate(load_gold(path), tmp_path)
    assert result.score(["killed"]).matched == 1 and result.agreement("breakdown") == (1, 1)
