"""Extraction from raw text: fields, numbers, breakdowns, speakers, hedges, negation,
attribution, scope and revisions, on short texts written for each rule and on the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import taji_events as te
from taji_events.extract import ExtractionError, extract_events
from taji_events.extract.counts import role_key
from taji_events.extract.sentences import is_headline, sentences
from taji_events.extract.subsets import listed_places
from taji_events.lexicon import DEFAULT_LEXICON, Lexicon, VagueEntry
from taji_events.model import Attribution, Claim, Count, Source, Speaker
from taji_events.serialization import dumps_event, loads_event
from taji_events.timepoint import format_utc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
INCIDENT = "taji-2020-03-11"


def claims_of(text: str, *, incident: str = "base-2021-06-02", published: str = "2021-06-02",
              **options: object) -> list[Claim]:
    """The claims of the last revision of ``text``."""
    events = extract_events(text, incident=incident, source="Example Wire", published=published,
                            **options)  # type: ignore[arg-type]
    return list(events[-1].claims)


def counts(claims: list[Claim]) -> list[tuple[str, int, int | None, str]]:
    return [(c.field, c.value.low, c.value.high, c.value.qualifier) for c in claims
            if isinstance(c.value, Count)]


def attributions(claims: list[Claim]) -> list[tuple[str | None, str]]:
    return [(c.value.actor, c.value.stance) for c in claims if isinstance(c.value, Attribution)]


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


# -- fields and numbers -----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Two soldiers were killed and 12 wounded, the army said.",
     [("killed", 2, 2, "exact"), ("wounded", 12, 12, "exact")]),
    ("The blast killed at least 18 people.", [("killed", 18, None, "at_least")]),
    ("The attack left about a dozen people injured.", [("wounded", 10, 14, "about")]),
    ("More than two dozen civilians died.", [("killed", 25, None, "more_than")]),
    ("Dozens of villagers were wounded.", [("wounded", 24, None, "at_least")]),
    ("Officials said at least (25) 107mm rockets struck the base.",
     [("rockets_impacted", 25, None, "at_least")]),
    ("The militia fired 30 rockets, 18 of which landed inside the camp.",
     [("rockets_fired", 30, 30, "exact"), ("rockets_impacted", 18, 18, "exact")]),
    ("The base was struck with 15 small rockets fired from a truck.",
     [("rockets_impacted", 15, 15, "exact")]),
    ("Eight rockets were fired and the launcher contained a total of 30.",
     [("rockets_fired", 8, 8, "exact"), ("rockets_in_launcher", 30, 30, "exact")]),
    ("Air defences intercepted nine of the 12 missiles.", []),
    ("Three drones were launched, two of which were shot down.",
     [("drones_fired", 3, 3, "exact"), ("drones_intercepted", 2, 2, "exact")]),
    ("The death toll rose to 14 on Wednesday.", [("killed", 14, 14, "exact")]),
    ("Three gunmen killed two guards.", [("killed", 2, 2, "exact")]),
    ("Security forces killed four of the attackers.", [("attackers_killed", 4, 4, "exact")]),
])
def test_fields_and_numbers(sentence: str, expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "The base lies 15 miles from the city and 27km from the border.",
    "He would have been 63.",
    "The attack took place between 7:30 and 8:00 PM on Mar. 11, 2020.",
    "Two U.S. officials told Reuters about the attack.",
    "The 34-year-old contractor had worked at the 82nd Airborne base for three years.",
    "The launcher contained a total of 30.",  # a load, not a firing: no rockets_fired
])
def test_numbers_that_are_not_counts_of_this_incident(sentence: str) -> None:
    assert [c.field for c in claims_of(sentence)] in ([], ["rockets_in_launcher"])
    assert all(c.field != "rockets_fired" for c in claims_of(sentence))


def test_counts_go_through_the_core_lexicon() -> None:
    lexicon = DEFAULT_LEXICON
    wider = Lexicon(vague={**lexicon.vague, "several": VagueEntry("about", 5, 3, 12)})
    (claim,) = claims_of("Several soldiers were killed.", lexicon=wider)
    assert isinstance(claim.value, Count)
    assert (claim.value.low, claim.value.high, claim.value.lexicon) == (3, 12, "several")


# -- breakdowns -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "total", "breakdown"), [
    ("Two Americans and a British soldier were killed.", (3, 3), {"US": 2, "GB": 1}),
    ("Three coalition personnel, two Americans and a Briton, were killed.", (3, 3), {"US": 2, "GB": 1}),
    ("At least two American troops, as well as a member of the U.K. armed forces, died.",
     (3, None), {"US": 2, "GB": 1}),
    ("Twelve personnel, including a contractor, were injured.", (12, 12), {"contractor": 1}),
    ("Six Sudanese soldiers were killed.", (6, 6), {"SD": 6}),
    ("Militants killed 17 American and Kenyan soldiers.", (17, 17), {}),
])
def test_breakdowns_use_iso_codes_or_roles(sentence: str, total: tuple[int, int | None],
                                           breakdown: dict[str, int]) -> None:
    claim, *parts = claims_of(sentence)
    assert all(part.scope for part in parts)  # "including a contractor" is also a subset claim
    assert isinstance(claim.value, Count)
    assert (claim.value.low, claim.value.high) == total
    assert dict(claim.value.breakdown) == breakdown


def test_a_definite_partial_figure_is_a_lower_bound() -> None:
    text = ("Two Americans and a Briton were killed in the attack. A spokesman confirmed the deaths "
            "of the two U.S. servicemembers.")
    claims = claims_of(text)
    assert counts(claims) == [("killed", 3, 3, "exact"), ("killed", 2, None, "at_least")]


# -- who said it and how ----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "kind"), [
    ("Three soldiers were killed, two U.S. officials told Reuters.",
     "two U.S. officials (via Reuters)", "official_anonymous"),
    ("Col. Ann Roe, a spokeswoman for the coalition, said three soldiers were killed.",
     "Col. Ann Roe", "official_on_record"),
    ("According to the Syrian Observatory for Human Rights, three soldiers were killed.",
     "the Syrian Observatory for Human Rights", "monitor_ngo"),
    ("Three soldiers have reportedly died.", "unnamed reports", "unattributed"),
    ("Three soldiers were killed.", "Example Wire", "wire"),
    # a dateline is not part of the speaker's name
    ("KOLO (Example Wire) - Police said three soldiers were killed.", "Police", "official_on_record"),
    ("KOLO, June 2 (Example Wire) – Police said three soldiers were killed.", "Police", "official_on_record"),
    ("KOLO, June 2 (Example Wire) — Three soldiers were killed, police said.", "police",
     "official_on_record"),
    ("KOLO, Freedonia — The army said three soldiers were killed.", "The army", "official_on_record"),
    ("KOLO, Freedonia (Example Wire) — Three soldiers were killed.", "Example Wire", "wire"),
    ("KOLO — Three soldiers were killed.", "Example Wire", "wire"),
    ("KOLO - Police said three soldiers were killed.", "Police", "official_on_record"),
    ("NEW KOLO, Freedonia, June 2 (Example Wire) -- Police said three soldiers were killed.", "Police",
     "official_on_record"),
    ("KOLO: Police said three soldiers were killed.", "Police", "official_on_record"),
    ("Kolo, Freedonia — Police said three soldiers were killed.", "Police", "official_on_record"),
])
def test_who_said_it(sentence: str, name: str, kind: str) -> None:
    events = extract_events(sentence, incident="base-2021-06-02",
                            source=Source("Example Wire", "wire"), published="2021-06-02")
    (claim,) = events[-1].claims
    assert (claim.according_to.name, claim.according_to.kind) == (name, kind)


def test_quoted_statement_takes_the_speaker_after_the_quote() -> None:
    text = ("“The Coalition confirms more than 15 small rockets impacted the base. Investigation "
            "ongoing,” Col. Ann Roe, a spokeswoman for the coalition, said on Twitter.")
    (claim,) = claims_of(text)
    assert claim.according_to.name == "Col. Ann Roe"
    assert claim.hedge == "confirmed"


@pytest.mark.parametrize(("sentence", "hedge"), [
    ("Three soldiers were killed, officials said citing preliminary information.", "preliminary"),
    ("The army initially reported that three soldiers were killed.", "initial"),
    ("The ministry confirmed that three soldiers were killed.", "confirmed"),
    ("The ministry said three soldiers were killed.", "reported"),
])
def test_hedges(sentence: str, hedge: str) -> None:
    (claim,) = claims_of(sentence)
    assert claim.hedge == hedge


# -- negation ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Officials said the attack didn't result in any losses.", [("killed", 0, 0, "none")]),
    ("The strike did not kill anyone.", [("killed", 0, 0, "none")]),
    ("There were no casualties.", [("killed", 0, 0, "none"), ("wounded", 0, 0, "none")]),
    ("No one was hurt.", [("wounded", 0, 0, "none")]),
    ("The army did not mention any casualties.", []),
    ("There were no immediate reports of casualties.", []),
    ("None of the injuries were life-threatening.", []),
])
def test_negations_and_silences(sentence: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


# -- attribution ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("No group has claimed responsibility for the attack.", [(None, "no_claim")]),
    ("There was no immediate claim of responsibility.", [(None, "no_claim")]),
    ("Al Shabaab claimed responsibility for the blast.", [("Al Shabaab", "claimed")]),
    ("Officials believe Iranian-backed militias are responsible.",
     [("Iranian-backed militias", "suspected")]),
    ("The ministry blamed the attack on the Dagoberto Ramos front.", [("Dagoberto Ramos front", "accused")]),
    ("The Taliban denied any involvement.", [("Taliban", "denied")]),
    ("Those responsible must be held accountable, the minister said.", []),
])
def test_attribution_stances(sentence: str, expected: list[tuple[str | None, str]]) -> None:
    assert attributions(claims_of(sentence)) == expected


# -- scope ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Last December, a similar attack killed a U.S. defense contractor at another base.",
    "In January, missiles hit a base. Days later, the strike left more than 100 troops injured.",
    "In neighbouring Mali, 12 soldiers were killed in a separate attack last week.",
    "The 2006 war killed more than 1,000 people.",
    "This attack also comes just days after two Marines died during an operation.",
])
def test_numbers_about_other_incidents_are_left_out(text: str) -> None:
    assert counts(claims_of(text, place="Camp Alpha, Freedonia")) == []


def test_a_later_paragraph_returns_to_the_incident() -> None:
    text = ("Last year, a similar attack killed 40 farmers.\n\n"
            "On Wednesday, gunmen killed 23 villagers, officials said.")
    assert counts(claims_of(text)) == [("killed", 23, 23, "exact")]


# -- non-English text -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Au moins 15 policiers ont été tués et 8 autres blessés lors d'une attaque.",
    "Cuatro militares murieron y otros 12 resultaron heridos en un ataque.",
    "وقال مصدر عسكري إن الصاروخ أصاب معسكرا وأسفر عن مقتل 5 جنود وإصابة 11 آخرين.",
])
def test_non_english_text_yields_no_claims(text: str) -> None:
    assert claims_of(text) == []


# -- revisions, times and evidence on the seeds -----------------------------------------------

def test_update_sections_become_revisions_with_their_own_times() -> None:
    text = seed("002")
    events = extract_events(text, incident=INCIDENT,
                            source=Source("The Drive", "news_outlet", "America/New_York"),
                            published="2020-03-11")
    assert [e.published_at.text for e in events] == ["2020-03-11", "6:20pm EST", "7:15pm EST",
                                                     "8:15pm EST"]
    assert [format_utc(e.published_at.lower) for e in events[1:]] == [
        "2020-03-11T22:20:00Z", "2020-03-11T23:15:00Z", "2020-03-12T00:15:00Z"]
    assert events[-1].text == text
    assert all(text.startswith(e.text or "") for e in events)
    assert [len(e.claims) for e in events] == sorted(len(e.claims) for e in events)
    statement = [c for c in events[2].claims if c.according_to.name.endswith("(CJTF-OIR)")]
    assert len(statement) == 4 and all(c.hedge == "confirmed" for c in statement)
    assert {format_utc(c.as_of.lower) for c in statement if c.as_of} == {"2020-03-11T21:30:00Z"}


def test_an_update_paragraph_at_the_top_is_the_later_revision() -> None:
    text = seed("000")
    first, second = extract_events(text, incident=INCIDENT, source="Unnamed outlet",
                                   published="2020-03-11")
    assert second.text == text and first.text is not None
    assert first.text.startswith("Three U.S.-led coalition personnel")
    assert {c.according_to.name for c in second.claims} - {c.according_to.name for c in first.claims} \
        == {"The U.S.-led coalition"}


def test_dateline_gives_the_day_when_no_time_is_passed() -> None:
    (report,) = extract_events(seed("001"), incident=INCIDENT, source="Unnamed outlet")
    assert report.published_at.text == "2020-03-11"
    assert report.published_at.precision == "day"


@pytest.mark.parametrize("line", ["March 4, 2021", "Thursday, 4 March 2021", "2021-03-04"])
def test_a_date_on_a_line_of_its_own_under_the_headline_is_the_publication_day(line: str) -> None:
    text = f"Rockets hit an air base\n\n{line}\n\nTen rockets hit the base on Wednesday, the army said."
    (report,) = extract_events(text, incident="base-2021-03-03", source="Example Wire")
    assert report.published_at.precision == "day"
    assert report.published_at.lower.date().isoformat() <= "2021-03-04" <= \
        report.published_at.upper.date().isoformat()
    assert [(claim.field, claim.value.low) for claim in report.claims] == [  # type: ignore[union-attr]
        ("rockets_impacted", 10)]


def test_a_date_inside_a_sentence_is_no_dateline() -> None:
    with pytest.raises(ExtractionError, match="no publication time"):
        extract_events("Rockets hit a base\nOn March 4, 2021, ten rockets hit the base.",
                       incident="base-2021-03-03", source="Example Wire")


def test_every_claim_quotes_its_revision_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        for event in extract_events(path.read_text(encoding="utf-8"), incident=INCIDENT,
                                    source="S", published="2020-03-11"):
            assert event.text is not None
            for claim in event.claims:
                span = claim.evidence
                assert event.text[span.start:span.end] == span.quote != ""
                assert claim.incident == INCIDENT


def test_extracted_events_are_ordinary_events() -> None:
    events = extract_events(seed("003"), incident=INCIDENT, source="Unnamed outlet",
                            published="2020-03-11T19:30+03:00/2020-03-13")
    store = te.open_store()
    store.append(events)
    state = te.believed_at(store, INCIDENT, "2020-03-15", mode="possible")
    assert (state["rockets_fired"].best, state["rockets_impacted"].best) == (30, 18)
    assert state["killed"].status == "confirmed"
    for event in events:
        assert loads_event(dumps_event(event)) == event


# -- errors -----------------------------------------------------------------------------------

def test_no_publication_time_names_the_input() -> None:
    with pytest.raises(ExtractionError, match=r"article\.txt: no publication time.*published="):
        extract_events("Three soldiers were killed.", incident="x", source="S", name="article.txt")


@pytest.mark.parametrize(("options", "message"), [
    ({"incident": ""}, "incident id must be a non-empty string"),
    ({"published": "sometime soon"}, "published time 'sometime soon'"),
    ({"source": ""}, "source must be a Source or a non-empty name"),
    ({"incident_date": "last week"}, "incident date 'last week' is not a date"),
])
def test_bad_arguments_raise_extraction_errors(options: dict[str, str], message: str) -> None:
    arguments: dict[str, object] = {"incident": "x", "source": "S", "published": "2021-06-02", **options}
    with pytest.raises(ExtractionError, match=message):
        extract_events("Three soldiers were killed.", **arguments)  # type: ignore[arg-type]


def test_incident_date_may_be_a_date() -> None:
    text = "On June 2, gunmen killed 23 villagers. On May 2, a raid killed 9 people."
    assert counts(claims_of(text, incident="village", incident_date=date(2021, 6, 2))) == [
        ("killed", 23, 23, "exact")]


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    text = ("Post attacked\n\nKIDAL (Example Wire) - Three soldiers were killed and about a dozen wounded\n"
            "when rebels attacked an army post, the army said.")
    claims = claims_of(text)
    assert counts(claims) == [("killed", 3, 3, "exact"), ("wounded", 10, 14, "about")]
    assert {c.according_to.name for c in claims} == {"the army"}


def test_a_part_of_the_dead_is_not_a_new_toll_but_a_scoped_claim() -> None:
    text = "Five soldiers were killed. Two of the dead were Chadian peacekeepers."
    claims = claims_of(text)
    assert counts(claims) == [("killed", 5, 5, "exact"), ("killed", 2, 2, "exact")]
    assert [c.scope for c in claims] == [None, "Chadian peacekeepers"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Rockets hit the camp, wounding four soldiers, two of them seriously, the army said.",
     [("wounded", 4, None), ("wounded", 2, "seriously wounded")]),
    ("Six people died, three of them children.", [("killed", 6, None), ("killed", 3, "children")]),
    ("There were no casualties among coalition personnel.",
     [("killed", 0, "coalition personnel"), ("wounded", 0, "coalition personnel")]),
    ("Eleven people were killed. Three Americans were among the dead.",
     [("killed", 11, None), ("killed", 3, "Americans")]),
    ("No cabinet members were hurt.", [("wounded", 0, "cabinet members")]),
])
def test_subsets_carry_their_scope(text: str, expected: list[tuple[str, int, str | None]]) -> None:
    assert [(c.field, c.value.low, c.scope) for c in claims_of(text)] == expected  # type: ignore[union-attr]


def test_which_denied_refers_to_the_group_just_named() -> None:
    text = "The governor blamed the attack on the Azawad Front, which denied any involvement."
    assert attributions(claims_of(text)) == [("Azawad Front", "accused"), ("Azawad Front", "denied")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a calibre is never the count
    ("Eighteen 107 mm rockets hit the base.", [("rockets_impacted", 18, 18, "exact")]),
    ("Militants fired 12 122-mm rockets at the airport.", [("rockets_fired", 12, 12, "exact")]),
    # rockets found unfired are not fired
    ("Police found 20 more rockets on the truck that had not been fired.", []),
    # groups are summed, with the breakdown
    ("Three soldiers and two contractors were wounded in the attack.", [("wounded", 5, 5, "exact")]),
    ("Two Americans and a Brit were killed.", [("killed", 3, 3, "exact")]),
    # qualifiers around brackets
    ("At least [25] rockets were fired at the base.", [("rockets_fired", 25, None, "at_least")]),
    # single deaths without a numeral
    ("A contractor died of a heart attack while sheltering from the rockets.", [("killed", 1, 1, "exact")]),
    ("The attack resulted in the death of a civilian.", [("killed", 1, 1, "exact")]),
    # compound counts
    ("Militants launched a 30-rocket barrage at the base.", [("rockets_fired", 30, 30, "exact")]),
    ("It was a 20-plus rocket attack.", [("rockets_fired", 20, None, "at_least")]),
    ("It was an attack with 24 rockets.", [("rockets_fired", 24, 24, "exact")]),
    # brain-injury diagnoses are wounded (docs/extraction.md)
    ("Eleven soldiers were diagnosed with traumatic brain injuries.", [("wounded", 11, 11, "exact")]),
    # "both", "another", a list of the dead, a possessive in a list, a total before its dashed list
    ("Both rockets landed in open areas.", [("rockets_impacted", 2, 2, "exact")]),
    ("Another soldier was wounded in the ensuing gun battle.", [("wounded", 1, 1, "exact")]),
    ("Another 20 rockets were fired later.", [("rockets_fired", 20, 20, "exact")]),
    ("The dead included a policeman and a passer-by.", [("killed", 2, 2, "exact")]),
    ("At least two soldiers and their two porters were killed.", [("killed", 4, None, "at_least")]),
    ("75 other people – including at least 48 civilians, 21 soldiers and six police officers – were "
     "injured.", [("wounded", 75, 75, "exact")]),
    # two-word killing verbs; "killed two of them" after the people it counts
    ("Gunmen fatally shot at least seven people at the site.", [("killed", 7, None, "at_least")]),
    ("Militants gunned down five police officers.", [("killed", 5, 5, "exact")]),
    ("Rebels ambushed a patrol and killed two of them, officials said.", [("killed", 2, 2, "exact")]),
    ("Police killed several of them.", []),
    # one person without a numeral, with an adverb before the casualty word
    ("A 54-year-old man was moderately wounded.", [("wounded", 1, 1, "exact")]),
    # a toll with a long subject
    ("The death toll from the suicide bombing attacks on the churches and hotels of the capital of "
     "the island rose to 359, police said.", [("killed", 359, 359, "exact")]),
    # the casualties of a retaliation are not the attack's
    ("The United States struck back at militia sites, killing five fighters.", []),
    ("In response, the strikes killed five militants.", []),
    ("The army responded to the attack with air strikes that killed five fighters.", []),
    ("The army responded with air strikes that killed five fighters.", []),
    # rescuers who respond to the casualties answer the attack itself
    ("Emergency teams responded to several individuals injured while heading to shelters.",
     [("wounded", 3, 9, "about")]),
    ("Medics who responded to the scene treated three people injured in the blast.",
     [("wounded", 3, 3, "exact")]),
])
def test_failure_patterns_of_real_articles(sentence: str,
                                           expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


def test_a_total_keeps_the_breakdown_its_list_gives() -> None:
    (claim,) = claims_of("75 other people – including at least 48 civilians, 21 soldiers and six police "
                         "officers – were injured.")
    assert dict(claim.value.breakdown) == {"civilian": 48, "soldier": 21, "police": 6}  # type: ignore[union-attr]
    (listed,) = claims_of("The dead included a policeman and a passer-by.")
    assert dict(listed.value.breakdown) == {"police": 1, "passer-by": 1}  # type: ignore[union-attr]


def test_group_breakdowns_by_role_and_nationality_noun() -> None:
    (roles,) = claims_of("Three soldiers and two contractors were wounded in the attack.")
    assert dict(roles.value.breakdown) == {"soldier": 3, "contractor": 2}  # type: ignore[union-attr]
    (nations,) = claims_of("Two Iraqis and a Briton were wounded.")
    assert dict(nations.value.breakdown) == {"IQ": 2, "GB": 1}  # type: ignore[union-attr]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kataib Hezbollah took credit for the attack.", [("Kataib Hezbollah", "claimed")]),
    ("Kataib Hezbollah said in a statement it carried out the attack.", [("Kataib Hezbollah", "claimed")]),
    ("The Azawad Front is believed to be behind the attack.", [("Azawad Front", "suspected")]),
    ("The Azawad Front is likely behind the attack.", [("Azawad Front", "suspected")]),
    ("Officials said the Azawad Front was suspected of carrying out the attack.",
     [("Azawad Front", "suspected")]),
    ("U.S. officials said Iran-backed militias are responsible.", [("Iran-backed militias", "accused")]),
    ("An Iran-backed militia fired 15 rockets at the base.", [("Iran-backed militia", "accused")]),
    ("It was not immediately clear who was responsible.", [(None, "no_claim")]),
    ("It is too soon to assign blame, officials said.", [(None, "no_claim")]),
    # false attributions
    ("Officials have blamed such attacks on Iran's proxies.", []),
    ("The rockets hit at 11 a.m. Some militants fired more rockets later.", []),
    ("The United States struck back at Azawad Front sites.", []),
    # passive and noun phrases with "by"; "claimed by" is a claim
    ("The soldiers said they were ambushed by Azawad Front fighters near the town.",
     [("Azawad Front fighters", "accused")]),
    ("A pre-dawn raid by the Azawad Front on the base left three dead.", [("Azawad Front", "accused")]),
    ("The attack was claimed by the Azawad Front.", [("Azawad Front", "claimed")]),
    ("The Azawad Front claimed to have killed 71 soldiers.", [("Azawad Front", "claimed")]),
    # suspicion
    ("The blasts were believed to be set off by Azawad Front militants.",
     [("Azawad Front militants", "suspected")]),
    ("Gunmen suspected to be members of the Azawad Front attacked the village.",
     [("Azawad Front", "suspected")]),
    ("Suspected Azawad Front fighters carried out the attack.", [("Azawad Front fighters", "suspected")]),
    ("Police suspect the Azawad Front was involved.", [("Azawad Front", "suspected")]),
    ("The attack had the trademark of the Azawad Front, the mayor said.", [("Azawad Front", "suspected")]),
    # a perpetrator named as fact, with an auxiliary
    ("The armed group Azawad Front has launched a mortar attack on the base.",
     [("armed group Azawad Front", "accused")]),
    # no claim
    ("No one immediately took responsibility for the explosions.", [(None, "no_claim")]),
    ("It is unknown who sent the drone, the monitor said.", [(None, "no_claim")]),
    ("It was unclear whether the drone was operated by the army or by the rebels.", [(None, "no_claim")]),
    # no name, a weekday, a weapon, a possessive or a general charge is no attribution
    ("Armed militants killed three soldiers.", []),
    ("Gunmen on Monday killed two people.", []),
    ("Rocket barrages also targeted the city.", []),
    ("The group's fighters fired mortars at the base.", []),
    ("Freedonia accuses the Azawad Front of supplying missile parts to the rebels.", []),
    ("Freedonia regularly blames Ruritania for supporting the rebels.", []),
    ("The soldiers were ambushed by militants near the town.", []),
    ("Suspected militants attacked the convoy.", []),
    ("It could be the work of the same faction, he said.", []),
    ("The governor reported Kenyan militants attacked the post.", []),
    # a dateline before the subject is not part of the actor's name
    ("2021-06-02 Islamist Azawad Front militants killed 12 soldiers.",
     [("Islamist Azawad Front militants", "accused")]),
    ("KOLO, Freedonia — Azawad Front militants killed 12 soldiers.", [("Azawad Front militants", "accused")]),
    ("KOLO, June 2 (Example Wire) — The Azawad Front claimed responsibility for the attack.",
     [("Azawad Front", "claimed")]),
    ("KOLO (Example Wire) - The Azawad Front said it carried out the attack.", [("Azawad Front", "claimed")]),
    ("KOLO — Officials blamed the Azawad Front for the attack.", [("Azawad Front", "accused")]),
    ("The general said the Azawad Front was \u201cmost probably\u201d behind the attack.",
     [("Azawad Front", "suspected")]),
    ("He named Abu Azawad, nephew of the Front's chief, as the main suspect.", [("Abu Azawad", "suspected")]),
    ("He named a new commander.", []),
    # a hedged charge after "said" is read once, as suspected
    ("Officials said the Azawad Front is likely behind the attack.", [("Azawad Front", "suspected")]),
    ("The Azawad Front also attacked the post.", [("Azawad Front", "accused")]),
])
def test_attribution_phrasings_of_real_articles(sentence: str,
                                                expected: list[tuple[str | None, str]]) -> None:
    assert attributions(claims_of(sentence)) == expected


def test_an_unnamed_official_is_anonymous() -> None:
    (claim,) = claims_of("A Kurdish security official said three soldiers were killed.")
    assert claim.according_to == Speaker("A Kurdish security official", "official_anonymous")


# -- third round: recall on real English articles ------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    # an age is not a count, nor is one person's "multiple injuries"
    ("A woman of about 30 and a teenage boy of about 17 suffered multiple injuries from shrapnel.", []),
    ("A boy of 17 was wounded.", []),
    ("The victim, aged 40, died at the scene.", []),
    ("He said the officers had multiple injuries.", []),
    ("Multiple people were injured.", [("wounded", 2, None, "at_least")]),
    ("About 30 people were killed.", [("killed", 27, 33, "about")]),
    # a group counted among the dead and the hurt together gives no figure
    ("Several children were among those killed and wounded in the blast.", []),
    # "no reports of injuries" is the guideline's "no injuries were reported": a zero
    ("The ambulance service said there were no immediate reports of injuries.",
     [("wounded", 0, 0, "none")]),
    ("There were no reports of injury or damage.", [("wounded", 0, 0, "none")]),
    ("The army did not say whether there were no reports of injuries.", []),
])
def test_third_round_patterns_of_real_articles(sentence: str,
                                               expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Currently, 37 people are in hospitals.", [("wounded", 37, "hospitalized")]),
    ("Five people are still in hospital, the governor said.", [("wounded", 5, "hospitalized")]),
    ("Twelve people were wounded and taken to hospital.", [("wounded", 12, None)]),
    ("Three soldiers were among those killed.", [("killed", 3, "soldiers")]),
    # the counted wounded as the subject of a clause that puts them in hospital
    ("Twenty-seven people injured in the blast are being treated at hospitals.",
     [("wounded", 27, "hospitalized")]),
    ("Twelve people injured in the attack were hospitalised.", [("wounded", 12, "hospitalized")]),
    ("Twelve people injured in the attack, and the army said the base was shut.", [("wounded", 12, None)]),
])
def test_the_hospitalised_are_a_scoped_part_of_the_wounded(
        text: str, expected: list[tuple[str, int, str | None]]) -> None:
    assert [(c.field, c.value.low, c.scope) for c in claims_of(text)] == expected  # type: ignore[union-attr]


def test_a_lead_figure_restated_with_its_source_is_one_claim() -> None:
    text = ("A shelling hit the city, killing 5 people and injuring 46 civilians.\n"
            "According to the governor, five people were killed and 46 civilians were wounded.")
    assert [(c.field, c.value.low, c.according_to.name) for c in claims_of(text)] == [  # type: ignore[union-attr]
        ("killed", 5, "the governor"), ("wounded", 46, "the governor")]
    listed = ("Two blasts hit the town, killing at least 14 people.\n"
              "Mayor Alan Reyes said at least seven soldiers, one police officer and six civilians were "
              "killed.")
    assert [(c.according_to.name, bool(c.value.breakdown)) for c in claims_of(listed)] == [  # type: ignore[union-attr]
        ("Example Wire", False), ("Mayor Alan Reyes", True)]


def test_breakdown_keys_are_singular_roles_in_extraction_and_scoring() -> None:
    (claim,) = claims_of("Two soldiers and their two porters were killed.")
    assert dict(claim.value.breakdown) == {"soldier": 2, "porter": 2}  # type: ignore[union-attr]
    assert role_key("policemen") == role_key("police officers") == "police"
    assert role_key("passers-by") == "passer-by"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A rocket landed in the area a short while later.", [("rockets_impacted", 1, 1, "exact")]),
    ("A rocket was fired at the base.", [("rockets_fired", 1, 1, "exact")]),
    ("A missile was intercepted over the city.", [("missiles_intercepted", 1, 1, "exact")]),
    # "a rocket" before another noun is a modifier, not a count (it broke the seeds once:
    # "killed in a rocket attack", "a rocket-rigged truck")
    ("Three soldiers were killed in a rocket attack on the base.", [("killed", 3, 3, "exact")]),
    ("Police found a rocket-rigged truck near the base.", [("launcher_found", 1, 1, "exact")]),
    # the object of a verb is not the subject that lands
    ("Air defences intercepted a drone launched toward the city on the same day.", []),
    ("Officials said a shell hit the building directly.", []),
])
def test_a_single_projectile_without_a_numeral(sentence: str,
                                               expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a toll that counts an attacker among its dead carries that scope
    ("Two explosions rocked the town, killing at least 15 people, including a suspected suicide bomber.",
     [("killed", 15, "victims and attackers together")]),
    ("The blast killed 12 people, including three soldiers.",
     [("killed", 12, None), ("killed", 3, "soldiers")]),
    # a vague share of a group already counted is no figure
    ("Many of the people killed were young boys, the official said.", []),
    ("Several of the wounded are in critical condition.", []),
    ("Dozens of people were killed.", [("killed", 24, None)]),
    # a toll over a span of past days or months is cumulative, not this incident's
    ("At least 19 people have been killed in the past 15 days, according to reports.", []),
    ("Nine soldiers died during the last two months.", []),
    # a toll over many attacks or since a war began is cumulative
    ("The group has so far killed more than 13,000 people and displaced others in various armed attacks.",
     []),
    ("More than 500 people have been killed since the start of the insurgency.", []),
    ("Nine people have died since the conflict began.", []),
])
def test_tolls_with_attackers_shares_and_spans(text: str,
                                               expected: list[tuple[str, int, str | None]]) -> None:
    assert [(c.field, c.value.low, c.scope) for c in claims_of(text)] == expected  # type: ignore[union-attr]


def test_a_title_on_the_stored_date_line_is_a_headline() -> None:
    title = (" date 2021-06-02 5 killed in drone strike on Iranian-backed militia in eastern Syria\n"
             "Reports said the affiliation of the assailing UAV was unknown\n1 min read")
    assert is_headline(title)  # its short form "5 killed" is not a claim
    (first, *_) = sentences(title + "\nAt least five members of a militia were killed, according to reports.")
    assert first.headline


@pytest.mark.parametrize(("sentence", "expected"), [
    # "projectiles" in reports of rocket fire are rockets
    ("At least three or four projectiles were launched at the city, the army said.",
     [("rockets_fired", 3, None, "at_least")]),
    ("Five projectiles crossed into the country.", [("rockets_fired", 5, 5, "exact")]),
    # a range "N or M" is about its two ends, never its upper end alone; "at least" keeps it open
    ("Three or four rockets hit the base.", [("rockets_impacted", 3, 4, "about")]),
    ("Two or three people were wounded.", [("wounded", 2, 3, "about")]),
    ("One or two soldiers survived with serious injuries.", [("wounded", 1, 2, "about")]),
    ("Troops found 20 rockets at the border crossing.", []),
])
def test_projectiles_and_ranges(sentence: str, expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


def test_only_tolls_are_merged_into_their_sourced_restatement() -> None:
    text = ("The attackers fired 15 rockets from a launcher, which police found abandoned.\n"
            "Police said the launcher was found with five rockets that had not been fired.")
    speakers = [c.according_to.name for c in claims_of(text) if c.field == "launcher_found"]
    assert speakers == ["Example Wire", "Police"]


def test_a_teaser_line_under_the_title_makes_no_claim() -> None:
    text = ("Rocket barrage jolts the city as sirens wail\n\n"
            "Army says 5 rockets launched across the border, with some intercepted by air defenses and "
            "others landing in open areas; no immediate reports of injuries\n\n"
            "The army confirmed that five rockets were launched, with some intercepted by air defenses.")
    assert counts(claims_of(text)) == [("rockets_fired", 5, 5, "exact")]


def test_a_bare_count_in_a_stated_condition_is_a_scoped_part_of_the_wounded() -> None:
    text = "Twenty-seven people were injured. One of them is in critical condition, and another eight " \
           "are in serious condition."
    assert [(c.field, c.value.low, c.scope) for c in claims_of(text)] == [  # type: ignore[union-attr]
        ("wounded", 27, None), ("wounded", 1, "critical condition"), ("wounded", 8, "serious condition")]


def test_a_cut_off_paragraph_below_the_top_is_still_read() -> None:
    cut = ("Police said two soldiers were killed in the blast near the market, and officials said that "
           "the crowd had fled toward the river as the smoke spread across the square by the")
    assert 150 < len(cut) <= 200
    text = "Blast hits market\n\nA bomb exploded on Monday.\n\nThe army sealed the area.\n\n" + cut
    assert counts(claims_of(text)) == [("killed", 2, 2, "exact")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The number of wounded rose to 30.", [("wounded", 30, 30, "exact")]),
    ("The number of dead has climbed to 12, officials said.", [("killed", 12, 12, "exact")]),
    ("The number of casualties had risen to six.", []),  # the dead and the hurt together
])
def test_a_number_of_the_dead_or_wounded_that_rose(sentence: str,
                                                   expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


# -- fifth round: wire copy on attacks on bases ----------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    # people listed with a conjunction are one total, though the parts share no breakdown key
    ("Two coalition service members and an Iraqi interpreter were injured, the coalition said.",
     [("wounded", 3, 3, "exact")]),
    ("At least two contractors and a Kenyan guard were killed.", [("killed", 3, None, "at_least")]),
    # a list needs its conjunction, and speakers' nouns are not people hurt
    ("Two officials and a spokesman said one soldier was wounded.", [("wounded", 1, 1, "exact")]),
    # rockets that failed to launch were never fired; those that failed to explode were
    ("Nine rockets that failed to launch were defused.", []),
    ("Six rockets were fired, and two failed to explode.", [("rockets_fired", 6, 6, "exact")]),
])
def test_fifth_round_counts(sentence: str, expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A little-known group calling itself Saraya Vell claimed responsibility.",
     [("Saraya Vell", "claimed")]),
    ("The Ardent Brigade, which officials blamed for the rocket fire on the base, denied any role.",
     [("Ardent Brigade", "denied")]),
    ("Harkat Vell, who claimed responsibility for Wednesday's attack, is based in the hills.",
     [("Harkat Vell", "claimed")]),
    ("Harkat Vell fighters, dressed in army uniforms, attacked the checkpoint.",
     [("Harkat Vell fighters", "accused")]),
    # generic attackers described by a participle name no one
    ("Police blamed militants fighting against the government for the attack.", []),
    ("Police blamed Harkat Vell militants for the attack.", [("Harkat Vell militants", "accused")]),
])
def test_fifth_round_attribution(sentence: str, expected: list[tuple[str | None, str]]) -> None:
    assert attributions(claims_of(sentence)) == expected


def test_a_group_that_claims_or_denies_speaks_for_itself() -> None:
    claims = claims_of("The Ardent Brigade claimed responsibility. The Vell Front denied any involvement.")
    assert [(c.value.stance, c.according_to.name, c.according_to.kind) for c in claims] == [  # type: ignore[union-attr]
        ("claimed", "Ardent Brigade", "belligerent"), ("denied", "Vell Front", "official_on_record")]
    # a sentence that names who reports the claim keeps that speaker
    reported = claims_of("Police said the Ardent Brigade claimed responsibility.")
    assert [c.according_to.name for c in reported] == ["Police"]


def test_it_said_is_the_body_last_named() -> None:
    text = "The army said 12 rockets were fired. Two soldiers were seriously wounded, it said."
    assert [c.according_to.name for c in claims_of(text)] == ["The army", "The army"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a barrage that is the subject of a landing verb landed; one fired "with" stays fired
    ("A barrage of 10 rockets struck the base, the coalition said.", [("rockets_impacted", 10, 10, "exact")]),
    ("Militants launched an attack with 24 rockets on the base.", [("rockets_fired", 24, 24, "exact")]),
])
def test_a_barrage_that_landed(sentence: str, expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


# -- fifth round: an incident declared at several places ---------------------------------------

def test_listed_places_of_an_incident() -> None:
    assert [name for name, _ in listed_places("Ardo and Kibbutz Vell, southern Freedonia")] == [
        "Ardo", "Kibbutz Vell"]
    assert [name for name, _ in listed_places("Ardo, Bel Tarra and Corvo, Freedonia")] == [
        "Ardo", "Bel Tarra", "Corvo"]
    # one place and its region, a place between two towns, a town and a region: no list
    for place in ("Ardo near Corvo, Vell and Tarra, Freedonia", "between Ardo and Corvo, Freedonia",
                  "Ardo and central Freedonia", "Camp Alpha, Freedonia"):
        assert listed_places(place) == ()


def test_a_figure_at_one_of_the_incident_s_places_is_that_place_s_part() -> None:
    text = ("Rockets hit Ardo and Kibbutz Vell on Wednesday, wounding two men, the army said. "
            "One of the rockets landed in the southern town of Ardo, wounding one man. "
            "A second rocket landed near a gas station at Kibbutz Vell, wounding another man.\n\n"
            "In Ardo, no one else was hurt.")
    claims = claims_of(text, place="Ardo and Kibbutz Vell, southern Freedonia")
    assert [(c.field, c.value.low, c.scope) for c in claims] == [  # type: ignore[union-attr]
        ("wounded", 2, None), ("rockets_impacted", 1, "Ardo"), ("wounded", 1, "Ardo"),
        ("rockets_impacted", 1, "Kibbutz Vell"), ("wounded", 1, "Kibbutz Vell"),
        ("wounded", 0, "Ardo")]
    # an incident at one place scopes nothing
    single = claims_of("One of the rockets landed in the town of Ardo, wounding one man.",
                       place="Ardo, Freedonia")
    assert [c.scope for c in single] == [None, None]


def test_the_first_figure_told_at_one_of_the_places_alone_is_the_incident_s() -> None:
    place = "Ardo and Kibbutz Vell, southern Freedonia"
    # no figure of the field before, no other of the places named: the whole, not a part
    claims = claims_of("Rockets were fired at the region. At least one man was injured near the "
                       "southern city of Ardo, medics said.", place=place)
    assert [(c.field, c.value.low, c.scope) for c in claims] == [  # type: ignore[union-attr]
        ("wounded", 1, None)]
    # the other place named before: the places are told apart, a part
    claims = claims_of("Rockets hit Ardo and Kibbutz Vell. At least one man was injured near the "
                       "southern city of Ardo, medics said.", place=place)
    assert [(c.field, c.value.low, c.scope) for c in claims] == [  # type: ignore[union-attr]
        ("wounded", 1, "Ardo")]
    # a figure of the field before: a part
    claims = claims_of("Three people were wounded. One man was injured near the southern city "
                       "of Ardo, medics said.", place=place)
    assert [(c.field, c.value.low, c.scope) for c in claims] == [  # type: ignore[union-attr]
        ("wounded", 3, None), ("wounded", 1, "Ardo")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # rockets that "targeted" a base were fired at it; their landing is not said
    ("At least 10 rockets targeted the base on Wednesday.", [("rockets_fired", 10, None, "at_least")]),
    # a part of the projectiles after "of which"
    ("Fourteen rockets were launched, of which three were intercepted by air defences.",
     [("rockets_fired", 14, 14, "exact"), ("rockets_intercepted", 3, 3, "exact")]),
    # "a woman and her two children" is one list of three
    ("One rocket fell on a house, injuring a woman and her two children.",
     [("rockets_impacted", 1, 1, "exact"), ("wounded", 3, 3, "exact")]),
])
def test_fifth_round_projectiles_and_lists(sentence: str,
                                           expected: list[tuple[str, int, int | None, str]]) -> None:
    assert counts(claims_of(sentence)) == expected


def test_a_name_in_apposition_after_a_generic_noun_is_the_actor() -> None:
    claims = claims_of("A shadowy group, Saraya Vell, claimed responsibility for the attack.")
    assert attributions(claims) == [("Saraya Vell", "claimed")]
    # a description in apposition after a name is skipped, as before
    assert attributions(claims_of("Harkat Vell, a shadowy group, claimed responsibility.")) == [
        ("Harkat Vell", "claimed")]


def test_passive_verbs_of_saying_name_no_speaker() -> None:
    text = ("KOLO (Example Journal) At least 9 people were confirmed dead after a bomb exploded, an aide "
            "to the governor said.")
    assert [c.according_to.name for c in claims_of(text)] == ["an aide to the governor"]
    # the words before a clause opened by "while" are not part of the speaker's name
    both = ("The army said two soldiers were killed, while Freedonia's ministry confirmed the death "
            "of a guard.")
    assert [c.according_to.name for c in claims_of(both)] == ["The army", "Freedonia's ministry"]


def test_a_total_with_its_breakdown_after_a_colon() -> None:
    claims = claims_of("The attack killed three coalition members: two Americans and one Briton.")
    assert [(c.value.low, dict(c.value.breakdown)) for c in claims] == [  # type: ignore[union-attr]
        (3, {"US": 2, "GB": 1})]


@pytest.mark.parametrize(("text", "expected"), [
    # deaths among the wounded are deaths (GUIDELINE section 2), however the wounded are named
    ("Four soldiers were wounded, one of whom later died.", [("wounded", 4, None), ("killed", 1, None)]),
    ("Four soldiers were wounded, two of whom seriously.",
     [("wounded", 4, None), ("wounded", 2, "seriously wounded")]),
    ("Six people were wounded. One of the wounded, a civilian worker, later died in hospital.",
     [("wounded", 6, None), ("killed", 1, None)]),
    ("Six people were wounded. Two of the injured were soldiers.",
     [("wounded", 6, None), ("wounded", 2, "soldiers")]),
])
def test_deaths_among_the_wounded(text: str, expected: list[tuple[str, int, str | None]]) -> None:
    assert [(c.field, c.value.low, c.scope) for c in claims_of(text)] == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Harkat Vell denied it was behind the attack.", [("Harkat Vell", "denied")]),
    ("Harkat Vell denied carrying out the attack.", [("Harkat Vell", "denied")]),
    ("Freedonia rejected accusations that it was behind the attack.", [("Freedonia", "denied")]),
    ("Freedonia dismissed allegations of involvement.", [("Freedonia", "denied")]),
    ("Responsibility was not immediately claimed.", [(None, "no_claim")]),
    # a rejected figure is no denial of the attack
    ("The ministry rejected claims that 20 soldiers died.", []),
])
def test_denials_and_unclaimed_attacks(sentence: str, expected: list[tuple[str | None, str]]) -> None:
    claims = [c for c in claims_of(sentence) if c.field == "attribution"]
    assert attributions(claims) == expected
    assert all(c.according_to.name != "Responsibility was not immediately" for c in claims)


@pytest.mark.parametrize(("sentence", "expected"), [
    # "in" and "of" inside one name
    ("The Islamic Resistance in Freedonia said it had targeted the base with drones.",
     [("Islamic Resistance in Freedonia", "claimed")]),
    ("Militants in Freedonia fired rockets.", []),
    ("Militants in Iraq fired rockets.", []),
    # generic descriptions name no one; "apparently"/"appears" make an accusation a suspicion
    ("The army blamed 'outlaw groups' for the attack.", []),
    ("The gunmen were killed by security forces.", []),
    ("The U.S. appears determined to hold the Ardent Brigade responsible for the attack.",
     [("Ardent Brigade", "suspected")]),
    ("Suspicion fell on the Ardent Brigade.", [("Ardent Brigade", "suspected")]),
    # a denial after an auxiliary and an adverb
    ("Freedonia has repeatedly denied targeting civilians.", [("Freedonia", "denied")]),
])
def test_fifth_round_actors_and_hedges(sentence: str, expected: list[tuple[str | None, str]]) -> None:
    assert attributions(claims_of(sentence)) == expected


def test_the_dead_were_a_list() -> None:
    claims = claims_of("The dead were an American contractor and a Filipino contractor.")
    assert [(c.field, c.value.low, dict(c.value.breakdown)) for c in claims] == [  # type: ignore[union-attr]
        ("killed", 2, {"US": 1, "PH": 1})]
    # one noun after "were" is no list of the victims
    assert claims_of("The dead were civilians, the army said.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a toll over separate attacks told apart in the text is no one incident's total
    ("At least six people were killed and 15 wounded in separate bomb attacks, police said.",
     [("killed", 6, "separate attacks together"), ("wounded", 15, "separate attacks together")]),
    ("Twin blasts killed 15 people, police said.", [("killed", 15, None)]),
    # people in a stated condition are a part of the wounded
    ("A man in serious condition with multiple shrapnel wounds was taken to hospital.",
     [("wounded", 1, "serious condition")]),
    ("A soldier is in critical condition.", [("wounded", 1, "critical condition")]),
    # projectiles "crossing" were fired
    ("Three projectiles were identified crossing the border.", [("rockets_fired", 3, None)]),
])
def test_separate_attacks_conditions_and_crossings(text: str,
                                                   expected: list[tuple[str, int, str | None]]) -> None:
    assert [(c.field, c.value.low, c.scope) for c in claims_of(text)] == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "expected"), [
    # a stored copy that lost the space after a full stop still ends the sentence there
    ("Two shells fell on a market in the city.Police sources said three people died.",
     ["Two shells fell on a market in the city.", "Police sources said three people died."]),
    # not a web address, an abbreviation, or dotted initials
    ("Read more at www.Example.com, the site said.", ["Read more at www.Example.com, the site said."]),
    ("The report by Capt.Harlow said so.", ["The report by Capt.Harlow said so."]),
    ("Troops of the U.S.Army were there.", ["Troops of the U.S.Army were there."]),
])
def test_a_full_stop_without_its_space(text: str, expected: list[str]) -> None:
    assert [text[piece.start:piece.end] for piece in sentences(text)] == expected


def test_a_glued_sentence_does_not_become_a_speaker() -> None:
    text = ("Mortar shells struck a village in the north of the province.Security sources "
            "said four civilians were killed.")
    (claim,) = claims_of(text)
    assert (claim.field, claim.value.low) == ("killed", 4)  # type: ignore[union-attr]
    assert "province" not in claim.according_to.name


def test_a_participle_of_claiming_and_a_clause_between_commas_name_no_speaker() -> None:
    # "claimed by X" is a participle: the clause before it is no speaker
    lead = ("At least eight soldiers were killed in a roadside bombing in Kolo claimed by the Azawad "
            "Front, military officials told reporters.")
    (killed,) = [c for c in claims_of(lead) if c.field == "killed"]
    assert "bombing" not in killed.according_to.name
    # ", using gunships, said X": the subject is after the verb, not the clause before the commas
    text = ("The army fought the militants for six hours, using gunships, said Abu Kolo, a senior "
            "official. The dead included three women and two men, he said.")
    assert [c.according_to.name for c in claims_of(text)] == ["Abu Kolo"]
    apposed = "Abu Kolo, a senior official, said six people were killed."
    assert [c.according_to.name for c in claims_of(apposed)] == ["Abu Kolo"]
