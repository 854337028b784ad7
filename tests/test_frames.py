"""Data frames straight from the values: ``state.to_frame()``, ``state.claims_frame()``
and ``timeline(...).to_frame()``, with nullable integers and UTC times."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import taji_events as te
from taji_events.claims_table import claim_rows
from taji_events.columns import TIMELINE_COLUMNS, VIEW_CLAIM_COLUMNS
from taji_events.errors import MissingDependencyError
from taji_events.frames import STATE_COLUMNS, state_frame, timeline_frame
from taji_events.memory import MemoryStore
from taji_events.states import Timeline
from taji_events.testing import TickingClock

SEED = Path(__file__).resolve().parents[1] / "seeds" / "taji-2020-03-11.jsonl"
TAJI = "taji-2020-03-11"


@pytest.fixture(scope="module")
def seeded() -> te.EventStore:
    store = MemoryStore(TickingClock())
    store.append(te.read_jsonl(SEED))
    return store


def test_a_state_gives_its_own_typed_frame(seeded: te.EventStore) -> None:
    state = te.believed_at(seeded, TAJI, "2020-03-13", policy="range")
    frame = state.to_frame()
    assert list(frame.columns) == list(STATE_COLUMNS)
    pd.testing.assert_frame_equal(frame, state_frame(state))
    rockets = frame.set_index("field").loc["rockets_fired"]
    assert (rockets["low"], rockets["best"], rockets["high"]) == (15, 18, 30)
    assert str(frame["high"].dtype) == "Int64" and frame["high"].isna().any()
    assert str(frame["at"].dtype) == "datetime64[us, UTC]"


def test_a_state_gives_the_frame_of_its_claims(seeded: te.EventStore) -> None:
    state = te.believed_at(seeded, TAJI, "2020-03-13")
    frame = state.claims_frame()
    assert list(frame.columns) == list(VIEW_CLAIM_COLUMNS)
    assert frame["ref"].tolist() == [item.ref for item in state.claims]
    # The same rows as the claims table of the same view, less what only the store knows.
    table = [row for row in claim_rows(seeded, [TAJI], at="2020-03-13") if row["status"] == "active"]
    expected = pd.DataFrame(table)[list(VIEW_CLAIM_COLUMNS)]
    assert frame.astype(object).where(frame.notna(), None).to_dict("records") == \
        expected.astype(object).where(expected.notna(), None).to_dict("records")
    assert str(frame["high"].dtype) == "Int64" and frame["high"].isna().any()
    assert str(frame["published_earliest"].dtype) == "datetime64[us, UTC]"
    assert set(frame["status"]) == {"active"}
    assert (frame["as_of"] == pd.Timestamp(state.at)).all()


def test_a_timeline_is_a_list_that_gives_a_frame(seeded: te.EventStore) -> None:
    timeline = te.timeline(seeded, TAJI, mode="possible")
    assert isinstance(timeline, Timeline) and isinstance(timeline, list)
    assert timeline == list(timeline)
    frame = timeline.to_frame()
    assert list(frame.columns) == list(TIMELINE_COLUMNS)
    pd.testing.assert_frame_equal(frame, timeline_frame(timeline))
    assert len(frame) == len(timeline)
    for column in ("at", "possible_from", "certain_by"):
        assert str(frame[column].dtype) == "datetime64[us, UTC]"
    assert str(frame["best"].dtype) == "Int64"
    assert frame["best"].isna().any()  # an attribution change has no figure
    assert (frame["possible_from"] <= frame["certain_by"]).all()
    first = timeline[0]
    assert frame["possible_from"].iloc[0] == pd.Timestamp(first.possible_from)
    assert frame["certain_by"].iloc[0] == pd.Timestamp(first.certain_by)


def test_an_empty_timeline_gives_an_empty_frame_with_its_columns() -> None:
    frame = Timeline().to_frame()
    assert list(frame.columns) == list(TIMELINE_COLUMNS) and len(frame) == 0
    assert str(frame["certain_by"].dtype) == "datetime64[us, UTC]"


def test_frames_without_pandas_name_the_extra(seeded: te.EventStore,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    state = te.known_at(seeded, TAJI)
    timeline = te.timeline(seeded, TAJI)
    monkeypatch.setitem(sys.modules, "pandas", None)
    for make in (state.to_frame, state.claims_frame, timeline.to_frame):
        with pytest.raises(MissingDependencyError, match=r"taji_events\[frames\]"):
            make()
