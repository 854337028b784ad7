"""The word tests that let a sentence skip an expression are sound: every match holds a word.

A prefilter that forgot a word of its expression would silently drop what the expression
reads, so each one is checked against strings Hypothesis draws from the expression itself.
Drawn text is ASCII: on other text the prefilters do not apply (every sentence is scanned).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taji_events.extract import attribution, incident_markers, speakers, uncounted
from taji_events.extract.prefilter import lowered, may_match

#: (expression, its words, whether the words are looked for in the lower-cased sentence)
PREFILTERS = {
    "anonymity": (speakers._ANONYMOUS, speakers._ANONYMOUS_WORDS, True),
    "preliminary": (speakers._PRELIMINARY, speakers._PRELIMINARY_WORDS, True),
    "initial": (speakers._INITIAL, speakers._INITIAL_WORDS, True),
    "confirmed": (speakers._CONFIRM, speakers._CONFIRM_WORDS, True),
    "national fatality": (uncounted._THE_NATIONAL_FATALITY, uncounted._NATIONAL_FATALITY_WORDS, False),
    "event topic": (incident_markers._TOPIC, incident_markers._TOPIC_WORDS, True),
}
#: The attribution readers whose gate words are the expression's own (the others also gate
#: on words a reading needs elsewhere in the sentence).
OWN_GATES = ["_GENERIC", "_CLAIMED", "_BELONGED_TO", "_BLAMED", "_HOLD", "_DENIED", "_WAS_RESPONSIBLE",
             "_BELIEVED_BEHIND", "_SUSPECTED_OF", "_SAID_IT_DID", "_PERPETRATOR", "_SUSPECTED_ADJ",
             "_MENTION", "_SAID_RESPONSE", "_SAID_IT_WAS", "_STATEMENT_CLAIM", "_ATTRIBUTED"]
for _name in OWN_GATES:
    _pattern = getattr(attribution, _name)
    PREFILTERS[_name] = (_pattern, attribution._GATES[_pattern], True)
GATED = set(OWN_GATES)

ASCII = st.characters(codec="ascii")
SOUNDNESS = settings(suppress_health_check=list(HealthCheck), deadline=None)


@pytest.mark.parametrize("name", sorted(PREFILTERS))
@SOUNDNESS
@given(data=st.data())
def test_every_match_of_an_expression_holds_one_of_its_prefilter_words(name: str,
                                                                       data: st.DataObject) -> None:
    pattern, words, folded = PREFILTERS[name]
    text = data.draw(st.from_regex(pattern, alphabet=ASCII))
    if pattern.search(text) is None:  # a draw around a lookaround the regex reads otherwise
        return
    if name in GATED:  # as the attribution readers test it
        assert not attribution._GATE_WORDS[id(pattern)].isdisjoint(attribution._present(text.lower())), text
    elif folded:
        assert may_match(lowered(text), words), text
    else:
        assert any(word in text for word in words), text


def test_a_denial_in_the_progressive_is_read() -> None:
    assert attribution._found(attribution._DENIED, "The group is denying it was behind the attack.",
                              attribution._present("the group is denying it was behind the attack."))


def test_text_that_is_not_ascii_is_always_scanned() -> None:
    assert lowered("Ǆ the toll") == ""
    assert may_match("", ("toll",))
    assert not may_match("the count", ("toll",))
