"""The timeline's data: labels, the timeline frame, phase spans, the escaped event table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import timeline
from tests.event_frames import small_events as _frame
from tests.event_frames import small_sources


def test_timeline_frame_labels_and_keeps_text_as_data() -> None:
    phases = pd.DataFrame({"phase_id": ["a", "b"], "title": ["Phase A", "Phase B"]})
    frame = timeline.timeline_frame(_frame(), phases)
    assert list(frame.columns) == list(timeline.TIMELINE_COLUMNS)
    assert frame["date_label"].tolist() == ["1980", "23 Feb 1980", "12 Mar 2001", "Oct 2025"]
    assert frame["category"].tolist()[1] == "Armed clash"
    assert frame["title"].iloc[-1] == "<b>T4</b>"
    with pytest.raises(ValueError, match="missing from the phases table"):
        timeline.timeline_frame(_frame(), phases.iloc[:1])


def test_event_table_escapes_everything() -> None:
    events = _frame().assign(notes=None)
    publishers = pd.DataFrame({"host": ["a.org"], "publisher": ["A & Co"], "kind": ["aggregator or blog"]})
    html_text = timeline.event_table(events, small_sources(), publishers)
    assert "<b>T4</b>" not in html_text and "&lt;b&gt;T4&lt;/b&gt;" in html_text
    assert 'href="https://a.org/x?y=1&amp;z=2"' in html_text and ">A &amp; Co</a>, 24 February 1980" in html_text
    bad = small_sources().assign(url="javascript:alert(1)")
    with pytest.raises(ValueError, match="not an http"):
        timeline.event_table(events, bad, publishers)


def test_grade_cells_sort_strongest_first() -> None:
    publishers = pd.DataFrame({"host": ["a.org"], "publisher": ["A"], "kind": ["aggregator or blog"]})
    rows = timeline.table_frame(_frame().assign(notes=None), small_sources(), publishers)
    assert rows.sort_values("grade_order")["grade"].tolist() == ["confirmed", "reported", "claimed", "disputed"]


def test_phase_spans_cover_whole_years_and_no_more() -> None:
    phases = pd.DataFrame({"phase_id": ["x"], "order": [1], "title": ["X"], "short_title": ["x"],
                           "chapter": ["c"], "start_year": [2022], "end_year": [2024]})
    span = timeline.phase_spans(phases).iloc[0]
    assert span["start"] == pd.Timestamp("2022-01-01") and span["end"] == pd.Timestamp("2024-12-31")
    assert span["label"] == "1. X, 2022–2024" and span["strip"] == "1 x"


def test_real_timeline_frame_is_complete(package) -> None:
    frame = timeline.timeline_frame(package["events"], package["phases"])
    assert len(frame) == len(package["events"]) and frame["start_date"].is_monotonic_increasing
    assert frame["phase"].notna().all() and frame["date_label"].notna().all()
    spans = timeline.phase_spans(package["phases"])
    assert spans["phase_id"].tolist() == package["phases"].sort_values("order")["phase_id"].tolist()
