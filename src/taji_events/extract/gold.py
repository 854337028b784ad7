"""The gold format: hand-checked claims for a set of article texts, so any gold set can be scored.

::

    {"incidents": {ID: {"place", "date", "description", "zone"?}},
     "articles": [{"id", "incident", "url", "outlet", "published", "language",
                   "claims": [{"incident", "field", "low", "high", "qualifier",
                               "breakdown"?, "actor"?, "stance"?, "according_to",
                               "evidence", "scope"?, "note"?}]}]}

Texts live at ``TEXTS_DIR/<id>.txt``. ``incident`` of an article is its main
incident (passed to the extractor). Qualifiers are written with spaces:
``exact``, ``at least``, ``more than``, ``about``, ``up to``, ``fewer than``,
``none``; attribution claims have ``low``/``high``/``qualifier`` null and an
``actor`` (null for ``no_claim``) and ``stance``. ``evidence`` is either the
quoted text or ``{"start", "end", "quote"}`` with offsets into the article text.
``published`` may be null when the article states no date; ``url_date``
("YYYY-MM-DD", the date in its address) then stands in for it. Optional extras
an article may carry: ``outlet_kind`` (a source kind, default ``news_outlet``),
``zone`` (the outlet's IANA zone), ``place``, ``incident_date``, ``url_date``,
``retrieval_query``, ``sha256`` (of the text file's bytes, checked when scoring)
and ``held_out`` (scored only on request); a claim may carry ``speaker_kind``,
``hedge``, ``scope`` (the subset it is about) and ``note``; an incident may carry
``zone`` (IANA), the zone its date is local to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import orjson

from taji_events.events import Event, IncidentDeclared, ReportPublished
from taji_events.extract.errors import GoldFormatError
from taji_events.model import Attribution, Claim

__all__ = [
    "GoldArticle",
    "GoldClaim",
    "GoldSet",
    "claim_to_gold",
    "dump_gold",
    "from_events",
    "load_gold",
    "parse_gold",
    "qualifier_to_gold",
]

_QUALIFIERS: Final = {"exact": "exact", "at_least": "at least", "more_than": "more than",
                      "about": "about", "up_to": "up to", "fewer_than": "fewer than", "none": "none"}
_FROM_GOLD: Final = {value: key for key, value in _QUALIFIERS.items()}


def qualifier_to_gold(qualifier: str) -> str:
    """``at_least`` -> ``at least``: the gold spelling of a library qualifier. Since 0.1.0."""
    return _QUALIFIERS[qualifier]


@attrs.frozen
class GoldClaim:
    """One gold claim; ``qualifier`` in the library's spelling (``at_least``). Since 0.1.0."""

    incident: str
    field: str
    low: int | None
    high: int | None
    qualifier: str | None
    according_to: str
    evidence_quote: str
    evidence_start: int | None = None
    breakdown: Mapping[str, int] = attrs.field(factory=dict)
    actor: str | None = None
    stance: str | None = None
    speaker_kind: str | None = None
    hedge: str | None = None
    scope: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The claim in gold JSON form."""
        data: dict[str, Any] = {
            "incident": self.incident, "field": self.field, "low": self.low, "high": self.high,
            "qualifier": _QUALIFIERS[self.qualifier] if self.qualifier else None,
        }
        if self.breakdown:
            data["breakdown"] = dict(sorted(self.breakdown.items()))
        if self.stance is not None:
            data["actor"], data["stance"] = self.actor, self.stance
        data["according_to"] = self.according_to
        if self.speaker_kind:
            data["speaker_kind"] = self.speaker_kind
        if self.hedge:
            data["hedge"] = self.hedge
        if self.evidence_start is None:
            data["evidence"] = self.evidence_quote
        else:
            data["evidence"] = {"start": self.evidence_start,
                                "end": self.evidence_start + len(self.evidence_quote),
                                "quote": self.evidence_quote}
        for key in ("scope", "note"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@attrs.frozen
class GoldArticle:
    """One article: its id (``TEXTS_DIR/<id>.txt``), main incident, outlet and claims.

    ``published`` is None when the article states no date (``url_date`` may stand in).
    """

    id: str
    incident: str
    outlet: str
    published: str | None
    claims: tuple[GoldClaim, ...]
    url: str = ""
    language: str = "en"
    outlet_kind: str = "news_outlet"
    zone: str | None = None
    place: str | None = None
    incident_date: str | None = None
    url_date: str | None = None
    retrieval_query: str | None = None
    sha256: str | None = None
    held_out: bool = False

    def to_json(self) -> dict[str, Any]:
        """The article in gold JSON form."""
        data: dict[str, Any] = {"id": self.id, "incident": self.incident, "url": self.url,
                                "outlet": self.outlet, "published": self.published,
                                "language": self.language}
        for key in ("outlet_kind", "zone", "place", "incident_date", "url_date", "retrieval_query",
                    "sha256"):
            value = getattr(self, key)
            if value is not None and not (key == "outlet_kind" and value == "news_outlet"):
                data[key] = value
        if self.held_out:
            data["held_out"] = True
        data["claims"] = [claim.to_json() for claim in self.claims]
        return data


@attrs.frozen
class GoldSet:
    """Incidents (id -> place, date, description) and articles. Since 0.1.0."""

    incidents: Mapping[str, Mapping[str, str]]
    articles: tuple[GoldArticle, ...]

    def select(self, held_out: str) -> GoldSet:
        """The articles to score: ``"exclude"`` (the default of ``evaluate``) leaves held-out
        articles out, ``"only"`` keeps just them, ``"include"`` keeps all.

        Raises :class:`GoldFormatError` for any other choice.
        """
        if held_out == "include":
            return self
        if held_out not in ("exclude", "only"):
            raise GoldFormatError(f"held-out choice {held_out!r} is not one of only, exclude, include")
        wanted = held_out == "only"
        return GoldSet(self.incidents, tuple(a for a in self.articles if a.held_out == wanted))

    def to_json(self) -> dict[str, Any]:
        """The whole gold set in JSON form."""
        return {"incidents": {key: dict(value) for key, value in self.incidents.items()},
                "articles": [article.to_json() for article in self.articles]}


def dump_gold(gold: GoldSet) -> bytes:
    """Canonical bytes of a gold set: indented JSON with a final newline. Since 0.1.0."""
    return orjson.dumps(gold.to_json(), option=orjson.OPT_INDENT_2) + b"\n"


def _need(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise GoldFormatError(f"{where}: missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise GoldFormatError(f"{where}: {key!r} has the wrong type ({type(value).__name__}): {value!r}")
    return value


def _claim(data: Any, where: str) -> GoldClaim:
    if not isinstance(data, dict):
        raise GoldFormatError(f"{where}: a claim must be an object, got {data!r}")
    field = _need(data, "field", str, where)
    qualifier = data.get("qualifier")
    if qualifier is not None and qualifier not in _FROM_GOLD:
        raise GoldFormatError(f"{where}: qualifier {qualifier!r} is not one of {', '.join(_FROM_GOLD)}")
    evidence = data.get("evidence", "")
    start: int | None = None
    if isinstance(evidence, dict):
        quote = _need(evidence, "quote", str, f"{where} evidence")
        start = _need(evidence, "start", int, f"{where} evidence")
    elif isinstance(evidence, str):
        quote = evidence
    else:
        raise GoldFormatError(f"{where}: evidence must be a quote or {{start, end, quote}}")
    breakdown = data.get("breakdown") or {}
    if not isinstance(breakdown, dict) or not all(isinstance(v, int) for v in breakdown.values()):
        raise GoldFormatError(f"{where}: breakdown must map names to whole numbers, got {breakdown!r}")
    for key in ("low", "high"):
        if data.get(key) is not None and (not isinstance(data[key], int) or isinstance(data[key], bool)):
            raise GoldFormatError(f"{where}: {key!r} must be a whole number or null, got {data[key]!r}")
    if field != "attribution" and data.get("low") is None:
        raise GoldFormatError(f"{where}: a count claim needs 'low'")
    if field == "attribution" and not isinstance(data.get("stance"), str):
        raise GoldFormatError(f"{where}: an attribution claim needs a 'stance'")
    for key in ("scope", "note", "according_to", "speaker_kind", "hedge", "actor"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise GoldFormatError(f"{where}: {key!r} must be text or null, got {data[key]!r}")
    if data.get("scope") is not None and not data["scope"].strip():
        raise GoldFormatError(f"{where}: 'scope' names the subset a claim is about; write null "
                              "for the whole incident, not an empty string")
    return GoldClaim(
        incident=_need(data, "incident", str, where), field=field, low=data.get("low"),
        high=data.get("high"), qualifier=_FROM_GOLD[qualifier] if qualifier else None,
        according_to=str(data.get("according_to") or ""), evidence_quote=quote, evidence_start=start,
        breakdown=dict(breakdown), actor=data.get("actor"), stance=data.get("stance"),
        speaker_kind=data.get("speaker_kind"), hedge=data.get("hedge"), scope=data.get("scope"),
        note=data.get("note"))


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any, key: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise GoldFormatError(f"{where}: {key!r} must be a date written YYYY-MM-DD, got {value!r}")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise GoldFormatError(f"{where}: {key!r} {value!r} is not a calendar date") from None
    return value


def _zone(value: Any, key: str, where: str) -> str | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise GoldFormatError(f"{where}: {key!r} {value!r} is not an IANA zone name; write e.g. "
                              "'Asia/Baghdad'") from None
    return value


def _optional_text(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise GoldFormatError(f"{where}: {key!r} must be text or null, got {value!r}")
    return value


def _article(article: Any, where: str) -> GoldArticle:
    if not isinstance(article, dict):
        raise GoldFormatError(f"{where}: must be an object")
    claims = tuple(_claim(claim, f"{where} claims[{k}]")
                   for k, claim in enumerate(_need(article, "claims", list, where)))
    if "published" not in article:
        raise GoldFormatError(f"{where}: missing key 'published' (write null when the article "
                              "states no date)")
    published = article["published"]
    if published is not None and not isinstance(published, str):
        raise GoldFormatError(f"{where}: 'published' must be a time text or null, got {published!r}")
    held_out = article.get("held_out", False)
    if not isinstance(held_out, bool):
        raise GoldFormatError(f"{where}: 'held_out' must be true or false, got {held_out!r}")
    sha256 = _optional_text(article, "sha256", where)
    if sha256 is not None and not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise GoldFormatError(f"{where}: 'sha256' must be 64 lower-case hex digits, got {sha256!r}")
    return GoldArticle(
        id=_need(article, "id", str, where), incident=_need(article, "incident", str, where),
        outlet=_need(article, "outlet", str, where), published=published,
        claims=claims, url=str(article.get("url") or ""), language=str(article.get("language") or "en"),
        outlet_kind=str(article.get("outlet_kind") or "news_outlet"),
        zone=_zone(article.get("zone"), "zone", where), place=_optional_text(article, "place", where),
        incident_date=_optional_text(article, "incident_date", where),
        url_date=_day(article.get("url_date"), "url_date", where),
        retrieval_query=_optional_text(article, "retrieval_query", where), sha256=sha256,
        held_out=held_out)


def parse_gold(data: Any, *, name: str = "<gold>") -> GoldSet:
    """Read a gold set from parsed JSON. Raises :class:`GoldFormatError` naming the place.

    Since 0.1.0.
    """
    if not isinstance(data, dict):
        raise GoldFormatError(f"{name}: the gold file must be a JSON object")
    incidents = data.get("incidents", {})
    if not isinstance(incidents, dict):
        raise GoldFormatError(f"{name}: 'incidents' must be an object")
    for key, info in incidents.items():
        where = f"{name}: incidents[{key!r}]"
        if not isinstance(info, dict) or not all(isinstance(v, str) for v in info.values()):
            raise GoldFormatError(f"{where}: must be an object of texts (place, date, description, zone)")
        _zone(info.get("zone"), "zone", where)
    articles = [_article(article, f"{name}: articles[{number}]")
                for number, article in enumerate(_need(data, "articles", list, name))]
    return GoldSet({str(k): dict(v) for k, v in incidents.items()}, tuple(articles))


def load_gold(path: str | Path) -> GoldSet:
    """Read a gold file. Raises :class:`GoldFormatError` (bad JSON or shape, naming the file).

    Since 0.1.0.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise GoldFormatError(f"cannot read gold file {path}: {error.strerror or error}") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise GoldFormatError(f"{path}: not valid JSON: {error}") from None
    return parse_gold(data, name=str(path))


def claim_to_gold(claim: Claim, offset: int = 0) -> GoldClaim:
    """A library claim in gold form, its evidence moved by ``offset`` characters.

    Since 0.1.0.
    """
    value, evidence = claim.value, claim.evidence
    if evidence is None:
        raise GoldFormatError(f"claim {claim.label!r} has no text span, so it cannot be scored "
                              "against a text; leave claims entered by hand out of gold files")
    gold = GoldClaim(incident=claim.incident, field=claim.field, low=None, high=None, qualifier=None,
                     according_to=claim.according_to.name, evidence_quote=evidence.quote,
                     evidence_start=evidence.start + offset, speaker_kind=claim.according_to.kind,
                     hedge=claim.hedge, scope=claim.scope)
    if isinstance(value, Attribution):
        return attrs.evolve(gold, actor=value.actor, stance=value.stance)
    return attrs.evolve(gold, low=value.low, high=value.high, qualifier=value.qualifier,
                        breakdown=dict(value.breakdown))


def _local_dates(incident: IncidentDeclared) -> str:
    """The incident's date as local days: "2020-03-11", or "2019-12-27/2019-12-31"."""
    point = incident.occurred_at
    if point.precision in ("year", "month", "day") or not point.zone:
        return point.text
    zone = ZoneInfo(point.zone)
    first = point.lower.astimezone(zone).date()
    last = (point.upper - timedelta(microseconds=1)).astimezone(zone).date()
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def from_events(events: Iterable[Event], texts: Mapping[str, str], *, language: str = "en") -> GoldSet:
    """Convert a curated annotation (events with report texts) into the gold format.

    Each text in ``texts`` (id -> article text) becomes one article scored by the
    claims of the last revision whose text is the whole article (or, failing
    that, the longest revision inside it); evidence offsets are moved into the
    article. ``published`` is the report's first revision's time text and
    ``incident`` the incident most of that revision's claims are about.
    Raises :class:`GoldFormatError` when a text matches no revision.

    Since 0.1.0.
    """
    events = list(events)
    incidents = {e.incident_id: {"place": e.place, "date": _local_dates(e),
                                 "description": e.description}
                 for e in events if isinstance(e, IncidentDeclared)}
    reports = [e for e in events if isinstance(e, ReportPublished) and e.text is not None]
    first_time: dict[str, ReportPublished] = {}
    for report in sorted(reports, key=lambda r: r.revision):
        first_time.setdefault(report.report_id, report)
    articles = []
    for article_id, text in texts.items():
        inside = [r for r in reports if r.text and r.text in text]
        if not inside:
            raise GoldFormatError(f"text {article_id!r} matches no report revision of the annotation")
        best = max(inside, key=lambda r: (len(r.text or ""), r.revision))
        offset = text.find(best.text or "")
        counts: dict[str, int] = {}
        for claim in best.claims:
            counts[claim.incident] = counts.get(claim.incident, 0) + 1
        main = max(counts, key=lambda key: counts[key]) if counts else ""
        origin = first_time[best.report_id]
        articles.append(GoldArticle(
            id=article_id, incident=main, outlet=best.source.name, published=origin.published_at.text,
            claims=tuple(claim_to_gold(claim, offset) for claim in best.claims), url=best.url or "",
            language=language, outlet_kind=best.source.kind, zone=best.source.zone))
    return GoldSet(incidents, tuple(articles))
