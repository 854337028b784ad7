"""Attribution phrasings read from real reports, one invented sentence (or two) per rule,
with the near misses each rule must leave alone (docs/extraction.md, "Phrasing rules")."""

from __future__ import annotations

import pytest

from taji_events.extract import extract_events
from taji_events.model import Attribution, Claim


def claims_of(text: str) -> list[Claim]:
    events = extract_events(text, incident="base-2021-06-02", source="Example Wire", published="2021-06-02")
    return list(events[-1].claims)


def attributions(text: str) -> list[tuple[str | None, str]]:
    return [(c.value.actor, c.value.stance) for c in claims_of(text) if isinstance(c.value, Attribution)]


@pytest.mark.parametrize(("text", "expected"), [
    # a name with a parenthesis or an "or" apposition before the verb
    ("The Azawad Front (AF, once called the Northern League) has claimed responsibility for the blast.",
     [("Azawad Front", "claimed")]),
    ("In a statement, the banned Azawad Front, or AF, claimed responsibility for the attack.",
     [("banned Azawad Front", "claimed")]),
    # a second statement after a no_claim one
    ("No group has claimed responsibility, but police said the Azawad Front could have been behind "
     "the attack.", [(None, "no_claim"), ("Azawad Front", "suspected")]),
    ("No group has claimed responsibility for the attack.", [(None, "no_claim")]),
    # a charge told as the speaker's words; a generic subject names no one
    ("The Azawad Front was responsible for the attack, a security official said.",
     [("Azawad Front", "accused")]),
    ("The Azawad Front's allies were responsible, officials said.", [("Azawad Front's allies", "accused")]),
    ("Militants were responsible, officials said.", []),
    ("The militia is responsible for security in the area, officials said.", []),
    # a named group owning the weapon that struck
    ("A Houthi drone attacked the depot, the army said.", [("Houthi", "accused")]),
    ("A Kolo drone attacked the depot, the army said.", []),
    # the owner of the weapon
    ("Officials said the drone belonged to the Azawad Front.", [("Azawad Front", "accused")]),
    ("The drones belonged to unknown attackers, officials said.", []),
    # the attacker named after a belief or a statement
    ("Officials said they believe the Azawad Front carried out the attack.", [("Azawad Front", "suspected")]),
    ("Officials said the Azawad Front fired the rockets.", [("Azawad Front", "accused")]),
    ("Police said gunmen fired the rockets from a truck.", []),
    # a denial told as the group's words; a speaker's own affairs are no denial
    ("The Azawad Front said in a statement that it was not involved.", [("Azawad Front", "denied")]),
    ("The Azawad Front said it had nothing to do with the attack.", [("Azawad Front", "denied")]),
    ("Police said they were not responsible for the delay.", []),
    ("The army said it was not involved in the clashes.", []),
    # a negated charge is no charge
    ("Officials said the Azawad Front was not behind the attack.", []),
    # "previously unknown" is no earlier incident
    ("A previously unknown group, the Guardians of Dunes, claimed responsibility for the attack.",
     [("Guardians of Dunes", "claimed")]),
    # a group named in apposition after a generic noun
    ("The attack was claimed by a little-known group, the Guardians of Dunes, in a statement.",
     [("Guardians of Dunes", "claimed")]),
    ("The attack was claimed by a little-known group, Iraqi officials said.",
     [("little-known group", "claimed")]),
    # too soon to say who: nobody is held responsible yet; too soon to count says nothing of it
    ("It is too soon to say who was responsible, the minister said.", [(None, "no_claim")]),
    ("An official said it was too early to speculate on who was behind the attack.",
     [(None, "no_claim")]),
    ("It was too early to say how many people were hurt, an official said.", []),
    ("No group has claimed responsibility, but the Azawad Front claimed a bombing in the city.",
     [(None, "no_claim")]),
    ("No group has claimed responsibility, but Azawad Front fighters killed ten people there.",
     [(None, "no_claim")]),
    # a part of a group: the group is the actor
    ("The mayor said the blast could be the work of the same faction of the Azawad Front.",
     [("Azawad Front", "suspected")]),
    ("Officials said a regional affiliate of the Azawad Front may have carried out the attack.",
     [("Azawad Front", "suspected")]),
    # denials of a hand or a role
    ("The Azawad Front has denied having a hand in the bombing.", [("Azawad Front", "denied")]),
    ("The Azawad Front denies playing any role in the attack.", [("Azawad Front", "denied")]),
    # "the latest by X"
    ("The shelling was the latest by the Azawad Front on the town.", [("Azawad Front", "accused")]),
    # "X launched a series of attacks" is this incident; a series blamed on X is not
    ("The Azawad Front launched a series of rocket attacks on the town.",
     [("Azawad Front", "accused")]),
    ("Officials have blamed a series of rocket attacks on the Azawad Front.", []),
    # a named group owning the attack
    ("Two farmers were killed in Hezbollah rocket strikes on the valley, the ministry said.",
     [("Hezbollah", "accused")]),
    ("Sirens sounded during a Hamas rocket barrage on the coast.", [("Hamas", "accused")]),
    ("A Houthi missile and drone attack hit the depot.", [("Houthi", "accused")]),
    # ... not a place, not the attack another one answers, not a habit
    ("Two farmers were killed in Kolo rocket strikes on the valley.", []),
    ("The jets struck the camp in response to a Hezbollah rocket attack.", []),
    ("Hezbollah rocket attacks often hit the valley.", []),
    ("The town has been shelled daily since the Hamas attack on the border.", []),
    ("The depot was hit where a Houthi drone attack killed two guards earlier this month.", []),
    # a definite group noun stands for the group last named
    ("The Azawad Front claimed responsibility for the raid. Later, the group ambushed a convoy near "
     "the town.", [("Azawad Front", "claimed"), ("Azawad Front", "accused")]),
    ("Suspected Azawad Front fighters stormed the post. Later, the group ambushed a convoy.",
     [("Azawad Front fighters", "suspected"), ("Azawad Front fighters", "accused")]),
    ("Militants stormed the post. Later, the group ambushed a convoy.", []),
    ("The Azawad Front attacked the post. The militant group said the attack was in response "
     "to raids on its villages.", [("Azawad Front", "accused"), ("Azawad Front", "claimed")]),
    ("Freedonia said the strikes were in response to the shelling.", []),
    # habits are no attribution of this attack
    ("The Azawad Front has fired rockets at the town for months, often hitting homes.", []),
    # a group owning the attack in other words
    ("The Azawad Front said it was behind the attack.", [("Azawad Front", "claimed")]),
    ("The Azawad Front said in a statement that it was responsible for the bombing.",
     [("Azawad Front", "claimed")]),
    ("The Azawad Front announced responsibility for the attack.", [("Azawad Front", "claimed")]),
    ("The Azawad Front acknowledged carrying out the attack.", [("Azawad Front", "claimed")]),
    ("The Azawad Front issued a statement claiming responsibility for the attack.",
     [("Azawad Front", "claimed")]),
    ("Azawad Front spokesman Abu Kolo said the group had launched drones at the airport.",
     [("Azawad Front", "claimed")]),
    ("Police said they were responsible for the attack on the protesters.", []),
    ("The Azawad Front said they were responsible for security at the market.", []),
    # charges in other words
    ("The attack was blamed on the Azawad Front.", [("Azawad Front", "accused")]),
    ("Authorities attributed the attack to the Azawad Front.", [("Azawad Front", "accused")]),
    ("Officials pointed the finger at the Azawad Front.", [("Azawad Front", "accused")]),
    ("The ministry attributed the delay to bad weather.", []),
    ("Officials blamed the blast on a gas leak.", []),
    # the attacker's role after the group's name is not part of it
    ("An Azawad Front suicide car bomber targeted a truck carrying soldiers.", [("Azawad Front", "accused")]),
    ("A suicide bomber targeted a truck carrying soldiers.", []),
    # no one in particular, or the speaker's own side
    ("Radio reports said an unknown Azawad group had fired the rockets.", []),
    ("\u201cOur men attacked the post,\u201d the commander said.", []),
    # the owner of a weapon that was stopped: "destroyed a Houthi drone", "the movement's drones"
    ("Air defences destroyed a Houthi drone that was flying toward the depot, the army said.",
     [("Houthi", "accused")]),
    ("The coalition said it had intercepted a number of Houthi movement\u2019s drones over the port.",
     [("Houthi movement", "accused")]),
    ("Air defences destroyed a Kolo drone over the port.", []),
    ("Troops destroyed two Houthi rocket launchers near the port.", []),
    # "confirmed they had launched": a group owning the attack
    ("The Houthis confirmed they had fired a missile at the depot.", [("Houthis", "claimed")]),
    # no charge about the attack: a carrier, a charge of coercion, a habit
    ("Pictures showed a burnt airliner operated by Kolo Air at the depot.", []),
    ("The drone was operated by the Azawad Front, officials said.", [("Azawad Front", "accused")]),
    ("Shells hit the depot as the capital accused Kolo of pressuring it over a vote.", []),
    ("Houthi attacks on the port have grown increasingly frequent, officials said.", []),
    # the attack's origin not known: no one has claimed it
    ("The origin of the mortar fire was not confirmed, but police blamed the Azawad Front.",
     [(None, "no_claim"), ("Azawad Front", "accused")]),
    ("The source of the blaze was a faulty cable.", []),
    # the group's kind between its name and the attack
    ("Six guards were hurt in a Houthi rebel attack on the depot, the army said.", [("Houthi", "accused")]),
    ("Six guards were hurt in a Kolo rebel attack on the depot.", []),
    # "rocket fire by X": the actor ends at the clause's verb, and takes the name after "loyal to"
    ("Mortar fire by the Azawad Front wounded six guards, the army said.", [("Azawad Front", "accused")]),
    ("Rocket fire by fighters loyal to the exiled general Abu Kolo hit the depot.",
     [("fighters loyal to the exiled general Abu Kolo", "accused")]),
    ("Rocket fire by militants wounded six guards.", []),
    # the actor ends at its armed men's noun when an unknown word runs on (a mistyped verb)
    ("Four guards were killed after mortars fired by the Azawad militants stuck the depot, police said.",
     [("Azawad militants", "accused")]),
    ("Mortars fired by Azawad Front militants hit the depot, police said.",
     [("Azawad Front militants", "accused")]),
    ("Rockets launched by the Azawad Front landed in the market, police said.",
     [("Azawad Front", "accused")]),
    # a passive charge: the subject is charged, the "by" phrase holds the charge
    ("The Azawad Front, a militant group, has been accused by the army for the attack.",
     [("Azawad Front", "accused")]),
    ("Militants were blamed by officials for the blast.", []),
    # a reason quoted after "saying" is not the sentence's topic ("such attacks")
    ("The Azawad Front denied the allegation by saying, “we have no interest in such attacks”.",
     [("Azawad Front", "denied")]),
    ("Police blamed such attacks on the Azawad Front.", []),
])
def test_attribution_phrasing(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert attributions(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an actor with an apposition naming its parent or its other name before the verb
    ("The Kolo Brigades, military wing of the Azawad Front, took responsibility for the attack.",
     [("Kolo Brigades", "claimed")]),
    ("Abu al-Kolo, Azawad' military wing, also took responsibility for the attack.",
     [("Abu al-Kolo", "claimed")]),
    ("The Azawad Front, also known as AF, claimed responsibility for the attack.",
     [("Azawad Front", "claimed")]),
    ("The Azawad Front also claimed responsibility for the attack.", [("Azawad Front", "claimed")]),
    ("The village, military wing of nothing, took responsibility.", []),
    # the fire of a state's forces named by their side
    ("Three people were wounded by mortar shells fired by coalition forces from the border side, an "
     "official said.", [("coalition forces", "accused")]),
    ("Mortar shells fired by militants hit the village.", []),
    ("Two men were killed by security forces.", []),
    # a denial by rejecting the charge, and the counter-charge its subject makes
    ("However, the Azawad Front has rejected the claim and has blamed security forces for the incident.",
     [("security forces", "accused"), ("Azawad Front", "denied")]),
    ("The army blamed security forces for the delay.", []),
    ("Police rejected the claim.", []),
    ("The Azawad Front rejected the claim that the convoy was late.", []),
    # an inquiry still open: no one has claimed it
    ("Police said efforts were under way to ascertain which group had planned the blast.",
     [(None, "no_claim")]),
    ("Police were trying to determine who was killed in the blast.", []),
    # the attack read as one of a named group's campaign
    ("Six guards were killed at the depot, officials said, apparently part of a new Azawad Front "
     "campaign of attacks.", [("Azawad Front", "suspected")]),
    ("The raid was part of a new army campaign.", []),
    # the named owner of the post the fire came from
    ("Officials said that several mortar shells were fired from a Kolo base in the province.",
     [("Kolo", "accused")]),
    ("Officials said the rockets were fired from a Syrian army position.", []),
    ("The rockets were fired from the Gaza Strip.", []),
    # fighters, a participle and its object before the claim: the fighters claim
    ("Kolo militants fighting the Azawad government have claimed responsibility for the blast.",
     [("Kolo militants", "claimed")]),
    ("Militants fighting the government have claimed responsibility for the blast.", []),
    ("The Azawad Front militants have claimed responsibility for the blast.",
     [("Azawad Front militants", "claimed")]),
    # a place after a preposition and its article is no subject; a group's record is no charge
    ("Militants in the Kolo Strip fired dozens of rockets into the south.", []),
    ("Dissidents of the former Kolo guerrilla group attacked a police station.",
     [("former Kolo guerrilla group", "accused")]),
    ("The Kolo Front has killed dozens of soldiers in ambushes and other attacks over the years.", []),
    ("The Kolo Front has killed dozens of soldiers in the past.", []),
    # a state's military saying it fired in answer claims no attack
    ("The Russian military said they fired at the launch sites.", []),
    ("The Azawad Front said they fired 20 rockets at the base.", [("Azawad Front", "claimed")]),
    # a group's spokesman telling that "his outfit" conducted the attack
    ("Ali Kolo, a purported spokesman for the Azawad Front, told media that his outfit conducted the "
     "attack.", [("Azawad Front", "claimed")]),
    ("Ali Kolo, a spokesman for the police, told media that his men conducted the operation.", []),
    ("Ali Kolo told media that his outfit conducted the attack.", []),
    # the means between the subject and its verb
    ("Azawad militants in a suicide car blast killed one person and injured four others, the ministry said.",
     [("Azawad militants", "accused")]),
    ("Militants in a suicide car blast killed one person, the ministry said.", []),
    # "lobbed" is a verb of firing
    ("A council member said Azawad militants lobbed ten mortar shells at the village.",
     [("Azawad militants", "accused")]),
    ("A council member said militants lobbed ten mortar shells at the village.", []),
])
def test_attribution_apposition_side_and_inquiry(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert attributions(text) == expected


def test_counter_charge_is_the_deniers() -> None:
    claims = claims_of("However, the Azawad Front has rejected the claim and has blamed security forces "
                       "for the incident.")
    charge = [c.value for c in claims if isinstance(c.value, Attribution) and c.value.stance == "accused"]
    assert [a.asserted_by for a in charge] == ["Azawad Front"]


def test_the_militants_claiming_are_the_group_last_named() -> None:
    lead = "The Azawad Front killed a police chief in a roadside bomb attack, the governor said. "
    assert attributions(lead + "A spokesman said on Twitter the militants claimed responsibility for the "
                               "attack.") == [("Azawad Front", "accused"), ("Azawad Front", "claimed")]
    # a named subject stays itself; no group named before leaves the generic noun as it was
    assert attributions(lead + "A spokesman said on Twitter the Kolo militants claimed responsibility "
                               "for the attack.") == [("Azawad Front", "accused"),
                                                       ("Kolo militants", "claimed")]
    assert attributions("A police chief was killed in a roadside bomb attack, the governor said. A spokesman "
                        "said on Twitter the militants claimed responsibility for the attack.") == [
        ("militants", "claimed")]


@pytest.mark.parametrize(("text", "expected"), [
    # a claim sent to a named recipient or to reporters; a message that claims nothing is none
    ("The Azawad Front sent a text message to The Daily Wire claiming responsibility for the attack.",
     [("Azawad Front", "claimed")]),
    ("The Azawad Front sent a message to reporters claiming responsibility for the attack.",
     [("Azawad Front", "claimed")]),
    ("The Azawad Front sent a message to The Daily Wire on the anniversary.", []),
    # the mark of a group after a no_claim is the text's own suspicion; a deed told as fact is not read
    ("No one claimed responsibility for the attack that bore the hallmarks of militant group Azawad Front.",
     [(None, "no_claim"), ("militant group Azawad Front", "suspected")]),
    ("No group has claimed responsibility for the attack, which bore the hallmarks of the Azawad Front.",
     [(None, "no_claim"), ("Azawad Front", "suspected")]),
    ("No one claimed responsibility for the attack; the Azawad Front fired rockets last week.",
     [(None, "no_claim")]),
])
def test_claim_sent_to_a_recipient_and_a_mark_after_no_claim(
        text: str, expected: list[tuple[str | None, str]]) -> None:
    assert attributions(text) == expected
