"""A report's text, read again, recorded as the report's next revision.

Articles change after they are first read: an ``UPDATE`` section is added, a
paragraph is corrected, a trailing newline appears. :func:`record_text` extracts
the claims of the text as it stands and compares it with what the store already
holds for the report (text normalised for whitespace):

* the text the latest revision holds → nothing new ("already recorded");
* the revisions already recorded, followed by new update sections → each new
  section becomes the next revision, published at its own time; the recorded
  ones stay as they are;
* anything else (an earlier paragraph edited) → one new revision numbered
  after the latest, carrying every claim the new text makes.

Recorded revisions are never rewritten; a forced ``revision`` that is already
recorded with another text is a conflict that says which revision differs and
how to record the text as a new one.

>>> from taji_events.memory import MemoryStore
>>> store = MemoryStore()
>>> first = record_text(store, "Two soldiers were killed, the army said.",
...                     incident="base-2021-06-02", source="Example Wire",
...                     report_id="wire-1", published="2021-06-02")
>>> first.describe()
"report 'wire-1': recorded revision 0"
>>> record_text(store, "Two soldiers were killed, the army said.\\n",
...             incident="base-2021-06-02", source="Example Wire",
...             report_id="wire-1", published="2021-06-02").describe()
"report 'wire-1': already recorded (the text of revision 0)"
>>> again = record_text(store, "Three soldiers were killed, the army said.",
...                     incident="base-2021-06-02", source="Example Wire",
...                     report_id="wire-1", published="2021-06-02")
>>> again.describe()
"report 'wire-1': recorded revision 1 (the text differs from revision 0)"
>>> [claim.value.low for claim in again.events[0].claims]
[3]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

import attrs

from taji_events.errors import IdentityConflictError, InvalidQueryError
from taji_events.events import Event, ReportPublished, ReportRetracted
from taji_events.extract import extract_events
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon
from taji_events.model import Source
from taji_events.store import EventStore
from taji_events.timepoint import TimePoint

__all__ = [
    "RecordedReports",
    "RevisionPlan",
    "normalised_text",
    "plan_revisions",
    "record_text",
    "recorded_reports",
]


def normalised_text(text: str | None) -> str | None:
    """``text`` with every run of whitespace made one space, and none at either end."""
    return None if text is None else " ".join(text.split())


@attrs.frozen
class RecordedReports:
    """What a store holds of some reports: each one's revisions and its retraction."""

    revisions: Mapping[str, Mapping[int, ReportPublished]]
    retractions: Mapping[str, ReportRetracted]
    last_seq: int

    def with_events(self, events: Iterable[Event]) -> RecordedReports:
        """These reports after ``events`` (planned, not yet appended) are added."""
        revisions = {report: dict(numbers) for report, numbers in self.revisions.items()}
        retractions = dict(self.retractions)
        for event in events:
            if isinstance(event, ReportPublished):
                revisions.setdefault(event.report_id, {})[event.revision] = event
            elif isinstance(event, ReportRetracted):
                retractions[event.report_id] = event
        return RecordedReports(revisions, retractions, self.last_seq)


def recorded_reports(store: EventStore, report_ids: Iterable[str]) -> RecordedReports:
    """The recorded revisions and retractions of ``report_ids`` (one pass over the log)."""
    wanted = set(report_ids)
    last = store.last_seq()
    revisions: dict[str, dict[int, ReportPublished]] = {}
    retractions: dict[str, ReportRetracted] = {}
    if wanted:
        for recorded in store.read(until_seq=last):
            event = recorded.event
            if isinstance(event, ReportPublished) and event.report_id in wanted:
                revisions.setdefault(event.report_id, {})[event.revision] = event
            elif isinstance(event, ReportRetracted) and event.report_id in wanted:
                retractions[event.report_id] = event
    return RecordedReports(revisions, retractions, last)


@attrs.frozen
class RevisionPlan:
    """What recording a text adds to one report: ``events`` (the new revisions, none
    when the text is already recorded), the recorded revisions whose text it
    repeats (``unchanged``), the recorded revision it differs from (``differs``),
    and whether the report had any revision recorded to compare with (``compared``)."""

    report_id: str
    events: tuple[ReportPublished, ...]
    unchanged: tuple[int, ...] = ()
    differs: int | None = None
    compared: bool = True

    @property
    def already_recorded(self) -> bool:
        return not self.events

    def describe(self) -> str:
        """One line for people: what was (or would be) recorded, and why."""
        head = f"report {self.report_id!r}"
        if not self.events:
            return f"{head}: already recorded (the text of revision {self.unchanged[-1]})"
        numbers = [event.revision for event in self.events]
        what = f"revision {numbers[0]}" if len(numbers) == 1 \
            else f"revisions {', '.join(map(str, numbers))}"
        if self.differs is not None:
            why = f" (the text differs from revision {self.differs})"
        elif self.unchanged:
            kept = ", ".join(map(str, self.unchanged))
            why = f" (new update sections; revision{'s' if len(self.unchanged) > 1 else ''} " \
                  f"{kept} unchanged)"
        else:
            why = ""
        return f"{head}: recorded {what}{why}"


def _first_difference(old: str, new: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
              min(len(old), len(new)))
    return (f"first difference at character {at} of the normalised text: "
            f"{old[at:at + 30]!r} recorded, {new[at:at + 30]!r} now")


def plan_revisions(extracted: Sequence[ReportPublished], recorded: RecordedReports, *,
                   revision: int | None = None) -> RevisionPlan:
    """The revisions ``extracted`` (one text's revisions, from
    :func:`~taji_events.extract.extract_events`) add to what is ``recorded``.

    A pure function (rules in this module's docstring). Raises
    :class:`IdentityConflictError` when the report was retracted, is recorded
    from another source, or ``revision`` is recorded with another text.
    """
    if not extracted:
        raise InvalidQueryError("no revisions to record: the extraction returned none")
    report_id = extracted[0].report_id
    full = extracted[-1]
    retraction = recorded.retractions.get(report_id)
    if retraction is not None:
        raise IdentityConflictError(
            f"report {report_id!r} was retracted, and a retraction is final; record the new "
            "text under another report id")
    known = recorded.revisions.get(report_id, {})
    other = next((event.source for event in known.values() if event.source != full.source), None)
    if other is not None:
        raise IdentityConflictError(
            f"report {report_id!r} is recorded from source {other.name!r} ({other.kind}), "
            f"this text from {full.source.name!r} ({full.source.kind}); give this text its own "
            "report id, or the source the report was recorded from")
    texts = {number: normalised_text(event.text) for number, event in known.items()}
    if not known:
        chosen = extracted if revision is None else (attrs.evolve(full, revision=revision),)
        return RevisionPlan(report_id, tuple(chosen), compared=False)
    if revision is not None:
        return _forced(full, known, texts, revision)
    latest = max(known)
    new_text = normalised_text(full.text)
    if texts[latest] == new_text:
        return RevisionPlan(report_id, (), unchanged=(latest,))
    repeated = 0
    while repeated < len(extracted) and texts.get(repeated, "\0") == \
            normalised_text(extracted[repeated].text):
        repeated += 1
    if repeated == len(known) == latest + 1 and repeated < len(extracted):
        return RevisionPlan(report_id, tuple(extracted[repeated:]),
                            unchanged=tuple(range(repeated)))
    # An edit cannot have been published before the revision it edits.
    published = max(full.published_at, known[latest].published_at, key=lambda t: t.sort_key)
    return RevisionPlan(
        report_id, (attrs.evolve(full, revision=latest + 1, published_at=published),),
        unchanged=tuple(range(repeated)), differs=repeated if repeated in known else latest)


def _forced(full: ReportPublished, known: Mapping[int, ReportPublished],
            texts: Mapping[int, str | None], revision: int) -> RevisionPlan:
    chosen = attrs.evolve(full, revision=revision)
    if revision not in known:
        return RevisionPlan(full.report_id, (chosen,))
    new_text = normalised_text(full.text)
    old_text = texts[revision]
    if (old_text == new_text) if old_text is not None else known[revision].claims == chosen.claims:
        return RevisionPlan(full.report_id, (), unchanged=(revision,))
    detail = _first_difference(old_text, new_text or "") if old_text is not None \
        else "the recorded revision has no text, and different claims"
    raise IdentityConflictError(
        f"report {full.report_id!r} revision {revision} is already recorded with a different "
        f"text ({detail}); recorded revisions never change: leave the revision number out to "
        f"record this text as revision {max(known) + 1}")


def record_text(
    store: EventStore,
    text: str,
    *,
    incident: str,
    source: Source | str,
    report_id: str,
    published: TimePoint | datetime | str | None = None,
    place: str | None = None,
    incident_date: TimePoint | date | str | None = None,
    revision: int | None = None,
    lexicon: Lexicon = DEFAULT_LEXICON,
    name: str = "<text>",
) -> RevisionPlan:
    """Extract ``text`` (as :func:`~taji_events.extract.extract_events` does) and
    append what it adds to report ``report_id``: its next revision(s), or nothing
    when the store already holds this text (see :func:`plan_revisions`).

    Appends with the store's last seq as the expected one, so a concurrent writer
    makes it fail with :class:`~taji_events.errors.ConcurrencyError` rather than
    number two texts alike. Returns the :class:`RevisionPlan` that was appended.
    Since 0.2.0.
    """
    extracted = extract_events(text, incident=incident, source=source, published=published,
                               report_id=report_id, place=place, incident_date=incident_date,
                               lexicon=lexicon, name=name)
    recorded = recorded_reports(store, [report_id])
    plan = plan_revisions(extracted, recorded, revision=revision)
    if plan.events:
        store.append(plan.events, expected_seq=recorded.last_seq)
    return plan
