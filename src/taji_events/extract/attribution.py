"""Who is held responsible: no_claim, claimed, accused, suspected and denied.

* no_claim: "no group has claimed responsibility", "there was no immediate claim of
  responsibility" — actor None, asserted by whoever says it.
* claimed: "X claimed responsibility", "X said it carried out the attack".
* suspected: "believes X is/are responsible", "assessment was that ... carried out by
  X", "X may have carried out", "suspected X militants".
* accused: "blamed X", "accused X", "carried out by X", "hold X responsible",
  "the X responsible will be held accountable", "attack by X".
* denied: "X denied involvement", "X had not launched any strikes".

An actor is a noun phrase with a capitalised word or an actor noun (militia,
militants, rebels, ...); pronouns and generic phrases ("those responsible") are
not actors, except "that was the case", which takes the last actor the report
named. A perpetrator stated as fact ("X fired 20 rockets") must carry a name, and a
"by" phrase or "Suspected X" more than generic words ("ambushed by militants" names no
one); general charges against a state ("accuses X of supplying missile parts") are not
an attribution of the attack.

Phrasings read from real reports (docs/extraction.md, "Phrasing rules read from real
reports"): a group of the belligerents' lexicon owning the attack ("Hezbollah rocket
strikes"), "the latest by X", "X said it was behind the attack", "attributed the attack to
X", a statement after a no_claim ("..., but police said X could have been behind it"), a
definite "the group" for the group last named; habits ("often", "for months"), unknown
groups and a first-person "Our men" are no attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Final, NamedTuple

from taji_events.extract.prefilter import spaced
from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    ACTOR_BEFORE_STOP,
    ACTOR_NOUNS,
    ACTOR_STOP,
    BELLIGERENT_NAMES,
    COUNTRY_NAMES,
    GENERAL_CHARGES,
    GENERIC_ACTOR_WORDS,
    NATIONALITIES,
    NOT_ACTORS,
    PREPOSITIONS,
    QUANTIFIERS,
    SUSPECT_VERBS,
)

__all__ = ["AttributionMention", "actor_mentions", "find_attributions"]

_NO_CLAIM = re.compile(
    r"\b(?:no|none\sof\sthe)\s(?:[\w-]+\s){0,2}?(?:group|one|organi[sz]ation|party|faction|militia|body)s?"
    r"\s(?:[\w-]+\s){0,3}?(?:claimed|claim|taken|take|accepted|accept|assumed|stepped\sforward)"
    r"(?:\s[\w-]+){0,4}?\s(?:responsibility|the\s(?:attack|bombing|strike|assault))\b"
    r"|\bno(?:body|\sone)\s(?:has\s|had\s)?(?:yet\s|so\sfar\s|immediately\s)?"
    r"(?:claimed|took|taken|accepted|assumed)\b"
    r"|\bno\s(?:immediate\s)?claims?\sof\sresponsibility\b"
    r"|\b(?:has|have|had)\snot\s(?:yet\s|so\sfar\s)?been\sclaimed\b|\bwent\sunclaimed\b"
    r"|\b(?:responsibility|the\sattack)\s(?:was|has|had)\snot\s(?:been\s)?(?:immediately\s|yet\s)?claimed\b"
    r"|\b(?:not\s(?:immediately\s|yet\s)?(?:clear|known)|unclear|unknown)\swho\s(?:[\w-]+\s){0,3}?"
    r"(?:responsible|behind|sent|fired|launched|carried\sout|planted|detonated|staged|operated|attacked)\b"
    r"|\b(?:not\s(?:immediately\s)?clear|unclear)\swhether\s[^.;]{0,120}?\b"
    r"(?:operated|fired|launched|sent|carried\sout|staged)\sby\b"
    # "efforts were under way to ascertain which group had planned the blast": an inquiry still open
    r"|\b(?:efforts?|trying|tried|seeking|sought|working|investigat\w+|probe|inquiry)\s(?:[\w-]+\s){0,3}?to\s"
    r"(?:ascertain|determine|establish|identify|find\sout)\s(?:who|which\s(?:group|faction|militia|organi[sz]ation))"
    r"\s(?:[\w-]+\s){0,2}?(?:planned|responsible|behind|carried\sout|planted|fired|launched|staged|"
    r"orchestrated|masterminded)\b"
    r"|\btoo\s(?:soon|early)\sto\s(?:assign|apportion|attribute)(?:\s(?:blame|responsibility))?"
    # "too soon to say who was responsible", "too early to speculate on who was behind it"
    r"|\btoo\s(?:soon|early)\sto\s(?:say|tell|know|determine|confirm|speculate)\s"
    r"(?:(?:for\ssure|with\scertainty|about|on)\s)?(?:who|which\s(?:group|faction|militia))\b"
    # "The origin of the rocket fire was not confirmed": no one is known to have done it
    r"|\b(?:origin|source)\sof\s(?:the\s)?(?:[\w´'’-]+\s){0,2}?(?:fire|attacks?|strikes?|shelling|barrage|"
    r"rockets|missiles|mortars|drones)\s(?:was|were|is|are|has|have|remains?|remained)\s(?:not\s(?:been\s)?"
    r"(?:immediately\s|yet\s)?(?:confirmed|known|clear|established|identified)|unknown|unclear)\b",
    re.IGNORECASE,
)
_CLAIMED = re.compile(
    r"\b(?:has\s|have\s|had\s)?(?:claimed|claims|accepted|admitted|took|taken|takes|assumed|announced|"
    r"acknowledged)"
    r"\s(?:[\w-]+\s)?(?:responsibility|credit)\b|\bsaid\sit\s(?:had\s)?carried\sout\b"
    r"|\b(?:acknowledged|admitted)\s(?:carrying\sout|launching|staging)\b"
    r"|\bclaimed\sto\shave\s(?:killed|carried\sout|launched|fired|attacked|shot\sdown|downed|destroyed)\b"
    r"|\bclaimed\s(?:the|this|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s)\s(?:[\w-]+\s)?"
    r"(?:attack|bombing|assault|ambush|blast|strike|raid)\b",
    re.IGNORECASE,
)
#: "X, a spokesman for Y, told media that his outfit conducted the attack": a claim for the
#: speaker's group (named after "spokesman for").
_HIS_OUTFIT_DID = re.compile(
    r"\b(?:said|says|stated|told\s(?:\w+\s){0,2}?)(?:that\s)?(?:his|her|their)\s(?:outfit|group|organi[sz]ation|"
    r"movement|fighters|men|militants|comrades)\s(?:had\s)?(?:conducted|carried\sout|launched|staged|perpetrated|"
    r"mounted)\s(?:the|this|that|[A-Z]\w+['’]s)\s(?:[\w-]+\s){0,2}?(?:attacks?|bombings?|blasts?|assault|ambush|"
    r"strike|raid|operation)\b")
_SPOKESMAN_FOR = re.compile(r"\bspokes(?:man|woman|person)\s(?:for|of)\s(?:the\s)?")
#: "X militants in a suicide car blast killed ...": the means between the subject and its verb.
_IN_AN_ATTACK = re.compile(r"\s(?:in|with)\san?\s(?:[\w-]+\s){0,3}?"
                           r"(?:blast|attack|bombing|ambush|raid|explosion|assault)\s?$")
#: "X militants fighting the Afghan government have claimed": the fighters, then a participle
#: and its object, just before the claim.
_FIGHTING_OBJECT = re.compile(
    r"\b(?P<head>(?i:militants|insurgents|fighters|rebels|gunmen|jihadists|militiamen|guerrillas|separatists))"
    r"\s(?:[a-z]+ing)\s(?:the\s|an?\s)?(?:[\w'’-]+\s){0,3}?[\w'’-]+\s?$")
#: "the drone belonged to X", "drones belonging to X": the weapon's owner is charged.
_BELONGED_TO = re.compile(
    r"\b(?:drones?|missiles?|rockets?)\s(?:that\s)?(?:belonged|belonging|belongs|belong)\sto\s",
    re.IGNORECASE)
#: "mortar shells were fired from a Nato base": the named owner of the post the fire came from.
_FIRED_FROM_POST = re.compile(
    r"\b(?:fired|launched|lobbed)\sfrom\s(?:an?|the)\s(?P<actor>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})"
    r"(?:\s(?:army|military|troops|forces))?\s(?:base|camp|outpost|post|positions?)\b")
#: An attack as the object of a denial: "not involved in the attack", "nothing to do with the strikes".
_AN_ATTACK: Final = (r"(?:the|this|that|these|any|such|an?)\s(?:[\w'’-]+\s){0,2}?"
                     r"(?:attacks?|bombings?|strikes?|barrages?|assaults?|blasts?|raids?|shelling|explosions?)\b")
_DENIED = re.compile(
    r"\b(?:denied|denies|rejected|rejects)\s(?:any\s)?(?:involvement|responsibility|role)\b"
    # "denied it was behind the attack", "denied carrying out the attack"
    r"|\b(?:denied|denies|denying)\s(?:that\s)?(?:it|they|the\sgroup)\s(?:was|were|had\sbeen|is|are)\s"
    r"(?:behind|responsible|involved)\b"
    # "denied having their hands in it", "denies playing any role"
    r"|\b(?:denied|denies|denying)\s(?:having|playing)\s(?:(?:any|a|its|their)\s)?(?:hands?|role|part)\b"
    r"|\b(?:denied|denies|denying)\s(?:carrying\sout|launching|firing|staging|targeting|being\sbehind|any\slinks?\sto|"
    r"any\sconnection\sto|any\spart\sin)\b"
    # "rejected accusations that it was behind", "dismissed allegations of involvement"
    r"|\b(?:rejected|rejects|dismissed|dismisses|denied|denies)\s(?:the\s)?(?:accusations?|allegations?)\b"
    # "the X has rejected the claim and blamed ...": the charge made against it, rejected (not
    # "rejected the claim that civilians died": a clause after it is another claim)
    r"|\b(?:rejected|rejects|dismissed|dismisses)\s(?:the|these|those|this|that|such)\s(?:claims?|charges?|reports?)"
    r"(?=\s?[.,;]|\s?$|\sand\s(?:has\s|have\s|had\s)?(?:blamed|accused|said)\b)"
    # "X said in a statement that it was not involved", "X said it had nothing to do with the attack"
    r"|\bsaid\s(?:[^.;\"“]{0,40}?\s)?(?:that\s)?(?:it|they)\s(?:was|were|had|has)\s(?:not|never)\s"
    r"(?:been\s)?(?:involved|behind|responsible)(?=\s?[.,;]|\s?$|\s(?:(?:in|for|with)\s)?" + _AN_ATTACK + r")"
    r"|\bsaid\s(?:[^.;\"“]{0,40}?\s)?(?:that\s)?(?:it|they)\s(?:had|has)\snothing\sto\sdo\swith\s"
    + _AN_ATTACK,
    re.IGNORECASE,
)
_DENIAL_LEAD = re.compile(r"(?:\s(?:has|have|had|also|repeatedly|previously|already|strongly|flatly|quickly|"
                          r"swiftly|immediately|later|consistently))+\s?$", re.IGNORECASE)
_DENIED_DID_NOT = re.compile(
    r"\b(?:had|has|have|did)\snot\s(?:launched|carried\sout|conducted|staged|fired)\s"
    r"(?:any\s)?(?:strikes?|attacks?|raids?|rockets?)\b",
    re.IGNORECASE,
)
_BELIEF = re.compile(r"\b(?P<verb>believes?|believed|suspects?|thinks|assessed|saying|said|says|added|"
                     r"insisted)"
                     r"\s(?:that\s)?", re.IGNORECASE)
_BELIEVED_BEHIND = re.compile(r"\s(?:is|are|was|were)\s(?:widely\s)?(?:believed|thought|suspected|understood)"
                              r"\sto\s(?:be|have\sbeen)\s(?:behind|responsible)\b"
                              r"|\s(?:is|are|was|were)\s[\"“”']?(?:most\s)?(?:likely|probably)[\"“”']?\s"
                              r"(?:behind|responsible)\b"
                              r"|\s(?:is|are|was|were)\s(?:widely\s|also\s)?suspected\s(?:of|in)\b",
                              re.IGNORECASE)
#: Statements about a series of attacks, not about this one: "blamed such attacks on ...".
_GENERIC = re.compile(
    r"\b(?:such|similar|previous|past|earlier|these|those|"
    r"dozens\sof|scores\sof|hundreds\sof)\s(?:[\w-]+\s)?(?:attacks|strikes|incidents|bombings|assaults)\b"
    r"|\b(?:series|string|wave|spate|campaign)\sof\s(?:[\w-]+\s)?(?:attacks|strikes|bombings)\b"
    r"|\battacks\slike\s(?:this|these)\b",
    re.IGNORECASE)
#: "He named X as the main suspect": the actor is after "named", the hedge after it.
_NAMED_SUSPECT = re.compile(r"\b(?i:named)\s(?=[A-Z])")
_AS_SUSPECT = re.compile(r"(?:,[^,]{0,80},)?\sas\s(?:the|a|one\sof\sthe)\s"
                         r"(?:main\s|prime\s|chief\s|key\s|principal\s)?suspects?\b")
_SUSPECTED_OF = re.compile(r"\bsuspected\s(?:the\s)?(?=[A-Z])", re.IGNORECASE)
_SAID_IT_DID = re.compile(
    r"\b(?:said|says|announced|claimed|confirmed)\b[^.;]{0,40}?\b(?:that\s)?(?:it|they|the\sgroup|its\s(?:fighters|forces|"
    r"militants|members))\s(?:had\s)?(?:fired|carried\sout|launched|attacked|targeted|shelled|struck|downed|"
    r"detonated|killed|ambushed|stormed)\b",
    re.IGNORECASE,
)
_PERPETRATOR = re.compile(
    r"\s(?:(?:has|have|had)\s)?(?:also\s)?(?:attacked|stormed|ambushed|raided|fired|launched|lobbed|shelled|bombed|struck|"
    r"targeted|overran|"
    r"killed|kidnapped|abducted)\s(?!by\b)"
)
_STATE_FORCES = re.compile(
    r"\b(?:forces|troops|army|military|jets|aircraft|warplanes|navy|air\sforce|police|soldiers|drones|"
    r"government|coalition)\b", re.IGNORECASE)
_THAT_CASE = re.compile(r"\b(?:believes?|believed|suspects?|thinks)\s(?:that\s)?(?:that|this|it)"
                        r"\s(?:was|is|had\sbeen)\sthe\scase\b", re.IGNORECASE)
_BY = re.compile(r"\b(?:carried\sout|conducted|perpetrated|staged|orchestrated|committed|fired|"
                 r"launched|ambushed|attacked|targeted|bombed|shelled|stormed|raided|set\soff|detonated|"
                 r"planted|abducted|kidnapped|sent|operated|killed|shot|gunned\sdown)"
                 r"\s(?:(?:on|late|early)\s[A-Z]\w+\s)?by\s"
                 r"|\b(?:attacks?|raids?|assaults?|ambush(?:es)?|bombings?|offensive|incursion)\sby\s"
                 # "Rocket fire by forces loyal to X", "mortar shelling by X"
                 r"|\b(?:rocket|mortar|missile|drone|artillery)\s(?:fire|shelling|barrages?)\sby\s"
                 # "The attack was the latest by X"
                 r"|\bthe\s(?:latest|last|newest|deadliest)\s(?:(?:such|one|of\sits\skind)\s)?by\s",
                 re.IGNORECASE)
#: "The attack was claimed by X", "The attacks were claimed on Tuesday by X".
#: What an airline or a shipping line operates: "a jet operated by X" names no attacker.
_VEHICLE_BEFORE = re.compile(r"\b(?:planes?|jets?|airliners?|aircraft|flights?|airplanes?|buses|bus|ships?|"
                             r"vessels?|ferry|ferries|trains?|tankers?)\s$", re.IGNORECASE)
_CLAIMED_BY = re.compile(r"\bclaimed\s(?:(?:on|late|early|overnight)\s[A-Za-z]+\s)?by\s", re.IGNORECASE)
_PASSIVE_BY = re.compile(r"[a-z]+(?:\s(?:off|out|up|down))?\sby\s")
#: "gunmen suspected to be members of X", "had the trademark of X", "could be the work of X".
_SUSPECTED_AFTER = re.compile(
    r"\b(?:suspected|believed|thought)\sto\sbe\s(?!behind\b|responsible\b)(?:(?:members?|fighters?|militants?|"
    r"part)\sof\s)?"
    r"|\b(?:the\s)?(?:trademarks?|hallmarks?|signature)\sof\s"
    r"|\b(?:could|may|might|would)\s(?:well\s)?be\sthe\swork\sof\s"
    r"|\b(?:likely|probably)\sthe\swork\sof\s"
    r"|\bsuspicion\s(?:\w+\s)?(?:fell|falls|has\sfallen|centred|centered|focused)\s(?:\w+\s)?on\s",
    re.IGNORECASE)
#: "apparently part of a new X campaign": the attack read as one of a named group's campaign.
_PART_OF_CAMPAIGN = re.compile(
    r"\b(?:apparently|possibly|probably|likely|seemingly|believed\sto\sbe)\spart\sof\s(?:an?|the)\s"
    r"(?:(?:new|latest|renewed|wider|ongoing|fresh|stepped-up)\s)?"
    r"(?P<actor>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,4})\s(?:campaign|offensive|push|drive)\b")
_BLAMED = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|accusing)\s", re.IGNORECASE)
#: The auxiliary of a passive charge: "has been accused by", "was blamed by".
_PASSIVE_AUX = re.compile(r"(?:\s(?:has|have|had))?\s(?:been|was|were|is|are)\s$")
_HOLD = re.compile(r"\b(?:hold|holds|held|holding)\s", re.IGNORECASE)
_HELD_ACCOUNTABLE = re.compile(r"\sresponsible\s(?:will|must|should|would|shall)\sbe\sheld\s"
                               r"(?:accountable|responsible)\b", re.IGNORECASE)
_MAY_HAVE = re.compile(r"\s(?:may|might|could)\shave\s(?:carried\sout|launched|fired|staged|been\sbehind)\b",
                       re.IGNORECASE)
_SUSPECTED_ADJ = re.compile(r"\b[Ss]uspected\s(?=[A-Z]|militants|insurgents|jihadists|rebels|gunmen)")
_MENTION = re.compile(r"\b(?:tied|linked|blamed|attributed)\s(?:to|on)\s", re.IGNORECASE)
_HEDGED = re.compile(r"\b(?:assessment|assessed|believes?|believed|suspects?|suspected|likely|"
                     r"probably|may\shave|might\shave|could\shave|apparently|appears?|appeared|seems?|"
                     r"seemed)\b", re.IGNORECASE)



#: "X was responsible for the attack, a U.S. official said": a charge told as the speaker's words.
_WAS_RESPONSIBLE = re.compile(
    r"\s(?:is|are|was|were)\s(?:responsible|behind)\b"
    r"(?:\s(?:for\s)?(?:the|this)\s(?:[\w-]+\s){0,2}?(?:attack|bombing|strike|barrage|assault|blast|raid))?"
    r"(?=,\s(?:[\w.'’-]+\s){0,6}?(?:said|says|told|added|stated)\b)", re.IGNORECASE)
_RESPONSIBLE_TAIL = re.compile(r"(?:,[^,]{0,70},)?\s(?:is|are|was|were)\s(?!not\s|never\s)(?:\w+\s)?"
                               r"(?:responsible|behind|involved)\b")
#: "... X carried out the attack", "... X fired the rockets": the attacker named after a belief.
_DID_IT_TAIL = re.compile(
    r"\s(?:had\s)?(?:carried\sout|launched|fired|staged|conducted|perpetrated)\s"
    r"(?:the|this|that|these|Wednesday['’]s|Tuesday['’]s)\s(?:[\w-]+\s){0,2}?"
    r"(?:attack|rockets|missiles|drones|strike|strikes|barrage|bombing|shelling)\b", re.IGNORECASE)
_RELATIVE_END = re.compile(r"\b(?:which|who)\s(?:\w+\s)?$")

# Phrasings read from real reports (see "Phrasing rules" in docs/extraction.md).
#: "X launched a series of rocket attacks": the series is this incident, not a background.
_LAUNCHED_SERIES = re.compile(r"\b(?:launched|fired|unleashed|carried\sout|staged)\s(?:an?\s)?$",
                              re.IGNORECASE)
#: "X said the rockets were in response to ...": a group giving its reason owns the attack.
_SAID_RESPONSE = re.compile(
    r"\s(?:said|says|stated|announced)\s(?:that\s)?(?:the|its|their|this|these)\s(?:[\w-]+\s)?"
    r"(?:attacks?|rockets?|missiles?|drones?|strikes?|operations?|barrages?|bombings?|shelling)\s"
    r"(?:was|were|came)\s(?:a\s|in\s)?(?:response|retaliation|revenge|reprisal)\b",
    re.IGNORECASE)
#: "Houthi missile strikes", "a Hezbollah rocket barrage": a group named as the attack's owner.
_OWNED_ATTACK = re.compile(
    r"\b(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2})\s(?:(?:rocket|missile|drone|mortar|suicide|ballistic|"
    r"artillery|car|truck|bomb|kamikaze|anti-tank|cross-border|[a-z]+-laden|and|"
    # "a Houthi rebel attack": the group's kind between its name and the attack
    r"rebel|militant|militia|insurgent|jihadist|separatist)s?\s){0,4}"
    r"(?:attacks?|strikes?|barrages?|salvos?|bombings?|assaults?|raids?|offensive|fire)\b")
#: "a Houthi drone attacked the airport": a group named as the owner of the weapon that struck.
_OWNED_WEAPON = re.compile(
    r"\b(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2})\s(?:(?:explosive|armed|ballistic|cruise|"
    r"[a-z]+-laden)\s)?(?:drones?|missiles?|rockets?)\s(?:that\s)?(?:attacked|hit|struck|targeted|slammed)\b"
    # "destroyed a Houthi drone", "intercepted two Houthi drones headed for ...": the weapon stopped
    r"|\b(?:intercepted|destroyed|downed|shot\sdown)\s(?:an?|another|the|two|three|four|five|six|several|"
    r"a\snumber\sof|\d+)\s(?:of\s(?:the\s)?)?(?:[a-z]+\s)?"
    r"(?P<stopped>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2}?(?:\s(?:movement|militia|rebels?|group))?)(?:['’]s)?\s(?:(?:explosive|armed|ballistic|cruise|"
    r"[a-z]+-laden|[a-z]+-rigged)\s)?(?:drones?|missiles?|rockets?)\b"
    r"(?!\s(?:launchers?|launch(?:ing)?\s(?:sites?|pads?)|sites?|depots?|factor(?:y|ies)|workshops?|stores?|"
    r"storage|programmes?|programs?|arsenals?))")
#: Named groups (the belligerents' lexicon without its generic words) an owned attack may name.
_GROUP_NAMES: Final = tuple(name for name in BELLIGERENT_NAMES
                            if name not in GENERIC_ACTOR_WORDS | ACTOR_NOUNS | {"armed group", "jihadist"})
#: What an owned attack answers to or began ("in response to a Hezbollah rocket attack",
#: "since the Hamas attack", "a Houthi drone attack earlier this month"): another incident.
_ANSWERED = re.compile(r"\b(?:response|retaliat\w*|revenge|avenge\w*|reprisal|since|sparked|triggered|began|"
                       r"begun|started|ago|earlier|previous|last\s(?:year|month|week))\b", re.IGNORECASE)
_ANSWERED_TIME = re.compile(r"earlier|previous|ago|last\s(?:year|month|week)", re.IGNORECASE)
#: Habits, not one attack: "The Houthis have fired missiles ..., often hitting camps".
_HABITUAL = re.compile(r"\b(?:often|frequently|regularly|routinely|repeatedly|for\s(?:months|years|weeks)|"
                       # "X attacks have become increasingly common", "on an almost daily basis"
                       r"increasingly|on\san?\s(?:[\w-]+\s)?(?:daily|weekly|regular)\sbasis|"
                       # "X has killed dozens of Y ... over the years", "... in the past.": a record
                       r"over\sthe\s(?:years|decades))\b|\bin\sthe\spast(?=\s?[,.;]|\s?$)",
                       re.IGNORECASE)
#: "X said it was behind the attack", "X said it was responsible": a group owning the attack.
_SAID_IT_WAS = re.compile(
    r"\s(?:said|says|announced|stated)\s(?:in\sa\sstatement\s)?(?:that\s)?(?:it|they)\s(?:was|were|is|are)\s"
    r"(?:behind|responsible\sfor)\s(?:the|this|that|these|[A-Z]\w+['’]s)\s(?:[\w-]+\s){0,2}?"
    r"(?:attacks?|bombings?|blasts?|strikes?|assault|ambush|explosions?|raids?|shooting|operations?|rockets?|"
    r"missiles?|drones?)\b", re.IGNORECASE)
#: "X issued a statement claiming responsibility": the claim's subject is before the statement;
#: "X sent a text message to <an outlet> claiming responsibility": the message's recipient between.
_STATEMENT_CLAIM = re.compile(
    r"\s(?:issued|released|posted|published|put\sout|sent)\s(?:an?\s)?(?:[\w-]+\s)?(?:statement|video|message|"
    r"communiqu[eé])\s(?-i:to\s(?:[Tt]he\s)?(?:[A-Z][\w.'’-]*\s){1,4}|to\s(?:reporters|journalists|the\smedia)\s)?"
    r"(?:claiming|accepting|taking)\s(?:responsibility|credit)\b", re.IGNORECASE)
#: "attributed the attack to X", "pointed the finger at X": a charge.
_ATTRIBUTED = re.compile(
    r"\battributed\s(?:the|this|that|it|Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)?"
    r"\s?(?:[\w-]+\s)?(?:attacks?|bombings?|blasts?|strikes?|assault|ambush|explosions?|killings?|it)?\s?to\s"
    r"|\b(?:was|were|has\sbeen|have\sbeen)\sattributed\sto\s"
    r"|\bpointed\s(?:the|a)\sfinger\sat\s", re.IGNORECASE)
#: Who speaks of an attack, never its owner: "Police said it was behind ..." names no group.
_NOT_OWNERS: Final = frozenset("police officials official ministry army military government spokesman "
                               "spokeswoman "
                               "spokesperson governor authorities sources source agency media witnesses "
                               "residents statement".split())
#: A group's spokesman or leader speaks for it: "X military spokesman Y" is X.
_ITS_VOICE = re.compile(r"\s(?:military\s|media\s|official\s)?(?:spokes(?:man|woman|person)|leader|commander|"
                        r"chief|official)\b")
_VOICE_WORDS: Final = ("spokes", "leader", "commander", "chief", "official")
#: "the group ambushed a convoy", "The Palestinian militant group said": a definite group noun
#: stands for the group last named.
_DEFINITE_GROUP: Final = frozenset("group militia movement faction organisation organization".split())
#: What opens a second statement after a no_claim one ("No group has claimed it, but ...").
_BUT = re.compile(r"[,;]?\s(?:but|while|although|though|however|yet)\s", re.IGNORECASE)
_VOICED = re.compile(r"\b(?:said|says|suspects?|suspected|believes?|believed|blamed|blames|accused|accuses|"
                     r"thinks?|suggested|suggests)\b", re.IGNORECASE)
#: Words before a name that make it no one in particular, or the speaker's own side.
_NOT_NAMING: Final = frozenset("unknown unidentified our my your we us".split())
#: "the same faction of X", "a regional affiliate of X": the actor is X.
_PART_OF = re.compile(r"^(?:the\s)?(?:same\s|regional\s|local\s)?(?:faction|wing|cell|branch|affiliate|"
                      r"offshoot|splinter\sgroup)\sof\s(?:the\s)?", re.IGNORECASE)
#: The attacker's role after a group's name: "X suicide car bomber".
_ATTACKER_TAIL = re.compile(r"(?<=[A-Za-z])\s(?:suicide\s)?(?:car\s|truck\s)?bombers?$")
_PART_ADJECTIVES: Final = frozenset("same regional local".split())
#: An apposition that names a group's other name or its parent: "military wing of Y", "Y's
#: armed wing", "also known as Z", "formerly called Z" (a lower-case part noun or a naming verb).
_NAMING_APPOSITION = re.compile(
    r"^(?:(?:the|a|an)\s)?(?:(?:military|armed|militant|political|local|regional|main|youth)\s)?"
    r"(?:wing|arm|branch|offshoot|affiliate|faction)\sof\s\S"
    r"|^\S+(?:\s\S+){0,3}?\s?(?:'|’|'s|’s)\s(?:(?:military|armed|militant|political|local|regional|main)\s)?"
    r"(?:wing|arm|branch|offshoot|affiliate|faction)$"
    r"|^(?:also\s|formerly\s|better\s|widely\s)?(?:known|called)\sas\s\S"
    r"|^(?:also|formerly)\scalled\s\S")
_PARTS: Final = frozenset("faction wing cell branch affiliate offshoot".split())


_token_start = attrgetter("start")
_token_end = attrgetter("end")

#: The words each expression needs: a sentence without any of them is not scanned with it.
_GATES: Final[dict[re.Pattern[str], tuple[str, ...]]] = {
    _NO_CLAIM: ('claim', 'responsib', 'unclaimed', 'who ', 'whether', 'too soon', 'too early', 'no one',
                'nobody', 'origin of', 'source of', 'which '),
    _GENERIC: ('attacks', 'strikes', 'incidents', 'bombings', 'assaults'),
    _HEDGED: ('assess', 'believ', 'suspect', 'likely', 'probably', ' have', 'appear', 'seem'),
    _CLAIMED: ('responsib', 'credit', 'carried', 'claim', 'carrying', 'launching', 'staging'),
    _BELONGED_TO: ('belong',),
    _HIS_OUTFIT_DID: ('his ', 'her ', 'their '),
    _FIRED_FROM_POST: ('fired from', 'launched from', 'lobbed from'),
    _THAT_CASE: ('the case',),
    _BELIEF: ('responsible', 'behind', 'involved', 'carried out', 'fired the', 'launched the', 'staged the',
              'conducted the', 'perpetrated'),
    _BY: ('by ',),
    _CLAIMED_BY: ('claimed by', 'claimed on', 'claimed late', 'claimed early', 'claimed overnight'),
    _SUSPECTED_AFTER: ('to be ', 'trademark', 'hallmark', 'signature', 'work of', 'suspicion'),
    _PART_OF_CAMPAIGN: ('part of',),
    _BLAMED: ('blam', 'accus'),
    _HOLD: ('hold', 'held'),
    _DENIED: ('deni', 'deny', 'reject', 'dismiss', 'not involved', 'not been involved', 'not behind',
              'not responsible', 'never involved', 'never behind', 'nothing to do', 'not been behind',
              'not been responsible', 'never been'),
    _DENIED_DID_NOT: ('not ',),
    _HELD_ACCOUNTABLE: (' be held',),
    _WAS_RESPONSIBLE: ('responsible', 'behind'),
    _MAY_HAVE: (' have ',),
    _BELIEVED_BEHIND: ('behind', 'responsible', 'suspected'),
    _SUSPECTED_OF: ('suspected',),
    _NAMED_SUSPECT: ('suspect',),
    _SAID_IT_DID: ('said', 'says', 'announced', 'claimed', 'confirmed'),
    _PERPETRATOR: ('attacked', 'stormed', 'ambushed', 'raided', 'fired', 'launched', 'lobbed', 'shelled',
                   'bombed', 'struck', 'targeted', 'overran', 'killed', 'kidnapped', 'abducted'),
    _SUSPECTED_ADJ: ('suspected',),
    _MENTION: ('tied', 'linked', 'blamed', 'attributed'),
    _SAID_RESPONSE: ('response', 'retaliat', 'revenge', 'reprisal'),
    _SAID_IT_WAS: ('behind', 'responsible'),
    _STATEMENT_CLAIM: ('claiming', 'accepting', 'taking'),
    _ATTRIBUTED: ('attributed', 'finger'),
    _OWNED_ATTACK: _GROUP_NAMES,
}
_MENTION_WORDS: Final = _GATES[_MENTION]
_WORDING_GATE: Final = frozenset(word for pattern in (_SAID_RESPONSE, _SAID_IT_WAS, _STATEMENT_CLAIM,
                                                     _ATTRIBUTED) for word in _GATES[pattern])
#: After a no_claim only voiced suspicions and charges are read: the gates of their readers.
_VOICED_GATE: Final = frozenset(word for pattern in (_GENERIC, _HEDGED, _BELIEF, _SUSPECTED_AFTER, _BLAMED,
                                                     _HOLD, _MAY_HAVE, _BELIEVED_BEHIND, _SUSPECTED_OF, _BY,
                                                     _ATTRIBUTED) for word in _GATES[pattern])
#: Keyed by ``id``: hashing a compiled expression hashes all its code, on every lookup.
_GATE_WORDS: Final = {id(pattern): frozenset(words) for pattern, words in _GATES.items()}
_ALL_GATE_WORDS: Final = tuple(sorted({word for words in _GATES.values() for word in words}))


def _present(low: str) -> frozenset[str]:
    """The gate words that occur in ``low`` (a sentence in lower case), found once per sentence.
    Any white space counts as the space of a gate word, as ``\\s`` does in the expressions."""
    low = spaced(low)
    return frozenset(filter(low.__contains__, _ALL_GATE_WORDS))  # a C loop: no generator frame


def _scan(pattern: re.Pattern[str], sentence: str, present: frozenset[str]) -> Iterable[re.Match[str]]:
    """``pattern.finditer(sentence)``, skipped when the sentence has none of the words the
    pattern needs (``present``: see :func:`_present`). A plain function, not a generator:
    most calls are skipped, and a skipped call then costs no generator."""
    if _GATE_WORDS[id(pattern)].isdisjoint(present):
        return ()
    return pattern.finditer(sentence)


def _found(pattern: re.Pattern[str], sentence: str, present: frozenset[str]) -> bool:
    return not _GATE_WORDS[id(pattern)].isdisjoint(present) and pattern.search(sentence) is not None


class AttributionMention(NamedTuple):
    """An attribution found in a sentence; positions are sentence-relative."""

    stance: str
    actor: str | None
    start: int
    end: int
    holder: str | None  # who believes or accuses, when the sentence names them


class _Tokens(NamedTuple):
    """A sentence's tokens (offsets into the full text) and the sentence's start offset, so
    sentence-relative positions are ``token.start - base`` without copying the tokens."""

    toks: Sequence[Token]
    base: int


def _actor_after(text: str, sentence_tokens: _Tokens, offset: int) -> tuple[str, int] | None:
    """The actor noun phrase starting at sentence-relative ``offset``: text and end offset."""
    toks, base = sentence_tokens
    at = offset + base
    index = bisect_left(toks, at, key=_token_start)  # the first token starting at or after ``at``
    if index == len(toks):
        return None
    while index < len(toks) and toks[index].low in ("the", "a", "an"):
        index += 1
    part = index + (index < len(toks) and toks[index].low in _PART_ADJECTIVES)
    if part + 1 < len(toks) and toks[part].low in _PARTS and toks[part + 1].low == "of":
        index = part + 2  # "the same faction of the X group": the actor is X
        while index < len(toks) and toks[index].low in ("the", "a", "an"):
            index += 1
    first = index
    while index < len(toks) and index - first < 8:
        low = toks[index].low
        if low == "and":
            nxt = toks[index + 1] if index + 1 < len(toks) else None
            if nxt is None or not (nxt.text[:1].isupper() or nxt.low in ("its", "their", "allied")):
                break
        elif low in ACTOR_STOP and not _inside_name(toks, index):
            break
        elif index > first and toks[index - 1].low in _FIGHTER_HEADS and toks[index].text.islower() and \
                low not in _FIGHTERS_GO_ON:
            break  # "fired by the X militants stuck a bazaar": the noun ends the actor
        elif index > first and low in _STRIKE_VERBS and toks[index].text.islower():
            break  # "mortars fired by the X Front hit the depot": the clause's verb ends it
        index += 1
    if index == first:
        return None
    name_at = index + 1 + (index + 2 < len(toks) and toks[index + 1].low == "the")
    if name_at < len(toks) and toks[index].text == "," and toks[name_at].text[:1].isupper() and \
            toks[index - 1].low in _GROUP_NOUNS and \
            not any(tok.text[:1].isupper() for tok in toks[first:index]):
        # "claimed by a little-known group, X": the name in apposition is the actor (not "by a
        # militant group, police said": a speaker follows)
        named = _actor_after(text, sentence_tokens, toks[index + 1].start - base)
        if named is not None and not _SPEAKER_AFTER.match(text, named[1]):
            return named
    return text[toks[first].start - base:toks[index - 1].end - base], toks[index - 1].end - base


#: The plural nouns of armed men that end an actor's phrase unless a word of belonging or a
#: place follows ("X militants loyal to Y", "fighters of X", "rebels backed by Y").
_FIGHTER_HEADS: Final = frozenset("militants insurgents fighters rebels gunmen jihadists militiamen "
                                  "extremists terrorists guerrillas separatists".split())
#: The verbs of a projectile's clause after "fired by X" that ACTOR_STOP leaves out.
_STRIKE_VERBS: Final = frozenset("hit landed exploded slammed fell crashed wounded injured damaged "
                                 "destroyed".split())
_FIGHTERS_GO_ON: Final = frozenset("of loyal affiliated allied linked aligned backed supported belonging "
                                   "based allegedly".split())
#: The nouns of a group that a name may follow in apposition ("a little-known group, X").
_GROUP_NOUNS: Final = frozenset(("group", "organisation", "organization", "faction", "outfit", "militia",
                                 "movement", "coalition", "alliance", "network"))
_SPEAKER_AFTER = re.compile(r"[\s,]+(?:\w+\s){0,3}?(?:said|says|told|reported|added|stated|announced)\b")


_BEFORE_STOPS: Final = ACTOR_STOP | ACTOR_BEFORE_STOP


def _inside_name(toks: Sequence[Token], index: int) -> bool:
    """ "The Islamic Resistance in Iraq", "Sons of Iraq": "in" or "of" between two capitalised
    words of one name."""
    return toks[index].low in ("in", "of") and 0 < index < len(toks) - 1 and \
        toks[index - 1].text[:1].isupper() and toks[index + 1].text[:1].isupper() and \
        toks[index - 1].low not in ACTOR_NOUNS | GENERIC_ACTOR_WORDS | {"the", "a", "an"}


def _actor_before(text: str, sentence_tokens: _Tokens, offset: int) -> str | None:
    """The actor noun phrase ending just before sentence-relative ``offset``."""
    toks, base = sentence_tokens
    at = offset + base
    # the last token ending at or before ``at`` (tokens are in order: a binary search, so a
    # long sentence with many matches costs no scan of its tokens per match)
    index = bisect_right(toks, at, key=_token_end) - 1
    if index < 0:
        return None
    stops = _BEFORE_STOPS
    if toks[index].low == ")":  # "Islamic State (IS, formerly ISIS) has claimed": the name before it
        back = index - 1
        while back >= 0 and index - back <= 12 and toks[back].low != "(":
            back -= 1
        if back >= 1 and toks[back].low == "(":
            index = back - 1
    elif index >= 4 and toks[index].low == "," and toks[index - 2].low == "or" and toks[index - 3].low == ",":
        index -= 4  # "the outlawed Tehrik-i-Taliban Pakistan, or TTP, claimed": the name before "or"
    elif toks[index].low in ("who", "which") and index >= 2 and toks[index - 1].low == ",":
        index -= 2  # "Sawadjaan, who claimed responsibility": the name before the relative clause
    elif toks[index].low == ",":  # "Kataib Hezbollah, a powerful militia, denied": skip the apposition
        back = index - 1
        while back >= 0 and index - back <= 24 and toks[back].low != ",":
            back -= 1
        opener = toks[back + 1] if back >= 1 else None
        if opener is not None and toks[back].low == "," and index - back <= 10 and \
                any(tok.text[:1].isupper() for tok in toks[max(0, back - 3):back]) and \
                _NAMING_APPOSITION.match(" ".join(tok.low for tok in toks[back + 1:index])):
            # "The X Brigades, military wing of Y, took", "X, Y's military wing, also took",
            # "The X, also known as Z, claimed": the name before the apposition
            index = back - 1
            opener = None
        named = opener is not None and (
            (opener.text[:1].isupper() and opener.low not in ("a", "an", "the")) or
            (opener.low == "the" and back + 2 < index and toks[back + 2].text[:1].isupper()))
        if opener is not None and toks[back].low == "," and named and back >= 1 and \
                toks[back - 1].low in ACTOR_NOUNS:
            index -= 1  # "A shadowy group, Saraya Awliya al-Dam, claimed": the name in apposition
        elif opener is not None and toks[back].low == "," and (
                (opener.low in ("a", "an", "the") and index - back <= 12)
                or opener.low in ("which", "who")  # "X, which the U.S. blamed for ..., denied"
                or (opener.text.islower() and opener.low.endswith(("ed", "ing")) and index - back <= 12)):
            index = back - 1  # also "Boko Haram fighters, dressed in military uniforms, attacked"
    last = index
    # a number or a date ends the phrase too: "2020-02-20 Islamist al Shabaab militants"
    while index >= 0 and last - index < 8 and (toks[index].low not in stops or _inside_name(toks, index)) \
            and not toks[index].low[:1].isdigit():
        index -= 1
    if index == last:
        return None
    return text[toks[index + 1].start - base:toks[last].end - base]


def _valid(actor: str | None) -> str | None:
    if actor is None:
        return None
    actor = " ".join(actor.split()).strip(" ,.;’'")
    actor = re.sub(r"^(?:an?)\s", "", actor, flags=re.IGNORECASE)
    # "a little-known group calling itself X", "a militia known as X": the name is X
    actor = re.sub(r"^[^,]{0,60}?\b(?:calling\s(?:itself|themselves)|known\sas|called)\s", "", actor)
    if " of " in actor:
        actor = _PART_OF.sub("", actor)
    if actor.endswith(("bomber", "bombers")):
        actor = _ATTACKER_TAIL.sub("", actor)  # "a X suicide car bomber targeted": the actor is X
    lower = actor.lower()
    voice = _ITS_VOICE.search(actor) if any(word in lower for word in _VOICE_WORDS) else None
    if voice and voice.start() > 0 and _names_someone(actor[:voice.start()]):
        actor = actor[:voice.start()]  # "X military spokesman Y said it fired": the actor is X
    if re.search(r"\b[ap]\.m\b|\d", actor):
        return None  # a clock time run into the next sentence: "11 a.m. Some"
    words = re.findall(r"[\w’'-]+", actor)
    if words and words[0].lower() in QUANTIFIERS | _NOT_NAMING | {"same", "other", "another", "such"}:
        return None
    if not words or actor.lower() in NOT_ACTORS or words[0].lower() in NOT_ACTORS:
        return None
    if any(word.lower() in NOT_ACTORS for word in words[-1:]):
        return None
    if any(word[0].isupper() for word in words) or any(word.lower() in ACTOR_NOUNS for word in words):
        return actor
    return None


def actor_mentions(sentence: str, toks: Sequence[Token], base: int) -> list[str]:
    """Actors named in passing ("tied to X", "blamed on X"), for later anaphora.

    Since 0.1.0.
    """
    found: list[str] = []
    low = sentence.lower()
    if not any(word in low for word in _MENTION_WORDS):
        return found  # the one gate this reading needs, without the full set of gate words
    for match in _MENTION.finditer(sentence):
        after = _actor_after(sentence, _Tokens(toks, base), match.end())
        actor = _valid(after[0]) if after else None
        if actor:
            found.append(actor)
    return found


def find_attributions(
    sentence: str, toks: Sequence[Token], base: int, last_actor: str | None,
) -> list[AttributionMention]:
    """Every attribution stated in the sentence (``toks`` are offsets into the full text,
    ``base`` is the sentence's start offset).

    Since 0.1.0.
    """
    present = _present(sentence.lower())
    if not present:
        return []  # no word any reading needs (one pass: no separate alternation of them all)
    rel = _Tokens(toks, base)
    found: list[AttributionMention] = []
    for match in _scan(_NO_CLAIM, sentence, present):
        found.append(AttributionMention("no_claim", None, match.start(), match.end(), None))
    if found:
        # "No group has claimed it, but police said X could have been behind the attack"
        # (a claim or a deed stated as fact there is another attack's: only a suspicion or a
        # charge someone voices is read)
        rest = _BUT.search(sentence, found[-1].end)
        if rest is None or not _VOICED.search(sentence, rest.end()):
            # "No one claimed the attack that bore the hallmarks of X": the suspicion the text
            # itself voices after the no_claim (a mark, a likeness; not a deed told as fact)
            if _GATE_WORDS[id(_SUSPECTED_AFTER)].isdisjoint(present):
                return found
            mark = _SUSPECTED_AFTER.search(sentence, found[-1].end)
            if mark is None:
                return found
            marked = _attributions(sentence, rel, present & _VOICED_GATE, last_actor)
            return found + [mention for mention in marked
                            if mention.start >= mark.start() and mention.stance == "suspected"]
        voiced = _attributions(sentence, rel, present & _VOICED_GATE, last_actor)
        return found + [mention for mention in voiced
                        if mention.start >= rest.end() and mention.stance in ("suspected", "accused")]
    return _attributions(sentence, rel, present, last_actor)


def _attributions(sentence: str, rel: _Tokens, present: frozenset[str],
                  last_actor: str | None) -> list[AttributionMention]:
    """The attributions of a sentence other than its no_claim statements."""
    found: list[AttributionMention] = []
    generic = _GENERIC.search(sentence) if not _GATE_WORDS[id(_GENERIC)].isdisjoint(present) else None
    if generic is not None and _quoted_reason(sentence, generic.start()):
        generic = None  # "X denied the allegation by saying, “we have no interest in such attacks”"
    if generic is not None and "part of" in present:
        campaign = _PART_OF_CAMPAIGN.search(sentence)
        if campaign is not None and campaign.start() < generic.start() <= campaign.end():
            generic = None  # "apparently part of a new X campaign of attacks": this attack, one of them
    if generic is not None and not (generic.start() > 0 and _LAUNCHED_SERIES.search(
            sentence, max(0, generic.start() - 30), generic.start())):
        return found  # "blamed such attacks on X"; but "X launched a series of rocket attacks" is this one
    hedged = _found(_HEDGED, sentence, present)
    for match in _scan(_CLAIMED, sentence, present):
        # "X also took responsibility", "X later claimed responsibility": the actor is before the adverb
        lead = _DENIAL_LEAD.search(sentence, max(0, match.start() - 40), match.start())
        claim_at = lead.start() if lead else match.start()
        fighting = _FIGHTING_OBJECT.search(sentence, max(0, claim_at - 80), claim_at)
        if fighting is not None:
            # "X militants fighting the government have claimed": the fighters claim, not their foe
            actor = _valid(_actor_before(sentence, rel, fighting.end("head")))
            if actor is None or _generic(_head_phrase(actor)):
                continue
        else:
            actor = _valid(_actor_before(sentence, rel, claim_at))
        if actor and last_actor and _generic(actor) and " " not in actor and \
                sentence[:_start_of(sentence, actor, claim_at)].lower().endswith("the "):
            actor = last_actor  # "X's spokesman said the militants claimed responsibility": the last group
        if actor:
            found.append(AttributionMention("claimed", actor, _start_of(sentence, actor, match.start()),
                                            match.end(), actor))
    for match in _scan(_HIS_OUTFIT_DID, sentence, present):
        voices = list(_SPOKESMAN_FOR.finditer(sentence, 0, match.start()))
        voice = voices[-1] if voices else None  # the last "spokesman for" before the claim
        after = _actor_after(sentence, rel, voice.end()) if voice is not None else None
        actor = _valid(after[0]) if after else None
        if actor and not _generic(_head_phrase(actor)):
            found.append(AttributionMention("claimed", actor, match.start(), match.end(), actor))
    for match in _scan(_BELONGED_TO, sentence, present):
        after = _actor_after(sentence, rel, match.end())
        actor = _valid(after[0]) if after else None
        if actor and after and not _generic(_head_phrase(actor)):
            stance = "suspected" if hedged else "accused"
            found.append(AttributionMention(stance, actor, match.start(), after[1], None))
    for match in _scan(_FIRED_FROM_POST, sentence, present):
        actor = _valid(match["actor"])
        if actor and not _national_only(actor) and not _generic(actor):
            found.append(AttributionMention("suspected" if hedged else "accused", actor, match.start(),
                                            match.end(), None))
    for match in _scan(_THAT_CASE, sentence, present):
        if last_actor:
            holder = _actor_before(sentence, rel, match.start())
            found.append(AttributionMention("suspected", last_actor, match.start(), match.end(), holder))
    for match in _scan(_BELIEF, sentence, present):
        if _THAT_CASE.match(sentence, match.start()):
            continue
        after = _actor_after(sentence, rel, match.end())
        tail = sentence[after[1]:after[1] + 80] if after else ""
        if after and not _RESPONSIBLE_TAIL.match(tail) and _DID_IT_TAIL.match(tail) and \
                match["verb"].lower() in SUSPECT_VERBS | {"said", "says", "saying"}:
            # "officials said they believe X carried out the attack": X named as the attacker
            actor = _valid(after[0])
            if actor and not _generic(_head_phrase(actor)) and \
                    actor.split(" ", 1)[0].lower() not in ("its", "their", "his", "her", "our"):
                # (not "X said its fighters fired the rockets": the speaker's own men, a claim)
                holder = _actor_before(sentence, rel, match.start())
                stance = "suspected" if match["verb"].lower() in SUSPECT_VERBS else "accused"
                found.append(AttributionMention(stance, actor, match.start(), after[1], holder))
            continue
        if after and _RESPONSIBLE_TAIL.match(tail):
            if _BELIEVED_BEHIND.match(sentence, after[1]):
                continue  # "said X is likely behind": read once, as suspected, below
            actor = _valid(after[0])
            if actor:
                holder = _actor_before(sentence, rel, match.start())
                stance = "suspected" if match["verb"].lower() in SUSPECT_VERBS else "accused"
                found.append(AttributionMention(stance, actor, match.start(), after[1], holder))
    for match in _scan(_CLAIMED_BY, sentence, present):
        after = _actor_after(sentence, rel, match.end())
        actor = _valid(after[0]) if after else None
        if actor and after:
            found.append(AttributionMention("claimed", actor, match.start(), after[1], actor))
    for match in _scan(_PART_OF_CAMPAIGN, sentence, present):
        actor = _valid(match["actor"])
        if actor and not _generic(actor):
            found.append(AttributionMention("suspected", actor, match.start(), match.end(), None))
    for match in _scan(_SUSPECTED_AFTER, sentence, present):
        if _PASSIVE_BY.match(sentence, match.end()):
            continue  # "believed to be set off by X": the "by" phrase names the actor
        after = _actor_after(sentence, rel, match.end())
        actor = _valid(after[0]) if after else None
        if actor and after:
            found.append(AttributionMention("suspected", actor, match.start(), after[1], None))
    for pattern, stance_if_plain in ((_BY, "accused"), (_BLAMED, "accused"), (_HOLD, "accused")):
        for match in _scan(pattern, sentence, present):
            if pattern is _BY and any(m.start <= match.start() < m.end for m in found):
                continue  # "suspected to be ... carried out by": read once
            if pattern is _BY and match.group()[:8].lower() == "operated" and \
                    _VEHICLE_BEFORE.search(sentence, max(0, match.start() - 40), match.start()):
                continue  # "a passenger jet operated by X": a carrier, not an attacker
            offset = match.end()
            if pattern is _BLAMED and sentence.startswith("by ", offset):
                passive = _PASSIVE_AUX.search(sentence, max(0, match.start() - 20), match.start())
                if passive is not None:
                    # "X, a militant group, has been accused by the army for the attack": the
                    # subject is charged, the "by" phrase holds the charge
                    actor = _valid(_actor_before(sentence, rel, passive.start()))
                    by = _actor_after(sentence, rel, offset + 3)
                    if actor and by and not _generic(_head_phrase(actor)) and \
                            not _general_charge(sentence, by[1]):
                        found.append(AttributionMention("suspected" if hedged else "accused", actor,
                                                        _start_of(sentence, actor, passive.start()), by[1],
                                                        by[0]))
                continue
            if pattern is _BLAMED:
                on = re.match(r"(?:[^.;,]{0,40}?\s)?on\s", sentence[offset:])
                if on and not re.match(r"\s*(?:the\s)?[A-Z]", sentence[offset:]):
                    offset += on.end()
            after = _actor_after(sentence, rel, offset)
            if after is None:
                continue
            if pattern is _HOLD and not re.match(r"\s(?:responsible|accountable)\b", sentence[after[1]:]):
                continue
            if pattern is _BLAMED and _general_charge(sentence, after[1]):
                continue  # "accuses X of supplying missile parts": not a charge about this attack
            actor = _valid(after[0])
            if actor and pattern is _BY and match.group()[-8:-4].lower() in ("fire", "ling", "rage", "ages"):
                actor, after = _fire_by_actor(sentence, rel, actor, after)
            holder = None
            side = _state_side(after[0]) if pattern is not _HOLD else None
            if side is not None and pattern is _BLAMED:
                # "X has blamed security forces for the incident": only a charge about this attack
                # (not "blamed security forces for the delay"); the subject makes it
                side = side if _FOR_THE_ATTACK.match(sentence, after[1]) else None
                if side is not None:
                    lead = _DENIAL_LEAD.search(sentence, max(0, match.start() - 40), match.start())
                    holder = _valid(_actor_before(sentence, rel, lead.start() if lead else match.start()))
            if side is not None:
                actor, after = side, (side, after[1] - (len(after[0]) - len(side)))
                if pattern is _BY and match.group()[:5].lower() not in ("fired", "launc", "shell"):
                    continue  # only the fire of a state's forces: "killed by security forces" is no attack
            elif actor and _generic(_head_phrase(actor)) and (pattern is _BY or not hedged):
                continue  # "ambushed by militants", "blamed militants fighting ...": no one is named
            if actor:
                stance = "suspected" if hedged else stance_if_plain
                found.append(AttributionMention(stance, actor, match.start(), after[1], holder))
    for pattern in (_DENIED, _DENIED_DID_NOT):
        for match in _scan(pattern, sentence, present):
            # "Moscow has repeatedly denied": the actor is before the auxiliary and the adverb
            lead = _DENIAL_LEAD.search(sentence, max(0, match.start() - 40), match.start())
            before = _actor_before(sentence, rel, lead.start() if lead else match.start())
            if found and _RELATIVE_END.search(sentence[max(0, match.start() - 20):match.start()]):
                before = found[-1].actor  # "..., which denied any involvement"
            actor = _valid(before)
            if actor and match.group().split()[-1].lower().startswith(("claim", "charge", "report")) and (
                    _state(actor) or _generic(_head_phrase(actor))):
                continue  # a state, or no one named, rejecting a claim: no denial of an attack
            if actor:  # the denier asserts the denial
                found.append(AttributionMention("denied", actor, _start_of(sentence, actor, match.start()),
                                                match.end(), actor))
    denier = next((mention for mention in found if mention.stance == "denied"), None)
    if denier is not None:
        # "X has rejected the claim and has blamed security forces": the denier makes the counter-charge
        found = [mention._replace(holder=denier.actor)
                 if mention.stance == "accused" and mention.holder is None and mention.start > denier.start
                 else mention for mention in found]
    for match in _scan(_HELD_ACCOUNTABLE, sentence, present):
        actor = _valid(_actor_before(sentence, rel, match.start()))
        if actor:
            found.append(AttributionMention("accused", actor, _start_of(sentence, actor, match.start()),
                                            match.end(), None))
    for match in _scan(_WAS_RESPONSIBLE, sentence, present):
        actor = _valid(_actor_before(sentence, rel, match.start()))
        if actor and not _generic(_head_phrase(actor)):
            found.append(AttributionMention("accused", actor, _start_of(sentence, actor, match.start()),
                                            match.end(), None))
    for match in _scan(_MAY_HAVE, sentence, present):
        actor = _valid(_actor_before(sentence, rel, match.start()))
        if actor:
            found.append(AttributionMention("suspected", actor, _start_of(sentence, actor, match.start()),
                                            match.end(), None))
    for match in _scan(_BELIEVED_BEHIND, sentence, present):
        actor = _valid(_actor_before(sentence, rel, match.start()))
        if actor:
            found.append(AttributionMention("suspected", actor, _start_of(sentence, actor, match.start()),
                                            match.end(), None))
    for match in _scan(_SUSPECTED_OF, sentence, present):
        after = _actor_after(sentence, rel, match.end())
        if after and re.match(r"(?:,[^,]{0,80},)?\s(?:of|over)\s", sentence[after[1]:]):
            actor = _valid(after[0])
            if actor:
                found.append(AttributionMention("suspected", actor, match.start(), after[1], None))
    for match in _scan(_NAMED_SUSPECT, sentence, present):
        after = _actor_after(sentence, rel, match.end())
        if after and _AS_SUSPECT.match(sentence, after[1]):
            actor = _valid(after[0])
            if actor:
                found.append(AttributionMention("suspected", actor, match.start(), after[1], None))
    for match in _scan(_SAID_IT_DID, sentence, present):
        actor = _valid(_actor_before(sentence, rel, match.start()))
        if actor and actor.lower().removeprefix("the ") in ACTOR_NOUNS and last_actor:
            actor = last_actor  # "The group said in a statement it carried out the attack"
        if actor and _STATE_FORCES.search(actor) and _national(actor):
            continue  # "The X military said they fired at ...": a state's answer, no claim of the attack
        if actor:
            found.append(AttributionMention("claimed", actor, _start_of(sentence, actor, match.start()),
                                            match.end(), actor))
    if not _WORDING_GATE.isdisjoint(present):
        found.extend(_other_wordings(sentence, rel, present, last_actor, hedged))
    if not found:
        found.extend(_perpetrators(sentence, rel, present, last_actor))
    if not found and not _GATE_WORDS[id(_OWNED_ATTACK)].isdisjoint(present):
        found.extend(_owned_attacks(sentence, present, hedged))
    for match in _scan(_SUSPECTED_ADJ, sentence, present):
        after = _actor_after(sentence, rel, match.end())
        actor = _valid(after[0]) if after else None
        if actor and after and not _generic(actor):  # "Suspected militants" names no one
            found.append(AttributionMention("suspected", actor, match.start(), after[1], None))
    return found


def _other_wordings(sentence: str, rel: _Tokens, present: frozenset[str], last_actor: str | None,
                    hedged: bool) -> list[AttributionMention]:
    """ "X said the rockets were in response to ...", "X said it was behind the attack", "X
    issued a statement claiming responsibility", "attributed the attack to X"."""
    found: list[AttributionMention] = []
    for match in _scan(_SAID_RESPONSE, sentence, present):
        actor = _valid(_actor_before(sentence, rel, match.start() + 1))
        if actor and _definite_group(sentence, actor, match.start() + 1):
            actor = last_actor  # "The militant group said the rockets were in response to ..."
        if actor and not _state(actor):
            found.append(AttributionMention("claimed", actor, _start_of(sentence, actor, match.start() + 1),
                                            match.end(), actor))
    for pattern in (_SAID_IT_WAS, _STATEMENT_CLAIM):
        for match in _scan(pattern, sentence, present):
            actor = _valid(_actor_before(sentence, rel, match.start() + 1))
            if actor and _definite_group(sentence, actor, match.start() + 1):
                actor = last_actor
            if actor and not _state(actor) and not _NOT_OWNERS.intersection(actor.lower().split()):
                start = _start_of(sentence, actor, match.start() + 1)
                found.append(AttributionMention("claimed", actor, start, match.end(), actor))
    for match in _scan(_ATTRIBUTED, sentence, present):
        after = _actor_after(sentence, rel, match.end())
        actor = _valid(after[0]) if after else None
        if actor and after and not _generic(_head_phrase(actor)) and not _general_charge(sentence, after[1]):
            stance = "suspected" if hedged else "accused"
            found.append(AttributionMention(stance, actor, match.start(), after[1], None))
    return found


_SAYING_QUOTE = re.compile(r"\b(?:saying|adding|said|says|stating)[,:]?\s[“\"]")


def _quoted_reason(sentence: str, at: int) -> bool:
    """Whether ``at`` lies in a quotation that a statement's "saying, “...”" opens after the
    sentence's own words: the speaker's reason, not the sentence's topic."""
    curly = sentence.rfind("“", 0, at)
    straight = sentence.rfind('"', 0, at) if sentence.count('"', 0, at) % 2 else -1
    opener = max(curly, straight)
    if opener <= 0 or (opener == curly and "”" in sentence[opener:at]):
        return False
    return _SAYING_QUOTE.search(sentence, max(0, opener - 12), opener + 1) is not None


def _definite_group(sentence: str, actor: str, before: int) -> bool:
    """Whether ``actor`` (ending before ``before``) is "the [adjectives] group": a definite
    description, with no name but adjectives of people or kind ("Palestinian", "militant")."""
    words = actor.split()
    start = _start_of(sentence, actor, before)
    if not words or words[-1].lower() not in _DEFINITE_GROUP or \
            sentence[max(0, start - 4):start].lower() != "the ":
        return False
    return all(word.islower() or word.lower() in NATIONALITIES or word.endswith(("an", "ian", "ese", "ist"))
               for word in words[:-1])


#: The verb of a clause whose subject is "rocket fire by X": where X ends.
_FIRE_VERBS: Final = frozenset("wounded killed injured hit struck damaged forced closed shut left".split())
#: "forces loyal to X", "groups affiliated with X": X is the name of the actor.
_LOYAL_TO = re.compile(r"\s(?:to|with)\s")
_LOYAL: Final = frozenset("loyal affiliated allied linked".split())


def _fire_by_actor(sentence: str, rel: _Tokens, actor: str, after: tuple[str, int]
                   ) -> tuple[str | None, tuple[str, int]]:
    """The actor of "Rocket fire by X wounded four": X without the clause's verb, and with
    the name after "loyal to" ("forces loyal to X")."""
    start = _start_of(sentence, actor, after[1])
    end = after[1]
    loyal = _LOYAL_TO.match(sentence, end) if actor.split()[-1].lower() in _LOYAL else None
    if loyal is not None:
        named = _actor_after(sentence, rel, loyal.end())
        end = named[1] if named is not None else end
    words = sentence[start:end].split()
    verb = next((i for i, word in enumerate(words) if word.lower() in _FIRE_VERBS), len(words))
    kept = " ".join(words[:verb])
    return (_valid(kept) if kept else None), (kept, start + len(kept))


def _owned_attacks(sentence: str, present: frozenset[str], hedged: bool) -> list[AttributionMention]:
    """ "Houthi missile strikes", "during a Hezbollah rocket barrage": a named group as the
    owner of the attack, in the outlet's voice. Only the groups of the belligerents' lexicon
    are read so (a place is never the owner: "a Kabul suicide attack"), and not where the
    attack is what another one answers ("in response to a Hezbollah rocket attack")."""
    if _GATE_WORDS[id(_OWNED_ATTACK)].isdisjoint(present) or _HABITUAL.search(sentence):
        return []
    answered = _ANSWERED.search(sentence)
    if answered is not None and _ANSWERED_TIME.fullmatch(answered.group()) is None:
        return []
    # A time of its own ("Last week, a Houthi drone attacked the port") leaves the weapon that
    # struck to the sentence's incident; an owned attack is still what another one answers.
    matches = _OWNED_WEAPON.finditer(sentence) if answered is not None else (
        *_scan(_OWNED_ATTACK, sentence, present), *_OWNED_WEAPON.finditer(sentence))
    for match in matches:
        name = match["name"] or match.groupdict().get("stopped") or ""
        low = name.lower()
        if not any(group in low for group in _GROUP_NAMES) or low.startswith("suspected"):
            continue
        actor = _valid(name)
        if actor:
            stance = "suspected" if hedged else "accused"
            return [AttributionMention(stance, actor, match.start(), match.end(), None)]
    return []


def _perpetrators(sentence: str, rel: _Tokens, present: frozenset[str],
                  last_actor: str | None = None) -> list[AttributionMention]:
    """ "Hezbollah fired 20 rockets", "Islamist insurgents attacked the town": a named
    perpetrator stated as fact. States' own forces are left out: their actions are
    acknowledged, not alleged; so are habits ("have fired missiles ..., often hitting")."""
    found: list[AttributionMention] = []
    for match in _scan(_PERPETRATOR, sentence, present):
        at = match.start() + 1
        means = _IN_AN_ATTACK.search(sentence, max(0, at - 60), at)
        if means is not None:
            at = means.start()  # "X militants in a suicide car blast killed": the subject before the means
        actor = _valid(_actor_before(sentence, rel, at))
        if actor is not None and last_actor and _definite_group(sentence, actor, match.start() + 1):
            # "the group ambushed a convoy": the group the report last named
            actor = re.sub(r"^(?i:suspected)\s", "", last_actor)
        if actor is None or actor.lower() in COUNTRY_NAMES or actor.lower().startswith("suspected"):
            continue
        if _STATE_FORCES.search(actor) and _national(actor):
            continue
        start = _start_of(sentence, actor, at)
        before = sentence[max(0, start - 16):start].split()
        article = bool(before) and before[-1].lower() in ("the", "a", "an")
        if article:
            before.pop()  # "Militants in the X Strip fired": a place after a preposition and its article
        if before and before[-1].lower() in PREPOSITIONS and not (article and before[-1].lower() == "of"):
            continue  # "militias in Iraq targeted": the noun phrase is not the subject
        if not _names_someone(actor) or _HABITUAL.search(sentence):
            continue  # "Militants fired ...", "Armed militants killed": no one is named
        found.append(AttributionMention("accused", actor, start, match.end() - 1, None))
        break
    return found


def _names_someone(actor: str) -> bool:
    """Whether a perpetrator phrase carries a name: a capitalised word that is not a generic
    word ("Armed", "Suspected"), a nationality ("Ukrainian militants") or a possessive."""
    for word in re.findall(r"[\w’'.-]+", actor):
        bare = word.lower().strip(".")
        if not word[0].isupper() or bare in GENERIC_ACTOR_WORDS or bare in ACTOR_NOUNS:
            continue
        if bare in NATIONALITIES or bare in COUNTRY_NAMES or bare.endswith(("’s", "'s")):
            continue
        return True
    return False


def _head_phrase(actor: str) -> str:
    """The actor phrase up to a participle that describes it: "militants fighting against
    Indian rule" -> "militants"."""
    match = re.search(r"\s[a-z]+ing\b", actor)
    return actor[:match.start()] if match else actor


def _generic(actor: str) -> bool:
    """Whether an actor phrase is only generic words: "militants", "the group", "Armed rebels"."""
    words = [word.lower() for word in re.findall(r"[\w’'-]+", actor)]
    return all(word in GENERIC_ACTOR_WORDS or word in ACTOR_NOUNS or word in ("the", "a", "an")
               for word in words)


#: The forces of a state or an alliance named by their side, not by a name ("coalition
#: forces", "security forces", "government troops"): one side of the conflict, not a
#: generic "militants".
_STATE_SIDE = re.compile(r"(?:the\s)?(?:coalition|security|government|pro-government|allied|foreign|"
                         r"international)\s(?:forces|troops|soldiers)", re.IGNORECASE)


_FOR_THE_ATTACK = re.compile(r"\sfor\s(?:the|this|that)\s(?:[\w'’-]+\s)?(?:incident|attacks?|bombings?|"
                             r"strikes?|blasts?|explosions?|shelling|killings?|deaths)\b", re.IGNORECASE)


def _state_side(actor: str) -> str | None:
    """ "mortar shells fired by coalition forces (from the border side)", "blamed security
    forces for the incident": a state's forces charged by their side, the phrase up to its noun."""
    match = _STATE_SIDE.match(actor)
    if match is None or not (match.end() == len(actor) or actor.startswith(" from ", match.end())):
        return None
    return match.group()


def _general_charge(sentence: str, end: int) -> bool:
    """Whether the charge after ``end`` is a general one ("of supplying", "for supporting")."""
    match = re.match(r"\s(?:of|for)\s(?P<verb>\w+)", sentence[end:end + 40])
    return match is not None and match["verb"].lower() in GENERAL_CHARGES


def _state(actor: str) -> bool:
    """Whether an actor is a state or its forces ("Israel", "the Israeli military")."""
    return actor.lower().removeprefix("the ") in COUNTRY_NAMES or (
        _STATE_FORCES.search(actor) is not None and _national(actor)) or _national_only(actor)


def _national_only(actor: str) -> bool:
    words = actor.lower().split()
    return bool(words) and all(word in NATIONALITIES or word in COUNTRY_NAMES or word == "the"
                               for word in words)


def _national(actor: str) -> bool:
    return any(word.lower().rstrip("'’s") in NATIONALITIES or word in ("U.S.", "U.K.", "US", "UK")
               for word in actor.split()) or len(actor.split()) <= 2


def _start_of(sentence: str, actor: str, before: int) -> int:
    found = sentence.rfind(actor, 0, before)
    return found if found >= 0 else before
