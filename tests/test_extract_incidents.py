"""Claims about recalled incidents go to the incident they name, never to the main one."""

from __future__ import annotations

from datetime import date

import pytest

import taji_events as te
from taji_events.extract import ExtractionError
from taji_events.extract.incidents import DeclaredIncident, declarations_from
from taji_events.extract.pipeline import extract, extract_events

# 5 June 2021 was a Saturday.
SATURDAY = "2021-06-05"
MAIN = "outpost-2021-06-05"
DECLARED = declarations_from([
    {"id": MAIN, "date": SATURDAY, "zone": "Africa/Lagos", "place": "Forward Outpost Kestrel, Freedonia"},
    {"id": "kestrel-2021-06-02", "date": "2021-06-02", "zone": "Africa/Lagos",
     "place": "Forward Outpost Kestrel, Freedonia"},
    {"id": "harbour-2020-12-14", "date": "2020-12-14", "place": "Port Varin, Freedonia"},
])


def routed(text: str, incidents: tuple[DeclaredIncident, ...] = DECLARED, **options: object
           ) -> list[tuple[str, str, int | None]]:
    events = extract_events(text, incident=MAIN, source="Example Wire", published=SATURDAY,
                            incidents=incidents, **options)  # type: ignore[arg-type]
    return [(claim.incident, claim.field, getattr(claim.value, "low", None))
            for claim in events[-1].claims]


@pytest.mark.parametrize(("text", "expected"), [
    ("Rockets hit the outpost on Saturday, wounding four soldiers. Wednesday's attack killed three "
     "soldiers, the army said.",
     [(MAIN, "wounded", 4), ("kestrel-2021-06-02", "killed", 3)]),
    ("Two soldiers were wounded. On Wednesday, an attack on the same outpost killed three guards.",
     [(MAIN, "wounded", 2), ("kestrel-2021-06-02", "killed", 3)]),
    ("Two soldiers were wounded. Three days earlier, an attack killed three guards.",
     [(MAIN, "wounded", 2), ("kestrel-2021-06-02", "killed", 3)]),
    ("Two soldiers were wounded. Last December, a bombing at the port of Varin killed nine people.",
     [(MAIN, "wounded", 2), ("harbour-2020-12-14", "killed", 9)]),
])
def test_claims_go_to_the_declared_incident_their_time_phrase_names(
        text: str, expected: list[tuple[str, str, int]]) -> None:
    assert routed(text) == expected


def test_an_undeclared_earlier_incident_is_dropped_never_filed_under_the_main_one() -> None:
    text = "Four soldiers were wounded. In January, a similar attack killed 11 soldiers. In 2019, 40 died."
    assert routed(text) == [(MAIN, "wounded", 4)]


def test_a_toll_stated_on_a_later_day_is_the_main_incident() -> None:
    text = "On Monday the army said the death toll had risen to 14."
    events = extract_events(text, incident=MAIN, source="Example Wire", published="2021-06-08",
                            incidents=DECLARED)
    assert [(c.incident, c.value.low) for c in events[-1].claims] == [(MAIN, 14)]  # type: ignore[union-attr]


def test_a_date_alone_does_not_route_to_a_declared_incident_far_away() -> None:
    far = declarations_from([{"id": "lakeside-2021-06-02", "date": "2021-06-02",
                              "place": "Lakeside Market, Ruritania"}])
    text = "Four soldiers were wounded. Wednesday's attack killed three soldiers."
    assert routed(text, far) == [(MAIN, "wounded", 4)]


def test_declare_recalled_declares_one_incident_per_recalled_date() -> None:
    text = ("Four soldiers were wounded. Wednesday's attack killed three soldiers, and "
            "Wednesday's blast also wounded two guards.")
    result = extract(text, incident=MAIN, source="Example Wire", published=SATURDAY,
                     declare_recalled=True)
    claims = [(c.incident, c.field) for c in result.reports[-1].claims]
    assert claims == [(MAIN, "wounded"), ("outpost-recalled-2021-06-02", "killed"),
                      ("outpost-recalled-2021-06-02", "wounded")]
    (declared,) = result.declared
    assert isinstance(declared, te.IncidentDeclared)
    assert (declared.incident_id, declared.occurred_at.text) == ("outpost-recalled-2021-06-02", "2021-06-02")


def test_declarations_from_store_events_use_the_incidents_local_day() -> None:
    event = te.IncidentDeclared(incident_id="x-1", title="x", place="Camp Alpha, Freedonia",
                                occurred_at=te.TimePoint.parse("2021-06-04T23:30Z"), zone="Asia/Baghdad")
    (declared,) = declarations_from([event])
    assert declared.window == (date(2021, 6, 5), date(2021, 6, 5))


@pytest.mark.parametrize(("items", "message"), [
    ([{"date": "2021-06-02"}], "needs a non-empty 'incident_id'"),
    ([{"id": "a"}], "needs a 'date'"),
    ([{"id": "a", "date": "June"}], "is not a date"),
    ([{"id": "a", "date": "2021-06-02", "zone": "Mars/Base"}], "not an IANA zone"),
    (["a"], "expected an object"),
])
def test_bad_declarations_name_the_item(items: list[object], message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        declarations_from(items, name="incidents.json")  # type: ignore[arg-type]


def test_incidents_must_be_declarations() -> None:
    with pytest.raises(ExtractionError, match="DeclaredIncident"):
        extract_events("text", incident=MAIN, source="S", published=SATURDAY,
                       incidents=[{"id": "a"}])  # type: ignore[list-item]


LATER = declarations_from([
    *({"id": d.incident_id, "date": d.first_day.isoformat(), "place": d.place} for d in DECLARED),
    {"id": "cape-lorn-2024-03-01", "date": "2024-03-01", "place": "Cape Lorn, Freedonia"},
])


def test_no_claim_goes_to_an_incident_declared_after_the_report_was_published() -> None:
    # "the previous attack on Cape Lorn" names the place of an incident of a later year; the
    # article of 2021 cannot recall it, so the claim is left out, not filed under it.
    text = "Four soldiers were wounded. The previous attack on Cape Lorn killed seven guards."
    assert routed(text, LATER) == [(MAIN, "wounded", 4)]


def test_days_after_another_attack_routes_to_the_incident_of_those_days() -> None:
    incidents = declarations_from([
        *({"id": d.incident_id, "date": d.first_day.isoformat(), "place": d.place} for d in DECLARED),
        {"id": "kestrel-2019-04", "date": "2019-04", "place": "Freedonia"},
    ])
    text = ("Gunmen ambushed a patrol near Forward Outpost Kestrel, killing four soldiers, days after "
            "gunmen killed seven guards in Freedonia.")
    assert routed(text, incidents) == [(MAIN, "killed", 4), ("kestrel-2021-06-02", "killed", 7)]


def test_a_toll_given_previously_is_still_the_main_incident() -> None:
    text = "The army had previously put the number of dead at 39."
    assert routed(text) == [(MAIN, "killed", 39)]


def test_a_country_that_says_where_the_attackers_are_is_not_another_incident() -> None:
    # the incident is in Iraq; "militants in Syria" places the attackers, "from Syria" gives the
    # origin of the rockets, "in Syria" alone is elsewhere
    text = ("Militants in Syria fired at least two rockets at the camp. Both rockets landed in open "
            "areas. Rockets fired from Syria wounded two soldiers. In Syria, a bombing killed nine people.")
    events = extract_events(text, incident="camp-2021-06-05", source="Example Wire", published=SATURDAY,
                            place="Camp Alpha, Iraq")
    assert [(c.field, c.value.low) for c in events[-1].claims] == [  # type: ignore[union-attr]
        ("rockets_fired", 2), ("rockets_impacted", 2), ("wounded", 2)]


def test_a_sentence_about_this_incident_does_not_carry_another_incidents_scope() -> None:
    text = ("Militants fired two rockets at the outpost, a day after an airstrike killed a commander. "
            "Both rockets landed in open areas.")
    assert routed(text) == [(MAIN, "rockets_fired", 2), (MAIN, "rockets_impacted", 2)]


def test_had_earlier_marks_an_earlier_incident() -> None:
    assert routed("Militants had earlier fired at least one rocket at the outpost.") == []


def test_a_date_routes_to_the_one_incident_in_the_main_incidents_region() -> None:
    incidents = declarations_from([
        {"id": "kiosk-2021-06-05", "date": SATURDAY, "place": "a kiosk, Varin, Lorn Province, Kenya"},
        {"id": "lorn-convoy-2020", "date": "2020", "place": "Lorn Province, Kenya"},
        {"id": "capital-church-2020-12-31", "date": "2020-12-31", "place": "a church, Vesk, Kenya"},
    ])
    events = extract_events("A bomb wounded four people. Last year, gunmen ambushed a convoy, killing six.",
                            incident="kiosk-2021-06-05", source="Example Wire", published=SATURDAY,
                            incidents=incidents)
    assert [(c.incident, c.field, c.value.low) for c in events[-1].claims] == [  # type: ignore[union-attr]
        ("kiosk-2021-06-05", "wounded", 4), ("lorn-convoy-2020", "killed", 6)]


def test_a_time_phrase_in_the_claims_own_clause_governs_it() -> None:
    incidents = declarations_from([
        *({"id": d.incident_id, "date": d.first_day.isoformat(), "place": d.place} for d in DECLARED),
        {"id": "kestrel-2021-03", "date": "2021-03", "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "kestrel-2021-04", "date": "2021-04", "place": "Forward Outpost Kestrel, Freedonia"},
    ])
    text = "Militants killed four guards in April, while gunmen killed five soldiers in March."
    assert routed(text, incidents) == [("kestrel-2021-04", "killed", 4), ("kestrel-2021-03", "killed", 5)]


def test_an_incident_date_without_a_zone_keeps_its_written_day() -> None:
    # Friday's report of Thursday's bombing: "On Wednesday" is the day before the incident, even
    # though the date, widened to every zone, would also cover Wednesday.
    incidents = declarations_from([
        {"id": "wednesday-2021-06-02", "date": "2021-06-02", "place": "Forward Outpost Kestrel, Freedonia"}])
    events = extract_events("On Wednesday four guards were killed near the outpost.",
                            incident="kestrel-2021-06-03", source="Example Wire", published="2021-06-04",
                            incident_date="2021-06-03",
                            place="Forward Outpost Kestrel, Freedonia", incidents=incidents)
    assert [(c.incident, c.value.low) for c in events[-1].claims] == [  # type: ignore[union-attr]
        ("wednesday-2021-06-02", 4)]


def test_in_that_attack_at_the_end_of_a_sentence_governs_all_its_figures() -> None:
    text = ("Two soldiers were wounded.\n\nThe outpost was also bombed in 2019.\n\n"
            "At least 23 were killed and more than 100 injured in that attack.")
    assert routed(text) == [(MAIN, "wounded", 2)]


SAME_DAY = declarations_from([
    {"id": MAIN, "date": SATURDAY, "zone": "Africa/Lagos", "place": "Forward Outpost Kestrel, Freedonia"},
    {"id": "marren-2021-06-05", "date": SATURDAY, "zone": "Africa/Lagos", "place": "Marren, Freedonia"},
    {"id": "camp-raid-2021-06-05", "date": SATURDAY, "zone": "Africa/Lagos",
     "place": "militant camp near Dovel, Freedonia"},
])


def test_a_sentence_set_at_another_declared_incidents_place_is_not_the_main_ones() -> None:
    text = ("Rockets hit Kestrel on Saturday, wounding four soldiers. Earlier, three guards were "
            "injured when a mortar shell hit in the Marren region. In the morning two people were "
            "killed when a rocket hit a house in the town of Marren.")
    claims = routed(text, SAME_DAY)
    assert (MAIN, "wounded", 4) in claims
    assert not [claim for claim in claims if claim[0] == MAIN and claim[1] != "wounded"]
    assert ("marren-2021-06-05", "wounded", 3) in claims
    assert ("marren-2021-06-05", "killed", 2) in claims


def test_another_place_is_not_read_where_the_sentence_names_the_attack_or_the_speaker_stood() -> None:
    text = ("Rockets hit the outpost on Saturday. Four soldiers were wounded in the attack, troops in "
            "Marren said. Two guards were killed, an officer told reporters in Marren.")
    claims = routed(text, SAME_DAY)
    assert (MAIN, "wounded", 4) in claims
    assert (MAIN, "killed", 2) in claims


def test_casualties_after_a_security_force_operation_are_not_the_attacks() -> None:
    text = ("A bomb killed three people at the Kestrel market on Saturday, police said.\n\n"
            "Earlier in the day, special forces staged an ambush on a militant camp.\n\n"
            "Officials said two fighters were critically injured but escaped.")
    claims = routed(text, SAME_DAY)
    assert (MAIN, "killed", 3) in claims
    assert not [claim for claim in claims if claim[1] == "wounded"]


def test_a_quotation_continued_in_the_next_paragraph_keeps_the_other_place() -> None:
    text = ("A bomb killed three police officers at Kestrel on Saturday.\n\n"
            "\u201cResidents of the Marren area have shared information about the attackers,\u201d "
            "she said.\n\n"
            "\u201cUnfortunately, two soldiers died of their injuries,\u201d the spokesman added.")
    claims = routed(text, SAME_DAY)
    assert (MAIN, "killed", 3) in claims
    assert (MAIN, "killed", 2) not in claims


# -- fifth round: charges about another attack, strikes named again, the attack placed in time --

def attributed(text: str) -> list[tuple[str, str, str | None]]:
    events = extract_events(text, incident=MAIN, source="Example Wire", published=SATURDAY,
                            incidents=DECLARED)
    return [(c.incident, c.value.stance, c.value.actor) for c in events[-1].claims  # type: ignore[union-attr]
            if c.field == "attribution"]


@pytest.mark.parametrize(("text", "expected"), [
    # the attack a charge names after the actor's apposition decides, not the sentence's start
    ("Officials blamed the Ardent Brigade, a shadowy militia, for Wednesday's attack on the outpost.",
     [("kestrel-2021-06-02", "accused", "Ardent Brigade")]),
    ("The army blamed the Ardent Brigade for the attack on Wednesday.",
     [("kestrel-2021-06-02", "accused", "Ardent Brigade")]),
    ("The army blamed the Ardent Brigade for Saturday's attack.", [(MAIN, "accused", "Ardent Brigade")]),
    # "who claimed responsibility for the bombing of <place> last year": that bombing's claim
    ("Vell Korr, who claimed responsibility for the bombing of Port Varin last December, was "
     "probably behind Saturday's attack, officials said.",
     [("harbour-2020-12-14", "claimed", "Vell Korr"), (MAIN, "suspected", "Vell Korr")]),
])
def test_a_charge_goes_to_the_attack_it_names(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attributed(text) == expected


def test_those_strikes_named_again_are_not_the_attack() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding two soldiers. On Wednesday, aircraft carried "
            "out air strikes on militia depots.\n\nOfficials said those strikes killed six fighters.")
    assert routed(text) == [(MAIN, "wounded", 2)]


def test_the_attack_placed_in_time_leaves_the_next_sentence_about_it() -> None:
    text = ("The attack came three days after a bombing at the port of Varin. Officials said 12 rockets "
            "were fired at the outpost.")
    assert routed(text) == [(MAIN, "rockets_fired", 12)]
    # without the attack as subject, the earlier incident's scope goes on
    recalled = ("Three days earlier, a bombing hit the outpost. Officials said 12 rockets were fired.")
    assert routed(recalled) == [("kestrel-2021-06-02", "rockets_fired", 12)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Wednesday attack on the outpost killed three soldiers.", [("kestrel-2021-06-02", "killed", 3)]),
    ("At the Wednesday meeting, officials said three soldiers were killed.", [(MAIN, "killed", 3)]),
    ("It was unclear at the time of the blast who fired the rockets; two soldiers died.",
     [(MAIN, "killed", 2)]),
])
def test_weekday_and_time_of_the_attack(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [item for item in routed(text) if item[1] != "attribution"] == expected


def test_a_time_phrase_opening_the_sentence_dates_a_similar_attack() -> None:
    text = "This past December, a similar attack killed a contractor at the port of Varin."
    assert routed(text) == [("harbour-2020-12-14", "killed", 1)]
    # the time phrase must open the sentence: elsewhere it dates only its own clause
    later = "A similar attack killed a contractor at the port, officials said in December."
    assert routed(later) == []


def test_a_name_used_as_a_place_decides_between_two_named_incidents() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "varin-2020-12-14", "date": "2020-12-14", "place": "Port Varin, Freedonia"},
        {"id": "strikes-2020-12", "date": "2020-12-15/2020-12-20",
         "place": "Vell Front (Harkat Vell) positions, Freedonia"},
    ])
    text = "In December, an attack by the Harkat Vell militia killed a contractor at a depot near Varin."
    assert routed(text, declared) == [("varin-2020-12-14", "killed", 1),
                                      ("varin-2020-12-14", "attribution", None)]
    # with neither name used as a place, the claim is dropped, never guessed
    both = "In December, Harkat Vell and Varin officials said a contractor was killed."
    assert routed(both, declared) == []


def test_that_attack_is_the_incident_the_previous_sentence_spoke_of() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding two soldiers.\n\n"
            "Last December, a bombing at the port of Varin killed nine people.\n\n"
            "Officials blamed the Ardent Brigade for that attack.")
    assert attributed(text) == [("harbour-2020-12-14", "accused", "Ardent Brigade")]
    # after a sentence about the reported attack, "that attack" marks nothing
    main = ("Last December, a bombing at the port of Varin killed nine people. Rockets hit the outpost "
            "on Saturday, wounding two soldiers. Officials blamed the Ardent Brigade for that attack.")
    assert attributed(main) == [(MAIN, "accused", "Ardent Brigade")]


@pytest.mark.parametrize(("text", "expected"), [
    # an aside about the attack between commas governs nothing outside it
    ("The rocket attack, the third since January, wounded two soldiers.", [(MAIN, "wounded", 2)]),
    ("Saturday's attack, which came a day after a similar strike on another base, wounded three "
     "soldiers.", [(MAIN, "wounded", 3)]),
    # "after", "as", "when" open a clause about another event
    ("The attack came as tensions rose after an air strike killed a commander in January.", []),
    # the response an earlier attack prompted is another event, whatever place the sentence names
    ("Last December, a bombing at the port of Varin killed nine people, prompting air strikes that "
     "killed 25 fighters.", [("harbour-2020-12-14", "killed", 9)]),
])
def test_asides_subordinate_clauses_and_responses(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert routed(text) == expected


def test_a_date_after_when_still_dates_the_claim_before_it() -> None:
    # the claim's own sentence names Wednesday: it is about Wednesday's attack, never the main one
    assert routed("Three soldiers were killed when rockets hit the outpost on Wednesday.") == [
        ("kestrel-2021-06-02", "killed", 3)]


def test_in_that_attack_is_the_incident_the_previous_sentence_dated() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding two soldiers.\n\n"
            "The attack recalled a bombing at the port of Varin last December.\n\n"
            "At least nine people were killed and 30 wounded in that attack.")
    assert routed(text) == [(MAIN, "wounded", 2), ("harbour-2020-12-14", "killed", 9),
                            ("harbour-2020-12-14", "wounded", 30)]


def test_a_wider_part_of_a_place_names_its_incident() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "tarra-2021-06-02", "date": "2021-06-02",
         "place": "Ziva village, Tarra, Orlan county, Freedonia"},
        {"id": "camp-2021-06-02", "date": "2021-06-02", "place": "militant camp near Vosk, Freedonia"},
    ])
    text = "On Wednesday, two reservists were killed in an attack in Tarra, Orlan county."
    assert routed(text, declared) == [("tarra-2021-06-02", "killed", 2)]
    # naming neither, the date alone cannot choose between the two: dropped
    assert routed("On Wednesday, two reservists were killed.", declared) == []


def test_the_attack_right_after_a_sentence_about_another_incident() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding two soldiers.\n\n"
            "Last December, a bombing at the port of Varin killed nine people.\n\n"
            "Officials blamed the Ardent Brigade for the attack.")
    assert attributed(text) == [("harbour-2020-12-14", "accused", "Ardent Brigade")]
    # a sentence that gave no figure about the other incident leaves "the attack" the main one
    background = ("Rockets hit the outpost on Saturday, wounding two soldiers.\n\n"
                  "The guards had been sent there after a bombing at the port of Varin last December.\n\n"
                  "Officials blamed the Ardent Brigade for the attack.")
    assert attributed(background) == [(MAIN, "accused", "Ardent Brigade")]


def test_the_attack_on_a_named_day_is_that_day_s_attack() -> None:
    text = "Officials said another soldier was wounded in the attack on Wednesday night."
    assert routed(text) == [("kestrel-2021-06-02", "wounded", 1)]


# Another incident told apart by its date, its place or its kind (Saturday 5 June 2021 is the
# publication day and the reported incident's day).
NEARBY = declarations_from([
    {"id": MAIN, "date": SATURDAY, "zone": "Africa/Lagos", "place": "Forward Outpost Kestrel, Freedonia"},
    *({"id": f"varin-{day}", "date": day, "zone": "Africa/Lagos", "place": "Port Varin, Freedonia"}
      for day in ("2021-06-01", "2021-06-03", "2021-06-04")),
    {"id": "lakeside-2021-06-05", "date": SATURDAY, "zone": "Africa/Lagos", "place": "Lakeside, Freedonia"},
])


def test_a_day_after_another_attack_counts_from_the_date_the_sentence_gives() -> None:
    text = ("Two soldiers were wounded at the outpost. On Friday, a bomb in Port Varin killed one person, "
            "a day after another bombing killed 13 people in Varin.")
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2), ("varin-2021-06-04", "killed", 1),
                                    ("varin-2021-06-03", "killed", 13)]


def test_hours_after_an_overnight_attack_and_that_shooting() -> None:
    text = ("A bomb killed three guards at the outpost. The bombing came hours after an overnight attack "
            "in which gunmen shot up a police post in Lakeside, killing two policemen.\n\n"
            "The Falcon Brigade has claimed responsibility for that deadly shooting as well.")
    claims = routed(text, NEARBY)
    assert claims[:2] == [(MAIN, "killed", 3), ("lakeside-2021-06-05", "killed", 2)]
    assert not [claim for claim in claims if claim[1] == "attribution" and claim[0] == MAIN]
    # "hours after the attack" names no other event of the day before: never routed to one
    assert routed("Hours after the attack, two guards died in hospital.", NEARBY) == []


def test_a_weekday_opening_the_sentence_is_a_time() -> None:
    text = "Tuesday, a car bomber targeted a truck in Port Varin, wounding six soldiers."
    assert routed(text, NEARBY) == [("varin-2021-06-01", "wounded", 6)]


def test_a_series_of_attacks_is_no_attribution_of_this_one() -> None:
    text = ("Three guards were wounded at the outpost. The outpost has been targeted many times by "
            "suspected Falcon Brigade militants.")
    claims = routed(text, NEARBY)
    assert claims[0] == (MAIN, "wounded", 3)
    assert not [claim for claim in claims if claim[1] == "attribution"]


def test_footage_that_surfaced_shows_another_event() -> None:
    text = ("Two soldiers were wounded at the outpost. In addition, footage that surfaced this week "
            "showed troops opening fire and killing 15 villagers.")
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2)]


def test_fire_at_another_country_is_another_incident() -> None:
    declared = declarations_from([
        {"id": "ori-2021-06-05", "date": SATURDAY, "place": "Mount Ori, Chad"}])
    events = extract_events(
        "A drone strike killed two men near Mount Ori on Saturday. On Saturday, the Falcon Brigade "
        "said it fired rockets at northern Niger.", incident="ori-2021-06-05",
        source="Example Wire", published=SATURDAY, incidents=declared)
    assert [(c.incident, c.field) for c in events[-1].claims] == [("ori-2021-06-05", "killed")]


def test_a_date_later_in_the_claim_s_clause_dates_it() -> None:
    text = "Three people were injured in Port Varin following an artillery shelling of the harbour on 3 June."
    assert routed(text, NEARBY) == [("varin-2021-06-03", "wounded", 3)]


def test_had_earlier_marks_an_earlier_event_but_not_an_earlier_statement() -> None:
    assert routed("Gunmen had earlier fired on a patrol in Port Varin, wounding two soldiers.", NEARBY) == [
        ("varin-2021-06-04", "wounded", 2)]
    assert routed("The army had earlier said two soldiers were wounded.", NEARBY) == [(MAIN, "wounded", 2)]


def test_an_opening_earlier_marks_an_earlier_event_but_not_an_earlier_statement() -> None:
    assert routed("Earlier, a mortar shell hit Lakeside, wounding three soldiers.", NEARBY) == [
        ("lakeside-2021-06-05", "mortars_impacted", 1), ("lakeside-2021-06-05", "wounded", 3)]
    assert routed("Earlier, the army said four soldiers were wounded.", NEARBY) == [(MAIN, "wounded", 4)]


def test_earlier_on_the_incident_s_day_is_another_event_of_that_day() -> None:
    assert routed("Earlier on Saturday, a blast in Lakeside killed two people.", NEARBY) == [
        ("lakeside-2021-06-05", "killed", 2)]


def test_a_carried_scope_keeps_the_dated_event_and_its_place() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding two soldiers.\n\n"
            "Two hours earlier, a siren sounded in Lakeside for the first time since the war began. "
            "A rocket landed in the area a short while later, wounding one man.")
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2), ("lakeside-2021-06-05", "rockets_impacted", 1),
                                    ("lakeside-2021-06-05", "wounded", 1)]


def test_the_country_is_the_last_country_word_of_a_place() -> None:
    declared = declarations_from([
        {"id": "ori-2021-06-05", "date": SATURDAY, "place": "Mount Ori, Chad"},
        {"id": "ena-2021-06-02", "date": "2021-06-02", "place": "Lake Ena, southern Chad"}])
    events = extract_events("On Wednesday, an attack killed two herders.", incident="ori-2021-06-05",
                            source="Example Wire", published=SATURDAY, incidents=declared)
    assert [(c.incident, c.field) for c in events[-1].claims] == [("ena-2021-06-02", "killed")]


def test_the_attack_came_a_day_after_names_the_event_after_it() -> None:
    text = ("Rockets hit Port Varin on Saturday, wounding two soldiers. The attack came a day after "
            "anti-tank missiles wounded four soldiers in Varin.")
    declared = declarations_from([
        {"id": "varin-2021-06-05", "date": SATURDAY, "place": "Port Varin, Freedonia"},
        {"id": "varin-2021-06-04", "date": "2021-06-04", "place": "Port Varin, Freedonia"}])
    events = extract_events(text, incident="varin-2021-06-05", source="Example Wire", published=SATURDAY,
                            incidents=declared)
    assert [(c.incident, c.value.low) for c in events[-1].claims] == [  # type: ignore[union-attr]
        ("varin-2021-06-05", 2), ("varin-2021-06-04", 4)]


def test_a_series_told_in_the_present_perfect_is_no_incident_s() -> None:
    text = ("Two soldiers were wounded at the outpost. The Falcon Brigade has fired rockets into the "
            "valley for years, often hitting camps for displaced people.")
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2)]


def test_a_toll_over_the_past_months_is_no_incident_s() -> None:
    text = ("Two soldiers were wounded at the outpost. More than 120 civilians have been killed, "
            "including 15 children, and 220 wounded in the province in the past six months.")
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2)]
    # a span that qualifies the attack leaves the claim this incident's
    assert routed("Three soldiers were killed, the third such attack in the past two weeks.", NEARBY) == [
        (MAIN, "killed", 3)]


def test_the_attack_after_a_sentence_about_an_undated_other_attack() -> None:
    # the similar attack names three declared incidents at Varin: its toll is dropped, and "the
    # attack" the next sentence claims is that one, never the main incident
    text = ("Two soldiers were wounded at the outpost. In a similar attack on Port Varin, gunmen killed two "
            "guards. The Falcon Brigade claimed responsibility for the attack.")
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2)]
    # after a toll "since January" (a span, no event) "the attack" is still the reported one
    since = ("Two soldiers were wounded at the outpost. The violence has killed 400 people since January. "
             "The Falcon Brigade claimed responsibility for the attack.")
    assert [claim[0] for claim in routed(since, NEARBY)] == [MAIN, MAIN]


def test_earlier_this_month_runs_from_the_month_s_start_to_the_day_before() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "varin-2021-06", "date": "2021-06", "place": "Port Varin, Freedonia"},
        {"id": "varin-2021-05", "date": "2021-05", "place": "Port Varin, Freedonia"}])
    text = "Earlier this month, a bombing in Port Varin killed nine people."
    assert routed(text, declared) == [("varin-2021-06", "killed", 9)]


@pytest.mark.parametrize("sentence", [
    "Another bombing killed 13 people in the hill town of Zorba.",
    "Elsewhere, a roadside bomb killed two soldiers in Zorba.",
    "In other violence, a roadside bomb killed two soldiers in Zorba.",
    "Police said a separate explosion in Zorba wounded three people.",
    "The latest attack follows a suicide bombing in Zorba that killed 20 people.",
    "The bombing was the second in Zorba in a month, after an attack that killed 15.",
    "On the same day, a car bomb killed nine people in Zorba.",
    "The attacks have left dozens dead across the province.",
])
def test_another_event_told_by_its_phrase_is_never_the_main_incident(sentence: str) -> None:
    text = "Two soldiers were wounded at the outpost.\n\n" + sentence
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2)]


def test_a_year_before_a_comma_marks_another_incident() -> None:
    text = "In 2019, the Falcon Brigade claimed a bombing at the outpost that killed 30 people."
    assert routed(text, NEARBY) == []


def test_a_string_of_attacks_a_group_is_blamed_for_is_no_incident_s_toll() -> None:
    text = ("Police blamed the Falcon Brigade for a string of attacks that have killed more than 50 people "
            "this year.")
    assert [claim for claim in routed(text, NEARBY) if claim[1] == "killed"] == []


def test_the_previous_day_is_the_day_before() -> None:
    text = "Two soldiers were wounded at the outpost. The previous day, gunmen killed four in Port Varin."
    assert routed(text, NEARBY) == [(MAIN, "wounded", 2), ("varin-2021-06-04", "killed", 4)]


def test_dying_days_after_the_attack_is_this_incident_s_toll() -> None:
    assert routed("Two guards died in hospital days after the attack.", NEARBY) == [(MAIN, "killed", 2)]


def test_weeks_after_attackers_acted_dates_that_event() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "varin-2021-05-15", "date": "2021-05-15", "place": "Port Varin, Freedonia"},
        {"id": "varin-2021-06-01", "date": "2021-06-01", "place": "Port Varin, Freedonia"}])
    text = ("Two soldiers were wounded at the outpost, three weeks after gunmen stormed a hotel in "
            "Port Varin, killing 12 guests.")
    assert routed(text, declared) == [(MAIN, "wounded", 2), ("varin-2021-05-15", "killed", 12)]


def test_the_year_of_a_full_date_is_that_date() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "kestrel-2020-05-30", "date": "2020-05-30", "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "kestrel-2020-01-10", "date": "2020-01-10", "place": "Forward Outpost Kestrel, Freedonia"}])
    text = "On May 30, 2020 gunmen killed four soldiers at the outpost."
    assert routed(text, declared) == [("kestrel-2020-05-30", "killed", 4)]


def test_a_date_in_the_claim_s_clause_dates_the_event_since_names() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "kestrel-2020-01-26", "date": "2020-01-26", "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "kestrel-2021-01-20", "date": "2021-01-20", "place": "Forward Outpost Kestrel, Freedonia"}])
    text = ("It was the deadliest raid on the outpost since a suicide attack killed 23 people at its gate "
            "in January last year.")
    assert routed(text, declared) == [("kestrel-2020-01-26", "killed", 23)]


def test_hours_earlier_dates_an_event_but_not_a_statement() -> None:
    declared = declarations_from([
        {"id": MAIN, "date": SATURDAY, "place": "Forward Outpost Kestrel, Freedonia"},
        {"id": "varin-2021-06-04", "date": "2021-06-04", "place": "Port Varin, Freedonia"}])
    assert routed("Hours earlier, gunmen killed three soldiers.", declared) == [
        ("varin-2021-06-04", "killed", 3)]
    # an earlier statement is never routed by its day to another incident of that day
    assert routed("Hours earlier, the army said three soldiers were killed.", declared) == []


def _attributions(text: str, **options: object) -> list[tuple[str, str, str | None]]:
    events = extract_events(text, incident=MAIN, source="Example Wire", published=SATURDAY,
                            **options)  # type: ignore[arg-type]
    return [(claim.incident, claim.value.stance, claim.value.actor)  # type: ignore[union-attr]
            for claim in events[-1].claims if claim.field == "attribution"]


def test_a_claim_for_the_attack_at_a_recalled_place_is_not_this_incident_s() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding four soldiers. No group claimed the attack."
            "\n\nLast month, a mortar barrage on the market in Dorvan killed a trader."
            "\n\nA group calling itself the Red Banner Brigade claimed the Dorvan attack.")
    assert _attributions(text) == [(MAIN, "no_claim", None)]
    declared = declarations_from([{"id": "dorvan-2021-05", "date": "2021-05-20",
                                   "place": "Dorvan, Freedonia"}])
    assert ("dorvan-2021-05", "claimed", "Red Banner Brigade") in _attributions(
        text, incidents=declared)


def test_a_place_named_about_this_incident_keeps_its_claims_here() -> None:
    # The place was named in a sentence about this incident: "the Dorvan attack" is this one.
    text = ("Rockets hit the outpost at Dorvan on Saturday, wounding four soldiers."
            "\n\nLast month, a mortar barrage on the market in Dorvan killed a trader."
            "\n\nA group calling itself the Red Banner Brigade claimed the Dorvan attack.")
    assert _attributions(text) == [(MAIN, "claimed", "Red Banner Brigade")]


def test_hours_after_a_visit_began_is_a_time_of_this_attack() -> None:
    # someone arriving is no event of its own: the rockets are the main incident's
    assert routed("Dozens of rockets were fired at the outpost only hours after the envoy arrived, "
                  "unannounced, to meet commanders.") == [(MAIN, "rockets_fired", 24)]
    # an attack after "hours after" is still another incident
    assert routed("Two rockets hit the outpost hours after a car bomb killed five guards at the port.") == []


def test_a_named_groups_drone_that_struck_days_ago_is_charged_with_that_attack() -> None:
    text = ("Drones hit the outpost on Saturday, the army said. Three days ago, a Houthi drone attacked "
            "the outpost, injuring eight soldiers, according to the army.")
    assert routed(text) == [("kestrel-2021-06-02", "wounded", 8), ("kestrel-2021-06-02", "attribution", None)]
    # an attack the main one answers is no charge about either
    assert routed("Drones hit the outpost on Saturday, wounding two soldiers, in response to a Houthi "
                  "drone attack three days ago.") == [(MAIN, "wounded", 2)]


def test_a_weekday_possessive_written_with_an_acute_accent_is_this_attacks_day() -> None:
    text = ("Rockets hit the outpost on Saturday, wounding two guards. The rebels began an offensive on "
            "April 4 to take the region. The origin of Saturday\u00b4s rocket fire was not confirmed, "
            "but the army blamed the Azawad Front.")
    assert routed(text) == [(MAIN, "wounded", 2), (MAIN, "attribution", None), (MAIN, "attribution", None)]


def test_a_clause_where_another_attack_struck_and_the_explosion_after_it() -> None:
    text = ("A car bomb exploded at the outpost on Saturday, killing nine people, an official said. "
            "The blast hit the same outpost where a car bomb had already killed four people on "
            "Wednesday, the official said. He said another 25 people were wounded in the explosion.")
    assert routed(text) == [(MAIN, "killed", 9), ("kestrel-2021-06-02", "killed", 4), (MAIN, "wounded", 25)]
    # the clause's own day, without "where", still routes its toll
    assert routed("The blast hit the outpost, and a car bomb had killed four people there on Wednesday.") == [
        ("kestrel-2021-06-02", "killed", 4)]
