"""What a reader sees of every registered chart, checked from its spec (issue 11).

* Every tooltip names a field that the rows of its layer carry, after the
  layer's and its parents' transforms, and reads that field from the data row
  even on a nearest-point hover layer (Vega-Lite's voronoi cells), so no
  tooltip prints ``undefined``.
* No axis of the static export shows two equal labels side by side (a time
  axis formatted ``%Y`` printed each year four times), at desktop and phone
  widths, and no two labels of one axis overlap.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
import vl_convert

from analysis.figures.registry import FIGURES
from analysis.site.sphinx_vega import VEGA_LITE_VERSION, static_spec
from analysis.theme import use_house_theme

IDS = list(FIGURES)
_SPECS: dict[str, dict[str, Any]] = {}


@pytest.fixture
def spec(package, request) -> dict[str, Any]:
    """The figure's Vega-Lite spec, built once per session."""
    ident = request.param
    if ident not in _SPECS:
        use_house_theme()
        _SPECS[ident] = FIGURES[ident].chart(package).to_dict(validate=True)
    return _SPECS[ident]


each = pytest.mark.parametrize("spec", IDS, indirect=True)


# ---------------------------------------------------------------------------
# Tooltip fields exist in the rows each layer receives
# ---------------------------------------------------------------------------


def _after(fields: set[str], transform: dict[str, Any]) -> set[str]:
    """The fields of the rows after one Vega-Lite transform."""
    kinds = ("calculate", "filter", "aggregate", "joinaggregate", "window", "fold",
             "timeUnit", "bin", "lookup", "flatten", "stack")
    kind = next((k for k in kinds if k in transform), None)
    if kind is None:
        raise AssertionError(f"the test does not know the transform {sorted(transform)}")
    if kind == "filter":
        return fields
    if kind == "aggregate":
        return set(transform.get("groupby", [])) | {a["as"] for a in transform["aggregate"]}
    if kind in ("joinaggregate", "window"):
        return fields | {a["as"] for a in transform[kind]}
    if kind == "fold":
        return fields | set(transform.get("as", ["key", "value"]))
    if kind == "lookup":
        named = transform.get("as") or transform.get("from", {}).get("fields", [])
        return fields | set([named] if isinstance(named, str) else named)
    named = transform["as"]
    return fields | set([named] if isinstance(named, str) else named)


def _units(node: dict[str, Any], columns: set[str] | None, datasets: dict[str, list[dict[str, Any]]],
           path: str = "") -> Iterator[tuple[str, dict[str, Any], set[str]]]:
    """Every single-view chart in ``node``, with the fields of the rows it draws."""
    if "data" in node:
        name = node["data"].get("name")
        assert name in datasets, f"{path or 'top'}: data {node['data']} is not an inline dataset"
        columns = set().union(*(row.keys() for row in datasets[name])) if datasets[name] else set()
    if columns is not None:
        for transform in node.get("transform", []):
            columns = _after(columns, transform)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for i, child in enumerate(node.get(key, [])):
            yield from _units(child, columns, datasets, f"{path}/{key}[{i}]")
    if "mark" in node:
        assert columns is not None, f"{path}: a mark without data"
        yield path or "top", node, columns


def _tooltips(unit: dict[str, Any]) -> list[dict[str, Any]]:
    tooltip = unit.get("encoding", {}).get("tooltip", [])
    return [tooltip] if isinstance(tooltip, dict) else list(tooltip)


@each
def test_every_tooltip_field_is_in_its_layers_rows(spec) -> None:
    missing = []
    tooltips = 0
    for path, unit, columns in _units(spec, None, spec.get("datasets", {})):
        for tip in _tooltips(unit):
            tooltips += 1
            if "field" in tip and tip["field"] not in columns:
                missing.append(f"{path}: tooltip {tip['field']!r} not in {sorted(columns)}")
    assert tooltips, "the chart has no tooltip"
    assert not missing, "\n".join(missing)


def _vega_marks(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for mark in node.get("marks", []):
        yield mark
        yield from _vega_marks(mark)


@each
def test_hover_layers_read_tooltips_from_the_data_row(spec) -> None:
    """A mark drawn from another mark (a nearest-point voronoi cell) holds that mark's item,
    whose row is ``datum.datum``; a tooltip reading ``datum[...]`` there prints ``undefined``."""
    vega = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
    marks = list(_vega_marks(vega))
    names = {mark.get("name") for mark in marks}
    wrong = []
    for mark in marks:
        if mark.get("from", {}).get("data") not in names:
            continue
        tooltip = mark.get("encode", {}).get("update", {}).get("tooltip", {}).get("signal", "")
        stray = re.findall(r'(?<!datum\.)datum\["([^"]+)"\]', tooltip)
        if stray:
            wrong.append(f"{mark['name']}: {sorted(set(stray))} read from the hover item, not its row")
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------------------
# Axis labels of the static export: none repeated side by side, none overlapping
# ---------------------------------------------------------------------------

_SVG = "{http://www.w3.org/2000/svg}"
_TRANSLATE = re.compile(r"translate\(([-\d.e]+),\s*([-\d.e]+)\)")


def _offset(element: ET.Element) -> tuple[float, float]:
    found = _TRANSLATE.search(element.get("transform", ""))
    return (float(found[1]), float(found[2])) if found else (0.0, 0.0)


def _axis_labels(svg: str) -> list[tuple[str, list[tuple[float, float, str, float]]]]:
    """Each axis (by its ARIA label) with its visible tick labels: (x, y, text, font size).

    The axis title is left out; positions are in the axis group's frame.
    """
    root = ET.fromstring(svg)
    axes = []
    for axis in root.iter(f"{_SVG}g"):
        if axis.get("aria-roledescription") != "axis":
            continue
        label = axis.get("aria-label", "")
        title = re.search(r"titled '(.*)' for", label)
        texts: list[tuple[float, float, str, float]] = []

        def walk(node: ET.Element, dx: float, dy: float, hidden: bool) -> None:
            ox, oy = _offset(node)
            hidden = hidden or node.get("opacity") == "0"
            if node.tag == f"{_SVG}text":
                text = "".join(node.itertext())
                if not hidden and text and not (title and text == title[1]):
                    size = float(node.get("font-size", "12px").removesuffix("px"))
                    texts.append((dx + ox, dy + oy, text, size))
                return
            for child in node:
                walk(child, dx + ox, dy + oy, hidden)

        walk(axis, 0.0, 0.0, False)
        axes.append((label, texts))
    return axes


def _svg(spec: dict[str, Any], width: int) -> str:
    return vl_convert.vegalite_to_svg(static_spec(spec, width), vl_version=VEGA_LITE_VERSION)


@each
@pytest.mark.parametrize("width", [720, 390])
def test_static_axes_never_repeat_a_label(spec, width: int) -> None:
    problems = []
    for label, texts in _axis_labels(_svg(spec, width)):
        along = 0 if label.startswith("X-axis") else 1
        ordered = [t[2] for t in sorted(texts, key=lambda t: t[along])]
        for left, right in zip(ordered, ordered[1:]):
            if left == right:
                problems.append(f"{label[:60]}: {left!r} twice in a row in {ordered}")
    assert not problems, "\n".join(problems)


@each
@pytest.mark.parametrize("width", [720, 390])
def test_static_x_axis_labels_do_not_overlap(spec, width: int) -> None:
    """Horizontal labels, centred on their ticks: widths estimated at 0.6 em a character."""
    problems = []
    for label, texts in _axis_labels(_svg(spec, width)):
        if not label.startswith("X-axis"):
            continue
        spans = sorted((x - 0.3 * size * len(text), x + 0.3 * size * len(text), text)
                       for x, _, text, size in texts)
        for (_, right, a), (left, _, b) in zip(spans, spans[1:]):
            if left < right:
                problems.append(f"{label[:60]}: {a!r} and {b!r} overlap")
    assert not problems, "\n".join(problems)
