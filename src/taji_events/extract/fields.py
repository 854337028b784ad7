"""Which field a counted thing belongs to: killed, wounded, rockets fired or impacted...

People counts take the nearest casualty word: a verb just before the count
("killing at least 18 people", "the deaths of the two ...") or the first one after
the noun phrase ("... personnel were killed", "... are dead"). A casualty verb
followed by its own object ("three gunmen killed two guards") makes the count
the agent, not the victims. Projectile counts take a verb just before them
("fired approximately 15 rockets", "struck with 15 rockets") or the main verb
after them ("18 rockets were fired", "15 rockets hit", "18 of which landed").
A launcher's load ("the launcher contained a total of 30") is
``rockets_in_launcher``, never a firing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

import attrs

from taji_events.extract import field_cues, subsets
from taji_events.extract.counts import Counted, Phrase
from taji_events.extract.mentions import CountMention
from taji_events.extract.sentences import Token
from taji_events.extract.words import (
    ATTACKER_NOUNS,
    AUX,
    BARRAGE_NOUNS,
    FIRED_CUES,
    IMPACTED_CUES,
    INTERCEPTED_CUES,
    INTRANSITIVE_DEATHS,
    KILLED_CUES,
    LOAD_CUES,
    NATIONALITIES,
    PASSIVE_IMPACT,
    PERSON_HEADS,
    PREPOSITIONS,
    RELATIVE_BREAKS,
    SOURCE_NOUNS,
    SUBSET_ADVERBS,
    SUSTAINED_VERBS,
    WHOLE_GROUP_HEADS,
    WOUND_ADVERBS,
    WOUND_NOUNS,
    WOUNDED_CUES,
)
from taji_events.model import Count

__all__ = ["LANDING_PREPOSITIONS", "NumericCandidate", "classify"]



class NumericCandidate(NamedTuple):
    """A count with its field, the token span of its evidence and whether it is anaphoric."""

    field: str
    value: Count
    first: int
    last: int
    definite: bool
    phrase_first: int = 0
    phrase_last: int = 0
    scope: str | None = None  # the subset the count is about (see subsets)


def classify(toks: Sequence[Token], counted: Sequence[Counted],
             previous_field: str | None = None,
             previous_projectile: str | None = None,
             totals: Mapping[str, int] | None = None) -> list[NumericCandidate]:
    """The field of each counted thing that has one; the rest are dropped.

    ``previous_field`` is the casualty field of the report's last casualty claim ("... wounded.
    Two of them ..."), ``previous_projectile`` the projectile family the sentence before
    counted ("Eight rockets were fired. Four of them landed ..."), ``totals`` the largest
    killed and wounded figures the report gave so far ("At least 13 of the victims were
    civilians" is a part of the dead when only they were as many).

    Since 0.1.0.
    """
    consumed: set[int] = set()
    listed: set[int] = set()  # parts after "including": subsets of the count before
    reach: dict[int, int] = {}  # a count followed by such a list: its verb is read after the list
    chained: set[int] = set()  # listed parts after a lone person ("an infant, a boy and two women")
    for index, item in enumerate(counted[:-1]):
        gap = [toks[k].low for k in range(item.end + 1, counted[index + 1].first)]
        if gap in ([",", "including"], ["including"], [",", "among", "them"], ["–", "including"],
                   ["—", "including"], ["-", "including"], ["(", "including"]):
            consumed.add(counted[index + 1].first)
            listed.add(counted[index + 1].first)
            reach[item.first] = counted[index + 1].end
        elif 2 < len(gap) <= 8 and gap[-1] == "including" and len(counted[index + 1].parts) == 1 and \
                counted[index + 1].parts[0].mention.weak and item.parts[0].kind == "person" and \
                not {";", ":", ".", "and", "while"} & set(gap):
            # "seven people got injured in the attack including an infant, ...": a list of the toll
            consumed.add(counted[index + 1].first)
            listed.add(counted[index + 1].first)
        elif 2 < len(gap) <= 6 and gap[-2:] == [",", "including"] and item.parts[0].kind == "person" and \
                _toll_of_an_attack(toks, counted[index + 1]):
            listed.add(counted[index + 1].first)  # "13 died on Thursday, including 11 in twin blasts"
            consumed.add(counted[index + 1].first)
        elif item.first in listed and item.parts[-1].mention.weak and _list_goes_on(gap):
            # "including an infant, a boy, and two women": the list goes on after a lone person
            consumed.add(counted[index + 1].first)
            listed.add(counted[index + 1].first)
            chained.add(counted[index + 1].first)
        elif gap == ["and"] and item.parts[-1].kind == counted[index + 1].parts[0].kind == "person" and \
                _attacker_head(toks, item.parts[-1]) != _attacker_head(toks, counted[index + 1].parts[0]):
            # "three persons and two suicide bombers were killed": the victims share the verb
            reach[item.first] = counted[index + 1].end
    # Weak "a ..." phrases and listed parts never stop the search for another count's verb.
    starts = {item.first for item in counted if not item.parts[0].mention.weak} - consumed
    found: list[NumericCandidate] = []
    projectile_family: str | None = None
    landing: str | None = None  # the place where a single projectile landed, earlier in the sentence
    previous_item: Counted | None = None  # the last person counted, whose verb a list may share
    for item in counted:
        if item.first in listed and found and found[-1].field in ("killed", "wounded") and \
                found[-1].scope is None and _toll_of_an_attack(toks, item):
            # "At least 13 died on Thursday, including 11 in twin mortar blasts": the part is the
            # attack's toll, the total a wider one
            found[-1] = found[-1]._replace(scope=WIDER_TOLL)
            found.append(NumericCandidate(found[-1].field, _count_of(item), item.first, item.end, False,
                                          item.first, item.end))
            continue
        if item.first in listed and found and found[-1].field in ("killed", "wounded") \
                and item.parts[0].kind == "person" and not _attacker_head(toks, item.parts[0]):
            total = found[-1].value
            if len(item.parts) > 1 and total.breakdown and sum(total.breakdown.values()) == total.low:
                continue  # the listed parts add up to the total: they are its breakdown, not a subset
            if item.first in chained:
                # the parts of a list of lone persons that carry a figure of their own ("two women");
                # the list, short of the toll, is no breakdown of it
                if total.breakdown and total.high is not None and sum(total.breakdown.values()) < total.low:
                    found[-1] = found[-1]._replace(value=attrs.evolve(total, breakdown={}))
                found.extend(_figured_parts(toks, item, found[-1].field))
                continue
            found.extend(_listed_subset(toks, item, found[-1].field))
            continue
        if found and found[-1].field == "wounded" and found[-1].scope is None and \
                item.parts[0].kind == "none" and _severity_sum(toks, found[-1], item):
            # "Two other victims suffered serious and moderate wounds and four were lightly injured":
            # the wounded told by their wounds' severity, in one sum
            total = found[-1].value
            found[-1] = found[-1]._replace(
                value=Count.exact(total.low + _count_of(item).low, text=total.text),
                last=item.end + 3)
            continue
        if item.parts[0].kind in ("none", "casualty") and len(item.parts) == 1 and \
                not item.parts[0].mention.weak:
            before_field = found[-1].field if found else previous_field
            severity = _severity_part(toks, item, before_field)
            if severity is not None:
                # "Four policemen, including one critically injured, were hurt", "(... were
                # injured.) Two sustained moderate wounds": a part of the wounded by its severity
                found.append(NumericCandidate("wounded", _count_of(item), item.first, severity[1], False,
                                              item.first, severity[1], severity[0]))
                continue
        if item.first in consumed:
            continue
        died = _ordinal_death(toks, item) if toks[item.first].low == "a" else None
        if died is not None and found and found[-1].field == "killed" and found[-1].scope is None:
            toll = found[-1].value  # "Three were killed instantly and a fourth died of his injuries"
            if toll.qualifier == "exact" and not toll.breakdown and toll.low + 1 == _ORDINAL_VALUES[
                    toks[item.first + 1].low]:
                found[-1] = found[-1]._replace(value=Count.exact(toll.low + 1, text=toll.text), last=died)
            continue
        head = item.parts[0]
        if head.kind == "projectile":
            projectile_family = head.family
        before = found[-1].field if found else previous_field  # "... wounded. Two of them ..."
        verb = field_cues.casualty_before(toks, item.first) if head.kind == "relative" else None
        if verb is not None and verb[1] == item.first - 1 and toks[head.end].low == "them" \
                and head.mention.value.qualifier == "exact":
            # "ambushed soldiers and killed two of them": the verb before names the field
            found.append(NumericCandidate(verb[0], _count_of(item), verb[1], item.end, False,
                                          item.first, item.end))
            continue
        if head.kind == "relative" and projectile_family is None and previous_projectile is not None:
            # "At least eight rockets were fired. Four of them landed inside": the projectiles
            # the sentence before counted, when a projectile verb follows
            moved = _classify_one(toks, item, starts, previous_projectile, reach.get(item.first))
            if moved:
                found.extend(moved)
                continue
        if head.kind == "relative" and before in ("killed", "wounded"):
            found.extend(_relative_subset(toks, item, before))
            continue
        if head.kind == "none" and found and item.first >= 1 and toks[item.first - 1].low == "and" and \
                found[-1].field in ("killed", "wounded") and found[-1].scope is not None and \
                len(item.parts) == 1 and item.parts[0].mention.value.qualifier == "exact":
            rest = subsets.were_scope(toks, item.end + 1)
            if rest is not None and _names_people(toks[rest[1]].low):
                # "two of the wounded are government employees and six are security force members"
                found.append(NumericCandidate(found[-1].field, _count_of(item), item.first, rest[1], False,
                                              item.first, rest[1], rest[0]))
                continue
        if head.kind == "none" and before in ("killed", "wounded"):
            other = _other_part(toks, item)
            if other is not None:
                found.append(other)  # "the other four died in X": the dead of another place
                continue
        if head.kind == "person" and head.head is not None and toks[head.head].low == "victims" and totals:
            part = _victims_part(toks, item, totals)
            if part is not None:
                found.append(part)  # "At least 13 of the victims were civilians"
                continue
        if head.kind in ("person", "casualty") and item.first >= 3 and toks[item.first - 1].low == "the" and \
                toks[item.first - 2].low == "of" and toks[item.first - 3].low in _SOME_OF:
            continue  # "Most of the seven civilians killed ...": the dead counted before, in part
        if head.kind == "person" and subsets.among_killed_and_wounded(toks, item.end + 1):
            continue  # "several children were among those killed and wounded"
        also = _also_a_group(toks, item, found, previous_field, totals or {}) if head.kind == "person" and \
            head.head == item.end else None
        if also is not None:
            found.append(also)  # "(three soldiers were killed.) Two porters were also killed"
            continue
        shared = _shared_verb(toks, found, previous_item, item) if previous_item is not None else None
        previous_item = item
        if shared is not None:
            found.append(shared)  # "killing two suspected militants and an officer": the victim too
            continue
        for candidate in _classify_one(toks, item, starts, projectile_family, reach.get(item.first)):
            if candidate.field in ("killed", "wounded") and _killed_or_wounded(toks, candidate, item):
                continue  # "six civilians were killed or wounded": both counted together, no figure
            if candidate.field in ("killed", "wounded") and not candidate.value.breakdown:
                candidate = _with_roles(toks, candidate, item, counted, consumed)
            candidate = _scoped(toks, candidate, item)
            if candidate.field.endswith("_impacted") and candidate.scope is not None:
                landing = candidate.scope
                if toks[candidate.first].low == "a" and toks[candidate.first + 1].low in _ORDINAL_VALUES:
                    _with_ordinal(found, toks, candidate)
            elif landing is not None and candidate.scope is None and candidate.field in ("killed", "wounded"):
                # "one landed on a house, killing two people": the casualties of that impact
                candidate = candidate._replace(scope=landing)
            found.append(candidate._replace(phrase_first=item.first, phrase_last=item.end))
    commander = _the_commander(toks, found)
    if commander is not None:
        found.append(commander)
    remainder = _the_rest(toks, found, totals or {})
    if remainder is not None:
        found.append(remainder)
    return found


def _also_a_group(toks: Sequence[Token], item: Counted, found: Sequence[NumericCandidate],
                  previous_field: str | None, totals: Mapping[str, int]) -> NumericCandidate | None:
    """ "(Three soldiers were killed in the ambush.) Two civilian porters engaged by the army were
    also killed", "A policeman was also killed": a count of one named group (a single noun that
    does not name a whole group, as "people" or "soldiers" do) that "was (were) also killed
    (wounded, injured, hurt)" after a toll of the same field, in the sentence, earlier in the
    report or in the report's last casualty claim, is a part of the casualties, scoped by the
    group (GUIDELINE: a sentence that gives only a subset carries it as the scope). The
    relative words after the noun may run up to five words, with no comma."""
    head = item.parts[0]
    if len(item.parts) != 1 or head.kind != "person" or head.head is None or head.head != item.end or \
            toks[head.head].low in WHOLE_GROUP_HEADS or head.nation is not None or \
            head.mention.value.qualifier == "none":
        return None
    index, stop = item.end + 1, min(item.end + 7, len(toks) - 2)
    while index < stop and toks[index + 1].low != "also":
        if toks[index].low in RELATIVE_BREAKS:
            return None
        index += 1
    if index >= stop or toks[index].low not in ("was", "were") or any(
            not toks[k].low.isalpha() for k in range(item.end + 1, index)):
        return None  # "Two workers, he said, were also killed": no relative words
    verb = toks[index + 2].low
    field = "killed" if verb == "killed" else "wounded" if verb in ("wounded", "injured", "hurt") else None
    if field is None or not (totals.get(field, 0) > 0 or previous_field == field or any(
            candidate.field == field for candidate in found)):
        return None
    group = subsets.group_words(toks, head.mention.last + 1, head.head)
    if not group:
        return None
    return NumericCandidate(field, _count_of(item), item.first, index + 2, False, item.first, item.end, group)


def _the_rest(toks: Sequence[Token], found: Sequence[NumericCandidate],
              totals: Mapping[str, int]) -> NumericCandidate | None:
    """ "(Three soldiers were injured ...) Two sustained moderate wounds while the third was
    lightly hurt", "(... wounding five soldiers.) One was described as moderately wounded and the
    rest as slightly wounded": after a part of the wounded told by its severity, "the rest"
    ("the others", "the other", "the third" ...) told by another severity is the remainder of
    the report's toll of the wounded, scoped by it. "The third" and "the other" are one (the
    ordinal one more than the part; "the other" one short of the toll); "the rest" and "the
    others" are the toll less the part, when the toll is larger."""
    if not found:
        return None
    part = found[-1]
    if part.field != "wounded" or part.scope is None or part.value.qualifier != "exact" or \
            part.scope.split()[0].lower() not in WOUND_ADVERBS | _SEVERITIES:
        return None
    index = part.last + 1
    if index + 3 >= len(toks) or toks[index].low not in ("and", "while", ",", "whereas") or \
            toks[index + 1].low != "the":
        return None
    word = toks[index + 2].low
    after = index + 3
    if after < len(toks) and toks[after].low in ("was", "were"):
        after += 1
    if after + 1 < len(toks) and toks[after].low == "described" and toks[after + 1].low == "as":
        after += 2
    elif after < len(toks) and toks[after].low == "as":
        after += 1
    if after + 1 >= len(toks) or toks[after].low not in WOUND_ADVERBS or \
            toks[after + 1].low not in ("wounded", "injured", "hurt"):
        return None
    toll = totals.get("wounded", 0)
    if (word in _ORDINAL_VALUES and _ORDINAL_VALUES[word] == part.value.low + 1) or (
            word == "other" and toll == part.value.low + 1):
        value = 1
    elif word in ("rest", "others") and toll > part.value.low:
        value = toll - part.value.low
    else:
        return None
    scope = f"{toks[after].text} {toks[after + 1].text}"
    return NumericCandidate("wounded", Count.exact(value, text=toks[index + 2].text), index + 1, after + 1,
                            False, index + 1, index + 2, scope)


#: The one leader a report names by his post after a toll ("and the base commander was injured").
_LEADERS: Final = frozenset("commander".split())


def _the_commander(toks: Sequence[Token], found: Sequence[NumericCandidate]) -> NumericCandidate | None:
    """ "12 soldiers were killed and the base commander was injured", "... and the commander of
    the base was injured": after a toll of the other field in the same sentence, "and the" with
    the unit's leader (up to two words before his title, or "of the" and one word after it) as
    the subject of a casualty participle is one more casualty, scoped by his post."""
    if not found or found[-1].field not in ("killed", "wounded"):
        return None
    for index in range(found[-1].last + 1, len(toks) - 3):
        if toks[index].low != "and" or toks[index + 1].low != "the":
            continue
        title = next((k for k in range(index + 2, min(index + 5, len(toks)))
                      if toks[k].low in _LEADERS), None)
        if title is None or any(not toks[k].low.isalpha() for k in range(index + 2, title)):
            return None
        end = title
        if end + 3 < len(toks) and toks[end + 1].low == "of" and toks[end + 2].low == "the" and \
                toks[end + 3].low.isalpha():
            end += 3
        if end + 2 >= len(toks) or toks[end + 1].low != "was":
            return None
        verb = toks[end + 2].low
        field = "killed" if verb == "killed" else \
            "wounded" if verb in ("wounded", "injured", "hurt") else None
        if field is None or field == found[-1].field:
            return None
        scope = " ".join(toks[k].text for k in range(index + 2, end + 1))
        return NumericCandidate(field, Count.exact(1, text=scope), index + 1, end + 2, False,
                                index + 1, end, scope)
    return None


#: "most of the N killed": a part of a group counted before, with no figure of its own.
_SOME_OF: Final = frozenset("most many some half majority several".split())


def _shared_verb(toks: Sequence[Token], found: Sequence[NumericCandidate], previous: Counted,
                 item: Counted) -> NumericCandidate | None:
    """ "killing two suspected militants and an officer": attackers and a victim joined by
    "and" after one verb of killing or wounding (the list is split at the attackers): the
    second takes the verb of the first, each counted in its own field."""
    if not found or previous.parts[-1].kind != "person" or item.parts[0].kind != "person" or \
            len(item.parts) != 1 or item.first != previous.end + 2 or toks[previous.end + 1].low != "and":
        return None
    last = found[-1]
    base = last.field.removeprefix("attackers_")
    if base not in ("killed", "wounded") or last.first >= previous.first or last.scope is not None or \
            toks[last.first].low not in KILLED_CUES | WOUNDED_CUES:
        return None
    head = item.parts[0]
    if _attacker_head(toks, previous.parts[-1]) == _attacker_head(toks, head):
        return None  # one list of one kind: read as before
    field = f"attackers_{base}" if _attacker_head(toks, head) and not _struck_from_the_air(toks) else base
    return NumericCandidate(field, _count_of(item), item.first, item.end, False)


def _killed_or_wounded(toks: Sequence[Token], candidate: NumericCandidate, item: Counted) -> bool:
    """ "About six civilians were killed or wounded", "were killed and injured": the verb after
    the count joins the dead and the hurt, so the figure is of neither alone."""
    cue = candidate.last
    if cue <= item.end or cue + 2 >= len(toks) or toks[cue + 1].low not in ("or", "and"):
        return False
    first, second = toks[cue].low, toks[cue + 2].low
    return (first in KILLED_CUES and second in WOUNDED_CUES) or (
        first in WOUNDED_CUES and second in KILLED_CUES)


def _attacker_head(toks: Sequence[Token], phrase: Phrase) -> bool:
    return phrase.head is not None and toks[phrase.head].low in ATTACKER_NOUNS


#: The scope of a day's or a region's toll that holds the attack's own.
WIDER_TOLL: Final = "a wider toll, with other attacks"
_ATTACK_NOUNS: Final = frozenset("attack attacks blast blasts explosion explosions bombing bombings "
                                 "strike strikes shelling barrage barrages".split())


def _toll_of_an_attack(toks: Sequence[Token], item: Counted) -> bool:
    """ "(13 died,) including 11 in almost simultaneous mortar blasts": a bare figure of the list
    set in an attack of its own, named within a few words after "in"."""
    head = item.parts[0]
    if len(item.parts) != 1 or head.kind != "none" or head.mention.weak or item.end + 2 >= len(toks) or \
            toks[item.end + 1].low != "in" or head.mention.value.qualifier != "exact":
        return False
    for index in range(item.end + 2, min(item.end + 7, len(toks))):
        if toks[index].low in _ATTACK_NOUNS:
            return True
        if not toks[index].text[:1].isalpha() or toks[index].text[:1].isupper():
            return False  # "including 11 in Kolo": a place, no attack of its own
    return False


def _list_goes_on(gap: Sequence[str]) -> bool:
    """Whether the words between two listed parts continue one list: the lone person's noun
    (at most three words) and a comma or "and" ("infant, ", "three-year-old boy, and")."""
    if not gap or gap[-1] not in (",", "and"):
        return False
    words = gap[:-2] if gap[-2:] == [",", "and"] else gap[:-1]
    return 1 <= len(words) <= 3 and all(word[:1].isalpha() and word not in _LIST_BREAKS for word in words)


#: Words that end a list of persons: a verb, a clause opener.
_LIST_BREAKS: Final = KILLED_CUES | WOUNDED_CUES | frozenset(
    "and or but who which that were was are is had has have said in at on of from".split())


def _figured_parts(toks: Sequence[Token], item: Counted, field: str) -> list[NumericCandidate]:
    """ "(seven hurt, including an infant, a boy,) a girl and two women": each listed part with
    a figure above one is a subset of the toll, scoped by its group; the lone persons are not."""
    found = []
    for part in item.parts:
        value = part.mention.value
        if part.head is None or part.mention.weak or part.kind != "person" or value.qualifier != "exact" or \
                value.low < 2:
            continue
        group = subsets.group_words(toks, part.mention.last + 1, part.head)
        if group:
            found.append(NumericCandidate(field, value, part.mention.first, part.end, False,
                                          part.mention.first, part.end, group))
    return found


def _listed_subset(toks: Sequence[Token], item: Counted, field: str) -> list[NumericCandidate]:
    """ "killing 14 people, including seven soldiers": 7 killed, scope "soldiers"."""
    groups = [subsets.group_words(toks, part.mention.last + 1, part.head) for part in item.parts
              if part.head is not None]
    scope = " and ".join(group for group in groups if group)
    if not scope:
        return []
    return [NumericCandidate(field, _count_of(item), item.first, item.end, False, item.first, item.end,
                             scope)]


def _relative_subset(toks: Sequence[Token], item: Counted, field: str) -> list[NumericCandidate]:
    """ "wounding four soldiers, two of them seriously": the count before names the field."""
    part = item.parts[0]
    value = part.mention.value
    if toks[part.end].low not in ("them", "whom"):
        return []
    if value.qualifier != "exact" and not (value.qualifier in ("at_least", "more_than") and
                                           value.text.lower().startswith(_BOUNDED_PARTS)):
        return []  # "many of them seriously": a vague part is not a figure of its own
    after = item.end + 1
    while after < len(toks) and toks[after].low in ("later", "subsequently", "have", "has", "had"):
        after += 1
    if value.qualifier == "exact" and after < len(toks) and toks[after].low in INTRANSITIVE_DEATHS | {
            "killed"} | ({"were"} if after + 1 < len(toks) and toks[after + 1].low == "killed" else set()):
        # "four wounded, two of them later died": deaths among the wounded are deaths; "seven of
        # them died in the north": the dead of a named place, a part
        verb = after + (toks[after].low == "were")
        place = subsets.named_place_after(toks, verb + 1)
        if place is not None:
            return [NumericCandidate("killed", _count_of(item), item.first, place[1], False, item.first,
                                     place[1], f"{toks[verb].text} {place[0]}")]
        return [NumericCandidate("killed", _count_of(item), item.first, after, False, item.first, after)]
    scope = subsets.relative_scope(toks, item.end + 1, field)
    if scope is None or (value.qualifier != "exact" and toks[item.end + 1].low not in ("were", "are")):
        return []
    return [NumericCandidate(field, _count_of(item), item.first, scope[1], False,
                             item.first, scope[1], scope[0])]


#: "at least 13 of them", "more than a dozen of them": a bounded figure of a part ("many of
#: them" is none).
_BOUNDED_PARTS: Final = ("at least ", "more than ", "over ", "no fewer than ")


def _casualties_were(toks: Sequence[Token], after: int) -> tuple[str, int] | None:
    """ "34 wounded (ones) are civilians": the people a part of the casualties were."""
    index = after + (after < len(toks) and toks[after].low == "ones")
    found = subsets.were_scope(toks, index) if index < len(toks) and toks[index].low in ("are", "were") \
        else None
    return found if found is not None and _names_people(toks[found[1]].low) else None


def _names_people(word: str) -> bool:
    return word in PERSON_HEADS or word.rstrip("s") in NATIONALITIES


#: "died of their wounds", "died from his injuries".
_OF_WOUNDS: Final = frozenset("injuries injury wounds wound".split())


def _more_died_of_wounds(toks: Sequence[Token], item: Counted) -> bool:
    """ "Two more people died from their injuries", "another man later died of his wounds": deaths
    among people hurt in the attack, after the first toll."""
    head = item.parts[0]
    if head.head is None:
        return False
    words = {toks[k].low for k in range(head.mention.last + 1, head.head)}  # "two more people"
    if toks[item.first].low == "another":
        words.add("another")  # "another man later died of his wounds"
    index = head.head + 1
    later = False
    while index < len(toks) and toks[index].low in _LATER_WORDS:
        later, index = later or toks[index].low in ("later", "subsequently", "since"), index + 1
    if not (later or "more" in words or "another" in words) or index + 2 >= len(toks) or \
            toks[index].low not in INTRANSITIVE_DEATHS or toks[index + 1].low not in ("of", "from"):
        return False
    index += 2
    if toks[index].low in ("their", "his", "her", "the"):
        index += 1
    return index < len(toks) and toks[index].low in _OF_WOUNDS


def _victims_part(toks: Sequence[Token], item: Counted, totals: Mapping[str, int]) -> NumericCandidate | None:
    """ "N of the victims were civilians": a part of the one toll (killed or wounded) given so
    far that is at least N; of neither or of both, no claim."""
    head = item.parts[0]
    assert head.head is not None
    if len(item.parts) != 1 or toks[head.mention.last + 1].low != "of" or head.mention.none:
        return None
    value = head.mention.value
    if value.qualifier not in ("exact", "at_least", "more_than") or value.low < 1:
        return None
    part = subsets.were_scope(toks, head.head + 1)
    if part is None or not _names_people(toks[part[1]].low):
        return None
    fields = [field for field in ("killed", "wounded") if totals.get(field, 0) >= value.low]
    if len(fields) != 1:
        return None
    return NumericCandidate(fields[0], _count_of(item), item.first, part[1], False, item.first, part[1],
                            part[0])


def _other_part(toks: Sequence[Token], item: Counted) -> NumericCandidate | None:
    """ "(seven of them died in X) while the other four died in Y": the rest of the dead, told
    by the place where they died, are that place's part."""
    first = item.first
    if first < 2 or toks[first - 1].low != "other" or toks[first - 2].low != "the" or \
            item.parts[0].mention.value.qualifier != "exact" or item.end + 1 >= len(toks):
        return None
    verb = item.end + 1
    if toks[verb].low == "were" and verb + 1 < len(toks) and toks[verb + 1].low == "killed":
        verb += 1
    elif toks[verb].low not in INTRANSITIVE_DEATHS:
        return None
    place = subsets.named_place_after(toks, verb + 1)
    if place is None:
        return None
    return NumericCandidate("killed", _count_of(item), first - 2, place[1], False, first, place[1],
                            f"{toks[verb].text} {place[0]}")


def _scoped(toks: Sequence[Token], candidate: NumericCandidate, item: Counted) -> NumericCandidate:
    """A casualty count about a named part of the casualties carries that part as its scope."""
    if candidate.field not in ("killed", "wounded") or candidate.scope is not None:
        return candidate
    end = max(candidate.last, item.end)
    if candidate.field == "killed" and _attacker_included(toks, end + 1):
        return candidate._replace(scope=ATTACKERS_TOGETHER)
    among = subsets.among_scope(toks, end + 1)
    if among is not None:
        return candidate._replace(scope=among[0], last=among[1])
    head = item.parts[0]
    if head.mention.last + 1 < len(toks) and toks[head.mention.last + 1].low == "of":
        # "Four of the victims were moderately injured": a part, named by its adverb
        for index in range(item.end + 1, min(candidate.last + 1, len(toks))):
            if toks[index].low in SUBSET_ADVERBS and index + 1 < len(toks):
                return candidate._replace(scope=f"{toks[index].text} {toks[index + 1].text}")
        for index in range(item.end + 1, min(candidate.last + 3, len(toks) - 1)):
            # "Thirty of the soldiers suffered light wounds": a part, named by the wounds' severity
            if toks[index].low in _SEVERITIES and toks[index + 1].low in ("wounds", "injuries"):
                return candidate._replace(scope=f"{toks[index].text} {toks[index + 1].text}",
                                          last=max(candidate.last, index + 1))
    if head.kind == "casualty" and len(item.parts) == 1 and (
            item.first == 0 or toks[item.first - 1].low not in ("the", "these", "those", "its", "their")):
        were = _casualties_were(toks, item.end + 1)
        if were is not None:  # "34 wounded ones are civilians"
            return candidate._replace(scope=were[0], last=max(candidate.last, were[1]))
    if candidate.field == "killed" and head.kind == "person" and len(item.parts) == 1 and \
            _more_died_of_wounds(toks, item):
        return candidate._replace(scope=DIED_LATER)  # "Two more people died from their injuries"
    if head.kind == "person" and head.head is not None and len(item.parts) == 1 and \
            subsets.among_casualties(toks, item.end + 1) is not None:
        group = subsets.group_words(toks, head.mention.last + 1, head.head)
        if group:
            return candidate._replace(scope=group)
    return candidate


#: Adjectives of a wound's severity: "light wounds", "moderate injuries".
_SEVERITIES: Final = frozenset("light slight minor moderate serious severe critical grave".split())

#: The scope of the wounded a hospital received: a part of the wounded.
RECEIVED: Final = "received at a hospital"
#: The scope of a toll that counts the attackers with their victims (GUIDELINE section 2).
ATTACKERS_TOGETHER: Final = "victims and attackers together"


#: What strikes from the air: a drone, a missile, a warplane (GUIDELINE section 2: the people
#: a drone or an air strike kills are its victims, whoever they are).
_FROM_THE_AIR: Final = frozenset("drone drones airstrike airstrikes air-strike air-strikes missile missiles "
                                 "warplane warplanes gunship gunships".split())


def _struck_from_the_air(toks: Sequence[Token]) -> bool:
    """ "Seven suspected militants were killed when a drone targeted a house", "Two missiles
    targeted the compound, killing six militants", "an air strike killed 12 insurgents": the
    militants are the strike's victims, not attackers killed attacking."""
    for index, tok in enumerate(toks):
        if tok.low in _FROM_THE_AIR or (tok.low == "air" and index + 1 < len(toks) and
                                        toks[index + 1].low in ("strike", "strikes", "raid", "raids")):
            return True
    return False


def _attacker_included(toks: Sequence[Token], after: int) -> bool:
    """ "killing at least 15 people, including a suspected suicide bomber": the toll counts
    an attacker among its dead."""
    index = after
    if index < len(toks) and toks[index].low == ",":
        index += 1
    if index >= len(toks) or toks[index].low not in ("including", "among", "them"):
        return False
    return any(toks[k].low in ATTACKER_NOUNS for k in range(index + 1, min(index + 6, len(toks))))


def _with_roles(toks: Sequence[Token], candidate: NumericCandidate, item: Counted,
                counted: Sequence[Counted], consumed: set[int]) -> NumericCandidate:
    """ "A dozen ..., including ... a contractor, were injured" / "Among the 14 wounded were
    ... and a contractor": role counts listed after "including" or "were" form the breakdown."""
    window_end = min(len(toks), max(candidate.last, item.end) + 25)
    opener = next((k for k in range(item.end + 1, window_end)
                   if toks[k].low in ("including", "among", "included")
                   or (toks[k].low in ("were", "are") and item.parts[0].kind == "casualty")), None)
    if opener is None:
        return candidate
    roles: dict[str, int] = {}
    used = []
    for other in counted:
        if other is item or other.first < opener or other.first >= window_end:
            continue
        if len(other.parts) > 1:  # a listed group: its own breakdown by role
            if not other.breakdown:
                continue
            for role, number in other.breakdown.items():
                roles[role] = roles.get(role, 0) + number
            used.append(other.first)
            continue
        head = other.parts[0]
        if head.role is None or head.mention.value.high is None:
            continue
        roles[head.role] = roles.get(head.role, 0) + head.mention.value.low
        used.append(other.first)
    count = candidate.value
    if not roles or (count.high is not None and sum(roles.values()) > count.high):
        return candidate
    consumed.update(used)
    return candidate._replace(value=Count(
        low=count.low, high=count.high, qualifier=count.qualifier, stated=count.stated,
        text=count.text, breakdown=roles, lexicon=count.lexicon))


def _count_of(item: Counted) -> Count:
    parts = item.parts
    if len(parts) == 1:
        count = parts[0].mention.value
        if item.breakdown and count.high is not None and sum(item.breakdown.values()) > count.high:
            return count
        if not item.breakdown and not count.breakdown:
            return count  # counts are immutable: the mention's own value serves
        return Count(low=count.low, high=count.high, qualifier=count.qualifier, stated=count.stated,
                     text=count.text, breakdown=item.breakdown, lexicon=count.lexicon)
    total = sum(part.mention.value.low for part in parts)
    open_ended = any(part.mention.value.high is None for part in parts)
    lexicons = [part.mention.value.lexicon for part in parts if part.mention.value.lexicon]
    text = " + ".join(part.mention.value.text for part in parts)
    if open_ended:
        return Count(low=total, high=None, qualifier="at_least", stated=total, text=text,
                     breakdown=item.breakdown, lexicon=lexicons[0] if lexicons else None)
    return Count(low=total, high=total, qualifier="exact", stated=total, text=text,
                 breakdown=item.breakdown, lexicon=lexicons[0] if lexicons else None)


def _classify_one(
    toks: Sequence[Token], item: Counted, starts: set[int], family: str | None, reach: int | None = None,
) -> list[NumericCandidate]:
    head = item.parts[0]
    mention = head.mention
    if any(part.mention.value.qualifier == "about" for part in item.parts[1:]):
        return []
    if head.kind == "relative":
        if family is None:
            return []
        field = field_cues.projectile_before(toks, item.first) or field_cues.projectile_forward(
            toks, head.end, starts, item.first)
        if field is None:
            return []
        first, last = min(item.first, field[1]), max(item.end, field[1])
        return [_landing_scoped(toks, NumericCandidate(f"{family}_{field[0]}", _count_of(item), first, last,
                                                       False), field[1], part=True)]
    if head.kind == "projectile":
        if mention.weak and not _single_projectile(toks, item):
            return []
        return _projectile(toks, item, starts, head.family or "rockets")
    if head.kind == "casualty":
        return _casualty_head(toks, item, head)
    if head.kind == "person":
        return _people(toks, item, starts, head, reach)
    ordinal = _ordinal_landed(toks, item, family) if toks[item.first].low == "a" else None
    if ordinal is not None:
        return [ordinal]
    if toks[item.first].low == "a" and _ordinal_death(toks, item) is not None:
        return []  # "... and a fourth died": read with the toll before it (see classify)
    if mention.weak or mention.none:
        return []
    landing = _one_landed(toks, item, family) if toks[item.first].low == "one" else None
    if landing is not None:
        return [landing]
    if family is not None and item.first >= 2 and toks[item.first - 1].low == "which" and \
            toks[item.first - 2].low == "of":
        # "14 rockets were launched, of which three were intercepted": a part of the projectiles
        field = field_cues.projectile_forward(toks, item.end, starts, item.first)
        if field is None:
            return []
        return [NumericCandidate(f"{family}_{field[0]}", _count_of(item), item.first, field[1], False)]
    intercepted = _with_intercepted(toks, item, family)
    if intercepted is not None:
        return [intercepted]
    return _headless(toks, item, mention)


def _with_intercepted(toks: Sequence[Token], item: Counted, family: str | None) -> NumericCandidate | None:
    """ "30 rockets were fired, with three intercepted by the defence system": a bare count after
    "with" and before a verb of interception, once the sentence has named the projectiles, is
    the part of them stopped in the air."""
    verb = item.end + 1
    if item.first < 1 or toks[item.first - 1].low != "with" or verb >= len(toks) or \
            toks[verb].low not in INTERCEPTED_CUES:
        return None
    named = family or field_cues.sentence_projectile(toks[:item.first])
    if named is None or named == "shells":
        return None
    return NumericCandidate(f"{named}_intercepted", _count_of(item), item.first, verb, False)


def _people(toks: Sequence[Token], item: Counted, starts: set[int], head: Phrase,
            reach: int | None = None) -> list[NumericCandidate]:
    assert head.head is not None
    subgroup = head.mention.none and (toks[head.head].low not in WHOLE_GROUP_HEADS or
                                      _qualified(toks, head.mention.last + 1, head.head))
    if toks[head.head].low in SOURCE_NOUNS and field_cues.speech_follows(toks, item.end):
        return []
    if head.mention.weak and len(item.parts) == 1 and not _weak_allowed(toks, item) and \
            _person_in_condition(toks, item) is None:
        return []
    toll = field_cues.toll_before(toks, item.first)
    lost = next((k for k in range(item.first - 1, max(-1, item.first - 3), -1)
                 if toks[k].low == "lost"), None)  # "We have lost five soldiers"
    bodies = item.first - 2 if item.first >= 2 and toks[item.first - 1].low == "of" and \
        toks[item.first - 2].low in ("bodies", "corpses") else None  # "the bodies of a man and a woman"
    cue = (("killed", toll) if toll is not None else None) or _victims_included(toks, item) \
        or (("killed", bodies) if bodies is not None else None) \
        or field_cues.casualty_before(toks, item.first) \
        or (("killed", lost) if lost is not None else None) \
        or field_cues.casualty_after(toks, item.end, starts, item.first) \
        or (field_cues.casualty_after(toks, reach, starts, item.first) if reach is not None else None)
    condition = _person_in_condition(toks, item) if len(item.parts) == 1 else None
    if condition is not None and (cue is None or cue[1] > condition[1]):
        # "A man in serious condition with multiple shrapnel wounds": one of the wounded, scoped
        return [NumericCandidate("wounded", _count_of(item), item.first, condition[1], False,
                                 scope=condition[0])]
    if cue is None:
        hospital = _in_hospital(toks, item.end + 1)
        if hospital is None or head.mention.weak or head.mention.none:
            return []
        # "37 people are in hospitals": the hospitalised, a part of the wounded
        return [NumericCandidate("wounded", _count_of(item), item.first, hospital, False,
                                 scope="hospitalized")]
    field, position = cue
    hospitalized = field == "wounded" and position > item.end and \
        toks[position].low in ("hospitalized", "hospitalised")  # "one person was hospitalized": a part
    if field == "wounded" and any(toks[k].low in _NOT_INJURIES for k in range(item.end + 1, position)):
        return []  # "several people suffering from anxiety or who were injured": shock is no wound
    if toks[head.head].low in ATTACKER_NOUNS and not _struck_from_the_air(toks):
        field = f"attackers_{field}"
    first, last = min(item.first, position), max(item.end, position)
    count = _count_of(item)
    if count.qualifier == "exact" and field_cues.so_far(toks, max(last, item.end)):
        count = Count(low=count.low, high=None, qualifier="at_least", stated=count.low, text=count.text,
                      breakdown=count.breakdown, lexicon=count.lexicon)
    if (hospitalized and not head.mention.none) or (
            field == "wounded" and position == head.head + 1 and _treated_after(toks, position + 1)):
        # "27 people injured in the blast are being treated at hospitals": the hospitalised
        return [NumericCandidate(field, count, first, last, False, scope="hospitalized")]
    if subgroup:  # "No cabinet members were hurt": a zero for that group, not for the toll
        group = subsets.group_words(toks, head.mention.last + 1, head.head)
        return [NumericCandidate(field, count, first, last, False, scope=group)] if group else []
    if field == "wounded" and item.first > 0 and toks[item.first - 1].low in ("received", "admitted") and \
            not head.mention.none:
        # "The hospital received one girl who had been wounded": those one hospital took in
        return [NumericCandidate(field, count, first, last, False, scope=RECEIVED)]
    if len(item.parts) == 1 and head.head + 2 < len(toks) and toks[head.head + 1].low == "and" and \
            toks[head.head + 2].low in ("other", "others") and head.head + 1 < position:
        # "Five soldiers and other contractors were injured": the count is the soldiers' part
        return [NumericCandidate(field, count, first, last, False, scope=toks[head.head].text)]
    return [NumericCandidate(field, count, first, last, head.definite)]


#: Words that make a group of the people a zero is about: "no coalition troops were hurt".
_GROUP_QUALIFIERS: Final = frozenset("coalition foreign allied international western".split())


def _qualified(toks: Sequence[Token], first: int, head: int) -> bool:
    """Whether the words between a zero's "no" and its noun (``first`` up to ``head``) name a
    group by nation or side: "no American troops", "no U.S. personnel", "no coalition
    casualties" (not "no other casualties", "no soldiers")."""
    return any(tok.low in NATIONALITIES or tok.low.rstrip("s") in NATIONALITIES
               or tok.low in _GROUP_QUALIFIERS or (tok.text[:1].isupper() and tok.low not in ("no", "none"))
               for tok in toks[first:head])


#: The scope of deaths among people first counted as wounded.
DIED_LATER: Final = "died of their wounds later"


def _wounded_died(toks: Sequence[Token], after: int) -> int | None:
    """The index of "succumbed" in "two (more) wounded police officers (later) succumbed": people
    named wounded before their noun (``after`` is the token after "wounded") whose verb is a
    death."""
    index = after
    while index < len(toks) and index < after + 3 and toks[index].low not in PERSON_HEADS:
        if not toks[index].low.isalpha():
            return None
        index += 1
    if index >= len(toks) or toks[index].low not in PERSON_HEADS:
        return None
    index += 1
    while index < len(toks) and toks[index].low in PERSON_HEADS:
        index += 1  # "police officers"
    while index < len(toks) and toks[index].low in _LATER_WORDS:
        index += 1
    return index if index < len(toks) and toks[index].low in INTRANSITIVE_DEATHS else None


_LATER_WORDS: Final = frozenset("later subsequently have has had since also".split())


#: Shock and anxiety are not wounds (devset/real/GUIDELINE.md, section 2.1): a count of people
#: described by them before the casualty word mixes the two and gives no figure.
_NOT_INJURIES: Final = frozenset("anxiety shock panic".split())
_TREATED: Final = frozenset("treated hospitalized hospitalised hospitalized admitted".split())
_CLAUSE_ENDS: Final = frozenset(", ; . : and but while who which".split())


def _treated_after(toks: Sequence[Token], after: int) -> bool:
    """ "(people injured in the blast) are being treated at hospitals", "were hospitalised":
    the verb of a clause whose subject is the counted wounded says they are in hospital."""
    for index in range(after, min(len(toks), after + 8)):
        low = toks[index].low
        if low in _CLAUSE_ENDS:
            return False
        if low in ("are", "were", "is", "was", "remain", "remained"):
            following = [toks[k].low for k in range(index + 1, min(len(toks), index + 4))]
            while following and following[0] in ("being", "still", "now", "currently"):
                following.pop(0)
            return bool(following) and (following[0] in _TREATED or following[:2] == ["in", "hospital"]
                                        or following[:2] == ["in", "hospitals"])
    return False


_STILL_IN: Final = frozenset("are were is was remain remained remains still".split())


def _in_hospital(toks: Sequence[Token], after: int) -> int | None:
    """ "(people) are (still) in hospital(s)": the index of "hospital", if the words say so."""
    index = after
    while index < len(toks) and index < after + 2 and toks[index].low in _STILL_IN:
        index += 1
    if index == after or index >= len(toks) or toks[index].low != "in":
        return None
    index += 1
    if index < len(toks) and toks[index].low in ("the", "a"):
        index += 1
    return index if index < len(toks) and toks[index].low in ("hospital", "hospitals") else None


_VICTIMS: Final = {"dead": "killed", "killed": "killed", "fatalities": "killed", "injured": "wounded",
                   "wounded": "wounded"}


def _victims_included(toks: Sequence[Token], item: Counted) -> tuple[str, int] | None:
    """ "The dead included a policeman and a passer-by": a list of the victims is their toll."""
    first = item.first
    if len(item.parts) < 2 or first < 3 or toks[first - 1].low not in (
            "included", "include", "includes", "were", "are"):  # also "The dead were X and Y"
        return None
    field = _VICTIMS.get(toks[first - 2].low)
    if field is None or toks[first - 3].low != "the":
        return None
    return field, first - 1


def _weak_allowed(toks: Sequence[Token], item: Counted) -> bool:
    """ "a soldier was killed", "killing a policeman": a lone "a" counts one only here."""
    before = field_cues.casualty_before(toks, item.first)
    if before is not None and (before[1] == item.first - 1 or (
            before[1] == item.first - 2 and toks[item.first - 1].low == "of")):
        return True  # "killing a policeman", "the death of a civilian"
    if item.end + 1 < len(toks) and toks[item.end + 1].low in INTRANSITIVE_DEATHS:
        return True  # "a contractor died of a heart attack"
    if item.end + 2 < len(toks) and toks[item.end + 1].low in ("suffered", "sustained") and any(
            toks[k].low in ("injuries", "injury", "wounds", "wound")
            for k in range(item.end + 2, min(item.end + 5, len(toks)))):
        return True  # "a soldier suffered minor injuries"
    index = item.end + 1
    while index < len(toks) and (toks[index].low in AUX or toks[index].low in SUBSET_ADVERBS):
        index += 1  # "a man was moderately wounded"
    return index < len(toks) and index > item.end + 1 and toks[index].low in KILLED_CUES | WOUNDED_CUES


#: The severity words that make "no serious injuries" no zero: lighter wounds are left open.
_GRAVE: Final = frozenset("serious severe major critical grave life-threatening significant".split())


def _casualty_head(toks: Sequence[Token], item: Counted, head: Phrase) -> list[NumericCandidate]:
    assert head.head is not None
    count = _count_of(item)
    family = head.family
    if head.mention.none and any(toks[k].low in _GRAVE for k in range(head.mention.last + 1, head.head)):
        return []  # "suffered no serious injuries": the lightly hurt are not counted out
    if toks[head.mention.last + 1].low == "of":
        died = _died_later(toks, head.head + 1) if family == "wounded" and not head.mention.none else None
        if died is not None and count.qualifier == "exact":
            # "One of the wounded, a civilian worker, later died": deaths among the wounded are deaths
            return [NumericCandidate("killed", count, item.first, died, False)]
        # "two of the dead were Chadian peacekeepers": a subset; "none of the injuries ...": no claim
        part = None if head.mention.none else subsets.were_scope(toks, head.head + 1)
        if part is None or family not in ("killed", "wounded"):
            return []
        return [NumericCandidate(family, count, item.first, part[1], False, scope=part[0])]
    if family == "casualties":
        between = {toks[index].low for index in range(head.mention.last + 1, head.head)}
        if head.mention.none:
            # "no other casualties" after an injury: nobody else hurt, so nobody killed
            fields = ("killed",) if between & {"other", "further", "additional", "more"} else (
                "killed", "wounded")
            group = subsets.group_words(toks, head.mention.last + 1, head.head - 1) if _qualified(
                toks, head.mention.last + 1, head.head) else None
            # "no American casualties", "no coalition casualties": a zero for that group only
            return [NumericCandidate(field, count, item.first, item.end, head.definite, scope=group)
                    for field in fields]
        if between & {"additional", "more", "other", "further"}:
            return [NumericCandidate("wounded", count, item.first, item.end, head.definite)]
        return []
    if family == "wounded" and not head.mention.none and count.high is not None:
        died = _wounded_died(toks, head.head + 1)
        if died is not None:
            # "two more wounded police officers succumbed to their injuries": deaths among the wounded
            return [NumericCandidate("killed", count, item.first, died, False, scope=DIED_LATER)]
    if head.mention.weak:
        return []
    if family == "killed" and field_cues.so_far(toks, item.end) and count.qualifier == "exact":
        count = Count(low=count.low, high=None, qualifier="at_least", stated=count.low, text=count.text,
                      breakdown=count.breakdown, lexicon=count.lexicon)
    return [NumericCandidate(family or "killed", count, item.first, item.end, head.definite)]


def _died_later(toks: Sequence[Token], after: int) -> int | None:
    """The index of "died" in "(one of the wounded)(, a civilian worker,) later died", if the
    clause goes on so."""
    index = after
    if index < len(toks) and toks[index].low == ",":
        close = next((k for k in range(index + 1, min(len(toks), index + 10)) if toks[k].low == ","), None)
        if close is None:
            return None
        index = close + 1
    while index < len(toks) and toks[index].low in ("later", "subsequently", "has", "have", "had", "since"):
        index += 1
    return index if index < len(toks) and toks[index].low in INTRANSITIVE_DEATHS else None


#: Animals counted after a verb of killing are no casualties ("killed several animals in a zoo").
_ANIMALS: Final = frozenset("animals animal livestock cattle cows sheep goats camels horses donkeys dogs "
                            "cats birds chickens poultry".split())


def _headless(toks: Sequence[Token], item: Counted, mention: CountMention) -> list[NumericCandidate]:
    if item.end + 1 < len(toks) and toks[item.end + 1].low in _ANIMALS:
        return []  # "killed several animals in a petting zoo", "wounded two horses"
    toll = field_cues.toll_before(toks, item.first)
    if toll is not None:
        return [NumericCandidate("killed", _count_of(item), toll, item.end, False)]
    number_of = field_cues.number_of_before(toks, item.first)
    if number_of is not None and not mention.weak:  # "the number of wounded rose to 30"
        return [NumericCandidate(number_of[0], _count_of(item), number_of[1] - 2, item.end, False)]
    before = field_cues.casualty_before(toks, item.first)
    if before is not None and before[1] >= item.first - 2 and _verb_form(toks[before[1]].low):
        return [NumericCandidate(before[0], _count_of(item), before[1], item.end, False)]
    described = _described_wounded(toks, item) if not mention.weak and item.end + 1 < len(toks) and \
        toks[item.end + 1].low in ("was", "were") else None
    if described is not None:
        return [NumericCandidate("wounded", _count_of(item), item.first, described[1], False,
                                 scope=described[0])]
    after = _participle_after(toks, item)
    if after is not None:
        return [NumericCandidate(after[0], _count_of(item), item.first, after[1], False)]
    condition = _in_condition(toks, item)
    if condition is not None and not mention.weak:
        return [NumericCandidate("wounded", _count_of(item), item.first, condition[1], False,
                                 scope=condition[0])]
    load = field_cues.load_before(toks, item.first)
    if load is not None:
        family = field_cues.sentence_projectile(toks) or "rockets"
        return [NumericCandidate(f"{family}_in_launcher", _count_of(item), load, item.end, False)]
    return []


_CONDITIONS: Final = frozenset("serious critical grave stable severe".split())


def _person_in_condition(toks: Sequence[Token], item: Counted) -> tuple[str, int] | None:
    """ "A man in serious condition with multiple shrapnel wounds", "a soldier is in critical
    condition": people in a stated condition are wounded, a part of the wounded."""
    index = item.end + 1
    if index < len(toks) and toks[index].low in ("is", "was", "are", "were", "remains", "remained"):
        index += 1
    if index + 2 < len(toks) and toks[index].low == "in" and toks[index + 1].low in _CONDITIONS \
            and toks[index + 2].low == "condition":
        return f"{toks[index + 1].text} condition", index + 2
    return None


def _in_condition(toks: Sequence[Token], item: Counted) -> tuple[str, int] | None:
    """ "..., and another eight are in serious condition": a bare count of the wounded in a
    stated condition, a scoped part of the wounded (scope "serious condition")."""
    previous = toks[item.first - 1].low if item.first > 0 else ""
    if previous not in (",", "and", ";", "while", "another"):
        return None
    index = item.end + 1
    if index + 3 < len(toks) and toks[index].low in ("are", "were", "is", "was", "remain", "remained") \
            and toks[index + 1].low == "in" and toks[index + 2].low in _CONDITIONS \
            and toks[index + 3].low == "condition":
        return f"{toks[index + 2].text} condition", index + 3
    return None


#: The severity words a first figure of the wounded is told by: "serious and moderate wounds".
_SEVERE: Final = frozenset("serious moderate critical severe grave seriously moderately critically "
                           "severely gravely".split())


def _severity_sum(toks: Sequence[Token], before: NumericCandidate, item: Counted) -> bool:
    """ "(Two ... suffered serious and moderate wounds) and four were lightly injured": a bare
    exact figure after "and", of the wounded told by a lighter severity, next to a figure of the
    wounded told by a graver one (both exact)."""
    index = item.end + 1
    if item.first == 0 or toks[item.first - 1].low != "and" or index + 2 >= len(toks) or \
            toks[index].low not in ("were", "was") or toks[index + 1].low not in ("lightly", "slightly") or \
            toks[index + 2].low not in ("wounded", "injured", "hurt"):
        return False
    if before.value.qualifier != "exact" or _count_of(item).qualifier != "exact" or before.last >= item.first:
        return False
    return any(tok.low in _SEVERE for tok in toks[before.first:item.first])




def _severity_part(toks: Sequence[Token], item: Counted, before: str | None) -> tuple[str, int] | None:
    """ "(Four policemen,) including one critically injured", "(three soldiers were injured ...)
    Two sustained moderate wounds": a bare count of the wounded told by their wounds' severity
    is a part of the wounded counted before (in the sentence, or the report's last casualty
    field), scoped by the severity. After "including" an adverb and a participle of wounding
    follow ("fatally" tells a death, not a wound); a bare count that opens the sentence or a
    clause is the subject of "sustained", "suffered" or "received" and a severity adjective
    before "wounds" or "injuries"."""
    if before != "wounded":
        return None
    index = item.parts[0].mention.last + 1
    previous = toks[item.first - 1].low if item.first > 0 else ""
    if previous == "including":
        if index + 1 < len(toks) and toks[index].low in WOUND_ADVERBS and \
                toks[index + 1].low in ("wounded", "injured", "hurt"):
            return f"{toks[index].text} {toks[index + 1].text}", index + 1
        return None
    if previous not in ("", ",", "and", "while", ";") or _count_of(item).qualifier != "exact":
        return None
    if index + 2 < len(toks) and toks[index].low in SUSTAINED_VERBS and toks[index + 1].low in _SEVERITIES \
            and toks[index + 2].low in WOUND_NOUNS:
        return f"{toks[index + 1].text} {toks[index + 2].text}", index + 2
    return None


def _told_that(toks: Sequence[Token], first: int) -> bool:
    """ "said (that) 16 ...", "told the agency that 16 ...": a bare count that opens the clause a
    verb of speech reports (the verb right before it, or "that" with the verb up to five words
    before)."""
    if first == 0:
        return False
    if toks[first - 1].low in ("said", "says", "told"):
        return True
    return toks[first - 1].low == "that" and \
        any(toks[index].low in ("said", "says", "told") for index in range(max(0, first - 7), first - 1))


def _participle_after(toks: Sequence[Token], item: Counted) -> tuple[str, int] | None:
    """ "..., and 56 were wounded": a bare count that is the subject of a casualty participle."""
    previous = toks[item.first - 1].low if item.first > 0 else ","
    told = _told_that(toks, item.first)
    # also a quotation's first word, or a clause a verb of speech reports
    if previous not in (",", "and", ";", "with", "while", "“", '"', "‘") and not told:
        return None
    index = item.end + 1
    if told and index < len(toks) and toks[index].low == "died":
        return "killed", index  # "an official told the agency that 16 died in the strike"
    if index < len(toks) and toks[index].low in ("more", "others", "other"):
        index += 1
    if index + 1 < len(toks) and toks[index].low in ("were", "was") and \
            toks[index + 1].low in ("killed", "wounded", "injured", "hurt"):
        field = "killed" if toks[index + 1].low == "killed" else "wounded"
        return field, index + 1
    return None


def _described_wounded(toks: Sequence[Token], item: Counted) -> tuple[str, int] | None:
    """ "One was described as moderately wounded": a bare count of the wounded by their state,
    scoped by it (the scope the adverb names, as "Four of the victims were moderately injured")."""
    index = item.end + 1
    if index + 4 < len(toks) and toks[index].low in ("was", "were") and toks[index + 1].low == "described" \
            and toks[index + 2].low == "as" and toks[index + 3].low in SUBSET_ADVERBS and \
            toks[index + 4].low in ("wounded", "injured", "hurt"):
        return f"{toks[index + 3].text} {toks[index + 4].text}", index + 4
    return None


def _verb_form(word: str) -> bool:
    return word.endswith(("ing", "ed")) or word in ("hurt", "left")


_PROJECTILE_VERBS: Final = IMPACTED_CUES | FIRED_CUES | INTERCEPTED_CUES
_ORDINALS: Final = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())


def _single_projectile(toks: Sequence[Token], item: Counted) -> bool:
    """ "A rocket landed", "a rocket was fired": a lone "a" counts one projectile only when
    the noun is the subject of a firing or landing verb right after it. "A rocket attack",
    "a rocket-rigged truck" and "fired a rocket at" are not a count (the noun is a modifier,
    or the verb is the attackers')."""
    between = item.end - item.first - 1  # "a rocket"; "a second rocket" (an ordinal between)
    if len(item.parts) == 1 and between <= 2 and _destroyed_in_flight(toks, item) is not None:
        return True  # "air defences destroyed a drone that was launched toward the port"
    if len(item.parts) == 1 and item.parts[0].family != "shells" and item.first >= 3 and \
            toks[item.first - 1].low == "by" and toks[item.first - 2].low in PASSIVE_IMPACT and \
            (toks[item.first - 3].low in AUX and toks[item.first - 3].low != "said") and \
            (between == 0 or (between == 1 and toks[item.first + 1].low == "mortar")) and \
            (item.end + 1 >= len(toks) or not toks[item.end + 1].low[:1].isalpha() or
             toks[item.end + 1].low in _AFTER_A_NOUN):
        return True  # "the terminal was hit by a rocket", "was also struck by a mortar shell"
    if len(item.parts) == 1 and item.parts[0].family != "shells" and item.first >= 2 and \
            toks[item.first - 1].low == "down" and toks[item.first - 2].low == "shot" and \
            (between == 0 or (between == 1 and "-" in toks[item.first + 1].low)):
        return True  # "air defences shot down an aircraft-type drone": one intercepted
    if len(item.parts) == 1 and item.parts[0].family == "shells" and between == 0 and \
            item.end + 1 < len(toks) and toks[item.end + 1].low in IMPACTED_CUES:
        return True  # "another shell landed nearby": kept only in a mortar report (claims)
    if len(item.parts) != 1 or item.parts[0].family == "shells" or between > 1 or (
            between == 1 and toks[item.first + 1].low not in _ORDINALS and
            not (toks[item.first + 1].low == "mortar" and item.parts[0].family == "mortars")):
        return False  # shells have no count field (GUIDELINE 2)
    if item.first > 2 and toks[item.first - 1].low == "destroyed" and toks[item.first - 2].low == "and" \
            and toks[item.first - 3].low in INTERCEPTED_CUES:
        # "air defences intercepted and destroyed a drone": one intercepted (a bare "intercepted a
        # drone launched toward ..." stays no count: the drone is often another attack's)
        return True
    if item.first > 0 and toks[item.first - 1].low in INTERCEPTED_CUES and item.end + 2 < len(toks) and \
            toks[item.end + 1].low in FIRED_CUES and toks[item.end + 2].low == "by":
        # "intercepted a missile fired by X": the attack's own missile, its attacker named (a
        # bare "intercepted a drone launched toward ..." is often another attack's)
        return True
    if item.first > 0 and toks[item.first - 1].low in _PROJECTILE_VERBS | LOAD_CUES:
        return False  # "fired a rocket at ...": the attackers' verb, not a count
    index = item.end + 1
    while index < len(toks) and index <= item.end + 2 and toks[index].low in AUX:
        index += 1
    if index == item.end + 1:  # no auxiliary: only a finite verb of landing, not a participle
        return index < len(toks) and toks[index].low in IMPACTED_CUES
    return index < len(toks) and toks[index].low in _PROJECTILE_VERBS


#: Words after a noun phrase that ends there (not "hit by a rocket attack": a modifier).
_AFTER_A_NOUN: Final = PREPOSITIONS | frozenset(
    "and as when while that which fired launched early late overnight".split())
#: What follows a projectile still in the air: "a drone that was launched toward", "drones headed for".
_FLIGHT_VERBS: Final = FIRED_CUES | frozenset("targeted headed heading flying aimed bound".split())


def _destroyed_in_flight(toks: Sequence[Token], item: Counted) -> int | None:
    """The index of "destroyed" in "air defences destroyed a drone that was launched toward the
    port", "destroyed two drones headed for the city": a projectile stopped in the air, an
    interception. Without a flight after it ("destroyed a drone on the ground") it is none."""
    index = item.first - 1
    if index < 0 or toks[index].low != "destroyed" or \
            item.parts[0].family not in ("drones", "missiles", "rockets"):
        return None
    after = _past_relative(toks, item.end)
    return index if after < len(toks) and toks[after].low in _FLIGHT_VERBS else None


def _past_relative(toks: Sequence[Token], end: int) -> int:
    """The token after a noun ending at ``end``, past a relative pronoun and its auxiliaries
    ("a drone that was launched": the index of "launched")."""
    index = end + 1
    if index < len(toks) and toks[index].low in ("that", "which"):
        index += 1
        while index < len(toks) and index <= end + 4 and toks[index].low in AUX:
            index += 1
    return index


def _projectile(
    toks: Sequence[Token], item: Counted, starts: set[int], family: str,
) -> list[NumericCandidate]:
    flight = _destroyed_in_flight(toks, item)
    before = ("intercepted", flight) if flight is not None else field_cues.projectile_before(toks, item.first)
    if before is not None and toks[before[1]].low in BARRAGE_NOUNS:
        # "A barrage of 10 rockets struck the base": the barrage is the subject of a landing verb
        landed = field_cues.projectile_forward(toks, item.end, starts, item.first)
        if landed is not None and landed[0] == "impacted":
            before = landed
    if before is None:
        before = field_cues.projectile_forward(toks, item.end, starts, item.first)
    if before is None and item.end + 1 < len(toks) and toks[item.end + 1].low in BARRAGE_NOUNS:
        before = ("fired", item.end + 1)  # "a 30-rocket barrage", "a 20-plus rocket attack"
    if before is None:
        return []
    field, position = before
    first, last = min(item.first, position), max(item.end, position)
    found = NumericCandidate(f"{family}_{field}", _count_of(item), first, last, False)
    last_word = item.parts[0].mention.last
    if (last_word + 1 < len(toks) and toks[last_word + 1].low == "of") or \
            (found.value.qualifier == "at_least" and found.value.low == 1):
        found = _landing_scoped(toks, found, position)  # "One of the rockets landed in", "At least one"
    if field == "impacted" and toks[item.first].low == "one" and found.value.qualifier == "exact" and \
            found.value.low == 1 and "another" in (tok.low for tok in toks[position:]):
        pair = _one_and_another(toks, found, position)
        if pair:
            return pair
    launched = _launched_after(toks, item.end) if field == "intercepted" and position < item.first else None
    if launched is not None:
        # "intercepted two drones launched toward the port": they were fired, too
        return [found, NumericCandidate(f"{family}_fired", _count_of(item), item.first, launched, False)]
    return [found]


def _place_after(toks: Sequence[Token], index: int) -> int | None:
    """The end (exclusive) of the place phrase opening at ``index`` with a landing preposition."""
    if index >= len(toks) or toks[index].low not in LANDING_PREPOSITIONS:
        return None
    stop = index + 1
    while stop < len(toks) and stop - index <= _MAX_PLACE_TOKENS and toks[stop].low not in _PLACE_STOP:
        stop += 1
    return stop if stop > index + 1 else None


def _one_and_another(toks: Sequence[Token], found: NumericCandidate, verb: int) -> list[NumericCandidate]:
    """ "one rocket exploded near a gas station and another near a public library": two
    impacts, each the part of its place (GUIDELINE section 6). Without a place for each, or
    without "and another" right after the first place, nothing is read here."""
    first_end = _place_after(toks, verb + 1)
    if first_end is None or first_end + 2 >= len(toks) or toks[first_end].low != "and" or \
            toks[first_end + 1].low != "another":
        return []
    second_end = _place_after(toks, first_end + 2)
    if second_end is None:
        return []
    one = found._replace(scope=" ".join(tok.text for tok in toks[verb + 1:first_end]),
                         last=max(found.last, first_end - 1))
    another = NumericCandidate(found.field, Count.exact(1, text=toks[first_end + 1].text), first_end + 1,
                               second_end - 1, False,
                               scope=" ".join(tok.text for tok in toks[first_end + 2:second_end]))
    return [one, another]


def _launched_after(toks: Sequence[Token], end: int) -> int | None:
    """The launch participle right after an intercepted projectile's noun: "a drone launched
    toward", "a missile that was fired by" (not "a drone that targeted": its aim, no launch)."""
    index = _past_relative(toks, end)
    if index == end + 2:
        return None  # "drones that launched ...": no passive, not these drones' launch
    return index if index < len(toks) and toks[index].low in ("launched", "fired") else None


_LANDED: Final = frozenset("landed hit struck fell slammed crashed".split())
_LANDING: Final = frozenset("landing hitting striking falling slamming crashing".split())


def _one_landed(toks: Sequence[Token], item: Counted, family: str | None) -> NumericCandidate | None:
    """ "Mortar shells landed ... one landed on a neighbour's house": a bare "one" that is the
    subject of a landing verb, after the sentence has named the projectiles, is one of them."""
    count = item.parts[0].mention.value
    if len(item.parts) != 1 or toks[item.first].low != "one" or count.qualifier != "exact" or \
            item.end + 1 >= len(toks):
        return None
    verb = toks[item.end + 1].low
    if verb not in _LANDED and not (verb in _LANDING and item.first > 0 and
                                    toks[item.first - 1].low == "with"):
        return None  # "one landed on ...", "..., with one landing on ..."
    named = family or field_cues.sentence_projectile(toks[:item.first])
    if named is None or named == "shells":
        return None  # shells have no count field (GUIDELINE section 2)
    landed = NumericCandidate(f"{named}_impacted", count, item.first, item.end + 1, False)
    return _landing_scoped(toks, landed, item.end + 1)


_ORDINAL_VALUES: Final = {word: number for number, word in enumerate(
    "second third fourth fifth sixth".split(), start=2)}


def _ordinal_landed(toks: Sequence[Token], item: Counted, family: str | None) -> NumericCandidate | None:
    """ "Two missiles targeted the city, while a third landed near a district": "a third" with a
    landing verb is one more projectile, landed (at its place, see _landing_scoped)."""
    first = item.first
    if toks[first].low != "a" or first + 2 >= len(toks) or toks[first + 1].low not in _ORDINAL_VALUES or \
            toks[first + 2].low not in _LANDED:
        return None
    named = family or field_cues.sentence_projectile(toks[:first])
    if named is None or named == "shells":
        return None
    one = Count.exact(1, text=f"{toks[first].text} {toks[first + 1].text}")
    landed = NumericCandidate(f"{named}_impacted", one, first, first + 2, False)
    return _landing_scoped(toks, landed, first + 2)


def _ordinal_death(toks: Sequence[Token], item: Counted) -> int | None:
    """The index of the death verb in "a fourth died", "a fifth was killed", if so."""
    first = item.first
    if toks[first].low != "a" or first + 2 >= len(toks) or toks[first + 1].low not in _ORDINAL_VALUES:
        return None
    index = first + 2
    if toks[index].low in INTRANSITIVE_DEATHS:
        return index
    if toks[index].low in ("was", "is") and index + 1 < len(toks) and toks[index + 1].low == "killed":
        return index + 1
    return None


def _with_ordinal(found: list[NumericCandidate], toks: Sequence[Token], ordinal: NumericCandidate) -> None:
    """ "Two missiles targeted ..., while a third landed ...": the firing counts the third too."""
    family = ordinal.field.rsplit("_", 1)[0]
    number = _ORDINAL_VALUES.get(toks[ordinal.first + 1].low)
    for position in range(len(found) - 1, -1, -1):
        earlier = found[position]
        if earlier.field == f"{family}_fired":
            value = earlier.value
            if value.qualifier == "exact" and value.low + 1 == number and not value.breakdown:
                total = Count.exact(value.low + 1, text=value.text)
                found[position] = earlier._replace(value=total, last=ordinal.first + 1)
            return


#: The prepositions that open the place a projectile landed at (the first word of its scope).
LANDING_PREPOSITIONS: Final = frozenset("in on near inside into onto".split())
_PLACE_STOP: Final = frozenset(", ; . : and while but which who when as after before , wounding killing "
                               "injuring causing leaving".split())
_MAX_PLACE_TOKENS: Final = 6


#: The words of a part of a place: "in the centre of X", "on the outskirts of X".
_PLACE_PARTS: Final = frozenset("centre center heart outskirts edge north south east west northern southern "
                                "eastern western downtown".split())


def _landing_scoped(toks: Sequence[Token], candidate: NumericCandidate, verb: int,
                    part: bool = False) -> NumericCandidate:
    """ "One of the rockets landed in the northern part of town", "... while a third landed near
    a district": one projectile named as a part of those already counted ("one of the", "a
    third", a bare "one") landing at a place is that place's part of the attack (GUIDELINE
    section 6: figures for separate places are separate claims, each with its scope). The scope
    is the place phrase after the landing verb. "One rocket fell on the highway" names no part
    and keeps none. A ``part`` of any figure ("five rockets were fired, three of which exploded
    in the centre of X") takes its place the same way."""
    value = candidate.value
    if not candidate.field.endswith("_impacted") or (value.low != 1 and not part) or \
            toks[verb].low not in IMPACTED_CUES:
        return candidate
    index = verb + 1
    if index >= len(toks) or toks[index].low not in LANDING_PREPOSITIONS:
        return candidate
    stop = index + 1
    while stop < len(toks) and stop - index <= _MAX_PLACE_TOKENS and toks[stop].low not in _PLACE_STOP:
        stop += 1  # a long place phrase is quoted by its first words
    if stop == index + 1:
        return candidate  # no place named
    if part and value.low != 1 and not (any(tok.text[:1].isupper() for tok in toks[index + 1:stop]) and
                                        any(tok.low in _PLACE_PARTS for tok in toks[index + 1:stop])):
        # "five shells, three of which fell inside the perimeter", "30 rockets, 18 of which landed
        # in Camp X": no part of a named place, the impacts of the attack
        return candidate
    scope = " ".join(tok.text for tok in toks[index:stop])
    return candidate._replace(scope=scope, last=max(candidate.last, stop - 1))


