"""Word lists the extractor reads text with: nationalities, nouns and cue verbs.

Kept in one place so a reviewer can see every word that steers a decision. Nothing
here names a particular incident, place or figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "ATTACKER_NOUNS",
    "CASUALTY_HEADS",
    "COUNTRY_NAMES",
    "FIRED_CUES",
    "IMPACTED_CUES",
    "INTERCEPTED_CUES",
    "KILLED_CUES",
    "LAUNCHER_NOUNS",
    "LOAD_CUES",
    "MONTHS",
    "NATIONALITIES",
    "PERSON_HEADS",
    "PROJECTILES",
    "ROLE_NOUNS",
    "SOURCE_NOUNS",
    "WOUNDED_CUES",
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
GB: british briton britons u.k. uk
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
attacker assailants assailant commandos commando paratroopers paratrooper operatives rebels rebel
jihadists jihadist combatants combatant militiamen militiaman firefighters farmers farmer miners
pupils shoppers mourners guests inmates prisoners detainees hostages crew crewmen crewman
volunteers volunteer herders herder fishermen fisherman traders trader migrants migrant refugees
refugee teachers teacher officials official agents agent rangers ranger gendarmes gendarme
""".split())

#: Nouns that are themselves casualty words: "three dead", "14 wounded", "no casualties".
CASUALTY_HEADS: Final[Mapping[str, str]] = {
    "dead": "killed", "deaths": "killed", "death": "killed", "fatalities": "killed",
    "fatality": "killed", "killed": "killed", "bodies": "killed",
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
    "policeman": "police", "policemen": "police",
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
    "drone": "drones", "drones": "drones",
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
    "hospitalized".split()
)
FIRED_CUES: Final = frozenset("fired firing fires launched launching launch shot lobbed".split())
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
