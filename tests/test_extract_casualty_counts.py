"""Casualty and projectile counts read from wire copy: vague dozens, bombers' deaths, parts of
an attack named by a place or a blast, tolls over several attacks, and what is no count at all.
Every text is invented for its rule."""

from __future__ import annotations

from taji_events.extract import extract_events
from taji_events.model import Claim, Count


def claims_of(text: str) -> list[Claim]:
    events = extract_events(text, incident="town-2022-04-09", source="Example Wire", published="2022-04-09")
    return list(events[-1].claims)


def numbers(text: str) -> list[tuple[str, int, int | None, str | None]]:
    return [(c.field, c.value.low, c.value.high, c.scope) for c in claims_of(text)
            if isinstance(c.value, Count)]


def test_several_dozen_reads_as_dozens() -> None:
    assert numbers("The blast left four people dead and several dozen injured, police said.") == [
        ("killed", 4, 4, None), ("wounded", 24, None, None)]


def test_a_bomber_who_detonated_a_device_is_not_said_to_have_died() -> None:
    assert numbers("A suicide bomber detonated an explosive device at the market, police said.") == []
    assert numbers("A suicide bomber detonated his vest at the market gate, police said.") == [
        ("attackers_killed", 1, 1, None)]
    assert numbers("A suicide bomber detonated at the market gate, police said.") == [
        ("attackers_killed", 1, 1, None)]


def test_shock_mixed_with_injuries_gives_no_figure() -> None:
    assert numbers("Medics treated several people suffering from anxiety or who were injured.") == []


def test_a_toll_of_the_first_explosion_is_that_blasts_part() -> None:
    assert numbers("Three soldiers were killed in the first explosion, the army said.") == [
        ("killed", 3, 3, "first explosion")]


def test_one_of_the_rockets_landing_at_a_place_is_that_places_part() -> None:
    found = numbers("One of the rockets landed in the eastern part of the village, wounding two men.")
    assert found == [("rockets_impacted", 1, 1, "in the eastern part of the village"),
                     ("wounded", 2, 2, "in the eastern part of the village")]
    # a count that names no part keeps no scope
    assert numbers("One rocket fell on the main road near the village, police said.") == [
        ("rockets_impacted", 1, 1, None)]


def test_a_bare_one_landing_after_the_projectiles_were_named_is_one_of_them() -> None:
    found = numbers('"Mortars fell all morning ... one landed on the bakery," killing three people, '
                    "a shopkeeper said.")
    assert found == [("mortars_impacted", 1, 1, "on the bakery"), ("killed", 3, 3, "on the bakery")]


def test_a_third_projectile_is_counted_in_the_firing() -> None:
    found = numbers("Two missiles struck an army camp, residents said, while a third landed near a farm.")
    assert ("missiles_impacted", 1, 1, "near a farm") in found
    found = numbers("Two missiles targeted an army camp, residents said, while a third landed near a farm.")
    assert found == [("missiles_fired", 3, 3, None), ("missiles_impacted", 1, 1, "near a farm")]


def test_wounded_people_who_succumbed_are_deaths() -> None:
    assert numbers("Three more wounded guards succumbed to their injuries overnight, officials said.") == [
        ("killed", 3, 3, "died of their wounds later")]


def test_no_casualties_reported_immediately_is_silence() -> None:
    text = "A shell hit a warehouse, causing damage, but no casualties were reported immediately."
    assert numbers(text) == []
    assert numbers("A shell hit a warehouse, causing damage but no casualties.") == [
        ("killed", 0, 0, None), ("wounded", 0, 0, None)]


def test_a_toll_over_attacks_of_two_kinds_carries_a_scope() -> None:
    found = numbers("At least nine people were killed in 11 mortar attacks across the city after three "
                    "roadside bombings, officials said.")
    assert ("killed", 9, None, "mortar attacks and roadside bombings together") in found


def test_the_attack_that_killed_is_no_count_of_the_dead() -> None:
    assert numbers("Two blasts killed six people at the bus station, police said.") == [
        ("killed", 6, 6, None)]


def test_a_quotation_may_open_with_a_bare_count() -> None:
    assert numbers('"Twelve were killed in the ambush," the governor said.') == [("killed", 12, 12, None)]


def test_a_span_after_the_toll_makes_it_cumulative() -> None:
    assert numbers("More than 300 civilians have been killed in the province in the past eight months, "
                   "the ministry said.") == []


def test_people_hurt_on_the_way_to_shelter_are_a_part() -> None:
    assert numbers("Paramedics treated four people who were hurt while running to shelters.") == [
        ("wounded", 4, 4, "injured on the way to shelter")]


def test_uavs_are_drones_and_taken_down_is_an_interception() -> None:
    text = "Twelve UAVs were launched overnight and 10 of them were taken down, the air force said."
    assert numbers(text) == [
        ("drones_fired", 12, 12, None), ("drones_intercepted", 10, 10, None)]


def test_victims_and_attackers_listed_together_are_two_claims() -> None:
    assert numbers("Four villagers and two suicide bombers were killed, the agency said.") == [
        ("killed", 4, 4, None), ("attackers_killed", 2, 2, None)]


def test_the_bodies_of_people_are_their_deaths() -> None:
    assert numbers("Rescuers recovered the bodies of a farmer and a teacher from the rubble.") == [
        ("killed", 2, 2, None)]


def test_at_least_one_projectile_landing_at_a_place_is_a_part() -> None:
    assert numbers("At least one rocket landed in a school yard near the market, police said.") == [
        ("rockets_impacted", 1, None, "in a school yard near the market")]


def test_a_toll_of_attacks_in_the_plural_is_a_series() -> None:
    assert numbers("The attacks have left many dead and thousands displaced in the county.") == []


def test_bodies_a_witness_saw_are_at_least_that_many_and_a_part() -> None:
    assert numbers('"There were three bodies I saw near the gate," a trader told reporters.') == [
        ("killed", 3, None, "seen by a witness")]


def test_a_projectiles_fate_named_by_a_noun() -> None:
    assert numbers("Residents reported the landing of three mortars and the interception of two drones.") == [
        ("mortars_impacted", 3, 3, None), ("drones_intercepted", 2, 2, None)]
    assert numbers("Residents reported the landing of three rockets near the school.") == [
        ("rockets_impacted", 3, 3, None)]


def test_a_bare_count_described_by_its_wounds_is_a_part() -> None:
    found = numbers("Six guards were hurt. One was described as seriously injured, the police said.")
    assert found == [("wounded", 6, 6, None), ("wounded", 1, 1, "seriously injured")]


def test_a_fourth_death_is_counted_in_the_toll_before_it() -> None:
    assert numbers("Three were killed on the spot and a fourth died in hospital, the police said.") == [
        ("killed", 4, 4, None)]
    # an ordinal that does not follow the toll adds nothing
    assert numbers("Two guards were killed and a fourth died later.") == [("killed", 2, 2, None)]


def test_shooting_down_a_counted_projectile_is_an_interception() -> None:
    assert numbers("Air defences shot down two drones over the city, the army said.") == [
        ("drones_intercepted", 2, 2, None)]
    assert numbers("The defence system shot down three of the rockets, an official said.") == [
        ("rockets_intercepted", 3, 3, None)]
    # only projectiles: aircraft and people shot down are no interception counted here
    assert numbers("Rebels shot down two helicopters near the town.") == []


def test_a_tally_over_several_regions_is_no_incident_s() -> None:
    text = ("Shelling damaged houses in the town on Saturday. The ministry said its air defences shot "
            "down 12 drones over the Kolo, Varin and Dorvan regions overnight.")
    assert numbers(text) == []
    assert numbers("Air defences shot down 12 drones over the Kolo region overnight.") == [
        ("drones_intercepted", 12, 12, None)]


def test_of_them_after_a_sentence_that_counted_projectiles_is_a_part_of_those() -> None:
    assert numbers("At least eight rockets were fired at the town. Four of them landed in the market, "
                   "police said.") == [("rockets_fired", 8, None, None), ("rockets_impacted", 4, 4, None)]
    assert numbers("Eight drones were launched at the town. Six of them were intercepted.") == [
        ("drones_fired", 8, 8, None), ("drones_intercepted", 6, 6, None)]
    # no projectile verb: "them" is not the projectiles
    assert numbers("Militants fired eight rockets at the town. Police arrested four of them.") == [
        ("rockets_fired", 8, 8, None)]


def test_a_zero_for_a_nation_or_side_is_that_group_s_not_the_toll() -> None:
    assert numbers("There were no American casualties, an official said.") == [
        ("killed", 0, 0, "American"), ("wounded", 0, 0, "American")]
    assert numbers("No coalition troops were hurt, the coalition said.") == [
        ("wounded", 0, 0, "coalition troops")]
    # the whole of the people there: a zero for the toll
    assert numbers("No soldiers were hurt, the army said.") == [("wounded", 0, 0, None)]
    assert numbers("There were no casualties, police said.") == [
        ("killed", 0, 0, None), ("wounded", 0, 0, None)]


def test_roles_in_apposition_after_people_named_by_nation_are_the_same_people() -> None:
    found = [(c.field, c.value.low, dict(c.value.breakdown)) for c in claims_of(  # type: ignore[union-attr]
        "Two Americans, a soldier and a contractor, and a Briton were killed, the coalition said.")]
    assert found == [("killed", 3, {"US": 2, "GB": 1})]
    # a plain list of groups is summed, as before
    assert numbers("Three soldiers, two civilians and a policeman were killed.") == [("killed", 6, 6, None)]


def test_a_mortar_shell_is_a_mortar_and_an_interception_may_destroy() -> None:
    assert numbers("A mortar shell fell on the embassy compound, a spokesman said.") == [
        ("mortars_impacted", 1, 1, None)]
    assert numbers("Air defences intercepted and destroyed a drone launched towards the airport.") == [
        ("drones_intercepted", 1, 1, None), ("drones_fired", 1, 1, None)]
    # a bare "intercepted a drone launched toward ..." stays no count (often another attack's)
    assert numbers("Air defences intercepted a drone launched toward the capital.") == []


def test_a_lone_person_who_suffered_injuries_is_one_wounded() -> None:
    assert numbers("A soldier suffered minor injuries, the army said.") == [("wounded", 1, 1, None)]
    assert numbers("A soldier suffered a heart attack, the army said.") == []


def test_without_causing_casualties_is_a_zero() -> None:
    assert numbers("Three rockets fell inside the base without causing casualties, police said.") == [
        ("rockets_impacted", 3, 3, None), ("killed", 0, 0, None), ("wounded", 0, 0, None)]
    assert numbers("The shells fell without causing any injuries.") == [("wounded", 0, 0, None)]


def test_a_place_hit_by_a_lone_projectile_counts_one_impact() -> None:
    assert numbers("The hangar was struck by a rocket, guards said.") == [
        ("rockets_impacted", 1, 1, None)]
    assert numbers("The consulate was also hit by a mortar shell, the agency said.") == [
        ("mortars_impacted", 1, 1, None)]
    # the noun as a modifier is no projectile
    assert numbers("The hangar was hit by a rocket attack, guards said.") == []
    assert numbers("The hangar was hit by a drone strike, guards said.") == []


def test_a_projectile_destroyed_in_flight_is_intercepted() -> None:
    assert numbers("Air defences destroyed a Houthi drone that was flying toward the port.") == [
        ("drones_intercepted", 1, 1, None)]
    assert numbers("Air defences destroyed three missiles headed for the port, the army said.") == [
        ("missiles_intercepted", 3, 3, None)]
    # destroyed where it stood: no interception
    assert numbers("An air strike destroyed a drone parked at the airfield.") == []
    assert numbers("Troops destroyed two drones in a warehouse.") == []


def test_injuries_caused_to_people_count_the_wounded() -> None:
    assert numbers("A rocket hit the depot, causing minor injuries to three guards, police said.") == [
        ("rockets_impacted", 1, 1, None), ("wounded", 3, 3, None)]
    assert numbers("The blast inflicted wounds to two workers.") == [("wounded", 2, 2, None)]
    # no verb of causing, or no count after "to"
    assert numbers("Medics dressed injuries to two workers.") == []
    assert numbers("The blast caused injuries to his hands.") == []


def test_a_count_beside_other_people_is_a_part() -> None:
    assert numbers("Four guards and other workers were hurt in the blast, police said.") == [
        ("wounded", 4, 4, "guards")]
    assert numbers("Four guards and others were wounded.") == [("wounded", 4, 4, "guards")]
    # "other" after the verb is no part of the count
    assert numbers("The blast killed four guards and other workers fled.") == [("killed", 4, 4, None)]


def test_a_part_of_the_wounded_named_by_the_severity_of_its_wounds() -> None:
    assert numbers("Twelve of the guards suffered minor injuries.") == [("wounded", 12, 12, "minor injuries")]
    # not a part: the count is the whole
    assert numbers("Twelve guards suffered minor injuries.") == [("wounded", 12, 12, None)]


def test_shells_of_a_report_about_mortar_rounds_are_mortars() -> None:
    found = numbers("A mortar round struck the consulate. One of the shells exploded on its lawn, "
                    "the ministry said.")
    assert [field for field, *_ in found] == ["mortars_impacted"]
    # with another gun named, or no mortar at all, shells stay shells
    found = numbers("Tank and mortar fire hit the town. One of the shells exploded on a school.")
    assert [field for field, *_ in found] == ["shells_impacted"]
    found = numbers("One of the shells exploded on the consulate's lawn, the ministry said.")
    assert [field for field, *_ in found] == ["shells_impacted"]


def test_with_one_landing_at_a_place_is_that_places_part() -> None:
    found = numbers("Two rockets pounded fields near the depot, with one landing on a barracks, police said.")
    assert found == [("rockets_impacted", 1, 1, "on a barracks")]
    # a participle without "with" is read as before
    assert numbers("Two rockets hit the depot, one landing on a barracks.") == [
        ("rockets_impacted", 2, 2, None)]


def test_people_a_hospital_received_are_a_part_of_the_wounded() -> None:
    assert numbers("The clinic received two boys who had been injured, a nurse said.") == [
        ("wounded", 2, 2, "received at a hospital")]
    assert numbers("Two boys had been injured, a nurse said.") == [("wounded", 2, 2, None)]


def test_no_casualties_were_reported_is_silence() -> None:
    assert numbers("A shell hit a warehouse. No casualties were reported.") == []
    # a statement that there were none stays a zero
    assert numbers("A shell hit a warehouse. There were no casualties.") == [
        ("killed", 0, 0, None), ("wounded", 0, 0, None)]


def test_an_intercepted_projectile_whose_attacker_is_named_is_counted() -> None:
    assert numbers("Air defences intercepted a rocket fired by militants at the port, the army said.") == [
        ("rockets_intercepted", 1, 1, None), ("rockets_fired", 1, 1, None)]
    # aimed somewhere, no attacker named: often another attack's, no count
    assert numbers("Air defences intercepted a drone launched toward the port.") == []


def test_a_lone_drone_shot_down_is_one_interception() -> None:
    assert numbers("Air defences shot down a fixed-wing drone nearing the port, the governor said.") == [
        ("drones_intercepted", 1, 1, None)]
    # "shot" without "down" is the attackers' firing, no count
    assert numbers("Gunmen shot a drone operator near the port.") == []


def test_an_intercepted_projectile_that_was_launched_is_also_fired() -> None:
    assert numbers("Air defences intercepted three rockets fired at the port, the army said.") == [
        ("rockets_intercepted", 3, 3, None), ("rockets_fired", 3, 3, None)]
    assert numbers("Air defences destroyed a drone that was launched toward the port.") == [
        ("drones_intercepted", 1, 1, None), ("drones_fired", 1, 1, None)]
    # its aim is no launch
    assert numbers("Air defences shot down a drone that targeted the port.") == [
        ("drones_intercepted", 1, 1, None)]


# -- ninth round: parts told shell by shell and place by place, tallies over a span ------------

def test_the_toll_of_one_shell_among_several_is_that_shells_part() -> None:
    text = ("Mortar fire killed nine people at the market, police said. A mortar shell exploded near "
            "a bakery, killing five people and wounding four others. Moments later, another shell "
            "landed by the gate. The shell landed in a queue and killed two women.")
    assert numbers(text) == [
        ("killed", 9, 9, None),
        ("mortars_impacted", 1, 1, "a mortar shell exploded near a bakery"),
        ("killed", 5, 5, "a mortar shell exploded near a bakery"),
        ("wounded", 4, 4, "a mortar shell exploded near a bakery"),
        ("mortars_impacted", 1, 1, "another shell landed by the gate"),
        ("killed", 2, 2, "the shell landed in a queue")]
    # one shell and no larger toll before it: the shell's toll is the incident's
    assert numbers("A mortar shell exploded near a bakery, killing five people, police said.") == [
        ("mortars_impacted", 1, 1, None), ("killed", 5, 5, None)]
    # a toll as large as the one before is the same toll told again
    assert numbers("Mortar fire killed five people. A mortar shell exploded near a bakery, killing "
                   "five people.") == [("killed", 5, 5, None), ("mortars_impacted", 1, 1, None)]


def test_a_lone_shell_counts_only_in_a_mortar_report() -> None:
    assert numbers("Mortar fire hit the market. Another shell landed by the gate.") == [
        ("mortars_impacted", 1, 1, "another shell landed by the gate")]
    # a gun's shell has no count field (GUIDELINE 2)
    assert numbers("Artillery fire hit the market. Another shell landed by the gate.") == []


def test_the_dead_told_place_by_place_are_each_places_part() -> None:
    text = ("Shelling killed eleven civilians, the ambulance service said. Seven of them died in "
            "northern Ardo while the other four died in Vell.")
    assert numbers(text) == [("killed", 11, 11, None), ("killed", 7, 7, "died in northern Ardo"),
                             ("killed", 4, 4, "died in Vell")]
    # a hospital, or a place without a name, is no place of a part
    assert numbers("Four people were wounded, two of them later died in hospital.") == [
        ("wounded", 4, 4, None), ("killed", 2, 2, None)]
    assert numbers("Four people were wounded, two of them died in the ambulance.") == [
        ("wounded", 4, 4, None), ("killed", 2, 2, None)]


def test_a_bounded_part_of_them_named_by_its_people() -> None:
    assert numbers("A strike killed at least 20 people, with elders saying that more than a dozen of "
                   "them were civilians.") == [("killed", 20, None, None), ("killed", 13, None, "civilians")]
    # a vague part is no figure
    assert numbers("A strike killed at least 20 people; many of them were civilians.") == [
        ("killed", 20, None, None)]


def test_a_part_of_the_victims_belongs_to_the_one_toll_that_holds_it() -> None:
    text = "A strike killed at least 20 people. Nine were wounded. At least 12 of the victims were civilians."
    assert numbers(text) == [("killed", 20, None, None), ("wounded", 9, 9, None),
                             ("killed", 12, None, "civilians")]
    # both tolls could hold it: no claim
    assert numbers("A strike killed 20 people and wounded 30. Twelve of the victims were civilians.") == [
        ("killed", 20, 20, None), ("wounded", 30, 30, None)]


def test_wounded_ones_that_are_civilians_are_a_part() -> None:
    assert numbers("Two people killed, 40 wounded. Among them 30 wounded ones are civilians.") == [
        ("killed", 2, 2, None), ("wounded", 40, 40, None), ("wounded", 30, 30, "civilians")]


def test_more_people_dying_of_their_wounds_are_a_part() -> None:
    assert numbers("The blast killed nine people. Two more people died from their injuries, a doctor "
                   "said.") == [
        ("killed", 9, 9, None), ("killed", 2, 2, "died of their wounds later")]
    # without "more" or "later" the deaths are the toll as told
    assert numbers("Two people died from their injuries, a doctor said.") == [("killed", 2, 2, None)]
    assert numbers("A doctor said 25 people had died of their wounds.") == [("killed", 25, 25, None)]
    assert numbers("A doctor said more than 20 people had died of their wounds.") == [
        ("killed", 21, None, None)]
    assert numbers("The blast killed nine. Two people later died of their wounds.") == [
        ("killed", 9, 9, None), ("killed", 2, 2, "died of their wounds later")]


def test_most_of_the_dead_counted_before_is_no_figure() -> None:
    assert numbers("Shelling killed nine civilians. Most of the six civilians killed in the north were "
                   "from one family.") == [("killed", 9, 9, None)]


def test_a_tally_over_half_a_year_or_a_series_is_no_toll_of_the_incident() -> None:
    assert numbers("More than 1,000 civilians were killed and over 2,000 wounded in the country in the "
                   "first six months of 2021, the mission said.") == []
    assert numbers("More than 300 civilians have been killed so far this year, the mission said.") == []
    assert numbers("A series of attacks in the capital in the past fortnight has killed dozens of "
                   "people.") == []
    # "a series of blasts" at the incident itself is its toll
    assert numbers("A series of blasts killed five people at the depot.") == [("killed", 5, 5, None)]


def test_one_figure_with_two_qualifiers_is_two_statements() -> None:
    text = ("A strike killed at least 20 people; elders said more than a dozen of them were civilians. "
            "At least 13 of the victims were civilians.")
    assert numbers(text) == [("killed", 20, None, None), ("killed", 13, None, "civilians"),
                             ("killed", 13, None, "civilians")]


def test_no_one_got_hurt_is_a_zero_and_no_count_of_one() -> None:
    assert numbers("A rocket hit a field but no one got injured, police said.") == [
        ("rockets_impacted", 1, 1, None), ("wounded", 0, 0, None)]


def test_the_dead_and_the_hurt_counted_together_give_no_figure() -> None:
    assert numbers("About six civilians were killed or wounded by falling shells, police said.") == []
    assert numbers("Six civilians were killed and injured in the shelling.") == []
    # each with its own figure
    assert numbers("Six civilians were killed and 15 wounded in the shelling.") == [
        ("killed", 6, 6, None), ("wounded", 15, 15, None)]


def test_a_figured_part_in_a_list_of_lone_persons_is_a_subset() -> None:
    claims = numbers("Seven people were hurt in the blast including an infant, a young boy, and two women, "
                     "medics said.")
    assert claims[-1] == ("wounded", 2, 2, "women")
    assert [claim for claim in claims if claim[3] is not None] == [("wounded", 2, 2, "women")]
    # the list, short of the toll, is no breakdown of it
    (total,) = [claim for claim in claims_of("Seven people were hurt in the blast including an infant, a "
                                             "young boy, and two women.") if claim.scope is None]
    assert isinstance(total.value, Count) and total.value.breakdown == {}
    # a list of two parts with its figures is the toll's breakdown, as before
    assert numbers("Five people were injured by debris, including a woman and a child.") == [
        ("wounded", 5, 5, None)]


def test_a_days_toll_including_an_attacks_own_is_a_wider_toll() -> None:
    assert numbers("At least 13 people died, including 11 in twin mortar blasts at the market, as "
                   "fighting went on.") == [("killed", 13, None, "a wider toll, with other attacks"),
                                            ("killed", 11, 11, None)]
    # a part set at a place is no attack of its own
    assert numbers("At least 13 people died, including 11 in Ardo.") == [("killed", 13, None, None)]
    assert numbers("The blast killed 14 people, including seven soldiers.") == [
        ("killed", 14, 14, None), ("killed", 7, 7, "soldiers")]


def test_the_toll_of_the_first_or_a_second_strike_is_that_strikes_part() -> None:
    text = ("Two strikes hit the valley. The first drone strike targeted a truck. "
            "The attack killed at least eight people. Later a second drone fired missiles into a "
            "crowd, killing at least nine people.")
    assert numbers(text) == [("killed", 8, None, "first drone strike"),
                             ("killed", 9, None, "a second drone fired missiles into a crowd")]
    # "The attack" after a sentence that named no ordinal attack is the incident's
    assert numbers("A drone strike targeted a truck. The attack killed at least eight people.") == [
        ("killed", 8, None, None)]


def test_the_militants_a_drone_or_an_air_strike_kills_are_its_victims() -> None:
    assert numbers("Seven suspected militants were killed when a drone targeted a house, police said.") == [
        ("killed", 7, 7, None)]
    assert numbers("Two missiles targeted the compound, killing six militants, officials said.") == [
        ("missiles_fired", 2, 2, None), ("killed", 6, 6, None)]
    assert numbers("An air strike killed 12 insurgents near the border, the army said.") == [
        ("killed", 12, 12, None)]
    # militants killed while attacking stay attackers
    assert numbers("Six militants were killed when they stormed the depot, police said.") == [
        ("attackers_killed", 6, 6, None)]
    assert numbers("Six militants were killed in the raid on the depot, police said.") == [
        ("attackers_killed", 6, 6, None)]


def test_a_part_of_the_fired_that_struck_a_named_place_is_that_places_part() -> None:
    assert numbers("A total of five rockets were fired, three of which exploded in the center of Kolo.") == [
        ("rockets_fired", 5, 5, None), ("rockets_impacted", 3, 3, "in the center of Kolo")]
    # a place without a name, or a named place and no part of it, is no part of its own
    assert numbers("Five rockets were fired, three of which fell inside the perimeter.") == [
        ("rockets_fired", 5, 5, None), ("rockets_impacted", 3, 3, None)]
    assert numbers("The militia fired 30 rockets, 18 of which landed in Camp Kolo.") == [
        ("rockets_fired", 30, 30, None), ("rockets_impacted", 18, 18, None)]


def test_the_wounded_told_by_severity_in_one_sentence_are_summed() -> None:
    text = "Two other victims suffered serious and moderate wounds and four were lightly injured."
    assert numbers(text) == [("wounded", 6, 6, None)]
    assert numbers("Two people were seriously wounded and four were lightly injured.") == [
        ("wounded", 6, 6, None)]
    # no severity before: no sum (and no figure of the lightly hurt)
    assert numbers("Two people were wounded and four were lightly injured.") == [("wounded", 2, 2, None)]


def test_others_of_the_other_field_are_no_part_of_a_list() -> None:
    assert numbers("The dead included three women and two men, and eight others were wounded.") == [
        ("killed", 5, 5, None), ("wounded", 8, 8, None)]
    assert numbers("The attack killed three women and two men, and eight others were killed later.") == [
        ("killed", 13, 13, None)]


def test_an_attacker_who_killed_himself_is_an_attacker_killed() -> None:
    assert numbers("Police said a suspected militant killed himself when the bomb in his car exploded.") == [
        ("attackers_killed", 1, 1, None)]
    assert numbers("Police said the man killed himself.") == []


def test_a_smaller_figure_at_a_named_place_after_the_toll_is_that_places_part() -> None:
    assert numbers("Seven civilians were killed in the shelling. Five civilians were killed in Kolo in the "
                   "north.") == [("killed", 7, 7, None), ("killed", 5, 5, "in Kolo")]
    # the same figure again, or no toll before, is no part
    assert numbers("Seven civilians were killed in the shelling. Seven civilians were killed in Kolo.") == [
        ("killed", 7, 7, None)]
    assert numbers("Five civilians were killed in Kolo.") == [("killed", 5, 5, None)]
    # two places joined by "and" are one part's scope; a clause that goes on after "and" is not
    assert numbers("Seven civilians were killed in the shelling. Five civilians were killed in Kolo and "
                   "Tashka.") == [("killed", 7, 7, None), ("killed", 5, 5, "in Kolo and Tashka")]
    assert numbers("Seven civilians were killed in the shelling. Five civilians were killed in Kolo and "
                   "Police said the toll could rise.")[1] == ("killed", 5, 5, "in Kolo")


def test_no_serious_injuries_is_no_zero() -> None:
    assert numbers("Her husband suffered no serious injuries, the governor said.") == []
    assert numbers("There were no injuries, the governor said.") == [("wounded", 0, 0, None)]


def test_a_bodyguard_a_driver_and_a_youth_are_people() -> None:
    assert numbers("Two rockets landed in the town, killing a 57-year-old woman and injuring a 24-year-old "
                   "bodyguard.") == [("rockets_impacted", 2, 2, None), ("killed", 1, 1, None),
                                     ("wounded", 1, 1, None)]
    assert numbers("Troops killed a taxi driver and a passenger, witnesses said.") == [("killed", 2, 2, None)]
    # a vague number of them among the dead is no figure
    assert numbers("Several bodyguards are said to be among the dead.") == []


def test_attackers_and_a_victim_after_one_verb_are_each_counted() -> None:
    assert numbers("A car bomb exploded near the market, killing two suspected militants and an officer, "
                   "police said.") == [("attackers_killed", 2, 2, None), ("killed", 1, 1, None)]
    assert numbers("A car bomb exploded, killing two militants and three officers, police said.") == [
        ("attackers_killed", 2, 2, None), ("killed", 3, 3, None)]
    # one list of one kind stays one figure
    assert numbers("A car bomb exploded, killing two women and three officers, police said.") == [
        ("killed", 5, 5, None)]


def test_a_groups_record_over_the_years_is_no_toll() -> None:
    assert numbers("The Kolo Front has killed dozens of soldiers in ambushes and other attacks over the "
                   "years.") == []
    assert numbers("The Kolo Front has killed dozens of soldiers in the past.") == []
    # a span that dates this attack's toll is kept
    assert numbers("The Kolo Front killed 12 soldiers in the past 24 hours.") == [("killed", 12, 12, None)]


def test_a_models_name_between_the_count_and_its_noun() -> None:
    assert numbers("In the evening, air defence forces shot down 2 Kolo-136 kamikaze drones over the "
                   "region, the governor said.") == [("drones_intercepted", 2, 2, None)]
    # a spaced dash is no model's name
    assert numbers("Forces fired 3 Kolo - 21 rockets at the town, the governor said.") == []


def test_a_blast_that_killed_the_bomber_himself_is_one_attacker_killed() -> None:
    assert numbers("The explosion occurred at around noon and killed the bomber himself and destroyed his "
                   "vehicle, a police spokesman said.") == [("attackers_killed", 1, 1, None)]
    assert numbers("The explosion killed the bomber and destroyed his vehicle, a police spokesman "
                   "said.") == []
    assert numbers("Police said the blast killed the officer himself.") == []


def test_a_chief_and_others_are_people_of_one_list() -> None:
    assert numbers("Insurgents killed a provincial police chief and two others in a roadside bomb attack, "
                   "the governor said.") == [("killed", 3, 3, None)]
    # a chief as the speaker is no figure
    assert numbers("The army chief said two soldiers were killed.") == [("killed", 2, 2, None)]


def test_rockets_and_mortars_in_one_figure_are_counted_together() -> None:
    assert numbers("More than 30 rockets and mortars were fired at southern towns, officials said.") == [
        ("rockets_fired", 31, None, "rockets and mortars together")]
    assert numbers("More than 30 rockets were fired at southern towns, officials said.") == [
        ("rockets_fired", 31, None, None)]


def test_a_bare_count_with_a_verb_of_interception_is_the_part_stopped() -> None:
    assert numbers("The military said more than 30 rockets were fired over two hours, with three "
                   "intercepted by the missile defence system.") == [
        ("rockets_fired", 31, None, None), ("rockets_intercepted", 3, 3, None)]
    # without "with", or without projectiles named before, no part is read
    assert numbers("The military said more than 30 rockets were fired over two hours, three intercepted "
                   "by the system.") == [("rockets_fired", 31, None, None)]
    assert numbers("The military said two people were wounded, with three intercepted by police.") == [
        ("wounded", 2, 2, None)]


def test_a_toll_in_a_clause_of_an_earlier_night_is_not_this_incidents() -> None:
    assert numbers("Militants, after attacking and killing three policemen in the city last night, planted a "
                   "mine and detonated it, killing five police.") == [("killed", 5, 5, None)]
    # the clause's time outside the toll, or no time of its own, keeps the toll
    assert numbers("Militants, after attacking a checkpoint last night, killed three policemen.") == [
        ("killed", 3, 3, None)]
    assert numbers("After killing three policemen, militants planted a mine.") == [("killed", 3, 3, None)]


def test_animals_killed_are_no_casualties() -> None:
    assert numbers("The rockets damaged an apartment building and killed several animals in a petting "
                   "zoo.") == []
    assert numbers("The rockets killed several people in a petting zoo.") == [("killed", 3, 9, None)]


def test_a_count_in_scare_quotes_after_a_verb_of_killing() -> None:
    assert numbers('Rebels attacked a convoy of refugees with rockets, killing "dozens" of people, officials '
                   'said.') == [("killed", 24, None, None)]
    # a quotation opening before the count keeps its own reading
    assert numbers('The rockets fell, officials said: "Five people were killed."') == [("killed", 5, 5, None)]


def test_one_and_another_at_two_places_are_two_parts() -> None:
    assert numbers("Police said one rocket exploded near a gas station and another near a public "
                   "library.") == [("rockets_impacted", 1, 1, "near a gas station"),
                                   ("rockets_impacted", 1, 1, "near a public library")]
    # one place alone, or "another" without a place, keeps the single impact without a scope
    assert numbers("Police said one rocket exploded near a gas station.") == [
        ("rockets_impacted", 1, 1, None)]
    assert numbers("Police said one rocket exploded near a gas station and another was intercepted.") == [
        ("rockets_impacted", 1, 1, None)]


def test_a_toll_of_another_attack_the_group_also_claimed_is_not_this_incidents() -> None:
    assert numbers("The militants have increasingly targeted security forces, and also claimed they were "
                   "behind an audacious assault inside the ministry in the capital on Monday that killed at "
                   "least two soldiers.") == []
    # the attack named with "the" keeps its toll
    assert numbers("The militants also claimed they were behind the attack that killed at least two "
                   "soldiers.") == [("killed", 2, None, None)]


def test_the_hospitalized_are_a_part_of_the_wounded() -> None:
    assert numbers("Six people were injured, one person was hospitalized, the governor said.") == [
        ("wounded", 6, 6, None), ("wounded", 1, 1, "hospitalized")]
    assert numbers("Six people were injured, the governor said.") == [("wounded", 6, 6, None)]


def test_the_rest_of_a_part_told_by_its_people_is_a_part_too() -> None:
    assert numbers("Ten people were wounded. According to sources, two of the wounded are government "
                   "employees and six are security force members.") == [
        ("wounded", 10, 10, None), ("wounded", 2, 2, "government employees"),
        ("wounded", 6, 6, "security force members")]
    # no people named after "are": no part
    assert numbers("Ten people were wounded. According to sources, two of the wounded are government "
                   "employees and six are missing.") == [
        ("wounded", 10, 10, None), ("wounded", 2, 2, "government employees")]


def test_a_bare_count_a_verb_of_speech_reports_is_read() -> None:
    assert numbers("An official told the agency that 16 died in the strike.") == [("killed", 16, 16, None)]
    assert numbers("Officials said that at least 30 died in the raid.") == [("killed", 30, None, None)]
    assert numbers("He told reporters that 16 were killed in the strike.") == [("killed", 16, 16, None)]
    # near misses: no verb of speech before the count, a date, a cause of death that is no attack
    assert numbers("In the end 16 died in the strike.") == []
    assert numbers("He said 16 died of heart attacks in 2010.") == []


def test_the_unit_commander_after_a_toll_is_one_more_casualty() -> None:
    assert numbers("An officer said 12 soldiers were killed and the base commander was injured.") == [
        ("killed", 12, 12, None), ("wounded", 1, 1, "base commander")]
    assert numbers("He said 12 soldiers were killed and the commander of the base was injured.") == [
        ("killed", 12, 12, None), ("wounded", 1, 1, "commander of the base")]
    # near misses: the same field (he may be among the dead), no toll before, another verb
    assert numbers("He said 12 soldiers were killed and the commander was killed.") == [
        ("killed", 12, 12, None)]
    assert numbers("The commander was injured.") == []
    assert numbers("12 soldiers were killed and the area commander was briefed.") == [
        ("killed", 12, 12, None)]


def test_a_kinsman_after_and_his_is_one_more() -> None:
    assert numbers("The agency said the shells had killed a man and his son.") == [("killed", 2, 2, None)]
    assert numbers("A woman and her husband were wounded in the attack.") == [("wounded", 2, 2, None)]
    # near misses: no "and" before the possessive, no kinsman after it
    assert numbers("His son was killed in the attack.") == []
    assert numbers("The shells killed a man and his cow.") == [("killed", 1, 1, None)]


def test_a_part_of_the_wounded_told_by_its_severity_is_scoped_by_it() -> None:
    assert numbers("Four policemen, including one critically injured, were hurt in the blast.") == [
        ("wounded", 4, 4, None), ("wounded", 1, 1, "critically injured")]
    assert numbers("Four policemen were hurt in the blast, including two seriously injured.") == [
        ("wounded", 4, 4, None), ("wounded", 2, 2, "seriously injured")]
    assert numbers("Three soldiers were injured when a shell hit the town. Two sustained moderate "
                   "wounds.") == [("wounded", 3, 3, None), ("wounded", 2, 2, "moderate wounds")]
    # no toll of the wounded before: the bare count is no part of one
    assert numbers("Two sustained moderate wounds.") == []
    # the wounds of a thing, not of people; a death is no wound
    assert numbers("Three soldiers were injured. The two sustained moderate damage.") == [
        ("wounded", 3, 3, None)]
    assert ("wounded", 1, 1, "fatally injured") not in numbers(
        "Four policemen were hurt in the blast, including one fatally injured.")


def test_the_rest_told_by_another_severity_is_the_remainder_of_the_wounded() -> None:
    found = numbers("Three soldiers were injured when a shell hit the town. Two sustained moderate wounds "
                    "while the third was lightly hurt.")
    assert found[-2:] == [("wounded", 2, 2, "moderate wounds"), ("wounded", 1, 1, "lightly hurt")]
    found = numbers("A missile hit the town, wounding five soldiers. One was described as moderately wounded "
                    "and the rest as slightly wounded.")
    assert found[-2:] == [("wounded", 1, 1, "moderately wounded"), ("wounded", 4, 4, "slightly wounded")]
    # "the other" is one only when the toll is one more than the part; an ordinal only one past it
    assert ("wounded", 1, 1, "slightly wounded") not in numbers(
        "A missile hit the town, wounding five soldiers. One was described as moderately wounded and the "
        "other as slightly wounded.")
    assert ("wounded", 1, 1, "lightly hurt") not in numbers(
        "Three soldiers were injured. Two sustained moderate wounds while the fourth was lightly hurt.")
    # no toll: the rest has no figure
    assert numbers("A missile hit the town. One was described as moderately wounded and the rest as slightly "
                   "wounded.")[-1][3] == "moderately wounded"


def test_a_named_group_also_killed_after_a_toll_is_a_part_scoped_by_it() -> None:
    assert numbers("Three soldiers were killed in the ambush. Two civilian porters engaged by the army "
                   "were also killed.") == [("killed", 3, 3, None), ("killed", 2, 2, "civilian porters")]
    assert numbers("Two blasts hit the town, killing 15 people. A policeman was also killed.") == [
        ("killed", 15, 15, None), ("killed", 1, 1, "policeman")]
    # a whole group ("people", "soldiers"), a nationality, no toll of the same field before, or
    # a clause between: no part
    assert numbers("Three soldiers were killed. Two people were also killed.")[-1] == ("killed", 2, 2, None)
    assert numbers("Three soldiers were killed. Five US soldiers were also killed.")[-1][3] is None
    assert numbers("Three soldiers were killed. Two workers were also wounded.")[-1] == (
        "wounded", 2, 2, None)
    assert numbers("Two workers were also killed.") == [("killed", 2, 2, None)]
    assert numbers("Three soldiers were killed. Two workers, he said, were also killed.")[-1] == (
        "killed", 2, 2, None)
