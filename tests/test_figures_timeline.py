"""Timeline builder: interactive, linked, small, text kept as data, window errors."""

from __future__ import annotations

import json

import pytest
import vl_convert

from analysis.figures.timeline import timeline_chart, timeline_data
from analysis.site.sphinx_vega import VEGA_LITE_VERSION, static_spec


@pytest.fixture(scope="module")
def data(package):
    inputs = timeline_data(package)
    return inputs["frame"], inputs["spans"]


def _checks(spec: dict) -> None:
    assert json.loads(json.dumps(spec)) == spec
    assert spec["title"]["text"] and spec["title"]["subtitle"]
    assert all(len(line) <= 55 for line in spec["title"]["subtitle"])
    assert len(spec["title"]["text"]) <= 45
    assert spec["description"]
    svg = vl_convert.vegalite_to_svg(static_spec(spec, 600), vl_version=VEGA_LITE_VERSION)
    assert svg.startswith("<svg")


def test_timeline_is_interactive_and_linked(data) -> None:
    frame, spans = data
    spec = timeline_chart(frame, spans).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params["category_pick"]["bind"]["input"] == "select"
    assert params["direction_pick"]["bind"]["input"] == "select"
    text = json.dumps(spec)
    assert '"zoom"' in text and '"param": "zoom"' in text  # brush drives the main scale
    assert f"{len(frame)} dated events" in spec["description"]


def test_timeline_keeps_only_needed_columns(data) -> None:
    frame, spans = data
    spec = timeline_chart(frame, spans, 2011, 2021).to_dict()
    keys = set()
    for rows in spec["datasets"].values():
        for row in rows:
            keys |= set(row)
    assert "notes" not in keys and "actors" not in keys and "event_id" not in keys


def test_hostile_text_stays_data(data) -> None:
    frame, spans = data
    hostile = frame.head(3).copy()
    hostile.loc[:, "description"] = '</script><img src=x onerror=alert(1)>'
    spec = timeline_chart(hostile, spans).to_dict()
    descriptions = [row.get("description") for rows in spec["datasets"].values() for row in rows]
    assert '</script><img src=x onerror=alert(1)>' in descriptions
    _checks(spec)


def test_timeline_window_errors(data) -> None:
    frame, spans = data
    with pytest.raises(ValueError, match="empty year window"):
        timeline_chart(frame, spans, 2020, 2010)
    with pytest.raises(ValueError, match="no events in 1950–1960"):
        timeline_chart(frame, spans, 1950, 1960)
    with pytest.raises(ValueError, match="lacks columns"):
        timeline_chart(frame.drop(columns="title"), spans)
