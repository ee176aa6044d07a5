"""Events: selection, yearly balance, timeline data, escaping; real-package figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import events


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["E3", "E1", "E2", "E4"],
            "phase_id": ["b", "a", "a", "b"],
            "category": ["treaty", "armed_clash", "diplomacy", "treaty"],
            "direction": ["cooperation", "conflict", "neutral", "cooperation"],
            "date_precision": ["day", "day", "year", "month"],
            "start_date": pd.to_datetime(["2001-03-12", "1980-02-23", "1980-01-01", "2025-10-01"]),
            "title": ["T3", "T1", "T2", "<b>T4</b>"],
            "description": ["d3", "d1", "d2", "d4 & <i>more</i>"],
            "verification": ["verified", "verified", "partly verified", "verified"],
            "source_url_1": ["https://a.org/x?y=1&z=2"] * 4,
        }
    )


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


def test_timeline_frame_labels_and_keeps_text_as_data() -> None:
    phases = pd.DataFrame({"phase_id": ["a", "b"], "title": ["Phase A", "Phase B"]})
    frame = events.timeline_frame(_frame(), phases)
    assert list(frame.columns) == list(events.TIMELINE_COLUMNS)
    assert frame["date_label"].tolist() == ["1980", "23 Feb 1980", "12 Mar 2001", "Oct 2025"]
    assert frame["category"].tolist()[1] == "Armed clash"
    assert frame["title"].iloc[-1] == "<b>T4</b>"
    with pytest.raises(ValueError, match="missing from the phases table"):
        events.timeline_frame(_frame(), phases.iloc[:1])


def test_event_table_escapes_everything() -> None:
    phases = pd.DataFrame({"phase_id": ["a", "b"], "title": ["A", "B"]})
    html_text = events.event_table(events.timeline_frame(_frame(), phases))
    assert "<b>T4</b>" not in html_text and "&lt;b&gt;T4&lt;/b&gt;" in html_text
    assert 'href="https://a.org/x?y=1&amp;z=2"' in html_text
    bad = events.timeline_frame(_frame(), phases).assign(source_url_1="javascript:alert(1)")
    with pytest.raises(ValueError, match="not an http"):
        events.event_table(bad)


def test_phase_spans_cover_whole_years() -> None:
    phases = pd.DataFrame({"phase_id": ["x"], "order": [1], "title": ["X"], "chapter": ["c"],
                           "start_year": [2022], "end_year": [2024]})
    span = events.phase_spans(phases).iloc[0]
    assert span["start"] == pd.Timestamp("2022-01-01") and span["end"] == pd.Timestamp("2025-01-01")


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


# --- real package: the figures the chapters state ---------------------------------


def test_real_vocabulary_and_counts(package) -> None:
    table = package["events"]
    words = events.vocabulary(package)
    assert words["phase_id"] == ("enmity", "thaw", "syria", "ukraine", "after_essay")
    with pytest.raises(ValueError, match="unknown category 'alliance'"):
        events.events_in(table, category="alliance", valid=words)
    assert events.verification_counts(table) == {"verified": 88, "partly verified": 18, "total": 106}
    assert events.balance_summary(table, 1979, 2026) == {
        "cooperation": 71, "conflict": 15, "neutral": 20, "total": 106
    }


def test_real_syria_and_after_figures(package) -> None:
    table = package["events"]
    syria = events.events_in(table, phase_id="syria")
    assert events.balance_summary(syria, 2011, 2021) == {
        "cooperation": 17, "conflict": 2, "neutral": 3, "total": 22
    }
    assert events.days_between(table, "E039", "E040") == 6
    assert events.date_labels(table, ["E034", "E038"]) == {"E034": "30 Sep 2015", "E038": "Aug 2016"}
    after = events.events_in(table, phase_id="after_essay")
    assert events.verification_counts(after) == {"verified": 26, "partly verified": 7, "total": 33}
    assert events.balance_summary(after, 2023, 2026)["conflict"] == 0
    assert events.verification_counts(after)["partly verified"] == 7  # E082 E083 E085 E088 E102 E104 E105


def test_real_timeline_frame_is_complete(package) -> None:
    frame = events.timeline_frame(package["events"], package["phases"])
    assert len(frame) == 106 and frame["start_date"].is_monotonic_increasing
    assert frame["phase"].notna().all() and frame["date_label"].notna().all()
