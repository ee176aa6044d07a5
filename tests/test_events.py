"""Events: selection, yearly balance, timeline data, escaping; real-package figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import events
from tests.event_frames import small_events as _frame


def test_events_in_filters_and_sorts() -> None:
    frame = _frame()
    assert events.events_in(frame)["event_id"].tolist() == ["E2", "E1", "E3", "E4"]
    assert events.events_in(frame, phase_id="a")["event_id"].tolist() == ["E2", "E1"]
    assert events.events_in(frame, category=["treaty"], start=2000, end=2001)["event_id"].tolist() == ["E3"]
    assert events.events_in(frame, start="1980-02-01")["event_id"].tolist() == ["E1", "E3", "E4"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"phase_id": "nope"}, "unknown phase 'nope'; valid values are: a, b"),
        ({"category": "war"}, "unknown category 'war'"),
        ({"direction": "friendly"}, "unknown direction 'friendly'"),
        ({"start": 2002, "end": 2001}, "empty window"),
    ],
)
def test_events_in_rejects_bad_values(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        events.events_in(_frame(), **kwargs)


def test_events_in_uses_given_vocabulary() -> None:
    valid = {"direction": ("cooperation", "conflict", "neutral")}
    # a valid direction absent from the data is not an error, just empty
    assert events.events_in(_frame().iloc[:1], direction="conflict", valid=valid).empty
    with pytest.raises(ValueError, match="cooperation, conflict, neutral"):
        events.events_in(_frame(), direction="x", valid=valid)


def test_yearly_balance_hand_computed() -> None:
    table = events.yearly_balance(_frame(), 1980, 1981)
    assert table.to_dict("list") == {
        "year": [1980, 1981], "cooperation": [0, 0], "conflict": [1, 0], "neutral": [1, 0]
    }
    with pytest.raises(ValueError, match="start 1982 is after end 1981"):
        events.yearly_balance(_frame(), 1982, 1981)


dates = st.dates(min_value=pd.Timestamp("1979-01-01").date(), max_value=pd.Timestamp("2026-12-31").date())


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(dates, st.sampled_from(events.DIRECTIONS)), min_size=0, max_size=40),
    start=st.integers(1979, 2026),
    length=st.integers(0, 20),
)
def test_yearly_balance_sums_to_events_in_range(rows: list, start: int, length: int) -> None:
    end = start + length
    frame = pd.DataFrame(
        {"start_date": pd.to_datetime([d for d, _ in rows]), "direction": [x for _, x in rows]}
    )
    table = events.yearly_balance(frame, start, end)
    inside = sum(start <= d.year <= end for d, _ in rows)
    assert len(table) == end - start + 1
    assert int(table[list(events.DIRECTIONS)].to_numpy().sum()) == inside
    assert (table[list(events.DIRECTIONS)].to_numpy() >= 0).all()


@settings(max_examples=60, deadline=None)
@given(day=dates, precision=st.sampled_from(["day", "month", "year"]))
def test_date_label_never_invents_precision(day, precision: str) -> None:
    label = events.date_label(pd.Timestamp(day), precision)
    assert label.endswith(str(day.year))
    assert len(label.split()) == {"day": 3, "month": 2, "year": 1}[precision]


# --- single events and windows, as the claims query them ---------------------------


def test_event_lookups() -> None:
    frame = _frame()
    assert events.has_event(frame, "E1") and not events.has_event(frame, "E9")
    assert events.event_row(frame, "E3")["title"] == "T3"
    assert events.event_date(frame, "E1") == pd.Timestamp("1980-02-23")
    assert events.event_day(frame, "E3") == "2001-03-12" and events.event_day(frame, "E9") is None
    with pytest.raises(ValueError, match="unknown event 'E9'"):
        events.event_date(frame, "E9")
    assert events.date_labels(frame, ["E1", "E4"]) == {"E1": "23 Feb 1980", "E4": "Oct 2025"}
    with pytest.raises(ValueError, match="not dated to the day"):
        events.days_between(frame, "E1", "E2")


def test_events_between_accepts_queried_categories() -> None:
    frame = _frame()
    assert events.events_between(frame, 1979, 2030, category="military_cooperation").empty
    assert events.events_between(frame, 1980, 1980, direction="conflict")["event_id"].tolist() == ["E1"]
    with pytest.raises(ValueError, match="unknown category 'war'"):
        events.events_between(frame, 1979, 2030, category="war")


def test_busiest_stretch() -> None:
    frame = pd.DataFrame({"direction": ["cooperation"] * 4,
                          "start_date": pd.to_datetime(["2001-01-01", "2004-01-01", "2005-01-01", "2006-06-01"])})
    assert events.busiest_stretch(frame, "cooperation", 3, 2000, 2010) == (2004, 2006, 3)
    with pytest.raises(ValueError, match="no 5-year window"):
        events.busiest_stretch(frame, "cooperation", 5, 2000, 2002)


# --- real package, recomputed with plain pandas ---------------------------------


def test_real_vocabulary_and_counts(package) -> None:
    table = package["events"]
    words = events.vocabulary(package)
    assert words["phase_id"] == tuple(package["phases"].sort_values("order")["phase_id"])
    assert set(words["direction"]) == set(events.DIRECTIONS)
    with pytest.raises(ValueError, match="unknown category 'alliance'"):
        events.events_in(table, category="alliance", valid=words)
    levels = table["grade"].value_counts()
    grades = package.field("events", "grade")["constraints"]["enum"]
    assert events.grade_counts(table) == {
        **{g: int(levels.get(g, 0)) for g in grades}, "total": len(table)}
    first, last = int(table["start_date"].dt.year.min()), int(table["start_date"].dt.year.max())
    directions = table["direction"].value_counts()
    assert events.balance_summary(table, first, last) == {
        **{d: int(directions.get(d, 0)) for d in events.DIRECTIONS}, "total": len(table)}


def test_real_phase_selection(package) -> None:
    table = package["events"]
    for phase in package["phases"].itertuples():
        chosen = events.events_in(table, phase_id=phase.phase_id)
        assert len(chosen) == int((table["phase_id"] == phase.phase_id).sum())
        assert chosen["start_date"].is_monotonic_increasing


def test_real_claim_events_exist(package) -> None:
    """Every event identifier the claims cite is in the table."""
    table = package["events"]
    cited = [events.SHAH_FALLS, events.SOVIET_INVASION, events.TEHRAN_EIGHT, events.SOVIET_UNION_ENDS,
             events.S300_BAN, events.SYRIAN_UPRISING, events.RUSSIAN_AIR_CAMPAIGN,
             events.HAMEDAN_FIRST_SORTIE, events.HAMEDAN_ENDED, events.DRONES_ADMITTED,
             events.MISSILES_CONFIRMED, events.ASSAD_FALLS, events.PARTNERSHIP_TREATY,
             *(e for war in events.WARS_ON_IRAN for e in war)]
    assert all(events.has_event(table, e) for e in cited)
    hamedan = events.days_between(table, events.HAMEDAN_FIRST_SORTIE, events.HAMEDAN_ENDED)
    assert hamedan == (events.event_date(table, events.HAMEDAN_ENDED)
                       - events.event_date(table, events.HAMEDAN_FIRST_SORTIE)).days
