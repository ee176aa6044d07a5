"""Timeline builder: interactive, linked, small, text kept as data, window errors."""

from __future__ import annotations

import json

import pytest
import vl_convert

from analysis import evidence
from analysis.figures.timeline import timeline_chart, timeline_data
from analysis.publishers import cited_sources
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


def _point_layer(spec: dict) -> dict:
    """The layer of the main view that draws the events (the one encoding a shape)."""
    layers = [layer for view in spec["vconcat"] for layer in view.get("layer", [])]
    return next(layer for layer in layers if "shape" in layer.get("encoding", {}))


def test_point_shape_and_tooltip_give_grade_and_first_source(package, data) -> None:
    """Each point's shape follows its grade; its tooltip names the grade and its first source."""
    frame, spans = data
    spec = timeline_chart(frame, spans).to_dict()
    layer = _point_layer(spec)
    shape = layer["encoding"]["shape"]
    assert shape["field"] == "grade" and shape["scale"]["domain"] == list(evidence.GRADES)
    assert len(set(shape["scale"]["range"])) == len(evidence.GRADES)
    titles = {t["field"]: t["title"] for t in layer["encoding"]["tooltip"]}
    assert titles["grade"] == "Evidence grade" and titles["source"] == "First source"
    rows = spec["datasets"][layer["data"]["name"]]
    first = cited_sources(package["event_sources"], package["publishers"]).query("rank == 1")
    labels = dict(zip(first["event_id"], first["label"], strict=True))
    events = package["events"].sort_values(["start_date", "event_id"], kind="stable")
    assert len(rows) == len(events)
    for row, (_, event) in zip(rows, events.iterrows(), strict=True):
        assert row["title"] == event["title"], event["event_id"]
        assert row["grade"] == event["grade"] and row["source"] == labels[event["event_id"]]


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_static_texts_take_as_many_lines_as_the_live_ones(data, layout) -> None:
    """A chart's still preview is as high as its live drawing: no replaced text wraps differently."""
    from analysis.site.sphinx_vega import static_texts
    from analysis.site.vega_compile import NARROW_WIDTH, narrow_spec, units

    frame, spans = data
    spec = timeline_chart(frame, spans).to_dict()

    def lines(chart: dict) -> dict[tuple[int, str], int]:
        """Lines of each axis title, by view and channel, in this layout."""
        fitted = narrow_spec(chart) if layout == "narrow" else chart
        return {
            (index, key): len(title) if isinstance(title, list) else 1
            for index, unit in enumerate(units(fitted))
            for key, channel in unit.get("encoding", {}).items()
            if key in ("x", "y") and isinstance(channel, dict) and (title := channel.get("title")) is not None
        }

    live, still = lines(spec), lines(static_spec(spec, NARROW_WIDTH if layout == "narrow" else 720))
    assert json.dumps(spec).count(next(iter(static_texts()))) >= 1  # the hint is really there
    assert live and live == still
