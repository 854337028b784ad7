"""Score extraction against a gold set: precision, recall and F1 per field, misses, false claims.

Match rule: an extracted claim matches a gold claim when incident, field, value and
scope agree — for counts ``low`` and ``high``, and both scoped or both not; for
attribution the stance and the actor (both none, or sharing a distinctive word:
"Iran-backed Iraqi militias" agrees with "Iranian-supported Iraqi militias"). Each
gold claim matches at most one extracted claim. ``according_to``, breakdowns and
scope texts are scored separately, on the matched pairs.

The gold set's incidents are the declarations the extractor routes claims to, so
the gold claims scored are those about each article's main incident and about
declared incidents it recalls. An extracted claim that is not matched but agrees
with a gold claim of the same article filed under *another* incident is a
**leak** (a claim filed under the wrong incident): it counts against precision
like any false claim and is also reported on its own. A leak is matched on field,
value (for counts ``low`` and ``high``; for attribution the stance and the actor, as
above) and overlapping evidence, **not on scope**: a claim routed to the wrong
incident that also lost (or gained) a scope is still a leak, so a routing error is
never hidden among the false claims. Within the right incident scope still counts:
a claim there whose scope is missing or extra is a false claim (and its gold a
miss), never a leak.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

import attrs

from taji_events.extract.counts import role_key
from taji_events.extract.errors import ExtractionError
from taji_events.extract.gold import GoldArticle, GoldClaim, GoldSet, claim_to_gold, qualifier_to_gold
from taji_events.extract.incidents import DeclaredIncident, declarations_from
from taji_events.extract.pipeline import extract_events
from taji_events.extract.sections import dateline
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
    """One scored claim: ``match`` (both), ``miss`` (gold only), ``false`` (extracted only) or
    ``leak`` (extracted only, agreeing with a gold claim filed under another incident in
    field, value and overlapping evidence, whatever either scope)."""

    article: str
    kind: str
    gold: GoldClaim | None
    extracted: GoldClaim | None
    main: str = ""  # the article's main incident

    def about(self, which: str) -> tuple[bool, bool]:
        """Whether the gold and the extracted side are about ``which`` incidents
        (``main``, ``recalled`` or ``all``)."""
        def keep(claim: GoldClaim | None) -> bool:
            if claim is None:
                return False
            return which == "all" or (claim.incident == self.main) == (which == "main")
        return keep(self.gold), keep(self.extracted)

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
        if claim.scope:
            value += f" (scope: {claim.scope})"
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

    def score(self, fields: Iterable[str] | None = None, name: str = "overall", *,
              about: str = "main") -> FieldScore:
        """Precision, recall and F1 over ``fields`` (all when None), for claims about each
        article's ``main`` incident (default), the ``recalled`` ones, or ``all``."""
        chosen = None if fields is None else set(fields)

        def keep(claim: GoldClaim | None) -> bool:
            return claim is not None and (chosen is None or claim.field in chosen)

        gold = extracted = matched = 0
        for o in self.outcomes:
            gold_side, extracted_side = o.about(about)
            if o.kind in ("match", "miss") and gold_side and keep(o.gold):
                gold += 1
            if o.kind in ("match", "false", "leak") and extracted_side and keep(o.extracted):
                extracted += 1
            if o.kind == "match" and gold_side and keep(o.gold):
                matched += 1
        return FieldScore(name, gold, extracted, matched)

    def fields(self) -> list[str]:
        """Every field seen in gold or extraction, core fields first."""
        seen = {claim.field for o in self.outcomes for claim in (o.gold, o.extracted) if claim}
        return [f for f in (*CORE_FIELDS, "attribution") if f in seen] + sorted(
            seen - set(CORE_FIELDS) - {"attribution"})

    @property
    def leaks(self) -> int:
        """Extracted claims filed under the wrong incident (matched without their scope)."""
        return sum(1 for o in self.outcomes if o.kind == "leak")

    def agreement(self, what: str) -> tuple[int, int]:
        """``(agreeing, compared)`` matched pairs for ``according_to``, ``breakdown`` or ``scope``."""
        pairs = [(o.gold, o.extracted) for o in self.outcomes if o.kind == "match"]
        if what == "scope":
            scoped = [(g, e) for g, e in pairs if g and e and g.scope and e.scope]
            return sum(1 for g, e in scoped if names_agree(g.scope, e.scope)), len(scoped)
        if what == "according_to":
            compared = [(g, e) for g, e in pairs if g and e]
            agree = sum(1 for g, e in compared if names_agree(g.according_to, e.according_to, subset=True))
            return agree, len(compared)
        compared = [(g, e) for g, e in pairs if g and e and (g.breakdown or e.breakdown)]
        agree = sum(1 for g, e in compared if _keyed(g.breakdown) == _keyed(e.breakdown))
        return agree, len(compared)

    def report(self) -> str:
        """The printed report: a table, agreements, then every miss and false claim."""
        lines = [f"{self.articles} articles; claims about each article's main incident",
                 "", f"{'field':22} {'gold':>5} {'found':>6} {'match':>6} {'precision':>9} "
                 f"{'recall':>7} {'F1':>6}"]
        rows = [row for row in (self.score([field], field) for field in self.fields())
                if row.gold or row.extracted]
        counts = [f for f in self.fields() if f != "attribution"]
        rows += [self.score(CORE_FIELDS, "numeric (core 4)"), self.score(counts, "all count fields"),
                 self.score(["attribution"], "attribution"), self.score(None, "overall")]
        for number, row in enumerate(rows):
            if number == len(rows) - 4:
                lines.append("")
            lines.append(f"{row.name:22} {row.gold:5} {row.extracted:6} {row.matched:6} "
                         f"{row.precision:9.2f} {row.recall:7.2f} {row.f1:6.2f}")
        lines += ["", "claims about declared incidents the articles recall:"]
        for row in (self.score(CORE_FIELDS, "numeric (core 4)", about="recalled"),
                    self.score(["attribution"], "attribution", about="recalled"),
                    self.score(None, "overall", about="recalled")):
            lines.append(f"{row.name:22} {row.gold:5} {row.extracted:6} {row.matched:6} "
                         f"{row.precision:9.2f} {row.recall:7.2f} {row.f1:6.2f}")
        lines.append("")
        for what, label in (("according_to", "who said it (according_to)"), ("breakdown", "breakdown"),
                            ("scope", "scope")):
            agree, total = self.agreement(what)
            ratio = f"{agree / total:.2f}" if total else "n/a"
            lines.append(f"{label}: {agree} of {total} matched claims agree ({ratio})")
        lines.append(f"leaks (claims filed under the wrong incident): {self.leaks}")
        for kind, label in (("miss", "misses (in gold, not extracted)"),
                            ("false", "false claims (extracted, not in gold)"),
                            ("leak", "leaks (extracted under one incident, in gold under another)")):
            found = [o for o in self.outcomes if o.kind == kind]
            lines += ["", f"{label}: {len(found)}"] + [f"  {o.describe()}" for o in found]
        return "\n".join(lines)


def _keyed(breakdown: Mapping[str, int] | None) -> dict[str, int]:
    """A breakdown under the extractor's keys: the gold may spell a role in the plural
    ("policemen", "passers-by"); both sides are compared by :func:`role_key`."""
    keyed: dict[str, int] = {}
    for key, number in (breakdown or {}).items():
        keyed[role_key(key)] = keyed.get(role_key(key), 0) + number
    return keyed


def _matches(gold: GoldClaim, found: GoldClaim) -> bool:
    if (gold.incident, gold.field) != (found.incident, found.field):
        return False
    return _same_value(gold, found)


def _same_value(gold: GoldClaim, found: GoldClaim, *, scope: bool = True) -> bool:
    """Field and value agree: for counts ``low`` and ``high`` and, with ``scope`` (the
    match rule), both scoped or both not; for attribution the stance and the actor."""
    if gold.field != found.field:
        return False
    if gold.field == "attribution":
        return gold.stance == found.stance and names_agree(gold.actor, found.actor)
    if (gold.low, gold.high) != (found.low, found.high):
        return False
    return not scope or (gold.scope is None) == (found.scope is None)


def _leak_twin(found: GoldClaim, claims: Iterable[GoldClaim]) -> GoldClaim | None:
    """The gold claim, filed under another incident than ``found``, that ``found`` is a
    leak of: the same field and value (scope ignored) with overlapping evidence."""
    return next((claim for claim in claims if claim.incident != found.incident
                 and _same_value(claim, found, scope=False) and _overlap(claim, found)), None)


def _overlap(a: GoldClaim, b: GoldClaim) -> bool:
    if a.evidence_start is None or b.evidence_start is None:
        return a.evidence_quote in b.evidence_quote or b.evidence_quote in a.evidence_quote
    return a.evidence_start < b.evidence_start + len(b.evidence_quote) and \
        b.evidence_start < a.evidence_start + len(a.evidence_quote)


def score_article(article: GoldArticle, text: str, *, lexicon: Lexicon = DEFAULT_LEXICON,
                  incidents: Mapping[str, Mapping[str, str]] | None = None) -> list[Outcome]:
    """Extract from one article's text and pair its claims with the gold claims.

    ``incidents`` (a gold set's) are the declarations claims are routed to.

    Since 0.1.0.
    """
    known = incidents or {}
    info = known.get(article.incident, {})
    declared = _declarations(known)
    source = Source(article.outlet, article.outlet_kind, article.zone)
    events = extract_events(text, incident=article.incident, source=source,
                            published=_published(article, text, info), report_id=article.id,
                            place=article.place or info.get("place"),
                            incident_date=article.incident_date or info.get("date"), lexicon=lexicon,
                            name=article.id, incidents=declared)
    final = events[-1]
    offset = text.find(final.text or "")
    found = [claim_to_gold(claim, max(offset, 0)) for claim in final.claims]
    scored = {article.incident} | {incident.incident_id for incident in declared}
    gold = [claim for claim in article.claims if claim.incident in scored]
    outcomes: list[Outcome] = []
    free = list(range(len(found)))
    for strict in (True, False):
        for claim in list(gold):
            pick = next((k for k in free if _matches(claim, found[k]) and (
                not strict or _overlap(claim, found[k]))), None)
            if pick is not None:
                free.remove(pick)
                gold.remove(claim)
                outcomes.append(Outcome(article.id, "match", claim, found[pick], article.incident))
    outcomes += [Outcome(article.id, "miss", claim, None, article.incident) for claim in gold]
    for k in free:
        twin = _leak_twin(found[k], article.claims)
        outcomes.append(Outcome(article.id, "false" if twin is None else "leak", twin, found[k],
                                article.incident))
    return outcomes


def _declarations(incidents: Mapping[str, Mapping[str, str]]) -> tuple[DeclaredIncident, ...]:
    items = [{"id": key, "date": info["date"], "zone": info.get("zone"), "place": info.get("place")}
             for key, info in incidents.items() if info.get("date")]
    return declarations_from(items, name="gold incidents")


def _published(article: GoldArticle, text: str, info: Mapping[str, str]) -> str | None:
    """The publication time to extract with: the stated one, else the address's date,
    else the text's dateline, else the main incident's date (the earliest it can be)."""
    if article.published is not None:
        return article.published
    if article.url_date is not None:
        return article.url_date
    if dateline(text) is not None:
        return None
    return article.incident_date or info.get("date") or None


def evaluate(gold: GoldSet, texts_dir: str | Path, *, lexicon: Lexicon = DEFAULT_LEXICON,
             held_out: str = "exclude") -> Evaluation:
    """Score extraction over the articles of ``gold``, reading ``texts_dir/<id>.txt``.

    ``held_out`` chooses the articles (:meth:`GoldSet.select`): ``"exclude"`` (default)
    never reads a held-out article's text, ``"only"`` scores just those, ``"include"`` all.
    Raises :class:`ExtractionError` naming a missing or unreadable text, or one whose
    sha256 is not the gold's.

    Since 0.1.0.
    """
    chosen = gold.select(held_out)
    outcomes: list[Outcome] = []
    for article in chosen.articles:
        path = Path(texts_dir) / f"{article.id}.txt"
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ExtractionError(f"cannot read the text of article {article.id!r} at {path}: "
                                  f"{getattr(error, 'strerror', None) or error}") from None
        if article.sha256 is not None and hashlib.sha256(raw).hexdigest() != article.sha256:
            raise ExtractionError(f"the text of article {article.id!r} at {path} is not the one the "
                                  "gold was made for (its sha256 differs); restore the text or "
                                  "annotate it again")
        outcomes += score_article(article, text, lexicon=lexicon, incidents=gold.incidents)
    return Evaluation(tuple(outcomes), len(chosen.articles))
