"""Word lists the extractor reads text with: nationalities, nouns and cue verbs.

Kept in one place so a reviewer can see every word that steers a decision. Nothing
here names a particular incident, place or figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "ABBREVIATIONS",
    "ACTOR_BEFORE_STOP",
    "ACTOR_NOUNS",
    "ACTOR_STOP",
    "AGENT_ING",
    "AGENT_WORDS",
    "ATTACKER_NOUNS",
    "AUX",
    "BACK_GAP",
    "BARRAGE_NOUNS",
    "BELLIGERENT_NAMES",
    "CASUALTY_HEADS",
    "COUNTRY_NAMES",
    "FIRED_CUES",
    "FORWARD_STOP",
    "GENERAL_CHARGES",
    "GENERIC_ACTOR_WORDS",
    "IMPACTED_CUES",
    "INTERCEPTED_CUES",
    "INTRANSITIVE_DEATHS",
    "KILLED_CUES",
    "LAUNCHER_NOUNS",
    "LIST_CONNECTORS",
    "LOAD_CUES",
    "MEASURE_UNITS",
    "MONITOR_NAMES",
    "MONTHS",
    "NATIONALITIES",
    "NOT_ACTORS",
    "NOT_AFTER_NUMBER",
    "NOUN_PHRASE_STOP",
    "OBJECT_START",
    "OF_DETERMINERS",
    "OUTLET_NAMES",
    "PASSIVE_IMPACT",
    "PERSON_HEADS",
    "PREPOSITIONS",
    "PROJECTILES",
    "PRONOUNS",
    "QUANTIFIERS",
    "RELATIVE_BREAKS",
    "ROLE_NOUNS",
    "SENTENCE_STARTERS",
    "SOCIAL_MEDIA_NAMES",
    "SOURCE_NOUNS",
    "SPEAKER_BREAK",
    "SPEAKER_SKIP_BACK",
    "SPEECH",
    "SPEECH_VERBS",
    "STATE_MEDIA_NAMES",
    "SUBSET_ADVERBS",
    "SUBSET_STOP",
    "SUSPECT_VERBS",
    "SUSTAINED_VERBS",
    "TOLL_GAP",
    "TOLL_VERBS",
    "UNFIRED_WORDS",
    "VAGUE_AFTER_A",
    "VAGUE_SINGLE",
    "WHOLE_GROUP_HEADS",
    "WIRE_NAMES",
    "WOUNDED_CUES",
    "WOUND_ADVERBS",
    "WOUND_NOUNS",
    "YEAR_CONTEXT",
]


def _iso(table: str) -> dict[str, str]:
    mapping = {}
    for line in table.strip().splitlines():
        code, words = line.split(":")
        for word in words.split():
            mapping[word] = code.strip()
    return mapping


#: Nationality words (lower case) to ISO 3166-1 alpha-2 codes. "us" and "uk" only
#: count when written in capitals; the caller checks that.
NATIONALITIES: Final[Mapping[str, str]] = _iso("""
US: american americans u.s. us
GB: british briton britons brit brits u.k. uk
IQ: iraqi iraqis
SY: syrian syrians
IR: iranian iranians
AF: afghan afghans
PK: pakistani pakistanis
IN: indian indians
FR: french frenchman frenchmen
DE: german germans
IT: italian italians
ES: spanish spaniard spaniards
NL: dutch
BE: belgian belgians
DK: danish dane danes
NO: norwegian norwegians
SE: swedish swede swedes
FI: finnish finn finns
PL: polish pole poles
CZ: czech czechs
RO: romanian romanians
EE: estonian estonians
LV: latvian latvians
LT: lithuanian lithuanians
UA: ukrainian ukrainians
RU: russian russians
TR: turkish turk turks
GR: greek greeks
PT: portuguese
IE: irish
CA: canadian canadians
AU: australian australians
NZ: zealander zealanders
IL: israeli israelis
LB: lebanese
JO: jordanian jordanians
SA: saudi saudis
YE: yemeni yemenis
EG: egyptian egyptians
LY: libyan libyans
TN: tunisian tunisians
DZ: algerian algerians
MA: moroccan moroccans
SD: sudanese
ET: ethiopian ethiopians
SO: somali somalis
KE: kenyan kenyans
NG: nigerian nigerians
NE: nigerien nigeriens
ML: malian malians
TD: chadian chadians
BF: burkinabe
CM: cameroonian cameroonians
CF: centrafrican
CD: congolese
UG: ugandan ugandans
BI: burundian burundians
ZA: african
MZ: mozambican mozambicans
CN: chinese
JP: japanese
KR: korean koreans
PH: filipino filipinos
ID: indonesian indonesians
MY: malaysian malaysians
TH: thai
VN: vietnamese
BD: bangladeshi bangladeshis
NP: nepali nepalis nepalese
LK: lankan lankans
MN: mongolian mongolians
GE: georgian georgians
AM: armenian armenians
AZ: azerbaijani azerbaijanis
KZ: kazakh kazakhs
QA: qatari qataris
AE: emirati emiratis
KW: kuwaiti kuwaitis
BH: bahraini bahrainis
OM: omani omanis
MX: mexican mexicans
CO: colombian colombians
BR: brazilian brazilians
PE: peruvian peruvians
""")

#: Country names (lower case) a sentence may place itself in; used by the scope stage.
COUNTRY_NAMES: Final = frozenset(
    "iraq syria iran afghanistan pakistan india france germany italy spain belgium denmark "
    "norway sweden finland poland ukraine russia turkey greece israel lebanon jordan "
    "yemen egypt libya tunisia algeria morocco sudan ethiopia somalia kenya nigeria niger mali "
    "chad cameroon congo uganda burundi mozambique china japan korea philippines indonesia "
    "malaysia thailand vietnam bangladesh nepal georgia armenia azerbaijan kazakhstan qatar "
    "kuwait bahrain oman mexico colombia brazil peru gaza kosovo bosnia serbia".split()
)

#: Nouns that name people, so "12 soldiers" can be a casualty count.
PERSON_HEADS: Final = frozenset("""
people persons person civilians civilian soldiers soldier troops troop personnel servicemembers
servicemember servicemen serviceman servicewomen members member contractors contractor fighters
fighter militants militant insurgents insurgent police policemen policeman policewomen officers
officer guards guard workers worker staff staffers employees employee children child kids women
woman men man residents resident villagers villager passengers passenger pilgrims pilgrim
protesters protester demonstrators demonstrator students student worshippers worshipper marines
marine sailors sailor airmen airman peacekeepers peacekeeper nationals national citizens citizen
tourists tourist journalists journalist reporters doctors doctor medics medic nurses nurse
recruits recruit cadets cadet others victims victim individuals gunmen gunman attackers
attacker assailants assailant bombers bomber commandos commando paratroopers paratrooper operatives
rebels rebel
jihadists jihadist combatants combatant militiamen militiaman firefighters farmers farmer miners
pupils shoppers mourners guests inmates prisoners detainees hostages crew crewmen crewman
boy boys girl girls teenager teenagers passer-by passers-by passerby passersby porters porter
volunteers volunteer herders herder fishermen fisherman traders trader migrants migrant refugees
refugee teachers teacher officials official agents agent rangers ranger gendarmes gendarme
interpreters interpreter translators translator linguists linguist technicians technician
engineers engineer trainers trainer advisers adviser advisors advisor reservists reservist
bodyguard drivers driver youths youth chief secretary son daughter wife husband brother sister
""".split())

#: Nouns that are themselves casualty words: "three dead", "14 wounded", "no casualties".
CASUALTY_HEADS: Final[Mapping[str, str]] = {
    "dead": "killed", "deaths": "killed", "death": "killed", "fatalities": "killed",
    "fatality": "killed", "killed": "killed", "bodies": "killed", "corpses": "killed",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded", "hurt": "wounded",
    "casualties": "casualties", "casualty": "casualties",
}

#: Heads that name who speaks, never who was hurt: "two U.S. officials told ...".
SOURCE_NOUNS: Final = frozenset(
    "officials official sources source spokesmen spokesman spokeswoman spokesperson diplomats "
    "diplomat witnesses witness analysts analyst lawmakers lawmaker ministers minister "
    "agents reporters correspondents".split()
)

#: Role words that may form a breakdown when no nationality split is given.
ROLE_NOUNS: Final[Mapping[str, str]] = {
    "contractor": "contractor", "contractors": "contractor",
    "soldier": "soldier", "soldiers": "soldier",
    "policeman": "police", "policemen": "police", "police": "police",
    "porter": "porter", "porters": "porter",
    "civilian": "civilian", "civilians": "civilian",
    "child": "child", "children": "child",
    "woman": "woman", "women": "woman",
    "journalist": "journalist", "journalists": "journalist",
}

#: Heads that name the attackers: their deaths are ``attackers_killed``, not ``killed``.
ATTACKER_NOUNS: Final = frozenset(
    "attackers attacker assailants assailant gunmen gunman militants militant insurgents insurgent "
    "jihadists jihadist terrorists terrorist bombers bomber raiders".split()
)

#: Projectile nouns and the field family they count.
PROJECTILES: Final[Mapping[str, str]] = {
    "rocket": "rockets", "rockets": "rockets", "katyusha": "rockets", "katyushas": "rockets",
    "missile": "missiles", "missiles": "missiles",
    "mortar": "mortars", "mortars": "mortars", "shell": "shells", "shells": "shells",
    "drone": "drones", "drones": "drones", "uav": "drones", "uavs": "drones",
    # "projectiles" in reports of rocket fire are rockets (GUIDELINE: "three projectiles were
    # identified crossing" is rockets_fired 3)
    "projectile": "rockets", "projectiles": "rockets",
}
LAUNCHER_NOUNS: Final = frozenset(
    "launcher launchers truck trucks vehicle vehicles pickup launchpad rails".split()
)

KILLED_CUES: Final = frozenset(
    "killed kill kills killing dead died die dies dying death deaths fatalities fatality fatally "
    "slain perished lifeless murdered massacred".split()
)
WOUNDED_CUES: Final = frozenset(
    "wounded wounding wounds wound injured injuring injuries injury injure hurt hospitalised "
    "hospitalized concussion concussions".split()
)
#: Words that end the relative words between a group's noun and "were also killed" (fields).
RELATIVE_BREAKS: Final = frozenset(
    "and or but who which that were was are is had has have said".split()) | KILLED_CUES | WOUNDED_CUES
#: The verbs and nouns of "(Two) sustained moderate wounds", "suffered minor injuries" (fields).
SUSTAINED_VERBS: Final = frozenset("sustained suffered received".split())
WOUND_NOUNS: Final = frozenset("wounds injuries".split())
FIRED_CUES: Final = frozenset("fired firing fires launched launching launch shot lobbed crossed".split())
IMPACTED_CUES: Final = frozenset(
    "hit hits struck impacted impacting impact landed landing land lands fell falling slammed "
    "crashed exploded".split()
)
INTERCEPTED_CUES: Final = frozenset("intercepted downed intercepting".split())
LOAD_CUES: Final = frozenset("contained containing loaded carrying carried held holding".split())

MONTHS: Final[Mapping[str, int]] = {
    name: number
    for number, names in enumerate(
        ["january jan", "february feb", "march mar", "april apr", "may", "june jun",
         "july jul", "august aug", "september sep sept", "october oct", "november nov",
         "december dec"], start=1)
    for name in names.split()
}

# Words around a count that steer its field (field_cues).
BACK_GAP: Final = frozenset(
    "also at least a an the of total another estimated more than some about with by nearly "
    "approximately around barrage salvo volley least".split()
)

AUX: Final = frozenset(
    "were was are is have has had been be being reportedly also later then all initially "
    "allegedly apparently reported said later subsequently eventually".split()
)

FORWARD_STOP: Final = frozenset(
    "; after when despite while because since as but although though if unless whereas".split()
)

SPEECH: Final = frozenset("said says told say tell telling reported confirmed added noted".split())

OBJECT_START: Final = frozenset("a an the at least more than his her their its two".split())

PASSIVE_IMPACT: Final = frozenset("struck hit targeted pounded shelled attacked bombarded".split())

AGENT_ING: Final = frozenset("killing wounding injuring".split())

TOLL_GAP: Final = frozenset(
    "to at of had has have was is risen rose climbed reached stands stood jumped increased "
    "now a an the final official".split()
)

# Noun-phrase boundaries around a count (counts).
OF_DETERMINERS: Final = frozenset("the its their those these our his her whom which them".split())

NOUN_PHRASE_STOP: Final = frozenset(
    ", . ; : ( ) \" “ ” ' ‘ ’ — – and or but were was are is have has had been be being in on at "
    "to from by with that which who whom after before during when while as the a an its their of "
    "for into near told said says say according reportedly also since than".split()
)

LIST_CONNECTORS: Final = frozenset({",", "and", "plus"})

# Heads that name a whole group (fields).
WHOLE_GROUP_HEADS: Final = frozenset(
    "one body people persons person individuals civilians soldiers troops personnel".split()
)

# Speakers and the kinds their names suggest (speakers).
SPEECH_VERBS: Final = frozenset(
    "said says told tells reported reports confirmed confirms claimed claims announced stated "
    "tweeted noted added insisted warned estimated wrote posted acknowledged denied denies "
    "disclosed revealed indicated released issued identified blamed accused".split()
)

SPEAKER_SKIP_BACK: Final = frozenset(
    "has have had also now later earlier initially previously first then reportedly officially "
    "publicly further separately subsequently already later".split()
)

AGENT_WORDS: Final = frozenset(
    "official officials source sources spokesman spokeswoman spokesperson military police army "
    "government ministry coalition command statement witnesses residents media agency channel "
    "observatory officers officer commander governor minister diplomat diplomats reports "
    "sources authorities authority forces group militants rebels medics doctors".split()
)

SPEAKER_BREAK: Final = frozenset({",", ";", ":", "and", "but", "“", "”", '"', "—", "–", "-"})

PRONOUNS: Final = frozenset("he she they it we".split())

WIRE_NAMES: Final = ("reuters", "associated press", "ap ", "afp", "agence france", "dpa", "efe",
                 "ansa", "kyodo", "upi")

STATE_MEDIA_NAMES: Final = ("sana", "irna", "tasnim", "fars", "xinhua", "tass", "ria ", "kcna", "press tv",
                 "state media", "state television", "state tv", "state news", "state-run",
                 "ikhbariya", "mehr")

MONITOR_NAMES: Final = ("observatory", "human rights", "amnesty", "united nations", "un ", "ocha",
                    "unama", "icrc", "red cross", "red crescent", "doctors without", "msf",
                    "airwars", "acled", "monitor", "ngo", "rights group", "unicef", "who ")

OUTLET_NAMES: Final = ("cnn", "bbc", "voa", "nbc", "cbs", "abc", "fox", "al jazeera", "al-jazeera",
                   "mayadeen", "arabiya", "al-monitor", "times", "post", "journal", "telegraph",
                   "guardian", "news channel", "newspaper", "television", "broadcaster",
                   "outlet", "news agency", "magazine", "radio", "news")

BELLIGERENT_NAMES: Final = ("taliban", "islamic state", "isis", "isil", "shabaab", "boko haram",
                        "hamas", "hezbollah", "houthi", "militants", "rebels", "insurgents",
                        "armed group", "pkk", "militia", "jihadist")

SOCIAL_MEDIA_NAMES: Final = ("social media", "twitter account", "telegram channel", "facebook page")

# Actors and attribution verbs (attribution).
SUSPECT_VERBS: Final = frozenset("believe believes believed suspect suspects thinks assessed".split())

ACTOR_NOUNS: Final = frozenset(
    "militia militias militants militant insurgents insurgent rebels rebel gunmen jihadists "
    "extremists fighters group groups forces army government regime proxies proxy "
    "guerrillas faction factions".split()
)

NOT_ACTORS: Final = frozenset(
    "those whoever anyone someone somebody perpetrators attackers it they them this that he she "
    "vehicles drones aircraft planes jets missiles rockets ucavs helicopters the attack attacks "
    "strikes investigation coalition explosion explosions blast blasts bomb bombs device devices "
    "ied ieds mine mines shelling gunfire fire grenade grenades airstrike airstrikes warplanes "
    "shell shells mortar mortars car truck vehicle rocket missile drone helicopter strike barrage "
    "barrages projectile projectiles also monday tuesday wednesday thursday friday saturday sunday "
    "january february march april june july august september october november december".split()
)

ACTOR_STOP: Final = frozenset(
    ", . ; : ( ) is are was were in on at for who which that to of known responsible behind "
    "will would must should may might could had has have with from after since during as "
    "because but or than “ ” \" — – - believes believe believed said says thinks near into across "
    "toward towards outside inside around against attacked killed fired launched stormed ambushed "
    "carried detonated struck targeted raided shelled bombed opened set".split()
)

PREPOSITIONS: Final = frozenset("in on at of from with by for to into near".split())

ACTOR_BEFORE_STOP: Final = frozenset(
    "and the when after while before where until if once said reported says stated told added announced "
    "wrote tweeted".split())

# Number words and what may follow a number (mentions).
VAGUE_SINGLE: Final = frozenset("dozens several multiple many scores hundreds no none zero".split())

VAGUE_AFTER_A: Final = frozenset("dozen few couple handful".split())

#: What "multiple" describes when it is one person's injuries, not a count of people:
#: "suffered multiple injuries", "multiple shrapnel wounds".
INJURY_NOUNS: Final = frozenset("injuries injury wounds wound fractures".split())

#: One person named before an age: "a woman of about 30", "a boy of 17", "aged 40".
AGE_PERSONS: Final = frozenset(
    "man woman boy girl child teenager teen youth person resident soldier officer".split()
)
AGE_WORDS: Final = frozenset("aged age ages".split())

NOT_AFTER_NUMBER: Final = frozenset(
    ":  a.m. p.m. am pm % percent per gmt utc est".split()
)

YEAR_CONTEXT: Final = frozenset("in since of until by from early late mid , during before after".split())

# Sentence boundaries (sentences).
ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr col capt gen lt sgt maj cpl pvt adm gov sen rep st jr sr no jan feb mar apr "
    "jun jul aug sep sept oct nov dec inc co corp ltd vs etc prof rev brig cmdr cdr spc pfc ft "
    "mt gens sgts approx fig nos".split()
)

SENTENCE_STARTERS: Final = frozenset(
    "The A An He She They It In On At But And This That These Those We I There Its His Her "
    "Their After Before When While According Officials Police Meanwhile However Earlier "
    "Later Some Many Several Most All Both Few Others No One Two Three Four Five".split()
)

# Subsets (subsets).
#: Adverbs that make "two of them seriously" a subset of the wounded.
SUBSET_ADVERBS: Final = frozenset(
    "seriously critically severely badly gravely lightly slightly moderately fatally mortally".split()
)
#: Those of them that tell how badly the living were hurt ("one critically injured"; "fatally"
#: tells a death).
WOUND_ADVERBS: Final = SUBSET_ADVERBS - {"fatally", "mortally"}
#: Where a subset's noun phrase ends: "among coalition personnel, the army said".
SUBSET_STOP: Final = frozenset(
    ", . ; : ( ) \" “ ” — – were was are is have has had been be in on at to from by with that which "
    "who when while as and or but after before during said says told according reported "
    "killed wounded injured hurt died".split()
)

# Measures and compound counts (mentions, counts, fields).
#: Units after a number that make it a measure ("107 mm", "122-mm"), never a count.
MEASURE_UNITS: Final = frozenset(
    "mm millimetre millimetres millimeter millimeters cm calibre caliber inch inches km kms "
    "kilometres kilometers kilometre kilometer miles mile metres meters metre meter kg tonnes tons "
    "lb pounds ft feet".split()
)
#: Nouns naming a firing as a whole: "a 30-rocket barrage", "an attack with 24 rockets".
BARRAGE_NOUNS: Final = frozenset("barrage salvo volley attack attacks assault strike strikes".split())
#: Verbs an intransitive single death takes: "a contractor died of a heart attack".
INTRANSITIVE_DEATHS: Final = frozenset("died dies perished succumbed".split())
#: Words after a projectile count that say the projectiles were not fired.
UNFIRED_WORDS: Final = frozenset("not never found discovered seized recovered unfired unexploded".split())
#: Words that open a quantity, never an actor's name: "Some fired ...", "Many blamed ...".
QUANTIFIERS: Final = frozenset(
    "some many several most all both few others each every any no nobody none".split())

#: Capitalised words that name no one: a perpetrator stated as fact must carry a name beside
#: them ("Armed militants killed" names no one; "Islamist al Shabaab militants" does).
GENERIC_ACTOR_WORDS: Final = frozenset(
    "armed suspected unidentified unknown masked heavily terrorist terrorists rebel separatist "
    "separatists gunmen militants militant insurgents alleged outlaw outlawed rogue criminal "
    "security".split())

#: What a state is accused of in general, not of one attack: "accuses X of supplying missile
#: parts", "blames X for supporting the rebels".
GENERAL_CHARGES: Final = frozenset(
    "supplying supporting arming backing funding financing training sponsoring harbouring "
    "harboring sheltering providing helping aiding equipping "
    # charges of coercion or meddling: "accused X of blackmailing it", "of interfering"
    "blackmailing threatening pressuring provoking inciting meddling interfering".split())
#: Verbs a toll takes before its new figure: "has risen to 36", "had been put at 321".
TOLL_VERBS: Final = frozenset("risen rose rises climbed reached increased jumped put stands stood".split())
