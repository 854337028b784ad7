"""Score extraction against a gold set: precision, recall and F1 per field, misses, false claims.

Match rule (the issue's): an extracted claim matches a gold claim when incident,
field and value agree — for counts ``low`` and ``high``; for attribution the
stance and the actor (both none, or sharing a distinctive word: "Iran-backed
Iraqi militias" agrees with "Iranian-supported Iraqi militias"). Each gold claim
matches at most one extracted claim. ``according_to`` and breakdowns are scored
separately, on the matched pairs. By default only claims about each article's
main incident are scored, because the extractor leaves other incidents out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

import attrs

from taji_events.extract.errors import ExtractionError
from taji_events.extract.gold import GoldArticle, GoldClaim, GoldSet, claim_to_gold, qualifier_to_gold
from taji_events.extract.pipeline import extract_events
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon
from taji_events.model import Source

__all__ = ["CORE_FIELDS", "Evaluation", "FieldScore", "Outcome", "evaluate", "names_agree", "score_article"]

#: The documented count fields; "numeric" scores in docs/extraction.md are over these.
CORE_FIELDS: Final = ("killed", "wounded", "rockets_fired", "rockets_impacted")
_STOP: Final = frozenset(
    "the a an and of its their backed supported sponsored aligned linked allied group groups forces "
    "unnamed via to by in on for anonymous unspecified".split()
)


def _words(name: str) -> set[str]:
    flat = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", name).replace(".", "")
    return {word for word in re.findall(r"[a-z0-9]+", flat.lower()) if word not in _STOP}


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def names_agree(a: str | None, b: str | None, *, subset: bool = False) -> bool:
    """Whether two names (actors, speakers) agree: both none, or sharing a distinctive word.

    With ``subset=True`` every distinctive word of the shorter name must occur in
    the longer ("two U.S. officials" agrees with "two U.S. officials (via Reuters)").

    >>> names_agree("Iran-backed Iraqi militias", "Iranian-supported Iraqi militias")
    True
    >>> names_agree("US officials", "Iraqi officials", subset=True)
    False

    Since 0.1.0.
    """
    if a is None or b is None:
        return a is b
    if _acronym_of(a, b) or _acronym_of(b, a):
        return True
    left, right = _words(a), _words(b)
    if not left or not right:
        return a.strip().lower() == b.strip().lower()
    if subset:
        small, large = sorted((left, right), key=len)
        return all(any(_close(word, other) for other in large) for word in small)
    return any(_close(word, other) for word in left for other in right)


def _acronym_of(short: str, long_: str) -> bool:
    """ "PMU" names "Popular Mobilization Units"."""
    letters = re.sub(r"[^A-Z]", "", short.removeprefix("the ").strip())
    if not 2 <= len(letters) <= 6 or len(short.split()) > 2:
        return False
    initials = "".join(word[0] for word in re.findall(r"[A-Z][\w’'-]*", long_))
    return letters in initials and len(long_.split()) > 1


@attrs.frozen
class Outcome:
    """One scored claim: ``match`` (both), ``miss`` (gold only) or ``false`` (extracted only)."""

    article: str
    kind: str
    gold: GoldClaim | None
    extracted: GoldClaim | None

    def describe(self) -> str:
        """One line: article, field, value, speaker, quote and span."""
        claim = self.gold if self.kind == "miss" else self.extracted
        assert claim is not None
        return f"{self.article}  {describe_claim(claim)}"


def describe_claim(claim: GoldClaim) -> str:
    """A gold-form claim in one line, with its quoted evidence and span. Since 0.1.0."""
    if claim.field == "attribution":
        value = f"{claim.stance} {claim.actor or '(no actor)'}"
    else:
        high = "open" if claim.high is None else claim.high
        value = f"{claim.low}..{high} {qualifier_to_gold(claim.qualifier or 'exact')}"
        if claim.breakdown:
            value += " [" + ", ".join(f"{k} {v}" for k, v in sorted(claim.breakdown.items())) + "]"
    span = "" if claim.evidence_start is None else \
        f" @{claim.evidence_start}..{claim.evidence_start + len(claim.evidence_quote)}"
    incident = f"{claim.incident} " if claim.incident else ""
    return f"{incident}{claim.field} {value} by {claim.according_to!r}: “{claim.evidence_quote}”{span}"


@attrs.frozen
class FieldScore:
    """Counts of gold, extracted and matched claims for one field or group."""

    name: str
    gold: int
    extracted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@attrs.frozen
class Evaluation:
    """Every outcome of a run; scores are computed from them. Since 0.1.0."""

    outcomes: tuple[Outcome, ...]
    articles: int

    def score(self, fields: Iterable[str] | None = None, name: str = "overall") -> FieldScore:
        """Precision, recall and F1 over ``fields`` (all when None)."""
        chosen = None if fields is None else set(fields)

        def keep(claim: GoldClaim | None) -> bool:
            return claim is not None and (chosen is None or claim.field in chosen)

        gold = sum(1 for o in self.outcomes if o.kind in ("match", "miss") and keep(o.gold))
        extracted = sum(1 for o in self.outcomes if o.kind in ("match", "false") and keep(o.extracted))
        matched = sum(1 for o in self.outcomes if o.kind == "match" and keep(o.gold))
        return FieldScore(name, gold, extracted, matched)

    def fields(self) -> list[str]:
        """Every field seen in gold or extraction, core fields first."""
        seen = {claim.field for o in self.outcomes for claim in (o.gold, o.extracted) if claim}
        return [f for f in (*CORE_FIELDS, "attribution") if f in seen] + sorted(
            seen - set(CORE_FIELDS) - {"attribution"})

    def agreement(self, what: str) -> tuple[int, int]:
        """``(agreeing, compared)`` matched pairs for ``according_to`` or ``breakdown``."""
        pairs = [(o.gold, o.extracted) for o in self.outcomes if o.kind == "match"]
        if what == "according_to":
            compared = [(g, e) for g, e in pairs if g and e]
            agree = sum(1 for g, e in compared if names_agree(g.according_to, e.according_to, subset=True))
            return agree, len(compared)
        compared = [(g, e) for g, e in pairs if g and e and (g.breakdown or e.breakdown)]
        agree = sum(1 for g, e in compared if dict(g.breakdown) == dict(e.breakdown))
        return agree, len(compared)

    def report(self) -> str:
        """The printed report: a table, agreements, then every miss and false claim."""
        lines = [f"{self.articles} articles; claims about each article's main incident",
                 "", f"{'field':22} {'gold':>5} {'found':>6} {'match':>6} {'precision':>9} "
                 f"{'recall':>7} {'F1':>6}"]
        rows = [self.score([field], field) for field in self.fields()]
        counts = [f for f in self.fields() if f != "attribution"]
        rows += [self.score(CORE_FIELDS, "numeric (core 4)"), self.score(counts, "all count fields"),
                 self.score(["attribution"], "attribution"), self.score(None, "overall")]
        for number, row in enumerate(rows):
            if number == len(rows) - 4:
                lines.append("")
            lines.append(f"{row.name:22} {row.gold:5} {row.extracted:6} {row.matched:6} "
                         f"{row.precision:9.2f} {row.recall:7.2f} {row.f1:6.2f}")
        for what, label in (("according_to", "who said it (according_to)"), ("breakdown", "breakdown")):
            agree, total = self.agreement(what)
            ratio = f"{agree / total:.2f}" if total else "n/a"
            lines.append(f"{label}: {agree} of {total} matched claims agree ({ratio})")
        for kind, label in (("miss", "misses (in gold, not extracted)"),
                            ("false", "false claims (extracted, not in gold)")):
            found = [o for o in self.outcomes if o.kind == kind]
            lines += ["", f"{label}: {len(found)}"] + [f"  {o.describe()}" for o in found]
        return "\n".join(lines)


def _matches(gold: GoldClaim, found: GoldClaim) -> bool:
    if (gold.incident, gold.field) != (found.incident, found.field):
        return False
    if gold.field == "attribution":
        return gold.stance == found.stance and names_agree(gold.actor, found.actor)
    return (gold.low, gold.high) == (found.low, found.high)


def _overlap(a: GoldClaim, b: GoldClaim) -> bool:
    if a.evidence_start is None or b.evidence_start is None:
        return a.evidence_quote in b.evidence_quote or b.evidence_quote in a.evidence_quote
    return a.evidence_start < b.evidence_start + len(b.evidence_quote) and \
        b.evidence_start < a.evidence_start + len(a.evidence_quote)


def score_article(article: GoldArticle, text: str, *, lexicon: Lexicon = DEFAULT_LEXICON,
                  incidents: Mapping[str, Mapping[str, str]] | None = None) -> list[Outcome]:
    """Extract from one article's text and pair its claims with the gold claims.

    Since 0.1.0.
    """
    info = (incidents or {}).get(article.incident, {})
    source = Source(article.outlet, article.outlet_kind, article.zone)
    events = extract_events(text, incident=article.incident, source=source, published=article.published,
                            report_id=article.id, place=article.place or info.get("place"),
                            incident_date=article.incident_date or info.get("date"), lexicon=lexicon,
                            name=article.id)
    final = events[-1]
    offset = text.find(final.text or "")
    found = [claim_to_gold(claim, max(offset, 0)) for claim in final.claims]
    gold = [claim for claim in article.claims if claim.incident == article.incident]
    outcomes: list[Outcome] = []
    free = list(range(len(found)))
    for strict in (True, False):
        for claim in list(gold):
            pick = next((k for k in free if _matches(claim, found[k]) and (
                not strict or _overlap(claim, found[k]))), None)
            if pick is not None:
                free.remove(pick)
                gold.remove(claim)
                outcomes.append(Outcome(article.id, "match", claim, found[pick]))
    outcomes += [Outcome(article.id, "miss", claim, None) for claim in gold]
    outcomes += [Outcome(article.id, "false", None, found[k]) for k in free]
    return outcomes


def evaluate(gold: GoldSet, texts_dir: str | Path, *, lexicon: Lexicon = DEFAULT_LEXICON) -> Evaluation:
    """Score extraction over every article of ``gold``, reading ``texts_dir/<id>.txt``.

    Raises :class:`ExtractionError` naming a missing or unreadable text.

    Since 0.1.0.
    """
    outcomes: list[Outcome] = []
    for article in gold.articles:
        path = Path(texts_dir) / f"{article.id}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ExtractionError(f"cannot read the text of article {article.id!r} at {path}: "
                                  f"{getattr(error, 'strerror', None) or error}") from None
        outcomes += score_article(article, text, lexicon=lexicon, incidents=gold.incidents)
    return Evaluation(tuple(outcomes), len(gold.articles))
